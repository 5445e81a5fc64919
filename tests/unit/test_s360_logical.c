/* test_s360_logical.c — System/360 logical operations and shifts as defined
 * in Principles of Operation A22-6821, "Logical Operations" and
 * "Fixed-Point Arithmetic" (shifts): AND, OR, EXCLUSIVE OR in RR, RX, SI
 * and SS forms, MOVE (MVC, MVI), COMPARE LOGICAL (CLI, CLC), TEST UNDER
 * MASK, the single and double shifts with their condition codes and
 * overflow; SS operands are all-or-nothing and processed left to right.
 */
#include "s360_harness.h"

static void base(S360 *t) { set_gr(t, 12, DATA); set_gr(t, 11, DATA + 0x100); }

static void t_nr_or_xr(void **state)
{
    S360 *t = *state;
    static const struct { const char *hex; uint32_t a, b, r; unsigned cc; } c[] = {
        { "1412", 0xF0F0F0F0, 0x0FF00FF0, 0x00F000F0, 1 },
        { "1412", 0xF0F0F0F0, 0x0F0F0F0F, 0, 0 },
        { "1612", 0xF0000000, 0x0000000F, 0xF000000F, 1 },
        { "1612", 0, 0, 0, 0 },
        { "1712", 0xFF00FF00, 0x0F0F0F0F, 0xF00FF00F, 1 },
        { "1712", 0x12345678, 0x12345678, 0, 0 },
    };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        set_ia(t, CODE);
        set_gr(t, 1, c[i].a);
        set_gr(t, 2, c[i].b);
        exec1(t, c[i].hex);
        assert_int_equal(gr(t, 1), c[i].r);
        assert_int_equal(cc(t), c[i].cc);
        assert_int_equal(gr(t, 2), c[i].b);
    }
}

static void t_n_o_x(void **state)
{
    S360 *t = *state;
    base(t);
    put_u32(t, DATA, 0x0000FFFF);
    set_gr(t, 1, 0x12345678);
    exec1(t, "5410C000");                      /* N */
    assert_int_equal(gr(t, 1), 0x00005678);
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    exec1(t, "5610C000");                      /* O */
    assert_int_equal(gr(t, 1), 0x0000FFFF);
    set_ia(t, CODE);
    exec1(t, "5710C000");                      /* X */
    assert_int_equal(gr(t, 1), 0);
    assert_int_equal(cc(t), 0);
    set_ia(t, CODE);
    exec1_pgm(t, "5410C001", SPECIFICATION);
}

static void t_si(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "5A");
    exec1(t, "940FC000");                      /* NI 0(12),X'0F' */
    assert_int_equal(get_u8(t, DATA), 0x0A);
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    exec1(t, "94F0C000");                      /* NI with X'F0': zero */
    assert_int_equal(get_u8(t, DATA), 0);
    assert_int_equal(cc(t), 0);
    set_ia(t, CODE);
    exec1(t, "96C3C000");                      /* OI */
    assert_int_equal(get_u8(t, DATA), 0xC3);
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    exec1(t, "97C3C000");                      /* XI: back to zero */
    assert_int_equal(get_u8(t, DATA), 0);
    assert_int_equal(cc(t), 0);
    set_ia(t, CODE);
    set_cc(t, 3);
    exec1(t, "92C1C001");                      /* MVI 1(12),C'A' */
    assert_int_equal(get_u8(t, DATA + 1), 0xC1);
    assert_int_equal(cc(t), 3);                /* MVI sets no CC */
}

static void t_cli(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "80");
    exec1(t, "9580C000");
    assert_int_equal(cc(t), 0);
    set_ia(t, CODE);
    exec1(t, "957FC000");                      /* X'80' > X'7F': logical */
    assert_int_equal(cc(t), 2);
    set_ia(t, CODE);
    exec1(t, "95FFC000");
    assert_int_equal(cc(t), 1);
}

static void t_tm(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "C3");                    /* 1100 0011 */
    static const struct { const char *hex; unsigned cc; } c[] = {
        { "9100C000", 0 },                     /* mask zero */
        { "913CC000", 0 },                     /* selected bits all zero */
        { "91C3C000", 3 },                     /* all ones */
        { "9181C000", 3 },
        { "91F0C000", 1 },                     /* mixed */
    };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        set_ia(t, CODE);
        exec1(t, c[i].hex);
        assert_int_equal(cc(t), c[i].cc);
    }
    assert_int_equal(get_u8(t, DATA), 0xC3);
}

static void t_mvc(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA + 0x100, "C1C2C3C4C5");
    set_cc(t, 1);
    exec1(t, "D203C000B000");                  /* MVC 0(4,12),0(11) */
    assert_int_equal(get_u32(t, DATA), 0xC1C2C3C4);
    assert_int_equal(get_u8(t, DATA + 4), 0);
    assert_int_equal(cc(t), 1);
    assert_int_equal(ia(t), CODE + 6);
}

/* Overlap one byte to the right: the first byte is propagated. */
static void t_mvc_overlap(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "5C 01 02 03 04 05 06 07 08");
    exec1(t, "D206C001C000");                  /* MVC 1(7,12),0(12) */
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(get_u8(t, DATA + i), 0x5C);
    assert_int_equal(get_u8(t, DATA + 8), 0x08);
}

static void t_mvc_256(void **state)
{
    S360 *t = *state;
    base(t);
    for (unsigned i = 0; i < 256; i++) {
        uint8_t b = (uint8_t)i;
        put_bytes(t, DATA + i, &b, 1);
    }
    exec1(t, "D2FFC200C000");                  /* MVC 512(256,12),0(12) */
    assert_int_equal(get_u8(t, DATA + 512), 0);
    assert_int_equal(get_u8(t, DATA + 512 + 255), 255);
    assert_int_equal(get_u8(t, DATA + 512 + 256), 0);
}

/* A destination that runs past the end of storage: nothing is stored,
   not even in its available part. */
static void t_mvc_all_or_nothing(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA + 0x100, "1122334455667788");
    put_u32(t, 0xFFFC, 0);
    set_gr(t, 12, 0xFFFC);
    exec1_pgm(t, "D207C000B000", ADDRESSING);  /* ILC 3 */
    assert_int_equal(get_u32(t, 0xFFFC), 0);
}

static void t_mvc_source_past_end(void **state)
{
    S360 *t = *state;
    base(t);
    set_gr(t, 11, 0xFFFE);
    exec1_pgm(t, "D203C000B000", ADDRESSING);
    assert_int_equal(get_u32(t, DATA), 0);
}

static void t_mvc_protected(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA + 0x100, "FFFFFFFF");
    t->cpu->spaces[0].keys[DATA / 2048] = 5;
    set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
    exec1_pgm(t, "D203C000B000", PROTECTION);
    assert_int_equal(get_u32(t, DATA), 0);
    restart(t, CODE);                          /* key 0 matches any */
    exec1(t, "D203C000B000");
    assert_int_equal(get_u32(t, DATA), 0xFFFFFFFF);
    set_psw(t, make_psw(0, 5, 0, 0, 0, 0, CODE));
    put_hex(t, DATA + 0x100, "01020304");
    exec1(t, "D203C000B000");                  /* matching key */
    assert_int_equal(get_u32(t, DATA), 0x01020304);
}

static void t_nc_oc_xc(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "F0F0 0F0F");
    put_hex(t, DATA + 0x100, "0F0F 0F00");
    exec1(t, "D401C000B000");                  /* NC 0(2,12),0(11): zero */
    assert_int_equal(get_n(t, DATA, 2), 0);
    assert_int_equal(cc(t), 0);
    set_ia(t, CODE);
    exec1(t, "D401C002B002");                  /* NC 2(2,12),2(11) */
    assert_int_equal(get_n(t, DATA + 2, 2), 0x0F00);
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    exec1(t, "D601C000B000");                  /* OC */
    assert_int_equal(get_n(t, DATA, 2), 0x0F0F);
    assert_int_equal(cc(t), 1);
    set_ia(t, CODE);
    exec1(t, "D703C000C000");                  /* XC 0(4,12),0(12): clear */
    assert_int_equal(get_u32(t, DATA), 0);
    assert_int_equal(cc(t), 0);
}

/* XC with the second operand one byte to the left, overlapping. */
static void t_xc_overlap(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "FF 0F 0F 0F");
    exec1(t, "D702C001C000");                  /* XC 1(3,12),0(12) */
    /* byte 1 = 0F^FF = F0, byte 2 = 0F^F0 (new byte 1) = FF, byte 3 = 0F^FF = F0 */
    assert_int_equal(get_u32(t, DATA), 0xFFF0FFF0);
    assert_int_equal(cc(t), 1);
}

static void t_clc(void **state)
{
    S360 *t = *state;
    base(t);
    put_hex(t, DATA, "C1C2C3");
    put_hex(t, DATA + 0x100, "C1C2C3");
    exec1(t, "D502C000B000");                  /* CLC 0(3,12),0(11) */
    assert_int_equal(cc(t), 0);
    put_hex(t, DATA + 0x102, "C4");
    set_ia(t, CODE);
    exec1(t, "D502C000B000");
    assert_int_equal(cc(t), 1);
    put_hex(t, DATA, "80");
    put_hex(t, DATA + 0x100, "7F");            /* first byte decides: high */
    set_ia(t, CODE);
    exec1(t, "D502C000B000");
    assert_int_equal(cc(t), 2);
    assert_int_equal(get_u8(t, DATA), 0x80);   /* nothing changed */
}

/* ---- shifts ---- */

static void shift(S360 *t, const char *hex, uint32_t in, uint32_t out)
{
    set_ia(t, CODE);
    set_gr(t, 1, in);
    exec1(t, hex);
    assert_int_equal(gr(t, 1), out);
}

static void t_sll_srl(void **state)
{
    S360 *t = *state;
    set_cc(t, 2);
    shift(t, "89100001", 0x80000001, 0x00000002);   /* SLL 1,1 */
    shift(t, "8910001F", 0x00000001, 0x80000000);
    shift(t, "89100020", 0xFFFFFFFF, 0);             /* 32: all out */
    shift(t, "89100041", 0x00000001, 0x00000002);   /* 65: only six bits count */
    shift(t, "88100004", 0x80000000, 0x08000000);   /* SRL 1,4 */
    shift(t, "8810003F", 0xFFFFFFFF, 0);
    assert_int_equal(cc(t), 2);                      /* logical shifts keep the CC */
    set_gr(t, 5, 3);
    shift(t, "89105001", 1, 16);                     /* SLL 1,1(5): amount 4 */
}

static void t_sla(void **state)
{
    S360 *t = *state;
    shift(t, "8B100002", 3, 12);                     /* SLA 1,2 */
    assert_int_equal(cc(t), 2);
    shift(t, "8B100001", 0xFFFFFFFE, 0xFFFFFFFC);
    assert_int_equal(cc(t), 1);
    shift(t, "8B10001F", 0xFFFFFFFF, 0x80000000);   /* only ones leave: no overflow */
    assert_int_equal(cc(t), 1);
    shift(t, "8B100005", 0, 0);
    assert_int_equal(cc(t), 0);
    shift(t, "8B100001", 0x40000000, 0x00000000);   /* a one leaves bit 1 */
    assert_int_equal(cc(t), 3);
    shift(t, "8B100020", 0xFFFFFFFF, 0x80000000);   /* 32: a zero leaves */
    assert_int_equal(cc(t), 3);
    shift(t, "8B100001", 0xC0000001, 0x80000002);   /* sign kept */
    assert_int_equal(cc(t), 1);
}

static void t_sla_overflow_interrupt(void **state)
{
    S360 *t = *state;
    set_pmask(t, 8);
    set_gr(t, 1, 0x40000001);
    exec1_pgm(t, "8B100001", FIXED_OVERFLOW);
    assert_int_equal(gr(t, 1), 0x00000002);          /* completed */
}

static void t_sra(void **state)
{
    S360 *t = *state;
    shift(t, "8A100002", (uint32_t)-8, (uint32_t)-2);
    assert_int_equal(cc(t), 1);
    shift(t, "8A10003F", 8, 0);
    assert_int_equal(cc(t), 0);
    shift(t, "8A100028", 0xFFFFFFFF, 0xFFFFFFFF);
    assert_int_equal(cc(t), 1);
    shift(t, "8A100001", 0x7FFFFFFF, 0x3FFFFFFF);
    assert_int_equal(cc(t), 2);
}

static void pair(S360 *t, const char *hex, uint32_t hi, uint32_t lo, uint32_t rhi, uint32_t rlo)
{
    set_ia(t, CODE);
    set_gr(t, 2, hi);
    set_gr(t, 3, lo);
    exec1(t, hex);
    assert_int_equal(gr(t, 2), rhi);
    assert_int_equal(gr(t, 3), rlo);
}

static void t_sldl_srdl(void **state)
{
    S360 *t = *state;
    pair(t, "8D200001", 0x00000001, 0x80000000, 0x00000003, 0x00000000);  /* SLDL 2,1 */
    pair(t, "8D200020", 0x12345678, 0x9ABCDEF0, 0x9ABCDEF0, 0);
    pair(t, "8C200020", 0x12345678, 0x9ABCDEF0, 0, 0x12345678);           /* SRDL 2,32 */
    pair(t, "8C200004", 0x80000000, 0x00000001, 0x08000000, 0x00000000);
    pair(t, "8C20003F", 0x80000000, 0, 0, 1);
}

static void t_double_shift_odd(void **state)
{
    S360 *t = *state;
    static const char *const hex[] = { "8D300001", "8C300001", "8F300001", "8E300001" };
    for (unsigned i = 0; i < 4; i++) {
        restart(t, CODE);
        set_gr(t, 3, 0x11111111);
        exec1_pgm(t, hex[i], SPECIFICATION);
        assert_int_equal(gr(t, 3), 0x11111111);
    }
}

static void t_slda(void **state)
{
    S360 *t = *state;
    pair(t, "8F200001", 0, 0x40000000, 0, 0x80000000);             /* SLDA 2,1 */
    assert_int_equal(cc(t), 2);
    pair(t, "8F20003F", 0xFFFFFFFF, 0xFFFFFFFF, 0x80000000, 0);    /* ones only */
    assert_int_equal(cc(t), 1);
    pair(t, "8F200001", 0x40000000, 0, 0, 0);                      /* overflow */
    assert_int_equal(cc(t), 3);
    pair(t, "8F200004", 0x87654321, 0x0FEDCBA9, 0xF6543210, 0xFEDCBA90);
    assert_int_equal(cc(t), 3);                                    /* ones and zeros left */
    pair(t, "8F200000", 0, 0, 0, 0);
    assert_int_equal(cc(t), 0);
}

static void t_slda_overflow_interrupt(void **state)
{
    S360 *t = *state;
    set_pmask(t, 8);
    set_gr(t, 2, 0x40000000);
    set_gr(t, 3, 1);
    exec1_pgm(t, "8F200001", FIXED_OVERFLOW);
    assert_int_equal(gr(t, 2), 0);
    assert_int_equal(gr(t, 3), 2);
}

static void t_srda(void **state)
{
    S360 *t = *state;
    pair(t, "8E200004", 0xFFFFFFFF, 0xFFFFFFF0, 0xFFFFFFFF, 0xFFFFFFFF);
    assert_int_equal(cc(t), 1);
    pair(t, "8E200020", 0x00000001, 0x00000000, 0, 1);
    assert_int_equal(cc(t), 2);
    pair(t, "8E200001", 0, 1, 0, 0);
    assert_int_equal(cc(t), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_nr_or_xr), T(t_n_o_x), T(t_si), T(t_cli), T(t_tm), T(t_mvc),
        T(t_mvc_overlap), T(t_mvc_256), T(t_mvc_all_or_nothing), T(t_mvc_source_past_end),
        T(t_mvc_protected), T(t_nc_oc_xc), T(t_xc_overlap), T(t_clc), T(t_sll_srl),
        T(t_sla), T(t_sla_overflow_interrupt), T(t_sra), T(t_sldl_srdl),
        T(t_double_shift_odd), T(t_slda), T(t_slda_overflow_interrupt), T(t_srda),
    };
#undef T
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
