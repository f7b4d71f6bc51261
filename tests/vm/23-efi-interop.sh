#!/usr/bin/env bash
# Interop with Debian's stock 6.1 kernel and its efi-pstore module, on one
# OVMF machine:
#  boot 1 (ours, pstore_efi.record_size=1024, the default: 6.1 reads at
#         most 1 KiB per variable) panics;
#  boot 2 (stock 6.1) lists and reads our records, then panics itself;
#  boot 3 (ours) reads the stock kernel's records next to ours.
# (A store that also holds lastgasp's dense records, and upstream 6.12 as
# a reader: 28-efi-stock-readers.sh.)
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files
stock61_files

boot 100 --efi --append pstore_efi.record_size=1024 <<'G'
. /efi-funcs.sh
echo "efi-store: ours-before $(store) vars $(dump_vars)"
echo "lastgasp-interop-ours-2301" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'registered: records of 1024 bytes'

boot 100 --efi --kernel "$STOCK_KERNEL" --allow-warn <<'G'
. /stock61.sh
insmod /m61/efi-pstore.ko || echo "stock61: insmod efi-pstore failed"
ls /sys/fs/pstore
ok=1
set -- /sys/fs/pstore/dmesg-efi*
[ -f "$1" ] || ok=0
cat /sys/fs/pstore/dmesg-efi* > /tmp/ours.txt 2>/dev/null
grep -q 'lastgasp-interop-ours-2301' /tmp/ours.txt || ok=0
grep -q 'Kernel panic - not syncing: sysrq triggered crash' /tmp/ours.txt || ok=0
grep -q 'sysrq_handle_crash' /tmp/ours.txt || ok=0
grep -q '^Panic#1 Part1' /tmp/ours.txt || ok=0
echo "stock61: $# records of ours, read ok=$ok"
echo "$ok $#" > /host/stock-read
ls $EV | grep -c "^dump-type0-" > /host/vars-before-stock-panic
sync
echo "lastgasp-interop-stock-2302" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
read -r ok n < "$state/stock-read" || fail "boot 2 left no result"
[ "$ok" = 1 ] || fail "the stock 6.1 kernel did not read our records ($n files)"
console_has 2 'Linux version 6\.1\.'

boot 0 --efi <<'G'
set -e
. /efi-funcs.sh
echo "efi-store: ours-after-stock $(store) vars $(dump_vars)"
ls /sys/fs/pstore
cat /sys/fs/pstore/dmesg-efi_pstore-* > /tmp/all.txt
grep -q 'lastgasp-interop-ours-2301' /tmp/all.txt
grep -q 'lastgasp-interop-stock-2302' /tmp/all.txt
[ "$(grep -c 'Kernel panic - not syncing: sysrq triggered crash' /tmp/all.txt)" -ge 2 ]
n=$(ls /sys/fs/pstore | grep -c '^dmesg-efi_pstore-')
[ "$n" = "$(dump_vars)" ] || { echo "$n files for $(dump_vars) variables"; exit 1; }
echo "scenario-ok"
G
console_has 3 'scenario-ok'
for b in 1 3; do store_line $b; done
echo "stock 6.1 read $n of our records"
echo PASS
