/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Types and the few primitives the shared ramoops code needs, mapped onto
 * the kernel or onto libc. Everything in rs8.c and ramoops_fmt.c goes
 * through this header so the same source builds in both places.
 */
#ifndef RMO_TYPES_H
#define RMO_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <linux/io.h>
#include <asm/barrier.h>

/*
 * The zone is ordinary RAM mapped write-combined or uncached: stores may be
 * merged and reordered in the write-combining buffers, so the steps of a
 * dmesg write are separated by wmb() to reach memory in program order.
 */
#define rmo_wmb()	wmb()
/* Media is reached with plain stores, as upstream ramoops does. */
#define rmo_media_copy(dst, src, n)	memcpy((dst), (src), (n))
#define RMO_NOTRACE	notrace
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define rmo_wmb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmo_media_copy(dst, src, n)	memcpy((dst), (src), (n))
#define RMO_NOTRACE
#endif

#endif /* RMO_TYPES_H */
