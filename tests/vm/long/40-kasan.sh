#!/usr/bin/env bash
# The kernel code under KASAN: the scenarios that drive the core, both
# backends and the panic path run again on the same kernel built with
# generic KASAN (make kernel-kasan). tools/vm fails any boot that prints a
# KASAN report (status 102), so each scenario passing means no bad access
# was seen. First a control: a use-after-free (LKDTM) must be caught, so
# that a kernel where KASAN is silently off cannot pass.
set -uo pipefail
top=$(cd "$(dirname "$0")/../../.." && pwd)
obj=$top/build/obj-kasan
kernel=$obj/arch/x86/boot/bzImage
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f "$kernel" ] || fail "$kernel not built (make kernel-kasan)"
grep -qx 'CONFIG_KASAN=y' "$obj/.config" || fail "$obj/.config has no CONFIG_KASAN=y"
export LASTGASP_KERNEL=$kernel

ctl=$(mktemp -d /tmp/lastgasp-kasan.XXXXXX)
trap 'rm -rf "$ctl"' EXIT
cat > "$ctl/uaf.sh" <<'G'
echo READ_AFTER_FREE > /sys/kernel/debug/provoke-crash/DIRECT
G
"$top/tools/vm" --state "$ctl/m" --quiet "$ctl/uaf.sh"
rc=$?
grep -q 'KernelAddressSanitizer initialized' "$ctl/m/console.log" ||
	fail "the KASAN kernel did not say KASAN is on"
grep -q 'BUG: KASAN: slab-use-after-free' "$ctl/m/console.log" ||
	fail "control: LKDTM's use-after-free went unreported"
[ $rc = 102 ] || fail "control: tools/vm exited $rc on a KASAN report, expected 102"
echo "ok   control: use-after-free reported, tools/vm status 102"

# The RAM backend (panic, console, pmsg, oops, unlink, damaged records),
# two backends at once, the EFI backend (panic, bad variables), the
# verified crash kernel, an oops inside a backend during the dump, the CFI
# 0001 panic write (upstream mtdoops) and the flash backend's panic dump.
bad=0
for t in 01-panic-sysrq 02-oops-no-panic 03-unlink 04-corruption 05-two-backends \
	20-efi-panic 24-efi-bad-input 32-verify-crash-kernel 37-race-backend-oops \
	50-mtdoops-panic 61-flash-panic; do
	start=$(date +%s)
	if bash "$top/tests/vm/$t.sh" > "$ctl/$t.log" 2>&1; then
		echo "ok   $t under KASAN ($(( $(date +%s) - start ))s)"
	else
		echo "FAIL $t under KASAN ($(( $(date +%s) - start ))s):"
		tail -30 "$ctl/$t.log" | sed 's/^/    /'
		bad=1
	fi
done
[ $bad = 0 ] || fail "scenarios failed under KASAN"
echo PASS
