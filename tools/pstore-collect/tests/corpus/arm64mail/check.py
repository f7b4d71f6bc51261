#!/usr/bin/env python3
"""Check every report in this directory: header lines, a '---' line, a non-empty log,
and that the file name's arch, kind and guilty (or 'nofunc') match the header."""
import glob, os, re, sys
d = os.path.dirname(os.path.abspath(__file__))
bad = 0
files = sorted(glob.glob(os.path.join(d, "*.txt")))
for f in files:
    head, sep, log = open(f).read().partition("\n---\n")
    n = os.path.basename(f)
    if not sep or not log.strip():
        print("no '---' line or empty log:", n); bad += 1; continue
    h = {}
    for line in head.split("\n"):
        m = re.match(r"# (source|arch|kind|guilty|reason|trimmed): (.+)$", line)
        if not m:
            print("bad header line:", n, line); bad += 1
        else:
            h[m.group(1)] = m.group(2)
    if any(k not in h for k in ("source", "arch", "kind", "guilty", "reason")):
        print("missing header:", n); bad += 1; continue
    if h["arch"] not in ("x86_64", "arm64"):
        print("bad arch:", n); bad += 1
    pre = "m-%s-%s-" % (h["arch"], h["kind"])
    rest = n[len(pre):-4]
    ok = n.startswith(pre) and (rest.startswith("nofunc") if h["guilty"] == "-"
                                else rest == h["guilty"] or rest.startswith(h["guilty"] + "-"))
    if not ok:
        print("name does not match header:", n); bad += 1
print("%d files, %d problems" % (len(files), bad))
sys.exit(1 if bad else 0)
