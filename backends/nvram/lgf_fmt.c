// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore_flash on-flash format and ring (see lgf_fmt.h and
 * docs/flash-format.md). Shared by the kernel module and userspace: no
 * allocation, no locking of its own, I/O only through struct lgf_ops.
 */
#include "lgf_fmt.h"

/* The ABI sizes and offsets the header comment documents. */
LGF_STATIC_ASSERT(LGF_BLK_HDR_SIZE == 32, "block header is 32 bytes");
LGF_STATIC_ASSERT(LGF_BLK_CRC_LEN + 4 == LGF_BLK_HDR_SIZE, "block CRC last");
LGF_STATIC_ASSERT(LGF_REC_HDR_SIZE == 64, "record header is 64 bytes");
LGF_STATIC_ASSERT(LGF_REC_CRC_LEN + 4 == LGF_REC_COMMIT_OFF, "commit after CRC");
LGF_STATIC_ASSERT(LGF_REC_DELETED_OFF + 4 == LGF_REC_HDR_SIZE, "deleted word last");
LGF_STATIC_ASSERT(LGF_BLK_HDR_SIZE % LGF_ALIGN == 0, "records start aligned");
LGF_STATIC_ASSERT(LGF_REC_HDR_SIZE % LGF_ALIGN == 0, "payload aligned");
LGF_STATIC_ASSERT((LGF_ALIGN & (LGF_ALIGN - 1)) == 0, "alignment a power of 2");

/* ---- CRC32, a nibble at a time: a 64-byte table, no init needed ---- */
static const u32 lgf_crc_tab[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

LGF_NOTRACE u32 lgf_crc32(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ lgf_crc_tab[crc & 15];
		crc = (crc >> 4) ^ lgf_crc_tab[crc & 15];
	}
	return ~crc;
}

/* ---- little-endian fields ---- */
static LGF_NOTRACE void put16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static LGF_NOTRACE void put32(u8 *p, u32 v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static LGF_NOTRACE void put64(u8 *p, u64 v)
{
	put32(p, (u32)v);
	put32(p + 4, (u32)(v >> 32));
}

static u16 get16(const u8 *p)
{
	return p[0] | (u16)p[1] << 8;
}

static u32 get32(const u8 *p)
{
	return get16(p) | (u32)get16(p + 2) << 16;
}

static u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

static bool all_ff(const u8 *p, size_t n)
{
	while (n--)
		if (*p++ != 0xff)
			return false;
	return true;
}

/* ---- headers ---- */
LGF_NOTRACE void lgf_blk_hdr_pack(const struct lgf_blk_hdr *h,
				  u8 out[LGF_BLK_HDR_SIZE])
{
	put32(out, LGF_BLK_MAGIC);
	put16(out + 4, LGF_VERSION);
	put16(out + 6, LGF_BLK_HDR_SIZE);
	put32(out + 8, h->erase_count);
	put32(out + 12, h->block_size);
	put64(out + 16, h->seq);
	put32(out + 24, 0);
	put32(out + 28, lgf_crc32(0, out, LGF_BLK_CRC_LEN));
}

bool lgf_blk_hdr_unpack(const u8 *in, struct lgf_blk_hdr *h)
{
	if (get32(in) != LGF_BLK_MAGIC || get16(in + 4) != LGF_VERSION ||
	    get16(in + 6) != LGF_BLK_HDR_SIZE ||
	    get32(in + 28) != lgf_crc32(0, in, LGF_BLK_CRC_LEN))
		return false;
	h->erase_count = get32(in + 8);
	h->block_size = get32(in + 12);
	h->seq = get64(in + 16);
	return true;
}

LGF_NOTRACE void lgf_rec_hdr_pack(const struct lgf_rec_hdr *h,
				  u8 out[LGF_REC_HDR_SIZE])
{
	put32(out, LGF_REC_MAGIC);
	out[4] = h->type;
	out[5] = h->flags;
	put16(out + 6, h->part);
	put64(out + 8, h->seq);
	put64(out + 16, h->dump);
	put64(out + 24, (u64)h->sec);
	put32(out + 32, h->nsec);
	put32(out + 36, (u32)h->count);
	put32(out + 40, h->len);
	put32(out + 44, h->payload_crc);
	put32(out + 48, 0);
	put32(out + 52, lgf_crc32(0, out, LGF_REC_CRC_LEN));
	memset(out + LGF_REC_COMMIT_OFF, 0xff, LGF_REC_HDR_SIZE - LGF_REC_COMMIT_OFF);
}

static bool lgf_rec_hdr_unpack(const u8 *in, struct lgf_rec_hdr *h)
{
	if (get32(in) != LGF_REC_MAGIC ||
	    get32(in + 52) != lgf_crc32(0, in, LGF_REC_CRC_LEN))
		return false;
	h->type = in[4];
	h->flags = in[5];
	h->part = get16(in + 6);
	h->seq = get64(in + 8);
	h->dump = get64(in + 16);
	h->sec = (s64)get64(in + 24);
	h->nsec = get32(in + 32);
	h->count = (s32)get32(in + 36);
	h->len = get32(in + 40);
	h->payload_crc = get32(in + 44);
	return true;
}

const char *lgf_rec_status_name(enum lgf_rec_status s)
{
	switch (s) {
	case LGF_REC_OK:		return "ok";
	case LGF_REC_DELETED:		return "deleted";
	case LGF_REC_UNCOMMITTED:	return "torn (not committed)";
	case LGF_REC_TORN:		return "torn (payload incomplete)";
	case LGF_REC_CORRUPT:		return "corrupt (payload CRC)";
	case LGF_REC_BAD_HEADER:	return "torn (header)";
	}
	return "?";
}

/* ---- parsing ---- */
enum lgf_blk_kind lgf_block_kind(const u8 *img, u32 block_size,
				 struct lgf_blk_hdr *h)
{
	if (block_size < LGF_BLOCK_MIN)
		return LGF_BLK_DIRTY;
	if (lgf_blk_hdr_unpack(img, h) && h->block_size == block_size)
		return LGF_BLK_FORMATTED;
	return all_ff(img, block_size) ? LGF_BLK_ERASED : LGF_BLK_DIRTY;
}

bool lgf_next_record(const u8 *img, u32 block_size, u32 *off,
		     struct lgf_rec_info *ri)
{
	u32 o = *off < LGF_BLK_HDR_SIZE ? LGF_BLK_HDR_SIZE : lgf_align(*off);
	const u8 *p;
	bool crc_ok, committed;

	if (o >= block_size)
		return false;
	memset(ri, 0, sizeof(*ri));
	ri->off = o;
	p = img + o;
	if (block_size - o < LGF_REC_HDR_SIZE ||
	    all_ff(p, LGF_REC_HDR_SIZE)) {
		/* Erased space ends the records; anything else is junk. */
		if (all_ff(p, block_size - o))
			return false;
		goto bad;
	}
	if (!lgf_rec_hdr_unpack(p, &ri->hdr) ||
	    ri->hdr.len > lgf_max_payload(block_size) ||
	    lgf_rec_size(ri->hdr.len) > block_size - o)
		goto bad;

	ri->size = lgf_rec_size(ri->hdr.len);
	crc_ok = lgf_crc32(0, p + LGF_REC_HDR_SIZE, ri->hdr.len) == ri->hdr.payload_crc;
	committed = get32(p + LGF_REC_COMMIT_OFF) == LGF_COMMIT;
	if (committed && get32(p + LGF_REC_DELETED_OFF) != 0xffffffffu)
		ri->status = LGF_REC_DELETED;
	else if (committed)
		ri->status = crc_ok ? LGF_REC_OK : LGF_REC_CORRUPT;
	else
		ri->status = crc_ok ? LGF_REC_UNCOMMITTED : LGF_REC_TORN;
	*off = o + ri->size;
	return true;

bad:
	memset(&ri->hdr, 0, sizeof(ri->hdr));
	ri->status = LGF_REC_BAD_HEADER;
	ri->size = block_size - o;
	*off = block_size;
	return true;
}

/* ---- the ring ---- */
static bool ring_lock(struct lgf_ring *r, bool panic)
{
	return r->ops->lock ? r->ops->lock(r->priv, panic) : true;
}

static void ring_unlock(struct lgf_ring *r)
{
	if (r->ops->unlock)
		r->ops->unlock(r->priv);
}

static void ring_event(struct lgf_ring *r, const struct lgf_event *ev)
{
	if (r->ops->event)
		r->ops->event(r->priv, ev);
}

static u64 blk_off(const struct lgf_ring *r, u32 b)
{
	return (u64)b * r->block_size;
}

static u32 ring_next(const struct lgf_ring *r, u32 b)
{
	return b + 1 < r->nblocks ? b + 1 : 0;
}

int lgf_ring_init(struct lgf_ring *r, const struct lgf_ops *ops, void *priv,
		  u32 block_size, u32 nblocks, struct lgf_block *blk,
		  u8 *scratch)
{
	if (!ops || !ops->read || !ops->program || !ops->erase || !blk ||
	    !scratch || block_size < LGF_BLOCK_MIN || block_size > LGF_BLOCK_MAX ||
	    block_size % LGF_ALIGN || nblocks < 2)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->ops = ops;
	r->priv = priv;
	r->block_size = block_size;
	r->nblocks = nblocks;
	r->blk = blk;
	r->scratch = scratch;
	r->head = LGF_NONE;
	r->next_seq = 1;
	memset(blk, 0, sizeof(*blk) * nblocks);
	return 0;
}

u32 lgf_pool_blocks(u32 block_size, u32 dump_limit)
{
	u32 cap = block_size - LGF_BLK_HDR_SIZE;

	return 2 * (dump_limit / cap) + 2;
}

/* Fill r->blk[b] from the block image in r->scratch. */
static void scan_block(struct lgf_ring *r, u32 b)
{
	struct lgf_block *k = &r->blk[b];
	struct lgf_blk_hdr h;
	struct lgf_rec_info ri;
	u32 off = LGF_BLK_HDR_SIZE;

	switch (lgf_block_kind(r->scratch, r->block_size, &h)) {
	case LGF_BLK_ERASED:
		k->state = LGF_S_ERASED;
		return;
	case LGF_BLK_DIRTY:
		k->state = LGF_S_DIRTY;
		return;
	case LGF_BLK_FORMATTED:
		break;
	}
	k->erase_count = h.erase_count;
	k->seq = h.seq;
	if (h.erase_count > r->max_erase_count)
		r->max_erase_count = h.erase_count;
	if (h.seq >= r->next_seq)
		r->next_seq = h.seq + 1;

	while (lgf_next_record(r->scratch, r->block_size, &off, &ri)) {
		if (ri.status == LGF_REC_BAD_HEADER) {
			k->closed = true;
		} else {
			if (!k->records) {
				k->first_seq = ri.hdr.seq;
				k->first_dump = ri.hdr.dump;
			}
			k->records++;
			k->last_seq = ri.hdr.seq;
			k->last_dump = ri.hdr.dump;
			if (ri.hdr.seq >= r->next_seq)
				r->next_seq = ri.hdr.seq + 1;
			if (ri.status == LGF_REC_OK)
				k->live++;
		}
		if (ri.status != LGF_REC_OK && ri.status != LGF_REC_DELETED) {
			struct lgf_event ev = {
				.kind = LGF_EV_TORN, .block = b, .off = ri.off,
				.seq = ri.hdr.seq, .status = ri.status,
			};

			k->torn++;
			ring_event(r, &ev);
		}
	}
	k->used = off;
	k->state = k->records || k->closed ? LGF_S_USED : LGF_S_FREE;
}

int lgf_attach(struct lgf_ring *r)
{
	u64 best = 0;
	u32 b, good = 0;
	int ret;

	r->head = LGF_NONE;
	for (b = 0; b < r->nblocks; b++) {
		struct lgf_block *k = &r->blk[b];
		struct lgf_event ev = { .block = b };

		memset(k, 0, sizeof(*k));
		ret = r->ops->isbad ? r->ops->isbad(r->priv, blk_off(r, b)) : 0;
		if (ret) {
			k->state = LGF_S_BAD;
			ev.kind = LGF_EV_BAD;
			ev.err = ret < 0 ? ret : 0;
			ring_event(r, &ev);
			continue;
		}
		ret = r->ops->read(r->priv, blk_off(r, b), r->scratch, r->block_size);
		if (ret) {
			k->state = LGF_S_BAD;
			ev.kind = LGF_EV_READ_ERROR;
			ev.err = ret;
			ring_event(r, &ev);
			continue;
		}
		scan_block(r, b);
		good++;
		if (k->records && (r->head == LGF_NONE || k->last_seq > best)) {
			best = k->last_seq;
			r->head = b;
		}
	}
	r->cur_dump = 0;
	r->cur_dump_bytes = 0;
	return good >= 2 ? 0 : -ENODEV;
}

u32 lgf_usable_blocks(const struct lgf_ring *r)
{
	u32 b, n = 0;

	for (b = 0; b < r->nblocks; b++)
		n += r->blk[b].state != LGF_S_BAD;
	return n;
}

/*
 * First block of the pool: the block after the head, or without a head the
 * first FREE block (else the first that is not bad). LGF_NONE if all bad.
 */
static LGF_NOTRACE u32 pool_start(const struct lgf_ring *r)
{
	u32 b, i;

	if (r->head != LGF_NONE) {
		for (i = 0, b = ring_next(r, r->head); i < r->nblocks - 1;
		     i++, b = ring_next(r, b))
			if (r->blk[b].state != LGF_S_BAD)
				return b;
		return LGF_NONE;
	}
	for (b = 0; b < r->nblocks; b++)
		if (r->blk[b].state == LGF_S_FREE)
			return b;
	for (b = 0; b < r->nblocks; b++)
		if (r->blk[b].state != LGF_S_BAD)
			return b;
	return LGF_NONE;
}

/* Walk the pool: returns its size, *frontier = the block after it. */
static u32 pool_walk(const struct lgf_ring *r, u32 *frontier)
{
	u32 b = pool_start(r), i, n = 0;

	*frontier = LGF_NONE;
	if (b == LGF_NONE)
		return 0;
	for (i = 0; i < r->nblocks; i++, b = ring_next(r, b)) {
		if (b == r->head)
			return n;
		if (r->blk[b].state == LGF_S_BAD)
			continue;
		if (r->blk[b].state != LGF_S_FREE) {
			*frontier = b;
			return n;
		}
		n++;
	}
	return n;
}

u32 lgf_pool(const struct lgf_ring *r)
{
	u32 f;

	return pool_walk(r, &f);
}

/*
 * Reserve @size bytes for a record (lock held): in the head block if it
 * fits, else in the next block, which must be FREE.
 */
static LGF_NOTRACE int reserve(struct lgf_ring *r, u32 size, u32 *bp, u32 *offp)
{
	struct lgf_block *k;
	u32 b = r->head;

	if (b != LGF_NONE) {
		k = &r->blk[b];
		if (k->state == LGF_S_USED && !k->closed &&
		    k->used <= r->block_size && size <= r->block_size - k->used)
			goto take;
	}
	b = pool_start(r);
	if (b == LGF_NONE || r->blk[b].state != LGF_S_FREE)
		return -ENOSPC;
	k = &r->blk[b];
	k->state = LGF_S_USED;
	k->used = LGF_BLK_HDR_SIZE;
	r->head = b;
take:
	*bp = b;
	*offp = k->used;
	k->used += size;
	return 0;
}

static LGF_NOTRACE void retire(struct lgf_ring *r, u32 b, u32 off, int err)
{
	struct lgf_event ev = {
		.kind = LGF_EV_RETIRED, .block = b, .off = off, .err = err,
	};

	r->blk[b].state = LGF_S_BAD;
	ring_event(r, &ev);
}

int LGF_NOTRACE lgf_append(struct lgf_ring *r, struct lgf_rec_hdr *h,
			   const void *payload, bool panic)
{
	static const u8 commit[4] = {
		LGF_COMMIT & 0xff, (LGF_COMMIT >> 8) & 0xff,
		(LGF_COMMIT >> 16) & 0xff, LGF_COMMIT >> 24,
	};
	u8 hdr[LGF_REC_HDR_SIZE];
	u32 size, b, off;
	int attempt, ret = -ENOSPC;
	u64 at;

	if (h->len > lgf_max_payload(r->block_size))
		return -E2BIG;
	size = lgf_rec_size(h->len);
	h->payload_crc = lgf_crc32(0, payload, h->len);

	for (attempt = 0; attempt < 2; attempt++) {
		struct lgf_block *k;

		if (!ring_lock(r, panic))
			return -EBUSY;
		if (h->part > 1 && r->cur_dump && r->dump_limit &&
		    r->cur_dump_bytes + size > r->dump_limit) {
			ring_unlock(r);
			return -ENOSPC;
		}
		ret = reserve(r, size, &b, &off);
		if (ret) {
			ring_unlock(r);
			return ret;
		}
		h->seq = r->next_seq++;
		if (h->part <= 1 || !r->cur_dump) {
			r->cur_dump = h->seq;
			r->cur_dump_bytes = 0;
		}
		r->cur_dump_bytes += size;
		h->dump = r->cur_dump;
		k = &r->blk[b];
		if (!k->records) {
			k->first_seq = h->seq;
			k->first_dump = h->dump;
		}
		k->records++;
		k->live++;
		k->last_seq = h->seq;
		k->last_dump = h->dump;
		ring_unlock(r);

		at = blk_off(r, b) + off;
		lgf_rec_hdr_pack(h, hdr);
		ret = r->ops->program(r->priv, at, hdr, LGF_REC_COMMIT_OFF, panic);
		if (!ret && h->len)
			ret = r->ops->program(r->priv, at + LGF_REC_HDR_SIZE,
					      payload, h->len, panic);
		if (!ret)
			ret = r->ops->program(r->priv, at + LGF_REC_COMMIT_OFF,
					      commit, sizeof(commit), panic);
		if (!ret)
			return 0;
		/* The block is gone: retire it, try the next one once. */
		if (!ring_lock(r, panic))
			return ret;
		k->live--;
		retire(r, b, off, ret);
		ring_unlock(r);
	}
	return ret;
}

/* The block holding record @seq, or LGF_NONE. */
static u32 find_block(const struct lgf_ring *r, u64 seq)
{
	u32 b;

	for (b = 0; b < r->nblocks; b++) {
		const struct lgf_block *k = &r->blk[b];

		if (k->state == LGF_S_USED && k->records &&
		    k->first_seq <= seq && seq <= k->last_seq)
			return b;
	}
	return LGF_NONE;
}

static const u8 lgf_zero4[4];

/*
 * Delete the committed records in block @b that match @seq (if nonzero)
 * or @dump (if nonzero). Returns how many, or -errno.
 */
static int delete_in_block(struct lgf_ring *r, u32 b, u64 seq, u64 dump)
{
	struct lgf_rec_info ri;
	u32 off = LGF_BLK_HDR_SIZE, n = 0;
	int ret;

	ret = r->ops->read(r->priv, blk_off(r, b), r->scratch, r->block_size);
	if (ret)
		return ret;
	while (lgf_next_record(r->scratch, r->block_size, &off, &ri)) {
		if (ri.status != LGF_REC_OK && ri.status != LGF_REC_CORRUPT)
			continue;
		if ((seq && ri.hdr.seq != seq) || (dump && ri.hdr.dump != dump))
			continue;
		ret = r->ops->program(r->priv, blk_off(r, b) + ri.off +
				      LGF_REC_DELETED_OFF, lgf_zero4,
				      sizeof(lgf_zero4), false);
		if (ret)
			return ret;
		ring_lock(r, false);
		if (ri.status == LGF_REC_OK && r->blk[b].live)
			r->blk[b].live--;
		ring_unlock(r);
		n++;
	}
	return n;
}

int lgf_unlink(struct lgf_ring *r, u64 seq)
{
	u32 b = seq ? find_block(r, seq) : LGF_NONE;
	int n;

	if (b == LGF_NONE)
		return -ENOENT;
	n = delete_in_block(r, b, seq, 0);
	if (n < 0)
		return n;
	return n ? 0 : -ENOENT;
}

/*
 * Before erasing @f with live records: its last dump may go on in the
 * blocks after it; delete those records so no dump is left without parts.
 */
static int drop_dump_tail(struct lgf_ring *r, u32 f)
{
	u64 dump = r->blk[f].last_dump;
	u32 b = f, i, n = 0;
	int ret;

	for (i = 0; i < r->nblocks; i++) {
		b = ring_next(r, b);
		if (b == f)
			break;
		if (r->blk[b].state == LGF_S_BAD)
			continue;
		if (r->blk[b].state != LGF_S_USED || !r->blk[b].records ||
		    r->blk[b].first_dump != dump)
			break;
		ret = delete_in_block(r, b, 0, dump);
		if (ret < 0)
			return ret;
		n += ret;
		if (r->blk[b].last_dump != dump)
			break;
	}
	if (n || r->blk[f].live) {
		struct lgf_event ev = {
			.kind = LGF_EV_DROPPED, .block = f, .seq = dump,
			.count = n + r->blk[f].live,
		};

		ring_event(r, &ev);
	}
	return 0;
}

int lgf_collect(struct lgf_ring *r)
{
	struct lgf_block *k;
	struct lgf_blk_hdr h;
	u8 hdr[LGF_BLK_HDR_SIZE];
	u32 f, pool, ec;
	bool erase, drop = false;
	int ret;

	ring_lock(r, false);
	pool = pool_walk(r, &f);
	if (f == LGF_NONE) {
		ring_unlock(r);
		return 0;
	}
	k = &r->blk[f];
	switch (k->state) {
	case LGF_S_ERASED:
		erase = false;
		ec = r->max_erase_count;
		break;
	case LGF_S_DIRTY:
		erase = true;
		ec = r->max_erase_count;
		break;
	case LGF_S_USED:
		if (k->live && pool >= r->pool_target) {
			ring_unlock(r);
			return 0;
		}
		drop = k->live;
		erase = true;
		ec = k->erase_count + 1;
		break;
	default:
		ring_unlock(r);
		return 0;
	}
	k->state = LGF_S_BUSY;
	ring_unlock(r);

	if (drop) {
		ret = drop_dump_tail(r, f);
		if (ret)
			goto fail;
	}
	if (erase) {
		ret = r->ops->erase(r->priv, blk_off(r, f));
		if (!ret)
			ret = r->ops->read(r->priv, blk_off(r, f), r->scratch,
					   r->block_size);
		if (!ret && !all_ff(r->scratch, r->block_size))
			ret = -EIO;
		if (ret)
			goto fail;
	}

	ring_lock(r, false);
	h.erase_count = ec;
	h.block_size = r->block_size;
	h.seq = r->next_seq++;
	ring_unlock(r);
	lgf_blk_hdr_pack(&h, hdr);
	ret = r->ops->program(r->priv, blk_off(r, f), hdr, sizeof(hdr), false);
	if (ret)
		goto fail;

	ring_lock(r, false);
	memset(k, 0, sizeof(*k));
	k->state = LGF_S_FREE;
	k->erase_count = ec;
	k->seq = h.seq;
	k->used = LGF_BLK_HDR_SIZE;
	if (ec > r->max_erase_count)
		r->max_erase_count = ec;
	ring_unlock(r);
	if (erase) {
		struct lgf_event ev = {
			.kind = LGF_EV_ERASED, .block = f, .count = ec,
		};

		ring_event(r, &ev);
	}
	return 1;

fail:
	ring_lock(r, false);
	retire(r, f, 0, ret);
	ring_unlock(r);
	return 1;
}

void lgf_stats(const struct lgf_ring *r, struct lgf_stats *s)
{
	u32 b;

	memset(s, 0, sizeof(*s));
	s->blocks = r->nblocks;
	s->ec_min = 0xffffffffu;
	for (b = 0; b < r->nblocks; b++) {
		const struct lgf_block *k = &r->blk[b];

		switch (k->state) {
		case LGF_S_BAD:
			s->bad++;
			continue;
		case LGF_S_ERASED:
			s->erased++;
			continue;
		case LGF_S_DIRTY:
			s->dirty++;
			continue;
		case LGF_S_BUSY:
			s->busy++;
			continue;
		case LGF_S_FREE:
			s->free++;
			break;
		case LGF_S_USED:
			s->used++;
			break;
		}
		s->records += k->records;
		s->live += k->live;
		s->torn += k->torn;
		if (k->erase_count < s->ec_min)
			s->ec_min = k->erase_count;
		if (k->erase_count > s->ec_max)
			s->ec_max = k->erase_count;
	}
	if (s->ec_min > s->ec_max)
		s->ec_min = 0;
	s->pool = lgf_pool(r);
}
