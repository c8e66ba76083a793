/* The option table: every service option of SPEC section 4 with its
 * argument counts and handler. Handlers parse and store values only;
 * contradictions between options are check.c's, after the block ends,
 * since options may come in any order. */
#include "svcc.h"

#include "names.h"

#include <string.h>

#define SV_DECL(id, ...) OPT(sv_##id);
SVC_OPTIONS(SV_DECL)
#undef SV_DECL

/* Indexed by enum opt_id: lib/opts.h's rows. */
#define SV_ROW(id, name, min, max, rep, run, pr, arg, help)                    \
	[OPT_##id] = {name, min, max, rep, sv_##id},
const struct opt opts[OPT_COUNT] = {SVC_OPTIONS(SV_ROW)};
#undef SV_ROW

int opt_lookup(const char *name)
{
	for (unsigned i = 0; i < OPT_COUNT; i++)
		if (!strcmp(name, opts[i].name))
			return (int)i;
	return -1;
}

static _Noreturn void unknown_opt(const char *w)
{
	const char *names[OPT_COUNT], *near;

	if (opt_lookup_top(w) >= 0)
		die("'%s' must not be indented", w);
	for (unsigned i = 0; i < OPT_COUNT; i++)
		names[i] = opts[i].name;
	near = nearest(w, names, OPT_COUNT);
	if (near)
		die("unknown option '%s' (did you mean '%s'?)", w, near);
	die("unknown option '%s'", w);
}

void opt_line(struct spec *sp, char **w, unsigned n)
{
	int i = opt_lookup(w[0]);

	if (i < 0)
		unknown_opt(w[0]);
	comp.opt = opts[i].name;
	check_argc(w[0], n - 1, opts[i].min, opts[i].max);
	if (sp->at[i] && !opts[i].repeat)
		die("duplicate option '%s' (first on line %u)", w[0],
		    (unsigned)sp->at[i]);
	if (!sp->at[i])
		sp->at[i] = comp.line;
	opts[i].fn(sp, w + 1, n - 1);
}

/* ---- the simple scalar options ---- */

OPT(sv_root)
{
	sp->s.root = xval_path(av[0]);
}

static const char *const ns_names[] = {
#define X(n) #n,
	NS_NAMES(X)
#undef X
		"none",
};

OPT(sv_isolate)
{
	sp->s.ns = 0;
	for (unsigned i = 0; i < ac; i++) {
		int b = xval_choice(av[i], ns_names, 9);

		if (b == 8 && ac > 1)
			die("'isolate none' cannot be combined with "
			    "namespaces");
		if (b < 8 && (sp->s.ns & 1u << b))
			die("duplicate namespace '%s'", av[i]);
		if (b < 8)
			sp->s.ns |= (uint16_t)(1u << b);
	}
}

OPT(sv_user)
{
	sp->user = av[0]; /* resolved by ids.c once every service is known */
}

static const char *const cap_names[] = {
#define X(n) #n,
	CAP_NAMES(X)
#undef X
};

OPT(sv_caps)
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

#define X(n) #n,
const char *const sc_names[SCN_COUNT] = {SC_ALLOW_NAMES(X)};
#undef X

/* Bit of a `seccomp allow` word: a group or a denied system call. */
static unsigned sc_name(const char *w)
{
	const char *near = nearest(w, sc_names, SCN_COUNT);
	unsigned b = 0;

	while (b < SCN_COUNT && strcmp(w, sc_names[b]))
		b++;
	if (b == SCN_COUNT && near)
		die("unknown seccomp group or system call '%s' "
		    "(did you mean '%s'?)",
		    w, near);
	if (b == SCN_COUNT)
		die("'%s' is no seccomp group (vsock, alg, uevent, clock) nor "
		    "a system call the default filter denies",
		    w);
	return b;
}

/* seccomp default|none, or seccomp allow NAME... (the default filter
 * with those groups and system calls let through). */
OPT(sv_seccomp)
{
	static const char *const v[] = {"default", "none", "allow"};
	int i = xval_choice(av[0], v, 3);

	if ((i < 2 && ac > 1) || (i == 2 && ac < 2))
		die("'seccomp' takes default, none, or allow NAME...");
	sp->s.seccomp = (uint8_t)(i == 1 ? SECCOMP_NONE : SECCOMP_DEFAULT);
	for (unsigned k = 1; k < ac; k++) {
		unsigned b = sc_name(av[k]);

		if (sp->s.sc_allow & 1ull << b)
			die("duplicate '%s' in 'seccomp allow'", av[k]);
		sp->s.sc_allow |= 1ull << b;
	}
}

/* The caps: "max" lifts one, 0 is refused (lib/value.c). */
OPT(sv_memory)
{
	xval(val_memory(av[0], &sp->s.memory), av[0]);
}

OPT(sv_pids)
{
	xval(val_pids(av[0], &sp->s.pids), av[0]);
}

OPT(sv_cpu)
{
	xval(val_cpu(av[0], &sp->s.cpu_pct), av[0]);
}

OPT(sv_readonly)
{
	static const char *const v[] = {"yes", "no"};

	sp->s.readonly = xval_choice(av[0], v, 2) == 0;
}

OPT(sv_hostname)
{
	xval(val_hostname(av[0]), av[0]);
	sp->s.hostname = av[0];
}
