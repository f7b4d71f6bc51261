/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PC_RECORD_H
#define PC_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * What a file under /sys/fs/pstore is, from its name alone:
 * "<type>-<backend>-<id>[.enc.z]", e.g. dmesg-ramoops-0,
 * dmesg-efi_pstore-172345678901001, console-ramoops-0, pmsg-ramoops-0.
 */
struct pc_name {
	char type[24];     /* "dmesg", "console", "pmsg", "ftrace", ... */
	char backend[32];  /* "ramoops", "efi_pstore", "efi", "erst", ... */
	uint64_t id;
	bool compressed;   /* ".enc.z": the kernel could not decompress it */
};

/* 0, or -EINVAL for a name that is not a pstore record name. */
int pc_name_parse(const char *name, struct pc_name *n);

/* The "Panic#1 Part2\n" line pstore puts in front of every dmesg part. */
struct pc_hdr {
	char reason[16];   /* "Panic", "Oops", "Emergency", ... */
	unsigned int count;
	unsigned int part; /* 1 = newest end of the log */
};

/* Length of the header line including '\n', or -EINVAL if there is none. */
int pc_hdr_parse(const unsigned char *d, size_t len, struct pc_hdr *h);

/*
 * Inflate a .enc.z payload: zlib or gzip framing first, raw deflate
 * (what the kernel's pstore compression writes) second. Output is capped
 * at @max bytes (-EFBIG) and NUL-terminated.
 */
int pc_inflate(const unsigned char *in, size_t len, size_t max,
	       unsigned char **out, size_t *outlen);

/* missing part numbers listed in a report; the rest are only counted */
#define PC_MISSING_LIST 64

/*
 * Default cap on a .enc.z record's decompressed size (--max-inflated).
 * A kernel log dump is at most the log buffer (128 KiB to 1 MiB on
 * common configs, 32 MiB at the very most); a deflate bomb gets to its
 * 1032:1 ratio only with output nobody would call a log.
 */
#define PC_MAX_INFLATED_DEFAULT (4u << 20)

struct pc_record {
	char *name;            /* file name in the source directory */
	struct pc_name n;
	dev_t dev;
	ino_t ino;
	int64_t mtime;         /* pstorefs sets it to the record's time */
	/* raw and data are each followed by a NUL byte not counted in the
	 * length (the loader and pc_inflate put it there), but nothing may
	 * read past the length: the fuzz target gives records without it. */
	unsigned char *raw;    /* the file's bytes, unchanged */
	size_t raw_len;
	char raw_sha[65];
	unsigned char *data;   /* raw, or inflated for .enc.z (own buffer) */
	size_t data_len;
	bool has_hdr;
	bool hdr_from_id;      /* no header line: part/count from the EFI id */
	struct pc_hdr hdr;
	size_t body_off;       /* text after the header line */
	size_t body_len;       /* without a ramoops ECC notice */
	int ecc_corrected;     /* -1: no ECC notice */
	int ecc_bad_blocks;
	char error[160];       /* why decoding failed; raw is still kept */
};

/*
 * Load and decode one record. -errno (and nothing allocated) when the
 * file cannot be read at all: not a regular file (checked with lstat
 * before any open: a FIFO or device node is never opened), too big, I/O
 * error, a name that is not a record. Decoding problems (bad compression,
 * output over @max_inflated) are not errors: they are noted in r->error,
 * the raw bytes are kept, and the record's text is one line saying so
 * (never the undecodable bytes).
 */
int pc_record_load(int dirfd, const char *name, size_t max, size_t max_inflated,
		   struct pc_record *r);
/* Decode r->raw (already set) into data/hdr/body; exposed for tests. */
void pc_record_decode(struct pc_record *r, size_t max_inflated);
void pc_record_free(struct pc_record *r);

/* One crash (a dmesg dump) or one other record (console, pmsg, ...). */
struct pc_crash {
	char type[24];
	bool has_hdr;
	struct pc_hdr hdr;         /* reason/count; part unused */
	char backend[32];          /* backend whose copy is used for the text */
	int64_t time;
	struct pc_record **parts;  /* primary backend, highest part first */
	size_t n_parts;
	struct pc_record **copies; /* the same dump from other backends */
	size_t n_copies;
	unsigned int max_part;
	/*
	 * Parts 1..max_part not found. max_part is what a header claims, so
	 * nothing is sized by it: the gaps are runs (at most n_parts + 1),
	 * missing[] lists the first PC_MISSING_LIST part numbers (highest
	 * first) and missing_total counts them all.
	 */
	struct pc_gap { unsigned int hi, lo; } *gaps;
	size_t n_gaps;
	unsigned int *missing;
	size_t n_missing;
	uint64_t missing_total;
	char *text;                /* reassembled, headers stripped */
	size_t text_len;
	char id[17];               /* first 16 hex of SHA-256(text) */
	void *text_hash;           /* dmesg: SHA-256 state after text (pc_sha256_resume) */
};

/*
 * Group records into crashes: dmesg parts by reason#count (and time, so
 * two boots' Panic#1 stay apart), the same dump from several backends
 * into one crash with the most complete backend as primary; every other
 * record on its own. Assembles the text. Records stay owned by the
 * caller's array.
 */
int pc_group(struct pc_record *recs, size_t n, struct pc_crash **out, size_t *nout);
void pc_crashes_free(struct pc_crash *c, size_t n);

#endif
