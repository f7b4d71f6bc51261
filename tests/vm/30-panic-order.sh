#!/usr/bin/env bash
# The panic path's order (panic/): by default the log is dumped into every
# backend right after the other CPUs are stopped and before any panic
# notifier; the kernel then reports the dump's time per backend. The other
# orders: no-dump (notifiers, no record) and kdump-first (upstream: the
# notifiers run before the dump).
. "$(dirname "$0")/lib.sh"
two='lgtest.mem_address=0x8200000 lgtest.mem_size=0x100000'

# line_of N REGEX: line number of the first match in boot N's console.
line_of() { grep -nE "$2" "$state/boot$1.log" | head -1 | cut -d: -f1; }
count_of() { grep -cE "$2" "$state/boot$1.log" || true; }

# 1. dump-first (default)
boot 100 --append "$two panic_order=bogus" <<'G'
cat /sys/module/kernel/parameters/panic_order
echo c > /proc/sysrq-trigger
G
console_has 1 'panic_order=bogus: not one of'
console_has 1 '^dump-first$'
console_has 1 'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), lgtest ok \([0-9]+ us\)'
[ "$(count_of 1 'lastgasp: stage 1: log dumped')" = 1 ] || fail "boot 1: not exactly one dump"
console_has 1 'lgrace: panic notifier ran'
[ "$(line_of 1 'lastgasp: stage 1: log dumped')" -lt "$(line_of 1 'lgrace: panic notifier ran')" ] ||
	fail "boot 1: a panic notifier ran before the dump"
grep -E 'lastgasp: stage 1: log dumped' "$state/boot1.log"

# 2. the records of boot 1; then no-dump: notifiers run, nothing is saved
boot 100 --append "$two panic_order=no-dump" <<'G'
set -e
cd /sys/fs/pstore
ls
grep -q 'Kernel panic - not syncing: sysrq triggered crash' dmesg-ramoops-0
f=$(ls | grep '^dmesg-lgtest-' | head -1)
grep -q 'Kernel panic - not syncing: sysrq triggered crash' "$f"
# the report reached the console record (written as it was printed)
grep -q 'lastgasp: stage 1: log dumped in' console-ramoops-0
echo ok > /host/boot2-checks
cat /sys/module/kernel/parameters/panic_order
echo panic > /sys/kernel/debug/lgrace/trigger
G
[ -f "$state/boot2-checks" ] || fail "boot 2: records of boot 1 missing"
console_has 2 '^no-dump$'
console_has 2 'Kernel panic - not syncing: lgrace: panic'
console_has 2 'lgrace: panic notifier ran'
! grep -q 'lastgasp: stage 1' "$state/boot2.log" || fail "boot 2: no-dump dumped"

# 3. no record of boot 2; kdump-first (upstream order): notifiers, then dump
boot 100 --append "$two panic_order=kdump-first" <<'G'
set -e
cd /sys/fs/pstore
ls
! grep -l 'lgrace: panic' dmesg-* || { echo "no-dump saved a record"; exit 1; }
echo ok > /host/boot3-checks
echo c > /proc/sysrq-trigger
G
[ -f "$state/boot3-checks" ] || fail "boot 3: no-dump left a record"
console_has 3 'lastgasp: stage 1: log dumped in'
[ "$(line_of 3 'lgrace: panic notifier ran')" -lt "$(line_of 3 'lastgasp: stage 1: log dumped')" ] ||
	fail "boot 3: kdump-first did not run the notifiers first"
echo PASS
