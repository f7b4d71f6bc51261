#!/bin/sh
# Bad input: a clear error, and nothing leaves pstore unless safely archived.
. "$(dirname "$0")/lib/common.sh"

S=$T/src
mkdir -p "$S"
# garbage names and odd characters stay where they are
echo junk > "$S/not-a-record"
echo junk > "$S/dmesg-ramoops-1x"
echo junk > "$S/dmesg-..-0"
printf 'x' > "$S/$(printf 'dmesg-ram\noops-0')"
printf 'x' > "$S/dmesg-ram oops-0"
mkdir "$S/dmesg-ramoops-7"                        # a directory
ln -s /etc/passwd "$S/dmesg-ramoops-8"             # a symlink out of the tree
head -c 3000000 /dev/zero > "$S/dmesg-ramoops-9"   # larger than --max-size below
# binary junk under a good name: archived raw, analysed as unknown
head -c 4096 /dev/urandom > "$S/dmesg-erst-42"
# corrupt compressed record: raw kept, error reported
echo "not deflate at all" > "$S/dmesg-efi-170000000001003.enc.z"
# missing part: Part2 of three is gone
printf 'Panic#4 Part1\ntail\n' > "$S/dmesg-ramoops-0"
printf 'Panic#4 Part3\nhead\n' > "$S/dmesg-ramoops-2"

"$PC" -s "$S" -a "$T/arch" --max-size 1M > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 3 ] || fail "expected exit 3 (records rejected), got $rc"
for f in not-a-record dmesg-ramoops-1x dmesg-..-0 "dmesg-ram oops-0" dmesg-ramoops-7 dmesg-ramoops-8 dmesg-ramoops-9; do
	[ -e "$S/$f" ] || [ -L "$S/$f" ] || fail "rejected $f was removed"
done
[ "$(ls "$S" | grep -c oops-0)" -ge 2 ] || fail "odd names were removed"
[ -f /etc/passwd ] || fail "symlink target damaged"
grep -q 'larger than --max-size' "$T/err" || fail "no error for the huge file"
grep -q 'not a regular file' "$T/err" || fail "no error for the directory"
grep -q 'not a pstore record name' "$T/err" || fail "no error for garbage names"
for f in dmesg-erst-42 dmesg-efi-170000000001003.enc.z dmesg-ramoops-0 dmesg-ramoops-2; do
	[ ! -e "$S/$f" ] || fail "$f was not collected"
	[ -n "$(find "$T/arch" -name "$f")" ] || fail "$f not archived"
	cmp -s "$(find "$T/arch" -name "$f")" /dev/null && fail "$f archived empty"
done
# nothing escaped the archive directory
[ -z "$(find "$T" -maxdepth 1 -newer "$S" ! -name src ! -name arch ! -name out ! -name err ! -path "$T")" ] \
	|| fail "files written outside the archive"
r=$(grep -l '"missing_parts":\[2\]' "$T"/arch/*/report.json | head -1)
[ -z "$r" ] && r=$(for f in "$T"/arch/*/report.json; do jq -e '.missing_parts == [2]' "$f" >/dev/null && echo "$f"; done)
[ -n "$r" ] || fail "missing Part2 not reported"
jq -e '.complete == false and (.errors | length) >= 1' "$r" >/dev/null || fail "incomplete dump not flagged"
grep -q 'part 2 of this dump is missing' "$(dirname "$r")/dmesg.txt" || fail "gap not marked in the text"
r=$(grep -l 'dmesg-efi-170000000001003' "$T"/arch/*/report.json)
jq -e '.errors | map(test("cannot decompress")) | any' "$r" >/dev/null || fail "decompression error not reported"
r=$(grep -l 'dmesg-erst-42' "$T"/arch/*/report.json)
jq -e '.analysis.kind == "unknown" and .text_file == "dmesg.txt"' "$r" >/dev/null || fail "binary junk report wrong"
cmp -s "$(dirname "$r")/dmesg.txt" "$(dirname "$r")/dmesg-erst-42" || fail "binary junk text not kept byte for byte"

# unwritable archive: exit 2, nothing removed
S2=$T/src2
mkdir -p "$S2"
printf 'Panic#1 Part1\nKernel panic - not syncing: x\n' > "$S2/dmesg-ramoops-0"
echo file > "$T/plainfile"
"$PC" -s "$S2" -a "$T/plainfile/archive" 2> "$T/err"
rc=$?
[ $rc -eq 2 ] || fail "unwritable archive: expected exit 2, got $rc"
[ -e "$S2/dmesg-ramoops-0" ] || fail "record removed although the archive was unusable"
grep -q 'cannot create archive directory' "$T/err" || fail "no clear error for an unusable archive"

# full archive: a tiny tmpfs where the kernel lets us mount one, else the
# tool's ENOSPC hook; either way, nothing may be removed
part x86_64-null-deref.txt 'Panic#1' 2 1 30 > "$S2/dmesg-ramoops-1"
head -c 200000 /dev/urandom | od -An -tx1 > "$S2/console-ramoops-0"
full_run() {
	if unshare --user --map-root-user --mount true 2>/dev/null; then
		mkdir -p "$T/small"
		unshare --user --map-root-user --mount sh -c \
			'mount -t tmpfs -o size=64k tmpfs "$1" && "$2" -s "$3" -a "$1/arch"' \
			sh "$T/small" "$PC" "$S2" 2> "$T/err"
	else
		PSTORE_COLLECT_ENOSPC_AFTER=2 "$PC" -s "$S2" -a "$T/arch-full" 2> "$T/err"
	fi
}
full_run
rc=$?
[ $rc -eq 2 ] || fail "full archive: expected exit 2, got $rc ($(head -3 "$T/err"))"
grep -q 'No space left' "$T/err" || fail "no ENOSPC error reported"
[ -e "$S2/console-ramoops-0" ] || fail "record removed although its archive copy failed"
# the dump that did fit may go; what did not fit must stay
PSTORE_COLLECT_ENOSPC_AFTER=0 "$PC" -s "$S2" -a "$T/arch-full2" 2> "$T/err"
[ $? -eq 2 ] || fail "ENOSPC on the first write: expected exit 2"
[ -e "$S2/console-ramoops-0" ] || fail "record removed on ENOSPC"

# a read-only archive (where mountable)
if unshare --user --map-root-user --mount true 2>/dev/null; then
	mkdir -p "$T/ro"
	unshare --user --map-root-user --mount sh -c \
		'mount -t tmpfs -o ro tmpfs "$1" && "$2" -s "$3" -a "$1/arch"' sh "$T/ro" "$PC" "$S2" 2> "$T/err"
	[ $? -eq 2 ] || fail "read-only archive: expected exit 2"
	[ -e "$S2/console-ramoops-0" ] || fail "record removed with a read-only archive"
fi
exit 0
