/* Each jail's datagram sockets (SPEC 8), made here for every start and
 * bound inside the jail's /dev by the sandbox (sandbox/fs.c), so only
 * the jail can send to them:
 *
 *   sock[0]  /dev/log (`log syslog`): each message, less its <PRI> and
 *            RFC 3164 header, becomes the service's own lines, through
 *            its rate limit and into its ring like its stdout
 *   sock[1]  /dev/notify (`ready notify`, $NOTIFY_SOCKET): a line
 *            READY=1 marks it ready; other assignments are ignored
 *
 * One fixed buffer, non-blocking reads, a bounded batch per wake-up: a
 * flood waits for the next pass, after the other services. Memory is
 * bounded by the kernel, not by SO_RCVBUF (which AF_UNIX datagrams do
 * not use): a sender's datagrams are charged to its own send buffer,
 * and a queue holds net.unix.max_dgram_qlen of them (then the sender
 * waits, as with any syslogd). Descriptors sent with SCM_RIGHTS are
 * dropped by the kernel: recv has no room for them. */
#include "sys.h"
#include "init/pid1.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The datagram (cut to fit), then "\n\0": every line ends in one. */
static char dg[LN_MAX];

int dgram_open(unsigned i)
{
	const struct svc *s = &svc_table[i];
	int e = 0;

	units[i].p.step = "socket"; /* named if it fails; sbx_spawn renames */
	for (unsigned k = 0; k < 2 && !e; k++) {
		int *fd = &units[i].p.sock[k];

		if (k ? s->ready_fd != SVC_READY_NOTIFY : s->log != LOG_SYSLOG)
			continue;
		*fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			     0);
		e = *fd < 0 ? -errno : ep_add(*fd, EV(EV_SYSLOG + k, i));
	}
	return e;
}

/* The text of a syslog(3) message: past "<PRI>", the timestamp glibc
 * and musl write ("Mmm dd hh:mm:ss "), a hostname before the tag (a
 * word without ':' or '[' followed by one that ends in ':'), and the
 * ": " musl writes when no ident was set. */
static char *sl_text(char *s)
{
	char *p = s + 1;
	size_t w;

	while (*p >= '0' && *p <= '9')
		p++;
	if (*s == '<' && *p == '>')
		s = p + 1;
	if (strlen(s) >= 16 && s[3] == ' ' && s[6] == ' ' && s[9] == ':' &&
	    s[12] == ':' && s[15] == ' ')
		s += 16;
	w = strcspn(s, " :[");
	if (w && s[w] == ' ') {
		p = s + w + 1;
		w = strcspn(p, " \n");
		if (w && p[w - 1] == ':')
			s = p;
	}
	return s + (s[0] == ':' && s[1] == ' ') * 2;
}

/* Each line of a message: from /dev/log (k 0), a log line, control
 * characters as spaces (no terminal escapes reach the console), empty
 * lines left out; from the notify socket, READY=1 or nothing. */
static void lines(unsigned i, unsigned k, char *s)
{
	for (size_t n; *s; s += n + 1) {
		n = strcspn(s, "\n");
		if (k) {
			if (n == 7 && !memcmp(s, "READY=1", 7))
				tl_ready(i);
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if ((unsigned char)s[j] < ' ' || s[j] == 0x7f)
				s[j] = ' ';
		if (n) {
			svc_out(i, s, n);
			ring_add(i, s, n + 1);
		}
	}
}

/* A NUL ends a message: what follows it is dropped. */
void dgram_read(unsigned i, unsigned k, unsigned rounds)
{
	int fd = units[i].p.sock[k];
	ssize_t n;

	while (fd >= 0 && rounds-- &&
	       (n = recv(fd, dg, sizeof(dg) - 2, 0)) >= 0) {
		n = (ssize_t)strnlen(dg, (size_t)n);
		dg[n] = '\n';
		dg[n + 1] = 0;
		lines(i, k, k ? dg : sl_text(dg));
	}
}

void dgram_close(unsigned i)
{
	dgram_read(i, 0, 64); /* its last words before its exit line */
	ep_close(&units[i].p.sock[0]);
	ep_close(&units[i].p.sock[1]);
}
