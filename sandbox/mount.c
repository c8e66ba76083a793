/* How to mount safely inside a service's subtree, for fs.c (which says
 * what the root looks like). Runs in the child, before pivot_root.
 *
 * Every path inside the subtree is opened with fs_open(): one component
 * at a time, O_PATH|O_NOFOLLOW, refusing symlinks and "..". mount(2) is
 * then pointed at /proc/self/fd/N, a magic link that names exactly the
 * object we opened, so an image (or an earlier run writing its state
 * directory) cannot plant a symlink that sends a mount outside the
 * subtree. All of this happens before pivot_root, while the caller's
 * /proc and the bind sources are still reachable.
 *
 * No mount lifts a restriction the host has on its source (ro, nosuid,
 * nodev, noexec): we only ever add ours (see remount and bind_fd).
 */
#include "sys.h"
#include "sandbox/sbx.h"
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h> /* ST_NOEXEC */
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define FDPATH_LEN 32

static const char *fdpath(char b[FDPATH_LEN], int fd)
{
	static const char pre[] = "/proc/self/fd/";
	char d[12];
	unsigned n = 0, u = (unsigned)fd;

	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10));
	memcpy(b, pre, sizeof(pre) - 1);
	for (unsigned i = 0; i < n; i++)
		b[sizeof(pre) - 1 + i] = d[n - 1 - i];
	b[sizeof(pre) - 1 + n] = 0;
	return b;
}

/* Open one component: a symlink is refused even as the last one. */
static int open_one(int dir, const char *name)
{
	struct stat st;
	int fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (sys_fstat(fd, &st) < 0 || S_ISLNK(st.st_mode)) {
		int e = S_ISLNK(st.st_mode) ? ELOOP : errno;

		close(fd);
		return -e;
	}
	return fd;
}

/* A component of fs_make's: made where missing, then opened as a
 * directory and never through a symlink, and chowned (only if we made
 * it) through that fd: whatever was put in its place meanwhile, a
 * symlink or a hard link to a file, fails the open instead of being
 * chowned. */
static int make_one(int dir, const char *name, int own, uint32_t u, uint32_t g)
{
	int made = !mkdirat(dir, name, own ? 0700 : 0755), fd, e;

	if (!made && errno != EEXIST)
		return -errno;
	fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (made && own && fchownat(fd, "", u, g, AT_EMPTY_PATH) < 0) {
		e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

/* The portable walk, for kernels before openat2 (5.6); with own > 0,
 * fs_make's. */
static int walk(int dir, const char *path, size_t own, uint32_t u, uint32_t g)
{
	const char *start = path;
	char name[256];
	int fd = sys_fcntl(dir, F_DUPFD_CLOEXEC, 3);

	if (fd < 0)
		return -errno;
	while (*path) {
		size_t n = strcspn(path, "/");
		int next = fd;

		if (n >= sizeof(name)) {
			next = -ENAMETOOLONG;
		} else if (n && !(n == 1 && *path == '.')) {
			memcpy(name, path, n);
			name[n] = 0;
			next = own ? make_one(fd, name,
					      (size_t)(path - start) >= own, u,
					      g)
				   : open_one(fd, name);
		}
		if (next != fd) {
			close(fd);
			if ((fd = next) < 0)
				return fd;
		}
		path += n + (path[n] == '/');
	}
	return fd;
}

static int has_dotdot(const char *p)
{
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n + (p[n] == '/');
	}
	return 0;
}

/* openat2 does in one call what the walk does in several per component;
 * the walk stays for older kernels (or a filter that refuses openat2). */
int fs_open(int dir, const char *path)
{
	static int no_openat2;
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
			   RESOLVE_NO_MAGICLINKS,
	};
	long fd;

	path += strspn(path, "/");
	if (has_dotdot(path))
		return -EXDEV;
	if (!no_openat2) {
		fd = syscall(SYS_openat2, dir, *path ? path : ".", &how,
			     sizeof(how));
		if (fd >= 0)
			return (int)fd;
		if (errno != ENOSYS && errno != EPERM)
			return -errno;
		no_openat2 = 1;
	}
	return walk(dir, path, 0, 0, 0);
}

int fs_make(int dir, const char *path, size_t own, uint32_t u, uint32_t g)
{
	return walk(dir, path, own, u, g);
}

/* A bind remount sets the mount's flags to exactly those it is given,
 * and as host root it may lift any of them: so add those the mount has
 * (a host's ro, nosuid, nodev, noexec, nosymfollow), and we only ever
 * add restrictions. The atime flags the kernel keeps by itself when we
 * pass none. */
int remount(const char *path, unsigned long fl)
{
	struct statfs v; /* musl's statvfs is this, converted */

	if (statfs(path, &v) < 0)
		return -errno;
	fl |= v.f_flags & (ST_RDONLY | ST_NOSUID | ST_NODEV | ST_NOEXEC);
	if (v.f_flags & 0x2000) /* ST_NOSYMFOLLOW, not in musl's header */
		fl |= MS_NOSYMFOLLOW;
	return mount(0, path, 0, MS_REMOUNT | MS_BIND | fl, 0) < 0 ? -errno : 0;
}

/* mount(2) onto an opened object. */
static int mnt_fd(const char *src, int fd, const char *type, unsigned long fl,
		  const char *data)
{
	char b[FDPATH_LEN];

	if (fl & MS_REMOUNT)
		return remount(fdpath(b, fd), fl);
	return mount(src, fdpath(b, fd), type, fl, data) < 0 ? -errno : 0;
}

int mnt_at(int dir, const char *path, const char *src, const char *type,
	   unsigned long fl, const char *data)
{
	int fd = fs_open(dir, path), r;

	if (fd < 0)
		return fd;
	r = mnt_fd(src, fd, type, fl, data);
	close(fd);
	return r;
}

/* The fd-based mount API (open_tree and move_mount 5.2, mount_setattr
 * 5.12): a bind made on the opened objects themselves, with its flags
 * set before it is attached, and no path through /proc/self/fd. About
 * three times cheaper than mount(2) here, and /proc alone takes a dozen
 * binds. Its constants, as fixed by the kernel ABI (<linux/mount.h>
 * would redefine musl's MS_*). */
struct mount_attr_ {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};
#define OPEN_TREE_CLONE_    1
#define MOVE_MOUNT_F_EMPTY_ 0x04
#define MOVE_MOUNT_T_EMPTY_ 0x40
/* MOUNT_ATTR_RDONLY NOSUID NODEV NOEXEC have MS_*'s values. */
#define ATTR_MASK (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* A copy of srcfd's mount with flags fl added to those it has (a clone
 * keeps them, attr_set only sets), onto dstfd. -ENOSYS (or
 * -EPERM from a filter of an outer sandbox) before anything changed
 * means "use mount(2)". */
static int bind_fd(int srcfd, int dstfd, unsigned long fl)
{
	struct mount_attr_ a = {.attr_set = fl & ATTR_MASK};
	int t = (int)syscall(SYS_open_tree, srcfd, "",
			     OPEN_TREE_CLONE_ | O_CLOEXEC | AT_EMPTY_PATH),
	    r = 0;

	if (t < 0)
		return -errno;
	if (a.attr_set &&
	    syscall(SYS_mount_setattr, t, "", AT_EMPTY_PATH, &a, sizeof(a)) < 0)
		r = -errno;
	if (!r && syscall(SYS_move_mount, t, "", dstfd, "",
			  MOVE_MOUNT_F_EMPTY_ | MOVE_MOUNT_T_EMPTY_) < 0)
		r = errno == ENOSYS ? -EIO : -errno; /* not "fall back" now */
	close(t);
	return r;
}

/* Bind srcfd onto dir/path with flags fl. Through mount(2) a bind
 * ignores everything but MS_REC, so the flags take a remount of the
 * new mount, found by opening the path again. */
int bind_at(int srcfd, int dir, const char *path, unsigned long fl)
{
	static int old_api;
	char b[FDPATH_LEN];
	int r;

	if (!old_api) {
		int d = fs_open(dir, path);

		if (d < 0)
			return d;
		r = bind_fd(srcfd < 0 ? d : srcfd, d, fl);
		close(d);
		if (r != -ENOSYS && r != -EPERM)
			return r;
		old_api = 1;
	}
	if (srcfd < 0) { /* onto itself */
		if ((srcfd = fs_open(dir, path)) < 0)
			return srcfd;
		r = bind_at(srcfd, dir, path, fl);
		close(srcfd);
		return r;
	}
	r = mnt_at(dir, path, fdpath(b, srcfd), 0, MS_BIND, 0);
	if (r < 0 || !fl)
		return r;
	return mnt_at(dir, path, 0, 0, MS_REMOUNT | fl, 0);
}

/* Bind dir/path onto itself, read-only. */
int ro_at(int dir, const char *path)
{
	return bind_at(-1, dir, path, MS_RDONLY | MS_NOSUID | MS_NODEV);
}
