#!/bin/sh
# Print a report corpus (default: real/; or the directory given) as a Markdown table: reports per kind and
# arch, and how many name a guilty function. Used for README.md.
set -e
dir=${1:-$(dirname "$0")/real}
for f in "$dir"/*.txt; do
	k=$(sed -n 's/^# kind: //p' "$f")
	a=$(sed -n 's/^# arch: //p' "$f")
	g=$(sed -n 's/^# guilty: //p' "$f")
	echo "$k $a $g"
done | awk '
{ n[$1]++; if ($2 == "arm64") arm[$1]++; else x86[$1]++; if ($3 != "-") named[$1]++;
  tot++; if ($2 == "arm64") tarm++; else tx86++; if ($3 != "-") tnamed++ }
END {
	print "| kind | x86_64 | arm64 | all | naming a guilty function |"
	print "|------|-------:|------:|----:|-------------------------:|"
	for (k in n) printf "| `%s` | %d | %d | %d | %d |\n", k, x86[k], arm[k], n[k], named[k] | "sort"
	close("sort")
	printf "| **total** | %d | %d | %d | %d |\n", tx86, tarm, tot, tnamed
}'
