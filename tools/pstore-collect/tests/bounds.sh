#!/bin/sh
# Bounded by the input, whatever it claims: huge part numbers, deflate
# bombs, undecodable records, oversized spool files, a receiver that
# trickles, and the archive's retention caps.
. "$(dirname "$0")/lib/common.sh"

# peak RSS in KB of a command (GNU time), its exit status in $T/rc
peak_kb() {
	/usr/bin/time -f '%M' -o "$T/rss" "$@"
	echo $? > "$T/rc"
	tail -1 "$T/rss"
}
command -v /usr/bin/time >/dev/null || fail "GNU time not installed (tools/debian-packages.txt)"

# 1. three 22-byte records claiming parts up to 999999 (this wrote 481 MB)
S=$T/parts
mkdir -p "$S"
printf 'Panic#1 Part999999\nx\n' > "$S/dmesg-ramoops-0"
printf 'Panic#2 Part999999\nx\n' > "$S/dmesg-ramoops-1"
printf 'Panic#3 Part999998\nx\n' > "$S/dmesg-ramoops-2"
kb=$(peak_kb "$PC" -q -s "$S" -a "$T/arch-parts" --ship tcp://127.0.0.1:1 --timeout 1)
[ "$(cat "$T/rc")" -eq 4 ] || fail "huge part claims: exit $(cat "$T/rc")"
sz=$(du -sk "$T/arch-parts" | cut -f1)
[ "$sz" -lt 200 ] || fail "huge part claims: archive is $sz KB"
[ "$kb" -lt 65536 ] || fail "huge part claims: peak RSS $kb KB"
r=$(grep -l 'Panic' "$T"/arch-parts/*/report.json | head -1)
jq -e '.missing_count == 999998 and (.missing_parts | length) == 64 and .complete == false' "$r" > /dev/null ||
	fail "huge part claims: report $(jq -c '{missing_count, complete}' "$r")"
grep -q 'parts 1 to 999998 of this dump are missing' "$(dirname "$r")/dmesg.txt" || fail "gap not one line"

# 2. a deflate bomb: ~100 KB of .enc.z that inflates to 100 MB
S=$T/bomb
mkdir -p "$S"
head -c 100000000 /dev/zero | gzip -9 > "$S/dmesg-efi-170000000001001.enc.z"
printf 'Panic#1 Part1\nKernel panic - not syncing: ok\n' > "$S/dmesg-ramoops-0"
kb=$(peak_kb "$PC" -q -s "$S" -a "$T/arch-bomb")
[ "$(cat "$T/rc")" -eq 0 ] || fail "bomb: exit $(cat "$T/rc")"
[ "$kb" -lt 65536 ] || fail "bomb: peak RSS $kb KB"
sz=$(du -sk "$T/arch-bomb" | cut -f1)
[ "$sz" -lt 1024 ] || fail "bomb: archive is $sz KB"
r=$(grep -l 'dmesg-efi-170000000001001' "$T"/arch-bomb/*/report.json)
jq -e '.errors | map(test("too large, more than 4194304 bytes decompressed")) | any' "$r" > /dev/null ||
	fail "bomb not reported too large: $(jq -c .errors "$r")"
cmp -s "$S/../bomb/dmesg-efi-170000000001001.enc.z" /dev/null && fail "bomb"
[ -z "$(ls "$S" | grep efi)" ] || fail "bomb record not collected (it is archived raw)"
cmp -s "$(dirname "$r")/dmesg-efi-170000000001001.enc.z" /dev/null && fail "bomb not archived raw"
# its text is one line about it, not bytes
[ "$(wc -l < "$(dirname "$r")/dmesg.txt")" -eq 1 ] || fail "bomb text is not one line"
grep -q 'not decoded: too large' "$(dirname "$r")/dmesg.txt" || fail "bomb text does not say why"

# 3. an undecodable record is not shipped as text
S=$T/corrupt
mkdir -p "$S"
head -c 3000 /dev/urandom > "$S/dmesg-efi-170000000001002.enc.z"
"$PC" -q -s "$S" -a "$T/arch-corrupt" --ship tcp://127.0.0.1:1 --timeout 1
msg=$(ls "$T"/arch-corrupt/spool/*.msg)
[ "$(sed 1d "$msg" | wc -l)" -eq 1 ] && grep -q 'not decoded: corrupt data' "$msg" ||
	fail "corrupt record shipped as: $(head -c 300 "$msg" | od -c | head -5)"

# 4. spool files too big to send are reported and moved aside
A=$T/arch-corrupt
big=$A/spool/000000000001-$(printf 'a%.0s' $(seq 64)).msg
head -c 300000 /dev/zero | tr '\0' x > "$big"
port=$(free_port) || fail "no port"
socat -u TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr OPEN:"$T/got",creat &
spid=$!
for _ in $(seq 100); do listening "$port" && break; sleep 0.05; done
"$PC" ship -a "$A" --ship "tcp://127.0.0.1:$port" --timeout 5 --retry-base 0 2> "$T/err"
rc=$?
wait $spid
[ $rc -eq 0 ] || fail "ship with a too-big spool file: exit $rc ($(cat "$T/err"))"
grep -q "spool/$(basename "$big") is larger than --max-message (256000 bytes): moved to spool/too-big/" "$T/err" ||
	fail "too-big spool file not reported: $(cat "$T/err")"
[ -f "$A/spool/too-big/$(basename "$big")" ] || fail "too-big spool file not moved aside"
grep -q 'not decoded' "$T/got" || fail "the sendable report was not sent"
# a long text is cut to fit, keeping its newest end
S=$T/long
mkdir -p "$S"
{ echo 'Panic#1 Part1'; seq 1 100000 | sed 's/^/line /'; echo 'Kernel panic - not syncing: the end'; } > "$S/dmesg-ramoops-0"
"$PC" -q -s "$S" -a "$T/arch-long" --ship tcp://127.0.0.1:1 --timeout 1 --max-message 20000
msg=$(ls "$T"/arch-long/spool/*.msg)
[ "$(wc -c < "$msg")" -le 20000 ] || fail "long message not cut: $(wc -c < "$msg") bytes"
tail -1 "$msg" | grep -q 'not syncing: the end' || fail "cut message lost its newest end"
grep -q '^\[pstore-collect: the first [0-9]* bytes of this log were cut' "$msg" || fail "cut not said"
sed -n 3p "$msg" | grep -q '^line [0-9]*$' || fail "cut message does not start at a line"

# 5. a receiver that trickles a byte every 0.2 s cannot hold the tool past --timeout
port=$(free_port) || fail "no port"
socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr SYSTEM:'while printf x; do sleep 0.2; done' 2>/dev/null &
spid=$!
for _ in $(seq 100); do listening "$port" && break; sleep 0.05; done
t0=$(date +%s%N)
"$PC" ship -a "$T/arch-long" --ship "tcp://127.0.0.1:$port" --timeout 2 --retry-base 0 2> "$T/err"
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill $spid 2>/dev/null
wait $spid 2>/dev/null
[ $rc -eq 4 ] || fail "trickling receiver: exit $rc, expected 4 ($(cat "$T/err"))"
[ "$ms" -lt 4000 ] || fail "trickling receiver held the tool $ms ms with --timeout 2"
[ "$(ls "$T"/arch-long/spool/*.msg | wc -l)" -eq 1 ] || fail "unconfirmed report left the spool"
[ ! -s "$T/arch-long/sent.log" ] || fail "unconfirmed report counted as sent"
grep -q '^TimeoutStartSec=' "$PC_DIR/pstore-collect.service" || fail "collect unit has no start timeout"
grep -q '^TimeoutStartSec=' "$PC_DIR/pstore-collect-ship.service" || fail "ship unit has no start timeout"

# 6. retention: delivered (here: never to be shipped) oldest first; an
#    undelivered crash only when the caps require it, and said so
S=$T/ret
A=$T/arch-ret
mkdir -p "$S"
for i in 1 2 3 4 5; do
	printf 'Panic#1 Part1\nKernel panic - not syncing: crash %s\n' "$i" > "$S/dmesg-ramoops-$i"
	touch -d "@$((1700000000 + i * 1000))" "$S/dmesg-ramoops-$i"
	"$PC" -q -s "$S" -a "$A" --max-crashes 3 --max-age 0 || fail "retention run $i"
	# archive times in the past, in order: crash i is older than i + 1
	for f in "$A"/dmesg-*/dmesg.txt; do
		n=$(sed -n 's/.*crash \([0-9]\)$/\1/p' "$f")
		touch -d "@$((1700000000 + n * 1000))" "$(dirname "$f")/report.json"
	done
done
[ "$(count_crashes "$A")" -eq 3 ] || fail "retention: $(count_crashes "$A") crashes, cap 3"
[ "$(cat "$A"/dmesg-*/dmesg.txt | sed -n 's/.*crash //p' | sort | tr -d '\n')" = 345 ] || fail "retention did not remove the oldest"
# max-age: all of them are years old now
"$PC" -q -s "$S" -a "$A" --max-age 30 || fail "retention by age"
[ "$(count_crashes "$A")" -eq 0 ] || fail "max-age kept $(count_crashes "$A") delivered crashes"
# undelivered: age alone keeps them; the crash cap removes them with an error
for i in 6 7 8; do
	printf 'Panic#1 Part1\nKernel panic - not syncing: crash %s\n' "$i" > "$S/dmesg-ramoops-$i"
	"$PC" -q -s "$S" -a "$A" --ship tcp://127.0.0.1:1 --timeout 1 --max-crashes 0 --max-age 0 2>/dev/null
	touch -d "@$((1700000000 + i * 1000))" "$A"/dmesg-*/report.json
done
"$PC" -q -s "$S" -a "$A" --max-age 1 --max-crashes 0 || fail "age run"
[ "$(count_crashes "$A")" -eq 3 ] || fail "max-age removed undelivered crashes"
"$PC" -q -s "$S" -a "$A" --max-crashes 2 --max-age 0 2> "$T/err" || fail "cap run"
[ "$(count_crashes "$A")" -eq 2 ] || fail "crash cap not applied to undelivered crashes"
[ "$(ls "$A"/spool/*.msg | wc -l)" -eq 2 ] || fail "spool message of the removed crash left behind"
grep -q "removing crash $A/dmesg-[0-9a-f]* before it was delivered" "$T/err" || fail "undelivered removal not said: $(cat "$T/err")"
# bytes cap
"$PC" -q -s "$S" -a "$A" --max-bytes 1K 2> "$T/err"
[ "$(count_crashes "$A")" -eq 0 ] || fail "byte cap not applied"
exit 0
