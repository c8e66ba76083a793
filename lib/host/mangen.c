/* mangen: the option parts of corral(8) and corral-services(5), a host
 * tool run by `make man`. Like opthelp, it includes lib/opts.h, so the
 * pages list exactly the rows the parsers have: a row added there shows
 * up in both pages with no edit here.
 *
 *   mangen run TEMPLATE > corral.8
 *   mangen services TEMPLATE PROSE [SERVICES...] > corral-services.5
 *
 * TEMPLATE is roff; a line of its own
 *   @OPTIONS@        becomes one entry per row (services) or per RUN
 *                    row (run): the row's syntax, help and default
 *   @INCLUDE FILE@   becomes FILE (a board's services file) as an
 *                    example, escaped, between .EX and .EE
 *   @MOUNTFLAGS@     the mount flags of lib/names.h, as a roff list
 *
 * PROSE (docs/services-options) adds what a row cannot hold: an option's
 * services-file syntax where corral run's differs, a longer text, units.
 * A row without prose still gets an entry (its corral run syntax and
 * help); prose naming no row is an error, so stale prose cannot stay.
 * Format, one block per option, no blank lines (roff would warn):
 *   # comment
 *   @NAME SYNTAX     the option and its services-file words
 *   =DEFAULT         optional: the default, else the row help's [...]
 *   !WORDS           optional: an example line (tests/unit/man_pages.sh
 *                    compiles each with svcc)
 *   text             roff text, as many lines as needed
 * Each SERVICES file (the boards') gives every option its first use
 * there as a further example.
 */
#include "mangen.h"
#include "names.h"

#include <errno.h>
#include <string.h>

/* Text for roff: backslashes escaped, a leading . or ' made literal,
 * from s to the end or to; code (examples, services files): every
 * minus sign \-, so that what is copied from the page still works. */
static void put_esc(const char *s, const char *to, int code)
{
	int bol = 1;

	for (; *s && s != to; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-' && (bol || code))
			fputs("\\-", stdout);
		else
			putchar(*s);
		bol = *s == '\n';
	}
}
#define put_text(s, to) put_esc(s, to, 0)
#define put_code(s)     put_esc(s, 0, 1)

/* A syntax: upper-case words (placeholders) in italics, lower-case
 * words (literals) in bold, with \- for their minus signs. */
static void put_syntax(const char *s)
{
	while (*s) {
		size_t up = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_"),
		       lo = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-");

		if (up || lo) {
			fputs(up ? "\\fI" : "\\fB", stdout);
			for (size_t i = 0; i < (up ? up : lo); i++)
				fputs(s[i] == '-' ? "\\-" : (char[]){s[i], 0},
				      stdout);
			fputs("\\fP", stdout);
			s += up ? up : lo;
		} else {
			fputs(*s == '\\' ? "\\e" : (char[]){*s, 0}, stdout);
			s++;
		}
	}
}

/* The row's help as roff input lines: "\n\t" (a --help continuation)
 * becomes a newline, leading blanks go. */
static void unwrap(const char *help, char *out, size_t cap)
{
	size_t n = 0;

	help += strspn(help, "\n\t ");
	for (; *help && n + 1 < cap; help++) {
		out[n++] = *help;
		if (*help == '\n' && help[1] == '\t')
			help++;
	}
	out[n] = 0;
}

/* s up to end (NULL: all), blanks before end dropped, then a newline;
 * nothing for an empty text. */
static void put_until(const char *s, const char *end)
{
	char b[1024];
	size_t n = end ? (size_t)(end - s) : strlen(s);

	while (n && strchr(" \t\n", s[n - 1]))
		n--;
	if (!n)
		return;
	snprintf(b, sizeof(b), "%.*s", (int)n, s);
	put_text(b, 0);
	putchar('\n');
}

/* Where a help's trailing "[default]" starts, or NULL. */
static const char *dflt_of(const char *h)
{
	size_t n = strlen(h);
	const char *b = strrchr(h, '[');

	return n && h[n - 1] == ']' && b ? b : 0;
}

/* A run entry: "--NAME ARG" and the row's help. */
static void run_entry(const struct row *r)
{
	char h[1024];

	unwrap(r->help, h, sizeof(h));
	fputs(".TP\n\\fB\\-\\-", stdout);
	put_syntax(r->name);
	fputs("\\fP", stdout);
	if (*r->arg) {
		putchar(' ');
		put_syntax(r->arg);
	}
	putchar('\n');
	put_until(h, 0);
}

/* "Example:" lines: the prose's, then the first use in a board. */
static void svc_examples(const struct prose *p)
{
	/* no-fill, so that filling never spreads an example's words;
	 * indented by hand (.RS inside .TP would reset the indent) */
	if (*p->ex) {
		puts(".br\nExample:\n.EX");
		for (const char *e = p->ex, *nl; *e; e = nl + 1) {
			nl = strchr(e, '\n'); /* each ends in one */
			fputs("    ", stdout);
			put_esc(e, nl + 1, 1);
		}
		puts(".EE");
	}
	if (*p->board_ex) {
		fputs(".br\nIn ", stdout);
		put_text(p->board, 0);
		puts("/services:\n.EX");
		fputs("    ", stdout);
		put_code(p->board_ex);
		puts("\n.EE");
	}
}

/* A services entry: syntax, text, default, repeat, corral run's form. */
static void svc_entry(const struct row *r, const struct prose *p)
{
	char h[1024];
	const char *d;

	unwrap(r->help, h, sizeof(h));
	d = dflt_of(h);
	printf(".TP\n.\\\" row: %s\n", r->name);
	put_syntax(r->name);
	if (p->line ? *p->syntax : *r->arg)
		putchar(' ');
	put_syntax(p->line ? p->syntax : r->arg);
	putchar('\n');
	if (*p->text)
		fputs(p->text, stdout); /* roff already */
	else
		put_until(h, d);
	if (*p->dflt || d) {
		fputs(".br\nDefault: ", stdout);
		if (*p->dflt)
			put_until(p->dflt, 0);
		else
			put_until(d + 1, d + strlen(d) - 1); /* no [ ] */
	}
	if (r->rep)
		puts(".br\nMay be given more than once; each adds.");
	svc_examples(p);
	if (!r->run) {
		puts(".br\nServices file only: \\fBcorral run\\fP has no such "
		     "option.");
		return;
	}
	fputs(".br\n\\fBcorral run\\fP: \\fB\\-\\-", stdout);
	put_syntax(r->name);
	fputs("\\fP ", stdout);
	put_syntax(r->arg);
	putchar('\n');
}

static void options(int services)
{
	for (unsigned i = 0; i < NROWS; i++)
		if (services)
			svc_entry(&rows[i], &prose[i]);
		else if (rows[i].run)
			run_entry(&rows[i]);
}

/* The words svcc turns into MS_* flags, "a, b and c" in bold. */
#define MF(id, n) #n,
static const char *const mount_flags[] = {MNT_FLAG_NAMES(MF)};

static void mountflags(void)
{
	const unsigned n = sizeof(mount_flags) / sizeof(mount_flags[0]);

	for (unsigned i = 0; i < n; i++) {
		if (i && i + 1 == n)
			puts("and");
		printf(".B%s %s%s\n", i + 2 < n ? "R" : "", mount_flags[i],
		       i + 2 < n ? " ," : "");
	}
}

/* "@INCLUDE FILE@": FILE as a no-fill example. */
static void include(char *l)
{
	char *path = l + strlen("@INCLUDE "), b[1024];
	FILE *f;

	path[strlen(path) - 2] = 0; /* "@\n" */
	f = xfopen(path);
	puts(".EX");
	while (fgets(b, sizeof(b), f))
		put_code(b);
	if (ferror(f))
		xdie("%s: read error", path);
	fclose(f);
	puts(".EE");
}

int main(int argc, char **argv)
{
	int services = argc >= 4 && !strcmp(argv[1], "services");
	char l[1024];
	int seen = 0;
	FILE *f;

	if (!services && (argc != 3 || strcmp(argv[1], "run")))
		xdie("usage: mangen run TEMPLATE | services TEMPLATE PROSE");
	if (services)
		prose_read(argv[3]);
	for (int i = 4; services && i < argc; i++)
		board_read(argv[i]);
	f = xfopen(argv[2]);
	while (fgets(l, sizeof(l), f)) {
		if (!strcmp(l, "@OPTIONS@\n"))
			options(services), seen = 1;
		else if (!strcmp(l, "@MOUNTFLAGS@\n"))
			mountflags();
		else if (!strncmp(l, "@INCLUDE ", 9) && strstr(l, "@\n"))
			include(l);
		else
			fputs(l, stdout);
	}
	if (ferror(f) || !seen)
		xdie("%s: %s", argv[2],
		     seen ? "read error" : "no @OPTIONS@ line");
	fclose(f);
	if (fflush(stdout) || ferror(stdout))
		xdie("write error: %s", strerror(errno));
	return 0;
}
