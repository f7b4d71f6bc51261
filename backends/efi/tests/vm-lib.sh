# Helpers for the EFI backend's VM tests (tests/vm/2x-efi-*.sh), sourced
# after tests/vm/lib.sh.

# Debian's efivar tool and the libraries it links, for the guest
# (tools/vm copies $LASTGASP_VM_FILES into the initramfs).
efi_vm_files() {
	local d=$gs_dir/files lib
	command -v efivar >/dev/null || fail "efivar not installed (make deps)"
	mkdir -p "$d/usr/bin"
	cp "$(command -v efivar)" "$d/usr/bin/efivar"
	for lib in $(ldd "$(command -v efivar)" | grep -o '/[^ ]*'); do
		mkdir -p "$d$(dirname "$lib")"
		cp -L "$lib" "$d$lib"
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
