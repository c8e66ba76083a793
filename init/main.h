/* The subcommands of the corral binary that live in init/ (see
 * init/main.c; `corral run` is sandbox/run.h's). */
#ifndef CORRAL_MAIN_H
#define CORRAL_MAIN_H

int init_main(int argc, char **argv);  /* init/init.c: never returns */
int ctl_main(int argc, char **argv);   /* init/ctl.c */
int table_main(int argc, char **argv); /* init/table.c */

#endif
