/* test_s360_fixed.c — System/360 fixed-point instructions as defined in
 * Principles of Operation A22-6821, "Fixed-Point Arithmetic": loads and
 * stores, add, subtract (signed and logical), multiply, divide, compare;
 * condition codes, fixed-point overflow under the program mask, the
 * fixed-point-divide exception, even-odd register pairs and the S/360
 * operand-alignment rule (specification exception; S/370 drops it).
 */
#include "s360_harness.h"

static void base(S360 *t) { set_gr(t, 12, DATA); }

/* ---- loads and stores ---- */

static void t_lr(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0x12345678);
    set_cc(t, 3);
    exec1(t, "1812");                          /* LR 1,2 */
    assert_int_equal(gr(t, 1), 0x12345678);
    assert_int_equal(cc(t), 3);                /* CC unchanged */
    assert_int_equal(ia(t), CODE + 2);
}

static void t_l(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA + 8, 0x89ABCDEF);
    set_gr(t, 4, 8);
    exec1(t, "5814C000");                      /* L 1,0(4,12) */
    assert_int_equal(gr(t, 1), 0x89ABCDEF);
    assert_int_equal(ia(t), CODE + 4);
}

static void t_l_misaligned(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA + 2);
    set_gr(t, 1, 0x55);
    exec1_pgm(t, "5810C000", SPECIFICATION);   /* S/360 checks alignment */
    assert_int_equal(gr(t, 1), 0x55);
}

static void t_lh(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "8001 7FFF");
    exec1(t, "4810C000");                      /* LH 1,0(0,12) */
    assert_int_equal(gr(t, 1), 0xFFFF8001);    /* sign-extended */
    set_ia(t, CODE);
    exec1(t, "4810C002");
    assert_int_equal(gr(t, 1), 0x00007FFF);
}

static void t_lh_misaligned(void **state)
{
    S360 *t = *state;
    base(t);
    exec1_pgm(t, "4810C001", SPECIFICATION);
}

static void t_la(void **state)
{
    S360 *t = *state;
    set_gr(t, 5, 0xFF001000);
    set_gr(t, 6, 0x00000100);
    exec1(t, "41365004");                      /* LA 3,4(6,5) */
    assert_int_equal(gr(t, 3), 0x00001104);    /* 24-bit address, high byte 0 */
    set_ia(t, CODE);
    exec1(t, "41300FFF");                      /* LA 3,4095: no base, no index */
    assert_int_equal(gr(t, 3), 0xFFF);
}

static void t_la_wrap(void **state)
{
    S360 *t = *state;
    set_gr(t, 5, 0x00FFFFF0);
    exec1(t, "41305020");                      /* LA 3,32(0,5) */
    assert_int_equal(gr(t, 3), 0x000010);      /* wraps modulo 2**24 */
}

static void t_ltr(void **state)
{
    S360 *t = *state;
    static const struct { uint32_t v; unsigned cc; } c[] = {
        { 0, 0 }, { 0x80000000, 1 }, { 0xFFFFFFFF, 1 }, { 1, 2 }, { 0x7FFFFFFF, 2 } };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        set_ia(t, CODE);
        set_gr(t, 2, c[i].v);
        exec1(t, "1212");                      /* LTR 1,2 */
        assert_int_equal(gr(t, 1), c[i].v);
        assert_int_equal(cc(t), c[i].cc);
    }
}

static void t_lcr(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 5);
    exec1(t, "1312");                          /* LCR 1,2 */
    assert_int_equal(gr(t, 1), 0xFFFFFFFB);
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    set_gr(t, 2, 0xFFFFFFFB);
    exec1(t, "1312");
    assert_int_equal(gr(t, 1), 5);
    assert_int_equal(cc(t), 2);
    set_ia(t, CODE);
    set_gr(t, 2, 0);
    exec1(t, "1312");
    assert_int_equal(gr(t, 1), 0);
    assert_int_equal(cc(t), 0);
}

/* LCR of the maximum negative number: overflow, the number is unchanged. */
static void t_lcr_maxneg(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0x80000000);
    exec1(t, "1312");                          /* mask off: no interruption */
    assert_int_equal(gr(t, 1), 0x80000000);
    assert_int_equal(cc(t), 3);
    set_ia(t, CODE);
    set_pmask(t, 8);                           /* fixed-point overflow mask on */
    set_gr(t, 1, 0);
    exec1_pgm(t, "1312", FIXED_OVERFLOW);
    assert_int_equal(gr(t, 1), 0x80000000);    /* completed: result stored */
    assert_int_equal((get_n(t, PGM_OLD, 8) >> 28) & 3, 3);   /* CC 3 in the old PSW */
}

static void t_lnr(void **state)
{
    S360 *t = *state;
    static const struct { uint32_t in, out; unsigned cc; } c[] = {
        { 5, 0xFFFFFFFB, 1 }, { 0xFFFFFFFB, 0xFFFFFFFB, 1 }, { 0, 0, 0 },
        { 0x80000000, 0x80000000, 1 }, { 0x7FFFFFFF, 0x80000001, 1 } };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        set_ia(t, CODE);
        set_gr(t, 2, c[i].in);
        exec1(t, "1112");                      /* LNR 1,2 */
        assert_int_equal(gr(t, 1), c[i].out);
        assert_int_equal(cc(t), c[i].cc);
    }
}

static void t_lpr(void **state)
{
    S360 *t = *state;
    static const struct { uint32_t in, out; unsigned cc; } c[] = {
        { 0xFFFFFFFB, 5, 2 }, { 5, 5, 2 }, { 0, 0, 0 }, { 0x80000001, 0x7FFFFFFF, 2 } };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        set_ia(t, CODE);
        set_gr(t, 2, c[i].in);
        exec1(t, "1012");                      /* LPR 1,2 */
        assert_int_equal(gr(t, 1), c[i].out);
        assert_int_equal(cc(t), c[i].cc);
    }
}

static void t_lpr_maxneg(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0x80000000);
    exec1(t, "1012");
    assert_int_equal(gr(t, 1), 0x80000000);
    assert_int_equal(cc(t), 3);
    set_ia(t, CODE);
    set_pmask(t, 8);
    exec1_pgm(t, "1012", FIXED_OVERFLOW);
}

static void t_st_sth_stc(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 0xAAAAAAAA);
    put_u32(t, DATA + 4, 0xAAAAAAAA);
    set_gr(t, 1, 0x11223344);
    exec1(t, "5010C000");                      /* ST 1,0(0,12) */
    assert_int_equal(get_u32(t, DATA), 0x11223344);
    set_ia(t, CODE);
    exec1(t, "4010C004");                      /* STH 1,4(0,12) */
    assert_int_equal(get_u32(t, DATA + 4), 0x3344AAAA);
    set_ia(t, CODE);
    exec1(t, "4210C007");                      /* STC 1,7(0,12): any address */
    assert_int_equal(get_u32(t, DATA + 4), 0x3344AA44);
}

static void t_st_misaligned(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 0);
    put_u32(t, DATA + 4, 0);
    set_gr(t, 1, 0xFFFFFFFF);
    exec1_pgm(t, "5010C002", SPECIFICATION);
    assert_int_equal(get_u32(t, DATA), 0);     /* suppressed */
    assert_int_equal(get_u32(t, DATA + 4), 0);
}

static void t_sth_misaligned(void **state)
{
    S360 *t = *state;
    base(t);
    exec1_pgm(t, "4010C003", SPECIFICATION);
}

static void t_ic(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA + 3, "9C");
    set_gr(t, 1, 0x12345678);
    set_cc(t, 2);
    exec1(t, "4310C003");                      /* IC 1,3(0,12) */
    assert_int_equal(gr(t, 1), 0x1234569C);    /* bits 0-23 unchanged */
    assert_int_equal(cc(t), 2);
}

/* STM 14,12: registers 14, 15, 0 .. 12 (wrapping), in that order. */
static void t_stm_lm_wrap(void **state)
{
    S360 *t = *state;
    for (unsigned r = 0; r < 16; r++)
        set_gr(t, r, 0x100 + r);
    set_gr(t, 11, DATA);
    put_u32(t, DATA + 60, 0xEEEEEEEE);
    exec1(t, "90ECB000");                      /* STM 14,12,0(11) */
    assert_int_equal(get_u32(t, DATA + 0), 0x10E);
    assert_int_equal(get_u32(t, DATA + 4), 0x10F);
    assert_int_equal(get_u32(t, DATA + 8), 0x100);
    assert_int_equal(get_u32(t, DATA + 52), DATA);   /* R11 itself */
    assert_int_equal(get_u32(t, DATA + 56), 0x10C);
    assert_int_equal(get_u32(t, DATA + 60), 0xEEEEEEEE);   /* 15 registers only */
    for (unsigned r = 0; r < 16; r++)
        if (r != 11)
            set_gr(t, r, 0);
    set_ia(t, CODE);
    exec1(t, "98E1B000");                      /* LM 14,1,0(11) */
    assert_int_equal(gr(t, 14), 0x10E);
    assert_int_equal(gr(t, 15), 0x10F);
    assert_int_equal(gr(t, 0), 0x100);
    assert_int_equal(gr(t, 1), 0x101);
    assert_int_equal(gr(t, 2), 0);
}

static void t_lm_one(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 0xCAFE);
    exec1(t, "9855C000");                      /* LM 5,5: one register */
    assert_int_equal(gr(t, 5), 0xCAFE);
    assert_int_equal(gr(t, 6), 0);
}

/* STM whose operand runs past the end of storage: nothing is stored. */
static void t_stm_all_or_nothing(void **state)
{
    S360 *t = *state;
    uint64_t top = 0x10000;                    /* 64K storage */
    set_gr(t, 11, (uint32_t)(top - 16));
    for (unsigned r = 0; r < 11; r++)
        set_gr(t, r, 0x77777777);
    for (unsigned i = 0; i < 16; i += 4)
        put_u32(t, top - 16 + i, 0);
    exec1_pgm(t, "900FB000", ADDRESSING);      /* STM 0,15,0(11): 64 bytes */
    for (unsigned i = 0; i < 16; i += 4)
        assert_int_equal(get_u32(t, top - 16 + i), 0);
}

static void t_stm_misaligned(void **state)
{
    S360 *t = *state;
    set_gr(t, 11, DATA + 2);
    exec1_pgm(t, "9001B000", SPECIFICATION);
}

/* ---- add and subtract ---- */

typedef struct { uint32_t a, b, r; unsigned cc; } Case;

static void rr_cases(S360 *t, const char *hex, const Case *c, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        set_ia(t, CODE);
        set_gr(t, 1, c[i].a);
        set_gr(t, 2, c[i].b);
        exec1(t, hex);
        assert_int_equal(gr(t, 1), c[i].r);
        assert_int_equal(cc(t), c[i].cc);
    }
}

static void rx_cases(S360 *t, const char *hex, const Case *c, unsigned n)
{
    base(t);
    for (unsigned i = 0; i < n; i++) {
        set_ia(t, CODE);
        set_gr(t, 1, c[i].a);
        put_u32(t, DATA, c[i].b);
        exec1(t, hex);
        assert_int_equal(gr(t, 1), c[i].r);
        assert_int_equal(cc(t), c[i].cc);
    }
}

static const Case add_cases[] = {
    { 1, 1, 2, 2 }, { 0xFFFFFFFF, 1, 0, 0 }, { 0xFFFFFFFE, 1, 0xFFFFFFFF, 1 },
    { 0x7FFFFFFF, 1, 0x80000000, 3 }, { 0x80000000, 0xFFFFFFFF, 0x7FFFFFFF, 3 },
    { 0x80000000, 0x80000000, 0, 3 } };

static void t_ar(void **state) { rr_cases(*state, "1A12", add_cases, 6); }
static void t_a(void **state) { rx_cases(*state, "5A10C000", add_cases, 6); }

static void t_ar_overflow_interrupt(void **state)
{
    S360 *t = *state;
    set_pmask(t, 8);
    set_gr(t, 1, 0x7FFFFFFF);
    set_gr(t, 2, 1);
    exec1_pgm(t, "1A12", FIXED_OVERFLOW);      /* ILC 1, IA of the next instruction */
    assert_int_equal(gr(t, 1), 0x80000000);    /* the sum is stored */
}

static void t_ar_other_masks(void **state)
{
    S360 *t = *state;
    set_pmask(t, 7);                           /* decimal, exponent, significance only */
    set_gr(t, 1, 0x7FFFFFFF);
    set_gr(t, 2, 1);
    exec1(t, "1A12");
    assert_int_equal(cc(t), 3);
}

static void t_ah(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "FFFF 8000");
    set_gr(t, 1, 5);
    exec1(t, "4A10C000");                      /* AH 1,0(0,12): + (-1) */
    assert_int_equal(gr(t, 1), 4);
    assert_int_equal(cc(t), 2);
    set_ia(t, CODE);
    set_gr(t, 1, 0x80000000);
    exec1(t, "4A10C002");                      /* + (-32768): overflow */
    assert_int_equal(gr(t, 1), 0x7FFF8000);
    assert_int_equal(cc(t), 3);
    set_ia(t, CODE);
    exec1_pgm(t, "4A10C001", SPECIFICATION);
}

static const Case addl_cases[] = {
    { 0, 0, 0, 0 }, { 1, 1, 2, 1 }, { 0xFFFFFFFF, 1, 0, 2 }, { 0xFFFFFFFF, 2, 1, 3 },
    { 0x7FFFFFFF, 1, 0x80000000, 1 } };

static void t_alr(void **state) { rr_cases(*state, "1E12", addl_cases, 5); }
static void t_al(void **state) { rx_cases(*state, "5E10C000", addl_cases, 5); }

static void t_al_no_overflow_interrupt(void **state)
{
    S360 *t = *state;
    set_pmask(t, 0xF);
    set_gr(t, 1, 0x7FFFFFFF);
    set_gr(t, 2, 0x7FFFFFFF);
    exec1(t, "1E12");                          /* logical: no overflow */
    assert_int_equal(gr(t, 1), 0xFFFFFFFE);
    assert_int_equal(cc(t), 1);
}

static const Case sub_cases[] = {
    { 5, 5, 0, 0 }, { 3, 5, 0xFFFFFFFE, 1 }, { 5, 3, 2, 2 },
    { 0x80000000, 1, 0x7FFFFFFF, 3 }, { 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 3 },
    { 0, 0x80000000, 0x80000000, 3 } };

static void t_sr(void **state) { rr_cases(*state, "1B12", sub_cases, 6); }
static void t_s(void **state) { rx_cases(*state, "5B10C000", sub_cases, 6); }

static void t_sr_self(void **state)
{
    S360 *t = *state;
    set_gr(t, 1, 0x80000000);
    exec1(t, "1B11");                          /* SR 1,1 */
    assert_int_equal(gr(t, 1), 0);
    assert_int_equal(cc(t), 0);
}

static void t_s_overflow_interrupt(void **state)
{
    S360 *t = *state;
    base(t);
    set_pmask(t, 8);
    put_u32(t, DATA, 1);
    set_gr(t, 1, 0x80000000);
    exec1_pgm(t, "5B10C000", FIXED_OVERFLOW);
    assert_int_equal(gr(t, 1), 0x7FFFFFFF);
}

static void t_sh(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "FFFE");
    set_gr(t, 1, 5);
    exec1(t, "4B10C000");                      /* 5 - (-2) */
    assert_int_equal(gr(t, 1), 7);
    assert_int_equal(cc(t), 2);
}

/* Subtract logical: CC 1 nonzero without carry, 2 zero with carry,
   3 nonzero with carry; zero without carry cannot occur. */
static const Case subl_cases[] = {
    { 5, 5, 0, 2 }, { 5, 3, 2, 3 }, { 3, 5, 0xFFFFFFFE, 1 }, { 0, 0, 0, 2 },
    { 0x80000000, 1, 0x7FFFFFFF, 3 } };

static void t_slr(void **state) { rr_cases(*state, "1F12", subl_cases, 5); }
static void t_sl(void **state) { rx_cases(*state, "5F10C000", subl_cases, 5); }

/* ---- multiply ---- */

static void t_mr(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0x12345678);                  /* ignored: the multiplicand is R3 */
    set_gr(t, 3, 7);
    set_gr(t, 4, 0xFFFFFFFD);                  /* -3 */
    set_cc(t, 1);
    exec1(t, "1C24");                          /* MR 2,4 */
    assert_int_equal(gr(t, 2), 0xFFFFFFFF);
    assert_int_equal(gr(t, 3), 0xFFFFFFEB);    /* -21 */
    assert_int_equal(cc(t), 1);                /* CC unchanged */
}

static void t_mr_large(void **state)
{
    S360 *t = *state;
    set_gr(t, 3, 0x80000000);
    set_gr(t, 4, 0x80000000);
    exec1(t, "1C24");                          /* (-2**31)**2 = 2**62 */
    assert_int_equal(gr(t, 2), 0x40000000);
    assert_int_equal(gr(t, 3), 0);
    set_ia(t, CODE);
    set_gr(t, 3, 0x7FFFFFFF);
    set_gr(t, 2, 0x80000000);
    exec1(t, "1C23");                          /* MR 2,3: R3 * R3 (R2 ignored) */
    assert_int_equal(gr(t, 2), 0x3FFFFFFF);
    assert_int_equal(gr(t, 3), 0x00000001);
}

static void t_mr_odd(void **state)
{
    S360 *t = *state;
    set_gr(t, 3, 7);
    set_gr(t, 4, 3);
    exec1_pgm(t, "1C34", SPECIFICATION);       /* MR 3,4 */
    assert_int_equal(gr(t, 3), 7);
    assert_int_equal(gr(t, 4), 3);
}

static void t_m(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 0x10000);
    set_gr(t, 3, 0x10000);
    exec1(t, "5C20C000");                      /* M 2,0(0,12) */
    assert_int_equal(gr(t, 2), 1);
    assert_int_equal(gr(t, 3), 0);
    set_ia(t, CODE);
    exec1_pgm(t, "5C20C002", SPECIFICATION);   /* misaligned */
    restart(t, CODE);
    exec1_pgm(t, "5C10C000", SPECIFICATION);   /* odd R1 */
}

static void t_mh(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "0002 FFFD 0004");
    set_gr(t, 1, 0x10000);
    set_cc(t, 2);
    exec1(t, "4C10C000");                      /* MH 1,0(0,12): * 2 */
    assert_int_equal(gr(t, 1), 0x20000);
    assert_int_equal(cc(t), 2);
    set_ia(t, CODE);
    set_gr(t, 1, 100);
    exec1(t, "4C10C002");                      /* * -3 */
    assert_int_equal(gr(t, 1), (uint32_t)-300);
    set_ia(t, CODE);
    set_pmask(t, 8);
    set_gr(t, 1, 0x40000001);
    exec1(t, "4C10C004");                      /* * 4: high bits lost, no overflow */
    assert_int_equal(gr(t, 1), 0x00000004);
    assert_int_equal(cc(t), 2);
    set_ia(t, CODE);
    exec1_pgm(t, "4C10C001", SPECIFICATION);
}

/* ---- divide ---- */

static void t_dr(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0);
    set_gr(t, 3, 100);
    set_gr(t, 4, 7);
    exec1(t, "1D24");                          /* DR 2,4 */
    assert_int_equal(gr(t, 2), 2);             /* remainder */
    assert_int_equal(gr(t, 3), 14);            /* quotient */
}

static void t_dr_signs(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0xFFFFFFFF);
    set_gr(t, 3, (uint32_t)-100);
    set_gr(t, 4, 7);
    exec1(t, "1D24");
    assert_int_equal(gr(t, 2), (uint32_t)-2);  /* remainder has the dividend's sign */
    assert_int_equal(gr(t, 3), (uint32_t)-14);
    set_ia(t, CODE);
    set_gr(t, 2, 0);
    set_gr(t, 3, 100);
    set_gr(t, 4, (uint32_t)-7);
    exec1(t, "1D24");
    assert_int_equal(gr(t, 2), 2);
    assert_int_equal(gr(t, 3), (uint32_t)-14);
}

static void t_dr_zero(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0);
    set_gr(t, 3, 100);
    set_gr(t, 4, 0);
    exec1_pgm(t, "1D24", FIXED_DIVIDE);
    assert_int_equal(gr(t, 2), 0);             /* suppressed */
    assert_int_equal(gr(t, 3), 100);
}

static void t_dr_quotient_too_large(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 1);
    set_gr(t, 3, 0);                           /* 2**32 */
    set_gr(t, 4, 1);
    exec1_pgm(t, "1D24", FIXED_DIVIDE);
    assert_int_equal(gr(t, 2), 1);
    assert_int_equal(gr(t, 3), 0);
    restart(t, CODE);
    set_gr(t, 2, 0);
    set_gr(t, 3, 0x80000000);                  /* +2**31 / 1 does not fit */
    exec1_pgm(t, "1D24", FIXED_DIVIDE);
}

static void t_dr_largest_quotient(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0);
    set_gr(t, 3, 0x7FFFFFFF);
    set_gr(t, 4, 1);
    exec1(t, "1D24");
    assert_int_equal(gr(t, 3), 0x7FFFFFFF);
    assert_int_equal(gr(t, 2), 0);
}

static void t_dr_odd(void **state)
{
    S360 *t = *state;
    set_gr(t, 4, 7);
    exec1_pgm(t, "1D34", SPECIFICATION);
}

static void t_d(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 10);
    set_gr(t, 2, 0);
    set_gr(t, 3, 1234);
    exec1(t, "5D20C000");                      /* D 2,0(0,12) */
    assert_int_equal(gr(t, 2), 4);
    assert_int_equal(gr(t, 3), 123);
    set_ia(t, CODE);
    exec1_pgm(t, "5D20C001", SPECIFICATION);
}

/* ---- compare ---- */

static void t_cr_clr(void **state)
{
    S360 *t = *state;
    static const struct { uint32_t a, b; unsigned cs, cl; } c[] = {
        { 1, 1, 0, 0 }, { 0xFFFFFFFF, 1, 1, 2 }, { 1, 0xFFFFFFFF, 2, 1 },
        { 0x80000000, 0x7FFFFFFF, 1, 2 }, { 3, 4, 1, 1 } };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        set_gr(t, 1, c[i].a);
        set_gr(t, 2, c[i].b);
        set_ia(t, CODE);
        exec1(t, "1912");                      /* CR 1,2 */
        assert_int_equal(cc(t), c[i].cs);
        set_ia(t, CODE);
        exec1(t, "1512");                      /* CLR 1,2 */
        assert_int_equal(cc(t), c[i].cl);
        assert_int_equal(gr(t, 1), c[i].a);
    }
}

static void t_c_cl_ch(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 0xFFFFFFFF);
    put_hex(t, DATA + 4, "FFFF");
    set_gr(t, 1, 0);
    exec1(t, "5910C000");                      /* C: 0 > -1 */
    assert_int_equal(cc(t), 2);
    set_ia(t, CODE);
    exec1(t, "5510C000");                      /* CL: 0 < X'FFFFFFFF' */
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    set_gr(t, 1, 0xFFFFFFFF);
    exec1(t, "4910C004");                      /* CH: -1 == -1 */
    assert_int_equal(cc(t), 0);
    set_ia(t, CODE);
    exec1_pgm(t, "5910C002", SPECIFICATION);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_lr), T(t_l), T(t_l_misaligned), T(t_lh), T(t_lh_misaligned), T(t_la),
        T(t_la_wrap), T(t_ltr), T(t_lcr), T(t_lcr_maxneg), T(t_lnr), T(t_lpr),
        T(t_lpr_maxneg), T(t_st_sth_stc), T(t_st_misaligned), T(t_sth_misaligned),
        T(t_ic), T(t_stm_lm_wrap), T(t_lm_one), T(t_stm_all_or_nothing),
        T(t_stm_misaligned), T(t_ar), T(t_a), T(t_ar_overflow_interrupt),
        T(t_ar_other_masks), T(t_ah), T(t_alr), T(t_al), T(t_al_no_overflow_interrupt),
        T(t_sr), T(t_s), T(t_sr_self), T(t_s_overflow_interrupt), T(t_sh), T(t_slr),
        T(t_sl), T(t_mr), T(t_mr_large), T(t_mr_odd), T(t_m), T(t_mh), T(t_dr),
        T(t_dr_signs), T(t_dr_zero), T(t_dr_quotient_too_large), T(t_dr_largest_quotient),
        T(t_dr_odd), T(t_d), T(t_cr_clr), T(t_c_cl_ch),
    };
#undef T
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
