/* See names.h: the packed name lists of the target. Capabilities follow
 * linux/capability.h's numbering, the same on every architecture;
 * rlimits are paired with the libc's RLIMIT_* constants. */
#include "names.h"

#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>

#define S(n)       #n "\0"
#define R(id, n)   #n "\0"
#define RES(id, n) RLIMIT_##id,
#define MSB(id, n) __builtin_ctz(MS_##id),

const char ns_list[] = NS_NAMES(S);
const char cap_list[] = CAP_NAMES(S);
const char rlimit_list[] = RLIMIT_NAMES(R);
const char sc_allow_list[] = SC_ALLOW_NAMES(S);
const unsigned char rlimit_res[] = {RLIMIT_NAMES(RES)};
const char mnt_flag_list[] = MNT_FLAG_NAMES(R);
const unsigned char mnt_flag_bit[] = {MNT_FLAG_NAMES(MSB)};

const char *name_next(const char *name)
{
	return *name ? name + strlen(name) + 1 : name;
}

const char *name_at(const char *list, unsigned i)
{
	while (i--)
		list = name_next(list);
	return list;
}

int name_find(const char *list, const char *s)
{
	for (int i = 0; *list; i++, list = name_next(list))
		if (!strcmp(list, s))
			return i;
	return -1;
}
