#!/usr/bin/env bash
# pstore-collect as the boot service it is meant to be: after a real panic,
# boot 2 runs it inside the guest; the crash is archived (in /host), the
# report arrives at an rsyslog receiver on the host (RFC 5424 over TCP,
# octet-counted), and only then are the records gone from pstore.
. "$(dirname "$0")/lib.sh"
pc=$top/build/bin/pstore-collect
[ -x "$pc" ] || fail "$pc not built (make tools)"
rsyslogd=$(command -v rsyslogd || echo /usr/sbin/rsyslogd)
[ -x "$rsyslogd" ] || fail "rsyslogd not installed (make deps)"

# A receiver on a free loopback port, only for this test.
rs=$state/rsyslog
mkdir -p "$rs/work"
port=""
for _ in $(seq 50); do
	p=$((20000 + RANDOM % 40000))
	if ! awk '{print $2}' /proc/net/tcp | grep -qi ":$(printf %04X $p)\$"; then port=$p; break; fi
done
[ -n "$port" ] || fail "no free port"
cat > "$rs/rsyslog.conf" <<CONF
global(workDirectory="$rs/work" maxMessageSize="256k")
module(load="imtcp")
input(type="imtcp" port="$port" address="127.0.0.1" ruleset="in")
template(name="one" type="string" string="%hostname% %app-name% %msgid% MSG:%msg%:END\n")
ruleset(name="in") { action(type="omfile" file="$rs/received.log" template="one") }
CONF
"$rsyslogd" -n -f "$rs/rsyslog.conf" -i "$rs/pid" > "$rs/out" 2>&1 &
rs_pid=$!
trap 'kill $rs_pid 2>/dev/null; wait $rs_pid 2>/dev/null; rm -rf "$state" "$gs_dir"' EXIT
for _ in $(seq 100); do
	awk '$4 == "0A" {print $2}' /proc/net/tcp | grep -qi ":$(printf %04X $port)\$" && break
	kill -0 $rs_pid 2>/dev/null || fail "rsyslogd did not start: $(head -3 "$rs/out")"
	sleep 0.1
done

boot 100 <<'G'
echo c > /proc/sysrq-trigger
G

boot 0 --bin "$pc" --fwd "$port" <<G
set -e
ls /sys/fs/pstore
$pc list
$pc -s /sys/fs/pstore -a /host/archive --machine-id lastgasp-vm --hostname lgvm \
	--ship tcp://10.0.2.100:$port
echo "collect exited \$?"
left=\$(ls /sys/fs/pstore | grep -c '^dmesg-' || true)
[ "\$left" = 0 ] || { echo "\$left dmesg records left in pstore"; exit 1; }
echo "scenario-ok"
G
console_has 2 'scenario-ok'

# the archive holds the crash, with its signature
report=$(ls "$state"/archive/dmesg-*/report.json | head -1)
[ -f "$report" ] || fail "no report.json in the archive"
grep -q '"signature": *"kernel-' "$report" || fail "no signature in $report"
grep -q sysrq "$state"/archive/dmesg-*/dmesg.txt || fail "archived text lacks the sysrq panic"
# the receiver got one whole message with the panic
for _ in $(seq 50); do grep -q 'pstore-collect' "$rs/received.log" 2>/dev/null && break; sleep 0.1; done
grep -q '^lgvm pstore-collect crash MSG:.*Kernel panic - not syncing.*:END' "$rs/received.log" ||
	fail "the report did not arrive: $(head -c 300 "$rs/received.log" 2>/dev/null)"
echo PASS
