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

#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/moduleparam.h>
#include <linux/mtd/physmap.h>
#include <linux/platform_device.h>

static unsigned long lgflash_base;
module_param_named(base, lgflash_base, ulong, 0400);
MODULE_PARM_DESC(base, "physical address of the flash (default 0: none)");

static unsigned long lgflash_size;
module_param_named(size, lgflash_size, ulong, 0400);
MODULE_PARM_DESC(size, "size of the flash in bytes (default 0: none)");

static unsigned int lgflash_width = 1;
module_param_named(width, lgflash_width, uint, 0400);
MODULE_PARM_DESC(width, "bank width in bytes: 1, 2 or 4 (default 1)");

static struct physmap_flash_data lgflash_data;
static struct resource lgflash_res = {
	.name = "lgflash",
	.flags = IORESOURCE_MEM,
};

static int __init lgflash_init(void)
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
	return 0;
}
device_initcall(lgflash_init);
