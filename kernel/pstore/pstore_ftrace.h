/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one ftrace helper the core exports to backends (as upstream's core
 * does) without it being in include/linux/pstore.h: backends that keep
 * per-CPU ftrace rings (ramoops, the tree's pstore/zone) merge them into
 * one record with it.  Included by the core's internal.h, by ramoops and
 * by zone/internal.h (relative path: the overlay keeps core/ beside them,
 * in the tree and in the out-of-tree staging directory alike).
 */
#ifndef _LASTGASP_PSTORE_FTRACE_H
#define _LASTGASP_PSTORE_FTRACE_H

#include <linux/errno.h>
#include <linux/types.h>

#ifdef CONFIG_PSTORE_FTRACE
/* ftrace.c: merge two runs of struct pstore_ftrace_record by timestamp. */
ssize_t pstore_ftrace_combine_log(char **dest_log, size_t *dest_log_size,
				  const char *src_log, size_t src_log_size);
#else
/* No ftrace frontend: no ftrace records to merge, the result stays empty. */
static inline ssize_t pstore_ftrace_combine_log(char **dest_log,
						size_t *dest_log_size,
						const char *src_log,
						size_t src_log_size)
{
	*dest_log_size = 0;
	return 0;
}
#endif

#endif /* _LASTGASP_PSTORE_FTRACE_H */
