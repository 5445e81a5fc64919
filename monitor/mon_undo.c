/* mon_undo.c — the record behind `back` and `whowrote`: a shadow copy of
 * storage kept current by the engine's store hook (which runs after each
 * store, so the shadow supplies the value a store overwrote), and a bounded
 * ring holding, for each of the last N instructions, the state slots and
 * storage units it changed with their old values. Undoing an instruction
 * restores them; the micro-state needs nothing, since micro-registers are
 * dead at every instruction boundary (DESIGN.md, "The micro-engine").
 * Write watchpoints are noticed here too, in the hook.
 */
#include <stdlib.h>
#include <string.h>
#include "monitor/mon_int.h"

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

/* Whether record u holds the unit already: a boundary's record keeps the
   first old value only (a long wait steps the timer millions of times). */
static int undo_has(const MonUndo *u, unsigned space, uint64_t addr)
{
    for (uint32_t k = 0; k < u->nmem; k++)
        if (u->mem[k].addr == addr && u->mem[k].space == space)
            return 1;
    return 0;
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
        if (mon->cur && !mon->depositing && !(mon->cur->event && undo_has(mon->cur, space, a)))
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

MonUndo *mon_undo_begin(Mon *mon, uint64_t ia)
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
    u->event = 0;
    mon_board_snap(mon, &u->board);
    u->ia = ia;
    u->icount = mon->run.cpu->icount;
    u->ucount = mon->run.cpu->ucount;
    return u;
}

void mon_undo_end(Mon *mon, MonUndo *u)
{
    const uint64_t *now = mon->run.cpu->state;
    for (uint32_t s = 0; s < mon->run.m->nslots && u->slots; s++)
        if (now[s] != mon->before[s])
            u->slots[u->nslots++] = (MonUndoSlot){ s, mon->before[s] };
    if (u != &mon->scratch)
        mon->ring_n++;
}

/* The effects of a record undone: storage, state slots, counters, board. */
static void undo_one(Mon *mon, const MonUndo *u)
{
    UcCpu *cpu = mon->run.cpu;
    mon->depositing = 1;
    for (uint32_t k = u->nmem; k-- > 0;)
        uc_mem_set(cpu, u->mem[k].space, u->mem[k].addr, u->mem[k].old);
    mon->depositing = 0;
    for (uint32_t k = 0; k < u->nslots; k++)
        cpu->state[u->slots[k].slot] = u->slots[k].old;
    cpu->icount = u->icount;
    cpu->ucount = u->ucount;
    cpu->ustart = u->ucount;
    mon_board_restore(mon, &u->board);
}

static MonUndo *ring_top(Mon *mon)
{
    return mon->ring_n ? &mon->ring[(mon->ring_head + mon->ring_n - 1) % mon->ring_cap] : NULL;
}

/* ---- back, whowrote, history ---- */

int mon_back(Mon *mon, uint64_t n)
{
    UcCpu *cpu = mon->run.cpu;
    uint64_t done = 0;
    if (mon->ring_cap == 0)
        return mon_error(mon, NULL, "no instructions are recorded (set back N to record the last N)");
    /* an instruction goes back with what happened at the boundary after
       it (timer steps, interruptions taken): the machine is as it was
       when that instruction was next */
    int popped = 0;
    for (; done < n && mon->ring_n > 0; done++) {
        MonUndo *u;
        while ((u = ring_top(mon)) != NULL && u->event) {
            undo_one(mon, u);
            mon->ring_n--;
            popped = 1;
        }
        if (u == NULL)
            break;
        undo_one(mon, u);
        mon->ring_n--;
        popped = 1;
        if (mon->hist_n > 0 && mon->hist[(mon->hist_head + mon->hist_n - 1) % mon->hist_cap].icount == u->icount)
            mon->hist_n--;
    }
    if (popped) {
        cpu->upc = mon->run.m->fetch_entry;
        cpu->usp = 0;
        cpu->insn = -1;
        cpu->in_exec = 0;
        mon->at_boundary = 1;
        mon->ub_valid = 0;
    }
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
            char old[16];
            mon_unit_value(mon, space, u->mem[k].old, old, sizeof old);
            if (u->event) {
                fprintf(mon->out, "%s[%s] was last written at the boundary before instruction %llu "
                        "(a timer step or an interruption), before it held %s\n",
                        sname, mon_addr(mon, addr), (unsigned long long)u->icount + 1, old);
                return 0;
            }
            fprintf(mon->out, "%s[%s] was last written by instruction %llu (%u back), before it held %s:\n%s\n",
                    sname, mon_addr(mon, addr), (unsigned long long)u->icount + 1,
                    mon->ring_n - i, old, line);
            return 0;
        }
    }
    fprintf(mon->out, "%s[%s] was not written by the %u instructions recorded\n", sname, mon_addr(mon, addr),
            mon->ring_n);
    return 0;
}

int mon_cmd_back(Mon *mon, const char *args)
{
    uint64_t n;
    if (mon_opt_count(mon, &args, &n, 1) != 0)
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
