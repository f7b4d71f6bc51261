# Helpers for the EFI backend's VM tests (tests/vm/2x-efi-*.sh), sourced
# after tests/vm/lib.sh.

# Debian's efivar tool and chattr (efivarfs makes variables of unknown
# GUIDs immutable) with the libraries they link, for the guest (tools/vm
# copies $LASTGASP_VM_FILES into the initramfs).
efi_vm_files() {
	local d=$gs_dir/files lib bin
	command -v efivar >/dev/null || fail "efivar not installed (make deps)"
	mkdir -p "$d/usr/bin"
	for bin in efivar chattr; do
		bin=$(command -v $bin) || fail "$bin not installed"
		cp "$bin" "$d/usr/bin/"
		for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
			mkdir -p "$d$(dirname "$lib")"
			cp -L "$lib" "$d$lib"
		done
	done
	# Guest scripts start with ". /efi-funcs.sh".
	cat > "$d/efi-funcs.sh" <<'G'
CRASH_GUID=cfc8fc79-be2e-4ddc-97f0-9f98bfe298a0
EV=/sys/firmware/efi/efivars
mount -t efivarfs efivarfs $EV 2>/dev/null
# "total N free N floor N": the store as QueryVariableInfo reports it now
store() { cat /sys/module/pstore_efi/parameters/store; }
store_free() { set -- $(store); echo $4; }
store_total() { set -- $(store); echo $2; }
store_floor() { set -- $(store); echo $6; }
dump_vars() { ls $EV | grep -c "^dump-type.*-$CRASH_GUID\$"; }
G
	export LASTGASP_VM_FILES=$d
}

# store_line N: the "efi-store: ..." lines the guest printed in boot N.
store_line() { grep -Eo 'efi-store: [^[:cntrl:]]*' "$state/boot$1.log"; }

# Debian's stock 6.1 kernel and the modules a guest script needs to mount
# /host and read EFI variables with upstream efi-pstore. Sets STOCK_KERNEL;
# the guest script starts with ". /stock61.sh".
stock61_files() {
	local d=$LASTGASP_VM_FILES m f mods
	STOCK_KERNEL=$(ls /boot/vmlinuz-6.1.* 2>/dev/null | sort -V | tail -1)
	[ -n "$STOCK_KERNEL" ] || fail "no /boot/vmlinuz-6.1.*: install linux-image-amd64"
	mods=/lib/modules/${STOCK_KERNEL#/boot/vmlinuz-}
	mkdir -p "$d/m61"
	for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev \
		 virtio_pci 9pnet 9pnet_virtio netfs fscache 9p efivarfs efi-pstore; do
		f=$(find "$mods" -name "$m.ko*" | head -1)
		[ -n "$f" ] || fail "module $m not in $mods"
		case "$f" in
		*.xz) xz -dc "$f" > "$d/m61/$m.ko" ;;
		*.zst) zstd -qdc "$f" > "$d/m61/$m.ko" ;;
		*) cp "$f" "$d/m61/$m.ko" ;;
		esac
	done
	cat > "$d/stock61.sh" <<'G'
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev \
	 virtio_pci 9pnet 9pnet_virtio netfs fscache 9p efivarfs; do
	insmod /m61/$m.ko || echo "stock61: insmod $m failed"
done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 host /host ||
	echo "stock61: cannot mount /host"
EV=/sys/firmware/efi/efivars
mount -t efivarfs efivarfs $EV
G
}
