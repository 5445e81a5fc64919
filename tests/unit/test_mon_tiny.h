/* test_mon_tiny.h — a tiny hand-built machine for the monitor tests, with a
 * real fetch routine, a debug line table and description source text, so
 * step, ustep, breakpoints, watchpoints, next and back can be tested
 * without isac or a board.
 *
 *   GR[16] 32-bit, PSW 64-bit { CC 30..31 (lsb0 32..33); IA lsb0 0..23 }
 *   M: 8-bit units, 4096 by default, big-endian
 *   RR format, 16 bits: op:8 r1:4 r2:4; decode key = the first byte
 *   00 HALT   1A AR r1,r2 (CC 0 zero, 2 otherwise)   41 LI r1,n (GR[r1] = n)
 *   42 STC r1,r2 (M[GR r2] = low byte of GR r1)    43 IC r1,r2 (GR r1 = M[GR r2])
 *   05 BALR r1,r2 (GR r1 = next address; go to GR r2)   07 BR r2
 */
#ifndef TEST_MON_TINY_H
#define TEST_MON_TINY_H

#include <stdlib.h>
#include <string.h>
#include "microcode/uc_machine.h"

enum { TT_GR, TT_PSW };
enum { TT_F_CC, TT_F_IA };
enum { TT_STOP_HALT, TT_STOP_ADDR, TT_STOP_INVALID };
enum { TT_IA = 1, TT_INSN = 2, TT_OP = 3, TT_A = 4, TT_B = 5, TT_C = 6, TT_R1 = 11, TT_R2 = 12 };

static const char tt_source[] =
    "machine tiny \"tiny test machine\";\n"                       /* 1 */
    "fetch {\n"                                                   /* 2 */
    "  let ia = PSW.IA;\n"                                        /* 3 */
    "  let insn = M.u16[ia];\n"                                   /* 4 */
    "  PSW.IA = ia + 2;\n"                                        /* 5 */
    "  dispatch(insn[0..7], insn);\n"                             /* 6 */
    "}\n"                                                         /* 7 */
    "insn HALT op=0x00 { stop halt; }\n"                          /* 8 */
    "insn AR op=0x1A {\n"                                         /* 9 */
    "  let s = GR[r1] + GR[r2];\n"                                /* 10 */
    "  GR[r1] = s;\n"                                             /* 11 */
    "  PSW.CC = s == 0 ? 0 : 2;\n"                                /* 12 */
    "}\n"                                                         /* 13 */
    "insn LI op=0x41 { GR[r1] = r2; }\n"                          /* 14 */
    "insn STC op=0x42 { M[GR[r2]] = GR[r1]; }\n"                  /* 15 */
    "insn IC op=0x43 { GR[r1] = M[GR[r2]]; }\n"                   /* 16 */
    "insn BALR op=0x05 { GR[r1] = PSW.IA; PSW.IA = GR[r2]; }\n"   /* 17 */
    "insn BR op=0x07 { PSW.IA = GR[r2]; }\n"                      /* 18 */
    "invalid { stop invalid; }\n";                                /* 19 */

static char *tt_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static UcWord tt_w(unsigned op, unsigned dst, unsigned a, unsigned b, unsigned width,
                   unsigned flags, unsigned aux, uint32_t target, uint64_t imm)
{
    UcWord w = { (uint8_t)op, (uint8_t)dst, (uint8_t)a, (uint8_t)b, (uint8_t)width,
                 (uint8_t)flags, (uint16_t)aux, target, imm };
    return w;
}

typedef struct TtInsn { const char *mn; unsigned op; } TtInsn;

static UcMachine *tt_machine(void)
{
    UcMachine *m = uc_machine_new();
    m->name = tt_dup("tiny");
    m->title = tt_dup("tiny test machine");
    m->charset = tt_dup("ascii");
    m->bitorder = UC_LSB0;
    m->endian = UC_BIG;
    m->addr_bits = 24;
    m->wrap = UC_WRAP_POW2;
    m->hash = 0x1234567887654321ull;

    m->nitems = 2;
    m->items = calloc(2, sizeof *m->items);
    m->items[TT_GR] = (UcItem){ tt_dup("GR"), UC_ITEM_REGFILE, 32, 16, 0, 0, NULL };
    m->items[TT_PSW] = (UcItem){ tt_dup("PSW"), UC_ITEM_REG, 64, 1, 16, 0, NULL };
    m->nslots = 17;
    m->nfields = 2;
    m->fields = calloc(2, sizeof *m->fields);
    m->fields[TT_F_CC] = (UcField){ tt_dup("CC"), TT_PSW, 32, 2 };
    m->fields[TT_F_IA] = (UcField){ tt_dup("IA"), TT_PSW, 0, 24 };

    m->nspaces = 1;
    m->spaces = calloc(1, sizeof *m->spaces);
    UcSpace *s = &m->spaces[0];
    s->name = tt_dup("M");
    s->unit_bits = 8;
    s->unit_bytes = 1;
    s->min_size = 256;
    s->max_size = 1 << 24;
    s->default_size = 4096;
    s->faults[UC_FAULT_ADDRESSING] = (UcTrapRef){ UC_TRAP_STOP(TT_STOP_ADDR), 0 };
    for (int f = UC_FAULT_ALIGNMENT; f < UC_NFAULTS; f++)
        s->faults[f] = (UcTrapRef){ UC_NONE, 0 };
    s->key_field = UC_NONE;
    s->fetch_prot_bit = 0xff;

    static const char *const stops[3][2] = { { "halt", "halted" }, { "addr", "addressing exception" },
                                             { "invalid", "invalid operation" } };
    m->nstops = 3;
    m->stops = calloc(3, sizeof *m->stops);
    for (int i = 0; i < 3; i++) {
        m->stops[i].name = tt_dup(stops[i][0]);
        m->stops[i].message = tt_dup(stops[i][1]);
    }

    m->nformats = 1;
    m->formats = calloc(1, sizeof *m->formats);
    UcFormat *f = &m->formats[0];
    f->name = tt_dup("RR");
    f->width = 16;
    f->length = 2;
    f->nfields = 3;
    f->fields[0] = (UcFmtField){ tt_dup("op"), 8, 8, TT_OP, 0 };
    f->fields[1] = (UcFmtField){ tt_dup("r1"), 4, 4, TT_R1, 0 };
    f->fields[2] = (UcFmtField){ tt_dup("r2"), 0, 4, TT_R2, 0 };
    m->decode.rule = UC_LEN_BY_KEY;
    m->decode.key_units = 1;
    m->decode.key_shift = 0;
    m->decode.key_len = 8;

    /* the control store, with the description line of every word */
    UcWord w[64];
    uint32_t line[64];
    uint32_t n = 0;
#define W(l, ...) (line[n] = (l), w[n++] = tt_w(__VA_ARGS__))
    /* fetch: 0..5 */
    W(3, UC_LDF, TT_IA, 0, 0, 24, 0, TT_F_IA, 0, 0);
    W(4, UC_LD, TT_INSN, TT_IA, 0, 16, UC_F_IFETCH, 0, 0, 0);
    W(5, UC_ADD, TT_IA, TT_IA, 0, 24, UC_F_IMM, 0, 0, 2);
    W(5, UC_STF, 0, TT_IA, 0, 24, 0, TT_F_IA, 0, 0);
    W(6, UC_EXT, TT_OP, TT_INSN, 0, 8, 0, 0, 0, 8);
    W(6, UC_DISPATCH, 0, TT_OP, TT_INSN, 16, 0, 0, 0, 0);
    uint32_t e_halt = n;
    W(8, UC_STOP, 0, 0, 0, 0, 0, 0, 0, TT_STOP_HALT);
    W(8, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_ar = n;
    W(10, UC_LDR, TT_A, TT_R1, 0, 32, 0, TT_GR, 0, 0);
    W(10, UC_LDR, TT_B, TT_R2, 0, 32, 0, TT_GR, 0, 0);
    W(10, UC_ADD, TT_C, TT_A, TT_B, 32, 0, 0, 0, 0);
    W(11, UC_STR, 0, TT_R1, TT_C, 32, 0, TT_GR, 0, 0);
    W(12, UC_NE, TT_A, TT_C, 0, 32, UC_F_IMM, 0, 0, 0);
    W(12, UC_SHL, TT_A, TT_A, 0, 2, UC_F_IMM, 0, 0, 1);
    W(12, UC_STF, 0, TT_A, 0, 2, 0, TT_F_CC, 0, 0);
    W(13, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_li = n;
    W(14, UC_STR, 0, TT_R1, TT_R2, 32, 0, TT_GR, 0, 0);
    W(14, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_stc = n;
    W(15, UC_LDR, TT_A, TT_R1, 0, 32, 0, TT_GR, 0, 0);
    W(15, UC_LDR, TT_B, TT_R2, 0, 32, 0, TT_GR, 0, 0);
    W(15, UC_ST, 0, TT_B, TT_A, 8, UC_F_STORE, 0, 0, 0);
    W(15, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_ic = n;
    W(16, UC_LDR, TT_B, TT_R2, 0, 32, 0, TT_GR, 0, 0);
    W(16, UC_LD, TT_A, TT_B, 0, 8, UC_F_FETCH, 0, 0, 0);
    W(16, UC_STR, 0, TT_R1, TT_A, 32, 0, TT_GR, 0, 0);
    W(16, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_balr = n;
    W(17, UC_LDF, TT_A, 0, 0, 24, 0, TT_F_IA, 0, 0);
    W(17, UC_LDR, TT_B, TT_R2, 0, 32, 0, TT_GR, 0, 0);
    W(17, UC_STR, 0, TT_R1, TT_A, 32, 0, TT_GR, 0, 0);
    W(17, UC_STF, 0, TT_B, 0, 24, 0, TT_F_IA, 0, 0);
    W(17, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_br = n;
    W(18, UC_LDR, TT_B, TT_R2, 0, 32, 0, TT_GR, 0, 0);
    W(18, UC_STF, 0, TT_B, 0, 24, 0, TT_F_IA, 0, 0);
    W(18, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    uint32_t e_invalid = n;
    W(19, UC_STOP, 0, 0, 0, 0, 0, 0, 0, TT_STOP_INVALID);
    W(19, UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
#undef W
    m->nwords = n;
    m->words = calloc(n, sizeof *m->words);
    memcpy(m->words, w, n * sizeof *w);
    m->debug = calloc(n, sizeof *m->debug);
    for (uint32_t i = 0; i < n; i++)
        m->debug[i] = (UcDebugLine){ 0, line[i], 3, -1 };
    m->nfiles = 1;
    m->files = calloc(1, sizeof *m->files);
    m->files[0].name = tt_dup("tests/tiny.isa");
    m->files[0].text = tt_dup(tt_source);
    m->fetch_entry = 0;

    static const TtInsn insns[] = { { "HALT", 0x00 }, { "AR", 0x1A }, { "LI", 0x41 }, { "STC", 0x42 },
                                    { "IC", 0x43 }, { "BALR", 0x05 }, { "BR", 0x07 } };
    uint32_t entries[] = { e_halt, e_ar, e_li, e_stc, e_ic, e_balr, e_br };
    uint32_t ends[] = { e_ar, e_li, e_stc, e_ic, e_balr, e_br, e_invalid };
    const unsigned ni = sizeof insns / sizeof insns[0];
    m->ninsns = ni;
    m->insns = calloc(ni, sizeof *m->insns);
    m->ncands = ni;
    m->cands = calloc(ni, sizeof *m->cands);
    m->dispatch.key_bits = 8;
    m->dispatch.first = malloc(256 * sizeof(int32_t));
    for (int i = 0; i < 256; i++)
        m->dispatch.first[i] = -1;
    m->dispatch.invalid_entry = e_invalid;
    m->nroutines = ni + 2;
    m->routines = calloc(ni + 2, sizeof *m->routines);
    m->routines[0] = (UcRoutine){ tt_dup("fetch"), 0, e_halt };
    m->routines[ni + 1] = (UcRoutine){ tt_dup("invalid"), e_invalid, n };
    for (unsigned i = 0; i < ni; i++) {
        m->insns[i].mnemonic = tt_dup(insns[i].mn);
        m->insns[i].format = 0;
        m->insns[i].syntax = tt_dup(insns[i].mn);
        m->insns[i].entry = entries[i];
        m->insns[i].line = 8;
        m->cands[i] = (UcCandidate){ 0, 0, (int32_t)i, 0, entries[i], -1 };
        m->dispatch.first[insns[i].op] = (int32_t)i;
        m->routines[i + 1] = (UcRoutine){ tt_dup(insns[i].mn), entries[i], ends[i] };
    }
    static const char *const unames[][2] = { { "1", "ia" }, { "2", "insn" }, { "3", "op" }, { "4", "a" },
                                             { "5", "b" }, { "6", "c" }, { "11", "r1" }, { "12", "r2" } };
    for (size_t i = 0; i < sizeof unames / sizeof unames[0]; i++)
        m->ureg_names[atoi(unames[i][0])] = tt_dup(unames[i][1]);
    return m;
}

/* The test program at 0x100, and a subroutine at 0x120. */
static const uint8_t tt_program[] = {
    0x41, 0x15,   /* 100 LI   1,5 */
    0x41, 0x23,   /* 102 LI   2,3 */
    0x1A, 0x12,   /* 104 AR   1,2      GR1 = 8, CC 2 */
    0x42, 0x13,   /* 106 STC  1,3      M[GR3] = 08 */
    0x43, 0x03,   /* 108 IC   0,3      GR0 = 08 */
    0x05, 0xE4,   /* 10A BALR 14,4     call GR4 */
    0x00, 0x00,   /* 10C HALT */
};
static const uint8_t tt_sub[] = {
    0x1A, 0x11,   /* 120 AR   1,1 */
    0x07, 0x0E,   /* 122 BR   14 */
};

#endif
