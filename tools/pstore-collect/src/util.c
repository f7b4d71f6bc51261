// SPDX-License-Identifier: GPL-2.0-only
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int pc_verbosity = 1;

static void vlog(const char *fmt, va_list ap)
{
	fputs("pstore-collect: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void pc_log(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > pc_verbosity)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

int pc_log_errno(int err, const char *fmt, ...)
{
	va_list ap;

	if (err < 0)
		err = -err;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
	return -err;
}

int pc_read_fd(int fd, size_t max, unsigned char **out, size_t *len)
{
	struct stat st;

	return pc_read_fd_st(fd, fstat(fd, &st) == 0 ? &st : NULL, max, out, len);
}

int pc_read_fd_st(int fd, const struct stat *st, size_t max, unsigned char **out, size_t *len)
{
	size_t cap = 8192, n = 0;
	unsigned char *buf, *nb;
	ssize_t r;

	/* one read for a regular file; pstorefs sizes are exact */
	if (st && S_ISREG(st->st_mode) && (size_t)st->st_size < max && st->st_size > 0)
		cap = (size_t)st->st_size + 1;
	buf = malloc(cap + 1);

	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(buf);
				return -EFBIG;
			}
			cap *= 2;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			free(buf);
			return (int)r;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			return -EFBIG;
		}
	}
	buf[n] = 0;
	*out = buf;
	*len = n;
	return 0;
}

/* SHA-256 fetched once: an implicit fetch per digest takes provider locks. */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static const EVP_MD *sha256(void)
{
	pthread_once(&sha256_once, sha256_fetch);
	return sha256_md ? sha256_md : EVP_sha256();
}

static int sha256_final_hex(EVP_MD_CTX *ctx, char out[PC_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (!EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen != 32)
		return -EIO;
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = 0;
	return 0;
}

int pc_sha256_hex_keep(const void *a, size_t alen, const void *b, size_t blen,
		       char out[PC_SHA256_HEX], void **keep)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new(), *mid = NULL;
	int e = -EIO;

	if (keep)
		*keep = NULL;
	if (!ctx)
		return -ENOMEM;
	if (!EVP_DigestInit_ex(ctx, sha256(), NULL) || !EVP_DigestUpdate(ctx, a, alen))
		goto out;
	if (keep) {
		/* the state after @a, to hash @a followed by something else later */
		mid = EVP_MD_CTX_new();
		if (!mid || !EVP_MD_CTX_copy_ex(mid, ctx)) {
			EVP_MD_CTX_free(mid);
			mid = NULL;
			e = -ENOMEM;
			goto out;
		}
	}
	if (b && !EVP_DigestUpdate(ctx, b, blen))
		goto out;
	e = sha256_final_hex(ctx, out);
out:
	EVP_MD_CTX_free(ctx);
	if (e == 0 && keep)
		*keep = mid;
	else
		EVP_MD_CTX_free(mid);
	return e;
}

int pc_sha256_hex(const void *a, size_t alen, const void *b, size_t blen,
		  char out[PC_SHA256_HEX])
{
	return pc_sha256_hex_keep(a, alen, b, blen, out, NULL);
}

int pc_sha256_resume(void *keep, const void *b, size_t blen, char out[PC_SHA256_HEX])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int e = -EIO;

	if (!ctx)
		return -ENOMEM;
	if (EVP_MD_CTX_copy_ex(ctx, keep) && (!b || EVP_DigestUpdate(ctx, b, blen)))
		e = sha256_final_hex(ctx, out);
	EVP_MD_CTX_free(ctx);
	return e;
}

void pc_sha256_drop(void *keep)
{
	EVP_MD_CTX_free(keep);
}

int pc_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t r = write(fd, p, len);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

int pc_write_atomic(int dirfd, const char *name, const void *data, size_t len, bool sync)
{
	char tmp[256];
	int fd, r;

	if (snprintf(tmp, sizeof(tmp), ".%s.tmp", name) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	if (pc_fault_enospc())
		return -ENOSPC;
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (fd < 0)
		return -errno;
	r = pc_write_all(fd, data, len);
	if (r == 0 && sync && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	pc_killpoint("tmp-written");
	if (r == 0 && renameat(dirfd, tmp, dirfd, name) < 0)
		r = -errno;
	if (r < 0)
		(void)unlinkat(dirfd, tmp, 0);
	return r;
}

int pc_write_plain(int dirfd, const char *name, const void *data, size_t len)
{
	int fd, r;

	if (pc_fault_enospc())
		return -ENOSPC;
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (fd < 0)
		return -errno;
	r = pc_write_all(fd, data, len);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	pc_killpoint("tmp-written");
	return r;
}

char *pc_safe_name(const char *in)
{
	size_t n = strlen(in), i;
	char *s;

	if (n > 200)
		n = 200;
	s = malloc(n + 2);
	if (!s)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = in[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
		s[i] = ok ? c : '_';
	}
	if (n == 0)
		s[n++] = '_';
	if (s[0] == '.')
		s[0] = '_';
	s[n] = 0;
	return s;
}

/* Length of a valid UTF-8 sequence at p (1..4), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* 8 bytes of printable ASCII (0x20..0x7e), copied as they are. */
static bool plain8(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return !((x | (x - 0x20 * ONES) | ((x ^ 0x7f * ONES) - ONES)) & HIGHS);
}

size_t pc_utf8_bad(const unsigned char *in, size_t len)
{
	size_t i = 0, nbad = 0;

	while (i < len) {
		size_t n;

		if (i + 8 <= len && plain8(in + i)) {
			i += 8;
			continue;
		}
		n = utf8_seq(in + i, len - i);
		if (n == 2 && in[i] == 0xc2 && in[i + 1] < 0xa0) {
			nbad++; /* C1 control (U+0080..U+009F): terminal CSI and friends */
		} else if (n == 1) {
			unsigned char c = in[i];

			if (((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) &&
			    !(c == '\r' && i + 1 < len && in[i + 1] == '\n'))
				nbad++;
		} else if (n == 0) {
			nbad++;
		}
		i += n ? n : 1;
	}
	return nbad;
}

char *pc_utf8_clean(const unsigned char *in, size_t len, size_t *bad)
{
	size_t i = 0, nbad = 0, need = 0;
	char *out, *o;

	/* Sizing pass: only invalid sequences change the length. */
	while (i < len) {
		size_t n;

		if (i + 8 <= len && plain8(in + i)) {
			i += 8;
			need += 8;
			continue;
		}
		n = utf8_seq(in + i, len - i);
		need += n ? n : 3;
		i += n ? n : 1;
	}
	out = o = malloc(need + 1);
	if (!out)
		return NULL;
	i = 0;
	while (i < len) {
		size_t n;

		if (i + 8 <= len && plain8(in + i)) {
			memcpy(o, in + i, 8);
			o += 8;
			i += 8;
			continue;
		}
		n = utf8_seq(in + i, len - i);
		if (n == 2 && in[i] == 0xc2 && in[i + 1] < 0xa0) {
			*o++ = '?', nbad++, i += 2; /* C1 control */
		} else if (n == 1) {
			unsigned char c = in[i];

			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
				/* \r before \n is harmless noise from some consoles */
				if (!(c == '\r' && i + 1 < len && in[i + 1] == '\n'))
					*o++ = '?', nbad++;
			} else {
				*o++ = (char)c;
			}
			i++;
		} else if (n) {
			memcpy(o, in + i, n);
			o += n;
			i += n;
		} else {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			nbad++;
		}
	}
	*o = 0;
	if (bad)
		*bad = nbad;
	return out;
}

void pc_time_str(int64_t t, char out[32])
{
	struct tm tm;
	time_t tt;

	/* RFC 3339 has four-digit years: 0000-01-01 .. 9999-12-31 */
	if (t < -62167219200LL)
		t = -62167219200LL;
	if (t > 253402300799LL)
		t = 253402300799LL;
	tt = (time_t)t;
	if (!gmtime_r(&tt, &tm))
		snprintf(out, 32, "1970-01-01T00:00:00Z");
	else
		snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
			 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
			 (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

char *pc_log_name(const char *in)
{
	size_t n = strlen(in);
	char *out = malloc(n * 4 + 1), *o = out;

	if (!out)
		return NULL;
	for (; *in; in++) {
		unsigned char c = (unsigned char)*in;

		if (c >= 0x20 && c < 0x7f && c != '\\')
			*o++ = (char)c;
		else
			o += sprintf(o, "\\x%02x", c);
	}
	*o = 0;
	return out;
}

void pc_field_clean(char *s)
{
	unsigned char *in = (unsigned char *)s, *o = in;

	while (*in) {
		size_t n = utf8_seq(in, strlen((char *)in));
		uint32_t cp = 0;

		if (*in == 0x1b) {
			/* a terminal escape: ESC [ params final, ESC ] ... BEL/ST, ESC x */
			in++;
			if (*in == '[') {
				for (in++; *in && !(*in >= 0x40 && *in <= 0x7e); in++)
					;
				if (*in)
					in++;
			} else if (*in == ']') {
				for (in++; *in && *in != 0x07 && !(*in == 0x1b && in[1] == '\\'); in++)
					;
				if (*in == 0x1b)
					in++;
				if (*in)
					in++;
			} else if (*in) {
				in++;
			}
			continue;
		}
		if (n == 0) {
			*o++ = '?';
			in++;
			continue;
		}
		if (n == 2)
			cp = ((in[0] & 0x1fu) << 6) | (in[1] & 0x3fu);
		else if (n == 3)
			cp = ((in[0] & 0x0fu) << 12) | ((in[1] & 0x3fu) << 6) | (in[2] & 0x3fu);
		if (n == 1 && (*in < 0x20 || *in == 0x7f)) {
			if (*in == '\t' || *in == '\n' || *in == '\r')
				*o++ = ' ';
		} else if ((n == 2 && cp < 0xa0) ||                       /* C1 controls */
			   (n == 3 && ((cp >= 0x202a && cp <= 0x202e) ||  /* bidi overrides */
				       (cp >= 0x2066 && cp <= 0x2069) ||
				       cp == 0x2028 || cp == 0x2029))) {       /* line breaks */
			;
		} else {
			memmove(o, in, n);
			o += n;
		}
		in += n;
	}
	*o = 0;
}

static long enospc_left;
static bool enospc_on;

void pc_hooks_init(void)
{
	const char *v = getenv("PSTORE_COLLECT_ENOSPC_AFTER");

	enospc_on = v != NULL;
	enospc_left = v ? atol(v) : 0;
}

bool pc_fault_enospc(void)
{
	if (!enospc_on)
		return false;
	/* archiving threads share the budget */
	return __atomic_fetch_sub(&enospc_left, 1, __ATOMIC_RELAXED) <= 0;
}

/* Does $@var name @step ("step" or "step:N" = the N-th hit)? @hits counts. */
static bool test_step(const char *var, const char *step, int *hits)
{
	const char *want = getenv(var);
	size_t n;
	int nth = 1;

	if (!want)
		return false;
	n = strcspn(want, ":");
	if (strlen(step) != n || strncmp(want, step, n) != 0)
		return false;
	if (want[n] == ':')
		nth = atoi(want + n + 1);
	return __atomic_add_fetch(hits, 1, __ATOMIC_RELAXED) == nth ||
	       (nth <= 0 && *hits == 1);
}

void pc_killpoint(const char *step)
{
	static int kill_hits, pause_hits;
	const char *ms;

	if (test_step("PSTORE_COLLECT_KILL_AT", step, &kill_hits))
		raise(SIGKILL);
	if (test_step("PSTORE_COLLECT_PAUSE_AT", step, &pause_hits)) {
		struct timespec ts;
		long v;

		ms = getenv("PSTORE_COLLECT_PAUSE_MS");
		v = ms ? atol(ms) : 2000;
		ts.tv_sec = v / 1000;
		ts.tv_nsec = v % 1000 * 1000000;
		fprintf(stderr, "pstore-collect: test pause at %s (pid %ld)\n", step, (long)getpid());
		fflush(stderr);
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
}
