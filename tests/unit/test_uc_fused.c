/* test_uc_fused.c — the engine's fast paths give the same machine as the
 * micro-instructions run one at a time.
 *
 * uc_run with a large budget takes the engine's fast paths (fused
 * sequences of micro-words made at predecode, the remembered DISPATCH
 * answers, counting instructions in the budget); uc_ustep runs one
 * micro-word at a time, each on its own. A System/360 program whose loop
 * runs the hot micro-op sequences (the fetch routine's, the RX address
 * arithmetic, the CC setting of add, subtract and compare, LM/STM loops,
 * MVC, BC taken and not taken, BALR, BCT),
 * then a fixed-point overflow, is run both ways from the same start; after
 * every chunk of the budgeted run the two machines must agree on every
 * micro-register, state slot, storage byte, micro-PC and count. Variants:
 * the fixed-point-overflow mask on (a program interruption, A22-6821
 * "Fixed-Point Overflow Exception") and off (CC 3, then the operation
 * exception of X'0000'), and a nonzero PSW key matching the storage keys,
 * which sends every storage access off the engine's fast path.
 */
#include "s360_harness.h"
#include "microcode/uc_dcache.h"

/* The program (assembled with `mcemu asm`, origin X'1000'):
     BALR 12,0; L 9,COUNT; SR 3,3
   LOOP L 2,VAL; AR 2,2; ST 2,WORD; LA 3,1(,3); SR 4,4; A 4,VAL; LR 5,4;
        SLL 5,2; C 5,VAL; MVC DEST(8),SRC; STM 14,12,SAVE; LM 14,12,SAVE;
        CR 5,4; CLR 4,5; CLI VAL+3,7; BC 7,LOOP (not taken); BC 8,NEXT
        (taken); DC H'0'
   NEXT BALR 1,0; LTR 6,3; BCT 9,LOOP
     L 7,BIG; AR 7,7 (overflow); DC H'0'
   COUNT F'40', VAL F'7', BIG X'7FFFFFFF', WORD, SRC 2F'1', DEST, SAVE 16F */
static const char *const program =
    "05C05890C0561B335820C05A1A225020C062413030011B445A40C05A185489500002"
    "5950C05AD207C06EC06690ECC07698ECC076195415459507C05D4770C0064780C044"
    "0000051012634690C0065870C05E1A770000000000000028000000077FFFFFFF0000"
    "00000000000100000001";
enum { END_AR = 0x1054 };    /* the address after AR 7,7 */

static S360 *start(unsigned pmask_bits, unsigned key)
{
    S360 *t = s360_new_size(0);
    put_hex(t, CODE, program);
    set_psw(t, make_psw(0, key, 0, 0, 0, pmask_bits, CODE));
    if (key) {
        UcSpaceRt *sp = &t->cpu->spaces[0];
        assert_non_null(sp->keys);
        for (uint64_t b = 0; b < sp->size / 2048; b++)
            sp->keys[b] = (uint8_t)key;
    }
    uc_cpu_reset(t->cpu);
    /* the micro-registers are compared word by word: the decode cache,
       which leaves dead ones as they were, is tested in test_uc_dcache */
    uc_dc_enable(t->cpu, 0);
    return t;
}

static void assert_same(S360 *a, S360 *b)
{
    const UcCpu *x = a->cpu, *y = b->cpu;
    assert_int_equal(x->ucount, y->ucount);
    assert_int_equal(x->icount, y->icount);
    /* An instruction limit reached with an interruption request pending
       stops at the fetch with irq set; the one-at-a-time machine has gone
       on into the boundary routine, as the next run of the first will. */
    if (x->irq && !y->irq && x->upc == a->m->fetch_entry && y->upc == a->m->boundary_entry)
        return;
    assert_int_equal(x->irq, y->irq);
    assert_int_equal(x->upc, y->upc);
    assert_int_equal(x->usp, y->usp);
    assert_int_equal(x->insn, y->insn);
    assert_int_equal(x->in_exec, y->in_exec);
    for (unsigned i = 0; i < UC_NUREGS; i++)
        if (x->u[i] != y->u[i])
            fail_msg("u%u differs: %llx, one at a time %llx (after %llu micro-instructions)", i,
                     (unsigned long long)x->u[i], (unsigned long long)y->u[i],
                     (unsigned long long)x->ucount);
    for (uint32_t i = 0; i < a->m->nslots; i++)
        assert_int_equal(x->state[i], y->state[i]);
    assert_memory_equal(x->spaces[0].mem, y->spaces[0].mem, 0x2000);
}

/* Run `a` in chunks of `insns` instructions or `chunk` micro-instructions
   (0: no limit) and `b` one micro-instruction at a time, comparing after
   every chunk, up to the stop; returns the stop. */
static UcStop run_both(S360 *a, S360 *b, uint64_t insns, uint64_t chunk)
{
    const UcStop limit = insns ? UC_STOP_INSN_LIMIT : UC_STOP_UOP_LIMIT;
    for (unsigned round = 0; round < 100000; round++) {
        UcStop s = uc_run(a->cpu, insns, chunk);
        uint64_t n = a->cpu->ucount - b->cpu->ucount;
        UcStop sb = UC_STOP_NONE;
        for (uint64_t i = 0; i < n && sb == UC_STOP_NONE; i++)
            sb = uc_ustep(b->cpu);
        if (s != limit) {
            assert_int_equal(s, sb);
            assert_int_equal(a->cpu->stop_code, b->cpu->stop_code);
            assert_same(a, b);
            return s;
        }
        assert_int_equal(sb, UC_STOP_NONE);
        assert_same(a, b);
    }
    fail_msg("no stop");
    return UC_STOP_NONE;
}

static void check(unsigned pmask_bits, unsigned key, uint64_t insns, uint64_t chunk)
{
    S360 *a = start(pmask_bits, key), *b = start(pmask_bits, key);
    UcStop s = run_both(a, b, insns, chunk);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal((int)a->cpu->stop_code, a->stop_dwait);
    /* the loop ran to the end: 40 iterations, R3 counted them */
    assert_int_equal(gr(a, 3), 40);
    assert_int_equal(gr(a, 9), 0);
    uint64_t old = get_n(a, PGM_OLD, 8);
    if (pmask_bits & 8) {
        assert_int_equal((old >> 32) & 0xFFFF, FIXED_OVERFLOW);
        assert_int_equal(old & 0xFFFFFF, END_AR);
    } else {
        assert_int_equal((old >> 32) & 0xFFFF, OPERATION);
        assert_int_equal((old >> 28) & 3, 3);      /* CC 3 from the overflow */
        assert_int_equal(old & 0xFFFFFF, END_AR + 2);
    }
    assert_int_equal(gr(a, 7), 0xFFFFFFFE);
    s360_free(a);
    s360_free(b);
}

/* Each instruction by itself with no micro-op limit (the fast paths, and a
   comparison after every instruction); chunks of micro-instructions just
   above the control store's size (the engine takes the fast paths while
   the budget is larger than that: the count must stop exactly), and
   larger ones. */
static uint64_t chunk(unsigned extra)
{
    return (uint64_t)s360_machine->nwords + 2 + extra;
}

static void test_fused_overflow_masked_on(void **state)
{
    (void)state;
    check(8, 0, 1, 0);
    check(8, 0, 0, chunk(7));
    check(8, 0, 0, chunk(1000));
}

static void test_fused_overflow_masked_off(void **state)
{
    (void)state;
    check(0, 0, 1, 0);
    check(0, 0, 3, 0);
    check(0, 0, 0, chunk(13));
    check(0, 0, 0, chunk(3 * s360_machine->nwords));
}

static void test_fused_with_storage_keys(void **state)
{
    (void)state;
    check(8, 3, 1, 0);
    check(8, 3, 0, chunk(5));
    check(0, 3, 0, chunk(2000));
}

/* Unlimited: one run to the stop, against one micro-word at a time. */
static void test_fused_unlimited(void **state)
{
    (void)state;
    S360 *a = start(8, 0), *b = start(8, 0);
    UcStop s = uc_run(a->cpu, 0, 0), sb = UC_STOP_NONE;
    while (sb == UC_STOP_NONE)
        sb = uc_ustep(b->cpu);
    assert_int_equal(s, sb);
    assert_same(a, b);
    s360_free(a);
    s360_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fused_overflow_masked_on),
        cmocka_unit_test(test_fused_overflow_masked_off),
        cmocka_unit_test(test_fused_with_storage_keys),
        cmocka_unit_test(test_fused_unlimited),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
