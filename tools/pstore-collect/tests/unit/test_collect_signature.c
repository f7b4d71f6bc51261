// SPDX-License-Identifier: GPL-2.0-only
/* Crash analysis and signatures over the corpus of x86_64 and arm64 oopses. */
#include "corpus.h"
#include "analyze.h"

struct expect {
	const char *file;
	const char *kind;
	const char *sig_prefix; /* "kernel-<function>-" */
	const char *version;
	const char *taint;
	int cpu, pid;
	const char *comm;
	const char *fault;
	const char *arch;
	bool panicked;
};

static const struct expect corpus[] = {
	{ "x86_64-panic-sysrq.txt", "panic", "kernel-sysrq_handle_crash-", "6.1.0-18-amd64", "", 0, 231, "sh", "", "x86_64", true },
	{ "arm64-panic-sysrq.txt", "panic", "kernel-sysrq_handle_crash-", "6.1.0-18-arm64", "", 1, 187, "sh", "", "arm64", true },
	{ "x86_64-null-deref.txt", "null-deref", "kernel-lgtest_null_write-", "6.1.0-18-amd64", "GO", 1, 245, "sh", "lgtest_null_write", "x86_64", true },
	{ "x86_64-null-deref-6.12.txt", "null-deref", "kernel-lgtest_null_write-", "6.12.9-lastgasp", "GO", 0, 201, "lgtest-run", "lgtest_null_write", "x86_64", true },
	{ "arm64-null-deref.txt", "null-deref", "kernel-lgtest_null_write-", "6.1.0-18-arm64", "GO", 0, 198, "sh", "lgtest_null_write", "arm64", true },
	{ "x86_64-gpf.txt", "gpf", "kernel-lgtest_list_remove-", "6.1.0-18-amd64", "GWO", 3, 1021, "kworker/3:2", "lgtest_list_remove", "x86_64", true },
	{ "arm64-page-fault.txt", "page-fault", "kernel-lgtest_list_remove-", "6.1.0-18-arm64", "GWO", 3, 1002, "kworker/3:1", "lgtest_list_remove", "arm64", true },
	{ "x86_64-bug-on.txt", "bug", "kernel-lgtest_bug-", "6.1.0-18-amd64", "GO", 0, 250, "sh", "lgtest_bug", "x86_64", true },
	{ "arm64-bug-on.txt", "bug", "kernel-lgtest_bug-", "6.1.0-18-arm64", "GO", 1, 201, "sh", "lgtest_bug", "arm64", true },
	{ "x86_64-warn-panic.txt", "warn", "kernel-lgtest_warn-", "6.1.0-18-amd64", "GO", 2, 260, "sh", "lgtest_warn", "x86_64", true },
	{ "arm64-warn-panic.txt", "warn", "kernel-lgtest_warn-", "6.1.0-18-arm64", "GO", 0, 199, "sh", "lgtest_warn", "arm64", true },
	{ "x86_64-hung-task.txt", "hung-task", "kernel-lgtest_hang-", "6.1.0-18-amd64", "GO", -1, 312, "sh", "", "x86_64", true },
	{ "arm64-hung-task.txt", "hung-task", "kernel-lgtest_hang-", "6.1.0-18-arm64", "GO", -1, 305, "sh", "", "arm64", true },
	{ "x86_64-soft-lockup.txt", "soft-lockup", "kernel-lgtest_spin-", "6.1.0-18-amd64", "GO", 1, 330, "sh", "lgtest_spin", "x86_64", true },
	{ "arm64-soft-lockup.txt", "soft-lockup", "kernel-lgtest_spin-", "6.1.0-18-arm64", "GO", 0, 322, "sh", "lgtest_spin", "arm64", true },
	{ "x86_64-hard-lockup.txt", "hard-lockup", "kernel-lgtest_spin_irqoff-", "6.1.0-18-amd64", "GO", 1, 335, "sh", "lgtest_spin_irqoff", "x86_64", true },
	{ "arm64-hard-lockup.txt", "hard-lockup", "kernel-lgtest_spin_irqoff-", "6.6.15-arm64", "GO", 1, 331, "sh", "lgtest_spin_irqoff", "arm64", true },
	{ "x86_64-nmi.txt", "nmi", "kernel-nmi-", "6.1.0-18-amd64", "", 0, 0, "swapper/0", "default_idle", "x86_64", true },
	{ "arm64-nmi-serror.txt", "serror", "kernel-serror-", "6.1.0-18-arm64", "", 2, 0, "swapper/2", "cpu_do_idle", "arm64", true },
	{ "x86_64-rcu-stall.txt", "rcu-stall", "kernel-lgtest_rcu_spin-", "6.1.0-18-amd64", "GO", 1, 340, "sh", "lgtest_rcu_spin", "x86_64", true },
};

static void analyze_text(const char *text, size_t len, struct pc_analysis *a)
{
	assert_int_equal(pc_analyze(text, len, a), 0);
}

static void analyze_file(const char *file, struct pc_analysis *a)
{
	size_t len;
	char *t = corpus_load(file, &len);

	analyze_text(t, len, a);
	free(t);
}

static void check_one(const struct expect *e)
{
	struct pc_analysis a;

	analyze_file(e->file, &a);
	print_message("  %-28s %-12s %s\n", e->file, a.kind, a.signature);
	assert_string_equal(a.kind, e->kind);
	assert_true(strncmp(a.signature, e->sig_prefix, strlen(e->sig_prefix)) == 0);
	assert_int_equal(strlen(a.signature), strlen(e->sig_prefix) + 12);
	assert_string_equal(a.kernel_version, e->version);
	assert_true(a.taint_known);
	assert_string_equal(a.taint, e->taint);
	assert_int_equal(a.cpu, e->cpu);
	assert_int_equal(a.pid, e->pid);
	assert_string_equal(a.comm, e->comm);
	assert_string_equal(a.fault_func, e->fault);
	assert_string_equal(a.arch, e->arch);
	assert_int_equal(a.panicked, e->panicked);
	pc_analysis_free(&a);
}

#define CORPUS_TEST(name, idx) \
	static void test_signature_corpus_##name(void **state) { (void)state; check_one(&corpus[idx]); }
CORPUS_TEST(x86_64_panic, 0)
CORPUS_TEST(arm64_panic, 1)
CORPUS_TEST(x86_64_null_deref, 2)
CORPUS_TEST(x86_64_null_deref_6_12_format, 3)
CORPUS_TEST(arm64_null_deref, 4)
CORPUS_TEST(x86_64_gpf, 5)
CORPUS_TEST(arm64_page_fault, 6)
CORPUS_TEST(x86_64_bug_on, 7)
CORPUS_TEST(arm64_bug_on, 8)
CORPUS_TEST(x86_64_warn_turned_panic, 9)
CORPUS_TEST(arm64_warn_turned_panic, 10)
CORPUS_TEST(x86_64_hung_task, 11)
CORPUS_TEST(arm64_hung_task, 12)
CORPUS_TEST(x86_64_soft_lockup, 13)
CORPUS_TEST(arm64_soft_lockup, 14)
CORPUS_TEST(x86_64_hard_lockup, 15)
CORPUS_TEST(arm64_hard_lockup, 16)
CORPUS_TEST(x86_64_nmi, 17)
CORPUS_TEST(arm64_serror, 18)
CORPUS_TEST(x86_64_rcu_stall, 19)

static void sig_of(const char *file, char out[192])
{
	struct pc_analysis a;

	analyze_file(file, &a);
	snprintf(out, 192, "%s", a.signature);
	pc_analysis_free(&a);
}

/* The same bug seen on x86_64 and arm64 builds groups together. */
static void test_signature_same_bug_across_arches(void **state)
{
	static const char *const pairs[][2] = {
		{ "x86_64-panic-sysrq.txt", "arm64-panic-sysrq.txt" },
		{ "x86_64-null-deref.txt", "arm64-null-deref.txt" },
		{ "x86_64-null-deref.txt", "x86_64-null-deref-6.12.txt" },
		{ "x86_64-bug-on.txt", "arm64-bug-on.txt" },
		{ "x86_64-warn-panic.txt", "arm64-warn-panic.txt" },
		{ "x86_64-hung-task.txt", "arm64-hung-task.txt" },
		{ "x86_64-soft-lockup.txt", "arm64-soft-lockup.txt" },
		{ "x86_64-hard-lockup.txt", "arm64-hard-lockup.txt" },
	};
	char a[192], b[192];

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		sig_of(pairs[i][0], a);
		sig_of(pairs[i][1], b);
		assert_string_equal(a, b);
	}
}

/* Every distinct bug in the corpus gets its own signature. */
static void test_signature_different_bugs_differ(void **state)
{
	static const char *const files[] = {
		"x86_64-panic-sysrq.txt", "x86_64-null-deref.txt", "x86_64-gpf.txt",
		"arm64-page-fault.txt", "x86_64-bug-on.txt", "x86_64-warn-panic.txt",
		"x86_64-hung-task.txt", "x86_64-soft-lockup.txt", "x86_64-hard-lockup.txt",
		"x86_64-nmi.txt", "arm64-nmi-serror.txt", "x86_64-rcu-stall.txt",
	};
	char sig[12][192];

	(void)state;
	for (size_t i = 0; i < 12; i++) {
		sig_of(files[i], sig[i]);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(sig[i], sig[j]);
	}
}

/* Rewrite every "+0xA/0xB" offset, address and the kernel version. */
static char *rebuild(const char *in, size_t len, bool strip_ts, bool caller_id)
{
	char *out = malloc(len * 2 + 64), *o = out;
	const char *p = in, *end = in + len;
	bool bol = true;

	while (p < end) {
		if (bol && strip_ts && *p == '[') {
			const char *rb = memchr(p, ']', (size_t)(end - p));

			p = rb + 1;
			if (*p == ' ')
				p++;
			if (*p == '[') { /* printk caller id */
				p = memchr(p, ']', (size_t)(end - p)) + 1;
				if (*p == ' ')
					p++;
			}
			bol = false;
			continue;
		}
		if (bol && caller_id && *p == '[') {
			const char *rb = memchr(p, ']', (size_t)(end - p));

			memcpy(o, p, (size_t)(rb + 1 - p));
			o += rb + 1 - p;
			o += sprintf(o, "[  T9999]");
			p = rb + 1;
			bol = false;
			continue;
		}
		bol = false;
		if (p[0] == '+' && p[1] == '0' && p[2] == 'x') {
			o += sprintf(o, "+0x1a7/0x3c0");
			p += 3;
			while (p < end && (isxdigit((unsigned char)*p) || *p == '/' || *p == 'x'))
				p++;
			continue;
		}
		if (!strncmp(p, "ffff", 4)) {
			o += sprintf(o, "ffffffffc1234567");
			while (p < end && isxdigit((unsigned char)*p))
				p++;
			continue;
		}
		if (!strncmp(p, "6.1.0-18-", 9)) {
			o += sprintf(o, "6.1.0-27-");
			p += 9;
			continue;
		}
		if (*p == '\n')
			bol = true;
		*o++ = *p++;
	}
	*o = 0;
	return out;
}

/* Another build: other offsets, addresses, version, log decorations. */
static void test_signature_stable_across_builds(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		size_t len;
		char *t = corpus_load(corpus[i].file, &len);
		struct pc_analysis base, v;

		analyze_text(t, len, &base);
		for (int mode = 0; mode < 3; mode++) {
			char *r = rebuild(t, len, mode == 1, mode == 2);

			analyze_text(r, strlen(r), &v);
			if (strcmp(base.signature, v.signature))
				fail_msg("%s (variant %d): %s != %s", corpus[i].file, mode,
					 base.signature, v.signature);
			assert_string_equal(base.kind, v.kind);
			pc_analysis_free(&v);
			free(r);
		}
		pc_analysis_free(&base);
		free(t);
	}
}

static void test_signature_skips_unreliable_and_generic_frames(void **state)
{
	static const char text[] =
		"BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
		"Oops: 0000 [#1] SMP\n"
		"CPU: 0 PID: 1 Comm: init Not tainted 6.1.0 #1\n"
		"Call Trace:\n"
		" <TASK>\n"
		" ? show_trace_log_lvl+0x1c4/0x2df\n"
		" ? foo_unrelated+0x10/0x20\n"
		" dump_stack_lvl+0x44/0x5c\n"
		" panic+0x118/0x2ed\n"
		" real_culprit.constprop.0+0x10/0x20\n"
		" real_culprit.constprop.0+0x10/0x20\n"
		" caller_one.isra.3+0x10/0x20\n"
		" caller_two.cold+0x1/0x2 [mymod]\n"
		" caller_three+0x1/0x2\n"
		" </TASK>\n";
	struct pc_analysis a;

	(void)state;
	analyze_text(text, sizeof(text) - 1, &a);
	assert_int_equal(a.n_sig_frames, 3);
	assert_string_equal(a.sig_frames[0], "real_culprit");
	assert_string_equal(a.sig_frames[1], "caller_one");
	assert_string_equal(a.sig_frames[2], "caller_two");
	assert_true(strncmp(a.signature, "kernel-real_culprit-", 20) == 0);
	for (size_t i = 0; i < a.n_trace; i++)
		assert_string_not_equal(a.trace[i], "foo_unrelated");
	pc_analysis_free(&a);
}

static void test_signature_frame_name_drops_offsets_and_suffixes(void **state)
{
	char fn[128];

	(void)state;
	assert_int_not_equal(pc_frame_name("foo.isra.0+0x1a/0x30 [mod]", 26, fn, sizeof(fn)), 0);
	assert_string_equal(fn, "foo");
	assert_int_not_equal(pc_frame_name("bar.cold+0x5/0x9", 16, fn, sizeof(fn)), 0);
	assert_string_equal(fn, "bar");
	assert_int_not_equal(pc_frame_name("baz.llvm.1234567+0x5/0x9", 24, fn, sizeof(fn)), 0);
	assert_string_equal(fn, "baz");
	assert_int_equal(pc_frame_name("0xffffffffc0123456", 18, fn, sizeof(fn)), 0);
	assert_int_equal(pc_frame_name("not a frame", 11, fn, sizeof(fn)), 0);
	/* families, not names: dumps, WARN, locks, printk, USB, percpu, lockdep, traps */
	static const char *const generic[] = {
		"dump_stack_lvl", "warn_slowpath_fmt", "_raw_spin_lock_irqsave", "vprintk_emit",
		"printk_safe_flush", "usb_start_wait_urb", "pcpu_mem_zalloc", "save_trace",
		"print_usage_bug", "exc_general_protection", "atomic_read", "logic_inb", "ioread32",
		"device_del", "get_device_parent", "ref_tracker_free", "work_is_static_object",
		"sock_kmalloc", "usb_kill_anchored_urbs", "kthread_stop", "rtlock_slowlock_locked",
		"__pi_memcpy_generic", "ida_free", "rollback_registered_many", "__kobject_del",
		"__hwasan_check_x0_67043363", "fs_reclaim_acquire", "hex_string",
		"stack_trace_consume_entry", "__try_to_del_timer_sync", "dpm_sysfs_remove",
		"kfree_const", "kmem_cache_destroy", "kmem_cache_create_usercopy",
		"class_raw_spinlock_irqsave_constructor", "driver_create_file", "prandom_u32",
		"native_write_msr", "__get_user_8", "clockevents_program_event",
	};
	/* a driver's own *_bug function is not a bug reporter; kernfs and cdev are named */
	static const char *const own[] = { "ext4_writepages", "lgtest_bug", "clear_page",
					   "__kernfs_remove", "cdev_get", "device_find_child",
					   "__get_user_pages_remote" };

	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		assert_true(pc_frame_generic(generic[i]));
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		assert_false(pc_frame_generic(own[i]));
}

/* The guilty-function rules on small texts (the real corpus covers them at length). */
static void expect_guilty(const char *text, const char *kind, const char *fn)
{
	struct pc_analysis a;

	analyze_text(text, strlen(text), &a);
	assert_string_equal(a.kind, kind);
	assert_true(a.n_sig_frames > 0);
	assert_string_equal(a.sig_frames[0], fn);
	pc_analysis_free(&a);
}

/* The signature's frame @i (a frame under the guilty one) is @fn. */
static void expect_frame(const char *text, const char *kind, size_t i, const char *fn)
{
	struct pc_analysis a;

	analyze_text(text, strlen(text), &a);
	assert_string_equal(a.kind, kind);
	assert_true(a.n_sig_frames > i);
	assert_string_equal(a.sig_frames[i], fn);
	pc_analysis_free(&a);
}

/* Formats of logs as quoted in mail and bug trackers, and of older kernels. */
static void test_signature_quoted_formats(void **state)
{
	(void)state;
	/* decode_stacktrace.sh's "func (file:line)" frames */
	expect_guilty("  UBSAN: shift-out-of-bounds in ../drivers/x/y.c:389:11\n"
			  "  Call trace:\n"
			  "  dump_backtrace (arch/arm64/kernel/stacktrace.c:235)\n"
			  "  dump_stack (lib/dump_stack.c:114)\n"
			  "  __ubsan_handle_shift_out_of_bounds (lib/ubsan.c:218 lib/ubsan.c:387)\n"
			  "  xy_unmask_irq (drivers/x/y.c:389 (discriminator 1))\n"
			  "  irq_enable (kernel/irq/chip.c:170)\n",
			  "ubsan", "xy_unmask_irq");
	/* a time stamp padded on the right */
	expect_guilty("[350.429619 ] UBSAN: array-index-out-of-bounds in fs/x/y.c:161:1\n"
			  "[350.429772 ] Call Trace:\n"
			  "[350.429776 ]  dump_stack_lvl+0x47/0x5c\n"
			  "[350.429786 ]  __ubsan_handle_out_of_bounds+0x66/0x70\n"
			  "[350.429791 ]  xfs_check_leaf+0x754/0x1a40\n",
			  "ubsan", "xfs_check_leaf");
	/* a log collector's wall-clock date and time before each line */
	expect_guilty("2019-09-11 15:41:09     ------------[ cut here ]------------\n"
			  "2019-09-11 15:41:09     kernel BUG at mm/page-writeback.c:2655!\n"
			  "2019-09-11 15:41:09     invalid opcode: 0000 [#1] SMP PTI\n"
			  "2019-09-11 15:41:09     RIP: 0010:drv_clear_dirty+0xfc/0x210\n"
			  "2019-09-11 15:41:09     Call Trace:\n"
			  "2019-09-11 15:41:09      drv_process_pages+0x1/0x2\n",
			  "bug", "drv_clear_dirty");
	expect_guilty("2026-01-02T03:04:05.678+01:00 BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
			  "2026-01-02T03:04:05.679+01:00 RIP: 0010:drv_open+0x1/0x2\n",
			  "null-deref", "drv_open");
	/* lines cut down to their syslog tag */
	expect_guilty("kernel: UBSAN: invalid-load in sound/x/y.c:363:9\n"
			  "kernel: Call Trace:\n"
			  "kernel:  <IRQ>\n"
			  "kernel:  dump_stack+0x10/0x12\n"
			  "kernel:  __ubsan_handle_load_invalid_value.cold+0x44/0x49\n"
			  "kernel:  xy_response+0x28/0x30 [snd_x]\n"
			  "kernel:  xy_handle_request+0x230/0x3d0 [x_core]\n",
			  "ubsan", "xy_response");
	/* dmesg -T in a locale other than C: names as the locale spells them */
	expect_guilty("[lun. 10 juin 18:09:34 2024] BUG: kernel NULL pointer dereference, address: 0000000000000740\n"
			  "[lun. 10 juin 18:09:34 2024] RIP: 0010:drv_send+0x13/0xb0 [drv]\n"
			  "[lun. 10 juin 18:09:34 2024] Call Trace:\n"
			  "[lun. 10 juin 18:09:34 2024]  drv_send+0x13/0xb0 [drv]\n"
			  "[lun. 10 juin 18:09:34 2024]  drv_xmit+0x1/0x2 [drv]\n",
			  "null-deref", "drv_send");
	/*
	 * Android and embedded vendors' caller tags after the stamp, lines
	 * as real reports print them: HiSilicon (a Huawei laptop's UOS
	 * kernel, stamps in "s"), Samsung (cpu, comm, pid), MediaTek (cpu,
	 * then pid and comm; "-" in interrupt context) and MediaTek's GKI
	 * kernels (comm and module after the caller id, here on two lines,
	 * too few to tell a task name by repetition)
	 */
	expect_guilty("<1>[ 1264.589996s][pid:18926,cpu6,lshw-bak,5]Unable to handle kernel paging request at virtual address 0000080100000058\n"
		      "<0>[  123.175201s][pid:6550,cpu6,lshw-bak,9]Internal error: Oops: 96000004 [#1] PREEMPT SMP\n"
		      "<4>[  123.175262s][pid:6550,cpu6,lshw-bak,5]pc : __mutex_lock.isra.1+0x608/0x700\n"
		      "<4>[  123.176269s][pid:6550,cpu6,lshw-bak,7]Call trace:\n"
		      "<4>[  123.176269s][pid:6550,cpu6,lshw-bak,8] __mutex_lock.isra.1+0x608/0x700\n"
		      "<4>[  123.176269s][pid:6550,cpu6,lshw-bak,9] __mutex_lock_slowpath+0x24/0x30\n"
		      "<4>[  123.176300s][pid:6550,cpu6,lshw-bak,0] mutex_lock+0x50/0x58\n"
		      "<4>[  123.176300s][pid:6550,cpu6,lshw-bak,1] fb_open+0x104/0x248\n"
		      "<4>[  123.176300s][pid:6550,cpu6,lshw-bak,2] chrdev_open+0x144/0x290\n",
		      "page-fault", "fb_open");
	expect_guilty("[   79.419177] [4:     netbpfload:  825] BUG: KASAN: invalid-access in bpf_patch_insn_data+0x22c/0x2f0\n"
		      "[   79.419415] [4:     netbpfload:  825] Write of size 27896 at addr 25ffffc08e6314d0 by task netbpfload/825\n"
		      "[   79.427365] [4:     netbpfload:  825] Call trace:\n"
		      "[   79.427371] [4:     netbpfload:  825]  kasan_report+0x1/0x2\n"
		      "[   79.427375] [4:     netbpfload:  825]  bpf_patch_insn_data+0x22c/0x2f0\n",
		      "kasan", "bpf_patch_insn_data");
	expect_guilty("[  174.391371]  (1)[10406:Thread-6]kernel BUG at include/linux/mm.h:980!\n"
		      "[  174.391381]  (1)[10406:Thread-6]Internal error: Oops - BUG: 0 [#1]\n"
		      "[  174.486928]  (1)[10406:Thread-6]pc : fuse_copy_page+0x750/0x790\n"
		      "[  174.718831] -(1)[10406:Thread-6] fuse_copy_page+0x750/0x790\n"
		      "[  174.718838] -(1)[10406:Thread-6] fuse_copy_args+0xb4/0x1e8\n",
		      "bug", "fuse_copy_page");
	expect_guilty("[118.376811] [C201134] rxq0_pus: [name:bug&]kernel BUG at net/core/skbuff.c:4278!\n"
		      "[118.470848] [C201134] rxq0_pus: [name:mrdump&]pc : [0xffffffd79598aefc] skb_segment+0xcd0/0xd14\n",
		      "bug", "skb_segment");
	/* a serial console capture: every line ends in CR LF (syzkaller's report 116) */
	expect_guilty("[  264.305036] =====================================\r\n"
		      "[  264.309846] [ BUG: bad unlock balance detected! ]\r\n"
		      "[  264.314656] 4.9.65-gea83e4a #95 Not tainted\r\n"
		      "[  264.318945] -------------------------------------\r\n"
		      "[  264.323751] syz-executor1/1081 is trying to release lock (mrt_lock) at:\r\n"
		      "[  264.330694] [<ffffffff834dea24>] ipmr_mfc_seq_stop+0xe4/0x140\r\n"
		      "[  264.336540] but there are no more locks to release!\r\n"
		      "[  264.341515] \r\n"
		      "[  264.341515] other info that might help us debug this:\r\n",
		      "locking-bug", "ipmr_mfc_seq_stop");
	/* read raw from /dev/kmsg: level, sequence, microseconds, flags */
	expect_guilty("4,1234,56789,-;BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
		      "1,1235,56790,-;#PF: supervisor read access in kernel mode\n"
		      "4,1236,56791,-,caller=T12;RIP: 0010:foo_open+0x1/0x2\n"
		      "4,1237,56792,c;Call Trace:\n"
		      "4,1238,56793,+; foo_open+0x1/0x2\n"
		      "4,1239,56794,+; chrdev_open+0x1/0x2\n",
		      "null-deref", "foo_open");
	/* a mail-wrapped syzbot report pasted into a bug tracker's code block */
	expect_guilty("    BUG: KASAN: global-out-of-bounds in foo_pad_buffer  \n"
		      "    include/linux/foo.h:654 [inline]\n"
		      "    BUG: KASAN: global-out-of-bounds in foo_putcs+0xd5d/0xf10  \n"
		      "    drivers/video/foo.c:185\n"
		      "    Read of size 1 at addr ffffffff8872bb44 by task syz-executor093/14101\n"
		      "\n"
		      "    Call Trace:\n"
		      "      dump_stack+0x197/0x210 lib/dump_stack.c:118\n"
		      "      kasan_report+0x12/0x20 mm/kasan/common.c:639\n"
		      "      foo_pad_buffer include/linux/foo.h:654 [inline]\n"
		      "      foo_putcs+0xd5d/0xf10 drivers/video/foo.c:185\n"
		      "      fbcon_putcs+0x33c/0x3e0 drivers/video/fbdev/core/fbcon.c:1353\n",
		      "kasan", "foo_putcs");
	/* dmesg -T's date, then PREEMPT_RT's CPU, as after seconds */
	expect_guilty("[Thu May 21 08:58:43 2026] 000: SError Interrupt on CPU0, code 0xbf000002 -- SError\n"
		      "[Thu May 21 08:58:43 2026] 000: pc : foo_pinmux_setup+0x1/0x2\n"
		      "[Thu May 21 08:58:43 2026] 000: Call trace:\n"
		      "[Thu May 21 08:58:43 2026] 000:  foo_pinmux_setup+0x1/0x2\n",
		      "serror", "foo_pinmux_setup");
	/* a reply quoting a quote, its marks spaced as the mailer liked */
	expect_guilty(">  > list_del corruption, ffffff8a6f143a90->next is LIST_POISON1\n"
		      ">  > kernel BUG at lib/list_debug.c:55!\n"
		      ">  > Internal error: Oops - BUG: 00000000f2000800 [#1] PREEMPT SMP\n"
		      ">  > pc : __list_del_entry_valid_or_report+0x1/0x2\n"
		      ">  > Call trace:\n"
		      ">  >  __list_del_entry_valid_or_report+0x1/0x2\n"
		      ">  >  foo_buf_release+0x1/0x2\n",
		      "bug", "foo_buf_release");
	expect_guilty(">   |  refcount_t: addition on 0; use-after-free.\n"
		      ">   |  WARNING: CPU: 2 PID: 6385 at lib/refcount.c:25 refcount_warn_saturate+0x6d/0xf0\n"
		      ">   |  RIP: 0010:refcount_warn_saturate+0x6d/0xf0\n"
		      ">   |  Call Trace:\n"
		      ">   |   foo_cdev_get+0x1/0x2\n",
		      "refcount", "foo_cdev_get");
	/* a stack overflow by a function calling itself, under a dispatched ioctl */
	expect_guilty("BUG: stack guard page was hit at 00000000486e5acd\n"
			  "kernel stack overflow (double-fault): 0000 [#1] SMP PTI\n"
			  "RIP: 0010:drv_get_fmt+0x2c/0x180 [drv]\n"
			  "Call Trace:\n"
			  " drv_get_fmt+0x98/0x180 [drv]\n drv_get_fmt+0x98/0x180 [drv]\n"
			  " drv_get_fmt+0x98/0x180 [drv]\n drv_get_fmt+0x98/0x180 [drv]\n"
			  " subdev_do_ioctl+0x468/0xee0 [videodev]\n video_usercopy+0xcb/0x620 [videodev]\n"
			  " v4l2_ioctl+0x48/0x50 [videodev]\n do_vfs_ioctl+0x3ed/0x6c0\n"
			  " ksys_ioctl+0x5e/0x90\n __x64_sys_ioctl+0x16/0x20\n do_syscall_64+0x49/0x90\n"
			  " entry_SYSCALL_64_after_hwframe+0x44/0xa9\n",
			  "stack-overflow", "drv_get_fmt");
	/* an excerpt without its first line: the kind its reporting machinery reports */
	expect_guilty("RIP: 0010:drv_spin_wait+0x1/0x2\n <NMI>\n"
			  " ? watchdog_hardlockup_check.cold+0x1/0x2\n"
			  " ? __perf_event_overflow+0x1/0x2\n </NMI>\n <TASK>\n"
			  " drv_spin_wait+0x1/0x2\n drv_kill+0x1/0x2\n </TASK>\n",
			  "hard-lockup", "drv_spin_wait");
	expect_guilty("Call trace:\n refcount_warn_saturate+0x1/0x2\n drv_put+0x1/0x2\n"
			  " drv_release+0x1/0x2\n __fput+0x1/0x2\n",
			  "refcount", "drv_put");
	expect_guilty("Call trace:\n dump_stack_lvl+0x1/0x2\n __might_resched+0x1/0x2\n"
			  " mutex_lock+0x1/0x2\n drv_irq+0x1/0x2\n __handle_irq_event_percpu+0x1/0x2\n",
			  "sleep-in-atomic", "drv_irq");
	/* a report quoted without its "Call Trace:" line */
	expect_guilty("NMI watchdog: Watchdog detected hard LOCKUP on cpu 1\n"
			  "\n"
			  "? hrtimer_run_softirq+0x140/0x140\n"
			  "hrtimer_cancel+0x15/0x30\n"
			  "foo_disable_vblank+0x15/0x30 [foo]\n"
			  "drm_vblank_disable_and_save+0x185/0x1f0 [drm]\n",
			  "hard-lockup", "foo_disable_vblank");
	/* 5.x named the divide trap after its handler */
	expect_guilty("[ 63.5][ C1] divide_error: 0000 [#1] PREEMPT SMP KASAN\n"
			  "[ 63.5][ C1] RIP: 0010:tabledist.part.0+0x22a/0x2a0\n",
			  "divide-error", "tabledist");
	/* lockdep out of table space is a locking report */
	expect_guilty("[ 185.4] BUG: MAX_STACK_TRACE_ENTRIES too low!\n"
			  "[ 185.4] turning off the locking correctness validator.\n"
			  "[ 185.4] Call Trace:\n"
			  "[ 185.4]  dump_stack+0x172/0x1f0\n"
			  "[ 185.4]  save_trace.cold+0x14/0x19\n"
			  "[ 185.4]  mark_lock+0x2fb/0x1380\n"
			  "[ 185.4]  __lock_acquire+0x1317/0x3fb0\n"
			  "[ 185.4]  lock_acquire+0x16f/0x3f0\n"
			  "[ 185.4]  flush_workqueue+0x126/0x14c0\n"
			  "[ 185.4]  foo_remove_host+0x34/0x80\n",
			  "locking-bug", "foo_remove_host");
	/* arm64 before 5.11 */
	expect_guilty("Bad mode in Synchronous Abort handler detected on CPU0, code 0x34000001 -- BTI\n"
			  "pc : foo_caps+0x0/0x3c0\n"
			  "lr : init_cpu_features+0xbc4/0xbec\n",
			  "unhandled-fault", "foo_caps");
	/* quoted in mail and in a bug tracker's table */
	expect_guilty("> ------------[ cut here ]------------\n"
			  "> refcount_t: addition on 0; use-after-free.\n"
			  "> WARNING: CPU: 2 PID: 6385 at lib/refcount.c:25 refcount_warn_saturate+0x6d/0xf0\n"
			  "> Call Trace:\n"
			  ">  kobject_get+0x5c/0x60\n"
			  ">  foo_get+0x2b/0x60\n"
			  ">  chrdev_open+0x55/0x220\n",
			  "refcount", "foo_get");
	expect_guilty("  |  BUG: KASAN: use-after-free in foo_rx+0x10/0x20\n"
			  "  |  Call Trace:\n"
			  "  |   dump_stack+0x1/0x2\n"
			  "  |   kasan_report+0x1/0x2\n"
			  "  |   foo_rx+0x10/0x20\n",
			  "kasan", "foo_rx");
	/* a task hung in synchronize_rcu(): the waits are passed, the caller that waited */
	expect_guilty("INFO: task kworker/u4:2:123 blocked for more than 143 seconds.\n"
			  "Call Trace:\n"
			  " __schedule+0x1/0x2\n"
			  " schedule+0x1/0x2\n"
			  " schedule_timeout+0x1/0x2\n"
			  " wait_for_completion+0x1/0x2\n"
			  " __wait_rcu_gp+0x1/0x2\n"
			  " synchronize_rcu_expedited+0x1/0x2\n"
			  " foo_net_exit+0x1/0x2\n"
			  " ops_exit_list+0x1/0x2\n",
			  "hung-task", "foo_net_exit");
	/* a CPU stalled calling the others: the caller that waits for them */
	expect_guilty("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [syz:1]\n"
			  "RIP: 0010:smp_call_function_many+0x1/0x2\n"
			  "Call Trace:\n"
			  " smp_call_function_many+0x1/0x2\n"
			  " smp_call_function+0x1/0x2\n"
			  " on_each_cpu+0x1/0x2\n"
			  " text_poke_bp+0x1/0x2\n",
			  "soft-lockup", "text_poke_bp");
	/* a stall in a helper of a threaded interrupt: the handler it ran */
	expect_guilty("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [irq/5:1]\n"
			  "pc : _raw_spin_lock+0x1/0x2\n"
			  "Call trace:\n"
			  " _raw_spin_lock+0x1/0x2\n"
			  " foo_irq+0x1/0x2\n"
			  " irq_thread_fn+0x1/0x2\n"
			  " irq_thread+0x1/0x2\n"
			  " kthread+0x1/0x2\n",
			  "soft-lockup", "foo_irq");
	/* an RCU stall whose trace is all "? " frames: the work they show */
	expect_guilty("rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n"
			  "Call Trace:\n"
			  " ? __schedule+0x1/0x2\n"
			  " ? _raw_spin_unlock_irq+0x1/0x2\n"
			  " ? foo_get_bridge+0x1/0x2\n"
			  " ? process_one_work+0x1/0x2\n"
			  " ? worker_thread+0x1/0x2\n",
			  "rcu-stall", "foo_get_bridge");
	/* a 4.x stall under the compat ioctl entry: the ioctl handler */
	expect_guilty("INFO: rcu_sched self-detected stall on CPU\n"
			  "RIP: 0010:_raw_spin_unlock_irqrestore+0x1/0x2\n"
			  "Call Trace:\n"
			  " _raw_spin_unlock_irqrestore+0x1/0x2\n"
			  " foo_vm_ioctl+0x1/0x2\n"
			  " compat_SyS_ioctl+0x1/0x2\n"
			  " do_fast_syscall_32+0x1/0x2\n",
			  "rcu-stall", "foo_vm_ioctl");
	/* a refcount check straight from a syscall's own body: the syscall */
	expect_guilty("refcount_t: addition on 0; use-after-free.\n"
			  "WARNING: CPU: 1 PID: 1 at lib/refcount.c:25 refcount_warn_saturate+0x1/0x2\n"
			  "RIP: 0010:refcount_warn_saturate+0x1/0x2\n"
			  "Call Trace:\n"
			  " __x64_sys_foo_secret+0x1/0x2\n"
			  " do_syscall_64+0x1/0x2\n",
			  "refcount", "__x64_sys_foo_secret");
	/* vendor tags after the time stamp: HiSilicon's, Android's, PREEMPT_RT's CPU */
	expect_guilty("[    0.000000] [pid:0,cpu0,swapper/0]BUG: KASAN: slab-out-of-bounds in foo_alloc+0x48/0x3b8\n"
			  "[    0.000000] [pid:0,cpu0,swapper/0]Call trace:\n"
			  "[    0.000000] [pid:0,cpu0,swapper/0] foo_alloc+0x48/0x3b8\n",
			  "kasan", "foo_alloc");
	expect_guilty(" [   26.328023 / 09-26 13:22:37.707][2][662][ndroid.systemui] Unable to handle kernel paging request at virtual address 0000dead\n"
			  " [   26.328051 / 09-26 13:22:37.707][2][662][ndroid.systemui] pc : foo_read+0x1/0x2\n",
			  "page-fault", "foo_read");
	expect_guilty("[    0.000000] 000: SError Interrupt on CPU0, code 0xbf000002 -- SError\n"
			  "[    0.000000] 000: pc : foo_setup+0x15c/0x570\n",
			  "serror", "foo_setup");
	/* a stalled CPU's task dump shows only the switch away: its work item */
	expect_guilty("rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n"
			  "Task dump for CPU 22:\n"
			  "task:kworker/u64:5 state:R running task stack:0 pid:447\n"
			  "Workqueue: foo_wq foo_call_fw\n"
			  "Call trace:\n"
			  " __switch_to+0xbc/0x100\n"
			  " 0x1\n",
			  "rcu-stall", "foo_call_fw");
	/* a KASAN report, then the oops it led to that panicked: the KASAN report */
	expect_guilty("BUG: KASAN: slab-use-after-free in foo_parallel+0xbfc/0xdf8\n"
			  "Call trace:\n"
			  " kasan_report+0x1/0x2\n"
			  " foo_parallel+0xbfc/0xdf8\n"
			  "Unable to handle kernel execute from non-executable memory at virtual address ffff0001\n"
			  "Internal error: Oops: 000000008600000e [#1] SMP\n"
			  "pc : 0xffff0001\n"
			  "Call trace:\n"
			  " 0xffff0001\n"
			  " bar_lookup+0x1/0x2\n"
			  "Kernel panic - not syncing: Oops: Fatal exception\n",
			  "kasan", "foo_parallel");
	/* 4.x lockdep's bracketed title */
	expect_guilty("[ BUG: lock held when returning to user space! ]\n"
			  "syz/3814 is leaving the kernel with locks still held!\n"
			  "1 lock held by syz/3814:\n"
			  " #0:  (&fi->mutex){+.+.+.}, at: [<ffffffff81938722>] foo_lock_inode+0xa2/0xd0\n",
			  "locking-bug", "foo_lock_inode");
	/* only checks between a syscall and the report: the syscall */
	expect_guilty("WARNING: suspicious RCU usage\n"
			  "kernel/sched/core.c:7264 Illegal context switch in RCU-bh read-side critical section!\n"
			  "stack backtrace:\n"
			  "Call trace:\n"
			  " dump_backtrace+0x0/0x4d0\n"
			  " lockdep_rcu_suspicious+0x134/0x14c\n"
			  " ___might_sleep+0x478/0x4d8\n"
			  " __might_fault+0xc4/0x1b0\n"
			  " __arm64_sys_rt_sigreturn+0x278/0x1990\n"
			  " el0_svc_common.constprop.0+0x158/0x530\n",
			  "suspicious-rcu", "__arm64_sys_rt_sigreturn");
}

/* @log's guilty function is @first (and its caller @second, unless NULL). */
static void expect_frames(const char *log, const char *first, const char *second)
{
	struct pc_analysis a;

	assert_int_equal(pc_analyze(log, strlen(log), &a), 0);
	assert_true(a.n_sig_frames >= (second ? 2u : 1u));
	assert_string_equal(a.sig_frames[0], first);
	if (second)
		assert_string_equal(a.sig_frames[1], second);
	pc_analysis_free(&a);
}

/* The function a sanitizer names is guilty unless it did its caller's work. */
static void test_signature_sanitizer_named_function(void **state)
{
	/* KMSAN in the unwinder: the unwinder (reporting machinery named by the title) */
	static const char unwinder[] =
		"[ 46.5] BUG: KMSAN: uninit-value in show_trace_log_lvl+0xda4/0x1030\n"
		"[ 46.5] Call Trace:\n"
		"[ 46.5]  dump_stack+0x14a/0x1d0\n"
		"[ 46.5]  ? show_trace_log_lvl+0xda4/0x1030\n"
		"[ 46.5]  kmsan_report+0x142/0x1f0\n"
		"[ 46.5]  show_trace_log_lvl+0xda4/0x1030\n"
		"[ 46.5]  show_stack+0xfc/0x150\n"
		"[ 46.5]  warn_alloc+0x401/0x660\n";
	/* KASAN in lockdep: the lock's user (lockdep works on its caller's lock) */
	static const char lockdep[] =
		"[ 1.0] BUG: KASAN: use-after-free in __lock_acquire+0x302a/0x3b50\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  dump_stack+0xca/0x13e\n"
		"[ 1.0]  kasan_report+0xe/0x12\n"
		"[ 1.0]  __lock_acquire+0x302a/0x3b50\n"
		"[ 1.0]  lock_acquire+0x100/0x2b0\n"
		"[ 1.0]  __mutex_lock+0x430/0x1360\n"
		"[ 1.0]  hiddev_read+0x1a1/0x3a0\n"
		"[ 1.0]  vfs_read+0x100/0x200\n";
	/* the title's function is looked up among reliable frames only */
	static const char stale[] =
		"[ 1.0] BUG: KMSAN: uninit-value in foo_route+0x31f0/0x3940\n"
		"[ 1.0] Call Trace:\n"
		"[ 1.0]  dump_stack+0x185/0x1d0\n"
		"[ 1.0]  ? foo_route+0x31f0/0x3940\n"
		"[ 1.0]  kmsan_report+0x142/0x240\n"
		"[ 1.0]  __msan_warning_32+0x6c/0xb0\n";

	(void)state;
	expect_frames(unwinder, "show_trace_log_lvl", NULL);
	expect_frames(lockdep, "hiddev_read", NULL);
	expect_frames(stale, "foo_route", NULL);
}

/* Console lines of another program inside a stamped trace do not end it. */
static void test_signature_unstamped_lines_in_trace(void **state)
{
	static const char log[] =
		"[ 218.5] BUG: KASAN: global-out-of-bounds in memcmp+0xe3/0x160\n"
		"[ 218.5] Call Trace:\n"
		"[ 218.5]  dump_stack+0x1c4/0x2b4\n"
		"22:45:44 executing program 5:\n"
		"openat$kvm(0xffffffffffffff9c, &(0x7f0000000200)='/dev/kvm\\x00', 0x0, 0x0)\n"
		"\n"
		"[ 218.5]  kasan_report.cold.9+0x242/0x309\n"
		"[ 218.5]  memcmp+0xe3/0x160\n"
		"[ 218.5]  strnstr+0x4b/0x70\n"
		"[ 218.6]  __aa_lookupn_ns+0xc1/0x570\n"
		"[ 218.6]  aa_lookupn_ns+0x88/0x1e0\n";

	(void)state;
	expect_frames(log, "__aa_lookupn_ns", "aa_lookupn_ns");
}

/* Logs that went through mail: no-break spaces, blanked stamps, wrapped lines. */
static void test_signature_mended_mail_logs(void **state)
{
	(void)state;
	/* no-break spaces (UTF-8 C2 A0) in the time stamps */
	expect_guilty("[\xc2\xa0 135.675108] BUG: kernel NULL pointer dereference, address: 0000000000000004\n"
		      "[\xc2\xa0 135.677192] RIP: 0010:foo_unregister_event+0xb3/0x190\n"
		      "[\xc2\xa0 135.681325] Call Trace:\n"
		      "[\xc2\xa0 135.681763]  foo_event_remove+0x32/0x90\n"
		      "[\xc2\xa0 135.682209]  process_one_work+0x172/0x380\n",
		      "null-deref", "foo_unregister_event");
	/* time stamps the reporter blanked out */
	expect_guilty("  [ ] general protection fault: 0000 [#1] SMP KASAN PTI\n"
		      "  [ ] RIP: 0010:foo_local_error+0xac/0x7a0\n"
		      "  [ ] Call Trace:\n"
		      "  [ ]  bar_local_error+0x1eb/0x300\n",
		      "gpf", "foo_local_error");
	/* a format=flowed soft break (the line ends in a space) inside the headline */
	expect_guilty("[  515.866590] BUG: kernel NULL pointer \n"
		      "dereference, address: 0000000000000000\n"
		      "[  515.873553] #PF: supervisor read access in kernel mode\n"
		      "[  515.906621] RIP: 0010:foo_ep_dequeue+0x41/0x1c0\n"
		      "[  515.930581] RSP: 0018:ffff945f8044fc40 EFLAGS: 00010083\n",
		      "null-deref", "foo_ep_dequeue");
	/*
	 * a short line wrapped all the same: before decode_stacktrace.sh's
	 * "(file:line)" and after an old frame's bare "[<address>]"
	 */
	expect_frame("[   23.142949] rcu: INFO: rcu_preempt self-detected stall on CPU\n"
		     "[   23.143002] pc : foo_deferred_handler\n(kernel/foo.c:647)\n"
		     "[   23.143122] Call trace:\n"
		     "[   23.143126] foo_deferred_handler\n(kernel/foo.c:647) (P)\n"
		     "[   23.143137] irq_work_single (kernel/irq_work.c:222 (discriminator 1))\n"
		     "[   23.143149] irq_work_run_list.part.0 (kernel/irq_work.c:251\n"
		     "(discriminator 1))\n"
		     "[   23.143159] run_irq_workd (kernel/irq_work.c:306)\n",
		     "rcu-stall", 1, "irq_work_single");
	expect_frame("[ 2423.567961] BUG: unable to handle kernel NULL pointer dereference at 0000000000000008\n"
		     "[ 2423.568252] IP: [<ffffffff8118d0fa>] foo_copy_page+0x8a/0x2a0\n"
		     "[ 2423.574675] Call Trace:\n"
		     "[ 2423.574980]  [<ffffffff8119fee9>] foo_page_copy+0x39/0x250\n"
		     "[ 2423.575190]  [<ffffffff811a171c>]\n"
		     "foo_migrate_page+0x16c/0x4d0\n"
		     "[ 2423.575454]  [<ffffffff811a4429>] foo_numa_page+0x169/0x2d0\n",
		     "null-deref", 2, "foo_migrate_page");
	/* a long quoted line wrapped at the mail's width: the old RIP line and a headline */
	expect_guilty("> <0>[47900.532505] Oops: 0000 [#1] PREEMPT SMP\n"
		      "> <4>[47900.532618] CPU 1\n"
		      "> <4>[47900.533010] RIP: 0010:[<ffffffff81097d18>]  [<ffffffff81097d18>]\n"
		      "> foo_pte_fault+0x24/0x70a\n"
		      "> <4>[47900.533010] RSP: 0000:ffff880024c27db8  EFLAGS: 00010296\n",
		      "oops", "foo_pte_fault");
	expect_guilty("> [Thu Apr 23 19:04:44 2020] rcu: INFO: rcu_sched detected stalls on\n"
		      "> CPUs/tasks:\n"
		      "> [Thu Apr 23 19:04:44 2020] rcu: 107-....: (1 GPs behind)\n"
		      "> [Thu Apr 23 19:04:44 2020] NMI backtrace for cpu 107\n"
		      "> [Thu Apr 23 19:04:44 2020] Call Trace:\n"
		      "> [Thu Apr 23 19:04:44 2020]  <IRQ>\n"
		      "> [Thu Apr 23 19:04:44 2020]  foo_flush_timeout+0x6e/0x80\n"
		      "> [Thu Apr 23 19:04:44 2020]  call_timer_fn+0x2e/0x140\n",
		      "rcu-stall", "foo_flush_timeout");
	/* a sanitizer's title wrapped before its source path, without time stamps */
	expect_guilty("BUG: KASAN: global-out-of-bounds in foo_pad_buffer \n"
		      "include/linux/fb.h:654 [inline]\n"
		      "BUG: KASAN: global-out-of-bounds in foo_putcs+0xd5d/0xf10 \n"
		      "drivers/video/foo.c:185\n"
		      "Read of size 1 at addr ffffffff88c61d9f by task syz-executor/9104\n",
		      "kasan", "foo_putcs");
	/* the first of two reports without a panic: the second's RIP is not its site */
	expect_guilty("INFO: trying to register non-static key.\n"
		      "Call Trace:\n"
		      " <TASK>\n"
		      " register_lock_class+0xdb6/0x1120 kernel/locking/lockdep.c:1295\n"
		      " __lock_acquire+0x10a/0x5df0 kernel/locking/lockdep.c:4951\n"
		      " _raw_spin_lock_irqsave+0x3d/0x60 kernel/locking/spinlock.c:162\n"
		      " skb_dequeue+0x20/0x180 net/core/skbuff.c:3631\n"
		      " foo_completer+0x250d/0x3cc0 drivers/foo/comp.c:652\n"
		      " </TASK>\n"
		      "general protection fault, probably for non-canonical address 0xdffffc0000000006: 0000 [#1] PREEMPT SMP KASAN\n"
		      "RIP: 0010:foo_flush_queue+0x255c/0x3cc0 drivers/foo/comp.c:653\n"
		      "Call Trace:\n"
		      " foo_cleanup+0x1be/0x820 drivers/foo/qp.c:761\n",
		      "locking-bug", "foo_completer");
	/*
	 * a stall caught while softirq work ran on interrupt exit: that work,
	 * not the task it interrupted (an inlined RIP belongs to the next RIP)
	 */
	expect_guilty("rcu: INFO: rcu_preempt self-detected stall on CPU\n"
		      "NMI backtrace for cpu 0\n"
		      "Call Trace:\n"
		      "  <IRQ>\n"
		      "  lapic_next_event+0x51/0x80 arch/x86/kernel/apic/apic.c:468\n"
		      "  clockevents_program_event+0x25c/0x370 kernel/time/clockevents.c:334\n"
		      "  hrtimer_interrupt+0x369/0x770 kernel/time/hrtimer.c:1522\n"
		      "  apic_timer_interrupt+0xf/0x20 arch/x86/entry/entry_64.S:830\n"
		      "RIP: 0010:foo_expire_entry include/trace/events/foo.h:90 [inline]\n"
		      "RIP: 0010:foo_timer_fn+0x607/0x780 drivers/foo/timer.c:1321\n"
		      "  call_timer_fn+0x1a0/0x780 kernel/time/timer.c:1404\n"
		      "  run_timer_softirq+0x697/0x17a0 kernel/time/timer.c:1698\n"
		      "  __do_softirq+0x262/0x98c kernel/softirq.c:292\n"
		      "  irq_exit+0x19b/0x1e0 kernel/softirq.c:413\n"
		      "  apic_timer_interrupt+0xf/0x20 arch/x86/entry/entry_64.S:830\n"
		      "  </IRQ>\n"
		      "RIP: 0010:futex_wait_setup+0x2ad/0x390 kernel/futex.c:2700\n"
		      "  futex_wait+0x1fc/0x5e0 kernel/futex.c:2730\n"
		      "  do_futex+0x175/0x1dc0 kernel/futex.c:3646\n",
		      "rcu-stall", "foo_timer_fn");
	/* arm64 with PAN: a NULL dereference reads as an access to user memory */
	expect_guilty("Unable to handle kernel access to user memory outside uaccess routines at "
		      "virtual address 0000000000000348\n"
		      "Internal error: Oops: 96000004 [#1] PREEMPT SMP\n"
		      "pc : foo_audio_prepare+0x2c/0x80 [foo]\n"
		      "Call trace:\n"
		      " foo_audio_prepare+0x2c/0x80 [foo]\n",
		      "null-deref", "foo_audio_prepare");
	expect_guilty("Unable to handle kernel access to user memory outside uaccess routines at "
		      "virtual address 0000000040000028\n"
		      "pc : foo_lookup+0x2c/0x80\n",
		      "page-fault", "foo_lookup");
	/* a lock helper faulted and every frame is "? " (no frame pointers): its caller */
	expect_guilty("BUG: unable to handle kernel NULL pointer dereference at           (null)\n"
		      "IP: [<ffffffff846617af>] __mutex_lock_slowpath+0x6f/0x100\n"
		      "Oops: 0002 [#1] SMP\n"
		      "RIP: 0010:[<ffffffff846617af>]  [<ffffffff846617af>] __mutex_lock_slowpath+0x6f/0x100\n"
		      "Call Trace:\n"
		      " [<ffffffff84661856>] ? mutex_lock+0x16/0x25\n"
		      " [<ffffffffc013616f>] ? foo_power_ctrl+0x1f/0x60 [foo]\n"
		      " [<ffffffffc012e67e>] ? foo_device_init+0x21e/0x5d0 [foo]\n",
		      "null-deref", "foo_power_ctrl");
	/* the same in a quoted kmemleak report, its frames wrapped before the path */
	expect_guilty("> BUG: memory leak\n"
		      "> unreferenced object 0xffff888123934800 (size 32):\n"
		      ">    backtrace:\n"
		      ">      [<0000000038ba7202>] kmemleak_alloc_recursive\n"
		      "> include/linux/kmemleak.h:43 [inline]\n"
		      ">      [<0000000038ba7202>] kmem_cache_alloc_trace+0x13d/0x280 mm/slab.c:3553\n"
		      ">      [<0000000004e63839>] kzalloc include/linux/slab.h:742 [inline]\n"
		      ">      [<0000000004e63839>] foo_transaction+0x28b/0x2eb0\n"
		      "> drivers/foo/binder.c:3072\n"
		      ">      [<0000000050997ec4>] foo_thread_write+0x357/0x1430\n"
		      "> drivers/foo/binder.c:3794\n",
		      "kmemleak", "foo_transaction");
	/* lockdep's lock line wrapped after "at:" */
	expect_guilty("WARNING: possible circular locking dependency detected\n"
		      "frecon/429 is trying to acquire lock:\n"
		      "ffffff808dc3c4e8 (&dev->mode_config.mutex){+.+.}-{3:3}, at:\n"
		      "foo_add_fail_safe_mode+0x4c/0xa0\n"
		      "\n"
		      "but task is already holding lock:\n",
		      "deadlock", "foo_add_fail_safe_mode");
	/* an arm64 compiler trap is a BUG */
	expect_guilty("Unexpected kernel BRK exception at EL1\n"
		      "Internal error: BRK handler: 00000000f20003e8 [#1] PREEMPT SMP\n"
		      "pc : foo_setup_blendstage+0x26c/0x278 [foo]\n",
		      "bug", "foo_setup_blendstage");
	/* KMSAN's stack under a symbolised title of three lines */
	expect_guilty("BUG: KMSAN: uninit-value in crc32_body lib/crc32.c:110 [inline]\n"
		      "BUG: KMSAN: uninit-value in crc32_le_generic lib/crc32.c:179 [inline]\n"
		      "BUG: KMSAN: uninit-value in crc32_le_base+0x43c/0xd80 lib/crc32.c:197\n"
		      " crc32_body lib/crc32.c:110 [inline]\n"
		      " crc32_le_generic lib/crc32.c:179 [inline]\n"
		      " crc32_le_base+0x43c/0xd80 lib/crc32.c:197\n"
		      " foo_fill_in_crc fs/foo/segbuf.c:224 [inline]\n"
		      " foo_add_checksums+0xb80/0xe40 fs/foo/segbuf.c:327\n"
		      " foo_construct+0x9876/0xdeb0 fs/foo/segment.c:2078\n",
		      "kmsan", "foo_add_checksums");
	/* get_user_pages is no user copy (__get_user_8 is) */
	expect_guilty("WARNING: bad unlock balance detected!\n"
		      "Call Trace:\n"
		      " dump_stack+0x188/0x20d lib/dump_stack.c:118\n"
		      " lock_release+0x586/0x800 kernel/locking/lockdep.c:4941\n"
		      " up_read+0x79/0x750 kernel/locking/rwsem.c:1573\n"
		      " __get_user_pages_remote+0x540/0x740 mm/gup.c:1806\n"
		      " pin_user_pages_remote+0x67/0xa0 mm/gup.c:2897\n",
		      "locking-bug", "__get_user_pages_remote");
	/*
	 * another program's output after a long frame line is taken for a piece
	 * of it: the frame still reads (indented output is never a piece)
	 */
	expect_frames("[  218.500000][ T1234] BUG: KASAN: global-out-of-bounds in memcmp+0xe3/0x160\n"
		      "[  218.500000][ T1234] Call Trace:\n"
		      "[  218.500000][ T1234]  dump_stack+0x1c4/0x2b4 lib/dump_stack.c:113\n"
		      "  executor output\n"
		      "[  218.500000][ T1234]  kasan_report.cold.9+0x242/0x309 mm/kasan/report.c:412\n"
		      "[  218.500000][ T1234]  memcmp+0xe3/0x160 lib/string.c:861\n"
		      "[  218.500000][ T1234]  foo_lookupn_ns+0xc1/0x570 security/foo/policy_ns.c:199\n"
		      "22:45:44 executing program 5:\n"
		      "[  218.500000][ T1234]  foo_lookupn+0x88/0x1e0 security/foo/policy_ns.c:240\n",
		      "foo_lookupn_ns", "foo_lookupn");
	/* a vendor printk's task name after the caller id, on most lines */
	expect_guilty("[ 4320.666557] [   T56] khungtaskd: [name:hung_task&]INFO: task app:17803 "
		      "blocked for more than 3600 seconds.\n"
		      "[ 4320.666601] [   T56] khungtaskd: Call trace:\n"
		      "[ 4320.666607] [   T56] khungtaskd:  __switch_to+0x17c/0x338\n"
		      "[ 4320.666642] [   T56] khungtaskd:  __schedule+0x54c/0x8ec\n"
		      "[ 4320.666651] [   T56] khungtaskd:  schedule+0x74/0xd4\n"
		      "[ 4320.666678] [   T56] khungtaskd:  wait_for_completion+0x44/0x58\n"
		      "[ 4320.666681] [   T56] khungtaskd:  drv_set_mode+0x344/0x730\n"
		      "[ 4320.666702] [   T56] khungtaskd:  drv_ioctl+0x118/0x160\n",
		      "hung-task", "drv_set_mode");
	/* dmesg's own caller ids: a subsystem's "ext4: " on a few lines is text */
	expect_guilty("[   38.935276] [      C0] ext4: mounted filesystem\n"
		      "[   38.935690] [      C0] watchdog: BUG: soft lockup - CPU#0 stuck for 23s! [a:1]\n"
		      "[   38.936106] [      C0] usb: new device\n"
		      "[   38.936716] [      C0] pc : drv_poll+0x1/0x2\n"
		      "[   38.937129] [      C0] Call trace:\n"
		      "[   38.937129] [      C0]  drv_poll+0x1/0x2\n"
		      "[   38.937129] [      C0]  drv_read+0x1/0x2\n",
		      "soft-lockup", "drv_poll");
	/* a commit message that quoted the trace above its headline */
	expect_guilty("[  529.357541] Call trace:\n"
		      "[  529.357551]  dump_backtrace+0x0/0x198\n"
		      "[  529.357562]  dump_stack+0xa4/0xcc\n"
		      "[  529.357568]  watchdog_timer_fn+0x300/0x3e8\n"
		      "[  529.357574]  __hrtimer_run_queues+0x114/0x358\n"
		      "[  529.357595]  el1_irq+0xb8/0x140\n"
		      "[  529.357668]  drv_map_blocks+0x64/0x5c0 [drv]\n"
		      "[  529.357693]  drv_setup_zone+0x330/0x458 [drv]\n"
		      "[  529.357764]  el0_svc_common+0x78/0x130\n"
		      "[  541.356516] watchdog: BUG: soft lockup - CPU#0 stuck for 23s! [mount:18674]\n",
		      "soft-lockup", "drv_map_blocks");
	/* but another message's stack dump above a sanitizer's title is not its trace */
	expect_guilty("[  322.914868] Call Trace:\n"
		      "[  322.914882]  [<ffffffff81d91389>] dump_stack+0xc1/0x128\n"
		      "[  322.962139] BUG: KASAN: slab-out-of-bounds in do_raw_write_lock+0x1a3/0x1d0 at addr "
		      "ffff8801c464b568\n",
		      "kasan", "do_raw_write_lock");
}

/* A bare panic() without a stack still gets a stable, message-based signature. */
static void test_signature_bare_panic_uses_message(void **state)
{
	static const char a1[] = "[ 1.0] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n";
	static const char a2[] = "[ 9.9] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(8,1)\n";
	static const char b[] = "[ 1.0] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009\n";
	struct pc_analysis x, y, z;

	(void)state;
	analyze_text(a1, sizeof(a1) - 1, &x);
	analyze_text(a2, sizeof(a2) - 1, &y);
	analyze_text(b, sizeof(b) - 1, &z);
	assert_string_equal(x.kind, "panic");
	assert_string_equal(x.panic_msg, "VFS: Unable to mount root fs on unknown-block(0,0)");
	assert_true(strncmp(x.signature, "kernel-panic-", 13) == 0);
	assert_string_equal(x.signature, y.signature);
	assert_string_not_equal(x.signature, z.signature);
	pc_analysis_free(&x);
	pc_analysis_free(&y);
	pc_analysis_free(&z);
}

/* The report that caused the panic wins over an earlier, unrelated WARN. */
static void test_signature_picks_report_before_panic(void **state)
{
	size_t l1, l2;
	char *warn = corpus_load("x86_64-gpf.txt", &l1);
	char *oops = corpus_load("x86_64-null-deref.txt", &l2);
	char *both = malloc(l1 + l2 + 1);
	struct pc_analysis a;
	char *cut;

	(void)state;
	/* the GPF report without its panic, then the NULL dereference */
	cut = strstr(warn, "Kernel panic");
	*cut = 0;
	strcpy(both, warn);
	strcat(both, oops);
	analyze_text(both, strlen(both), &a);
	assert_string_equal(a.kind, "null-deref");
	assert_string_equal(a.fault_func, "lgtest_null_write");
	pc_analysis_free(&a);
	free(warn);
	free(oops);
	free(both);
}

/* Part2 lost: the report's first lines are gone, its trace is not. */
static void test_signature_truncated_report_uses_what_is_left(void **state)
{
	size_t len;
	char *t = corpus_load("x86_64-null-deref.txt", &len);
	char *rest = strstr(t, "Call Trace:");
	struct pc_analysis a;

	(void)state;
	rest = rest - 15; /* back to the start of its line */
	while (rest > t && rest[-1] != '\n')
		rest--;
	analyze_text(rest, strlen(rest), &a);
	assert_string_equal(a.kind, "oops");
	assert_true(a.panicked);
	assert_string_equal(a.fault_func, "lgtest_null_write"); /* the RIP repeated after the trace */
	assert_string_equal(a.sig_frames[1], "lgtest_trigger_store");
	assert_true(strncmp(a.signature, "kernel-lgtest_null_write-", 25) == 0);
	pc_analysis_free(&a);
	free(t);
}

/* dmesg -T time stamps are prefixes like "[  12.345678]"; a near miss is not. */
static void test_signature_ctime_prefix(void **state)
{
	static const char t[] =
		"[Thu May 21 08:58:43 2026] WARNING: CPU: 2 PID: 1266 at drivers/x/y.c:10 lg_warner+0x1/0x2\n"
		"[Thu May 21 08:58:43 2026] Call trace:\n"
		"[Thu May 21 08:58:43 2026]  lg_warner+0x1/0x2\n"
		"[Thu May 21 08:58:43 2026]  lg_caller+0x3/0x4\n";
	static const char near[] = "[Thu May 21 08:58:43 26] WARNING: CPU: 2 PID: 1 at x.c:1 f+0x1/0x2\n";
	struct pc_analysis a;

	(void)state;
	analyze_text(t, strlen(t), &a);
	assert_string_equal(a.kind, "warn");
	assert_string_equal(a.sig_frames[0], "lg_warner");
	pc_analysis_free(&a);
	analyze_text(near, strlen(near), &a);
	assert_string_not_equal(a.kind, "warn");
	pc_analysis_free(&a);
}

/* A journal header without a dmesg time stamp, in any language. */
static void test_signature_syslog_header(void **state)
{
	static const char t[] =
		"vas. 19 10:20:12 host kernel: BUG: unable to handle page fault for address: 000027c000000000\n"
		"vas. 19 10:20:12 host kernel: Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
		"vas. 19 10:20:12 host kernel: RIP: 0010:lg_faulter+0x93/0x1e0 [zfs]\n";
	struct pc_analysis a;

	(void)state;
	analyze_text(t, strlen(t), &a);
	assert_string_equal(a.kind, "page-fault");
	assert_string_equal(a.fault_func, "lg_faulter");
	pc_analysis_free(&a);
	/* journalctl -o short-monotonic */
	expect_guilty("[23352.431106] rockpro64 kernel: Unable to handle kernel paging request at "
		      "virtual address ffff000012345678\n"
		      "[23352.437413] rockpro64 kernel: pc : foo_run_filter_skb+0x1a8/0x4c0\n",
		      "page-fault", "foo_run_filter_skb");
	/*
	 * arm64's syscall entry as syzkaller symbolises it: __invoke_syscall
	 * is invoke_syscall's inlined body, entry code like it, so a stall
	 * sampled in a KCOV hook names the syscall, never the entry
	 */
	expect_guilty("watchdog: BUG: soft lockup - CPU#0 stuck for 27s! [a:1]\n"
		      "pc : __sanitizer_cov_trace_pc+0xc/0x8c kernel/kcov.c:203\n"
		      "Call trace:\n"
		      " __sanitizer_cov_trace_pc+0xc/0x8c kernel/kcov.c:206\n"
		      " drv_cancel+0x28/0x3c drivers/x/x.c:48\n"
		      " drv_connect+0x6b8/0xaec drivers/x/x.c:1426\n"
		      " __sys_connect+0x268/0x290 net/socket.c:2021\n"
		      " __arm64_sys_connect+0x7c/0x94 net/socket.c:2028\n"
		      " __invoke_syscall arch/arm64/kernel/syscall.c:38 [inline]\n"
		      " invoke_syscall+0x98/0x2c0 arch/arm64/kernel/syscall.c:52\n"
		      " el0_svc_common+0x138/0x258 arch/arm64/kernel/syscall.c:142\n",
		      "soft-lockup", "__arm64_sys_connect");
	/* dmesg --reltime / -H */
	expect_guilty("[ +10.395966] Unable to handle kernel paging request at virtual address "
		      "ffff000012345678\n"
		      "[  +0.004964] pc : foo_copy_field+0x28/0x80\n",
		      "page-fault", "foo_copy_field");
}

static void test_signature_garbage_is_unknown(void **state)
{
	unsigned char junk[4096];
	struct pc_analysis a;

	(void)state;
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 131 + 7);
	analyze_text((char *)junk, sizeof(junk), &a);
	assert_string_equal(a.kind, "unknown");
	assert_true(strncmp(a.signature, "kernel-unknown-", 15) == 0);
	pc_analysis_free(&a);
	analyze_text("", 0, &a);
	assert_string_equal(a.kind, "unknown");
	pc_analysis_free(&a);
}


static void test_signature_guilty_rules(void **state)
{
	(void)state;
	/* the sanitizer's function; a helper it names gives way to the caller */
	expect_guilty("BUG: KASAN: slab-use-after-free in foo_read+0x1/0x2\n"
		      "Call Trace:\n dump_stack_lvl+0x1/0x2\n print_report+0x1/0x2\n"
		      " kasan_report+0x1/0x2\n bar_caller+0x1/0x2\n", "kasan", "foo_read");
	expect_guilty("BUG: KASAN: use-after-free in memcpy+0x1/0x2\n"
		      "Call Trace:\n kasan_report+0x1/0x2\n memcpy+0x1/0x2\n"
		      " skb_copy_bits+0x1/0x2\n drv_rx+0x1/0x2\n", "kasan", "drv_rx");
	/* a hung task is signed by the function that waited */
	expect_guilty("INFO: task a:1 blocked for more than 120 seconds.\n"
		      "Call Trace:\n __schedule+0x1/0x2\n schedule+0x1/0x2\n"
		      " schedule_preempt_disabled+0x1/0x2\n __mutex_lock+0x1/0x2\n"
		      " rtnl_lock+0x1/0x2\n drv_reset+0x1/0x2\n", "hung-task", "drv_reset");
	/* a NULL dereference in a string helper: its caller */
	expect_guilty("BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
		      "RIP: 0010:strlen+0x0/0x20\nCall Trace:\n <TASK>\n"
		      " drv_name+0x1/0x2\n drv_probe+0x1/0x2\n </TASK>\n", "null-deref", "drv_name");
	/* old formats: 4.x IP: line, arm64 "PC is at" */
	expect_guilty("BUG: unable to handle kernel NULL pointer dereference at 0000000000000008\n"
		      "IP: [<ffffffff81234567>] old_func+0x1/0x2\n", "null-deref", "old_func");
	expect_guilty("Unable to handle kernel paging request at virtual address dead000000000108\n"
		      "PC is at arm_func+0x1/0x2\n", "page-fault", "arm_func");
	/* lockdep: the caller of the lock functions */
	expect_guilty("WARNING: possible recursive locking detected\n"
		      "Call Trace:\n dump_stack+0x1/0x2\n __lock_acquire+0x1/0x2\n"
		      " lock_acquire+0x1/0x2\n _raw_spin_lock+0x1/0x2\n drv_work+0x1/0x2\n",
		      "deadlock", "drv_work");
	/* an irq-safe -> irq-unsafe order: where the lock became irq-safe */
	expect_guilty("WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected\n"
		      "drv/1 [HC0[0]:SC0[0]:HE0:SE1] is trying to acquire:\n"
		      "ffff8880 (&u->lock){+.+.}-{2:2}, at: user_take+0x1/0x2\n"
		      "and this task is already holding:\n"
		      "ffff8881 (&dev->lock){-...}-{2:2}, at: drv_ioctl+0x1/0x2\n"
		      "which would create a new lock dependency:\n"
		      "but this new dependency connects a HARDIRQ-irq-safe lock:\n"
		      " (&dev->lock){-...}-{2:2}\n"
		      "... which became HARDIRQ-irq-safe at:\n"
		      "  lock_acquire+0x1/0x2\n  _raw_spin_lock_irqsave+0x1/0x2\n"
		      "  drv_irq+0x1/0x2\n  __handle_irq_event_percpu+0x1/0x2\n"
		      "to a HARDIRQ-irq-unsafe lock:\n"
		      "stack backtrace:\nCall Trace:\n dump_stack+0x1/0x2\n"
		      " check_irq_usage+0x1/0x2\n __lock_acquire+0x1/0x2\n lock_acquire+0x1/0x2\n"
		      " _raw_spin_lock+0x1/0x2\n user_take+0x1/0x2\n drv_ioctl+0x1/0x2\n",
		      "deadlock", "drv_irq");
	/*
	 * A circular dependency closed by the worker's pseudo-lock: the
	 * first code of the chain (the work that flushes its own queue).
	 */
	expect_guilty("WARNING: possible circular locking dependency detected\n"
		      "kworker/u8:2/43 is trying to acquire lock:\n"
		      "ffffc900 ((work_completion)(&p->work)){+.+.}, at: process_one_work+0x1/0x2\n"
		      "but task is already holding lock:\n"
		      "ffff8880 ((wq_completion)drv){+.+.}, at: process_one_work+0x1/0x2\n"
		      "the existing dependency chain (in reverse order) is:\n"
		      "-> #1 ((wq_completion)drv){+.+.}:\n"
		      "       flush_workqueue+0x1/0x2\n       drv_remove_peer+0x1/0x2\n"
		      "       drv_netlink_set+0x1/0x2\n"
		      "-> #0 ((work_completion)(&p->work)){+.+.}:\n"
		      "       lock_acquire+0x1/0x2\n       process_one_work+0x1/0x2\n"
		      "stack backtrace:\nCall Trace:\n dump_stack+0x1/0x2\n"
		      " print_circular_bug+0x1/0x2\n __lock_acquire+0x1/0x2\n lock_acquire+0x1/0x2\n"
		      " process_one_work+0x1/0x2\n worker_thread+0x1/0x2\n kthread+0x1/0x2\n",
		      "deadlock", "drv_remove_peer");
	/* a stall in a 32-bit task: the native ioctl its compat wrapper called */
	expect_guilty("rcu: INFO: rcu_preempt self-detected stall on CPU\n"
		      "RIP: 0010:lock_acquire+0x1/0x2\nCall Trace:\n"
		      " lock_acquire+0x1/0x2\n _raw_spin_lock+0x1/0x2\n drv_run+0x1/0x2\n"
		      " drv_vcpu_ioctl+0x1/0x2\n drv_vcpu_compat_ioctl+0x1/0x2\n"
		      " __ia32_compat_sys_ioctl+0x1/0x2\n do_fast_syscall_32+0x1/0x2\n",
		      "rcu-stall", "drv_vcpu_ioctl");
	/* 4.4's KAISER interrupt entry is entry code */
	assert_true(pc_frame_generic("smp_apic_timer_interrupt_entry_after_kaiser_bti"));
	/* a hung task, then another CPU's NMI backtrace with its RIP: not the task's */
	expect_guilty("INFO: task init:1 blocked for more than 120 seconds.\n"
		      "Call Trace:\n schedule+0x1/0x2\n schedule_timeout+0x1/0x2\n"
		      " __down+0x1/0x2\n down+0x1/0x2\n console_lock+0x1/0x2\n"
		      " drv_console_open+0x1/0x2\n chrdev_open+0x1/0x2\n"
		      "NMI backtrace for cpu 1\nRIP: 0010:io_serial_in+0x1/0x2\n"
		      "Call Trace:\n serial8250_console_write+0x1/0x2\n",
		      "hung-task", "drv_console_open");
	/* the stack overran: the work that ran so deep, else the outermost code */
	expect_guilty("Kernel panic - not syncing: corrupted stack end detected inside scheduler\n"
		      "CPU: 2 PID: 6265 Comm: kworker/u12:4 Not tainted 4.20.0-rc7+ #6\n"
		      "Workqueue: writeback drv_writeback_work (flush-8:0)\n"
		      "Call Trace:\n dump_stack+0x1/0x2\n panic+0x1/0x2\n __schedule+0x1/0x2\n"
		      " shrink_page_list+0x1/0x2\n drv_writepages+0x1/0x2\n"
		      " drv_writeback_work+0x1/0x2\n process_one_work+0x1/0x2\n",
		      "stack-corrupt", "drv_writeback_work");
	expect_guilty("Kernel panic - not syncing: corrupted stack end detected inside scheduler\n"
		      "Call Trace:\n dump_stack+0x1/0x2\n panic+0x1/0x2\n __schedule+0x1/0x2\n"
		      " shrink_page_list+0x1/0x2\n drv_write+0x1/0x2\n ksys_write+0x1/0x2\n"
		      " do_syscall_64+0x1/0x2\n entry_SYSCALL_64_after_hwframe+0x1/0x2\n",
		      "stack-corrupt", "ksys_write");
	/* arm64's overflow: registers, then the panic prints the stack: the recursion in it */
	expect_guilty("Insufficient stack space to handle exception!\n"
		      "pc : mark_lock+0x4/0x1b4\nlr : __lock_acquire+0x630/0x30a4\n"
		      "Kernel panic - not syncing: kernel stack overflow\n"
		      "Call trace:\n dump_backtrace+0x1/0x2\n panic+0x1/0x2\n"
		      " panic_bad_stack+0x1/0x2\n handle_bad_stack+0x1/0x2\n __bad_stack+0x1/0x2\n"
		      " mark_lock+0x1/0x2\n lock_acquire+0x1/0x2\n drv_sync+0x1/0x2\n"
		      " raw_notifier_call_chain+0x1/0x2\n drv_event+0x1/0x2\n drv_sync+0x1/0x2\n"
		      " raw_notifier_call_chain+0x1/0x2\n drv_event+0x1/0x2\n",
		      "stack-overflow", "drv_sync");
	/*
	 * A mail quotes the WARN's site under its title, then the report's own
	 * trace, whose "Code:" line it wrapped: the trace after the registers.
	 */
	expect_guilty(">> refcount_t: underflow; use-after-free.\n"
		      ">> WARNING: CPU: 0 PID: 8691 at lib/refcount.c:190\n"
		      ">> refcount_sub_and_test_checked+0x1d0/0x200 lib/refcount.c:180\n"
		      ">> Kernel panic - not syncing: panic_on_warn set ...\n"
		      ">> Call Trace:\n>>     dump_stack+0x1/0x2\n>>     panic+0x1/0x2\n"
		      ">>     __warn.cold+0x1/0x2\n>>     report_bug+0x1/0x2\n"
		      ">> RIP: 0010:refcount_sub_and_test_checked+0x1d0/0x200 lib/refcount.c:180\n"
		      ">> Code: 1d b0 f0 7f 06 31 ff 89 de e8 6c d7 30 fe 84 db 75 94 e8 23 d6 30 fe\n"
		      ">> 48 c7 c7 20 81 e6 87 c6 05 90 f0 7f 06 01 e8 e8 15 02 fe <0f> 0b e9 75 ff\n"
		      ">> ff ff ff e8 04 d6 30 fe e9 6e ff ff ff 48 89 df e8 e7\n"
		      ">> RSP: 0018:ffff8880a8267a28 EFLAGS: 00010282\n"
		      ">>     drv_sock_free+0x10c/0x190 net/core/sock.c:1958\n"
		      ">>     drv_destruct+0x115/0x170 net/unix/scm.c:149\n",
		      "refcount", "drv_sock_free");
	/* arm64's cache routines and the page allocator's internals are helpers */
	assert_true(pc_frame_generic("dcache_clean_poc"));
	assert_true(pc_frame_generic("rmqueue_bulk"));
	/* memory freed with a lock still held in it: who took that lock */
	expect_guilty("WARNING: held lock freed!\n"
		      "a/1 is freeing memory ffff8880-ffff8881, with a lock still held there!\n"
		      "00000000cf45dbdb (sk_lock-AF_DRV){+.+.}, at: drv_release+0x11a/0x3b0\n"
		      "stack backtrace:\nCall Trace:\n dump_stack+0x1/0x2\n"
		      " debug_check_no_locks_freed+0x1/0x2\n kfree+0x1/0x2\n drv_sk_free+0x1/0x2\n"
		      " drv_release+0x1/0x2\n", "locking-bug", "drv_release");
	/* a workqueue pool stuck: the work its busy worker runs, dumped after the queues */
	expect_guilty("BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 168s!\n"
		      "Showing busy workqueues and worker pools:\n"
		      "workqueue events: flags=0x100\n  pwq 2: cpus=0 node=0 active=12\n"
		      "    pending: vmstat_shepherd, psi_avgs_work\n"
		      "Showing backtraces of running workers in stalled CPU-bound worker pools:\n"
		      "pool 0:\nWorkqueue: events drv_stats_work\nCall Trace:\n"
		      " __schedule+0x1/0x2\n preempt_schedule+0x1/0x2\n irq_work_queue+0x1/0x2\n"
		      " drv_stats_work+0x1/0x2\n process_one_work+0x1/0x2\n",
		      "bug", "drv_stats_work");
	/* a stall in a syscall: the syscall, as its entry called it */
	expect_guilty("rcu: INFO: rcu_sched self-detected stall on CPU\n"
		      "RIP: 0010:_raw_spin_unlock_irq+0x1/0x2\nCall Trace:\n"
		      " finish_task_switch+0x1/0x2\n __schedule+0x1/0x2\n schedule+0x1/0x2\n"
		      " futex_wait_queue+0x1/0x2\n futex_wait+0x1/0x2\n do_futex+0x1/0x2\n"
		      " __x64_sys_futex+0x1/0x2\n do_syscall_64+0x1/0x2\n"
		      " entry_SYSCALL_64_after_hwframe+0x1/0x2\n", "rcu-stall", "__x64_sys_futex");
	/*
	 * decode_stacktrace.sh's addr2line -i chain: inlined callees first, the
	 * function's own line last; a header among the callees does not make
	 * the function a header's helper (a lone header location still does)
	 */
	expect_guilty("BUG: kernel NULL pointer dereference, address: 0000000000000064\n"
		      "RIP: 0010:drv_pick_next (./include/linux/drv.h:13 ./include/linux/drv.h:20 "
		      "drivers/x/core.c:505 drivers/x/core.c:1766)\nCall Trace:\n <TASK>\n"
		      " drv_cpu_dying (drivers/x/core.c:6093 drivers/x/core.c:6143)\n"
		      " cpuhp_invoke_callback (kernel/cpu.c:194)\n </TASK>\n",
		      "null-deref", "drv_pick_next");
	expect_guilty("BUG: kernel NULL pointer dereference, address: 0000000000000064\n"
		      "RIP: 0010:drv_helper (./include/linux/drv.h:13)\nCall Trace:\n <TASK>\n"
		      " drv_cpu_dying (drivers/x/core.c:6093 drivers/x/core.c:6143)\n"
		      " cpuhp_invoke_callback (kernel/cpu.c:194)\n </TASK>\n",
		      "null-deref", "drv_cpu_dying");
	/* a Rust function's own line is a .rs location: the C header inlined into it is a callee */
	expect_guilty("BUG: kernel NULL pointer dereference, address: 0000000000000064\n"
		      "RIP: 0010:_RNvMs0_NtCs1a_8rust_drv6device6probe (./include/linux/drv.h:13 "
		      "drivers/x/rust_drv/device.rs:88)\nCall Trace:\n <TASK>\n"
		      " drv_cpu_dying (drivers/x/core.c:6093 drivers/x/core.c:6143)\n"
		      " cpuhp_invoke_callback (kernel/cpu.c:194)\n </TASK>\n",
		      "null-deref", "_RNvMs0_NtCs1a_8rust_drv6device6probe");
	/*
	 * a stall under sendmsg: the protocol's sendmsg, not sock_sendmsg_nosec, the
	 * socket layer's inline call into it (every protocol would share that name)
	 */
	expect_guilty("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [drv:6894]\n"
		      "pc : queued_spin_lock_slowpath+0x1/0x2\nCall trace:\n"
		      " queued_spin_lock_slowpath+0x1/0x2 kernel/locking/qspinlock.c:197 (P)\n"
		      " _raw_spin_lock_bh+0x1/0x2 kernel/locking/spinlock.c:178\n"
		      " lock_sock_nested+0x1/0x2 net/core/sock.c:3714\n"
		      " drv_sendstream+0x1/0x2 net/drv/socket.c:1545\n"
		      " sock_sendmsg_nosec net/socket.c:714 [inline]\n"
		      " __sock_sendmsg net/socket.c:729 [inline]\n"
		      " ____sys_sendmsg+0x1/0x2 net/socket.c:2614\n"
		      " ___sys_sendmsg+0x1/0x2 net/socket.c:2668\n"
		      " __arm64_sys_sendmsg+0x1/0x2 net/socket.c:2703\n"
		      " invoke_syscall+0x1/0x2 arch/arm64/kernel/syscall.c:49\n",
		      "soft-lockup", "drv_sendstream");
	/* arm64's user copy (copy_to_user's body there) is a helper: the caller gave the buffer */
	expect_guilty("Unable to handle kernel paging request at virtual address ffff800012345000\n"
		      "pc : __arch_copy_to_user+0x1/0x2\nlr : drv_read+0x1/0x2\nCall trace:\n"
		      " __arch_copy_to_user+0x1/0x2\n drv_read+0x1/0x2\n vfs_read+0x1/0x2\n"
		      " ksys_read+0x1/0x2\n __arm64_sys_read+0x1/0x2\n invoke_syscall+0x1/0x2\n",
		      "page-fault", "drv_read");
	/* the same stall from 32-bit user space, by int 0x80 or sysenter: still the syscall */
	expect_guilty("rcu: INFO: rcu_sched self-detected stall on CPU\n"
		      "RIP: 0010:_raw_spin_unlock_irq+0x1/0x2\nCall Trace:\n"
		      " finish_task_switch+0x1/0x2\n __schedule+0x1/0x2\n schedule+0x1/0x2\n"
		      " futex_wait_queue+0x1/0x2\n futex_wait+0x1/0x2\n do_futex+0x1/0x2\n"
		      " __ia32_sys_futex+0x1/0x2\n do_int80_syscall_32+0x1/0x2\n"
		      " entry_INT80_compat+0x1/0x2\n", "rcu-stall", "__ia32_sys_futex");
	expect_guilty("rcu: INFO: rcu_sched self-detected stall on CPU\n"
		      "RIP: 0010:_raw_spin_unlock_irq+0x1/0x2\nCall Trace:\n"
		      " finish_task_switch+0x1/0x2\n __schedule+0x1/0x2\n schedule+0x1/0x2\n"
		      " futex_wait_queue+0x1/0x2\n futex_wait+0x1/0x2\n do_futex+0x1/0x2\n"
		      " __ia32_sys_futex+0x1/0x2\n __do_fast_syscall_32+0x1/0x2\n"
		      " do_fast_syscall_32+0x1/0x2\n entry_SYSENTER_compat_after_hwframe+0x1/0x2\n",
		      "rcu-stall", "__ia32_sys_futex");
	/* timer set-up, lock-taking atomics and block ciphers are helpers */
	assert_true(pc_frame_generic("init_timer_key"));
	assert_true(pc_frame_generic("_atomic_dec_and_lock_irqsave"));
	assert_true(pc_frame_generic("aes_encrypt"));
	assert_true(pc_frame_generic("__panic"));
	/* a stack overrun under a syscall: the syscall, as its entry called it */
	expect_guilty("Kernel panic - not syncing: corrupted stack end detected inside scheduler\n"
		      "Call trace:\n dump_backtrace+0x1/0x2\n panic+0x1/0x2\n __schedule+0x1/0x2\n"
		      " drv_create+0x1/0x2\n __sys_socket+0x1/0x2\n __arm64_sys_socket+0x1/0x2\n"
		      " invoke_syscall+0x1/0x2\n el0_svc+0x1/0x2\n", "stack-corrupt",
		      "__arm64_sys_socket");
	/* assertion reporters, Rust's panic path, CRC helpers */
	assert_true(pc_frame_generic("assertfail"));
	assert_true(pc_frame_generic("btrfs_assertfail"));
	assert_true(pc_frame_generic("rust_helper_BUG"));
	assert_true(pc_frame_generic("_RNvNtCs9jEwPDbx20M_4core9panicking9panic_fmt"));
	assert_true(pc_frame_generic("crc16"));
	assert_true(pc_frame_generic("cdev_device_del"));
	assert_true(pc_frame_generic("dma_map_page_attrs"));
	assert_true(pc_frame_generic("__wait_for_common"));
	/* the DMA implementation's own queries are code, not the caller's checks */
	assert_false(pc_frame_generic("dma_direct_max_mapping_size"));
	/* x86's double fault: a panic, named by the pc it faulted at */
	expect_guilty("PANIC: double fault, error_code: 0x0\n"
		      "CPU: 1 PID: 9 Comm: a Not tainted 4.20.0+ #1\n"
		      "RIP: 0010:drv_deep_call+0x14/0x40\n"
		      "Kernel panic - not syncing: Machine halted.\n"
		      "Call Trace:\n <#DF>\n dump_stack+0x1/0x2\n panic+0x1/0x2\n"
		      " df_debug+0x1/0x2\n do_double_fault+0x1/0x2\n double_fault+0x1/0x2\n",
		      "panic", "drv_deep_call");
	/* a stall whose first task dump shows only the switch away: the next dump */
	expect_guilty("rcu: INFO: rcu_sched self-detected stall on CPU\n"
		      "Task dump for CPU 0:\ntask:a state:R  running task on cpu 0\n"
		      "Call trace:\n __switch_to+0x1/0x2\n 0x202\n"
		      "Task dump for CPU 1:\ntask:b state:R  running task on cpu 1\n"
		      "Call trace:\n walk_stackframe+0x1/0x2\n show_stack+0x1/0x2\n"
		      " sched_show_task+0x1/0x2\n drv_poll_loop+0x1/0x2\n drv_recvmsg+0x1/0x2\n",
		      "rcu-stall", "drv_poll_loop");
	/* scheduling while atomic on the way back to user space: the code that scheduled */
	expect_guilty("BUG: scheduling while atomic: a/1/0x00000002\n"
		      "Call Trace:\n dump_stack+0x1/0x2\n __schedule_bug+0x1/0x2\n"
		      " __schedule+0x1/0x2\n schedule+0x1/0x2\n exit_to_user_mode_prepare+0x1/0x2\n"
		      " irqentry_exit_to_user_mode+0x1/0x2\n asm_exc_page_fault+0x1/0x2\n",
		      "sched-atomic", "exit_to_user_mode_prepare");
	/*
	 * syzbot's inlined frames belong to the function they were inlined
	 * into, the only one a raw log shows: in the trace and at RIP
	 */
	expect_guilty("UBSAN: shift-out-of-bounds in fs/drv/super.c:503:3\n"
		      "Call Trace:\n <TASK>\n dump_stack_lvl+0x1/0x2\n"
		      " ubsan_epilogue lib/ubsan.c:217 [inline]\n"
		      " __ubsan_handle_shift_out_of_bounds+0x1/0x2\n"
		      " drv_read_boot_sector fs/drv/super.c:503 [inline]\n"
		      " __drv_fill_super fs/drv/super.c:582 [inline]\n"
		      " drv_fill_super+0x1/0x2 fs/drv/super.c:690\n"
		      " get_tree_bdev+0x1/0x2\n", "ubsan", "drv_fill_super");
	expect_guilty("BUG: KASAN: slab-out-of-bounds in drv_filldir fs/drv/dir.c:1021 [inline]\n"
		      "BUG: KASAN: slab-out-of-bounds in drv_readdir+0x1/0x2 fs/drv/dir.c:1200\n"
		      "Read of size 1 at addr ffff88801\nCall Trace:\n <TASK>\n"
		      " kasan_report+0x1/0x2\n drv_filldir fs/drv/dir.c:1021 [inline]\n"
		      " drv_readdir+0x1/0x2 fs/drv/dir.c:1200\n iterate_dir+0x1/0x2\n",
		      "kasan", "drv_readdir");
	expect_guilty("divide error: 0000 [#1] PREEMPT SMP KASAN\n"
		      "RIP: 0010:drv_mode_rate drivers/gpu/drv/modes.c:13 [inline]\n"
		      "RIP: 0010:drv_mode_print+0x1/0x2 drivers/gpu/drv/modes.c:60\n"
		      "Call Trace:\n <TASK>\n drv_setcrtc+0x1/0x2\n </TASK>\n",
		      "divide-error", "drv_mode_print");
	expect_guilty("divide error: 0000 [#1] PREEMPT SMP\n"
		      "RIP: 0010:drv_mode_print+0x1/0x2\n"
		      "Call Trace:\n <TASK>\n drv_setcrtc+0x1/0x2\n </TASK>\n",
		      "divide-error", "drv_mode_print");
	/* a stack overflow through stacked devices: the operation that recursed */
	expect_guilty("BUG: stack guard page was hit at ffffc900190cfff8\n"
		      "kernel stack overflow (double-fault): 0000 [#1] PREEMPT SMP KASAN\n"
		      "RIP: 0010:drv_next_lower+0x8/0xb0\nCall Trace:\n"
		      " drv_update_features+0x1/0x2\n drv_change_features+0x1/0x2\n"
		      " drv_compute_features+0x1/0x2\n drv_update_features+0x1/0x2\n"
		      " drv_change_features+0x1/0x2\n drv_compute_features+0x1/0x2\n"
		      " do_setlink+0x1/0x2\n __rtnl_newlink+0x1/0x2\n rtnl_newlink+0x1/0x2\n"
		      " rtnetlink_rcv_msg+0x1/0x2\n netlink_rcv_skb+0x1/0x2\n",
		      "stack-overflow", "rtnl_newlink");
	/* ... but one that re-enters through an exception: what recursed */
	expect_guilty("Insufficient stack space to handle exception!\n"
		      "pc : probed_func+0x0/0x1b8\nCall trace:\n dump_backtrace+0x1/0x2\n"
		      " panic_bad_stack+0x1/0x2\n handle_bad_stack+0x1/0x2\n __bad_stack+0x1/0x2\n"
		      " probed_func+0x0/0x1b8\n el1_dbg+0x1/0x2\n el1h_64_sync_handler+0x1/0x2\n"
		      " el1h_64_sync+0x1/0x2\n probed_func+0x0/0x1b8\n el1_dbg+0x1/0x2\n"
		      " el1h_64_sync_handler+0x1/0x2\n el1h_64_sync+0x1/0x2\n probed_func+0x0/0x1b8\n"
		      " drv_write+0x1/0x2\n vfs_write+0x1/0x2\n ksys_write+0x1/0x2\n",
		      "stack-overflow", "probed_func");
	/* lockdep's irq-state hook in its own report is not the code, in a BUG it is */
	expect_guilty("WARNING: inconsistent lock state\n"
		      "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.\n"
		      "Call Trace:\n dump_stack_lvl+0x1/0x2\n mark_lock+0x1/0x2\n"
		      " mark_held_locks+0x1/0x2\n lockdep_hardirqs_on_prepare+0x1/0x2\n"
		      " trace_hardirqs_on+0x1/0x2\n _raw_spin_unlock_irq+0x1/0x2\n"
		      " drv_debugfs_show+0x1/0x2\n seq_read_iter+0x1/0x2\n",
		      "inconsistent-lock", "drv_debugfs_show");
	expect_guilty("kernel BUG at kernel/trace/trace_preemptirq.c:49!\n"
		      "RIP: 0010:trace_hardirqs_on+0x1/0x2\n"
		      "Call Trace:\n drv_unlock+0x1/0x2\n", "bug", "trace_hardirqs_on");
	/* a trace cut right after the inlined frames keeps them */
	expect_guilty("INFO: task a:1 blocked for more than 143 seconds.\n"
		      "Call Trace:\n <TASK>\n context_switch kernel/sched/core.c:1 [inline]\n"
		      " __schedule+0x1/0x2 kernel/sched/core.c:2\n schedule+0x1/0x2\n"
		      " __mutex_lock_common kernel/locking/mutex.c:680 [inline]\n"
		      " __mutex_lock+0x1/0x2 kernel/locking/mutex.c:740\n"
		      " drv_css_set_fork kernel/drv/cgroup.c:6090 [inline]\n",
		      "hung-task", "drv_css_set_fork");
	/* a bad access inside a completion's own code: the waiter on it */
	expect_guilty("BUG: KASAN: slab-use-after-free in _raw_spin_lock_irq+0x1/0x2\n"
		      "Call Trace:\n dump_stack_lvl+0x1/0x2\n print_report+0x1/0x2\n"
		      " kasan_report+0x1/0x2\n _raw_spin_lock_irq+0x1/0x2\n"
		      " __wait_for_common+0x1/0x2\n wait_for_completion_state+0x1/0x2\n"
		      " drv_wait_request+0x1/0x2\n drv_ioctl+0x1/0x2\n",
		      "kasan", "drv_wait_request");
	/* the DMA API's checks (dma-debug, the IOMMU's page tables): the driver's call */
	expect_guilty("WARNING: CPU: 0 PID: 493 at kernel/dma/debug.c:1179 debug_dma_map_sg+0x330/0x388\n"
		      "pc : debug_dma_map_sg+0x330/0x388\nCall trace:\n debug_dma_map_sg+0x330/0x388\n"
		      " __dma_map_sg_attrs+0xc0/0x110\n dma_map_sgtable+0x30/0x58\n"
		      " drv_get_pages_sgt+0x1/0x2\n drv_probe+0x1/0x2\n",
		      "warn", "drv_get_pages_sgt");
	expect_guilty("WARNING: CPU: 4 PID: 659 at drivers/iommu/io-pgtable-arm.c:649 "
		      "__arm_lpae_unmap+0x3cc/0x468\n"
		      "Call trace:\n __arm_lpae_unmap+0x3cc/0x468\n arm_lpae_unmap_pages+0x1/0x2\n"
		      " arm_smmu_unmap_pages+0x1/0x2\n __iommu_unmap+0x1/0x2\n iommu_unmap_fast+0x1/0x2\n"
		      " __iommu_dma_unmap+0x1/0x2\n iommu_dma_free+0x1/0x2\n dma_free_attrs+0x1/0x2\n"
		      " drv_queues_deinit+0x1/0x2\n drv_open+0x1/0x2\n",
		      "warn", "drv_queues_deinit");
	/* a sanitizer naming a helper whose inlined and out-of-line frames both show */
	expect_guilty("BUG: KASAN: slab-out-of-bounds in strlen+0x79/0x90 lib/string.c:525\n"
		      "Call Trace:\n __dump_stack lib/dump_stack.c:77 [inline]\n"
		      " dump_stack+0x1/0x2 lib/dump_stack.c:118\n kasan_report+0x1/0x2 mm/kasan/report.c:1\n"
		      " strlen+0x79/0x90 lib/string.c:525\n strlen include/linux/string.h:368 [inline]\n"
		      " drv_ioctl+0x1/0x2 drivers/drv/drv.c:1\n vfs_ioctl fs/ioctl.c:47 [inline]\n",
		      "kasan", "drv_ioctl");
	/* fs_reclaim, a pseudo-lock: the lock held across the allocation */
	expect_guilty("WARNING: possible circular locking dependency detected\n"
		      "a/1 is trying to acquire lock:\n"
		      "ffffffff8d938460 (fs_reclaim){+.+.}-{0:0}, at: might_alloc include/linux/sched/mm.h:312 [inline]\n"
		      "ffffffff8d938460 (fs_reclaim){+.+.}-{0:0}, at: prepare_alloc_pages+0x155/0x560 mm/page_alloc.c:4346\n"
		      "\nbut task is already holding lock:\n"
		      "ffff888026c5c2a0 (&drv->sem){++++}-{3:3}, at: drv_transaction_begin+0x326/0xa40 fs/drv/seg.c:223\n"
		      "\nwhich lock already depends on the new lock.\n\n"
		      "stack backtrace:\nCall Trace:\n dump_stack_lvl+0x1/0x2\n check_noncircular+0x1/0x2\n"
		      " lock_acquire+0x1/0x2\n fs_reclaim_acquire+0x1/0x2\n prepare_alloc_pages+0x1/0x2\n"
		      " __alloc_pages+0x1/0x2\n block_write_begin+0x1/0x2\n drv_write_begin+0x1/0x2\n",
		      "deadlock", "drv_transaction_begin");
	/* ... held at a lock wrapper inlined in its caller: the caller */
	expect_guilty("WARNING: possible circular locking dependency detected\n"
		      "a/1 is trying to acquire lock:\n"
		      "ffffffff8d9373c0 (fs_reclaim){+.+.}-{0:0}, at: might_alloc include/linux/sched/mm.h:312 [inline]\n"
		      "ffffffff8d9373c0 (fs_reclaim){+.+.}-{0:0}, at: kmalloc_trace+0x51/0x330 mm/slub.c:3992\n"
		      "\nbut task is already holding lock:\n"
		      "ffff8880767b0868 (&drv_obj_class){+.+.}-{3:3}, at: drv_obj_lock drivers/drv/drv.h:125 [inline]\n"
		      "ffff8880767b0868 (&drv_obj_class){+.+.}-{3:3}, at: drv_obj_purge+0xc5/0x630 drivers/drv/drv.c:129\n"
		      "\nwhich lock already depends on the new lock.\n\n"
		      "the existing dependency chain (in reverse order) is:\n\n"
		      "-> #1 (&drv_obj_class){+.+.}-{3:3}:\n"
		      "       lock_release+0x33e/0x6c0 kernel/locking/lockdep.c:5774\n"
		      "       __mutex_unlock_slowpath+0xa3/0x650 kernel/locking/mutex.c:912\n"
		      "       drv_obj_lookup+0x428/0x880 drivers/drv/drv.c:802\n\n"
		      "stack backtrace:\nCall Trace:\n dump_stack_lvl+0x1/0x2\n check_noncircular+0x1/0x2\n"
		      " lock_acquire+0x1/0x2\n fs_reclaim_acquire+0x1/0x2\n kmalloc_trace+0x1/0x2\n"
		      " drv_obj_purge+0x1/0x2\n",
		      "deadlock", "drv_obj_purge");
	/* a mail that turned the trace's no-break spaces into "A " */
	expect_guilty("kernel BUG at mm/usercopy.c:84!\n"
		      "RIP: 0010:__check_object_size+0x1e2/0x250 mm/usercopy.c:276\n"
		      "Call Trace:\n"
		      "A check_object_size include/linux/thread_info.h:112 [inline]\n"
		      "A memdup_user+0x46/0x90 mm/util.c:168\n"
		      "A drv_vcpu_ioctl+0xc85/0x1810 arch/x86/drv/x86.c:3499\n",
		      "bug", "drv_vcpu_ioctl");
	/* a symbolised title line whose "[inline]" the mail wrapped */
	expect_guilty("BUG: KASAN: vmalloc-out-of-bounds in drv_seq_current kernel/drv/drv.h:99  \n"
		      "[inline]\n"
		      "BUG: KASAN: vmalloc-out-of-bounds in drv_invoke_callbacks+0x338/0x360  \n"
		      "kernel/drv/tree.c:1169\n"
		      "Read of size 8 at addr ffffc90004c18c78 by task kworker/0:2/9307\n"
		      "Call Trace:\n dump_stack+0x1/0x2\n kasan_report+0x1/0x2\n"
		      " drv_seq_current kernel/drv/drv.h:99 [inline]\n"
		      " drv_invoke_callbacks+0x338/0x360 kernel/drv/tree.c:1169\n"
		      " process_one_work+0x1/0x2 kernel/workqueue.c:2269\n",
		      "kasan", "drv_invoke_callbacks");
	assert_true(pc_frame_generic("console_trylock"));
	assert_true(pc_frame_waits("file_write_and_wait_range"));
	assert_true(pc_frame_waits("wait_for_completion"));
	assert_true(pc_frame_waits("rtnl_lock"));
	assert_false(pc_frame_waits("drv_reset"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signature_corpus_x86_64_panic),
		cmocka_unit_test(test_signature_corpus_arm64_panic),
		cmocka_unit_test(test_signature_corpus_x86_64_null_deref),
		cmocka_unit_test(test_signature_corpus_x86_64_null_deref_6_12_format),
		cmocka_unit_test(test_signature_corpus_arm64_null_deref),
		cmocka_unit_test(test_signature_corpus_x86_64_gpf),
		cmocka_unit_test(test_signature_corpus_arm64_page_fault),
		cmocka_unit_test(test_signature_corpus_x86_64_bug_on),
		cmocka_unit_test(test_signature_corpus_arm64_bug_on),
		cmocka_unit_test(test_signature_corpus_x86_64_warn_turned_panic),
		cmocka_unit_test(test_signature_corpus_arm64_warn_turned_panic),
		cmocka_unit_test(test_signature_corpus_x86_64_hung_task),
		cmocka_unit_test(test_signature_corpus_arm64_hung_task),
		cmocka_unit_test(test_signature_corpus_x86_64_soft_lockup),
		cmocka_unit_test(test_signature_corpus_arm64_soft_lockup),
		cmocka_unit_test(test_signature_corpus_x86_64_hard_lockup),
		cmocka_unit_test(test_signature_corpus_arm64_hard_lockup),
		cmocka_unit_test(test_signature_corpus_x86_64_nmi),
		cmocka_unit_test(test_signature_corpus_arm64_serror),
		cmocka_unit_test(test_signature_corpus_x86_64_rcu_stall),
		cmocka_unit_test(test_signature_same_bug_across_arches),
		cmocka_unit_test(test_signature_different_bugs_differ),
		cmocka_unit_test(test_signature_stable_across_builds),
		cmocka_unit_test(test_signature_skips_unreliable_and_generic_frames),
		cmocka_unit_test(test_signature_frame_name_drops_offsets_and_suffixes),
		cmocka_unit_test(test_signature_bare_panic_uses_message),
		cmocka_unit_test(test_signature_sanitizer_named_function),
		cmocka_unit_test(test_signature_unstamped_lines_in_trace),
		cmocka_unit_test(test_signature_mended_mail_logs),
		cmocka_unit_test(test_signature_picks_report_before_panic),
		cmocka_unit_test(test_signature_truncated_report_uses_what_is_left),
		cmocka_unit_test(test_signature_ctime_prefix),
		cmocka_unit_test(test_signature_syslog_header),
		cmocka_unit_test(test_signature_garbage_is_unknown),
		cmocka_unit_test(test_signature_guilty_rules),
		cmocka_unit_test(test_signature_quoted_formats),
	};

	return cmocka_run_group_tests_name("pstore-collect signature", tests, NULL, NULL);
}
