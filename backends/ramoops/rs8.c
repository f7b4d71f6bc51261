// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reed-Solomon over GF(2^8) for ramoops' ECC. See rs8.h for the code's
 * parameters. Written from the textbook algorithms: LFSR division for the
 * encoder, syndromes, Berlekamp-Massey, Chien search and Forney for the
 * decoder.
 */
#include "rs8.h"

static inline u8 gf_mul(const struct rs8 *rs, u8 a, u8 b)
{
	if (!a || !b)
		return 0;
	return rs->exp[rs->log[a] + rs->log[b]];
}

static inline u8 gf_div(const struct rs8 *rs, u8 a, u8 b)
{
	/* b != 0 is the caller's business */
	if (!a)
		return 0;
	return rs->exp[rs->log[a] + RS8_NN - rs->log[b]];
}

/* alpha^e for any non-negative e */
static inline u8 gf_pow(const struct rs8 *rs, unsigned int e)
{
	return rs->exp[e % RS8_NN];
}

int rs8_init(struct rs8 *rs, unsigned int gfpoly, int nroots)
{
	unsigned int x = 1;
	int i, j;

	if (nroots < 1 || nroots > RS8_MAX_ROOTS || (gfpoly & ~0x1ffu) ||
	    !(gfpoly & 0x100))
		return -EINVAL;

	memset(rs, 0, sizeof(*rs));
	rs->nroots = nroots;

	for (i = 0; i < RS8_NN; i++) {
		/* x must walk through all 255 non-zero elements once */
		if (i && x == 1)
			return -EINVAL;
		rs->exp[i] = (u8)x;
		rs->exp[i + RS8_NN] = (u8)x;
		rs->log[x] = (u8)i;
		x <<= 1;
		if (x & 0x100)
			x ^= gfpoly;
	}
	if (x != 1)
		return -EINVAL;

	/* g(x) = prod (x - alpha^i), i = 0 .. nroots-1; gen[0] leading */
	rs->gen[0] = 1;
	for (i = 0; i < nroots; i++) {
		u8 root = gf_pow(rs, i);

		rs->gen[i + 1] = 0;
		for (j = i + 1; j > 0; j--)
			rs->gen[j] ^= gf_mul(rs, rs->gen[j - 1], root);
	}
	for (i = 0; i <= nroots; i++)
		rs->genlog[i] = rs->gen[i] ? rs->log[rs->gen[i]] : RS8_NN;
	return 0;
}

void RMO_NOTRACE rs8_encode(const struct rs8 *rs, const u8 *data, size_t len,
			    u8 *par)
{
	int n = rs->nroots;
	size_t i;
	int j;

	memset(par, 0, n);
	for (i = 0; i < len; i++) {
		u8 fb = data[i] ^ par[0];

		memmove(par, par + 1, n - 1);
		par[n - 1] = 0;
		if (fb) {
			unsigned int lfb = rs->log[fb];

			/* exp[] is doubled: a sum of two logs needs no modulo */
			for (j = 0; j < n; j++)
				if (rs->genlog[j + 1] != RS8_NN)
					par[j] ^= rs->exp[lfb + rs->genlog[j + 1]];
		}
	}
}

/* Evaluate a polynomial stored lowest degree first at x. */
static u8 poly_eval_low(const struct rs8 *rs, const u8 *p, int deg, u8 x)
{
	u8 y = 0;
	int i;

	for (i = deg; i >= 0; i--)
		y = gf_mul(rs, y, x) ^ p[i];
	return y;
}

int rs8_decode(const struct rs8 *rs, struct rs8_work *w, u8 *data,
	       size_t len, u8 *par)
{
	int nroots = rs->nroots;
	int n = (int)len + nroots;	/* codeword length, shortened */
	int L = 0, m = 1, i, j, k, deg_lambda, found;
	u8 b = 1, any = 0;

	if (!len || len > (size_t)(RS8_NN - nroots))
		return -EINVAL;

	/* Syndromes S_i = c(alpha^i), codeword read highest degree first. */
	for (i = 0; i < nroots; i++) {
		u8 root = gf_pow(rs, i), s = 0;
		size_t p;

		for (p = 0; p < len; p++)
			s = gf_mul(rs, s, root) ^ data[p];
		for (j = 0; j < nroots; j++)
			s = gf_mul(rs, s, root) ^ par[j];
		w->syn[i] = s;
		any |= s;
	}
	if (!any)
		return 0;

	/* Berlekamp-Massey: shortest LFSR (error locator) for the syndromes. */
	memset(w->lambda, 0, nroots + 1);
	memset(w->prev, 0, nroots + 1);
	w->lambda[0] = 1;
	w->prev[0] = 1;
	for (k = 0; k < nroots; k++) {
		u8 d = w->syn[k], coef;

		for (i = 1; i <= L; i++)
			d ^= gf_mul(rs, w->lambda[i], w->syn[k - i]);
		if (!d) {
			m++;
			continue;
		}
		coef = gf_div(rs, d, b);
		if (2 * L <= k) {
			memcpy(w->tmp, w->lambda, nroots + 1);
			for (i = 0; i + m <= nroots; i++)
				w->lambda[i + m] ^= gf_mul(rs, coef, w->prev[i]);
			L = k + 1 - L;
			memcpy(w->prev, w->tmp, nroots + 1);
			b = d;
			m = 1;
		} else {
			for (i = 0; i + m <= nroots; i++)
				w->lambda[i + m] ^= gf_mul(rs, coef, w->prev[i]);
			m++;
		}
	}

	deg_lambda = 0;
	for (i = nroots; i > 0; i--) {
		if (w->lambda[i]) {
			deg_lambda = i;
			break;
		}
	}
	if (deg_lambda != L || 2 * L > nroots)
		return -EBADMSG;

	/* Omega(x) = S(x) * Lambda(x) mod x^nroots, lowest degree first */
	for (i = 0; i < nroots; i++) {
		u8 o = 0;

		for (j = 0; j <= i && j <= deg_lambda; j++)
			o ^= gf_mul(rs, w->lambda[j], w->syn[i - j]);
		w->omega[i] = o;
	}

	/*
	 * Chien search over the positions that exist in the shortened
	 * codeword: position p carries x^(n-1-p), its locator X = alpha^(n-1-p)
	 * is a root of Lambda(1/X). Magnitudes by Forney with first root
	 * alpha^0: e = X * Omega(1/X) / Lambda'(1/X). Everything is collected
	 * first (positions in tmp, magnitudes in prev) and applied only when the
	 * root count matches the locator's degree, so a block found
	 * uncorrectable is left exactly as it was.
	 */
	found = 0;
	for (j = 0; j < n; j++) {
		int e = n - 1 - j;
		u8 x = gf_pow(rs, e), xinv = gf_pow(rs, RS8_NN - e);
		u8 num, den = 0;

		if (poly_eval_low(rs, w->lambda, deg_lambda, xinv))
			continue;
		if (found == deg_lambda)
			return -EBADMSG;
		num = gf_mul(rs, x, poly_eval_low(rs, w->omega, nroots - 1, xinv));
		for (i = 1; i <= deg_lambda; i += 2)
			den ^= gf_mul(rs, w->lambda[i],
				      gf_pow(rs, (unsigned int)((RS8_NN - e) * (i - 1))));
		if (!den)
			return -EBADMSG;
		w->tmp[found] = (u8)j;
		w->prev[found] = gf_div(rs, num, den);
		found++;
	}
	if (found != deg_lambda)
		return -EBADMSG;

	for (k = 0; k < found; k++) {
		j = w->tmp[k];
		if (j < (int)len)
			data[j] ^= w->prev[k];
		else
			par[j - len] ^= w->prev[k];
	}
	return deg_lambda;
}
