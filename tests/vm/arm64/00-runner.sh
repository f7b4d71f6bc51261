#!/usr/bin/env bash
# tools/vm --arch arm64 itself (make check-arm64): the script's status, a
# panic, a WARN each give the status they give on x86, /host persists, the
# device tree carries the two persistent-RAM regions (--dt-ramoops adds to
# the ramoops node), and --flash gives the
# guest the virt machine's pflash unit 1 as mtd0 (two x16 chips, 256 KiB
# erase blocks) whose image is kept in DIR.
export LASTGASP_ARCH=arm64
. "$(dirname "$0")/../lib.sh"

boot 7 <<'G'
echo kept > /host/note
exit 7
G
boot 0 --dt-ramoops 'ecc-size = <16>; record-size = <0x10000>;' <<'G'
set -e
[ "$(cat /host/note)" = kept ]
uname -m | grep -qx aarch64
d=/proc/device-tree/reserved-memory
[ "$(cat $d/ramoops@4c000000/compatible)" = ramoops ]
[ -e $d/lgtest@4c200000/no-map ]
ls /sys/bus/platform/drivers/ramoops | grep -q '^4c000000\.ramoops$'
# --dt-ramoops: a property added, one replaced
[ "$(od -An -tx1 $d/ramoops@4c000000/ecc-size | tr -d ' ')" = 00000010 ]
[ "$(od -An -tx1 $d/ramoops@4c000000/record-size | tr -d ' ')" = 00010000 ]
dmesg | grep -q 'ramoops: using .* dmesg zones of 0x10000 .*ecc 16'
echo "runner-ok"
G
console_has 2 'runner-ok'
boot 100 <<'G'
echo c > /proc/sysrq-trigger
G
boot 102 <<'G'
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
G
boot 0 --flash 1M <<'G'
set -e
cat /proc/mtd
grep -q '^mtd0: 00100000 00040000 "physmap-flash.0"' /proc/mtd
printf lastgasp-flash-4242 > /dev/mtd0
G
[ "$(stat -c %s "$state/flash.img")" = $((64 << 20)) ] || fail "flash.img is not the 64 MiB unit"
[ "$(head -c 19 "$state/flash.img")" = lastgasp-flash-4242 ] || fail "the guest's write is not in flash.img"
[ "$(tail -c +20 "$state/flash.img" | tr -d '\377' | wc -c)" = 0 ] || fail "flash.img is not erased past the write"
echo true > "$gs_dir/true.sh"
set +e
"$VM" --state "$state" --quiet --flash 100K "$gs_dir/true.sh" 2> "$gs_dir/err1"; rc1=$?
"$VM" --state "$state" --quiet --erst "$gs_dir/true.sh" 2> "$gs_dir/err2"; rc2=$?
set -e
cat "$gs_dir"/err[12]
grep -q 'multiple of 256K' "$gs_dir/err1" || fail "--flash 100K not refused"
grep -q 'x86 only' "$gs_dir/err2" || fail "--erst not refused on arm64"
[ $rc1 = 103 ] && [ $rc2 = 103 ] || fail "bad uses exited $rc1 $rc2, not 103"
set +e
"$VM" --state "$state" --quiet --no-defaults --dt-ramoops 'ecc-size = <16>;' "$gs_dir/true.sh" 2> "$gs_dir/err3"; rc3=$?
set -e
grep -q 'not with --no-defaults' "$gs_dir/err3" && [ $rc3 = 103 ] ||
	fail "--dt-ramoops with --no-defaults not refused ($rc3)"
echo PASS
