/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ramoops on-media format: region layout, zone header, ECC placement,
 * dmesg header line, integrity trailer, and the read/write routines built on
 * them. Plain C shared by the kernel module (ramoops_drv.c), the unit tests
 * (tests/unit) and the offline decoder (tools/ramoops-decode.c).
 *
 * Everything marked ABI below is what upstream ramoops (Linux fs/pstore/
 * ram.c, ram_core.c) reads and writes, or what an image written by us holds;
 * changing it breaks reading records across kernels.
 *
 * Zone (one per dmesg record, one console, one pmsg), ABI:
 *
 *   +0   u32 sig    RMO_PERSISTENT_SIG ^ type value (0 for all ours)
 *   +4   u32 start  ring write position        (native endian, as upstream's
 *   +8   u32 size   valid bytes in the ring     atomic_t fields)
 *   +12  data[data_size]                ring buffer
 *        parity[ecc_blocks * ecc_size]  one per block_size bytes of data
 *        parity[ecc_size]               of the 12 header bytes
 *
 * A dmesg zone's data holds "====<sec>.<usec>-<C|D>\n" then the record; its
 * last RMO_TRAILER_SIZE bytes hold our integrity trailer, which records never
 * reach, so an upstream reader never shows it.
 */
#ifndef RMO_FMT_H
#define RMO_FMT_H

#include "rmo_types.h"
#include "rs8.h"

/* ---- ABI constants ---- */
#define RMO_PERSISTENT_SIG	0x43474244u	/* "DBGC" */
#define RMO_ZONE_HDR_SIZE	12
#define RMO_DMESG_MAGIC		"===="
/* "====" + '-' + 19 digits + '.' + 9 digits + "-C\n" fits with room */
#define RMO_DMESG_HDR_MAX	40

#define RMO_ECC_POLY		0x11d
#define RMO_ECC_SIZE_DEFAULT	16
#define RMO_ECC_BLOCK_DEFAULT	128

#define RMO_TRAILER_MAGIC	0x4c475452u	/* "RTGL" in memory */
#define RMO_TRAILER_VERSION	1
#define RMO_TRAILER_SIZE	108
#define RMO_TRAILER_CHUNKS	16	/* independent CRCs to locate damage */
#define RMO_TRAILER_F_COMPRESSED 0x01

/* ---- CRC32 (IEEE 802.3, reflected, as zlib's crc32()) ---- */
u32 rmo_crc32(u32 crc, const void *buf, size_t len);

/* ---- region layout, ABI: the same zones at the same offsets as upstream ---- */
struct rmo_layout_req {
	u64 mem_size;
	u64 record_size;
	u64 console_size;
	u64 pmsg_size;
	u64 ftrace_size;
	bool legacy_order;	/* Linux <= 6.1: ftrace before pmsg */
};

#define RMO_ROUNDED_RECORD	0x1
#define RMO_ROUNDED_CONSOLE	0x2
#define RMO_ROUNDED_PMSG	0x4
#define RMO_ROUNDED_FTRACE	0x8

struct rmo_layout {
	/* effective sizes, rounded down to powers of two like upstream */
	u64 record_size, console_size, pmsg_size, ftrace_size;
	unsigned int rounded;		/* RMO_ROUNDED_* */
	unsigned int dmesg_cnt;
	u64 dmesg_zone_size;		/* >= record_size: the area is split evenly */
	u64 console_off, pmsg_off, ftrace_off;	/* from the region start */
};

/*
 * rmo_layout_compute() - place the zones in a region of req->mem_size bytes:
 * dmesg zones first, then console, pmsg and ftrace (which we reserve but do
 * not use), the order of Linux 6.2 and later. Up to 6.1 the ftrace area came
 * before pmsg; req->legacy_order selects that.
 * Return: 0, or -EINVAL with *why set to a static explanation.
 */
int rmo_layout_compute(const struct rmo_layout_req *req, struct rmo_layout *l,
		       const char **why);

/* ---- zone geometry ---- */
struct rmo_geom {
	size_t zone_size;
	size_t data_size;	/* ring capacity, upstream's buffer_size */
	size_t ecc_size;	/* parity bytes per block, 0 = no ECC */
	size_t block_size;
	size_t ecc_blocks;
	size_t par_off;		/* zone offset of the data parity */
	size_t hdr_par_off;	/* zone offset of the header parity */
};

/*
 * rmo_geom_init() - geometry of a zone of @zone_size bytes with @ecc_size
 * parity bytes per @block_size data bytes (0: no ECC), placed as upstream.
 * Return: 0, or -EINVAL with *why set.
 */
int rmo_geom_init(struct rmo_geom *g, size_t zone_size, size_t ecc_size,
		  size_t block_size, const char **why);

/* Bytes a dmesg zone can give a record (header line included). */
static inline size_t rmo_dmesg_capacity(const struct rmo_geom *g)
{
	return g->data_size > RMO_TRAILER_SIZE ?
		g->data_size - RMO_TRAILER_SIZE : 0;
}

/* ---- zone header ---- */
struct rmo_zone_hdr {
	u32 sig;
	u32 start;
	u32 size;
};

void rmo_hdr_get(const u8 *zone, struct rmo_zone_hdr *h);

/* ---- writing (media side; callers serialize writers of one zone) ---- */
struct rmo_zone {
	u8 *mem;			/* the zone as mapped */
	const struct rmo_geom *g;
	const struct rs8 *rs;		/* NULL without ECC */
	u32 sig;			/* value stored, already xor'ed */
};

/* Empty the zone: signature, start = size = 0, header parity. */
void rmo_zone_reset(const struct rmo_zone *z);

/*
 * rmo_ring_write() - append to a ring zone (console, pmsg). Once full the
 * oldest bytes are overwritten; a write longer than the ring keeps its tail.
 */
void rmo_ring_write(const struct rmo_zone *z, const void *buf, size_t len);

/*
 * rmo_dmesg_write() - store one dmesg record: header line for @sec/@nsec and
 * @compressed, then @body (cut to the zone's capacity). The order is what
 * makes a torn write detectable: empty the zone, write the trailer for the
 * new record, publish its size, then the bytes. Return: body bytes stored.
 */
size_t rmo_dmesg_write(const struct rmo_zone *z, s64 sec, u32 nsec,
		       bool compressed, const void *body, size_t len);

/* The two halves of rmo_dmesg_write(), public for tests of torn writes. */
struct rmo_trailer {
	u8 version;
	u8 flags;
	u32 rec_len;		/* bytes in the zone: header line + body */
	u32 rec_crc;		/* CRC32 of those bytes */
	u32 hdr_crc;		/* CRC32 of the header line alone: the binding */
	u32 hdr_len;
	s64 sec;
	u32 nsec;
	u32 chunk_size;		/* rec_len split in RMO_TRAILER_CHUNKS parts */
	u32 chunk_crc[RMO_TRAILER_CHUNKS];
};

/* Chunk size for a record of @len bytes: ceil(len / chunks), at least 1. */
static inline u32 rmo_chunk_size(size_t len)
{
	return len ? (u32)((len + RMO_TRAILER_CHUNKS - 1) / RMO_TRAILER_CHUNKS) : 1;
}

void rmo_dmesg_begin(const struct rmo_zone *z, const struct rmo_trailer *t);
void rmo_dmesg_fill(const struct rmo_zone *z, size_t off, const void *buf,
		    size_t len);
/* Wipe the trailer (on erase), so a stale one never binds a later record. */
void rmo_dmesg_clear_trailer(const struct rmo_zone *z);

/* ---- reading (on a private copy of the zone) ---- */
enum rmo_zone_state {
	RMO_ZONE_EMPTY,
	RMO_ZONE_VALID,
	RMO_ZONE_BAD_SIG,	/* never initialised or another owner: reset */
	RMO_ZONE_BAD_HDR,	/* start/size impossible: reset */
};

struct rmo_zone_info {
	enum rmo_zone_state state;
	struct rmo_zone_hdr hdr;
	int hdr_ecc;		/* header: corrected bytes, or -EBADMSG */
	u32 ecc_corrected;	/* bytes corrected, header included */
	u32 ecc_bad_blocks;	/* uncorrectable blocks, header included */
};

/*
 * rmo_zone_inspect() - correct @copy with ECC (header, then the blocks
 * holding valid data, as upstream does) and validate its header against
 * @sig. @rs/@w may be NULL without ECC.
 */
void rmo_zone_inspect(const struct rmo_geom *g, const struct rs8 *rs,
		      struct rs8_work *w, u8 *copy, u32 sig,
		      struct rmo_zone_info *zi);

/* ECC-correct the data blocks covering [from, to) of @copy's data. */
void rmo_zone_ecc_range(const struct rmo_geom *g, const struct rs8 *rs,
			struct rs8_work *w, u8 *copy, size_t from, size_t to,
			u32 *corrected, u32 *bad_blocks);

/* Copy the valid ring bytes out, oldest first. Return: bytes copied. */
size_t rmo_zone_linearize(const struct rmo_geom *g, const u8 *copy,
			  const struct rmo_zone_info *zi, u8 *out);

/* ---- dmesg header line ---- */
size_t rmo_dmesg_hdr_format(char *buf, size_t n, s64 sec, u32 nsec,
			    bool compressed);
/* Return: length of the header line, 0 when @buf does not start with one. */
size_t rmo_dmesg_hdr_parse(const u8 *buf, size_t len, s64 *sec, u32 *nsec,
			   bool *compressed);

/*
 * ---- integrity trailer, ABI (little endian, RMO_TRAILER_SIZE bytes) ----
 *   0 u32 magic  4 u8 version  5 u8 flags  6 u16 size  8 u32 rec_len
 *  12 u32 rec_crc  16 u32 hdr_crc  20 u32 hdr_len  24 s64 sec  32 u32 nsec
 *  36 u32 chunk_size  40 u32 chunk_crc[16]  104 u32 CRC32 of bytes 0..103
 */
enum rmo_trailer_state {
	RMO_TRAILER_ABSENT,	/* no magic: written by a kernel without it */
	RMO_TRAILER_DAMAGED,	/* magic (nearly) there, contents inconsistent */
	RMO_TRAILER_VALID,
};

void rmo_trailer_pack(const struct rmo_trailer *t, u8 *out);
enum rmo_trailer_state rmo_trailer_unpack(const u8 *in, struct rmo_trailer *t);

enum rmo_integrity {
	RMO_REC_VERIFIED,	/* trailer bound to this record, CRC matches */
	RMO_REC_UNVERIFIED,	/* no trailer of this record (e.g. upstream) */
	RMO_REC_CORRUPT,	/* trailer bound, record does not match it */
};

enum rmo_damage {
	RMO_DAMAGE_NONE,
	RMO_DAMAGE_CRC,		/* bytes differ: torn write or bit flips */
	RMO_DAMAGE_LENGTH,	/* zone size disagrees with the trailer */
	RMO_DAMAGE_HDRLINE,	/* header line damaged, trailer supplies it */
	RMO_DAMAGE_TRAILER,	/* trailer itself damaged */
};

struct rmo_dmesg_rec {
	enum rmo_integrity integrity;
	enum rmo_damage damage;
	bool has_hdr;		/* header line found (time/type usable) */
	s64 sec;
	u32 nsec;
	bool compressed;
	size_t hdr_len;		/* bytes before the body */
	size_t len;		/* bytes in the zone */
	u32 crc_stored, crc_actual;
	u32 len_stored;
	u32 chunk_size;		/* when the chunks could be checked */
	u16 bad_chunks;		/* bit i: chunk i differs from its CRC */
};

/*
 * rmo_dmesg_inspect() - classify the record bytes @rec (@len, linearized)
 * against @trailer (the zone's trailer bytes, NULL if the record covers
 * them). Return: true if there is something to show; false when neither a
 * header line nor a bound trailer was found (upstream resets such a zone).
 */
bool rmo_dmesg_inspect(const u8 *rec, size_t len, const u8 *trailer,
		       struct rmo_dmesg_rec *out);

/*
 * rmo_dmesg_body() - the body to show for an inspected record: the bytes
 * after the header line, with each damaged span of a plain-text record
 * replaced by a one-line marker (compressed records are passed through: a
 * marker would break the stream). snprintf-like: returns the full length,
 * writes only if @n is large enough.
 */
size_t rmo_dmesg_body(const u8 *rec, const struct rmo_dmesg_rec *r, u8 *out,
		      size_t n);

/*
 * Notices appended to a record, snprintf-like: return the full length,
 * write at most @n - 1 bytes and a NUL (nothing when @n is 0).
 */
size_t rmo_dmesg_notice(char *buf, size_t n, unsigned int zone,
			const struct rmo_dmesg_rec *r);
/* Upstream's ECC line: empty without ECC. */
size_t rmo_ecc_notice(char *buf, size_t n, bool ecc, u32 corrected,
		      u32 bad_blocks);

const char *rmo_integrity_name(enum rmo_integrity i);

#endif /* RMO_FMT_H */
