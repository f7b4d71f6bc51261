#!/usr/bin/env bash
# A panic on a flash the host tool pre-formatted: the dump goes through
# mtd_panic_write() (the CFI 0001 panic write, panic/0003) with no erase,
# the stage-1 line times the flash backend, and the next boot finds every
# part of the dump, Part1 with the panic line and the stack; the host tool
# decodes the same records from flash.img. The same on arm64 with
# LASTGASP_ARCH=arm64 (tests/vm/arm64/71-flash-panic.sh): 256 KiB blocks in
# two interleaved chips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

"$VM" --help > /dev/null
format_flash

boot 100 --flash $FLASH_SIZE --append "$FLASH_APPEND" <<'G'
. /flash-funcs.sh
gc_wait
fshow
echo "lastgasp-flash-marker" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 "pstore_flash: mtd0 .*: $FLASH_BLOCKS blocks of $FLASH_BS bytes \\(0 bad, 0 erased, 0 dirty, $FLASH_BLOCKS free"
[ "$(status_of 1 erases)" = 0 ] || fail "a pre-formatted flash needed erases"
console_has 1 'stage 1: log dumped in [0-9]+ us: .*flash ok \([0-9]+ us\)'
grep -o 'stage 1: log dumped[^[:cntrl:]]*' "$state/boot1.log"

decode_flash > "$state/decode1" || fail "decode: $(tail -3 "$state/decode1")"
nhost=$(grep -c ' status ok$' "$state/decode1")
[ "$nhost" -ge 2 ] || fail "host decodes $nhost records, want every part (>= 2)"

boot 0 --flash $FLASH_SIZE --append "$FLASH_APPEND" <<'G'
set -e
. /flash-funcs.sh
fshow
parts_in_order Panic
grep -q 'Kernel panic - not syncing' $FIRST
grep -qi 'Call Trace' $FIRST	# arm64: 'Call trace:'
grep -q 'sysrq' $FIRST
# the oldest part holds older log: the marker is in some part
cat /sys/fs/pstore/dmesg-flash-* | grep -q lastgasp-flash-marker
echo "scenario-ok"
G
console_has 2 'scenario-ok'
n=$(grep -Eo 'flash-files: [0-9]+' "$state/boot2.log" | awk '{print $2}')
[ "$n" = "$nhost" ] || fail "guest shows $n records, the host decodes $nhost"
echo "panic dump: $n parts"
echo PASS
