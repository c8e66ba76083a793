/* The services file's top-level `bridge` lines (SPEC 8), made by PID 1
 * at boot after the mounts and modules, before any service starts: a
 * `net bridge` service's veth joins one at every start. A bridge that
 * fails is logged `corral: bridge NAME: STEP: ERROR` and boot goes on,
 * as it does for a mount. */
#include "init/pid1.h"
#include "sandbox/net.h"

void top_bridges(void)
{
	for (const struct tbl_bridge *b = tbl_bridges; b->name; b++) {
		const char *step, *port;
		int e = net_bridge(b, &step, &port);

		if (e < 0)
			SAY("bridge ", b->name, ": ", step, port ? " " : "",
			    port ? port : "", ": ", err_str(-e));
	}
}
