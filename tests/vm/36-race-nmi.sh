#!/usr/bin/env bash
# Panic-path race case: an NMI to every CPU with unknown_nmi_panic: every
# CPU calls nmi_panic() from NMI context at once.
# Each with and without a crash kernel loaded; see race-lib.sh for what is
# checked (dump saved exactly once, capture kernel boots / notifiers run).
. "$(dirname "$0")/race-lib.sh"
race_cases nmi
