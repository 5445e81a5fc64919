/* asm.h — the table-driven assembler and disassembler.
 *
 * Instruction syntax and encodings come only from the UcMachine (modes,
 * instructions, aliases); the directives and listing are those of the
 * machine's front end (HLASM conventions for byte machines).
 */
#ifndef ASM_H
#define ASM_H

#include <stdint.h>
#include <stdio.h>
#include "../microcode/uc_machine.h"

typedef struct AsmOptions {
    const char *listing;      /* write a listing here, or NULL */
    const char *object;       /* write an object deck here, or NULL */
    const char **incdirs;     /* NULL-terminated, for COPY; may be NULL */
    const char **macdirs;     /* NULL-terminated macro libraries (-M); may be NULL */
    uint64_t origin;          /* the first control section starts here unless
                                 START gives an address (mcemu run: 0x1000) */
    int verbose;
} AsmOptions;

typedef struct AsmSymbol {
    char *name;
    uint64_t value;
    uint32_t length;          /* length attribute */
    int relocatable;
} AsmSymbol;

typedef struct AsmImage {
    uint64_t origin;          /* address of bytes[0] (storage units) */
    uint64_t size;            /* in storage units */
    uint8_t *bytes;           /* size * unit_bytes */
    uint64_t entry;           /* END operand, else the first section start */
    uint32_t nsymbols;
    AsmSymbol *symbols;
    int nerrors;
    int rc;                   /* HLASM return code 0/4/8/12/16 */
} AsmImage;

/* Assemble a source file; diagnostics to diag. Returns NULL only when the
   file cannot be read; check ->nerrors. */
AsmImage *asm_assemble(const UcMachine *m, const char *path, const AsmOptions *opt, FILE *diag);
void asm_image_free(AsmImage *img);

/* Disassemble the instruction at addr from `avail` units in `units` (one
   unit per unit_bytes). Writes "MNEMONIC operands" to buf and returns the
   length in units, or 0 when the bytes are no valid instruction (buf then
   holds a DC). */
unsigned asm_disassemble(const UcMachine *m, const uint8_t *units, size_t avail,
                         uint64_t addr, char *buf, size_t size);

/* A parameter reference in an operand mode's syntax text: "{d}", "{l+1}",
   "{i:x}". *t points after the '{'; on return it is past the '}'. Gives
   the parameter's index (-1: no such parameter), the addend and the style
   letter (0: none). */
int asm_syntax_ref(const UcMode *md, const char **t, int64_t *add, char *style);

/* Link object decks (asm_link.c): 80-byte EBCDIC cards, or 81-byte records
   with a stacker-select byte first. Sections are placed from `origin`,
   external references resolved, RLD items applied; symbols are the section
   and label names with their load addresses, entry the END address.
   Diagnostics to diag (notes on skipped cards when verbose). Returns NULL
   when a deck cannot be read; check ->nerrors. */
AsmImage *asm_link(const char *const *paths, int n, uint64_t origin, int verbose, FILE *diag);
void asm_link_map(const AsmImage *img, FILE *out);
int asm_is_object_deck(const char *path);   /* by its first card */
int asm_link_main(int argc, char **argv);   /* mcemu link */

/* Write an IPL-able card deck for a linked image (asm_ipl.c): an IPL card,
   a bootstrap loader assembled for machine m (S/360), the image's storage
   as text cards; the loader ends with the program's PSW at img->entry.
   Returns 0, or -1 after a message on diag. */
int asm_ipl_deck(const UcMachine *m, const AsmImage *img, const char *path, FILE *diag);

int asm_main(int argc, char **argv);   /* mcemu asm */
int dis_main(int argc, char **argv);   /* mcemu dis */

#endif
