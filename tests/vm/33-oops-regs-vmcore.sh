#!/usr/bin/env bash
# The registers of an oops reach the vmcore. An oops that ends in kdump
# (oops=panic) goes through panic() first for the dump; the crashing CPU's
# NT_PRSTATUS note must still hold the faulting registers, not panic()'s:
# its instruction pointer lies in the function that faulted
# (lkdtm_EXCEPTION, LKDTM's NULL write), located with System.map and the
# KASLR offset from the vmcore's VMCOREINFO. The capture kernel leaves the
# start of /proc/vmcore in the state directory (tools/vm --kdump);
# tests/vm/progs/vmcore-prstatus.c reads its notes.
. "$(dirname "$0")/lib.sh"
reader=$gs_dir/vmcore-prstatus
cc -O2 -Wall -Wextra -Werror -o "$reader" "$top/tests/vm/progs/vmcore-prstatus.c" ||
	fail "cannot build vmcore-prstatus"
map=$top/build/obj/System.map
[ -f "$map" ] || fail "no $map (make kernel)"

boot 104 --kdump --append "oops=panic" <<'G'
echo EXCEPTION > /sys/kernel/debug/provoke-crash/DIRECT
G
console_has 1 'lastgasp: stage 2: starting the crash kernel'
[ -s "$state/vmcore-head" ] || fail "the capture kernel left no vmcore-head"
"$reader" "$state/vmcore-head" > "$state/notes.txt" || fail "cannot read the vmcore's notes"
cat "$state/notes.txt"
off=$(awk '$1 == "kerneloffset" { print $2 }' "$state/notes.txt")
off=$((${off:-0}))
read -r start end < <(sort "$map" | awk '
	found && $1 != s { print s, $1; exit }
	$3 == "lkdtm_EXCEPTION" { s = $1; found = 1 }')
[ -n "${start:-}" ] && [ -n "${end:-}" ] || fail "lkdtm_EXCEPTION not in System.map"
lo=$((0x$start + off)) hi=$((0x$end + off))
printf 'lkdtm_EXCEPTION at 0x%x-0x%x\n' $lo $hi
hit=0
while read -r _ n _ pid _ rip _; do
	r=$((rip))
	if [ $r -ge $lo ] && [ $r -lt $hi ]; then
		echo "ok: CPU note $n (pid $pid) stopped at $rip, in lkdtm_EXCEPTION"
		hit=1
	fi
done < <(grep '^prstatus ' "$state/notes.txt")
[ $hit = 1 ] || fail "no CPU's registers in the vmcore point into lkdtm_EXCEPTION: the oops registers were lost"
echo PASS
