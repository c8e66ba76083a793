/* Tiny line builder and writers: corral has no stdio.
 *
 * printf and FILE pull 8-10 KiB into a static musl binary and allocate;
 * PID 1 must not allocate after boot and the whole binary has a 64 KiB
 * budget, so every message is assembled in a fixed buffer and written
 * with one write(2). A line that does not fit is cut, never overflowed.
 */
#ifndef CORRAL_OUT_H
#define CORRAL_OUT_H

#include <stddef.h>
#include <stdint.h>

#define LN_MAX 512

struct ln {
	unsigned len;
	char buf[LN_MAX];
};

void ln_str(struct ln *l, const char *s);
void ln_mem(struct ln *l, const char *s, size_t n);
void ln_chr(struct ln *l, char c);
void ln_u64(struct ln *l, uint64_t v);
void ln_i64(struct ln *l, int64_t v);

/* Write all of buf, retrying on EINTR and short writes.
 * Returns 0, or -errno. */
int write_all(int fd, const void *buf, size_t n);

/* Append "\n" and write the line to fd. Returns 0 or -errno. */
int ln_put(int fd, struct ln *l);

/* Write the strings (NULL-ended) to fd as one line ending in "\n". */
int put_strs(int fd, const char *const *s);
#define PUTS(fd, ...) put_strs((fd), (const char *const[]){__VA_ARGS__, 0})

/* Write a text such as --help, each tab padded out with spaces to
 * column col (none once past it): aligned columns then cost one byte
 * a line in the binary, not up to twenty-odd spaces. 0 or -errno. */
int put_text(int fd, const char *s, unsigned col);

/* A help text packed at build time (lib/host/packtext.c says how),
 * unpacked into a static buffer that the next call reuses. */
#define TEXT_MAX 4096
const char *unpack_text(const unsigned char *z, unsigned n);

/* strerror(e) for the errors corral meets (lib/errstr.c), else
 * "error N" in a static buffer the next call reuses. */
const char *err_str(int e);

#endif
