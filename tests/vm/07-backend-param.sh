#!/usr/bin/env bash
# pstore.backend= selects the backends: with pstore.backend=lgtest only the
# test backend registers, sysfs names it, and the panic is saved there only.
. "$(dirname "$0")/lib.sh"
lg='lgtest.mem_address=0x8200000 lgtest.mem_size=0x100000'

boot 100 --append "$lg pstore.backend=lgtest" <<'G'
b=$(cat /sys/module/pstore/parameters/backend)
echo "backend param: [$b]"
[ "$b" = lgtest ] && echo "param-ok"
echo c > /proc/sysrq-trigger
G
console_has 1 'param-ok'

boot 0 --append "$lg" <<'G'
set -e
ls -l /sys/fs/pstore
ls /sys/fs/pstore | grep -q '^dmesg-lgtest-'
if ls /sys/fs/pstore | grep -q '^dmesg-ramoops-'; then echo "ramoops saved a dump it was not selected for"; exit 1; fi
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
