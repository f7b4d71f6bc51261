#!/usr/bin/env bash
# The read() contract of include/linux/pstore.h, as upstream keeps it: when
# ->read() returns an error the core frees only the record, the buffer is
# the backend's. lgtest.fail_read=1 fails reads the way the tree's
# efi-pstore does (kfree(record->buf) without clearing the pointer); a core
# that also frees record->buf frees it twice, which SLUB's consistency
# checks (slub_debug=F) report as "Object already free".
. "$(dirname "$0")/lib.sh"
two='lgtest.mem_address=0x8200000 lgtest.mem_size=0x100000'

boot 100 --append "$two" <<'G'
echo c > /proc/sysrq-trigger
G

boot 0 --append "$two lgtest.fail_read=1 slub_debug=F" <<'G'
set -e
ls /sys/fs/pstore
# every read of lgtest failed: none of its records is shown ...
! ls /sys/fs/pstore | grep -q '^dmesg-lgtest-'
grep -q 'Kernel panic - not syncing' /sys/fs/pstore/dmesg-ramoops-0
# ... but they are there, and show once reads work again
echo 0 > /sys/module/lgtest/parameters/fail_read
umount /sys/fs/pstore
mount -t pstore pstore /sys/fs/pstore
f=$(ls /sys/fs/pstore | grep '^dmesg-lgtest-' | head -1)
[ -n "$f" ] || { echo "no lgtest record after the failed reads"; exit 1; }
grep -q 'Kernel panic - not syncing' "/sys/fs/pstore/$f"
echo "scenario-ok"
G
console_has 2 'scenario-ok'
if grep -Eq 'Object already free|BUG [^ :]+ \((Not tainted|Tainted)' "$state/boot2.log"; then
	grep -E -A3 'Object already free|BUG [^ :]+ \(' "$state/boot2.log" | head -20
	fail "the core freed a buffer the backend owns (double free)"
fi
echo PASS
