#!/usr/bin/env bash
# lastgasp status in the guest, against the real sysfs of a lastgasp kernel:
# RAM and flash backends and the panic order; after a panic, the record
# waiting, EFI's store and floor under OVMF and a crash kernel loaded with
# its digests taken; and a non-zero exit when no backend would save anything.
. "$(dirname "$0")/lib.sh"
lg=$top/build/bin/lastgasp
[ -x "$lg" ] || fail "$lg not built (make tools)"

# Boot 1 has the flash backend too: a fresh 256 KiB NOR flash, which the
# backend formats after boot, so status is read once its pool is ready.
boot 100 --mem 512 --flash 256K --append pstore_flash.mtddev=0 --bin "$lg" <<G
i=0
until $lg status --json | grep -q '"pool": [1-9]'; do
	i=\$((i + 1)); [ \$i -lt 600 ] || { echo "flash pool still empty"; break; }; sleep 0.2
done
$lg status; echo "status-exit=\$?"
$lg status --json > /tmp/s.json; echo "json-exit=\$?"
grep -q '"verdict": "saved"' /tmp/s.json && grep -q '"panic_order": "dump-first"' /tmp/s.json && echo json-ok
echo c > /proc/sysrq-trigger
G
console_has 1 'status-exit=0'
console_has 1 'json-exit=0'
console_has 1 'json-ok'
console_has 1 "a panic's log would be saved in 2 backends \(ramoops, flash\)"
console_has 1 '1\. ramoops +RAM 1 MiB at 0x8000000: 4 dmesg zones of 159 KiB, console 256 KiB, pmsg 128 KiB'
console_has 1 '2\. flash +flash mtd0 [^:]*: 64 blocks of 4 KiB \(256 KiB\), [0-9]+ free, [0-9]+ erased, pool [1-9][0-9]* of [0-9]+ wanted; [0-9]+ records'
console_has 1 'panic order: +dump-first: dump into every backend, then kdump'
console_has 1 'crash kernel: +not loaded, no memory reserved'
console_has 1 'kmsg_bytes: +[0-9]+'

# (--mem 512 throughout: --kdump needs it, and one machine keeps its RAM size.)
# The same machine rebooted under OVMF with a crash kernel: the panic's
# record waits, EFI is the second backend with its store and floor, kdump
# is loaded and its digests were taken at load.
boot 0 --kdump --efi --bin "$lg" <<G
$lg status; echo "status-exit=\$?"
echo "crash-digests=\$(cat /sys/kernel/kexec_crash_digests)"
G
console_has 2 'status-exit=0'
console_has 2 'records: +[0-9]+ in /sys/fs/pstore: .*dmesg-ramoops x1'
console_has 2 'crash kernel: +loaded, 128 MiB reserved \(crashkernel=128M\)'
console_has 2 'digests: +SHA-256 of [0-9]+ segments \([0-9.]+ [KM]iB\) taken at load, checked before the jump.?$'
# from panic/0005's sysfs file, not from the load's log line
console_has 2 'crash-digests=[1-9][0-9]* [1-9][0-9]*.?$'
console_has 2 "saved in 2 backends \(ramoops, efi_pstore\), and kdump would run"
console_has 2 '2\. efi_pstore +EFI variable store [0-9.]+ [KM]iB: [0-9.]+ [KM]iB free, floor [0-9.]+ [KM]iB \([0-9.]+ [KM]iB above it\)'

boot 0 --mem 512 --append pstore.backend=none --bin "$lg" <<G
$lg status; echo "status-exit=\$?"
G
console_has 3 'status-exit=1'
console_has 3 'NOTHING would be saved'
console_has 3 'WARNING: no pstore backend is registered: a panic.s log is written nowhere; pstore.backend=none'
echo PASS
