#!/usr/bin/env bash
# A panic on NAND, in the paged format, read after the reboot. nandsim's
# pages do not survive a reboot (tests/vm/65), so this uses lgnand
# (tests/modules/lgflash/lgnand.c): a strict NAND chip (512-byte pages,
# 16 KiB blocks, block 3 bad) in 512 KiB of RAM the kernel leaves alone,
# which tools/vm's RAM file keeps. It refuses, and counts, any program
# that is not whole erased pages above the last programmed page of the
# block. The dump goes through its panic write; the host tool decodes the
# region from ram.img; the next boot shows every part, and unlinking them
# writes delete marks. No rule is broken in either boot (a deliberate
# reprogram at the end shows the check works).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

BASE=0x8400000
SIZE=0x80000
APPEND="memmap=512K\$$BASE lgnand.base=$BASE lgnand.size=$SIZE lgnand.bad=3 pstore_flash.mtddev=lgnand pstore_flash.gc_delay_ms=10"
V=/sys/module/lgnand/parameters/violations

boot 100 --timeout 300 --append "$APPEND" <<G
. /flash-funcs.sh
gc_wait
fshow
echo "nand-violations: \$(cat $V)"
echo "lastgasp-nand-marker" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 "lgnand: mtd0: $BASE\\+$SIZE, pages of 512, blocks of 16384, bad block 3"
console_has 1 'pstore_flash: mtd0 lgnand: 32 blocks of 16384 bytes \(1 bad, .*paged format, page 512'
console_has 1 'nand-violations: 0'
console_has 1 'stage 1: log dumped in [0-9]+ us: .*flash ok \([0-9]+ us\)'
grep -o 'stage 1: log dumped[^[:cntrl:]]*' "$state/boot1.log"
! grep -q 'lgnand: violation' "$state/boot1.log" || fail "a NAND rule was broken"

phys_read $BASE $SIZE > "$state/nand1.img"
"$PF" decode "$state/nand1.img" > "$state/decode1" ||
	fail "decode: $(tail -3 "$state/decode1")"
tail -1 "$state/decode1"
grep -q '^summary .* page 512 ' "$state/decode1" || fail "host did not see the paged format"
nhost=$(grep -c ' status ok$' "$state/decode1")
[ "$nhost" -ge 2 ] || fail "host decodes $nhost records, want every part (>= 2)"

boot 0 --timeout 300 --append "$APPEND" <<G
set -e
. /flash-funcs.sh
fshow
parts_in_order Panic
grep -q 'Kernel panic - not syncing' \$FIRST
grep -q 'Call Trace' \$FIRST
cat /sys/fs/pstore/dmesg-flash-* | grep -q lastgasp-nand-marker
gc_wait
rm /sys/fs/pstore/dmesg-flash-*
gc_wait
fshow
! ls /sys/fs/pstore | grep '^dmesg-flash-'
echo "nand-violations: \$(cat $V)"
# the chip does enforce: programming block 0's header page again is refused
! dd if=/dev/zero of=/dev/mtd0 bs=512 count=1 2>/dev/null
echo "nand-violations-after-probe: \$(cat $V)"
echo "scenario-ok"
G
console_has 2 'scenario-ok'
console_has 2 'nand-violations: 0'
console_has 2 'nand-violations-after-probe: 1'
[ "$(grep -c 'lgnand: violation' "$state/boot2.log")" = 1 ] ||
	fail "a NAND rule was broken before the probe"
n=$(grep -Eo 'flash-files: [0-9]+' "$state/boot2.log" | awk '{print $2}')
[ "$n" = "$nhost" ] || fail "guest shows $n records, host decoded $nhost"
[ "$(status_of 2 live)" = 0 ] || fail "records live after unlink"
[ "$(status_of 2 bad)" = 1 ] || fail "bad block 3 not skipped"
phys_read $BASE $SIZE > "$state/nand2.img"
"$PF" decode "$state/nand2.img" > "$state/decode2" || fail "decode after unlink"
tail -1 "$state/decode2"
grep -q ' records ok 0 ' "$state/decode2" || fail "host still shows records"
echo PASS
