/* opthelp: `corral run --help` from its template, a host tool run by
 * the build. The line "@OPTIONS@" of the template becomes one entry per
 * RUN row of lib/opts.h, so the help cannot leave an option out or
 * describe one the parser does not have:
 *
 *   opthelp TEMPLATE > TEXT     (then packtext, like any .help)
 *
 * Each entry is "  --NAME ARG" and its help after a tab, which put_text
 * pads to RUN_HELP_COL; where the name and argument already reach it, two
 * spaces instead, and a help that starts with a newline goes below.
 */
#include "opts.h"

#include <stdio.h>
#include <string.h>

struct entry {
	const char *name, *arg, *help;
};

#define ENTRY(id, name, min, max, rep, run, pr, arg, help)                     \
	IF_##run({name, arg, help}, )
static const struct entry entries[] = {SVC_OPTIONS(ENTRY)};

static void options(void)
{
	const int col = RUN_HELP_COL;

	for (unsigned i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		const struct entry *e = &entries[i];
		int n = printf("  --%s%s%s", e->name, *e->arg ? " " : "",
			       e->arg);

		if (*e->help == '\n')
			printf("%s\n", e->help);
		else
			printf("%s%s\n", n + 1 >= col ? "  " : "\t", e->help);
	}
}

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "r") : 0;
	char line[512];
	int seen = 0;

	if (!f) {
		fprintf(stderr, "usage: opthelp TEMPLATE\n");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strcmp(line, "@OPTIONS@\n")) {
			fputs(line, stdout);
			continue;
		}
		options();
		seen = 1;
	}
	fclose(f);
	if (!seen)
		fprintf(stderr, "opthelp: %s: no @OPTIONS@ line\n", argv[1]);
	return !seen || ferror(stdout);
}
