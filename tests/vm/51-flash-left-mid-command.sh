#!/usr/bin/env bash
# The NOR chip left mid-command when the panic comes: tests/modules/lgflash
# (/sys/kernel/debug/lgflash/panic_in) leaves chip 0 the way a CPU stopped
# there would, holding chip->mutex, then panics; upstream's mtdoops writes
# the dump through the CFI 0001 panic write (panic/0003) into page 0.
#   status, query, word (0x40 sent, no datum), erase of another block:
#     the dump is written (on QEMU an erase is already over, and QEMU cannot
#     suspend one: the panic write waits for it, which takes no time here);
#   buffer (0xE8 sent, no count), erase of page 0 itself: refused with
#     -EBUSY and a log line, page 0 stays erased.
# In every case the panic runs to its end (tools/vm status 100).
. "$(dirname "$0")/lib.sh"

img=$state/flash.img
page0() { dd if="$img" of="$state/page0" bs=4096 count=1 status=none; }

left() { # MODE [OFFSET]
	rm -f "$img"
	boot 100 --flash 1M --append "mtdoops.mtddev=0" <<G
echo "lastgasp-left-$1-marker" > /dev/kmsg
echo "$*" > /sys/kernel/debug/lgflash/panic_in
G
	console_has $boot_no "Kernel panic - not syncing: lgflash: chip 0 of mtd0 left mid-command: $1"
}

written() {
	page0
	grep -aq "lgflash: chip 0 of mtd0 left mid-command: $1" "$state/page0" ||
		fail "$1: page 0 lacks the panic line"
	grep -aq "lastgasp-left-$1-marker" "$state/page0" || fail "$1: page 0 lacks the marker"
	if grep -Eq 'panic write of|mtdoops: write failure' "$state/boot$boot_no.log"; then
		fail "$1: the panic write reported an error"
	fi
	echo "$1: dump written"
}

refused() { # MODE REASON
	console_has $boot_no "physmap-flash.0: panic write of 4096 bytes at 0x0: $2 .*: -16"
	console_has $boot_no 'mtdoops: write failure at 0 \(0 of 4096 written\), error -16'
	page0
	[ "$(tr -d '\377' < "$state/page0" | wc -c)" = 0 ] || fail "$1: page 0 was written"
	echo "$1: refused: $2"
}

left status;        written status
left query;         written query
left word 0x20;     written word
left erase 0x80000; written erase
console_has $boot_no 'panic write: waited for the erase of 0x80000'
left buffer 0x40;   refused buffer 'buffer program half sent'
left erase 0;       refused erase 'destination is being erased'
echo PASS
