/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arithmetic of the EFI backend's store guard and the plain-text cut,
 * shared with userspace so the unit tests (tests/unit/test_efi_cut.c) run
 * exactly what the kernel runs, under ASan.  Header only: no kernel or libc
 * call besides memcpy/memmove and the note's snprintf.
 */
#ifndef _LASTGASP_EFI_CUT_H
#define _LASTGASP_EFI_CUT_H

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#define EFI_CUT_NOTRACE		notrace
#define efi_cut_fmt		scnprintf
#else
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#define EFI_CUT_NOTRACE
/* The note buffer is always large enough: snprintf's count is the length. */
#define efi_cut_fmt		snprintf
#endif

/*
 * What a variable costs in the store besides its name and data: EDK2's
 * authenticated variable header is 60 bytes, 4-byte aligned.  Rounded up
 * so the guard errs on the safe side for other firmware.
 */
#define EFI_VAR_HEADER_COST	64
/* A cut part smaller than this is not worth a variable. */
#define EFI_CUT_MIN		256
/* Room for the cut note: "[lastgasp efi: cut to ...]" with two sizes. */
#define EFI_CUT_NOTE_LEN	128

/* Store bytes one variable takes: header, UCS-2 name with NUL, data. */
static inline size_t efi_var_cost(size_t name_len, size_t data)
{
	size_t raw = EFI_VAR_HEADER_COST + (name_len + 1) * 2 + data;

	return (raw + 7) & ~(size_t)7;
}

/*
 * Data bytes a cut part may take when the whole part does not fit in
 * @budget bytes of store: the budget less what the variable costs without
 * data, and never more than the record buffer (@bufsize) the cut is built
 * in; efi_var_cost() of the result is within @budget.  The cost is
 * rounded up to 8, so without the clamp a budget just under the cost of a
 * full buffer leaves up to 6 bytes more room than the buffer has when
 * @bufsize is not a multiple of 8.  Returns 0 when less
 * than EFI_CUT_MIN is left.
 */
static inline size_t efi_cut_room(long budget, size_t name_len, size_t bufsize)
{
	/* costs are multiples of 8: so is what the part may take */
	long room = (budget & ~7L) - (long)efi_var_cost(name_len, 0);

	if (room < EFI_CUT_MIN)
		return 0;
	return (size_t)room < bufsize ? (size_t)room : bufsize;
}

static inline size_t efi_cut_note(char *note, size_t keep, size_t body)
{
	return efi_cut_fmt(note, EFI_CUT_NOTE_LEN,
			   "[lastgasp efi: cut to the newest %zu of %zu bytes: variable store limit]\n",
			   keep, body);
}

/* Length of the "<Reason>#<count> Part<n>" line (with its newline) of @text. */
static inline size_t efi_cut_head(const char *text, size_t total)
{
	size_t head = 0;

	while (head < total && head < 64 && text[head] != '\n')
		head++;
	return head < total && text[head] == '\n' ? head + 1 : 0;
}

/*
 * The plain-text cut: @buf (@room bytes) gets the part's header line from
 * @text, a note saying it was cut, and as much of the newest text as fits.
 * @text (@total bytes) must not overlap @buf past its header line.
 * Returns the length written, or -1 when not even EFI_CUT_MIN / 2 bytes of
 * text would fit.
 */
static inline EFI_CUT_NOTRACE long efi_cut_plain(char *buf, size_t room,
						 const char *text, size_t total)
{
	size_t head = efi_cut_head(text, total), body = total - head, keep, n;
	char note[EFI_CUT_NOTE_LEN];

	n = efi_cut_note(note, body, body);
	if (room < head + n + EFI_CUT_MIN / 2)
		return -1;
	keep = body < room - head - n ? body : room - head - n;
	/* the note with the final count is never longer than the first */
	n = efi_cut_note(note, keep, body);
	if (keep > room - head - n)
		keep = room - head - n;
	memmove(buf, text, head);
	memcpy(buf + head, note, n);
	memcpy(buf + head + n, text + total - keep, keep);
	return (long)(head + n + keep);
}

#endif /* _LASTGASP_EFI_CUT_H */
