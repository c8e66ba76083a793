/* The one event loop of PID 1.
 *
 * Signals are data: all of them are blocked and read from a signalfd,
 * so no work ever runs in a handler (the crash handlers in boot.c are
 * the one exception: a fault cannot wait). Deadlines (backoff, stop
 * timeouts, the watchdog, control clients) are kept per object and the
 * loop sleeps in epoll_wait until the earliest one: that is a timerfd
 * without the extra fd and syscalls.
 *
 * What each signal does to PID 1:
 *
 *   SIGCHLD          reap every child, services and orphans alike
 *   SIGTERM, SIGINT  reboot (SIGINT is ctrl-alt-del)
 *   SIGUSR1          halt
 *   SIGUSR2, SIGPWR  power off
 *   SIGHUP, others   logged and ignored: PID 1 never dies of a signal
 *   SIGKILL, SIGSTOP cannot be caught; the kernel never delivers them
 *                    to PID 1 from inside its own PID namespace
 */
#include "init/pid1.h"
#include "sys.h"

#include <errno.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

static int sigfd = -1;

static const struct sigact {
	uint8_t sig;
	uint8_t down; /* enum down */
} sigacts[] = {
	{SIGTERM, DOWN_REBOOT},   {SIGINT, DOWN_REBOOT},   {SIGUSR1, DOWN_HALT},
	{SIGUSR2, DOWN_POWEROFF}, {SIGPWR, DOWN_POWEROFF},
};

void loop_init(void)
{
	sigset_t all;

	G.ep = sys_epoll_create1(EPOLL_CLOEXEC);
	if (G.ep < 0)
		say_err("epoll", errno);
	/* Faults stay deliverable: blocking them would turn a crash into
	 * a kernel-forced kill instead of our reboot. */
	sigfillset(&all);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGILL);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGABRT);
	if (sigprocmask(SIG_SETMASK, &all, 0))
		say_err("sigprocmask", errno);
	/* Ctrl-alt-del sends SIGINT to PID 1 instead of rebooting at once.
	 * In a child PID namespace (containers, tests) it is EINVAL. */
	if (reboot(RB_DISABLE_CAD) && errno != EINVAL)
		say_err("reboot cad", errno);
	sigfd = sys_signalfd(&all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0 || ep_add(sigfd, EV(EV_SIG, 0)) < 0)
		say_err("signalfd", errno);
}

void reap(void)
{
	int status, pid;

	/* SIGCHLD coalesces: one read may stand for a thousand children. */
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		sup_exited(pid, status);
}

static void on_signal(unsigned sig)
{
	if (sig == SIGCHLD) {
		reap();
		return;
	}
	for (unsigned i = 0; i < sizeof(sigacts) / sizeof(sigacts[0]); i++)
		if (sigacts[i].sig == sig) {
			shutdown_begin(sigacts[i].down);
			return;
		}
	struct ln l = {0};

	ln_str(&l, "corral: ignoring signal ");
	ln_u64(&l, sig);
	log_put(&l);
}

static void read_signals(void)
{
	struct signalfd_siginfo si[16];
	ssize_t n;

	while ((n = read(sigfd, si, sizeof(si))) > 0)
		for (unsigned i = 0; i < (size_t)n / sizeof(si[0]); i++)
			on_signal(si[i].ssi_signo);
}

static void dispatch(uint64_t tag)
{
	unsigned i = (uint32_t)tag;

	switch (tag >> 32) {
	case EV_SIG:
		read_signals();
		break;
	case EV_CTL:
		ctl_accept();
		break;
	case EV_CONN:
		ctl_conn(i);
		break;
	case EV_LOG:
		log_drain(i, 0);
		break;
	case EV_READY:
		sup_ready(i);
		break;
	case EV_REPORT:
		sup_report(i);
		break;
	case EV_CON:
		log_con();
		break;
	case EV_SYSLOG:
	case EV_NOTIFY:
		dgram_read(i, (unsigned)(tag >> 32) - EV_SYSLOG, 8);
		break;
	}
}

/* Milliseconds until the earliest deadline; -1 (sleep) when none. */
static int timeout(uint64_t now)
{
	uint64_t due = earliest(sup_due(), ctl_due());

	due = earliest(due, earliest(shutdown_due(), wd_due()));
	if (!due)
		return -1;
	if (due <= now)
		return 0;
	return due - now > 60000 ? 60000 : (int)(due - now);
}

void loop(void)
{
	struct epoll_event ev[32];

	for (;;) {
		uint64_t now = now_ms();
		int n;

		sup_tick(now);
		ctl_tick(now);
		shutdown_tick(now);
		wd_feed(now);
		n = sys_epoll_wait(G.ep, ev, 32, timeout(now_ms()));
		if (n < 0 && errno != EINTR) {
			say_err("epoll_wait", errno);
			sys_sleep_ms(1000); /* never spin on a broken epoll */
		}
		for (int k = 0; k < n; k++)
			dispatch(ev[k].data.u64);
	}
}
