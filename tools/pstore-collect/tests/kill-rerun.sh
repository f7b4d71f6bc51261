#!/bin/sh
# Kill pstore-collect (SIGKILL) at every step, run it again: no crash lost,
# none duplicated, every record removed exactly once its copy is durable.
. "$(dirname "$0")/lib/common.sh"

# reference: an uninterrupted run
fabricate_tree "$T/ref-src"
"$PC" -q -s "$T/ref-src" -a "$T/ref" --machine-id m1 || fail "reference run failed"
ref_dirs=$(cd "$T/ref" && ls -d */ | sort)
nrec=$(cd "$T/ref" && find . -mindepth 2 -name '*-*-*' | wc -l)

check() {
	what=$1 arch=$2 src=$3
	[ -z "$(ls -A "$src")" ] || fail "$what: records left: $(ls "$src")"
	dirs=$(cd "$arch" && ls -d */ | sort)
	[ "$dirs" = "$ref_dirs" ] || fail "$what: archive differs from the reference (lost or duplicated): $dirs"
	for d in $ref_dirs; do
		[ -s "$arch/$d/report.json" ] || fail "$what: $d has no report"
		jq -e . "$arch/$d/report.json" >/dev/null || fail "$what: $d/report.json is not JSON"
		for f in $(cd "$T/ref/$d" && ls); do
			[ "$f" = report.json ] && continue
			cmp -s "$T/ref/$d/$f" "$arch/$d/$f" || fail "$what: $d/$f differs from the reference"
		done
	done
	n=$(cd "$arch" && find . -mindepth 2 -name '*-*-*' | wc -l)
	[ "$n" -eq "$nrec" ] || fail "$what: $n raw records archived, expected $nrec"
	[ -z "$(find "$arch" -name '*.tmp' -o -name '.tmp-*')" ] || fail "$what: temporary files left: $(find "$arch" -name '*.tmp' -o -name '.tmp-*')"
	[ ! -s "$arch/journal" ] || fail "$what: journal not reset after a complete run"
}

i=0
for step in tmp-written:1 tmp-written:4 tmp-written:9 tmp-written:25 before-report:1 before-report:5 \
	archived journaled synced unlinked:1 unlinked:5 unlinked:11 \
	"tmp-written:3 unlinked:2" "journaled synced" "unlinked:3 unlinked:3" \
	"unlinked:3 unlinked:1 unlinked:1 unlinked:2"; do
	i=$((i + 1))
	src=$T/src$i arch=$T/arch$i
	fabricate_tree "$src"
	for k in $step; do
		PSTORE_COLLECT_KILL_AT=$k "$PC" -q -s "$src" -a "$arch" --machine-id m1 >/dev/null 2>&1
		rc=$?
		[ $rc -eq 137 ] || fail "kill at $k: tool was not killed there (exit $rc)"
		# nothing may be gone from the source that is not durable in the archive
		for f in $(ls "$T/ref-src" 2>/dev/null) $(cd "$T/ref" && find . -mindepth 2 -name '*-*-*' -printf '%f\n'); do
			[ -e "$src/$f" ] && continue
			[ -n "$(find "$arch" -mindepth 2 -name "$f")" ] || fail "kill at $k: $f removed but not archived"
		done
	done
	"$PC" -q -s "$src" -a "$arch" --machine-id m1 >/dev/null 2>&1 || fail "re-run after kill at '$step' exited $?"
	check "kill at '$step'" "$arch" "$src"
done
exit 0
