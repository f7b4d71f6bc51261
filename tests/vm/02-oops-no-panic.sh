#!/usr/bin/env bash
# An oops that does not panic is saved when max_reason allows oops.
. "$(dirname "$0")/lib.sh"

boot 0 --allow-oops --append 'ramoops.max_reason=2' <<'G'
# The oops kills the writing process, so provoke it from a child.
sh -c 'echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT'
echo "after-oops: still running"
G
console_has 1 'Oops'
console_has 1 'after-oops: still running'

boot 0 <<'G'
set -e
ls -l /sys/fs/pstore
grep -q 'Oops#1 Part1' /sys/fs/pstore/dmesg-ramoops-0
grep -q 'lkdtm' /sys/fs/pstore/dmesg-ramoops-0
echo "scenario-ok"
G
console_has 2 'scenario-ok'
echo PASS
