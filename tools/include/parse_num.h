/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * parse_num: the number syntax of lastgasp's host tools (ramoops-decode,
 * pstore-flash): decimal, 0x hex or 0 octal, with an optional k or M
 * suffix (KiB, MiB). Returns 0, or -EINVAL for anything else.
 */
#ifndef LASTGASP_PARSE_NUM_H
#define LASTGASP_PARSE_NUM_H

#include <errno.h>
#include <stdlib.h>

static inline int parse_num(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	if (*end == 'k' || *end == 'K')
		*v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		*v <<= 20, end++;
	return *end ? -EINVAL : 0;
}

#endif
