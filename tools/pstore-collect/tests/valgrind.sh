#!/bin/sh
# The non-sanitized tool under valgrind: no leaks, no invalid accesses.
. "$(dirname "$0")/lib/common.sh"

command -v valgrind >/dev/null || fail "valgrind not installed (tools/debian-packages.txt)"
VG="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99"

fabricate_tree "$T/src"
printf 'Panic#9 Part2\nhead\n' > "$T/src/dmesg-ramoops-5"   # Part1 missing
head -c 2048 /dev/urandom > "$T/src/dmesg-erst-7"
echo junk > "$T/src/garbage"
echo junk > "$T/src/dmesg-efi-170000000001009.enc.z"

$VG "$PC" list -s "$T/src" > /dev/null 2> "$T/vg1"
[ $? -eq 99 ] && fail "list: $(head -5 "$T/vg1")"
$VG "$PC" list --json -s "$T/src" > /dev/null 2> "$T/vg2"
[ $? -eq 99 ] && fail "list --json: $(head -5 "$T/vg2")"
$VG "$PC" --json -s "$T/src" -a "$T/arch" --ship tcp://127.0.0.1:1 --timeout 1 > /dev/null 2> "$T/vg3"
rc=$?
[ $rc -eq 99 ] && fail "collect: $(grep '==' "$T/vg3" | head -5)"
[ $rc -eq 3 ] || fail "collect exited $rc, expected 3 (garbage left in place)"
[ "$(ls "$T/src")" = garbage ] || fail "collect left records behind: $(ls "$T/src")"
$VG "$PC" ship -a "$T/arch" --ship tcp://127.0.0.1:1 --timeout 1 --retry-base 0 > /dev/null 2> "$T/vg4"
[ $? -eq 99 ] && fail "ship: $(grep '==' "$T/vg4" | head -5)"
$VG "$PC" --help > /dev/null 2> "$T/vg5" || fail "--help under valgrind"

# enough crashes for two archiving threads
mkdir -p "$T/many"
awk -v dir="$T/many" '{ pool[NR] = $0 } END {
	for (d = 0; d < 70; d++)
		for (p = 2; p >= 1; p--) {
			f = sprintf("%s/dmesg-efi_pstore-%.0f", dir, (1700000000 + d) * 100000 + p * 1000 + 1)
			printf("Panic#1 Part%d\ndump %d\n", p, d) > f
			i = (d * 7 + p * 13) % NR + 1
			for (n = 0; n < 30; n++) {
				print pool[i] > f
				i = i % NR + 1
			}
			close(f)
		}
}' "$CORPUS"/*.txt
$VG "$PC" -q --jobs 2 -s "$T/many" -a "$T/arch-many" > /dev/null 2> "$T/vg6"
rc=$?
[ $rc -eq 99 ] && fail "threaded collect: $(grep '==' "$T/vg6" | head -5)"
[ $rc -eq 0 ] || fail "threaded collect exited $rc"
[ "$(find "$T/arch-many" -name report.json | wc -l)" -eq 70 ] || fail "threaded collect: expected 70 reports"
exit 0
