/* test_s360_intr.c — System/360 interruptions other than program ones, as
 * IBM System/360 Principles of Operation A22-6821 defines them
 * ("Interruptions": external, supervisor call, machine check, input/output;
 * "Priority of Interruptions"; "Wait State"; "Interval Timer"), run on
 * isa/machines/s360.isa.
 *
 * Two hosts:
 *   - a small one of this file (struct Host) that holds machine-check,
 *     external and I/O requests and answers the description's helpers
 *     irq_enable, mck_take, ext_take and io_take, so the description's
 *     boundary routine is tested alone: classes, masks, priority, the old
 *     PSWs, the wait state;
 *   - the real one, emulator/emu_intr.c, for the interval timer at
 *     location 80 in icount mode (stepped by X'100', an external
 *     interruption with code X'0080' exactly when it goes from positive or
 *     zero to negative) and for an enabled wait ended by the timer.
 */
#include "s360_harness.h"
#include "emulator/emu_s360.h"

enum { EXT_OLD = 0x18, MCK_OLD = 0x30, IO_OLD = 0x38, TIMER = 0x50,
       EXT_NEW = 0x58, MCK_NEW = 0x70, IO_NEW = 0x78 };

/* ---- the test host ---- */

typedef struct Host {
    UcCpu *cpu;
    unsigned enabled;           /* irq_enable's mask: 0x100 mck, 0x80>>c channel c, 0x02 ch 6+, 0x01 ext */
    int wait;
    int mck;
    unsigned ext;               /* pending external causes (code bits 24-31) */
    unsigned io[8];             /* per channel: 0, or 0x10000 | device address */
    unsigned taken[16];         /* the order the classes were taken: 'M' 'E' 'I' */
    unsigned ntaken;
} Host;

static unsigned chan_bit(unsigned c) { return c < 6 ? 0x80u >> c : 0x02u; }

static unsigned pending(const Host *h)
{
    unsigned p = (h->mck ? 0x100u : 0) | (h->ext ? 0x01u : 0);
    for (unsigned c = 0; c < 8; c++)
        if (h->io[c])
            p |= chan_bit(c);
    return p;
}

static void update(Host *h)
{
    if ((pending(h) & h->enabled) || h->wait)
        h->cpu->irq = 1;
}

static int h_irq_enable(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)res;
    Host *h = ctx;
    h->enabled = n > 0 ? (unsigned)a[0] & 0x1FF : 0;
    h->wait = n > 1 && (a[1] & 1);
    update(h);
    return 0;
}

static int h_mck_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)a; (void)n;
    Host *h = ctx;
    *res = (uint64_t)h->mck;
    if (h->mck && h->ntaken < 16)
        h->taken[h->ntaken++] = 'M';
    h->mck = 0;
    return 0;
}

static int h_ext_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)a; (void)n;
    Host *h = ctx;
    *res = h->ext;
    if (h->ext && h->ntaken < 16)
        h->taken[h->ntaken++] = 'E';
    h->ext = 0;
    return 0;
}

/* io_take(system mask): the lowest-numbered enabled channel with a
   pending interruption. */
static int h_io_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu;
    Host *h = ctx;
    unsigned mask = n > 0 ? (unsigned)a[0] & 0xFF : 0;
    *res = 0;
    for (unsigned c = 0; c < 8; c++)
        if (h->io[c] && (mask & chan_bit(c))) {
            *res = h->io[c];
            h->io[c] = 0;
            if (h->ntaken < 16)
                h->taken[h->ntaken++] = 'I';
            break;
        }
    return 0;
}

static Host *host_of(S360 *t)
{
    Host *h = calloc(1, sizeof *h);
    assert_non_null(h);
    h->cpu = t->cpu;
    h->enabled = 0;
    uc_bind_helper(t->cpu, "irq_enable", h_irq_enable, h);
    uc_bind_helper(t->cpu, "mck_take", h_mck_take, h);
    uc_bind_helper(t->cpu, "ext_take", h_ext_take, h);
    uc_bind_helper(t->cpu, "io_take", h_io_take, h);
    return h;
}

/* A PSW with the machine-check mask (bit 13) as well. */
static uint64_t psw_m(unsigned smask, int mchk, int wait, uint32_t addr)
{
    return make_psw(smask, 0, wait, 0, 0, 0, addr) | ((uint64_t)(mchk != 0) << 50);
}

typedef struct Fix {
    S360 *t;
    Host *h;
} Fix;

/* Every new PSW a disabled wait whose address names it. */
static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->t = s360_new_size(0);
    f->h = host_of(f->t);
    put_u64(f->t, EXT_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD058));
    put_u64(f->t, MCK_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD070));
    put_u64(f->t, IO_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD078));
    /* a row of NOPRs (BCR 0,0) at CODE and at the handlers */
    for (uint32_t a = 0; a < 64; a += 2) {
        put_hex(f->t, CODE + a, "0700");
        put_hex(f->t, 0x4000 + a, "0700");
        put_hex(f->t, 0x5000 + a, "0700");
        put_hex(f->t, 0x6000 + a, "0700");
        put_hex(f->t, 0x7000 + a, "0700");
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    s360_free(f->t);
    free(f->h);
    free(f);
    return 0;
}

/* Start at addr with this PSW (and tell the host the masks, as an LPSW would). */
static void start(Fix *f, uint64_t p)
{
    set_psw(f->t, p);
    f->h->enabled = (unsigned)((p >> 56) & 0xFF) | (unsigned)(((p >> 50) & 1) << 8);
    f->h->wait = (int)((p >> 49) & 1);
    uc_cpu_reset(f->t->cpu);
    update(f->h);
}

static uint64_t old_at(Fix *f, uint32_t a) { return get_n(f->t, a, 8); }
static unsigned icode(uint64_t p) { return (unsigned)(p >> 32) & 0xFFFF; }
static uint32_t paddr(uint64_t p) { return (uint32_t)p & 0xFFFFFF; }

static void expect_stop(Fix *f, UcStop s, const char *why, uint32_t addr)
{
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(f->t->cpu->stop_code,
                     (uint64_t)(strcmp(why, "disabled") == 0 ? f->t->stop_dwait : f->t->stop_ewait));
    assert_int_equal(ia(f->t), addr);
}

/* ---- external ---- */

/* A pending external request with PSW bit 7 on: taken before the next
   instruction; the old PSW has the cause in bits 24-31 of the code and the
   address of the instruction not yet executed. */
static void t_external(void **state)
{
    Fix *f = *state;
    start(f, make_psw(0x01, 0, 0, 0, 2, 0, CODE));
    run_ok(f->t, 2);
    f->h->ext = EMU_EXT_TIMER;
    update(f->h);
    uint64_t n0 = f->t->cpu->icount;
    expect_stop(f, run_n(f->t, 5), "disabled", 0xBAD058);
    assert_int_equal(f->t->cpu->icount, n0);
    uint64_t old = old_at(f, EXT_OLD);
    assert_int_equal(icode(old), 0x0080);
    assert_int_equal(paddr(old), CODE + 4);
    assert_int_equal((old >> 56) & 0xFF, 0x01);          /* the system mask as it was */
    assert_int_equal((old >> 28) & 3, 2);                /* the CC as it was */
    assert_int_equal(f->h->ext, 0);
}

/* Timer and interrupt key at once: one interruption, both bits. */
static void t_external_two_causes(void **state)
{
    Fix *f = *state;
    start(f, make_psw(0x01, 0, 0, 0, 0, 0, CODE));
    f->h->ext = EMU_EXT_TIMER | EMU_EXT_KEY;
    update(f->h);
    expect_stop(f, run_n(f->t, 5), "disabled", 0xBAD058);
    assert_int_equal(icode(old_at(f, EXT_OLD)), 0x00C0);
    assert_int_equal(paddr(old_at(f, EXT_OLD)), CODE);
    assert_int_equal(f->h->ntaken, 1);
}

/* Masked (bit 7 off): the request stays pending; SSM enabling it: taken
   after the SSM, before the next instruction. */
static void t_external_masked_then_ssm(void **state)
{
    Fix *f = *state;
    put_hex(f->t, CODE + 8, "8000C000");                  /* SSM 0(12) */
    set_gr(f->t, 12, DATA);
    put_hex(f->t, DATA, "01");
    start(f, make_psw(0xFE, 0, 0, 0, 0, 0, CODE));
    f->h->ext = EMU_EXT_KEY;
    update(f->h);
    run_ok(f->t, 4);                                       /* 4 NOPRs; pending */
    assert_int_equal(ia(f->t), CODE + 8);
    assert_int_equal(f->h->ext, EMU_EXT_KEY);
    uint64_t n0 = f->t->cpu->icount;
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD058);
    assert_int_equal(f->t->cpu->icount, n0 + 1);           /* the SSM completed */
    assert_int_equal(icode(old_at(f, EXT_OLD)), 0x0040);
    assert_int_equal(paddr(old_at(f, EXT_OLD)), CODE + 12);
    assert_int_equal((old_at(f, EXT_OLD) >> 56) & 0xFF, 0x01);
}

/* LPSW loading an enabled PSW: taken before the first instruction at its
   address, whose old PSW is the loaded one. */
static void t_external_lpsw(void **state)
{
    Fix *f = *state;
    set_gr(f->t, 12, DATA);
    put_u64(f->t, DATA, make_psw(0x01, 0, 0, 0, 1, 0x8, 0x4000));
    put_hex(f->t, CODE, "8200C000");                       /* LPSW 0(12) */
    start(f, make_psw(0, 0, 0, 0, 0, 0, CODE));
    f->h->ext = EMU_EXT_TIMER;
    update(f->h);
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD058);
    uint64_t old = old_at(f, EXT_OLD);
    assert_int_equal(paddr(old), 0x4000);
    assert_int_equal((old >> 28) & 3, 1);
    assert_int_equal((old >> 24) & 0xF, 0x8);
    assert_int_equal(f->t->cpu->icount, 1);
}

/* ---- machine check, I/O ---- */

static void t_machine_check(void **state)
{
    Fix *f = *state;
    start(f, psw_m(0, 0, 0, CODE));                       /* bit 13 off: pending */
    f->h->mck = 1;
    update(f->h);
    run_ok(f->t, 3);
    assert_int_equal(f->h->mck, 1);
    start(f, psw_m(0, 1, 0, CODE + 6));
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD070);
    uint64_t old = old_at(f, MCK_OLD);
    assert_int_equal(paddr(old), CODE + 6);
    assert_int_equal((old >> 50) & 1, 1);
    assert_int_equal(f->h->mck, 0);
}

/* I/O: the system-mask bit of the channel (0-5; bit 6 for channels 6 and
   up); the old PSW carries the channel and device address. */
static void t_io(void **state)
{
    Fix *f = *state;
    static const struct { unsigned chan; unsigned dev; unsigned mask; } rows[] = {
        { 0, 0x00E, 0x80 }, { 1, 0x1C0, 0x40 }, { 2, 0x20F, 0x20 }, { 5, 0x501, 0x04 },
        { 6, 0x600, 0x02 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        unsigned others = 0xFE & ~rows[i].mask;            /* every other I/O mask, external off */
        start(f, make_psw(others, 0, 0, 0, 0, 0, CODE));
        f->h->io[rows[i].chan] = 0x10000 | rows[i].dev;
        update(f->h);
        run_ok(f->t, 2);
        assert_int_equal(f->h->io[rows[i].chan], 0x10000 | rows[i].dev);   /* masked */
        start(f, make_psw(rows[i].mask, 0, 0, 0, 0, 0, CODE + 4));
        expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD078);
        uint64_t old = old_at(f, IO_OLD);
        assert_int_equal(icode(old), rows[i].dev);
        assert_int_equal(paddr(old), CODE + 4);
        assert_int_equal(f->h->io[rows[i].chan], 0);
    }
}

/* ---- priority ---- */

/* Machine check, external and I/O pending together, every new PSW enabling
   all: taken in the order machine check, external, I/O, each old PSW the
   previous new PSW, before any instruction; the I/O handler runs first. */
static void t_priority_chain(void **state)
{
    Fix *f = *state;
    put_u64(f->t, MCK_NEW, psw_m(0xFF, 1, 0, 0x4000));
    put_u64(f->t, EXT_NEW, psw_m(0xFF, 1, 0, 0x5000));
    put_u64(f->t, IO_NEW, psw_m(0xFF, 1, 0, 0x6000));
    start(f, psw_m(0, 0, 0, CODE));
    f->h->mck = 1;
    f->h->ext = EMU_EXT_TIMER;
    f->h->io[1] = 0x10000 | 0x123;
    update(f->h);
    run_ok(f->t, 1);                                       /* all masked */
    start(f, psw_m(0xFF, 1, 0, CODE + 2));
    run_ok(f->t, 1);
    assert_int_equal(f->t->cpu->icount, 2);
    assert_int_equal(f->h->ntaken, 3);
    assert_int_equal(f->h->taken[0], 'M');
    assert_int_equal(f->h->taken[1], 'E');
    assert_int_equal(f->h->taken[2], 'I');
    assert_int_equal(paddr(old_at(f, MCK_OLD)), CODE + 2);
    assert_int_equal(paddr(old_at(f, EXT_OLD)), 0x4000);
    assert_int_equal(paddr(old_at(f, IO_OLD)), 0x5000);
    assert_int_equal(icode(old_at(f, IO_OLD)), 0x123);
    assert_int_equal(ia(f->t), 0x6002);                    /* one instruction of the I/O handler */
}

/* The new PSW of the first disables the others: they stay pending until
   a PSW enables them. */
static void t_priority_masked_by_new(void **state)
{
    Fix *f = *state;
    put_u64(f->t, MCK_NEW, psw_m(0x00, 0, 0, 0x4000));
    start(f, psw_m(0xFF, 1, 0, CODE));
    f->h->mck = 1;
    f->h->ext = EMU_EXT_TIMER;
    f->h->io[0] = 0x10000 | 0x00C;
    update(f->h);
    run_ok(f->t, 3);
    assert_int_equal(ia(f->t), 0x4006);
    assert_int_equal(f->h->ntaken, 1);
    assert_int_equal(f->h->ext, EMU_EXT_TIMER);
    assert_int_equal(f->h->io[0], 0x1000C);
    /* the handler enables I/O only (SSM): the I/O one next, the external stays */
    set_gr(f->t, 12, DATA);
    put_hex(f->t, DATA, "80");
    put_hex(f->t, 0x4006, "8000C000");
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD078);
    assert_int_equal(paddr(old_at(f, IO_OLD)), 0x400A);
    assert_int_equal(f->h->ext, EMU_EXT_TIMER);
}

/* A program interruption (taken by the instruction) with an external
   request pending: the program old PSW first; the program new PSW
   enabling external: the external one before any instruction of the
   program-check handler. */
static void t_priority_program_external(void **state)
{
    Fix *f = *state;
    put_u64(f->t, PGM_NEW, make_psw(0x01, 0, 0, 0, 0, 0, 0x4000));
    put_hex(f->t, CODE, "0000");                           /* operation exception */
    start(f, make_psw(0, 0, 0, 0, 0, 0, CODE));
    f->h->ext = EMU_EXT_KEY;
    update(f->h);
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD058);
    assert_int_equal(icode(get_n(f->t, PGM_OLD, 8)), OPERATION);
    assert_int_equal(paddr(get_n(f->t, PGM_OLD, 8)), CODE + 2);
    assert_int_equal(paddr(old_at(f, EXT_OLD)), 0x4000);
    assert_int_equal(icode(old_at(f, EXT_OLD)), 0x0040);
}

/* SVC likewise: the SVC old PSW, then the external one, whose old PSW
   is the SVC new PSW. */
static void t_priority_svc_external(void **state)
{
    Fix *f = *state;
    put_u64(f->t, SVC_NEW, make_psw(0x01, 0, 0, 0, 0, 0, 0x5000));
    put_hex(f->t, CODE, "0A07");                           /* SVC 7 */
    start(f, make_psw(0, 0, 0, 0, 0, 0, CODE));
    f->h->ext = EMU_EXT_TIMER;
    update(f->h);
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD058);
    uint64_t svc = get_n(f->t, SVC_OLD, 8);
    assert_int_equal(icode(svc), 7);
    assert_int_equal((svc >> 30) & 3, 1);
    assert_int_equal(paddr(svc), CODE + 2);
    assert_int_equal(paddr(old_at(f, EXT_OLD)), 0x5000);
}

/* ---- wait state ---- */

/* An enabled wait (external on) stops the run with nothing pending; an
   external request ends it: the old PSW has the wait bit and the address
   of the waiting PSW; the LPSW that loaded it is counted once. */
static void t_enabled_wait(void **state)
{
    Fix *f = *state;
    set_gr(f->t, 12, DATA);
    put_u64(f->t, DATA, make_psw(0x01, 0, 1, 0, 0, 0, 0x7000));
    put_hex(f->t, CODE, "8200C000");
    start(f, make_psw(0, 0, 0, 0, 0, 0, CODE));
    expect_stop(f, run_n(f->t, 1), "enabled", 0x7000);
    assert_int_equal(f->t->cpu->icount, 1);
    expect_stop(f, run_n(f->t, 1), "enabled", 0x7000);     /* still waiting */
    assert_int_equal(f->t->cpu->icount, 1);
    f->h->ext = EMU_EXT_TIMER;
    update(f->h);
    expect_stop(f, run_n(f->t, 1), "disabled", 0xBAD058);
    uint64_t old = old_at(f, EXT_OLD);
    assert_int_equal((old >> 49) & 1, 1);
    assert_int_equal(paddr(old), 0x7000);
    assert_int_equal(icode(old), 0x0080);
    assert_int_equal(f->t->cpu->icount, 1);
}

/* An I/O interruption ends an I/O-enabled wait; the I/O new PSW running
   (not waiting) goes on. */
static void t_wait_ended_by_io(void **state)
{
    Fix *f = *state;
    put_u64(f->t, IO_NEW, make_psw(0, 0, 0, 0, 0, 0, 0x6000));
    start(f, make_psw(0x40, 0, 1, 0, 0, 0, 0x7000));
    expect_stop(f, run_n(f->t, 1), "enabled", 0x7000);
    f->h->io[1] = 0x10000 | 0x190;
    update(f->h);
    run_ok(f->t, 2);
    assert_int_equal(ia(f->t), 0x6004);
    assert_int_equal(paddr(old_at(f, IO_OLD)), 0x7000);
    assert_int_equal((old_at(f, IO_OLD) >> 49) & 1, 1);
    assert_int_equal(icode(old_at(f, IO_OLD)), 0x190);
}

/* A disabled wait (no I/O or external mask): nothing can end it; a
   pending external request is not taken. */
static void t_disabled_wait(void **state)
{
    Fix *f = *state;
    start(f, make_psw(0, 0, 1, 0, 0, 0, 0x7000));
    f->h->ext = EMU_EXT_TIMER;
    update(f->h);
    expect_stop(f, run_n(f->t, 1), "disabled", 0x7000);
    assert_int_equal(f->h->ext, EMU_EXT_TIMER);
    assert_int_equal(f->t->cpu->icount, 0);
}

/* ---- the interval timer (emulator/emu_intr.c, icount mode) ---- */

typedef struct TimerFix {
    S360 *t;
    EmuS360 s;
} TimerFix;

static TimerFix *timer_new(const char *mode)
{
    TimerFix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->t = s360_new_size(0);
    f->s.cpu = f->t->cpu;
    f->s.chan = NULL;                                      /* no channels */
    assert_int_equal(emu_intr_open(&f->s, mode), 0);
    emu_intr_bind(&f->s);
    put_u64(f->t, EXT_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD058));
    set_gr(f->t, 12, CODE);
    put_hex(f->t, CODE, "47F0C000");                       /* B 0(12): a loop */
    return f;
}

static void timer_free(TimerFix *f)
{
    s360_free(f->t);
    free(f);
}

/* Run as the board does: up to the next timer step, then step it. */
static UcStop timer_run(TimerFix *f, uint64_t insns)
{
    uint64_t end = f->t->cpu->icount + insns;
    for (;;) {
        uint64_t n = emu_intr_until_event(&f->s);
        uint64_t left = end - f->t->cpu->icount;
        if (left == 0)
            return UC_STOP_INSN_LIMIT;
        UcStop s = uc_run(f->t->cpu, n < left ? n : left, 0);
        emu_intr_advance(&f->s);
        if (s != UC_STOP_INSN_LIMIT)
            return s;
    }
}

static void t_timer_steps(void **state)
{
    (void)state;
    TimerFix *f = timer_new("icount:10");
    put_u32(f->t, TIMER, 0x000003AB);
    set_psw(f->t, make_psw(0x00, 0, 0, 0, 0, 0, CODE));    /* external masked */
    uc_cpu_reset(f->t->cpu);
    static const uint32_t want[] = { 0x000002AB, 0x000001AB, 0x000000AB, 0xFFFFFFAB, 0xFFFFFEAB };
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(timer_run(f, 10), UC_STOP_INSN_LIMIT);
        assert_int_equal(get_u32(f->t, TIMER), want[i]);    /* bits 24-31 untouched */
        assert_int_equal(f->s.ext, i >= 3 ? EMU_EXT_TIMER : 0);   /* once, at 0AB -> FFFFFFAB */
    }
    f->s.ext = 0;                                          /* as if taken */
    assert_int_equal(timer_run(f, 100), UC_STOP_INSN_LIMIT);
    assert_int_equal(f->s.ext, 0);                         /* negative to negative: nothing */
    assert_int_equal(get_u32(f->t, TIMER), 0xFFFFF4AB);
    put_u32(f->t, TIMER, 0x00000000);                      /* zero to negative: a request */
    assert_int_equal(timer_run(f, 10), UC_STOP_INSN_LIMIT);
    assert_int_equal(get_u32(f->t, TIMER), 0xFFFFFF00);
    assert_int_equal(f->s.ext, EMU_EXT_TIMER);
    f->s.ext = 0;
    put_u32(f->t, TIMER, 0x80000000);                      /* negative to positive: nothing */
    assert_int_equal(timer_run(f, 10), UC_STOP_INSN_LIMIT);
    assert_int_equal(get_u32(f->t, TIMER), 0x7FFFFF00);
    assert_int_equal(f->s.ext, 0);
    timer_free(f);
}

/* Enabled: the interruption comes at the step that makes it negative,
   before the next instruction, with code X'0080'. */
static void t_timer_interrupts(void **state)
{
    (void)state;
    TimerFix *f = timer_new("icount:10");
    put_u32(f->t, TIMER, 0x00000200);
    set_psw(f->t, make_psw(0x01, 0, 0, 0, 0, 0, CODE));
    uc_cpu_reset(f->t->cpu);
    UcStop s = timer_run(f, 1000);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(ia(f->t), 0xBAD058);
    assert_int_equal(f->t->cpu->icount, 30);              /* three steps of 10 */
    uint64_t old = get_n(f->t, EXT_OLD, 8);
    assert_int_equal((old >> 32) & 0xFFFF, 0x0080);
    assert_int_equal(old & 0xFFFFFF, CODE);
    assert_int_equal(get_u32(f->t, TIMER), 0xFFFFFF00);
    timer_free(f);
}

/* An enabled wait: time passes to the step that ends it. */
static void t_timer_ends_wait(void **state)
{
    (void)state;
    TimerFix *f = timer_new("icount:10");
    put_u32(f->t, TIMER, 0x00000400);
    set_psw(f->t, make_psw(0x01, 0, 0, 0, 0, 0, CODE));
    set_gr(f->t, 12, DATA);
    put_u64(f->t, DATA, make_psw(0x01, 0, 1, 0, 0, 0, 0x7000));
    put_hex(f->t, CODE, "8200C000");                       /* LPSW: an enabled wait */
    uc_cpu_reset(f->t->cpu);
    UcStop s = timer_run(f, 1000);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(f->t->cpu->stop_code, (uint64_t)f->t->stop_ewait);
    assert_int_equal(emu_intr_idle(&f->s), 1);
    assert_int_equal(get_u32(f->t, TIMER), 0xFFFFFF00);   /* five steps in the wait */
    s = timer_run(f, 1000);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(ia(f->t), 0xBAD058);
    uint64_t old = get_n(f->t, EXT_OLD, 8);
    assert_int_equal((old >> 32) & 0xFFFF, 0x0080);
    assert_int_equal((old >> 49) & 1, 1);
    assert_int_equal(old & 0xFFFFFF, 0x7000);
    assert_int_equal(f->t->cpu->icount, 1);
    timer_free(f);
}

/* Off: never stepped; a wait enabled only for external never ends. */
static void t_timer_off(void **state)
{
    (void)state;
    TimerFix *f = timer_new("off");
    put_u32(f->t, TIMER, 0x00000100);
    set_psw(f->t, make_psw(0x01, 0, 0, 0, 0, 0, CODE));
    uc_cpu_reset(f->t->cpu);
    assert_int_equal(timer_run(f, 100000), UC_STOP_INSN_LIMIT);
    assert_int_equal(get_u32(f->t, TIMER), 0x00000100);
    set_psw(f->t, make_psw(0x01, 0, 1, 0, 0, 0, 0x7000));
    f->s.wait = 1;
    uc_cpu_reset(f->t->cpu);
    f->t->cpu->irq = 1;
    UcStop s = timer_run(f, 10);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(emu_intr_idle(&f->s), 0);
    timer_free(f);
}

/* Host mode: the timer steps by the clock while the CPU runs (the board
   looks at the clock between bounded slices), not only in a wait. */
static void t_timer_host(void **state)
{
    (void)state;
    TimerFix *f = timer_new("host");
    assert_true(emu_intr_until_event(&f->s) < UINT64_MAX);
    put_u32(f->t, TIMER, 0x00000100);
    set_psw(f->t, make_psw(0x00, 0, 0, 0, 0, 0, CODE));    /* external masked */
    uc_cpu_reset(f->t->cpu);
    /* the board's loop: slices of until_event, each followed by advance */
    for (unsigned i = 0; i < 100000 && f->s.ext == 0; i++) {
        uint64_t n = emu_intr_until_event(&f->s);
        assert_int_equal(uc_run(f->t->cpu, n, 0), UC_STOP_INSN_LIMIT);
        emu_intr_advance(&f->s);
    }
    assert_int_equal(f->s.ext, EMU_EXT_TIMER);             /* went negative while running */
    assert_true((get_u32(f->t, TIMER) & 0x80000000u) != 0);
    timer_free(f);
}

/* The real host's other requests: the interrupt key (emu_intr_external)
   and a machine check, each taken under its mask. */
static void t_real_host_requests(void **state)
{
    (void)state;
    TimerFix *f = timer_new("off");
    put_u64(f->t, MCK_NEW, make_psw(0, 0, 1, 0, 0, 0, 0xBAD070));
    put_hex(f->t, 0x4000, "07000700");
    put_u64(f->t, EXT_NEW, make_psw(0, 0, 0, 0, 0, 0, 0x4000));
    set_psw(f->t, make_psw(0x01, 0, 0, 0, 0, 0, CODE));
    f->s.enabled = 0x01;
    uc_cpu_reset(f->t->cpu);
    emu_intr_external(&f->s, EMU_EXT_KEY);
    assert_int_equal(timer_run(f, 1), UC_STOP_INSN_LIMIT);
    uint64_t old = get_n(f->t, EXT_OLD, 8);
    assert_int_equal((old >> 32) & 0xFFFF, 0x0040);
    assert_int_equal(old & 0xFFFFFF, CODE);
    assert_int_equal(ia(f->t), 0x4002);
    /* machine check: pending while bit 13 is off (the external new PSW) */
    emu_intr_machine_check(&f->s);
    assert_int_equal(timer_run(f, 1), UC_STOP_INSN_LIMIT);
    assert_int_equal(ia(f->t), 0x4004);
    assert_int_equal(f->s.mck, 1);
    set_psw(f->t, psw_m(0, 1, 0, 0x4000));
    f->s.enabled = 0x100;
    emu_intr_update(&f->s);
    UcStop s = timer_run(f, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(ia(f->t), 0xBAD070);
    assert_int_equal(get_n(f->t, MCK_OLD, 8) & 0xFFFFFF, 0x4000);
    assert_int_equal(f->s.mck, 0);
    timer_free(f);
}

static void t_timer_options(void **state)
{
    (void)state;
    static const char *const bad[] = { "icount:", "icount:0", "icount:-5", "icount:12x", "fast", "icount5" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        EmuS360 s;
        memset(&s, 0, sizeof s);
        S360 *t = s360_new_size(0);
        s.cpu = t->cpu;
        assert_int_equal(emu_intr_open(&s, bad[i]), -1);
        s360_free(t);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(t_external), T(t_external_two_causes), T(t_external_masked_then_ssm),
        T(t_external_lpsw), T(t_machine_check), T(t_io), T(t_priority_chain),
        T(t_priority_masked_by_new), T(t_priority_program_external),
        T(t_priority_svc_external), T(t_enabled_wait), T(t_wait_ended_by_io),
        T(t_disabled_wait),
        cmocka_unit_test(t_timer_steps), cmocka_unit_test(t_timer_interrupts),
        cmocka_unit_test(t_timer_ends_wait), cmocka_unit_test(t_timer_off),
        cmocka_unit_test(t_timer_host), cmocka_unit_test(t_real_host_requests),
        cmocka_unit_test(t_timer_options),
    };
#undef T
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
