/* See value.h: one parser per kind of value, for both front ends. */
#include "value.h"
#include "svc.h"

#include <string.h>

/* Leading digits of s into *v: the first other character, or NULL when
 * there is no digit or 64 bits overflow (*v then says which: 0 or not). */
static const char *digits(const char *s, uint64_t *v)
{
	const char *p = s;

	for (*v = 0; *p >= '0' && *p <= '9'; p++) {
		if (*v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return *v = 1, (const char *)0;
		*v = *v * 10 + (uint64_t)(*p - '0');
	}
	return p == s ? (*v = 0, (const char *)0) : p;
}

static const char *number(const char *s, uint64_t *v, const char **end)
{
	*end = digits(s, v);
	return *end ? 0 : *v ? "too large" : "not a number";
}

const char *val_num(const char *s, uint64_t max, uint64_t *v)
{
	const char *e, *why = number(s, v, &e);

	if (!why && *e)
		why = "not a number";
	return why ? why : *v > max ? "too large" : 0;
}

/* *v times 1024^n, or "too large". */
static const char *scale(uint64_t *v, unsigned n)
{
	for (; n; n--) {
		if (*v > UINT64_MAX >> 10)
			return "too large";
		*v <<= 10;
	}
	return 0;
}

const char *val_size(const char *s, uint64_t *v)
{
	static const char units[] = "KMG";
	const char *e, *why = number(s, v, &e), *u;

	if (why || !*e)
		return why;
	u = strchr(units, *e & ~0x20);
	if (!u || !*u || e[1])
		return "unit must be K, M or G";
	return scale(v, (unsigned)(u - units) + 1);
}

const char *val_ms(const char *s, uint32_t *v)
{
	static const struct {
		char name[3];
		uint32_t ms;
	} units[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
	uint64_t x;
	const char *e, *why = number(s, &x, &e);

	if (why)
		return why;
	for (unsigned i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(e, units[i].name)) {
			if (x > UINT32_MAX / units[i].ms)
				return "too large";
			*v = (uint32_t)x * units[i].ms;
			return 0;
		}
	return *e ? "unit must be ms, s, m or h"
		  : "needs a unit: ms, s, m or h";
}

#define NO_ZERO "use max for no limit"

const char *val_memory(const char *s, uint64_t *v)
{
	const char *why;

	if (!strcmp(s, "max"))
		return *v = 0, (const char *)0;
	if ((why = val_size(s, v)) || !*v)
		return why ? why : NO_ZERO;
	if (*v < SVC_MEMORY_MIN)
		why = "below 1M, too small to start a process";
	return why;
}

const char *val_pids(const char *s, uint32_t *v)
{
	uint64_t x = 0;
	const char *why;

	if (!strcmp(s, "max"))
		return *v = 0, (const char *)0;
	why = val_num(s, UINT32_MAX, &x);
	*v = (uint32_t)x;
	return why ? why : x ? 0 : NO_ZERO;
}

const char *val_cpu(const char *s, uint16_t *v)
{
	char b[8];
	size_t n = strlen(s);
	uint64_t x = 0;
	const char *why;

	if (n && n < sizeof(b) && s[n - 1] == '%') {
		memcpy(b, s, n - 1);
		b[n - 1] = 0;
		s = b;
	}
	why = val_num(s, UINT16_MAX, &x);
	*v = (uint16_t)x;
	return why ? why : x ? 0 : "must be at least 1";
}

/* One N or N-M of a cpuset list; the character after it. */
static const char *cpu_range(const char *p)
{
	uint64_t a, b;
	const char *e = digits(p, &a);

	if (!e || a >= 4096)
		return 0;
	b = a;
	if (*e == '-' && (!(e = digits(e + 1, &b)) || b >= 4096 || a > b))
		return 0;
	return e;
}

const char *val_cpus(const char *s)
{
	for (const char *p = s;; p++) {
		if (!(p = cpu_range(p)))
			return "want a CPU list such as 0-1,3";
		if (!*p)
			return 0;
		if (*p != ',')
			return "want a CPU list such as 0-1,3";
	}
}

const char *val_ipv4(const char *s, uint32_t *v)
{
	unsigned char b[4];

	for (int i = 0; i < 4; i++) {
		uint64_t x;
		const char *e = digits(s, &x);

		if (!e || e - s > 3 || x > 255 || *e != (i < 3 ? '.' : 0))
			return "bad IPv4 address";
		b[i] = (unsigned char)x;
		s = e + 1;
	}
	memcpy(v, b, 4);
	return 0;
}

const char *val_cidr(char *s, uint32_t *addr, uint8_t *prefix)
{
	char *slash = strchr(s, '/');
	uint64_t x;

	if (!slash)
		return "want ADDR/PREFIX, e.g. 10.0.0.2/24";
	*slash = 0;
	if (val_ipv4(s, addr))
		return "bad IPv4 address";
	if (val_num(slash + 1, 32, &x) || !x)
		return "bad prefix length (1 to 32)";
	*prefix = (uint8_t)x;
	return 0;
}

/* 1 to max characters of ok, not starting with '-' or '.'. */
static int word_of(const char *s, size_t max, const char *ok)
{
	size_t n = strlen(s);

	return n && n <= max && *s != '-' && *s != '.' && strspn(s, ok) == n;
}

#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

const char *val_hostname(const char *s)
{
	return word_of(s, 64, ALNUM ".-") ? 0
					  : "want 1 to 64 letters, "
					    "digits, '-' or '.'";
}

/* Stricter than the kernel (dev_valid_name: no '/', ':' or space):
 * the words `ip` and udev name interfaces with. */
const char *val_ifname(const char *s)
{
	return word_of(s, 15, ALNUM "._-") ? 0
					   : "want an interface name: 1 to 15 "
					     "letters, digits, '.', '_' or '-'";
}

const char *val_path(const char *s)
{
	size_t n = strlen(s);

	if (*s != '/')
		return "must be absolute";
	if (strpbrk(s, "\t\n\r"))
		return "contains a tab or newline";
	for (const char *p = s; (p = strchr(p, '/')); p++)
		if (p[1] == '.' && p[2] == '.' && (!p[3] || p[3] == '/'))
			return "contains '..'"; /* (strstr is 1.2 KiB of musl) */
	return n > 4000 ? "too long" : 0;
}

const char *val_limit(const char *s, uint64_t *v)
{
	if (!strcmp(s, "unlimited") || !strcmp(s, "infinity"))
		return *v = UINT64_MAX, (const char *)0;
	return val_size(s, v);
}

const char *val_env(const char *s)
{
	size_t k = strcspn(s, "=");

	if (!s[k] || !k || (*s >= '0' && *s <= '9') ||
	    strspn(s, ALNUM "_") != k)
		return "want NAME=VALUE";
	return 0;
}
