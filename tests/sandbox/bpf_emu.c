/* bpf_emu: run the seccomp program that sandbox/seccomp.c assembles
 * through a small classic-BPF interpreter, on crafted seccomp_data, and
 * check each verdict (tests/lib.sh protocol). This tests the assembler
 * (labels, jump offsets, argument words, the limit) apart from the
 * kernel; the probe tests the installed filter.
 */
#include "sandbox/seccomp.c"

#include <signal.h>
#include <stdio.h>
#include <string.h>

/* The opcodes the assembler emits; anything else is a failure. */
static uint32_t run(const struct prog *p, const struct seccomp_data *d)
{
	uint32_t a = 0;

	for (unsigned pc = 0; pc < p->n; pc++) {
		const struct sock_filter *f = &p->f[pc];

		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			memcpy(&a, (const char *)d + f->k, 4);
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & f->k) ? f->jt : f->jf;
			break;
		case BPF_RET | BPF_K:
			return f->k;
		default:
			return 0xdeadbeef;
		}
	}
	return 0xfeedface; /* fell off the end */
}

static int fails;

static void check3(const struct prog *p, const char *what, uint32_t arch,
		   int nr, uint64_t a0, uint64_t a1, uint64_t a2, uint32_t want)
{
	struct seccomp_data d = {.nr = nr, .arch = arch, .args = {a0, a1, a2}};
	uint32_t got = run(p, &d);

	fails += got != want;
	printf("%s: seccomp %s: verdict %#x\n", got == want ? "PASS" : "FAIL",
	       what, got);
}

#define check(p, what, arch, nr, a0, a1, want)                                 \
	check3(p, what, arch, nr, a0, a1, 0, want)

#define EPERM_ (SECCOMP_RET_ERRNO | EPERM)
#define NOSYS_ (SECCOMP_RET_ERRNO | ENOSYS)
#define KILL_  SECCOMP_RET_KILL_PROCESS
#define ALLOW_ SECCOMP_RET_ALLOW

static int assemble(struct prog *p, unsigned at[L_N], const char *what)
{
	if (patch(p, at) < 0) {
		printf("FAIL: seccomp %s does not assemble\n", what);
		return -1;
	}
	printf("PASS: seccomp %s assembles: %u instructions\n", what, p->n);
	return 0;
}

/* socket(2)'s families: refused, and let through by `seccomp allow`. */
static void sockets(const struct prog *p, const struct prog *all)
{
	const uint32_t A = SC_ARCH;

	check(p, "socket(AF_VSOCK) denied", A, __NR_socket, 40, 1, EPERM_);
	check(p, "socket(AF_ALG) denied", A, __NR_socket, 38, 5, EPERM_);
	check3(p, "socket(AF_NETLINK, KOBJECT_UEVENT) denied", A, __NR_socket,
	       16, 2, 15, EPERM_);
	check3(p, "socket(AF_NETLINK, ROUTE) allowed", A, __NR_socket, 16, 2, 0,
	       ALLOW_);
	check(p, "socket(AF_INET) allowed", A, __NR_socket, 2, 1, ALLOW_);
	check(p, "fanotify_init denied", A, __NR_fanotify_init, 0, 0, EPERM_);
	check(all, "allow vsock: socket(AF_VSOCK) allowed", A, __NR_socket, 40,
	      1, ALLOW_);
	check(all, "allow alg: socket(AF_ALG) allowed", A, __NR_socket, 38, 5,
	      ALLOW_);
	check3(all, "allow uevent: KOBJECT_UEVENT allowed", A, __NR_socket, 16,
	       2, 15, ALLOW_);
}

/* The reaper's own allow-list. */
static void reaper(void)
{
	static struct prog r;
	unsigned at[L_N] = {0};
	const uint32_t A = SC_ARCH;

	reaper_prog(&r, at);
	if (assemble(&r, at, "reaper program") < 0)
		return;
	check(&r, "reaper: wait4 allowed", A, __NR_wait4, 0, 0, ALLOW_);
	check(&r, "reaper: rt_sigtimedwait allowed", A, __NR_rt_sigtimedwait, 0,
	      0, ALLOW_);
	check(&r, "reaper: kill allowed", A, __NR_kill, 0, 0, ALLOW_);
	check(&r, "reaper: futex allowed", A, __NR_futex, 0, 0, ALLOW_);
	check(&r, "reaper: openat killed", A, __NR_openat, 0, 0, KILL_);
	check(&r, "reaper: unshare killed", A, __NR_unshare, 0, 0, KILL_);
	check(&r, "reaper: ptrace killed", A, __NR_ptrace, 0, 0, KILL_);
	check(&r, "reaper: foreign arch killed", A ^ 1, __NR_read, 0, 0, KILL_);
#ifdef SC_X32
	check(&r, "reaper: x32 read killed", A, (int)(SC_X32 | __NR_read), 0, 0,
	      KILL_);
#endif
}

/* MIPS o32: its numbers as this target's own headers give them (musl's
 * <sys/syscall.h>, checked against the kernel's uapi table when the
 * test builds), and every other MIPS ABI's numbers killed: n64's mount
 * is 5160 and n32's 6160, under the o32 arch a 64-bit kernel reports. */
static void mips_abis(const struct prog *p)
{
#ifdef SC_ABI_END
	const uint32_t A = SC_ARCH;

	check(p, "o32: mount is 4021", A, 4021, 0, 0,
	      __NR_mount == 4021 ? EPERM_ : 0);
	check(p, "o32: read (4003) allowed", A, 4003, 0, 0,
	      __NR_read == 4003 ? ALLOW_ : 0);
	check(p, "n64 mount (5160) killed", A, 5160, 0, 0, KILL_);
	check(p, "n64 read (5000) killed", A, 5000, 0, 0, KILL_);
	check(p, "n32 mount (6160) killed", A, 6160, 0, 0, KILL_);
	check(p, "n32 read (6000) killed", A, 6000, 0, 0, KILL_);
	check(p, "below o32 (3999) killed", A, 3999, 0, 0, KILL_);
	check(p, "number 0 killed", A, 0, 0, 0, KILL_);
	check(p, "o32 limit..n64 (4999) ENOSYS", A, 4999, 0, 0, NOSYS_);
#else
	(void)p;
	printf("SKIP: seccomp MIPS ABIs (not a MIPS o32 build)\n");
#endif
}

int main(void)
{
	static struct prog p, all;
	unsigned at[L_N], at2[L_N];
	const uint32_t A = SC_ARCH;

	const uint64_t every = SC_ALLOW_VSOCK | SC_ALLOW_ALG | SC_ALLOW_UEVENT |
			       SC_ALLOW_CLOCK | 1ull << SCN_ptrace;

	head(&p, 0);
	tail(&p, at, 0);
	head(&all, every);
	tail(&all, at2, every);
	if (assemble(&p, at, "program") < 0 ||
	    assemble(&all, at2, "program with every group allowed") < 0)
		return 1;
	sockets(&p, &all);
	reaper();
	check(&p, "read allowed", A, __NR_read, 0, 0, ALLOW_);
	check(&p, "mount denied", A, __NR_mount, 0, 0, EPERM_);
	check(&p, "vhangup denied", A, __NR_vhangup, 0, 0, EPERM_);
	check(&p, "adjtimex denied", A, __NR_adjtimex, 0, 0, EPERM_);
	check(&p, "ptrace denied", A, __NR_ptrace, 0, 0, EPERM_);
	check(&all, "allow clock: adjtimex allowed", A, __NR_adjtimex, 0, 0,
	      ALLOW_);
	check(&all, "allow clock: clock_settime allowed", A, __NR_clock_settime,
	      0, 0, ALLOW_);
	check(&all, "allow clock: settimeofday allowed", A, __NR_settimeofday,
	      0, 0, ALLOW_);
	check(&all, "allow clock: clock_adjtime allowed", A, __NR_clock_adjtime,
	      0, 0, ALLOW_);
	check(&all, "allow ptrace: ptrace allowed", A, __NR_ptrace, 0, 0,
	      ALLOW_);
	check(&all, "allow ptrace: process_vm_readv still denied", A,
	      __NR_process_vm_readv, 0, 0, EPERM_);
	check(&all, "allowing some: mount still denied", A, __NR_mount, 0, 0,
	      EPERM_);
	check(&all, "allowing some: clone3 still ENOSYS", A, __NR_clone3, 0, 0,
	      NOSYS_);
	check(&p, "unshare denied", A, __NR_unshare, 0, 0, EPERM_);
	check(&p, "clone for a thread allowed", A, __NR_clone,
	      CLONE_VM | CLONE_THREAD | CLONE_SIGHAND, 0, ALLOW_);
	check(&p, "clone with CLONE_NEWUSER denied", A, __NR_clone,
	      CLONE_NEWUSER | SIGCHLD, 0, EPERM_);
	check(&p, "clone with CLONE_NEWNET denied", A, __NR_clone, CLONE_NEWNET,
	      0, EPERM_);
	check(&p, "clone3 ENOSYS", A, __NR_clone3, 0, 0, NOSYS_);
	check(&p, "personality(PER_LINUX) allowed", A, __NR_personality, 0, 0,
	      ALLOW_);
	check(&p, "personality query allowed", A, __NR_personality, 0xffffffffu,
	      0, ALLOW_);
	check(&p, "personality(ADDR_NO_RANDOMIZE) denied", A, __NR_personality,
	      0x0040000, 0, EPERM_);
	check(&p, "ioctl TIOCSTI denied", A, __NR_ioctl, 0, TIOCSTI, EPERM_);
	check(&p, "ioctl TCGETS allowed", A, __NR_ioctl, 0, TCGETS, ALLOW_);
	check(&p, "first unknown number ENOSYS", A, SC_LIMIT, 0, 0, NOSYS_);
	check(&p, "last known number allowed", A, SC_LIMIT - 1, 0, 0, ALLOW_);
	check(&p, "foreign arch killed", A ^ 1, __NR_read, 0, 0, KILL_);
#ifdef SC_X32
	check(&p, "x32 read killed", A, (int)(SC_X32 | __NR_read), 0, 0, KILL_);
#endif
	mips_abis(&p);
#ifdef SC_PRIVATE
	check(&p, "ARM set_tls allowed", A, 0x0f0005, 0, 0, ALLOW_);
	check(&p, "ARM cacheflush allowed", A, 0x0f0002, 0, 0, ALLOW_);
#endif
#ifdef __NR_clock_settime32
	check(&p, "clock_settime (time32) denied", A, __NR_clock_settime32, 0,
	      0, EPERM_);
	check(&p, "settimeofday (time32) denied", A, __NR_settimeofday_time32,
	      0, 0, EPERM_);
	check(&p, "clock_settime64 denied", A, __NR_clock_settime64, 0, 0,
	      EPERM_);
#endif
	return fails != 0;
}
