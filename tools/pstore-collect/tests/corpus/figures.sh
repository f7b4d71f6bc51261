#!/bin/sh
# The signature figures of issue 11 over every corpus set at once: the sums
# of test_collect_corpus's per-set lines, overall and per arch, and with
# --sets one line per set. This is the rerunnable measurement behind the
# README's "All N sets" paragraph; the unit test holds each set to its own
# figures, this only adds them up.
#   agreement in the log   the signature's function is the label, over the
#                          reports whose label appears in the log
#   without skipped labels the same, leaving out labels that name a helper,
#                          lock or wait the rules skip by design
#   without issue's skips  leaving out labels that name what issue 11's own
#                          words skip
# Usage: figures.sh [--sets] [test_collect_corpus binary | its saved output]
# (run from the repository root, like the unit test)
set -e
sets=0
if [ "$1" = "--sets" ]; then
	sets=1
	shift
fi
src=${1:-build/unit/test_collect_corpus}
if [ ! -e "$src" ]; then
	echo "figures.sh: $src: no such file (build it with 'make -C tools/pstore-collect unit'," \
	     "or give the test binary or its saved output)" >&2
	exit 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ -x "$src" ] && [ ! -d "$src" ]; then
	"$src" >"$out" 2>&1 || true
else
	cat "$src" >"$out"
fi
awk -v sets="$sets" '
function num(re,   m) {	# the number just before (or after) the phrase re
	if (!match($0, re))
		return -1
	m = substr($0, RSTART, RLENGTH)
	gsub(/[^0-9]/, " ", m)
	split(m, f, " ")
	return f[1] + 0
}
function pct(a, b) { return b ? sprintf("%.1f%%", 100 * a / b) : "-" }
/^  corpus [a-z0-9]+: [0-9]+ reports, / {
	name = $2; sub(/:$/, "", name)
	n = num("[0-9]+ reports"); kb = num("kind mismatches [0-9]+"); ns = num("without signature [0-9]+")
	match($0, /agrees on [0-9]+ of [0-9]+ found in the log/)
	split(substr($0, RSTART, RLENGTH), w, " "); ag = w[3]; in_log = w[5]
	match($0, /[0-9]+ of all [0-9]+ named/)
	split(substr($0, RSTART, RLENGTH), w, " "); ag_all = w[1]; named = w[4]
	match($0, /rules skip, and on the other [0-9]+/)
	split(substr($0, RSTART, RLENGTH), w, " "); noskip = w[7]
	match($0, /own words skip, and on the other [0-9]+/)
	split(substr($0, RSTART, RLENGTH), w, " "); noissue = w[8]
	if (n < 0 || in_log == "" || noskip == "" || noissue == "") {
		print "figures.sh: cannot read the line of set " name > "/dev/stderr"; bad = 1; next
	}
	T["n"] += n; T["kb"] += kb; T["ns"] += ns; T["ag"] += ag; T["in"] += in_log
	T["agall"] += ag_all; T["named"] += named; T["noskip"] += noskip; T["noissue"] += noissue
	nsets++
	if (sets)
		printf "%-12s %4d reports, %2d kinds wrong, %d unsigned; in the log %4d of %4d (%s), all named %4d of %4d (%s), without skipped labels %s\n",
		       name, n, kb, ns, ag, in_log, pct(ag, in_log), ag_all, named, pct(ag_all, named), pct(ag, noskip)
}
/^  corpus [a-z0-9]+ by arch: / {
	match($0, /x86_64 agrees on [0-9]+ of [0-9]+ found in the log, [0-9]+/)
	split(substr($0, RSTART, RLENGTH), w, " "); X["ag"] += w[4]; X["in"] += w[6]; X["sk"] += w[11]
	match($0, /arm64 agrees on [0-9]+ of [0-9]+, [0-9]+/)
	split(substr($0, RSTART, RLENGTH), w, " "); A["ag"] += w[4]; A["in"] += w[6]; A["sk"] += w[7]
	narch++
}
END {
	if (!nsets) { print "figures.sh: no corpus lines in the output" > "/dev/stderr"; exit 2 }
	if (narch != nsets) { print "figures.sh: " nsets " sets but " narch " per-arch lines" > "/dev/stderr"; exit 2 }
	printf "%d sets, %d reports: %d kind mismatches, %d without a signature\n", nsets, T["n"], T["kb"], T["ns"]
	printf "guilty function agrees on %d of %d found in the log (%s); %d of all %d named (%s)\n",
	       T["ag"], T["in"], pct(T["ag"], T["in"]), T["agall"], T["named"], pct(T["agall"], T["named"])
	printf "without labels the rules skip: %d of %d (%s); without what issue 11 skips: %d of %d (%s)\n",
	       T["ag"], T["noskip"], pct(T["ag"], T["noskip"]), T["ag"], T["noissue"], pct(T["ag"], T["noissue"])
	printf "x86_64: %d of %d found in the log (%s), %d of %d without skipped labels (%s)\n",
	       X["ag"], X["in"], pct(X["ag"], X["in"]), X["ag"], X["in"] - X["sk"], pct(X["ag"], X["in"] - X["sk"])
	printf "arm64: %d of %d found in the log (%s), %d of %d without skipped labels (%s)\n",
	       A["ag"], A["in"], pct(A["ag"], A["in"]), A["ag"], A["in"] - A["sk"], pct(A["ag"], A["in"] - A["sk"])
	if (X["ag"] + A["ag"] != T["ag"] || X["in"] + A["in"] != T["in"] ||
	    X["sk"] + A["sk"] != T["in"] - T["noskip"])
		{ print "figures.sh: the per-arch counts do not add up to the totals" > "/dev/stderr"; exit 1 }
	exit bad
}' "$out"
