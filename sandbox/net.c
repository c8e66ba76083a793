/* Networking of a service (see net.h), through the rtnetlink requests
 * of rtnl.c.
 *
 * Why a forked helper for the inside end: eth0's address, its link state
 * and the default route must be set from inside the child's network
 * namespace, and a netlink socket talks to the namespace it was created
 * in. setns() in the caller would move PID 1 itself, and a failure to
 * move back would leave PID 1 in a service's namespace for good; a
 * short-lived fork does setns(), opens its socket there, does the work
 * and reports {errno, step} through a close-on-exec pipe. The child
 * cannot be asked to do it: it runs no code of ours after exec, and
 * before exec it must not need the parent's help.
 *
 * The inside end is created straight in the child's namespace
 * (IFLA_NET_NS_PID on the peer), so "eth0" never exists on the host and
 * cannot collide with the host's own eth0.
 */
#include "sandbox/net.h"
#include "sandbox/rtnl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "out.h"
#include "sys.h"

/* ---- inside the child's namespace, from a helper ---- */

struct result {
	int err;
	const char *step; /* a literal: same address in parent and helper */
};

/* The interface inside: eth0 of a pair, or the device moved in. */
static const char *inner(const struct svc *s)
{
	return s->net == NET_DEV ? s->netif : "eth0";
}

/* Run as the helper, already in the child's namespace: lo up; the
 * interface addressed (net dev: if an address is given), up, and the
 * default route. */
static int inside(const struct svc *s, const char **step)
{
	int fd, idx, r;

	*step = "net lo up";
	if ((r = net_lo_up()))
		return r;
	*step = "net socket";
	if ((fd = nl_open()) < 0)
		return fd;
	*step = "net ifindex";
	if ((r = idx = if_index(fd, inner(s))) > 0 && s->addr) {
		*step = "net RTM_NEWADDR";
		r = addr_add(fd, idx, s->addr, s->prefix);
	}
	if (r >= 0) {
		*step = "net link up";
		r = link_up(fd, idx);
	}
	if (!r && s->gw) {
		*step = "net RTM_NEWROUTE";
		r = route_add(fd, idx, s->gw);
	}
	close(fd);
	return r;
}

/* net dev's way home, run in the service's namespace: to that of the
 * helper's parent, PID 1 or corral run (IFLA_NET_NS_PID reads the pid
 * in the helper's PID namespace, which is its parent's). */
static int back(const struct svc *s, const char **step)
{
	int fd, r;

	*step = "net dev back";
	if ((fd = nl_open()) < 0)
		return fd;
	r = link_set(fd, 0, s->netif, 0, (uint32_t)getppid());
	close(fd);
	return r;
}

typedef int in_fn(const struct svc *s, const char **step);

static _Noreturn void helper(int nsfd, in_fn *fn, const struct svc *s, int out)
{
	struct result res = {0, "net setns"};

	if (setns(nsfd, CLONE_NEWNET) < 0)
		res.err = -errno;
	else
		res.err = fn(s, &res.step);
	_exit(write_all(out, &res, sizeof(res)) ? 1 : 0);
}

/* Fork the helper into nsfd's namespace, run fn there, collect its
 * result. 0 or -errno, *step set. */
static int in_ns(int nsfd, in_fn *fn, const struct svc *s, const char **step)
{
	struct result res = {-ECHILD, "net helper"};
	int p[2], st;
	pid_t pid;

	*step = "net pipe";
	if (sys_pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	if ((pid = sys_fork()) == 0)
		helper(nsfd, fn, s, p[1]);
	close(p[1]);
	if (pid < 0)
		res = (struct result){-errno, "net fork"};
	else if (read(p[0], &res, sizeof(res)) != sizeof(res))
		res = (struct result){-ECHILD, "net helper"};
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	close(p[0]);
	*step = res.step;
	return res.err;
}

/* The network namespace of pid, close-on-exec. fd or -errno. */
static int ns_open(int pid, const char **step)
{
	struct ln path = {0};
	int fd;

	ln_str(&path, "/proc/");
	ln_u64(&path, (uint64_t)pid);
	ln_str(&path, "/ns/net");
	path.buf[path.len] = 0;
	*step = "net open netns";
	fd = open(path.buf, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static int configure_inside(const struct svc *s, int child_pid,
			    const char **step)
{
	int nsfd = ns_open(child_pid, step), r;

	if (nsfd < 0)
		return nsfd;
	r = in_ns(nsfd, inside, s, step);
	close(nsfd);
	return r;
}

/* ---- the pair ---- */

void net_host_ifname(const char *name, char out[16])
{
	size_t n = strlen(name);

	if (n > IFNAMSIZ - 1 - 2)
		n = IFNAMSIZ - 1 - 2;
	memcpy(out, "c-", 2);
	memcpy(out + 2, name, n);
	out[2 + n] = 0;
}

/* The outside end: up, and either a port of the bridge (net bridge) or
 * addressed with the service's gateway, so the host reaches the
 * service as it would a FreeBSD jail's IP. */
static int host_end(int fd, const struct svc *s, int idx, const char **step)
{
	int r = 0;

	if (s->net == NET_BRIDGE) {
		*step = "net bridge ifindex";
		if ((r = if_index(fd, s->netif)) < 0)
			return r;
	} else if (s->gw) {
		*step = "net host RTM_NEWADDR";
		if ((r = addr_add(fd, idx, s->gw, s->prefix)))
			return r;
	}
	*step = s->net == NET_BRIDGE ? "net bridge port" : "net host up";
	return link_set(fd, idx, 0, (uint32_t)r, 0);
}

int net_veth(const struct svc *s, int child_pid, const char **step)
{
	char host[16];
	int fd, idx, r;

	*step = "net socket";
	if ((fd = nl_open()) < 0)
		return fd;
	net_host_ifname(s->name, host);
	*step = "veth RTM_NEWLINK";
	/* c-NAME is this service's alone (svcc refuses names that would
	 * share one), so one that exists is the end of its previous run,
	 * whose namespace the kernel tears down in the background, well
	 * after the service was reaped: a restart meets it. Deleting it
	 * takes the old pair down at once (ENODEV: it just went). */
	if ((r = veth_create(fd, host, child_pid)) == -EEXIST) {
		link_del(fd, host);
		r = veth_create(fd, host, child_pid);
	}
	if (r) {
		close(fd);
		return r;
	}
	*step = "net host ifindex";
	if ((r = idx = if_index(fd, host)) > 0 &&
	    !(r = host_end(fd, s, idx, step)))
		r = configure_inside(s, child_pid, step);
	if (r)
		link_del(fd, host); /* takes the peer with it */
	close(fd);
	return r;
}

/* ---- a device of the host's, lent ---- */

int net_dev(const struct svc *s, int child_pid, int *nsfd, const char **step)
{
	int fd, r;

	/* Only an interface nobody uses is lent: never the host's own
	 * network, up and addressed, under a container's init. */
	*step = "net dev socket";
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	r = if_free(fd, s->netif);
	close(fd);
	*step = r == -EBUSY ? "net dev: in use (up, with an address)"
			    : "net dev move";
	if (r)
		return r;
	if ((*nsfd = ns_open(child_pid, step)) < 0)
		return *nsfd;
	*step = "net socket";
	if ((r = fd = nl_open()) >= 0) {
		*step = "net dev move";
		r = link_set(fd, 0, s->netif, 0, (uint32_t)child_pid);
		close(fd);
	}
	if (r) { /* not moved: nothing to bring back */
		close(*nsfd);
		*nsfd = -1;
		return r;
	}
	return in_ns(*nsfd, inside, s, step);
}

int net_dev_back(const struct svc *s, int *nsfd, const char **step)
{
	int r;

	if (s->net != NET_DEV || *nsfd < 0)
		return 0;
	r = in_ns(*nsfd, back, s, step);
	close(*nsfd);
	*nsfd = -1;
	return r;
}

/* ---- a bridge of PID 1's ---- */

int net_bridge(const struct tbl_bridge *b, const char **step, const char **port)
{
	struct msg m;
	struct ifinfomsg *ifi =
		msg_start(&m, RTM_NEWLINK, NLM_F_CREATE, sizeof(*ifi));
	struct rtattr *info;
	int fd, idx = 0, r;

	*port = 0;
	*step = "socket";
	if ((fd = nl_open()) < 0)
		return fd;
	/* Without NLM_F_EXCL: a bridge already there (a container booted
	 * again in the same namespace) is taken as it is, and brought up. */
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_flags = ifi->ifi_change = IFF_UP;
	msg_put(&m, IFLA_IFNAME, b->name, strlen(b->name) + 1);
	info = msg_put(&m, IFLA_LINKINFO, 0, 0);
	msg_put(&m, IFLA_INFO_KIND, "bridge", 7);
	msg_end(&m, info);
	*step = "create";
	if (!(r = msg_talk(fd, &m))) {
		*step = "ifindex";
		r = idx = if_index(fd, b->name);
	}
	if (r > 0 && b->addr) {
		*step = "address";
		r = addr_add(fd, idx, b->addr, b->prefix);
		r = r && r != -EEXIST ? r : idx;
	}
	for (const char *const *p = b->ports; r > 0 && *p; p++) {
		*step = "port";
		*port = *p;
		r = link_set(fd, 0, *p, (uint32_t)idx, 0) ?: idx;
	}
	close(fd);
	return r < 0 ? r : 0;
}
