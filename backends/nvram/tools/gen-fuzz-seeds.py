#!/usr/bin/env python3
# Writes the small seed corpus of fuzz-media (fuzz-seeds/): a few flash
# images in the pstore_flash format (docs/flash-format.md) and ramoops
# zones. The first byte selects the decoder (see fuzz-media.c).
import os, struct, zlib

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "fuzz-seeds")
os.makedirs(out, exist_ok=True)

def blk_hdr(ec, bs, seq):
    h = struct.pack("<IHHIIQI", 0x424c474c, 1, 32, ec, bs, seq, 0)
    return h + struct.pack("<I", zlib.crc32(h))

def rec(seq, dump, part, payload, commit=True, deleted=False, flags=0):
    h = struct.pack("<IBBHQQqIiIII", 0x524c474c, 0, flags, part, seq, dump,
                    1700000000 + seq, 5, 1, len(payload), zlib.crc32(payload), 0)
    h += struct.pack("<I", zlib.crc32(h))
    h += struct.pack("<I", 0x544d4f43 if commit else 0xffffffff)
    h += struct.pack("<I", 0 if deleted else 0xffffffff)
    r = h + payload
    return r + b"\xff" * (-len(r) % 8)

def block(bs, ec, seq, recs=b""):
    b = blk_hdr(ec, bs, seq) + recs
    return b + b"\xff" * (bs - len(b))

text = b"Panic#1 Part1\n<0>Kernel panic - not syncing: sysrq triggered crash\n"
z = zlib.compressobj(9, zlib.DEFLATED, -15)
ztext = z.compress(text * 4) + z.flush()

bs = 512
img = block(bs, 3, 10, rec(11, 11, 1, text) + rec(12, 11, 2, text[:40], commit=False))
img += b"\xff" * bs
img += bytes((i * 37) & 0xff for i in range(bs))
img += block(bs, 2, 9)
open(os.path.join(out, "flash-512-mixed"), "wb").write(b"\x00" + img)

bs = 1024
img = block(bs, 1, 1, rec(2, 2, 1, ztext, flags=1) + rec(3, 2, 2, text, deleted=True))
img += block(bs, 1, 4, rec(5, 5, 1, text))
img += b"\xff" * bs
open(os.path.join(out, "flash-1k-ring"), "wb").write(b"\x02" + img)

# The paged variant (NAND): version 2 header carrying the page size, the
# header alone in page 0, records on page boundaries followed by a commit
# mark page, delete marks (tombstones) in pages of their own.
def blk_hdr2(ec, bs, seq, page):
    h = struct.pack("<IHHIIQI", 0x424c474c, 2, 32, ec, bs, seq, page)
    return h + struct.pack("<I", zlib.crc32(h))

def pad(b, page):
    return b + b"\xff" * (-len(b) % page)

def mark(kind, seq, arg, entries, page):
    h = struct.pack("<IBBHQI", 0x4d4c474c, kind, 0, len(entries), seq, arg)
    e = b"".join(struct.pack("<Q", x) for x in entries)
    return pad(h + struct.pack("<I", zlib.crc32(e, zlib.crc32(h))) + e, page)

def prec(seq, dump, part, payload, page, commit=True, flags=0):
    h = struct.pack("<IBBHQQqIiIII", 0x524c474c, 0, flags, part, seq, dump,
                    1700000000 + seq, 5, 1, len(payload), zlib.crc32(payload), 0)
    h += struct.pack("<I", zlib.crc32(h)) + b"\xff" * 8
    r = pad(h + payload, page)
    if commit:
        r += mark(1, seq, zlib.crc32(payload), [], page)
    return r

def pblock(bs, page, ec, seq, recs=b""):
    b = pad(blk_hdr2(ec, bs, seq, page), page) + recs
    return b + b"\xff" * (bs - len(b))

bs, page = 1024, 128
img = pblock(bs, page, 2, 1, prec(3, 3, 1, text, page) + prec(4, 3, 2, ztext, page, flags=1))
img += pblock(bs, page, 2, 2, prec(5, 5, 1, text[:50], page) + mark(2, 6, 0, [4], page) +
              prec(7, 7, 1, text, page, commit=False))
img += b"\xff" * bs
open(os.path.join(out, "flash-nand-1k"), "wb").write(b"\x0a" + img)

def zone(size, data):
    z = struct.pack("<III", 0x43474244, 0, len(data)) + data
    return z + b"\x00" * (size - len(z))

dm = b"====1700000000.000005-D\n" + text
open(os.path.join(out, "ramoops-plain"), "wb").write(b"\x01" + zone(2048, dm))
open(os.path.join(out, "ramoops-ecc"), "wb").write(b"\x03" + zone(2048, dm))
