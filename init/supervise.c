/* Supervision: one small state machine per service (enum st).
 *
 *   waiting --after ready--> starting --exec ok--> running --ready fd--> ready
 *   any live --exit--> backoff --delay--> starting      (restart policy)
 *                  \-> exited | failed (crash loop) | stopped (on request)
 *
 * Services start in parallel: each pass of the loop starts every waiting
 * service whose `after` services are ready (oneshots: exited 0). Exec
 * failures come back through the sandbox's report pipe and count as a
 * failed start, so they back off like any crash and end in `failed`.
 * A dependency that ended for good without being ready (a oneshot that
 * failed, a service in `failed`) keeps its dependents waiting, each
 * saying so once (SPEC 8); the up line comes when all are ready, or
 * once nothing can move any more. */
#include "sys.h"
#include "init/pid1.h"
#include "sandbox/cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *const st_names[] = {"waiting", "starting", "running",
				"ready",   "stopping", "stopped",
				"exited",  "backoff",  "failed"};

void sup_init(void)
{
	G.n = svc_count < CFG_MAX_SERVICES ? svc_count : CFG_MAX_SERVICES;
	if (svc_count > G.n)
		SAY("table larger than CFG_MAX_SERVICES; extra services "
		    "ignored");
	for (unsigned i = 0; i < G.n; i++) {
		struct unit *r = &units[i];

		r->readyfd = r->logr = r->logw = -1;
		r->p.errfd = r->p.pidfd = -1;
		r->p.sock[0] = r->p.sock[1] = -1;
		cg_init(&r->p.cg);
		r->delay = svc_table[i].backoff_min_ms;
	}
}

int sup_live(unsigned i)
{
	return units[i].p.pid > 0;
}

static int deps_ok(unsigned i)
{
	const struct svc *s = &svc_table[i];

	for (unsigned k = 0; k < s->nafter; k++) {
		const struct unit *d = &units[s->after[k]];

		if (s->after[k] >= G.n) /* cut off with a too small table */
			return 0;
		if (svc_table[s->after[k]].oneshot
			    ? d->state != ST_EXITED || !d->ok
			    : d->state != ST_READY)
			return 0;
	}
	return 1;
}

/* stdio and the ready pipe for one start. 0 or -errno. */
static int prepare(unsigned i, int io[3], int rp[2])
{
	const struct svc *s = &svc_table[i];
	int e = log_pipe(i);

	if (e < 0 || (e = dgram_open(i)) < 0)
		return e;
	io[0] = -1; /* /dev/null */
	io[1] = io[2] = units[i].logw;
	if (s->console) {
		int fd = open("/dev/console", O_RDWR | O_NOCTTY | O_CLOEXEC);

		if (fd < 0)
			return -errno;
		io[0] = io[1] = io[2] = fd;
	}
	if (s->ready_fd >= 0 && sys_pipe2(rp, O_CLOEXEC)) {
		e = -errno;
		if (s->console)
			close(io[0]);
		return e;
	}
	return 0;
}

static void fail(unsigned i)
{
	units[i].state = ST_FAILED;
	svc_say(i, "failed");
	if (svc_table[i].critical) {
		svc_say(i, "critical service failed, rebooting");
		shutdown_begin(DOWN_REBOOT);
	}
}

/* A start that did not last: back off, or give up after crashloop_n of
 * them within crashloop_window_ms. A run longer than the window is
 * forgiven: the delay starts again from the minimum. */
void sup_backoff(unsigned i, uint64_t now)
{
	const struct svc *s = &svc_table[i];
	struct unit *r = &units[i];
	uint64_t d2;

	if (now - r->since >= s->crashloop_window_ms) {
		r->quick = 0;
		r->delay = s->backoff_min_ms;
	}
	if (!r->quick || now - r->window > s->crashloop_window_ms) {
		r->window = now;
		r->quick = 0;
	}
	if (s->crashloop_n && ++r->quick >= s->crashloop_n) {
		fail(i);
		return;
	}
	r->state = ST_BACKOFF;
	r->due = now + r->delay;
	d2 = (uint64_t)r->delay * 2;
	r->delay = d2 > s->backoff_max_ms ? s->backoff_max_ms : (uint32_t)d2;
	if (!r->delay)
		r->delay = 1;
}

static void started(unsigned i, int rfd)
{
	struct unit *r = &units[i];
	struct ln l;

	r->state = ST_STARTING;
	r->ready = 0;
	r->readyfd = rfd;
	if (rfd >= 0 && ep_add(rfd, EV(EV_READY, i)) < 0)
		ep_close(&r->readyfd);
	if (r->p.pidfd >= 0)
		ep_close(&r->p.pidfd); /* we reap with waitpid */
	if (r->p.errfd >= 0 && ep_add(r->p.errfd, EV(EV_REPORT, i)) < 0)
		sup_report(i); /* cannot watch it: wait for the report */
	svc_line(i, &l);
	ln_str(&l, "started pid ");
	ln_u64(&l, (uint64_t)r->p.pid);
	svc_put(i, &l);
}

static void start(unsigned i, uint64_t now)
{
	struct unit *r = &units[i];
	int io[3] = {-1, -1, -1}, rp[2] = {-1, -1};
	int e;

	tl_stamp(i, TL_SETUP);
	e = prepare(i, io, rp);

	if (!e)
		e = sbx_spawn(&svc_table[i], io, rp[1], &r->p);
	if (svc_table[i].console && io[0] >= 0)
		close(io[0]);
	ep_close(&rp[1]);
	r->since = now;
	if (e >= 0) {
		started(i, rp[0]);
		return;
	}
	struct ln l;

	ep_close(&rp[0]);
	dgram_close(i);
	r->p.pid = 0;
	svc_line(i, &l);
	ln_str(&l, "sandbox: ");
	ln_str(&l, r->p.step ? r->p.step : "spawn");
	ln_str(&l, ": ");
	ln_str(&l, err_str(-e));
	svc_put(i, &l);
	r->last = LAST_SBX;
	sup_backoff(i, now);
}

void sup_report(unsigned i)
{
	const struct svc *s = &svc_table[i];
	struct unit *r = &units[i];
	char msg[200];
	int code = 0;
	struct ln l;

	if (r->p.errfd < 0)
		return; /* a stale event: handled when the service exited */
	ep_del(r->p.errfd);
	msg[0] = 0;
	if (sbx_report(&r->p, msg, sizeof(msg), &code) == 0) {
		r->p.errfd = -1;
		tl_stamp(i, TL_EXEC);
		if (r->state != ST_STARTING)
			return;
		r->state = ST_RUNNING;
		if (!s->oneshot && (s->ready_fd == -1 || r->ready))
			tl_ready(i);
		return;
	}
	r->p.errfd = -1;
	msg[sizeof(msg) - 1] = 0;
	svc_line(i, &l);
	r->sbx = code == SBX_EXIT_SETUP;
	if (r->sbx)
		ln_str(&l, "sandbox: ");
	ln_str(&l, msg);
	svc_put(i, &l);
}

void sup_ready(unsigned i)
{
	struct unit *r = &units[i];
	char buf[64];
	ssize_t n;

	if (r->readyfd < 0)
		return; /* a stale event: closed when the service exited */
	n = read(r->readyfd, buf, sizeof(buf));
	if (n < 0 && errno == EINTR)
		return;
	if (n > 0 && !memchr(buf, '\n', (size_t)n))
		return; /* s6: only a newline means ready */
	if (n > 0)
		tl_ready(i);
	ep_close(&r->readyfd); /* ready, or closed without: never ready */
}

int sup_blocked(unsigned i, struct ln *l)
{
	const struct svc *s = &svc_table[i];

	for (unsigned k = 0; k < s->nafter; k++) {
		unsigned d = s->after[k];

		if (d < G.n &&
		    (units[d].state == ST_FAILED ||
		     (units[d].state == ST_EXITED && !units[d].ok))) {
			ln_str(l, "waiting for ");
			ln_str(l, svc_table[d].name);
			ln_str(l, ", which failed");
			return 1;
		}
	}
	return 0;
}

/* States in which a service still changes by itself, and so may yet
 * let a waiting one start: a oneshot will exit, a service may become
 * ready, a backoff or a stop ends. */
#define MOVING                                                                 \
	(1u << ST_STARTING | 1u << ST_RUNNING | 1u << ST_STOPPING |            \
	 1u << ST_BACKOFF)

/* `corral: up: N services in T ms` once every service (oneshots aside)
 * is ready; else, once nothing can move any more (the rest wait behind
 * a failed dependency, or gave up), the same with ", M not started":
 * M counts what is waiting and every service that is not ready. busy:
 * this tick started something (a waiting service whose `after` was
 * ready is started before this runs, so none is left over). */
static void check_up(uint64_t now, unsigned busy)
{
	unsigned n = 0, m = 0, all = 1;
	struct ln l = {0};

	for (unsigned i = 0; i < G.n; i++) {
		int ready = units[i].state == ST_READY;

		if (!svc_table[i].oneshot) {
			n += ready;
			all &= ready;
		}
		m += units[i].state == ST_WAITING ||
		     (!svc_table[i].oneshot && !ready);
		busy |= MOVING >> units[i].state & 1;
	}
	if (!all && busy)
		return;
	G.up = 1;
	G.upus = tl_now();
	ln_str(&l, "corral: up: ");
	ln_u64(&l, n);
	ln_str(&l, " services in ");
	ln_u64(&l, now - G.t0);
	ln_str(&l, " ms");
	if (!all) {
		ln_str(&l, ", ");
		ln_u64(&l, m);
		ln_str(&l, " not started");
	}
	log_put(&l);
}

/* A waiting service that cannot start says once why. */
static void tell_blocked(unsigned i)
{
	struct unit *r = &units[i];
	struct ln l;

	svc_line(i, &l);
	if (!sup_blocked(i, &l)) {
		r->told = 0;
	} else if (!r->told) {
		r->told = 1;
		svc_put(i, &l);
	}
}

void sup_tick(uint64_t now)
{
	unsigned busy = 0;

	for (unsigned i = 0; i < G.n; i++) {
		struct unit *r = &units[i];

		if (r->state == ST_WAITING && !G.down && deps_ok(i)) {
			start(i, now);
			busy = 1;
		} else if (r->state == ST_WAITING) {
			tell_blocked(i);
		} else if (r->state == ST_BACKOFF && now >= r->due) {
			r->restarts++;
			start(i, now);
		} else if (r->state == ST_STOPPING && r->due && now >= r->due) {
			sup_kill(i);
		}
	}
	if (!G.up && !G.down)
		check_up(now, busy);
}

uint64_t sup_due(void)
{
	uint64_t due = 0;

	for (unsigned i = 0; i < G.n; i++)
		if (units[i].state == ST_BACKOFF ||
		    units[i].state == ST_STOPPING)
			due = earliest(due, units[i].due);
	return due;
}
