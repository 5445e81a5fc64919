/* test_i1401_cpu.c — isa/machines/i1401.isa on the micro-engine, checked
 * against the rules of the IBM 1401 Reference Manual A24-3067: instruction
 * lengths and A-/B-address chaining, three-character addresses with the
 * thousands in the zones, indexing, word marks ending fields, decimal add
 * and subtract with signs in the units zone (B zone alone = minus, A and B
 * zones = plus), recomplement, zero and add, compare indicators, branches,
 * store B-address register, multiply, clear storage, and the process-check
 * stops (no word mark under the op code, invalid operation).
 *
 * Storage is written as text with a backquote before each character that
 * carries a word mark, as SIMH's deposit notation does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "emulator/emu_charset.h"
#include "isa/isa.h"
#include "microcode/uc_engine.h"

typedef struct T {
    UcMachine *m;
    UcCpu *cpu;
    int is, as, bs, ind;
} T;

static int setup(void **state)
{
    static T t;
    char err[160];
    int n = -1;
    t.m = isa_compile_file("isa/machines/i1401.isa", stderr, &n);
    assert_int_equal(n, 0);
    assert_non_null(t.m);
    t.cpu = uc_cpu_new(t.m, 4000, err, sizeof err);
    assert_non_null(t.cpu);
    t.is = uc_machine_find_item(t.m, "IS");
    t.as = uc_machine_find_item(t.m, "AS");
    t.bs = uc_machine_find_item(t.m, "BS");
    t.ind = uc_machine_find_item(t.m, "IND");
    assert_true(t.is >= 0 && t.as >= 0 && t.bs >= 0 && t.ind >= 0);
    *state = &t;
    return 0;
}

static int teardown(void **state)
{
    T *t = *state;
    uc_cpu_free(t->cpu);
    uc_machine_free(t->m);
    return 0;
}

static void clear(T *t)
{
    for (uint64_t a = 0; a < 1000; a++)
        uc_mem_set(t->cpu, 0, a, 0);
    for (unsigned i = 0; i < 64; i++)
        uc_set_item(t->cpu, (unsigned)t->ind, i, 0);
}

/* Text at addr; '`' puts a word mark under the next character. */
static void put(T *t, uint64_t addr, const char *s)
{
    for (; *s; s++) {
        unsigned wm = 0;
        if (*s == '`') {
            wm = 0x40;
            s++;
        }
        uc_mem_set(t->cpu, 0, addr++, wm | emu_from_host(EMU_CS_BCD1401, (unsigned char)*s));
    }
}

/* The characters at addr..addr+n-1 (word marks left out). */
static const char *get(T *t, uint64_t addr, unsigned n)
{
    static char buf[128];
    for (unsigned i = 0; i < n && i < sizeof buf - 1; i++)
        buf[i] = (char)emu_to_host(EMU_CS_BCD1401, (unsigned char)uc_mem_get(t->cpu, 0, addr + i));
    buf[n] = 0;
    return buf;
}

static int wm(T *t, uint64_t addr) { return (uc_mem_get(t->cpu, 0, addr) & 0x40) != 0; }
static uint64_t reg(T *t, int item) { return uc_get_item(t->cpu, (unsigned)item, 0); }
static int ind(T *t, char c)
{
    return (int)uc_get_item(t->cpu, (unsigned)t->ind, emu_from_host(EMU_CS_BCD1401, (unsigned char)c));
}

/* Run from 500 until the machine stops; returns the stop reason's name. */
static const char *run(T *t)
{
    uc_set_item(t->cpu, (unsigned)t->is, 0, 500);
    uc_cpu_reset(t->cpu);
    UcStop s = uc_run(t->cpu, 10000, 0);
    assert_int_equal(s, UC_STOP_MACHINE);
    return t->m->stops[t->cpu->stop_code].name;
}

/* A: B field + A field, right to left to the B word mark; the A field is
   shorter (its word mark ends it, zeros beyond). Unsigned fields stay
   unsigned. */
static void t_add(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`123");
    put(t, 107, "`0456");
    put(t, 500, "`A103110`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 107, 4), "0579");
    assert_true(wm(t, 107));
    assert_int_equal(ind(t, 'Z'), 0);
    /* chained: the A-address register stepped past the A field, the
       B-address register past the B field */
    assert_int_equal(reg(t, t->as), 100);
    assert_int_equal(reg(t, t->bs), 106);
}

/* S with a result below zero: recomplemented, minus sign (B zone alone)
   over the units position: 005 - 010 = -005 ("00N"). */
static void t_subtract_recomplement(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`010");
    put(t, 108, "`005");
    put(t, 500, "`S103110`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 108, 3), "00N");
}

/* Unlike signs add as a complement: 200 + (-121) = +079; the result gets
   the plus sign (A and B zones: 9 -> I). */
static void t_add_unlike_signs(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`12J");
    put(t, 108, "`200");
    put(t, 500, "`A103110`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 108, 3), "07I");
}

/* A carry out of the high-order position of a true add turns overflow on
   and, in an unsigned B field, counts in the zone of the high-order
   position (A zone: 0 -> '); testing overflow (B with d = Z) turns it off. */
static void t_overflow(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`9");
    put(t, 108, "`99");
    put(t, 500, "`A101109`B520Z`.`.");
    put(t, 520, "`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 108, 2), "'8");
    assert_int_equal(reg(t, t->is), 521);          /* branched to 520 */
    assert_int_equal(ind(t, 'Z'), 0);
}

/* A carry out of a one-position B field is an overflow too (its only
   position is the high-order one). */
static void t_overflow_one_position(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`9");
    put(t, 108, "`8");
    put(t, 500, "`A101108`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 108, 1), "7");
    assert_int_equal(ind(t, 'Z'), 1);
}

/* H with an A-address: the machine stops; started again, it branches. */
static void t_halt_and_branch(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 500, "`.600`.");
    put(t, 600, "`.`.");
    assert_string_equal(run(t), "halt");
    assert_int_equal(reg(t, t->is), 504);
    assert_int_equal(uc_run(t->cpu, 10000, 0), UC_STOP_MACHINE);
    assert_int_equal(reg(t, t->is), 601);         /* went on at 600 */
}

/* ZA: A to B with zeros beyond the A field; the units position gets the
   sign of A (12J is -121: J). */
static void t_zero_and_add(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`12J");
    put(t, 107, "`XXXX");
    put(t, 500, "`?103110`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 107, 4), "012J");
    assert_true(wm(t, 107));
}

/* MCW stops at the first word mark of either field and keeps B's word
   marks; a 1-character MCW chains on from the registers. */
static void t_move_chained(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`AB`CDE");
    put(t, 201, "`.....");
    put(t, 500, "`M105205`M`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 201, 5), "ABCDE");
    assert_true(wm(t, 201));
    assert_false(wm(t, 203));                      /* MCW moves no word mark */
    assert_int_equal(reg(t, t->is), 509);
}

/* LCA moves the A word mark too, and only stops at it. */
static void t_load_characters(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`XY");
    put(t, 201, "`...");
    put(t, 500, "`L102203`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 201, 3), ".XY");
    assert_true(wm(t, 202));
    assert_false(wm(t, 203));
}

/* C sets equal/unequal/high/low; B with a d-character tests them. */
static void t_compare(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`ABC");
    put(t, 201, "`ABD");
    put(t, 500, "`C103203`BX00U`.`.");
    put(t, 600, "`.`.");
    put(t, 500 + 7 + 1, "600");
    assert_string_equal(run(t), "halt");
    assert_int_equal(ind(t, '/'), 1);
    assert_int_equal(ind(t, 'S'), 0);
    assert_int_equal(ind(t, 'U'), 1);              /* B (D) above A (C) */
    assert_int_equal(ind(t, 'T'), 0);
    assert_int_equal(reg(t, t->is), 601);          /* branched on high */
    /* equal fields */
    clear(t);
    put(t, 101, "`ABC");
    put(t, 201, "`ABC");
    put(t, 500, "`C103203`B600S`.`.");
    put(t, 600, "`.`.");
    assert_string_equal(run(t), "halt");
    assert_int_equal(ind(t, 'S'), 1);
    assert_int_equal(reg(t, t->is), 601);
}

/* Three-character addresses: the zones of the hundreds character add
   thousands (A = 1000), those of the units character 4000s; the zone of
   the tens character names an index register (A = X1 at 087-089). */
static void t_addresses(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 87, "100");                             /* X1 = 100 */
    put(t, 1201, "`Q");
    put(t, 201, "`.");
    /* MCW 1201 (S = 2 with the A zone: 1200), 101 + X1 = 201 (tens 0
       with the A zone: ') */
    put(t, 500, "`MS011'1`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 201, 1), "Q");
    assert_true(wm(t, 201));
}

/* SW and CW set and clear word marks at the A- and B-address; SBR stores
   the B-address register as three characters. */
static void t_word_marks_sbr(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 301, "`X");
    put(t, 500, "`,201202`)301`H210`.`.");
    assert_string_equal(run(t), "halt");
    assert_true(wm(t, 201));
    assert_true(wm(t, 202));
    assert_false(wm(t, 301));
    /* after CW 301 the B-address register is 300 (one below, as with A) */
    assert_string_equal(get(t, 208, 3), "300");
}

/* CS clears from the B-address down to the next hundreds position. */
static void t_clear_storage(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 199, "`Z");
    put(t, 200, "`ABC");
    put(t, 500, "`/202`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 199, 4), "Z   ");
    assert_false(wm(t, 200));
    assert_true(wm(t, 199));
}

/* Multiply: 12 x 34 = 408 in a B field of 2 + 2 + 1 positions; the
   product is plus (A and B zones over its units digit: 8 -> H). */
static void t_multiply(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 101, "`12");
    put(t, 201, "`34   ");
    put(t, 500, "`@102205`.`.");
    assert_string_equal(run(t), "halt");
    assert_string_equal(get(t, 201, 5), "0040H");
}

/* Process checks: no word mark under the op code; an unknown op code. */
static void t_process_checks(void **state)
{
    T *t = *state;
    clear(t);
    put(t, 500, "N`.");
    assert_string_equal(run(t), "no_word_mark");
    assert_int_equal(reg(t, t->is), 500);
    clear(t);
    put(t, 500, "`J`.");
    assert_string_equal(run(t), "invalid_op");
    assert_int_equal(reg(t, t->is), 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_add),
        cmocka_unit_test(t_subtract_recomplement),
        cmocka_unit_test(t_add_unlike_signs),
        cmocka_unit_test(t_overflow),
        cmocka_unit_test(t_overflow_one_position),
        cmocka_unit_test(t_halt_and_branch),
        cmocka_unit_test(t_zero_and_add),
        cmocka_unit_test(t_move_chained),
        cmocka_unit_test(t_load_characters),
        cmocka_unit_test(t_compare),
        cmocka_unit_test(t_addresses),
        cmocka_unit_test(t_word_marks_sbr),
        cmocka_unit_test(t_clear_storage),
        cmocka_unit_test(t_multiply),
        cmocka_unit_test(t_process_checks),
    };
    return cmocka_run_group_tests_name("i1401 cpu", tests, setup, teardown);
}
