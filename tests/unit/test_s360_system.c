/* test_s360_system.c — System/360 system-control instructions from
 * Principles of Operation A22-6821: TEST AND SET ("Logical Operations"),
 * the I/O instructions SIO TIO HIO TCH answering "not operational" (CC 3)
 * with no channel attached ("Input/Output Operations"), READ DIRECT and
 * WRITE DIRECT ("Direct Control"), DIAGNOSE, and the privileged-operation
 * exception for each of them in the problem state ("Program Interruption").
 */
#include "s360_harness.h"

static void t_ts(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_hex(t, DATA, "00");
    set_cc(t, 3);
    exec1(t, "9300C000");                      /* TS 0(12) */
    assert_int_equal(cc(t), 0);
    assert_int_equal(get_u8(t, DATA), 0xFF);
    set_ia(t, CODE);
    exec1(t, "9300C000");                      /* again: the bit is one */
    assert_int_equal(cc(t), 1);
    assert_int_equal(get_u8(t, DATA), 0xFF);
    set_ia(t, CODE);
    put_hex(t, DATA, "7F");
    exec1(t, "9300C000");
    assert_int_equal(cc(t), 0);
    /* not privileged */
    put_hex(t, DATA, "80");
    set_psw(t, make_psw(0, 0, 0, 1, 0, 0, CODE));
    exec1(t, "9300C000");
    assert_int_equal(cc(t), 1);
    restart(t, CODE);
    set_gr(t, 11, 0xFFFF00);
    exec1_pgm(t, "9300B000", ADDRESSING);
}

static void t_io_not_operational(void **state)
{
    S360 *t = *state;
    static const char *const insn[] = { "9C000181", "9D000181", "9E000181", "9F000100" };
    for (unsigned i = 0; i < 4; i++) {
        restart(t, CODE);
        set_cc(t, 0);
        exec1(t, insn[i]);
        assert_int_equal(cc(t), 3);
        assert_int_equal(ia(t), CODE + 4);
    }
}

static void t_direct_control(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_hex(t, DATA, "5A");
    exec1(t, "8507C000");                      /* RDD: no lines, zeros */
    assert_int_equal(get_u8(t, DATA), 0);
    set_ia(t, CODE);
    put_hex(t, DATA, "5A");
    exec1(t, "8407C000");                      /* WRD */
    assert_int_equal(get_u8(t, DATA), 0x5A);
    restart(t, CODE);
    set_gr(t, 11, 0xFFFF00);
    exec1_pgm(t, "8407B000", ADDRESSING);      /* the byte is fetched */
    restart(t, CODE);
    exec1(t, "83000000");                      /* DIAGNOSE: nothing here */
    assert_int_equal(ia(t), CODE + 4);
}

static void t_privileged(void **state)
{
    S360 *t = *state;
    static const char *const insn[] = {
        "9C000181", "9D000181", "9E000181", "9F000100", "8507C000", "8407C000", "83000000",
    };
    set_gr(t, 12, DATA);
    for (unsigned i = 0; i < sizeof insn / sizeof insn[0]; i++) {
        put_hex(t, DATA, "5A");
        set_psw(t, make_psw(0, 0, 0, 1, 2, 0, CODE));
        exec1_pgm(t, insn[i], PRIVILEGED);
        assert_int_equal(get_u8(t, DATA), 0x5A);
        assert_int_equal((get_n(t, PGM_OLD, 8) >> 28) & 3, 2);   /* CC unchanged */
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_ts), T(t_io_not_operational), T(t_direct_control), T(t_privileged),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
