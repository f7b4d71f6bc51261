// SPDX-License-Identifier: GPL-2.0-only
/* rs8.c: parity identical to the kernel's codec, correction limits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rs8.h"
#include "rs8_kernel_vectors.h"

static void pattern(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
}

struct kv_input {
	const char *name;
	int nroots;
	size_t len;
	const uint8_t *par;
	uint8_t data[255];
};

static void kv_load(struct kv_input *in, const char *name)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	if (!strcmp(name, "blk128_r16")) {
		in->nroots = 16, in->len = 128, in->par = kv_blk128_r16_par;
		pattern(in->data, 128);
	} else if (!strcmp(name, "hdr12_r16")) {
		in->nroots = 16, in->len = 12, in->par = kv_hdr12_r16_par;
		memcpy(in->data, kv_hdr12, 12);
	} else if (!strcmp(name, "txt37_r16")) {
		in->nroots = 16, in->len = 37, in->par = kv_txt37_r16_par;
		memcpy(in->data, kv_txt37, 37);
	} else if (!strcmp(name, "blk128_r8")) {
		in->nroots = 8, in->len = 128, in->par = kv_blk128_r8_par;
		pattern(in->data, 128);
	} else if (!strcmp(name, "blk100_r32")) {
		in->nroots = 32, in->len = 100, in->par = kv_blk100_r32_par;
		pattern(in->data, 100);
	} else {
		fail_msg("unknown vector %s", name);
	}
}

static const char *const kv_names[] = {
	"blk128_r16", "hdr12_r16", "txt37_r16", "blk128_r8", "blk100_r32",
};

static void test_rs8_encode_matches_kernel(void **state)
{
	(void)state;
	for (size_t v = 0; v < sizeof(kv_names) / sizeof(kv_names[0]); v++) {
		struct kv_input in;
		struct rs8 rs;
		uint8_t par[RS8_MAX_ROOTS];

		kv_load(&in, kv_names[v]);
		assert_int_equal(rs8_init(&rs, 0x11d, in.nroots), 0);
		rs8_encode(&rs, in.data, in.len, par);
		assert_memory_equal(par, in.par, in.nroots);
	}
}

static void test_rs8_decode_matches_kernel(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(kv_decodes) / sizeof(kv_decodes[0]); i++) {
		const struct kv_decode *d = &kv_decodes[i];
		struct kv_input in;
		struct rs8 rs;
		struct rs8_work w;
		uint8_t data[255], par[RS8_MAX_ROOTS];
		int r;

		kv_load(&in, d->vector);
		assert_int_equal(rs8_init(&rs, 0x11d, in.nroots), 0);
		memcpy(data, in.data, in.len);
		memcpy(par, in.par, in.nroots);
		for (int e = 0; e < d->errors; e++) {
			size_t pos = (size_t)(e * 37 + 5) % (in.len + in.nroots);

			if (pos < in.len)
				data[pos] ^= (uint8_t)(0xa5 + e);
			else
				par[pos - in.len] ^= (uint8_t)(0xa5 + e);
		}
		r = rs8_decode(&rs, &w, data, in.len, par);
		assert_int_equal(r, d->kernel_result);
		if (r >= 0) {
			assert_memory_equal(data, in.data, in.len);
			assert_memory_equal(par, in.par, in.nroots);
		}
	}
}

static void test_rs8_clean_block_reports_zero(void **state)
{
	struct rs8 rs;
	struct rs8_work w;
	uint8_t data[128], par[16];

	(void)state;
	pattern(data, sizeof(data));
	assert_int_equal(rs8_init(&rs, 0x11d, 16), 0);
	rs8_encode(&rs, data, sizeof(data), par);
	assert_int_equal(rs8_decode(&rs, &w, data, sizeof(data), par), 0);
}

/* Eight byte errors anywhere in a 128+16 block are corrected. */
static void test_rs8_corrects_eight_errors(void **state)
{
	struct rs8 rs;
	struct rs8_work w;
	uint8_t ref[128], data[128], rpar[16], par[16];
	unsigned int seed = 12345;

	(void)state;
	assert_int_equal(rs8_init(&rs, 0x11d, 16), 0);
	for (int trial = 0; trial < 200; trial++) {
		int hit[144] = { 0 };

		for (size_t i = 0; i < sizeof(ref); i++)
			ref[i] = (uint8_t)rand_r(&seed);
		rs8_encode(&rs, ref, sizeof(ref), rpar);
		memcpy(data, ref, sizeof(ref));
		memcpy(par, rpar, sizeof(par));
		for (int e = 0; e < 8;) {
			int pos = rand_r(&seed) % 144;

			if (hit[pos])
				continue;
			hit[pos] = 1;
			e++;
			if (pos < 128)
				data[pos] ^= (uint8_t)(1 + rand_r(&seed) % 255);
			else
				par[pos - 128] ^= (uint8_t)(1 + rand_r(&seed) % 255);
		}
		assert_int_equal(rs8_decode(&rs, &w, data, sizeof(data), par), 8);
		assert_memory_equal(data, ref, sizeof(ref));
		assert_memory_equal(par, rpar, sizeof(par));
	}
}

/*
 * Nine or more errors exceed the code; it must say so (or, rarely, land on
 * another codeword, which RS cannot rule out: count those and bound them).
 */
static void test_rs8_detects_too_many_errors(void **state)
{
	struct rs8 rs;
	struct rs8_work w;
	uint8_t ref[128], data[128], par[16], rpar[16];
	unsigned int seed = 777;
	int detected = 0, trials = 300;

	(void)state;
	assert_int_equal(rs8_init(&rs, 0x11d, 16), 0);
	for (int trial = 0; trial < trials; trial++) {
		int hit[144] = { 0 }, r;

		for (size_t i = 0; i < sizeof(ref); i++)
			ref[i] = (uint8_t)rand_r(&seed);
		rs8_encode(&rs, ref, sizeof(ref), rpar);
		memcpy(data, ref, sizeof(ref));
		memcpy(par, rpar, sizeof(par));
		for (int e = 0; e < 9 + trial % 8;) {
			int pos = rand_r(&seed) % 144;

			if (hit[pos])
				continue;
			hit[pos] = 1;
			e++;
			if (pos < 128)
				data[pos] ^= (uint8_t)(1 + rand_r(&seed) % 255);
			else
				par[pos - 128] ^= (uint8_t)(1 + rand_r(&seed) % 255);
		}
		r = rs8_decode(&rs, &w, data, sizeof(data), par);
		if (r < 0) {
			assert_int_equal(r, -EBADMSG);
			detected++;
		}
		/* never claims to have restored the original */
		assert_false(r >= 0 && !memcmp(data, ref, sizeof(ref)) &&
			     !memcmp(par, rpar, sizeof(par)));
	}
	assert_true(detected >= trials * 95 / 100);
}

static void test_rs8_uncorrectable_leaves_block_unchanged(void **state)
{
	struct rs8 rs;
	struct rs8_work w;
	uint8_t data[128], par[16], before[128], pbefore[16];

	(void)state;
	pattern(data, sizeof(data));
	assert_int_equal(rs8_init(&rs, 0x11d, 16), 0);
	rs8_encode(&rs, data, sizeof(data), par);
	for (int e = 0; e < 9; e++)
		data[e * 13] ^= 0x5a;
	memcpy(before, data, sizeof(data));
	memcpy(pbefore, par, sizeof(par));
	assert_int_equal(rs8_decode(&rs, &w, data, sizeof(data), par), -EBADMSG);
	assert_memory_equal(data, before, sizeof(data));
	assert_memory_equal(par, pbefore, sizeof(par));
}

static void test_rs8_init_rejects_bad_parameters(void **state)
{
	struct rs8 rs;

	(void)state;
	assert_int_equal(rs8_init(&rs, 0x11d, 0), -EINVAL);
	assert_int_equal(rs8_init(&rs, 0x11d, RS8_MAX_ROOTS + 1), -EINVAL);
	/* x^8 + 1 is not primitive; 0x1d lacks the x^8 term */
	assert_int_equal(rs8_init(&rs, 0x101, 16), -EINVAL);
	assert_int_equal(rs8_init(&rs, 0x1d, 16), -EINVAL);
	/* another primitive polynomial is fine */
	assert_int_equal(rs8_init(&rs, 0x187, 16), 0);
}

static void test_rs8_decode_rejects_bad_length(void **state)
{
	struct rs8 rs;
	struct rs8_work w;
	uint8_t data[255] = { 0 }, par[16] = { 0 };

	(void)state;
	assert_int_equal(rs8_init(&rs, 0x11d, 16), 0);
	assert_int_equal(rs8_decode(&rs, &w, data, 0, par), -EINVAL);
	assert_int_equal(rs8_decode(&rs, &w, data, 240, par), -EINVAL);
	assert_int_equal(rs8_decode(&rs, &w, data, 239, par), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rs8_encode_matches_kernel),
		cmocka_unit_test(test_rs8_decode_matches_kernel),
		cmocka_unit_test(test_rs8_clean_block_reports_zero),
		cmocka_unit_test(test_rs8_corrects_eight_errors),
		cmocka_unit_test(test_rs8_detects_too_many_errors),
		cmocka_unit_test(test_rs8_uncorrectable_leaves_block_unchanged),
		cmocka_unit_test(test_rs8_init_rejects_bad_parameters),
		cmocka_unit_test(test_rs8_decode_rejects_bad_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
