// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: the ftrace frontend (CONFIG_PSTORE_FTRACE).
 *
 * While /sys/kernel/debug/pstore/record_ftrace is 1 (or pstore.record_ftrace=1
 * at boot), every traced function call becomes a struct pstore_ftrace_record
 * (include/linux/pstore.h: ip, parent ip, a sequence number and the CPU)
 * handed to each backend with PSTORE_FLAGS_FTRACE.  Backends keep them in
 * per-CPU rings (ramoops' ftrace zones, pstore/zone's); after a reboot they
 * come back as ftrace-<backend>-<id>, which inode.c shows decoded, one call
 * per line, upstream's format.
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/ftrace.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pstore.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

/*
 * pstore_ftrace_lock guards the switch, the ops registration and the
 * debugfs directory pointer.  It nests inside pstore_backends_lock
 * (attach/detach run under it); the debugfs write takes it alone.
 */
static DEFINE_MUTEX(pstore_ftrace_lock);
static unsigned int pstore_ftrace_backends;
static bool pstore_ftrace_on;		/* ops registered */
static struct dentry *pstore_ftrace_dir;

static bool record_ftrace;
module_param(record_ftrace, bool, 0400);
MODULE_PARM_DESC(record_ftrace,
		 "start recording function calls as soon as an ftrace backend registers (default: off)");

/* Orders calls across CPUs when their rings are merged on read. */
static atomic64_t pstore_ftrace_seq = ATOMIC64_INIT(0);

/*
 * Called for every traced function: anywhere, with any lock held, in NMI.
 * The recursion guard keeps what we call (the backends' ->write()) from
 * tracing into us again; preemption is off from the guard on, which is the
 * RCU read side that pstore_unregister()'s synchronize_rcu() waits for.
 */
static notrace void pstore_ftrace_call(unsigned long ip,
				       unsigned long parent_ip,
				       struct ftrace_ops *op,
				       struct ftrace_regs *fregs)
{
	struct pstore_ftrace_record rec = { .ip = ip, .parent_ip = parent_ip };
	struct pstore_backend *be;
	unsigned long flags;
	int bit;

	/* A crash report is being written: leave the backends alone. */
	if (unlikely(oops_in_progress))
		return;

	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0)
		return;

	local_irq_save(flags);
	pstore_ftrace_write_timestamp(&rec,
				      atomic64_inc_return(&pstore_ftrace_seq));
	pstore_ftrace_encode_cpu(&rec, raw_smp_processor_id());
	list_for_each_entry_rcu(be, &pstore_backends, node) {
		struct pstore_record record;

		if (!(be->psi->flags & PSTORE_FLAGS_FTRACE))
			continue;
		/* Not pstore_record_init(): no clock read per call. */
		memset(&record, 0, sizeof(record));
		record.psi = be->psi;
		record.type = PSTORE_TYPE_FTRACE;
		record.buf = (char *)&rec;
		record.size = sizeof(rec);
		be->psi->write(&record);
	}
	local_irq_restore(flags);

	ftrace_test_recursion_unlock(bit);
}

static struct ftrace_ops pstore_ftrace_ops __read_mostly = {
	.func	= pstore_ftrace_call,
};

static int pstore_ftrace_switch(bool on)
{
	int ret;

	lockdep_assert_held(&pstore_ftrace_lock);
	if (on == pstore_ftrace_on)
		return 0;
	if (on)
		ret = register_ftrace_function(&pstore_ftrace_ops);
	else
		ret = unregister_ftrace_function(&pstore_ftrace_ops);
	if (ret) {
		pr_err("cannot %s the function tracer for pstore (%d)\n",
		       on ? "start" : "stop", ret);
		return ret;
	}
	pstore_ftrace_on = on;
	pr_info("ftrace recording %s\n", on ? "on" : "off");
	return 0;
}

static ssize_t pstore_ftrace_knob_write(struct file *f, const char __user *buf,
					size_t count, loff_t *ppos)
{
	bool on;
	int ret;

	ret = kstrtobool_from_user(buf, count, &on);
	if (ret)
		return ret;
	mutex_lock(&pstore_ftrace_lock);
	/* The last ftrace backend may have gone since the file was opened. */
	ret = pstore_ftrace_backends ? pstore_ftrace_switch(on) : -ENODEV;
	mutex_unlock(&pstore_ftrace_lock);
	return ret ? ret : count;
}

static ssize_t pstore_ftrace_knob_read(struct file *f, char __user *buf,
				       size_t count, loff_t *ppos)
{
	char val[] = { READ_ONCE(pstore_ftrace_on) ? '1' : '0', '\n' };

	return simple_read_from_buffer(buf, count, ppos, val, sizeof(val));
}

static const struct file_operations pstore_ftrace_knob_fops = {
	.open	= simple_open,
	.read	= pstore_ftrace_knob_read,
	.write	= pstore_ftrace_knob_write,
	.llseek	= default_llseek,
};

void pstore_ftrace_attach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	mutex_lock(&pstore_ftrace_lock);
	if (!pstore_ftrace_backends++) {
		/* As upstream: /sys/kernel/debug/pstore/record_ftrace. */
		pstore_ftrace_dir = debugfs_create_dir("pstore", NULL);
		debugfs_create_file("record_ftrace", 0600, pstore_ftrace_dir,
				    NULL, &pstore_ftrace_knob_fops);
		if (record_ftrace)
			pstore_ftrace_switch(true);
	}
	mutex_unlock(&pstore_ftrace_lock);
}

void pstore_ftrace_detach(struct pstore_backend *be)
{
	struct dentry *dir = NULL;

	lockdep_assert_held(&pstore_backends_lock);
	mutex_lock(&pstore_ftrace_lock);
	if (!--pstore_ftrace_backends) {
		/* Unregistering waits until no CPU is in the callback. */
		pstore_ftrace_switch(false);
		dir = pstore_ftrace_dir;
		pstore_ftrace_dir = NULL;
	}
	mutex_unlock(&pstore_ftrace_lock);
	/*
	 * Outside pstore_ftrace_lock: removal waits for a write to the
	 * switch in progress, which takes that lock (and then finds no
	 * backend).  pstore_backends_lock keeps the next attach from
	 * creating the directory again before it is gone.
	 */
	debugfs_remove_recursive(dir);
}

/**
 * pstore_ftrace_combine_log() - merge two runs of ftrace records
 * @dest_log:      in: a kmalloc'ed run (or NULL), out: the merged run
 * @dest_log_size: in: its size in bytes, out: the merged size
 * @src_log:       another run, not changed
 * @src_log_size:  its size in bytes
 *
 * Both runs are struct pstore_ftrace_record arrays in timestamp order (a
 * CPU's ring); the result is one run in timestamp order.  A trailing
 * partial record of either run is dropped.  The old *@dest_log is freed
 * (kvfree(): kmalloc'ed or vmalloc'ed); the new one is kmalloc'ed.
 *
 * Context: process context, may sleep.
 * Return: 0, or -ENOMEM (then *@dest_log and *@dest_log_size are unchanged).
 */
ssize_t pstore_ftrace_combine_log(char **dest_log, size_t *dest_log_size,
				  const char *src_log, size_t src_log_size)
{
	const size_t rs = sizeof(struct pstore_ftrace_record);
	struct pstore_ftrace_record *a = (void *)*dest_log;
	struct pstore_ftrace_record *b = (void *)src_log;
	size_t na = *dest_log_size / rs, nb = src_log_size / rs;
	struct pstore_ftrace_record *out;
	size_t i = 0, j = 0, k = 0;

	/* kmalloc, as upstream: a backend may kfree() the result. */
	out = kmalloc_array(na + nb, rs, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	while (i < na || j < nb) {
		if (j == nb || (i < na &&
				pstore_ftrace_read_timestamp(&a[i]) <=
				pstore_ftrace_read_timestamp(&b[j])))
			out[k++] = a[i++];
		else
			out[k++] = b[j++];
	}
	kvfree(*dest_log);
	*dest_log = (char *)out;
	*dest_log_size = k * rs;
	return 0;
}
EXPORT_SYMBOL_GPL(pstore_ftrace_combine_log);
