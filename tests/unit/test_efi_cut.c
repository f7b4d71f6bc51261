// SPDX-License-Identifier: GPL-2.0-only
/*
 * backends/efi/efi_cut.h: the store guard's room for a cut part and the
 * plain-text cut, run as the kernel runs them, on buffers malloc'd to the
 * exact record size so ASan catches a byte written past one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "efi_cut.h"

/* "dump-type0-1-1-1700000000-C": the name of a first part. */
#define NAME_LEN	27

/* A part as the core makes it: its header line, then @total bytes of log. */
static char *part_text(size_t total)
{
	char *t = malloc(total);
	size_t i;

	assert_non_null(t);
	for (i = 0; i < total; i++)
		t[i] = 'a' + i % 26;
	memcpy(t, "Panic#1 Part1\n", 14);
	memcpy(t + total - 6, "NEWEST", 6);
	return t;
}

static void test_var_cost_counts_header_name_and_data(void **state)
{
	(void)state;
	/* 64 + 2 (NUL) = 66, rounded up to 72 */
	assert_int_equal(efi_var_cost(0, 0), 72);
	/* 64 + 56 + 1024 = 1144, a multiple of 8 */
	assert_int_equal(efi_var_cost(NAME_LEN, 1024), 1144);
	assert_int_equal(efi_var_cost(NAME_LEN, 1025), 1152);
}

/*
 * The write path cuts when efi_var_cost(name, size) > budget.  With a
 * record buffer whose size is not a multiple of 8, a budget just under
 * the cost of a full buffer used to leave more room than the buffer has:
 * check such budgets exist (so this test covers the case) and that the
 * room is clamped to the buffer, and that the cut built in a buffer of
 * exactly that size stays inside it.
 */
static void test_room_never_exceeds_the_buffer(void **state)
{
	static const size_t sizes[] = { 1024, 1025, 1026, 1027, 1028, 1029,
					1030, 1031, 4097, 4099, 16383 };
	size_t s, over = 0;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t bufsize = sizes[s], total = bufsize * 2 + 256;
		long budget, top = (long)efi_var_cost(NAME_LEN, bufsize);
		char *text = part_text(total);

		for (budget = top - 64; budget < top; budget++) {
			long unclamped = budget - (long)efi_var_cost(NAME_LEN, 0);
			size_t room = efi_cut_room(budget, NAME_LEN, bufsize);
			char *buf = malloc(bufsize);
			long n;

			assert_non_null(buf);
			if (unclamped > (long)bufsize)
				over++;
			assert_true(room <= bufsize);
			assert_true(room > 0);
			n = efi_cut_plain(buf, room, text, total);
			assert_true(n > 0);
			assert_true((size_t)n <= room);
			assert_memory_equal(buf + n - 6, "NEWEST", 6);
			free(buf);
		}
		free(text);
	}
	/* 1025..1031, 4097, 4099 and 16383 each have such budgets */
	assert_true(over > 0);
}

/* What a cut part costs in the store stays within the budget it was cut for. */
static void test_cut_fits_the_budget(void **state)
{
	size_t bufsize = 4099, total = bufsize * 2 + 256, name_len;
	char *text = part_text(total), *buf = malloc(bufsize);
	long budget;

	(void)state;
	assert_non_null(buf);
	for (name_len = 20; name_len < 36; name_len++) {
		long top = (long)efi_var_cost(name_len, bufsize);

		for (budget = top - 2000; budget < top; budget++) {
			size_t room = efi_cut_room(budget, name_len, bufsize);
			long n = efi_cut_plain(buf, room, text, total);

			assert_true(n > 0);
			assert_true(efi_var_cost(name_len, n) <= (size_t)budget);
		}
	}
	free(buf);
	free(text);
}

static void test_room_zero_below_cut_min(void **state)
{
	long fixed = (long)efi_var_cost(NAME_LEN, 0);

	(void)state;
	assert_int_equal(efi_cut_room(fixed + EFI_CUT_MIN - 1, NAME_LEN, 4096), 0);
	assert_int_equal(efi_cut_room(fixed + EFI_CUT_MIN, NAME_LEN, 4096), EFI_CUT_MIN);
	assert_int_equal(efi_cut_room(0, NAME_LEN, 4096), 0);
	assert_int_equal(efi_cut_room(-5, NAME_LEN, 4096), 0);
}

static void test_plain_cut_keeps_header_note_and_newest(void **state)
{
	size_t total = 3000, room = 1000, head = 14, note, keep;
	char *text = part_text(total), *buf = malloc(room), *nl;
	char want[EFI_CUT_NOTE_LEN];
	long n;

	(void)state;
	assert_non_null(buf);
	n = efi_cut_plain(buf, room, text, total);
	/* the room is used up to the digit the note lost when keep shrank */
	assert_true(n <= (long)room && n >= (long)room - 2);
	assert_memory_equal(buf, "Panic#1 Part1\n", head);
	nl = memchr(buf + head, '\n', n - head);
	assert_non_null(nl);
	note = nl + 1 - (buf + head);
	keep = n - head - note;
	/* the note names what was kept and the part's whole text */
	assert_int_equal(efi_cut_note(want, keep, total - head), note);
	assert_memory_equal(buf + head, want, note);
	assert_memory_equal(buf + head + note, text + total - keep, keep);
	free(buf);
	free(text);
}

static void test_plain_cut_refuses_a_tiny_room(void **state)
{
	size_t total = 3000;
	char *text = part_text(total), buf[200];

	(void)state;
	assert_int_equal(efi_cut_plain(buf, sizeof(buf), text, total), -1);
	free(text);
}

/* A part without a header line is cut without one. */
static void test_plain_cut_without_header(void **state)
{
	char text[600], buf[400];
	long n;

	(void)state;
	memset(text, 'x', sizeof(text));
	assert_int_equal(efi_cut_head(text, sizeof(text)), 0);
	n = efi_cut_plain(buf, sizeof(buf), text, sizeof(text));
	assert_int_equal(n, (long)sizeof(buf));
	assert_memory_equal(buf, "[lastgasp efi: cut to the newest ", 33);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_var_cost_counts_header_name_and_data),
		cmocka_unit_test(test_room_never_exceeds_the_buffer),
		cmocka_unit_test(test_cut_fits_the_budget),
		cmocka_unit_test(test_room_zero_below_cut_min),
		cmocka_unit_test(test_plain_cut_keeps_header_note_and_newest),
		cmocka_unit_test(test_plain_cut_refuses_a_tiny_room),
		cmocka_unit_test(test_plain_cut_without_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
