/* System calls made directly where musl's wrapper brings in much more
 * than the call: vDSO symbol lookup, fallbacks for kernels older than
 * corral supports anyway, cancellation points a single-threaded program
 * never needs. Each is a line here against 100-900 bytes of libc in a
 * binary with a 64 KiB budget (`make size`). Same contract as libc:
 * -1 with errno set on failure. */
#ifndef CORRAL_SYS_H
#define CORRAL_SYS_H

#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* musl's clock_gettime tries the vDSO first, and finding it costs
 * nearly 1 KiB of ELF parsing; PID 1 reads the clock a few times per
 * event, where a real system call (a fraction of a microsecond) does
 * not matter. Where time_t is wider than long (32-bit targets) the
 * kernel's timespec differs from libc's: libc converts. */
static inline int sys_clock_gettime(clockid_t clk, struct timespec *ts)
{
#ifdef SYS_clock_gettime /* musl has only _time32 and _time64 there */
	if (sizeof(time_t) == sizeof(long))
		return (int)syscall(SYS_clock_gettime, clk, ts);
#endif
	return clock_gettime(clk, ts);
}

/* musl's epoll_* carry fallbacks to epoll_create and epoll_wait for
 * kernels before 2.6.27 and 2.6.19. */
static inline int sys_epoll_create1(int flags)
{
	return (int)syscall(SYS_epoll_create1, flags);
}

static inline int sys_epoll_ctl(int ep, int op, int fd, struct epoll_event *ev)
{
	return (int)syscall(SYS_epoll_ctl, ep, op, fd, ev);
}

static inline int sys_epoll_wait(int ep, struct epoll_event *ev, int n, int ms)
{
	return (int)syscall(SYS_epoll_pwait, ep, ev, n, ms, 0, _NSIG / 8);
}

/* musl's signalfd falls back to signalfd (before 2.6.27) plus fcntl. */
static inline int sys_signalfd(const sigset_t *set, int flags)
{
	return (int)syscall(SYS_signalfd4, -1, set, _NSIG / 8, flags);
}

/* musl's accept4 falls back to accept plus fcntl (kernels before
 * 2.6.28): it would pull both in. */
static inline int sys_accept4(int fd, int flags)
{
	return (int)syscall(SYS_accept4, fd, 0, 0, flags);
}

/* fork() as the sandbox already starts every service: a clone(2)
 * with no stack, on a copy of the caller's (spawn.c). musl's fork()
 * takes its internal locks around the call and resets its thread
 * bookkeeping in the child, for multi-threaded programs: about 3 KiB of
 * lock, futex-wait and vDSO clock code that corral, single-threaded,
 * never needs. The child must then stay away from what reads libc's
 * cached thread id (raise(), pthread_*), as sandbox children do. */
static inline pid_t sys_fork(void)
{
	return (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

/* musl's fcntl decodes every command (F_GETOWN_EX, F_DUPFD_CLOEXEC
 * emulated for kernels before 2.6.24): 420 bytes for the four int
 * commands corral uses. 32-bit ABIs name the call fcntl64. */
static inline int sys_fcntl(int fd, int cmd, int arg)
{
#ifdef SYS_fcntl64
	return (int)syscall(SYS_fcntl64, fd, cmd, arg);
#else
	return (int)syscall(SYS_fcntl, fd, cmd, arg);
#endif
}

/* musl's pipe2 and socketpair fall back to pipe/socketpair plus fcntl
 * for kernels before 2.6.27. */
static inline int sys_pipe2(int p[2], int flags)
{
	return (int)syscall(SYS_pipe2, p, flags);
}

static inline int sys_socketpair(int dom, int type, int proto, int sv[2])
{
	return (int)syscall(SYS_socketpair, dom, type, proto, sv);
}

/* sleep() and usleep() are each a wrapper of nanosleep. */
static inline void sys_sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	nanosleep(&ts, 0);
}

#endif
