/* test_uc_dcache.c — the decode cache (microcode/uc_dcache.h) on the
 * System/360 description: what its records hold, and that a machine using
 * it is the machine that fetches every instruction by the micro-code.
 *
 * The reference CPU has the cache off and runs one micro-instruction at a
 * time; the CPU under test runs with it (tier 0's fetch entry takes the
 * records). They must agree on every state slot, every storage byte and
 * the instruction and micro-instruction counts at every instruction
 * boundary, including across the changes a record must notice: a store by
 * the program into its next instruction (A22-6821, "Instruction Fetching":
 * a store into the instruction stream is seen by the next fetch), a host
 * write into code (the monitor's deposit, a loader, channel input), and a
 * storage key made fetch-protected under a running problem program
 * (A22-6821, "Protection": the fetch of the instruction is a protection
 * exception, code 4). The same with the CPU under test on tier 1 (the
 * generated code takes the records at the fetch entry and, with computed
 * goto, at each instruction's end), where the build has it; there also the
 * code map that unlinks a chained record when its bytes are stored into.
 */
#include "s360_harness.h"
#include "microcode/uc_dcache.h"
#include "microcode/uc_tier1.h"

/* BALR 12,0; SR 2,2; LA 3,5
   LOOP STC 3,TGT+3; TGT LA 4,0(0,0); AR 2,4; BCT 3,LOOP; DC H'0'
   (the STC sets the displacement of the LA after it: R2 = 5+4+3+2+1) */
static const char *const next_insn = "05C01B22413000054230C00D414000001A244630C0060000";
/* BALR 12,0; LOOP LA 5,1(0,5); BCT 6,LOOP; DC H'0' */
static const char *const count_loop = "05C0415050014660C0000000";
enum { PROT_KEY = 8, FETCH_PROT = 0x10 };

static int tier = 0;          /* the CPU under test's tier */

static S360 *start(const char *program, unsigned key, int cache)
{
    S360 *t = s360_new_size(0);
    put_hex(t, CODE, program);
    set_psw(t, make_psw(0, key, 0, 0, 0, 0, CODE));
    for (uint64_t b = 0; key && b < t->cpu->spaces[0].size / 2048; b++)
        t->cpu->spaces[0].keys[b] = (uint8_t)key;
    uc_cpu_reset(t->cpu);
    if (!cache)
        uc_dc_enable(t->cpu, 0);
    assert_int_equal(t->cpu->dc != NULL, cache);
    if (cache && tier)
        assert_int_equal(uc_tier1_enable(t->cpu, 1), 1);
    return t;
}

static void assert_same(S360 *a, S360 *b)
{
    const UcCpu *x = a->cpu, *y = b->cpu;
    assert_int_equal(x->icount, y->icount);
    assert_int_equal(x->ucount, y->ucount);
    /* a run ended by its instruction limit with an interruption request
       (the wait bit) stops at the fetch; the one stepping micro-words has
       gone on into the boundary routine, as the next run of the first will */
    if (!(x->irq && !y->irq && x->upc == a->m->fetch_entry && y->upc == a->m->boundary_entry))
        assert_int_equal(x->upc, y->upc);
    for (uint32_t i = 0; i < a->m->nslots; i++)
        assert_int_equal(x->state[i], y->state[i]);
    assert_memory_equal(x->spaces[0].mem, y->spaces[0].mem, x->spaces[0].size);
}

/* a: n instructions at full speed; b (no cache): micro-instruction by
   micro-instruction to the same count. Returns a's stop. */
static UcStop run_both(S360 *a, S360 *b, uint64_t n)
{
    UcStop s = uc_run(a->cpu, n, 0);
    UcStop sb = UC_STOP_NONE;
    while (b->cpu->ucount < a->cpu->ucount && sb == UC_STOP_NONE)
        sb = uc_ustep(b->cpu);
    if (s != UC_STOP_INSN_LIMIT)
        assert_int_equal(s, sb);
    assert_same(a, b);
    return s;
}

static uint64_t pgm_code(S360 *t)
{
    return (get_n(t, PGM_OLD, 8) >> 32) & 0xFFFF;
}

/* The fetch of the S/360 reads PSW.IA and the access key, writes ILC and
   IA (one slot), and leaves to the routines only the fields it binds: its
   own temporaries are dead there. */
static void t_summary(void **state)
{
    (void)state;
    UcDcSummary s;
    uc_dc_summarise(s360_machine, &s);
    assert_true(s.ok);
    int psw = uc_machine_find_item(s360_machine, "PSW");
    int f_ia = uc_machine_find_field(s360_machine, "PSW", "IA");
    assert_int_equal(s.tag_slot, s360_machine->items[psw].slot);
    assert_int_equal(s.tag_shift, s360_machine->fields[f_ia].shift);
    assert_int_equal(s.tag_mask, 0xFFFFFF);
    assert_int_equal(s.nchk, 1);
    assert_int_equal(s.neff, 1);
    assert_int_equal(s.eff_slot[0], s360_machine->items[psw].slot);
    uint64_t fields = 0;
    for (uint32_t f = 0; f < s360_machine->nformats; f++)
        for (unsigned j = 0; j < s360_machine->formats[f].nfields; j++)
            fields |= UINT64_C(1) << s360_machine->formats[f].fields[j].ureg;
    assert_true(s.nreg > 0);
    for (unsigned k = 0; k < s.nreg; k++)
        assert_true(fields >> s.reg[k] & 1);
}

/* A record is what the fetch routine does: run the micro-code of the
   fetch of `L 1,8(0,12)` step by step on a second CPU up to the routine of
   L and compare. */
static void t_record_is_the_fetch(void **state)
{
    (void)state;
    S360 *a = start("5810C008", 0, 1), *b = start("5810C008", 0, 0);
    const UcDcRec *r = uc_dc_lookup(a->cpu);
    assert_non_null(r);
    int l = uc_machine_find_insn(s360_machine, "L");
    assert_int_equal(r->insn, l);
    uint32_t n = 0;
    while (b->cpu->insn != l || b->cpu->ucount == 0) {
        assert_int_equal(uc_ustep(b->cpu), UC_STOP_NONE);
        assert_true(++n < 100);
    }
    assert_int_equal(r->nuops, n);
    assert_int_equal(r->entry, b->cpu->upc);
    assert_true(r->nw >= 3);
    for (unsigned i = 0; i < r->nw; i++)
        assert_int_equal(r->wv[i], b->cpu->u[r->wreg[i]]);
    uc_dc_apply(a->cpu, a->cpu->dc, r);
    assert_int_equal(psw(a), psw(b));          /* ILC 2, IA + 4 */
    assert_int_equal(ia(a), CODE + 4);
    s360_free(a);
    s360_free(b);
}

/* Instruction by instruction and in one run: the same machine, the
   program's stores into its next instruction seen. */
static void t_store_into_next_instruction(void **state)
{
    (void)state;
    for (int whole = 0; whole < 2; whole++) {
        S360 *a = start(next_insn, 0, 1), *b = start(next_insn, 0, 0);
        UcStop s;
        do
            s = run_both(a, b, whole ? 0 : 1);
        while (s == UC_STOP_INSN_LIMIT);
        assert_int_equal(s, UC_STOP_MACHINE);
        assert_int_equal(gr(a, 2), 15);         /* 5+4+3+2+1: each LA as stored */
        assert_int_equal(pgm_code(a), 1);       /* the DC H'0' at the end */
        s360_free(a);
        s360_free(b);
    }
}

/* A host write into code that has records (uc_mem_write, as the monitor's
   deposit and the loaders do): the next fetch sees it. The run stops
   before the BCT, so the changed LA is reached from the BCT's record by the
   chain (on tier 1 without comparing its bytes: the code map must have
   unlinked it), not by a lookup at the start of the run. */
static void t_host_write(void **state)
{
    (void)state;
    S360 *a = start(count_loop, 0, 1), *b = start(count_loop, 0, 0);
    set_gr(a, 6, 100);
    set_gr(b, 6, 100);
    assert_int_equal(run_both(a, b, 52), UC_STOP_INSN_LIMIT);   /* BALR, 25 x (LA, BCT), LA */
    assert_int_equal(gr(a, 5), 26);
    put_hex(a, CODE + 2, "41505002");                          /* LA 5,2(0,5) */
    put_hex(b, CODE + 2, "41505002");
    assert_int_equal(run_both(a, b, 0), UC_STOP_MACHINE);
    assert_int_equal(gr(a, 5), 26 + 2 * 74);
    s360_free(a);
    s360_free(b);
}

/* Under PSW key 8 the records are made with the storage keys they were
   fetched under; a key made fetch-protected and different (as SSK, or the
   monitor, would) turns the next fetch into a protection exception. */
static void t_storage_key_change(void **state)
{
    (void)state;
    S360 *a = start(count_loop, PROT_KEY, 1), *b = start(count_loop, PROT_KEY, 0);
    set_gr(a, 6, 100);
    set_gr(b, 6, 100);
    assert_int_equal(run_both(a, b, 21), UC_STOP_INSN_LIMIT);
    assert_int_equal(gr(a, 5), 10);
    a->cpu->spaces[0].keys[CODE / 2048] = (uint8_t)(9 | FETCH_PROT);
    b->cpu->spaces[0].keys[CODE / 2048] = (uint8_t)(9 | FETCH_PROT);
    assert_int_equal(run_both(a, b, 0), UC_STOP_MACHINE);
    assert_int_equal(pgm_code(a), 4);
    assert_int_equal(gr(a, 5), 10);
    /* and with the key back, the same address runs again */
    a->cpu->spaces[0].keys[CODE / 2048] = PROT_KEY;
    s360_free(a);
    s360_free(b);
}

/* Operands under a nonzero PSW key (A22-6821, "Protection Feature"): a
   fetch from a block of another key without fetch protection and stores
   into blocks of the PSW's key go on (on tier 1 without handing over to
   tier 0), a store into another key's block or a fetch from a
   fetch-protected one is a protection exception (code 4), also when only
   the second of the two blocks an operand spans is protected. The CPU
   under test against the micro-stepped one, word for word, each time. */
static void t_protected_operands(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int ok;                   /* all allowed: the run reaches the L from FP */
    } progs[] = {
        /* L 3,0(0,8); ST 3,0(0,9); MVC 8(8,9),0(8); MVC 16(8,9),0(12) */
        { "5830800050309000D20790088000D2079010C000", 1 },
        { "50308000", 0 },                /* ST 3,0(0,8): key 0 block */
        { "D20780009000", 0 },            /* MVC 0(8,8),0(9): key 0 block */
        { "D2079000A000", 0 },            /* MVC 0(8,9),0(10): fetch-protected */
        { "D2079000B000", 0 },            /* MVC 0(8,9),0(11): spans FP block, key 0 */
        { "D207C0009000", 0 },            /* MVC 0(8,12),0(9): spans key 0, key 8 */
    };
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        char code[96];
        snprintf(code, sizeof code, "%s%s", progs[i].code, progs[i].ok ? "5840A0000000" : "0000");
        S360 *a = start(code, PROT_KEY, 1), *b = start(code, PROT_KEY, 0);
        S360 *both[2] = { a, b };
        for (int k = 0; k < 2; k++) {
            S360 *t = both[k];
            t->cpu->spaces[0].keys[0x4000 / 2048] = (uint8_t)(3 | FETCH_PROT);
            t->cpu->spaces[0].keys[0x4800 / 2048] = 0;
            put_hex(t, 0x4800, "0102030405060708090A0B0C0D0E0F10");
            put_hex(t, 0x5000, "1112131415161718");
            set_gr(t, 8, 0x4800);
            set_gr(t, 9, 0x5000);
            set_gr(t, 10, 0x4000);
            set_gr(t, 11, 0x47FC);
            set_gr(t, 12, 0x4FFC);
        }
        assert_int_equal(run_both(a, b, 0), UC_STOP_MACHINE);
        assert_int_equal(pgm_code(a), 4);
        if (progs[i].ok) {
            assert_int_equal(gr(a, 3), 0x01020304);
            assert_int_equal(get_n(a, 0x5000, 4), 0x01020304);
            assert_int_equal(get_n(a, 0x5008, 8), UINT64_C(0x0102030405060708));
            assert_int_equal(get_n(a, 0x5010, 8), UINT64_C(0x0000000001020304));   /* 4FFC-5003 */
        } else {
            assert_int_equal(get_n(a, 0x5000, 8), UINT64_C(0x1112131415161718));
        }
        s360_free(a);
        s360_free(b);
    }
}

/* What cannot be cached is fetched by the micro-code: an odd instruction
   address (a specification exception, A22-6821 "Instruction Fetching"). */
static void t_odd_address(void **state)
{
    (void)state;
    S360 *a = start("0700", 0, 1), *b = start("0700", 0, 0);
    set_ia(a, CODE + 1);
    set_ia(b, CODE + 1);
    assert_null(uc_dc_lookup(a->cpu));
    assert_int_equal(run_both(a, b, 0), UC_STOP_MACHINE);
    assert_int_equal(pgm_code(a), 6);
    s360_free(a);
    s360_free(b);
}

static int on_tier1(void **state)
{
    (void)state;
    tier = 1;
    return 0;
}

static int on_tier0(void **state)
{
    (void)state;
    tier = 0;
    return 0;
}

/* uc_dc_code_hit against the plain answer: any marked unit among
   a .. a+n-1, for every size to 40 and every one marked unit near them
   (the overlapping-word paths of 4 to 16 units, the short and long ones). */
static void t_code_hit(void **state)
{
    (void)state;
    uint8_t map[128];
    for (uint64_t n = 0; n <= 40; n++)
        for (int mark = -1; mark < 64; mark++) {
            memset(map, 0, sizeof map);
            if (mark >= 0)
                map[mark] = 1;
            uint64_t a = 10;
            int want = mark >= (int)a && (uint64_t)mark < a + n;
            assert_int_equal(uc_dc_code_hit(map, a, n), want);
        }
}

static void t1_store_into_next_instruction(void **state)
{
    if (uc_tier1_count() == 0) {
        skip();
        return;
    }
    t_store_into_next_instruction(state);
}

static void t1_host_write(void **state)
{
    if (uc_tier1_count() == 0) {
        skip();
        return;
    }
    t_host_write(state);
}

/* Tier 1's code map: the units of the records it chains (BALR, LA, BCT:
   ten bytes from CODE) and no more. A store beside them unlinks nothing; a
   store into one unlinks what read it (the same value: the lookup then
   finds the record good again); a write wider than the cache (the scan of
   every record) unlinks them all. The program runs on as it would. */
static void t1_code_map(void **state)
{
    (void)state;
    if (uc_tier1_count() == 0) {
        skip();
        return;
    }
    S360 *a = start(count_loop, 0, 1), *b = start(count_loop, 0, 0);
    set_gr(a, 6, 100);
    set_gr(b, 6, 100);
    assert_int_equal(run_both(a, b, 52), UC_STOP_INSN_LIMIT);
    const uint8_t *code = a->cpu->spaces[0].code;
    UcDcache *dc = a->cpu->dc;
    for (unsigned i = 0; i < 10; i++)
        assert_int_equal(code[CODE + i], 1);
    assert_int_equal(code[CODE - 1], 0);
    assert_int_equal(code[CODE + 10], 0);
    uint64_t d0 = dc->disarms;
    uc_mem_set(a->cpu, 0, CODE + 10, 0);                       /* beside the BCT */
    uc_mem_set(a->cpu, 0, CODE - 1, 0);
    assert_int_equal(dc->disarms, d0);
    uc_mem_set(a->cpu, 0, CODE + 9, 0);                        /* the BCT's last byte, as it was */
    assert_int_equal(dc->disarms, d0 + 1);
    assert_int_equal(code[CODE + 9], 0);
    assert_int_equal(run_both(a, b, 20), UC_STOP_INSN_LIMIT);
    assert_int_equal(code[CODE + 9], 1);                       /* chained again */
    uint64_t d1 = dc->disarms;
    uc_dc_written(a->cpu, 0, 0, 2 * UC_DC_SIZE);
    assert_true(dc->disarms >= d1 + 2);                        /* LA and BCT at least */
    for (unsigned i = 0; i < 10; i++)
        assert_int_equal(code[CODE + i], 0);
    assert_int_equal(run_both(a, b, 0), UC_STOP_MACHINE);
    assert_int_equal(gr(a, 5), 100);
    s360_free(a);
    s360_free(b);
}

static void t1_storage_key_change(void **state)
{
    if (uc_tier1_count() == 0) {
        skip();
        return;
    }
    t_storage_key_change(state);
}

static void t1_protected_operands(void **state)
{
    if (uc_tier1_count() == 0) {
        skip();
        return;
    }
    t_protected_operands(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_summary),
        cmocka_unit_test(t_record_is_the_fetch),
        cmocka_unit_test(t_store_into_next_instruction),
        cmocka_unit_test(t_host_write),
        cmocka_unit_test(t_storage_key_change),
        cmocka_unit_test(t_odd_address),
        cmocka_unit_test(t_protected_operands),
        cmocka_unit_test(t_code_hit),
        cmocka_unit_test_setup_teardown(t1_store_into_next_instruction, on_tier1, on_tier0),
        cmocka_unit_test_setup_teardown(t1_host_write, on_tier1, on_tier0),
        cmocka_unit_test_setup_teardown(t1_code_map, on_tier1, on_tier0),
        cmocka_unit_test_setup_teardown(t1_storage_key_change, on_tier1, on_tier0),
        cmocka_unit_test_setup_teardown(t1_protected_operands, on_tier1, on_tier0),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
