/* emu_intr.c — the host side of System/360 interruptions: the requests the
 * hardware holds outside the CPU (machine check, the external causes: the
 * interval timer and the interrupt key), the engine's request flag, and the
 * interval timer at location 80.
 *
 * The description takes the requests (s360.isa, `boundary`): it tells this
 * side which classes the PSW enables (irq_enable) and takes them one at a
 * time (mck_take, ext_take; the channels answer io_take). The engine's irq
 * is set exactly when an enabled request is pending or the PSW waits, so
 * the boundary routine runs only when it has something to do.
 *
 * Interval timer (A22-6821, "Interval Timer"): the word at location 80 is
 * decremented by one in bit position 23 (X'100') 300 times a second, between
 * instructions and in the wait state; when it goes from positive or zero to
 * negative, an external interruption is requested with code bit 24. Modes:
 * `host` steps it by the monotonic clock; `icount[:N]` (the default)
 * steps it every N instructions (3333, a one-MIPS model) and, in the wait
 * state, jumps to the next step, so runs are reproducible; `off` stops it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "emulator/emu_chan.h"
#include "emulator/emu_s360.h"

#define TIMER_ADDR      0x50u
#define TIMER_STEP      0x100u                  /* a one in bit position 23 */
#define TICKS_PER_SEC   300u
#define NS_PER_TICK     (UINT64_C(1000000000) / TICKS_PER_SEC)
#define DEFAULT_TICK_INSNS 3333u

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * UINT64_C(1000000000) + (uint64_t)t.tv_nsec;
}

int emu_timer_parse(const char *opt, EmuTimerMode *mode, uint64_t *tick_insns)
{
    *mode = EMU_TIMER_ICOUNT;
    *tick_insns = DEFAULT_TICK_INSNS;
    if (opt && strcmp(opt, "host") == 0) {
        *mode = EMU_TIMER_HOST;
    } else if (opt && strcmp(opt, "off") == 0) {
        *mode = EMU_TIMER_OFF;
    } else if (opt && strncmp(opt, "icount", 6) == 0 && (opt[6] == 0 || opt[6] == ':')) {
        if (opt[6] == ':') {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(opt + 7, &end, 10);
            if (errno || *end || n == 0 || opt[7] == '-' || opt[7] == 0) {
                fprintf(stderr, "mcemu: bad instruction count in --timer %s\n", opt);
                return -1;
            }
            *tick_insns = n;
        }
    } else if (opt) {
        fprintf(stderr, "mcemu: --timer takes icount, icount:N, host or off, not '%s'\n", opt);
        return -1;
    }
    return 0;
}

int emu_intr_open(EmuS360 *s, const char *opt)
{
    s->enabled = ~0u;           /* unknown until the first irq_enable */
    if (emu_timer_parse(opt, &s->timer_mode, &s->tick_insns) != 0)
        return -1;
    s->waited = 0;
    s->idle_repeats = 0;
    s->next_tick = s->cpu->icount + s->tick_insns;
    s->host_next_ns = now_ns() + NS_PER_TICK;
    return 0;
}

static unsigned pending(const EmuS360 *s)
{
    return (s->mck ? EMU_IRQ_MCK : 0) | (s->ext ? EMU_IRQ_EXT : 0) | emu_chan_pending(s);
}

void emu_intr_update(EmuS360 *s)
{
    if ((pending(s) & s->enabled) || s->wait)
        s->cpu->irq = 1;
}

void emu_intr_external(EmuS360 *s, unsigned cause)
{
    s->ext |= cause & 0xFF;
    emu_intr_update(s);
}

void emu_intr_machine_check(EmuS360 *s)
{
    s->mck = 1;
    emu_intr_update(s);
}

/* One step of the timer. */
static void timer_step(EmuS360 *s)
{
    UcCpu *cpu = s->cpu;
    uint64_t v = 0;
    if (uc_mem_load(cpu, 0, TIMER_ADDR, 4, &v) != 0)
        return;
    uint32_t old = (uint32_t)v, now = old - TIMER_STEP;
    uint8_t b[4] = { (uint8_t)(now >> 24), (uint8_t)(now >> 16), (uint8_t)(now >> 8), (uint8_t)now };
    uc_mem_write(cpu, 0, TIMER_ADDR, b, 4);
    if (!(old & 0x80000000u) && (now & 0x80000000u))
        emu_intr_external(s, EMU_EXT_TIMER);
}

static uint64_t vtime(const EmuS360 *s)
{
    return s->cpu->icount + s->waited;
}

/* Host mode: the clock is read between slices of this many instructions,
   so that the timer steps while the CPU runs, not only when it waits. */
#define HOST_SLICE 10000u

uint64_t emu_intr_until_event(EmuS360 *s)
{
    if (s->timer_mode == EMU_TIMER_HOST)
        return HOST_SLICE;
    if (s->timer_mode != EMU_TIMER_ICOUNT)
        return UINT64_MAX;
    uint64_t vt = vtime(s);
    return s->next_tick > vt ? s->next_tick - vt : 1;
}

/* The most steps taken at once in host mode (after the host was suspended,
   say): one second's worth; the rest of the lag is dropped. */
#define MAX_CATCH_UP TICKS_PER_SEC

void emu_intr_advance(EmuS360 *s)
{
    if (s->timer_mode == EMU_TIMER_ICOUNT) {
        while (vtime(s) >= s->next_tick) {
            timer_step(s);
            s->next_tick += s->tick_insns;
        }
    } else if (s->timer_mode == EMU_TIMER_HOST) {
        uint64_t t = now_ns();
        for (unsigned n = 0; t >= s->host_next_ns; n++) {
            if (n == MAX_CATCH_UP) {
                s->host_next_ns = t + NS_PER_TICK;
                break;
            }
            timer_step(s);
            s->host_next_ns += NS_PER_TICK;
        }
    }
}

/* icount mode, a wait only the timer can end: let the virtual time pass at
   once up to the step before the one that makes the timer negative. From a
   value just below zero that is 2^24 steps (about 15 hours of the timer's
   time); stepping them one by one held the host for minutes. */
static void skip_to_timer_request(EmuS360 *s)
{
    uint64_t v = 0;
    if (uc_mem_load(s->cpu, 0, TIMER_ADDR, 4, &v) != 0)
        return;
    uint64_t k = (v & 0xFFFFFFFFu) / TIMER_STEP;    /* steps that leave it >= 0 ... */
    if (k == 0 || k > UINT64_MAX / 2 / s->tick_insns)
        return;
    uint32_t now = (uint32_t)v - (uint32_t)(k * TIMER_STEP);
    uint8_t b[4] = { (uint8_t)(now >> 24), (uint8_t)(now >> 16), (uint8_t)(now >> 8), (uint8_t)now };
    uc_mem_write(s->cpu, 0, TIMER_ADDR, b, 4);
    s->waited += k * s->tick_insns;
    s->next_tick += k * s->tick_insns;
}

/* Waits in a row with no instruction between (each interruption's new PSW
   a wait again, say with the timer ending each one) after which the wait is
   one that nothing can end: the run stops rather than loop on the host. */
#define IDLE_REPEATS_MAX 1000u

int emu_intr_idle(EmuS360 *s)
{
    if (s->cpu->icount != s->idle_icount || s->idle_repeats == 0) {
        s->idle_icount = s->cpu->icount;
        s->idle_repeats = 1;
    } else if (++s->idle_repeats > IDLE_REPEATS_MAX) {
        if (s->chan && s->chan->stop_msg[0] == 0)
            snprintf(s->chan->stop_msg, sizeof s->chan->stop_msg,
                     "%u interruptions in a row with no instruction between, each new PSW a wait",
                     IDLE_REPEATS_MAX);
        s->idle_repeats = 0;
        return 0;
    }
    for (;;) {
        if (pending(s) & s->enabled)
            return 1;
        int timer_can = s->timer_mode != EMU_TIMER_OFF && (s->enabled & EMU_IRQ_EXT);
        uint64_t timeout = UINT64_MAX;
        if (timer_can && s->timer_mode == EMU_TIMER_ICOUNT) {
            timeout = 0;
        } else if (timer_can) {
            uint64_t t = now_ns();
            timeout = s->host_next_ns > t ? s->host_next_ns - t : 0;
        }
        int io = emu_chan_idle(s, timeout);
        if (pending(s) & s->enabled)
            return 1;
        if (!timer_can) {
            if (io < 0)
                return 0;       /* nothing can end this wait */
            continue;
        }
        if (s->timer_mode == EMU_TIMER_ICOUNT) {
            if (io < 0)
                skip_to_timer_request(s);
            s->waited += emu_intr_until_event(s);
        } else {
            uint64_t t = now_ns();
            if (s->host_next_ns > t) {
                struct timespec d = { (time_t)((s->host_next_ns - t) / 1000000000u),
                                      (long)((s->host_next_ns - t) % 1000000000u) };
                nanosleep(&d, NULL);
            }
        }
        emu_intr_advance(s);
    }
}

/* ---- the description's helpers ---- */

static int h_irq_enable(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)res;
    EmuS360 *s = ctx;
    s->enabled = n > 0 ? (unsigned)a[0] & 0x1FFu : 0;
    s->wait = n > 1 && (a[1] & 1);
    emu_intr_update(s);
    return 0;
}

static int h_mck_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)a; (void)n;
    EmuS360 *s = ctx;
    *res = (uint64_t)s->mck;
    s->mck = 0;
    return 0;
}

static int h_ext_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)a; (void)n;
    EmuS360 *s = ctx;
    *res = s->ext;
    s->ext = 0;
    return 0;
}

void emu_intr_bind(EmuS360 *s)
{
    UcCpu *cpu = s->cpu;
    uc_bind_helper(cpu, "irq_enable", h_irq_enable, s);
    uc_bind_helper(cpu, "mck_take", h_mck_take, s);
    uc_bind_helper(cpu, "ext_take", h_ext_take, s);
}
