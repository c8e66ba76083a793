/* The manifest: what the rootfs builder needs from the services file,
 * so it never parses that file itself. Line-oriented text, one record
 * per line, fields separated by a single TAB (svcc refuses tabs and
 * newlines in every field, so no quoting is needed):
 *
 *   hostname  NAME                 board hostname (if set)
 *   module    NAME                 kernel module to load at boot
 *   mount     DST                  mount point of a top-level mount, made
 *                                  in the image (it may be read-only)
 *   user      NAME UID GID         a svc-NAME user to add to /etc/passwd
 *                                  (unless --passwd already has it)
 *   group     NAME GID             a svc-NAME group to add to /etc/group
 *                                  (unless --group already has it)
 *   svc       NAME ROOT FILE LINE  a service; ROOT '-' for isolate none
 *   runas     NAME UID GID         the ids the service runs with
 *   exec      NAME PATH            its program, a path inside ROOT
 *   file      NAME PATH            host file to copy to ROOT/PATH, plus
 *                                  its shared-library closure
 *   copy      NAME SRC DST         build-host file (absolute) to copy to
 *                                  ROOT/DST, plus its closure
 *   applet    NAME APPLET          toybox applet to install as /bin/APPLET
 *   state     NAME PATH            mount point for its persistent state
 *   tmpfs     NAME PATH            mount point for a tmpfs
 *   bind      NAME DST             mount point for a bind mount
 *
 * Records come in this order: hostname, modules, mounts, users and groups, then
 * each service in file order with its svc record first. A builder must
 * ignore record types it does not know (new ones may be added).
 */
#include "svcc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;

static void user(const char *name, uint32_t uid, uint32_t gid)
{
	fprintf(out, "user\t%s\t%lu\t%lu\n", name, (unsigned long)uid,
		(unsigned long)gid);
}

static void group(const char *name, __attribute__((unused)) uint32_t uid,
		  uint32_t gid)
{
	fprintf(out, "group\t%s\t%lu\n", name, (unsigned long)gid);
}

static void list(const char *kind, const char *name, const struct vec *v)
{
	for (unsigned j = 0; j < v->n; j++)
		fprintf(out, "%s\t%s\t%s\n", kind, name, v->v[j]);
}

static void service(const struct spec *sp)
{
	static const char *const kind[] = {"bind", "bind", "tmpfs", "state"};
	const struct svc *s = &sp->s;

	fprintf(out, "svc\t%s\t%s\t%s\t%u\n", s->name, s->root ? s->root : "-",
		comp.file, (unsigned)s->line);
	fprintf(out, "runas\t%s\t%lu\t%lu\n", s->name, (unsigned long)s->uid,
		(unsigned long)s->gid);
	fprintf(out, "exec\t%s\t%s\n", s->name, sp->argv.v[0]);
	list("file", s->name, &sp->sysroot_files);
	for (unsigned j = 0; j < sp->copy_src.n; j++)
		fprintf(out, "copy\t%s\t%s\t%s\n", s->name, sp->copy_src.v[j],
			sp->copy_dst.v[j]);
	list("applet", s->name, &sp->applets);
	for (unsigned j = 0; j < s->nmounts; j++)
		fprintf(out, "%s\t%s\t%s\n", kind[sp->mnt[j].kind], s->name,
			sp->mnt[j].dst);
}

void emit_manifest(const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);

	if (strpbrk(comp.file, "\t\n"))
		xfail(2, "%s: a tab or newline in the file name", comp.file);
	if (!(out = fopen(tmp, "we")))
		xfail(2, "%s: %s", tmp, strerror(errno));
	if (comp.hostname)
		fprintf(out, "hostname\t%s\n", comp.hostname);
	for (unsigned j = 0; j < comp.modules.n; j++)
		fprintf(out, "module\t%s\n", comp.modules.v[j]);
	for (unsigned j = 0; j < comp.nmounts; j++)
		fprintf(out, "mount\t%s\n", comp.mounts[j].dst);
	ids_each(0, user);
	ids_each(1, group);
	for (unsigned i = 0; i < comp.nsvc; i++)
		service(&comp.svc[i]);
	if (ferror(out) | fclose(out) || rename(tmp, path))
		xfail(2, "%s: %s", path, strerror(errno));
	free(tmp);
}
