// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore-prstatus: print the NT_PRSTATUS notes (one per CPU) and the
 * kernel's KASLR offset (VMCOREINFO) of an x86-64 /proc/vmcore, or of a
 * copy of its beginning (the ELF header, the program headers and the
 * PT_NOTE segment are at the start).  Input is hostile: every offset and
 * size is checked against what was read, and at most 1 MiB is read.
 *
 *   vmcore-prstatus FILE
 *
 * Output, one line each:
 *   prstatus <n> pid <pid> rip 0x<rip> rsp 0x<rsp>
 *   kerneloffset 0x<offset>
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/reg.h>
#include <unistd.h>

#define MAX_READ (1u << 20)

static unsigned char *buf;
static size_t len;

static int in_bounds(uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

static void note(const char *name, uint32_t namesz, uint32_t type,
		 const unsigned char *desc, uint32_t descsz, int *nprs)
{
	if (type == NT_PRSTATUS && namesz == 5 && !memcmp(name, "CORE", 5) &&
	    descsz >= sizeof(struct elf_prstatus)) {
		struct elf_prstatus prs;

		memcpy(&prs, desc, sizeof(prs));
		printf("prstatus %d pid %d rip 0x%llx rsp 0x%llx\n", (*nprs)++,
		       (int)prs.pr_pid, (unsigned long long)prs.pr_reg[RIP],
		       (unsigned long long)prs.pr_reg[RSP]);
	} else if (namesz == 11 && !memcmp(name, "VMCOREINFO", 11)) {
		const char *k = memmem(desc, descsz, "KERNELOFFSET=", 13);

		if (k) {
			const char *v = k + 13, *end = (const char *)desc + descsz;
			char hex[20];
			size_t n = 0;

			while (v + n < end && n < sizeof(hex) - 1 && v[n] != '\n')
				n++;
			memcpy(hex, v, n);
			hex[n] = 0;
			printf("kerneloffset 0x%llx\n", strtoull(hex, NULL, 16));
		}
	}
}

int main(int argc, char **argv)
{
	Elf64_Ehdr eh;
	ssize_t n;
	int fd, i, nprs = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: vmcore-prstatus FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "vmcore-prstatus: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	buf = malloc(MAX_READ);
	if (!buf)
		return 1;
	while (len < MAX_READ && (n = read(fd, buf + len, MAX_READ - len)) > 0)
		len += n;
	close(fd);
	if (len < sizeof(eh)) {
		fprintf(stderr, "vmcore-prstatus: %zu bytes: no ELF header\n", len);
		return 1;
	}
	memcpy(&eh, buf, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_machine != EM_X86_64 || eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    !in_bounds(eh.e_phoff, (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr))) {
		fprintf(stderr, "vmcore-prstatus: not an x86-64 ELF core, or its program headers are not in the first %zu bytes\n",
			len);
		return 1;
	}
	for (i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		uint64_t off;

		memcpy(&ph, buf + eh.e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_NOTE)
			continue;
		if (!in_bounds(ph.p_offset, ph.p_filesz)) {
			fprintf(stderr, "vmcore-prstatus: PT_NOTE 0x%llx+0x%llx lies past the %zu bytes read\n",
				(unsigned long long)ph.p_offset,
				(unsigned long long)ph.p_filesz, len);
			return 1;
		}
		for (off = 0; off + sizeof(Elf64_Nhdr) <= ph.p_filesz;) {
			Elf64_Nhdr nh;
			uint64_t nsz, dsz;
			const unsigned char *p = buf + ph.p_offset + off;

			memcpy(&nh, p, sizeof(nh));
			nsz = (nh.n_namesz + 3ull) & ~3ull;
			dsz = (nh.n_descsz + 3ull) & ~3ull;
			if (nh.n_namesz == 0 && nh.n_descsz == 0)
				break;	/* padding at the end of the segment */
			if (sizeof(nh) + nsz + dsz > ph.p_filesz - off) {
				fprintf(stderr, "vmcore-prstatus: note at 0x%llx runs past its segment\n",
					(unsigned long long)(ph.p_offset + off));
				return 1;
			}
			note((const char *)p + sizeof(nh), nh.n_namesz, nh.n_type,
			     p + sizeof(nh) + nsz, nh.n_descsz, &nprs);
			off += sizeof(nh) + nsz + dsz;
		}
	}
	if (!nprs) {
		fprintf(stderr, "vmcore-prstatus: no NT_PRSTATUS note\n");
		return 1;
	}
	free(buf);
	return 0;
}
