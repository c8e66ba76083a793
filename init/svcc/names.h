/* Name tables shared by the services compiler (host) and `corral table`
 * (target), so the two cannot drift apart: one list, expanded by each
 * user into the table it needs (X-macros, so no unused static data).
 *
 * Also used by whoever parses `corral run --caps/--rlimit/--isolate`.
 */
#ifndef CORRAL_SVCC_NAMES_H
#define CORRAL_SVCC_NAMES_H

#include <stdint.h>

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

/* clang-format on */

/* The default uid/gid of service NAME (user and group svc-NAME), before
 * collision probing: SVC_ID_BASE + FNV-1a(NAME) % SVC_ID_SPAN.
 *
 * A hash of the name rather than the service's position in the file, so
 * that adding a service above another one does not change the other's
 * uid: files in its persistent `state` directory are owned by that uid.
 * svcc probes upwards (wrapping within the span) past ids taken by an
 * earlier service or by the board's passwd/group; `corral table` uses
 * this to recognise the default and leave `user` out. */
#define SVC_ID_BASE 10000u
#define SVC_ID_SPAN 50000u

static inline uint32_t svc_default_id(const char *name)
{
	uint32_t h = 2166136261u;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return SVC_ID_BASE + h % SVC_ID_SPAN;
}

#endif
