#!/usr/bin/env bash
# arm64: the other CPU spins with interrupts masked when the panic comes
# (lgrace's irqs-off case), so arm64 has to stop it by IPI, not by NMI.
#  1. Without pseudo-NMI the IPI cannot get in: smp_send_stop() waits its
#     second, says which CPU did not stop (and so does lastgasp's stop
#     step, which then breaks none of that CPU's locks), and the panic goes on: the dump
#     is still written exactly once (race-lib's checks: one stage-1 report,
#     one dmesg record in RAM, ramoops and lgtest ok, the notifiers ran).
#     With a crash kernel, arm64's machine_kexec() WARNs that "Some CPUs
#     may be stale" and jumps anyway: the verified capture kernel saves
#     the log (race-lib's kdump checks).
#  2. With irqchip.gicv3_pseudo_nmi=1 the stop is retried as a pseudo-NMI,
#     which does stop it: no CPU is reported left running, no WARN, with
#     and without a crash kernel.
export LASTGASP_ARCH=arm64
. "$(dirname "$0")/../race-lib.sh"
log=$state/boot1.log
# spinner: the CPU lgrace left spinning (the one the trigger did not run on)
spinner() {
	local cpu
	cpu=$(grep -Eo 'lgrace: CPU [0-9]+ spins with interrupts off' "$log" | awk '{ print $3 }')
	[ -n "$cpu" ] || fail "no CPU spins with interrupts off"
	echo "$cpu"
}
# ipi_only: the stop IPI could not stop the spinner and said so
ipi_only() {
	console_has 1 'SMP: stopping secondary CPUs'
	console_has 1 "SMP: failed to stop secondary CPUs $(spinner)\$"
	! grep -q 'SMP: retry stop with NMI' "$log" || fail "an NMI retry without pseudo-NMI"
	# lastgasp's stop step knows it too: the spinner's locks are not
	# treated as abandoned (the kexec lock is tried, not bypassed)
	console_has 1 "lastgasp: stage 0: 1 other CPU did not stop \\(online: [0-9,-]+\\): locks they hold are not broken"
	grep -E 'SMP: (stopping|failed)|lastgasp: stage|Some CPUs' "$log"
}

RACE_KDUMP=0 race_cases irqs-off > "$gs_dir/out" || { cat "$gs_dir/out"; fail "irqs-off"; }
cat "$gs_dir/out"
ipi_only
RACE_KDUMP=1 RACE_EXTRA_OPTS=--allow-warn race_cases irqs-off > "$gs_dir/out" ||
	{ cat "$gs_dir/out"; fail "irqs-off with a crash kernel"; }
cat "$gs_dir/out"
ipi_only
console_has 1 'Some CPUs may be stale, kdump will be unreliable'

RACE_APPEND="$RACE_APPEND irqchip.gicv3_pseudo_nmi=1"
for kd in 0 1; do
	RACE_KDUMP=$kd race_cases irqs-off > "$gs_dir/out" ||
		{ cat "$gs_dir/out"; fail "irqs-off with pseudo-NMI, kdump=$kd"; }
	cat "$gs_dir/out"
	console_has 1 'Pseudo-NMIs enabled'
	console_has 1 "SMP: retry stop with NMI for CPUs $(spinner)\$"
	! grep -q 'SMP: failed to stop' "$log" || fail "the pseudo-NMI did not stop the spinner (kdump=$kd)"
	! grep -q 'did not stop (online' "$log" || fail "lastgasp saw a CPU left running (kdump=$kd)"
	grep -E 'SMP: (stopping|retry)|lastgasp: stage' "$log"
done
echo PASS
