/* rtnetlink by hand for sandbox/net.c and PID 1's bridges (rtnl.h):
 * requests built in a fixed buffer, one at a time, each acknowledged.
 * Apart from the policy in net.c so that the reply reader can be fuzzed
 * alone (tests/fuzz/rtnl_fuzz.c #includes this file). */
#include "sandbox/rtnl.h"
#include "sandbox/net.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/veth.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

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

int if_index(int fd, const char *name)
{
	struct ifreq ifr;
	int r = if_ioctl(fd, name, SIOCGIFINDEX, &ifr);

	return r ? r : ifr.ifr_ifindex;
}

/* -EBUSY when interface name is up with an IPv4 address: a network in
 * use, such as the host's eth0 under a container's init that shares
 * the host's namespace; 0 when it is free to lend, else -errno. fd is
 * an AF_INET socket (SIOCGIFADDR is inet's, not the generic path's). */
int if_free(int fd, const char *name)
{
	struct ifreq ifr;
	int r = if_ioctl(fd, name, SIOCGIFFLAGS, &ifr);

	if (r || !(ifr.ifr_flags & IFF_UP))
		return r;
	r = if_ioctl(fd, name, SIOCGIFADDR, &ifr);
	return r == -EADDRNOTAVAIL ? 0 : r ? r : -EBUSY;
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

/* Start a request of type with a zeroed fixed header of hdrlen bytes. */
void *msg_start(struct msg *m, int type, int flags, size_t hdrlen)
{
	memset(m, 0, sizeof(*m));
	m->u.h.nlmsg_len = NLMSG_LENGTH(hdrlen);
	m->u.h.nlmsg_type = (uint16_t)type;
	m->u.h.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | flags);
	return NLMSG_DATA(&m->u.h);
}

/* Append an attribute; returns it, so a nest can be closed later. */
struct rtattr *msg_put(struct msg *m, int type, const void *data, size_t len)
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

void msg_end(struct msg *m, struct rtattr *nest)
{
	if (!m->overflow)
		nest->rta_len = (unsigned short)(m->u.buf + m->u.h.nlmsg_len -
						 (char *)nest);
}

/* Send the request and wait for its acknowledgement: 0 or -errno. */
int msg_talk(int fd, struct msg *m)
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

int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	return fd < 0 ? -errno : fd;
}

/* ---- the requests ---- */

int veth_create(int fd, const char *host, int child_pid)
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
int link_set(int fd, int index, const char *name, uint32_t master, uint32_t pid)
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

int link_up(int fd, int index)
{
	return link_set(fd, index, 0, 0, 0);
}

int addr_add(int fd, int index, uint32_t addr, unsigned prefix)
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

int route_add(int fd, int index, uint32_t gw)
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

int link_del(int fd, const char *name)
{
	struct msg m;
	struct ifinfomsg *ifi = msg_start(&m, RTM_DELLINK, 0, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	msg_put(&m, IFLA_IFNAME, name, strlen(name) + 1);
	return msg_talk(fd, &m);
}
