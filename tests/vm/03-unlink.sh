#!/usr/bin/env bash
# Unlinking the files erases the records in the backend: a third boot finds
# none, and the dmesg zones in the RAM region are empty.
. "$(dirname "$0")/lib.sh"

boot 100 <<'G'
echo c > /proc/sysrq-trigger
G

boot 0 <<'G'
set -e
ls /sys/fs/pstore
[ -f /sys/fs/pstore/dmesg-ramoops-0 ]
rm /sys/fs/pstore/*
[ -z "$(ls /sys/fs/pstore)" ] || { echo "left: $(ls /sys/fs/pstore)"; exit 1; }
echo "scenario-ok"
G
console_has 2 'scenario-ok'

boot 0 <<'G'
set -e
ls -l /sys/fs/pstore
n=$(ls /sys/fs/pstore | grep -c '^dmesg-' || true)
[ "$n" = 0 ] || { echo "dmesg records after unlink: $n"; exit 1; }
echo "scenario-ok"
G
console_has 3 'scenario-ok'

# Host side: every dmesg zone is empty (valid header, no bytes used).
zones
used=$(zones | awk '$1 == "dmesg" && $6 != 0' | wc -l)
[ "$used" = 0 ] || fail "$used dmesg zones still hold data after unlink"
echo PASS
