#!/bin/sh
# Output every consumer can parse, names that cannot forge log lines,
# identical texts, odd times, config spellings and the build flags.
. "$(dirname "$0")/lib/common.sh"

# valid UTF-8 without control characters (python is not needed: iconv)
clean_utf8() {
	iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1 || return 1
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"
}

S=$T/src
mkdir -p "$S"
# a report whose every field holds escapes, C1 controls, invalid UTF-8 and bidi overrides
printf 'Panic#1 Part1\nBUG: kernel NULL pointer dereference, address: 0 \033[31mRED\033[0m \377\nCPU: 0 PID: 1 Comm: \033]0;evil\007sh\302\233x\342\200\256 Tainted: G \376 6.1.0-\033[2J\nRIP: 0010:foo\033[1m+0x1/0x2\nCall Trace:\n <TASK>\n bar\302\205+0x1/0x2\n </TASK>\nKernel panic - not syncing: Fatal \033[5mexception\377\n' > "$S/dmesg-ramoops-0"
# identical texts in two records: one crash, both listed
printf 'Panic#2 Part1\nKernel panic - not syncing: same\n' > "$S/dmesg-ramoops-1"
printf 'Panic#2 Part1\nKernel panic - not syncing: same\n' > "$S/dmesg-pstore_blk-1"
touch -d @1700000000 "$S/dmesg-ramoops-1" "$S/dmesg-pstore_blk-1"
printf 'same console\n' > "$S/console-ramoops-0"
printf 'same console\n' > "$S/console-ramoops-1"
# times before 1970 and far in the future
printf 'Panic#3 Part1\nKernel panic - not syncing: old\n' > "$S/dmesg-ramoops-2"
touch -d @-1000000 "$S/dmesg-ramoops-2"
printf 'Panic#4 Part1\nKernel panic - not syncing: future\n' > "$S/dmesg-efi_pstore-18000000000000001001"
# a name with a newline: one log line, escaped
printf 'x' > "$S/$(printf 'dmesg-ram\nFAKE: injected-0')"
mkfifo "$S/dmesg-ramoops-9"
"$PC" -s "$S" -a "$T/arch" --machine-id m1 --ship tcp://127.0.0.1:1 --timeout 1 > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 3 ] || fail "expected exit 3 (odd name, FIFO left), got $rc: $(cat "$T/err")"
grep -q '^FAKE' "$T/err" && fail "a newline in a name forged a log line"
grep -q 'dmesg-ram\\x0aFAKE: injected-0: not a pstore record name' "$T/err" || fail "odd name not escaped: $(cat "$T/err")"
grep -q 'dmesg-ramoops-9: not a regular file' "$T/err" || fail "FIFO not refused by type"
for f in "$T"/arch/*/report.json "$T"/arch/spool/*.msg; do
	clean_utf8 "$f" || fail "$f is not clean UTF-8"
	jq -e . "$f" > /dev/null 2>&1 || case $f in *.msg) ;; *) fail "$f does not parse" ;; esac
done
"$PC" --json -s "$T/src" -a "$T/arch2" --keep > "$T/json" 2>/dev/null
jq -e . "$T/json" > /dev/null || fail "collect --json output does not parse"
r=$(grep -l 'RED' "$T"/arch/*/report.json)
jq -e '[.analysis.title, .analysis.comm, .analysis.kernel_version, .analysis.panic_message, .analysis.fault_line, .summary] + .analysis.call_trace
	| map(select(. != null) | test("[\u0000-\u001f\u007f-\u009f\u202a-\u202e]|\\[31m|\\]0;")) | any | not' "$r" > /dev/null ||
	fail "control characters or escapes left in fields: $(jq -c '[.analysis.title, .analysis.comm, .analysis.kernel_version, .summary]' "$r")"
jq -e '.analysis.comm | test("sh")' "$r" > /dev/null || fail "comm lost its text"
# the syslog header line (summary) is clean too
head -1 "$T"/arch/spool/*.msg | LC_ALL=C grep -q "$(printf '\033')" && fail "escape in a syslog header"
# identical texts
r=$(grep -l '"dmesg-pstore_blk-1"' "$T"/arch/*/report.json)
jq -e '[.sources[].name] | sort == ["dmesg-pstore_blk-1", "dmesg-ramoops-1"]' "$r" > /dev/null || fail "identical dumps: $(jq -c '[.sources[].name]' "$r")"
r=$(grep -l '"console-ramoops-1"' "$T"/arch/*/report.json)
jq -e '[.sources[].name] | sort == ["console-ramoops-0", "console-ramoops-1"]' "$r" > /dev/null || fail "identical console records not both listed"
# times: RFC 3339 with four-digit years, and both spooled under parseable names
jq -r '.record_time' "$T"/arch/*/report.json | grep -vqE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' && fail "bad record_time"
grep -l 'not syncing: old' "$T"/arch/*/dmesg.txt | xargs -n1 dirname | xargs -I{} jq -r .record_time {}/report.json | grep -q '^1969-12-20' || fail "pre-1970 time"
grep -l 'future' "$T"/arch/*/report.json | xargs jq -r .record_time | grep -q '^9999-12-31T23:59:59Z' || fail "far-future time not clamped"
port=$(free_port) || fail "no port"
socat -u TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr OPEN:"$T/got",creat &
spid=$!
for _ in $(seq 100); do listening "$port" && break; sleep 0.05; done
"$PC" -q ship -a "$T/arch" --ship "tcp://127.0.0.1:$port" --timeout 5 --retry-base 0 || fail "ship of odd times failed"
wait $spid
grep -q 'not syncing: old' "$T/got" && grep -q 'not syncing: future' "$T/got" || fail "odd times not shipped"
[ -z "$(ls "$T/arch/spool")" ] || fail "spool not drained: $(ls "$T/arch/spool")"

# config file: every long option of --help is a key; -cFILE works
"$PC" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | sed 's/^--//' | while read -r k; do
	case $k in help|version|config) continue ;; esac
	case $k in
	source|archive) v=$T/x ;; ship) v=tcp://127.0.0.1:1 ;; machine-id|hostname) v=h ;;
	keep|json|quiet|verbose) v=yes ;; max-size|max-inflated|max-message|max-bytes) v=1M ;;
	*) v=1 ;;
	esac
	echo "$k = $v" > "$T/one.conf"
	"$PC" -c "$T/one.conf" --help > /dev/null 2> "$T/err" || fail "config key $k refused: $(cat "$T/err")"
done
fabricate_tree "$T/src3"
printf 'source = %s\narchive = %s\nkeep = yes\njson = yes\n' "$T/src3" "$T/arch3" > "$T/k.conf"
"$PC" -c"$T/k.conf" > "$T/out3" || fail "-cFILE run failed"
[ -n "$(ls "$T/src3")" ] || fail "keep = yes (via -cFILE) removed records"
head -1 "$T/out3" | jq -e .schema > /dev/null || fail "json = yes (via -cFILE) printed no JSON"
"$PC" -c "$T/missing.conf" list > /dev/null 2>&1 && fail "missing -c file accepted"
"$PC" -c"$T/missing.conf" list > /dev/null 2>&1 && fail "missing -cFILE accepted"

# the Makefile keeps its flags with CFLAGS on the command line, and clang builds it
make -s -C "$PC_DIR" BUILD="$T/b1" CFLAGS=-O0 all > "$T/mk1" 2>&1 || fail "make CFLAGS=-O0: $(tail -3 "$T/mk1")"
"$T/b1/bin/pstore-collect" --version > /dev/null || fail "CFLAGS=-O0 build does not run"
make -s -C "$PC_DIR" BUILD="$T/b2" CC=clang CFLAGS="-O2 -Werror" all > "$T/mk2" 2>&1 || fail "clang build: $(tail -5 "$T/mk2")"
"$T/b2/bin/pstore-collect" list -s "$T/src3" > /dev/null || fail "clang build does not run"
exit 0
