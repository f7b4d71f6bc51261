/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Types the shared flash format code (lgf_fmt.c) needs, mapped onto the
 * kernel or onto libc, so the same source builds in the pstore_flash module,
 * the unit tests, the host tool and the fuzzer.
 */
#ifndef LGF_TYPES_H
#define LGF_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#define LGF_NOTRACE	notrace
#define LGF_STATIC_ASSERT(c, msg)	static_assert(c, msg)
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
typedef int32_t s32;
typedef int64_t s64;

#define LGF_NOTRACE
#define LGF_STATIC_ASSERT(c, msg)	_Static_assert(c, msg)
#endif

#endif /* LGF_TYPES_H */
