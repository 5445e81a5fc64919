/* asm_autocoder.h — the Autocoder front end of the assembler, for machines
 * whose instructions are delimited by word marks (the IBM 1401).
 */
#ifndef ASM_AUTOCODER_H
#define ASM_AUTOCODER_H

#include "asm.h"

/* Whether machine m takes Autocoder source (its instruction lengths are
   delimited by a storage subfield, as the 1401's word marks). */
int asm_autocoder_serves(const UcMachine *m);
/* Assemble Autocoder source; as asm_assemble. The image holds one unit per
   storage position: the character with its word mark (bit 6). */
AsmImage *asm_autocoder(const UcMachine *m, const char *path, const AsmOptions *opt, FILE *diag);

/* Disassemble the 1401 instruction at units[0] (a word mark under its op
   code, up to the next word mark); as asm_disassemble. */
unsigned asm_autocoder_disassemble(const UcMachine *m, const uint8_t *units, size_t avail,
                                   uint64_t addr, char *buf, size_t size);

#endif
