// SPDX-License-Identifier: GPL-2.0-only
/*
 * lastgasp pstore core: the console frontend.
 *
 * Every backend with PSTORE_FLAGS_CONSOLE gets a console of its own, named
 * after the backend as upstream names its single one ("ramoops" in
 * /proc/consoles and in "printk: console [ramoops-1] enabled"), so a user
 * sees which backends keep the console log and can tell them apart.  Each
 * copies everything printed into its backend, so the messages leading up
 * to a hang that never reached kmsg_dump() survive too
 * ("console-ramoops-0").
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/console.h>
#include <linux/pstore.h>
#include <linux/string.h>

#include "internal.h"

/*
 * Called by printk in any context, including panic and NMI: no sleeping,
 * no allocation, no locks; the backend's ->write() for console records
 * must follow the same rules.  unregister_console() waits for this to
 * return before the backend may go away.
 */
static notrace void pstore_console_write(struct console *con, const char *s,
					 unsigned int count)
{
	struct pstore_backend *be = container_of(con, struct pstore_backend,
						 console);
	struct pstore_record record;

	if (!count)
		return;

	pstore_record_init(&record, be->psi);
	record.type = PSTORE_TYPE_CONSOLE;
	record.buf = (char *)s;
	record.size = count;
	be->psi->write(&record);
}

void pstore_console_attach(struct pstore_backend *be)
{
	struct console *con = &be->console;

	lockdep_assert_held(&pstore_backends_lock);
	memset(con, 0, sizeof(*con));
	/* Truncated to the 15 characters a console name holds, as upstream. */
	strscpy(con->name, be->psi->name, sizeof(con->name));
	con->write = pstore_console_write;
	con->index = -1;
	/* CON_PRINTBUFFER replays the log so far into the new backend. */
	con->flags = CON_PRINTBUFFER | CON_ENABLED | CON_ANYTIME;
	register_console(con);
	if (!(con->flags & CON_ENABLED))
		pr_warn("backend '%s': console not enabled, no console records will be saved\n",
			be->psi->name);
}

void pstore_console_detach(struct pstore_backend *be)
{
	lockdep_assert_held(&pstore_backends_lock);
	unregister_console(&be->console);
}
