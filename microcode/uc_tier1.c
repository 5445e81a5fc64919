/* uc_tier1.c — tier 1 of the micro-engine: the registry of generated
 * machines and the run loop around them (uc_tier1.h; the translation
 * itself is microcode/uc_gen.c; DESIGN.md, "The micro-engine", tiers).
 *
 * uc_tier1_run starts the generated function at an instruction boundary
 * (the fetch, boundary or reset entry). A CPU stopped inside an
 * instruction (after uc_ustep, a helper stop, a micro-breakpoint) first
 * runs tier 0 up to the end of that instruction; a word the generated code
 * leaves to tier 0 (UC_T1_DEOPT) is run the same way. Both come back at the
 * instruction boundary, where this loop does what tier 0's ENDOP would have
 * done after its instruction limit test: attention stops, an interruption
 * request enters the boundary routine. A micro-op budget (uc_ustep,
 * uc_boundary, a monitor's micro-op limit) runs tier 0 throughout.
 * A machine with instructions marked hot has a second generated function
 * for those alone (uc_gen.c, "hot"), faster while a program keeps to
 * them: it runs until it meets another instruction, then the whole
 * function runs the next UC_T1_COLD_SPAN instructions, and so on.
 */
#include "uc_tier1.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UC_T1_MAX_GENS 16

static const UcT1Gen *gens[UC_T1_MAX_GENS];
static unsigned ngens;

void uc_tier1_register(const UcT1Gen *g)
{
    if (ngens < UC_T1_MAX_GENS)
        gens[ngens++] = g;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

static uint64_t fnv64(uint64_t h, uint64_t v)
{
    unsigned char b[8];
    for (unsigned i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    return fnv(h, b, 8);
}

uint64_t uc_tier1_hash(const UcMachine *m)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    h = fnv64(h, m->endian);
    h = fnv64(h, m->addr_bits);
    h = fnv64(h, m->wrap);
    h = fnv64(h, m->nwords);
    for (uint32_t i = 0; i < m->nwords; i++) {
        const UcWord *w = &m->words[i];
        h = fnv64(h, (uint64_t)w->op | (uint64_t)w->dst << 8 | (uint64_t)w->a << 16 | (uint64_t)w->b << 24
                         | (uint64_t)w->width << 32 | (uint64_t)w->flags << 40 | (uint64_t)w->aux << 48);
        h = fnv64(h, w->target);
        h = fnv64(h, w->imm);
    }
    h = fnv64(h, m->fetch_entry);
    h = fnv64(h, m->reset_entry);
    h = fnv64(h, m->boundary_entry);
    h = fnv64(h, m->nitems);
    for (uint32_t i = 0; i < m->nitems; i++) {
        const UcItem *it = &m->items[i];
        h = fnv64(h, it->width);
        h = fnv64(h, it->count);
        h = fnv64(h, it->slot);
        h = fnv64(h, it->nnumbers);
        for (uint32_t k = 0; it->number_map && k < it->nnumbers; k++)
            h = fnv64(h, (uint64_t)(int64_t)it->number_map[k]);
    }
    h = fnv64(h, m->nslots);
    h = fnv64(h, m->nfields);
    for (uint32_t i = 0; i < m->nfields; i++)
        h = fnv64(h, (uint64_t)m->fields[i].item | (uint64_t)m->fields[i].shift << 16
                         | (uint64_t)m->fields[i].len << 24);
    h = fnv64(h, m->nspaces);
    for (uint32_t i = 0; i < m->nspaces; i++) {
        const UcSpace *s = &m->spaces[i];
        h = fnv64(h, s->unit_bits);
        h = fnv64(h, s->unit_bytes);
        for (unsigned k = 0; k < UC_NFAULTS; k++) {
            h = fnv64(h, (uint64_t)(int64_t)s->faults[k].interrupt);
            h = fnv64(h, s->faults[k].code);
        }
        h = fnv64(h, s->key_block);
        h = fnv64(h, s->key_bits);
        h = fnv64(h, (uint64_t)(int64_t)s->key_field);
        h = fnv64(h, s->fetch_prot_bit);
    }
    h = fnv64(h, m->ntables);
    for (uint32_t i = 0; i < m->ntables; i++) {
        h = fnv64(h, m->tables[i].count);
        for (uint32_t k = 0; k < m->tables[i].count; k++)
            h = fnv64(h, m->tables[i].values[k]);
    }
    h = fnv64(h, m->ninterrupts);
    for (uint32_t i = 0; i < m->ninterrupts; i++) {
        const UcInterrupt *in = &m->interrupts[i];
        h = fnv64(h, in->entry);
        h = fnv64(h, in->nparams);
        h = fnv(h, in->param_ureg, sizeof in->param_ureg);
    }
    h = fnv64(h, m->nstops);
    h = fnv64(h, m->nhelpers);
    for (uint32_t i = 0; i < m->nhelpers; i++)
        h = fnv64(h, (uint64_t)m->helpers[i].nargs | (uint64_t)m->helpers[i].has_result << 8);
    h = fnv64(h, m->nformats);
    for (uint32_t i = 0; i < m->nformats; i++) {
        const UcFormat *f = &m->formats[i];
        h = fnv64(h, f->nfields);
        for (unsigned k = 0; k < f->nfields; k++)
            h = fnv64(h, (uint64_t)f->fields[k].shift | (uint64_t)f->fields[k].len << 8
                             | (uint64_t)f->fields[k].ureg << 16 | (uint64_t)f->fields[k].is_signed << 24);
    }
    h = fnv64(h, m->dispatch.key_bits);
    h = fnv64(h, m->dispatch.invalid_entry);
    if (m->dispatch.first)
        for (uint64_t k = 0; k < (UINT64_C(1) << m->dispatch.key_bits); k++)
            h = fnv64(h, (uint64_t)(int64_t)m->dispatch.first[k]);
    h = fnv64(h, m->ncands);
    for (uint32_t i = 0; i < m->ncands; i++) {
        const UcCandidate *c = &m->cands[i];
        h = fnv64(h, c->mask);
        h = fnv64(h, c->match);
        h = fnv64(h, (uint64_t)(int64_t)c->insn);
        h = fnv64(h, c->format);
        h = fnv64(h, c->entry);
        h = fnv64(h, (uint64_t)(int64_t)c->next);
    }
    return h;
}

unsigned uc_tier1_count(void)
{
    return ngens;
}

const UcT1Gen *uc_tier1_find(const UcMachine *m)
{
    if (!ngens)
        return NULL;
    for (unsigned i = 0; i < ngens; i++)
        if (m->hash && gens[i]->file_hash == m->hash)
            return gens[i];
    uint64_t h = uc_tier1_hash(m);
    for (unsigned i = 0; i < ngens; i++)
        if (gens[i]->hash == h)
            return gens[i];
    return NULL;
}

int uc_tier1_enable(UcCpu *cpu, int on)
{
    const UcT1Gen *g = on ? uc_tier1_find(cpu->m) : NULL;
    if (!g) {
        cpu->tier_run = NULL;
        cpu->tier_ctx = NULL;
        return 0;
    }
    cpu->tier_run = uc_tier1_run;
    cpu->tier_ctx = (void *)(uintptr_t)g;
    return 1;
}

int uc_tier1_active(const UcCpu *cpu)
{
    return cpu->tier_run == uc_tier1_run && cpu->tier_ctx != NULL;
}

void uc_t1_stop_machine(UcCpu *cpu, uint64_t code)
{
    const UcMachine *m = cpu->m;
    const UcStopReason *r = code < m->nstops ? &m->stops[code] : NULL;
    cpu->stop_code = code;
    cpu->stop = UC_STOP_MACHINE;
    snprintf(cpu->stop_text, sizeof cpu->stop_text, "%s",
             r && r->message ? r->message : r && r->name ? r->name : "stop");
}

void uc_t1_stop_helper(UcCpu *cpu, unsigned h, int r)
{
    const UcHelper *hp = h < cpu->m->nhelpers ? &cpu->m->helpers[h] : NULL;
    cpu->stop_code = (uint64_t)(int64_t)r;
    cpu->stop = UC_STOP_HELPER;
    snprintf(cpu->stop_text, sizeof cpu->stop_text, "stopped by host helper %s",
             hp && hp->name ? hp->name : "?");
}

static int at_entry(const UcMachine *m, uint32_t upc)
{
    return upc == m->fetch_entry || upc == m->boundary_entry || upc == m->reset_entry;
}

/* The all-ones twins of the code maps (UcSpaceRt.hooked), for a run with a
   store hook: 0 when there is no memory for them. */
static int hooked_maps(UcCpu *cpu)
{
    for (uint32_t i = 0; i < cpu->m->nspaces; i++) {
        UcSpaceRt *s = &cpu->spaces[i];
        if (s->code && !s->hooked) {
            if (!(s->hooked = malloc((size_t)s->size + 1)))
                return 0;
            memset(s->hooked, 1, (size_t)s->size + 1);
        }
    }
    return 1;
}

UcStop uc_tier1_run(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops)
{
    const UcT1Gen *g = cpu->tier_ctx;
    const UcMachine *m = cpu->m;
    if (max_uops || !g || (cpu->store_hook && !hooked_maps(cpu)))
        return uc_run_tier0(cpu, max_insns, max_uops);
    uint64_t ib = max_insns ? max_insns : UINT64_MAX;
    cpu->stop = UC_STOP_NONE;
    cpu->stop_text[0] = '\0';
    for (;;) {
        if (cpu->irq && cpu->upc == m->fetch_entry && m->boundary_entry != (uint32_t)UC_NONE) {
            cpu->irq = 0;
            cpu->upc = m->boundary_entry;
        }
        if (!at_entry(m, cpu->upc)) {
            /* inside an instruction: tier 0 runs it to its end */
            UcStop s = uc_run_tier0(cpu, 1, 0);
            if (s != UC_STOP_INSN_LIMIT)
                return s;
            ib--;
        } else {
            /* The generated code looks at attention only when its budget
               runs out (or something it calls raises it): a SIGINT is heard
               within UC_T1_SLICE instructions. */
            uint64_t slice = ib < UC_T1_SLICE ? ib : UC_T1_SLICE, left;
            /* the hot function, unless it handed back less than
               UC_T1_COLD_SPAN instructions ago (t1_cold: the rest) */
            int hot = g->run_hot && !cpu->t1_cold;
            if (g->run_hot && !hot && slice > cpu->t1_cold)
                slice = cpu->t1_cold;
            left = slice;
            int r = (hot ? g->run_hot : g->run)(cpu, &left);
            ib -= slice - left;
            if (hot && (r == UC_T1_COLD || r == UC_T1_DEOPT))
                cpu->t1_cold = UC_T1_COLD_SPAN;
            else if (!hot && g->run_hot)
                cpu->t1_cold -= slice - left;
            if (r == UC_T1_DEOPT || r == UC_T1_COLD)
                continue;
            if (r != UC_STOP_INSN_LIMIT)
                return (UcStop)r;
        }
        /* an instruction boundary with its budget spent: the end, unless
           the run's budget goes on; attention stops it here */
        if (ib == 0)
            return UC_STOP_INSN_LIMIT;
        cpu->stop = UC_STOP_NONE;
        if (cpu->attention) {
            cpu->attention = 0;
            cpu->stop = UC_STOP_ATTENTION;
            return UC_STOP_ATTENTION;
        }
    }
}
