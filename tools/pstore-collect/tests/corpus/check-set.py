#!/usr/bin/env python3
"""check-set.py DIR PREFIX: check every report of a corpus set: header lines, a '---'
line, a non-empty log, that the file name (PREFIX-arch-kind-guilty|nofunc...) matches the
header, and that a README.md counts table (| `kind` | x86_64 | arm64 | all |), if it has
one, matches the files."""
import glob, os, re, sys
if len(sys.argv) != 3:
    sys.exit("usage: check-set.py DIR PREFIX (e.g. syzmail s)")
d, prefix = sys.argv[1], sys.argv[2]
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
    pre = "%s-%s-%s-" % (prefix, h["arch"], h["kind"])
    rest = n[len(pre):-4]
    ok = n.startswith(pre) and (rest.startswith("nofunc") if h["guilty"] == "-"
                                else rest == h["guilty"] or rest.startswith(h["guilty"] + "-"))
    if not ok:
        print("name does not match header:", n); bad += 1
# README counts table must match the files
import collections
cnt = collections.Counter()
for f in files:
    head = open(f).read().partition("\n---\n")[0]
    h = dict(re.findall(r"^# (\w+): (.*)$", head, re.M))
    cnt[(h.get("kind"), h.get("arch"))] += 1
rows = re.findall(r"^\| `([a-z-]+)` \| (\d+) \| (\d+) \| (\d+) \|$",
                  open(os.path.join(d, "README.md")).read(), re.M)
for k, x, a, t in rows:
    if (int(x), int(a)) != (cnt[(k, "x86_64")], cnt[(k, "arm64")]) or int(t) != int(x) + int(a):
        print("README count mismatch:", k); bad += 1
if rows and {r[0] for r in rows} != {k for k, _ in cnt}:
    print("README kinds differ from files"); bad += 1
print("%d files, %d problems" % (len(files), bad))
sys.exit(1 if bad else 0)
