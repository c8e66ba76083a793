/* Networking of a service: `lo` up, and `net veth ADDR/PFX [gw ADDR]`
 * (SPEC sections 4 and 6), through rtnetlink: no `ip` binary, no
 * libnl, a few hundred bytes of messages in a fixed buffer.
 */
#ifndef CORRAL_NET_H
#define CORRAL_NET_H

#include "svc.h"

/* Bring `lo` up in the caller's network namespace. 0 or -errno. */
int net_lo_up(void);

/* Parent side, in the host's network namespace, once the child has its
 * own (CLONE_NEWNET) and before it execs: create a veth pair whose
 * outside end is "c-NAME" (cut to IFNAMSIZ-1) and whose inside end is
 * created directly in child_pid's namespace as eth0; give the outside
 * end s->gw/s->prefix (when s->gw is set) and bring it up; inside, give
 * eth0 s->addr/s->prefix, bring it and lo up, and add the default route
 * via s->gw (when set). The pair disappears with the child's namespace.
 * 0, or -errno with *step naming the failing step ("veth RTM_NEWLINK").
 * On failure the pair is deleted again. */
int net_veth(const struct svc *s, int child_pid, const char **step);

/* The outside end's name for service name: "c-" + name, cut to fit. */
void net_host_ifname(const char *name, char out[16]);

#endif
