/* Shutdown and the hardware watchdog.
 *
 * Services stop in reverse `after` order: a service gets SIGTERM once
 * nothing that runs after it is alive any more, and SIGKILL of its
 * whole cgroup at its stop-timeout (supervise.c). When every service is
 * down, the processes that are left (orphans, leftovers of `isolate
 * none` services) get SIGTERM, then SIGKILL; then sync, unmount or
 * remount read-only, stop the watchdog and reboot(2).
 *
 * In container mode the filesystems belong to the container manager and
 * are left alone; in a child PID namespace reboot(2) just ends the
 * namespace with SIGHUP (reboot) or SIGINT (halt, poweroff). */
#include "init/pid1.h"
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/watchdog.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define GRACE_MS 2000 /* SIGTERM to what is left, then SIGKILL */

static const char *const down_names[] = {"", "reboot", "halt", "poweroff"};
static const int down_cmds[] = {0, RB_AUTOBOOT, RB_HALT_SYSTEM, RB_POWER_OFF};

static uint8_t phase; /* 1 services, 2 the rest, 3 done */
static uint64_t grace_end;
static int wd = -1;
static uint32_t wd_period;
static uint64_t wd_next;

void shutdown_begin(enum down how)
{
	if (G.down)
		return; /* already on the way: the first reason stands */
	G.down = (uint8_t)how;
	phase = 1;
	SAY("shutdown: ", down_names[how]);
	for (unsigned i = 0; i < G.n; i++)
		if (!sup_live(i))
			sup_stop(i, 0); /* nothing to wait for */
}

/* Does a live service run `after` service i? Then i must wait. */
static int needed(unsigned i)
{
	for (unsigned j = 0; j < G.n; j++) {
		const struct svc *s = &svc_table[j];

		if (!sup_live(j))
			continue;
		for (unsigned k = 0; k < s->nafter; k++)
			if (s->after[k] == i)
				return 1;
	}
	return 0;
}

static unsigned stop_services(uint64_t now)
{
	unsigned live = 0;

	for (unsigned i = G.n; i-- > 0;) {
		if (!sup_live(i))
			continue;
		live++;
		if (units[i].state != ST_STOPPING && !needed(i))
			sup_stop(i, now);
	}
	return live;
}

/* /proc/self/mounts, newest last: unmount in reverse; what is busy is
 * remounted read-only so its data is on disk before reboot(2). */
static void unmount_all(void)
{
	static char buf[8192];
	int fd = open("/proc/self/mounts", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	char *end;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	for (end = buf + n; end > buf;) {
		char *line, *dir, *sp;

		*--end = 0; /* the line's "\n" */
		line = memrchr(buf, '\n', (size_t)(end - buf));
		line = line ? line + 1 : buf;
		dir = strchr(line, ' ');
		end = line;
		if (!dir || !(sp = strchr(++dir, ' ')))
			continue;
		*sp = 0;
		if (strcmp(dir, "/") && umount2(dir, 0))
			mount(0, dir, 0, MS_REMOUNT | MS_RDONLY, 0);
	}
	if (mount(0, "/", 0, MS_REMOUNT | MS_RDONLY, 0))
		say_err("remount / read-only", errno);
}

static void wd_stop(void)
{
	/* The magic close: 'V' tells the driver this close is on purpose. */
	if (wd >= 0 && write(wd, "V", 1) != 1)
		say_err("watchdog close", errno);
	ep_close(&wd);
}

static void finish(void)
{
	int e;

	phase = 3;
	sync();
	if (!G.container)
		unmount_all();
	sync();
	wd_stop();
	log_con_drain();
	reboot(down_cmds[G.down]);
	e = errno;
	say_err("reboot", e);
	/* PID 1 never exits: nothing left to do but wait for the power. */
	for (;;)
		pause();
}

void shutdown_tick(uint64_t now)
{
	if (!G.down || phase == 3)
		return;
	if (phase == 1) {
		if (stop_services(now))
			return;
		phase = 2;
		grace_end = now + GRACE_MS;
		if (kill(-1, SIGTERM) && errno != ESRCH)
			say_err("kill -TERM", errno);
	}
	reap();
	if (now < grace_end &&
	    !(waitpid(-1, 0, WNOHANG) < 0 && errno == ECHILD))
		return;
	if (kill(-1, SIGKILL) && errno != ESRCH)
		say_err("kill -KILL", errno);
	for (int t = 0; t < 100 && waitpid(-1, 0, WNOHANG) >= 0; t++)
		sys_sleep_ms(10); /* at most 1 s for the killed to go */
	finish();
}

uint64_t shutdown_due(void)
{
	return phase == 2 ? grace_end : 0;
}

void wd_open(void)
{
	int t = CFG_WATCHDOG_TIMEOUT;

	if (!CFG_WATCHDOG)
		return;
	wd = open("/dev/watchdog", O_WRONLY | O_CLOEXEC);
	if (wd < 0) {
		say_err("/dev/watchdog", errno);
		return;
	}
	/* Not every driver can change its timeout: then keep ours. */
	if (ioctl(wd, WDIOC_SETTIMEOUT, &t) || t <= 0)
		t = CFG_WATCHDOG_TIMEOUT;
	wd_period = (uint32_t)t * 500; /* feed at half the timeout */
	wd_next = now_ms();
}

void wd_feed(uint64_t now)
{
	if (wd < 0 || now < wd_next)
		return;
	if (write(wd, "\n", 1) != 1)
		say_err("watchdog", errno);
	wd_next = now + wd_period;
}

uint64_t wd_due(void)
{
	return wd >= 0 ? wd_next : 0;
}
