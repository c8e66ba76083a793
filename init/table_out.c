/* corral table's output: words quoted the way svcc's lexer reads them,
 * numbers with the units svcc takes, assembled in one line buffer and
 * written in pieces when it outgrows it, so a long command line is
 * never cut. No stdio: target code. */
#include "init/table.h"
#include "names.h"
#include "out.h"
#include "svc.h"

#include <string.h>

static struct ln L;

/* Append n bytes, writing out what is already there when it is full. */
void tp_raw(const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof(L.buf) - 1 - L.len,
		       k = n < room ? n : room;

		ln_mem(&L, s, k);
		s += k, n -= k;
		if (n) {
			write_all(1, L.buf, L.len);
			L.len = 0;
		}
	}
}

void tp_str(const char *s)
{
	tp_raw(s, strlen(s));
}

void tp_end(void)
{
	ln_put(1, &L);
	L.len = 0;
}

/* A word as svcc's lexer reads it: bare when it can be, else quoted. */
void tp_word(const char *s)
{
	static const char esc[] = "\"\\\n\t\r", as[] = "\"\\ntr";

	tp_raw(" ", 1);
	if (*s && *s != '#' && !s[strcspn(s, " \"\\\n\t\r")]) {
		tp_str(s);
		return;
	}
	tp_raw("\"", 1);
	for (; *s; s++) {
		const char *e = strchr(esc, *s);

		if (e)
			tp_raw("\\", 1);
		tp_raw(e ? &as[e - esc] : s, 1);
	}
	tp_raw("\"", 1);
}

void tp_opt(const char *name)
{
	if (L.len)
		tp_end();
	tp_str("    ");
	tp_str(name);
}

void tp_digits(uint64_t v)
{
	struct ln n = {0};

	ln_u64(&n, v);
	tp_raw(n.buf, n.len);
}

void tp_num(uint64_t v)
{
	tp_raw(" ", 1);
	tp_digits(v);
}

/* v in the largest of the n units that divides it exactly; unit is a
 * names.h list ("G\0M\0"...), mul[] their multipliers. */
static void tp_scaled(uint64_t v, const uint64_t *mul, const char *unit,
		      unsigned n)
{
	while (--n && (v % *mul || !v))
		mul++, unit = name_next(unit);
	tp_num(v / *mul);
	tp_str(unit);
}

void tp_size(uint64_t v)
{
	static const uint64_t mul[] = {1 << 30, 1 << 20, 1 << 10, 1};

	tp_scaled(v, mul, "G\0M\0K\0", 4); /* the last unit is "" */
}

void tp_ms(uint64_t v)
{
	static const uint64_t mul[] = {3600000, 60000, 1000, 1};

	tp_scaled(v, mul, "h\0m\0s\0ms\0", 4);
}

void tp_limit(uint64_t v)
{
	if (v == UINT64_MAX)
		tp_str(" unlimited");
	else
		tp_num(v);
}

void tp_ip(uint32_t a)
{
	unsigned char b[4];

	memcpy(b, &a, 4); /* network byte order: b[0] is the first octet */
	for (int i = 0; i < 4; i++) {
		tp_raw(i ? "." : " ", 1);
		tp_digits(b[i]);
	}
}

/* The bits of mask that are set, as words from the list. */
void tp_bits(uint64_t mask, const char *list)
{
	for (unsigned b = 0; *list; b++, list = name_next(list))
		if (mask & 1ull << b)
			tp_word(list);
}

/* One more word of a comma list. */
static void comma(struct ln *l, const char *w)
{
	if (l->len)
		ln_chr(l, ',');
	ln_str(l, w);
}

/* mount SRC DST TYPE [OPTIONS]: the flags by name, then the data. */
static void top_mounts(void)
{
	for (const struct tbl_mount *m = tbl_mounts; m->dst; m++) {
		struct ln o = {0};
		const char *w = mnt_flag_list;

		tp_str("mount");
		tp_word(m->src);
		tp_word(m->dst);
		tp_word(m->type);
		for (unsigned k = 0; *w; k++, w = name_next(w))
			if (m->flags >> mnt_flag_bit[k] & 1)
				comma(&o, w);
		if (m->data)
			comma(&o, m->data);
		o.buf[o.len] = 0;
		if (o.len)
			tp_word(o.buf);
		tp_end();
	}
}

/* bridge NAME [ADDR/PFX] [ports IF...] */
static void top_bridges(void)
{
	for (const struct tbl_bridge *b = tbl_bridges; b->name; b++) {
		tp_str("bridge");
		tp_word(b->name);
		tp_addr(b->addr, b->prefix, 0);
		if (*b->ports)
			tp_str(" ports");
		for (const char *const *p = b->ports; *p; p++)
			tp_word(*p);
		tp_end();
	}
}

/* The top-level lines: hostname, modules, mounts, bridges. */
void tp_top(void)
{
	if (tbl_hostname) {
		tp_str("hostname");
		tp_word(tbl_hostname);
		tp_end();
	}
	for (const char *const *m = tbl_modules; *m; m++) {
		tp_str("module");
		tp_word(*m);
		tp_end();
	}
	top_mounts();
	top_bridges();
}
