/* libFuzzer harness for the services compiler (rootfs-skel/svcc): every input
 * is compiled as a services file, in-process, by svcc's own pipeline
 * (ids_load, parse_file, check_all, emit_c, emit_manifest), and must
 * end in one of two ways:
 *
 *   - success: nothing on stderr, a manifest whose every record is
 *     well formed, one svc record per service, every svc-NAME user in
 *     its own group, a table that declares svc_count (svcc.sh then
 *     compiles the tables of the inputs the run accepted);
 *   - exit(1) with exactly one line "FILE:LINE: message" on stderr,
 *     LINE within the file, no control characters in the message.
 *
 * Anything else (another exit status, a second line, a sanitizer
 * report, a hang) is a bug, reported by abort().
 *
 * svcc is a short-lived tool that exits on the first error and never
 * frees. So that it can run millions of files in one process without
 * changing its code, tests/fuzz/svcc.sh links svcc's objects with
 * exit, malloc, calloc, realloc, free, fopen, fclose and stderr renamed
 * (objcopy --redefine-sym) to the fz_* functions below: exit longjmps
 * back here, allocations and streams are tracked per input and
 * released after it (so LeakSanitizer still sees anything that escapes
 * the tracking), and stderr is captured in memory.
 */
#include "svcc.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sanitizer/asan_interface.h>

#ifndef FIXTURES /* tests/fuzz: svcc_passwd, svcc_group, svcc_sysroot/ */
#define FIXTURES "tests/fuzz"
#endif

/* ---- what svcc's renamed calls reach ---- */

FILE *fz_stderr;
static jmp_buf back;
static int status;

_Noreturn void fz_exit(int code)
{
	status = code;
	longjmp(back, 1);
}

/* Every block svcc allocates sits on one list, behind a header that
 * ASan keeps poisoned, so that an underflow still trips ASan. */
struct blk {
	struct blk *prev, *next;
	_Alignas(16) char data[];
};
static struct blk live = {&live, &live};

/* Headers are unpoisoned only while the list is being changed. */
static void hdr(struct blk *b, int open)
{
	if (b != &live && open)
		ASAN_UNPOISON_MEMORY_REGION(b, sizeof(*b));
	else if (b != &live)
		ASAN_POISON_MEMORY_REGION(b, sizeof(*b));
}

static void link_blk(struct blk *b)
{
	struct blk *next = live.next;

	hdr(next, 1);
	b->next = next, b->prev = &live;
	next->prev = b, live.next = b;
	hdr(next, 0);
	hdr(b, 0);
}

static struct blk *unlink_blk(void *p)
{
	struct blk *b = (struct blk *)((char *)p - offsetof(struct blk, data));

	hdr(b, 1);
	hdr(b->prev, 1), hdr(b->next, 1);
	b->prev->next = b->next, b->next->prev = b->prev;
	hdr(b->prev, 0), hdr(b->next, 0);
	return b;
}

void *fz_realloc(void *p, size_t n)
{
	struct blk *b = p ? unlink_blk(p) : NULL;
	struct blk *nb = realloc(b, sizeof(*b) + n);

	if (!nb) { /* as realloc: the old block stays valid */
		if (b)
			link_blk(b);
		return NULL;
	}
	link_blk(nb);
	return nb->data;
}

void *fz_malloc(size_t n)
{
	return fz_realloc(NULL, n);
}

void *fz_calloc(size_t n, size_t m)
{
	void *p = n && m > SIZE_MAX / n ? NULL : fz_malloc(n * m);

	return p ? memset(p, 0, n * m) : NULL;
}

void fz_free(void *p)
{
	if (p)
		free(unlink_blk(p));
}

/* Streams svcc leaves open when it dies halfway through writing. */
#define MAX_FILES 8
static FILE *files[MAX_FILES];

FILE *fz_fopen(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	for (unsigned i = 0; f && i < MAX_FILES; i++)
		if (!files[i])
			return files[i] = f;
	if (f) /* svcc never holds more than two: the harness is wrong */
		abort();
	return f;
}

int fz_fclose(FILE *f)
{
	for (unsigned i = 0; i < MAX_FILES; i++)
		if (files[i] == f)
			files[i] = NULL;
	return fclose(f);
}

static void release(void)
{
	while (live.next != &live)
		free(unlink_blk(live.next->data));
	for (unsigned i = 0; i < MAX_FILES; i++)
		if (files[i])
			fz_fclose(files[i]);
}

/* ---- the oracle ---- */

/* Every input is written, read back and compiled to two files: on
 * tmpfs where there is one. */
static const char *const bases[] = {"/dev/shm", "/tmp"};
static char dir[32];
static char *input, *table, *manifest;

static _Noreturn void bug(const char *what, const char *detail)
{
	fprintf(stderr, "svcc_fuzz: %s\n%s\n", what, detail ? detail : "");
	abort();
}

/* "FILE:LINE: message\n", LINE in 1..lines, printable message. */
static void check_error(const char *err, size_t len, unsigned lines)
{
	size_t flen = strlen(input);
	char *end;
	unsigned long line;

	if (len < flen + 4 || memcmp(err, input, flen) || err[flen] != ':')
		bug("error does not start with FILE:", err);
	line = strtoul(err + flen + 1, &end, 10);
	if (end == err + flen + 1 || line < 1 || line > lines)
		bug("error line number out of the file", err);
	if (end[0] != ':' || end[1] != ' ' || end[2] == '\n')
		bug("error is not FILE:LINE: message", err);
	if (err[len - 1] != '\n')
		bug("error does not end with a newline", err);
	for (const char *p = end; p < err + len - 1; p++)
		if ((unsigned char)*p < 0x20)
			bug("error is not exactly one printable line", err);
}

/* Record types and their field counts (emit_manifest.c). */
enum { R_USER = 2, R_GROUP = 3, R_SVC = 4 };
static const struct rec {
	const char *name;
	unsigned fields;
} recs[] = {
	{"hostname", 2}, {"module", 2}, {"user", 4},  {"group", 3},
	{"svc", 5},      {"runas", 4},  {"exec", 3},  {"file", 3},
	{"applet", 3},   {"state", 3},  {"tmpfs", 3}, {"bind", 3},
	{"copy", 4},     {"mount", 2},
};

static unsigned record(const char *line)
{
	size_t len = strlen(line), key = strcspn(line, "\t");
	unsigned n = 1, r = 0;

	for (const char *p = line; *p; p++)
		n += *p == '\t';
	while (r < sizeof(recs) / sizeof(*recs) &&
	       (strlen(recs[r].name) != key ||
		strncmp(line, recs[r].name, key)))
		r++;
	if (r == sizeof(recs) / sizeof(*recs) || recs[r].fields != n ||
	    strstr(line, "\t\t") || line[len - 1] == '\t')
		bug("bad manifest record", line);
	return r;
}

/* Groups by name: the fixture's --group file, then the manifest's. */
#define MAX_GROUPS 256
static struct grp {
	char name[48];
	unsigned long gid;
} grps[MAX_GROUPS];
static unsigned ngrps, nfixture;

static void add_group(const char *name, unsigned long gid)
{
	if (ngrps == MAX_GROUPS || strlen(name) >= sizeof(grps->name))
		bug("group table of the harness too small", name);
	strcpy(grps[ngrps].name, name);
	grps[ngrps++].gid = gid;
}

static void load_groups(void)
{
	FILE *f = fopen(FIXTURES "/svcc_group", "re");
	char name[48];
	unsigned long gid;
	int c;

	if (!f)
		bug("cannot open", FIXTURES "/svcc_group");
	while ((c = fgetc(f)) != EOF) {
		ungetc(c, f);
		if (c != '#' &&
		    fscanf(f, "%47[^:]:%*[^:]:%lu", name, &gid) == 2)
			add_group(name, gid);
		while ((c = fgetc(f)) != EOF && c != '\n')
			;
	}
	fclose(f);
	nfixture = ngrps;
}

/* A svc-NAME user's primary group is the group svc-NAME, whether the
 * board's group file has it or svcc allocated it. */
static void check_user(const char *rec)
{
	char name[48];
	unsigned long uid, gid;
	unsigned i = 0;

	if (sscanf(rec, "user\t%47[^\t]\t%lu\t%lu", name, &uid, &gid) != 3)
		bug("bad user record", rec);
	while (i < ngrps && strcmp(grps[i].name, name))
		i++;
	if (i == ngrps || grps[i].gid != gid)
		bug("user's primary gid is not its group's", rec);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		bug("output missing", path);
	n = getdelim(&buf, &cap, 0, f);
	fclose(f);
	if (n < 0) { /* empty: getdelim allocated, but read nothing */
		free(buf);
		buf = strdup("");
	}
	return buf;
}

static void check_output(void)
{
	char *man = slurp(manifest), *c = slurp(table), *l, *nl, want[48];
	char name[48];
	unsigned long gid;
	unsigned svcs = 0, r;

	ngrps = nfixture;
	for (l = man; *l; l = nl + 1) {
		if (!(nl = strchr(l, '\n')))
			bug("manifest does not end with a newline", man);
		*nl = 0;
		r = record(l);
		svcs += r == R_SVC;
		if (r == R_GROUP &&
		    sscanf(l, "group\t%47[^\t]\t%lu", name, &gid) != 2)
			bug("bad group record", l);
		if (r == R_GROUP)
			add_group(name, gid);
	}
	for (l = man; *l; l += strlen(l) + 1)
		if (record(l) == R_USER)
			check_user(l);
	if (svcs != comp.nsvc)
		bug("manifest svc records do not match the services", NULL);
	snprintf(want, sizeof(want), "const unsigned svc_count = %u;\n",
		 comp.nsvc);
	if (!strstr(c, want))
		bug("table without svc_count", want);
	free(man);
	free(c);
}

/* ---- libFuzzer entry points ---- */

static void remove_outputs(void)
{
	const char *const out[] = {table, manifest};
	char tmp[sizeof(dir) + 32];

	for (unsigned i = 0; i < 2; i++) {
		unlink(out[i]);
		snprintf(tmp, sizeof(tmp), "%s.tmp", out[i]);
		unlink(tmp);
	}
}

static void cleanup(void)
{
	remove_outputs();
	unlink(input);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	for (unsigned i = 0; i < 2; i++) {
		snprintf(dir, sizeof(dir), "%s/svcc-fuzz.XXXXXX", bases[i]);
		if (mkdtemp(dir))
			break;
		if (i == 1)
			bug("mkdtemp", dir);
	}
	atexit(cleanup);
	load_groups();
	if (asprintf(&input, "%s/services", dir) < 0 ||
	    asprintf(&table, "%s/table.c", dir) < 0 ||
	    asprintf(&manifest, "%s/manifest", dir) < 0)
		bug("out of memory", NULL);
	return 0;
}

static void reset(void)
{
	memset(&comp, 0, sizeof(comp));
	comp.file = input;
	comp.sysroot = FIXTURES "/svcc_sysroot";
	comp.passwd = FIXTURES "/svcc_passwd";
	comp.group = FIXTURES "/svcc_group";
	comp.max_services = 100; /* reachable within -max_len */
}

static void write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(input, "we");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		bug("cannot write the input", input);
}

static void compile(void)
{
	status = 0;
	if (setjmp(back))
		return;
	ids_load();
	parse_file(input);
	check_all();
	emit_c(table);
	emit_manifest(manifest);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	size_t len = 0;
	unsigned lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	write_input(data, size);
	remove_outputs();
	reset();
	if (!(fz_stderr = open_memstream(&err, &len)))
		bug("open_memstream", NULL);
	compile();
	fclose(fz_stderr);
	if (status == 1)
		check_error(err, len, lines);
	else if (status != 0)
		bug("exit status other than 0 or 1", err);
	else if (len)
		bug("success with something on stderr", err);
	else
		check_output();
	release();
	free(err);
	return 0;
}
