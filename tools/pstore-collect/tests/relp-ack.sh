#!/bin/sh
# RELP: a message counts as delivered only when acknowledged. A receiver
# that takes the last message of a session and dies before answering it
# must leave that message in the spool (librelp's close hides this; the
# tool learns it from librelp's error callbacks).
. "$(dirname "$0")/lib/common.sh"

command -v python3 > /dev/null || fail "python3 not installed"
A=$T/arch
mkdir -p "$A/spool"
for k in a b c; do
	printf '<2>1 msg %s' "$k" > "$A/spool/00000000000$(printf %d "'$k")-$(printf "$k%.0s" $(seq 64)).msg"
done
serve() { # DROP TOTAL [serverclose]: a fake receiver on a free port; prints the port
	p=$(free_port) || fail "no free port"
	python3 "$(dirname "$0")/lib/relp-drop.py" "$p" "$1" "$2" ${3:-} > "$T/fake.log" 2>&1 &
	for _ in $(seq 100); do listening "$p" && break; sleep 0.05; done
	listening "$p" || fail "fake receiver did not start: $(cat "$T/fake.log")"
	echo "$p"
}
p=$(serve 1 3)
"$PC" -q ship -a "$A" --ship "relp://127.0.0.1:$p" --timeout 5 --retry-base 0 2> "$T/err"
rc=$?
[ $rc -eq 4 ] || fail "unacknowledged last message: exit $rc, expected 4"
[ "$(grep -c . "$T/fake.log")" -eq 3 ] || fail "the receiver did not get all three: $(cat "$T/fake.log")"
[ "$(wc -l < "$A/sent.log")" -eq 2 ] || fail "sent.log: $(cat "$A/sent.log"), expected the two acknowledged"
[ "$(ls "$A/spool")" = "0000000000099-$(printf 'c%.0s' $(seq 64)).msg" ] || fail "spool: $(ls "$A/spool")"
# the same with the serverclose hint a shutting-down rsyslogd sends (librelp
# then skips its close handshake: the acknowledgements alone count)
printf '<2>1 msg d' > "$A/spool/0000000000100-$(printf 'd%.0s' $(seq 64)).msg"
p=$(serve 1 2 serverclose)
"$PC" -q ship -a "$A" --ship "relp://127.0.0.1:$p" --timeout 5 --retry-base 0 2> "$T/err"
[ $? -eq 4 ] || fail "serverclose: expected exit 4"
[ "$(wc -l < "$A/sent.log")" -eq 3 ] || fail "serverclose: sent.log $(cat "$A/sent.log")"
[ "$(ls "$A/spool")" = "0000000000100-$(printf 'd%.0s' $(seq 64)).msg" ] || fail "serverclose: spool $(ls "$A/spool")"
# a receiver that answers everything takes the rest
p=$(serve 0 1)
"$PC" -q ship -a "$A" --ship "relp://127.0.0.1:$p" --timeout 5 --retry-base 0 || fail "second ship exited $?"
[ "$(wc -l < "$A/sent.log")" -eq 4 ] && [ -z "$(ls "$A/spool")" ] || fail "last message not delivered on the retry"
exit 0
