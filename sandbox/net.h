/* Networking of a service: `lo` up, `net veth ADDR/PFX [gw ADDR]`,
 * `net bridge BR ADDR/PFX [gw ADDR]` and `net dev IF [ADDR/PFX [gw
 * ADDR]]` (SPEC sections 4, 6 and 8), and PID 1's top-level bridges,
 * through rtnetlink: no `ip` binary, no libnl, a few hundred bytes of
 * messages in a fixed buffer.
 */
#ifndef CORRAL_NET_H
#define CORRAL_NET_H

#include "svc.h"

/* Bring `lo` up in the caller's network namespace. 0 or -errno. */
int net_lo_up(void);

/* Parent side, in the host's network namespace, once the child has its
 * own (CLONE_NEWNET) and before it execs: create a veth pair whose
 * outside end is "c-NAME" (cut to IFNAMSIZ-1) and whose inside end is
 * created directly in child_pid's namespace as eth0. net veth: give
 * the outside end s->gw/s->prefix (when s->gw is set); net bridge: make
 * it a port of bridge s->netif, with no address; either way bring it
 * up. Inside, give eth0 s->addr/s->prefix, bring it and lo up, and add
 * the default route via s->gw (when set). The pair disappears with the
 * child's namespace, so each start makes and enslaves a new one.
 * 0, or -errno with *step naming the failing step ("veth RTM_NEWLINK").
 * On failure the pair is deleted again. */
int net_veth(const struct svc *s, int child_pid, const char **step);

/* net dev, parent side as net_veth: move host interface s->netif into
 * child_pid's network namespace under its own name, then inside: lo up,
 * the address (when s->addr is set), up, the default route (s->gw).
 * *nsfd holds that namespace open from then on (-1 when nothing was
 * moved), so that the interface outlives the service: when a network
 * namespace dies the kernel hands a physical device to the initial
 * namespace, not necessarily the caller's, and destroys a virtual one
 * (veth, macvlan...). 0 or -errno with *step. */
int net_dev(const struct svc *s, int child_pid, int *nsfd, const char **step);

/* After the service ended, however it ended (its processes gone): move
 * s->netif from *nsfd's namespace back to the caller's, down and without
 * its addresses, as the kernel leaves a device it moves; close *nsfd
 * (set to -1). Nothing when the service is no net dev or *nsfd < 0.
 * 0 or -errno with *step ("net dev back"). */
int net_dev_back(const struct svc *s, int *nsfd, const char **step);

/* PID 1 at boot: bridge b made (or one of that name taken as it is) and
 * up, addressed (b->addr, when set), its ports enslaved and up, in that
 * order; the first failure stops that bridge. 0, or -errno with *step
 * ("create", "ifindex", "address", "port") and, for "port", *port the
 * port's name (else NULL). */
int net_bridge(const struct tbl_bridge *b, const char **step,
	       const char **port);

/* The outside end's name for service name: "c-" + name, cut to fit. */
void net_host_ifname(const char *name, char out[16]);

#endif
