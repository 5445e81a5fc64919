/* emu_randprog.h — random guest programs generated from a machine's
 * description, for the lockstep comparison of tiers (emu_lockstep.h).
 *
 * The instructions come from the UcMachine alone: every instruction of the
 * table (but those that stop the machine, and the few a frame keeps out),
 * written with its own syntax and operand modes — registers and immediates
 * at random, storage operands within a data area of random contents,
 * lengths up to 16, branch and EXECUTE targets on instructions of the body
 * (forward and backward). What a family of machines needs around them (how
 * a program starts and ends, where code and data go, how interruptions
 * come back) is a small frame written in its assembler's own source. The
 * body runs three times; a backward branch may loop, so a run is bounded by
 * its instruction limit too.
 */
#ifndef EMU_RANDPROG_H
#define EMU_RANDPROG_H

#include <stdint.h>
#include <stdio.h>
#include "microcode/uc_machine.h"

/* The file name suffix of the source a machine's programs are written in
   (".asm", ".s"), or NULL when no frame serves the machine. */
const char *emu_randprog_suffix(const UcMachine *m);

/* Write the program for `seed` as assembler source to `out`. Returns 0, or
   -1 with a message in err (no frame for this machine). */
int emu_randprog_write(const UcMachine *m, uint64_t seed, FILE *out, char *err, size_t errsize);

/* `mcemu run --random-program SEED[:FILE]`: write the program for SEED on
   the named machine to FILE, or to a temporary file (*temporary set: the
   caller removes it), its name into path. 0, or -1 with a message on
   stderr; -2 for a bad SEED. */
int emu_randprog_file(const char *machine, const char *spec, char *path, size_t pathsize, int *temporary);
/* Remove a temporary program and the folder made for it. */
void emu_randprog_remove(const char *path);

#endif
