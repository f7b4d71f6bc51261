#!/usr/bin/env bash
# The core, the backends and the test backend build as out-of-tree modules
# (M=) against our 6.12 tree, and against Debian's stock 6.1 headers.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
want=$(grep -v '^#' "$top/kernel/overlay.map" | awk 'NF {print $1}' | wc -l)
for kdir in "$top/build/obj" /lib/modules/6.1.*-amd64/build; do
	stage=$(mktemp -d /tmp/lastgasp-oot.XXXXXX)
	"$top/tools/build-modules" "$kdir" "$stage" > "$stage.log" 2>&1 || {
		tail -30 "$stage.log"; echo "FAIL: out-of-tree build against $kdir"; exit 1; }
	n=$(find "$stage" -name '*.ko' | wc -l)
	# at least one module per overlay directory
	[ "$n" -ge "$want" ] || { echo "FAIL: $n modules against $kdir, want >= $want"; exit 1; }
	echo "ok: $n modules against $kdir"
	rm -rf "$stage" "$stage.log"
done
