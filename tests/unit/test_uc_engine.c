/* test_uc_engine.c — the micro-operations and the control of the tier-0
 * micro-engine, checked against the rows of microcode/uc_ops.h and the API
 * of microcode/uc_engine.h on small hand-built control stores.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "microcode/uc_engine.h"
#include "test_uc_build.h"

#define W(...) tb_w(__VA_ARGS__)
#define M64 UINT64_MAX
#define MIN64 (UINT64_C(1) << 63)

typedef struct Run {
    UcMachine *m;
    UcCpu *cpu;
    UcStop stop;
} Run;

static Run run_words(const UcWord *words, uint32_t n)
{
    Run r;
    char err[200] = "";
    r.m = tb_machine(words, n);
    r.cpu = uc_cpu_new(r.m, 0, err, sizeof err);
    if (!r.cpu)
        fail_msg("uc_cpu_new: %s", err);
    r.stop = uc_run(r.cpu, 0, 100000);
    return r;
}

static void done(Run *r)
{
    uc_cpu_free(r->cpu);
    uc_machine_free(r->m);
}

/* u3 = u1 OP B at width w, with u1 = a and B = b (register, or imm). */
static uint64_t alu(unsigned op, unsigned w, uint64_t a, uint64_t b, int imm)
{
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, a),
        W(UC_MOVI, 2, 0, 0, 64, 0, 0, 0, imm ? 0xdead : b),
        W(UC_MOVI, 3, 0, 0, 64, 0, 0, 0, 0x5555),
        W(op, 3, 1, 2, w, imm ? UC_F_IMM : 0, 0, 0, b),
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    Run r = run_words(ws, 5);
    assert_int_equal(r.stop, UC_STOP_MACHINE);
    assert_int_equal(r.cpu->stop_code, TB_STOP_END);
    uint64_t v = r.cpu->u[3];
    done(&r);
    return v;
}

typedef struct Case {
    unsigned op, w;
    uint64_t a, b, want;
} Case;

static const Case cases[] = {
    /* ADD: wraps at W; inputs above W ignored */
    { UC_ADD, 1, 1, 1, 0 }, { UC_ADD, 8, 0xFF, 1, 0 }, { UC_ADD, 8, 0x1FF, 0, 0xFF },
    { UC_ADD, 24, 0xFFFFFF, 2, 1 }, { UC_ADD, 32, 0x7FFFFFFF, 1, 0x80000000 },
    { UC_ADD, 63, M64 >> 1, 1, 0 }, { UC_ADD, 64, M64, 1, 0 }, { UC_ADD, 64, 5, 7, 12 },
    /* SUB */
    { UC_SUB, 1, 0, 1, 1 }, { UC_SUB, 8, 0, 1, 0xFF }, { UC_SUB, 24, 1, 2, 0xFFFFFF },
    { UC_SUB, 32, 5, 7, 0xFFFFFFFE }, { UC_SUB, 63, 0, 1, M64 >> 1 }, { UC_SUB, 64, 0, 1, M64 },
    /* MUL: low bits of the product */
    { UC_MUL, 8, 16, 17, 0x10 }, { UC_MUL, 32, 0x10000, 0x10000, 0 },
    { UC_MUL, 64, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE00000001 }, { UC_MUL, 63, 1ULL << 62, 2, 0 },
    { UC_MUL, 1, 1, 1, 1 }, { UC_MUL, 24, 0x1000, 0x1000, 0 },
    /* DIVU / REMU: over W bits; division by zero gives 0 / a */
    { UC_DIVU, 32, 100, 7, 14 }, { UC_DIVU, 32, 100, 0, 0 }, { UC_DIVU, 8, 0x1FF, 0x10, 0xF },
    { UC_DIVU, 64, M64, 2, M64 >> 1 }, { UC_DIVU, 1, 1, 1, 1 }, { UC_DIVU, 24, 0xFFFFFF, 0x1000, 0xFFF },
    { UC_DIVU, 63, M64, 3, (M64 >> 1) / 3 },
    { UC_REMU, 32, 100, 7, 2 }, { UC_REMU, 32, 100, 0, 100 }, { UC_REMU, 8, 0x1FF, 0, 0xFF },
    { UC_REMU, 64, M64, 10, 5 }, { UC_REMU, 1, 1, 1, 0 },
    /* DIVS / REMS: truncating, remainder has the sign of the dividend */
    { UC_DIVS, 32, (uint32_t)-7, 2, (uint32_t)-3 }, { UC_DIVS, 32, 7, (uint32_t)-2, (uint32_t)-3 },
    { UC_DIVS, 32, 0x80000000, 0xFFFFFFFF, 0x80000000 }, { UC_DIVS, 64, MIN64, M64, MIN64 },
    { UC_DIVS, 32, 5, 0, 0 }, { UC_DIVS, 8, 0x80, 0xFF, 0x80 }, { UC_DIVS, 1, 1, 1, 1 },
    { UC_DIVS, 24, 0xFFFFF0, 4, 0xFFFFFC }, { UC_DIVS, 63, 1ULL << 62, (M64 >> 1), 1ULL << 62 },
    { UC_REMS, 32, (uint32_t)-7, 2, 0xFFFFFFFF }, { UC_REMS, 32, 7, (uint32_t)-2, 1 },
    { UC_REMS, 32, 0x80000000, 0xFFFFFFFF, 0 }, { UC_REMS, 64, MIN64, M64, 0 },
    { UC_REMS, 32, (uint32_t)-5, 0, 0xFFFFFFFB }, { UC_REMS, 8, 0x85, 0x10, 0xF5 },
    /* logic */
    { UC_AND, 8, 0x1F0, 0x3C, 0x30 }, { UC_AND, 64, M64, 0x1234, 0x1234 },
    { UC_OR, 1, 0, 1, 1 }, { UC_OR, 24, 0xF00000, 0x0F, 0xF0000F }, { UC_OR, 8, 0x100, 0, 0 },
    { UC_XOR, 32, 0xFFFFFFFF, 0x0F0F0F0F, 0xF0F0F0F0 }, { UC_XOR, 64, M64, M64, 0 },
    /* shifts: counts of W or more give 0, SAR the sign */
    { UC_SHL, 32, 1, 31, 0x80000000 }, { UC_SHL, 32, 1, 32, 0 }, { UC_SHL, 8, 0x81, 1, 0x02 },
    { UC_SHL, 64, 1, 63, MIN64 }, { UC_SHL, 64, 1, 64, 0 }, { UC_SHL, 64, 1, 1ULL << 40, 0 },
    { UC_SHL, 1, 1, 0, 1 }, { UC_SHL, 1, 1, 1, 0 }, { UC_SHL, 63, 1, 62, 1ULL << 62 },
    { UC_SHR, 32, 0x80000000, 31, 1 }, { UC_SHR, 32, 0x80000000, 32, 0 }, { UC_SHR, 8, 0x1F0, 4, 0xF },
    { UC_SHR, 64, M64, 63, 1 }, { UC_SHR, 64, M64, 64, 0 }, { UC_SHR, 24, 0xFFFFFFFF, 20, 0xF },
    { UC_SAR, 32, 0x80000000, 4, 0xF8000000 }, { UC_SAR, 32, 0x80000000, 32, 0xFFFFFFFF },
    { UC_SAR, 32, 0x40000000, 40, 0 }, { UC_SAR, 8, 0x80, 7, 0xFF }, { UC_SAR, 64, MIN64, 63, M64 },
    { UC_SAR, 64, MIN64, 1000, M64 }, { UC_SAR, 1, 1, 0, 1 }, { UC_SAR, 1, 1, 1, 1 },
    { UC_SAR, 63, 1ULL << 62, 62, M64 >> 1 }, { UC_SAR, 24, 0x7FFFFF, 22, 1 },
    /* comparisons: over W bits */
    { UC_EQ, 8, 0x1FF, 0xFF, 1 }, { UC_EQ, 32, 1, 2, 0 }, { UC_EQ, 64, M64, M64, 1 },
    { UC_NE, 8, 0x1FF, 0xFF, 0 }, { UC_NE, 1, 2, 0, 0 }, { UC_NE, 64, 0, MIN64, 1 },
    { UC_LTU, 8, 0x1FF, 0x100, 0 }, { UC_LTU, 64, 1, M64, 1 }, { UC_LTU, 32, 5, 5, 0 },
    { UC_LEU, 32, 5, 5, 1 }, { UC_LEU, 24, 0x1000000, 0, 1 }, { UC_LEU, 64, M64, 1, 0 },
    { UC_LTS, 32, 0xFFFFFFFF, 0, 1 }, { UC_LTS, 8, 0x7F, 0x80, 0 }, { UC_LTS, 64, MIN64, 0, 1 },
    { UC_LTS, 1, 1, 0, 1 }, { UC_LTS, 63, 1ULL << 62, 0, 1 }, { UC_LTS, 32, 3, 3, 0 },
    { UC_LES, 32, 3, 3, 1 }, { UC_LES, 24, 0x800000, 0x7FFFFF, 1 }, { UC_LES, 24, 0x7FFFFF, 0x800000, 0 },
    { UC_LES, 64, 0, M64, 0 },
    /* signed overflow and carries */
    { UC_ADDV, 32, 0x7FFFFFFF, 1, 1 }, { UC_ADDV, 32, 0x80000000, 0xFFFFFFFF, 1 },
    { UC_ADDV, 32, 1, 1, 0 }, { UC_ADDV, 32, 0xFFFFFFFF, 1, 0 }, { UC_ADDV, 8, 0x7F, 1, 1 },
    { UC_ADDV, 64, M64 >> 1, 1, 1 }, { UC_ADDV, 1, 0, 1, 0 }, { UC_ADDV, 1, 1, 1, 1 },
    { UC_ADDV, 63, (M64 >> 2), 1, 1 }, { UC_ADDV, 24, 0x400000, 0x400000, 1 },
    { UC_SUBV, 32, 0x80000000, 1, 1 }, { UC_SUBV, 32, 0, 0x80000000, 1 }, { UC_SUBV, 32, 5, 3, 0 },
    { UC_SUBV, 64, MIN64, 1, 1 }, { UC_SUBV, 8, 0x80, 0x80, 0 }, { UC_SUBV, 1, 0, 1, 1 },
    { UC_ADDC, 32, 0xFFFFFFFF, 1, 1 }, { UC_ADDC, 32, 0x7FFFFFFF, 1, 0 }, { UC_ADDC, 64, M64, 1, 1 },
    { UC_ADDC, 64, M64 - 1, 1, 0 }, { UC_ADDC, 8, 0x80, 0x80, 1 }, { UC_ADDC, 63, M64 >> 1, 1, 1 },
    { UC_ADDC, 1, 1, 1, 1 }, { UC_ADDC, 8, 0x1FF, 0, 0 },
    { UC_SUBC, 32, 5, 3, 1 }, { UC_SUBC, 32, 3, 5, 0 }, { UC_SUBC, 32, 0, 0, 1 },
    { UC_SUBC, 8, 0x100, 1, 0 }, { UC_SUBC, 64, M64, M64, 1 }, { UC_SUBC, 64, 0, 1, 0 },
};

static void test_alu_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        for (int imm = 0; imm < 2; imm++) {
            uint64_t got = alu(c->op, c->w, c->a, c->b, imm);
            if (got != c->want)
                fail_msg("%s w%u a=0x%llx b=0x%llx%s: got 0x%llx, want 0x%llx", uc_op_name(c->op),
                         c->w, (unsigned long long)c->a, (unsigned long long)c->b, imm ? " (imm)" : "",
                         (unsigned long long)got, (unsigned long long)c->want);
        }
    }
}

/* One-operand ops: u3 = OP u1. */
static uint64_t un(unsigned op, unsigned w, uint64_t a, uint64_t imm)
{
    return alu(op, w, a, imm, 1);
}

static void test_unary(void **state)
{
    (void)state;
    assert_int_equal(un(UC_MOVI, 8, 0, 0x1234), 0x34);
    assert_int_equal(un(UC_MOVI, 64, 0, M64), M64);
    assert_int_equal(un(UC_MOVI, 1, 0, 3), 1);
    assert_int_equal(un(UC_MOV, 24, 0xABCDEF12, 0), 0xCDEF12);
    assert_int_equal(un(UC_MOV, 64, M64, 0), M64);
    assert_int_equal(un(UC_MOV, 63, M64, 0), M64 >> 1);
    assert_int_equal(un(UC_NOT, 8, 0, 0), 0xFF);
    assert_int_equal(un(UC_NOT, 64, 0, 0), M64);
    assert_int_equal(un(UC_NOT, 1, 1, 0), 0);
    assert_int_equal(un(UC_NOT, 32, 0xFFFF0000, 0), 0xFFFF);
    assert_int_equal(un(UC_NEG, 8, 1, 0), 0xFF);
    assert_int_equal(un(UC_NEG, 32, 0x80000000, 0), 0x80000000);
    assert_int_equal(un(UC_NEG, 64, 1, 0), M64);
    assert_int_equal(un(UC_NEG, 64, MIN64, 0), MIN64);
    assert_int_equal(un(UC_NEG, 1, 1, 0), 1);
    /* SEXT: all 64 bits, not masked */
    assert_int_equal(un(UC_SEXT, 8, 0x80, 0), 0xFFFFFFFFFFFFFF80);
    assert_int_equal(un(UC_SEXT, 8, 0x17F, 0), 0x7F);
    assert_int_equal(un(UC_SEXT, 24, 0x800000, 0), 0xFFFFFFFFFF800000);
    assert_int_equal(un(UC_SEXT, 32, 0x7FFFFFFF, 0), 0x7FFFFFFF);
    assert_int_equal(un(UC_SEXT, 1, 1, 0), M64);
    assert_int_equal(un(UC_SEXT, 63, 1ULL << 62, 0), 0xC000000000000000);
    assert_int_equal(un(UC_SEXT, 64, 0x8000000000000001, 0), 0x8000000000000001);
    /* EXT: W bits at lsb0 position imm */
    assert_int_equal(un(UC_EXT, 4, 0xABCD, 4), 0xC);
    assert_int_equal(un(UC_EXT, 1, MIN64, 63), 1);
    assert_int_equal(un(UC_EXT, 64, 0x123456789, 0), 0x123456789);
    assert_int_equal(un(UC_EXT, 8, 0xAB00000000000000, 56), 0xAB);
    assert_int_equal(un(UC_EXT, 63, M64, 1), M64 >> 1);
    assert_int_equal(un(UC_EXT, 24, 0x12345678, 8), 0x123456);
}

/* INS: u3 (preset to d) bits imm..imm+W-1 replaced by u1. */
static uint64_t ins(unsigned w, uint64_t d, uint64_t a, uint64_t pos)
{
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, a),
        W(UC_MOVI, 3, 0, 0, 64, 0, 0, 0, d),
        W(UC_INS, 3, 1, 0, w, 0, 0, 0, pos),
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    Run r = run_words(ws, 4);
    uint64_t v = r.cpu->u[3];
    done(&r);
    return v;
}

static void test_ins(void **state)
{
    (void)state;
    assert_int_equal(ins(4, 0xFFFF, 0, 4), 0xFF0F);
    assert_int_equal(ins(4, 0, 0xFA, 60), 0xA000000000000000);
    assert_int_equal(ins(64, 0x1234, M64, 0), M64);
    assert_int_equal(ins(1, 0, 1, 63), MIN64);
    assert_int_equal(ins(1, M64, 0, 0), M64 - 1);
    assert_int_equal(ins(8, M64, 0, 8), 0xFFFFFFFFFFFF00FF);
    assert_int_equal(ins(24, 0, 0xABCDEF, 40), 0xABCDEF0000000000);
    assert_int_equal(ins(63, M64, 0, 1), 1);
    assert_int_equal(ins(32, MIN64, 0x12345678, 0), 0x8000000012345678);
}

/* SEL: u3 = u3 != 0 ? u1 : B. */
static uint64_t sel(unsigned w, uint64_t cond, uint64_t a, uint64_t b)
{
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, a),
        W(UC_MOVI, 2, 0, 0, 64, 0, 0, 0, b),
        W(UC_MOVI, 3, 0, 0, 64, 0, 0, 0, cond),
        W(UC_SEL, 3, 1, 2, w, 0, 0, 0, 0),
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    Run r = run_words(ws, 5);
    uint64_t v = r.cpu->u[3];
    done(&r);
    return v;
}

static void test_sel(void **state)
{
    (void)state;
    assert_int_equal(sel(32, 1, 7, 9), 7);
    assert_int_equal(sel(32, 0, 7, 9), 9);
    assert_int_equal(sel(8, MIN64, 0x1FF, 9), 0xFF);   /* any nonzero u[d]; masked */
    assert_int_equal(sel(64, 0, 7, M64), M64);
    assert_int_equal(sel(1, 2, 3, 0), 1);
}

/* CMPU/CMPS: three-way compare, 0 equal, 1 first low, 2 first high, over W bits. */
static void test_cmp3(void **state)
{
    (void)state;
    assert_int_equal(alu(UC_CMPU, 32, 5, 5, 0), 0);
    assert_int_equal(alu(UC_CMPU, 32, 4, 5, 0), 1);
    assert_int_equal(alu(UC_CMPU, 32, 6, 5, 1), 2);
    assert_int_equal(alu(UC_CMPU, 32, 0x80000000, 1, 1), 2);     /* unsigned: high */
    assert_int_equal(alu(UC_CMPU, 8, 0x1FF, 0xFF, 0), 0);         /* only W bits compared */
    assert_int_equal(alu(UC_CMPU, 64, M64, 0, 1), 2);
    assert_int_equal(alu(UC_CMPS, 32, 0x80000000, 1, 1), 1);      /* signed: negative is low */
    assert_int_equal(alu(UC_CMPS, 32, 0xFFFFFFFF, 0, 1), 1);
    assert_int_equal(alu(UC_CMPS, 32, 7, 0, 1), 2);
    assert_int_equal(alu(UC_CMPS, 32, 0, 0, 1), 0);
    assert_int_equal(alu(UC_CMPS, 16, 0x18000, 0x7FFF, 0), 1);    /* 0x8000 in 16 bits */
    assert_int_equal(alu(UC_CMPS, 64, MIN64, M64, 0), 1);
    assert_int_equal(alu(UC_CMPS, 64, M64, M64, 0), 0);
}

/* STF with UC_F_IMM stores imm, masked to the field. */
static void test_stf_imm(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_MOVI, 8, 0, 0, 64, 0, 0, 0, 0xAA),
        W(UC_STF, 0, 8, 0, 0, UC_F_IMM, TB_F_CC, 0, 0x1E),  /* imm, not u8: CC = 2 */
        W(UC_LDF, 9, 0, 0, 0, 0, TB_F_CC, 0, 0),
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    Run r = run_words(ws, 4);
    assert_int_equal(r.stop, UC_STOP_MACHINE);
    assert_int_equal(r.cpu->u[9], 2);
    done(&r);
}

/* UC_F_ONFAULT: an access that would fault goes to target instead, reads
   and writes nothing, raises nothing; one that does not fault goes on. */
static void test_onfault(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, 0x10),                    /* 0: inside */
        W(UC_MOVI, 2, 0, 0, 64, 0, 0, 0, 0x2000),                  /* 1: beyond 4096 */
        W(UC_MOVI, 3, 0, 0, 64, 0, 0, 0, 0x77),                    /* 2 */
        W(UC_LD, 3, 1, 0, 32, UC_F_ONFAULT, 0, 14, 0),             /* 3: no fault: loads */
        W(UC_LD, 4, 2, 0, 32, UC_F_ONFAULT, 0, 7, 0),              /* 4: faults: -> 7 */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_A),                /* 5 */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_A),                /* 6 */
        W(UC_MOVI, 5, 0, 0, 64, 0, 0, 0, 1),                       /* 7 */
        W(UC_ST, 0, 2, 3, 32, UC_F_ONFAULT | UC_F_STORE, 0, 10, 0),/* 8: faults: -> 10 */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_A),                /* 9 */
        W(UC_LD, 6, 1, 0, 32, UC_F_ONFAULT | UC_F_ALIGN, 0, 12, 0),/* 10: aligned: on */
        W(UC_PROBE, 0, 1, 0, 64, UC_F_IMM | UC_F_ONFAULT, 0, 13, 0x10000), /* 11: -> 13 */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_B),                /* 12 */
        W(UC_LD, 7, 2, 0, 8, 0, 0, 0, 0),                          /* 13: plain: faults */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_C),                /* 14 */
    };
    Run r = run_words(ws, 15);
    /* the plain LD at 13 raises the program interrupt (STOP pgm) */
    assert_int_equal(r.stop, UC_STOP_MACHINE);
    assert_int_equal(r.cpu->stop_code, TB_STOP_PGM);
    assert_int_equal(r.cpu->u[TB_PARAM], TB_CODE_ADDR);
    assert_int_equal(r.cpu->u[5], 1);
    assert_int_equal(r.cpu->u[4], 0);          /* the faulting LD wrote nothing */
    done(&r);
    /* the checker refuses an onfault target outside the control store, and
       onfault on an op that cannot fault */
    char err[200];
    UcWord bad[] = { W(UC_LD, 3, 1, 0, 32, UC_F_ONFAULT, 0, 99, 0) };
    UcMachine *m = tb_machine(bad, 1);
    assert_int_equal(uc_machine_check(m, err, sizeof err), -1);
    assert_non_null(strstr(err, "onfault"));
    uc_machine_free(m);
    UcWord bad2[] = { W(UC_ADD, 3, 1, 0, 32, UC_F_ONFAULT, 0, 0, 0) };
    m = tb_machine(bad2, 1);
    assert_int_equal(uc_machine_check(m, err, sizeof err), -1);
    uc_machine_free(m);
}

/* MOVE: unit by unit, left to right (an overlap one unit to the right
   propagates the first unit); a fault stops it at the failing unit, the
   units before it stored. */
static void test_move(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, 0x100),        /* source */
        W(UC_MOVI, 2, 0, 0, 64, 0, 0, 0, 0x200),        /* destination */
        W(UC_MOVE, 2, 1, 0, 0, UC_F_IMM, 0, 0, 4),      /* M[200..203] = M[100..103] */
        W(UC_MOVI, 3, 0, 0, 64, 0, 0, 0, 0x101),
        W(UC_MOVI, 4, 0, 0, 64, 0, 0, 0, 3),
        W(UC_MOVE, 3, 1, 4, 0, 0, 0, 0, 0),             /* overlap: M[101..103] = M[100] */
        W(UC_MOVI, 5, 0, 0, 64, 0, 0, 0, 0xFFE),
        W(UC_MOVE, 5, 2, 0, 0, UC_F_IMM, 0, 0, 4),      /* stores FFE, FFF, then faults */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_A),
    };
    UcMachine *m = tb_machine(ws, 9);
    char err[200] = "";
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    assert_non_null(cpu);
    const uint8_t src[4] = { 1, 2, 3, 4 };
    assert_int_equal(uc_mem_write(cpu, 0, 0x100, src, 4), 0);
    UcStop st = uc_run(cpu, 0, 1000);
    assert_int_equal(st, UC_STOP_MACHINE);
    assert_int_equal(cpu->stop_code, TB_STOP_PGM);
    assert_int_equal(cpu->u[TB_PARAM], TB_CODE_ADDR);
    assert_int_equal(cpu->last_fault_addr, 0x1000);
    uint8_t got[4];
    assert_int_equal(uc_mem_read(cpu, 0, 0x200, got, 4), 0);
    assert_memory_equal(got, src, 4);
    assert_int_equal(uc_mem_read(cpu, 0, 0x100, got, 4), 0);
    const uint8_t prop[4] = { 1, 1, 1, 1 };
    assert_memory_equal(got, prop, 4);
    assert_int_equal(uc_mem_get(cpu, 0, 0xFFE), 1);
    assert_int_equal(uc_mem_get(cpu, 0, 0xFFF), 2);
    uc_cpu_free(cpu);
    uc_machine_free(m);
}

static void test_xlat_and_state(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, 3),
        W(UC_XLAT, 2, 1, 0, 0, 0, 0, 0, 0),               /* u2 = SQ[3] = 109 */
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, 4),
        W(UC_XLAT, 3, 1, 0, 0, 0, 0, 0, 0),               /* outside: 0 */
        W(UC_MOVI, 4, 0, 0, 64, 0, 0, 0, 15),
        W(UC_STR, 0, 4, 0, 0, UC_F_IMM, TB_GR, 0, 0x1FFFFFFFF), /* GR15 = masked to 32 */
        W(UC_LDR, 5, 4, 0, 0, 0, TB_GR, 0, 0),
        W(UC_MOVI, 4, 0, 0, 64, 0, 0, 0, 16),
        W(UC_STR, 0, 4, 0, 0, UC_F_IMM, TB_GR, 0, 7),     /* GR16: ignored */
        W(UC_LDR, 6, 4, 0, 0, 0, TB_GR, 0, 0),            /* reads 0 */
        W(UC_MOVI, 4, 0, 0, 64, 0, 0, 0, 2),
        W(UC_STR, 0, 4, 0, 0, UC_F_IMM, TB_FR, 0, M64),   /* FR2 (element 1) */
        W(UC_MOVI, 4, 0, 0, 64, 0, 0, 0, 1),
        W(UC_STR, 0, 4, 0, 0, UC_F_IMM, TB_FR, 0, 5),     /* FR1: not a register */
        W(UC_LDR, 7, 4, 0, 0, 0, TB_FR, 0, 0),            /* reads 0 */
        W(UC_MOVI, 8, 0, 0, 64, 0, 0, 0, 0x1E),
        W(UC_STF, 0, 8, 0, 0, 0, TB_F_CC, 0, 0),          /* CC = 0x1E masked to 2 bits */
        W(UC_LDF, 9, 0, 0, 0, 0, TB_F_CC, 0, 0),
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    Run r = run_words(ws, 19);
    assert_int_equal(r.stop, UC_STOP_MACHINE);
    assert_int_equal(r.cpu->u[2], 109);
    assert_int_equal(r.cpu->u[3], 0);
    assert_int_equal(r.cpu->u[5], 0xFFFFFFFF);
    assert_int_equal(r.cpu->u[6], 0);
    assert_int_equal(r.cpu->u[7], 0);
    assert_int_equal(r.cpu->u[9], 2);
    assert_int_equal(uc_get_item(r.cpu, TB_FR, 2), M64);
    assert_int_equal(uc_get_item(r.cpu, TB_FR, 1), 0);
    assert_int_equal(r.cpu->state[17], M64);                /* FR2 is element 1 */
    assert_int_equal(r.cpu->state[16], 0);
    assert_int_equal(uc_get_item(r.cpu, TB_PSW, 0), 2ULL << 28);
    assert_int_equal(uc_get_field(r.cpu, TB_F_CC), 2);
    /* host access masks and bounds-checks */
    uc_set_field(r.cpu, TB_F_KEY, 0x1F);
    assert_int_equal(uc_get_field(r.cpu, TB_F_KEY), 0xF);
    assert_int_equal(uc_get_field(r.cpu, TB_F_CC), 2);
    assert_int_equal(uc_get_item(r.cpu, TB_PSW, 0), (2ULL << 28) | (0xFULL << 52));
    uc_set_item(r.cpu, TB_GR, 3, 0x123456789);
    assert_int_equal(uc_get_item(r.cpu, TB_GR, 3), 0x23456789);
    uc_set_item(r.cpu, TB_GR, 99, 1);
    uc_set_item(r.cpu, 99, 0, 1);
    assert_int_equal(uc_get_item(r.cpu, 99, 0), 0);
    assert_int_equal(uc_get_field(r.cpu, 99), 0);
    done(&r);
}

static void test_branches_and_calls(void **state)
{
    (void)state;
    UcWord ws[] = {
        /* 0 */ W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, 0),
        /* 1 */ W(UC_BZ, 0, 1, 0, 0, 0, 0, 3, 0),          /* taken */
        /* 2 */ W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_C),
        /* 3 */ W(UC_BNZ, 0, 1, 0, 0, 0, 0, 2, 0),         /* not taken */
        /* 4 */ W(UC_CALL, 0, 0, 0, 0, 0, 0, 9, 0),
        /* 5 */ W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, 1),
        /* 6 */ W(UC_BNZ, 0, 1, 0, 0, 0, 0, 8, 0),         /* taken */
        /* 7 */ W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_C),
        /* 8 */ W(UC_JMP, 0, 0, 0, 0, 0, 0, 11, 0),
        /* 9 */ W(UC_ADD, 2, 2, 0, 64, UC_F_IMM, 0, 0, 40),
        /* 10 */ W(UC_RET, 0, 0, 0, 0, 0, 0, 0, 0),
        /* 11 */ W(UC_BZ, 0, 1, 0, 0, 0, 0, 7, 0),         /* not taken */
        /* 12 */ W(UC_NOP, 0, 0, 0, 0, 0, 0, 0, 0),
        /* 13 */ W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    Run r = run_words(ws, 14);
    assert_int_equal(r.stop, UC_STOP_MACHINE);
    assert_int_equal(r.cpu->stop_code, TB_STOP_END);
    assert_int_equal(r.cpu->u[2], 40);
    assert_int_equal(r.cpu->usp, 0);
    assert_int_equal(r.cpu->ucount, 12);
    done(&r);
}

static void test_micro_stack_errors(void **state)
{
    (void)state;
    UcWord deep[] = { W(UC_CALL, 0, 0, 0, 0, 0, 0, 0, 0) };   /* recursion */
    Run r = run_words(deep, 1);
    assert_int_equal(r.stop, UC_STOP_ERROR);
    assert_int_equal(r.cpu->usp, UC_USTACK);
    assert_int_equal(r.cpu->ucount, UC_USTACK + 1);
    assert_non_null(strstr(r.cpu->stop_text, "overflow"));
    done(&r);
    UcWord ret[] = { W(UC_RET, 0, 0, 0, 0, 0, 0, 0, 0) };
    r = run_words(ret, 1);
    assert_int_equal(r.stop, UC_STOP_ERROR);
    assert_int_equal(r.cpu->upc, 0);
    done(&r);
}

static void test_run_off_end(void **state)
{
    (void)state;
    UcWord ws[] = { W(UC_NOP, 0, 0, 0, 0, 0, 0, 0, 0) };
    UcMachine *m = tb_machine(ws, 1);
    m->nwords = 1;                  /* drop the routines after it */
    m->interrupts[0].entry = 0;
    m->dispatch.invalid_entry = 0;
    for (uint32_t i = 0; i < m->ncands; i++)
        m->cands[i].entry = 0;
    char err[200];
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    assert_non_null(cpu);
    assert_int_equal(uc_run(cpu, 0, 0), UC_STOP_ERROR);
    assert_non_null(strstr(cpu->stop_text, "end of the control store"));
    assert_int_equal(cpu->ucount, 2);
    cpu->upc = 77;
    assert_int_equal(uc_run(cpu, 0, 0), UC_STOP_ERROR);
    uc_cpu_free(cpu);
    uc_machine_free(m);
}

/* DISPATCH / EXEC: u1 = key, u2 = instruction value. */
static Run dispatch(unsigned op, uint64_t key, uint64_t insn)
{
    UcWord ws[] = {
        W(UC_MOVI, 1, 0, 0, 64, 0, 0, 0, key),
        W(UC_MOVI, 2, 0, 0, 64, 0, 0, 0, insn),
        W(op, 0, 1, 2, 0, 0, 0, 0, 0),
    };
    return run_words(ws, 3);
}

static void test_dispatch(void **state)
{
    (void)state;
    Run r = dispatch(UC_DISPATCH, 0x1A, 0x1A37);   /* AR 3,7 */
    assert_int_equal(r.cpu->stop_code, TB_STOP_A);
    assert_int_equal(r.cpu->insn, 0);
    assert_int_equal(r.cpu->in_exec, 0);
    assert_int_equal(r.cpu->u[10], 0x1A);
    assert_int_equal(r.cpu->u[11], 3);
    assert_int_equal(r.cpu->u[12], 7);
    done(&r);
    r = dispatch(UC_DISPATCH, 0x31A, 0x1A37);      /* key masked to 8 bits */
    assert_int_equal(r.cpu->stop_code, TB_STOP_A);
    done(&r);
    r = dispatch(UC_DISPATCH, 0x05, 0x051F);       /* first candidate: r1 == 1 */
    assert_int_equal(r.cpu->stop_code, TB_STOP_B);
    assert_int_equal(r.cpu->insn, 1);
    assert_int_equal(r.cpu->u[11], 1);
    assert_int_equal(r.cpu->u[12], 0xF);
    done(&r);
    r = dispatch(UC_EXEC, 0x05, 0x0520FE);         /* second candidate, RS, signed i */
    assert_int_equal(r.cpu->stop_code, TB_STOP_C);
    assert_int_equal(r.cpu->insn, 2);
    assert_int_equal(r.cpu->in_exec, 1);
    assert_int_equal(r.cpu->u[11], 2);
    assert_int_equal(r.cpu->u[13], (uint64_t)-2);
    done(&r);
    r = dispatch(UC_DISPATCH, 0x07, 0x0700);       /* no candidates */
    assert_int_equal(r.cpu->stop_code, TB_STOP_INVALID);
    assert_int_equal(r.cpu->insn, -1);
    done(&r);
}

static void test_trap_and_stop(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_CALL, 0, 0, 0, 0, 0, 0, 2, 0),
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_C),
        W(UC_TRAP, 0, 0, 0, 0, 0, 0, 0, 7),
    };
    Run r = run_words(ws, 3);
    assert_int_equal(r.stop, UC_STOP_MACHINE);
    assert_int_equal(r.cpu->stop_code, TB_STOP_PGM);
    assert_int_equal(r.cpu->u[TB_PARAM], 7);
    assert_int_equal(r.cpu->usp, 0);
    assert_string_equal(r.cpu->stop_text, "pgm");
    assert_int_equal(r.cpu->upc, 4);               /* after the STOP: resumable */
    done(&r);
}

static int sum_helper(UcCpu *cpu, void *ctx, const uint64_t *args, unsigned nargs, uint64_t *result)
{
    (void)cpu;
    int *calls = ctx;
    ++*calls;
    uint64_t s = 0;
    for (unsigned i = 0; i < nargs; i++)
        s += args[i];
    *result = s;
    return s == 6 ? 42 : 0;      /* stop the engine when the sum is 6 */
}

static void test_callh(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_MOVI, 20, 0, 0, 64, 0, 0, 0, 1),
        W(UC_MOVI, 21, 0, 0, 64, 0, 0, 0, 2),
        W(UC_MOVI, 22, 0, 0, 64, 0, 0, 0, 30),
        W(UC_CALLH, 5, 20, 0, 0, 0, 0, 0, 3),          /* u5 = sum(1, 2, 30) */
        W(UC_MOVI, 22, 0, 0, 64, 0, 0, 0, 3),
        W(UC_CALLH, 6, 20, 0, 0, 0, 0, 0, 3),          /* u6 = 6: helper stops */
        W(UC_MOVI, 7, 0, 0, 64, 0, 0, 0, 99),
        W(UC_CALLH, 8, 20, 0, 0, 0, 1, 0, 0),          /* unbound */
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    UcMachine *m = tb_machine(ws, 9);
    char err[200];
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    int calls = 0;
    assert_int_equal(uc_bind_helper(cpu, "sum", sum_helper, &calls), 0);
    assert_int_equal(uc_bind_helper(cpu, "nosuch", sum_helper, &calls), -1);
    assert_int_equal(uc_run(cpu, 0, 0), UC_STOP_HELPER);
    assert_int_equal(cpu->stop_code, 42);
    assert_int_equal(cpu->u[5], 33);
    assert_int_equal(cpu->u[6], 6);
    assert_int_equal(cpu->upc, 6);
    assert_int_equal(calls, 2);
    assert_int_equal(uc_run(cpu, 0, 0), UC_STOP_ERROR);   /* resumes, then the unbound one */
    assert_int_equal(cpu->u[7], 99);
    assert_non_null(strstr(cpu->stop_text, "nothing"));
    assert_int_equal(cpu->upc, 7);
    uc_cpu_free(cpu);
    uc_machine_free(m);
}

static void test_endop_limits_attention(void **state)
{
    (void)state;
    UcWord ws[] = {
        W(UC_ADD, 1, 1, 0, 64, UC_F_IMM, 0, 0, 1),
        W(UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0),
    };
    UcMachine *m = tb_machine(ws, 2);
    char err[200];
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    assert_int_equal(uc_run(cpu, 10, 0), UC_STOP_INSN_LIMIT);
    assert_int_equal(cpu->icount, 10);
    assert_int_equal(cpu->ucount, 20);
    assert_int_equal(cpu->upc, m->fetch_entry);
    assert_int_equal(cpu->stop, UC_STOP_INSN_LIMIT);
    /* micro-registers are scratch, but this one counts our ENDOPs */
    assert_int_equal(cpu->u[1], 10);
    assert_int_equal(uc_run(cpu, 0, 5), UC_STOP_UOP_LIMIT);   /* relative limits */
    assert_int_equal(cpu->ucount, 25);
    assert_int_equal(cpu->icount, 12);
    assert_int_equal(cpu->upc, 1);
    assert_int_equal(uc_run(cpu, 3, 0), UC_STOP_INSN_LIMIT);
    assert_int_equal(cpu->icount, 15);
    assert_int_equal(cpu->upc, 0);
    cpu->attention = 1;
    assert_int_equal(uc_run(cpu, 100, 0), UC_STOP_ATTENTION);
    assert_int_equal(cpu->icount, 16);
    assert_int_equal(cpu->attention, 0);
    assert_int_equal(cpu->upc, 0);
    /* uc_ustep: exactly one micro-word */
    assert_int_equal(uc_ustep(cpu), UC_STOP_NONE);
    assert_int_equal(cpu->upc, 1);
    assert_int_equal(cpu->ucount, 33);
    assert_int_equal(cpu->icount, 16);
    assert_int_equal(uc_ustep(cpu), UC_STOP_NONE);
    assert_int_equal(cpu->upc, 0);
    assert_int_equal(cpu->icount, 17);
    /* reset: micro-state cleared, state kept */
    uc_set_item(cpu, TB_GR, 1, 5);
    cpu->usp = 3;
    uc_cpu_reset(cpu);
    assert_int_equal(cpu->u[1], 0);
    assert_int_equal(cpu->usp, 0);
    assert_int_equal(cpu->upc, m->fetch_entry);
    assert_int_equal(uc_get_item(cpu, TB_GR, 1), 5);
    uc_cpu_free(cpu);
    /* a reset entry, when declared, is where reset goes */
    m->reset_entry = 1;
    cpu = uc_cpu_new(m, 0, err, sizeof err);
    assert_int_equal(cpu->upc, 1);
    uc_cpu_free(cpu);
    uc_machine_free(m);
}

static void test_cpu_new_checks(void **state)
{
    (void)state;
    UcWord ws[] = { W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END) };
    UcMachine *m = tb_machine(ws, 1);
    char err[200] = "";
    UcCpu *cpu = uc_cpu_new(m, 32, err, sizeof err);          /* below min */
    assert_null(cpu);
    assert_non_null(strstr(err, "storage size 32"));
    cpu = uc_cpu_new(m, 65536, err, sizeof err);
    assert_non_null(cpu);
    assert_int_equal(cpu->spaces[0].size, 65536);
    assert_int_equal(cpu->spaces[0].size / 2048, 32);
    uc_cpu_free(cpu);
    cpu = uc_cpu_new(m, 0, err, sizeof err);
    assert_int_equal(cpu->spaces[0].size, 4096);
    uc_cpu_free(cpu);
    /* no part of a storage-key block: a size in range but not a multiple */
    assert_null(uc_cpu_new(m, 65536 + 1024, err, sizeof err));
    assert_non_null(strstr(err, "not a multiple of"));
    assert_non_null(strstr(err, "(2048 units)"));
    /* a list of allowed sizes (1401 style: no storage keys) */
    m->spaces[0].key_block = 0;
    m->spaces[0].nsizes = 2;
    m->spaces[0].sizes = malloc(2 * sizeof(uint64_t));
    m->spaces[0].sizes[0] = 4000;
    m->spaces[0].sizes[1] = 8000;
    m->spaces[0].default_size = 4000;
    assert_null(uc_cpu_new(m, 5000, err, sizeof err));
    assert_non_null(strstr(err, "4000 8000"));
    cpu = uc_cpu_new(m, 8000, err, sizeof err);
    assert_non_null(cpu);
    uc_cpu_free(cpu);
    /* a broken control store is refused, not run */
    m->words[0].dst = 70;
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    assert_non_null(strstr(err, "micro-register"));
    m->words[0].dst = 0;
    m->words[0].imm = TB_NSTOPS;
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    m->words[0] = tb_w(UC_JMP, 0, 0, 0, 0, 0, 0, 1000, 0);
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    m->words[0] = tb_w(UC_ADD, 0, 0, 0, 0, 0, 0, 0, 0);          /* width 0 */
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    m->words[0] = tb_w(UC_EXT, 0, 0, 0, 8, 0, 0, 0, 57);         /* bits 57..64 */
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    m->words[0] = tb_w(UC_LD, 0, 0, 0, 8, 0, 3, 0, 0);           /* no space 3 */
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    m->words[0] = tb_w(UC_NOPS, 0, 0, 0, 8, 0, 0, 0, 0);
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    m->cands[2].next = 1;                                        /* a loop */
    m->words[0] = tb_w(UC_NOP, 0, 0, 0, 0, 0, 0, 0, 0);
    assert_null(uc_cpu_new(m, 0, err, sizeof err));
    assert_non_null(strstr(err, "loops"));
    uc_machine_free(m);
}

static void test_format_word(void **state)
{
    (void)state;
    UcWord ws[] = { W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END) };
    UcMachine *m = tb_machine(ws, 1);
    char buf[120];
    UcWord w = tb_w(UC_ADD, 5, 3, 0, 24, UC_F_IMM, 0, 0, 4);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "ADD    u5 = u3 + 0x4 w24");
    w = tb_w(UC_LD, TB_PARAM, 1, 0, 32, UC_F_ALIGN | UC_F_STORE, 0, 0, 0);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "LD     pcode = M[u1] w32 store align");
    w = tb_w(UC_BNZ, 0, 2, 0, 0, 0, 0, 0x1a, 0);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "BNZ    u2, 0x1a");
    w = tb_w(UC_STF, 0, 2, 0, 0, 0, TB_F_CC, 0, 0);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "STF    PSW.CC = u2");
    w = tb_w(UC_STF, 0, 0, 0, 0, UC_F_IMM, TB_F_CC, 0, 3);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "STF    PSW.CC = 0x3");
    w = tb_w(UC_CMPS, 4, 3, 0, 32, UC_F_IMM, 0, 0, 0);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "CMPS   u4 = u3 <=>s 0x0 w32");
    w = tb_w(UC_LD, 4, 3, 0, 16, UC_F_IFETCH | UC_F_ALIGN | UC_F_ONFAULT, 0, 0x15, 0);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "LD     u4 = M[u3] w16 ifetch align onfault 0x15");
    w = tb_w(UC_TRAP, 0, 0, 0, 0, 0, 0, 0, 6);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "TRAP   program 0x6");
    w = tb_w(UC_CALLH, 1, 20, 0, 0, 0, 0, 0, 2);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "CALLH  u1 = sum(u20, u21)");
    w = tb_w(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_PGM);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "STOP   pgm");
    w = tb_w(UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    assert_int_equal(uc_format_word(m, &w, buf, sizeof buf), 5);
    assert_string_equal(buf, "ENDOP");
    /* truncation keeps a terminated prefix and reports the full length */
    w = tb_w(UC_ADD, 5, 3, 0, 24, UC_F_IMM, 0, 0, 4);
    assert_int_equal(uc_format_word(m, &w, buf, 8), 24);
    assert_string_equal(buf, "ADD    ");
    /* out-of-range indices print, never crash */
    w = tb_w(UC_LDR, 200, 1, 0, 0, 0, 999, 0, 0);
    uc_format_word(m, &w, buf, sizeof buf);
    assert_string_equal(buf, "LDR    u200 = item#999[u1]");
    assert_string_equal(uc_op_name(UC_NOPS), "?");
    assert_string_equal(uc_op_name(UC_DISPATCH), "DISPATCH");
    /* lookups */
    assert_int_equal(uc_machine_find_item(m, "FR"), TB_FR);
    assert_int_equal(uc_machine_find_field(m, "PSW", "CC"), TB_F_CC);
    assert_int_equal(uc_machine_find_field(m, NULL, "PSW.KEY"), TB_F_KEY);
    assert_int_equal(uc_machine_find_field(m, "GR", "CC"), -1);
    assert_int_equal(uc_machine_find_space(m, "M"), 0);
    assert_int_equal(uc_machine_find_insn(m, "LI"), 2);
    assert_int_equal(uc_machine_find_helper(m, "nothing"), 1);
    assert_int_equal(uc_machine_find_stop(m, "invalid"), TB_STOP_INVALID);
    assert_int_equal(uc_machine_find_stop(m, "nope"), -1);
    m->nroutines = 2;
    m->routines = calloc(2, sizeof *m->routines);
    m->routines[0] = (UcRoutine){ tb_dup("fetch"), 0, 6 };
    m->routines[1] = (UcRoutine){ tb_dup("micro ea"), 2, 4 };
    assert_string_equal(uc_machine_routine_at(m, 3)->name, "micro ea");
    assert_string_equal(uc_machine_routine_at(m, 4)->name, "fetch");
    assert_null(uc_machine_routine_at(m, 6));
    assert_string_equal(uc_stop_name(UC_STOP_INSN_LIMIT), "instruction limit reached");
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alu_table),
        cmocka_unit_test(test_unary),
        cmocka_unit_test(test_ins),
        cmocka_unit_test(test_sel),
        cmocka_unit_test(test_cmp3),
        cmocka_unit_test(test_stf_imm),
        cmocka_unit_test(test_onfault),
        cmocka_unit_test(test_move),
        cmocka_unit_test(test_xlat_and_state),
        cmocka_unit_test(test_branches_and_calls),
        cmocka_unit_test(test_micro_stack_errors),
        cmocka_unit_test(test_run_off_end),
        cmocka_unit_test(test_dispatch),
        cmocka_unit_test(test_trap_and_stop),
        cmocka_unit_test(test_callh),
        cmocka_unit_test(test_endop_limits_attention),
        cmocka_unit_test(test_cpu_new_checks),
        cmocka_unit_test(test_format_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
