#!/usr/bin/env bash
# `make patches` (tools/make-patches) gives a series that `git am` applies,
# patch after patch, to a pristine extract of the pinned 6.12 source, and
# the result is byte for byte the tree the overlay build compiles
# (build/linux, less its .lastgasp-* marks): same sources, same config,
# same objects, so no second kernel build is needed. Every patch passes the
# tree's scripts/checkpatch.pl with no error, and its warnings are exactly
# those patches/checkpatch-expected.txt lists with their reasons.
#
# The pristine extract is kept in build/pristine-6.12 (extracted again when
# the tarball changes) and put back to pristine at the start of each run.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tarball=${LINUX_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
linux=$top/build/linux
pristine=$top/build/pristine-6.12
out=$top/build/patches-test
expected=$top/patches/checkpatch-expected.txt
fail() { echo "FAIL: $*"; exit 1; }

[ -f "$linux/.lastgasp-extracted" ] && [ -f "$linux/fs/pstore/.lastgasp-overlay" ] ||
	fail "no overlay tree in $linux: run make kernel first"
[ -r "$tarball" ] || fail "$tarball not found"

export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@localhost
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@localhost
g() { git -C "$pristine" -c core.autocrlf=false -c commit.gpgsign=false "$@"; }
# Back to pristine: the last run's git repository undoes what it applied.
stamp=$("$top/tools/tarball-stamp" "$tarball")
if [ "$(cat "$pristine/.lastgasp-stamp" 2>/dev/null)" != "$stamp" ] ||
	! { [ -d "$pristine/.git" ] && { g am --abort > /dev/null 2>&1 || true; } &&
	    g reset -q --hard base > /dev/null 2>&1; }; then
	echo "extracting $tarball into $pristine (kept for later runs)"
	rm -rf "$pristine"
	mkdir -p "$pristine"
	tar xf "$tarball" -C "$pristine" --strip-components=1
	echo "$stamp" > "$pristine/.lastgasp-stamp"
fi
# The series, made from the pristine extract (the tarball's files).
"$top/tools/make-patches" --out "$out" --pristine "$pristine" > "$out.log" 2>&1 ||
	{ cat "$out.log"; fail "tools/make-patches failed"; }
mapfile -t patches < <(ls "$out"/[0-9][0-9][0-9][0-9]-*.patch)
[ "${#patches[@]}" -ge 8 ] || fail "only ${#patches[@]} patches in $out"

# The repository tracks the files the series changes or deletes (Debian's
# top-level .gitignore ignores everything, hence -f): git am needs nothing
# else, and hashing the whole tree would cost minutes. The comparison below
# covers the whole tree.
rm -rf "$pristine/.git"
g init -q
sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' "${patches[@]}" | sort -u |
	while read -r f; do if [ -e "$pristine/$f" ]; then printf "%s\n" "$f"; fi; done > "$out.files"
[ -s "$out.files" ] || fail "the series changes no existing file"
g add -f --pathspec-from-file="$out.files"
g commit -q -m "$(basename "$tarball"): the files the series changes"
g tag base

# 1. The series applies in order.
g checkout -q -B series base
for p in "${patches[@]}"; do
	g am -q --whitespace=error "$p" > "$out.am" 2>&1 ||
		{ cat "$out.am"; fail "$(basename "$p") does not apply with git am"; }
done
n=$(g rev-list --count base..HEAD)
[ "$n" = "${#patches[@]}" ] || fail "$n commits after git am, ${#patches[@]} patches"
echo "ok: ${#patches[@]} patches applied with git am"

# 1b. The tree configures part way: after 0001 (the core alone) and after
#     0005 (the core and the backends, no panic patches) the project's
#     fragments give the pstore symbols that exist at that point. (Building
#     there would be a second kernel build: not done.)
cfg=$(mktemp -d "$top/build/patches-cfg.XXXXXX")
cat "$top"/configs/{base,lastgasp}.config > "$cfg/frag"
for step in "1 CONFIG_PSTORE" "5 CONFIG_PSTORE CONFIG_PSTORE_RAM CONFIG_PSTORE_FLASH CONFIG_PSTORE_EFI"; do
	set -- $step
	k=$1; shift
	g checkout -q "series~$(( ${#patches[@]} - k ))"
	make -s -C "$pristine" O="$cfg/obj" allnoconfig KCONFIG_ALLCONFIG="$cfg/frag" > "$cfg/log" 2>&1 ||
		{ cat "$cfg/log"; fail "the tree does not configure after patch $k"; }
	for sym in "$@"; do
		grep -qx "$sym=y" "$cfg/obj/.config" || fail "$sym=y lost after patch $k"
	done
done
g checkout -q series
rm -rf "$cfg"
echo "ok: the tree configures after patches 0001 and 0005"

# 2. Byte-identical to the tree the overlay build compiles.
if ! diff -r -q --no-dereference -x .git -x '.lastgasp-*' "$pristine" "$linux" > "$out.diff"; then
	head -20 "$out.diff"
	fail "the patched tree differs from $linux ($(wc -l < "$out.diff") entries; run make kernel if sources changed since)"
fi
echo "ok: patched tree identical to $linux"

# 3. checkpatch.pl of the tree: no errors, only the expected warnings. It
#    runs with the tree's .git set aside: with one, checkpatch runs
#    scripts/spdxcheck.py (python3-ply, python3-git and the whole tree in
#    git) for every new file, minutes on a busy machine, to validate
#    license expressions that are all GPL-2.0-only here; the SPDX tag
#    itself is still checked.
actual=$out.checkpatch
: > "$actual"
errors=0
mv "$pristine/.git" "$pristine.git"
trap 'mv "$pristine.git" "$pristine/.git"' EXIT
for p in "${patches[@]}"; do
	num=$(basename "$p" | cut -c1-4)
	(cd "$pristine" && perl scripts/checkpatch.pl --terse --show-types --showfile \
		--no-summary "$p") > "$out.cp" 2>&1 || true
	while IFS= read -r line; do
		case "$line" in
		*": ERROR:"*) echo "$num $line"; errors=$((errors + 1)) ;;
		*": WARNING:"*)
			file=${line%%:*}; [ -n "$file" ] || file=-
			type=${line#*: WARNING:}; type=${type%%:*}
			echo "$num $file $type" >> "$actual" ;;
		*": CHECK:"*) ;;
		?*) echo "$num checkpatch: $line"; errors=$((errors + 1)) ;;
		esac
	done < "$out.cp"
done
mv "$pristine.git" "$pristine/.git"
trap - EXIT
[ "$errors" = 0 ] || fail "checkpatch: $errors errors (above)"
sort "$actual" -o "$actual"
sed -e '/^\s*#/d' -e '/^\s*$/d' -e 's/\s*|.*//' "$expected" | sort > "$out.expected"
if ! diff "$out.expected" "$actual" > "$out.cpdiff"; then
	sed -n 's/^> /new warning (fix it, or list it with its reason in patches\/checkpatch-expected.txt): /p; s/^< /listed but gone (remove it from patches\/checkpatch-expected.txt): /p' "$out.cpdiff"
	fail "checkpatch warnings differ from patches/checkpatch-expected.txt"
fi
echo "ok: checkpatch: no errors, $(wc -l < "$actual") warnings, all listed with a reason"
rm -f "$out.log" "$out.files" "$out.am" "$out.diff" "$out.cp" "$out.cpdiff" "$out.expected" "$actual"
