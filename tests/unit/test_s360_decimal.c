/* test_s360_decimal.c — System/360 decimal arithmetic, decimal moves and
 * conversions, editing and translation, from Principles of Operation
 * A22-6821, "Decimal Arithmetic" (AP SP ZAP CP MP DP, PACK UNPK MVO, the
 * sign and digit codes, data exception, decimal overflow under the program
 * mask, decimal divide, the operand-length rules of MP and DP),
 * "Logical Operations" (MVN MVZ, ED EDMK with fill, significance starter,
 * field separator and the condition code, TR TRT) and "Fixed-Point
 * Arithmetic" (CVB CVD). Examples follow the manual's where it gives one.
 */
#include "s360_harness.h"

enum { DATA_OVF = 0x0A, DECIMAL_DIVIDE = 0x0B, DATA_EXC = 0x07 };

static void base(S360 *t) { set_gr(t, 12, DATA); }

/* The bytes at addr must be the hex text. */
static void expect_hex(S360 *t, uint64_t addr, const char *hex)
{
    char got[520];
    size_t n = 0;
    for (const char *p = hex; *p; p++)
        if (*p != ' ')
            n++;
    n /= 2;
    assert_true(n * 2 < sizeof got);
    for (size_t i = 0; i < n; i++)
        snprintf(got + 2 * i, 3, "%02X", get_u8(t, addr + i));
    char want[520];
    size_t k = 0;
    for (const char *p = hex; *p; p++)
        if (*p != ' ')
            want[k++] = *p;
    want[k] = 0;
    assert_string_equal(got, want);
}

/* Run one instruction at CODE with fields placed at DATA+0 and DATA+0x10. */
static void dec2(S360 *t, const char *insn, const char *f1, const char *f2)
{
    base(t);
    restart(t, CODE);
    put_hex(t, DATA, f1);
    put_hex(t, DATA + 0x10, f2);
    exec1(t, insn);
}

static void dec2_pgm(S360 *t, const char *insn, const char *f1, const char *f2, unsigned code)
{
    base(t);
    restart(t, CODE);
    put_hex(t, DATA, f1);
    put_hex(t, DATA + 0x10, f2);
    exec1_pgm(t, insn, code);
}

/* ---- AP SP ZAP CP ---- */

static void t_ap(void **state)
{
    S360 *t = *state;
    dec2(t, "FA21C000C010", "00123C", "045D");          /* 123 + -45 */
    expect_hex(t, DATA, "00078C");
    assert_int_equal(cc(t), 2);
    dec2(t, "FA21C000C010", "00123C", "123D");          /* zero sum is positive */
    expect_hex(t, DATA, "00000C");
    assert_int_equal(cc(t), 0);
    dec2(t, "FA21C000C010", "00045D", "123C");          /* -45 + 123 */
    expect_hex(t, DATA, "00078C");
    assert_int_equal(cc(t), 2);
    dec2(t, "FA21C000C010", "00045D", "123B");          /* alternate minus code */
    expect_hex(t, DATA, "00168D");
    assert_int_equal(cc(t), 1);
    dec2(t, "FA21C000C010", "00123F", "045A");          /* alternate plus codes */
    expect_hex(t, DATA, "00168C");
    assert_int_equal(cc(t), 2);
    dec2(t, "FA21C000C010", "00123E", "999D");          /* -876 */
    expect_hex(t, DATA, "00876D");
    assert_int_equal(cc(t), 1);
    /* a number added to itself: rightmost bytes coincide */
    dec2(t, "FA22C000C000", "00250C", "");
    expect_hex(t, DATA, "00500C");
    /* second operand longer than the first: the field sizes alone are no overflow */
    dec2(t, "FA12C000C010", "012C", "00001C");
    expect_hex(t, DATA, "013C");
    assert_int_equal(cc(t), 2);
}

static void t_ap_ascii(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "00123C");
    put_hex(t, DATA + 0x10, "200D");
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE) | (1ull << 51));   /* PSW bit 12 */
    exec1(t, "FA21C000C010");
    expect_hex(t, DATA, "00077B");                     /* ASCII minus code */
    assert_int_equal(cc(t), 1);
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE) | (1ull << 51));
    put_hex(t, DATA + 0x10, "100C");
    exec1(t, "FA21C000C010");
    expect_hex(t, DATA, "00023A");                     /* ASCII plus code */
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
}

static void t_ap_overflow(void **state)
{
    S360 *t = *state;
    dec2(t, "FA21C000C010", "99999C", "001C");
    expect_hex(t, DATA, "00000C");                     /* carry lost */
    assert_int_equal(cc(t), 3);
    dec2(t, "FA21C000C010", "99999D", "001D");
    expect_hex(t, DATA, "00000D");                     /* zero keeps the sign of the sum */
    assert_int_equal(cc(t), 3);
    dec2(t, "FA12C000C010", "001C", "12345C");         /* oversized result */
    expect_hex(t, DATA, "346C");
    assert_int_equal(cc(t), 3);
    /* under the decimal-overflow mask (bit 37): interruption after the result */
    base(t);
    put_hex(t, DATA, "99999C");
    put_hex(t, DATA + 0x10, "001C");
    set_psw(t, make_psw(0, 0, 0, 0, 0, 4, CODE));
    exec1_pgm(t, "FA21C000C010", DATA_OVF);
    expect_hex(t, DATA, "00000C");
    assert_int_equal((get_n(t, PGM_OLD, 8) >> 28) & 3, 3);   /* CC 3 in the old PSW */
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
}

static void t_ap_long(void **state)
{
    S360 *t = *state;
    /* 31 digits: carries across every position */
    dec2(t, "FAF0C000C010", "0999999999999999999999999999999C", "1C");
    expect_hex(t, DATA, "1000000000000000000000000000000C");
    assert_int_equal(cc(t), 2);
    dec2(t, "FAF0C000C010", "9999999999999999999999999999999C", "1C");
    expect_hex(t, DATA, "0000000000000000000000000000000C");
    assert_int_equal(cc(t), 3);
    dec2(t, "FBFFC000C010", "1000000000000000000000000000000C",
         "0000000000000001000000000000000C");                   /* SP */
    expect_hex(t, DATA, "0999999999999999000000000000000C");
    dec2(t, "FBFFC000C010", "0000000000000001000000000000000C",
         "1000000000000000000000000000000C");
    expect_hex(t, DATA, "0999999999999999000000000000000D");
    assert_int_equal(cc(t), 1);
}

static void t_sp(void **state)
{
    S360 *t = *state;
    dec2(t, "FB21C000C010", "00050C", "100C");
    expect_hex(t, DATA, "00050D");
    assert_int_equal(cc(t), 1);
    dec2(t, "FB21C000C010", "00050D", "050D");           /* difference zero, positive */
    expect_hex(t, DATA, "00000C");
    assert_int_equal(cc(t), 0);
    dec2(t, "FB22C000C000", "12345D", "");               /* a field minus itself */
    expect_hex(t, DATA, "00000C");
}

static void t_zap(void **state)
{
    S360 *t = *state;
    dec2(t, "F821C000C010", "ABCDEF", "045D");           /* first operand not checked */
    expect_hex(t, DATA, "00045D");
    assert_int_equal(cc(t), 1);
    dec2(t, "F821C000C010", "ABCDEF", "000D");           /* minus zero becomes plus */
    expect_hex(t, DATA, "00000C");
    assert_int_equal(cc(t), 0);
    dec2(t, "F812C000C010", "FFFF", "12345F");           /* overflow */
    expect_hex(t, DATA, "345C");
    assert_int_equal(cc(t), 3);
    /* first operand's rightmost byte right of the second's: a shift */
    dec2(t, "F832C001C000", "12345C00000000", "");
    expect_hex(t, DATA, "120012345C");
    dec2_pgm(t, "F821C000C010", "00000C", "04AD", DATA_EXC);
    /* the first operand's rightmost byte left of the second's: data exception */
    dec2_pgm(t, "F823C000C001", "00012345C0", "", DATA_EXC);
    expect_hex(t, DATA, "00012345C0");
}

/* AP SP MP DP: overlapping fields whose rightmost bytes do not coincide are
   a data exception on System/360 (such fields cannot both hold valid codes,
   so only ZAP, whose first operand is not checked, shows the rule alone);
   nothing changes. */
static void t_overlap(void **state)
{
    S360 *t = *state;
    dec2_pgm(t, "FA21C000C002", "00123C45", "", DATA_EXC);
    expect_hex(t, DATA, "00123C45");
    dec2_pgm(t, "FB21C001C000", "0000123C", "", DATA_EXC);
    dec2_pgm(t, "FC31C000C001", "0000123C", "", DATA_EXC);
    dec2_pgm(t, "FD31C000C001", "0000123C", "", DATA_EXC);
    dec2(t, "FC31C000C002", "0000012C", "");            /* rightmost bytes coincide */
    expect_hex(t, DATA, "0000144C");
    dec2(t, "FA30C000C003", "0000012C", "");            /* AP of its last byte to the field */
    expect_hex(t, DATA, "0000014C");
}

static void t_cp(void **state)
{
    S360 *t = *state;
    dec2(t, "F912C000C010", "123C", "00123F");
    assert_int_equal(cc(t), 0);
    dec2(t, "F900C000C010", "0D", "0C");                 /* -0 equals +0 */
    assert_int_equal(cc(t), 0);
    dec2(t, "F900C000C010", "5D", "3C");
    assert_int_equal(cc(t), 1);
    dec2(t, "F900C000C010", "5D", "7D");
    assert_int_equal(cc(t), 2);
    dec2(t, "F911C000C010", "100C", "099C");
    assert_int_equal(cc(t), 2);
    expect_hex(t, DATA, "100C");                          /* unchanged */
    dec2_pgm(t, "F911C000C010", "1001", "099C", DATA_EXC);
}

static void t_data_exception(void **state)
{
    S360 *t = *state;
    dec2_pgm(t, "FA21C000C010", "0A123C", "045D", DATA_EXC);   /* digit code */
    expect_hex(t, DATA, "0A123C");
    dec2_pgm(t, "FA21C000C010", "001234", "045D", DATA_EXC);   /* sign code */
    expect_hex(t, DATA, "001234");
    dec2_pgm(t, "FA21C000C010", "00123C", "04C5", DATA_EXC);   /* sign in a digit place */
    expect_hex(t, DATA, "00123C");
}

/* ---- MP DP ---- */

static void t_mp(void **state)
{
    S360 *t = *state;
    dec2(t, "FC31C000C010", "0000123C", "045D");
    expect_hex(t, DATA, "0005535D");
    dec2(t, "FC31C000C010", "0000123D", "045D");
    expect_hex(t, DATA, "0005535C");
    dec2(t, "FC31C000C010", "0000000C", "045D");         /* zero product signed by algebra */
    expect_hex(t, DATA, "0000000D");
    /* the longest: 15-digit multiplier, 16-digit multiplicand */
    dec2(t, "FCF7C000C010", "0000000000000000999999999999999C", "999999999999999C");
    expect_hex(t, DATA, "0999999999999998000000000000001C");
}

static void t_mp_rules(void **state)
{
    S360 *t = *state;
    dec2_pgm(t, "FC33C000C010", "0000123C", "045D", SPECIFICATION);   /* L2 = L1 */
    dec2_pgm(t, "FCF8C000C010", "0000000000000000000000000000123C",
             "00000000000000001C", SPECIFICATION);                     /* L2 > 8 */
    dec2_pgm(t, "FC31C000C010", "0001234C", "012C", DATA_EXC);       /* too few leading zeros */
    expect_hex(t, DATA, "0001234C");
    dec2_pgm(t, "FC31C000C010", "0000123C", "04AD", DATA_EXC);
}

static void t_dp(void **state)
{
    S360 *t = *state;
    /* the manual's example: 12345678 / -321 = -38460, remainder 18 */
    dec2(t, "FD41C000C010", "012345678C", "321D");
    expect_hex(t, DATA, "38460D018C");
    dec2(t, "FD41C000C010", "012345678D", "321D");
    expect_hex(t, DATA, "38460C018D");
    dec2(t, "FD41C000C010", "000000100D", "010C");       /* remainder zero, dividend's sign */
    expect_hex(t, DATA, "00010D000D");
    dec2(t, "FD41C000C010", "000000005C", "010D");       /* quotient zero, signed by algebra */
    expect_hex(t, DATA, "00000D005C");
    /* 31-digit dividend, 15-digit divisor */
    dec2(t, "FDF7C000C010", "0000000999999999999999999999999C", "999999999999999C");
    expect_hex(t, DATA, "000001000000000C000000999999999C");
    dec2_pgm(t, "FD41C000C010", "012345678C", "000C", DECIMAL_DIVIDE);   /* zero divisor */
    expect_hex(t, DATA, "012345678C");
    dec2_pgm(t, "FD20C000C010", "12345C", "1C", DECIMAL_DIVIDE);         /* quotient too long */
    expect_hex(t, DATA, "12345C");
    dec2_pgm(t, "FD14C000C010", "12345C", "1C", SPECIFICATION);
    dec2_pgm(t, "FD41C000C010", "01234567AC", "321D", DATA_EXC);
}

/* ---- PACK UNPK MVO MVN MVZ ---- */

static void t_pack(void **state)
{
    S360 *t = *state;
    dec2(t, "F224C000C010", "FFFFFF", "F1F2F3F4C5");
    expect_hex(t, DATA, "12345C");
    dec2(t, "F234C000C010", "FFFFFFFF", "F1F2F3F4C5");
    expect_hex(t, DATA, "0012345C");
    dec2(t, "F214C000C010", "FFFF", "F1F2F3F4C5");         /* extra source ignored */
    expect_hex(t, DATA, "345C");
    dec2(t, "F233C000C000", "F1F2F3F4", "");               /* in place */
    expect_hex(t, DATA, "0001234F");
    dec2(t, "F200C000C010", "FF", "AB");                   /* no code is checked */
    expect_hex(t, DATA, "BA");
}

static void t_unpk(void **state)
{
    S360 *t = *state;
    dec2(t, "F342C000C010", "0000000000", "12345C");
    expect_hex(t, DATA, "F1F2F3F4C5");
    dec2(t, "F362C000C010", "00000000000000", "12345C");
    expect_hex(t, DATA, "F0F0F1F2F3F4C5");
    dec2(t, "F322C000C010", "000000", "12345C");
    expect_hex(t, DATA, "F3F4C5");                         /* the rest is ignored */
    base(t);
    put_hex(t, DATA, "0000000000");
    put_hex(t, DATA + 0x10, "12345C");
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE) | (1ull << 51));
    exec1(t, "F342C000C010");
    expect_hex(t, DATA, "51525354C5");                     /* ASCII zones; the sign byte only swapped */
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
}

static void t_mvo(void **state)
{
    S360 *t = *state;
    dec2(t, "F132C000C010", "7788990C", "123456");        /* the manual's example */
    expect_hex(t, DATA, "0123456C");
    dec2(t, "F112C000C010", "990C", "123456");
    expect_hex(t, DATA, "456C");
}

static void t_mvn_mvz(void **state)
{
    S360 *t = *state;
    dec2(t, "D102C000C010", "F1F2F3", "C4C5C6");
    expect_hex(t, DATA, "F4F5F6");
    dec2(t, "D302C000C010", "F1F2F3", "C4C5C6");
    expect_hex(t, DATA, "C1C2C3");
    /* overlapping one byte to the right: left to right, one byte at a time */
    dec2(t, "D102C001C000", "F1F2F3F4", "");
    expect_hex(t, DATA, "F1F1F1F1");
}

/* ---- ED EDMK ---- */

static const char *PATTERN = "40 20 20 6B 20 21 20 4B 20 20 40 C3 D9";

static void t_ed(void **state)
{
    S360 *t = *state;
    dec2(t, "DE0CC000C010", PATTERN, "0257426C");          /* +2,574.26 */
    expect_hex(t, DATA, "4040F26BF5F7F44BF2F6404040");
    assert_int_equal(cc(t), 2);
    dec2(t, "DE0CC000C010", PATTERN, "0257426D");          /* -2,574.26 CR */
    expect_hex(t, DATA, "4040F26BF5F7F44BF2F640C3D9");
    assert_int_equal(cc(t), 1);
    dec2(t, "DE0CC000C010", PATTERN, "0000000C");          /* zero: the starter forces .00 */
    expect_hex(t, DATA, "404040404040F04BF0F0404040");
    assert_int_equal(cc(t), 0);
    dec2(t, "DE0CC000C010", PATTERN, "0000001D");          /* -.01 CR */
    expect_hex(t, DATA, "404040404040F04BF0F140C3D9");
    assert_int_equal(cc(t), 1);
    /* a fill other than blank */
    dec2(t, "DE04C000C010", "5C 20 20 20 20", "0012");
    expect_hex(t, DATA, "5C5C5CF1F2");
    /* field separator: the CC is that of the last field */
    dec2(t, "DE05C000C010", "40 20 20 22 20 20", "120C00");
    expect_hex(t, DATA, "40F1F2404040");
    assert_int_equal(cc(t), 0);
    dec2_pgm(t, "DE0CC000C010", PATTERN, "02A7426C", DATA_EXC);
    expect_hex(t, DATA, PATTERN);
}

static void t_ed_ascii(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "40 20 20 21 20");
    put_hex(t, DATA + 0x10, "01234C");
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE) | (1ull << 51));   /* PSW bit 12 */
    exec1(t, "DE04C000C010");
    expect_hex(t, DATA, "4040515253");                     /* zone 0101 */
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
}

static void t_edmk(void **state)
{
    S360 *t = *state;
    set_gr(t, 1, 0xAB000000);
    dec2(t, "DF0CC000C010", PATTERN, "0257426C");
    assert_int_equal(gr(t, 1), 0xAB000000 | (DATA + 2));  /* first significant digit */
    set_gr(t, 1, 0xAB000000);
    dec2(t, "DF0CC000C010", PATTERN, "0000001D");          /* significance by the starter */
    assert_int_equal(gr(t, 1), 0xAB000000);
    expect_hex(t, DATA, "404040404040F04BF0F140C3D9");
}

/* ---- CVB CVD ---- */

static void t_cvb(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "000000000025594C");                 /* the manual's example */
    exec1(t, "4F70C000");
    assert_int_equal(gr(t, 7), 0x000063FA);
    set_ia(t, CODE);
    put_hex(t, DATA, "000000000025594D");
    exec1(t, "4F70C000");
    assert_int_equal(gr(t, 7), 0xFFFF9C06);
    set_ia(t, CODE);
    put_hex(t, DATA, "000002147483648D");
    exec1(t, "4F70C000");
    assert_int_equal(gr(t, 7), 0x80000000);
    set_ia(t, CODE);
    put_hex(t, DATA, "000002147483648C");
    exec1_pgm(t, "4F70C000", FIXED_DIVIDE);
    restart(t, CODE);
    exec1_pgm(t, "4F70C004", SPECIFICATION);
    restart(t, CODE);
    put_hex(t, DATA, "00000000002559F4");
    exec1_pgm(t, "4F70C000", DATA_EXC);
}

static void t_cvd(void **state)
{
    S360 *t = *state;
    base(t);
    set_gr(t, 1, 3855);
    exec1(t, "4E10C000");
    expect_hex(t, DATA, "000000000003855C");
    set_ia(t, CODE);
    set_gr(t, 1, 0xFFFFFFFF);
    exec1(t, "4E10C000");
    expect_hex(t, DATA, "000000000000001D");
    set_ia(t, CODE);
    set_gr(t, 1, 0x80000000);
    exec1(t, "4E10C000");
    expect_hex(t, DATA, "000002147483648D");
    set_ia(t, CODE);
    set_gr(t, 1, 0);
    exec1(t, "4E10C000");
    expect_hex(t, DATA, "000000000000000C");
    set_ia(t, CODE);
    exec1_pgm(t, "4E10C004", SPECIFICATION);
}

/* ---- TR TRT ---- */

static void t_tr(void **state)
{
    S360 *t = *state;
    base(t);
    for (unsigned i = 0; i < 256; i++) {
        uint8_t b = (uint8_t)(i ^ 0xFF);
        put_bytes(t, DATA + 0x100 + i, &b, 1);
    }
    put_hex(t, DATA, "C1C200FF");
    exec1(t, "DC03C000C100");
    expect_hex(t, DATA, "3E3DFF00");
}

static void t_trt(void **state)
{
    S360 *t = *state;
    base(t);
    for (unsigned i = 0; i < 256; i++) {
        uint8_t b = 0;
        put_bytes(t, DATA + 0x100 + i, &b, 1);
    }
    put_hex(t, DATA + 0x100 + 0x6B, "04");
    put_hex(t, DATA, "C16BC26B");
    set_gr(t, 1, 0xEE000000);
    set_gr(t, 2, 0x12345678);
    exec1(t, "DD03C000C100");
    assert_int_equal(cc(t), 1);
    assert_int_equal(gr(t, 1), 0xEE000000 | (DATA + 1));
    assert_int_equal(gr(t, 2), 0x12345604);
    set_ia(t, CODE);
    exec1(t, "DD01C002C100");                               /* the last byte */
    assert_int_equal(cc(t), 2);
    assert_int_equal(gr(t, 1), 0xEE000000 | (DATA + 3));
    set_ia(t, CODE);
    set_gr(t, 1, 7);
    exec1(t, "DD00C000C100");                               /* none */
    assert_int_equal(cc(t), 0);
    assert_int_equal(gr(t, 1), 7);
    assert_int_equal(gr(t, 2), 0x12345604);
}

/* An SS decimal instruction that would store into a protected or missing
   block changes nothing. */
static void t_access(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "00123C");
    set_gr(t, 11, 0xFFFFF0);                               /* beyond 64K */
    exec1_pgm(t, "FA21C000B000", ADDRESSING);
    expect_hex(t, DATA, "00123C");
}

/* Store protection on the result field: suppressed or terminated before any
   byte changes (the field crosses into a protected block). */
static void t_protection(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA + 2048 - 2);                       /* the field spans two blocks */
    set_gr(t, 11, DATA);
    put_hex(t, DATA + 2046, "00123C");
    put_hex(t, DATA + 0x10, "045D");
    t->cpu->spaces[0].keys[(DATA + 2048) / 2048] = 5;
    static const char *const insn[] = {
        "FA21C000B010", "F821C000B010", "FC21C000B010", "F221C000B010", "F321C000B010",
        "F121C000B010", "DE02C000B010", "DC02C000B010", "D102C000B010", "D302C000B010",
    };
    for (unsigned i = 0; i < sizeof insn / sizeof insn[0]; i++) {
        set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
        exec1_pgm(t, insn[i], PROTECTION);
        expect_hex(t, DATA + 2046, "00123C");
    }
    t->cpu->spaces[0].keys[(DATA + 2048) / 2048] = 0;
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_ap), T(t_ap_ascii), T(t_ap_overflow), T(t_ap_long), T(t_sp), T(t_zap), T(t_overlap), T(t_cp),
        T(t_data_exception), T(t_mp), T(t_mp_rules), T(t_dp), T(t_pack), T(t_unpk),
        T(t_mvo), T(t_mvn_mvz), T(t_ed), T(t_ed_ascii), T(t_edmk), T(t_cvb), T(t_cvd), T(t_tr), T(t_trt),
        T(t_access), T(t_protection),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
