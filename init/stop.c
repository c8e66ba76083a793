/* The end of a run: exits, stop requests and the stop timeout.
 *
 * A service's exit is told apart from an orphan's by its pid; its last
 * output is drained before its exit line, whatever it left behind in its
 * cgroup is killed, and the restart policy decides what comes next:
 * backoff (supervise.c), exited, or stopped when a stop was asked for. */
#include "init/pid1.h"
#include "sandbox/cgroup.h"
#include "sandbox/net.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

/* The exit line, and the LAST column's value. Inside a PID namespace
 * the service's reaper exits 128+N for a service killed by signal N
 * (SPEC 5), so that is read back as the signal. */
static void say_exit(unsigned i, int status)
{
	struct unit *r = &units[i];
	struct ln l;
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;

	if (!sig && (svc_table[i].ns & NS_PID) && code > 128 && code < 128 + 65)
		sig = code - 128;
	r->last = sig ? LAST_SIG : LAST_EXIT;
	r->lastv = (uint8_t)(sig ? sig : code);
	if (sig == SIGKILL && cg_oom_killed(&r->p.cg))
		r->last = LAST_OOM;
	svc_line(i, &l);
	ln_str(&l, r->last == LAST_OOM ? "oom killed"
		   : sig               ? "killed by signal "
				       : "exited status ");
	if (r->last != LAST_OOM)
		ln_u64(&l, r->lastv);
	if (r->sbx)
		r->last = LAST_SBX;
	r->sbx = 0;
	svc_put(i, &l);
}

static void after_exit(unsigned i, uint64_t now)
{
	const struct svc *s = &svc_table[i];
	struct unit *r = &units[i];

	if (G.down || r->state == ST_STOPPING) {
		r->state = ST_STOPPED;
		if (r->again && !G.down)
			sup_start_req(i);
		r->again = 0;
	} else if (s->oneshot && r->ok) {
		r->state = ST_EXITED;
	} else if (s->restart == RESTART_ALWAYS ||
		   (s->restart == RESTART_ON_FAILURE && !r->ok)) {
		sup_backoff(i, now);
	} else {
		r->state = ST_EXITED;
	}
}

/* "corral: NAME: net dev back: ERROR": the interface stays where it is
 * (the kernel's choice once the namespace is gone) and the next start
 * says it is missing. */
static void dev_lost(unsigned i, const char *step, int err)
{
	struct ln l;

	svc_line(i, &l);
	ln_str(&l, step);
	ln_str(&l, ": ");
	ln_str(&l, err_str(err));
	svc_put(i, &l);
}

int sup_exited(int pid, int status)
{
	struct pollfd pf;
	struct unit *r;
	const char *step;
	unsigned i;
	int e;

	for (i = 0; i < G.n && units[i].p.pid != pid; i++)
		;
	if (i == G.n)
		return 0; /* an orphan: reaped, nothing more to do */
	r = &units[i];
	tl_stamp(i, TL_EXIT);
	log_drain(i, 1); /* its last words before its exit line */
	dgram_close(i);
	pf = (struct pollfd){.fd = r->p.errfd, .events = POLLIN};
	if (r->p.errfd >= 0 && poll(&pf, 1, 0) == 1)
		sup_report(i);
	ep_close(&r->p.errfd);
	ep_close(&r->readyfd);
	say_exit(i, status);
	/* Whatever the service left behind goes with it; a lent
	 * interface comes back, ready for the next start. */
	cg_kill(&r->p.cg);
	cg_destroy(&r->p.cg);
	if ((e = net_dev_back(&svc_table[i], &r->p.netns, &step)) < 0)
		dev_lost(i, step, -e);
	r->p.pid = 0;
	r->due = 0;
	r->ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	after_exit(i, now_ms());
	return 1;
}

void sup_kill(unsigned i)
{
	struct unit *r = &units[i];

	svc_say(i, "stop timeout, killing");
	cg_kill(&r->p.cg);
	if (r->p.pid > 0 && kill(r->p.pid, SIGKILL) && errno != ESRCH)
		say_err("kill", errno);
	r->due = 0;
}

void sup_stop(unsigned i, uint64_t now)
{
	struct unit *r = &units[i];

	if (!sup_live(i)) {
		if (r->state != ST_FAILED && r->state != ST_EXITED)
			r->state = ST_STOPPED;
		r->due = 0;
		return;
	}
	if (r->state == ST_STOPPING)
		return;
	r->state = ST_STOPPING;
	r->due = now + svc_table[i].stop_timeout_ms;
	if (!r->due)
		r->due = 1;
	if (kill(r->p.pid, SIGTERM) && errno != ESRCH)
		say_err("kill", errno);
}

int sup_start_req(unsigned i)
{
	struct unit *r = &units[i];

	if (G.down)
		return -ESHUTDOWN;
	if (sup_live(i))
		return r->state == ST_STOPPING ? -EBUSY : 0;
	r->quick = 0;
	r->delay = svc_table[i].backoff_min_ms;
	r->due = 0;
	r->state = ST_WAITING;
	return 0;
}

int sup_stop_req(unsigned i, int again)
{
	struct unit *r = &units[i];

	if (G.down)
		return -ESHUTDOWN;
	if (!sup_live(i)) {
		r->state = ST_STOPPED;
		r->due = 0;
		return again ? sup_start_req(i) : 0;
	}
	r->again = (uint8_t)again;
	sup_stop(i, now_ms());
	return 0;
}
