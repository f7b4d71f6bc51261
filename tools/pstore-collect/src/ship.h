/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PC_SHIP_H
#define PC_SHIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Delivery to the fleet's syslog receivers. A report to send is first a
 * file in <archive>/spool/ (written with the archive, before any unlink);
 * after a delivery its key is appended to <archive>/sent.log with the UTC
 * day, and the spool file is removed. A run cut short between the two
 * sends nothing twice to the same key... except when killed mid-send, and
 * then the receiver recognises the repeat by its idempotency key.
 */
enum pc_proto { PC_SHIP_NONE, PC_SHIP_TCP, PC_SHIP_RELP };

/* RELP over TLS (relps://): librelp with GnuTLS, peer checked by name. */
struct pc_tls {
	char ca[512];      /* CA certificate file that signs the receiver's */
	char cert[512];    /* own certificate and key, if the receiver wants them */
	char key[512];
	char name[256];    /* name the receiver's certificate must carry (default: the host) */
};

struct pc_ship {
	enum pc_proto proto;
	bool tls;          /* relps:// */
	struct pc_tls t;
	char host[256];
	char port[16];
	int max_per_day;   /* <= 0: no cap */
	int timeout_s;     /* the whole flush, connect to close: a total deadline */
	size_t max_message; /* larger spool files are moved to spool/too-big/ (0: default) */
	int retry_base_s;  /* backoff after a failed flush: base, doubling per failure, */
	int retry_max_s;   /* up to this; each wait drawn from [d/2, d] (jitter) */
};

/* Default --max-message: below rsyslog's maxMessageSize="256k" with framing. */
#define PC_MAX_MESSAGE_DEFAULT 256000u

/*
 * "tcp://host:port", "relp://host:port" or "relps://host:port" (RELP over
 * TLS; [v6addr] allowed); -EINVAL else, -EPROTONOSUPPORT without librelp.
 * TLS settings (s->t) are filled in by the caller afterwards.
 */
int pc_ship_parse(const char *url, struct pc_ship *s);

struct pc_syslog_msg {
	int64_t time;
	const char *hostname;
	const char *key;       /* idempotency key */
	const char *id;        /* crash id */
	const char *signature;
	const char *kind;
	const char *summary;
	const char *text;
	size_t max_len;        /* 0: no cap; else the text's head is cut to fit */
};

/*
 * RFC 5424 message (without framing): <PRI>1 TIMESTAMP HOST APP - MSGID
 * [lastgasp@32473 key=.. id=.. sig=.. kind=..] summary\ntext
 * A message over @max_len keeps the newest end of the text (where the
 * oops is), from a line start, after a line saying how much was cut.
 */
char *pc_syslog_format(const struct pc_syslog_msg *m, size_t *len);

/* Is @key in sent.log? (loaded on first use) */
bool pc_ship_was_sent(int archive_dfd, const char *key);
/* Put one formatted message into the spool. Not yet durable. */
int pc_ship_spool(int archive_dfd, int64_t time, const char *key, const char *msg, size_t len);

/*
 * Retries back off: after a flush that could not reach the receiver or
 * failed mid-way, <archive>/ship-backoff holds the count of failures in a
 * row and the time before which no flush connects (d = base * 2^(n-1),
 * capped, waiting a random time in [d/2, d] so that a fleet does not
 * retry in step). A flush that gets through removes it.
 *
 * Send what waits in the spool, oldest first, within today's cap and
 * s->timeout_s seconds in all. Spool files over s->max_message are
 * reported and moved to spool/too-big/. Returns the number of messages
 * still waiting (0 = all delivered), or -errno when the spool cannot be
 * read. *sent counts deliveries.
 */
int pc_ship_flush(int archive_dfd, const struct pc_ship *s, int64_t now, int *sent);

#endif
