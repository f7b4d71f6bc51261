#!/usr/bin/env bash
# The test helpers (lgtest, lgrace, lgflash) cannot be configured into a
# product kernel: they depend on CONFIG_LASTGASP_TESTS, which only
# configs/test.config sets and which needs DEBUG_KERNEL. Configures (no
# build) the product fragments plus the helpers' own symbols and checks
# that none survived, and that the test kernel has them all.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/build/linux
[ -f "$src/fs/pstore/.lastgasp-overlay" ] || { echo "FAIL: build the kernel first (make kernel)"; exit 1; }
helpers="CONFIG_PSTORE_LGTEST CONFIG_PSTORE_LGRACE CONFIG_PSTORE_LGFLASH"
o=$(mktemp -d /tmp/lastgasp-kconfig.XXXXXX)
trap 'rm -rf "$o"' EXIT
{ cat "$top"/configs/{base,lastgasp,kdump}.config; for s in $helpers; do echo "$s=y"; done; } > "$o/frag"
make -s -C "$src" O="$o/obj" allnoconfig KCONFIG_ALLCONFIG="$o/frag" > "$o/log" 2>&1 ||
	{ cat "$o/log"; echo "FAIL: configuring the product fragments"; exit 1; }
grep -q '^CONFIG_PSTORE_RAM=y' "$o/obj/.config" || { echo "FAIL: the product configuration lacks ramoops"; exit 1; }
for s in $helpers CONFIG_LASTGASP_TESTS; do
	if grep -q "^$s=" "$o/obj/.config"; then
		echo "FAIL: $s is set in a product configuration"; exit 1
	fi
	grep -q "^$s=y" "$top/build/obj/.config" || { echo "FAIL: the test kernel lacks $s"; exit 1; }
done
for p in "$top/build/obj-product/.config"; do
	[ -f "$p" ] || continue
	if grep -Eq "^CONFIG_(LASTGASP_TESTS|PSTORE_LG[A-Z]+)=" "$p"; then
		echo "FAIL: the demo's kernel ($p) has a test helper"; exit 1
	fi
done
echo "ok: $helpers only in the test configuration"
