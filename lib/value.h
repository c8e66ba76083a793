/* Value parsers shared by the services compiler (host) and `corral run`
 * (target), so one word gets one verdict from both front ends. Each
 * returns NULL, or why the word is refused (a short phrase): the services
 * compiler prints "FILE:LINE: bad value 'X' for 'OPT' (WHY)" and dies,
 * `corral run` prints "corral run: --OPT X: WHY" and exits 125. No stdio,
 * no allocation, no exit: target code. */
#ifndef CORRAL_VALUE_H
#define CORRAL_VALUE_H

#include <stdint.h>

/* Decimal digits only, at most max. */
const char *val_num(const char *s, uint64_t max, uint64_t *v);
/* N, NK, NM or NG (powers of 1024, either case). */
const char *val_size(const char *s, uint64_t *v);
/* N with ms, s, m or h; in milliseconds, at most 2^32-1. */
const char *val_ms(const char *s, uint32_t *v);
/* A cap: "max" is none (0); 0 itself is refused ("no cap" is spelt one
 * way). memory: a SIZE of at least SVC_MEMORY_MIN; pids: a count. */
const char *val_memory(const char *s, uint64_t *v);
const char *val_pids(const char *s, uint32_t *v);
/* Percent of one CPU, "50" or "50%", 1 to 65535. */
const char *val_cpu(const char *s, uint16_t *v);
/* cpuset list: N or N-M (N <= M < 4096), comma separated. */
const char *val_cpus(const char *s);
/* Dotted quad, into network byte order. */
const char *val_ipv4(const char *s, uint32_t *v);
/* ADDR/PFX with PFX 1 to 32. Cuts s at the '/'. */
const char *val_cidr(char *s, uint32_t *addr, uint8_t *prefix);
/* RFC 1123: letters, digits, '-' and '.', 1 to 64, no leading - or . */
const char *val_hostname(const char *s);
/* A network interface: 1 to 15 of letters, digits, '.', '_', '-', not
 * starting with '-' or '.'. */
const char *val_ifname(const char *s);
/* Absolute, no tab or newline, no "..", at most 4000 bytes. */
const char *val_path(const char *s);
/* An rlimit value: a SIZE, "unlimited" or "infinity". */
const char *val_limit(const char *s, uint64_t *v);
/* NAME=VALUE with NAME a shell variable name. */
const char *val_env(const char *s);

#endif
