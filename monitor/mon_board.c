/* mon_board.c — the machine around the CPU as the monitor runs it: the
 * board's events between instructions, exactly as emu_exec has them
 * (emulator/emu_run.h: the S/360 interval timer's steps, device
 * completions, an enabled wait that an interruption ends); the board's
 * state kept with each recorded step so that `back` is exact; an
 * interruption taken at a boundary shown as a trace line of its own; and
 * the commands that control the machine: set/show timer, set/show tier,
 * show interrupts, interrupt (the console's interrupt key) and machinecheck.
 *
 * Principles of Operation A22-6821: "Interruptions" (external: the
 * interrupt key, code bit 25, X'0040'; the timer, bit 24, X'0080'),
 * "Interval Timer" (location 80, a one in bit position 23 subtracted 300
 * times a second), "Machine-Check Interruption".
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "emulator/emu_s360.h"
#include "microcode/uc_tier1.h"
#include "monitor/mon_int.h"

#define NS_PER_TICK (UINT64_C(1000000000) / 300u)
#define WAIT_SLICE_NS UINT64_C(20000000)     /* host mode: look at Ctrl-C this often */

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * UINT64_C(1000000000) + (uint64_t)t.tv_nsec;
}

static EmuS360 *s360(Mon *mon)
{
    return mon->run.board && mon->run.m ? emu_s360_of(&mon->run) : NULL;
}

/* ---- the board's state with each recorded step ---- */

void mon_board_snap(Mon *mon, MonBoardSnap *b)
{
    memset(b, 0, sizeof *b);
    if (mon->run.cpu == NULL)
        return;
    b->valid = 1;
    b->irq = mon->run.cpu->irq;
    EmuS360 *s = s360(mon);
    if (s) {
        b->s360 = 1;
        b->enabled = s->enabled;
        b->wait = s->wait;
        b->ext = s->ext;
        b->mck = s->mck;
        b->waited = s->waited;
        b->next_tick = s->next_tick;
    }
}

void mon_board_restore(Mon *mon, const MonBoardSnap *b)
{
    if (!b->valid)
        return;
    mon->run.cpu->irq = b->irq;
    EmuS360 *s = s360(mon);
    if (s && b->s360) {
        s->enabled = b->enabled;
        s->wait = b->wait;
        s->ext = b->ext;
        s->mck = b->mck;
        s->waited = b->waited;
        s->next_tick = b->next_tick;
    }
}

int mon_board_same(const MonBoardSnap *a, const MonBoardSnap *b)
{
    return a->valid == b->valid && a->irq == b->irq && a->s360 == b->s360 && a->enabled == b->enabled &&
           a->wait == b->wait && a->ext == b->ext && a->mck == b->mck && a->waited == b->waited &&
           a->next_tick == b->next_tick;
}

/* ---- events ---- */

uint64_t mon_board_until(Mon *mon)
{
    const EmuBoard *b = mon->run.board;
    return b && b->until_event ? b->until_event(&mon->run) : UINT64_MAX;
}

void mon_board_advance(Mon *mon)
{
    const EmuBoard *b = mon->run.board;
    if (b && b->advance)
        b->advance(&mon->run);
}

int mon_board_is_wait(Mon *mon, UcStop st)
{
    const UcMachine *m = mon->run.m;
    const EmuBoard *b = mon->run.board;
    return b && b->resume && st == UC_STOP_MACHINE && mon->run.cpu->stop_code < m->nstops &&
           m->stops[mon->run.cpu->stop_code].name &&
           strcmp(m->stops[mon->run.cpu->stop_code].name, "enabled_wait") == 0;
}

static unsigned pending(const EmuS360 *s)
{
    return (s->mck ? EMU_IRQ_MCK : 0) | (s->ext ? EMU_IRQ_EXT : 0) | emu_chan_pending(s);
}

/* Why nothing can end the wait, for the message. */
static const char *why_forever(const EmuS360 *s)
{
    if (!(s->enabled & EMU_IRQ_EXT))
        return "external interruptions are masked off and no device is busy";
    if (s->timer_mode == EMU_TIMER_OFF)
        return "the interval timer is off and no device is busy";
    return "no device is busy";
}

/* Host mode: time passes as it does in `mcemu run`, but Ctrl-C is looked
   at every WAIT_SLICE_NS. 1 pending, 0 never, -2 interrupted. */
static int host_wait(Mon *mon, EmuS360 *s)
{
    for (;;) {
        if (pending(s) & s->enabled)
            return 1;
        if (mon->interrupted)
            return -2;
        int timer_can = s->timer_mode != EMU_TIMER_OFF && (s->enabled & EMU_IRQ_EXT);
        uint64_t t = now_ns();
        uint64_t slice = WAIT_SLICE_NS;
        if (timer_can && s->host_next_ns > t && s->host_next_ns - t < slice)
            slice = s->host_next_ns - t;
        else if (timer_can && s->host_next_ns <= t)
            slice = 0;
        int io = emu_chan_idle(s, slice);
        if (pending(s) & s->enabled)
            return 1;
        if (!timer_can && io < 0)
            return 0;
        if (timer_can) {
            t = now_ns();
            uint64_t d = s->host_next_ns > t ? s->host_next_ns - t : 0;
            if (d > WAIT_SLICE_NS)
                d = WAIT_SLICE_NS;
            if (d) {
                struct timespec ts = { (time_t)(d / 1000000000u), (long)(d % 1000000000u) };
                nanosleep(&ts, NULL);
            }
            emu_intr_advance(s);
        }
    }
}

/* icount (and off) mode, as emu_intr_idle: the wait jumps from timer step
   to timer step (reproducible); with the timer off or masked only a device
   can end it. Ctrl-C is looked at between steps. */
static int icount_wait(Mon *mon, EmuS360 *s)
{
    for (uint64_t n = 0;; n++) {
        if (pending(s) & s->enabled)
            return 1;
        if (mon->interrupted)
            return -2;
        int timer_can = s->timer_mode == EMU_TIMER_ICOUNT && (s->enabled & EMU_IRQ_EXT);
        int io = emu_chan_idle(s, timer_can ? 0 : WAIT_SLICE_NS);
        if (pending(s) & s->enabled)
            return 1;
        if (!timer_can) {
            if (io < 0)
                return 0;       /* nothing can end this wait */
            continue;
        }
        s->waited += emu_intr_until_event(s);
        emu_intr_advance(s);
    }
}

int mon_board_wait(Mon *mon, char *reason, size_t size)
{
    EmuS360 *s = s360(mon);
    int w;
    if (s == NULL) {
        w = mon->run.board->resume(&mon->run, UC_STOP_MACHINE) ? 1 : 0;
    } else if (s->timer_mode == EMU_TIMER_HOST) {
        w = host_wait(mon, s);
    } else {
        w = icount_wait(mon, s);
    }
    if (w == 1)
        return 1;
    if (w == -2) {
        snprintf(reason, size, "interrupted in the wait state");
        return -2;
    }
    char msg[300] = "enabled wait state";
    if (mon->run.board->explain)
        mon->run.board->explain(&mon->run, UC_STOP_MACHINE, msg, sizeof msg);
    snprintf(reason, size, "stopped: %s; nothing can end the wait (%s)", msg,
             s ? why_forever(s) : "the board has no event to wait for");
    return 0;
}

/* ---- interruptions as the trace shows them ---- */

static const UcConst *lowcore_at(const UcMachine *m, uint64_t addr, const char *suffix)
{
    size_t k = strlen(suffix);
    for (uint32_t c = 0; c < m->nconsts; c++) {
        const UcConst *x = &m->consts[c];
        size_t n = x->name ? strlen(x->name) : 0;
        if (x->kind == 1 && x->value == addr && n > k && strcmp(x->name + n - k, suffix) == 0)
            return x;
    }
    return NULL;
}

static size_t put_psw(char *buf, size_t size, uint64_t v, unsigned width)
{
    int n;
    if (width == 64)
        n = snprintf(buf, size, "%08llX %08llX", (unsigned long long)(v >> 32), (unsigned long long)(v & 0xFFFFFFFFu));
    else
        n = snprintf(buf, size, "%0*llX", (int)((width + 3) / 4), (unsigned long long)v);
    return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

/* The value of the PSW item's field `name` in v, or -1 without one. */
static int64_t psw_field(const UcMachine *m, unsigned item, uint64_t v, const char *name, unsigned *len)
{
    for (uint32_t f = 0; f < m->nfields; f++)
        if (m->fields[f].item == item && strcmp(m->fields[f].name, name) == 0) {
            *len = m->fields[f].len;
            return (int64_t)((v >> m->fields[f].shift) & ((UINT64_C(1) << m->fields[f].len) - 1));
        }
    return -1;
}

/* The interruptions in record u: a store at a low-core location named
   X_OLD that holds an old PSW. At a boundary (strict 0) every such store
   is one; in an instruction's record (a program or supervisor-call
   interruption) only when the PSW is now the one at X_NEW, so that a
   program's own store there is not taken for one. Each is a line
   "X interruption code C: old PSW ... at X_OLD (a), new PSW ... from
   X_NEW (a)", printed after "*** " on out (when not NULL); the first is
   also left in desc and the class names X, space-separated, in names. */
int mon_board_interruption(Mon *mon, const MonUndo *u, int strict, FILE *out, char *desc, size_t dsize,
                           char *names, size_t nsize)
{
    const UcMachine *m = mon->run.m;
    if (desc && dsize)
        desc[0] = 0;
    if (names && nsize)
        names[0] = 0;
    if (mon->ia_field < 0 || u->nmem == 0 || m->nspaces == 0)
        return 0;
    unsigned item = m->fields[mon->ia_field].item;
    const UcItem *psw = &m->items[item];
    unsigned ubits = m->spaces[0].unit_bits;
    unsigned units = ubits ? (psw->width + ubits - 1) / ubits : 1;
    uint64_t now = mon->run.cpu->state[psw->slot];
    int found = 0;
    for (uint32_t i = 0; i < u->nmem; i++) {
        if (u->mem[i].space != 0)
            continue;
        int first = 1;          /* the first unit stored there (not counted twice) */
        for (uint32_t j = 0; j < i && first; j++)
            if (u->mem[j].space == 0 && u->mem[j].addr == u->mem[i].addr)
                first = 0;
        const UcConst *old = first ? lowcore_at(m, u->mem[i].addr, "_OLD") : NULL;
        uint64_t v = 0, nv = 0;
        if (old == NULL || uc_mem_load(mon->run.cpu, 0, old->value, units, &v) != 0)
            continue;
        size_t plen = strlen(old->name) - 4;
        char nname[64];
        snprintf(nname, sizeof nname, "%.*s_NEW", (int)plen, old->name);
        const UcConst *nw = NULL;
        for (uint32_t c = 0; c < m->nconsts && nw == NULL; c++)
            if (m->consts[c].kind == 1 && m->consts[c].name && strcmp(m->consts[c].name, nname) == 0)
                nw = &m->consts[c];
        int have_new = nw && uc_mem_load(mon->run.cpu, 0, nw->value, units, &nv) == 0;
        if (strict && (!have_new || nv != now))
            continue;
        char line[300];
        size_t k = (size_t)snprintf(line, sizeof line, "%.*s interruption", (int)plen, old->name);
        unsigned len = 0;
        int64_t code = psw_field(m, item, v, "ICODE", &len);
        if (code >= 0 && k < sizeof line)
            k += (size_t)snprintf(line + k, sizeof line - k, " code %0*llX", (int)((len + 3) / 4), (unsigned long long)code);
        if (k < sizeof line)
            k += (size_t)snprintf(line + k, sizeof line - k, ": old PSW ");
        if (k < sizeof line)
            k += put_psw(line + k, sizeof line - k, v, psw->width);
        if (k < sizeof line)
            k += (size_t)snprintf(line + k, sizeof line - k, " at %s (%s)", old->name, mon_addr(mon, old->value));
        if (have_new && k < sizeof line) {
            k += (size_t)snprintf(line + k, sizeof line - k, ", new PSW ");
            if (k < sizeof line)
                k += put_psw(line + k, sizeof line - k, nv, psw->width);
            if (k < sizeof line)
                snprintf(line + k, sizeof line - k, " from %s (%s)", nname, mon_addr(mon, nw->value));
        }
        if (out) {
            mon_flush_guest(mon);
            fprintf(out, "*** %s\n", line);
        }
        if (!found && desc && dsize)
            snprintf(desc, dsize, "%s", line);
        if (names && nsize) {
            size_t h = strlen(names);
            snprintf(names + h, nsize - h, "%s%.*s", h ? " " : "", (int)plen, old->name);
        }
        found++;
    }
    return found;
}

/* ---- commands ---- */

static int need_s360(Mon *mon, const char *at, const char *what, EmuS360 **s)
{
    *s = s360(mon);
    if (*s == NULL)
        return mon_error(mon, at, "machine %s has no %s (only the System/360 board has one)",
                         mon->run.m && mon->run.m->name ? mon->run.m->name : "?", what);
    return 0;
}

/* "icount", "icount:N", "host", "off" into the timer of s; the option kept
   for reset and load (EmuRun.timer). */
int mon_board_set_timer(Mon *mon, const char *at, const char *word)
{
    EmuS360 *s;
    if (need_s360(mon, at, "interval timer", &s) != 0)
        return -1;
    EmuTimerMode mode;
    uint64_t n = s->tick_insns;
    if (strcasecmp(word, "host") == 0) {
        mode = EMU_TIMER_HOST;
    } else if (strcasecmp(word, "off") == 0) {
        mode = EMU_TIMER_OFF;
    } else if (strncasecmp(word, "icount", 6) == 0 && (word[6] == 0 || word[6] == ':')) {
        mode = EMU_TIMER_ICOUNT;
        n = 3333;
        if (word[6] == ':') {
            const char *d = word + 7;
            char *end;
            if (*d < '0' || *d > '9')
                return mon_error(mon, at, "icount:N needs a count of instructions per step");
            unsigned long long x = strtoull(d, &end, 10);
            if (*end || x == 0 || x > UINT64_C(1000000000000))
                return mon_error(mon, at, "bad instruction count '%s' (1 to 10^12 instructions a step)", d);
            n = x;
        }
    } else {
        return mon_error(mon, at, "the timer is icount, icount:N, host or off, not '%s'", word);
    }
    s->timer_mode = mode;
    s->tick_insns = n;
    s->next_tick = s->cpu->icount + s->waited + n;
    s->host_next_ns = now_ns() + NS_PER_TICK;
    snprintf(mon->timer_opt, sizeof mon->timer_opt, "%s", word);
    for (char *c = mon->timer_opt; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    mon->run.timer = mon->timer_opt;
    return 0;
}

static uint64_t timer_addr(const UcMachine *m)
{
    for (uint32_t c = 0; c < m->nconsts; c++)
        if (m->consts[c].kind == 1 && m->consts[c].name && strcmp(m->consts[c].name, "TIMER") == 0)
            return m->consts[c].value;
    return 0x50;      /* A22-6821: the interval timer is the word at 80 */
}

int mon_board_show_timer(Mon *mon, const char *at)
{
    EmuS360 *s;
    if (need_s360(mon, at, "interval timer", &s) != 0)
        return -1;
    uint64_t a = timer_addr(mon->run.m), v = 0;
    uc_mem_load(mon->run.cpu, 0, a, 4, &v);
    switch (s->timer_mode) {
    case EMU_TIMER_ICOUNT:
        fprintf(mon->out, "timer icount:%llu (a step every %llu instructions)\n",
                (unsigned long long)s->tick_insns, (unsigned long long)s->tick_insns);
        break;
    case EMU_TIMER_HOST:
        fprintf(mon->out, "timer host (300 steps a second of host time)\n");
        break;
    case EMU_TIMER_OFF:
        fprintf(mon->out, "timer off\n");
        break;
    }
    int32_t sv = (int32_t)(uint32_t)v;
    fprintf(mon->out, "location %s: %08llX (%s)\n", mon_addr(mon, a), (unsigned long long)v,
            sv < 0 ? "negative" : "positive or zero");
    if (s->timer_mode == EMU_TIMER_ICOUNT) {
        uint64_t vt = s->cpu->icount + s->waited;
        uint64_t in = s->next_tick > vt ? s->next_tick - vt : 0;
        fprintf(mon->out, "next step in %llu instructions (virtual time %llu: %llu executed, %llu waited)\n",
                (unsigned long long)in, (unsigned long long)vt, (unsigned long long)s->cpu->icount,
                (unsigned long long)s->waited);
    } else if (s->timer_mode == EMU_TIMER_HOST) {
        uint64_t t = now_ns();
        uint64_t in = s->host_next_ns > t ? s->host_next_ns - t : 0;
        fprintf(mon->out, "next step in %.1f ms\n", (double)in / 1e6);
    }
    if (s->timer_mode != EMU_TIMER_OFF && sv >= 0)
        fprintf(mon->out, "negative after %lld step(s): an external interruption, code 0080\n",
                (long long)(sv / 0x100) + 1);
    return 0;
}

int mon_board_show_interrupts(Mon *mon, const char *at)
{
    EmuS360 *s;
    if (need_s360(mon, at, "interruption requests", &s) != 0)
        return -1;
    unsigned p = pending(s);
    fprintf(mon->out, "pending:");
    if (p == 0)
        fprintf(mon->out, " none");
    if (p & EMU_IRQ_MCK)
        fprintf(mon->out, " machine-check");
    if (p & EMU_IRQ_EXT)
        fprintf(mon->out, " external (code %04X)", s->ext);
    for (unsigned c = 0; c < 6; c++)
        if (p & EMU_IRQ_CHAN(c))
            fprintf(mon->out, " I/O (channel %u)", c);
    if (p & EMU_IRQ_CHAN(6))
        fprintf(mon->out, " I/O (channel 6 or above)");
    fputc('\n', mon->out);
    if (s->enabled == ~0u) {
        fprintf(mon->out, "enabled: as the PSW says (no instruction has run)\n");
    } else {
        fprintf(mon->out, "enabled:");
        if (s->enabled & 0x1FFu) {
            if (s->enabled & EMU_IRQ_MCK)
                fprintf(mon->out, " machine-check");
            if (s->enabled & EMU_IRQ_EXT)
                fprintf(mon->out, " external");
            for (unsigned c = 0; c < 6; c++)
                if (s->enabled & EMU_IRQ_CHAN(c))
                    fprintf(mon->out, " channel-%u", c);
            if (s->enabled & EMU_IRQ_CHAN(6))
                fprintf(mon->out, " channels-6+");
        } else {
            fprintf(mon->out, " none");
        }
        fprintf(mon->out, "%s\n", s->wait ? " (the PSW waits)" : "");
    }
    return 0;
}

int mon_cmd_interrupt(Mon *mon, const char *args)
{
    EmuS360 *s;
    const char *p = mon_skip(args);
    if (!mon_at_end(p))
        return mon_error(mon, p, "interrupt takes no operand");
    if (need_s360(mon, args, "interrupt key", &s) != 0)
        return -1;
    emu_intr_external(s, EMU_EXT_KEY);
    fprintf(mon->out, "interrupt key: an external interruption (code 0040) is pending\n");
    return 0;
}

int mon_cmd_machinecheck(Mon *mon, const char *args)
{
    EmuS360 *s;
    const char *p = mon_skip(args);
    if (!mon_at_end(p))
        return mon_error(mon, p, "machinecheck takes no operand");
    if (need_s360(mon, args, "machine-check request", &s) != 0)
        return -1;
    emu_intr_machine_check(s);
    fprintf(mon->out, "a machine-check interruption is pending\n");
    return 0;
}

/* ---- execution tier ---- */

/* The tier of runs without breakpoints, trace or record (the fast path of
   go): 0, the micro-interpreter; 1, C translated from the machine's
   microcode (uc_tier1.h) where the build has it for the machine, as
   `mcemu run` uses by default. Recorded steps, ustep, micro-breakpoints
   and read watchpoints run an instruction or a micro-word at a time, in
   tier 0, by themselves. */
int mon_board_set_tier(Mon *mon, const char *at, uint64_t tier)
{
    if (tier > 1)
        return mon_error(mon, at, "the tier is 0 (the micro-interpreter) or 1 (translated code)");
    if (tier == 1 && uc_tier1_find(mon->run.m) == NULL)
        return mon_error(mon, at, "tier 1 is not available for machine %s (this build has no translated code for it)",
                         mon->run.m->name ? mon->run.m->name : "?");
    mon->tier = (int)tier;
    uc_tier1_enable(mon->run.cpu, (int)tier);
    return 0;
}

void mon_board_show_tier(Mon *mon)
{
    int t = uc_tier1_active(mon->run.cpu);
    fprintf(mon->out, "tier %d (%s)\n", t, t ? "translated code, for runs without breakpoints, trace or record"
                                                : "the micro-interpreter");
    fprintf(mon->out, "tier 1 is %savailable for machine %s\n", uc_tier1_find(mon->run.m) ? "" : "not ",
            mon->run.m->name ? mon->run.m->name : "?");
}

/* After a new CPU (load, set storage): the tier asked for, where the
   machine has it. */
void mon_board_attached(Mon *mon)
{
    if (mon->run.cpu)
        uc_tier1_enable(mon->run.cpu, mon->tier);
}

/* The micro-instruction bound of a fast run: tier 1 runs only unbounded
   (a built-in machine's checked microcode). */
uint64_t mon_board_uop_bound(Mon *mon, uint64_t bound)
{
    return uc_tier1_active(mon->run.cpu) ? 0 : bound;
}
