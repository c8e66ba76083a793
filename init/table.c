/* corral table: print the compiled-in service table as a services file
 * (SPEC section 4). Only what differs from the defaults is printed, and
 * every word is quoted the way svcc's lexer reads it, so feeding the
 * output back to svcc gives the same table (tests/unit/table_*.sh).
 *
 * The options are rows of a table: a field of struct svc, how it is
 * printed and its default; the few that are not one field have a
 * function each (init/table_fn.c). Target code under the 64 KiB budget: no stdio. Lines
 * are assembled in a struct ln and written in pieces when they outgrow
 * it, so a long command line is never cut.
 */
#include "init/table.h"
#include "main.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "svc.h"

#include <stddef.h>
#include <string.h>

/* How a row's field is printed after the option's name. */
enum fmt {
	F_NUM,       /* " N" */
	F_PIDS,      /* " N", or " max" for 0 */
	F_SIZE,      /* " 16M" */
	F_MS,        /* " 100ms", " 30s" */
	F_FLAG,      /* nothing: the name says it all ("console") */
	F_STR,       /* one word; NULL: left out */
	F_WORDS,     /* a NULL-ended list on one line; NULL: left out */
	F_EACH,      /* a NULL-ended list, one option per entry (env) */
	F_NONE,      /* printed by another row's function */
	F_MORE = 16, /* flag: a further value on the line of the row above */
	F_FN = 32,   /* its function in fns[] prints it */
};

/* One option's field: offset and size in struct svc, and how it is
 * printed; left out where it equals SVC_DEFAULTS (a row followed by
 * F_MORE rows is printed when any of them differs). */
struct row {
	uint16_t off, def;
	uint8_t size, fmt;
};
#define F(field) offsetof(struct svc, field), sizeof(((struct svc *)0)->field)

/* lib/opts.h's rows, expanded four times: names, the functions of the
 * PR_FN rows (an enum, then the array), and the fields. */
#define TP_NAME(id, name, ...) name "\0"
static const char names[] = SVC_OPTIONS(TP_NAME);
#define TP_PR(id, name, min, max, rep, run, pr, ...) pr

#define PR_NONE
#define PR_NUM(f)
#define PR_PIDS(f)
#define PR_SIZE(f)
#define PR_MS(f)
#define PR_STR(f)
#define PR_WORDS(f)
#define PR_EACH(f)
#define PR_FLAG(f)
#define PR_MS2(f, g)
#define PR_NUM_MS(f, g)
#define PR_FN(fn) FN_##fn,
enum { SVC_OPTIONS(TP_PR) FN_COUNT };
#undef PR_FN
#define PR_FN(fn) fn,
static opt_fn *const fns[FN_COUNT] = {SVC_OPTIONS(TP_PR)};
#undef PR_FN
#undef PR_NONE
#undef PR_NUM
#undef PR_PIDS
#undef PR_SIZE
#undef PR_MS
#undef PR_STR
#undef PR_WORDS
#undef PR_EACH
#undef PR_FLAG
#undef PR_MS2
#undef PR_NUM_MS

/* The default of field f: SVC_DFLT_f, as SVC_DEFAULTS uses it. */
#define D(f)            offsetof(struct svc, f), SVC_DFLT_##f, sizeof(((struct svc *)0)->f)
#define PR_FN(fn)       {FN_##fn, 0, 0, F_FN},
#define PR_NONE         {0, 0, 0, F_NONE},
#define PR_NUM(f)       {D(f), F_NUM},
#define PR_PIDS(f)      {D(f), F_PIDS},
#define PR_SIZE(f)      {D(f), F_SIZE},
#define PR_MS(f)        {D(f), F_MS},
#define PR_STR(f)       {D(f), F_STR},
#define PR_WORDS(f)     {D(f), F_WORDS},
#define PR_EACH(f)      {D(f), F_EACH},
#define PR_FLAG(f)      {D(f), F_FLAG},
#define PR_MS2(f, g)    {D(f), F_MS}, {D(g), F_MORE + F_MS},
#define PR_NUM_MS(f, g) {D(f), F_NUM}, {D(g), F_MORE + F_MS},
static const struct row rows[] = {SVC_OPTIONS(TP_PR)};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static uint64_t field(const struct svc *s, const struct row *r)
{
	const char *p = (const char *)s + r->off;
	uint8_t b;
	uint16_t h;
	uint32_t w;
	uint64_t d;

	if (r->size == 1)
		return memcpy(&b, p, 1), b;
	if (r->size == 2)
		return memcpy(&h, p, 2), h;
	if (r->size == 4)
		return memcpy(&w, p, 4), w;
	return memcpy(&d, p, 8), d;
}

/* Is the row, or one of the F_MORE rows after it, not its default?
 * An empty list counts as none. */
static int differs(const struct svc *s, const struct row *r)
{
	uint64_t v = field(s, r);
	const char *const *w = (const char *const *)(uintptr_t)v;

	if ((r->fmt & ~F_MORE) >= F_WORDS && v && !*w)
		return 0;
	return v != r->def || (r + 1 < rows + NROWS && (r[1].fmt & F_MORE) &&
			       differs(s, r + 1));
}

static void value(const struct svc *s, const struct row *r, const char *name)
{
	uint64_t v = field(s, r);
	const char *const *w = (const char *const *)(uintptr_t)v;

	switch (r->fmt & ~F_MORE) {
	case F_PIDS:
		if (!v) {
			tp_str(" max");
			break;
		}
		/* fall through */
	case F_NUM:
		tp_num(v);
		break;
	case F_SIZE:
		tp_size(v);
		break;
	case F_MS:
		tp_ms(v);
		break;
	case F_STR:
		tp_word((const char *)w);
		break;
	case F_WORDS:
		while (*w)
			tp_word(*w++);
		break;
	case F_EACH:
		for (; *w; w++) {
			tp_opt(name);
			tp_word(*w);
		}
	}
}

static void options(const struct svc *s)
{
	const char *name = names;

	for (const struct row *r = rows; r < rows + NROWS; r++) {
		const struct row *m = r;

		if (r->fmt & F_MORE)
			continue; /* printed with the row above */
		if (r->fmt == F_FN) {
			fns[r->off](s, name);
		} else if (r->fmt != F_NONE && differs(s, r)) {
			if (r->fmt != F_EACH)
				tp_opt(name);
			do
				value(s, m, name);
			while (++m < rows + NROWS && (m->fmt & F_MORE));
		}
		name = name_next(name);
	}
}

static void service(const struct svc *s)
{
	tp_end(); /* a blank line between blocks */
	tp_str("# ");
	tp_str(s->file);
	tp_raw(":", 1);
	tp_digits(s->line);
	tp_end();
	tp_str("service");
	tp_word(s->name);
	for (const char *const *a = s->argv; *a; a++)
		tp_word(*a);
	options(s);
	tp_end();
}

int table_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	tp_top();
	for (unsigned i = 0; i < svc_count; i++)
		service(svc_table + i);
	return 0;
}
