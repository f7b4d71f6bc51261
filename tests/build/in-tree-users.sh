#!/usr/bin/env bash
# The tree's own users of the pstore API build against our core unchanged:
# ACPI ERST (built in with APEI), ChromeOS pstore and EFI-variable pstore
# (modules), as configured by configs/lastgasp.config; and the tree's own
# pstore/zone, pstore/blk and mtdpstore (configs/test.config, docs/zone.md).
set -euo pipefail
obj=$(cd "$(dirname "$0")/../.." && pwd)/build/obj
for f in drivers/acpi/apei/erst.o \
	 drivers/platform/chrome/chromeos_pstore.ko \
	 drivers/firmware/efi/efi-pstore.ko \
	 fs/pstore/zone/zone.o fs/pstore/zone/blk.o \
	 drivers/mtd/mtdpstore.o; do
	[ -f "$obj/$f" ] || { echo "FAIL: $f was not built (make kernel)"; exit 1; }
	echo "ok: $f"
done
# the modules resolve pstore_register against the core in vmlinux
grep -q 'pstore_register.*vmlinux' "$obj/Module.symvers" || { echo "FAIL: pstore_register not exported by the core"; exit 1; }
[ -f "$obj/fs/pstore/core/platform.o" ] || { echo "FAIL: the tree was not built with lastgasp's core"; exit 1; }
