/* The services compiler's side of the value parsers: lib/value.c's
 * verdicts (shared with `corral run`), turned into
 * "FILE:LINE: bad value 'X' for 'OPT' (WHY)" and the end of the run.
 * The x prefix: these do not return on a bad value. */
#include "svcc.h"

#include <stdio.h>
#include <string.h>

void xval(const char *why, const char *word)
{
	if (why)
		die("bad value '%s' for '%s' (%s)", word, comp.opt, why);
}

uint64_t xval_u64(const char *s, uint64_t max)
{
	uint64_t v = 0;

	xval(val_num(s, max, &v), s);
	return v;
}

uint64_t xval_size(const char *s)
{
	uint64_t v = 0;

	xval(val_size(s, &v), s);
	return v;
}

uint32_t xval_ms(const char *s)
{
	uint32_t v = 0;

	xval(val_ms(s, &v), s);
	return v;
}

/* Host order (a << 24 | b << 16 | c << 8 | d), as emit_c.c writes it. */
static uint32_t host_order(uint32_t net)
{
	unsigned char b[4];

	memcpy(b, &net, 4);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

uint32_t xval_ipv4(const char *s)
{
	uint32_t v = 0;

	xval(val_ipv4(s, &v), s);
	return host_order(v);
}

/* ADDR/PFX (val_cidr cuts its copy at the '/'), in host order. */
uint32_t xval_cidr(const char *s, uint8_t *prefix)
{
	char copy[64];
	uint32_t v = 0;

	snprintf(copy, sizeof(copy), "%s", s);
	xval(val_cidr(copy, &v, prefix), s);
	return host_order(v);
}

const char *xval_path(const char *s)
{
	xval(val_path(s), s);
	return s;
}

uint64_t xval_limit(const char *s)
{
	uint64_t v = 0;

	xval(val_limit(s, &v), s);
	return v;
}

/* One of names[]; the message lists them all. */
int xval_choice(const char *s, const char *const *names, unsigned n)
{
	char list[256] = "";

	for (unsigned i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	for (unsigned i = 0; i < n; i++) {
		strcat(list, names[i]);
		strcat(list, i + 2 < n ? ", " : i + 1 < n ? " or " : "");
	}
	die("bad value '%s' for '%s' (expected %s)", s, comp.opt, list);
}

/* A name made of letters, digits, '_', '.', '-', not starting with '.'
 * or '-', at most 28 characters (so "svc-NAME" fits in 32). */
const char *xval_name(const char *s, const char *what)
{
	size_t n = strlen(s);

	if (!n || n > 28 || s[0] == '-' || s[0] == '.' ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz"
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n)
		die("bad %s '%s'", what, s);
	return s;
}
