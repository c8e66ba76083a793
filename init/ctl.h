/* The control protocol between `corral ctl` and PID 1 (SPEC 6).
 *
 * A SOCK_SEQPACKET unix socket at CTL_PATH, mode 0600; PID 1 also checks
 * SO_PEERCRED and answers only uid 0. Message boundaries make the
 * framing free: the client sends one request, "COMMAND" or "COMMAND
 * NAME" (no NUL, at most CTL_REQ_MAX bytes); PID 1 answers with zero or
 * more output messages and one final message, then closes:
 *
 *   'D' text...   output, to be copied to stdout as is
 *   'K'           done, success
 *   'E' text      done, failure: the reason, one line
 */
#ifndef CORRAL_CTL_H
#define CORRAL_CTL_H

#define CTL_PATH    "/run/corral.sock"
#define CTL_REQ_MAX 128
#define CTL_MSG_MAX 4096

enum { CTL_DATA = 'D', CTL_OK = 'K', CTL_ERR = 'E' };

/* The commands (a lib/names.h list, defined in ctl.c) and, in the same
 * order, whether each takes a service NAME: the client checks a request
 * against the very table PID 1 then runs it from. */
enum ctl_cmd {
	CTL_STATUS,
	CTL_START,
	CTL_STOP,
	CTL_RESTART,
	CTL_LOG,
	CTL_TIMELINE,
	CTL_REBOOT, /* then halt and poweroff, as enum down */
	CTL_HALT,
	CTL_POWEROFF,
};
enum { ARG_NONE, ARG_NAME, ARG_OPT };
extern const char ctl_cmds[];
extern const unsigned char ctl_args[];

#endif
