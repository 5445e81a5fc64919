/* test_s360_assist.c — the ASSIST instructions of isa/machines/assist.isa
 * as the ASSIST User's Guide defines them: XDECO (binary to 12 decimal
 * characters), XDECI (decimal scan, CC and register 1), and the X'E0'/X'E1'
 * I/O instructions' operand checks and condition code around their host
 * helpers (bound here to recording fakes).
 */
#define S360_ISA "isa/machines/assist.isa"
#include "s360_harness.h"

/* EBCDIC text into storage (letters, digits, blank, sign characters). */
static void put_text(S360 *t, uint64_t addr, const char *s)
{
    for (; *s; s++, addr++) {
        unsigned c = (unsigned char)*s;
        uint8_t e = c == ' ' ? 0x40 : c == '-' ? 0x60 : c == '+' ? 0x4E :
                    c == '*' ? 0x5C :
                    (c >= '0' && c <= '9') ? (uint8_t)(0xF0 + c - '0') :
                    (c >= 'A' && c <= 'I') ? (uint8_t)(0xC1 + c - 'A') :
                    (c >= 'J' && c <= 'R') ? (uint8_t)(0xD1 + c - 'J') :
                    (c >= 'S' && c <= 'Z') ? (uint8_t)(0xE2 + c - 'S') : 0x00;
        put_bytes(t, addr, &e, 1);
    }
}

static void expect_text(S360 *t, uint64_t addr, const char *s)
{
    char got[64];
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        unsigned e = get_u8(t, addr + i);
        got[i] = e == 0x40 ? ' ' : e == 0x60 ? '-' : (e >= 0xF0 && e <= 0xF9) ? (char)('0' + e - 0xF0) : '?';
    }
    got[n] = 0;
    assert_string_equal(got, s);
}

static void t_xdeco(void **state)
{
    S360 *t = *state;
    static const struct { uint32_t v; const char *s; } c[] = {
        { 0, "           0" }, { 1, "           1" }, { (uint32_t)-1, "          -1" },
        { 1234567, "     1234567" }, { 0x7FFFFFFF, "  2147483647" },
        { 0x80000000, " -2147483648" }, { (uint32_t)-100, "        -100" } };
    set_gr(t, 12, DATA);
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        restart(t, CODE);
        put_text(t, DATA, "ZZZZZZZZZZZZZ");
        set_gr(t, 1, c[i].v);
        set_cc(t, 1);
        exec1(t, "5310C000");                  /* XDECO 1,0(0,12) */
        expect_text(t, DATA, c[i].s);
        assert_int_equal(get_u8(t, DATA + 12), 0xE9);   /* 13th byte untouched */
        assert_int_equal(gr(t, 1), c[i].v);
        assert_int_equal(cc(t), 1);
    }
}

static void t_xdeco_past_end(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, 0xFFF8);
    exec1_pgm(t, "5310C000", ADDRESSING);
    assert_int_equal(get_u32(t, 0xFFF8), 0);   /* nothing stored */
}

static void xdeci(S360 *t, const char *text, uint32_t value, unsigned ccv, unsigned next)
{
    restart(t, CODE);
    set_gr(t, 12, DATA);
    put_text(t, DATA, text);
    set_gr(t, 2, 0xDEADBEEF);
    exec1(t, "5220C000");                      /* XDECI 2,0(0,12) */
    assert_int_equal(cc(t), ccv);
    if (ccv != 3)
        assert_int_equal(gr(t, 2), value);
    else
        assert_int_equal(gr(t, 2), 0xDEADBEEF);   /* R1 unchanged */
    assert_int_equal(gr(t, 1), DATA + next);
}

static void t_xdeci(void **state)
{
    S360 *t = *state;
    xdeci(t, "  123 *", 123, 2, 5);
    xdeci(t, "-45X*", (uint32_t)-45, 1, 3);
    xdeci(t, "+0 *", 0, 0, 2);
    xdeci(t, "999999999*", 999999999, 2, 9);
    xdeci(t, "-999999999*", (uint32_t)-999999999, 1, 10);
    xdeci(t, "007*", 7, 2, 3);
}

static void t_xdeci_no_number(void **state)
{
    S360 *t = *state;
    xdeci(t, "   ABC*", 0, 3, 3);                  /* register 1 -> the A */
    xdeci(t, "1234567890*", 0, 3, 10);            /* ten digits */
    xdeci(t, "- 5*", 0, 3, 1);                     /* a sign without digits */
}

/* ---- I/O instructions around fake helpers ---- */

typedef struct Calls {
    unsigned n;
    uint64_t a0, a1;
    uint64_t result;
} Calls;

static int fake(UcCpu *cpu, void *ctx, const uint64_t *args, unsigned nargs, uint64_t *result)
{
    (void)cpu;
    Calls *c = ctx;
    c->n++;
    c->a0 = nargs > 0 ? args[0] : 0;
    c->a1 = nargs > 1 ? args[1] : 0;
    *result = c->result;
    return 0;
}

static void t_xprnt(void **state)
{
    S360 *t = *state;
    Calls c = { 0 };
    assert_int_equal(uc_bind_helper(t->cpu, "xprnt", fake, &c), 0);
    set_gr(t, 12, DATA);
    exec1(t, "E020C0000014");                  /* XPRNT 0(12),20 */
    assert_int_equal(c.n, 1);
    assert_int_equal(c.a0, DATA);
    assert_int_equal(c.a1, 20);
    assert_int_equal(ia(t), CODE + 6);
    restart(t, CODE);
    set_gr(t, 12, 0xFFF0);                     /* 20 bytes run past the end */
    exec1_pgm(t, "E020C0000014", ADDRESSING);
    assert_int_equal(c.n, 1);                  /* the helper was not called */
}

static void t_xread_cc(void **state)
{
    S360 *t = *state;
    Calls c = { 0 };
    assert_int_equal(uc_bind_helper(t->cpu, "xread", fake, &c), 0);
    set_gr(t, 12, DATA);
    set_gr(t, 3, 80);
    set_cc(t, 3);
    exec1(t, "E000C0003000");                  /* XREAD 0(12),0(3): length in R3 */
    assert_int_equal(c.n, 1);
    assert_int_equal(c.a1, 80);
    assert_int_equal(cc(t), 0);
    c.result = 1;                              /* end of file */
    restart(t, CODE);
    exec1(t, "E000C0003000");
    assert_int_equal(cc(t), 1);
}

static void t_xdump(void **state)
{
    S360 *t = *state;
    Calls c = { 0 };
    assert_int_equal(uc_bind_helper(t->cpu, "xdump", fake, &c), 0);
    set_gr(t, 12, DATA);
    exec1(t, "E060C0000010");                  /* XDUMP 0(12),16 */
    assert_int_equal(c.a0, DATA);
    assert_int_equal(c.a1, 16);
    restart(t, CODE);
    exec1(t, "E10000000000");                  /* XDUMP: registers only */
    assert_int_equal(c.n, 2);
    assert_int_equal(c.a1, 0);
    assert_int_equal(ia(t), CODE + 6);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_xdeco), T(t_xdeco_past_end), T(t_xdeci), T(t_xdeci_no_number),
        T(t_xprnt), T(t_xread_cc), T(t_xdump),
    };
#undef T
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
