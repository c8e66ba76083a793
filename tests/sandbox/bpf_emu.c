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

static void check(const struct prog *p, const char *what, uint32_t arch, int nr,
		  uint64_t a0, uint64_t a1, uint32_t want)
{
	struct seccomp_data d = {.nr = nr, .arch = arch, .args = {a0, a1}};
	uint32_t got = run(p, &d);

	fails += got != want;
	printf("%s: seccomp %s: verdict %#x\n", got == want ? "PASS" : "FAIL",
	       what, got);
}

#define EPERM_ (SECCOMP_RET_ERRNO | EPERM)
#define NOSYS_ (SECCOMP_RET_ERRNO | ENOSYS)
#define KILL_  SECCOMP_RET_KILL_PROCESS
#define ALLOW_ SECCOMP_RET_ALLOW

int main(void)
{
	static struct prog p;
	unsigned at[L_N];
	const uint32_t A = SC_ARCH;

	head(&p);
	tail(&p, at);
	if (patch(&p, at) < 0) {
		printf("FAIL: seccomp program does not assemble\n");
		return 1;
	}
	printf("PASS: seccomp program assembles: %u instructions\n", p.n);
	check(&p, "read allowed", A, __NR_read, 0, 0, ALLOW_);
	check(&p, "mount denied", A, __NR_mount, 0, 0, EPERM_);
	check(&p, "vhangup denied", A, __NR_vhangup, 0, 0, EPERM_);
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
	return fails != 0;
}
