/* Option handlers with structure: lists, mounts, network, supervision. */
#include "svcc.h"

#include "names.h"

#include <string.h>
#include <sys/stat.h>

/* Where `state PATH` lives on the device: STATE_DIR/NAME/PATH, bind
 * mounted read-write at PATH inside the service's root. */
#define STATE_DIR "/var/lib/corral"

/* cpuset list: N or N-M, comma separated, N <= M < 4096. */
OPT(o_cpus)
{
	const char *p = av[0];

	for (;;) {
		uint64_t a = 0, b;

		if (*p < '0' || *p > '9')
			break;
		while (*p >= '0' && *p <= '9' && a < 4096)
			a = a * 10 + (uint64_t)(*p++ - '0');
		b = a;
		if (*p == '-' && p[1] >= '0' && p[1] <= '9')
			for (p++, b = 0; *p >= '0' && *p <= '9' && b < 4096;)
				b = b * 10 + (uint64_t)(*p++ - '0');
		if (a > b || b >= 4096)
			break;
		if (!*p) {
			sp->s.cpus = av[0];
			return;
		}
		if (*p++ != ',')
			break;
	}
	die("bad CPU list '%s' for 'cpus' (e.g. 0-1,3)", av[0]);
}

static void net_veth(struct spec *sp, char **av, unsigned ac)
{
	char *slash = ac > 1 ? strchr(av[1], '/') : NULL;
	uint32_t mask;

	if (!slash)
		die("'net veth' needs ADDR/PREFIX, e.g. 10.0.0.2/24");
	*slash = 0;
	sp->s.addr = val_ipv4(av[1]);
	sp->s.prefix = (uint8_t)val_u64(slash + 1, 32);
	*slash = '/';
	if (sp->s.prefix == 0)
		die("bad prefix '/0' for 'net'");
	if (ac == 3 || (ac == 4 && strcmp(av[2], "gw")))
		die("expected 'gw ADDR' after the address, got '%s'", av[2]);
	if (ac < 4)
		return;
	sp->s.gw = val_ipv4(av[3]);
	mask = (uint32_t)(0xffffffffull << (32 - sp->s.prefix));
	if ((sp->s.gw & mask) != (sp->s.addr & mask) || sp->s.gw == sp->s.addr)
		die("gateway %s is not another address in %s", av[3], av[1]);
}

OPT(o_net)
{
	static const char *const v[] = {"none", "host", "veth"};

	sp->s.net = (uint8_t)val_choice(av[0], v, 3);
	if (sp->s.net == NET_VETH)
		net_veth(sp, av, ac);
	else if (ac > 1)
		die("'net %s' takes no more arguments", av[0]);
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
	sp->mnt_line[n] = G.line;
	sp->s.nmounts++;
}

OPT(o_state)
{
	const char *p = val_path(av[0]);

	if (!strcmp(p, "/"))
		die("bad path '/' for 'state' (use 'readonly no')");
	opt_mount(sp, MNT_STATE, xasprintf(STATE_DIR "/%s%s", sp->s.name, p), p,
		  0);
}

OPT(o_tmpfs)
{
	uint64_t size = ac > 1 ? val_size(av[1]) : 0;

	if (ac > 1 && !size)
		die("bad size '%s' for 'tmpfs'", av[1]);
	opt_mount(sp, MNT_TMPFS, NULL, val_path(av[0]), size);
}

OPT(o_bind)
{
	static const char *const v[] = {"ro", "rw"};
	int rw = ac > 2 ? val_choice(av[2], v, 2) : 0;

	val_path(av[0]);
	opt_mount(sp, rw ? MNT_BIND_RW : MNT_BIND_RO, av[0], val_path(av[1]),
		  0);
}

OPT(o_env)
{
	for (unsigned i = 0; i < ac; i++) {
		size_t k = strcspn(av[i], "=");

		if (!av[i][k] || !k || (av[i][0] >= '0' && av[i][0] <= '9') ||
		    strspn(av[i], "abcdefghijklmnopqrstuvwxyz_0123456789"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != k)
			die("bad env '%s' (expected NAME=VALUE)", av[i]);
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

OPT(o_rlimit)
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
	sp->rl[n].soft = val_limit(av[1]);
	sp->rl[n].hard = ac > 2 ? val_limit(av[2]) : sp->rl[n].soft;
	if (sp->rl[n].soft > sp->rl[n].hard)
		die("rlimit '%s': soft limit above hard limit", av[0]);
	sp->s.nrlimits++;
}

/* files: the build host's copy must exist now, under --sysroot. */
OPT(o_files)
{
	struct stat st;

	for (unsigned i = 0; i < ac; i++) {
		char *host = xasprintf("%s%s", G.sysroot, val_path(av[i]));

		if (vec_find(&sp->files, av[i]) >= 0)
			die("duplicate file '%s'", av[i]);
		if (lstat(host, &st))
			die("file '%s' not found on the build host (sysroot "
			    "'%s')",
			    av[i], *G.sysroot ? G.sysroot : "/");
		vec_push(&sp->files, av[i]);
	}
}

OPT(o_applets)
{
	for (unsigned i = 0; i < ac; i++) {
		if (vec_find(&sp->applets, val_name(av[i], "applet name")) >= 0)
			die("duplicate applet '%s'", av[i]);
		vec_push(&sp->applets, av[i]);
	}
}

/* Names only here: services may be listed before they are defined. */
OPT(o_after)
{
	for (unsigned i = 0; i < ac; i++) {
		if (vec_find(&sp->after, val_name(av[i], "service name")) >= 0)
			die("duplicate 'after %s'", av[i]);
		if (sp->after.n == MAX_AFTER)
			die("too many 'after' services (max %u)", MAX_AFTER);
		sp->after_line[sp->after.n] = G.line;
		vec_push(&sp->after, av[i]);
	}
}
