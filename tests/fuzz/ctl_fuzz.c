/* libFuzzer harness for PID 1's control-socket request parser
 * (init/ctl_server.c, protocol in init/ctl.h), in-process: each input is
 *
 *   byte 0     knobs: bit 0 the peer is not root; bits 1-2 what start
 *              and stop return (0, -ESHUTDOWN, -EBUSY, -EPERM); bits 3-4
 *              the services' state; bit 5 a dependency failed
 *   byte 1     how much log ring `log` replays, in 64-byte pieces
 *   the rest   the request, sent as one SOCK_SEQPACKET message
 *
 * on a socketpair whose far end ctl_conn() reads, against a table of
 * three services ("web", "db", "x"). Every answer
 * must be: zero or more 'D' messages of at most CTL_MSG_MAX bytes, then
 * exactly one final 'K' (empty) or 'E' with one printable line, then
 * EOF; a shutdown only for reboot/halt/poweroff without a name; start
 * and stop only for a known name. Anything else aborts. The rest of
 * PID 1 is replaced by the small fakes below. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "init/ctl_server.c"

/* ---- PID 1 around the server, faked ---- */

const struct svc svc_table[] = {{.name = "web"}, {.name = "db"}, {.name = "x"}};
struct pid1 G = {.n = 3};
struct unit units[CFG_MAX_SERVICES];
/* The names only: supervise.c is not linked. */
const char *const st_names[] = {"waiting", "starting", "running",
				"ready",   "stopping", "stopped",
				"exited",  "backoff",  "failed"};
static unsigned knobs, ring_pieces, starts, stops, downs;

uint64_t now_ms(void)
{
	return 123456;
}
uint64_t now_us(void) /* init/timeline.c's clock (`timeline` is linked) */
{
	return 123456789;
}
uint64_t earliest(uint64_t a, uint64_t b)
{
	return !a || (b && b < a) ? b : a;
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
void say_err(const char *what, int err)
{
}
int sup_live(unsigned i)
{
	return units[i].p.pid != 0;
}
uint64_t cg_memory(const struct cg *cg)
{
	return (uint64_t)-1 / 3;
}

static const int results[] = {0, -ESHUTDOWN, -EBUSY, -EPERM};
int sup_start_req(unsigned i)
{
	starts++;
	return results[(knobs >> 1) & 3];
}
int sup_stop_req(unsigned i, int again)
{
	stops++;
	return results[(knobs >> 1) & 3];
}
int sup_blocked(unsigned i, struct ln *l)
{
	if (!(knobs & 32))
		return 0;
	ln_str(l, "waiting for db, which failed");
	return 1;
}
void shutdown_begin(enum down how)
{
	downs++;
}

void log_ring(unsigned i, void (*out)(const char *s, unsigned n))
{
	static char piece[64];

	memset(piece, 'a' + (int)i, sizeof(piece));
	piece[63] = '\n';
	for (unsigned k = 0; k < ring_pieces * 4; k++)
		out(piece, (unsigned)(k % 64) + 1);
}

/* ---- the oracle ---- */

static _Noreturn void bug(const char *what, const char *req, size_t n)
{
	fprintf(stderr, "ctl_fuzz: %s (request '%.*s')\n", what, (int)n, req);
	abort();
}

static void answers(int fd, const char *req, size_t n)
{
	static char m[CTL_MSG_MAX + 2];
	ssize_t k;

	while ((k = recv(fd, m, sizeof(m), MSG_DONTWAIT)) > 0 &&
	       m[0] == CTL_DATA)
		if (k > CTL_MSG_MAX)
			bug("a message over CTL_MSG_MAX", req, n);
	if (k <= 0)
		bug("no final message", req, n);
	if (m[0] == CTL_OK && k != 1)
		bug("'K' with text", req, n);
	if (m[0] != CTL_OK && (m[0] != CTL_ERR || k < 2))
		bug("a final message neither 'K' nor 'E' with a reason", req,
		    n);
	for (ssize_t j = 1; m[0] == CTL_ERR && j < k; j++)
		if ((unsigned char)m[j] < ' ')
			bug("an error reason that is not one printable line",
			    req, n);
	if (recv(fd, m, sizeof(m), MSG_DONTWAIT) != 0)
		bug("more after the final message, or no EOF", req, n);
}

/* Acted on only what the request named exactly. */
static void effects(const char *req, size_t n, int denied)
{
	const char *sp = memchr(req, ' ', n);
	size_t an = sp ? n - (size_t)(sp + 1 - req) : 0;
	int named = sp && ((an == 3 && !memcmp(sp + 1, "web", 3)) ||
			   (an == 2 && !memcmp(sp + 1, "db", 2)) ||
			   (an == 1 && sp[1] == 'x'));

	if (downs && (denied || (!(n == 6 && !memcmp(req, "reboot", 6)) &&
				 !(n == 4 && !memcmp(req, "halt", 4)) &&
				 !(n == 8 && !memcmp(req, "poweroff", 8)))))
		bug("shut down on a request that did not ask for it", req, n);
	if ((starts || stops) && (denied || !named))
		bug("start or stop without a known service name", req, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2];

	if (size < 2 || size > CTL_REQ_MAX + 64)
		return 0;
	knobs = data[0], ring_pieces = data[1];
	starts = stops = downs = 0;
	for (unsigned i = 0; i < G.n; i++) {
		units[i].state =
			(uint8_t)((knobs >> 3) & 3 ? ST_WAITING : ST_RUNNING);
		units[i].p.pid = (knobs >> 3) & 1 ? 0 : 100 + (int)i;
		units[i].last = (uint8_t)(knobs % 5), units[i].lastv = 9;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		abort();
	if (size > 2 && send(sv[1], data + 2, size - 2, 0) != (ssize_t)size - 2)
		abort();
	if (size == 2) /* an empty request: the client hung up instead */
		shutdown(sv[1], SHUT_WR);
	conns[0].fd = sv[0];
	conns[0].denied = knobs & 1;
	ctl_conn(0);
	if (conns[0].fd != -1)
		bug("connection left open", (const char *)data + 2, size - 2);
	if (size > 2)
		answers(sv[1], (const char *)data + 2, size - 2);
	effects((const char *)data + 2, size - 2, knobs & 1);
	close(sv[1]);
	return 0;
}
