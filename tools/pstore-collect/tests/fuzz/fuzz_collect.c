// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: everything pstore-collect does with bytes a crashed
 * kernel (or an attacker with NVRAM access) wrote: record names, dmesg
 * headers, decompression, grouping and reassembly, analysis, the JSON
 * report and the syslog message. Besides ASan/UBSan findings it checks
 * the promises the tool makes: the JSON parses back, every field and the
 * whole syslog message are valid UTF-8 without control characters, and
 * nothing grows in proportion to what a record claims.
 *
 * Input: a sequence of records, each
 *   sel (1 byte) | len (2 bytes, little endian, masked to 8 KiB) | bytes
 * sel picks a name (backend, type, id), whether the bytes are deflated
 * first (so that inflate sees real streams) and the record's time.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "analyze.h"
#include "record.h"
#include "report.h"
#include "ship.h"
#include "util.h"

/* A str* call that may read past its buffer fails on every run, not only
 * when the heap happens to end at an unmapped page (two long-run findings
 * of 2026-12 were that, in strip_ecc). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "strict_string_checks=1";
}

#define MAX_RECS 12
#define MAX_INFLATED (256u << 10)

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_collect: broken promise: %s\n", what);
		abort();
	}
}

/* valid UTF-8 and no control characters except (if @lines) \n and \t */
static void check_text(const char *s, size_t len, int lines, const char *what)
{
	check(pc_utf8_bad((const unsigned char *)s, len) == 0, what);
	if (!lines)
		for (size_t i = 0; i < len; i++)
			check(s[i] != '\n' && s[i] != '\t' && s[i] != 0x1b, what);
}

static void make_name(uint8_t sel, unsigned int k, int compressed, char *out, size_t sz)
{
	const char *z = compressed ? ".enc.z" : "";
	unsigned int part = (sel >> 4 & 3) + 1, count = (sel >> 6) + 1;

	switch (sel & 7) {
	case 0: snprintf(out, sz, "dmesg-ramoops-%u%s", k, z); break;
	case 1: /* EFI: time * 100000 + part * 1000 + count */
		snprintf(out, sz, "dmesg-efi_pstore-%llu%s",
			 (1700000000ull + (sel >> 6)) * 100000ull + part * 1000 + count, z);
		break;
	case 2: snprintf(out, sz, "dmesg-efi-%llu%s", 1650000000ull * 100000ull + part * 1000 + 1, z); break;
	case 3: snprintf(out, sz, "dmesg-erst-%u%s", 6952912u + k, z); break;
	case 4: snprintf(out, sz, "console-ramoops-%u", k); break;
	case 5: snprintf(out, sz, "pmsg-ramoops-%u", k); break;
	case 6: snprintf(out, sz, "dmesg-pstore_blk-%u%s", k, z); break;
	default: snprintf(out, sz, "dmesg-lgram-%u%s", k, z); break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pc_record recs[MAX_RECS];
	struct pc_crash *cr = NULL;
	size_t n = 0, nc = 0, off = 0;

	pc_verbosity = -1;
	/* the raw input as a name, a header and a field, on its own */
	{
		char name[128], *field;
		struct pc_name nm;
		struct pc_hdr h;
		size_t l = size < sizeof(name) - 1 ? size : sizeof(name) - 1;

		memcpy(name, data, l);
		name[l] = 0;
		(void)pc_name_parse(name, &nm);
		(void)pc_hdr_parse(data, size, &h);
		field = malloc(size + 1);
		if (field) {
			memcpy(field, data, size);
			field[size] = 0;
			pc_field_clean(field);
			check_text(field, strlen(field), 0, "pc_field_clean output");
			free(field);
		}
	}
	while (off + 3 <= size && n < MAX_RECS) {
		uint8_t sel = data[off];
		size_t len = ((size_t)data[off + 1] | (size_t)data[off + 2] << 8) & 0x1fff;
		int compress_it = (sel & 8) && (sel & 7) != 4 && (sel & 7) != 5;
		struct pc_record *r = &recs[n];
		char name[96];

		off += 3;
		if (len > size - off)
			len = size - off;
		memset(r, 0, sizeof(*r));
		make_name(sel, (unsigned int)n, compress_it, name, sizeof(name));
		if (pc_name_parse(name, &r->n) < 0)
			abort(); /* our own names must parse */
		r->name = strdup(name);
		if (compress_it && (sel & 0x80)) {
			/* a real stream: inflate sees what the kernel would write */
			uLongf zl = compressBound((uLong)len);

			r->raw = malloc(zl);
			if (!r->raw || compress2(r->raw, &zl, data + off, (uLong)len, 1) != Z_OK)
				abort();
			r->raw_len = zl;
		} else {
			/*
			 * Exactly the bytes, no NUL after them: the loader adds
			 * one, but nothing may read past the length, and ASan
			 * sees it at once if something does.
			 */
			r->raw = malloc(len ? len : 1);
			memcpy(r->raw, data + off, len);
			r->raw_len = len;
		}
		r->mtime = sel == 0xff ? INT64_MIN : sel == 0xfe ? INT64_MAX : 1700000000 + (sel & 0x30);
		if (pc_sha256_hex(r->raw, r->raw_len, NULL, 0, r->raw_sha) < 0)
			abort();
		pc_record_decode(r, MAX_INFLATED);
		check(r->data_len <= MAX_INFLATED, "inflated past the cap");
		off += len;
		n++;
	}
	if (pc_group(recs, n, &cr, &nc) == 0) {
		size_t total = 0;

		for (size_t i = 0; i < n; i++)
			total += recs[i].data_len;
		for (size_t i = 0; i < nc; i++) {
			struct pc_report rep;
			json_object *j, *back;
			const char *js;

			/* text: the records plus one line per gap, at most one gap per part */
			check(cr[i].text_len <= total + 128 * (cr[i].n_parts + 1), "text grew past its records");
			if (pc_report_init(&rep, &cr[i], "fuzz-machine") < 0)
				continue;
			check_text(rep.summary, strlen(rep.summary), 0, "summary");
			if (rep.is_dump) {
				check_text(rep.a.title, strlen(rep.a.title), 0, "title");
				check_text(rep.a.comm, strlen(rep.a.comm), 0, "comm");
				check_text(rep.a.kernel_version, strlen(rep.a.kernel_version), 0, "kernel version");
				check_text(rep.a.panic_msg, strlen(rep.a.panic_msg), 0, "panic message");
				check_text(rep.a.signature, strlen(rep.a.signature), 0, "signature");
				for (size_t k = 0; k < rep.a.n_trace; k++)
					check_text(rep.a.trace[k], strlen(rep.a.trace[k]), 0, "trace frame");
			}
			j = pc_report_json(&rep, "fuzz-machine", "fuzz-host", 1700000000);
			pc_report_add_text(j, &rep);
			js = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN);
			check(js != NULL, "JSON");
			check_text(js, strlen(js), 0, "JSON document");
			back = json_tokener_parse(js);
			check(back != NULL, "JSON parses back");
			json_object_put(back);
			json_object_put(j);
			if (rep.is_dump) {
				struct pc_syslog_msg m = {
					.time = cr[i].time, .hostname = "fuzz-host", .key = rep.key,
					.id = cr[i].id, .signature = rep.a.signature, .kind = rep.a.kind,
					.summary = rep.summary, .text = pc_report_text(&rep), .max_len = 4096,
				};
				size_t ml;
				char *msg = pc_syslog_format(&m, &ml);

				if (msg) {
					const char *nl = strchr(msg, '\n');

					check(ml <= 4096, "syslog message over --max-message");
					check_text(msg, ml, 1, "syslog message");
					check(nl != NULL, "syslog header line");
					check_text(msg, (size_t)(nl - msg), 0, "syslog header");
					free(msg);
				}
			}
			pc_report_fini(&rep);
		}
		pc_crashes_free(cr, nc);
	}
	for (size_t i = 0; i < n; i++)
		pc_record_free(&recs[i]);
	return 0;
}
