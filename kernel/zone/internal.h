/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the tree's fs/pstore/zone.c takes from the core's private header
 * ("internal.h" upstream).  zone.c is compiled unchanged; lastgasp's core
 * keeps its own internals in core/internal.h, and zone.c uses one helper
 * of it: merging per-CPU ftrace zones into one record.
 */
#ifndef _LASTGASP_PSTORE_ZONE_INTERNAL_H
#define _LASTGASP_PSTORE_ZONE_INTERNAL_H

#include <linux/pstore.h>

#include "../core/pstore_ftrace.h"

#endif /* _LASTGASP_PSTORE_ZONE_INTERNAL_H */
