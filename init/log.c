/* The log: PID 1's own lines ("corral: ...") and every service's output
 * ("NAME: line") go to /dev/kmsg, one record per line; to stdout in
 * container mode (container= in the environment, or no /dev/kmsg).
 *
 * PID 1 must never block on its log: the writer is non-blocking (a line
 * that does not fit is lost), and each service gets CFG_LOG_RATE lines
 * per second; lines beyond are dropped and counted, the count logged
 * once the second is over. Each service's raw output also goes into its
 * ring for `corral ctl log NAME` (ring.c). */
#include "sys.h"
#include "init/pid1.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#define PART 200u /* longest line kept whole; longer ones are cut */

struct svlog {
	uint32_t sec, lines, dropped; /* rate limit, per second */
	uint16_t plen;                /* bytes in part */
	char part[PART];              /* the line being assembled */
};

/* The console is a serial line (115200 baud, far less under QEMU's TCG)
 * that services with `console` write to as well: a write may take part
 * of a line, or none. What it does not take waits here, in order, until
 * the console can take more (EPOLLOUT); only a backlog over CON_QUEUE
 * bytes loses lines, and the console is told so. */
#define CON_QUEUE 2048u

int log_out = 1;
static int con = -1; /* kmsg mode: the console, for corral's own lines */
static char cq[CON_QUEUE];
static uint32_t cq_head, cq_len;
static uint8_t cq_lost, cq_armed; /* cq_armed: con is in the epoll set */
static struct svlog lg[CFG_MAX_SERVICES];

/* Container mode: stdout, made non-blocking without touching a file
 * description other processes share (a regular file never blocks; a
 * pipe or tty is reopened through /proc). */
static void log_stdout(void)
{
	struct stat st;
	int fd, fl;

	if (sys_fstat(1, &st) || S_ISREG(st.st_mode))
		return;
	fd = open("/proc/self/fd/1",
		  O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0) {
		log_out = fd;
		return;
	}
	fl = sys_fcntl(1, F_GETFL, 0); /* a socket cannot be reopened */
	if (fl >= 0)
		sys_fcntl(1, F_SETFL, fl | O_NONBLOCK);
}

void log_init(void)
{
	int fd = -1;

	if (!G.container) /* set by boot() */
		fd = open("/dev/kmsg", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		log_stdout();
		return;
	}
	log_out = fd;
	/* corral's own lines also go to the console, whatever the kernel's
	 * loglevel, so the operator (and the boot test) sees them. */
	con = open("/dev/console",
		   O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	/* The kernel rate-limits every opener of /dev/kmsg to 10 lines
	 * per 5 s by default; corral limits each service itself. */
	write_file("/proc/sys/kernel/printk_devkmsg", "on\n");
}

/* Write what the console takes now; keep the rest queued, cq[cq_head,
 * cq_len). Armed for EPOLLOUT (EV_CON) exactly while something is. */
void log_con(void)
{
	static const char lost[] = "corral: console: lines lost (too slow)\n";

	while (cq_head < cq_len) {
		ssize_t w = write(con, cq + cq_head, cq_len - cq_head);

		if (w <= 0 && errno != EINTR)
			break; /* EAGAIN: wait for EPOLLOUT */
		if (w > 0)
			cq_head += (uint32_t)w;
	}
	if (cq_head == cq_len) {
		cq_head = cq_len = 0;
		if (cq_lost) { /* said once the queue is out: in order */
			cq_lost = 0;
			memcpy(cq, lost, sizeof(lost) - 1);
			cq_len = sizeof(lost) - 1;
			log_con();
			return;
		}
	}
	struct epoll_event ev = {.events = EPOLLOUT, .data.u64 = EV(EV_CON, 0)};
	if (cq_armed != (cq_len != 0) &&
	    !sys_epoll_ctl(G.ep, cq_len ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, con,
			   &ev))
		cq_armed = cq_len != 0;
}

static void con_put(const struct ln *l)
{
	if (cq_len + l->len + 1 > CON_QUEUE) {
		cq_lost = 1;
		return;
	}
	memcpy(cq + cq_len, l->buf, l->len);
	cq_len += l->len;
	cq[cq_len++] = '\n';
	log_con();
}

void log_con_drain(void)
{
	struct pollfd p = {.fd = con, .events = POLLOUT};

	/* Before reboot(2): the last lines (the shutdown's) reach the
	 * console, for at most 2 s. */
	for (int n = 200; con >= 0 && cq_len && n-- && poll(&p, 1, 10) >= 0;)
		log_con();
}

void log_put(struct ln *l)
{
	/* EAGAIN on the log: the reader is behind; the line is lost, PID 1
	 * goes on. The console queues instead (con_put). */
	ln_put(log_out, l);
	if (con >= 0 && l->len > 8 && !memcmp(l->buf, "corral: ", 8))
		con_put(l);
}

void say(const char *const *s)
{
	struct ln l = {0};

	ln_str(&l, "corral: ");
	while (*s)
		ln_str(&l, *s++);
	log_put(&l);
}

void say_err(const char *what, int err)
{
	SAY(what, ": ", err_str(err));
}

void svc_line(unsigned i, struct ln *l)
{
	l->len = 0;
	ln_str(l, "corral: ");
	ln_str(l, svc_table[i].name);
	ln_str(l, ": ");
}

int log_pipe(unsigned i)
{
	struct unit *r = &units[i];
	int p[2], e;

	if (r->logr >= 0)
		return 0;
	if (sys_pipe2(p, O_CLOEXEC))
		return -errno;
	/* Only PID 1's end is non-blocking: the service's stdout stays a
	 * normal blocking pipe, as programs expect. */
	if (sys_fcntl(p[0], F_SETFL, O_NONBLOCK) ||
	    (e = ep_add(p[0], EV(EV_LOG, i))) < 0) {
		e = -errno;
		close(p[0]);
		close(p[1]);
		return e;
	}
	r->logr = p[0];
	r->logw = p[1];
	return 0;
}

void svc_say(unsigned i, const char *what)
{
	struct ln l;

	svc_line(i, &l);
	ln_str(&l, what);
	svc_put(i, &l);
}

static void dropped(unsigned i)
{
	struct svlog *g = &lg[i];
	struct ln l;

	if (!g->dropped)
		return;
	svc_line(i, &l);
	ln_str(&l, "dropped ");
	ln_u64(&l, g->dropped);
	ln_str(&l, " log lines");
	log_put(&l);
	g->dropped = 0;
}

static int rate_ok(unsigned i)
{
	struct svlog *g = &lg[i];
	uint32_t sec = (uint32_t)(now_ms() / 1000);

	if (sec != g->sec) {
		dropped(i);
		g->sec = sec;
		g->lines = 0;
	}
	if (g->lines < CFG_LOG_RATE) {
		g->lines++;
		return 1;
	}
	g->dropped++;
	return 0;
}

void svc_out(unsigned i, const char *s, size_t n)
{
	struct ln l = {0};

	if (rate_ok(i)) {
		ln_str(&l, svc_table[i].name);
		ln_str(&l, ": ");
		ln_mem(&l, s, n);
		log_put(&l);
	}
}

static void flush_line(unsigned i)
{
	svc_out(i, lg[i].part, lg[i].plen);
	lg[i].plen = 0;
}

static void feed(unsigned i, const char *s, size_t n)
{
	struct svlog *g = &lg[i];

	ring_add(i, s, n);
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) : n;
		size_t room = PART - g->plen, take = room < k ? room : k;

		memcpy(g->part + g->plen, s, take);
		g->plen += (uint16_t)take;
		s += take;
		n -= take;
		if (g->plen == PART || (take == k && nl)) {
			flush_line(i);
			if (take == k && nl) {
				s++;
				n--;
			}
		}
	}
}

/* Read what the service wrote: one buffer per wake-up so a flooding
 * service gets its share and no more; everything (bounded) when it has
 * exited, so its last words come before its exit line. */
void log_drain(unsigned i, int all)
{
	static char buf[4096];
	unsigned rounds = all ? 64 : 1;
	struct unit *r = &units[i];

	while (rounds-- && r->logr >= 0) {
		ssize_t n = read(r->logr, buf, sizeof(buf));

		if (n <= 0)
			break;
		feed(i, buf, (size_t)n);
	}
	if (all && lg[i].plen)
		flush_line(i);
	if (all)
		dropped(i);
}
