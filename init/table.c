/* corral table: print the compiled-in service table as a services file
 * (SPEC section 4). Only what differs from the defaults is printed, and
 * every word is quoted the way svcc's lexer reads it, so feeding the
 * output back to svcc gives the same table (tests/unit/table_*.sh).
 *
 * Target code under the 64 KiB budget: no stdio. Lines are assembled in
 * a struct ln and written in pieces when they outgrow it, so a long
 * command line is never cut.
 */
#include "main.h"
#include "out.h"
#include "svc.h"
#include "svcc/names.h"

#include <string.h>
#include <sys/resource.h>

static const char *const cap_names[] = {
#define X(n) #n,
	CAP_NAMES(X)
#undef X
};
static const char *const ns_names[] = {
#define X(n) #n,
	NS_NAMES(X)
#undef X
};
static const struct {
	int res;
	const char *name;
} rl_names[] = {
#define X(id, n) {RLIMIT_##id, #n},
	RLIMIT_NAMES(X)
#undef X
};

static struct ln L;

/* Append n bytes, writing out what is already there when it is full. */
static void raw(const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof(L.buf) - 1 - L.len,
		       k = n < room ? n : room;

		ln_mem(&L, s, k);
		s += k, n -= k;
		if (n) {
			write_all(1, L.buf, L.len);
			L.len = 0;
		}
	}
}

static void str(const char *s)
{
	raw(s, strlen(s));
}

static void end(void)
{
	ln_put(1, &L);
	L.len = 0;
}

/* A word as svcc's lexer reads it: bare when it can be, else quoted. */
static void word(const char *s)
{
	static const char esc[] = "\"\\\n\t\r", as[] = "\"\\ntr";

	raw(" ", 1);
	if (*s && *s != '#' && !s[strcspn(s, " \"\\\n\t\r")]) {
		str(s);
		return;
	}
	raw("\"", 1);
	for (; *s; s++) {
		const char *e = strchr(esc, *s);

		if (e) {
			raw("\\", 1);
			raw(&as[e - esc], 1);
		} else {
			raw(s, 1);
		}
	}
	raw("\"", 1);
}

static void opt(const char *name)
{
	if (L.len)
		end();
	str("    ");
	str(name);
}

static void words(const char *name, const char *const *w)
{
	if (!w || !*w)
		return;
	opt(name);
	while (*w)
		word(*w++);
}

static void digits(uint64_t v)
{
	struct ln n = {0};

	ln_u64(&n, v);
	raw(n.buf, n.len);
}

static void one(const char *name, const char *w)
{
	opt(name);
	word(w);
}

static void num(uint64_t v)
{
	raw(" ", 1);
	digits(v);
}

/* Largest unit that divides v exactly. */
static void scaled(uint64_t v, const uint64_t *mul, const char *const *unit,
		   unsigned n)
{
	unsigned i = 0;

	while (i + 1 < n && (v % mul[i] || !v))
		i++;
	num(v / mul[i]);
	str(unit[i]);
}

static void size(uint64_t v)
{
	static const uint64_t mul[] = {1 << 30, 1 << 20, 1 << 10, 1};
	static const char *const unit[] = {"G", "M", "K", ""};

	scaled(v, mul, unit, 4);
}

static void limit(uint64_t v)
{
	if (v == UINT64_MAX)
		str(" unlimited");
	else
		num(v);
}

static void ms(uint32_t v)
{
	static const uint64_t mul[] = {3600000, 60000, 1000, 1};
	static const char *const unit[] = {"h", "m", "s", "ms"};

	scaled(v, mul, unit, 4);
}

static void ip(uint32_t a)
{
	unsigned char b[4];
	struct ln n = {0};

	memcpy(b, &a, 4); /* network byte order: b[0] is the first octet */
	for (int i = 0; i < 4; i++) {
		if (i)
			ln_chr(&n, '.');
		ln_u64(&n, b[i]);
	}
	raw(" ", 1);
	raw(n.buf, n.len);
}

static void opt_num(const char *name, uint64_t v)
{
	opt(name);
	num(v);
}

static void opt_size(const char *name, uint64_t v)
{
	opt(name);
	size(v);
}

static void opt_ms(const char *name, uint32_t v)
{
	opt(name);
	ms(v);
}

/* net veth ADDR/PREFIX [gw ADDR], after "net veth" */
static void veth(const struct svc *s)
{
	ip(s->addr);
	raw("/", 1);
	digits(s->prefix);
	if (s->gw) {
		str(" gw");
		ip(s->gw);
	}
}

static void isolate(unsigned ns)
{
	opt("isolate");
	if (!ns)
		str(" none");
	for (unsigned b = 0; b < 8; b++)
		if (ns & 1u << b)
			word(ns_names[b]);
}

/* user UID:GID[,GROUP...], unless it is the service's own svc-NAME. */
static void user(const struct svc *s)
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
	opt("user");
	word(u.buf);
}

static void sandbox(const struct svc *s)
{
	size_t n = strlen(s->name);

	if (s->root && (strncmp(s->root, "/srv/", 5) ||
			strncmp(s->root + 5, s->name, n) || s->root[5 + n]))
		one("root", s->root);
	if (s->ns != NS_DEFAULT)
		isolate(s->ns);
	user(s);
	if (s->caps)
		opt("caps");
	for (unsigned c = 0; c < CAP_COUNT; c++)
		if (s->caps & 1ull << c)
			word(cap_names[c]);
	if (s->seccomp == SECCOMP_NONE)
		opt("seccomp none");
}

static void limits(const struct svc *s)
{
	static const char *const net[] = {"none", "host", "veth"};

	if (s->memory)
		opt_size("memory", s->memory);
	if (s->pids && s->pids != 256)
		opt_num("pids", s->pids);
	if (!s->pids)
		opt("pids max");
	if (s->cpus)
		one("cpus", s->cpus);
	if (s->cpu_pct)
		opt_num("cpu", s->cpu_pct);
	if (s->ns && s->net != NET_NONE)
		one("net", net[s->net]);
	if (s->net == NET_VETH)
		veth(s);
	if (s->ns && !s->readonly)
		opt("readonly no");
}

static void mounts(const struct svc *s)
{
	for (unsigned i = 0; i < s->nmounts; i++) {
		const struct svc_mount *m = &s->mounts[i];

		if (m->kind == MNT_STATE)
			one("state", m->dst);
		if (m->kind == MNT_TMPFS)
			one("tmpfs", m->dst);
		if (m->kind == MNT_TMPFS && m->size)
			size(m->size);
		if (m->kind != MNT_BIND_RO && m->kind != MNT_BIND_RW)
			continue;
		one("bind", m->src);
		word(m->dst);
		str(m->kind == MNT_BIND_RO ? " ro" : " rw");
	}
}

static void rlimits(const struct svc *s)
{
	for (unsigned i = 0; i < s->nrlimits; i++) {
		const struct svc_rlimit *r = &s->rlimits[i];
		unsigned k = 0;

		while (rl_names[k].res != r->resource)
			k++;
		one("rlimit", rl_names[k].name);
		limit(r->soft);
		limit(r->hard);
	}
}

static void contents(const struct svc *s)
{
	mounts(s);
	for (const char *const *e = s->env; e && *e; e++)
		one("env", *e);
	if (s->hostname)
		one("hostname", s->hostname);
	rlimits(s);
	words("files", s->files);
	words("applets", s->applets);
}

static void supervision(const struct svc *s)
{
	static const char *const restart[] = {
		"restart always", "restart on-failure", "restart never"};

	if (s->nafter)
		opt("after");
	for (unsigned i = 0; i < s->nafter; i++)
		word(svc_table[s->after[i]].name);
	if (s->ready_fd >= 0)
		opt_num("ready fd", (uint64_t)s->ready_fd);
	if (s->restart != (s->oneshot ? RESTART_NEVER : RESTART_ALWAYS))
		opt(restart[s->restart]);
	if (s->oneshot)
		opt("oneshot");
	if (s->backoff_min_ms != 100 || s->backoff_max_ms != 30000) {
		opt_ms("backoff", s->backoff_min_ms);
		ms(s->backoff_max_ms);
	}
	if (s->crashloop_n != 5 || s->crashloop_window_ms != 60000) {
		opt_num("crashloop", s->crashloop_n);
		ms(s->crashloop_window_ms);
	}
	if (s->critical)
		opt("critical");
	if (s->stop_timeout_ms != 5000)
		opt_ms("stop-timeout", s->stop_timeout_ms);
	if (s->console)
		opt("console");
}

static void service(const struct svc *s)
{
	end(); /* a blank line between blocks */
	str("# ");
	str(s->file);
	raw(":", 1);
	digits(s->line);
	end();
	str("service");
	word(s->name);
	for (const char *const *a = s->argv; *a; a++)
		word(*a);
	sandbox(s);
	limits(s);
	contents(s);
	supervision(s);
	end();
}

int table_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	if (tbl_hostname) {
		str("hostname");
		word(tbl_hostname);
		end();
	}
	for (const char *const *m = tbl_modules; *m; m++) {
		str("module");
		word(*m);
		end();
	}
	for (unsigned i = 0; i < svc_count; i++)
		service(svc_table + i);
	return 0;
}
