// SPDX-License-Identifier: GPL-2.0-only
/* Crash analysis of a kernel log: kind, facts, call trace, signature. */
#include "analyze.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *p; /* after timestamp / level / caller prefixes */
	size_t len;
	bool stamped;  /* a time stamp, level or syslog header was removed */
};

/*
 * "[Thu May 21 08:58:43 2026]", the time stamp of dmesg -T (--ctime): the
 * length of it at @p, or 0.
 */
static size_t ctime_stamp(const char *p, const char *end)
{
	/*
	 * dmesg -T: "[Thu May 21 08:58:43 2026]" in the C locale, "[lun. 10
	 * juin 18:09:34 2024]" in French: day and month names as the locale
	 * spells them, then always "hh:mm:ss yyyy]" (d: digit, other: itself)
	 */
	static const char tail[] = " dd:dd:dd dddd]";
	const size_t n = sizeof(tail) - 1;
	const char *r;

	if (p >= end || *p != '[')
		return 0;
	for (r = p + 1; r < end && r < p + 64 && *r != ']' && *r != '['; r++)
		;
	if (r >= end || *r != ']' || (size_t)(r + 1 - p) < n + 4)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)r[1 - (ptrdiff_t)n + (ptrdiff_t)i];

		if (tail[i] == 'd' ? !isdigit(c) : c != (unsigned char)tail[i])
			return 0;
	}
	return (size_t)(r + 1 - p);
}

/*
 * The caller tags Android vendors' kernels print after the time stamp, whose
 * comm may hold spaces: Samsung's "[4:     netbpfload:  825]" (cpu, comm,
 * pid) and MediaTek's "(1)[10406:Thread-6]" (cpu, then pid and comm). The
 * length of the tag and the blank after it at @p, or 0. Strict shapes: an
 * old lockdep title ("[ INFO: inconsistent lock state ]") is not one.
 */
static size_t vendor_caller_tag(const char *start, const char *end)
{
	const char *p = start, *q, *lim;

	while (p < end && p < start + 2 && *p == ' ')	/* MediaTek's come after two blanks */
		p++;
	if (p < end && *p == '-')			/* or after a '-' */
		p++;
	lim = end - p > 48 ? p + 48 : end;
	q = p;
	if (q < lim && *q == '(') {		/* MediaTek: "(cpu)[pid:comm]" */
		for (q++; q < lim && isdigit((unsigned char)*q); q++)
			;
		if (q == p + 1 || q + 1 >= lim || q[0] != ')' || q[1] != '[')
			return 0;
		q += 2;
		if (q >= lim || !isdigit((unsigned char)*q))
			return 0;
		while (q < lim && isdigit((unsigned char)*q))
			q++;
		if (q >= lim || *q != ':')
			return 0;
		q = memchr(q, ']', (size_t)(lim - q));
		if (!q)
			return 0;
	} else if (q < lim && *q == '[') {	/* Samsung: "[cpu: comm: pid]" */
		const char *d;

		for (q++; q < lim && isdigit((unsigned char)*q); q++)
			;
		if (q == p + 1 || q + 1 >= lim || q[0] != ':' || q[1] != ' ')
			return 0;
		q = memchr(q, ']', (size_t)(lim - q));
		if (!q)
			return 0;
		/* ends ": <pid>]"; the comm between may hold ':' (kworker/u16:3) */
		for (d = q; d > p && isdigit((unsigned char)d[-1]); d--)
			;
		if (d == q || d - p < 4 || d[-1] != ' ')
			return 0;
		while (d > p && d[-1] == ' ')
			d--;
		if (d <= p + 1 || d[-1] != ':')
			return 0;
	} else {
		return 0;
	}
	q++;
	while (q < end && *q == ' ')
		q++;
	return (size_t)(q - start);
}

/*
 * MediaTek's GKI kernels name the printing task and the module after the
 * caller id: "[C201134] rxq0_pus: [name:bug&]kernel BUG at ...". At @p,
 * the length of "comm: [name:module&]" and the blank after it, or 0.
 */
static size_t vendor_module_tag(const char *p, const char *end)
{
	const char *lim = end - p > 40 ? p + 40 : end, *m, *q;

	m = memmem(p, (size_t)(lim - p), ": [name:", 8);
	if (!m || m == p)
		return 0;
	for (q = p; q < m; q++)
		if (!isalnum((unsigned char)*q) && !strchr("_.-/:#", *q))
			return 0;
	for (q = m + 8; q < end && q < m + 48 && (isalnum((unsigned char)*q) || *q == '_'); q++)
		;
	if (q + 1 >= end || q[0] != '&' || q[1] != ']')
		return 0;
	q += 2;
	while (q < end && *q == ' ')
		q++;
	return (size_t)(q - p);
}

/*
 * A /dev/kmsg record as read raw ("6,339,5140900,-;" or, with the caller
 * id, "4,1234,56789,-,caller=T12;"): level and facility, sequence number,
 * microseconds since boot, flags. Its length, or 0.
 */
static size_t kmsg_header(const char *p, const char *end)
{
	const char *q = p, *semi;

	for (int field = 0; field < 3; field++) {
		const char *d = q;

		while (q < end && q < d + 20 && isdigit((unsigned char)*q))
			q++;
		if (q == d || q >= end || *q != ',')
			return 0;
		q++;
	}
	if (q >= end || (*q != '-' && *q != 'c' && *q != '+'))
		return 0;
	semi = memchr(q, ';', (size_t)(end - q) < 32 ? (size_t)(end - q) : 32);
	if (!semi || (semi != q + 1 && q[1] != ','))
		return 0;
	return (size_t)(semi + 1 - p);
}

/*
 * "<4>", "[   12.345678]", "[    T123]", "[  C1]", "[Thu May 21 08:58:43
 * 2026]" in any combination.
 */
static const char *strip_prefix(const char *p, const char *end)
{
	bool stamped = false;

	p += kmsg_header(p, end);
	for (;;) {
		const char *q = p;

		/*
		 * After a time stamp, vendor tags: "[pid:0,cpu0,swapper/0]",
		 * Android's "[2][662][ndroid.systemui]", PREEMPT_RT's CPU "000: ".
		 */
		if (stamped) {
			size_t tag = vendor_caller_tag(q, end);

			if (tag) {
				p = q + tag;
				continue;
			}
			tag = vendor_module_tag(q, end);
			if (tag) {
				p = q + tag;
				continue;
			}
		}
		if (stamped && q < end && *q == '[' && q + 1 < end && q[1] != '<') {
			const char *r = q + 1;

			while (r < end && r < q + 48 && *r != ']' && *r != ' ')
				r++;
			if (r < end && *r == ']' && r > q + 1) {
				p = r + 1;
				if (p < end && *p == ' ')
					p++;
				continue;
			}
		}
		if (stamped && end - q > 5 && isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) &&
		    isdigit((unsigned char)q[2]) && q[3] == ':' && q[4] == ' ')
			return q + 5;

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
			size_t ct = ctime_stamp(q, end);

			if (ct) {
				p = q + ct;
				stamped = true;	/* a vendor's tag may follow, as after seconds */
				if (p < end && *p == ' ')
					p++;
				continue;
			}

			q++;
			while (q < end && *q == ' ')
				q++;
			/* "[ ]": a time stamp its reporter blanked out */
			if (q > p + 1 && q < end && *q == ']' && q + 1 < end && q[1] == ' ') {
				p = q + 2;
				stamped = true;
				continue;
			}
			if (q < end && (*q == 'T' || *q == 'C'))
				q++;
			/* dmesg --reltime / -H: "[  +0.010955]" */
			else if (q + 1 < end && *q == '+' && isdigit((unsigned char)q[1]))
				q++;
			while (q < end && (isdigit((unsigned char)*q) || *q == '.'))
				q++, digit = true;
			/* "[350.429619 ]": some log collectors pad the time on the right */
			while (digit && q < end && *q == ' ')
				q++;
			/* Android's "[   26.328023 / 09-26 13:22:37.707]": the wall clock too */
			if (digit && q + 1 < end && *q == '/' && q[1] == ' ') {
				const char *r = memchr(q, ']', (size_t)(end - q));

				if (r && r - q < 32)
					q = r;
			}
			/* HiSilicon's "[ 1264.590057s]": seconds, said so */
			if (digit && q + 1 < end && *q == 's' && q[1] == ']')
				q++;
			if (digit && q < end && *q == ']') {
				p = q + 1;
				stamped = true;
				/* "@2": the CPU, as Qualcomm's Android kernels print it */
				if (p + 1 < end && *p == '@' && isdigit((unsigned char)p[1])) {
					q = p + 1;
					while (q < end && isdigit((unsigned char)*q))
						q++;
					p = q;
				}
				if (p < end && *p == ' ')
					p++;
				continue;
			}
		}
		return p;
	}
}

/* "[  12.345678]" at @p? */
static bool is_timestamp(const char *p, const char *end)
{
	const char *q = p + 1;
	bool dot = false;

	if (p >= end || *p != '[')
		return false;
	while (q < end && *q == ' ')
		q++;
	if (q >= end || !isdigit((unsigned char)*q))
		return false;
	while (q < end && (isdigit((unsigned char)*q) || (*q == '.' && !dot)))
		dot |= *q++ == '.';
	while (dot && q < end && *q == ' ')
		q++;
	return dot && q < end && *q == ']';
}

/*
 * The prefixes, also after other output that was written on the same
 * console line ("el.service [0m.[  288.564375] WARNING: ...").
 */
static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * "Jun 14 18:57:45 host kernel: ", a syslog or journal header in any
 * language: the text after it, or NULL. The header holds a time hh:mm:ss.
 */
static const char *after_syslog_header(const char *p, const char *end)
{
	static const char tag[] = " kernel: ";
	const size_t n = sizeof(tag) - 1;
	bool clock = false;

	for (const char *r = p; r + n <= end && r < p + 96; r++) {
		if (r + 8 <= end && isdigit((unsigned char)r[0]) && isdigit((unsigned char)r[1]) &&
		    r[2] == ':' && isdigit((unsigned char)r[3]) && isdigit((unsigned char)r[4]) &&
		    r[5] == ':' && isdigit((unsigned char)r[6]) && isdigit((unsigned char)r[7]))
			clock = true;
		if (memcmp(r, tag, n) == 0)
			return clock ? r + n : NULL;
	}
	return NULL;
}

/*
 * A report quoted in mail ("> ", "> > ", ">>") or in a table or bug
 * tracker ("  |  "): the line without the quote marks. A kernel line
 * never starts with either ("-> #1" and "=>" start otherwise).
 */
static const char *strip_quote(const char *p, const char *end)
{
	const char *q = skip_blank(p, end);
	bool quoted = false;

	while (q < end && (*q == '>' || *q == '|')) {
		const char *r;

		q++;
		quoted = true;
		if (q < end && (*q == ' ' || *q == '\t'))
			q++;
		/* a quote of a quote, spaced as its mailer liked: ">  > ", "> | " */
		for (r = q; r < end && (*r == ' ' || *r == '\t'); r++)
			;
		if (r > q && r < end && (*r == '>' || *r == '|'))
			q = r;
	}
	/* the indentation after the marks stays: it tells trace lines apart */
	return quoted ? q : p;
}

/*
 * "rockpro64 kernel: " after a monotonic time stamp (journalctl -o
 * short-monotonic): the text after it, or @p.
 */
static const char *after_host_kernel(const char *p, const char *end)
{
	const char *r = p;

	while (r < end && r < p + 64 && *r != ' ' && *r != ':')
		r++;
	if (r > p && end - r >= 9 && memcmp(r, " kernel: ", 9) == 0)
		return r + 9;
	return p;
}

/*
 * "2019-09-11 15:41:09 ", "2019-09-11T15:41:09.123+02:00 ": a wall-clock
 * date and time that a log collector (a netconsole receiver, a serial
 * console logger) put before each line: its length with the blanks after
 * it, or 0. No kernel message starts so.
 */
static size_t iso_stamp(const char *p, const char *end)
{
	/* d: digit, other: itself; the date-time separator is 'T' or ' ' */
	static const char pat[] = "dddd-dd-dd dd:dd:dd";
	size_t n = sizeof(pat) - 1;
	const char *q;

	if ((size_t)(end - p) <= n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		bool ok = pat[i] == 'd' ? isdigit(c) != 0 :
			  i == 10 ? (c == ' ' || c == 'T') : c == (unsigned char)pat[i];

		if (!ok)
			return 0;
	}
	q = p + n;
	if (q < end && (*q == '.' || *q == ','))
		for (q++; q < end && isdigit((unsigned char)*q);)
			q++;
	if (q < end && *q == 'Z')
		q++;
	else if (q < end && (*q == '+' || *q == '-'))
		for (q++; q < end && q < p + n + 16 && (isdigit((unsigned char)*q) || *q == ':');)
			q++;
	if (q >= end || (*q != ' ' && *q != '\t'))
		return 0;
	return (size_t)(skip_blank(q, end) - p);
}

/* Also indented logs, as quoted in commit messages and mail. */
static const char *strip_line(const char *p, const char *end)
{
	const char *b = skip_blank(p, end), *q;

	b += iso_stamp(b, end);
	/* a syslog line cut down to its tag ("kernel: UBSAN: ..."): no
	 * kernel message starts with it */
	if (end - b > 8 && memcmp(b, "kernel: ", 8) == 0)
		b = skip_blank(b + 8, end);
	q = strip_prefix(b, end);

	if (q != b)
		return skip_blank(after_host_kernel(skip_blank(q, end), end), end);
	q = after_syslog_header(b, end);
	if (q)
		return skip_blank(strip_prefix(q, end), end);
	for (const char *r = p + 1; r < end && r < p + 64; r++)
		if (*r == '[' && is_timestamp(r, end))
			return skip_blank(strip_prefix(r, end), end);
	return b;
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

/* The kind a "WARNING: ... at FILE:LINE" names by the file that warned. */
static const char *warn_kind(const struct line *l)
{
	if (find(l, "lib/refcount.c") || find(l, "refcount_warn_saturate"))
		return "refcount";
	if (find(l, "lib/debugobjects.c") || find(l, "debug_print_object"))
		return "debug-objects";
	if (find(l, "kernel/locking/"))
		return "locking-bug";
	/* 3.x kernels reported a hard lockup as a WARN from the NMI callback */
	if (find(l, "watchdog_overflow_callback"))
		return "hard-lockup";
	return "warn";
}

/*
 * arm64 prints "NULL pointer dereference" only for a translation fault
 * below PAGE_SIZE; with PAN a NULL dereference is a permission fault and
 * reads "Unable to handle kernel access to user memory outside uaccess
 * routines at virtual address 0000000000000000": the address tells.
 */
static bool arm64_null(const struct line *l)
{
	const char *v = find(l, "at virtual address ");
	const char *end = l->p + l->len;
	unsigned long long addr = 0;
	int digits = 0;

	if (!starts(l, "Unable to handle kernel ") || !v)
		return false;
	for (v += 19; v < end && isxdigit((unsigned char)*v) && digits < 17; v++, digits++)
		addr = addr * 16 + (unsigned long long)(isdigit((unsigned char)*v) ? *v - '0' :
							 (tolower((unsigned char)*v) - 'a' + 10));
	return digits >= 8 && digits <= 16 && addr < 0x1000;
}

/* Is this line the first line of a crash report, and of what kind? */
static enum start classify(const struct line *l, const char **kind)
{
	static const struct {
		const char *pat;
		bool anywhere;
		enum start s;
		const char *kind;
	} t[] = {
		{ "BUG: KASAN: ", false, PRIMARY, "kasan" },
		{ "BUG: KFENCE: ", false, PRIMARY, "kfence" },
		{ "BUG: KMSAN: ", false, PRIMARY, "kmsan" },
		{ "BUG: KCSAN: ", false, PRIMARY, "kcsan" },
		{ "UBSAN: ", false, PRIMARY, "ubsan" },
		{ "BUG: kernel NULL pointer dereference", false, PRIMARY, "null-deref" },
		{ "BUG: unable to handle kernel NULL pointer dereference", false, PRIMARY, "null-deref" },
		{ "Unable to handle kernel NULL pointer dereference", false, PRIMARY, "null-deref" },
		{ "BUG: unable to handle page fault", false, PRIMARY, "page-fault" },
		{ "BUG: unable to handle kernel paging request", false, PRIMARY, "page-fault" },
		{ "BUG: unable to handle kernel", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel paging request", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel execute from non-executable memory", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel read from unreadable memory", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel write to read-only memory", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel access to user memory", false, PRIMARY, "page-fault" },
		{ "Unable to handle kernel ", false, PRIMARY, "page-fault" },
		{ "kernel BUG at ", false, PRIMARY, "bug" },
		{ "Kernel BUG at ", false, PRIMARY, "bug" },
		{ "BUG: soft lockup - CPU#", true, PRIMARY, "soft-lockup" },
		{ "Watchdog detected hard LOCKUP on cpu", true, PRIMARY, "hard-lockup" },
		{ "self-detected stall on CPU", true, PRIMARY, "rcu-stall" },
		{ "detected stalls on CPUs/tasks", true, PRIMARY, "rcu-stall" },
		{ "detected stall on CPU", true, PRIMARY, "rcu-stall" },
		{ "detected expedited stalls on CPUs", true, PRIMARY, "rcu-stall" },
		{ "rcu_tasks detected stalls", true, PRIMARY, "rcu-stall" },
		{ "WARNING: suspicious RCU usage", false, PRIMARY, "suspicious-rcu" },
		{ "WARNING: kernel stack ", false, PRIMARY, "warn" },
		{ "suspicious RCU usage", true, PRIMARY, "suspicious-rcu" },
		{ "WARNING: possible circular locking dependency", false, PRIMARY, "deadlock" },
		{ "WARNING: possible recursive locking", false, PRIMARY, "deadlock" },
		{ "WARNING: possible irq lock inversion", false, PRIMARY, "deadlock" },
		{ "[ INFO: possible circular locking dependency", true, PRIMARY, "deadlock" },
		{ "[ INFO: possible recursive locking", true, PRIMARY, "deadlock" },
		{ "possible irq lock inversion dependency", true, PRIMARY, "deadlock" },
		{ "lock order detected", true, PRIMARY, "deadlock" },
		{ "WARNING: inconsistent lock state", false, PRIMARY, "inconsistent-lock" },
		{ "[ INFO: inconsistent lock state", true, PRIMARY, "inconsistent-lock" },
		{ "WARNING: bad unlock balance", false, PRIMARY, "locking-bug" },
		{ "bad unlock balance detected", true, PRIMARY, "locking-bug" },
		{ "still has locks held", true, PRIMARY, "locking-bug" },
		{ "held lock freed", true, PRIMARY, "locking-bug" },
		{ "WARNING: held lock freed", false, PRIMARY, "locking-bug" },
		{ "WARNING: lock held when returning to user space", false, PRIMARY, "locking-bug" },
		/* 4.x: "[ BUG: lock held when returning to user space! ]" */
		{ "BUG: lock held when returning to user space", true, PRIMARY, "locking-bug" },
		{ "WARNING: Nested lock was not taken", false, PRIMARY, "locking-bug" },
		{ "WARNING: lock held", false, PRIMARY, "locking-bug" },
		{ "WARNING: bad contention", false, PRIMARY, "locking-bug" },
		{ "BUG: held lock freed", false, PRIMARY, "locking-bug" },
		{ "BUG: still has locks held", false, PRIMARY, "locking-bug" },
		{ "BUG: looking up invalid subclass", false, PRIMARY, "locking-bug" },
		{ "BUG: key ", false, PRIMARY, "locking-bug" },
		/* lockdep out of table space: "BUG: MAX_STACK_TRACE_ENTRIES too low!" */
		{ "BUG: MAX_LOCK", false, PRIMARY, "locking-bug" },
		{ "BUG: MAX_STACK_TRACE_ENTRIES", false, PRIMARY, "locking-bug" },
		{ "BUG: MAX_LOCKDEP_", false, PRIMARY, "locking-bug" },
		{ "INFO: trying to register non-static key", false, PRIMARY, "locking-bug" },
		{ "BUG: spinlock ", false, PRIMARY, "locking-bug" },
		{ "BUG: rwlock ", false, PRIMARY, "locking-bug" },
		{ "DEBUG_LOCKS_WARN_ON(", false, PRIMARY, "locking-bug" },
		{ "BUG: scheduling while atomic", false, PRIMARY, "sched-atomic" },
		{ "BUG: sleeping function called from invalid context", false, PRIMARY, "sleep-in-atomic" },
		{ "BUG: workqueue leaked lock", false, PRIMARY, "locking-bug" },
		{ "BUG: Invalid wait context", true, PRIMARY, "locking-bug" },
		{ "unreferenced object 0x", false, PRIMARY, "kmemleak" },
		{ "BUG: memory leak", false, PRIMARY, "kmemleak" },
		{ "ODEBUG: ", false, PRIMARY, "debug-objects" },
		{ "refcount_t: ", false, PRIMARY, "refcount" },
		{ "BUG: stack guard page was hit", false, PRIMARY, "stack-overflow" },
		/* x86's double fault without the guard-page line before it: syzbot's "PANIC:" */
		{ "PANIC: double fault", false, SECONDARY, "panic" },
		{ "kernel stack overflow", true, PRIMARY, "stack-overflow" },
		{ "Insufficient stack space to handle exception", false, PRIMARY, "stack-overflow" },
		{ "BUG: TASK stack guard page was hit", false, PRIMARY, "stack-overflow" },
		{ "Unhandled fault", false, PRIMARY, "unhandled-fault" },
		/* arm64 before 5.11: "Bad mode in Synchronous Abort handler detected on CPU0" */
		{ "Bad mode in ", false, PRIMARY, "unhandled-fault" },
		{ "NMI received for unknown reason", true, PRIMARY, "nmi" },
		{ "NMI: PCI system error", false, PRIMARY, "nmi" },
		{ "NMI: IOCK error", false, PRIMARY, "nmi" },
		{ "SError Interrupt on CPU", false, PRIMARY, "serror" },
		/* NVIDIA Denver/Carmel cores: "CPU0: SError detected, daif=1c0, ..." */
		{ "SError detected, ", true, PRIMARY, "serror" },
		{ "general protection fault", false, SECONDARY, "gpf" },
		{ "Oops: general protection fault", false, SECONDARY, "gpf" },
		{ "divide error: ", false, SECONDARY, "divide-error" },
		/* 5.x kernels named the trap after its handler: "divide_error: 0000 [#1]" */
		{ "divide_error: ", false, SECONDARY, "divide-error" },
		{ "Oops: divide error", false, SECONDARY, "divide-error" },
		{ "invalid opcode: ", false, SECONDARY, "bug" },
		{ "Oops: invalid opcode", false, SECONDARY, "bug" },
		{ "Internal error: Oops - BUG", false, SECONDARY, "bug" },
		/* a compiler's trap (__builtin_trap, brk #0x3e8) or another BRK in the kernel */
		{ "Unexpected kernel BRK exception", false, PRIMARY, "bug" },
		{ "Internal error: BRK handler", false, SECONDARY, "bug" },
		{ "Internal error: Oops: ", false, SECONDARY, "oops" },
		{ "Internal error: Oops - ", false, SECONDARY, "unhandled-fault" },
		{ "Internal error: ", false, SECONDARY, "unhandled-fault" },
		{ "Oops: ", false, SECONDARY, "oops" },
		{ "Oops[#", false, SECONDARY, "oops" },
		{ "BUG: ", false, PRIMARY, "bug" },
	};

	if ((find(l, " blocked ") || find(l, " can't die ")) && find(l, " for more than ") &&
	    find(l, " seconds")) {
		*kind = "hung-task";
		return PRIMARY;
	}
	/* "WARNING: CPU: 1 PID: 2 at" with the rest wrapped onto the next lines */
	if (starts(l, "WARNING: CPU: ") && l->len > 3 && !memcmp(l->p + l->len - 3, " at", 3)) {
		*kind = "warn";
		return PRIMARY;
	}
	if (starts(l, "WARNING: ") && find(l, " at ") &&
	    (starts(l, "WARNING: CPU: ") || find(l, ".c:") || find(l, ".h:"))) {
		*kind = warn_kind(l);
		return PRIMARY;
	}
	/*
	 * An oops glued to the end of another message (4.x KASAN printed its
	 * "GPF could be caused by ..." hint without a newline): the oops
	 * counter " [#1]" tells it from a user program's "general protection
	 * fault ip:..." trap message.
	 */
	if (!starts(l, "general protection fault") && find(l, "general protection fault") &&
	    find(l, " [#")) {
		*kind = "gpf";
		return SECONDARY;
	}
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].anywhere ? find(l, t[i].pat) != NULL : starts(l, t[i].pat)) {
			*kind = t[i].kind;
			if (!strcmp(*kind, "page-fault") && arm64_null(l))
				*kind = "null-deref";
			return t[i].s;
		}
	return NONE;
}

static bool is_trace_start(const struct line *l)
{
	static const char *const sanitizer[] = {
		/* KFENCE "Use-after-free read at 0x... (in kfence-#1):" */
		"Use-after-free ", "Out-of-bounds ", "Invalid read at", "Invalid write at",
		"Invalid free of", "Corrupted memory at",
		/* KCSAN "write to 0x... of 8 bytes by task 1 on cpu 0:" */
		"read to 0x", "write to 0x", "read (marked) to 0x", "write (marked) to 0x",
	};

	if (starts(l, "Call Trace:") || starts(l, "Call trace:") || starts(l, "call trace:") ||
	    starts(l, "backtrace:") || starts(l, "backtrace (crc "))
		return true;
	/* 4.x: the raw stack words, then "Call Trace:" glued to the last of them */
	if (l->len > 12 && !memcmp(l->p + l->len - 11, "Call Trace:", 11) &&
	    isxdigit((unsigned char)l->p[l->len - 12]))
		return true;
	if (l->len < 2 || l->p[l->len - 1] != ':')
		return false;
	for (size_t i = 0; i < sizeof(sanitizer) / sizeof(sanitizer[0]); i++)
		if (starts(l, sanitizer[i]))
			return true;
	return false;
}

/* "func.isra.0+0x1a/0x30", "func+0x1a", "func" (stops at '+', ' ', ')'). */
static size_t ident(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, n = 0;

	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '$'))
		i++;
	/* compiler clones: .isra.0, .constprop.0, .part.0, .cold, .llvm.N */
	while (n < i && s[n] != '.')
		n++;
	if (n == 0 || n >= outsz || (n >= 2 && s[0] == '0' && s[1] == 'x') ||
	    isdigit((unsigned char)s[0]))
		return 0;
	memcpy(out, s, n);
	out[n] = 0;
	return i;
}

size_t pc_frame_name(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = ident(s, len, out, outsz);

	if (i == 0 || i + 3 > len || memcmp(s + i, "+0x", 3) != 0) {
		if (outsz)
			out[0] = 0;
		return 0;
	}
	return strlen(out);
}

/*
 * Which frames are never the guilty function, as one table of families.
 * Patterns are fnmatch globs: "x" exact, "x*" prefix, "*x*" anywhere.
 * Each family has a class that says when it is skipped:
 *   MACHINE  reporting, trap and stack-dump machinery: it reports the bug,
 *            it is not the bug. Skipped always, except when a sanitizer's
 *            own title names it (then the bug is in that machinery).
 *   CHECKER  checks made on the caller's object (lockdep on its lock, debug
 *            objects, refcount, list validation, might_sleep): skipped
 *            always, and a sanitizer naming one names its caller.
 *   SANRT    sanitizer and instrumentation runtime: skipped always.
 *   ENTRY    exception, interrupt and syscall entry, idle and boot: the
 *            context, not the code. Skipped always.
 *   HELPER   generic helpers that do what their caller asked: the caller
 *            passed the bad argument. Skipped always, and a sanitizer
 *            naming one names its caller.
 *   WAIT     scheduler, wait, sleeping-lock and flush frames: skipped only
 *            in reports of hangs, stalls and locking, to reach the waiter.
 * The families were written from the kinds of frame that recur on real
 * reports (README: "Signature rules"), never from one report's function.
 */
enum fam_class { MACHINE, CHECKER, SANRT, ENTRY, HELPER, WAIT };

struct family {
	enum fam_class cls;
	const char *const *pat;
};

#define PATS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/*
 * The syscall entry frames between the entry code and the syscall's own
 * function (__x64_sys_X, __arm64_sys_X): one list, read by the ENTRY
 * family, by dispatchers[] and by is_syscall_entry().
 */
#define SYSCALL_ENTRY_FNS                                                                  \
	"do_syscall_64", "do_syscall_x64", "x64_sys_call", "invoke_syscall", "__invoke_syscall", \
		"do_fast_syscall_32", "__do_fast_syscall_32", "do_int80_syscall_32"

static const struct family families[] = {
	/* stack dumps and unwinders print the trace, whatever it is of */
	{ MACHINE, PATS("dump_stack*", "__dump_stack", "show_stack", "show_regs", "__show_regs",
			"show_trace_log_lvl", "show_stack_log_lvl", "dump_backtrace*", "arch_stack_walk*",
			"stack_trace_*", "__stack_trace_*", "unwind_*", "__unwind_*", "walk_stackframe",
			"save_stack*", "__save_stack_trace", "save_trace", "deref_stack_reg",
			"stack_access_ok", "update_stack_state", "*kernel_text_address",
			"is_bpf_text_address", "is_module_text_address", "in_entry_stack",
			"get_stack_info*", "in_task_stack", "in_irq_stack", "stack_trace_consume_entry*") },
	/* panic, oops, BUG and WARN machinery: reached after the fact */
	{ MACHINE, PATS("panic", "vpanic", "__panic", "panic_saved_regs", "nmi_panic", "__warn*",
			"warn_*", "check_panic_on_warn",
			"report_bug", "handle_bug", "__report_bug", "exc_invalid_op", "do_trap",
			"do_error_trap", "do_invalid_op", "invalid_op", "die", "die_addr", "__die",
			"fixup_bug*", "math_error", "__reiserfs_panic", "reiserfs_panic", "__die_body",
			"oops_end", "oops_begin", "bug_handler", "bug_brk_handler", "brk_handler",
			"call_break_hook", "early_brk64", "arm64_notify_die", "arm64_serror_panic",
			"bad_mode", "add_taint", "print_modules", "print_tainted", "__print_symbol",
			"print_bad_pte", "bad_page", "print_irqtrace_events", "df_debug",
			"panic_bad_stack", "handle_bad_stack", "__bad_stack",
			/* assertion reporters; Rust's panic path and its BUG() helper */
			"assertfail*", "*_assertfail*", "rust_helper_BUG", "rust_helper_WARN*",
			"*rust_begin_unwind*", "*4core9panicking*") },
	/* bug reporters: print_usage_bug, print_circular_bug, spin_bug, rwlock_bug */
	{ MACHINE, PATS("print_*_bug", "spin_bug", "rwlock_bug", "__schedule_bug") },
	/* page, protection, divide and alignment faults: the trap, not the faulting code */
	{ MACHINE, PATS("die_kernel_fault", "page_fault_oops", "kernelmode_fixup_or_oops",
			"no_context", "__bad_area_nosemaphore", "bad_area_nosemaphore", "bad_area",
			"__bad_area", "do_user_addr_fault", "do_kern_addr_fault", "handle_page_fault",
			"exc_page_fault", "page_fault", "async_page_fault", "exc_general_protection",
			"general_protection", "do_general_protection", "fixup_exception",
			"exc_divide_error", "divide_error", "do_divide_error", "exc_double_fault",
			"handle_stack_overflow", "do_double_fault", "handle_invalid_op", "do_kernel_fault",
			"__do_kernel_fault", "do_page_fault", "do_translation_fault", "do_mem_abort",
			"do_bad_area", "do_sea", "do_serror", "do_undefinstr", "do_bti", "do_sp_pc_abort",
			"do_alignment_fault", "do_tag_check_fault", "do_debug_exception", "do_bad",
			"do_trap_*", "exc_*") },
	/* sanitizer reports: the report, the shadow checks behind it */
	{ MACHINE, PATS("report_*", "print_report", "print_*report*", "print_address_description*",
			"describe_object*", "print_error_description", "end_report", "start_report",
			"memory_is_poisoned*", "check_object", "check_heap_object", "__check_object_size",
			"check_object_size", "usercopy_abort", "__stack_chk_fail", "fortify_panic",
			"usercopy_warn", "__check_heap_object", "__cfi_check_fail", "__cfi_slowpath*",
			"report_cfi_failure*", "handle_overflow", "fail_dump") },
	/* lockdep: its validation and its printing, under any lock operation */
	{ CHECKER, PATS("print_circular_bug*", "register_lock_class", "look_up_lock_class",
			"check_noncircular", "check_prev_add", "check_prevs_add", "validate_chain",
			"__lock_acquire", "lock_acquire", "lock_release", "__lock_release", "lock_acquired",
			"lock_contended", "mark_lock*", "mark_usage", "mark_held_locks", "check_wait_context",
			"hlock_class", "__bfs*", "check_path*", "check_redundant", "valid_state",
			"check_deadlock", "print_bad_irq_dependency", "check_irq_usage", "check_usage*",
			"check_flags", "check_chain_key", "lockdep_*", "__lockdep_*", "print_lock*",
			"print_shortest_lock_dependencies", "print_unlock_imbalance_bug", "lock_is_held*",
			"__lock_is_held", "find_held_lock", "lock_downgrade", "graph_lock",
			"debug_check_no_locks*", "__debug_check_no_obj_freed", "debug_check_no_obj_freed",
			"perf_trace_lock*", "trace_event_raw_event_lock*", "lockdep_rcu_suspicious",
			"rcu_read_lock_held*", "rcu_read_lock_sched_held", "debug_lockdep_rcu_enabled",
			"spin_dump") },
	/* object debugging, refcount and might_sleep checks: they warn about their caller */
	{ CHECKER, PATS("debug_object_*", "debug_print_object", "debug_objects_*", "__debug_object_*",
			"refcount_warn_saturate", "__refcount_*", "refcount_*", "schedule_debug",
			"__might_sleep", "__might_resched", "__might_fault", "___might_sleep",
			"might_sleep", "__cant_sleep", "__cant_migrate", "check_preemption_disabled",
			"debug_smp_processor_id", "__this_cpu_preempt_check", "kmemleak_*",
			"create_object", "__create_object", "__list_add_valid*", "__list_del_entry_valid*",
			"list_*_valid*", "ref_tracker_*", "__ref_tracker_*", "seqprop_assert",
			"reacquire_held_locks", "fs_reclaim_acquire", "fs_reclaim_release",
			"might_alloc", "__might_alloc",
			/* debug objects' callbacks into the object's owner */
			"*_is_static_object", "*_fixup_free", "*_fixup_init", "*_fixup_activate",
			"*_fixup_assert_init") },
	/* fault injection: the failure it injects is on purpose */
	{ MACHINE, PATS("should_fail*", "__should_fail*", "should_failslab", "__should_failslab") },
	/* watchdogs, hung-task and stall detectors, NMI backtraces, crash dumps */
	{ MACHINE, PATS("watchdog_timer_fn", "watchdog_overflow_callback",
			"watchdog_hardlockup_check", "watchdog_check_hardlockup",
			"watchdog_buddy_check_hardlockup", "watchdog", "check_hung_uninterruptible_tasks",
			"check_hung_task", "hung_task_*", "softlockup_fn", "nmi_cpu_backtrace",
			"nmi_trigger_cpumask_backtrace", "arch_trigger_cpumask_backtrace",
			"trigger_*backtrace", "dump_cpu_task", "sched_show_task", "_sched_show_task",
			"show_state_filter", "debug_show_all_locks", "rcu_dump_cpu_stacks",
			"print_cpu_stall*", "print_other_cpu_stall", "check_cpu_stall", "rcu_pending",
			"rcu_sched_clock_irq", "rcu_check_callbacks", "rcu_stall_kick_kthreads",
			"rcu_check_gp_start_stall", "rcu_check_gp_kthread_starvation",
			"synchronize_rcu_expedited_wait*", "crash_kexec", "__crash_kexec",
			"machine_kexec", "machine_crash_shutdown") },
	/* KASAN, KFENCE, KMSAN, KCSAN, UBSAN, KCOV: instrumentation inlined everywhere */
	{ SANRT, PATS("kasan_*", "__kasan_*", "__asan_*", "asan_*", "__hwasan_*", "hwasan_*",
		      "check_memory_region*",
		      "check_region_inline", "kfence_*", "__kfence_*", "kmsan_*", "__msan_*",
		      "kcsan_*", "__kcsan_*", "__tsan_*", "ubsan_*", "__ubsan_*", "instrument_*",
		      "__sanitizer_*", "write_comp_data", "kcov_*", "__fortify_*", "qlist_*",
		      "quarantine_*") },
	/* compiler thunks: retpolines and return thunks; linker section marks */
	{ SANRT, PATS("__x86_indirect_thunk_*", "__x86_return_thunk", "*_text_start",
		      "*_text_end", "srso_*return_thunk", "preempt_schedule_thunk",
		      "*_thunk") },
	/* exception, interrupt and syscall entry: how the CPU got here */
	{ ENTRY, PATS(SYSCALL_ENTRY_FNS, "asm_*", "entry_*", "ret_from_*", "kthread", "do_syscall_*",
		      "retint_*", "restore_regs_and_return_to_kernel", "__x64_sys_*", "__ia32_sys_*",
		      "__arm64_sys_*", "syscall_exit_*", "exit_to_user_mode*", "irqentry_*",
		      "__irqentry_*", "do_el1_*", "el1_*", "__el1_*", "el1h_64_*", "el0_*", "el0t_*",
		      "do_el0_*", "do_notify_resume", "work_pending", "__irq_svc", "__dabt_svc",
		      "ret_fast_syscall") },
	/* interrupt and softirq dispatch, timers: they ran the handler */
	{ ENTRY, PATS("common_interrupt", "__common_interrupt", "do_IRQ", "handle_irq",
		      "handle_edge_irq", "handle_fasteoi_irq", "handle_level_irq", "handle_irq_event*",
		      "__handle_irq_event_percpu", "handle_percpu_devid_irq", "handle_domain_irq",
		      "__handle_domain_irq", "generic_handle_*", "handle_irq_desc", "gic_handle_irq",
		      "call_on_irq_stack", "do_interrupt_handler", "__do_softirq", "handle_softirqs",
		      "do_softirq*", "__irq_exit_rcu", "irq_exit*", "run_ksoftirqd",
		      "smpboot_thread_fn", "sysvec_*", "__sysvec_*", "smp_apic_timer_interrupt*",
		      "apic_timer_interrupt", "local_apic_timer_interrupt", "hrtimer_interrupt",
		      "__hrtimer_run_queues", "smp_trace_apic_timer_interrupt",
		      "trace_apic_timer_interrupt", "__run_hrtimer", "hrtimer_run_queues", "tick_*",
		      "clockevents_program_event", "lapic_next_event", "lapic_next_deadline",
		      "update_process_times", "arch_timer_handler_*", "timer_handler",
		      "cpu_stopper_thread", "default_do_nmi", "exc_nmi", "do_nmi", "nmi_handle",
		      "unknown_nmi_error", "io_check_error", "pci_serr_error", "perf_event_nmi_handler",
		      "__perf_event_overflow", "perf_event_overflow", "handle_pmi_common",
		      "intel_pmu_handle_irq", "amd_pmu_handle_irq", "armv8pmu_handle_irq",
		      "end_repeat_nmi", "repeat_nmi") },
	/* context switch, idle and boot */
	{ ENTRY, PATS("context_switch", "__switch_to", "__switch_to_asm", "cpu_switch_to",
		      "finish_task_switch*", "preempt_schedule*", "__preempt_schedule*",
		      "___preempt_schedule*", "__cond_resched", "_cond_resched",
		      "should_resched",
		      "native_safe_halt", "safe_halt", "pv_native_safe_halt", "default_idle*",
		      "arch_cpu_idle*", "cpu_idle_poll", "do_idle", "cpu_startup_entry", "cpuidle_enter*",
		      "acpi_idle_*", "poll_idle", "cpu_do_idle", "start_secondary",
		      "secondary_start_kernel", "rest_init", "start_kernel", "x86_64_start_*",
		      "arch_call_rest_init", "secondary_startup_*", "common_startup_64",
		      "__secondary_switched", "__primary_switched") },
	/* memory and string functions: the caller chose the pointers and lengths */
	{ HELPER, PATS("memcpy*", "__memcpy*", "memmove*", "__memmove*", "memset*", "__memset*",
		       "memcmp", "__memcmp", "bcmp", "memchr*", "memscan", "memdup_user*", "kmemdup*",
		       "strlen", "strnlen", "strcpy", "strncpy", "strscpy*", "sized_strscpy", "strcat",
		       "strncat", "strlcpy", "strlcat", "strcmp", "strncmp", "strcasecmp", "strncasecmp",
		       "strchr", "strrchr", "strnchr", "strchrnul", "strstr", "strnstr", "strsep",
		       "strspn", "strcspn", "strpbrk", "strim", "string", "string_*", "__strscpy*",
		       "__strlen", "__strcpy", "__strncpy", "__strcat", "__strnlen", "kstrdup*",
		       "kstrndup", "kasprintf", "kvasprintf*", "vsnprintf", "snprintf", "sprintf",
		       "vsprintf", "scnprintf", "vscnprintf", "crc32*", "__crc32*", "crc32c*", "crc_*",
		       "crc16*", "crc64*", "crc7*", "crc8*", "crc4",
		       "pointer", "va_format", "hex_string", "widen_string", "string_nocheck",
		       "format_decode", "hex_dump_to_buffer", "print_hex_dump*",
		       "extract_user_to_sg", "extract_iter_to_sg", "prandom_*", "get_random_u*",
		       "get_random_bytes*") },
	/* printk: it prints what its caller formatted (a CPU stuck printing: see WAIT) */
	{ HELPER, PATS("printk", "_printk", "printk_*", "__printk_*", "vprintk*", "dev_printk*",
		       "__dev_printk", "_dev_err", "_dev_warn", "_dev_info", "dev_vprintk_emit") },
	/* list, tree, hash table, ID allocator, xarray and bitmap primitives */
	{ HELPER, PATS("list_*", "__list_*", "hlist_*", "__hlist_*", "rb_*", "__rb_*", "xa_*", "__xa_*",
		       "xas_*", "radix_tree_*", "__radix_tree_*", "idr_alloc*", "idr_get_free*",
		       "rhashtable_*", "__rhashtable_*", "rht_*", "jhash*",
		       "test_and_set_bit*", "test_and_clear_bit*", "test_and_change_bit*", "set_bit",
		       "clear_bit", "change_bit", "__set_bit", "__clear_bit", "test_bit",
		       "arch_test_and_*_bit", "arch_set_bit", "arch_clear_bit") },
	/* atomics and one-word accessors: they touch what the caller points at */
	{ HELPER, PATS("atomic_*", "atomic64_*", "atomic_long_*", "arch_atomic*", "raw_atomic*",
		       "__ll_sc_*", "__lse_*", "_atomic_dec_and_*lock*", "atomic_dec_and_*lock*",
		       "__read_once*", "read_word_at_a_time", "lockref_*") },
	/* arm64 cache maintenance and DMA syncs: the driver chose the buffer */
	{ HELPER, PATS("dcache_clean_*", "dcache_inval_*", "caches_clean_inval_*",
		       "__flush_dcache_area", "__inval_dcache_area", "__clean_dcache_area_*",
		       "__dma_map_area", "__dma_unmap_area", "__dma_flush_area",
		       "arch_sync_dma_for_*") },
	/*
	 * the DMA API and what carries it out (dma-debug, swiotlb, the IOMMU
	 * and its page tables): their checks catch a driver's bad mapping,
	 * size or device
	 */
	{ HELPER, PATS("dma_map_*", "dma_unmap_*", "__dma_map_*", "__dma_unmap_*", "dma_alloc_attrs",
		       "dma_free_attrs", "dma_alloc_coherent", "dma_free_coherent", "dma_sync_*",
		       "__dma_sync_*", "dma_direct_map_*", "dma_direct_unmap_*", "dma_direct_sync_*",
		       "dma_direct_alloc*", "dma_direct_free*", "debug_dma_*", "check_unmap", "check_sync",
		       "swiotlb_*", "iommu_dma_*", "__iommu_dma_*", "iommu_map*", "iommu_unmap*",
		       "__iommu_map*", "__iommu_unmap*", "arm_lpae_*", "__arm_lpae_*",
		       "arm_smmu_map*", "arm_smmu_unmap*", "sg_alloc_table*", "__sg_alloc_table*",
		       "sg_free_table*", "__sg_free_table*") },
	/* block ciphers, their modes and walkers: the caller gave the key and the data */
	{ HELPER, PATS("aes_encrypt", "aes_decrypt", "aes_expandkey", "aesti_*", "crypto_aes_*",
		       "crypto_ecb_*", "crypto_cbc_*", "crypto_ctr_*", "xts_*", "crypto_skcipher_*",
		       "skcipher_walk_*", "scatterwalk_*") },
	/* port, MMIO and MSR accessors: the driver chose the address */
	{ HELPER, PATS("logic_in*", "logic_out*", "inb", "inw", "inl", "outb", "outw", "outl",
		       "inb_p", "outb_p", "ioread*", "iowrite*", "readb", "readw", "readl", "readq",
		       "writeb", "writew", "writel", "writeq", "__raw_read*", "__raw_write*",
		       "memcpy_fromio", "memcpy_toio", "__memcpy_fromio", "__memcpy_toio",
		       "memset_io", "native_write_msr*", "native_read_msr*", "wrmsr*", "rdmsr*") },
	/* the driver model and sysfs: the driver registered, removed or looked up */
	{ HELPER, PATS("device_del", "device_unregister", "device_destroy", "get_device_parent",
		       "cdev_device_add", "cdev_device_del",
		       "get_device", "put_device", "device_remove_file*", "device_create_file",
		       "klist_*", "sysfs_*", "__sysfs_*", "dpm_sysfs_*",
		       "bus_add_device", "bus_remove_device", "device_release_driver*",
		       "rollback_registered*", "unregister_netdevice*", "unregister_netdev",
		       "register_netdevice", "ida_*", "idr_remove", "idr_find", "idr_replace",
		       "idr_destroy",
		       /* iterators that call the driver's function on each device */
		       "device_for_each_child*", "bus_for_each_dev", "bus_for_each_drv",
		       "driver_for_each_device", "class_for_each_device", "driver_create_file",
		       "driver_remove_file") },
	/* socket buffers: allocated, cloned, copied and freed for their user */
	{ HELPER, PATS("skb_*", "__skb_*", "pskb_*", "__pskb_*", "*kfree_skb*", "consume_skb",
		       "__consume_stateless_skb", "napi_consume_skb", "__alloc_skb", "alloc_skb*",
		       "__netdev_alloc_skb", "__napi_alloc_skb", "sk_skb_reason_drop", "build_skb*",
		       "__build_skb*", "napi_build_skb") },
	/* user copies and iov iterators: the caller gave the buffer */
	{ HELPER, PATS("copy_to_user*", "copy_from_user*", "_copy_to_user", "_copy_from_user",
		       "__copy_to_user*", "__copy_from_user*", "raw_copy_*", "copy_user_*",
		       "rep_movs_alternative", "copyin", "copyout", "copy_*_iter*", "_copy_*_iter*",
		       "__copy_*_iter*", "iterate_iovec", "iterate_bvec", "iterate_kvec",
		       "iterate_xarray", "iterate_ubuf", "iterate_and_advance*", "__get_user_[0-9n]*",
		       "__put_user_[0-9n]*", "get_user_[0-9]*", "put_user_[0-9]*", "strncpy_from_user",
		       "do_strncpy_from_user", "clear_user", "__clear_user", "check_copy_size",
		       "sk_msg_memcopy_from_iter", "simple_copy_to_iter",
		       /* arm64's user copies under copy_*_user */
		       "__arch_copy_from_user", "__arch_copy_to_user", "__arch_copy_in_user",
		       "__arch_clear_user") },
	/* slab, page and percpu allocators: they return what was asked for */
	{ HELPER, PATS("kfree", "kvfree", "kfree_sensitive", "kvfree_sensitive", "kfree_rcu*",
		       "kfree_const",
		       "kmem_cache_free*", "slab_free*", "__slab_free", "do_slab_free", "___slab_free",
		       "kmem_cache_create*", "__kmem_cache_create*", "kmem_cache_destroy",
		       "kmalloc", "kmalloc_node*", "kmalloc_array*", "kmalloc_slab", "kmalloc_order*",
		       "kmalloc_reserve", "kmalloc_noprof", "kmalloc_*_noprof", "__kmalloc*",
		       "kmem_cache_alloc*", "__kmem_cache_alloc*", "__kmem_cache_free*", "kzalloc*",
		       "kvmalloc*", "__kvmalloc*", "krealloc*", "__krealloc", "kcalloc*", "slab_alloc*",
		       "__slab_alloc*", "___slab_alloc", "slab_post_alloc_hook", "slab_pre_alloc_hook",
		       "alloc_pages*", "__alloc_pages*", "alloc_slab_page", "allocate_slab", "new_slab",
		       "put_cpu_partial", "deactivate_slab", "flush_cpu_slab", "unfreeze_partials",
		       "__vmalloc*", "vmalloc*", "vzalloc*", "__get_free_pages", "get_zeroed_page*",
		       "folio_alloc*", "__folio_alloc*", "alloc_pages_mpol*", "alloc_page_interleave",
		       "get_page_from_freelist", "prep_new_page", "kmalloc_trace*", "__do_kmalloc_node",
		       "kmalloc_large*", "__kmalloc_large*", "kmalloc_node_trace*",
		       "___kmalloc_large_node", "kvrealloc*", "kvcalloc*", "kvzalloc*", "free_percpu",
		       "__free_percpu", "pcpu_*", "__alloc_percpu*", "alloc_percpu*", "vfree*",
		       "__vfree*", "__vunmap", "vunmap", "alloc_inode", "usb_alloc_urb",
		       "post_alloc_hook", "free_unref_*", "__free_pages*", "free_pages*",
		       "free_pages_prepare", "free_page_is_bad*", "__folio_put", "folio_put*",
		       "folios_put*", "release_pages", "page_pool_alloc*", "__page_pool_alloc*",
		       "filemap_alloc_folio*", "__alloc_frozen_pages*", "alloc_frozen_pages*",
		       "rmqueue*", "__rmqueue*",
		       /* wrappers named after the allocator: sock_kmalloc, bpf_map_kzalloc */
		       "*_kmalloc*", "*_kzalloc*", "*_kcalloc*", "*_kvmalloc*", "*_kvzalloc*",
		       "free_large_kmalloc") },
	/* RCU callbacks and wait-queue primitives */
	{ HELPER, PATS("call_rcu*", "__call_rcu*", "kvfree_call_rcu", "finish_wait", "prepare_to_wait*",
		       "add_wait_queue*", "remove_wait_queue", "__wake_up*", "autoremove_wake_function",
		       "default_wake_function", "try_to_wake_up", "complete", "complete_all",
		       "wait_for_completion*", "__wait_for_common", "wait_for_common*") },
	/* notifier chains: they call each registered callback in turn */
	{ HELPER, PATS("notifier_call_chain", "*_notifier_call_chain*", "call_netdevice_notifiers*",
		       "__call_netdevice_notifiers*", "call_netdevice_notifier*") },
	/* timer APIs: the caller armed, re-armed or stopped its own timer */
	{ HELPER, PATS("mod_timer", "__mod_timer", "add_timer*", "lock_timer_base", "sk_reset_timer",
		       "sk_stop_timer*", "timer_reduce", "del_timer*", "timer_delete*",
		       "__timer_delete*", "try_to_del_timer_sync", "__try_to_del_timer_sync",
		       "init_timer_key", "__init_timer*", "timer_init_key", "hrtimer_init*",
		       "__hrtimer_init*") },
	/* registration and queueing APIs that check their caller's arguments */
	{ HELPER, PATS("kobject_*", "__kobject_*", "add_uevent_var", "proc_register", "proc_create*", "device_add",
		       "device_register", "__queue_work", "queue_work_on", "__queue_delayed_work",
		       "queue_delayed_work_on", "__flush_work*", "flush_work*", "__cancel_work*",
		       "cancel_work*", "cleanup_srcu_struct", "kthread_stop*", "insert_work",
		       "kthread_should_*", "__kthread_should_*", "try_to_grab_pending") },
	/* subsystem unregistration that frees on the driver's behalf */
	{ HELPER, PATS("device_release", "devres_release_all", "hwrng_unregister", "i2c_del_adapter",
		       "tty_unregister_device", "__unregister_client", "dummy_urb_enqueue") },
	/* USB transfers: the driver built the URB or the message */
	{ HELPER, PATS("usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg", "usb_control_msg*",
		       "usb_interrupt_msg", "usb_hcd_submit_urb", "usb_kill_*", "usb_poison_*",
		       "usb_unlink_*", "usb_free_urb", "usb_hcd_unlink_urb") },
	/* lock and unlock functions: the caller holds or wants the lock */
	{ HELPER, PATS("mutex_*", "__mutex_*", "ww_mutex_*", "__ww_mutex_*", "_raw_*", "__raw_*",
		       "raw_spin_*", "spin_*", "queued_*", "native_queued_*", "__pv_queued_*",
		       "pv_queued_*", "do_raw_*", "rt_mutex*", "__rt_mutex*", "rt_spin_*", "rtlock_*",
		       "down",
		       "down_*", "__down*", "up", "up_read", "up_write", "rwsem_*", "__rwsem_*",
		       "percpu_down_*", "percpu_up_*", "__percpu_down_*", "lock_sock*", "__lock_sock*",
		       "console_trylock", "__down_trylock_console_sem",
		       "release_sock", "__release_sock", "read_lock*", "write_lock*", "local_bh_*",
		       /* cleanup.h's lock guards: guard(raw_spinlock_irqsave)(&l) */
		       "class_*_constructor", "class_*_destructor",
		       "owner_on_cpu", "osq_lock", "osq_unlock", "read_unlock*", "write_unlock*",
		       "__local_bh_*", "preempt_count_*") },
	/* reference puts and file release: whoever dropped the last reference */
	{ HELPER, PATS("kref_put*", "kref_get*", "__kref_*", "fput", "__fput*", "____fput", "fdput",
		       "task_work_run", "iput", "iput_final", "ihold", "dput", "fast_dput",
		       "drop_nlink") },
	/* page-cache lookups on a mapping someone else got wrong */
	{ HELPER, PATS("find_lock_entries", "find_get_entries", "find_get_page*", "find_lock_page",
		       "truncate_cleanup_folio", "truncate_inode_folio", "truncate_inode_pages*",
		       "pagecache_get_page", "__filemap_get_folio*", "filemap_get_folio*",
		       "filemap_get_entry", "filemap_get_pages", "find_or_create_page",
		       "grab_cache_page_write_begin", "read_cache_page*", "do_read_cache_folio",
		       "do_read_cache_page", "folio_unlock", "unlock_page",
		       "__folio_unlock") },
	/* hangs: the scheduler and its waits, up to the waiter */
	{ WAIT, PATS("schedule*", "__schedule*", "io_schedule*", "*wait_for_*", "*wait_event*",
		     "wait_*", "__wait_*", "do_wait_*", "*_wait_on_*", "out_of_line_wait_on_*",
		     "bit_wait*", "folio_wait*", "__folio_lock*", "folio_lock*", "__lock_page*",
		     "lock_page*", "wait_on_page*", "msleep*", "usleep_range*", "ssleep",
		     "schedule_timeout*", "schedule_hrtimeout*", "do_nanosleep",
		     "hrtimer_nanosleep", "cpu_relax") },
	/*
	 * hangs: flushes of work, RCU and other CPUs, and parking threads
	 * (work flushes and cancels, kthread_stop, timer deletion, wait-queue
	 * steps and the lock functions are helpers, skipped in every kind)
	 */
	{ WAIT, PATS("drain_workqueue", "destroy_workqueue", "cancel_delayed_work*",
		     "flush_delayed_work*", "flush_*_work", "synchronize_rcu*", "synchronize_srcu*",
		     "__synchronize_srcu", "synchronize_sched*", "synchronize_net", "wait_rcu_gp",
		     "__wait_rcu_gp", "rcu_barrier*", "csd_lock_wait*", "smp_call_function*",
		     "on_each_cpu*", "stop_machine*", "stop_cpus*", "kthread_park",
		     "hrtimer_cancel", "hrtimer_try_to_cancel") },
	/* hangs: sleeping locks and their named wrappers (rtnl_lock, inode_lock, ...) */
	{ WAIT, PATS("rtnl_lock*", "__rtnl_lock", "rtnl_net_lock*", "percpu_*rwsem*", "__percpu_*",
		     "inode_lock*", "__inode_lock*", "lock_two_*", "lock_buffer", "__lock_buffer",
		     "wait_on_buffer", "__wait_on_buffer", "*_lock", "*_lock_nested",
		     "*_lock_killable", "*_lock_interruptible", "*_write_lock", "*_read_lock",
		     "*_lock_*", "ldsem_*", "call_rwsem_*") },
	/* hangs: writeback and block-queue waits */
	{ WAIT, PATS("wb_wait_*", "__writeback_inodes_sb*", "writeback_inodes_sb*",
		     "sync_inodes_sb", "filemap_fdatawait*", "__filemap_fdatawait*", "*fdatawait*",
		     "file_write_and_wait*", "filemap_write_and_wait*",
		     "blk_mq_freeze_queue_wait*", "blk_execute_rq", "blk_mq_freeze_queue*") },
	/* a CPU stuck printing: the one that printed so much */
	{ WAIT, PATS("console_emit_next_record", "console_unlock", "console_flush_all",
		     "__console_flush_and_unlock", "console_trylock_spinning",
		     "serial8250_console_*", "univ8250_console_write", "pl011_console_write*",
		     "wait_for_xmitr", "bt_err*", "bt_warn*", "bt_info") },
};

/*
 * Dispatchers: the frames that run one operation's handler for the
 * syscall, the network stack, a timer, a tasklet or the workqueue. A
 * stall or soft lockup samples the CPU wherever it happened to be; the
 * operation that does not end is the handler such a dispatcher called
 * (vfs_write -> snd_pcm_oss_write, call_timer_fn -> neigh_timer_handler).
 */
static const char *const dispatchers[] = {
	/* file operations */
	"__vfs_write", "__vfs_read", "vfs_write", "vfs_read", "new_sync_write", "new_sync_read",
	"vfs_iter_read", "vfs_iter_write", "do_iter_readv_writev", "vfs_ioctl", "do_vfs_ioctl",
	"ksys_ioctl", "__do_sys_ioctl", "__se_sys_ioctl", "*compat_sys_ioctl", "compat_ioctl",
	"SyS_ioctl", "SYSC_ioctl", "compat_SyS_ioctl", "C_SYSC_ioctl", "sys_ioctl",
	"blkdev_ioctl", "compat_blkdev_ioctl", "blkdev_compat_ioctl", "do_dentry_open",
	"mmap_region", "__do_fault",
	/* sockets and netlink */
	"sock_sendmsg", "__sock_sendmsg", "sock_sendmsg_nosec", "sock_recvmsg", "sock_do_ioctl", "__sock_release",
	"sock_common_setsockopt", "__netif_receive_skb*", "rtnetlink_rcv_msg",
	"nfnetlink_rcv_msg", "netlink_dump",
	/* timers, softirqs, work, cross-CPU calls, deferred file release */
	"call_timer_fn", "tasklet_action*", "tasklet_hi_action", "process_one_work",
	"task_work_run", "__fput",
	/* a threaded interrupt handler, a kernel thread: the handler, the thread function */
	"irq_thread_fn", "irq_forced_thread_fn", "kthread",
	/* syscall entry: the syscall's own function */
	SYSCALL_ENTRY_FNS, NULL,
};

static bool family_match(const struct family *f, const char *fn)
{
	/* arm64's position-independent aliases of lib functions: __pi_memcpy */
	const char *bare = strncmp(fn, "__pi_", 5) == 0 ? fn + 5 : fn;

	for (size_t i = 0; f->pat[i]; i++)
		if (fnmatch(f->pat[i], fn, 0) == 0 || fnmatch(f->pat[i], bare, 0) == 0)
			return true;
	return false;
}

/* Does any family of a class in @mask (1 << class) list @fn? */
static bool frame_in(const char *fn, unsigned mask)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if ((mask & (1u << families[i].cls)) && family_match(&families[i], fn))
			return true;
	return false;
}

#define NOT_WAIT ((1u << MACHINE) | (1u << CHECKER) | (1u << SANRT) | (1u << ENTRY) | (1u << HELPER))

bool pc_frame_generic(const char *fn)
{
	return frame_in(fn, NOT_WAIT);
}

bool pc_frame_waits(const char *fn)
{
	return frame_in(fn, 1u << WAIT);
}

/* A function a sanitizer's title names is guilty unless it only did its caller's work. */
static bool named_passes_on(const char *fn)
{
	return frame_in(fn, (1u << CHECKER) | (1u << SANRT) | (1u << ENTRY) | (1u << HELPER));
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

/*
 * Fault function from "RIP: 0010:func+0x1/0x2", old "RIP: 0010:[<..>]
 * [<..>] func+..", "RIP  [<..>] func+..", "IP: [<..>] func+..", arm64
 * "pc : func+0x1/0x2", old arm64 "PC is at func+0x1/0x2", symbolised
 * "RIP: 0010:func fs/x.c:12". False for user mode or symbol-less values.
 */
static bool parse_fault_func(const struct line *l, char *out, size_t sz)
{
	const char *p = l->p, *end = l->p + l->len;
	size_t i;

	if (starts(l, "RIP: ") || starts(l, "RIP  ") || starts(l, "IP: ")) {
		p += starts(l, "IP: ") ? 4 : 5;
		if (end - p > 5 && p[4] == ':' && isxdigit((unsigned char)p[0])) {
			if (strncmp(p, "0033", 4) == 0 || strncmp(p, "0023", 4) == 0)
				return false;
			p += 5;
		}
	} else if (starts(l, "pc : ")) {
		p += 5;
	} else if (starts(l, "PC is at ")) {
		p += 9;
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
	i = ident(p, (size_t)(end - p), out, sz);
	/* 4.x arm64 "pc : [<addr>] lr : [<addr>]": no symbol, "lr" is a label */
	if (i == 0 || !(p + i == end || p[i] == ' ' || (end - (p + i) >= 3 && memcmp(p + i, "+0x", 3) == 0)) ||
	    (end - (p + i) >= 2 && memcmp(p + i, " :", 2) == 0)) {
		out[0] = 0;
		return false;
	}
	return true;
}

/*
 * arm64 "lr : func+0x1/0x2" or old "LR is at func+0x1/0x2": the function
 * the link register points into, or false.
 */
static bool parse_lr_func(const struct line *l, char *out, size_t sz)
{
	const char *p = l->p, *end = l->p + l->len;

	if (starts(l, "lr : "))
		p += 5;
	else if (starts(l, "LR is at "))
		p += 9;
	else
		return false;
	return pc_frame_name(p, (size_t)(end - p), out, sz) != 0;
}

static bool parse_fault(const struct line *l, struct pc_analysis *a)
{
	if (!parse_fault_func(l, a->fault_func, sizeof(a->fault_func)))
		return false;
	copy_line(a->fault_line, sizeof(a->fault_line), l);
	return true;
}

enum {
	F_UNRELIABLE = 1, /* "? func" */
	F_NMI = 2,        /* inside <NMI> ... </NMI> */
	F_IRQ = 4,        /* inside <IRQ> ... </IRQ> (or <EOI>) */
	F_INLINE = 8,     /* "func file.c:12 [inline]" */
	F_RIP = 16,       /* an interrupted context's RIP inside the trace */
	F_HEADER = 32,    /* a header's helper, an inlined frame, a hook: passed over first */
	F_NAMED = 64,     /* a name from outside the trace: a last resort */
	F_TITLE = 128,    /* the function a sanitizer's title names: guilty */
};

/*
 * A header's function? "func+0x1/0x2 include/linux/list.h:12", "func
 * include/net/x.h:3 [inline]". decode_stacktrace.sh may print addr2line
 * -i's whole chain, the inlined callees first and the function's own line
 * last: then only that last one counts ("pick_next_task_dl
 * (./include/linux/sched/deadline.h:13 kernel/sched/deadline.c:1766)" is
 * deadline.c's). A lone location may be an inlined callee's or the
 * function's own, so any header there marks it, as it always did.
 * A Rust function's own line is a ".rs:" location.
 */
static bool header_path(const char *p, const char *end)
{
	const char *loc = NULL, *b;
	size_t nloc = 0;

	for (const char *q = p; q + 3 <= end; q++)
		if ((q[0] == '.' && (q[1] == 'c' || q[1] == 'h' || q[1] == 'S') && q[2] == ':') ||
		    (q + 4 <= end && !memcmp(q, ".rs:", 4))) {
			loc = q;
			nloc++;
		}
	/* "./include/" and "arch/x86/include/" are both "/include/" */
	if (nloc < 2)
		return memmem(p, (size_t)(end - p), " include/", 9) ||
		       memmem(p, (size_t)(end - p), "/include/", 9);
	for (b = loc; b > p && b[-1] != ' ' && b[-1] != '('; b--)
		;
	return (loc - b >= 8 && !memcmp(b, "include/", 8)) ||
	       memmem(b, (size_t)(loc - b), "/include/", 9);
}

/* The rest of a "Code:" line that a mail wrapped: "48 89 d6 <0f> 0b ff". */
static bool code_bytes(const char *p, const char *end)
{
	size_t groups = 0;

	while (p < end) {
		const char *q = p;

		if (*q == '<' || *q == '(')
			q++;
		if (end - q < 2 || !isxdigit((unsigned char)q[0]) || !isxdigit((unsigned char)q[1]))
			return false;
		q += 2;
		if (q < end && (*q == '>' || *q == ')'))
			q++;
		if (q < end && *q != ' ')
			return false;
		groups++;
		while (q < end && *q == ' ')
			q++;
		p = q;
	}
	return groups >= 4;
}

/* Register dumps and code bytes inside a trace: "RAX: ...", "Code: ...". */
static bool is_regs_line(const char *p, const char *end)
{
	size_t n = 0;

	if (end - p > 16 && memcmp(p, "Exception stack(", 16) == 0)
		return true;
	if (code_bytes(p, end))
		return true;
	/* also other kernel messages printed into the trace: "subsys: ..." */
	while (p + n < end && n < 32 && (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '-'))
		n++;
	return n >= 2 && p + n < end && p[n] == ':';
}

/*
 * One call-trace line: a frame (1), a marker like <IRQ> (2), a line that
 * belongs to the trace without being a frame (3), or none of these (0).
 */
static bool source_path(const char *p, const char *end);

static int parse_frame(const struct line *l, char *fn, size_t sz, unsigned *flags, unsigned *section)
{
	const char *p = l->p, *end = l->p + l->len;
	size_t i;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '<') {
		const char *q = memchr(p, '>', (size_t)(end - p));
		size_t n;

		if (!q || q - p > 16)
			return 0;
		n = (size_t)(q - p);
		if (n == 4 && memcmp(p, "<NMI", 4) == 0)
			*section |= F_NMI;
		if (n == 5 && memcmp(p, "</NMI", 5) == 0)
			*section &= ~(unsigned)F_NMI;
		if (n == 4 && memcmp(p, "<IRQ", 4) == 0)
			*section |= F_IRQ;
		if ((n == 5 && memcmp(p, "</IRQ", 5) == 0) || (n == 4 && memcmp(p, "<EOI", 4) == 0))
			*section &= ~(unsigned)F_IRQ;
		return 2;
	}
	*flags = *section;
	if (starts(&(struct line){ p, (size_t)(end - p), false }, "RIP: ") ||
	    starts(&(struct line){ p, (size_t)(end - p), false }, "pc : ")) {
		if (parse_fault_func(&(struct line){ p, (size_t)(end - p), false }, fn, sz)) {
			*flags |= F_RIP | (header_path(p, end) ? F_HEADER : 0);
			/* "RIP: 0010:check_kcov_mode kernel/kcov.c:70 [inline]" */
			if (memmem(p, (size_t)(end - p), "[inline]", 8))
				*flags |= F_INLINE;
			return 1;
		}
		return 3;
	}
	if (end - p > 2 && p[0] == '[' && p[1] == '<') {
		const char *q = memchr(p, ']', (size_t)(end - p));

		if (!q)
			return 0;
		p = q + 1;
		while (p < end && *p == ' ')
			p++;
	}
	if (end - p > 2 && p[0] == '?' && p[1] == ' ') {
		*flags |= F_UNRELIABLE;
		p += 2;
	}
	/* a mail that turned the indentation's no-break space into "A " */
	if (end - p > 2 && isalpha((unsigned char)p[0]) && p[1] == ' ' &&
	    (isalpha((unsigned char)p[2]) || p[2] == '_'))
		p += 2;
	if (end - p > 2 && p[0] == '0' && p[1] == 'x') {
		fn[0] = 0; /* an address without a symbol */
		return 1;
	}
	i = ident(p, (size_t)(end - p), fn, sz);
	if (i && header_path(p + i, end))
		*flags |= F_HEADER;
	if (i && end - (p + i) >= 3 && memcmp(p + i, "+0x", 3) == 0)
		return 1;
	/* decode_stacktrace.sh output: "func (drivers/x.c:389 (discriminator 1))" */
	if (i && end - (p + i) > 6 && p[i] == ' ' && p[i + 1] == '(' &&
	    (memmem(p + i, (size_t)(end - (p + i)), ".c:", 3) ||
	     memmem(p + i, (size_t)(end - (p + i)), ".h:", 3) ||
	     memmem(p + i, (size_t)(end - (p + i)), ".S:", 3)))
		return 1;
	/* syzbot's symbolised inlined frames: "func fs/x.c:12 [inline]" */
	if (i && p + i + 1 < end && p[i] == ' ' && source_path(p + i + 1, end) &&
	    memmem(p + i, (size_t)(end - (p + i)), "[inline]", 8)) {
		*flags |= F_INLINE;
		return 1;
	}
	*flags &= ~(unsigned)F_HEADER;
	fn[0] = 0;
	if (is_regs_line(p, end))
		return 3;
	return 0;
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

struct frame {
	char fn[128];
	unsigned flags;
};

/* Keep a parsed frame (growing *fr), and list it in the report's trace unless stale. */
static int keep_frame(struct pc_analysis *a, struct frame **fr, size_t *nf, size_t *fcap,
		      const char *fn, unsigned flags)
{
	if (*nf == *fcap) {
		size_t cap = *fcap ? *fcap * 2 : 64;
		struct frame *f2 = realloc(*fr, cap * sizeof(**fr));

		if (!f2)
			return -ENOMEM;
		*fr = f2;
		*fcap = cap;
	}
	snprintf((*fr)[*nf].fn, sizeof((*fr)[*nf].fn), "%s", fn);
	(*fr)[(*nf)++].flags = flags;
	return flags & (F_UNRELIABLE | F_NMI) ? 0 : add_trace(a, fn);
}

static bool kind_is(const char *kind, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(kind, list[i]) == 0)
			return true;
	return false;
}

/*
 * A sanitizer's report of bad memory access: what follows it (the oops
 * that killed the machine) is its consequence, so it names the crash even
 * when something later made the kernel panic.
 */
static bool sanitizer_kind(const char *kind)
{
	static const char *const k[] = { "kasan", "kfence", "kmsan", "ubsan", NULL };

	return kind_is(kind, k);
}

/* Reports of a task or CPU that waits or spins too long, or of locking. */
static bool hang_kind(const char *kind)
{
	static const char *const k[] = {
		"hung-task", "rcu-stall", "soft-lockup", "hard-lockup", "sched-atomic",
		"sleep-in-atomic", "stack-corrupt", "nmi", "deadlock", "inconsistent-lock",
		"locking-bug", NULL,
	};

	return kind_is(kind, k);
}

/* Reports made from an interrupt of the guilty context. */
static bool irq_kind(const char *kind)
{
	static const char *const k[] = { "rcu-stall", "soft-lockup", "hard-lockup", "nmi", NULL };

	return kind_is(kind, k);
}

static bool skipped_f(const char *fn, unsigned flags, int level, bool hang)
{
	if (!fn[0])
		return true;
	if (flags & F_TITLE)
		return false;
	if (level >= 3)
		return !(flags & F_NAMED);
	if (level == 0 && (flags & F_HEADER))
		return true;
	if (level == 1 ? frame_in(fn, NOT_WAIT & ~(1u << ENTRY)) : pc_frame_generic(fn))
		return true;
	return level <= 1 && hang && pc_frame_waits(fn);
}

static void add_sig(struct pc_analysis *a, const char *fn)
{
	if (a->n_sig_frames >= PC_SIG_FRAMES)
		return;
	if (a->n_sig_frames && strcmp(a->sig_frames[a->n_sig_frames - 1], fn) == 0)
		return;
	snprintf(a->sig_frames[a->n_sig_frames++], sizeof(a->sig_frames[0]), "%s", fn);
}

static bool is_syscall_entry(const char *fn)
{
	static const char *const k[] = { SYSCALL_ENTRY_FNS, NULL };

	return kind_is(fn, k);
}

/* A syscall's own function under its entry: __x64_sys_X, __arm64_sys_X, SyS_X, ... */
static bool is_syscall(const char *fn)
{
	static const char *const k[] = {
		"__x64_sys_*", "__ia32_sys_*", "__arm64_sys_*", "__ia32_compat_sys_*",
		"__x64_compat_sys_*", "__arm64_compat_sys_*", "SyS_*", "sys_*", "compat_SyS_*",
		"compat_sys_*", "__se_sys_*", "__do_sys_*",
	};

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (!fnmatch(k[i], fn, 0))
			return true;
	return false;
}

/* Is @wrap the 32-bit compat wrapper of @native ("x_compat_ioctl", "x_ioctl")? */
static bool is_compat_of(const char *wrap, const char *native)
{
	const char *c = strstr(wrap, "compat_");
	size_t pre;

	if (!c)
		return false;
	pre = (size_t)(c - wrap);
	return !strncmp(wrap, native, pre) && !strcmp(c + 7, native + pre);
}

/*
 * The handler the innermost dispatcher among @c called: the index of the
 * frame before it that is not skipped, or @nc.
 */
static size_t dispatched(const struct frame *c, size_t nc, bool hang)
{
	for (size_t d = 1; d < nc; d++) {
		bool disp = false;

		for (size_t k = 0; dispatchers[k] && !disp; k++)
			disp = fnmatch(dispatchers[k], c[d].fn, 0) == 0;
		if (!disp)
			continue;
		/* syscall entry: the syscall itself ("__x64_sys_futex"), not a helper it called */
		for (size_t h = d; h-- > 0 && is_syscall_entry(c[h + 1].fn);)
			if (is_syscall(c[h].fn))
				return h;
		for (size_t h = d; h-- > 0;) {
			if (skipped_f(c[h].fn, c[h].flags, 0, hang))
				continue;
			/* a 32-bit compat wrapper (kvm_vcpu_compat_ioctl): the native handler it calls */
			if (h > 0 && is_compat_of(c[h].fn, c[h - 1].fn))
				return h - 1;
			return h;
		}
		return nc;
	}
	return nc;
}

/*
 * Sign with the operation a dispatcher ran (see dispatchers[]) among all
 * frames outside NMI, the "? " ones too when @stale, and its callers.
 */
static void sign_dispatched(struct pc_analysis *a, const struct frame *fr, size_t nf, bool hang,
			    bool stale)
{
	struct frame *all = calloc(nf + 1, sizeof(*all));
	size_t na = 0, op, i;

	if (!all)
		return;
	for (i = 0; i < nf; i++) {
		if ((fr[i].flags & F_NMI) || (!stale && (fr[i].flags & F_UNRELIABLE)))
			continue;
		all[na] = fr[i];
		all[na++].flags &= ~(unsigned)F_UNRELIABLE;
	}
	op = dispatched(all, na, hang);
	for (i = op; i < na && a->n_sig_frames < PC_SIG_FRAMES; i++)
		if (i == op || !skipped_f(all[i].fn, all[i].flags, 0, hang))
			add_sig(a, all[i].fn);
	free(all);
}

/* Does the first function that recurses have exception entry between its calls? */
static bool reenters_by_exception(const struct frame *c, size_t nc, bool hang)
{
	for (size_t r = 0; r < nc; r++) {
		if (skipped_f(c[r].fn, c[r].flags, 0, hang))
			continue;
		bool again = false;

		for (size_t q = r + 1, p = r; q < nc; q++) {
			if (strcmp(c[q].fn, c[r].fn))
				continue;
			for (size_t e = p + 1; e < q; e++)
				if (frame_in(c[e].fn, 1u << ENTRY))
					return true;
			again = true;
			p = q;
		}
		if (again)
			return false;
	}
	return false;
}

/* @fn becomes the guilty function, the others its callers. */
static void put_first(struct pc_analysis *a, const char *fn)
{
	char keep[PC_SIG_FRAMES][sizeof(a->sig_frames[0])];
	size_t nk = a->n_sig_frames;

	memcpy(keep, a->sig_frames, sizeof(keep));
	a->n_sig_frames = 0;
	add_sig(a, fn);
	for (size_t q = 0; q < nk; q++)
		if (strcmp(keep[q], fn))
			add_sig(a, keep[q]);
}

/* "BUG: KASAN: slab-use-after-free in FUNC+0x1/0x2": FUNC, or "". */
static void sanitizer_func(const char *title, char *out, size_t sz)
{
	static const char *const pre[] = {
		"BUG: KASAN: ", "BUG: KFENCE: ", "BUG: KMSAN: ", "BUG: KCSAN: ",
	};
	const char *in;

	out[0] = 0;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		if (strncmp(title, pre[i], strlen(pre[i])) != 0)
			continue;
		in = strstr(title, " in ");
		if (in && !strncmp(in + 4, "range ", 6))
			return;
		if (in && !ident(in + 4, strlen(in + 4), out, sz))
			out[0] = 0;
		return;
	}
}

/*
 * A function that called itself, three frames in a row: a recursion of
 * its own (the level loop below names it), not one through an operation
 * that a dispatcher ran.
 */
static bool calls_itself(const struct frame *c, size_t nc, bool hang)
{
	for (size_t i = 0; i + 2 < nc; i++)
		if (!skipped_f(c[i].fn, c[i].flags, 0, hang) && !strcmp(c[i].fn, c[i + 1].fn) &&
		    !strcmp(c[i].fn, c[i + 2].fn))
			return true;
	return false;
}

/*
 * The guilty function and its callers: the sanitizer's named function,
 * else the faulting function, then the trace, skipping what never is.
 */
static void pick_guilty(struct pc_analysis *a, const struct frame *fr, size_t nf, bool fault_hdr,
			const char *lock_func, const char *lr_func)
{
	bool hang = hang_kind(a->kind), irq = irq_kind(a->kind);
	bool sched_atomic = !strcmp(a->kind, "sched-atomic");
	/* asynchronous events: the pc they caught says nothing */
	bool async = !strcmp(a->kind, "serror") || !strcmp(a->kind, "nmi");
	size_t nc = 0, from = 0, i;
	struct frame *c = calloc(nf + 3, sizeof(*c));
	char named[128];
	bool spins_at_rip = false; /* the interrupted pc is a specific function */

	if (!c)
		return;
	sanitizer_func(a->title, named, sizeof(named));
	if (named[0]) {
		size_t at = nf;

		/* "? " frames are stale stack words, not the function named */
		for (i = 0; i < nf && at == nf; i++)
			if (strcmp(fr[i].fn, named) == 0 && !(fr[i].flags & (F_UNRELIABLE | F_NMI)))
				at = i;
		if (at < nf) {
			/* the sanitizer's function, or the caller of a helper it named */
			if (named_passes_on(named))
				/* past its inlined and out-of-line frames both */
				while (at < nf && strcmp(fr[at].fn, named) == 0)
					at++;
			for (i = at; i < nf; i++)
				if (!(fr[i].flags & (F_UNRELIABLE | F_NMI)))
					c[nc++] = fr[i];
			if (nc && strcmp(c[0].fn, named) == 0)
				c[0].flags |= F_TITLE;
		} else {
			/* a generic helper named with no trace: still the best name */
			if (!named_passes_on(named) || nf == 0) {
				snprintf(c[nc].fn, sizeof(c[0].fn), "%s", named);
				c[nc++].flags = named_passes_on(named) ? F_NAMED : F_TITLE;
			}
			for (i = 0; i < nf; i++)
				if (!(fr[i].flags & (F_UNRELIABLE | F_NMI)))
					c[nc++] = fr[i];
		}
	} else {
		bool task_part = false;

		bool softirq = false;

		for (i = 0; i < nf; i++) {
			if (!(fr[i].flags & (F_UNRELIABLE | F_NMI | F_IRQ)) &&
			    !skipped_f(fr[i].fn, fr[i].flags, 0, hang))
				task_part = true;
			/* softirq work ran in the interrupt part: it may be what stalled */
			if ((fr[i].flags & F_IRQ) && !(fr[i].flags & (F_UNRELIABLE | F_NMI)) &&
			    (!strcmp(fr[i].fn, "__do_softirq") || !strcmp(fr[i].fn, "handle_softirqs")))
				softirq = true;
		}
		task_part = task_part && !(softirq && hang);
		/*
		 * An NMI backtrace taken while the stalled CPU ran its timer
		 * interrupt: the RIP printed before the trace is the interrupt's,
		 * the stalled code is the task part after </IRQ>.
		 */
		size_t r0 = 0;

		while (r0 < nf && (fr[r0].flags & (F_UNRELIABLE | F_NMI)))
			r0++;
		/*
		 * A blocked task has no pc of its own: a RIP in a hung-task
		 * report is another CPU's, from the NMI backtraces after it.
		 */
		bool irq_rip = (irq && task_part && r0 < nf && (fr[r0].flags & F_IRQ) &&
				!(fr[r0].flags & F_RIP)) || !strcmp(a->kind, "hung-task");

		spins_at_rip = a->fault_func[0] && !irq_rip &&
			       !skipped_f(a->fault_func, fault_hdr ? F_HEADER : 0, 0, hang);

		if (a->fault_func[0] && !irq_rip) {
			/* with no trace at all, the faulting function is the best name */
			snprintf(c[nc].fn, sizeof(c[0].fn), "%s", a->fault_func);
			c[nc++].flags = (fault_hdr ? F_HEADER : 0) |
					(nf == 0 && !async ? F_NAMED : 0);
		} else if (lr_func[0] && !async) {
			/* a pc with no symbol (a call through a bad pointer): its caller, in lr */
			snprintf(c[nc].fn, sizeof(c[0].fn), "%s", lr_func);
			c[nc++].flags = 0;
		}
		for (i = 0; i < nf; i++) {
			if (fr[i].flags & (F_UNRELIABLE | F_NMI))
				continue;
			/* the interrupt that caught a spinning task is not guilty */
			if (irq && task_part && (fr[i].flags & F_IRQ))
				continue;
			c[nc++] = fr[i];
		}
	}
	/*
	 * syzbot's "func file.c:1 [inline]" lines: the kernel itself prints
	 * only the function they were inlined into (the next frame), and so
	 * does a sanitizer's title or a RIP; an inlined frame is part of that
	 * function, so a raw and a symbolised log of one bug agree. Only a
	 * trace cut right after inlined frames is left with them.
	 */
	for (i = 0; i < nc; i++) {
		size_t j = i;

		while (j < nc && (c[j].flags & F_INLINE))
			j++;
		if (j > i && j < nc)
			for (; i < j; i++)
				c[i].flags |= F_HEADER;
		i = j;
	}
	/*
	 * lockdep's irq-state hooks (trace_hardirqs_on from an unlock that
	 * enables interrupts) are how lockdep saw the state in its own
	 * reports; elsewhere (a BUG in the hook itself) they are code.
	 */
	if (!strcmp(a->kind, "inconsistent-lock") || !strcmp(a->kind, "deadlock") ||
	    !strcmp(a->kind, "locking-bug"))
		for (i = 0; i < nc; i++)
			if (!fnmatch("trace_hardirqs_*", c[i].fn, 0) ||
			    !fnmatch("trace_softirqs_*", c[i].fn, 0))
				c[i].flags |= F_HEADER;
	/*
	 * lockdep's "is trying to acquire lock: ... at: func" closes the cycle
	 * of a possible deadlock: that site is the report's own name for it.
	 */
	if (lock_func[0] && !strcmp(a->kind, "deadlock") && !pc_frame_generic(lock_func)) {
		memmove(c + 1, c, nc * sizeof(*c));
		snprintf(c[0].fn, sizeof(c[0].fn), "%s", lock_func);
		c[0].flags = F_TITLE;
		nc++;
	}
	/* lockdep's "trying to acquire ... at: func": when the trace says no more */
	else if (lock_func[0]) {
		snprintf(c[nc].fn, sizeof(c[0].fn), "%s", lock_func);
		c[nc++].flags = F_NAMED;
	}
	/*
	 * A stall or soft lockup whose pc is in a generic helper (a sample of
	 * a long operation, not a tight loop in a function of its own): the
	 * operation a dispatcher ran (see dispatchers[]) among all reliable
	 * frames, a softirq's in the interrupt part too; then its callers.
	 */
	if ((!strcmp(a->kind, "rcu-stall") || !strcmp(a->kind, "soft-lockup")) && !spins_at_rip)
		sign_dispatched(a, fr, nf, hang, false);
	/*
	 * A stack overflow by recursion through an operation (a stack of
	 * net devices updating each other under rtnl_newlink) is named by
	 * the operation a dispatcher ran; one that re-enters through an
	 * exception (a probe hit inside its own handler) by what recursed.
	 */
	if (!strcmp(a->kind, "stack-overflow") && !reenters_by_exception(c, nc, hang) &&
	    !calls_itself(c, nc, hang))
		sign_dispatched(a, fr, nf, hang, false);
	/*
	 * Levels: 0 skips everything above (waits in hangs); 1, only for
	 * "scheduling while atomic", keeps entry code, as the code that called
	 * schedule() is what the report is about, also when it is the return
	 * to user space; 2 keeps the waits; 3 keeps anything the trace named.
	 */
	for (int level = 0; level < 4 && !a->n_sig_frames; level += 1 + (level == 0 && !sched_atomic)) {
		for (from = 0; from < nc && skipped_f(c[from].fn, c[from].flags, level, hang); from++)
			;
		/* a stack overflow: the function that recurses */
		if (!strcmp(a->kind, "stack-overflow") && level == 0) {
			for (size_t r = from; r < nc; r++) {
				if (skipped_f(c[r].fn, c[r].flags, 0, hang))
					continue;
				for (size_t q = r + 1; q < nc; q++)
					if (!strcmp(c[q].fn, c[r].fn)) {
						from = r;
						r = nc;
						break;
					}
			}
		}
		if (from == nc)
			continue;
		add_sig(a, c[from].fn);
		for (i = from + 1; i < nc && a->n_sig_frames < PC_SIG_FRAMES; i++)
			if (!skipped_f(c[i].fn, c[i].flags, level, hang))
				add_sig(a, c[i].fn);
	}
	/*
	 * Nothing but checks and entry (a might_sleep check straight from a
	 * syscall whose body is its own wrapper, as arm64's rt_sigreturn): the
	 * syscall itself, rather than a check or helper that caught it.
	 */
	for (i = 0; i < nc && !a->n_sig_frames && (!a->fault_func[0] ||
						 pc_frame_generic(a->fault_func)); i++)
		if (!fnmatch("__*_sys_*", c[i].fn, 0) || !fnmatch("__do_sys_*", c[i].fn, 0))
			add_sig(a, c[i].fn);
	/*
	 * nothing but machinery left (a trace cut after the WARN): its site,
	 * unless a generic helper faulted and "? " frames follow (below)
	 */
	static const char *const faults[] = { "null-deref", "page-fault", "gpf", "oops", NULL };
	bool site_generic = pc_frame_generic(a->fault_func) && kind_is(a->kind, faults);

	if (!a->n_sig_frames && a->fault_func[0] && !async && !site_generic)
		add_sig(a, a->fault_func);
	/*
	 * A trace of nothing but "? " frames (an unwinder that lost its way
	 * in a stalled task): its words are stale but still the best there is.
	 */
	if (!a->n_sig_frames && !async &&
	    (!strcmp(a->kind, "rcu-stall") || !strcmp(a->kind, "soft-lockup")))
		sign_dispatched(a, fr, nf, hang, true);
	for (i = 0; i < nf && !a->n_sig_frames && !async; i++)
		if ((fr[i].flags & F_UNRELIABLE) && !(fr[i].flags & F_NMI) &&
		    !skipped_f(fr[i].fn, fr[i].flags & ~(unsigned)F_UNRELIABLE, 0, hang))
			for (size_t j = i; j < nf && a->n_sig_frames < PC_SIG_FRAMES; j++)
				if (!(fr[j].flags & F_NMI) &&
				    !skipped_f(fr[j].fn, fr[j].flags & ~(unsigned)F_UNRELIABLE, 0, hang))
					add_sig(a, fr[j].fn);
	/* a generic helper faulted and no frame tells who called it */
	if (!a->n_sig_frames && a->fault_func[0] && !async)
		add_sig(a, a->fault_func);
	free(c);
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
	if (strstr(msg, "Hard LOCKUP") || strstr(msg, "hard LOCKUP"))
		return "hard-lockup";
	if (strstr(msg, "softlockup") || strstr(msg, "soft lockup"))
		return "soft-lockup";
	if (strstr(msg, "hung_task") || strstr(msg, "blocked tasks"))
		return "hung-task";
	if (strstr(msg, "RCU Stall"))
		return "rcu-stall";
	if (strstr(msg, "corrupted stack end") || strstr(msg, "stack-protector"))
		return "stack-corrupt";
	if (strstr(msg, "stack overflow"))
		return "stack-overflow";
	if (strstr(msg, "SError"))
		return "serror";
	if (strstr(msg, "NMI"))
		return "nmi";
	if (strstr(msg, "panic_on_warn"))
		return "warn";
	return "panic";
}

/*
 * A report whose first line was cut off (an excerpt, an older part lost)
 * still shows the machinery that reported it: the kind that machinery
 * reports, the more specific first, or "unknown". Only the frames say it.
 */
static const char *kind_from_frames(const struct line *ls, size_t nl)
{
	/* block scope: PATS() makes compound literals, constant only at file scope */
	const struct {
		const char *kind;
		const char *const *pat;
	} by[] = {
		{ "refcount", PATS("refcount_warn_saturate") },
		{ "debug-objects", PATS("debug_print_object") },
		{ "kasan", PATS("kasan_report*", "__kasan_report*") },
		{ "kmsan", PATS("kmsan_report") },
		{ "kfence", PATS("kfence_report_error") },
		{ "ubsan", PATS("__ubsan_handle_*", "ubsan_epilogue") },
		{ "hard-lockup", PATS("watchdog_hardlockup_check", "watchdog_overflow_callback",
				      "watchdog_buddy_check_hardlockup") },
		{ "soft-lockup", PATS("watchdog_timer_fn") },
		{ "rcu-stall", PATS("print_cpu_stall", "print_other_cpu_stall", "rcu_dump_cpu_stacks") },
		{ "sleep-in-atomic", PATS("__might_resched", "___might_sleep") },
		{ "warn", PATS("__warn", "warn_slowpath_*") },
	};
	size_t best = sizeof(by) / sizeof(by[0]);
	unsigned flags = 0, section = 0;
	char fn[128];

	for (size_t i = 0; i < nl; i++) {
		if (parse_frame(&ls[i], fn, sizeof(fn), &flags, &section) <= 0)
			continue;
		for (size_t k = 0; k < best; k++)
			for (size_t j = 0; by[k].pat[j]; j++)
				if (fnmatch(by[k].pat[j], fn, 0) == 0)
					best = k;
	}
	return best < sizeof(by) / sizeof(by[0]) ? by[best].kind : "unknown";
}

/* "Workqueue: events drv_work" within @span lines of the report's start: drv_work. */
static bool workqueue_func(const struct line *ls, size_t nl, size_t start, size_t span, char *out,
			   size_t sz)
{
	for (size_t i = start + 1; i < nl && i < start + span; i++) {
		const char *wq = find(&ls[i], "Workqueue: ");
		const char *le = ls[i].p + ls[i].len, *q;

		if (!wq)
			continue;
		q = memchr(wq + 11, ' ', (size_t)(le - wq - 11));
		if (q && ident(q + 1, (size_t)(le - q - 1), out, sz) && !pc_frame_generic(out))
			return true;
	}
	out[0] = 0;
	return false;
}

/*
 * The workqueue's lockdep pseudo-locks, "(wq_completion)" and
 * "(work_completion)": the worker takes them for whichever work it runs,
 * so a site in the worker names no code of a deadlock. (A flush takes
 * them too, but the flush's caller is then the code that deadlocks.)
 */
static bool wq_lock_site(const char *fn)
{
	return !strcmp(fn, "process_one_work") || !strcmp(fn, "worker_thread");
}

/* The first frame of lines @i.. (at most 24) that is neither generic nor the workqueue's. */
static bool first_site(const struct line *ls, size_t nl, size_t i, char *out, size_t sz)
{
	unsigned flags, section = 0;

	for (size_t j = i; j < nl && j < i + 24; j++) {
		int f = parse_frame(&ls[j], out, sz, &flags, &section);

		if (f == 0 && ls[j].len)
			break;
		if (f == 1 && out[0] && !(flags & F_UNRELIABLE) && !pc_frame_generic(out) &&
		    !wq_lock_site(out))
			return true;
	}
	out[0] = 0;
	return false;
}

/* "[<addr>] func+0x1/0x2" or "func+0x1/0x2" in [@q, @le): func, or "". */
static bool addr_frame(const char *q, const char *le, char *out, size_t sz)
{
	if (q < le && *q == '[')
		while (q < le && *q++ != ' ')
			;
	return pc_frame_name(q, (size_t)(le - q), out, sz) > 0; /* it clears @out when not */
}

/* "(lock){+.+.}, at: [<addr>] func+0x1/0x2": func, or "". */
static bool at_site(const struct line *l, char *out, size_t sz)
{
	const char *at = find(l, ", at: ");

	out[0] = 0;
	return at && addr_frame(at + 6, l->p + l->len, out, sz);
}

/*
 * Symbolised lockdep lock lines repeat one lock once per inlined frame
 * ("at: inode_lock include/linux/fs.h:799 [inline]", then "at:
 * func+0x1/0x2 file.c:1"): the first function of the run of "at:" lines
 * [@from, @to) that parses and that @skip (may be NULL) does not refuse.
 */
static bool at_run_site(const struct line *ls, size_t from, size_t to, bool (*skip)(const char *),
			char *out, size_t sz)
{
	for (size_t j = from; j < to && find(&ls[j], ", at: "); j++)
		if (at_site(&ls[j], out, sz) && !(skip && skip(out)))
			return true;
	out[0] = 0;
	return false;
}

/* A held lock's site that names no culprit: a generic helper or a workqueue pseudo-lock. */
static bool helper_or_wq_site(const char *fn)
{
	return pc_frame_generic(fn) || wq_lock_site(fn);
}

/*
 * A deadlock whose lockdep report names only the worker where the lock is
 * taken (a work that waits on its own workqueue): the site that holds the
 * other lock, else the first code of the dependency chain ("-> #2 (lock):"
 * and its stack). An "X-safe -> X-unsafe lock
 * order": the site where the lock "became X-irq-safe", the interrupt
 * context the new order inverts. @site holds the acquire site on entry.
 */
static void lockdep_site(const struct line *ls, size_t from, size_t to, const char *title,
			 char *site, size_t sz)
{
	char fn[128];

	if (strstr(title, "-safe -> ") && strstr(title, "-unsafe lock order")) {
		for (size_t i = from; i < to; i++)
			if (find(&ls[i], "-irq-safe at:") && first_site(ls, to, i + 1, fn, sizeof(fn))) {
				snprintf(site, sz, "%s", fn);
				return;
			}
		return;
	}
	/*
	 * Pseudo-locks: a workqueue's flush, or fs_reclaim, which lockdep
	 * "takes" for an allocation that may recurse into the file systems'
	 * reclaim: the lock the task already holds there names the culprit
	 * (held across a flush, or across an allocation that may reclaim).
	 */
	bool pseudo = site[0] && wq_lock_site(site);

	for (size_t i = from; i + 1 < to && site[0] && !pseudo; i++)
		if (find(&ls[i], "is trying to acquire lock:")) {
			pseudo = find(&ls[i + 1], "(fs_reclaim){") != NULL;
			break;
		}
	if (!pseudo)
		return;
	/*
	 * The held lock's site; symbolised, one "at:" line per inlined frame
	 * ("at: xfs_dqlock fs/xfs/xfs_dquot.h:125 [inline]", then "at:
	 * xfs_qm_dqpurge+0xc5/0x630 ..."): the first function that is not a
	 * helper.
	 */
	for (size_t i = from; i + 1 < to; i++) {
		if (!find(&ls[i], "but task is already holding lock"))
			continue;
		if (at_run_site(ls, i + 1, to, helper_or_wq_site, fn, sizeof(fn))) {
			snprintf(site, sz, "%s", fn);
			return;
		}
		break;
	}
	for (size_t i = from; i < to; i++)
		if (starts(&ls[i], "-> #")) {
			if (first_site(ls, to, i + 1, fn, sizeof(fn)))
				snprintf(site, sz, "%s", fn);
			return;
		}
}

static int analyze_text(const char *text, size_t len, struct pc_analysis *a)
{
	struct line *ls = NULL;
	struct frame *fr = NULL;
	size_t nl = 0, cap = 0, panic_at = (size_t)-1, start = (size_t)-1, open_at = 0;
	size_t region_end, i, nf = 0, fcap = 0, first = (size_t)-1, prev_hung = (size_t)-1;
	size_t next = (size_t)-1; /* the report start after the first one's trace */
	bool traced = false;
	const char *p = text, *end = text + len, *kind = NULL, *first_kind = NULL, *k;
	bool open = false, fault_hdr = false, fault_inl = false;
	char lock_func[128] = "", lr_func[128] = "", fn_tmp[128];
	bool pc_bad = false;
	size_t fault_at = 0, title_end = 0; /* the title's last line (syzbot's symbolised titles) */
	char hashin[1024], sha[PC_SHA256_HEX];
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
		p = strip_quote(p, le);
		ls[nl].p = strip_line(p, le);
		ls[nl].len = (size_t)(le - ls[nl].p);
		ls[nl].stamped = ls[nl].p != skip_blank(p, le);
		nl++;
		p = nlp ? nlp + 1 : end;
	}

	for (i = 0; i < nl; i++) {
		enum start s;

		if (starts(&ls[i], "Kernel panic - not syncing")) {
			const char *m = ls[i].p + strlen("Kernel panic - not syncing");
			struct line rest = { m, ls[i].len - (size_t)(m - ls[i].p), false };

			while (rest.len && (*rest.p == ':' || *rest.p == ' '))
				rest.p++, rest.len--;
			copy_line(a->panic_msg, sizeof(a->panic_msg), &rest);
			a->panicked = true;
			panic_at = i;
			break;
		}
		if (is_trace_start(&ls[i])) {
			open = false;
			traced = first != (size_t)-1;
		}
		s = classify(&ls[i], &k);
		if (s == PRIMARY || (s == SECONDARY && !(open && i - open_at < 40))) {
			/* a run of hung tasks: the first one blocked the others */
			if (strcmp(k, "hung-task") == 0 && kind && strcmp(kind, "hung-task") == 0 &&
			    prev_hung != (size_t)-1)
				;
			else
				prev_hung = strcmp(k, "hung-task") == 0 ? i : (size_t)-1;
			start = i;
			kind = k;
			open = true;
			open_at = i;
			if (first == (size_t)-1) {
				first = i;
				first_kind = k;
			} else if (next == (size_t)-1 && traced) {
				next = i;
			}
		}
	}
	/*
	 * The report that made the kernel panic is the last one before the
	 * panic line; without a panic the first report is the crash, the
	 * rest are often its consequences.
	 */
	if (first != (size_t)-1 && (!a->panicked || sanitizer_kind(first_kind))) {
		start = first;
		kind = first_kind;
	} else if (start != (size_t)-1 && prev_hung != (size_t)-1) {
		start = prev_hung;
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
		kind = a->panicked ? kind_from_panic(a->panic_msg) : kind_from_frames(ls, nl);
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
		title_end = start;
		/*
		 * syzbot's symbolised title: "BUG: KASAN: ... in f x.c:1 [inline]"
		 * then the same words "in g+0x1/0x2": g is what the kernel printed
		 */
		for (i = start + 1; i < nl && i < start + 8 && strstr(a->title, "[inline]"); i++) {
			const char *in = strstr(a->title, " in ");
			size_t pre = in ? (size_t)(in - a->title) + 4 : 0;

			if (!in || ls[i].len < pre || memcmp(ls[i].p, a->title, pre) != 0)
				break;
			copy_line(a->title, sizeof(a->title), &ls[i]);
			title_end = i;
		}
		region_end = panic_at != (size_t)-1 ? panic_at : nl;
		/*
		 * panic_on_warn and friends: the report's first lines, then the
		 * panic, whose stack is the report's own (with its RIP inside).
		 */
		if (a->panicked) {
			bool has = false;

			for (i = start; i < panic_at && !has; i++)
				has = is_trace_start(&ls[i]);
			if (!has)
				region_end = nl;
		}
		/* the first report of several ends where the next begins */
		if (start == first && next != (size_t)-1 && next > start && next < region_end)
			region_end = next;
	}
	snprintf(a->kind, sizeof(a->kind), "%s", kind);

	if (strcmp(kind, "hung-task") == 0) {
		/* "INFO: task sh:123 blocked for more than 120 seconds." */
		const char *t = strstr(a->title, "task ");
		const char *colon = NULL;

		t = t ? t + 5 : a->title;
		for (const char *q = t; *q && *q != ' '; q++)
			if (*q == ':')
				colon = q;
		if (colon && (size_t)(colon - t) < sizeof(a->comm)) {
			memcpy(a->comm, t, (size_t)(colon - t));
			a->comm[colon - t] = 0;
			a->pid = atoi(colon + 1);
		}
	}

	{
		bool in_trace = false, trace_done = false, junk = false;
		int trace_stamp = 0; /* 0 unknown, 1 stamped, 2 not */
		bool gp_dump = false, discard = false;
		bool implicit = false; /* the trace began without a "Call Trace:" line */
		/*
		 * A stall's first task dump can show nothing but the switch away
		 * (another CPU's "Task dump for CPU 0:"): then the next trace.
		 */
		bool stall = irq_kind(kind), useful = false;
		char keep_comm[64];
		int keep_pid = a->pid;
		unsigned section = 0;

		fault_hdr = fault_inl = false;
		snprintf(keep_comm, sizeof(keep_comm), "%s", a->comm);
		for (i = start; i < nl; i++) {
			struct line *l = &ls[i];
			unsigned flags = 0;
			char fn[128];
			int f;

			if (i >= region_end && (a->kernel_version[0] || i > region_end + 8))
				break;
			if (!a->kernel_version[0] && !in_trace && parse_cpu_line(l, a)) {
				if (keep_pid >= 0) {
					a->pid = keep_pid;
					snprintf(a->comm, sizeof(a->comm), "%s", keep_comm);
				}
				continue;
			}
			if (!a->kernel_version[0] && !in_trace && parse_taint_line(l, a))
				continue;
			if (i >= region_end)
				continue;
			/* lockdep: "is trying to acquire lock:\n (lock), at: [<a>] func+0x1/0x2" */
			if (!lock_func[0] && i > start &&
			    (find(&ls[i - 1], "is trying to acquire") || find(&ls[i - 1], "just changed the state of lock") ||
			     find(&ls[i - 1], "is trying to release lock") || find(&ls[i - 1], "] takes:") ||
			     find(&ls[i - 1], "with a lock still held there"))) {
				const char *at = find(l, ", at: ");

				at_site(l, lock_func, sizeof(lock_func));
				/* "... is trying to release lock (x) at:\n[<a>] func+0x1/0x2" */
				if (!at && ls[i - 1].len > 3 && !memcmp(ls[i - 1].p + ls[i - 1].len - 3, "at:", 3))
					addr_frame(l->p, l->p + l->len, lock_func, sizeof(lock_func));
				/*
				 * syzbot: "at: inode_lock include/linux/fs.h:799 [inline]",
				 * then the same lock "at: func+0x1/0x2 file.c:1": its user.
				 */
				if (!lock_func[0] && at)
					at_run_site(ls, i + 1, i + 6 < nl ? i + 6 : nl, NULL, lock_func,
						    sizeof(lock_func));
			}
			if (!a->fault_func[0] && !in_trace && (starts(l, "pc : ") || starts(l, "PC is at ")) &&
			    !parse_fault_func(l, fn_tmp, sizeof(fn_tmp)))
				pc_bad = true;
			if (!lr_func[0] && !in_trace)
				parse_lr_func(l, lr_func, sizeof(lr_func));
			/* a header's inlined helper at pc: the next pc line is its user */
			if ((!a->fault_func[0] || ((fault_hdr || fault_inl) && fault_at + 1 == i)) &&
			    !in_trace && parse_fault(l, a)) {
				fault_hdr = header_path(l->p, l->p + l->len);
				fault_inl = memmem(l->p, l->len, "[inline]", 8) != NULL;
				fault_at = i;
				continue;
			}
			/* a frame quoted under the title, then the report's own "Call Trace:" */
			if (trace_done && !(implicit && is_trace_start(l)))
				continue;
			trace_done = false;
			/*
			 * KMSAN and KCSAN print their stack right under the title; a
			 * report quoted without its "Call Trace:" line (mail, bug
			 * trackers) has its frames a few lines under it: a full
			 * "func+0x1/0x2" frame there starts the trace.
			 */
			if (!in_trace && !trace_done && nf == 0 && i > title_end && i <= title_end + 3 &&
			    l->len > 1) {
				unsigned fl = 0, sec = 0;
				char tmp[128];
				bool sanitizer = !strcmp(kind, "kmsan") || !strcmp(kind, "kcsan") ||
						 !strcmp(kind, "kfence");

				if (parse_frame(l, tmp, sizeof(tmp), &fl, &sec) == 1 && tmp[0] &&
				    !(fl & F_RIP) &&
				    ((sanitizer && i == title_end + 1) || find(l, "/0x"))) {
					in_trace = true;
					implicit = true;
					trace_stamp = 0;
				}
			}
			/* RCU's grace-period kthread, dumped because it starved: not the staller */
			if (!in_trace && find(l, "grace-period kthread stack dump"))
				gp_dump = true;
			/*
			 * Output of another program on the same console (syzkaller's
			 * executor log, a shell) has no kernel time stamp: in a
			 * stamped trace it is not the trace's end.
			 */
			if (in_trace && trace_stamp == 1 && !l->stamped)
				continue;
			/* a trace begins; inside one, it ends that one (or one that kept nothing) */
			if (is_trace_start(l)) {
				if (in_trace && nf && !implicit && (useful || !stall)) {
					in_trace = false;
					trace_done = true;
					continue;
				}
				in_trace = true;
				implicit = false;
				discard = gp_dump;
				gp_dump = false;
				trace_stamp = 0;
				junk = false;
				section = 0;
				if (!a->arch[0] && l->p[0] == 'C')
					snprintf(a->arch, sizeof(a->arch), "%s",
						 l->p[5] == 'T' ? "x86_64" : "arm64");
				continue;
			}
			if (!in_trace)
				continue;
			f = parse_frame(l, fn, sizeof(fn), &flags, &section);
			/* the first frame tells whether this trace's lines are stamped */
			if (f == 1 && !trace_stamp)
				trace_stamp = l->stamped ? 1 : 2;
			/* one foreign line (another CPU's message) does not end a trace */
			if (f == 0 && !junk) {
				junk = true;
				continue;
			}
			if (f == 0) {
				in_trace = false;
				trace_done = nf > 0 && (useful || !stall);
				continue;
			}
			junk = false;
			if (f != 1 || !fn[0] || discard)
				continue;
			/* an inlined function's RIP line: the next RIP line names the function */
			if ((flags & F_RIP) && !(flags & F_INLINE) && !a->fault_func[0]) {
				snprintf(a->fault_func, sizeof(a->fault_func), "%s", fn);
				copy_line(a->fault_line, sizeof(a->fault_line), l);
			}
			useful |= !(flags & (F_UNRELIABLE | F_NMI)) && !skipped_f(fn, flags, 0, true);
			e = keep_frame(a, &fr, &nf, &fcap, fn, flags);
			if (e < 0)
				goto out;
		}
	}
	/*
	 * No trace of its own, but a "Call trace:" block right above the
	 * headline (a commit message that quoted the trace first): that one.
	 */
	sanitizer_func(a->title, fn_tmp, sizeof(fn_tmp));
	if (nf == 0 && start < nl && !fn_tmp[0]) {
		size_t j = start;
		unsigned fl = 0, sec = 0;
		bool worth = false; /* more than a stack dump's own frames */

		while (j > 0 && start - j < 200 &&
		       parse_frame(&ls[j - 1], fn_tmp, sizeof(fn_tmp), &fl, &sec) != 0) {
			worth |= fn_tmp[0] && !pc_frame_generic(fn_tmp);
			j--;
		}
		if (worth && j < start && j > 0 && is_trace_start(&ls[j - 1])) {
			sec = 0;
			for (; j < start && nf < 200; j++) {
				fl = 0;
				if (parse_frame(&ls[j], fn_tmp, sizeof(fn_tmp), &fl, &sec) != 1 || !fn_tmp[0] ||
				    (fl & F_RIP))
					continue;
				e = keep_frame(a, &fr, &nf, &fcap, fn_tmp, fl);
				if (e < 0)
					goto out;
			}
		}
	}
	if (!a->kernel_version[0]) {
		for (i = 0; i < nl; i++) {
			const char *v = find(&ls[i], "Linux version ");

			if (v) {
				struct line lv = { v + 14, ls[i].len - (size_t)(v + 14 - ls[i].p), false };

				copy_line(a->kernel_version, sizeof(a->kernel_version), &lv);
				*strchrnul(a->kernel_version, ' ') = 0;
				break;
			}
		}
	}
	if (!a->arch[0]) {
		if (strstr(a->fault_line, "RIP") || strstr(a->fault_line, "IP:"))
			snprintf(a->arch, sizeof(a->arch), "x86_64");
		else if (a->fault_line[0])
			snprintf(a->arch, sizeof(a->arch), "arm64");
	}
	if (!a->fault_func[0] && start < nl && starts(&ls[start], "WARNING: ")) {
		/* "WARNING: CPU: 0 PID: 1 at lib/foo.c:12 func+0x10/0x20" */
		const char *at = find(&ls[start], " at ");

		while (at && !a->fault_func[0]) {
			const char *q = at + 4, *le = ls[start].p + ls[start].len;

			while (q < le && *q != ' ' && !pc_frame_name(q, (size_t)(le - q), a->fault_func, sizeof(a->fault_func)))
				q++;
			if (q < le && *q == ' ')
				pc_frame_name(q + 1, (size_t)(le - q - 1), a->fault_func, sizeof(a->fault_func));
			at = memmem(at + 4, (size_t)(le - at - 4), " at ", 4);
		}
	}

	if (!strcmp(a->kind, "deadlock"))
		lockdep_site(ls, start, region_end, a->title, lock_func, sizeof(lock_func));
	pick_guilty(a, fr, nf, fault_hdr, lock_func, pc_bad ? lr_func : "");
	/*
	 * A stall or hang whose trace names nothing (a task dump that shows
	 * only the switch away): the work item it runs, "Workqueue: wq func".
	 */
	if (!a->n_sig_frames && (hang_kind(a->kind) || irq_kind(a->kind)) &&
	    workqueue_func(ls, nl, start, 40, fn_tmp, sizeof(fn_tmp)))
		add_sig(a, fn_tmp);
	/*
	 * "corrupted stack end detected inside scheduler": the whole stack
	 * overran, no frame on it more than the others; the work or the
	 * outermost code that ran so deep names it.
	 */
	if (!strcmp(a->kind, "stack-corrupt") && strstr(a->panic_msg, "corrupted stack end")) {
		if (workqueue_func(ls, nl, start, 40, fn_tmp, sizeof(fn_tmp)))
			put_first(a, fn_tmp);
		else
			for (i = nf; i-- > 0;)
				if (!(fr[i].flags & (F_UNRELIABLE | F_NMI)) &&
				    (is_syscall(fr[i].fn) || !skipped_f(fr[i].fn, fr[i].flags, 0, true))) {
					put_first(a, fr[i].fn);
					break;
				}
	}
	/*
	 * "BUG: workqueue lockup - pool ... stuck": the pool's busy workers are
	 * dumped after the list of work queues; the first one's work hogs it.
	 */
	if (!strncmp(a->title, "BUG: workqueue lockup", 21) &&
	    workqueue_func(ls, nl, start, 1000, fn_tmp, sizeof(fn_tmp)))
		put_first(a, fn_tmp);
	/* "BUG: workqueue leaked lock or atomic: ...\n last function: func": the work */
	if (!strncmp(a->title, "BUG: workqueue leaked lock", 26)) {
		for (i = start + 1; i < nl && i < start + 4; i++) {
			const char *lf = find(&ls[i], "last function: ");
			char fn[128];

			if (!lf || !ident(lf + 15, (size_t)(ls[i].p + ls[i].len - lf - 15), fn, sizeof(fn)))
				continue;
			put_first(a, fn);
			break;
		}
	}
	/* "held lock freed!": the lock "still held there" was taken by the culprit */
	if (strstr(a->title, "held lock freed") && lock_func[0] && !pc_frame_generic(lock_func))
		put_first(a, lock_func);
	/*
	 * "task still has locks held!" / "lock held when returning to user
	 * space!": the trace only shows where it was noticed; the culprit
	 * took the held lock, "#0: (lock), at: func+0x1/0x2".
	 */
	if (strstr(a->title, "still has locks held") || strstr(a->title, "lock held when returning")) {
		for (i = start + 1; i < nl && i < start + 12; i++) {
			if (!starts(&ls[i], "#0: ") || !find(&ls[i], ", at: "))
				continue;
			if (at_site(&ls[i], fn_tmp, sizeof(fn_tmp)) && !pc_frame_generic(fn_tmp))
				put_first(a, fn_tmp);
			break;
		}
	}
	/*
	 * "BUG: Bad page state": the code that freed the page only found it
	 * dirty; its owner, page_owner's "page last allocated via" stack,
	 * left it so.
	 */
	if (!strncmp(a->title, "BUG: Bad page state", 19)) {
		for (i = start + 1; i < nl && i < start + 20 && !find(&ls[i], "page last allocated via"); i++)
			;
		for (i++; i < nl && i < start + 60; i++) {
			const char *q = skip_blank(ls[i].p, ls[i].p + ls[i].len);
			char fn[128];

			if (!pc_frame_name(q, (size_t)(ls[i].p + ls[i].len - q), fn, sizeof(fn))) {
				if (ls[i].stamped)
					break;
				continue; /* another program's console output */
			}
			if (!pc_frame_generic(fn)) {
				put_first(a, fn);
				break;
			}
		}
	}
	/* "stack-protector: Kernel stack is corrupted in: func+0x1/0x2": its victim */
	if (!a->n_sig_frames && !strcmp(kind, "stack-corrupt")) {
		const char *in = strstr(a->panic_msg, "corrupted in: ");
		char fn[128];

		if (in && pc_frame_name(in + 14, strlen(in + 14), fn, sizeof(fn)))
			add_sig(a, fn);
	}

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
	free(fr);
	if (e < 0)
		pc_analysis_free(a);
	return e;
}

/* A no-break space (UTF-8 C2 A0) at @p? */
static bool nbsp(const char *p, const char *end)
{
	return p + 1 < end && (unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0;
}

/*
 * A log pasted through a mail client or web page: no-break spaces (UTF-8
 * C2 A0) where the kernel printed spaces ("[\u00a0 135.675108]") read as
 * spaces, and a line that the mail wrapped gets its pieces back. A piece
 * is a line that is not indented and either starts with a source file and
 * line, which no kernel line does ("BUG: KASAN: ... in f \ninclude/x.h:6
 * [inline]"), or follows a lockdep lock line cut after its "at:", or, in a
 * log of at least three stamped lines, has no time stamp where the line
 * before had one and that line may have been wrapped: it ends in a space
 * (format=flowed) or is at least PC_WRAP_WIDTH long ("[ 515.86] BUG: kernel
 * NULL pointer \ndereference, address: 0"). Returns the text to read,
 * @text itself or a copy to free (*@copy), NULL without memory.
 */
#define PC_WRAP_WIDTH 60

/* "include/linux/fb.h:654" at @p, a source file and line, as syzbot appends to frames? */
static bool source_path(const char *p, const char *end)
{
	const char *q = p, *dot = NULL;
	bool slash = false;

	while (q < end && (isalnum((unsigned char)*q) || strchr("_-./+", *q))) {
		slash |= *q == '/';
		if (*q == '.')
			dot = q;
		q++;
	}
	if (!slash || !dot || q >= end || *q != ':' || q + 1 >= end || !isdigit((unsigned char)q[1]))
		return false;
	return (q - dot == 2 && strchr("chS", dot[1])) || (q - dot == 3 && !memcmp(dot, ".rs", 3));
}

/*
 * decode_stacktrace.sh's "(kernel/irq_work.c:222 (discriminator 1))" after
 * a frame, or its "(discriminator 1))", at the start of a line: the frame's
 * end, which a mail client wrapped before its parenthesis however short
 * the frame's line was.
 */
static bool decoded_tail(const char *p, const char *le)
{
	if (p >= le || *p != '(')
		return false;
	return source_path(p + 1, le) ||
	       (le - p > 15 && !memcmp(p, "(discriminator ", 15) && isdigit((unsigned char)p[15]));
}

/* A line ending in a frame's "[<ffffffff811a171c>]" without its function: wrapped after it. */
static bool ends_in_bare_address(const char *p, const char *le)
{
	const char *q;

	while (le > p && (le[-1] == ' ' || le[-1] == '\r'))
		le--;
	if (le - p < 5 || le[-1] != ']' || le[-2] != '>')
		return false;
	for (q = le - 2; q > p && isxdigit((unsigned char)q[-1]); q--)
		;
	return q - p >= 2 && q < le - 2 && q[-1] == '<' && q[-2] == '[';
}

/* "[inline]" alone: the end of a symbolised frame the mail wrapped */
static bool inline_tag(const char *p, const char *le)
{
	while (le > p && (le[-1] == ' ' || le[-1] == '\r'))
		le--;
	return le - p == 8 && !memcmp(p, "[inline]", 8);
}

/* lockdep's "(&lock){+.+.}-{3:3}, at:" cut before its function? */
static bool lock_at_cut(const char *p, const char *le)
{
	return le - p >= 4 && !memcmp(le - 4, " at:", 4) && memchr(p, '{', (size_t)(le - p));
}

/*
 * "[ 4320.666557] [   T56] khungtaskd: INFO: task ...": a vendor printk
 * that puts the printing task's name after the caller id. At @p (a line
 * without its quote marks): the name with its ": " (*@n bytes), or NULL;
 * *@caller tells whether the line has such a caller id at all.
 */
static const char *comm_tag(const char *p, const char *le, size_t *n, bool *caller)
{
	const char *q = skip_blank(p, le), *t;

	*caller = false;
	if (!is_timestamp(q, le))
		return NULL;
	q = memchr(q, ']', (size_t)(le - q));
	if (!q || le - q < 4 || q[1] != ' ' || q[2] != '[')
		return NULL;
	for (q += 3; q < le && *q == ' '; q++)
		;
	if (q + 1 >= le || (*q != 'T' && *q != 'C') || !isdigit((unsigned char)q[1]))
		return NULL;
	for (q++; q < le && isdigit((unsigned char)*q); q++)
		;
	if (le - q < 2 || q[0] != ']' || q[1] != ' ')
		return NULL;
	*caller = true;
	t = q + 2;
	if (t >= le || !islower((unsigned char)*t))
		return NULL;
	for (q = t; q < le && q - t < 16 && (isalnum((unsigned char)*q) || strchr("_.-/", *q)); q++)
		;
	if (le - q < 2 || q[0] != ':' || q[1] != ' ')
		return NULL;
	*n = (size_t)(q + 2 - t);
	return t;
}

/* How many blanks (spaces, tabs) @p starts with. */
static size_t blanks(const char *p, const char *le)
{
	const char *q = p;

	while (q < le && (*q == ' ' || *q == '\t'))
		q++;
	return (size_t)(q - p);
}

/* @p without the first @n blanks, or without as many as it has. */
static const char *unindent(const char *p, const char *le, size_t n)
{
	size_t b = blanks(p, le);

	return p + (b < n ? b : n);
}

static const char *mend(const char *text, size_t len, size_t *outlen, char **copy)
{
	const char *end = text + len, *p;
	size_t stamped = 0, pieces = 0, callers = 0, tagged = 0, cn, indent = SIZE_MAX;
	bool has_nbsp = memmem(text, len, "\xc2\xa0", 2) != NULL, wrapped = false, caller;
	char *o;

	*copy = NULL;
	*outlen = len;
	/* anything to mend: stamps to tell pieces by, a path or lock line cut */
	for (p = text; p < end;) {
		const char *le = memchr(p, '\n', (size_t)(end - p)), *q;

		le = le ? le : end;
		/* measured after quote marks that open the line ("> ", ">> ");
		 * a mark after blanks (KASAN's "> ffff8880...:" shadow row) is text */
		for (q = p; q < le && (*q == '>' || *q == '|');)
			if (++q < le && (*q == ' ' || *q == '\t'))
				q++;
		if (blanks(q, le) < (size_t)(le - q) && blanks(q, le) < indent)
			indent = blanks(q, le);
		p = le < end ? le + 1 : end;
	}
	/* the blanks every line starts with (a bug tracker's code block) are no indentation */
	if (indent == SIZE_MAX)
		indent = 0;
	for (p = text; p < end;) {
		const char *le = memchr(p, '\n', (size_t)(end - p)), *q;

		le = le ? le : end;
		q = unindent(strip_quote(p, le), le, indent);
		stamped += strip_line(q, le) != skip_blank(q, le);
		wrapped |= (p > text && (source_path(q, le) || inline_tag(q, le) || decoded_tail(q, le))) ||
			   lock_at_cut(p, le);
		tagged += comm_tag(q, le, &cn, &caller) != NULL;
		callers += caller;
		p = le < end ? le + 1 : end;
	}
	/* task names after most caller ids: the vendor's, taken out */
	bool comms = tagged >= 3 && tagged * 2 > callers;

	if (!has_nbsp && stamped < 3 && !wrapped && !comms && !indent)
		return text;
	o = *copy = malloc(len ? len : 1);
	if (!o)
		return NULL;
	bool prev_open = false;    /* the line before may go on in this one */
	bool prev_stamped = false; /* and had a time stamp */
	bool prev_at = false;      /* and was a lockdep lock line cut after "at:" */
	for (p = text; p < end;) {
		const char *le = memchr(p, '\n', (size_t)(end - p)), *marks, *q, *b;

		le = le ? le : end;
		marks = strip_quote(p, le);	/* where the quote marks end */
		q = unindent(marks, le, indent);
		b = skip_blank(q, le);
		bool is_stamped = strip_line(q, le) != b;
		bool piece = !is_stamped && b == q && b < le && !nbsp(b, le) &&
			     ((prev_open && stamped >= 3 && prev_stamped) || source_path(b, le) ||
			      prev_at || inline_tag(b, le) || (prev_stamped && decoded_tail(b, le))) &&
			     o > *copy && o[-1] == '\n' && pieces < 1000;

		if (piece) {
			o--; /* the newline */
			if (o > *copy && o[-1] != ' ')
				*o++ = ' ';
			p = q;
			pieces++;
		}
		prev_stamped = is_stamped || (piece && prev_stamped);
		prev_at = lock_at_cut(p, le);
		/* the width as the mail had it: quote marks in, a code block's blanks out */
		prev_open = (size_t)(le - p) - (piece ? 0 : (size_t)(q - marks)) >= PC_WRAP_WIDTH ||
			    (le > p && le[-1] == ' ') || ends_in_bare_address(p, le);
		const char *cut = comms ? comm_tag(q, le, &cn, &caller) : NULL;

		if (!piece) {
			/* the quote marks stay, the blanks every line has go */
			while (p < marks)
				*o++ = *p++;
			p = q;
		}

		for (; p < le; p++) {
			if (p == cut)
				p += cn;
			if (p >= le)
				break;
			if (nbsp(p, le)) {
				*o++ = ' ';
				p++;
			} else {
				*o++ = *p;
			}
		}
		if (le < end)
			*o++ = '\n';
		p = le < end ? le + 1 : end;
	}
	*outlen = (size_t)(o - *copy);
	return *copy;
}

/*
 * A serial console capture (minicom, screen, a BMC's log) ends its lines in
 * CR LF: the text with each CR before a LF taken out, in a copy (*@copy),
 * or @text itself when it has none.
 */
static const char *lf_only(const char *text, size_t len, size_t *outlen, char **copy)
{
	char *o;

	*copy = NULL;
	*outlen = len;
	if (!memmem(text, len, "\r\n", 2))
		return text;
	o = *copy = malloc(len ? len : 1);
	if (!o)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (text[i] != '\r' || i + 1 >= len || text[i + 1] != '\n')
			*o++ = text[i];
	*outlen = (size_t)(o - *copy);
	return *copy;
}

int pc_analyze(const char *text, size_t len, struct pc_analysis *a)
{
	char *lf_copy, *copy;
	size_t lf_len, n;
	const char *lf = lf_only(text, len, &lf_len, &lf_copy);
	const char *t = lf ? mend(lf, lf_len, &n, &copy) : NULL;
	int e;

	if (!t) {
		free(lf_copy);
		memset(a, 0, sizeof(*a));
		return -ENOMEM;
	}
	e = analyze_text(t, n, a);
	free(copy);
	free(lf_copy);
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
