#!/bin/sh
# Delivery to a real rsyslog on 127.0.0.1: RFC 5424 octet-counted TCP and
# RELP, a spool while the receiver is down, idempotency, the daily cap.
. "$(dirname "$0")/lib/common.sh"

W=$T/rsyslog
mkdir -p "$W/work"
TCP_PORT=$(free_port) || fail "no free port"
RELP_PORT=$(free_port) || fail "no free port"
[ "$TCP_PORT" != "$RELP_PORT" ] || RELP_PORT=$((TCP_PORT + 1))

cat > "$W/rsyslog.conf" <<CONF
global(workDirectory="$W/work" maxMessageSize="256k")
module(load="imtcp")
module(load="imrelp")
input(type="imtcp" port="$TCP_PORT" address="127.0.0.1" ruleset="in")
input(type="imrelp" port="$RELP_PORT" address="127.0.0.1" ruleset="in" maxDataSize="256k")
template(name="one" type="string" string="%hostname% %app-name% %msgid% %structured-data% MSG:%msg%:END\n")
ruleset(name="in") {
	action(type="omfile" file="$W/received.log" template="one")
}
CONF

start_rsyslog() { rsyslog_start "$W/rsyslog.conf" "$W/rsyslogd.out" "$TCP_PORT" "$RELP_PORT"; }
stop_rsyslog() { rsyslog_stop; }
cleanup_hooks=rsyslog_stop

# wait until $1 lines mention the tool in received.log
received() {
	for _ in $(seq 50); do
		n=$(grep -c ' pstore-collect crash ' "$W/received.log" 2>/dev/null)
		[ "${n:-0}" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

start_rsyslog

# 1. TCP, octet-counted: a multi-line oops arrives as one message
fabricate_tree "$T/src1"
"$PC" -q -s "$T/src1" -a "$T/arch" --machine-id m1 --hostname host1 \
	--ship "tcp://127.0.0.1:$TCP_PORT" || fail "collect with TCP shipping exited $?"
received 6 || fail "TCP: expected 6 messages, got $(grep -c . "$W/received.log" 2>/dev/null)"
[ "$(grep -c . "$W/received.log")" -eq 6 ] || fail "TCP: a report was split into several messages"
line=$(grep 'kernel-lgtest_null_write' "$W/received.log")
echo "$line" | grep -q 'MSG:.*BUG: kernel NULL pointer dereference.*Kernel panic - not syncing: Fatal exception.*:END' \
	|| fail "TCP: the oops is not one whole message"
key=$(jq -r 'select(.signature | startswith("kernel-lgtest_null_write")) | .idempotency_key' "$T"/arch/dmesg-*/report.json)
echo "$line" | grep -q "lastgasp@32473 key=\"$key\"" || fail "TCP: idempotency key missing from structured data"
echo "$line" | grep -q '^host1 pstore-collect crash ' || fail "TCP: RFC 5424 header fields wrong: $(echo "$line" | cut -c1-80)"
[ -z "$(ls -A "$T/arch/spool")" ] || fail "TCP: spool not emptied"

# 2. a re-run of the same crashes does not send them again
fabricate_tree "$T/src2"
"$PC" -q -s "$T/src2" -a "$T/arch" --machine-id m1 --hostname host1 \
	--ship "tcp://127.0.0.1:$TCP_PORT" || fail "second collect exited $?"
sleep 0.5
[ "$(grep -c . "$W/received.log")" -eq 6 ] || fail "the same crashes were sent twice"

# 3. RELP: acknowledged delivery
: > "$W/received.log"
fabricate_tree "$T/src3"
"$PC" -q -s "$T/src3" -a "$T/arch-relp" --machine-id m2 --hostname host2 \
	--ship "relp://127.0.0.1:$RELP_PORT" || fail "collect with RELP shipping exited $?"
received 6 || fail "RELP: expected 6 messages, got $(grep -c . "$W/received.log")"
grep -q 'host2 pstore-collect crash .*kernel-lgtest_bug-.*MSG:.*kernel BUG at drivers/misc/lgtest.c:88!.*:END' "$W/received.log" \
	|| fail "RELP: BUG report not received whole"
[ "$(wc -l < "$T/arch-relp/sent.log")" -eq 6 ] || fail "RELP: sent.log does not list 6 deliveries"

# 4. receiver down: reports wait in the spool, go out later
stop_rsyslog
: > "$W/received.log"
fabricate_tree "$T/src4"
"$PC" -q -s "$T/src4" -a "$T/arch-down" --machine-id m3 --timeout 2 \
	--ship "relp://127.0.0.1:$RELP_PORT" 2> "$T/err"
rc=$?
[ $rc -eq 4 ] || fail "receiver down: expected exit 4, got $rc"
[ -z "$(ls -A "$T/src4")" ] || fail "receiver down: records must still be archived and freed"
[ "$(ls "$T/arch-down/spool" | wc -l)" -eq 6 ] || fail "receiver down: 6 reports should wait in the spool"
[ -s "$T/arch-down/ship-backoff" ] || fail "receiver down: no backoff recorded"
start_rsyslog
# backoff: the failed run holds the next attempt back (at least 30 s here)
"$PC" ship -a "$T/arch-down" --ship "relp://127.0.0.1:$RELP_PORT" 2> "$T/err"
[ $? -eq 4 ] || fail "ship within the backoff: expected exit 4"
grep -q 'not sending before .* (backoff)' "$T/err" || fail "ship within the backoff: $(cat "$T/err")"
sleep 0.3
[ ! -s "$W/received.log" ] || fail "ship within the backoff connected"
"$PC" -q ship -a "$T/arch-down" --retry-base 0 --ship "relp://127.0.0.1:$RELP_PORT" || fail "ship after restart exited $?"
received 6 || fail "spooled reports not delivered after the receiver came back"
[ -z "$(ls -A "$T/arch-down/spool")" ] || fail "spool not emptied after delivery"
"$PC" -q ship -a "$T/arch-down" --ship "relp://127.0.0.1:$RELP_PORT" || fail "ship with nothing to send"

# jitter: ten machines failing at the same moment do not retry in step
for m in 0 1 2 3 4 5 6 7 8 9; do
	mkdir -p "$T/j$m/spool"
	echo x > "$T/j$m/spool/000000000001-$(printf 'b%.0s' $(seq 64)).msg"
	"$PC" -q ship -a "$T/j$m" --ship tcp://127.0.0.1:1 --timeout 1 --retry-base 100 2>/dev/null
	cat "$T/j$m/ship-backoff"
done > "$T/backoffs"
[ "$(awk '{print $1}' "$T/backoffs" | sort -u)" = 1 ] || fail "jitter: failure counts $(cat "$T/backoffs")"
now=$(date +%s)
awk -v now="$now" '{ d = $2 - now; if (d < 45 || d > 101) bad = 1 } END { exit bad }' "$T/backoffs" ||
	fail "jitter: waits outside [50, 100] s: $(cat "$T/backoffs")"
[ "$(awk '{print $2}' "$T/backoffs" | sort -u | wc -l)" -ge 4 ] || fail "jitter: waits barely differ: $(awk '{print $2}' "$T/backoffs" | tr '\n' ' ')"
# doubling per failure: the second failure waits [100, 200] s
printf '1 0\n' > "$T/j0/ship-backoff"
"$PC" -q ship -a "$T/j0" --ship tcp://127.0.0.1:1 --timeout 1 --retry-base 100 2>/dev/null
awk -v now="$(date +%s)" '{ d = $2 - now; exit !($1 == 2 && d >= 95 && d <= 201) }' "$T/j0/ship-backoff" ||
	fail "backoff does not double: $(cat "$T/j0/ship-backoff")"

# 5. the daily cap: 2 today, the rest wait
: > "$W/received.log"
fabricate_tree "$T/src5"
"$PC" -q -s "$T/src5" -a "$T/arch-cap" --machine-id m4 --max-per-day 2 \
	--ship "tcp://127.0.0.1:$TCP_PORT" 2> "$T/err"
rc=$?
[ $rc -eq 4 ] || fail "cap: expected exit 4, got $rc"
received 2 || fail "cap: nothing sent"
sleep 0.3
[ "$(grep -c . "$W/received.log")" -eq 2 ] || fail "cap: $(grep -c . "$W/received.log") sent, cap is 2"
[ "$(ls "$T/arch-cap/spool" | wc -l)" -eq 4 ] || fail "cap: 4 reports should wait"
grep -q 'daily cap' "$T/err" || fail "cap: no message about the cap"

# 6. killed right after a send, before it was recorded: sent again on the
# next run with the same key, so the receiver can tell it is a repeat
: > "$W/received.log"
fabricate_tree "$T/src6"
PSTORE_COLLECT_KILL_AT=sent "$PC" -q -s "$T/src6" -a "$T/arch-kill" --machine-id m5 \
	--ship "relp://127.0.0.1:$RELP_PORT" > /dev/null 2>&1
[ $? -eq 137 ] || fail "kill at sent: not killed"
"$PC" -q ship -a "$T/arch-kill" --ship "relp://127.0.0.1:$RELP_PORT" || fail "ship after kill exited $?"
received 7 || fail "kill at sent: expected 6 reports + 1 repeat, got $(grep -c . "$W/received.log")"
keys=$(grep -o 'key="[0-9a-f]*"' "$W/received.log" | sort | uniq -c | awk '{print $1}' | sort | uniq -c | awk '{print $1 "x" $2}' | tr '\n' ' ')
[ "$keys" = "5x1 1x2 " ] || fail "kill at sent: expected one repeated key, got $keys"

stop_rsyslog
exit 0
