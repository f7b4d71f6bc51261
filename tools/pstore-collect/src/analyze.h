/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PC_ANALYZE_H
#define PC_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>

#define PC_SIG_FRAMES 3

/*
 * What a kernel log says about its crash. Strings are empty and numbers
 * -1 when the log does not say. The report analysed is the last one
 * (oops, BUG, WARN, lockup, ...) before the first "Kernel panic" line,
 * or the last one in the log when there is no panic line.
 */
struct pc_analysis {
	char kind[24];           /* see pc_analyze() */
	bool panicked;
	char title[256];         /* first line of the report */
	char panic_msg[256];     /* after "Kernel panic - not syncing: " */
	char kernel_version[64];
	char taint[32];          /* flag letters, "" when "Not tainted" */
	bool taint_known;
	int cpu, pid;
	char comm[64];
	char fault_func[128];    /* from RIP / pc, offsets dropped */
	char fault_line[256];    /* the RIP / pc line as printed */
	char arch[16];           /* "x86_64", "arm64" or "" */
	char **trace;            /* call trace functions, reliable frames only */
	size_t n_trace;
	char sig_frames[PC_SIG_FRAMES][128];
	size_t n_sig_frames;
	char signature[192];     /* kernel-<function>-<12 hex> */
};

/*
 * Kinds: "kasan", "kfence", "kmsan", "kcsan", "ubsan", "deadlock",
 * "inconsistent-lock", "locking-bug", "rcu-stall", "suspicious-rcu",
 * "hung-task", "soft-lockup", "hard-lockup", "null-deref", "page-fault",
 * "gpf", "bug", "warn", "refcount", "debug-objects", "kmemleak",
 * "sched-atomic", "sleep-in-atomic", "stack-corrupt", "divide-error",
 * "stack-overflow", "unhandled-fault" (arm64), "oops", "nmi", "serror"
 * (arm64 asynchronous abort), "panic" (no report before the panic),
 * "unknown". sig_frames[0] is the guilty function (README: rules).
 * Returns 0 or -ENOMEM.
 */
int pc_analyze(const char *text, size_t len, struct pc_analysis *a);
void pc_analysis_free(struct pc_analysis *a);

/* "func.isra.0+0x1a/0x30 [mod]" -> "func"; 0 if @s is not a symbol. */
size_t pc_frame_name(const char *s, size_t len, char *out, size_t outsz);
/* Reporting machinery, entry code and generic helpers: never guilty. */
bool pc_frame_generic(const char *fn);
/* Scheduler, wait, lock and flush frames: never guilty of a hang. */
bool pc_frame_waits(const char *fn);

#endif
