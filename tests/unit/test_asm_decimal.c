/* test_asm_decimal.c — decimal constants to binary (assembler/asm_decimal.c).
 *
 * Hexadecimal floating point as System/360 Principles of Operation
 * (A22-6821) "Floating-Point Arithmetic" defines it: sign, excess-64
 * characteristic, normalized fraction of 6 (short) or 14 (long) hexadecimal
 * digits; the assembler rounds the fraction in its last digit (HLASM
 * Language Reference, "Floating-point constants"). The values are hand
 * conversions by those rules: 1 = 0.1 (hex) * 16**1 = X'41100000'; 0.1 =
 * 0.19999... (hex), rounded up in the last digit; 100 = 0.64 (hex) * 16**2.
 * Fixed point with decimal points, exponents and scale modifiers (F and H),
 * the range of the length (-32768..32767 for H).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "assembler/asm_int.h"

static uint64_t flt(const char *v, int exp, int scale, int len, int *err)
{
    uint8_t b[8];
    *err = asm_dec_float(v, (int)strlen(v), exp, scale, len, b);
    uint64_t x = 0;
    for (int i = 0; i < len; i++)
        x = x << 8 | b[i];
    return x;
}

static uint64_t fix(const char *v, int exp, int scale, int len, int *err)
{
    uint8_t b[8];
    *err = asm_dec_fixed(v, (int)strlen(v), exp, scale, len, b);
    uint64_t x = 0;
    for (int i = 0; i < len; i++)
        x = x << 8 | b[i];
    return x;
}

static void test_short_float(void **state)
{
    (void)state;
    int e;
    assert_int_equal(flt("1", 0, 0, 4, &e), 0x41100000);
    assert_int_equal(e, 0);
    assert_int_equal(flt("-1", 0, 0, 4, &e), 0xC1100000);
    assert_int_equal(flt("0.5", 0, 0, 4, &e), 0x40800000);
    assert_int_equal(flt("100", 0, 0, 4, &e), 0x42640000);
    assert_int_equal(flt("0.1", 0, 0, 4, &e), 0x4019999A);       /* ...9999|9 rounds up */
    assert_int_equal(flt("-0.1", 0, 0, 4, &e), 0xC019999A);
    assert_int_equal(flt("1E2", 0, 0, 4, &e), 0x42640000);       /* exponent in the value */
    assert_int_equal(flt("1", 2, 0, 4, &e), 0x42640000);         /* exponent modifier E2 */
    assert_int_equal(flt("0", 0, 0, 4, &e), 0);
    assert_int_equal(flt("1", 0, 1, 4, &e), 0x42010000);         /* scale S1: one hex zero */
}

static void test_long_float(void **state)
{
    (void)state;
    int e;
    assert_true(flt("0.1", 0, 0, 8, &e) == 0x401999999999999AULL);
    assert_true(flt("-1E-2", 0, 0, 8, &e) == 0xBF28F5C28F5C28F6ULL);
    assert_true(flt("1.5", 0, 0, 8, &e) == 0x4118000000000000ULL);
    /* 16**63 > 1E75 fits; 1E76 needs characteristic 128 */
    flt("1E75", 0, 0, 8, &e);
    assert_int_equal(e, 0);
    flt("1E76", 0, 0, 8, &e);
    assert_int_equal(e, ASMA072E);
}

static void test_fixed(void **state)
{
    (void)state;
    int e;
    assert_int_equal(fix("1.5", 0, 4, 4, &e), 24);               /* FS4'1.5' */
    assert_int_equal(fix("3", 2, 0, 4, &e), 300);                /* FE2'3' */
    assert_int_equal(fix("-2", 0, 0, 2, &e), 0xFFFE);
    assert_int_equal(fix("25E-1", 0, 0, 4, &e), 3);              /* 2.5 rounds to 3 */
    assert_int_equal(fix("0.75", 0, 2, 2, &e), 3);               /* HS2'.75' */
    fix("32768", 0, 0, 2, &e);
    assert_int_equal(e, ASMA072E);                               /* H: -32768..32767 */
    assert_int_equal(fix("-32768", 0, 0, 2, &e), 0x8000);
    assert_int_equal(e, 0);
    fix("1.X", 0, 0, 4, &e);
    assert_int_equal(e, ASMA041E);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_float),
        cmocka_unit_test(test_long_float),
        cmocka_unit_test(test_fixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
