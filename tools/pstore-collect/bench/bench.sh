#!/bin/sh
# Benchmark (not a test): pstore-collect against Debian's systemd-pstore on
# the same fabricated tree of N records (default 10,000 of about 5 KB):
# EFI-style dumps of 4 parts each, every dump a different crash.
#
#   tools/pstore-collect/bench/bench.sh [N] [WORKDIR]
#
# Run from the repository root after `make -C tools/pstore-collect`.
# WORKDIR (default a temp dir under /var/tmp) should be on a real disk:
# both tools' archives are written and synced there.
set -eu

N=${1:-10000}
W=${2:-$(mktemp -d /var/tmp/pc-bench.XXXXXX)}
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

cp -a "$W/tree" "$W/src-pc"
cp -a "$W/tree" "$W/src-sp"
sync -f "$W"

now() { date +%s.%N; }
rate() { awk -v n="$cnt" -v a="$1" -v b="$2" 'BEGIN { printf "%.3f s, %.0f records/s", b - a, n / (b - a) }'; }

a=$(now)
"$PC" -q -s "$W/src-pc" -a "$W/arch-pc" --machine-id bench > /dev/null
b=$(now)
left=$(ls "$W/src-pc" | wc -l)
reports=$(find "$W/arch-pc" -name report.json | wc -l)
echo "pstore-collect: $(rate "$a" "$b") ($reports crash reports with signature and JSON; $left records left)"

if [ -x "$SP" ]; then
	a=$(now)
	"$SP" "$W/src-sp" "$W/arch-sp" > /dev/null 2>&1 || true
	b=$(now)
	sync
	left=$(ls "$W/src-sp" | wc -l)
	echo "systemd-pstore: $(rate "$a" "$b") ($(find "$W/arch-sp" -type f | wc -l) files archived; $left records left)"
else
	echo "systemd-pstore: not installed at $SP"
fi
