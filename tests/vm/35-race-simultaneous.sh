#!/usr/bin/env bash
# Panic-path race case: two CPUs (two, -smp 2) and all CPUs (all,
# -smp 4) panic at the same moment.
# Each with and without a crash kernel loaded; see race-lib.sh for what is
# checked (dump saved exactly once, capture kernel boots / notifiers run).
. "$(dirname "$0")/race-lib.sh"
race_cases two all
