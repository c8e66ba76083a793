/* What the three build-host tools share (svcc, mkcpio, elfdeps): the
 * x prefix means "succeeds or ends the program" (toybox's lib/xwrap.c).
 * Host code only: target code never exits or allocates. */
#ifndef CORRAL_HOSTLIB_H
#define CORRAL_HOSTLIB_H

#include <stddef.h>

/* The tool's name, the prefix of its messages; set first thing. */
extern const char *host_prog;

/* "PROG: message" on stderr, then exit(status). */
_Noreturn void xfail(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void *xrealloc(void *p, size_t n);
void *xzalloc(size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
