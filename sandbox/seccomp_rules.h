/* The default filter's facts, for sandbox/seccomp.c alone: each
 * architecture's AUDIT_ARCH and syscall base, and the deny-list itself,
 * as (number, where it jumps) pairs. Numbers come from the target's
 * <sys/syscall.h>; rules for calls an architecture lacks are left out
 * by #ifdef. */
#ifndef CORRAL_SECCOMP_RULES_H
#define CORRAL_SECCOMP_RULES_H

#if defined(__x86_64__) && !defined(__ILP32__)
#define SC_ARCH AUDIT_ARCH_X86_64
#define SC_BASE 0
#define SC_X32  0x40000000u
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define SC_ARCH AUDIT_ARCH_AARCH64
#define SC_BASE 0
#elif defined(__arm__) && !defined(__ARMEB__)
/* EABI is the only ABI a filter can meet: arch/arm/Kconfig offers
 * seccomp filters only without OABI_COMPAT, whose calls the kernel would
 * report with this same arch and numbers. */
#define SC_ARCH    AUDIT_ARCH_ARM
#define SC_BASE    0
#define SC_PRIVATE 0x0f0000u /* __ARM_NR_cacheflush, set_tls...: allowed */
#elif defined(__mips__) && _MIPS_SIM == _MIPS_SIM_ABI32 && defined(__MIPSEL__)
#define SC_ARCH    AUDIT_ARCH_MIPSEL
#define SC_BASE    4000 /* o32 numbers start at 4000 */
#define SC_ABI_END 5000 /* n64 at 5000, n32 at 6000: see head() */
#else
#error "seccomp: add this architecture's AUDIT_ARCH and syscall base"
#endif

/* First number this table does not know (mseal is 462 everywhere since
 * the numbers were unified at 424). */
#define SC_LIMIT (SC_BASE + 463)
/* Unified numbers musl 1.2.3 does not name yet. */
#ifndef __NR_quotactl_fd
#define __NR_quotactl_fd (SC_BASE + 443)
#endif
/* musl names the 32-bit ABIs' old time calls after their time_t. */
#if !defined(__NR_clock_settime) && defined(__NR_clock_settime32)
#define __NR_clock_settime __NR_clock_settime32
#endif
#if !defined(__NR_settimeofday) && defined(__NR_settimeofday_time32)
#define __NR_settimeofday __NR_settimeofday_time32
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LO(n) (offsetof(struct seccomp_data, args) + 8 * (n))
#else
#define ARG_LO(n) (offsetof(struct seccomp_data, args) + 8 * (n) + 4)
#endif

#define NS_CLONE_FLAGS                                                         \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |         \
	 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* Where a matching rule jumps: one of the tail blocks. */
enum label {
	L_EPERM,
	L_ENOSYS,
	L_CLONE,
	L_PERS,
	L_IOCTL,
	L_SOCKET,
	L_SOCKCALL,
	L_DFLT,
	L_KILL,
	L_ALLOW,
	L_N
};

/* bit: the SC_ALLOW_NAMES name (lib/names.h) that lets it through,
 * SCN_NONE for none. */
struct rule {
	uint16_t nr;
	uint8_t to, bit;
};

/* SPEC 5's list and its close relatives (ptrace-like kcmp and
 * pidfd_getfd, legacy port I/O and module calls). */
static const struct rule rules[] = {
	{__NR_mount, L_EPERM, SCN_mount},
	{__NR_umount2, L_EPERM, SCN_umount2},
	{__NR_pivot_root, L_EPERM, SCN_pivot_root},
	{__NR_chroot, L_EPERM, SCN_chroot},
	{__NR_move_mount, L_EPERM, SCN_move_mount},
	{__NR_open_tree, L_EPERM, SCN_open_tree},
	{__NR_fsopen, L_EPERM, SCN_fsopen},
	{__NR_fsconfig, L_EPERM, SCN_fsconfig},
	{__NR_fsmount, L_EPERM, SCN_fsmount},
	{__NR_fspick, L_EPERM, SCN_fspick},
	{__NR_mount_setattr, L_EPERM, SCN_mount_setattr},
	{__NR_unshare, L_EPERM, SCN_unshare},
	{__NR_setns, L_EPERM, SCN_setns},
	{__NR_init_module, L_EPERM, SCN_init_module},
	{__NR_finit_module, L_EPERM, SCN_finit_module},
	{__NR_delete_module, L_EPERM, SCN_delete_module},
	{__NR_kexec_load, L_EPERM, SCN_kexec_load},
	{__NR_reboot, L_EPERM, SCN_reboot},
	{__NR_bpf, L_EPERM, SCN_bpf},
	{__NR_perf_event_open, L_EPERM, SCN_perf_event_open},
	{__NR_ptrace, L_EPERM, SCN_ptrace},
	{__NR_process_vm_readv, L_EPERM, SCN_process_vm_readv},
	{__NR_process_vm_writev, L_EPERM, SCN_process_vm_writev},
	{__NR_kcmp, L_EPERM, SCN_kcmp},
	{__NR_pidfd_getfd, L_EPERM, SCN_pidfd_getfd},
	{__NR_keyctl, L_EPERM, SCN_keyctl},
	{__NR_add_key, L_EPERM, SCN_add_key},
	{__NR_request_key, L_EPERM, SCN_request_key},
	{__NR_userfaultfd, L_EPERM, SCN_userfaultfd},
	{__NR_io_uring_setup, L_EPERM, SCN_io_uring_setup},
	{__NR_io_uring_enter, L_EPERM, SCN_io_uring_enter},
	{__NR_io_uring_register, L_EPERM, SCN_io_uring_register},
	{__NR_open_by_handle_at, L_EPERM, SCN_open_by_handle_at},
	{__NR_name_to_handle_at, L_EPERM, SCN_name_to_handle_at},
	{__NR_swapon, L_EPERM, SCN_swapon},
	{__NR_swapoff, L_EPERM, SCN_swapoff},
	{__NR_clock_settime, L_EPERM, SCN_clock_settime},
	{__NR_clock_adjtime, L_EPERM, SCN_clock_adjtime},
	{__NR_settimeofday, L_EPERM, SCN_settimeofday},
	{__NR_adjtimex, L_EPERM, SCN_adjtimex},
	{__NR_syslog, L_EPERM, SCN_syslog},
	{__NR_acct, L_EPERM, SCN_acct},
	{__NR_quotactl, L_EPERM, SCN_quotactl},
	{__NR_quotactl_fd, L_EPERM, SCN_quotactl_fd},
	{__NR_vhangup, L_EPERM, SCN_vhangup},
	/* unprivileged since 5.13 */
	{__NR_fanotify_init, L_EPERM, SCN_fanotify_init},
	{__NR_socket, L_SOCKET, SCN_NONE},
#ifdef __NR_socketcall
	{__NR_socketcall, L_SOCKCALL, SCN_NONE},
#endif
#ifdef __NR_umount
	{__NR_umount, L_EPERM, SCN_umount2},
#endif
#ifdef __NR_kexec_file_load
	{__NR_kexec_file_load, L_EPERM, SCN_kexec_file_load},
#endif
#ifdef __NR_stime
	{__NR_stime, L_EPERM, SCN_settimeofday},
#endif
#ifdef __NR_clock_settime64
	{__NR_clock_settime64, L_EPERM, SCN_clock_settime},
#endif
#ifdef __NR_clock_adjtime64
	{__NR_clock_adjtime64, L_EPERM, SCN_clock_adjtime},
#endif
#ifdef __NR_uselib
	{__NR_uselib, L_EPERM, SCN_NONE},
#endif
#ifdef __NR__sysctl
	{__NR__sysctl, L_EPERM, SCN_NONE},
#endif
#ifdef __NR_lookup_dcookie
	{__NR_lookup_dcookie, L_EPERM, SCN_NONE},
#endif
#ifdef __NR_nfsservctl
	{__NR_nfsservctl, L_EPERM, SCN_NONE},
#endif
#ifdef __NR_iopl
	{__NR_iopl, L_EPERM, SCN_iopl},
#endif
#ifdef __NR_ioperm
	{__NR_ioperm, L_EPERM, SCN_ioperm},
#endif
#ifdef __NR_create_module
	{__NR_create_module, L_EPERM, SCN_NONE},
#endif
#ifdef __NR_vm86
	{__NR_vm86, L_EPERM, SCN_NONE},
#endif
#ifdef __NR_vm86old
	{__NR_vm86old, L_EPERM, SCN_NONE},
#endif
	{__NR_clone, L_CLONE, SCN_NONE},
	{__NR_clone3, L_ENOSYS, SCN_NONE},
	{__NR_personality, L_PERS, SCN_NONE},
	{__NR_ioctl, L_IOCTL, SCN_NONE},
};

#endif
