/* Name tables shared by the services compiler (host), `corral table`
 * and `corral run` (target), so they cannot drift apart: one list,
 * expanded by each user into the table it needs (X-macros, so no
 * unused static data).
 */
#ifndef CORRAL_SVCC_NAMES_H
#define CORRAL_SVCC_NAMES_H

#include <stdint.h>

/* The lists themselves live in lib/names.h, which the target's
 * lib/names.c expands too. */
#include "../../lib/names.h"

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
