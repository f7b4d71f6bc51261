#!/usr/bin/env bash
# mtdpstore (drivers/mtd/mtdpstore.c) on the VM's NOR flash (tools/vm
# --flash, mtd0, 4 KiB erase blocks, so 4 KiB records): through the tree's
# own pstore/blk and pstore/zone built against lastgasp's core, a panic is
# written with the flash driver's panic_write (panic/0003) after ramoops,
# and the next boot reads it back from the flash as dmesg-pstore_blk-0.
#
# Only a panic: an oops the machine survives reaches mtdpstore_write() with
# interrupts off (the dump holds psi->buf_lock, as upstream's core does)
# and the CFI driver sleeps there, which CONFIG_DEBUG_ATOMIC_SLEEP reports;
# upstream 6.12 behaves the same (see docs/zone.md).
. "$(dirname "$0")/lib.sh"

MTD="pstore_blk.blkdev=0 pstore_blk.kmsg_size=4 pstore_blk.max_reason=2"

boot 100 --flash 256K --timeout 300 --append "$MTD" <<'G'
echo "lastgasp-mtd-marker-1701" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'mtdoops-pstore: Attached to MTD device 0'
console_has 1 "registered backend 'pstore_blk'"
console_has 1 'lastgasp: stage 1: log dumped .*ramoops ok .*pstore_blk ok'

boot 0 --flash 256K --timeout 300 --append "$MTD" <<'G'
set -e
ls -l /sys/fs/pstore
cd /sys/fs/pstore
[ "$(head -1 dmesg-pstore_blk-0)" = 'Panic#1 Part1' ]
grep -q 'sysrq_handle_crash' dmesg-pstore_blk-0
grep -q 'Kernel panic - not syncing' dmesg-pstore_blk-0
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
