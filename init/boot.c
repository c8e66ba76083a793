/* Boot: the API filesystems, the cgroup hierarchy, hostname, `lo`,
 * kernel modules, the services file's mounts, limits and the crash
 * handlers (SPEC sections 6 and 8).
 *
 * Every step logs its failure and carries on: a board with a missing
 * mount point or module still boots to a usable system. A mount point
 * that is already mounted (container mode, tests, an initramfs that did
 * part of the work) is left as it is. */
#include "sys.h"
#include "init/pid1.h"
#include "sandbox/net.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NSE (MS_NOSUID | MS_NODEV | MS_NOEXEC)

static const struct mnt {
	const char *type, *dst, *data;
	unsigned long flags;
} api[] = {
	{"proc", "/proc", 0, NSE},
	{"sysfs", "/sys", 0, NSE},
	{"devtmpfs", "/dev", "mode=0755", MS_NOSUID},
	{"devpts", "/dev/pts", "mode=0620,ptmxmode=0666",
	 MS_NOSUID | MS_NOEXEC},
	{"tmpfs", "/dev/shm", "mode=1777", MS_NOSUID | MS_NODEV},
	{"tmpfs", "/run", "mode=0755", MS_NOSUID | MS_NODEV},
};
#define NAPI (sizeof(api) / sizeof(api[0]))

/* v1 controllers the sandbox uses; "cpu" is often co-mounted with
 * cpuacct, and a hierarchy can only be mounted with its exact set. */
static const char *const v1[][2] = {
	{"memory", "memory"},
	{"pids", "pids"},
	{"cpuset", "cpuset"},
	{"cpu", "cpu,cpuacct"},
};

/* A directory is a mount point when it sits on another device than its
 * parent, or is its own parent (/). */
static int mounted(const char *path)
{
	char up[64];
	struct stat a, b;
	size_t n = strlen(path);

	if (n + 4 > sizeof(up) || sys_stat(path, &a))
		return 0;
	memcpy(up, path, n);
	memcpy(up + n, "/..", 4);
	if (sys_stat(up, &b))
		return 0;
	return a.st_dev != b.st_dev || a.st_ino == b.st_ino;
}

/* Mount fs on dst unless something already is. 0 or -errno. */
static int mount_fs(const char *type, const char *dst, unsigned long flags,
		    const char *data)
{
	if (mkdir(dst, 0755) && errno != EEXIST)
		return -errno;
	if (mounted(dst))
		return 0;
	/* The source is the fs type for every API fs; a cgroup v1
	 * hierarchy is chosen by its options (data), not its source. */
	return mount(type, dst, type, flags, data) ? -errno : 0;
}

static int read_small(const char *path, char *buf, unsigned n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = read(fd, buf, n - 1);
	close(fd);
	buf[r > 0 ? r : 0] = 0;
	return r < 0 ? -1 : (int)r;
}

int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		r = -errno;
	close(fd);
	return r;
}

/* A cgroup hierarchy ("cgroup" with its controllers as data, or
 * "cgroup2") mounted from a cgroup namespace of our own, left at once.
 * The mount's root is the namespace's, the cgroup we are in: the whole
 * hierarchy at boot, our own subtree in a container, so the services'
 * cgroups made below it stay under the container's caps. (Mounted from
 * the host's namespace, a hybrid host's v1 memory and pids trees put
 * them at the top, out of the container's limits.) From the first
 * (init) cgroup namespace the kernel also applies a cgroup2 mount's
 * options to the hierarchy as a whole: it would clear flags the host
 * set (nsdelegate, memory_recursiveprot) when corral runs in a
 * container, and since 6.x it waits for an RCU grace period to do so,
 * 5-30 ms measured here (cgroup_favor_dynmods, percpu_down_write).
 * Without cgroup namespaces (before 4.6) the plain mount it is. */
static int mount_cg(const char *type, const char *dst, const char *data)
{
	int ns = open("/proc/self/ns/cgroup", O_RDONLY | O_CLOEXEC), e;

	if (ns >= 0 && unshare(CLONE_NEWCGROUP)) {
		close(ns);
		ns = -1;
	}
	e = mount_fs(type, dst, NSE, data);
	if (ns >= 0) {
		if (setns(ns, CLONE_NEWCGROUP))
			say_err("setns cgroup", errno);
		close(ns);
	}
	return e;
}

/* One v1 hierarchy under /sys/fs/cgroup/NAME: by its own name first,
 * then with the controllers it is usually co-mounted with. */
static void v1_mount(const char *name, const char *alt)
{
	struct ln p = {0};
	int e;

	ln_str(&p, "/sys/fs/cgroup/");
	ln_str(&p, name);
	p.buf[p.len] = 0;
	e = mount_cg("cgroup", p.buf, name);
	if (e == -EBUSY && strcmp(alt, name))
		e = mount_cg("cgroup", p.buf, alt);
	if (e)
		say_err(p.buf, -e);
}

/* Where the word w stands in buf (at its start or after a blank or a
 * newline, and followed by one): the character after it, or NULL. A
 * strstr() would pull 1 KiB of two-way search into the binary. */
static const char *word(const char *buf, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = buf; *p; p++)
		if ((p == buf || p[-1] == ' ' || p[-1] == '\n') &&
		    !strncmp(p, w, n) && (p[n] <= ' '))
			return p + n;
	return 0;
}

/* Does v2 have the memory controller? Hybrid hosts give it leftovers
 * (misc, rdma...) while v1 keeps the ones the sandbox needs. */
static int v2_memory(char *buf, unsigned n)
{
	return read_small("/sys/fs/cgroup/cgroup.controllers", buf, n) > 0 &&
	       word(buf, "memory");
}

/* Is memory bound to a v1 hierarchy already (a hybrid host seen from a
 * container or test)? /proc/cgroups tells without mounting anything: a
 * hierarchy id of 0 means v2 or nowhere yet. Trying cgroup2 first would
 * cost a mount and an umount for nothing. */
static int memory_on_v1(void)
{
	char buf[1024];
	const char *p;

	if (read_small("/proc/cgroups", buf, sizeof(buf)) <= 0)
		return 0;
	p = word(buf, "memory"); /* "memory\tHIERARCHY\t..." */
	return p && *p == '\t' && p[1] != '0';
}

/* Pure v2 when the kernel gives v2 its controllers; otherwise v1
 * controllers on a tmpfs plus v2 (no controllers) under unified/, the
 * hybrid layout of most distributions. */
static void cgroups(void)
{
	static const char *const ctl[] = {"+cpu", "+cpuset", "+memory",
					  "+pids"};
	const char *top = "/sys/fs/cgroup";
	char buf[128];
	int e;

	if (mounted(top))
		return;
	if (!CFG_CGROUP_V1 || !memory_on_v1()) {
		e = mount_cg("cgroup2", top, 0);
		if (!e && (v2_memory(buf, sizeof(buf)) || !CFG_CGROUP_V1)) {
			for (unsigned i = 0; i < sizeof(ctl) / sizeof(ctl[0]);
			     i++)
				write_file(
					"/sys/fs/cgroup/cgroup.subtree_control",
					ctl[i]);
			return;
		}
		if (!e)
			umount2(top, 0);
	}
	if (!CFG_CGROUP_V1 || (e = mount_fs("tmpfs", top, NSE, "mode=0755"))) {
		say_err("mount /sys/fs/cgroup", e ? -e : ENODEV);
		return;
	}
	for (unsigned i = 0; i < sizeof(v1) / sizeof(v1[0]); i++)
		v1_mount(v1[i][0], v1[i][1]);
	mount_cg("cgroup2", "/sys/fs/cgroup/unified", 0);
}

/* The kernel's first PID and UTS namespaces have fixed inode numbers
 * (PROC_PID_INIT_INO, PROC_UTS_INIT_INO). PID 1 of a child PID namespace
 * that still shares the host's UTS namespace (`unshare --pid --fork`
 * without --uts) is a container and must not rename the host. */
static int host_uts(void)
{
	struct stat p, u;

	return !sys_stat("/proc/self/ns/pid", &p) &&
	       !sys_stat("/proc/self/ns/uts", &u) && p.st_ino != 0xEFFFFFFCu &&
	       u.st_ino == 0xEFFFFFFEu;
}

static void modules(void)
{
	for (const char *const *m = tbl_modules; CFG_MODULES && *m; m++) {
		struct ln p = {0};
		int fd, e = 0;

		/* Names are looked up in /lib/modules; paths used as is. */
		if (!strchr(*m, '/'))
			ln_str(&p, "/lib/modules/");
		ln_str(&p, *m);
		if (!strchr(*m, '/'))
			ln_str(&p, ".ko");
		p.buf[p.len] = 0;
		fd = open(p.buf, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			e = errno;
		else if (syscall(SYS_finit_module, fd, "", 0) &&
			 errno != EEXIST)
			e = errno;
		if (fd >= 0)
			close(fd);
		if (e)
			say_err(p.buf, e);
	}
}

/* Each service holds a log pipe (2 fds) and, while starting, a report
 * and a ready pipe: lift the soft limit so 500 services fit. */
static void limits(void)
{
	rlim_t need = 6 * (rlim_t)CFG_MAX_SERVICES + 64;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= need)
		return;
	rl.rlim_cur = need;
	if (rl.rlim_max < need)
		rl.rlim_max = need;
	/* prlimit: musl's setrlimit drags in its all-threads machinery. */
	if (prlimit(0, RLIMIT_NOFILE, &rl, 0))
		say_err("rlimit nofile", errno);
}

/* A fault in PID 1 must not panic the kernel: sync and reboot. The same
 * signal sent with kill(2) (si_code <= 0) is no fault and is ignored,
 * so no process can reboot the machine by signalling PID 1. Only
 * async-signal-safe calls here. */
static void crashed(int sig, siginfo_t *si, void *uc)
{
	static const char msg[] = "corral: fatal signal, rebooting\n";

	(void)uc;
	if (si->si_code <= 0)
		return;
	if (write(log_out, msg, sizeof(msg) - 1) < 0) {
		/* nowhere left to say it */
	}
	sync();
	reboot(RB_AUTOBOOT);
	signal(sig, SIG_DFL); /* reboot failed: let the fault take us */
}

static void crash_handlers(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
	struct sigaction sa = {.sa_sigaction = crashed, .sa_flags = SA_SIGINFO};

	sigfillset(&sa.sa_mask);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, 0))
			say_err("sigaction", errno);
}

/* container= in the environment, the container managers' convention.
 * (A loop over environ: getenv would bring more code than it.) */
static int in_container(void)
{
	for (char **e = environ; *e; e++)
		if (!strncmp(*e, "container=", 10))
			return 1;
	return 0;
}

void boot(void)
{
	int err[NAPI];
	int e;

	/* /dev and /proc first, silently: the log needs /dev/kmsg and
	 * /proc/sys; then the failures are reported. */
	G.container = (uint8_t)in_container();
	root_mount();
	for (unsigned i = 0; i < NAPI; i++)
		err[i] = mount_fs(api[i].type, api[i].dst, api[i].flags,
				  api[i].data);
	log_init();
	crash_handlers();
	for (unsigned i = 0; i < NAPI; i++)
		if (err[i])
			say_err(api[i].dst, -err[i]);
	cgroups();
	if (tbl_hostname && host_uts())
		SAY("hostname: left alone, the UTS namespace is the host's");
	else if (tbl_hostname &&
		 sethostname(tbl_hostname, strlen(tbl_hostname)))
		say_err("hostname", errno);
	if ((e = net_lo_up()) < 0)
		say_err("lo", -e);
	modules();
	top_mounts();
	top_bridges();
	limits();
	wd_open();
}
