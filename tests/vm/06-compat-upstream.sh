#!/usr/bin/env bash
# On-media compatibility with upstream: the same 6.12 source built with its
# own fs/pstore (make kernel-upstream) reads what lastgasp wrote, and
# lastgasp reads what upstream wrote (dmesg, console and pmsg records, none
# reported damaged by the record or the reading kernel's log: lib.sh's
# reader_script); with ECC off and on.
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
		boot 100 "${wk[@]}" --append "ramoops.ecc=$ecc" < <(writer_script compat)
		boot 0 "${rk[@]}" --append "ramoops.ecc=$ecc" < <(reader_script compat)
		console_has $boot_no 'scenario-ok'
		n=$((n + 1))
	done
done
echo "PASS ($n directions)"
