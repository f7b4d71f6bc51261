#!/usr/bin/env bash
# tools/vm itself: the script's status comes back, a panic, a hang and a
# WARN each give their documented status, /host persists across boots, and
# --flash gives the guest a NOR chip (mtd0) whose image is kept in DIR.
. "$(dirname "$0")/lib.sh"

boot 7 <<'G'
echo kept > /host/note
exit 7
G
boot 0 <<'G'
[ "$(cat /host/note)" = kept ]
G
[ "$(cat "$state/note")" = kept ] || fail "/host file not visible on the host"
boot 100 <<'G'
echo c > /proc/sysrq-trigger
G
boot 101 --timeout 25 <<'G'
sleep 600
G
boot 102 <<'G'
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
G
# the same WARN is accepted when asked for
boot 0 --allow-warn <<'G'
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
G
# --flash 128K: an erased chip of that size as mtd0, 4 KiB erase blocks;
# what the guest programs is in DIR/flash.img after the boot.
boot 0 --flash 128K <<'G'
set -e
grep -q '^mtd0: 00020000 00001000 "physmap-flash.0"' /proc/mtd
printf lastgasp-flash-4242 > /dev/mtd0
G
[ "$(stat -c %s "$state/flash.img")" = 131072 ] || fail "flash.img is not 128 KiB"
[ "$(head -c 19 "$state/flash.img")" = lastgasp-flash-4242 ] || fail "the guest's write is not in flash.img"
[ "$(tail -c +20 "$state/flash.img" | tr -d '\377' | wc -c)" = 0 ] || fail "flash.img is not erased past the write"
# a different size for the same machine is refused, as is --flash with --efi
echo true > "$gs_dir/true.sh"
set +e
"$VM" --state "$state" --quiet --flash 256K "$gs_dir/true.sh" 2> "$gs_dir/err1"; rc1=$?
"$VM" --state "$state" --quiet --flash --efi "$gs_dir/true.sh" 2> "$gs_dir/err2"; rc2=$?
"$VM" --state "$state" --quiet --flash 100K "$gs_dir/true.sh" 2> "$gs_dir/err3"; rc3=$?
set -e
cat "$gs_dir"/err[123]
grep -q 'flash.img is 131072 bytes but --flash is 262144' "$gs_dir/err1" || fail "size change not refused"
grep -q 'both need' "$gs_dir/err2" || fail "--flash --efi not refused"
grep -q 'multiple of 64K' "$gs_dir/err3" || fail "--flash 100K not refused"
[ $rc1 = 103 ] && [ $rc2 = 103 ] && [ $rc3 = 103 ] || fail "bad --flash uses exited $rc1 $rc2 $rc3, not 103"
echo PASS
