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
	boot 100 "${dt[@]}" < <(writer_script interop)
	console_has $boot_no 'lastgasp: stage 1: log dumped in [0-9]+ us: .*ramoops ok'
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc:? 16'
	boot 0 --kernel "$stock/Image" "${dt[@]}" < <(echo ". /stock.sh"; reader_script interop)
	console_has $boot_no 'scenario-ok'
	console_has $boot_no "Linux version $(cat "$stock/release")"
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc:? 16'
	n=$((n + 1))

	# the stock kernel writes, lastgasp reads
	rm -f "$state/ram.img"
	echo "### ecc=$ecc: stock $(cat "$stock/release") writes, lastgasp reads"
	boot 100 --kernel "$stock/Image" "${dt[@]}" \
		< <(echo ". /stock.sh"; writer_script interop dmesg-only)
	console_has $boot_no "Linux version $(cat "$stock/release")"
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc: 16'
	# (6.1's backtrace names sysrq_handle_crash's neighbour: not checked)
	boot 0 "${dt[@]}" < <(reader_script interop dmesg-only no-sysrq)
	console_has $boot_no 'scenario-ok'
	[ $ecc = 0 ] || console_has $boot_no 'ramoops: using .*ecc 16'
	n=$((n + 1))
done
echo "PASS ($n directions)"
