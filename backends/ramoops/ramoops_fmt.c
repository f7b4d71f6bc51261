// SPDX-License-Identifier: GPL-2.0-only
/*
 * ramoops on-media format, shared by the kernel module, the unit tests and
 * ramoops-decode. See ramoops_fmt.h for the layout. Nothing here sleeps,
 * allocates or takes a lock; the writers run in panic context.
 */
#include "ramoops_fmt.h"

/* ---------------------------------------------------------------- CRC32 */

static const u32 crc32_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

/* Half-byte table: 64 bytes of table, fast enough for a 100 KiB panic dump. */
u32 RMO_NOTRACE rmo_crc32(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
		crc = (crc >> 4) ^ crc32_nibble[crc & 15];
	}
	return ~crc;
}

/* ------------------------------------------------------ little helpers */

static inline void put_le16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static inline void put_le32(u8 *p, u32 v)
{
	put_le16(p, (u16)v);
	put_le16(p + 2, (u16)(v >> 16));
}

static inline void put_le64(u8 *p, u64 v)
{
	put_le32(p, (u32)v);
	put_le32(p + 4, (u32)(v >> 32));
}

static inline u16 get_le16(const u8 *p)
{
	return (u16)(p[0] | (p[1] << 8));
}

static inline u32 get_le32(const u8 *p)
{
	return get_le16(p) | ((u32)get_le16(p + 2) << 16);
}

static inline u64 get_le64(const u8 *p)
{
	return get_le32(p) | ((u64)get_le32(p + 4) << 32);
}

static inline bool is_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

static inline u64 rounddown_pow2(u64 v)
{
	while (v & (v - 1))
		v &= v - 1;
	return v;
}

/* A bounded string builder with snprintf's return convention. */
struct rmo_out {
	char *buf;
	size_t n;
	size_t len;
};

static void RMO_NOTRACE out_ch(struct rmo_out *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static void RMO_NOTRACE out_str(struct rmo_out *o, const char *s)
{
	while (*s)
		out_ch(o, *s++);
}

static void RMO_NOTRACE out_u64(struct rmo_out *o, u64 v, int min_digits)
{
	char tmp[20];
	int i = 0;

	do {
		tmp[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i < (int)sizeof(tmp));
	while (i < min_digits && i < (int)sizeof(tmp))
		tmp[i++] = '0';
	while (i)
		out_ch(o, tmp[--i]);
}

static void out_hex32(struct rmo_out *o, u32 v)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	out_str(o, "0x");
	for (i = 28; i >= 0; i -= 4)
		out_ch(o, hex[(v >> i) & 15]);
}

static size_t RMO_NOTRACE out_end(struct rmo_out *o)
{
	if (o->n)
		o->buf[o->len < o->n ? o->len : o->n - 1] = '\0';
	return o->len;
}

/* --------------------------------------------------------------- layout */

int rmo_layout_compute(const struct rmo_layout_req *req, struct rmo_layout *l,
		       const char **why)
{
	u64 extra, dump_mem;

	memset(l, 0, sizeof(*l));
	l->record_size = req->record_size;
	l->console_size = req->console_size;
	l->pmsg_size = req->pmsg_size;
	l->ftrace_size = req->ftrace_size;

	if (!req->mem_size) {
		*why = "mem_size is 0";
		return -EINVAL;
	}
	if (!l->record_size && !l->console_size && !l->pmsg_size &&
	    !l->ftrace_size) {
		*why = "record_size, console_size, pmsg_size and ftrace_size are all 0";
		return -EINVAL;
	}

	/* Upstream rounds each size down to a power of two: so do we. */
	if (l->record_size && !is_pow2(l->record_size)) {
		l->record_size = rounddown_pow2(l->record_size);
		l->rounded |= RMO_ROUNDED_RECORD;
	}
	if (l->console_size && !is_pow2(l->console_size)) {
		l->console_size = rounddown_pow2(l->console_size);
		l->rounded |= RMO_ROUNDED_CONSOLE;
	}
	if (l->pmsg_size && !is_pow2(l->pmsg_size)) {
		l->pmsg_size = rounddown_pow2(l->pmsg_size);
		l->rounded |= RMO_ROUNDED_PMSG;
	}
	if (l->ftrace_size && !is_pow2(l->ftrace_size)) {
		l->ftrace_size = rounddown_pow2(l->ftrace_size);
		l->rounded |= RMO_ROUNDED_FTRACE;
	}

	extra = l->console_size + l->pmsg_size + l->ftrace_size;
	if (extra > req->mem_size ||
	    extra < l->console_size /* overflow */) {
		*why = "console_size + pmsg_size + ftrace_size exceed mem_size";
		return -EINVAL;
	}
	dump_mem = req->mem_size - extra;

	if (l->record_size) {
		u64 cnt = dump_mem / l->record_size;

		if (!cnt) {
			*why = "no room for one dmesg record after the console, pmsg, ftrace zones";
			return -EINVAL;
		}
		if (cnt > 0xffff) {
			*why = "more than 65535 dmesg records: raise record_size";
			return -EINVAL;
		}
		l->dmesg_cnt = (unsigned int)cnt;
		/* the dmesg area is split evenly, size kept even (upstream) */
		l->dmesg_zone_size = (dump_mem / cnt) & ~(u64)1;
	}

	l->console_off = l->dmesg_cnt * l->dmesg_zone_size;
	if (req->legacy_order) {
		l->ftrace_off = l->console_off + l->console_size;
		l->pmsg_off = l->ftrace_off + l->ftrace_size;
	} else {
		l->pmsg_off = l->console_off + l->console_size;
		l->ftrace_off = l->pmsg_off + l->pmsg_size;
	}
	return 0;
}

/* ------------------------------------------------------------- geometry */

int rmo_geom_init(struct rmo_geom *g, size_t zone_size, size_t ecc_size,
		  size_t block_size, const char **why)
{
	size_t data0, total;

	memset(g, 0, sizeof(*g));
	g->zone_size = zone_size;
	if (zone_size <= RMO_ZONE_HDR_SIZE) {
		*why = "zone smaller than its header";
		return -EINVAL;
	}
	if (zone_size > 0x7fffffff) {
		*why = "zone larger than 2 GiB";
		return -EINVAL;
	}
	data0 = zone_size - RMO_ZONE_HDR_SIZE;
	g->data_size = data0;
	g->par_off = zone_size;
	g->hdr_par_off = zone_size;
	if (!ecc_size)
		return 0;

	if (!block_size)
		block_size = RMO_ECC_BLOCK_DEFAULT;
	if (ecc_size > RS8_MAX_ROOTS) {
		*why = "ecc larger than 128 parity bytes";
		return -EINVAL;
	}
	if (block_size + ecc_size > RS8_NN) {
		*why = "ecc block size + parity exceed the 255-byte Reed-Solomon codeword";
		return -EINVAL;
	}
	if (data0 <= ecc_size) {
		*why = "ecc parity does not fit in the zone";
		return -EINVAL;
	}
	g->ecc_size = ecc_size;
	g->block_size = block_size;
	g->ecc_blocks = (data0 - ecc_size + block_size + ecc_size - 1) /
			(block_size + ecc_size);
	total = (g->ecc_blocks + 1) * ecc_size;
	if (total >= data0) {
		*why = "ecc parity takes the whole zone";
		return -EINVAL;
	}
	g->data_size = data0 - total;
	g->par_off = RMO_ZONE_HDR_SIZE + g->data_size;
	g->hdr_par_off = g->par_off + g->ecc_blocks * ecc_size;
	return 0;
}

/* --------------------------------------------------------- zone header */

void RMO_NOTRACE rmo_hdr_get(const u8 *zone, struct rmo_zone_hdr *h)
{
	/* native endian, like the atomic_t fields upstream stores */
	memcpy(&h->sig, zone, 4);
	memcpy(&h->start, zone + 4, 4);
	memcpy(&h->size, zone + 8, 4);
}

/* ---------------------------------------------------------------- write */

static void RMO_NOTRACE zone_hdr_ecc(const struct rmo_zone *z)
{
	u8 par[RS8_MAX_ROOTS];

	if (!z->rs)
		return;
	rs8_encode(z->rs, z->mem, RMO_ZONE_HDR_SIZE, par);
	rmo_media_copy(z->mem + z->g->hdr_par_off, par, z->g->ecc_size);
}

static void RMO_NOTRACE zone_hdr_put(const struct rmo_zone *z, u32 start,
				     u32 size)
{
	u8 v[8];

	memcpy(v, &start, 4);
	memcpy(v + 4, &size, 4);
	rmo_media_copy(z->mem + 4, v, sizeof(v));
	zone_hdr_ecc(z);
}

/* Re-encode the parity of the data blocks covering [off, off + len). */
static void RMO_NOTRACE zone_data_ecc(const struct rmo_zone *z, size_t off,
				      size_t len)
{
	const struct rmo_geom *g = z->g;
	u8 par[RS8_MAX_ROOTS];
	size_t b, last;

	if (!z->rs || !g->data_size)
		return;
	if (!len)
		len = 1;
	b = off / g->block_size;
	last = (off + len - 1) / g->block_size;
	for (; b <= last && b < g->ecc_blocks; b++) {
		size_t bo = b * g->block_size;
		size_t bl = g->data_size - bo < g->block_size ?
			    g->data_size - bo : g->block_size;

		rs8_encode(z->rs, z->mem + RMO_ZONE_HDR_SIZE + bo, bl, par);
		rmo_media_copy(z->mem + g->par_off + b * g->ecc_size, par,
			       g->ecc_size);
	}
}

static void RMO_NOTRACE zone_data_put(const struct rmo_zone *z, size_t off,
				      const void *buf, size_t len)
{
	rmo_media_copy(z->mem + RMO_ZONE_HDR_SIZE + off, buf, len);
	zone_data_ecc(z, off, len);
}

void RMO_NOTRACE rmo_zone_reset(const struct rmo_zone *z)
{
	rmo_media_copy(z->mem, &z->sig, 4);
	zone_hdr_put(z, 0, 0);
}

void RMO_NOTRACE rmo_ring_write(const struct rmo_zone *z, const void *buf,
				size_t len)
{
	size_t cap = z->g->data_size, start, first;
	const u8 *p = buf;
	struct rmo_zone_hdr h;
	u64 size;

	if (!cap || !len)
		return;
	rmo_hdr_get(z->mem, &h);
	if (len > cap) {
		p += len - cap;
		len = cap;
	}
	start = h.start < cap ? h.start : 0;
	first = cap - start < len ? cap - start : len;
	zone_data_put(z, start, p, first);
	if (len > first)
		zone_data_put(z, 0, p + first, len - first);

	size = (u64)h.size + len;
	if (size > cap)
		size = cap;
	zone_hdr_put(z, (u32)((start + len) % cap), (u32)size);
}

void RMO_NOTRACE rmo_dmesg_begin(const struct rmo_zone *z,
				 const struct rmo_trailer *t)
{
	size_t cap = rmo_dmesg_capacity(z->g);
	u8 tb[RMO_TRAILER_SIZE];

	rmo_zone_reset(z);
	rmo_wmb();
	rmo_trailer_pack(t, tb);
	zone_data_put(z, cap, tb, sizeof(tb));
	rmo_wmb();
	/* record bytes never reach the trailer, so the ring does not wrap */
	zone_hdr_put(z, t->rec_len, t->rec_len);
	rmo_wmb();
}

void RMO_NOTRACE rmo_dmesg_fill(const struct rmo_zone *z, size_t off,
				const void *buf, size_t len)
{
	size_t cap = rmo_dmesg_capacity(z->g);

	if (off >= cap)
		return;
	if (len > cap - off)
		len = cap - off;
	zone_data_put(z, off, buf, len);
}

void rmo_dmesg_clear_trailer(const struct rmo_zone *z)
{
	u8 zero[RMO_TRAILER_SIZE] = { 0 };

	if (rmo_dmesg_capacity(z->g))
		zone_data_put(z, rmo_dmesg_capacity(z->g), zero, sizeof(zero));
}

/* CRC32 of bytes [from, to) of the concatenation a + b, clamped. */
static u32 RMO_NOTRACE crc_span(const void *a, size_t alen, const void *b,
				size_t blen, size_t from, size_t to)
{
	u32 crc = 0;

	if (to > alen + blen)
		to = alen + blen;
	if (from >= to)
		return 0;
	if (from < alen) {
		size_t end = to < alen ? to : alen;

		crc = rmo_crc32(crc, (const u8 *)a + from, end - from);
		from = end;
	}
	if (from < to)
		crc = rmo_crc32(crc, (const u8 *)b + (from - alen), to - from);
	return crc;
}

size_t RMO_NOTRACE rmo_dmesg_write(const struct rmo_zone *z, s64 sec,
				   u32 nsec, bool compressed,
				   const void *body, size_t len)
{
	size_t cap = rmo_dmesg_capacity(z->g);
	char line[RMO_DMESG_HDR_MAX];
	struct rmo_trailer t;
	size_t hl;
	int i;

	hl = rmo_dmesg_hdr_format(line, sizeof(line), sec, nsec, compressed);
	if (!hl || hl > cap)
		return 0;
	if (len > cap - hl)
		len = cap - hl;

	memset(&t, 0, sizeof(t));
	t.version = RMO_TRAILER_VERSION;
	t.flags = compressed ? RMO_TRAILER_F_COMPRESSED : 0;
	t.rec_len = (u32)(hl + len);
	t.hdr_crc = rmo_crc32(0, line, hl);
	t.rec_crc = rmo_crc32(t.hdr_crc, body, len);
	t.hdr_len = (u32)hl;
	t.chunk_size = rmo_chunk_size(t.rec_len);
	for (i = 0; i < RMO_TRAILER_CHUNKS; i++)
		t.chunk_crc[i] = crc_span(line, hl, body, len,
					  (size_t)i * t.chunk_size,
					  (size_t)(i + 1) * t.chunk_size);
	t.sec = sec;
	t.nsec = nsec;

	rmo_dmesg_begin(z, &t);
	rmo_dmesg_fill(z, 0, line, hl);
	rmo_dmesg_fill(z, hl, body, len);
	rmo_wmb();
	return len;
}

/* ----------------------------------------------------------------- read */

void rmo_zone_ecc_range(const struct rmo_geom *g, const struct rs8 *rs,
			struct rs8_work *w, u8 *copy, size_t from, size_t to,
			u32 *corrected, u32 *bad_blocks)
{
	size_t b, last;

	if (!rs || !g->ecc_size || from >= to || from >= g->data_size)
		return;
	if (to > g->data_size)
		to = g->data_size;
	b = from / g->block_size;
	last = (to - 1) / g->block_size;
	for (; b <= last && b < g->ecc_blocks; b++) {
		size_t bo = b * g->block_size;
		size_t bl = g->data_size - bo < g->block_size ?
			    g->data_size - bo : g->block_size;
		int r = rs8_decode(rs, w, copy + RMO_ZONE_HDR_SIZE + bo, bl,
				   copy + g->par_off + b * g->ecc_size);

		if (r > 0)
			*corrected += r;
		else if (r < 0)
			(*bad_blocks)++;
	}
}

void rmo_zone_inspect(const struct rmo_geom *g, const struct rs8 *rs,
		      struct rs8_work *w, u8 *copy, u32 sig,
		      struct rmo_zone_info *zi)
{
	memset(zi, 0, sizeof(*zi));
	if (rs && g->ecc_size) {
		zi->hdr_ecc = rs8_decode(rs, w, copy, RMO_ZONE_HDR_SIZE,
					 copy + g->hdr_par_off);
		if (zi->hdr_ecc > 0)
			zi->ecc_corrected += zi->hdr_ecc;
		else if (zi->hdr_ecc < 0)
			zi->ecc_bad_blocks++;
	}
	rmo_hdr_get(copy, &zi->hdr);

	if (zi->hdr.sig != sig) {
		zi->state = RMO_ZONE_BAD_SIG;
		return;
	}
	if (!zi->hdr.size && !zi->hdr.start) {
		zi->state = RMO_ZONE_EMPTY;
		return;
	}
	if (zi->hdr.size > g->data_size || zi->hdr.start > zi->hdr.size ||
	    zi->hdr.start >= g->data_size) {
		zi->state = RMO_ZONE_BAD_HDR;
		return;
	}
	rmo_zone_ecc_range(g, rs, w, copy, 0, zi->hdr.size,
			   &zi->ecc_corrected, &zi->ecc_bad_blocks);
	zi->state = RMO_ZONE_VALID;
}

size_t rmo_zone_linearize(const struct rmo_geom *g, const u8 *copy,
			  const struct rmo_zone_info *zi, u8 *out)
{
	const u8 *data = copy + RMO_ZONE_HDR_SIZE;
	size_t start = zi->hdr.start, size = zi->hdr.size;

	(void)g;
	if (zi->state != RMO_ZONE_VALID)
		return 0;
	/* oldest byte is at start once the ring wrapped, else at 0 */
	memcpy(out, data + start, size - start);
	memcpy(out + size - start, data, start);
	return size;
}

/* ------------------------------------------------------ dmesg header line */

size_t RMO_NOTRACE rmo_dmesg_hdr_format(char *buf, size_t n, s64 sec,
					u32 nsec, bool compressed)
{
	struct rmo_out o = { buf, n, 0 };

	out_str(&o, RMO_DMESG_MAGIC);
	if (sec < 0) {
		out_ch(&o, '-');
		out_u64(&o, (u64)0 - (u64)sec, 1);
	} else {
		out_u64(&o, (u64)sec, 1);
	}
	out_ch(&o, '.');
	/* microseconds, 6 digits: what upstream writes and parses (x1000) */
	out_u64(&o, (nsec % 1000000000u) / 1000, 6);
	out_ch(&o, '-');
	out_ch(&o, compressed ? 'C' : 'D');
	out_ch(&o, '\n');
	if (o.len >= n)
		return 0;
	return out_end(&o);
}

static size_t parse_u64(const u8 *p, size_t len, u64 *v)
{
	size_t i = 0;

	*v = 0;
	while (i < len && p[i] >= '0' && p[i] <= '9') {
		if (*v > (~(u64)0 - 9) / 10)
			return 0;
		*v = *v * 10 + (p[i] - '0');
		i++;
	}
	return i;
}

size_t rmo_dmesg_hdr_parse(const u8 *buf, size_t len, s64 *sec, u32 *nsec,
			   bool *compressed)
{
	size_t i = 4, k;
	bool neg = false;
	u64 s, f;

	if (len < 4 || memcmp(buf, RMO_DMESG_MAGIC, 4))
		return 0;
	if (i < len && buf[i] == '-') {
		neg = true;
		i++;
	}
	k = parse_u64(buf + i, len - i, &s);
	if (!k || s > 0x7fffffffffffffffull)
		return 0;
	i += k;
	if (i >= len || buf[i++] != '.')
		return 0;
	k = parse_u64(buf + i, len - i, &f);
	if (!k)
		return 0;
	i += k;

	*compressed = false;
	if (i + 2 < len && buf[i] == '-' && buf[i + 2] == '\n') {
		*compressed = buf[i + 1] == 'C';
		i += 3;
	} else if (i < len && buf[i] == '\n') {
		i++;	/* older kernels wrote no type */
	} else {
		return 0;
	}

	*sec = neg ? -(s64)s : (s64)s;
	/*
	 * Upstream writes microseconds and multiplies what it reads by 1000.
	 * A value too large for microseconds is taken as nanoseconds.
	 */
	if (f < 1000000)
		*nsec = (u32)(f * 1000);
	else if (f < 1000000000)
		*nsec = (u32)f;
	else
		*nsec = 0;
	return i;
}

/* ------------------------------------------------------------- trailer */

void RMO_NOTRACE rmo_trailer_pack(const struct rmo_trailer *t, u8 *out)
{
	int i;

	put_le32(out + 0, RMO_TRAILER_MAGIC);
	out[4] = t->version;
	out[5] = t->flags;
	put_le16(out + 6, RMO_TRAILER_SIZE);
	put_le32(out + 8, t->rec_len);
	put_le32(out + 12, t->rec_crc);
	put_le32(out + 16, t->hdr_crc);
	put_le32(out + 20, t->hdr_len);
	put_le64(out + 24, (u64)t->sec);
	put_le32(out + 32, t->nsec);
	put_le32(out + 36, t->chunk_size);
	for (i = 0; i < RMO_TRAILER_CHUNKS; i++)
		put_le32(out + 40 + 4 * i, t->chunk_crc[i]);
	put_le32(out + 104, rmo_crc32(0, out, 104));
}

static int popcount32(u32 v)
{
	int n = 0;

	while (v) {
		v &= v - 1;
		n++;
	}
	return n;
}

enum rmo_trailer_state rmo_trailer_unpack(const u8 *in, struct rmo_trailer *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	/*
	 * A magic a few bits away from ours is a damaged trailer, not text an
	 * upstream kernel left there.
	 */
	if (popcount32(get_le32(in) ^ RMO_TRAILER_MAGIC) > 4)
		return RMO_TRAILER_ABSENT;
	if (get_le32(in + 104) != rmo_crc32(0, in, 104) ||
	    get_le16(in + 6) != RMO_TRAILER_SIZE ||
	    in[4] != RMO_TRAILER_VERSION)
		return RMO_TRAILER_DAMAGED;
	t->version = in[4];
	t->flags = in[5];
	t->rec_len = get_le32(in + 8);
	t->rec_crc = get_le32(in + 12);
	t->hdr_crc = get_le32(in + 16);
	t->hdr_len = get_le32(in + 20);
	t->sec = (s64)get_le64(in + 24);
	t->nsec = get_le32(in + 32);
	t->chunk_size = get_le32(in + 36);
	for (i = 0; i < RMO_TRAILER_CHUNKS; i++)
		t->chunk_crc[i] = get_le32(in + 40 + 4 * i);
	if (t->chunk_size != rmo_chunk_size(t->rec_len))
		return RMO_TRAILER_DAMAGED;
	return RMO_TRAILER_VALID;
}

/* ------------------------------------------------------- dmesg records */

/* Compare each chunk with its CRC: which parts of the record are damaged. */
static void check_chunks(const u8 *rec, size_t len, const struct rmo_trailer *t,
			 struct rmo_dmesg_rec *out)
{
	int i;

	out->chunk_size = t->chunk_size;
	for (i = 0; i < RMO_TRAILER_CHUNKS; i++) {
		size_t from = (size_t)i * t->chunk_size;
		size_t to = from + t->chunk_size;

		if (to > len)
			to = len;
		if (from >= to)
			break;
		if (rmo_crc32(0, rec + from, to - from) != t->chunk_crc[i])
			out->bad_chunks |= (u16)(1u << i);
	}
}

/*
 * Does the trailer describe this record although its header line differs?
 * Equal length alone is no proof: a stock kernel that wrote a record of
 * exactly that length over one of ours leaves our trailer in place.  A
 * record of ours whose header line was damaged still has the rest of its
 * bytes, so at least one chunk that lies wholly past the header line
 * matches its CRC; another record matches one only by a 2^-32 chance per
 * chunk.
 */
static bool trailer_describes(const u8 *rec, size_t len,
			      const struct rmo_trailer *t)
{
	int i;

	if (t->rec_len != len || !t->chunk_size)
		return false;
	for (i = 0; i < RMO_TRAILER_CHUNKS; i++) {
		size_t from = (size_t)i * t->chunk_size;
		size_t to = from + t->chunk_size;

		if (to > len)
			to = len;
		if (from < t->hdr_len || from >= to)
			continue;
		if (rmo_crc32(0, rec + from, to - from) == t->chunk_crc[i])
			return true;
	}
	return false;
}

bool rmo_dmesg_inspect(const u8 *rec, size_t len, const u8 *trailer,
		       struct rmo_dmesg_rec *out)
{
	enum rmo_trailer_state ts = RMO_TRAILER_ABSENT;
	struct rmo_trailer t;
	bool bound;

	memset(out, 0, sizeof(*out));
	out->len = len;
	out->hdr_len = rmo_dmesg_hdr_parse(rec, len, &out->sec, &out->nsec,
					   &out->compressed);
	out->has_hdr = out->hdr_len != 0;

	if (trailer)
		ts = rmo_trailer_unpack(trailer, &t);

	if (ts == RMO_TRAILER_ABSENT) {
		out->integrity = RMO_REC_UNVERIFIED;
		return out->has_hdr;
	}
	if (ts == RMO_TRAILER_DAMAGED) {
		out->integrity = RMO_REC_CORRUPT;
		out->damage = RMO_DAMAGE_TRAILER;
		return true;
	}

	out->crc_stored = t.rec_crc;
	out->len_stored = t.rec_len;
	/* the trailer belongs to this record if it names its header line */
	bound = out->has_hdr && t.hdr_len == out->hdr_len &&
		t.hdr_crc == rmo_crc32(0, rec, out->hdr_len);

	if (!bound && !trailer_describes(rec, len, &t)) {
		/* left over from an earlier record: someone else wrote this */
		out->integrity = RMO_REC_UNVERIFIED;
		out->crc_stored = 0;
		out->len_stored = 0;
		return out->has_hdr;
	}

	out->integrity = RMO_REC_CORRUPT;
	if (!bound) {
		/* our record (length and a chunk match), header line damaged */
		out->damage = RMO_DAMAGE_HDRLINE;
		out->sec = t.sec;
		out->nsec = t.nsec;
		out->compressed = t.flags & RMO_TRAILER_F_COMPRESSED;
		out->hdr_len = t.hdr_len <= len ? t.hdr_len : 0;
		out->crc_actual = rmo_crc32(0, rec, len);
		check_chunks(rec, len, &t, out);
		return true;
	}
	if (t.rec_len != len) {
		out->damage = RMO_DAMAGE_LENGTH;
		return true;
	}
	out->crc_actual = rmo_crc32(0, rec, len);
	if (out->crc_actual != t.rec_crc) {
		out->damage = RMO_DAMAGE_CRC;
		check_chunks(rec, len, &t, out);
		return true;
	}
	out->integrity = RMO_REC_VERIFIED;
	return true;
}

static void out_bytes(u8 *out, size_t n, size_t *pos, const void *src,
		      size_t len)
{
	if (out && *pos + len <= n)
		memcpy(out + *pos, src, len);
	*pos += len;
}

size_t rmo_dmesg_body(const u8 *rec, const struct rmo_dmesg_rec *r, u8 *out,
		      size_t n)
{
	size_t pos = 0, off = r->hdr_len, cs = r->chunk_size;

	if (!r->bad_chunks || r->compressed || !cs) {
		out_bytes(out, n, &pos, rec + off, r->len - off);
		return pos;
	}
	while (off < r->len) {
		size_t i = off / cs, end = (i + 1) * cs;
		bool bad = i < RMO_TRAILER_CHUNKS && (r->bad_chunks >> i) & 1;

		if (end > r->len || i >= RMO_TRAILER_CHUNKS - 1)
			end = r->len;
		if (!bad) {
			out_bytes(out, n, &pos, rec + off, end - off);
			off = end;
			continue;
		}
		/* merge a run of damaged chunks into one marker */
		while (end < r->len && end / cs < RMO_TRAILER_CHUNKS &&
		       (r->bad_chunks >> (end / cs)) & 1)
			end = end + cs < r->len ? end + cs : r->len;
		{
			char m[80];
			struct rmo_out o = { m, sizeof(m), 0 };
			size_t ml;

			out_str(&o, "\n[ramoops: ");
			out_u64(&o, end - off, 1);
			out_str(&o, " damaged bytes left out]\n");
			ml = out_end(&o);
			out_bytes(out, n, &pos, m, ml);
		}
		off = end;
	}
	return pos;
}

/* " in bytes A-B of the body" for the damaged chunks, if known */
static void out_damage_span(struct rmo_out *o, const struct rmo_dmesg_rec *r)
{
	size_t first, last, from, to;

	if (!r->bad_chunks || !r->chunk_size)
		return;
	for (first = 0; !((r->bad_chunks >> first) & 1); first++)
		;
	for (last = RMO_TRAILER_CHUNKS - 1; !((r->bad_chunks >> last) & 1); last--)
		;
	from = first * r->chunk_size;
	to = (last + 1) * r->chunk_size;
	if (to > r->len)
		to = r->len;
	from = from > r->hdr_len ? from - r->hdr_len : 0;
	to = to > r->hdr_len ? to - r->hdr_len : 0;
	out_str(o, ", damage within bytes ");
	out_u64(o, from, 1);
	out_ch(o, '-');
	out_u64(o, to, 1);
	out_str(o, r->compressed ? " of the compressed body (text from there on is unreliable)" :
		" (left out above)");
}

const char *rmo_integrity_name(enum rmo_integrity i)
{
	switch (i) {
	case RMO_REC_VERIFIED:
		return "verified";
	case RMO_REC_UNVERIFIED:
		return "unverified";
	case RMO_REC_CORRUPT:
		return "corrupt";
	}
	return "?";
}

size_t rmo_dmesg_notice(char *buf, size_t n, unsigned int zone,
			const struct rmo_dmesg_rec *r)
{
	struct rmo_out o = { buf, n, 0 };

	switch (r->integrity) {
	case RMO_REC_VERIFIED:
		break;
	case RMO_REC_UNVERIFIED:
		out_str(&o, "\nramoops: dmesg zone ");
		out_u64(&o, zone, 1);
		out_str(&o, ": record unverified (no integrity trailer: written by a kernel without one)\n");
		break;
	case RMO_REC_CORRUPT:
		out_str(&o, "\nramoops: dmesg zone ");
		out_u64(&o, zone, 1);
		out_str(&o, ": record CORRUPT: ");
		switch (r->damage) {
		case RMO_DAMAGE_CRC:
			out_str(&o, "CRC32 ");
			out_hex32(&o, r->crc_actual);
			out_str(&o, ", expected ");
			out_hex32(&o, r->crc_stored);
			out_str(&o, " over ");
			out_u64(&o, r->len, 1);
			out_str(&o, " bytes (torn write or flipped bits)");
			out_damage_span(&o, r);
			out_ch(&o, '\n');
			break;
		case RMO_DAMAGE_LENGTH:
			out_u64(&o, r->len, 1);
			out_str(&o, " bytes in the zone, ");
			out_u64(&o, r->len_stored, 1);
			out_str(&o, " written (torn write)\n");
			break;
		case RMO_DAMAGE_HDRLINE:
			out_str(&o, "header line damaged over ");
			out_u64(&o, r->len, 1);
			out_str(&o, " bytes (torn write or flipped bits), time and type from the trailer");
			out_damage_span(&o, r);
			out_ch(&o, '\n');
			break;
		case RMO_DAMAGE_TRAILER:
			out_str(&o, "integrity trailer damaged, ");
			out_u64(&o, r->len, 1);
			out_str(&o, " bytes not verified\n");
			break;
		case RMO_DAMAGE_NONE:
			out_str(&o, "unknown damage\n");
			break;
		}
		break;
	}
	return out_end(&o);
}

size_t rmo_ecc_notice(char *buf, size_t n, bool ecc, u32 corrected,
		      u32 bad_blocks)
{
	struct rmo_out o = { buf, n, 0 };

	if (!ecc)
		return out_end(&o);
	/* upstream's wording, which existing tools may grep for */
	if (corrected || bad_blocks) {
		out_str(&o, "\nECC: ");
		out_u64(&o, corrected, 1);
		out_str(&o, " Corrected bytes, ");
		out_u64(&o, bad_blocks, 1);
		out_str(&o, " unrecoverable blocks\n");
	} else {
		out_str(&o, "\nECC: No errors detected\n");
	}
	return out_end(&o);
}
