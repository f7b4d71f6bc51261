#!/usr/bin/env bash
# kdump after memory hotplug (issue 10, item 1). The crash kernel is loaded
# with kexec_file_load (tools/vm --kexec-file), so the kernel rewrites its
# ELF core header in place when memory is onlined (CONFIG_CRASH_HOTPLUG);
# then a 256 MiB DIMM is plugged through QEMU's monitor and onlined, pages
# of the new memory are filled with a token, and the machine panics.
#   boot 1: the kernel's own rewrite is accepted: kdump runs, the vmcore's
#           program headers cover the DIMM and the capture kernel reads the
#           token back from that range of /proc/vmcore.
#   boot 2: a byte of the ELF core header flipped after the rewrite (lgrace
#           corrupt-crash on that segment): the next hotplug event (a CPU
#           going offline) finds the change and keeps the digest, and the
#           panic skips kdump.
. "$(dirname "$0")/lib.sh"
token="lastgasp-hotplug-$$-$RANDOM"
hp_mib=256
vm_opts=(--kexec-file --hotplug-mem $hp_mib --timeout 400)

# Run by the capture kernel (tools/vm --kdump runs DIR/capture.sh): count
# the token's lines in the first 8 MiB of every PT_LOAD at or above the
# DIMM's address (onlined memory is handed out lowest address first; reading
# /proc/vmcore is slow under TCG). tr keeps lines short: grep would hold a
# page of zeros as one line.
cat > "$state/capture.sh" <<'C'
hp=$(cat /host/hotplug-addr 2>/dev/null) || exit 0
tok=$(cat /host/token)
while read -r addr size off; do
	[ $((addr)) -ge $((hp)) ] || continue
	n=$(dd if=/proc/vmcore bs=1M iflag=skip_bytes,count_bytes skip=$((off)) \
		count=$((8 << 20)) 2>/dev/null | tr -c 'a-z0-9-' '\n' | grep -c "^$tok\$")
	echo "capture-check: $n token lines in the vmcore's $addr+$size"
done < /host/vmcore-load.txt
C

# The guest side, shared by the boots: $1 = "flip" to flip a byte of the
# ELF core header after the hotplug, then take a CPU offline.
guest() {
	cat <<G
set -e
echo "crash_hotplug=\$(cat /sys/devices/system/memory/crash_hotplug)"
vm-hotplug-mem > /tmp/hp.out
cat /tmp/hp.out
sed -n 's/.* MiB at \(0x[0-9a-f]*\)).*/\1/p' /tmp/hp.out > /host/hotplug-addr
echo "$token" > /host/token
# tmpfs pages come from the new memory first (ZONE_MOVABLE, highest zone)
yes "$token" | head -c \$((48 << 20)) > /tmp/fill
grep -E 'MemTotal|MemFree' /proc/meminfo
if [ "$1" = flip ]; then
	# segment 0 is kexec_file_load's ELF core header on x86
	echo 0 > /sys/module/lgrace/parameters/segment
	echo corrupt-crash > /sys/kernel/debug/lgrace/trigger
	echo 0 > /sys/devices/system/cpu/cpu1/online
fi
echo c > /proc/sysrq-trigger
G
}

boot 104 "${vm_opts[@]}" < <(guest none)
console_has 1 'vm-init: crash kernel loaded'
console_has 1 '^crash_hotplug=1'
console_has 1 'lastgasp: crash kernel segment 0 \(0x[0-9a-f]+\+0x[0-9a-f]+\): ELF core header rewritten on hotplug, digest taken again'
console_has 1 "vm-hotplug: onlined 2 memory blocks \\($hp_mib MiB at 0x[0-9a-f]+\\)"
hp=$(cat "$state/hotplug-addr")
vd=$state/vmcore-dmesg.txt
grep -Eq 'lastgasp: stage 2: crash kernel verified \([0-9]+ segments, [0-9]+ us\)' "$vd" ||
	fail "vmcore log lacks the verification"
grep -E 'lastgasp: (stage 2|crash kernel)' "$vd"
# The vmcore describes the DIMM: one PT_LOAD covers [hp, hp + 256 MiB).
cat "$state/vmcore-load.txt"
covered=0
while read -r a n off; do
	if [ $((a)) -le $((hp)) ] && [ $((a + n)) -ge $((hp + (hp_mib << 20))) ]; then
		covered=1
	fi
done < "$state/vmcore-load.txt"
[ $covered = 1 ] || fail "no PT_LOAD of the vmcore covers the hot-added $hp_mib MiB at $hp"
# ... and holds what the crashed kernel wrote there.
lines=$(sed -n 's/^capture-check: \([0-9]*\) token lines.*/\1/p' "$state/boot1.log" |
	awk '{ s += $1 } END { print s + 0 }')
grep '^capture-check:' "$state/boot1.log"
[ "$lines" -gt 1000 ] ||
	fail "the capture kernel found $lines token lines in the hot-added memory (expected thousands)"

boot 100 "${vm_opts[@]}" < <(guest flip)
console_has 2 'lastgasp: crash kernel segment 0 \(0x[0-9a-f]+\+0x[0-9a-f]+\): ELF core header rewritten on hotplug, digest taken again'
console_has 2 'lgrace: flipped the byte at 0x[0-9a-f]+ in crash kernel segment 0'
console_has 2 "lastgasp: crash kernel segment 0 \\(0x[0-9a-f]+\\+0x[0-9a-f]+\\) changed before the kernel's hotplug update of its ELF core header: digest kept"
console_has 2 'lastgasp: stage 2: crash kernel segment 0 \(0x[0-9a-f]+\+0x[0-9a-f]+\) changed since it was loaded: kdump skipped'
grep -q 'vm-capture' "$state/boot2.log" && fail "boot 2: the capture kernel ran"
echo PASS
