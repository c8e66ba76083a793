/* PID 1, first cut: mount /proc, say so, power off cleanly. The boot
 * harness (tests/boot) exists from day one on top of this; supervision
 * replaces the body as it lands. PID 1 never returns from init_main. */
#include "init/main.h"
#include "out.h"

#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <unistd.h>

static void say(const char *what, int err)
{
	struct ln l = {0};

	ln_str(&l, "corral: ");
	ln_str(&l, what);
	if (err) {
		ln_str(&l, ": ");
		ln_str(&l, strerror(err));
	}
	ln_put(1, &l);
}

int init_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0))
		say("mount /proc", errno);
	say("init: pid 1 up", 0);
	sync();
	say("shutdown: poweroff", 0);
	for (;;) {
		reboot(RB_POWER_OFF);
		pause(); /* only reached if reboot(2) failed: PID 1 stays */
	}
}
