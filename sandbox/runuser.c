/* `corral run --user NAME[:GROUP]`: names come from the passwd and group
 * files of the root the command will see (as the services compiler uses
 * the image's), read once in the parent before anything is started. */
#include "sys.h"
#include "out.h"
#include "sandbox/run.h"
#include "sandbox/sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
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

/* ROOT/FILE ("etc/passwd"), opened as the mounts are (fs_open: beneath
 * ROOT, no symlink, no ".."; this process is host root, so ROOT/etc ->
 * /etc must not reach the host's), as an O_PATH fd: no open(2) side
 * effect yet. ROOT itself is the caller's word (the sandbox refuses a
 * symlinked one later). An fd or -errno. */
static int open_in(const char *root, const char *file)
{
	int dir = open(*root ? root : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	int fd;

	if (dir < 0)
		return -errno;
	fd = fs_open(dir, file);
	close(dir);
	return fd;
}

/* ROOT/FILE into buf: a regular file only (a FIFO would block us, a
 * device would do what opening it does), read through its own fd so
 * the type checked is the one read, and smaller than n (cut, its last
 * line could read as another id). NULL or why. */
static const char *slurp(const char *root, const char *file, char *buf,
			 size_t n)
{
	struct ln l = {0};
	struct stat st;
	int fd = open_in(root, file), rd = -1, e = -fd;
	ssize_t got = -1;

	if (fd < 0)
		return err_str(e);
	if (sys_fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return "not a regular file";
	}
	ln_str(&l, "/proc/self/fd/");
	ln_u64(&l, (uint64_t)fd);
	l.buf[l.len] = 0;
	rd = open(l.buf, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (rd >= 0)
		got = read(rd, buf, n - 1);
	e = errno;
	close(fd);
	if (rd >= 0)
		close(rd);
	if (got < 0)
		return err_str(e);
	buf[got] = 0;
	return (size_t)got < n - 1 ? 0 : "too large";
}

static int lookup(const char *root, const char *file, const char *name,
		  int want, uint32_t *id)
{
	static char buf[32768];
	const char *why = slurp(root, file, buf, sizeof(buf));
	int64_t v = why ? -1 : field(buf, name, want);

	if (v < 0) {
		PUTS(2, "corral run: --user ", name, ": ", root, "/", file,
		     ": ", why ? why : "not found");
		return -1;
	}
	*id = (uint32_t)v;
	return 0;
}

int run_user(struct run_cfg *r)
{
	const char *root = strcmp(r->s.root, "/") ? r->s.root : "";

	if (r->uname && lookup(root, "etc/passwd", r->uname, 2, &r->s.uid) < 0)
		return -1;
	if (r->gname && !*r->gname)
		return lookup(root, "etc/passwd", r->uname, 3, &r->s.gid);
	if (r->gname)
		return lookup(root, "etc/group", r->gname, 2, &r->s.gid);
	return 0;
}
