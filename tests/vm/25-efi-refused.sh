#!/usr/bin/env bash
# A firmware that refuses SetVariable. Before boot 1 the test writes into
# the OVMF variable store file, on the host, a variable for every name the
# panic's first EFI part can take (dump-type0-1-1-<second>-C over a window
# of seconds; the guest clock starts at a fixed time, -rtc base=), with
# attributes NV|BS and no runtime access. At runtime the firmware answers
# SetVariable on such a name with EFI_WRITE_PROTECTED. Expected: the EFI
# backend reports the refusal, ramoops (written before it) holds the panic,
# the machine goes on to its reboot, and boot 2 comes up clean.
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files

base=2024-01-01T00:00:00
t0=$(date -u -d "$base" +%s)
window=240
vars=${LASTGASP_OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}
[ -f "$vars" ] || fail "$vars not found: install ovmf (make deps)"
cp "$vars" "$state/vars.fd"
python3 - "$state/vars.fd" "$t0" "$window" <<'PY' || fail "cannot plant the variables"
import struct, sys, uuid
path, t0, window = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = bytearray(open(path, "rb").read())
# EFI_FIRMWARE_VOLUME_HEADER, then the authenticated variable store
hlen = struct.unpack_from("<H", d, 48)[0]
assert d[40:44] == b"_FVH", "not a firmware volume"
store_guid = uuid.UUID("aaf32c78-947b-439a-a180-2e144ec37792")
assert uuid.UUID(bytes_le=bytes(d[hlen:hlen + 16])) == store_guid, "not an authenticated variable store"
store_size = struct.unpack_from("<I", d, hlen + 16)[0]
end = hlen + store_size
p = hlen + 28
while struct.unpack_from("<H", d, p)[0] == 0x55AA:     # skip what is there
    ns, ds = struct.unpack_from("<II", d, p + 36)
    p = (p + 60 + ns + ds + 3) & ~3
crash = uuid.UUID("cfc8fc79-be2e-4ddc-97f0-9f98bfe298a0").bytes_le
NV_BS = 0x3          # non-volatile, boot services; no EFI_VARIABLE_RUNTIME_ACCESS
VAR_ADDED = 0x3F
for s in range(t0, t0 + window):
    name = ("dump-type0-1-1-%d-C" % s).encode("utf-16le") + b"\0\0"
    data = b"lastgasp-planted"
    # AUTHENTICATED_VARIABLE_HEADER (60 bytes): StartId, State, Reserved,
    # Attributes, MonotonicCount, TimeStamp, PubKeyIndex, NameSize,
    # DataSize, VendorGuid; then the name and the data, next header at 4.
    hdr = struct.pack("<HBBIQ16sIII16s", 0x55AA, VAR_ADDED, 0, NV_BS, 0,
                      bytes(16), 0, len(name), len(data), crash)
    rec = hdr + name + data
    assert p + len(rec) < end, "store full"
    d[p:p + len(rec)] = rec
    p = (p + len(rec) + 3) & ~3
open(path, "wb").write(d)
PY
export LASTGASP_QEMU_EXTRA="-rtc base=$base"

boot 100 --efi <<'G'
. /efi-funcs.sh
echo "efi-store: before $(store) vars $(dump_vars)"
date +%s > /host/panic-clock; sync
echo "lastgasp-refused-marker-2501" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
t=$(cat "$state/panic-clock")
[ "$t" -ge "$t0" ] && [ "$t" -lt $((t0 + window - 5)) ] ||
	fail "the guest clock said $t at the panic, outside the planted window $t0+$window"
# the firmware's EFI_WRITE_PROTECTED, reported; RAM (written first) stored it
console_has 1 'pstore_efi: dump #1 part 1: the firmware refused SetVariable \(EFI status 0x8000000000000008, -30\)'
console_has 1 "Panic dump #1: backend 'efi_pstore' write failed \(-30\)"
console_has 1 'stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), efi_pstore failed -30'

boot 0 --efi <<'G'
set -e
. /efi-funcs.sh
echo "efi-store: after-panic $(store) vars $(dump_vars)"
ls /sys/fs/pstore
grep -q 'lastgasp-refused-marker-2501' /sys/fs/pstore/dmesg-ramoops-0
grep -q 'Kernel panic - not syncing' /sys/fs/pstore/dmesg-ramoops-0
# nothing of this panic in EFI variables; the planted ones stay out of sight
! ls /sys/fs/pstore | grep -q '^dmesg-efi'
[ "$(dump_vars)" = 0 ]
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
