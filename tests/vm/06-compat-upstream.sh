#!/usr/bin/env bash
# On-media compatibility with upstream: the same 6.12 source built with its
# own fs/pstore (make kernel-upstream) reads what lastgasp wrote, and
# lastgasp reads what upstream wrote; with ECC off and on.
. "$(dirname "$0")/lib.sh"
up=$top/build/obj-upstream/arch/x86/boot/bzImage
[ -f "$up" ] || fail "no upstream kernel: run make kernel-upstream"

n=0
for ecc in 0 1; do
	for dir in "upstream:lastgasp" "lastgasp:upstream"; do
		writer=${dir%%:*} reader=${dir##*:}
		rm -f "$state/ram.img"
		wk=(); rk=()
		[ "$writer" = upstream ] && wk=(--kernel "$up")
		[ "$reader" = upstream ] && rk=(--kernel "$up")
		echo "### ecc=$ecc: $writer writes, $reader reads"
		boot 100 "${wk[@]}" --append "ramoops.ecc=$ecc" <<'G'
echo "compat-console-marker-$((6*7))" > /dev/kmsg
echo "compat-pmsg-marker" > /dev/pmsg0
echo c > /proc/sysrq-trigger
G
		boot 0 "${rk[@]}" --append "ramoops.ecc=$ecc" <<'G'
set -e
cd /sys/fs/pstore
ls -l
grep -q 'Kernel panic - not syncing' dmesg-ramoops-0
grep -q 'sysrq_handle_crash' dmesg-ramoops-0
grep -q 'compat-console-marker-42' console-ramoops-0
grep -q 'compat-pmsg-marker' pmsg-ramoops-0
if grep -qi 'corrupt' dmesg-ramoops-0; then echo "reported corrupt"; exit 1; fi
echo "scenario-ok"
G
		console_has $boot_no 'scenario-ok'
		n=$((n + 1))
	done
done
echo "PASS ($n directions)"
