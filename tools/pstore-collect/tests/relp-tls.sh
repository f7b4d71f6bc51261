#!/bin/sh
# RELP over TLS against a real rsyslog imrelp with TLS on 127.0.0.1, with
# certificates made here: delivery with the receiver's name checked, and
# refusal (reports stay spooled) for a wrong name, an untrusted CA and a
# client certificate the receiver does not permit.
. "$(dirname "$0")/lib/common.sh"

command -v openssl > /dev/null || fail "openssl not installed"
C=$T/certs
mkdir -p "$C"
# mkcert NAME SIGNER: EC key and certificate for NAME (SAN DNS:NAME); SIGNER "" = self-signed CA
mkcert() {
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
		-keyout "$C/$1.key" -out "$C/$1.csr" 2>/dev/null || fail "openssl req $1"
	if [ -z "$2" ]; then
		printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n' > "$C/$1.ext"
		openssl x509 -req -in "$C/$1.csr" -signkey "$C/$1.key" -days 2 -extfile "$C/$1.ext" \
			-out "$C/$1.pem" 2>/dev/null || fail "openssl x509 $1"
	else
		printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$1" > "$C/$1.ext"
		openssl x509 -req -in "$C/$1.csr" -CA "$C/$2.pem" -CAkey "$C/$2.key" -CAcreateserial \
			-days 2 -extfile "$C/$1.ext" -out "$C/$1.pem" 2>/dev/null || fail "openssl x509 $1"
	fi
}
mkcert test-ca ""
mkcert other-ca ""
mkcert receiver.test test-ca
mkcert client.test test-ca
mkcert intruder.test test-ca

W=$T/rsyslog
mkdir -p "$W/work"
PORT=$(free_port) || fail "no free port"
cat > "$W/rsyslog.conf" <<CONF
global(workDirectory="$W/work" maxMessageSize="256k")
module(load="imrelp")
input(type="imrelp" port="$PORT" address="127.0.0.1" ruleset="in" maxDataSize="256k"
      tls="on" tls.caCert="$C/test-ca.pem" tls.myCert="$C/receiver.test.pem"
      tls.myPrivKey="$C/receiver.test.key" tls.authMode="name" tls.permittedPeer=["client.test"])
template(name="one" type="string" string="%hostname% %app-name% %msgid% %structured-data% MSG:%msg%:END\n")
ruleset(name="in") {
	action(type="omfile" file="$W/received.log" template="one")
}
CONF
cleanup_hooks=rsyslog_stop
rsyslog_start "$W/rsyslog.conf" "$W/rsyslogd.out" "$PORT"

nrecv() { grep -c ' pstore-collect crash ' "$W/received.log" 2>/dev/null || echo 0; }
tls() { # the client's TLS options; $1 = name to check, $2 = CA, $3 = client cert
	echo --tls-name "$1" --tls-ca "$C/$2.pem" --tls-cert "$C/$3.pem" --tls-key "$C/$3.key"
}

# refused: no CA, cert without key
fabricate_tree "$T/src"
"$PC" -q -s "$T/src" -a "$T/arch" --keep --ship "relps://127.0.0.1:$PORT" 2> "$T/err"
[ $? -eq 1 ] && grep -q 'needs --tls-ca' "$T/err" || fail "relps without --tls-ca accepted"

# archive first (receiver name wrong): nothing may be delivered, all stays spooled
"$PC" -q -s "$T/src" -a "$T/arch" --machine-id m1 --timeout 5 \
	--ship "relps://127.0.0.1:$PORT" $(tls evil.example test-ca client.test) 2> "$T/err"
rc=$?
[ $rc -eq 4 ] || fail "wrong receiver name: exit $rc, expected 4 ($(cat "$T/err"))"
n=$(ls "$T/arch/spool" | wc -l)
[ "$n" -eq 6 ] || fail "wrong receiver name: $n spooled, expected 6"
[ "$(nrecv)" -eq 0 ] || fail "delivered to a receiver whose name does not match"

# an untrusted CA
"$PC" -q ship -a "$T/arch" --retry-base 0 --timeout 5 --ship "relps://127.0.0.1:$PORT" $(tls receiver.test other-ca client.test) 2> "$T/err"
[ $? -eq 4 ] || fail "untrusted CA: expected exit 4"
[ "$(nrecv)" -eq 0 ] || fail "delivered although the receiver's CA is not trusted"
# a client the receiver does not permit
"$PC" -q ship -a "$T/arch" --retry-base 0 --timeout 5 --ship "relps://127.0.0.1:$PORT" $(tls receiver.test test-ca intruder.test) 2> "$T/err"
[ $? -eq 4 ] || fail "unpermitted client: expected exit 4"
[ "$(nrecv)" -eq 0 ] || fail "receiver took a client it does not permit"
[ "$(ls "$T/arch/spool" | wc -l)" -eq 6 ] || fail "refusals lost spooled reports"

# the right name, CA and client: everything delivered, acknowledged, once
"$PC" -q ship -a "$T/arch" --retry-base 0 --timeout 10 --ship "relps://127.0.0.1:$PORT" $(tls receiver.test test-ca client.test) 2> "$T/err"
rc=$?
[ $rc -eq 0 ] || fail "RELP over TLS: exit $rc ($(cat "$T/err"))"
for _ in $(seq 50); do [ "$(nrecv)" -ge 6 ] && break; sleep 0.1; done
[ "$(nrecv)" -eq 6 ] || fail "RELP over TLS: $(nrecv) messages received, expected 6"
[ -z "$(ls "$T/arch/spool")" ] || fail "spool not drained"
[ "$(wc -l < "$T/arch/sent.log")" -eq 6 ] || fail "sent.log does not hold the 6 keys"
grep 'kernel-lgtest_null_write' "$W/received.log" | grep -q 'MSG:.*Kernel panic - not syncing: Fatal exception.*:END' ||
	fail "the oops did not arrive whole"
# nothing is sent twice
"$PC" -q ship -a "$T/arch" --retry-base 0 --timeout 10 --ship "relps://127.0.0.1:$PORT" $(tls receiver.test test-ca client.test) || fail "second ship"
sleep 0.3
[ "$(nrecv)" -eq 6 ] || fail "reports sent twice"
exit 0
