/* Names of capabilities, namespaces and rlimits: the one list shared by
 * the services compiler (host, rootfs-skel/svcc), `corral run` (parsing) and
 * `corral table` (printing), so the three cannot drift apart.
 *
 * The lists are X-macros: svcc expands them into what it needs; the
 * target uses lib/names.c's packed copies below. */
#ifndef CORRAL_NAMES_H
#define CORRAL_NAMES_H

/* One name per X(), wrapped by hand. */
/* clang-format off */

/* Linux capabilities in bit order, lower case without "cap_". */
#define CAP_NAMES(X) \
	X(chown) X(dac_override) X(dac_read_search) X(fowner) X(fsetid) \
	X(kill) X(setgid) X(setuid) X(setpcap) X(linux_immutable) \
	X(net_bind_service) X(net_broadcast) X(net_admin) X(net_raw) \
	X(ipc_lock) X(ipc_owner) X(sys_module) X(sys_rawio) X(sys_chroot) \
	X(sys_ptrace) X(sys_pacct) X(sys_admin) X(sys_boot) X(sys_nice) \
	X(sys_resource) X(sys_time) X(sys_tty_config) X(mknod) X(lease) \
	X(audit_write) X(audit_control) X(setfcap) X(mac_override) \
	X(mac_admin) X(syslog) X(wake_alarm) X(block_suspend) \
	X(audit_read) X(perfmon) X(bpf) X(checkpoint_restore)
#define CAP_COUNT 41

/* Namespaces in NS_* bit order (lib/svc.h). */
#define NS_NAMES(X) X(mount) X(pid) X(net) X(uts) X(ipc) X(cgroup) \
	X(user) X(time)

/* rlimit names: X(SUFFIX, name); the number is RLIMIT_##SUFFIX from the
 * *target's* <sys/resource.h> (MIPS numbers them differently). */
#define RLIMIT_NAMES(X) \
	X(AS, as) X(CORE, core) X(CPU, cpu) X(DATA, data) X(FSIZE, fsize) \
	X(LOCKS, locks) X(MEMLOCK, memlock) X(MSGQUEUE, msgqueue) \
	X(NICE, nice) X(NOFILE, nofile) X(NPROC, nproc) X(RSS, rss) \
	X(RTPRIO, rtprio) X(RTTIME, rttime) X(SIGPENDING, sigpending) \
	X(STACK, stack)

/* What `seccomp allow` lets through the default filter, as bits of
 * svc.sc_allow in this order: groups first, in SC_ALLOW_* order
 * (lib/svc.h): socket families and a netlink protocol no service needs
 * by default (sandbox/seccomp.c says why each), and the clock setting
 * calls; then the system calls of the deny-list a service may be
 * given back one by one, the same list on every architecture (one an
 * architecture lacks allows nothing there). A name also covers its
 * variants: umount2 umount, clock_settime and clock_adjtime their
 * time64 calls, settimeofday stime. Not named, so never allowed: the
 * calls checked by argument (clone, socket...), clone3 (its flags out
 * of the filter's reach) and the obsolete ones (uselib, _sysctl,
 * vm86...). */
#define SC_GROUP_NAMES(X) X(vsock) X(alg) X(uevent) X(clock)
#define SC_CALL_NAMES(X) \
	X(mount) X(umount2) X(pivot_root) X(chroot) X(move_mount) \
	X(open_tree) X(fsopen) X(fsconfig) X(fsmount) X(fspick) \
	X(mount_setattr) X(unshare) X(setns) X(init_module) \
	X(finit_module) X(delete_module) X(kexec_load) X(kexec_file_load) \
	X(reboot) X(bpf) X(perf_event_open) X(ptrace) X(process_vm_readv) \
	X(process_vm_writev) X(kcmp) X(pidfd_getfd) X(keyctl) X(add_key) \
	X(request_key) X(userfaultfd) X(io_uring_setup) X(io_uring_enter) \
	X(io_uring_register) X(open_by_handle_at) X(name_to_handle_at) \
	X(swapon) X(swapoff) X(clock_settime) X(clock_adjtime) \
	X(settimeofday) X(adjtimex) X(syslog) X(acct) X(quotactl) \
	X(quotactl_fd) X(vhangup) X(fanotify_init) X(iopl) X(ioperm)
#define SC_ALLOW_NAMES(X) SC_GROUP_NAMES(X) SC_CALL_NAMES(X)
#define SC_NAME_ENUM(n) SCN_##n,
enum sc_name { SC_ALLOW_NAMES(SC_NAME_ENUM) SCN_COUNT, SCN_NONE = 63 };
/* The `clock` group: what CAP_SYS_TIME is for. */
#define SC_CLOCK_CALLS \
	(1ull << SCN_clock_settime | 1ull << SCN_clock_adjtime | \
	 1ull << SCN_settimeofday | 1ull << SCN_adjtimex)

/* The OPTIONS words of a top-level `mount` (SPEC 8) that are MS_* flags:
 * X(SUFFIX, word), the flag being MS_##SUFFIX. svcc also takes rw,
 * defaults, async, suid, dev, exec and atime, which set none; every
 * other word goes to the file system as data. */
#define MNT_FLAG_NAMES(X) \
	X(RDONLY, ro) X(NOSUID, nosuid) X(NODEV, nodev) X(NOEXEC, noexec) \
	X(SYNCHRONOUS, sync) X(DIRSYNC, dirsync) X(NOSYMFOLLOW, nosymfollow) \
	X(NOATIME, noatime) X(NODIRATIME, nodiratime) X(BIND, bind) \
	X(REC, rec) X(SILENT, silent) X(RELATIME, relatime) \
	X(STRICTATIME, strictatime) X(LAZYTIME, lazytime)

/* clang-format on */

/* The target's copies (lib/names.c). A list is one string of
 * NUL-separated names ending with an empty one ("a\0b\0"): no pointer
 * per name, which costs 8 bytes a name on a 64-bit target. Index = NS_*
 * bit, capability number, or position in rlimit_res[]. */
extern const char ns_list[];
extern const char cap_list[];
extern const char rlimit_list[];
extern const char sc_allow_list[];       /* SC_ALLOW_NAMES */
extern const unsigned char rlimit_res[]; /* RLIMIT_* of each name */
extern const char mnt_flag_list[];
extern const unsigned char mnt_flag_bit[]; /* MS_* = 1 << this */

/* Index of s in the list, or -1. */
int name_find(const char *list, const char *s);

/* The name after this one; the list's final "" stays where it is. */
const char *name_next(const char *name);

/* Name number i of the list, or "" past its end. */
const char *name_at(const char *list, unsigned i);

#endif
