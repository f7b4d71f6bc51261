/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the tree's fs/pstore/zone.c takes from the core's private header
 * ("internal.h" upstream).  zone.c is compiled unchanged; lastgasp's core
 * keeps its own internals in core/internal.h, and this file declares the
 * one helper zone.c uses: merging per-CPU ftrace zones into one record.
 */
#ifndef _LASTGASP_PSTORE_ZONE_INTERNAL_H
#define _LASTGASP_PSTORE_ZONE_INTERNAL_H

#include <linux/pstore.h>
#include <linux/types.h>

#ifdef CONFIG_PSTORE_FTRACE
/* core/ftrace.c, exported */
ssize_t pstore_ftrace_combine_log(char **dest_log, size_t *dest_log_size,
				  const char *src_log, size_t src_log_size);
#else
/* No ftrace frontend: nothing to merge, and the zone stays empty. */
static inline ssize_t pstore_ftrace_combine_log(char **dest_log,
						size_t *dest_log_size,
						const char *src_log,
						size_t src_log_size)
{
	*dest_log_size = 0;
	return 0;
}
#endif

#endif /* _LASTGASP_PSTORE_ZONE_INTERNAL_H */
