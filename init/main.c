/* corral's entry point: one static binary, dispatched on argv[0] and its
 * first argument (SPEC section 3). Run as PID 1, or as "init", it is the
 * init; otherwise a subcommand. */
#include "init/main.h"
#include "out.h"
#include "sandbox/run.h"
#include "sandbox/sandbox.h"

#include <string.h>
#include <unistd.h>

/* The column descriptions start at: put_text pads each tab to it. */
#define USAGE_COL 33

#include "corral_help.h" /* init/corral.help, packed */

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct cmd cmds[] = {
	{"run", run_main},
	{"ctl", ctl_main},
	{"table", table_main},
	{"init", init_main},
};

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
	if (getpid() == 1 || (argc > 0 && !strcmp(base(argv[0]), "init")))
		return init_main(argc, argv);
	if (argc > 1) {
		/* whole command line, for the reaper to blank (sandbox.h) */
		sbx_args[0] = argv[0];
		sbx_args[1] = argv[argc - 1] + strlen(argv[argc - 1]) + 1;
		for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (!strcmp(argv[1], cmds[i].name))
				return cmds[i].fn(argc - 1, argv + 1);
		if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			put_text(1,
				 unpack_text(corral_help, sizeof(corral_help)),
				 USAGE_COL);
			return 0;
		}
		PUTS(2, "corral: unknown command '", argv[1], "'");
	}
	put_text(2, unpack_text(corral_help, sizeof(corral_help)), USAGE_COL);
	return 2;
}
