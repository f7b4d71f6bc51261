#!/usr/bin/env bash
# What upstream users see of the console frontend and update_ms: the console
# that feeds a backend is named after it, "ramoops-1" (name and index -1) in
# /proc/consoles and in printk's "console [ramoops-1] enabled", not a
# generic "pstore"; the console record is console-ramoops-0;
# pstore.update_ms is root read-write (0600) as upstream, and setting it at
# run time makes an oops that the machine survives appear in the mounted
# pstore without a remount.
. "$(dirname "$0")/lib.sh"

# The markers go through the kernel log: a line the shell writes to the
# console can be split by a kernel message printed while the tty drains it
# ("update_ms-mode: [ 5.19] lastgasp-console-name-1501"); a printk line is
# written whole. printk_devkmsg=on lifts /dev/kmsg's rate limit.
boot 0 --allow-oops --append 'ramoops.max_reason=2' <<'G'
set -e
echo on > /proc/sys/kernel/printk_devkmsg
say() { echo "$*" > /dev/kmsg; }
cat /proc/consoles
awk '{ print "console-name:", $1 }' /proc/consoles | while read -r l; do say "$l"; done
P=/sys/module/pstore/parameters/update_ms
say "update_ms-mode: $(stat -c %a $P) value $(cat $P)"
echo "lastgasp-console-name-1501" > /dev/kmsg
echo 100 > $P
say "update_ms-now: $(cat $P)"
if ls /sys/fs/pstore | grep '^dmesg-'; then say "a dmesg record before the oops"; exit 1; fi
sh -c 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT' || true
i=0
while ! ls /sys/fs/pstore | grep -q '^dmesg-ramoops-'; do
	sleep 0.2
	i=$((i + 1))
	[ $i -lt 150 ] || { echo "no dmesg record after 30 s"; exit 1; }
done
grep -q 'Oops#1 Part1' /sys/fs/pstore/dmesg-ramoops-*
say "oops-shown-live: yes"
echo -1 > $P
say "update_ms-off: $(cat $P)"
if echo -5 > $P; then say "update_ms=-5 accepted"; exit 1; fi
say "scenario-ok"
G
console_has 1 'scenario-ok'
console_has 1 'console-name: ramoops-1$'
if grep -q 'console-name: pstore' "$state/boot1.log"; then fail "a console is still named pstore"; fi
console_has 1 'console \[ramoops-1\] enabled'
console_has 1 'update_ms-mode: 600 value -1'
console_has 1 'update_ms-now: 100'
console_has 1 'oops-shown-live: yes'
console_has 1 'update_ms-off: -1'

boot 0 <<'G'
set -e
ls /sys/fs/pstore
grep -q 'lastgasp-console-name-1501' /sys/fs/pstore/console-ramoops-0
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
