// SPDX-License-Identifier: GPL-2.0-only
/* lastgasp: the command line. One command so far: status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

#define EXIT_USAGE	3

static const char usage[] =
"NAME\n"
"    lastgasp status - will this machine leave its last words if it panics?\n"
"\n"
"SYNOPSIS\n"
"    lastgasp status [--json] [--root DIR] [--archive DIR]\n"
"    lastgasp --help\n"
"\n"
"DESCRIPTION\n"
"    Reads sysfs and prints, at one glance, what a panic would save now:\n"
"\n"
"    - the pstore backends registered, in dump order\n"
"      (/sys/module/pstore/parameters/backend), with their capacity:\n"
"      RAM (ramoops): region, dmesg zones, console and pmsg sizes, ECC;\n"
"      EFI (pstore_efi): the variable store, its free space and the floor\n"
"      the guard leaves free; flash (pstore_flash): the MTD device, its\n"
"      blocks, free and erased ones, the pool of pre-erased blocks against\n"
"      what one dump needs; other backends: their module parameters as\n"
"      they are;\n"
"    - the panic order (/sys/module/kernel/parameters/panic_order);\n"
"    - whether a crash kernel is loaded (/sys/kernel/kexec_crash_loaded),\n"
"      the memory reserved for it, and whether its SHA-256 digests were\n"
"      taken at load (the kernel shows them in no sysfs file: this is read\n"
"      from the load's line in the kernel log, /dev/kmsg, and said to be\n"
"      unknown when that line is gone);\n"
"    - pstore's max_reason, kmsg_bytes and compression;\n"
"    - the records waiting in /sys/fs/pstore, and the reports waiting in\n"
"      pstore-collect's spool (ARCHIVE/spool; the archive is the one\n"
"      /etc/pstore-collect.conf names, /var/lib/pstore-collect by default);\n"
"    - warnings: no backend registered, a backend that would write nothing\n"
"      (EFI store below its floor, flash detached or without a pre-erased\n"
"      block, max_reason 0), a flash pool short of one dump, a name in\n"
"      pstore.backend= that is not registered, panic_order=no-dump,\n"
"      crashkernel= reserved but no crash kernel loaded, pstore not\n"
"      mounted, reports stuck in the spool.\n"
"\n"
"    Some backend parameters are readable by root only; run it as root.\n"
"\n"
"OPTIONS\n"
"    -j, --json\n"
"        Print one JSON document (schema \"lastgasp.status\", version 1)\n"
"        instead of text. Unknown values are null.\n"
"    -r, --root DIR\n"
"        Read DIR/sys, DIR/proc, DIR/dev/kmsg, DIR/etc instead of the\n"
"        running system's (a copy or a fake tree, for tests).\n"
"    -a, --archive DIR\n"
"        pstore-collect's archive directory (not under --root).\n"
"    -h, --help\n"
"        This text.\n"
"\n"
"EXIT STATUS\n"
"    0   a panic's log would be saved by at least one pstore backend\n"
"    1   nothing would be saved: no backend would take the log (none\n"
"        registered, all unable, or panic_order=no-dump) and no crash\n"
"        kernel is loaded\n"
"    2   no pstore backend would save the log, but a crash kernel is\n"
"        loaded: kdump alone would\n"
"    3   bad command line, or the output could not be written\n"
"    Warnings do not change the status by themselves.\n";

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "root", required_argument, NULL, 'r' },
		{ "archive", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *root = "/", *archive = NULL;
	struct status *st;
	bool json = false;
	int c, rc;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			 !strcmp(argv[1], "help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "status")) {
		fprintf(stderr, "lastgasp: %s%s\nUsage: lastgasp status [--json] [--root DIR] [--archive DIR] (--help for more)\n",
			argc < 2 ? "a command is needed" : "unknown command: ",
			argc < 2 ? "" : argv[1]);
		return EXIT_USAGE;
	}
	argv++;
	argc--;
	while ((c = getopt_long(argc, argv, "jr:a:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'r':
			root = optarg;
			break;
		case 'a':
			archive = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "lastgasp status: unexpected argument %s\n", argv[optind]);
		return EXIT_USAGE;
	}
	/* large (fixed-size buffers): not on the stack */
	st = malloc(sizeof(*st));
	if (!st) {
		perror("lastgasp status");
		return EXIT_USAGE;
	}
	st_read(st, root, archive);
	if (json)
		st_print_json(stdout, st);
	else
		st_print_text(stdout, st);
	rc = (int)st->verdict;
	free(st);
	if (fflush(stdout)) {
		perror("lastgasp status: stdout");
		return EXIT_USAGE;
	}
	return rc;
}
