/* The values of `corral run`'s options: one setter per long option
 * (declared in run.h, listed in runopt.c's table), each turning its value
 * into fields of struct svc. A setter returns NULL or why the value is
 * wrong. Values are cut in place (argv is ours), so no copies are kept. */
#include "sandbox/run.h"
#include "out.h"
#include "names.h"
#include "value.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Cut s at the first c: returns what follows, or NULL. */
static char *cut(char *s, char c)
{
	char *p = strchr(s, c);

	if (!p)
		return 0;
	*p = 0;
	return p + 1;
}

const char *rv_root(struct run_cfg *r, char *v)
{
	r->s.root = v;
	return val_path(v);
}

/* A comma list of names from list (a "cap_" prefix dropped) as bits;
 * why when one is unknown. */
static const char *bits_of(char *v, const char *list, uint64_t *bits,
			   const char *why)
{
	*bits = 0;
	for (char *w = v, *next; w; w = next) {
		int i;

		next = cut(w, ',');
		if (!strncmp(w, "cap_", 4))
			w += 4;
		if ((i = name_find(list, w)) < 0)
			return why;
		*bits |= 1ull << i;
	}
	return 0;
}

const char *rv_isolate(struct run_cfg *r, char *v)
{
	uint64_t b = 0;
	const char *why =
		strcmp(v, "none")
			? bits_of(v, ns_list, &b,
				  "unknown namespace (mount pid net "
				  "uts ipc cgroup user time, or none)")
			: 0;

	r->ns_given = 1;
	r->s.ns = (uint16_t)b;
	return why;
}

/* UID[:GID], numbers or names; names are looked up once all options
 * are in (run_user), since --root may come later. */
const char *rv_user(struct run_cfg *r, char *v)
{
	char *g = cut(v, ':');
	uint64_t x;

	r->uname = r->gname = 0;
	if (!*v || (g && !*g))
		return "want USER[:GROUP]";
	if (val_num(v, UINT32_MAX - 1, &x))
		r->uname = v;
	r->s.uid = r->s.gid = (uint32_t)x;
	if (g && val_num(g, UINT32_MAX - 1, &x))
		r->gname = g;
	else if (g)
		r->s.gid = (uint32_t)x;
	else if (r->uname)
		r->gname = ""; /* the user's own group, from passwd */
	return 0;
}

const char *rv_caps(struct run_cfg *r, char *v)
{
	r->s.caps = 0;
	return strcmp(v, "none")
		       ? bits_of(v, cap_list, &r->s.caps, "unknown capability")
		       : 0;
}

/* default, none, or allow:NAME[,NAME...] (groups, denied calls) */
const char *rv_seccomp(struct run_cfg *r, char *v)
{
	int i = name_find("default\0none\0", v);
	uint64_t b = 0;
	const char *why = "want default, none or allow:NAME,...";

	r->s.seccomp = (uint8_t)(i == 1 ? SECCOMP_NONE : SECCOMP_DEFAULT);
	if (i >= 0)
		return 0;
	if (!strncmp(v, "allow:", 6))
		why = bits_of(v + 6, sc_allow_list, &b,
			      "unknown group (vsock, alg, uevent, clock) "
			      "or denied system call");
	r->s.sc_allow = b;
	return why;
}

/* The caps and their values: lib/value.c, as the services compiler. */
const char *rv_memory(struct run_cfg *r, char *v)
{
	return val_memory(v, &r->s.memory);
}

const char *rv_pids(struct run_cfg *r, char *v)
{
	return val_pids(v, &r->s.pids);
}

const char *rv_cpus(struct run_cfg *r, char *v)
{
	r->s.cpus = v;
	return val_cpus(v);
}

const char *rv_cpu(struct run_cfg *r, char *v)
{
	return val_cpu(v, &r->s.cpu_pct);
}

/* none | host | veth:A | bridge:BR:A | dev:IF[:A], where A is
 * ADDR/PFX[:gw:ADDR] */
const char *rv_net(struct run_cfg *r, char *v)
{
	static const char want[] = "want none, host, veth:A, bridge:BR:A or "
				   "dev:IF[:A] (A: ADDR/PFX[:gw:ADDR])";
	char *a = cut(v, ':'), *gw;
	const char *why;
	int n = name_find("none\0host\0veth\0bridge\0dev\0", v);

	r->net_given = 1;
	r->s.net = (uint8_t)(n < 0 ? 0 : n);
	if (n < 0 || (n < NET_VETH) != !a)
		return want;
	if (n >= NET_BRIDGE) {
		r->s.netif = a;
		a = cut(a, ':');
		if ((why = val_ifname(r->s.netif)))
			return why;
		if (!a)
			return n == NET_DEV ? 0 : want;
	}
	if (!a)
		return 0;
	gw = cut(a, ':');
	if (gw && strncmp(gw, "gw:", 3))
		return want;
	return val_cidr(a, &r->s.addr, &r->s.prefix)
		       ?: (gw ? val_ipv4(gw + 3, &r->s.gw) : 0);
}

const char *rv_readonly(struct run_cfg *r, char *v)
{
	int i = name_find("no\0yes\0", v);

	r->s.readonly = (uint8_t)(i == 1);
	return i < 0 ? "want yes or no" : 0;
}

static struct svc_mount *mount_slot(struct run_cfg *r)
{
	if (r->s.nmounts >= RUN_MAX_MOUNTS)
		return 0;
	return &r->mounts[r->s.nmounts++];
}

const char *rv_tmpfs(struct run_cfg *r, char *v)
{
	struct svc_mount *m = mount_slot(r);
	char *sz = cut(v, ':');
	const char *why;

	if (!m)
		return "too many mounts";
	*m = (struct svc_mount){MNT_TMPFS, 0, v, 0};
	if ((why = val_path(v)) || !sz)
		return why;
	why = val_size(sz, &m->size);
	return why ? why : m->size ? 0 : "must be above 0";
}

const char *rv_bind(struct run_cfg *r, char *v)
{
	struct svc_mount *m = mount_slot(r);
	char *dst = cut(v, ':'), *mode = dst ? cut(dst, ':') : 0;
	const char *why;

	if (!m)
		return "too many mounts";
	if (!dst)
		return "want SRC:DST[:ro|rw]";
	if ((why = val_path(v)) || (why = val_path(dst)))
		return why;
	*m = (struct svc_mount){MNT_BIND_RO, v, dst, 0};
	if (mode && !strcmp(mode, "rw"))
		m->kind = MNT_BIND_RW;
	else if (mode && strcmp(mode, "ro"))
		return "mode must be ro or rw";
	return 0;
}

const char *rv_state(struct run_cfg *r, char *v)
{
	struct svc_mount *m = mount_slot(r);
	char *path = cut(v, ':');
	const char *why;

	if (!m)
		return "too many mounts";
	if (!path)
		return "want DIR:PATH";
	if ((why = val_path(v)) || (why = val_path(path)))
		return why;
	*m = (struct svc_mount){MNT_STATE, v, path, 0};
	return 0;
}

const char *rv_env(struct run_cfg *r, char *v)
{
	const char *why = val_env(v);

	if (why)
		return why;
	if (r->nenv >= RUN_MAX_ENV)
		return "too many variables";
	r->env[r->nenv++] = v;
	r->s.env = r->env;
	return 0;
}

const char *rv_hostname(struct run_cfg *r, char *v)
{
	r->s.hostname = v;
	return val_hostname(v);
}

/* NAME=SOFT[:HARD]; HARD defaults to SOFT. */
const char *rv_rlimit(struct run_cfg *r, char *v)
{
	char *soft = cut(v, '='), *hard = soft ? cut(soft, ':') : 0;
	struct svc_rlimit *l = &r->rl[r->s.nrlimits];
	int i = name_find(rlimit_list, v);
	const char *why;

	if (!soft || i < 0)
		return "want NAME=SOFT[:HARD], NAME as in setrlimit(2) "
		       "without RLIMIT_, lower case";
	if (r->s.nrlimits >= RUN_MAX_RLIMITS)
		return "too many limits";
	l->resource = rlimit_res[i];
	if ((why = val_limit(soft, &l->soft)) ||
	    (why = val_limit(hard ? hard : soft, &l->hard)))
		return why;
	if (l->soft > l->hard)
		return "soft limit above hard limit";
	r->s.nrlimits++;
	r->s.rlimits = r->rl;
	return 0;
}
