/* svcc: the services-file compiler, a build-host tool (see README).
 *
 * Pipeline: lex.c cuts the file into logical lines of words; parse.c
 * routes each line through the keyword and option tables (opts*.c);
 * check.c resolves names and rejects contradictions once every service
 * is known; emit_c.c and emit_manifest.c write the outputs.
 *
 * A short-lived host tool: it allocates freely, never frees, and dies on
 * the first error with "FILE:LINE: message" (the x*() and die*() calls
 * do not return on failure).
 */
#ifndef CORRAL_SVCC_H
#define CORRAL_SVCC_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* lstat */
#endif

#include <stddef.h>
#include <stdint.h>

#include "../hostlib.h"
#include "opts.h"
#include "svc.h"
#include "value.h"

#define MAX_MOUNTS  32
#define MAX_RLIMITS 16
#define MAX_AFTER   255

/* A growable NULL-ended list of strings. */
struct vec {
	const char **v;
	unsigned n, cap;
};

/* Options, in the order of lib/opts.h's rows. */
#define OPT_ENUM(id, ...) OPT_##id,
enum opt_id { SVC_OPTIONS(OPT_ENUM) OPT_COUNT };
#undef OPT_ENUM

/* One service while it is being compiled. */
struct spec {
	struct svc s;           /* the values, as they go into the table */
	uint32_t at[OPT_COUNT]; /* line an option was first given on, 0 = not */
	struct vec argv, files, applets, env, after;
	/* files.c: every destination (and its line); `files PATH` paths;
	 * `files SRC:DST` as absolute SRC and DST */
	struct vec file_dst, sysroot_files, copy_src, copy_dst;
	uint32_t *file_line;
	uint32_t after_line[MAX_AFTER];
	uint16_t after_idx[MAX_AFTER];
	struct svc_mount mnt[MAX_MOUNTS];
	uint32_t mnt_line[MAX_MOUNTS];
	struct svc_rlimit rl[MAX_RLIMITS];
	uint8_t rl_name[MAX_RLIMITS]; /* index into RLIMIT_NAMES */
	const char *user;             /* USER[:GROUP[,GROUP...]] as written */
	uint32_t groups[SVC_MAX_GROUPS]; /* what s.groups points at */
	unsigned default_id;             /* uid = gid of svc-NAME */
};

struct svcc {
	const char *file; /* services file, as given */
	uint32_t line;    /* line being compiled, for die() */
	const char *opt;  /* option being compiled, for messages */
	const char *sysroot, *passwd, *group;
	unsigned max_services;
	struct spec *svc;
	unsigned nsvc, cap;
	const char *hostname;
	uint32_t hostname_line;
	struct vec modules;
	struct topmnt *mounts;
	unsigned nmounts;
	struct topbr *bridges;
	unsigned nbridges;
	struct vec words; /* every word lexed: the specs point into them */
};

/* A top-level `bridge NAME [ADDR/PFX] [ports IF...]`. */
struct topbr {
	const char *name;
	struct vec ports;
	uint32_t addr; /* host order; 0 = none */
	uint8_t prefix;
	uint32_t line;
};

/* A top-level `mount SRC DST TYPE [OPTIONS]`. */
struct topmnt {
	const char *src, *dst, *type;
	char *data; /* OPTIONS that are no flag, comma-joined; NULL = none */
	uint32_t flags; /* bit N = word N of MNT_FLAG_NAMES */
	uint32_t line;
};

/* The compile in progress: the only global. */
extern struct svcc comp;

/* util.c */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die_at(uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vec_push(struct vec *v, const char *s);
int vec_find(const struct vec *v, const char *s);
const char *nearest(const char *word, const char *const *names, unsigned n);

/* lex.c: returns the number of words of the next logical line, 0 at
 * end of file; *w is valid until the next call. */
struct lexer;
struct lexer *lex_open(const char *path);
unsigned lex_next(struct lexer *lx, char ***w, int *indented);
void lex_close(struct lexer *lx); /* the words stay, in comp.words */

/* values.c: lib/value.c's parsers for comp.opt, dying with
 * "bad value 'X' for 'OPT' (WHY)" on a bad word. */
void xval(const char *why, const char *word);
uint64_t xval_u64(const char *s, uint64_t max);
uint64_t xval_size(const char *s);
uint32_t xval_ms(const char *s);
uint32_t xval_ipv4(const char *s);
uint32_t xval_cidr(const char *s, uint8_t *prefix);
const char *xval_path(const char *s);
uint64_t xval_limit(const char *s); /* a SIZE, or "unlimited" */
int xval_choice(const char *s, const char *const *names, unsigned n);
const char *xval_name(const char *s, const char *what);

/* parse.c, opts*.c. Every option handler has this shape; most use
 * only some of the arguments (the table checked their count). */
#define OPT(fn)                                                                \
	void fn(struct spec *sp, __attribute__((unused)) char **av,            \
		__attribute__((unused)) unsigned ac)
void parse_file(const char *path);
const char *short_file(const char *path);
const struct topbr *find_bridge(const char *name, int port);
void opt_line(struct spec *sp, char **w, unsigned n);
int opt_lookup_top(const char *name);
int opt_lookup(const char *name);
void check_argc(const char *name, unsigned ac, unsigned min, unsigned max);
extern const struct opt {
	const char *name;
	unsigned char min, max; /* argument counts */
	unsigned char repeat;   /* may be given more than once */
	void (*fn)(struct spec *sp, char **av, unsigned ac);
} opts[OPT_COUNT];
void opt_mount(struct spec *sp, uint8_t kind, const char *src, const char *dst,
	       uint64_t size);

/* ids.c */
void ids_load(void);
void ids_allocate(void);
void ids_resolve(struct spec *sp);
void ids_each(int group,
	      void (*fn)(const char *name, uint32_t id, uint32_t gid));

/* opts.c: the names of `seccomp allow`, SC_ALLOW_NAMES (names.h) */
extern const char *const sc_names[];

/* check.c, files.c */
void check_service(struct spec *sp);
void check_files(const struct spec *sp);
void check_all(void);

/* emit_c.c, emit_manifest.c */
void emit_c(const char *out);
void emit_manifest(const char *out);

#endif
