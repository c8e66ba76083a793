/* `corral run --user NAME[:GROUP]`: names come from the passwd and group
 * files of the root the command will see (as the services compiler uses
 * the image's), read once in the parent before anything is started. */
#include "out.h"
#include "sandbox/run.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Field 2 (the id) or 3 (passwd's group) of NAME's line in a passwd or
 * group file held in buf; -1 if absent or malformed. */
static int64_t field(const char *buf, const char *name, int want)
{
	size_t n = strlen(name);

	for (const char *l = buf; *l; l = strchrnul(l, '\n') + !!*l) {
		if (strncmp(l, name, n) || l[n] != ':')
			continue;
		const char *f = l;
		int64_t v = 0;

		for (int i = 0; i < want; i++)
			if (!(f = strchr(f, ':')))
				return -1;
			else
				f++;
		if (*f < '0' || *f > '9')
			return -1;
		for (; *f >= '0' && *f <= '9' && v < UINT32_MAX; f++)
			v = v * 10 + (*f - '0');
		return v < UINT32_MAX && (*f == ':' || *f == '\n' || !*f) ? v
									  : -1;
	}
	return -1;
}

/* ROOT/etc/FILE into buf (cut at its size); 0 or -1. */
static int slurp(const char *root, const char *file, char *buf, size_t n)
{
	struct ln l = {0};
	ssize_t got;
	int fd;

	ln_str(&l, root);
	ln_str(&l, "/etc/");
	ln_str(&l, file);
	l.buf[l.len] = 0;
	if ((fd = open(l.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return -1;
	got = read(fd, buf, n - 1);
	close(fd);
	buf[got > 0 ? got : 0] = 0;
	return got < 0 ? -1 : 0;
}

static int lookup(const char *root, const char *file, const char *name,
		  int want, uint32_t *id)
{
	static char buf[32768];
	int64_t v;

	if (slurp(root, file, buf, sizeof(buf)) < 0 ||
	    (v = field(buf, name, want)) < 0) {
		PUTS(2, "corral run: --user: no '", name, "' in ", root,
		     "/etc/", file);
		return -1;
	}
	*id = (uint32_t)v;
	return 0;
}

int run_user(struct run_cfg *r)
{
	const char *root = strcmp(r->s.root, "/") ? r->s.root : "";

	if (r->uname && lookup(root, "passwd", r->uname, 2, &r->s.uid) < 0)
		return -1;
	if (r->gname && !*r->gname)
		return lookup(root, "passwd", r->uname, 3, &r->s.gid);
	if (r->gname)
		return lookup(root, "group", r->gname, 2, &r->s.gid);
	return 0;
}
