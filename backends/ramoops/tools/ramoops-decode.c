// SPDX-License-Identifier: GPL-2.0-only
/*
 * ramoops-decode: print the records in a raw image of a ramoops region (a
 * dump of the reserved RAM, or a VM's RAM backing file at an offset), with
 * each record's integrity and ECC status. It runs the same format code as
 * the kernel module (ramoops_fmt.c, rs8.c). Read-only: nothing is reset.
 *
 * Exit status: 0 all records readable, 1 usage or I/O error, 2 at least one
 * record corrupt or an ECC block uncorrectable.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ramoops_fmt.h"
#include "parse_num.h"

struct opts {
	const char *image;
	unsigned long long offset;
	struct rmo_layout_req req;
	unsigned long ecc;
	bool bodies;
	bool layout;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: ramoops-decode [options] IMAGE\n"
"  --offset N        region start in IMAGE (e.g. 0x8000000 for a VM RAM file)\n"
"  --size N          region size, ramoops.mem_size (required)\n"
"  --record-size N   ramoops.record_size   (default 4096)\n"
"  --console-size N  ramoops.console_size  (default 4096)\n"
"  --pmsg-size N     ramoops.pmsg_size     (default 4096)\n"
"  --ftrace-size N   ramoops.ftrace_size   (default 4096)\n"
"  --ecc N           ramoops.ecc: parity bytes per block, 1 means 16 (default 0)\n"
"  --summary         status lines only, no record contents\n"
"  --legacy-layout   ftrace area before pmsg (Linux 6.1 and older)\n"
"  --layout          one line per zone for scripts, offsets in the region:\n"
"                    NAME INDEX OFFSET ZONE_SIZE DATA_OFFSET USED_BYTES\n"
"Sizes take 0x, k, M suffixes. Exit: 0 ok, 1 error, 2 corrupt record found.\n");
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "offset", required_argument, NULL, 'o' },
		{ "size", required_argument, NULL, 's' },
		{ "record-size", required_argument, NULL, 'r' },
		{ "console-size", required_argument, NULL, 'c' },
		{ "pmsg-size", required_argument, NULL, 'p' },
		{ "ftrace-size", required_argument, NULL, 'f' },
		{ "ecc", required_argument, NULL, 'e' },
		{ "summary", no_argument, NULL, 'S' },
		{ "legacy-layout", no_argument, NULL, 'L' },
		{ "layout", no_argument, NULL, 'Y' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned long long v;
	int c;

	memset(o, 0, sizeof(*o));
	o->req.record_size = o->req.console_size = 4096;
	o->req.pmsg_size = o->req.ftrace_size = 4096;
	o->bodies = true;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			exit(0);
		}
		if (c == 'Y') {
			o->layout = true;
			continue;
		}
		if (c == 'L') {
			o->req.legacy_order = true;
			continue;
		}
		if (c == 'S') {
			o->bodies = false;
			continue;
		}
		if (c == '?' || parse_num(optarg, &v)) {
			usage(stderr);
			return -EINVAL;
		}
		switch (c) {
		case 'o': o->offset = v; break;
		case 's': o->req.mem_size = v; break;
		case 'r': o->req.record_size = v; break;
		case 'c': o->req.console_size = v; break;
		case 'p': o->req.pmsg_size = v; break;
		case 'f': o->req.ftrace_size = v; break;
		case 'e': o->ecc = v == 1 ? RMO_ECC_SIZE_DEFAULT : (unsigned long)v; break;
		}
	}
	if (optind != argc - 1 || !o->req.mem_size) {
		usage(stderr);
		return -EINVAL;
	}
	o->image = argv[optind];
	return 0;
}

struct decoder {
	const struct opts *o;
	const u8 *region;
	struct rs8 rs;
	struct rs8_work w;
	bool bad;
};

static const char *state_name(enum rmo_zone_state s)
{
	switch (s) {
	case RMO_ZONE_EMPTY: return "empty";
	case RMO_ZONE_VALID: return "valid";
	case RMO_ZONE_BAD_SIG: return "no signature (never written, or not ramoops)";
	case RMO_ZONE_BAD_HDR: return "invalid header (a kernel would reset it)";
	}
	return "?";
}

static void print_body(const struct decoder *d, const u8 *p, size_t n,
		       bool compressed)
{
	if (!d->o->bodies)
		return;
	if (compressed) {
		printf("  (%zu bytes deflate-compressed, not shown)\n", n);
		return;
	}
	fwrite(p, 1, n, stdout);
	if (n && p[n - 1] != '\n')
		putchar('\n');
}

/* --layout: where each zone is and how many bytes its header says it holds */
static void layout_line(const struct decoder *d, const char *name, int idx,
			u64 off, u64 size)
{
	struct rmo_zone_hdr h;
	const char *why;
	struct rmo_geom g;
	u32 used = 0;

	rmo_hdr_get(d->region + off, &h);
	if (h.sig == RMO_PERSISTENT_SIG &&
	    !rmo_geom_init(&g, size, d->o->ecc, 0, &why) && h.size <= g.data_size)
		used = h.size;
	printf("%s %d 0x%llx 0x%llx 0x%llx %u\n", name, idx < 0 ? 0 : idx,
	       (unsigned long long)off, (unsigned long long)size,
	       (unsigned long long)off + RMO_ZONE_HDR_SIZE, used);
}

static int decode_zone(struct decoder *d, const char *name, int idx,
		       u64 off, u64 size, bool dmesg)
{
	const char *why = NULL;
	struct rmo_geom g;
	struct rmo_zone_info zi;
	u8 *copy, *out;
	size_t len;
	char note[512];

	if (rmo_geom_init(&g, size, d->o->ecc, 0, &why)) {
		fprintf(stderr, "%s: %s\n", name, why);
		return -EINVAL;
	}
	copy = malloc(size);
	out = malloc(size);
	if (!copy || !out) {
		free(copy);
		free(out);
		return -ENOMEM;
	}
	memcpy(copy, d->region + off, size);
	rmo_zone_inspect(&g, d->o->ecc ? &d->rs : NULL, &d->w, copy,
			 RMO_PERSISTENT_SIG, &zi);
	if (idx >= 0)
		printf("== %s-%d @0x%llx: %s", name, idx, (unsigned long long)off,
		       state_name(zi.state));
	else
		printf("== %s @0x%llx: %s", name, (unsigned long long)off,
		       state_name(zi.state));
	if (zi.state != RMO_ZONE_VALID) {
		putchar('\n');
		goto out;
	}
	len = rmo_zone_linearize(&g, copy, &zi, out);
	if (d->o->ecc) {
		rmo_ecc_notice(note, sizeof(note), true, zi.ecc_corrected,
			       zi.ecc_bad_blocks);
		printf(", %s", note + 1);	/* drop the leading newline */
		if (zi.ecc_bad_blocks)
			d->bad = true;
	} else {
		putchar('\n');
	}

	if (dmesg) {
		size_t cap = rmo_dmesg_capacity(&g);
		struct rmo_dmesg_rec r;
		u32 c = 0, b = 0;

		rmo_zone_ecc_range(&g, d->o->ecc ? &d->rs : NULL, &d->w, copy,
				   cap, g.data_size, &c, &b);
		if (!rmo_dmesg_inspect(out, len, len <= cap ?
				       copy + RMO_ZONE_HDR_SIZE + cap : NULL, &r)) {
			printf("  %zu bytes without a dmesg header (a kernel would reset the zone)\n", len);
			goto out;
		}
		printf("  time %lld.%09u, %s, %zu bytes, integrity %s\n",
		       (long long)r.sec, r.nsec,
		       r.compressed ? "compressed" : "plain",
		       len - r.hdr_len, rmo_integrity_name(r.integrity));
		if (rmo_dmesg_notice(note, sizeof(note), (unsigned int)idx, &r))
			printf("  %s", note + 1);
		if (r.integrity == RMO_REC_CORRUPT)
			d->bad = true;
		{
			size_t bl = rmo_dmesg_body(out, &r, NULL, 0);
			u8 *body = malloc(bl + 1);

			if (body) {
				rmo_dmesg_body(out, &r, body, bl);
				print_body(d, body, bl, r.compressed);
				free(body);
			}
		}
	} else {
		printf("  %zu bytes%s\n", len,
		       zi.hdr.size == g.data_size ? " (ring full, wrapped)" : "");
		print_body(d, out, len, false);
	}
out:
	free(copy);
	free(out);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct rmo_layout l;
	struct decoder d = { .o = &o };
	const char *why = NULL;
	u8 *region;
	ssize_t got;
	int fd, ret = 0;

	if (parse_args(argc, argv, &o))
		return 1;
	if (rmo_layout_compute(&o.req, &l, &why)) {
		fprintf(stderr, "ramoops-decode: %s\n", why);
		return 1;
	}
	if (o.ecc && rs8_init(&d.rs, RMO_ECC_POLY, (int)o.ecc)) {
		fprintf(stderr, "ramoops-decode: unsupported ecc %lu\n", o.ecc);
		return 1;
	}
	fd = open(o.image, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "ramoops-decode: %s: %s\n", o.image, strerror(errno));
		return 1;
	}
	region = malloc(o.req.mem_size);
	if (!region) {
		close(fd);
		return 1;
	}
	got = pread(fd, region, o.req.mem_size, (off_t)o.offset);
	close(fd);
	if (got != (ssize_t)o.req.mem_size) {
		fprintf(stderr, "ramoops-decode: %s: short read at 0x%llx (%zd of %llu bytes)\n",
			o.image, o.offset, got, (unsigned long long)o.req.mem_size);
		free(region);
		return 1;
	}
	d.region = region;

	if (o.layout) {
		for (unsigned int i = 0; i < l.dmesg_cnt; i++)
			layout_line(&d, "dmesg", (int)i, i * l.dmesg_zone_size,
				    l.dmesg_zone_size);
		if (l.console_size)
			layout_line(&d, "console", -1, l.console_off, l.console_size);
		if (l.pmsg_size)
			layout_line(&d, "pmsg", -1, l.pmsg_off, l.pmsg_size);
		free(region);
		return 0;
	}

	printf("ramoops region 0x%llx bytes: %u dmesg zones of 0x%llx, console 0x%llx, pmsg 0x%llx, ftrace 0x%llx, ecc %lu\n",
	       (unsigned long long)o.req.mem_size, l.dmesg_cnt,
	       (unsigned long long)l.dmesg_zone_size,
	       (unsigned long long)l.console_size,
	       (unsigned long long)l.pmsg_size,
	       (unsigned long long)l.ftrace_size, o.ecc);
	for (unsigned int i = 0; i < l.dmesg_cnt && !ret; i++)
		ret = decode_zone(&d, "dmesg", (int)i, i * l.dmesg_zone_size,
				  l.dmesg_zone_size, true);
	if (!ret && l.console_size)
		ret = decode_zone(&d, "console", -1, l.console_off,
				  l.console_size, false);
	if (!ret && l.pmsg_size)
		ret = decode_zone(&d, "pmsg", -1, l.pmsg_off, l.pmsg_size, false);
	free(region);
	if (ret)
		return 1;
	return d.bad ? 2 : 0;
}
