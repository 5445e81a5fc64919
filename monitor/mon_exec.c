/* mon_exec.c — running the machine under the monitor: step, next, go,
 * continue, until and ustep; at every instruction boundary the breakpoints
 * of mon_break.c are checked, the instruction is recorded for `back`
 * (mon_undo.c), added to the history and traced when asked.
 *
 * The engine stops at every boundary (uc_run with a limit of one), where
 * architected state is complete (DESIGN.md, "The micro-engine"). Read
 * watchpoints and micro-breakpoints run the instruction one micro-word at a
 * time and look at each micro-word before it executes (an LD's address,
 * the micro-address and its description line). `next` runs a call to its
 * return: a call is an instruction that branched and left the address of
 * the next instruction in a register (BAL, BALR).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "monitor/mon_int.h"
/* One instruction may take at most this many micro-instructions (a 1401
   move over all of storage takes a few hundred thousand); a run without a
   breakpoint goes in slices of this many instructions. */
#define MON_UOPS_PER_INSN 100000000ull
#define MON_FAST_SLICE 1000000ull

static uint64_t mask_bits(unsigned n)
{
    return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

static void hist_push(Mon *mon, uint64_t ia)
{
    if (!mon->hist_cap)
        return;
    if (mon->hist_n == mon->hist_cap) {
        mon->hist_head = (mon->hist_head + 1) % mon->hist_cap;
        mon->hist_n--;
    }
    mon->hist[(mon->hist_head + mon->hist_n) % mon->hist_cap] = (MonHist){ ia, mon->run.cpu->icount };
    mon->hist_n++;
}

static int break_fires(Mon *mon, MonBreak *b)
{
    if (b->cond) {
        int truth;
        if (mon_cond_text(mon, b->cond, &truth) != 0)
            return -1;
        if (!truth)
            return 0;
    }
    b->hits++;
    return b->hits >= b->count ? 1 : 0;
}

static int check_exec(Mon *mon, uint64_t ia, char *reason, size_t size)
{
    if (mon->nexec == 0)
        return -1;
    int insn = -1;
    uint64_t key = 0;
    int decoded = 0;
    for (unsigned i = 0; i < mon->nbk; i++) {
        MonBreak *b = &mon->bk[i];
        if (!b->enabled)
            continue;
        int match = 0;
        if (b->kind == MON_BK_EXEC) {
            match = ia >= b->lo && ia <= b->hi;
        } else if (b->kind == MON_BK_OP) {
            if (!decoded) {
                mon_insn_at(mon, ia, &insn, &key);
                decoded = 1;
            }
            match = b->insn >= 0 ? insn == b->insn : key == b->lo;
        }
        if (!match)
            continue;
        int f = break_fires(mon, b);
        if (f < 0) {
            snprintf(reason, size, "breakpoint %d: the condition cannot be evaluated", b->id);
            return -2;
        }
        if (f) {
            char sym[64];
            mon_symbolize(mon, ia, sym, sizeof sym);
            snprintf(reason, size, "%sbreakpoint %d (%s) at %s%s%s%s", b->temporary ? "temporary " : "",
                     b->id, b->where, mon_addr(mon, ia),
                     sym[0] ? " (" : "", sym, sym[0] ? ")" : "");
            return (int)i;
        }
    }
    return -1;
}

/* Watchpoints after an instruction (ia0 its address). */
static int check_watches(Mon *mon, uint64_t ia0, char *reason, size_t size)
{
    int fired = -1;
    for (unsigned i = 0; i < mon->nbk; i++) {
        MonBreak *b = &mon->bk[i];
        if (!b->enabled)
            continue;
        int touched = 0;
        char what[200] = "";
        if ((b->kind == MON_BK_WRITE || b->kind == MON_BK_READ) && b->pending) {
            b->pending = 0;
            touched = 1;
            snprintf(what, sizeof what, "%s[%s] %s", mon->run.m->spaces[b->paddr_space].name,
                     mon_addr(mon, b->paddr),
                     b->kind == MON_BK_WRITE ? "written" : "read");
        } else if (b->kind == MON_BK_REG) {
            uint64_t v = mon_reg_get(mon, &b->reg);
            if (v != b->last) {
                touched = 1;
                char name[80];
                mon_reg_name(mon, &b->reg, name, sizeof name);
                snprintf(what, sizeof what, "%s changed from %llX to %llX", name,
                         (unsigned long long)b->last, (unsigned long long)v);
                b->last = v;
            }
        }
        if (!touched || fired >= 0)
            continue;
        int f = break_fires(mon, b);
        if (f < 0) {
            snprintf(reason, size, "watchpoint %d: the condition cannot be evaluated", b->id);
            return -2;
        }
        if (f) {
            snprintf(reason, size, "watchpoint %d: %s by the instruction at %s", b->id, what,
                     mon_addr(mon, ia0));
            fired = (int)i;
        }
    }
    return fired;
}

static void note_reads(Mon *mon, const UcWord *w)
{
    if (w->op != UC_LD || (w->flags & UC_F_ACC_MASK) == UC_F_IFETCH || w->aux >= mon->run.m->nspaces)
        return;
    uint64_t addr = mon->run.cpu->u[w->a];
    uint64_t units = uc_access_units(&mon->run.m->spaces[w->aux], w);
    uint64_t size = mon->run.cpu->spaces[w->aux].size;
    for (unsigned i = 0; i < mon->nbk; i++) {
        MonBreak *b = &mon->bk[i];
        if (b->kind != MON_BK_READ || !b->enabled || b->space != w->aux || b->pending)
            continue;
        for (uint64_t k = 0; k < units; k++) {
            uint64_t a = size ? (addr + k) % size : addr + k;
            if (a >= b->lo && a <= b->hi) {
                b->pending = 1;
                b->paddr_space = w->aux;
                b->paddr = a;
                break;
            }
        }
    }
}

/* Micro-breakpoint at upc? (entering a description line, or the address) */
static int check_ubreak(Mon *mon, uint32_t upc, char *reason, size_t size)
{
    const UcMachine *m = mon->run.m;
    if (mon->ub_valid && upc == mon->ub_upc && mon->run.cpu->ucount == mon->ub_ucount)
        return -1;
    for (unsigned i = 0; i < mon->nbk; i++) {
        MonBreak *b = &mon->bk[i];
        if (b->kind != MON_BK_UADDR || !b->enabled)
            continue;
        int match;
        if (b->ufile >= 0) {
            match = m->debug && upc < m->nwords && m->debug[upc].file == (uint32_t)b->ufile &&
                    m->debug[upc].line == b->uline;
            if (match && mon->prev_upc < m->nwords && m->debug[mon->prev_upc].file == m->debug[upc].file &&
                m->debug[mon->prev_upc].line == m->debug[upc].line)
                match = 0;            /* still on the same line */
        } else {
            match = upc >= b->lo && upc <= b->hi;
        }
        if (!match)
            continue;
        int f = break_fires(mon, b);
        if (f < 0) {
            snprintf(reason, size, "micro-breakpoint %d: the condition cannot be evaluated", b->id);
            return -2;
        }
        if (f) {
            snprintf(reason, size, "micro-breakpoint %d (%s) at u%04X", b->id, b->where, (unsigned)upc);
            mon->ub_valid = 1;
            mon->ub_upc = upc;
            mon->ub_ucount = mon->run.cpu->ucount;
            return (int)i;
        }
    }
    return -1;
}

/* One instruction (or the rest of the current one), a micro-word at a
   time. *ubreak: index of a micro-breakpoint that stopped it, or -1. */
static UcStop micro_run(Mon *mon, int *ubreak, char *reason, size_t size)
{
    UcCpu *cpu = mon->run.cpu;
    const UcMachine *m = mon->run.m;
    uint64_t ic0 = cpu->icount;
    *ubreak = -1;
    for (uint64_t n = 0;; n++) {
        if (n == MON_UOPS_PER_INSN)
            return UC_STOP_UOP_LIMIT;
        uint32_t upc = cpu->upc;
        if (mon->nubreak) {
            int b = check_ubreak(mon, upc, reason, size);
            if (b != -1) {
                *ubreak = b;
                return UC_STOP_UBREAK;
            }
        }
        if (mon->nread_watch && upc < m->nwords)
            note_reads(mon, &m->words[upc]);
        UcStop st = uc_ustep(cpu);
        mon->prev_upc = upc;
        if (st != UC_STOP_NONE)
            return st;
        if (cpu->icount != ic0)
            return UC_STOP_INSN_LIMIT;
        if (mon->interrupted)
            return UC_STOP_ATTENTION;
    }
}

static int at_boundary_now(Mon *mon)
{
    const UcMachine *m = mon->run.m;
    uint32_t upc = mon->run.cpu->upc;
    return upc == m->fetch_entry || (m->reset_entry != (uint32_t)UC_NONE && upc == m->reset_entry);
}

static int by_place(const void *x, const void *y)
{
    const MonUndoMem *a = x, *b = y;
    if (a->space != b->space)
        return a->space < b->space ? -1 : 1;
    return a->addr < b->addr ? -1 : a->addr > b->addr;
}

static void trace_line(Mon *mon, const char *line, const MonUndo *u)
{
    FILE *out = mon->trace_fp ? mon->trace_fp : mon->out;
    mon_flush_guest(mon);
    char buf[400];
    snprintf(buf, sizeof buf, "%s", line);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == ' ')
        buf[--n] = 0;
    fprintf(out, "%-50s", buf);
    mon_changed_regs(mon, mon->before, out);
    /* storage written: runs of consecutive units, new values. A character
       machine stores right to left, a field in pieces (some of several
       positions): its writes are taken in address order, each run shown as
       the characters of the field from its low address. */
    const MonUndoMem *w = u->mem;
    MonUndoMem *sorted = NULL;
    if (u->nmem > 1 && mon_char_machine(mon, u->mem[0].space) && (sorted = malloc(u->nmem * sizeof *sorted))) {
        memcpy(sorted, u->mem, u->nmem * sizeof *sorted);
        qsort(sorted, u->nmem, sizeof *sorted, by_place);
        w = sorted;
    }
    for (uint32_t i = 0; i < u->nmem;) {
        uint32_t j = i + 1;
        unsigned sp = w[i].space;
        if (mon_char_machine(mon, sp)) {
            while (j < u->nmem && w[j].space == sp && (w[j].addr == w[j - 1].addr || w[j].addr == w[j - 1].addr + 1))
                j++;
            uint64_t lo = w[i].addr, cnt = w[j - 1].addr - lo + 1;
            char text[64 * 3 + 1];
            mon_cell_text(mon, sp, lo, cnt > 64 ? 64 : cnt, 1, text, sizeof text);
            fprintf(out, " %s[%s]=C'%s'%s", mon->run.m->spaces[sp].name, mon_addr(mon, lo), text,
                    cnt > 64 ? "..." : "");
            i = j;
            continue;
        }
        while (j < u->nmem && w[j].space == sp && w[j].addr == w[j - 1].addr + 1)
            j++;
        fprintf(out, " %s[%s]=", mon->run.m->spaces[sp].name, mon_addr(mon, w[i].addr));
        unsigned dd = (mon->run.m->spaces[sp].unit_bits + 3u) / 4u;
        for (uint32_t k = i; k < j && k < i + 16; k++)
            fprintf(out, "%0*llX", (int)dd, (unsigned long long)uc_mem_get(mon->run.cpu, sp, w[k].addr));
        if (j - i > 16)
            fprintf(out, "...(%u)", j - i);
        i = j;
    }
    free(sorted);
    fputc('\n', out);
}

/* A call: the instruction branched away and the address of the next
   instruction (its return address) is in a register of the first register
   file. BAL and BALR put it there, with the ILC, CC and program mask above
   it (A22-6821, "Branch and Link"), so only the address bits are compared.
   The register may hold that value already: a recursive call from the same
   place writes the same link again. */
static int was_call(Mon *mon, uint64_t ia0, unsigned len0)
{
    const UcMachine *m = mon->run.m;
    uint64_t ret = ia0 + len0;
    if (len0 == 0 || mon_ia(mon) == ret)
        return 0;
    uint64_t amask = mask_bits(m->addr_bits ? m->addr_bits : 24);
    for (uint32_t i = 0; i < m->nitems; i++) {
        const UcItem *it = &m->items[i];
        if (it->kind != UC_ITEM_REGFILE)
            continue;
        for (uint32_t e = 0; e < it->count; e++) {
            uint64_t now = mon->run.cpu->state[it->slot + e];
            if ((now & amask) == (ret & amask))   /* written, or the same value again (recursion) */
                return 1;
        }
        break;
    }
    return 0;
}

static void explain_stop(Mon *mon, UcStop st, char *reason, size_t size)
{
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    if (st == UC_STOP_ATTENTION && (mon->interrupted || mon->run.board == NULL)) {
        snprintf(reason, size, "interrupted");
        return;
    }
    if (st == UC_STOP_UOP_LIMIT) {
        snprintf(reason, size, "stopped: no instruction boundary in %llu micro-instructions "
                 "(a loop in the microcode?); ustep shows where", (unsigned long long)MON_UOPS_PER_INSN);
        return;
    }
    mon->machine_stopped = 1;
    if (mon->run.board && mon->run.board->explain) {
        char msg[300];
        mon_flush_guest(mon);
        mon->run.board->explain(&mon->run, st, msg, sizeof msg);
        snprintf(reason, size, "stopped: %s", msg);
        return;
    }
    if (st == UC_STOP_MACHINE && cpu->stop_code < m->nstops)
        snprintf(reason, size, "stopped: %s", m->stops[cpu->stop_code].message ? m->stops[cpu->stop_code].message
                                                                                 : m->stops[cpu->stop_code].name);
    else
        snprintf(reason, size, "stopped: %s%s%s", uc_stop_name(st), cpu->stop_text[0] ? ": " : "", cpu->stop_text);
}

/* Run the rest of the boundary routine (after a wait stop) to the fetch. */
static UcStop finish_boundary(Mon *mon)
{
    UcCpu *cpu = mon->run.cpu;
    /* the request flag the routine left (the wait) would enter it again at
       its end: held back until the fetch */
    int irq = cpu->irq;
    UcStop st = UC_STOP_NONE;
    for (uint64_t n = 0; cpu->upc != mon->run.m->fetch_entry; n++) {
        cpu->irq = 0;
        if (n == MON_UOPS_PER_INSN) {
            st = UC_STOP_UOP_LIMIT;
            break;
        }
        irq |= cpu->irq;
        if ((st = uc_ustep(cpu)) != UC_STOP_NONE)
            break;
        irq |= cpu->irq;
    }
    cpu->irq |= irq;
    return st;
}

/* A wait stop (st): wait, as emu_exec does, for the event that ends it.
   0: an interruption is pending and the machine is at the boundary again,
   to take it; 1: stop here (reason set). */
static int end_wait(Mon *mon, UcStop st, char *reason, size_t size)
{
    if (!mon_board_is_wait(mon, st)) {
        explain_stop(mon, st, reason, size);
        return 1;
    }
    int w = mon_board_wait(mon, reason, size);
    UcStop f = finish_boundary(mon);
    mon->at_boundary = at_boundary_now(mon);
    if (f != UC_STOP_NONE) {
        explain_stop(mon, f, reason, size);
        return 1;
    }
    if (w != 1) {
        mon->machine_stopped = w == 0;
        return 1;
    }
    return 0;
}

/* The interruptions taken in record u (strict: an instruction's; see
   mon_board_interruption): a line each on the trace, or on the output when
   stepping (show), and the interruption breakpoints. 1 one fired (reason
   set), -2 a condition failed (reason set), 0 none. */
static int interruptions(Mon *mon, const MonUndo *u, int strict, int show, char *reason, size_t size)
{
    if (!mon->trace && !show && !mon->nintr)
        return 0;
    char desc[300], names[128];
    FILE *out = mon->trace ? (mon->trace_fp ? mon->trace_fp : mon->out) : show ? mon->out : NULL;
    if (!mon_board_interruption(mon, u, strict, out, desc, sizeof desc, names, sizeof names) || !mon->nintr)
        return 0;
    for (unsigned i = 0; i < mon->nbk; i++) {
        MonBreak *b = &mon->bk[i];
        if (b->kind != MON_BK_INTR || !b->enabled)
            continue;
        int match = b->intr[0] == 0;
        for (const char *n = names; !match && *n;) {
            size_t k = strcspn(n, " ");
            match = k == strlen(b->intr) && strncmp(n, b->intr, k) == 0;
            n += k;
            while (*n == ' ')
                n++;
        }
        if (!match)
            continue;
        int f = break_fires(mon, b);
        if (f < 0) {
            snprintf(reason, size, "breakpoint %d: the condition cannot be evaluated", b->id);
            return -2;
        }
        if (f) {
            snprintf(reason, size, "breakpoint %d (%s): %s", b->id, b->where, desc);
            return 1;
        }
    }
    return 0;
}

/* At an instruction boundary: the board's events that are due (timer
   steps) and the interruptions requested, each taken by the description's
   boundary routine apart from the instructions. When `record`, each round
   is a record of its own for back (an event), and an interruption taken is
   a line of the trace (and, stepping, of the output). An enabled wait
   waits here for its event. 0: go on; 1: stop (reason set); -2: an
   interruption breakpoint's condition failed (reason set). */
static int boundary_events(Mon *mon, int record, int show, char *reason, size_t size)
{
    UcCpu *cpu = mon->run.cpu;
    const UcMachine *m = mon->run.m;
    for (unsigned round = 0; round < 64; round++) {
        MonUndo *u = NULL;
        MonBoardSnap b0;
        if (record) {
            memcpy(mon->before, cpu->state, m->nslots * sizeof *mon->before);
            u = mon->cur = mon_undo_begin(mon, mon_ia(mon));
            u->event = 1;
            b0 = u->board;
        }
        mon_board_advance(mon);
        UcStop st = UC_STOP_NONE;
        int stop = 0, again = 0;
        if (cpu->irq && m->boundary_entry != (uint32_t)UC_NONE) {
            st = uc_boundary(cpu, MON_UOPS_PER_INSN);
            mon->at_boundary = at_boundary_now(mon);
            if (st != UC_STOP_NONE) {
                stop = end_wait(mon, st, reason, size);
                again = !stop;
            } else {
                again = cpu->irq;     /* another request the new PSW enables */
            }
        }
        if (record) {
            mon->cur = NULL;
            MonBoardSnap b1;
            mon_board_snap(mon, &b1);
            int changed = u->nmem > 0 || memcmp(mon->before, cpu->state, m->nslots * sizeof *mon->before) != 0 ||
                          !mon_board_same(&b0, &b1);
            if (changed) {
                mon_undo_end(mon, u);
                int ir = interruptions(mon, u, 0, show, reason, size);
                if (ir != 0 && !stop)
                    return ir;
            }
        }
        if (stop)
            return 1;
        if (!again)
            return 0;
    }
    return 0;
}

int mon_run(Mon *mon, MonRunMode mode, uint64_t count, uint64_t target)
{
    UcCpu *cpu = mon->run.cpu;
    const UcMachine *m = mon->run.m;
    char reason[400] = "";
    uint64_t executed = 0, steps = 0;
    if (mon->before == NULL)          /* mon_hook_install ran out of memory */
        return mon_error(mon, NULL, "out of memory for the run record");
    /* next: the return addresses of the calls being run, innermost last, so
       that a recursive call returning to the same address is told apart */
    enum { MAX_CALLS = 4096 };
    uint64_t *rets = NULL;
    unsigned pending = 0;
    if (mode == MON_RUN_NEXT && (rets = malloc(MAX_CALLS * sizeof *rets)) == NULL)
        return mon_error(mon, NULL, "out of memory");
    int error = 0;
    mon->interrupted = 0;
    mon->machine_stopped = 0;
    cpu->attention = 0;
    /* the description's reset routine (the 1401's: the branch indicator on)
       runs before the first instruction, not as a step of its own */
    if (mode != MON_RUN_USTEP && mon->at_boundary && m->reset_entry != (uint32_t)UC_NONE &&
        m->reset_entry != m->fetch_entry && cpu->upc == m->reset_entry) {
        UcStop rs = UC_STOP_NONE;
        for (uint64_t i = 0; i < MON_UOPS_PER_INSN && cpu->upc != m->fetch_entry && rs == UC_STOP_NONE; i++)
            rs = uc_ustep(cpu);
        mon->at_boundary = at_boundary_now(mon);
    }

    if (mode == MON_RUN_USTEP) {
        mon_ring_clear(mon);           /* the record is per whole instruction */
        for (uint64_t i = 0; i < count; i++) {
            if (mon->interrupted) {
                snprintf(reason, sizeof reason, "interrupted");
                break;
            }
            if (i >= mon->limit) {
                snprintf(reason, sizeof reason, "run limit reached (%llu micro-instructions; set limit N to change it)",
                         (unsigned long long)mon->limit);
                break;
            }
            uint32_t upc = cpu->upc;
            if (at_boundary_now(mon)) {
                mon->insn_ia = mon_ia(mon);
                hist_push(mon, mon->insn_ia);
            }
            /* at the fetch with a request, the engine enters the boundary routine */
            if (upc == m->fetch_entry && cpu->irq && m->boundary_entry != (uint32_t)UC_NONE)
                upc = m->boundary_entry;
            mon_show_uword(mon, upc, mon->out);
            uint64_t ic0 = cpu->icount;
            UcStop st = uc_ustep(cpu);
            mon->prev_upc = upc;
            mon->ub_valid = 0;
            mon->at_boundary = cpu->icount != ic0 || at_boundary_now(mon);
            if (cpu->icount != ic0)
                mon_board_advance(mon);       /* timer steps between instructions */
            if (st != UC_STOP_NONE) {
                explain_stop(mon, st, reason, sizeof reason);
                break;
            }
        }
        mon_flush_guest(mon);
        if (reason[0])
            fprintf(mon->out, "%s\n", reason);
        if (mon->at_boundary)
            mon_summary(mon);
        return 0;
    }

    int fast = mode == MON_RUN_GO && mon->nbk == 0 && !mon->trace && mon->ring_cap == 0 && mon->hist_cap == 0 &&
               mon->expect_text == NULL;
    for (;;) {
        /* interruptions (and a wait) at the boundary, apart from the
           instructions: they are taken before anything else is decided */
        if (mon->at_boundary && !fast) {
            int be = boundary_events(mon, 1, mode == MON_RUN_STEP || mode == MON_RUN_NEXT, reason, sizeof reason);
            if (be == -2)
                error = 1;
            if (be != 0)
                break;
        }
        if (mon->at_boundary) {
            uint64_t ia = mon_ia(mon);
            if (pending && ia == rets[pending - 1] && --pending == 0)
                steps++;
            if ((mode == MON_RUN_STEP || mode == MON_RUN_NEXT) && !pending && steps >= count)
                break;
            if (mode == MON_RUN_UNTIL && executed > 0 && ia == target) {
                char sym[64];
                mon_symbolize(mon, ia, sym, sizeof sym);
                snprintf(reason, sizeof reason, "reached %s%s%s%s", mon_addr(mon, ia), sym[0] ? " (" : "", sym, sym[0] ? ")" : "");
                break;
            }
            if (executed > 0) {
                int b = check_exec(mon, ia, reason, sizeof reason);
                if (b == -2) {
                    error = 1;
                    break;
                }
                if (b >= 0) {
                    if (mon->bk[b].temporary)
                        mon_break_delete_at(mon, (unsigned)b);
                    break;
                }
            }
        }
        if (executed >= mon->limit) {
            snprintf(reason, sizeof reason, "run limit reached (%llu instructions; set limit N to change it)",
                     (unsigned long long)mon->limit);
            break;
        }
        if (mon->interrupted) {
            snprintf(reason, sizeof reason, "interrupted");
            break;
        }
        if (mon->expect_text && mon->at_boundary && mon_console_seen(mon, mon->expect_text) == 1) {
            snprintf(reason, sizeof reason, "the console typed '%.300s'", mon->expect_text);
            break;
        }
        if (fast) {
            /* slices of instructions, each with a bound on micro-instructions,
               so that a loop in the microcode ends too */
            uint64_t chunk = mon->limit - executed;
            if (chunk > MON_FAST_SLICE)
                chunk = MON_FAST_SLICE;
            uint64_t e = mon_board_until(mon);     /* the next timer step */
            if (e < chunk)
                chunk = e;
            uint64_t ic0 = cpu->icount;
            UcStop st = uc_run(cpu, chunk, mon_board_uop_bound(mon, MON_UOPS_PER_INSN));
            executed += cpu->icount - ic0;
            mon->at_boundary = at_boundary_now(mon) || st == UC_STOP_INSN_LIMIT || st == UC_STOP_ATTENTION;
            mon_board_advance(mon);
            if (st == UC_STOP_INSN_LIMIT || (st == UC_STOP_UOP_LIMIT && cpu->icount != ic0))
                continue;
            if (st == UC_STOP_ATTENTION || end_wait(mon, st, reason, sizeof reason)) {
                if (!reason[0])
                    explain_stop(mon, st, reason, sizeof reason);
                break;
            }
            continue;
        }

        /* one instruction, recorded */
        int boundary = mon->at_boundary;
        uint64_t ia0 = mon_ia(mon);
        unsigned len0 = 0;
        char line[300] = "";
        if (boundary) {
            int insn;
            uint64_t key;
            mon->insn_ia = ia0;
            if (mode == MON_RUN_NEXT)
                len0 = mon_insn_at(mon, ia0, &insn, &key);
            hist_push(mon, ia0);
            if (mon->trace)
                mon_insn_line(mon, ia0, line, sizeof line);
        } else {
            mon_ring_clear(mon);
        }
        memcpy(mon->before, cpu->state, m->nslots * sizeof *mon->before);
        if (boundary) {
            mon->cur = mon_undo_begin(mon, ia0);
        } else {
            mon->cur = &mon->scratch;     /* a partial instruction cannot be undone */
            mon->scratch.nmem = mon->scratch.nslots = 0;
            mon->scratch.event = 0;
        }
        UcStop st;
        int ub = -1;
        if (mon->nubreak || mon->nread_watch) {
            st = micro_run(mon, &ub, reason, sizeof reason);
        } else {
            st = uc_run(cpu, 1, MON_UOPS_PER_INSN);
            mon->prev_upc = UINT32_MAX;
        }
        if (st != UC_STOP_UBREAK)
            mon->ub_valid = 0;
        MonUndo *u = mon->cur;
        mon->cur = NULL;
        if (u->slots == NULL && u != &mon->scratch)
            u->nslots = 0;
        mon_undo_end(mon, u);
        executed++;
        mon->at_boundary = st == UC_STOP_INSN_LIMIT || at_boundary_now(mon);
        if (mon->trace && boundary)
            trace_line(mon, line, u);
        if (st == UC_STOP_INSN_LIMIT) {
            if (mode == MON_RUN_NEXT && boundary && was_call(mon, ia0, len0)) {
                if (pending < MAX_CALLS)
                    rets[pending++] = ia0 + len0;
            } else if (!pending) {
                steps++;
            }
        }
        if (st == UC_STOP_UBREAK) {
            if (ub == -2)
                error = 1;
            break;
        }
        if (st != UC_STOP_INSN_LIMIT && st != UC_STOP_NONE) {
            /* a wait met inside the boundary routine (a run resumed in it) */
            if (end_wait(mon, st, reason, sizeof reason))
                break;
            continue;
        }
        /* a program or supervisor-call interruption the instruction took */
        int ir = interruptions(mon, u, 1, mode == MON_RUN_STEP || mode == MON_RUN_NEXT, reason, sizeof reason);
        if (ir == -2)
            error = 1;
        if (ir != 0)
            break;
        int w = check_watches(mon, ia0, reason, sizeof reason);
        if (w == -2) {
            error = 1;
            break;
        }
        if (w >= 0)
            break;
    }
    free(rets);
    for (unsigned i = 0; i < mon->nbk; i++)
        mon->bk[i].pending = 0;
    mon_flush_guest(mon);
    if (error)
        return mon_error(mon, NULL, "%s", reason);
    if (reason[0])
        fprintf(mon->out, "%s\n", reason);
    mon_summary(mon);
    if (mon->interrupted && mon->headless) {
        mon->quit = 1;                /* Ctrl-C ends a script, as it ends a shell script */
        mon->quit_status = 130;
    }
    return 0;
}

void mon_show_history(Mon *mon, uint64_t n)
{
    if (n > mon->hist_n)
        n = mon->hist_n;
    for (uint64_t i = mon->hist_n - n; i < mon->hist_n; i++) {
        const MonHist *h = &mon->hist[(mon->hist_head + i) % mon->hist_cap];
        char line[300];
        mon_insn_line(mon, h->ia, line, sizeof line);
        size_t k = strlen(line);
        while (k > 0 && line[k - 1] == ' ')
            line[--k] = 0;
        fprintf(mon->out, "%8llu  %s\n", (unsigned long long)h->icount + 1, line);
    }
}

/* ---- micro-words and description lines ---- */

static const char *source_line(const UcMachine *m, uint32_t file, uint32_t line, int *len)
{
    if (file >= m->nfiles || m->files[file].text == NULL || line == 0)
        return NULL;
    const char *p = m->files[file].text;
    for (uint32_t l = 1; l < line; l++) {
        p = strchr(p, '\n');
        if (p == NULL)
            return NULL;
        p++;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    const char *e = strchr(p, '\n');
    *len = e ? (int)(e - p) : (int)strlen(p);
    while (*len > 0 && (p[*len - 1] == ' ' || p[*len - 1] == '\r'))
        (*len)--;
    return p;
}

void mon_show_uword(Mon *mon, uint32_t upc, FILE *out)
{
    const UcMachine *m = mon->run.m;
    if (upc >= m->nwords) {
        fprintf(out, "u%04X  (outside the control store)\n", (unsigned)upc);
        return;
    }
    char text[200];
    uc_format_word(m, &m->words[upc], text, sizeof text);
    const UcRoutine *r = uc_machine_routine_at(m, upc);
    fprintf(out, "u%04X %-12s %-36s", (unsigned)upc, r && r->name ? r->name : "", text);
    if (m->debug && m->debug[upc].file < m->nfiles) {
        const UcDebugLine *d = &m->debug[upc];
        const char *name = m->files[d->file].name ? m->files[d->file].name : "?";
        const char *slash = strrchr(name, '/');
        int len = 0;
        const char *src = source_line(m, d->file, d->line, &len);
        fprintf(out, " %s:%u", slash ? slash + 1 : name, (unsigned)d->line);
        if (src)
            fprintf(out, "  %.*s", len, src);
    }
    fputc('\n', out);
}

/* ---- the commands ---- */

int mon_cmd_ulist(Mon *mon, const char *args)
{
    const UcMachine *m = mon->run.m;
    const char *p = mon_skip(args);
    uint64_t start = mon->next_ulist, count = 8;
    if (!mon_at_end(p)) {
        /* the longest routine name that starts the operand ("LPSW b1=0 3") */
        const UcRoutine *r = NULL;
        size_t best = 0;
        for (uint32_t i = 0; i < m->nroutines; i++) {
            const char *name = m->routines[i].name;
            size_t n = name ? strlen(name) : 0;
            if (n > best && strncasecmp(name, p, n) == 0 && (p[n] == 0 || p[n] == ' ' || p[n] == '\t')) {
                r = &m->routines[i];
                best = n;
            }
        }
        if (r) {
            start = r->start;
            count = r->end - r->start;
            p += best;
        } else {
            if (*p == 'u' || *p == 'U')
                p++;
            if (mon_expr(mon, &p, &start) != 0)
                return -1;
        }
        if (mon_opt_count(mon, &p, &count, count) != 0)
            return -1;
    }
    if (start >= m->nwords)
        return mon_error(mon, args, "micro-address %llX is past the control store (%u words)",
                         (unsigned long long)start, m->nwords);
    for (uint64_t i = 0; i < count && start < m->nwords; i++, start++)
        mon_show_uword(mon, (uint32_t)start, mon->out);
    mon->next_ulist = (uint32_t)start;
    return 0;
}

int mon_cmd_step(Mon *mon, const char *args)
{
    uint64_t n;
    if (mon_opt_count(mon, &args, &n, 1) != 0)
        return -1;
    return mon_run(mon, MON_RUN_STEP, n, 0);
}

int mon_cmd_next(Mon *mon, const char *args)
{
    uint64_t n;
    if (mon_opt_count(mon, &args, &n, 1) != 0)
        return -1;
    return mon_run(mon, MON_RUN_NEXT, n, 0);
}

int mon_cmd_ustep(Mon *mon, const char *args)
{
    uint64_t n;
    if (mon_opt_count(mon, &args, &n, 1) != 0)
        return -1;
    return mon_run(mon, MON_RUN_USTEP, n, 0);
}

int mon_cmd_go(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    if (!mon_at_end(p)) {
        uint64_t addr;
        if (mon_expr(mon, &p, &addr) != 0)
            return -1;
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        if (mon_set_ia(mon, addr) != 0)
            return mon_error(mon, args, "this machine has no instruction address register to set");
    }
    return mon_run(mon, MON_RUN_GO, 0, 0);
}

int mon_cmd_continue(Mon *mon, const char *args)
{
    if (!mon_at_end(args))
        return mon_error(mon, mon_skip(args), "continue takes no operand");
    return mon_run(mon, MON_RUN_GO, 0, 0);
}

int mon_cmd_until(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    uint64_t addr;
    if (mon_at_end(p))
        return mon_error(mon, p, "until needs an address");
    if (mon_expr(mon, &p, &addr) != 0)
        return -1;
    if (!mon_at_end(p))
        return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
    return mon_run(mon, MON_RUN_UNTIL, 0, addr);
}

int mon_cmd_trace(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    if (mon_keyword(&p, "off")) {
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        if (mon->trace_fp)
            fclose(mon->trace_fp);
        mon->trace_fp = NULL;
        mon->trace = 0;
        return 0;
    }
    if (!mon_keyword(&p, "on"))
        return mon_error(mon, p, "trace on [FILE] or trace off");
    p = mon_skip(p);
    if (*p) {
        char path[1024];
        snprintf(path, sizeof path, "%s", p);
        size_t k = strlen(path);
        while (k > 0 && (path[k - 1] == ' ' || path[k - 1] == '\t'))
            path[--k] = 0;
        FILE *f = fopen(path, "w");
        if (f == NULL)
            return mon_error(mon, p, "cannot create %s", path);
        if (mon->trace_fp)
            fclose(mon->trace_fp);
        mon->trace_fp = f;
    }
    mon->trace = 1;
    return 0;
}

int mon_cmd_history(Mon *mon, const char *args)
{
    uint64_t n;
    if (mon_opt_count(mon, &args, &n, 16) != 0)
        return -1;
    if (mon->hist_cap == 0)
        return mon_error(mon, NULL, "the history is off (set history N)");
    mon_show_history(mon, n);
    return 0;
}

