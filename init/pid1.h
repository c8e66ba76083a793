/* PID 1's state and the seams between its files.
 *
 *   init.c       init_main: boot, then the loop, forever
 *   boot.c       API filesystems, cgroups, hostname, lo, modules, limits
 *   mount.c      the root made a mount point; the services file's mounts
 *   bridge.c     the services file's bridges
 *   loop.c       the one epoll loop: signals, reaping, timeouts
 *   supervise.c  per-service state machine: start, ready, backoff
 *   stop.c       exits, stop requests, the stop timeout
 *   log.c        kmsg/stdout writer, service pipes, rate limit
 *   ring.c       per-service log rings (corral ctl log)
 *   dgram.c      each jail's /dev/log and notify socket
 *   ctl_server.c the control socket (corral ctl)
 *   timeline.c   first setup/exec/ready/exit of each service (ctl timeline)
 *   shutdown.c   reverse-order stop, final kill, sync, unmount, reboot(2)
 *
 * Everything is sized at build time (CFG_MAX_SERVICES, CFG_LOG_RING_SIZE):
 * after boot PID 1 allocates nothing, so it has no out-of-memory path.
 */
#ifndef CORRAL_PID1_H
#define CORRAL_PID1_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "out.h"
#include "sandbox/sandbox.h"
#include "svc.h"

/* SPEC 6 states, in the order of st_names[]. */
enum st {
	ST_WAITING,  /* its `after` services are not ready yet */
	ST_STARTING, /* spawned; exec not confirmed yet */
	ST_RUNNING,  /* exec'ed; not ready yet (ready fd), or a oneshot */
	ST_READY,
	ST_STOPPING, /* SIGTERM sent; SIGKILL at the deadline */
	ST_STOPPED,  /* stopped on request; not restarted */
	ST_EXITED,   /* ended and not to be restarted (oneshot done...) */
	ST_BACKOFF,  /* waiting to be restarted */
	ST_FAILED,   /* gave up after its crash loop */
};
extern const char *const st_names[];

/* How the last run ended (`ctl status`'s LAST column), in the order of
 * the names "-", "oom", "sandbox", "sig"; from LAST_SIG on a number
 * follows (an exit status has no name). */
enum last { LAST_NONE, LAST_OOM, LAST_SBX, LAST_SIG, LAST_EXIT };

enum down { DOWN_NONE, DOWN_REBOOT, DOWN_HALT, DOWN_POWEROFF };

/* The steps `corral ctl timeline` reports, in its column order. */
enum tl { TL_SETUP, TL_EXEC, TL_READY, TL_EXIT, TL_N };

/* Per-service run-time state; the table itself stays in .rodata. */
struct unit {
	struct sbx_proc p; /* p.pid 0 = no process */
	int readyfd;       /* read end of the ready pipe, -1 = none */
	int logr, logw;    /* the service's log pipe, kept across restarts */
	uint8_t state;     /* enum st */
	uint8_t ready;     /* a newline arrived on the ready fd */
	uint8_t ok;        /* last run ended with status 0 */
	uint8_t again;     /* `ctl restart`: start once it is down */
	uint8_t last;      /* enum last */
	uint8_t lastv;     /* LAST_EXIT: the status; LAST_SIG: the signal */
	uint8_t sbx;       /* this run's report said the sandbox failed */
	uint8_t told;      /* "waiting for DEP, which failed" logged */
	uint32_t restarts;
	uint32_t delay;  /* next backoff delay, ms */
	uint16_t quick;  /* restarts in the current crash-loop window */
	uint64_t window; /* start of that window, ms */
	uint64_t since;  /* last start, ms */
	uint64_t due;    /* backoff end or stop deadline, ms; 0 = none */
	uint32_t tl
		[TL_N]; /* first time of each step, us after t0; 0 = not yet */
};

/* Globals of PID 1 (init.c). */
struct pid1 {
	int ep;            /* the epoll instance */
	unsigned n;        /* services in the table (<= CFG_MAX_SERVICES) */
	uint64_t t0;       /* PID 1 start, ms of CLOCK_MONOTONIC */
	uint64_t t0us;     /* the same in us, for the timeline */
	uint32_t upus;     /* the up line, us after t0us; 0 = not yet */
	uint8_t container; /* container= in the environment */
	uint8_t up;        /* `corral: up:` printed */
	uint8_t down;      /* enum down: shutting down when non-zero */
};
extern struct pid1 G;
extern struct unit units[CFG_MAX_SERVICES];

/* epoll tags: kind in the high half, service or slot index in the low. */
enum {
	EV_SIG = 1,
	EV_CTL,
	EV_CONN,
	EV_LOG,
	EV_READY,
	EV_REPORT,
	EV_CON,
	EV_SYSLOG, /* EV_SYSLOG + k: units[i].p.sock[k] */
	EV_NOTIFY,
};
#define EV(kind, i) (((uint64_t)(kind) << 32) | (uint32_t)(i))

uint64_t now_us(void);            /* init.c: CLOCK_MONOTONIC */
uint64_t now_ms(void);            /* init.c */
int ep_add(int fd, uint64_t tag); /* init.c: 0 or -errno */
void ep_del(int fd);              /* init.c */
void ep_close(int *fd);           /* init.c: out of the epoll set, close, -1 */
uint64_t earliest(uint64_t a, uint64_t b); /* init.c: 0 = none */

/* boot.c */
void boot(void);
int write_file(const char *path, const char *s); /* 0 or -errno */

/* mount.c */
void root_mount(void); /* / a mount point; may set G.container */
void top_mounts(void); /* the services file's `mount` lines */

/* bridge.c */
void top_bridges(void); /* the services file's `bridge` lines */

/* loop.c */
void loop_init(void);
void loop(void);
void reap(void);

/* supervise.c, stop.c */
void sup_init(void);
void sup_backoff(unsigned i, uint64_t now); /* after a run that failed */
void sup_tick(uint64_t now); /* start what can start, act on deadlines */
uint64_t sup_due(void);      /* earliest deadline, 0 = none */
void sup_report(unsigned i);
void sup_ready(unsigned i);
int sup_exited(int pid, int status); /* 0 if pid was not a service */
int sup_start_req(unsigned i);       /* ctl start; 0 or -errno */
int sup_stop_req(unsigned i, int again);
void sup_stop(unsigned i, uint64_t now);
void sup_kill(unsigned i); /* SIGKILL at the stop timeout */
int sup_live(unsigned i);
/* A failed dependency keeps i waiting: "waiting for DEP, which failed"
 * appended to l, 1; else 0. */
int sup_blocked(unsigned i, struct ln *l);

/* log.c: "corral: ..." lines and service output. */
extern int log_out; /* kmsg or stdout */
void log_init(void);
void log_put(struct ln *l); /* one line to kmsg or stdout */
void log_con(void);         /* the console can take more (EV_CON) */
void log_con_drain(void);   /* before reboot(2): the queue out */
void say(const char *const *s);
#define SAY(...) say((const char *const[]){__VA_ARGS__, 0})
void say_err(const char *what, int err); /* "corral: WHAT: err_str" */
void svc_line(unsigned i, struct ln *l); /* starts "corral: NAME: " */
void svc_say(unsigned i, const char *what);
int log_pipe(unsigned i); /* make the service's log pipe; 0 or -errno */
void log_drain(unsigned i, int all);
void svc_out(unsigned i, const char *s, size_t n); /* "NAME: s", rated */

/* ring.c: each service's recent output and corral's lines about it. */
void ring_add(unsigned i, const char *s, size_t n);
void svc_put(unsigned i, struct ln *l); /* log_put, and into i's ring */
/* The ring to out(), oldest first, in pieces. */
void log_ring(unsigned i, void (*out)(const char *s, unsigned n));

/* dgram.c: the jail's /dev/log and notify socket */
int dgram_open(unsigned i); /* this start's sockets; 0 or -errno */
void dgram_close(unsigned i);
void dgram_read(unsigned i, unsigned k, unsigned rounds); /* sock[k] */

/* ctl_server.c */
void ctl_init(void);
void ctl_accept(void);
void ctl_conn(unsigned slot);
void ctl_tick(uint64_t now);
uint64_t ctl_due(void);

/* timeline.c: stamps cost a clock read and a store, no allocation. */
uint32_t tl_now(void);                    /* us after PID 1 start, >= 1 */
void tl_stamp(unsigned i, enum tl k);     /* the first time only */
void tl_ready(unsigned i);                /* running -> ready, stamped */
void tl_lines(void (*out)(struct ln *l)); /* the `ctl timeline` lines */

/* shutdown.c */
void shutdown_begin(enum down how);
void shutdown_tick(uint64_t now);
uint64_t shutdown_due(void);
void wd_open(void);
void wd_feed(uint64_t now);
uint64_t wd_due(void);

#endif
