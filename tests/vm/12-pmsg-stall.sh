#!/usr/bin/env bash
# A /dev/pmsg0 write copies from user memory that may stall for good
# (userfaultfd, FUSE, a slow network file). It must hold no lock the rest
# of pstore needs: while a write is stalled on a userfaultfd page (the
# kernel's copy from user waits for the fault to be served), reading
# pstore.backend and mounting the pstore filesystem finish; the write then
# completes and its message is kept (pmsg-ramoops-0 after a reboot).
# tests/vm/progs/pmsg-stall.c does the stalling and the timing.
. "$(dirname "$0")/lib.sh"
prog=$gs_dir/pmsg-stall
cc -static -O2 -Wall -Wextra -Werror -pthread -o "$prog" "$top/tests/vm/progs/pmsg-stall.c" ||
	fail "cannot build pmsg-stall (static libc: libc6-dev)"

boot 0 --bin "$prog" <<G
$prog /sys/module/pstore/parameters/backend /sys/fs/pstore && echo scenario-ok
G
console_has 1 'pmsg-stall: the pmsg write is stalled on a page fault'
console_has 1 'scenario-ok'

boot 0 <<'G'
grep 'pmsg-stall: this write waited on userfaultfd' /sys/fs/pstore/pmsg-ramoops-0 && echo scenario-ok
G
console_has 2 'scenario-ok'
echo PASS
