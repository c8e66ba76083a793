/* The service description shared by every part of corral.
 *
 * The services compiler (rootfs-skel/svcc, a host tool) turns board/NAME/services
 * into a constant array of these; `corral run` fills one from its long
 * options; the sandbox only ever reads one. Keeping one struct means the
 * services file, `corral run` and PID 1 cannot drift apart: an option the
 * sandbox understands is an option everywhere.
 *
 * Everything is sized and typed for a constant table in .rodata: no
 * pointers into the heap, no allocation at run time. Strings are plain
 * NUL-terminated C strings; lists are NULL-terminated arrays of strings.
 */
#ifndef CORRAL_SVC_H
#define CORRAL_SVC_H

#include <stdint.h>

/* Namespaces a service is isolated with (SPEC 4, `isolate`). Zero means
 * `isolate none`: the service runs in the base system. */
enum {
	NS_MOUNT = 1 << 0,
	NS_PID = 1 << 1,
	NS_NET = 1 << 2,
	NS_UTS = 1 << 3,
	NS_IPC = 1 << 4,
	NS_CGROUP = 1 << 5,
	NS_USER = 1 << 6,
	NS_TIME = 1 << 7,
	NS_DEFAULT = NS_MOUNT | NS_PID | NS_NET | NS_UTS | NS_IPC | NS_CGROUP,
};

enum svc_restart { RESTART_ALWAYS, RESTART_ON_FAILURE, RESTART_NEVER };
/* From NET_VETH on, the parent gives the child's network namespace an
 * interface after clone (sandbox/net.c). */
enum svc_net { NET_NONE, NET_HOST, NET_VETH, NET_BRIDGE, NET_DEV };
enum svc_seccomp { SECCOMP_DEFAULT, SECCOMP_NONE };
/* `log`: LOG_SYSLOG gives the jail a /dev/log (needs a mount namespace). */
enum svc_log { LOG_SYSLOG, LOG_NONE };
/* `seccomp allow NAME...`: bit N = name N of SC_ALLOW_NAMES
 * (lib/names.h), its groups first. */
enum {
	SC_ALLOW_VSOCK = 1,
	SC_ALLOW_ALG = 2,
	SC_ALLOW_UEVENT = 4,
	SC_ALLOW_CLOCK = 8
};

/* Extra mounts inside the service's root (`bind`, `tmpfs`, `state`). */
enum svc_mount_kind { MNT_BIND_RO, MNT_BIND_RW, MNT_TMPFS, MNT_STATE };

struct svc_mount {
	uint8_t kind;    /* enum svc_mount_kind */
	const char *src; /* bind: host path; state: host dir; tmpfs: NULL */
	const char *dst; /* path inside the service's root */
	/* tmpfs: size in bytes, 0 = kernel default. state: 0 = src must
	 * exist (corral run); else src is made where missing (SPEC 8), its
	 * first `size` bytes (/var/lib/corral/NAME) root's, the rest
	 * 0700 the service's (sandbox/fs.c) */
	uint64_t size;
};

struct svc_rlimit {
	uint8_t resource;    /* RLIMIT_* number */
	uint64_t soft, hard; /* UINT64_MAX = unlimited */
};

#define SVC_NO_ID      UINT32_MAX /* uid/gid not set: use the default */
#define SVC_MAX_GROUPS 16
/* The smallest memory cap either front end accepts: below it the kernel
 * cannot even charge the new process's page tables and stack, and the
 * OOM killer ends it before it runs (Docker's floor is 6M). */
#define SVC_MEMORY_MIN (1u << 20)

/* `ready notify`: ready_fd's value, and the jail's socket for it, which
 * svcc puts in the service's environment as NOTIFY_SOCKET. */
#define SVC_READY_NOTIFY (-2)
#define SVC_NOTIFY_PATH  "/dev/notify"

/* Laid out widest first, so that no field pads: the table is rodata in
 * the binary, one of these per service (200 bytes on 64-bit targets). */
struct svc {
	const char *name;
	const char *const *argv; /* argv[0] is PATH, inside root; NULL-ended */
	const char *root;        /* subtree in the image [/srv/NAME] */
	const uint32_t *groups;  /* ngroups supplementary gids, or NULL */
	const char *cpus;        /* cpuset list, e.g. "0-1,3"; NULL = any */
	const char *netif;       /* bridge: the bridge; dev: the interface */
	const struct svc_mount *mounts;
	const char *const *env; /* "K=V", NULL-ended; NULL = empty */
	const char *hostname;   /* NULL = service name */
	const struct svc_rlimit *rlimits;
	/* Build-time contents of the subtree; kept so `corral table` can
	 * print the file back and rootfs-skel can check it. */
	const char *const *files;   /* NULL-ended or NULL */
	const char *const *applets; /* NULL-ended or NULL */
	const uint16_t *after;      /* nafter indices into the table */
	const char *file;           /* services file and line, for messages */

	uint64_t caps;     /* bit N = capability N kept */
	uint64_t sc_allow; /* what the default filter lets through */
	uint64_t memory;   /* bytes; 0 = no cap */

	uint32_t uid, gid; /* SVC_NO_ID = default */
	uint32_t pids;     /* 0 = no cap */
	uint32_t addr, gw; /* IPv4, network byte order; 0 = none */
	/* Supervision (PID 1 only). */
	uint32_t backoff_min_ms, backoff_max_ms;
	uint32_t crashloop_window_ms;
	uint32_t stop_timeout_ms;
	uint32_t line;

	uint16_t ns;      /* NS_* mask; 0 = isolate none */
	uint16_t cpu_pct; /* CPU quota in percent of one CPU; 0 = none */
	uint16_t crashloop_n;

	uint8_t seccomp;  /* enum svc_seccomp */
	uint8_t ngroups;  /* at most SVC_MAX_GROUPS */
	uint8_t net;      /* enum svc_net */
	uint8_t prefix;   /* veth, bridge, dev: prefix length */
	uint8_t readonly; /* root subtree read-only [1] */
	uint8_t nmounts;
	uint8_t nrlimits;
	uint8_t nafter;
	int8_t ready_fd; /* -1 = ready at exec; SVC_READY_NOTIFY */
	uint8_t restart; /* enum svc_restart */
	uint8_t oneshot, critical, console;
	uint8_t log; /* enum svc_log */
};

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

/* The one set of defaults (SPEC 4), for both front ends and for
 * `corral table`, which leaves out what equals them:
 * `struct svc s = {SVC_DEFAULTS}`. One SVC_DFLT_field per field that
 * `corral table` prints from its row (lib/opts.h). */
#define SVC_DFLT_memory              0
#define SVC_DFLT_pids                256
#define SVC_DFLT_cpus                0
#define SVC_DFLT_cpu_pct             0
#define SVC_DFLT_env                 0
#define SVC_DFLT_hostname            0
#define SVC_DFLT_files               0
#define SVC_DFLT_applets             0
#define SVC_DFLT_oneshot             0
#define SVC_DFLT_backoff_min_ms      100
#define SVC_DFLT_backoff_max_ms      30000
#define SVC_DFLT_crashloop_n         5
#define SVC_DFLT_crashloop_window_ms 60000
#define SVC_DFLT_critical            0
#define SVC_DFLT_stop_timeout_ms     5000
#define SVC_DFLT_console             0
#define SVC_PIDS_DEFAULT             SVC_DFLT_pids
#define SVC_DEFAULTS                                                           \
	.ns = NS_DEFAULT, .uid = SVC_NO_ID, .gid = SVC_NO_ID,                  \
	.seccomp = SECCOMP_DEFAULT, .pids = SVC_DFLT_pids, .net = NET_NONE,    \
	.readonly = 1, .ready_fd = -1, .restart = RESTART_ALWAYS,              \
	.backoff_min_ms = SVC_DFLT_backoff_min_ms,                             \
	.backoff_max_ms = SVC_DFLT_backoff_max_ms,                             \
	.crashloop_n = SVC_DFLT_crashloop_n,                                   \
	.crashloop_window_ms = SVC_DFLT_crashloop_window_ms,                   \
	.stop_timeout_ms = SVC_DFLT_stop_timeout_ms

/* The compiled-in table, generated by rootfs-skel/svcc into $(O)/gen/table.c. */
extern const struct svc svc_table[];
extern const unsigned svc_count;
extern const char *const tbl_hostname;  /* NULL = leave as is */
extern const char *const tbl_modules[]; /* NULL-ended module paths */

/* A top-level `mount SRC DST TYPE [OPTIONS]` (SPEC 8), done by PID 1 at
 * boot before any service starts. */
struct tbl_mount {
	const char *src, *dst, *type;
	const char *data; /* the OPTIONS that are no MS_* flag; NULL = none */
	unsigned long flags; /* MS_* (lib/names.h, MNT_FLAG_NAMES) */
};
extern const struct tbl_mount tbl_mounts[]; /* ended by dst NULL */

/* A top-level `bridge NAME [ADDR/PFX] [ports IF...]` (SPEC 8), made by
 * PID 1 at boot after the mounts, before any service starts. */
struct tbl_bridge {
	const char *name;
	const char *const *ports; /* NULL-ended */
	uint32_t addr;            /* network byte order; 0 = none */
	uint8_t prefix;
};
extern const struct tbl_bridge tbl_bridges[]; /* ended by name NULL */

#endif
