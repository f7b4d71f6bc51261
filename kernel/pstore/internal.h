/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lastgasp pstore core: what the parts of pstore.ko share.
 *
 * The public contract with backends is include/linux/pstore.h and is kept
 * exactly as upstream.  This header is the contract between the pieces of
 * the core itself: registration (platform.c), the frontends that produce
 * records (kmsg.c, console.c, pmsg.c), compression (zip.c) and the
 * filesystem that shows stored records (inode.c).
 *
 * Locking, outermost first, as the scan (pstore_fs_rescan() ->
 * pstore_scan_backend()) nests them:
 *
 *   pstore_backends_lock (mutex)      registration, mount scan, parameters
 *     pstore_sb_lock (mutex, inode.c) the superblock pointer
 *       root directory inode lock     (held by the VFS around unlink)
 *         psi->read_mutex             backend open/read/close/erase
 *           pstore_records_lock       the list of files
 *
 * Unlink takes pstore_records_lock and psi->read_mutex one after the
 * other, never nested; unregistration takes pstore_records_lock under the
 * root inode lock without psi->read_mutex.
 *
 * /dev/pmsg0 writers take none of these: they walk pstore_backends under
 * SRCU and serialise on pstore_pmsg_lock (pmsg.c), a lock of its own that
 * nests in no other, because they copy from user memory that may stall
 * for good.  pstore_unregister() waits for them (pstore_pmsg_sync()) after
 * dropping pstore_backends_lock.
 *
 * pstore_ftrace_lock (ftrace.c) nests inside pstore_backends_lock (the
 * ftrace attach/detach of registration); the debugfs switch takes it
 * alone.  The function-tracer callback takes no lock: it walks
 * pstore_backends with preemption off (the recursion guard), which
 * synchronize_rcu() in pstore_unregister() waits for.
 *
 * The panic-time frontends take none of these: the kmsg dump walks
 * pstore_backends under RCU and only try-locks psi->buf_lock; each console
 * backend has a console of its own (be->console) that writes to it alone.
 */
#ifndef _LASTGASP_PSTORE_INTERNAL_H
#define _LASTGASP_PSTORE_INTERNAL_H

#include <linux/console.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pstore.h>
#include <linux/types.h>

#include "pstore_ftrace.h"

/**
 * enum pstore_risk - how likely writing to a kind of storage is to hurt
 * @PSTORE_RISK_RAM:      plain memory stores, cannot hang the machine
 * @PSTORE_RISK_FLASH:    device I/O (flash, NVRAM, block, test backends)
 * @PSTORE_RISK_FIRMWARE: calls into firmware (EFI runtime services, ERST)
 *
 * A dump visits backends in ascending risk so that a backend that wedges
 * the machine can only cost the records of the riskier ones after it.
 */
enum pstore_risk {
	PSTORE_RISK_RAM		= 0,
	PSTORE_RISK_FLASH	= 1,
	PSTORE_RISK_FIRMWARE	= 2,
};

/**
 * struct pstore_backend - the core's view of one registered backend
 * @node:	entry in pstore_backends (RCU list, sorted by @risk then @seq)
 * @psi:	the backend's own descriptor, owned by the backend
 * @risk:	risk class from the table in platform.c
 * @seq:	registration sequence number, orders backends within a class
 * @zbuf:	uncompressed staging buffer for dmesg parts, or NULL when
 *		compression is off for this backend; guarded by psi->buf_lock
 * @zbuf_size:	size of @zbuf
 * @zwork:	zlib deflate workspace, guarded by psi->buf_lock
 * @console:	the console named after the backend that copies printk
 *		output into it (PSTORE_FLAGS_CONSOLE backends only)
 *
 * Everything a dump needs is allocated here at registration, so the panic
 * path never allocates.
 */
struct pstore_backend {
	struct list_head	node;
	struct pstore_info	*psi;
	enum pstore_risk	risk;
	unsigned long		seq;
	char			*zbuf;
	size_t			zbuf_size;
	void			*zwork;
#ifdef CONFIG_PSTORE_CONSOLE
	struct console		console;
#endif
};

extern struct mutex pstore_backends_lock;
extern struct list_head pstore_backends;
extern unsigned int kmsg_bytes;

void pstore_record_init(struct pstore_record *record, struct pstore_info *psi);

/* kmsg.c: the dmesg frontend (one kmsg_dumper shared by all backends). */
void pstore_kmsg_attach(struct pstore_backend *be);
void pstore_kmsg_detach(struct pstore_backend *be);
void pstore_kmsg_update_max_reason(void);
void pstore_set_kmsg_bytes(unsigned int bytes);
bool pstore_kmsg_take_new_records(void);

/* console.c */
#ifdef CONFIG_PSTORE_CONSOLE
void pstore_console_attach(struct pstore_backend *be);
void pstore_console_detach(struct pstore_backend *be);
#else
static inline void pstore_console_attach(struct pstore_backend *be) {}
static inline void pstore_console_detach(struct pstore_backend *be) {}
#endif

/* pmsg.c */
#ifdef CONFIG_PSTORE_PMSG
void pstore_pmsg_attach(struct pstore_backend *be);
void pstore_pmsg_detach(struct pstore_backend *be);
void pstore_pmsg_sync(void);
#else
static inline void pstore_pmsg_attach(struct pstore_backend *be) {}
static inline void pstore_pmsg_detach(struct pstore_backend *be) {}
static inline void pstore_pmsg_sync(void) {}
#endif

/* ftrace.c */
#ifdef CONFIG_PSTORE_FTRACE
void pstore_ftrace_attach(struct pstore_backend *be);
void pstore_ftrace_detach(struct pstore_backend *be);
#else
static inline void pstore_ftrace_attach(struct pstore_backend *be) {}
static inline void pstore_ftrace_detach(struct pstore_backend *be) {}
#endif

/* zip.c: deflate for dmesg records, inflate when records are read back. */
#ifdef CONFIG_PSTORE_COMPRESS
int pstore_zip_alloc(struct pstore_backend *be);
void pstore_zip_free(struct pstore_backend *be);
int pstore_zip_compress(struct pstore_backend *be, const void *in,
			size_t inlen, void *out, size_t outlen);
struct z_stream_s *pstore_unzip_begin(void);
void pstore_unzip_end(struct z_stream_s *zs);
int pstore_unzip_record(struct z_stream_s *zs, struct pstore_record *record);
#else
static inline int pstore_zip_alloc(struct pstore_backend *be) { return 0; }
static inline void pstore_zip_free(struct pstore_backend *be) {}
static inline int pstore_zip_compress(struct pstore_backend *be,
				      const void *in, size_t inlen,
				      void *out, size_t outlen)
{
	return -EOPNOTSUPP;
}
static inline struct z_stream_s *pstore_unzip_begin(void) { return NULL; }
static inline void pstore_unzip_end(struct z_stream_s *zs) {}
static inline int pstore_unzip_record(struct z_stream_s *zs,
				      struct pstore_record *record)
{
	return -EOPNOTSUPP;
}
#endif

/* inode.c: the pstore filesystem. */
void pstore_fs_add_backend(struct pstore_backend *be);
void pstore_fs_remove_backend(struct pstore_backend *be);
void pstore_fs_rescan(void);
int pstore_fs_init(void);
void pstore_fs_exit(void);

#endif /* _LASTGASP_PSTORE_INTERNAL_H */
