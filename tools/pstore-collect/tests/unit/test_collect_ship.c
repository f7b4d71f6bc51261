// SPDX-License-Identifier: GPL-2.0-only
/* Syslog formatting, framing, spool, daily cap and a receiver that is down. */
#include "corpus.h"
#include "ship.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

static const char KEY1[] = "1111111111111111111111111111111111111111111111111111111111111111";
static const char KEY2[] = "2222222222222222222222222222222222222222222222222222222222222222";

static void test_ship_parse_urls(void **state)
{
	struct pc_ship s;

	(void)state;
	assert_int_equal(pc_ship_parse("tcp://logs.example.net:6514", &s), 0);
	assert_int_equal(s.proto, PC_SHIP_TCP);
	assert_string_equal(s.host, "logs.example.net");
	assert_string_equal(s.port, "6514");
	assert_int_equal(pc_ship_parse("relp://[::1]:2514", &s), 0);
	assert_int_equal(s.proto, PC_SHIP_RELP);
	assert_string_equal(s.host, "::1");
	assert_true(pc_ship_parse("udp://x:1", &s) < 0);
	assert_true(pc_ship_parse("tcp://x", &s) < 0);
	assert_true(pc_ship_parse("tcp://:514", &s) < 0);
	assert_true(pc_ship_parse("tcp://x:51a", &s) < 0);
}

static void test_ship_syslog_format_is_rfc5424(void **state)
{
	struct pc_syslog_msg m = {
		.time = 1700000000, .hostname = "web 01", .key = KEY1, .id = "abcd",
		.signature = "kernel-foo-\"]\\", .kind = "oops", .summary = "one\ntwo",
		.text = "line 1\nline 2\n",
	};
	size_t len;
	char *s = pc_syslog_format(&m, &len);

	(void)state;
	assert_non_null(s);
	assert_int_equal(strlen(s), len);
	assert_true(strncmp(s, "<2>1 2023-11-14T22:13:20Z web01 pstore-collect - crash [lastgasp@32473 key=\"", 74) == 0);
	assert_non_null(strstr(s, "sig=\"kernel-foo-\\\"\\]\\\\\""));
	assert_non_null(strstr(s, "] one two\nline 1\nline 2\n"));
	free(s);
}

/* A one-shot TCP receiver: accepts one connection, stores what it reads. */
static pid_t receiver(int *port, const char *out)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	pid_t pid;

	assert_true(ls >= 0);
	assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(ls, 1), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&a, &al), 0);
	*port = ntohs(a.sin_port);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int c = accept(ls, NULL, NULL), fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		char buf[4096];
		ssize_t r;

		while ((r = read(c, buf, sizeof(buf))) > 0)
			if (write(fd, buf, (size_t)r) != r)
				_exit(2);
		close(fd);
		close(c);
		_exit(0);
	}
	close(ls);
	return pid;
}

static void test_ship_tcp_octet_counted_and_spool_drained(void **state)
{
	char *arch = scratch_dir(), out[600], *got;
	struct pc_ship s;
	int adfd = open(arch, O_RDONLY | O_DIRECTORY), port, sent, st, fd;
	pid_t pid;
	size_t len;
	unsigned char *buf;

	(void)state;
	snprintf(out, sizeof(out), "%s/received", arch);
	pid = receiver(&port, out);
	assert_int_equal(pc_ship_spool(adfd, 2, KEY2, "<2>1 second\nmsg", 15), 0);
	assert_int_equal(pc_ship_spool(adfd, 1, KEY1, "<2>1 first", 10), 0);
	{
		char url[64];

		snprintf(url, sizeof(url), "tcp://127.0.0.1:%d", port);
		assert_int_equal(pc_ship_parse(url, &s), 0);
	}
	assert_int_equal(pc_ship_flush(adfd, &s, 1700000000, &sent), 0);
	assert_int_equal(sent, 2);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	fd = open(out, O_RDONLY);
	assert_int_equal(pc_read_fd(fd, 1 << 20, &buf, &len), 0);
	close(fd);
	got = (char *)buf;
	/* oldest first, each framed by its length */
	assert_string_equal(got, "10 <2>1 first15 <2>1 second\nmsg");
	free(buf);
	/* sent.log remembers both keys: nothing is spooled or sent twice */
	assert_true(pc_ship_was_sent(adfd, KEY1));
	close(adfd);
	rm_rf(arch);
	free(arch);
}

static void test_ship_receiver_down_keeps_spool(void **state)
{
	char *arch = scratch_dir();
	struct pc_ship s;
	int adfd = open(arch, O_RDONLY | O_DIRECTORY), sent;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	char url[64];

	(void)state;
	/* a port that was free a moment ago and has nobody listening */
	assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&a, &al), 0);
	snprintf(url, sizeof(url), "tcp://127.0.0.1:%d", ntohs(a.sin_port));
	close(ls);
	assert_int_equal(pc_ship_parse(url, &s), 0);
	s.timeout_s = 2;
	assert_int_equal(pc_ship_spool(adfd, 1, KEY1, "<2>1 x", 6), 0);
	assert_int_equal(pc_ship_flush(adfd, &s, 1700000000, &sent), 1);
	assert_int_equal(sent, 0);
	close(adfd);
	rm_rf(arch);
	free(arch);
}

static void test_ship_daily_cap_holds_the_rest(void **state)
{
	char *arch = scratch_dir(), line[200], out[600];
	struct pc_ship s;
	int adfd = open(arch, O_RDONLY | O_DIRECTORY), sent, port, st;
	pid_t pid;

	(void)state;
	/* one send already today (2023-11-14), cap of 2 */
	snprintf(line, sizeof(line), "2023-11-14 %s\n", "3333333333333333333333333333333333333333333333333333333333333333");
	write_file(arch, "sent.log", line, strlen(line));
	snprintf(out, sizeof(out), "%s/received", arch);
	pid = receiver(&port, out);
	assert_int_equal(pc_ship_spool(adfd, 1, KEY1, "<2>1 a", 6), 0);
	assert_int_equal(pc_ship_spool(adfd, 2, KEY2, "<2>1 b", 6), 0);
	snprintf(line, sizeof(line), "tcp://127.0.0.1:%d", port);
	assert_int_equal(pc_ship_parse(line, &s), 0);
	s.max_per_day = 2;
	assert_int_equal(pc_ship_flush(adfd, &s, 1700000000, &sent), 1);
	assert_int_equal(sent, 1);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	close(adfd);
	rm_rf(arch);
	free(arch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ship_parse_urls),
		cmocka_unit_test(test_ship_syslog_format_is_rfc5424),
		cmocka_unit_test(test_ship_tcp_octet_counted_and_spool_drained),
		cmocka_unit_test(test_ship_receiver_down_keeps_spool),
		cmocka_unit_test(test_ship_daily_cap_holds_the_rest),
	};

	return cmocka_run_group_tests_name("pstore-collect ship", tests, NULL, NULL);
}
