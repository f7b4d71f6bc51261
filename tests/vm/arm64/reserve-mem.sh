#!/usr/bin/env bash
# arm64: persistent RAM from reserve_mem= instead of the device tree (the
# address is the kernel's choice, the same on every boot of one kernel):
# a panic is found in ramoops after the reboot.
export LASTGASP_ARCH=arm64
. "$(dirname "$0")/../lib.sh"
ARGS='reserve_mem=1M:4096:oops ramoops.mem_name=oops ramoops.record_size=0x20000 ramoops.console_size=0x40000 ramoops.pmsg_size=0x20000'

boot 100 --no-defaults --append "$ARGS" <<'G'
echo "lastgasp-reserve-mem-marker" > /dev/kmsg
echo c > /proc/sysrq-trigger
G
console_has 1 'lastgasp: stage 1: log dumped in [0-9]+ us: .*ramoops ok'
boot 0 --no-defaults --append "$ARGS" <<'G'
set -e
ls -l /sys/fs/pstore
grep -q 'Kernel panic - not syncing' /sys/fs/pstore/dmesg-ramoops-0
grep -q 'lastgasp-reserve-mem-marker' /sys/fs/pstore/dmesg-ramoops-0
grep -q 'lastgasp-reserve-mem-marker' /sys/fs/pstore/console-ramoops-0
[ ! -e /proc/device-tree/reserved-memory/ramoops@4c000000 ]
echo "scenario-ok"
G
console_has 2 'scenario-ok'
grep -Eo 'reserve_mem[^[:cntrl:]]*|ramoops: [^[:cntrl:]]*' "$state/boot2.log" | head -5
echo PASS
