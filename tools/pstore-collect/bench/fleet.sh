#!/bin/sh
# Fleet scale: MACHINES simulated machines (distinct machine ids, each its
# own pstore tree and archive) with CRASHES crashes each, all shipped over
# RELP to one real rsyslogd on 127.0.0.1 that is restarted twice while they
# send. Afterwards every crash must be in rsyslog's output exactly once
# after de-duplicating by idempotency key, none lost, every machine's
# sent.log within its daily cap. Prints throughput and the duplicates the
# restarts caused; exits 1 on any loss.
#
#   tools/pstore-collect/bench/fleet.sh [MACHINES] [CRASHES] [WORKDIR]
#
# Run from the repository root after `make -C tools/pstore-collect`.
# FLEET_RESTART=between restarts rsyslogd between waves instead of during
# them; FLEET_V=-v keeps each machine's messages in its err file.
# tests/fleet.sh runs a small fleet in `make check`; the default is the
# full one (1,000 machines x 10 crashes).
set -u
M=${1:-1000}
N=${2:-10}
. "$PWD/tools/pstore-collect/tests/lib/common.sh"
W=${3:-$T/fleet}
PAR=${FLEET_JOBS:-4}
CAP=${FLEET_CAP:-100}
mkdir -p "$W/rs/work" "$W/m"

PORT=$(free_port) || fail "no free port"
# imrelp acknowledges a message once it is in the main queue; what the
# queue holds when rsyslogd stops is saved to disk and written after the
# restart (without that, rsyslogd drops acknowledged messages on SIGTERM)
cat > "$W/rs/rsyslog.conf" <<CONF
global(workDirectory="$W/rs/work" maxMessageSize="256k")
main_queue(queue.type="LinkedList" queue.filename="mainq" queue.saveOnShutdown="on")
module(load="imrelp")
input(type="imrelp" port="$PORT" address="127.0.0.1" ruleset="in" maxDataSize="256k")
template(name="key" type="string" string="%structured-data%\n")
ruleset(name="in") {
	action(type="omfile" file="$W/rs/received.log" template="key")
}
CONF
RS_KILLED=$W/rs/killed
rs_start() { rsyslog_start "$W/rs/rsyslog.conf" "$W/rs/out" "$PORT"; }
rs_stop() { rsyslog_stop; }
cleanup_hooks=rsyslog_stop

# every machine's pstore: CRASHES one-part EFI dumps, each a distinct crash
awk -v dir="$W/m" -v M="$M" -v N="$N" '{ pool[NR] = $0 } END {
	for (m = 0; m < M; m++) {
		system("mkdir -p " dir "/" m "/src")
		for (c = 0; c < N; c++) {
			f = sprintf("%s/%d/src/dmesg-efi_pstore-%.0f", dir, m, (1700000000 + c * 60) * 100000 + 1000 + 1)
			printf("Panic#1 Part1\nmachine %d crash %d\n", m, c) > f
			i = (m * 7 + c * 13) % NR + 1
			for (k = 0; k < 30; k++) { print pool[i] > f; i = i % NR + 1 }
			close(f)
		}
	}
}' "$CORPUS"/*.txt

# one machine's boot: collect and ship (a script, for xargs -P)
cat > "$W/one.sh" <<ONE
#!/bin/sh
"$PC" ${FLEET_V:--q} -s "$W/m/\$1/src" -a "$W/m/\$1/arch" --machine-id "fleet-machine-\$1" --hostname "m\$1" \\
	--ship "relp://127.0.0.1:$PORT" --timeout 10 --retry-base 0 --max-per-day "$CAP" \\
	> /dev/null 2>> "$W/m/\$1/err"
echo "\$1 \$?" >> "$W/rc"
ONE
chmod +x "$W/one.sh"
: > "$W/rc"
rs_start
t0=$(date +%s%N)
# the fleet boots in three waves of PAR parallel machines; during the first
# two, rsyslog is restarted when half of the wave is through
restarts=0
for wave in 0 1 2; do
	lo=$((wave * M / 3))
	hi=$(((wave + 1) * M / 3 - 1))
	seq "$lo" "$hi" | xargs -P "$PAR" -n 1 "$W/one.sh" &
	xp=$!
	if [ $wave -lt 2 ]; then
		want=$((lo + (hi - lo + 1) / 2))
		# FLEET_RESTART=between: restart only once the wave is through
		[ "${FLEET_RESTART:-during}" = between ] && want=$((hi + 1))
		while [ "$(wc -l < "$W/rc")" -lt "$want" ] && kill -0 $xp 2>/dev/null; do sleep 0.02; done
		rs_stop
		sleep 0.2
		rs_start
		restarts=$((restarts + 1))
	fi
	wait $xp
done
# what waits in a spool goes out with the next `ship` (the timer's job)
rounds=0
while [ $rounds -lt 5 ]; do
	left=$(find "$W/m" -path '*/arch/spool/*.msg' | wc -l)
	[ "$left" -eq 0 ] && break
	for d in $(find "$W/m" -path '*/arch/spool/*.msg' | sed 's|/arch/spool/.*||' | sort -u); do
		"$PC" -q ship -a "$d/arch" --ship "relp://127.0.0.1:$PORT" --timeout 10 --retry-base 0 \
			--max-per-day "$CAP" 2>> "$d/err"
	done
	rounds=$((rounds + 1))
done
t1=$(date +%s%N)
# let rsyslogd write what it holds (up to 30 s) before the last stop
for _ in $(seq 300); do
	[ "$(grep -c . "$W/rs/received.log" 2>/dev/null)" -ge "$((M * N))" ] && break
	sleep 0.1
done
rs_stop

total=$((M * N))
find "$W/m" -name report.json -path '*/arch/*' -exec sed -n 's/.*"idempotency_key":"\([0-9a-f]*\)".*/\1/p' {} + 2>/dev/null |
	sort > "$W/expected"
[ -s "$W/expected" ] || find "$W/m" -name report.json -path '*/arch/*' -exec jq -r .idempotency_key {} + | sort > "$W/expected"
grep -o 'key="[0-9a-f]*"' "$W/rs/received.log" | cut -d'"' -f2 | sort > "$W/got"
uniq "$W/got" > "$W/got.uniq"
lost=$(comm -23 "$W/expected" "$W/got.uniq" | wc -l)
extra=$(comm -13 "$W/expected" "$W/got.uniq" | wc -l)
dups=$(( $(wc -l < "$W/got") - $(wc -l < "$W/got.uniq") ))
archived=$(wc -l < "$W/expected")
over_cap=0
for d in "$W"/m/*/arch; do
	n=$(wc -l < "$d/sent.log" 2>/dev/null || echo 0)
	[ "$n" -le "$CAP" ] || over_cap=$((over_cap + 1))
done
left=$(find "$W/m" -path '*/arch/spool/*.msg' | wc -l)
ms=$(( (t1 - t0) / 1000000 ))
echo "fleet: $M machines x $N crashes = $total; archived $archived; received $(wc -l < "$W/got") messages," \
	"$(wc -l < "$W/got.uniq") distinct keys; lost $lost; unknown $extra; duplicates $dups;" \
	"restarts $restarts; spool left $left after $rounds ship round(s); machines over the daily cap $over_cap;" \
	"$(cat "$W/rs/killed" 2>/dev/null | wc -l) receiver(s) SIGKILLed; $ms ms, $(awk -v n="$total" -v ms="$ms" 'BEGIN { printf "%.0f", n * 1000 / (ms ? ms : 1) }') crashes/s"
[ "$archived" -eq "$total" ] && [ "$lost" -eq 0 ] && [ "$extra" -eq 0 ] && [ "$left" -eq 0 ] &&
	[ "$over_cap" -eq 0 ] && [ "$restarts" -eq 2 ] || fail "fleet: crashes lost or caps broken"
exit 0
