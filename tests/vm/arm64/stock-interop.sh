#!/usr/bin/env bash
# arm64 (make check-arm64): on-media compatibility with Debian's stock arm64
# kernel (linux-image-arm64, tools/fetch-stock-arm64) on one machine whose
# persistent RAM is the device tree's ramoops node, with ECC off and on
# (ecc-size in the node): the stock kernel, its ramoops a module, lists and
# reads the dmesg, console and pmsg records lastgasp wrote at a panic, none
# reported corrupt; and lastgasp reads the dmesg record of the stock
# kernel's panic (the stock kernel has no PSTORE_CONSOLE or PSTORE_PMSG, so
# it writes only dmesg records).
export LASTGASP_ARCH=arm64
. "$(dirname "$0")/../lib.sh"
stock=$top/build/arm64-stock
[ -f "$stock/Image" ] || fail "no stock arm64 kernel in $stock: run make stock-arm64"
echo "stock kernel: $(cat "$stock/release") ($(cat "$stock/package"))"
grep -q '^CONFIG_PSTORE_RAM=[ym]' "$stock/config" || fail "the stock kernel has no ramoops"

# The stock boot's guest script starts with ". /stock.sh": it loads the
# stock modules (ramoops, then what /host needs) and mounts /host and
# pstore again, which tools/vm's init could not do without them.
export LASTGASP_VM_FILES=$gs_dir/files
mkdir -p "$LASTGASP_VM_FILES/stock"
cp "$stock"/modules/*.ko "$LASTGASP_VM_FILES/stock/"
cat > "$LASTGASP_VM_FILES/stock.sh" <<'G'
for m in reed_solomon ramoops virtio_pci_modern_dev virtio_pci_legacy_dev \
	 virtio_pci 9pnet 9pnet_virtio netfs fscache 9p; do
	[ -d /sys/module/$m ] || insmod /stock/$m.ko || echo "stock: insmod $m failed"
done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 host /host ||
	echo "stock: cannot mount /host"
umount /sys/fs/pstore
mount -t pstore pstore /sys/fs/pstore || echo "stock: cannot mount pstore"
echo "stock: $(uname -r) ramoops $(ls /sys/bus/platform/drivers/ramoops | grep ramoops)"
G

n=0
for ecc in 0 1; do
	dt=()
	[ $ecc = 0 ] || dt=("${RAMOOPS_ECC_ON[@]}")
	# lastgasp writes, the stock kernel reads
	rm -f "$state/ram.img"
	echo "### ecc=$ecc: lastgasp writes, stock $(cat "$stock/release") reads"
	boot 100 "${dt[@]}" <<'G'
echo "interop-console-marker-$((6*7))" > /dev/kmsg
echo "interop-pmsg-marker" > /dev/pmsg0
echo c > /proc/sysrq-trigger
G
	console_has $boot_no 'lastgasp: stage 1: log dumped in [0-9]+ us: .*ramoops ok'
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc:? 16'
	boot 0 --kernel "$stock/Image" "${dt[@]}" <<'G'
. /stock.sh
set -e
cd /sys/fs/pstore
ls -l
grep -q 'Kernel panic - not syncing' dmesg-ramoops-0
grep -q 'sysrq_handle_crash' dmesg-ramoops-0
grep -q 'interop-console-marker-42' dmesg-ramoops-0
grep -q 'interop-console-marker-42' console-ramoops-0
grep -q 'interop-pmsg-marker' pmsg-ramoops-0
if grep -qi 'corrupt' dmesg-ramoops-0 console-ramoops-0 pmsg-ramoops-0; then
	echo "a record reported corrupt"; exit 1
fi
if dmesg | grep -i 'ramoops\|pstore' | grep -Eqi 'corrupt|uncorrectable|decompress'; then
	echo "the stock kernel's log reports damage:"; dmesg | grep -i 'ramoops\|pstore'; exit 1
fi
dmesg | grep -i 'ramoops\|pstore'
echo "scenario-ok"
G
	console_has $boot_no 'scenario-ok'
	console_has $boot_no "Linux version $(cat "$stock/release")"
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc:? 16'
	n=$((n + 1))

	# the stock kernel writes, lastgasp reads
	rm -f "$state/ram.img"
	echo "### ecc=$ecc: stock $(cat "$stock/release") writes, lastgasp reads"
	boot 100 --kernel "$stock/Image" "${dt[@]}" <<'G'
. /stock.sh
echo "interop-stock-marker-$((6*7))" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
	console_has $boot_no "Linux version $(cat "$stock/release")"
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc: 16'
	boot 0 "${dt[@]}" <<'G'
set -e
cd /sys/fs/pstore
ls -l
# (6.1's backtrace names sysrq_handle_crash's neighbour: not checked)
grep -q 'Kernel panic - not syncing: sysrq triggered crash' dmesg-ramoops-0
grep -q 'interop-stock-marker-42' dmesg-ramoops-0
if grep -qi 'corrupt' dmesg-ramoops-0; then echo "reported corrupt"; exit 1; fi
if dmesg | grep -i 'ramoops\|pstore' | grep -Eqi 'corrupt|uncorrectable|does not decompress'; then
	echo "lastgasp's log reports damage:"; dmesg | grep -i 'ramoops\|pstore'; exit 1
fi
echo "scenario-ok"
G
	console_has $boot_no 'scenario-ok'
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc 16'
	n=$((n + 1))
done
echo "PASS ($n directions)"
