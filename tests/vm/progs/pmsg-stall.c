// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmsg-stall: a /dev/pmsg0 write whose source page faults into userfaultfd
 * and stays stalled until we let it go, and meanwhile the pstore
 * operations that must not wait for it: reading a pstore parameter and
 * mounting the pstore filesystem.  Runs as root in the VM guest (static
 * binary; tests/vm/12-pmsg-stall.sh).
 *
 *   pmsg-stall PARAM_FILE MOUNTPOINT
 *
 * Exit 0: the write stalled, the operations finished while it did, and the
 * write completed once released.  Exit 1: an operation was still blocked
 * after the time limit (the pmsg write holds a lock they need), or
 * anything else went wrong (message on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LIMIT_S	20	/* an unblocked operation takes well under 1 s */
#define MSG	"pmsg-stall: this write waited on userfaultfd\n"

static char *page;
static long page_size;
static ssize_t write_ret = -2;
static int write_errno;

static void die(const char *what)
{
	fprintf(stderr, "pmsg-stall: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *writer(void *arg)
{
	int fd = open("/dev/pmsg0", O_WRONLY | O_CLOEXEC);

	(void)arg;
	if (fd < 0) {
		write_errno = errno;
		return NULL;
	}
	/* the copy from `page` faults: userfaultfd holds it there */
	write_ret = write(fd, page, strlen(MSG));
	write_errno = errno;
	close(fd);
	return NULL;
}

/* The operations, in a child so a blocked one cannot block us. */
static int operations(const char *param, const char *mnt)
{
	char buf[256];
	ssize_t n;
	int fd;

	fd = open(param, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 2;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return 3;
	buf[n] = 0;
	printf("pmsg-stall: %s while the write is stalled: %s", param, buf);
	fflush(stdout);
	if (umount(mnt))
		return 4;
	if (mount("pstore", mnt, "pstore", 0, NULL))
		return 5;
	printf("pmsg-stall: %s mounted again while the write is stalled\n", mnt);
	fflush(stdout);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { 0 };
	struct uffdio_copy copy = { 0 };
	struct uffd_msg msg;
	struct pollfd pfd;
	pthread_t thr;
	char *src;
	int uffd, status = -1, ok;
	pid_t child;
	double t0;

	if (argc != 3) {
		fprintf(stderr, "usage: pmsg-stall PARAM_FILE MOUNTPOINT\n");
		return 2;
	}
	page_size = sysconf(_SC_PAGESIZE);
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0)
		die("userfaultfd");
	if (ioctl(uffd, UFFDIO_API, &api))
		die("UFFDIO_API");
	page = mmap(NULL, page_size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		die("mmap");
	reg.range.start = (unsigned long)page;
	reg.range.len = page_size;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		die("UFFDIO_REGISTER");

	if (pthread_create(&thr, NULL, writer, NULL))
		die("pthread_create");

	/* wait until the write really is stalled on the page */
	pfd.fd = uffd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, LIMIT_S * 1000) != 1) {
		fprintf(stderr, "pmsg-stall: the write never faulted on its source (write returned %zd, errno %d)\n",
			write_ret, write_errno);
		return 1;
	}
	if (read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT)
		die("reading the fault event");
	printf("pmsg-stall: the pmsg write is stalled on a page fault\n");
	fflush(stdout);

	t0 = now();
	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0)
		_exit(operations(argv[1], argv[2]));
	while (now() - t0 < LIMIT_S) {
		if (waitpid(child, &status, WNOHANG) == child)
			break;
		usleep(20000);
	}
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (status == -1)
		fprintf(stderr, "pmsg-stall: BLOCKED: the parameter read or the mount did not finish in %d s while the pmsg write was stalled\n",
			LIMIT_S);
	else if (!ok)
		fprintf(stderr, "pmsg-stall: the operations failed (status %d)\n",
			WEXITSTATUS(status));
	else
		printf("pmsg-stall: operations done in %.3f s while the write was stalled\n",
		       now() - t0);

	/* let the write go on */
	src = aligned_alloc(page_size, page_size);
	memset(src, 0, page_size);
	memcpy(src, MSG, strlen(MSG));
	copy.dst = (unsigned long)page;
	copy.src = (unsigned long)src;
	copy.len = page_size;
	if (ioctl(uffd, UFFDIO_COPY, &copy))
		die("UFFDIO_COPY");
	pthread_join(thr, NULL);
	if (status == -1)
		waitpid(child, &status, 0);
	if (write_ret != (ssize_t)strlen(MSG)) {
		fprintf(stderr, "pmsg-stall: the write returned %zd (errno %d), expected %zu\n",
			write_ret, write_errno, strlen(MSG));
		return 1;
	}
	printf("pmsg-stall: the released write stored %zd bytes\n", write_ret);
	return ok ? 0 : 1;
}
