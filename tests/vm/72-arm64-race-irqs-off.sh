#!/usr/bin/env bash
# arm64: the other CPU spins with interrupts masked when the panic comes
# (lgrace's irqs-off case), so arm64 has to stop it by IPI, not by NMI.
#  1. Without pseudo-NMI the IPI cannot get in: smp_send_stop() waits its
#     second, says which CPUs did not stop, and the panic goes on: the dump
#     is still written exactly once (race-lib's checks: one stage-1 report,
#     one dmesg record in RAM, ramoops and lgtest ok, the notifiers ran).
#  2. With irqchip.gicv3_pseudo_nmi=1 the stop is retried as a pseudo-NMI,
#     which does stop it: no CPU is reported left running.
# No crash kernel on arm64 yet (tools/vm --kdump is x86 only).
export LASTGASP_ARCH=arm64 RACE_KDUMP=0
. "$(dirname "$0")/race-lib.sh"

race_cases irqs-off > "$gs_dir/plain" || { cat "$gs_dir/plain"; fail "irqs-off without pseudo-NMI"; }
cat "$gs_dir/plain"
log=$state/boot1.log
# spinner: the CPU lgrace left spinning (the one the trigger did not run on)
spinner() {
	grep -Eo 'lgrace: CPU [0-9]+ spins with interrupts off' "$log" | awk '{ print $3 }'
}
cpu=$(spinner)
[ -n "$cpu" ] || fail "no CPU spins with interrupts off"
console_has 1 'SMP: stopping secondary CPUs'
console_has 1 "SMP: failed to stop secondary CPUs $cpu\$"
! grep -q 'SMP: retry stop with NMI' "$log" || fail "an NMI retry without pseudo-NMI"
grep -E 'SMP: (stopping|failed)|lastgasp: stage 1' "$log"

RACE_APPEND="$RACE_APPEND irqchip.gicv3_pseudo_nmi=1"
race_cases irqs-off > "$gs_dir/nmi" || { cat "$gs_dir/nmi"; fail "irqs-off with pseudo-NMI"; }
cat "$gs_dir/nmi"
console_has 1 'Pseudo-NMIs enabled'
cpu=$(spinner)
[ -n "$cpu" ] || fail "no CPU spins with interrupts off"
console_has 1 "SMP: retry stop with NMI for CPUs $cpu\$"
! grep -q 'SMP: failed to stop' "$log" || fail "the pseudo-NMI did not stop CPU 1"
grep -E 'SMP: (stopping|retry)|lastgasp: stage 1' "$log"
echo PASS
