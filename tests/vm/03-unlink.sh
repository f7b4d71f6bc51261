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

# Host side: each of the 5 dmesg zones (0x20000 bytes each from 0x8000000)
# has a valid header with start = size = 0.
for z in 0 1 2 3 4; do
	hdr=$(phys_read $((0x8000000 + z * 0x20000)) 12 | od -An -tx4 | tr -s ' ')
	case "$hdr" in
	" 43474244 00000000 00000000") ;;
	*) fail "dmesg zone $z header after unlink: $hdr (want sig 43474244, start 0, size 0)" ;;
	esac
done
echo PASS
