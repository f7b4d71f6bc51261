/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known answers from the kernel's own Reed-Solomon codec (Linux 6.12
 * lib/reed_solomon), to prove rs8.c writes and reads the same ECC as
 * upstream ramoops.
 *
 * How they were made: lib/reed_solomon/reed_solomon.c, encode_rs.c and
 * decode_rs.c from linux-source-6.12 were compiled in a throwaway /tmp
 * directory against a small userspace shim (kzalloc -> calloc, no-op
 * mutexes), and a harness called init_rs(8, 0x11d, 0, 1, nroots) and
 * encode_rs8() on the inputs below (the ones ramoops uses: symsize 8,
 * poly 0x11d, fcr 0, prim 1), then flipped k symbols at positions
 * (e * 37 + 5) % (len + nroots), e = 0 .. k-1, each XORed with 0xa5 + e
 * (positions past len hit the parity), and recorded decode_rs8()'s return.
 * Only the resulting bytes and numbers are kept here; no kernel code is.
 *
 * Inputs: PATTERN(len) is byte i = i * 7 + 3; HDR12 is a zone header
 * (sig "DBGC", start = size = 0x1234); TXT37 is the string below with its
 * terminating NUL.
 */
#ifndef RS8_KERNEL_VECTORS_H
#define RS8_KERNEL_VECTORS_H

#include <stdint.h>

static const uint8_t kv_hdr12[12] = {
	0x44, 0x42, 0x47, 0x43, 0x34, 0x12, 0x00, 0x00, 0x34, 0x12, 0x00, 0x00,
};
static const char kv_txt37[37] = "====1700000000.123456-D\nKernel panic";
static const uint8_t kv_blk128_r16_par[16] = {
	0xd3, 0x1c, 0x64, 0xc1, 0x76, 0xe7, 0x40, 0x7f, 0x7e, 0xec, 0xc0, 0x4d,
	0x3b, 0x49, 0x07, 0xae,
};
static const uint8_t kv_hdr12_r16_par[16] = {
	0x03, 0x81, 0x53, 0x5b, 0x70, 0x38, 0x3b, 0xcf, 0x25, 0x44, 0x27, 0xf3,
	0xb3, 0x62, 0x56, 0x06,
};
static const uint8_t kv_txt37_r16_par[16] = {
	0x66, 0x74, 0x3c, 0x74, 0x30, 0xbd, 0xc7, 0x65, 0xbe, 0x54, 0x6c, 0x5f,
	0x91, 0x40, 0xa3, 0xfc,
};
static const uint8_t kv_blk128_r8_par[8] = {
	0xbf, 0xac, 0x1f, 0x65, 0x5c, 0x1d, 0x45, 0x6d,
};
static const uint8_t kv_blk100_r32_par[32] = {
	0xbf, 0xd4, 0x09, 0xd1, 0x41, 0x03, 0x2b, 0xc0, 0x00, 0x64, 0xfd, 0xfb,
	0x15, 0x54, 0xe0, 0x3b, 0x4c, 0x74, 0x06, 0xe0, 0x43, 0x68, 0xb4, 0x35,
	0x36, 0x90, 0xe5, 0x7f, 0x06, 0x18, 0xd4, 0x60,
};

/* kernel decode_rs8() result after k symbol errors (pattern above) */
struct kv_decode {
	const char *vector;
	int errors;
	int kernel_result;	/* corrected count, or -EBADMSG (-74) */
};

static const struct kv_decode kv_decodes[] = {
	{ "blk128_r16", 1, 1 },
	{ "blk128_r16", 2, 2 },
	{ "blk128_r16", 3, 3 },
	{ "blk128_r16", 4, 4 },
	{ "blk128_r16", 5, 5 },
	{ "blk128_r16", 6, 6 },
	{ "blk128_r16", 7, 7 },
	{ "blk128_r16", 8, 8 },
	{ "blk128_r16", 9, -74 },
	{ "hdr12_r16", 1, 1 },
	{ "hdr12_r16", 2, 2 },
	{ "hdr12_r16", 3, 3 },
	{ "hdr12_r16", 4, 4 },
	{ "hdr12_r16", 5, 5 },
	{ "hdr12_r16", 6, 6 },
	{ "hdr12_r16", 7, 7 },
	{ "hdr12_r16", 8, 8 },
	{ "hdr12_r16", 9, -74 },
	{ "txt37_r16", 1, 1 },
	{ "txt37_r16", 2, 2 },
	{ "txt37_r16", 3, 3 },
	{ "txt37_r16", 4, 4 },
	{ "txt37_r16", 5, 5 },
	{ "txt37_r16", 6, 6 },
	{ "txt37_r16", 7, 7 },
	{ "txt37_r16", 8, 8 },
	{ "txt37_r16", 9, -74 },
	{ "blk128_r8", 1, 1 },
	{ "blk128_r8", 2, 2 },
	{ "blk128_r8", 3, 3 },
	{ "blk128_r8", 4, 4 },
	{ "blk128_r8", 5, -74 },
	{ "blk100_r32", 1, 1 },
	{ "blk100_r32", 2, 2 },
	{ "blk100_r32", 3, 3 },
	{ "blk100_r32", 4, 4 },
	{ "blk100_r32", 5, 5 },
	{ "blk100_r32", 6, 6 },
	{ "blk100_r32", 7, 7 },
	{ "blk100_r32", 8, 8 },
	{ "blk100_r32", 9, 9 },
	{ "blk100_r32", 10, 10 },
	{ "blk100_r32", 11, 11 },
	{ "blk100_r32", 12, 12 },
	{ "blk100_r32", 13, 13 },
	{ "blk100_r32", 14, 14 },
	{ "blk100_r32", 15, 15 },
	{ "blk100_r32", 16, 16 },
	{ "blk100_r32", 17, -74 },
};

#endif
