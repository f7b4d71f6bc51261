#!/usr/bin/env bash
# kdump for real: a capture kernel loaded with Debian's kexec (tools/vm
# --kdump) boots after the panic and saves the crashed kernel's log; the
# next boot finds the pstore record, and both name the same panic. The
# stage-1 report precedes the jump and is in the vmcore log. With
# panic_order=kdump-first the capture kernel runs before any dump.
# On arm64 (make check-arm64; kexec -s) the capture kernel gets the crashed
# kernel's device tree, ramoops node included: its ramoops shows the
# crashed kernel's console record (checked there, by DIR/capture.sh) and
# then writes its own console into that zone, which the next boot shows.
. "$(dirname "$0")/lib.sh"
two=$LGTEST_APPEND
token="lastgasp-kdump-token-$$-$RANDOM"
arm64=0
[ "${LASTGASP_ARCH:-x86}" != arm64 ] || arm64=1
if [ $arm64 = 1 ]; then
	cat > "$state/capture.sh" <<'G'
mount -t pstore pstore /sys/fs/pstore &&
	cp /sys/fs/pstore/console-ramoops-0 /host/capture-console.txt
G
fi

boot 104 --kdump --append "$two" <<G
echo "$token" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'vm-init: crash kernel loaded'
vd=$state/vmcore-dmesg.txt
[ -s "$vd" ] || fail "no vmcore log"
grep -q "$token" "$vd" || fail "vmcore log lacks the token"
grep -Eq 'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok .*lgtest ok' "$vd" ||
	fail "vmcore log lacks the stage-1 report"
grep -q 'lastgasp: stage 2: starting the crash kernel' "$vd" || fail "vmcore log lacks stage 2"
grep -Eq 'lastgasp: stage 2: crash kernel verified \([0-9]+ segments, [0-9]+ us\)' "$vd" ||
	fail "vmcore log lacks the verification"
grep -E 'lastgasp: stage' "$vd"
grep -q 'lgrace: panic notifier ran' "$vd" && fail "a notifier ran before kdump"
# "[   12.780289] Kernel panic - not syncing: sysrq triggered crash"
panic_line=$(grep -m1 'Kernel panic - not syncing' "$vd")
stamp=$(echo "$panic_line" | sed -n 's/^\(\[ *[0-9]*\.[0-9]*\]\).*/\1/p')
[ -n "$stamp" ] || fail "no timestamped panic line in the vmcore log: $panic_line"
echo "vmcore: $panic_line"
cp "$vd" "$state/vmcore-1.txt"

boot 0 --mem 512 --append "$two" <<G
set -e
cd /sys/fs/pstore
ls
grep -q "$token" dmesg-ramoops-0
grep -F -q "$stamp Kernel panic - not syncing: sysrq triggered crash" dmesg-ramoops-0
f=\$(ls | grep '^dmesg-lgtest-' | head -1)
grep -F -q "$stamp Kernel panic - not syncing: sysrq triggered crash" "\$f"
if [ $arm64 = 0 ]; then
	grep -q 'lastgasp: stage 2: starting the crash kernel' console-ramoops-0
else
	grep -q 'Kernel command line: .*reset_devices' console-ramoops-0
fi
echo scenario-ok
G
console_has 2 scenario-ok
if [ $arm64 = 1 ]; then
	grep -q 'lastgasp: stage 2: starting the crash kernel' "$state/capture-console.txt" ||
		fail "the capture kernel's ramoops did not show the crashed kernel's console"
	rm "$state/capture.sh"
fi

# kdump-first (upstream): the crash kernel starts before the dump
boot 104 --kdump --append "$two panic_order=kdump-first" <<'G'
echo c > /proc/sysrq-trigger
G
grep -q 'Kernel panic - not syncing: sysrq triggered crash' "$vd" || fail "kdump-first: no vmcore log"
grep -q 'lastgasp: stage 1' "$vd" && fail "kdump-first: dumped before kdump"
echo PASS
