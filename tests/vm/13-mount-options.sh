#!/usr/bin/env bash
# Unknown pstore mount options are ignored, as upstream does, so an fstab
# line written for another kernel keeps working; kmsg_bytes= still applies
# and a bad value of it is ignored too (upstream's parser skips it).
. "$(dirname "$0")/lib.sh"
boot 0 <<'G'
set -e
umount /sys/fs/pstore
mount -t pstore -o some_unknown_opt,kmsg_bytes=8192 pstore /sys/fs/pstore
grep ' /sys/fs/pstore pstore ' /proc/mounts
grep -q '^pstore /sys/fs/pstore pstore .*kmsg_bytes=8192' /proc/mounts
mount -o remount,another_unknown_opt,kmsg_bytes=oops /sys/fs/pstore
grep -q 'kmsg_bytes=8192' /proc/mounts
umount /sys/fs/pstore
mount -t pstore -o nosuid,nodev,noexec,kmsg_bytes=10240,some_unknown_opt=1 pstore /sys/fs/pstore
grep ' /sys/fs/pstore pstore ' /proc/mounts
echo scenario-ok
G
console_has 1 'scenario-ok'
echo PASS
