/* See out.h: fixed-buffer line assembly, no stdio, no allocation. */
#include "out.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void ln_mem(struct ln *l, const char *s, size_t n)
{
	size_t room = sizeof(l->buf) - 1 - l->len; /* keep one for "\n" */

	if (n > room)
		n = room;
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

void ln_str(struct ln *l, const char *s)
{
	ln_mem(l, s, strlen(s));
}

void ln_chr(struct ln *l, char c)
{
	ln_mem(l, &c, 1);
}

void ln_u64(struct ln *l, uint64_t v)
{
	char d[20];
	unsigned i = sizeof(d);

	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i);
	ln_mem(l, d + i, sizeof(d) - i);
}

void ln_i64(struct ln *l, int64_t v)
{
	if (v < 0) {
		ln_chr(l, '-');
		ln_u64(l, -(uint64_t)v);
	} else {
		ln_u64(l, (uint64_t)v);
	}
}

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int ln_put(int fd, struct ln *l)
{
	l->buf[l->len++] = '\n'; /* ln_mem always leaves room for it */
	int r = write_all(fd, l->buf, l->len);

	l->len--;
	return r;
}

int put_strs(int fd, const char *const *s)
{
	struct ln l = {0};

	while (*s)
		ln_str(&l, *s++);
	return ln_put(fd, &l);
}

int put_text(int fd, const char *s, unsigned col)
{
	struct ln l = {0};
	unsigned bol = 0; /* where the current line starts in l */
	int r = 0;

	for (; *s; s++) {
		for (unsigned k = l.len - bol; *s == '\t' && k < col; k++)
			ln_chr(&l, ' ');
		if (*s != '\t')
			ln_chr(&l, *s);
		if (*s == '\n')
			bol = l.len;
		/* Whole lines, a few hundred bytes per write. */
		if ((*s == '\n' && l.len > LN_MAX - 100) || !s[1]) {
			if (!r)
				r = write_all(fd, l.buf, l.len);
			l.len = bol = 0;
		}
	}
	return r;
}

/* The stream is the build's own (packtext checks it unpacks to its
 * text, which fits TEXT_MAX): no bound to check here. */
const char *unpack_text(const unsigned char *z, unsigned n)
{
	static char buf[TEXT_MAX];
	char *o = buf;

	for (unsigned i = 0; i < n; i++) {
		unsigned b = z[i], len, off;

		if (b < 0x80) {
			*o++ = (char)b;
			continue;
		}
		len = (b >> 3 & 15) + 3;
		off = ((b & 7) << 8 | z[++i]) + 1;
		for (; len; len--, o++)
			*o = o[-(long)off];
	}
	*o = 0;
	return buf;
}
