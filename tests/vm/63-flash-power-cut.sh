#!/usr/bin/env bash
# Power cut while a panic is being written: QEMU is killed (SIGKILL) a few
# milliseconds after the dump's first program reached flash.img (QEMU
# writes every program through to the file, so the image then holds exactly
# what was programmed). At each cut point the next boot must report every
# torn record as torn (the same ones the host tool finds), show no torn
# record as a file, and show every record of the earlier, complete dump
# byte for byte as before. Prints what each cut left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/flash-lib.sh"

DELAYS=${FLASH_CUT_MS:-"0 1 3 8"}
# The whole log in every dump (up to 64 KiB stored, about a dozen parts),
# so that the write lasts long enough to be cut at several points.
CUT_APPEND="$FLASH_APPEND pstore.kmsg_bytes=65536 pstore_flash.dump_bytes=65536"
head -c $((256 << 10)) /dev/zero | tr '\0' '\377' > "$state/flash.img"
"$PF" format "$state/flash.img" > /dev/null

# A first, complete dump: what must survive every cut.
boot 100 --flash 256K --append "$CUT_APPEND" <<'G'
. /flash-funcs.sh
gc_wait
echo c > /proc/sysrq-trigger
G
mkdir "$state/keep"
decode_flash > "$state/decode0"
for s in $(awk '$1 == "record" && / status ok$/ { print $3 }' "$state/decode0"); do
	"$PF" decode --text "$s" "$state/flash.img" > "$state/keep/$s"
done
nkeep=$(ls "$state/keep" | wc -l)
[ "$nkeep" -ge 2 ] || fail "the first dump has $nkeep records"

# cut_boot MS: boot, panic, kill QEMU MS ms after the dump's first program
# reached flash.img: flash.img newer than the file the guest wrote right
# before the panic (bash's -nt compares mtimes to the nanosecond, without
# spawning a process; kill is a builtin too).
cut_boot() {
	local ms=$1 n vm pid i=0
	boot_no=$((boot_no + 1))
	n=$boot_no
	rm -f "$state/armed"
	cat > "$gs_dir/boot$n.sh" <<'G'
. /flash-funcs.sh
gc_wait
echo armed > /host/armed
echo c > /proc/sysrq-trigger
G
	echo "=== boot $n: panic, power cut $ms ms into the flash write"
	"$VM" --state "$state" --quiet --flash 256K --timeout 300 \
		--append "$CUT_APPEND" "$gs_dir/boot$n.sh" > /dev/null 2>&1 &
	vm=$!
	# QEMU's pid is taken while the guest boots: on a loaded host this
	# loop can wake after the whole dump and QEMU's exit (then the cut
	# comes too late, which the summary says: "dump finished")
	pid=
	until [ -f "$state/armed" ]; do
		kill -0 $vm 2>/dev/null || fail "boot $n ended before the panic"
		[ -n "$pid" ] || pid=$(pgrep -f -- "file=$state/flash.img" || true)
		sleep 0.01
	done
	[ -n "$pid" ] || pid=$(pgrep -f -- "file=$state/flash.img" || true)
	[ -n "$pid" ] || fail "boot $n: no QEMU process found while the guest ran"
	until [ "$state/flash.img" -nt "$state/armed" ]; do
		i=$((i + 1))
		[ $i -lt 2000000 ] || fail "boot $n: the panic never wrote the flash"
	done
	[ "$ms" = 0 ] || sleep "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
	kill -9 $pid 2>/dev/null || true
	wait $vm || true
	cp "$state/console.log" "$state/boot$n.log"
}

# highest record seq in a decode
maxseq() { awk '$1 == "record" && $2 == "seq" && $3 > m { m = $3 } END { print m + 0 }' "$1"; }
prev=$(maxseq "$state/decode0")
: > "$state/torn-before"
summary=""
incomplete=0
for ms in $DELAYS; do
	cut_boot "$ms"
	decode_flash > "$state/decode-$ms" || true
	# torn records as the host sees them: "block off"
	awk '$1 == "record" && /status torn/ {
		for (i = 1; i < NF; i++) { if ($i == "block") b = $(i + 1); if ($i == "off") o = $(i + 1) }
		print b, o }' "$state/decode-$ms" | sort > "$state/torn-host"
	boot 0 --flash 256K --append "$CUT_APPEND" <<'G'
set -e
. /flash-funcs.sh
for f in $(ls /sys/fs/pstore | grep '^dmesg-flash-' | sort -t- -k3n); do
	echo "flash-file: ${f#dmesg-flash-} $(head -1 /sys/fs/pstore/$f)"
	head -1 /sys/fs/pstore/$f | grep -Eq '^Panic#1 Part[0-9]+$'
	cp /sys/fs/pstore/$f /host/
done
gc_wait
echo "scenario-ok"
G
	n=$boot_no
	console_has $n 'scenario-ok'
	{ grep -Eo 'pstore_flash: block [0-9]+ offset [0-9]+: record [0-9]+ torn' "$state/boot$n.log" || true; } |
		awk '{ print $3, $5 }' | sed 's/:$//' | sort > "$state/torn-kernel"
	diff "$state/torn-host" "$state/torn-kernel" > /dev/null ||
		fail "cut $ms ms: torn records host '$(cat "$state/torn-host" | tr '\n' ';')' kernel '$(cat "$state/torn-kernel" | tr '\n' ';')'"
	# the complete first dump, byte for byte, on the host and in the guest
	for s in $(ls "$state/keep"); do
		"$PF" decode --text "$s" "$state/flash.img" | cmp -s - "$state/keep/$s" ||
			fail "cut $ms ms: record $s of the first dump changed"
		[ -f "$state/dmesg-flash-$s" ] || fail "cut $ms ms: record $s not shown by the kernel"
		rm -f "$state/dmesg-flash-$s"
	done
	# what the cut dump left: records whose seq is above the first dump's
	new_ok=$(awk -v k="$prev" '$1 == "record" && $2 == "seq" && $3 > k && / status ok$/' "$state/decode-$ms" | wc -l)
	# torn records this cut added, with their kind
	comm -13 "$state/torn-before" "$state/torn-host" > "$state/torn-new"
	torn=$(wc -l < "$state/torn-new")
	what="cut at $ms ms: $new_ok new records complete, $torn torn"
	while read -r b o; do
		what="$what; block $b offset $o: $(awk -v b="$b" -v o="$o" '$1 == "record" {
			for (i = 1; i < NF; i++) { if ($i == "block") bb = $(i + 1); if ($i == "off") oo = $(i + 1) }
			if (bb == b && oo == o) { sub(/.*status /, ""); print; exit } }' "$state/decode-$ms")"
	done < "$state/torn-new"
	cp "$state/torn-host" "$state/torn-before"
	prev=$(maxseq "$state/decode-$ms")
	# the dump finished if the panic got to its stage-1 line
	if grep -q 'stage 1: .*flash ok' "$state/boot$((n - 1)).log"; then
		what="$what, dump finished before the cut"
	else
		what="$what, cut inside the dump"
		incomplete=$((incomplete + 1))
	fi
	echo "$what"
	summary="$summary$what"$'\n'
	rm -f "$state"/dmesg-flash-*
done
echo "--- power cuts:"
printf '%s' "$summary"
# The cuts must have hit the write at least once, or nothing was tested.
[ $incomplete -ge 1 ] || fail "no cut landed inside the dump"
echo PASS
