#!/bin/sh
# Command line, config file, man page and units stay in step.
. "$(dirname "$0")/lib/common.sh"

"$PC" --help > "$T/help" || fail "--help exited $?"
grep -q 'Usage: pstore-collect' "$T/help" || fail "--help has no usage line"
"$PC" --version | grep -q '^pstore-collect ' || fail "--version"
# every long option in --help is in the man page
for o in $(grep -o -- '--[a-z][a-z-]*' "$T/help" | sort -u); do
	m=$(echo "$o" | sed 's/-/\\\\-/g')
	grep -q -- "$m" "$PC_DIR/pstore-collect.1" || fail "man page lacks $o"
done
grep -q '^\.TH PSTORE-COLLECT 1' "$PC_DIR/pstore-collect.1" || fail "man page header"

"$PC" --bogus > /dev/null 2>&1; [ $? -eq 1 ] || fail "unknown option must exit 1"
"$PC" frobnicate > /dev/null 2>&1; [ $? -eq 1 ] || fail "unknown command must exit 1"
"$PC" --ship udp://x:1 list -s "$T" > /dev/null 2>&1; [ $? -eq 1 ] || fail "bad ship URL must exit 1"
"$PC" ship -a "$T/a" > /dev/null 2>&1; [ $? -eq 1 ] || fail "ship without a receiver must exit 1"

# the config file is read; options override it
fabricate_tree "$T/src"
cat > "$T/conf" <<CONF
# comment
source = $T/src
archive = $T/from-config
unlink = no
machine-id = from-config
CONF
"$PC" -q -c "$T/conf" || fail "collect with config exited $?"
[ "$(count_crashes "$T/from-config")" -eq 8 ] || fail "config archive not used"
[ -n "$(ls "$T/src")" ] || fail "unlink = no removed records"
grep -q '"machine_id":"from-config"' "$T"/from-config/*/report.json || fail "config machine-id not used"
"$PC" -q -c "$T/conf" -a "$T/from-cli" || fail "collect with override exited $?"
[ "$(count_crashes "$T/from-cli")" -eq 8 ] || fail "command line did not override the config"
echo "bogus = 1" > "$T/bad.conf"
"$PC" -c "$T/bad.conf" list > /dev/null 2> "$T/err"; [ $? -eq 1 ] || fail "unknown config key must exit 1"
grep -q 'bad.conf:1: unknown key' "$T/err" || fail "config error does not name file and line"
"$PC" -c "$T/missing.conf" list > /dev/null 2>&1; [ $? -eq 1 ] || fail "missing explicit config must exit 1"

# the shipped config parses as it is (all commented out)
"$PC" -c "$PC_DIR/pstore-collect.conf" list -s "$T/src" > /dev/null || fail "shipped config does not parse"

# units name the binary the Makefile installs
grep -q '^ExecStart=/usr/bin/pstore-collect' "$PC_DIR/pstore-collect.service" || fail "unit ExecStart"
grep -q 'SuccessExitStatus=3 4' "$PC_DIR/pstore-collect.service" || fail "unit exit statuses"
exit 0
