/* The values of `corral run`'s options: one setter per long option
 * (declared in run.h, listed in runopt.c's table), each turning its value
 * into fields of struct svc. A setter returns NULL or why the value is
 * wrong. Values are cut in place (argv is ours), so no copies are kept. */
#include "sandbox/run.h"
#include "out.h"
#include "names.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Decimal, no sign, no overflow; a trailing unit letter is the caller's. */
static const char *num(const char *s, uint64_t *v, const char **end)
{
	uint64_t x = 0;

	if (*s < '0' || *s > '9')
		return "not a number";
	for (; *s >= '0' && *s <= '9'; s++) {
		if (x > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return "too large";
		x = x * 10 + (uint64_t)(*s - '0');
	}
	*v = x;
	if (end)
		*end = s;
	else if (*s)
		return "not a number";
	return 0;
}

static const char *num_max(const char *s, uint64_t max, uint64_t *v)
{
	const char *e = num(s, v, 0);

	return e ? e : (*v > max ? "too large" : 0);
}

/* SIZE with an optional K, M or G (powers of 1024). */
static const char *size(const char *s, uint64_t *v)
{
	static const char units[] = "KMG";
	const char *e, *u;

	if ((e = num(s, v, &u)))
		return e;
	if (!*u)
		return 0;
	e = strchr(units, *u & ~0x20);
	if (!e || !*e || u[1])
		return "bad unit (use K, M or G)";
	for (long i = 0; i <= e - units; i++) {
		if (*v > UINT64_MAX >> 10)
			return "too large";
		*v <<= 10;
	}
	return 0;
}

/* Cut s at the first c: returns what follows, or NULL. */
static char *cut(char *s, char c)
{
	char *p = strchr(s, c);

	if (!p)
		return 0;
	*p = 0;
	return p + 1;
}

const char *o_root(struct run_cfg *r, char *v)
{
	r->s.root = v;
	if (strlen(v) >= PATH_MAX)
		return "too long";
	return *v == '/' ? 0 : "must be an absolute path";
}

const char *o_isolate(struct run_cfg *r, char *v)
{
	int i;

	r->ns_given = 1;
	r->s.ns = 0;
	if (!strcmp(v, "none"))
		return 0;
	for (char *w = v, *next; w; w = next) {
		next = cut(w, ',');
		if ((i = name_find(ns_list, w)) < 0)
			return "unknown namespace (mount pid net uts ipc "
			       "cgroup user time, or none)";
		r->s.ns |= (uint16_t)(1u << i);
	}
	return 0;
}

/* UID[:GID], numbers or names; names are looked up once all options
 * are in (run_user), since --root may come later. */
const char *o_user(struct run_cfg *r, char *v)
{
	char *g = cut(v, ':');
	uint64_t x;

	r->uname = r->gname = 0;
	if (!*v || (g && !*g))
		return "want USER[:GROUP]";
	if (num_max(v, UINT32_MAX - 1, &x))
		r->uname = v;
	r->s.uid = r->s.gid = (uint32_t)x;
	if (g && num_max(g, UINT32_MAX - 1, &x))
		r->gname = g;
	else if (g)
		r->s.gid = (uint32_t)x;
	else if (r->uname)
		r->gname = ""; /* the user's own group, from passwd */
	return 0;
}

const char *o_caps(struct run_cfg *r, char *v)
{
	int i;

	r->s.caps = 0;
	if (!strcmp(v, "none"))
		return 0;
	for (char *w = v, *next; w; w = next) {
		next = cut(w, ',');
		if (!strncmp(w, "cap_", 4))
			w += 4;
		if ((i = name_find(cap_list, w)) < 0)
			return "unknown capability";
		r->s.caps |= 1ull << i;
	}
	return 0;
}

/* default, none, or allow:GROUP[,GROUP...] */
const char *o_seccomp(struct run_cfg *r, char *v)
{
	int i = name_find("default\0none\0", v);

	r->s.seccomp = (uint8_t)(i == 1 ? SECCOMP_NONE : SECCOMP_DEFAULT);
	if (i >= 0)
		return 0;
	if (strncmp(v, "allow:", 6))
		return "want default, none or allow:GROUP,...";
	for (char *w = v + 6, *next; w; w = next) {
		next = cut(w, ',');
		if ((i = name_find(sc_group_list, w)) < 0)
			return "unknown seccomp group (vsock, alg, uevent)";
		r->s.sc_allow |= (uint8_t)(1u << i);
	}
	return r->s.sc_allow ? 0 : "want allow:GROUP,...";
}

/* A cap: `max` is none (0 inside); 0 itself is refused, as the services
 * compiler refuses it, since it reads as "nothing allowed". A SIZE when
 * max is 0, else a number up to max. */
static const char *cap(const char *v, uint64_t max, uint64_t *x)
{
	const char *e;

	if (!strcmp(v, "max"))
		return *x = 0, (const char *)0;
	e = max ? num_max(v, max, x) : size(v, x);
	return e ? e : (*x ? 0 : "use max for no limit");
}

const char *o_memory(struct run_cfg *r, char *v)
{
	const char *e = cap(v, 0, &r->s.memory);

	if (!e && r->s.memory && r->s.memory < SVC_MEMORY_MIN)
		e = "below 1M, too small to start a process";
	return e;
}

const char *o_pids(struct run_cfg *r, char *v)
{
	uint64_t x;
	const char *e = cap(v, UINT32_MAX, &x);

	r->s.pids = (uint32_t)x;
	return e;
}

const char *o_cpus(struct run_cfg *r, char *v)
{
	r->s.cpus = v;
	return *v && strspn(v, "0123456789,-") == strlen(v)
		       ? 0
		       : "want a CPU list such as 0-1,3";
}

const char *o_cpu(struct run_cfg *r, char *v)
{
	uint64_t x;
	const char *e = num_max(v, 10000, &x);

	r->s.cpu_pct = (uint16_t)x;
	return e ? e : (x ? 0 : "must be at least 1");
}

/* Dotted quad, four decimal parts of 0-255, into network byte order
 * (inet_pton would add most of a kilobyte for this). */
static const char *ipv4(const char *s, uint32_t *a)
{
	unsigned char b[4];

	for (int i = 0; i < 4; i++) {
		unsigned v = 0, n = 0;

		for (; *s >= '0' && *s <= '9' && n < 4; s++, n++)
			v = v * 10 + (unsigned)(*s - '0');
		if (!n || n > 3 || v > 255 || *s != (i < 3 ? '.' : 0))
			return "bad IPv4 address";
		b[i] = (unsigned char)v;
		s += i < 3;
	}
	memcpy(a, b, 4);
	return 0;
}

/* none | host | veth:ADDR/PFX[:gw:ADDR] */
const char *o_net(struct run_cfg *r, char *v)
{
	char *a = cut(v, ':'), *pfx, *gw;
	uint64_t x;

	r->net_given = 1;
	r->s.net = (uint8_t)(!strcmp(v, "host") ? NET_HOST : NET_NONE);
	if (!strcmp(v, "none") || !strcmp(v, "host"))
		return a ? "want none, host or veth:ADDR/PFX[:gw:ADDR]" : 0;
	r->s.net = NET_VETH;
	if (strcmp(v, "veth") || !a || !(pfx = cut(a, '/')))
		return "want none, host or veth:ADDR/PFX[:gw:ADDR]";
	gw = cut(pfx, ':');
	if (num_max(pfx, 32, &x) || !x)
		return "bad prefix length";
	r->s.prefix = (uint8_t)x;
	if (gw && strncmp(gw, "gw:", 3))
		return "want veth:ADDR/PFX:gw:ADDR";
	return ipv4(a, &r->s.addr) ? "bad IPv4 address"
				   : (gw ? ipv4(gw + 3, &r->s.gw) : 0);
}

const char *o_readonly(struct run_cfg *r, char *v)
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

const char *o_tmpfs(struct run_cfg *r, char *v)
{
	struct svc_mount *m = mount_slot(r);
	char *sz = cut(v, ':');

	if (!m)
		return "too many mounts";
	*m = (struct svc_mount){MNT_TMPFS, 0, v, 0};
	if (*v != '/')
		return "PATH must be absolute";
	return sz ? size(sz, &m->size) : 0;
}

const char *o_bind(struct run_cfg *r, char *v)
{
	struct svc_mount *m = mount_slot(r);
	char *dst = cut(v, ':'), *mode = dst ? cut(dst, ':') : 0;

	if (!m)
		return "too many mounts";
	if (!dst || *v != '/' || *dst != '/')
		return "want SRC:DST[:ro|rw], absolute paths";
	*m = (struct svc_mount){MNT_BIND_RO, v, dst, 0};
	if (mode && !strcmp(mode, "rw"))
		m->kind = MNT_BIND_RW;
	else if (mode && strcmp(mode, "ro"))
		return "mode must be ro or rw";
	return 0;
}

const char *o_state(struct run_cfg *r, char *v)
{
	struct svc_mount *m = mount_slot(r);
	char *path = cut(v, ':');

	if (!m)
		return "too many mounts";
	if (!path || *v != '/' || *path != '/')
		return "want DIR:PATH, absolute paths";
	*m = (struct svc_mount){MNT_STATE, v, path, 0};
	return 0;
}

const char *o_env(struct run_cfg *r, char *v)
{
	if (!strchr(v, '=') || *v == '=')
		return "want NAME=VALUE";
	if (r->nenv >= RUN_MAX_ENV)
		return "too many variables";
	r->env[r->nenv++] = v;
	r->s.env = r->env;
	return 0;
}

const char *o_hostname(struct run_cfg *r, char *v)
{
	r->s.hostname = v;
	return *v && strlen(v) <= 64 ? 0 : "want 1 to 64 characters";
}

static const char *rl_value(const char *s, uint64_t *v)
{
	if (!strcmp(s, "unlimited"))
		return *v = UINT64_MAX, (const char *)0;
	return num(s, v, 0);
}

/* NAME=SOFT[:HARD]; HARD defaults to SOFT. */
const char *o_rlimit(struct run_cfg *r, char *v)
{
	char *soft = cut(v, '='), *hard = soft ? cut(soft, ':') : 0;
	struct svc_rlimit *l = &r->rl[r->s.nrlimits];
	int i = name_find(rlimit_list, v);

	if (!soft || i < 0)
		return "want NAME=SOFT[:HARD], NAME as in setrlimit(2) "
		       "without RLIMIT_, lower case";
	if (r->s.nrlimits >= RUN_MAX_RLIMITS)
		return "too many limits";
	l->resource = rlimit_res[i];
	if (rl_value(soft, &l->soft) || rl_value(hard ? hard : soft, &l->hard))
		return "want a number or unlimited";
	if (l->soft > l->hard)
		return "soft limit above hard limit";
	r->s.nrlimits++;
	r->s.rlimits = r->rl;
	return 0;
}
