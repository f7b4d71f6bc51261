// SPDX-License-Identifier: GPL-2.0-only
/*
 * Panic write for CFI command set 0001: the command sequencer (see
 * cfi0001_panic.h and docs/flash-panic-write.md).
 *
 * Runs on the panicking CPU after the others were stopped, wherever they
 * stopped: no locks (a stopped CPU may hold chip->mutex forever), no sleep,
 * and every wait a bounded poll.
 */
#ifdef __KERNEL__
#define pr_fmt(fmt) "cfi0001_panic: " fmt
#include <linux/module.h>
#include <linux/string.h>
#else
#include <string.h>
#endif

#include "cfi0001_panic.h"

/* Internal: the chip rejected buffered programming; use words. */
#define CFI0001_FALLBACK	1

#define CFI0001_MAX_BANKWIDTH	32

static int fail(struct cfi0001_result *r, int err, const char *why,
		unsigned long ofs, u8 status)
{
	r->why = why;
	r->fail_ofs = ofs;
	r->status = status;
	return err;
}

/*
 * Poll the status at @ofs until every chip of the bank is ready, for at most
 * @bound_us delays of 1 us. The chip must already output status.
 */
static int poll_ready(const struct cfi0001_chip *c, unsigned long ofs,
		      u32 bound_us, u8 *st, struct cfi0001_result *r)
{
	u32 waited = 0;

	if (!bound_us)
		bound_us = 1;
	for (;;) {
		*st = c->ops->status(c->ctx, ofs);
		r->polls++;
		if (*st & CFI0001_SR_READY)
			return 0;
		if (waited >= bound_us)
			return -ETIMEDOUT;
		c->ops->delay_us(c->ctx, 1);
		waited++;
	}
}

/* After a failed step: clear the sticky bits, back to read array. */
static int fail_clear(const struct cfi0001_chip *c, struct cfi0001_result *r,
		      unsigned long ofs, u8 st)
{
	c->ops->cmd(c->ctx, ofs, CFI0001_CMD_CLEAR_SR);
	c->ops->cmd(c->ctx, ofs, CFI0001_CMD_READ_ARRAY);
	if (st & CFI0001_SR_LOCKED)
		return fail(r, -EROFS, "block locked (SR.1)", ofs, st);
	if (st & CFI0001_SR_VPP_LOW)
		return fail(r, -EIO, "VPP low (SR.3)", ofs, st);
	return fail(r, -EIO, "program error (SR.4)", ofs, st);
}

/*
 * The bus word at @a (aligned): the request's bytes where it covers the
 * word, all ones elsewhere (programming ones changes nothing on NOR).
 * Returns true if the word is all ones.
 */
static bool fill_word(const struct cfi0001_chip *c, unsigned long a,
		      unsigned long ofs, size_t len, const u8 *buf, u8 *word)
{
	bool ones = true;
	unsigned int i;

	for (i = 0; i < c->bankwidth; i++) {
		unsigned long b = a + i;

		word[i] = (b >= ofs && b - ofs < len) ? buf[b - ofs] : 0xff;
		if (word[i] != 0xff)
			ones = false;
	}
	return ones;
}

static int program_word(const struct cfi0001_chip *c, unsigned long a,
			const u8 *word, struct cfi0001_result *r)
{
	u8 st;

	c->ops->cmd(c->ctx, a, CFI0001_CMD_PROGRAM);
	c->ops->write(c->ctx, a, word);
	if (poll_ready(c, a, c->word_max_us, &st, r))
		return fail(r, -ETIMEDOUT, "word program did not finish", a, st);
	if (st & CFI0001_SR_ERRORS)
		return fail_clear(c, r, a, st);
	return 0;
}

/*
 * Program [@from, @to) of the request through the write buffer; the range
 * lies inside one buffer window. Returns CFI0001_FALLBACK if the chip
 * rejected the sequence (SR.5 and SR.4: nothing was programmed).
 */
static int program_buffer(const struct cfi0001_chip *c, unsigned long from,
			  unsigned long to, unsigned long ofs, size_t len,
			  const u8 *buf, struct cfi0001_result *r)
{
	unsigned long win = from & ~(unsigned long)(c->wbufsize - 1);
	unsigned long first = from & ~(unsigned long)(c->bankwidth - 1);
	unsigned long last = (to - 1) & ~(unsigned long)(c->bankwidth - 1);
	unsigned long a;
	u8 word[CFI0001_MAX_BANKWIDTH];
	u8 st;

	c->ops->cmd(c->ctx, win, CFI0001_CMD_WRITE_BUF);
	/*
	 * The chip now outputs the extended status; bit 7 says the buffer is
	 * free. If it never does, the chip did not accept the 0xE8 and still
	 * waits for one: stop without another write.
	 */
	if (poll_ready(c, win, c->buf_max_us, &st, r))
		return fail(r, -ETIMEDOUT, "write buffer never available", win, st);
	c->ops->cmd(c->ctx, win, (last - first) / c->bankwidth);
	for (a = first; a <= last; a += c->bankwidth) {
		fill_word(c, a, ofs, len, buf, word);
		c->ops->write(c->ctx, a, word);
	}
	c->ops->cmd(c->ctx, win, CFI0001_CMD_CONFIRM);
	if (poll_ready(c, win, c->buf_max_us, &st, r))
		return fail(r, -ETIMEDOUT, "buffer program did not finish", win, st);
	if ((st & CFI0001_SR_SEQ_ERR) == CFI0001_SR_SEQ_ERR) {
		c->ops->cmd(c->ctx, win, CFI0001_CMD_CLEAR_SR);
		r->buffer_fallback = true;
		return CFI0001_FALLBACK;
	}
	if (st & CFI0001_SR_ERRORS)
		return fail_clear(c, r, win, st);
	return 0;
}

static bool overlaps(unsigned long a, size_t alen, unsigned long b, size_t blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * Deal with what the stopped CPUs left, up to the point where the chip is
 * idle (or its erase suspended) and any half-sent command is finished.
 */
static int settle(const struct cfi0001_chip *c, unsigned long ofs, size_t len,
		  struct cfi0001_result *r)
{
	unsigned long a = ofs & ~(unsigned long)(c->bankwidth - 1);
	u8 ones[CFI0001_MAX_BANKWIDTH];
	u8 st;

	switch (c->left) {
	case CFI0001_LEFT_IDLE:
		break;
	case CFI0001_LEFT_PROGRAMMING:
		/* A confirmed program outputs status: wait for it to end. */
		if (poll_ready(c, a, c->word_max_us > c->buf_max_us ?
			       c->word_max_us : c->buf_max_us, &st, r))
			return fail(r, -ETIMEDOUT,
				    "program in progress did not finish", a, st);
		break;
	case CFI0001_LEFT_BUSY:
		if (poll_ready(c, a, c->erase_max_us, &st, r))
			return fail(r, -ETIMEDOUT,
				    "operation in progress did not finish", a, st);
		break;
	case CFI0001_LEFT_BUFFER_LOADING:
		/* The chip takes the next writes as count and data: no guess. */
		return fail(r, -EBUSY, "buffer program half sent", a, 0);
	case CFI0001_LEFT_ERASING:
	case CFI0001_LEFT_ERASE_SUSPENDED:
		if (!c->erase_size || overlaps(ofs, len, c->erase_ofs, c->erase_size))
			return fail(r, -EBUSY, "destination is being erased",
				    c->erase_ofs, 0);
		if (c->left == CFI0001_LEFT_ERASE_SUSPENDED) {
			if (c->program_in_suspend)
				break;
			/*
			 * Programming is not allowed in suspend: resume. The
			 * driver may have been reading (read array) or still
			 * suspending; finish any half-sent command as below,
			 * wait until the chip is ready, then resume.
			 */
			memset(ones, 0xff, sizeof(ones));
			c->ops->write(c->ctx, a, ones);
			c->ops->cmd(c->ctx, c->erase_ofs, CFI0001_CMD_READ_STATUS);
			if (poll_ready(c, c->erase_ofs, c->erase_max_us, &st, r))
				return fail(r, -ETIMEDOUT, "suspended erase not ready",
					    c->erase_ofs, st);
			c->ops->cmd(c->ctx, c->erase_ofs, CFI0001_CMD_CONFIRM);
		} else if (c->erase_suspend && c->program_in_suspend) {
			c->ops->cmd(c->ctx, c->erase_ofs, CFI0001_CMD_SUSPEND);
			c->ops->cmd(c->ctx, c->erase_ofs, CFI0001_CMD_READ_STATUS);
			/*
			 * Suspend latency is tens of us on real chips; an
			 * erase that ignored the suspend still ends within
			 * its own maximum, so that is the bound.
			 */
			if (poll_ready(c, c->erase_ofs, c->erase_max_us, &st, r))
				return fail(r, -ETIMEDOUT,
					    "erase did not suspend or finish",
					    c->erase_ofs, st);
			/* SR.6 clear: the erase had finished anyway. */
			r->suspended = st & CFI0001_SR_ESUSP;
			break;
		}
		r->waited_erase = true;
		if (poll_ready(c, c->erase_ofs, c->erase_max_us, &st, r))
			return fail(r, -ETIMEDOUT, "erase in progress did not finish",
				    c->erase_ofs, st);
		break;
	default:
		return fail(r, -EBUSY, "chip state unknown", a, 0);
	}

	/*
	 * The driver records a command only after sending it, so a CPU may
	 * have stopped between a 0x40 and its datum, or an erase or lock
	 * setup and its confirm. All ones at the destination finishes any of
	 * them harmlessly: as a datum it programs nothing, as a confirm it is
	 * rejected (SR.5|SR.4, cleared below), and as a command it is read
	 * array. Then read status; a null program takes a word program time.
	 */
	memset(ones, 0xff, sizeof(ones));
	c->ops->write(c->ctx, a, ones);
	c->ops->cmd(c->ctx, a, CFI0001_CMD_READ_STATUS);
	if (poll_ready(c, a, c->word_max_us, &st, r))
		return fail(r, -ETIMEDOUT, "chip not ready", a, st);
	if (st & CFI0001_SR_ERRORS) {
		/* Left by someone else: report, clear, carry on. */
		r->found = st;
		c->ops->cmd(c->ctx, a, CFI0001_CMD_CLEAR_SR);
	}
	return 0;
}

static int verify(const struct cfi0001_chip *c, unsigned long ofs, size_t len,
		  const u8 *buf, struct cfi0001_result *r)
{
	unsigned long first = ofs & ~(unsigned long)(c->bankwidth - 1);
	unsigned long a;
	u8 word[CFI0001_MAX_BANKWIDTH];
	unsigned int i;

	for (a = first; a < ofs + len; a += c->bankwidth) {
		c->ops->read(c->ctx, a, word);
		for (i = 0; i < c->bankwidth; i++) {
			unsigned long b = a + i;

			if (b < ofs || b - ofs >= len)
				continue;
			if (word[i] != buf[b - ofs])
				return fail(r, -EIO,
					    "data do not read back (destination not erased?)",
					    b, word[i]);
			r->written = b - ofs + 1;
		}
	}
	return 0;
}

static bool chip_ok(const struct cfi0001_chip *c)
{
	unsigned int bw = c->bankwidth;

	if (!bw || bw > CFI0001_MAX_BANKWIDTH || (bw & (bw - 1)))
		return false;
	if (c->wbufsize && (c->wbufsize < bw || (c->wbufsize & (c->wbufsize - 1))))
		return false;
	return true;
}

int cfi0001_panic_write(const struct cfi0001_chip *c, unsigned long ofs,
			size_t len, const u8 *buf, struct cfi0001_result *r)
{
	unsigned long end = ofs + len, cur, a;
	bool words = !c->wbufsize;
	u8 word[CFI0001_MAX_BANKWIDTH];
	int ret;

	memset(r, 0, sizeof(*r));
	if (!chip_ok(c))
		return fail(r, -EINVAL, "bad bank width or buffer size", ofs, 0);
	if (!len)
		return 0;

	ret = settle(c, ofs, len, r);
	if (ret)
		return ret;

	cur = ofs;
	while (cur < end) {
		if (!words) {
			unsigned long win_end = (cur | (c->wbufsize - 1)) + 1;
			unsigned long to = end < win_end ? end : win_end;

			ret = program_buffer(c, cur, to, ofs, len, buf, r);
			if (ret < 0)
				return ret;
			if (ret == CFI0001_FALLBACK) {
				words = true;
				continue;
			}
			cur = to;
			continue;
		}
		a = cur & ~(unsigned long)(c->bankwidth - 1);
		if (!fill_word(c, a, ofs, len, buf, word)) {
			ret = program_word(c, a, word, r);
			if (ret)
				return ret;
		}
		cur = a + c->bankwidth;
	}

	c->ops->cmd(c->ctx, ofs & ~(unsigned long)(c->bankwidth - 1),
		    CFI0001_CMD_READ_ARRAY);
	return verify(c, ofs, len, buf, r);
}

unsigned long long cfi0001_panic_bound_us(const struct cfi0001_chip *c,
					  unsigned long ofs, size_t len)
{
	unsigned long long us = 0, words, chunks = 0;
	unsigned long first, last;

	if (!chip_ok(c) || !len)
		return 0;
	switch (c->left) {
	case CFI0001_LEFT_PROGRAMMING:
		us += c->word_max_us > c->buf_max_us ? c->word_max_us : c->buf_max_us;
		break;
	case CFI0001_LEFT_ERASE_SUSPENDED:
		/* Ready to resume, then the rest of the erase. */
		if (!c->program_in_suspend)
			us += c->erase_max_us;
		us += c->erase_max_us;
		break;
	case CFI0001_LEFT_BUSY:
	case CFI0001_LEFT_ERASING:
		us += c->erase_max_us;
		break;
	default:
		break;
	}
	us += c->word_max_us;	/* the all-ones write */
	first = ofs & ~(unsigned long)(c->bankwidth - 1);
	last = (ofs + len - 1) & ~(unsigned long)(c->bankwidth - 1);
	words = (last - first) / c->bankwidth + 1;
	if (c->wbufsize)
		chunks = ((ofs + len - 1) / c->wbufsize) - ofs / c->wbufsize + 1;
	/* Buffer available + buffer program per window; words if rejected. */
	us += chunks * 2ULL * c->buf_max_us;
	us += words * c->word_max_us;
	return us;
}

#ifdef __KERNEL__
EXPORT_SYMBOL_GPL(cfi0001_panic_write);
EXPORT_SYMBOL_GPL(cfi0001_panic_bound_us);
MODULE_DESCRIPTION("Panic write sequencer for CFI command set 0001 flash");
MODULE_LICENSE("GPL");
#endif
