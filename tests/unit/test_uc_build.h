/* test_uc_build.h — a small hand-built UcMachine for the micro-engine and
 * .ucode tests (no isac): one byte-addressed big-endian space M with keys,
 * a 16-register file GR, a numbered file FR {0,2,4,6}, a PSW with KEY and
 * CC fields, a program interrupt, stops, helpers, a table and a two-key
 * dispatch table. Tests replace the control store with their own words.
 */
#ifndef TEST_UC_BUILD_H
#define TEST_UC_BUILD_H

#include <stdlib.h>
#include <string.h>
#include "microcode/uc_machine.h"

/* Fault codes the test machine raises (first parameter of `program`). */
enum { TB_CODE_ADDR = 5, TB_CODE_ALIGN = 6, TB_CODE_PROT = 4, TB_CODE_FPROT = 0x11 };
/* Stop reasons. */
enum { TB_STOP_END, TB_STOP_PGM, TB_STOP_A, TB_STOP_B, TB_STOP_C, TB_STOP_INVALID, TB_NSTOPS };
enum { TB_PARAM = 60 };      /* program interrupt parameter register */
/* Items and fields. */
enum { TB_GR, TB_FR, TB_PSW };
enum { TB_F_KEY, TB_F_CC };

static char *tb_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static UcWord tb_w(unsigned op, unsigned dst, unsigned a, unsigned b, unsigned width,
                   unsigned flags, unsigned aux, uint32_t target, uint64_t imm)
{
    UcWord w = { (uint8_t)op, (uint8_t)dst, (uint8_t)a, (uint8_t)b, (uint8_t)width,
                 (uint8_t)flags, (uint16_t)aux, target, imm };
    return w;
}

/* The machine; the control store is `words` followed by the program
   interrupt routine (one STOP pgm word), whose address is returned in
   *pgm_entry when not NULL. */
static UcMachine *tb_machine(const UcWord *words, uint32_t n)
{
    UcMachine *m = uc_machine_new();
    m->name = tb_dup("test");
    m->title = tb_dup("hand-built test machine");
    m->charset = tb_dup("ascii");
    m->bitorder = UC_LSB0;
    m->endian = UC_BIG;
    m->addr_bits = 24;
    m->wrap = UC_WRAP_POW2;

    m->nitems = 3;
    m->items = calloc(3, sizeof *m->items);
    m->items[TB_GR] = (UcItem){ tb_dup("GR"), UC_ITEM_REGFILE, 32, 16, 0, 0, NULL };
    m->items[TB_FR] = (UcItem){ tb_dup("FR"), UC_ITEM_REGFILE, 64, 4, 16, 7, NULL };
    m->items[TB_FR].number_map = malloc(7 * sizeof(int32_t));
    for (int i = 0; i < 7; i++)
        m->items[TB_FR].number_map[i] = (i % 2) ? -1 : i / 2;
    m->items[TB_PSW] = (UcItem){ tb_dup("PSW"), UC_ITEM_REG, 64, 1, 20, 0, NULL };
    m->nslots = 21;
    m->nfields = 2;
    m->fields = calloc(2, sizeof *m->fields);
    m->fields[TB_F_KEY] = (UcField){ tb_dup("KEY"), TB_PSW, 52, 4 };   /* msb0 8..11 */
    m->fields[TB_F_CC] = (UcField){ tb_dup("CC"), TB_PSW, 28, 2 };     /* msb0 34..35 */

    m->nspaces = 1;
    m->spaces = calloc(1, sizeof *m->spaces);
    UcSpace *s = &m->spaces[0];
    s->name = tb_dup("M");
    s->unit_bits = 8;
    s->unit_bytes = 1;
    s->min_size = 64;
    s->max_size = 1 << 24;
    s->default_size = 4096;
    s->faults[UC_FAULT_ADDRESSING] = (UcTrapRef){ 0, TB_CODE_ADDR };
    s->faults[UC_FAULT_ALIGNMENT] = (UcTrapRef){ 0, TB_CODE_ALIGN };
    s->faults[UC_FAULT_PROTECTION] = (UcTrapRef){ 0, TB_CODE_PROT };
    s->faults[UC_FAULT_FETCHPROT] = (UcTrapRef){ 0, TB_CODE_FPROT };
    s->key_block = 2048;
    s->key_bits = 4;
    s->key_field = TB_F_KEY;
    s->fetch_prot_bit = 4;   /* a fifth bit above the key, as the S/360 key */

    m->ntables = 1;
    m->tables = calloc(1, sizeof *m->tables);
    m->tables[0].name = tb_dup("SQ");
    m->tables[0].width = 16;
    m->tables[0].count = 4;
    m->tables[0].values = malloc(4 * sizeof(uint64_t));
    for (int i = 0; i < 4; i++)
        m->tables[0].values[i] = (uint64_t)(i * i + 100);

    m->nconsts = 1;
    m->consts = calloc(1, sizeof *m->consts);
    m->consts[0] = (UcConst){ tb_dup("PGM_OLD"), 0x28, 1 };

    static const char *const stops[TB_NSTOPS] = { "end", "pgm", "a", "b", "c", "invalid" };
    m->nstops = TB_NSTOPS;
    m->stops = calloc(TB_NSTOPS, sizeof *m->stops);
    for (int i = 0; i < TB_NSTOPS; i++) {
        m->stops[i].name = tb_dup(stops[i]);
        m->stops[i].message = tb_dup(stops[i]);
    }
    m->nhelpers = 2;
    m->helpers = calloc(2, sizeof *m->helpers);
    m->helpers[0] = (UcHelper){ tb_dup("sum"), 3, 1 };
    m->helpers[1] = (UcHelper){ tb_dup("nothing"), 0, 0 };

    /* RR: op r1 r2 (16 bits); RS: op r1 i:8 signed (24 bits) */
    m->nformats = 2;
    m->formats = calloc(2, sizeof *m->formats);
    UcFormat *f = &m->formats[0];
    f->name = tb_dup("RR");
    f->width = 16;
    f->length = 2;
    f->nfields = 3;
    f->fields[0] = (UcFmtField){ tb_dup("op"), 8, 8, 10, 0 };
    f->fields[1] = (UcFmtField){ tb_dup("r1"), 4, 4, 11, 0 };
    f->fields[2] = (UcFmtField){ tb_dup("r2"), 0, 4, 12, 0 };
    f = &m->formats[1];
    f->name = tb_dup("RS");
    f->width = 24;
    f->length = 3;
    f->nfields = 3;
    f->fields[0] = (UcFmtField){ tb_dup("op"), 16, 8, 10, 0 };
    f->fields[1] = (UcFmtField){ tb_dup("r1"), 12, 4, 11, 0 };
    f->fields[2] = (UcFmtField){ tb_dup("i"), 0, 8, 13, 1 };

    m->ninsns = 3;
    m->insns = calloc(3, sizeof *m->insns);
    m->insns[0] = (UcInsn){ .mnemonic = tb_dup("AR"), .format = 0, .syntax = tb_dup("AR") };
    m->insns[1] = (UcInsn){ .mnemonic = tb_dup("XR"), .format = 0, .syntax = tb_dup("XR") };
    m->insns[2] = (UcInsn){ .mnemonic = tb_dup("LI"), .format = 1, .syntax = tb_dup("LI") };

    /* words, then STOP pgm (program interrupt), STOP a / b / c (routine
       entries), STOP invalid */
    m->nwords = n + 5;
    m->words = calloc(m->nwords, sizeof *m->words);
    memcpy(m->words, words, n * sizeof *words);
    for (unsigned i = 0; i < 5; i++)
        m->words[n + i] = tb_w(UC_STOP, 0, 0, 0, 0, 0, 0, 0,
                               (uint64_t[]){ TB_STOP_PGM, TB_STOP_A, TB_STOP_B, TB_STOP_C,
                                             TB_STOP_INVALID }[i]);
    m->ninterrupts = 1;
    m->interrupts = calloc(1, sizeof *m->interrupts);
    m->interrupts[0] = (UcInterrupt){ tb_dup("program"), n, 1, { TB_PARAM, 0, 0, 0 } };

    /* key 0x1A: AR; key 0x05: XR when r1 == 1, else LI (RS format) */
    m->dispatch.key_bits = 8;
    m->dispatch.first = malloc(256 * sizeof(int32_t));
    for (int i = 0; i < 256; i++)
        m->dispatch.first[i] = -1;
    m->dispatch.first[0x1A] = 0;
    m->dispatch.first[0x05] = 1;
    m->dispatch.invalid_entry = n + 4;
    m->ncands = 3;
    m->cands = calloc(3, sizeof *m->cands);
    m->cands[0] = (UcCandidate){ 0, 0, 0, 0, n + 1, -1 };
    m->cands[1] = (UcCandidate){ 0x00F0, 0x0010, 1, 0, n + 2, 2 };
    m->cands[2] = (UcCandidate){ 0, 0, 2, 1, n + 3, -1 };
    m->fetch_entry = 0;
    m->ureg_names[TB_PARAM] = tb_dup("pcode");
    return m;
}

#endif
