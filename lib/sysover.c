/* musl functions replaced by smaller ones of the same name. In a static
 * link a definition here wins and musl's object is never pulled in, so
 * no call site changes: what goes is each wrapper's fallback for
 * kernels older than corral runs on (2.6.x: the *_CLOEXEC flags,
 * openat, prlimit64 are 2.6.27-2.6.36), its cancellation point (corral
 * has no threads to cancel) and its copy or conversion corral never
 * needs. Each keeps libc's contract: -1 and errno on failure, the same
 * arguments reaching the kernel. About 1 KiB of a 64 KiB budget (`make
 * size`; per function in the git log). Target code only: a host build
 * (glibc, the unit tests) keeps its own libc's. */
#include <errno.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __GLIBC__

/* musl retries without SOCK_CLOEXEC/SOCK_NONBLOCK and sets them with
 * fcntl on EINVAL (kernels before 2.6.27). */
int socket(int domain, int type, int proto)
{
	return (int)syscall(SYS_socket, domain, type, proto);
}

#endif
