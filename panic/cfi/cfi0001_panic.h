/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Panic write for CFI command set 0001 (Intel/Sharp): the command sequencer.
 *
 * Plain C with a four-call bus interface, so the same file runs in the
 * kernel (drivers/mtd/chips/, wired into cfi_cmdset_0001.c as
 * mtd->_panic_write) and in the unit tests against a model of a chip
 * (tests/unit/test_cfi0001.c). docs/flash-panic-write.md describes the
 * guarantees and the bounds.
 *
 * Panic-path rules: nothing here sleeps, allocates or takes a lock; every
 * wait is a poll loop of 1 us delays whose length comes from the chip's CFI
 * maximum times, passed in struct cfi0001_chip.
 */
#ifndef CFI0001_PANIC_H
#define CFI0001_PANIC_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <errno.h>
typedef uint8_t u8;
typedef uint32_t u32;
#endif

/* Status register bits (SR.n), Intel/Sharp command set. */
#define CFI0001_SR_READY	0x80	/* SR.7: write state machine ready */
#define CFI0001_SR_ESUSP	0x40	/* SR.6: erase suspended */
#define CFI0001_SR_ERASE_ERR	0x20	/* SR.5: erase error */
#define CFI0001_SR_PROG_ERR	0x10	/* SR.4: program error */
#define CFI0001_SR_VPP_LOW	0x08	/* SR.3: VPP low, nothing was done */
#define CFI0001_SR_PSUSP	0x04	/* SR.2: program suspended */
#define CFI0001_SR_LOCKED	0x02	/* SR.1: block locked, nothing was done */
/* The sticky error bits; 0x50 (clear status) clears them. */
#define CFI0001_SR_ERRORS	(CFI0001_SR_ERASE_ERR | CFI0001_SR_PROG_ERR | \
				 CFI0001_SR_VPP_LOW | CFI0001_SR_LOCKED)
/* SR.5 and SR.4 together: the chip rejected a command sequence. */
#define CFI0001_SR_SEQ_ERR	(CFI0001_SR_ERASE_ERR | CFI0001_SR_PROG_ERR)

/* Commands. */
#define CFI0001_CMD_READ_ARRAY	0xff
#define CFI0001_CMD_READ_STATUS	0x70
#define CFI0001_CMD_CLEAR_SR	0x50
#define CFI0001_CMD_PROGRAM	0x40
#define CFI0001_CMD_WRITE_BUF	0xe8
#define CFI0001_CMD_CONFIRM	0xd0	/* also: erase resume */
#define CFI0001_CMD_SUSPEND	0xb0

/**
 * struct cfi0001_ops - how the sequencer reaches one chip (or one bank of
 * interleaved chips). Offsets are bytes from the start of the chip.
 * @cmd:	write command @cmd (or a word count) to every chip of the bank at
 *		@ofs, as cfi_build_cmd() lays it out.
 * @write:	write one bus word (bank width bytes at @word) at @ofs, which
 *		is aligned to the bank width.
 * @read:	read one bus word at @ofs (aligned) into @word.
 * @status:	read the status at @ofs, merged over the chips of the bank:
 *		bit 7 set only if every chip is ready, the other bits ORed.
 *		Only meaningful while the chips output status.
 * @delay_us:	busy-wait @us microseconds (udelay in the kernel).
 * All of them may run in panic context: they must not sleep or lock.
 */
struct cfi0001_ops {
	void (*cmd)(void *ctx, unsigned long ofs, unsigned int cmd);
	void (*write)(void *ctx, unsigned long ofs, const u8 *word);
	void (*read)(void *ctx, unsigned long ofs, u8 *word);
	u8 (*status)(void *ctx, unsigned long ofs);
	void (*delay_us)(void *ctx, unsigned int us);
};

/**
 * enum cfi0001_left - what the driver's bookkeeping says a stopped CPU left
 * the chip doing (from struct flchip's state and oldstate).
 * @CFI0001_LEFT_IDLE:		read array, status, query or ID mode, or a
 *	command being sent that the driver has not recorded yet (a lone 0x40,
 *	an erase or lock setup): the first write of the sequencer (all ones)
 *	completes or aborts any of those harmlessly.
 * @CFI0001_LEFT_PROGRAMMING:	a word or buffer program was confirmed and may
 *	still run (FL_WRITING, FL_OTP_WRITE).
 * @CFI0001_LEFT_BUFFER_LOADING:	write-to-buffer (0xE8) begun, not confirmed
 *	(FL_WRITING_TO_BUFFER): the chip takes the next writes as count and
 *	data; refused with -EBUSY.
 * @CFI0001_LEFT_ERASING:	a block erase runs at @erase_ofs (FL_ERASING).
 * @CFI0001_LEFT_ERASE_SUSPENDED:	the driver suspended the erase at
 *	@erase_ofs to read or write elsewhere (oldstate FL_ERASING).
 * @CFI0001_LEFT_BUSY:	another operation that makes the chip busy (lock bits,
 *	FL_LOCKING/FL_UNLOCKING...): waited for up to the erase bound.
 * @CFI0001_LEFT_UNKNOWN:	a state the sequencer cannot reason about (XIP):
 *	refused with -EBUSY.
 */
enum cfi0001_left {
	CFI0001_LEFT_IDLE,
	CFI0001_LEFT_PROGRAMMING,
	CFI0001_LEFT_BUFFER_LOADING,
	CFI0001_LEFT_ERASING,
	CFI0001_LEFT_ERASE_SUSPENDED,
	CFI0001_LEFT_BUSY,
	CFI0001_LEFT_UNKNOWN,
};

/**
 * struct cfi0001_chip - one chip (or bank of interleaved chips) as the
 * sequencer sees it. Filled from the CFI query and struct flchip.
 * @ops, @ctx:		bus access.
 * @bankwidth:		bytes per bus word, a power of two, 1..32.
 * @wbufsize:		write buffer bytes over the bank (interleave <<
 *			MaxBufWriteSize), a power of two >= @bankwidth; 0:
 *			word programming only.
 * @erase_suspend:	CFI FeatureSupport bit 1: erase suspend.
 * @program_in_suspend:	CFI SuspendCmdSupport bit 0: programming allowed
 *			while an erase is suspended.
 * @word_max_us, @buf_max_us, @erase_max_us: CFI maximum times (typical <<
 *			maximum factor) of a word program, a buffer program and
 *			a block erase: the poll bounds.
 * @left:		what the chip was left doing.
 * @erase_ofs, @erase_size: the block being erased, for the erase states.
 */
struct cfi0001_chip {
	const struct cfi0001_ops *ops;
	void *ctx;
	unsigned int bankwidth;
	unsigned int wbufsize;
	bool erase_suspend;
	bool program_in_suspend;
	u32 word_max_us;
	u32 buf_max_us;
	u32 erase_max_us;
	enum cfi0001_left left;
	unsigned long erase_ofs;
	unsigned long erase_size;
};

/**
 * struct cfi0001_result - what happened, for the caller's log line.
 * @written:	bytes programmed and verified (from the start of the request).
 * @found:	status with error bits set that another operation had left
 *		behind (cleared before writing); 0 if none.
 * @status:	the status of the step that failed; 0 if none.
 * @fail_ofs:	chip offset of the step that failed.
 * @why:	the failed step, a constant string; NULL on success.
 * @suspended:	an erase was suspended and is left suspended.
 * @waited_erase: an erase was waited for (no suspend possible).
 * @buffer_fallback: the chip rejected buffered programming; words were used.
 * @polls:	status reads spent waiting, over the whole call.
 */
struct cfi0001_result {
	size_t written;
	u8 found;
	u8 status;
	unsigned long fail_ofs;
	const char *why;
	bool suspended;
	bool waited_erase;
	bool buffer_fallback;
	unsigned long polls;
};

/**
 * cfi0001_panic_write() - program @len bytes at chip offset @ofs.
 *
 * Never takes a lock or sleeps; returns within the bound of
 * cfi0001_panic_bound_us() for the same arguments (plus bus access time).
 * The destination must be erased: programming only clears bits, and the
 * data are read back and compared at the end.
 *
 * Return: 0 when all @len bytes are programmed and read back;
 * -EBUSY when what the chip was left doing forbids writing (a half-sent
 * buffer program, an erase in the destination block, an unknown state);
 * -ETIMEDOUT when the chip did not become ready within its CFI maximum time;
 * -EROFS (SR.1, locked block), -EIO (SR.3 VPP low, SR.4 program error, or
 * data that do not read back), -EINVAL (bad geometry). The chip is left in
 * read-array mode except after -ETIMEDOUT and the refusals, where nothing
 * more is written.
 */
int cfi0001_panic_write(const struct cfi0001_chip *chip, unsigned long ofs,
			size_t len, const u8 *buf, struct cfi0001_result *res);

/**
 * cfi0001_panic_bound_us() - the most the poll loops of one
 * cfi0001_panic_write() of @len bytes at @ofs may wait, in microseconds of
 * delay (each poll also costs one bus read).
 */
unsigned long long cfi0001_panic_bound_us(const struct cfi0001_chip *chip,
					  unsigned long ofs, size_t len);

#endif /* CFI0001_PANIC_H */
