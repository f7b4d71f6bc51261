# Helpers for the VM scenario tests (sourced). Each scenario is a sequence
# of boots of tools/vm sharing one state directory.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VM=$top/tools/vm
state=$(mktemp -d /tmp/lastgasp-test.XXXXXX)
gs_dir=$(mktemp -d /tmp/lastgasp-scripts.XXXXXX)
trap 'rm -rf "$state" "$gs_dir"' EXIT
boot_no=0

fail() { echo "FAIL: $*" >&2; exit 1; }

# boot EXPECTED_STATUS [tools/vm options...] <<'SCRIPT' ... SCRIPT
# Boots once with the guest script read from stdin; fails the test unless
# tools/vm exits with EXPECTED_STATUS. The console stays in $state/boot<N>.log.
boot() {
	local want=$1 rc
	shift
	boot_no=$((boot_no + 1))
	cat > "$gs_dir/boot$boot_no.sh"
	echo "=== boot $boot_no (expect status $want): tools/vm $*"
	set +e
	"$VM" --state "$state" --quiet "$@" "$gs_dir/boot$boot_no.sh"
	rc=$?
	set -e
	cp "$state/console.log" "$state/boot$boot_no.log"
	if [ "$rc" != "$want" ]; then
		echo "--- console of boot $boot_no:"
		tail -60 "$state/boot$boot_no.log"
		fail "boot $boot_no: tools/vm exited $rc, expected $want"
	fi
}

# console_has N REGEX: boot N's console matched REGEX.
console_has() {
	grep -Eq "$2" "$state/boot$1.log" || fail "boot $1 console lacks /$2/"
}

# Bytes of the guest's physical memory, read from the RAM backing file.
# phys_read ADDR LEN > file
phys_read() {
	dd if="$state/ram.img" bs=4096 iflag=skip_bytes,count_bytes \
		skip=$(($1)) count=$(($2)) status=none
}

# phys_write ADDR < bytes: overwrite guest physical memory between boots.
phys_write() {
	dd of="$state/ram.img" bs=1 seek=$(($1)) conv=notrunc status=none
}

# The ramoops region of tools/vm's defaults (1 MiB at offset 0x8000000 of
# ram.img, records of 0x20000, console 0x40000, pmsg 0x20000, and the
# ramoops.ftrace_size default of 0x1000), decoded on the host with the same
# format code the kernel runs. On arm64 (LASTGASP_ARCH=arm64) it is the
# device tree's ramoops@4c000000 (RAM starting at 0x40000000), which has no
# ftrace-size: no ftrace zone.
# RAMOOPS_ECC_ON: tools/vm options that turn ramoops' ECC on (16 parity
# bytes per block; decode --ecc 1): the module parameter on x86, the node's
# ecc-size on arm64 (ramoops.ecc= does not apply to a device-tree region).
RAMOOPS_BASE=$((0x8000000)) RAMOOPS_FTRACE=0x1000
RAMOOPS_ECC_ON=(--append ramoops.ecc=1)
if [ "${LASTGASP_ARCH:-x86}" = arm64 ]; then
	RAMOOPS_BASE=$((0xc000000)) RAMOOPS_FTRACE=0
	RAMOOPS_ECC_ON=(--dt-ramoops 'ecc-size = <16>;')
fi
# LGTEST_APPEND: the lgtest backend on tools/vm's second reserved 1 MiB
# (x86: memmap= at 0x8200000; arm64: the device tree's no-map
# lgtest@4c200000).
LGTEST_ADDR=0x8200000
[ "${LASTGASP_ARCH:-x86}" != arm64 ] || LGTEST_ADDR=0x4c200000
LGTEST_APPEND="lgtest.mem_address=$LGTEST_ADDR lgtest.mem_size=0x100000"
DECODE=$top/build/bin/ramoops-decode
decode() {
	"$DECODE" --offset $RAMOOPS_BASE --size 0x100000 --record-size 0x20000 \
		--console-size 0x40000 --pmsg-size 0x20000 \
		--ftrace-size $RAMOOPS_FTRACE "$@" "$state/ram.img"
}

# zones: "NAME INDEX OFFSET ZONE_SIZE DATA_OFFSET USED_BYTES" per zone.
zones() { decode --layout "$@"; }

# first_used_zone [decode options]: sets zone, zone_data (guest physical
# address of the zone's data) and zone_used for the first dmesg zone that
# holds a record.
first_used_zone() {
	local line
	line=$(zones "$@" | awk '$1 == "dmesg" && $6 > 0 { print $2, $5, $6; exit }')
	[ -n "$line" ] || fail "no dmesg zone holds a record"
	read -r zone zone_data zone_used <<<"$line"
	zone_data=$((RAMOOPS_BASE + zone_data))
}

# flip ADDR COUNT: invert COUNT bytes of guest memory at ADDR.
flip() {
	local addr=$1 n=$2 bytes
	bytes=$(phys_read "$addr" "$n" | od -An -v -tu1)
	for b in $bytes; do printf "\\$(printf %03o $((b ^ 0xff)))"; done | phys_write "$addr"
}

# Cross-kernel record checks (06-compat-upstream, arm64/stock-interop): one
# kernel panics with a marker in each record, another reads the records.
# (Feed them to boot with "boot ... < <(writer_script m)": a pipe would run
# boot in a subshell and lose boot_no.)
# writer_script MARKER [dmesg-only]: guest script that writes MARKER-console-42
# to the kernel log ("42" computed in the guest, so the script's own text on
# the console never matches) and, unless dmesg-only, MARKER-pmsg to pmsg, then
# panics through sysrq.
writer_script() {
	echo "echo \"$1-console-\$((6*7))\" > /dev/kmsg"
	[ "${2:-}" = dmesg-only ] || echo "echo \"$1-pmsg\" > /dev/pmsg0"
	echo "echo c > /proc/sysrq-trigger"
}

# reader_script MARKER [dmesg-only] [no-sysrq]: guest script that checks what
# writer_script left: the dmesg record holds the panic, sysrq_handle_crash
# (unless no-sysrq: a writer whose backtrace names its neighbour) and the
# console marker; unless dmesg-only, the console and pmsg records hold theirs;
# no record, and no pstore or ramoops line of the reading kernel's log,
# reports damage (lastgasp also counts records it could not show or
# decompress). Prints scenario-ok.
reader_script() {
	local m=$1 dmesg_only= no_sysrq=
	shift
	case " $* " in *" dmesg-only "*) dmesg_only=1 ;; esac
	case " $* " in *" no-sysrq "*) no_sysrq=1 ;; esac
	echo "set -e; cd /sys/fs/pstore; ls -l"
	echo "grep -q 'Kernel panic - not syncing' dmesg-ramoops-0"
	echo "grep -q '$m-console-42' dmesg-ramoops-0"
	[ -n "$no_sysrq" ] || echo "grep -q sysrq_handle_crash dmesg-ramoops-0"
	[ -n "$dmesg_only" ] || {
		echo "grep -q '$m-console-42' console-ramoops-0"
		echo "grep -q '$m-pmsg' pmsg-ramoops-0"
	}
	cat <<'G'
if grep -qi corrupt *-ramoops-*; then echo "a record reported corrupt"; exit 1; fi
if dmesg | grep -i 'ramoops\|pstore' | grep -Eqi 'corrupt|uncorrectable|decompress|inflate|[1-9][0-9]* (could not be shown|left compressed)'; then
	echo "the reading kernel's log reports damage:"; dmesg | grep -i 'ramoops\|pstore'; exit 1
fi
dmesg | grep -i 'ramoops\|pstore' || true
echo "scenario-ok"
G
}
