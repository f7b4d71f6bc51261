// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore_flash's format and ring (backends/nvram/lgf_fmt.c) against a
 * strict NOR model: programming only clears bits (a 1 over a 0 is a
 * violation the model counts and the tests assert away), power cut after
 * any programmed byte, interrupted erase, bad blocks, failing program or
 * erase, a full ring.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <zlib.h>

#include "lgf_fmt.h"
#include "flash_test.h"

#define BS	1024u
#define NB	16u

struct nor {
	u8 mem[BS * NB];
	long budget;		/* bytes programmable before the cut; <0: no cut */
	bool cut;
	int violations;		/* 1 programmed over 0 */
	int bad_access;		/* program/erase in a bad block */
	bool bad[NB];
	int fail_program_block;	/* -1 none */
	int fail_erase_block;
	bool cut_next_erase;	/* interrupted erase: part of the block, then off */
	unsigned int erases[NB];
	unsigned int seed;
	/* events seen */
	struct ev_counts ev;
};

static struct nor *nor_new(void)
{
	struct nor *n = calloc(1, sizeof(*n));

	memset(n->mem, 0xff, sizeof(n->mem));
	n->budget = -1;
	n->fail_program_block = -1;
	n->fail_erase_block = -1;
	n->seed = 12345;
	return n;
}

static int m_read(void *priv, u64 off, void *buf, size_t len)
{
	struct nor *n = priv;

	if (n->cut)
		return -EIO;
	assert_true(off + len <= sizeof(n->mem));
	memcpy(buf, n->mem + off, len);
	return 0;
}

static int m_program(void *priv, u64 off, const void *buf, size_t len, bool panic)
{
	struct nor *n = priv;
	const u8 *p = buf;

	(void)panic;
	if (n->cut)
		return -EIO;
	assert_true(off + len <= sizeof(n->mem));
	if (n->bad[off / BS])
		n->bad_access++;
	if ((int)(off / BS) == n->fail_program_block)
		return -EIO;
	for (size_t i = 0; i < len; i++) {
		if (n->budget == 0) {
			n->cut = true;
			return -EIO;
		}
		if (p[i] & ~n->mem[off + i])
			n->violations++;
		n->mem[off + i] &= p[i];
		if (n->budget > 0)
			n->budget--;
	}
	return 0;
}

static int m_erase(void *priv, u64 off)
{
	struct nor *n = priv;
	u32 b = off / BS;

	if (n->cut)
		return -EIO;
	assert_int_equal(off % BS, 0);
	if (n->bad[b])
		n->bad_access++;
	if ((int)b == n->fail_erase_block)
		return -EIO;
	if (n->cut_next_erase) {
		/* some bytes erased, the rest as they were */
		u32 a = rand_r(&n->seed) % BS, l = rand_r(&n->seed) % (BS - a);

		memset(n->mem + off + a, 0xff, l);
		n->cut_next_erase = false;
		n->cut = true;
		return -EIO;
	}
	memset(n->mem + off, 0xff, BS);
	n->erases[b]++;
	return 0;
}

static int m_isbad(void *priv, u64 off)
{
	struct nor *n = priv;

	return n->bad[off / BS];
}

static void m_event(void *priv, const struct lgf_event *ev)
{
	struct nor *n = priv;

	count_event(&n->ev, ev);
}

static const struct lgf_ops m_ops = {
	.read = m_read, .program = m_program, .erase = m_erase,
	.isbad = m_isbad, .event = m_event,
};

struct fx {
	struct nor *n;
	struct lgf_ring r;
	struct lgf_block blk[NB];
	u8 scratch[BS];
};

/* Power on: attach a fresh ring to the flash as it is. */
static void fx_boot(struct fx *f, u32 dump_limit)
{
	f->n->cut = false;
	f->n->budget = -1;
	assert_int_equal(lgf_ring_init(&f->r, &m_ops, f->n, BS, NB, f->blk,
				       f->scratch), 0);
	assert_int_equal(lgf_attach(&f->r), 0);
	f->r.dump_limit = dump_limit;
	f->r.pool_target = lgf_pool_blocks(BS, 0, dump_limit);
}

static struct fx *fx_new(u32 dump_limit)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->n = nor_new();
	fx_boot(f, dump_limit);
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

/* Payload of record (dump d, part p): deterministic, length from both. */
static u32 payload(u32 d, u32 p, u8 *buf, u32 max)
{
	u32 len = 100 + (d * 37 + p * 101) % 300;

	if (len > max)
		len = max;
	for (u32 i = 0; i < len; i++)
		buf[i] = (u8)(d * 7 + p * 13 + i);
	return len;
}

static int put(struct fx *f, u32 d, u32 p)
{
	u8 buf[BS];
	struct lgf_rec_hdr h = {
		.type = 0, .part = p, .count = (s32)d, .sec = 1000 + d,
	};

	h.len = payload(d, p, buf, sizeof(buf));
	return lgf_append(&f->r, &h, buf, false);
}

struct seen {
	int n, ok, deleted, torn;
	u64 seq[NB * 16];
	u32 count[NB * 16], part[NB * 16];
	u64 dump[NB * 16];
};

/* Read every record the way the kernel's read path does; check payloads. */
static void scan(struct fx *f, struct seen *s)
{
	memset(s, 0, sizeof(*s));
	for (u32 b = 0; b < NB; b++) {
		const u8 *img = f->n->mem + b * BS;
		struct lgf_blk_hdr bh;
		struct lgf_rec_info ri;
		u32 off = LGF_BLK_HDR_SIZE;

		if (f->n->bad[b] || lgf_block_kind(img, BS, &bh) != LGF_BLK_FORMATTED)
			continue;
		while (lgf_next_record(img, BS, 0, &off, &ri)) {
			if (ri.status == LGF_REC_DELETED) {
				s->deleted++;
				continue;
			}
			if (ri.status != LGF_REC_OK) {
				s->torn++;
				continue;
			}
			u8 want[BS];
			u32 len = payload((u32)ri.hdr.count, ri.hdr.part, want, sizeof(want));

			assert_int_equal(ri.hdr.len, len);
			assert_memory_equal(img + ri.off + LGF_REC_HDR_SIZE, want, len);
			s->seq[s->n] = ri.hdr.seq;
			s->count[s->n] = (u32)ri.hdr.count;
			s->part[s->n] = ri.hdr.part;
			s->dump[s->n] = ri.hdr.dump;
			s->n++;
			s->ok++;
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

/* ---------------------------------------------------------------- */

static void test_crc_matches_zlib(void **state)
{
	u8 buf[777];

	(void)state;
	assert_int_equal(lgf_crc32(0, "123456789", 9), 0xcbf43926u);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(i * 31 + 7);
	assert_int_equal(lgf_crc32(0, buf, sizeof(buf)),
			 (u32)crc32(0, buf, sizeof(buf)));
}

static void test_model_reports_one_over_zero(void **state)
{
	struct nor *n = nor_new();
	u8 z = 0x00, ff = 0xff;

	(void)state;
	assert_int_equal(m_program(n, 5, &z, 1, false), 0);
	assert_int_equal(n->violations, 0);
	assert_int_equal(m_program(n, 5, &ff, 1, false), 0);
	assert_int_equal(n->violations, 1);
	assert_int_equal(n->mem[5], 0);	/* and the bits stay cleared */
	free(n);
}

static void test_header_roundtrip(void **state)
{
	struct lgf_blk_hdr h = { .erase_count = 7, .block_size = BS, .seq = 1ull << 40 }, g;
	u8 buf[LGF_BLK_HDR_SIZE];

	(void)state;
	lgf_blk_hdr_pack(&h, buf);
	assert_true(lgf_blk_hdr_unpack(buf, &g));
	assert_int_equal(g.erase_count, 7);
	assert_int_equal(g.seq, 1ull << 40);
	buf[9] ^= 1;
	assert_false(lgf_blk_hdr_unpack(buf, &g));
}

/* A fresh (all 0xFF) flash is formatted without an erase, then written. */
static void test_fresh_flash_format_write_read(void **state)
{
	struct fx *f = fx_new(3000);
	struct seen s;
	struct lgf_stats st;

	(void)state;
	lgf_stats(&f->r, &st);
	assert_int_equal(st.erased, NB);
	assert_int_equal(collect_all(f), NB);
	for (u32 b = 0; b < NB; b++)
		assert_int_equal(f->n->erases[b], 0);
	lgf_stats(&f->r, &st);
	assert_int_equal(st.free, NB);
	for (u32 d = 1; d <= 3; d++)
		for (u32 p = 1; p <= 4; p++)
			assert_int_equal(put(f, d, p), 0);
	fx_boot(f, 3000);
	scan(f, &s);
	assert_int_equal(s.ok, 12);
	for (int i = 1; i < s.n; i++)
		assert_true(s.seq[i] > s.seq[i - 1]);
	/* parts of a dump share the dump id: the seq of its part 1 */
	for (int i = 0; i < s.n; i++)
		for (int j = 0; j < s.n; j++)
			if (s.count[i] == s.count[j])
				assert_int_equal(s.dump[i], s.dump[j]);
	/* appending goes on after the reboot, into the same head block */
	assert_int_equal(put(f, 4, 1), 0);
	fx_boot(f, 3000);
	scan(f, &s);
	assert_int_equal(s.ok, 13);
	fx_free(f);
}

/*
 * Power cut after every byte of a record write: the next boot shows every
 * earlier record intact, reports the cut record as torn (or shows it
 * whole when the cut came after its last byte), and writes on without
 * programming a bit back to 1.
 */
static void test_power_cut_every_byte(void **state)
{
	u32 total = 0;

	(void)state;
	for (long cut = 0;; cut++) {
		struct fx *f = fx_new(3000);
		struct seen s;
		int torn_ev, ret;

		collect_all(f);
		for (u32 p = 1; p <= 3; p++)
			assert_int_equal(put(f, 1, p), 0);
		f->n->budget = cut;
		ret = put(f, 2, 1);
		fx_boot(f, 3000);
		torn_ev = f->n->ev.torn;
		scan(f, &s);
		for (u32 p = 1; p <= 3; p++)
			assert_true(has(&s, 1, p));
		if (ret == 0) {
			/* not cut: the whole record went out */
			assert_true(has(&s, 2, 1));
			assert_int_equal(torn_ev, 0);
			total = cut;
			fx_free(f);
			break;
		}
		assert_false(has(&s, 2, 1));
		/* anything programmed is reported torn; nothing: nothing */
		assert_int_equal(torn_ev, cut > 0 ? 1 : 0);
		assert_int_equal(s.torn, cut > 0 ? 1 : 0);
		/* the ring writes on after the torn record */
		collect_all(f);
		assert_int_equal(put(f, 3, 1), 0);
		assert_int_equal(put(f, 3, 2), 0);
		fx_boot(f, 3000);
		scan(f, &s);
		assert_true(has(&s, 3, 1) && has(&s, 3, 2));
		fx_free(f);
	}
	/* header 56 + payload + commit 4 */
	assert_true(total > LGF_REC_HDR_SIZE);
}

/* Fill the ring until the pool is exhausted; the collector then drops
 * whole old dumps, never a part of one, and the newest dumps stay. */
static void write_dump(struct fx *f, u32 d, u32 parts)
{
	for (u32 p = 1; p <= parts; p++)
		assert_int_equal(put(f, d, p), 0);
}

static void check_whole_dumps(struct fx *f, u32 newest, u32 parts, u32 *kept)
{
	struct seen s;
	u32 d;

	scan(f, &s);
	for (d = newest; d >= 1; d--) {
		u32 p, n = 0;

		for (p = 1; p <= parts; p++)
			n += has(&s, d, p);
		if (!n)
			break;
		assert_int_equal(n, parts);	/* all parts or none */
	}
	*kept = newest - d;
	for (; d >= 1; d--)
		for (u32 p = 1; p <= parts; p++)
			assert_false(has(&s, d, p));	/* older ones all gone */
}

static void test_full_ring_keeps_newest_whole_dumps(void **state)
{
	struct fx *f = fx_new(2000);
	u32 kept = 0;

	(void)state;
	collect_all(f);
	for (u32 d = 1; d <= 60; d++) {
		write_dump(f, d, 5);
		collect_all(f);
		assert_true(lgf_pool(&f->r) >= f->r.pool_target);
		check_whole_dumps(f, d, 5, &kept);
		assert_true(kept >= (d < 3 ? d : 3));
	}
	/* wear: the ring went round several times, counts within one */
	unsigned int lo = ~0u, hi = 0;

	for (u32 b = 0; b < NB; b++) {
		lo = f->n->erases[b] < lo ? f->n->erases[b] : lo;
		hi = f->n->erases[b] > hi ? f->n->erases[b] : hi;
		assert_int_equal(f->blk[b].erase_count, f->n->erases[b]);
	}
	assert_true(hi >= 3);
	assert_true(hi - lo <= 1);
	/* the counts survive a reboot in the block headers */
	fx_boot(f, 2000);
	for (u32 b = 0; b < NB; b++)
		assert_int_equal(f->blk[b].erase_count, f->n->erases[b]);
	fx_free(f);
}

/* Without the collector the pool runs out: -ENOSPC, nothing overwritten. */
static void test_full_ring_refuses(void **state)
{
	struct fx *f = fx_new(0);
	struct seen s;
	int ret = 0, n = 0;
	u32 d;

	(void)state;
	collect_all(f);
	for (d = 1; d < 1000 && !(ret = put(f, d, 1)); d++)
		n++;
	assert_int_equal(ret, -ENOSPC);
	scan(f, &s);
	assert_int_equal(s.ok, n);
	fx_free(f);
}

/* A dump past dump_limit: its later parts are refused, part 1 never. */
static void test_dump_limit(void **state)
{
	struct fx *f = fx_new(1000);
	u32 p;
	int ret = 0;

	(void)state;
	collect_all(f);
	for (p = 1; p < 50 && !(ret = put(f, 1, p)); p++)
		;
	assert_int_equal(ret, -ENOSPC);
	assert_true(p >= 2 && p <= 5);
	assert_int_equal(put(f, 2, 1), 0);
	fx_free(f);
}

static void test_unlink_frees_blocks(void **state)
{
	struct fx *f = fx_new(2000);
	struct seen s;
	u32 before, after;

	(void)state;
	collect_all(f);
	for (u32 d = 1; d <= 4; d++)
		write_dump(f, d, 5);
	collect_all(f);
	before = lgf_pool(&f->r);
	scan(f, &s);
	for (int i = 0; i < s.n; i++)
		assert_int_equal(lgf_unlink(&f->r, s.seq[i]), 0);
	assert_int_equal(lgf_unlink(&f->r, s.seq[0]), -ENOENT);
	assert_int_equal(lgf_unlink(&f->r, 999999), -ENOENT);
	collect_all(f);
	after = lgf_pool(&f->r);
	assert_true(after > before);
	assert_int_equal(after, NB - 1);	/* all but the head */
	fx_boot(f, 2000);
	scan(f, &s);
	assert_int_equal(s.ok, 0);
	fx_free(f);
}

/* Bad blocks at attach are never touched; a failing program or erase
 * retires the block and the record goes to the next one. */
static void test_bad_and_failing_blocks(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct seen s;
	struct lgf_stats st;

	(void)state;
	f->n = nor_new();
	f->n->bad[3] = f->n->bad[7] = true;
	fx_boot(f, 2000);
	assert_int_equal(f->n->ev.bad_ev, 2);
	collect_all(f);
	for (u32 d = 1; d <= 30; d++) {
		write_dump(f, d, 4);
		collect_all(f);
	}
	/* now block 10 fails to program */
	f->n->fail_program_block = (int)f->r.head + 1 < (int)NB ? (int)f->r.head + 1 : 0;
	if (f->n->bad[f->n->fail_program_block])
		f->n->fail_program_block++;
	for (u32 d = 31; d <= 34; d++)
		write_dump(f, d, 4);
	assert_true(f->n->ev.retired >= 1);
	scan(f, &s);
	for (u32 p = 1; p <= 4; p++)
		assert_true(has(&s, 34, p));
	f->n->fail_program_block = -1;
	/* an erase that fails retires that block too */
	collect_all(f);
	f->n->fail_erase_block = -1;
	lgf_stats(&f->r, &st);
	assert_int_equal(st.bad, 2 + (u32)f->n->ev.retired);
	/* bad blocks were not accessed (checked in fx_free) */
	fx_free(f);
}

static void test_erase_failure_retires(void **state)
{
	struct fx *f = fx_new(2000);
	u32 tail;
	int retired;

	(void)state;
	collect_all(f);
	for (u32 d = 1; d <= 30; d++) {
		write_dump(f, d, 4);
		collect_all(f);
	}
	write_dump(f, 31, 4);
	/* the next block the collector erases fails */
	tail = f->r.head;
	do
		tail = (tail + 1) % NB;
	while (f->blk[tail].state == LGF_S_FREE);
	f->n->fail_erase_block = (int)tail;
	retired = f->n->ev.retired;
	collect_all(f);
	assert_int_equal(f->n->ev.retired, retired + 1);
	assert_int_equal(f->blk[tail].state, LGF_S_BAD);
	f->n->bad[tail] = true;	/* it is never touched again */
	f->n->fail_erase_block = -1;
	for (u32 d = 32; d <= 40; d++) {
		write_dump(f, d, 4);
		collect_all(f);
	}
	fx_free(f);
}

/* Power cut during an erase (part of the block erased) and during the
 * collector's header program: the next boot recovers, loses nothing it
 * should keep. */
static void test_interrupted_erase(void **state)
{
	(void)state;
	for (unsigned int seed = 1; seed <= 40; seed++) {
		struct fx *f = fx_new(2000);
		struct seen s;
		u32 kept;

		f->n->seed = seed;
		collect_all(f);
		for (u32 d = 1; d <= 12; d++) {
			write_dump(f, d, 4);
			collect_all(f);
		}
		write_dump(f, 13, 4);
		if (seed % 2)
			f->n->cut_next_erase = true;
		else
			f->n->budget = seed % LGF_BLK_HDR_SIZE;	/* header cut */
		while (lgf_collect(&f->r) > 0 && !f->n->cut)
			;
		fx_boot(f, 2000);
		scan(f, &s);
		/* the newest dump is whole */
		for (u32 p = 1; p <= 4; p++)
			assert_true(has(&s, 13, p));
		collect_all(f);
		for (u32 d = 14; d <= 30; d++) {
			write_dump(f, d, 4);
			collect_all(f);
			check_whole_dumps(f, d, 4, &kept);
			assert_true(kept >= 2);
		}
		fx_free(f);
	}
}

/* Cut at any byte while the collector deletes an old dump's tail and
 * erases: no dump shows with parts missing at its newest end. */
static void test_cut_during_collect(void **state)
{
	(void)state;
	for (long cut = 0; cut < 12; cut++) {
		struct fx *f = fx_new(2000);
		struct seen s;

		collect_all(f);
		for (u32 d = 1; d <= 14; d++) {
			write_dump(f, d, 4);
			if (d < 14)
				collect_all(f);
		}
		f->n->budget = cut;
		while (lgf_collect(&f->r) > 0 && !f->n->cut)
			;
		fx_boot(f, 2000);
		scan(f, &s);
		for (u32 p = 1; p <= 4; p++)
			assert_true(has(&s, 14, p));
		collect_all(f);
		assert_int_equal(put(f, 15, 1), 0);
		fx_free(f);
	}
}

/* Junk of every kind never parses as a record and never loops. */
static void test_parser_on_junk(void **state)
{
	u8 img[BS];
	unsigned int seed = 7;

	(void)state;
	for (int it = 0; it < 2000; it++) {
		struct lgf_blk_hdr h = { .erase_count = 1, .block_size = BS, .seq = 1 };
		struct lgf_rec_info ri;
		u32 off = 0;
		int n = 0;

		for (u32 i = 0; i < BS; i++)
			img[i] = it % 3 ? (u8)rand_r(&seed) : 0xff;
		lgf_blk_hdr_pack(&h, img);
		if (it % 3 == 0) {
			struct lgf_rec_hdr rh = { .part = 1, .len = rand_r(&seed) % 2000 };
			lgf_rec_hdr_pack(&rh, img + LGF_BLK_HDR_SIZE);
		}
		while (lgf_next_record(img, BS, 0, &off, &ri)) {
			assert_true(++n <= (int)(BS / LGF_REC_HDR_SIZE));
			assert_true(ri.status != LGF_REC_OK || ri.off + ri.size <= BS);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_matches_zlib),
		cmocka_unit_test(test_model_reports_one_over_zero),
		cmocka_unit_test(test_header_roundtrip),
		cmocka_unit_test(test_fresh_flash_format_write_read),
		cmocka_unit_test(test_power_cut_every_byte),
		cmocka_unit_test(test_full_ring_keeps_newest_whole_dumps),
		cmocka_unit_test(test_full_ring_refuses),
		cmocka_unit_test(test_dump_limit),
		cmocka_unit_test(test_unlink_frees_blocks),
		cmocka_unit_test(test_bad_and_failing_blocks),
		cmocka_unit_test(test_erase_failure_retires),
		cmocka_unit_test(test_interrupted_erase),
		cmocka_unit_test(test_cut_during_collect),
		cmocka_unit_test(test_parser_on_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
