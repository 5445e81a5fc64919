/* isa.h — isac, the description compiler: .isa source -> UcMachine.
 *
 * Diagnostics go to `diag` as "file:line:col: error: text", the source line
 * and a caret; every error is reported, not only the first. The compiler
 * never crashes or hangs on any input.
 */
#ifndef ISA_H
#define ISA_H

#include <stdio.h>
#include "../microcode/uc_machine.h"

/* Compile the description at path (following `extend`). Returns NULL when
   there were errors; *nerrors gets their number. */
UcMachine *isa_compile_file(const char *path, FILE *diag, int *nerrors);
/* The same from a string (name is used in diagnostics; `extend` paths are
   relative to the current directory). */
UcMachine *isa_compile_string(const char *name, const char *text, FILE *diag, int *nerrors);

/* The microcode listing: every micro-word beside "FILE.isa:LINE". */
void isa_write_listing(const UcMachine *m, FILE *out);

/* `mcemu isac FILE.isa [-o FILE.ucode] [--list] [--doc [FILE.md]]`; returns the exit status. */
int isa_main(int argc, char **argv);

#endif
