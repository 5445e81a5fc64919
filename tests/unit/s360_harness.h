/* s360_harness.h — static helpers for the System/360 instruction tests
 * (tests/unit/test_s360_*.c): compile isa/machines/s360.isa once per test
 * binary, give each case a fresh CPU, place instruction bytes, set and read
 * registers and PSW fields by name, run instructions and check program
 * interruptions through the old PSW in low core, as Principles of
 * Operation A22-6821 ("Interruptions") defines it.
 *
 * Layout of every case: instructions at CODE (X'1000'), data at DATA
 * (X'2000'), supervisor state, key 0, all interruptions disabled. The
 * program and SVC new PSWs are disabled-wait PSWs, so an interruption stops
 * the run (stop reason disabled_wait) with the old PSW to inspect.
 *
 * The host side of interruptions is a minimal one here: no request is ever
 * pending, a waiting PSW sends the machine to its boundary routine (as
 * emulator/emu_intr.c does), and every I/O address answers "not
 * operational" (no channels). Tests of requests bind their own helpers.
 */
#ifndef S360_HARNESS_H
#define S360_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "isa/isa.h"
#include "microcode/uc_engine.h"

/* The description under test; a test of an extension defines its own. */
#ifndef S360_ISA
#define S360_ISA "isa/machines/s360.isa"
#endif

enum { CODE = 0x1000, DATA = 0x2000 };
enum { PGM_OLD = 0x28, PGM_NEW = 0x68, SVC_OLD = 0x20, SVC_NEW = 0x60 };
/* Interruption codes (A22-6821, "Program Interruption"). */
enum { OPERATION = 1, PRIVILEGED = 2, EXECUTE = 3, PROTECTION = 4, ADDRESSING = 5,
       SPECIFICATION = 6, FIXED_OVERFLOW = 8, FIXED_DIVIDE = 9 };

typedef struct S360 {
    const UcMachine *m;
    UcCpu *cpu;
    int gr, psw;
    int f_cc, f_ia, f_ilc, f_pmask, f_key, f_prob, f_smask, f_wait, f_icode;
    int stop_dwait, stop_ewait;
} S360;

static UcMachine *s360_machine;

static inline int s360_group_setup(void **state)
{
    (void)state;
    int n = 0;
    s360_machine = isa_compile_file(S360_ISA, stderr, &n);
    if (s360_machine == NULL)
        fprintf(stderr, "%s: %d errors\n", S360_ISA, n);
    return s360_machine ? 0 : -1;
}

static inline int s360_group_teardown(void **state)
{
    (void)state;
    uc_machine_free(s360_machine);
    s360_machine = NULL;
    return 0;
}

static inline void put_bytes(S360 *t, uint64_t addr, const uint8_t *b, size_t n)
{
    assert_int_equal(uc_mem_write(t->cpu, 0, addr, b, n), 0);
}

/* Hex text ("5A10C000", blanks allowed) into storage at addr. */
static inline void put_hex(S360 *t, uint64_t addr, const char *hex)
{
    uint8_t b[256];
    size_t n = 0;
    for (const char *p = hex; *p;) {
        if (*p == ' ') { p++; continue; }
        unsigned v;
        assert_int_equal(sscanf(p, "%2x", &v), 1);
        assert_true(n < sizeof b);
        b[n++] = (uint8_t)v;
        p += 2;
    }
    put_bytes(t, addr, b, n);
}

static inline void put_u32(S360 *t, uint64_t addr, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    put_bytes(t, addr, b, 4);
}

static inline void put_u64(S360 *t, uint64_t addr, uint64_t v)
{
    put_u32(t, addr, (uint32_t)(v >> 32));
    put_u32(t, addr + 4, (uint32_t)v);
}

static inline uint64_t get_n(S360 *t, uint64_t addr, unsigned n)
{
    uint64_t v = 0;
    assert_int_equal(uc_mem_load(t->cpu, 0, addr, n, &v), 0);
    return v;
}
static inline uint32_t get_u32(S360 *t, uint64_t addr) { return (uint32_t)get_n(t, addr, 4); }
static inline unsigned get_u8(S360 *t, uint64_t addr) { return (unsigned)get_n(t, addr, 1); }

static inline void set_gr(S360 *t, unsigned r, uint32_t v) { uc_set_item(t->cpu, (unsigned)t->gr, r, v); }
static inline uint32_t gr(S360 *t, unsigned r) { return (uint32_t)uc_get_item(t->cpu, (unsigned)t->gr, r); }
static inline uint64_t psw(S360 *t) { return uc_get_item(t->cpu, (unsigned)t->psw, 0); }
static inline void set_psw(S360 *t, uint64_t v) { uc_set_item(t->cpu, (unsigned)t->psw, 0, v); }
static inline unsigned cc(S360 *t) { return (unsigned)uc_get_field(t->cpu, (unsigned)t->f_cc); }
static inline void set_cc(S360 *t, unsigned v) { uc_set_field(t->cpu, (unsigned)t->f_cc, v); }
static inline uint32_t ia(S360 *t) { return (uint32_t)uc_get_field(t->cpu, (unsigned)t->f_ia); }
static inline void set_ia(S360 *t, uint32_t v) { uc_set_field(t->cpu, (unsigned)t->f_ia, v); }
static inline void set_pmask(S360 *t, unsigned v) { uc_set_field(t->cpu, (unsigned)t->f_pmask, v); }
static inline unsigned pmask(S360 *t) { return (unsigned)uc_get_field(t->cpu, (unsigned)t->f_pmask); }

/* A BC-mode PSW: system mask, key, wait, problem state, CC, program mask, IA. */
static inline uint64_t make_psw(unsigned smask, unsigned key, int wait, int prob,
                         unsigned ccv, unsigned pm, uint32_t addr)
{
    return ((uint64_t)smask << 56) | ((uint64_t)key << 52) | ((uint64_t)(wait != 0) << 49) |
           ((uint64_t)(prob != 0) << 48) | ((uint64_t)ccv << 28) | ((uint64_t)pm << 24) |
           (addr & 0xFFFFFF);
}

/* The harness's host: irq_enable raises the request flag for a wait. */
static inline int s360_h_irq_enable(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)ctx; (void)res;
    if (n > 1 && (a[1] & 1))
        cpu->irq = 1;
    return 0;
}

static inline int s360_h_zero(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)ctx; (void)a; (void)n;
    *res = 0;
    return 0;
}

static inline int s360_h_not_operational(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)ctx; (void)a; (void)n;
    *res = 3;
    return 0;
}

static inline void s360_bind_host(UcCpu *cpu)
{
    uc_bind_helper(cpu, "irq_enable", s360_h_irq_enable, NULL);
    static const char *const none[] = { "mck_take", "ext_take", "io_take" };
    for (unsigned i = 0; i < 3; i++)
        uc_bind_helper(cpu, none[i], s360_h_zero, NULL);
    static const char *const io[] = { "sio", "tio", "hio", "tch" };
    for (unsigned i = 0; i < 4; i++)
        uc_bind_helper(cpu, io[i], s360_h_not_operational, NULL);
}

static inline S360 *s360_new_size(uint64_t storage)
{
    S360 *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_non_null(s360_machine);
    t->m = s360_machine;
    char err[160];
    t->cpu = uc_cpu_new(t->m, storage, err, sizeof err);
    if (t->cpu == NULL)
        fail_msg("uc_cpu_new: %s", err);
    s360_bind_host(t->cpu);
    t->gr = uc_machine_find_item(t->m, "GR");
    t->psw = uc_machine_find_item(t->m, "PSW");
    t->f_cc = uc_machine_find_field(t->m, "PSW", "CC");
    t->f_ia = uc_machine_find_field(t->m, "PSW", "IA");
    t->f_ilc = uc_machine_find_field(t->m, "PSW", "ILC");
    t->f_pmask = uc_machine_find_field(t->m, "PSW", "PMASK");
    t->f_key = uc_machine_find_field(t->m, "PSW", "KEY");
    t->f_prob = uc_machine_find_field(t->m, "PSW", "PROB");
    t->f_smask = uc_machine_find_field(t->m, "PSW", "SMASK");
    t->f_wait = uc_machine_find_field(t->m, "PSW", "WAIT");
    t->f_icode = uc_machine_find_field(t->m, "PSW", "ICODE");
    t->stop_dwait = uc_machine_find_stop(t->m, "disabled_wait");
    t->stop_ewait = uc_machine_find_stop(t->m, "enabled_wait");
    assert_true(t->gr >= 0 && t->psw >= 0 && t->f_cc >= 0 && t->f_ia >= 0 && t->f_ilc >= 0);
    assert_true(t->f_pmask >= 0 && t->f_key >= 0 && t->f_prob >= 0 && t->f_smask >= 0);
    assert_true(t->f_wait >= 0 && t->f_icode >= 0);
    assert_true(t->stop_dwait >= 0 && t->stop_ewait >= 0);
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
    put_u64(t, PGM_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD068));
    put_u64(t, SVC_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD060));
    uc_cpu_reset(t->cpu);
    return t;
}

static inline int s360_setup(void **state)
{
    *state = s360_new_size(0);
    return 0;
}

static inline void s360_free(S360 *t)
{
    if (t) {
        uc_cpu_free(t->cpu);
        free(t);
    }
}

static inline int s360_teardown(void **state)
{
    s360_free(*state);
    return 0;
}

/* A fresh supervisor-state PSW at addr (CC and program mask kept),
   micro-state reset. */
static inline void restart(S360 *t, uint32_t addr)
{
    unsigned pm = pmask(t), c = cc(t);
    set_psw(t, make_psw(0, 0, 0, 0, c, pm, addr));
    uc_cpu_reset(t->cpu);
}

/* Run n instructions; they must all complete. */
static inline void run_ok(S360 *t, unsigned n)
{
    UcStop s = uc_run(t->cpu, n, 100000000);
    if (s != UC_STOP_INSN_LIMIT)
        fail_msg("expected %u instructions to complete, stopped: %s (code %llu, old PSW %016llx) %s",
                 n, uc_stop_name(s), (unsigned long long)t->cpu->stop_code,
                 (unsigned long long)get_n(t, PGM_OLD, 8), t->cpu->stop_text);
}

/* Run one instruction at CODE (placed as hex). */
static inline void exec1(S360 *t, const char *hex)
{
    put_hex(t, CODE, hex);
    uc_cpu_reset(t->cpu);                      /* leave a stop's micro-state */
    run_ok(t, 1);
}

/* Run up to n instructions; a program interruption must occur, with this
   code, ILC and instruction address in the program old PSW. */
/* Run up to n instructions, and when the n-th loaded a waiting PSW, the
   boundary after it, where the wait stops the machine before any other
   instruction. */
static inline UcStop run_n(S360 *t, unsigned n)
{
    UcStop s = uc_run(t->cpu, n, 100000000);
    if (s == UC_STOP_INSN_LIMIT && t->cpu->irq) {
        uint64_t before = t->cpu->icount;
        s = uc_run(t->cpu, 1, 100000000);
        assert_int_equal(t->cpu->icount, before);
    }
    return s;
}

static inline void run_pgm(S360 *t, unsigned n, unsigned code, unsigned ilc, uint32_t addr)
{
    UcStop s = run_n(t, n);
    if (s != UC_STOP_MACHINE || (int)t->cpu->stop_code != t->stop_dwait)
        fail_msg("expected a program interruption (code %u), stopped: %s", code, uc_stop_name(s));
    uint64_t old = get_n(t, PGM_OLD, 8);
    assert_int_equal((old >> 32) & 0xFFFF, code);
    assert_int_equal((old >> 30) & 3, ilc);
    assert_int_equal(old & 0xFFFFFF, addr);
    assert_int_equal(ia(t), 0xBAD068);       /* the new PSW is in force */
}

static inline void exec1_pgm(S360 *t, const char *hex, unsigned code)
{
    put_hex(t, CODE, hex);
    uc_cpu_reset(t->cpu);
    unsigned len = ((get_u8(t, CODE) >> 6) == 0) ? 2 : ((get_u8(t, CODE) >> 6) == 3) ? 6 : 4;
    run_pgm(t, 1, code, len / 2, CODE + len);
}

#endif
