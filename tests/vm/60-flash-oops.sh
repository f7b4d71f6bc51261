#!/usr/bin/env bash
# The flash backend on a fresh (all 0xFF) NOR flash: the collector formats
# it in the guest, an oops that does not panic is saved from the work item
# with all its parts, the next boot shows it as dmesg-flash-<seq> and the
# host tool decodes the same records from flash.img; unlinking them lets
# the collector erase their blocks (the pool grows), and a third boot finds
# nothing left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

boot 0 --flash 256K --allow-oops --append "$FLASH_APPEND" <<'G'
set -e
. /flash-funcs.sh
gc_wait
fshow
sh -c 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT' || true
echo "after-oops: still running"
gc_wait
fshow
G
console_has 1 'pstore_flash: mtd0 .*: 64 blocks of 4096 bytes \(0 bad, 64 erased'
console_has 1 'Oops'
console_has 1 'after-oops: still running'
console_has 1 'pstore_flash: oops dump saved: [0-9]+ records'
[ "$(status_of 1 oops_written)" -ge 1 ] || fail "no oops record written"
[ "$(status_of 1 oops_failed)" = 0 ] || fail "oops records failed"
[ "$(status_of 1 erases)" = 0 ] || fail "a fresh flash needed erases"

# The host reads what the guest wrote.
decode_flash > "$state/decode1" || fail "pstore-flash decode failed: $(tail -3 "$state/decode1")"
grep -q ' status ok$' "$state/decode1" || fail "no record on the host"
seqs=$(awk '$1 == "record" && / status ok$/ { print $3 }' "$state/decode1")
first=$(echo "$seqs" | head -1)
"$PF" decode --text "$first" "$state/flash.img" > "$state/text1" &&
	grep -q 'Oops#1 Part1' "$state/text1" ||
	fail "record $first does not start the oops"

boot 0 --flash 256K --append "$FLASH_APPEND" <<'G'
set -e
. /flash-funcs.sh
ls /sys/fs/pstore
# all parts of the oops, Part1 first with the oops, no gap
parts_in_order Oops
grep -q lkdtm $FIRST
grep -q 'Call Trace' $FIRST
gc_wait
fshow
rm /sys/fs/pstore/dmesg-flash-*
gc_wait
fshow
echo "scenario-ok"
G
console_has 2 'scenario-ok'
n=$(grep -Eo 'flash-files: [0-9]+' "$state/boot2.log" | awk '{print $2}')
[ "$n" = "$(echo "$seqs" | wc -l)" ] || fail "guest shows $n records, host decoded $(echo "$seqs" | wc -l)"
free_before=$(grep -Eo 'flash-status: [^[:cntrl:]]*' "$state/boot2.log" | head -1 | awk '{for(i=1;i<NF;i++) if($i=="free") print $(i+1)}')
free_after=$(status_of 2 free)
[ "$(status_of 2 live)" = 0 ] || fail "records live after unlink"
[ "$free_after" -gt "$free_before" ] || fail "unlink freed nothing: free $free_before -> $free_after"
[ "$(status_of 2 erases)" -ge 1 ] || fail "no block erased after unlink"
echo "unlink: free blocks $free_before -> $free_after, $(status_of 2 erases) erases"

boot 0 --flash 256K --append "$FLASH_APPEND" <<'G'
set -e
. /flash-funcs.sh
fshow
! ls /sys/fs/pstore | grep '^dmesg-flash-'
echo "scenario-ok"
G
console_has 3 'scenario-ok'
decode_flash > "$state/decode3" || fail "decode: $(tail -3 "$state/decode3")"
left=$(grep -c ' status ok$' "$state/decode3" || true)
[ "$left" = 0 ] || fail "host still sees $left readable records"
tail -1 "$state/decode3"
echo PASS
