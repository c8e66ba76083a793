/* musl's string functions that corral calls, replaced by byte loops of
 * the same name (a static link takes these over musl's objects, as
 * lib/sysover.c's). musl's read a word at a time and keep a 256-bit
 * table for strspn/strcspn (cleared with memset, which then comes too):
 * 1.6 KiB of x86_64 code that pays off on long strings. corral's are
 * paths, option words and log lines, and PID 1's time goes to system
 * calls. Same results as musl's, byte for byte. Target code only, as
 * lib/sysover.c. */
#include <string.h>

#ifndef __GLIBC__

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i])
		i++;
	return i;
}

void *memchr(const void *s, int c, size_t n)
{
	for (const unsigned char *p = s; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return 0;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return 0;
}

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

/* musl's strchr calls its internal __strchrnul: replaced too. */
char *strchr(const char *s, int c)
{
	s = strchrnul(s, c);
	return *s == (char)c ? (char *)s : 0;
}

char *strrchr(const char *s, int c)
{
	const char *r = 0;

	do
		if (*s == (char)c)
			r = s;
	while (*s++);
	return (char *)r;
}

/* The length of s's prefix of bytes in set (in) or not in set (!in). */
static size_t span(const char *s, const char *set, int in)
{
	size_t n = 0;

	while (s[n] && !strchr(set, s[n]) == !in)
		n++;
	return n;
}

size_t strspn(const char *s, const char *set)
{
	return span(s, set, 1);
}

size_t strcspn(const char *s, const char *set)
{
	return span(s, set, 0);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *l = (const void *)a, *r = (const void *)b;

	if (!n--)
		return 0;
	for (; *l && *r && n && *l == *r; l++, r++, n--)
		;
	return *l - *r;
}

#endif
