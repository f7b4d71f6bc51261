// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmesg zones: write and read back, integrity trailer verdicts (torn
 * writes, bit flips, upstream records), ECC, bad headers, compatibility with
 * upstream's reader and writer.
 */
#include "rmo_test.h"

#define ZONE 4096

static const char body[] =
	"<0>Kernel panic - not syncing: sysrq triggered crash\n"
	"<4>CPU: 0 PID: 1 Comm: sh Not tainted 6.12.0\n"
	"<4>Call Trace:\n<4> <TASK>\n<4> dump_stack_lvl+0x5d/0x80\n";

static void write_sample(struct fx *f)
{
	size_t n = rmo_dmesg_write(&f->z, 1700000000, 250000000, false, body,
				   sizeof(body) - 1);

	assert_int_equal(n, sizeof(body) - 1);
}

static void test_dmesg_roundtrip_verified(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;
	size_t len;
	char note[256];

	(void)state;
	rmo_zone_reset(&f->z);
	write_sample(f);
	len = fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(zi.state, RMO_ZONE_VALID);
	assert_int_equal(r.integrity, RMO_REC_VERIFIED);
	assert_int_equal(r.sec, 1700000000);
	assert_int_equal(r.nsec, 250000000);
	assert_false(r.compressed);
	assert_int_equal(len - r.hdr_len, sizeof(body) - 1);
	assert_memory_equal(f->out + r.hdr_len, body, sizeof(body) - 1);
	/* verified records carry no notice */
	assert_int_equal(rmo_dmesg_notice(note, sizeof(note), 0, &r), 0);
	fx_free(f);
}

static void test_dmesg_zero_length_body(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;
	size_t len;

	(void)state;
	assert_int_equal(rmo_dmesg_write(&f->z, 1, 0, true, "", 0), 0);
	len = fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_VERIFIED);
	assert_int_equal(len, r.hdr_len);
	assert_true(r.compressed);
	fx_free(f);
}

/* A record larger than the zone is cut so it never reaches the trailer. */
static void test_dmesg_oversize_is_cut_before_trailer(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;
	size_t len, cap = rmo_dmesg_capacity(&f->g), n;
	char *big = malloc(3 * ZONE);

	(void)state;
	memset(big, 'x', 3 * ZONE);
	n = rmo_dmesg_write(&f->z, 7, 0, false, big, 3 * ZONE);
	len = fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(len, cap);
	assert_int_equal(n + r.hdr_len, cap);
	assert_int_equal(r.integrity, RMO_REC_VERIFIED);
	assert_int_equal(cap + RMO_TRAILER_SIZE, f->g.data_size);
	free(big);
	fx_free(f);
}

/*
 * The trailer was written, the size published, the bytes never came, and
 * the previous record had the same length.  The zone still holds that
 * previous record, intact: it is shown as what it is, with its own time,
 * unverified, and not as the new record (a trailer is not bound to a
 * record on equal length alone).
 */
static void test_dmesg_torn_before_data_shows_previous_record(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	struct rmo_trailer t;
	char line[RMO_DMESG_HDR_MAX], newbody[512];
	bool shown;
	size_t hl, len;

	(void)state;
	write_sample(f);	/* the previous record */
	hl = rmo_dmesg_hdr_format(line, sizeof(line), 1800000000, 0, false);
	memset(newbody, 'n', sizeof(newbody));
	/* same length as the old record, so only the header line differs */
	fx_trailer_for(line, hl, newbody, sizeof(body) - 1 - (hl - 24), 1800000000, &t);
	rmo_dmesg_begin(&f->z, &t);

	len = fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_UNVERIFIED);
	assert_int_equal(r.sec, 1700000000);
	assert_memory_equal(f->out + r.hdr_len, body, len - r.hdr_len);
	fx_free(f);
}

/*
 * A stock kernel wrote a record of exactly the length of ours over it; our
 * trailer stays behind.  That valid record must not be shown as corrupt.
 */
static void test_dmesg_stock_record_of_equal_length_is_unverified(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	struct rmo_zone_hdr h;
	char other[sizeof(body)], note[256];
	bool shown;
	size_t len;

	(void)state;
	write_sample(f);
	rmo_hdr_get(f->mem, &h);
	for (size_t i = 0; i < sizeof(other) - 1; i++)
		other[i] = (char)('a' + i % 26);
	/* same header line length (24) and body length: same record length */
	upstream_dmesg_write(f, 1600000003, 0, 'D', other, sizeof(other) - 1);
	len = fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(len, h.size);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_UNVERIFIED);
	assert_int_equal(r.sec, 1600000003);
	assert_memory_equal(f->out + r.hdr_len, other, sizeof(other) - 1);
	rmo_dmesg_notice(note, sizeof(note), 0, &r);
	assert_null(strstr(note, "CORRUPT"));
	fx_free(f);
}

/* Torn half-way through the body: header line new, CRC fails. */
static void test_dmesg_torn_mid_body_is_corrupt(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	struct rmo_trailer t;
	char line[RMO_DMESG_HDR_MAX], note[256];
	bool shown;
	size_t hl, half = (sizeof(body) - 1) / 2;

	(void)state;
	rmo_dmesg_write(&f->z, 1, 0, false, "older record, different bytes, same length.....................................................................................................................", 140);
	hl = rmo_dmesg_hdr_format(line, sizeof(line), 2, 0, false);
	fx_trailer_for(line, hl, body, sizeof(body) - 1, 2, &t);
	rmo_dmesg_begin(&f->z, &t);
	rmo_dmesg_fill(&f->z, 0, line, hl);
	rmo_dmesg_fill(&f->z, hl, body, half);	/* power lost here */

	fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_CRC);
	assert_int_equal(r.sec, 2);
	rmo_dmesg_notice(note, sizeof(note), 1, &r);
	assert_non_null(strstr(note, "torn write or flipped bits"));
	fx_free(f);
}

/*
 * A plain-text record torn at 60%: the intact prefix is shown, the rest is
 * one marker line instead of the previous record's bytes.
 */
static void test_dmesg_torn_plain_record_keeps_intact_prefix(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	struct rmo_trailer t;
	char line[RMO_DMESG_HDR_MAX], older[3000], newer[3000];
	u8 *out;
	bool shown;
	size_t hl, n, cut = 1800;

	(void)state;
	memset(older, '#', sizeof(older));
	for (size_t i = 0; i < sizeof(newer); i++)
		newer[i] = (char)('a' + i % 26);
	rmo_dmesg_write(&f->z, 1, 0, false, older, sizeof(older));
	hl = rmo_dmesg_hdr_format(line, sizeof(line), 2, 0, false);
	fx_trailer_for(line, hl, newer, sizeof(newer), 2, &t);
	rmo_dmesg_begin(&f->z, &t);
	rmo_dmesg_fill(&f->z, 0, line, hl);
	rmo_dmesg_fill(&f->z, hl, newer, cut);		/* power lost */

	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_CRC);
	assert_int_not_equal(r.bad_chunks, 0);
	n = rmo_dmesg_body(f->out, &r, NULL, 0);
	out = malloc(n + 1);
	assert_int_equal(rmo_dmesg_body(f->out, &r, out, n), n);
	out[n] = 0;
	/* everything up to the chunk holding the tear is the new record */
	assert_memory_equal(out, newer, cut - r.chunk_size);
	assert_non_null(strstr((char *)out, "damaged bytes left out]"));
	assert_null(memchr(out, '#', n));	/* nothing of the old record */
	free(out);
	fx_free(f);
}

/* One flipped byte costs one chunk of a plain record, not the record. */
static void test_dmesg_bit_flip_localized_to_one_chunk(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	char text[3000], note[300];
	u8 *out;
	bool shown;
	size_t n, flip_at = 1500;

	(void)state;
	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = (char)('A' + i % 26);
	rmo_dmesg_write(&f->z, 1700000000, 0, false, text, sizeof(text));
	f->mem[RMO_ZONE_HDR_SIZE + 24 + flip_at] ^= 0x20;
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(r.damage, RMO_DAMAGE_CRC);
	assert_int_equal(__builtin_popcount(r.bad_chunks), 1);
	n = rmo_dmesg_body(f->out, &r, NULL, 0);
	out = malloc(n);
	rmo_dmesg_body(f->out, &r, out, n);
	/* before and after the damaged chunk the text is intact */
	size_t c = (24 + flip_at) / r.chunk_size;
	size_t from = c * r.chunk_size - 24, to = (c + 1) * r.chunk_size - 24;
	assert_memory_equal(out, text, from);
	assert_memory_equal(out + n - (sizeof(text) - to), text + to,
			    sizeof(text) - to);
	rmo_dmesg_notice(note, sizeof(note), 0, &r);
	assert_non_null(strstr(note, "left out above"));
	free(out);
	fx_free(f);
}

/* A compressed stream cannot take a marker: passed through, flagged. */
static void test_dmesg_compressed_corrupt_body_passed_through(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	char bin[1000], note[300];
	u8 out[1000];
	bool shown;

	(void)state;
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 37);
	rmo_dmesg_write(&f->z, 1700000000, 0, true, bin, sizeof(bin));
	f->mem[RMO_ZONE_HDR_SIZE + 24 + 700] ^= 1;
	bin[700] ^= 1;
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_true(r.compressed);
	assert_int_equal(rmo_dmesg_body(f->out, &r, out, sizeof(out)), sizeof(bin));
	assert_memory_equal(out, bin, sizeof(bin));
	rmo_dmesg_notice(note, sizeof(note), 0, &r);
	assert_non_null(strstr(note, "unreliable"));
	fx_free(f);
}

/* Torn between reset and trailer: the zone is simply empty. */
static void test_dmesg_torn_before_trailer_leaves_empty_zone(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(f);
	rmo_zone_reset(&f->z);
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(zi.state, RMO_ZONE_EMPTY);
	assert_false(shown);
	fx_free(f);
}

static void test_dmesg_bit_flip_in_body_is_corrupt(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(f);
	f->mem[RMO_ZONE_HDR_SIZE + 60] ^= 0x10;
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_CRC);
	assert_int_not_equal(r.crc_actual, r.crc_stored);
	fx_free(f);
}

static void test_dmesg_bit_flip_in_header_line_is_corrupt(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(f);
	f->mem[RMO_ZONE_HDR_SIZE + 6] ^= 0x01;	/* a digit of the seconds */
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_HDRLINE);
	assert_int_equal(r.sec, 1700000000);	/* from the trailer */

	/* and a destroyed magic still shows the record, from the trailer */
	f->mem[RMO_ZONE_HDR_SIZE] = 'x';
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_false(r.has_hdr);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	fx_free(f);
}

static void test_dmesg_bit_flip_in_trailer_is_corrupt(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(f);
	f->mem[RMO_ZONE_HDR_SIZE + rmo_dmesg_capacity(&f->g) + 13] ^= 0x80;
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_TRAILER);
	fx_free(f);
}

static void test_dmesg_size_flip_is_corrupt(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;
	u32 size;

	(void)state;
	write_sample(f);
	memcpy(&size, f->mem + 8, 4);
	size ^= 0x2;	/* stays in range */
	memcpy(f->mem + 8, &size, 4);
	memcpy(f->mem + 4, &size, 4);
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_LENGTH);
	fx_free(f);
}

/* A record written by an upstream kernel over an empty zone. */
static void test_dmesg_upstream_record_is_unverified(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;
	char note[256];
	size_t len;

	(void)state;
	upstream_dmesg_write(f, 1600000000, 42, 'D', body, sizeof(body) - 1);
	len = fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_UNVERIFIED);
	assert_int_equal(r.sec, 1600000000);
	assert_int_equal(r.nsec, 42000);
	assert_memory_equal(f->out + r.hdr_len, body, len - r.hdr_len);
	rmo_dmesg_notice(note, sizeof(note), 0, &r);
	assert_non_null(strstr(note, "unverified"));
	fx_free(f);
}

/* Upstream wrote over one of ours: the stale trailer must not condemn it. */
static void test_dmesg_upstream_over_stale_trailer_is_unverified(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(f);
	upstream_dmesg_write(f, 1600000001, 0, 'D', "short", 5);
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_UNVERIFIED);

	/* a full-size upstream record runs over the trailer itself */
	char *big = malloc(ZONE);
	memset(big, 'y', ZONE);
	write_sample(f);
	upstream_dmesg_write(f, 1600000002, 0, 'D', big, ZONE);
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_UNVERIFIED);
	free(big);
	fx_free(f);
}

/* What we write, upstream's reader reads: same header line and body. */
static void test_dmesg_upstream_reader_reads_ours(void **state)
{
	struct fx *f = fx_new(ZONE, 16);
	char out[ZONE];
	long long sec;
	unsigned long nsec;
	char type;
	long n;

	(void)state;
	write_sample(f);
	n = upstream_dmesg_read(f->mem, &f->g, out, &sec, &nsec, &type);
	assert_int_equal(n, sizeof(body) - 1);
	assert_memory_equal(out, body, n);
	assert_int_equal(sec, 1700000000);
	assert_int_equal(nsec, 250000000);
	assert_int_equal(type, 'D');
	/* the zone header is upstream's: "DBGC", start == size */
	assert_memory_equal(f->mem, "DBGC", 4);
	fx_free(f);
}

static void test_dmesg_bad_signature_is_reported_for_reset(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;

	(void)state;
	fx_inspect(f, &zi);		/* fresh RAM */
	assert_int_equal(zi.state, RMO_ZONE_BAD_SIG);
	rmo_zone_reset(&f->z);
	fx_inspect(f, &zi);
	assert_int_equal(zi.state, RMO_ZONE_EMPTY);
	fx_free(f);
}

static void test_dmesg_impossible_header_is_bad(void **state)
{
	struct fx *f = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	u32 v;

	(void)state;
	write_sample(f);
	v = ZONE * 2;
	memcpy(f->mem + 8, &v, 4);	/* size beyond the buffer */
	fx_inspect(f, &zi);
	assert_int_equal(zi.state, RMO_ZONE_BAD_HDR);
	write_sample(f);
	v = 10;
	memcpy(f->mem + 4, &v, 4);
	v = 5;
	memcpy(f->mem + 8, &v, 4);	/* start past size */
	fx_inspect(f, &zi);
	assert_int_equal(zi.state, RMO_ZONE_BAD_HDR);
	fx_free(f);
}

/* ECC on: up to 8 bad bytes per 128-byte block come back, record verified. */
static void test_dmesg_ecc_corrects_flips(void **state)
{
	struct fx *f = fx_new(ZONE, 16);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;
	char note[128];

	(void)state;
	write_sample(f);
	for (int i = 0; i < 8; i++)
		f->mem[RMO_ZONE_HDR_SIZE + 3 + i * 11] ^= 0xff;	/* block 0 */
	f->mem[5] ^= 0x40;					/* header */
	f->mem[RMO_ZONE_HDR_SIZE + rmo_dmesg_capacity(&f->g) + 2] ^= 1; /* trailer */
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(zi.state, RMO_ZONE_VALID);
	assert_int_equal(zi.ecc_corrected, 9);
	assert_int_equal(zi.ecc_bad_blocks, 0);
	assert_int_equal(r.integrity, RMO_REC_VERIFIED);
	rmo_ecc_notice(note, sizeof(note), true, zi.ecc_corrected, zi.ecc_bad_blocks);
	assert_non_null(strstr(note, "9 Corrected bytes, 0 unrecoverable"));
	fx_free(f);
}

/* Nine bad bytes in one block: ECC gives up, the CRC catches it. */
static void test_dmesg_ecc_overwhelmed_is_detected(void **state)
{
	struct fx *f = fx_new(ZONE, 16);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(f);
	for (int i = 0; i < 9; i++)
		f->mem[RMO_ZONE_HDR_SIZE + 30 + i * 7] ^= 0x3c;
	fx_read_dmesg(f, &zi, &r, &shown);
	assert_int_equal(zi.ecc_bad_blocks, 1);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_int_equal(r.damage, RMO_DAMAGE_CRC);
	fx_free(f);
}

/*
 * Power lost inside a copy with ECC on: the block's parity is stale, so the
 * decoder may give up or even "correct" towards garbage; the CRC still
 * refuses to call the record good.
 */
static void test_dmesg_ecc_torn_inside_block_is_corrupt(void **state)
{
	struct fx *f = fx_new(ZONE, 16);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	struct rmo_trailer t;
	char line[RMO_DMESG_HDR_MAX], text[1000];
	bool shown;
	size_t hl;

	(void)state;
	write_sample(f);
	memset(text, 'z', sizeof(text));
	hl = rmo_dmesg_hdr_format(line, sizeof(line), 9, 0, false);
	fx_trailer_for(line, hl, text, sizeof(text), 9, &t);
	rmo_dmesg_begin(&f->z, &t);
	rmo_dmesg_fill(&f->z, 0, line, hl);
	rmo_dmesg_fill(&f->z, hl, text, 300);
	/* the next 40 bytes reached RAM, their parity never did */
	memcpy(f->mem + RMO_ZONE_HDR_SIZE + hl + 300, text, 40);

	fx_read_dmesg(f, &zi, &r, &shown);
	assert_true(shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	assert_true(zi.ecc_bad_blocks + zi.ecc_corrected > 0);
	fx_free(f);
}

/* Records beside a damaged one are untouched: zones are independent. */
static void test_dmesg_neighbour_survives_corruption(void **state)
{
	struct fx *a = fx_new(ZONE, 0), *b = fx_new(ZONE, 0);
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	bool shown;

	(void)state;
	write_sample(a);
	write_sample(b);
	memset(a->mem + RMO_ZONE_HDR_SIZE + 40, 0, 50);
	fx_read_dmesg(a, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_CORRUPT);
	fx_read_dmesg(b, &zi, &r, &shown);
	assert_int_equal(r.integrity, RMO_REC_VERIFIED);
	fx_free(a);
	fx_free(b);
}

/* Erase wipes the trailer too, so nothing stale is left to bind. */
static void test_dmesg_erase_clears_trailer(void **state)
{
	struct fx *f = fx_new(ZONE, 16);
	struct rmo_trailer t;

	(void)state;
	write_sample(f);
	rmo_zone_reset(&f->z);
	rmo_dmesg_clear_trailer(&f->z);
	assert_int_equal(rmo_trailer_unpack(f->mem + RMO_ZONE_HDR_SIZE +
					    rmo_dmesg_capacity(&f->g), &t),
			 RMO_TRAILER_ABSENT);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dmesg_roundtrip_verified),
		cmocka_unit_test(test_dmesg_zero_length_body),
		cmocka_unit_test(test_dmesg_oversize_is_cut_before_trailer),
		cmocka_unit_test(test_dmesg_torn_before_data_shows_previous_record),
		cmocka_unit_test(test_dmesg_stock_record_of_equal_length_is_unverified),
		cmocka_unit_test(test_dmesg_torn_mid_body_is_corrupt),
		cmocka_unit_test(test_dmesg_torn_before_trailer_leaves_empty_zone),
		cmocka_unit_test(test_dmesg_torn_plain_record_keeps_intact_prefix),
		cmocka_unit_test(test_dmesg_bit_flip_localized_to_one_chunk),
		cmocka_unit_test(test_dmesg_compressed_corrupt_body_passed_through),
		cmocka_unit_test(test_dmesg_bit_flip_in_body_is_corrupt),
		cmocka_unit_test(test_dmesg_bit_flip_in_header_line_is_corrupt),
		cmocka_unit_test(test_dmesg_bit_flip_in_trailer_is_corrupt),
		cmocka_unit_test(test_dmesg_size_flip_is_corrupt),
		cmocka_unit_test(test_dmesg_upstream_record_is_unverified),
		cmocka_unit_test(test_dmesg_upstream_over_stale_trailer_is_unverified),
		cmocka_unit_test(test_dmesg_upstream_reader_reads_ours),
		cmocka_unit_test(test_dmesg_bad_signature_is_reported_for_reset),
		cmocka_unit_test(test_dmesg_impossible_header_is_bad),
		cmocka_unit_test(test_dmesg_ecc_corrects_flips),
		cmocka_unit_test(test_dmesg_ecc_overwhelmed_is_detected),
		cmocka_unit_test(test_dmesg_ecc_torn_inside_block_is_corrupt),
		cmocka_unit_test(test_dmesg_neighbour_survives_corruption),
		cmocka_unit_test(test_dmesg_erase_clears_trailer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
