/* test_asm_machine.h — a small System/360-like UcMachine built by hand for
 * the assembler tests: RR, RX, RS, SI and both SS formats, the usual modes
 * (R, M4, I8 in hex, BD, BXD, BDL and BDL4 with HLASM's implicit addresses)
 * and a few extended mnemonics. Field layout as in the Principles of
 * Operation (A22-6821, "Instruction formats"), positions lsb0.
 */
#ifndef TEST_ASM_MACHINE_H
#define TEST_ASM_MACHINE_H

#include <string.h>
#include "microcode/uc_machine.h"

enum { TF_RR, TF_RX, TF_RS, TF_SI, TF_SS1, TF_SS2, TF_I, TF_N };
enum { TM_R, TM_M4, TM_I8, TM_BD, TM_BXD, TM_BDL, TM_BDL4, TM_SVC, TM_N };

static UcFormat tm_formats[TF_N] = {
    [TF_RR]  = { "RR", 16, 2, 3, { { "op", 8, 8, 0, 0 }, { "r1", 4, 4, 0, 0 }, { "r2", 0, 4, 0, 0 } } },
    [TF_RX]  = { "RX", 32, 4, 5, { { "op", 24, 8, 0, 0 }, { "r1", 20, 4, 0, 0 }, { "x2", 16, 4, 0, 0 },
                                   { "b2", 12, 4, 0, 0 }, { "d2", 0, 12, 0, 0 } } },
    [TF_RS]  = { "RS", 32, 4, 5, { { "op", 24, 8, 0, 0 }, { "r1", 20, 4, 0, 0 }, { "r3", 16, 4, 0, 0 },
                                   { "b2", 12, 4, 0, 0 }, { "d2", 0, 12, 0, 0 } } },
    [TF_SI]  = { "SI", 32, 4, 4, { { "op", 24, 8, 0, 0 }, { "i2", 16, 8, 0, 0 }, { "b1", 12, 4, 0, 0 },
                                   { "d1", 0, 12, 0, 0 } } },
    [TF_SS1] = { "SS1", 48, 6, 6, { { "op", 40, 8, 0, 0 }, { "l", 32, 8, 0, 0 }, { "b1", 28, 4, 0, 0 },
                                    { "d1", 16, 12, 0, 0 }, { "b2", 12, 4, 0, 0 }, { "d2", 0, 12, 0, 0 } } },
    [TF_SS2] = { "SS2", 48, 6, 7, { { "op", 40, 8, 0, 0 }, { "l1", 36, 4, 0, 0 }, { "l2", 32, 4, 0, 0 },
                                    { "b1", 28, 4, 0, 0 }, { "d1", 16, 12, 0, 0 }, { "b2", 12, 4, 0, 0 },
                                    { "d2", 0, 12, 0, 0 } } },
    [TF_I]   = { "I", 16, 2, 2, { { "op", 8, 8, 0, 0 }, { "i", 0, 8, 0, 0 } } },
};

static UcModeForm tm_f_r[] = { { "{r}", 0, { { 0, 0 } } } };
static UcModeForm tm_f_m[] = { { "{m}", 0, { { 0, 0 } } } };
static UcModeForm tm_f_i8[] = { { "{i:x}", 0, { { 0, 0 } } } };
static UcModeForm tm_f_svc[] = { { "{i}", 0, { { 0, 0 } } } };
static UcModeForm tm_f_bd[] = { { "{d}({b})", 0, { { 0, 0 } } }, { "{d}", 1, { { 0, 0 } } } };
/* BXD params: x=0 b=1 d=2 */
static UcModeForm tm_f_bxd[] = { { "{d}({x},{b})", 0, { { 0, 0 } } },
                                 { "{d}(,{b})", 1, { { 0, 0 } } },
                                 { "{d}", 2, { { 0, 0 }, { 1, 0 } } } };
static UcModeForm tm_f_bdl[] = { { "{d}({l+1},{b})", 0, { { 0, 0 } } } };

static UcMode tm_modes[TM_N] = {
    [TM_R]   = { "R", UC_MODE_PLAIN, 1, { { "r", 4, 0, 0 } }, -1, -1, -1, -1, 1, tm_f_r },
    [TM_M4]  = { "M4", UC_MODE_PLAIN, 1, { { "m", 4, 0, 0 } }, -1, -1, -1, -1, 1, tm_f_m },
    [TM_I8]  = { "I8", UC_MODE_PLAIN, 1, { { "i", 8, 0, 0 } }, -1, -1, -1, -1, 1, tm_f_i8 },
    [TM_BD]  = { "BD", UC_MODE_ADDRESS, 2, { { "b", 4, 0, 0 }, { "d", 12, 0, 0 } }, 1, 0, -1, -1, 2, tm_f_bd },
    [TM_BXD] = { "BXD", UC_MODE_ADDRESS, 3, { { "x", 4, 0, 0 }, { "b", 4, 0, 0 }, { "d", 12, 0, 0 } },
                 2, 1, 0, -1, 3, tm_f_bxd },
    [TM_BDL] = { "BDL", UC_MODE_ADDRESS, 3, { { "b", 4, 0, 0 }, { "d", 12, 0, 0 }, { "l", 8, 0, -1 } },
                 1, 0, -1, 2, 1, tm_f_bdl },
    [TM_BDL4] = { "BDL4", UC_MODE_ADDRESS, 3, { { "b", 4, 0, 0 }, { "d", 12, 0, 0 }, { "l", 4, 0, -1 } },
                  1, 0, -1, 2, 1, tm_f_bdl },
    [TM_SVC] = { "SVCI", UC_MODE_PLAIN, 1, { { "i", 8, 0, 0 } }, -1, -1, -1, -1, 1, tm_f_svc },
};

/* the two BD conditions point at b (param 0) */
static void tm_fix_conds(void)
{
    tm_f_bd[1].cond[0].param = 0;
    tm_f_bxd[1].cond[0].param = 0;
    tm_f_bxd[2].cond[0].param = 0;
    tm_f_bxd[2].cond[1].param = 1;
}

#define OPR(mode, f0, f1, f2) { mode, 0, { f0, f1, f2, 0 } }
#define RR(mn, op)  { mn, TF_RR, 0, 0xFF00, (uint64_t)(op) << 8, 2, { OPR(TM_R, 1, 0, 0), OPR(TM_R, 2, 0, 0) }, NULL, 0, 0, 0 }
#define RX(mn, op)  { mn, TF_RX, 0, 0xFF000000, (uint64_t)(op) << 24, 2, \
                      { OPR(TM_R, 1, 0, 0), OPR(TM_BXD, 2, 3, 4) }, NULL, 0, 0, 0 }
#define SS1(mn, op) { mn, TF_SS1, 0, 0xFF0000000000ull, (uint64_t)(op) << 40, 2, \
                      { OPR(TM_BDL, 2, 3, 1), OPR(TM_BD, 4, 5, 0) }, NULL, 0, 0, 0 }
#define SS2(mn, op) { mn, TF_SS2, 0, 0xFF0000000000ull, (uint64_t)(op) << 40, 2, \
                      { OPR(TM_BDL4, 3, 4, 1), OPR(TM_BDL4, 5, 6, 2) }, NULL, 0, 0, 0 }
#define SI(mn, op)  { mn, TF_SI, 0, 0xFF000000, (uint64_t)(op) << 24, 2, \
                      { OPR(TM_BD, 2, 3, 0), OPR(TM_I8, 1, 0, 0) }, NULL, 0, 0, 0 }

static UcInsn tm_insns[] = {
    RR("LR", 0x18), RR("AR", 0x1A), RR("BALR", 0x05),
    { "BCR", TF_RR, 0, 0xFF00, 0x0700, 2, { OPR(TM_M4, 1, 0, 0), OPR(TM_R, 2, 0, 0) }, NULL, 0, 0, 0 },
    { "SVC", TF_I, 0, 0xFF00, 0x0A00, 1, { OPR(TM_SVC, 1, 0, 0) }, NULL, 0, 0, 0 },
    RX("L", 0x58), RX("A", 0x5A), RX("ST", 0x50), RX("LA", 0x41), RX("IC", 0x43),
    { "BC", TF_RX, 0, 0xFF000000, 0x47000000, 2, { OPR(TM_M4, 1, 0, 0), OPR(TM_BXD, 2, 3, 4) }, NULL, 0, 0, 0 },
    { "LM", TF_RS, 0, 0xFF000000, 0x98000000, 3,
      { OPR(TM_R, 1, 0, 0), OPR(TM_R, 2, 0, 0), OPR(TM_BD, 3, 4, 0) }, NULL, 0, 0, 0 },
    { "STM", TF_RS, 0, 0xFF000000, 0x90000000, 3,
      { OPR(TM_R, 1, 0, 0), OPR(TM_R, 2, 0, 0), OPR(TM_BD, 3, 4, 0) }, NULL, 0, 0, 0 },
    { "SRL", TF_RS, 0, 0xFF0F0000, 0x88000000, 2, { OPR(TM_R, 1, 0, 0), OPR(TM_BD, 3, 4, 0) }, NULL, 0, 0, 0 },
    SI("MVI", 0x92), SI("CLI", 0x95),
    SS1("MVC", 0xD2), SS1("CLC", 0xD5),
    SS2("AP", 0xFA), SS2("PACK", 0xF2),
    RX("XD", 0xE8),                                   /* two instructions, one mnemonic */
    { "XD", TF_RR, 0, 0xFFFF, 0x0E00, 0, { OPR(0, 0, 0, 0) }, NULL, 0, 0, 0 },
};

static UcAlias tm_aliases[] = {
    { "B", 10, 1, { { 1, 15 } }, 1 },
    { "NOP", 10, 1, { { 1, 0 } }, 1 },
    { "BE", 10, 1, { { 1, 8 } }, 1 },
    { "BZ", 10, 1, { { 1, 8 } }, 0 },
    { "BNE", 10, 1, { { 1, 7 } }, 1 },
    { "BR", 3, 1, { { 1, 15 } }, 1 },
    { "NOPR", 3, 1, { { 1, 0 } }, 1 },
};

static UcSpace tm_space = { .name = "M", .unit_bits = 8, .unit_bytes = 1 };
static int32_t tm_first[256];
static UcCandidate tm_cands[sizeof tm_insns / sizeof tm_insns[0]];
static UcMachine tm_machine;

/* with_dispatch: fill the dispatch table (else the disassembler scans). */
static UcMachine *asm_test_machine(int with_dispatch)
{
    tm_fix_conds();
    memset(&tm_machine, 0, sizeof tm_machine);
    UcMachine *m = &tm_machine;
    m->name = "t360";
    m->charset = "ebcdic";
    m->addr_bits = 24;
    m->nspaces = 1;
    m->spaces = &tm_space;
    m->nformats = TF_N;
    m->formats = tm_formats;
    m->nmodes = TM_N;
    m->modes = tm_modes;
    m->ninsns = sizeof tm_insns / sizeof tm_insns[0];
    m->insns = tm_insns;
    m->naliases = sizeof tm_aliases / sizeof tm_aliases[0];
    m->aliases = tm_aliases;
    m->decode.rule = UC_LEN_BY_KEY;
    m->decode.key_units = 1;
    m->decode.key_shift = 0;
    m->decode.key_len = 8;
    if (with_dispatch) {
        for (int k = 0; k < 256; k++)
            tm_first[k] = -1;
        for (uint32_t i = m->ninsns; i-- > 0;) {
            const UcInsn *in = &tm_insns[i];
            unsigned w = tm_formats[in->format].width;
            unsigned key = (unsigned)(in->fixed_match >> (w - 8)) & 0xFF;
            tm_cands[i] = (UcCandidate){ in->fixed_mask, in->fixed_match, (int32_t)i, in->format, 0, tm_first[key] };
            tm_first[key] = (int32_t)i;
        }
        m->dispatch.key_bits = 8;
        m->dispatch.first = tm_first;
        m->ncands = m->ninsns;
        m->cands = tm_cands;
    }
    return m;
}

#endif
