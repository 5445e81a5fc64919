/* test_i1401_charset.c — the bcd1401 character set (emulator/emu_charset.c):
 * the 1401's BCD codes (A24-3067, "Character code chart": bits B A 8 4 2 1,
 * the digit 0 coded 8-2, blank 0) and their ASCII form in card decks, the
 * "old" conversions of SIMH (`set cpu oldconversions`) that the decks in
 * shared/testdata use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "emulator/emu_charset.h"

static unsigned char code(char c) { return emu_from_host(EMU_CS_BCD1401, (unsigned char)c); }

/* Digits, letters and blank by their punch combinations. */
static void t_codes(void **state)
{
    (void)state;
    assert_int_equal(emu_charset_find("bcd1401"), EMU_CS_BCD1401);
    assert_int_equal(code(' '), 0);
    assert_int_equal(code('1'), 001);
    assert_int_equal(code('9'), 011);
    assert_int_equal(code('0'), 012);           /* 8-2 */
    assert_int_equal(code('A'), 061);           /* 12-1: B A 1 */
    assert_int_equal(code('I'), 071);
    assert_int_equal(code('J'), 041);           /* 11-1: B 1 */
    assert_int_equal(code('R'), 051);
    assert_int_equal(code('S'), 022);           /* 0-2: A 2 */
    assert_int_equal(code('Z'), 031);
    assert_int_equal(code('/'), 021);           /* 0-1 */
    assert_int_equal(code('-'), 040);           /* 11 */
    assert_int_equal(code('&'), 060);           /* 12 */
    assert_int_equal(code('.'), 073);
    assert_int_equal(code(','), 033);
    assert_int_equal(code('$'), 053);
    assert_int_equal(code('*'), 054);
    /* old conversions: record mark ', group mark ", lozenge ) */
    assert_int_equal(code('\''), 032);
    assert_int_equal(code('"'), 077);
    assert_int_equal(code(')'), 074);
}

/* Every code has its own ASCII character and comes back; lower case reads
   as upper case; characters the 1401 lacks read as blank; the word mark is
   not part of the character. */
static void t_round_trip(void **state)
{
    (void)state;
    for (unsigned c = 0; c < 64; c++) {
        unsigned char h = emu_to_host(EMU_CS_BCD1401, (unsigned char)c);
        assert_true(h >= 0x20 && h < 0x7f);
        assert_int_equal(emu_from_host(EMU_CS_BCD1401, h), c);
        assert_int_equal(emu_to_host(EMU_CS_BCD1401, (unsigned char)(c | 0x40)), h);
        assert_true(emu_printable(EMU_CS_BCD1401, (unsigned char)c));
    }
    assert_int_equal(code('q'), code('Q'));
    assert_int_equal(code('~'), 0);
    assert_int_equal(code('\n'), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_codes),
        cmocka_unit_test(t_round_trip),
    };
    return cmocka_run_group_tests_name("bcd1401 charset", tests, NULL, NULL);
}
