#!/bin/sh
# The tool in a busybox-only root (like an initramfs): no /etc/machine-id,
# no /var/lib, only its own shared libraries copied in.
. "$(dirname "$0")/lib/common.sh"

BB=$(command -v busybox || echo /bin/busybox)
[ -x "$BB" ] || fail "busybox not installed (busybox-static in tools/debian-packages.txt)"
R=$T/root
mkdir -p "$R/bin" "$R/sys/fs/pstore" "$R/tmp"
cp "$BB" "$R/bin/busybox"
ln -s busybox "$R/bin/sh"
cp "$PC" "$R/bin/pstore-collect"
for lib in $(ldd "$PC" | awk '/=>/ { print $3 } /^[[:space:]]*\/lib/ { print $1 }'); do
	mkdir -p "$R$(dirname "$lib")"
	cp "$lib" "$R$lib"
done
fabricate_tree "$T/tree"
cp "$T"/tree/* "$R/sys/fs/pstore/"

if [ "$(id -u)" = 0 ]; then
	run() { chroot "$R" "$@"; }
elif unshare --user --map-root-user true 2>/dev/null; then
	run() { unshare --user --map-root-user chroot "$R" "$@"; }
else
	fail "needs root or unprivileged user namespaces to chroot"
fi

run /bin/pstore-collect -q > "$T/out" 2> "$T/err" || fail "collect in the busybox root exited $?: $(head -2 "$T/err")"
[ -z "$(ls -A "$R/sys/fs/pstore")" ] || fail "records left in the busybox root's pstore"
n=$(find "$R/var/lib/pstore-collect" -name report.json | wc -l)
[ "$n" -eq 8 ] || fail "expected 8 reports under /var/lib/pstore-collect, found $n"
grep -q '"machine_id":"unknown"' "$R"/var/lib/pstore-collect/dmesg-*/report.json || fail "missing /etc/machine-id not handled"
run /bin/pstore-collect list > /dev/null || fail "list in the busybox root exited $?"
exit 0
