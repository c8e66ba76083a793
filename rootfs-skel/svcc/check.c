/* Checks that need a whole block (options come in any order) or the
 * whole file (names used before they are defined), and the defaults
 * that depend on other options. */
#include "svcc.h"

#include "names.h"

#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>

/* Predicates for the rules below: true when the service is wrong. */
static int ns_none(const struct svc *s)
{
	return !s->ns;
}

static int no_mount_ns(const struct svc *s)
{
	return s->ns && !(s->ns & NS_MOUNT);
}

static int no_uts_ns(const struct svc *s)
{
	return s->ns && !(s->ns & NS_UTS);
}

static int net_in_none(const struct svc *s)
{
	return !s->ns && s->net != NET_HOST;
}

static int net_no_ns(const struct svc *s)
{
	return s->ns && s->net != NET_HOST && !(s->ns & NS_NET);
}

static int host_with_ns(const struct svc *s)
{
	return s->net == NET_HOST && (s->ns & NS_NET);
}

static int rw_root(const struct svc *s)
{
	return !s->readonly;
}

static int oneshot_always(const struct svc *s)
{
	return s->oneshot && s->restart == RESTART_ALWAYS;
}

static int is_oneshot(const struct svc *s)
{
	return s->oneshot;
}

/* /dev/log and the notify socket live in the jail's own /dev. */
static int notify_none(const struct svc *s)
{
	return !s->ns && s->ready_fd == SVC_READY_NOTIFY;
}

static int syslog_none(const struct svc *s)
{
	return !s->ns && s->log == LOG_SYSLOG;
}

#define NONE "'%s' conflicts with 'isolate none' (line %u)"

/* Contradictions: reported at `opt`'s line, naming `other`'s line; a
 * rule applies only when both options were written in the block. */
static const struct rule {
	uint8_t opt, other;
	int (*bad)(const struct svc *s);
	const char *msg;
} rules[] = {
	{OPT_isolate, OPT_isolate, no_mount_ns,
	 "'isolate' must include 'mount' (or be 'none')"},
	{OPT_root, OPT_isolate, ns_none, NONE},
	{OPT_files, OPT_isolate, ns_none, NONE},
	{OPT_applets, OPT_isolate, ns_none, NONE},
	{OPT_readonly, OPT_isolate, ns_none, NONE},
	{OPT_state, OPT_isolate, ns_none, NONE},
	{OPT_tmpfs, OPT_isolate, ns_none, NONE},
	{OPT_bind, OPT_isolate, ns_none, NONE},
	{OPT_hostname, OPT_isolate, ns_none, NONE},
	{OPT_ready, OPT_isolate, notify_none, NONE},
	{OPT_log, OPT_isolate, syslog_none, NONE},
	{OPT_net, OPT_isolate, net_in_none, NONE},
	{OPT_net, OPT_isolate, net_no_ns,
	 "'%s' needs 'net' in 'isolate' (line %u)"},
	{OPT_net, OPT_isolate, host_with_ns,
	 "'%s' conflicts with 'net' in 'isolate' (line %u)"},
	{OPT_hostname, OPT_isolate, no_uts_ns,
	 "'%s' needs 'uts' in 'isolate' (line %u)"},
	{OPT_state, OPT_readonly, rw_root,
	 "'%s' conflicts with 'readonly no' (line %u)"},
	{OPT_restart, OPT_oneshot, oneshot_always,
	 "'%s' conflicts with 'oneshot' (line %u)"},
	{OPT_ready, OPT_oneshot, is_oneshot,
	 "'%s' conflicts with 'oneshot' (line %u)"},
};

/* How an option is named in a message: with its value where the value
 * is what conflicts. */
static const char *shown(const struct spec *sp, unsigned opt)
{
	static const char *const net[] = {"net none", "net host", "net veth",
					  "net bridge", "net dev"};
	static const char *const restart[] = {
		"restart always", "restart on-failure", "restart never"};

	if (opt == OPT_net)
		return net[sp->s.net];
	if (opt == OPT_restart)
		return restart[sp->s.restart];
	if (opt == OPT_ready)
		return sp->s.ready_fd < 0 ? "ready notify" : "ready fd";
	if (opt == OPT_log)
		return "log syslog";
	return opts[opt].name;
}

/* ready notify: the service finds its socket in NOTIFY_SOCKET, which
 * only that may set (the printed table gives it back as an env line). */
static void notify_env(struct spec *sp)
{
	static const char e[] = "NOTIFY_SOCKET=" SVC_NOTIFY_PATH;

	for (unsigned j = 0; j < sp->env.n; j++) {
		if (strncmp(sp->env.v[j], e, 14))
			continue;
		if (strcmp(sp->env.v[j], e))
			die_at(sp->at[OPT_env],
			       "'env %s' conflicts with 'ready notify' "
			       "(line %u), which sets %s",
			       sp->env.v[j], (unsigned)sp->at[OPT_ready], e);
		return;
	}
	vec_push(&sp->env, e);
}

/* Defaults that depend on other options. */
static void finish(struct spec *sp)
{
	struct svc *s = &sp->s;

	if (s->oneshot && !sp->at[OPT_restart])
		s->restart = RESTART_NEVER; /* a oneshot runs once */
	if (s->ready_fd == SVC_READY_NOTIFY && s->ns)
		notify_env(sp);
	if (!s->ns) {
		if (!sp->at[OPT_log])
			s->log =
				LOG_NONE; /* the base system's /dev is not ours */
		s->root = NULL;
		if (!sp->at[OPT_net])
			s->net = NET_HOST;
		return;
	}
	if (!s->root)
		s->root = xasprintf("/srv/%s", s->name);
	if (s->net == NET_HOST && !sp->at[OPT_isolate])
		s->ns &= (uint16_t)~NS_NET;
	if (!sp->at[OPT_net] && !(s->ns & NS_NET))
		s->net = NET_HOST;
}

/* Capabilities whose system calls the default filter denies: kept
 * without those let through, they would only meet EPERM at run time
 * (SPEC 8). Each row: what the capability needs, and the group to
 * allow for it (0: the calls themselves). */
#define B(n) (1ull << SCN_##n)
static const struct {
	uint8_t cap;
	uint64_t need, fix;
} cap_calls[] = {
	{CAP_SYS_TIME, SC_CLOCK_CALLS, B(clock)},
	{CAP_SYS_MODULE, B(init_module) | B(finit_module) | B(delete_module),
	 0},
	{CAP_SYS_BOOT, B(reboot) | B(kexec_load) | B(kexec_file_load), 0},
	{CAP_SYS_PACCT, B(acct), 0},
	{CAP_SYSLOG, B(syslog), 0},
	{CAP_SYS_CHROOT, B(chroot), 0},
	{CAP_SYS_TTY_CONFIG, B(vhangup), 0},
	{CAP_SYS_PTRACE, B(ptrace), 0},
	{CAP_BPF, B(bpf), 0},
	{CAP_PERFMON, B(perf_event_open), 0},
};

/* "a b c" from the names of mask's bits. */
static char *words(uint64_t mask, const char *const *names, unsigned n)
{
	char *w = xzalloc(1024);

	for (unsigned i = 0; i < n; i++)
		if (mask >> i & 1)
			strcat(strcat(w, *w ? " " : ""), names[i]);
	return w;
}

static void cap_seccomp(const struct spec *sp)
{
	static const char *const caps[] = {
#define X(n) #n,
		CAP_NAMES(X)
#undef X
	};
	uint64_t allowed = sp->s.sc_allow, bad = 0, fix = 0;

	if (allowed & SC_ALLOW_CLOCK)
		allowed |= SC_CLOCK_CALLS;
	for (unsigned i = 0; i < sizeof(cap_calls) / sizeof(*cap_calls); i++)
		if ((sp->s.caps >> cap_calls[i].cap & 1) &&
		    (cap_calls[i].need & ~allowed)) {
			bad |= 1ull << cap_calls[i].cap;
			fix |= cap_calls[i].fix ? cap_calls[i].fix
						: cap_calls[i].need & ~allowed;
		}
	if (bad && sp->s.seccomp == SECCOMP_DEFAULT)
		die_at(sp->at[OPT_caps],
		       "'caps %s' needs system calls the seccomp filter "
		       "denies: use 'seccomp allow %s'",
		       words(bad, caps, CAP_COUNT),
		       words(sp->s.sc_allow | fix, sc_names, SCN_COUNT));
}

void check_service(struct spec *sp)
{
	finish(sp);
	cap_seccomp(sp);
	for (unsigned i = 0; i < sizeof(rules) / sizeof(*rules); i++) {
		const struct rule *r = &rules[i];

		if (sp->at[r->opt] && sp->at[r->other] && r->bad(&sp->s))
			die_at(sp->at[r->opt], r->msg, shown(sp, r->opt),
			       (unsigned)sp->at[r->other]);
	}
	check_files(sp);
}

static int find_service(const char *name)
{
	for (unsigned i = 0; i < comp.nsvc; i++)
		if (!strcmp(comp.svc[i].s.name, name))
			return (int)i;
	return -1;
}

static void resolve_after(struct spec *sp)
{
	const char **names = xzalloc((comp.nsvc + 1) * sizeof(*names));

	for (unsigned i = 0; i < comp.nsvc; i++)
		names[i] = comp.svc[i].s.name;
	for (unsigned j = 0; j < sp->after.n; j++) {
		const char *a = sp->after.v[j], *near;
		int i = find_service(a);

		near = nearest(a, names, comp.nsvc);
		if (i < 0 && near)
			die_at(sp->after_line[j],
			       "'after %s': no such service "
			       "(did you mean '%s'?)",
			       a, near);
		if (i < 0)
			die_at(sp->after_line[j], "'after %s': no such service",
			       a);
		sp->after_idx[j] = (uint16_t)i;
	}
	sp->s.nafter = (uint8_t)sp->after.n;
	free(names);
}

/* Depth-first search; on a back edge, the cycle is stack[from..top].
 * It is printed from its earliest service, at that service's `after`. */
static _Noreturn void cycle(const unsigned *stack, unsigned from, unsigned top)
{
	unsigned n = top - from, lo = 0, a, b, j = 0;
	size_t len = 32;
	char *msg;

	for (unsigned i = 0; i < n; i++)
		if (stack[from + i] < stack[from + lo])
			lo = i;
	for (unsigned i = 0; i < n; i++)
		len += strlen(comp.svc[stack[from + i]].s.name) + 4;
	msg = xzalloc(len + strlen(comp.svc[stack[from + lo]].s.name));
	strcpy(msg, "after cycle: ");
	for (unsigned i = 0; i <= n; i++) {
		strcat(msg, comp.svc[stack[from + (lo + i) % n]].s.name);
		strcat(msg, i < n ? " -> " : "");
	}
	a = stack[from + lo];
	b = stack[from + (lo + 1) % n];
	while (comp.svc[a].after_idx[j] != b)
		j++;
	die_at(comp.svc[a].after_line[j], "%s", msg);
}

static void visit(unsigned v, unsigned char *color, unsigned *stack,
		  unsigned top)
{
	const struct spec *sp = &comp.svc[v];

	color[v] = 1;
	stack[top] = v;
	for (unsigned j = 0; j < sp->after.n; j++) {
		unsigned w = sp->after_idx[j], from = 0;

		if (color[w] == 1) {
			while (stack[from] != w)
				from++;
			cycle(stack, from, top + 1);
		}
		if (!color[w])
			visit(w, color, stack, top + 1);
	}
	color[v] = 2;
}

/* `net bridge BR`: BR is a top-level bridge; `net dev IF`: IF is no
 * bridge or port of one, and no other service's. */
static void net_ifs(const struct spec *sp)
{
	const struct svc *s = &sp->s;
	const struct topbr *b = find_bridge(s->netif ? s->netif : "", 0);
	const struct topbr *p = find_bridge(s->netif ? s->netif : "", 1);

	if (s->net == NET_BRIDGE && !b)
		die_at(sp->at[OPT_net],
		       "'net bridge %s': no such bridge (a top-level "
		       "'bridge %s' line makes one)",
		       s->netif, s->netif);
	if (s->net == NET_DEV && (b || p))
		die_at(sp->at[OPT_net],
		       "'net dev %s': %s is %s bridge '%s' (line %u)", s->netif,
		       s->netif, b ? "the" : "a port of", (b ? b : p)->name,
		       (unsigned)(b ? b : p)->line);
	for (const struct spec *o = comp.svc; s->net == NET_DEV && o < sp; o++)
		if (o->s.net == NET_DEV && !strcmp(o->s.netif, s->netif))
			die_at(sp->at[OPT_net],
			       "'net dev %s': already service '%s''s "
			       "(line %u)",
			       s->netif, o->s.name, (unsigned)o->at[OPT_net]);
}

/* A veth's host end is "c-" + the first 13 characters of the name
 * (IFNAMSIZ - 1: sandbox/net.c): two veth services whose names share
 * those would fight over one interface at run time. */
#define VETH_NAME_MAX 13

static void veth_names(void)
{
	for (unsigned i = 0; i < comp.nsvc; i++)
		for (unsigned j = 0; j < i; j++) {
			const struct spec *a = &comp.svc[j], *b = &comp.svc[i];

			if ((a->s.net == NET_VETH || a->s.net == NET_BRIDGE) &&
			    (b->s.net == NET_VETH || b->s.net == NET_BRIDGE) &&
			    !strncmp(a->s.name, b->s.name, VETH_NAME_MAX))
				die_at(b->at[OPT_net],
				       "'net veth': '%s' and '%s' (line %u) "
				       "would share host interface 'c-%.*s' "
				       "(names must differ in their first "
				       "%d characters)",
				       b->s.name, a->s.name,
				       (unsigned)a->at[OPT_net], VETH_NAME_MAX,
				       b->s.name, VETH_NAME_MAX);
		}
}

void check_all(void)
{
	unsigned char *color = xzalloc(comp.nsvc + 1);
	unsigned *stack = xzalloc((comp.nsvc + 1) * sizeof(*stack));

	ids_allocate();
	for (unsigned i = 0; i < comp.nsvc; i++) {
		ids_resolve(&comp.svc[i]);
		resolve_after(&comp.svc[i]);
		net_ifs(&comp.svc[i]);
	}
	for (unsigned i = 0; i < comp.nsvc; i++)
		if (!color[i])
			visit(i, color, stack, 0);
	veth_names();
	free(color);
	free(stack);
}
