#!/usr/bin/env bash
# A panic (sysrq-c) is saved in persistent RAM (the stage-1 line says
# ramoops stored it): the dmesg record holds the panic line and the stack,
# the console record what the console printed before the crash, the pmsg
# record what userspace wrote to /dev/pmsg0.
. "$(dirname "$0")/lib.sh"

boot 100 <<'G'
echo "lastgasp-console-marker-4711" > /dev/kmsg
echo "lastgasp-pmsg-marker-0815" > /dev/pmsg0
date +%s > /host/panic-clock; sync
echo c > /proc/sysrq-trigger
G
console_has 1 'Kernel panic - not syncing'
console_has 1 'lastgasp: stage 1: log dumped in [0-9]+ us: .*ramoops ok'
grep -o 'lastgasp: stage 1: log dumped[^[:cntrl:]]*' "$state/boot1.log"

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
# mtime is the record's time (the panic in boot 1), not the time of this boot
t=$(stat -c %Y dmesg-ramoops-0); now=$(date +%s)
[ "$t" -lt "$now" ] && [ "$t" -gt $((now - 600)) ] || { echo "mtime $t, now $now"; exit 1; }
p=$(cat /host/panic-clock)
[ $((t - p)) -ge -1 ] && [ $((t - p)) -le 5 ] || { echo "mtime $t is not the panic time $p"; exit 1; }
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
