/* The file's structure: top-level keywords (table below) open service
 * blocks or set board-wide values; indented lines go to the option table
 * (opts.c). A block is checked (check.c) as soon as it ends. */
#include "svcc.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

#define MANY 255

static struct spec *top_service(char **av, unsigned ac);
static struct spec *top_hostname(char **av, unsigned ac);
static struct spec *top_module(char **av, unsigned ac);
static struct spec *top_mount(char **av, unsigned ac);
static struct spec *top_bridge(char **av, unsigned ac);

static const struct top {
	const char *name;
	unsigned char min, max;
	struct spec *(*fn)(char **av, unsigned ac);
} tops[] = {
	{"bridge", 1, MANY, top_bridge},   {"hostname", 1, 1, top_hostname},
	{"module", 1, MANY, top_module},   {"mount", 3, 4, top_mount},
	{"service", 2, MANY, top_service},
};
#define NTOPS (sizeof(tops) / sizeof(*tops))

int opt_lookup_top(const char *name)
{
	for (unsigned i = 0; i < NTOPS; i++)
		if (!strcmp(name, tops[i].name))
			return (int)i;
	return -1;
}

/* The one message for a wrong number of arguments, options included. */
void check_argc(const char *name, unsigned ac, unsigned min, unsigned max)
{
	const char *s = min == 1 ? "" : "s";

	if (min == max && ac != min && !min)
		die("'%s' takes no arguments, got %u", name, ac);
	if (min == max && ac != min)
		die("'%s' takes %u argument%s, got %u", name, min, s, ac);
	if (ac < min)
		die("'%s' takes at least %u argument%s, got %u", name, min, s,
		    ac);
	if (ac > max)
		die("'%s' takes at most %u argument%s, got %u", name, max,
		    max == 1 ? "" : "s", ac);
}

static struct spec *top_hostname(char **av, unsigned ac)
{
	(void)ac; /* always 1 */
	comp.opt = "hostname";
	if (comp.hostname)
		die("duplicate 'hostname' (first on line %u)",
		    (unsigned)comp.hostname_line);
	xval(val_hostname(av[0]), av[0]);
	comp.hostname = av[0];
	comp.hostname_line = comp.line;
	return NULL;
}

static struct spec *top_module(char **av, unsigned ac)
{
	comp.opt = "module";
	for (unsigned i = 0; i < ac; i++) {
		xval_name(av[i], "module name");
		if (vec_find(&comp.modules, av[i]) >= 0)
			die("duplicate module '%s'", av[i]);
		vec_push(&comp.modules, av[i]);
	}
	return NULL;
}

/* One word of a mount's OPTIONS: an MS_* flag, a word that sets none
 * (the default it names), or data for the file system. */
static void mount_word(struct topmnt *m, const char *w)
{
	static const char *const flag[] = {
#define X(id, n) #n,
		MNT_FLAG_NAMES(X)
#undef X
	};
	static const char *const none[] = {"rw",  "defaults", "async", "suid",
					   "dev", "exec",     "atime"};
	char *d;

	if (!*w)
		die("bad value '' for 'mount' (an empty option)");
	for (unsigned k = 0; k < sizeof(flag) / sizeof(*flag); k++)
		if (!strcmp(w, flag[k])) {
			m->flags |= 1u << k;
			return;
		}
	for (unsigned k = 0; k < sizeof(none) / sizeof(*none); k++)
		if (!strcmp(w, none[k]))
			return;
	d = m->data ? xasprintf("%s,%s", m->data, w) : xstrdup(w);
	free(m->data);
	m->data = d;
}

static struct spec *top_mount(char **av, unsigned ac)
{
	struct topmnt *m;
	char *opts;

	comp.opt = "mount";
	if (!*av[0] || strpbrk(av[0], "\t\n\r"))
		die("bad source '%s' for 'mount'", av[0]);
	xval_path(av[1]);
	xval_name(av[2], "file system type");
	for (unsigned i = 0; i < comp.nmounts; i++)
		if (!strcmp(comp.mounts[i].dst, av[1]))
			die("duplicate mount on %s (first on line %u)", av[1],
			    (unsigned)comp.mounts[i].line);
	comp.mounts = xrealloc(comp.mounts,
			       (comp.nmounts + 1) * sizeof(*comp.mounts));
	m = &comp.mounts[comp.nmounts++];
	*m = (struct topmnt){av[0], av[1], av[2], NULL, 0, comp.line};
	if (ac < 4)
		return NULL;
	if (strpbrk(av[3], "\t\n\r"))
		die("bad value '%s' for 'mount' (contains a tab or newline)",
		    av[3]);
	opts = xstrdup(av[3]);
	for (char *w = opts, *end; w; w = end) {
		end = strchr(w, ',');
		if (end)
			*end++ = 0;
		mount_word(m, w);
	}
	free(opts);
	return NULL;
}

/* The bridge or port (of any bridge) called name, or NULL. */
const struct topbr *find_bridge(const char *name, int port)
{
	for (unsigned i = 0; i < comp.nbridges; i++) {
		const struct topbr *b = &comp.bridges[i];

		if (!port ? !strcmp(b->name, name)
			  : vec_find(&b->ports, name) >= 0)
			return b;
	}
	return NULL;
}

static void bridge_port(struct topbr *b, const char *w)
{
	const struct topbr *o;

	xval(val_ifname(w), w);
	if (!strcmp(w, b->name) || find_bridge(w, 0))
		die("'%s' is a bridge, not a port of '%s'", w, b->name);
	if ((o = find_bridge(w, 1)))
		die("port '%s' is already on bridge '%s' (line %u)", w, o->name,
		    (unsigned)o->line);
	vec_push(&b->ports, w);
}

/* bridge NAME [ADDR/PFX] [ports IF...] */
static struct spec *top_bridge(char **av, unsigned ac)
{
	struct topbr *b;
	unsigned i = 1;
	const struct topbr *o;

	comp.opt = "bridge";
	xval(val_ifname(av[0]), av[0]);
	if ((o = find_bridge(av[0], 0)))
		die("duplicate bridge '%s' (first on line %u)", av[0],
		    (unsigned)o->line);
	if ((o = find_bridge(av[0], 1)))
		die("'%s' is a port of bridge '%s' (line %u)", av[0], o->name,
		    (unsigned)o->line);
	comp.bridges = xrealloc(comp.bridges,
				(comp.nbridges + 1) * sizeof(*comp.bridges));
	b = memset(&comp.bridges[comp.nbridges++], 0, sizeof(*b));
	b->name = av[0];
	b->line = comp.line;
	if (i < ac && strcmp(av[i], "ports"))
		b->addr = xval_cidr(av[i++], &b->prefix);
	if (i < ac && strcmp(av[i], "ports"))
		die("expected 'ports IF...' after the address, got '%s'",
		    av[i]);
	if (i++ < ac && i == ac)
		die("'ports' needs at least one interface");
	for (; i < ac; i++)
		bridge_port(b, av[i]);
	return NULL;
}

/* The table keeps only the last two components of the file's path, so
 * the binary does not depend on where the tree was checked out. */
const char *short_file(const char *path)
{
	const char *p = path + strlen(path), *cut = path;
	int slashes = 0;

	while (p > path && slashes < 2)
		if (*--p == '/' && ++slashes == 2)
			cut = p + 1;
	return cut;
}

static void defaults(struct svc *s)
{
	*s = (struct svc){SVC_DEFAULTS};
	s->file = short_file(comp.file);
	s->line = comp.line;
}

static struct spec *top_service(char **av, unsigned ac)
{
	struct spec *sp;

	comp.opt = "service";
	xval_name(av[0], "service name");
	for (unsigned i = 0; i < comp.nsvc; i++)
		if (!strcmp(comp.svc[i].s.name, av[0]))
			die("duplicate service '%s' (first on line %u)", av[0],
			    (unsigned)comp.svc[i].s.line);
	if (comp.nsvc >= comp.max_services)
		die("too many services (max %u)", comp.max_services);
	if (comp.nsvc == comp.cap)
		comp.svc = xrealloc(comp.svc, (comp.cap = 2 * comp.cap + 8) *
						      sizeof(*sp));
	sp = memset(&comp.svc[comp.nsvc++], 0, sizeof(*sp));
	defaults(&sp->s);
	sp->s.name = av[0];
	comp.opt = "service";
	vec_push(&sp->argv, xval_path(av[1]));
	for (unsigned i = 2; i < ac; i++)
		vec_push(&sp->argv, av[i]);
	return sp;
}

static void unknown_top(const char *w)
{
	const char *names[NTOPS], *near;

	if (opt_lookup(w) >= 0)
		die("option '%s' must be indented under a service", w);
	for (unsigned i = 0; i < NTOPS; i++)
		names[i] = tops[i].name;
	near = nearest(w, names, NTOPS);
	if (near)
		die("unknown keyword '%s' (did you mean '%s'?)", w, near);
	die("unknown keyword '%s'", w);
}

static struct spec *top_line(char **w, unsigned n)
{
	int i = opt_lookup_top(w[0]);

	if (i < 0)
		unknown_top(w[0]);
	check_argc(w[0], n - 1, tops[i].min, tops[i].max);
	return tops[i].fn(w + 1, n - 1);
}

void parse_file(const char *path)
{
	struct lexer *lx = lex_open(path);
	struct spec *cur = NULL;
	char **w;
	int indented;
	unsigned n;

	while ((n = lex_next(lx, &w, &indented))) {
		if (indented && !cur)
			die("option '%s' outside a service", w[0]);
		if (indented) {
			opt_line(cur, w, n);
			continue;
		}
		if (cur)
			check_service(cur);
		cur = top_line(w, n);
	}
	if (cur)
		check_service(cur);
	lex_close(lx);
}
