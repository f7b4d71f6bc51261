#!/usr/bin/env bash
# A second build after touching one file of ours rebuilds only what depends
# on it: the file's object and the final link, nothing else in the tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
obj=$top/build/obj
probe=$obj/fs/pstore/lgtest/lgtest.o
other=$obj/kernel/panic.o
[ -f "$probe" ] && [ -f "$other" ] || { echo "FAIL: build the kernel first (make kernel)"; exit 1; }
"$top/tools/build-kernel" > /dev/null # settle: nothing pending
before_other=$(stat -c %Y.%y "$other")
sleep 1
touch "$top/tests/modules/lgtest/lgtest.c"
start=$(date +%s)
"$top/tools/build-kernel"
took=$(( $(date +%s) - start ))
[ "$probe" -nt "$top/tests/modules/lgtest/lgtest.c" ] || { echo "FAIL: lgtest.o was not rebuilt"; exit 1; }
[ "$(stat -c %Y.%y "$other")" = "$before_other" ] || { echo "FAIL: kernel/panic.o was rebuilt too"; exit 1; }
[ "$obj/vmlinux" -nt "$top/tests/modules/lgtest/lgtest.c" ] || { echo "FAIL: vmlinux not relinked"; exit 1; }
echo "ok: incremental rebuild in ${took}s"
