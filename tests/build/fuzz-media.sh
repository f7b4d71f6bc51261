#!/usr/bin/env bash
# A short libFuzzer run (FUZZ_SECONDS, default 30) of the flash and ramoops
# decoders from the repository's seed corpus: fails on any crash, sanitizer
# report, leak or a NOR-model violation (a 1 programmed over a 0).
# `make fuzz-media FUZZ_TIME=N` runs longer and keeps its corpus.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-30}
work=$(mktemp -d /tmp/lastgasp-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
make -s -C "$top/backends/nvram/tools" fuzz
fuzzer=$top/build/fuzz/fuzz-media
mkdir "$work/corpus"
if ! "$fuzzer" -max_total_time="$secs" -max_len=16384 -artifact_prefix="$work/" \
	"$work/corpus" "$top/backends/nvram/tools/fuzz-seeds" > "$work/log" 2>&1; then
	tail -40 "$work/log"
	echo "FAIL: fuzz-media found a crash (input in the log above)"
	exit 1
fi
grep -E '^Done [0-9]+ runs' "$work/log" || { tail -20 "$work/log"; echo "FAIL: no run summary"; exit 1; }
echo PASS
