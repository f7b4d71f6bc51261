# Helpers for the flash backend's VM tests (tests/vm/6x-flash-*.sh), sourced
# after tests/vm/lib.sh. The guest's data flash is tools/vm --flash (mtd0,
# CFI command set 0001, 4 KiB blocks), kept as $state/flash.img.

PF=$top/build/bin/pstore-flash
[ -x "$PF" ] || fail "$PF missing: make tools"
FLASH_APPEND="pstore_flash.mtddev=0"

# Guest scripts start with ". /flash-funcs.sh".
flash_vm_files() {
	local d=$gs_dir/files
	mkdir -p "$d"
	cat > "$d/flash-funcs.sh" <<'G'
FS=/sys/module/pstore_flash/parameters/status
# fval KEY: the value after KEY in the status line
fval() { head -1 $FS | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'; }
# wait until the oops queue is written and the collector is idle
gc_wait() {
	local i=0
	while [ "$(fval gc)" != idle ] || [ "$(fval queued)" != 0 ]; do
		sleep 0.2
		i=$((i + 1))
		[ $i -lt 900 ] || { echo "flash: collector still busy after 180 s"; return 1; }
	done
}
# "flash-status: <status line>" and the erase counts, for the host
fshow() { echo "flash-status: $(head -1 $FS)"; echo "flash-ec: $(tail -1 $FS)"; }
# parts_in_order WORD: the flash records, in seq order, start "WORD#1 Part1",
# "WORD#1 Part2", ...; prints "flash-files: N"; sets FIRST to Part1's file
parts_in_order() {
	local i=1 f h files
	files=$(ls /sys/fs/pstore | grep '^dmesg-flash-' | sort -t- -k3n)
	echo "flash-files: $(echo "$files" | grep -c .)"
	for f in $files; do
		h=$(head -1 /sys/fs/pstore/$f)
		[ "$h" = "$1#1 Part$i" ] || { echo "$f starts '$h', want '$1#1 Part$i'"; return 1; }
		i=$((i + 1))
	done
	[ $i -gt 1 ] || { echo "no flash records"; return 1; }
	FIRST=/sys/fs/pstore/$(echo "$files" | head -1)
}
G
	export LASTGASP_VM_FILES=$d
}
flash_vm_files

# status_of N KEY: KEY's value in the last flash-status line of boot N
status_of() {
	grep -Eo 'flash-status: [^[:cntrl:]]*' "$state/boot$1.log" | tail -1 |
		awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'
}

# decode [options]: the host tool on the flash image
decode_flash() { "$PF" decode "$@" "$state/flash.img"; }
