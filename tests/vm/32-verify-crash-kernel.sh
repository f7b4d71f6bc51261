#!/usr/bin/env bash
# A verified crash kernel: digests of the crash kernel's segments are taken
# at load time and checked on panic before the jump. lgrace flips one byte
# of a loaded segment: the panic dump is saved, the mismatch is logged (and
# so kept in the console record), kdump is skipped, the notifiers run and
# the machine reboots instead of hanging in purgatory.
. "$(dirname "$0")/lib.sh"

boot 100 --kdump <<'G'
echo corrupt-crash > /sys/kernel/debug/lgrace/trigger
echo c > /proc/sysrq-trigger
G
console_has 1 'vm-init: crash kernel loaded'
console_has 1 'lastgasp: crash kernel: SHA-256 of [0-9]+ segments'
console_has 1 'lgrace: flipped the byte at 0x[0-9a-f]+ in crash kernel segment 0'
console_has 1 'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok'
console_has 1 'lastgasp: stage 2: crash kernel segment 0 \(0x[0-9a-f]+\+0x[0-9a-f]+\) changed since it was loaded: kdump skipped'
console_has 1 'lgrace: panic notifier ran'
grep -q 'vm-capture' "$state/boot1.log" && fail "the capture kernel ran"
[ ! -e "$state/vmcore-dmesg.txt" ] || fail "a vmcore log appeared"

boot 0 --mem 512 <<'G'
set -e
cd /sys/fs/pstore
grep -q 'Kernel panic - not syncing: sysrq triggered crash' dmesg-ramoops-0
grep -q 'changed since it was loaded: kdump skipped' console-ramoops-0
echo scenario-ok
G
console_has 2 scenario-ok
echo PASS
