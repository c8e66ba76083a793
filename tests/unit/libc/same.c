/* Prints what each libc function that lib/sysover.c and lib/strover.c
 * replace returns for a fixed set of calls (and errno, the fds and
 * masks they give back). tests/unit/libc_same.sh builds it twice, with
 * musl's functions and with corral's, and wants the same lines. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, code;

static long ret;

/* errno cleared first, read after the call. */
#define CALL(name, call)                                                       \
	(errno = 0, ret = (long)(call),                                        \
	 printf("%s: %ld errno %d\n", name, ret, errno))

static void on_sig(int s)
{
	got = s;
}

static void on_info(int s, siginfo_t *si, void *uc)
{
	(void)uc;
	got = s;
	code = si->si_code;
}

static void say_action(int sig)
{
	struct sigaction o;

	CALL("sigaction get", sigaction(sig, 0, &o));
	printf("  handler %s flags %#x usr2 %d term %d\n",
	       o.sa_handler == SIG_DFL   ? "dfl"
	       : o.sa_handler == SIG_IGN ? "ign"
	       : o.sa_handler == on_sig  ? "on_sig"
					 : "on_info",
	       (unsigned)o.sa_flags & ~0x04000000u,
	       sigismember(&o.sa_mask, SIGUSR2),
	       sigismember(&o.sa_mask, SIGTERM));
}

static void signals(void)
{
	struct sigaction sa = {.sa_handler = on_sig};
	int bad[] = {0, 32, 33, 34, _NSIG, -1, SIGKILL, SIGSTOP};
	sigset_t set, old;

	CALL("sigaction plain", sigaction(SIGUSR1, &sa, 0));
	CALL("kill", kill(getpid(), SIGUSR1));
	printf("  handled %d\n", got);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	sigaddset(&sa.sa_mask, SIGUSR2);
	CALL("sigaction siginfo", sigaction(SIGUSR1, &sa, 0));
	say_action(SIGUSR1);
	CALL("kill", kill(getpid(), SIGUSR1));
	printf("  handled %d code %d\n", got, code);
	say_action(SIGUSR1);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CALL("sigaction bad", sigaction(bad[i], &sa, 0));
	printf("signal: %d\n", signal(SIGUSR1, on_sig) == SIG_DFL);
	printf("signal: %d\n", signal(SIGUSR1, SIG_IGN) == on_sig);
	say_action(SIGUSR1);
	printf("signal: %d errno %d\n", signal(SIGKILL, SIG_IGN) == SIG_ERR,
	       errno);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CALL("sigprocmask block", sigprocmask(SIG_BLOCK, &set, 0));
	CALL("sigprocmask get", sigprocmask(SIG_SETMASK, 0, &old));
	printf("  usr2 %d usr1 %d 33 %d\n", sigismember(&old, SIGUSR2),
	       sigismember(&old, SIGUSR1), sigismember(&old, 33));
	/* musl's own signals (32-34) are masked out of the old set */
	sigemptyset(&set);
	set.__bits[32 / (8 * sizeof(set.__bits[0]))] |=
		1UL << 32 % (8 * sizeof(set.__bits[0]));
	CALL("sigprocmask block 33", sigprocmask(SIG_BLOCK, &set, &old));
	CALL("sigprocmask get", sigprocmask(SIG_BLOCK, 0, &old));
	printf("  33 %d\n", !!(old.__bits[32 / (8 * sizeof(old.__bits[0]))] &
			       1UL << 32 % (8 * sizeof(old.__bits[0]))));
	sigaddset(&set, SIGUSR2);
	CALL("sigprocmask bad how", sigprocmask(99, &set, 0));
	CALL("sigprocmask bad how, no set", sigprocmask(99, 0, &old));
	CALL("sigprocmask unblock", sigprocmask(SIG_UNBLOCK, &set, &old));
	printf("  usr2 %d\n", sigismember(&old, SIGUSR2));
}

static void files(const char *dir)
{
	char p[256], cwd[256];
	struct stat st;
	struct rlimit rl;
	int fd, d;

	snprintf(p, sizeof(p), "%s/f", dir);
	CALL("open missing", open("/nonexistent/x", O_RDONLY | O_CLOEXEC));
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	printf("open create: %d\n", fd >= 0);
	printf("  mode %o cloexec %d\n", fstat(fd, &st) ? 0 : st.st_mode & 0777,
	       fcntl(fd, F_GETFD));
	close(fd);
	CALL("open exists", open(p, O_WRONLY | O_CREAT | O_EXCL, 0600));
	d = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	fd = openat(d, "f", O_RDONLY | O_CLOEXEC);
	printf("openat: %d\n", fd >= 0);
	close(fd);
	CALL("openat missing", openat(d, "g", O_RDONLY));
	CALL("openat create",
	     openat(d, "g", O_RDWR | O_CREAT | O_CLOEXEC, 0604) >= 0);
	snprintf(p, sizeof(p), "%s/g", dir);
	printf("  mode %o\n", stat(p, &st) ? 0 : st.st_mode & 0777);
	CALL("fchdir O_PATH", fchdir(d));
	printf("  cwd is dir %d\n",
	       getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, dir));
	close(d);
	CALL("fchdir closed", fchdir(d));
	CALL("getrlimit", getrlimit(RLIMIT_NOFILE, &rl));
	printf("  cur<=max %d\n", rl.rlim_cur <= rl.rlim_max);
	CALL("getrlimit cpu", getrlimit(RLIMIT_CPU, &rl));
	printf("  infinite %d %d\n", rl.rlim_cur == RLIM_INFINITY,
	       rl.rlim_max == RLIM_INFINITY);
	CALL("getrlimit bad", getrlimit(999, &rl));
}

/* SCM_RIGHTS both ways, with the caller's padding full of garbage. */
static void messages(void)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int) * 2)];
	} u, r;
	char c = 'x', in = 0;
	struct iovec io = {&c, 1}, ii = {&in, 1};
	struct msghdr m, rm;
	int sv[2], fds[2] = {0, 1};

	CALL("socketpair",
	     socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv));
	memset(&u, 0xa5, sizeof(u));
	memset(&m, 0x5a, sizeof(m));
	m.msg_name = 0, m.msg_namelen = 0, m.msg_flags = 0;
	m.msg_iov = &io, m.msg_iovlen = 1;
	m.msg_control = u.b, m.msg_controllen = sizeof(u.b);
	u.h.cmsg_level = SOL_SOCKET, u.h.cmsg_type = SCM_RIGHTS;
	u.h.cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(&u.h), fds, sizeof(fds));
	CALL("sendmsg", sendmsg(sv[0], &m, MSG_NOSIGNAL));
	memset(&rm, 0x5a, sizeof(rm));
	memset(&r, 0, sizeof(r));
	rm.msg_name = 0, rm.msg_namelen = 0, rm.msg_flags = 0;
	rm.msg_iov = &ii, rm.msg_iovlen = 1;
	rm.msg_control = r.b, rm.msg_controllen = sizeof(r.b);
	CALL("recvmsg", recvmsg(sv[1], &rm, MSG_CMSG_CLOEXEC));
	memcpy(fds, CMSG_DATA(&r.h), sizeof(fds));
	printf("  byte %c controllen %d type %d len %d fds %d %d cloexec %d\n",
	       in, (int)rm.msg_controllen, r.h.cmsg_type, (int)r.h.cmsg_len,
	       fds[0], fds[1], fcntl(fds[0], F_GETFD));
	CALL("recvmsg empty", recvmsg(sv[1], &rm, MSG_DONTWAIT));
	close(sv[1]);
	CALL("sendmsg closed", sendmsg(sv[0], &m, MSG_NOSIGNAL));
	CALL("socket",
	     socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
	printf("  cloexec %d nonblock %d\n", fcntl((int)ret, F_GETFD),
	       (fcntl((int)ret, F_GETFL) & O_NONBLOCK) != 0);
	CALL("socket bad family", socket(12345, SOCK_DGRAM, 0));
}

static void misc(void)
{
	struct timespec a, b, d = {0, 20000000}, rem;
	struct ifreq ifr = {.ifr_name = "lo"};
	char name[16] = "";
	int fd;

	clock_gettime(CLOCK_MONOTONIC, &a);
	CALL("nanosleep", nanosleep(&d, &rem));
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("  slept %d\n",
	       (b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec >=
		       20000000);
	d.tv_nsec = 1000000000;
	CALL("nanosleep bad", nanosleep(&d, 0));
	signal(SIGALRM, on_sig);
	d.tv_sec = 3, d.tv_nsec = 0;
	alarm(1);
	CALL("nanosleep interrupted", nanosleep(&d, &rem));
	printf("  rem %d\n", rem.tv_sec >= 1 && rem.tv_sec <= 2 &&
				     rem.tv_nsec >= 0 &&
				     rem.tv_nsec < 1000000000);
	CALL("prctl set", prctl(PR_SET_NAME, "libc-same", 0, 0, 0));
	CALL("prctl get", prctl(PR_GET_NAME, name, 0, 0, 0));
	printf("  name %s\n", name);
	CALL("prctl bad", prctl(-1, 0, 0, 0, 0));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CALL("ioctl", ioctl(fd, SIOCGIFINDEX, &ifr));
	printf("  index %d\n", ifr.ifr_ifindex > 0);
	strcpy(ifr.ifr_name, "nosuchif0");
	CALL("ioctl missing", ioctl(fd, SIOCGIFINDEX, &ifr));
	CALL("ioctl bad fd", ioctl(-1, SIOCGIFINDEX, &ifr));
	close(fd);
}

/* Pseudo-random strings over a few bytes (the high bit set too), every
 * string function on each: one line each, the positions they return. */
static void strings(void)
{
	static const char alpha[] = "ab/\xff\x80 ";
	unsigned seed = 1;
	char a[72], b[72], set[8];

#define POS(p) ((p) ? (long)((const char *)(p)-a) : -1L)
	for (int it = 0; it < 3000; it++) {
		int la = rand_r(&seed) % 64, ls = rand_r(&seed) % 6, c;
		size_t n = (size_t)rand_r(&seed) % 70, m;

		for (int i = 0; i < la; i++)
			a[i] = alpha[rand_r(&seed) % 6];
		a[la] = 0;
		memcpy(b, a, sizeof(b));
		b[rand_r(&seed) % 64] = alpha[rand_r(&seed) % 6];
		b[rand_r(&seed) % 70] = 0;
		for (int i = 0; i < ls; i++)
			set[i] = alpha[rand_r(&seed) % 6];
		set[ls] = 0;
		c = it % 3 ? (unsigned char)alpha[rand_r(&seed) % 6] : 0;
		c += it % 5 ? 0 : 256;
		m = n < (size_t)la + 1 ? n : (size_t)la + 1;
		printf("%zu %zu %ld %ld %ld %ld %ld %zu %zu %d\n", strlen(a),
		       strnlen(a, n), POS(memchr(a, c, m)),
		       POS(memrchr(a, c, m)), POS(strchrnul(a, c)),
		       POS(strchr(a, c)), POS(strrchr(a, c)), strspn(a, set),
		       strcspn(a, set),
		       (strncmp(a, b, n) > 0) - (strncmp(a, b, n) < 0));
	}
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	if (argc != 2)
		return 2;
	signals();
	files(argv[1]);
	messages();
	misc();
	strings();
	return 0;
}
