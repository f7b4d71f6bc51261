// SPDX-License-Identifier: GPL-2.0-only
/*
 * lgnand: a strict NAND chip in reserved RAM, for the flash backend's paged
 * format across a panic and a reboot (tests/vm/67-flash-nand-panic.sh).
 *
 * nandsim keeps its pages in memory the next boot cannot find. This chip
 * keeps them in a region the kernel does not use (memmap=SIZE$ADDR,
 * lgnand.base= and lgnand.size=), which tools/vm's RAM file keeps across
 * reboots, and it enforces what NAND demands where nandsim does not look:
 * a program is whole, aligned pages; a page is programmed only when erased
 * (all 0xFF) and only above the highest programmed page of its block. A
 * program that breaks a rule is refused with -EIO and counted in
 * /sys/module/lgnand/parameters/violations. lgnand.bad= names a bad block;
 * blocks marked bad are remembered until the next boot. It has a panic
 * write (the same copy, nothing that sleeps).
 */
#define pr_fmt(fmt) "lgnand: " fmt

#include <linux/init.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mtd/mtd.h>
#include <linux/string.h>

static unsigned long lgnand_base;
module_param_named(base, lgnand_base, ulong, 0400);
MODULE_PARM_DESC(base, "physical address of the reserved RAM (default 0: none)");

static unsigned long lgnand_size;
module_param_named(size, lgnand_size, ulong, 0400);
MODULE_PARM_DESC(size, "its size in bytes, a multiple of block (default 0: none)");

static unsigned int lgnand_page = 512;
module_param_named(page, lgnand_page, uint, 0400);
MODULE_PARM_DESC(page, "page size, a power of 2 (default 512)");

static unsigned int lgnand_block = 16384;
module_param_named(block, lgnand_block, uint, 0400);
MODULE_PARM_DESC(block, "erase block size, a power of 2 (default 16384)");

static int lgnand_bad = -1;
module_param_named(bad, lgnand_bad, int, 0400);
MODULE_PARM_DESC(bad, "a block that is bad from the start (default -1: none)");

static unsigned int lgnand_violations;
module_param_named(violations, lgnand_violations, uint, 0444);
MODULE_PARM_DESC(violations, "read only: programs refused for breaking a NAND rule");

static u8 *lgnand_mem;
static unsigned long *lgnand_marked;
static struct mtd_info lgnand_mtd;

static bool lgnand_erased(const u8 *p, size_t n)
{
	while (n--)
		if (*p++ != 0xff)
			return false;
	return true;
}

static int lgnand_read(struct mtd_info *mtd, loff_t from, size_t len,
		       size_t *retlen, u_char *buf)
{
	memcpy(buf, lgnand_mem + from, len);
	*retlen = len;
	return 0;
}

/* The rules, then the copy; no locks, nothing that sleeps (panic write). */
static notrace int lgnand_write(struct mtd_info *mtd, loff_t to, size_t len,
				size_t *retlen, const u_char *buf)
{
	u32 page = mtd->writesize, block = mtd->erasesize;
	loff_t blk = to - to % block, at;
	const char *why = NULL;

	*retlen = 0;
	if (to % page || len % page || !len)
		why = "not whole pages";
	else if ((to + len - 1) / block != to / block)
		why = "crosses a block";
	else if (test_bit(to / block, lgnand_marked) || to / block == lgnand_bad)
		why = "bad block";
	for (at = to + page; !why && at < blk + block; at += page)
		if (!lgnand_erased(lgnand_mem + at, page) && at >= to + (loff_t)len)
			why = "a later page is programmed already";
	for (at = to; !why && at < to + (loff_t)len; at += page)
		if (!lgnand_erased(lgnand_mem + at, page))
			why = "page programmed twice";
	if (why) {
		lgnand_violations++;
		pr_err("violation: program 0x%llx+0x%zx: %s\n", to, len, why);
		return -EIO;
	}
	memcpy(lgnand_mem + to, buf, len);
	*retlen = len;
	return 0;
}

static int lgnand_erase(struct mtd_info *mtd, struct erase_info *ei)
{
	if (ei->addr % mtd->erasesize || ei->len % mtd->erasesize ||
	    test_bit(ei->addr / mtd->erasesize, lgnand_marked)) {
		ei->fail_addr = ei->addr;
		return -EIO;
	}
	memset(lgnand_mem + ei->addr, 0xff, ei->len);
	return 0;
}

static int lgnand_isbad(struct mtd_info *mtd, loff_t ofs)
{
	return ofs / mtd->erasesize == lgnand_bad ||
	       test_bit(ofs / mtd->erasesize, lgnand_marked);
}

static int lgnand_markbad(struct mtd_info *mtd, loff_t ofs)
{
	set_bit(ofs / mtd->erasesize, lgnand_marked);
	pr_warn("block %llu marked bad\n", ofs / mtd->erasesize);
	return 0;
}

static int __init lgnand_init(void)
{
	struct mtd_info *mtd = &lgnand_mtd;
	int ret;

	if (!lgnand_size)
		return 0;
	if (!is_power_of_2(lgnand_page) || !is_power_of_2(lgnand_block) ||
	    lgnand_block < 2 * lgnand_page || lgnand_size % lgnand_block) {
		pr_err("page %u, block %u, size 0x%lx: powers of 2, size a multiple of block\n",
		       lgnand_page, lgnand_block, lgnand_size);
		return -EINVAL;
	}
	lgnand_marked = bitmap_zalloc(lgnand_size / lgnand_block, GFP_KERNEL);
	lgnand_mem = memremap(lgnand_base, lgnand_size, MEMREMAP_WB);
	if (!lgnand_marked || !lgnand_mem) {
		pr_err("cannot map 0x%lx+0x%lx\n", lgnand_base, lgnand_size);
		return -ENOMEM;
	}
	mtd->name = "lgnand";
	mtd->type = MTD_NANDFLASH;
	mtd->flags = MTD_CAP_NANDFLASH;
	mtd->size = lgnand_size;
	mtd->erasesize = lgnand_block;
	mtd->writesize = lgnand_page;
	mtd->writebufsize = lgnand_page;
	mtd->_read = lgnand_read;
	mtd->_write = lgnand_write;
	mtd->_panic_write = lgnand_write;
	mtd->_erase = lgnand_erase;
	mtd->_block_isbad = lgnand_isbad;
	mtd->_block_markbad = lgnand_markbad;
	ret = mtd_device_register(mtd, NULL, 0);
	if (ret) {
		pr_err("mtd_device_register: %d\n", ret);
		return ret;
	}
	pr_info("mtd%d: 0x%lx+0x%lx, pages of %u, blocks of %u, bad block %d\n",
		mtd->index, lgnand_base, lgnand_size, lgnand_page, lgnand_block,
		lgnand_bad);
	return 0;
}
device_initcall(lgnand_init);
