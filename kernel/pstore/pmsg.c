// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: the pmsg frontend.
 *
 * /dev/pmsg0 lets userspace leave a message that survives a crash: each
 * write() is handed to every backend with PSTORE_FLAGS_PMSG.  The device
 * exists while at least one such backend is registered.
 */

#define pr_fmt(fmt) "pstore: pmsg: " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/pstore.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/uaccess.h>

#include "internal.h"

#define PMSG_NAME	"pmsg"

/*
 * A write copies from user memory, which may fault and stall for as long
 * as userspace likes (userfaultfd, FUSE, a slow network file).  So a
 * writer takes no lock the rest of pstore needs: it walks pstore_backends
 * under SRCU, which only pstore_unregister() waits for, after it dropped
 * pstore_backends_lock, and it serialises with other writers on a mutex
 * of its own, as upstream's pmsg_lock does.
 */
DEFINE_STATIC_SRCU(pstore_pmsg_srcu);
static DEFINE_MUTEX(pstore_pmsg_lock);

static unsigned int pstore_pmsg_backends;
static int pmsg_major;
static struct class *pmsg_class;

/* For backends without ->write_user(): bounce through a kernel buffer. */
static int pstore_pmsg_bounce(struct pstore_record *record,
			      const char __user *ubuf)
{
	int ret;

	record->buf = vmemdup_user(ubuf, record->size);
	if (IS_ERR(record->buf)) {
		ret = PTR_ERR(record->buf);
		record->buf = NULL;
		return ret;
	}
	ret = record->psi->write(record);
	kvfree(record->buf);
	record->buf = NULL;
	return ret;
}

/*
 * Process context.  The SRCU read side keeps every backend on the list
 * registered while ->write_user() copies from userspace (which may fault
 * and sleep); pstore_pmsg_lock serialises writers, as backends' pmsg
 * zones expect.  The write succeeds if any backend took it.
 */
static ssize_t pstore_pmsg_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct pstore_backend *be;
	int first_err = 0;
	bool stored = false;
	int idx;

	if (!count)
		return 0;
	if (!access_ok(ubuf, count))
		return -EFAULT;

	idx = srcu_read_lock(&pstore_pmsg_srcu);
	mutex_lock(&pstore_pmsg_lock);
	list_for_each_entry_srcu(be, &pstore_backends, node,
				 srcu_read_lock_held(&pstore_pmsg_srcu)) {
		struct pstore_info *psi = be->psi;
		struct pstore_record record;
		int ret;

		if (!(psi->flags & PSTORE_FLAGS_PMSG))
			continue;
		pstore_record_init(&record, psi);
		record.type = PSTORE_TYPE_PMSG;
		record.size = count;
		if (psi->write_user)
			ret = psi->write_user(&record, ubuf);
		else
			ret = pstore_pmsg_bounce(&record, ubuf);
		if (ret < 0) {
			if (!first_err)
				first_err = ret;
			continue;
		}
		stored = true;
	}
	mutex_unlock(&pstore_pmsg_lock);
	srcu_read_unlock(&pstore_pmsg_srcu, idx);

	if (stored)
		return count;
	return first_err ? first_err : -ENODEV;
}

static const struct file_operations pmsg_fops = {
	.owner	= THIS_MODULE,
	.llseek	= noop_llseek,
	.write	= pstore_pmsg_write,
};

/* Write-only for its owner: a log sink, not a way to read others' logs. */
static char *pmsg_devnode(const struct device *dev, umode_t *mode)
{
	if (mode)
		*mode = 0220;
	return NULL;
}

static int pstore_pmsg_create(void)
{
	struct device *dev;
	int ret;

	pmsg_major = register_chrdev(0, PMSG_NAME, &pmsg_fops);
	if (pmsg_major < 0) {
		ret = pmsg_major;
		pr_err("no character major for /dev/%s0 (%d)\n", PMSG_NAME, ret);
		return ret;
	}

	pmsg_class = class_create(PMSG_NAME);
	if (IS_ERR(pmsg_class)) {
		ret = PTR_ERR(pmsg_class);
		pr_err("cannot create device class %s (%d)\n", PMSG_NAME, ret);
		goto err_unregister_chrdev;
	}
	pmsg_class->devnode = pmsg_devnode;

	dev = device_create(pmsg_class, NULL, MKDEV(pmsg_major, 0), NULL,
			    "%s%d", PMSG_NAME, 0);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		pr_err("cannot create /dev/%s0 (%d)\n", PMSG_NAME, ret);
		goto err_destroy_class;
	}
	return 0;

err_destroy_class:
	class_destroy(pmsg_class);
err_unregister_chrdev:
	unregister_chrdev(pmsg_major, PMSG_NAME);
	pmsg_class = NULL;
	pmsg_major = 0;
	return ret;
}

static void pstore_pmsg_destroy(void)
{
	if (!pmsg_class)
		return;
	device_destroy(pmsg_class, MKDEV(pmsg_major, 0));
	class_destroy(pmsg_class);
	unregister_chrdev(pmsg_major, PMSG_NAME);
	pmsg_class = NULL;
	pmsg_major = 0;
}

void pstore_pmsg_attach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	if (pstore_pmsg_backends++)
		return;
	/* Registration goes on without /dev/pmsg0; the reason is logged. */
	pstore_pmsg_create();
}

void pstore_pmsg_detach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	if (--pstore_pmsg_backends)
		return;
	pstore_pmsg_destroy();
}

/**
 * pstore_pmsg_sync() - wait until no pmsg write uses a removed backend
 *
 * Call after the backend left pstore_backends and without holding
 * pstore_backends_lock: a writer may be stalled on user memory.
 *
 * Context: process context, may sleep.
 */
void pstore_pmsg_sync(void)
{
	synchronize_srcu(&pstore_pmsg_srcu);
}
