/* dropuid: a classic daemon's privilege drop, run as uid 0 inside
 * `corral run --user root --caps setuid,setgid,net_bind_service` by
 * run_privdrop.sh. One line per step, "STEP ok" or "STEP ERRNO-TEXT".
 *
 *   dropuid keep    dnsmasq -u / chronyd -u: PR_SET_KEEPCAPS, setgroups,
 *                   setgid, setuid to 65534, capset keeping
 *                   net_bind_service; then what it holds: ids, caps,
 *                   a bind to port 80, no way back to uid 0
 *   dropuid plain   setgid, setuid to 65534 without KEEPCAPS: the
 *                   classic fixup leaves no capability at all
 *   dropuid bits    the securebits it was started with, in hex
 *
 * With a second word "wait", keep or plain prints "waiting" once it
 * dropped its uid and waits for a signal: the reaper must still reach
 * it under that uid.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOBODY 65534

static int say(const char *step, int r)
{
	printf("%s %s\n", step, r < 0 ? strerror(errno) : "ok");
	return r;
}

static void caps(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0) {
		say("capget", -1);
		return;
	}
	printf("caps eff=%x perm=%x inh=%x\n", d[0].effective, d[0].permitted,
	       d[0].inheritable);
}

static int keep_only(unsigned cap)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2] = {{0}};

	d[0].effective = d[0].permitted = 1u << cap;
	return (int)syscall(SYS_capset, &h, d);
}

static void bind80(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(80),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (say("socket", fd) < 0)
		return;
	say("bind80", bind(fd, (struct sockaddr *)&a, sizeof(a)));
	close(fd);
}

static void held(void)
{
	gid_t g[4];
	int n = getgroups(4, g);

	printf("ids %u %u %u %u groups %d\n", getuid(), geteuid(), getgid(),
	       getegid(), n);
	caps();
	bind80();
	say("setuid0", setuid(0));
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	setvbuf(stdout, 0, _IOLBF, 0);
	if (!strcmp(m, "bits")) {
		printf("securebits %x\n", prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
		return 0;
	}
	if (!strcmp(m, "keep") &&
	    say("keepcaps", prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)) < 0)
		return 1;
	if (say("setgroups", setgroups(0, 0)) < 0 ||
	    say("setgid", setgid(NOBODY)) < 0 ||
	    say("setuid", setuid(NOBODY)) < 0)
		return 1;
	if (!strcmp(m, "keep") &&
	    say("capset", keep_only(CAP_NET_BIND_SERVICE)) < 0)
		return 1;
	if (argc > 2 && !strcmp(argv[2], "wait")) {
		puts("waiting");
		pause();
	}
	held();
	return 0;
}
