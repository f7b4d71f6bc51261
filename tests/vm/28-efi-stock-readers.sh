#!/usr/bin/env bash
# EFI records never hide records from a stock kernel (OVMF, one store).
# Linux 6.1, and 6.2+ with its default efi_pstore.record_size=1024, stop
# listing the whole store at the first crash-GUID variable larger than
# their 1 KiB buffer. lastgasp writes 1 KiB records under the crash GUID
# by default and larger (denser) ones only under its own GUID, which stock
# kernels skip.
#  boot 1 (ours, upstream's parameter name efi_pstore.record_size=16384):
#         dense records, under lastgasp's GUID, first in the store; panic;
#  boot 2 (ours, defaults): 1 KiB records under the crash GUID; panic;
#  boot 3 (Debian's stock 6.1, efi-pstore with default parameters): lists
#         every crash-GUID dump variable (ours from boot 2), then panics;
#  boot 4 (upstream 6.12: make kernel-upstream, the same tree with its own
#         fs/pstore and efi-pstore built in, default parameters, no ramoops
#         since upstream takes one backend): lists every crash-GUID dump
#         variable (ours and 6.1's), then panics;
#  boot 5 (ours): lists all four panics, dense ones included;
#  boot 6 (ours, efi_pstore.pstore_disable=1): the backend stays away.
. "$(dirname "$0")/lib.sh"
. "$top/backends/efi/tests/vm-lib.sh"
efi_vm_files
stock61_files
UPSTREAM=$top/build/obj-upstream/arch/x86/boot/bzImage
[ -f "$UPSTREAM" ] || fail "$UPSTREAM missing: make kernel-upstream"
grep -q '^CONFIG_EFI_VARS_PSTORE=y' "$top/build/obj-upstream/.config" ||
	fail "the upstream kernel lacks EFI_VARS_PSTORE=y: make kernel-upstream"
cat >> "$LASTGASP_VM_FILES/efi-funcs.sh" <<'G'
DENSE_GUID=4f98a288-94bc-4864-b816-18ae2fb7f2da
dense_vars() { ls $EV | grep -c "^dump-type.*-$DENSE_GUID\$"; }
# largest crash-GUID dump variable (efivarfs files hold 4 attribute bytes)
crash_max() {
	m=0
	for v in $(ls $EV | grep "^dump-type.*-$CRASH_GUID\$"); do
		s=$(($(stat -c %s $EV/$v) - 4))
		[ $s -le $m ] || m=$s
	done
	echo $m
}
G
# stock_list: what a stock kernel's guest script runs: every crash-GUID
# dump variable must be a file in /sys/fs/pstore.
cat > "$LASTGASP_VM_FILES/stock-list.sh" <<'G'
CRASH_GUID=cfc8fc79-be2e-4ddc-97f0-9f98bfe298a0
DENSE_GUID=4f98a288-94bc-4864-b816-18ae2fb7f2da
files=$(ls /sys/fs/pstore | grep -c '^dmesg-efi')
vars=$(ls $EV | grep -c "^dump-type.*-$CRASH_GUID\$")
dense=$(ls $EV | grep -c "^dump-type.*-$DENSE_GUID\$")
cat /sys/fs/pstore/dmesg-efi* > /tmp/all.txt 2>/dev/null
echo "stock-list: $(uname -r): $files files for $vars crash-GUID variables ($dense of lastgasp's GUID in the store)"
G

boot 100 --efi --append efi_pstore.record_size=16384 --timeout 240 <<'G'
. /efi-funcs.sh
echo "lastgasp-stock-dense-2801" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 "pstore_efi: registered: records of 16384 bytes under lastgasp's GUID"

boot 100 --efi --timeout 240 <<'G'
. /efi-funcs.sh
echo "efi-store: after-dense vars $(dump_vars) dense $(dense_vars)"
[ "$(dense_vars)" -ge 1 ] && [ "$(dump_vars)" = 0 ] ||
	echo "stock-check: dense records not where expected"
# ours list the dense records
grep -q 'lastgasp-stock-dense-2801' /sys/fs/pstore/dmesg-efi_pstore-* ||
	echo "stock-check: dense records not listed"
echo "lastgasp-stock-small-2802" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 2 'pstore_efi: registered: records of 1024 bytes under the crash GUID'
! grep -q 'stock-check:' "$state/boot2.log" || fail "boot 2: $(grep -a 'stock-check:' "$state/boot2.log")"

boot 100 --efi --kernel "$STOCK_KERNEL" --allow-warn --timeout 240 <<'G'
. /stock61.sh
. /efi-funcs.sh
insmod /m61/efi-pstore.ko || echo "stock61: insmod efi-pstore failed"
. /stock-list.sh
ok=1
[ "$files" = "$vars" ] && [ "$vars" -ge 1 ] || ok=0
[ "$(crash_max)" -le 1024 ] || ok=0
grep -q 'lastgasp-stock-small-2802' /tmp/all.txt || ok=0
grep -q '^Panic#1 Part1' /tmp/all.txt || ok=0
echo "$ok $files $vars $(crash_max)" > /host/stock61
sync
echo "lastgasp-stock-61-2803" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 3 'Linux version 6\.1\.'
grep -Eo 'stock-list: [^[:cntrl:]]*' "$state/boot3.log"
read -r ok files vars max < "$state/stock61" || fail "boot 3 left no result"
[ "$ok" = 1 ] || fail "stock 6.1 listed $files files for $vars crash-GUID variables (largest $max bytes)"

boot 100 --efi --kernel "$UPSTREAM" --no-defaults --timeout 240 <<'G'
. /efi-funcs.sh
. /stock-list.sh
ok=1
[ "$files" = "$vars" ] || ok=0
[ "$(crash_max)" -le 1024 ] || ok=0
grep -q 'lastgasp-stock-small-2802' /tmp/all.txt || ok=0
grep -q 'lastgasp-stock-61-2803' /tmp/all.txt || ok=0
echo "$ok $files $vars $(crash_max)" > /host/upstream
sync
echo "lastgasp-stock-612-2804" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
grep -Eo 'stock-list: [^[:cntrl:]]*' "$state/boot4.log"
read -r ok files vars max < "$state/upstream" || fail "boot 4 left no result"
[ "$ok" = 1 ] || fail "upstream 6.12 listed $files files for $vars crash-GUID variables (largest $max bytes)"

boot 0 --efi --timeout 240 <<'G'
set -e
. /efi-funcs.sh
cat /sys/fs/pstore/dmesg-efi_pstore-* > /tmp/all.txt
grep -q 'lastgasp-stock-dense-2801' /tmp/all.txt
grep -q 'lastgasp-stock-small-2802' /tmp/all.txt
grep -q 'lastgasp-stock-61-2803' /tmp/all.txt
grep -q 'lastgasp-stock-612-2804' /tmp/all.txt
n=$(ls /sys/fs/pstore | grep -c '^dmesg-efi_pstore-')
[ "$n" = $(( $(dump_vars) + $(dense_vars) )) ] ||
	{ echo "$n files for $(dump_vars) + $(dense_vars) variables"; exit 1; }
echo "efi-store: end vars $(dump_vars) dense $(dense_vars) files $n"
echo "scenario-ok"
G
console_has 5 'scenario-ok'

boot 100 --efi --append efi_pstore.pstore_disable=1 --timeout 240 <<'G'
. /efi-funcs.sh
cat /sys/module/pstore/parameters/backend
echo c > /proc/sysrq-trigger
G
console_has 6 'pstore_efi: pstore_disable is set: not registering'
console_has 6 'stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\)$'
grep -Eo 'efi-store: [^[:cntrl:]]*' "$state/boot2.log" "$state/boot5.log"
echo PASS
