#!/usr/bin/env bash
# The ftrace frontend (CONFIG_PSTORE_FTRACE): /sys/kernel/debug/pstore/
# record_ftrace switches the recording of every function call into
# ramoops' ftrace zones, one ring per CPU; after a panic (sysrq-c) the next
# boot shows all rings merged in call order as ftrace-ramoops-0, decoded one
# call per line in upstream's format ("CPU:1 ts:42 <ip> <parent>  f <- g"),
# with the calls that led to the panic; unlinking it empties the zones.
. "$(dirname "$0")/lib.sh"

# 32 KiB of ftrace zones: 16 KiB per CPU, about 680 calls each.
FT="ramoops.ftrace_size=0x8000"

boot 100 --timeout 300 --append "$FT" <<'G'
K=/sys/kernel/debug/pstore/record_ftrace
echo "record_ftrace-mode: $(stat -c %a $K) value $(cat $K)"
echo 1 > $K
echo "record_ftrace-now: $(cat $K)"
echo c > /proc/sysrq-trigger
G
console_has 1 'ftrace 0x8000 in 2 zone\(s\)'
console_has 1 'record_ftrace-mode: 600 value 0'
console_has 1 'record_ftrace-now: 1'
console_has 1 'pstore: ftrace recording on'
console_has 1 'Kernel panic - not syncing'

boot 0 --timeout 300 --append "$FT" <<'G'
set -e
cd /sys/fs/pstore
ls -l
F=ftrace-ramoops-0
echo "ftrace-lines: $(wc -l < $F)"
head -3 $F
grep -m1 'sysrq_handle_crash' $F
# every line decoded, in upstream's format
if grep -Ev '^CPU:[0-9]+ ts:[0-9]+ [0-9a-f]{8,}  [0-9a-f]{8,}  [^ ]+ <- .+$' $F | head -3 | grep .; then
	echo "lines not in upstream's format"; exit 1
fi
# both CPUs' rings, merged in call order (ts ascending)
for c in 0 1; do echo "cpu$c-calls: $(grep -c "^CPU:$c " $F)"; done
awk '{ sub("ts:", "", $2); if (NR > 1 && $2 + 0 <= last) { print "out of order at line " NR; exit 1 } last = $2 + 0 }' $F
[ "$(cat /sys/kernel/debug/pstore/record_ftrace)" = 0 ]
rm $F
if ls | grep -q '^ftrace-'; then echo "ftrace record still listed"; exit 1; fi
echo "scenario-ok"
G
console_has 2 'scenario-ok'
console_has 2 'sysrq_handle_crash'
for c in 0 1; do
	n=$(grep -Eo "cpu$c-calls: [0-9]+" "$state/boot2.log" | awk '{ print $2 }')
	[ "${n:-0}" -gt 0 ] || fail "no calls recorded on CPU $c"
done
grep -Eo 'ftrace-lines: [0-9]+' "$state/boot2.log"

# The erased zones stay empty: nothing was recorded in boot 2.
boot 0 --timeout 300 --append "$FT" <<'G'
set -e
ls /sys/fs/pstore
if ls /sys/fs/pstore | grep -q '^ftrace-'; then echo "the erased zones came back"; exit 1; fi
echo "scenario-ok"
G
console_has 3 'scenario-ok'
echo PASS
