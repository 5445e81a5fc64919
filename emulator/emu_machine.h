/* emu_machine.h — finding a machine by name: a built-in (compiled from
 * isa/machines when mcemu was built and embedded in it), or a path to an
 * .isa description (compiled now) or a .ucode file.
 */
#ifndef EMU_MACHINE_H
#define EMU_MACHINE_H

#include <stdio.h>
#include "../microcode/uc_machine.h"

typedef struct EmuBuiltin {
    const char *name;
    const char *title;
    const unsigned char *ucode;
    unsigned long size;
} EmuBuiltin;

extern const EmuBuiltin emu_builtins[];   /* ends with a NULL name */

/* name is a built-in name or a path ending in .isa or .ucode. Diagnostics
   (description errors, file errors) go to diag. NULL on failure. */
UcMachine *emu_load_machine(const char *name, FILE *diag);

#endif
