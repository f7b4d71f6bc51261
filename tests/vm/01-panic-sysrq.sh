#!/usr/bin/env bash
# A panic (sysrq-c) is saved in persistent RAM: the dmesg record holds the
# panic line and the stack, the console record what the console printed
# before the crash, the pmsg record what userspace wrote to /dev/pmsg0.
. "$(dirname "$0")/lib.sh"

boot 100 <<'G'
echo "lastgasp-console-marker-4711" > /dev/kmsg
echo "lastgasp-pmsg-marker-0815" > /dev/pmsg0
echo c > /proc/sysrq-trigger
G
console_has 1 'Kernel panic - not syncing'

boot 0 <<'G'
set -e
ls -l /sys/fs/pstore
cd /sys/fs/pstore
grep -q 'Kernel panic - not syncing' dmesg-ramoops-0
grep -q 'sysrq_handle_crash' dmesg-ramoops-0
grep -q 'Panic#1 Part1' dmesg-ramoops-0
grep -q 'lastgasp-console-marker-4711' console-ramoops-0
grep -q 'lastgasp-pmsg-marker-0815' pmsg-ramoops-0
# root only: a log can hold secrets
[ "$(stat -c %a /sys/fs/pstore)" = 700 ] || { echo "pstore dir mode $(stat -c %a /sys/fs/pstore)"; exit 1; }
[ "$(stat -c %a dmesg-ramoops-0)" = 400 ] || { echo "file mode $(stat -c %a dmesg-ramoops-0)"; exit 1; }
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
