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

# And at arbitrary moments: SIGKILL a run over 400 records after a random
# delay, several times over, then let one finish.
big_tree() {
	mkdir -p "$1"
	awk -v dir="$1" '{ pool[NR] = $0 } END {
		for (d = 0; d < 100; d++)
			for (p = 4; p >= 1; p--) {
				f = sprintf("%s/dmesg-efi_pstore-%.0f", dir, (1700000000 + d) * 100000 + p * 1000 + 1)
				printf("Panic#1 Part%d\ndump %d part %d\n", p, d, p) > f
				i = (d * 7 + p * 13) % NR + 1
				for (n = 0; n < 40; n++) {
					print pool[i] > f
					i = i % NR + 1
				}
				close(f)
			}
	}' "$CORPUS"/*.txt
}
big_tree "$T/big-ref-src"
"$PC" -q -s "$T/big-ref-src" -a "$T/big-ref" --machine-id m1 || fail "big reference run failed"
big_dirs=$(cd "$T/big-ref" && ls -d */ | sort)
[ "$(echo "$big_dirs" | wc -l)" -eq 100 ] || fail "big reference: expected 100 crashes"
[ -z "$(ls -A "$T/big-ref-src")" ] || fail "big reference left records"
big_tree "$T/big-src"
ls "$T/big-src" | sort > "$T/all"
for k in 1 2 3 4; do
	"$PC" -q -s "$T/big-src" -a "$T/big-arch" --machine-id m1 >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$(od -An -N1 -tu1 /dev/urandom | tr -d ' ' | cut -c1)"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# every record is still in the source or archived (or both)
	{ ls "$T/big-src"; find "$T/big-arch" -mindepth 2 -name 'dmesg-efi*' -printf '%f\n' 2>/dev/null; } \
		| sort -u > "$T/seen"
	missing=$(comm -23 "$T/all" "$T/seen" | head -3)
	[ -z "$missing" ] || fail "random kill $k: removed but not archived: $missing"
done
"$PC" -q -s "$T/big-src" -a "$T/big-arch" --machine-id m1 || fail "run after random kills exited $?"
[ -z "$(ls -A "$T/big-src")" ] || fail "random kills: records left"
[ "$(cd "$T/big-arch" && ls -d */ | sort)" = "$big_dirs" ] || fail "random kills: archive differs from the reference"
[ -z "$(find "$T/big-arch" -name '*.tmp' -o -name '.tmp-*')" ] || fail "random kills: temporary files left"
exit 0
