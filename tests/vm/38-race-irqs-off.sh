#!/usr/bin/env bash
# Panic-path race case: every other CPU spins with interrupts disabled
# when the panic comes (only an NMI stops them).
# Each with and without a crash kernel loaded; see race-lib.sh for what is
# checked (dump saved exactly once, capture kernel boots / notifiers run).
. "$(dirname "$0")/race-lib.sh"
race_cases irqs-off
