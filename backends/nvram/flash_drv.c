// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore_flash: a pstore backend on an MTD device (NOR flash, NAND, map_ram:
 * anything with a panic write), registered as "flash": records appear as
 * /sys/fs/pstore/dmesg-flash-<seq>. Devices with a write unit of 1, 2 or 4
 * bytes get the byte-programmable format, NAND (whole pages) the paged one.
 *
 * The format and the ring are in lgf_fmt.c (shared with the host tool and
 * the unit tests; docs/flash-format.md). This file binds them to MTD and
 * pstore:
 *  - panic (and emergency) dumps are programmed at once through
 *    mtd_panic_write(), into blocks erased beforehand: nothing is erased,
 *    allocated or waited for on the panic path;
 *  - other dumps (oops) are copied into a buffer allocated at attach and
 *    programmed by a work item with mtd_write();
 *  - erasing and formatting run in a delayed work, one block per step,
 *    gc_delay_ms apart, keeping a pool of erased blocks for one whole dump.
 *
 * Locks: ctx->mutex serialises everything in process context that reads
 * the flash or uses the ring's scratch block (attach, read, unlink,
 * collector, the oops writer). ctx->ring_lock (raw spinlock, held only
 * around in-memory state changes, never across I/O) guards the block
 * states; the panic path only try-locks it. ctx->q_lock guards the oops
 * queue.
 */
#define pr_fmt(fmt) "pstore_flash: " fmt

#include <linux/kernel.h>
#include <linux/kmsg_dump.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mtd/mtd.h>
#include <linux/mutex.h>
#include <linux/pstore.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "lgf_fmt.h"

#define FLASH_NAME		"flash"
#define MTDDEV_LEN		80
/*
 * Bytes per record a dump's parts may add beyond dump_bytes + record_size:
 * header and alignment; paged, the page rounding and the commit page.
 */
#define DUMP_SLACK(page)	(16 * (LGF_REC_HDR_SIZE + ((page) ? 2 * (page) : LGF_ALIGN)))
#define QUEUE_MAX		64

static char mtddev[MTDDEV_LEN];

static unsigned int record_size;
module_param(record_size, uint, 0400);
MODULE_PARM_DESC(record_size,
		 "largest record in bytes (default 0: three quarters of an erase block, at most 64 KiB); the value used is written back");

static unsigned int dump_bytes = CONFIG_PSTORE_DEFAULT_KMSG_BYTES;
module_param(dump_bytes, uint, 0400);
MODULE_PARM_DESC(dump_bytes,
		 "bytes of one dump the pool of erased blocks must hold (default pstore's kmsg_bytes default); the value used is written back");

static unsigned int gc_delay_ms = 100;
module_param(gc_delay_ms, uint, 0400);
MODULE_PARM_DESC(gc_delay_ms, "pause between two erases of the collector (default 100)");

struct flash_qent {
	struct lgf_rec_hdr hdr;
	u32 off;		/* of its payload in qbuf */
};

/**
 * struct flash_ctx - the backend's state (one device)
 * @mtd:	the device, NULL when not attached
 * @ring:	the format code's view of it
 * @blk:	per-block state (ring.blk); BAD entries are the bad-block map
 *		the panic path uses
 * @psi:	what the core knows of us
 * @q*:		oops records waiting for @write_work
 */
struct flash_ctx {
	struct mtd_info *mtd;
	struct lgf_ring ring;
	struct lgf_block *blk;
	u8 *scratch;
	u8 *pagebuf;		/* paged: 2 pages, process context and panic */
	u64 *dead;		/* paged: deleted records still on flash */
	struct mutex mutex;
	raw_spinlock_t ring_lock;
	unsigned long ring_flags;
	struct pstore_info psi;
	bool registered;

	spinlock_t q_lock;
	struct flash_qent q[QUEUE_MAX];
	unsigned int nq;
	u8 *qbuf;
	u32 qcap, qused;
	atomic_t q_busy;
	struct work_struct write_work;
	struct delayed_work gc_work;
	bool gc_idle;		/* the collector found nothing to do */

	/* reader position (open/read/close, under @mutex) */
	u32 rd_block, rd_off;
	bool rd_loaded;

	/* counters for the status parameter */
	unsigned long oops_written, oops_failed, panic_written, panic_failed;
	unsigned long erases, retired;
};

static struct flash_ctx flash_ctx = {
	.mutex = __MUTEX_INITIALIZER(flash_ctx.mutex),
	.ring_lock = __RAW_SPIN_LOCK_UNLOCKED(flash_ctx.ring_lock),
	.q_lock = __SPIN_LOCK_UNLOCKED(flash_ctx.q_lock),
};

/* ---- I/O for the format code ---- */
static int flash_read(void *priv, u64 off, void *buf, size_t len)
{
	struct flash_ctx *ctx = priv;
	size_t got = 0;
	int ret;

	ret = mtd_read(ctx->mtd, off, len, &got, buf);
	/*
	 * Corrected bitflips are fine; an uncorrectable ECC error (NAND: a
	 * page torn by a power cut) still returns the data, and the record
	 * CRCs decide what it is.
	 */
	if (mtd_is_bitflip_or_eccerr(ret))
		ret = 0;
	if (!ret && got != len)
		ret = -EIO;
	return ret;
}

static notrace int flash_program(void *priv, u64 off, const void *buf,
				 size_t len, bool panic)
{
	struct flash_ctx *ctx = priv;
	size_t done = 0;
	int ret;

	if (panic)
		ret = mtd_panic_write(ctx->mtd, off, len, &done, buf);
	else
		ret = mtd_write(ctx->mtd, off, len, &done, buf);
	if (!ret && done != len)
		ret = -EIO;
	return ret;
}

static int flash_erase(void *priv, u64 off)
{
	struct flash_ctx *ctx = priv;
	struct erase_info ei = {
		.addr = off,
		.len = ctx->mtd->erasesize,
	};
	int ret;

	ret = mtd_erase(ctx->mtd, &ei);
	if (!ret)
		ctx->erases++;
	return ret;
}

static int flash_isbad(void *priv, u64 off)
{
	struct flash_ctx *ctx = priv;

	return mtd_block_isbad(ctx->mtd, off);
}

static int flash_markbad(void *priv, u64 off)
{
	struct flash_ctx *ctx = priv;
	int ret;

	if (!mtd_can_have_bb(ctx->mtd))
		return 0;
	ret = mtd_block_markbad(ctx->mtd, off);
	if (ret)
		pr_err("block at 0x%llx: marking it bad failed (%d)\n", off, ret);
	else
		pr_warn("block at 0x%llx marked bad\n", off);
	return ret;
}

static notrace bool flash_lock(void *priv, bool panic)
{
	struct flash_ctx *ctx = priv;
	unsigned long flags;

	if (panic) {
		if (!raw_spin_trylock_irqsave(&ctx->ring_lock, flags))
			return false;
	} else {
		raw_spin_lock_irqsave(&ctx->ring_lock, flags);
	}
	ctx->ring_flags = flags;
	return true;
}

static notrace void flash_unlock(void *priv)
{
	struct flash_ctx *ctx = priv;

	raw_spin_unlock_irqrestore(&ctx->ring_lock, ctx->ring_flags);
}

/* Reports; printk is safe on the panic path (the panic itself uses it). */
static notrace void flash_event(void *priv, const struct lgf_event *ev)
{
	struct flash_ctx *ctx = priv;
	u32 bs = ctx->ring.block_size;

	switch (ev->kind) {
	case LGF_EV_TORN:
		pr_warn("block %u offset %u: record %llu %s: not shown\n",
			ev->block, ev->off, ev->seq, lgf_rec_status_name(ev->status));
		break;
	case LGF_EV_RETIRED:
		ctx->retired++;
		pr_err("block %u (0x%llx): %s failed (%d): block retired\n",
		       ev->block, (u64)ev->block * bs,
		       ev->off ? "program" : "erase or format", ev->err);
		break;
	case LGF_EV_BAD:
		pr_info("block %u (0x%llx) is bad: skipped\n", ev->block,
			(u64)ev->block * bs);
		break;
	case LGF_EV_READ_ERROR:
		pr_err("block %u (0x%llx): read failed (%d): skipped\n",
		       ev->block, (u64)ev->block * bs, ev->err);
		break;
	case LGF_EV_ERASED:
		pr_debug("block %u erased, erase count %u\n", ev->block, ev->count);
		break;
	case LGF_EV_DROPPED:
		pr_info("block %u reclaimed: %u records of the oldest dumps (last dump %llu) deleted to keep room for the next dump\n",
			ev->block, ev->count, ev->seq);
		break;
	}
}

static const struct lgf_ops flash_ops = {
	.read = flash_read,
	.program = flash_program,
	.erase = flash_erase,
	.isbad = flash_isbad,
	.markbad = flash_markbad,
	.lock = flash_lock,
	.unlock = flash_unlock,
	.event = flash_event,
};

/* ---- collector ---- */
static void flash_gc_work(struct work_struct *work)
{
	struct flash_ctx *ctx = container_of(to_delayed_work(work),
					     struct flash_ctx, gc_work);
	unsigned long erases;
	int ret;

	mutex_lock(&ctx->mutex);
	if (!ctx->mtd) {
		mutex_unlock(&ctx->mutex);
		return;
	}
	erases = ctx->erases;
	ret = lgf_collect(&ctx->ring);
	WRITE_ONCE(ctx->gc_idle, ret <= 0);
	mutex_unlock(&ctx->mutex);
	if (ret > 0)
		schedule_delayed_work(&ctx->gc_work, ctx->erases != erases ?
				      msecs_to_jiffies(gc_delay_ms) : 1);
}

static void flash_gc_kick(struct flash_ctx *ctx)
{
	WRITE_ONCE(ctx->gc_idle, false);
	schedule_delayed_work(&ctx->gc_work, 0);
}

/* ---- oops records: queued by write(), programmed here ---- */
static void flash_write_work(struct work_struct *work)
{
	struct flash_ctx *ctx = container_of(work, struct flash_ctx, write_work);
	unsigned long flags;
	unsigned int n, i;
	u32 used;

	mutex_lock(&ctx->mutex);
	atomic_set(&ctx->q_busy, 1);
	spin_lock_irqsave(&ctx->q_lock, flags);
	n = ctx->nq;
	used = ctx->qused;
	spin_unlock_irqrestore(&ctx->q_lock, flags);

	for (i = 0; i < n && ctx->mtd; i++) {
		struct flash_qent *e = &ctx->q[i];
		int ret = lgf_append(&ctx->ring, &e->hdr, ctx->qbuf + e->off, false);

		if (ret) {
			ctx->oops_failed++;
			pr_err("oops dump #%d part %u (%u bytes) not saved: %d\n",
			       e->hdr.count, e->hdr.part, e->hdr.len, ret);
		} else {
			ctx->oops_written++;
		}
	}

	/* Keep what was queued meanwhile. */
	spin_lock_irqsave(&ctx->q_lock, flags);
	memmove(ctx->qbuf, ctx->qbuf + used, ctx->qused - used);
	for (i = n; i < ctx->nq; i++) {
		ctx->q[i - n] = ctx->q[i];
		ctx->q[i - n].off -= used;
	}
	ctx->nq -= n;
	ctx->qused -= used;
	spin_unlock_irqrestore(&ctx->q_lock, flags);
	atomic_set(&ctx->q_busy, 0);
	mutex_unlock(&ctx->mutex);
	if (n)
		pr_info("oops dump saved: %u records\n", n);
	flash_gc_kick(ctx);
}

static notrace int flash_queue(struct flash_ctx *ctx, const struct lgf_rec_hdr *h,
			       const void *payload)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&ctx->q_lock, flags);
	if (ctx->nq >= QUEUE_MAX || h->len > ctx->qcap - ctx->qused) {
		ret = -ENOSPC;
	} else {
		ctx->q[ctx->nq].hdr = *h;
		ctx->q[ctx->nq].off = ctx->qused;
		memcpy(ctx->qbuf + ctx->qused, payload, h->len);
		ctx->qused += h->len;
		ctx->nq++;
	}
	spin_unlock_irqrestore(&ctx->q_lock, flags);
	if (!ret)
		schedule_work(&ctx->write_work);
	return ret;
}

/*
 * Panic: oops records still queued go out first, unless the work item is
 * writing them right now (its CPU is stopped; leave them). Only try-locks.
 */
static notrace void flash_flush_queue_panic(struct flash_ctx *ctx)
{
	unsigned long flags;
	unsigned int i;

	if (atomic_read(&ctx->q_busy) || !spin_trylock_irqsave(&ctx->q_lock, flags))
		return;
	for (i = 0; i < ctx->nq; i++) {
		struct flash_qent *e = &ctx->q[i];

		if (lgf_append(&ctx->ring, &e->hdr, ctx->qbuf + e->off, true))
			break;
	}
	ctx->nq = 0;
	ctx->qused = 0;
	spin_unlock_irqrestore(&ctx->q_lock, flags);
}

/* ---- pstore callbacks ---- */
static notrace int flash_pstore_write(struct pstore_record *record)
{
	struct flash_ctx *ctx = container_of(record->psi, struct flash_ctx, psi);
	struct lgf_rec_hdr h = {
		.type = record->type,
		.flags = record->compressed ? LGF_REC_F_COMPRESSED : 0,
		.part = record->part,
		.sec = record->time.tv_sec,
		.nsec = record->time.tv_nsec,
		.count = record->count,
		.len = record->size,
	};
	int ret;

	if (record->type != PSTORE_TYPE_DMESG || record->size < 0 ||
	    (size_t)record->size > record->psi->bufsize)
		return -EINVAL;
	if (!READ_ONCE(ctx->mtd))
		return -ENODEV;

	if (record->reason != KMSG_DUMP_PANIC &&
	    record->reason != KMSG_DUMP_EMERG)
		return flash_queue(ctx, &h, record->buf);

	if (record->part <= 1)
		flash_flush_queue_panic(ctx);
	ret = lgf_append(&ctx->ring, &h, record->buf, true);
	if (ret) {
		ctx->panic_failed++;
		/* the core stops the dump at the first refused part */
		pr_err("dump #%d part %u (%zd bytes) not saved: %d%s\n",
		       record->count, record->part, record->size, ret,
		       ret == -EOPNOTSUPP ? " (this flash has no panic write)" :
		       ret == -ENOSPC ? " (no erased block left)" : "");
		return ret;
	}
	ctx->panic_written++;
	record->id = h.seq;
	return 0;
}

static int flash_pstore_open(struct pstore_info *psi)
{
	struct flash_ctx *ctx = container_of(psi, struct flash_ctx, psi);

	mutex_lock(&ctx->mutex);
	ctx->rd_block = 0;
	ctx->rd_off = LGF_BLK_HDR_SIZE;
	ctx->rd_loaded = false;
	return 0;
}

static int flash_pstore_close(struct pstore_info *psi)
{
	struct flash_ctx *ctx = container_of(psi, struct flash_ctx, psi);

	mutex_unlock(&ctx->mutex);
	return 0;
}

/* The next readable record, block by block; torn ones were reported at attach. */
static ssize_t flash_pstore_read(struct pstore_record *record)
{
	struct flash_ctx *ctx = container_of(record->psi, struct flash_ctx, psi);
	struct lgf_ring *r = &ctx->ring;
	struct lgf_rec_info ri;

	if (!ctx->mtd)
		return 0;
	for (; ctx->rd_block < r->nblocks; ctx->rd_block++,
	     ctx->rd_off = LGF_BLK_HDR_SIZE, ctx->rd_loaded = false) {
		if (ctx->blk[ctx->rd_block].state != LGF_S_USED)
			continue;
		if (!ctx->rd_loaded) {
			if (flash_read(ctx, (u64)ctx->rd_block * r->block_size,
				       ctx->scratch, r->block_size))
				continue;
			ctx->rd_loaded = true;
		}
		while (lgf_next_record(ctx->scratch, r->block_size, r->page,
				       &ctx->rd_off, &ri)) {
			if (ri.status != LGF_REC_OK || !lgf_rec_visible(r, &ri.hdr))
				continue;
			record->buf = kmemdup(ctx->scratch + ri.off + LGF_REC_HDR_SIZE,
					      ri.hdr.len, GFP_KERNEL);
			if (!record->buf)
				return -ENOMEM;
			record->type = ri.hdr.type < PSTORE_TYPE_MAX ? ri.hdr.type :
				       PSTORE_TYPE_DMESG;
			record->id = ri.hdr.seq;
			record->time.tv_sec = ri.hdr.sec;
			record->time.tv_nsec = ri.hdr.nsec < NSEC_PER_SEC ? ri.hdr.nsec : 0;
			record->count = ri.hdr.count;
			record->part = ri.hdr.part;
			record->compressed = ri.hdr.flags & LGF_REC_F_COMPRESSED;
			record->ecc_notice_size = 0;
			return ri.hdr.len;
		}
	}
	return 0;
}

static int flash_pstore_erase(struct pstore_record *record)
{
	struct flash_ctx *ctx = container_of(record->psi, struct flash_ctx, psi);
	int ret;

	mutex_lock(&ctx->mutex);
	ret = ctx->mtd ? lgf_unlink(&ctx->ring, record->id) : -ENODEV;
	mutex_unlock(&ctx->mutex);
	if (!ret)
		flash_gc_kick(ctx);
	return ret;
}

/* ---- status (read only) ---- */
static int flash_status_get(char *buf, const struct kernel_param *kp)
{
	struct flash_ctx *ctx = &flash_ctx;
	struct lgf_stats s;
	int n = 0;
	u32 b;

	mutex_lock(&ctx->mutex);
	if (!ctx->mtd) {
		mutex_unlock(&ctx->mutex);
		return sysfs_emit(buf, "detached\n");
	}
	lgf_stats(&ctx->ring, &s);
	n += sysfs_emit_at(buf, n,
			   "mtd%d %s blocks %u block_size %u page %u bad %u erased %u dirty %u free %u used %u busy %u pool %u target %u records %u live %u torn %u ec_min %u ec_max %u queued %u oops_written %lu oops_failed %lu panic_written %lu panic_failed %lu erases %lu retired %lu gc %s\n",
			   ctx->mtd->index, ctx->mtd->name, s.blocks,
			   ctx->ring.block_size, ctx->ring.page, s.bad, s.erased, s.dirty, s.free,
			   s.used, s.busy, s.pool, ctx->ring.pool_target,
			   s.records, s.live, s.torn, s.ec_min, s.ec_max, ctx->nq,
			   ctx->oops_written, ctx->oops_failed, ctx->panic_written,
			   ctx->panic_failed, ctx->erases, ctx->retired,
			   READ_ONCE(ctx->gc_idle) ? "idle" : "busy");
	n += sysfs_emit_at(buf, n, "erase_counts");
	for (b = 0; b < ctx->ring.nblocks && n < PAGE_SIZE - 16; b++) {
		const struct lgf_block *k = &ctx->blk[b];

		if (k->state == LGF_S_FREE || k->state == LGF_S_USED)
			n += sysfs_emit_at(buf, n, " %u", k->erase_count);
		else
			n += sysfs_emit_at(buf, n, " -");
	}
	n += sysfs_emit_at(buf, n, "\n");
	mutex_unlock(&ctx->mutex);
	return n;
}

static const struct kernel_param_ops flash_status_ops = {
	.get = flash_status_get,
};
module_param_cb(status, &flash_status_ops, NULL, 0444);
MODULE_PARM_DESC(status, "read only: block states, pool, records, erase counts (one per block, '-' for blocks without a header)");

/* ---- attach/detach ---- */
static bool flash_match(struct mtd_info *mtd)
{
	unsigned int idx;

	if (!mtddev[0])
		return false;
	if (!kstrtouint(mtddev, 0, &idx))
		return mtd->index == idx;
	return !strcmp(mtd->name, mtddev);
}

static void flash_free(struct flash_ctx *ctx)
{
	kvfree(ctx->blk);
	ctx->blk = NULL;
	vfree(ctx->scratch);
	ctx->scratch = NULL;
	kfree(ctx->pagebuf);
	ctx->pagebuf = NULL;
	kvfree(ctx->dead);
	ctx->dead = NULL;
	vfree(ctx->qbuf);
	ctx->qbuf = NULL;
	kfree(ctx->psi.buf);
	ctx->psi.buf = NULL;
}

static void flash_add(struct mtd_info *mtd)
{
	struct flash_ctx *ctx = &flash_ctx;
	struct lgf_stats s;
	u32 bs, nblocks, max_payload, usable, dump_limit, page = 0, cap = 0;
	int ret;

	if (!flash_match(mtd))
		return;
	if (ctx->mtd) {
		pr_warn("mtd%d %s matches mtddev=%s too: only mtd%d is used\n",
			mtd->index, mtd->name, mtddev, ctx->mtd->index);
		return;
	}
	bs = mtd->erasesize;
	if (mtd->writesize > 4 || 4 % mtd->writesize)
		page = mtd->writesize;	/* NAND: the paged format */
	if (bs < LGF_BLOCK_MIN || bs > LGF_BLOCK_MAX || bs % LGF_ALIGN ||
	    (page && !lgf_page_ok(bs, page))) {
		pr_err("mtd%d %s: erase block %u, write unit %u: need %u..%u byte blocks and a write unit of 1, 2 or 4 bytes, or pages of %u..%u bytes (a power of 2, 4 a block at least)\n",
		       mtd->index, mtd->name, bs, mtd->writesize, LGF_BLOCK_MIN,
		       LGF_BLOCK_MAX, LGF_PAGE_MIN, LGF_PAGE_MAX);
		return;
	}
	if (!(mtd->flags & MTD_WRITEABLE)) {
		pr_err("mtd%d %s is read-only\n", mtd->index, mtd->name);
		return;
	}
	nblocks = div_u64(mtd->size, bs);
	if (nblocks < 3) {
		pr_err("mtd%d %s: %u erase blocks, need at least 3\n",
		       mtd->index, mtd->name, nblocks);
		return;
	}

	mutex_lock(&ctx->mutex);
	ret = -ENOMEM;
	ctx->blk = kvcalloc(nblocks, sizeof(*ctx->blk), GFP_KERNEL);
	ctx->scratch = vmalloc(bs);
	if (page) {
		cap = lgf_dead_cap(bs, page, nblocks);
		/* kmalloc: NAND controllers may DMA from it */
		ctx->pagebuf = kmalloc(2 * page, GFP_KERNEL);
		ctx->dead = kvcalloc(cap, sizeof(*ctx->dead), GFP_KERNEL);
	}
	if (!ctx->blk || !ctx->scratch || (page && (!ctx->pagebuf || !ctx->dead)))
		goto err;
	ctx->mtd = mtd;
	ret = lgf_ring_init(&ctx->ring, &flash_ops, ctx, bs, nblocks, ctx->blk,
			    ctx->scratch);
	if (!ret && page)
		ret = lgf_ring_set_paged(&ctx->ring, page, ctx->pagebuf,
					 ctx->dead, cap);
	if (!ret)
		ret = lgf_attach(&ctx->ring);
	if (ret) {
		pr_err("mtd%d %s: no usable blocks (%d)\n", mtd->index, mtd->name, ret);
		goto err;
	}

	max_payload = lgf_ring_max_payload(&ctx->ring);
	if (!record_size && page) {
		/* two records a block, commit pages included, if they are big enough */
		u32 half = rounddown((bs - page) / 2, page);

		record_size = half >= page + LGF_REC_HDR_SIZE + 1024 ?
			      min_t(u32, half - page - LGF_REC_HDR_SIZE, SZ_64K) :
			      max_payload;
	} else if (!record_size)
		record_size = min_t(u32, bs * 3 / 4, SZ_64K);
	if (record_size > max_payload || record_size < 1024) {
		u32 want = record_size;

		record_size = clamp_t(u32, record_size, min_t(u32, 1024, max_payload),
				      max_payload);
		pr_warn("record_size=%u outside %u..%u for %u-byte blocks: using %u\n",
			want, min_t(u32, 1024, max_payload), max_payload, bs,
			record_size);
	}
	if (dump_bytes < record_size)
		dump_bytes = record_size;
	dump_limit = dump_bytes + record_size + DUMP_SLACK(page);
	ctx->ring.dump_limit = dump_limit;
	ctx->ring.pool_target = lgf_pool_blocks(bs, page, dump_limit);
	usable = lgf_usable_blocks(&ctx->ring);
	if (ctx->ring.pool_target + 1 > usable) {
		pr_warn("mtd%d %s: %u usable blocks cannot keep %u erased for a dump of %u bytes besides the one in use: keeping %u; a dump may lose its oldest parts\n",
			mtd->index, mtd->name, usable, ctx->ring.pool_target,
			dump_bytes, usable - 1);
		ctx->ring.pool_target = usable - 1;
	}

	ctx->qcap = dump_limit;
	ctx->qbuf = vmalloc(ctx->qcap);
	ctx->psi.buf = kmalloc(record_size, GFP_KERNEL);
	ret = -ENOMEM;
	if (!ctx->qbuf || !ctx->psi.buf)
		goto err;
	ctx->nq = 0;
	ctx->qused = 0;

	ctx->psi.owner = THIS_MODULE;
	ctx->psi.name = FLASH_NAME;
	ctx->psi.flags = PSTORE_FLAGS_DMESG;
	ctx->psi.bufsize = record_size;
	ctx->psi.max_reason = KMSG_DUMP_OOPS;
	ctx->psi.open = flash_pstore_open;
	ctx->psi.close = flash_pstore_close;
	ctx->psi.read = flash_pstore_read;
	ctx->psi.write = flash_pstore_write;
	ctx->psi.erase = flash_pstore_erase;

	lgf_stats(&ctx->ring, &s);
	mutex_unlock(&ctx->mutex);

	if (!mtd_get_master(mtd)->_panic_write)
		pr_warn("mtd%d %s has no panic write: panic dumps will fail, oopses are saved\n",
			mtd->index, mtd->name);
	ret = pstore_register(&ctx->psi);
	if (ret) {
		pr_err("pstore_register failed (%d)\n", ret);
		mutex_lock(&ctx->mutex);
		goto err;
	}
	ctx->registered = true;
	pr_info("mtd%d %s: %u blocks of %u bytes (%u bad, %u erased, %u dirty, %u free, %u used), %u records (%u torn), erase counts %u..%u; records up to %u bytes, %u blocks kept erased for a dump of %u bytes; %s format, page %u\n",
		mtd->index, mtd->name, nblocks, bs, s.bad, s.erased, s.dirty,
		s.free, s.used, s.live, s.torn, s.ec_min, s.ec_max, record_size,
		ctx->ring.pool_target, dump_bytes, page ? "paged" : "byte",
		page);
	flash_gc_kick(ctx);
	return;

err:
	ctx->mtd = NULL;
	flash_free(ctx);
	mutex_unlock(&ctx->mutex);
	if (ret)
		pr_err("mtd%d %s: not attached (%d)\n", mtd->index, mtd->name, ret);
}

static void flash_detach(struct flash_ctx *ctx)
{
	if (ctx->registered) {
		pstore_unregister(&ctx->psi);
		ctx->registered = false;
	}
	cancel_delayed_work_sync(&ctx->gc_work);
	flush_work(&ctx->write_work);
	mutex_lock(&ctx->mutex);
	WRITE_ONCE(ctx->mtd, NULL);
	flash_free(ctx);
	mutex_unlock(&ctx->mutex);
}

static void flash_remove(struct mtd_info *mtd)
{
	struct flash_ctx *ctx = &flash_ctx;

	if (ctx->mtd != mtd)
		return;
	pr_info("mtd%d %s removed: detaching\n", mtd->index, mtd->name);
	flash_detach(ctx);
}

static struct mtd_notifier flash_notifier = {
	.add	= flash_add,
	.remove	= flash_remove,
};

/* Guards mtddev and the notifier's registration once the module is up. */
static DEFINE_MUTEX(flash_attach_lock);
static bool flash_up, flash_listening;

/* Stop listening (detaching the device), then listen for mtddev's device. */
static void flash_listen(void)
{
	if (flash_listening) {
		unregister_mtd_user(&flash_notifier);
		flash_listening = false;
	}
	if (flash_ctx.mtd)
		flash_detach(&flash_ctx);
	if (mtddev[0]) {
		register_mtd_user(&flash_notifier);
		flash_listening = true;
	}
}

/*
 * mtddev= on the command line chooses the device; written at run time
 * (/sys/module/pstore_flash/parameters/mtddev) it detaches the device in
 * use, unregistering the backend, and attaches the new one ("" : none).
 */
static int flash_mtddev_set(const char *val, const struct kernel_param *kp)
{
	char buf[MTDDEV_LEN];

	if (strscpy(buf, val, sizeof(buf)) < 0)
		return -ENOSPC;
	strim(buf);
	mutex_lock(&flash_attach_lock);
	strscpy(mtddev, buf, sizeof(mtddev));
	if (flash_up) {
		pr_info("mtddev set to '%s': reattaching\n", mtddev);
		flash_listen();
	}
	mutex_unlock(&flash_attach_lock);
	return 0;
}

static int flash_mtddev_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", mtddev);
}

static const struct kernel_param_ops flash_mtddev_ops = {
	.set = flash_mtddev_set,
	.get = flash_mtddev_get,
};
module_param_cb(mtddev, &flash_mtddev_ops, NULL, 0600);
MODULE_PARM_DESC(mtddev, "MTD device to use, by name or number (as mtdoops); empty: none. Writing it detaches the device in use and attaches the new one");

static int __init flash_init(void)
{
	INIT_WORK(&flash_ctx.write_work, flash_write_work);
	INIT_DELAYED_WORK(&flash_ctx.gc_work, flash_gc_work);
	mutex_lock(&flash_attach_lock);
	flash_up = true;
	if (!mtddev[0])
		pr_info("no mtddev= given: not attaching\n");
	flash_listen();
	mutex_unlock(&flash_attach_lock);
	return 0;
}

static void __exit flash_exit(void)
{
	mutex_lock(&flash_attach_lock);
	flash_up = false;
	mtddev[0] = '\0';
	flash_listen();
	mutex_unlock(&flash_attach_lock);
}

module_init(flash_init);
module_exit(flash_exit);

MODULE_DESCRIPTION("pstore backend on MTD flash: panic dumps without erasing, torn records detected");
MODULE_LICENSE("GPL");
