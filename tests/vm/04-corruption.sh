#!/usr/bin/env bash
# Bytes flipped in the RAM backing file between boots: without ECC the
# damaged dmesg record is reported corrupt (in the file and in the kernel
# log) while the console and pmsg records beside it read intact; with ECC a
# few flipped bytes are corrected and reported as such. On arm64 (make
# check-arm64) the region is the device tree's, ECC its ecc-size.
. "$(dirname "$0")/lib.sh"

panic_script='echo "lastgasp-console-marker-4711" > /dev/kmsg
echo "lastgasp-pmsg-marker-0815" > /dev/pmsg0
echo c > /proc/sysrq-trigger'

# --- without ECC: detected ---
boot 100 <<<"$panic_script"
first_used_zone
z=$zone
echo "record in dmesg zone $z, $zone_used bytes; flipping 16 bytes in its middle"
flip $((zone_data + zone_used / 2)) 16
decode --summary || true

boot 0 <<G
set -e
ls -l /sys/fs/pstore
cd /sys/fs/pstore
f=\$(ls | grep '^dmesg-ramoops-$z' | head -1)
[ -n "\$f" ] || { echo "the damaged record vanished"; exit 1; }
grep -qi 'corrupt' "\$f" || { echo "\$f not marked corrupt:"; head -c 300 "\$f"; exit 1; }
grep -q 'lastgasp-console-marker-4711' console-ramoops-0
grep -q 'lastgasp-pmsg-marker-0815' pmsg-ramoops-0
dmesg | grep -i 'ramoops' | grep -qi 'corrupt'
echo "scenario-ok"
G
console_has 2 'scenario-ok'

# --- with ECC: corrected ---
rm -f "$state/ram.img"
boot 100 "${RAMOOPS_ECC_ON[@]}" <<<"$panic_script"
first_used_zone --ecc 1
z=$zone
flip $((zone_data + zone_used / 2)) 3
decode --ecc 1 --summary || true

boot 0 "${RAMOOPS_ECC_ON[@]}" <<G
set -e
cd /sys/fs/pstore
ls -l
grep -q 'Kernel panic - not syncing' dmesg-ramoops-$z
grep -qi 'corrected' dmesg-ramoops-$z
grep -q 'lastgasp-pmsg-marker-0815' pmsg-ramoops-0
echo "scenario-ok"
G
console_has 4 'scenario-ok'
echo PASS
