#!/bin/sh
# Every real report of tests/corpus, through the whole tool: each log body
# becomes an EFI pstore record of its own, one collect archives them all,
# and every report.json must be strict UTF-8 JSON with a kernel signature,
# every record must be archived in exactly one crash, and every spooled
# syslog message must be strict UTF-8 too (issue 11: "no report without a
# signature or with an unparseable JSON"). The unit corpus test checks the
# analyzer's answers; this one checks what the tool writes from them.
. "$(dirname "$0")/lib/common.sh"

command -v python3 > /dev/null || fail "python3 not found"
mkdir -p "$T/src"
i=0
for f in "$CORPUS"/*/*.txt; do
	i=$((i + 1))
	# dmesg-efi_pstore-<time * 100000 + part * 1000 + count>: one dump each
	{ printf 'Oops#1 Part1\n'; sed '1,/^---$/d' "$f"; } \
		> "$T/src/dmesg-efi_pstore-$(((1700000000 + i) * 100000 + 1001))"
done
[ "$i" -gt 1000 ] || fail "only $i corpus reports found under $CORPUS"

"$PC" -s "$T/src" -a "$T/arch" --machine-id corpus --max-crashes=0 --max-bytes=0 \
	--ship tcp://127.0.0.1:1 --no-send \
	> "$T/out" 2> "$T/err" || fail "collect exited $?: $(tail -3 "$T/err")"
[ -z "$(ls -A "$T/src")" ] || fail "records left in the source: $(ls "$T/src" | head -3)"

python3 - "$T/arch" "$T/arch/spool" "$i" <<'EOF' || fail "reports checked above"
import glob, json, os, sys
arch, spool, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
bad, seen = [], {}
reports = glob.glob(os.path.join(arch, "*", "report.json"))
for r in reports:
    try:
        d = json.loads(open(r, "rb").read().decode("utf-8"))  # strict UTF-8
    except (UnicodeDecodeError, ValueError) as e:
        bad.append("%s: %s" % (r, e)); continue
    sig = d.get("signature") or ""
    if not sig.startswith("kernel-") or len(sig) < len("kernel-x-") + 12:
        bad.append("%s: signature %r" % (r, sig))
    if not d.get("analysis", {}).get("kind"):
        bad.append("%s: no kind" % r)
    for s in d.get("sources", []):
        seen[s["name"]] = seen.get(s["name"], 0) + 1
if len(seen) != n or any(c != 1 for c in seen.values()):
    bad.append("%d records archived, %d written (each must be in one crash)" % (len(seen), n))
msgs = glob.glob(os.path.join(spool, "**", "*.msg"), recursive=True)
for m in msgs:
    try:
        open(m, "rb").read().decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s: %s" % (m, e))
if not msgs:
    bad.append("no syslog message spooled")
for b in bad[:20]:
    print("  " + b)
print("corpus-reports: %d records, %d reports, %d spooled messages, %d problems"
      % (n, len(reports), len(msgs), len(bad)))
sys.exit(1 if bad else 0)
EOF
echo "PASS: corpus-reports.sh"
