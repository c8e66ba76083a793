/* rtnetlink requests for sandbox/net.c and PID 1's bridges (rtnl.c).
 * Each takes a NETLINK_ROUTE socket (nl_open) of the namespace to act
 * in and returns 0 or -errno (if_index: the index or -errno). */
#ifndef CORRAL_RTNL_H
#define CORRAL_RTNL_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdint.h>

struct msg {
	union {
		struct nlmsghdr h;
		char buf[256]; /* the largest request, veth create, is ~140 */
	} u;
	int overflow;
};

/* A request of type with a zeroed fixed header of hdrlen bytes. */
void *msg_start(struct msg *m, int type, int flags, size_t hdrlen);
/* Append an attribute; returns it, so a nest can be closed later. */
struct rtattr *msg_put(struct msg *m, int type, const void *data, size_t len);
void msg_end(struct msg *m, struct rtattr *nest);
/* Send the request and wait for its acknowledgement. */
int msg_talk(int fd, struct msg *m);
int nl_open(void);
/* The index of interface name, through any socket (an ioctl). */
int if_index(int fd, const char *name);
/* -EBUSY when name is up with an IPv4 address (fd: an AF_INET socket). */
int if_free(int fd, const char *name);

/* A veth pair: host in the socket's namespace, eth0 in child_pid's. */
int veth_create(int fd, const char *host, int child_pid);
/* RTM_NEWLINK on a link that exists, by index or (index 0) by name:
 * moved to the network namespace of pid when pid is set, else up, and
 * made a port of the bridge whose index is master when that is set. */
int link_set(int fd, int index, const char *name, uint32_t master,
	     uint32_t pid);
int link_up(int fd, int index);
int addr_add(int fd, int index, uint32_t addr, unsigned prefix);
/* The default route through gw on interface index. */
int route_add(int fd, int index, uint32_t gw);
int link_del(int fd, const char *name);

#endif
