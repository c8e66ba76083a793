/* corral run: one command in the sandbox (SPEC section 5). */
#include "init/main.h"
#include "out.h"

int run_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	PUTS(2, "corral run: sandbox not in this build yet");
	return 125;
}
