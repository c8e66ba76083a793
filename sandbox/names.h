/* Names of namespaces, capabilities and rlimits, for `corral run` and
 * anything else that prints or parses them. Index = bit or number. */
#ifndef CORRAL_NAMES_H
#define CORRAL_NAMES_H

extern const char *const ns_names[];  /* bit i of NS_* */
extern const char *const cap_names[]; /* CAP_* number, lower case */

/* RLIMIT_* numbers differ on MIPS: pairs, not an index. */
struct rlimit_name {
	const char *name;
	unsigned char resource;
};
extern const struct rlimit_name rlimit_names[]; /* {0} ends it */

/* Index of s in the NULL-ended list, or -1. */
int name_find(const char *const *list, const char *s);

#endif
