#!/bin/sh
# tests/corpus/figures.sh, the sums over every corpus set that the README
# quotes, read off the corpus unit test: it must see every set directory and
# every report file, its per-arch counts must add up (it checks that
# itself), and an output it cannot read in full must fail, not print a
# smaller sum.
. "$(dirname "$0")/lib/common.sh"

UT=${UT:-$PWD/build/unit/test_collect_corpus}
FIG=$PC_DIR/tests/corpus/figures.sh
[ -x "$UT" ] || fail "$UT not built (make -C $PC_DIR unit)"

"$UT" > "$T/ut.out" 2>&1 || fail "the corpus unit test failed: $(grep FAILED "$T/ut.out" | head -3)"
"$FIG" "$T/ut.out" > "$T/fig" 2> "$T/err" || fail "figures.sh exited $?: $(cat "$T/err")"

sets=$(find "$CORPUS" -mindepth 2 -maxdepth 2 -name '*.txt' -printf '%h\n' | sort -u | wc -l)
reports=$(find "$CORPUS" -mindepth 2 -maxdepth 2 -name '*.txt' | wc -l)
grep -q "^$sets sets, $reports reports: " "$T/fig" ||
	fail "expected $sets sets and $reports reports, got: $(head -1 "$T/fig")"
for l in "guilty function agrees on " "without labels the rules skip: " "x86_64: " "arm64: "; do
	grep -q "^$l[0-9]" "$T/fig" || fail "no '$l' line in: $(cat "$T/fig")"
done
# given a program, as the README runs it, figures.sh runs it and reads its
# output: a stand-in that prints the saved output (the corpus test runs
# once; it analyses every report 15 times) must give the same figures
# (beside the test binaries: where those run, a program may run)
AGAIN=$(dirname "$UT")/corpus-figures-again.$$
rm_again() { rm -f "$AGAIN"; }
cleanup_hooks="$cleanup_hooks rm_again"
printf '#!/bin/sh\ncat "%s"\nexit 1\n' "$T/ut.out" > "$AGAIN"
chmod +x "$AGAIN"
"$FIG" "$AGAIN" > "$T/fig2" 2>&1 || fail "figures.sh on a program exited $?"
cmp -s "$T/fig" "$T/fig2" || fail "figures differ between the program and its saved output"

# a set's per-arch line lost: refused, not summed short
grep -v "^  corpus syzmail by arch: " "$T/ut.out" > "$T/cut.out"
if "$FIG" "$T/cut.out" > /dev/null 2> "$T/err"; then
	fail "an output missing a per-arch line was summed"
fi
grep -q "per-arch lines" "$T/err" || fail "no reason given for the missing line: $(cat "$T/err")"
# a summary line reworded so that a count cannot be read: refused
sed 's/rules skip, and on the other/rules skip; on the rest/' "$T/ut.out" > "$T/cut.out"
if "$FIG" "$T/cut.out" > /dev/null 2> "$T/err"; then
	fail "an unreadable summary line was summed"
fi
grep -q "cannot read the line of set" "$T/err" || fail "no reason given: $(cat "$T/err")"
echo "PASS: corpus-figures ($(head -1 "$T/fig"))"
