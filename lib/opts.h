/* The service options (SPEC 4 and 5), one row each: the one place an
 * option is listed. Everything else is expanded from these rows
 * (toybox's NEWTOY line is the model):
 *
 *   the services compiler   its option table: name, word counts, whether
 *                           it may repeat, handler sv_ID (rootfs-skel/
 *                           svcc/opts*.c)
 *   corral run              its long options (rows marked RUN), setter
 *                           rv_ID (sandbox/runval.c), and the options
 *                           part of --help (lib/host/opthelp.c)
 *   corral table            how the struct svc field is printed back
 *                           (init/table.c), left out where it equals
 *                           SVC_DEFAULTS (lib/svc.h)
 *
 * X(ID, NAME, MIN, MAX, REPEAT, RUN|NORUN, PRINT, RUN_ARG, HELP)
 *
 *   MIN, MAX     words after NAME in the services file (OPT_MANY: any)
 *   REPEAT       1 if the option may be given more than once
 *   RUN          corral run offers --NAME RUN_ARG; NORUN: services only
 *   PRINT        PR_NUM(field), PR_PIDS, PR_SIZE, PR_MS, PR_STR,
 *                PR_WORDS, PR_EACH, PR_FLAG (one field), PR_MS2 and
 *                PR_NUM_MS (two fields, one line), PR_FN(function) for
 *                the rest (init/table_fn.c, listed in init/table.h),
 *                PR_NONE where another row prints it
 *   HELP         corral run --help's text ("\n\t" continues it)
 *
 * Where the two front ends differ by design, the row's comment says so.
 * Adding a scalar option: a row here, a field in struct svc with its
 * default in SVC_DEFAULTS, sv_ID and rv_ID (the value parser is shared:
 * lib/value.h), and the code that uses the field.
 */
#ifndef CORRAL_OPTS_H
#define CORRAL_OPTS_H

#define OPT_MANY 255

/* corral run --help's column for the option descriptions (put_text). */
#define RUN_HELP_COL 23

/* clang-format off */
#define SVC_OPTIONS(X) \
	X(root, "root", 1, 1, 0, RUN, PR_FN(tp_root), "DIR", \
	  "the directory that becomes / (its own mount\n\tonly: file " \
	  "systems mounted below it on the\n\thost do not show) [required]") \
	X(isolate, "isolate", 1, 9, 0, RUN, PR_FN(tp_isolate), "LIST|none", \
	  "namespaces from mount,pid,net,uts,ipc,cgroup,\n\ttime, with " \
	  "mount; none runs CMD in the host's\n\tview, still with uid, " \
	  "caps, seccomp and\n\tcgroup caps (so not as uid 0)\n\t" \
	  "[mount,pid,net,uts,ipc,cgroup]") \
	/* names: from the image at build time (svcc), from the root's \
	 * /etc/passwd at run time (corral run) */ \
	X(user, "user", 1, 1, 0, RUN, PR_FN(tp_user), "USER[:GROUP]", \
	  "names from the root's /etc/passwd and\n\t/etc/group, or " \
	  "numbers; GROUP defaults to\n\tthe user's (for a number: the " \
	  "same number)\n\t[0x7f000000+PID of corral run]") \
	X(caps, "caps", 1, OPT_MANY, 0, RUN, PR_FN(tp_caps), "none|CAP,...", \
	  "capabilities kept, lower case without cap_,\n\te.g. " \
	  "net_bind_service [none]") \
	X(seccomp, "seccomp", 1, OPT_MANY, 0, RUN, PR_FN(tp_seccomp), \
	  "default|none|allow:NAME,...", \
	  "\n\tthe deny-list: mount family, pivot_root,\n\tchroot, unshare, " \
	  "setns, namespace clones,\n\tmodules, kexec, reboot, bpf, perf, " \
	  "ptrace,\n\tkeyrings, userfaultfd, io_uring, fanotify,\n\tclock " \
	  "setting, syslog, swap, acct, quotas,\n\tforeign ABIs, and vsock, " \
	  "AF_ALG and uevent\n\tsockets; allow: the deny-list with those\n\t" \
	  "groups (vsock, alg, uevent, clock) and\n\tdenied calls (e.g. " \
	  "adjtimex) let through\n\t[default]") \
	X(memory, "memory", 1, 1, 0, RUN, PR_SIZE(memory), "SIZE|max", \
	  "memory cap, 1M or more; SIZE takes K, M, G\n\t[max]") \
	X(pids, "pids", 1, 1, 0, RUN, PR_PIDS(pids), "N|max", \
	  "most processes and threads [256]") \
	X(cpus, "cpus", 1, 1, 0, RUN, PR_STR(cpus), "LIST", \
	  "CPUs allowed, e.g. 0-1,3 [any]") \
	X(cpu, "cpu", 1, 1, 0, RUN, PR_NUM(cpu_pct), "PERCENT", \
	  "CPU time, in percent of one CPU [no cap]") \
	/* corral run: one word, ':' between the services file's words */ \
	X(net, "net", 1, 5, 0, RUN, PR_FN(tp_net), \
	  "none|host|veth:A|bridge:BR:A|dev:IF[:A]", \
	  "\n\tnone: only lo, up; host: the host's network;\n\tveth: a " \
	  "pair, eth0 inside; bridge: the\n\tsame, its host end a port of " \
	  "BR; dev: IF\n\tmoved in while it runs; A is ADDR/PFX[:gw:ADDR]" \
	  "\n\t[none]") \
	X(readonly, "readonly", 1, 1, 0, RUN, PR_FN(tp_readonly), "yes|no", \
	  "root read-only [yes]") \
	/* services: state PATH, kept under /var/lib/corral/NAME; corral \
	 * run: state DIR:PATH, a host DIR of the caller's choosing */ \
	X(state, "state", 1, 1, 1, RUN, PR_FN(tp_mounts), "DIR:PATH", \
	  "host DIR writable at PATH (repeatable)") \
	X(tmpfs, "tmpfs", 1, 2, 1, RUN, PR_NONE, "PATH[:SIZE]", \
	  "a tmpfs at PATH (repeatable) [16M]") \
	X(bind, "bind", 2, 3, 1, RUN, PR_NONE, "SRC:DST[:ro|rw]", \
	  "host SRC at DST (repeatable) [ro]") \
	X(env, "env", 1, OPT_MANY, 1, RUN, PR_EACH(env), "NAME=VALUE", \
	  "the environment is only these (repeatable)") \
	X(hostname, "hostname", 1, 1, 0, RUN, PR_STR(hostname), "NAME", \
	  "[corral]") \
	X(rlimit, "rlimit", 2, 3, 1, RUN, PR_FN(tp_rlimits), \
	  "NAME=SOFT[:HARD]", \
	  "e.g. nofile=1024:4096; unlimited is a\n\tvalue; HARD defaults " \
	  "to SOFT; core dumps are\n\toff unless set [core=0]") \
	X(files, "files", 1, OPT_MANY, 1, NORUN, PR_WORDS(files), \
	  "PATH|SRC:DST...", "build-host files copied into the subtree,\n\t" \
	  "with their shared-library closure") \
	X(applets, "applets", 1, OPT_MANY, 1, NORUN, PR_WORDS(applets), \
	  "NAME...", "toybox applets, as /bin/NAME in the subtree") \
	X(after, "after", 1, OPT_MANY, 1, NORUN, PR_FN(tp_after), "NAME...", \
	  "start once those are ready (oneshots: exited 0)") \
	X(ready, "ready", 1, 2, 0, NORUN, PR_FN(tp_ready), "fd N|notify", \
	  "ready when the service writes a newline to fd N;\n\tnotify: " \
	  "when it sends READY=1 to $NOTIFY_SOCKET") \
	X(restart, "restart", 1, 1, 0, NORUN, PR_FN(tp_restart), \
	  "always|on-failure|never", "[always]") \
	X(oneshot, "oneshot", 0, 0, 0, NORUN, PR_FLAG(oneshot), "", \
	  "runs once; implies restart never") \
	X(backoff, "backoff", 2, 2, 0, NORUN, \
	  PR_MS2(backoff_min_ms, backoff_max_ms), "MIN MAX", \
	  "restart delays [100ms 30s]") \
	X(crashloop, "crashloop", 2, 3, 0, NORUN, \
	  PR_NUM_MS(crashloop_n, crashloop_window_ms), "N WINDOW", \
	  "give up after N quick exits in WINDOW [5 60s]") \
	X(critical, "critical", 0, 0, 0, NORUN, PR_FLAG(critical), "", \
	  "reboot when the service reaches failed") \
	X(stop_timeout, "stop-timeout", 1, 1, 0, NORUN, \
	  PR_MS(stop_timeout_ms), "DURATION", \
	  "SIGTERM, then SIGKILL of the whole service [5s]") \
	X(console, "console", 0, 0, 0, NORUN, PR_FLAG(console), "", \
	  "stdio on /dev/console (a rescue shell)") \
	/* corral run: stdout is the caller's; nothing would read /dev/log */ \
	X(log, "log", 1, 1, 0, NORUN, PR_FN(tp_log), "syslog|none", \
	  "/dev/log in the jail, its messages logged as\n\tthe service's " \
	  "own lines [syslog]")
/* clang-format on */

/* For expansions that keep only the RUN rows: IF_##RUN(x). */
#define IF_RUN(...) __VA_ARGS__
#define IF_NORUN(...)

#endif
