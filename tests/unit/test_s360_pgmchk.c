/* test_s360_pgmchk.c — program-check coverage of isa/machines/s360.isa: a
 * case for every exception each System/360 instruction can raise, from the
 * "Program Interruptions" (A22-6821-0: "Program Exceptions") list of each
 * instruction in IBM System/360 Principles of Operation A22-6821 and its
 * "Program Interruption" section (codes, instruction-length code, and
 * whether the operation is suppressed, terminated or completed).
 *
 * Three tables drive it:
 *   INSNS  one row per instruction: the exceptions A22-6821 lists for it (as
 *          letters, see EXC below) and the shape of its operands, from which
 *          the access cases are generated: addressing (each operand at or
 *          straddling the end of storage), protection (store protection on
 *          each stored operand, fetch protection on each fetched one, and a
 *          fetched operand under store protection only must pass),
 *          specification (each misalignment of an aligned operand, the odd
 *          register of a pair, floating-point registers other than 0 2 4 6),
 *          and the privileged operation in the problem state;
 *   CASES  one row per data-dependent case (data, overflow, divide,
 *          floating-point and the length rules), with the register and
 *          storage settings before and the changes expected after;
 *   the operation exception for every operation code the description leaves
 *          unassigned.
 * Every case runs twice, alone and as the subject of EXECUTE (then with
 * the ILC and address of the EX). Every case checks the interruption code,
 * the ILC and the old PSW's instruction address (and CC, masks, key), and
 * the whole state afterwards:
 * registers, floating-point registers and storage from X'1800' to the end
 * must be as before except for the changes the row names — so a suppressed
 * or terminated operation (all-or-nothing: nothing is stored) and a
 * completed one (the result named) are both checked exactly. Masked cases
 * (a program-mask bit zero) must complete with no interruption.
 *
 * t_coverage fails when an instruction of the description has no INSNS row,
 * when an exception listed for it has no case, or when its microcode can
 * raise an exception (storage access, alignment, a constant program
 * interruption code, the privileged attribute) that its row does not list.
 */
#include <ctype.h>
#include "s360_harness.h"

/* Exception letters and their program interruption codes. */
static const struct { char c; unsigned code; const char *name; } EXC[] = {
    { 'O', 0x01, "operation" },        { 'M', 0x02, "privileged operation" },
    { 'E', 0x03, "execute" },          { 'P', 0x04, "protection" },
    { 'A', 0x05, "addressing" },       { 'S', 0x06, "specification" },
    { 'D', 0x07, "data" },             { 'F', 0x08, "fixed-point overflow" },
    { 'K', 0x09, "fixed-point divide" }, { 'V', 0x0A, "decimal overflow" },
    { 'Z', 0x0B, "decimal divide" },   { 'X', 0x0C, "exponent overflow" },
    { 'U', 0x0D, "exponent underflow" }, { 'G', 0x0E, "significance" },
    { 'Q', 0x0F, "floating-point divide" },
};

static unsigned exc_code(char c)
{
    for (size_t i = 0; i < sizeof EXC / sizeof EXC[0]; i++)
        if (EXC[i].c == c)
            return EXC[i].code;
    return 0;
}

static char code_exc(unsigned code)
{
    for (size_t i = 0; i < sizeof EXC / sizeof EXC[0]; i++)
        if (EXC[i].code == code)
            return EXC[i].c;
    return '?';
}

/* Operand shapes (for the generated access cases):
     rr               no storage operand
     rx f4 / s4 ...   the RX second operand fetched (f) or stored (s), n
                      bytes, aligned when "a" follows (f4a)
     rs f4m / s4m     LM/STM: R2..R5, 16 bytes, word aligned
     si f1 / s1 / u1  the SI first operand fetched, stored or updated;
                      f8a: LPSW
     ss X Y / ss2 X Y SS (one length / two lengths) operands: u updated,
                      f fetched, t a translate table (fetched at the
                      argument bytes)
     ex               the EX subject instruction (instruction fetch)
     nostore          no generated access cases (a row of CASES covers them)
   then "pair" (R1 names an even-odd pair), "fr" (R1, and R2 of RR, are
   floating-point registers). fill1/fill2: operand contents that make the
   access happen (ED's digit selectors, TR's argument bytes). */
typedef struct InsnRow {
    const char *mn;
    const char *exc;            /* A22-6821's program exceptions for it */
    const char *shape;
    const char *fill1, *fill2;
} InsnRow;

static const InsnRow INSNS[] = {
    /* RR */
    { "SPM", "", "rr", 0, 0 },          { "BALR", "", "rr", 0, 0 },
    { "BCTR", "", "rr", 0, 0 },         { "BCR", "", "rr", 0, 0 },
    { "SSK", "MAS", "rr", 0, 0 },       { "ISK", "MAS", "rr", 0, 0 },
    { "SVC", "", "rr", 0, 0 },          { "LPR", "F", "rr", 0, 0 },
    { "LNR", "", "rr", 0, 0 },          { "LTR", "", "rr", 0, 0 },
    { "LCR", "F", "rr", 0, 0 },         { "NR", "", "rr", 0, 0 },
    { "CLR", "", "rr", 0, 0 },          { "OR", "", "rr", 0, 0 },
    { "XR", "", "rr", 0, 0 },           { "LR", "", "rr", 0, 0 },
    { "CR", "", "rr", 0, 0 },           { "AR", "F", "rr", 0, 0 },
    { "SR", "F", "rr", 0, 0 },          { "MR", "S", "rr pair", 0, 0 },
    { "DR", "SK", "rr pair", 0, 0 },    { "ALR", "", "rr", 0, 0 },
    { "SLR", "", "rr", 0, 0 },
    { "LPDR", "S", "rr fr", 0, 0 },     { "LNDR", "S", "rr fr", 0, 0 },
    { "LTDR", "S", "rr fr", 0, 0 },     { "LCDR", "S", "rr fr", 0, 0 },
    { "HDR", "S", "rr fr", 0, 0 },      { "LDR", "S", "rr fr", 0, 0 },
    { "CDR", "S", "rr fr", 0, 0 },      { "ADR", "SXUG", "rr fr", 0, 0 },
    { "SDR", "SXUG", "rr fr", 0, 0 },   { "MDR", "SXU", "rr fr", 0, 0 },
    { "DDR", "SXUQ", "rr fr", 0, 0 },   { "AWR", "SXG", "rr fr", 0, 0 },
    { "SWR", "SXG", "rr fr", 0, 0 },
    { "LPER", "S", "rr fr", 0, 0 },     { "LNER", "S", "rr fr", 0, 0 },
    { "LTER", "S", "rr fr", 0, 0 },     { "LCER", "S", "rr fr", 0, 0 },
    { "HER", "S", "rr fr", 0, 0 },      { "LER", "S", "rr fr", 0, 0 },
    { "CER", "S", "rr fr", 0, 0 },      { "AER", "SXUG", "rr fr", 0, 0 },
    { "SER", "SXUG", "rr fr", 0, 0 },   { "MER", "SXU", "rr fr", 0, 0 },
    { "DER", "SXUQ", "rr fr", 0, 0 },   { "AUR", "SXG", "rr fr", 0, 0 },
    { "SUR", "SXG", "rr fr", 0, 0 },
    /* RX */
    { "STH", "APS", "rx s2a", 0, 0 },   { "LA", "", "rx", 0, 0 },
    { "STC", "AP", "rx s1", 0, 0 },     { "IC", "AP", "rx f1", 0, 0 },
    { "EX", "APSE", "ex", 0, "0700" },  { "BAL", "", "rx", 0, 0 },
    { "BCT", "", "rx", 0, 0 },          { "BC", "", "rx", 0, 0 },
    { "LH", "APS", "rx f2a", 0, 0 },    { "CH", "APS", "rx f2a", 0, 0 },
    { "AH", "APSF", "rx f2a", 0, 0 },   { "SH", "APSF", "rx f2a", 0, 0 },
    { "MH", "APS", "rx f2a", 0, 0 },    { "CVD", "APS", "rx s8a", 0, 0 },
    { "CVB", "APSDK", "rx f8a", 0, "000000000000012C" },
    { "ST", "APS", "rx s4a", 0, 0 },    { "N", "APS", "rx f4a", 0, 0 },
    { "CL", "APS", "rx f4a", 0, 0 },    { "O", "APS", "rx f4a", 0, 0 },
    { "X", "APS", "rx f4a", 0, 0 },     { "L", "APS", "rx f4a", 0, 0 },
    { "C", "APS", "rx f4a", 0, 0 },     { "A", "APSF", "rx f4a", 0, 0 },
    { "S", "APSF", "rx f4a", 0, 0 },    { "M", "APS", "rx f4a pair", 0, 0 },
    { "D", "APSK", "rx f4a pair", 0, "00000010" },
    { "AL", "APS", "rx f4a", 0, 0 },    { "SL", "APS", "rx f4a", 0, 0 },
    { "STD", "APS", "rx s8a fr", 0, 0 }, { "LD", "APS", "rx f8a fr", 0, 0 },
    { "CD", "APS", "rx f8a fr", 0, 0 }, { "AD", "APSXUG", "rx f8a fr", 0, 0 },
    { "SD", "APSXUG", "rx f8a fr", 0, 0 }, { "MD", "APSXU", "rx f8a fr", 0, 0 },
    { "DD", "APSXUQ", "rx f8a fr", 0, "4110000000000000" },
    { "AW", "APSXG", "rx f8a fr", 0, 0 }, { "SW", "APSXG", "rx f8a fr", 0, 0 },
    { "STE", "APS", "rx s4a fr", 0, 0 }, { "LE", "APS", "rx f4a fr", 0, 0 },
    { "CE", "APS", "rx f4a fr", 0, 0 }, { "AE", "APSXUG", "rx f4a fr", 0, 0 },
    { "SE", "APSXUG", "rx f4a fr", 0, 0 }, { "ME", "APSXU", "rx f4a fr", 0, 0 },
    { "DE", "APSXUQ", "rx f4a fr", 0, "41100000" },
    { "AU", "APSXG", "rx f4a fr", 0, 0 }, { "SU", "APSXG", "rx f4a fr", 0, 0 },
    /* RS, SI */
    { "SSM", "MAP", "si f1", 0, 0 },    { "LPSW", "MAPS", "si f8a", 0, 0 },
    { "DIAGNOSE", "M", "si", 0, 0 },    { "WRD", "MAP", "si f1", 0, 0 },
    { "RDD", "MAP", "si s1", 0, 0 },    { "BXH", "", "rs", 0, 0 },
    { "BXLE", "", "rs", 0, 0 },         { "SRL", "", "rs", 0, 0 },
    { "SLL", "", "rs", 0, 0 },          { "SRA", "", "rs", 0, 0 },
    { "SLA", "F", "rs", 0, 0 },         { "SRDL", "S", "rs pair", 0, 0 },
    { "SLDL", "S", "rs pair", 0, 0 },   { "SRDA", "S", "rs pair", 0, 0 },
    { "SLDA", "SF", "rs pair", 0, 0 },  { "STM", "APS", "rs s4m", 0, 0 },
    { "TM", "AP", "si f1", 0, 0 },      { "MVI", "AP", "si s1", 0, 0 },
    { "TS", "AP", "si u1", 0, 0 },      { "NI", "AP", "si u1", 0, 0 },
    { "CLI", "AP", "si f1", 0, 0 },     { "OI", "AP", "si u1", 0, 0 },
    { "XI", "AP", "si u1", 0, 0 },      { "LM", "APS", "rs f4m", 0, 0 },
    { "SIO", "M", "si", 0, 0 },         { "TIO", "M", "si", 0, 0 },
    { "HIO", "M", "si", 0, 0 },         { "TCH", "M", "si", 0, 0 },
    /* SS */
    { "MVN", "AP", "ss u f", 0, 0 },    { "MVC", "AP", "ss u f", 0, 0 },
    { "MVZ", "AP", "ss u f", 0, 0 },    { "NC", "AP", "ss u f", 0, 0 },
    { "CLC", "AP", "ss f f", 0, 0 },    { "OC", "AP", "ss u f", 0, 0 },
    { "XC", "AP", "ss u f", 0, 0 },
    { "TR", "AP", "ss u t", "FFFFFFFFFFFFFFFF", 0 },
    { "TRT", "AP", "ss f t", "FFFFFFFFFFFFFFFF", 0 },
    { "ED", "APD", "ss u f", "4020202020202020", "12345678" },
    { "EDMK", "APD", "ss u f", "4020202020202020", "12345678" },
    { "MVO", "AP", "ss2 u f", 0, 0 },   { "PACK", "AP", "ss2 u f", 0, 0 },
    { "UNPK", "AP", "ss2 u f", 0, 0 },
    { "ZAP", "APDV", "ss2 u f", "000000000000001C", "0000001C" },
    { "CP", "APD", "ss2 f f", "000000000000001C", "0000001C" },
    { "AP", "APDV", "ss2 u f", "000000000000001C", "0000001C" },
    { "SP", "APDV", "ss2 u f", "000000000000001C", "0000001C" },
    { "MP", "APSD", "ss2 u f", "000000000000001C", "0000001C" },
    { "DP", "APSDZ", "ss2 u f", "000000000000001C", "0000003C" },
};

/* Data-dependent cases. setup: Rn=hex, Fn=hex (n 0 2 4 6), M<addr>=bytes,
   PM= CC= KEY= (PSW), PROB=1, K<addr>=key of the block. after: the changes
   (Rn= Fn= M<addr>= CC=); everything else must be as before. */
enum { INT, NOINT };
typedef struct Case {
    const char *mn;
    char exc;
    int kind;                   /* INT: the interruption; NOINT: masked, completes */
    const char *hex;            /* the instruction at CODE */
    const char *setup, *after;
} Case;

#define B "R12=2000 R11=2800 "   /* operand bases: 0(12) = X'2000', 0(11) = X'2800' */

static const Case CASES[] = {
    /* fixed-point overflow: completed, CC 3, interruption under mask bit 36 */
    { "AR", 'F', INT, "1A23", "PM=8 R2=7FFFFFFF R3=1", "R2=80000000 CC=3" },
    { "AR", 'F', NOINT, "1A23", "R2=7FFFFFFF R3=1", "R2=80000000 CC=3" },
    { "SR", 'F', INT, "1B23", "PM=8 R2=80000000 R3=1", "R2=7FFFFFFF CC=3" },
    { "LPR", 'F', INT, "1023", "PM=8 R3=80000000", "R2=80000000 CC=3" },
    { "LCR", 'F', INT, "1323", "PM=8 R3=80000000", "R2=80000000 CC=3" },
    { "LCR", 'F', NOINT, "1323", "R3=80000000", "R2=80000000 CC=3" },
    { "A", 'F', INT, "5A20C000", B "PM=8 R2=7FFFFFFF M2000=00000001", "R2=80000000 CC=3" },
    { "S", 'F', INT, "5B20C000", B "PM=8 R2=80000000 M2000=00000001", "R2=7FFFFFFF CC=3" },
    { "AH", 'F', INT, "4A20C000", B "PM=8 R2=7FFFFFFF M2000=0001", "R2=80000000 CC=3" },
    { "SH", 'F', INT, "4B20C000", B "PM=8 R2=80000000 M2000=0001", "R2=7FFFFFFF CC=3" },
    { "SLA", 'F', INT, "8B200001", "PM=8 R2=40000001", "R2=00000002 CC=3" },
    { "SLA", 'F', NOINT, "8B200001", "R2=40000001", "R2=00000002 CC=3" },
    { "SLDA", 'F', INT, "8F200001", "PM=8 R2=40000000 R3=80000000", "R2=00000001 R3=0 CC=3" },
    /* fixed-point divide: suppressed (CVB: the low 32 bits are placed) */
    { "DR", 'K', INT, "1D24", "R2=0 R3=1 R4=0", "" },
    { "DR", 'K', INT, "1D24", "R2=1 R3=0 R4=1", "" },
    { "D", 'K', INT, "5D20C000", B "R2=0 R3=5 M2000=00000000", "" },
    { "D", 'K', INT, "5D20C000", B "R2=40000000 R3=0 M2000=00000002", "" },
    { "CVB", 'K', INT, "4F20C000", B "M2000=000009999999999C", "R2=540BE3FF" },
    { "CVB", 'K', INT, "4F20C000", B "M2000=000002147483649D", "R2=7FFFFFFF" },
    { "CVB", 'K', INT, "4F20C000", B "M2000=000002147483648C", "R2=80000000" },
    { "CVB", 'K', NOINT, "4F20C000", B "M2000=000002147483648D", "R2=80000000" },
    { "CVB", 'K', NOINT, "4F20C000", B "M2000=000002147483647F", "R2=7FFFFFFF" },
    /* data: invalid sign or digit codes, overlap, MP's multiplicand;
       nothing is stored */
    { "AP", 'D', INT, "FA33C000B000", B "M2000=00000012 M2800=0000001C", "" },
    { "AP", 'D', INT, "FA33C000B000", B "M2000=0000001C M2800=00A0001C", "" },
    { "AP", 'D', INT, "FA33C000C001", B "M2000=0000001C0000001C", "" },
    { "SP", 'D', INT, "FB33C000B000", B "M2000=0000001C M2800=00000019", "" },
    { "ZAP", 'D', INT, "F833C000B000", B "M2000=11111111 M2800=0B00001C", "" },
    { "ZAP", 'D', INT, "F833C000C001", B "M2000=0000001C0000001C", "" },
    { "CP", 'D', INT, "F933C000B000", B "M2000=0000001C M2800=00000001", "" },
    { "CP", 'D', NOINT, "F931C000C002", B "M2000=0000001C", "CC=0" },
    { "MP", 'D', INT, "FC31C000B000", B "M2000=0012345C M2800=002C", "" },
    { "MP", 'D', INT, "FC31C000B000", B "M2000=0000345C M2800=00F2", "" },
    { "DP", 'D', INT, "FD31C000B000", B "M2000=0000345C M2800=0B2C", "" },
    { "ED", 'D', INT, "DE03C000B000", B "M2000=40202020 M2800=1FA3", "" },
    { "ED", 'D', INT, "DE03C000B000", B "M2000=40202020 M2800=B1", "" },
    { "EDMK", 'D', INT, "DF03C000B000", B "R1=5 M2000=40202020 M2800=A23C", "" },
    { "CVB", 'D', INT, "4F20C000", B "R2=5 M2000=0000000000000127", "" },
    { "CVB", 'D', INT, "4F20C000", B "R2=5 M2000=00000000000001AC", "" },
    /* overlaps A22-6821 allows: no data exception (AP on itself: the
       rightmost bytes coincide; ZAP: the first operand's rightmost byte to
       the right of the second's) */
    { "AP", 'D', NOINT, "FA11C000C000", B "M2000=012C", "M2000=024C CC=2" },
    { "ZAP", 'D', NOINT, "F821C001C000", B "M2000=123C0000", "M2001=00123C CC=2" },
    { "ZAP", 'D', NOINT, "F822C000C000", B "M2000=00123D", "M2000=00123D CC=1" },
    { "SP", 'D', NOINT, "FB10C000C001", B "M2000=012C", "M2000=010C CC=2" },
    /* decimal overflow: completed, CC 3, under mask bit 37 */
    { "AP", 'V', INT, "FA00C000B000", B "PM=4 M2000=9C M2800=1C", "M2000=0C CC=3" },
    { "AP", 'V', NOINT, "FA00C000B000", B "M2000=9C M2800=1C", "M2000=0C CC=3" },
    { "SP", 'V', INT, "FB00C000B000", B "PM=4 M2000=9D M2800=1C", "M2000=0D CC=3" },
    { "ZAP", 'V', INT, "F801C000B000", B "PM=4 M2000=5C M2800=010C", "M2000=0C CC=3" },
    { "ZAP", 'V', NOINT, "F801C000B000", B "M2000=5C M2800=010C", "M2000=0C CC=3" },
    /* decimal divide: suppressed */
    { "DP", 'Z', INT, "FD31C000B000", B "M2000=0000345C M2800=000C", "" },
    { "DP", 'Z', INT, "FD31C000B000", B "M2000=0012345C M2800=001C", "" },
    /* MP, DP: L2 above 7 or not below L1 */
    { "MP", 'S', INT, "FCF8C000B000", B "", "" },
    { "MP", 'S', INT, "FC33C000B000", B "M2000=0000001C M2800=0000001C", "" },
    { "DP", 'S', INT, "FDF8C000B000", B "", "" },
    { "DP", 'S', INT, "FD34C000B000", B "", "" },
    /* SSK, ISK: R2 bits 28-31; a block beyond the storage */
    { "SSK", 'S', INT, "0824", "R4=00002808", "" },
    { "ISK", 'S', INT, "0924", "R2=12345678 R4=00002801", "" },
    { "SSK", 'A', INT, "0824", "R2=50 R4=00010000", "" },
    { "ISK", 'A', INT, "0924", "R2=12345678 R4=00FFF800", "" },
    /* execute: EX of EX */
    { "EX", 'E', INT, "4400C000", B "M2000=4400C000", "" },
    { "EX", 'E', INT, "4410C000", B "R1=FF M2000=44000000", "" },
    /* exponent overflow: completed with the characteristic 128 less, CC 3 */
    { "AER", 'X', INT, "3A24", "F2=7F80000011111111 F4=7F80000022222222", "F2=0010000011111111 CC=3" },
    { "ADR", 'X', INT, "2A24", "F2=7F80000000000000 F4=7F80000000000000", "F2=0010000000000000 CC=3" },
    { "SER", 'X', INT, "3B24", "F2=7F800000 F4=FF800000", "F2=00100000 CC=3" },
    { "SDR", 'X', INT, "2B24", "F2=7F80000000000000 F4=FF80000000000000", "F2=0010000000000000 CC=3" },
    { "AUR", 'X', INT, "3E24", "F2=7F800000 F4=7F800000", "F2=00100000 CC=3" },
    { "AWR", 'X', INT, "2E24", "F2=7F80000000000000 F4=7F80000000000000", "F2=0010000000000000 CC=3" },
    { "SUR", 'X', INT, "3F24", "F2=7F800000 F4=FF800000", "F2=00100000 CC=3" },
    { "SWR", 'X', INT, "2F24", "F2=7F80000000000000 F4=FF80000000000000", "F2=0010000000000000 CC=3" },
    { "AE", 'X', INT, "7A20C000", B "F2=7F800000 M2000=7F800000", "F2=00100000 CC=3" },
    { "AD", 'X', INT, "6A20C000", B "F2=7F80000000000000 M2000=7F80000000000000", "F2=0010000000000000 CC=3" },
    { "SE", 'X', INT, "7B20C000", B "F2=7F800000 M2000=FF800000", "F2=00100000 CC=3" },
    { "SD", 'X', INT, "6B20C000", B "F2=7F80000000000000 M2000=FF80000000000000", "F2=0010000000000000 CC=3" },
    { "AU", 'X', INT, "7E20C000", B "F2=7F800000 M2000=7F800000", "F2=00100000 CC=3" },
    { "AW", 'X', INT, "6E20C000", B "F2=7F80000000000000 M2000=7F80000000000000", "F2=0010000000000000 CC=3" },
    { "SU", 'X', INT, "7F20C000", B "F2=7F800000 M2000=FF800000", "F2=00100000 CC=3" },
    { "SW", 'X', INT, "6F20C000", B "F2=7F80000000000000 M2000=FF80000000000000", "F2=0010000000000000 CC=3" },
    { "MER", 'X', INT, "3C24", "F2=7F800000 F4=41200000", "F2=0010000000000000" },
    { "MDR", 'X', INT, "2C24", "F2=7F80000000000000 F4=4120000000000000", "F2=0010000000000000" },
    { "ME", 'X', INT, "7C20C000", B "F2=7F800000 M2000=41200000", "F2=0010000000000000" },
    { "MD", 'X', INT, "6C20C000", B "F2=7F80000000000000 M2000=4120000000000000", "F2=0010000000000000" },
    { "DER", 'X', INT, "3D24", "F2=7F10000033333333 F4=3F200000", "F2=0080000033333333" },
    { "DDR", 'X', INT, "2D24", "F2=7F10000000000000 F4=3F20000000000000", "F2=0080000000000000" },
    { "DE", 'X', INT, "7D20C000", B "F2=7F100000 M2000=3F200000", "F2=00800000" },
    { "DD", 'X', INT, "6D20C000", B "F2=7F10000000000000 M2000=3F20000000000000", "F2=0080000000000000" },
    /* exponent underflow: a true zero; interruption under mask bit 38 */
    { "AER", 'U', INT, "3A24", "PM=2 F2=0011000055555555 F4=80100000", "F2=0000000055555555 CC=0" },
    { "AER", 'U', NOINT, "3A24", "F2=00110000 F4=80100000", "F2=0 CC=0" },
    { "ADR", 'U', INT, "2A24", "PM=2 F2=0011000000000000 F4=8010000000000000", "F2=0 CC=0" },
    { "SER", 'U', INT, "3B24", "PM=2 F2=00110000 F4=00100000", "F2=0 CC=0" },
    { "SDR", 'U', INT, "2B24", "PM=2 F2=0011000000000000 F4=0010000000000000", "F2=0 CC=0" },
    { "AE", 'U', INT, "7A20C000", B "PM=2 F2=00110000 M2000=80100000", "F2=0 CC=0" },
    { "AD", 'U', INT, "6A20C000", B "PM=2 F2=0011000000000000 M2000=8010000000000000", "F2=0 CC=0" },
    { "SE", 'U', INT, "7B20C000", B "PM=2 F2=00110000 M2000=00100000", "F2=0 CC=0" },
    { "SD", 'U', INT, "6B20C000", B "PM=2 F2=0011000000000000 M2000=0010000000000000", "F2=0 CC=0" },
    { "MER", 'U', INT, "3C24", "PM=2 F2=10100000 F4=10100000", "F2=0" },
    { "MER", 'U', NOINT, "3C24", "F2=10100000 F4=10100000", "F2=0" },
    { "MDR", 'U', INT, "2C24", "PM=2 F2=1010000000000000 F4=1010000000000000", "F2=0" },
    { "ME", 'U', INT, "7C20C000", B "PM=2 F2=10100000 M2000=10100000", "F2=0" },
    { "MD", 'U', INT, "6C20C000", B "PM=2 F2=1010000000000000 M2000=1010000000000000", "F2=0" },
    { "DER", 'U', INT, "3D24", "PM=2 F2=1010000077777777 F4=70100000", "F2=0000000077777777" },
    { "DDR", 'U', INT, "2D24", "PM=2 F2=1010000000000000 F4=7010000000000000", "F2=0" },
    { "DE", 'U', INT, "7D20C000", B "PM=2 F2=10100000 M2000=70100000", "F2=0" },
    { "DD", 'U', INT, "6D20C000", B "PM=2 F2=1010000000000000 M2000=7010000000000000", "F2=0" },
    /* significance: a zero result fraction; under mask bit 39 the
       characteristic is kept and the interruption taken, else a true zero */
    { "AER", 'G', INT, "3A24", "PM=1 F2=4210000099999999 F4=C2100000", "F2=4200000099999999 CC=0" },
    { "AER", 'G', NOINT, "3A24", "F2=42100000 F4=C2100000", "F2=0 CC=0" },
    { "ADR", 'G', INT, "2A24", "PM=1 F2=4210000000000000 F4=C210000000000000", "F2=4200000000000000 CC=0" },
    { "SER", 'G', INT, "3B24", "PM=1 F2=42100000 F4=42100000", "F2=42000000 CC=0" },
    { "SDR", 'G', INT, "2B24", "PM=1 F2=4210000000000000 F4=4210000000000000", "F2=4200000000000000 CC=0" },
    { "AUR", 'G', INT, "3E24", "PM=1 F2=42100000 F4=C2100000", "F2=42000000 CC=0" },
    { "AWR", 'G', INT, "2E24", "PM=1 F2=4210000000000000 F4=C210000000000000", "F2=4200000000000000 CC=0" },
    { "AWR", 'G', NOINT, "2E24", "F2=4210000000000000 F4=C210000000000000", "F2=0 CC=0" },
    { "SUR", 'G', INT, "3F24", "PM=1 F2=42100000 F4=42100000", "F2=42000000 CC=0" },
    { "SWR", 'G', INT, "2F24", "PM=1 F2=4210000000000000 F4=4210000000000000", "F2=4200000000000000 CC=0" },
    { "AE", 'G', INT, "7A20C000", B "PM=1 F2=42100000 M2000=C2100000", "F2=42000000 CC=0" },
    { "AD", 'G', INT, "6A20C000", B "PM=1 F2=4210000000000000 M2000=C210000000000000", "F2=4200000000000000 CC=0" },
    { "SE", 'G', INT, "7B20C000", B "PM=1 F2=42100000 M2000=42100000", "F2=42000000 CC=0" },
    { "SD", 'G', INT, "6B20C000", B "PM=1 F2=4210000000000000 M2000=4210000000000000", "F2=4200000000000000 CC=0" },
    { "AU", 'G', INT, "7E20C000", B "PM=1 F2=42100000 M2000=C2100000", "F2=42000000 CC=0" },
    { "AW", 'G', INT, "6E20C000", B "PM=1 F2=4210000000000000 M2000=C210000000000000", "F2=4200000000000000 CC=0" },
    { "SU", 'G', INT, "7F20C000", B "PM=1 F2=42100000 M2000=42100000", "F2=42000000 CC=0" },
    { "SW", 'G', INT, "6F20C000", B "PM=1 F2=4210000000000000 M2000=4210000000000000", "F2=4200000000000000 CC=0" },
    /* floating-point divide: a zero divisor fraction; suppressed */
    { "DER", 'Q', INT, "3D24", "F2=41100000 F4=41000000", "" },
    { "DDR", 'Q', INT, "2D24", "F2=4110000000000000 F4=0", "" },
    { "DE", 'Q', INT, "7D20C000", B "F2=41100000 M2000=C1000000", "" },
    { "DD", 'Q', INT, "6D20C000", B "F2=4110000000000000 M2000=0000000000000000", "" },
};
#undef B

/* ---- the list of all cases: CASES and the generated ones ---- */

typedef struct Run {
    const char *mn;
    char exc;
    int kind;                   /* INT, NOINT, or NOPROT (no protection exception) */
    char hex[16];
    char setup[256], after[64];
    char what[64];              /* the generated case, for messages */
} Run;
enum { NOPROT = 2 };

static Run *runs;
static size_t nruns, capruns;

static Run *add_run(const char *mn, char exc, int kind)
{
    if (nruns == capruns) {
        capruns = capruns ? capruns * 2 : 512;
        runs = realloc(runs, capruns * sizeof *runs);
        assert_non_null(runs);
    }
    Run *r = &runs[nruns++];
    memset(r, 0, sizeof *r);
    r->mn = mn;
    r->exc = exc;
    r->kind = kind;
    return r;
}

static int has_word(const char *shape, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = shape; (p = strstr(p, w)) != NULL; p += n)
        if ((p == shape || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
            return 1;
    return 0;
}

static unsigned opcode_of(const char *mn)
{
    int k = uc_machine_find_insn(s360_machine, mn);
    assert_true(k >= 0);
    const UcInsn *in = &s360_machine->insns[k];
    const UcFormat *f = &s360_machine->formats[in->format];
    return (unsigned)(in->fixed_match >> (f->width - 8)) & 0xFF;
}

/* An operand of a shape: its access (f s u t x), size in bytes, alignment. */
typedef struct Opnd { char acc; unsigned size, align; } Opnd;

static Opnd parse_opnd(const char *tok)
{
    Opnd o = { 0, 0, 0 };
    if (tok == NULL || !strchr("fsutx", tok[0]))
        return o;
    o.acc = tok[0];
    o.size = tok[1] ? (unsigned)atoi(tok + 1) : 8;
    if (strchr(tok, 'a'))
        o.align = o.size;
    if (strchr(tok, 'm')) {
        o.size = 16;
        o.align = 4;
    }
    return o;
}

static void append(char *dst, size_t size, const char *fmt, ...)
{
    size_t n = strlen(dst);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst + n, size - n, fmt, ap);
    va_end(ap);
}

/* The generated instruction: base 12 for the (first) storage operand,
   base 11 for the second of SS, R1 = r1. */
static void encode(char *hex, size_t size, unsigned op, const char *shape, unsigned r1, unsigned r2)
{
    if (has_word(shape, "rr"))
        snprintf(hex, size, "%02X%X%X", op, r1, r2);
    else if (has_word(shape, "ss"))
        snprintf(hex, size, "%02X07C000B000", op);
    else if (has_word(shape, "ss2"))
        snprintf(hex, size, "%02X73C000B000", op);
    else if (has_word(shape, "si"))
        snprintf(hex, size, "%02X5AC000", op);
    else if (has_word(shape, "rs") && (has_word(shape, "f4m") || has_word(shape, "s4m")))
        snprintf(hex, size, "%02X%X5C000", op, r1);
    else if (has_word(shape, "rs"))
        snprintf(hex, size, "%02X%X00001", op, r1);
    else
        snprintf(hex, size, "%02X%X0C000", op, r1);  /* rx, ex */
}

enum { HOME1 = 0x2800, HOME2 = 0x2C00, TOP = 0x10000 };

/* The access, alignment, register and privileged cases of one row. */
static void generate(const InsnRow *row)
{
    unsigned op = opcode_of(row->mn);
    char t1[8] = "", t2[8] = "", t0[8] = "";
    sscanf(row->shape, "%7s %7s %7s", t0, t1, t2);
    int ss = !strcmp(t0, "ss") || !strcmp(t0, "ss2");
    int pair = has_word(row->shape, "pair"), fr = has_word(row->shape, "fr");
    unsigned r1 = 2, r2 = 4;
    Opnd od[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
    unsigned nod = 0;
    if (ss) {
        od[0] = parse_opnd(t1);
        od[1] = parse_opnd(t2);
        if (!strcmp(t0, "ss2")) {
            od[0].size = 8;
            od[1].size = od[1].acc == 't' ? 1 : 4;
        } else {
            od[1].size = od[1].acc == 't' ? 1 : 8;
        }
        if (!strcmp(row->mn, "ED") || !strcmp(row->mn, "EDMK"))
            od[1].size = 4;
        nod = 2;
    } else if (!strcmp(t0, "ex")) {
        od[0].acc = 'x';
        od[0].size = 2;
        od[0].align = 2;
        nod = 1;
    } else {
        od[0] = parse_opnd(t1);
        nod = od[0].acc ? 1 : 0;
    }
    const char *fills[2] = { row->fill1, row->fill2 };
    if (!ss)
        fills[0] = row->fill2;
    const char *regs = "R2=11111111 R3=22222222 R5=55555555 "
                       "F2=4111111111111111 F4=4122222222222222";

    /* access cases: operand k at the address under test, the other at its home */
    for (unsigned k = 0; k < nod; k++) {
        Opnd o = od[k];
        uint32_t homes[2] = { HOME1, HOME2 };
        /* addressing: wholly beyond (aligned), or straddling the end */
        uint32_t beyond = o.align || o.size == 1 || o.acc == 't' ? TOP : TOP - o.size / 2;
        if (o.acc == 'f' && o.size == 16)
            beyond = TOP - 8;
        if (o.acc == 's' && o.size == 16)
            beyond = TOP - 8;
        typedef struct V { char exc; uint32_t addr; int kind; unsigned key; const char *what; } V;
        V v[6];
        unsigned nv = 0;
        if (strchr(row->exc, 'A'))
            v[nv++] = (V){ 'A', beyond, INT, 0, beyond == TOP ? "beyond the end" : "straddling the end" };
        if (strchr(row->exc, 'P')) {
            /* a field longer than a word starts in the accessible block
               before the protected one (key 3, as the PSW's) */
            uint32_t pa = o.size > 4 && o.align < 8 ? DATA - o.size / 2 : DATA;
            if (o.acc == 's' || o.acc == 'u')
                v[nv++] = (V){ 'P', pa, INT, 0x05, pa == DATA ? "store protected" : "store protected from its middle" };
            else {
                v[nv++] = (V){ 'P', pa, INT, 0x15, pa == DATA ? "fetch protected" : "fetch protected from its middle" };
                v[nv++] = (V){ 'p', pa, NOPROT, 0x05, "store protected, fetched" };
            }
        }
        if (strchr(row->exc, 'S') && o.align > 1) {
            v[nv++] = (V){ 'S', DATA + o.align / 2, INT, 0, "misaligned by half" };
            if (o.align > 2)
                v[nv++] = (V){ 'S', DATA + 1, INT, 0, "misaligned by one" };
        }
        for (unsigned j = 0; j < nv; j++) {
            Run *r = add_run(row->mn, v[j].exc == 'p' ? 'P' : v[j].exc, v[j].kind);
            encode(r->hex, sizeof r->hex, op, row->shape, r1, r2);
            snprintf(r->what, sizeof r->what, "operand %u %s", ss ? k + 1 : strcmp(t0, "si") ? 2 : 1, v[j].what);
            uint32_t a[2] = { homes[0], homes[1] };
            a[k] = v[j].addr;
            snprintf(r->setup, sizeof r->setup, "%s R12=%X R11=%X", regs, a[0], ss ? a[1] : 0);
            if (v[j].key)
                append(r->setup, sizeof r->setup, " KEY=3 K1800=3 K2000=%X K2800=3", v[j].key);
            static const char *const dflt[2] = { "C1C2C3C4C5C6C7C8", "F1F2F3F4F5F6F7F8" };
            for (unsigned i = 0; i < nod; i++)
                if (!fills[i] && (nod == 2 || od[i].acc != 'x'))
                    fills[i] = dflt[nod == 2 ? i : 1];
            for (unsigned i = 0; i < nod; i++)
                if (fills[i]) {
                    if (a[i] >= TOP)
                        continue;
                    /* inside storage only: cut the fill at the end */
                    size_t nb = strlen(fills[i]) / 2;
                    if (a[i] + nb > TOP)
                        nb = TOP - a[i];
                    append(r->setup, sizeof r->setup, " M%X=%.*s", a[i], (int)(2 * nb), fills[i]);
                }
        }
    }
    /* specification: the odd register of a pair; floating-point registers */
    if (pair) {
        Run *r = add_run(row->mn, 'S', INT);
        encode(r->hex, sizeof r->hex, op, row->shape, 3, r2);
        snprintf(r->what, sizeof r->what, "odd R1");
        snprintf(r->setup, sizeof r->setup, "%s R4=3 R12=%X", regs, HOME1);
        if (row->fill2)
            append(r->setup, sizeof r->setup, " M%X=%s", HOME1, row->fill2);
    }
    if (fr) {
        static const struct { unsigned r1, r2; const char *what; } bad[] = {
            { 1, 4, "R1 1" }, { 8, 4, "R1 8" }, { 14, 4, "R1 14" }, { 2, 3, "R2 3" }, { 2, 10, "R2 10" },
        };
        for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            if (bad[i].r2 != 4 && !has_word(row->shape, "rr"))
                continue;
            Run *r = add_run(row->mn, 'S', INT);
            encode(r->hex, sizeof r->hex, op, row->shape, bad[i].r1, bad[i].r2);
            snprintf(r->what, sizeof r->what, "%s", bad[i].what);
            snprintf(r->setup, sizeof r->setup, "%s R12=%X M%X=4110000000000000", regs, HOME1, HOME1);
        }
    }
    /* privileged operation: the problem state, valid operands */
    if (strchr(row->exc, 'M')) {
        Run *r = add_run(row->mn, 'M', INT);
        encode(r->hex, sizeof r->hex, op, row->shape, r1, r2);
        snprintf(r->what, sizeof r->what, "in the problem state");
        snprintf(r->setup, sizeof r->setup, "%s PROB=1 CC=2 R4=%X R12=%X M%X=0000000000000000",
                 regs, HOME1, HOME1, HOME1);
    }
}

static void build_runs(void)
{
    if (runs)
        return;
    for (size_t i = 0; i < sizeof INSNS / sizeof INSNS[0]; i++)
        generate(&INSNS[i]);
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const Case *c = &CASES[i];
        Run *r = add_run(c->mn, c->exc, c->kind);
        snprintf(r->hex, sizeof r->hex, "%s", c->hex);
        snprintf(r->setup, sizeof r->setup, "%s", c->setup);
        snprintf(r->after, sizeof r->after, "%s", c->after);
    }
    /* operation: every operation code the description does not assign */
    static char mnbuf[256][8];
    for (unsigned op = 0; op < 256; op++) {
        const UcMachine *m = s360_machine;
        int found = 0;
        for (uint32_t i = 0; i < m->ninsns; i++) {
            const UcFormat *f = &m->formats[m->insns[i].format];
            if (((m->insns[i].fixed_match >> (f->width - 8)) & 0xFF) == op)
                found = 1;
        }
        if (found)
            continue;
        snprintf(mnbuf[op], sizeof mnbuf[op], "X'%02X'", op);
        Run *r = add_run(mnbuf[op], 'O', INT);
        unsigned k = op >> 6;
        snprintf(r->hex, sizeof r->hex, "%02X%s", op, k == 0 ? "12" : k == 3 ? "12C000B000" : "12C000");
        snprintf(r->what, sizeof r->what, "unassigned");
        snprintf(r->setup, sizeof r->setup, "R1=11111111 R2=22222222 R12=2000 R11=2800 CC=1");
    }
}

/* ---- running one case ---- */

enum { SNAP_LO = 0x1800 };

typedef struct Snap {
    uint32_t gr[16];
    uint64_t fr[8];
    uint8_t *mem;               /* SNAP_LO .. end */
    uint64_t size;
} Snap;

static void snap(S360 *t, Snap *s)
{
    int fr = uc_machine_find_item(t->m, "FR");
    for (unsigned i = 0; i < 16; i++)
        s->gr[i] = gr(t, i);
    for (unsigned i = 0; i < 8; i += 2)
        s->fr[i] = uc_get_item(t->cpu, (unsigned)fr, i);
    s->size = t->cpu->spaces[0].size;
    s->mem = malloc(s->size);
    assert_non_null(s->mem);
    memcpy(s->mem, t->cpu->spaces[0].mem, s->size);
}

static unsigned hexval(const char *p, const char **end, uint64_t *v)
{
    unsigned n = 0;
    *v = 0;
    while (isxdigit((unsigned char)*p)) {
        unsigned d = (unsigned)(isdigit((unsigned char)*p) ? *p - '0' : (toupper((unsigned char)*p) - 'A' + 10));
        *v = (*v << 4) | d;
        p++;
        n++;
    }
    *end = p;
    return n;
}

/* Apply settings (to the CPU when s is NULL, else to the snapshot as the
   expected state). Returns the CC named, or -1. */
static int apply(S360 *t, Snap *s, const char *text, char *why, size_t whysize)
{
    int ccv = -1;
    int fr = uc_machine_find_item(t->m, "FR");
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q;
        uint64_t v;
        if (p[0] == 'R' && isdigit((unsigned char)p[1])) {
            unsigned r = (unsigned)strtoul(p + 1, (char **)&q, 10);
            hexval(q + 1, &q, &v);
            if (s) s->gr[r] = (uint32_t)v; else set_gr(t, r, (uint32_t)v);
        } else if (p[0] == 'F' && isdigit((unsigned char)p[1])) {
            unsigned r = (unsigned)strtoul(p + 1, (char **)&q, 10);
            unsigned nd = hexval(q + 1, &q, &v);
            if (nd == 8)
                v <<= 32;                        /* a short value: the left half */
            if (s) {
                if (nd == 8)
                    v |= s->fr[r] & 0xFFFFFFFFu;
                s->fr[r] = v;
            } else {
                uc_set_item(t->cpu, (unsigned)fr, r, v);
            }
        } else if (p[0] == 'M' && isxdigit((unsigned char)p[1])) {
            uint64_t addr;
            hexval(p + 1, &q, &addr);
            p = q + 1;
            while (isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1])) {
                unsigned b;
                sscanf(p, "%2x", &b);
                if (s) {
                    if (addr < s->size) s->mem[addr] = (uint8_t)b;
                } else if (addr < t->cpu->spaces[0].size) {
                    uint8_t c = (uint8_t)b;
                    uc_mem_write(t->cpu, 0, addr, &c, 1);
                }
                addr++;
                p += 2;
            }
            q = p;
        } else if (p[0] == 'K' && strncmp(p, "KEY=", 4) != 0 && isxdigit((unsigned char)p[1])) {
            uint64_t addr;
            hexval(p + 1, &q, &addr);
            hexval(q + 1, &q, &v);
            t->cpu->spaces[0].keys[addr / 2048] = (uint8_t)v;
        } else if (!strncmp(p, "PM=", 3)) {
            hexval(p + 3, &q, &v);
            set_pmask(t, (unsigned)v);
        } else if (!strncmp(p, "CC=", 3)) {
            hexval(p + 3, &q, &v);
            ccv = (int)v;
            if (!s) set_cc(t, (unsigned)v);
        } else if (!strncmp(p, "KEY=", 4)) {
            hexval(p + 4, &q, &v);
            uc_set_field(t->cpu, (unsigned)t->f_key, v);
        } else if (!strncmp(p, "PROB=", 5)) {
            hexval(p + 5, &q, &v);
            uc_set_field(t->cpu, (unsigned)t->f_prob, v);
        } else {
            snprintf(why, whysize, "bad token in '%s'", p);
            return -2;
        }
        p = q;
    }
    return ccv;
}

/* Run one case on a fresh CPU; returns 0, or 1 with a message. With
   via_ex the instruction is the subject of an EXECUTE at CODE (EX 0,0(13),
   the subject at SUBJECT): the same exception, with the ILC (2) and the
   instruction address of the EX (A22-6821, "Execute"). */
enum { SUBJECT = 0x3000 };
static int run_case(const Run *r, int via_ex, char *why, size_t whysize)
{
    S360 *t = s360_new_size(0);
    int bad = 0;
    why[0] = 0;
    if (apply(t, NULL, r->setup, why, whysize) == -2) {
        s360_free(t);
        return 1;
    }
    if (via_ex) {
        set_gr(t, 13, SUBJECT);
        put_hex(t, SUBJECT, r->hex);
    }
    uint64_t psw0 = psw(t);
    Snap s;
    snap(t, &s);
    put_hex(t, CODE, via_ex ? "4400D000" : r->hex);
    memcpy(s.mem + CODE, t->cpu->spaces[0].mem + CODE, 6);
    int want_cc = apply(t, &s, r->after, why, whysize);
    if (want_cc == -2)
        bad = 1;
    unsigned op = get_u8(t, CODE);
    unsigned ilc = (op >> 6) == 0 ? 1 : (op >> 6) == 3 ? 3 : 2;
    uc_cpu_reset(t->cpu);
    UcStop st = run_n(t, 1);
    int interrupted = st == UC_STOP_MACHINE && (int)t->cpu->stop_code == t->stop_dwait && ia(t) == 0xBAD068;
    uint64_t old = get_n(t, PGM_OLD, 8);
    unsigned code = (unsigned)(old >> 32) & 0xFFFF;
    uint64_t now_psw = interrupted ? old : psw(t);
    if (bad) {
    } else if (r->kind == NOPROT) {
        if (interrupted && code == 4) {
            snprintf(why, whysize, "protection exception on a fetch from a store-protected block");
            bad = 1;
        }
        goto done;                       /* whatever else happens is the instruction's */
    } else if (r->kind == INT) {
        if (!interrupted) {
            snprintf(why, whysize, "no program interruption (stop %s, IA %06X)", uc_stop_name(st), ia(t));
            bad = 1;
        } else if (code != exc_code(r->exc)) {
            snprintf(why, whysize, "interruption code %04X (%c), want %04X", code, code_exc(code), exc_code(r->exc));
            bad = 1;
        } else if (((old >> 30) & 3) != ilc) {
            snprintf(why, whysize, "ILC %u, want %u", (unsigned)(old >> 30) & 3, ilc);
            bad = 1;
        } else if ((old & 0xFFFFFF) != CODE + 2 * ilc) {
            snprintf(why, whysize, "old PSW IA %06X, want %06X", (unsigned)old & 0xFFFFFF, CODE + 2 * ilc);
            bad = 1;
        }
    } else {
        if (interrupted || st != UC_STOP_INSN_LIMIT) {
            snprintf(why, whysize, "interrupted (code %04X) or stopped (%s); the mask is off", code, uc_stop_name(st));
            bad = 1;
        } else if (ia(t) != CODE + 2 * ilc) {
            snprintf(why, whysize, "IA %06X after it, want %06X", ia(t), CODE + 2 * ilc);
            bad = 1;
        }
    }
    if (!bad) {
        /* the PSW fields the instruction does not change */
        uint64_t keep = UINT64_C(0xFFFF00000F000000) & ~(UINT64_C(0xFFFF) << 32);
        unsigned c = (unsigned)(now_psw >> 28) & 3;
        unsigned c0 = want_cc >= 0 ? (unsigned)want_cc : (unsigned)(psw0 >> 28) & 3;
        if ((now_psw & keep) != (psw0 & keep)) {
            snprintf(why, whysize, "PSW %016llX, masks/key/state were %016llX",
                     (unsigned long long)now_psw, (unsigned long long)psw0);
            bad = 1;
        } else if (c != c0) {
            snprintf(why, whysize, "CC %u, want %u", c, c0);
            bad = 1;
        }
    }
    if (!bad) {
        int fr = uc_machine_find_item(t->m, "FR");
        for (unsigned i = 0; i < 16 && !bad; i++)
            if (gr(t, i) != s.gr[i]) {
                snprintf(why, whysize, "R%u = %08X, want %08X", i, gr(t, i), s.gr[i]);
                bad = 1;
            }
        for (unsigned i = 0; i < 8 && !bad; i += 2) {
            uint64_t v = uc_get_item(t->cpu, (unsigned)fr, i);
            if (v != s.fr[i]) {
                snprintf(why, whysize, "F%u = %016llX, want %016llX", i, (unsigned long long)v,
                         (unsigned long long)s.fr[i]);
                bad = 1;
            }
        }
        for (uint64_t a = SNAP_LO; a < s.size && !bad; a++)
            if (t->cpu->spaces[0].mem[a] != s.mem[a]) {
                snprintf(why, whysize, "storage %06llX = %02X, want %02X", (unsigned long long)a,
                         t->cpu->spaces[0].mem[a], s.mem[a]);
                bad = 1;
            }
    }
done:
    free(s.mem);
    s360_free(t);
    return bad;
}

/* Run every case of the letters given; report each failure. */
static void run_class(const char *letters)
{
    build_runs();
    unsigned n = 0, failed = 0;
    for (size_t i = 0; i < nruns; i++) {
        const Run *r = &runs[i];
        if (!strchr(letters, r->exc))
            continue;
        for (int via_ex = 0; via_ex < 2; via_ex++) {
            /* EX of EX is the execute exception itself */
            if (via_ex && !strcmp(r->mn, "EX"))
                continue;
            n++;
            char why[200];
            if (run_case(r, via_ex, why, sizeof why)) {
                failed++;
                fprintf(stderr, "%-8s %c %-3s %-12s %-30s%s: %s\n   setup: %s\n", r->mn, r->exc,
                        r->kind == NOINT ? "off" : r->kind == NOPROT ? "ok" : "", r->hex, r->what,
                        via_ex ? " (under EX)" : "", why, r->setup);
            }
        }
    }
    fprintf(stderr, "[%s] %u cases (each also as the subject of EX), %u failed\n", letters, n, failed);
    assert_true(n > 0);
    assert_int_equal(failed, 0);
}

static void t_operation(void **state)     { (void)state; run_class("O"); }
static void t_privileged(void **state)    { (void)state; run_class("M"); }
static void t_execute(void **state)       { (void)state; run_class("E"); }
static void t_protection(void **state)    { (void)state; run_class("P"); }
static void t_addressing(void **state)    { (void)state; run_class("A"); }
static void t_specification(void **state) { (void)state; run_class("S"); }
static void t_data(void **state)          { (void)state; run_class("D"); }
static void t_fixed(void **state)         { (void)state; run_class("FK"); }
static void t_decimal(void **state)       { (void)state; run_class("VZ"); }
static void t_float(void **state)         { (void)state; run_class("XUGQ"); }

/* ---- coverage ---- */

/* The exceptions an instruction's microcode can raise: storage accesses
   (addressing; protection unless nokey; specification when aligned), a
   program interruption with a constant code, and the privileged attribute. */
static void implied(const UcMachine *m, const UcInsn *in, char *out)
{
    size_t n = m->nwords;
    uint8_t *seen = calloc(n, 1);
    uint32_t *work = malloc(n * sizeof *work);
    assert_true(seen && work);
    size_t nw = 0;
    char set[32] = "";
    work[nw++] = in->entry;
    int pgm = -1;
    for (uint32_t i = 0; i < m->ninterrupts; i++)
        if (!strcmp(m->interrupts[i].name, "program"))
            pgm = (int)i;
    while (nw) {
        uint32_t pc = work[--nw];
        if (pc >= n || seen[pc])
            continue;
        seen[pc] = 1;
        const UcWord *w = &m->words[pc];
        int next = 1;
        switch (w->op) {
        case UC_JMP: work[nw++] = w->target; next = 0; break;
        case UC_BZ: case UC_BNZ: case UC_CALL: work[nw++] = w->target; break;
        case UC_RET: case UC_ENDOP: case UC_STOP: case UC_DISPATCH: case UC_EXEC:
            next = 0;
            break;
        case UC_TRAP:
            if ((int)w->aux == pgm && w->imm > 0 && w->imm < 16 && !strchr(set, code_exc((unsigned)w->imm)))
                append(set, sizeof set, "%c", code_exc((unsigned)w->imm));
            next = 0;
            break;
        case UC_LD: case UC_ST: case UC_PROBE:
            if (w->flags & UC_F_ONFAULT)
                work[nw++] = w->target;
            if (w->aux == 0 && !(w->flags & UC_F_NOKEY)) {
                if (!strchr(set, 'A')) append(set, sizeof set, "A");
                if (!strchr(set, 'P')) append(set, sizeof set, "P");
                if ((w->flags & UC_F_ALIGN) && w->width > 8 && !strchr(set, 'S')) append(set, sizeof set, "S");
            }
            break;
        default:
            break;
        }
        if (next && pc + 1 < n)
            work[nw++] = pc + 1;
    }
    if ((in->attrs & UC_A_PRIV) && !strchr(set, 'M'))
        append(set, sizeof set, "M");
    strcpy(out, set);
    free(seen);
    free(work);
}

static void t_coverage(void **state)
{
    (void)state;
    build_runs();
    const UcMachine *m = s360_machine;
    unsigned problems = 0, total = 0, nclasses = 0;
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        const InsnRow *row = NULL;
        for (size_t j = 0; j < sizeof INSNS / sizeof INSNS[0]; j++)
            if (!strcmp(INSNS[j].mn, in->mnemonic))
                row = &INSNS[j];
        if (row == NULL) {
            fprintf(stderr, "%s: no row in INSNS (its A22-6821 program exceptions)\n", in->mnemonic);
            problems++;
            continue;
        }
        char imp[32];
        implied(m, in, imp);
        for (const char *c = imp; *c; c++)
            if (!strchr(row->exc, *c)) {
                fprintf(stderr, "%s: the description can raise the %c exception, A22-6821 lists none\n",
                        in->mnemonic, *c);
                problems++;
            }
        if (((in->attrs & UC_A_PRIV) != 0) != (strchr(row->exc, 'M') != NULL)) {
            fprintf(stderr, "%s: privileged attribute and A22-6821 disagree\n", in->mnemonic);
            problems++;
        }
        char line[128];
        snprintf(line, sizeof line, "%-8s %-7s", in->mnemonic, row->exc[0] ? row->exc : "-");
        for (const char *c = row->exc; *c; c++) {
            unsigned k = 0;
            for (size_t j = 0; j < nruns; j++)
                if (runs[j].exc == *c && !strcmp(runs[j].mn, in->mnemonic))
                    k++;
            nclasses++;
            total += k;
            append(line, sizeof line, " %c:%u", *c, k);
            if (k == 0) {
                fprintf(stderr, "%s: no case for the %c exception A22-6821 lists\n", in->mnemonic, *c);
                problems++;
            }
        }
        if (getenv("PGMCHK_TABLE"))
            fprintf(stderr, "%s\n", line);
    }
    unsigned ops = 0;
    for (size_t j = 0; j < nruns; j++)
        ops += runs[j].exc == 'O';
    fprintf(stderr, "coverage: %u instructions, %u instruction/exception classes, %u cases; "
            "%u unassigned operation codes; %zu cases in all\n", m->ninsns, nclasses, total, ops, nruns);
    assert_int_equal(problems, 0);
}

/* ---- instruction fetch and the old PSW's address ---- */

/* An odd instruction address: specification, the IA advanced by ILC
   halfwords; fetch across or beyond the end of storage: addressing. */
static void t_fetch(void **state)
{
    (void)state;
    static const struct { uint32_t ia; const char *code; unsigned exc; } rows[] = {
        { CODE + 1, "1A12", SPECIFICATION },
        { 0xFFFE, "5A10", ADDRESSING },
        { 0xFFFC, "D200", ADDRESSING },
        { 0x10000, "", ADDRESSING },
        { 0xFFFFFE, "", ADDRESSING },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        S360 *t = s360_new_size(0);
        if (rows[i].code[0])
            put_hex(t, rows[i].ia & ~1u, rows[i].code);
        set_gr(t, 1, 0x1234);
        restart(t, rows[i].ia);
        UcStop s = run_n(t, 1);
        assert_int_equal(s, UC_STOP_MACHINE);
        uint64_t old = get_n(t, PGM_OLD, 8);
        unsigned ilc = (old >> 30) & 3;
        assert_int_equal((old >> 32) & 0xFFFF, rows[i].exc);
        assert_true(ilc >= 1 && ilc <= 3);
        assert_int_equal(old & 0xFFFFFF, (rows[i].ia + 2 * ilc) & 0xFFFFFF);
        assert_int_equal(gr(t, 1), 0x1234);
        s360_free(t);
    }
}

/* Instruction fetch under fetch protection: from a fetch-protected block
   of another key, and an instruction whose later halfwords lie in one. */
static void t_fetch_protection(void **state)
{
    (void)state;
    static const struct { uint32_t ia; const char *code; } rows[] = {
        { 0x3000, "1A12" }, { 0x37FE, "5A10" }, { 0x37FC, "D2001000" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        S360 *t = s360_new_size(0);
        put_hex(t, rows[i].ia, rows[i].code);
        t->cpu->spaces[0].keys[0x3000 / 2048] = 0x03;       /* the program's */
        t->cpu->spaces[0].keys[0x3800 / 2048] = 0x15;       /* fetch protected, key 5 */
        set_gr(t, 1, 0x1234);
        set_psw(t, make_psw(0, 3, 0, 0, 0, 0, rows[i].ia));
        uc_cpu_reset(t->cpu);
        UcStop s = run_n(t, 1);
        if (i == 0) {                                      /* its own block: runs */
            assert_int_equal(s, UC_STOP_INSN_LIMIT);
            assert_int_equal(gr(t, 1), 0x1234 + 0);
            s360_free(t);
            continue;
        }
        assert_int_equal(s, UC_STOP_MACHINE);
        uint64_t old = get_n(t, PGM_OLD, 8);
        unsigned ilc = (old >> 30) & 3;
        assert_int_equal((old >> 32) & 0xFFFF, PROTECTION);
        assert_true(ilc >= 1 && ilc <= 3);
        assert_int_equal(old & 0xFFFFFF, rows[i].ia + 2 * ilc);
        assert_int_equal(gr(t, 1), 0x1234);
        s360_free(t);
    }
}

/* EX whose subject's later halfwords lie beyond the storage: addressing,
   with the ILC and address of the EX. */
static void t_ex_subject_straddles(void **state)
{
    (void)state;
    S360 *t = s360_new_size(0);
    put_hex(t, 0xFFFE, "D200");                            /* MVC: 6 bytes, 4 beyond */
    set_gr(t, 12, 0xFFFE);
    exec1_pgm(t, "4400C000", ADDRESSING);
    s360_free(t);
}

/* A storage size of 8K: the same operand addresses beyond it. */
static void t_small_storage(void **state)
{
    (void)state;
    S360 *t = s360_new_size(8192);
    set_gr(t, 12, 0x1FFC);
    set_gr(t, 2, 0x11111111);
    exec1(t, "5820C000");                       /* the last word: fine */
    restart(t, CODE);
    set_gr(t, 12, 0x2000);
    exec1_pgm(t, "5820C000", ADDRESSING);
    restart(t, CODE);
    set_gr(t, 12, 0x1FFC);
    set_gr(t, 11, 0x1000);
    exec1_pgm(t, "D207C000B000", ADDRESSING);   /* MVC straddling the end */
    assert_int_equal(get_u32(t, 0x1FFC), 0);
    s360_free(t);
}

static int group_teardown(void **state)
{
    free(runs);
    runs = NULL;
    nruns = capruns = 0;
    return s360_group_teardown(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_coverage), cmocka_unit_test(t_operation),
        cmocka_unit_test(t_privileged), cmocka_unit_test(t_execute),
        cmocka_unit_test(t_protection), cmocka_unit_test(t_addressing),
        cmocka_unit_test(t_specification), cmocka_unit_test(t_data),
        cmocka_unit_test(t_fixed), cmocka_unit_test(t_decimal), cmocka_unit_test(t_float),
        cmocka_unit_test(t_fetch), cmocka_unit_test(t_fetch_protection),
        cmocka_unit_test(t_ex_subject_straddles), cmocka_unit_test(t_small_storage),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, group_teardown);
}
