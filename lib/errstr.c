/* strerror for corral: the texts of the errors an init, a sandbox and
 * a control client meet, worded as musl words them, and "error N" for
 * the rest. musl's own table holds all 130-odd (2.2 KiB with its index)
 * and the binary has a 64 KiB budget: this one is half that. The
 * numbers come from the target's <errno.h> (MIPS numbers differ). */
#include "out.h"

#include <errno.h>

#define ERRORS(X)                                                              \
	X(EPERM, "Operation not permitted")                                    \
	X(ENOENT, "No such file or directory")                                 \
	X(ESRCH, "No such process")                                            \
	X(EINTR, "Interrupted system call")                                    \
	X(EIO, "I/O error")                                                    \
	X(ENXIO, "No such device or address")                                  \
	X(E2BIG, "Argument list too long")                                     \
	X(ENOEXEC, "Exec format error")                                        \
	X(EBADF, "Bad file descriptor")                                        \
	X(ECHILD, "No child process")                                          \
	X(EAGAIN, "Resource temporarily unavailable")                          \
	X(ENOMEM, "Out of memory")                                             \
	X(EACCES, "Permission denied")                                         \
	X(EFAULT, "Bad address")                                               \
	X(ENOTBLK, "Block device required")                                    \
	X(EBUSY, "Resource busy")                                              \
	X(EEXIST, "File exists")                                               \
	X(EXDEV, "Cross-device link")                                          \
	X(ENODEV, "No such device")                                            \
	X(ENOTDIR, "Not a directory")                                          \
	X(EISDIR, "Is a directory")                                            \
	X(EINVAL, "Invalid argument")                                          \
	X(ENFILE, "Too many open files in system")                             \
	X(EMFILE, "No file descriptors available")                             \
	X(ENOTTY, "Not a tty")                                                 \
	X(ETXTBSY, "Text file busy")                                           \
	X(EFBIG, "File too large")                                             \
	X(ENOSPC, "No space left on device")                                   \
	X(ESPIPE, "Invalid seek")                                              \
	X(EROFS, "Read-only file system")                                      \
	X(EMLINK, "Too many links")                                            \
	X(EPIPE, "Broken pipe")                                                \
	X(ERANGE, "Result not representable")                                  \
	X(EDEADLK, "Resource deadlock would occur")                            \
	X(ENAMETOOLONG, "Filename too long")                                   \
	X(ENOSYS, "Function not implemented")                                  \
	X(ENOTEMPTY, "Directory not empty")                                    \
	X(ELOOP, "Symbolic link loop")                                         \
	X(EOVERFLOW, "Value too large for data type")                          \
	X(ENOTSOCK, "Not a socket")                                            \
	X(EMSGSIZE, "Message too large")                                       \
	X(EPROTONOSUPPORT, "Protocol not supported")                           \
	X(EOPNOTSUPP, "Not supported")                                         \
	X(EAFNOSUPPORT, "Address family not supported by protocol")            \
	X(EADDRINUSE, "Address in use")                                        \
	X(EADDRNOTAVAIL, "Address not available")                              \
	X(ENETUNREACH, "Network unreachable")                                  \
	X(ENOBUFS, "No buffer space available")                                \
	X(ECONNRESET, "Connection reset by peer")                              \
	X(ECONNREFUSED, "Connection refused")                                  \
	X(ENOTCONN, "Socket not connected")                                    \
	X(ETIMEDOUT, "Operation timed out")                                    \
	X(ESTALE, "Stale file handle")                                         \
	X(EDQUOT, "Quota exceeded")

#define NUM(e, s)  e,
#define TEXT(e, s) s "\0"
static const uint16_t nums[] = {ERRORS(NUM)};
static const char texts[] = ERRORS(TEXT);

const char *err_str(int e)
{
	static struct ln l; /* for "error N": the next call reuses it */
	const char *s = texts;

	for (unsigned i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		if (nums[i] == e)
			return s;
		while (*s++)
			;
	}
	l.len = 0;
	ln_str(&l, "error ");
	ln_i64(&l, e);
	l.buf[l.len] = 0;
	return l.buf;
}
