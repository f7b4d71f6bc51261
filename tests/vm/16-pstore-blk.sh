#!/usr/bin/env bash
# pstore/blk on a virtio disk partition (tools/vm --disk, /dev/vda1): the
# tree's own zone.c and blk.c built against lastgasp's core register as
# backend 'pstore_blk' beside ramoops. An oops the machine survives is
# written to the disk (virtio has no panic write, so best_effort=y: the
# write happens from a work item after the oops, as upstream), with the
# console and pmsg zones; the next boot reads them back from the disk as
# dmesg-/console-/pmsg-pstore_blk-0. Each console backend has a console
# named after it.
. "$(dirname "$0")/lib.sh"

BLK="pstore_blk.blkdev=/dev/vda1 pstore_blk.best_effort=y"

boot 0 --disk --allow-oops --timeout 300 --append "$BLK" <<'G'
set -e
awk '{ print "console-name:", $1 }' /proc/consoles
echo "lastgasp-blk-console-1601" > /dev/kmsg
echo "lastgasp-blk-pmsg-1602" > /dev/pmsg0
sh -c 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT' || true
echo "after-oops: still running"
# zone.c flushes dirty zones from a work item every 0.5-1 s.
sleep 3
sync
G
console_has 1 'pstore_blk: attached /dev/vda1'
console_has 1 "registered backend 'pstore_blk'"
console_has 1 'console-name: pstore_blk-1$'
console_has 1 'console-name: ramoops-1$'
console_has 1 'Oops'
console_has 1 'after-oops: still running'
# On the disk itself, not only in memory (the console zone is plain text).
grep -aq 'lastgasp-blk-console-1601' "$state/disk.img" ||
	fail "the console record is not on the disk image"

boot 0 --disk --timeout 300 --append "$BLK" <<'G'
set -e
ls -l /sys/fs/pstore
cd /sys/fs/pstore
[ "$(head -1 dmesg-pstore_blk-0)" = 'Oops#1 Part1' ]
grep -q lkdtm dmesg-pstore_blk-0
grep -q 'lastgasp-blk-console-1601' console-pstore_blk-0
grep -q 'lastgasp-blk-pmsg-1602' pmsg-pstore_blk-0
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
