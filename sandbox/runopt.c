/* `corral run` options, parsed from a table (SPEC 5): each long option
 * has a setter (sandbox/runval.c); the driver prints
 * "corral run: --OPT VALUE: WHY" for a bad one, suggests the nearest
 * known option for an unknown one, and `corral run` exits 125. */
#include "sandbox/run.h"
#include "out.h"

#include <string.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct opt {
	const char *name;
	const char *(*set)(struct run_cfg *r, char *v);
};

static const struct opt opts[] = {
	{"root", o_root},         {"isolate", o_isolate},
	{"user", o_user},         {"caps", o_caps},
	{"seccomp", o_seccomp},   {"memory", o_memory},
	{"pids", o_pids},         {"cpus", o_cpus},
	{"cpu", o_cpu},           {"net", o_net},
	{"readonly", o_readonly}, {"tmpfs", o_tmpfs},
	{"bind", o_bind},         {"env", o_env},
	{"hostname", o_hostname}, {"rlimit", o_rlimit},
	{"state", o_state},
};

static const char *const opt_names[] = {
	"root",     "isolate", "user",  "caps",     "seccomp", "memory", "pids",
	"cpus",     "cpu",     "net",   "readonly", "tmpfs",   "bind",   "env",
	"hostname", "rlimit",  "state", "help",     0,
};

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

const char *run_nearest(const char *s, const char *const *names)
{
	const char *best = names[0];
	unsigned bd = ~0u;

	for (; *names; names++) {
		unsigned d = distance(s, *names);

		if (d < bd)
			bd = d, best = *names;
	}
	return best;
}

static int bad(const char *opt, const char *val, const char *why)
{
	PUTS(2, "corral run: --", opt, val ? " " : "", val ? val : "", ": ",
	     why);
	return -1;
}

/* Defaults (SPEC 4 and 5); UID/GID stay SVC_NO_ID = 65534. */
static void defaults(struct run_cfg *r)
{
	struct ln l = {0};

	ln_str(&l, "run-");
	ln_u64(&l, (uint64_t)getpid());
	memcpy(r->name, l.buf, l.len < sizeof(r->name) ? l.len : 0);
	r->s.name = r->name;
	r->s.root = "/";
	r->s.hostname = "corral";
	r->s.ns = NS_DEFAULT;
	r->s.uid = r->s.gid = SVC_NO_ID;
	r->s.seccomp = SECCOMP_DEFAULT;
	r->s.pids = 256;
	r->s.readonly = 1;
	r->s.ready_fd = -1;
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
		return bad("net", 0, "none and veth need net isolation");
	if (s->nmounts && !(s->ns & NS_MOUNT))
		return bad("isolate", 0,
			   "--bind, --tmpfs and --state need mount isolation");
	for (unsigned i = 0; i < s->nmounts; i++)
		if (s->mounts[i].kind == MNT_STATE && !s->readonly)
			return bad("state", 0, "contradicts --readonly no");
	return 0;
}

static const struct opt *find(const char *a, size_t n)
{
	for (unsigned i = 0; i < N(opts); i++)
		if (strlen(opts[i].name) == n && !strncmp(opts[i].name, a, n))
			return &opts[i];
	return 0;
}

/* One option at argv[*i] (and its value); 0 or -1. */
static int option(struct run_cfg *r, int argc, char **argv, int *i)
{
	char *a = argv[*i] + 2, *v = strchr(a, '='), copy[128];
	const struct opt *o = find(a, v ? (size_t)(v - a) : strlen(a));
	const char *why;

	if (!o)
		return unknown(argv[*i]);
	if (v)
		v++;
	else if (*i + 1 < argc)
		v = argv[++*i];
	else
		return bad(o->name, 0, "needs a value");
	strncpy(copy, v, sizeof(copy) - 1);
	copy[sizeof(copy) - 1] = 0;
	return (why = o->set(r, v)) ? bad(o->name, copy, why) : 0;
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
			return check(r) < 0 || run_user(r) < 0 ? -1 : i + 1;
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
