/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the unit tests: corpus files and scratch directories. */
#ifndef PC_TEST_CORPUS_H
#define PC_TEST_CORPUS_H

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"

/* Tests run from the repository root; also allow the tool's directory. */
static inline char *corpus_load(const char *name, size_t *len)
{
	static const char *const dirs[] = {
		"tools/pstore-collect/tests/corpus", "tests/corpus", "../tests/corpus",
	};
	const char *env = getenv("PC_CORPUS");
	char path[512];
	unsigned char *buf = NULL;

	for (size_t i = 0; i < 4; i++) {
		const char *d = i == 0 ? env : dirs[i - 1];
		int fd;

		if (!d)
			continue;
		snprintf(path, sizeof(path), "%s/%s", d, name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		assert_int_equal(pc_read_fd(fd, 1 << 20, &buf, len), 0);
		close(fd);
		return (char *)buf;
	}
	fail_msg("corpus file %s not found (run from the repository root)", name);
	return NULL;
}

static inline char *scratch_dir(void)
{
	char tmpl[] = "/tmp/pc-unit-XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	return strdup(d);
}

static inline void rm_rf(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	assert_int_equal(system(cmd), 0);
}

static inline void write_file(const char *dir, const char *name, const void *d, size_t len)
{
	char path[1300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "we");
	assert_non_null(f);
	assert_int_equal(fwrite(d, 1, len, f), len);
	fclose(f);
}

#endif
