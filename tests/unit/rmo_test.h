/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test fixtures: a zone in a malloc'd buffer, and a model of what upstream
 * ramoops (Linux 6.12 fs/pstore/ram.c) does to a zone, written from its
 * documented behaviour, to check compatibility both ways.
 */
#ifndef RMO_TEST_H
#define RMO_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ramoops_fmt.h"

struct fx {
	struct rmo_geom g;
	struct rs8 rs;
	struct rs8_work w;
	struct rmo_zone z;
	u8 *mem;
	u8 *copy;
	u8 *out;
};

static inline struct fx *fx_new(size_t zone_size, size_t ecc)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *why = NULL;

	assert_non_null(f);
	assert_int_equal(rmo_geom_init(&f->g, zone_size, ecc, 0, &why), 0);
	if (ecc)
		assert_int_equal(rs8_init(&f->rs, RMO_ECC_POLY, (int)ecc), 0);
	f->mem = malloc(zone_size);
	f->copy = malloc(zone_size);
	f->out = malloc(zone_size);
	assert_non_null(f->mem);
	/* fresh RAM holds anything */
	for (size_t i = 0; i < zone_size; i++)
		f->mem[i] = (u8)(i * 131 + 17);
	f->z.mem = f->mem;
	f->z.g = &f->g;
	f->z.rs = ecc ? &f->rs : NULL;
	f->z.sig = RMO_PERSISTENT_SIG;
	return f;
}

static inline void fx_free(struct fx *f)
{
	free(f->mem);
	free(f->copy);
	free(f->out);
	free(f);
}

/* Snapshot, correct and validate the zone as the driver does on read. */
static inline void fx_inspect(struct fx *f, struct rmo_zone_info *zi)
{
	memcpy(f->copy, f->mem, f->g.zone_size);
	rmo_zone_inspect(&f->g, f->g.ecc_size ? &f->rs : NULL, &f->w, f->copy,
			 RMO_PERSISTENT_SIG, zi);
}

/* Read a dmesg zone the way ramoops_drv.c does; returns bytes in f->out. */
static inline size_t fx_read_dmesg(struct fx *f, struct rmo_zone_info *zi,
				   struct rmo_dmesg_rec *rec, bool *shown)
{
	size_t cap = rmo_dmesg_capacity(&f->g), len;
	u32 c = 0, b = 0;

	fx_inspect(f, zi);
	*shown = false;
	if (zi->state != RMO_ZONE_VALID)
		return 0;
	rmo_zone_ecc_range(&f->g, f->g.ecc_size ? &f->rs : NULL, &f->w,
			   f->copy, cap, f->g.data_size, &c, &b);
	len = rmo_zone_linearize(&f->g, f->copy, zi, f->out);
	*shown = rmo_dmesg_inspect(f->out, len,
				   len <= cap ? f->copy + RMO_ZONE_HDR_SIZE + cap : NULL,
				   rec);
	return len;
}

/* The trailer rmo_dmesg_write() would write for this header line and body. */
static inline void fx_trailer_for(const char *line, size_t hl, const char *body,
				  size_t blen, s64 sec, struct rmo_trailer *t)
{
	char *all = malloc(hl + blen + 1);

	memcpy(all, line, hl);
	memcpy(all + hl, body, blen);
	memset(t, 0, sizeof(*t));
	t->version = RMO_TRAILER_VERSION;
	t->rec_len = (u32)(hl + blen);
	t->hdr_len = (u32)hl;
	t->hdr_crc = rmo_crc32(0, line, hl);
	t->rec_crc = rmo_crc32(0, all, hl + blen);
	t->sec = sec;
	t->chunk_size = rmo_chunk_size(t->rec_len);
	for (int i = 0; i < RMO_TRAILER_CHUNKS; i++) {
		size_t from = (size_t)i * t->chunk_size, to = from + t->chunk_size;

		if (to > t->rec_len)
			to = t->rec_len;
		t->chunk_crc[i] = from < to ? rmo_crc32(0, all + from, to - from) : 0;
	}
	free(all);
}

/* ---- upstream model ---- */

/* persistent_ram_zap() + persistent_ram_write(): a plain ring append. */
static inline void upstream_dmesg_write(struct fx *f, long long sec,
					unsigned long usec, char type,
					const char *body, size_t len)
{
	char hdr[64];
	int hl = snprintf(hdr, sizeof(hdr), "====%lld.%06lu-%c\n", sec, usec, type);

	rmo_zone_reset(&f->z);
	rmo_ring_write(&f->z, hdr, (size_t)hl);
	/* upstream cuts the body to buffer_size - header: it may eat our trailer */
	if (len + (size_t)hl > f->g.data_size)
		len = f->g.data_size - (size_t)hl;
	rmo_ring_write(&f->z, body, len);
}

/*
 * What ramoops_pstore_read() in 6.12 would return for a zone: sig check,
 * bounds check, the ring copied out from start, the header parsed with
 * sscanf like ramoops_read_kmsg_hdr(). Returns body length or -1 if the
 * zone would be reset / has nothing.
 */
static inline long upstream_dmesg_read(const u8 *zone, const struct rmo_geom *g,
				       char *body, long long *sec,
				       unsigned long *nsec, char *type)
{
	struct rmo_zone_hdr h;
	char *old;
	int hl = 0;
	long n;

	rmo_hdr_get(zone, &h);
	if (h.sig != RMO_PERSISTENT_SIG || h.size > g->data_size ||
	    h.start > h.size || !h.size)
		return -1;
	old = calloc(1, h.size + 1);
	memcpy(old, zone + RMO_ZONE_HDR_SIZE + h.start, h.size - h.start);
	memcpy(old + h.size - h.start, zone + RMO_ZONE_HDR_SIZE, h.start);
	if (sscanf(old, "====%lld.%lu-%c\n%n", sec, nsec, type, &hl) != 3 || !hl) {
		free(old);
		return -1;
	}
	*nsec *= 1000;
	n = (long)h.size - hl;
	memcpy(body, old + hl, (size_t)n);
	free(old);
	return n;
}

#endif
