/* libFuzzer harness for the datagram parsers PID 1 runs on what a jail
 * sends (init/dgram.c): built twice, as the /dev/log message parser
 * (syslog.sh, FZ_SOCK 0) and as the notify-socket parser (notify.sh,
 * FZ_SOCK 1). Each input is
 *
 *   byte 0     the service's state (enum st, mod ST_FAILED + 1)
 *   the rest   datagrams, split at the two bytes 0xff 0xfe
 *
 * sent on a SOCK_DGRAM socketpair whose far end dgram_read() reads as
 * units[0].p.sock[FZ_SOCK]. The oracle:
 *
 *   /dev/log   every line handed to svc_out() and ring_add() is
 *              non-empty, at most LN_MAX bytes, free of control
 *              characters and DEL, and ring_add()'s copy ends in '\n';
 *              nothing is marked ready; each line's text comes from
 *              one datagram;
 *   notify     nothing is logged; the service is marked ready exactly
 *              when a datagram (up to its first NUL, cut to what
 *              PID 1 reads) has a line "READY=1", and only RUNNING
 *              becomes READY.
 *
 * and the timeline's READY stamp set exactly when READY was reached.
 * init/timeline.c is linked in (tl_ready); the rest of PID 1 is
 * replaced by the fakes below. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "init/dgram.c"

#ifndef FZ_SOCK
#define FZ_SOCK 0
#endif

const struct svc svc_table[] = {
	{.name = "web", .log = LOG_SYSLOG, .ready_fd = SVC_READY_NOTIFY}};
struct pid1 G = {.n = 1};
struct unit units[CFG_MAX_SERVICES];
static unsigned logged;
static const char *cur; /* the datagram being read, and its length */
static size_t curlen;

/* init/timeline.c's clock: tl_ready() stamps READY with it. */
uint64_t now_us(void)
{
	return 5;
}

int ep_add(int fd, uint64_t tag)
{
	return 0;
}
void ep_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static _Noreturn void bug(const char *what, const char *s, size_t n)
{
	fprintf(stderr, "dgram_fuzz: %s: '%.*s'\n", what, (int)n, s);
	abort();
}

/* A line's bytes, controls as spaces, appear in the datagram in order. */
static int from_datagram(const char *s, size_t n)
{
	for (size_t at = 0; at + n <= curlen; at++) {
		size_t j = 0;

		while (j < n &&
		       (cur[at + j] == s[j] ||
			(s[j] == ' ' && ((unsigned char)cur[at + j] < ' ' ||
					 cur[at + j] == 0x7f))))
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

void svc_out(unsigned i, const char *s, size_t n)
{
	if (FZ_SOCK)
		bug("the notify socket logged", s, n);
	if (!n || n > LN_MAX)
		bug("an empty or over-long line", s, n);
	for (size_t j = 0; j < n; j++)
		if ((unsigned char)s[j] < ' ' || s[j] == 0x7f)
			bug("a control character reached the log", s, n);
	if (!from_datagram(s, n))
		bug("a line not from the datagram", s, n);
	logged++;
}

void ring_add(unsigned i, const char *s, size_t n)
{
	if (!n || s[n - 1] != '\n' || !logged)
		bug("ring_add without its newline or its svc_out", s, n);
}

/* Would PID 1 mark the service ready for this datagram? */
static int says_ready(const char *d, size_t n)
{
	n = strnlen(d, n < sizeof(dg) - 2 ? n : sizeof(dg) - 2);
	for (size_t at = 0; at < n;) {
		const char *nl = memchr(d + at, '\n', n - at);
		size_t l = nl ? (size_t)(nl - (d + at)) : n - at;

		if (l == 7 && !memcmp(d + at, "READY=1", 7))
			return 1;
		at += l + 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2], ready = 0;
	uint8_t st;

	if (size < 1)
		return 0;
	st = (uint8_t)(data[0] % (ST_FAILED + 1));
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0,
		       sv))
		abort();
	units[0] = (struct unit){.state = st, .p.sock = {-1, -1}};
	units[0].p.sock[FZ_SOCK] = sv[0];
	logged = 0;
	for (size_t at = 1; at <= size;) {
		const uint8_t *end =
			memmem(data + at, size - at, "\xff\xfe", 2);
		size_t n = end ? (size_t)(end - (data + at)) : size - at;

		cur = (const char *)data + at, curlen = n;
		ready |= says_ready(cur, n);
		if (send(sv[1], cur, n, 0) != (ssize_t)n)
			abort();
		dgram_read(0, FZ_SOCK, 4);
		at += n + 2;
	}
	if (units[0].ready != (FZ_SOCK && ready))
		bug("ready is not what the datagrams said", (const char *)data,
		    size);
	if (units[0].state !=
	    (FZ_SOCK && ready && st == ST_RUNNING ? ST_READY : st))
		bug("a state change READY=1 does not make", (const char *)data,
		    size);
	if (!units[0].tl[TL_READY] != !(FZ_SOCK && ready && st == ST_RUNNING))
		bug("READY stamped in the timeline without becoming READY",
		    (const char *)data, size);
	ep_close(&units[0].p.sock[FZ_SOCK]);
	close(sv[1]);
	return 0;
}
