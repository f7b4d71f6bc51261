# A RELP receiver for tests/relp-ack.sh: accepts one session, acknowledges
# the first TOTAL - DROP syslog frames and closes the connection on the
# next without answering it (a receiver dying mid-session), or answers
# everything when DROP is 0. Prints "got N" per frame received.
# With a fourth argument "serverclose" it first sends RELP's serverclose
# hint, as rsyslogd does when it shuts down.
#   python3 relp-drop.py PORT DROP TOTAL [serverclose]
import socket
import sys

port, drop, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
hint = len(sys.argv) > 4 and sys.argv[4] == "serverclose"
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", port))
ls.listen(1)
c, _ = ls.accept()
buf = b""
n = 0


def next_frame():
    """One "TXNR CMD LEN[ DATA]\\n" frame from buf, or None if incomplete."""
    global buf
    head = buf.split(b" ", 3)
    if len(head) < 3:
        return None
    txnr, cmd = head[0], head[1]
    digits = head[2].split(b"\n", 1)[0]
    length = int(digits)
    start = len(txnr) + len(cmd) + len(digits) + 2 + (1 if length else 0)
    if len(buf) < start + length + 1:
        return None
    body = buf[start:start + length]
    buf = buf[start + length + 1:]
    return txnr, cmd, body


def rsp(txnr, data):
    c.sendall(txnr + b" rsp " + str(len(data)).encode() + b" " + data + b"\n")


while True:
    d = c.recv(65536)
    if not d:
        break
    buf += d
    while True:
        f = next_frame()
        if f is None:
            break
        txnr, cmd, body = f
        if cmd == b"open":
            rsp(txnr, b"200 OK\n" + body)
        elif cmd == b"syslog":
            n += 1
            print("got %d" % n, flush=True)
            if drop and n > total - drop:
                if hint:
                    c.sendall(b"0 serverclose 0\n")
                c.close()
                sys.exit(0)
            rsp(txnr, b"200 OK")
        elif cmd == b"close":
            rsp(txnr, b"200 OK")
            c.close()
            sys.exit(0)
