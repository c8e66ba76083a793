/* PID 1: boot, then supervise forever (SPEC section 6).
 *
 * init_main never returns when it runs as PID 1: every error is logged
 * and carried on from, a fatal signal in PID 1 reboots (boot.c), and
 * shutdown ends in reboot(2). Run as anything but PID 1 it refuses,
 * because mounting, kill(-1) and reboot(2) only make sense there. */
#include "init/main.h"
#include "init/pid1.h"
#include "sys.h"

#include <errno.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

struct pid1 G;
struct unit units[CFG_MAX_SERVICES];

uint64_t now_us(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail with a valid pointer; integer us
	 * keeps floating point out of the binary. */
	sys_clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

uint64_t now_ms(void)
{
	return now_us() / 1000;
}

uint64_t earliest(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

int ep_add(int fd, uint64_t tag)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = tag};

	if (sys_epoll_ctl(G.ep, EPOLL_CTL_ADD, fd, &ev))
		return -errno;
	return 0;
}

void ep_del(int fd)
{
	/* Only fails for an fd that was never added: nothing to undo. */
	if (fd >= 0)
		sys_epoll_ctl(G.ep, EPOLL_CTL_DEL, fd, 0);
}

void ep_close(int *fd)
{
	if (*fd >= 0) {
		ep_del(*fd);
		close(*fd);
	}
	*fd = -1;
}

int init_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	G.t0us = now_us();
	G.t0 = G.t0us / 1000;
	if (getpid() != 1) {
		PUTS(2, "corral: init: not PID 1; use `corral ctl` to talk to "
			"the running init");
		return 1;
	}
	loop_init();
	boot();
	sup_init();
	ctl_init();
	loop(); /* never returns */
	return 0;
}
