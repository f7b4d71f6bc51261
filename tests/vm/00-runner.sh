#!/usr/bin/env bash
# tools/vm itself: the script's status comes back, a panic, a hang and a
# WARN each give their documented status, and /host persists across boots.
. "$(dirname "$0")/lib.sh"

boot 7 <<'G'
echo kept > /host/note
exit 7
G
boot 0 <<'G'
[ "$(cat /host/note)" = kept ]
G
[ "$(cat "$state/note")" = kept ] || fail "/host file not visible on the host"
boot 100 <<'G'
echo c > /proc/sysrq-trigger
G
boot 101 --timeout 25 <<'G'
sleep 600
G
boot 102 <<'G'
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
G
# the same WARN is accepted when asked for
boot 0 --allow-warn <<'G'
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
G
echo PASS
