/* The control socket, PID 1's side (protocol in init/ctl.h).
 *
 * Anything may arrive here, so: only root (SO_PEERCRED), a handful of
 * connection slots each with a one-second deadline (a client that
 * connects and says nothing cannot pin PID 1), one request per
 * connection, every send non-blocking (a client that does not read is
 * dropped), requests matched against a table and never trusted further. */
#include "init/ctl.h"
#include "init/pid1.h"
#include "names.h"
#include "sandbox/cgroup.h"
#include "sys.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define NCONN      4
#define CONN_MS    1000
#define NO_SERVICE (-1)

static int lfd = -1;
static struct conn {
	int fd;
	int denied; /* not root: its request is answered with a refusal */
	uint64_t due;
} conns[NCONN] = {{-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}, {-1, 0, 0}};

/* One reply message being assembled: type byte, then text. */
static struct {
	int fd;
	unsigned len;
	char buf[CTL_MSG_MAX];
} out;

void ctl_init(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = CTL_PATH};

	if (!CFG_CTL_SOCKET)
		return;
	lfd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (lfd < 0) {
		say_err("ctl socket", errno);
		return;
	}
	unlink(CTL_PATH); /* a stale socket from before a crash */
	if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) ||
	    chmod(CTL_PATH, 0600) || listen(lfd, NCONN) ||
	    ep_add(lfd, EV(EV_CTL, 0)) < 0) {
		say_err("ctl " CTL_PATH, errno);
		ep_close(&lfd);
	}
}

static void conn_close(unsigned slot)
{
	ep_close(&conns[slot].fd);
	conns[slot].due = 0;
}

static int send_msg(void)
{
	if (out.fd < 0)
		return -1;
	if (send(out.fd, out.buf, out.len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
		out.fd = -1; /* not reading, or gone: no more output */
	out.len = 0;
	return out.fd < 0 ? -1 : 0;
}

/* Append output; full messages go out as they fill. */
static void put(const char *s, unsigned n)
{
	while (n) {
		unsigned k;

		if (!out.len)
			out.buf[out.len++] = CTL_DATA;
		k = sizeof(out.buf) - out.len < n ? sizeof(out.buf) - out.len
						  : n;
		memcpy(out.buf + out.len, s, k);
		out.len += k;
		s += k;
		n -= k;
		if (out.len == sizeof(out.buf) && send_msg())
			return;
	}
}

static void put_ln(struct ln *l)
{
	l->buf[l->len++] = '\n';
	if (out.len + l->len > sizeof(out.buf))
		send_msg(); /* keep lines whole in one message */
	put(l->buf, l->len);
	l->len = 0;
}

static void status_line(unsigned i, uint64_t now)
{
	const struct unit *r = &units[i];
	uint64_t mem = sup_live(i) ? cg_memory(&r->p.cg) : 0;
	struct ln l = {0};

	ln_str(&l, svc_table[i].name);
	ln_chr(&l, ' ');
	ln_str(&l, st_names[r->state]);
	ln_chr(&l, ' ');
	if (sup_live(i))
		ln_u64(&l, (uint64_t)r->p.pid);
	else
		ln_chr(&l, '-');
	ln_chr(&l, ' ');
	ln_u64(&l, r->restarts);
	ln_chr(&l, ' ');
	if (sup_live(i)) {
		ln_u64(&l, (now - r->since) / 1000);
		ln_chr(&l, 's');
	} else {
		ln_chr(&l, '-');
	}
	ln_chr(&l, ' ');
	if (mem) {
		ln_u64(&l, (mem + 1023) / 1024);
		ln_chr(&l, 'K');
	} else {
		ln_chr(&l, '-');
	}
	/* LAST: -, sigN, oom, sandbox, or the exit status (enum last). */
	ln_chr(&l, ' ');
	ln_str(&l, name_at("-\0oom\0sandbox\0sig\0", r->last));
	if (r->last >= LAST_SIG)
		ln_u64(&l, r->lastv);
	put_ln(&l);
}

static int do_status(int i)
{
	uint64_t now = now_ms();

	if (i != NO_SERVICE) {
		status_line((unsigned)i, now);
		return 0;
	}
	for (unsigned k = 0; k < G.n; k++)
		status_line(k, now);
	return 0;
}

static int do_log(int i)
{
	log_ring((unsigned)i, put);
	return 0;
}

_Static_assert(CTL_POWEROFF - CTL_REBOOT == DOWN_POWEROFF - DOWN_REBOOT &&
		       CTL_HALT - CTL_REBOOT == DOWN_HALT - DOWN_REBOOT,
	       "ctl's reboot, halt, poweroff follow enum down");

/* Command k of ctl_cmds (enum ctl_cmd) on service i, or NO_SERVICE. */
static int run_cmd(int k, int i)
{
	switch (k) {
	case CTL_STATUS:
		return do_status(i);
	case CTL_START:
		return sup_start_req((unsigned)i);
	case CTL_STOP:
	case CTL_RESTART:
		return sup_stop_req((unsigned)i, k == CTL_RESTART);
	case CTL_LOG:
		return do_log(i);
	case CTL_TIMELINE:
		tl_lines(put_ln);
		return 0;
	}
	shutdown_begin(DOWN_REBOOT + (k - CTL_REBOOT)); /* same order */
	return 0;
}

static int find_service(const char *name)
{
	for (unsigned i = 0; i < G.n; i++)
		if (!strcmp(svc_table[i].name, name))
			return (int)i;
	return NO_SERVICE;
}

/* Check and run one request; an error reply names what was wrong. */
static const char *handle(char *req, unsigned n)
{
	static struct ln why; /* the reply outlives this call */
	char *arg = memchr(req, ' ', n);
	int k, i = NO_SERVICE, e;

	if (!n || memchr(req, 0, n))
		return "malformed request";
	req[n] = 0;
	if (arg)
		*arg++ = 0;
	if ((k = name_find(ctl_cmds, req)) < 0)
		return "unknown command";
	if (arg && ctl_args[k] == ARG_NONE)
		return "this command takes no service name";
	if (!arg && ctl_args[k] == ARG_NAME)
		return "this command needs a service name";
	if (arg && (i = find_service(arg)) == NO_SERVICE)
		return "no such service";
	e = run_cmd(k, i);
	why.len = 0;
	if (!e && k == CTL_START && units[i].state == ST_WAITING &&
	    sup_blocked((unsigned)i, &why)) {
		why.buf[why.len] = 0;
		return why.buf;
	}
	if (e == -ESHUTDOWN)
		return "shutting down";
	if (e == -EBUSY)
		return "service is stopping";
	return e < 0 ? err_str(-e) : 0;
}

static void reply_end(const char *err)
{
	unsigned k = err ? (unsigned)strlen(err) : 0;

	if (out.len && send_msg())
		return;
	out.buf[0] = err ? CTL_ERR : CTL_OK;
	memcpy(out.buf + 1, err ? err : "", k);
	out.len = 1 + k;
	send_msg();
}

void ctl_conn(unsigned slot)
{
	char req[CTL_REQ_MAX + 1];
	ssize_t n;

	if (conns[slot].fd < 0)
		return; /* a stale event: closed earlier in this round */
	/* MSG_TRUNC: the real length, so an oversized request is refused
	 * rather than acted on cut. */
	n = recv(conns[slot].fd, req, CTL_REQ_MAX, MSG_DONTWAIT | MSG_TRUNC);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0) {
		out.fd = conns[slot].fd;
		out.len = 0;
		reply_end(conns[slot].denied ? "permission denied"
			  : n > CTL_REQ_MAX  ? "request too long"
					     : handle(req, (unsigned)n));
	}
	conn_close(slot);
}

static int root_peer(int fd)
{
	struct ucred uc;
	socklen_t len = sizeof(uc);

	return !getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) &&
	       uc.uid == 0;
}

/* Refuse a connection PID 1 has no slot for. A request already queued
 * is read first (a few at most), so closing does not turn the reply
 * into ECONNRESET on the client's side. */
static void refuse(int fd, const char *why)
{
	char c;

	out.fd = fd;
	out.len = 0;
	reply_end(why);
	for (int i = 0; i < 4 && recv(fd, &c, 1, MSG_DONTWAIT) > 0; i++)
		;
	close(fd);
}

void ctl_accept(void)
{
	for (unsigned tries = 0; tries < NCONN; tries++) {
		int fd = sys_accept4(lfd, SOCK_CLOEXEC | SOCK_NONBLOCK);
		unsigned slot = 0;

		if (fd < 0)
			return; /* EAGAIN, or a client that gave up */
		/* A non-root peer still gets a slot: its request is read
		 * before the refusal is sent and the socket closed. Closing
		 * with the request unread would make the kernel hand the
		 * client ECONNRESET instead of the reason. The socket's
		 * 0600 mode keeps non-root out in the first place. */
		while (slot < NCONN && conns[slot].fd >= 0)
			slot++;
		if (slot == NCONN || ep_add(fd, EV(EV_CONN, slot)) < 0) {
			refuse(fd, "busy, try again");
			continue;
		}
		conns[slot].fd = fd;
		conns[slot].denied = !root_peer(fd);
		conns[slot].due = now_ms() + CONN_MS;
	}
}

void ctl_tick(uint64_t now)
{
	for (unsigned k = 0; k < NCONN; k++)
		if (conns[k].fd >= 0 && now >= conns[k].due)
			conn_close(k); /* said nothing in time */
}

uint64_t ctl_due(void)
{
	uint64_t due = 0;

	for (unsigned k = 0; k < NCONN; k++)
		if (conns[k].fd >= 0)
			due = earliest(due, conns[k].due);
	return due;
}
