// SPDX-License-Identifier: GPL-2.0-only
/* RFC 5424 over TCP (RFC 6587 octet counting) and RELP, with a spool. */
#include "ship.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#if PC_HAVE_RELP
#include <librelp.h>
#endif
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SPOOL "spool"
#define SENT_LOG "sent.log"
/* RFC 5612 documentation enterprise number: SD-ID "lastgasp@32473". */
#define SD_ID "lastgasp@32473"

int pc_ship_parse(const char *url, struct pc_ship *s)
{
	const char *hp, *colon;
	size_t hl;

	memset(s, 0, sizeof(*s));
	s->timeout_s = 10;
	s->max_per_day = 100;
	s->max_message = PC_MAX_MESSAGE_DEFAULT;
	s->retry_base_s = 60;
	s->retry_max_s = 6 * 3600;
	if (strncmp(url, "tcp://", 6) == 0) {
		s->proto = PC_SHIP_TCP;
		hp = url + 6;
	} else if (strncmp(url, "relp://", 7) == 0 || strncmp(url, "relps://", 8) == 0) {
		if (!PC_HAVE_RELP)
			return -EPROTONOSUPPORT;
		s->proto = PC_SHIP_RELP;
		s->tls = url[4] == 's';
		hp = url + (s->tls ? 8 : 7);
	} else {
		return -EINVAL;
	}
	if (*hp == '[') {
		const char *rb = strchr(hp, ']');

		if (!rb || rb[1] != ':')
			return -EINVAL;
		hl = (size_t)(rb - hp - 1);
		hp++;
		colon = rb + 1;
	} else {
		colon = strrchr(hp, ':');
		if (!colon)
			return -EINVAL;
		hl = (size_t)(colon - hp);
	}
	if (hl == 0 || hl >= sizeof(s->host) || strlen(colon + 1) == 0 ||
	    strlen(colon + 1) >= sizeof(s->port) || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return -EINVAL;
	memcpy(s->host, hp, hl);
	s->host[hl] = 0;
	snprintf(s->port, sizeof(s->port), "%s", colon + 1);
	return 0;
}

/* SD-PARAM values escape '"', '\' and ']' (RFC 5424 6.3.3). */
static size_t sd_escape(char *out, const char *in, size_t max)
{
	size_t o = 0;

	for (; in && *in && o + 2 < max; in++) {
		if (*in == '"' || *in == '\\' || *in == ']')
			out[o++] = '\\';
		out[o++] = *in;
	}
	out[o] = 0;
	return o;
}

/* PRINTUSASCII without spaces, at most @max, "-" when empty. */
static void header_field(char *out, const char *in, size_t max)
{
	size_t o = 0;

	for (; in && *in && o + 1 < max; in++)
		if (*in > 32 && *in < 127)
			out[o++] = *in;
	if (o == 0)
		out[o++] = '-';
	out[o] = 0;
}

char *pc_syslog_format(const struct pc_syslog_msg *m, size_t *len)
{
	char ts[32], host[256], sig[512], sum[1100], kind[64], note[160], *buf;
	const char *text = m->text ? m->text : "";
	size_t cap, tlen = strlen(text);
	int n;

	pc_time_str(m->time, ts);
	header_field(host, m->hostname, sizeof(host));
	sd_escape(sig, m->signature ? m->signature : "", sizeof(sig));
	sd_escape(kind, m->kind ? m->kind : "", sizeof(kind));
	snprintf(sum, sizeof(sum), "%s", m->summary ? m->summary : "");
	for (char *p = sum; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	note[0] = 0;
	cap = tlen + 4096;
	buf = malloc(cap);
	if (!buf)
		return NULL;
	/* kern.crit: <2>; APP-NAME pstore-collect; MSGID crash */
	n = snprintf(buf, cap,
		     "<2>1 %s %s pstore-collect - crash [" SD_ID " key=\"%s\" id=\"%s\" sig=\"%s\" kind=\"%s\"] %s\n",
		     ts, host, m->key, m->id, sig, kind, sum);
	if (n < 0 || (size_t)n >= cap) {
		free(buf);
		return NULL;
	}
	if (m->max_len && (size_t)n + tlen > m->max_len) {
		/* keep the newest end, from a line start, and say what was cut */
		size_t room = m->max_len > (size_t)n + sizeof(note) + 64 ?
			      m->max_len - (size_t)n - sizeof(note) : 0;
		const char *keep = text + tlen - (room < tlen ? room : tlen);
		const char *nl = memchr(keep, '\n', (size_t)(text + tlen - keep));

		if (nl && keep > text && keep[-1] != '\n')
			keep = nl + 1;
		while (*keep && ((unsigned char)*keep & 0xc0) == 0x80) /* never mid-character */
			keep++;
		snprintf(note, sizeof(note),
			 "[pstore-collect: the first %zu bytes of this log were cut to fit %zu bytes; the archive has them]\n",
			 (size_t)(keep - text), m->max_len);
		text = keep;
		tlen = strlen(text);
	}
	memcpy(buf + n, note, strlen(note));
	n += (int)strlen(note);
	memcpy(buf + n, text, tlen + 1);
	*len = (size_t)n + tlen;
	return buf;
}

static int spool_dir(int adfd, bool create)
{
	if (create && mkdirat(adfd, SPOOL, 0750) < 0 && errno != EEXIST)
		return -errno;
	return openat(adfd, SPOOL, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
}

int pc_ship_spool(int adfd, int64_t time, const char *key, const char *msg, size_t len)
{
	char name[128];
	int sfd = spool_dir(adfd, true), e;

	if (sfd < 0)
		return -errno;
	/* the name sorts by time; a time before 1970 sorts first */
	snprintf(name, sizeof(name), "%012lld-%.64s.msg", (long long)(time < 0 ? 0 : time), key);
	e = pc_write_atomic(sfd, name, msg, len, false);
	close(sfd);
	return e;
}

struct sent_log {
	char (*keys)[PC_SHA256_HEX];
	size_t n;
	int today; /* sends on the current UTC day */
};

static int load_sent(int adfd, const char *day, struct sent_log *sl)
{
	unsigned char *buf;
	size_t len;
	char *line, *save;
	int fd = openat(adfd, SENT_LOG, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), e;

	memset(sl, 0, sizeof(*sl));
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	e = pc_read_fd(fd, 64u << 20, &buf, &len);
	close(fd);
	if (e < 0)
		return e;
	for (line = strtok_r((char *)buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char d[16], k[PC_SHA256_HEX];

		if (sscanf(line, "%15s %64s", d, k) != 2 || strlen(k) != 64)
			continue;
		if (day && strcmp(d, day) == 0)
			sl->today++;
		if ((sl->n & 63) == 0) {
			void *nk = realloc(sl->keys, (sl->n + 64) * sizeof(*sl->keys));

			if (!nk) {
				free(buf);
				free(sl->keys);
				sl->keys = NULL;
				return -ENOMEM;
			}
			sl->keys = nk;
		}
		memcpy(sl->keys[sl->n++], k, PC_SHA256_HEX);
	}
	free(buf);
	return 0;
}

static bool sent_has(const struct sent_log *sl, const char *key)
{
	for (size_t i = 0; i < sl->n; i++)
		if (strcmp(sl->keys[i], key) == 0)
			return true;
	return false;
}

bool pc_ship_was_sent(int adfd, const char *key)
{
	static struct sent_log sl;
	static bool loaded;

	/* loaded once, before the archiving threads start; unreadable = empty */
	if (!loaded) {
		if (load_sent(adfd, NULL, &sl) < 0)
			memset(&sl, 0, sizeof(sl));
		loaded = true;
	}
	return sent_has(&sl, key);
}

static int record_sent(int adfd, const char *day, const char *key)
{
	char line[128];
	int fd = openat(adfd, SENT_LOG, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0640);
	int n, e = 0;

	if (fd < 0)
		return -errno;
	n = snprintf(line, sizeof(line), "%s %s\n", day, key);
	if (write(fd, line, (size_t)n) != n || fsync(fd) < 0)
		e = -EIO;
	close(fd);
	return e;
}

/* The key of spool file "<time>-<key>.msg": the 64 characters before ".msg". */
static bool spool_key(const char *name, char key[PC_SHA256_HEX])
{
	size_t l = strlen(name);

	if (l < 64 + 5 || strcmp(name + l - 4, ".msg") || name[l - 69] != '-')
		return false;
	memcpy(key, name + l - 68, 64);
	key[64] = 0;
	return strspn(key, "0123456789abcdef") == 64;
}

/* Spool file delivered: log its key, then drop it. */
static int mark_sent(int adfd, int sfd, const char *day, const char *name)
{
	char key[PC_SHA256_HEX];
	int e;

	if (!spool_key(name, key))
		return -EINVAL;
	e = record_sent(adfd, day, key);
	if (e == 0)
		(void)unlinkat(sfd, name, 0);
	return e;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before @deadline (0 when past it). */
static int left_ms(int64_t deadline)
{
	int64_t l = deadline - mono_ms();

	return l <= 0 ? 0 : l > 3600000 ? 3600000 : (int)l;
}

/* poll() one fd until @deadline: 1 ready, -ETIMEDOUT, or -errno. */
static int wait_fd(int fd, short events, int64_t deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = events };
		int r = poll(&pfd, 1, left_ms(deadline));

		if (r > 0)
			return 1;
		if (r == 0)
			return -ETIMEDOUT;
		if (errno != EINTR)
			return -errno;
	}
}

/* All sockets stay non-blocking: every wait is a poll() against the deadline. */
static int tcp_connect(const struct pc_ship *s, int64_t deadline)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	int fd = -1, e, err = -ECONNREFUSED;

	e = getaddrinfo(s->host, s->port, &hints, &res);
	if (e)
		return pc_log_errno(EHOSTUNREACH, "cannot resolve %s: %s", s->host, gai_strerror(e));
	for (ai = res; ai; ai = ai->ai_next) {
		socklen_t sl = sizeof(e);

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 && errno != EINPROGRESS)
			goto next;
		e = wait_fd(fd, POLLOUT, deadline);
		if (e < 0) {
			err = e;
			goto next;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &sl) < 0 || e)
			goto next;
		break;
next:
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd >= 0 ? fd : err;
}

static int send_all(int fd, const char *p, size_t len, int64_t deadline)
{
	while (len) {
		ssize_t w = send(fd, p, len, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				int e = wait_fd(fd, POLLOUT, deadline);

				if (e < 0)
					return e;
				continue;
			}
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

#if !PC_HAVE_RELP
/* Built without librelp: pc_ship_parse() refuses relp:// before we get here. */
typedef struct relp_none relpEngine_t, relpClt_t;
#define RELP_RET_OK 0
#define relpEngineCltDestruct(e, c) (-1)
#define relpEngineDestruct(e) (-1)
#define relpCltSendSyslog(c, m, l) (-1)
#endif

struct sender {
	const struct pc_ship *s;
	int64_t deadline;  /* CLOCK_MONOTONIC ms: the whole flush ends by then */
	int fd;
	relpEngine_t *engine;
	relpClt_t *clt;
};

#if PC_HAVE_RELP
static volatile int relp_broken;
/* the highest transaction number librelp saw answered "200" in this session */
static volatile int relp_acked;

/*
 * librelp calls its debug hook unconditionally (it must not be NULL). It
 * is also the only place that tells which frames were acknowledged:
 * librelp's close does not report a last message that was never answered
 * (a receiver shutting down sends "serverclose" and the client skips its
 * close handshake), so delivery is counted from the acknowledgements seen
 * here, until the session breaks. Should the text ever change, nothing is
 * counted as delivered: reports are sent again, never lost
 * (tests/relp-ack.sh and tests/rsyslog.sh would fail at once).
 */
static void relp_dbg(char *fmt, ...)
{
	static const char rsp[] = "in rsp command handler";
	char buf[160];
	int tx, code;
	va_list ap;

	if (strncmp(fmt, rsp, sizeof(rsp) - 1) || relp_broken)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (sscanf(buf, "in rsp command handler, txnr %d, code %d", &tx, &code) == 2 && code == 200 &&
	    tx > relp_acked)
		relp_acked = tx;
}

/*
 * librelp's close ignores a session that broke before the last
 * acknowledgement (relpCltDestruct drops the error): its error callbacks
 * are how we learn of it, so that the last message is not counted as
 * delivered. One client per process at a time: a flag is enough.
 */
static void relp_on_err(void *usr, char *obj, char *msg, relpRetVal code)
{
	(void)usr;
	(void)obj;
	(void)code;
	relp_broken = 1;
	pc_debug("relp: %s", msg ? msg : "error");
}

static void relp_on_generic_err(char *obj, char *msg, relpRetVal code)
{
	relp_on_err(NULL, obj, msg, code);
}
#endif

static int sender_open(struct sender *t)
{
	if (t->s->proto == PC_SHIP_TCP) {
		t->fd = tcp_connect(t->s, t->deadline);
		return t->fd < 0 ? t->fd : 0;
	}
#if !PC_HAVE_RELP
	return -EPROTONOSUPPORT;
#else
	if (relpEngineConstruct(&t->engine) != RELP_RET_OK)
		return -ENOMEM;
	(void)relpEngineSetDbgprint(t->engine, relp_dbg);
	relp_broken = 0;
	relp_acked = 0;
	(void)relpEngineSetOnErr(t->engine, relp_on_err);
	(void)relpEngineSetOnGenericErr(t->engine, relp_on_generic_err);
	(void)relpEngineSetEnableCmd(t->engine, (unsigned char *)"syslog", eRelpCmdState_Required);
	if (relpEngineCltConstruct(t->engine, &t->clt) != RELP_RET_OK)
		return -ENOMEM;
	(void)relpCltSetTimeout(t->clt, (unsigned)(left_ms(t->deadline) / 1000 + 1));
	(void)relpCltSetConnTimeout(t->clt, left_ms(t->deadline) / 1000 + 1);
	/* one message in flight: each send returns only after the previous ack */
	(void)relpCltSetWindowSize(t->clt, 1);
	if (t->s->tls) {
		const struct pc_tls *x = &t->s->t;
		/* librelp takes char *: copies, as it does not write them */
		char ca[512], cert[512], key[512], name[256], mode[] = "name";

		snprintf(ca, sizeof(ca), "%s", x->ca);
		snprintf(cert, sizeof(cert), "%s", x->cert);
		snprintf(key, sizeof(key), "%s", x->key);
		snprintf(name, sizeof(name), "%s", x->name[0] ? x->name : t->s->host);
		/* the receiver's certificate must chain to the CA and carry the name */
		int r, step = 0;

		if ((r = relpCltEnableTLS(t->clt)) != RELP_RET_OK ||
		    (step++, r = relpCltSetAuthMode(t->clt, mode)) != RELP_RET_OK ||
		    (step++, r = ca[0] ? relpCltSetCACert(t->clt, ca) : RELP_RET_OK) != RELP_RET_OK ||
		    (step++, r = cert[0] ? relpCltSetOwnCert(t->clt, cert) : RELP_RET_OK) != RELP_RET_OK ||
		    (step++, r = key[0] ? relpCltSetPrivKey(t->clt, key) : RELP_RET_OK) != RELP_RET_OK ||
		    (step++, r = relpCltAddPermittedPeer(t->clt, name)) != RELP_RET_OK)
			return pc_log_errno(EINVAL, "cannot set up TLS for relps://%s:%s (librelp error %d at step %d)",
					    t->s->host, t->s->port, r, step);
	}
	{
		int r = relpCltConnect(t->clt, 0, (unsigned char *)t->s->port, (unsigned char *)t->s->host);

		if (r != RELP_RET_OK) {
			pc_err("relp%s://%s:%s: %s failed (librelp error %d)", t->s->tls ? "s" : "", t->s->host,
			       t->s->port, t->s->tls ? "connect or TLS handshake (name, CA, certificate)" : "connect", r);
			return -ECONNREFUSED;
		}
	}
	return 0;
#endif
}

static int sender_send(struct sender *t, const char *msg, size_t len)
{
	if (t->s->proto == PC_SHIP_TCP) {
		char hdr[32];
		int n = snprintf(hdr, sizeof(hdr), "%zu ", len), e;

		e = send_all(t->fd, hdr, (size_t)n, t->deadline);
		return e ? e : send_all(t->fd, msg, len, t->deadline);
	}
	/* librelp waits per call: give each what is left of the whole */
	if (left_ms(t->deadline) == 0)
		return -ETIMEDOUT;
#if PC_HAVE_RELP
	(void)relpCltSetTimeout(t->clt, (unsigned)(left_ms(t->deadline) + 999) / 1000);
#endif
	return relpCltSendSyslog(t->clt, (unsigned char *)msg, len) == RELP_RET_OK ? 0 : -EIO;
}

/* Close and say whether what was sent can be counted as delivered. */
static int sender_close(struct sender *t)
{
	int e = 0;

	if (t->fd >= 0) {
		/* wait for the receiver to read everything and hang up; a
		 * receiver that does not within the timeout has not confirmed */
		if (shutdown(t->fd, SHUT_WR) < 0)
			e = -errno;
		/* whatever it sends back, it must hang up before the deadline */
		while (e == 0) {
			char junk[256];
			ssize_t r = read(t->fd, junk, sizeof(junk));

			if (r == 0)
				break;
			if (r < 0 && errno == EAGAIN)
				e = wait_fd(t->fd, POLLIN, t->deadline) < 0 ? -ETIMEDOUT : 0;
			else if (r < 0 && errno != EINTR)
				e = -errno;
		}
		close(t->fd);
		t->fd = -1;
	}
	if (t->clt && relpEngineCltDestruct(t->engine, &t->clt) != RELP_RET_OK)
		e = -EIO;
#if PC_HAVE_RELP
	if (t->engine && relp_broken)
		e = -EPIPE; /* the session broke: the last message is unconfirmed */
#endif
	if (t->engine)
		(void)relpEngineDestruct(&t->engine);
	return e;
}

/*
 * RELP: log the pending messages whose transaction number was answered
 * (in order: the window is one). Returns how many are still pending.
 */
static size_t confirm_acked(int adfd, int sfd, const char *day, char **names, size_t *pending,
			    int *pending_tx, size_t npending, int *sent)
{
	size_t j = 0, k;
#if PC_HAVE_RELP
	while (j < npending && pending_tx[j] <= relp_acked) {
		if (mark_sent(adfd, sfd, day, names[pending[j]]) == 0)
			(*sent)++;
		j++;
	}
#else
	(void)adfd, (void)sfd, (void)day, (void)names, (void)sent;
#endif
	for (k = j; k < npending; k++) {
		pending[k - j] = pending[k];
		pending_tx[k - j] = pending_tx[k];
	}
	return npending - j;
}

#define TOO_BIG "too-big"
#define BACKOFF "ship-backoff"

/* "<failures> <next attempt, epoch s>": 0 and 0 when there is none. */
static void backoff_read(int adfd, int *fails, int64_t *next)
{
	int fd = openat(adfd, BACKOFF, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	char buf[64] = "";
	long long nx = 0;
	ssize_t r;

	*fails = 0;
	*next = 0;
	if (fd < 0)
		return;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r > 0 && sscanf(buf, "%d %lld", fails, &nx) == 2 && *fails >= 0)
		*next = nx;
	else
		*fails = 0;
}

static void backoff_fail(int adfd, const struct pc_ship *s, int64_t now)
{
	int fails;
	int64_t next, d, wait;
	uint32_t rnd = 0;
	char buf[64], ts[32];
	int n;

	backoff_read(adfd, &fails, &next);
	fails = fails < 1000 ? fails + 1 : fails;
	d = s->retry_base_s > 0 ? s->retry_base_s : 60;
	for (int i = 1; i < fails && d < s->retry_max_s; i++)
		d *= 2;
	if (s->retry_max_s > 0 && d > s->retry_max_s)
		d = s->retry_max_s;
	if (getrandom(&rnd, sizeof(rnd), GRND_NONBLOCK) != sizeof(rnd))
		rnd = (uint32_t)(now ^ getpid()) * 2654435761u;
	wait = d / 2 + (int64_t)(rnd % (uint32_t)(d / 2 + 1));
	n = snprintf(buf, sizeof(buf), "%d %lld\n", fails, (long long)(now + wait));
	(void)pc_write_atomic(adfd, BACKOFF, buf, (size_t)n, false);
	pc_time_str(now + wait, ts);
	pc_info("%d failed attempt(s) in a row: the next one not before %s (%lld s, backoff with jitter)",
		fails, ts, (long long)wait);
}

static int move_aside(int sfd, const char *name)
{
	char to[300];

	if (mkdirat(sfd, TOO_BIG, 0750) < 0 && errno != EEXIST)
		return -errno;
	snprintf(to, sizeof(to), TOO_BIG "/%s", name);
	return renameat(sfd, name, sfd, to) < 0 ? -errno : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pc_ship_flush(int adfd, const struct pc_ship *s, int64_t now, int *sent)
{
	struct sender t = { .s = s, .fd = -1,
			    .deadline = mono_ms() + (int64_t)(s->timeout_s > 0 ? s->timeout_s : 10) * 1000 };
	size_t max_msg = s->max_message ? s->max_message : PC_MAX_MESSAGE_DEFAULT;
	struct sent_log sl;
	char day[16], key[PC_SHA256_HEX], **names = NULL;
	size_t n = 0, done = 0, i, npending = 0, *pending = NULL, nsess = 0;
	int *pending_tx = NULL;
	bool send_failed = false, failed = false, reached = false, held = false;
	struct dirent *de;
	time_t tt = (time_t)now;
	struct tm tm;
	DIR *d;
	int sfd, e, left;

	*sent = 0;
	gmtime_r(&tt, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	sfd = spool_dir(adfd, false);
	if (sfd < 0)
		return errno == ENOENT ? 0 : -errno;
	d = fdopendir(sfd);
	if (!d) {
		close(sfd);
		return -errno;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l < 4 || strcmp(de->d_name + l - 4, ".msg"))
			continue;
		if ((n & 63) == 0) {
			char **nn = realloc(names, (n + 64) * sizeof(*names));

			if (!nn)
				break;
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	if (n == 0) {
		closedir(d);
		free(names);
		return 0;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	pending = calloc(n, sizeof(*pending));
	pending_tx = calloc(n, sizeof(*pending_tx));
	if (!pending || !pending_tx) {
		e = -ENOMEM;
		goto out_nosl;
	}
	e = load_sent(adfd, day, &sl);
	if (e < 0)
		goto out_nosl;
	{
		int fails;
		int64_t next;

		backoff_read(adfd, &fails, &next);
		if (s->retry_base_s > 0 && fails > 0 && now < next) {
			char ts[32];

			pc_time_str(next, ts);
			pc_info("%d failed attempt(s) in a row: not sending before %s (backoff)", fails, ts);
			held = true;
		}
	}
	for (i = 0; i < n && !held; i++) {
		unsigned char *msg;
		size_t len;
		int fd;

		if (!spool_key(names[i], key)) {
			char *shown = pc_log_name(names[i]);

			pc_err("spool/%s: not a spool file name; left alone", shown ? shown : "?");
			free(shown);
			continue;
		}
		if (sent_has(&sl, key)) {
			/* delivered by a run that stopped before tidying up */
			(void)unlinkat(dirfd(d), names[i], 0);
			done++;
			continue;
		}
		if (s->max_per_day > 0 && sl.today >= s->max_per_day) {
			pc_err("daily cap of %d reports reached; %zu wait in the spool",
			       s->max_per_day, n - done - npending);
			break;
		}
		fd = openat(dirfd(d), names[i], O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
		if (fd < 0) {
			pc_err("cannot open spool/%s: %m", names[i]);
			continue;
		}
		e = pc_read_fd(fd, max_msg, &msg, &len);
		close(fd);
		if (e == -EFBIG) {
			/* never sendable as it is: out of the way, and said so */
			e = move_aside(dirfd(d), names[i]);
			pc_err("spool/%s is larger than --max-message (%zu bytes): %s", names[i], max_msg,
			       e == 0 ? "moved to spool/" TOO_BIG "/" : strerror(-e));
			done++;
			continue;
		}
		if (e < 0) {
			pc_err("cannot read spool/%s: %s", names[i], strerror(-e));
			continue;
		}
		if (t.fd < 0 && !t.clt) {
			e = sender_open(&t);
			reached = e == 0;
			if (e < 0) {
				free(msg);
				pc_err("cannot reach %s://%s:%s (%s); %zu report(s) stay in the spool",
				       s->proto == PC_SHIP_TCP ? "tcp" : s->tls ? "relps" : "relp", s->host, s->port,
				       strerror(-e), n - done - npending);
				sender_close(&t);
				failed = true;
				break;
			}
		}
		e = sender_send(&t, (char *)msg, len);
		free(msg);
#if PC_HAVE_RELP
		/*
		 * librelp re-establishes a broken session inside a send and
		 * resends what it had not seen acknowledged; we trust none of
		 * that: a session that broke confirms nothing more (what it
		 * carried goes again later, under the same keys).
		 */
		if (e == 0 && s->proto == PC_SHIP_RELP && relp_broken)
			e = -EPIPE;
#endif
		if (e < 0) {
			pc_err("sending to %s:%s failed: %s", s->host, s->port, strerror(-e));
			send_failed = true;
			break;
		}
		pc_killpoint("sent");
		/*
		 * RELP with a window of one: this send went out only after the
		 * previous message was acknowledged, so that one is delivered.
		 * TCP has no acknowledgement: all wait for a clean close.
		 */
		/* RELP: txnr 1 is "open", the k-th message is txnr k + 1 */
		pending_tx[npending] = (int)++nsess + 1;
		pending[npending++] = i;
		sl.today++;
		if (s->proto == PC_SHIP_RELP)
			npending = confirm_acked(adfd, dirfd(d), day, names, pending, pending_tx, npending, sent);
	}
	/*
	 * What is still pending is confirmed by a clean close (RELP: the close
	 * handshake comes after the last acknowledgement; TCP: the receiver
	 * read everything and hung up). After a failure it is not: it is sent
	 * again later under the same key.
	 */
	if (s->proto == PC_SHIP_RELP) {
		(void)sender_close(&t); /* waits for the last answer, if it comes */
		npending = confirm_acked(adfd, dirfd(d), day, names, pending, pending_tx, npending, sent);
		if (npending)
			failed = true;
	} else if (sender_close(&t) == 0 && !send_failed) {
		for (size_t j = 0; j < npending; j++)
			if (mark_sent(adfd, dirfd(d), day, names[pending[j]]) == 0)
				(*sent)++;
	} else if (npending) {
		failed = true;
	}
	if ((send_failed || failed) && s->retry_base_s > 0)
		backoff_fail(adfd, s, now);
	else if (reached)
		(void)unlinkat(adfd, BACKOFF, 0);
	e = 0;
	free(sl.keys);
out_nosl:
	closedir(d);
	free(pending);
	free(pending_tx);
	left = (int)n;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (e < 0)
		return e;
	/* what is left is what still has a spool file */
	{
		int sfd2 = spool_dir(adfd, false);
		DIR *d2 = sfd2 >= 0 ? fdopendir(sfd2) : NULL;

		left = 0;
		while (d2 && (de = readdir(d2)))
			if (de->d_name[0] != '.' && strstr(de->d_name, ".msg"))
				left++;
		if (d2)
			closedir(d2);
		else if (sfd2 >= 0)
			close(sfd2);
	}
	return left;
}
