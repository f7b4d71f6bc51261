/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PC_UTIL_H
#define PC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PC_SHA256_HEX 65

extern int pc_verbosity; /* 0 quiet, 1 normal, 2 verbose */

void pc_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Log an error and return -abs(err) in one step, keeping errno. */
int pc_log_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define pc_err(...) pc_log(0, __VA_ARGS__)
#define pc_info(...) pc_log(1, __VA_ARGS__)
#define pc_debug(...) pc_log(2, __VA_ARGS__)

/*
 * Read an open file to the end. More than @max bytes gives -EFBIG and
 * nothing in *out. The buffer is NUL-terminated (not counted in *len).
 */
int pc_read_fd(int fd, size_t max, unsigned char **out, size_t *len);
/* The same, for a caller that has just fstat()ed @fd (or NULL: no size hint). */
struct stat;
int pc_read_fd_st(int fd, const struct stat *st, size_t max, unsigned char **out, size_t *len);

/* SHA-256 over a then b (b may be NULL), as 64 lowercase hex digits. */
int pc_sha256_hex(const void *a, size_t alen, const void *b, size_t blen,
		  char out[PC_SHA256_HEX]);
/*
 * The same, and *keep gets the hash state after @a (NULL on error), so
 * that SHA-256(@a || other) costs only the other bytes: pc_sha256_resume()
 * (which leaves *keep usable), then pc_sha256_drop().
 */
int pc_sha256_hex_keep(const void *a, size_t alen, const void *b, size_t blen,
		       char out[PC_SHA256_HEX], void **keep);
int pc_sha256_resume(void *keep, const void *b, size_t blen, char out[PC_SHA256_HEX]);
void pc_sha256_drop(void *keep);

/*
 * Write @name inside @dirfd through ".<name>.tmp" and rename(2). With
 * @sync the data is fsynced before the rename; the caller syncs the
 * directory (or the whole filesystem for a batch).
 */
/* write(2) all of it, retrying on EINTR; 0 or -errno. */
int pc_write_all(int fd, const void *data, size_t len);
int pc_write_atomic(int dirfd, const char *name, const void *data, size_t len, bool sync);

/* Plain create/truncate/write, for files inside a directory that is itself
 * renamed into place when complete. */
int pc_write_plain(int dirfd, const char *name, const void *data, size_t len);

/*
 * Copy of @in with every byte outside [A-Za-z0-9._-] replaced by '_' and
 * a leading '.' replaced too, so the result is one harmless path
 * component. Never empty, at most 200 bytes.
 */
char *pc_safe_name(const char *in);

/*
 * Valid UTF-8 copy of @in: NUL and control bytes other than \n and \t
 * become '?', invalid sequences become U+FFFD. *bad counts replacements.
 */
char *pc_utf8_clean(const unsigned char *in, size_t len, size_t *bad);

/* How many bytes pc_utf8_clean() would replace, without copying. */
size_t pc_utf8_bad(const unsigned char *in, size_t len);

/*
 * Make a one-line field safe for every consumer, in place (never longer):
 * valid UTF-8 (invalid bytes become '?'), terminal escape sequences and
 * C0/C1 controls removed (tab and newlines become spaces), bidi
 * overrides and Unicode line separators removed.
 */
void pc_field_clean(char *s);

/*
 * A name as it may appear in a log line: printable ASCII kept, every other
 * byte (newline, escape, non-ASCII) written as \xNN. Never NULL-safe: NULL
 * on ENOMEM.
 */
char *pc_log_name(const char *in);

/* Format @t as RFC 3339 UTC, "2026-01-02T03:04:05Z" (years clamped to 0000..9999). */
void pc_time_str(int64_t t, char out[32]);

/* Test hooks at the named steps of a run (test-only, see the man page):
 * SIGKILL ourselves at @step when $PSTORE_COLLECT_KILL_AT names it
 * (optionally "step:N" = N-th hit); sleep $PSTORE_COLLECT_PAUSE_MS
 * (default 2000) there when $PSTORE_COLLECT_PAUSE_AT names it, after
 * saying so on stderr (the race tests). */
void pc_killpoint(const char *step);

/* Test hook: after $PSTORE_COLLECT_ENOSPC_AFTER file writes, the archive
 * behaves as if full (for machines where a small filesystem cannot be
 * mounted by the test). */
bool pc_fault_enospc(void);
/* Read the test hooks' environment; call once, before any thread starts. */
void pc_hooks_init(void);

#endif
