/* The per-service log rings behind `corral ctl log NAME`: the newest
 * CFG_LOG_RING_SIZE bytes of each service's output, with corral's own
 * lines about it (svc_put: started, exited, sandbox errors, waiting
 * for...), so the ring tells the story of a service that never ran.
 *
 * Static, sized at build time, and costing RAM only where written: the
 * rings are striped in blocks of BLK bytes, block k of every service
 * side by side (blk[k][service]). A service that wrote a line or two
 * uses one block, not a page of its own: the "started" lines of 20
 * quiet services touch 5 KiB, where 20 rings of 2 KiB laid end to end
 * would touch 40. Only a service that fills its ring costs all of it. */
#include "init/pid1.h"

#include <string.h>

#define BLK  256u
#define SIZE ((uint32_t)CFG_LOG_RING_SIZE)
#define NBLK (SIZE / BLK)
_Static_assert(SIZE % BLK == 0 && NBLK > 0,
	       "CONFIG_LOG_RING_SIZE must be a multiple of 256");

static char blk[NBLK][CFG_MAX_SERVICES][BLK];
static struct {
	uint32_t w, len; /* write position, bytes held */
} rg[CFG_MAX_SERVICES];

/* Byte p (0 <= p < SIZE) of service i's ring. */
static char *at(unsigned i, uint32_t p)
{
	return blk[p / BLK][i] + p % BLK;
}

/* More than SIZE bytes just go round: the last SIZE of them stay. */
void ring_add(unsigned i, const char *s, size_t n)
{
	while (n) {
		uint32_t w = rg[i].w,
			 k = BLK - w % BLK; /* to the block's end */

		if (k > n)
			k = (uint32_t)n;
		memcpy(at(i, w), s, k);
		rg[i].w = (w + k) % SIZE;
		rg[i].len = rg[i].len + k > SIZE ? SIZE : rg[i].len + k;
		s += k;
		n -= k;
	}
}

void log_ring(unsigned i, void (*out)(const char *s, unsigned n))
{
	uint32_t p = (rg[i].w + SIZE - rg[i].len) % SIZE; /* the oldest */

	for (uint32_t left = rg[i].len, k; left;
	     left -= k, p = (p + k) % SIZE) {
		k = BLK - p % BLK;
		if (k > left)
			k = left;
		out(at(i, p), k);
	}
}

/* corral's line about service i, also into its ring: on a line of its
 * own, even after output that did not end in a newline. */
void svc_put(unsigned i, struct ln *l)
{
	log_put(l);
	if (rg[i].len && *at(i, (rg[i].w + SIZE - 1) % SIZE) != '\n')
		ring_add(i, "\n", 1);
	ring_add(i, l->buf, l->len + 1); /* ln_put left its "\n" after it */
}
