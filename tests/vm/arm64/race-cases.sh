#!/usr/bin/env bash
# arm64 (make check-arm64): the panic path's race cases of tests/vm/3x on
# the virt machine, each without and with a crash kernel: two and all (4)
# CPUs panicking at once, the kexec lock held by this CPU or another, a
# backend and a plain kmsg dumper that oops in the dump. race-lib's checks:
# the dump saved once (one stage-1 report, one record in RAM, ramoops and
# lgtest ok), the notifiers ran, or the verified capture kernel saved the
# log and no notifier ran before it, and each case's own.
export LASTGASP_ARCH=arm64
. "$(dirname "$0")/../race-lib.sh"
race_cases two all lock-self lock-other oops-in-dump oops-in-dumper
