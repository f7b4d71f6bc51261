// SPDX-License-Identifier: GPL-2.0-only
/* Record names, dmesg headers, decompression, grouping and reassembly. */
#include "corpus.h"
#include "record.h"

#include <zlib.h>

/* ASan checks the whole span a str* call may read, not only the bytes it
 * compared: a compare that could run past a buffer fails here every time. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "strict_string_checks=1";
}

static void test_record_name_parses_upstream_backends(void **state)
{
	struct pc_name n;

	(void)state;
	assert_int_equal(pc_name_parse("dmesg-ramoops-0", &n), 0);
	assert_string_equal(n.type, "dmesg");
	assert_string_equal(n.backend, "ramoops");
	assert_int_equal(n.id, 0);
	assert_false(n.compressed);
	assert_int_equal(pc_name_parse("dmesg-efi_pstore-172345678901001", &n), 0);
	assert_string_equal(n.backend, "efi_pstore");
	assert_true(n.id == 172345678901001ull);
	assert_int_equal(pc_name_parse("dmesg-efi-150000000002003.enc.z", &n), 0);
	assert_string_equal(n.backend, "efi");
	assert_true(n.compressed);
	assert_int_equal(pc_name_parse("dmesg-erst-6952912433145020417", &n), 0);
	assert_string_equal(n.backend, "erst");
	assert_int_equal(pc_name_parse("dmesg-pstore_blk-3", &n), 0);
	assert_string_equal(n.backend, "pstore_blk");
	assert_int_equal(pc_name_parse("dmesg-mtd-1", &n), 0);
	assert_int_equal(pc_name_parse("console-ramoops-0", &n), 0);
	assert_string_equal(n.type, "console");
	assert_int_equal(pc_name_parse("pmsg-ramoops-0", &n), 0);
	assert_string_equal(n.type, "pmsg");
	assert_int_equal(pc_name_parse("ftrace-ramoops-0", &n), 0);
	assert_int_equal(pc_name_parse("powerpc-common-nvram-0", &n), 0);
	assert_string_equal(n.type, "powerpc-common");
	assert_string_equal(n.backend, "nvram");
}

static void test_record_name_rejects_odd_names(void **state)
{
	static const char *const bad[] = {
		"", "dmesg", "dmesg-", "dmesg-ramoops", "dmesg-ramoops-", "dmesg--0",
		"dmesg-ramoops-12x", "dmesg-ramoops--1", "foo-ramoops-0", "../dmesg-ramoops-0",
		"dmesg-../../etc-0", "dmesg-ram/oops-0", "dmesg-ram oops-0", "dmesg-ramoops-0.enc",
		".enc.z", "dmesg-ramoops-99999999999999999999999",
	};
	struct pc_name n;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pc_name_parse(bad[i], &n) == 0)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void test_record_header_parses_panic_part(void **state)
{
	struct pc_hdr h;
	static const char ok[] = "Panic#12 Part3\nrest";
	static const char *const bad[] = {
		"Panic#1 Part0\n", "Panic#1Part1\n", "#1 Part1\n", "Panic#x Part1\n",
		"Panic#1 Part1", "Panic#1 Part1 \n", "Panic 1 Part1\n", "",
	};

	(void)state;
	assert_int_equal(pc_hdr_parse((const unsigned char *)ok, sizeof(ok) - 1, &h), 15);
	assert_string_equal(h.reason, "Panic");
	assert_int_equal(h.count, 12);
	assert_int_equal(h.part, 3);
	assert_int_equal(pc_hdr_parse((const unsigned char *)"Oops#2 Part1\n", 13, &h), 13);
	assert_string_equal(h.reason, "Oops");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_true(pc_hdr_parse((const unsigned char *)bad[i], strlen(bad[i]), &h) < 0);
}

static unsigned char *deflate_buf(const char *in, size_t len, int bits, size_t *outlen)
{
	z_stream zs = { 0 };
	unsigned char *out = malloc(len + 1024);

	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)(len + 1024);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static void test_record_inflate_zlib_gzip_and_raw(void **state)
{
	static const char text[] = "Panic#1 Part1\nKernel panic - not syncing: test\n";
	int bits[] = { 15, 15 + 16, -15 };

	(void)state;
	for (int i = 0; i < 3; i++) {
		size_t zl, ol;
		unsigned char *z = deflate_buf(text, sizeof(text) - 1, bits[i], &zl), *o;

		assert_int_equal(pc_inflate(z, zl, 1 << 20, &o, &ol), 0);
		assert_int_equal(ol, sizeof(text) - 1);
		assert_memory_equal(o, text, ol);
		free(o);
		/* truncated input is an error, not a short record */
		assert_true(pc_inflate(z, zl / 2, 1 << 20, &o, &ol) < 0);
		free(z);
	}
}

static void test_record_inflate_rejects_garbage_and_bombs(void **state)
{
	unsigned char junk[512], *o;
	size_t ol, zl;
	char *big = malloc(4 << 20);
	unsigned char *z;

	(void)state;
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 37 + 11);
	assert_true(pc_inflate(junk, sizeof(junk), 1 << 20, &o, &ol) < 0);
	assert_true(pc_inflate(junk, 0, 1 << 20, &o, &ol) < 0);
	memset(big, 'A', 4 << 20);
	z = deflate_buf(big, 4 << 20, 15, &zl);
	assert_int_equal(pc_inflate(z, zl, 1 << 20, &o, &ol), -EFBIG);
	free(z);
	free(big);
}

/*
 * A record of exactly @data's bytes, without the NUL the loader adds after
 * them: nothing may read past the length (record.h), and ASan sees it here.
 */
static struct pc_record mkrec(const char *name, const char *data, int64_t mtime)
{
	struct pc_record r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(pc_name_parse(name, &r.n), 0);
	r.name = strdup(name);
	r.raw_len = strlen(data);
	r.raw = malloc(r.raw_len ? r.raw_len : 1);
	assert_non_null(r.raw);
	memcpy(r.raw, data, r.raw_len);
	r.mtime = mtime;
	assert_int_equal(pc_sha256_hex(r.raw, r.raw_len, NULL, 0, r.raw_sha), 0);
	pc_record_decode(&r, 1 << 20);
	return r;
}

static void free_recs(struct pc_record *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pc_record_free(&r[i]);
}

/* Part1 is the newest end of the log: the text runs from the highest part down. */
static void test_record_group_reassembles_highest_part_first(void **state)
{
	struct pc_record r[3];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-ramoops-0", "Panic#1 Part1\nline 5\nline 6\n", 1000);
	r[1] = mkrec("dmesg-ramoops-1", "Panic#1 Part3\nline 1\nline 2\n", 1000);
	r[2] = mkrec("dmesg-ramoops-2", "Panic#1 Part2\nline 3\nline 4\n", 1001);
	assert_int_equal(pc_group(r, 3, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].text, "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n");
	assert_int_equal(c[0].n_parts, 3);
	assert_int_equal(c[0].max_part, 3);
	assert_int_equal(c[0].n_missing, 0);
	assert_string_equal(c[0].hdr.reason, "Panic");
	assert_int_equal(strlen(c[0].id), 16);
	pc_crashes_free(c, n);
	free_recs(r, 3);
}

static void test_record_group_reports_missing_parts(void **state)
{
	struct pc_record r[2];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-efi_pstore-170000000001001", "Panic#1 Part1\nnewest\n", 0);
	r[1] = mkrec("dmesg-efi_pstore-170000000003001", "Panic#1 Part3\noldest\n", 0);
	assert_int_equal(pc_group(r, 2, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].n_missing, 1);
	assert_int_equal(c[0].missing[0], 2);
	assert_non_null(strstr(c[0].text, "oldest\n[pstore-collect: part 2 of this dump is missing]\nnewest\n"));
	pc_crashes_free(c, n);
	free_recs(r, 2);
}

/* Two boots' "Panic#1" (ramoops zones, EFI ids with other times) stay apart. */
static void test_record_group_separates_dumps(void **state)
{
	struct pc_record r[5];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-efi_pstore-170000000001001", "Panic#1 Part1\nboot A\n", 0);
	r[1] = mkrec("dmesg-efi_pstore-175000000001001", "Panic#1 Part1\nboot B\n", 0);
	r[2] = mkrec("dmesg-ramoops-0", "Oops#1 Part1\noops\n", 500);
	r[3] = mkrec("dmesg-ramoops-1", "Panic#2 Part1\npanic\n", 500);
	r[4] = mkrec("console-ramoops-0", "console text\n", 500);
	assert_int_equal(pc_group(r, 5, &c, &n), 0);
	assert_int_equal(n, 5);
	pc_crashes_free(c, n);
	free_recs(r, 5);
}

/* lastgasp fans one dump out to several backends: one crash, best copy used. */
static void test_record_group_merges_backend_copies(void **state)
{
	struct pc_record r[4];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-ramoops-0", "Panic#1 Part1\nline 3\nKernel panic - not syncing: Fatal exception\n", 1700000000);
	r[1] = mkrec("dmesg-ramoops-1", "Panic#1 Part2\nline 1\nline 2\n", 1700000000);
	r[2] = mkrec("dmesg-efi_pstore-170000000101001", "Panic#1 Part1\nKernel panic - not syncing: Fatal exception\n", 0);
	/* same reason#count and time, other text: another crash, kept apart */
	r[3] = mkrec("dmesg-pstore_blk-0", "Panic#1 Part1\nKernel panic - not syncing: VFS: Unable to mount root\n", 1700000001);
	assert_int_equal(pc_group(r, 4, &c, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].backend, "ramoops");
	assert_int_equal(c[0].n_parts, 2);
	assert_int_equal(c[0].n_copies, 1);
	assert_string_equal(c[0].copies[0]->n.backend, "efi_pstore");
	assert_string_equal(c[0].text, "line 1\nline 2\nline 3\nKernel panic - not syncing: Fatal exception\n");
	assert_string_equal(c[1].backend, "pstore_blk");
	pc_crashes_free(c, n);
	free_recs(r, 4);
}

static void test_record_efi_id_orders_parts_without_header(void **state)
{
	struct pc_record r[2];
	struct pc_crash *c;
	size_t n;

	(void)state;
	/* id = time * 100000 + part * 1000 + count */
	r[0] = mkrec("dmesg-efi-170000000001005", "tail\n", 0);
	r[1] = mkrec("dmesg-efi-170000000002005", "head\n", 0);
	assert_int_equal(r[1].hdr.part, 2);
	assert_int_equal(r[1].hdr.count, 5);
	assert_int_equal(r[1].mtime, 1700000000);
	assert_int_equal(pc_group(r, 2, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].text, "head\ntail\n");
	pc_crashes_free(c, n);
	free_recs(r, 2);
}

static void test_record_ramoops_ecc_notice_is_stripped(void **state)
{
	struct pc_record r = mkrec("dmesg-ramoops-0",
				   "Panic#1 Part1\nlog line\n\nECC: 3 Corrected bytes, 1 unrecoverable blocks\n", 0);

	(void)state;
	assert_int_equal(r.ecc_corrected, 3);
	assert_int_equal(r.ecc_bad_blocks, 1);
	assert_int_equal(r.body_len, strlen("log line\n"));
	pc_record_free(&r);
}

/* The ECC check reads only the record's own bytes: a last line shorter than
 * "ECC: " at the very end of an unterminated buffer (strict_string_checks
 * makes ASan see the 5-byte strncmp the old code did there; found by a long
 * fuzz run). */
static void test_record_ecc_check_stays_inside_the_record(void **state)
{
	static const char *const texts[] = {
		"Panic#1 Part1\nlog line\nE\n",
		"Panic#1 Part1\nlog line\nECC\n",
		"Panic#1 Part1\nlog line\n\n",
		"Panic#1 Part1\nlog line\n\nECC: 7 Corrected bytes, 2 unrecoverable blocks\n",
		"Panic#1 Part1\nlog line\n\nECC: No errors detected\n",
		"Panic#1 Part1\nlog line\n\nECC: No errors detected, and more\n",
		"Panic#1 Part1\nlog line\n\nECC: 7\n",
	};
	static const int want[][2] = { { -1, -1 }, { -1, -1 }, { -1, -1 }, { 7, 2 },
				       { 0, 0 }, { -1, -1 }, { -1, -1 } };

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct pc_record r = mkrec("dmesg-ramoops-0", texts[i], 0);

		assert_int_equal(r.ecc_corrected, want[i][0]);
		assert_int_equal(r.ecc_bad_blocks, want[i][1]);
		if (want[i][0] >= 0)
			assert_int_equal(r.body_len, strlen("log line\n"));
		pc_record_free(&r);
	}
}

/* A dmesg file of binary junk is still one crash: nothing dropped, nothing guessed. */
static void test_record_binary_junk_is_kept_whole(void **state)
{
	struct pc_record r;
	struct pc_crash *c;
	size_t n;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(pc_name_parse("dmesg-erst-77", &r.n), 0);
	r.name = strdup("dmesg-erst-77");
	r.raw_len = 300;
	r.raw = malloc(301);
	for (size_t i = 0; i < 300; i++)
		r.raw[i] = (unsigned char)(i * 7);
	pc_record_decode(&r, 1 << 20);
	assert_false(r.has_hdr);
	assert_int_equal(pc_group(&r, 1, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].text_len, 300);
	assert_memory_equal(c[0].text, r.raw, 300);
	pc_crashes_free(c, n);
	pc_record_free(&r);
}

static void test_record_bad_compression_keeps_raw(void **state)
{
	struct pc_record r = mkrec("dmesg-efi-170000000001001.enc.z", "definitely not deflate", 0);

	(void)state;
	assert_non_null(strstr(r.error, "cannot decompress"));
	/* the text says so in one line; the undecodable bytes are not text */
	assert_ptr_not_equal(r.data, r.raw);
	assert_non_null(strstr((char *)r.data, "not decoded: corrupt data"));
	assert_null(strstr((char *)r.data, "definitely"));
	pc_record_free(&r);
}

static void test_record_bomb_is_reported_too_large(void **state)
{
	size_t zl;
	char *zeros = calloc(1, 64 << 20);
	unsigned char *z = deflate_buf(zeros, 64 << 20, -15, &zl);
	struct pc_record r;

	(void)state;
	free(zeros);
	assert_true(zl < 128 << 10); /* ~64 KB that claims 64 MB */
	memset(&r, 0, sizeof(r));
	assert_int_equal(pc_name_parse("dmesg-efi-170000000001001.enc.z", &r.n), 0);
	r.name = strdup("dmesg-efi-170000000001001.enc.z");
	r.raw = z;
	r.raw_len = zl;
	pc_record_decode(&r, 1 << 20);
	assert_non_null(strstr(r.error, "too large, more than 1048576 bytes decompressed"));
	assert_true(r.data_len < 400);
	assert_non_null(strstr((char *)r.data, "not decoded: too large"));
	pc_record_free(&r);
}

static void test_record_huge_part_claim_costs_nothing(void **state)
{
	struct pc_record r[3];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-ramoops-0", "Panic#1 Part999999\nhead\n", 1700000000);
	r[1] = mkrec("dmesg-ramoops-1", "Panic#1 Part500000\nmiddle\n", 1700000000);
	r[2] = mkrec("dmesg-ramoops-2", "Panic#1 Part2\ntail\n", 1700000000);
	assert_int_equal(pc_group(r, 3, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_true(c[0].text_len < 400);
	assert_string_equal(c[0].text, "head\n"
			    "[pstore-collect: parts 500001 to 999998 of this dump are missing]\n"
			    "middle\n"
			    "[pstore-collect: parts 3 to 499999 of this dump are missing]\n"
			    "tail\n"
			    "[pstore-collect: part 1 of this dump is missing]\n");
	assert_int_equal(c[0].n_gaps, 3);
	assert_true(c[0].missing_total == 999999 - 3);
	assert_int_equal(c[0].n_missing, PC_MISSING_LIST);
	assert_int_equal(c[0].missing[0], 999998);
	pc_crashes_free(c, n);
	for (int i = 0; i < 3; i++)
		pc_record_free(&r[i]);
}

/* A part of an EFI dump that fails to decompress stays in its dump. */
static void test_record_undecodable_efi_part_does_not_split_its_dump(void **state)
{
	struct pc_record r[3];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-efi_pstore-170000000001004", "Panic#4 Part1\nBUG: x\n", 0);
	r[1] = mkrec("dmesg-efi_pstore-170000000002004.enc.z", "garbage, not deflate", 0);
	r[2] = mkrec("dmesg-efi_pstore-170000000003004", "Panic#4 Part3\nfirst\n", 0);
	assert_true(r[1].hdr_from_id);
	assert_int_equal(pc_group(r, 3, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].n_parts, 3);
	assert_true(c[0].missing_total == 0);
	assert_string_equal(c[0].hdr.reason, "Panic");
	assert_non_null(strstr(c[0].text, "not decoded"));
	pc_crashes_free(c, n);
	for (int i = 0; i < 3; i++)
		pc_record_free(&r[i]);
}

/* An unreadable header in the one gap of a dump: placed there, not split off. */
static void test_record_headerless_part_fills_the_one_gap(void **state)
{
	struct pc_record r[4];
	struct pc_crash *c;
	size_t n;

	(void)state;
	r[0] = mkrec("dmesg-ramoops-0", "Panic#1 Part1\ntail\n", 1700000000);
	r[1] = mkrec("dmesg-ramoops-1", "Panic#1 Pxrt2\nmiddle\n", 1700000000);
	r[2] = mkrec("dmesg-ramoops-2", "Panic#1 Part3\nhead\n", 1700000000);
	assert_false(r[1].has_hdr);
	assert_int_equal(pc_group(r, 3, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_true(c[0].missing_total == 0);
	assert_string_equal(c[0].text, "head\nPanic#1 Pxrt2\nmiddle\ntail\n");
	assert_non_null(strstr(r[1].error, "placed as part 2"));
	pc_crashes_free(c, n);
	/* two dumps with a gap each: where it belongs is not known, nothing is guessed */
	r[3] = mkrec("dmesg-ramoops-3", "Panic#2 Part2\nother\n", 1700000000);
	r[1].has_hdr = false;
	r[1].error[0] = 0;
	assert_int_equal(pc_group(r, 4, &c, &n), 0);
	assert_int_equal(n, 3);
	pc_crashes_free(c, n);
	for (int i = 0; i < 4; i++)
		pc_record_free(&r[i]);
}

static void test_record_extreme_times_are_clamped(void **state)
{
	struct pc_record a = mkrec("dmesg-ramoops-0", "Panic#1 Part1\nx\n", INT64_MIN);
	struct pc_record b = mkrec("dmesg-ramoops-1", "Panic#1 Part1\ny\n", INT64_MAX);
	struct pc_record r[2];
	struct pc_crash *c;
	size_t n;

	(void)state;
	assert_true(a.mtime >= -62167219200LL && b.mtime <= 253402300799LL);
	r[0] = a;
	r[1] = b;
	assert_int_equal(pc_group(r, 2, &c, &n), 0); /* no overflow (UBSan) */
	assert_int_equal(n, 2);
	pc_crashes_free(c, n);
	pc_record_free(&r[0]);
	pc_record_free(&r[1]);
}

static void test_record_load_refuses_dirs_symlinks_and_huge_files(void **state)
{
	char *d = scratch_dir(), path[600];
	struct pc_record r;
	int dfd;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof(big));
	write_file(d, "dmesg-ramoops-0", "Panic#1 Part1\nok\n", 17);
	write_file(d, "dmesg-ramoops-1", big, sizeof(big));
	snprintf(path, sizeof(path), "%s/dmesg-ramoops-2", d);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/dmesg-ramoops-3", d);
	assert_int_equal(symlink("/etc/passwd", path), 0);
	dfd = open(d, O_RDONLY | O_DIRECTORY);
	assert_int_equal(pc_record_load(dfd, "dmesg-ramoops-0", 4096, 1 << 20, &r), 0);
	assert_true(r.has_hdr);
	pc_record_free(&r);
	assert_int_equal(pc_record_load(dfd, "dmesg-ramoops-1", 4096, 1 << 20, &r), -EFBIG);
	assert_int_equal(pc_record_load(dfd, "dmesg-ramoops-2", 4096, 1 << 20, &r), -EISDIR);
	assert_int_equal(pc_record_load(dfd, "dmesg-ramoops-3", 4096, 1 << 20, &r), -ELOOP);
	assert_int_equal(pc_record_load(dfd, "not-a-record", 4096, 1 << 20, &r), -EINVAL);
	/* a FIFO is refused by its type, never opened (an open would block) */
	snprintf(path, sizeof(path), "%s/dmesg-ramoops-4", d);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(pc_record_load(dfd, "dmesg-ramoops-4", 4096, 1 << 20, &r), -EISDIR);
	close(dfd);
	rm_rf(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_name_parses_upstream_backends),
		cmocka_unit_test(test_record_name_rejects_odd_names),
		cmocka_unit_test(test_record_header_parses_panic_part),
		cmocka_unit_test(test_record_inflate_zlib_gzip_and_raw),
		cmocka_unit_test(test_record_inflate_rejects_garbage_and_bombs),
		cmocka_unit_test(test_record_group_reassembles_highest_part_first),
		cmocka_unit_test(test_record_group_reports_missing_parts),
		cmocka_unit_test(test_record_group_separates_dumps),
		cmocka_unit_test(test_record_group_merges_backend_copies),
		cmocka_unit_test(test_record_efi_id_orders_parts_without_header),
		cmocka_unit_test(test_record_ramoops_ecc_notice_is_stripped),
		cmocka_unit_test(test_record_ecc_check_stays_inside_the_record),
		cmocka_unit_test(test_record_binary_junk_is_kept_whole),
		cmocka_unit_test(test_record_bad_compression_keeps_raw),
		cmocka_unit_test(test_record_bomb_is_reported_too_large),
		cmocka_unit_test(test_record_huge_part_claim_costs_nothing),
		cmocka_unit_test(test_record_undecodable_efi_part_does_not_split_its_dump),
		cmocka_unit_test(test_record_extreme_times_are_clamped),
		cmocka_unit_test(test_record_headerless_part_fills_the_one_gap),
		cmocka_unit_test(test_record_load_refuses_dirs_symlinks_and_huge_files),
	};

	return cmocka_run_group_tests_name("pstore-collect record", tests, NULL, NULL);
}
