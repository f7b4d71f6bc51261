// SPDX-License-Identifier: GPL-2.0-only
/* One JSON document and one summary line per crash. */
#include "report.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every string a report carries is one clean line of valid UTF-8. */
static void sanitize(struct pc_analysis *a)
{
	char *f[] = { a->kind, a->title, a->panic_msg, a->kernel_version, a->taint, a->comm,
		      a->fault_func, a->fault_line, a->arch, a->signature };

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		pc_field_clean(f[i]);
	for (size_t i = 0; i < a->n_trace; i++)
		pc_field_clean(a->trace[i]);
	for (size_t i = 0; i < a->n_sig_frames; i++)
		pc_field_clean(a->sig_frames[i]);
}

int pc_report_init(struct pc_report *r, struct pc_crash *c, const char *machine_id)
{
	int e;

	memset(r, 0, sizeof(*r));
	r->c = c;
	r->is_dump = strcmp(c->type, "dmesg") == 0;
	/* the cleaned copy is made only when needed: pc_report_text() */
	r->text_bad = pc_utf8_bad((const unsigned char *)c->text, c->text_len);
	/* SHA-256(text || machine id), from the state pc_group kept if it did */
	e = c->text_hash ? pc_sha256_resume(c->text_hash, machine_id, strlen(machine_id), r->key)
			 : pc_sha256_hex(c->text, c->text_len, machine_id, strlen(machine_id), r->key);
	if (e < 0)
		goto err;
	snprintf(r->dir, sizeof(r->dir), "%s-%s", c->type, c->id);
	if (r->is_dump) {
		const struct pc_analysis *a = &r->a;

		e = pc_analyze(c->text, c->text_len, &r->a);
		if (e < 0)
			goto err;
		sanitize(&r->a);
		snprintf(r->summary, sizeof(r->summary), "%s%s %s %s: %.200s%s%s%s",
			 c->has_hdr ? c->hdr.reason : "dump", c->missing_total ? " (incomplete)" : "",
			 a->kind, a->signature, a->title[0] ? a->title : "(no report found)",
			 a->comm[0] ? " [" : "", a->comm, a->comm[0] ? "]" : "");
	} else {
		snprintf(r->summary, sizeof(r->summary), "%s record %s from %s, %zu bytes",
			 c->type, c->parts[0]->name, c->backend, c->parts[0]->raw_len);
	}
	/* snprintf may have cut a character in two: clean again */
	pc_field_clean(r->summary);
	return 0;
err:
	free(r->text);
	r->text = NULL;
	return e;
}

void pc_report_fini(struct pc_report *r)
{
	if (r->is_dump)
		pc_analysis_free(&r->a);
	free(r->text);
	r->text = NULL;
}

static void put_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v && v[0] ? json_object_new_string(v) : NULL);
}

static void put_int(json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, v >= 0 ? json_object_new_int64(v) : NULL);
}

static json_object *source_json(const struct pc_record *s, bool primary)
{
	json_object *o = json_object_new_object();
	char *clean = pc_utf8_clean((const unsigned char *)s->name, strlen(s->name), NULL);
	char *safe = pc_safe_name(s->name);

	put_str(o, "name", clean);
	put_str(o, "archived_as", safe);
	put_str(o, "type", s->n.type);
	put_str(o, "backend", s->n.backend);
	json_object_object_add(o, "record_id", json_object_new_uint64(s->n.id));
	json_object_object_add(o, "compressed", json_object_new_boolean(s->n.compressed));
	put_int(o, "size", (int64_t)s->raw_len);
	put_str(o, "sha256", s->raw_sha);
	put_int(o, "part", s->has_hdr ? (int64_t)s->hdr.part : -1);
	json_object_object_add(o, "used", json_object_new_boolean(primary));
	if (s->ecc_corrected >= 0) {
		put_int(o, "ecc_corrected_bytes", s->ecc_corrected);
		put_int(o, "ecc_unrecoverable_blocks", s->ecc_bad_blocks);
	}
	put_str(o, "error", s->error);
	free(clean);
	free(safe);
	return o;
}

const char *pc_report_text(struct pc_report *r)
{
	if (!r->text)
		r->text = pc_utf8_clean((const unsigned char *)r->c->text, r->c->text_len, NULL);
	return r->text;
}

void pc_report_add_text(json_object *o, struct pc_report *r)
{
	const char *t = pc_report_text(r);

	json_object_object_add(o, "text", t ? json_object_new_string(t) : NULL);
}

json_object *pc_report_json(const struct pc_report *r, const char *machine_id,
			    const char *hostname, int64_t collected_at)
{
	const struct pc_crash *c = r->c;
	json_object *o = json_object_new_object(), *arr, *errs;
	char ts[32];

	json_object_object_add(o, "schema", json_object_new_string(PC_SCHEMA_NAME));
	json_object_object_add(o, "schema_version", json_object_new_int(PC_SCHEMA_VERSION));
	put_str(o, "id", c->id);
	put_str(o, "idempotency_key", r->key);
	put_str(o, "type", c->type);
	put_str(o, "machine_id", machine_id);
	put_str(o, "hostname", hostname);
	pc_time_str(collected_at, ts);
	put_str(o, "collected_at", ts);
	pc_time_str(c->time, ts);
	put_str(o, "record_time", ts);
	put_str(o, "backend", c->backend);
	put_str(o, "reason", c->has_hdr ? c->hdr.reason : NULL);
	put_int(o, "dump_count", c->has_hdr ? (int64_t)c->hdr.count : -1);
	json_object_object_add(o, "complete", json_object_new_boolean(c->missing_total == 0));
	arr = json_object_new_array();
	for (size_t i = 0; i < c->n_missing; i++)
		json_object_array_add(arr, json_object_new_int64(c->missing[i]));
	json_object_object_add(o, "missing_parts", arr);
	json_object_object_add(o, "missing_count", json_object_new_int64((int64_t)c->missing_total));
	arr = json_object_new_array();
	for (size_t i = 0; i < c->n_parts; i++)
		json_object_array_add(arr, source_json(c->parts[i], true));
	for (size_t i = 0; i < c->n_copies; i++)
		json_object_array_add(arr, source_json(c->copies[i], false));
	json_object_object_add(o, "sources", arr);

	if (r->is_dump) {
		const struct pc_analysis *a = &r->a;
		json_object *an = json_object_new_object();

		put_str(an, "kind", a->kind);
		json_object_object_add(an, "panicked", json_object_new_boolean(a->panicked));
		put_str(an, "title", a->title);
		put_str(an, "panic_message", a->panic_msg);
		put_str(an, "kernel_version", a->kernel_version);
		if (a->taint_known)
			json_object_object_add(an, "taint", json_object_new_string(a->taint));
		else
			json_object_object_add(an, "taint", NULL);
		put_int(an, "cpu", a->cpu);
		put_int(an, "pid", a->pid);
		put_str(an, "comm", a->comm);
		put_str(an, "fault_function", a->fault_func);
		put_str(an, "fault_line", a->fault_line);
		put_str(an, "arch", a->arch);
		arr = json_object_new_array();
		for (size_t i = 0; i < a->n_trace; i++)
			json_object_array_add(arr, json_object_new_string(a->trace[i]));
		json_object_object_add(an, "call_trace", arr);
		arr = json_object_new_array();
		for (size_t i = 0; i < a->n_sig_frames; i++)
			json_object_array_add(arr, json_object_new_string(a->sig_frames[i]));
		json_object_object_add(an, "signature_frames", arr);
		json_object_object_add(o, "analysis", an);
		put_str(o, "signature", a->signature);
	} else {
		json_object_object_add(o, "analysis", NULL);
		json_object_object_add(o, "signature", NULL);
	}
	put_str(o, "summary", r->summary);
	errs = json_object_new_array();
	for (size_t i = 0; i < c->n_gaps; i++) {
		const struct pc_gap *g = &c->gaps[i];
		char m[128];

		if (g->hi == g->lo)
			snprintf(m, sizeof(m), "part %u of %s#%u is missing", g->hi,
				 c->hdr.reason, c->hdr.count);
		else
			snprintf(m, sizeof(m), "parts %u to %u of %s#%u are missing", g->lo, g->hi,
				 c->hdr.reason, c->hdr.count);
		json_object_array_add(errs, json_object_new_string(m));
	}
	for (size_t i = 0; i < c->n_parts; i++)
		if (c->parts[i]->error[0])
			json_object_array_add(errs, json_object_new_string(c->parts[i]->error));
	if (r->text_bad) {
		char m[96];

		snprintf(m, sizeof(m), "%zu non-text bytes replaced in \"text\"", r->text_bad);
		json_object_array_add(errs, json_object_new_string(m));
	}
	json_object_object_add(o, "errors", errs);
	/* The archive keeps the text once, in its own file; see README.md. */
	if (r->is_dump) {
		put_str(o, "text_file", "dmesg.txt");
	} else {
		char *safe = pc_safe_name(c->parts[0]->name);

		put_str(o, "text_file", safe);
		free(safe);
	}
	return o;
}
