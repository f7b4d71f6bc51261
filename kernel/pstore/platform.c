// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: backend registration.
 *
 * Unlike upstream, any number of backends may be registered at the same
 * time.  They are kept on one list, sorted by risk class and then by
 * registration order; every frontend walks that list, so a panic dump
 * reaches all of them, the safest first.
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pstore.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "internal.h"

DEFINE_MUTEX(pstore_backends_lock);
LIST_HEAD(pstore_backends);

static unsigned long pstore_next_seq;

/*
 * Risk classes by backend name: the one place that decides in which order a
 * dump visits the backends.  RAM is a few memcpy()s and cannot make things
 * worse; flash and NVRAM drivers do device I/O that may time out; firmware
 * (EFI variable services, ACPI ERST) runs code we cannot see, on a machine
 * that just crashed, and has been known to hang there, so it goes last.
 * Names not listed here (mtd, pstore_blk, test backends, ...) are class 1.
 */
static const struct {
	const char *name;
	enum pstore_risk risk;
} pstore_risk_table[] = {
	{ "ramoops",	PSTORE_RISK_RAM },
	{ "flash",	PSTORE_RISK_FLASH },
	{ "efi_pstore",	PSTORE_RISK_FIRMWARE },
	{ "efi",	PSTORE_RISK_FIRMWARE },
	{ "erst",	PSTORE_RISK_FIRMWARE },
};

static enum pstore_risk pstore_risk_of(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pstore_risk_table); i++)
		if (!strcmp(pstore_risk_table[i].name, name))
			return pstore_risk_table[i].risk;
	return PSTORE_RISK_FLASH;
}

/*
 * Type names become file names ("dmesg-ramoops-0") and are matched by
 * userspace tools; the order must follow enum pstore_type_id.
 */
static const char * const pstore_type_names[] = {
	[PSTORE_TYPE_DMESG]		= "dmesg",
	[PSTORE_TYPE_MCE]		= "mce",
	[PSTORE_TYPE_CONSOLE]		= "console",
	[PSTORE_TYPE_FTRACE]		= "ftrace",
	[PSTORE_TYPE_PPC_RTAS]		= "rtas",
	[PSTORE_TYPE_PPC_OF]		= "powerpc-ofw",
	[PSTORE_TYPE_PPC_COMMON]	= "powerpc-common",
	[PSTORE_TYPE_PMSG]		= "pmsg",
	[PSTORE_TYPE_PPC_OPAL]		= "powerpc-opal",
};

/**
 * pstore_type_to_name() - file name prefix of a record type
 * @type: record type
 *
 * Return: a static string; "unknown" (with a one-time warning) for a type
 * outside enum pstore_type_id.
 */
const char *pstore_type_to_name(enum pstore_type_id type)
{
	BUILD_BUG_ON(ARRAY_SIZE(pstore_type_names) != PSTORE_TYPE_MAX);

	if (WARN_ON_ONCE(type >= PSTORE_TYPE_MAX))
		return "unknown";
	return pstore_type_names[type];
}
EXPORT_SYMBOL_GPL(pstore_type_to_name);

/**
 * pstore_name_to_type() - record type for a file name prefix
 * @name: a name as returned by pstore_type_to_name()
 *
 * Return: the type, or PSTORE_TYPE_MAX if @name is not a known type.
 */
enum pstore_type_id pstore_name_to_type(const char *name)
{
	int i;

	for (i = 0; i < PSTORE_TYPE_MAX; i++)
		if (!strcmp(pstore_type_names[i], name))
			return i;
	return PSTORE_TYPE_MAX;
}
EXPORT_SYMBOL_GPL(pstore_name_to_type);

/**
 * pstore_record_init() - prepare a record for a write or a read
 * @record: record to clear
 * @psi:    backend the record belongs to
 *
 * Stamps the record with the current wall-clock time.  Safe in NMI and
 * panic context (ktime_get_real_fast_ns() takes no lock); the time reads
 * as 0 if timekeeping is suspended.
 */
void pstore_record_init(struct pstore_record *record, struct pstore_info *psi)
{
	memset(record, 0, sizeof(*record));
	record->psi = psi;
	record->time = ns_to_timespec64(ktime_get_real_fast_ns());
}

/*
 * pstore.backend=: which backends may register, as a comma separated list
 * of names.  Unset or empty allows all.  Reading the parameter returns the
 * names of the backends registered now, in dump order, like upstream does
 * for its single backend.
 *
 * The string is not copied: for a built-in core it points into the kernel
 * command line, for a module into the module's argument copy, and both
 * live as long as the core does.  That also makes the setter safe before
 * the slab allocator is up.
 */
static const char *pstore_allowed_backends;

static int pstore_backend_param_set(const char *val,
				    const struct kernel_param *kp)
{
	pstore_allowed_backends = val;
	return 0;
}

static int pstore_backend_param_get(char *buf, const struct kernel_param *kp)
{
	struct pstore_backend *be;
	int len = 0;

	mutex_lock(&pstore_backends_lock);
	list_for_each_entry(be, &pstore_backends, node)
		len += scnprintf(buf + len, PAGE_SIZE - len, "%s%s",
				 len ? "," : "", be->psi->name);
	mutex_unlock(&pstore_backends_lock);
	len += scnprintf(buf + len, PAGE_SIZE - len, "\n");
	return len;
}

static const struct kernel_param_ops pstore_backend_param_ops = {
	.set	= pstore_backend_param_set,
	.get	= pstore_backend_param_get,
};
module_param_cb(backend, &pstore_backend_param_ops, NULL, 0444);
MODULE_PARM_DESC(backend,
		 "comma separated names of the backends allowed to register (default: empty, all allowed); reads back the registered ones");

static bool pstore_backend_allowed(const char *name)
{
	const char *list = pstore_allowed_backends;
	size_t len = strlen(name);

	if (!list || !*list)
		return true;

	while (*list) {
		size_t tok = strcspn(list, ",");

		if (tok == len && !strncmp(list, name, len))
			return true;
		list += tok;
		if (*list == ',')
			list++;
	}
	return false;
}

static struct pstore_backend *pstore_find_backend(const struct pstore_info *psi)
{
	struct pstore_backend *be;

	lockdep_assert_held(&pstore_backends_lock);
	list_for_each_entry(be, &pstore_backends, node)
		if (be->psi == psi)
			return be;
	return NULL;
}

static bool pstore_name_taken(const char *name)
{
	struct pstore_backend *be;

	lockdep_assert_held(&pstore_backends_lock);
	list_for_each_entry(be, &pstore_backends, node)
		if (!strcmp(be->psi->name, name))
			return true;
	return false;
}

/* Insert after every backend of the same or a lower risk class. */
static void pstore_insert_sorted(struct pstore_backend *new)
{
	struct pstore_backend *be;

	lockdep_assert_held(&pstore_backends_lock);
	list_for_each_entry(be, &pstore_backends, node) {
		if (be->risk > new->risk) {
			list_add_tail_rcu(&new->node, &be->node);
			return;
		}
	}
	list_add_tail_rcu(&new->node, &pstore_backends);
}

static int pstore_check_backend(const struct pstore_info *psi)
{
	if (!psi->name || !*psi->name) {
		pr_warn("refusing a backend without a name\n");
		return -EINVAL;
	}
	if (!pstore_backend_allowed(psi->name)) {
		pr_warn("backend '%s' not in pstore.backend=%s: not registering it\n",
			psi->name, pstore_allowed_backends);
		return -EPERM;
	}
	if (!psi->flags) {
		pr_warn("backend '%s' supports no frontend (flags=0): not registering it\n",
			psi->name);
		return -EINVAL;
	}
	if (!psi->read || !psi->write) {
		pr_warn("backend '%s' lacks %s(): not registering it\n",
			psi->name, psi->read ? "write" : "read");
		return -EINVAL;
	}
	if ((psi->flags & PSTORE_FLAGS_DMESG) && (!psi->buf || !psi->bufsize)) {
		pr_warn("backend '%s' takes dmesg but has no dump buffer (buf=%p bufsize=%zu): not registering it\n",
			psi->name, psi->buf, psi->bufsize);
		return -EINVAL;
	}
	return 0;
}

/**
 * pstore_register() - make a backend available to pstore
 * @psi: the backend's descriptor; must stay valid until pstore_unregister()
 *
 * Checks @psi, initialises @psi->buf_lock and @psi->read_mutex, allocates
 * whatever a panic dump into this backend will need (compression buffers),
 * shows the backend's stored records in the pstore filesystem if it is
 * mounted, and attaches the backend to every frontend named in @psi->flags.
 * Other backends stay registered: a dump goes to all of them.
 *
 * Context: process context, may sleep.
 * Return: 0 on success; -EPERM if pstore.backend= does not list the
 * backend, -EEXIST if a backend of that name is already registered,
 * -EINVAL for an incomplete @psi, -ENOMEM.  Every refusal is logged.
 */
int pstore_register(struct pstore_info *psi)
{
	struct pstore_backend *be;
	int ret;

	ret = pstore_check_backend(psi);
	if (ret)
		return ret;

	be = kzalloc(sizeof(*be), GFP_KERNEL);
	if (!be)
		return -ENOMEM;
	be->psi = psi;
	be->risk = pstore_risk_of(psi->name);

	mutex_lock(&pstore_backends_lock);
	if (pstore_name_taken(psi->name)) {
		pr_warn("a backend named '%s' is already registered: not registering another\n",
			psi->name);
		ret = -EEXIST;
		goto err_unlock;
	}

	raw_spin_lock_init(&psi->buf_lock);
	mutex_init(&psi->read_mutex);

	if (psi->flags & PSTORE_FLAGS_DMESG) {
		/* Without compression the dump still works, just uncompressed. */
		ret = pstore_zip_alloc(be);
		if (ret)
			pr_warn("backend '%s': no compression buffers (%d), dmesg saved uncompressed\n",
				psi->name, ret);
	}

	be->seq = pstore_next_seq++;
	pstore_insert_sorted(be);

	pstore_fs_add_backend(be);

	if (psi->flags & PSTORE_FLAGS_DMESG)
		pstore_kmsg_attach(be);
	if (psi->flags & PSTORE_FLAGS_CONSOLE)
		pstore_console_attach(be);
	if (psi->flags & PSTORE_FLAGS_PMSG)
		pstore_pmsg_attach(be);
	if (psi->flags & PSTORE_FLAGS_FTRACE)
		pstore_ftrace_attach(be);
	mutex_unlock(&pstore_backends_lock);

	pr_info("registered backend '%s' (risk class %d, bufsize %zu, flags 0x%x)\n",
		psi->name, be->risk, psi->bufsize, psi->flags);
	if ((psi->flags & PSTORE_FLAGS_FTRACE) && !IS_ENABLED(CONFIG_PSTORE_FTRACE))
		pr_info("backend '%s' takes ftrace records, but this core is built without CONFIG_PSTORE_FTRACE: none will be written\n",
			psi->name);
	return 0;

err_unlock:
	mutex_unlock(&pstore_backends_lock);
	kfree(be);
	return ret;
}
EXPORT_SYMBOL_GPL(pstore_register);

/**
 * pstore_unregister() - withdraw a backend
 * @psi: a descriptor passed to pstore_register(), or NULL (ignored)
 *
 * Detaches the backend from every frontend, waits until no dump, console
 * or pmsg write can still be using it, and removes its records from the pstore
 * filesystem.  On return the core no longer touches @psi.
 *
 * Context: process context, may sleep.
 */
void pstore_unregister(struct pstore_info *psi)
{
	struct pstore_backend *be;

	if (!psi)
		return;

	mutex_lock(&pstore_backends_lock);
	be = pstore_find_backend(psi);
	if (WARN(!be, "pstore: unregistering backend '%s' that is not registered\n",
		 psi->name)) {
		mutex_unlock(&pstore_backends_lock);
		return;
	}

	if (psi->flags & PSTORE_FLAGS_FTRACE)
		pstore_ftrace_detach(be);
	if (psi->flags & PSTORE_FLAGS_PMSG)
		pstore_pmsg_detach(be);
	if (psi->flags & PSTORE_FLAGS_CONSOLE)
		pstore_console_detach(be);
	if (psi->flags & PSTORE_FLAGS_DMESG)
		pstore_kmsg_detach(be);

	list_del_rcu(&be->node);
	/* Dumps and console writes walk the list under RCU only. */
	synchronize_rcu();
	pstore_kmsg_update_max_reason();

	pstore_fs_remove_backend(be);
	mutex_unlock(&pstore_backends_lock);

	/* A pmsg write stalled on user memory must not hold the lock up. */
	if (psi->flags & PSTORE_FLAGS_PMSG)
		pstore_pmsg_sync();

	pstore_zip_free(be);
	kfree(be);
	pr_info("unregistered backend '%s'\n", psi->name);
}
EXPORT_SYMBOL_GPL(pstore_unregister);

/*
 * pstore.update_ms=: records of an oops the system survived normally show
 * up at the next mount or boot.  With update_ms >= 0 a timer looks every
 * update_ms milliseconds whether a dump stored something and, if so,
 * rescans the backends from a work item.  Off by default, as upstream:
 * reading a backend right after an oops may meet damaged state.  Root may
 * change it at run time (mode 0600, as upstream): a value >= 0 (re)starts
 * the timer with the new period, -1 stops it at its next expiry.
 */
static int pstore_update_ms = -1;
/* Set once pstore_init() ran: the setter may arm the timer from then on. */
static bool pstore_update_ready;

static void pstore_rescan_work_fn(struct work_struct *work)
{
	pstore_fs_rescan();
}
static DECLARE_WORK(pstore_rescan_work, pstore_rescan_work_fn);

static void pstore_update_timer_fn(struct timer_list *timer);
static DEFINE_TIMER(pstore_update_timer, pstore_update_timer_fn);

static void pstore_update_timer_arm(void)
{
	int ms = READ_ONCE(pstore_update_ms);

	if (ms >= 0)
		mod_timer(&pstore_update_timer,
			  jiffies + max(msecs_to_jiffies(ms), 1UL));
}

static void pstore_update_timer_fn(struct timer_list *timer)
{
	if (pstore_kmsg_take_new_records())
		schedule_work(&pstore_rescan_work);
	pstore_update_timer_arm();
}

static int pstore_update_ms_set(const char *val, const struct kernel_param *kp)
{
	int ms, ret;

	ret = kstrtoint(val, 0, &ms);
	if (ret)
		return ret;
	if (ms < -1) {
		pr_warn("update_ms=%d: must be -1 (off) or a period >= 0\n", ms);
		return -EINVAL;
	}
	WRITE_ONCE(pstore_update_ms, ms);
	/* Boot-time parsing runs before timers exist: pstore_init() arms. */
	if (READ_ONCE(pstore_update_ready))
		pstore_update_timer_arm();
	return 0;
}

static const struct kernel_param_ops pstore_update_ms_ops = {
	.set	= pstore_update_ms_set,
	.get	= param_get_int,
};
module_param_cb(update_ms, &pstore_update_ms_ops, &pstore_update_ms, 0600);
MODULE_PARM_DESC(update_ms,
		 "milliseconds between checks for new oops records to show (default: -1, off)");

static int __init pstore_init(void)
{
	int ret;

	ret = pstore_fs_init();
	if (ret)
		return ret;
	WRITE_ONCE(pstore_update_ready, true);
	pstore_update_timer_arm();
	return 0;
}
/* Built in: after the backends, which register from earlier initcalls. */
late_initcall(pstore_init);

static void __exit pstore_exit(void)
{
	WRITE_ONCE(pstore_update_ready, false);
	timer_shutdown_sync(&pstore_update_timer);
	cancel_work_sync(&pstore_rescan_work);
	pstore_fs_exit();
}
module_exit(pstore_exit);

MODULE_DESCRIPTION("Persistent storage core: saves the kernel log on panic into every registered backend");
MODULE_LICENSE("GPL");
