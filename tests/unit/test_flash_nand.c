// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore_flash's paged variant (NAND) in backends/nvram/lgf_fmt.c against a
 * strict NAND model: a program is whole, aligned pages; a page is
 * programmed once between erases and only after every page before it in
 * its block that was programmed (in order, no going back); breaking any
 * rule is a violation the model counts and the tests assert away. Power
 * cut after any page (the page being programmed left torn: part data, part
 * garbage), bad blocks at attach, failing program or erase (the block is
 * retired and marked bad), delete marks, a full ring.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "lgf_fmt.h"
#include "flash_test.h"

#define PG	128u
#define BS	1024u		/* 8 pages */
#define NB	16u
#define PPB	(BS / PG)

struct nand {
	u8 mem[BS * NB];
	bool programmed[NB * PPB];
	int last_page[NB];	/* highest page programmed since erase, -1 */
	long budget;		/* pages programmable before the cut; <0: none */
	bool torn_page;		/* the cut leaves the page half written */
	bool cut;
	int violations;
	int bad_access;
	bool bad[NB], marked[NB];
	int fail_program_block, fail_erase_block;
	unsigned int erases[NB];
	unsigned int seed;
	struct ev_counts ev;
};

static struct nand *nand_new(void)
{
	struct nand *n = calloc(1, sizeof(*n));

	memset(n->mem, 0xff, sizeof(n->mem));
	for (u32 b = 0; b < NB; b++)
		n->last_page[b] = -1;
	n->budget = -1;
	n->fail_program_block = -1;
	n->fail_erase_block = -1;
	n->seed = 4242;
	return n;
}

static int m_read(void *priv, u64 off, void *buf, size_t len)
{
	struct nand *n = priv;

	if (n->cut)
		return -EIO;
	assert_true(off + len <= sizeof(n->mem));
	memcpy(buf, n->mem + off, len);
	return 0;
}

static int m_program(void *priv, u64 off, const void *buf, size_t len, bool panic)
{
	struct nand *n = priv;
	const u8 *p = buf;

	(void)panic;
	if (n->cut)
		return -EIO;
	assert_true(off + len <= sizeof(n->mem));
	if (off % PG || len % PG || !len) {
		n->violations++;	/* partial page */
		return -EINVAL;
	}
	if (n->bad[off / BS] || n->marked[off / BS])
		n->bad_access++;
	if ((int)(off / BS) == n->fail_program_block)
		return -EIO;
	for (size_t at = 0; at < len; at += PG) {
		u32 pg = (off + at) / PG, b = pg / PPB, in = pg % PPB;

		if (n->programmed[pg] || (int)in <= n->last_page[b])
			n->violations++;	/* twice, or out of order */
		if (n->budget == 0) {
			if (n->torn_page) {
				u32 keep = rand_r(&n->seed) % PG;

				memcpy(n->mem + off + at, p + at, keep);
				for (u32 i = keep; i < PG; i++)
					n->mem[off + at + i] = rand_r(&n->seed);
				n->programmed[pg] = true;
				n->last_page[b] = in;
			}
			n->cut = true;
			return -EIO;
		}
		memcpy(n->mem + off + at, p + at, PG);
		n->programmed[pg] = true;
		n->last_page[b] = in;
		if (n->budget > 0)
			n->budget--;
	}
	return 0;
}

static int m_erase(void *priv, u64 off)
{
	struct nand *n = priv;
	u32 b = off / BS;

	if (n->cut)
		return -EIO;
	assert_int_equal(off % BS, 0);
	if (n->bad[b] || n->marked[b])
		n->bad_access++;
	if ((int)b == n->fail_erase_block)
		return -EIO;
	memset(n->mem + off, 0xff, BS);
	memset(n->programmed + b * PPB, 0, PPB * sizeof(bool));
	n->last_page[b] = -1;
	n->erases[b]++;
	return 0;
}

static int m_isbad(void *priv, u64 off)
{
	struct nand *n = priv;

	return n->bad[off / BS] || n->marked[off / BS];
}

static int m_markbad(void *priv, u64 off)
{
	struct nand *n = priv;

	n->marked[off / BS] = true;
	return 0;
}

static void m_event(void *priv, const struct lgf_event *ev)
{
	struct nand *n = priv;

	count_event(&n->ev, ev);
}

static const struct lgf_ops m_ops = {
	.read = m_read, .program = m_program, .erase = m_erase,
	.isbad = m_isbad, .markbad = m_markbad, .event = m_event,
};

struct fx {
	struct nand *n;
	struct lgf_ring r;
	struct lgf_block blk[NB];
	u8 scratch[BS];
	u8 pagebuf[2 * PG];
	u64 dead[NB * PPB];
	u32 limit;
};

static void fx_boot(struct fx *f)
{
	f->n->cut = false;
	f->n->budget = -1;
	assert_int_equal(lgf_ring_init(&f->r, &m_ops, f->n, BS, NB, f->blk,
				       f->scratch), 0);
	assert_int_equal(lgf_ring_set_paged(&f->r, PG, f->pagebuf, f->dead,
					    lgf_dead_cap(BS, PG, NB)), 0);
	assert_int_equal(lgf_attach(&f->r), 0);
	f->r.dump_limit = f->limit;
	f->r.pool_target = lgf_pool_blocks(BS, PG, f->limit);
}

static struct fx *fx_new(u32 limit)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->n = nand_new();
	f->limit = limit;
	fx_boot(f);
	return f;
}

static void fx_free(struct fx *f)
{
	assert_int_equal(f->n->violations, 0);
	assert_int_equal(f->n->bad_access, 0);
	free(f->n);
	free(f);
}

static int collect_all(struct fx *f)
{
	return collect_until_idle(&f->r, 10 * (int)NB);
}

/* Payload of (dump d, part p): 60..539 bytes, 1 to 5 pages with the header. */
static u32 payload(u32 d, u32 p, u8 *buf)
{
	u32 len = 60 + (d * 37 + p * 101) % 480;

	for (u32 i = 0; i < len; i++)
		buf[i] = (u8)(d * 7 + p * 13 + i);
	return len;
}

static int put(struct fx *f, u32 d, u32 p, bool panic)
{
	u8 buf[BS];
	struct lgf_rec_hdr h = { .part = p, .count = (s32)d, .sec = 1000 + d };

	h.len = payload(d, p, buf);
	return lgf_append(&f->r, &h, buf, panic);
}

struct seen {
	int n, torn, hidden, marks;
	u64 seq[NB * PPB];
	u32 count[NB * PPB], part[NB * PPB];
};

/* What the kernel's read path shows, payloads checked. */
static void scan(struct fx *f, struct seen *s)
{
	memset(s, 0, sizeof(*s));
	for (u32 b = 0; b < NB; b++) {
		const u8 *img = f->n->mem + b * BS;
		struct lgf_blk_hdr bh;
		struct lgf_rec_info ri;
		u32 off = LGF_BLK_HDR_SIZE;

		if (f->blk[b].state == LGF_S_BAD ||
		    lgf_block_kind(img, BS, &bh) != LGF_BLK_FORMATTED)
			continue;
		assert_int_equal(bh.page, PG);
		while (lgf_next_record(img, BS, PG, &off, &ri)) {
			u8 want[BS];
			u32 len;

			assert_true(ri.off % PG == 0);
			if (ri.status == LGF_REC_MARK) {
				s->marks++;
				continue;
			}
			if (ri.status != LGF_REC_OK) {
				s->torn++;
				continue;
			}
			if (!lgf_rec_visible(&f->r, &ri.hdr)) {
				s->hidden++;
				continue;
			}
			len = payload((u32)ri.hdr.count, ri.hdr.part, want);
			assert_int_equal(ri.hdr.len, len);
			assert_memory_equal(img + ri.off + LGF_REC_HDR_SIZE, want, len);
			s->seq[s->n] = ri.hdr.seq;
			s->count[s->n] = (u32)ri.hdr.count;
			s->part[s->n] = ri.hdr.part;
			s->n++;
		}
	}
}

static bool has(const struct seen *s, u32 count, u32 part)
{
	for (int i = 0; i < s->n; i++)
		if (s->count[i] == count && s->part[i] == part)
			return true;
	return false;
}

static u64 seq_of(const struct seen *s, u32 count, u32 part)
{
	for (int i = 0; i < s->n; i++)
		if (s->count[i] == count && s->part[i] == part)
			return s->seq[i];
	fail_msg("dump %u part %u not shown", count, part);
	return 0;
}

/* ---------------------------------------------------------------- */

static void test_model_is_strict(void **state)
{
	struct nand *n = nand_new();
	u8 page[PG];

	(void)state;
	memset(page, 0x5a, sizeof(page));
	assert_int_equal(m_program(n, 2 * PG, page, PG, false), 0);
	assert_int_equal(n->violations, 0);
	m_program(n, 2 * PG, page, PG, false);		/* twice */
	assert_int_equal(n->violations, 1);
	m_program(n, PG, page, PG, false);		/* backwards */
	assert_int_equal(n->violations, 2);
	m_program(n, 5 * PG, page, 4, false);		/* partial page */
	assert_int_equal(n->violations, 3);
	assert_int_equal(m_erase(n, 0), 0);
	assert_int_equal(m_program(n, PG, page, PG, false), 0);
	assert_int_equal(n->violations, 3);
	free(n);
}

/* Version 2 headers carry the page; version 1 images still decode. */
static void test_header_versions(void **state)
{
	struct lgf_blk_hdr h = { .erase_count = 3, .block_size = BS, .seq = 9,
				 .page = PG }, g;
	u8 buf[LGF_BLK_HDR_SIZE];

	(void)state;
	lgf_blk_hdr_pack(&h, buf);
	assert_int_equal(buf[4], LGF_VERSION_PAGED);
	assert_true(lgf_blk_hdr_unpack(buf, &g));
	assert_int_equal(g.page, PG);
	assert_int_equal(g.erase_count, 3);
	h.page = 0;
	lgf_blk_hdr_pack(&h, buf);
	assert_int_equal(buf[4], LGF_VERSION);
	assert_true(lgf_blk_hdr_unpack(buf, &g));
	assert_int_equal(g.page, 0);
	/* a page that does not fit the block is no header */
	h.page = 3 * PG;
	lgf_blk_hdr_pack(&h, buf);
	assert_false(lgf_blk_hdr_unpack(buf, &g));
	h.page = BS / 2;	/* two pages a block: too few */
	lgf_blk_hdr_pack(&h, buf);
	assert_false(lgf_blk_hdr_unpack(buf, &g));
}

/* A NOR ring sees a paged block as dirty, and the other way round. */
static void test_variants_do_not_mix(void **state)
{
	struct fx *f = fx_new(3000);
	struct lgf_ring nor;
	struct lgf_block blk[NB];
	u8 scratch[BS];
	struct lgf_stats st;

	(void)state;
	collect_all(f);
	assert_int_equal(put(f, 1, 1, false), 0);
	assert_int_equal(lgf_ring_init(&nor, &m_ops, f->n, BS, NB, blk, scratch), 0);
	assert_int_equal(lgf_attach(&nor), 0);
	lgf_stats(&nor, &st);
	assert_int_equal(st.dirty, NB);
	assert_int_equal(st.records, 0);
	fx_free(f);
}

static void test_format_write_read(void **state)
{
	struct fx *f = fx_new(3000);
	struct lgf_stats st;
	struct seen s;

	(void)state;
	assert_int_equal(collect_all(f), NB);
	for (u32 b = 0; b < NB; b++)
		assert_int_equal(f->n->erases[b], 0);
	for (u32 d = 1; d <= 3; d++)
		for (u32 p = 1; p <= 4; p++)
			assert_int_equal(put(f, d, p, d == 3), 0);
	fx_boot(f);
	scan(f, &s);
	assert_int_equal(s.n, 12);
	assert_int_equal(s.torn, 0);
	for (int i = 1; i < s.n; i++)
		assert_true(s.seq[i] > s.seq[i - 1]);
	/* appending goes on after the reboot, after the last written page */
	assert_int_equal(put(f, 4, 1, false), 0);
	fx_boot(f);
	scan(f, &s);
	assert_int_equal(s.n, 13);
	lgf_stats(&f->r, &st);
	assert_int_equal(st.live, 13);
	assert_int_equal(f->n->ev.torn, 0);
	fx_free(f);
}

/*
 * Power cut at every page of a record write, the page being programmed
 * left clean or torn: the next boot shows every earlier record, reports
 * the cut record (never shows it) unless the cut came after its commit
 * page, and writes on with every page still programmed once, in order.
 */
static void cut_every_page(bool torn_page)
{
	long pages = 0;

	for (long cut = 0;; cut++) {
		struct fx *f = fx_new(3000);
		struct seen s;
		int ret;

		collect_all(f);
		for (u32 p = 1; p <= 3; p++)
			assert_int_equal(put(f, 1, p, false), 0);
		f->n->budget = cut;
		f->n->torn_page = torn_page;
		ret = put(f, 2, 1, true);
		fx_boot(f);
		scan(f, &s);
		for (u32 p = 1; p <= 3; p++)
			assert_true(has(&s, 1, p));
		if (ret == 0) {
			assert_true(has(&s, 2, 1));
			assert_int_equal(f->n->ev.torn, 0);
			pages = cut;
			fx_free(f);
			break;
		}
		assert_false(has(&s, 2, 1));
		if (torn_page || cut > 0)
			assert_true(f->n->ev.torn >= 1);
		else
			assert_int_equal(f->n->ev.torn, 0);
		collect_all(f);
		assert_int_equal(put(f, 3, 1, false), 0);
		assert_int_equal(put(f, 3, 2, true), 0);
		fx_boot(f);
		scan(f, &s);
		assert_true(has(&s, 3, 1) && has(&s, 3, 2));
		for (u32 p = 1; p <= 3; p++)
			assert_true(has(&s, 1, p));
		fx_free(f);
	}
	/* dump 2 part 1: 64 + 60 + (74 + 101) % 480 = 299 bytes: 3 pages + commit */
	assert_int_equal(pages, 4);
}

static void test_power_cut_every_page(void **state)
{
	(void)state;
	cut_every_page(false);
}

static void test_power_cut_torn_page(void **state)
{
	(void)state;
	cut_every_page(true);
}

/* Unlink writes a delete mark; the record stays hidden across reboots;
 * blocks whose records are all deleted are erased; marks do not resurrect
 * anything when their own block goes. */
static void test_unlink_marks(void **state)
{
	struct fx *f = fx_new(3000);
	struct lgf_stats st;
	struct seen s;
	u32 free_before;

	(void)state;
	collect_all(f);
	for (u32 d = 1; d <= 3; d++)
		for (u32 p = 1; p <= 3; p++)
			assert_int_equal(put(f, d, p, false), 0);
	fx_boot(f);
	scan(f, &s);
	assert_int_equal(s.n, 9);
	assert_int_equal(lgf_unlink(&f->r, seq_of(&s, 2, 2)), 0);
	assert_int_equal(lgf_unlink(&f->r, seq_of(&s, 2, 2)), -ENOENT);
	assert_int_equal(lgf_unlink(&f->r, 123456), -ENOENT);
	scan(f, &s);
	assert_int_equal(s.n, 8);
	assert_int_equal(s.marks, 1);
	fx_boot(f);
	scan(f, &s);
	assert_int_equal(s.n, 8);
	assert_false(has(&s, 2, 2));
	lgf_stats(&f->r, &st);
	assert_int_equal(st.live, 8);

	/* delete everything: the collector erases the blocks, after a reboot
	 * too, and nothing comes back */
	lgf_stats(&f->r, &st);
	free_before = st.free;
	for (int i = 0; i < s.n; i++)
		assert_int_equal(lgf_unlink(&f->r, s.seq[i]), 0);
	scan(f, &s);
	assert_int_equal(s.n, 0);
	fx_boot(f);
	scan(f, &s);
	assert_int_equal(s.n, 0);
	lgf_stats(&f->r, &st);
	assert_int_equal(st.live, 0);
	collect_all(f);
	lgf_stats(&f->r, &st);
	assert_true(st.free > free_before);
	fx_boot(f);
	scan(f, &s);
	assert_int_equal(s.n, 0);
	assert_int_equal(put(f, 9, 1, true), 0);
	scan(f, &s);
	assert_int_equal(s.n, 1);
	fx_free(f);
}

/*
 * Unlinking a dump part by part while the collector runs: once the block
 * holding part 1 is erased the other parts are hidden, and unlinking them
 * still succeeds (pstore listed them) without a mark.
 */
static void test_unlink_dump_with_collector(void **state)
{
	struct fx *f = fx_new(3000);
	static u8 buf[150];
	struct lgf_stats st;
	struct seen s;
	u64 seq[6];
	u32 marks;

	(void)state;
	collect_all(f);
	for (u32 p = 1; p <= 6; p++) {
		/* 2 pages and the commit page: two records a block */
		struct lgf_rec_hdr h = { .part = p, .count = 1, .len = sizeof(buf) };

		memset(buf, p, sizeof(buf));
		assert_int_equal(lgf_append(&f->r, &h, buf, false), 0);
		seq[p - 1] = h.seq;
	}
	fx_boot(f);
	for (u32 p = 0; p < 6; p++) {
		assert_int_equal(lgf_unlink(&f->r, seq[p]), 0);
		collect_all(f);
	}
	scan(f, &s);
	assert_int_equal(s.n, 0);
	lgf_stats(&f->r, &st);
	assert_int_equal(st.live, 0);
	/* parts 3..6 needed no mark; the blocks of 1..6 and the first mark
	 * were erased in ring order once nothing in them was live */
	marks = s.marks;
	assert_true(marks <= 2);
	for (u32 b = 0; b < 3; b++)
		assert_int_equal(f->n->erases[b], 1);
	fx_boot(f);
	lgf_stats(&f->r, &st);
	assert_int_equal(st.live, 0);
	scan(f, &s);
	assert_int_equal(s.n, 0);
	fx_free(f);
}

/* Many dumps with the collector in between: whole dumps go, newest stay,
 * the same after a reboot (a dump whose first record went is hidden). */
static void check_whole(struct fx *f, u32 newest, u32 parts)
{
	struct seen s;
	u32 kept = 0;

	scan(f, &s);
	for (u32 d = 1; d <= newest; d++) {
		u32 n = 0;

		for (u32 p = 1; p <= parts; p++)
			n += has(&s, d, p);
		assert_true(n == 0 || n == parts);
		kept += n == parts;
		if (d + 1 >= newest)
			assert_int_equal(n, parts);	/* the two newest */
	}
	assert_true(kept >= (newest < 2 ? newest : 2));
}

static void test_full_ring_whole_dumps(void **state)
{
	struct fx *f = fx_new(3 * 700);
	u32 d, ec_min = ~0u, ec_max = 0;

	(void)state;
	collect_all(f);
	for (d = 1; d <= 60; d++) {
		for (u32 p = 1; p <= 3; p++)
			assert_int_equal(put(f, d, p, d % 2), 0);
		collect_all(f);
		check_whole(f, d, 3);
		if (d % 7 == 0) {
			fx_boot(f);
			check_whole(f, d, 3);
		}
	}
	assert_true(f->n->ev.dropped > 0);
	for (u32 b = 0; b < NB; b++) {
		ec_min = f->n->erases[b] < ec_min ? f->n->erases[b] : ec_min;
		ec_max = f->n->erases[b] > ec_max ? f->n->erases[b] : ec_max;
	}
	assert_true(ec_max - ec_min <= 1);
	assert_true(ec_min >= 1);
	fx_free(f);
}

/* No collector: the pool runs out and appends are refused, never forced. */
static void test_full_ring_refuses(void **state)
{
	struct fx *f = fx_new(3000);
	int ret = 0, n = 0;

	(void)state;
	collect_all(f);
	while ((ret = put(f, 1 + n, 1, true)) == 0)
		assert_true(++n < 1000);
	assert_int_equal(ret, -ENOSPC);
	assert_true(n >= (int)NB);
	fx_free(f);
}

/* Bad blocks at attach are never touched; a failed program or erase
 * retires the block and marks it bad, and the next boot skips it. */
static void test_bad_blocks(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct lgf_stats st;
	struct seen s;

	(void)state;
	f->n = nand_new();
	f->limit = 3000;
	f->n->bad[0] = f->n->bad[5] = true;
	fx_boot(f);
	assert_int_equal(f->n->ev.bad_ev, 2);
	collect_all(f);
	lgf_stats(&f->r, &st);
	assert_int_equal(st.bad, 2);
	assert_int_equal(st.free, NB - 2);

	/* program failure in the block the next record goes to (4 pages
	 * do not fit after the first record's 4): retired, marked, written
	 * on in the block after it */
	assert_int_equal(put(f, 1, 1, false), 0);
	{
		u32 failing = f->r.head + 1;

		while (f->n->bad[failing])
			failing++;
		f->n->fail_program_block = failing;

		assert_int_equal(put(f, 1, 2, false), 0);
		assert_int_equal(f->n->ev.retired, 1);
		assert_true(f->n->marked[failing]);
		f->n->fail_program_block = -1;
	}
	/* erase failure: dirty the block after the pool, let the collector fail */
	assert_int_equal(put(f, 2, 1, true), 0);
	fx_boot(f);
	assert_int_equal(f->n->ev.bad_ev, 3 + 2);	/* 0, 5, the marked one */
	scan(f, &s);
	assert_true(has(&s, 1, 2) && has(&s, 2, 1));
	f->n->bad[0] = false;		/* pretend block 0 went good but dirty */
	memset(f->n->mem, 0x00, PG);
	f->n->programmed[0] = true;
	f->n->last_page[0] = 0;
	fx_boot(f);
	f->n->fail_erase_block = 0;
	f->r.pool_target = NB;		/* make the collector go round */
	collect_all(f);
	assert_true(f->n->marked[0]);
	assert_int_equal(f->n->ev.retired, 2);
	fx_free(f);
}

/* Junk, short or lying pages never parse past the block or crash. */
static void test_parser_on_junk(void **state)
{
	u8 img[BS];
	struct lgf_blk_hdr h = { .block_size = BS, .page = PG };
	unsigned int seed = 7;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		struct lgf_rec_info ri;
		u32 off = 0, n = 0;

		memset(img, 0xff, sizeof(img));
		lgf_blk_hdr_pack(&h, img);
		for (u32 i = PG; i < BS; i++)
			if (rand_r(&seed) % 4 == 0)
				img[i] = rand_r(&seed);
		if (round % 2) {
			/* a valid-looking header with any length */
			struct lgf_rec_hdr rh = { .seq = 5, .len = rand_r(&seed) % (2 * BS) };

			lgf_rec_hdr_pack(&rh, img + PG);
		}
		while (lgf_next_record(img, BS, PG, &off, &ri)) {
			assert_true(ri.off + ri.size <= BS);
			assert_true(ri.off % PG == 0);
			assert_true(++n <= PPB);
			if (ri.status == LGF_REC_MARK)
				assert_true(ri.nmarks <= (PG - LGF_MARK_HDR_SIZE) / 8);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_is_strict),
		cmocka_unit_test(test_header_versions),
		cmocka_unit_test(test_variants_do_not_mix),
		cmocka_unit_test(test_format_write_read),
		cmocka_unit_test(test_power_cut_every_page),
		cmocka_unit_test(test_power_cut_torn_page),
		cmocka_unit_test(test_unlink_marks),
		cmocka_unit_test(test_unlink_dump_with_collector),
		cmocka_unit_test(test_full_ring_whole_dumps),
		cmocka_unit_test(test_full_ring_refuses),
		cmocka_unit_test(test_bad_blocks),
		cmocka_unit_test(test_parser_on_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
