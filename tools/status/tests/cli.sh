#!/usr/bin/env bash
# lastgasp status from the command line, every run under valgrind (no
# leaks, no invalid accesses): exit statuses, --json, --root, --help.
set -euo pipefail
top=$(cd "$(dirname "$0")/../../.." && pwd)
LG=$top/build/bin/lastgasp
T=$(mktemp -d /tmp/lastgasp-status-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$LG" ] || fail "$LG missing: make tools"
command -v valgrind >/dev/null || fail "valgrind not installed (tools/debian-packages.txt)"
VG=(valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99)

# run WANT_STATUS ARGS...: output in $T/out, valgrind's report in $T/vg
run() {
	local want=$1 rc=0
	shift
	"${VG[@]}" "$LG" "$@" > "$T/out" 2> "$T/vg" || rc=$?
	[ $rc != 99 ] || fail "valgrind on lastgasp $*: $(head -20 "$T/vg")"
	[ $rc = "$want" ] || { cat "$T/out" "$T/vg"; fail "lastgasp $* exited $rc, expected $want"; }
}
has() { grep -qF -- "$1" "$T/out" || { cat "$T/out"; fail "output lacks: $1"; }; }

# a fake tree: the tools/vm machine with ramoops and a crash kernel loaded
R=$T/root
p() { mkdir -p "$(dirname "$R/$1")"; printf '%s\n' "$2" > "$R/$1"; }
mp=sys/module/pstore/parameters rp=sys/module/ramoops/parameters
p $mp/backend ramoops; p $mp/max_reason 0; p $mp/kmsg_bytes 10240; p $mp/compress deflate
p $rp/mem_address 134217728; p $rp/mem_size 1048576; p $rp/record_size 131072
p $rp/console_size 262144; p $rp/pmsg_size 131072; p $rp/ftrace_size 4096
p $rp/ecc 0; p $rp/max_reason 2; p $rp/legacy_layout N
p sys/module/kernel/parameters/panic_order dump-first
p sys/kernel/kexec_crash_loaded 1; p sys/kernel/kexec_crash_size 134217728
p proc/cmdline "console=ttyS0 crashkernel=128M"
p proc/self/mounts "pstore /sys/fs/pstore pstore rw 0 0"
p dev/kmsg "6,9,9,-;lastgasp: crash kernel: SHA-256 of 3 segments (9000000 bytes loaded) taken for the check on panic"
p sys/fs/pstore/dmesg-ramoops-0 "Panic#1 Part1"

run 0 status --root "$R"
has "a panic's log would be saved in 1 backend (ramoops), and kdump would run"
has "1. ramoops     RAM 1 MiB at 0x8000000: 4 dmesg zones of 159 KiB"
has "SHA-256 of 3 segments (8.6 MiB) taken at load"
has "records:         1 in /sys/fs/pstore: dmesg-ramoops x1"
run 0 status --json --root "$R"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verdict"]=="saved" and d["backends"][0]["dmesg_zones"]==4 and d["crash_kernel"]["digests_taken"] is True, d' "$T/out" \
	|| fail "--json: $(cat "$T/out")"

# pstore finds no backend, the crash kernel is loaded: kdump only (2)
p $mp/backend ""
run 2 status --root "$R"
has "only kdump would"
# and without the crash kernel: nothing (1), with the warning
p sys/kernel/kexec_crash_loaded 0
run 1 status -j -r "$R"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verdict"]=="nothing" and d["exit_status"]==1 and any("crashkernel=128M reserves" in w for w in d["warnings"]), d' "$T/out" \
	|| fail "--json, nothing saved: $(cat "$T/out")"
# an empty root: no pstore at all
mkdir -p "$T/empty"
run 1 status --root "$T/empty"
has "cannot read /sys/module/pstore/parameters/backend"

# bad command lines: 3 (not worth valgrind's time)
for args in "" frobnicate "status --bogus" "status extra-arg"; do
	rc=0
	# shellcheck disable=SC2086
	"$LG" $args > /dev/null 2>&1 || rc=$?
	[ $rc = 3 ] || fail "lastgasp $args exited $rc, expected 3"
done
run 0 --help
has "EXIT STATUS"
help=$(cat "$T/out")
# every option main.c accepts is documented in --help
for o in $(grep -o '{ "[a-z]*", [a-z_]*_argument' "$top/tools/status/src/main.c" | cut -d'"' -f2); do
	grep -q -- "--$o" <<<"$help" || fail "--help does not document --$o"
done
run 0 status --help
has "SYNOPSIS"
echo "ok"
