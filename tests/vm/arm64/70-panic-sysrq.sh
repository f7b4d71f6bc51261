#!/usr/bin/env bash
# arm64 (tools/vm --arch arm64: QEMU's virt machine, GICv3, 2 CPUs, TCG):
# 01-panic-sysrq.sh unchanged, with ramoops declared the way boards declare
# it, by the device tree's /reserved-memory/ramoops@4c000000 (no ramoops.*
# argument on the command line): the panic line, the stack, Panic#1 Part1,
# the stage-1 line, the console and pmsg records, modes and times.
export LASTGASP_ARCH=arm64
exec bash "$(dirname "$0")/../01-panic-sysrq.sh"
