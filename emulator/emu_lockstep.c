/* emu_lockstep.c — the reference CPU and a second one run instruction by
 * instruction and compared (emu_lockstep.h says what and how; DESIGN.md,
 * "The micro-engine": tier 1 must leave the CPU exactly as tier 0 would).
 *
 * One step is emu_exec(r, 1) taken apart: a slice of one instruction on the
 * reference (its helpers recording), the same slice on the second CPU (its
 * helpers replaying), then the board's events on the reference (timer
 * steps, an enabled wait ended by an interruption), whose storage writes,
 * state changes and interruption request are copied to the second CPU.
 */
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_lockstep.h"
#include "microcode/uc_tier1.h"
#include "microcode/uc_dcache.h"

#define DEFAULT_FULL_EVERY 65536u
#define MAX_DIRTY 256              /* ranges tracked between checks; more: compare all */
#define MAX_SHOWN_RANGES 8         /* differing storage ranges in a report */
#define MAX_SHOWN_UNITS 16
#define REPLAY_MISMATCH 0x4C53     /* the second CPU's helper stop when it leaves the record */
#define MAX_UOPS_PER_INSN 20000000u /* the reference stops there: an instruction that never ends */

typedef struct LsWrite {           /* a storage write made by a helper or the board */
    unsigned space;
    uint64_t addr, units;
    size_t data;                   /* offset of units * unit_bytes bytes in bytes[] */
} LsWrite;

typedef struct LsSlot {            /* a state slot a helper or the board changed */
    uint32_t slot;
    uint64_t value;
} LsSlot;

typedef struct LsCall {            /* one helper call of the reference */
    unsigned helper, nargs;
    uint64_t args[UC_MAX_HELPER_ARGS];
    int ret;
    uint64_t result;
    int irq;
    size_t w0, nw;                 /* its writes: writes[w0 .. w0+nw) */
    size_t s0, ns;                 /* its state changes */
} LsCall;

typedef struct LsHelper {          /* the wrapper's context, one per helper */
    EmuLockstep *ls;
    unsigned index;
    UcHelperFn fn;                 /* the reference's own binding */
    void *ctx;
} LsHelper;

typedef struct LsRange {
    unsigned space;
    uint64_t addr, units;
} LsRange;

struct EmuLockstep {
    EmuRun *r;
    UcCpu *a, *b;                  /* reference, second */
    const char *label;
    LsHelper *helpers;
    UcStoreHook a_hook, b_hook;    /* hooks installed before ours (chained) */
    void *a_hook_ctx, *b_hook_ctx;
    uint64_t *snap;                /* state before a helper call or the board's events */
    /* the record of one step */
    LsCall *calls; size_t ncalls, capcalls, next_call;
    LsWrite *writes; size_t nwrites, capwrites;
    LsSlot *slots; size_t nslots, capslots;
    uint8_t *bytes; size_t nbytes, capbytes;
    int recording;                 /* reference writes go into writes[] */
    int oom;
    char mismatch[200];            /* why the second CPU's helper stopped */
    /* units written since the last check */
    LsRange dirty[MAX_DIRTY];
    unsigned ndirty;
    int dirty_overflow;
    uint64_t full_every, since_full;
    uint64_t icount0;              /* the reference's count at the start */
};

/* ---- growing arrays ---- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

static void note_dirty(EmuLockstep *ls, unsigned space, uint64_t addr, uint64_t units)
{
    if (ls->ndirty > 0) {
        LsRange *d = &ls->dirty[ls->ndirty - 1];
        if (d->space == space && d->addr + d->units == addr) {
            d->units += units;
            return;
        }
    }
    if (ls->ndirty == MAX_DIRTY) {
        ls->dirty_overflow = 1;
        return;
    }
    ls->dirty[ls->ndirty++] = (LsRange){ space, addr, units };
}

static void record_write(EmuLockstep *ls, unsigned space, uint64_t addr, uint64_t units)
{
    unsigned ub = ls->a->m->spaces[space].unit_bytes;
    size_t n = (size_t)units * ub;
    if (grow((void **)&ls->writes, &ls->capwrites, ls->nwrites + 1, sizeof *ls->writes) ||
        grow((void **)&ls->bytes, &ls->capbytes, ls->nbytes + n, 1)) {
        ls->oom = 1;
        return;
    }
    /* the hook runs after the store: the units hold the new values */
    if (uc_mem_read(ls->a, space, addr, ls->bytes + ls->nbytes, units) != 0)
        return;
    ls->writes[ls->nwrites++] = (LsWrite){ space, addr, units, ls->nbytes };
    ls->nbytes += n;
}

static void hook_a(UcCpu *cpu, void *ctx, unsigned space, uint64_t addr, uint64_t units)
{
    EmuLockstep *ls = ctx;
    note_dirty(ls, space, addr, units);
    if (ls->recording)
        record_write(ls, space, addr, units);
    if (ls->a_hook)
        ls->a_hook(cpu, ls->a_hook_ctx, space, addr, units);
}

static void hook_b(UcCpu *cpu, void *ctx, unsigned space, uint64_t addr, uint64_t units)
{
    EmuLockstep *ls = ctx;
    note_dirty(ls, space, addr, units);
    if (ls->b_hook)
        ls->b_hook(cpu, ls->b_hook_ctx, space, addr, units);
}

/* State slots that changed since the snapshot, into slots[]. */
static void record_slots(EmuLockstep *ls, size_t *first, size_t *n)
{
    *first = ls->nslots;
    for (uint32_t i = 0; i < ls->a->m->nslots; i++) {
        if (ls->a->state[i] == ls->snap[i])
            continue;
        if (grow((void **)&ls->slots, &ls->capslots, ls->nslots + 1, sizeof *ls->slots)) {
            ls->oom = 1;
            break;
        }
        ls->slots[ls->nslots++] = (LsSlot){ i, ls->a->state[i] };
    }
    *n = ls->nslots - *first;
}

static void apply(EmuLockstep *ls, size_t w0, size_t nw, size_t s0, size_t ns)
{
    for (size_t i = w0; i < w0 + nw; i++) {
        const LsWrite *w = &ls->writes[i];
        uc_mem_write(ls->b, w->space, w->addr, ls->bytes + w->data, w->units);
    }
    for (size_t i = s0; i < s0 + ns; i++)
        ls->b->state[ls->slots[i].slot] = ls->slots[i].value;
}

/* ---- helpers: recorded on the reference, replayed on the second CPU ---- */

static int record_helper(UcCpu *cpu, void *ctx, const uint64_t *args, unsigned nargs, uint64_t *res)
{
    LsHelper *h = ctx;
    EmuLockstep *ls = h->ls;
    memcpy(ls->snap, cpu->state, cpu->m->nslots * sizeof *ls->snap);
    size_t w0 = ls->nwrites;
    int was = ls->recording;
    ls->recording = 1;
    int ret = h->fn(cpu, h->ctx, args, nargs, res);
    ls->recording = was;
    if (grow((void **)&ls->calls, &ls->capcalls, ls->ncalls + 1, sizeof *ls->calls)) {
        ls->oom = 1;
        return ret;
    }
    LsCall *c = &ls->calls[ls->ncalls++];
    memset(c, 0, sizeof *c);
    c->helper = h->index;
    c->nargs = nargs < UC_MAX_HELPER_ARGS ? nargs : UC_MAX_HELPER_ARGS;
    memcpy(c->args, args, c->nargs * sizeof *args);
    c->ret = ret;
    c->result = *res;
    c->irq = cpu->irq;
    c->w0 = w0;
    c->nw = ls->nwrites - w0;
    record_slots(ls, &c->s0, &c->ns);
    return ret;
}

static int replay_helper(UcCpu *cpu, void *ctx, const uint64_t *args, unsigned nargs, uint64_t *res)
{
    LsHelper *h = ctx;
    EmuLockstep *ls = h->ls;
    const char *name = cpu->m->helpers[h->index].name;
    if (ls->next_call >= ls->ncalls) {
        snprintf(ls->mismatch, sizeof ls->mismatch,
                 "%s called host helper %s, the reference called none here", ls->label, name);
        return REPLAY_MISMATCH;
    }
    const LsCall *c = &ls->calls[ls->next_call];
    if (c->helper != h->index || c->nargs != (nargs < UC_MAX_HELPER_ARGS ? nargs : UC_MAX_HELPER_ARGS) ||
        memcmp(c->args, args, c->nargs * sizeof *args) != 0) {
        int k = snprintf(ls->mismatch, sizeof ls->mismatch, "%s called host helper %s(", ls->label, name);
        for (unsigned i = 0; i < nargs && k > 0 && (size_t)k < sizeof ls->mismatch; i++)
            k += snprintf(ls->mismatch + k, sizeof ls->mismatch - (size_t)k, "%s%llX", i ? "," : "",
                          (unsigned long long)args[i]);
        if (k > 0 && (size_t)k < sizeof ls->mismatch)
            snprintf(ls->mismatch + k, sizeof ls->mismatch - (size_t)k, "), the reference %s(...)",
                     cpu->m->helpers[c->helper].name);
        return REPLAY_MISMATCH;
    }
    ls->next_call++;
    apply(ls, c->w0, c->nw, c->s0, c->ns);
    cpu->irq = c->irq;
    *res = c->result;
    return c->ret;
}

/* ---- set-up ---- */

static UcCpu *clone_cpu(const UcCpu *a, char *err, size_t errsize)
{
    UcCpu *b = uc_cpu_new(a->m, a->spaces[0].size, err, errsize);
    if (b == NULL)
        return NULL;
    const UcMachine *m = a->m;
    for (uint32_t s = 0; s < m->nspaces; s++) {
        if (a->spaces[s].size != b->spaces[s].size) {
            snprintf(err, errsize, "space %s: sizes differ", m->spaces[s].name);
            uc_cpu_free(b);
            return NULL;
        }
        memcpy(b->spaces[s].mem, a->spaces[s].mem, (size_t)a->spaces[s].size * m->spaces[s].unit_bytes);
        if (a->spaces[s].keys && b->spaces[s].keys)
            memcpy(b->spaces[s].keys, a->spaces[s].keys, (size_t)(a->spaces[s].size / m->spaces[s].key_block +
                   (a->spaces[s].size % m->spaces[s].key_block != 0)));
    }
    memcpy(b->state, a->state, m->nslots * sizeof *b->state);
    memcpy(b->u, a->u, sizeof b->u);
    memcpy(b->ustack, a->ustack, sizeof b->ustack);
    b->usp = a->usp;
    b->upc = a->upc;
    b->insn = a->insn;
    b->in_exec = a->in_exec;
    b->icount = a->icount;
    b->ucount = a->ucount;
    b->ustart = a->ustart;
    b->irq = a->irq;
    return b;
}

EmuLockstep *emu_lockstep_new(EmuRun *r, const char *label, char *err, size_t errsize)
{
    EmuLockstep *ls = calloc(1, sizeof *ls);
    const UcMachine *m = r->m;
    if (ls == NULL || (ls->snap = calloc(m->nslots ? m->nslots : 1, sizeof *ls->snap)) == NULL ||
        (ls->helpers = calloc(m->nhelpers ? m->nhelpers : 1, sizeof *ls->helpers)) == NULL) {
        snprintf(err, errsize, "out of memory");
        if (ls) {
            free(ls->snap);
            free(ls);
        }
        return NULL;
    }
    ls->r = r;
    ls->a = r->cpu;
    ls->label = label ? label : "the second CPU";
    ls->full_every = DEFAULT_FULL_EVERY;
    ls->icount0 = r->cpu->icount;
    ls->b = clone_cpu(r->cpu, err, errsize);
    if (ls->b == NULL) {
        free(ls->helpers);
        free(ls->snap);
        free(ls);
        return NULL;
    }
    for (uint32_t i = 0; i < m->nhelpers; i++) {
        LsHelper *h = &ls->helpers[i];
        h->ls = ls;
        h->index = i;
        h->fn = ls->a->helper_fn[i];
        h->ctx = ls->a->helper_ctx[i];
        if (h->fn == NULL)
            continue;                   /* unbound on both: an error stop on both */
        ls->a->helper_fn[i] = record_helper;
        ls->a->helper_ctx[i] = h;
        ls->b->helper_fn[i] = replay_helper;
        ls->b->helper_ctx[i] = h;
    }
    ls->a_hook = ls->a->store_hook;
    ls->a_hook_ctx = ls->a->store_ctx;
    ls->a->store_hook = hook_a;
    ls->a->store_ctx = ls;
    ls->b->store_hook = hook_b;
    ls->b->store_ctx = ls;
    return ls;
}

UcCpu *emu_lockstep_second(EmuLockstep *ls)
{
    return ls->b;
}

void emu_lockstep_set_full_every(EmuLockstep *ls, uint64_t n)
{
    ls->full_every = n;
}

uint64_t emu_lockstep_count(const EmuLockstep *ls)
{
    return ls->a->icount - ls->icount0;
}

void emu_lockstep_free(EmuLockstep *ls)
{
    if (ls == NULL)
        return;
    for (uint32_t i = 0; i < ls->a->m->nhelpers; i++)
        if (ls->helpers[i].fn != NULL) {
            ls->a->helper_fn[i] = ls->helpers[i].fn;
            ls->a->helper_ctx[i] = ls->helpers[i].ctx;
        }
    ls->a->store_hook = ls->a_hook;
    ls->a->store_ctx = ls->a_hook_ctx;
    /* a tier installed on the second CPU is the caller's to take down first */
    uc_cpu_free(ls->b);
    free(ls->calls);
    free(ls->writes);
    free(ls->slots);
    free(ls->bytes);
    free(ls->helpers);
    free(ls->snap);
    free(ls);
}

/* ---- comparison and report ---- */

/* (The comparisons take the two CPUs: emu_cpu_differs compares two that
   ran apart.) */
static int unit_equal(const UcCpu *a, const UcCpu *b, unsigned space, uint64_t addr)
{
    unsigned ub = a->m->spaces[space].unit_bytes;
    return memcmp(a->spaces[space].mem + addr * ub, b->spaces[space].mem + addr * ub, ub) == 0;
}

static uint64_t unit_value(const UcCpu *cpu, unsigned space, uint64_t addr)
{
    return uc_mem_get(cpu, space, addr);
}

/* The first differing unit in [addr, addr+units) (wrapping), or -1. */
static int64_t range_differs(const UcCpu *a, const UcCpu *b, unsigned space, uint64_t addr, uint64_t units)
{
    uint64_t size = a->spaces[space].size;
    if (units > size)
        units = size;
    for (uint64_t i = 0; i < units; i++) {
        uint64_t p = (addr + i) % size;
        if (!unit_equal(a, b, space, p))
            return (int64_t)p;
    }
    return -1;
}

static int space_differs(const UcCpu *a, const UcCpu *b, unsigned space)
{
    return memcmp(a->spaces[space].mem, b->spaces[space].mem,
                  (size_t)a->spaces[space].size * a->m->spaces[space].unit_bytes) != 0;
}

static int storage_differs(const EmuLockstep *ls, int full)
{
    const UcMachine *m = ls->a->m;
    if (full || ls->dirty_overflow) {
        for (uint32_t s = 0; s < m->nspaces; s++)
            if (space_differs(ls->a, ls->b, s))
                return 1;
        return 0;
    }
    for (unsigned i = 0; i < ls->ndirty; i++)
        if (range_differs(ls->a, ls->b, ls->dirty[i].space, ls->dirty[i].addr, ls->dirty[i].units) >= 0)
            return 1;
    return 0;
}

static int keys_differ(const UcCpu *a, const UcCpu *b)
{
    const UcMachine *m = a->m;
    for (uint32_t s = 0; s < m->nspaces; s++) {
        if (!a->spaces[s].keys || !b->spaces[s].keys)
            continue;
        uint64_t n = a->spaces[s].size / m->spaces[s].key_block +
                     (a->spaces[s].size % m->spaces[s].key_block != 0);
        if (memcmp(a->spaces[s].keys, b->spaces[s].keys, (size_t)n) != 0)
            return 1;
    }
    return 0;
}

static int stop_code_matters(UcStop s)
{
    return s == UC_STOP_MACHINE || s == UC_STOP_HELPER;
}

static void describe_stop(const UcCpu *cpu, UcStop s, char *buf, size_t size)
{
    if (s == UC_STOP_MACHINE && cpu->stop_code < cpu->m->nstops)
        snprintf(buf, size, "machine stop %s", cpu->m->stops[cpu->stop_code].name);
    else if (s == UC_STOP_HELPER)
        snprintf(buf, size, "helper stop %llu", (unsigned long long)cpu->stop_code);
    else
        snprintf(buf, size, "%s%s%s", uc_stop_name(s), cpu->stop_text[0] ? ": " : "", cpu->stop_text);
}

/* The name of state slot i: "GR[1]", "PSW", "IS". */
static void slot_name(const UcMachine *m, uint32_t slot, char *buf, size_t size, int *item_out)
{
    for (uint32_t it = 0; it < m->nitems; it++) {
        const UcItem *item = &m->items[it];
        if (slot < item->slot || slot >= item->slot + item->count)
            continue;
        *item_out = (int)it;
        uint32_t e = slot - item->slot, number = e;
        if (item->number_map)
            for (uint32_t k = 0; k < item->nnumbers; k++)
                if (item->number_map[k] == (int32_t)e) {
                    number = k;
                    break;
                }
        if (item->kind == UC_ITEM_REG && item->count == 1)
            snprintf(buf, size, "%s", item->name);
        else
            snprintf(buf, size, "%s[%u]", item->name, number);
        return;
    }
    *item_out = -1;
    snprintf(buf, size, "slot %u", slot);
}

static void report_slots(const EmuLockstep *ls, FILE *out)
{
    const UcMachine *m = ls->a->m;
    for (uint32_t i = 0; i < m->nslots; i++) {
        uint64_t va = ls->a->state[i], vb = ls->b->state[i];
        if (va == vb)
            continue;
        char name[80];
        int it;
        slot_name(m, i, name, sizeof name, &it);
        int digits = it >= 0 ? (m->items[it].width + 3) / 4 : 16;
        char ta[40], tb[40];
        snprintf(ta, sizeof ta, "%0*llX", digits, (unsigned long long)va);
        snprintf(tb, sizeof tb, "%0*llX", digits, (unsigned long long)vb);
        fprintf(out, "  %-14s %-16s  %s", name, ta, tb);
        for (uint32_t f = 0; it >= 0 && m->items[it].count == 1 && f < m->nfields; f++) {
            const UcField *fd = &m->fields[f];
            if (fd->item != (unsigned)it)
                continue;
            uint64_t mask = fd->len >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << fd->len) - 1;
            uint64_t fa = (va >> fd->shift) & mask, fb = (vb >> fd->shift) & mask;
            if (fa != fb)
                fprintf(out, "  %s %llX/%llX", fd->name, (unsigned long long)fa, (unsigned long long)fb);
        }
        fputc('\n', out);
    }
}

/* n units as hex: byte units run together, others apart. */
static void units_text(const UcCpu *cpu, unsigned space, uint64_t addr, uint64_t n, char *buf, size_t size)
{
    const UcSpace *sp = &cpu->m->spaces[space];
    int digits = (sp->unit_bits + 3) / 4;
    size_t k = 0;
    buf[0] = 0;
    for (uint64_t i = 0; i < n && k < size; i++) {
        int w = snprintf(buf + k, size - k, "%s%0*llX", sp->unit_bits == 8 || i == 0 ? "" : " ", digits,
                         (unsigned long long)unit_value(cpu, space, (addr + i) % cpu->spaces[space].size));
        if (w < 0)
            break;
        k += (size_t)w;
    }
}

/* Runs of differing units (at most MAX_SHOWN_RANGES), over the whole space. */
static void report_storage(const EmuLockstep *ls, FILE *out)
{
    const UcMachine *m = ls->a->m;
    unsigned shown = 0;
    for (uint32_t s = 0; s < m->nspaces && shown < MAX_SHOWN_RANGES; s++) {
        uint64_t size = ls->a->spaces[s].size;
        for (uint64_t p = 0; p < size && shown < MAX_SHOWN_RANGES; p++) {
            if (unit_equal(ls->a, ls->b, s, p))
                continue;
            uint64_t q = p;
            while (q + 1 < size && q + 1 - p < MAX_SHOWN_UNITS && !unit_equal(ls->a, ls->b, s, q + 1))
                q++;
            uint64_t n = q - p + 1;
            char name[80];
            snprintf(name, sizeof name, "%s[%06llX]", m->spaces[s].name, (unsigned long long)p);
            char ta[MAX_SHOWN_UNITS * 17 + 1], tb[MAX_SHOWN_UNITS * 17 + 1];
            units_text(ls->a, s, p, n, ta, sizeof ta);
            units_text(ls->b, s, p, n, tb, sizeof tb);
            fprintf(out, "  %-14s %-16s  %s\n", name, ta, tb);
            shown++;
            p = q;
        }
    }
    if (keys_differ(ls->a, ls->b))
        fprintf(out, "  storage keys differ\n");
}

typedef struct LsWhere {           /* the instruction a step ran */
    uint64_t ia;
    int irq;                       /* a request was pending: the boundary routine ran first */
    char text[160];
    char hex[40];
} LsWhere;

static void where_now(EmuLockstep *ls, LsWhere *w)
{
    EmuRun *r = ls->r;
    const UcMachine *m = r->m;
    unsigned ub = m->spaces[0].unit_bytes;
    uint8_t bytes[16 * 8];
    size_t avail = 0;
    w->ia = r->board && r->board->ia ? r->board->ia(r) : 0;
    w->irq = ls->a->irq;
    for (; avail < 16; avail++)
        if (uc_mem_read(ls->a, 0, w->ia + avail, bytes + avail * ub, 1) != 0)
            break;
    unsigned len = asm_disassemble(m, bytes, avail, w->ia, w->text, sizeof w->text);
    w->hex[0] = 0;
    for (unsigned k = 0; k < len && k < 8; k++)
        snprintf(w->hex + 2 * k, sizeof w->hex - 2 * k, "%02X", bytes[k * ub]);
}

static void report(EmuLockstep *ls, const LsWhere *w, UcStop sa, UcStop sb, FILE *out)
{
    if (out == NULL)
        return;
    fprintf(out, "lockstep: the reference (tier 0) and %s differ after instruction %llu\n",
            ls->label, (unsigned long long)emu_lockstep_count(ls));
    fprintf(out, "  instruction at %06llX: %s  %s\n", (unsigned long long)w->ia, w->hex, w->text);
    if (w->irq)
        fprintf(out, "  (an interruption request was pending: the boundary routine ran before it,\n"
                     "   and may have run another instruction instead)\n");
    fprintf(out, "  %-14s %-16s  %s\n", "", "tier 0", ls->label);
    if (ls->mismatch[0])
        fprintf(out, "  host helper: %s\n", ls->mismatch);
    char da[240], db[240];
    describe_stop(ls->a, sa, da, sizeof da);
    describe_stop(ls->b, sb, db, sizeof db);
    if (sa != sb || (stop_code_matters(sa) && ls->a->stop_code != ls->b->stop_code))
        fprintf(out, "  %-14s %s  %s\n", "stop", da, db);
    if (ls->a->icount != ls->b->icount)
        fprintf(out, "  %-14s %llu  %llu\n", "instructions", (unsigned long long)ls->a->icount,
                (unsigned long long)ls->b->icount);
    if (ls->a->upc != ls->b->upc)
        fprintf(out, "  %-14s %u  %u\n", "micro-PC", ls->a->upc, ls->b->upc);
    if (ls->a->irq != ls->b->irq)
        fprintf(out, "  %-14s %d  %d\n", "irq request", ls->a->irq, ls->b->irq);
    report_slots(ls, out);
    report_storage(ls, out);
}

/* ---- the run ---- */

static void reset_record(EmuLockstep *ls)
{
    ls->ncalls = ls->next_call = 0;
    ls->nwrites = ls->nslots = ls->nbytes = 0;
    ls->mismatch[0] = 0;
}

/* Whether the state after a slice differs (irq compared before the board's
   events, which set it on the reference). */
static int slice_differs(EmuLockstep *ls, UcStop sa, UcStop sb)
{
    if (ls->mismatch[0] || sa != sb || (stop_code_matters(sa) && ls->a->stop_code != ls->b->stop_code))
        return 1;
    if (ls->next_call != ls->ncalls) {
        snprintf(ls->mismatch, sizeof ls->mismatch, "the reference called host helper %s, %s did not",
                 ls->a->m->helpers[ls->calls[ls->next_call].helper].name, ls->label);
        return 1;
    }
    return ls->a->icount != ls->b->icount || ls->a->upc != ls->b->upc || ls->a->irq != ls->b->irq;
}

static int state_differs(EmuLockstep *ls, int full)
{
    if (memcmp(ls->a->state, ls->b->state, ls->a->m->nslots * sizeof *ls->a->state) != 0)
        return 1;
    return keys_differ(ls->a, ls->b) || storage_differs(ls, full);
}

UcStop emu_lockstep_exec(EmuLockstep *ls, uint64_t max_insns, int *differs, FILE *out)
{
    EmuRun *r = ls->r;
    const EmuBoard *bd = r->board;
    UcCpu *a = ls->a, *b = ls->b;
    uint64_t done = 0;
    *differs = 0;
    for (;;) {
        if (max_insns && done >= max_insns)
            return UC_STOP_INSN_LIMIT;
        LsWhere w;
        where_now(ls, &w);
        /* one instruction (emu_exec with a limit of one) */
        UcStop sa;
        int more = 0;
        for (;;) {
            reset_record(ls);
            uint64_t before = a->icount;
            sa = uc_run(a, 1, MAX_UOPS_PER_INSN);
            if (sa == UC_STOP_ATTENTION)
                return sa;            /* Ctrl-C on the reference: not a difference */
            if (sa == UC_STOP_UOP_LIMIT) {
                if (out)
                    fprintf(out, "lockstep: the instruction at %06llX (%s) ran more than %u micro-instructions "
                            "on the reference: stopped there, not compared\n",
                            (unsigned long long)w.ia, w.text, MAX_UOPS_PER_INSN);
                return sa;
            }
            UcStop sb = uc_run(b, 1, 0);
            if (ls->oom || slice_differs(ls, sa, sb)) {
                *differs = 1;
                report(ls, &w, sa, sb, out);
                return sa;
            }
            /* the board's events on the reference, copied to the second CPU */
            reset_record(ls);
            memcpy(ls->snap, a->state, a->m->nslots * sizeof *ls->snap);
            ls->recording = 1;
            if (bd->advance)
                bd->advance(r);
            more = sa != UC_STOP_INSN_LIMIT && bd->resume && bd->resume(r, sa);
            ls->recording = 0;
            size_t s0, ns;
            record_slots(ls, &s0, &ns);
            apply(ls, 0, ls->nwrites, s0, ns);
            b->irq = a->irq;
            if (a->icount > before || sa == UC_STOP_INSN_LIMIT || !more)
                break;                /* an instruction completed, or a stop */
        }
        int full = ls->full_every && ++ls->since_full >= ls->full_every;
        if (full)
            ls->since_full = 0;
        if (state_differs(ls, full)) {
            *differs = 1;
            report(ls, &w, sa, sa, out);
            return sa;
        }
        ls->ndirty = 0;
        ls->dirty_overflow = 0;
        done++;
        if (sa != UC_STOP_INSN_LIMIT && !more) {
            /* the end: all of storage once more */
            if (state_differs(ls, 1)) {
                *differs = 1;
                report(ls, &w, sa, sa, out);
            }
            return sa;
        }
    }
}

UcStop emu_lockstep_run(EmuRun *r, uint64_t max_insns, int *differs, int tier, FILE *report)
{
    char err[200];
    *differs = 0;
    /* the reference runs the micro-interpreter, fetching every instruction
       by the micro-code */
    uc_tier1_enable(r->cpu, 0);
    r->cpu->tier_run = NULL;
    uc_dc_enable(r->cpu, 0);
    int tier1 = tier == 1 && uc_tier1_find(r->m) != NULL;
    EmuLockstep *ls = emu_lockstep_new(r, tier1 ? "tier 1" : "tier 0 (decode cache)", err, sizeof err);
    if (ls == NULL) {
        fprintf(report, "mcemu: lockstep: %s\n", err);
        *differs = 1;
        return UC_STOP_ERROR;
    }
    if (tier1)
        tier1 = uc_tier1_enable(emu_lockstep_second(ls), 1);
    if (!tier1)
        ls->label = "tier 0 (decode cache)";
    if (!tier1 && tier == 1)
        fprintf(report, "mcemu: lockstep: SKIP tier 1: not available for machine %s (no generated "
                "code for it in this build); comparing tier 0 with tier 0\n", r->m->name);
    UcStop stop = emu_lockstep_exec(ls, max_insns, differs, report);
    if (!*differs)
        fprintf(report, "mcemu: lockstep: %llu instructions compared, no difference\n",
                (unsigned long long)emu_lockstep_count(ls));
    if (tier1)
        uc_tier1_enable(emu_lockstep_second(ls), 0);
    emu_lockstep_free(ls);
    return stop;
}

int emu_cpu_differs(const UcCpu *a, const UcCpu *b, char *why, size_t size)
{
    const UcMachine *m = a->m;
#define DIFF(what, x, y) do { if ((x) != (y)) { snprintf(why, size, "%s: %llx against %llx", what, \
        (unsigned long long)(x), (unsigned long long)(y)); return 1; } } while (0)
    DIFF("stop", a->stop, b->stop);
    if (stop_code_matters(a->stop))
        DIFF("stop code", a->stop_code, b->stop_code);
    DIFF("instruction count", a->icount, b->icount);
    DIFF("micro-instruction count", a->ucount, b->ucount);
    DIFF("micro-instruction count at the instruction's start", a->ustart, b->ustart);
    DIFF("micro-PC", a->upc, b->upc);
    DIFF("micro-stack depth", a->usp, b->usp);
    DIFF("instruction (candidate)", a->insn, b->insn);
    DIFF("under EXEC", a->in_exec, b->in_exec);
    for (uint32_t i = 0; i < m->nslots; i++)
        if (a->state[i] != b->state[i]) {
            char name[64];
            int item;
            slot_name(m, i, name, sizeof name, &item);
            DIFF(name, a->state[i], b->state[i]);
        }
    for (uint32_t s = 0; s < m->nspaces; s++) {
        DIFF("storage size", a->spaces[s].size, b->spaces[s].size);
        if (!space_differs(a, b, s))
            continue;
        uint64_t u = (uint64_t)range_differs(a, b, s, 0, a->spaces[s].size);
        snprintf(why, size, "storage (space %s) at %llx: %llx against %llx", m->spaces[s].name,
                 (unsigned long long)u, (unsigned long long)unit_value(a, s, u),
                 (unsigned long long)unit_value(b, s, u));
        return 1;
    }
#undef DIFF
    if (keys_differ(a, b)) {
        snprintf(why, size, "storage keys");
        return 1;
    }
    return 0;
}
