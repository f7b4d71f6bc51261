/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel API differences the pstore core has to bridge.
 *
 * The core is built in-tree against 6.12 and out of tree against Debian's
 * 6.1 headers as a compile check.  Every LINUX_VERSION_CODE test lives in
 * this file so the rest of the code reads like current kernel code.
 */
#ifndef _LASTGASP_PSTORE_COMPAT_H
#define _LASTGASP_PSTORE_COMPAT_H

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kmsg_dump.h>
#include <linux/spinlock.h>
#include <linux/version.h>

#ifndef CONFIG_PSTORE_DEFAULT_KMSG_BYTES
#define CONFIG_PSTORE_DEFAULT_KMSG_BYTES 10240
#endif

/*
 * 6.11 passes the dumper a struct kmsg_dump_detail (reason plus an optional
 * description); earlier kernels pass the bare reason.  PSTORE_DUMP_ARGS is
 * the second parameter of our ->dump callback, PSTORE_DUMP_REASON extracts
 * the reason from it.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define PSTORE_DUMP_ARGS		struct kmsg_dump_detail *detail
#define PSTORE_DUMP_REASON		(detail->reason)
#else
#define PSTORE_DUMP_ARGS		enum kmsg_dump_reason dump_reason
#define PSTORE_DUMP_REASON		(dump_reason)
#endif

/*
 * pstore_info.buf_lock is a spinlock_t in 6.1 and a raw_spinlock_t in 6.12
 * (changed in between; 6.2 assumed, only 6.1 and 6.12 are built).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define pstore_buf_trylock(psi, flags)	raw_spin_trylock_irqsave(&(psi)->buf_lock, flags)
#define pstore_buf_unlock(psi, flags)	raw_spin_unlock_irqrestore(&(psi)->buf_lock, flags)
#define pstore_buf_lock_init(psi)	raw_spin_lock_init(&(psi)->buf_lock)
#else
#define pstore_buf_trylock(psi, flags)	spin_trylock_irqsave(&(psi)->buf_lock, flags)
#define pstore_buf_unlock(psi, flags)	spin_unlock_irqrestore(&(psi)->buf_lock, flags)
#define pstore_buf_lock_init(psi)	spin_lock_init(&(psi)->buf_lock)
#endif

/* 6.4 dropped the owner argument of class_create(). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define pstore_class_create(name)	class_create(name)
#else
#define pstore_class_create(name)	class_create(THIS_MODULE, name)
#endif

/* 6.2 made the device argument of class->devnode const. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define PSTORE_DEVNODE_DEV		const struct device
#else
#define PSTORE_DEVNODE_DEV		struct device
#endif

/* 6.6 hid i_ctime behind accessors, 6.7 did the same for i_mtime/i_atime. */
static inline void pstore_inode_init_times(struct inode *inode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	simple_inode_init_ts(inode);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	inode->i_atime = inode->i_mtime = inode_set_ctime_current(inode);
#else
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
#endif
}

static inline void pstore_inode_set_times(struct inode *inode,
					  struct timespec64 ts)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	inode_set_mtime_to_ts(inode, inode_set_ctime_to_ts(inode, ts));
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	inode->i_mtime = inode_set_ctime_to_ts(inode, ts);
#else
	inode->i_mtime = inode->i_ctime = ts;
#endif
}

#endif /* _LASTGASP_PSTORE_COMPAT_H */
