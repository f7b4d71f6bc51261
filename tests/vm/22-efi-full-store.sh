#!/usr/bin/env bash
# A nearly full variable store (OVMF, junk variables written first): the
# dump never takes the store below its floor (half of it by default).
# The dumps use dense records (pstore_efi.record_size=16383: under
# lastgasp's GUID, and a size that is not a multiple of 8, which the cut
# must keep inside its buffer; with the default 1 KiB records a part is
# smaller than what a cut keeps useful).
# Boot 1 leaves about 3 KiB above the floor: Part1 is cut to its newest
# bytes, with the panic, and says so; the older parts are not written.
# Boot 2 leaves less than a variable: nothing is written, the console
# says why. Boot 3 is clean and removes the junk.
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files
cat >> "$LASTGASP_VM_FILES/efi-funcs.sh" <<'G'
JUNK=1a57ea59-4c61-7374-6761-73706a756e6b
DENSE_GUID=4f98a288-94bc-4864-b816-18ae2fb7f2da
dense_vars() { ls $EV | grep -c "^dump-type.*-$DENSE_GUID\$"; }
# fill_to BYTES: write junk variables until the store has BYTES free
fill_to() {
	i=0
	while :; do
		free=$(store_free)
		need=$((free - $1 - 200))
		[ $need -gt 0 ] || break
		[ $need -le 8192 ] || need=8192
		i=$((i + 1))
		{ printf '\007\000\000\000'; head -c $need /dev/urandom; } > /tmp/v
		dd if=/tmp/v of=$EV/junk$i-$JUNK bs=$((need + 4)) count=1 ||
			{ echo "cannot write junk$i"; return 1; }
		sleep 0.5	# efivarfs rate-limits its own QueryVariableInfo
	done
}
G

DENSE=pstore_efi.record_size=16383
boot 100 --efi --append $DENSE <<'G'
. /efi-funcs.sh
echo "efi-store: empty $(store)"
fill_to $(( $(store_floor) + 3072 ))
echo "efi-store: filled $(store)"
store_free > /host/filled-free; sync
echo c > /proc/sysrq-trigger
G
console_has 1 "pstore_efi: registered: records of 16383 bytes under lastgasp's GUID"
console_has 1 'pstore_efi: dump #1 part 1 cut from [0-9]+ to [0-9]+ bytes'

boot 100 --efi --append $DENSE <<'G'
. /efi-funcs.sh
echo "efi-store: after-cut-panic $(store)"
set -e
cd /sys/fs/pstore
ls -l
set -- dmesg-efi_pstore-*
[ $# = 1 ] && [ -f "$1" ] || { echo "want exactly one efi record"; exit 1; }
head -2 "$1"
grep -q '^Panic#1 Part1$' "$1"
grep -q '^\[lastgasp efi: cut to the newest [0-9]* of [0-9]* bytes: variable store limit\]$' "$1"
grep -q 'Kernel panic - not syncing: sysrq triggered crash' "$1"
grep -q 'sysrq_handle_crash' "$1"
# What the dump took (data, name, header) fits in what was above the
# floor at the panic. (The firmware's own variables, written at boot,
# are not the dump's: a fresh OVMF store grows by a few KiB at first.)
used=0
[ "$(dump_vars)" = 0 ]
for v in $(ls $EV | grep "^dump-type.*-$DENSE_GUID\$"); do
	n=${v%-$DENSE_GUID}
	used=$((used + $(stat -c %s $EV/$v) - 4 + 2 * (${#n} + 1) + 60))
done
echo "efi-store: dump-took $used bytes, free at panic $(cat /host/filled-free), floor $(store_floor)"
[ $(( $(cat /host/filled-free) - used )) -ge "$(store_floor)" ] ||
	{ echo "the dump went below the floor"; exit 1; }
rm "$1"
fill_to $(( $(store_floor) + 300 ))
echo "efi-store: refilled $(store)"
echo "checks-ok" > /host/boot2-ok
sync
echo c > /proc/sysrq-trigger
G
[ -f "$state/boot2-ok" ] || fail "boot 2 checks failed"
console_has 2 'pstore_efi: dump #1 part 1 not written'

boot 0 --efi <<'G'
set -e
. /efi-funcs.sh
echo "efi-store: after-refused-panic $(store)"
ls /sys/fs/pstore
! ls /sys/fs/pstore | grep -q efi_pstore
grep -q 'Kernel panic' /sys/fs/pstore/dmesg-ramoops-0
[ "$(dump_vars)" = 0 ] && [ "$(dense_vars)" = 0 ]
chattr -i $EV/junk*-$JUNK
rm -f $EV/junk*-$JUNK
umount $EV; mount -t efivarfs efivarfs $EV
! ls $EV | grep -q junk
echo "efi-store: junk-removed $(store)"
echo "scenario-ok"
G
console_has 3 'scenario-ok'
for b in 1 2 3; do store_line $b; done
echo PASS
