// SPDX-License-Identifier: GPL-2.0-only
/*
 * lgflash: declare the VM's data flash to physmap from boot parameters.
 *
 * tools/vm --flash SIZE puts a NOR flash image as QEMU's second pflash unit,
 * which the pc machine maps right below the BIOS, so its address depends on
 * its size. physmap's compat mode takes a compile-time address; this test
 * helper takes it from lgflash.base= and lgflash.size= instead.
 */
#define pr_fmt(fmt) "lgflash: " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mtd/cfi.h>
#include <linux/mtd/map.h>
#include <linux/mtd/mtd.h>
#include <linux/mtd/physmap.h>
#include <linux/panic.h>
#include <linux/platform_device.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static unsigned long lgflash_base;
module_param_named(base, lgflash_base, ulong, 0400);
MODULE_PARM_DESC(base, "physical address of the flash (default 0: none)");

static unsigned long lgflash_size;
module_param_named(size, lgflash_size, ulong, 0400);
MODULE_PARM_DESC(size, "size of the flash in bytes (default 0: none)");

static unsigned int lgflash_width = 1;
module_param_named(width, lgflash_width, uint, 0400);
MODULE_PARM_DESC(width, "bank width in bytes: 1, 2 or 4 (default 1)");

static unsigned long lgflash_ram_base;
module_param_named(ram_base, lgflash_ram_base, ulong, 0400);
MODULE_PARM_DESC(ram_base, "physical address of a reserved RAM region to declare as a map_ram MTD device (default 0: none)");

static unsigned long lgflash_ram_size;
module_param_named(ram_size, lgflash_ram_size, ulong, 0400);
MODULE_PARM_DESC(ram_size, "its size in bytes (default 0: none)");

static struct physmap_flash_data lgflash_data;
static struct resource lgflash_res = {
	.name = "lgflash",
	.flags = IORESOURCE_MEM,
};

static struct physmap_flash_data lgflash_ram_data = {
	.width = 1,
	.probe_type = "map_ram",
};
static struct resource lgflash_ram_res = {
	.name = "lgflash-ram",
	.flags = IORESOURCE_MEM,
};

/*
 * A map_ram MTD device over RAM the kernel does not use (memmap=SIZE$ADDR):
 * what survives a reboot there (tools/vm keeps the guest's RAM in a file)
 * is what the flash backend wrote, as with ramoops' region.
 */
static int __init lgflash_ram_init(void)
{
	struct platform_device *pdev;

	if (!lgflash_ram_size)
		return 0;
	if (lgflash_ram_base + lgflash_ram_size - 1 < lgflash_ram_base) {
		pr_err("ram 0x%lx+0x%lx wraps around\n", lgflash_ram_base,
		       lgflash_ram_size);
		return -EINVAL;
	}
	lgflash_ram_res.start = lgflash_ram_base;
	lgflash_ram_res.end = lgflash_ram_base + lgflash_ram_size - 1;
	pdev = platform_device_register_resndata(NULL, "physmap-flash", 1,
						 &lgflash_ram_res, 1,
						 &lgflash_ram_data,
						 sizeof(lgflash_ram_data));
	if (IS_ERR(pdev)) {
		pr_err("cannot register map_ram at 0x%lx+0x%lx: %ld\n",
		       lgflash_ram_base, lgflash_ram_size, PTR_ERR(pdev));
		return PTR_ERR(pdev);
	}
	pr_info("map_ram at 0x%lx+0x%lx\n", lgflash_ram_base, lgflash_ram_size);
	return 0;
}

/* Leave chip 0 of mtd0 mid-command as MODE says, then panic. */
static int lgflash_panic_in(const char *mode, unsigned long ofs)
{
	struct mtd_info *mtd;
	struct map_info *map;
	struct cfi_private *cfi;
	struct flchip *chip;
	unsigned long adr;

	mtd = get_mtd_device(NULL, 0);
	if (IS_ERR(mtd))
		return PTR_ERR(mtd);
	map = mtd->priv;
	cfi = map->fldrv_priv;
	if (mtd->type != MTD_NORFLASH || !cfi || !cfi->cfiq ||
	    cfi->cfiq->P_ID != P_ID_INTEL_EXT || ofs >= (1UL << cfi->chipshift)) {
		pr_err("mtd0 is not a CFI 0001 chip, or 0x%lx is past chip 0\n", ofs);
		put_mtd_device(mtd);
		return -EINVAL;
	}
	chip = &cfi->chips[0];
	adr = chip->start + (ofs & ~(unsigned long)(map_bankwidth(map) - 1));

	/* As a stopped CPU would: the mutex stays held for ever. */
	mutex_lock(&chip->mutex);
	if (!strcmp(mode, "status")) {
		map_write(map, CMD(0x70), adr);
		chip->state = FL_STATUS;
	} else if (!strcmp(mode, "query")) {
		/* Query address 0x55 in device words, chips in native width. */
		map_write(map, CMD(0x98), chip->start + 0x55 * map_bankwidth(map));
		chip->state = FL_CFI_QUERY;
	} else if (!strcmp(mode, "word")) {
		/* do_write_oneword() records FL_WRITING after the datum. */
		map_write(map, CMD(0x40), adr);
	} else if (!strcmp(mode, "buffer")) {
		chip->state = FL_WRITING_TO_BUFFER;
		map_write(map, CMD(0xe8), adr);
	} else if (!strcmp(mode, "erase")) {
		adr &= ~(unsigned long)(mtd->erasesize - 1);
		map_write(map, CMD(0x50), adr);
		map_write(map, CMD(0x20), adr);
		map_write(map, CMD(0xd0), adr);
		chip->state = FL_ERASING;
		chip->erase_suspended = 0;
		chip->in_progress_block_addr = adr;
		chip->in_progress_block_mask = ~(unsigned long)(mtd->erasesize - 1);
	} else {
		mutex_unlock(&chip->mutex);
		put_mtd_device(mtd);
		return -EINVAL;
	}
	panic("lgflash: chip 0 of mtd0 left mid-command: %s at 0x%lx (state %d)",
	      mode, adr - chip->start, chip->state);
}

static ssize_t lgflash_panic_in_write(struct file *file, const char __user *ubuf,
				      size_t count, loff_t *ppos)
{
	char buf[48], mode[16];
	unsigned long ofs = 0;
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%15s %lx", mode, &ofs) < 1)
		return -EINVAL;
	ret = lgflash_panic_in(mode, ofs);
	return ret ? ret : count;
}

static const struct file_operations lgflash_panic_in_fops = {
	.owner = THIS_MODULE,
	.write = lgflash_panic_in_write,
};

static int __init lgflash_nor_init(void)
{
	struct platform_device *pdev;

	if (!lgflash_size)
		return 0;
	if (lgflash_width != 1 && lgflash_width != 2 && lgflash_width != 4) {
		pr_err("width %u: must be 1, 2 or 4\n", lgflash_width);
		return -EINVAL;
	}
	if (lgflash_base + lgflash_size - 1 < lgflash_base) {
		pr_err("0x%lx+0x%lx wraps around\n", lgflash_base, lgflash_size);
		return -EINVAL;
	}
	lgflash_res.start = lgflash_base;
	lgflash_res.end = lgflash_base + lgflash_size - 1;
	lgflash_data.width = lgflash_width;
	pdev = platform_device_register_resndata(NULL, "physmap-flash", 0,
						 &lgflash_res, 1, &lgflash_data,
						 sizeof(lgflash_data));
	if (IS_ERR(pdev)) {
		pr_err("cannot register physmap-flash at 0x%lx+0x%lx: %ld\n",
		       lgflash_base, lgflash_size, PTR_ERR(pdev));
		return PTR_ERR(pdev);
	}
	pr_info("physmap-flash at 0x%lx+0x%lx, width %u\n",
		lgflash_base, lgflash_size, lgflash_width);
	debugfs_create_file("panic_in", 0200, debugfs_create_dir("lgflash", NULL),
			    NULL, &lgflash_panic_in_fops);
	return 0;
}

/* The NOR chip first (mtd0 when there is one), then the RAM. */
static int __init lgflash_init(void)
{
	int ret = lgflash_nor_init();

	return ret ? ret : lgflash_ram_init();
}
device_initcall(lgflash_init);
