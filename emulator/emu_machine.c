/* emu_machine.c — finding a machine: a built-in name (the .ucode compiled
 * from isa/machines/ when mcemu was built, embedded by emulator/embed.sh), a
 * description (.isa, compiled now) or a compiled .ucode file.
 */
#include <string.h>
#include "emu_machine.h"
#include "isa/isa.h"
#include "microcode/uc_file.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

UcMachine *emu_load_machine(const char *name, FILE *diag)
{
    char err[256];
    if (ends_with(name, ".isa")) {
        int nerr = 0;
        UcMachine *m = isa_compile_file(name, diag, &nerr);
        if (m == NULL && nerr == 0)
            fprintf(diag, "%s: error: cannot compile the description\n", name);
        return m;
    }
    if (ends_with(name, ".ucode")) {
        UcMachine *m = uc_read_file(name, err, sizeof err);
        if (m == NULL)
            fprintf(diag, "%s: error: %s\n", name, err);
        return m;
    }
    for (const EmuBuiltin *b = emu_builtins; b->name != NULL; b++) {
        if (strcmp(b->name, name) == 0) {
            UcMachine *m = uc_read_mem(b->ucode, b->size, err, sizeof err);
            if (m == NULL)
                fprintf(diag, "mcemu: built-in machine %s is damaged: %s\n", name, err);
            return m;
        }
    }
    fprintf(diag, "mcemu: unknown machine '%s'; built in:", name);
    for (const EmuBuiltin *b = emu_builtins; b->name != NULL; b++)
        fprintf(diag, " %s", b->name);
    fprintf(diag, "; or give the path of a .isa or .ucode file\n");
    return NULL;
}
