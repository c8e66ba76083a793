/* What a service's root looks like, built in its private mount
 * namespace with sandbox/mount.c's safe mounts: /dev, /proc and its
 * masks, /tmp, the table's extra mounts, then pivot_root.
 *
 * Order: private propagation; bind the subtree (non-recursive: the
 * host's other mounts under it stay out); /dev; /proc and its masks;
 * /tmp; extra mounts; pivot_root with the old root detached; root
 * read-only last.
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h> /* ST_NOEXEC */
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

static const struct {
	const char *name;
	unsigned char maj, min;
} devs[] = {
	{"null", 1, 3},   {"zero", 1, 5},    {"full", 1, 7},
	{"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
};

static const struct {
	const char *name, *to;
} dev_links[] = {
	{"fd", "/proc/self/fd"},       {"stdin", "/proc/self/fd/0"},
	{"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"},
	{"ptmx", "pts/ptmx"},
};

/* The nodes are made, not bound from the host: they work whatever the
 * caller's /dev holds, and nothing else of the host's /dev shows. */
static int dev_nodes(struct sbx_ctx *c, int d)
{
	for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		if (mknodat(d, devs[i].name, S_IFCHR | 0666,
			    makedev(devs[i].maj, devs[i].min)) < 0)
			return sbx_what(c, "mknod /dev/", devs[i].name), -errno;
	for (unsigned i = 0; i < sizeof(dev_links) / sizeof(dev_links[0]); i++)
		if (symlinkat(dev_links[i].to, d, dev_links[i].name) < 0)
			return sbx_what(c, "symlink /dev/", dev_links[i].name),
			       -errno;
	if (mkdirat(d, "pts", 0755) < 0 || mkdirat(d, "shm", 01777) < 0)
		return c->what = "mkdir /dev", -errno;
	return 0;
}

/* The caller's sockets for the jail's /dev/log and notify socket (PID 1
 * reads them): bound here, before /dev turns read-only, with umask 0 so
 * any uid may send. Our copies are close-on-exec and the reaper closes
 * every fd, so only the caller can ever read them. */
static int dev_socks(struct sbx_ctx *c, int d)
{
	static const char what[2][17] = {"bind /dev/log", "bind /dev/notify"};
	struct sockaddr_un a = {.sun_family = AF_UNIX};

	for (unsigned i = 0; i < 2; i++) {
		if (c->sock[i] < 0)
			continue;
		c->what = what[i];
		memcpy(a.sun_path, what[i] + 10, 7);
		if (fchdir(d) < 0 ||
		    bind(c->sock[i], (void *)&a, sizeof(a)) < 0)
			return -errno;
	}
	return 0;
}

/* A small tmpfs with the nodes, a private devpts instance (no host
 * terminal reachable), then read-only. All instances share the host's
 * kernel.pty.max (4096, of which 1024 are kept for the host's own
 * instance), and neither runc, crun nor bwrap sets a max=: so one
 * sandbox could take every pty (LXC has lxc.pty.max for this). 64 is
 * far more than a service (a getty, an ssh daemon's sessions) uses and
 * lets 48 sandboxes share the pool. */
static int mk_dev(struct sbx_ctx *c, int root)
{
	int d, r;

	c->what = "mount /dev";
	r = mnt_at(root, "dev", "tmpfs", "tmpfs", MS_NOSUID | MS_NOEXEC,
		   "mode=0755,size=64k,nr_inodes=64");
	if (r < 0 || (d = r = fs_open(root, "dev")) < 0)
		return r;
	r = dev_nodes(c, d);
	if (!r)
		r = dev_socks(c, d);
	if (!r) {
		c->what = "mount /dev/pts";
		r = mnt_at(d, "pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC,
			   "newinstance,ptmxmode=0666,mode=0620,max=64");
	}
	close(d);
	if (!r) {
		c->what = "remount /dev";
		r = mnt_at(root, "dev", 0, 0,
			   MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC, 0);
	}
	return r;
}

/* runc's list: kernel knobs read-only, leaky files and dirs hidden,
 * and Docker's interrupts. Then the files guarded by nothing but DAC
 * (mode 0400 root, no capability check), the raw material of
 * heap-layout and Rowhammer-style attacks: page-block state, the
 * physical page map (kpage*), slab and vmalloc (physical addresses of
 * ioremaps). Only uid 0 or a kept capability (dac_read_search,
 * setuid...) can open those, so they are masked only then: each mask
 * is a bind, ~15 us of every launch. (pagetypeinfo was 0444 before
 * Linux 5.4: a lock-holding read, not a leak.) Paths this kernel lacks
 * are skipped. */
static const char *const proc_ro[] = {"bus", "fs", "irq", "sys",
				      "sysrq-trigger"};
static const char *const proc_null[] = {
	"kcore",       "keys",        "latency_stats", "timer_list",
	"timer_stats", "sched_debug", "interrupts",    "pagetypeinfo",
	"kpageflags",  "kpagecount",  "kpagecgroup",   "slabinfo",
	"vmallocinfo"};
#define ROOT_ONLY 6 /* the last ones in proc_null */
static const char *const proc_empty[] = {"acpi", "asound", "scsi"};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static int proc_masks(struct sbx_ctx *c, int p, int null)
{
	unsigned n = N(proc_null) - (c->s->uid && !c->s->caps ? ROOT_ONLY : 0);
	int r = 0;

	for (unsigned i = 0; i < N(proc_ro) && r >= 0; i++)
		if ((r = ro_at(p, proc_ro[i])) < 0 && r != -ENOENT)
			return sbx_what(c, "read-only /proc/", proc_ro[i]), r;
	for (unsigned i = 0; i < n; i++)
		if ((r = bind_at(null, p, proc_null[i], 0)) < 0 && r != -ENOENT)
			return sbx_what(c, "mask /proc/", proc_null[i]), r;
	for (unsigned i = 0; i < N(proc_empty); i++)
		if ((r = mnt_at(p, proc_empty[i], "tmpfs", "tmpfs",
				MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
				"size=4k,mode=0555")) < 0 &&
		    r != -ENOENT)
			return sbx_what(c, "mask /proc/", proc_empty[i]), r;
	return 0;
}

/* /proc of the service's own PID namespace (we are already in it). */
static int mk_proc(struct sbx_ctx *c, int root)
{
	int p, null, r;

	c->what = "mount /proc";
	r = mnt_at(root, "proc", "proc", "proc",
		   MS_NOSUID | MS_NODEV | MS_NOEXEC, 0);
	if (r < 0 || (p = r = fs_open(root, "proc")) < 0)
		return r;
	null = fs_open(root, "dev/null");
	r = null < 0 ? null : proc_masks(c, p, null);
	if (null >= 0)
		close(null);
	close(p);
	return r;
}

/* "mode=1777,size=N" for a tmpfs of N bytes (0: the kernel's half of
 * RAM would be far too much, so 0 means our default). */
static const char *tmpfs_opts(struct ln *l, uint64_t size)
{
	ln_str(l, "mode=1777,size=");
	ln_u64(l, size ? size : 16u << 20);
	l->buf[l->len] = 0;
	return l->buf;
}

static int has_mount(const struct svc *s, const char *dst)
{
	for (unsigned i = 0; i < s->nmounts; i++) {
		const char *d = s->mounts[i].dst;

		while (*d == '/')
			d++;
		if (!strcmp(d, dst))
			return 1;
	}
	return 0;
}

static int mk_tmp(struct sbx_ctx *c, int root)
{
	struct ln l = {0};

	if (has_mount(c->s, "tmp"))
		return 0;
	c->what = "mount /tmp";
	return mnt_at(root, "tmp", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV,
		      tmpfs_opts(&l, 0));
}

/* Sources of bind and state lines are host paths, opened from the
 * host's root with the same no-symlink walk, all before the new root is
 * staged (which may hide part of the host's tree, see bind_root). A
 * services file's `state` directory is made where missing (fs_make),
 * here in the child while it is still root: a failure fails this
 * launch alone, and PID 1 carries none of it. */
static int open_sources(struct sbx_ctx *c, int host, int src[256])
{
	const struct svc *s = c->s;

	for (unsigned i = 0; i < s->nmounts; i++) {
		const struct svc_mount *m = &s->mounts[i];

		src[i] = m->kind == MNT_TMPFS ? -1 : fs_open(host, m->src);
		/* only a services file sets m->size, and svcc always
		 * resolves the ids */
		if (src[i] == -ENOENT && m->kind == MNT_STATE && m->size)
			src[i] = fs_make(host, m->src, m->size, s->uid, s->gid);
		if (src[i] < 0 && m->kind != MNT_TMPFS)
			return sbx_what(c, "mount source ", m->src), src[i];
	}
	return 0;
}

static void close_sources(const struct svc *s, const int src[256])
{
	for (unsigned i = 0; i < s->nmounts; i++)
		if (src[i] >= 0)
			close(src[i]);
}

static int mk_extra(int root, const struct svc_mount *m, int src)
{
	struct ln l = {0};
	unsigned long fl = MS_NOSUID | MS_NODEV;

	if (m->kind == MNT_TMPFS)
		return mnt_at(root, m->dst, "tmpfs", "tmpfs", fl,
			      tmpfs_opts(&l, m->size));
	if (m->kind == MNT_BIND_RO)
		fl |= MS_RDONLY;
	return bind_at(src, root, m->dst, fl);
}

static int mk_extras(struct sbx_ctx *c, int root, const int src[256])
{
	for (unsigned i = 0; i < c->s->nmounts; i++) {
		int r = mk_extra(root, &c->s->mounts[i], src[i]);

		if (r < 0)
			return sbx_what(c, "mount ", c->s->mounts[i].dst), r;
	}
	return 0;
}

/* pivot_root(".", "."): the old root ends up stacked on the new one and
 * is detached at once, so no path leads back to the host. */
static int pivot(struct sbx_ctx *c, int root)
{
	c->what = "pivot_root";
	if (fchdir(root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0)
		return -errno;
	c->what = "detach old root";
	if (umount2(".", MNT_DETACH) < 0)
		return -errno;
	c->what = "chdir /";
	return chdir("/") < 0 ? -errno : 0;
}

/* Read-only (unless `readonly no`: then as the host has it), nosuid,
 * nodev, and whatever else the host's mount of it restricts. */
static int root_flags(struct sbx_ctx *c)
{
	c->what = "remount root";
	return remount("/",
		       MS_NOSUID | MS_NODEV | (c->s->readonly ? MS_RDONLY : 0));
}

/* The subtree bound onto itself, non-recursively: what is mounted below
 * it on the host stays out. A mount stacked on / cannot be reached by
 * any later lookup (the process root pins the mount below), so --root /
 * is staged on the host's /dev instead, in our private namespace: the
 * new root brings its own /dev. Returns an fd of the new mount. */
static int bind_root(struct sbx_ctx *c, int host)
{
	const char *stage = c->s->root + strspn(c->s->root, "/");
	int fd, r;

	sbx_what(c, "root ", c->s->root);
	if ((fd = fs_open(host, c->s->root)) < 0)
		return fd;
	if (!*stage)
		stage = "dev";
	r = bind_at(fd, host, stage, 0);
	close(fd);
	return r < 0 ? r : fs_open(host, stage);
}

static int build(struct sbx_ctx *c, int host)
{
	int src[256], root, r;

	if ((r = open_sources(c, host, src)) < 0)
		return r;
	if ((root = r = bind_root(c, host)) < 0)
		return r;
	close(host);
	if ((r = mk_dev(c, root)) >= 0 && (r = mk_proc(c, root)) >= 0 &&
	    (r = mk_tmp(c, root)) >= 0 && (r = mk_extras(c, root, src)) >= 0)
		r = pivot(c, root);
	close_sources(c->s, src);
	close(root);
	return r < 0 ? r : root_flags(c);
}

int fs_setup(struct sbx_ctx *c)
{
	mode_t um = umask(0);
	int host, r;

	c->what = "mount propagation";
	if (mount(0, "/", 0, MS_REC | MS_PRIVATE, 0) < 0)
		return -errno;
	c->what = "open /";
	if ((host = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -errno;
	r = build(c, host);
	umask(um);
	return r;
}
