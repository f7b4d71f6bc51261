// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore-collect: turn what the kernel left under /sys/fs/pstore into one
 * archived, signed report per crash, ship it, and only then free the
 * records (and with them the NVRAM they occupy).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <json-c/json.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "archive.h"
#include "record.h"
#include "report.h"
#include "ship.h"
#include "util.h"

#ifndef PC_VERSION
#define PC_VERSION "0.1"
#endif

#define DEFAULT_SOURCE "/sys/fs/pstore"
#define DEFAULT_ARCHIVE "/var/lib/pstore-collect"
#define DEFAULT_CONFIG "/etc/pstore-collect.conf"
#define OPTSTRING "s:a:c:kjqvhV"

/* Exit codes, documented in README.md and the man page. */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,      /* bad command line or config */
	EXIT_IO = 2,         /* source/archive unusable: nothing was unlinked */
	EXIT_REJECTED = 3,   /* some records could not be handled; left in place */
	EXIT_UNDELIVERED = 4 /* archived, but reports wait in the spool */
};

struct options {
	char source[4096];
	char archive[4096];
	char ship_url[512];
	struct pc_tls tls;
	char machine_id[128];
	char hostname[256];
	size_t max_size;
	size_t max_inflated;
	size_t max_message;
	struct pc_retention keep;
	int max_per_day;
	int timeout_s;
	int jobs;
	int lock_wait_s;
	int retry_base_s, retry_max_s;
	bool unlink;
	bool json;
	bool source_given;
	bool unlink_set;        /* unlink/keep given by us: systemd's Unlink= does not apply */
	bool no_send;           /* collect: archive and spool, leave sending to `ship` */
	int watch_s;            /* collect again every N seconds until SIGTERM (0: once) */
	char pstore_conf[512];  /* systemd-pstore's config, for its Unlink= */
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: pstore-collect [OPTIONS] [collect|list|ship]\n"
"\n"
"Harvest kernel crash records from pstore: reassemble multi-part dumps,\n"
"analyse them (kind, faulting function, call trace, crash signature),\n"
"archive each crash durably, ship a report to syslog, and only then\n"
"remove the records from pstore to free the NVRAM.\n"
"\n"
"Commands:\n"
"  collect            archive, remove from pstore, ship (the default)\n"
"  list               show the records and crashes in the source; changes nothing\n"
"  ship               only send the reports waiting in the spool\n"
"\n"
"Options:\n"
"  -s, --source=DIR        pstore directory (default " DEFAULT_SOURCE ")\n"
"  -a, --archive=DIR       archive directory (default " DEFAULT_ARCHIVE ")\n"
"  -c, --config=FILE       config file (default " DEFAULT_CONFIG " if present)\n"
"      --ship=URL          tcp://HOST:PORT (RFC 5424, octet-counted, unacknowledged),\n"
"                          relp://HOST:PORT (acknowledged) or relps://HOST:PORT\n"
"                          (RELP over TLS)\n"
"      --tls-ca=FILE       relps: CA certificate the receiver's must chain to\n"
"      --tls-name=NAME     relps: name the receiver's certificate must carry\n"
"                          (default: the HOST of the URL)\n"
"      --tls-cert=FILE, --tls-key=FILE  relps: own certificate and key\n"
"      --max-per-day=N     send at most N reports per UTC day (default 100, 0 = no cap)\n"
"      --timeout=SECONDS   total time for sending the spool (default 10)\n"
"      --retry-base=SECONDS  after a failed send, wait this long, doubling per\n"
"                          failure, each wait drawn from [d/2, d] (default 60;\n"
"                          0 = no backoff)\n"
"      --retry-max=SECONDS   longest such wait (default 21600)\n"
"      --max-size=BYTES    refuse records larger than this (default 16777216)\n"
"      --max-inflated=BYTES  cap on a .enc.z record decompressed (default 4M);\n"
"                          larger ones are archived raw and reported too large\n"
"      --max-message=BYTES longest syslog message (default 256000): longer texts\n"
"                          lose their oldest lines; bigger spool files are moved\n"
"                          to spool/too-big/\n"
"      --max-crashes=N     keep at most N crashes in the archive (default 1000)\n"
"      --max-bytes=BYTES   and at most this much, spool included (default 256M)\n"
"      --max-age=DAYS      remove delivered crashes older than this (default 365);\n"
"                          0 disables a limit; delivered crashes go first\n"
"      --jobs=N            threads analysing and writing crashes (default: CPUs, at most 4)\n"
"      --lock-wait=SECONDS wait this long for another instance to finish (default 30)\n"
"      --machine-id=ID     default: /etc/machine-id\n"
"      --hostname=NAME     default: gethostname()\n"
"  -k, --keep              archive but do not remove records from pstore\n"
"      --no-send           collect: archive and spool, leave sending to `ship`\n"
"      --watch=SECONDS     collect again every SECONDS until SIGTERM (oopses\n"
"                          that pstore.update_ms adds while the system runs)\n"
"      --pstore-conf=FILE  systemd-pstore's config whose Unlink=no is honoured\n"
"                          (default /etc/systemd/pstore.conf and its .d/; \"\" = none)\n"
"  -j, --json              print the JSON reports (collect) or listing (list)\n"
"  -q, --quiet             errors only\n"
"  -v, --verbose\n"
"  -h, --help\n"
"  -V, --version\n"
"\n"
"Exit status: 0 success; 1 usage or config error; 2 source or archive\n"
"unusable (nothing removed); 3 some records rejected and left in place;\n"
"4 reports archived but still waiting in the spool.\n");
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = 0;
	return s;
}

static int parse_size(const char *v, size_t *out)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || end == v)
		return -EINVAL;
	if (*end == 'K' || *end == 'k')
		n <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		n <<= 20, end++;
	if (*end || n == 0 || n > (1ull << 32))
		return -EINVAL;
	*out = (size_t)n;
	return 0;
}

static int parse_int(const char *v, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > 1000000)
		return -EINVAL;
	*out = (int)n;
	return 0;
}

static int parse_ulong(const char *v, unsigned long *out)
{
	int n, e = parse_int(v, &n);

	if (e == 0)
		*out = (unsigned long)n;
	return e;
}

static int set_option(struct options *o, const char *k, const char *v)
{
	if (!strcmp(k, "source")) {
		snprintf(o->source, sizeof(o->source), "%s", v);
		o->source_given = true;
	} else if (!strcmp(k, "archive")) {
		snprintf(o->archive, sizeof(o->archive), "%s", v);
	} else if (!strcmp(k, "ship")) {
		snprintf(o->ship_url, sizeof(o->ship_url), "%s", v);
	} else if (!strcmp(k, "tls-ca")) {
		snprintf(o->tls.ca, sizeof(o->tls.ca), "%s", v);
	} else if (!strcmp(k, "tls-cert")) {
		snprintf(o->tls.cert, sizeof(o->tls.cert), "%s", v);
	} else if (!strcmp(k, "tls-key")) {
		snprintf(o->tls.key, sizeof(o->tls.key), "%s", v);
	} else if (!strcmp(k, "tls-name")) {
		snprintf(o->tls.name, sizeof(o->tls.name), "%s", v);
	} else if (!strcmp(k, "machine-id")) {
		snprintf(o->machine_id, sizeof(o->machine_id), "%s", v);
	} else if (!strcmp(k, "hostname")) {
		snprintf(o->hostname, sizeof(o->hostname), "%s", v);
	} else if (!strcmp(k, "max-per-day")) {
		return parse_int(v, &o->max_per_day);
	} else if (!strcmp(k, "timeout")) {
		return parse_int(v, &o->timeout_s);
	} else if (!strcmp(k, "jobs")) {
		return parse_int(v, &o->jobs);
	} else if (!strcmp(k, "retry-base")) {
		return parse_int(v, &o->retry_base_s);
	} else if (!strcmp(k, "retry-max")) {
		return parse_int(v, &o->retry_max_s);
	} else if (!strcmp(k, "lock-wait")) {
		return parse_int(v, &o->lock_wait_s);
	} else if (!strcmp(k, "max-size")) {
		return parse_size(v, &o->max_size);
	} else if (!strcmp(k, "max-inflated")) {
		return parse_size(v, &o->max_inflated);
	} else if (!strcmp(k, "max-message")) {
		return parse_size(v, &o->max_message);
	} else if (!strcmp(k, "max-crashes")) {
		return parse_ulong(v, &o->keep.max_crashes);
	} else if (!strcmp(k, "max-bytes")) {
		size_t b = 0;
		int e = !strcmp(v, "0") ? 0 : parse_size(v, &b);

		o->keep.max_bytes = b;
		return e;
	} else if (!strcmp(k, "max-age")) {
		return parse_ulong(v, &o->keep.max_age_days);
	} else if (!strcmp(k, "watch")) {
		return parse_int(v, &o->watch_s);
	} else if (!strcmp(k, "pstore-conf")) {
		snprintf(o->pstore_conf, sizeof(o->pstore_conf), "%s", v);
	} else if (!strcmp(k, "unlink") || !strcmp(k, "keep") || !strcmp(k, "json") || !strcmp(k, "no-send") ||
		   !strcmp(k, "quiet") || !strcmp(k, "verbose")) {
		bool b;

		if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
			b = true;
		else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
			b = false;
		else
			return -EINVAL;
		if (!strcmp(k, "unlink"))
			o->unlink = b, o->unlink_set = true;
		else if (!strcmp(k, "keep"))
			o->unlink = !b, o->unlink_set = true;
		else if (!strcmp(k, "json"))
			o->json = b;
		else if (!strcmp(k, "no-send"))
			o->no_send = b;
		else if (b || pc_verbosity == (k[0] == 'q' ? 0 : 2))
			pc_verbosity = b ? (k[0] == 'q' ? 0 : 2) : 1;
	} else {
		return -ENOENT;
	}
	return 0;
}

static int load_config(struct options *o, const char *path, bool must_exist)
{
	FILE *f = fopen(path, "re");
	char line[4352];
	int lineno = 0, e;

	if (!f) {
		if (!must_exist && errno == ENOENT)
			return 0;
		return pc_log_errno(errno, "cannot open config %s: %m", path);
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq, *k, *v;

		lineno++;
		if (!*s || *s == '#' || *s == ';')
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			fclose(f);
			return pc_log_errno(EINVAL, "%s:%d: expected key = value", path, lineno);
		}
		*eq = 0;
		k = trim(s);
		v = trim(eq + 1);
		e = set_option(o, k, v);
		if (e < 0) {
			fclose(f);
			return pc_log_errno(EINVAL, "%s:%d: %s \"%s\"", path, lineno,
					    e == -ENOENT ? "unknown key" : "bad value for", k);
		}
	}
	fclose(f);
	return 0;
}

static void machine_identity(struct options *o)
{
	if (!o->machine_id[0]) {
		char buf[128] = "";
		FILE *f = fopen("/etc/machine-id", "re");

		if (f) {
			if (!fgets(buf, sizeof(buf), f))
				buf[0] = 0;
			fclose(f);
		}
		snprintf(o->machine_id, sizeof(o->machine_id), "%s", trim(buf));
		if (!o->machine_id[0])
			snprintf(o->machine_id, sizeof(o->machine_id), "unknown");
	}
	if (!o->hostname[0] && gethostname(o->hostname, sizeof(o->hostname) - 1) < 0)
		snprintf(o->hostname, sizeof(o->hostname), "-");
}

#define PC_MAX_JOBS 16

/* Threads for @n items, at most one per @per items: --jobs within 1..PC_MAX_JOBS. */
static int pc_threads(const struct options *o, size_t n, size_t per)
{
	int t = o->jobs < 1 ? 1 : o->jobs > PC_MAX_JOBS ? PC_MAX_JOBS : o->jobs;

	if ((size_t)t > n / per + 1)
		t = (int)(n / per + 1); /* not worth a thread for a few items */
	return t;
}

struct source {
	int fd;
	struct pc_record *recs;
	size_t n;
	int rejected;
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Records read (and hashed) by --jobs threads, each record by one of them. */
struct loader {
	const struct options *o;
	int fd;
	char **names;
	size_t n, first, step;
	struct pc_record *recs;
	int *errs;
	pthread_t tid;
};

static void *loader_main(void *arg)
{
	struct loader *l = arg;

	for (size_t i = l->first; i < l->n; i += l->step)
		l->errs[i] = pc_record_load(l->fd, l->names[i], l->o->max_size, l->o->max_inflated,
					    &l->recs[i]);
	return NULL;
}

static void load_all(const struct options *o, int fd, char **names, size_t n,
		     struct pc_record *recs, int *errs)
{
	struct loader l[PC_MAX_JOBS];
	int nl = pc_threads(o, n, 256);
	int started = 1;

	for (int k = 0; k < nl; k++)
		l[k] = (struct loader){ .o = o, .fd = fd, .names = names, .n = n, .first = (size_t)k,
					.step = (size_t)nl, .recs = recs, .errs = errs };
	for (int k = 1; k < nl; k++, started++)
		if (pthread_create(&l[k].tid, NULL, loader_main, &l[k]) != 0)
			break;
	for (int k = started; k < nl; k++) /* fewer threads than wanted: do their share */
		loader_main(&l[k]);
	loader_main(&l[0]);
	for (int k = 1; k < started; k++)
		pthread_join(l[k].tid, NULL);
}

/* Read every record; bad ones are reported and left alone. */
static int read_source(const struct options *o, struct source *src)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t nn = 0, cap = 0;
	int fd, *errs = NULL;

	memset(src, 0, sizeof(*src));
	src->fd = -1;
	fd = open(o->source, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT && !o->source_given) {
			pc_info("%s does not exist (pstore not mounted?): nothing to do", o->source);
			return 1;
		}
		return pc_log_errno(errno, "cannot open source %s: %m", o->source);
	}
	d = fdopendir(dup(fd));
	if (!d) {
		close(fd);
		return pc_log_errno(errno, "cannot read source %s: %m", o->source);
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (nn == cap) {
			char **n2 = realloc(names, (cap = cap ? cap * 2 : 256) * sizeof(*names));

			if (!n2)
				goto nomem;
			names = n2;
		}
		names[nn] = strdup(de->d_name);
		if (!names[nn])
			goto nomem;
		nn++;
	}
	closedir(d);
	d = NULL;
	if (nn)
		qsort(names, nn, sizeof(*names), cmp_name);
	src->recs = calloc(nn ? nn : 1, sizeof(*src->recs));
	errs = calloc(nn ? nn : 1, sizeof(*errs));
	if (!src->recs || !errs)
		goto nomem;
	load_all(o, fd, names, nn, src->recs, errs);
	/* in name order: keep the loaded records, report the others */
	for (size_t i = 0; i < nn; i++) {
		int e = errs[i];

		if (e < 0) {
			/* one log line per name, whatever bytes it holds */
			char *shown = pc_log_name(names[i]);

			pc_err("%s/%s: %s; left in place", o->source, shown ? shown : "?",
			       e == -EINVAL ? "not a pstore record name" :
			       e == -EFBIG ? "larger than --max-size" :
			       e == -EISDIR ? "not a regular file" : strerror(-e));
			free(shown);
			src->rejected++;
		} else {
			if (src->n != i)
				src->recs[src->n] = src->recs[i];
			src->n++;
		}
		free(names[i]);
	}
	free(errs);
	free(names);
	src->fd = fd;
	return 0;
nomem:
	if (d)
		closedir(d);
	for (size_t i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	free(errs);
	free(src->recs);
	src->recs = NULL;
	close(fd);
	return -ENOMEM;
}

static void free_source(struct source *src)
{
	for (size_t i = 0; i < src->n; i++)
		pc_record_free(&src->recs[i]);
	free(src->recs);
	if (src->fd >= 0)
		close(src->fd);
}

static int cmd_list(const struct options *o)
{
	struct source src;
	struct pc_crash *cr = NULL;
	size_t nc = 0;
	json_object *root = NULL, *jrecs = NULL, *jcr = NULL;
	int lock = -1, e, afd;

	/*
	 * A shared lock on the archive, if there is one: list reads what a
	 * collect would be unlinking. Without an archive nothing collects here.
	 */
	afd = open(o->archive, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (afd >= 0) {
		lock = pc_archive_lock(afd, o->archive, true, o->lock_wait_s);
		close(afd);
		if (lock == -EWOULDBLOCK)
			return EXIT_IO;
	}
	e = read_source(o, &src);
	if (e == 1 || e < 0) {
		pc_archive_unlock(lock, true);
		return e == 1 ? EXIT_OK : EXIT_IO;
	}
	pc_killpoint("listed");
	if (o->json) {
		root = json_object_new_object();
		json_object_object_add(root, "schema", json_object_new_string("lastgasp.pstore-collect.list"));
		json_object_object_add(root, "schema_version", json_object_new_int(PC_SCHEMA_VERSION));
		jrecs = json_object_new_array();
		jcr = json_object_new_array();
		json_object_object_add(root, "records", jrecs);
		json_object_object_add(root, "crashes", jcr);
	} else {
		printf("%-40s %-8s %-12s %8s %-12s %s\n", "RECORD", "TYPE", "BACKEND", "SIZE", "DUMP", "PART");
	}
	for (size_t i = 0; i < src.n; i++) {
		struct pc_record *r = &src.recs[i];
		char dump[40] = "-", part[16] = "-";

		if (r->has_hdr) {
			snprintf(dump, sizeof(dump), "%s#%u", r->hdr.reason, r->hdr.count);
			snprintf(part, sizeof(part), "%u", r->hdr.part);
		}
		if (jrecs) {
			json_object *j = json_object_new_object();

			json_object_object_add(j, "name", json_object_new_string(r->name));
			json_object_object_add(j, "type", json_object_new_string(r->n.type));
			json_object_object_add(j, "backend", json_object_new_string(r->n.backend));
			json_object_object_add(j, "size", json_object_new_int64((int64_t)r->raw_len));
			json_object_object_add(j, "dump", r->has_hdr ? json_object_new_string(dump) : NULL);
			json_object_object_add(j, "part", r->has_hdr ? json_object_new_int((int)r->hdr.part) : NULL);
			json_object_object_add(j, "error", r->error[0] ? json_object_new_string(r->error) : NULL);
			json_object_array_add(jrecs, j);
		} else {
			printf("%-40s %-8s %-12s %8zu %-12s %s%s%s\n", r->name, r->n.type, r->n.backend,
			       r->raw_len, dump, part, r->error[0] ? "  ERROR: " : "", r->error);
		}
	}
	e = pc_group(src.recs, src.n, &cr, &nc);
	if (e < 0) {
		free_source(&src);
		json_object_put(root);
		pc_archive_unlock(lock, true);
		return EXIT_IO;
	}
	if (!jcr && nc)
		printf("\n%-30s %-12s %5s %-8s %s\n", "CRASH", "BACKEND", "PARTS", "MISSING", "SUMMARY");
	for (size_t i = 0; i < nc; i++) {
		struct pc_report rep;
		char miss[64] = "-";
		size_t mo = 0;

		if (pc_report_init(&rep, &cr[i], o->machine_id) < 0)
			continue;
		for (size_t k = 0; k < cr[i].n_missing && mo + 12 < sizeof(miss); k++)
			mo += (size_t)snprintf(miss + mo, sizeof(miss) - mo, "%s%u", k ? "," : "", cr[i].missing[k]);
		if (jcr) {
			json_object *j = pc_report_json(&rep, o->machine_id, o->hostname, time(NULL));

			json_object_array_add(jcr, j);
		} else {
			printf("%-30s %-12s %5zu %-8s %s\n", rep.dir, cr[i].backend, cr[i].n_parts, miss, rep.summary);
		}
		pc_report_fini(&rep);
	}
	if (root) {
		puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(root);
	}
	pc_crashes_free(cr, nc);
	e = src.rejected ? EXIT_REJECTED : EXIT_OK;
	free_source(&src);
	pc_archive_unlock(lock, true);
	return e;
}

static void ship_deadline(int sig)
{
	static const char m[] = "pstore-collect: still shipping past --timeout; "
				"what was not confirmed stays in the spool\n";

	(void)sig;
	/* only spool and sent.log are in flight: both survive a stop anywhere */
	(void)!write(STDERR_FILENO, m, sizeof(m) - 1);
	_exit(EXIT_UNDELIVERED);
}

static int ship_flush(const struct options *o, struct pc_archive *ar, const struct pc_ship *sh)
{
	struct sigaction sa = { .sa_handler = ship_deadline };
	int sent = 0, left;

	/*
	 * pc_ship_flush() keeps its own total deadline; this is the backstop
	 * for what it cannot bound (a resolver, librelp's internal waits).
	 */
	sigaction(SIGALRM, &sa, NULL);
	alarm((unsigned)sh->timeout_s + 5);
	left = pc_ship_flush(ar->dfd, sh, time(NULL), &sent);
	alarm(0);

	if (left < 0) {
		pc_err("cannot read the spool in %s: %s", o->archive, strerror(-left));
		return EXIT_UNDELIVERED;
	}
	if (sent)
		pc_info("delivered %d report(s) to %s", sent, o->ship_url);
	if (left)
		pc_info("%d report(s) wait in %s/spool", left, o->archive);
	return left ? EXIT_UNDELIVERED : EXIT_OK;
}

/* What the archiving threads share; each crash index is one thread's alone. */
struct job {
	const struct options *o;
	const struct pc_ship *sh;
	struct pc_archive *ar;
	struct pc_crash *cr;
	struct pc_report *reps;
	bool *ok;
	char **outs;    /* what to print for each crash, in order, after the threads */
	size_t nc;
	int64_t now;
	int failed;     /* set (atomically) when a crash could not be archived */
};

struct worker {
	struct job *jb;
	size_t first, step;
	pthread_t tid;
};

/* Analyse, write and spool crash @i. Touches only slot @i of the arrays. */
static void archive_one(struct job *jb, size_t i)
{
	const struct options *o = jb->o;
	struct pc_crash *c = &jb->cr[i];
	struct pc_report *r = &jb->reps[i];
	json_object *j;
	const char *js;
	int e;

	if (pc_report_init(r, c, o->machine_id) < 0) {
		pc_err("cannot analyse crash %s: out of memory", c->id);
		__atomic_store_n(&jb->failed, 1, __ATOMIC_RELAXED);
		return;
	}
	j = pc_report_json(r, o->machine_id, o->hostname, jb->now);
	js = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	e = js ? pc_archive_write(jb->ar, r, js) : -ENOMEM;
	if (e == 0 && jb->sh->proto != PC_SHIP_NONE && r->is_dump &&
	    !pc_ship_was_sent(jb->ar->dfd, r->key)) {
		struct pc_syslog_msg m = {
			.time = c->time, .hostname = o->hostname, .key = r->key,
			.id = c->id, .signature = r->a.signature, .kind = r->a.kind,
			.summary = r->summary, .text = pc_report_text(r),
			.max_len = o->max_message,
		};
		size_t len;
		char *msg = pc_syslog_format(&m, &len);

		e = msg ? pc_ship_spool(jb->ar->dfd, c->time, r->key, msg, len) : -ENOMEM;
		if (e < 0)
			pc_err("cannot spool report %s: %s", r->dir, strerror(-e));
		free(msg);
	}
	if (e == 0) {
		jb->ok[i] = true;
		if (o->json) {
			pc_report_add_text(j, r);
			js = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
			if (js && asprintf(&jb->outs[i], "%s\n", js) < 0)
				jb->outs[i] = NULL;
		} else if (pc_verbosity > 0 &&
			   asprintf(&jb->outs[i], "%s/%s: %s\n", o->archive, r->dir, r->summary) < 0) {
			jb->outs[i] = NULL;
		}
	} else {
		__atomic_store_n(&jb->failed, 1, __ATOMIC_RELAXED);
		pc_err("crash %s not archived; its %zu record(s) stay in %s", r->dir,
		       c->n_parts + c->n_copies, o->source);
	}
	json_object_put(j);
	pc_report_fini(r); /* r->dir stays: the journal needs it */
	r->c = NULL;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	for (size_t i = w->first; i < w->jb->nc; i += w->step)
		archive_one(w->jb, i);
	return NULL;
}

static int cmd_collect(const struct options *o, const struct pc_ship *sh)
{
	struct pc_archive ar;
	struct source src;
	struct pc_crash *cr = NULL;
	struct pc_record **todo = NULL, **commit = NULL;
	const char **dirs = NULL;
	struct pc_report *reps = NULL;
	bool *ok = NULL;
	char **outs = NULL;
	size_t nc = 0, ntodo = 0, ncommit = 0, nunlinked = 0, narchived = 0;
	int rc = EXIT_OK, e;
	int64_t now = time(NULL);

	/* the lock first: another instance may be unlinking what we would read */
	if (pc_archive_open(o->archive, &ar, o->lock_wait_s) < 0)
		return EXIT_IO;
	e = read_source(o, &src);
	if (e == 1) {
		src.n = 0, src.fd = -1, src.recs = NULL, src.rejected = 0;
	} else if (e < 0) {
		pc_archive_close(&ar);
		return EXIT_IO;
	}
	pc_killpoint("source-read");
	if (src.rejected)
		rc = EXIT_REJECTED;

	todo = calloc(src.n + 1, sizeof(*todo));
	commit = calloc(src.n + 1, sizeof(*commit));
	dirs = calloc(src.n + 1, sizeof(*dirs));
	if (!todo || !commit || !dirs)
		goto nomem;
	for (size_t i = 0; i < src.n; i++) {
		const char *done = pc_archive_has(&ar, src.recs[i].raw_sha);

		if (done) {
			/* archived by a run that stopped before unlinking it */
			commit[ncommit] = &src.recs[i];
			dirs[ncommit++] = done;
		} else {
			todo[ntodo++] = &src.recs[i];
		}
	}
	{
		/* pc_group wants an array of records, not pointers */
		struct pc_record *tmp = calloc(ntodo + 1, sizeof(*tmp));

		if (!tmp)
			goto nomem;
		for (size_t i = 0; i < ntodo; i++)
			tmp[i] = *todo[i];
		e = pc_group(tmp, ntodo, &cr, &nc);
		if (e < 0) {
			free(tmp);
			goto nomem;
		}
		/* what grouping learnt about a record (a placed part) goes back too */
		for (size_t i = 0; i < ntodo; i++) {
			todo[i]->has_hdr = tmp[i].has_hdr;
			todo[i]->hdr = tmp[i].hdr;
			memcpy(todo[i]->error, tmp[i].error, sizeof(tmp[i].error));
		}
		/* point the crashes back at the records in src */
		for (size_t i = 0; i < nc; i++) {
			for (size_t k = 0; k < cr[i].n_parts; k++)
				cr[i].parts[k] = todo[cr[i].parts[k] - tmp];
			for (size_t k = 0; k < cr[i].n_copies; k++)
				cr[i].copies[k] = todo[cr[i].copies[k] - tmp];
		}
		free(tmp);
	}
	reps = calloc(nc + 1, sizeof(*reps));
	ok = calloc(nc + 1, sizeof(*ok));
	outs = calloc(nc + 1, sizeof(*outs));
	if (!reps || !ok || !outs)
		goto nomem;
	{
		struct job jb = {
			.o = o, .sh = sh, .ar = &ar, .cr = cr, .reps = reps, .ok = ok,
			.outs = outs, .nc = nc, .now = now,
		};
		struct worker w[PC_MAX_JOBS];
		int nw = pc_threads(o, nc, 64);
		int started = 1;

		if (sh->proto != PC_SHIP_NONE)
			(void)pc_ship_was_sent(ar.dfd, ""); /* load sent.log before threads share it */
		for (int k = 0; k < nw; k++)
			w[k] = (struct worker){ .jb = &jb, .first = (size_t)k, .step = (size_t)nw };
		for (int k = 1; k < nw; k++, started++)
			if (pthread_create(&w[k].tid, NULL, worker_main, &w[k]) != 0)
				break;
		if (started < nw) /* fewer threads than wanted: the main one takes the rest */
			for (int k = started; k < nw; k++)
				worker_main(&w[k]);
		worker_main(&w[0]);
		for (int k = 1; k < started; k++)
			pthread_join(w[k].tid, NULL);
		if (jb.failed)
			rc = EXIT_IO;
	}
	for (size_t i = 0; i < nc; i++) {
		if (outs[i]) {
			fputs(outs[i], stdout);
			free(outs[i]);
		}
		if (!ok[i])
			continue;
		narchived++;
		for (size_t k = 0; k < cr[i].n_parts + cr[i].n_copies; k++) {
			commit[ncommit] = k < cr[i].n_parts ? cr[i].parts[k] : cr[i].copies[k - cr[i].n_parts];
			dirs[ncommit++] = reps[i].dir;
		}
	}
	pc_killpoint("archived");

	if (o->unlink && ncommit) {
		e = pc_archive_commit(&ar, commit, dirs, ncommit);
		if (e < 0) {
			pc_err("archive not durable: nothing removed from %s", o->source);
			rc = EXIT_IO;
		} else {
			bool all = true;

			for (size_t i = 0; i < ncommit; i++) {
				e = pc_source_unlink(src.fd, commit[i]);
				if (e < 0 && e != -ENOENT) {
					pc_err("cannot remove %s/%s: %s", o->source, commit[i]->name, strerror(-e));
					all = false;
					if (rc == EXIT_OK)
						rc = EXIT_REJECTED;
				} else {
					nunlinked++;
				}
				pc_killpoint("unlinked");
			}
			if (all)
				(void)pc_archive_journal_reset(&ar);
		}
	} else if (o->unlink && ar.n_known) {
		/* every record the journal names is gone already: forget them */
		(void)pc_archive_journal_reset(&ar);
	} else if (!o->unlink && ncommit && syncfs(ar.dfd) < 0) {
		pc_err("cannot sync archive %s: %m", o->archive);
		rc = EXIT_IO;
	}
	if (pc_verbosity > 0 && !o->json)
		printf("%zu record(s) read, %zu crash report(s) archived in %s, %zu record(s) removed from %s\n",
		       src.n, narchived, o->archive, nunlinked, o->source);

	if (sh->proto != PC_SHIP_NONE && o->no_send) {
		pc_debug("--no-send: reports stay in %s/spool for `ship`", o->archive);
	} else if (sh->proto != PC_SHIP_NONE) {
		e = ship_flush(o, &ar, sh);
		if (rc == EXIT_OK)
			rc = e;
	}
	(void)pc_archive_prune(&ar, &o->keep, time(NULL));
out:
	for (size_t i = 0; reps && i < nc; i++)
		if (reps[i].c)
			pc_report_fini(&reps[i]);
	free(reps);
	free(ok);
	free(outs);
	pc_crashes_free(cr, nc);
	free(todo);
	free(commit);
	free(dirs);
	free_source(&src);
	pc_archive_close(&ar);
	return rc;
nomem:
	pc_err("out of memory");
	rc = EXIT_IO;
	goto out;
}

/*
 * systemd-pstore's Unlink= (default yes), from @path and then
 * @path.d/ *.conf in name order, the last setting winning, as systemd reads
 * them. Only the [PStore] section counts.
 */
static bool systemd_unlink_file(const char *path, bool v)
{
	FILE *f = fopen(path, "re");
	char line[512];
	bool in = false;

	if (!f)
		return v;
	while (fgets(line, sizeof(line), f)) {
		char *l = trim(line);

		if (*l == '[')
			in = !strcmp(l, "[PStore]");
		else if (in && !strncmp(l, "Unlink=", 7))
			v = !(!strcmp(l + 7, "no") || !strcmp(l + 7, "false") || !strcmp(l + 7, "0") ||
			      !strcmp(l + 7, "off"));
	}
	fclose(f);
	return v;
}

static bool systemd_unlink(const char *path)
{
	char dir[600], *names[64], p[900];
	size_t n = 0;
	bool v = systemd_unlink_file(path, true);
	DIR *d;
	struct dirent *de;

	snprintf(dir, sizeof(dir), "%s.d", path);
	d = opendir(dir);
	if (!d)
		return v;
	while ((de = readdir(d)) && n < 64) {
		size_t l = strlen(de->d_name);

		if (l > 5 && !strcmp(de->d_name + l - 5, ".conf") && (names[n] = strdup(de->d_name)))
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		v = systemd_unlink_file(p, v);
		free(names[i]);
	}
	return v;
}

static volatile sig_atomic_t stop_watch;

static void on_stop(int sig)
{
	(void)sig;
	stop_watch = 1;
}

/* collect, then again every o->watch_s seconds, until SIGTERM/SIGINT */
static int watch(const struct options *o, const struct pc_ship *sh)
{
	struct sigaction sa = { .sa_handler = on_stop }; /* no SA_RESTART: sleeps end at once */

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	pc_info("watching %s every %d s", o->source, o->watch_s);
	while (!stop_watch) {
		struct timespec ts = { .tv_sec = o->watch_s };
		int rc = cmd_collect(o, sh);

		if (rc != EXIT_OK && rc != EXIT_UNDELIVERED)
			pc_err("collect exited %d; watching on", rc);
		fflush(stdout);
		while (!stop_watch && nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	pc_info("stopped watching %s", o->source);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "archive", required_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "ship", required_argument, NULL, 'S' },
		{ "max-per-day", required_argument, NULL, 'D' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'J' },
		{ "lock-wait", required_argument, NULL, 'L' },
		{ "retry-base", required_argument, NULL, 1005 },
		{ "no-send", no_argument, NULL, 1007 },
		{ "watch", required_argument, NULL, 1008 },
		{ "pstore-conf", required_argument, NULL, 1009 },
		{ "retry-max", required_argument, NULL, 1006 },
		{ "max-size", required_argument, NULL, 'M' },
		{ "max-inflated", required_argument, NULL, 'I' },
		{ "max-message", required_argument, NULL, 'G' },
		{ "max-crashes", required_argument, NULL, 'C' },
		{ "max-bytes", required_argument, NULL, 'B' },
		{ "max-age", required_argument, NULL, 'A' },
		{ "machine-id", required_argument, NULL, 'm' },
		{ "tls-ca", required_argument, NULL, 1001 },
		{ "tls-cert", required_argument, NULL, 1002 },
		{ "tls-key", required_argument, NULL, 1003 },
		{ "tls-name", required_argument, NULL, 1004 },
		{ "hostname", required_argument, NULL, 'H' },
		{ "keep", no_argument, NULL, 'k' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct options o = {
		.source = DEFAULT_SOURCE, .archive = DEFAULT_ARCHIVE,
		.pstore_conf = "/etc/systemd/pstore.conf",
		.max_size = 16u << 20, .max_per_day = 100, .timeout_s = 10, .unlink = true,
		.lock_wait_s = 30, .retry_base_s = 60, .retry_max_s = 6 * 3600, .max_inflated = PC_MAX_INFLATED_DEFAULT,
		.max_message = PC_MAX_MESSAGE_DEFAULT,
		.keep = { .max_crashes = 1000, .max_bytes = 256ull << 20, .max_age_days = 365 },
		.jobs = 0,
	};
	const char *config = NULL, *cmd = "collect";
	struct pc_ship sh = { .proto = PC_SHIP_NONE };
	int c, e;

	pc_hooks_init();
	/* Buffers of a few KB are freed and reallocated per record: keep the
	 * heap instead of giving pages back and faulting them in again. */
	(void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
	(void)mallopt(M_MMAP_THRESHOLD, 16 << 20);

	/*
	 * The config file first, so that options override it: a first pass
	 * of getopt itself finds -c in every spelling (-c F, -cF, --config=F,
	 * --config F); errors are reported by the second pass.
	 */
	opterr = 0;
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1)
		if (c == 'c')
			config = optarg;
	opterr = 1;
	optind = 0; /* glibc: start over, fully */
	if (load_config(&o, config ? config : DEFAULT_CONFIG, config != NULL) < 0)
		return EXIT_USAGE;

	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1) {
		const char *k = NULL;

		switch (c) {
		case 's': k = "source"; break;
		case 'a': k = "archive"; break;
		case 'c': break;
		case 'S': k = "ship"; break;
		case 'D': k = "max-per-day"; break;
		case 'T': k = "timeout"; break;
		case 'J': k = "jobs"; break;
		case 'L': k = "lock-wait"; break;
		case 1005: k = "retry-base"; break;
		case 1008: k = "watch"; break;
		case 1009: k = "pstore-conf"; break;
		case 1006: k = "retry-max"; break;
		case 'M': k = "max-size"; break;
		case 'I': k = "max-inflated"; break;
		case 'G': k = "max-message"; break;
		case 'C': k = "max-crashes"; break;
		case 'B': k = "max-bytes"; break;
		case 'A': k = "max-age"; break;
		case 'm': k = "machine-id"; break;
		case 1001: k = "tls-ca"; break;
		case 1002: k = "tls-cert"; break;
		case 1003: k = "tls-key"; break;
		case 1004: k = "tls-name"; break;
		case 'H': k = "hostname"; break;
		case 'k': o.unlink = false; o.unlink_set = true; break;
		case 1007: o.no_send = true; break;
		case 'j': o.json = true; break;
		case 'q': pc_verbosity = 0; break;
		case 'v': pc_verbosity = 2; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("pstore-collect %s\n", PC_VERSION); return EXIT_OK;
		default: usage(stderr); return EXIT_USAGE;
		}
		if (k && set_option(&o, k, optarg) < 0) {
			pc_err("bad value for --%s: %s", k, optarg);
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		cmd = argv[optind++];
	if (optind < argc) {
		pc_err("unexpected argument: %s", argv[optind]);
		return EXIT_USAGE;
	}
	if (o.ship_url[0]) {
		e = pc_ship_parse(o.ship_url, &sh);
		if (e == -EPROTONOSUPPORT) {
			pc_err("%s: this build has no RELP support (built with RELP=0)", o.ship_url);
			return EXIT_USAGE;
		}
		if (e < 0) {
			pc_err("bad ship URL \"%s\": want tcp://HOST:PORT, relp://HOST:PORT or relps://HOST:PORT", o.ship_url);
			return EXIT_USAGE;
		}
		sh.max_per_day = o.max_per_day;
		sh.timeout_s = o.timeout_s ? o.timeout_s : 10;
		sh.max_message = o.max_message;
		sh.retry_base_s = o.retry_base_s;
		sh.retry_max_s = o.retry_max_s;
		sh.t = o.tls;
		if (sh.tls && !sh.t.ca[0]) {
			pc_err("%s: RELP over TLS needs --tls-ca (the CA that signs the receiver)", o.ship_url);
			return EXIT_USAGE;
		}
		if (!sh.t.cert[0] != !sh.t.key[0]) {
			pc_err("--tls-cert and --tls-key go together");
			return EXIT_USAGE;
		}
	}
	machine_identity(&o);
	if (o.jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		o.jobs = n < 1 ? 1 : n > 4 ? 4 : (int)n;
	}

	if (!strcmp(cmd, "list"))
		return cmd_list(&o);
	if (!o.unlink_set && o.pstore_conf[0] && !systemd_unlink(o.pstore_conf)) {
		pc_debug("%s says Unlink=no: records stay in pstore", o.pstore_conf);
		o.unlink = false;
	}
	if (!strcmp(cmd, "collect") && o.watch_s > 0)
		return watch(&o, &sh);
	if (!strcmp(cmd, "collect"))
		return cmd_collect(&o, &sh);
	if (!strcmp(cmd, "ship")) {
		struct pc_archive ar;

		if (sh.proto == PC_SHIP_NONE) {
			pc_err("ship: no receiver configured (--ship or ship = in the config)");
			return EXIT_USAGE;
		}
		if (pc_archive_open(o.archive, &ar, o.lock_wait_s) < 0)
			return EXIT_IO;
		e = ship_flush(&o, &ar, &sh);
		(void)pc_archive_prune(&ar, &o.keep, time(NULL));
		pc_archive_close(&ar);
		return e;
	}
	pc_err("unknown command \"%s\" (collect, list, ship)", cmd);
	return EXIT_USAGE;
}
