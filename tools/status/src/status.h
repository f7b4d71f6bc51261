/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lastgasp status: what this machine would save if it panicked now, read
 * from sysfs (or from a copy of it under a root directory, for tests).
 *
 * st_read() fills a struct status; st_print_text() and st_print_json()
 * only format it. A value the kernel does not expose, or that cannot be
 * read, stays unknown (known == false / NULL in JSON): nothing is guessed.
 */
#ifndef LG_STATUS_H
#define LG_STATUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define ST_MAX_BACKENDS		16
#define ST_MAX_PARAMS		24
#define ST_MAX_WARNINGS		16
#define ST_MAX_GROUPS		32
#define ST_NAME			64
#define ST_VALUE		256
#define ST_PATH			4096

struct st_u64 {
	bool known;
	uint64_t v;
};

struct st_param {
	char name[ST_NAME];
	char value[ST_VALUE];	/* valid when readable */
	bool readable;
};

enum st_kind { ST_RAM, ST_EFI, ST_FLASH, ST_OTHER };

struct st_backend {
	char name[ST_NAME];	/* as /sys/module/pstore/parameters/backend has it */
	char module[ST_NAME];	/* /sys/module/<module>, "" when none was found */
	enum st_kind kind;
	struct st_param params[ST_MAX_PARAMS];
	int nparams;
	/* false when we know a panic dump writes nothing there */
	bool takes_panic;
	char why_not[ST_VALUE];

	/* ST_RAM: ramoops' effective parameters and its zones */
	struct st_u64 mem_address, mem_size, record_size, console_size;
	struct st_u64 pmsg_size, ftrace_size, ecc;
	bool max_reason_known;
	int max_reason;
	bool layout_known;
	unsigned int dmesg_cnt;
	uint64_t dmesg_zone_size;

	/* ST_EFI: the store as QueryVariableInfo reports it now */
	char store[ST_VALUE];	/* raw "total .. free .. floor .." or why not */
	struct st_u64 total, free, floor;
	struct st_u64 efi_record_size;

	/* ST_FLASH: pstore_flash.status, its first line */
	char device[ST_NAME];	/* "mtd0 name", or "detached" */
	struct st_u64 blocks, block_size, bad, erased, fl_free, pool, target;
	struct st_u64 records, torn;
};

struct st_group {		/* records of one <type>-<backend> */
	char prefix[ST_NAME];
	int count;
};

enum st_verdict {
	ST_SAVED = 0,		/* pstore saves the panic's log */
	ST_NOTHING = 1,		/* nothing would be saved */
	ST_KDUMP_ONLY = 2,	/* only the crash kernel would */
};

struct status {
	char root[ST_PATH];

	bool backends_known;	/* pstore's backend parameter was readable */
	struct st_backend be[ST_MAX_BACKENDS];
	int nbe;
	char allowed[ST_VALUE];	/* pstore.backend= on the command line, "" if unset */
	bool allowed_set;

	char panic_order[ST_NAME];	/* "" unknown (not a lastgasp kernel) */

	int crash_loaded;		/* -1 unknown, 0, 1 */
	struct st_u64 crash_size;	/* bytes reserved by crashkernel= */
	char crashkernel_arg[ST_NAME];	/* crashkernel= on /proc/cmdline, "" none */
	int digests;			/* -1 unknown, 0 not taken, 1 taken */
	int digests_from_sysfs;		/* 1: /sys/kernel/kexec_crash_digests, 0: kernel log */
	unsigned long digest_segments;
	uint64_t digest_bytes;

	bool max_reason_known;		/* pstore.max_reason, <= 0: each backend decides */
	int max_reason;
	struct st_u64 kmsg_bytes;
	char compress[ST_NAME];

	int mounted;			/* /sys/fs/pstore: -1 unknown, 0, 1 */
	int records;			/* -1 unreadable */
	struct st_group groups[ST_MAX_GROUPS];
	int ngroups;
	char archive[ST_PATH];		/* pstore-collect's archive */
	int spool;			/* reports waiting to be shipped, -1 unknown */
	int archived;			/* crashes in the archive, -1 unknown */

	char warnings[ST_MAX_WARNINGS][ST_VALUE];
	int nwarnings;

	enum st_verdict verdict;
};

/*
 * Read everything under @root ("/" for the running system). @archive is
 * pstore-collect's archive directory, or NULL for the one its config file
 * (root/etc/pstore-collect.conf) names, or its default.
 */
void st_read(struct status *st, const char *root, const char *archive);

void st_print_text(FILE *out, const struct status *st);
void st_print_json(FILE *out, const struct status *st);

/* helpers, exposed for the unit tests */
const char *st_reason_name(int reason);
void st_size(char *buf, size_t len, uint64_t bytes);
void st_json_string(FILE *out, const char *s);

#endif
