/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PC_REPORT_H
#define PC_REPORT_H

#include <json-c/json.h>
#include <stdint.h>

#include "analyze.h"
#include "record.h"
#include "util.h"

/* Bump on any incompatible change; README.md documents each version. */
#define PC_SCHEMA_VERSION 1
#define PC_SCHEMA_NAME "lastgasp.pstore-collect.report"

/* Everything the tool knows about one crash, ready to write out. */
struct pc_report {
	struct pc_crash *c;
	struct pc_analysis a;    /* valid when is_dump */
	bool is_dump;            /* a dmesg dump (analysed, shipped) */
	char *text;              /* c->text as valid UTF-8, see pc_report_text() */
	size_t text_bad;         /* bytes replaced to make it so */
	char key[PC_SHA256_HEX]; /* idempotency key */
	char dir[64];            /* archive directory name */
	char summary[512];
};

/* Analyse and fill @r for crash @c; key = SHA-256(text + machine id). */
int pc_report_init(struct pc_report *r, struct pc_crash *c, const char *machine_id);
void pc_report_fini(struct pc_report *r);

/*
 * The versioned JSON document (caller puts it), as archived: the text is
 * not inside but in the file named by "text_file".
 */
json_object *pc_report_json(const struct pc_report *r, const char *machine_id,
			    const char *hostname, int64_t collected_at);
/* Add "text" (the reassembled log, valid UTF-8) for a self-contained document. */
void pc_report_add_text(json_object *o, struct pc_report *r);
/* c->text as valid UTF-8 (made on first use, owned by @r), or NULL on ENOMEM. */
const char *pc_report_text(struct pc_report *r);

#endif
