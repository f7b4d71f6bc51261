// SPDX-License-Identifier: GPL-2.0-only
/* ramoops_fmt.c: CRC32, region layout, zone geometry, dmesg header line. */
#include "rmo_test.h"

static void test_crc32_known_answer(void **state)
{
	(void)state;
	assert_int_equal(rmo_crc32(0, "123456789", 9), 0xcbf43926u);
	assert_int_equal(rmo_crc32(0, "", 0), 0);
}

static void test_crc32_incremental_equals_whole(void **state)
{
	const char *s = "The quick brown fox jumps over the lazy dog";
	size_t n = strlen(s);

	(void)state;
	assert_int_equal(rmo_crc32(rmo_crc32(0, s, 10), s + 10, n - 10),
			 rmo_crc32(0, s, n));
	assert_int_equal(rmo_crc32(0, s, n), 0x414fa339u);
}

/* The example measured on upstream in QEMU.md: 4 zones of 0x27c00. */
static void test_layout_matches_upstream_example(void **state)
{
	struct rmo_layout_req req = {
		.mem_size = 0x100000, .record_size = 0x20000,
		.console_size = 0x40000, .pmsg_size = 0x20000,
		.ftrace_size = 0x1000,
	};
	struct rmo_layout l;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), 0);
	assert_int_equal(l.dmesg_cnt, 4);
	assert_int_equal(l.dmesg_zone_size, 0x27c00);
	assert_int_equal(l.console_off, 4 * 0x27c00);
	assert_int_equal(l.pmsg_off, 4 * 0x27c00 + 0x40000);
	assert_int_equal(l.ftrace_off, 4 * 0x27c00 + 0x60000);
	assert_int_equal(l.rounded, 0);
}

static void test_layout_rounds_down_to_power_of_two(void **state)
{
	struct rmo_layout_req req = {
		.mem_size = 0x100000, .record_size = 0x3000,
		.console_size = 0x5000, .pmsg_size = 0x1000,
	};
	struct rmo_layout l;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), 0);
	assert_int_equal(l.record_size, 0x2000);
	assert_int_equal(l.console_size, 0x4000);
	assert_int_equal(l.rounded, RMO_ROUNDED_RECORD | RMO_ROUNDED_CONSOLE);
}

/* Without dmesg zones upstream puts the console at the region start. */
static void test_layout_zero_record_size_puts_console_first(void **state)
{
	struct rmo_layout_req req = {
		.mem_size = 0x10000, .console_size = 0x4000, .pmsg_size = 0x4000,
	};
	struct rmo_layout l;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), 0);
	assert_int_equal(l.dmesg_cnt, 0);
	assert_int_equal(l.console_off, 0);
	assert_int_equal(l.pmsg_off, 0x4000);
}

/* Linux 6.1 and older put the ftrace area before pmsg. */
static void test_layout_legacy_order_moves_pmsg_after_ftrace(void **state)
{
	struct rmo_layout_req req = {
		.mem_size = 0x100000, .record_size = 0x10000,
		.console_size = 0x4000, .pmsg_size = 0x4000,
		.ftrace_size = 0x1000, .legacy_order = true,
	};
	struct rmo_layout l;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), 0);
	assert_int_equal(l.dmesg_cnt, 15);
	assert_int_equal(l.console_off, 0xf6fea);
	assert_int_equal(l.ftrace_off, 0xf6fea + 0x4000);
	assert_int_equal(l.pmsg_off, 0xf6fea + 0x5000);
	req.legacy_order = false;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), 0);
	assert_int_equal(l.pmsg_off, 0xf6fea + 0x4000);
	assert_int_equal(l.ftrace_off, 0xf6fea + 0x8000);
}

static void test_layout_rejects_zones_larger_than_region(void **state)
{
	struct rmo_layout_req req = {
		.mem_size = 0x10000, .record_size = 0x1000,
		.console_size = 0x10000, .pmsg_size = 0x1000,
	};
	struct rmo_layout l;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), -EINVAL);
	assert_non_null(strstr(why, "exceed mem_size"));

	req.console_size = 0x8000;
	req.pmsg_size = 0x8000;
	why = NULL;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), -EINVAL);
	assert_non_null(strstr(why, "no room for one dmesg record"));

	memset(&req, 0, sizeof(req));
	req.mem_size = 0x1000;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), -EINVAL);
	req.mem_size = 0;
	req.record_size = 0x1000;
	assert_int_equal(rmo_layout_compute(&req, &l, &why), -EINVAL);
}

/* Upstream's ECC arithmetic for a 4 KiB zone, worked by hand. */
static void test_geom_ecc_placement_matches_upstream(void **state)
{
	struct rmo_geom g;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_geom_init(&g, 4096, 16, 128, &why), 0);
	/* buffer 4084; blocks = ceil((4084-16)/144) = 29; parity 30*16 = 480 */
	assert_int_equal(g.ecc_blocks, 29);
	assert_int_equal(g.data_size, 4084 - 480);
	assert_int_equal(g.par_off, 12 + 3604);
	assert_int_equal(g.hdr_par_off, 12 + 3604 + 29 * 16);
	assert_true(g.hdr_par_off + 16 <= 4096);

	assert_int_equal(rmo_geom_init(&g, 4096, 0, 0, &why), 0);
	assert_int_equal(g.data_size, 4084);
}

static void test_geom_rejects_ecc_too_big(void **state)
{
	struct rmo_geom g;
	const char *why = NULL;

	(void)state;
	assert_int_equal(rmo_geom_init(&g, 64, 64, 128, &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(rmo_geom_init(&g, 4096, 129, 64, &why), -EINVAL);
	assert_int_equal(rmo_geom_init(&g, 4096, 128, 128, &why), -EINVAL);
	assert_int_equal(rmo_geom_init(&g, 12, 0, 0, &why), -EINVAL);
}

static void test_hdrline_format_is_upstream(void **state)
{
	char buf[RMO_DMESG_HDR_MAX];

	(void)state;
	assert_int_equal(rmo_dmesg_hdr_format(buf, sizeof(buf), 1700000000,
					      123456789, true), 24);
	assert_string_equal(buf, "====1700000000.123456-C\n");
	rmo_dmesg_hdr_format(buf, sizeof(buf), 5, 7000, false);
	assert_string_equal(buf, "====5.000007-D\n");
	/* too small a buffer: nothing written, 0 returned */
	assert_int_equal(rmo_dmesg_hdr_format(buf, 10, 5, 0, false), 0);
}

static void test_hdrline_parse_accepts_upstream_variants(void **state)
{
	s64 sec;
	u32 nsec;
	bool c;
	const char *a = "====1700000000.123456-C\nrest";
	const char *b = "====42.5\nrest";		/* pre-4.x, no type */
	const char *n9 = "====42.123456789-D\n";	/* nanosecond writer */

	(void)state;
	assert_int_equal(rmo_dmesg_hdr_parse((const u8 *)a, strlen(a), &sec, &nsec, &c), 24);
	assert_int_equal(sec, 1700000000);
	assert_int_equal(nsec, 123456000);
	assert_true(c);
	assert_int_equal(rmo_dmesg_hdr_parse((const u8 *)b, strlen(b), &sec, &nsec, &c), 9);
	assert_int_equal(sec, 42);
	assert_int_equal(nsec, 5000);
	assert_false(c);
	assert_int_equal(rmo_dmesg_hdr_parse((const u8 *)n9, strlen(n9), &sec, &nsec, &c), 19);
	assert_int_equal(nsec, 123456789);
}

static void test_hdrline_parse_rejects_garbage(void **state)
{
	s64 sec;
	u32 nsec;
	bool c;
	const char *bad[] = {
		"", "===", "====", "====x.1-D\n", "====1.-D\n", "====1.2-D",
		"====1.2-Dx", "abcd1.2-D\n", "====99999999999999999999.1-D\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(rmo_dmesg_hdr_parse((const u8 *)bad[i],
						     strlen(bad[i]), &sec,
						     &nsec, &c), 0);
}

static void test_trailer_roundtrip_and_damage(void **state)
{
	struct rmo_trailer t = {
		.version = RMO_TRAILER_VERSION, .flags = 1, .rec_len = 1000,
		.rec_crc = 0xdeadbeef, .hdr_crc = 0x12345678, .hdr_len = 24,
		.sec = -5, .nsec = 999, .chunk_size = 63,
		.chunk_crc = { 1, 2, 3, [15] = 0xffffffff },
	}, r;
	u8 b[RMO_TRAILER_SIZE];

	(void)state;
	rmo_trailer_pack(&t, b);
	assert_int_equal(rmo_trailer_unpack(b, &r), RMO_TRAILER_VALID);
	assert_int_equal(r.flags, 1);
	assert_int_equal(r.rec_len, 1000);
	assert_int_equal(r.rec_crc, 0xdeadbeef);
	assert_int_equal(r.hdr_crc, 0x12345678);
	assert_int_equal(r.hdr_len, 24);
	assert_int_equal(r.sec, -5);
	assert_int_equal(r.nsec, 999);
	assert_int_equal(r.chunk_size, 63);
	assert_int_equal(r.chunk_crc[2], 3);
	assert_int_equal(r.chunk_crc[15], 0xffffffff);
	b[10] ^= 0x04;
	assert_int_equal(rmo_trailer_unpack(b, &r), RMO_TRAILER_DAMAGED);
	b[10] ^= 0x04;
	b[0] ^= 0x01;	/* one bit off the magic: still ours, damaged */
	assert_int_equal(rmo_trailer_unpack(b, &r), RMO_TRAILER_DAMAGED);
	memcpy(b, "kernel text", 11);
	assert_int_equal(rmo_trailer_unpack(b, &r), RMO_TRAILER_ABSENT);
}

static void test_ecc_notice_uses_upstream_wording(void **state)
{
	char buf[128];

	(void)state;
	assert_int_equal(rmo_ecc_notice(buf, sizeof(buf), false, 0, 0), 0);
	rmo_ecc_notice(buf, sizeof(buf), true, 0, 0);
	assert_string_equal(buf, "\nECC: No errors detected\n");
	rmo_ecc_notice(buf, sizeof(buf), true, 3, 1);
	assert_string_equal(buf, "\nECC: 3 Corrected bytes, 1 unrecoverable blocks\n");
	/* snprintf convention: length without room */
	assert_int_equal(rmo_ecc_notice(NULL, 0, true, 0, 0), 25);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32_known_answer),
		cmocka_unit_test(test_crc32_incremental_equals_whole),
		cmocka_unit_test(test_layout_matches_upstream_example),
		cmocka_unit_test(test_layout_rounds_down_to_power_of_two),
		cmocka_unit_test(test_layout_zero_record_size_puts_console_first),
		cmocka_unit_test(test_layout_legacy_order_moves_pmsg_after_ftrace),
		cmocka_unit_test(test_layout_rejects_zones_larger_than_region),
		cmocka_unit_test(test_geom_ecc_placement_matches_upstream),
		cmocka_unit_test(test_geom_rejects_ecc_too_big),
		cmocka_unit_test(test_hdrline_format_is_upstream),
		cmocka_unit_test(test_hdrline_parse_accepts_upstream_variants),
		cmocka_unit_test(test_hdrline_parse_rejects_garbage),
		cmocka_unit_test(test_trailer_roundtrip_and_damage),
		cmocka_unit_test(test_ecc_notice_uses_upstream_wording),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
