/* test_uc_storage.c — storage access of the micro-engine: LD/ST/PROBE and
 * the host access API against the rules of microcode/uc_machine.h and the
 * System/360 Principles of Operation (A22-6821, "Protection", "Addressing
 * exception", "Specification exception"): big- and little-endian units,
 * address wrap, the addressing, alignment, protection and fetch-protection
 * faults, access key 0, nokey, stores that fault storing nothing, PROBE
 * all-or-nothing, wider units, units in bytes (lanes), part stores (the
 * last n units of an access), and the store hook.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "microcode/uc_engine.h"
#include "test_uc_build.h"

#define W(...) tb_w(__VA_ARGS__)

typedef struct Env {
    UcMachine *m;
    UcCpu *cpu;
    unsigned hooks;
    uint64_t hook_addr, hook_units;
} Env;

static void hook(UcCpu *cpu, void *ctx, unsigned space, uint64_t addr, uint64_t units)
{
    (void)cpu;
    Env *e = ctx;
    assert_int_equal(space, 0);
    e->hooks++;
    e->hook_addr = addr;
    e->hook_units = units;
}

/* One access: u1 = address, u2 = value; word 2 is the access under test. */
static void env_new(Env *e, UcWord access, void (*tweak)(UcMachine *))
{
    UcWord ws[] = {
        W(UC_NOP, 0, 0, 0, 0, 0, 0, 0, 0),
        W(UC_NOP, 0, 0, 0, 0, 0, 0, 0, 0),
        access,
        W(UC_STOP, 0, 0, 0, 0, 0, 0, 0, TB_STOP_END),
    };
    char err[200];
    memset(e, 0, sizeof *e);
    e->m = tb_machine(ws, 4);
    if (tweak)
        tweak(e->m);
    e->cpu = uc_cpu_new(e->m, 0, err, sizeof err);
    if (!e->cpu)
        fail_msg("%s", err);
    e->cpu->store_hook = hook;
    e->cpu->store_ctx = e;
}

static UcStop go(Env *e, uint64_t addr, uint64_t value)
{
    uc_cpu_reset(e->cpu);
    e->cpu->u[1] = addr;
    e->cpu->u[2] = value;
    e->cpu->u[TB_PARAM] = 0xEEEE;
    return uc_run(e->cpu, 0, 100);
}

/* The run ended in the program interrupt with this code? */
static void expect_fault(Env *e, uint64_t code, uint64_t addr)
{
    assert_int_equal(e->cpu->stop, UC_STOP_MACHINE);
    assert_int_equal(e->cpu->stop_code, TB_STOP_PGM);
    assert_int_equal(e->cpu->u[TB_PARAM], code);
    assert_int_equal(e->cpu->last_fault_addr, addr);
}

static void expect_ok(Env *e)
{
    assert_int_equal(e->cpu->stop, UC_STOP_MACHINE);
    assert_int_equal(e->cpu->stop_code, TB_STOP_END);
}

static void env_free(Env *e)
{
    uc_cpu_free(e->cpu);
    uc_machine_free(e->m);
}

static void little(UcMachine *m) { m->endian = UC_LITTLE; }
static void addr12(UcMachine *m) { m->addr_bits = 12; }
static void unchecked(UcMachine *m)
{
    for (int k = 0; k < UC_NFAULTS; k++)
        m->spaces[0].faults[k].interrupt = UC_NONE;
}
static void addr_stop(UcMachine *m)
{
    m->spaces[0].faults[UC_FAULT_ADDRESSING] = (UcTrapRef){ UC_TRAP_STOP(TB_STOP_C), 0 };
}
static void size_wrap(UcMachine *m)
{
    m->wrap = UC_WRAP_SIZE;
    m->spaces[0].default_size = 4000;
}

static const uint8_t bytes[8] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88 };

static void test_endianness(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_LD, 3, 1, 0, 32, 0, 0, 0, 0), NULL);
    uc_mem_write(e.cpu, 0, 0x100, bytes, 8);
    go(&e, 0x100, 0);
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x01020304);
    go(&e, 0x101, 0);                              /* no alignment asked */
    assert_int_equal(e.cpu->u[3], 0x02030405);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 64, 0, 0, 0, 0), NULL);
    uc_mem_write(e.cpu, 0, 0x100, bytes, 8);
    go(&e, 0x100, 0);
    assert_int_equal(e.cpu->u[3], 0x0102030405060788);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 24, 0, 0, 0, 0), NULL);
    uc_mem_write(e.cpu, 0, 0x100, bytes, 8);
    go(&e, 0x105, 0);
    assert_int_equal(e.cpu->u[3], 0x060788);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 32, 0, 0, 0, 0), little);
    uc_mem_write(e.cpu, 0, 0x100, bytes, 8);
    go(&e, 0x100, 0);
    assert_int_equal(e.cpu->u[3], 0x04030201);
    env_free(&e);
    /* stores */
    uint8_t out[8];
    env_new(&e, W(UC_ST, 0, 1, 2, 16, UC_F_STORE, 0, 0, 0), NULL);
    go(&e, 0x200, 0xABCDEF);
    expect_ok(&e);
    uc_mem_read(e.cpu, 0, 0x200, out, 3);
    assert_int_equal(out[0], 0xCD);
    assert_int_equal(out[1], 0xEF);
    assert_int_equal(out[2], 0);
    assert_int_equal(e.hooks, 1);
    assert_int_equal(e.hook_addr, 0x200);
    assert_int_equal(e.hook_units, 2);
    env_free(&e);
    env_new(&e, W(UC_ST, 0, 1, 2, 32, UC_F_STORE, 0, 0, 0), little);
    go(&e, 0x200, 0x11223344);
    uc_mem_read(e.cpu, 0, 0x200, out, 4);
    assert_int_equal(out[0], 0x44);
    assert_int_equal(out[3], 0x11);
    uint64_t v;
    assert_int_equal(uc_mem_load(e.cpu, 0, 0x200, 4, &v), 0);
    assert_int_equal(v, 0x11223344);
    env_free(&e);
}

static void test_wrap_and_addressing(void **state)
{
    (void)state;
    Env e;
    /* 24-bit addresses, 4096 bytes: beyond storage is an addressing fault */
    env_new(&e, W(UC_LD, 3, 1, 0, 32, 0, 0, 0, 0), NULL);
    uc_mem_write(e.cpu, 0, 0x100, bytes, 4);
    go(&e, 0x1000, 0);
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    assert_int_equal(e.cpu->u[3], 0);              /* not loaded */
    go(&e, 0xFFE, 0);                              /* the last 2 units are not there */
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    go(&e, 0x7F000100, 0);                         /* high bits beyond 24 ignored */
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x01020304);
    go(&e, 0xFFFFFF, 0);
    expect_fault(&e, TB_CODE_ADDR, 0xFFFFFF);
    env_free(&e);
    /* a store crossing the end stores nothing */
    env_new(&e, W(UC_ST, 0, 1, 2, 32, UC_F_STORE, 0, 0, 0), NULL);
    go(&e, 0xFFE, 0xAABBCCDD);
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFE), 0);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFF), 0);
    assert_int_equal(e.hooks, 0);
    env_free(&e);
    /* 12-bit addresses over 4096 bytes: wraps around to 0 */
    env_new(&e, W(UC_ST, 0, 1, 2, 32, UC_F_STORE, 0, 0, 0), addr12);
    go(&e, 0xFFE, 0xAABBCCDD);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFE), 0xAA);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFF), 0xBB);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x000), 0xCC);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x001), 0xDD);
    assert_int_equal(e.hook_addr, 0xFFE);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 32, 0, 0, 0, 0), addr12);
    uc_mem_set(e.cpu, 0, 0xFFF, 0x12);
    uc_mem_set(e.cpu, 0, 0x1000, 0x34);            /* host access wraps too: unit 0 */
    go(&e, 0x1FFF, 0);
    assert_int_equal(e.cpu->u[3], 0x12340000);
    env_free(&e);
    /* wrap modulo the storage size (1401 style, 4000 units) */
    env_new(&e, W(UC_LD, 3, 1, 0, 16, 0, 0, 0, 0), size_wrap);
    assert_int_equal(e.cpu->spaces[0].size, 4000);
    uc_mem_set(e.cpu, 0, 3999, 0x56);
    uc_mem_set(e.cpu, 0, 0, 0x78);
    go(&e, 3999, 0);
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x5678);
    go(&e, 7999, 0);
    assert_int_equal(e.cpu->u[3], 0x5678);
    env_free(&e);
    /* no addressing check: reads 0 beyond storage, stores there do nothing */
    env_new(&e, W(UC_LD, 3, 1, 0, 16, 0, 0, 0, 0), unchecked);
    uc_mem_set(e.cpu, 0, 0xFFF, 0x9A);
    go(&e, 0xFFF, 0);
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x9A00);
    env_free(&e);
    env_new(&e, W(UC_ST, 0, 1, 2, 16, UC_F_STORE, 0, 0, 0), unchecked);
    go(&e, 0xFFFF, 0x1234);
    expect_ok(&e);
    env_free(&e);
    /* a fault mapped to a stop reason */
    env_new(&e, W(UC_LD, 3, 1, 0, 8, 0, 0, 0, 0), addr_stop);
    assert_int_equal(go(&e, 0x5000, 0), UC_STOP_MACHINE);
    assert_int_equal(e.cpu->stop_code, TB_STOP_C);
    assert_int_equal(e.cpu->last_fault_addr, 0x5000);
    env_free(&e);
}

static void test_alignment(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_LD, 3, 1, 0, 32, UC_F_ALIGN, 0, 0, 0), NULL);
    go(&e, 0x102, 0);
    expect_fault(&e, TB_CODE_ALIGN, 0x102);
    go(&e, 0x104, 0);
    expect_ok(&e);
    go(&e, 0x1001, 0);                             /* alignment before addressing */
    expect_fault(&e, TB_CODE_ALIGN, 0x1001);
    env_free(&e);
    env_new(&e, W(UC_ST, 0, 1, 2, 16, UC_F_ALIGN | UC_F_STORE, 0, 0, 0), NULL);
    go(&e, 0x101, 0xFFFF);
    expect_fault(&e, TB_CODE_ALIGN, 0x101);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x101), 0);
    go(&e, 0x100, 0xFFFF);
    expect_ok(&e);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 24, UC_F_ALIGN, 0, 0, 0), NULL);   /* 3 units */
    go(&e, 0x101, 0);
    expect_fault(&e, TB_CODE_ALIGN, 0x101);
    go(&e, 0x102, 0);
    expect_ok(&e);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 32, UC_F_ALIGN, 0, 0, 0), unchecked);
    go(&e, 0x102, 0);
    expect_ok(&e);
    env_free(&e);
}

static void set_keys(Env *e, unsigned psw_key, uint8_t k0, uint8_t k1)
{
    uc_set_field(e->cpu, TB_F_KEY, psw_key);
    e->cpu->spaces[0].keys[0] = k0;
    e->cpu->spaces[0].keys[1] = k1;
}

static void test_protection(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_ST, 0, 1, 2, 32, UC_F_STORE, 0, 0, 0), NULL);
    set_keys(&e, 3, 3, 5);
    go(&e, 0x100, 0x11111111);                     /* key matches */
    expect_ok(&e);
    go(&e, 0x800, 0x22222222);                     /* block 1 has key 5 */
    expect_fault(&e, TB_CODE_PROT, 0x800);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x800), 0);
    go(&e, 0x7FE, 0x33333333);                     /* crossing into it: nothing stored */
    expect_fault(&e, TB_CODE_PROT, 0x800);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x7FE), 0);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x7FF), 0);
    set_keys(&e, 0, 3, 5);                         /* access key 0 matches all */
    go(&e, 0x800, 0x44444444);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x800), 0x44);
    set_keys(&e, 5, 3, 5 | 0x10);                  /* fetch-protection bit ignored in the match */
    go(&e, 0x800, 0x55555555);
    expect_ok(&e);
    env_free(&e);
    env_new(&e, W(UC_ST, 0, 1, 2, 32, UC_F_STORE | UC_F_NOKEY, 0, 0, 0), NULL);
    set_keys(&e, 3, 3, 5);
    go(&e, 0x800, 0x66666666);                     /* nokey: low-core PSW swaps */
    expect_ok(&e);
    env_free(&e);
    /* fetches: only fetch-protected blocks refuse them */
    env_new(&e, W(UC_LD, 3, 1, 0, 32, 0, 0, 0, 0), NULL);
    set_keys(&e, 3, 3, 5);
    go(&e, 0x800, 0);
    expect_ok(&e);
    set_keys(&e, 3, 3, 5 | 0x10);
    go(&e, 0x800, 0);
    expect_fault(&e, TB_CODE_FPROT, 0x800);
    go(&e, 0x7FE, 0);
    expect_fault(&e, TB_CODE_FPROT, 0x800);
    set_keys(&e, 5, 3, 5 | 0x10);                  /* matching key */
    go(&e, 0x800, 0);
    expect_ok(&e);
    set_keys(&e, 0, 3, 5 | 0x10);
    go(&e, 0x800, 0);
    expect_ok(&e);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 16, UC_F_IFETCH, 0, 0, 0), NULL);
    set_keys(&e, 3, 3 | 0x10, 5 | 0x10);
    go(&e, 0x10, 0);
    expect_ok(&e);
    go(&e, 0x810, 0);
    expect_fault(&e, TB_CODE_FPROT, 0x810);
    env_free(&e);
    /* read for update checks store protection */
    env_new(&e, W(UC_LD, 3, 1, 0, 8, UC_F_STORE, 0, 0, 0), NULL);
    set_keys(&e, 3, 3, 5);
    go(&e, 0x900, 0);
    expect_fault(&e, TB_CODE_PROT, 0x900);
    env_free(&e);
}

static void test_probe(void **state)
{
    (void)state;
    Env e;
    /* u1 = address, u2 = count */
    env_new(&e, W(UC_PROBE, 0, 1, 2, 0, UC_F_STORE, 0, 0, 0), NULL);
    go(&e, 0xFF0, 0x10);
    expect_ok(&e);
    go(&e, 0xFF0, 0x11);
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    go(&e, 0x5000, 0);                             /* nothing to check */
    expect_ok(&e);
    go(&e, 0x10, UINT64_C(1) << 40);               /* huge: still quick, still a fault */
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    set_keys(&e, 3, 3, 5);
    go(&e, 0x7F0, 0x10);
    expect_ok(&e);
    go(&e, 0x7F0, 0x20);
    expect_fault(&e, TB_CODE_PROT, 0x800);
    assert_int_equal(e.hooks, 0);                  /* PROBE never stores */
    env_free(&e);
    /* wrapping 12-bit addresses over the whole storage */
    env_new(&e, W(UC_PROBE, 0, 1, 2, 0, UC_F_STORE, 0, 0, 0), addr12);
    go(&e, 0xFF0, UINT64_C(1) << 40);
    expect_ok(&e);
    set_keys(&e, 3, 3, 5);
    go(&e, 0xFF0, 0x20);                           /* wraps into block 0 only */
    expect_fault(&e, TB_CODE_PROT, 0xFF0);
    set_keys(&e, 5, 3, 5);
    go(&e, 0xFF0, 0x20);
    expect_fault(&e, TB_CODE_PROT, 0x0);
    env_free(&e);
    /* fetch probes with the immediate count */
    env_new(&e, W(UC_PROBE, 0, 1, 0, 0, UC_F_FETCH | UC_F_IMM, 0, 0, 8), NULL);
    set_keys(&e, 3, 3, 5 | 0x10);
    go(&e, 0x7F8, 0);
    expect_ok(&e);
    go(&e, 0x7F9, 0);
    expect_fault(&e, TB_CODE_FPROT, 0x800);
    env_free(&e);
}

/* 12-bit units in 2 host bytes: the general path. */
static void wide_units(UcMachine *m)
{
    m->spaces[0].unit_bits = 12;
    m->spaces[0].unit_bytes = 2;
    m->spaces[0].key_block = 0;
}

static void test_wide_units(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_ST, 0, 1, 2, 24, UC_F_STORE, 0, 0, 0), wide_units);
    go(&e, 0x10, 0xABCDEF);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x10), 0xABC);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x11), 0xDEF);
    uint8_t out[4];
    assert_int_equal(uc_mem_read(e.cpu, 0, 0x10, out, 2), 0);
    assert_int_equal(out[0], 0x0A);                /* one unit per 2 bytes, big-endian */
    assert_int_equal(out[1], 0xBC);
    uc_mem_set(e.cpu, 0, 0x20, 0xFFFF);            /* masked to 12 bits */
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x20), 0xFFF);
    uint64_t v;
    assert_int_equal(uc_mem_load(e.cpu, 0, 0x10, 2, &v), 0);
    assert_int_equal(v, 0xABCDEF);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 24, UC_F_ALIGN, 0, 0, 0), wide_units);
    uc_mem_set(e.cpu, 0, 0x20, 0x123);
    uc_mem_set(e.cpu, 0, 0x21, 0x456);
    go(&e, 0x20, 0);
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x123456);
    go(&e, 0x21, 0);
    expect_fault(&e, TB_CODE_ALIGN, 0x21);
    env_free(&e);
}

/* 7-bit units in bytes (the 1401's positions) read and written with
   UC_F_LANES: each unit in a byte of the value, the first unit highest on a
   big-endian machine, lowest on a little-endian one; a store keeps the
   low 7 bits of each byte. */
static void seven_bits(UcMachine *m)
{
    m->spaces[0].unit_bits = 7;
    m->spaces[0].key_block = 0;
}
static void seven_bits_little(UcMachine *m)
{
    seven_bits(m);
    m->endian = UC_LITTLE;
}
static void seven_bits_4000(UcMachine *m)
{
    seven_bits(m);
    size_wrap(m);
}

/* uc_machine_check refuses a machine whose control store is the word w
   (after tweak), naming `what`. */
static void rejected(UcWord w, void (*tweak)(UcMachine *), const char *what)
{
    char err[200];
    UcMachine *m = tb_machine(&w, 1);
    if (tweak)
        tweak(m);
    assert_int_equal(uc_machine_check(m, err, sizeof err), -1);
    assert_non_null(strstr(err, what));
    uc_machine_free(m);
}

static void test_lanes(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_LD, 3, 1, 0, 64, UC_F_LANES, 0, 0, 0), seven_bits);
    for (unsigned k = 0; k < 8; k++)
        uc_mem_set(e.cpu, 0, 0x10 + k, 0x41 + k);
    go(&e, 0x10, 0);
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x4142434445464748);
    go(&e, 0xFFC, 0);                              /* 4 of the 8 units are not there */
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    env_free(&e);
    env_new(&e, W(UC_ST, 0, 1, 2, 32, UC_F_STORE | UC_F_LANES, 0, 0, 0), seven_bits);
    go(&e, 0x20, 0xFF807F41);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x20), 0x7F);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x21), 0x00);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x22), 0x7F);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x23), 0x41);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x24), 0);
    assert_int_equal(e.hook_addr, 0x20);
    assert_int_equal(e.hook_units, 4);
    env_free(&e);
    env_new(&e, W(UC_LD, 3, 1, 0, 16, UC_F_LANES, 0, 0, 0), seven_bits_little);
    uc_mem_set(e.cpu, 0, 0x10, 0x01);
    uc_mem_set(e.cpu, 0, 0x11, 0x7E);
    go(&e, 0x10, 0);
    assert_int_equal(e.cpu->u[3], 0x7E01);
    env_free(&e);
    /* the general path: storage of 4000 positions, the access wraps */
    env_new(&e, W(UC_LD, 3, 1, 0, 24, UC_F_LANES, 0, 0, 0), seven_bits_4000);
    uc_mem_set(e.cpu, 0, 3999, 0x55);
    uc_mem_set(e.cpu, 0, 0, 0x2A);
    uc_mem_set(e.cpu, 0, 1, 0x01);
    go(&e, 3999, 0);
    expect_ok(&e);
    assert_int_equal(e.cpu->u[3], 0x552A01);
    env_free(&e);
    env_new(&e, W(UC_ST, 0, 1, 2, 16, UC_F_STORE | UC_F_LANES, 0, 0, 0), seven_bits_4000);
    go(&e, 3999, 0xC3BC);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 3999), 0x43);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0), 0x3C);
    env_free(&e);
    /* lanes need units of at most 8 bits and whole bytes, on LD and ST */
    rejected(W(UC_LD, 3, 1, 0, 12, UC_F_LANES, 0, 0, 0), seven_bits, "lanes");
    rejected(W(UC_PROBE, 0, 1, 0, 64, UC_F_LANES | UC_F_IMM, 0, 0, 8), seven_bits, "lanes");
    char err[200];
    UcMachine *m = tb_machine((UcWord[]){ W(UC_LD, 3, 1, 0, 16, UC_F_LANES, 0, 0, 0) }, 1);
    assert_int_equal(uc_machine_check(m, err, sizeof err), 0);
    wide_units(m);
    assert_int_equal(uc_machine_check(m, err, sizeof err), -1);
    uc_machine_free(m);
}

/* A part store (UC_F_PART, `last(n)`): of the k units a whole store would
   write at a, only the last n by address (a + k - n .. a + k - 1), each with
   the part of the value the whole store gives it; n above k stores all, 0
   nothing; the access check, the fault and the store hook cover those units
   alone. u4 holds n. */
static UcStop go_part(Env *e, uint64_t addr, uint64_t value, uint64_t n)
{
    uc_cpu_reset(e->cpu);
    e->cpu->u[1] = addr;
    e->cpu->u[2] = value;
    e->cpu->u[4] = n;
    e->cpu->u[TB_PARAM] = 0xEEEE;
    e->hooks = 0;            /* the hook calls of this run alone */
    return uc_run(e->cpu, 0, 100);
}

static void fill(Env *e, uint64_t a, unsigned n, unsigned v)
{
    for (unsigned i = 0; i < n; i++)
        uc_mem_set(e->cpu, 0, a + i, v);
}

static void test_part_store(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_ST, 4, 1, 2, 64, UC_F_STORE | UC_F_PART, 0, 0, 0), NULL);
    fill(&e, 0x100, 8, 0xAA);
    go_part(&e, 0x100, 0x0102030405060788, 3);
    expect_ok(&e);
    static const uint8_t three[8] = { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0x06, 0x07, 0x88 };
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(uc_mem_get(e.cpu, 0, 0x100 + i), three[i]);
    assert_int_equal(e.hooks, 1);
    assert_int_equal(e.hook_addr, 0x105);
    assert_int_equal(e.hook_units, 3);
    fill(&e, 0x100, 8, 0xAA);
    go_part(&e, 0x100, 0x0102030405060788, 0);       /* nothing */
    expect_ok(&e);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(uc_mem_get(e.cpu, 0, 0x100 + i), 0xAA);
    assert_int_equal(e.hooks, 0);
    go_part(&e, 0x100, 0x0102030405060788, 200);     /* more than 8: all 8 */
    expect_ok(&e);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(uc_mem_get(e.cpu, 0, 0x100 + i), bytes[i]);
    assert_int_equal(e.hook_addr, 0x100);
    assert_int_equal(e.hook_units, 8);
    /* the 8 units wrap past the 24-bit address space; the last 2, at 0 and
       1, are in storage, the 6 before them not: stored */
    fill(&e, 0, 2, 0xAA);
    go_part(&e, 0xFFFFFA, 0x0102030405060788, 2);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0), 0x07);
    assert_int_equal(uc_mem_get(e.cpu, 0, 1), 0x88);
    assert_int_equal(e.hook_addr, 0);
    /* 3 units from 0xFFE: the last one is outside, nothing is stored */
    fill(&e, 0xFFE, 2, 0xAA);
    go_part(&e, 0xFF9, 0x0102030405060788, 3);
    expect_fault(&e, TB_CODE_ADDR, 0x1000);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFE), 0xAA);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFF), 0xAA);
    env_free(&e);
    /* little-endian: the last unit by address holds the value's high byte */
    env_new(&e, W(UC_ST, 4, 1, 2, 32, UC_F_STORE | UC_F_PART, 0, 0, 0), little);
    fill(&e, 0x200, 4, 0xAA);
    go_part(&e, 0x200, 0x11223344, 1);
    expect_ok(&e);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x202), 0xAA);
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x203), 0x11);
    assert_int_equal(e.hook_addr, 0x203);
    assert_int_equal(e.hook_units, 1);
    env_free(&e);
    /* 7-bit units in bytes: the low 7 bits of each byte; on storage of 4000
       positions the part wraps to the start when the k units would */
    env_new(&e, W(UC_ST, 4, 1, 2, 64, UC_F_STORE | UC_F_LANES | UC_F_PART, 0, 0, 0), seven_bits_4000);
    fill(&e, 3996, 4, 0x2A);
    fill(&e, 0, 5, 0x2A);
    go_part(&e, 3996, 0x8182838485868788, 4);
    expect_ok(&e);
    for (unsigned i = 0; i < 4; i++) {
        assert_int_equal(uc_mem_get(e.cpu, 0, 3996 + i), 0x2A);
        assert_int_equal(uc_mem_get(e.cpu, 0, i), 0x05 + i);
    }
    assert_int_equal(uc_mem_get(e.cpu, 0, 4), 0x2A);
    assert_int_equal(e.hook_addr, 0);
    assert_int_equal(e.hook_units, 4);
    env_free(&e);
    /* a part store is a store without align, and only a store */
    rejected(W(UC_LD, 3, 1, 0, 32, UC_F_PART, 0, 0, 0), NULL, "part store");
    rejected(W(UC_ST, 4, 1, 2, 32, UC_F_PART | UC_F_ALIGN, 0, 0, 0), NULL, "part store");
}

static void test_host_access(void **state)
{
    (void)state;
    Env e;
    env_new(&e, W(UC_NOP, 0, 0, 0, 0, 0, 0, 0, 0), NULL);
    uint8_t buf[4] = { 1, 2, 3, 4 };
    assert_int_equal(uc_mem_write(e.cpu, 0, 0xFFE, buf, 4), -1);   /* crosses the end */
    assert_int_equal(uc_mem_get(e.cpu, 0, 0xFFE), 0);               /* nothing written */
    assert_int_equal(e.hooks, 0);
    assert_int_equal(uc_mem_write(e.cpu, 0, 0xFFC, buf, 4), 0);
    assert_int_equal(e.hooks, 1);
    assert_int_equal(e.hook_units, 4);
    assert_int_equal(uc_mem_read(e.cpu, 0, 0xFFD, buf, 4), -1);
    assert_int_equal(uc_mem_read(e.cpu, 1, 0, buf, 1), -1);          /* no space 1 */
    assert_int_equal(uc_mem_get(e.cpu, 0, 0x1000), 0);
    uc_mem_set(e.cpu, 0, 0x1000, 7);                                 /* ignored */
    assert_int_equal(e.hooks, 1);
    uc_mem_set(e.cpu, 0, 5, 0x1FF);
    assert_int_equal(e.hooks, 2);
    assert_int_equal(uc_mem_get(e.cpu, 0, 5), 0xFF);
    uint64_t v = 99;
    assert_int_equal(uc_mem_load(e.cpu, 0, 0xFFC, 4, &v), 0);
    assert_int_equal(v, 0x01020304);
    assert_int_equal(uc_mem_load(e.cpu, 0, 0xFFD, 4, &v), -1);
    env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_endianness),
        cmocka_unit_test(test_wrap_and_addressing),
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_protection),
        cmocka_unit_test(test_probe),
        cmocka_unit_test(test_wide_units),
        cmocka_unit_test(test_lanes),
        cmocka_unit_test(test_part_store),
        cmocka_unit_test(test_host_access),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
