// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp status against fake sysfs trees: each test builds the files a
 * kernel would show under a temporary root, runs st_read() on it and checks
 * the verdict, the warnings and the text and JSON output.
 */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <json-c/json.h>

#include "status.h"

static char root[256];
static struct status st;
static struct json_object *last_json;

static void mkparents(const char *path)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			fail_msg("mkdir %s: %s", buf, strerror(errno));
		*p = '/';
	}
}

static void mkdir_rel(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/", root, rel);
	mkparents(path);
}

static void unlink_rel(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(unlink(path), 0);
}

/* put("sys/module/x/parameters/y", "%s\n", ...) under the fake root */
static void put(const char *rel, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	mkparents(path);
	f = fopen(path, "w");
	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	assert_int_equal(fclose(f), 0);
}

static void param(const char *module, const char *name, const char *value)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "sys/module/%s/parameters/%s", module, name);
	put(rel, "%s\n", value);
}

/* The tools/vm defaults: 1 MiB at 0x8000000, as the running ramoops shows them. */
static void ramoops(void)
{
	param("ramoops", "mem_address", "134217728");
	param("ramoops", "mem_size", "1048576");
	param("ramoops", "record_size", "131072");
	param("ramoops", "console_size", "262144");
	param("ramoops", "pmsg_size", "131072");
	param("ramoops", "ftrace_size", "0");
	param("ramoops", "ecc", "0");
	param("ramoops", "max_reason", "2");
	param("ramoops", "legacy_layout", "N");
}

static void efi(const char *store)
{
	param("pstore_efi", "store", store);
	param("pstore_efi", "record_size", "16384");
	param("pstore_efi", "free_percent", "50");
}

/* A lastgasp kernel with the given backends, no crash kernel. */
static void kernel(const char *backends)
{
	param("pstore", "backend", backends);
	param("pstore", "max_reason", "0");
	param("pstore", "kmsg_bytes", "10240");
	param("pstore", "compress", "deflate");
	param("kernel", "panic_order", "dump-first");
	put("sys/kernel/kexec_crash_loaded", "0\n");
	put("sys/kernel/kexec_crash_size", "0\n");
	put("proc/cmdline", "console=ttyS0 panic=-1\n");
	put("proc/self/mounts", "proc /proc proc rw 0 0\npstore /sys/fs/pstore pstore rw,relatime 0 0\n");
	mkdir_rel("sys/fs/pstore");
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/lastgasp-status-test.XXXXXX");
	if (!mkdtemp(root))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	json_object_put(last_json);
	last_json = NULL;
	return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *text(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	st_print_text(f, &st);
	fclose(f);
	return buf;
}

/* The JSON output, parsed; freed by the next call or the teardown. */
static struct json_object *json(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json_object *o;

	assert_non_null(f);
	st_print_json(f, &st);
	fclose(f);
	o = json_tokener_parse(buf);
	if (!o)
		fail_msg("not JSON:\n%s", buf);
	free(buf);
	json_object_put(last_json);
	last_json = o;
	return o;
}

static struct json_object *jget(struct json_object *o, const char *path)
{
	char buf[256], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *k = strtok_r(buf, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
		struct json_object *next = NULL;

		if (json_object_is_type(o, json_type_array))
			next = json_object_array_get_idx(o, (size_t)atoi(k));
		else if (!json_object_object_get_ex(o, k, &next))
			fail_msg("no %s in JSON (at %s)", path, k);
		o = next;
	}
	return o;
}

static bool has_warning(const char *needle)
{
	for (int i = 0; i < st.nwarnings; i++)
		if (strstr(st.warnings[i], needle))
			return true;
	return false;
}

static void assert_text_has(const char *needle)
{
	char *t = text();

	if (!strstr(t, needle)) {
		fprintf(stderr, "%s", t);
		free(t);
		fail_msg("text lacks \"%s\"", needle);
	}
	free(t);
}

static void test_status_ramoops_zones(void **state)
{
	struct json_object *o;

	(void)state;
	kernel("ramoops");
	ramoops();
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_SAVED);
	assert_int_equal(st.nbe, 1);
	assert_string_equal(st.be[0].module, "ramoops");
	/* 1 MiB - console 256 KiB - pmsg 128 KiB = 640 KiB: five zones of 128 KiB */
	assert_true(st.be[0].layout_known);
	assert_int_equal(st.be[0].dmesg_cnt, 5);
	assert_int_equal(st.be[0].dmesg_zone_size, 131072);
	assert_int_equal(st.nwarnings, 0);
	assert_text_has("a panic's log would be saved in 1 backend (ramoops)\n");
	assert_text_has("  1. ramoops     RAM 1 MiB at 0x8000000: 5 dmesg zones of 128 KiB, console 256 KiB, pmsg 128 KiB, ECC off; max_reason 2 (oops)\n");
	assert_text_has("panic order:     dump-first: dump into every backend, then kdump\n");
	assert_text_has("crash kernel:    not loaded, no memory reserved\n");
	assert_text_has("kmsg_bytes:      10240");
	assert_text_has("warnings:        none\n");
	o = json();
	assert_string_equal(json_object_get_string(jget(o, "verdict")), "saved");
	assert_string_equal(json_object_get_string(jget(o, "backends.0.name")), "ramoops");
	assert_int_equal(json_object_get_int(jget(o, "backends.0.dmesg_zones")), 5);
	assert_int_equal(json_object_get_int64(jget(o, "backends.0.mem_address")), 0x8000000);
	assert_string_equal(json_object_get_string(jget(o, "backends.0.parameters.legacy_layout")), "N");
	assert_string_equal(json_object_get_string(jget(o, "panic_order")), "dump-first");
	assert_int_equal(json_object_get_int(jget(o, "kmsg_bytes")), 10240);
	assert_int_equal(json_object_get_int(jget(o, "max_reason")), 0);
	assert_false(json_object_get_boolean(jget(o, "crash_kernel.loaded")));
	assert_null(jget(o, "crash_kernel.digests_taken"));
}

/* The legacy order and the ftrace area change the zones as in the kernel. */
static void test_status_ramoops_ftrace_area(void **state)
{
	(void)state;
	kernel("ramoops");
	ramoops();
	param("ramoops", "ftrace_size", "4096");
	param("ramoops", "record_size", "100000");	/* rounded down to 64 KiB */
	st_read(&st, root, NULL);
	/* (1 MiB - 256 K - 128 K - 4 K) / 64 KiB = 9 zones of 70712 bytes */
	assert_int_equal(st.be[0].dmesg_cnt, 9);
	assert_int_equal(st.be[0].dmesg_zone_size, (651264 / 9) & ~1u);
}

static void test_status_ramoops_max_reason_zero(void **state)
{
	(void)state;
	kernel("ramoops");
	ramoops();
	param("ramoops", "max_reason", "0");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_true(has_warning("ramoops: max_reason is 0"));
	/* pstore.max_reason overrides the backend's own */
	param("pstore", "max_reason", "1");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_SAVED);
}

static void test_status_no_backend(void **state)
{
	(void)state;
	kernel("");
	put("proc/cmdline", "console=ttyS0 pstore.backend=none\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_int_equal(st.nbe, 0);
	assert_true(has_warning("no pstore backend is registered: a panic's log is written nowhere; pstore.backend=none"));
	assert_text_has("NOTHING would be saved");
	assert_text_has("backends (dump order): none registered\n");
}

/* Upstream's charp parameter with nothing registered. */
static void test_status_upstream_null(void **state)
{
	(void)state;
	kernel("(null)");
	unlink_rel("sys/module/kernel/parameters/panic_order");
	st_read(&st, root, NULL);
	assert_int_equal(st.nbe, 0);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_text_has("panic order:     unknown (no panic_order parameter: not a lastgasp kernel)\n");
}

static void test_status_no_pstore(void **state)
{
	(void)state;
	st_read(&st, root, NULL);	/* an empty root */
	assert_false(st.backends_known);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_true(has_warning("cannot read /sys/module/pstore/parameters/backend"));
	assert_text_has("backends (dump order): unknown\n");
	assert_text_has("crash kernel:    unknown");
	assert_null(jget(json(), "backends"));
}

static void test_status_efi_store(void **state)
{
	struct json_object *o;

	(void)state;
	kernel("ramoops,efi_pstore");
	ramoops();
	efi("total 262144 free 184320 floor 131072");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_SAVED);
	assert_int_equal(st.nbe, 2);
	assert_string_equal(st.be[1].name, "efi_pstore");
	assert_string_equal(st.be[1].module, "pstore_efi");
	assert_int_equal(st.nwarnings, 0);
	assert_text_has("in 2 backends (ramoops, efi_pstore)\n");
	assert_text_has("  2. efi_pstore  EFI variable store 256 KiB: 180 KiB free, floor 128 KiB (52 KiB above it); variables of up to 16 KiB\n");
	o = json();
	assert_int_equal(json_object_get_int(jget(o, "backends.1.store_free")), 184320);
	assert_int_equal(json_object_get_int(jget(o, "backends.1.store_floor")), 131072);
	assert_true(json_object_get_boolean(jget(o, "backends.1.takes_panic")));
}

static void test_status_efi_below_floor(void **state)
{
	(void)state;
	kernel("ramoops,efi_pstore");
	ramoops();
	efi("total 262144 free 100000 floor 131072");
	st_read(&st, root, NULL);
	assert_false(st.be[1].takes_panic);
	assert_true(has_warning("efi_pstore: EFI store below its floor (free 100000, floor 131072 bytes)"));
	assert_int_equal(st.verdict, ST_SAVED);	/* ramoops still takes it */
	assert_text_has("in 1 backend (ramoops)\n");
	assert_text_has("(below it)");

	/* a few bytes above the floor is not enough for one part either */
	efi("total 262144 free 131300 floor 131072");
	st_read(&st, root, NULL);
	assert_false(st.be[1].takes_panic);
	assert_true(has_warning("228 bytes above its floor"));

	/* EFI alone, below its floor: nothing */
	kernel("efi_pstore");
	efi("total 262144 free 100000 floor 131072");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
}

static void test_status_efi_unavailable(void **state)
{
	(void)state;
	kernel("efi_pstore");
	efi("unavailable");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_true(has_warning("EFI variables are unavailable"));
}

static void test_status_kdump_expected(void **state)
{
	(void)state;
	kernel("ramoops");
	ramoops();
	put("proc/cmdline", "console=ttyS0 crashkernel=128M quiet\n");
	put("sys/kernel/kexec_crash_size", "134217728\n");
	st_read(&st, root, NULL);
	assert_string_equal(st.crashkernel_arg, "128M");
	assert_true(has_warning("crashkernel=128M reserves memory but no crash kernel is loaded"));
	assert_int_equal(st.verdict, ST_SAVED);
	assert_text_has("crash kernel:    not loaded, 128 MiB reserved (crashkernel=128M)\n");
}

static void test_status_digests(void **state)
{
	struct json_object *o;

	(void)state;
	kernel("ramoops");
	ramoops();
	put("proc/cmdline", "crashkernel=128M\n");
	put("sys/kernel/kexec_crash_size", "134217728\n");
	put("sys/kernel/kexec_crash_loaded", "1\n");
	/* /dev/kmsg's record format; an earlier load, then the latest one */
	put("dev/kmsg",
	    "6,1,100,-;Linux version 6.12\n"
	    "6,200,5000,-;lastgasp: crash kernel: SHA-256 of 2 segments (4096 bytes loaded) taken for the check on panic\n"
	    " SUBSYSTEM=none\n"
	    "6,300,6000,-;lastgasp: crash kernel: SHA-256 of 5 segments (10485760 bytes loaded) taken for the check on panic\n"
	    "6,301,6001,-;something else\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.crash_loaded, 1);
	assert_int_equal(st.digests, 1);
	assert_int_equal(st.digest_segments, 5);
	assert_int_equal(st.digest_bytes, 10485760);
	assert_int_equal(st.nwarnings, 0);
	assert_text_has(", and kdump would run\n");
	assert_text_has("  digests:       SHA-256 of 5 segments (10 MiB) taken at load, checked before the jump (from the kernel log)\n");
	o = json();
	assert_true(json_object_get_boolean(jget(o, "crash_kernel.digests_taken")));
	assert_int_equal(json_object_get_int(jget(o, "crash_kernel.digest_segments")), 5);

	/* the line has left the log: unknown, not "no" */
	put("dev/kmsg", "6,1,100,-;Linux version 6.12\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.digests, -1);
	assert_text_has("  digests:       unknown:");
	assert_null(jget(json(), "crash_kernel.digests_taken"));
}

/* panic/0005's sysfs file wins over the log, and says "not taken" too. */
static void test_status_digests_sysfs(void **state)
{
	struct json_object *o;

	(void)state;
	kernel("ramoops");
	ramoops();
	put("sys/kernel/kexec_crash_loaded", "1\n");
	put("dev/kmsg", "6,200,5000,-;lastgasp: crash kernel: SHA-256 of 2 segments (4096 bytes loaded) taken\n");
	put("sys/kernel/kexec_crash_digests", "5 10485760\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.digests, 1);
	assert_int_equal(st.digest_segments, 5);
	assert_int_equal(st.digest_bytes, 10485760);
	assert_text_has("  digests:       SHA-256 of 5 segments (10 MiB) taken at load, checked before the jump\n");

	/* loaded, but not digested (e.g. loaded before a lastgasp upgrade) */
	put("sys/kernel/kexec_crash_digests", "0 0\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.digests, 0);
	assert_text_has("  digests:       none: this crash kernel was loaded without them");
	o = json();
	assert_false(json_object_get_boolean(jget(o, "crash_kernel.digests_taken")));
	assert_null(jget(o, "crash_kernel.digest_segments"));

	/* a file the tool cannot parse: the log line decides */
	put("sys/kernel/kexec_crash_digests", "-1 x\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.digests, 1);
	assert_int_equal(st.digest_segments, 2);
	assert_text_has("(from the kernel log)\n");
}

/* A log line longer than the read buffer does not hide the lines after it. */
static void test_status_digests_long_line(void **state)
{
	char *big = malloc(40000);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 39999);
	big[39999] = '\0';
	kernel("ramoops");
	ramoops();
	put("sys/kernel/kexec_crash_loaded", "1\n");
	put("dev/kmsg", "6,1,1,-;%s\n6,2,2,-;lastgasp: crash kernel: SHA-256 of 3 segments (300 bytes loaded) taken\n", big);
	free(big);
	st_read(&st, root, NULL);
	assert_int_equal(st.digests, 1);
	assert_int_equal(st.digest_segments, 3);
}

static void test_status_kdump_only(void **state)
{
	(void)state;
	kernel("");
	put("sys/kernel/kexec_crash_loaded", "1\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_KDUMP_ONLY);
	assert_text_has("only kdump would");
	assert_string_equal(json_object_get_string(jget(json(), "verdict")), "kdump-only");
}

static void test_status_no_dump_order(void **state)
{
	(void)state;
	kernel("ramoops");
	ramoops();
	param("kernel", "panic_order", "no-dump");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_true(has_warning("panic_order=no-dump"));
	assert_text_has("panic order:     no-dump: no pstore dump on panic, kdump only\n");
}

static void test_status_records_and_spool(void **state)
{
	struct json_object *o;

	(void)state;
	kernel("ramoops");
	ramoops();
	put("sys/fs/pstore/dmesg-ramoops-0", "Panic#1 Part1\n");
	put("sys/fs/pstore/dmesg-ramoops-1", "Panic#1 Part2\n");
	put("sys/fs/pstore/console-ramoops-0", "boot\n");
	put("sys/fs/pstore/dmesg-efi_pstore-170000000001001.enc.z", "x");
	put("etc/pstore-collect.conf", "# comment\n  archive = /srv/crash  \nship = tcp://x:1\n");
	put("srv/crash/spool/1700000000-abc.msg", "m");
	put("srv/crash/spool/.tmp", "m");
	put("srv/crash/dmesg-0123456789abcdef/report.json", "{}");
	put("srv/crash/dmesg-fedcba9876543210/dmesg.txt", "half");	/* no report: not a crash yet */
	st_read(&st, root, NULL);
	assert_int_equal(st.mounted, 1);
	assert_int_equal(st.records, 4);
	assert_string_equal(st.archive, "/srv/crash");
	assert_int_equal(st.spool, 1);
	assert_int_equal(st.archived, 1);
	assert_true(has_warning("1 report waits in pstore-collect's spool"));
	assert_text_has("records:         4 in /sys/fs/pstore: ");
	assert_text_has("dmesg-ramoops x2");
	assert_text_has("console-ramoops x1");
	assert_text_has("collector:       1 report in the spool, 1 crash archived (/srv/crash)\n");
	o = json();
	assert_int_equal(json_object_get_int(jget(o, "records.pstore")), 4);
	assert_int_equal(json_object_get_int(jget(o, "records.by_kind.dmesg-ramoops")), 2);
	assert_int_equal(json_object_get_int(jget(o, "records.spool")), 1);

	/* --archive wins over the config file and is not under the root */
	char arch[600];

	snprintf(arch, sizeof(arch), "%s/srv/crash", root);
	st_read(&st, root, arch);
	assert_string_equal(st.archive, arch);
	assert_int_equal(st.spool, 1);
}

static void test_status_not_mounted(void **state)
{
	(void)state;
	kernel("ramoops");
	ramoops();
	put("proc/self/mounts", "proc /proc proc rw 0 0\n");
	st_read(&st, root, NULL);
	assert_int_equal(st.mounted, 0);
	assert_true(has_warning("pstore is not mounted"));
	assert_int_equal(st.verdict, ST_SAVED);
}

static void test_status_allowed_not_registered(void **state)
{
	(void)state;
	kernel("ramoops");
	ramoops();
	put("proc/cmdline", "pstore.backend=ramoops,flash console=ttyS0\n");
	st_read(&st, root, NULL);
	assert_string_equal(st.allowed, "ramoops,flash");
	assert_true(has_warning("pstore.backend= names flash, which is not registered"));
	assert_false(has_warning("names ramoops"));
	assert_string_equal(json_object_get_string(jget(json(), "backend_allowed")), "ramoops,flash");
}

/* pstore_flash.status as the nvram backend writes it */
static void flash(const char *status)
{
	param("pstore_flash", "mtddev", "mtd0");
	param("pstore_flash", "record_size", "4096");
	param("pstore_flash", "status", status);
}

#define FLASH_OK "mtd0 lgflash blocks 256 block_size 4096 bad 1 erased 3 dirty 0 free 40 used 212 busy 0 pool 40 target 6 records 9 live 9 torn 0 ec_min 1 ec_max 2 queued 0 oops_written 0 oops_failed 0 panic_written 1 panic_failed 0 erases 300 retired 0 gc idle\nerase_counts 1 1 2 - 1"

static void test_status_flash(void **state)
{
	(void)state;
	kernel("ramoops,flash");
	ramoops();
	flash(FLASH_OK);
	st_read(&st, root, NULL);
	assert_int_equal(st.nbe, 2);
	assert_int_equal(st.be[1].kind, ST_FLASH);
	assert_string_equal(st.be[1].module, "pstore_flash");
	assert_string_equal(st.be[1].device, "mtd0 lgflash");
	assert_int_equal(st.be[1].fl_free.v, 40);
	assert_int_equal(st.nwarnings, 0);
	assert_text_has("  2. flash       flash mtd0 lgflash: 256 blocks of 4 KiB (1 MiB), 40 free, 3 erased, pool 40 of 6 wanted, 1 bad; 9 records\n");
	assert_int_equal(json_object_get_int(jget(json(), "backends.1.free_blocks")), 40);
	assert_int_equal(json_object_get_int(jget(last_json, "backends.1.pool_target")), 6);
	/* the long status value is cut in the raw parameters, and says so */
	assert_non_null(strstr(json_object_get_string(jget(last_json, "backends.1.parameters.status")), "..."));
}

static void test_status_flash_short_pool(void **state)
{
	(void)state;
	kernel("flash");
	flash("mtd0 lgflash blocks 256 block_size 4096 bad 0 erased 0 dirty 250 free 2 used 4 busy 0 pool 2 target 6 records 3 live 3 torn 1");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_SAVED);
	assert_true(has_warning("flash: 2 pre-erased blocks ready, fewer than the 6 a whole dump needs"));
	assert_text_has("; 3 records (1 torn)\n");

	flash("mtd0 lgflash blocks 256 block_size 4096 bad 0 erased 0 dirty 256 free 0 used 0 busy 0 pool 0 target 6 records 0 live 0 torn 0");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_true(has_warning("flash: no pre-erased block ready (pool 0)"));

	flash("detached");
	st_read(&st, root, NULL);
	assert_int_equal(st.verdict, ST_NOTHING);
	assert_true(has_warning("flash: no MTD device attached"));
	assert_text_has("  1. flash       flash, detached\n");
}

/* A backend we know no figures of: its parameters, as they are. */
static void test_status_other_params(void **state)
{
	(void)state;
	kernel("ramoops,lgtest,erst,other");
	ramoops();
	param("lgtest", "mem_address", "0x8200000");
	param("lgtest", "mem_size", "1048576");
	st_read(&st, root, NULL);
	assert_int_equal(st.nbe, 4);
	assert_int_equal(st.be[1].kind, ST_OTHER);
	assert_text_has("  4. other       capacity unknown (no module parameters found)\n");
	assert_text_has("  2. lgtest      module lgtest: mem_address=0x8200000 mem_size=1048576\n");
	assert_text_has("  3. erst        ACPI ERST (the firmware's error record store): the kernel shows no capacity\n");
	assert_string_equal(json_object_get_string(jget(json(), "backends.1.parameters.mem_size")), "1048576");
	assert_null(jget(last_json, "backends.2.module"));
}

/*
 * A parameter only root may read (ramoops' are 0400), read by another
 * user: the figure is unknown and a warning says why. Run in a child that
 * drops to nobody when the tests run as root.
 */
static void test_status_unreadable_params(void **state)
{
	char p[600];
	pid_t pid;
	int ws;

	(void)state;
	kernel("ramoops");
	ramoops();
	snprintf(p, sizeof(p), "%s/sys/module/ramoops/parameters/mem_size", root);
	assert_int_equal(chmod(p, 0400), 0);
	assert_int_equal(chmod(root, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(10);
		if (geteuid() != 0 && !access(p, R_OK) && chmod(p, 0))
			_exit(11);
		st_read(&st, root, NULL);
		if (!has_warning("readable by root only"))
			_exit(12);
		if (st.be[0].mem_size.known || st.be[0].layout_known)
			_exit(13);
		if (strcmp(json_object_get_string(jget(json(), "backends.0.name")), "ramoops") ||
		    jget(last_json, "backends.0.parameters.mem_size"))
			_exit(14);
		json_object_put(last_json);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);
}

static void test_status_json_string_escapes(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	st_json_string(f, "a\"b\\c\nd\te\x01");
	fclose(f);
	assert_string_equal(buf, "\"a\\\"b\\\\c\\nd\\u0009e\\u0001\"");
	free(buf);
}

static void test_status_sizes(void **state)
{
	char b[32];

	(void)state;
	st_size(b, sizeof(b), 0);
	assert_string_equal(b, "0 bytes");
	st_size(b, sizeof(b), 1000);
	assert_string_equal(b, "1000 bytes");
	st_size(b, sizeof(b), 131072);
	assert_string_equal(b, "128 KiB");
	st_size(b, sizeof(b), 134217728);
	assert_string_equal(b, "128 MiB");
	st_size(b, sizeof(b), 70712);
	assert_string_equal(b, "69.1 KiB");
	st_size(b, sizeof(b), 1572865);
	assert_string_equal(b, "1.5 MiB");
	assert_string_equal(st_reason_name(2), "oops");
	assert_string_equal(st_reason_name(9), "out of range");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_status_ramoops_zones),
		T(test_status_ramoops_ftrace_area),
		T(test_status_ramoops_max_reason_zero),
		T(test_status_no_backend),
		T(test_status_upstream_null),
		T(test_status_no_pstore),
		T(test_status_efi_store),
		T(test_status_efi_below_floor),
		T(test_status_efi_unavailable),
		T(test_status_kdump_expected),
		T(test_status_digests),
		T(test_status_digests_sysfs),
		T(test_status_digests_long_line),
		T(test_status_kdump_only),
		T(test_status_no_dump_order),
		T(test_status_records_and_spool),
		T(test_status_not_mounted),
		T(test_status_allowed_not_registered),
		T(test_status_flash),
		T(test_status_flash_short_pool),
		T(test_status_other_params),
		T(test_status_unreadable_params),
		T(test_status_json_string_escapes),
		T(test_status_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
