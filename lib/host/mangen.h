/* mangen's two halves (lib/host/mangen.c writes the pages,
 * mangen_in.c reads the rows, the prose and the boards' examples). */
#ifndef CORRAL_MANGEN_H
#define CORRAL_MANGEN_H

#include "opts.h"

#include <stdio.h>

struct row {
	const char *name, *arg, *help;
	int min, max, rep, run;
};

#define ROW(id, name, min, max, rep, run, pr, arg, help)                       \
	{name, arg, help, min, max, rep, 0 IF_##run(+1)},
enum { NROWS = sizeof((struct row[]){SVC_OPTIONS(ROW)}) / sizeof(struct row) };
extern const struct row rows[NROWS];

/* One option's prose; text is roff, lines kept. */
struct prose {
	char syntax[160], dflt[160], text[4096], ex[1024];
	int line;
	char board_ex[160], board[96]; /* the first use in a board */
};
extern struct prose prose[NROWS];

_Noreturn void xdie(const char *fmt, ...);
FILE *xfopen(const char *path);
int row_of(const char *name);
void prose_read(const char *path); /* dies on a bad block */
void board_read(const char *path); /* the board's first uses */

#endif
