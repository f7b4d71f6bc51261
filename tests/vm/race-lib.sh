# The panic path's race cases (sourced by tests/vm/3[4-8]-race-*.sh and by
# tests/vm/race-stress). Each case boots once with the lgrace triggers, two
# backends (ramoops, lgtest) and lgrace's own backend, with or without a
# crash kernel loaded, and checks:
#   - the dump was saved exactly once: one stage-1 report, one dmesg record
#     in the RAM region (read on the host);
#   - with a crash kernel: the capture kernel booted, its vmcore log holds
#     the report and a verified crash kernel, and no notifier ran before;
#   - without one: the panic notifiers ran.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# lgtest on tools/vm's second reserved 1 MiB (lib.sh's LGTEST_APPEND);
# RACE_EXTRA_APPEND adds kernel arguments to every case, RACE_EXTRA_OPTS
# tools/vm options; RACE_KDUMP (default "0 1") says without and/or with a
# crash kernel.
RACE_APPEND="lgrace.backend=1 $LGTEST_APPEND ${RACE_EXTRA_APPEND:-}"

# race_args CASE / race_opts CASE: kernel arguments and tools/vm options a
# case needs besides the common ones
race_args() {
	case "$1" in
	nmi) echo "unknown_nmi_panic" ;;
	oops-in-dumper) echo "lgrace.dumper=1" ;;
	esac
}
race_opts() {
	case "$1" in
	all) echo "--smp 4" ;;
	esac
}

# race_case CASE KDUMP(0|1): one run; returns non-zero with a reason on
# stderr if a check fails.
race_case() {
	local name=$1 kd=$2 want=100 log vd n rec
	rm -rf "${state:?}"/* "$state"/.vm-* 2>/dev/null || true
	local opts=(--mem 512 --append "$RACE_APPEND $(race_args "$name")" $(race_opts "$name")
		    ${RACE_EXTRA_OPTS:-})
	if [ "$kd" = 1 ]; then
		opts+=(--kdump)
		want=104
	fi
	boot_no=0
	( boot "$want" "${opts[@]}" <<G
echo "$name" > /sys/kernel/debug/lgrace/trigger
sleep 5
echo "lgrace trigger $name did not panic"
exit 1
G
	) || return 1
	log=$state/boot1.log
	# With a crash kernel, what the panic printed from NMI context may
	# never reach the console before the jump: the vmcore log has it all.
	vd=$state/vmcore-dmesg.txt
	[ "$kd" = 1 ] && log=$vd
	[ -f "$log" ] || { echo "race $name kdump=$kd: no $log" >&2; return 1; }
	n=$(grep -c 'lastgasp: stage 1: log dumped' "$log" || true)
	[ "$n" = 1 ] || { echo "race $name kdump=$kd: $n stage-1 reports, want 1" >&2; return 1; }
	n=$(grep -c 'lastgasp: stage 1: log dumped' "$state/boot1.log" || true)
	[ "$n" -le 1 ] || { echo "race $name kdump=$kd: $n stage-1 reports on the console" >&2; return 1; }
	rec=$(zones | awk '$1 == "dmesg" && $6 > 0' | wc -l)
	[ "$rec" = 1 ] || { echo "race $name kdump=$kd: $rec dmesg records in RAM, want 1" >&2; return 1; }
	grep -Eq 'lastgasp: stage 1: log dumped in [0-9]+ us: ramoops ok .*lgtest ok' "$log" ||
		{ echo "race $name kdump=$kd: ramoops or lgtest did not store the dump" >&2; return 1; }
	if [ "$kd" = 1 ]; then
		grep -q 'lastgasp: stage 2: crash kernel verified' "$vd" ||
			{ echo "race $name kdump=1: no verified crash kernel in the vmcore log" >&2; return 1; }
		! grep -q 'lgrace: panic notifier ran' "$vd" ||
			{ echo "race $name kdump=1: a notifier ran before kdump" >&2; return 1; }
	else
		grep -q 'lgrace: panic notifier ran' "$log" ||
			{ echo "race $name kdump=0: the panic notifiers did not run" >&2; return 1; }
	fi
	case "$name" in
	oops-in-dump)
		grep -Eq 'stage 1: log dumped .*ramoops ok .*lgrace oopsed, lgtest ok' "$log" ||
			{ echo "race $name: no 'lgrace oopsed' between two stored backends" >&2; return 1; } ;;
	oops-in-dumper)
		n=$(grep -c 'lgrace: oopsing in the kmsg dumper' "$state/boot1.log" || true)
		[ "$n" = 1 ] || { echo "race $name kdump=$kd: the oopsing dumper ran $n times, want 1" >&2; return 1; }
		grep -Eq 'stage 1: log dumped .*lgrace_kmsg_dump oopsed' "$log" ||
			{ echo "race $name kdump=$kd: the stage-1 report does not name the dumper that oopsed" >&2; return 1; } ;;
	lock-self|lock-other)
		[ "$kd" = 0 ] || grep -q 'kexec lock is held by a stopped context' "$log" ||
			{ echo "race $name: the held kexec lock was not reported" >&2; return 1; } ;;
	esac
	grep -E 'lastgasp: stage' "$log" | sed "s/^/    [$name kdump=$kd] /"
	return 0
}

# race_cases CASE...: each with and without a crash kernel; fails if any does.
race_cases() {
	local c kd bad=0
	for c in "$@"; do
		for kd in ${RACE_KDUMP:-0 1}; do
			if race_case "$c" "$kd"; then
				echo "ok   race $c kdump=$kd"
			else
				echo "FAIL race $c kdump=$kd"
				bad=1
			fi
		done
	done
	[ $bad = 0 ] || fail "race cases failed"
	echo PASS
}
