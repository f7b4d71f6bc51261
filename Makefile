# lastgasp: top-level build. `make help` lists the targets.

BUILD   ?= $(CURDIR)/build
JOBS    ?= $(shell nproc)
KOBJ    := $(BUILD)/obj
KDIR_61 ?= $(firstword $(wildcard /lib/modules/6.1.*-amd64/build))
export BUILD

.PHONY: fuzz fuzz-collect fuzz-media all help deps kernel kernel-upstream kernel-kasan kernel-product \
	kernel-arm64 stock-arm64 modules modules-6.1 modules-arm64 deb unit tools check check-unit check-vm check-arm64 \
	check-kasan check-image check-all \
	demo stress clean distclean

all: kernel unit tools

help:
	@echo "make deps             install the Debian packages (tools/debian-packages.txt)"
	@echo "make kernel           build build/obj/arch/x86/boot/bzImage with lastgasp's fs/pstore"
	@echo "make kernel-upstream  the same tree with upstream fs/pstore (compatibility tests)"
	@echo "make kernel-kasan     lastgasp's kernel with KASAN into build/obj-kasan (make check-kasan)"
	@echo "make kernel-product   lastgasp's kernel without debug options and test helpers (build/obj-product, the demo's)"
	@echo "make deb              Debian packages of the product kernel into build/deb/product (bindeb-pkg)"
	@echo "make kernel-arm64     the same kernel cross-compiled for arm64 (QEMU virt) into build/obj-arm64"
	@echo "make stock-arm64      Debian's stock arm64 kernel for the interop test (build/arm64-stock)"
	@echo "make modules          our modules out of tree (M=) against build/obj"
	@echo "make modules-arm64    our modules out of tree against build/obj-arm64"
	@echo "make modules-6.1      our modules against Debian's 6.1 headers (compile check)"
	@echo "make unit             cmocka unit tests (ASan+UBSan) into build/unit"
	@echo "make tools            userspace tools into build/bin (lastgasp, pstore-collect, pstore-flash)"
	@echo "make fuzz             every libFuzzer target (fuzz-collect, fuzz-media) for FUZZ_TIME seconds each"
	@echo "make demo             build, then panic a VM (RAM + EFI, kdump), reboot it and tell the story"
	@echo "make check            kernel, kernel-upstream, unit, tools and every x86 test; prints 'N passed, N failed'"
	@echo "make check-arm64      the arm64 kernel, its out-of-tree modules and every arm64 scenario"
	@echo "make check-kasan      tests/vm/long/40-kasan.sh: the scenarios again on the KASAN kernel"
	@echo "make check-image      tests/vm/long/80-debian-image.sh: Debian 12 on lastgasp's kernel package"
	@echo "make check-all        make check, the two above and check-arm64 (three summary lines)"
	@echo "make fuzz-media       libFuzzer on the flash and ramoops decoders for FUZZ_TIME seconds (default 300)"
	@echo "make stress           panic-path race cases STRESS_N times each (default 20), pass count per case"
	@echo "make patches          lastgasp as a git am patch series for a 6.12 tree (build/patches)"
	@echo "make clean            remove build/"

deps:
	@tools/install-deps

kernel:
	tools/build-kernel --jobs $(JOBS)

kernel-upstream:
	tools/build-kernel --variant upstream --jobs $(JOBS)

kernel-kasan:
	tools/build-kernel --variant kasan --jobs $(JOBS)

kernel-product:
	tools/build-kernel --variant product --jobs $(JOBS)

# The kernel's own bindeb-pkg on build/obj-product (DEB_VARIANT=lastgasp:
# the test kernel in build/obj, which tests/vm/long/80-debian-image.sh packages).
DEB_VARIANT ?= product
deb: $(if $(filter lastgasp,$(DEB_VARIANT)),kernel,kernel-product)
	tools/build-deb --variant $(DEB_VARIANT) --jobs $(JOBS)

# lastgasp's kernel for arm64 (gcc-aarch64-linux-gnu), build/obj-arm64:
# booted by tools/vm --arch arm64.
kernel-arm64:
	tools/build-kernel --arch arm64 --jobs $(JOBS)

# Debian's stock arm64 kernel and its ramoops/9p modules (make check-arm64's
# tests/vm/arm64/stock-interop.sh), into build/arm64-stock
stock-arm64: deps
	tools/fetch-stock-arm64

modules: kernel
	tools/build-modules $(KOBJ) $(BUILD)/ext-6.12

modules-6.1:
	tools/build-modules $(KDIR_61) $(BUILD)/ext-6.1

modules-arm64: kernel-arm64
	tools/build-modules $(BUILD)/obj-arm64 $(BUILD)/ext-arm64

unit:
	$(MAKE) -C tests/unit BUILD=$(BUILD)
	$(MAKE) -C tools/status BUILD=$(BUILD) unit
	@if [ -f tools/pstore-collect/Makefile ]; then \
		$(MAKE) -C tools/pstore-collect BUILD=$(BUILD) unit; fi

# libFuzzer targets, FUZZ_TIME seconds each (default 60): `make fuzz` runs
# them all, one after the other.
FUZZ_TIME ?= 60
fuzz: fuzz-collect fuzz-media

# pstore-collect's parsing, decompression, reassembly, analysis and output.
fuzz-collect:
	$(MAKE) -C tools/pstore-collect BUILD=$(BUILD) FUZZ_TIME=$(FUZZ_TIME) fuzz

tools:
	$(MAKE) -C tools/status BUILD=$(BUILD) all
	@if [ -f tools/pstore-collect/Makefile ]; then \
		$(MAKE) -C tools/pstore-collect BUILD=$(BUILD) all; fi
	$(MAKE) -C backends/nvram/tools BUILD=$(BUILD) all

demo: deps kernel-product tools
	tools/demo

# Everything is built first; tests/run then runs unit, build, tool and VM
# tests and ends with the summary line. What would take make check past
# its 60 minutes on CI has its own target: the KASAN kernel and its
# scenarios (check-kasan), a Debian image (check-image), both in
# tests/vm/long/, and the arm64 kernel with every arm64 scenario
# (check-arm64); check-all runs them all.
#
# The upstream kernel, which only the compatibility tests boot, builds in
# the background at the lowest priority while the other tests run (they
# leave about a third of the two cores idle); those tests, and
# tests/build/incremental.sh (build-kernel takes one build at a time),
# run after it.
CHECK_DEFERRED := tests/vm/06-compat-upstream.sh tests/vm/28-efi-stock-readers.sh \
	tests/build/incremental.sh
check: deps kernel unit tools
	tests/run --background 'tools/build-kernel --variant upstream --jobs $(JOBS)' \
		--deferred '$(CHECK_DEFERRED)'

# lastgasp's kernel under KASAN: tests/vm/long/40-kasan.sh.
check-kasan: deps kernel kernel-kasan unit tools
	tests/run tests/vm/long/40-kasan.sh

# The real system: Debian 12 on lastgasp's kernel package.
check-image: deps kernel tools
	tests/run tests/vm/long/80-debian-image.sh

# Every arm64 scenario: our modules built out of tree for arm64, the x86
# scenarios that run unchanged on QEMU's virt machine (LASTGASP_ARCH=arm64
# makes tools/vm boot it) and tests/vm/arm64/.
ARM64_TESTS = tests/build/modules-oot.sh \
	$(ARM64_SHARED:%=tests/vm/%.sh) $(sort $(wildcard tests/vm/arm64/*.sh))
ARM64_SHARED := 02-oops-no-panic 03-unlink 04-corruption 31-kdump 32-verify-crash-kernel
check-arm64: deps kernel-arm64 stock-arm64 unit tools
	LASTGASP_ARCH=arm64 tests/run $(ARM64_TESTS)

# Everything: make check's tests, the long ones and every arm64 scenario;
# three summary lines, and it fails if any of the three runs failed.
check-all: deps kernel kernel-upstream kernel-kasan kernel-arm64 stock-arm64 unit tools
	rc=0; tests/run || rc=1; \
	tests/run tests/vm/long/*.sh || rc=1; \
	LASTGASP_ARCH=arm64 tests/run $(ARM64_TESTS) || rc=1; \
	exit $$rc

check-unit: unit tools
	tests/run --unit --tools

check-vm: kernel kernel-upstream
	tests/run --vm

# The racy panic-path cases (tests/vm/3[4-8]-race-*.sh run each once),
# STRESS_N times each with and without a crash kernel.
STRESS_N ?= 20
stress: kernel tools
	tests/vm/race-stress $(STRESS_N)

# The flash and ramoops decoders under libFuzzer (clang, ASan+UBSan), from
# the seed corpus in backends/nvram/tools/fuzz-seeds; the corpus grows in
# build/fuzz/corpus-media, a crash is left in build/fuzz/.
fuzz-media:
	$(MAKE) -C backends/nvram/tools BUILD=$(BUILD) fuzz
	@mkdir -p $(BUILD)/fuzz/corpus-media
	$(BUILD)/fuzz/fuzz-media -max_total_time=$(FUZZ_TIME) -max_len=16384 \
		-artifact_prefix=$(BUILD)/fuzz/ -print_final_stats=1 \
		$(BUILD)/fuzz/corpus-media backends/nvram/tools/fuzz-seeds

# lastgasp as a patch series for one's own 6.12 tree (README "Taking
# lastgasp into your own tree"); SIGNOFF='Name <email>' signs it.
.PHONY: patches
patches:
	tools/make-patches --out $(BUILD)/patches $(if $(SIGNOFF),--signoff '$(SIGNOFF)')

clean:
	rm -rf $(BUILD)

distclean: clean
