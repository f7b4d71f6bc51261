# Shared by the pstore-collect integration tests; sourced, not run.
# Tests run from the repository root after `make -C tools/pstore-collect all unit`.
set -u

PC_DIR=tools/pstore-collect
PC=${PC:-$PWD/build/bin/pstore-collect}
CORPUS=$PWD/$PC_DIR/tests/corpus
T=$(mktemp -d /tmp/pc-test.XXXXXX)
cleanup_hooks=""

cleanup() {
	for h in $cleanup_hooks; do "$h"; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
	echo "FAIL: $(basename "$0"): $*"
	exit 1
}

[ -x "$PC" ] || fail "$PC not built (make -C $PC_DIR all)"

# dmesg part: header line + a slice of a corpus file. $1 file $2 reason#count
# $3 part $4 first line $5 last line
part() {
	printf '%s Part%s\n' "$2" "$3"
	sed -n "$4,$5p" "$CORPUS/$1"
}

# A tree with the record kinds and names of every backend.
fabricate_tree() {
	d=$1
	mkdir -p "$d"
	# ramoops: a three-part panic, parts in the zones out of order
	part x86_64-null-deref.txt 'Panic#1' 1 31 47 > "$d/dmesg-ramoops-0"
	part x86_64-null-deref.txt 'Panic#1' 3 1 12 > "$d/dmesg-ramoops-1"
	part x86_64-null-deref.txt 'Panic#1' 2 13 30 > "$d/dmesg-ramoops-2"
	echo "console output of the previous boot" > "$d/console-ramoops-0"
	printf 'userspace pmsg\n' > "$d/pmsg-ramoops-0"
	# efi: id = time * 100000 + part * 1000 + count; Part2 compressed
	part arm64-bug-on.txt 'Oops#1' 1 13 25 > "$d/dmesg-efi_pstore-170000000001001"
	part arm64-bug-on.txt 'Oops#1' 2 1 12 | gzip -n > "$d/dmesg-efi_pstore-170000000002001.enc.z"
	# older efi name, raw deflate (gzip minus its header and trailer)
	part x86_64-warn-panic.txt 'Panic#1' 1 1 200 | gzip -n | tail -c +11 | head -c -8 \
		> "$d/dmesg-efi-165000000001001.enc.z"
	part x86_64-hung-task.txt 'Panic#1' 1 1 200 > "$d/dmesg-erst-6952912433145020417"
	part arm64-soft-lockup.txt 'Panic#1' 1 1 200 > "$d/dmesg-pstore_blk-0"
	part x86_64-gpf.txt 'Panic#1' 1 1 200 > "$d/dmesg-mtd-0"
	# records share pstorefs' habit: mtime = time of the dump
	touch -d @1700000000 "$d"/*-ramoops-* "$d"/*-pstore_blk-* "$d"/*-mtd-*
	touch -d @1700000500 "$d"/*-erst-*
}

count_crashes() {
	find "$1" -mindepth 2 -maxdepth 2 -name report.json | wc -l
}

# Free TCP port on 127.0.0.1: random, not in /proc/net/tcp{,6} at all.
free_port() {
	for _ in $(seq 50); do
		p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		hex=$(printf ':%04X ' "$p")
		if ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '{print $2}' | grep -q "$hex"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

listening() {
	hex=$(printf ':%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" {print $2}' | grep -q "$hex\$"
}

# A private rsyslogd (rsyslog.sh, relp-tls.sh, bench/fleet.sh).
# rsyslog_start CONF LOG PORT...: start it, wait until every PORT listens.
# rsyslog_stop: SIGTERM, SIGKILL after 30 s (then a line in $RS_KILLED).
RSYSLOGD=$(command -v rsyslogd || echo /usr/sbin/rsyslogd)
RS_KILLED=${RS_KILLED:-/dev/null}
rs_pid=
rsyslog_start() {
	rs_conf=$1 rs_log=$2
	shift 2
	[ -x "$RSYSLOGD" ] || fail "rsyslogd not installed (tools/debian-packages.txt: rsyslog, rsyslog-relp)"
	"$RSYSLOGD" -n -f "$rs_conf" -i "$rs_conf.pid" >> "$rs_log" 2>&1 &
	rs_pid=$!
	for _ in $(seq 200); do
		rs_up=1
		for p in "$@"; do listening "$p" || rs_up=0; done
		[ $rs_up = 1 ] && return 0
		kill -0 "$rs_pid" 2>/dev/null || fail "rsyslogd did not start: $(tail -3 "$rs_log")"
		sleep 0.05
	done
	fail "rsyslogd not listening on $*"
}
rsyslog_stop() {
	[ -n "$rs_pid" ] || return 0
	kill "$rs_pid" 2>/dev/null
	for _ in $(seq 600); do kill -0 "$rs_pid" 2>/dev/null || break; sleep 0.05; done
	kill -9 "$rs_pid" 2>/dev/null && echo "rsyslogd $rs_pid killed with SIGKILL" >> "$RS_KILLED"
	wait "$rs_pid" 2>/dev/null
	rs_pid=
}
