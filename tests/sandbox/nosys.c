/* nosys: run a command as on an older kernel.
 *
 *   nosys SYSCALL... -- CMD [ARG...]
 *
 * SYSCALL is one of openat2 (5.6), clone3 (5.3), close_range (5.9).
 * Installs a seccomp filter, inherited by CMD and all it starts, under
 * which those fail with ENOSYS, then execs CMD: the sandbox's fallbacks
 * (path walk, clone(2), fcntl loop) can be tested on a new kernel.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct {
	const char *name;
	unsigned nr;
} calls[] = {
	{"openat2", SYS_openat2},         {"clone3", SYS_clone3},
	{"close_range", SYS_close_range}, {"open_tree", SYS_open_tree},
	{"move_mount", SYS_move_mount},   {"mount_setattr", SYS_mount_setattr},
};

int main(int argc, char **argv)
{
	struct sock_filter f[16];
	struct sock_fprog p = {0, f};
	int i = 1;

	f[p.len++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (; i < argc && strcmp(argv[i], "--"); i++) {
		unsigned k = 0, n = sizeof(calls) / sizeof(calls[0]);

		while (k < n && strcmp(argv[i], calls[k].name))
			k++;
		if (k == n || p.len > 12) {
			fprintf(stderr, "nosys: unknown syscall %s\n", argv[i]);
			return 2;
		}
		/* equal: skip to the ENOSYS return placed last */
		f[p.len++] = (struct sock_filter)BPF_JUMP(
			BPF_JMP | BPF_JEQ | BPF_K, calls[k].nr, 0, 0);
	}
	if (i + 1 >= argc) {
		fprintf(stderr, "usage: nosys SYSCALL... -- CMD [ARG...]\n");
		return 2;
	}
	for (unsigned k = 1; k < p.len; k++) /* the returns follow */
		f[k].jt = (unsigned char)(p.len - k);
	f[p.len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_ALLOW);
	f[p.len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_ERRNO | ENOSYS);
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p, 0, 0) < 0) {
		perror("nosys: seccomp");
		return 125;
	}
	execv(argv[i + 1], argv + i + 1);
	perror(argv[i + 1]);
	return 127;
}
