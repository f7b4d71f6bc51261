// SPDX-License-Identifier: GPL-2.0-only
/* Crash analysis of a kernel log: kind, facts, call trace, signature. */
#include "analyze.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *p; /* after timestamp / level / caller prefixes */
	size_t len;
};

/* "<4>", "[   12.345678]", "[    T123]", "[  C1]" in any combination. */
static const char *strip_prefix(const char *p, const char *end)
{
	for (;;) {
		const char *q = p;

		if (q < end && *q == '<') {
			q++;
			while (q < end && isdigit((unsigned char)*q))
				q++;
			if (q < end && *q == '>' && q > p + 1) {
				p = q + 1;
				continue;
			}
			return p;
		}
		if (q < end && *q == '[') {
			bool digit = false;

			q++;
			while (q < end && *q == ' ')
				q++;
			if (q < end && (*q == 'T' || *q == 'C'))
				q++;
			while (q < end && (isdigit((unsigned char)*q) || *q == '.'))
				q++, digit = true;
			if (digit && q < end && *q == ']') {
				p = q + 1;
				if (p < end && *p == ' ')
					p++;
				continue;
			}
		}
		return p;
	}
}

static bool starts(const struct line *l, const char *s)
{
	size_t n = strlen(s);

	return l->len >= n && memcmp(l->p, s, n) == 0;
}

static const char *find(const struct line *l, const char *s)
{
	return memmem(l->p, l->len, s, strlen(s));
}

enum start { NONE, PRIMARY, SECONDARY };

/* Is this line the first line of a crash report, and of what kind? */
static enum start classify(const struct line *l, const char **kind)
{
	static const struct {
		const char *pat;
		bool anywhere;
		enum start s;
		const char *kind;
	} t[] = {
		{ "BUG: kernel NULL pointer dereference", false, PRIMARY, "null-deref" },
		{ "BUG: unable to handle kernel NULL pointer dereference", false, PRIMARY, "null-deref" },
		{ "Unable to handle kernel NULL pointer dereference", false, PRIMARY, "null-deref" },
		{ "BUG: unable to handle page fault", false, PRIMARY, "page-fault" },
		{ "BUG: unable to handle kernel paging request", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel paging request", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel execute from non-executable memory", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel read from unreadable memory", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel write to read-only memory", false, PRIMARY, "page-fault" },
		{ "kernel BUG at ", false, PRIMARY, "bug" },
		{ "WARNING: CPU: ", false, PRIMARY, "warn" },
		{ "BUG: soft lockup - CPU#", true, PRIMARY, "soft-lockup" },
		{ "Watchdog detected hard LOCKUP on cpu", true, PRIMARY, "hard-lockup" },
		{ "self-detected stall on CPU", true, PRIMARY, "rcu-stall" },
		{ "detected stalls on CPUs/tasks", true, PRIMARY, "rcu-stall" },
		{ "NMI received for unknown reason", true, PRIMARY, "nmi" },
		{ "NMI: PCI system error", false, PRIMARY, "nmi" },
		{ "NMI: IOCK error", false, PRIMARY, "nmi" },
		{ "Kernel BUG at ", false, PRIMARY, "bug" },
		{ "SError Interrupt on CPU", false, PRIMARY, "serror" },
		{ "general protection fault", false, SECONDARY, "gpf" },
		{ "Oops: general protection fault", false, SECONDARY, "gpf" },
		{ "invalid opcode: ", false, SECONDARY, "bug" },
		{ "Oops: invalid opcode", false, SECONDARY, "bug" },
		{ "Internal error: Oops - BUG", false, SECONDARY, "bug" },
		{ "Internal error: ", false, SECONDARY, "oops" },
		{ "Oops: ", false, SECONDARY, "oops" },
		{ "Oops[#", false, SECONDARY, "oops" },
		{ "BUG: ", false, PRIMARY, "bug" },
	};

	if (starts(l, "INFO: task ") && find(l, " blocked for more than ")) {
		*kind = "hung-task";
		return PRIMARY;
	}
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].anywhere ? find(l, t[i].pat) != NULL : starts(l, t[i].pat)) {
			*kind = t[i].kind;
			return t[i].s;
		}
	return NONE;
}

static bool is_trace_start(const struct line *l)
{
	return starts(l, "Call Trace:") || starts(l, "Call trace:");
}

size_t pc_frame_name(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, n = 0;

	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '$'))
		i++;
	if (i == 0 || i + 3 > len || memcmp(s + i, "+0x", 3) != 0)
		return 0;
	/* compiler clones: .isra.0, .constprop.0, .part.0, .cold, .llvm.N */
	while (n < i && s[n] != '.')
		n++;
	if (n == 0 || n >= outsz || (n >= 2 && s[0] == '0' && s[1] == 'x'))
		return 0;
	memcpy(out, s, n);
	out[n] = 0;
	return n;
}

bool pc_frame_generic(const char *fn)
{
	static const char *const exact[] = {
		"dump_stack", "dump_stack_lvl", "show_stack", "show_trace_log_lvl",
		"dump_backtrace", "panic", "vpanic", "nmi_panic", "__warn",
		"warn_slowpath_fmt", "warn_slowpath_null", "__warn_printk",
		"check_panic_on_warn", "report_bug", "handle_bug", "exc_invalid_op",
		"do_trap", "do_error_trap", "do_invalid_op", "invalid_op", "die",
		"oops_end", "__die", "__die_body", "die_kernel_fault",
		"page_fault_oops", "kernelmode_fixup_or_oops", "no_context",
		"__bad_area_nosemaphore", "bad_area_nosemaphore", "do_user_addr_fault",
		"exc_page_fault", "page_fault", "exc_general_protection",
		"general_protection", "do_general_protection", "do_kernel_fault",
		"__do_kernel_fault", "do_page_fault", "do_translation_fault",
		"do_mem_abort", "do_bad_area", "el1_abort", "el1h_64_sync_handler",
		"el1h_64_sync", "el1_sync_handler", "el1_sync", "el1_da", "el1_ia",
		"el1_dbg", "el1_interrupt", "el1h_64_irq_handler", "el1h_64_irq",
		"bug_handler", "bug_brk_handler", "brk_handler", "call_break_hook",
		"do_debug_exception", "arm64_notify_die", "do_el1_brk64",
		"watchdog_timer_fn", "watchdog_overflow_callback",
		"watchdog_hardlockup_check", "watchdog_check_hardlockup",
		"__hrtimer_run_queues", "hrtimer_interrupt", "__sysvec_apic_timer_interrupt",
		"sysvec_apic_timer_interrupt", "apic_timer_interrupt",
		"smp_apic_timer_interrupt", "arch_timer_handler_phys", "handle_percpu_devid_irq",
		"generic_handle_domain_irq", "gic_handle_irq", "call_on_irq_stack",
		"do_interrupt_handler", "__irq_exit_rcu", "irq_exit_rcu", "__do_softirq",
		"handle_softirqs", "nmi_cpu_backtrace", "nmi_trigger_cpumask_backtrace",
		"arch_trigger_cpumask_backtrace", "check_hung_uninterruptible_tasks",
		"check_hung_task", "watchdog", "kthread", "ret_from_fork",
		"ret_from_fork_asm", "do_syscall_64", "x64_sys_call", "el0_svc",
		"el0_svc_common", "do_el0_svc", "el0t_64_sync_handler", "el0t_64_sync",
		"invoke_syscall", "context_switch", "__switch_to", "cpu_switch_to",
		"do_wait_for_common", "__wait_for_common", "crash_kexec",
		"__crash_kexec", "machine_kexec", "default_do_nmi", "exc_nmi",
		"nmi_handle", "unknown_nmi_error", "io_check_error", "pci_serr_error",
		"perf_event_nmi_handler", "__perf_event_overflow", "perf_event_overflow",
		"handle_pmi_common", "intel_pmu_handle_irq", "amd_pmu_handle_irq",
		"rcu_dump_cpu_stacks", "print_cpu_stall", "check_cpu_stall",
		"rcu_pending", "rcu_sched_clock_irq", "update_process_times",
		"tick_sched_handle", "tick_sched_timer", "tick_nohz_handler",
	};
	static const char *const prefix[] = {
		"asm_", "entry_", "_raw_spin_", "_raw_read_", "_raw_write_",
		"queued_spin_lock", "native_queued_spin", "do_raw_spin",
		"__mutex_lock", "mutex_lock", "rwsem_down_", "down_read", "down_write",
		"schedule", "__schedule", "io_schedule", "wait_for_completion",
		"__switch_to", "__pv_queued_spin",
	};

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(fn, exact[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++)
		if (strncmp(fn, prefix[i], strlen(prefix[i])) == 0)
			return true;
	return false;
}

static void copy_line(char *dst, size_t sz, const struct line *l)
{
	size_t n = l->len < sz - 1 ? l->len : sz - 1;

	memcpy(dst, l->p, n);
	dst[n] = 0;
	while (n && (dst[n - 1] == ' ' || dst[n - 1] == '\r'))
		dst[--n] = 0;
}

/* "Not tainted 6.1.0 #1" or "Tainted: G  D W  6.1.0-18-amd64 #1 Debian": flags, version. */
static void parse_taint(char *rest, char **save, struct pc_analysis *a)
{
	bool taint_mode = false;
	char *tok;

	a->taint[0] = 0;
	for (tok = strtok_r(rest, " ", save); tok; tok = strtok_r(NULL, " ", save)) {
		if (strcmp(tok, "Not") == 0)
			continue;
		if (strcmp(tok, "tainted") == 0) {
			a->taint_known = true;
			continue;
		}
		if (strcmp(tok, "Tainted:") == 0) {
			taint_mode = true;
			a->taint_known = true;
			continue;
		}
		if (isdigit((unsigned char)tok[0]) && strchr(tok, '.')) {
			snprintf(a->kernel_version, sizeof(a->kernel_version), "%s", tok);
			break;
		}
		if (taint_mode && tok[0] != '[' && strlen(a->taint) + strlen(tok) < sizeof(a->taint))
			strcat(a->taint, tok);
	}
}

/* "CPU: 1 PID: 42 Comm: bash Tainted: G  D W  6.1.0-18-amd64 #1 Debian"
 * (6.10+: "CPU: 1 UID: 0 PID: 42 Comm: ...") */
static bool parse_cpu_line(const struct line *l, struct pc_analysis *a)
{
	char buf[512], *p, *tok, *save;

	if (!starts(l, "CPU: "))
		return false;
	copy_line(buf, sizeof(buf), l);
	if (!strstr(buf, " PID: ") || !strstr(buf, " Comm: "))
		return false;
	a->cpu = atoi(buf + 5);
	a->pid = atoi(strstr(buf, " PID: ") + 6);
	p = strstr(buf, " Comm: ") + 7;
	tok = strtok_r(p, " ", &save);
	if (tok)
		snprintf(a->comm, sizeof(a->comm), "%s", tok);
	parse_taint(NULL, &save, a);
	return true;
}

/* The hung-task report's "      Tainted: G  O  6.1.0 #1" line. */
static bool parse_taint_line(const struct line *l, struct pc_analysis *a)
{
	char buf[512], *save, *p;

	copy_line(buf, sizeof(buf), l);
	p = buf + strspn(buf, " \t");
	if (strncmp(p, "Tainted: ", 9) != 0 && strncmp(p, "Not tainted ", 12) != 0)
		return false;
	parse_taint(p, &save, a);
	return a->kernel_version[0] != 0;
}

/* Fault function from "RIP: 0010:func+0x1/0x2", old "RIP: [<..>] func+..",
 * arm64 "pc : func+0x1/0x2". False for user-mode or symbol-less values. */
static bool parse_fault(const struct line *l, struct pc_analysis *a)
{
	const char *p = l->p, *end = l->p + l->len;

	if (starts(l, "RIP: ")) {
		p += 5;
		if (end - p > 5 && p[4] == ':' && isxdigit((unsigned char)p[0])) {
			if (strncmp(p, "0033", 4) == 0)
				return false;
			p += 5;
		}
	} else if (starts(l, "pc : ")) {
		p += 5;
	} else {
		return false;
	}
	while (p < end && (*p == ' ' || *p == '[')) {
		if (*p == '[') {
			while (p < end && *p != ']')
				p++;
		}
		if (p < end)
			p++;
	}
	if (!pc_frame_name(p, (size_t)(end - p), a->fault_func, sizeof(a->fault_func)))
		return false;
	copy_line(a->fault_line, sizeof(a->fault_line), l);
	return true;
}

/* One call-trace line: a frame (1), a marker like <IRQ> (2), or neither (0). */
static int parse_frame(const struct line *l, char *fn, size_t sz, bool *unreliable, bool *nmi_on)
{
	const char *p = l->p, *end = l->p + l->len;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '<') {
		const char *q = memchr(p, '>', (size_t)(end - p));

		if (!q || q - p > 16)
			return 0;
		if ((size_t)(q - p) == 4 && memcmp(p, "<NMI", 4) == 0)
			*nmi_on = true;
		if ((size_t)(q - p) == 5 && memcmp(p, "</NMI", 5) == 0)
			*nmi_on = false;
		return 2;
	}
	if (end - p > 2 && p[0] == '[' && p[1] == '<') {
		const char *q = memchr(p, ']', (size_t)(end - p));

		if (!q)
			return 0;
		p = q + 1;
		while (p < end && *p == ' ')
			p++;
	}
	*unreliable = false;
	if (end - p > 2 && p[0] == '?' && p[1] == ' ') {
		*unreliable = true;
		p += 2;
	}
	if (end - p > 2 && p[0] == '0' && p[1] == 'x') {
		fn[0] = 0; /* an address without a symbol */
		return 1;
	}
	return pc_frame_name(p, (size_t)(end - p), fn, sz) ? 1 : 0;
}

static int add_trace(struct pc_analysis *a, const char *fn)
{
	char **nt = realloc(a->trace, (a->n_trace + 1) * sizeof(*nt));

	if (!nt)
		return -ENOMEM;
	a->trace = nt;
	nt[a->n_trace] = strdup(fn);
	if (!nt[a->n_trace])
		return -ENOMEM;
	a->n_trace++;
	return 0;
}

static void add_sig(struct pc_analysis *a, const char *fn)
{
	if (!fn[0] || pc_frame_generic(fn) || a->n_sig_frames >= PC_SIG_FRAMES)
		return;
	if (a->n_sig_frames && strcmp(a->sig_frames[a->n_sig_frames - 1], fn) == 0)
		return;
	snprintf(a->sig_frames[a->n_sig_frames++], sizeof(a->sig_frames[0]), "%s", fn);
}

/* Numbers and addresses vary between machines and builds: drop them. */
static void normalise(const char *in, char *out, size_t sz)
{
	size_t o = 0;

	for (const char *p = in; *p && o + 2 < sz;) {
		if (isdigit((unsigned char)*p)) {
			if (p[0] == '0' && p[1] == 'x')
				p += 2;
			while (isxdigit((unsigned char)*p))
				p++;
			out[o++] = 'N';
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = 0;
}

static const char *kind_from_panic(const char *msg)
{
	if (strstr(msg, "Hard LOCKUP"))
		return "hard-lockup";
	if (strstr(msg, "softlockup") || strstr(msg, "soft lockup"))
		return "soft-lockup";
	if (strstr(msg, "hung_task") || strstr(msg, "blocked tasks"))
		return "hung-task";
	if (strstr(msg, "RCU Stall"))
		return "rcu-stall";
	if (strstr(msg, "SError"))
		return "serror";
	if (strstr(msg, "NMI"))
		return "nmi";
	if (strstr(msg, "panic_on_warn"))
		return "warn";
	return "panic";
}

int pc_analyze(const char *text, size_t len, struct pc_analysis *a)
{
	struct line *ls = NULL;
	size_t nl = 0, cap = 0, panic_at = (size_t)-1, start = (size_t)-1, open_at = 0;
	size_t region_end, i;
	const char *p = text, *end = text + len, *kind = NULL, *k;
	bool open = false, nmi_on = false;
	char fn[128], hashin[1024], sha[PC_SHA256_HEX];
	int e = 0;

	memset(a, 0, sizeof(*a));
	a->cpu = a->pid = -1;
	while (p < end) {
		const char *nlp = memchr(p, '\n', (size_t)(end - p));
		const char *le = nlp ? nlp : end;

		if (nl == cap) {
			struct line *n2;

			cap = cap ? cap * 2 : 256;
			n2 = realloc(ls, cap * sizeof(*ls));
			if (!n2) {
				free(ls);
				return -ENOMEM;
			}
			ls = n2;
		}
		ls[nl].p = strip_prefix(p, le);
		ls[nl].len = (size_t)(le - ls[nl].p);
		nl++;
		p = nlp ? nlp + 1 : end;
	}

	for (i = 0; i < nl; i++) {
		enum start s;

		if (starts(&ls[i], "Kernel panic - not syncing")) {
			const char *m = ls[i].p + strlen("Kernel panic - not syncing");
			struct line rest = { m, ls[i].len - (size_t)(m - ls[i].p) };

			while (rest.len && (*rest.p == ':' || *rest.p == ' '))
				rest.p++, rest.len--;
			copy_line(a->panic_msg, sizeof(a->panic_msg), &rest);
			a->panicked = true;
			panic_at = i;
			break;
		}
		if (is_trace_start(&ls[i]))
			open = false;
		s = classify(&ls[i], &k);
		if (s == PRIMARY || (s == SECONDARY && !(open && i - open_at < 40))) {
			start = i;
			kind = k;
			open = true;
			open_at = i;
		}
	}

	if (start == (size_t)-1) {
		bool before = false;

		/*
		 * No first line of a report: either a bare panic(), whose own
		 * stack follows the panic line, or a report whose start was cut
		 * off (an older part lost): then use what is left of it.
		 */
		for (i = 0; a->panicked && i < panic_at && !before; i++)
			before = is_trace_start(&ls[i]) || starts(&ls[i], "RIP: ") || starts(&ls[i], "pc : ");
		kind = a->panicked ? kind_from_panic(a->panic_msg) : "unknown";
		if (before) {
			if (strcmp(kind, "panic") == 0)
				kind = "oops";
			start = 0;
			region_end = panic_at;
		} else {
			start = a->panicked ? panic_at : 0;
			region_end = nl;
		}
		if (a->panicked)
			snprintf(a->title, sizeof(a->title), "Kernel panic - not syncing: %.200s", a->panic_msg);
	} else {
		copy_line(a->title, sizeof(a->title), &ls[start]);
		region_end = panic_at != (size_t)-1 ? panic_at : nl;
		if (strcmp(kind, "warn") != 0 && a->panicked && strstr(a->panic_msg, "panic_on_warn"))
			kind = "warn";
	}
	snprintf(a->kind, sizeof(a->kind), "%s", kind);

	if (strcmp(kind, "hung-task") == 0) {
		/* "INFO: task sh:123 blocked for more than 120 seconds." */
		const char *t = ls[start].p + strlen("INFO: task ");
		const char *colon = NULL;

		for (const char *q = t; q < ls[start].p + ls[start].len && *q != ' '; q++)
			if (*q == ':')
				colon = q;
		if (colon && (size_t)(colon - t) < sizeof(a->comm)) {
			memcpy(a->comm, t, (size_t)(colon - t));
			a->comm[colon - t] = 0;
			a->pid = atoi(colon + 1);
		}
	}

	{
		bool in_trace = false, trace_done = false;
		char keep_comm[64];
		int keep_pid = a->pid;

		snprintf(keep_comm, sizeof(keep_comm), "%s", a->comm);
		for (i = start; i < nl; i++) {
			struct line *l = &ls[i];
			bool unrel;
			int f;

			if (i >= region_end && (a->kernel_version[0] || i > region_end + 8))
				break;
			if (!a->kernel_version[0] && parse_cpu_line(l, a)) {
				if (keep_pid >= 0) {
					a->pid = keep_pid;
					snprintf(a->comm, sizeof(a->comm), "%s", keep_comm);
				}
				continue;
			}
			if (!a->kernel_version[0] && parse_taint_line(l, a))
				continue;
			if (i >= region_end)
				continue;
			if (!a->fault_func[0] && !in_trace && i < region_end && parse_fault(l, a))
				continue;
			if (!trace_done && !in_trace && is_trace_start(l)) {
				in_trace = true;
				nmi_on = false;
				if (!a->arch[0])
					snprintf(a->arch, sizeof(a->arch), "%s",
						 l->p[5] == 'T' ? "x86_64" : "arm64");
				continue;
			}
			if (in_trace) {
				f = parse_frame(l, fn, sizeof(fn), &unrel, &nmi_on);
				if (f == 0) {
					in_trace = false;
					trace_done = true;
					continue;
				}
				if (f == 1 && fn[0] && !unrel && !nmi_on) {
					e = add_trace(a, fn);
					if (e < 0)
						goto out;
				}
			}
		}
	}
	if (!a->kernel_version[0]) {
		for (i = 0; i < nl; i++) {
			const char *v = find(&ls[i], "Linux version ");

			if (v) {
				struct line lv = { v + 14, ls[i].len - (size_t)(v + 14 - ls[i].p) };

				copy_line(a->kernel_version, sizeof(a->kernel_version), &lv);
				*strchrnul(a->kernel_version, ' ') = 0;
				break;
			}
		}
	}
	if (!a->arch[0]) {
		if (strstr(a->fault_line, "RIP"))
			snprintf(a->arch, sizeof(a->arch), "x86_64");
		else if (a->fault_line[0])
			snprintf(a->arch, sizeof(a->arch), "arm64");
	}
	if (!a->fault_func[0] && strcmp(kind, "warn") == 0) {
		/* "WARNING: CPU: 0 PID: 1 at lib/foo.c:12 func+0x10/0x20" */
		const char *at = find(&ls[start], " at ");

		if (at) {
			const char *sp = memchr(at + 4, ' ', ls[start].len - (size_t)(at + 4 - ls[start].p));

			if (sp)
				pc_frame_name(sp + 1, ls[start].len - (size_t)(sp + 1 - ls[start].p),
					      a->fault_func, sizeof(a->fault_func));
		}
	}

	add_sig(a, a->fault_func);
	for (i = 0; i < a->n_trace; i++)
		add_sig(a, a->trace[i]);

	if (a->n_sig_frames) {
		size_t o = (size_t)snprintf(hashin, sizeof(hashin), "%s", kind);

		for (i = 0; i < a->n_sig_frames && o < sizeof(hashin); i++)
			o += (size_t)snprintf(hashin + o, sizeof(hashin) - o, "|%s", a->sig_frames[i]);
	} else {
		char norm[256];

		normalise(a->title[0] ? a->title : a->panic_msg, norm, sizeof(norm));
		snprintf(hashin, sizeof(hashin), "%s|%s", kind, norm);
	}
	e = pc_sha256_hex(hashin, strlen(hashin), NULL, 0, sha);
	if (e < 0)
		goto out;
	sha[12] = 0;
	snprintf(a->signature, sizeof(a->signature), "kernel-%.64s-%s",
		 a->n_sig_frames ? a->sig_frames[0] : kind, sha);
out:
	free(ls);
	if (e < 0)
		pc_analysis_free(a);
	return e;
}

void pc_analysis_free(struct pc_analysis *a)
{
	for (size_t i = 0; i < a->n_trace; i++)
		free(a->trace[i]);
	free(a->trace);
	a->trace = NULL;
	a->n_trace = 0;
}
