/* svcc helpers: error exits, allocation that cannot fail, string lists,
 * and the "did you mean" suggestion. */
#include "svcc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct svcc comp;

/* The message is one line whatever the words in it hold: control
 * characters are shown as \n, \t, \r or \ooo. */
static _Noreturn void vdie(uint32_t line, const char *fmt, va_list ap)
{
	static const char ctl[] = "\n\t\r", as[] = "ntr";
	char msg[8192];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (line)
		fprintf(stderr, "%s:%u: ", comp.file, (unsigned)line);
	else
		fprintf(stderr, "%s: ", comp.file ? comp.file : "svcc");
	for (const char *p = msg; *p; p++) {
		const char *e = strchr(ctl, *p);

		if (e)
			fprintf(stderr, "\\%c", as[e - ctl]);
		else if ((unsigned char)*p < 0x20)
			fprintf(stderr, "\\%03o", (unsigned char)*p);
		else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
	exit(1);
}

/* FILE:LINE: message, for the line being compiled. */
void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(comp.line, fmt, ap);
}

/* FILE:LINE: message, for an earlier line (checks after the fact). */
void die_at(uint32_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(line, fmt, ap);
}

/* Append s; the list stays NULL-ended so it can go out as-is. */
void vec_push(struct vec *v, const char *s)
{
	if (v->n + 2 > v->cap) {
		v->cap = v->cap ? 2 * v->cap : 8;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = s;
	v->v[v->n] = NULL;
}

int vec_find(const struct vec *v, const char *s)
{
	for (unsigned i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return (int)i;
	return -1;
}

/* Levenshtein distance, two rows; words here are short. */
static unsigned distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned row[2][64], *prev = row[0], *cur = row[1], *t;

	if (la >= 64 || lb >= 64)
		return 1000;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			unsigned del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
		}
		t = prev, prev = cur, cur = t;
	}
	return prev[lb];
}

/* The closest name to word, or NULL when nothing is close enough to be
 * a plausible typo (at most 2 edits, and at most half the name). */
const char *nearest(const char *word, const char *const *names, unsigned n)
{
	const char *best = NULL;
	unsigned bestd = 3;

	for (unsigned i = 0; i < n; i++) {
		unsigned d = distance(word, names[i]);

		if (d < bestd && 2 * d <= strlen(names[i])) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}
