/* Supervision options: readiness, restart policy, timers, flags. */
#include "svcc.h"

#include <string.h>

OPT(sv_ready)
{
	static const char *const v[] = {"fd", "notify"};
	uint64_t fd;

	if (xval_choice(av[0], v, 2)) {
		if (ac != 1)
			die("'ready notify' takes no value");
		sp->s.ready_fd = SVC_READY_NOTIFY;
		return;
	}
	if (ac != 2)
		die("'ready fd' needs a file descriptor number");
	fd = xval_u64(av[1], 127);
	if (fd < 3)
		die("bad ready fd '%s' (0-2 are stdio; use 3 to 127)", av[1]);
	sp->s.ready_fd = (int8_t)fd;
}

OPT(sv_restart)
{
	static const char *const v[] = {"always", "on-failure", "never"};

	sp->s.restart = (uint8_t)xval_choice(av[0], v, 3);
}

OPT(sv_oneshot)
{
	sp->s.oneshot = 1;
}

OPT(sv_critical)
{
	sp->s.critical = 1;
}

OPT(sv_console)
{
	sp->s.console = 1;
}

OPT(sv_log)
{
	static const char *const v[] = {"syslog", "none"};

	sp->s.log = (uint8_t)xval_choice(av[0], v, 2);
}

OPT(sv_backoff)
{
	sp->s.backoff_min_ms = xval_ms(av[0]);
	sp->s.backoff_max_ms = xval_ms(av[1]);
	if (!sp->s.backoff_min_ms)
		die("bad value '%s' for 'backoff' (must be above 0)", av[0]);
	if (sp->s.backoff_min_ms > sp->s.backoff_max_ms)
		die("backoff minimum '%s' is above maximum '%s'", av[0], av[1]);
}

/* crashloop N [in] WINDOW */
OPT(sv_crashloop)
{
	static const char *const v[] = {"in"};
	uint64_t n = xval_u64(av[0], UINT16_MAX);

	if (!n)
		die("bad value '0' for 'crashloop' (must be above 0)");
	if (ac == 3)
		xval_choice(av[1], v, 1);
	sp->s.crashloop_n = (uint16_t)n;
	sp->s.crashloop_window_ms = xval_ms(av[ac - 1]);
	if (!sp->s.crashloop_window_ms)
		die("bad value '%s' for 'crashloop' (must be above 0)",
		    av[ac - 1]);
}

OPT(sv_stop_timeout)
{
	sp->s.stop_timeout_ms = xval_ms(av[0]);
}
