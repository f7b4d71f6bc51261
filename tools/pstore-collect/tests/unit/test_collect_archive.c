// SPDX-License-Identifier: GPL-2.0-only
/* Archive layout, durability order, journal, safe names, JSON report. */
#include "corpus.h"
#include "archive.h"
#include "report.h"

#include <sys/stat.h>

static struct pc_record mkrec(const char *name, const char *data)
{
	struct pc_record r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(pc_name_parse(name, &r.n), 0);
	r.name = strdup(name);
	r.raw_len = strlen(data);
	r.raw = (unsigned char *)strdup(data);
	r.mtime = 1700000000;
	assert_int_equal(pc_sha256_hex(r.raw, r.raw_len, NULL, 0, r.raw_sha), 0);
	pc_record_decode(&r, 1 << 20);
	return r;
}

static bool exists(const char *dir, const char *sub)
{
	char p[700];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", dir, sub);
	return stat(p, &st) == 0;
}

static void test_archive_safe_name_never_leaves_the_directory(void **state)
{
	static const char *const in[] = {
		"../../etc/passwd", "..", ".", "", "a/b", "dmesg-ramoops-0", ".hidden",
		"x\ny", "\xff\xfe",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		char *s = pc_safe_name(in[i]);

		assert_non_null(s);
		assert_null(strchr(s, '/'));
		assert_true(s[0] != 0 && s[0] != '.');
		for (char *p = s; *p; p++)
			assert_true(*p == '_' || *p == '-' || *p == '.' || (*p >= '0' && *p <= '9') ||
				    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
		free(s);
	}
}

static void test_archive_utf8_clean_replaces_junk(void **state)
{
	size_t bad;
	char *s = pc_utf8_clean((const unsigned char *)"ok \xc3\xa9 \xff\x01\n", 9, &bad);

	(void)state;
	assert_string_equal(s, "ok \xc3\xa9 \xef\xbf\xbd?\n");
	assert_int_equal(bad, 2);
	free(s);
	/* long runs take the 8-byte fast path; the junk inside must still be caught */
	{
		static const char mixed[] = "abcdefghijklmnopqrst\x01vwxyzabcdefg\x7fijklmnop\x80qrstuvwx\n";

		s = pc_utf8_clean((const unsigned char *)mixed, sizeof(mixed) - 1, &bad);
		assert_int_equal(pc_utf8_bad((const unsigned char *)mixed, sizeof(mixed) - 1), bad);
	}
	assert_string_equal(s, "abcdefghijklmnopqrst?vwxyzabcdefg?ijklmnop\xef\xbf\xbdqrstuvwx\n");
	assert_int_equal(bad, 3);
	free(s);
}

static void test_archive_field_clean_and_log_names(void **state)
{
	char f[] = "a\033[31mred\033[0m \033]0;title\007b\tc\nd\302\233e\342\200\256f\377g\302\205h \303\251";
	char *n;

	(void)state;
	pc_field_clean(f);
	assert_string_equal(f, "ared b c de" "f?gh \303\251");
	n = pc_log_name("dmesg-x\nFAKE\033\\");
	assert_string_equal(n, "dmesg-x\\x0aFAKE\\x1b\\x5c");
	free(n);
	{
		char t[32];

		pc_time_str(INT64_MIN, t);
		assert_string_equal(t, "0000-01-01T00:00:00Z");
		pc_time_str(INT64_MAX, t);
		assert_string_equal(t, "9999-12-31T23:59:59Z");
		pc_time_str(-1, t);
		assert_string_equal(t, "1969-12-31T23:59:59Z");
	}
}

static void test_archive_write_atomic_leaves_no_temp(void **state)
{
	char *d = scratch_dir();
	int dfd = open(d, O_RDONLY | O_DIRECTORY);

	(void)state;
	assert_int_equal(pc_write_atomic(dfd, "f", "one", 3, true), 0);
	assert_int_equal(pc_write_atomic(dfd, "f", "two", 3, false), 0);
	assert_true(exists(d, "f"));
	assert_false(exists(d, ".f.tmp"));
	close(dfd);
	rm_rf(d);
	free(d);
}

static void test_archive_open_fails_cleanly_on_unusable_dir(void **state)
{
	char *d = scratch_dir(), p[600];
	struct pc_archive ar;

	(void)state;
	write_file(d, "file", "x", 1);
	snprintf(p, sizeof(p), "%s/file/archive", d);
	assert_true(pc_archive_open(p, &ar, 0) < 0);
	rm_rf(d);
	free(d);
}

/* The whole collect order on one crash: write, commit (journal+sync), unlink. */
static void test_archive_crash_round_trip_and_journal(void **state)
{
	char *src = scratch_dir(), *arch = scratch_dir(), sub[128];
	struct pc_archive ar;
	struct pc_record r[2];
	struct pc_crash *c;
	struct pc_report rep;
	struct pc_record *recs[2];
	const char *dirs[2];
	json_object *j;
	size_t n;
	int sfd;

	(void)state;
	write_file(src, "dmesg-ramoops-0", "Panic#1 Part1\nKernel panic - not syncing: x\n", 44);
	write_file(src, "dmesg-ramoops-1", "Panic#1 Part2\nhead\n", 19);
	sfd = open(src, O_RDONLY | O_DIRECTORY);
	assert_int_equal(pc_record_load(sfd, "dmesg-ramoops-0", 1 << 20, 1 << 20, &r[0]), 0);
	assert_int_equal(pc_record_load(sfd, "dmesg-ramoops-1", 1 << 20, 1 << 20, &r[1]), 0);
	assert_int_equal(pc_group(r, 2, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(pc_report_init(&rep, &c[0], "machine-1"), 0);
	j = pc_report_json(&rep, "machine-1", "host", 1700000000);
	assert_int_equal(json_object_get_int(json_object_object_get(j, "schema_version")), PC_SCHEMA_VERSION);
	assert_null(json_object_object_get(j, "text"));
	assert_string_equal(json_object_get_string(json_object_object_get(j, "text_file")), "dmesg.txt");
	pc_report_add_text(j, &rep);
	assert_string_equal(json_object_get_string(json_object_object_get(j, "text")),
			    "head\nKernel panic - not syncing: x\n");
	json_object_object_del(j, "text");
	assert_string_equal(json_object_get_string(json_object_object_get(j, "idempotency_key")), rep.key);

	assert_int_equal(pc_archive_open(arch, &ar, 0), 0);
	assert_null(pc_archive_has(&ar, r[0].raw_sha));
	assert_int_equal(pc_archive_write(&ar, &rep, json_object_to_json_string(j)), 0);
	snprintf(sub, sizeof(sub), "%s/report.json", rep.dir);
	assert_true(exists(arch, sub));
	snprintf(sub, sizeof(sub), "%s/dmesg-ramoops-1", rep.dir);
	assert_true(exists(arch, sub));
	recs[0] = &r[0];
	recs[1] = &r[1];
	dirs[0] = dirs[1] = rep.dir;
	assert_int_equal(pc_archive_commit(&ar, recs, dirs, 2), 0);
	pc_archive_close(&ar);

	/* a re-run finds both records in the journal */
	assert_int_equal(pc_archive_open(arch, &ar, 0), 0);
	assert_non_null(pc_archive_has(&ar, r[0].raw_sha));
	assert_string_equal(pc_archive_has(&ar, r[1].raw_sha), rep.dir);
	assert_int_equal(pc_source_unlink(sfd, &r[0]), 0);
	assert_false(exists(src, "dmesg-ramoops-0"));
	assert_int_equal(pc_archive_journal_reset(&ar), 0);
	pc_archive_close(&ar);
	assert_int_equal(pc_archive_open(arch, &ar, 0), 0);
	assert_null(pc_archive_has(&ar, r[1].raw_sha));
	pc_archive_close(&ar);

	json_object_put(j);
	pc_report_fini(&rep);
	pc_crashes_free(c, n);
	pc_record_free(&r[0]);
	pc_record_free(&r[1]);
	close(sfd);
	rm_rf(src);
	rm_rf(arch);
	free(src);
	free(arch);
}

/* A record replaced under the same name since it was read is not unlinked. */
static void test_archive_unlink_refuses_replaced_record(void **state)
{
	char *src = scratch_dir(), p[600];
	struct pc_record r;
	int sfd;

	(void)state;
	write_file(src, "dmesg-ramoops-0", "Panic#1 Part1\nold\n", 18);
	sfd = open(src, O_RDONLY | O_DIRECTORY);
	assert_int_equal(pc_record_load(sfd, "dmesg-ramoops-0", 1 << 20, 1 << 20, &r), 0);
	/* the new file exists before the old one goes: no inode reuse */
	write_file(src, "new", "Panic#1 Part1\nnew\n", 18);
	snprintf(p, sizeof(p), "%s/new", src);
	{
		char p2[600];

		snprintf(p2, sizeof(p2), "%s/dmesg-ramoops-0", src);
		assert_int_equal(rename(p, p2), 0);
	}
	assert_int_equal(pc_source_unlink(sfd, &r), -ESTALE);
	assert_true(exists(src, "dmesg-ramoops-0"));
	pc_record_free(&r);
	close(sfd);
	rm_rf(src);
	free(src);
}

static void test_archive_journal_ignores_torn_lines(void **state)
{
	char *arch = scratch_dir();
	struct pc_archive ar;
	char sha[PC_SHA256_HEX];

	(void)state;
	assert_int_equal(pc_sha256_hex("x", 1, NULL, 0, sha), 0);
	write_file(arch, "journal", sha, 40); /* killed mid-line */
	assert_int_equal(pc_archive_open(arch, &ar, 0), 0);
	assert_null(pc_archive_has(&ar, sha));
	pc_archive_close(&ar);
	/* journaled twice, once naming a crash that is not there: the real one wins */
	{
		char j[400], d[600];

		snprintf(j, sizeof(j), "%s dmesg-gone\n%s dmesg-1234\n%s dmesg-zzz\n", sha, sha, sha);
		write_file(arch, "journal", j, strlen(j));
		snprintf(d, sizeof(d), "%s/dmesg-1234", arch);
		assert_int_equal(mkdir(d, 0700), 0);
		write_file(d, "report.json", "{}", 2);
		assert_int_equal(pc_archive_open(arch, &ar, 0), 0);
		assert_string_equal(pc_archive_has(&ar, sha), "dmesg-1234");
		pc_archive_close(&ar);
	}
	rm_rf(arch);
	free(arch);
}

static void test_archive_report_json_for_console_record(void **state)
{
	struct pc_record r = mkrec("console-ramoops-0", "console \xff text\n");
	struct pc_crash *c;
	struct pc_report rep;
	json_object *j, *errs;
	size_t n;

	(void)state;
	assert_int_equal(pc_group(&r, 1, &c, &n), 0);
	assert_int_equal(pc_report_init(&rep, &c[0], "m"), 0);
	assert_false(rep.is_dump);
	j = pc_report_json(&rep, "m", "h", 0);
	assert_string_equal(json_object_get_string(json_object_object_get(j, "type")), "console");
	assert_null(json_object_object_get(j, "signature"));
	errs = json_object_object_get(j, "errors");
	assert_int_equal(json_object_array_length(errs), 1);
	json_object_put(j);
	pc_report_fini(&rep);
	pc_crashes_free(c, n);
	pc_record_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_archive_safe_name_never_leaves_the_directory),
		cmocka_unit_test(test_archive_utf8_clean_replaces_junk),
		cmocka_unit_test(test_archive_field_clean_and_log_names),
		cmocka_unit_test(test_archive_write_atomic_leaves_no_temp),
		cmocka_unit_test(test_archive_open_fails_cleanly_on_unusable_dir),
		cmocka_unit_test(test_archive_crash_round_trip_and_journal),
		cmocka_unit_test(test_archive_unlink_refuses_replaced_record),
		cmocka_unit_test(test_archive_journal_ignores_torn_lines),
		cmocka_unit_test(test_archive_report_json_for_console_record),
	};

	return cmocka_run_group_tests_name("pstore-collect archive", tests, NULL, NULL);
}
