#!/usr/bin/env bash
# Panic-path race case: a kmsg dumper outside pstore (as drm_panic or
# mtdoops are) oopses on every call. It runs once, its oops is skipped like
# a backend's, the backends still store the dump, and the panic reaches
# kdump (with a crash kernel) or the notifiers and the reboot (without).
# Before dumpers ran at most once, every resumed dump called it again until
# the nesting limit gave up on kdump and the notifiers.
. "$(dirname "$0")/race-lib.sh"
race_cases oops-in-dumper
