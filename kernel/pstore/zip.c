// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: deflate for dmesg records.
 *
 * Raw deflate (no zlib header, windowBits -MAX_WBITS), the format upstream
 * pstore writes since 6.6 and, through the crypto "deflate" algorithm,
 * before: records move between this core and stock kernels either way.
 * The zlib library is used directly, not through the crypto API, so the
 * panic path runs no code that allocates or looks anything up.
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "internal.h"

static char *compress = "deflate";
module_param(compress, charp, 0444);
MODULE_PARM_DESC(compress,
		 "compression of dmesg records: deflate or none (default: deflate); read at backend registration");

/*
 * Kernel log text deflates to well under 60% of its size, so a part is
 * cut from up to bufsize * 100 / 60 bytes of log and usually still fits in
 * the backend's bufsize once compressed; when it does not, kmsg.c stores
 * it uncompressed and truncated.
 */
#define PSTORE_ZIP_PERCENT	60

/* Reading back: records from any sane writer inflate to less than this. */
#define PSTORE_UNZIP_MAX_RATIO	16

static bool pstore_zip_wanted(void)
{
	if (!compress || !strcmp(compress, "none"))
		return false;
	if (strcmp(compress, "deflate"))
		pr_warn_once("compress=%s not supported, using deflate\n",
			     compress);
	return true;
}

/**
 * pstore_zip_alloc() - allocate a backend's compression buffers
 * @be: a backend with PSTORE_FLAGS_DMESG
 *
 * Context: process context (registration).
 * Return: 0, also when compression is disabled (be->zbuf stays NULL);
 * -ENOMEM.
 */
int pstore_zip_alloc(struct pstore_backend *be)
{
	size_t size = be->psi->bufsize * 100 / PSTORE_ZIP_PERCENT;

	if (!pstore_zip_wanted())
		return 0;

	be->zwork = vzalloc(zlib_deflate_workspacesize(MAX_WBITS,
						       DEF_MEM_LEVEL));
	if (!be->zwork)
		return -ENOMEM;
	be->zbuf = kvzalloc(size, GFP_KERNEL);
	if (!be->zbuf)
		goto err_free_zwork;
	be->zbuf_size = size;
	return 0;

err_free_zwork:
	vfree(be->zwork);
	be->zwork = NULL;
	return -ENOMEM;
}

void pstore_zip_free(struct pstore_backend *be)
{
	kvfree(be->zbuf);
	be->zbuf = NULL;
	be->zbuf_size = 0;
	vfree(be->zwork);
	be->zwork = NULL;
}

/**
 * pstore_zip_compress() - deflate one dmesg part
 * @be:     backend whose workspace is used; caller holds be->psi->buf_lock
 * @in:     text
 * @inlen:  bytes of text
 * @out:    destination
 * @outlen: room at @out
 *
 * Panic-path safe: uses only the preallocated workspace.
 *
 * Return: compressed size, or a negative errno if the result does not fit
 * in @outlen or zlib fails.
 */
notrace int pstore_zip_compress(struct pstore_backend *be, const void *in,
				size_t inlen, void *out, size_t outlen)
{
	struct z_stream_s zs = {
		.next_in	= in,
		.avail_in	= inlen,
		.next_out	= out,
		.avail_out	= outlen,
		.workspace	= be->zwork,
	};
	int ret;

	if (!be->zwork)
		return -EOPNOTSUPP;

	ret = zlib_deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
				-MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY);
	if (ret != Z_OK)
		return -EINVAL;
	ret = zlib_deflate(&zs, Z_FINISH);
	zlib_deflateEnd(&zs);
	if (ret != Z_STREAM_END)
		return -ENOSPC;
	return zs.total_out;
}

/**
 * pstore_unzip_begin() - get an inflate stream for a scan of records
 *
 * Context: process context.
 * Return: the stream, or NULL if compression is not available (compressed
 * records then stay compressed and show up as .enc.z).
 */
struct z_stream_s *pstore_unzip_begin(void)
{
	struct z_stream_s *zs;

	zs = kzalloc(sizeof(*zs), GFP_KERNEL);
	if (!zs)
		return NULL;
	zs->workspace = kvzalloc(zlib_inflate_workspacesize(), GFP_KERNEL);
	if (!zs->workspace)
		goto err_free_zs;
	if (zlib_inflateInit2(zs, -MAX_WBITS) != Z_OK)
		goto err_free_workspace;
	return zs;

err_free_workspace:
	kvfree(zs->workspace);
err_free_zs:
	kfree(zs);
	return NULL;
}

void pstore_unzip_end(struct z_stream_s *zs)
{
	if (!zs)
		return;
	zlib_inflateEnd(zs);
	kvfree(zs->workspace);
	kfree(zs);
}

/**
 * pstore_unzip_record() - replace a compressed record's payload by its text
 * @zs:     stream from pstore_unzip_begin()
 * @record: a record with ->compressed set, as the backend's ->read() left it
 *
 * The backend may have put an ECC notice of @record->ecc_notice_size bytes
 * after the compressed payload; it is kept after the inflated text.  On
 * success @record->buf is a new kvmalloc'ed buffer, @record->size the text
 * length and @record->compressed false.  On failure @record is unchanged.
 *
 * Return: 0 or a negative errno.
 */
int pstore_unzip_record(struct z_stream_s *zs, struct pstore_record *record)
{
	size_t notice = max_t(ssize_t, record->ecc_notice_size, 0);
	size_t room = max_t(size_t, record->size, record->psi->bufsize) * 3;
	char *text, *exact;
	int ret;

	if (!zs)
		return -EOPNOTSUPP;

	for (;;) {
		text = kvzalloc(room + notice, GFP_KERNEL);
		if (!text)
			return -ENOMEM;
		if (zlib_inflateReset(zs) != Z_OK) {
			ret = -EINVAL;
			goto err_free_text;
		}
		zs->next_in = record->buf;
		zs->avail_in = record->size;
		zs->next_out = text;
		zs->avail_out = room;
		ret = zlib_inflate(zs, Z_FINISH);
		if (ret == Z_STREAM_END)
			break;
		kvfree(text);
		/* Out of room but otherwise fine: try once more, bigger. */
		if ((ret != Z_BUF_ERROR && ret != Z_OK) || zs->avail_out ||
		    room >= record->size * PSTORE_UNZIP_MAX_RATIO)
			return -EINVAL;
		room = record->size * PSTORE_UNZIP_MAX_RATIO;
	}

	memcpy(text + zs->total_out, record->buf + record->size, notice);

	/* The record lives as long as its file: do not keep the slack. */
	exact = kvmalloc(zs->total_out + notice, GFP_KERNEL);
	if (exact) {
		memcpy(exact, text, zs->total_out + notice);
		kvfree(text);
		text = exact;
	}

	kvfree(record->buf);
	record->buf = text;
	record->size = zs->total_out;
	record->compressed = false;
	return 0;

err_free_text:
	kvfree(text);
	return ret;
}
