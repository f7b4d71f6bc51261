#!/usr/bin/env bash
# Panic-path race case: the lgrace backend oopses inside its write
# during the dump: the next backend (lgtest) and kdump still run.
# Each with and without a crash kernel loaded; see race-lib.sh for what is
# checked (dump saved exactly once, capture kernel boots / notifiers run).
. "$(dirname "$0")/race-lib.sh"
race_cases oops-in-dump
