/* mangen's input side: the rows of lib/opts.h, the prose file and the
 * boards' services files (formats: lib/host/mangen.c). Host tool: dies
 * on error with the file and line. */
#include "mangen.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const struct row rows[NROWS] = {SVC_OPTIONS(ROW)};
struct prose prose[NROWS];

_Noreturn void xdie(const char *fmt, ...)
{
	va_list ap;

	fputs("mangen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

FILE *xfopen(const char *path)
{
	FILE *f = fopen(path, "re");

	if (!f)
		xdie("%s: %s", path, strerror(errno));
	return f;
}

int row_of(const char *name)
{
	for (unsigned i = 0; i < NROWS; i++)
		if (!strcmp(rows[i].name, name))
			return (int)i;
	return -1;
}

static void xappend(char *dst, size_t cap, const char *s, const char *where)
{
	size_t n = strlen(dst);

	if (n + strlen(s) + 1 > cap)
		xdie("%s: too long (at most %zu bytes)", where, cap - 1);
	memcpy(dst + n, s, strlen(s) + 1);
}

/* "@NAME SYNTAX": the block's row, its syntax stored. */
static struct prose *prose_open(char *l, const char *where, int line)
{
	char *sp = strchr(l, ' ');
	int i;

	if (sp)
		*sp = 0;
	i = row_of(l + 1);
	if (i < 0)
		xdie("%s: '%s' is no row of lib/opts.h", where, l + 1);
	if (prose[i].line)
		xdie("%s: '%s' again (first on line %d)", where, l + 1,
		     prose[i].line);
	prose[i].line = line;
	xappend(prose[i].syntax, sizeof(prose[i].syntax), sp ? sp + 1 : "",
		where);
	return &prose[i];
}

void prose_read(const char *path)
{
	FILE *f = xfopen(path);
	char l[1024], where[600];
	struct prose *p = 0;

	for (int line = 1; fgets(l, sizeof(l), f); line++) {
		snprintf(where, sizeof(where), "%s:%d", path, line);
		if (!strchr(l, '\n'))
			xdie("%s: line too long or unterminated", where);
		if (*l == '#')
			continue;
		if (*l == '\n')
			xdie("%s: blank line (roff would warn)", where);
		if (*l == '@') {
			l[strlen(l) - 1] = 0;
			p = prose_open(l, where, line);
		} else if (!p) {
			xdie("%s: text before the first @NAME line", where);
		} else if (*l == '=' && !*p->dflt) {
			l[strlen(l) - 1] = 0;
			xappend(p->dflt, sizeof(p->dflt), l + 1, where);
		} else if (*l == '!') {
			xappend(p->ex, sizeof(p->ex), l + 1, where);
		} else {
			xappend(p->text, sizeof(p->text), l, where);
		}
	}
	if (ferror(f))
		xdie("%s: read error", path);
	fclose(f);
}

/* An option line of a services file: its words, blanks collapsed and
 * a comment dropped, into out; its row, or -1. */
static int option_line(const char *l, char *out, size_t cap)
{
	size_t n = 0;
	char name[64];

	if (!strchr(" \t", *l) || sscanf(l, " %63s", name) != 1)
		return -1;
	for (l += strspn(l, " \t"); *l && *l != '\n' && n + 1 < cap; l++) {
		if (*l == '#' && n && out[n - 1] == ' ')
			break;
		if (strchr(" \t", *l) && n && out[n - 1] == ' ')
			continue;
		out[n++] = *l == '\t' ? ' ' : *l;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	return row_of(name);
}

/* The first use of each option in a board's services file. */
void board_read(const char *path)
{
	FILE *f = xfopen(path);
	const char *dir = strrchr(path, '/');
	int dlen = dir ? (int)(dir - path) : (int)strlen(path);
	char l[1024], w[160];
	int i;

	/* the label: the services file's directory, e.g. board/qemu-x86_64 */
	while (fgets(l, sizeof(l), f))
		if ((i = option_line(l, w, sizeof(w))) >= 0 &&
		    !*prose[i].board_ex) {
			snprintf(prose[i].board_ex, sizeof(prose[i].board_ex),
				 "%s", w);
			snprintf(prose[i].board, sizeof(prose[i].board), "%.*s",
				 dlen, path);
		}
	if (ferror(f))
		xdie("%s: read error", path);
	fclose(f);
}
