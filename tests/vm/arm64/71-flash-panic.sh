#!/usr/bin/env bash
# arm64: 61-flash-panic.sh on the virt machine's CFI flash (pflash unit 1:
# two interleaved 16-bit chips in a 32-bit bank, 256 KiB erase blocks, of
# which tools/vm --flash 4M declares 16 blocks): the panic write through
# the CFI 0001 panic path and the on-flash format on a second geometry.
export LASTGASP_ARCH=arm64
exec bash "$(dirname "$0")/../61-flash-panic.sh"
