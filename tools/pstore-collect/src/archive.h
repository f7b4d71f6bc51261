/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef PC_ARCHIVE_H
#define PC_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "report.h"

/*
 * The archive directory:
 *   <type>-<id>/report.json  written last: the crash is complete when present
 *   <type>-<id>/dmesg.txt    reassembled text (dumps)
 *   <type>-<id>/<record>     every source record, byte for byte
 *   journal                  "<sha256 of record> <crash dir>" for records
 *                            about to be unlinked (see pc_archive_commit())
 *   spool/, sent.log         see ship.h
 */
struct pc_archive {
	int dfd;
	int lock_fd;       /* <archive>/lock, flock()ed for the whole run */
	char *path;
	int journal_fd;
	char (*known)[PC_SHA256_HEX + 64]; /* sorted "sha dir" journal lines */
	size_t n_known;
};

/*
 * Create/open the archive and take its lock (see pc_archive_lock()), then
 * remove what killed runs left behind (.tmp-* crash directories, spool
 * temporaries): only the lock holder may, or it would delete the crash
 * another instance is building.
 */
int pc_archive_open(const char *path, struct pc_archive *ar, int lock_wait_s);

/*
 * One instance at a time: flock() on "<dirfd>/lock", exclusive (collect,
 * ship; the holder's pid is written into the file) or shared (list),
 * retried for @wait_s seconds. On timeout the error names the holder's
 * pid and returns -EWOULDBLOCK. Returns the lock's fd; closing it unlocks.
 */
int pc_archive_lock(int dirfd, const char *path, bool shared, int wait_s);
/* Release a lock from pc_archive_lock() (exclusive: clears the pid first). */
void pc_archive_unlock(int lock_fd, bool shared);
void pc_archive_close(struct pc_archive *ar);

/*
 * Was this record (by content hash) already archived into a complete
 * crash directory by an earlier run that was cut short before its unlink?
 * Returns that directory's name (owned by @ar), or NULL.
 */
const char *pc_archive_has(const struct pc_archive *ar, const char *raw_sha);

/* Write the crash directory: records, dmesg.txt, report.json last. Not yet durable. */
int pc_archive_write(struct pc_archive *ar, const struct pc_report *r, const char *json);

/*
 * Journal @recs, then make everything written so far durable (syncfs of
 * the archive's filesystem, fsync of the archive directory and journal).
 * Only after this returns 0 may the records be unlinked.
 */
int pc_archive_commit(struct pc_archive *ar, struct pc_record **recs, const char **dirs, size_t n);

/*
 * Retention, applied by the lock holder after collect and ship: while
 * there are more than @max_crashes crashes or they take more than
 * @max_bytes (their files and spooled messages), or a delivered crash is
 * older than @max_age_days, remove crashes: delivered ones (no spool
 * message: sent, or never to be sent) oldest first, then, only if the
 * caps still require it, undelivered ones oldest first, each with an
 * error that names it. Age alone never removes an undelivered crash.
 * 0 disables a limit. Returns the number of crashes removed.
 */
struct pc_retention {
	unsigned long max_crashes;
	unsigned long long max_bytes;
	unsigned long max_age_days;
};
int pc_archive_prune(struct pc_archive *ar, const struct pc_retention *lim, int64_t now);

/* Forget the journal once every journaled record is gone from the source. */
int pc_archive_journal_reset(struct pc_archive *ar);

/*
 * Unlink a record from the source, but only if the name still refers to
 * the file that was read (same device and inode).
 */
int pc_source_unlink(int srcfd, const struct pc_record *r);

#endif
