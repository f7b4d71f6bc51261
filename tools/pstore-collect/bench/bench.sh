#!/bin/sh
# Benchmark (not a test): pstore-collect against Debian's systemd-pstore on
# the same fabricated tree of N records (default 10,000 of about 5 KB):
# EFI-style dumps of 4 parts each, every dump a different crash.
#
#   tools/pstore-collect/bench/bench.sh [N] [WORKDIR]
#
# Run from the repository root after `make -C tools/pstore-collect`.
# A temp dir is made under WORKDIR (default /var/tmp), which should be on
# the disk to measure:
# both tools' archives are written there; it is removed at the end.
set -u

N=${1:-10000}
W=$(mktemp -d "${2:-/var/tmp}/pc-bench.XXXXXX")
PC=${PC:-$PWD/build/bin/pstore-collect}
SP=${SYSTEMD_PSTORE:-/lib/systemd/systemd-pstore}
CORPUS=$PWD/tools/pstore-collect/tests/corpus
PARTS=4

[ -x "$PC" ] || { echo "build pstore-collect first"; exit 1; }
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/tree"

# One awk process writes every record: Part4 (oldest) .. Part1 (newest),
# each ~5 KB of real oops text with a line that makes the dump unique.
cat "$CORPUS"/x86_64-*.txt "$CORPUS"/arm64-*.txt > "$W/pool.txt"
awk -v n="$N" -v parts="$PARTS" -v dir="$W/tree" '
	{ pool[NR] = $0 }
	END {
		t0 = 1700000000
		dumps = int((n + parts - 1) / parts)
		made = 0
		for (d = 0; d < dumps; d++) {
			for (p = parts; p >= 1 && made < n; p--) {
				id = (t0 + d) * 100000 + p * 1000 + 1
				f = sprintf("%s/dmesg-efi_pstore-%.0f", dir, id)
				printf("Panic#1 Part%d\n", p) > f
				printf("[%12.6f] bench dump %d part %d\n", d, d, p) > f
				size = 0
				for (i = (d * 7 + p * 13) % NR + 1; size < 5000; i = i % NR + 1) {
					print pool[i] > f
					size += length(pool[i]) + 1
				}
				close(f)
				made++
			}
		}
	}' "$W/pool.txt"
cnt=$(ls "$W/tree" | wc -l)
bytes=$(du -sb "$W/tree" | cut -f1)
echo "tree: $cnt records, $((bytes / cnt)) bytes each on average, in $W"

now() { date +%s.%N; }
# CPU=children's user+sys seconds so far, from this shell's `times`
cpu() {
	times > "$W/times.out"
	CPU=$(awk 'NR == 2 { gsub(/s/, ""); split($1, u, "m"); split($2, s, "m"); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$W/times.out")
}
ROUNDS=${ROUNDS:-3}
[ -x "$SP" ] || echo "systemd-pstore: not installed at $SP"

# Alternate the tools, fresh copies each round; the machine may be busy, so
# the best round of each is the figure to compare.
for r in $(seq "$ROUNDS"); do
	rm -rf "$W/src-pc" "$W/src-sp" "$W/arch-pc" "$W/arch-sp"
	cp -a "$W/tree" "$W/src-pc"
	cp -a "$W/tree" "$W/src-sp"
	sync -f "$W"

	cpu; c0=$CPU; a=$(now)
	"$PC" -q -s "$W/src-pc" -a "$W/arch-pc" --machine-id bench > /dev/null
	b=$(now); cpu; c1=$CPU
	left=$(ls "$W/src-pc" | wc -l)
	reports=$(find "$W/arch-pc" -name report.json | wc -l)
	echo "round $r pstore-collect: wall $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }') s, cpu $(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }') s ($reports crash reports; $left records left)"
	echo "$a $b" >> "$W/pc.times"

	if [ -x "$SP" ]; then
		cpu; c0=$CPU; a=$(now)
		"$SP" "$W/src-sp" "$W/arch-sp" > /dev/null 2>&1 || true
		b=$(now); cpu; c1=$CPU
		a2=$(now); sync -f "$W/arch-sp"; b2=$(now)
		left=$(ls "$W/src-sp" | wc -l)
		echo "round $r systemd-pstore: wall $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }') s, cpu $(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }') s, +$(awk -v a="$a2" -v b="$b2" 'BEGIN { printf "%.3f", b - a }') s for a syncfs it does not do ($(find "$W/arch-sp" -type f | wc -l) files; $left records left)"
		echo "$a $b" >> "$W/sp.times"
	fi
done

best() { awk -v n="$cnt" '{ t = $2 - $1; if (min == "" || t < min) min = t } END { printf "%.3f s, %.0f records/s", min, n / min }' "$1"; }
echo "best of $ROUNDS: pstore-collect $(best "$W/pc.times")"
[ -f "$W/sp.times" ] && echo "best of $ROUNDS: systemd-pstore $(best "$W/sp.times")"
exit 0
