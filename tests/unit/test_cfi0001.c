// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CFI 0001 panic-write sequencer (panic/cfi/cfi0001_panic.c) against a
 * model of an Intel/Sharp chip that does what QEMU's pflash does not: busy
 * status for a number of polls, erase suspend (or none), a chip that never
 * gets ready, sticky error bits, programming that only clears bits, a write
 * buffer with a window, commands ignored while busy, and the modes a stopped
 * CPU can leave behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cfi0001_panic.h"

#define M_SIZE		(64 * 1024)
#define M_BLOCK		4096
#define M_NBLOCKS	(M_SIZE / M_BLOCK)
#define M_LOG		100000

enum m_mode {
	M_ARRAY, M_STATUS, M_QUERY, M_PROG_SETUP, M_BUF_COUNT, M_BUF_DATA,
	M_BUF_CONFIRM, M_ERASE_SETUP, M_LOCK_SETUP,
};

enum m_op { OP_NONE, OP_PROGRAM, OP_ERASE };

struct m_write {
	unsigned long ofs;
	unsigned int val;
	bool cmd;	/* sent through ops->cmd, not ops->write */
};

struct model {
	unsigned int bw;		/* 1 (x8) or 2 (x16) */
	unsigned int wbuf;		/* write buffer bytes, 0: none */
	u8 mem[M_SIZE];
	enum m_mode mode;
	u8 sr;				/* bits 6..0 */
	/* The operation in progress: status reads left (-1: never ends). */
	enum m_op op;
	int busy;
	unsigned long erase_blk;
	bool erase_suspended;
	int erase_left;			/* busy reads left when suspended */
	/* Buffer program. */
	int avail_left;			/* reads until the buffer is free */
	unsigned long win;
	unsigned int count, got;
	unsigned long baddr[256];
	u8 bdata[256][2];
	/* Features and faults. */
	bool suspend_ok;
	bool prog_in_suspend;
	int prog_busy;			/* busy reads per program */
	int erase_busy;			/* busy reads per erase */
	int buf_avail_busy;
	bool locked[M_NBLOCKS];
	bool vpp_low;
	bool prog_fail;
	bool reject_buffer;
	/* What happened. */
	struct m_write log[M_LOG];
	unsigned int nlog;
	unsigned long delay_us;
	unsigned long reads;
	unsigned int ignored_busy;	/* writes ignored while busy */
	unsigned int programs;		/* program operations started */
};

static unsigned int m_val(const struct model *m, const u8 *w)
{
	return m->bw == 1 ? w[0] : (unsigned int)w[0] | (unsigned int)w[1] << 8;
}

static unsigned long m_blk(unsigned long ofs)
{
	return ofs / M_BLOCK;
}

static void m_seq_error(struct model *m)
{
	m->sr |= CFI0001_SR_SEQ_ERR;
	m->mode = M_STATUS;
}

/* Program one word: only clears bits, or sets the error bits instead. */
static void m_program(struct model *m, unsigned long ofs, const u8 *w)
{
	unsigned int i;

	if (m->locked[m_blk(ofs)]) {
		m->sr |= CFI0001_SR_LOCKED | CFI0001_SR_PROG_ERR;
		return;
	}
	if (m->vpp_low) {
		m->sr |= CFI0001_SR_VPP_LOW | CFI0001_SR_PROG_ERR;
		return;
	}
	if (m->prog_fail) {
		m->sr |= CFI0001_SR_PROG_ERR;
		return;
	}
	/* Programming the block whose erase is suspended is an error. */
	if (m->erase_suspended && m_blk(ofs) == m->erase_blk) {
		m->sr |= CFI0001_SR_PROG_ERR;
		return;
	}
	for (i = 0; i < m->bw; i++)
		m->mem[ofs + i] &= w[i];
}

static void m_start(struct model *m, enum m_op op, int busy)
{
	m->op = op;
	m->busy = busy;
	m->mode = M_STATUS;
}

static void m_bus_write(struct model *m, unsigned long ofs, const u8 *w,
			bool cmd)
{
	unsigned int word = m_val(m, w);
	/* Commands are read from DQ0-7; a count takes the whole word. */
	unsigned int v = word & 0xff;

	assert_true(ofs + m->bw <= M_SIZE);
	assert_int_equal(ofs % m->bw, 0);
	assert_true(m->nlog < M_LOG);
	m->log[m->nlog].ofs = ofs;
	m->log[m->nlog].cmd = cmd;
	m->log[m->nlog++].val = word;

	if (m->op != OP_NONE) {
		/* Busy: only suspend and read status are taken. */
		if (v == CFI0001_CMD_SUSPEND && m->op == OP_ERASE && m->suspend_ok) {
			m->erase_suspended = true;
			m->erase_left = m->busy;
			m->op = OP_NONE;
			m->busy = 0;
			m->sr |= CFI0001_SR_ESUSP;
		} else if (v != CFI0001_CMD_READ_STATUS) {
			m->ignored_busy++;
		}
		m->mode = M_STATUS;
		return;
	}

	switch (m->mode) {
	case M_PROG_SETUP:
		if (m->erase_suspended && !m->prog_in_suspend) {
			m_seq_error(m);
			return;
		}
		m->programs++;
		m_program(m, ofs, w);
		m_start(m, OP_PROGRAM, m->prog_busy);
		return;
	case M_BUF_COUNT:
		if (m->avail_left > 0 || (word + 1) * m->bw > m->wbuf) {
			m_seq_error(m);
			return;
		}
		m->count = word + 1;
		m->got = 0;
		m->mode = M_BUF_DATA;
		return;
	case M_BUF_DATA:
		if (ofs < m->win || ofs >= m->win + m->wbuf) {
			m_seq_error(m);
			return;
		}
		m->baddr[m->got] = ofs;
		memcpy(m->bdata[m->got], w, m->bw);
		if (++m->got == m->count)
			m->mode = M_BUF_CONFIRM;
		return;
	case M_BUF_CONFIRM:
		if (v != CFI0001_CMD_CONFIRM || m->reject_buffer) {
			m_seq_error(m);
			return;
		}
		if (m->erase_suspended && !m->prog_in_suspend) {
			m_seq_error(m);
			return;
		}
		m->programs++;
		for (unsigned int i = 0; i < m->count; i++)
			m_program(m, m->baddr[i], m->bdata[i]);
		m_start(m, OP_PROGRAM, m->prog_busy);
		return;
	case M_ERASE_SETUP:
		if (v != CFI0001_CMD_CONFIRM) {
			m_seq_error(m);
			return;
		}
		m->erase_blk = m_blk(ofs);
		m_start(m, OP_ERASE, m->erase_busy);
		return;
	case M_LOCK_SETUP:
		if (v == 0x01)
			m->locked[m_blk(ofs)] = true;
		else if (v == CFI0001_CMD_CONFIRM)
			m->locked[m_blk(ofs)] = false;
		else
			m->sr |= CFI0001_SR_SEQ_ERR;
		m->mode = M_STATUS;
		return;
	default:
		break;
	}

	switch (v) {
	case CFI0001_CMD_READ_ARRAY:
		m->mode = M_ARRAY;
		break;
	case CFI0001_CMD_READ_STATUS:
		m->mode = M_STATUS;
		break;
	case 0x90:
	case 0x98:
		m->mode = M_QUERY;
		break;
	case CFI0001_CMD_CLEAR_SR:
		m->sr &= ~CFI0001_SR_ERRORS;
		break;
	case CFI0001_CMD_PROGRAM:
	case 0x10:
		m->mode = M_PROG_SETUP;
		break;
	case CFI0001_CMD_WRITE_BUF:
		if (!m->wbuf) {
			m_seq_error(m);
			break;
		}
		m->win = ofs & ~(unsigned long)(m->wbuf - 1);
		/* With SR.4 or SR.5 set the buffer is never given out. */
		m->avail_left = (m->sr & CFI0001_SR_SEQ_ERR) ? -1 : m->buf_avail_busy;
		m->mode = M_BUF_COUNT;
		break;
	case 0x20:
		m->mode = M_ERASE_SETUP;
		break;
	case 0x60:
		m->mode = M_LOCK_SETUP;
		break;
	case CFI0001_CMD_SUSPEND:
		m->mode = M_STATUS;
		break;
	case CFI0001_CMD_CONFIRM:
		if (m->erase_suspended) {
			m->erase_suspended = false;
			m->sr &= ~CFI0001_SR_ESUSP;
			m_start(m, OP_ERASE, m->erase_left);
		} else {
			m_seq_error(m);
		}
		break;
	default:
		m_seq_error(m);
		break;
	}
}

/* The low byte of what the chip outputs at @ofs. */
static u8 m_read_byte(struct model *m, unsigned long ofs)
{
	m->reads++;
	if (m->op != OP_NONE) {
		if (m->busy < 0)
			return m->sr & ~CFI0001_SR_READY;
		if (m->busy > 0) {
			m->busy--;
			return m->sr & ~CFI0001_SR_READY;
		}
		if (m->op == OP_ERASE) {
			if (m->locked[m->erase_blk])
				m->sr |= CFI0001_SR_LOCKED | CFI0001_SR_ERASE_ERR;
			else
				memset(m->mem + m->erase_blk * M_BLOCK, 0xff, M_BLOCK);
		}
		m->op = OP_NONE;
	}
	switch (m->mode) {
	case M_ARRAY:
		return m->mem[ofs];
	case M_QUERY:
		/* CFI/ID data: bit 7 clear, so it never looks like "ready". */
		return (u8)(0x51 + ofs % 3) & 0x7f;
	case M_BUF_COUNT:
		if (m->avail_left < 0)
			return 0;
		if (m->avail_left > 0) {
			m->avail_left--;
			return 0;
		}
		return CFI0001_SR_READY;
	default:
		return m->sr | CFI0001_SR_READY;
	}
}

static void op_cmd(void *ctx, unsigned long ofs, unsigned int cmd)
{
	struct model *m = ctx;
	u8 w[2] = { cmd & 0xff, cmd >> 8 };

	m_bus_write(m, ofs, w, true);
}

static void op_write(void *ctx, unsigned long ofs, const u8 *word)
{
	m_bus_write(ctx, ofs, word, false);
}

static void op_read(void *ctx, unsigned long ofs, u8 *word)
{
	struct model *m = ctx;
	unsigned int i;

	for (i = 0; i < m->bw; i++)
		word[i] = m->mode == M_ARRAY && m->op == OP_NONE ?
			  (m->reads++, m->mem[ofs + i]) : m_read_byte(m, ofs);
}

static u8 op_status(void *ctx, unsigned long ofs)
{
	return m_read_byte(ctx, ofs);
}

static void op_delay(void *ctx, unsigned int us)
{
	((struct model *)ctx)->delay_us += us;
}

static const struct cfi0001_ops model_ops = {
	.cmd = op_cmd, .write = op_write, .read = op_read,
	.status = op_status, .delay_us = op_delay,
};

struct fx {
	struct model m;
	struct cfi0001_chip c;
	struct cfi0001_result r;
	u8 data[8192];
	u8 before[M_SIZE];
};

/* An erased chip, 32-byte buffer, suspend with program in suspend. */
static struct fx *fx_init(struct fx *f, unsigned int bw)
{
	unsigned int i;

	memset(f, 0, sizeof(*f));
	f->m.bw = bw;
	f->m.wbuf = 32;
	f->m.mode = M_ARRAY;
	f->m.suspend_ok = true;
	f->m.prog_in_suspend = true;
	f->m.prog_busy = 3;
	f->m.erase_busy = 50;
	memset(f->m.mem, 0xff, sizeof(f->m.mem));
	for (i = 0; i < sizeof(f->data); i++)
		f->data[i] = (u8)(i * 7 + 1);
	f->c.ops = &model_ops;
	f->c.ctx = &f->m;
	f->c.bankwidth = bw;
	f->c.wbufsize = 32;
	f->c.erase_suspend = true;
	f->c.program_in_suspend = true;
	f->c.word_max_us = 100;
	f->c.buf_max_us = 400;
	f->c.erase_max_us = 20000;
	f->c.left = CFI0001_LEFT_IDLE;
	return f;
}

static int fx_setup(void **state)
{
	struct fx *f = malloc(sizeof(*f));

	if (!f)
		return -1;
	*state = fx_init(f, 1);
	return 0;
}

static int fx_teardown(void **state)
{
	free(*state);
	return 0;
}

static void fx_snapshot(struct fx *f)
{
	memcpy(f->before, f->m.mem, M_SIZE);
}

/* Everything outside [ofs, ofs+len) is as in the snapshot. */
static void assert_rest_unchanged(struct fx *f, unsigned long ofs, size_t len)
{
	assert_memory_equal(f->m.mem, f->before, ofs);
	assert_memory_equal(f->m.mem + ofs + len, f->before + ofs + len,
			    M_SIZE - ofs - len);
}

static int fx_write(struct fx *f, unsigned long ofs, size_t len)
{
	fx_snapshot(f);
	return cfi0001_panic_write(&f->c, ofs, len, f->data, &f->r);
}

/* Written, verified, the chip left in read-array mode and not busy. */
static void assert_written(struct fx *f, unsigned long ofs, size_t len)
{
	assert_int_equal(f->r.written, len);
	assert_null(f->r.why);
	assert_memory_equal(f->m.mem + ofs, f->data, len);
	assert_rest_unchanged(f, ofs, len);
	assert_int_equal(f->m.mode, M_ARRAY);
	assert_int_equal(f->m.op, OP_NONE);
	assert_true(f->m.delay_us <= cfi0001_panic_bound_us(&f->c, ofs, len));
}

static unsigned int count_writes(const struct model *m, unsigned int val)
{
	unsigned int i, n = 0;

	for (i = 0; i < m->nlog; i++)
		n += m->log[i].cmd && m->log[i].val == val;
	return n;
}

static bool wrote_in_block(const struct model *m, unsigned long blk)
{
	unsigned int i;

	for (i = 0; i < m->nlog; i++)
		if (m_blk(m->log[i].ofs) == blk)
			return true;
	return false;
}

static void test_cfi0001_idle_chip_buffered_program(void **state)
{
	struct fx *f = *state;

	assert_int_equal(fx_write(f, 0x1000, 300), 0);
	assert_written(f, 0x1000, 300);
	/* 300 bytes from a window start: ceil(300/32) buffer programs. */
	assert_int_equal(count_writes(&f->m, CFI0001_CMD_WRITE_BUF), 10);
	assert_int_equal(f->m.programs, 10);
	assert_int_equal(f->m.log[f->m.nlog - 1].val, CFI0001_CMD_READ_ARRAY);
}

static void test_cfi0001_word_program_without_buffer(void **state)
{
	struct fx *f = *state;

	f->c.wbufsize = 0;
	f->m.wbuf = 0;
	assert_int_equal(fx_write(f, 0x2003, 40), 0);
	assert_written(f, 0x2003, 40);
	assert_int_equal(count_writes(&f->m, CFI0001_CMD_WRITE_BUF), 0);
	assert_int_equal(f->m.programs, 40);
}

static void test_cfi0001_buffer_windows_split_unaligned(void **state)
{
	struct fx *f = *state;
	unsigned int i, e8 = 0;

	/* 0x101d..0x1063 touches windows 0x1000, 0x1020, 0x1040, 0x1060. */
	assert_int_equal(fx_write(f, 0x101d, 0x47), 0);
	assert_written(f, 0x101d, 0x47);
	for (i = 0; i < f->m.nlog; i++) {
		if (!f->m.log[i].cmd || f->m.log[i].val != CFI0001_CMD_WRITE_BUF)
			continue;
		assert_int_equal(f->m.log[i].ofs, 0x1000 + 0x20 * e8);
		e8++;
	}
	assert_int_equal(e8, 4);
	assert_int_equal(f->m.sr & CFI0001_SR_ERRORS, 0);
}

static void test_cfi0001_busy_status_polled(void **state)
{
	struct fx *f = *state;

	f->m.prog_busy = 37;
	f->m.buf_avail_busy = 5;
	assert_int_equal(fx_write(f, 0x3000, 64), 0);
	assert_written(f, 0x3000, 64);
	/* Two windows, each: buffer wait 5 + program 37. */
	assert_true(f->m.delay_us >= 2 * (5 + 37));
	assert_true(f->r.polls >= 2 * (5 + 37));
}

static void test_cfi0001_never_ready_times_out_within_bound(void **state)
{
	struct fx *f = *state;
	unsigned long long bound;

	f->m.prog_busy = -1;
	bound = cfi0001_panic_bound_us(&f->c, 0x3000, 64);
	assert_int_equal(fx_write(f, 0x3000, 64), -ETIMEDOUT);
	assert_non_null(f->r.why);
	assert_true(f->m.delay_us <= bound);
	/* It gave the chip its whole CFI maximum word time. */
	assert_true(f->m.delay_us >= f->c.word_max_us);
	assert_int_equal(f->r.written, 0);
}

static void test_cfi0001_status_mode_left(void **state)
{
	struct fx *f = *state;

	f->m.mode = M_STATUS;
	assert_int_equal(fx_write(f, 0x4000, 100), 0);
	assert_written(f, 0x4000, 100);
}

static void test_cfi0001_query_mode_left(void **state)
{
	struct fx *f = *state;

	f->m.mode = M_QUERY;
	assert_int_equal(fx_write(f, 0x4000, 100), 0);
	assert_written(f, 0x4000, 100);
}

static void test_cfi0001_program_in_progress_waited(void **state)
{
	struct fx *f = *state;
	u8 w = 0x5a;

	/* A stopped CPU's word program at 0x10, busy for 60 more polls. */
	f->m.prog_busy = 60;
	op_cmd(&f->m, 0x10, CFI0001_CMD_PROGRAM);
	op_write(&f->m, 0x10, &w);
	f->m.prog_busy = 2;
	f->c.left = CFI0001_LEFT_PROGRAMMING;
	assert_int_equal(fx_write(f, 0x5000, 50), 0);
	assert_written(f, 0x5000, 50);
	assert_int_equal(f->m.mem[0x10], 0x5a);
	/* Nothing was sent while it was busy. */
	assert_int_equal(f->m.ignored_busy, 0);
}

static void test_cfi0001_program_in_progress_never_ends(void **state)
{
	struct fx *f = *state;
	u8 w = 0x5a;

	f->m.prog_busy = -1;
	op_cmd(&f->m, 0x10, CFI0001_CMD_PROGRAM);
	op_write(&f->m, 0x10, &w);
	f->m.nlog = 0;
	f->c.left = CFI0001_LEFT_PROGRAMMING;
	assert_int_equal(fx_write(f, 0x5000, 50), -ETIMEDOUT);
	assert_true(f->m.delay_us <= cfi0001_panic_bound_us(&f->c, 0x5000, 50));
	assert_int_equal(f->m.nlog, 0);
}

static void test_cfi0001_half_sent_word_program_finished_harmlessly(void **state)
{
	struct fx *f = *state;

	/* 0x40 sent, the datum not: the driver has not recorded it yet. */
	f->m.mem[0x20] = 0x33;
	op_cmd(&f->m, 0x20, CFI0001_CMD_PROGRAM);
	assert_int_equal(f->m.mode, M_PROG_SETUP);
	assert_int_equal(fx_write(f, 0x6000, 80), 0);
	assert_written(f, 0x6000, 80);	/* 0x20 kept its 0x33, too */
}

static void test_cfi0001_half_sent_buffer_program_refused(void **state)
{
	struct fx *f = *state;

	op_cmd(&f->m, 0x40, CFI0001_CMD_WRITE_BUF);
	f->m.nlog = 0;
	f->c.left = CFI0001_LEFT_BUFFER_LOADING;
	assert_int_equal(fx_write(f, 0x6000, 80), -EBUSY);
	assert_string_equal(f->r.why, "buffer program half sent");
	assert_int_equal(f->m.nlog, 0);	/* not a single write */
	assert_int_equal(f->m.reads, 0);
}

static void test_cfi0001_half_sent_erase_setup_aborted(void **state)
{
	struct fx *f = *state;

	f->m.mem[0x100] = 0x00;
	op_cmd(&f->m, 0x100, 0x20);
	assert_int_equal(fx_write(f, 0x7000, 64), 0);
	assert_written(f, 0x7000, 64);
	/* The abort's SR.5|SR.4 was reported and cleared. */
	assert_int_equal(f->r.found & CFI0001_SR_SEQ_ERR, CFI0001_SR_SEQ_ERR);
	assert_int_equal(f->m.sr & CFI0001_SR_ERRORS, 0);
	assert_int_equal(f->m.mem[0x100], 0x00);	/* never erased */
}

static void erase_running(struct fx *f, unsigned long blk, int busy)
{
	f->m.erase_busy = busy;
	op_cmd(&f->m, blk * M_BLOCK, 0x20);
	op_cmd(&f->m, blk * M_BLOCK, CFI0001_CMD_CONFIRM);
	f->m.nlog = 0;
	f->c.left = CFI0001_LEFT_ERASING;
	f->c.erase_ofs = blk * M_BLOCK;
	f->c.erase_size = M_BLOCK;
}

static void test_cfi0001_erase_elsewhere_suspended(void **state)
{
	struct fx *f = *state;

	memset(f->m.mem, 0x00, M_BLOCK);	/* block 0: being erased */
	erase_running(f, 0, 100000);
	assert_int_equal(fx_write(f, 2 * M_BLOCK, 200), 0);
	assert_written(f, 2 * M_BLOCK, 200);
	assert_true(f->r.suspended);
	assert_true(f->m.erase_suspended);	/* left suspended, not resumed */
	assert_int_equal(count_writes(&f->m, CFI0001_CMD_SUSPEND), 1);
	assert_int_equal(f->m.mem[0], 0x00);
	/* Only the suspend itself went to the erasing block. */
	for (unsigned int i = 0; i < f->m.nlog; i++)
		if (m_blk(f->m.log[i].ofs) == 0)
			assert_true(f->m.log[i].val == CFI0001_CMD_SUSPEND ||
				    f->m.log[i].val == CFI0001_CMD_READ_STATUS);
}

static void test_cfi0001_erase_of_destination_refused(void **state)
{
	struct fx *f = *state;

	erase_running(f, 3, 100000);
	assert_int_equal(fx_write(f, 3 * M_BLOCK - 10, 20), -EBUSY);
	assert_string_equal(f->r.why, "destination is being erased");
	assert_int_equal(f->m.nlog, 0);
	assert_false(f->m.erase_suspended);
}

static void test_cfi0001_erase_without_suspend_waited(void **state)
{
	struct fx *f = *state;

	f->m.suspend_ok = false;
	f->c.erase_suspend = false;
	memset(f->m.mem, 0x00, M_BLOCK);
	erase_running(f, 0, 500);
	assert_int_equal(fx_write(f, 2 * M_BLOCK, 100), 0);
	memset(f->before, 0xff, M_BLOCK);	/* the erase completed */
	assert_written(f, 2 * M_BLOCK, 100);
	assert_true(f->r.waited_erase);
	assert_int_equal(count_writes(&f->m, CFI0001_CMD_SUSPEND), 0);
	assert_int_equal(f->m.mem[0], 0xff);	/* the erase completed */
	assert_int_equal(f->m.ignored_busy, 0);
}

static void test_cfi0001_erase_never_ends_times_out(void **state)
{
	struct fx *f = *state;

	f->m.suspend_ok = false;
	f->c.erase_suspend = false;
	erase_running(f, 0, -1);
	assert_int_equal(fx_write(f, 2 * M_BLOCK, 100), -ETIMEDOUT);
	assert_true(f->m.delay_us >= f->c.erase_max_us);
	assert_true(f->m.delay_us <= cfi0001_panic_bound_us(&f->c, 2 * M_BLOCK, 100));
	assert_int_equal(f->m.nlog, 0);
}

static void test_cfi0001_erase_suspend_without_program_waited(void **state)
{
	struct fx *f = *state;

	/* The chip can suspend, but not program while suspended. */
	f->m.prog_in_suspend = false;
	f->c.program_in_suspend = false;
	erase_running(f, 1, 300);
	assert_int_equal(fx_write(f, 5 * M_BLOCK, 64), 0);
	assert_written(f, 5 * M_BLOCK, 64);
	assert_true(f->r.waited_erase);
	assert_int_equal(count_writes(&f->m, CFI0001_CMD_SUSPEND), 0);
}

static void test_cfi0001_erase_suspended_by_driver(void **state)
{
	struct fx *f = *state;

	erase_running(f, 1, 100000);
	op_cmd(&f->m, M_BLOCK, CFI0001_CMD_SUSPEND);
	op_cmd(&f->m, M_BLOCK, CFI0001_CMD_READ_STATUS);
	f->m.nlog = 0;
	f->c.left = CFI0001_LEFT_ERASE_SUSPENDED;
	assert_int_equal(fx_write(f, 4 * M_BLOCK, 64), 0);
	assert_written(f, 4 * M_BLOCK, 64);
	assert_true(f->m.erase_suspended);
	assert_false(wrote_in_block(&f->m, 1));
}

static void test_cfi0001_erase_suspended_without_program_resumed(void **state)
{
	struct fx *f = *state;

	f->m.prog_in_suspend = false;
	f->c.program_in_suspend = false;
	erase_running(f, 1, 200);
	op_cmd(&f->m, M_BLOCK, CFI0001_CMD_SUSPEND);
	/* The driver suspended it to read elsewhere: read-array mode. */
	op_cmd(&f->m, 0, CFI0001_CMD_READ_ARRAY);
	f->m.nlog = 0;
	f->c.left = CFI0001_LEFT_ERASE_SUSPENDED;
	assert_int_equal(fx_write(f, 4 * M_BLOCK, 64), 0);
	assert_written(f, 4 * M_BLOCK, 64);
	assert_false(f->m.erase_suspended);
	assert_true(f->r.waited_erase);
}

static void test_cfi0001_locked_block_erofs(void **state)
{
	struct fx *f = *state;

	f->m.locked[8] = true;
	assert_int_equal(fx_write(f, 8 * M_BLOCK, 64), -EROFS);
	assert_true(f->r.status & CFI0001_SR_LOCKED);
	assert_string_equal(f->r.why, "block locked (SR.1)");
	assert_int_equal(f->m.sr & CFI0001_SR_ERRORS, 0);	/* cleared */
	assert_int_equal(f->m.mode, M_ARRAY);
	assert_rest_unchanged(f, 0, 0);
}

static void test_cfi0001_vpp_low_eio(void **state)
{
	struct fx *f = *state;

	f->m.vpp_low = true;
	f->c.wbufsize = 0;
	assert_int_equal(fx_write(f, 0x9000, 64), -EIO);
	assert_true(f->r.status & CFI0001_SR_VPP_LOW);
	assert_string_equal(f->r.why, "VPP low (SR.3)");
	assert_int_equal(f->m.sr & CFI0001_SR_ERRORS, 0);
	assert_int_equal(f->m.mode, M_ARRAY);
}

static void test_cfi0001_program_error_eio(void **state)
{
	struct fx *f = *state;

	f->m.prog_fail = true;
	assert_int_equal(fx_write(f, 0x9000, 64), -EIO);
	assert_int_equal(f->r.status & CFI0001_SR_ERRORS, CFI0001_SR_PROG_ERR);
	assert_string_equal(f->r.why, "program error (SR.4)");
	assert_int_equal(f->r.fail_ofs, 0x9000);
	assert_int_equal(f->m.sr & CFI0001_SR_ERRORS, 0);
}

static void test_cfi0001_sticky_error_left_cleared(void **state)
{
	struct fx *f = *state;

	/* With SR.4 set, this chip refuses write-to-buffer until 0x50. */
	f->m.sr = CFI0001_SR_PROG_ERR | CFI0001_SR_VPP_LOW;
	f->m.mode = M_STATUS;
	assert_int_equal(fx_write(f, 0xa000, 100), 0);
	assert_written(f, 0xa000, 100);
	assert_int_equal(f->r.found, CFI0001_SR_READY | CFI0001_SR_PROG_ERR |
				     CFI0001_SR_VPP_LOW);
}

static void test_cfi0001_not_erased_destination_fails_readback(void **state)
{
	struct fx *f = *state;

	/* Programming only clears bits: 0x0f over data 0xf0 reads 0x00. */
	f->m.mem[0xb000 + 5] = 0x0f;
	f->data[5] = 0xf0;
	assert_int_equal(fx_write(f, 0xb000, 32), -EIO);
	assert_int_equal(f->r.fail_ofs, 0xb000 + 5);
	assert_int_equal(f->r.written, 5);
	assert_int_equal(f->m.mem[0xb000 + 5], 0x00);
}

static void test_cfi0001_buffer_rejected_falls_back_to_words(void **state)
{
	struct fx *f = *state;

	f->m.reject_buffer = true;
	assert_int_equal(fx_write(f, 0xc000, 100), 0);
	assert_written(f, 0xc000, 100);
	assert_true(f->r.buffer_fallback);
	assert_int_equal(count_writes(&f->m, CFI0001_CMD_WRITE_BUF), 1);
	assert_int_equal(f->m.sr & CFI0001_SR_ERRORS, 0);
}

static void test_cfi0001_buffer_never_available_times_out(void **state)
{
	struct fx *f = *state;
	unsigned int n;

	f->m.buf_avail_busy = 1000000;
	assert_int_equal(fx_write(f, 0xc000, 100), -ETIMEDOUT);
	assert_string_equal(f->r.why, "write buffer never available");
	assert_true(f->m.delay_us <= cfi0001_panic_bound_us(&f->c, 0xc000, 100));
	/* Nothing after the 0xE8 that was not taken. */
	n = f->m.nlog;
	assert_int_equal(f->m.log[n - 1].val, CFI0001_CMD_WRITE_BUF);
}

static void test_cfi0001_x16_unaligned_keeps_neighbours(void **state)
{
	struct fx *f = fx_init(*state, 2);

	f->m.mem[0xd000] = 0x12;		/* the byte before, same word */
	f->m.mem[0xd001 + 60] = 0x34;		/* the byte after, same word */
	assert_int_equal(fx_write(f, 0xd001, 60), 0);
	assert_written(f, 0xd001, 60);
	assert_int_equal(f->m.mem[0xd000], 0x12);
	assert_int_equal(f->m.mem[0xd001 + 60], 0x34);
}

static void test_cfi0001_x16_word_program(void **state)
{
	struct fx *f = fx_init(*state, 2);

	f->c.wbufsize = 0;
	f->m.wbuf = 0;
	assert_int_equal(fx_write(f, 0xe000, 33), 0);
	assert_written(f, 0xe000, 33);
}

static void test_cfi0001_bad_geometry_einval(void **state)
{
	struct fx *f = *state;

	f->c.bankwidth = 3;
	assert_int_equal(fx_write(f, 0, 10), -EINVAL);
	f->c.bankwidth = 4;
	f->c.wbufsize = 2;
	assert_int_equal(fx_write(f, 0, 10), -EINVAL);
	assert_int_equal(f->m.nlog, 0);
}

static void test_cfi0001_unknown_state_refused(void **state)
{
	struct fx *f = *state;

	f->c.left = CFI0001_LEFT_UNKNOWN;
	assert_int_equal(fx_write(f, 0, 10), -EBUSY);
	assert_int_equal(f->m.nlog, 0);
}

static void test_cfi0001_lock_operation_in_progress_waited(void **state)
{
	struct fx *f = *state;

	/* A lock-bit operation: busy like an erase, for 1000 polls. */
	f->m.op = OP_PROGRAM;
	f->m.busy = 1000;
	f->m.mode = M_STATUS;
	f->c.left = CFI0001_LEFT_BUSY;
	assert_int_equal(fx_write(f, 0xf000, 16), 0);
	assert_written(f, 0xf000, 16);
	assert_int_equal(f->m.ignored_busy, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cfi0001_idle_chip_buffered_program, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_word_program_without_buffer, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_buffer_windows_split_unaligned, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_busy_status_polled, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_never_ready_times_out_within_bound, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_status_mode_left, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_query_mode_left, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_program_in_progress_waited, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_program_in_progress_never_ends, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_half_sent_word_program_finished_harmlessly, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_half_sent_buffer_program_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_half_sent_erase_setup_aborted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_elsewhere_suspended, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_of_destination_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_without_suspend_waited, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_never_ends_times_out, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_suspend_without_program_waited, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_suspended_by_driver, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_erase_suspended_without_program_resumed, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_locked_block_erofs, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_vpp_low_eio, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_program_error_eio, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_sticky_error_left_cleared, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_not_erased_destination_fails_readback, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_buffer_rejected_falls_back_to_words, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_buffer_never_available_times_out, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_x16_unaligned_keeps_neighbours, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_x16_word_program, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_bad_geometry_einval, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_unknown_state_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_cfi0001_lock_operation_in_progress_waited, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
