#!/usr/bin/env bash
# A full ACPI ERST store refuses cleanly. A 32 KiB store (tools/vm --erst
# 32K: slot 0 is QEMU's header, so three 8 KiB records) is filled by oopses
# that do not panic (each saved to ERST like upstream does), until the
# core logs that erst refused a write; then a panic:
#  boot 1: the panic's write to erst fails with a clear line, ramoops still
#          holds the panic (it comes first in the risk order), the kernel
#          reaches the end of the panic path (QEMU exits, nothing hangs);
#  boot 2: boots clean, reads the ERST records the oopses left and the
#          panic from ramoops.
. "$(dirname "$0")/lib.sh"

boot 100 --erst 32K --allow-oops --timeout 300 <<'G'
i=0
while [ $i -lt 8 ]; do
	i=$((i + 1))
	# the oops kills the writing process: provoke it from a child
	sh -c 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT'
	dmesg | grep -q "backend 'erst' write failed" && break
done
echo "erst-full: store refused a write after $i oopses"
dmesg | grep "backend 'erst' write failed" | head -3
echo "lastgasp-erst-full-2701" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'erst-full: store refused a write after [0-9]+ oopses'
console_has 1 "Oops dump #[0-9]+: backend 'erst' write failed \(-28\)"
console_has 1 "Panic dump #[0-9]+: backend 'erst' write failed \(-28\)"
console_has 1 'stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), erst failed -28 \([0-9]+ us\)'
grep -Eo 'erst-full: [^[:cntrl:]]*|stage 1: log dumped in [^[:cntrl:]]*' "$state/boot1.log"

boot 0 --erst 32K --timeout 240 <<'G'
set -e
cd /sys/fs/pstore
ls -l
n=$(ls | grep -c '^dmesg-erst-')
[ "$n" -ge 1 ] && [ "$n" -le 3 ] || { echo "$n ERST records in a store of 3 slots"; exit 1; }
cat dmesg-erst-* > /tmp/erst.txt
grep -q '^Oops#' /tmp/erst.txt
! grep -q 'lastgasp-erst-full-2701' /tmp/erst.txt
cat dmesg-ramoops-* > /tmp/ram.txt
grep -q 'lastgasp-erst-full-2701' /tmp/ram.txt
grep -q 'Kernel panic - not syncing: sysrq triggered crash' /tmp/ram.txt
echo "erst-full: $n ERST records of oopses, the panic in ramoops"
echo "scenario-ok"
G
console_has 2 'scenario-ok'
grep -Eo 'erst-full: [0-9]+ ERST records[^[:cntrl:]]*' "$state/boot2.log"
echo PASS
