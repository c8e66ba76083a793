/* The boot timeline (`corral ctl timeline`): when each service's start
 * began (PID 1 about to build its sandbox), when its exec was confirmed
 * (the report pipe closed on exec), when it became ready and when it
 * first exited, and when the up line came; microseconds of
 * CLOCK_MONOTONIC after PID 1 started.
 *
 * Each step keeps the first time it happened this boot, so restarts
 * later do not blur the boot's picture. The cost is four uint32_t per
 * service in units[] (a clock read and a store per step, no
 * allocation); uint32_t us lasts 71 minutes, after which a stamp
 * saturates rather than wrapping round to a small, false time. Times
 * are odd (bit 0 set, so that 0 can mean "not yet"): 1 us of error.
 *
 * The lines, one per service in table order, then the up line (the
 * format is documented in README.md, "Boot timeline"; tools parse it):
 *
 *   timeline svc NAME daemon|oneshot SETUP EXEC READY EXIT AFTER
 *   timeline up UP
 *
 * each time a decimal number of us or `-` (not happened), AFTER the
 * `after` services joined with `,` or `-`. */
#include "init/pid1.h"

#include <stdint.h>

uint32_t tl_now(void)
{
	uint64_t d = now_us() - G.t0us;

	/* | 1: never 0 ("not yet"), at the cost of 1 us. */
	return d >= UINT32_MAX ? UINT32_MAX : (uint32_t)d | 1;
}

void tl_stamp(unsigned i, enum tl k)
{
	if (!units[i].tl[k])
		units[i].tl[k] = tl_now();
}

void tl_ready(unsigned i)
{
	units[i].ready = 1;
	if (units[i].state == ST_RUNNING) {
		units[i].state = ST_READY;
		tl_stamp(i, TL_READY);
	}
}

static void t_us(struct ln *l, uint32_t t)
{
	ln_chr(l, ' ');
	if (t)
		ln_u64(l, t);
	else
		ln_chr(l, '-');
}

static void svc_tl(unsigned i, struct ln *l)
{
	const struct svc *s = &svc_table[i];

	ln_str(l, "timeline svc ");
	ln_str(l, s->name);
	ln_str(l, s->oneshot ? " oneshot" : " daemon");
	for (unsigned k = 0; k < TL_N; k++)
		t_us(l, units[i].tl[k]);
	for (unsigned k = 0; k < s->nafter; k++) {
		ln_chr(l, k ? ',' : ' ');
		ln_str(l, svc_table[s->after[k]].name);
	}
	if (!s->nafter)
		ln_str(l, " -");
}

void tl_lines(void (*out)(struct ln *l))
{
	struct ln l = {0};

	for (unsigned i = 0; i < G.n; i++) {
		svc_tl(i, &l);
		out(&l);
	}
	ln_str(&l, "timeline up");
	t_us(&l, G.upus);
	out(&l);
}
