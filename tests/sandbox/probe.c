/* probe: a hostile program run inside `corral run` (crun's tests/init.c
 * idea). Each attack is one check asserting one specific outcome, printed
 * in tests/lib.sh's protocol:
 *
 *   PASS: probe: NAME: what happened      FAIL: probe: NAME: why
 *
 *   probe attacks [--port N] [--abstract NAME] [--shm KEY] [--msg KEY]
 *                 [--hostpid PID] [--sysrq 0|1] [--hostaddr A.B.C.D]
 *                 [--abi-host "X32SIG I386SIG"]
 *   probe abi-host      (x86_64, on the host: each foreign ABI's signal)
 *   probe oom MB | forkbomb N | killall | fds | sockets | ids | limits |
 *   probe exit N | inherit |
 *   probe signal N
 *   probe wait-file PATH MS READY
 *
 * Safety: every hostile mode first checks that the process holds no
 * capability in any set and is not uid 0 (CapInh/Prm/Eff/Bnd/Amb in
 * /proc/self/status, and the uids); otherwise it refuses and exits 3,
 * so a broken sandbox can never turn it loose on the test machine. The
 * reboot attempt uses a bad magic number, so even an unconfined root
 * would only get EINVAL. Nothing destructive is ever written.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <net/if.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

static int nchecks, nfail;

static void result(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	nchecks++;
	nfail += !ok;
	printf("%s: probe: %s: ", ok ? "PASS" : "FAIL", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The call must fail with exactly errno `want`. */
static void expect_err(const char *name, long r, int want)
{
	int e = errno;

	if (r == -1 && e == want)
		result(1, name, "%s", strerror(want));
	else
		result(0, name, "expected %s, got return %ld (%s)",
		       strerror(want), r, r == -1 ? strerror(e) : "no error");
}
#define ERR(name, call, want)                                                  \
	do {                                                                   \
		errno = 0;                                                     \
		expect_err(name, (long)(call), want);                          \
	} while (0)

/* ---- the gate ---------------------------------------------------- */

static int status_field(const char *key, char *out, size_t n)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key))) {
			snprintf(out, n, "%s", line + strlen(key));
			out[strcspn(out, " \t\n")] = 0;
			found = 1;
		}
	fclose(f);
	return found;
}

/* 1 when we are harmless: no capability anywhere, no uid 0. */
static int harmless(void)
{
	static const char *const sets[] = {"CapInh:\t", "CapPrm:\t",
					   "CapEff:\t", "CapBnd:\t",
					   "CapAmb:\t"};
	char v[64];
	uid_t r, e, s;

	for (unsigned i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		if (!status_field(sets[i], v, sizeof(v)) ||
		    strtoull(v, 0, 16) != 0)
			return 0;
	if (getresuid(&r, &e, &s) || !r || !e || !s)
		return 0;
	return 1;
}

static void gate(void)
{
	if (harmless())
		return;
	printf("FAIL: probe: refusing hostile checks: this process holds "
	       "capabilities or uid 0 (sandbox broken?)\n");
	exit(3);
}

/* ---- file system ------------------------------------------------- */

static void fs_checks(int have_sysrq)
{
	static const char *const devs[] = {
		"/dev/mem",
		"/dev/kmem",
		"/dev/port",
		"/dev/kmsg",
		"/dev/sda",
		"/dev/vda",
		"/dev/nvme0n1",
		"/dev/watchdog",
		"/dev/watchdog0",
		"/dev/console",
		"/dev/mapper/control",
		"/dev/loop-control",
		"/dev/fuse",
		"/dev/net/tun",
	};
	struct statvfs v;
	char cwd[256], name[64];

	ERR("chroot escape: chroot",
	    (mkdir("/tmp/jail", 0700), chroot("/tmp/jail")), EPERM);
	ERR("mount tmpfs", mount("none", "/tmp", "tmpfs", 0, 0), EPERM);
	ERR("mount sysfs", mount("sysfs", "/sys", "sysfs", 0, 0), EPERM);
	ERR("umount /proc", umount2("/proc", MNT_DETACH), EPERM);
	ERR("remount / rw", mount(0, "/", 0, MS_REMOUNT | MS_BIND, 0), EPERM);
	ERR("fsopen", syscall(SYS_fsopen, "tmpfs", 0), EPERM);
	ERR("open_tree", syscall(SYS_open_tree, AT_FDCWD, "/", 1), EPERM);
	ERR("pivot_root", syscall(SYS_pivot_root, "/tmp", "/tmp"), EPERM);
	ERR("mknod /tmp/null",
	    mknod("/tmp/null", S_IFCHR | 0666, makedev(1, 3)), EPERM);
	ERR("write to /", open("/probe-was-here", O_CREAT | O_WRONLY, 0600),
	    EROFS);
	result(!statvfs("/", &v) && (v.f_flag & ST_RDONLY), "/ read-only",
	       "ST_RDONLY");
	result(!statvfs("/", &v) && (v.f_flag & ST_NOSUID), "/ nosuid",
	       "ST_NOSUID");
	ERR("write to /dev", open("/dev/probe", O_CREAT | O_WRONLY, 0600),
	    EROFS);
	result(!statvfs("/proc/sys", &v) && (v.f_flag & ST_RDONLY),
	       "/proc/sys read-only", "ST_RDONLY");
	ERR("write /proc/sys/kernel/hostname",
	    open("/proc/sys/kernel/hostname", O_WRONLY), EACCES);
	if (have_sysrq) {
		result(!statvfs("/proc/sysrq-trigger", &v) &&
			       (v.f_flag & ST_RDONLY),
		       "/proc/sysrq-trigger read-only", "ST_RDONLY");
		ERR("write /proc/sysrq-trigger",
		    open("/proc/sysrq-trigger", O_WRONLY), EACCES);
	} else {
		ERR("/proc/sysrq-trigger (host has none)",
		    open("/proc/sysrq-trigger", O_WRONLY), ENOENT);
	}
	ERR("/sys not mounted", open("/sys/kernel", O_RDONLY), ENOENT);
	for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		snprintf(name, sizeof(name), "device %s", devs[i]);
		ERR(name, open(devs[i], O_RDWR), ENOENT);
	}
	ERR("/proc/1/root traversal",
	    open("/proc/1/root/", O_RDONLY | O_DIRECTORY), EACCES);
	ERR("/proc/1/environ", open("/proc/1/environ", O_RDONLY), EACCES);
	result(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"), "cwd is /", "%s",
	       cwd);
	result(!access("/tmp", W_OK), "/tmp writable", "W_OK");
}

/* /dev/log and /dev/notify (SPEC 8), where the table asks for them:
 * sockets, never a device or anything else. */
static int jail_socket(const char *name)
{
	char p[300];
	struct stat st;

	snprintf(p, sizeof(p), "/dev/%s", name);
	return (!strcmp(name, "log") || !strcmp(name, "notify")) &&
	       !lstat(p, &st) && S_ISSOCK(st.st_mode);
}

/* Exactly the devices SPEC 5 lists, and SPEC 8's sockets. */
static void dev_list(void)
{
	static const char want[] = " . .. full null ptmx pts random shm stderr "
				   "stdin stdout tty urandom zero fd";
	char got[512] = "";
	struct dirent *d;
	DIR *dir = opendir("/dev");
	int extra = 0;

	while (dir && (d = readdir(dir))) {
		char w[260];

		snprintf(w, sizeof(w), " %s ", d->d_name);
		strcat(strncat(got, " ", sizeof(got) - strlen(got) - 1),
		       d->d_name);
		if (!strstr(want, w) && strcmp(d->d_name, "fd") &&
		    !jail_socket(d->d_name))
			extra = 1;
	}
	if (dir)
		closedir(dir);
	result(dir && !extra, "/dev holds only the minimal set", "%s", got);
}

/* Only 0-2 open (the DIR stream's own fd aside). */
static void fd_check(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	char got[256] = "";
	int bad = 0;

	while (d && (e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] == '.' || fd == dirfd(d))
			continue;
		snprintf(got + strlen(got), sizeof(got) - strlen(got), " %d",
			 fd);
		bad |= fd > 2;
	}
	if (d)
		closedir(d);
	result(d && !bad, "no leaked fds", "open:%s", got);
}

/* ---- kernel interfaces and privilege ------------------------------ */

/* A raw clone(2) returns 0 in the child if it succeeds: that child must
 * stop at once, not run the rest of the probe. */
static long clone_flags(unsigned long flags)
{
	long r = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);

	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, 0, 0);
	return r;
}

static void ns_checks(void)
{
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	ERR("unshare(CLONE_NEWUSER)", unshare(CLONE_NEWUSER), EPERM);
	ERR("unshare(CLONE_NEWNS)", unshare(CLONE_NEWNS), EPERM);
	ERR("unshare(CLONE_NEWNET)", unshare(CLONE_NEWNET), EPERM);
	ERR("clone(CLONE_NEWUSER)", clone_flags(CLONE_NEWUSER), EPERM);
	ERR("clone(CLONE_NEWPID)", clone_flags(CLONE_NEWPID), EPERM);
	ERR("clone3", syscall(SYS_clone3, (void *)0, 0), ENOSYS);
	ERR("setns", setns(fd, 0), EPERM);
	close(fd);
}

/* PTRACE_TRACEME in a child that exits at once: if it succeeded (a
 * weakened sandbox), the probe itself must not end up traced. */
static long traceme(void)
{
	int st = 0;
	pid_t p = fork();

	if (p == 0)
		_exit(ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 ? errno : 0);
	if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st))
		return -2;
	errno = WEXITSTATUS(st);
	return errno ? -1 : 0;
}

/* The state letter of PID 1 (the reaper) from /proc/1/stat. */
static char proc1_state(void)
{
	char b[256], *p;
	int fd = open("/proc/1/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, b, sizeof(b) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return '?';
	b[n] = 0;
	p = strrchr(b, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static void trace_checks(void)
{
	char st;

	ERR("ptrace PID 1 (the reaper)", ptrace(PTRACE_ATTACH, 1, 0, 0), EPERM);
	ERR("ptrace the parent", ptrace(PTRACE_ATTACH, getppid(), 0, 0), EPERM);
	ERR("ptrace TRACEME", traceme(), EPERM);
	ERR("process_vm_readv", syscall(SYS_process_vm_readv, 1, 0, 0, 0, 0, 0),
	    EPERM);
	/* The reaper has our uid (to pass signals on), so kill() is allowed,
	 * but as the namespace's init it ignores both. */
	kill(1, SIGKILL);
	kill(1, SIGSTOP);
	usleep(20000);
	st = proc1_state();
	result(st == 'S' || st == 'R', "the reaper ignores SIGKILL and SIGSTOP",
	       "state %c", st);
}

static void sys_checks(void)
{
	struct timespec now;
	struct timeval tv;
	char buf[64];
	uint64_t zero[32] = {0};

	/* A bad magic: even with CAP_SYS_BOOT this only gets EINVAL. */
	ERR("reboot (bad magic)",
	    syscall(SYS_reboot, 0x1234, 0x5678, 0x89abcdef, 0), EPERM);
	ERR("sethostname", sethostname("pwned", 5), EPERM);
	ERR("init_module", syscall(SYS_init_module, 0, 0, ""), EPERM);
	ERR("finit_module", syscall(SYS_finit_module, 0, "", 0), EPERM);
	ERR("delete_module", syscall(SYS_delete_module, "loop", 0), EPERM);
	ERR("kexec_load", syscall(SYS_kexec_load, 0, 0, 0, 0), EPERM);
	ERR("keyctl", syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -3, 0),
	    EPERM);
	ERR("add_key", syscall(SYS_add_key, "user", "probe", "x", 1, -2),
	    EPERM);
	ERR("request_key", syscall(SYS_request_key, "user", "probe", 0, 0),
	    EPERM);
	ERR("bpf", syscall(SYS_bpf, 0 /* MAP_CREATE */, zero, 72), EPERM);
	ERR("perf_event_open", syscall(SYS_perf_event_open, zero, 0, -1, -1, 0),
	    EPERM);
	ERR("userfaultfd", syscall(SYS_userfaultfd, 0), EPERM);
	ERR("io_uring_setup", syscall(SYS_io_uring_setup, 1, zero), EPERM);
	ERR("open_by_handle_at",
	    syscall(SYS_open_by_handle_at, AT_FDCWD, zero, 0), EPERM);
	ERR("syslog", klogctl(3 /* READ_ALL */, buf, sizeof(buf)), EPERM);
	ERR("swapoff", swapoff("/probe-none"), EPERM);
	ERR("swapon", swapon("/probe-none", 0), EPERM);
	ERR("acct", acct(0), EPERM);
	ERR("quotactl", syscall(SYS_quotactl, 0, "/", 0, 0), EPERM);
	clock_gettime(CLOCK_REALTIME, &now);
	ERR("clock_settime (to now)", clock_settime(CLOCK_REALTIME, &now),
	    EPERM);
	gettimeofday(&tv, 0);
	ERR("settimeofday (to now)", settimeofday(&tv, 0), EPERM);
	ERR("personality(PER_LINUX32)", personality(PER_LINUX32), EPERM);
	/* The persona in the low byte: 32-bit ARM adds ADDR_LIMIT_32BIT. */
	result((personality(0xffffffff) & PER_MASK) == PER_LINUX,
	       "personality query allowed", "PER_LINUX");
}

static void id_checks(void)
{
	char v[64];
	struct rlimit r;

	ERR("setresuid(0)", setresuid(0, 0, 0), EPERM);
	ERR("setuid(0)", setuid(0), EPERM);
	ERR("setgid(0)", setgid(0), EPERM);
	ERR("setgroups", setgroups(0, 0), EPERM);
	result(status_field("NoNewPrivs:\t", v, sizeof(v)) && !strcmp(v, "1"),
	       "no_new_privs", "NoNewPrivs %s", v);
	result(status_field("Seccomp:\t", v, sizeof(v)) && !strcmp(v, "2"),
	       "seccomp filter on", "Seccomp %s", v);
	result(!getrlimit(RLIMIT_CORE, &r) && !r.rlim_cur && !r.rlim_max,
	       "core dumps off", "RLIMIT_CORE 0");
	result(getsid(0) == getpid(), "own session", "sid %d", (int)getsid(0));
	ERR("no controlling tty", open("/dev/tty", O_RDWR), ENXIO);
	ERR("TIOCSTI", ioctl(0, TIOCSTI, "x"), EPERM);
}

/* ---- socket families the default filter refuses ------------------- */

static const struct {
	const char *name;
	int fam, type, proto;
} socks[] = {
	{"socket(AF_VSOCK)", 40 /* AF_VSOCK */, SOCK_STREAM, 0},
	{"socket(AF_ALG)", 38 /* AF_ALG */, SOCK_SEQPACKET, 0},
	{"socket(NETLINK_KOBJECT_UEVENT)", AF_NETLINK, SOCK_DGRAM,
	 15 /* NETLINK_KOBJECT_UEVENT */},
};

static int try_socket_ok(int fam, int type, int proto)
{
	int s = socket(fam, type | SOCK_CLOEXEC, proto);

	if (s >= 0)
		close(s);
	return s >= 0;
}

static long try_socket(unsigned i)
{
	int s = socket(socks[i].fam, socks[i].type | SOCK_CLOEXEC,
		       socks[i].proto);

	if (s >= 0)
		close(s);
	return s;
}

static void sock_checks(void)
{
	for (unsigned i = 0; i < sizeof(socks) / sizeof(socks[0]); i++)
		ERR(socks[i].name, try_socket(i), EPERM);
	/* what services do need still works */
	result(try_socket_ok(AF_UNIX, SOCK_DGRAM, 0) &&
		       try_socket_ok(AF_INET6, SOCK_STREAM, 0) &&
		       try_socket_ok(AF_NETLINK, SOCK_DGRAM, 0 /* ROUTE */),
	       "unix, inet6 and rtnetlink sockets allowed", "ok");
	ERR("fanotify_init", syscall(SYS_fanotify_init, 0, 0), EPERM);
}

/* `probe sockets`: each refused family's outcome, "NAME ERRNO|ok". */
static int sockets(void)
{
	for (unsigned i = 0; i < sizeof(socks) / sizeof(socks[0]); i++) {
		long r = (errno = 0, try_socket(i));

		printf("%s %s\n", socks[i].name,
		       r >= 0 ? "ok" : strerror(errno));
	}
	return 0;
}

/* ---- foreign ABIs: the filter kills the whole process ------------- */

#if defined(__x86_64__)
static void x32_getpid(void)
{
	syscall(SYS_getpid | 0x40000000);
}

static void i386_getpid(void)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(20) : "memory");
	(void)r;
}

/* Run fn in a child: the signal that ended it, 0 if it returned. */
static int run_abi(void (*fn)(void))
{
	int st = 0;
	pid_t p = fork();

	if (p == 0) {
		fn();
		_exit(0);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return -1;
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

/* It must die of SIGSYS, never return. A host whose kernel has no such
 * ABI at all (`probe abi-host` said SIGSEGV outside any sandbox) ends
 * it with that signal before any filter runs: a SKIP, not a PASS. */
static void killed_by_sigsys(const char *name, void (*fn)(void), int host)
{
	int sig = run_abi(fn);

	if (host && sig == host) {
		printf("SKIP: probe: %s: the host kernel cannot run it at all "
		       "(%s outside any sandbox too)\n",
		       name, strsignal(sig));
		return;
	}
	result(sig == SIGSYS, name, "%s",
	       sig > 0 ? strsignal(sig) : "returned");
}

/* Outside the sandbox: how this kernel treats each foreign ABI. */
static int abi_host(void)
{
	printf("x32 %d i386 %d\n", run_abi(x32_getpid), run_abi(i386_getpid));
	return 0;
}
#endif

static int no_x32, no_i386; /* --abi-host "X I": abi_host()'s signals */

static void abi_checks(void)
{
#if defined(__x86_64__)
	killed_by_sigsys("x32 syscall", x32_getpid, no_x32);
	killed_by_sigsys("i386 int 0x80 syscall", i386_getpid, no_i386);
#else
	printf("SKIP: probe: foreign ABI checks (x86_64 only)\n");
#endif
}

/* A setuid-root copy of this program reports its ids: no gain. */
static void suid_check(void)
{
	int pfd[2], st;
	char buf[64] = "";
	pid_t p;

	if (access("/bin/probe-suid", X_OK)) {
		result(0, "setuid-root binary", "/bin/probe-suid missing");
		return;
	}
	if (pipe(pfd))
		return;
	p = fork();
	if (p == 0) {
		dup2(pfd[1], 1);
		execl("/bin/probe-suid", "probe-suid", "ids", (char *)0);
		_exit(127);
	}
	close(pfd[1]);
	read(pfd[0], buf, sizeof(buf) - 1);
	close(pfd[0]);
	waitpid(p, &st, 0);
	buf[strcspn(buf, "\n")] = 0;
	result(strtol(buf, 0, 10) == (long)getuid(),
	       "setuid-root binary gains nothing", "euid %s", buf);
}

/* ---- network, IPC, PIDs ------------------------------------------- */

static int connect_to(int fam, const void *sa, socklen_t len)
{
	int s = socket(fam, SOCK_STREAM | SOCK_CLOEXEC, 0), r;

	if (s < 0)
		return -1;
	r = connect(s, sa, len);
	if (r < 0) {
		int e = errno;

		close(s);
		errno = e;
		return -1;
	}
	close(s);
	return 0;
}

static void if_checks(void)
{
	char line[256], names[256] = "";
	FILE *f = fopen("/proc/net/dev", "re");
	int n = 0, lo_only = 1;
	struct ifreq ifr = {0};
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	while (f && fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':'), *p = line;

		if (!c)
			continue;
		*c = 0;
		while (*p == ' ')
			p++;
		n++;
		lo_only &= !strcmp(p, "lo");
		strncat(names, " ", sizeof(names) - strlen(names) - 1);
		strncat(names, p, sizeof(names) - strlen(names) - 1);
	}
	if (f)
		fclose(f);
	result(f && n == 1 && lo_only, "only lo", "interfaces:%s", names);
	strcpy(ifr.ifr_name, "lo");
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		ifr.ifr_flags = 0;
	result(ifr.ifr_flags & IFF_UP, "lo is up", "flags %#x", ifr.ifr_flags);
	if (s >= 0)
		close(s);
}

static void net_checks(int port, const char *abstract, const char *hostaddr)
{
	struct sockaddr_in in = {.sin_family = AF_INET};
	struct sockaddr_un un = {.sun_family = AF_UNIX};

	if_checks();
	in.sin_port = htons((uint16_t)port);
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (port)
		ERR("host TCP port on 127.0.0.1",
		    connect_to(AF_INET, &in, sizeof(in)), ECONNREFUSED);
	if (port && hostaddr && inet_pton(AF_INET, hostaddr, &in.sin_addr) == 1)
		ERR("host TCP port on the host's address",
		    connect_to(AF_INET, &in, sizeof(in)), ENETUNREACH);
	if (abstract) {
		size_t n = strlen(abstract);

		memcpy(un.sun_path + 1, abstract, n);
		ERR("host abstract unix socket",
		    connect_to(
			    AF_UNIX, &un,
			    (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
					1 + n)),
		    ECONNREFUSED);
	}
}

static void ipc_checks(long shm, long msg)
{
	if (shm)
		ERR("host SysV shm segment", shmget((key_t)shm, 0, 0), ENOENT);
	if (msg)
		ERR("host SysV message queue", msgget((key_t)msg, 0), ENOENT);
}

static void pid_checks(long hostpid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] >= '1' && e->d_name[0] <= '9';
	if (d)
		closedir(d);
	result(n >= 1 && n <= 3, "own PID namespace", "%d processes in /proc",
	       n);
	if (hostpid > 3)
		ERR("host process invisible", kill((pid_t)hostpid, 0), ESRCH);
}

/* ---- modes -------------------------------------------------------- */

struct host {
	int port, sysrq;
	long shm, msg, hostpid;
	const char *abstract, *hostaddr;
};

static int attacks(int argc, char **argv)
{
	struct host h = {0};

	for (int i = 2; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];

		if (!strcmp(k, "--port"))
			h.port = atoi(v);
		else if (!strcmp(k, "--abstract"))
			h.abstract = v;
		else if (!strcmp(k, "--shm"))
			h.shm = strtol(v, 0, 0);
		else if (!strcmp(k, "--msg"))
			h.msg = strtol(v, 0, 0);
		else if (!strcmp(k, "--hostpid"))
			h.hostpid = atol(v);
		else if (!strcmp(k, "--sysrq"))
			h.sysrq = atoi(v);
		else if (!strcmp(k, "--hostaddr"))
			h.hostaddr = v;
		else if (!strcmp(k, "--abi-host"))
			sscanf(v, "%d %d", &no_x32, &no_i386);
	}
	fd_check();
	fs_checks(h.sysrq);
	dev_list();
	ns_checks();
	trace_checks();
	sys_checks();
	id_checks();
	abi_checks();
	sock_checks();
	suid_check();
	net_checks(h.port, h.abstract, h.hostaddr);
	ipc_checks(h.shm, h.msg);
	pid_checks(h.hostpid);
	printf("%s: probe: ran %d attack checks, %d failed\n",
	       nfail ? "FAIL" : "PASS", nchecks, nfail);
	return nfail != 0;
}

/* Touch mb MiB; under a smaller memory cap the OOM killer ends us. */
static int oom(int mb)
{
	for (int i = 0; i < mb; i++) {
		char *p = mmap(0, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return 2;
		memset(p, i, 1 << 20);
	}
	printf("touched %d MiB\n", mb);
	return 0;
}

/* Fork (children just wait) until fork fails; the pids cap must stop us
 * with EAGAIN below max. Prints how many children we got and why we
 * stopped, kills them and exits 0. */
static int forkbomb(int max)
{
	static pid_t kids[4096];
	int n = 0, e = 0;

	for (; n < max && n < 4096; n++) {
		pid_t p = fork();

		if (p == 0) {
			pause();
			_exit(0);
		}
		if (p < 0) {
			e = errno;
			break;
		}
		kids[n] = p;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(0) > 0)
		;
	printf("%d %s\n", n, e ? strerror(e) : "no error");
	return 0;
}

/* kill(-1) may reach only this namespace's processes: none but us and
 * the reaper, which it skips, so ESRCH. */
static int killall(void)
{
	long r = kill(-1, SIGKILL);

	printf("%s\n", r == -1 ? strerror(errno) : "signalled someone");
	return 0;
}

/* Create ready (tells the host we are set up), then wait up to ms for
 * path to appear; print whether it did. */
static int wait_file(const char *path, int ms, const char *ready)
{
	struct timespec t = {0, 10 * 1000 * 1000};
	int fd = open(ready, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);

	if (fd < 0)
		return perror(ready), 2;
	close(fd);
	for (int i = 0; i < ms / 10; i++) {
		if (!access(path, F_OK))
			break;
		nanosleep(&t, 0);
	}
	printf("%s\n", access(path, F_OK) ? "absent" : "present");
	return 0;
}

/* What the service inherited from its caller: "uid U nice N policy P
 * oom N loginuid N setloginuid ERR" (the last: writing 0 to its
 * loginuid). */
static int inherit(void)
{
	char oom[16] = "?", lu[16] = "?";
	int fd = open("/proc/self/oom_score_adj", O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && read(fd, oom, sizeof(oom) - 1) > 0)
		oom[strcspn(oom, "\n")] = 0;
	if (fd >= 0)
		close(fd);
	fd = open("/proc/self/loginuid", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && read(fd, lu, sizeof(lu) - 1) > 0)
		lu[strcspn(lu, "\n")] = 0;
	if (fd >= 0)
		close(fd);
	printf("uid %d nice %d policy %ld oom %s loginuid %s", (int)getuid(),
	       getpriority(PRIO_PROCESS, 0), syscall(SYS_sched_getscheduler, 0),
	       oom, lu);
	fd = open("/proc/self/loginuid", O_WRONLY | O_CLOEXEC);
	errno = 0;
	if (fd < 0 || write(fd, "0", 1) < 0)
		printf(" setloginuid %s\n", strerror(errno));
	else
		printf(" setloginuid done\n");
	if (fd >= 0)
		close(fd);
	return 0;
}

/* The limits a service starts with: nofile and core, soft and hard. */
static int limits(void)
{
	struct rlimit n, c;

	getrlimit(RLIMIT_NOFILE, &n);
	getrlimit(RLIMIT_CORE, &c);
	printf("nofile %llu %llu core %llu %llu\n",
	       (unsigned long long)n.rlim_cur, (unsigned long long)n.rlim_max,
	       (unsigned long long)c.rlim_cur, (unsigned long long)c.rlim_max);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	setvbuf(stdout, 0, _IOLBF, 0);
	if (!strcmp(m, "exit") && argc > 2)
		return atoi(argv[2]);
	if (!strcmp(m, "signal") && argc > 2)
		return kill(getpid(), atoi(argv[2])), pause(), 1;
	if (!strcmp(m, "ids"))
		return printf("%d %d\n", (int)geteuid(), (int)getegid()), 0;
	if (!strcmp(m, "limits"))
		return limits();
	if (!strcmp(m, "inherit")) /* writes only its own loginuid */
		return inherit();
#if defined(__x86_64__)
	if (!strcmp(m, "abi-host")) /* harmless: getpid, outside a sandbox */
		return abi_host();
#endif
	gate();
	if (!strcmp(m, "attacks"))
		return attacks(argc, argv);
	if (!strcmp(m, "oom") && argc > 2)
		return oom(atoi(argv[2]));
	if (!strcmp(m, "forkbomb") && argc > 2)
		return forkbomb(atoi(argv[2]));
	if (!strcmp(m, "killall"))
		return killall();
	if (!strcmp(m, "fds"))
		return fd_check(), nfail;
	if (!strcmp(m, "sockets"))
		return sockets();
	if (!strcmp(m, "wait-file") && argc > 4)
		return wait_file(argv[2], atoi(argv[3]), argv[4]);
	fprintf(stderr, "usage: probe attacks|oom MB|forkbomb N|killall|fds|"
			"wait-file PATH MS READY|ids|limits|exit N|signal N\n");
	return 2;
}
