#!/bin/sh
# libFuzzer (ASan+UBSan) over names, headers, inflate, reassembly, analysis,
# JSON and syslog formatting, for FUZZ_SECONDS (default 60) from the seed
# corpus in tests/fuzz/seed. `make fuzz FUZZ_TIME=N` runs it longer.
. "$(dirname "$0")/lib/common.sh"

FZ=${FUZZ_BIN:-$PWD/build/fuzz/fuzz_collect}
[ -x "$FZ" ] || fail "$FZ not built (make -C $PC_DIR unit)"
mkdir -p "$T/corpus" "$T/art"
"$FZ" -max_total_time="${FUZZ_SECONDS:-60}" -print_final_stats=1 -rss_limit_mb=2048 \
	-artifact_prefix="$T/art/" "$T/corpus" "$PC_DIR/tests/fuzz/seed" > "$T/log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$T/log")
if [ $rc -ne 0 ] || [ -n "$(ls "$T/art")" ]; then
	grep -E 'ERROR|broken promise|SUMMARY|runtime error' "$T/log" | head -10
	for a in "$T"/art/*; do [ -f "$a" ] && od -c "$a" | head -20; done
	fail "fuzzer found a problem (exit $rc after ${runs:-?} runs)"
fi
[ "${runs:-0}" -gt 1000 ] || fail "fuzzer ran only ${runs:-0} inputs"
echo "fuzz: $runs inputs in ${FUZZ_SECONDS:-60} s, no finding"
exit 0
