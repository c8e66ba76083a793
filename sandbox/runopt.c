/* `corral run` options, parsed from a table (SPEC 5): each long option
 * has a setter (sandbox/runval.c); the driver prints
 * "corral run: --OPT VALUE: WHY" for a bad one, suggests the nearest
 * known option for an unknown one, and `corral run` exits 125. */
#include "sandbox/run.h"
#include "names.h"
#include "opts.h"
#include "out.h"

#include <string.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef const char *setter(struct run_cfg *r, char *v);

/* The long options: lib/opts.h's RUN rows (a names.h list), each with
 * its setter in set[]; "help" comes last, there only for "did you
 * mean". */
#define RV_NAME(id, name, min, max, rep, run, ...) IF_##run(name "\0")
static const char opt_names[] = SVC_OPTIONS(RV_NAME) "help\0";

#define RV_SET(id, name, min, max, rep, run, ...) IF_##run(rv_##id, )
static setter *const set[] = {SVC_OPTIONS(RV_SET)};

/* Edit distance (two rows, names are short), for "did you mean". */
static unsigned distance(const char *a, const char *b)
{
	unsigned row[2][33], la = (unsigned)strnlen(a, 32),
			     lb = (unsigned)strnlen(b, 32);

	for (unsigned j = 0; j <= lb; j++)
		row[0][j] = j;
	for (unsigned i = 1; i <= la; i++) {
		unsigned *p = row[(i - 1) & 1], *c = row[i & 1];

		c[0] = i;
		for (unsigned j = 1; j <= lb; j++) {
			unsigned d = p[j - 1] + (a[i - 1] != b[j - 1]);

			d = p[j] + 1 < d ? p[j] + 1 : d;
			c[j] = c[j - 1] + 1 < d ? c[j - 1] + 1 : d;
		}
	}
	return row[la & 1][lb];
}

const char *run_nearest(const char *s, const char *names)
{
	const char *best = names;
	unsigned bd = ~0u;

	for (; *names; names = name_next(names)) {
		unsigned d = distance(s, names);

		if (d < bd)
			bd = d, best = names;
	}
	return best;
}

static int bad(const char *opt, const char *val, const char *why)
{
	PUTS(2, "corral run: --", opt, val ? " " : "", val ? val : "", ": ",
	     why);
	return -1;
}

/* Defaults (SPEC 4 and 5), but no root (check() wants one) and, rather
 * than 65534, a uid/gid of this run's own (RUN_ID_BASE, run.h). */
static void defaults(struct run_cfg *r)
{
	struct ln l = {0};
	uint32_t pid = (uint32_t)getpid();

	ln_str(&l, "run-");
	ln_u64(&l, pid);
	memcpy(r->name, l.buf, l.len < sizeof(r->name) ? l.len : 0);
	r->s = (struct svc){SVC_DEFAULTS};
	r->s.name = r->name;
	r->s.hostname = "corral";
	r->s.uid = r->s.gid = RUN_ID_BASE + pid;
	r->s.mounts = r->mounts;
}

static int unknown(const char *a)
{
	char n[33];
	size_t k = strcspn(a + 2, "=");

	if (k > 32)
		k = 32;
	memcpy(n, a + 2, k);
	n[k] = 0;
	PUTS(2, "corral run: unknown option '", a, "' (did you mean --",
	     run_nearest(n, opt_names), "?)");
	return -1;
}

/* What the services compiler refuses as contradictions, refused here
 * too; and `net` defaults to what the isolation allows. */
static int check(struct run_cfg *r)
{
	struct svc *s = &r->s;

	if (!r->net_given)
		s->net = (uint8_t)((s->ns & NS_NET) ? NET_NONE : NET_HOST);
	else if (s->net == NET_HOST && r->ns_given && (s->ns & NS_NET))
		return bad("net", "host", "contradicts --isolate with net");
	else if (s->net == NET_HOST)
		s->ns &= (uint16_t)~NS_NET;
	else if (!(s->ns & NS_NET))
		return bad("net", 0,
			   "none, veth, bridge and dev need net isolation");
	if (s->ns && !(s->ns & NS_MOUNT)) /* the services compiler's rule */
		return bad("isolate", 0, "must include mount (or be none)");
	if (!s->ns && (s->nmounts || s->root))
		return bad("isolate", "none",
			   "--root, --bind, --tmpfs and --state need mount "
			   "isolation");
	if (!s->ns)
		s->root = "/"; /* the host's view: --user names from there */
	else if (!s->root)     /* the host's / would show its secrets */
		return bad("root", 0,
			   "missing: there is no default (--root / is the "
			   "host's, read-only)");
	for (unsigned i = 0; i < s->nmounts; i++)
		if (s->mounts[i].kind == MNT_STATE && !s->readonly)
			return bad("state", 0, "contradicts --readonly no");
	return 0;
}

/* uid 0 owns the host's cgroup.procs files: without a mount namespace
 * it could move itself out of its cgroups, caps and all. */
static int root_none(const struct svc *s)
{
	return !s->ns && !s->uid ? bad("isolate", "none",
				       "refused for uid 0: it could leave "
				       "its cgroups")
				 : 0;
}

/* The option named by the n bytes at a: its name in opt_names, whose
 * index is its setter's, or NULL. */
static const char *find(const char *a, size_t n)
{
	const char *o = opt_names;

	for (unsigned i = 0; i < N(set); i++, o = name_next(o))
		if (strlen(o) == n && !strncmp(o, a, n))
			return o;
	return 0;
}

/* One option at argv[*i] (and its value); 0 or -1. */
static int option(struct run_cfg *r, int argc, char **argv, int *i)
{
	char *a = argv[*i] + 2, *v = strchr(a, '='), copy[128];
	const char *o = find(a, v ? (size_t)(v - a) : strlen(a));
	const char *why;
	size_t n;

	if (!o)
		return unknown(argv[*i]);
	if (v)
		v++;
	else if (*i + 1 < argc)
		v = argv[++*i];
	else
		return bad(o, 0, "needs a value");
	n = strnlen(v, sizeof(copy) - 1); /* strncpy: musl's stpncpy */
	memcpy(copy, v, n);
	copy[n] = 0;
	why = set[name_find(opt_names, o)](r, v);
	return why ? bad(o, copy, why) : 0;
}

int run_parse(struct run_cfg *r, int argc, char **argv)
{
	defaults(r);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			if (i + 1 >= argc) {
				PUTS(2, "corral run: no command after --");
				return -1;
			}
			if (check(r) < 0 || run_user(r) < 0 ||
			    root_none(&r->s) < 0)
				return -1;
			return i + 1;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 0;
		if (strncmp(a, "--", 2)) {
			PUTS(2,
			     "corral run: expected an option or -- before "
			     "the command, got '",
			     a, "'");
			return -1;
		}
		if (option(r, argc, argv, &i) < 0)
			return -1;
	}
	PUTS(2, "corral run: missing -- CMD (see corral run --help)");
	return -1;
}
