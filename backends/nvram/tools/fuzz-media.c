// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: arbitrary bytes as media images for the two decoders
 * that read what a crashed machine left behind.
 *
 * The first byte selects: even, a pstore_flash image (block size 512 << (b
 * >> 1 & 3)), parsed block by block, then attached as a ring over a NOR
 * model and collected and appended to: the ring must never program a 1
 * over a 0 and never touch a block outside the image, whatever the image
 * says; with bit 3 set, the paged variant (page 128 << (b >> 4 & 1)) over
 * a NAND model: whole pages only, each once, in order within its block
 * (the pages of the image that are not all 0xFF count as programmed); odd, a ramoops zone (ECC when bit 1 is set) inspected, linearized
 * and decoded as a dmesg record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lgf_fmt.h"
#include "ramoops_fmt.h"

#define MAX_BLOCKS	64

struct nor {
	u8 *mem;
	size_t size;
	u32 bs;
	u32 page;	/* NAND model if nonzero */
	int *last;	/* NAND: highest page programmed per block, -1 */
};

static int n_read(void *priv, u64 off, void *buf, size_t len)
{
	struct nor *n = priv;

	if (off > n->size || len > n->size - off)
		__builtin_trap();
	memcpy(buf, n->mem + off, len);
	return 0;
}

static int n_program(void *priv, u64 off, const void *buf, size_t len, bool panic)
{
	struct nor *n = priv;
	const u8 *p = buf;

	(void)panic;
	if (off > n->size || len > n->size - off)
		__builtin_trap();
	if (n->page) {
		u32 b = off / n->bs, in = off % n->bs / n->page;

		if (off % n->page || len % n->page || !len ||
		    (off + len - 1) / n->bs != b || (int)in <= n->last[b])
			__builtin_trap();	/* partial, again or backwards */
		n->last[b] = in + len / n->page - 1;
		memcpy(n->mem + off, p, len);
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		if (p[i] & ~n->mem[off + i])
			__builtin_trap();	/* a 1 over a 0: format bug */
		n->mem[off + i] &= p[i];
	}
	return 0;
}

static int n_erase(void *priv, u64 off)
{
	struct nor *n = priv;

	if (off % n->bs || off >= n->size)
		__builtin_trap();
	memset(n->mem + off, 0xff, n->bs);
	if (n->page)
		n->last[off / n->bs] = -1;
	return 0;
}

static const struct lgf_ops n_ops = {
	.read = n_read, .program = n_program, .erase = n_erase,
};

static bool all_ff(const u8 *p, size_t n)
{
	while (n--)
		if (*p++ != 0xff)
			return false;
	return true;
}

static void fuzz_flash(unsigned int sel, const u8 *data, size_t size)
{
	u32 bs = LGF_BLOCK_MIN << (sel & 3), nb = size / bs, b;
	u32 page = sel & 4 ? LGF_PAGE_MIN << (sel >> 3 & 1) : 0;
	struct lgf_block blk[MAX_BLOCKS];
	int last[MAX_BLOCKS];
	u64 dead[MAX_BLOCKS * 32];
	u8 pagebuf[2 * 2 * LGF_PAGE_MIN];
	struct lgf_ring r;
	struct nor n = { 0 };
	u8 *scratch;
	int i;

	if (nb > MAX_BLOCKS)
		nb = MAX_BLOCKS;
	for (b = 0; b < nb; b++) {
		struct lgf_blk_hdr h;
		struct lgf_rec_info ri;
		u32 off = 0, count = 0;

		if (lgf_block_kind(data + b * bs, bs, &h) != LGF_BLK_FORMATTED)
			continue;
		while (lgf_next_record(data + b * bs, bs, h.page, &off, &ri)) {
			if (ri.off + ri.size > bs || ++count > bs / LGF_REC_HDR_SIZE)
				__builtin_trap();
			if (h.page && ri.off % h.page)
				__builtin_trap();
			for (u32 k = 0; k < ri.nmarks; k++)
				(void)lgf_mark_entry(data + b * bs, &ri, k);
			(void)lgf_rec_status_name(ri.status);
		}
	}
	if (nb < 2)
		return;

	if (page && !lgf_page_ok(bs, page))
		page = LGF_PAGE_MIN;
	n.size = (size_t)nb * bs;
	n.bs = bs;
	n.mem = malloc(n.size);
	scratch = malloc(bs);
	if (!n.mem || !scratch)
		goto out;
	memcpy(n.mem, data, n.size);
	if (page) {
		n.page = page;
		n.last = last;
		for (b = 0; b < nb; b++) {
			last[b] = -1;
			for (u32 pg = 0; pg < bs / page; pg++)
				if (!all_ff(n.mem + b * bs + pg * page, page))
					last[b] = pg;
		}
	}
	if (lgf_ring_init(&r, &n_ops, &n, bs, nb, blk, scratch) ||
	    (page && lgf_ring_set_paged(&r, page, pagebuf, dead,
					lgf_dead_cap(bs, page, nb))) ||
	    lgf_attach(&r))
		goto out;
	r.dump_limit = 2 * bs;
	r.pool_target = nb / 2;
	for (i = 0; i < 4 * MAX_BLOCKS && lgf_collect(&r) > 0; i++)
		;
	for (i = 1; i <= 3; i++) {
		static const u8 text[300] = "fuzz";
		struct lgf_rec_hdr h = { .part = i, .len = 100 * i };

		lgf_append(&r, &h, text, i == 3);
	}
	for (b = 0; b < nb; b++)
		if (blk[b].records)
			lgf_unlink(&r, blk[b].first_seq);
	for (i = 0; i < 4 * MAX_BLOCKS && lgf_collect(&r) > 0; i++)
		;
out:
	free(n.mem);
	free(scratch);
}

static void fuzz_ramoops(unsigned int sel, const u8 *data, size_t size)
{
	static struct rs8 rs;
	static bool rs_ready;
	struct rs8_work w;
	struct rmo_geom g;
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec rec;
	const char *why;
	bool ecc = sel & 1;
	u8 *copy, *out, *body;
	size_t len, cap, bl;
	char note[512];

	if (!rs_ready) {
		if (rs8_init(&rs, RMO_ECC_POLY, RMO_ECC_SIZE_DEFAULT))
			__builtin_trap();
		rs_ready = true;
	}
	if (rmo_geom_init(&g, size, ecc ? RMO_ECC_SIZE_DEFAULT : 0, 0, &why))
		return;
	copy = malloc(size);
	out = malloc(size);
	if (!copy || !out)
		goto out;
	memcpy(copy, data, size);
	rmo_zone_inspect(&g, ecc ? &rs : NULL, &w, copy, RMO_PERSISTENT_SIG, &zi);
	if (zi.state != RMO_ZONE_VALID)
		goto out;
	len = rmo_zone_linearize(&g, copy, &zi, out);
	if (len > g.data_size)
		__builtin_trap();
	cap = rmo_dmesg_capacity(&g);
	if (!rmo_dmesg_inspect(out, len, len <= cap ?
			       copy + RMO_ZONE_HDR_SIZE + cap : NULL, &rec))
		goto out;
	bl = rmo_dmesg_body(out, &rec, NULL, 0);
	body = malloc(bl + 1);
	if (body) {
		if (rmo_dmesg_body(out, &rec, body, bl) != bl)
			__builtin_trap();
		free(body);
	}
	rmo_dmesg_notice(note, sizeof(note), 0, &rec);
	rmo_ecc_notice(note, sizeof(note), ecc, zi.ecc_corrected, zi.ecc_bad_blocks);
out:
	free(copy);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	if (data[0] & 1)
		fuzz_ramoops(data[0] >> 1, data + 1, size - 1);
	else
		fuzz_flash(data[0] >> 1, data + 1, size - 1);
	return 0;
}
