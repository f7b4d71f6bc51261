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
LGF_STATIC_ASSERT(LGF_MARK_CRC_LEN + 4 == LGF_MARK_HDR_SIZE, "mark entries after CRC");
LGF_STATIC_ASSERT(LGF_MARK_HDR_SIZE % 8 == 0, "mark entries aligned");
LGF_STATIC_ASSERT(LGF_PAGE_MIN >= LGF_REC_HDR_SIZE + LGF_MARK_HDR_SIZE,
		  "a page holds a record header, a mark holds entries");
LGF_STATIC_ASSERT((LGF_PAGE_MIN & (LGF_PAGE_MIN - 1)) == 0, "pages a power of 2");
LGF_STATIC_ASSERT(LGF_PAGE_MIN >= LGF_BLK_HDR_SIZE, "block header in page 0");

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
	put16(out + 4, h->page ? LGF_VERSION_PAGED : LGF_VERSION);
	put16(out + 6, LGF_BLK_HDR_SIZE);
	put32(out + 8, h->erase_count);
	put32(out + 12, h->block_size);
	put64(out + 16, h->seq);
	put32(out + 24, h->page);
	put32(out + 28, lgf_crc32(0, out, LGF_BLK_CRC_LEN));
}

bool lgf_page_ok(u32 block_size, u32 page)
{
	return page >= LGF_PAGE_MIN && page <= LGF_PAGE_MAX &&
	       !(page & (page - 1)) && block_size % page == 0 &&
	       block_size / page >= 4;
}

bool lgf_blk_hdr_unpack(const u8 *in, struct lgf_blk_hdr *h)
{
	u16 version = get16(in + 4);

	if (get32(in) != LGF_BLK_MAGIC ||
	    (version != LGF_VERSION && version != LGF_VERSION_PAGED) ||
	    get16(in + 6) != LGF_BLK_HDR_SIZE ||
	    get32(in + 28) != lgf_crc32(0, in, LGF_BLK_CRC_LEN))
		return false;
	h->erase_count = get32(in + 8);
	h->block_size = get32(in + 12);
	h->seq = get64(in + 16);
	h->page = version == LGF_VERSION_PAGED ? get32(in + 24) : 0;
	return version == LGF_VERSION || lgf_page_ok(h->block_size, h->page);
}

/* A mark page (paged variant); @n entries follow at @entries. */
static LGF_NOTRACE void mark_pack(u8 *out, u8 kind, u64 seq, u32 arg,
				  const u64 *entries, u16 n)
{
	u32 crc, i;

	put32(out, LGF_MARK_MAGIC);
	out[4] = kind;
	out[5] = 0;
	put16(out + 6, n);
	put64(out + 8, seq);
	put32(out + 16, arg);
	for (i = 0; i < n; i++)
		put64(out + LGF_MARK_HDR_SIZE + 8 * i, entries[i]);
	crc = lgf_crc32(0, out, LGF_MARK_CRC_LEN);
	crc = lgf_crc32(crc, out + LGF_MARK_HDR_SIZE, 8 * (size_t)n);
	put32(out + LGF_MARK_CRC_LEN, crc);
}

struct lgf_mark {
	u8 kind;
	u16 n;
	u64 seq;
	u32 arg;
};

/* A valid mark in the @page bytes at @in. */
static bool mark_unpack(const u8 *in, u32 page, struct lgf_mark *m)
{
	u32 crc;

	if (get32(in) != LGF_MARK_MAGIC || in[5])
		return false;
	m->kind = in[4];
	m->n = get16(in + 6);
	m->seq = get64(in + 8);
	m->arg = get32(in + 16);
	if ((m->kind != LGF_MARK_COMMIT && m->kind != LGF_MARK_DELETE) ||
	    (m->kind == LGF_MARK_COMMIT && m->n) ||
	    m->n > (page - LGF_MARK_HDR_SIZE) / 8)
		return false;
	crc = lgf_crc32(0, in, LGF_MARK_CRC_LEN);
	crc = lgf_crc32(crc, in + LGF_MARK_HDR_SIZE, 8 * (size_t)m->n);
	return get32(in + LGF_MARK_CRC_LEN) == crc;
}

u64 lgf_mark_entry(const u8 *img, const struct lgf_rec_info *ri, u32 i)
{
	return i < ri->nmarks ? get64(img + ri->off + LGF_MARK_HDR_SIZE + 8 * i) : 0;
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
	case LGF_REC_MARK:		return "delete mark";
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

static LGF_NOTRACE u32 round_page(u32 n, u32 page)
{
	return (n + page - 1) / page * page;
}

/* Bytes from @o on are no record: the rest of the block is skipped. */
static bool bad_header(struct lgf_rec_info *ri, u32 block_size, u32 o, u32 *off)
{
	memset(&ri->hdr, 0, sizeof(ri->hdr));
	ri->status = LGF_REC_BAD_HEADER;
	ri->size = block_size - o;
	*off = block_size;
	return true;
}

/* The paged variant of lgf_next_record(). */
static bool next_paged(const u8 *img, u32 block_size, u32 page, u32 *off,
		       struct lgf_rec_info *ri)
{
	u32 o = *off < page ? page : round_page(*off, page), rsize;
	struct lgf_mark m;
	const u8 *p;
	bool crc_ok, committed;

	/*
	 * Skip blank pages: space reserved for a record never written; only
	 * blank pages up to the block's end close the records.
	 */
	while (o < block_size && block_size - o >= page && all_ff(img + o, page))
		o += page;
	if (o >= block_size || block_size - o < page)
		return false;
	memset(ri, 0, sizeof(*ri));
	ri->off = o;
	p = img + o;
	if (lgf_rec_hdr_unpack(p, &ri->hdr) &&
	    ri->hdr.len <= block_size - 2 * page - LGF_REC_HDR_SIZE) {
		rsize = round_page(LGF_REC_HDR_SIZE + ri->hdr.len, page);
		if (rsize + page > block_size - o)
			goto bad;
		crc_ok = lgf_crc32(0, p + LGF_REC_HDR_SIZE, ri->hdr.len) ==
			 ri->hdr.payload_crc;
		committed = mark_unpack(p + rsize, page, &m) &&
			    m.kind == LGF_MARK_COMMIT && m.seq == ri->hdr.seq &&
			    m.arg == ri->hdr.payload_crc;
		if (committed)
			ri->status = crc_ok ? LGF_REC_OK : LGF_REC_CORRUPT;
		else
			ri->status = crc_ok ? LGF_REC_UNCOMMITTED : LGF_REC_TORN;
		ri->size = rsize + (committed ? page : 0);
		*off = o + ri->size;
		return true;
	}
	if (mark_unpack(p, page, &m) && m.kind == LGF_MARK_DELETE) {
		memset(&ri->hdr, 0, sizeof(ri->hdr));
		ri->hdr.seq = m.seq;
		ri->status = LGF_REC_MARK;
		ri->nmarks = m.n;
		ri->size = page;
		*off = o + page;
		return true;
	}
bad:
	/* junk, a torn page, or a commit mark without its record */
	return bad_header(ri, block_size, o, off);
}

bool lgf_next_record(const u8 *img, u32 block_size, u32 page, u32 *off,
		     struct lgf_rec_info *ri)
{
	u32 o = *off < LGF_BLK_HDR_SIZE ? LGF_BLK_HDR_SIZE : lgf_align(*off);
	const u8 *p;
	bool crc_ok, committed;

	if (page)
		return lgf_page_ok(block_size, page) &&
		       next_paged(img, block_size, page, off, ri);
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
	return bad_header(ri, block_size, o, off);
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

/* Where records start in a block. */
static LGF_NOTRACE u32 first_off(const struct lgf_ring *r)
{
	return r->page ? r->page : LGF_BLK_HDR_SIZE;
}

u32 LGF_NOTRACE lgf_ring_rec_size(const struct lgf_ring *r, u32 len)
{
	if (!r->page)
		return lgf_rec_size(len);
	/* header and payload in whole pages, then the commit page */
	return round_page(LGF_REC_HDR_SIZE + len, r->page) + r->page;
}

u32 LGF_NOTRACE lgf_ring_max_payload(const struct lgf_ring *r)
{
	if (!r->page)
		return lgf_max_payload(r->block_size);
	return r->block_size - 2 * r->page - LGF_REC_HDR_SIZE;
}

u32 lgf_dead_cap(u32 block_size, u32 page, u32 nblocks)
{
	/* a record takes two pages at least; page 0 holds the header */
	u64 n = page ? (u64)nblocks * ((block_size / page - 1) / 2) : 0;

	return n > 0xffffffffu ? 0xffffffffu : (u32)n;
}

int lgf_ring_set_paged(struct lgf_ring *r, u32 page, u8 *pagebuf, u64 *dead,
		       u32 dead_cap)
{
	if (!lgf_page_ok(r->block_size, page) || !pagebuf || !dead ||
	    dead_cap < lgf_dead_cap(r->block_size, page, r->nblocks))
		return -EINVAL;
	r->page = page;
	r->pagebuf = pagebuf;
	r->dead = dead;
	r->dead_cap = dead_cap;
	r->ndead = 0;
	return 0;
}

/* ---- the dead set (paged): sorted seqs named by delete marks ---- */

/* Index of the first entry >= @seq. */
static u32 dead_lower(const struct lgf_ring *r, u64 seq)
{
	u32 lo = 0, hi = r->ndead;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (r->dead[mid] < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool dead_has(const struct lgf_ring *r, u64 seq)
{
	u32 i = dead_lower(r, seq);

	return i < r->ndead && r->dead[i] == seq;
}

/* Add @seq; false if the set is full (or @seq already there). */
static bool dead_add(struct lgf_ring *r, u64 seq)
{
	u32 i = dead_lower(r, seq);

	if ((i < r->ndead && r->dead[i] == seq) || r->ndead >= r->dead_cap)
		return false;
	memmove(r->dead + i + 1, r->dead + i, (r->ndead - i) * sizeof(*r->dead));
	r->dead[i] = seq;
	r->ndead++;
	return true;
}

/* Forget the entries in [@lo, @hi] (their block was erased). */
static void dead_prune(struct lgf_ring *r, u64 lo, u64 hi)
{
	u32 a = dead_lower(r, lo), b = a;

	while (b < r->ndead && r->dead[b] <= hi)
		b++;
	memmove(r->dead + a, r->dead + b, (r->ndead - b) * sizeof(*r->dead));
	r->ndead -= b - a;
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

u32 lgf_pool_blocks(u32 block_size, u32 page, u32 dump_limit)
{
	u32 cap = block_size - (page ? page : LGF_BLK_HDR_SIZE);

	return 2 * (dump_limit / cap) + 2;
}

/* Fill r->blk[b] from the block image in r->scratch. */
static void scan_block(struct lgf_ring *r, u32 b)
{
	struct lgf_block *k = &r->blk[b];
	struct lgf_blk_hdr h;
	struct lgf_rec_info ri;
	u32 off = first_off(r);

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
	if (h.page != r->page) {
		/* formatted for the other variant or another page size */
		k->state = LGF_S_DIRTY;
		return;
	}
	k->erase_count = h.erase_count;
	k->seq = h.seq;
	if (h.erase_count > r->max_erase_count)
		r->max_erase_count = h.erase_count;
	if (h.seq >= r->next_seq)
		r->next_seq = h.seq + 1;

	while (lgf_next_record(r->scratch, r->block_size, r->page, &off, &ri)) {
		if (ri.status == LGF_REC_BAD_HEADER) {
			k->closed = true;
		} else {
			if (!k->records && !k->marks)
				k->first_seq = ri.hdr.seq;
			k->last_seq = ri.hdr.seq;
			if (ri.hdr.seq >= r->next_seq)
				r->next_seq = ri.hdr.seq + 1;
		}
		if (ri.status == LGF_REC_MARK) {
			k->marks++;
			continue;
		}
		if (ri.status != LGF_REC_BAD_HEADER) {
			if (!k->records)
				k->first_dump = ri.hdr.dump;
			k->records++;
			k->last_dump = ri.hdr.dump;
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
	k->state = k->records || k->marks || k->closed ? LGF_S_USED : LGF_S_FREE;
}

static u32 find_block(const struct lgf_ring *r, u64 seq);

bool lgf_rec_visible(const struct lgf_ring *r, const struct lgf_rec_hdr *h)
{
	if (!r->page)
		return true;
	return !dead_has(r, h->seq) && find_block(r, h->dump) != LGF_NONE;
}

/*
 * Paged, after every block was scanned: collect the delete marks' entries
 * that name records still on flash into the dead set, then recount the
 * live records of the blocks holding deleted records or records whose
 * dump's first record is gone.
 */
static void attach_paged(struct lgf_ring *r)
{
	struct lgf_rec_info ri;
	u32 b, off, i;

	for (b = 0; b < r->nblocks; b++) {
		if (r->blk[b].state != LGF_S_USED || !r->blk[b].marks ||
		    r->ops->read(r->priv, blk_off(r, b), r->scratch, r->block_size))
			continue;
		off = r->page;
		while (lgf_next_record(r->scratch, r->block_size, r->page, &off, &ri)) {
			if (ri.status != LGF_REC_MARK)
				continue;
			for (i = 0; i < ri.nmarks; i++) {
				u64 seq = lgf_mark_entry(r->scratch, &ri, i);

				if (find_block(r, seq) != LGF_NONE)
					dead_add(r, seq);
			}
		}
	}
	for (b = 0; b < r->nblocks; b++) {
		struct lgf_block *k = &r->blk[b];
		u32 d = dead_lower(r, k->first_seq);

		if (k->state != LGF_S_USED || !k->records ||
		    ((d >= r->ndead || r->dead[d] > k->last_seq) &&
		     find_block(r, k->first_dump) != LGF_NONE))
			continue;
		if (r->ops->read(r->priv, blk_off(r, b), r->scratch, r->block_size))
			continue;
		k->live = 0;
		off = r->page;
		while (lgf_next_record(r->scratch, r->block_size, r->page, &off, &ri))
			k->live += ri.status == LGF_REC_OK &&
				   lgf_rec_visible(r, &ri.hdr);
	}
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
		if ((k->records || k->marks) &&
		    (r->head == LGF_NONE || k->last_seq > best)) {
			best = k->last_seq;
			r->head = b;
		}
	}
	r->ndead = 0;
	if (r->page)
		attach_paged(r);
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
	k->used = first_off(r);
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

/*
 * Process context, lock not held: a retired block is marked bad on the
 * media too where the device keeps bad blocks (NAND), so that it stays
 * out of the ring after a reboot.
 */
static void mark_bad(struct lgf_ring *r, u32 b)
{
	if (r->ops->markbad)
		r->ops->markbad(r->priv, blk_off(r, b));
}

/*
 * Paged: program the record (@hdr, @payload) at @at as whole pages built in
 * @buf, in order, then its commit page.
 */
static LGF_NOTRACE int program_paged(struct lgf_ring *r, u64 at, const u8 *hdr,
				     const struct lgf_rec_hdr *h,
				     const u8 *payload, bool panic)
{
	u32 page = r->page, total = LGF_REC_HDR_SIZE + h->len, pos;
	u8 *buf = r->pagebuf + (panic ? page : 0);
	int ret;

	for (pos = 0; pos < total; pos += page) {
		u32 n = 0, take;

		if (pos < LGF_REC_HDR_SIZE) {
			memcpy(buf, hdr + pos, LGF_REC_HDR_SIZE - pos);
			n = LGF_REC_HDR_SIZE - pos;
		}
		take = total - pos - n < page - n ? total - pos - n : page - n;
		if (take)
			memcpy(buf + n, payload + pos + n - LGF_REC_HDR_SIZE, take);
		n += take;
		memset(buf + n, 0xff, page - n);
		ret = r->ops->program(r->priv, at + pos, buf, page, panic);
		if (ret)
			return ret;
	}
	memset(buf, 0xff, page);
	mark_pack(buf, LGF_MARK_COMMIT, h->seq, h->payload_crc, NULL, 0);
	return r->ops->program(r->priv, at + pos, buf, page, panic);
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

	if (h->len > lgf_ring_max_payload(r))
		return -E2BIG;
	size = lgf_ring_rec_size(r, h->len);
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
		if (r->page) {
			ret = program_paged(r, at, hdr, h, payload, panic);
		} else {
			ret = r->ops->program(r->priv, at, hdr, LGF_REC_COMMIT_OFF,
					      panic);
			if (!ret && h->len)
				ret = r->ops->program(r->priv, at + LGF_REC_HDR_SIZE,
						      payload, h->len, panic);
			if (!ret)
				ret = r->ops->program(r->priv, at + LGF_REC_COMMIT_OFF,
						      commit, sizeof(commit), panic);
		}
		if (!ret)
			return 0;
		/* The block is gone: retire it, try the next one once. */
		if (!ring_lock(r, panic))
			return ret;
		k->live--;
		retire(r, b, off, ret);
		ring_unlock(r);
		if (!panic)
			mark_bad(r, b);
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
	u32 off = first_off(r), n = 0;
	int ret;

	ret = r->ops->read(r->priv, blk_off(r, b), r->scratch, r->block_size);
	if (ret)
		return ret;
	while (lgf_next_record(r->scratch, r->block_size, r->page, &off, &ri)) {
		if (ri.status != LGF_REC_OK && ri.status != LGF_REC_CORRUPT)
			continue;
		if ((seq && ri.hdr.seq != seq) || (dump && ri.hdr.dump != dump))
			continue;
		if (r->page) {
			/*
			 * Paged: only a dump's tail goes this way, and needs
			 * no mark: once the block holding its first record
			 * is erased (or busy being erased),
			 * lgf_rec_visible() hides the rest.
			 */
			if (ri.status != LGF_REC_OK || dead_has(r, ri.hdr.seq))
				continue;
			ring_lock(r, false);
			if (r->blk[b].live)
				r->blk[b].live--;
			ring_unlock(r);
			n++;
			continue;
		}
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

/*
 * Paged: append a delete mark naming @seq (a page of its own at the head),
 * then count it dead. The record must be OK and not deleted yet. One whose
 * dump's first record went since it was listed (the collector erased that
 * block) is hidden already: it needs no mark, only to stop counting live.
 */
static int unlink_paged(struct lgf_ring *r, u32 b, u64 seq)
{
	struct lgf_rec_info ri;
	u32 off = r->page, mb, moff;
	bool found = false;
	int attempt, ret;

	ret = r->ops->read(r->priv, blk_off(r, b), r->scratch, r->block_size);
	if (ret)
		return ret;
	while (!found &&
	       lgf_next_record(r->scratch, r->block_size, r->page, &off, &ri))
		found = ri.status == LGF_REC_OK && ri.hdr.seq == seq &&
			!dead_has(r, seq);
	if (!found)
		return -ENOENT;
	if (!lgf_rec_visible(r, &ri.hdr)) {
		ring_lock(r, false);
		if (dead_add(r, seq) && r->blk[b].live)
			r->blk[b].live--;
		ring_unlock(r);
		return 0;
	}
	if (r->ndead >= r->dead_cap)
		return -ENOSPC;

	for (attempt = 0; attempt < 2; attempt++) {
		struct lgf_block *k;
		u64 mseq;

		ring_lock(r, false);
		ret = reserve(r, r->page, &mb, &moff);
		if (ret) {
			ring_unlock(r);
			return ret;
		}
		mseq = r->next_seq++;
		k = &r->blk[mb];
		if (!k->records && !k->marks)
			k->first_seq = mseq;
		k->last_seq = mseq;
		k->marks++;
		ring_unlock(r);

		memset(r->pagebuf, 0xff, r->page);
		mark_pack(r->pagebuf, LGF_MARK_DELETE, mseq, 0, &seq, 1);
		ret = r->ops->program(r->priv, blk_off(r, mb) + moff, r->pagebuf,
				      r->page, false);
		if (!ret)
			break;
		ring_lock(r, false);
		retire(r, mb, moff, ret);
		ring_unlock(r);
		mark_bad(r, mb);
	}
	if (ret)
		return ret;
	ring_lock(r, false);
	dead_add(r, seq);
	if (r->blk[b].live)
		r->blk[b].live--;
	ring_unlock(r);
	return 0;
}

int lgf_unlink(struct lgf_ring *r, u64 seq)
{
	u32 b = seq ? find_block(r, seq) : LGF_NONE;
	int n;

	if (b == LGF_NONE)
		return -ENOENT;
	if (r->page)
		return unlink_paged(r, b, seq);
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
	h.page = r->page;
	ring_unlock(r);
	lgf_blk_hdr_pack(&h, hdr);
	if (r->page) {
		/* the header page: the header, then 0xFF */
		memset(r->pagebuf, 0xff, r->page);
		memcpy(r->pagebuf, hdr, sizeof(hdr));
		ret = r->ops->program(r->priv, blk_off(r, f), r->pagebuf,
				      r->page, false);
	} else {
		ret = r->ops->program(r->priv, blk_off(r, f), hdr, sizeof(hdr),
				      false);
	}
	if (ret)
		goto fail;

	ring_lock(r, false);
	if (r->page && (k->records || k->marks))
		dead_prune(r, k->first_seq, k->last_seq);
	memset(k, 0, sizeof(*k));
	k->state = LGF_S_FREE;
	k->erase_count = ec;
	k->seq = h.seq;
	k->used = first_off(r);
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
	if (r->page && (k->records || k->marks))
		dead_prune(r, k->first_seq, k->last_seq);
	retire(r, f, 0, ret);
	ring_unlock(r);
	mark_bad(r, f);
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
