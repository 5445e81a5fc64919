/* asm_main.c — placeholder until the assembler lands: the driver links
 * against these entry points. Every one reports that it is not there yet. */
#include <stdio.h>
#include <stdlib.h>
#include "asm.h"

AsmImage *asm_assemble(const UcMachine *m, const char *path, const AsmOptions *opt, FILE *diag)
{
    (void)m; (void)opt;
    fprintf(diag, "%s: error: the assembler is not built yet\n", path);
    return NULL;
}

void asm_image_free(AsmImage *img)
{
    free(img);
}

unsigned asm_disassemble(const UcMachine *m, const uint8_t *units, size_t avail,
                         uint64_t addr, char *buf, size_t size)
{
    (void)m; (void)units; (void)avail; (void)addr;
    snprintf(buf, size, "?");
    return 0;
}

int asm_main(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "mcemu asm: not built yet\n");
    return 2;
}

int dis_main(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "mcemu dis: not built yet\n");
    return 2;
}
