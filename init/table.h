/* corral table's output primitives (init/table_out.c), for the option
 * printers (init/table_fn.c) and rows of init/table.c. */
#ifndef CORRAL_TABLE_H
#define CORRAL_TABLE_H

#include <stddef.h>
#include <stdint.h>

void tp_raw(const char *s, size_t n);
void tp_str(const char *s);
void tp_end(void);             /* the line out */
void tp_top(void);             /* hostname, module, mount and bridge lines */
void tp_word(const char *s);   /* " WORD", quoted if need be */
void tp_opt(const char *name); /* a new "    NAME" line */
void tp_digits(uint64_t v);
void tp_num(uint64_t v);                       /* " N" */
void tp_size(uint64_t v);                      /* " 16M" */
void tp_ms(uint64_t v);                        /* " 100ms", " 30s" */
void tp_limit(uint64_t v);                     /* " N" or " unlimited" */
void tp_ip(uint32_t a);                        /* " A.B.C.D", network order */
void tp_bits(uint64_t mask, const char *list); /* the set bits' names */
void tp_addr(uint32_t addr, unsigned prefix, uint32_t gw); /* " A/P gw G" */

/* The PR_FN rows' printers (init/table_fn.c): given the service and
 * the option's name. */
struct svc;
typedef void opt_fn(const struct svc *s, const char *name);
opt_fn tp_root, tp_isolate, tp_user, tp_caps, tp_seccomp, tp_net, tp_readonly,
	tp_ready, tp_log, tp_mounts, tp_rlimits, tp_after, tp_restart;

#endif
