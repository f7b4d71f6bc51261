#!/bin/sh
# Agreement of the guilty function per part of the real corpus, to measure
# how general the signature rules are (README: "Real-report corpus").
#   validation  a third of the 351 reports of 2026-12-01 set aside before
#               the rules of 2026-12-01 changed: sha256("lastgasp-sig-split-1:"
#               file name), first 8 hex digits as a number, mod 3 == 0
#   development the other two thirds
#   s3-batch    the 40 s3-* reports of syzkaller's test data 224-616 added
#               afterwards, measured before the rules changed
#   s3-batch2   the 7 s3-* reports 708-726 added after those, measured before
#               the third round of rules
# Usage: split.sh [test_collect_corpus binary] (run from the repository root)
set -e
dir=$(dirname "$0")/real
bin=${1:-build/unit/test_collect_corpus}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" >"$out" 2>&1 || true
for f in "$dir"/*.txt; do
	n=$(basename "$f")
	g=$(sed -n 's/^# guilty: //p' "$f")
	[ "$g" = "-" ] && continue
	case $n in
	s3-syz-07*) part=s3-batch2 ;;
	s3-*) part=s3-batch ;;
	*) h=$(printf 'lastgasp-sig-split-1:%s' "$n" | sha256sum | cut -c1-8)
	   if [ $((0x$h % 3)) -eq 0 ]; then part=validation; else part=development; fi ;;
	esac
	shown=0
	sed '1,/^---$/d' "$f" | grep -qw -- "$g" && shown=1
	bad=0
	grep -q "GUILTY.* $n " "$out" && bad=1
	echo "$part $shown $bad"
done | awk '
{ n[$1]++; ok[$1] += !$3; if ($2) { ni[$1]++; oki[$1] += !$3 } }
END {
	for (p in n)
		printf "%-12s %3d of %3d named (%.1f%%), %3d of %3d found in the log (%.1f%%)\n",
		       p, ok[p], n[p], 100 * ok[p] / n[p], oki[p], ni[p], ni[p] ? 100 * oki[p] / ni[p] : 0
}' | sort
