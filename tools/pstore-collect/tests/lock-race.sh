#!/bin/sh
# One instance at a time: collect, list and ship raced against a collect
# paused (PSTORE_COLLECT_PAUSE_AT) at each step of its run. A second
# instance either waits for the lock or gives up naming the holder's pid;
# it never touches the crash being built, so the result equals an
# undisturbed run. Before the lock, `ship` during `collect` deleted the
# half-built .tmp-* crash directory.
. "$(dirname "$0")/lib/common.sh"

dead=$(free_port) || fail "no free port"   # nothing listens: reports stay spooled
fabricate_tree "$T/ref-src"
"$PC" -q -s "$T/ref-src" -a "$T/ref" --machine-id m1 --ship "tcp://127.0.0.1:$dead" --timeout 1 >/dev/null 2>&1
[ $? -eq 4 ] || fail "reference run"
ref_dirs=$(cd "$T/ref" && ls -d */ | grep -v "^spool/$" | sort)
nspool=$(ls "$T/ref/spool" | wc -l)

check() {
	what=$1 arch=$2 src=$3
	[ -z "$(ls -A "$src")" ] || fail "$what: records left: $(ls "$src")"
	dirs=$(cd "$arch" && ls -d */ | grep -v "^spool/$" | sort)
	[ "$dirs" = "$ref_dirs" ] || fail "$what: archive differs from an undisturbed run: $dirs"
	for d in $ref_dirs; do
		[ -s "$arch/$d/report.json" ] || fail "$what: $d has no report"
		for f in $(cd "$T/ref/$d" && ls); do
			[ -f "$arch/$d/$f" ] || fail "$what: $d/$f is missing"
		done
	done
	[ "$(ls "$arch/spool" | wc -l)" -eq "$nspool" ] || fail "$what: spool has $(ls "$arch/spool" | wc -l) reports, expected $nspool"
	[ -z "$(find "$arch" -name '*.tmp' -o -name '.tmp-*')" ] || fail "$what: temporary files left"
}

# wait until the paused run says where it is; print its pid
wait_pause() {
	for _ in $(seq 200); do
		p=$(sed -n 's/.*test pause at .* (pid \([0-9]*\)).*/\1/p' "$1")
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.05
	done
	return 1
}

i=0
for step in locked source-read tmp-written:2 before-report:1 before-report:4 archived journaled synced unlinked:3; do
	i=$((i + 1))
	src=$T/src$i arch=$T/arch$i
	fabricate_tree "$src"
	: > "$T/err$i"
	PSTORE_COLLECT_PAUSE_AT=$step PSTORE_COLLECT_PAUSE_MS=1200 "$PC" -q --jobs 1 -s "$src" -a "$arch" \
		--machine-id m1 --ship "tcp://127.0.0.1:$dead" --timeout 1 > "$T/out$i" 2> "$T/err$i" &
	bg=$!
	pid=$(wait_pause "$T/err$i") || fail "$step: the paused run never reached its step ($(cat "$T/err$i"))"
	[ "$pid" = "$bg" ] || fail "$step: pause reported pid $pid, started $bg"
	# impatient instances give up at once and name the holder
	"$PC" ship -a "$arch" --ship "tcp://127.0.0.1:$dead" --timeout 1 --lock-wait 0 2> "$T/e1"
	[ $? -eq 2 ] || fail "$step: ship during collect: expected exit 2"
	grep -q "in use by pid $bg " "$T/e1" || fail "$step: ship does not name the holder: $(cat "$T/e1")"
	"$PC" -s "$src" -a "$arch" --lock-wait 0 > /dev/null 2> "$T/e2"
	[ $? -eq 2 ] || fail "$step: collect during collect: expected exit 2"
	grep -q "in use by pid $bg " "$T/e2" || fail "$step: collect does not name the holder"
	"$PC" list -s "$src" -a "$arch" --lock-wait 0 > /dev/null 2> "$T/e3"
	[ $? -eq 2 ] || fail "$step: list during collect: expected exit 2"
	# a patient one waits for the first to finish, then does its job
	"$PC" -q ship -a "$arch" --ship "tcp://127.0.0.1:$dead" --timeout 1 --lock-wait 30 > /dev/null 2> "$T/e4" &
	sh_pid=$!
	wait "$bg"
	rc=$?
	[ $rc -eq 4 ] || fail "$step: the paused collect exited $rc: $(grep -v 'test pause' "$T/err$i" | head -3)"
	wait "$sh_pid"
	rc=$?
	[ $rc -eq 4 ] || fail "$step: the waiting ship exited $rc: $(cat "$T/e4")"
	check "$step" "$arch" "$src"
	[ ! -s "$arch/lock" ] || fail "$step: the lock still names a pid after the run: $(cat "$arch/lock")"
done

# the wait is bounded: --lock-wait 1 against a run paused for 4 s
fabricate_tree "$T/srcb"
: > "$T/errb"
PSTORE_COLLECT_PAUSE_AT=before-report PSTORE_COLLECT_PAUSE_MS=4000 "$PC" -q -s "$T/srcb" -a "$T/archb" \
	--machine-id m1 > /dev/null 2> "$T/errb" &
bg=$!
wait_pause "$T/errb" > /dev/null || fail "bounded wait: no pause"
t0=$(date +%s%N)
"$PC" ship -a "$T/archb" --ship "tcp://127.0.0.1:$dead" --lock-wait 1 2> "$T/e5"
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $rc -eq 2 ] || fail "bounded wait: expected exit 2, got $rc"
[ "$ms" -ge 900 ] && [ "$ms" -lt 3000 ] || fail "bounded wait: gave up after $ms ms, expected about 1000"
grep -q "in use by pid $bg .*gave up after 1 s" "$T/e5" || fail "bounded wait: message $(cat "$T/e5")"
wait "$bg" || fail "bounded wait: the collect failed"

# a stale .tmp-* of a killed run is removed by the next holder of the lock
mkdir -p "$T/archb/.tmp-dmesg-0123456789abcdef" "$T/archb/spool"
echo x > "$T/archb/.tmp-dmesg-0123456789abcdef/report.json"
echo x > "$T/archb/spool/.0-x.msg.tmp"
"$PC" -q -s "$T/srcb" -a "$T/archb" || fail "run over stale temporaries"
[ ! -e "$T/archb/.tmp-dmesg-0123456789abcdef" ] || fail "stale .tmp-* directory left"
[ ! -e "$T/archb/spool/.0-x.msg.tmp" ] || fail "stale spool temporary left"
exit 0
