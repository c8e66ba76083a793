/* Networking of a service (see net.h): rtnetlink by hand.
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

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/veth.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "out.h"
#include "sys.h"

/* ---- interface ioctls ---- */

/* An ifreq ioctl on name through any socket (the generic dev_ioctl
 * path): works in whatever namespace the socket was made in. */
static int if_ioctl(int fd, const char *name, unsigned long cmd,
		    struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	/* strncpy would bring musl's stpncpy along for this one copy. */
	memcpy(ifr->ifr_name, name, strnlen(name, IFNAMSIZ - 1));
	return ioctl(fd, cmd, ifr) < 0 ? -errno : 0;
}

static int if_index(int fd, const char *name)
{
	struct ifreq ifr;
	int r = if_ioctl(fd, name, SIOCGIFINDEX, &ifr);

	return r ? r : ifr.ifr_ifindex;
}

int net_lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), r;

	if (fd < 0)
		return -errno;
	r = if_ioctl(fd, "lo", SIOCGIFFLAGS, &ifr);
	if (!r && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		r = ioctl(fd, SIOCSIFFLAGS, &ifr) < 0 ? -errno : 0;
	}
	close(fd);
	return r;
}

/* ---- rtnetlink messages in a fixed buffer ---- */

struct msg {
	union {
		struct nlmsghdr h;
		char buf[256]; /* the largest request, veth create, is ~140 */
	} u;
	int overflow;
};

/* Start a request of type with a zeroed fixed header of hdrlen bytes. */
static void *msg_start(struct msg *m, int type, int flags, size_t hdrlen)
{
	memset(m, 0, sizeof(*m));
	m->u.h.nlmsg_len = NLMSG_LENGTH(hdrlen);
	m->u.h.nlmsg_type = (uint16_t)type;
	m->u.h.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | flags);
	return NLMSG_DATA(&m->u.h);
}

/* Append an attribute; returns it, so a nest can be closed later. */
static struct rtattr *msg_put(struct msg *m, int type, const void *data,
			      size_t len)
{
	size_t at = NLMSG_ALIGN(m->u.h.nlmsg_len);
	struct rtattr *a = (struct rtattr *)(m->u.buf + at);

	if (at + RTA_SPACE(len) > sizeof(m->u.buf)) {
		m->overflow = 1;
		return (struct rtattr *)m->u.buf; /* harmless scratch */
	}
	a->rta_type = (unsigned short)type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	m->u.h.nlmsg_len = (uint32_t)(at + RTA_SPACE(len));
	return a;
}

static void msg_end(struct msg *m, struct rtattr *nest)
{
	if (!m->overflow)
		nest->rta_len = (unsigned short)(m->u.buf + m->u.h.nlmsg_len -
						 (char *)nest);
}

/* Send the request and wait for its acknowledgement: 0 or -errno. */
static int msg_talk(int fd, struct msg *m)
{
	static uint32_t seq;
	struct sockaddr_nl k = {.nl_family = AF_NETLINK};
	char ack[1024];
	ssize_t n;

	if (m->overflow)
		return -EMSGSIZE;
	m->u.h.nlmsg_seq = ++seq;
	if (sendto(fd, m->u.buf, m->u.h.nlmsg_len, 0, (struct sockaddr *)&k,
		   sizeof(k)) < 0)
		return -errno;
	for (;;) {
		n = recv(fd, ack, sizeof(ack), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		struct nlmsghdr *h = (struct nlmsghdr *)ack;
		if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) ||
		    h->nlmsg_seq != seq || h->nlmsg_type != NLMSG_ERROR)
			continue; /* not our answer */
		return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	}
}

static int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	return fd < 0 ? -errno : fd;
}

/* ---- the requests ---- */

static int veth_create(int fd, const char *host, int child_pid)
{
	struct msg m;
	struct rtattr *info, *data, *peer;
	struct ifinfomsg zero = {.ifi_family = AF_UNSPEC};
	uint32_t pid = (uint32_t)child_pid;

	msg_start(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(zero));
	msg_put(&m, IFLA_IFNAME, host, strlen(host) + 1);
	info = msg_put(&m, IFLA_LINKINFO, 0, 0);
	msg_put(&m, IFLA_INFO_KIND, "veth", 5);
	data = msg_put(&m, IFLA_INFO_DATA, 0, 0);
	peer = msg_put(&m, VETH_INFO_PEER, &zero, sizeof(zero));
	msg_put(&m, IFLA_IFNAME, "eth0", 5);
	msg_put(&m, IFLA_NET_NS_PID, &pid, sizeof(pid));
	msg_end(&m, peer);
	msg_end(&m, data);
	msg_end(&m, info);
	return msg_talk(fd, &m);
}

/* RTM_NEWLINK on a link that exists, by index or (index 0) by name:
 * moved to the network namespace of pid when pid is set, else up, and
 * made a port of the bridge whose index is master when that is set. */
static int link_set(int fd, int index, const char *name, uint32_t master,
		    uint32_t pid)
{
	struct msg m;
	struct ifinfomsg *ifi = msg_start(&m, RTM_NEWLINK, 0, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	ifi->ifi_flags = ifi->ifi_change = pid ? 0 : IFF_UP;
	if (name)
		msg_put(&m, IFLA_IFNAME, name, strlen(name) + 1);
	if (master)
		msg_put(&m, IFLA_MASTER, &master, sizeof(master));
	if (pid)
		msg_put(&m, IFLA_NET_NS_PID, &pid, sizeof(pid));
	return msg_talk(fd, &m);
}

static int link_up(int fd, int index)
{
	return link_set(fd, index, 0, 0, 0);
}

static int addr_add(int fd, int index, uint32_t addr, unsigned prefix)
{
	struct msg m;
	struct ifaddrmsg *ifa = msg_start(
		&m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifa));

	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)prefix;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = (unsigned)index;
	msg_put(&m, IFA_LOCAL, &addr, sizeof(addr));
	msg_put(&m, IFA_ADDRESS, &addr, sizeof(addr));
	return msg_talk(fd, &m);
}

static int route_add(int fd, int index, uint32_t gw)
{
	struct msg m;
	struct rtmsg *rt = msg_start(&m, RTM_NEWROUTE,
				     NLM_F_CREATE | NLM_F_EXCL, sizeof(*rt));
	uint32_t oif = (uint32_t)index;

	rt->rtm_family = AF_INET;
	rt->rtm_table = RT_TABLE_MAIN;
	rt->rtm_protocol = RTPROT_BOOT;
	rt->rtm_scope = RT_SCOPE_UNIVERSE;
	rt->rtm_type = RTN_UNICAST;
	msg_put(&m, RTA_GATEWAY, &gw, sizeof(gw));
	msg_put(&m, RTA_OIF, &oif, sizeof(oif));
	return msg_talk(fd, &m);
}

static int link_del(int fd, const char *name)
{
	struct msg m;
	struct ifinfomsg *ifi = msg_start(&m, RTM_DELLINK, 0, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	msg_put(&m, IFLA_IFNAME, name, strlen(name) + 1);
	return msg_talk(fd, &m);
}

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
	int fd, idx, r;

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
