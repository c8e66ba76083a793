/* corral table: the printers of lib/opts.h's PR_FN rows, the options
 * that are not one field of struct svc (or not printed as one). Each
 * gets the service and the option's name, and prints nothing where the
 * service has the default. */
#include "init/table.h"
#include "names.h"
#include "out.h"
#include "svc.h"

#include <string.h>

void tp_root(const struct svc *s, const char *name)
{
	size_t n = strlen(s->name);

	if (s->root && (strncmp(s->root, "/srv/", 5) ||
			strncmp(s->root + 5, s->name, n) || s->root[5 + n])) {
		tp_opt(name);
		tp_word(s->root);
	}
}

void tp_isolate(const struct svc *s, const char *name)
{
	if (s->ns == NS_DEFAULT)
		return;
	tp_opt(name);
	if (!s->ns)
		tp_str(" none");
	tp_bits(s->ns, ns_list);
}

/* user UID:GID[,GROUP...], unless it is the service's own svc-NAME. */
void tp_user(const struct svc *s, const char *name)
{
	struct ln u = {0};

	if (s->uid == svc_default_id(s->name) && s->gid == s->uid &&
	    !s->ngroups)
		return;
	ln_u64(&u, s->uid);
	ln_chr(&u, ':');
	ln_u64(&u, s->gid);
	for (unsigned i = 0; i < s->ngroups; i++) {
		ln_chr(&u, ',');
		ln_u64(&u, s->groups[i]);
	}
	u.buf[u.len] = 0; /* ln_* always leave room for one more byte */
	tp_opt(name);
	tp_word(u.buf);
}

void tp_caps(const struct svc *s, const char *name)
{
	if (s->caps)
		tp_opt(name);
	tp_bits(s->caps, cap_list);
}

/* seccomp none, or seccomp allow NAME...; default is left out. */
void tp_seccomp(const struct svc *s, const char *name)
{
	if (s->seccomp == SECCOMP_NONE || s->sc_allow)
		tp_opt(name);
	if (s->seccomp == SECCOMP_NONE)
		tp_str(" none");
	else if (s->sc_allow)
		tp_str(" allow");
	tp_bits(s->sc_allow, sc_allow_list);
}

/* ADDR/PREFIX [gw ADDR], when there is an address. */
void tp_addr(uint32_t addr, unsigned prefix, uint32_t gw)
{
	if (!addr)
		return;
	tp_ip(addr);
	tp_raw("/", 1);
	tp_digits(prefix);
	if (gw) {
		tp_str(" gw");
		tp_ip(gw);
	}
}

/* net host | veth A | bridge BR A | dev IF [A]; none is the default. */
void tp_net(const struct svc *s, const char *name)
{
	if (!s->ns || s->net == NET_NONE)
		return;
	tp_opt(name);
	tp_word(name_at("none\0host\0veth\0bridge\0dev\0", s->net));
	if (s->netif)
		tp_word(s->netif);
	tp_addr(s->addr, s->prefix, s->gw);
}

/* Outside every namespace the base system is never made read-only. */
void tp_readonly(const struct svc *s, const char *name)
{
	if (s->ns && !s->readonly) {
		tp_opt(name);
		tp_str(" no");
	}
}

/* ready fd N or ready notify; ready at exec (-1) is the default. */
void tp_ready(const struct svc *s, const char *name)
{
	if (s->ready_fd == -1)
		return;
	tp_opt(name);
	if (s->ready_fd == SVC_READY_NOTIFY) {
		tp_str(" notify");
		return;
	}
	tp_str(" fd");
	tp_num((uint64_t)s->ready_fd);
}

/* log none; outside every namespace there is no /dev/log to make. */
void tp_log(const struct svc *s, const char *name)
{
	if (s->ns && s->log == LOG_NONE) {
		tp_opt(name);
		tp_str(" none");
	}
}

/* At the state row: each mount names its own option (state, tmpfs,
 * bind), in the order the file gave them. */
void tp_mounts(const struct svc *s, const char *name)
{
	(void)name;
	for (unsigned i = 0; i < s->nmounts; i++) {
		const struct svc_mount *m = &s->mounts[i];

		tp_opt(name_at("bind\0bind\0tmpfs\0state\0", m->kind));
		if (m->kind <= MNT_BIND_RW)
			tp_word(m->src);
		tp_word(m->dst);
		if (m->kind == MNT_TMPFS && m->size)
			tp_size(m->size);
		if (m->kind <= MNT_BIND_RW)
			tp_str(m->kind == MNT_BIND_RO ? " ro" : " rw");
	}
}

void tp_rlimits(const struct svc *s, const char *name)
{
	for (unsigned i = 0; i < s->nrlimits; i++) {
		const struct svc_rlimit *r = &s->rlimits[i];
		unsigned k = 0;

		while (rlimit_res[k] != r->resource)
			k++;
		tp_opt(name);
		tp_word(name_at(rlimit_list, k));
		tp_limit(r->soft);
		tp_limit(r->hard);
	}
}

void tp_after(const struct svc *s, const char *name)
{
	if (s->nafter)
		tp_opt(name);
	for (unsigned i = 0; i < s->nafter; i++)
		tp_word(svc_table[s->after[i]].name);
}

void tp_restart(const struct svc *s, const char *name)
{
	if (s->restart == (s->oneshot ? RESTART_NEVER : RESTART_ALWAYS))
		return;
	tp_opt(name);
	tp_str(name_at(" always\0 on-failure\0 never\0", s->restart));
}
