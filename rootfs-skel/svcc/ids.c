/* Users and groups, all resolved at build time: root, nobody, svc-NAME
 * of every service, and whatever --passwd/--group (passwd(5), group(5))
 * list. The image's /etc/passwd is the rootfs builder's business; this
 * only has to agree with it, which the manifest's user/group records
 * make possible. */
#include "svcc.h"

#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ent {
	const char *name;
	uint32_t id, gid; /* users: uid and primary gid; groups: gid */
	int ours;         /* allocated here, not from --passwd/--group */
};

struct ents {
	struct ent *v;
	unsigned n;
};

static struct ents users, groups;

static void add(struct ents *e, const char *name, uint32_t id, uint32_t gid)
{
	e->v = xrealloc(e->v, (e->n + 1) * sizeof(*e->v));
	e->v[e->n++] = (struct ent){name, id, gid, 0};
}

static const struct ent *by_name(const struct ents *e, const char *name)
{
	for (unsigned i = 0; i < e->n; i++)
		if (!strcmp(e->v[i].name, name))
			return &e->v[i];
	return NULL;
}

static const struct ent *by_id(const struct ents *e, uint32_t id)
{
	for (unsigned i = 0; i < e->n; i++)
		if (e->v[i].id == id)
			return &e->v[i];
	return NULL;
}

/* Cut the colon-separated fields of line (empty ones included). */
static unsigned fields(char *line, char **f, unsigned max)
{
	unsigned n = 0;

	line[strcspn(line, "\n")] = 0;
	while (n < max) {
		f[n++] = line;
		if (!(line = strchr(line, ':')))
			break;
		*line++ = 0;
	}
	return n;
}

/* name:x:ID[:GID...] lines; errors point into that file. */
static void load(struct ents *e, const char *path, int with_gid)
{
	FILE *f = fopen(path, "re");
	char buf[4096], *fl[4];
	const char *file = comp.file;

	if (!f)
		xfail(2, "%s: cannot open", path);
	comp.file = path, comp.opt = with_gid ? "passwd" : "group";
	for (comp.line = 1; fgets(buf, sizeof(buf), f); comp.line++) {
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		if (fields(buf, fl, 4) < 3u + with_gid || !*fl[0])
			die("bad %s entry", comp.opt);
		add(e, xstrdup(fl[0]),
		    (uint32_t)xval_u64(fl[2], UINT32_MAX - 1),
		    (uint32_t)xval_u64(fl[2 + with_gid], UINT32_MAX - 1));
	}
	fclose(f);
	comp.file = file;
}

void ids_load(void)
{
	/* Start empty: the fuzz harness (tests/fuzz/svcc_fuzz.c) compiles
	 * many files in one process and frees everything in between. */
	users = groups = (struct ents){0};
	if (comp.passwd)
		load(&users, comp.passwd, 1);
	if (comp.group)
		load(&groups, comp.group, 0);
	add(&users, "root", 0, 0);
	add(&users, "nobody", 65534, 65534);
	add(&groups, "root", 0, 0);
	add(&groups, "nobody", 65534, 65534);
	add(&groups, "nogroup", 65534, 65534);
}

static int taken(uint32_t id, unsigned upto)
{
	for (unsigned i = 0; i < upto; i++)
		if (comp.svc[i].default_id == id)
			return 1;
	return by_id(&users, id) || by_id(&groups, id);
}

/* svc-NAME for every service, in file order (see names.h for why a
 * hash); a board's passwd may pin one by listing svc-NAME itself. */
void ids_allocate(void)
{
	for (unsigned i = 0; i < comp.nsvc; i++) {
		struct spec *sp = &comp.svc[i];
		char *name = xasprintf("svc-%s", sp->s.name);
		const struct ent *pinned = by_name(&users, name), *grp;
		uint32_t id = svc_default_id(sp->s.name);

		if (pinned) { /* the board's entry: name is not kept */
			sp->default_id = pinned->id;
			free(name);
			continue;
		}
		for (unsigned n = 0; taken(id, i) && n < SVC_ID_SPAN; n++)
			id = SVC_ID_BASE + (id - SVC_ID_BASE + 1) % SVC_ID_SPAN;
		sp->default_id = id;
		/* A board may pin the group alone: it is then the user's
		 * primary group, not a gid that no group is named for. */
		grp = by_name(&groups, name);
		add(&users, name, id, grp ? grp->id : id);
		users.v[users.n - 1].ours = 1;
		if (grp)
			continue;
		add(&groups, name, id, id);
		groups.v[groups.n - 1].ours = 1;
	}
}

static uint32_t number(const char *s)
{
	return (uint32_t)xval_u64(s, UINT32_MAX - 1);
}

static uint32_t group(const char *s)
{
	const struct ent *e = by_name(&groups, s);

	if (*s >= '0' && *s <= '9')
		return number(s);
	if (!e)
		die("unknown group '%s'", s);
	return e->id;
}

/* USER[:GROUP[,GROUP...]]: primary group, then supplementary ones. */
static void user_spec(struct spec *sp, char *u, const char *as_written)
{
	struct svc *s = &sp->s;
	char *g = strchr(u, ':'), *next;
	const struct ent *e;

	if (g)
		*g++ = 0;
	if (!*u || (g && !*g))
		die("bad user '%s' (expected USER[:GROUP[,GROUP...]])",
		    as_written);
	if (*u >= '0' && *u <= '9') {
		s->uid = number(u);
		e = by_id(&users, s->uid);
		s->gid = e ? e->gid : s->uid;
	} else if ((e = by_name(&users, u))) {
		s->uid = e->id, s->gid = e->gid;
	} else {
		die("unknown user '%s'", u);
	}
	for (int first = 1; g; g = next, first = 0) {
		if ((next = strchr(g, ',')))
			*next++ = 0;
		if (first)
			s->gid = group(g);
		else if (s->ngroups == SVC_MAX_GROUPS)
			die("too many groups (max %u)", SVC_MAX_GROUPS);
		else
			sp->groups[s->ngroups++] = group(g);
	}
}

void ids_resolve(struct spec *sp)
{
	const char *u = sp->user;
	char *own = NULL, *cut;

	if (!u) /* the service's own svc-NAME, as allocated or pinned */
		u = own = xasprintf("svc-%s", sp->s.name);
	comp.line = sp->at[OPT_user];
	comp.opt = "user";
	user_spec(sp, cut = xstrdup(u), u); /* ids only: nothing kept */
	sp->s.groups = sp->s.ngroups ? sp->groups : 0;
	free(cut);
	free(own);
}

/* For the manifest: the svc-NAME users (or groups) allocated here, in
 * file order; those the board's passwd/group pin are already there. */
void ids_each(int group,
	      void (*fn)(const char *name, uint32_t id, uint32_t gid))
{
	const struct ents *e = group ? &groups : &users;

	for (unsigned i = 0; i < e->n; i++)
		if (e->v[i].ours)
			fn(e->v[i].name, e->v[i].id, e->v[i].gid);
}
