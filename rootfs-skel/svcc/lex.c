/* The services-file lexer: Android init.rc's word rules.
 *
 *   - words are separated by blanks (space, tab);
 *   - '#' at the start of a word starts a comment up to the end of line;
 *   - double quotes group words ("a b" is one word, "" an empty word);
 *     a quote must close on the line it opened;
 *   - backslash escapes: \n \t \r, backslash-newline continues the line
 *     (also inside quotes), any other \c is c itself (\" \\ \# "\ ");
 *   - a line that starts with a blank is "indented" (a service option).
 *
 * The line number of a logical line is that of its first physical line.
 */
#include "svcc.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct lexer {
	char *buf; /* whole file, NUL-terminated */
	size_t len, pos;
	uint32_t line; /* physical line at pos */
	struct vec words;
	char *word; /* word being built */
	size_t wlen, wcap;
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (!f)
		xfail(2, "%s: %s", path, strerror(errno));
	do {
		if (cap - n < 4096)
			buf = xrealloc(buf, cap = 2 * cap + 4096);
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r);
	if (ferror(f))
		xfail(2, "%s: read error", path);
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

struct lexer *lex_open(const char *path)
{
	struct lexer *lx = xzalloc(sizeof(*lx));

	lx->buf = slurp(path, &lx->len);
	if (memchr(lx->buf, 0, lx->len))
		die_at(1, "file contains a NUL byte");
	lx->line = 1;
	return lx;
}

static int peek(struct lexer *lx)
{
	return lx->pos < lx->len ? (unsigned char)lx->buf[lx->pos] : -1;
}

static void put(struct lexer *lx, char c)
{
	if (lx->wlen + 1 >= lx->wcap)
		lx->word = xrealloc(lx->word, lx->wcap = 2 * lx->wcap + 64);
	lx->word[lx->wlen++] = c;
}

/* After a backslash: one escaped character into the word, or a line
 * continuation. */
static void escape(struct lexer *lx)
{
	static const char from[] = "ntr", to[] = "\n\t\r";
	int c = peek(lx);
	const char *p;

	if (c < 0)
		die_at(lx->line, "backslash at end of file");
	lx->pos++;
	if (c == '\n') {
		lx->line++;
		return;
	}
	p = strchr(from, c);
	put(lx, p ? to[p - from] : (char)c);
}

/* One word starting at pos (not a blank, newline or comment). */
static void word(struct lexer *lx)
{
	uint32_t quote_line = 0;
	int c;

	lx->wlen = 0;
	while ((c = peek(lx)) >= 0) {
		if (!quote_line && (c == ' ' || c == '\t' || c == '\n'))
			break;
		lx->pos++;
		if (c == '"')
			quote_line = quote_line ? 0 : lx->line;
		else if (c == '\\')
			escape(lx);
		else if (c == '\n')
			die_at(quote_line, "unterminated quote");
		else
			put(lx, (char)c);
	}
	if (quote_line)
		die_at(quote_line, "unterminated quote");
	put(lx, 0);
	vec_push(&lx->words, xstrdup(lx->word));
	/* Kept past this line for svcc's lifetime: the specs point into
	 * them (no leak under LeakSanitizer, SANITIZE=1). */
	vec_push(&comp.words, lx->words.v[lx->words.n - 1]);
}

/* Skip blanks and continuations; returns the next character. */
static int blanks(struct lexer *lx)
{
	int c;

	while ((c = peek(lx)) == ' ' || c == '\t' || c == '\\') {
		if (c == '\\') {
			if (lx->pos + 1 >= lx->len ||
			    lx->buf[lx->pos + 1] != '\n')
				break;
			lx->line++;
			lx->pos++;
		}
		lx->pos++;
	}
	return c;
}

static void comment(struct lexer *lx)
{
	while (peek(lx) >= 0 && peek(lx) != '\n')
		lx->pos++;
}

unsigned lex_next(struct lexer *lx, char ***w, int *indented)
{
	int c;

	lx->words.n = 0;
	while (!lx->words.n && peek(lx) >= 0) {
		comp.line = lx->line;
		*indented = peek(lx) == ' ' || peek(lx) == '\t';
		while ((c = blanks(lx)) >= 0 && c != '\n') {
			if (c == '#')
				comment(lx);
			else
				word(lx);
		}
		if (c == '\n') {
			lx->pos++;
			lx->line++;
		}
	}
	*w = (char **)lx->words.v;
	return lx->words.n;
}

void lex_close(struct lexer *lx)
{
	free(lx->buf);
	free(lx->word);
	free(lx->words.v);
	free(lx);
}
