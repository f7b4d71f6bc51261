#!/usr/bin/env bash
# arm64 under UEFI (AAVMF, tools/vm --efi): the device tree still carries
# the ramoops region, a panic is dumped to RAM and to EFI variables (the
# stage-1 line names both), and after the reboot through the firmware both
# backends give the panic back, the marker in each.
export LASTGASP_ARCH=arm64
. "$(dirname "$0")/../lib.sh"

boot 100 --efi --timeout 300 <<'G'
mount -t efivarfs efivarfs /sys/firmware/efi/efivars
echo "lastgasp-aavmf-marker-31" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'EFI stub: Using DTB from configuration table'
console_has 1 'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), efi_pstore ok'
grep -o 'lastgasp: stage 1: log dumped[^[:cntrl:]]*' "$state/boot1.log"

boot 0 --efi --timeout 300 <<'G'
set -e
ls /sys/fs/pstore
grep -q 'Kernel panic - not syncing' /sys/fs/pstore/dmesg-ramoops-0
grep -q 'lastgasp-aavmf-marker-31' /sys/fs/pstore/dmesg-ramoops-0
ls /sys/fs/pstore | grep -q '^dmesg-efi_pstore-'
cat /sys/fs/pstore/dmesg-efi_pstore-* | grep -q 'lastgasp-aavmf-marker-31'
cat /sys/fs/pstore/dmesg-efi_pstore-* | grep -q 'Kernel panic - not syncing'
echo "scenario-ok"
G
console_has 2 'scenario-ok'
[ -f "$state/vars.fd" ] || fail "no variable store in the state directory"
echo PASS
