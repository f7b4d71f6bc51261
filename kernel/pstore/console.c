// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: the console frontend.
 *
 * One console, registered while at least one backend has
 * PSTORE_FLAGS_CONSOLE, copies everything printed to each such backend,
 * so the messages leading up to a hang that never reached kmsg_dump()
 * survive too ("console-ramoops-0").
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/console.h>
#include <linux/pstore.h>
#include <linux/rculist.h>
#include <linux/string.h>

#include "internal.h"

static unsigned int pstore_console_backends;

/*
 * Called by printk in any context, including panic and NMI: no sleeping,
 * no allocation, no locks; the backends' ->write() for console records
 * must follow the same rules.  A failing backend does not stop the next.
 */
static notrace void pstore_console_write(struct console *con, const char *s,
					 unsigned int count)
{
	struct pstore_backend *be;

	if (!count)
		return;

	rcu_read_lock();
	list_for_each_entry_rcu(be, &pstore_backends, node) {
		struct pstore_record record;

		if (!(be->psi->flags & PSTORE_FLAGS_CONSOLE))
			continue;
		pstore_record_init(&record, be->psi);
		record.type = PSTORE_TYPE_CONSOLE;
		record.buf = (char *)s;
		record.size = count;
		be->psi->write(&record);
	}
	rcu_read_unlock();
}

static struct console pstore_console = {
	.name	= "pstore",
	.write	= pstore_console_write,
	.index	= -1,
};

void pstore_console_attach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	if (pstore_console_backends++)
		return;
	/*
	 * Reset on every registration: unregister_console() clears
	 * CON_ENABLED.  CON_PRINTBUFFER replays the log so far into the
	 * first console backend; later ones only see new messages.
	 */
	pstore_console.flags = CON_PRINTBUFFER | CON_ENABLED | CON_ANYTIME;
	register_console(&pstore_console);
}

void pstore_console_detach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	if (--pstore_console_backends)
		return;
	unregister_console(&pstore_console);
}
