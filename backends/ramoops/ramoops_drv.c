// SPDX-License-Identifier: GPL-2.0-only
/*
 * ramoops: pstore backend keeping records in a region of persistent RAM.
 *
 * The region is split like upstream ramoops (fs/pstore/ram.c): dmesg zones,
 * then console, pmsg and ftrace (per-CPU rings, with CONFIG_PSTORE_FTRACE).
 * The format of a zone, the ECC and the integrity trailer of dmesg records live in
 * ramoops_fmt.c, shared with userspace; this file maps the region, checks
 * the parameters, and plugs the zones into pstore.
 *
 * Panic-path rules for everything reached from ramoops_pstore_write():
 * nothing sleeps or allocates (the region is mapped and every buffer
 * allocated at probe), the ring lock is only tried once a panic is under
 * way, and the write paths are notrace.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pstore.h>
#include <linux/pstore_ram.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/version.h>

/* pstore_ftrace_combine_log(), exported by the core */
#include "../core/pstore_ftrace.h"
#include "ramoops_fmt.h"

#define RMO_MIN_SIZE		4096UL
#define RMO_PMSG_CHUNK		1024

#define MEM_TYPE_WCOMBINE	0
#define MEM_TYPE_NONCACHED	1
#define MEM_TYPE_NORMAL		2

/* Module parameters: upstream's names and defaults, effective values written back. */
static ulong rmo_record_size = RMO_MIN_SIZE;
module_param_named(record_size, rmo_record_size, ulong, 0400);
MODULE_PARM_DESC(record_size, "size of each dmesg record zone (default 4096, rounded down to a power of two)");

static ulong rmo_console_size = RMO_MIN_SIZE;
module_param_named(console_size, rmo_console_size, ulong, 0400);
MODULE_PARM_DESC(console_size, "size of the console log zone (default 4096)");

static ulong rmo_ftrace_size = RMO_MIN_SIZE;
module_param_named(ftrace_size, rmo_ftrace_size, ulong, 0400);
MODULE_PARM_DESC(ftrace_size, "size of the ftrace zones, split between the CPUs (default 4096; used with CONFIG_PSTORE_FTRACE)");

static ulong rmo_pmsg_size = RMO_MIN_SIZE;
module_param_named(pmsg_size, rmo_pmsg_size, ulong, 0400);
MODULE_PARM_DESC(pmsg_size, "size of the /dev/pmsg0 zone (default 4096)");

static unsigned long long rmo_mem_address;
module_param_hw_named(mem_address, rmo_mem_address, ullong, other, 0400);
MODULE_PARM_DESC(mem_address, "physical start of the reserved RAM region (default none)");

static char *rmo_mem_name;
module_param_named(mem_name, rmo_mem_name, charp, 0400);
MODULE_PARM_DESC(mem_name, "name of a reserve_mem= region to use instead of mem_address/mem_size (default none)");

static ulong rmo_mem_size;
module_param_named(mem_size, rmo_mem_size, ulong, 0400);
MODULE_PARM_DESC(mem_size, "size of the reserved RAM region (default 0: no region)");

static unsigned int rmo_mem_type;
module_param_named(mem_type, rmo_mem_type, uint, 0400);
MODULE_PARM_DESC(mem_type, "mapping: 0=write-combined (default), 1=unbuffered, 2=cached");

static int rmo_max_reason = -1;
module_param_named(max_reason, rmo_max_reason, int, 0400);
MODULE_PARM_DESC(max_reason, "highest kmsg_dump reason saved (default 2: oops and panic)");

static int rmo_ecc;
module_param_named(ecc, rmo_ecc, int, 0400);
MODULE_PARM_DESC(ecc, "Reed-Solomon parity bytes per 128-byte block, 1 means 16 (default 0: off)");

static bool rmo_legacy_layout;
module_param_named(legacy_layout, rmo_legacy_layout, bool, 0400);
MODULE_PARM_DESC(legacy_layout, "put pmsg after the ftrace area, as Linux 6.1 and older do (default 0: the order of 6.2 and later)");

static int rmo_dump_oops = -1;
module_param_named(dump_oops, rmo_dump_oops, int, 0400);
MODULE_PARM_DESC(dump_oops, "deprecated, use max_reason: 1 saves oopses and panics, 0 panics only");

/* One zone of the region. */
struct rmo_pzone {
	struct rmo_geom geom;		/* its size and ECC placement */
	struct rmo_zone z;		/* media handle for the shared writers */
	size_t off;			/* offset in the region */
	u8 *old;			/* console/pmsg: last boot's bytes */
	size_t old_size;
	u32 old_corrected;		/* ECC counters of @old */
	u32 old_bad;
	u64 reported;			/* dmesg: record already warned about */
};

/* The backend: one per probed device, only one device at a time. */
struct ramoops_context {
	struct pstore_info pstore;	/* ->data points back here */
	phys_addr_t phys;
	size_t size;
	unsigned int memtype;		/* MEM_TYPE_* */
	void *vaddr;			/* the whole region, mapped */
	bool vmapped;			/* vmap() of RAM pages, else ioremap() */
	bool requested;			/* request_mem_region() done */
	struct rmo_layout layout;
	bool ecc;
	struct rs8 rs;
	struct rs8_work *work;		/* decoder scratch, read side only */

	struct rmo_pzone *dprz;		/* dmesg zones */
	unsigned int dmesg_cnt;
	unsigned int dump_write_cnt;	/* next dmesg zone to write */
	struct rmo_pzone cprz;		/* console */
	struct rmo_pzone mprz;		/* pmsg */
	struct rmo_pzone *fprz;		/* ftrace: one per CPU, or one */
	unsigned int ftrace_cnt;
	bool ftrace_per_cpu;		/* RAMOOPS_FLAG_FTRACE_PER_CPU */
	bool has_console;
	bool has_pmsg;

	raw_spinlock_t ring_lock;	/* console and pmsg appends */
	struct mutex pmsg_lock;		/* guards pmsg_bounce */
	u8 *pmsg_bounce;
	u8 *read_buf;			/* dmesg read: copy of a zone */
	u8 *lin_buf;			/* its ring bytes in order */

	/* read cursors, reset by ->open, used under psi->read_mutex */
	unsigned int dump_read_cnt;
	bool console_read;
	bool pmsg_read;
	bool ftrace_read;
};

static struct ramoops_context *rmo_cxt;		/* one region at a time */
static struct platform_device *rmo_dummy;
static bool rmo_from_reserve_mem;
static bool rmo_dump_requested;

/* ------------------------------------------------------------ panic path */

/*
 * Try the lock; once a panic or oops is being printed, another CPU stopped
 * while holding it must not hang us: write unlocked rather than lose the log.
 */
static bool notrace rmo_ring_lock(struct ramoops_context *cxt,
				  unsigned long *flags)
{
	if (raw_spin_trylock_irqsave(&cxt->ring_lock, *flags))
		return true;
	if (oops_in_progress) {
		local_irq_save(*flags);
		return false;
	}
	raw_spin_lock_irqsave(&cxt->ring_lock, *flags);
	return true;
}

static void notrace rmo_ring_unlock(struct ramoops_context *cxt, bool locked,
				    unsigned long flags)
{
	if (locked)
		raw_spin_unlock_irqrestore(&cxt->ring_lock, flags);
	else
		local_irq_restore(flags);
}

static void notrace rmo_ring_append(struct ramoops_context *cxt,
				    struct rmo_pzone *pz, const void *buf,
				    size_t len)
{
	unsigned long flags;
	bool locked = rmo_ring_lock(cxt, &flags);

	rmo_ring_write(&pz->z, buf, len);
	rmo_ring_unlock(cxt, locked, flags);
}

static int notrace ramoops_pstore_write(struct pstore_record *record)
{
	struct ramoops_context *cxt = record->psi->data;
	struct rmo_pzone *pz;

	switch (record->type) {
	case PSTORE_TYPE_CONSOLE:
		if (!cxt->has_console)
			return -ENOSPC;
		rmo_ring_append(cxt, &cxt->cprz, record->buf, record->size);
		return 0;
	case PSTORE_TYPE_FTRACE:
		if (!cxt->ftrace_cnt)
			return -ENOSPC;
		/*
		 * From the function tracer, irqs off: per CPU, each CPU
		 * writes its own ring without a lock (as upstream); one
		 * shared ring takes the ring lock.
		 */
		if (cxt->ftrace_per_cpu) {
			unsigned int cpu = raw_smp_processor_id();

			if (cpu >= cxt->ftrace_cnt)
				return -ENOSPC;
			rmo_ring_write(&cxt->fprz[cpu].z, record->buf,
				       record->size);
		} else {
			rmo_ring_append(cxt, &cxt->fprz[0], record->buf,
					record->size);
		}
		return 0;
	case PSTORE_TYPE_DMESG:
		break;
	default:
		return -EINVAL;
	}

	/*
	 * One zone per crash, from its first part only: a log split over
	 * zones would show up as unrelated records (upstream does the same).
	 */
	if (record->part != 1 || !cxt->dmesg_cnt)
		return -ENOSPC;

	pz = &cxt->dprz[cxt->dump_write_cnt];
	rmo_dmesg_write(&pz->z, record->time.tv_sec, record->time.tv_nsec,
			record->compressed, record->buf, record->size);
	cxt->dump_write_cnt = (cxt->dump_write_cnt + 1) % cxt->dmesg_cnt;
	return 0;
}

/* pmsg comes from a write(2): process context, may fault and sleep. */
static int notrace ramoops_pstore_write_user(struct pstore_record *record,
					     const char __user *buf)
{
	struct ramoops_context *cxt = record->psi->data;
	size_t len = record->size, cap;

	if (record->type != PSTORE_TYPE_PMSG)
		return -EINVAL;
	if (!cxt->has_pmsg)
		return -ENOSPC;

	/* only the tail of a write longer than the ring would survive */
	cap = cxt->mprz.geom.data_size;
	if (len > cap) {
		buf += len - cap;
		len = cap;
	}

	mutex_lock(&cxt->pmsg_lock);
	while (len) {
		size_t n = min_t(size_t, len, RMO_PMSG_CHUNK);

		if (copy_from_user(cxt->pmsg_bounce, buf, n)) {
			mutex_unlock(&cxt->pmsg_lock);
			return -EFAULT;
		}
		rmo_ring_append(cxt, &cxt->mprz, cxt->pmsg_bounce, n);
		buf += n;
		len -= n;
	}
	mutex_unlock(&cxt->pmsg_lock);
	return 0;
}

/* ------------------------------------------------------------- read side */

static void rmo_snapshot(struct ramoops_context *cxt, struct rmo_pzone *pz,
			 u8 *dst)
{
	memcpy_fromio(dst, (const void __iomem __force *)pz->z.mem,
		      pz->geom.zone_size);
}

static void rmo_reset_dmesg(struct rmo_pzone *pz)
{
	rmo_zone_reset(&pz->z);
	rmo_dmesg_clear_trailer(&pz->z);
	pz->reported = 0;
}

static void rmo_report(unsigned int idx, const struct rmo_zone_info *zi,
		       const struct rmo_dmesg_rec *r, size_t body)
{
	if (zi->ecc_corrected || zi->ecc_bad_blocks)
		pr_warn("dmesg zone %u: ECC corrected %u bytes, %u blocks uncorrectable\n",
			idx, zi->ecc_corrected, zi->ecc_bad_blocks);

	switch (r->integrity) {
	case RMO_REC_VERIFIED:
		break;
	case RMO_REC_UNVERIFIED:
		pr_info("dmesg zone %u: %zu byte record without integrity trailer (written by another kernel?), shown unverified\n",
			idx, body);
		break;
	case RMO_REC_CORRUPT:
		switch (r->damage) {
		case RMO_DAMAGE_CRC:
			pr_warn("dmesg zone %u: record corrupt: CRC32 %08x, expected %08x over %zu bytes, damaged chunks %04x of size %u (torn write or bit flips)\n",
				idx, r->crc_actual, r->crc_stored, r->len,
				r->bad_chunks, r->chunk_size);
			break;
		case RMO_DAMAGE_LENGTH:
			pr_warn("dmesg zone %u: record corrupt: %zu bytes in zone, %u written (torn write)\n",
				idx, r->len, r->len_stored);
			break;
		case RMO_DAMAGE_HDRLINE:
			pr_warn("dmesg zone %u: record corrupt: header line damaged, %zu bytes (torn write or bit flips)\n",
				idx, r->len);
			break;
		default:
			pr_warn("dmesg zone %u: record corrupt: integrity trailer damaged, %zu bytes not verified\n",
				idx, r->len);
			break;
		}
		break;
	}
}

/* Fill @record from dmesg zone @idx. Return: its size, 0 for none, <0 error. */
static ssize_t rmo_read_dmesg(struct ramoops_context *cxt, unsigned int idx,
			      struct pstore_record *record)
{
	struct rmo_pzone *pz = &cxt->dprz[idx];
	size_t cap = rmo_dmesg_capacity(&pz->geom), len, body, nlen, elen;
	struct rmo_zone_info zi;
	struct rmo_dmesg_rec r;
	const struct rs8 *rs = cxt->ecc ? &cxt->rs : NULL;
	u32 tc = 0, tb = 0;
	u64 key;

	rmo_snapshot(cxt, pz, cxt->read_buf);
	rmo_zone_inspect(&pz->geom, rs, cxt->work, cxt->read_buf,
			 RMO_PERSISTENT_SIG, &zi);
	switch (zi.state) {
	case RMO_ZONE_EMPTY:
		return 0;
	case RMO_ZONE_BAD_SIG:
	case RMO_ZONE_BAD_HDR:
		pr_info("dmesg zone %u: invalid header (sig %08x start %u size %u), reset\n",
			idx, zi.hdr.sig, zi.hdr.start, zi.hdr.size);
		rmo_reset_dmesg(pz);
		return 0;
	case RMO_ZONE_VALID:
		break;
	}

	/* the trailer blocks lie past the record: correct them too */
	rmo_zone_ecc_range(&pz->geom, rs, cxt->work, cxt->read_buf, cap,
			   pz->geom.data_size, &tc, &tb);
	len = rmo_zone_linearize(&pz->geom, cxt->read_buf, &zi, cxt->lin_buf);
	if (!rmo_dmesg_inspect(cxt->lin_buf, len, len <= cap ?
			       cxt->read_buf + RMO_ZONE_HDR_SIZE + cap : NULL,
			       &r)) {
		/* no header line and nothing of ours: upstream resets these */
		pr_info("dmesg zone %u: %zu bytes without a record header, reset\n",
			idx, len);
		rmo_reset_dmesg(pz);
		return 0;
	}
	body = rmo_dmesg_body(cxt->lin_buf, &r, NULL, 0);
	/* a header line alone is no record; 0 would also end pstore's scan */
	if (!body)
		return 0;

	key = ((u64)r.crc_actual << 32) ^ len ^ ((u64)r.integrity << 60) ^ 1;
	if (pz->reported != key) {
		rmo_report(idx, &zi, &r, body);
		pz->reported = key;
	}

	nlen = rmo_dmesg_notice(NULL, 0, idx, &r);
	elen = rmo_ecc_notice(NULL, 0, cxt->ecc, zi.ecc_corrected,
			      zi.ecc_bad_blocks);
	record->buf = kvzalloc(body + nlen + elen + 1, GFP_KERNEL);
	if (!record->buf)
		return -ENOMEM;
	/* damaged spans of a plain record come out as a marker line */
	rmo_dmesg_body(cxt->lin_buf, &r, (u8 *)record->buf, body);
	rmo_dmesg_notice(record->buf + body, nlen + 1, idx, &r);
	rmo_ecc_notice(record->buf + body + nlen, elen + 1, cxt->ecc,
		       zi.ecc_corrected, zi.ecc_bad_blocks);

	record->type = PSTORE_TYPE_DMESG;
	record->id = idx;
	record->time.tv_sec = r.sec;
	record->time.tv_nsec = r.nsec;
	record->compressed = r.compressed;
	record->ecc_notice_size = nlen + elen;
	return body;
}

static ssize_t rmo_read_ring(struct ramoops_context *cxt, struct rmo_pzone *pz,
			     enum pstore_type_id type,
			     struct pstore_record *record)
{
	size_t elen;

	if (!pz->old_size)
		return 0;
	elen = rmo_ecc_notice(NULL, 0, cxt->ecc, pz->old_corrected,
			      pz->old_bad);
	record->buf = kvzalloc(pz->old_size + elen + 1, GFP_KERNEL);
	if (!record->buf)
		return -ENOMEM;
	memcpy(record->buf, pz->old, pz->old_size);
	rmo_ecc_notice(record->buf + pz->old_size, elen + 1, cxt->ecc,
		       pz->old_corrected, pz->old_bad);
	record->type = type;
	record->id = 0;
	record->ecc_notice_size = elen;
	return pz->old_size;
}

/*
 * All CPUs' ftrace rings of the last boot as one record, merged in call
 * order.  A ring that wrapped starts with the tail of a call: each ring
 * ends on a whole record (writes are whole records), so the bytes before
 * the first whole one are dropped.
 */
static ssize_t rmo_read_ftrace(struct ramoops_context *cxt,
			       struct pstore_record *record)
{
	const size_t rs = sizeof(struct pstore_ftrace_record);
	unsigned int i;

	record->buf = NULL;
	record->size = 0;
	for (i = 0; i < cxt->ftrace_cnt; i++) {
		struct rmo_pzone *pz = &cxt->fprz[i];
		size_t skip = pz->old_size % rs;
		ssize_t ret;

		if (pz->old_size < rs)
			continue;
		ret = pstore_ftrace_combine_log(&record->buf, &record->size,
						pz->old + skip,
						pz->old_size - skip);
		if (ret) {
			kvfree(record->buf);
			record->buf = NULL;
			return ret;
		}
	}
	if (!record->size) {
		kvfree(record->buf);
		record->buf = NULL;
		return 0;
	}
	record->type = PSTORE_TYPE_FTRACE;
	record->id = 0;
	return record->size;
}

static int ramoops_pstore_open(struct pstore_info *psi)
{
	struct ramoops_context *cxt = psi->data;

	cxt->dump_read_cnt = 0;
	cxt->console_read = false;
	cxt->pmsg_read = false;
	cxt->ftrace_read = false;
	return 0;
}

/* Called under psi->read_mutex: the read buffers need no other lock. */
static ssize_t ramoops_pstore_read(struct pstore_record *record)
{
	struct ramoops_context *cxt = record->psi->data;
	ssize_t ret;

	record->time.tv_sec = 0;
	record->time.tv_nsec = 0;
	record->compressed = false;

	while (cxt->dump_read_cnt < cxt->dmesg_cnt) {
		ret = rmo_read_dmesg(cxt, cxt->dump_read_cnt++, record);
		if (ret)
			return ret;
	}
	if (!cxt->console_read) {
		cxt->console_read = true;
		ret = rmo_read_ring(cxt, &cxt->cprz, PSTORE_TYPE_CONSOLE, record);
		if (ret)
			return ret;
	}
	if (!cxt->pmsg_read) {
		cxt->pmsg_read = true;
		ret = rmo_read_ring(cxt, &cxt->mprz, PSTORE_TYPE_PMSG, record);
		if (ret)
			return ret;
	}
	if (!cxt->ftrace_read) {
		cxt->ftrace_read = true;
		ret = rmo_read_ftrace(cxt, record);
		if (ret)
			return ret;
	}
	return 0;
}

static void rmo_free_old(struct rmo_pzone *pz)
{
	kvfree(pz->old);
	pz->old = NULL;
	pz->old_size = 0;
}

static int ramoops_pstore_erase(struct pstore_record *record)
{
	struct ramoops_context *cxt = record->psi->data;
	struct rmo_pzone *pz;
	unsigned long flags;

	switch (record->type) {
	case PSTORE_TYPE_DMESG:
		if (record->id >= cxt->dmesg_cnt)
			return -EINVAL;
		rmo_reset_dmesg(&cxt->dprz[record->id]);
		return 0;
	case PSTORE_TYPE_CONSOLE:
		if (!cxt->has_console)
			return -EINVAL;
		pz = &cxt->cprz;
		break;
	case PSTORE_TYPE_PMSG:
		if (!cxt->has_pmsg)
			return -EINVAL;
		pz = &cxt->mprz;
		break;
	case PSTORE_TYPE_FTRACE: {
		unsigned int i;

		/* The one record stands for every CPU's ring. */
		if (!cxt->ftrace_cnt)
			return -EINVAL;
		for (i = 0; i < cxt->ftrace_cnt; i++) {
			rmo_free_old(&cxt->fprz[i]);
			raw_spin_lock_irqsave(&cxt->ring_lock, flags);
			rmo_zone_reset(&cxt->fprz[i].z);
			raw_spin_unlock_irqrestore(&cxt->ring_lock, flags);
		}
		return 0;
	}
	default:
		return -EINVAL;
	}
	/* as upstream: drop the saved copy and empty the live ring */
	rmo_free_old(pz);
	raw_spin_lock_irqsave(&cxt->ring_lock, flags);
	rmo_zone_reset(&pz->z);
	raw_spin_unlock_irqrestore(&cxt->ring_lock, flags);
	return 0;
}

/* ----------------------------------------------------------------- probe */

static void rmo_unmap(struct ramoops_context *cxt)
{
	if (cxt->vaddr) {
		if (cxt->vmapped)
			vunmap(cxt->vaddr - offset_in_page(cxt->phys));
		else
			iounmap((void __iomem __force *)cxt->vaddr);
		cxt->vaddr = NULL;
	}
	if (cxt->requested) {
		release_mem_region(cxt->phys, cxt->size);
		cxt->requested = false;
	}
}

static void *rmo_vmap(phys_addr_t start, size_t size, unsigned int memtype)
{
	phys_addr_t page_start = start - offset_in_page(start);
	unsigned int i, count = DIV_ROUND_UP(size + offset_in_page(start),
					     PAGE_SIZE);
	struct page **pages;
	pgprot_t prot;
	void *va;

	switch (memtype) {
	case MEM_TYPE_NORMAL:
		prot = PAGE_KERNEL;
		break;
	case MEM_TYPE_NONCACHED:
		prot = pgprot_noncached(PAGE_KERNEL);
		break;
	default:
		prot = pgprot_writecombine(PAGE_KERNEL);
		break;
	}
	pages = kmalloc_array(count, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < count; i++)
		pages[i] = pfn_to_page((page_start >> PAGE_SHIFT) + i);
	/* VM_IOREMAP keeps /proc/kcore and friends out of it */
	va = vmap(pages, count, VM_MAP | VM_IOREMAP, prot);
	kfree(pages);
	return va ? va + offset_in_page(start) : NULL;
}

/*
 * Refuse a region the kernel uses, one that is not memory, or one another
 * driver holds, then map it. @trusted: the kernel reserved it for us
 * (reserve_mem=, a device tree reserved-memory node).
 */
static int rmo_map_region(struct device *dev, struct ramoops_context *cxt,
			  bool trusted)
{
	phys_addr_t start = cxt->phys, last = cxt->phys + cxt->size - 1;
	bool pages_first, pages_last;
	int sysram;

	if (last < start || last > iomem_resource.end) {
		dev_err(dev, "region 0x%zx@0x%llx is outside the physical address space (ends at 0x%llx)\n",
			cxt->size, (u64)start, (u64)iomem_resource.end);
		return -EINVAL;
	}

	sysram = region_intersects(start, cxt->size, IORESOURCE_SYSTEM_RAM,
				   IORES_DESC_NONE);
	if (sysram != REGION_DISJOINT && !trusted) {
		dev_err(dev, "region 0x%zx@0x%llx overlaps System RAM the kernel is using; reserve it first (e.g. memmap=0x%zx$0x%llx, or reserve_mem= with ramoops.mem_name=)\n",
			cxt->size, (u64)start, cxt->size, (u64)start);
		return -EBUSY;
	}

	pages_first = pfn_valid(PHYS_PFN(start));
	pages_last = pfn_valid(PHYS_PFN(last));
	if (pages_first != pages_last) {
		dev_err(dev, "region 0x%zx@0x%llx straddles the end of memory\n",
			cxt->size, (u64)start);
		return -EINVAL;
	}
	if (!pages_first && !trusted &&
	    region_intersects(start, cxt->size, IORESOURCE_MEM,
			      IORES_DESC_RESERVED) == REGION_DISJOINT &&
	    region_intersects(start, cxt->size, IORESOURCE_MEM,
			      IORES_DESC_PERSISTENT_MEMORY) == REGION_DISJOINT &&
	    region_intersects(start, cxt->size, IORESOURCE_MEM,
			      IORES_DESC_PERSISTENT_MEMORY_LEGACY) == REGION_DISJOINT) {
		dev_err(dev, "region 0x%zx@0x%llx is not memory: outside RAM and every reserved or persistent range (see /proc/iomem)\n",
			cxt->size, (u64)start);
		return -EINVAL;
	}

	/* System RAM is claimed busy as a whole: a reserve_mem= part can't be */
	if (sysram == REGION_DISJOINT) {
		if (!request_mem_region(start, cxt->size, "ramoops")) {
			dev_err(dev, "region 0x%zx@0x%llx is already claimed by another driver (see /proc/iomem)\n",
				cxt->size, (u64)start);
			return -EBUSY;
		}
		cxt->requested = true;
	}

	if (pages_first) {
		cxt->vaddr = rmo_vmap(start, cxt->size, cxt->memtype);
		cxt->vmapped = true;
	} else {
		void __iomem *va = cxt->memtype == MEM_TYPE_WCOMBINE ?
				   ioremap_wc(start, cxt->size) :
				   ioremap(start, cxt->size);

		cxt->vaddr = (void __force *)va;
		cxt->vmapped = false;
	}
	if (!cxt->vaddr) {
		dev_err(dev, "cannot map region 0x%zx@0x%llx\n", cxt->size,
			(u64)start);
		rmo_unmap(cxt);
		return -ENOMEM;
	}
	return 0;
}

static int rmo_zone_setup(struct device *dev, struct ramoops_context *cxt,
			  struct rmo_pzone *pz, const char *name, size_t off,
			  size_t size)
{
	const char *why = NULL;

	if (rmo_geom_init(&pz->geom, size, cxt->ecc ? cxt->rs.nroots : 0,
			  RMO_ECC_BLOCK_DEFAULT, &why)) {
		dev_err(dev, "%s zone of 0x%zx bytes: %s\n", name, size, why);
		return -EINVAL;
	}
	pz->off = off;
	pz->z.mem = (u8 *)cxt->vaddr + off;
	pz->z.g = &pz->geom;
	pz->z.rs = cxt->ecc ? &cxt->rs : NULL;
	pz->z.sig = RMO_PERSISTENT_SIG;
	return 0;
}

/*
 * Check a dmesg zone's header at attach; reset it when it is not ours
 * (first boot) or impossible. Records are read later, each time pstore asks.
 * Return: the record's time, 0 for a free zone, for choosing where to write.
 */
static s64 rmo_attach_dmesg(struct ramoops_context *cxt, unsigned int idx)
{
	struct rmo_pzone *pz = &cxt->dprz[idx];
	struct rmo_zone_info zi;
	s64 sec = 0;
	u32 nsec;
	bool c;

	rmo_snapshot(cxt, pz, cxt->read_buf);
	rmo_zone_inspect(&pz->geom, cxt->ecc ? &cxt->rs : NULL, cxt->work,
			 cxt->read_buf, RMO_PERSISTENT_SIG, &zi);
	if (zi.state == RMO_ZONE_BAD_HDR)
		pr_info("dmesg zone %u: invalid header (start %u size %u), reset\n",
			idx, zi.hdr.start, zi.hdr.size);
	if (zi.state == RMO_ZONE_BAD_SIG || zi.state == RMO_ZONE_BAD_HDR)
		rmo_reset_dmesg(pz);
	if (zi.state != RMO_ZONE_VALID)
		return 0;
	if (!rmo_dmesg_hdr_parse(cxt->read_buf + RMO_ZONE_HDR_SIZE,
				 zi.hdr.size, &sec, &nsec, &c) || sec <= 0)
		sec = 1;	/* holds something: after free zones */
	return sec;
}

/*
 * Upstream always starts at zone 0, so a second crash before anyone
 * collected the first overwrites it. Start at the first free zone instead,
 * else at the oldest record.
 */
static void rmo_pick_first_zone(struct ramoops_context *cxt, const s64 *age)
{
	unsigned int i, best = 0;

	for (i = 0; i < cxt->dmesg_cnt; i++) {
		if (!age[i]) {
			best = i;
			break;
		}
		if (age[i] < age[best])
			best = i;
	}
	cxt->dump_write_cnt = best;
}

/* Save the previous boot's console/pmsg bytes, then start the ring afresh. */
static int rmo_attach_ring(struct ramoops_context *cxt, struct rmo_pzone *pz,
			   const char *name)
{
	struct rmo_zone_info zi;
	u8 *copy;

	copy = kvmalloc(pz->geom.zone_size, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	rmo_snapshot(cxt, pz, copy);
	rmo_zone_inspect(&pz->geom, cxt->ecc ? &cxt->rs : NULL, cxt->work,
			 copy, pz->z.sig, &zi);
	if (zi.state == RMO_ZONE_BAD_HDR)
		pr_info("%s zone: invalid header (start %u size %u), reset\n",
			name, zi.hdr.start, zi.hdr.size);
	if (zi.state == RMO_ZONE_VALID) {
		pz->old = kvmalloc(zi.hdr.size, GFP_KERNEL);
		if (!pz->old) {
			kvfree(copy);
			return -ENOMEM;
		}
		pz->old_size = rmo_zone_linearize(&pz->geom, copy, &zi, pz->old);
		pz->old_corrected = zi.ecc_corrected;
		pz->old_bad = zi.ecc_bad_blocks;
		if (zi.ecc_corrected || zi.ecc_bad_blocks)
			pr_warn("%s zone: ECC corrected %u bytes, %u blocks uncorrectable\n",
				name, zi.ecc_corrected, zi.ecc_bad_blocks);
	}
	kvfree(copy);
	rmo_zone_reset(&pz->z);
	return 0;
}

static void rmo_free(struct ramoops_context *cxt)
{
	rmo_free_old(&cxt->cprz);
	rmo_free_old(&cxt->mprz);
	if (cxt->fprz) {
		unsigned int i;

		for (i = 0; i < cxt->ftrace_cnt; i++)
			rmo_free_old(&cxt->fprz[i]);
		kfree(cxt->fprz);
	}
	kvfree(cxt->pstore.buf);
	cxt->pstore.buf = NULL;
	kfree(cxt->dprz);
	kvfree(cxt->read_buf);
	kvfree(cxt->lin_buf);
	kfree(cxt->pmsg_bounce);
	kfree(cxt->work);
	rmo_unmap(cxt);
	kfree(cxt);
}

static int rmo_parse_dt(struct platform_device *pdev,
			struct ramoops_platform_data *pdata)
{
	struct device_node *np = pdev->dev.of_node;
	struct device_node *parent;
	struct resource *res;
	int err = 0;
	u32 v;

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res) {
		dev_err(&pdev->dev, "no memory resource: point the node at /reserved-memory\n");
		return -EINVAL;
	}
	pdata->mem_address = res->start;
	pdata->mem_size = resource_size(res);
	pdata->mem_type = of_property_read_bool(np, "unbuffered");
	pdata->max_reason = of_property_read_bool(np, "no-dump-oops") ?
			    KMSG_DUMP_PANIC : KMSG_DUMP_OOPS;
#define RMO_DT_U32(prop, field)						\
	do {								\
		if (!of_property_read_u32(np, prop, &v)) {		\
			if (v > INT_MAX) {				\
				dev_err(&pdev->dev, "%s %u > INT_MAX\n", prop, v); \
				err = -EOVERFLOW;			\
			} else {					\
				field = v;				\
			}						\
		}							\
	} while (0)
	RMO_DT_U32("mem-type", pdata->mem_type);
	RMO_DT_U32("record-size", pdata->record_size);
	RMO_DT_U32("console-size", pdata->console_size);
	RMO_DT_U32("ftrace-size", pdata->ftrace_size);
	RMO_DT_U32("pmsg-size", pdata->pmsg_size);
	RMO_DT_U32("ecc-size", pdata->ecc_info.ecc_size);
	RMO_DT_U32("flags", pdata->flags);
	RMO_DT_U32("max-reason", pdata->max_reason);
#undef RMO_DT_U32
	if (err)
		return err;

	/*
	 * Old Chromebooks put "ramoops" outside /reserved-memory and expect
	 * console and pmsg zones of record_size, as the kernels they shipped
	 * with did; upstream keeps that behaviour, so do we.
	 */
	parent = of_get_parent(np);
	if (!of_node_name_eq(parent, "reserved-memory") &&
	    !pdata->console_size && !pdata->ftrace_size &&
	    !pdata->pmsg_size && !pdata->ecc_info.ecc_size) {
		pdata->console_size = pdata->record_size;
		pdata->pmsg_size = pdata->record_size;
	}
	of_node_put(parent);
	return 0;
}

static void rmo_report_rounding(const struct rmo_layout_req *req,
				const struct rmo_layout *l)
{
	if (l->rounded & RMO_ROUNDED_RECORD)
		pr_notice("record_size %llu is not a power of two: using %llu\n",
			  req->record_size, l->record_size);
	if (l->rounded & RMO_ROUNDED_CONSOLE)
		pr_notice("console_size %llu is not a power of two: using %llu\n",
			  req->console_size, l->console_size);
	if (l->rounded & RMO_ROUNDED_PMSG)
		pr_notice("pmsg_size %llu is not a power of two: using %llu\n",
			  req->pmsg_size, l->pmsg_size);
	if (l->rounded & RMO_ROUNDED_FTRACE)
		pr_notice("ftrace_size %llu is not a power of two: using %llu\n",
			  req->ftrace_size, l->ftrace_size);
}

static int rmo_check_ecc(struct device *dev, struct ramoops_context *cxt,
			 const struct persistent_ram_ecc_info *ei)
{
	int poly = ei->poly ?: RMO_ECC_POLY;

	if (!ei->ecc_size)
		return 0;
	if (ei->ecc_size < 0 || ei->ecc_size > RS8_MAX_ROOTS) {
		dev_err(dev, "ecc %d out of range: 1 (means 16) .. %d parity bytes per block\n",
			ei->ecc_size, RS8_MAX_ROOTS);
		return -EINVAL;
	}
	if (ei->symsize && ei->symsize != 8) {
		dev_err(dev, "ecc symbol size %d unsupported: only 8\n",
			ei->symsize);
		return -EINVAL;
	}
	if (ei->block_size && ei->block_size != RMO_ECC_BLOCK_DEFAULT) {
		dev_err(dev, "ecc block size %d unsupported: only %d\n",
			ei->block_size, RMO_ECC_BLOCK_DEFAULT);
		return -EINVAL;
	}
	if (rs8_init(&cxt->rs, poly, ei->ecc_size)) {
		dev_err(dev, "ecc polynomial 0x%x is not a primitive degree-8 polynomial\n",
			poly);
		return -EINVAL;
	}
	cxt->ecc = true;
	return 0;
}

/*
 * ftrace zones, as upstream lays them out: the ftrace area split into
 * nr_cpu_ids equal zones (RAMOOPS_FLAG_FTRACE_PER_CPU) or one, each a ring
 * like the console's with signature DBGC ^ LINUX_VERSION_CODE, so a stock
 * kernel of the same version reads ours and we read its.  Without the
 * ftrace frontend the area stays reserved and untouched.
 */
static int rmo_ftrace_setup(struct device *dev, struct ramoops_context *cxt,
			    const struct ramoops_platform_data *pdata)
{
	unsigned int cnt, i;
	size_t zsz;
	int err;

	if (!IS_ENABLED(CONFIG_PSTORE_FTRACE) || !cxt->layout.ftrace_size)
		return 0;
	cxt->ftrace_per_cpu = pdata->flags & RAMOOPS_FLAG_FTRACE_PER_CPU;
	cnt = cxt->ftrace_per_cpu ? nr_cpu_ids : 1;
	zsz = ALIGN_DOWN(cxt->layout.ftrace_size / cnt, 2);
	cxt->fprz = kcalloc(cnt, sizeof(*cxt->fprz), GFP_KERNEL);
	if (!cxt->fprz)
		return -ENOMEM;
	for (i = 0; i < cnt; i++) {
		err = rmo_zone_setup(dev, cxt, &cxt->fprz[i], "ftrace",
				     cxt->layout.ftrace_off + i * zsz, zsz);
		if (err)
			return err;
		cxt->fprz[i].z.sig = RMO_PERSISTENT_SIG ^ LINUX_VERSION_CODE;
		/* counted as set up: rmo_free() releases what attach saved */
		cxt->ftrace_cnt = i + 1;
	}
	return 0;
}

static int ramoops_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct ramoops_platform_data *pdata = dev->platform_data;
	struct ramoops_platform_data pdata_dt;
	struct ramoops_context *cxt;
	struct rmo_layout_req req;
	const char *why = NULL;
	bool trusted = rmo_from_reserve_mem;
	unsigned int i;
	int err;

	if (rmo_cxt) {
		dev_err(dev, "a ramoops region is already in use: only one at a time\n");
		return -EBUSY;
	}
	if (dev_of_node(dev) && !pdata) {
		memset(&pdata_dt, 0, sizeof(pdata_dt));
		err = rmo_parse_dt(pdev, &pdata_dt);
		if (err)
			return err;
		pdata = &pdata_dt;
		trusted = true;
	}
	if (!pdata) {
		dev_err(dev, "no platform data and no device tree node\n");
		return -EINVAL;
	}

	req.mem_size = pdata->mem_size;
	req.record_size = pdata->record_size;
	req.console_size = pdata->console_size;
	req.pmsg_size = pdata->pmsg_size;
	req.ftrace_size = pdata->ftrace_size;
	req.legacy_order = rmo_legacy_layout;

	cxt = kzalloc(sizeof(*cxt), GFP_KERNEL);
	if (!cxt)
		return -ENOMEM;
	raw_spin_lock_init(&cxt->ring_lock);
	mutex_init(&cxt->pmsg_lock);
	cxt->phys = pdata->mem_address;
	cxt->size = pdata->mem_size;
	cxt->memtype = pdata->mem_type;

	err = -EINVAL;
	if (rmo_layout_compute(&req, &cxt->layout, &why)) {
		dev_err(dev, "bad sizes: %s (mem_size 0x%lx record 0x%lx console 0x%lx pmsg 0x%lx ftrace 0x%lx)\n",
			why, pdata->mem_size, pdata->record_size,
			pdata->console_size, pdata->pmsg_size,
			pdata->ftrace_size);
		goto err_free;
	}
	rmo_report_rounding(&req, &cxt->layout);
	if (!cxt->layout.dmesg_cnt && rmo_dump_requested && !dev_of_node(dev)) {
		dev_err(dev, "record_size is 0 but max_reason/dump_oops ask for dmesg records: set record_size\n");
		goto err_free;
	}
	if (cxt->memtype > MEM_TYPE_NORMAL) {
		dev_err(dev, "mem_type %u invalid: 0 write-combined, 1 unbuffered, 2 cached\n",
			cxt->memtype);
		goto err_free;
	}
	err = rmo_check_ecc(dev, cxt, &pdata->ecc_info);
	if (err)
		goto err_free;

	err = -ENOMEM;
	cxt->work = kzalloc(sizeof(*cxt->work), GFP_KERNEL);
	cxt->pmsg_bounce = kmalloc(RMO_PMSG_CHUNK, GFP_KERNEL);
	if (!cxt->work || !cxt->pmsg_bounce)
		goto err_free;
	cxt->dmesg_cnt = cxt->layout.dmesg_cnt;
	if (cxt->dmesg_cnt) {
		cxt->dprz = kcalloc(cxt->dmesg_cnt, sizeof(*cxt->dprz), GFP_KERNEL);
		cxt->read_buf = kvmalloc(cxt->layout.dmesg_zone_size, GFP_KERNEL);
		cxt->lin_buf = kvmalloc(cxt->layout.dmesg_zone_size, GFP_KERNEL);
		if (!cxt->dprz || !cxt->read_buf || !cxt->lin_buf)
			goto err_free;
	}

	err = rmo_map_region(dev, cxt, trusted);
	if (err)
		goto err_free;

	for (i = 0; i < cxt->dmesg_cnt; i++) {
		err = rmo_zone_setup(dev, cxt, &cxt->dprz[i], "dmesg",
				     i * cxt->layout.dmesg_zone_size,
				     cxt->layout.dmesg_zone_size);
		if (err)
			goto err_free;
	}
	if (cxt->dmesg_cnt &&
	    rmo_dmesg_capacity(&cxt->dprz[0].geom) <= 2 * RMO_DMESG_HDR_MAX) {
		dev_err(dev, "dmesg zones of 0x%llx bytes leave no room for a record (ecc %d): raise record_size\n",
			cxt->layout.dmesg_zone_size, pdata->ecc_info.ecc_size);
		err = -EINVAL;
		goto err_free;
	}
	if (cxt->layout.console_size) {
		err = rmo_zone_setup(dev, cxt, &cxt->cprz, "console",
				     cxt->layout.console_off,
				     cxt->layout.console_size);
		if (err)
			goto err_free;
		cxt->has_console = true;
	}
	if (cxt->layout.pmsg_size) {
		err = rmo_zone_setup(dev, cxt, &cxt->mprz, "pmsg",
				     cxt->layout.pmsg_off,
				     cxt->layout.pmsg_size);
		if (err)
			goto err_free;
		cxt->has_pmsg = true;
	}
	err = rmo_ftrace_setup(dev, cxt, pdata);
	if (err)
		goto err_free;

	/* Only now touch the media: every check above has passed. */
	if (cxt->dmesg_cnt) {
		s64 *age = kcalloc(cxt->dmesg_cnt, sizeof(*age), GFP_KERNEL);

		if (!age) {
			err = -ENOMEM;
			goto err_free;
		}
		for (i = 0; i < cxt->dmesg_cnt; i++)
			age[i] = rmo_attach_dmesg(cxt, i);
		rmo_pick_first_zone(cxt, age);
		kfree(age);
	}
	if (cxt->has_console) {
		err = rmo_attach_ring(cxt, &cxt->cprz, "console");
		if (err)
			goto err_free;
	}
	if (cxt->has_pmsg) {
		err = rmo_attach_ring(cxt, &cxt->mprz, "pmsg");
		if (err)
			goto err_free;
	}
	for (i = 0; i < cxt->ftrace_cnt; i++) {
		err = rmo_attach_ring(cxt, &cxt->fprz[i], "ftrace");
		if (err)
			goto err_free;
	}

	cxt->pstore.owner = THIS_MODULE;
	cxt->pstore.name = "ramoops";
	cxt->pstore.open = ramoops_pstore_open;
	cxt->pstore.read = ramoops_pstore_read;
	cxt->pstore.write = ramoops_pstore_write;
	cxt->pstore.write_user = ramoops_pstore_write_user;
	cxt->pstore.erase = ramoops_pstore_erase;
	cxt->pstore.data = cxt;
	if (cxt->dmesg_cnt) {
		cxt->pstore.flags |= PSTORE_FLAGS_DMESG;
		cxt->pstore.max_reason = pdata->max_reason;
		/* room for the header line: a record is never cut */
		cxt->pstore.bufsize = rmo_dmesg_capacity(&cxt->dprz[0].geom) -
				      RMO_DMESG_HDR_MAX;
		cxt->pstore.buf = kvzalloc(cxt->pstore.bufsize, GFP_KERNEL);
		if (!cxt->pstore.buf) {
			err = -ENOMEM;
			goto err_free;
		}
	}
	if (cxt->has_console)
		cxt->pstore.flags |= PSTORE_FLAGS_CONSOLE;
	if (cxt->has_pmsg)
		cxt->pstore.flags |= PSTORE_FLAGS_PMSG;
	if (cxt->ftrace_cnt)
		cxt->pstore.flags |= PSTORE_FLAGS_FTRACE;

	rmo_cxt = cxt;
	err = pstore_register(&cxt->pstore);
	if (err) {
		dev_err(dev, "registering with pstore failed: %d\n", err);
		rmo_cxt = NULL;
		goto err_free;
	}
	platform_set_drvdata(pdev, cxt);

	/* effective values, visible in /sys/module/ramoops/parameters */
	rmo_mem_size = cxt->size;
	rmo_mem_address = cxt->phys;
	rmo_mem_type = cxt->memtype;
	rmo_record_size = cxt->layout.record_size;
	rmo_console_size = cxt->layout.console_size;
	rmo_pmsg_size = cxt->layout.pmsg_size;
	rmo_ftrace_size = cxt->layout.ftrace_size;
	rmo_max_reason = pdata->max_reason;
	rmo_ecc = cxt->ecc ? cxt->rs.nroots : 0;

	pr_info("using 0x%zx@0x%llx: %u dmesg zones of 0x%llx (record bytes %zu), console 0x%llx, pmsg 0x%llx, ftrace 0x%llx in %u zone(s), ecc %d\n",
		cxt->size, (u64)cxt->phys, cxt->dmesg_cnt,
		cxt->layout.dmesg_zone_size, cxt->pstore.bufsize,
		cxt->layout.console_size, cxt->layout.pmsg_size,
		cxt->ftrace_cnt ? cxt->layout.ftrace_size : 0, cxt->ftrace_cnt,
		rmo_ecc);
	return 0;

err_free:
	rmo_free(cxt);
	return err;
}

static void ramoops_remove(struct platform_device *pdev)
{
	struct ramoops_context *cxt = platform_get_drvdata(pdev);

	if (!cxt)
		return;
	pstore_unregister(&cxt->pstore);
	rmo_cxt = NULL;
	rmo_free(cxt);
}

static const struct of_device_id ramoops_dt_match[] = {
	{ .compatible = "ramoops" },
	{}
};
MODULE_DEVICE_TABLE(of, ramoops_dt_match);

static struct platform_driver ramoops_driver = {
	.probe		= ramoops_probe,
	.remove		= ramoops_remove,
	.driver		= {
		.name		= "ramoops",
		.of_match_table	= ramoops_dt_match,
	},
};

/* Module parameters describe a region: make a device out of them. */
static void __init rmo_register_dummy(void)
{
	struct ramoops_platform_data pdata;

	if (rmo_mem_name) {
		phys_addr_t start, size;

		if (reserve_mem_find_by_name(rmo_mem_name, &start, &size)) {
			rmo_mem_address = start;
			rmo_mem_size = size;
			rmo_from_reserve_mem = true;
		} else {
			pr_err("mem_name=%s: no reserve_mem= region of that name\n",
			       rmo_mem_name);
			return;
		}
	}
	if (!rmo_mem_size)
		return;

	memset(&pdata, 0, sizeof(pdata));
	pdata.mem_size = rmo_mem_size;
	pdata.mem_address = rmo_mem_address;
	pdata.mem_type = rmo_mem_type;
	pdata.record_size = rmo_record_size;
	pdata.console_size = rmo_console_size;
	pdata.ftrace_size = rmo_ftrace_size;
	pdata.pmsg_size = rmo_pmsg_size;
	if (rmo_max_reason >= 0)
		pdata.max_reason = rmo_max_reason;
	else if (rmo_dump_oops != -1)
		pdata.max_reason = rmo_dump_oops ? KMSG_DUMP_OOPS : KMSG_DUMP_PANIC;
	else
		pdata.max_reason = KMSG_DUMP_OOPS;
	rmo_dump_requested = rmo_max_reason > 0 || rmo_dump_oops == 1;
	pdata.flags = RAMOOPS_FLAG_FTRACE_PER_CPU;
	/* ecc=1 has always meant 16 parity bytes */
	pdata.ecc_info.ecc_size = rmo_ecc == 1 ? RMO_ECC_SIZE_DEFAULT : rmo_ecc;

	rmo_dummy = platform_device_register_data(NULL, "ramoops", -1, &pdata,
						  sizeof(pdata));
	if (IS_ERR(rmo_dummy)) {
		pr_err("cannot create the platform device: %ld\n",
		       PTR_ERR(rmo_dummy));
		rmo_dummy = NULL;
	}
}

static int __init ramoops_init(void)
{
	int ret;

	rmo_register_dummy();
	ret = platform_driver_register(&ramoops_driver);
	if (ret) {
		platform_device_unregister(rmo_dummy);
		rmo_dummy = NULL;
	}
	return ret;
}
/* early, as upstream, so the console zone sees as much of the boot as it can */
postcore_initcall(ramoops_init);

static void __exit ramoops_exit(void)
{
	platform_driver_unregister(&ramoops_driver);
	platform_device_unregister(rmo_dummy);
	rmo_dummy = NULL;
}
module_exit(ramoops_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lastgasp persistent RAM backend for pstore (ramoops compatible)");
