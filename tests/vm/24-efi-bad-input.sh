#!/usr/bin/env bash
# Bad input for the EFI backend (OVMF). Boot 1 plants variables with the
# crash GUID: a good compressed record and a good plain one, a truncated
# and a corrupted compressed one, a foreign name and a type out of range,
# then panics. Boot 2: the good
# records are listed next to the new panic, the damaged ones shown as
# .enc.z, the foreign ones reported and ignored; with max_dumps=5 the
# oldest of the six dumps is deleted at boot.
# (A firmware that refuses SetVariable: 25-efi-refused.sh.)
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files
bad=$LASTGASP_VM_FILES/bad
mkdir -p "$bad"
python3 - "$bad" <<'PY'
import sys, zlib, random
d = sys.argv[1]
random.seed(24)
text = "Panic#3 Part1\n" + "".join(
    "<4>[   %d.%06d] lastgasp-bad-input line %d\n" % (i, i * 7, i) for i in range(400))
text += "<0>[  400.000000] lastgasp-bad-input-good-2401\n"
c = zlib.compressobj(9, zlib.DEFLATED, -15)
z = c.compress(text.encode()) + c.flush()
attr = b"\x07\x00\x00\x00"
open(d + "/good-C", "wb").write(attr + z)
open(d + "/good-D", "wb").write(attr + b"Oops#4 Part1\nlastgasp-bad-input-plain-2402\n")
open(d + "/trunc-C", "wb").write(attr + z[: len(z) // 2])
bad = bytearray(z)
for i in range(len(bad) // 3, len(bad) // 3 + 64):
    bad[i] = random.randrange(256)
open(d + "/corrupt-C", "wb").write(attr + bytes(bad))
open(d + "/foreign", "wb").write(attr + b"not a dump")
PY

boot 100 --efi <<'G'
. /efi-funcs.sh
put() { dd if=/bad/$1 of=$EV/$2-$CRASH_GUID bs=$(stat -c %s /bad/$1) count=1 2>/dev/null || echo "cannot write $2"; }
put good-D dump-type0-1-2-1600000000-D
put good-C dump-type0-1-3-1700000000-C
put good-D dump-type0-1-4-1700000100-D
put trunc-C dump-type0-1-5-1700000200-C
put corrupt-C dump-type0-1-6-1700000300-C
put foreign lastgasp-foreign
put foreign dump-type99-1-1-1700000400-C
echo "lastgasp-bad-input-panic-2403" > /dev/kmsg
echo c > /proc/sysrq-trigger
G

boot 0 --efi --append pstore_efi.max_dumps=5 <<'G'
set -e
. /efi-funcs.sh
cd /sys/fs/pstore
ls
# max_dumps=5: the oldest of six dumps was deleted at boot
[ ! -e dmesg-efi_pstore-160000000001002 ]
! ls $EV | grep -q dump-type0-1-2-1600000000-D
grep -q 'lastgasp-bad-input-good-2401' dmesg-efi_pstore-170000000001003
grep -q 'lastgasp-bad-input-plain-2402' dmesg-efi_pstore-170000010001004
[ -f dmesg-efi_pstore-170000020001005.enc.z ]
[ -f dmesg-efi_pstore-170000030001006.enc.z ]
# the four planted records and the new panic's parts
[ "$(ls | grep -c '^dmesg-efi_pstore-17000')" = 4 ]
[ "$(ls | grep efi_pstore | grep -vc '^dmesg-efi_pstore-17000')" -ge 1 ]
# the marker is in one of the new panic's parts (with 1 KiB records Part1
# alone holds too little of a KASAN kernel's longer panic output)
cat $(ls | grep '^dmesg-efi_pstore-' | grep -v '^dmesg-efi_pstore-1[67]0000') |
	grep -q 'lastgasp-bad-input-panic-2403'
grep -q 'lastgasp-bad-input-panic-2403' dmesg-ramoops-0
# unlinking a damaged record removes it too
rm dmesg-efi_pstore-170000020001005.enc.z
umount $EV; mount -t efivarfs efivarfs $EV
! ls $EV | grep -q dump-type0-1-5-1700000200-C
echo "scenario-ok"
G
console_has 2 'scenario-ok'
console_has 2 'pstore_efi: max_dumps=5: removed 1 variables of 1 older dumps'
console_has 2 'variable lastgasp-foreign has the crash GUID but is not a dump record: ignored'
console_has 2 'variable dump-type99-1-1-1700000400-C has the crash GUID but is not a dump record: ignored'
console_has 2 'record 170000020001005 of .efi_pstore. .* does not decompress'
console_has 2 'record 170000030001006 of .efi_pstore. .* does not decompress'
echo PASS
