#!/usr/bin/env bash
# Bad ramoops parameters are refused with a clear message and never crash:
# a region in System RAM that nobody reserved, a region outside memory, and
# zones that do not fit the region. The boot goes on without ramoops.
. "$(dirname "$0")/lib.sh"

check_refused() {
	local args=$1 why=$2
	boot 0 --no-defaults --append "$args" <<'G'
if ls /sys/fs/pstore | grep -q ramoops; then echo "ramoops registered"; exit 1; fi
dmesg | grep -i ramoops
echo "scenario-ok"
G
	console_has $boot_no 'scenario-ok'
	grep -i 'ramoops' "$state/boot$boot_no.log" | grep -Eiq "$why" ||
		fail "boot $boot_no ($args): no message matching /$why/"
}

# 0x2000000 is ordinary RAM in a 256 MiB guest: not reserved with memmap=
check_refused 'ramoops.mem_address=0x2000000 ramoops.mem_size=0x100000 ramoops.record_size=0x20000' \
	'system ram'
# beyond the end of the guest's memory
check_refused 'ramoops.mem_address=0x40000000 ramoops.mem_size=0x100000 ramoops.record_size=0x20000' \
	'outside|beyond|not.*memory|no memory|system ram'
# zones larger than the region
check_refused 'memmap=1M$0x8000000 ramoops.mem_address=0x8000000 ramoops.mem_size=0x100000 ramoops.record_size=0x20000 ramoops.console_size=0x200000' \
	'fit|too (large|big|small)|exceed'
echo PASS
