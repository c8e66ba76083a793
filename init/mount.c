/* Mounts of PID 1's own: its root made a mount point (container mode,
 * an initramfs), and the services file's top-level `mount` lines
 * (SPEC 8). Both log their failure and carry on, as all of boot does. */
#include "init/pid1.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/stat.h> /* after sys/stat.h: STATX_ATTR_MOUNT_ROOT */
#include <sys/syscall.h>
#include <unistd.h>

/* Is / the root of a mount? Not in a plain chroot (the README's
 * `unshare --pid --mount --fork chroot DIR /sbin/init`): the chroot
 * directory is just a directory of the host's mount. statx says so
 * directly (Linux 5.8); stat cannot, / is its own parent either way. */
static int root_is_mount(void)
{
	struct statx sx;

	if (syscall(SYS_statx, AT_FDCWD, "/", 0, STATX_INO, &sx))
		return 1; /* cannot tell: leave / alone */
	return !(sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) ||
	       (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

/* pivot_root(2) and the sandbox's MS_PRIVATE on / need / to be a mount
 * with a parent. Two roots are not:
 *   - a chroot directory: bind it onto itself, then walk down and back
 *     up (/sbin/..) so the walk crosses into the new mount, and chroot
 *     there. Works on a read-only image. A PID 1 chroot'ed like that
 *     is a container whatever its environment says: a real boot never
 *     has such a root, and the host's /dev/kmsg and hostname are not
 *     this system's.
 *   - an initramfs (rootfs, the one mount without a parent, which
 *     pivot_root refuses to move): bind / onto a directory of itself,
 *     move that over / and chroot into it. Not in a container, whose
 *     root is whatever its manager made it. */
void root_mount(void)
{
	struct statfs sf;
	int e = 0;

	if (!root_is_mount()) {
		G.container = 1;
		if (mount("/", "/", 0, MS_BIND | MS_REC, 0) ||
		    chdir("/sbin/..") || chroot(".") || chdir("/"))
			e = errno;
	} else if (G.container || statfs("/", &sf) ||
		   (sf.f_type != 0x858458f6 && sf.f_type != 0x01021994)) {
		return; /* not ramfs or tmpfs: not an initramfs */
	} else if ((mkdir("/.root", 0700) && errno != EEXIST) ||
		   mount("/", "/.root", 0, MS_BIND | MS_REC, 0) ||
		   chdir("/.root") || mount("/.root", "/", 0, MS_MOVE, 0) ||
		   chroot(".") || chdir("/")) {
		e = errno;
	}
	if (e)
		say_err("root mount", e);
}

/* The services file's top-level mounts (SPEC 8), after the modules a
 * file system may need. The build made each mount point in the image;
 * one missing still gets its last component here, for a mount point on
 * a tmpfs mounted at boot (/run, or an earlier line). A bind mount
 * takes ro, nosuid... only from a remount, as mount(8) does it. */
void top_mounts(void)
{
	for (const struct tbl_mount *m = tbl_mounts; m->dst; m++) {
		unsigned long f = m->flags;

		mkdir(m->dst, 0755); /* the mount says what went wrong */
		if (mount(m->src, m->dst, m->type, f, m->data) ||
		    ((f & MS_BIND) && (f & ~(MS_BIND | MS_REC)) &&
		     mount(0, m->dst, 0, f | MS_REMOUNT, 0))) {
			int e = errno;

			SAY("mount ", m->dst, ": ", err_str(e));
		}
	}
}
