#!/usr/bin/env bash
# configs/distro.config merges into a distribution's configuration: Debian's
# own (the config-6.1.*-amd64 of linux-image-amd64, carried forward to 6.12
# with olddefconfig as a distribution would) on lastgasp's tree, and every
# line of the fragment survives, "is not set" lines included. Configures
# only (no build).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/build/linux
frag=$top/configs/distro.config
[ -f "$src/fs/pstore/.lastgasp-overlay" ] || { echo "FAIL: build the kernel first (make kernel)"; exit 1; }
distro=$(ls /boot/config-6.1.*-amd64 2>/dev/null | sort -V | tail -1)
[ -n "$distro" ] || { echo "FAIL: no /boot/config-6.1.*-amd64: install linux-image-amd64 (make deps)"; exit 1; }
o=$(mktemp -d /tmp/lastgasp-distro.XXXXXX)
trap 'rm -rf "$o"' EXIT
mkdir -p "$o/obj"
cp "$distro" "$o/obj/.config"
# merge_config.sh -m: merge only, then olddefconfig resolves the rest
(cd "$o/obj" && "$src/scripts/kconfig/merge_config.sh" -m -O . .config "$frag") > "$o/log" 2>&1 ||
	{ cat "$o/log"; echo "FAIL: merge_config.sh"; exit 1; }
make -s -C "$src" O="$o/obj" olddefconfig >> "$o/log" 2>&1 ||
	{ cat "$o/log"; echo "FAIL: olddefconfig on $(basename "$distro") + distro.config"; exit 1; }
bad=0
while read -r line; do
	case "$line" in
	CONFIG_*=*) grep -qxF "$line" "$o/obj/.config" || { echo "FAIL: '$line' did not survive"; bad=1; } ;;
	"# CONFIG_"*" is not set")
		s=${line#"# "}; s=${s%% *}
		! grep -q "^$s=" "$o/obj/.config" || { echo "FAIL: $s is set"; bad=1; } ;;
	esac
done < "$frag"
[ $bad = 0 ] || exit 1
echo "ok: configs/distro.config on $(basename "$distro"): $(grep -c '^CONFIG_' "$frag") symbols set, $(grep -c 'is not set' "$frag") off"
