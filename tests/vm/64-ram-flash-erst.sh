#!/usr/bin/env bash
# Three kinds of persistent media at once: persistent RAM (ramoops), NOR
# flash (pstore_flash on tools/vm --flash) and the firmware's ACPI ERST
# store (tools/vm --erst). One panic fans out to all three in risk order,
# RAM, flash, firmware; the stage-1 line times each; after the reboot each
# backend holds the same panic.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

head -c $((256 << 10)) /dev/zero | tr '\0' '\377' > "$state/flash.img"
"$PF" format "$state/flash.img" > /dev/null || fail "pstore-flash format"

boot 100 --flash 256K --erst --append "$FLASH_APPEND" --timeout 240 <<'G'
. /flash-funcs.sh
gc_wait
echo "lastgasp-three-media-6464" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), flash ok \([0-9]+ us\), erst ok \([0-9]+ us\)'
grep -Eo 'stage 1: log dumped in [^[:cntrl:]]*' "$state/boot1.log"

boot 0 --flash 256K --erst --append "$FLASH_APPEND" --timeout 240 <<'G'
set -e
cd /sys/fs/pstore
ls -l
for kind in ramoops flash erst; do
	set -- dmesg-$kind-*
	[ -f "$1" ] || { echo "no dmesg-$kind-* record"; exit 1; }
	cat dmesg-$kind-* > /tmp/$kind.txt
	grep -q 'lastgasp-three-media-6464' /tmp/$kind.txt || { echo "$kind lacks the marker"; exit 1; }
	grep -q 'Kernel panic - not syncing: sysrq triggered crash' /tmp/$kind.txt ||
		{ echo "$kind lacks the panic line"; exit 1; }
	grep -q 'sysrq_handle_crash' /tmp/$kind.txt || { echo "$kind lacks the stack"; exit 1; }
	echo "media $kind: $# records"
done
echo "scenario-ok"
G
console_has 2 'scenario-ok'
grep -Eo 'media [a-z]+: [0-9]+ records' "$state/boot2.log"
echo PASS
