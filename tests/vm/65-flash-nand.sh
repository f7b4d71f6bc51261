#!/usr/bin/env bash
# The flash backend on NAND, in the paged format: nandsim (4 MiB, 512-byte
# pages, 8 KiB erase blocks) loaded as a module, its first 64 blocks a
# partition (mtd0) with block 5 bad, and block 10 weak (its first erase
# fails). Before the backend attaches, a page of junk is written into
# block 10: the collector erases it, the erase fails, and the block is
# retired and marked bad (mtd_block_markbad), so the next attach finds it
# bad. The collector formats every other good block without erasing,
# block 5 is skipped; an oops that does not panic is
# saved from the work item; detaching the backend (writing "" to
# pstore_flash.mtddev) and attaching it again in the same boot reads every
# part back; the host tool decodes the same records from a copy of
# /dev/mtd0; unlinking writes delete marks, which survive another
# detach/attach and the host tool honours.
# nandsim keeps its contents in the guest's RAM, so a panic on it cannot be
# read after a reboot: tests/vm/67-flash-nand-panic.sh panics on lgnand, a
# strict NAND chip in reserved RAM, instead.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

ko=$top/build/obj/drivers/mtd/nand/raw/nandsim.ko
[ -f "$ko" ] || fail "$ko missing: make kernel (configs/test.config builds nandsim as a module)"
cp "$ko" "$gs_dir/files/nandsim.ko"

boot 0 --allow-oops --timeout 400 <<'G'
set -e
. /flash-funcs.sh
MD=/sys/module/pstore_flash/parameters/mtddev
insmod /nandsim.ko id_bytes=0x98,0xe3 parts=64 badblocks=5 weakblocks=10:0
cat /proc/mtd
# junk in block 10 (offset 0x14000), then attach
head -c 512 /dev/zero | dd of=/dev/mtd0 bs=512 seek=160 2>/dev/null
echo 0 > $MD
gc_wait
fshow
sh -c 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT' || true
echo "after-oops: still running"
gc_wait
fshow

echo "" > $MD
echo "detached-status: $(cat $FS)"
! ls /sys/fs/pstore | grep '^dmesg-flash-'
echo 0 > $MD
gc_wait
fshow
parts_in_order Oops
grep -q lkdtm $FIRST
grep -q 'Call Trace' $FIRST
dd if=/dev/mtd0 of=/host/nand1.img bs=8192 2>/dev/null

rm /sys/fs/pstore/dmesg-flash-*
gc_wait
fshow
echo "" > $MD
echo 0 > $MD
gc_wait
fshow
! ls /sys/fs/pstore | grep '^dmesg-flash-'
dd if=/dev/mtd0 of=/host/nand2.img bs=8192 2>/dev/null
echo "scenario-ok"
G
console_has 1 'scenario-ok'
console_has 1 'pstore_flash: mtd0 .*: 64 blocks of 8192 bytes \(1 bad, 62 erased, 1 dirty, 0 free, 0 used\).*paged format, page 512'
console_has 1 'pstore_flash: block 10 \(0x14000\): erase or format failed \(-[0-9]+\): block retired'
console_has 1 'pstore_flash: block at 0x14000 marked bad'
console_has 1 'pstore_flash: mtd0 .*: 64 blocks of 8192 bytes \(2 bad, 0 erased, 0 dirty, 59 free, 3 used\)'
console_has 1 'pstore_flash: oops dump saved: [0-9]+ records'
console_has 1 'detached-status: detached'
grep -Eo 'flash-status: [^[:cntrl:]]*' "$state/boot1.log"
[ "$(grep -Eo 'flash-status: [^[:cntrl:]]*' "$state/boot1.log" | head -1 |
	awk '{ for (i = 1; i < NF; i++) if ($i == "page") print $(i + 1) }')" = 512 ] ||
	fail "status does not say page 512"
[ "$(status_of 1 bad)" = 2 ] || fail "bad blocks 5 and 10 not skipped"
[ "$(status_of 1 live)" = 0 ] || fail "records live after unlink"
[ "$(status_of 1 torn)" = 0 ] || fail "torn records"
n=$(grep -Eo 'flash-files: [0-9]+' "$state/boot1.log" | awk '{print $2}')
[ "$n" -ge 2 ] || fail "read back $n parts of the oops, want all (>= 2)"

"$PF" decode "$state/nand1.img" > "$state/decode1" ||
	fail "pstore-flash decode: $(tail -3 "$state/decode1")"
tail -1 "$state/decode1"
grep -q '^summary .* page 512 ' "$state/decode1" || fail "host did not see the paged format"
nhost=$(grep -c ' status ok$' "$state/decode1")
[ "$nhost" = "$n" ] || fail "host decodes $nhost records, the guest showed $n"
seq=$(awk '$1 == "record" && / status ok$/ { print $3; exit }' "$state/decode1")
"$PF" decode --text "$seq" "$state/nand1.img" > "$state/text1" &&
	grep -q 'Oops#1 Part1' "$state/text1" ||
	fail "record $seq does not start the oops"

"$PF" decode "$state/nand2.img" > "$state/decode2" ||
	fail "pstore-flash decode after unlink: $(tail -3 "$state/decode2")"
tail -1 "$state/decode2"
grep -q ' records ok 0 ' "$state/decode2" || fail "host still shows records after unlink"
echo PASS
