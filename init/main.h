/* The subcommands of the corral binary (see init/main.c). */
#ifndef CORRAL_MAIN_H
#define CORRAL_MAIN_H

int init_main(int argc, char **argv);  /* init/init.c: never returns */
int run_main(int argc, char **argv);   /* sandbox/run.c */
int ctl_main(int argc, char **argv);   /* init/ctl.c */
int table_main(int argc, char **argv); /* init/table.c */

#endif
