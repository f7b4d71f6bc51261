// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: the dmesg frontend.
 *
 * One kmsg_dumper serves every backend with PSTORE_FLAGS_DMESG.  On a dump
 * it visits them in list order (risk class, then registration order) and
 * gives each one the tail of the kernel log, split into records of the
 * backend's bufsize, each starting with upstream's "<Reason>#<n> Part<m>"
 * header so that existing tools read them.
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/kernel.h>
#include <linux/kmsg_dump.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pstore.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "internal.h"

/* How much of the log one dump saves, per backend. */
unsigned int kmsg_bytes = CONFIG_PSTORE_DEFAULT_KMSG_BYTES;
module_param(kmsg_bytes, uint, 0444);
MODULE_PARM_DESC(kmsg_bytes,
		 "bytes of kernel log saved per dump and backend (default: CONFIG_PSTORE_DEFAULT_KMSG_BYTES, 10240)");

void pstore_set_kmsg_bytes(unsigned int bytes)
{
	WRITE_ONCE(kmsg_bytes, bytes);
}

/*
 * pstore.max_reason=: when non-zero, replaces every backend's own
 * psi->max_reason (1 panic, 2 oops, 3 emerg, 4 shutdown, 5 all).
 */
static int pstore_max_reason;

static int pstore_max_reason_set(const char *val, const struct kernel_param *kp)
{
	int reason, ret;

	ret = kstrtoint(val, 0, &reason);
	if (ret)
		return ret;
	if (reason < KMSG_DUMP_UNDEF || reason > KMSG_DUMP_MAX) {
		pr_warn("max_reason=%d out of range 0..%d\n", reason,
			KMSG_DUMP_MAX);
		return -EINVAL;
	}
	WRITE_ONCE(pstore_max_reason, reason);

	/* At boot-time parsing no backend exists yet and locks are early. */
	if (system_state != SYSTEM_BOOTING) {
		mutex_lock(&pstore_backends_lock);
		pstore_kmsg_update_max_reason();
		mutex_unlock(&pstore_backends_lock);
	}
	return 0;
}

static const struct kernel_param_ops pstore_max_reason_ops = {
	.set	= pstore_max_reason_set,
	.get	= param_get_int,
};
module_param_cb(max_reason, &pstore_max_reason_ops, &pstore_max_reason, 0644);
MODULE_PARM_DESC(max_reason,
		 "highest kmsg_dump reason saved by every backend, overriding each backend's own (default: 0, each backend decides)");

static atomic_t pstore_dump_count = ATOMIC_INIT(0);
static atomic_t pstore_panic_count = ATOMIC_INIT(0);	/* count of this boot's panic dump */

/* An oops was saved while the system kept running: see update_ms. */
static atomic_t pstore_new_records = ATOMIC_INIT(0);

bool pstore_kmsg_take_new_records(void)
{
	return atomic_xchg(&pstore_new_records, 0);
}
static unsigned int pstore_dmesg_backends;

static void pstore_dump(struct kmsg_dumper *dumper,
			struct kmsg_dump_detail *detail);

static struct kmsg_dumper pstore_dumper = {
	.dump = pstore_dump,
};

static enum kmsg_dump_reason pstore_backend_max_reason(const struct pstore_info *psi)
{
	int override = READ_ONCE(pstore_max_reason);

	return override ? override : psi->max_reason;
}

/*
 * printk filters on the dumper's max_reason before calling us.  Backends
 * that leave max_reason at KMSG_DUMP_UNDEF want printk's own default
 * (oops, or everything with printk.always_kmsg_dump), which only printk
 * knows, so we pass UNDEF on when every backend asks for it.  Otherwise the
 * dumper lets through the most any backend wants, counting UNDEF as oops,
 * and pstore_backend_wants() filters per backend.
 */
void pstore_kmsg_update_max_reason(void)
{
	enum kmsg_dump_reason max = KMSG_DUMP_UNDEF;
	struct pstore_backend *be;
	bool any_undef = false;

	lockdep_assert_held(&pstore_backends_lock);
	list_for_each_entry(be, &pstore_backends, node) {
		enum kmsg_dump_reason r = pstore_backend_max_reason(be->psi);

		if (!(be->psi->flags & PSTORE_FLAGS_DMESG))
			continue;
		if (r == KMSG_DUMP_UNDEF)
			any_undef = true;
		else
			max = max(max, r);
	}
	if (max != KMSG_DUMP_UNDEF && any_undef)
		max = max(max, KMSG_DUMP_OOPS);
	WRITE_ONCE(pstore_dumper.max_reason, max);
}

static bool pstore_backend_wants(const struct pstore_info *psi,
				 enum kmsg_dump_reason reason)
{
	enum kmsg_dump_reason max = pstore_backend_max_reason(psi);

	if (!(psi->flags & PSTORE_FLAGS_DMESG))
		return false;
	if (max == KMSG_DUMP_UNDEF) {
		if (READ_ONCE(pstore_dumper.max_reason) == KMSG_DUMP_UNDEF)
			return true;	/* printk already applied its default */
		max = KMSG_DUMP_OOPS;
	}
	return reason <= max;
}

void pstore_kmsg_attach(struct pstore_backend *be)
{
	int ret;

	lockdep_assert_held(&pstore_backends_lock);
	pstore_kmsg_update_max_reason();
	if (pstore_dmesg_backends++)
		return;
	ret = kmsg_dump_register(&pstore_dumper);
	if (ret)
		pr_err("cannot register the kmsg dumper (%d): no dmesg records will be saved\n",
		       ret);
}

void pstore_kmsg_detach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	if (--pstore_dmesg_backends)
		return;
	/* Waits for a dump in progress to finish. */
	kmsg_dump_unregister(&pstore_dumper);
}

/*
 * On a panic the other CPUs were stopped wherever they were, possibly
 * holding a backend's buf_lock; in NMI context we may have interrupted the
 * holder on this very CPU; an emergency restart must not wait.  There we
 * only try the lock and skip the backend if it is taken.
 */
static bool pstore_must_not_block(enum kmsg_dump_reason reason)
{
	return in_nmi() || reason == KMSG_DUMP_PANIC ||
	       reason == KMSG_DUMP_EMERG;
}

/*
 * Outside panic, a second dump (an oops on another CPU) waits for the
 * first, but not forever: the holder may be this very CPU, oopsing inside
 * the backend's ->write(), and an unbounded spin would hang it with
 * interrupts off.  A second is longer than any backend takes for a dump.
 */
#define PSTORE_LOCK_WAIT_US	USEC_PER_SEC

static notrace bool pstore_buf_trylock_wait(struct pstore_info *psi,
					    unsigned long *flags,
					    unsigned long wait_us)
{
	unsigned long waited;
	unsigned long f;

	for (waited = 0; ; waited++) {
		if (raw_spin_trylock_irqsave(&psi->buf_lock, f)) {
			*flags = f;
			return true;
		}
		if (waited >= wait_us)
			return false;
		udelay(1);
	}
}

/*
 * Compress @len bytes of part text from be->zbuf into psi->buf.  If it does
 * not fit (or deflate fails) store the text uncompressed instead, keeping
 * the header and the newest bytes, which matter most.
 * Returns the record size; sets record->compressed.
 */
static notrace size_t pstore_pack_part(struct pstore_backend *be,
				       struct pstore_record *record,
				       size_t header, size_t len)
{
	struct pstore_info *psi = be->psi;
	size_t tail;
	int zlen;

	zlen = pstore_zip_compress(be, be->zbuf, len, psi->buf, psi->bufsize);
	if (zlen > 0) {
		record->compressed = true;
		return zlen;
	}

	if (len <= psi->bufsize) {
		memcpy(psi->buf, be->zbuf, len);
		return len;
	}
	header = min(header, psi->bufsize);
	tail = psi->bufsize - header;
	memcpy(psi->buf, be->zbuf, header);
	memcpy(psi->buf + header, be->zbuf + len - tail, tail);
	return psi->bufsize;
}

/*
 * Panic-path rules for everything below, down to the backend's ->write():
 *  - nothing sleeps, allocates or takes a lock it cannot try: all buffers
 *    (psi->buf, be->zbuf, be->zwork) were allocated at registration;
 *  - in panic, emergency and NMI context psi->buf_lock is only try-locked,
 *    and a backend whose lock is taken is skipped, not waited for; other
 *    dumps (oops) retry the try-lock for at most PSTORE_LOCK_WAIT_US;
 *  - a backend whose write fails or that is skipped does not stop the
 *    next one: every backend gets its chance, in risk order;
 *  - notrace, so a tracer cannot recurse into a dump.
 */
static notrace int pstore_dump_backend(struct pstore_backend *be,
				       enum kmsg_dump_reason reason,
				       const char *why, int count,
				       struct timespec64 when)
{
	struct pstore_info *psi = be->psi;
	struct kmsg_dump_iter iter;
	unsigned int limit = READ_ONCE(kmsg_bytes);
	unsigned long flags;
	unsigned long total = 0;
	unsigned int part = 1;
	int ret = 0;

	if (!pstore_buf_trylock_wait(psi, &flags,
				     pstore_must_not_block(reason) ? 0 :
				     PSTORE_LOCK_WAIT_US))
		return -EBUSY;

	kmsg_dump_rewind(&iter);
	while (total < limit) {
		struct pstore_record record;
		char *dst = be->zbuf ? be->zbuf : psi->buf;
		size_t dst_size = be->zbuf ? be->zbuf_size : psi->bufsize;
		size_t header, text;

		pstore_record_init(&record, psi);
		record.time = when;
		record.type = PSTORE_TYPE_DMESG;
		record.count = count;
		record.reason = reason;
		record.part = part;
		record.buf = psi->buf;

		header = scnprintf(dst, dst_size, "%s#%d Part%u\n", why, count,
				   part);
		/* Fills from the newest message backwards, one part per call. */
		if (!kmsg_dump_get_buffer(&iter, true, dst + header,
					  dst_size - header, &text))
			break;

		if (be->zbuf)
			record.size = pstore_pack_part(be, &record, header,
						       header + text);
		else
			record.size = header + text;

		ret = psi->write(&record);
		/*
		 * A backend that refuses a part (full, or like ramoops taking
		 * only Part1) will refuse the older ones too: stop instead of
		 * burning panic time.  Only a refused Part1 is an error.
		 */
		if (ret) {
			if (part > 1)
				ret = 0;
			break;
		}

		total += record.size;
		part++;
	}
	raw_spin_unlock_irqrestore(&psi->buf_lock, flags);
	return ret;
}

/*
 * A kernel with lastgasp's panic path (panic/ in this repository) times and
 * reports each backend of a panic dump, and skips a backend that was already
 * written when an oops inside a later one re-entered the panic.  Other
 * kernels (Debian's 6.1 headers, a tree without the patches) lack the hook.
 */
#ifdef KMSG_DUMP_HAVE_TARGET_REPORT
#define pstore_target_begin(psi)	kmsg_dump_target_begin((psi)->name)
#define pstore_target_end(psi, err)	kmsg_dump_target_end((psi)->name, err)
#else
#define pstore_target_begin(psi)	((void)(psi), true)
#define pstore_target_end(psi, err)	do { (void)(psi); (void)(err); } while (0)
#endif

static notrace void pstore_dump(struct kmsg_dumper *dumper,
				struct kmsg_dump_detail *detail)
{
	enum kmsg_dump_reason reason = detail->reason;
	const char *why = kmsg_dump_reason_str(reason);
	struct pstore_backend *be;
	/*
	 * One time for every part and every backend's copy of a dump: parts
	 * written across a second boundary still name one dump (the EFI
	 * backend's names and its max_dumps cleanup pair count and seconds).
	 */
	struct timespec64 when = ns_to_timespec64(ktime_get_real_fast_ns());
	int count;

	/*
	 * Every backend's copy of one dump carries the same "<why>#<count>".
	 * A boot dumps one panic: a second PANIC dump can only be that panic
	 * resumed after an oops inside a backend (panic/ lets the owner carry
	 * on with the next backend), so it keeps the first one's count.
	 */
	if (reason == KMSG_DUMP_PANIC) {
		count = atomic_read(&pstore_panic_count);
		if (!count) {
			count = atomic_inc_return(&pstore_dump_count);
			atomic_set(&pstore_panic_count, count);
		}
	} else {
		count = atomic_inc_return(&pstore_dump_count);
	}

	rcu_read_lock();
	list_for_each_entry_rcu(be, &pstore_backends, node) {
		int ret;

		if (!pstore_backend_wants(be->psi, reason))
			continue;
		if (!pstore_target_begin(be->psi))
			continue;
		ret = pstore_dump_backend(be, reason, why, count, when);
		/* Only a flag: arming timers from an oops is not safe. */
		if (!ret && reason == KMSG_DUMP_OOPS)
			atomic_set(&pstore_new_records, 1);
		pstore_target_end(be->psi, ret);
		if (ret == -EBUSY)
			pr_err("%s dump #%d skipped for '%s': its buffer is in use\n",
			       in_nmi() ? "NMI" : why, count, be->psi->name);
		else if (ret)
			pr_err("%s dump #%d: backend '%s' write failed (%d)\n",
			       why, count, be->psi->name, ret);
	}
	rcu_read_unlock();
}
