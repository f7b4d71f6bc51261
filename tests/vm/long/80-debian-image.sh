#!/usr/bin/env bash
# The real system: Debian 12 with systemd (systemd-pstore included, as on
# every Debian system) on lastgasp's kernel installed from its Debian
# package, pstore-collect installed with `make install` and its units
# enabled, booted under OVMF with the RAM and EFI backends. Boot 1 panics;
# boot 2 is a normal boot in which pstore-collect.service archives the
# crash before systemd-pstore runs: the journal has its summary line, the
# EFI variables are freed, systemd-pstore finds nothing to take, no unit
# fails and `lastgasp status` runs; boot 3, after a clean shutdown, adds no
# crash and fails no unit. The image (build/debian/, tests/vm/debian/) is
# built once from Debian's registry with mmdebstrap; the kernel package is
# the test kernel (build/obj) packaged by tools/build-deb.
. "$(dirname "$0")/../lib.sh"
[ "$(id -u)" = 0 ] || fail "needs root: the image keeps the owners of its files (tar, dpkg --root, mke2fs -d)"
t0=$(date +%s)
tick() { local now; now=$(date +%s); echo "=== $1: $((now - t0)) s"; t0=$now; }

# 1. The kernel package and the cached Debian image.
deb=$("$top/tools/build-deb" --variant lastgasp --no-headers --jobs 2 | tail -1)
[ -f "$deb" ] || fail "no kernel package"
tick "kernel package ($(basename "$deb"))"
base=$("$top/tests/vm/debian/base-image" | tail -1)
[ -s "$base" ] || fail "no Debian image"
tick "Debian base image ($(basename "$base"))"

# 2. This run's disk: the base image, the kernel package installed with
#    dpkg, pstore-collect and lastgasp status with `make install`, the
#    collector's units enabled as its README says, and the unit that runs
#    tools/vm's script.
root=$state/root
mkdir -p "$root"
tar -xpf "$base" -C "$root" --numeric-owner
dpkg --root="$root" -i "$deb" > "$state/dpkg.log" 2>&1 ||
	{ cat "$state/dpkg.log"; fail "dpkg -i $(basename "$deb") into the image"; }
make -s -C "$top/tools/pstore-collect" install DESTDIR="$root" > /dev/null
make -s -C "$top/tools/status" install DESTDIR="$root" > /dev/null
install -D -m 0755 "$top/tests/vm/debian/lastgasp-vm-script" "$root/usr/local/sbin/lastgasp-vm-script"
install -D -m 0644 "$top/tests/vm/debian/lastgasp-vm-script.service" \
	"$root/etc/systemd/system/lastgasp-vm-script.service"
systemctl --root="$root" --quiet enable pstore-collect.service pstore-collect-ship.service \
	pstore-collect-ship.timer lastgasp-vm-script.service
# Debian enables systemd-pstore itself; the test is about living with it.
[ -e "$root/lib/systemd/system/systemd-pstore.service" ] || fail "no systemd-pstore.service in the image"
systemctl --root="$root" is-enabled --quiet systemd-pstore.service ||
	fail "systemd-pstore.service is not enabled in the image"
release=$(dpkg-deb -f "$deb" Package | sed 's/^linux-image-//')
kernel=$state/vmlinuz
cp "$root/boot/vmlinuz-$release" "$kernel" || fail "the package installed no /boot/vmlinuz-$release"
[ -d "$root/lib/modules/$release" ] || fail "the package installed no /lib/modules/$release"
img=$state/root.img
mke2fs -q -t ext4 -L root -d "$root" "$img" 2G || fail "mke2fs -d"
rm -rf "$root"
tick "disk image ($(du -m "$img" | cut -f1) MiB used)"

# What every boot of the image saves to /host: the state of the system once
# it has started, the units, pstore and both collectors' directories.
survey='
st=$(systemctl is-system-running --wait); echo "$st" > /host/system
systemd-analyze time > /host/analyze 2>&1
systemctl --failed --no-legend --plain > /host/failed
systemctl show -p Result -p ExecMainStatus pstore-collect.service > /host/collect
systemctl show -p ConditionResult -p ConditionTimestampMonotonic systemd-pstore.service > /host/sd-pstore
journalctl -b -o cat -u pstore-collect.service > /host/journal
ls -A /sys/fs/pstore > /host/pstore
# efivarfs lists the variables it saw when mounted: mount it again
ev=/sys/firmware/efi/efivars
umount $ev && mount -t efivarfs efivarfs $ev && ls -A $ev > /host/efivars
find /var/lib/systemd/pstore -mindepth 1 > /host/sd-pstore-dir 2>/dev/null
ls -A /var/lib/pstore-collect > /host/archive
ls -A /var/lib/pstore-collect/dmesg-* > /host/crashfiles 2>/dev/null
cat /sys/module/pstore/parameters/backend > /host/backends
lastgasp status > /host/status; echo $? > /host/status.rc
'
vm=(--efi --rootfs "$img" --kernel "$kernel" --mem 512 --timeout 900)
# keep N: the survey files of boot N
keep() { local f; for f in system analyze failed collect sd-pstore journal pstore efivars sd-pstore-dir archive crashfiles backends status status.rc; do
	mv "$state/$f" "$state/$f.$1" 2>/dev/null || fail "boot $1 wrote no /host/$f"; done; }
show() { echo "--- boot $1: $(head -1 "$state/analyze.$1")"; }

# healthy N: boot N reached "running" with no failed unit, pstore-collect
# succeeded, nothing is left in pstore, in the EFI store or in
# systemd-pstore's directory, and lastgasp status says a panic would be
# saved in both backends.
healthy() {
	local n=$1
	[ "$(cat "$state/system.$n")" = running ] || fail "boot $n: system $(cat "$state/system.$n"): $(cat "$state/failed.$n")"
	[ ! -s "$state/failed.$n" ] || fail "boot $n: failed units: $(cat "$state/failed.$n")"
	grep -qx 'Result=success' "$state/collect.$n" ||
		fail "boot $n: pstore-collect.service: $(tr '\n' ' ' < "$state/collect.$n")"
	[ ! -s "$state/pstore.$n" ] || fail "boot $n: left in /sys/fs/pstore: $(cat "$state/pstore.$n")"
	! grep -q '^dump-type' "$state/efivars.$n" ||
		fail "boot $n: EFI crash variables left: $(grep -c '^dump-type' "$state/efivars.$n")"
	[ ! -s "$state/sd-pstore-dir.$n" ] ||
		fail "boot $n: systemd-pstore took records: $(cat "$state/sd-pstore-dir.$n")"
	[ "$(cat "$state/status.rc.$n")" = 0 ] && grep -q "saved in 2 backends (ramoops, efi_pstore)" "$state/status.$n" ||
		{ cat "$state/status.$n"; fail "boot $n: lastgasp status exited $(cat "$state/status.rc.$n") or lacks ramoops and efi_pstore"; }
}

# 3. Boot 1: first boot of the fresh image, then a panic.
boot 100 "${vm[@]}" <<G
$survey
echo c > /proc/sysrq-trigger
G
tick "boot 1 (first boot, panic)"
keep 1; show 1
healthy 1
console_has 1 'Kernel panic - not syncing: sysrq triggered crash'
console_has 1 'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok .*efi_pstore ok'

# 4. Boot 2: pstore-collect archives the crash, before systemd-pstore:
#    every record archived and removed, the EFI variables freed (healthy).
boot 0 "${vm[@]}" <<G
$survey
G
tick "boot 2 (collect)"
keep 2; show 2
healthy 2
grep -qx 'ExecMainStatus=0' "$state/collect.2" || fail "boot 2: pstore-collect: $(tr '\n' ' ' < "$state/collect.2")"
summary='^/var/lib/pstore-collect/dmesg-[0-9a-f]{16}: Panic .*sysrq triggered crash'
[ "$(grep -Ec "$summary" "$state/journal.2")" = 1 ] ||
	{ cat "$state/journal.2"; fail "boot 2: the journal lacks pstore-collect's one summary line of the panic"; }
grep -E "$summary" "$state/journal.2"
# systemd-pstore ran after it and found nothing: no copy, nothing taken
grep -qx 'ConditionResult=no' "$state/sd-pstore.2" && ! grep -qx 'ConditionTimestampMonotonic=0' "$state/sd-pstore.2" ||
	fail "boot 2: systemd-pstore.service did not run or found records ($(tr '\n' ' ' < "$state/sd-pstore.2"))"
# one panic in two backends is one crash, with the records of both
crashes2=$(grep -c '^dmesg-' "$state/archive.2" || true)
[ "$crashes2" = 1 ] || fail "boot 2: $crashes2 crashes in the archive, expected 1: $(tr '\n' ' ' < "$state/archive.2")"
grep -q '^dmesg-ramoops-' "$state/crashfiles.2" && grep -q '^dmesg-efi_pstore-' "$state/crashfiles.2" ||
	fail "boot 2: the archive lacks the RAM or the EFI records: $(tr '\n' ' ' < "$state/crashfiles.2")"

# 5. Boot 3: boot 2 shut down cleanly; no crash is archived, no unit fails.
boot 0 "${vm[@]}" <<G
$survey
G
tick "boot 3 (no crash)"
keep 3; show 3
healthy 3
[ "$(grep -c '^dmesg-' "$state/archive.3" || true)" = "$crashes2" ] ||
	fail "boot 3: a crash appeared without a crash: $(cat "$state/archive.3")"
! grep -Eq "$summary" "$state/journal.3" || fail "boot 3: pstore-collect reported a panic"
echo PASS
