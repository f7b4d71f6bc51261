/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pstore_flash on-flash format and the ring that manages it. Plain C shared
 * by the kernel module (flash_drv.c), the unit tests (tests/unit), the
 * host tool (tools/pstore-flash.c) and the fuzzer. docs/flash-format.md is
 * the reference; everything marked ABI is what a flash written by one
 * kernel holds when another kernel or the host tool reads it.
 *
 * All multi-byte fields are little endian. Bits only go from 1 to 0 between
 * erases: every field is programmed once, except the record's delete word
 * which goes from all ones to zero once.
 *
 * Erase block (ABI):
 *   +0   block header, LGF_BLK_HDR_SIZE bytes, programmed right after erase
 *   +32  records, each LGF_REC_HDR_SIZE bytes of header, the payload, and
 *        0xFF padding to LGF_ALIGN; a record never crosses a block
 *   ...  0xFF to the end of the block
 *
 * Block header (ABI):
 *   +0  u32 magic        LGF_BLK_MAGIC
 *   +4  u16 version      LGF_VERSION
 *   +6  u16 hdr_size     LGF_BLK_HDR_SIZE
 *   +8  u32 erase_count  erases this block has had (wear)
 *   +12 u32 block_size   the erase block size it was formatted for
 *   +16 u64 seq          from the ring's sequence counter at format time
 *   +24 u32 reserved     0
 *   +28 u32 crc          CRC32 of bytes 0..27
 *
 * Record header (ABI):
 *   +0  u32 magic        LGF_REC_MAGIC
 *   +4  u8  type         pstore record type (enum pstore_type_id)
 *   +5  u8  flags        LGF_REC_F_*
 *   +6  u16 part         part number within its dump (1 = newest text)
 *   +8  u64 seq          record sequence number, unique, increasing
 *   +16 u64 dump         seq of the first record of the same dump
 *   +24 s64 sec          record time, seconds since the epoch
 *   +32 u32 nsec         and nanoseconds
 *   +36 s32 count        pstore's dump count (Panic#<count>)
 *   +40 u32 len          payload bytes
 *   +44 u32 payload_crc  CRC32 of the payload
 *   +48 u32 reserved     0
 *   +52 u32 hdr_crc      CRC32 of bytes 0..51
 *   +56 u32 commit       LGF_COMMIT, programmed after the payload
 *   +60 u32 deleted      0xFFFFFFFF; programmed to 0 when unlinked
 *   +64 payload
 *
 * Paged variant (NAND: whole pages, each programmed once, in order within
 * a block), chosen by the block header's version (ABI):
 *   block header version LGF_VERSION_PAGED, +24 u32 page = the page size;
 *   the header alone in page 0, records start at page 1;
 *   a record starts on a page boundary: the 64-byte header (commit and
 *   deleted words left 0xFF), the payload, 0xFF to the page end; then a
 *   commit mark page naming it; a delete mark page (tombstone) anywhere
 *   later in the ring names deleted records. A record whose dump's first
 *   record is gone (its block erased) is not shown either.
 *
 * Mark page (paged variant only, ABI):
 *   +0  u32 magic        LGF_MARK_MAGIC
 *   +4  u8  kind         LGF_MARK_COMMIT or LGF_MARK_DELETE
 *   +5  u8  reserved     0
 *   +6  u16 n            delete: entries at +24; commit: 0
 *   +8  u64 seq          commit: the record's seq; delete: a new seq
 *   +16 u32 arg          commit: the record's payload_crc; delete: 0
 *   +20 u32 crc          CRC32 of bytes 0..19, then of the n entries
 *   +24 u64 entries[n]   delete: the seqs of the deleted records
 */
#ifndef LGF_FMT_H
#define LGF_FMT_H

#include "lgf_types.h"

/* ---- ABI constants ---- */
#define LGF_BLK_MAGIC		0x424c474cu	/* "LGLB" in memory order */
#define LGF_REC_MAGIC		0x524c474cu	/* "LGLR" */
#define LGF_COMMIT		0x544d4f43u	/* "COMT" */
#define LGF_VERSION		1	/* byte-programmable (NOR, RAM) */
#define LGF_VERSION_PAGED	2	/* whole pages (NAND) */
#define LGF_MARK_MAGIC		0x4d4c474cu	/* "LGLM" */
#define LGF_MARK_HDR_SIZE	24
#define LGF_MARK_CRC_LEN	20
#define LGF_MARK_COMMIT		1
#define LGF_MARK_DELETE		2
/* Pages the paged variant accepts; a block holds at least 4. */
#define LGF_PAGE_MIN		128u
#define LGF_PAGE_MAX		65536u
#define LGF_BLK_HDR_SIZE	32
#define LGF_REC_HDR_SIZE	64
#define LGF_REC_COMMIT_OFF	56
#define LGF_REC_DELETED_OFF	60
#define LGF_REC_CRC_LEN		52	/* header bytes under hdr_crc */
#define LGF_BLK_CRC_LEN		28
#define LGF_ALIGN		8
#define LGF_REC_F_COMPRESSED	0x01
/* The smallest and largest erase blocks the format accepts. */
#define LGF_BLOCK_MIN		512u
#define LGF_BLOCK_MAX		(16u << 20)

/* ---- CRC32 (IEEE 802.3, reflected, as zlib's crc32()) ---- */
u32 lgf_crc32(u32 crc, const void *buf, size_t len);

static inline u32 lgf_align(u32 n)
{
	return (n + LGF_ALIGN - 1) & ~(u32)(LGF_ALIGN - 1);
}

/* Bytes a record with @len payload bytes takes in its block. */
static inline u32 lgf_rec_size(u32 len)
{
	return lgf_align(LGF_REC_HDR_SIZE + len);
}

/* Largest payload a block of @block_size holds. */
static inline u32 lgf_max_payload(u32 block_size)
{
	return block_size - LGF_BLK_HDR_SIZE - LGF_REC_HDR_SIZE;
}

struct lgf_blk_hdr {
	u32 erase_count;
	u32 block_size;
	u64 seq;
	u32 page;	/* 0: byte-programmable (version 1); else page size */
};

/* True if @page is a page size the paged variant takes for @block_size. */
bool lgf_page_ok(u32 block_size, u32 page);

struct lgf_rec_hdr {
	u8 type;
	u8 flags;
	u16 part;
	u64 seq;
	u64 dump;
	s64 sec;
	u32 nsec;
	s32 count;
	u32 len;
	u32 payload_crc;
};

void lgf_blk_hdr_pack(const struct lgf_blk_hdr *h, u8 out[LGF_BLK_HDR_SIZE]);
/* Return: true if @in holds a valid block header (magic, version, CRC). */
bool lgf_blk_hdr_unpack(const u8 *in, struct lgf_blk_hdr *h);

/* Packs the first LGF_REC_CRC_LEN + 4 bytes; commit and deleted stay 0xFF. */
void lgf_rec_hdr_pack(const struct lgf_rec_hdr *h, u8 out[LGF_REC_HDR_SIZE]);

/* ---- parsing a block image (pure: no I/O, any input) ---- */
enum lgf_rec_status {
	LGF_REC_OK,		/* committed, payload CRC good */
	LGF_REC_DELETED,	/* committed, then unlinked */
	LGF_REC_UNCOMMITTED,	/* header good, payload CRC good, no commit */
	LGF_REC_TORN,		/* header good, payload CRC bad: cut mid-payload */
	LGF_REC_CORRUPT,	/* committed, but the payload CRC is bad */
	/* bytes that are not a valid header: the rest of the block is lost */
	LGF_REC_BAD_HEADER,
	LGF_REC_MARK,		/* paged: a delete mark (hdr.seq = its seq) */
};

const char *lgf_rec_status_name(enum lgf_rec_status s);

struct lgf_rec_info {
	struct lgf_rec_hdr hdr;		/* valid unless status is BAD_HEADER */
	enum lgf_rec_status status;
	u32 off;			/* offset of the record in its block */
	u32 size;			/* bytes it takes (BAD_HEADER: to block end) */
	u32 nmarks;			/* MARK: entries (lgf_mark_entry()) */
};

/* Entry @i of the delete mark @ri in the block image @img. */
u64 lgf_mark_entry(const u8 *img, const struct lgf_rec_info *ri, u32 i);

enum lgf_blk_kind {
	LGF_BLK_ERASED,		/* all 0xFF: erased, not formatted */
	LGF_BLK_DIRTY,		/* no valid header, not all 0xFF */
	LGF_BLK_FORMATTED,	/* valid header */
};

/*
 * lgf_block_kind() - classify a block image of @block_size bytes; fills @h
 * for a formatted block. A header whose block_size differs from
 * @block_size counts as DIRTY.
 */
enum lgf_blk_kind lgf_block_kind(const u8 *img, u32 block_size,
				 struct lgf_blk_hdr *h);

/*
 * lgf_next_record() - the record at *@off in a formatted block image, or
 * false at the end of the records (0xFF from *@off to the block end, or not
 * enough room left for a header). On true, *@off moves past the record; a
 * BAD_HEADER record ends the block (its size reaches the block end).
 * @page: the block header's page (0: version 1). Paged blocks skip blank
 * pages (a record reserved but never written) and return delete marks as
 * LGF_REC_MARK; whether an OK record is deleted is the ring's
 * (lgf_rec_visible()) or the reader's business.
 */
bool lgf_next_record(const u8 *img, u32 block_size, u32 page, u32 *off,
		     struct lgf_rec_info *ri);

/* ---- the ring (block states in memory, I/O through callbacks) ---- */
enum lgf_state {
	LGF_S_BAD,		/* bad at attach, or retired */
	LGF_S_ERASED,		/* all 0xFF, needs only a header */
	LGF_S_DIRTY,		/* needs an erase */
	LGF_S_FREE,		/* formatted, no records: the pool */
	LGF_S_USED,		/* formatted, holds records */
	LGF_S_BUSY,		/* being erased/formatted (not in the pool) */
};

struct lgf_block {
	u8 state;		/* enum lgf_state */
	bool closed;		/* a bad header ends it: nothing more appended */
	u32 erase_count;
	u64 seq;		/* header seq */
	u32 used;		/* write offset: next record goes here */
	u32 records;		/* records with a valid header */
	u32 live;		/* of which committed and not deleted */
	u32 torn;		/* uncommitted, torn or bad-header records */
	u32 marks;		/* paged: delete marks */
	u64 first_seq, last_seq;	/* record seqs, valid if records */
	u64 first_dump, last_dump;	/* dumps of the first and last record */
};

enum lgf_event_kind {
	LGF_EV_TORN,		/* a torn/uncommitted/bad-header record (attach) */
	LGF_EV_RETIRED,		/* a block whose erase or program failed */
	LGF_EV_BAD,		/* a bad block at attach */
	LGF_EV_READ_ERROR,	/* a block that could not be read at attach */
	LGF_EV_ERASED,		/* a block erased by the collector */
	LGF_EV_DROPPED,		/* records of an old dump deleted for space */
};

struct lgf_event {
	enum lgf_event_kind kind;
	u32 block;
	u32 off;
	u64 seq;		/* record seq (TORN, DROPPED: the dump) */
	int err;
	enum lgf_rec_status status;	/* TORN */
	u32 count;		/* DROPPED: records deleted; ERASED: erase count */
};

struct lgf_ops {
	/* Read @len bytes at flash offset @off. 0 or -errno. */
	int (*read)(void *priv, u64 off, void *buf, size_t len);
	/*
	 * Program @len bytes at @off (clears bits only); @panic selects the
	 * panic write (no sleeping). 0 or -errno.
	 */
	int (*program)(void *priv, u64 off, const void *buf, size_t len,
		       bool panic);
	/* Erase the block at @off (process context only). 0 or -errno. */
	int (*erase)(void *priv, u64 off);
	/* Nonzero if the block at @off is bad (attach only); may be NULL. */
	int (*isbad)(void *priv, u64 off);
	/*
	 * Mark the block at @off bad on the media (process context, after a
	 * failed erase or program); may be NULL. 0 or -errno.
	 */
	int (*markbad)(void *priv, u64 off);
	/*
	 * Guard the in-memory block states; @panic: try only, false if busy.
	 * Both may be NULL (single-threaded users).
	 */
	bool (*lock)(void *priv, bool panic);
	void (*unlock)(void *priv);
	/* Something worth reporting happened; may be NULL. */
	void (*event)(void *priv, const struct lgf_event *ev);
};

struct lgf_ring {
	const struct lgf_ops *ops;
	void *priv;
	u32 block_size;
	u32 nblocks;
	struct lgf_block *blk;	/* nblocks entries, caller's memory */
	u8 *scratch;		/* block_size bytes, caller's memory */
	u32 head;		/* block being appended to, or LGF_NONE */
	u64 next_seq;
	u32 pool_target;	/* FREE blocks the collector keeps ready */
	u32 max_erase_count;	/* highest count seen, for lost headers */
	u64 cur_dump;		/* dump id of the dump being written */
	u32 cur_dump_bytes;	/* bytes its records took so far */
	u32 dump_limit;		/* refuse parts > 1 beyond this (0: none) */
	/* paged variant (lgf_ring_set_paged()); page 0: byte-programmable */
	u32 page;
	u8 *pagebuf;		/* 2 * page: [0] process context, [page] panic */
	u64 *dead;		/* sorted seqs of deleted records still on flash */
	u32 ndead, dead_cap;
};

#define LGF_NONE	0xffffffffu

/*
 * lgf_ring_init() - set up @r for a device of @nblocks blocks of
 * @block_size; @blk and @scratch are the caller's memory (nblocks entries,
 * block_size bytes). Return: 0 or -EINVAL.
 */
int lgf_ring_init(struct lgf_ring *r, const struct lgf_ops *ops, void *priv,
		  u32 block_size, u32 nblocks, struct lgf_block *blk,
		  u8 *scratch);

/*
 * lgf_ring_set_paged() - after lgf_ring_init(), before lgf_attach(): use
 * the paged variant with pages of @page bytes. @pagebuf: 2 * @page bytes;
 * @dead: lgf_dead_cap() entries. All caller's memory. 0 or -EINVAL.
 */
int lgf_ring_set_paged(struct lgf_ring *r, u32 page, u8 *pagebuf, u64 *dead,
		       u32 dead_cap);

/* Records a paged device of @nblocks blocks can hold: the dead set's size. */
u32 lgf_dead_cap(u32 block_size, u32 page, u32 nblocks);

/* Largest payload one record can have in this ring. */
u32 lgf_ring_max_payload(const struct lgf_ring *r);

/* Bytes a record of @len payload bytes takes in this ring. */
u32 lgf_ring_rec_size(const struct lgf_ring *r, u32 len);

/*
 * lgf_rec_visible() - an OK record the ring shows: always for version 1;
 * paged, unless a delete mark names it or its dump's first record is gone.
 */
bool lgf_rec_visible(const struct lgf_ring *r, const struct lgf_rec_hdr *h);

/*
 * lgf_attach() - scan every block (process context): bad blocks, headers,
 * records, torn records (reported as events); find where to append.
 * Return: 0 or -errno (nothing usable).
 */
int lgf_attach(struct lgf_ring *r);

/*
 * lgf_pool_blocks() - FREE blocks that always hold one whole dump whose
 * records (headers and padding included) take at most @dump_limit bytes,
 * whatever the sizes of its records: appending moves to the next block when
 * a record does not fit, so two consecutive blocks hold more than one
 * block's capacity.
 */
u32 lgf_pool_blocks(u32 block_size, u32 page, u32 dump_limit);

/* Blocks not bad. */
u32 lgf_usable_blocks(const struct lgf_ring *r);
/* FREE blocks following the head in ring order (what a dump can use now). */
u32 lgf_pool(const struct lgf_ring *r);

/*
 * lgf_append() - write one record: header, payload, then the commit word.
 * @h's seq and dump are assigned here (a part 1 starts a new dump); a part
 * other than 1 that would take the dump past dump_limit is refused. On a
 * program error the block is retired (reported) and the record is tried
 * once more in the next block. @panic: panic write, locks only tried.
 * Return: 0, -ENOSPC (no room in the pool), -EBUSY (lock busy), -errno.
 */
int lgf_append(struct lgf_ring *r, struct lgf_rec_hdr *h, const void *payload,
	       bool panic);

/*
 * lgf_unlink() - mark the record with sequence number @seq deleted
 * (program its delete word to 0; paged: append a delete mark). Process
 * context. Return: 0, -ENOENT, -ENOSPC (paged: no page for the mark).
 */
int lgf_unlink(struct lgf_ring *r, u64 seq);

/*
 * lgf_collect() - one step of erasing/formatting, process context. The
 * block after the pool is formatted if erased, erased if dirty or if all its
 * records are deleted, and erased with its dumps dropped (their records in
 * later blocks deleted first) if the pool is below pool_target.
 * Return: 1 if it did something (call again), 0 if idle, -errno.
 */
int lgf_collect(struct lgf_ring *r);

/* Per-ring counts for reports. */
struct lgf_stats {
	u32 blocks, bad, erased, dirty, free, used, busy;
	u32 records, live, torn;
	u32 ec_min, ec_max;	/* erase counts of formatted blocks */
	u32 pool;
};
void lgf_stats(const struct lgf_ring *r, struct lgf_stats *s);

#endif /* LGF_FMT_H */
