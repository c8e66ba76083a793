/* libFuzzer harness for the rtnetlink code of sandbox/rtnl.c: the
 * request builders (msg_start, msg_put, msg_end) and the reply reader
 * (msg_talk), which PID 1 runs for every `net veth` service. The file
 * is #included unchanged; its sendto() and recv() are renamed, after
 * the system headers, to the fakes below, so no socket is opened. Each
 * input is
 *
 *   byte 0     the request: veth create, link up, address, route,
 *              link delete (mod 5)
 *   byte 1     the length of the interface name that follows (mod 48;
 *              NULs in it become 'x'), for veth create and link delete
 *   the rest   the replies recv() returns, split at the bytes 0xff
 *              0xfe; each one's first byte is flags: 1 stamp the
 *              request's sequence number over bytes 8..11, 2 stamp
 *              NLMSG_ERROR over bytes 4..5, 4 fail this recv() with
 *              EINTR instead; then the datagram (cut to what recv()
 *              was asked for, as the kernel does)
 *
 * The oracle:
 *
 *   request    sent once, nlmsg_len the length sent and at most the
 *              256-byte buffer, REQUEST and ACK set, a new sequence
 *              number, every attribute inside its parent, the name
 *              attribute the name given; unsent only when it does not
 *              fit (-EMSGSIZE), which a name of up to 15 bytes always
 *              does;
 *   reply      the result is the error field of the first reply of at
 *              least NLMSG_LENGTH(sizeof(struct nlmsgerr)) bytes with
 *              the request's sequence number and type NLMSG_ERROR, or
 *              -EAGAIN (the fake's "no more") when none is; no byte of
 *              the receive buffer past what recv() returned is read
 *              (it is poisoned for ASan).
 */
#include <errno.h>
#include <sanitizer/asan_interface.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

static ssize_t fz_sendto(int fd, const void *buf, size_t len, int flags,
			 const struct sockaddr *to, socklen_t tolen);
static ssize_t fz_recv(int fd, void *buf, size_t len, int flags);
#define sendto fz_sendto
#define recv   fz_recv
#include "sandbox/rtnl.c"
#undef sendto
#undef recv

static const uint8_t *rp; /* the replies left */
static size_t rn;
static int sent;
static uint32_t sent_seq, last_seq;
static char name[64];
static void *poisoned; /* recv()'s buffer, unpoisoned after msg_talk */
static size_t poisoned_len;

static _Noreturn void bug(const char *what)
{
	fprintf(stderr, "rtnl_fuzz: %s\n", what);
	abort();
}

/* Attributes from p to end, each inside [p, end); nests walked too.
 * An IFLA_IFNAME found sets *named when it holds exactly name. */
static void attrs(const char *p, const char *end, int depth, int *named)
{
	while (p < end) {
		const struct rtattr *a = (const struct rtattr *)p;

		if (end - p < (long)sizeof(*a) || a->rta_len < sizeof(*a) ||
		    a->rta_len > end - p)
			bug("an attribute outside its parent");
		if (depth == 0 && a->rta_type == IFLA_IFNAME &&
		    a->rta_len == RTA_LENGTH(strlen(name) + 1) &&
		    !memcmp(RTA_DATA(a), name, strlen(name) + 1))
			*named = 1;
		if (a->rta_type == IFLA_LINKINFO && depth == 0)
			attrs(p + RTA_LENGTH(0), p + a->rta_len, 1, named);
		else if (a->rta_type == IFLA_INFO_DATA && depth == 1)
			attrs(p + RTA_LENGTH(0), p + a->rta_len, 2, named);
		else if (a->rta_type == VETH_INFO_PEER && depth == 2)
			attrs(p + RTA_LENGTH(sizeof(struct ifinfomsg)),
			      p + a->rta_len, 3, named);
		p += RTA_ALIGN(a->rta_len);
	}
}

static ssize_t fz_sendto(int fd, const void *buf, size_t len, int flags,
			 const struct sockaddr *to, socklen_t tolen)
{
	const struct nlmsghdr *h = buf;
	size_t fixed = h->nlmsg_type == RTM_NEWADDR ? sizeof(struct ifaddrmsg)
		       : h->nlmsg_type == RTM_NEWROUTE
			       ? sizeof(struct rtmsg)
			       : sizeof(struct ifinfomsg);
	int named = 0;

	if (sent++)
		bug("a request sent twice");
	if (len < NLMSG_LENGTH(fixed) || len > 256 || h->nlmsg_len != len)
		bug("a request whose length is wrong");
	if ((h->nlmsg_flags & (NLM_F_REQUEST | NLM_F_ACK)) !=
	    (NLM_F_REQUEST | NLM_F_ACK))
		bug("a request without REQUEST and ACK");
	if (h->nlmsg_seq != sent_seq)
		bug("a sequence number not the next one");
	last_seq = h->nlmsg_seq;
	attrs((const char *)buf + NLMSG_LENGTH(fixed), (const char *)buf + len,
	      0, &named);
	if (((h->nlmsg_type == RTM_NEWLINK && h->nlmsg_flags & NLM_F_CREATE) ||
	     h->nlmsg_type == RTM_DELLINK) &&
	    !named)
		bug("the name attribute is not the name given");
	return (ssize_t)len;
}

/* The next reply, split at 0xff 0xfe: its flags in *fl. */
static size_t next_reply(const uint8_t **d, uint8_t *fl)
{
	const uint8_t *end = memmem(rp, rn, "\xff\xfe", 2);
	size_t n = end ? (size_t)(end - rp) : rn;

	*fl = n ? rp[0] : 0;
	*d = n ? rp + 1 : rp;
	rp += n + (end ? 2 : 0), rn -= n + (end ? 2 : 0);
	return n ? n - 1 : 0;
}

/* The reply as it reaches the caller: stamped per its flags, cut. */
static size_t shape(const uint8_t *d, size_t n, uint8_t fl, char *out,
		    size_t cap)
{
	uint16_t type = NLMSG_ERROR;

	n = n < cap ? n : cap;
	memcpy(out, d, n);
	if (fl & 1 && n >= 12)
		memcpy(out + 8, &sent_seq, 4);
	if (fl & 2 && n >= 6)
		memcpy(out + 4, &type, 2);
	return n;
}

static ssize_t fz_recv(int fd, void *buf, size_t len, int flags)
{
	const uint8_t *d;
	uint8_t fl;
	size_t n;

	if (poisoned)
		ASAN_UNPOISON_MEMORY_REGION(poisoned, poisoned_len);
	if (!rn) {
		errno = EAGAIN;
		return -1;
	}
	n = next_reply(&d, &fl);
	if (fl & 4) {
		errno = EINTR;
		return -1;
	}
	n = shape(d, n, fl, buf, len);
	poisoned = buf, poisoned_len = len;
	ASAN_POISON_MEMORY_REGION((char *)buf + n, len - n);
	return (ssize_t)n;
}

/* What msg_talk must return for these replies. */
static int expected(const uint8_t *r, size_t n)
{
	const uint8_t *save = rp, *d;
	size_t save_n = rn, k;
	uint8_t fl;
	char buf[1024];
	int err = -EAGAIN;

	rp = r, rn = n;
	while (rn) {
		struct nlmsghdr h;
		struct nlmsgerr e;

		k = next_reply(&d, &fl);
		if (fl & 4)
			continue;
		k = shape(d, k, fl, buf, sizeof(buf));
		if (k < NLMSG_LENGTH(sizeof(e)))
			continue;
		memcpy(&h, buf, sizeof(h));
		memcpy(&e, buf + NLMSG_HDRLEN, sizeof(e));
		if (h.nlmsg_seq == sent_seq && h.nlmsg_type == NLMSG_ERROR) {
			err = e.error;
			break;
		}
	}
	rp = save, rn = save_n;
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t l;
	int r, want;

	if (size < 2)
		return 0;
	l = data[1] % 48;
	if (l > size - 2)
		l = size - 2;
	for (size_t i = 0; i < l; i++)
		name[i] = data[2 + i] ? (char)data[2 + i] : 'x';
	name[l] = 0;
	rp = data + 2 + l, rn = size - 2 - l;
	sent = 0, poisoned = 0;
	/* The sequence number the request will carry. */
	sent_seq = last_seq + 1;
	want = expected(rp, rn);
	switch (data[0] % 5) {
	case 0:
		r = veth_create(-1, name, 1234);
		break;
	case 1:
		r = link_up(-1, 7);
		break;
	case 2:
		r = addr_add(-1, 7, 0x0100000a, 24);
		break;
	case 3:
		r = route_add(-1, 7, 0x0100000a);
		break;
	default:
		r = link_del(-1, name);
		break;
	}
	if (poisoned)
		ASAN_UNPOISON_MEMORY_REGION(poisoned, poisoned_len);
	if (!sent) {
		if (r != -EMSGSIZE)
			bug("a request neither sent nor refused as too long");
		if (l <= IFNAMSIZ - 1)
			bug("a request with a name that fits refused");
		return 0;
	}
	if (r != want) {
		fprintf(stderr, "rtnl_fuzz: result %d, expected %d\n", r, want);
		bug("the result is not the matching reply's error");
	}
	return 0;
}
