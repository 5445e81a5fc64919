/* test_s360_coverage.c — every instruction of System/360 (Principles of
 * Operation A22-6821, Appendix "Instruction Use": the standard, decimal,
 * floating-point and privileged instructions) must be in
 * isa/machines/s360.isa under its mnemonic with its operation code, its
 * length must follow from opcode bits 0-1, and the disassembler must name
 * it back from its bytes (assembly of the disassembled text is covered for
 * every encoding by test_asm_roundtrip). One row per instruction.
 */
#include "s360_harness.h"
#include "assembler/asm.h"

static const struct { const char *mn; unsigned op; } S360_OPS[] = {
    /* RR */
    { "SPM", 0x04 }, { "BALR", 0x05 }, { "BCTR", 0x06 }, { "BCR", 0x07 }, { "SSK", 0x08 },
    { "ISK", 0x09 }, { "SVC", 0x0A }, { "LPR", 0x10 }, { "LNR", 0x11 }, { "LTR", 0x12 },
    { "LCR", 0x13 }, { "NR", 0x14 }, { "CLR", 0x15 }, { "OR", 0x16 }, { "XR", 0x17 },
    { "LR", 0x18 }, { "CR", 0x19 }, { "AR", 0x1A }, { "SR", 0x1B }, { "MR", 0x1C },
    { "DR", 0x1D }, { "ALR", 0x1E }, { "SLR", 0x1F }, { "LPDR", 0x20 }, { "LNDR", 0x21 },
    { "LTDR", 0x22 }, { "LCDR", 0x23 }, { "HDR", 0x24 }, { "LDR", 0x28 }, { "CDR", 0x29 },
    { "ADR", 0x2A }, { "SDR", 0x2B }, { "MDR", 0x2C }, { "DDR", 0x2D }, { "AWR", 0x2E },
    { "SWR", 0x2F }, { "LPER", 0x30 }, { "LNER", 0x31 }, { "LTER", 0x32 }, { "LCER", 0x33 },
    { "HER", 0x34 }, { "LER", 0x38 }, { "CER", 0x39 }, { "AER", 0x3A }, { "SER", 0x3B },
    { "MER", 0x3C }, { "DER", 0x3D }, { "AUR", 0x3E }, { "SUR", 0x3F },
    /* RX */
    { "STH", 0x40 }, { "LA", 0x41 }, { "STC", 0x42 }, { "IC", 0x43 }, { "EX", 0x44 },
    { "BAL", 0x45 }, { "BCT", 0x46 }, { "BC", 0x47 }, { "LH", 0x48 }, { "CH", 0x49 },
    { "AH", 0x4A }, { "SH", 0x4B }, { "MH", 0x4C }, { "CVD", 0x4E }, { "CVB", 0x4F },
    { "ST", 0x50 }, { "N", 0x54 }, { "CL", 0x55 }, { "O", 0x56 }, { "X", 0x57 },
    { "L", 0x58 }, { "C", 0x59 }, { "A", 0x5A }, { "S", 0x5B }, { "M", 0x5C },
    { "D", 0x5D }, { "AL", 0x5E }, { "SL", 0x5F }, { "STD", 0x60 }, { "LD", 0x68 },
    { "CD", 0x69 }, { "AD", 0x6A }, { "SD", 0x6B }, { "MD", 0x6C }, { "DD", 0x6D },
    { "AW", 0x6E }, { "SW", 0x6F }, { "STE", 0x70 }, { "LE", 0x78 }, { "CE", 0x79 },
    { "AE", 0x7A }, { "SE", 0x7B }, { "ME", 0x7C }, { "DE", 0x7D }, { "AU", 0x7E },
    { "SU", 0x7F },
    /* RS, SI */
    { "SSM", 0x80 }, { "LPSW", 0x82 }, { "DIAGNOSE", 0x83 }, { "WRD", 0x84 }, { "RDD", 0x85 },
    { "BXH", 0x86 }, { "BXLE", 0x87 }, { "SRL", 0x88 }, { "SLL", 0x89 }, { "SRA", 0x8A },
    { "SLA", 0x8B }, { "SRDL", 0x8C }, { "SLDL", 0x8D }, { "SRDA", 0x8E }, { "SLDA", 0x8F },
    { "STM", 0x90 }, { "TM", 0x91 }, { "MVI", 0x92 }, { "TS", 0x93 }, { "NI", 0x94 },
    { "CLI", 0x95 }, { "OI", 0x96 }, { "XI", 0x97 }, { "LM", 0x98 }, { "SIO", 0x9C },
    { "TIO", 0x9D }, { "HIO", 0x9E }, { "TCH", 0x9F },
    /* SS */
    { "MVN", 0xD1 }, { "MVC", 0xD2 }, { "MVZ", 0xD3 }, { "NC", 0xD4 }, { "CLC", 0xD5 },
    { "OC", 0xD6 }, { "XC", 0xD7 }, { "TR", 0xDC }, { "TRT", 0xDD }, { "ED", 0xDE },
    { "EDMK", 0xDF }, { "MVO", 0xF1 }, { "PACK", 0xF2 }, { "UNPK", 0xF3 }, { "ZAP", 0xF8 },
    { "CP", 0xF9 }, { "AP", 0xFA }, { "SP", 0xFB }, { "MP", 0xFC }, { "DP", 0xFD },
};

static void t_every_opcode(void **state)
{
    (void)state;
    const UcMachine *m = s360_machine;
    unsigned missing = 0;
    for (size_t i = 0; i < sizeof S360_OPS / sizeof S360_OPS[0]; i++) {
        int k = uc_machine_find_insn(m, S360_OPS[i].mn);
        if (k < 0) {
            fprintf(stderr, "missing from the description: %s (X'%02X')\n", S360_OPS[i].mn, S360_OPS[i].op);
            missing++;
            continue;
        }
        const UcInsn *in = &m->insns[k];
        const UcFormat *f = &m->formats[in->format];
        unsigned op = (unsigned)(in->fixed_match >> (f->width - 8)) & 0xFF;
        if (op != S360_OPS[i].op)
            fail_msg("%s has op X'%02X', A22-6821 gives X'%02X'", S360_OPS[i].mn, op, S360_OPS[i].op);
        unsigned k2 = S360_OPS[i].op >> 6;
        unsigned want = k2 == 0 ? 16 : k2 == 3 ? 48 : 32;
        if (f->width != want)
            fail_msg("%s is %u bits long, its opcode says %u", S360_OPS[i].mn, f->width, want);
    }
    assert_int_equal(missing, 0);
}

/* Bytes: the opcode, then 0x22 and zeros; the disassembler must name the
   instruction (BC and BCR print their extended mnemonic for mask 2). */
static void t_disassembler_names(void **state)
{
    (void)state;
    const UcMachine *m = s360_machine;
    for (size_t i = 0; i < sizeof S360_OPS / sizeof S360_OPS[0]; i++) {
        if (uc_machine_find_insn(m, S360_OPS[i].mn) < 0)
            continue;
        uint8_t b[6] = { (uint8_t)S360_OPS[i].op, 0x22, 0, 0x10, 0, 0x20 };
        char text[128];
        unsigned n = asm_disassemble(m, b, sizeof b, 0x1000, text, sizeof text);
        unsigned k2 = S360_OPS[i].op >> 6;
        assert_int_equal(n, k2 == 0 ? 2 : k2 == 3 ? 6 : 4);
        char mn[32];
        size_t j = 0;
        while (text[j] && text[j] != ' ' && j < sizeof mn - 1) {
            mn[j] = text[j];
            j++;
        }
        mn[j] = 0;
        const char *want = S360_OPS[i].op == 0x47 ? "BH" : S360_OPS[i].op == 0x07 ? "BHR" : S360_OPS[i].mn;
        if (strcmp(mn, want) != 0)
            fail_msg("X'%02X': disassembled as '%s', want %s", S360_OPS[i].op, text, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_every_opcode),
        cmocka_unit_test(t_disassembler_names),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
