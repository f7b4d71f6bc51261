// SPDX-License-Identifier: GPL-2.0-only
/*
 * lgtest: a deliberately simple pstore backend for lastgasp's VM tests.
 *
 * The region given by lgtest.mem_address/lgtest.mem_size (reserved with
 * memmap=) is cut into lgtest.slots equal slots; each dmesg record part
 * takes one slot, the oldest slot is reused first. The slot layout is only
 * read back by this module and by tests; it is not meant for production.
 *
 * lgtest.fail_write=1 makes every write fail with -EIO, so tests can check
 * that a failing backend does not stop the others.  lgtest.fail_read=1 makes
 * every read fail the way a backend written to upstream's read() contract
 * may: buffer freed, pointer left as it was.
 */
#define pr_fmt(fmt) "lgtest: " fmt

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <linux/string.h>

#define LGTEST_MAGIC	0x3154474cU	/* "LGT1" */

/* Header of a slot; data follows. Only tests read this layout. */
struct lgtest_slot {
	u32 magic;
	u32 len;
	u64 seq;
	s64 sec;
	u32 nsec;
	u32 reason;
	u32 part;
	u32 count;
	u32 compressed;
	u32 pad;
	u8 data[];
};

static unsigned long lgtest_mem_address;
module_param_named(mem_address, lgtest_mem_address, ulong, 0400);
MODULE_PARM_DESC(mem_address, "physical start of the reserved region (default 0: none)");

static unsigned long lgtest_mem_size;
module_param_named(mem_size, lgtest_mem_size, ulong, 0400);
MODULE_PARM_DESC(mem_size, "size of the region in bytes (default 0: backend off)");

static unsigned int lgtest_slots = 4;
module_param_named(slots, lgtest_slots, uint, 0400);
MODULE_PARM_DESC(slots, "number of record slots (default 4)");

static bool lgtest_fail_write;
module_param_named(fail_write, lgtest_fail_write, bool, 0600);
MODULE_PARM_DESC(fail_write, "make every write fail with -EIO (default 0)");

static bool lgtest_fail_read;
module_param_named(fail_read, lgtest_fail_read, bool, 0600);
MODULE_PARM_DESC(fail_read, "fail every read with -EIO after freeing record->buf without clearing the pointer, as the tree's efi-pstore does (default 0)");

static int lgtest_max_reason = KMSG_DUMP_OOPS;
module_param_named(max_reason, lgtest_max_reason, int, 0400);
MODULE_PARM_DESC(max_reason, "highest kmsg_dump reason stored (default 2: oops)");

struct lgtest_context {
	struct pstore_info pstore;
	void *base;
	size_t slot_size;
	unsigned int slots;
	unsigned int read_pos;
	u64 seq;		/* sequence of the newest slot */
};

static struct lgtest_context lgtest_ctx;

static struct lgtest_slot *lgtest_slot(struct lgtest_context *cxt, unsigned int i)
{
	return cxt->base + (size_t)i * cxt->slot_size;
}

static int lgtest_open(struct pstore_info *psi)
{
	struct lgtest_context *cxt = psi->data;

	cxt->read_pos = 0;
	return 0;
}

static ssize_t lgtest_read(struct pstore_record *record)
{
	struct lgtest_context *cxt = record->psi->data;
	size_t room = cxt->slot_size - sizeof(struct lgtest_slot);

	while (cxt->read_pos < cxt->slots) {
		unsigned int i = cxt->read_pos++;
		struct lgtest_slot *s = lgtest_slot(cxt, i);

		if (READ_ONCE(s->magic) != LGTEST_MAGIC)
			continue;
		if (s->len == 0 || s->len > room) {
			pr_warn("slot %u: length %u does not fit in %zu bytes, skipped\n",
				i, s->len, room);
			continue;
		}
		record->buf = kmemdup(s->data, s->len, GFP_KERNEL);
		if (!record->buf)
			return -ENOMEM;
		if (lgtest_fail_read) {
			/*
			 * Upstream's contract: on error the buffer is the
			 * backend's; it frees it and may leave the pointer.
			 */
			kfree(record->buf);
			return -EIO;
		}
		record->type = PSTORE_TYPE_DMESG;
		record->id = i;
		record->time.tv_sec = s->sec;
		record->time.tv_nsec = s->nsec;
		record->reason = s->reason;
		record->part = s->part;
		record->count = s->count;
		record->compressed = s->compressed;
		record->size = s->len;
		return record->size;
	}
	return 0;
}

/*
 * Panic path: called with psi->buf_lock held (or try-locked) by the core.
 * Nothing here sleeps or allocates: the region was mapped at init.
 */
static notrace int lgtest_write(struct pstore_record *record)
{
	struct lgtest_context *cxt = record->psi->data;
	size_t room = cxt->slot_size - sizeof(struct lgtest_slot);
	struct lgtest_slot *s;
	unsigned int i;
	u64 next;

	if (lgtest_fail_write)
		return -EIO;
	if (record->type != PSTORE_TYPE_DMESG)
		return -EINVAL;
	if (record->size <= 0 || record->size > room)
		return -ENOSPC;

	next = cxt->seq + 1;
	i = do_div(next, cxt->slots);
	s = lgtest_slot(cxt, i);
	/* Invalidate first, fill, then validate: a torn write shows nothing. */
	WRITE_ONCE(s->magic, 0);
	wmb();	/* the old magic is gone before the new bytes land */
	memcpy(s->data, record->buf, record->size);
	s->len = record->size;
	s->seq = ++cxt->seq;
	s->sec = record->time.tv_sec;
	s->nsec = record->time.tv_nsec;
	s->reason = record->reason;
	s->part = record->part;
	s->count = record->count;
	s->compressed = record->compressed;
	wmb();	/* the slot is complete before its magic says so */
	WRITE_ONCE(s->magic, LGTEST_MAGIC);
	record->id = i;
	return 0;
}

static int lgtest_erase(struct pstore_record *record)
{
	struct lgtest_context *cxt = record->psi->data;

	if (record->id >= cxt->slots)
		return -EINVAL;
	WRITE_ONCE(lgtest_slot(cxt, record->id)->magic, 0);
	return 0;
}

static int __init lgtest_init(void)
{
	struct lgtest_context *cxt = &lgtest_ctx;
	unsigned int i;
	int err;

	if (!lgtest_mem_size)
		return 0;	/* not configured: stay inert */
	if (!lgtest_mem_address || !lgtest_slots ||
	    lgtest_mem_size / lgtest_slots <= sizeof(struct lgtest_slot) + 64) {
		pr_err("region 0x%lx+0x%lx cannot hold %u slots; refusing\n",
		       lgtest_mem_address, lgtest_mem_size, lgtest_slots);
		return -EINVAL;
	}
	if (!request_mem_region(lgtest_mem_address, lgtest_mem_size, "lgtest")) {
		pr_err("region 0x%lx+0x%lx is busy\n", lgtest_mem_address, lgtest_mem_size);
		return -EBUSY;
	}
	cxt->base = memremap(lgtest_mem_address, lgtest_mem_size, MEMREMAP_WB);
	if (!cxt->base) {
		pr_err("cannot map 0x%lx+0x%lx\n", lgtest_mem_address, lgtest_mem_size);
		err = -ENOMEM;
		goto err_release_region;
	}
	cxt->slots = lgtest_slots;
	cxt->slot_size = lgtest_mem_size / lgtest_slots;
	for (i = 0; i < cxt->slots; i++) {
		struct lgtest_slot *s = lgtest_slot(cxt, i);

		if (s->magic == LGTEST_MAGIC && s->seq > cxt->seq)
			cxt->seq = s->seq;
	}

	cxt->pstore.owner = THIS_MODULE;
	cxt->pstore.name = "lgtest";
	cxt->pstore.flags = PSTORE_FLAGS_DMESG;
	cxt->pstore.max_reason = lgtest_max_reason;
	cxt->pstore.data = cxt;
	cxt->pstore.bufsize = cxt->slot_size - sizeof(struct lgtest_slot);
	cxt->pstore.buf = kzalloc(cxt->pstore.bufsize, GFP_KERNEL);
	if (!cxt->pstore.buf) {
		err = -ENOMEM;
		goto err_unmap;
	}
	cxt->pstore.open = lgtest_open;
	cxt->pstore.read = lgtest_read;
	cxt->pstore.write = lgtest_write;
	cxt->pstore.erase = lgtest_erase;

	err = pstore_register(&cxt->pstore);
	if (err) {
		pr_err("pstore_register failed: %d\n", err);
		goto err_free_buf;
	}
	pr_info("%u slots of %zu bytes at 0x%lx\n", cxt->slots, cxt->slot_size,
		lgtest_mem_address);
	return 0;

err_free_buf:
	kfree(cxt->pstore.buf);
	cxt->pstore.buf = NULL;
err_unmap:
	memunmap(cxt->base);
err_release_region:
	release_mem_region(lgtest_mem_address, lgtest_mem_size);
	return err;
}

static void __exit lgtest_exit(void)
{
	struct lgtest_context *cxt = &lgtest_ctx;

	if (!cxt->pstore.buf)
		return;
	pstore_unregister(&cxt->pstore);
	kfree(cxt->pstore.buf);
	memunmap(cxt->base);
	release_mem_region(lgtest_mem_address, lgtest_mem_size);
}

/* After the core (which is ready at link time) and alongside ramoops. */
late_initcall(lgtest_init);
module_exit(lgtest_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lastgasp test backend: dmesg records in a reserved region");
