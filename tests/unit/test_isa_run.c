/* test_isa_run.c — isac's output run on the micro-engine: small
 * descriptions (tests/isa/) are compiled, programs are placed in storage and
 * run with uc_run, and the architected results are checked against the
 * manuals' rules: A22-6821 (System/360: AR, L, ST, LA, BCTR, address
 * generation with X2/B2 = 0 meaning "no register", alignment) and A24-3067
 * (IBM 1401: word-mark-delimited instructions, three-character addresses,
 * MCW right to left up to a word mark, SW), plus the dispatch candidates
 * isac emits for the specialised variants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "isa/isa.h"
#include "microcode/uc_engine.h"

static UcMachine *compile(const char *path)
{
    int n = -1;
    UcMachine *m = isa_compile_file(path, stderr, &n);
    assert_int_equal(n, 0);
    assert_non_null(m);
    return m;
}

/* ---- the S/360-like machine ---- */

typedef struct T360 {
    UcMachine *m;
    UcCpu *cpu;
    int gr, psw, code, ia, cc;
} T360;

static int setup360(void **state)
{
    static T360 t;
    char err[160];
    t.m = compile("tests/isa/mini360.isa");
    t.cpu = uc_cpu_new(t.m, 0, err, sizeof err);
    assert_non_null(t.cpu);
    t.gr = uc_machine_find_item(t.m, "GR");
    t.code = uc_machine_find_item(t.m, "CODE");
    t.ia = uc_machine_find_field(t.m, "PSW", "IA");
    t.cc = uc_machine_find_field(t.m, "PSW", "CC");
    assert_true(t.gr >= 0 && t.ia >= 0 && t.cc >= 0 && t.code >= 0);
    *state = &t;
    return 0;
}

static int teardown360(void **state)
{
    T360 *t = *state;
    uc_cpu_free(t->cpu);
    uc_machine_free(t->m);
    return 0;
}

static void put(T360 *t, uint64_t addr, const char *hex)
{
    for (; hex[0] && hex[1]; hex += 2) {
        if (*hex == ' ') {
            hex--;
            continue;
        }
        unsigned v;
        sscanf(hex, "%2x", &v);
        uc_mem_set(t->cpu, 0, addr++, v);
    }
}

static UcStop run_at(T360 *t, uint64_t ia, uint64_t max)
{
    uc_set_field(t->cpu, (unsigned)t->ia, ia);
    uc_cpu_reset(t->cpu);
    return uc_run(t->cpu, max, 100000);
}

static uint64_t gr(T360 *t, int r) { return uc_get_item(t->cpu, (unsigned)t->gr, (uint32_t)r); }
static void set_gr(T360 *t, int r, uint64_t v) { uc_set_item(t->cpu, (unsigned)t->gr, (uint32_t)r, v); }

static void t_ar_cc(void **state)
{
    T360 *t = *state;
    set_gr(t, 1, 0x7FFFFFFF);
    set_gr(t, 2, 1);
    put(t, 0x100, "1A12 0000");              /* AR 1,2; HLT */
    assert_int_equal(run_at(t, 0x100, 0), UC_STOP_MACHINE);
    assert_int_equal(gr(t, 1), 0x80000000);
    assert_int_equal(uc_get_field(t->cpu, (unsigned)t->cc), 3);  /* overflow */
    set_gr(t, 1, 5);
    set_gr(t, 2, 0xFFFFFFFB);                /* 5 + -5 = 0: CC 0 */
    run_at(t, 0x100, 0);
    assert_int_equal(gr(t, 1), 0);
    assert_int_equal(uc_get_field(t->cpu, (unsigned)t->cc), 0);
    set_gr(t, 1, 1);
    set_gr(t, 2, 0xFFFFFFFD);                /* 1 + -3 < 0: CC 1 */
    run_at(t, 0x100, 0);
    assert_int_equal(uc_get_field(t->cpu, (unsigned)t->cc), 1);
}

/* Address generation: X2 or B2 of 0 means no register, not GR0; the sum
   is taken modulo 2^24. */
static void t_address_generation(void **state)
{
    T360 *t = *state;
    set_gr(t, 0, 0x1000);                    /* must not be used */
    set_gr(t, 3, 0x200);
    set_gr(t, 4, 0xFF000010);                /* high byte ignored */
    put(t, 0x100, "4110 0004 4120 3004 4133 4004 4140 0FFF 0000");
    assert_int_equal(run_at(t, 0x100, 0), UC_STOP_MACHINE);
    assert_int_equal(gr(t, 1), 4);           /* LA 1,4(0,0) */
    assert_int_equal(gr(t, 2), 0x204);       /* LA 2,4(0,3) */
    assert_int_equal(gr(t, 3), 0x214);       /* LA 3,4(3,4) */
    assert_int_equal(gr(t, 4), 0xFFF);       /* LA 4,4095 */
}

static void t_load_store_align(void **state)
{
    T360 *t = *state;
    set_gr(t, 5, 0x400);
    put(t, 0x408, "CAFEF00D");
    put(t, 0x100, "5860 5008 5060 500C 0000");   /* L 6,8(0,5); ST 6,12(0,5) */
    assert_int_equal(run_at(t, 0x100, 0), UC_STOP_MACHINE);
    assert_int_equal(gr(t, 6), 0xCAFEF00D);
    assert_int_equal(uc_mem_get(t->cpu, 0, 0x40C), 0xCA);
    assert_int_equal(uc_mem_get(t->cpu, 0, 0x40F), 0x0D);
    /* a misaligned fullword is a specification exception (code 6) */
    put(t, 0x100, "5860 500A 0000");
    run_at(t, 0x100, 0);
    assert_int_equal(uc_get_item(t->cpu, (unsigned)t->code, 0), 6);
    /* outside storage: addressing (code 5) */
    set_gr(t, 5, 0xFFFF00);
    put(t, 0x100, "5860 5000 0000");
    run_at(t, 0x100, 0);
    assert_int_equal(uc_get_item(t->cpu, (unsigned)t->code, 0), 5);
}

/* A counted loop: BCTR decrements and branches to R2 while nonzero; with
   R2 = 0 it only decrements. */
static void t_loop(void **state)
{
    T360 *t = *state;
    set_gr(t, 1, 0);
    set_gr(t, 2, 1);
    set_gr(t, 3, 10);
    set_gr(t, 4, 0x100);
    put(t, 0x100, "1A12 0634 0650 0000");
    set_gr(t, 5, 7);
    uint64_t n0 = t->cpu->icount;
    assert_int_equal(run_at(t, 0x100, 0), UC_STOP_MACHINE);
    assert_int_equal(gr(t, 1), 10);
    assert_int_equal(gr(t, 3), 0);
    assert_int_equal(gr(t, 5), 6);
    assert_int_equal(t->cpu->icount - n0, 10 + 10 + 1);   /* HLT stops before its end */
}

static void t_invalid_op(void **state)
{
    T360 *t = *state;
    put(t, 0x100, "FF00 0000");
    run_at(t, 0x100, 0);
    assert_int_equal(uc_get_item(t->cpu, (unsigned)t->code, 0), 1);
}

/* The dispatch candidates of L: the variants with X2 = 0 / B2 = 0 come
   before the general routine, most specific first, and all share the key. */
static void t_variants(void **state)
{
    T360 *t = *state;
    const UcMachine *m = t->m;
    int l = uc_machine_find_insn(m, "L");
    assert_true(l >= 0);
    int32_t c = m->dispatch.first[0x58];
    int n = 0;
    uint64_t prev_bits = 64;
    for (; c >= 0; c = m->cands[c].next, n++) {
        assert_int_equal(m->cands[c].insn, l);
        uint64_t bits = 0;
        for (uint64_t x = m->cands[c].mask; x; x &= x - 1)
            bits++;
        assert_true(bits <= prev_bits);
        prev_bits = bits;
    }
    assert_int_equal(n, 4);
    /* the first one (X2 = B2 = 0) needs no register read at all */
    const UcCandidate *first = &m->cands[m->dispatch.first[0x58]];
    assert_int_equal(first->mask, 0xFF0FF000u);   /* op, X2, B2 */
    for (uint32_t a = first->entry; m->words[a].op != UC_ENDOP; a++)
        assert_int_not_equal(m->words[a].op, UC_LDR);
}

/* ---- the 1401 fragment ---- */

enum { WM = 0x40, C_M = 0x24, C_SW = 0x1B, C_H = 0x3B, C_0 = 0x0A };

static void put1401(UcCpu *cpu, uint64_t addr, const unsigned char *codes, int n, int wm_first)
{
    for (int i = 0; i < n; i++)
        uc_mem_set(cpu, 0, addr + (uint64_t)i, codes[i] | (i == 0 && wm_first ? WM : 0));
}

static unsigned char digit(int d) { return d == 0 ? C_0 : (unsigned char)d; }

static void addr3(unsigned char *out, int a)
{
    out[0] = digit(a / 100 % 10);
    out[1] = digit(a / 10 % 10);
    out[2] = digit(a % 10);
    if (a >= 1000)
        out[0] |= (unsigned char)((a / 1000 % 4) << 4);
}

static void t_1401_program(void **state)
{
    (void)state;
    char err[160];
    UcMachine *m = compile("tests/isa/i1401.isa");
    assert_int_equal(m->decode.rule, UC_LEN_DELIMITED);
    assert_int_equal(m->dispatch.key_bits, 10);
    UcCpu *cpu = uc_cpu_new(m, 4000, err, sizeof err);
    assert_non_null(cpu);
    int is = uc_machine_find_item(m, "IS"), bs = uc_machine_find_item(m, "BS");
    /* 100: MCW 205,305   107: SW 300   111: H   112: (word mark) */
    unsigned char mcw[7] = { C_M }, sw[4] = { C_SW }, h[1] = { C_H }, stop[1] = { 0 };
    addr3(mcw + 1, 205);
    addr3(mcw + 4, 305);
    addr3(sw + 1, 300);
    put1401(cpu, 100, mcw, 7, 1);
    put1401(cpu, 107, sw, 4, 1);
    put1401(cpu, 111, h, 1, 1);
    put1401(cpu, 112, stop, 1, 1);
    /* A field "HELLO" at 201..205 with its word mark at 201; B field at 301..305 */
    unsigned char hello[5] = { 0x38, 0x35, 0x23, 0x23, 0x26 };
    put1401(cpu, 201, hello, 5, 1);
    uc_set_item(cpu, (unsigned)is, 0, 100);
    uc_cpu_reset(cpu);
    UcStop s = uc_run(cpu, 100, 100000);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_string_equal(m->stops[cpu->stop_code].name, "halt");
    for (int i = 0; i < 5; i++)
        assert_int_equal(uc_mem_get(cpu, 0, 301 + (uint64_t)i) & 0x3F, hello[i]);
    assert_int_equal(uc_mem_get(cpu, 0, 300) & WM, WM);   /* set by SW */
    assert_int_equal(uc_mem_get(cpu, 0, 301) & WM, 0);    /* MCW moves no word mark */
    assert_int_equal(uc_get_item(cpu, (unsigned)bs, 0), 300); /* B register after MCW */
    assert_int_equal(uc_get_item(cpu, (unsigned)is, 0), 112);
    assert_int_equal(cpu->icount, 2);          /* H stops before its end */
    /* the same SW with two addresses is the 7-character form */
    unsigned char sw2[7] = { C_SW };
    addr3(sw2 + 1, 1201);
    addr3(sw2 + 4, 2999);
    put1401(cpu, 100, sw2, 7, 1);
    put1401(cpu, 107, h, 1, 1);
    put1401(cpu, 108, stop, 1, 1);
    uc_set_item(cpu, (unsigned)is, 0, 100);
    uc_cpu_reset(cpu);
    assert_int_equal(uc_run(cpu, 100, 100000), UC_STOP_MACHINE);
    assert_int_equal(uc_mem_get(cpu, 0, 1201) & WM, WM);
    assert_int_equal(uc_mem_get(cpu, 0, 2999) & WM, WM);
    uc_cpu_free(cpu);
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest s360[] = {
        cmocka_unit_test(t_ar_cc),
        cmocka_unit_test(t_address_generation),
        cmocka_unit_test(t_load_store_align),
        cmocka_unit_test(t_loop),
        cmocka_unit_test(t_invalid_op),
        cmocka_unit_test(t_variants),
    };
    const struct CMUnitTest i1401[] = {
        cmocka_unit_test(t_1401_program),
    };
    int r = cmocka_run_group_tests_name("isac mini360", s360, setup360, teardown360);
    r += cmocka_run_group_tests_name("isac i1401", i1401, NULL, NULL);
    return r;
}
