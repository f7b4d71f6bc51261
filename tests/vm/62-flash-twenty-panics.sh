#!/usr/bin/env bash
# Twenty panics in a row on a 128 KiB flash (32 blocks of 4 KiB), one per
# boot: the ring wraps (every block erased at least once), the collector
# drops the oldest dumps whole to keep a pool for the next one, the newest
# dumps are all there with all their parts, and the erase counts stay level
# (printed; they may differ by one at most).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

N=${FLASH_PANICS:-20}
head -c $((128 << 10)) /dev/zero | tr '\0' '\377' > "$state/flash.img"
"$PF" format "$state/flash.img" > /dev/null

for k in $(seq 1 "$N"); do
	boot 100 --flash 128K --timeout 300 --append "$FLASH_APPEND" <<G
. /flash-funcs.sh
gc_wait
fshow
echo "lastgasp-twenty-marker-$k" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
	grep -q 'flash ok' "$state/boot$k.log" || fail "panic $k: the flash backend did not save the dump"
	echo "after panic $k: $(grep -o 'flash-ec: [^[:cntrl:]]*' "$state/boot$k.log")"
done

boot 0 --flash 128K --timeout 300 --append "$FLASH_APPEND" <<'G'
set -e
. /flash-funcs.sh
gc_wait
fshow
for f in $(ls /sys/fs/pstore | grep '^dmesg-flash-' | sort -t- -k3n); do
	m=$(grep -o 'lastgasp-twenty-marker-[0-9]*' /sys/fs/pstore/$f | tail -1)
	echo "flash-file: ${f#dmesg-flash-} $(head -1 /sys/fs/pstore/$f) ${m#lastgasp-twenty-marker-}"
done
echo "scenario-ok"
G
last=$((N + 1))
console_has $last 'scenario-ok'
grep -o 'flash-file: [^[:cntrl:]]*' "$state/boot$last.log" | sed 's/^flash-file: //' > "$state/files"
cat "$state/files"

# Dumps in seq order: each starts at Part1 and counts up without a gap;
# the marker of its boot is in its Part1.
markers=$(awk '
	$2 ~ /^Panic#/ {
		split($3, p, "Part"); part = p[2]
		if (part == 1) { if (cur) print cur; cur = $4; want = 2; next }
		if (part != want) { print "GAP"; exit }
		want++
	}
	END { if (cur) print cur }' "$state/files")
echo "dumps kept, by marker: $(echo $markers)"
echo "$markers" | grep -q GAP && fail "a dump lost parts in the middle"
kept=$(echo "$markers" | wc -l)
[ "$kept" -ge 3 ] || fail "only $kept dumps kept"
# exactly the newest ones, in order
want=$(seq $((N - kept + 1)) "$N")
[ "$(echo $markers)" = "$(echo $want)" ] || fail "kept dumps '$(echo $markers)', want the newest: '$(echo $want)'"

# Wear: every block erased at least once (the ring wrapped), counts level.
ec=$(grep -o 'flash-ec: [^[:cntrl:]]*' "$state/boot$last.log" | tail -1 | sed 's/flash-ec: erase_counts//')
echo "erase counts: $ec"
lo=$(echo $ec | tr ' ' '\n' | grep -v -- - | sort -n | head -1)
hi=$(echo $ec | tr ' ' '\n' | grep -v -- - | sort -n | tail -1)
[ "$lo" -ge 1 ] || fail "a block was never erased: the ring did not wrap"
[ $((hi - lo)) -le 1 ] || fail "erase counts $lo..$hi differ by more than one"
decode_flash | tail -1
echo "$N panics: $kept newest dumps kept whole, erase counts $lo..$hi"
echo PASS
