#!/bin/sh
# Every backend's names, multi-part reassembly, .enc.z, JSON schema, list.
. "$(dirname "$0")/lib/common.sh"

fabricate_tree "$T/src"
before=$(ls "$T/src" | sort)

# list changes nothing
"$PC" list -s "$T/src" -a "$T/arch" > "$T/list.txt" || fail "list exited $?"
[ "$(ls "$T/src" | sort)" = "$before" ] || fail "list modified the source"
[ ! -e "$T/arch" ] || fail "list created the archive"
grep -q 'Panic#1' "$T/list.txt" || fail "list does not show dumps"
"$PC" list --json -s "$T/src" | jq -e '.schema_version == 1 and (.records | length) == 11 and (.crashes | length) == 8' >/dev/null \
	|| fail "list --json is not the expected document"

"$PC" -s "$T/src" -a "$T/arch" --machine-id test-machine > "$T/out.txt" 2> "$T/err.txt" \
	|| fail "collect exited $?: $(cat "$T/err.txt")"
[ -z "$(ls -A "$T/src")" ] || fail "records left in the source: $(ls "$T/src")"
n=$(count_crashes "$T/arch")
[ "$n" -eq 8 ] || fail "expected 8 archived items (6 dumps, console, pmsg), got $n"

# every raw record is in the archive, byte for byte
for f in $before; do
	[ -n "$(find "$T/arch" -name "$f")" ] || fail "record $f not archived"
done

# the three-part ramoops panic reads oldest to newest
r=$(grep -l '"backend":"ramoops"' "$T"/arch/dmesg-*/report.json | head -1)
[ -n "$r" ] || r=$(grep -l 'ramoops' "$T"/arch/dmesg-*/report.json | head -1)
d=$(dirname "$r")
sed -n '1,47p' "$CORPUS/x86_64-null-deref.txt" | cmp -s - "$d/dmesg.txt" || fail "ramoops panic not reassembled in order"
jq -e '.schema == "lastgasp.pstore-collect.report" and .schema_version == 1
	and .complete == true and .reason == "Panic" and (.sources | length) == 3
	and .analysis.kind == "null-deref" and .analysis.fault_function == "lgtest_null_write"
	and .analysis.kernel_version == "6.1.0-18-amd64" and .analysis.pid == 245
	and (.signature | startswith("kernel-lgtest_null_write-"))
	and (.idempotency_key | length) == 64 and .machine_id == "test-machine"' "$r" >/dev/null \
	|| fail "ramoops report fields wrong"

# efi: Part2 was gzip-compressed, both parts reassembled
r=$(grep -l 'efi_pstore' "$T"/arch/dmesg-*/report.json)
jq -e '.complete == true and .analysis.kind == "bug" and (.signature | startswith("kernel-lgtest_bug-"))' "$r" >/dev/null \
	|| fail "efi dump (with .enc.z part) not decoded"
sed -n '1,25p' "$CORPUS/arm64-bug-on.txt" | cmp -s - "$(dirname "$r")/dmesg.txt" || fail "efi parts out of order"

# raw deflate .enc.z from the old efi name
r=$(grep -l '"dmesg-efi-165' "$T"/arch/dmesg-*/report.json)
jq -e '.analysis.kind == "warn"' "$r" >/dev/null || fail "raw-deflate .enc.z not decoded"

for k in hung-task soft-lockup gpf; do
	grep -q "\"kind\":\"$k\"" "$T"/arch/dmesg-*/report.json || fail "no $k report"
done

# summary lines on stdout, one per crash
[ "$(grep -c 'kernel-' "$T/out.txt")" -eq 6 ] || fail "expected 6 summary lines: $(cat "$T/out.txt")"

# the same crash on a re-run is not archived twice
fabricate_tree "$T/src2"
"$PC" -q -s "$T/src2" -a "$T/arch" --machine-id test-machine || fail "second collect exited $?"
n=$(count_crashes "$T/arch")
[ "$n" -eq 8 ] || fail "second run duplicated crashes: $n"

# lastgasp wrote one dump to two backends: one crash, the fuller copy used
mkdir -p "$T/fan"
part x86_64-soft-lockup.txt 'Panic#1' 1 21 44 > "$T/fan/dmesg-ramoops-0"
part x86_64-soft-lockup.txt 'Panic#1' 2 1 20 > "$T/fan/dmesg-ramoops-1"
part x86_64-soft-lockup.txt 'Panic#1' 1 30 44 > "$T/fan/dmesg-efi_pstore-170000000001001"
touch -d @1700000000 "$T/fan"/*
"$PC" -q -s "$T/fan" -a "$T/fan-arch" || fail "fan-out collect exited $?"
[ "$(count_crashes "$T/fan-arch")" -eq 1 ] || fail "one dump in two backends gave $(count_crashes "$T/fan-arch") crashes"
r=$(ls "$T"/fan-arch/*/report.json)
jq -e '.backend == "ramoops" and (.sources | length) == 3 and (.sources | map(select(.used | not)) | .[0].backend) == "efi_pstore"' "$r" >/dev/null \
	|| fail "fan-out crash does not list the efi copy as unused source"
sed -n '1,44p' "$CORPUS/x86_64-soft-lockup.txt" | cmp -s - "$(dirname "$r")/dmesg.txt" || fail "fan-out text is not the fuller copy"

# --json prints one document per line
fabricate_tree "$T/src3"
"$PC" --json -s "$T/src3" -a "$T/arch3" | jq -e -s 'length == 8 and all(.schema_version == 1)' >/dev/null \
	|| fail "--json output is not 8 JSON documents"
"$PC" --json -s "$T/src3" -a "$T/arch3" > /dev/null
fabricate_tree "$T/src4"
"$PC" --json -s "$T/src4" -a "$T/arch4" | jq -e -s 'map(select(.type == "dmesg")) | length == 6 and all((.text | length) > 100)' >/dev/null \
	|| fail "--json documents do not carry the text"
for r in "$T"/arch4/*/report.json; do
	jq -e 'has("text") | not' "$r" >/dev/null || fail "archived report.json duplicates the text"
	[ -f "$(dirname "$r")/$(jq -r .text_file "$r")" ] || fail "text_file of $r does not exist"
done
exit 0
