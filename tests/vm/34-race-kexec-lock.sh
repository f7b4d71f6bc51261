#!/usr/bin/env bash
# Panic-path race case: the panicking CPU holds the kexec lock
# (lock-self); another CPU holds it and keeps it (lock-other).
# Each with and without a crash kernel loaded; see race-lib.sh for what is
# checked (dump saved exactly once, capture kernel boots / notifiers run).
. "$(dirname "$0")/race-lib.sh"
race_cases lock-self lock-other
