/* corral ctl: the client of PID 1's control socket (SPEC 6; protocol in
 * init/ctl.h). It runs as an ordinary command, so it returns from
 * ctl_main with its exit status: nothing under init/ ever exits. */
#include "init/ctl.h"
#include "init/main.h"
#include "names.h"
#include "out.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define ANSWER_SECONDS 10

/* The column descriptions start at: put_text pads each tab to it. */
#define HELP_COL 18

#include "ctl_help.h" /* init/ctl.help, packed */

const char ctl_cmds[] = "status\0start\0stop\0restart\0log\0timeline\0"
			"reboot\0halt\0poweroff\0";
const unsigned char ctl_args[] = {ARG_OPT,  ARG_NAME, ARG_NAME,
				  ARG_NAME, ARG_NAME, ARG_NONE,
				  ARG_NONE, ARG_NONE, ARG_NONE};

static int usage(const char *why, const char *what)
{
	PUTS(2, "corral ctl: ", why, what, " (see corral ctl --help)");
	return 2;
}

static int check_args(int argc, char **argv)
{
	int i = name_find(ctl_cmds, argv[0]);

	if (i < 0)
		return usage("unknown command: ", argv[0]);
	if (argc > 2 || (argc == 2 && ctl_args[i] == ARG_NONE))
		return usage("too many arguments for ", argv[0]);
	if (argc == 1 && ctl_args[i] == ARG_NAME)
		return usage("missing service NAME for ", argv[0]);
	if (argc == 2 && (!argv[1][0] || strchr(argv[1], ' ')))
		return usage("bad service name: ", argv[1]);
	return 0;
}

static int fail(const char *what, int err)
{
	PUTS(2, "corral ctl: ", what, ": ", err_str(err));
	return 1;
}

static int connect_to(const char *path)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	struct timeval tv = {.tv_sec = ANSWER_SECONDS};
	int fd, e;

	if (strlen(path) >= sizeof(a.sun_path))
		return -ENAMETOOLONG;
	memcpy(a.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

/* Copy 'D' messages to stdout until the final 'K' or 'E'. */
static int answers(int fd)
{
	static char buf[CTL_MSG_MAX + 1];

	for (;;) {
		ssize_t n = recv(fd, buf, CTL_MSG_MAX, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail("no answer", errno);
		if (n == 0)
			return fail("no answer", ECONNRESET);
		buf[n] = 0;
		if (buf[0] == CTL_DATA && write_all(1, buf + 1, (size_t)n - 1))
			return fail("stdout", errno);
		if (buf[0] == CTL_OK)
			return 0;
		if (buf[0] == CTL_ERR) {
			PUTS(2, "corral ctl: ", buf + 1);
			return 1;
		}
	}
}

int ctl_main(int argc, char **argv)
{
	const char *path = CTL_PATH;
	struct ln req = {0};
	int fd, r;

	argc--, argv++;
	if (argc && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")))
		return put_text(1, unpack_text(ctl_help, sizeof(ctl_help)),
				HELP_COL)
			       ? 1
			       : 0;
	if (argc >= 2 && !strcmp(argv[0], "--socket")) {
		path = argv[1];
		argc -= 2, argv += 2;
	}
	if (!argc)
		return usage("missing COMMAND", "");
	if ((r = check_args(argc, argv)))
		return r;
	for (int i = 0; i < argc; i++) {
		if (i)
			ln_chr(&req, ' ');
		ln_str(&req, argv[i]);
	}
	if ((fd = connect_to(path)) < 0)
		return fail(path, -fd);
	/* PID 1 may refuse (not root, busy) and close before the request
	 * goes out: then the send fails but the refusal is there to read. */
	if (send(fd, req.buf, req.len, MSG_NOSIGNAL) < 0 && errno != EPIPE)
		r = fail("send", errno);
	else
		r = answers(fd);
	close(fd);
	return r;
}
