/* musl functions replaced by smaller ones of the same name. In a static
 * link a definition here wins and musl's object is never pulled in, so
 * no call site changes: what goes is each wrapper's fallback for
 * kernels older than corral runs on (2.6.x: the *_CLOEXEC flags,
 * openat, prlimit64 are 2.6.27-2.6.36), its cancellation point (corral
 * has no threads to cancel) and its copy or conversion corral never
 * needs. Each keeps libc's contract: -1 and errno on failure, the same
 * arguments reaching the kernel; tests/unit/libc_same.sh holds them to
 * musl's results. About 2.5 KiB of x86_64's 64 KiB budget (`make
 * size`; per function in the git log). Target code only: a host build
 * (glibc, the unit tests) keeps its own libc's. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef __GLIBC__

/* musl retries without SOCK_CLOEXEC/SOCK_NONBLOCK and sets them with
 * fcntl on EINVAL (kernels before 2.6.27). */
int socket(int domain, int type, int proto)
{
	return (int)syscall(SYS_socket, domain, type, proto);
}

/* musl's open() sets FD_CLOEXEC again with fcntl (kernels before
 * 2.6.23 ignored O_CLOEXEC) and is a cancellation point; both it and
 * openat() become one openat(2). O_LARGEFILE as musl adds it: 32-bit
 * ABIs need it to open files over 2 GiB. The mode is read only where
 * the flags say one was passed, as in musl. */
static int open_at(int dir, const char *path, int flags, va_list ap)
{
	mode_t mode = 0;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		mode = va_arg(ap, mode_t);
	return (int)syscall(SYS_openat, dir, path, flags | O_LARGEFILE, mode);
}

int openat(int dir, const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_at(dir, path, flags, ap);
	va_end(ap);
	return r;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int r;

	va_start(ap, flags);
	r = open_at(AT_FDCWD, path, flags, ap);
	va_end(ap);
	return r;
}

/* musl's fchdir() retries EBADF through chdir("/proc/self/fd/N") for an
 * O_PATH fd on kernels before 3.5, and brings the code that formats the
 * path. */
int fchdir(int fd)
{
	return (int)syscall(SYS_fchdir, fd);
}

/* musl's getrlimit() is prlimit(2) with a getrlimit(2) fallback for
 * kernels before 2.6.36; its prlimit() converts the kernel's infinity
 * as the fallback would (MIPS's differs). */
int getrlimit(int res, struct rlimit *rl)
{
	return prlimit(0, res, 0, rl);
}

/* musl's sendmsg() and recvmsg() are cancellation points and, on 64-bit
 * ABIs, copy the msghdr to clear the padding that makes its int
 * msg_iovlen and msg_controllen the kernel's size_t (sendmsg copies the
 * control data too, up to 1 KiB, to clear each cmsg_len's). Here the
 * padding is cleared where it is: a copy of the header for sendmsg,
 * the caller's header for recvmsg (musl writes its copy back there
 * anyway), the control headers in place (padding, never data). */
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
#if LONG_MAX > INT_MAX
	struct msghdr h;

	if (msg) {
		h = *msg;
		h.__pad1 = h.__pad2 = 0;
		msg = &h;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&h); c;
		     c = CMSG_NXTHDR(&h, c))
			c->__pad1 = 0;
	}
#endif
	return syscall(SYS_sendmsg, fd, msg, flags);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
#if LONG_MAX > INT_MAX
	msg->__pad1 = msg->__pad2 = 0;
#endif
	return syscall(SYS_recvmsg, fd, msg, flags);
}

/* The kernel's struct sigaction (musl's src/internal/ksigaction.h):
 * MIPS puts the flags first and has no restorer. musl's MIPS struct
 * has one past the end all the same, and so has this: qemu-user's
 * MIPS writes a restorer there into the old action (before it reads
 * the new one, which would follow on the stack). */
struct ksigaction {
#ifdef __mips__
	unsigned flags;
	void (*handler)(int);
	unsigned long mask[4];
	void (*unused)(void);
#else
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned mask[2];
#endif
};

/* musl's signal-return trampolines (src/signal/ARCH/restore.s);
 * x86_64 has only the SA_SIGINFO kind of frame. */
__attribute__((visibility("hidden"))) void __restore_rt(void);
#ifdef __x86_64__
#define __restore __restore_rt
#else
__attribute__((visibility("hidden"))) void __restore(void);
#endif

/* musl's sigaction() also records which signals have handlers, unblocks
 * its thread-cancellation signals before the first handler and takes a
 * lock around SIGABRT changes against a concurrent abort(): all for
 * threads, which corral has none of (about 1 KiB with the lock). The
 * call itself is musl's: the same checks, flags, restorer and masks. */
int sigaction(int sig, const struct sigaction *restrict sa,
	      struct sigaction *restrict old)
{
	struct ksigaction k, ko;
	int r;

	if (sig - 32u < 3 || sig - 1u >= _NSIG - 1) {
		errno = EINVAL; /* musl's own signals, or none */
		return -1;
	}
	if (sa) {
		k.handler = sa->sa_handler;
		k.flags = sa->sa_flags | SA_RESTORER;
#ifndef __mips__
		k.restorer =
			sa->sa_flags & SA_SIGINFO ? __restore_rt : __restore;
#endif
		memcpy(&k.mask, &sa->sa_mask, _NSIG / 8);
	}
	r = (int)syscall(SYS_rt_sigaction, sig, sa ? &k : 0, old ? &ko : 0,
			 _NSIG / 8);
	if (old && !r) {
		old->sa_handler = ko.handler;
		old->sa_flags = ko.flags;
		memcpy(&old->sa_mask, &ko.mask, _NSIG / 8);
	}
	return r;
}

/* musl's signal(): sigaction() with SA_RESTART, the old handler back. */
void (*signal(int sig, void (*fn)(int)))(int)
{
	struct sigaction sa = {.sa_handler = fn, .sa_flags = SA_RESTART}, old;

	return sigaction(sig, &sa, &old) < 0 ? SIG_ERR : old.sa_handler;
}

/* musl's nanosleep() is clock_nanosleep(CLOCK_REALTIME), a cancellation
 * point that on 32-bit ABIs converts to the old 32-bit call when the
 * seconds fit (and back for the remainder). The time64 call takes
 * musl's timespec as it is (lib/sys.h's clock_gettime: the same 5.1
 * kernel, the same padding). A relative CLOCK_REALTIME sleep is the
 * kernel's monotonic one either way. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
#ifdef SYS_clock_nanosleep_time64
	return (int)syscall(SYS_clock_nanosleep_time64, CLOCK_REALTIME, 0, req,
			    rem);
#else
	return (int)syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, req, rem);
#endif
}

/* musl's sigprocmask() is pthread_sigmask() plus errno; both in one,
 * musl's internal signals (32-34) kept out of the old mask as there. */
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	int r;

	if (set && (unsigned)how - SIG_BLOCK > 2u) {
		errno = EINVAL;
		return -1;
	}
	r = (int)syscall(SYS_rt_sigprocmask, how, set, old, _NSIG / 8);
	if (!r && old) { /* sigdelset() refuses these: musl's own masking */
		if (sizeof(old->__bits[0]) == 8) {
			old->__bits[0] &= ~0x380000000ULL;
		} else {
			old->__bits[0] &= ~0x80000000UL;
			old->__bits[1] &= ~0x3UL;
		}
	}
	return r;
}

/* musl's prctl() and ioctl(), without the stack protector musl's own
 * build adds to them; ioctl() also drops the conversion of the time64
 * ioctls (SIOCGSTAMP, ALSA, V4L2) for kernels before 5.1 on 32-bit
 * ABIs, none of which corral makes. */
int prctl(int op, ...)
{
	unsigned long x[4];
	va_list ap;

	va_start(ap, op);
	for (int i = 0; i < 4; i++)
		x[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)syscall(SYS_prctl, op, x[0], x[1], x[2], x[3]);
}

int ioctl(int fd, int req, ...)
{
	void *arg;
	va_list ap;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	return (int)syscall(SYS_ioctl, fd, req, arg);
}

#endif
