/* Value parsers: each takes one word of option G.opt and returns its
 * value, or dies with a message naming the word and the option. */
#include "svcc.h"

#include <string.h>

#define TOO_LARGE "'%s' is too large for '%s'"

/* Leading decimal digits of s into *v; returns the first non-digit, or
 * NULL on overflow of 64 bits. */
static const char *digits(const char *s, uint64_t *v)
{
	*v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (*v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return NULL;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	return s;
}

uint64_t val_u64(const char *s, uint64_t max)
{
	uint64_t v;
	const char *e = digits(s, &v);

	if (e && (e == s || *e))
		die("bad number '%s' for '%s'", s, G.opt);
	if (!e || v > max)
		die(TOO_LARGE, s, G.opt);
	return v;
}

/* Multiply v by the unit's scale, or die on overflow. */
static uint64_t scale(const char *s, uint64_t v, uint64_t mul, uint64_t max)
{
	if (v > max / mul)
		die(TOO_LARGE, s, G.opt);
	return v * mul;
}

static const struct unit {
	const char *name;
	uint64_t mul;
} size_units[] =
	{
		{"", 1},           {"K", 1ull << 10}, {"M", 1ull << 20},
		{"G", 1ull << 30}, {"k", 1ull << 10}, {"m", 1ull << 20},
		{"g", 1ull << 30},
},
  time_units[] = {
	  {"ms", 1},
	  {"s", 1000},
	  {"m", 60000},
	  {"h", 3600000},
};

static const struct unit *unit(const char *u, const struct unit *t, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(u, t[i].name))
			return &t[i];
	return NULL;
}

/* SIZE: bytes, or a number with K, M or G (powers of 1024). */
uint64_t val_size(const char *s)
{
	uint64_t v;
	const char *e = digits(s, &v);
	const struct unit *u;

	if (e == s)
		die("bad size '%s' for '%s'", s, G.opt);
	if (!e)
		die(TOO_LARGE, s, G.opt);
	u = unit(e, size_units, sizeof(size_units) / sizeof(*size_units));
	if (!u)
		die("bad unit '%s' in '%s' for '%s' (use K, M or G)", e, s,
		    G.opt);
	return scale(s, v, u->mul, UINT64_MAX);
}

/* DURATION: a number with ms, s, m or h; kept in milliseconds. */
uint32_t val_ms(const char *s)
{
	uint64_t v;
	const char *e = digits(s, &v);
	const struct unit *u;

	if (e == s)
		die("bad duration '%s' for '%s'", s, G.opt);
	if (!e)
		die(TOO_LARGE, s, G.opt);
	if (!*e)
		die("missing unit in '%s' for '%s' (use ms, s, m or h)", s,
		    G.opt);
	u = unit(e, time_units, sizeof(time_units) / sizeof(*time_units));
	if (!u)
		die("bad unit '%s' in '%s' for '%s' (use ms, s, m or h)", e, s,
		    G.opt);
	return (uint32_t)scale(s, v, u->mul, UINT32_MAX);
}

/* Dotted quad, returned in host order (a << 24 | b << 16 | c << 8 | d). */
uint32_t val_ipv4(const char *s)
{
	uint32_t ip = 0;
	const char *p = s;

	for (int i = 0; i < 4; i++) {
		uint64_t b;
		const char *e = digits(p, &b);

		if (!e || e == p || e - p > 3 || b > 255 ||
		    *e != (i < 3 ? '.' : 0))
			die("bad IPv4 address '%s' for '%s'", s, G.opt);
		ip = ip << 8 | (uint32_t)b;
		p = e + 1;
	}
	return ip;
}

/* One of names[]; the message lists them all. */
int val_choice(const char *s, const char *const *names, unsigned n)
{
	char list[256] = "";

	for (unsigned i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	for (unsigned i = 0; i < n; i++) {
		strcat(list, names[i]);
		strcat(list, i + 2 < n ? ", " : i + 1 < n ? " or " : "");
	}
	die("bad value '%s' for '%s' (expected %s)", s, G.opt, list);
}

/* An absolute path with nothing that could confuse the manifest or
 * escape the service's root. */
const char *val_path(const char *s)
{
	const char *why = NULL;

	if (s[0] != '/')
		why = "must be absolute";
	else if (strpbrk(s, "\t\n\r"))
		why = "contains a tab or newline";
	else if (strstr(s, "/../") ||
		 (strlen(s) >= 3 && !strcmp(s + strlen(s) - 3, "/..")))
		why = "contains '..'";
	else if (strlen(s) > 4000)
		why = "too long";
	if (why)
		die("bad path '%s' for '%s' (%s)", s, G.opt, why);
	return s;
}

/* A name made of letters, digits, '_', '.', '-', not starting with '.'
 * or '-', at most 28 characters (so "svc-NAME" fits in 32). */
const char *val_name(const char *s, const char *what)
{
	size_t n = strlen(s);

	if (!n || n > 28 || s[0] == '-' || s[0] == '.' ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n)
		die("bad %s '%s'", what, s);
	return s;
}

/* RFC 1123 host name: letters, digits, '-' and '.', at most 64. */
const char *val_hostname(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 64 || s[0] == '-' || s[0] == '.' ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != n)
		die("bad hostname '%s'", s);
	return s;
}

/* rlimit values: a SIZE, or unlimited (UINT64_MAX). */
uint64_t val_limit(const char *s)
{
	if (!strcmp(s, "unlimited") || !strcmp(s, "infinity"))
		return UINT64_MAX;
	return val_size(s);
}
