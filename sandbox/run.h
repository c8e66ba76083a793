/* `corral run`: its long options become one struct svc, with fixed-size
 * backing storage (no allocation), then the same sbx_spawn PID 1 uses. */
#ifndef CORRAL_RUN_H
#define CORRAL_RUN_H

#include "opts.h"
#include "svc.h"

#define RUN_MAX_MOUNTS  16
#define RUN_MAX_ENV     64
#define RUN_MAX_RLIMITS 16

/* Without --user, each `corral run` runs as uid = gid = RUN_ID_BASE +
 * its own pid: no other process has it while the run lives, so per-uid
 * kernel limits (inotify instances, RLIMIT_NPROC, pipe buffers, mqueue
 * bytes) are the run's alone, not shared with host `nobody` and every
 * other sandbox. pid_max is at most 2^22, so the range 0x7f000000 to
 * 0x7f400000 sits above systemd-nspawn's container uids (up to
 * 0x6fffffff) and below systemd's foreign range (0x7ffe0000). */
#define RUN_ID_BASE 0x7f000000u

struct run_cfg {
	struct svc s;
	struct svc_mount mounts[RUN_MAX_MOUNTS];
	const char *env[RUN_MAX_ENV + 1];
	struct svc_rlimit rl[RUN_MAX_RLIMITS];
	unsigned nenv;
	unsigned char ns_given, net_given;
	const char *uname, *gname; /* --user names, resolved by run_user */
	char name[24];             /* "run-PID": the cgroup's name */
};

/* `corral run ARGS` (sandbox/run.c): the command's exit status. */
int run_main(int argc, char **argv);

/* Parse argv (argv[0] is "run") into r. Returns the index of the
 * command after "--", 0 when --help was printed, or -1 after printing
 * an error naming the option. */
int run_parse(struct run_cfg *r, int argc, char **argv);

/* Resolve --user names in the root's /etc/passwd and /etc/group.
 * 0, or -1 after printing why. */
int run_user(struct run_cfg *r);

/* Nearest known name to s in names (a lib/names.h list), for "did you
 * mean". */
const char *run_nearest(const char *s, const char *names);

/* Option setters (sandbox/runval.c), one per RUN row of lib/opts.h:
 * NULL, or why v is wrong. */
#define RV_DECL(id, name, min, max, rep, run, ...)                             \
	IF_##run(const char *rv_##id(struct run_cfg *r, char *v);)
SVC_OPTIONS(RV_DECL)
#undef RV_DECL

#endif
