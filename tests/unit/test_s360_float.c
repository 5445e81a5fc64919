/* test_s360_float.c — System/360 hexadecimal floating point from Principles
 * of Operation A22-6821, "Floating-Point Arithmetic": loads and stores, the
 * sign-changing loads and their CC, HALVE (no normalization on S/360),
 * normalized and unnormalized add and subtract with the guard digit,
 * compare, multiply (short operands give a long product) and divide with
 * prenormalization, exponent overflow and underflow, significance, the
 * floating-point divide exception and the specification exception for
 * register numbers other than 0, 2, 4 and 6.
 */
#include "s360_harness.h"

enum { EXP_OVERFLOW = 0x0C, EXP_UNDERFLOW = 0x0D, SIGNIFICANCE = 0x0E, FP_DIVIDE = 0x0F };

static int fr_item(S360 *t)
{
    int i = uc_machine_find_item(t->m, "FR");
    assert_true(i >= 0);
    return i;
}
static void set_fr(S360 *t, unsigned r, uint64_t v) { uc_set_item(t->cpu, (unsigned)fr_item(t), r, v); }
static uint64_t fr(S360 *t, unsigned r) { return uc_get_item(t->cpu, (unsigned)fr_item(t), r); }

/* RR instruction on FR2 (first) and FR4 (second), short values in the left
   half; the right half of FR2 is set to a marker. */
static void rr_short(S360 *t, const char *hex, uint32_t a, uint32_t b)
{
    restart(t, CODE);
    set_fr(t, 2, ((uint64_t)a << 32) | 0x11223344);
    set_fr(t, 4, ((uint64_t)b << 32) | 0x55667788);
    exec1(t, hex);
}
static void rr_long(S360 *t, const char *hex, uint64_t a, uint64_t b)
{
    restart(t, CODE);
    set_fr(t, 2, a);
    set_fr(t, 4, b);
    exec1(t, hex);
}
static uint32_t hi(S360 *t, unsigned r) { return (uint32_t)(fr(t, r) >> 32); }

static void t_load_store(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_hex(t, DATA, "C1100000 12345678");
    set_fr(t, 6, 0xAAAAAAAABBBBBBBBull);
    exec1(t, "7860C000");                                  /* LE 6: right half kept */
    assert_true(fr(t, 6) == 0xC1100000BBBBBBBBull);
    restart(t, CODE);
    exec1(t, "6800C000");                                  /* LD 0 */
    assert_true(fr(t, 0) == 0xC110000012345678ull);
    restart(t, CODE);
    exec1(t, "7060C008");                                  /* STE 6 */
    assert_int_equal(get_u32(t, DATA + 8), 0xC1100000);
    restart(t, CODE);
    exec1(t, "6000C010");                                  /* STD 0 */
    assert_int_equal(get_u32(t, DATA + 0x14), 0x12345678);
    rr_short(t, "3824", 0, 0x41100000);                    /* LER */
    assert_true(fr(t, 2) == 0x4110000011223344ull);
    rr_long(t, "2824", 0, 0x0000000012345678ull);          /* LDR: no normalization */
    assert_true(fr(t, 2) == 0x0000000012345678ull);
    restart(t, CODE);
    exec1_pgm(t, "6800C004", SPECIFICATION);               /* LD unaligned */
    restart(t, CODE);
    exec1_pgm(t, "7800C002", SPECIFICATION);               /* LE unaligned */
}

static void t_specification(void **state)
{
    S360 *t = *state;
    static const char *const bad[] = { "3812", "3821", "3A24" /* ok */, "3A28", "2A14", "7A30C000", "6910C000", "3435" };
    set_gr(t, 12, DATA);
    put_hex(t, DATA, "41100000 00000000");
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        restart(t, CODE);
        if (i == 2) {
            exec1(t, bad[i]);
            continue;
        }
        exec1_pgm(t, bad[i], SPECIFICATION);
    }
}

static void t_sign_loads(void **state)
{
    S360 *t = *state;
    rr_short(t, "3224", 0, 0x80000000);                    /* LTER minus zero fraction */
    assert_int_equal(cc(t), 0);
    assert_int_equal(hi(t, 2), 0x80000000);
    rr_short(t, "3324", 0, 0x41100000);                    /* LCER */
    assert_int_equal(hi(t, 2), 0xC1100000);
    assert_int_equal(cc(t), 1);
    assert_int_equal((uint32_t)fr(t, 2), 0x11223344);
    rr_short(t, "3024", 0, 0xC1100000);                    /* LPER */
    assert_int_equal(hi(t, 2), 0x41100000);
    assert_int_equal(cc(t), 2);
    rr_short(t, "3124", 0, 0x41100000);                    /* LNER */
    assert_int_equal(hi(t, 2), 0xC1100000);
    assert_int_equal(cc(t), 1);
    rr_short(t, "3124", 0, 0x00000000);                    /* LNER of zero: minus, CC 0 */
    assert_int_equal(hi(t, 2), 0x80000000);
    assert_int_equal(cc(t), 0);
    rr_long(t, "2224", 0, 0x4000000000000001ull);          /* LTDR: the right half counts */
    assert_int_equal(cc(t), 2);
    rr_long(t, "2324", 0, 0x4000000000000001ull);          /* LCDR */
    assert_true(fr(t, 2) == 0xC000000000000001ull);
    assert_int_equal(cc(t), 1);
    rr_long(t, "2024", 0, 0xC000000000000000ull);          /* LPDR */
    assert_true(fr(t, 2) == 0x4000000000000000ull);
    assert_int_equal(cc(t), 0);
    rr_long(t, "2124", 0, 0x4110000000000000ull);          /* LNDR */
    assert_true(fr(t, 2) == 0xC110000000000000ull);
}

static void t_halve(void **state)
{
    S360 *t = *state;
    rr_short(t, "3424", 0, 0x41300000);
    assert_int_equal(hi(t, 2), 0x41180000);
    rr_short(t, "3424", 0, 0x41100000);                    /* not normalized */
    assert_int_equal(hi(t, 2), 0x41080000);
    assert_int_equal((uint32_t)fr(t, 2), 0x11223344);
    rr_short(t, "3424", 0, 0xC0000001);                    /* the bit is lost; no zero test */
    assert_int_equal(hi(t, 2), 0xC0000000);
    rr_long(t, "2424", 0, 0x4110000000000001ull);
    assert_true(fr(t, 2) == 0x4108000000000000ull);
}

static void t_add(void **state)
{
    S360 *t = *state;
    rr_short(t, "3A24", 0x41100000, 0x41100000);           /* 1 + 1 */
    assert_int_equal(hi(t, 2), 0x41200000);
    assert_int_equal(cc(t), 2);
    assert_int_equal((uint32_t)fr(t, 2), 0x11223344);      /* right half kept */
    rr_short(t, "3A24", 0x41F00000, 0x41100000);           /* carry: right shift */
    assert_int_equal(hi(t, 2), 0x42100000);
    rr_short(t, "3A24", 0x41100000, 0xC1300000);           /* 1 - 3 */
    assert_int_equal(hi(t, 2), 0xC1200000);
    assert_int_equal(cc(t), 1);
    rr_short(t, "3A24", 0x40100000, 0x40100000);
    assert_int_equal(hi(t, 2), 0x40200000);
    rr_short(t, "3A24", 0x41100000, 0xC1080000);           /* normalization */
    assert_int_equal(hi(t, 2), 0x40800000);
    rr_short(t, "3A24", 0x41100000, 0x3A100000);           /* shifted beyond the guard: lost */
    assert_int_equal(hi(t, 2), 0x41100000);
    rr_short(t, "3A24", 0x00000000, 0x41000123);           /* an unnormalized operand */
    assert_int_equal(hi(t, 2), 0x3E123000);
    rr_long(t, "2A24", 0x4110000000000000ull, 0x3410000000000000ull);
    assert_true(fr(t, 2) == 0x4110000000000001ull);
    rr_long(t, "2A24", 0x4110000000000000ull, 0x3310000000000000ull);   /* in the guard digit */
    assert_true(fr(t, 2) == 0x4110000000000000ull);
}

static void t_guard_digit(void **state)
{
    S360 *t = *state;
    /* 1 - 0.FFFFFF: the guard digit keeps the last digit of the shifted operand */
    rr_short(t, "3B24", 0x41100000, 0x40FFFFFF);           /* SER */
    assert_int_equal(hi(t, 2), 0x3B100000);
    assert_int_equal(cc(t), 2);
    rr_long(t, "2B24", 0x4110000000000000ull, 0x40FFFFFFFFFFFFFFull);   /* SDR */
    assert_true(fr(t, 2) == 0x3310000000000000ull);
    /* short: digits right of the guard digit are lost before subtracting */
    rr_short(t, "3B24", 0x41100000, 0x3F100001);           /* no borrow from the lost 1 */
    assert_int_equal(hi(t, 2), 0x40FF0000);
}

static void t_unnormalized(void **state)
{
    S360 *t = *state;
    rr_short(t, "3E24", 0x41100000, 0xC0800000);           /* AUR: 1 - 0.5 */
    assert_int_equal(hi(t, 2), 0x41080000);
    assert_int_equal(cc(t), 2);
    rr_short(t, "3F24", 0x41100000, 0x40100000);           /* SUR: guard digit dropped */
    assert_int_equal(hi(t, 2), 0x410F0000);
    rr_long(t, "2E24", 0x4200000000000001ull, 0x4200000000000001ull);   /* AWR */
    assert_true(fr(t, 2) == 0x4200000000000002ull);
    /* the truncated sum is tested: a guard digit alone is a zero fraction */
    rr_short(t, "3E24", 0xC0EE53ED, 0x46000000);           /* AUR */
    assert_int_equal(hi(t, 2), 0);
    assert_int_equal(cc(t), 0);
    rr_long(t, "2F24", 0x4110000000000000ull, 0x4110000000000000ull);   /* SWR: zero */
    assert_true(fr(t, 2) == 0);
    assert_int_equal(cc(t), 0);
    set_gr(t, 12, DATA);
    put_hex(t, DATA, "C1100000 00000000");
    restart(t, CODE);
    set_fr(t, 2, 0x4130000000000000ull);
    exec1(t, "7E20C000");                                  /* AU */
    assert_int_equal(hi(t, 2), 0x41200000);
    restart(t, CODE);
    exec1(t, "6E20C000");                                  /* AW: -1 + 2 */
    assert_true(fr(t, 2) == 0x4110000000000000ull);
}

static void t_significance(void **state)
{
    S360 *t = *state;
    rr_short(t, "3A24", 0x41100000, 0xC1100000);           /* mask off: true zero */
    assert_int_equal(hi(t, 2), 0);
    assert_int_equal(cc(t), 0);
    restart(t, CODE);
    set_pmask(t, 1);                                       /* bit 39 */
    set_fr(t, 2, 0x4210000000000000ull);
    set_fr(t, 4, 0xC210000000000000ull);
    exec1_pgm(t, "2A24", SIGNIFICANCE);
    assert_true(fr(t, 2) == 0x4200000000000000ull);       /* characteristic kept */
    set_pmask(t, 0);
}

static void t_exponent(void **state)
{
    S360 *t = *state;
    /* overflow always interrupts; the characteristic is 128 too small */
    restart(t, CODE);
    set_fr(t, 2, 0x7FF0000000000000ull);
    set_fr(t, 4, 0x7F10000000000000ull);
    exec1_pgm(t, "2A24", EXP_OVERFLOW);
    assert_true(fr(t, 2) == 0x0010000000000000ull);
    assert_int_equal((get_n(t, PGM_OLD, 8) >> 28) & 3, 3);
    /* underflow: a true zero; interrupts only under bit 38 */
    rr_short(t, "3A24", 0x00100000, 0x80080000);
    assert_int_equal(hi(t, 2), 0);
    assert_int_equal(cc(t), 0);
    restart(t, CODE);
    set_pmask(t, 2);
    set_fr(t, 2, 0x0010000000000000ull);
    set_fr(t, 4, 0x8008000000000000ull);
    exec1_pgm(t, "2A24", EXP_UNDERFLOW);
    assert_true(fr(t, 2) == 0);
    set_pmask(t, 0);
}

static void t_compare(void **state)
{
    S360 *t = *state;
    rr_short(t, "3924", 0x41100000, 0x40800000);
    assert_int_equal(cc(t), 2);
    assert_int_equal(hi(t, 2), 0x41100000);
    rr_short(t, "3924", 0x41100000, 0x42010000);           /* equal values */
    assert_int_equal(cc(t), 0);
    rr_short(t, "3924", 0x00000000, 0xC2000000);           /* zero fractions */
    assert_int_equal(cc(t), 0);
    rr_short(t, "3924", 0xC1100000, 0x40800000);
    assert_int_equal(cc(t), 1);
    rr_short(t, "3924", 0x7F100000, 0x00100000);           /* no exception */
    assert_int_equal(cc(t), 2);
    rr_long(t, "2924", 0x4110000000000000ull, 0x4110000000000001ull);
    assert_int_equal(cc(t), 1);
    rr_short(t, "3924", 0x41100000, 0x3A100000);           /* lost beyond the guard digit */
    assert_int_equal(cc(t), 2);
    rr_short(t, "3924", 0x3A100000, 0x80000000);
    assert_int_equal(cc(t), 2);
}

static void t_multiply(void **state)
{
    S360 *t = *state;
    rr_short(t, "3C24", 0x41200000, 0x41300000);           /* 2 * 3: long product */
    assert_true(fr(t, 2) == 0x4160000000000000ull);
    rr_short(t, "3C24", 0x41FFFFFF, 0x41FFFFFF);           /* all 12 digits kept */
    assert_true(fr(t, 2) == 0x42FFFFFE00000100ull);
    rr_short(t, "3C24", 0x42001000, 0xC1200000);           /* prenormalization */
    assert_true(fr(t, 2) == 0xC020000000000000ull);
    rr_short(t, "3C24", 0x41100000, 0x80000000);           /* zero: true zero */
    assert_true(fr(t, 2) == 0);
    rr_long(t, "2C24", 0x4110000000000001ull, 0x4110000000000001ull);
    assert_true(fr(t, 2) == 0x4110000000000002ull);
    rr_long(t, "2C24", 0x40FFFFFFFFFFFFFFull, 0x40FFFFFFFFFFFFFFull);   /* truncated */
    assert_true(fr(t, 2) == 0x40FFFFFFFFFFFFFEull);
    /* overflow and underflow */
    restart(t, CODE);
    set_fr(t, 2, 0x7F80000000000000ull);
    set_fr(t, 4, 0x4120000000000000ull);
    exec1_pgm(t, "2C24", EXP_OVERFLOW);
    assert_true(fr(t, 2) == 0x0010000000000000ull);
    rr_long(t, "2C24", 0x0110000000000000ull, 0x0110000000000000ull);
    assert_true(fr(t, 2) == 0);
    restart(t, CODE);
    set_pmask(t, 2);
    set_fr(t, 2, 0x0110000000000000ull);
    set_fr(t, 4, 0x0110000000000000ull);
    exec1_pgm(t, "2C24", EXP_UNDERFLOW);
    set_pmask(t, 0);
}

static void t_divide(void **state)
{
    S360 *t = *state;
    rr_short(t, "3D24", 0x41600000, 0x41200000);           /* 6 / 2: shifted right */
    assert_int_equal(hi(t, 2), 0x41300000);
    assert_int_equal((uint32_t)fr(t, 2), 0x11223344);
    rr_short(t, "3D24", 0x41100000, 0x41300000);           /* 1 / 3, truncated */
    assert_int_equal(hi(t, 2), 0x40555555);
    rr_long(t, "2D24", 0x4110000000000000ull, 0x4130000000000000ull);
    assert_true(fr(t, 2) == 0x4055555555555555ull);
    rr_short(t, "3D24", 0xC2001000, 0x40800000);           /* prenormalized dividend */
    assert_int_equal(hi(t, 2), 0xC0200000);
    rr_short(t, "3D24", 0x80000000, 0x41300000);           /* zero dividend: true zero */
    assert_int_equal(hi(t, 2), 0);
    /* zero divisor: suppressed */
    restart(t, CODE);
    set_fr(t, 2, 0x4110000000000000ull);
    set_fr(t, 4, 0x4100000012345678ull);
    exec1_pgm(t, "3D24", FP_DIVIDE);                        /* short: the right half ignored */
    assert_true(fr(t, 2) == 0x4110000000000000ull);
    restart(t, CODE);
    set_fr(t, 4, 0);
    exec1_pgm(t, "2D24", FP_DIVIDE);
    restart(t, CODE);
    set_fr(t, 2, 0x7F10000000000000ull);
    set_fr(t, 4, 0x3F10000000000000ull);
    exec1_pgm(t, "2D24", EXP_OVERFLOW);
    assert_true(fr(t, 2) == 0x0110000000000000ull);
}

static void t_rx_forms(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_hex(t, DATA, "41300000 00000000 41200000 00000000");
    restart(t, CODE);
    set_fr(t, 0, 0x4160000000000000ull);
    exec1(t, "7D00C000");                                  /* DE: 6/3 */
    assert_int_equal(hi(t, 0), 0x41200000);
    restart(t, CODE);
    exec1(t, "7C00C008");                                  /* ME: 2*2 */
    assert_true(fr(t, 0) == 0x4140000000000000ull);
    restart(t, CODE);
    exec1(t, "6B00C000");                                  /* SD: 4-3 */
    assert_true(fr(t, 0) == 0x4110000000000000ull);
    restart(t, CODE);
    exec1(t, "7900C008");                                  /* CE 1 : 2 */
    assert_int_equal(cc(t), 1);
    restart(t, CODE);
    exec1(t, "6D00C008");                                  /* DD: 1/2 */
    assert_true(fr(t, 0) == 0x4080000000000000ull);
    restart(t, CODE);
    exec1(t, "6C00C000");                                  /* MD: 0.5*3 */
    assert_true(fr(t, 0) == 0x4118000000000000ull);
    restart(t, CODE);
    exec1(t, "7A00C008");                                  /* AE */
    assert_int_equal(hi(t, 0), 0x41380000);
    restart(t, CODE);
    exec1(t, "7B00C000");                                  /* SE */
    assert_int_equal(hi(t, 0), 0x40800000);
    restart(t, CODE);
    exec1(t, "6A00C008");                                  /* AD */
    assert_true(fr(t, 0) == 0x4128000000000000ull);
    restart(t, CODE);
    exec1(t, "6900C000");                                  /* CD 2.5 : 3 */
    assert_int_equal(cc(t), 1);
    restart(t, CODE);
    exec1(t, "7F00C000");                                  /* SU: 2.5 - 3, unnormalized */
    assert_int_equal(hi(t, 0), 0xC1080000);
    restart(t, CODE);
    exec1_pgm(t, "6A00C004", SPECIFICATION);               /* AD unaligned */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_load_store), T(t_specification), T(t_sign_loads), T(t_halve), T(t_add),
        T(t_guard_digit), T(t_unnormalized), T(t_significance), T(t_exponent), T(t_compare),
        T(t_multiply), T(t_divide), T(t_rx_forms),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
