// SPDX-License-Identifier: GPL-2.0-only
/* Record names, dmesg headers, decompression and reassembly. */
#include "record.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* Longest first, so "powerpc-common" is not read as type "powerpc". */
static const char *const known_types[] = {
	"powerpc-common", "powerpc-opal", "powerpc-ofw",
	"console", "ftrace", "dmesg", "pmsg", "rtas", "mce",
};

int pc_name_parse(const char *name, struct pc_name *n)
{
	char buf[256], *dash, *end;
	const char *rest = NULL;
	size_t len = strlen(name), i;

	memset(n, 0, sizeof(*n));
	if (len == 0 || len >= sizeof(buf) || strchr(name, '/'))
		return -EINVAL;
	memcpy(buf, name, len + 1);
	if (len > 6 && strcmp(buf + len - 6, ".enc.z") == 0) {
		n->compressed = true;
		buf[len - 6] = 0;
	}
	for (i = 0; i < sizeof(known_types) / sizeof(known_types[0]); i++) {
		size_t tl = strlen(known_types[i]);

		if (strncmp(buf, known_types[i], tl) == 0 && buf[tl] == '-') {
			memcpy(n->type, known_types[i], tl + 1);
			rest = buf + tl + 1;
			break;
		}
	}
	if (!rest)
		return -EINVAL;
	dash = strrchr(rest, '-');
	if (!dash || dash == rest || dash[-1] == '-' || rest[0] == '-' ||
	    (size_t)(dash - rest) >= sizeof(n->backend))
		return -EINVAL;
	for (const char *p = rest; p < dash; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return -EINVAL;
	if (!isdigit((unsigned char)dash[1]))
		return -EINVAL;
	errno = 0;
	n->id = strtoull(dash + 1, &end, 10);
	if (*end || errno)
		return -EINVAL;
	memcpy(n->backend, rest, (size_t)(dash - rest));
	n->backend[dash - rest] = 0;
	return 0;
}

int pc_hdr_parse(const unsigned char *d, size_t len, struct pc_hdr *h)
{
	size_t i = 0, r = 0;
	unsigned long v;

	memset(h, 0, sizeof(*h));
	while (i < len && isalpha(d[i]) && r < sizeof(h->reason) - 1)
		h->reason[r++] = (char)d[i++];
	if (r == 0 || i >= len || d[i] != '#')
		return -EINVAL;
	i++;
	for (v = 0; i < len && isdigit(d[i]) && v < 100000000; i++)
		v = v * 10 + (d[i] - '0');
	if (i >= len || !isdigit(d[i - 1]) || d[i] != ' ')
		return -EINVAL;
	h->count = (unsigned int)v;
	if (len - i < 6 || memcmp(d + i, " Part", 5) != 0)
		return -EINVAL;
	i += 5;
	for (v = 0; i < len && isdigit(d[i]) && v < 100000; i++)
		v = v * 10 + (d[i] - '0');
	if (i >= len || !isdigit(d[i - 1]) || v == 0)
		return -EINVAL;
	h->part = (unsigned int)v;
	if (d[i] == '\r' && i + 1 < len)
		i++;
	if (d[i] != '\n')
		return -EINVAL;
	return (int)(i + 1);
}

static int inflate_bits(const unsigned char *in, size_t len, size_t max, int bits,
			unsigned char **out, size_t *outlen)
{
	z_stream zs = { 0 };
	size_t cap = len * 4 + 4096, n = 0;
	unsigned char *buf, *nb;
	int zr, r = 0;

	if (cap > max)
		cap = max;
	buf = malloc(cap + 1);
	if (!buf)
		return -ENOMEM;
	if (inflateInit2(&zs, bits) != Z_OK) {
		free(buf);
		return -ENOMEM;
	}
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)len;
	for (;;) {
		if (n == cap) {
			if (cap >= max) {
				r = -EFBIG;
				break;
			}
			cap = cap * 2 > max ? max : cap * 2;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				r = -ENOMEM;
				break;
			}
			buf = nb;
		}
		zs.next_out = buf + n;
		zs.avail_out = (uInt)(cap - n);
		zr = inflate(&zs, Z_NO_FLUSH);
		n = cap - zs.avail_out;
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_BUF_ERROR && zs.avail_out != 0) {
			r = -EBADMSG; /* truncated input */
			break;
		}
		if (zr != Z_OK && zr != Z_BUF_ERROR) {
			r = zr == Z_MEM_ERROR ? -ENOMEM : -EBADMSG;
			break;
		}
	}
	inflateEnd(&zs);
	if (r < 0) {
		free(buf);
		return r;
	}
	buf[n] = 0;
	*out = buf;
	*outlen = n;
	return 0;
}

int pc_inflate(const unsigned char *in, size_t len, size_t max,
	       unsigned char **out, size_t *outlen)
{
	int r;

	if (len == 0)
		return -EBADMSG;
	r = inflate_bits(in, len, max, 15 + 32, out, outlen);
	if (r == 0 || r == -EFBIG || r == -ENOMEM)
		return r;
	return inflate_bits(in, len, max, -15, out, outlen);
}

/* ramoops appends "\nECC: N Corrected bytes, M unrecoverable blocks\n"
 * or "\nECC: No errors detected\n" after the record when ECC is on.
 * Reads only body[0..len): no str* call past the last line's end, whatever
 * byte follows the buffer. */
static void strip_ecc(struct pc_record *r)
{
	static const char ok[] = "ECC: No errors detected\n";
	const char *body = (const char *)r->data + r->body_off;
	size_t len = r->body_len, i, n;
	char line[80];
	int a, b;

	if (len < 8 || body[len - 1] != '\n')
		return;
	for (i = len - 1; i > 0 && body[i - 1] != '\n'; i--)
		;
	n = len - i;
	if (i == 0 || n < 5 || memcmp(body + i, "ECC: ", 5) != 0)
		return;
	if (n == sizeof(ok) - 1 && memcmp(body + i, ok, n) == 0) {
		a = b = 0;
	} else {
		if (n >= sizeof(line))
			return;
		memcpy(line, body + i, n);
		line[n] = 0;
		if (sscanf(line, "ECC: %d Corrected bytes, %d unrecoverable blocks", &a, &b) != 2)
			return;
	}
	r->ecc_corrected = a;
	r->ecc_bad_blocks = b;
	r->body_len = i - 1; /* the notice starts with its own '\n' */
}

/* The text of a record that cannot be decoded: one line, never its bytes. */
static void undecodable(struct pc_record *r, const char *why)
{
	char line[320];
	int n;

	snprintf(r->error, sizeof(r->error), "cannot decompress %zu bytes (zlib, gzip or raw deflate): %s",
		 r->raw_len, why);
	n = snprintf(line, sizeof(line),
		     "[pstore-collect: record %.100s (sha256 %.16s) not decoded: %s; its raw bytes are archived]\n",
		     r->name ? r->name : "?", r->raw_sha, why);
	r->data = malloc((size_t)n + 1);
	if (r->data) {
		memcpy(r->data, line, (size_t)n + 1);
		r->data_len = (size_t)n;
	} else {
		r->data = r->raw; /* keep the invariant; length 0: no text at all */
		r->data_len = 0;
	}
}

/* Seconds since 1970 a report can print: years 0000..9999. */
#define PC_TIME_MIN (-62167219200LL)
#define PC_TIME_MAX 253402300799LL

static int64_t clamp_time(int64_t t)
{
	return t < PC_TIME_MIN ? PC_TIME_MIN : t > PC_TIME_MAX ? PC_TIME_MAX : t;
}

void pc_record_decode(struct pc_record *r, size_t max_inflated)
{
	int hl;

	r->ecc_corrected = r->ecc_bad_blocks = -1;
	r->data = r->raw;
	r->data_len = r->raw_len;
	if (r->n.compressed) {
		unsigned char *out;
		size_t outlen;
		int e = pc_inflate(r->raw, r->raw_len, max_inflated, &out, &outlen);

		if (e == -EFBIG) {
			char why[96];

			snprintf(why, sizeof(why), "too large, more than %zu bytes decompressed (--max-inflated)",
				 max_inflated);
			undecodable(r, why);
		} else if (e < 0) {
			undecodable(r, e == -ENOMEM ? "out of memory" : "corrupt data");
		} else {
			r->data = out;
			r->data_len = outlen;
		}
	}
	hl = pc_hdr_parse(r->data, r->data_len, &r->hdr);
	r->has_hdr = hl > 0;
	r->body_off = hl > 0 ? (size_t)hl : 0;
	r->body_len = r->data_len - r->body_off;
	if (strcmp(r->n.type, "dmesg") == 0 && !r->has_hdr &&
	    strncmp(r->n.backend, "efi", 3) == 0 && r->n.id >= 100000) {
		/* EFI ids are time * 100000 + part * 1000 + count. */
		snprintf(r->hdr.reason, sizeof(r->hdr.reason), "Unknown");
		r->hdr.part = (unsigned int)(r->n.id / 1000 % 100);
		r->hdr.count = (unsigned int)(r->n.id % 1000);
		r->has_hdr = r->hdr.part > 0;
		r->hdr_from_id = r->has_hdr;
	}
	if (strncmp(r->n.backend, "efi", 3) == 0 && r->n.id >= 100000)
		r->mtime = (int64_t)(r->n.id / 100000);
	/* far past or future: clamp, so no arithmetic on times can overflow */
	r->mtime = clamp_time(r->mtime);
	if (strcmp(r->n.backend, "ramoops") == 0 && !r->error[0])
		strip_ecc(r);
}

int pc_record_load(int dirfd, const char *name, size_t max, size_t max_inflated,
		   struct pc_record *r)
{
	struct stat st, lst;
	int fd, e;

	memset(r, 0, sizeof(*r));
	if (pc_name_parse(name, &r->n) < 0)
		return -EINVAL;
	/* the type first: opening a FIFO or a device node can block or act */
	if (fstatat(dirfd, name, &lst, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (S_ISLNK(lst.st_mode))
		return -ELOOP;
	if (!S_ISREG(lst.st_mode))
		return -EISDIR;
	if ((uint64_t)lst.st_size > max)
		return -EFBIG;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		e = -errno;
		goto err_close;
	}
	/* and it is still that file (not swapped for something else since) */
	if (!S_ISREG(st.st_mode) || st.st_dev != lst.st_dev || st.st_ino != lst.st_ino) {
		e = -EISDIR;
		goto err_close;
	}
	if ((uint64_t)st.st_size > max) {
		e = -EFBIG;
		goto err_close;
	}
	e = pc_read_fd_st(fd, &st, max, &r->raw, &r->raw_len);
	if (e < 0)
		goto err_close;
	close(fd);
	r->name = strdup(name);
	if (!r->name) {
		free(r->raw);
		return -ENOMEM;
	}
	r->dev = st.st_dev;
	r->ino = st.st_ino;
	r->mtime = st.st_mtim.tv_sec;
	e = pc_sha256_hex(r->raw, r->raw_len, NULL, 0, r->raw_sha);
	if (e < 0) {
		pc_record_free(r);
		return e;
	}
	pc_record_decode(r, max_inflated);
	return 0;

err_close:
	close(fd);
	return e;
}

void pc_record_free(struct pc_record *r)
{
	if (!r)
		return;
	if (r->data != r->raw)
		free(r->data);
	free(r->raw);
	free(r->name);
	r->raw = r->data = NULL;
	r->name = NULL;
}

/* ---- grouping ---- */

#define SAME_DUMP_WINDOW 120 /* seconds between parts/copies of one dump */

static bool is_dmesg_part(const struct pc_record *r)
{
	return strcmp(r->n.type, "dmesg") == 0 && r->has_hdr;
}

static int cmp_rec(const void *a, const void *b)
{
	const struct pc_record *x = *(struct pc_record *const *)a;
	const struct pc_record *y = *(struct pc_record *const *)b;
	int c = strcmp(x->hdr.reason, y->hdr.reason);

	if (c)
		return c;
	if (x->hdr.count != y->hdr.count)
		return x->hdr.count < y->hdr.count ? -1 : 1;
	c = strcmp(x->n.backend, y->n.backend);
	if (c)
		return c;
	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	if (x->hdr.part != y->hdr.part)
		return x->hdr.part > y->hdr.part ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int push(struct pc_record ***arr, size_t *n, struct pc_record *r)
{
	struct pc_record **na = realloc(*arr, (*n + 1) * sizeof(**arr));

	if (!na)
		return -ENOMEM;
	na[(*n)++] = r;
	*arr = na;
	return 0;
}

static bool has_part(const struct pc_crash *c, const char *backend, unsigned int part)
{
	for (size_t i = 0; i < c->n_parts; i++)
		if (c->parts[i]->hdr.part == part && strcmp(c->parts[i]->n.backend, backend) == 0)
			return true;
	return false;
}

/* Which copy of a dump to trust: complete first, then more parts, then more bytes. */
static bool better(const struct pc_crash *a, const struct pc_crash *b)
{
	size_t ba = 0, bb = 0;

	if ((a->missing_total == 0) != (b->missing_total == 0))
		return a->missing_total == 0;
	if (a->max_part != b->max_part)
		return a->max_part > b->max_part;
	for (size_t i = 0; i < a->n_parts; i++)
		ba += a->parts[i]->body_len;
	for (size_t i = 0; i < b->n_parts; i++)
		bb += b->parts[i]->body_len;
	if (ba != bb)
		return ba > bb;
	return strcmp(a->backend, b->backend) > 0; /* "ramoops" over "efi" */
}

/*
 * Is @b the same dump as @a, written by lastgasp to another backend? Both
 * hold the newest end of the same log, so the shorter text's tail is the
 * longer text's tail.
 */
static bool same_dump(const struct pc_crash *a, const struct pc_crash *b)
{
	size_t n = a->text_len < b->text_len ? a->text_len : b->text_len;

	if (!a->has_hdr || !b->has_hdr || strcmp(a->backend, b->backend) == 0 ||
	    strcmp(a->hdr.reason, b->hdr.reason) || a->hdr.count != b->hdr.count ||
	    a->time - b->time > SAME_DUMP_WINDOW || b->time - a->time > SAME_DUMP_WINDOW)
		return false;
	if (n > 512)
		n = 512;
	if (n < 16)
		return false;
	return memcmp(a->text + a->text_len - n, b->text + b->text_len - n, n) == 0;
}

/* Fold @from into @into as copies; @from is left empty. */
static int merge_into(struct pc_crash *into, struct pc_crash *from)
{
	for (size_t i = 0; i < from->n_parts + from->n_copies; i++) {
		struct pc_record *r = i < from->n_parts ? from->parts[i] : from->copies[i - from->n_parts];
		int e = push(&into->copies, &into->n_copies, r);

		if (e < 0)
			return e;
	}
	free(from->parts);
	free(from->copies);
	free(from->missing);
	free(from->gaps);
	free(from->text);
	pc_sha256_drop(from->text_hash);
	memset(from, 0, sizeof(*from));
	return 0;
}

static int append(char **buf, size_t *len, size_t *cap, const void *d, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t nc = (*len + n + 1) * 2;
		char *nb = realloc(*buf, nc);

		if (!nb)
			return -ENOMEM;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *len, d, n);
	*len += n;
	(*buf)[*len] = 0;
	return 0;
}

/* Note parts @hi down to @lo as missing: one run, one line of text. */
static int add_gap(struct pc_crash *c, unsigned int hi, unsigned int lo,
		   char **buf, size_t *len, size_t *cap)
{
	char line[112];
	struct pc_gap *ng = realloc(c->gaps, (c->n_gaps + 1) * sizeof(*ng));

	if (!ng)
		return -ENOMEM;
	c->gaps = ng;
	c->gaps[c->n_gaps++] = (struct pc_gap){ .hi = hi, .lo = lo };
	c->missing_total += hi - lo + 1;
	for (unsigned int p = hi; p >= lo && c->n_missing < PC_MISSING_LIST; p--)
		c->missing[c->n_missing++] = p;
	if (hi == lo)
		snprintf(line, sizeof(line), "[pstore-collect: part %u of this dump is missing]\n", hi);
	else
		snprintf(line, sizeof(line), "[pstore-collect: parts %u to %u of this dump are missing]\n",
			 lo, hi);
	return append(buf, len, cap, line, strlen(line));
}

static int assemble(struct pc_crash *c)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	int e = 0;

	for (size_t i = 0; i < c->n_parts; i++)
		if (c->parts[i]->hdr.part > c->max_part)
			c->max_part = c->parts[i]->hdr.part;
	if (c->has_hdr) {
		c->missing = calloc(PC_MISSING_LIST, sizeof(*c->missing));
		if (!c->missing)
			return -ENOMEM;
	}
	if (!c->has_hdr || c->max_part == 0) {
		struct pc_record *r = c->parts[0];

		e = append(&buf, &len, &cap, r->data + r->body_off, r->body_len);
	} else {
		/*
		 * Parts are sorted highest first. Work goes by the parts that
		 * exist, not by the numbers a header claims: "Part999999" costs
		 * one line, not a million.
		 */
		unsigned int next = c->max_part; /* the part number expected next */

		for (size_t k = 0; k < c->n_parts && e == 0; k++) {
			struct pc_record *r = c->parts[k];

			if (r->hdr.part < next)
				e = add_gap(c, next, r->hdr.part + 1, &buf, &len, &cap);
			if (e == 0)
				e = append(&buf, &len, &cap, r->data + r->body_off, r->body_len);
			if (e == 0 && len && buf[len - 1] != '\n' && r->hdr.part > 1)
				e = append(&buf, &len, &cap, "\n", 1);
			next = r->hdr.part - 1;
		}
		if (e == 0 && next >= 1)
			e = add_gap(c, next, 1, &buf, &len, &cap);
	}
	if (e == 0 && !buf)
		e = append(&buf, &len, &cap, "", 0);
	if (e < 0) {
		free(buf);
		return e;
	}
	c->text = buf;
	c->text_len = len;
	{
		char sha[PC_SHA256_HEX];
		/* Non-dmesg records are identified by their bytes, dumps by their text. */
		const struct pc_record *r = c->parts[0];
		bool dm = strcmp(c->type, "dmesg") == 0;

		/* a dump's state after its text also gives the idempotency key */
		e = pc_sha256_hex_keep(dm ? (const void *)buf : (const void *)r->raw,
				       dm ? len : r->raw_len, c->type, strlen(c->type), sha,
				       dm ? &c->text_hash : NULL);
		if (e < 0)
			return e;
		memcpy(c->id, sha, 16);
		c->id[16] = 0;
	}
	return 0;
}

static int new_crash(struct pc_crash **arr, size_t *n, size_t *cap, struct pc_record *r)
{
	struct pc_crash *c;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct pc_crash *na = realloc(*arr, nc * sizeof(*na));

		if (!na)
			return -ENOMEM;
		*arr = na;
		*cap = nc;
	}
	c = &(*arr)[(*n)++];
	memset(c, 0, sizeof(*c));
	snprintf(c->type, sizeof(c->type), "%s", r->n.type);
	snprintf(c->backend, sizeof(c->backend), "%s", r->n.backend);
	c->has_hdr = is_dmesg_part(r);
	c->hdr = r->hdr;
	c->hdr.part = 0;
	c->time = r->mtime;
	return push(&c->parts, &c->n_parts, r);
}

/*
 * A dmesg record whose "Panic#N PartM" line is unreadable would be a crash
 * of its own, splitting its dump in two with two signatures. When exactly
 * one dump of the same backend, within the time window, lacks exactly one
 * part below its highest, that is where it belongs: it is placed there and
 * says so. Anything less certain is left as it was: nothing is guessed.
 */
static void place_headerless(struct pc_crash *cr, size_t nc)
{
	for (size_t i = 0; i < nc; i++) {
		struct pc_crash *h = &cr[i], *hit = NULL;
		struct pc_record *r;
		unsigned int gap = 0;
		int hits = 0;

		if (h->has_hdr || h->n_parts != 1 || strcmp(h->type, "dmesg"))
			continue;
		r = h->parts[0];
		for (size_t j = 0; j < nc && hits < 2; j++) {
			struct pc_crash *c = &cr[j];
			unsigned int maxp = 0, g = 0;
			uint64_t sum = 0;

			if (!c->has_hdr || !c->n_parts || strcmp(c->backend, r->n.backend) ||
			    c->time - r->mtime > SAME_DUMP_WINDOW || r->mtime - c->time > SAME_DUMP_WINDOW)
				continue;
			for (size_t k = 0; k < c->n_parts; k++) {
				unsigned int p = c->parts[k]->hdr.part;

				maxp = p > maxp ? p : maxp;
				sum += p;
			}
			/* parts are distinct: one missing below the top iff count and sum say so */
			if (c->n_parts + 1 != maxp)
				continue;
			g = (unsigned int)((uint64_t)maxp * (maxp + 1) / 2 - sum);
			if (g < 1 || g >= maxp)
				continue;
			hit = c;
			gap = g;
			hits++;
		}
		if (hits != 1)
			continue;
		r->hdr = hit->hdr;
		r->hdr.part = gap;
		r->has_hdr = true;
		snprintf(r->error, sizeof(r->error),
			 "no readable Panic#N PartM line: placed as part %u, the one gap of %.15s#%u", gap,
			 hit->hdr.reason, hit->hdr.count);
		if (push(&hit->parts, &hit->n_parts, r) < 0)
			continue;
		free(h->parts);
		h->parts = NULL;
		h->n_parts = 0;
	}
}

static __thread const struct pc_crash *sort_cr;

static int cmp_crash_id(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_cr[x].id, sort_cr[y].id);

	return c ? c : x < y ? -1 : x > y;
}

int pc_group(struct pc_record *recs, size_t n, struct pc_crash **out, size_t *nout)
{
	struct pc_record **parts = NULL;
	struct pc_crash *cr = NULL;
	size_t np = 0, nc = 0, cap = 0, run = 0;
	int e = 0;

	for (size_t i = 0; i < n && e == 0; i++)
		e = is_dmesg_part(&recs[i]) ? push(&parts, &np, &recs[i])
					    : new_crash(&cr, &nc, &cap, &recs[i]);
	if (e < 0)
		goto err;
	/*
	 * An EFI part whose header could not be read (it failed to decompress)
	 * knows its part and count only from its id: give it the reason of the
	 * parts of the same dump (same backend, count and time), so that it
	 * stays in its dump instead of splitting it into two crashes.
	 */
	for (size_t i = 0; i < np; i++) {
		struct pc_record *r = parts[i];

		if (!r->hdr_from_id)
			continue;
		for (size_t j = 0; j < np; j++) {
			const struct pc_record *o = parts[j];

			if (!o->hdr_from_id && o->hdr.count == r->hdr.count && o->mtime == r->mtime &&
			    strcmp(o->n.backend, r->n.backend) == 0) {
				memcpy(r->hdr.reason, o->hdr.reason, sizeof(r->hdr.reason));
				break;
			}
		}
	}
	if (np)
		qsort(parts, np, sizeof(*parts), cmp_rec);
	for (size_t i = 0; i < np; i++) {
		struct pc_record *r = parts[i];
		struct pc_crash *hit = NULL;

		/* Candidates: the last few crashes with the same reason#count. */
		for (size_t j = nc; j > run && nc - j < 8; j--) {
			struct pc_crash *c = &cr[j - 1];

			if (!c->has_hdr || strcmp(c->hdr.reason, r->hdr.reason) ||
			    c->hdr.count != r->hdr.count || strcmp(c->backend, r->n.backend))
				break;
			if (r->mtime - c->time <= SAME_DUMP_WINDOW &&
			    c->time - r->mtime <= SAME_DUMP_WINDOW &&
			    !has_part(c, r->n.backend, r->hdr.part)) {
				hit = c;
				break;
			}
		}
		if (hit) {
			e = push(&hit->parts, &hit->n_parts, r);
		} else {
			if (nc == 0 || !cr[nc - 1].has_hdr ||
			    strcmp(cr[nc - 1].hdr.reason, r->hdr.reason) ||
			    cr[nc - 1].hdr.count != r->hdr.count ||
			    strcmp(cr[nc - 1].backend, r->n.backend))
				run = nc;
			e = new_crash(&cr, &nc, &cap, r);
		}
		if (e < 0)
			goto err;
	}
	free(parts);
	parts = NULL;
	place_headerless(cr, nc);
	for (size_t i = 0; i < nc; i++) {
		struct pc_crash *c = &cr[i];

		if (!c->parts)
			continue; /* its record was placed in another dump */
		/* highest part first */
		for (size_t a = 1; a < c->n_parts; a++)
			for (size_t b = a; b > 0 && c->parts[b - 1]->hdr.part < c->parts[b]->hdr.part; b--) {
				struct pc_record *t = c->parts[b - 1];

				c->parts[b - 1] = c->parts[b];
				c->parts[b] = t;
			}
		e = assemble(c);
		if (e < 0)
			goto err;
	}
	/*
	 * One dump fanned out to several backends: keep the best copy, the
	 * others ride along. Crashes of one reason#count are adjacent, so
	 * only a few neighbours need looking at.
	 */
	for (size_t i = 0; i < nc; i++) {
		for (size_t j = i + 1; j < nc && j < i + 16 && cr[i].parts; j++) {
			struct pc_crash *a = &cr[i], *b = &cr[j];

			if (!b->parts || !same_dump(a, b))
				continue;
			if (better(b, a)) {
				struct pc_crash t = *a;

				*a = *b;
				*b = t;
			}
			e = merge_into(a, b);
			if (e < 0)
				goto err;
		}
	}
	/*
	 * Two crashes with one id (the same text, or the same bytes for other
	 * records) would be one archive directory: make them one crash, the
	 * second's records listed as copies, so that no record goes unlisted.
	 */
	if (nc > 1) {
		size_t *ix = malloc(nc * sizeof(*ix));

		if (!ix) {
			e = -ENOMEM;
			goto err;
		}
		for (size_t i = 0; i < nc; i++)
			ix[i] = i;
		sort_cr = cr;
		qsort(ix, nc, sizeof(*ix), cmp_crash_id);
		for (size_t i = 1; i < nc && e == 0; i++) {
			struct pc_crash *a = &cr[ix[i - 1]], *b = &cr[ix[i]];

			if (!a->parts || !b->parts || strcmp(a->id, b->id) || strcmp(a->type, b->type))
				continue;
			e = merge_into(a, b);
			ix[i] = ix[i - 1]; /* a third one joins the first too */
		}
		free(ix);
		if (e < 0)
			goto err;
	}
	{
		size_t k = 0;

		for (size_t i = 0; i < nc; i++)
			if (cr[i].parts)
				cr[k++] = cr[i];
		nc = k;
	}
	*out = cr;
	*nout = nc;
	return 0;
err:
	free(parts);
	pc_crashes_free(cr, nc);
	return e;
}

void pc_crashes_free(struct pc_crash *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].parts);
		free(c[i].copies);
		free(c[i].missing);
		free(c[i].gaps);
		free(c[i].text);
		pc_sha256_drop(c[i].text_hash);
	}
	free(c);
}
