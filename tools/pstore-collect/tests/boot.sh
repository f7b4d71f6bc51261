#!/bin/sh
# Boot integration: units ordered after the pstore backends and before
# systemd-pstore, archiving without the network (--no-send) and shipping
# after it, systemd-pstore's Unlink= honoured, and --watch collecting what
# the kernel adds while it runs (pstore.update_ms).
. "$(dirname "$0")/lib/common.sh"

U=$PC_DIR
grep -q '^After=.*modprobe@efi_pstore.service' "$U/pstore-collect.service" || fail "collect unit not after efi_pstore"
grep -q '^Wants=.*modprobe@ramoops.service' "$U/pstore-collect.service" || fail "collect unit does not pull in ramoops"
grep -q '^Before=systemd-pstore.service' "$U/pstore-collect.service" || fail "collect unit not before systemd-pstore"
grep -q '^Conflicts=systemd-pstore' "$U/pstore-collect.service" && fail "collect unit still conflicts with systemd-pstore"
grep -q 'network-online' "$U/pstore-collect.service" && fail "collect unit waits for the network"
grep -q '^ExecStart=.* --no-send collect' "$U/pstore-collect.service" || fail "collect unit sends"
grep -q '^After=network-online.target' "$U/pstore-collect-ship.service" || fail "ship unit not after the network"
grep -q '^WantedBy=multi-user.target' "$U/pstore-collect-ship.service" || fail "ship unit not started at boot"
grep -q '^ExecStart=.* --watch [0-9]* collect' "$U/pstore-collect-watch.service" || fail "watch unit"
if command -v systemd-analyze > /dev/null; then
	mkdir -p "$T/units"
	for f in pstore-collect.service pstore-collect-ship.service pstore-collect-ship.timer pstore-collect-watch.service; do
		sed "s|/usr/bin/pstore-collect|$PC|" "$U/$f" > "$T/units/$f"
	done
	# only what is wrong in our files counts (the host may lack units we name)
	(cd "$T/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.timer) 2>&1 |
		grep -E "^$T/units/|pstore-collect.*(Unknown|Invalid|Failed)|cycl" > "$T/verify"
	[ ! -s "$T/verify" ] || fail "systemd-analyze verify: $(cat "$T/verify")"
fi

# --no-send: archived and spooled, no connection, no backoff, exit 0
fabricate_tree "$T/src"
"$PC" -q -s "$T/src" -a "$T/arch" --no-send --ship tcp://127.0.0.1:1 --timeout 1 2> "$T/err"
rc=$?
[ $rc -eq 0 ] || fail "--no-send: exit $rc ($(cat "$T/err"))"
[ "$(ls "$T/arch/spool" | wc -l)" -eq 6 ] || fail "--no-send: reports not spooled"
[ ! -e "$T/arch/ship-backoff" ] || fail "--no-send connected"
[ -z "$(ls "$T/src")" ] || fail "--no-send: records not collected"

# systemd-pstore's Unlink=no is honoured, its drop-ins too; our own setting wins
fabricate_tree "$T/src2"
printf '[PStore]\nStorage=external\nUnlink=no\n' > "$T/pstore.conf"
"$PC" -q -s "$T/src2" -a "$T/arch2" --pstore-conf "$T/pstore.conf" || fail "Unlink=no run"
[ "$(ls "$T/src2" | wc -l)" -eq 11 ] || fail "Unlink=no: records removed"
mkdir -p "$T/pstore.conf.d"
printf '[PStore]\nUnlink=yes\n' > "$T/pstore.conf.d/50-yes.conf"
"$PC" -q -s "$T/src2" -a "$T/arch2" --pstore-conf "$T/pstore.conf" || fail "drop-in run"
[ -z "$(ls "$T/src2")" ] || fail "Unlink=yes in a drop-in not honoured"
fabricate_tree "$T/src2"
printf '[Other]\nUnlink=yes\n[PStore]\nUnlink=no\n' > "$T/pstore.conf.d/60-no.conf"
printf 'unlink = yes\n' > "$T/own.conf"
"$PC" -q -c "$T/own.conf" -s "$T/src2" -a "$T/arch2" --pstore-conf "$T/pstore.conf" || fail "own unlink run"
[ -z "$(ls "$T/src2")" ] || fail "our unlink = yes did not win over systemd's Unlink=no"

# --watch: records appearing while it runs are collected, SIGTERM ends it
mkdir -p "$T/live"
"$PC" -q -s "$T/live" -a "$T/arch3" --watch 1 collect > /dev/null 2> "$T/werr" &
wpid=$!
sleep 0.5
printf 'Oops#1 Part1\nWARNING: CPU: 0 PID: 1 at foo+0x1/0x2\n' > "$T/live/dmesg-ramoops-0"
for _ in $(seq 60); do [ -z "$(ls "$T/live")" ] && break; sleep 0.1; done
[ -z "$(ls "$T/live")" ] || fail "--watch did not collect a new record"
printf 'Oops#2 Part1\nBUG: kernel NULL pointer dereference, address: 0\n' > "$T/live/dmesg-ramoops-1"
for _ in $(seq 60); do [ -z "$(ls "$T/live")" ] && break; sleep 0.1; done
[ -z "$(ls "$T/live")" ] || fail "--watch did not collect the second record"
[ "$(count_crashes "$T/arch3")" -eq 2 ] || fail "--watch: $(count_crashes "$T/arch3") crashes archived, expected 2"
kill -TERM "$wpid"
for _ in $(seq 30); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$wpid" 2>/dev/null && { kill -9 "$wpid"; fail "--watch ignored SIGTERM"; }
wait "$wpid" || fail "--watch exited $? on SIGTERM"
exit 0
