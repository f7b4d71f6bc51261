#!/usr/bin/env bash
# Two backends at once: ramoops and the lgtest backend (a second reserved
# region) both hold the same panic.
. "$(dirname "$0")/lib.sh"
two='lgtest.mem_address=0x8200000 lgtest.mem_size=0x100000'

boot 100 --append "$two" <<'G'
cat /sys/module/pstore/parameters/backend
echo c > /proc/sysrq-trigger
G

boot 0 --append "$two" <<'G'
set -e
ls -l /sys/fs/pstore
cat /sys/module/pstore/parameters/backend
grep -q 'Kernel panic - not syncing' /sys/fs/pstore/dmesg-ramoops-0
f=$(ls /sys/fs/pstore | grep '^dmesg-lgtest-' | head -1)
[ -n "$f" ] || { echo "no lgtest record"; exit 1; }
grep -q 'Kernel panic - not syncing' "/sys/fs/pstore/$f"
grep -q 'sysrq_handle_crash' "/sys/fs/pstore/$f"
echo "scenario-ok"
G
console_has 2 'scenario-ok'
console_has 2 'ramoops,lgtest|lgtest,ramoops'
echo PASS
