// SPDX-License-Identifier: GPL-2.0-only
/* Console/pmsg ring zones: append, wrap-around, full, oversize, ECC. */
#include "rmo_test.h"

static size_t read_ring(struct fx *f, struct rmo_zone_info *zi)
{
	fx_inspect(f, zi);
	return rmo_zone_linearize(&f->g, f->copy, zi, f->out);
}

static void test_ring_append_reads_in_order(void **state)
{
	struct fx *f = fx_new(256, 0);
	struct rmo_zone_info zi;

	(void)state;
	rmo_zone_reset(&f->z);
	rmo_ring_write(&f->z, "hello ", 6);
	rmo_ring_write(&f->z, "world\n", 6);
	assert_int_equal(read_ring(f, &zi), 12);
	assert_memory_equal(f->out, "hello world\n", 12);
	fx_free(f);
}

static void test_ring_zero_length_write_is_noop(void **state)
{
	struct fx *f = fx_new(256, 0);
	struct rmo_zone_info zi;

	(void)state;
	rmo_zone_reset(&f->z);
	rmo_ring_write(&f->z, "", 0);
	fx_inspect(f, &zi);
	assert_int_equal(zi.state, RMO_ZONE_EMPTY);
	fx_free(f);
}

/* Past the end the oldest bytes go and the read starts at the oldest. */
static void test_ring_wraps_around(void **state)
{
	struct fx *f = fx_new(12 + 100, 0);
	struct rmo_zone_info zi;
	char expect[100];
	unsigned int next = 0;

	(void)state;
	rmo_zone_reset(&f->z);
	for (int i = 0; i < 37; i++) {
		char chunk[7];

		for (int j = 0; j < 7; j++)
			chunk[j] = (char)('a' + (next + j) % 26);
		next += 7;
		rmo_ring_write(&f->z, chunk, 7);
	}
	assert_int_equal(read_ring(f, &zi), 100);
	assert_int_equal(zi.hdr.start, (37 * 7) % 100);
	for (int j = 0; j < 100; j++)
		expect[j] = (char)('a' + (next - 100 + j) % 26);
	assert_memory_equal(f->out, expect, 100);
	fx_free(f);
}

static void test_ring_full_buffer_stays_full(void **state)
{
	struct fx *f = fx_new(12 + 64, 0);
	struct rmo_zone_info zi;
	char buf[64];

	(void)state;
	rmo_zone_reset(&f->z);
	memset(buf, 'A', 64);
	rmo_ring_write(&f->z, buf, 64);
	assert_int_equal(read_ring(f, &zi), 64);
	assert_int_equal(zi.hdr.start, 0);
	rmo_ring_write(&f->z, "B", 1);
	assert_int_equal(read_ring(f, &zi), 64);
	assert_int_equal(f->out[63], 'B');
	assert_int_equal(f->out[0], 'A');
	fx_free(f);
}

/* One write longer than the ring keeps its tail, like upstream. */
static void test_ring_oversize_write_keeps_tail(void **state)
{
	struct fx *f = fx_new(12 + 50, 0);
	struct rmo_zone_info zi;
	char big[130];

	(void)state;
	rmo_zone_reset(&f->z);
	for (int i = 0; i < 130; i++)
		big[i] = (char)i;
	rmo_ring_write(&f->z, "xyz", 3);
	rmo_ring_write(&f->z, big, sizeof(big));
	assert_int_equal(read_ring(f, &zi), 50);
	assert_memory_equal(f->out, big + 80, 50);
	fx_free(f);
}

/* ECC parity follows ring writes across the wrap, header included. */
static void test_ring_ecc_corrects_after_wrap(void **state)
{
	struct fx *f = fx_new(1024, 16);
	struct rmo_zone_info zi;
	char line[64], expect[1024];
	size_t cap = f->g.data_size, total = 0;

	(void)state;
	rmo_zone_reset(&f->z);
	for (int i = 0; i < 60; i++) {
		snprintf(line, sizeof(line), "line %04d of the console log ........\n", i);
		rmo_ring_write(&f->z, line, 40);
		total += 40;
	}
	assert_true(total > cap);
	/* reference read before damage */
	assert_int_equal(read_ring(f, &zi), cap);
	assert_int_equal(zi.ecc_corrected, 0);
	memcpy(expect, f->out, cap);

	for (size_t b = 0; b * 128 < cap; b++)
		for (int e = 0; e < 4; e++)
			if (b * 128 + e * 19 < cap)
				f->mem[12 + b * 128 + e * 19] ^= 0xa5;
	assert_int_equal(read_ring(f, &zi), cap);
	assert_int_equal(zi.ecc_bad_blocks, 0);
	assert_true(zi.ecc_corrected > 0);
	assert_memory_equal(f->out, expect, cap);
	fx_free(f);
}

/* An upstream kernel's console zone reads the same with our code. */
static void test_ring_bad_sig_and_header_detected(void **state)
{
	struct fx *f = fx_new(256, 0);
	struct rmo_zone_info zi;
	u32 v = 1000;

	(void)state;
	fx_inspect(f, &zi);
	assert_int_equal(zi.state, RMO_ZONE_BAD_SIG);
	rmo_zone_reset(&f->z);
	rmo_ring_write(&f->z, "abc", 3);
	memcpy(f->mem + 8, &v, 4);
	fx_inspect(f, &zi);
	assert_int_equal(zi.state, RMO_ZONE_BAD_HDR);
	assert_int_equal(rmo_zone_linearize(&f->g, f->copy, &zi, f->out), 0);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_append_reads_in_order),
		cmocka_unit_test(test_ring_zero_length_write_is_noop),
		cmocka_unit_test(test_ring_wraps_around),
		cmocka_unit_test(test_ring_full_buffer_stays_full),
		cmocka_unit_test(test_ring_oversize_write_keeps_tail),
		cmocka_unit_test(test_ring_ecc_corrects_after_wrap),
		cmocka_unit_test(test_ring_bad_sig_and_header_detected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
