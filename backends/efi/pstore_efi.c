// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp EFI variable backend: dmesg records in UEFI variables.
 *
 * On-store format (ABI, shared with upstream efi-pstore, so a stock kernel
 * reads what we write and we read what it wrote):
 *   vendor GUID  LINUX_EFI_CRASH_GUID (cfc8fc79-be2e-4ddc-97f0-9f98bfe298a0)
 *                for records of at most 1024 bytes (the default), which
 *                every stock kernel reads; LASTGASP_EFI_DENSE_GUID
 *                (4f98a288-94bc-4864-b816-18ae2fb7f2da) for larger ones
 *                (record_size > 1024), which stock kernels skip: Linux
 *                6.1, and 6.2+ with its default record_size of 1024, stop
 *                listing the whole store at the first crash-GUID variable
 *                larger than their buffer (or with a name they do not
 *                parse), which would hide every record after it
 *   name         "dump-type<type>-<part>-<count>-<seconds>-<C|D>"
 *                (C: raw deflate, D: plain text); the older
 *                "dump-type<type>-<part>-<count>-<seconds>" and
 *                "dump-type<type>-<part>-<seconds>" are read too
 *   attributes   non-volatile, boot service and runtime access
 *   data         the record as the core made it
 * The backend registers as "efi_pstore", upstream's name, so files read
 * dmesg-efi_pstore-<id> with upstream's id (seconds * 100000 + part * 1000
 * + count) whichever kernel wrote the variables, and the in-tree
 * efi-pstore module cannot register beside us (the core refuses a second
 * backend of the same name).
 *
 * The store guard: dumps must never fill the firmware's variable store
 * (full stores have bricked laptops and blocked firmware updates).  Before
 * every write the backend asks the firmware (QueryVariableInfo) how much is
 * left and writes only while at least free_percent of the store stays free.
 * A part that does not fit whole is cut to its newest bytes, which hold the
 * panic, and says so in its text; nothing is written when not even a small
 * cut fits.
 */

#define pr_fmt(fmt) "pstore_efi: " fmt

#include <linux/efi.h>
#include <linux/kernel.h>
#include <linux/kmsg_dump.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pstore.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/ucs2_string.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>

#include "efi_cut.h"

MODULE_IMPORT_NS(EFIVAR);

#define EFI_PSTORE_NAME		"efi_pstore"
/*
 * Records larger than what stock kernels read (Linux <= 6.1: 1024 bytes;
 * 6.2+: efi_pstore.record_size, default 1024) go under a GUID of
 * lastgasp's own, which stock kernels skip instead of stopping at.
 */
#define STOCK_RECORD_MAX	1024
#define LASTGASP_EFI_DENSE_GUID \
	EFI_GUID(0x4f98a288, 0x94bc, 0x4864, 0xb8, 0x16, 0x18, 0xae, 0x2f, 0xb7, 0xf2, 0xda)
/* Upstream's name buffer length; names are far shorter in practice. */
#define DUMP_NAME_LEN		66
/*
 * Name buffer for listing every variable: 512 bytes, the largest size
 * some old firmware accepts for GetNextVariableName (see upstream).
 */
#define LIST_NAME_LEN		256
#define DUMP_ATTRIBUTES		(EFI_VARIABLE_NON_VOLATILE | \
				 EFI_VARIABLE_BOOTSERVICE_ACCESS | \
				 EFI_VARIABLE_RUNTIME_ACCESS)
#define RECORD_SIZE_MIN		1024
/* Without QueryVariableInfo: at most this much per dump. */
#define NO_QUERY_BUDGET		(32 * 1024)
/* Deflate settings for cut parts: small window, small workspace. */
#define CUT_WBITS		12
#define CUT_MEMLEVEL		5

static unsigned int efi_record_size = STOCK_RECORD_MAX;
module_param_named(record_size, efi_record_size, uint, 0400);
MODULE_PARM_DESC(record_size,
		 "bytes of data per EFI variable (default 1024, read by every stock kernel; larger records, up to what the firmware allows, are denser and stored under lastgasp's own GUID, which stock kernels skip)");

static bool efi_pstore_disable = IS_ENABLED(CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE);
module_param_named(pstore_disable, efi_pstore_disable, bool, 0400);
MODULE_PARM_DESC(pstore_disable,
		 "do not register the EFI backend (default: CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE)");

#ifndef MODULE
/*
 * Upstream's names, efi_pstore.record_size= and efi_pstore.pstore_disable,
 * set the same two values when the backend is built in (the module is
 * called pstore_efi, so these are not module parameters of ours).  Both
 * are read at registration; upstream's runtime switch through
 * /sys/module/efi_pstore/parameters/pstore_disable does not exist here.
 */
static int __init efi_pstore_setup_record_size(char *s)
{
	if (*s != '=' || kstrtouint(s + 1, 0, &efi_record_size))
		return 0;
	return 1;
}
__setup("efi_pstore.record_size", efi_pstore_setup_record_size);

static int __init efi_pstore_setup_disable(char *s)
{
	if (!*s) {
		efi_pstore_disable = true;
		return 1;
	}
	return *s == '=' && !kstrtobool(s + 1, &efi_pstore_disable);
}
__setup("efi_pstore.pstore_disable", efi_pstore_setup_disable);
#endif

static unsigned int efi_free_percent = 50;
module_param_named(free_percent, efi_free_percent, uint, 0400);
MODULE_PARM_DESC(free_percent,
		 "percent of the variable store that dumps always leave free (default 50, range 10..95)");

static unsigned int efi_max_dumps;
module_param_named(max_dumps, efi_max_dumps, uint, 0400);
MODULE_PARM_DESC(max_dumps,
		 "at boot, delete the dump variables of all but the newest N dumps (default 0: delete nothing)");

/*
 * store (read only): the variable store as the firmware reports it now,
 * "total <bytes> free <bytes> floor <bytes>", floor being what dumps
 * always leave free.  For operators and tests.
 */
static int efi_store_get(char *buf, const struct kernel_param *kp)
{
	u64 storage, remaining, max_var;
	efi_status_t status;

	if (!efivar_is_available())
		return sysfs_emit(buf, "unavailable\n");
	status = efivar_query_variable_info(EFI_VARIABLE_NON_VOLATILE |
					    EFI_VARIABLE_BOOTSERVICE_ACCESS |
					    EFI_VARIABLE_RUNTIME_ACCESS,
					    &storage, &remaining, &max_var);
	if (status != EFI_SUCCESS)
		return sysfs_emit(buf, "unknown (%d)\n", efi_status_to_err(status));
	return sysfs_emit(buf, "total %llu free %llu floor %llu\n", storage,
			  remaining, div_u64(storage * READ_ONCE(efi_free_percent), 100));
}

static const struct kernel_param_ops efi_store_ops = {
	.get	= efi_store_get,
};
module_param_cb(store, &efi_store_ops, NULL, 0444);
MODULE_PARM_DESC(store, "read only: variable store size, free bytes and the floor dumps leave free");

/**
 * struct efi_pstore_ctx - the backend's state
 * @psi:	what the core knows of us; psi.buf holds the record to write
 * @text:	uncompressed text of a part being cut (panic path)
 * @text_size:	size of @text
 * @inflate:	zlib inflate stream with its workspace (panic path)
 * @deflate:	zlib deflate stream with its workspace (panic path)
 * @name:	name of the variable being listed (open/read/close)
 * @guid:	its vendor GUID: GetNextVariableName continues from both
 * @write_guid:	vendor GUID of the records we write: the crash GUID, or
 *		lastgasp's own for records larger than STOCK_RECORD_MAX
 * @storage:	store size QueryVariableInfo reported at registration
 * @max_var:	largest variable the firmware takes, 0 if unknown
 * @no_query:	the firmware lacks QueryVariableInfo
 * @dump_count:	count of the dump being written, for the budget below
 * @dump_used:	bytes of store that dump's variables took so far
 * @dump_room:	bytes the dump may use, from the firmware at its first write
 * @dump_asked:	@dump_room is valid for @dump_count
 * @cut_said:	the dump's first cut or refusal was logged
 *
 * Everything the panic path uses is allocated at registration.
 */
struct efi_pstore_ctx {
	struct pstore_info	psi;
	char			*text;
	size_t			text_size;
	struct z_stream_s	inflate;
	struct z_stream_s	deflate;
	efi_char16_t		name[LIST_NAME_LEN];
	efi_guid_t		guid;
	efi_guid_t		write_guid;
	u64			storage;
	u64			max_var;
	bool			no_query;
	int			dump_count;
	size_t			dump_used;
	u64			dump_room;
	bool			dump_asked;
	bool			cut_said;
};

static struct efi_pstore_ctx efi_ctx;

/* A variable of one of the two GUIDs dump records are stored under. */
static bool efi_pstore_guid_ours(efi_guid_t guid)
{
	return !efi_guidcmp(guid, LINUX_EFI_CRASH_GUID) ||
	       !efi_guidcmp(guid, LASTGASP_EFI_DENSE_GUID);
}

/* record->priv of a record read back: what erase needs to delete it. */
struct efi_pstore_var {
	efi_guid_t	guid;
	efi_char16_t	name[DUMP_NAME_LEN];
};

static u64 efi_pstore_id(u64 seconds, unsigned int part, int count)
{
	return (seconds * 100 + part) * 1000 + count;
}

/* Returns the name's length in characters (without the NUL). */
static size_t efi_pstore_mkname(efi_char16_t *out, const struct pstore_record *record,
				bool compressed)
{
	char name[DUMP_NAME_LEN];
	size_t i, len;

	len = scnprintf(name, sizeof(name), "dump-type%u-%u-%d-%lld-%c",
			record->type, record->part, record->count,
			(long long)record->time.tv_sec, compressed ? 'C' : 'D');
	for (i = 0; i <= len; i++)
		out[i] = name[i];
	return len;
}

/*
 * Bytes of variable store this write may use.  The firmware is asked at
 * the first write of each dump (QueryVariableInfo, the nonblocking call:
 * it only try-locks the runtime services lock); later parts of the same
 * dump subtract what this dump wrote since, which saves a slow firmware
 * call per part (efivars still checks its own 5 KiB reserve on every
 * write).  Returns -EBUSY when the firmware cannot be asked now.
 */
static notrace long efi_pstore_budget(struct efi_pstore_ctx *ctx, int count)
{
	u64 storage, remaining, max_var, reserve;
	efi_status_t status;

	if (count == ctx->dump_count && ctx->dump_asked) {
		if (ctx->dump_room <= ctx->dump_used)
			return 0;
		return min_t(u64, ctx->dump_room - ctx->dump_used, LONG_MAX);
	}
	ctx->dump_count = count;
	ctx->dump_used = 0;
	ctx->dump_asked = false;
	ctx->cut_said = false;

	if (ctx->no_query) {
		ctx->dump_room = NO_QUERY_BUDGET;
		ctx->dump_asked = true;
		return NO_QUERY_BUDGET;
	}

	status = efi.query_variable_info_nonblocking(DUMP_ATTRIBUTES, &storage,
						     &remaining, &max_var);
	if (status == EFI_NOT_READY)
		return -EBUSY;
	if (status != EFI_SUCCESS)
		return -EIO;

	reserve = div_u64(storage * efi_free_percent, 100);
	ctx->dump_room = remaining > reserve ? remaining - reserve : 0;
	ctx->dump_asked = true;
	return min_t(u64, ctx->dump_room, LONG_MAX);
}

/* Inflate the record in psi->buf into ctx->text. Returns length or -errno. */
static notrace long efi_pstore_unpack(struct efi_pstore_ctx *ctx,
				      const struct pstore_record *record)
{
	struct z_stream_s *zs = &ctx->inflate;
	long len;

	if (zlib_inflateInit2(zs, -MAX_WBITS) != Z_OK)
		return -EIO;
	zs->next_in = record->buf;
	zs->avail_in = record->size;
	zs->next_out = ctx->text;
	zs->avail_out = ctx->text_size;
	len = zlib_inflate(zs, Z_FINISH) == Z_STREAM_END ? zs->total_out : -EIO;
	zlib_inflateEnd(zs);
	return len;
}

/*
 * Deflate the three pieces of a cut part (header line, cut note, newest
 * text) as one raw deflate stream into @out.  Returns the compressed
 * length, or -ENOSPC if it does not fit in @out_size.
 */
static notrace long efi_pstore_pack(struct efi_pstore_ctx *ctx,
				    const char *const in[3],
				    const size_t len[3], char *out,
				    size_t out_size)
{
	struct z_stream_s *zs = &ctx->deflate;
	long ret = -ENOSPC;
	int i;

	if (zlib_deflateInit2(zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -CUT_WBITS,
			      CUT_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
		return -EIO;
	zs->next_out = out;
	zs->avail_out = out_size;
	for (i = 0; i < 3; i++) {
		int flush = i == 2 ? Z_FINISH : Z_NO_FLUSH;
		int z;

		zs->next_in = in[i];
		zs->avail_in = len[i];
		z = zlib_deflate(zs, flush);
		if (flush == Z_FINISH) {
			if (z == Z_STREAM_END)
				ret = zs->total_out;
		} else if (z != Z_OK || zs->avail_in) {
			break;
		}
	}
	zlib_deflateEnd(zs);
	return ret;
}

/*
 * The part does not fit in @room bytes of data (at most psi.bufsize, see
 * efi_cut_room()): rebuild psi->buf as the part's header line, a line
 * saying it was cut, and the newest text that fits, compressed when
 * possible.  Returns the new size, or -errno.
 */
static notrace long efi_pstore_cut(struct efi_pstore_ctx *ctx,
				   struct pstore_record *record, size_t room)
{
	char *text = ctx->text, *buf = ctx->psi.buf;
	const char *in[3];
	size_t len[3], head, body, keep;
	char note[EFI_CUT_NOTE_LEN];
	long total, z;
	int tries;

	if (record->compressed) {
		total = efi_pstore_unpack(ctx, record);
		if (total < 0)
			return total;
	} else {
		total = min_t(size_t, record->size, ctx->text_size);
		memcpy(text, record->buf, total);
	}

	/* The "<Reason>#<count> Part<n>" line stays in front. */
	head = efi_cut_head(text, total);
	body = total - head;

	/*
	 * Compressed first: guess from the ratio the part had, shrink until
	 * it fits.
	 */
	keep = body;
	if (record->compressed && record->size)
		keep = min_t(size_t, body,
			     div_u64((u64)total * room, record->size) * 9 / 10);
	for (tries = 0; tries < 4 && keep >= EFI_CUT_MIN; tries++) {
		in[0] = text;
		len[0] = head;
		in[1] = note;
		len[1] = efi_cut_note(note, keep, body);
		in[2] = text + total - keep;
		len[2] = keep;
		z = efi_pstore_pack(ctx, in, len, buf, room);
		if (z > 0) {
			record->compressed = true;
			return z;
		}
		keep = keep * 3 / 4;
	}

	/* Plain text: header, note, as much of the newest text as fits. */
	z = efi_cut_plain(buf, room, text, total);
	if (z < 0)
		return -ENOSPC;
	record->compressed = false;
	return z;
}

/*
 * Panic-path rules (the core may call this from panic, NMI or emergency
 * context): no allocation, nothing that sleeps, only try-locks.  The
 * efivars lock is try-locked, the firmware is asked and written through
 * the nonblocking runtime wrappers, which only try-lock the runtime
 * services lock; all buffers were allocated at registration.
 */
static notrace int efi_pstore_write(struct pstore_record *record)
{
	struct efi_pstore_ctx *ctx = container_of(record->psi, struct efi_pstore_ctx, psi);
	efi_char16_t name[DUMP_NAME_LEN];
	size_t name_len, orig = record->size;
	efi_status_t status;
	long budget, size = record->size;
	int ret = 0;

	if (record->type != PSTORE_TYPE_DMESG)
		return -EINVAL;

	if (efivar_trylock())
		return -EBUSY;

	budget = efi_pstore_budget(ctx, record->count);
	if (budget < 0) {
		ret = budget;
		goto out_unlock;
	}

	name_len = efi_pstore_mkname(name, record, record->compressed);
	if (efi_var_cost(name_len, size) > budget) {
		size_t room = efi_cut_room(budget, name_len, ctx->psi.bufsize);

		size = room ? efi_pstore_cut(ctx, record, room) : -ENOSPC;
		if (!ctx->cut_said) {
			ctx->cut_said = true;
			if (size > 0)
				pr_err("dump #%d part %u cut from %zu to %ld bytes: the variable store keeps %u%% free\n",
				       record->count, record->part, orig, size,
				       efi_free_percent);
			else
				pr_err("dump #%d part %u not written (%zu bytes, %ld allowed): the variable store keeps %u%% free\n",
				       record->count, record->part, orig,
				       max(budget, 0L), efi_free_percent);
		}
		if (size <= 0) {
			ret = size ? size : -ENOSPC;
			goto out_unlock;
		}
		record->size = size;
		name_len = efi_pstore_mkname(name, record, record->compressed);
	}

	record->id = efi_pstore_id(record->time.tv_sec, record->part,
				   record->count);
	status = efivar_set_variable_locked(name, &ctx->write_guid,
					    DUMP_ATTRIBUTES, record->size,
					    record->buf, true);
	if (status != EFI_SUCCESS) {
		ret = efi_status_to_err(status);
		/* the core stops this dump at a refused part: said once a dump */
		pr_err("dump #%d part %u: the firmware refused SetVariable (EFI status %#lx, %d)\n",
		       record->count, record->part, status, ret);
		goto out_unlock;
	}
	ctx->dump_used += efi_var_cost(name_len, record->size);

out_unlock:
	efivar_unlock();
	return ret;
}

/*
 * Parse a variable name of ours.  Returns false for a name that is not a
 * dump record (reported by the caller).
 */
static bool efi_pstore_parse(const char *name, struct pstore_record *record)
{
	unsigned int type, part;
	long long seconds;
	/* where each form's match ended; 0 (name[0] is 'd') if it did not */
	int count, n1 = 0, n2 = 0, n3 = 0;
	char kind;

	if (sscanf(name, "dump-type%u-%u-%d-%lld-%c%n", &type, &part, &count,
		   &seconds, &kind, &n1) == 5 && !name[n1] &&
	    (kind == 'C' || kind == 'D')) {
		record->compressed = kind == 'C';
	} else if (sscanf(name, "dump-type%u-%u-%d-%lld%n", &type, &part,
			  &count, &seconds, &n2) == 4 && !name[n2]) {
		record->compressed = false;
	} else if (sscanf(name, "dump-type%u-%u-%lld%n", &type, &part,
			  &seconds, &n3) == 3 && !name[n3]) {
		count = 0;
		record->compressed = false;
	} else {
		return false;
	}
	if (type >= PSTORE_TYPE_MAX || seconds < 0 || count < 0)
		return false;

	record->type = type;
	record->part = part;
	record->count = count;
	record->time.tv_sec = seconds;
	record->time.tv_nsec = 0;
	record->id = efi_pstore_id(seconds, part, count);
	return true;
}

static int efi_pstore_open(struct pstore_info *psi)
{
	struct efi_pstore_ctx *ctx = container_of(psi, struct efi_pstore_ctx, psi);
	int ret;

	ret = efivar_lock();
	if (ret)
		return ret;
	ctx->name[0] = 0;
	return 0;
}

static int efi_pstore_close(struct pstore_info *psi)
{
	efivar_unlock();
	return 0;
}

/*
 * Read the current variable (ctx->name) into @record.  Returns its size,
 * or 0 to skip it: a damaged variable must not hide the others.
 */
static ssize_t efi_pstore_read_var(struct efi_pstore_ctx *ctx,
				   struct pstore_record *record, const char *name)
{
	struct efi_pstore_var *var;
	unsigned long size = 0;
	efi_status_t status;
	void *buf;

	status = efivar_get_variable(ctx->name, &ctx->guid, NULL, &size, NULL);
	if (status != EFI_BUFFER_TOO_SMALL || !size) {
		pr_warn("variable %s: %s: skipped\n", name,
			status == EFI_SUCCESS ? "empty" : "cannot read its size");
		return 0;
	}
	if (size > SZ_1M) {
		pr_warn("variable %s: %lu bytes is not a dump record: skipped\n",
			name, size);
		return 0;
	}
	buf = kmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	status = efivar_get_variable(ctx->name, &ctx->guid, NULL, &size, buf);
	if (status != EFI_SUCCESS) {
		pr_warn("variable %s: read failed (%d): skipped\n", name,
			efi_status_to_err(status));
		kfree(buf);
		return 0;
	}
	var = kzalloc(sizeof(*var), GFP_KERNEL);
	if (!var) {
		kfree(buf);
		return -ENOMEM;
	}
	/* the caller checked the name is shorter than DUMP_NAME_LEN */
	var->guid = ctx->guid;
	memcpy(var->name, ctx->name, (ucs2_strnlen(ctx->name, DUMP_NAME_LEN) + 1) *
	       sizeof(efi_char16_t));
	record->priv = var;
	record->buf = buf;
	return size;
}

static ssize_t efi_pstore_read(struct pstore_record *record)
{
	struct efi_pstore_ctx *ctx = container_of(record->psi, struct efi_pstore_ctx, psi);
	char name[DUMP_NAME_LEN];
	efi_status_t status;
	ssize_t ret;

	for (;;) {
		unsigned long name_size = sizeof(ctx->name);

		status = efivar_get_next_variable(&name_size, ctx->name,
						  &ctx->guid);
		if (status == EFI_NOT_FOUND)
			return 0;
		if (status != EFI_SUCCESS) {
			pr_warn("listing the variables failed (%d): records after this point are not shown\n",
				efi_status_to_err(status));
			return 0;
		}
		if (!efi_pstore_guid_ours(ctx->guid))
			continue;

		ucs2_as_utf8(name, ctx->name, sizeof(name) - 1);
		name[sizeof(name) - 1] = 0;
		if (ucs2_strnlen(ctx->name, LIST_NAME_LEN) >= DUMP_NAME_LEN ||
		    !efi_pstore_parse(name, record)) {
			pr_warn("variable %s has the crash GUID but is not a dump record: ignored\n",
				name);
			continue;
		}
		ret = efi_pstore_read_var(ctx, record, name);
		if (ret)
			return ret;
	}
}

static int efi_pstore_erase(struct pstore_record *record)
{
	struct efi_pstore_var *var = record->priv;
	efi_status_t status;

	if (!var)
		return -EINVAL;
	status = efivar_set_variable(var->name, &var->guid, DUMP_ATTRIBUTES,
				     0, NULL);
	if (status != EFI_SUCCESS && status != EFI_NOT_FOUND)
		return efi_status_to_err(status);
	return 0;
}

/* Boot-time cleanup (max_dumps=N): one dump = one (seconds, count) pair. */
struct efi_dump_var {
	efi_char16_t	name[DUMP_NAME_LEN];
	efi_guid_t	guid;
	u64		seconds;
	int		count;
};

static int efi_dump_var_newer(const void *a, const void *b)
{
	const struct efi_dump_var *x = a, *y = b;

	if (x->seconds != y->seconds)
		return x->seconds > y->seconds ? -1 : 1;
	return y->count - x->count;
}

static void efi_pstore_cleanup(unsigned int keep)
{
	struct efi_dump_var *vars;
	efi_char16_t name[LIST_NAME_LEN] = { 0 };
	unsigned int n = 0, max = 512, i, dumps = 0, removed = 0;
	efi_status_t status;
	efi_guid_t guid;

	vars = kvmalloc_array(max, sizeof(*vars), GFP_KERNEL);
	if (!vars)
		return;
	if (efivar_lock())
		goto out_free;
	while (n < max) {
		unsigned long name_size = sizeof(name);
		struct pstore_record rec = { };
		char utf8[DUMP_NAME_LEN];

		status = efivar_get_next_variable(&name_size, name, &guid);
		if (status != EFI_SUCCESS)
			break;
		if (!efi_pstore_guid_ours(guid))
			continue;
		ucs2_as_utf8(utf8, name, sizeof(utf8) - 1);
		utf8[sizeof(utf8) - 1] = 0;
		if (ucs2_strnlen(name, LIST_NAME_LEN) >= DUMP_NAME_LEN ||
		    !efi_pstore_parse(utf8, &rec))
			continue;
		memcpy(vars[n].name, name, sizeof(vars[n].name));
		vars[n].guid = guid;
		vars[n].seconds = rec.time.tv_sec;
		vars[n].count = rec.count;
		n++;
	}
	sort(vars, n, sizeof(*vars), efi_dump_var_newer, NULL);
	for (i = 0; i < n; i++) {
		if (!i || efi_dump_var_newer(&vars[i], &vars[i - 1]))
			dumps++;
		if (dumps <= keep)
			continue;
		status = efivar_set_variable_locked(vars[i].name,
						    &vars[i].guid,
						    DUMP_ATTRIBUTES, 0, NULL,
						    false);
		if (status == EFI_SUCCESS)
			removed++;
	}
	efivar_unlock();
	if (removed)
		pr_info("max_dumps=%u: removed %u variables of %u older dumps\n",
			keep, removed, dumps - keep);
out_free:
	kvfree(vars);
}

static const char *efi_pstore_guid_what(const struct efi_pstore_ctx *ctx)
{
	return efi_guidcmp(ctx->write_guid, LINUX_EFI_CRASH_GUID) ?
	       "lastgasp's GUID (stock kernels skip them)" :
	       "the crash GUID (stock kernels read them)";
}

static void efi_pstore_free(struct efi_pstore_ctx *ctx)
{
	kfree(ctx->psi.buf);
	ctx->psi.buf = NULL;
	vfree(ctx->text);
	ctx->text = NULL;
	vfree(ctx->inflate.workspace);
	ctx->inflate.workspace = NULL;
	vfree(ctx->deflate.workspace);
	ctx->deflate.workspace = NULL;
}

static int __init efi_pstore_init(void)
{
	struct efi_pstore_ctx *ctx = &efi_ctx;
	u64 storage = 0, remaining = 0, max_var = 0;
	size_t limit;
	efi_status_t status;
	int ret;

	if (efi_pstore_disable) {
		pr_info("pstore_disable is set: not registering\n");
		return 0;
	}
	if (!efivar_is_available() || !efivar_supports_writes()) {
		pr_info("no writable EFI variable services: not registering\n");
		return -ENODEV;
	}

	if (efi_free_percent < 10 || efi_free_percent > 95) {
		pr_warn("free_percent=%u out of range 10..95: using 50\n",
			efi_free_percent);
		efi_free_percent = 50;
	}

	if (efi_max_dumps)
		efi_pstore_cleanup(efi_max_dumps);

	ctx->no_query = !efi_rt_services_supported(EFI_RT_SUPPORTED_QUERY_VARIABLE_INFO) ||
			!efi.query_variable_info_nonblocking;
	if (!ctx->no_query) {
		status = efivar_query_variable_info(DUMP_ATTRIBUTES, &storage,
						    &remaining, &max_var);
		if (status != EFI_SUCCESS)
			ctx->no_query = true;
	}
	if (ctx->no_query) {
		pr_warn("the firmware cannot report free variable space: each dump limited to %u bytes\n",
			NO_QUERY_BUDGET);
	}
	ctx->storage = storage;
	ctx->max_var = max_var;

	/* A record plus its name must fit in one variable. */
	limit = max_var ? max_var - min_t(u64, max_var, efi_var_cost(DUMP_NAME_LEN, 0)) : SZ_64K;
	if (efi_record_size < RECORD_SIZE_MIN || efi_record_size > limit) {
		unsigned int want = efi_record_size;

		efi_record_size = clamp_t(size_t, efi_record_size, RECORD_SIZE_MIN,
					  max_t(size_t, limit, RECORD_SIZE_MIN));
		pr_warn("record_size=%u outside %u..%zu: using %u\n", want,
			RECORD_SIZE_MIN, limit, efi_record_size);
	}

	ctx->psi.owner = THIS_MODULE;
	ctx->psi.name = EFI_PSTORE_NAME;
	ctx->psi.flags = PSTORE_FLAGS_DMESG;
	ctx->psi.open = efi_pstore_open;
	ctx->psi.close = efi_pstore_close;
	ctx->psi.read = efi_pstore_read;
	ctx->psi.write = efi_pstore_write;
	ctx->psi.erase = efi_pstore_erase;
	ctx->psi.bufsize = efi_record_size;
	ctx->dump_count = -1;
	ctx->write_guid = efi_record_size > STOCK_RECORD_MAX ?
			  LASTGASP_EFI_DENSE_GUID : LINUX_EFI_CRASH_GUID;

	ret = -ENOMEM;
	ctx->psi.buf = kmalloc(efi_record_size, GFP_KERNEL);
	/* The core's parts hold up to bufsize * 100 / 60 bytes of text. */
	ctx->text_size = efi_record_size * 2 + 256;
	ctx->text = vmalloc(ctx->text_size);
	ctx->inflate.workspace = vmalloc(zlib_inflate_workspacesize());
	ctx->deflate.workspace = vmalloc(zlib_deflate_workspacesize(CUT_WBITS,
								    CUT_MEMLEVEL));
	if (!ctx->psi.buf || !ctx->text || !ctx->inflate.workspace ||
	    !ctx->deflate.workspace)
		goto err_free;

	ret = pstore_register(&ctx->psi);
	if (ret)
		goto err_free;

	if (ctx->no_query)
		pr_info("registered: records of %u bytes under %s\n",
			efi_record_size, efi_pstore_guid_what(ctx));
	else
		pr_info("registered: records of %u bytes under %s; variable store %llu bytes, %llu free, largest variable %llu; dumps leave %u%% (%llu bytes) free\n",
			efi_record_size, efi_pstore_guid_what(ctx), storage,
			remaining, max_var, efi_free_percent,
			div_u64(storage * efi_free_percent, 100));
	return 0;

err_free:
	efi_pstore_free(ctx);
	return ret;
}

static void __exit efi_pstore_exit(void)
{
	if (!efi_ctx.psi.buf)
		return;		/* pstore_disable: never registered */
	pstore_unregister(&efi_ctx.psi);
	efi_pstore_free(&efi_ctx);
}

module_init(efi_pstore_init);
module_exit(efi_pstore_exit);

MODULE_DESCRIPTION("pstore backend in EFI variables, with a guard that keeps the variable store from filling");
MODULE_LICENSE("GPL");
