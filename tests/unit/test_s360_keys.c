/* test_s360_keys.c — System/360 storage keys from Principles of Operation
 * A22-6821, "Protection Feature" and "Status Switching": SET STORAGE KEY
 * and INSERT STORAGE KEY (the block from register bits 8-20, the key from
 * bits 24-27 and the fetch-protection bit 28, specification for bits 28-31
 * of R2, addressing beyond the storage, privileged), and the protection
 * they give: store protection, and fetch protection (the optional feature)
 * when the fetch-protection bit is set; key 0 in the PSW matches every key.
 */
#include "s360_harness.h"

static void t_ssk_isk(void **state)
{
    S360 *t = *state;
    set_gr(t, 1, 0xFFFFFF50);                  /* key 5, fetch protection off */
    set_gr(t, 2, 0xAB002800);                  /* block 5 (X'2800'); bits 0-7 ignored */
    exec1(t, "0812");                          /* SSK 1,2 */
    assert_int_equal(t->cpu->spaces[0].keys[5], 5);
    assert_int_equal(t->cpu->spaces[0].keys[4], 0);
    restart(t, CODE);
    set_gr(t, 3, 0x12345678);
    set_gr(t, 4, 0x00002FF0);                  /* any address in the block; bits 21-27 ignored */
    exec1(t, "0934");                          /* ISK 3,4 */
    assert_int_equal(gr(t, 3), 0x12345650);    /* bits 28-31 zero */
    restart(t, CODE);
    set_gr(t, 1, 0x000000A8);                  /* key 10 with the fetch-protection bit */
    exec1(t, "0812");
    restart(t, CODE);
    exec1(t, "0934");
    assert_int_equal(gr(t, 3), 0x123456A8);
}

static void t_exceptions(void **state)
{
    S360 *t = *state;
    set_gr(t, 2, 0x00002801);                  /* R2 bits 28-31 not zero */
    exec1_pgm(t, "0812", SPECIFICATION);
    restart(t, CODE);
    exec1_pgm(t, "0932", SPECIFICATION);
    restart(t, CODE);
    set_gr(t, 2, 0x00FFF800);                  /* beyond 64K */
    exec1_pgm(t, "0812", ADDRESSING);
    restart(t, CODE);
    set_gr(t, 3, 0x77777777);
    exec1_pgm(t, "0932", ADDRESSING);
    assert_int_equal(gr(t, 3), 0x77777777);
    set_gr(t, 2, 0x2800);
    set_psw(t, make_psw(0, 0, 0, 1, 0, 0, CODE));
    exec1_pgm(t, "0812", PRIVILEGED);
    set_psw(t, make_psw(0, 0, 0, 1, 0, 0, CODE));
    exec1_pgm(t, "0932", PRIVILEGED);
    assert_int_equal(t->cpu->spaces[0].keys[5], 0);
}

/* The keys SSK sets protect: a store under another key is a protection
   exception; a fetch too when the fetch-protection bit is one. */
static void t_protection(void **state)
{
    S360 *t = *state;
    set_gr(t, 1, 0x50);
    set_gr(t, 2, DATA);
    exec1(t, "0812");                          /* key 5 on DATA's block */
    set_gr(t, 12, DATA);
    set_gr(t, 7, 0x01020304);
    set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
    exec1_pgm(t, "5070C000", PROTECTION);      /* ST under key 3 */
    assert_int_equal(get_u32(t, DATA), 0);
    set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
    exec1(t, "5880C000");                      /* a fetch is allowed */
    set_psw(t, make_psw(0, 5, 0, 0, 0, 0, CODE));
    exec1(t, "5070C000");                      /* the matching key stores */
    assert_int_equal(get_u32(t, DATA), 0x01020304);
    restart(t, CODE);
    set_gr(t, 1, 0x58);                        /* fetch protection on */
    exec1(t, "0812");
    set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
    exec1_pgm(t, "5880C000", PROTECTION);      /* now the fetch is protected */
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
    exec1(t, "5880C000");                      /* key 0 matches all */
    assert_int_equal(gr(t, 8), 0x01020304);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = { T(t_ssk_isk), T(t_exceptions), T(t_protection) };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
