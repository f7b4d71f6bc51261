// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp status: reading sysfs. Every path is taken under st->root, so
 * the unit tests point it at a fake tree. Reads are bounded: a value is at
 * most ST_VALUE bytes, a directory listing at most what the structures
 * hold, the kernel log at most KMSG_MAX bytes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "status.h"
#include "ramoops_fmt.h"

#define KMSG_MAX	(16u << 20)
#define DIGEST_LINE	"lastgasp: crash kernel: SHA-256 of "
/*
 * The EFI backend's smallest write: a cut part of 256 bytes plus its
 * UCS-2 name and the variable header (backends/efi/README.md). Below
 * floor + this, a dump writes nothing there.
 */
#define EFI_MIN_WRITE	512

static void warn(struct status *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct status *st, const char *fmt, ...)
{
	va_list ap;

	if (st->nwarnings >= ST_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(st->warnings[st->nwarnings++], ST_VALUE, fmt, ap);
	va_end(ap);
}

/* root + rel; false if it does not fit */
static bool path_of(const struct status *st, char *buf, size_t len, const char *rel)
{
	const char *sep = rel[0] == '/' ? "" : "/";
	int n;

	if (!strcmp(st->root, "/"))
		n = snprintf(buf, len, "%s%s", sep, rel);
	else
		n = snprintf(buf, len, "%s%s%s", st->root, sep, rel);
	return n > 0 && (size_t)n < len;
}

/* A small file, trailing newlines dropped. 0 or -errno. */
static int read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	size_t got = 0;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < len - 1) {
		n = read(fd, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (err)
		return err;
	buf[got] = '\0';
	while (got && (buf[got - 1] == '\n' || buf[got - 1] == ' '))
		buf[--got] = '\0';
	return 0;
}

static int read_rel(const struct status *st, const char *rel, char *buf, size_t len)
{
	char path[ST_PATH];

	if (!path_of(st, path, sizeof(path), rel))
		return -ENAMETOOLONG;
	return read_small(path, buf, len);
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && end != s && !*end;
}

static struct st_u64 rel_u64(const struct status *st, const char *rel)
{
	struct st_u64 r = { 0 };
	char buf[64];

	if (!read_rel(st, rel, buf, sizeof(buf)))
		r.known = parse_u64(buf, &r.v);
	return r;
}

static bool parse_int(const char *s, int *v)
{
	char *end;
	long l;

	errno = 0;
	l = strtol(s, &end, 10);
	if (errno || end == s || *end || l < -1000000 || l > 1000000)
		return false;
	*v = (int)l;
	return true;
}

static const struct st_param *param(const struct st_backend *be, const char *name)
{
	for (int i = 0; i < be->nparams; i++)
		if (!strcmp(be->params[i].name, name))
			return be->params[i].readable ? &be->params[i] : NULL;
	return NULL;
}

static struct st_u64 param_u64(const struct st_backend *be, const char *name)
{
	const struct st_param *p = param(be, name);
	struct st_u64 r = { 0 };

	if (p)
		r.known = parse_u64(p->value, &r.v);
	return r;
}

static int dirent_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every file in /sys/module/<module>/parameters, sorted by name, at most
 * ST_MAX_PARAMS. Returns -errno if the module has no such directory.
 */
static int read_params(struct status *st, struct st_backend *be, bool *denied)
{
	char rel[128], path[ST_PATH], *names[ST_MAX_PARAMS];
	struct dirent *d;
	int n = 0;
	DIR *dir;

	snprintf(rel, sizeof(rel), "/sys/module/%s/parameters", be->module);
	if (!path_of(st, path, sizeof(path), rel))
		return -ENAMETOOLONG;
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((d = readdir(dir)) && n < ST_MAX_PARAMS) {
		if (d->d_name[0] == '.' || strlen(d->d_name) >= ST_NAME)
			continue;
		names[n] = strdup(d->d_name);
		if (names[n])
			n++;
	}
	closedir(dir);
	qsort(names, (size_t)n, sizeof(names[0]), dirent_cmp);
	for (int i = 0; i < n; i++) {
		struct st_param *p = &be->params[be->nparams++];
		char prel[256];
		int r;

		snprintf(p->name, sizeof(p->name), "%s", names[i]);
		snprintf(prel, sizeof(prel), "%s/%s", rel, names[i]);
		r = read_rel(st, prel, p->value, sizeof(p->value));
		p->readable = !r;
		if (p->readable && strlen(p->value) == sizeof(p->value) - 1)
			memcpy(p->value + sizeof(p->value) - 4, "...", 4);	/* cut */
		if (r == -EACCES || r == -EPERM)
			*denied = true;
		free(names[i]);
	}
	return 0;
}

static bool module_exists(const struct status *st, const char *module)
{
	char rel[ST_PATH], path[ST_PATH];

	snprintf(rel, sizeof(rel), "/sys/module/%s", module);
	return path_of(st, path, sizeof(path), rel) && !access(path, F_OK);
}

/* Which module holds a backend: known names first, then NAME, pstore_NAME. */
static void find_module(const struct status *st, struct st_backend *be)
{
	static const struct {
		const char *backend, *module;
		enum st_kind kind;
	} known[] = {
		{ "ramoops", "ramoops", ST_RAM },
		{ "efi_pstore", "pstore_efi", ST_EFI },
		{ "efi_pstore", "efi_pstore", ST_EFI },	/* upstream's module */
		{ "flash", "pstore_flash", ST_FLASH },
	};
	char guess[ST_NAME];

	be->kind = ST_OTHER;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(be->name, known[i].backend))
			continue;
		be->kind = known[i].kind;
		if (module_exists(st, known[i].module)) {
			snprintf(be->module, sizeof(be->module), "%s", known[i].module);
			return;
		}
	}
	if (module_exists(st, be->name)) {
		memcpy(be->module, be->name, sizeof(be->module));
		return;
	}
	snprintf(guess, sizeof(guess), "pstore_%.50s", be->name);
	if (module_exists(st, guess))
		snprintf(be->module, sizeof(be->module), "%s", guess);
}

static void read_ram(struct status *st, struct st_backend *be)
{
	const struct st_param *legacy = param(be, "legacy_layout");
	const struct st_param *mr = param(be, "max_reason");
	struct rmo_layout_req req = { 0 };
	struct rmo_layout l;
	const char *why = NULL;
	int effective;

	be->mem_address = param_u64(be, "mem_address");
	be->mem_size = param_u64(be, "mem_size");
	be->record_size = param_u64(be, "record_size");
	be->console_size = param_u64(be, "console_size");
	be->pmsg_size = param_u64(be, "pmsg_size");
	be->ftrace_size = param_u64(be, "ftrace_size");
	be->ecc = param_u64(be, "ecc");
	be->max_reason_known = mr && parse_int(mr->value, &be->max_reason);
	if (be->mem_size.known && be->record_size.known && be->console_size.known &&
	    be->pmsg_size.known && be->ftrace_size.known) {
		req.mem_size = be->mem_size.v;
		req.record_size = be->record_size.v;
		req.console_size = be->console_size.v;
		req.pmsg_size = be->pmsg_size.v;
		req.ftrace_size = be->ftrace_size.v;
		req.legacy_order = legacy && (legacy->value[0] == 'Y' || legacy->value[0] == '1');
		if (!rmo_layout_compute(&req, &l, &why)) {
			be->layout_known = true;
			be->dmesg_cnt = l.dmesg_cnt;
			be->dmesg_zone_size = l.dmesg_zone_size;
		}
	}
	if (be->layout_known && !be->dmesg_cnt) {
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "record_size is 0: no zone for a panic's log");
	}
	effective = st->max_reason_known && st->max_reason > 0 ?
		    st->max_reason : be->max_reason;
	if (be->max_reason_known && effective < 1) {
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "max_reason is %d: it saves no panic", effective);
	}
}

static void read_efi(struct st_backend *be)
{
	const struct st_param *store = param(be, "store");
	unsigned long long total, freeb, floor;
	char tail;

	be->efi_record_size = param_u64(be, "record_size");
	if (!store)
		return;
	snprintf(be->store, sizeof(be->store), "%s", store->value);
	if (!strcmp(store->value, "unavailable")) {
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "EFI variables are unavailable: it writes nothing");
		return;
	}
	if (sscanf(store->value, "total %llu free %llu floor %llu%c",
		   &total, &freeb, &floor, &tail) != 3)
		return;
	be->total = (struct st_u64){ true, total };
	be->free = (struct st_u64){ true, freeb };
	be->floor = (struct st_u64){ true, floor };
	if (freeb <= floor) {
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "EFI store below its floor (free %llu, floor %llu bytes): a dump writes nothing there",
			 freeb, floor);
	} else if (freeb - floor < EFI_MIN_WRITE) {
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "EFI store %llu bytes above its floor (free %llu, floor %llu), less than one part needs: a dump writes nothing there",
			 freeb - floor, freeb, floor);
	}
}

/* "key value" in @line, the key a whole word */
static struct st_u64 kv_u64(const char *line, const char *key)
{
	size_t klen = strlen(key);
	struct st_u64 r = { 0 };
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || p[-1] == ' ') && p[klen] == ' ') {
			char num[24];

			snprintf(num, sizeof(num), "%.*s", (int)strcspn(p + klen + 1, " "),
				 p + klen + 1);
			r.known = parse_u64(num, &r.v);
			return r;
		}
		p += klen;
	}
	return r;
}

/*
 * pstore_flash.status: "mtd0 NAME blocks N block_size N bad N erased N
 * dirty N free N used N busy N pool N target N records N live N torn N
 * ...", then a line of erase counts; or "detached".
 */
static void read_flash(struct status *st, struct st_backend *be)
{
	char rel[128], line[1024], *blocks;

	snprintf(rel, sizeof(rel), "/sys/module/%s/parameters/status", be->module);
	if (!be->module[0] || read_rel(st, rel, line, sizeof(line)))
		return;
	line[strcspn(line, "\n")] = '\0';
	if (!strcmp(line, "detached")) {
		snprintf(be->device, sizeof(be->device), "detached");
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "no MTD device attached (pstore_flash.mtddev=): it writes nothing");
		return;
	}
	blocks = strstr(line, " blocks ");
	if (!blocks)
		return;
	snprintf(be->device, sizeof(be->device), "%.*s", (int)(blocks - line), line);
	be->blocks = kv_u64(line, "blocks");
	be->block_size = kv_u64(line, "block_size");
	be->bad = kv_u64(line, "bad");
	be->erased = kv_u64(line, "erased");
	be->fl_free = kv_u64(line, "free");
	be->pool = kv_u64(line, "pool");
	be->target = kv_u64(line, "target");
	be->records = kv_u64(line, "records");
	be->torn = kv_u64(line, "torn");
	if (be->pool.known && !be->pool.v) {
		be->takes_panic = false;
		snprintf(be->why_not, sizeof(be->why_not),
			 "no pre-erased block ready (pool 0): a panic dump finds no room there");
	} else if (be->pool.known && be->target.known && be->pool.v < be->target.v) {
		warn(st, "%s: %llu pre-erased blocks ready, fewer than the %llu a whole dump needs: a panic dump may be cut",
		     be->name, (unsigned long long)be->pool.v, (unsigned long long)be->target.v);
	}
}

static void read_backends(struct status *st)
{
	char list[ST_VALUE * 2], *save = NULL, *tok;
	bool denied = false;
	int r;

	r = read_rel(st, "/sys/module/pstore/parameters/backend", list, sizeof(list));
	if (r) {
		warn(st, "cannot read /sys/module/pstore/parameters/backend (%s): no pstore in this kernel?",
		     strerror(-r));
		return;
	}
	st->backends_known = true;
	/* upstream's charp parameter reads "(null)" when nothing registered */
	if (!strcmp(list, "(null)"))
		list[0] = '\0';
	for (tok = strtok_r(list, ",", &save); tok && st->nbe < ST_MAX_BACKENDS;
	     tok = strtok_r(NULL, ",", &save)) {
		struct st_backend *be = &st->be[st->nbe++];

		snprintf(be->name, sizeof(be->name), "%s", tok);
		be->takes_panic = true;
		find_module(st, be);
		if (be->module[0])
			(void)read_params(st, be, &denied);
		if (be->kind == ST_RAM)
			read_ram(st, be);
		else if (be->kind == ST_EFI)
			read_efi(be);
		else if (be->kind == ST_FLASH)
			read_flash(st, be);
	}
	if (denied)
		warn(st, "some backend parameters are readable by root only: run as root to see every figure");
}

/* The value of NAME= on the kernel command line, "" if absent. */
static bool cmdline_arg(const char *cmdline, const char *name, char *out, size_t len)
{
	size_t nlen = strlen(name);
	const char *p = cmdline;

	while (*p) {
		size_t w;

		while (*p == ' ')
			p++;
		w = strcspn(p, " ");
		if (w > nlen && !strncmp(p, name, nlen) && p[nlen] == '=') {
			snprintf(out, len, "%.*s", (int)(w - nlen - 1), p + nlen + 1);
			return true;
		}
		p += w;
	}
	return false;
}

/* The last "SHA-256 of N segments (M bytes loaded)" line in the kernel log. */
static void read_digests(struct status *st)
{
	char buf[16384 + 1];
	size_t have = 0, total = 0;
	char path[ST_PATH];
	int fd;

	if (!path_of(st, path, sizeof(path), "/dev/kmsg"))
		return;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	while (total < KMSG_MAX) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - 1 - have);
		char *line, *nl;

		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;	/* EPIPE: a record was overwritten meanwhile */
		if (n <= 0)
			break;
		total += (size_t)n;
		have += (size_t)n;
		buf[have] = '\0';
		line = buf;
		while ((nl = memchr(line, '\n', have - (size_t)(line - buf)))) {
			char *hit;

			*nl = '\0';
			hit = strstr(line, DIGEST_LINE);
			if (hit) {
				unsigned long segs;
				unsigned long long bytes;

				if (sscanf(hit + strlen(DIGEST_LINE),
					   "%lu segments (%llu bytes loaded)", &segs, &bytes) == 2) {
					st->digests = 1;
					st->digest_segments = segs;
					st->digest_bytes = bytes;
				}
			}
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
		if (have == sizeof(buf) - 1)
			have = 0;	/* a line longer than the buffer: not ours */
	}
	close(fd);
}

static void read_crash(struct status *st)
{
	char cmdline[4096], buf[64];

	st->crash_loaded = -1;
	st->digests = -1;
	st->digests_from_sysfs = 0;
	if (!read_rel(st, "/sys/kernel/kexec_crash_loaded", buf, sizeof(buf)))
		st->crash_loaded = buf[0] == '1' ? 1 : buf[0] == '0' ? 0 : -1;
	st->crash_size = rel_u64(st, "/sys/kernel/kexec_crash_size");
	if (!read_rel(st, "/proc/cmdline", cmdline, sizeof(cmdline))) {
		cmdline_arg(cmdline, "crashkernel", st->crashkernel_arg,
			    sizeof(st->crashkernel_arg));
		st->allowed_set = cmdline_arg(cmdline, "pstore.backend", st->allowed,
					      sizeof(st->allowed));
	}
	if (st->crash_loaded != 1)
		return;
	/* lastgasp's panic/0005: "SEGMENTS BYTES", "0 0" when not taken */
	if (!read_rel(st, "/sys/kernel/kexec_crash_digests", buf, sizeof(buf))) {
		unsigned long segs;
		unsigned long long bytes;
		int used = -1;

		if (buf[0] >= '0' && buf[0] <= '9' &&
		    sscanf(buf, "%lu %llu%n", &segs, &bytes, &used) == 2 && !buf[used]) {
			st->digests = segs > 0;
			st->digest_segments = segs;
			st->digest_bytes = bytes;
			st->digests_from_sysfs = 1;
			return;
		}
	}
	read_digests(st);	/* an older lastgasp kernel: its load's log line */
}

static void add_group(struct status *st, const char *name)
{
	char prefix[ST_NAME];
	const char *dash = strrchr(name, '-');
	size_t len = dash ? (size_t)(dash - name) : strlen(name);

	if (len >= sizeof(prefix))
		len = sizeof(prefix) - 1;
	memcpy(prefix, name, len);
	prefix[len] = '\0';
	for (int i = 0; i < st->ngroups; i++) {
		if (!strcmp(st->groups[i].prefix, prefix)) {
			st->groups[i].count++;
			return;
		}
	}
	if (st->ngroups < ST_MAX_GROUPS) {
		snprintf(st->groups[st->ngroups].prefix, ST_NAME, "%s", prefix);
		st->groups[st->ngroups++].count = 1;
	}
}

static int group_cmp(const void *a, const void *b)
{
	return strcmp(((const struct st_group *)a)->prefix, ((const struct st_group *)b)->prefix);
}

static void read_records(struct status *st)
{
	char path[ST_PATH], line[1024];
	struct dirent *d;
	FILE *f;
	DIR *dir;

	st->mounted = -1;
	if (path_of(st, path, sizeof(path), "/proc/self/mounts") &&
	    (f = fopen(path, "re"))) {
		st->mounted = 0;
		while (fgets(line, sizeof(line), f)) {
			char dev[256], dir_[256], type[64];

			if (sscanf(line, "%255s %255s %63s", dev, dir_, type) == 3 &&
			    !strcmp(dir_, "/sys/fs/pstore") && !strcmp(type, "pstore"))
				st->mounted = 1;
		}
		fclose(f);
	}
	st->records = -1;
	if (!path_of(st, path, sizeof(path), "/sys/fs/pstore") || !(dir = opendir(path)))
		return;
	st->records = 0;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		st->records++;
		add_group(st, d->d_name);
	}
	closedir(dir);
	qsort(st->groups, (size_t)st->ngroups, sizeof(st->groups[0]), group_cmp);
}

/* archive = DIR from pstore-collect's config file, as pstore-collect reads it */
static void config_archive(const struct status *st, char *out, size_t len)
{
	char path[ST_PATH], line[ST_PATH + 64];
	FILE *f;

	snprintf(out, len, "/var/lib/pstore-collect");
	if (!path_of(st, path, sizeof(path), "/etc/pstore-collect.conf") ||
	    !(f = fopen(path, "re")))
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "archive", 7))
			continue;
		p += 7;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*p)
			snprintf(out, len, "%s", p);
	}
	fclose(f);
}

/* Files ending in @suffix in @dir, or dirs holding @suffix if @sub: -1 on error. */
static int count_in(const char *dir, const char *suffix, bool sub)
{
	size_t slen = strlen(suffix);
	struct dirent *d;
	int n = 0;
	DIR *dp;

	dp = opendir(dir);
	if (!dp)
		return errno == ENOENT ? 0 : -1;
	while ((d = readdir(dp))) {
		size_t len = strlen(d->d_name);

		if (d->d_name[0] == '.')
			continue;
		if (sub) {
			char p[ST_PATH];

			if ((size_t)snprintf(p, sizeof(p), "%s/%s/%s", dir, d->d_name,
					     suffix) < sizeof(p) && !access(p, F_OK))
				n++;
		} else if (len > slen && !strcmp(d->d_name + len - slen, suffix)) {
			n++;
		}
	}
	closedir(dp);
	return n;
}

static void read_collector(struct status *st, const char *archive)
{
	char dir[ST_PATH], rel[ST_PATH], spool[ST_PATH + 8];

	if (archive) {
		snprintf(st->archive, sizeof(st->archive), "%s", archive);
		snprintf(dir, sizeof(dir), "%s", archive);
	} else {
		config_archive(st, rel, sizeof(rel));
		snprintf(st->archive, sizeof(st->archive), "%s", rel);
		if (!path_of(st, dir, sizeof(dir), rel)) {
			st->spool = st->archived = -1;
			return;
		}
	}
	snprintf(spool, sizeof(spool), "%s/spool", dir);
	st->spool = count_in(spool, ".msg", false);
	st->archived = count_in(dir, "report.json", true);
}

static void judge(struct status *st)
{
	bool pstore_saves = false, expect_kdump;

	if (st->backends_known && !st->nbe)
		warn(st, "no pstore backend is registered: a panic's log is written nowhere%s%s",
		     st->allowed_set ? "; pstore.backend=" : "", st->allowed_set ? st->allowed : "");
	if (st->allowed_set && st->allowed[0]) {
		char list[ST_VALUE], *save = NULL, *tok;

		snprintf(list, sizeof(list), "%s", st->allowed);
		for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			bool found = false;

			for (int i = 0; i < st->nbe; i++)
				found |= !strcmp(st->be[i].name, tok);
			if (!found && st->nbe)
				warn(st, "pstore.backend= names %s, which is not registered", tok);
		}
	}
	for (int i = 0; i < st->nbe; i++) {
		if (st->be[i].takes_panic)
			pstore_saves = true;
		else
			warn(st, "%s: %s", st->be[i].name, st->be[i].why_not);
	}
	if (!strcmp(st->panic_order, "no-dump")) {
		pstore_saves = false;
		warn(st, "panic_order=no-dump: a panic writes no pstore record");
	}
	expect_kdump = st->crashkernel_arg[0] || (st->crash_size.known && st->crash_size.v);
	if (expect_kdump && st->crash_loaded == 0)
		warn(st, "crashkernel=%s reserves memory but no crash kernel is loaded: kdump will not run (kexec -p, or the kdump service)",
		     st->crashkernel_arg[0] ? st->crashkernel_arg : "");
	if (st->mounted == 0)
		warn(st, "pstore is not mounted on /sys/fs/pstore: saved records cannot be read (mount -t pstore pstore /sys/fs/pstore)");
	if (st->spool > 0)
		warn(st, "%d report%s wait%s in pstore-collect's spool: the receiver was not reached (pstore-collect ship)",
		     st->spool, st->spool == 1 ? "" : "s", st->spool == 1 ? "s" : "");

	if (pstore_saves)
		st->verdict = ST_SAVED;
	else if (st->crash_loaded == 1)
		st->verdict = ST_KDUMP_ONLY;
	else
		st->verdict = ST_NOTHING;
}

void st_read(struct status *st, const char *root, const char *archive)
{
	char buf[ST_NAME];

	memset(st, 0, sizeof(*st));
	snprintf(st->root, sizeof(st->root), "%s", root && *root ? root : "/");
	st->max_reason_known = !read_rel(st, "/sys/module/pstore/parameters/max_reason",
					 buf, sizeof(buf)) && parse_int(buf, &st->max_reason);
	st->kmsg_bytes = rel_u64(st, "/sys/module/pstore/parameters/kmsg_bytes");
	if (read_rel(st, "/sys/module/pstore/parameters/compress", st->compress,
		     sizeof(st->compress)))
		st->compress[0] = '\0';
	if (!read_rel(st, "/sys/module/kernel/parameters/panic_order", buf, sizeof(buf)))
		snprintf(st->panic_order, sizeof(st->panic_order), "%s", buf);
	read_crash(st);
	read_backends(st);
	read_records(st);
	read_collector(st, archive);
	judge(st);
}
