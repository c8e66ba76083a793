/* svcc: compile a services file (SPEC section 4) into a constant C
 * table and a manifest for the rootfs builder. See README. */
#include "svcc.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: svcc [--sysroot DIR] [--passwd FILE] [--group FILE]\n"
	"            [--max-services N] -o OUT.c -m MANIFEST SERVICES";

struct args {
	const char *out, *manifest;
};

/* Options, each taking one value; set() below is indexed by these. */
static const char *const flags[] = {
	"--sysroot", "--passwd", "--group", "--max-services", "-o", "-m",
};
#define NFLAGS (sizeof(flags) / sizeof(*flags))

static void set(unsigned i, struct args *a, const char *v)
{
	char *end, *root;
	unsigned long n;
	size_t len;

	switch (i) {
	case 0:
		root = xstrdup(v);
		len = strlen(root);
		while (len && root[len - 1] == '/')
			root[--len] = 0; /* "/" and "" both mean the host */
		comp.sysroot = root;
		break;
	case 1:
		comp.passwd = v;
		break;
	case 2:
		comp.group = v;
		break;
	case 3:
		n = strtoul(v, &end, 10);
		if (!*v || *end || n == 0 || n > 65535)
			xfail(2, "--max-services: bad number '%s'", v);
		comp.max_services = (unsigned)n;
		break;
	case 4:
		a->out = v;
		break;
	case 5:
		a->manifest = v;
		break;
	}
}

static const char *parse_args(int argc, char **argv, struct args *a)
{
	const char *file = NULL;

	for (int i = 1; i < argc; i++) {
		unsigned f = 0;

		while (f < NFLAGS && strcmp(argv[i], flags[f]))
			f++;
		if (f < NFLAGS && i + 1 < argc)
			set(f, a, argv[++i]);
		else if (f < NFLAGS)
			xfail(2, "%s needs a value\n%s", argv[i], usage);
		else if (argv[i][0] == '-' || file)
			xfail(2, "unexpected '%s'\n%s", argv[i], usage);
		else
			file = argv[i];
	}
	if (!file || !a->out || !a->manifest)
		xfail(2, "%s", usage);
	return file;
}

int main(int argc, char **argv)
{
	struct args a = {0};

	host_prog = "svcc";
	comp.sysroot = "";
	comp.max_services = 65535;
	comp.file = parse_args(argc, argv, &a);
	ids_load();
	parse_file(comp.file);
	check_all();
	emit_c(a.out);
	emit_manifest(a.manifest);
	return 0;
}
