/* The default seccomp filter: a deny-list assembled here as classic BPF
 * (no libseccomp), installed as the very last step before exec.
 *
 *   arch != native           kill the process (foreign ABI, e.g. i386
 *                            int 0x80 from an x86_64 binary)
 *   x32 bit set (x86_64)     kill the process
 *   nr not o32 (MIPS)        kill the process (n64/n32 numbers)
 *   denied syscall           EPERM (SPEC 5's list, below)
 *   clone with CLONE_NEW*    EPERM
 *   clone3                   ENOSYS: its flags live in memory BPF cannot
 *                            read, and libcs fall back to clone(2)
 *   personality(other)       EPERM (only PER_LINUX and the query pass)
 *   ioctl TIOCSTI/TIOCLINUX  EPERM (typing into a terminal)
 *   socket(AF_VSOCK)         EPERM: vsock is not network-
 *                            namespaced, so `net none` would not hold
 *                            against the hypervisor's or guests' services
 *   socket(AF_ALG)           EPERM: the kernel crypto API, a
 *                            long record of exploitable bugs, and no
 *                            daemon of ours links against it
 *   socket(AF_NETLINK,       EPERM: the host's device events
 *     NETLINK_KOBJECT_UEVENT)  (udev's feed) carry host device names
 *                            and are not the service's business
 *                            (each of the three: unless `seccomp allow`
 *                            names its group; Docker's default profile
 *                            refuses AF_VSOCK alone, also with EPERM: a
 *                            policy, told apart from a kernel without
 *                            the family, EAFNOSUPPORT)
 *   socketcall(SOCKET...)    ENOSYS where the ABI has it (MIPS o32): its
 *                            arguments live in memory BPF cannot read;
 *                            musl and glibc use socket(2) when it exists
 *   (each denied call: unless `seccomp allow` names it, or its group:
 *   clock for the clock setting calls; lib/names.h)
 *   nr >= known limit        ENOSYS: syscalls newer than this table are
 *                            refused the way an old kernel would
 *   anything else            allowed
 *
 * The numbers are found by a binary search (a JGE tree over the sorted
 * rules), not a chain of ~75 comparisons: the kernel runs the program
 * once per syscall number when it installs it (to cache the numbers a
 * filter always allows), so a chain costs ~100 us per launch, and every
 * syscall the cache does not cover pays it again.
 *
 * Syscall numbers come from the target's <sys/syscall.h>; rules for
 * calls an architecture lacks are left out by #ifdef.
 */
#include "sandbox/sbx.h"
#include "config.h"
#include "names.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/seccomp_rules.h"

#define SC_MAX 192 /* instructions; the program is about 110 */

struct prog {
	struct sock_filter f[SC_MAX];
	unsigned n;
	/* Jumps to tail blocks, patched once the blocks are placed. */
	struct {
		uint8_t at, to, jt;
	} fix[SC_MAX];
	unsigned nfix;
};

static void op(struct prog *p, uint16_t code, uint32_t k)
{
	p->f[p->n++] = (struct sock_filter)BPF_STMT(code, k);
}

/* Conditional jump: to `to` when true (jt) or false, else fall through. */
static void jmp(struct prog *p, uint16_t code, uint32_t k, enum label to,
		int when)
{
	p->fix[p->nfix].at = (uint8_t)p->n;
	p->fix[p->nfix].to = (uint8_t)to;
	p->fix[p->nfix++].jt = (uint8_t)when;
	p->f[p->n++] = (struct sock_filter)BPF_JUMP(code, k, 0, 0);
}

#define LD(p, off) op(p, BPF_LD | BPF_W | BPF_ABS, (uint32_t)(off))
#define RET(p, v)  op(p, BPF_RET | BPF_K, (uint32_t)(v))
#define JEQ        (BPF_JMP | BPF_JEQ | BPF_K)
#define JGE        (BPF_JMP | BPF_JGE | BPF_K)
#define JSET       (BPF_JMP | BPF_JSET | BPF_K)

#define NRULES (sizeof(rules) / sizeof(rules[0]))
#define LEAF   8 /* rules compared one by one at the bottom of the tree */

/* The rules `allow` does not lift, sorted by number (stable: the first
 * rule for a number wins, as in the table), as indices; how many. A
 * lifted rule is simply not in the tree: its number is allowed as any
 * the deny-list does not name. */
static unsigned sort_rules(uint8_t *ix, uint64_t allow)
{
	unsigned n = 0;

	if (allow & SC_ALLOW_CLOCK)
		allow |= SC_CLOCK_CALLS;
	for (unsigned i = 0; i < NRULES; i++) {
		unsigned j = n++;

		if (allow >> rules[i].bit & 1) {
			n--;
			continue;
		}
		for (; j && rules[ix[j - 1]].nr > rules[i].nr; j--)
			ix[j] = ix[j - 1];
		ix[j] = (uint8_t)i;
	}
	return n;
}

/* Rules ix[lo..hi) as a search tree: "nr >= the middle one" jumps over
 * the left half. A leaf that matches nothing goes to L_DFLT (JGE 0 is
 * always true: the kernel's cache emulator and bpf_emu know no BPF_JA). */
static void tree(struct prog *p, const uint8_t *ix, unsigned lo, unsigned hi)
{
	unsigned mid = lo + (hi - lo) / 2, at = p->n;

	if (hi - lo <= LEAF) {
		for (unsigned i = lo; i < hi; i++)
			jmp(p, JEQ, rules[ix[i]].nr,
			    (enum label)rules[ix[i]].to, 1);
		jmp(p, JGE, 0, L_DFLT, 1);
		return;
	}
	op(p, JGE, rules[ix[mid]].nr);
	tree(p, ix, lo, mid);
	p->f[at].jt = (uint8_t)(p->n - at - 1);
	tree(p, ix, mid, hi);
}

static void head(struct prog *p, uint64_t allow)
{
	uint8_t ix[NRULES];
	unsigned n;

	LD(p, offsetof(struct seccomp_data, arch));
	jmp(p, JEQ, SC_ARCH, L_KILL, 0);
	LD(p, offsetof(struct seccomp_data, nr));
#ifdef SC_X32
	jmp(p, JGE, SC_X32, L_KILL, 1);
#endif
#ifdef SC_ABI_END
	/* A 64-bit MIPS kernel runs an o32 process's n64 (5000+) and n32
	 * (6000+) numbers too, with the arch still the o32 one: the MIPS
	 * x32. Below 4000 nothing is o32 either. */
	jmp(p, JGE, SC_ABI_END, L_KILL, 1);
	jmp(p, JGE, SC_BASE, L_KILL, 0);
#endif
	n = sort_rules(ix, allow);
	tree(p, ix, 0, n);
}

/* socket(2)'s families and protocol that `allow` does not let through. */
static void socket_block(struct prog *p, uint64_t allow)
{
	LD(p, ARG_LO(0));
	if (!(allow & SC_ALLOW_VSOCK))
		jmp(p, JEQ, AF_VSOCK, L_EPERM, 1);
	if (!(allow & SC_ALLOW_ALG))
		jmp(p, JEQ, AF_ALG, L_EPERM, 1);
	if (!(allow & SC_ALLOW_UEVENT)) {
		jmp(p, JEQ, AF_NETLINK, L_ALLOW, 0);
		LD(p, ARG_LO(2));
		jmp(p, JEQ, NETLINK_KOBJECT_UEVENT, L_EPERM, 1);
	}
	RET(p, SECCOMP_RET_ALLOW);
}

/* The tail blocks: the argument checks first, the shared returns last,
 * so every jump goes forward as BPF requires. at[] gets each start. */
static void tail(struct prog *p, unsigned at[L_N], uint64_t allow)
{
	at[L_DFLT] = p->n; /* no rule for this number */
#ifdef SC_PRIVATE
	jmp(p, JGE, SC_PRIVATE, L_ALLOW, 1);
#endif
	jmp(p, JGE, SC_LIMIT, L_ENOSYS, 1);
	RET(p, SECCOMP_RET_ALLOW);
	at[L_CLONE] = p->n;
	LD(p, ARG_LO(0));
	jmp(p, JSET, NS_CLONE_FLAGS, L_EPERM, 1);
	RET(p, SECCOMP_RET_ALLOW);
	at[L_PERS] = p->n;
	LD(p, ARG_LO(0));
	jmp(p, JEQ, 0, L_ALLOW, 1);           /* PER_LINUX */
	jmp(p, JEQ, 0xffffffffu, L_ALLOW, 1); /* the query */
	RET(p, SECCOMP_RET_ERRNO | EPERM);
	at[L_IOCTL] = p->n;
	LD(p, ARG_LO(1));
	jmp(p, JEQ, TIOCSTI, L_EPERM, 1);
	jmp(p, JEQ, TIOCLINUX, L_EPERM, 1);
	RET(p, SECCOMP_RET_ALLOW);
	at[L_SOCKET] = p->n;
	socket_block(p, allow);
	at[L_SOCKCALL] = p->n;
	LD(p, ARG_LO(0));
	jmp(p, JEQ, SYS_SOCKET, L_ENOSYS, 1);
	jmp(p, JEQ, SYS_SOCKETPAIR, L_ENOSYS, 1);
	RET(p, SECCOMP_RET_ALLOW);
	at[L_EPERM] = p->n;
	RET(p, SECCOMP_RET_ERRNO | EPERM);
	at[L_ENOSYS] = p->n;
	RET(p, SECCOMP_RET_ERRNO | ENOSYS);
	at[L_KILL] = p->n;
	RET(p, SECCOMP_RET_KILL_PROCESS);
	at[L_ALLOW] = p->n;
	RET(p, SECCOMP_RET_ALLOW);
}

static int patch(struct prog *p, const unsigned at[L_N])
{
	for (unsigned i = 0; i < p->nfix; i++) {
		unsigned from = p->fix[i].at + 1u, to = at[p->fix[i].to];

		if (to < from || to - from > 255)
			return -E2BIG;
		if (p->fix[i].jt)
			p->f[p->fix[i].at].jt = (uint8_t)(to - from);
		else
			p->f[p->fix[i].at].jf = (uint8_t)(to - from);
	}
	return 0;
}

/* Patch the jumps, then install: the filter applies to this process
 * only (and what it forks or execs from now on). */
static int load(struct prog *p, const unsigned at[L_N])
{
	struct sock_fprog fp;
	int r;

	if ((r = patch(p, at)) < 0)
		return r;
	fp.len = (unsigned short)p->n;
	fp.filter = p->f;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fp, 0, 0) < 0
		       ? -errno
		       : 0;
}

int sc_install(struct sbx_ctx *c)
{
	static struct prog p; /* the child's own copy: no stack bloat */
	unsigned at[L_N];

	if (c->s->seccomp == SECCOMP_NONE)
		return 0;
	if (!CFG_SECCOMP)
		return -ENOSYS;
	head(&p, c->s->sc_allow);
	tail(&p, at, c->s->sc_allow);
	return load(&p, at);
}

/* What the reaper calls once it is filtered: the hand-over (read,
 * futex, close) and its loop (sandbox/reaper.c). musl's sigwaitinfo
 * with no timeout uses rt_sigtimedwait on every ABI. */
static const uint16_t reaper_calls[] = {
	__NR_read,  __NR_close, __NR_futex, __NR_rt_sigtimedwait,
	__NR_wait4, __NR_kill,  __NR_exit,  __NR_exit_group,
};

/* Anything else, or any other ABI (an x32 number never equals one of
 * these), kills it: the reaper's death takes the namespace down, so
 * this fails closed. */
static void reaper_prog(struct prog *p, unsigned at[L_N])
{
	LD(p, offsetof(struct seccomp_data, arch));
	jmp(p, JEQ, SC_ARCH, L_KILL, 0);
	LD(p, offsetof(struct seccomp_data, nr));
	for (unsigned i = 0; i < sizeof(reaper_calls) / sizeof(reaper_calls[0]);
	     i++)
		jmp(p, JEQ, reaper_calls[i], L_ALLOW, 1);
	at[L_KILL] = p->n;
	RET(p, SECCOMP_RET_KILL_PROCESS);
	at[L_ALLOW] = p->n;
	RET(p, SECCOMP_RET_ALLOW);
}

int sc_reaper(void)
{
	static struct prog p;
	unsigned at[L_N] = {0};

	if (!CFG_SECCOMP)
		return 0; /* built without seccomp at all (Kconfig) */
	reaper_prog(&p, at);
	return load(&p, at);
}
