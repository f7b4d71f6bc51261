#!/usr/bin/env bash
# Five panics in a row on one machine (OVMF). After boots 2 and 4 the
# records are collected (copied out and unlinked), after the others they
# stay. Every panic ends up either collected or listed, in time order,
# each record named dmesg-efi_pstore-<seconds><part:2><count:3> so the
# parts of one dump sort together; the store never drops below its floor.
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files

for k in 1 2 3 4 5; do
	boot 100 --efi <<G
. /efi-funcs.sh
echo "efi-store: boot $k \$(store) vars \$(dump_vars)"
mkdir -p /host/collected
if [ $k = 3 ] || [ $k = 5 ]; then
	# collect what panics 1-2 / 3-4 left
	for f in /sys/fs/pstore/dmesg-efi_pstore-*; do
		[ -f "\$f" ] || continue
		cp "\$f" /host/collected/ && rm "\$f"
	done
fi
ls /sys/fs/pstore > /host/list-$k
echo "lastgasp-five-marker-$k" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
done

boot 0 --efi <<'G'
set -e
. /efi-funcs.sh
echo "efi-store: end $(store) vars $(dump_vars)"
ls /sys/fs/pstore
[ "$(store_free)" -ge "$(store_floor)" ]
cp /sys/fs/pstore/dmesg-efi_pstore-* /host/collected/
echo "scenario-ok"
G
console_has 6 'scenario-ok'

# On the host: all five panics, in order, each Part1 with its panic, and
# the parts of every dump consecutive with Part1 first.
cd "$state/collected"
ls > ../all
order=$(for f in $(sort -t- -k3n ../all); do
	grep -ho 'lastgasp-five-marker-[0-9]' "$f" | tail -1 || true
done | uniq | tr -d '\n' | sed 's/lastgasp-five-marker-//g')
[ "$order" = 12345 ] || fail "panics found in order '$order', want 12345"
for f in $(sort -t- -k3n ../all); do
	id=${f#dmesg-efi_pstore-}
	part=$((id / 1000 % 100))
	head -1 "$f" | grep -q "^Panic#[0-9]* Part$part\$" || fail "$f does not start with its Part$part header"
	[ $part != 1 ] || grep -q 'Kernel panic - not syncing' "$f" || fail "$f: no panic line"
done
n=$(grep -c . ../all)
[ "$n" -ge 5 ] || fail "only $n records"
for b in 1 2 3 4 5 6; do store_line $b; done
echo "$n records of 5 panics, in order"
echo PASS
