#!/usr/bin/env bash
# The flash backend on map_ram, which has a panic write: lgflash declares
# 256 KiB of RAM the kernel leaves alone (memmap=) as a physmap device
# probed as "map_ram" (mtd0, 64 blocks of 4 KiB). tools/vm keeps the
# guest's RAM in a file, so the region survives the reboot as ramoops'
# does. A sysrq panic is written through mtd_panic_write() (mapram_write);
# the host tool decodes the region from ram.img; the next boot shows every
# part of the dump, Part1 with the panic and the stack, the marker in one
# of them, and unlinking them empties it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

BASE=0x8400000
SIZE=0x40000
APPEND="memmap=256K\$$BASE lgflash.ram_base=$BASE lgflash.ram_size=$SIZE pstore_flash.mtddev=0 pstore_flash.gc_delay_ms=10"

boot 100 --timeout 300 --append "$APPEND" <<'G'
. /flash-funcs.sh
cat /proc/mtd
gc_wait
fshow
echo "lastgasp-mapram-marker" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 "lgflash: map_ram at $BASE\\+$SIZE"
console_has 1 'pstore_flash: mtd0 .*: 64 blocks of 4096 bytes .*; byte format, page 0'
console_has 1 'stage 1: log dumped in [0-9]+ us: .*flash ok \([0-9]+ us\)'
grep -o 'stage 1: log dumped[^[:cntrl:]]*' "$state/boot1.log"
[ "$(status_of 1 free)" -ge 60 ] || fail "the collector did not format the region"

phys_read $BASE $SIZE > "$state/mapram1.img"
"$PF" decode "$state/mapram1.img" > "$state/decode1" ||
	fail "decode: $(tail -3 "$state/decode1")"
tail -1 "$state/decode1"
nhost=$(grep -c ' status ok$' "$state/decode1")
[ "$nhost" -ge 2 ] || fail "host decodes $nhost records, want every part (>= 2)"

boot 0 --timeout 300 --append "$APPEND" <<'G'
set -e
. /flash-funcs.sh
fshow
parts_in_order Panic
grep -q 'Kernel panic - not syncing' $FIRST
grep -q 'Call Trace' $FIRST
# the marker is older log: in some part
cat /sys/fs/pstore/dmesg-flash-* | grep -q lastgasp-mapram-marker
gc_wait
rm /sys/fs/pstore/dmesg-flash-*
gc_wait
fshow
! ls /sys/fs/pstore | grep '^dmesg-flash-'
echo "scenario-ok"
G
console_has 2 'scenario-ok'
n=$(grep -Eo 'flash-files: [0-9]+' "$state/boot2.log" | awk '{print $2}')
[ "$n" = "$nhost" ] || fail "guest shows $n records, host decoded $nhost"
[ "$(status_of 2 live)" = 0 ] || fail "records live after unlink"
phys_read $BASE $SIZE > "$state/mapram2.img"
"$PF" decode "$state/mapram2.img" > "$state/decode2" || fail "decode after unlink"
grep -q ' records ok 0 ' "$state/decode2" || fail "host still shows records"
echo PASS
