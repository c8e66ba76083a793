/* `files`: what gets copied into a service's subtree, and the check
 * that a copy is not hidden at run time by a mount inside the jail.
 *
 *   files PATH     the build host's (or --sysroot's) PATH, at PATH
 *   files SRC:DST  SRC relative to the services file's directory (the
 *                  board directory) or absolute on the build host, at
 *                  DST: a board's own config files, versioned with it
 *
 * The table keeps the words as written (corral table prints them back);
 * the manifest gets SRC made absolute and canonical for the builder.
 */
#define _DEFAULT_SOURCE /* realpath under -std=c11 */
#include "svcc.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* SRC made absolute: relative ones start at the board directory. */
static char *copy_src(const char *src)
{
	char *file = xstrdup(comp.file), *dir = dirname(file), *path,
	     real[PATH_MAX];

	path = *src == '/' ? xstrdup(src) : xasprintf("%s/%s", dir, src);
	if (!realpath(path, real)) {
		if (errno != ENOENT)
			die("file '%s': %s", src, strerror(errno));
		if (*src == '/')
			die("file '%s' not found on the build host", src);
		die("file '%s' not found in the board directory '%s'", src,
		    dir);
	}
	if (strpbrk(real, "\t\n"))
		die("file '%s': a tab or newline in its path", src);
	free(path);
	free(file);
	return xstrdup(real);
}

static void add_dst(struct spec *sp, const char *dst)
{
	if (vec_find(&sp->file_dst, dst) >= 0)
		die("duplicate file '%s'", dst);
	sp->file_line = xrealloc(sp->file_line,
				 (sp->file_dst.n + 1) * sizeof(*sp->file_line));
	sp->file_line[sp->file_dst.n] = comp.line;
	vec_push(&sp->file_dst, dst);
}

/* files: the build host's copy must exist now. */
OPT(sv_files)
{
	struct stat st;

	for (unsigned i = 0; i < ac; i++) {
		char *colon = strchr(av[i], ':'), *src;

		vec_push(&sp->files, av[i]);
		if (colon) {
			src = xstrdup(av[i]);
			src[colon - av[i]] = 0;
			if (!*src)
				die("bad file '%s' (SRC:DST with an empty SRC)",
				    av[i]);
			add_dst(sp, xval_path(colon + 1));
			vec_push(&sp->copy_src, copy_src(src));
			free(src);
			vec_push(&sp->copy_dst, colon + 1);
			continue;
		}
		add_dst(sp, xval_path(av[i]));
		src = xasprintf("%s%s", comp.sysroot, av[i]);
		if (lstat(src, &st))
			die("file '%s' not found on the build host (sysroot "
			    "'%s')",
			    av[i], *comp.sysroot ? comp.sysroot : "/");
		free(src);
		vec_push(&sp->sysroot_files, av[i]);
	}
}

/* Is path at or below dir? */
static int below(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n && dir[n - 1] == '/')
		n--;
	return !strncmp(path, dir, n) && (!path[n] || path[n] == '/');
}

/* What the sandbox mounts over the service's root whatever the table
 * says (sandbox/fs.c): its /dev, /proc and, unless a mount of the
 * table takes the place, the small /tmp. */
static const char *const jail_mounts[] = {"/dev", "/proc", "/tmp"};

static void check_dst(const struct spec *sp, unsigned j)
{
	static const char *const kind[] = {"bind", "bind", "tmpfs", "state"};
	const char *d = sp->file_dst.v[j];

	for (unsigned m = 0; m < sp->s.nmounts; m++)
		if (below(d, sp->mnt[m].dst))
			die_at(sp->file_line[j],
			       "file '%s': hidden at run time by '%s %s' "
			       "(line %u): copy it elsewhere",
			       d, kind[sp->mnt[m].kind], sp->mnt[m].dst,
			       (unsigned)sp->mnt_line[m]);
	for (unsigned m = 0; m < sizeof(jail_mounts) / sizeof(*jail_mounts);
	     m++)
		if (below(d, jail_mounts[m]))
			die_at(sp->file_line[j],
			       "file '%s': hidden at run time by the jail's "
			       "own %s: copy it elsewhere",
			       d, jail_mounts[m]);
}

void check_files(const struct spec *sp)
{
	for (unsigned j = 0; j < sp->file_dst.n; j++)
		check_dst(sp, j);
}
