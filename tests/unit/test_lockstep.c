/* test_lockstep.c — emulator/emu_lockstep.c: two CPUs compared after every
 * instruction. The second CPU gets a deliberately faulty "tier" (tier 0
 * that corrupts a register, a storage unit or the condition code after the
 * Nth instruction), and the comparison must stop exactly after that
 * instruction and name what differs; a faithful second CPU must run the
 * programs in programs/ to their end with no difference and with the
 * guest's output printed once, exactly as a plain run prints it. The
 * random programs of emulator/emu_randprog.c are checked to assemble.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "assembler/asm.h"
#include "emulator/emu_lockstep.h"
#include "emulator/emu_machine.h"
#include "emulator/emu_randprog.h"
#include "emulator/emu_run.h"

/* ---- the faulty tier ---- */

typedef enum { FAULT_REG, FAULT_STORE, FAULT_SILENT_STORE, FAULT_FIELD, FAULT_DEAF } FaultKind;

static struct {
    FaultKind kind;
    uint64_t at;             /* after this many instructions of the second CPU */
    int done;
    const char *item;        /* FAULT_REG: item and element; FAULT_FIELD: item.field */
    const char *field;
    unsigned index;
    uint64_t addr;           /* FAULT_*STORE */
} fault;

static UcStop faulty_run(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops)
{
    if (fault.kind == FAULT_DEAF && cpu->irq) {   /* deaf to interruption requests */
        cpu->irq = 0;
        fault.done = 1;
    }
    UcStop s = uc_run_tier0(cpu, max_insns, max_uops);
    if (!fault.done && cpu->icount >= fault.at) {
        fault.done = 1;
        switch (fault.kind) {
        case FAULT_REG: {
            unsigned it = (unsigned)uc_machine_find_item(cpu->m, fault.item);
            uc_set_item(cpu, it, fault.index, uc_get_item(cpu, it, fault.index) ^ 1);
            break;
        }
        case FAULT_FIELD: {
            unsigned f = (unsigned)uc_machine_find_field(cpu->m, fault.item, fault.field);
            uc_set_field(cpu, f, uc_get_field(cpu, f) ^ 1);
            break;
        }
        case FAULT_STORE:          /* through the store path: caught at once */
            uc_mem_set(cpu, 0, fault.addr, uc_mem_get(cpu, 0, fault.addr) ^ 1);
            break;
        case FAULT_DEAF:
            break;
        case FAULT_SILENT_STORE:   /* behind the store hook: only a full compare sees it */
            cpu->spaces[0].mem[fault.addr * cpu->m->spaces[0].unit_bytes] ^= 1;
            break;
        }
    }
    return s;
}

/* ---- runs ---- */

typedef struct Run {
    EmuRun r;
    char *out;               /* what the guest printed */
    size_t nout;
    char *rep;               /* the lockstep report */
    size_t nrep;
    FILE *repf;
} Run;

static const char *run_timer;         /* --timer for the next open_run */

static void open_run(Run *t, const char *machine, const char *program, const char *reader)
{
    memset(t, 0, sizeof *t);
    t->r.timer = run_timer;
    t->r.program = program;
    t->r.is_source = 1;
    t->r.load = 0x1000;
    t->r.reader = reader;
    t->r.out = open_memstream(&t->out, &t->nout);
    assert_non_null(t->r.out);
    t->repf = open_memstream(&t->rep, &t->nrep);
    assert_non_null(t->repf);
    assert_int_equal(emu_run_open(&t->r, machine), 0);
}

static void close_run(Run *t)
{
    FILE *out = t->r.out;
    emu_run_close(&t->r);
    fclose(out);
    fclose(t->repf);
    free(t->out);
    free(t->rep);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

/* Run a program in lockstep with a faithful second CPU: no difference, and
   the output is the expected one (not doubled). */
static void run_clean(const char *machine, const char *program, const char *reader, const char *expected)
{
    Run t;
    open_run(&t, machine, program, reader);
    char err[200];
    EmuLockstep *ls = emu_lockstep_new(&t.r, "tier 0 (copy)", err, sizeof err);
    assert_non_null(ls);
    int differs = -1;
    UcStop s = emu_lockstep_exec(ls, 1000000, &differs, t.repf);
    emu_assist_finish(&t.r);
    fflush(t.r.out);
    fflush(t.repf);
    if (differs)
        fprintf(stderr, "%s", t.rep);
    assert_int_equal(differs, 0);
    assert_int_not_equal(s, UC_STOP_INSN_LIMIT);
    assert_true(emu_lockstep_count(ls) > 0);
    assert_int_equal(emu_lockstep_count(ls), t.r.cpu->icount);
    char *want = slurp(expected);
    assert_string_equal(t.out, want);
    free(want);
    emu_lockstep_free(ls);
    close_run(&t);
}

static void test_clean_s360_primes(void **state)
{
    (void)state;
    run_clean("isa/machines/assist.isa", "programs/s360/primes.asm", NULL, "programs/s360/primes.expected");
}

static void test_clean_s360_cards(void **state)
{
    (void)state;
    run_clean("isa/machines/assist.isa", "programs/s360/totals.asm", "programs/s360/totals.cards",
              "programs/s360/totals.expected");
}

static void test_clean_i1401(void **state)
{
    (void)state;
    run_clean("isa/machines/i1401.isa", "programs/i1401/cards.s", "programs/i1401/cards.cards",
              "programs/i1401/cards.expected");
    run_clean("isa/machines/i1401.isa", "programs/i1401/fib.s", NULL, "programs/i1401/fib.expected");
}

/* Run primes.asm against the faulty tier; returns the report. */
static char *run_faulty(const char *machine, const char *program, uint64_t full_every, uint64_t *count)
{
    Run t;
    open_run(&t, machine, program, NULL);
    char err[200];
    EmuLockstep *ls = emu_lockstep_new(&t.r, "faulty tier", err, sizeof err);
    assert_non_null(ls);
    emu_lockstep_set_full_every(ls, full_every);
    UcCpu *b = emu_lockstep_second(ls);
    b->tier_run = faulty_run;
    fault.done = 0;
    int differs = 0;
    emu_lockstep_exec(ls, 1000000, &differs, t.repf);
    fflush(t.repf);
    assert_int_equal(differs, 1);
    assert_int_equal(fault.done, 1);
    *count = emu_lockstep_count(ls);
    char *rep = strdup(t.rep);
    emu_lockstep_free(ls);
    close_run(&t);
    return rep;
}

static void test_register_fault(void **state)
{
    (void)state;
    fault.kind = FAULT_REG;
    fault.item = "GR";
    fault.index = 5;
    for (uint64_t at = 1; at <= 1000; at += 333) {
        fault.at = at;
        uint64_t n;
        char *rep = run_faulty("isa/machines/assist.isa", "programs/s360/primes.asm", 65536, &n);
        assert_int_equal(n, at);
        char want[80];
        snprintf(want, sizeof want, "differ after instruction %llu\n", (unsigned long long)at);
        assert_non_null(strstr(rep, want));
        assert_non_null(strstr(rep, "  instruction at 00"));
        assert_non_null(strstr(rep, "GR[5]"));
        free(rep);
    }
}

static void test_cc_fault(void **state)
{
    (void)state;
    fault.kind = FAULT_FIELD;
    fault.item = "PSW";
    fault.field = "CC";
    fault.at = 77;
    uint64_t n;
    char *rep = run_faulty("isa/machines/assist.isa", "programs/s360/primes.asm", 65536, &n);
    assert_int_equal(n, 77);
    assert_non_null(strstr(rep, "  PSW "));
    assert_non_null(strstr(rep, " CC "));
    free(rep);
}

static void test_store_fault(void **state)
{
    (void)state;
    fault.kind = FAULT_STORE;
    fault.addr = 0x1100;
    fault.at = 50;
    uint64_t n;
    char *rep = run_faulty("isa/machines/assist.isa", "programs/s360/primes.asm", 65536, &n);
    assert_int_equal(n, 50);
    assert_non_null(strstr(rep, "M[001100]"));
    free(rep);
}

/* A store the hook does not see is found by the full compare: at once with
   a full compare after every instruction, within the period otherwise. */
static void test_silent_store_fault(void **state)
{
    (void)state;
    fault.kind = FAULT_SILENT_STORE;
    fault.addr = 0x3000;
    fault.at = 100;
    uint64_t n;
    char *rep = run_faulty("isa/machines/assist.isa", "programs/s360/primes.asm", 1, &n);
    assert_int_equal(n, 100);
    assert_non_null(strstr(rep, "M[003000]"));
    free(rep);
    rep = run_faulty("isa/machines/assist.isa", "programs/s360/primes.asm", 1000, &n);
    assert_true(n >= 100 && n <= 1100);
    free(rep);
}

static void test_i1401_fault(void **state)
{
    (void)state;
    fault.kind = FAULT_REG;
    fault.item = "BS";
    fault.index = 0;
    fault.at = 20;
    uint64_t n;
    char *rep = run_faulty("isa/machines/i1401.isa", "programs/i1401/fib.s", 65536, &n);
    assert_int_equal(n, 20);
    assert_non_null(strstr(rep, "  BS "));
    free(rep);
}

/* A tier deaf to interruption requests: the random S/360 program of seed 2
   takes an interval-timer interruption (--timer icount:97). */
static void test_deaf_tier(void **state)
{
    (void)state;
    char path[4096];
    int temp = 0;
    assert_int_equal(emu_randprog_file("isa/machines/s360.isa", "2", path, sizeof path, &temp), 0);
    fault.kind = FAULT_DEAF;
    fault.at = 0;
    run_timer = "icount:97";
    uint64_t n;
    char *rep = run_faulty("isa/machines/s360.isa", path, 65536, &n);
    run_timer = NULL;
    assert_non_null(strstr(rep, "the reference called host helper ext_take, faulty tier did not"));
    assert_non_null(strstr(rep, "an interruption request was pending"));
    free(rep);
    if (temp)
        emu_randprog_remove(path);
}

/* Random programs: the machine's own assembler takes every one without an
   error, and the same seed gives the same program. */
static void randprog_assembles(const char *machine, const char *suffix)
{
    UcMachine *m = emu_load_machine(machine, stderr);
    assert_non_null(m);
    assert_string_equal(emu_randprog_suffix(m), suffix);
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_lockstep_%d%s", (int)getpid(), suffix);
    for (uint64_t seed = 1; seed <= 60; seed++) {
        char err[200], *text1 = NULL, *text2 = NULL;
        size_t n1 = 0, n2 = 0;
        FILE *f = open_memstream(&text1, &n1);
        assert_int_equal(emu_randprog_write(m, seed, f, err, sizeof err), 0);
        fclose(f);
        f = open_memstream(&text2, &n2);
        assert_int_equal(emu_randprog_write(m, seed, f, err, sizeof err), 0);
        fclose(f);
        assert_string_equal(text1, text2);
        f = fopen(path, "w");
        assert_non_null(f);
        fputs(text1, f);
        fclose(f);
        AsmOptions opt = { 0 };
        opt.origin = 0x1000;
        AsmImage *img = asm_assemble(m, path, &opt, stderr);
        assert_non_null(img);
        if (img->nerrors)
            fprintf(stderr, "%s seed %llu:\n%s", machine, (unsigned long long)seed, text1);
        assert_int_equal(img->nerrors, 0);
        assert_true(img->size > 100);
        asm_image_free(img);
        free(text1);
        free(text2);
    }
    remove(path);
    uc_machine_free(m);
}

static void test_randprog_s360(void **state)
{
    (void)state;
    randprog_assembles("isa/machines/s360.isa", ".asm");
    randprog_assembles("isa/machines/assist.isa", ".asm");
}

static void test_randprog_i1401(void **state)
{
    (void)state;
    randprog_assembles("isa/machines/i1401.isa", ".s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_s360_primes),
        cmocka_unit_test(test_clean_s360_cards),
        cmocka_unit_test(test_clean_i1401),
        cmocka_unit_test(test_register_fault),
        cmocka_unit_test(test_cc_fault),
        cmocka_unit_test(test_store_fault),
        cmocka_unit_test(test_silent_store_fault),
        cmocka_unit_test(test_i1401_fault),
        cmocka_unit_test(test_deaf_tier),
        cmocka_unit_test(test_randprog_s360),
        cmocka_unit_test(test_randprog_i1401),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
