/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reed-Solomon codec over GF(2^8), byte symbols, code length 255.
 *
 * It produces the same parity as the kernel's lib/reed_solomon
 * init_rs(8, poly, 0, 1, nroots) + encode_rs8(): a systematic code whose
 * generator has the roots alpha^0 .. alpha^(nroots-1), first data byte the
 * highest-degree coefficient, parity byte 0 the highest-degree coefficient
 * of the remainder. Shorter blocks are shortened codes (leading zeros
 * implied). That is the ECC format upstream ramoops stores, so parity made
 * here is ABI: tests/unit/test_rs8.c pins it with vectors from the kernel's
 * codec.
 *
 * No allocation: the tables live in struct rs8, the decoder's scratch in a
 * struct rs8_work the caller owns (one per concurrent decoder).
 */
#ifndef RMO_RS8_H
#define RMO_RS8_H

#include "rmo_types.h"

#define RS8_NN		255
/* Largest parity count accepted; ramoops uses 16 by default. */
#define RS8_MAX_ROOTS	128

struct rs8 {
	int nroots;
	u8 exp[2 * RS8_NN];	/* alpha^i, doubled so sums of logs need no mod */
	u8 log[RS8_NN + 1];	/* log[0] unused */
	u8 gen[RS8_MAX_ROOTS + 1]; /* generator, gen[0] = x^nroots coefficient */
	u16 genlog[RS8_MAX_ROOTS + 1]; /* log of gen[], RS8_NN for a zero one */
};

struct rs8_work {
	u8 syn[RS8_MAX_ROOTS];
	u8 lambda[RS8_MAX_ROOTS + 1];
	u8 prev[RS8_MAX_ROOTS + 1];
	u8 tmp[RS8_MAX_ROOTS + 1];
	u8 omega[RS8_MAX_ROOTS + 1];
};

/*
 * rs8_init() - build the field from @gfpoly (degree 8, primitive; 0x11d for
 * ramoops) and the generator for @nroots parity bytes.
 * Return: 0, or -EINVAL for a bad nroots or a polynomial that is not
 * primitive.
 */
int rs8_init(struct rs8 *rs, unsigned int gfpoly, int nroots);

/*
 * rs8_encode() - write rs->nroots parity bytes for @len data bytes to @par.
 * @len must be 1 .. 255 - nroots. Safe in any context: reads only @rs.
 */
void rs8_encode(const struct rs8 *rs, const u8 *data, size_t len, u8 *par);

/*
 * rs8_decode() - check and correct a block in place (data and parity).
 * Return: number of corrected bytes (0: clean), -EBADMSG when the errors
 * exceed what the code corrects (nroots / 2 bytes) and were detected, or
 * -EINVAL for a bad length.
 */
int rs8_decode(const struct rs8 *rs, struct rs8_work *w, u8 *data,
	       size_t len, u8 *par);

#endif /* RMO_RS8_H */
