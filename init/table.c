/* corral table: print the compiled-in service table as a services file
 * (SPEC section 4). Only what differs from the defaults is printed, and
 * every word is quoted the way svcc's lexer reads it, so feeding the
 * output back to svcc gives the same table (tests/unit/table_*.sh).
 *
 * The options are rows of a table: a field of struct svc, how it is
 * printed and its default; the few that are not one field have a
 * function each. Target code under the 64 KiB budget: no stdio. Lines
 * are assembled in a struct ln and written in pieces when they outgrow
 * it, so a long command line is never cut.
 */
#include "init/table.h"
#include "main.h"
#include "names.h"
#include "opts.h"
#include "out.h"
#include "svc.h"

#include <stddef.h>
#include <string.h>

/* Each option that is not one field: given the service and its name. */
typedef void opt_fn(const struct svc *s, const char *name);

static void tp_root(const struct svc *s, const char *name)
{
	size_t n = strlen(s->name);

	if (s->root && (strncmp(s->root, "/srv/", 5) ||
			strncmp(s->root + 5, s->name, n) || s->root[5 + n])) {
		tp_opt(name);
		tp_word(s->root);
	}
}

static void tp_isolate(const struct svc *s, const char *name)
{
	if (s->ns == NS_DEFAULT)
		return;
	tp_opt(name);
	if (!s->ns)
		tp_str(" none");
	tp_bits(s->ns, ns_list);
}

/* user UID:GID[,GROUP...], unless it is the service's own svc-NAME. */
static void tp_user(const struct svc *s, const char *name)
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

static void tp_caps(const struct svc *s, const char *name)
{
	if (s->caps)
		tp_opt(name);
	tp_bits(s->caps, cap_list);
}

/* seccomp none, or seccomp allow NAME...; default is left out. */
static void tp_seccomp(const struct svc *s, const char *name)
{
	if (s->seccomp == SECCOMP_NONE || s->sc_allow)
		tp_opt(name);
	if (s->seccomp == SECCOMP_NONE)
		tp_str(" none");
	else if (s->sc_allow)
		tp_str(" allow");
	tp_bits(s->sc_allow, sc_allow_list);
}

/* net host|veth ADDR/PREFIX [gw ADDR]; none is the default. */
static void tp_net(const struct svc *s, const char *name)
{
	if (!s->ns || s->net == NET_NONE)
		return;
	tp_opt(name);
	tp_word(name_at("none\0host\0veth\0", s->net));
	if (s->net != NET_VETH)
		return;
	tp_ip(s->addr);
	tp_raw("/", 1);
	tp_digits(s->prefix);
	if (s->gw) {
		tp_str(" gw");
		tp_ip(s->gw);
	}
}

/* Outside every namespace the base system is never made read-only. */
static void tp_readonly(const struct svc *s, const char *name)
{
	if (s->ns && !s->readonly) {
		tp_opt(name);
		tp_str(" no");
	}
}

/* ready fd N or ready notify; ready at exec (-1) is the default. */
static void tp_ready(const struct svc *s, const char *name)
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
static void tp_log(const struct svc *s, const char *name)
{
	if (s->ns && s->log == LOG_NONE) {
		tp_opt(name);
		tp_str(" none");
	}
}

/* At the state row: each mount names its own option (state, tmpfs,
 * bind), in the order the file gave them. */
static void tp_mounts(const struct svc *s, const char *name)
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

static void tp_rlimits(const struct svc *s, const char *name)
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

static void tp_after(const struct svc *s, const char *name)
{
	if (s->nafter)
		tp_opt(name);
	for (unsigned i = 0; i < s->nafter; i++)
		tp_word(svc_table[s->after[i]].name);
}

static void tp_restart(const struct svc *s, const char *name)
{
	if (s->restart == (s->oneshot ? RESTART_NEVER : RESTART_ALWAYS))
		return;
	tp_opt(name);
	tp_str(name_at(" always\0 on-failure\0 never\0", s->restart));
}

/* How a row's field is printed after the option's name. */
enum fmt {
	F_NUM,       /* " N" */
	F_PIDS,      /* " N", or " max" for 0 */
	F_SIZE,      /* " 16M" */
	F_MS,        /* " 100ms", " 30s" */
	F_FLAG,      /* nothing: the name says it all ("console") */
	F_STR,       /* one word; NULL: left out */
	F_WORDS,     /* a NULL-ended list on one line; NULL: left out */
	F_EACH,      /* a NULL-ended list, one option per entry (env) */
	F_NONE,      /* printed by another row's function */
	F_MORE = 16, /* flag: a further value on the line of the row above */
	F_FN = 32,   /* its function in fns[] prints it */
};

/* One option's field: offset and size in struct svc, and how it is
 * printed; left out where it equals SVC_DEFAULTS (a row followed by
 * F_MORE rows is printed when any of them differs). */
struct row {
	uint16_t off, def;
	uint8_t size, fmt;
};
#define F(field) offsetof(struct svc, field), sizeof(((struct svc *)0)->field)

/* lib/opts.h's rows, expanded four times: names, the functions of the
 * PR_FN rows (an enum, then the array), and the fields. */
#define TP_NAME(id, name, ...) name "\0"
static const char names[] = SVC_OPTIONS(TP_NAME);
#define TP_PR(id, name, min, max, rep, run, pr, ...) pr

#define PR_NONE
#define PR_NUM(f)
#define PR_PIDS(f)
#define PR_SIZE(f)
#define PR_MS(f)
#define PR_STR(f)
#define PR_WORDS(f)
#define PR_EACH(f)
#define PR_FLAG(f)
#define PR_MS2(f, g)
#define PR_NUM_MS(f, g)
#define PR_FN(fn) FN_##fn,
enum { SVC_OPTIONS(TP_PR) FN_COUNT };
#undef PR_FN
#define PR_FN(fn) fn,
static opt_fn *const fns[FN_COUNT] = {SVC_OPTIONS(TP_PR)};
#undef PR_FN
#undef PR_NONE
#undef PR_NUM
#undef PR_PIDS
#undef PR_SIZE
#undef PR_MS
#undef PR_STR
#undef PR_WORDS
#undef PR_EACH
#undef PR_FLAG
#undef PR_MS2
#undef PR_NUM_MS

/* The default of field f: SVC_DFLT_f, as SVC_DEFAULTS uses it. */
#define D(f)            offsetof(struct svc, f), SVC_DFLT_##f, sizeof(((struct svc *)0)->f)
#define PR_FN(fn)       {FN_##fn, 0, 0, F_FN},
#define PR_NONE         {0, 0, 0, F_NONE},
#define PR_NUM(f)       {D(f), F_NUM},
#define PR_PIDS(f)      {D(f), F_PIDS},
#define PR_SIZE(f)      {D(f), F_SIZE},
#define PR_MS(f)        {D(f), F_MS},
#define PR_STR(f)       {D(f), F_STR},
#define PR_WORDS(f)     {D(f), F_WORDS},
#define PR_EACH(f)      {D(f), F_EACH},
#define PR_FLAG(f)      {D(f), F_FLAG},
#define PR_MS2(f, g)    {D(f), F_MS}, {D(g), F_MORE + F_MS},
#define PR_NUM_MS(f, g) {D(f), F_NUM}, {D(g), F_MORE + F_MS},
static const struct row rows[] = {SVC_OPTIONS(TP_PR)};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static uint64_t field(const struct svc *s, const struct row *r)
{
	const char *p = (const char *)s + r->off;
	uint8_t b;
	uint16_t h;
	uint32_t w;
	uint64_t d;

	if (r->size == 1)
		return memcpy(&b, p, 1), b;
	if (r->size == 2)
		return memcpy(&h, p, 2), h;
	if (r->size == 4)
		return memcpy(&w, p, 4), w;
	return memcpy(&d, p, 8), d;
}

/* Is the row, or one of the F_MORE rows after it, not its default?
 * An empty list counts as none. */
static int differs(const struct svc *s, const struct row *r)
{
	uint64_t v = field(s, r);
	const char *const *w = (const char *const *)(uintptr_t)v;

	if ((r->fmt & ~F_MORE) >= F_WORDS && v && !*w)
		return 0;
	return v != r->def || (r + 1 < rows + NROWS && (r[1].fmt & F_MORE) &&
			       differs(s, r + 1));
}

static void value(const struct svc *s, const struct row *r, const char *name)
{
	uint64_t v = field(s, r);
	const char *const *w = (const char *const *)(uintptr_t)v;

	switch (r->fmt & ~F_MORE) {
	case F_PIDS:
		if (!v) {
			tp_str(" max");
			break;
		}
		/* fall through */
	case F_NUM:
		tp_num(v);
		break;
	case F_SIZE:
		tp_size(v);
		break;
	case F_MS:
		tp_ms(v);
		break;
	case F_STR:
		tp_word((const char *)w);
		break;
	case F_WORDS:
		while (*w)
			tp_word(*w++);
		break;
	case F_EACH:
		for (; *w; w++) {
			tp_opt(name);
			tp_word(*w);
		}
	}
}

static void options(const struct svc *s)
{
	const char *name = names;

	for (const struct row *r = rows; r < rows + NROWS; r++) {
		const struct row *m = r;

		if (r->fmt & F_MORE)
			continue; /* printed with the row above */
		if (r->fmt == F_FN) {
			fns[r->off](s, name);
		} else if (r->fmt != F_NONE && differs(s, r)) {
			if (r->fmt != F_EACH)
				tp_opt(name);
			do
				value(s, m, name);
			while (++m < rows + NROWS && (m->fmt & F_MORE));
		}
		name = name_next(name);
	}
}

static void service(const struct svc *s)
{
	tp_end(); /* a blank line between blocks */
	tp_str("# ");
	tp_str(s->file);
	tp_raw(":", 1);
	tp_digits(s->line);
	tp_end();
	tp_str("service");
	tp_word(s->name);
	for (const char *const *a = s->argv; *a; a++)
		tp_word(*a);
	options(s);
	tp_end();
}

/* One more word of a comma list. */
static void comma(struct ln *l, const char *w)
{
	if (l->len)
		ln_chr(l, ',');
	ln_str(l, w);
}

/* mount SRC DST TYPE [OPTIONS]: the flags by name, then the data. */
static void top_mounts(void)
{
	for (const struct tbl_mount *m = tbl_mounts; m->dst; m++) {
		struct ln o = {0};
		const char *w = mnt_flag_list;

		tp_str("mount");
		tp_word(m->src);
		tp_word(m->dst);
		tp_word(m->type);
		for (unsigned k = 0; *w; k++, w = name_next(w))
			if (m->flags >> mnt_flag_bit[k] & 1)
				comma(&o, w);
		if (m->data)
			comma(&o, m->data);
		o.buf[o.len] = 0;
		if (o.len)
			tp_word(o.buf);
		tp_end();
	}
}

int table_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	if (tbl_hostname) {
		tp_str("hostname");
		tp_word(tbl_hostname);
		tp_end();
	}
	for (const char *const *m = tbl_modules; *m; m++) {
		tp_str("module");
		tp_word(*m);
		tp_end();
	}
	top_mounts();
	for (unsigned i = 0; i < svc_count; i++)
		service(svc_table + i);
	return 0;
}
