#!/usr/bin/env bash
# A panic on a flash the host tool pre-formatted: the dump goes through
# mtd_panic_write() (the CFI 0001 panic write, panic/0003) with no erase,
# the stage-1 line times the flash backend, and the next boot finds every
# part of the dump, Part1 with the panic line and the stack; the host tool
# decodes the same records from flash.img.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

"$VM" --help > /dev/null
head -c $((256 << 10)) /dev/zero | tr '\0' '\377' > "$state/flash.img"
"$PF" format "$state/flash.img" | grep -q '^formatted 64 blocks of 4096 bytes' ||
	fail "pstore-flash format"

boot 100 --flash 256K --append "$FLASH_APPEND" <<'G'
. /flash-funcs.sh
gc_wait
fshow
echo "lastgasp-flash-marker" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'pstore_flash: mtd0 .*: 64 blocks of 4096 bytes \(0 bad, 0 erased, 0 dirty, 64 free'
[ "$(status_of 1 erases)" = 0 ] || fail "a pre-formatted flash needed erases"
console_has 1 'stage 1: log dumped in [0-9]+ us: .*flash ok \([0-9]+ us\)'
grep -o 'stage 1: log dumped[^[:cntrl:]]*' "$state/boot1.log"

decode_flash > "$state/decode1" || fail "decode: $(tail -3 "$state/decode1")"
nhost=$(grep -c ' status ok$' "$state/decode1")
[ "$nhost" -ge 2 ] || fail "host decodes $nhost records, want every part (>= 2)"

boot 0 --flash 256K --append "$FLASH_APPEND" <<'G'
set -e
. /flash-funcs.sh
fshow
parts_in_order Panic
grep -q 'Kernel panic - not syncing' $FIRST
grep -q 'Call Trace' $FIRST
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
