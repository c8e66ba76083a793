/* Writes the table as C: one `static const` array per list of each
 * service (sN_argv, sN_mounts...), then svc_table[] with every field
 * spelt out, so the output reads like the struct and diffs well. All of
 * it is const, so it lands in .rodata. Same input, same bytes: nothing
 * here depends on time, paths beyond the file's last two components, or
 * the build host's byte order or RLIMIT_* numbers (IP4() and RLIMIT_*
 * are expanded by the target's compiler). */
#include "svcc.h"

#include "names.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;

/* A C string literal; '?' escaped because -std=c11 has trigraphs. */
static void cstr(const char *s)
{
	if (!s) {
		fputs("0", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c == '?')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void strs(unsigned i, const char *what, const struct vec *v)
{
	if (!v->n)
		return;
	fprintf(out, "static const char *const s%u_%s[] = {\n", i, what);
	for (unsigned j = 0; j < v->n; j++) {
		fputc('\t', out);
		cstr(v->v[j]);
		fputs(",\n", out);
	}
	fputs("\t0,\n};\n", out);
}

static void mounts(unsigned i, const struct spec *sp)
{
	static const char *const kind[] = {"MNT_BIND_RO", "MNT_BIND_RW",
					   "MNT_TMPFS", "MNT_STATE"};

	if (!sp->s.nmounts)
		return;
	fprintf(out, "static const struct svc_mount s%u_mounts[] = {\n", i);
	for (unsigned j = 0; j < sp->s.nmounts; j++) {
		fprintf(out, "\t{%s, ", kind[sp->mnt[j].kind]);
		cstr(sp->mnt[j].src);
		fputs(", ", out);
		cstr(sp->mnt[j].dst);
		fprintf(out, ", UINT64_C(%llu)},\n",
			(unsigned long long)sp->mnt[j].size);
	}
	fputs("};\n", out);
}

static void limit(uint64_t v)
{
	if (v == UINT64_MAX)
		fputs("UINT64_MAX", out);
	else
		fprintf(out, "UINT64_C(%llu)", (unsigned long long)v);
}

static void rlimits(unsigned i, const struct spec *sp)
{
	static const char *const id[] = {
#define X(id, n) "RLIMIT_" #id,
		RLIMIT_NAMES(X)
#undef X
	};

	if (!sp->s.nrlimits)
		return;
	fprintf(out, "static const struct svc_rlimit s%u_rlimits[] = {\n", i);
	for (unsigned j = 0; j < sp->s.nrlimits; j++) {
		fprintf(out, "\t{%s, ", id[sp->rl_name[j]]);
		limit(sp->rl[j].soft);
		fputs(", ", out);
		limit(sp->rl[j].hard);
		fputs("},\n", out);
	}
	fputs("};\n", out);
}

static void after(unsigned i, const struct spec *sp)
{
	if (!sp->after.n)
		return;
	fprintf(out, "static const uint16_t s%u_after[] = {", i);
	for (unsigned j = 0; j < sp->after.n; j++)
		fprintf(out, "%s%u", j ? ", " : "", sp->after_idx[j]);
	fputs("};\n", out);
}

static void groups(unsigned i, const struct svc *s)
{
	if (!s->ngroups)
		return;
	fprintf(out, "static const uint32_t s%u_groups[] = {", i);
	for (unsigned j = 0; j < s->ngroups; j++)
		fprintf(out, "%s%lu", j ? ", " : "",
			(unsigned long)s->groups[j]);
	fputs("};\n", out);
}

static void lists(unsigned i, const struct spec *sp)
{
	fprintf(out, "\n/* %s, line %u */\n", sp->s.name, (unsigned)sp->s.line);
	strs(i, "argv", &sp->argv);
	groups(i, &sp->s);
	mounts(i, sp);
	strs(i, "env", &sp->env);
	rlimits(i, sp);
	strs(i, "files", &sp->files);
	strs(i, "applets", &sp->applets);
	after(i, sp);
}

/* ".field = sN_field," or ".field = 0," */
static void ref(unsigned i, const char *field, int present)
{
	if (present)
		fprintf(out, "\t\t.%s = s%u_%s,\n", field, i, field);
	else
		fprintf(out, "\t\t.%s = 0,\n", field);
}

static void str_field(const char *field, const char *s)
{
	fprintf(out, "\t\t.%s = ", field);
	cstr(s);
	fputs(",\n", out);
}

static void num_field(const char *field, unsigned long long v)
{
	fprintf(out, "\t\t.%s = %lluu,\n", field, v);
}

static const char *const net[] = {"NET_NONE", "NET_HOST", "NET_VETH",
				  "NET_BRIDGE", "NET_DEV"};
static const char *const restart[] = {"RESTART_ALWAYS", "RESTART_ON_FAILURE",
				      "RESTART_NEVER"};

static void sym_field(const char *field, const char *sym)
{
	fprintf(out, "\t\t.%s = %s,\n", field, sym);
}

static void ns_field(unsigned ns)
{
	static const char *const name[] = {"NS_MOUNT", "NS_PID", "NS_NET",
					   "NS_UTS",   "NS_IPC", "NS_CGROUP",
					   "NS_USER",  "NS_TIME"};
	const char *sep = "";

	fputs("\t\t.ns = ", out);
	if (!ns)
		fputs("0", out);
	for (unsigned b = 0; b < 8; b++, ns >>= 1)
		if (ns & 1) {
			fprintf(out, "%s%s", sep, name[b]);
			sep = " | ";
		}
	fputs(",\n", out);
}

static void ip_field(const char *field, uint32_t ip)
{
	fprintf(out, "\t\t.%s = IP4(%u, %u, %u, %u),\n", field, ip >> 24,
		ip >> 16 & 255, ip >> 8 & 255, ip & 255);
}

static void ids(unsigned i, const struct svc *s)
{
	num_field("uid", s->uid);
	num_field("gid", s->gid);
	num_field("ngroups", s->ngroups);
	ref(i, "groups", s->ngroups);
	fprintf(out, "\t\t.caps = UINT64_C(0x%llx),\n",
		(unsigned long long)s->caps);
	sym_field("seccomp", s->seccomp ? "SECCOMP_NONE" : "SECCOMP_DEFAULT");
	num_field("sc_allow", s->sc_allow);
}

static void limits(const struct svc *s)
{
	sym_field("net", net[s->net]);
	num_field("prefix", s->prefix);
	ip_field("addr", s->addr);
	ip_field("gw", s->gw);
	str_field("netif", s->netif);
	num_field("readonly", s->readonly);
}

static void supervision(unsigned i, const struct spec *sp)
{
	const struct svc *s = &sp->s;

	num_field("nafter", s->nafter);
	ref(i, "after", s->nafter);
	fprintf(out, "\t\t.ready_fd = %d,\n", s->ready_fd);
	num_field("log", s->log);
	sym_field("restart", restart[s->restart]);
	str_field("file", s->file);
	num_field("line", s->line);
}

/* The fields lib/opts.h's rows name for printing (PR_NUM, PR_STR...),
 * written from the rows themselves: a scalar option added there reaches
 * the table without a line here. PR_FN rows' fields, arrays and
 * references are written by hand above. */
#define EM_PR(id, name, min, max, rep, run, pr, ...) pr
#define EM_NUM(f)                                    num_field(#f, (unsigned long long)s->f);
#define EM_STR(f)                                    str_field(#f, s->f);
#define PR_NONE
#define PR_FN(fn)
#define PR_WORDS(f)
#define PR_EACH(f)
#define PR_NUM(f)       EM_NUM(f)
#define PR_PIDS(f)      EM_NUM(f)
#define PR_SIZE(f)      EM_NUM(f)
#define PR_MS(f)        EM_NUM(f)
#define PR_FLAG(f)      EM_NUM(f)
#define PR_STR(f)       EM_STR(f)
#define PR_MS2(f, g)    EM_NUM(f) EM_NUM(g)
#define PR_NUM_MS(f, g) EM_NUM(f) EM_NUM(g)
static void row_fields(const struct svc *s)
{
	SVC_OPTIONS(EM_PR)
}

static void entry(unsigned i, const struct spec *sp)
{
	const struct svc *s = &sp->s;

	fputs("\t{\n", out);
	str_field("name", s->name);
	ref(i, "argv", 1);
	str_field("root", s->root);
	ns_field(s->ns);
	ids(i, s);
	limits(s);
	row_fields(s);
	num_field("nmounts", s->nmounts);
	ref(i, "mounts", s->nmounts);
	ref(i, "env", sp->env.n);
	num_field("nrlimits", s->nrlimits);
	ref(i, "rlimits", s->nrlimits);
	ref(i, "files", sp->files.n);
	ref(i, "applets", sp->applets.n);
	supervision(i, sp);
	fputs("\t},\n", out);
}

static void header(void)
{
	fprintf(out, "/* Generated by svcc from %s: do not edit. */\n",
		short_file(comp.file));
	fputs("#include <stdint.h>\n#include <sys/mount.h>\n"
	      "#include <sys/resource.h>\n\n"
	      "#include \"svc.h\"\n\n"
	      "/* IPv4 addresses in network byte order on any target. */\n"
	      "#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__\n"
	      "#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | "
	      "(uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))\n"
	      "#else\n"
	      "#define IP4(a, b, c, d) ((uint32_t)(d) << 24 | "
	      "(uint32_t)(c) << 16 | (uint32_t)(b) << 8 | (uint32_t)(a))\n"
	      "#endif\n",
	      out);
}

/* The top-level mounts, flags by name: MS_* from the target's headers. */
static void top_mounts(void)
{
	static const char *const flag[] = {
#define X(id, n) "MS_" #id,
		MNT_FLAG_NAMES(X)
#undef X
	};

	fputs("const struct tbl_mount tbl_mounts[] = {\n", out);
	for (unsigned j = 0; j < comp.nmounts; j++) {
		const struct topmnt *m = &comp.mounts[j];
		const char *sep = "";

		fputs("\t{", out);
		cstr(m->src);
		fputs(", ", out);
		cstr(m->dst);
		fputs(", ", out);
		cstr(m->type);
		fputs(", ", out);
		cstr(m->data);
		fputs(", ", out);
		for (unsigned k = 0; k < sizeof(flag) / sizeof(*flag); k++)
			if (m->flags >> k & 1) {
				fprintf(out, "%s%s", sep, flag[k]);
				sep = " | ";
			}
		fputs(*sep ? "},\n" : "0},\n", out);
	}
	fputs("\t{0}};\n", out);
}

/* The top-level bridges, each with its NULL-ended ports. */
static void top_bridges(void)
{
	for (unsigned j = 0; j < comp.nbridges; j++) {
		const struct topbr *b = &comp.bridges[j];

		fprintf(out, "static const char *const b%u_ports[] = {", j);
		for (unsigned k = 0; k < b->ports.n; k++) {
			cstr(b->ports.v[k]);
			fputs(", ", out);
		}
		fputs("0};\n", out);
	}
	fputs("const struct tbl_bridge tbl_bridges[] = {\n", out);
	for (unsigned j = 0; j < comp.nbridges; j++) {
		const struct topbr *b = &comp.bridges[j];
		uint32_t a = b->addr;

		fputs("\t{", out);
		cstr(b->name);
		fprintf(out, ", b%u_ports, IP4(%u, %u, %u, %u), %u},\n", j,
			a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255,
			(unsigned)b->prefix);
	}
	fputs("\t{0}};\n", out);
}

static void globals(void)
{
	fprintf(out, "\nconst unsigned svc_count = %u;\n", comp.nsvc);
	fputs("const char *const tbl_hostname = ", out);
	cstr(comp.hostname);
	fputs(";\nconst char *const tbl_modules[] = {", out);
	for (unsigned j = 0; j < comp.modules.n; j++) {
		cstr(comp.modules.v[j]);
		fputs(", ", out);
	}
	fputs("0};\n", out);
	top_mounts();
	top_bridges();
}

void emit_c(const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);

	if (!(out = fopen(tmp, "we")))
		xfail(2, "%s: %s", tmp, strerror(errno));
	header();
	for (unsigned i = 0; i < comp.nsvc; i++)
		lists(i, &comp.svc[i]);
	fputs("\nconst struct svc svc_table[] = {\n", out);
	for (unsigned i = 0; i < comp.nsvc; i++)
		entry(i, &comp.svc[i]);
	if (!comp.nsvc)
		fputs("\t{.name = 0}, /* C has no empty arrays */\n", out);
	fputs("};\n", out);
	globals();
	if (ferror(out) | fclose(out) || rename(tmp, path))
		xfail(2, "%s: %s", path, strerror(errno));
	free(tmp);
}
