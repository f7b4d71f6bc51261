// SPDX-License-Identifier: GPL-2.0-only
/* lastgasp status: the text and JSON forms of a struct status. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

const char *st_reason_name(int reason)
{
	static const char *const names[] = {
		"each backend decides", "panic", "oops", "emerg", "shutdown", "all",
	};

	if (reason < 0 || reason >= (int)(sizeof(names) / sizeof(names[0])))
		return "out of range";
	return names[reason];
}

void st_size(char *buf, size_t len, uint64_t b)
{
	const uint64_t kib = 1024, mib = kib * 1024;

	if (b >= mib && b % mib == 0)
		snprintf(buf, len, "%" PRIu64 " MiB", b / mib);
	else if (b >= kib && b % kib == 0)
		snprintf(buf, len, "%" PRIu64 " KiB", b / kib);
	else if (b >= mib)
		snprintf(buf, len, "%.1f MiB", (double)b / mib);
	else if (b >= 10 * kib)
		snprintf(buf, len, "%.1f KiB", (double)b / kib);
	else
		snprintf(buf, len, "%" PRIu64 " bytes", b);
}

static const char *verdict_name(enum st_verdict v)
{
	return v == ST_SAVED ? "saved" : v == ST_KDUMP_ONLY ? "kdump-only" : "nothing";
}

static const char *order_text(const char *order)
{
	if (!strcmp(order, "dump-first"))
		return "dump into every backend, then kdump";
	if (!strcmp(order, "kdump-first"))
		return "kdump first (upstream's order); the dump only if kdump does not run";
	if (!strcmp(order, "no-dump"))
		return "no pstore dump on panic, kdump only";
	return "";
}

static void text_ram(FILE *out, const struct st_backend *be)
{
	char a[32], b[32], c[32];

	if (!be->mem_size.known) {
		fprintf(out, "RAM, size unknown (ramoops parameters unreadable)");
		return;
	}
	st_size(a, sizeof(a), be->mem_size.v);
	fprintf(out, "RAM %s", a);
	if (be->mem_address.known)
		fprintf(out, " at 0x%" PRIx64, be->mem_address.v);
	if (be->layout_known) {
		st_size(a, sizeof(a), be->dmesg_zone_size);
		st_size(b, sizeof(b), be->console_size.v);
		st_size(c, sizeof(c), be->pmsg_size.v);
		fprintf(out, ": %u dmesg zone%s of %s, console %s, pmsg %s", be->dmesg_cnt,
			be->dmesg_cnt == 1 ? "" : "s", a, be->console_size.v ? b : "none",
			be->pmsg_size.v ? c : "none");
	}
	if (be->ecc.known && be->ecc.v)
		fprintf(out, ", ECC %" PRIu64 " bytes a block", be->ecc.v);
	else if (be->ecc.known)
		fprintf(out, ", ECC off");
	if (be->max_reason_known)
		fprintf(out, "; max_reason %d (%s)", be->max_reason,
			st_reason_name(be->max_reason));
}

static void text_efi(FILE *out, const struct st_backend *be)
{
	char a[32], b[32], c[32], d[32];

	if (!be->total.known) {
		fprintf(out, "EFI variables, store %s",
			be->store[0] ? be->store : "unknown (this backend does not report it)");
	} else {
		st_size(a, sizeof(a), be->total.v);
		st_size(b, sizeof(b), be->free.v);
		st_size(c, sizeof(c), be->floor.v);
		fprintf(out, "EFI variable store %s: %s free, floor %s", a, b, c);
		if (be->free.v > be->floor.v) {
			st_size(d, sizeof(d), be->free.v - be->floor.v);
			fprintf(out, " (%s above it)", d);
		} else {
			fprintf(out, " (below it)");
		}
	}
	if (be->efi_record_size.known) {
		st_size(a, sizeof(a), be->efi_record_size.v);
		fprintf(out, "; variables of up to %s", a);
	}
}

static void text_flash(FILE *out, const struct st_backend *be)
{
	char a[32], b[32];

	if (!be->device[0] || !strcmp(be->device, "detached") || !be->blocks.known) {
		fprintf(out, "flash, %s", be->device[0] ? be->device :
			"capacity unknown (no pstore_flash.status)");
		return;
	}
	st_size(a, sizeof(a), be->block_size.v);
	st_size(b, sizeof(b), be->blocks.v * be->block_size.v);
	fprintf(out, "flash %s: %" PRIu64 " blocks of %s (%s)", be->device, be->blocks.v, a, b);
	if (be->fl_free.known && be->erased.known)
		fprintf(out, ", %" PRIu64 " free, %" PRIu64 " erased", be->fl_free.v, be->erased.v);
	if (be->pool.known && be->target.known)
		fprintf(out, ", pool %" PRIu64 " of %" PRIu64 " wanted", be->pool.v, be->target.v);
	if (be->bad.known && be->bad.v)
		fprintf(out, ", %" PRIu64 " bad", be->bad.v);
	if (be->records.known)
		fprintf(out, "; %" PRIu64 " records", be->records.v);
	if (be->torn.known && be->torn.v)
		fprintf(out, " (%" PRIu64 " torn)", be->torn.v);
}

/* Backends we have no figures for: their parameters as they are. */
static void text_params(FILE *out, const struct st_backend *be)
{
	int shown = 0;

	if (!be->module[0] && !strcmp(be->name, "erst")) {
		fprintf(out, "ACPI ERST (the firmware's error record store): the kernel shows no capacity");
		return;
	}
	if (!be->module[0]) {
		fprintf(out, "capacity unknown (no module parameters found)");
		return;
	}
	fprintf(out, "module %s", be->module);
	for (int i = 0; i < be->nparams; i++) {
		const struct st_param *p = &be->params[i];

		if (!p->readable || strlen(p->value) > 60 || strchr(p->value, '\n'))
			continue;
		fprintf(out, "%s%s=%s", shown++ ? " " : ": ", p->name, p->value);
	}
	if (!shown)
		fprintf(out, ", capacity unknown (it exposes no figures)");
}

void st_print_text(FILE *out, const struct status *st)
{
	char a[32];

	fprintf(out, "lastgasp status: ");
	if (st->verdict == ST_SAVED) {
		int n = 0;

		for (int i = 0; i < st->nbe; i++)
			n += st->be[i].takes_panic;
		fprintf(out, "a panic's log would be saved in %d backend%s", n, n == 1 ? "" : "s");
		for (int i = 0, k = 0; i < st->nbe; i++)
			if (st->be[i].takes_panic)
				fprintf(out, "%s%s", k++ ? ", " : " (", st->be[i].name);
		fprintf(out, ")%s\n", st->crash_loaded == 1 ? ", and kdump would run" : "");
	} else if (st->verdict == ST_KDUMP_ONLY) {
		fprintf(out, "no pstore backend would save a panic's log; only kdump would\n");
	} else {
		fprintf(out, "NOTHING would be saved if this machine panicked now\n");
	}

	fprintf(out, "backends (dump order):");
	if (!st->backends_known)
		fprintf(out, " unknown\n");
	else if (!st->nbe)
		fprintf(out, " none registered\n");
	else
		fprintf(out, "\n");
	for (int i = 0; i < st->nbe; i++) {
		const struct st_backend *be = &st->be[i];

		fprintf(out, "  %d. %-11s ", i + 1, be->name);
		if (be->kind == ST_RAM)
			text_ram(out, be);
		else if (be->kind == ST_EFI)
			text_efi(out, be);
		else if (be->kind == ST_FLASH && be->device[0])
			text_flash(out, be);
		else
			text_params(out, be);
		fprintf(out, "\n");
	}

	fprintf(out, "panic order:     ");
	if (st->panic_order[0])
		fprintf(out, "%s: %s\n", st->panic_order, order_text(st->panic_order));
	else
		fprintf(out, "unknown (no panic_order parameter: not a lastgasp kernel)\n");

	fprintf(out, "crash kernel:    ");
	if (st->crash_loaded < 0) {
		fprintf(out, "unknown (no /sys/kernel/kexec_crash_loaded)\n");
	} else {
		fprintf(out, "%s", st->crash_loaded ? "loaded" : "not loaded");
		if (st->crash_size.known && st->crash_size.v) {
			st_size(a, sizeof(a), st->crash_size.v);
			fprintf(out, ", %s reserved", a);
		} else if (st->crash_size.known) {
			fprintf(out, ", no memory reserved");
		}
		if (st->crashkernel_arg[0])
			fprintf(out, " (crashkernel=%s)", st->crashkernel_arg);
		fprintf(out, "\n");
	}
	if (st->crash_loaded == 1) {
		fprintf(out, "  digests:       ");
		if (st->digests == 1) {
			st_size(a, sizeof(a), st->digest_bytes);
			fprintf(out, "SHA-256 of %lu segment%s (%s) taken at load, checked before the jump%s\n",
				st->digest_segments, st->digest_segments == 1 ? "" : "s", a,
				st->digests_from_sysfs ? "" : " (from the kernel log)");
		} else if (st->digests == 0) {
			fprintf(out, "none: this crash kernel was loaded without them and will start unchecked\n");
		} else if (!st->panic_order[0]) {
			fprintf(out, "none (not a lastgasp kernel: the crash kernel is not checked)\n");
		} else {
			fprintf(out, "unknown: the kernel shows them in no sysfs file, and its log no longer has the load's line\n");
		}
	}

	fprintf(out, "max_reason:      ");
	if (st->max_reason_known)
		fprintf(out, "%d (%s)\n", st->max_reason,
			st_reason_name(st->max_reason < 0 ? 0 : st->max_reason));
	else
		fprintf(out, "unknown\n");
	fprintf(out, "kmsg_bytes:      ");
	if (st->kmsg_bytes.known)
		fprintf(out, "%" PRIu64 " (log saved per dump and backend)\n", st->kmsg_bytes.v);
	else
		fprintf(out, "unknown\n");
	if (st->compress[0])
		fprintf(out, "compress:        %s\n", st->compress);

	fprintf(out, "records:         ");
	if (st->records < 0) {
		fprintf(out, "unknown (/sys/fs/pstore unreadable)\n");
	} else {
		fprintf(out, "%d in /sys/fs/pstore", st->records);
		for (int i = 0; i < st->ngroups; i++)
			fprintf(out, "%s%s x%d", i ? ", " : ": ", st->groups[i].prefix,
				st->groups[i].count);
		fprintf(out, "\n");
	}
	fprintf(out, "collector:       ");
	if (st->spool < 0)
		fprintf(out, "spool unreadable");
	else
		fprintf(out, "%d report%s in the spool", st->spool, st->spool == 1 ? "" : "s");
	if (st->archived >= 0)
		fprintf(out, ", %d crash%s archived", st->archived, st->archived == 1 ? "" : "es");
	fprintf(out, " (%s)\n", st->archive);

	if (!st->nwarnings)
		fprintf(out, "warnings:        none\n");
	for (int i = 0; i < st->nwarnings; i++)
		fprintf(out, "WARNING: %s\n", st->warnings[i]);
}

/* ---- JSON ---- */

void st_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);	/* sysfs is ASCII; other bytes pass as they are */
	}
	fputc('"', out);
}

struct jw {
	FILE *out;
	int depth;
	bool first[8];
};

static void jw_key(struct jw *w, const char *key)
{
	if (!w->first[w->depth])
		fputc(',', w->out);
	w->first[w->depth] = false;
	fprintf(w->out, "\n%*s", 2 * w->depth, "");
	if (key) {
		st_json_string(w->out, key);
		fputs(": ", w->out);
	}
}

static void jw_open(struct jw *w, const char *key, char c)
{
	jw_key(w, key);
	fputc(c, w->out);
	w->first[++w->depth] = true;
}

static void jw_close(struct jw *w, char c)
{
	bool empty = w->first[w->depth--];

	if (!empty)
		fprintf(w->out, "\n%*s", 2 * w->depth, "");
	fputc(c, w->out);
}

static void jw_str(struct jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	if (v)
		st_json_string(w->out, v);
	else
		fputs("null", w->out);
}

static void jw_u64(struct jw *w, const char *key, struct st_u64 v)
{
	jw_key(w, key);
	if (v.known)
		fprintf(w->out, "%" PRIu64, v.v);
	else
		fputs("null", w->out);
}

static void jw_int(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	fprintf(w->out, "%lld", v);
}

/* a count, -1 = null */
static void jw_count(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	if (v < 0)
		fputs("null", w->out);
	else
		fprintf(w->out, "%d", v);
}

/* -1 = null */
static void jw_tri(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	fputs(v < 0 ? "null" : v ? "true" : "false", w->out);
}

static const char *kind_name(enum st_kind k)
{
	return k == ST_RAM ? "ram" : k == ST_EFI ? "efi" : k == ST_FLASH ? "flash" : "other";
}

static void json_backend(struct jw *w, const struct st_backend *be)
{
	jw_open(w, NULL, '{');
	jw_str(w, "name", be->name);
	jw_str(w, "kind", kind_name(be->kind));
	jw_str(w, "module", be->module[0] ? be->module : NULL);
	jw_tri(w, "takes_panic", be->takes_panic);
	jw_str(w, "problem", be->takes_panic ? NULL : be->why_not);
	if (be->kind == ST_RAM) {
		jw_u64(w, "mem_address", be->mem_address);
		jw_u64(w, "mem_size", be->mem_size);
		jw_u64(w, "record_size", be->record_size);
		jw_u64(w, "console_size", be->console_size);
		jw_u64(w, "pmsg_size", be->pmsg_size);
		jw_u64(w, "ecc", be->ecc);
		jw_u64(w, "dmesg_zones", (struct st_u64){ be->layout_known, be->dmesg_cnt });
		jw_u64(w, "dmesg_zone_size", (struct st_u64){ be->layout_known, be->dmesg_zone_size });
		jw_key(w, "max_reason");
		if (be->max_reason_known)
			fprintf(w->out, "%d", be->max_reason);
		else
			fputs("null", w->out);
	}
	if (be->kind == ST_EFI) {
		jw_u64(w, "store_total", be->total);
		jw_u64(w, "store_free", be->free);
		jw_u64(w, "store_floor", be->floor);
		jw_u64(w, "record_size", be->efi_record_size);
	}
	if (be->kind == ST_FLASH) {
		jw_str(w, "device", be->device[0] ? be->device : NULL);
		jw_u64(w, "blocks", be->blocks);
		jw_u64(w, "block_size", be->block_size);
		jw_u64(w, "bad_blocks", be->bad);
		jw_u64(w, "erased_blocks", be->erased);
		jw_u64(w, "free_blocks", be->fl_free);
		jw_u64(w, "pool", be->pool);
		jw_u64(w, "pool_target", be->target);
		jw_u64(w, "records", be->records);
		jw_u64(w, "torn_records", be->torn);
	}
	jw_open(w, "parameters", '{');
	for (int i = 0; i < be->nparams; i++)
		jw_str(w, be->params[i].name, be->params[i].readable ? be->params[i].value : NULL);
	jw_close(w, '}');
	jw_close(w, '}');
}

void st_print_json(FILE *out, const struct status *st)
{
	struct jw w = { .out = out };

	fputc('{', out);
	w.depth = 1;
	w.first[1] = true;
	jw_str(&w, "schema", "lastgasp.status");
	jw_int(&w, "schema_version", 1);
	jw_str(&w, "verdict", verdict_name(st->verdict));
	jw_int(&w, "exit_status", st->verdict);
	jw_key(&w, "backends");
	if (!st->backends_known) {
		fputs("null", out);
	} else {
		fputc('[', out);
		w.first[++w.depth] = true;
		for (int i = 0; i < st->nbe; i++)
			json_backend(&w, &st->be[i]);
		jw_close(&w, ']');
	}
	jw_str(&w, "backend_allowed", st->allowed_set ? st->allowed : NULL);
	jw_str(&w, "panic_order", st->panic_order[0] ? st->panic_order : NULL);
	jw_open(&w, "crash_kernel", '{');
	jw_tri(&w, "loaded", st->crash_loaded);
	jw_u64(&w, "reserved_bytes", st->crash_size);
	jw_str(&w, "crashkernel", st->crashkernel_arg[0] ? st->crashkernel_arg : NULL);
	jw_tri(&w, "digests_taken", st->crash_loaded == 1 ? st->digests : -1);
	jw_u64(&w, "digest_segments", (struct st_u64){ st->digests == 1, st->digest_segments });
	jw_u64(&w, "digest_bytes", (struct st_u64){ st->digests == 1, st->digest_bytes });
	jw_close(&w, '}');
	jw_key(&w, "max_reason");
	if (st->max_reason_known)
		fprintf(out, "%d", st->max_reason);
	else
		fputs("null", out);
	jw_u64(&w, "kmsg_bytes", st->kmsg_bytes);
	jw_str(&w, "compress", st->compress[0] ? st->compress : NULL);
	jw_open(&w, "records", '{');
	jw_tri(&w, "mounted", st->mounted);
	jw_count(&w, "pstore", st->records);
	jw_open(&w, "by_kind", '{');
	for (int i = 0; i < st->ngroups; i++)
		jw_int(&w, st->groups[i].prefix, st->groups[i].count);
	jw_close(&w, '}');
	jw_str(&w, "archive", st->archive);
	jw_count(&w, "spool", st->spool);
	jw_count(&w, "archived", st->archived);
	jw_close(&w, '}');
	jw_open(&w, "warnings", '[');
	for (int i = 0; i < st->nwarnings; i++)
		jw_str(&w, NULL, st->warnings[i]);
	jw_close(&w, ']');
	fputs("\n}\n", out);
}
