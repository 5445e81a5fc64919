/* mon.h — the interactive monitor (console and scripts): `mcemu monitor`.
 *
 * The console reads commands with GNU readline, or runs headless from a
 * script (-x) or a non-terminal standard input. The entry points below the
 * first let tests drive a monitor on any machine, including hand-built
 * ones with no board.
 */
#ifndef MON_H
#define MON_H

#include <stdio.h>

struct UcMachine;
struct UcCpu;
typedef struct Mon Mon;

int mon_main(int argc, char **argv);   /* mcemu monitor */

/* A headless monitor writing to out and err. */
Mon *mon_new(FILE *out, FILE *err);
/* Attach a machine and CPU the caller owns (no board, no program). */
int mon_attach(Mon *mon, struct UcMachine *m, struct UcCpu *cpu);
/* Execute one command line as a script line. 0, or -1 after an error. */
int mon_command(Mon *mon, const char *line);
/* Exit status so far: 0, 1 after an error or a failed assert, or quit's. */
int mon_status(const Mon *mon);
void mon_free(Mon *mon);

#endif
