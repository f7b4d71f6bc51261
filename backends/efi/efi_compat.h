/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel API differences the EFI backend bridges: built in-tree against
 * 6.12 and out of tree against Debian's 6.1 headers (compile check).
 */
#ifndef _LASTGASP_EFI_COMPAT_H
#define _LASTGASP_EFI_COMPAT_H

#include <linux/efi.h>
#include <linux/version.h>

/* 6.4 dropped the efivars kobject and added efivar_is_available(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
static inline bool efivar_is_available(void)
{
	return efivars_kobject() != NULL;
}
#endif

#endif /* _LASTGASP_EFI_COMPAT_H */
