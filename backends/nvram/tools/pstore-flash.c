// SPDX-License-Identifier: GPL-2.0-only
/*
 * pstore-flash: read and prepare pstore_flash images on the host, with the
 * same format code as the kernel (lgf_fmt.c).
 *
 *   pstore-flash decode [options] IMAGE   blocks, records and their status
 *   pstore-flash format [options] IMAGE   give erased blocks their header
 *
 * IMAGE is a raw flash image: tools/vm's DIR/flash.img, or a copy of
 * /dev/mtdX made on a board (dd, nanddump, mtd_debug read). Input is
 * hostile: at most one block is held in memory, a record's text is
 * inflated into at most TEXT_MAX bytes.
 *
 * Exit status: 0 fine, 1 usage or I/O error, 2 (decode) torn or corrupt
 * records found.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "lgf_fmt.h"
#include "parse_num.h"

#define TEXT_MAX	(1u << 20)

struct opts {
	unsigned long long block_size;	/* 0: detect */
	unsigned long long page;	/* 0: byte-programmable (NOR) */
	bool page_given;
	unsigned long long offset, size;
	bool text_all, quiet;
	unsigned long long text_seq;	/* --text SEQ */
	const char *dump_dir;
	const char *image;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: pstore-flash decode [options] IMAGE\n"
"       pstore-flash format [options] IMAGE\n"
"  --block-size N  erase block size (default: from the first block header,\n"
"                  else 4096)\n"
"  --page N        NAND page size: the paged variant (default: from the\n"
"                  first block header, else 0 = NOR)\n"
"  --offset N      start of the pstore_flash area in IMAGE (default 0)\n"
"  --size N        its length (default: to the end of IMAGE)\n"
"decode:\n"
"  --text SEQ      print the text of record SEQ (inflated) and nothing else\n"
"  --all-text      print every readable record's text after its line\n"
"  --dump DIR      write each readable record to DIR/dmesg-flash-SEQ\n"
"  --quiet         record lines only, no block lines\n"
"Lines: 'block B STATE ec N seq S records R live L torn T' and\n"
"'record seq S dump D block B off O type T part P count C time SEC.NSEC\n"
" len L compressed 0|1 status STATUS', then a 'summary' line.\n"
"'mark seq S block B off O deletes SEQ...' for the paged variant's delete marks.\n"
"format: writes a block header (erase count 0) into every all-0xFF block;\n"
"  other blocks are left alone. The kernel then need not erase them.\n"
"Numbers take 0x, k, M. Exit: 0 ok, 1 error, 2 torn or corrupt record found.\n");
}

static int pread_all(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, off + done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

static int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pwrite(fd, (const char *)buf + done, len - done, off + done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

/* Raw deflate (the pstore core's) into out; returns length or -1. */
static long inflate_raw(const u8 *in, size_t len, u8 *out, size_t out_max)
{
	z_stream zs = { 0 };
	long ret = -1;

	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
		return -1;
	zs.next_in = (u8 *)in;
	zs.avail_in = len;
	zs.next_out = out;
	zs.avail_out = out_max;
	if (inflate(&zs, Z_FINISH) == Z_STREAM_END)
		ret = zs.total_out;
	inflateEnd(&zs);
	return ret;
}

static const char *state_name(enum lgf_blk_kind k, const struct lgf_block *b)
{
	if (k == LGF_BLK_ERASED)
		return "erased";
	if (k == LGF_BLK_DIRTY)
		return "dirty";
	return b->records || b->closed ? "used" : "free";
}

/* The record's text (inflated if need be) into text; its length or -1. */
static long record_text(const u8 *img, const struct lgf_rec_info *ri, u8 *text)
{
	const u8 *p = img + ri->off + LGF_REC_HDR_SIZE;

	if (ri->hdr.flags & LGF_REC_F_COMPRESSED)
		return inflate_raw(p, ri->hdr.len, text, TEXT_MAX);
	memcpy(text, p, ri->hdr.len);
	return ri->hdr.len;
}

static int detect_block_size(int fd, struct opts *o)
{
	u8 hdr[LGF_BLK_HDR_SIZE];
	struct lgf_blk_hdr h;

	if (o->size >= LGF_BLK_HDR_SIZE &&
	    !pread_all(fd, hdr, sizeof(hdr), o->offset) &&
	    lgf_blk_hdr_unpack(hdr, &h) && h.block_size >= LGF_BLOCK_MIN &&
	    h.block_size <= LGF_BLOCK_MAX && h.block_size % LGF_ALIGN == 0) {
		if (!o->block_size)
			o->block_size = h.block_size;
		if (!o->page_given && h.block_size == o->block_size)
			o->page = h.page;
	}
	if (!o->block_size)
		o->block_size = 4096;
	return 0;
}

/* Read-only I/O for the ring the paged variant needs to know what is deleted. */
struct ro_dev {
	int fd;
	off_t base;
};

static int ro_read(void *priv, u64 off, void *buf, size_t len)
{
	struct ro_dev *d = priv;

	return pread_all(d->fd, buf, len, d->base + (off_t)off) ? -EIO : 0;
}

static int ro_program(void *priv, u64 off, const void *buf, size_t len, bool panic)
{
	(void)priv; (void)off; (void)buf; (void)len; (void)panic;
	return -EROFS;
}

static int ro_erase(void *priv, u64 off)
{
	(void)priv; (void)off;
	return -EROFS;
}

static const struct lgf_ops ro_ops = {
	.read = ro_read, .program = ro_program, .erase = ro_erase,
};

/* The paged ring, attached read-only: its dead set and block ranges. */
struct paged {
	struct ro_dev dev;
	struct lgf_ring r;
	struct lgf_block *blk;
	u8 *scratch, *pagebuf;
	u64 *dead;
};

static void paged_free(struct paged *p)
{
	free(p->blk);
	free(p->scratch);
	free(p->pagebuf);
	free(p->dead);
}

static int paged_attach(struct paged *p, int fd, const struct opts *o)
{
	u32 bs = o->block_size, nb = o->size / bs, page = o->page;
	u32 cap = lgf_dead_cap(bs, page, nb);

	memset(p, 0, sizeof(*p));
	p->dev.fd = fd;
	p->dev.base = o->offset;
	p->blk = calloc(nb, sizeof(*p->blk));
	p->scratch = malloc(bs);
	p->pagebuf = malloc(2 * (size_t)page);
	p->dead = calloc(cap ? cap : 1, sizeof(*p->dead));
	if (!p->blk || !p->scratch || !p->pagebuf || !p->dead ||
	    lgf_ring_init(&p->r, &ro_ops, &p->dev, bs, nb, p->blk, p->scratch) ||
	    lgf_ring_set_paged(&p->r, page, p->pagebuf, p->dead, cap))
		return -1;
	lgf_attach(&p->r);	/* fewer than two good blocks: nothing shown */
	return 0;
}

static int decode(int fd, struct opts *o)
{
	u32 bs = o->block_size, nb = o->size / bs, b;
	u8 *img = malloc(bs), *text = malloc(TEXT_MAX);
	unsigned long ok = 0, deleted = 0, torn = 0, corrupt = 0;
	unsigned int counts[3] = { 0 };
	u32 ec_min = ~0u, ec_max = 0;
	unsigned long marks = 0;
	bool found = false;
	struct paged pg = { 0 };
	int ret = 0;

	if (!img || !text || (o->page && nb >= 2 && paged_attach(&pg, fd, o))) {
		fprintf(stderr, "pstore-flash: out of memory or bad page size\n");
		free(img);
		free(text);
		paged_free(&pg);
		return 1;
	}
	for (b = 0; b < nb; b++) {
		struct lgf_block k = { 0 };
		struct lgf_blk_hdr h = { 0 };
		struct lgf_rec_info ri;
		enum lgf_blk_kind kind;
		u32 off = LGF_BLK_HDR_SIZE;
		u32 page = o->page;

		if (pread_all(fd, img, bs, o->offset + (off_t)b * bs)) {
			fprintf(stderr, "pstore-flash: %s: cannot read block %u\n",
				o->image, b);
			ret = 1;
			break;
		}
		kind = lgf_block_kind(img, bs, &h);
		if (kind == LGF_BLK_FORMATTED && h.page != page)
			kind = LGF_BLK_DIRTY;	/* the other variant */
		counts[kind]++;
		if (kind == LGF_BLK_FORMATTED) {
			while (lgf_next_record(img, bs, page, &off, &ri)) {
				if (ri.status == LGF_REC_MARK) {
					k.marks++;
					continue;
				}
				if (ri.status == LGF_REC_BAD_HEADER)
					k.closed = true;
				else
					k.records++;
				if (ri.status == LGF_REC_OK && page &&
				    !lgf_rec_visible(&pg.r, &ri.hdr))
					ri.status = LGF_REC_DELETED;
				k.live += ri.status == LGF_REC_OK;
				k.torn += ri.status != LGF_REC_OK &&
					  ri.status != LGF_REC_DELETED;
			}
			ec_min = h.erase_count < ec_min ? h.erase_count : ec_min;
			ec_max = h.erase_count > ec_max ? h.erase_count : ec_max;
		}
		if (!o->quiet && !o->text_seq)
			printf("block %u %s ec %u seq %" PRIu64 " records %u live %u torn %u\n",
			       b, state_name(kind, &k), h.erase_count, h.seq,
			       k.records, k.live, k.torn);
		if (kind != LGF_BLK_FORMATTED)
			continue;
		off = LGF_BLK_HDR_SIZE;
		while (lgf_next_record(img, bs, page, &off, &ri)) {
			const struct lgf_rec_hdr *r = &ri.hdr;
			long tl;

			if (ri.status == LGF_REC_MARK) {
				marks++;
				if (o->text_seq)
					continue;
				printf("mark seq %" PRIu64 " block %u off %u deletes",
				       r->seq, b, ri.off);
				for (u32 i = 0; i < ri.nmarks; i++)
					printf(" %" PRIu64, lgf_mark_entry(img, &ri, i));
				putchar('\n');
				continue;
			}
			if (ri.status == LGF_REC_OK && page &&
			    !lgf_rec_visible(&pg.r, r))
				ri.status = LGF_REC_DELETED;

			switch (ri.status) {
			case LGF_REC_OK: ok++; break;
			case LGF_REC_DELETED: deleted++; break;
			case LGF_REC_CORRUPT: corrupt++; break;
			default: torn++; break;
			}
			if (o->text_seq) {
				if (ri.status == LGF_REC_BAD_HEADER || r->seq != o->text_seq)
					continue;
				found = true;
				if (ri.status != LGF_REC_OK && ri.status != LGF_REC_DELETED) {
					fprintf(stderr, "pstore-flash: record %" PRIu64 " is %s\n",
						r->seq, lgf_rec_status_name(ri.status));
					ret = 2;
					continue;
				}
				tl = record_text(img, &ri, text);
				if (tl < 0) {
					fprintf(stderr, "pstore-flash: record %" PRIu64 ": cannot inflate\n",
						r->seq);
					ret = 2;
					continue;
				}
				fwrite(text, 1, tl, stdout);
				continue;
			}
			if (ri.status == LGF_REC_BAD_HEADER) {
				printf("record - block %u off %u len %u status %s\n",
				       b, ri.off, ri.size, lgf_rec_status_name(ri.status));
				continue;
			}
			printf("record seq %" PRIu64 " dump %" PRIu64 " block %u off %u type %u part %u count %d time %" PRId64 ".%09u len %u compressed %d status %s\n",
			       r->seq, r->dump, b, ri.off, r->type, r->part, r->count,
			       r->sec, r->nsec, r->len,
			       !!(r->flags & LGF_REC_F_COMPRESSED),
			       lgf_rec_status_name(ri.status));
			if (ri.status != LGF_REC_OK ||
			    (!o->text_all && !o->dump_dir))
				continue;
			tl = record_text(img, &ri, text);
			if (tl < 0) {
				printf("  (compressed text does not inflate)\n");
				continue;
			}
			if (o->text_all) {
				fwrite(text, 1, tl, stdout);
				if (tl && text[tl - 1] != '\n')
					putchar('\n');
			}
			if (o->dump_dir) {
				char path[4096];
				FILE *f;

				snprintf(path, sizeof(path), "%s/dmesg-flash-%" PRIu64,
					 o->dump_dir, r->seq);
				f = fopen(path, "w");
				if (!f || fwrite(text, 1, tl, f) != (size_t)tl) {
					fprintf(stderr, "pstore-flash: %s: %s\n", path,
						strerror(errno));
					ret = 1;
				}
				if (f && fclose(f))
					ret = 1;
			}
		}
	}
	if (o->text_seq) {
		if (!found) {
			fprintf(stderr, "pstore-flash: no record %llu\n", o->text_seq);
			ret = 1;
		}
	} else {
		printf("summary blocks %u block_size %u erased %u dirty %u formatted %u records ok %lu deleted %lu torn %lu corrupt %lu ec_min %u ec_max %u page %u marks %lu\n",
		       nb, bs, counts[LGF_BLK_ERASED], counts[LGF_BLK_DIRTY],
		       counts[LGF_BLK_FORMATTED], ok, deleted, torn, corrupt,
		       counts[LGF_BLK_FORMATTED] ? ec_min : 0, ec_max,
		       (u32)o->page, marks);
	}
	if (!ret && (torn || corrupt) && !o->text_seq)
		ret = 2;
	free(img);
	free(text);
	paged_free(&pg);
	return ret;
}

static int format(int fd, struct opts *o)
{
	u32 bs = o->block_size, nb = o->size / bs, b, done = 0, kept = 0, dirty = 0;
	u8 *img = malloc(bs);
	int ret = 0;

	if (!img)
		return 1;
	/* paged: the header page is the header and 0xFF, as the kernel writes */
	for (b = 0; b < nb; b++) {
		off_t at = o->offset + (off_t)b * bs;
		struct lgf_blk_hdr h = { .erase_count = 0, .block_size = bs,
					 .seq = b + 1, .page = o->page };
		u8 hdr[LGF_BLK_HDR_SIZE];

		if (pread_all(fd, img, bs, at)) {
			ret = 1;
			break;
		}
		switch (lgf_block_kind(img, bs, &h)) {
		case LGF_BLK_FORMATTED:
			kept++;
			continue;
		case LGF_BLK_DIRTY:
			dirty++;
			continue;
		case LGF_BLK_ERASED:
			break;
		}
		h.erase_count = 0;
		h.block_size = bs;
		h.seq = b + 1;
		h.page = o->page;
		lgf_blk_hdr_pack(&h, hdr);
		if (pwrite_all(fd, hdr, sizeof(hdr), at)) {
			ret = 1;
			break;
		}
		done++;
	}
	free(img);
	if (ret)
		fprintf(stderr, "pstore-flash: %s: %s\n", o->image, strerror(errno));
	else
		printf("formatted %u blocks of %u bytes; %u already formatted, %u not erased (left for the kernel)\n",
		       done, bs, kept, dirty);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "block-size", required_argument, NULL, 'b' },
		{ "page", required_argument, NULL, 'p' },
		{ "offset", required_argument, NULL, 'o' },
		{ "size", required_argument, NULL, 's' },
		{ "text", required_argument, NULL, 't' },
		{ "all-text", no_argument, NULL, 'a' },
		{ "dump", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct opts o = { 0 };
	const char *cmd;
	struct stat st;
	int c, fd, ret;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "decode") && strcmp(cmd, "format")) {
		fprintf(stderr, "pstore-flash: unknown command '%s'\n", cmd);
		usage(stderr);
		return 1;
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (c) {
		case 'b': if (parse_num(optarg, &o.block_size)) goto bad; break;
		case 'p': if (parse_num(optarg, &o.page)) goto bad;
			  o.page_given = true; break;
		case 'o': if (parse_num(optarg, &o.offset)) goto bad; break;
		case 's': if (parse_num(optarg, &o.size)) goto bad; break;
		case 't': if (parse_num(optarg, &o.text_seq) || !o.text_seq) goto bad; break;
		case 'a': o.text_all = true; break;
		case 'd': o.dump_dir = optarg; break;
		case 'q': o.quiet = true; break;
		case 'h': usage(stdout); return 0;
		default: goto bad;
		}
	}
	if (optind != argc - 1)
		goto bad;
	o.image = argv[optind];
	if (o.block_size && (o.block_size < LGF_BLOCK_MIN ||
			     o.block_size > LGF_BLOCK_MAX ||
			     o.block_size % LGF_ALIGN)) {
		fprintf(stderr, "pstore-flash: block size must be %u..%u and a multiple of %u\n",
			LGF_BLOCK_MIN, LGF_BLOCK_MAX, LGF_ALIGN);
		return 1;
	}
	fd = open(o.image, strcmp(cmd, "format") ? O_RDONLY : O_RDWR);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "pstore-flash: %s: %s\n", o.image, strerror(errno));
		return 1;
	}
	if (!o.size && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > o.offset)
		o.size = st.st_size - o.offset;
	detect_block_size(fd, &o);
	if (o.page && !lgf_page_ok(o.block_size, o.page)) {
		fprintf(stderr, "pstore-flash: page %llu does not fit blocks of %llu bytes (%u..%u, a power of 2, 4 pages a block at least)\n",
			o.page, o.block_size, LGF_PAGE_MIN, LGF_PAGE_MAX);
		close(fd);
		return 1;
	}
	if (o.size < o.block_size) {
		fprintf(stderr, "pstore-flash: %s: no whole block of %llu bytes (give --size for a device)\n",
			o.image, o.block_size);
		close(fd);
		return 1;
	}
	ret = strcmp(cmd, "format") ? decode(fd, &o) : format(fd, &o);
	if (close(fd))
		ret = 1;
	return ret;

bad:
	usage(stderr);
	return 1;
}
