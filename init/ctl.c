/* corral ctl: talks to PID 1 over its control socket (SPEC section 6). */
#include "init/main.h"
#include "out.h"

int ctl_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	PUTS(2, "corral ctl: control socket not in this build yet");
	return 1;
}
