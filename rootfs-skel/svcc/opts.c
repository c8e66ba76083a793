/* The option table: every service option of SPEC section 4 with its
 * argument counts and handler. Handlers parse and store values only;
 * contradictions between options are check.c's, after the block ends,
 * since options may come in any order. */
#include "svcc.h"

#include "names.h"

#include <string.h>

#define MANY 255

OPT(o_root);
OPT(o_isolate);
OPT(o_user);
OPT(o_caps);
OPT(o_seccomp);
OPT(o_memory);
OPT(o_pids);
OPT(o_cpus);
OPT(o_cpu);
OPT(o_net);
OPT(o_readonly);
OPT(o_state);
OPT(o_tmpfs);
OPT(o_bind);
OPT(o_env);
OPT(o_hostname);
OPT(o_rlimit);
OPT(o_files);
OPT(o_applets);
OPT(o_after);
OPT(o_ready);
OPT(o_restart);
OPT(o_oneshot);
OPT(o_backoff);
OPT(o_crashloop);
OPT(o_critical);
OPT(o_stop_timeout);
OPT(o_console);

/* Indexed by enum opt_id. */
const struct opt opts[O_COUNT] = {
	[O_ROOT] = {"root", 1, 1, 0, o_root},
	[O_ISOLATE] = {"isolate", 1, 9, 0, o_isolate},
	[O_USER] = {"user", 1, 1, 0, o_user},
	[O_CAPS] = {"caps", 1, MANY, 0, o_caps},
	[O_SECCOMP] = {"seccomp", 1, MANY, 0, o_seccomp},
	[O_MEMORY] = {"memory", 1, 1, 0, o_memory},
	[O_PIDS] = {"pids", 1, 1, 0, o_pids},
	[O_CPUS] = {"cpus", 1, 1, 0, o_cpus},
	[O_CPU] = {"cpu", 1, 1, 0, o_cpu},
	[O_NET] = {"net", 1, 4, 0, o_net},
	[O_READONLY] = {"readonly", 1, 1, 0, o_readonly},
	[O_STATE] = {"state", 1, 1, 1, o_state},
	[O_TMPFS] = {"tmpfs", 1, 2, 1, o_tmpfs},
	[O_BIND] = {"bind", 2, 3, 1, o_bind},
	[O_ENV] = {"env", 1, MANY, 1, o_env},
	[O_HOSTNAME] = {"hostname", 1, 1, 0, o_hostname},
	[O_RLIMIT] = {"rlimit", 2, 3, 1, o_rlimit},
	[O_FILES] = {"files", 1, MANY, 1, o_files},
	[O_APPLETS] = {"applets", 1, MANY, 1, o_applets},
	[O_AFTER] = {"after", 1, MANY, 1, o_after},
	[O_READY] = {"ready", 2, 2, 0, o_ready},
	[O_RESTART] = {"restart", 1, 1, 0, o_restart},
	[O_ONESHOT] = {"oneshot", 0, 0, 0, o_oneshot},
	[O_BACKOFF] = {"backoff", 2, 2, 0, o_backoff},
	[O_CRASHLOOP] = {"crashloop", 2, 3, 0, o_crashloop},
	[O_CRITICAL] = {"critical", 0, 0, 0, o_critical},
	[O_STOP_TIMEOUT] = {"stop-timeout", 1, 1, 0, o_stop_timeout},
	[O_CONSOLE] = {"console", 0, 0, 0, o_console},
};

int opt_lookup(const char *name)
{
	for (unsigned i = 0; i < O_COUNT; i++)
		if (!strcmp(name, opts[i].name))
			return (int)i;
	return -1;
}

static _Noreturn void unknown_opt(const char *w)
{
	const char *names[O_COUNT], *near;

	if (opt_lookup_top(w) >= 0)
		die("'%s' must not be indented", w);
	for (unsigned i = 0; i < O_COUNT; i++)
		names[i] = opts[i].name;
	near = nearest(w, names, O_COUNT);
	if (near)
		die("unknown option '%s' (did you mean '%s'?)", w, near);
	die("unknown option '%s'", w);
}

void opt_line(struct spec *sp, char **w, unsigned n)
{
	int i = opt_lookup(w[0]);

	if (i < 0)
		unknown_opt(w[0]);
	G.opt = opts[i].name;
	check_argc(w[0], n - 1, opts[i].min, opts[i].max);
	if (sp->at[i] && !opts[i].repeat)
		die("duplicate option '%s' (first on line %u)", w[0],
		    (unsigned)sp->at[i]);
	if (!sp->at[i])
		sp->at[i] = G.line;
	opts[i].fn(sp, w + 1, n - 1);
}

/* ---- the simple scalar options ---- */

OPT(o_root)
{
	sp->s.root = val_path(av[0]);
}

static const char *const ns_names[] = {
#define X(n) #n,
	NS_NAMES(X)
#undef X
		"none",
};

OPT(o_isolate)
{
	sp->s.ns = 0;
	for (unsigned i = 0; i < ac; i++) {
		int b = val_choice(av[i], ns_names, 9);

		if (b == 8 && ac > 1)
			die("'isolate none' cannot be combined with "
			    "namespaces");
		if (b < 8 && (sp->s.ns & 1u << b))
			die("duplicate namespace '%s'", av[i]);
		if (b < 8)
			sp->s.ns |= (uint16_t)(1u << b);
	}
}

OPT(o_user)
{
	sp->user = av[0]; /* resolved by ids.c once every service is known */
}

static const char *const cap_names[] = {
#define X(n) #n,
	CAP_NAMES(X)
#undef X
};

OPT(o_caps)
{
	if (!strcmp(av[0], "none") && ac == 1)
		return;
	for (unsigned i = 0; i < ac; i++) {
		unsigned c = 0;
		const char *near;

		while (c < CAP_COUNT && strcmp(av[i], cap_names[c]))
			c++;
		near = nearest(av[i], cap_names, CAP_COUNT);
		if (c == CAP_COUNT && near)
			die("unknown capability '%s' (did you mean '%s'?)",
			    av[i], near);
		if (c == CAP_COUNT)
			die("unknown capability '%s'", av[i]);
		if (sp->s.caps & 1ull << c)
			die("duplicate capability '%s'", av[i]);
		sp->s.caps |= 1ull << c;
	}
}

/* seccomp default|none, or seccomp allow GROUP... (the default filter
 * with those groups let through). */
OPT(o_seccomp)
{
	static const char *const v[] = {"default", "none", "allow"};
#define X(n) #n,
	static const char *const g[] = {SC_GROUP_NAMES(X)};
#undef X
	unsigned n = sizeof(g) / sizeof(g[0]);
	int i = val_choice(av[0], v, 3);

	if ((i < 2 && ac > 1) || (i == 2 && ac < 2))
		die("'seccomp' takes default, none, or allow GROUP...");
	sp->s.seccomp = (uint8_t)(i == 1 ? SECCOMP_NONE : SECCOMP_DEFAULT);
	for (unsigned k = 1; k < ac; k++) {
		unsigned b = (unsigned)val_choice(av[k], g, n);

		if (sp->s.sc_allow & 1u << b)
			die("duplicate seccomp group '%s'", av[k]);
		sp->s.sc_allow |= (uint8_t)(1u << b);
	}
}

/* "max" lifts a cap; 0 is refused so that "no cap" is spelt one way. */
static int is_max(const char *s)
{
	if (!strcmp(s, "0"))
		die("bad value '0' for '%s' (use 'max' for no limit)", G.opt);
	return !strcmp(s, "max");
}

OPT(o_memory)
{
	sp->s.memory = is_max(av[0]) ? 0 : val_size(av[0]);
	if (sp->s.memory == 0 && strcmp(av[0], "max"))
		die("bad value '%s' for 'memory' (use 'max' for no limit)",
		    av[0]);
	if (sp->s.memory && sp->s.memory < SVC_MEMORY_MIN)
		die("bad value '%s' for 'memory' (below 1M, too small to "
		    "start a process)",
		    av[0]);
}

OPT(o_pids)
{
	sp->s.pids = is_max(av[0]) ? 0 : (uint32_t)val_u64(av[0], UINT32_MAX);
}

OPT(o_cpu)
{
	char *pct = strchr(av[0], '%');

	if (pct && !pct[1])
		*pct = 0; /* "50%" is "50" */
	if (!strcmp(av[0], "0"))
		die("bad value '0' for 'cpu' (leave it out for no limit)");
	sp->s.cpu_pct = (uint16_t)val_u64(av[0], UINT16_MAX);
}

OPT(o_readonly)
{
	static const char *const v[] = {"yes", "no"};

	sp->s.readonly = val_choice(av[0], v, 2) == 0;
}

OPT(o_hostname)
{
	sp->s.hostname = val_hostname(av[0]);
}
