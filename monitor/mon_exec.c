/* mon_exec.c — running the machine under the monitor: step, next, go,
 * until and ustep; breakpoints on an instruction address or kind, storage
 * watchpoints, register watchpoints, micro-breakpoints on a micro-address or
 * a description line; the trace, the history of executed instructions and
 * `back`, which undoes instructions from a bounded record of their effects.
 *
 * The engine stops at every instruction boundary (uc_run with a limit of
 * one), where architected state is complete and micro-registers are dead
 * (DESIGN.md, "The micro-engine"), so undoing an instruction is restoring
 * the state slots and storage units it changed. Storage writes are seen by
 * the engine's store hook; since the hook runs after the store, a shadow
 * copy of storage supplies the old value. Read watchpoints and
 * micro-breakpoints run the instruction one micro-word at a time and look
 * at each LD before it executes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "monitor/mon_int.h"

static uint64_t mask_bits(unsigned n)
{
    return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

/* ---- shadow storage and the store hook ---- */

static uint64_t shadow_get(Mon *mon, unsigned space, uint64_t a)
{
    unsigned ub = mon->run.m->spaces[space].unit_bytes;
    const uint8_t *p = mon->shadow[space] + a * ub;
    uint64_t v = 0;
    for (unsigned j = 0; j < ub; j++)
        v = v << 8 | p[j];
    return v;
}

static void shadow_put(Mon *mon, unsigned space, uint64_t a, uint64_t v)
{
    unsigned ub = mon->run.m->spaces[space].unit_bytes;
    uint8_t *p = mon->shadow[space] + a * ub;
    for (unsigned j = ub; j-- > 0; v >>= 8)
        p[j] = (uint8_t)v;
}

static void undo_add_mem(MonUndo *u, unsigned space, uint64_t addr, uint64_t old)
{
    if (u->nmem == u->capmem) {
        uint32_t cap = u->capmem ? u->capmem * 2 : 16;
        MonUndoMem *p = realloc(u->mem, cap * sizeof *p);
        if (p == NULL)
            return;
        u->mem = p;
        u->capmem = cap;
    }
    u->mem[u->nmem++] = (MonUndoMem){ (uint16_t)space, addr, old };
}

static void store_hook(UcCpu *cpu, void *ctx, unsigned space, uint64_t addr, uint64_t units)
{
    Mon *mon = ctx;
    if (mon->shadow == NULL || space >= mon->run.m->nspaces)
        return;
    uint64_t size = mon->shadow_size[space];
    if (size == 0)
        return;
    for (uint64_t i = 0; i < units && i < size; i++) {
        uint64_t a = (addr + i) % size;
        uint64_t old = shadow_get(mon, space, a);
        uint64_t now = uc_mem_get(cpu, space, a);
        if (mon->cur && !mon->depositing)
            undo_add_mem(mon->cur, space, a, old);
        shadow_put(mon, space, a, now);
    }
    if (mon->depositing || mon->nwrite_watch == 0)
        return;
    for (unsigned b = 0; b < mon->nbk; b++) {
        MonBreak *bk = &mon->bk[b];
        if (bk->kind != MON_BK_WRITE || !bk->enabled || bk->space != space || bk->pending)
            continue;
        for (uint64_t i = 0; i < units && i < size; i++) {
            uint64_t a = (addr + i) % size;
            if (a >= bk->lo && a <= bk->hi) {
                bk->pending = 1;
                bk->paddr_space = space;
                bk->paddr = a;
                break;
            }
        }
    }
}

int mon_hook_install(Mon *mon)
{
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    mon_hook_remove(mon);
    mon->shadow = calloc(m->nspaces ? m->nspaces : 1, sizeof *mon->shadow);
    mon->shadow_size = calloc(m->nspaces ? m->nspaces : 1, sizeof *mon->shadow_size);
    mon->before = calloc(m->nslots ? m->nslots : 1, sizeof *mon->before);
    if (!mon->shadow || !mon->shadow_size || !mon->before)
        return -1;
    for (uint32_t s = 0; s < m->nspaces; s++) {
        uint64_t size = cpu->spaces[s].size;
        unsigned ub = m->spaces[s].unit_bytes;
        mon->shadow[s] = malloc(size * ub + 1);
        if (mon->shadow[s] == NULL)
            return -1;
        mon->shadow_size[s] = size;
        if (size && uc_mem_read(cpu, s, 0, mon->shadow[s], size) != 0)
            memset(mon->shadow[s], 0, size * ub);
    }
    cpu->store_hook = store_hook;
    cpu->store_ctx = mon;
    mon->prev_upc = UINT32_MAX;
    mon->ub_valid = 0;
    return 0;
}

void mon_hook_remove(Mon *mon)
{
    if (mon->run.cpu && mon->run.cpu->store_ctx == mon) {
        mon->run.cpu->store_hook = NULL;
        mon->run.cpu->store_ctx = NULL;
    }
    if (mon->shadow) {
        for (uint32_t s = 0; mon->run.m && s < mon->run.m->nspaces; s++)
            free(mon->shadow[s]);
        free(mon->shadow);
    }
    free(mon->shadow_size);
    free(mon->before);
    mon->shadow = NULL;
    mon->shadow_size = NULL;
    mon->before = NULL;
    mon_ring_clear(mon);
    mon->hist_n = mon->hist_head = 0;
}

/* ---- the undo ring and the history ---- */

void mon_ring_clear(Mon *mon)
{
    mon->ring_n = mon->ring_head = 0;
}

static void undo_free(MonUndo *u)
{
    free(u->slots);
    free(u->mem);
    memset(u, 0, sizeof *u);
}

void mon_ring_resize(Mon *mon, unsigned cap)
{
    for (unsigned i = 0; i < mon->ring_cap; i++)
        undo_free(&mon->ring[i]);
    free(mon->ring);
    mon->ring = cap ? calloc(cap, sizeof *mon->ring) : NULL;
    mon->ring_cap = mon->ring ? cap : 0;
    mon_ring_clear(mon);
}

void mon_hist_resize(Mon *mon, unsigned cap)
{
    free(mon->hist);
    mon->hist = cap ? calloc(cap, sizeof *mon->hist) : NULL;
    mon->hist_cap = mon->hist ? cap : 0;
    mon->hist_n = mon->hist_head = 0;
}

static MonUndo *undo_begin(Mon *mon, uint64_t ia)
{
    MonUndo *u;
    if (mon->ring_cap) {
        if (mon->ring_n == mon->ring_cap) {
            mon->ring_head = (mon->ring_head + 1) % mon->ring_cap;
            mon->ring_n--;
        }
        u = &mon->ring[(mon->ring_head + mon->ring_n) % mon->ring_cap];
    } else {
        u = &mon->scratch;
    }
    if (u->slots == NULL)
        u->slots = calloc(mon->run.m->nslots ? mon->run.m->nslots : 1, sizeof *u->slots);
    u->nslots = u->nmem = 0;
    u->ia = ia;
    u->icount = mon->run.cpu->icount;
    u->ucount = mon->run.cpu->ucount;
    return u;
}

static void undo_end(Mon *mon, MonUndo *u)
{
    const uint64_t *now = mon->run.cpu->state;
    for (uint32_t s = 0; s < mon->run.m->nslots && u->slots; s++)
        if (now[s] != mon->before[s])
            u->slots[u->nslots++] = (MonUndoSlot){ s, mon->before[s] };
    if (u != &mon->scratch)
        mon->ring_n++;
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

/* ---- breakpoints ---- */

void mon_break_recount(Mon *mon)
{
    mon->nread_watch = mon->nubreak = mon->nwrite_watch = mon->nreg_watch = mon->nexec = 0;
    for (unsigned i = 0; i < mon->nbk; i++) {
        const MonBreak *b = &mon->bk[i];
        if (!b->enabled)
            continue;
        switch (b->kind) {
        case MON_BK_READ: mon->nread_watch++; break;
        case MON_BK_WRITE: mon->nwrite_watch++; break;
        case MON_BK_UADDR: mon->nubreak++; break;
        case MON_BK_REG: mon->nreg_watch++; break;
        default: mon->nexec++; break;
        }
    }
}

static void break_free(MonBreak *b)
{
    free(b->cond);
    free(b->where);
}

void mon_break_free_all(Mon *mon)
{
    for (unsigned i = 0; i < mon->nbk; i++)
        break_free(&mon->bk[i]);
    free(mon->bk);
    mon->bk = NULL;
    mon->nbk = mon->capbk = 0;
    mon_break_recount(mon);
}

static void break_delete_at(Mon *mon, unsigned i)
{
    break_free(&mon->bk[i]);
    memmove(&mon->bk[i], &mon->bk[i + 1], (mon->nbk - i - 1) * sizeof *mon->bk);
    mon->nbk--;
    mon_break_recount(mon);
}

/* A hit of b: the condition and the count decide. 1 stop, 0 go on, -1 error. */
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

static const char *kind_name(int kind)
{
    static const char *const names[] = {
#define X(n, s) s,
        MON_BREAK_KINDS(X)
#undef X
    };
    return kind >= 0 && kind < MON_BK_NKINDS ? names[kind] : "?";
}

/* Exec and op breakpoints before the instruction at ia. Returns the
   firing breakpoint's index, -1 none, -2 error (reason set). */
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
            snprintf(reason, size, "%sbreakpoint %d (%s) at %0*llX%s%s%s", b->temporary ? "temporary " : "",
                     b->id, b->where, (int)mon_addr_digits(mon), (unsigned long long)ia,
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
            snprintf(what, sizeof what, "%s[%0*llX] %s", mon->run.m->spaces[b->paddr_space].name,
                     (int)mon_addr_digits(mon), (unsigned long long)b->paddr,
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
            snprintf(reason, size, "watchpoint %d: %s by the instruction at %0*llX", b->id, what,
                     (int)mon_addr_digits(mon), (unsigned long long)ia0);
            fired = (int)i;
        }
    }
    return fired;
}

static void note_reads(Mon *mon, const UcWord *w)
{
    if (w->op != UC_LD || (w->flags & UC_F_ACC_MASK) == UC_F_IFETCH || w->aux >= mon->run.m->nspaces)
        return;
    unsigned ubits = mon->run.m->spaces[w->aux].unit_bits;
    uint64_t addr = mon->run.cpu->u[w->a];
    uint64_t units = ubits ? (w->width + ubits - 1) / ubits : 1;
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
    for (;;) {
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
    /* storage written: runs of consecutive units, new values */
    for (uint32_t i = 0; i < u->nmem;) {
        uint32_t j = i + 1;
        while (j < u->nmem && u->mem[j].space == u->mem[i].space && u->mem[j].addr == u->mem[j - 1].addr + 1)
            j++;
        fprintf(out, " %s[%0*llX]=", mon->run.m->spaces[u->mem[i].space].name, (int)mon_addr_digits(mon),
                (unsigned long long)u->mem[i].addr);
        unsigned dd = (mon->run.m->spaces[u->mem[i].space].unit_bits + 3u) / 4u;
        for (uint32_t k = i; k < j && k < i + 16; k++)
            fprintf(out, "%0*llX", (int)dd,
                    (unsigned long long)uc_mem_get(mon->run.cpu, u->mem[k].space, u->mem[k].addr));
        if (j - i > 16)
            fprintf(out, "...(%u)", j - i);
        i = j;
    }
    fputc('\n', out);
}

/* A call: the instruction branched away and left the address of the next
   instruction (its return address) in a register of the first register
   file. BAL and BALR do, with the ILC, CC and program mask above it
   (A22-6821, "Branch and Link"), so only the address bits are compared. */
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
            if (now != mon->before[it->slot + e] && (now & amask) == (ret & amask))
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
    if (st == UC_STOP_ATTENTION) {
        snprintf(reason, size, "interrupted");
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

int mon_run(Mon *mon, MonRunMode mode, uint64_t count, uint64_t target)
{
    UcCpu *cpu = mon->run.cpu;
    const UcMachine *m = mon->run.m;
    char reason[400] = "";
    uint64_t executed = 0, steps = 0;
    int pending = 0;
    uint64_t ret = 0;
    int error = 0;
    mon->interrupted = 0;
    mon->machine_stopped = 0;
    cpu->attention = 0;

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
            mon_show_uword(mon, upc, mon->out);
            uint64_t ic0 = cpu->icount;
            UcStop st = uc_ustep(cpu);
            mon->prev_upc = upc;
            mon->ub_valid = 0;
            mon->at_boundary = cpu->icount != ic0 || at_boundary_now(mon);
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

    int fast = mode == MON_RUN_GO && mon->nbk == 0 && !mon->trace && mon->ring_cap == 0 && mon->hist_cap == 0;
    for (;;) {
        if (mon->at_boundary) {
            uint64_t ia = mon_ia(mon);
            if (pending && ia == ret) {
                pending = 0;
                steps++;
            }
            if ((mode == MON_RUN_STEP || mode == MON_RUN_NEXT) && !pending && steps >= count)
                break;
            if (mode == MON_RUN_UNTIL && executed > 0 && ia == target) {
                char sym[64];
                mon_symbolize(mon, ia, sym, sizeof sym);
                snprintf(reason, sizeof reason, "reached %0*llX%s%s%s", (int)mon_addr_digits(mon),
                         (unsigned long long)ia, sym[0] ? " (" : "", sym, sym[0] ? ")" : "");
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
                        break_delete_at(mon, (unsigned)b);
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
        if (fast) {
            uint64_t chunk = mon->limit - executed;
            uint64_t ic0 = cpu->icount;
            UcStop st = uc_run(cpu, chunk, 0);
            executed += cpu->icount - ic0;
            mon->at_boundary = at_boundary_now(mon) || st == UC_STOP_INSN_LIMIT || st == UC_STOP_ATTENTION;
            if (st == UC_STOP_INSN_LIMIT)
                continue;
            explain_stop(mon, st, reason, sizeof reason);
            break;
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
        mon->cur = undo_begin(mon, ia0);
        if (!boundary && mon->cur != &mon->scratch) {
            mon->cur = &mon->scratch;     /* a partial instruction cannot be undone */
            mon->scratch.nmem = 0;
        }
        UcStop st;
        int ub = -1;
        if (mon->nubreak || mon->nread_watch) {
            st = micro_run(mon, &ub, reason, sizeof reason);
        } else {
            st = uc_run(cpu, 1, 0);
            mon->prev_upc = UINT32_MAX;
        }
        if (st != UC_STOP_UBREAK)
            mon->ub_valid = 0;
        MonUndo *u = mon->cur;
        mon->cur = NULL;
        if (u->slots == NULL && u != &mon->scratch)
            u->nslots = 0;
        undo_end(mon, u);
        executed++;
        mon->at_boundary = st == UC_STOP_INSN_LIMIT || at_boundary_now(mon);
        if (mon->trace && boundary)
            trace_line(mon, line, u);
        if (!pending && st == UC_STOP_INSN_LIMIT) {
            if (mode == MON_RUN_NEXT && boundary && was_call(mon, ia0, len0)) {
                pending = 1;
                ret = ia0 + len0;
            } else {
                steps++;
            }
        }
        if (st == UC_STOP_UBREAK) {
            if (ub == -2)
                error = 1;
            break;
        }
        if (st != UC_STOP_INSN_LIMIT && st != UC_STOP_NONE) {
            explain_stop(mon, st, reason, sizeof reason);
            break;
        }
        int w = check_watches(mon, ia0, reason, sizeof reason);
        if (w == -2) {
            error = 1;
            break;
        }
        if (w >= 0)
            break;
    }
    for (unsigned i = 0; i < mon->nbk; i++)
        mon->bk[i].pending = 0;
    mon_flush_guest(mon);
    if (error)
        return mon_error(mon, NULL, "%s", reason);
    if (reason[0])
        fprintf(mon->out, "%s\n", reason);
    mon_summary(mon);
    return 0;
}

/* ---- back, whowrote, history ---- */

int mon_back(Mon *mon, uint64_t n)
{
    UcCpu *cpu = mon->run.cpu;
    uint64_t done = 0;
    if (mon->ring_cap == 0)
        return mon_error(mon, NULL, "no instructions are recorded (set back N to record the last N)");
    for (; done < n && mon->ring_n > 0; done++) {
        MonUndo *u = &mon->ring[(mon->ring_head + mon->ring_n - 1) % mon->ring_cap];
        mon->depositing = 1;
        for (uint32_t k = u->nmem; k-- > 0;)
            uc_mem_set(cpu, u->mem[k].space, u->mem[k].addr, u->mem[k].old);
        mon->depositing = 0;
        for (uint32_t k = 0; k < u->nslots; k++)
            cpu->state[u->slots[k].slot] = u->slots[k].old;
        cpu->icount = u->icount;
        cpu->ucount = u->ucount;
        cpu->upc = mon->run.m->fetch_entry;
        cpu->usp = 0;
        cpu->insn = -1;
        cpu->in_exec = 0;
        mon->ring_n--;
        if (mon->hist_n > 0 && mon->hist[(mon->hist_head + mon->hist_n - 1) % mon->hist_cap].icount == u->icount)
            mon->hist_n--;
    }
    mon->at_boundary = 1;
    mon->ub_valid = 0;
    /* register watchpoints see the restored values as their own */
    for (unsigned i = 0; i < mon->nbk; i++)
        if (mon->bk[i].kind == MON_BK_REG)
            mon->bk[i].last = mon_reg_get(mon, &mon->bk[i].reg);
    if (done == 0)
        return mon_error(mon, NULL, "no recorded instruction to undo");
    if (done < n)
        fprintf(mon->out, "back %llu (the record ends there)\n", (unsigned long long)done);
    mon_summary(mon);
    return 0;
}

int mon_whowrote(Mon *mon, unsigned space, uint64_t addr)
{
    const char *sname = mon->run.m->spaces[space].name;
    int ad = (int)mon_addr_digits(mon);
    for (unsigned i = mon->ring_n; i-- > 0;) {
        const MonUndo *u = &mon->ring[(mon->ring_head + i) % mon->ring_cap];
        for (uint32_t k = u->nmem; k-- > 0;) {
            if (u->mem[k].space != space || u->mem[k].addr != addr)
                continue;
            char line[300];
            mon_insn_line(mon, u->ia, line, sizeof line);
            size_t n = strlen(line);
            while (n > 0 && line[n - 1] == ' ')
                line[--n] = 0;
            fprintf(mon->out, "%s[%0*llX] was last written by instruction %llu (%u back), before it held %llX:\n%s\n",
                    sname, ad, (unsigned long long)addr, (unsigned long long)u->icount + 1,
                    mon->ring_n - i, (unsigned long long)u->mem[k].old, line);
            return 0;
        }
    }
    fprintf(mon->out, "%s[%0*llX] was not written by the %u instructions recorded\n", sname, ad,
            (unsigned long long)addr, mon->ring_n);
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

static int parse_opt_count(Mon *mon, const char **p, uint64_t *n, uint64_t dflt)
{
    *n = dflt;
    if (mon_at_end(*p))
        return 0;
    if (mon_count(mon, p, n) != 0)
        return -1;
    if (!mon_at_end(*p))
        return mon_error(mon, mon_skip(*p), "unexpected '%s'", mon_skip(*p));
    return 0;
}

int mon_cmd_step(Mon *mon, const char *args)
{
    uint64_t n;
    if (parse_opt_count(mon, &args, &n, 1) != 0)
        return -1;
    return mon_run(mon, MON_RUN_STEP, n, 0);
}

int mon_cmd_next(Mon *mon, const char *args)
{
    uint64_t n;
    if (parse_opt_count(mon, &args, &n, 1) != 0)
        return -1;
    return mon_run(mon, MON_RUN_NEXT, n, 0);
}

int mon_cmd_ustep(Mon *mon, const char *args)
{
    uint64_t n;
    if (parse_opt_count(mon, &args, &n, 1) != 0)
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

/* Parse a copy of the operands (options are cut off it); errors still show
   the whole command line with the right column. */
static void copy_begin(Mon *mon, const char *args, char *text, size_t size, const char **saved)
{
    const char *start = mon_skip(args);
    snprintf(text, size, "%s", start);
    *saved = mon->line;
    if (mon->line) {
        uintptr_t a = (uintptr_t)start, l = (uintptr_t)mon->line;
        mon->shown_line = mon->line;
        mon->shift = a >= l && a <= l + strlen(mon->line) ? (int)(a - l) : 0;
    }
    mon->line = text;
}

static void copy_end(Mon *mon, const char *saved)
{
    mon->line = saved;
    mon->shown_line = NULL;
    mon->shift = 0;
}

/* "... [count N] [if COND]" at the end of a breakpoint command: cut off. */
static int break_options(Mon *mon, char *text, uint64_t *count, char **cond)
{
    *count = 1;
    *cond = NULL;
    for (char *p = text; *p; p++) {
        if ((p == text || p[-1] == ' ' || p[-1] == '\t') && strncasecmp(p, "if", 2) == 0 &&
            (p[2] == ' ' || p[2] == '\t')) {
            const char *c = mon_skip(p + 2);
            if (*c == 0)
                return mon_error(mon, p, "if needs a condition");
            int truth;
            if (mon_cond_text(mon, c, &truth) != 0)
                return -1;
            *cond = strdup(c);
            *p = 0;
            break;
        }
    }
    for (char *p = text; *p; p++) {
        if ((p == text || p[-1] == ' ' || p[-1] == '\t') && strncasecmp(p, "count", 5) == 0 &&
            (p[5] == ' ' || p[5] == '\t')) {
            const char *c = p + 5;
            if (mon_count(mon, &c, count) != 0 || !mon_at_end(c)) {
                if (mon_at_end(c))
                    return -1;
                return mon_error(mon, mon_skip(c), "unexpected '%s'", mon_skip(c));
            }
            *p = 0;
            break;
        }
    }
    return 0;
}

static MonBreak *break_new(Mon *mon, int kind)
{
    if (mon->nbk == mon->capbk) {
        unsigned cap = mon->capbk ? mon->capbk * 2 : 8;
        MonBreak *p = realloc(mon->bk, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        mon->bk = p;
        mon->capbk = cap;
    }
    MonBreak *b = &mon->bk[mon->nbk++];
    memset(b, 0, sizeof *b);
    b->id = ++mon->next_id;
    b->kind = kind;
    b->enabled = 1;
    b->insn = -1;
    b->ufile = -1;
    return b;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = 0;
}

static int add_break(Mon *mon, const char *args, int temporary)
{
    char text[400];
    const char *line0;
    copy_begin(mon, args, text, sizeof text, &line0);
    uint64_t count;
    char *cond;
    int rc = break_options(mon, text, &count, &cond);
    if (rc != 0) {
        copy_end(mon, line0);
        return -1;
    }
    trim(text);
    const UcMachine *m = mon->run.m;
    const char *p = text;
    int kind = MON_BK_EXEC;
    int insn = -1;
    uint64_t lo = 0, hi = 0;
    if (*p == 0) {
        lo = hi = mon_ia(mon);
        snprintf(text, sizeof text, "%0*llX", (int)mon_addr_digits(mon), (unsigned long long)lo);
    } else if (mon_keyword(&p, "op")) {
        kind = MON_BK_OP;
        char w[64];
        const char *e = mon_word(p, w, sizeof w);
        if (w[0] == 0 || !mon_at_end(e)) {
            rc = mon_error(mon, mon_skip(p), "break op needs one mnemonic or opcode");
        } else {
            for (uint32_t i = 0; i < m->ninsns && insn < 0; i++)
                if (strcasecmp(m->insns[i].mnemonic, w) == 0)
                    insn = (int)i;
            if (insn < 0) {
                const char *q = mon_skip(p);
                const char *digits = w[0] == '0' && (w[1] == 'x' || w[1] == 'X') ? w + 2 : w;
                if (!*digits || strspn(digits, "0123456789abcdefABCDEF") != strlen(digits))
                    rc = mon_error(mon, mon_skip(p), "'%s' is no mnemonic of %s and no opcode", w, m->name);
                else if (mon_expr(mon, &q, &lo) != 0)
                    rc = -1;
                else if (m->decode.key_len < 64 && lo >> m->decode.key_len)
                    rc = mon_error(mon, mon_skip(p), "opcode %llX is wider than the %u-bit decode key",
                                   (unsigned long long)lo, m->decode.key_len);
            }
        }
    } else {
        unsigned space;
        uint64_t n;
        int have_len;
        if (mon_range(mon, &p, &space, &lo, &n, &have_len) != 0)
            rc = -1;
        else if (!mon_at_end(p))
            rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        else
            hi = lo + n - 1;
    }
    copy_end(mon, line0);
    if (rc != 0) {
        free(cond);
        return -1;
    }
    MonBreak *b = break_new(mon, kind);
    if (b == NULL) {
        free(cond);
        return mon_error(mon, NULL, "out of memory");
    }
    b->lo = lo;
    b->hi = hi;
    b->insn = insn;
    b->count = count;
    b->cond = cond;
    b->temporary = temporary;
    b->where = strdup(text);
    mon_break_recount(mon);
    fprintf(mon->out, "%sbreakpoint %d: %s%s%s\n", temporary ? "temporary " : "", b->id, b->where,
            cond ? " if " : "", cond ? cond : "");
    return 0;
}

int mon_cmd_break(Mon *mon, const char *args)
{
    return add_break(mon, args, 0);
}

int mon_cmd_tbreak(Mon *mon, const char *args)
{
    return add_break(mon, args, 1);
}

int mon_cmd_watch(Mon *mon, const char *args)
{
    char text[400];
    const char *line0;
    copy_begin(mon, args, text, sizeof text, &line0);
    uint64_t count;
    char *cond;
    int rc = break_options(mon, text, &count, &cond);
    trim(text);
    const char *p = text;
    int kind = MON_BK_WRITE;
    if (mon_keyword(&p, "read"))
        kind = MON_BK_READ;
    else if (mon_keyword(&p, "write"))
        kind = MON_BK_WRITE;
    const char *p0 = p;
    MonReg reg;
    unsigned space = 0;
    uint64_t lo = 0, n = 1;
    int have_len;
    if (rc == 0) {
        const char *q = p;
        int isreg = mon_parse_reg(mon, &q, &reg);
        if (isreg < 0) {
            rc = -1;
        } else if (isreg) {
            if (kind == MON_BK_READ || p != text)
                rc = mon_error(mon, p, "a register watchpoint is on any change (no read or write)");
            else if (!mon_at_end(q))
                rc = mon_error(mon, mon_skip(q), "unexpected '%s'", mon_skip(q));
            kind = MON_BK_REG;
        } else if (mon_at_end(p)) {
            rc = mon_error(mon, p, "watch needs an address or a register");
        } else if (mon_range(mon, &p, &space, &lo, &n, &have_len) != 0) {
            rc = -1;
        } else if (!mon_at_end(p)) {
            rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        }
    }
    copy_end(mon, line0);
    if (rc != 0) {
        free(cond);
        return -1;
    }
    MonBreak *b = break_new(mon, kind);
    if (b == NULL) {
        free(cond);
        return mon_error(mon, NULL, "out of memory");
    }
    b->space = space;
    b->lo = lo;
    b->hi = lo + n - 1;
    b->count = count;
    b->cond = cond;
    if (kind == MON_BK_REG) {
        b->reg = reg;
        b->last = mon_reg_get(mon, &reg);
    }
    b->where = strdup(mon_skip(p0));
    mon_break_recount(mon);
    fprintf(mon->out, "watchpoint %d: %s %s%s%s\n", b->id, kind == MON_BK_REG ? "change of" : kind_name(kind),
            b->where, cond ? " if " : "", cond ? cond : "");
    return 0;
}

/* "file:line" -> file index and line, when some micro-word comes from it */
static int find_line(Mon *mon, const char *at, const char *text, int *file, uint32_t *line)
{
    const UcMachine *m = mon->run.m;
    const char *colon = strrchr(text, ':');
    size_t flen = (size_t)(colon - text);
    char *end;
    unsigned long l = strtoul(colon + 1, &end, 10);
    if (colon[1] == 0 || *end != 0 || l == 0)
        return mon_error(mon, at, "expected FILE:LINE, not '%s'", text);
    *file = -1;
    for (uint32_t f = 0; f < m->nfiles && *file < 0; f++) {
        const char *name = m->files[f].name ? m->files[f].name : "";
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        if ((strlen(name) == flen && strncmp(name, text, flen) == 0) ||
            (strlen(base) == flen && strncmp(base, text, flen) == 0))
            *file = (int)f;
    }
    if (*file < 0)
        return mon_error(mon, at, "no description file '%.*s' in machine %s", (int)flen, text, m->name);
    for (uint32_t w = 0; m->debug && w < m->nwords; w++)
        if (m->debug[w].file == (uint32_t)*file && m->debug[w].line == l) {
            *line = (uint32_t)l;
            return 0;
        }
    return mon_error(mon, at, "no micro-instruction comes from %s", text);
}

int mon_cmd_ubreak(Mon *mon, const char *args)
{
    char text[400];
    const char *line0;
    copy_begin(mon, args, text, sizeof text, &line0);
    uint64_t count;
    char *cond;
    int rc = break_options(mon, text, &count, &cond);
    trim(text);
    const UcMachine *m = mon->run.m;
    int file = -1;
    uint32_t line = 0;
    uint64_t lo = 0, hi = 0;
    if (rc == 0) {
        const UcRoutine *r = NULL;
        for (uint32_t i = 0; i < m->nroutines && !r; i++)
            if (m->routines[i].name && strcasecmp(m->routines[i].name, text) == 0)
                r = &m->routines[i];
        if (text[0] == 0) {
            rc = mon_error(mon, text, "ubreak needs a micro-address, a routine or FILE:LINE");
        } else if (r) {
            lo = hi = r->start;
        } else if (strchr(text, ':')) {
            rc = find_line(mon, text, text, &file, &line);
        } else {
            const char *p = text;
            if (*p == 'u' || *p == 'U')
                p++;
            if (mon_expr(mon, &p, &lo) != 0)
                rc = -1;
            else if (!mon_at_end(p))
                rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
            else if (lo >= m->nwords)
                rc = mon_error(mon, text, "micro-address %llX is past the control store (%u words)",
                               (unsigned long long)lo, m->nwords);
            hi = lo;
        }
    }
    copy_end(mon, line0);
    if (rc != 0) {
        free(cond);
        return -1;
    }
    MonBreak *b = break_new(mon, MON_BK_UADDR);
    if (b == NULL) {
        free(cond);
        return mon_error(mon, NULL, "out of memory");
    }
    b->lo = lo;
    b->hi = hi;
    b->ufile = file;
    b->uline = line;
    b->count = count;
    b->cond = cond;
    b->where = strdup(text);
    mon_break_recount(mon);
    fprintf(mon->out, "micro-breakpoint %d: %s%s%s\n", b->id, b->where, cond ? " if " : "", cond ? cond : "");
    return 0;
}

/* delete / disable / enable: ID... or all */
static int for_ids(Mon *mon, const char *args, int action)
{
    const char *p = mon_skip(args);
    if (*p == 0)
        return mon_error(mon, p, "give breakpoint numbers or all");
    if (mon_keyword(&p, "all")) {
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        if (action == 0)
            mon_break_free_all(mon);
        else
            for (unsigned i = 0; i < mon->nbk; i++)
                mon->bk[i].enabled = action > 0;
        mon_break_recount(mon);
        return 0;
    }
    while (!mon_at_end(p)) {
        const char *at = mon_skip(p);
        uint64_t id;
        if (mon_count(mon, &p, &id) != 0)
            return -1;
        unsigned i = 0;
        while (i < mon->nbk && (uint64_t)mon->bk[i].id != id)
            i++;
        if (i == mon->nbk)
            return mon_error(mon, at, "no breakpoint %llu", (unsigned long long)id);
        if (action == 0) {
            break_delete_at(mon, i);
        } else {
            mon->bk[i].enabled = action > 0;
            if (mon->bk[i].kind == MON_BK_REG)
                mon->bk[i].last = mon_reg_get(mon, &mon->bk[i].reg);
        }
        p = mon_skip(p);
        if (*p == ',')
            p++;
    }
    mon_break_recount(mon);
    return 0;
}

int mon_cmd_delete(Mon *mon, const char *args) { return for_ids(mon, args, 0); }
int mon_cmd_disable(Mon *mon, const char *args) { return for_ids(mon, args, -1); }
int mon_cmd_enable(Mon *mon, const char *args) { return for_ids(mon, args, 1); }

int mon_cmd_breaks(Mon *mon, const char *args)
{
    if (!mon_at_end(args))
        return mon_error(mon, mon_skip(args), "breaks takes no operand");
    if (mon->nbk == 0) {
        fprintf(mon->out, "no breakpoints\n");
        return 0;
    }
    for (unsigned i = 0; i < mon->nbk; i++) {
        const MonBreak *b = &mon->bk[i];
        fprintf(mon->out, "%3d %-5s %-3s %s", b->id, kind_name(b->kind), b->enabled ? "on" : "off", b->where);
        if (b->temporary)
            fprintf(mon->out, " (temporary)");
        if (b->count > 1)
            fprintf(mon->out, " count %llu", (unsigned long long)b->count);
        if (b->cond)
            fprintf(mon->out, " if %s", b->cond);
        fprintf(mon->out, "  hits %llu\n", (unsigned long long)b->hits);
    }
    return 0;
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
        trim(path);
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
    if (parse_opt_count(mon, &args, &n, 16) != 0)
        return -1;
    if (mon->hist_cap == 0)
        return mon_error(mon, NULL, "the history is off (set history N)");
    mon_show_history(mon, n);
    return 0;
}

int mon_cmd_back(Mon *mon, const char *args)
{
    uint64_t n;
    if (parse_opt_count(mon, &args, &n, 1) != 0)
        return -1;
    return mon_back(mon, n);
}

int mon_cmd_whowrote(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    unsigned space;
    uint64_t addr, n;
    int have_len;
    if (*p == 0)
        return mon_error(mon, p, "whowrote needs an address");
    if (mon_range(mon, &p, &space, &addr, &n, &have_len) != 0)
        return -1;
    if (have_len || !mon_at_end(p))
        return mon_error(mon, mon_skip(p), "whowrote takes one address");
    if (mon->ring_cap == 0)
        return mon_error(mon, NULL, "no instructions are recorded (set back N to record the last N)");
    return mon_whowrote(mon, space, addr);
}
