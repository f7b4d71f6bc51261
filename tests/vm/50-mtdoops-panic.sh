#!/usr/bin/env bash
# Upstream's mtdoops saves a panic on QEMU's NOR flash (CFI command set
# 0001) through mtd_panic_write(), which panic/0003 gives this chip. Without
# the patch mtdoops prints "Cannot write from panic without panic_write" and
# the flash stays erased. The next boot's mtdoops finds the record.
. "$(dirname "$0")/lib.sh"

boot 100 --flash 1M --append "mtdoops.mtddev=0" <<'G'
cat /proc/mtd
grep -q '^mtd0:' /proc/mtd
echo "lastgasp-mtdoops-marker-5150" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'Kernel panic - not syncing: sysrq triggered crash'
console_has 1 'mtdoops: Attached to MTD device 0'
if grep -Eq 'Cannot write from panic|mtdoops: write failure|panic write' "$state/boot1.log"; then
	grep -E 'Cannot write from panic|mtdoops: write failure|panic write' "$state/boot1.log"
	fail "the panic write failed"
fi

# A record: header (u32 sequence, u32 magic 0x5d005e00, timestamp), then
# the end of the kernel log.
img=$state/flash.img
u32() { od -An -tu4 -j "$1" -N4 "$img" | tr -d ' '; }
check_record() { # PAGE MARKER
	local page=$state/page$1 magic
	dd if="$img" of="$page" bs=4096 skip="$1" count=1 status=none
	magic=$(od -An -tx4 -j4 -N4 "$page" | tr -d ' ')
	[ "$magic" = 5d005e00 ] || fail "flash page $1: magic $magic, not mtdoops' 5d005e00"
	grep -aq 'Kernel panic - not syncing: sysrq triggered crash' "$page" ||
		fail "flash page $1 lacks the panic line"
	grep -aq "$2" "$page" || fail "flash page $1 lacks $2, logged before the panic"
}
check_record 0 lastgasp-mtdoops-marker-5150
seq0=$(u32 0)
tail -c +4097 "$img" | tr -d '\377' > "$state/rest"
[ ! -s "$state/rest" ] ||
	fail "bytes other than 0xFF after page 0"

# The next boot's mtdoops finds that record and puts the next panic in
# page 1 with the following sequence number.
boot 100 --flash 1M --append "mtdoops.mtddev=0" <<'G'
echo "lastgasp-mtdoops-marker-5151" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
check_record 0 lastgasp-mtdoops-marker-5150
check_record 1 lastgasp-mtdoops-marker-5151
[ "$(u32 4096)" = $((seq0 + 1)) ] || fail "page 1 sequence $(u32 4096), page 0 had $seq0"
echo PASS
