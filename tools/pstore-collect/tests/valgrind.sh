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
$VG "$PC" ship -a "$T/arch" --ship tcp://127.0.0.1:1 --timeout 1 > /dev/null 2> "$T/vg4"
[ $? -eq 99 ] && fail "ship: $(grep '==' "$T/vg4" | head -5)"
$VG "$PC" --help > /dev/null 2> "$T/vg5" || fail "--help under valgrind"
exit 0
