// SPDX-License-Identifier: GPL-2.0-only
/* Durable archive writes and the journal that makes re-runs safe. */
#include "archive.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define JOURNAL "journal"
#define LOCK "lock"

static int mkdir_p(const char *path)
{
	char *p = strdup(path), *s;
	int e = 0;

	if (!p)
		return -ENOMEM;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			e = -errno;
			break;
		}
		*s = '/';
	}
	if (e == 0 && mkdir(p, 0750) < 0 && errno != EEXIST)
		e = -errno;
	free(p);
	return e;
}

static void remove_stale_tmpdirs(struct pc_archive *ar);

/* Read directory @name inside @dfd ("." for itself) with its own offset
 * (a dup() would share, and lose, the caller's). *fd gets its fd. */
static DIR *dir_at(int dfd, const char *name, int *fd)
{
	DIR *d;

	*fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (*fd < 0)
		return NULL;
	d = fdopendir(*fd);
	if (!d)
		close(*fd);
	return d;
}

static int cmp_known(const void *a, const void *b)
{
	return strncmp(a, b, PC_SHA256_HEX - 1);
}

static int load_journal(struct pc_archive *ar)
{
	unsigned char *buf;
	size_t len, cap = 0;
	char *line, *save;
	int e;

	e = pc_read_fd(ar->journal_fd, 256u << 20, &buf, &len);
	if (e < 0)
		return e;
	for (line = strtok_r((char *)buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* a torn last line from a killed run is simply not a match */
		if (strlen(line) < PC_SHA256_HEX + 1 || line[PC_SHA256_HEX - 1] != ' ' ||
		    strlen(line) >= PC_SHA256_HEX + 64)
			continue;
		if (ar->n_known == cap) {
			void *n = realloc(ar->known, (cap = cap ? cap * 2 : 64) * sizeof(*ar->known));

			if (!n) {
				free(buf);
				return -ENOMEM;
			}
			ar->known = n;
		}
		snprintf(ar->known[ar->n_known++], sizeof(ar->known[0]), "%s", line);
	}
	free(buf);
	if (ar->n_known)
		qsort(ar->known, ar->n_known, sizeof(*ar->known), cmp_known);
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int pc_archive_lock(int dirfd, const char *path, bool shared, int wait_s)
{
	int64_t deadline = now_ms() + (int64_t)wait_s * 1000;
	int fd, e;

	fd = openat(dirfd, LOCK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0640);
	if (fd < 0 && shared && (errno == EROFS || errno == EACCES))
		fd = openat(dirfd, LOCK, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0) {
		if (shared && (errno == EROFS || errno == EACCES || errno == ENOENT))
			return -ENOENT; /* nobody can write there: nothing to race with */
		return pc_log_errno(errno, "cannot open lock %s/" LOCK ": %m", path);
	}
	for (bool told = false;;) {
		char holder[32] = "";
		ssize_t n;

		if (flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0)
			break;
		if (errno == ENOLCK || errno == EOPNOTSUPP || errno == ENOSYS) {
			/* a filesystem without locks (some network ones): work, but say so */
			pc_err("cannot lock %s/" LOCK " (%m): the filesystem has no locks; "
			       "nothing stops a second instance", path);
			break;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			e = pc_log_errno(errno, "cannot lock %s/" LOCK ": %m", path);
			close(fd);
			return e;
		}
		n = pread(fd, holder, sizeof(holder) - 1, 0);
		holder[n > 0 ? n : 0] = 0;
		holder[strspn(holder, "0123456789")] = 0;
		if (now_ms() >= deadline) {
			pc_err("archive %s is in use by %s%s (another pstore-collect); gave up after %d s (--lock-wait)",
			       path, holder[0] ? "pid " : "a reader", holder, wait_s);
			close(fd);
			return -EWOULDBLOCK;
		}
		if (!told) {
			pc_info("archive %s is in use by %s%s; waiting up to %d s", path,
				holder[0] ? "pid " : "a reader", holder, wait_s);
			told = true;
		}
		usleep(50000);
	}
	if (!shared) {
		char pid[32];
		int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());

		if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n)
			pc_debug("cannot write the pid into %s/" LOCK ": %m", path);
	}
	pc_killpoint("locked");
	return fd;
}

void pc_archive_unlock(int lock_fd, bool shared)
{
	if (lock_fd < 0)
		return;
	if (!shared)
		(void)ftruncate(lock_fd, 0); /* no pid: a waiter must not blame a finished run */
	close(lock_fd);
}

static void remove_spool_temps(int dfd)
{
	int sfd;
	struct dirent *de;
	DIR *d = dir_at(dfd, "spool", &sfd);

	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' && l > 5 && !strcmp(de->d_name + l - 4, ".tmp"))
			(void)unlinkat(sfd, de->d_name, 0);
	}
	closedir(d);
}

int pc_archive_open(const char *path, struct pc_archive *ar, int lock_wait_s)
{
	int e;

	memset(ar, 0, sizeof(*ar));
	ar->dfd = ar->journal_fd = ar->lock_fd = -1;
	e = mkdir_p(path);
	if (e < 0)
		return pc_log_errno(e, "cannot create archive directory %s: %s", path, strerror(-e));
	ar->dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (ar->dfd < 0)
		return pc_log_errno(errno, "cannot open archive directory %s: %m", path);
	ar->path = strdup(path);
	ar->lock_fd = pc_archive_lock(ar->dfd, path, false, lock_wait_s);
	if (ar->lock_fd < 0) {
		e = ar->lock_fd;
		goto err;
	}
	ar->journal_fd = openat(ar->dfd, JOURNAL, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (ar->journal_fd < 0) {
		e = pc_log_errno(errno, "archive directory %s is not writable: %m", path);
		goto err;
	}
	/* under the lock: nobody else is building these */
	remove_stale_tmpdirs(ar);
	remove_spool_temps(ar->dfd);
	e = load_journal(ar);
	if (e < 0) {
		pc_log_errno(e, "cannot read %s/" JOURNAL ": %s", path, strerror(-e));
		goto err;
	}
	return 0;
err:
	pc_archive_close(ar);
	return e;
}

void pc_archive_close(struct pc_archive *ar)
{
	if (ar->journal_fd >= 0)
		close(ar->journal_fd);
	pc_archive_unlock(ar->lock_fd, false);
	if (ar->dfd >= 0)
		close(ar->dfd);
	free(ar->known);
	free(ar->path);
	memset(ar, 0, sizeof(*ar));
	ar->dfd = ar->journal_fd = ar->lock_fd = -1;
}

const char *pc_archive_has(const struct pc_archive *ar, const char *raw_sha)
{
	const char (*hit)[PC_SHA256_HEX + 64];
	char path[160];
	struct stat st;

	if (!ar->n_known)
		return NULL;
	hit = bsearch(raw_sha, ar->known, ar->n_known, sizeof(*ar->known), cmp_known);
	if (!hit)
		return NULL;
	/* the same record may be journaled twice: go to the first line */
	while (hit > ar->known && cmp_known(hit - 1, raw_sha) == 0)
		hit--;
	/* trust the journal only if the crash it names is really there */
	for (; hit < ar->known + ar->n_known && cmp_known(hit, raw_sha) == 0; hit++) {
		snprintf(path, sizeof(path), "%s/report.json", *hit + PC_SHA256_HEX);
		if (fstatat(ar->dfd, path, &st, 0) == 0 && st.st_size > 0)
			return *hit + PC_SHA256_HEX;
	}
	return NULL;
}

/* Remove a crash directory or a half-built ".tmp-<dir>" (files only, as we create them). */
static void remove_tmpdir(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	struct dirent *de;
	DIR *d;

	if (fd < 0)
		return;
	/* report.json first: a removal cut short leaves no "complete" crash */
	(void)unlinkat(fd, "report.json", 0);
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			(void)unlinkat(fd, de->d_name, 0);
	closedir(d);
	(void)unlinkat(dfd, name, AT_REMOVEDIR);
}

static void remove_stale_tmpdirs(struct pc_archive *ar)
{
	int fd;
	struct dirent *de;
	DIR *d = dir_at(ar->dfd, ".", &fd);

	if (!d)
		return;
	while ((de = readdir(d)))
		if (strncmp(de->d_name, ".tmp-", 5) == 0)
			remove_tmpdir(ar->dfd, de->d_name);
	closedir(d);
}

static int write_file(int cfd, bool fresh, const char *name, const void *d, size_t len)
{
	return fresh ? pc_write_plain(cfd, name, d, len) : pc_write_atomic(cfd, name, d, len, false);
}

int pc_archive_write(struct pc_archive *ar, const struct pc_report *r, const char *json)
{
	const struct pc_crash *c = r->c;
	char tmpdir[96];
	const char *where;
	struct stat st;
	bool fresh;
	int cfd, e = 0;

	/*
	 * A new crash is built in ".tmp-<dir>" and renamed into place whole:
	 * one rename instead of one per file. A crash already there (a re-run)
	 * is updated file by file, each through its own temporary name.
	 */
	fresh = fstatat(ar->dfd, r->dir, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT;
	snprintf(tmpdir, sizeof(tmpdir), ".tmp-%s", r->dir);
	where = fresh ? tmpdir : r->dir;
	if (mkdirat(ar->dfd, where, 0750) < 0 && errno != EEXIST)
		return pc_log_errno(errno, "cannot create %s/%s: %m", ar->path, where);
	cfd = openat(ar->dfd, where, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (cfd < 0)
		return pc_log_errno(errno, "cannot open %s/%s: %m", ar->path, where);
	for (size_t i = 0; i < c->n_parts + c->n_copies && e == 0; i++) {
		const struct pc_record *s = i < c->n_parts ? c->parts[i] : c->copies[i - c->n_parts];
		char *safe = pc_safe_name(s->name);

		if (!safe) {
			e = -ENOMEM;
			break;
		}
		e = write_file(cfd, fresh, safe, s->raw, s->raw_len);
		if (e < 0)
			pc_log_errno(e, "cannot write %s/%s/%s: %s", ar->path, where, safe, strerror(-e));
		free(safe);
	}
	if (e == 0 && r->is_dump) {
		e = write_file(cfd, fresh, "dmesg.txt", c->text, c->text_len);
		if (e < 0)
			pc_log_errno(e, "cannot write %s/%s/dmesg.txt: %s", ar->path, where, strerror(-e));
	}
	pc_killpoint("before-report");
	if (e == 0) {
		e = write_file(cfd, fresh, "report.json", json, strlen(json));
		if (e < 0)
			pc_log_errno(e, "cannot write %s/%s/report.json: %s", ar->path, where, strerror(-e));
	}
	close(cfd);
	if (e == 0 && fresh && renameat(ar->dfd, tmpdir, ar->dfd, r->dir) < 0)
		e = pc_log_errno(errno, "cannot rename %s/%s: %m", ar->path, tmpdir);
	if (e < 0 && fresh)
		remove_tmpdir(ar->dfd, tmpdir);
	return e;
}

int pc_archive_commit(struct pc_archive *ar, struct pc_record **recs, const char **dirs, size_t n)
{
	size_t cap = n * (PC_SHA256_HEX + 72) + 1, o = 0;
	char *buf = malloc(cap);
	int e;

	if (!buf)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s %s\n", recs[i]->raw_sha, dirs[i]);
	e = pc_write_all(ar->journal_fd, buf, o);
	free(buf);
	if (e < 0)
		return pc_log_errno(e, "cannot write %s/" JOURNAL ": %s", ar->path, strerror(-e));
	pc_killpoint("journaled");
	/* One flush for the whole batch: every file, directory and rename. */
	if (syncfs(ar->dfd) < 0)
		return pc_log_errno(errno, "cannot sync archive %s: %m", ar->path);
	if (fsync(ar->journal_fd) < 0 || fsync(ar->dfd) < 0)
		return pc_log_errno(errno, "cannot sync archive %s: %m", ar->path);
	pc_killpoint("synced");
	return 0;
}

int pc_archive_journal_reset(struct pc_archive *ar)
{
	if (ftruncate(ar->journal_fd, 0) < 0 || fsync(ar->journal_fd) < 0)
		return pc_log_errno(errno, "cannot reset %s/" JOURNAL ": %m", ar->path);
	return 0;
}

int pc_source_unlink(int srcfd, const struct pc_record *r)
{
	struct stat st;

	if (fstatat(srcfd, r->name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (st.st_dev != r->dev || st.st_ino != r->ino || (size_t)st.st_size != r->raw_len)
		return -ESTALE;
	if (unlinkat(srcfd, r->name, 0) < 0)
		return -errno;
	return 0;
}

/* ---- retention ---- */

struct crash_ent {
	char name[64];
	int64_t time;            /* report.json's mtime: when it was archived */
	unsigned long long bytes;
	bool pending;            /* a spool message waits: not delivered */
	char spool[128];
};

/* "<type>-<16 hex>": a crash directory name as pc_report_init() makes it */
static bool crash_dir_name(const char *n)
{
	size_t l = strlen(n);

	if (l < 18 || l >= 64 || n[l - 17] != '-' || n[0] == '.')
		return false;
	for (size_t i = 0; i < l - 17; i++)
		if (!((n[i] >= 'a' && n[i] <= 'z') || n[i] == '-'))
			return false;
	return strspn(n + l - 16, "0123456789abcdef") == 16;
}

/* The idempotency key in a report.json (pretty-printed by json-c). */
static bool report_key(int cfd, char key[PC_SHA256_HEX])
{
	int fd = openat(cfd, "report.json", O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	unsigned char *buf;
	size_t len;
	const char *p;
	bool ok = false;

	if (fd < 0)
		return false;
	if (pc_read_fd(fd, 4u << 20, &buf, &len) < 0) {
		close(fd);
		return false;
	}
	close(fd);
	p = strstr((char *)buf, "\"idempotency_key\"");
	if (p) {
		p += strlen("\"idempotency_key\"");
		p += strspn(p, " :");
		if (*p == '"' && strspn(p + 1, "0123456789abcdef") == 64) {
			memcpy(key, p + 1, 64);
			key[64] = 0;
			ok = true;
		}
	}
	free(buf);
	return ok;
}

static unsigned long long dir_bytes(int cfd)
{
	int fd;
	DIR *d = dir_at(cfd, ".", &fd);
	struct dirent *de;
	unsigned long long sum = 0;
	struct stat st;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (fstatat(cfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			sum += (unsigned long long)st.st_size;
	closedir(d);
	return sum;
}

struct spool_ent {
	char key[PC_SHA256_HEX];
	char name[128];
	unsigned long long bytes;
};

static int cmp_spool(const void *a, const void *b)
{
	return strcmp(((const struct spool_ent *)a)->key, ((const struct spool_ent *)b)->key);
}

static int cmp_crash(const void *a, const void *b)
{
	const struct crash_ent *x = a, *y = b;

	if (x->pending != y->pending)
		return x->pending ? 1 : -1; /* delivered ones go first */
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return strcmp(x->name, y->name);
}

static struct spool_ent *load_spool(int dfd, size_t *n)
{
	int sfd;
	DIR *d = dir_at(dfd, "spool", &sfd);
	struct spool_ent *sp = NULL;
	struct dirent *de;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		struct stat st;

		if (de->d_name[0] == '.' || l < 69 || l >= 128 || strcmp(de->d_name + l - 4, ".msg") ||
		    fstatat(sfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (*n == cap) {
			struct spool_ent *ns = realloc(sp, (cap = cap ? cap * 2 : 64) * sizeof(*sp));

			if (!ns)
				break;
			sp = ns;
		}
		memcpy(sp[*n].key, de->d_name + l - 68, 64);
		sp[*n].key[64] = 0;
		snprintf(sp[*n].name, sizeof(sp[*n].name), "%.127s", de->d_name);
		sp[*n].bytes = (unsigned long long)st.st_size;
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(sp, *n, sizeof(*sp), cmp_spool);
	return sp;
}

int pc_archive_prune(struct pc_archive *ar, const struct pc_retention *lim, int64_t now)
{
	struct crash_ent *ce = NULL;
	struct spool_ent *sp;
	size_t n = 0, cap = 0, nsp, count, removed = 0, removed_pending = 0;
	unsigned long long total = 0;
	struct dirent *de;
	int fd;
	DIR *d;

	if (!lim->max_crashes && !lim->max_bytes && !lim->max_age_days)
		return 0;
	sp = load_spool(ar->dfd, &nsp);
	d = dir_at(ar->dfd, ".", &fd);
	if (!d) {
		free(sp);
		return -ENOMEM;
	}
	while ((de = readdir(d))) {
		struct crash_ent c = { 0 };
		struct spool_ent key_ent, *hit;
		struct stat st;
		int cfd;

		if (!crash_dir_name(de->d_name))
			continue;
		cfd = openat(ar->dfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (cfd < 0)
			continue;
		/* without report.json it is not a complete crash: not ours to judge */
		if (fstatat(cfd, "report.json", &st, AT_SYMLINK_NOFOLLOW) < 0) {
			close(cfd);
			continue;
		}
		snprintf(c.name, sizeof(c.name), "%.63s", de->d_name);
		c.time = st.st_mtim.tv_sec;
		c.bytes = dir_bytes(cfd);
		if (nsp && report_key(cfd, key_ent.key) &&
		    (hit = bsearch(&key_ent, sp, nsp, sizeof(*sp), cmp_spool))) {
			c.pending = true;
			c.bytes += hit->bytes;
			snprintf(c.spool, sizeof(c.spool), "%s", hit->name);
		}
		close(cfd);
		if (n == cap) {
			struct crash_ent *nc = realloc(ce, (cap = cap ? cap * 2 : 256) * sizeof(*ce));

			if (!nc)
				break;
			ce = nc;
		}
		ce[n++] = c;
		total += c.bytes;
	}
	closedir(d);
	free(sp);
	if (n)
		qsort(ce, n, sizeof(*ce), cmp_crash);
	count = n;
	for (size_t i = 0; i < n; i++) {
		const struct crash_ent *c = &ce[i];
		bool over = (lim->max_crashes && count > lim->max_crashes) ||
			    (lim->max_bytes && total > lim->max_bytes);
		bool old = lim->max_age_days && !c->pending &&
			   now - c->time > (int64_t)lim->max_age_days * 86400;

		if (!over && !old)
			continue;
		if (c->pending) {
			/* never silently: this one was not delivered */
			pc_err("removing crash %s/%s before it was delivered: the archive holds %zu crash(es), %llu bytes, over --max-crashes %lu / --max-bytes %llu",
			       ar->path, c->name, count, total, lim->max_crashes, lim->max_bytes);
			int sfd = openat(ar->dfd, "spool", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);

			if (sfd >= 0) {
				(void)unlinkat(sfd, c->spool, 0);
				close(sfd);
			}
			removed_pending++;
		}
		remove_tmpdir(ar->dfd, c->name);
		count--;
		total -= c->bytes;
		removed++;
	}
	free(ce);
	if (removed)
		pc_info("retention: removed %zu crash(es) (%zu undelivered) from %s; %zu left, %llu bytes",
			removed, removed_pending, ar->path, count, total);
	return (int)removed;
}
