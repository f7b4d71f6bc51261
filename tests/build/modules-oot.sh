#!/usr/bin/env bash
# The core, the backends and the test backend build as out-of-tree modules
# (M=) against our 6.12 tree and against Debian's stock 6.1 headers; with
# LASTGASP_ARCH=arm64 (make check-arm64) against our tree cross-compiled
# for arm64 instead.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# the directories the top Kbuild builds out of tree (KBUILD_EXTMOD set), as
# kernel/oot-compat.patch makes it
dirs=$(sed -n 's/^+obj-$(if $(KBUILD_EXTMOD),m,y) += //p' "$top/kernel/oot-compat.patch" | tr -d '/')
[ -n "$dirs" ] || { echo "FAIL: no out-of-tree directories found in kernel/oot-compat.patch"; exit 1; }
kdirs=("$top/build/obj" /lib/modules/6.1.*-amd64/build)
[ "${LASTGASP_ARCH:-x86}" != arm64 ] || kdirs=("$top/build/obj-arm64")
for kdir in "${kdirs[@]}"; do
	stage=$(mktemp -d /tmp/lastgasp-oot.XXXXXX)
	"$top/tools/build-modules" "$kdir" "$stage" > "$stage.log" 2>&1 || {
		tail -30 "$stage.log"; echo "FAIL: out-of-tree build against $kdir"; exit 1; }
	for d in $dirs; do
		ls "$stage/$d"/*.ko > /dev/null 2>&1 ||
			{ echo "FAIL: no module built in $d/ against $kdir"; exit 1; }
	done
	# the arm64 ones are arm64 code
	case "$kdir" in *arm64*)
		for m in $(find "$stage" -name '*.ko'); do
			file "$m" | grep -q 'ARM aarch64' || { echo "FAIL: $m is not arm64 code"; exit 1; }
		done ;;
	esac
	echo "ok: $(find "$stage" -name '*.ko' | wc -l) modules ($dirs) against $kdir"
	rm -rf "$stage" "$stage.log"
done
