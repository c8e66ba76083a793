/* Option handlers with structure: lists, mounts, network, supervision. */
#include "svcc.h"

#include "names.h"

#include <string.h>

/* Where `state PATH` lives on the device: STATE_DIR/NAME/PATH, bind
 * mounted read-write at PATH inside the service's root. */
#define STATE_DIR "/var/lib/corral"

OPT(sv_cpus)
{
	xval(val_cpus(av[0]), av[0]);
	sp->s.cpus = av[0];
}

/* ADDR/PFX [gw ADDR], av[0] the address, for 'net WHAT'. */
static void net_addr(struct spec *sp, const char *what, char **av, unsigned ac)
{
	uint32_t mask;

	if (!ac)
		die("'net %s' needs ADDR/PREFIX, e.g. 10.0.0.2/24", what);
	sp->s.addr = xval_cidr(av[0], &sp->s.prefix);
	if (ac == 2 || (ac == 3 && strcmp(av[1], "gw")))
		die("expected 'gw ADDR' after the address, got '%s'", av[1]);
	if (ac > 3)
		die("'net %s' takes at most ADDR/PREFIX gw ADDR", what);
	if (ac < 3)
		return;
	sp->s.gw = xval_ipv4(av[2]);
	mask = (uint32_t)(0xffffffffull << (32 - sp->s.prefix));
	if ((sp->s.gw & mask) != (sp->s.addr & mask) || sp->s.gw == sp->s.addr)
		die("gateway %s is not another address in %s", av[2], av[0]);
}

/* none | host | veth ADDR... | bridge BR ADDR... | dev IF [ADDR...] */
OPT(sv_net)
{
	static const char *const v[] = {"none", "host", "veth", "bridge",
					"dev"};
	unsigned n = (unsigned)xval_choice(av[0], v, 5);

	sp->s.net = (uint8_t)n;
	if (n < NET_VETH && ac > 1)
		die("'net %s' takes no more arguments", av[0]);
	if (n < NET_BRIDGE) {
		if (n == NET_VETH)
			net_addr(sp, av[0], av + 1, ac - 1);
		return;
	}
	if (ac < 2)
		die("'net %s' needs %s", av[0],
		    n == NET_DEV ? "an interface, e.g. eth0"
				 : "a bridge and ADDR/PREFIX, e.g. br-lan "
				   "192.168.1.2/24");
	xval(val_ifname(av[1]), av[1]);
	sp->s.netif = av[1];
	if (n == NET_BRIDGE || ac > 2)
		net_addr(sp, av[0], av + 2, ac - 2);
}

/* Add one mount; every kind shares the table and its checks. */
void opt_mount(struct spec *sp, uint8_t kind, const char *src, const char *dst,
	       uint64_t size)
{
	unsigned n = sp->s.nmounts;

	for (unsigned i = 0; i < n; i++)
		if (!strcmp(sp->mnt[i].dst, dst))
			die("duplicate mount point '%s' (first on line %u)",
			    dst, (unsigned)sp->mnt_line[i]);
	if (n == MAX_MOUNTS)
		die("too many mounts (max %u)", MAX_MOUNTS);
	sp->mnt[n] = (struct svc_mount){kind, src, dst, size};
	sp->mnt_line[n] = comp.line;
	sp->s.nmounts++;
}

OPT(sv_state)
{
	const char *p = xval_path(av[0]);

	if (!strcmp(p, "/"))
		die("bad path '/' for 'state' (use 'readonly no')");
	/* size: how much of the source is STATE_DIR/NAME, made root's
	 * where missing; the sandbox makes the rest the service's */
	opt_mount(sp, MNT_STATE, xasprintf(STATE_DIR "/%s%s", sp->s.name, p), p,
		  strlen(STATE_DIR "/") + strlen(sp->s.name));
}

OPT(sv_tmpfs)
{
	uint64_t size = ac > 1 ? xval_size(av[1]) : 0;

	if (ac > 1 && !size)
		xval("must be above 0", av[1]);
	opt_mount(sp, MNT_TMPFS, NULL, xval_path(av[0]), size);
}

OPT(sv_bind)
{
	static const char *const v[] = {"ro", "rw"};
	int rw = ac > 2 ? xval_choice(av[2], v, 2) : 0;

	xval_path(av[0]);
	opt_mount(sp, rw ? MNT_BIND_RW : MNT_BIND_RO, av[0], xval_path(av[1]),
		  0);
}

OPT(sv_env)
{
	for (unsigned i = 0; i < ac; i++) {
		size_t k = strcspn(av[i], "=");

		xval(val_env(av[i]), av[i]);
		for (unsigned j = 0; j < sp->env.n; j++)
			if (!strncmp(sp->env.v[j], av[i], k + 1))
				die("duplicate env '%.*s'", (int)k, av[i]);
		vec_push(&sp->env, av[i]);
	}
}

static const char *const rl_names[] = {
#define X(id, n) #n,
	RLIMIT_NAMES(X)
#undef X
};
#define NRL (sizeof(rl_names) / sizeof(*rl_names))

OPT(sv_rlimit)
{
	unsigned r = 0, n = sp->s.nrlimits;
	const char *near = nearest(av[0], rl_names, NRL);

	while (r < NRL && strcmp(av[0], rl_names[r]))
		r++;
	if (r == NRL && near)
		die("unknown rlimit '%s' (did you mean '%s'?)", av[0], near);
	if (r == NRL)
		die("unknown rlimit '%s'", av[0]);
	for (unsigned i = 0; i < n; i++)
		if (sp->rl_name[i] == r)
			die("duplicate rlimit '%s'", av[0]);
	sp->rl_name[n] = (uint8_t)r;
	sp->rl[n].soft = xval_limit(av[1]);
	sp->rl[n].hard = ac > 2 ? xval_limit(av[2]) : sp->rl[n].soft;
	if (sp->rl[n].soft > sp->rl[n].hard)
		die("rlimit '%s': soft limit above hard limit", av[0]);
	sp->s.nrlimits++;
}

OPT(sv_applets)
{
	for (unsigned i = 0; i < ac; i++) {
		if (vec_find(&sp->applets, xval_name(av[i], "applet name")) >=
		    0)
			die("duplicate applet '%s'", av[i]);
		vec_push(&sp->applets, av[i]);
	}
}

/* Names only here: services may be listed before they are defined. */
OPT(sv_after)
{
	for (unsigned i = 0; i < ac; i++) {
		if (vec_find(&sp->after, xval_name(av[i], "service name")) >= 0)
			die("duplicate 'after %s'", av[i]);
		if (sp->after.n == MAX_AFTER)
			die("too many 'after' services (max %u)", MAX_AFTER);
		sp->after_line[sp->after.n] = comp.line;
		vec_push(&sp->after, av[i]);
	}
}
