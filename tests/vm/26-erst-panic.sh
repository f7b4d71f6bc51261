#!/usr/bin/env bash
# ACPI ERST beside ramoops: QEMU's acpi-erst device (tools/vm --erst, the
# store kept in DIR/erst.img), the kernel tree's own drivers/acpi/apei/
# erst.c registered with lastgasp's core through the kept pstore API.
#  boot 1: ramoops and erst registered, erst in the firmware risk class
#          (after RAM); a panic; the stage-1 line times both;
#  boot 2: the panic is in dmesg-erst-* and dmesg-ramoops-0; one ERST
#          record is unlinked;
#  boot 3: it is gone from the store, the others are still there.
. "$(dirname "$0")/lib.sh"

boot 100 --erst --timeout 240 <<'G'
echo "lastgasp-erst-panic-2601" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'ERST: Error Record Serialization Table \(ERST\) support is initialized'
console_has 1 "registered backend 'ramoops' \(risk class 0"
console_has 1 "registered backend 'erst' \(risk class 2"
console_has 1 'stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), erst ok \([0-9]+ us\)'
grep -Eo 'stage 1: log dumped in [^[:cntrl:]]*' "$state/boot1.log"
[ -s "$state/erst.img" ] || fail "no DIR/erst.img"

boot 0 --erst --timeout 240 <<'G'
set -e
cd /sys/fs/pstore
ls -l
for f in dmesg-erst-*; do
	[ -f "$f" ] || { echo "no dmesg-erst-* record"; exit 1; }
done
cat dmesg-erst-* > /tmp/erst.txt
grep -q 'lastgasp-erst-panic-2601' /tmp/erst.txt
grep -q 'Kernel panic - not syncing: sysrq triggered crash' /tmp/erst.txt
grep -q '^Panic#1 Part1' /tmp/erst.txt
grep -q 'sysrq_handle_crash' /tmp/erst.txt
grep -q 'lastgasp-erst-panic-2601' dmesg-ramoops-0
grep -q 'Kernel panic - not syncing: sysrq triggered crash' dmesg-ramoops-0
set -- dmesg-erst-*
echo "erst-records $#" > /host/erst-count
# unlink deletes the record from the store
rm "$1"
[ ! -e "$1" ]
echo "$1" > /host/erst-removed
echo "scenario-ok"
G
console_has 2 'scenario-ok'
read -r _ n < "$state/erst-count"
removed=$(cat "$state/erst-removed")

boot 0 --erst --timeout 240 <<G
set -e
ls -l /sys/fs/pstore
[ ! -e /sys/fs/pstore/$removed ]
n=\$(ls /sys/fs/pstore | grep -c '^dmesg-erst-' || true)
[ "\$n" = $((n - 1)) ] || { echo "\$n ERST records after unlinking one of $n"; exit 1; }
echo "scenario-ok"
G
console_has 3 'scenario-ok'
echo "ERST held the panic in $n records; unlink removed $removed"
echo PASS
