/* dgsend: datagrams to a jail's /dev/log or notify socket, for
 * tests/unit/pid1_dgram.sh.
 *
 *   dgsend PATH MSG...     each MSG as one datagram to the unix socket
 *                          PATH (-n: $NOTIFY_SOCKET), with \n \t \e \0
 *                          \\ expanded; "@N" is N bytes of 'a'
 *   dgsend -s IDENT MSG    musl's own syslog(3): openlog(IDENT, LOG_PID,
 *                          LOG_DAEMON) unless IDENT is empty, then
 *                          syslog(LOG_INFO, "%s", MSG)
 *
 * Exits 1 with the failing step on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

static char buf[65536];

static size_t expand(const char *s)
{
	static const char from[] = "nte0\\", to[] = "\n\t\033\0\\";
	size_t n = 0;

	if (*s == '@') {
		n = strtoul(s + 1, 0, 10) % sizeof(buf);
		memset(buf, 'a', n);
		return n;
	}
	for (; *s && n < sizeof(buf); s++) {
		const char *e = s[0] == '\\' && s[1] ? strchr(from, s[1]) : 0;

		buf[n++] = e ? to[e - from] : *s;
		s += e != 0;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	const char *path = argc > 1 ? argv[1] : "";
	int fd;

	if (argc == 4 && !strcmp(path, "-s")) {
		if (*argv[2])
			openlog(argv[2], LOG_PID, LOG_DAEMON);
		syslog(LOG_INFO, "%s", argv[3]);
		return 0;
	}
	if (!strcmp(path, "-n") && !(path = getenv("NOTIFY_SOCKET")))
		path = "";
	if (argc < 3 || !*path || strlen(path) >= sizeof(a.sun_path)) {
		fprintf(stderr,
			"usage: dgsend PATH|-n MSG... | -s IDENT MSG\n");
		return 2;
	}
	strcpy(a.sun_path, path);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		fprintf(stderr, "dgsend: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (int i = 2; i < argc; i++)
		if (send(fd, buf, expand(argv[i]), 0) < 0) {
			fprintf(stderr, "dgsend: send: %s\n", strerror(errno));
			return 1;
		}
	return 0;
}
