#!/usr/bin/env bash
# The demo's presentation (tools/demo, what `make demo` runs after the
# build) against the test kernel (make check does not build the product
# kernel the demo boots; tests/build/test-helpers-gated.sh checks that one's
# configuration): every line of the story is there, in order, on one
# screen, and the files it names exist.
. "$(dirname "$0")/lib.sh"
out=$state/demo.out
start=$(date +%s)
LASTGASP_DEMO_KERNEL=${LASTGASP_KERNEL:-$top/build/obj/arch/x86/boot/bzImage} \
	"$top/tools/demo" "$state/demo" > "$out" 2>&1 || { cat "$out"; fail "tools/demo exited $?"; }
took=$(( $(date +%s) - start ))
cat "$out"
echo "demo took ${took}s, $(wc -l < "$out") lines"

# story REGEX...: each REGEX matches a line after the previous one's
story() {
	local at=0 re n
	for re in "$@"; do
		n=$(tail -n +$((at + 1)) "$out" | grep -En -m1 -- "$re" | cut -d: -f1) ||
			fail "the story lacks, after line $at: /$re/"
		[ -n "$n" ] || fail "the story lacks, after line $at: /$re/"
		at=$((at + n))
	done
}
sig='kernel-[A-Za-z0-9_]+-[0-9a-f]{12}'
story '^lastgasp demo: ' \
	'boot 1 .*two pstore backends' \
	'^--- boot 1: panic' \
	'Kernel panic - not syncing: sysrq triggered crash' \
	'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok \([0-9]+ us\), efi_pstore ok \([0-9]+ us\)' \
	'lastgasp: stage 2: crash kernel verified \([0-9]+ segments, [0-9]+ us\)' \
	'^--- the crash kernel took over' \
	'/proc/vmcore \([0-9]+ MiB\)' \
	'boot1-vmcore-dmesg.txt \([0-9]+ lines\)' \
	'^--- boot 2: lastgasp status' \
	"^lastgasp status: a panic's log would be saved in 2 backends \(ramoops, efi_pstore\), and kdump would run" \
	'1\. ramoops +RAM ' \
	'2\. efi_pstore +EFI variable store ' \
	'^panic order: +dump-first' \
	'digests: +SHA-256 of [0-9]+ segments' \
	'^records: +[0-9]+ in /sys/fs/pstore: .*dmesg-efi_pstore x[0-9].*dmesg-ramoops x1' \
	'^\(exit status 0; JSON: ' \
	'^--- boot 2: records in /sys/fs/pstore' \
	' dmesg-ramoops-0$' \
	'^--- boot 2: pstore-collect' \
	"/archive/dmesg-[0-9a-f]{16}: Panic [a-z-]+ $sig: Kernel panic - not syncing: sysrq triggered crash" \
	"^crash signature: $sig\$" \
	'^JSON report: +.*/archive/dmesg-[0-9a-f]{16}/report\.json$' \
	'^--- full logs'
report=$(sed -n 's|^JSON report: *||p' "$out")
[[ $report == /* ]] || report=$top/$report
grep -Eq '"schema": *"lastgasp.pstore-collect.report"' "$report" || fail "$report is not a crash report"
for f in boot1.log boot2.log boot1-vmcore-dmesg.txt status.json; do
	[ -s "$state/demo/$f" ] || fail "the demo names $f, which is missing or empty"
done
# one screen: no raw dmesg dumped on the terminal
[ "$(wc -l < "$out")" -le 55 ] || fail "the story takes $(wc -l < "$out") lines, more than a screen"
echo PASS
