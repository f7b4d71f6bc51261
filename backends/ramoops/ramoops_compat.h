/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few kernel API differences between the trees ramoops builds against:
 * Linux 6.12 (the project's kernel) and Debian's 6.1 headers.
 */
#ifndef RMO_COMPAT_H
#define RMO_COMPAT_H

#include <linux/version.h>
#include <linux/platform_device.h>

/* platform_driver.remove returns void from 6.11 on */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define RMO_DEFINE_REMOVE(fn)						\
	static void fn##_compat(struct platform_device *pdev)		\
	{								\
		fn(pdev);						\
	}
#define RMO_REMOVE_FIELD(fn)	.remove = fn##_compat
#else
#define RMO_DEFINE_REMOVE(fn)						\
	static int fn##_compat(struct platform_device *pdev)		\
	{								\
		fn(pdev);						\
		return 0;						\
	}
#define RMO_REMOVE_FIELD(fn)	.remove = fn##_compat
#endif

/* reserve_mem= and its lookup appeared in 6.11 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define RMO_HAVE_RESERVE_MEM 1
#else
#define RMO_HAVE_RESERVE_MEM 0
#endif

#endif /* RMO_COMPAT_H */
