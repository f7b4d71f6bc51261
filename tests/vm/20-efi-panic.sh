#!/usr/bin/env bash
# EFI variables under OVMF: a sysrq panic is saved as dump-type0-* variables
# with the crash GUID; the next boot shows dmesg-efi_pstore-<id> with the
# panic and the stack, ramoops holds the same panic (RAM first, EFI last),
# and unlinking the file deletes the variable (seen through efivarfs and
# Debian's efivar tool).
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files

boot 100 --efi <<'G'
. /efi-funcs.sh
echo "efi-store: before $(store) vars $(dump_vars)"
cat /sys/module/pstore/parameters/backend
echo "lastgasp-efi-marker-2001" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'pstore_efi: registered: records of 1024 bytes under the crash GUID'
console_has 1 'ramoops,efi_pstore'
# dump order: RAM first, firmware last (the panic path's stage-1 summary)
console_has 1 'stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), efi_pstore ok \([0-9]+ us\)'

boot 0 --efi <<'G'
set -e
. /efi-funcs.sh
echo "efi-store: after-panic $(store) vars $(dump_vars)"
ls -l /sys/fs/pstore $EV | grep -E 'pstore|dump-type'
cd /sys/fs/pstore
set -- dmesg-efi_pstore-*
[ -f "$1" ] || { echo "no efi record"; exit 1; }
cat dmesg-efi_pstore-* > /tmp/efi.txt
grep -q 'Panic#1 Part1' dmesg-efi_pstore-*01001
grep -q 'Kernel panic - not syncing: sysrq triggered crash' /tmp/efi.txt
grep -q 'sysrq_handle_crash' /tmp/efi.txt
grep -q 'lastgasp-efi-marker-2001' /tmp/efi.txt
# the same panic in RAM, with the same dump count
grep -q 'Panic#1 Part1' dmesg-ramoops-0
grep -q 'lastgasp-efi-marker-2001' dmesg-ramoops-0
# names and ids as upstream efi-pstore: id = seconds*100000 + part*1000 + count
for f in dmesg-efi_pstore-*; do
	id=${f#dmesg-efi_pstore-}
	t=$((id / 100000)) part=$((id / 1000 % 100)) count=$((id % 1000))
	[ -f "$EV/dump-type0-$part-$count-$t-C-$CRASH_GUID" ] ||
		{ echo "no variable for $f"; exit 1; }
done
n=$(dump_vars)
efivar -l | grep -c "^$CRASH_GUID-dump-type0-" > /tmp/n
[ "$(cat /tmp/n)" = "$n" ] || { echo "efivar lists $(cat /tmp/n), efivarfs $n"; exit 1; }
f=$(ls dmesg-efi_pstore-* | head -1)
id=${f#dmesg-efi_pstore-}
var=$CRASH_GUID-dump-type0-$((id / 1000 % 100))-$((id % 1000))-$((id / 100000))-C
efivar -p -n "$var" | head -3
rm "$f"
[ ! -e "$f" ]
# efivarfs lists what it saw at mount time: look again
umount $EV; mount -t efivarfs efivarfs $EV
[ "$(dump_vars)" = $((n - 1)) ] || { echo "variable still in efivarfs"; exit 1; }
! efivar -l | grep -q "^$var\$" || { echo "efivar still lists $var"; exit 1; }
rm -f dmesg-efi_pstore-*
umount $EV; mount -t efivarfs efivarfs $EV
[ "$(dump_vars)" = 0 ]
echo "efi-store: after-unlink $(store) vars $(dump_vars)"
echo "scenario-ok"
G
console_has 2 'scenario-ok'
store_line 1; store_line 2
grep -Eo 'stage 1: log dumped.*' "$state/boot1.log"
echo PASS
