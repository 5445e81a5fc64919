/* uc_dcache.c — the decode cache (uc_dcache.h): the summary of a machine's
 * fetch routine, and records made by running that routine once "dry" over
 * the CPU's state — reading state and storage, writing nothing — with the
 * same meaning per micro-op as tier 0 (microcode/uc_sem.h for the ALU ops,
 * uc_engine.c's rules for fields, register files and storage access).
 * Anything the dry run would have to do that has an effect beyond the state
 * fields and micro-registers it records, or that depends on more than the
 * state bits and storage units it records, makes no record.
 */
#include "uc_dcache.h"

#include <stdlib.h>

#include "uc_sem.h"

static uint64_t maskw(unsigned w)
{
    return uc_sem_mask(w > 64 ? 64 : w);
}

static uint32_t field_slot(const UcMachine *m, unsigned f)
{
    return m->items[m->fields[f].item].slot;
}

/* ---- the summary -------------------------------------------------------- */

/* slot (its bits) into list (and the list's bits), once */
static int add_slot(uint32_t *list, uint64_t *lbits, uint8_t *n, unsigned cap, uint32_t slot, uint64_t bits)
{
    unsigned i;
    for (i = 0; i < *n && list[i] != slot; i++)
        ;
    if (i == *n) {
        if (*n >= cap)
            return -1;
        list[(*n)++] = slot;
    }
    lbits[i] |= bits;
    return 0;
}

/* Micro-registers live where the instruction routines begin (after
   DISPATCH or EXEC bound the fields), by uc_word_liveness. */
static uint64_t live_at_entries(const UcMachine *m)
{
    uint32_t n = m->nwords;
    uint64_t *G = malloc(((size_t)n + 1) * sizeof *G), *K = malloc(((size_t)n + 1) * sizeof *K);
    uint64_t live = ~UINT64_C(0);
    if (G && K && uc_word_liveness(m, G, K) == 0) {
        live = G[m->dispatch.invalid_entry < n ? m->dispatch.invalid_entry : n];
        for (uint32_t c = 0; c < m->ncands; c++)
            live |= G[m->cands[c].entry < n ? m->cands[c].entry : n];
    }
    free(G);
    free(K);
    return live;
}

static int key_check_slot(const UcMachine *m, const UcWord *w, UcDcSummary *s)
{
    const UcSpace *sp = &m->spaces[w->aux];
    if (!sp->key_block || (w->flags & UC_F_NOKEY) || sp->key_field < 0)
        return 0;
    const UcField *f = &m->fields[sp->key_field];
    return add_slot(s->chk_slot, s->chk_bits, &s->nchk, UC_DC_MAXCHK, field_slot(m, (unsigned)sp->key_field),
                    maskw(f->len) << f->shift);
}

void uc_dc_summarise(const UcMachine *m, UcDcSummary *s)
{
    memset(s, 0, sizeof *s);
    if (m->fetch_entry >= m->nwords || !m->dispatch.first)
        return;
    /* the instruction address: the first state value the fetch reads */
    uint32_t pc = m->fetch_entry;
    for (unsigned n = 0;; n++) {
        if (pc >= m->nwords || n > 64)
            return;
        const UcWord *w = &m->words[pc];
        if (w->op == UC_LDF) {
            const UcField *f = &m->fields[w->aux];
            s->tag_slot = m->items[f->item].slot;
            s->tag_shift = f->shift;
            s->tag_mask = maskw(f->len);
            break;
        }
        if (w->op == UC_LDR) {
            const UcItem *it = &m->items[w->aux];
            if (it->count != 1 || it->number_map)
                return;
            s->tag_slot = it->slot;
            s->tag_mask = maskw(it->width);
            break;
        }
        if (w->op == UC_JMP)
            pc = w->target;
        else if (w->op == UC_NOP || w->op == UC_MOVI || w->op == UC_MOV)
            pc++;
        else
            return;
    }
    uint8_t *seen = calloc(m->nwords, 1);
    uint32_t *work = malloc(sizeof *work * m->nwords);
    if (!seen || !work) {
        free(seen);
        free(work);
        return;
    }
    uint32_t nwork = 0;
    int bad = 0;
    uint64_t written = 0;
    work[nwork++] = m->fetch_entry;
    seen[m->fetch_entry] = 1;
#define VISIT(a) do { uint32_t a_ = (a); if (a_ < m->nwords && !seen[a_]) { seen[a_] = 1; work[nwork++] = a_; } } while (0)
    while (nwork && !bad) {
        const UcWord *w = &m->words[work[--nwork]];
        uint32_t here = (uint32_t)(w - m->words);
        written |= uc_word_defs(m, w);
        switch (w->op) {
        case UC_LDF: {
            const UcField *f = &m->fields[w->aux];
            bad |= add_slot(s->chk_slot, s->chk_bits, &s->nchk, UC_DC_MAXCHK, field_slot(m, w->aux),
                            maskw(f->len) << f->shift);
            break;
        }
        case UC_STF: {
            const UcField *f = &m->fields[w->aux];
            bad |= add_slot(s->eff_slot, s->eff_bits, &s->neff, UC_DC_MAXEFF, field_slot(m, w->aux),
                            maskw(f->len) << f->shift);
            break;
        }
        case UC_LDR: case UC_STR: {
            const UcItem *it = &m->items[w->aux];
            for (uint32_t k = 0; k < it->count && !bad; k++) {
                if (w->op == UC_LDR)
                    bad |= add_slot(s->chk_slot, s->chk_bits, &s->nchk, UC_DC_MAXCHK, it->slot + k, ~UINT64_C(0));
                else
                    bad |= add_slot(s->eff_slot, s->eff_bits, &s->neff, UC_DC_MAXEFF, it->slot + k, ~UINT64_C(0));
            }
            break;
        }
        case UC_LD:
            bad |= key_check_slot(m, w, s);
            break;
        default:
            break;
        }
        switch (w->op) {
        case UC_DISPATCH:
            for (uint32_t c = 0; c < m->ncands; c++) {
                const UcFormat *f = &m->formats[m->cands[c].format];
                for (unsigned j = 0; j < f->nfields; j++)
                    written |= UINT64_C(1) << (f->fields[j].ureg & 63);
            }
            break;
        case UC_RET: case UC_ENDOP: case UC_TRAP: case UC_STOP: case UC_EXEC: case UC_CALLH:
        case UC_ST: case UC_MOVE: case UC_STK:
            break;           /* the dry run makes no record through these */
        case UC_JMP:
            VISIT(w->target);
            break;
        case UC_BZ: case UC_BNZ: case UC_CALL:
            VISIT(w->target);
            VISIT(here + 1);
            break;
        default:
            if ((w->op == UC_LD || w->op == UC_PROBE) && (w->flags & UC_F_ONFAULT))
                VISIT(w->target);
            VISIT(here + 1);
            break;
        }
    }
#undef VISIT
    free(seen);
    free(work);
    if (bad)
        return;
    s->written = written;
    uint64_t keep = written & live_at_entries(m);
    for (unsigned r = 0; r < 64; r++)
        if (keep >> r & 1) {
            if (s->nreg >= UC_DC_MAXREG)
                return;
            s->reg[s->nreg++] = (uint8_t)r;
        }
    /* the tag is read by the first word: its slot is the first checked */
    for (unsigned i = 0; i < s->nchk; i++)
        if (s->chk_slot[i] == s->tag_slot) {
            uint64_t b = s->chk_bits[i];
            s->chk_slot[i] = s->chk_slot[0];
            s->chk_bits[i] = s->chk_bits[0];
            s->chk_slot[0] = s->tag_slot;
            s->chk_bits[0] = b;
        }
    s->ok = 1;
}

/* ---- the dry run -------------------------------------------------------- */

typedef struct Dry {
    UcCpu *cpu;
    const UcDcSummary *s;
    UcDcRec *r;
    uint64_t orig_read[UC_DC_MAXCHK];   /* state bits read before any write */
} Dry;

static int chk_index(const UcDcSummary *s, uint32_t slot)
{
    for (unsigned i = 0; i < s->nchk; i++)
        if (s->chk_slot[i] == slot)
            return (int)i;
    return -1;
}

static int eff_index(const UcDcSummary *s, uint32_t slot)
{
    for (unsigned i = 0; i < s->neff; i++)
        if (s->eff_slot[i] == slot)
            return (int)i;
    return -1;
}

/* Read `bits` of slot as the fetch would see it at this point. */
static int read_slot(Dry *d, uint32_t slot, uint64_t bits, uint64_t *val)
{
    int e = eff_index(d->s, slot);
    uint64_t cur = d->cpu->state[slot], from_orig = bits;
    if (e >= 0) {
        cur = (cur & d->r->eand[e]) | d->r->eor[e];
        from_orig &= d->r->eand[e];
    }
    if (from_orig) {
        int c = chk_index(d->s, slot);
        if (c < 0)
            return -1;
        d->r->cmask[c] |= from_orig;
    }
    *val = cur;
    return 0;
}

static int write_slot(Dry *d, uint32_t slot, uint64_t keep, uint64_t bits)
{
    int e = eff_index(d->s, slot);
    if (e < 0)
        return -1;
    d->r->eand[e] &= keep;
    d->r->eor[e] = (d->r->eor[e] & keep) | bits;
    return 0;
}

static int32_t element(const UcItem *it, uint64_t n)
{
    if (it->number_map)
        return n < it->nnumbers ? it->number_map[n] : -1;
    return n < it->count ? (int32_t)n : -1;
}

/* Note units a .. a+n-1 of space sp as read: merged into a range (8 units
   from raddr, rmask one bit per unit while the dry run lasts) when the
   union still fits, else a range of its own. */
static int note_range(UcDcRec *r, unsigned sp, uint64_t a, uint64_t n)
{
    if (n > 8)
        return -1;
    for (unsigned k = 0; k < r->nrng; k++) {
        if (r->rspace[k] != sp)
            continue;
        uint64_t used = 0;   /* units from raddr up to the last one read */
        while (used < 8 && r->rmask[k] >> used)
            used++;
        uint64_t lo = r->raddr[k] < a ? r->raddr[k] : a;
        uint64_t hi = r->raddr[k] + used > a + n ? r->raddr[k] + used : a + n;
        if (hi - lo > 8)
            continue;
        r->rmask[k] <<= r->raddr[k] - lo;
        r->raddr[k] = lo;
        for (uint64_t i = a; i < a + n; i++)
            r->rmask[k] |= UINT64_C(1) << (i - lo);
        return 0;
    }
    if (r->nrng >= UC_DC_MAXRNG)
        return -1;
    unsigned k = r->nrng++;
    r->rspace[k] = (uint8_t)sp;
    r->raddr[k] = a;
    r->rmask[k] = 0;
    for (uint64_t i = 0; i < n; i++)
        r->rmask[k] |= UINT64_C(1) << i;
    return 0;
}

static int note_key(UcDcRec *r, unsigned sp, uint64_t block, uint8_t k)
{
    for (unsigned i = 0; i < r->nkey; i++)
        if (r->kspace[i] == sp && r->kblock[i] == block)
            return 0;
    if (r->nkey >= UC_DC_MAXKEY)
        return -1;
    r->kspace[r->nkey] = (uint8_t)sp;
    r->kblock[r->nkey] = block;
    r->kval[r->nkey++] = k;
    return 0;
}

/* An LD of the fetch, as tier 0 runs it when nothing faults; -1 when it
   would fault, wrap or needs more than a record holds. */
static int dry_load(Dry *d, const UcWord *w, uint64_t addr, uint64_t *val)
{
    const UcMachine *m = d->cpu->m;
    const UcSpace *sp = &m->spaces[w->aux];
    const UcSpaceRt *rt = &d->cpu->spaces[w->aux];
    if (sp->unit_bytes != 1 || (w->flags & UC_F_ACC_MASK) == UC_F_STORE || w->width == 0)
        return -1;
    uint64_t n = uc_access_units(sp, w);
    uint64_t a = m->wrap == UC_WRAP_SIZE ? addr % rt->size : addr & maskw(m->addr_bits);
    if (a >= rt->size || n > rt->size - a)
        return -1;
    if (m->wrap == UC_WRAP_POW2 && m->addr_bits < 64 && a + n - 1 > maskw(m->addr_bits))
        return -1;
    if ((w->flags & UC_F_ALIGN) && a % n)
        return -1;
    if (rt->keys && !(w->flags & UC_F_NOKEY) && sp->key_field >= 0) {
        const UcField *f = &m->fields[sp->key_field];
        uint64_t psw;
        if (read_slot(d, field_slot(m, (unsigned)sp->key_field), maskw(f->len) << f->shift, &psw))
            return -1;
        uint64_t ak = (psw >> f->shift) & maskw(f->len);
        if (ak) {
            uint8_t fp = sp->fetch_prot_bit < 8 ? (uint8_t)(1u << sp->fetch_prot_bit) : 0;
            uint8_t km = (uint8_t)(maskw(sp->key_bits) & ~(uint64_t)fp);
            for (uint64_t b = a / sp->key_block; b <= (a + n - 1) / sp->key_block; b++) {
                uint8_t k = rt->keys[b];
                if ((k & km) != (ak & km))
                    return -1;       /* a mismatch, protected or not: not cached */
                if (note_key(d->r, w->aux, b, k))
                    return -1;
            }
        }
    }
    if (note_range(d->r, w->aux, a, n))
        return -1;
    uint64_t v = 0, um = maskw(sp->unit_bits);
    unsigned lb = uc_lane_bits(sp, w->flags);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t unit = rt->mem[a + i] & um;
        if (m->endian == UC_BIG)
            v = lb >= 64 ? unit : v << lb | unit;
        else if (i * lb < 64)
            v |= unit << (i * lb);
    }
    *val = v & maskw(w->width);
    return 0;
}

static int uses_sx(unsigned op)
{
    return op == UC_DIVS || op == UC_REMS || op == UC_SAR || op == UC_SEXT || op == UC_LTS
           || op == UC_LES || op == UC_CMPS;
}

/* The ALU ops: 0 and *out, or -1 for an op that is not one. */
static int alu(const UcWord *w, const uint64_t *u, uint64_t *out)
{
    uint64_t a = u[w->a], y = (w->flags & UC_F_IMM) ? w->imm : u[w->b], d = u[w->dst];
    unsigned W = w->width;
    if (uses_sx(w->op) && W == 0)
        return -1;
    switch (w->op) {
    case UC_MOVI: *out = uc_sem_movi(w->imm, W); return 0;
    case UC_MOV: *out = uc_sem_mov(a, W); return 0;
#define BIN(OP, fn) case UC_##OP: *out = uc_sem_##fn(a, y, W); return 0;
    BIN(ADD, add) BIN(SUB, sub) BIN(MUL, mul) BIN(DIVU, divu) BIN(REMU, remu)
    BIN(DIVS, divs) BIN(REMS, rems) BIN(AND, and) BIN(OR, or) BIN(XOR, xor)
    BIN(SHL, shl) BIN(SHR, shr) BIN(SAR, sar) BIN(EQ, eq) BIN(NE, ne)
    BIN(LTU, ltu) BIN(LEU, leu) BIN(LTS, lts) BIN(LES, les) BIN(ADDV, addv)
    BIN(SUBV, subv) BIN(ADDC, addc) BIN(SUBC, subc) BIN(CMPU, cmpu) BIN(CMPS, cmps)
#undef BIN
    case UC_NOT: *out = uc_sem_not(a, W); return 0;
    case UC_NEG: *out = uc_sem_neg(a, W); return 0;
    case UC_SEXT: *out = uc_sem_sext(a, W); return 0;
    case UC_EXT:
        if (w->imm >= 64)
            return -1;
        *out = uc_sem_ext(a, w->imm, W);
        return 0;
    case UC_INS:
        if (w->imm >= 64)
            return -1;
        *out = uc_sem_ins(d, a, w->imm, W);
        return 0;
    case UC_SEL: *out = uc_sem_sel(d, a, y, W); return 0;
    default: return -1;
    }
}

/* A record as made: not valid, at the end of a chain, never entered by
   tier 1 (gval 1: its chain check never matches). */
static void rec_clear(UcDcRec *r)
{
    memset(r, 0, sizeof *r);
    r->next = &uc_dc_none;
    r->gval = 1;
}

/* Run the fetch dry into r; 0 when r is a record. */
static int dry_run(UcCpu *cpu, const UcDcSummary *s, UcDcRec *r)
{
    const UcMachine *m = cpu->m;
    Dry d = { cpu, s, r, { 0 } };
    uint64_t u[UC_NUREGS], written = 0;
    memcpy(u, cpu->u, sizeof u);
    uint32_t stack[UC_USTACK], usp = 0, pc = m->fetch_entry, n = 0;
    rec_clear(r);
    for (unsigned k = 0; k < UC_DC_MAXEFF; k++)
        r->eand[k] = ~UINT64_C(0);
    for (;;) {
        if (pc >= m->nwords || ++n > UC_DC_MAXUOPS)
            return -1;
        const UcWord *w = &m->words[pc];
        uint64_t v;
        int dst = uc_word_defs(m, w) ? (w->dst & 63) : -1;
        pc++;
        switch (w->op) {
        case UC_NOP:
            continue;
        case UC_LDF: {
            const UcField *f = &m->fields[w->aux];
            if (read_slot(&d, field_slot(m, w->aux), maskw(f->len) << f->shift, &v))
                return -1;
            v = (v >> f->shift) & maskw(f->len);
            break;
        }
        case UC_STF: {
            const UcField *f = &m->fields[w->aux];
            uint64_t fm = maskw(f->len);
            uint64_t x = (w->flags & UC_F_IMM) ? w->imm : u[w->a];
            if (write_slot(&d, field_slot(m, w->aux), ~(fm << f->shift), (x & fm) << f->shift))
                return -1;
            continue;
        }
        case UC_LDR: {
            const UcItem *it = &m->items[w->aux];
            int32_t e = element(it, u[w->a]);
            v = 0;
            if (e >= 0 && read_slot(&d, it->slot + (uint32_t)e, ~UINT64_C(0), &v))
                return -1;
            break;
        }
        case UC_STR: {
            const UcItem *it = &m->items[w->aux];
            int32_t e = element(it, u[w->a]);
            uint64_t x = (w->flags & UC_F_IMM) ? w->imm : u[w->b];
            if (e >= 0 && write_slot(&d, it->slot + (uint32_t)e, 0, x & maskw(it->width)))
                return -1;
            continue;
        }
        case UC_XLAT: {
            const UcTable *t = &m->tables[w->aux];
            v = u[w->a] < t->count ? t->values[u[w->a]] : 0;
            break;
        }
        case UC_LD:
            if (dry_load(&d, w, u[w->a], &v))
                return -1;
            break;
        case UC_JMP:
            pc = w->target;
            continue;
        case UC_BZ: case UC_BNZ:
            if ((u[w->a] == 0) == (w->op == UC_BZ))
                pc = w->target;
            continue;
        case UC_CALL:
            if (usp >= UC_USTACK)
                return -1;
            stack[usp++] = pc;
            pc = w->target;
            continue;
        case UC_RET:
            if (usp == 0)
                return -1;
            pc = stack[--usp];
            continue;
        case UC_DISPATCH: {
            if (usp != 0 || cpu->usp != 0)
                return -1;
            uint64_t iv = u[w->b], key = u[w->a] & maskw(m->dispatch.key_bits);
            int32_t ci = m->dispatch.first[key];
            for (; ci >= 0; ci = m->cands[ci].next)
                if ((iv & m->cands[ci].mask) == m->cands[ci].match)
                    break;
            if (ci < 0) {
                r->entry = m->dispatch.invalid_entry;
                r->insn = -1;
                r->cand = m->ncands;
            } else {
                const UcCandidate *cd = &m->cands[ci];
                const UcFormat *f = &m->formats[cd->format];
                for (unsigned j = 0; j < f->nfields; j++) {
                    const UcFmtField *ff = &f->fields[j];
                    uint64_t x = (iv >> ff->shift) & maskw(ff->len);
                    if (ff->is_signed)
                        x = (uint64_t)uc_sem_sx(x, ff->len);
                    u[ff->ureg] = x;
                    written |= UINT64_C(1) << ff->ureg;
                }
                r->entry = cd->entry;
                r->insn = cd->insn;
                r->cand = (uint32_t)ci;
            }
            r->nuops = n;
            /* the record: registers, state read, storage bytes */
            for (unsigned k = 0; k < s->nreg; k++) {
                unsigned i = s->reg[k];
                if (!(written >> i & 1))
                    continue;
                r->wmask |= UINT64_C(1) << k;
                r->v[k] = u[i];
                r->wreg[r->nw] = (uint8_t)i;
                r->wv[r->nw++] = u[i];
            }
            for (unsigned k = 0; k < s->nchk; k++)
                r->cval[k] = cpu->state[s->chk_slot[k]] & r->cmask[k];
            for (unsigned k = 0; k < r->nrng; k++) {
                uint8_t bm[8] = { 0 };
                for (unsigned i = 0; i < 8; i++)
                    if (r->rmask[k] >> i & 1)
                        bm[i] = 0xff;
                memcpy(&r->rmask[k], bm, 8);
                uint64_t x;
                memcpy(&x, cpu->spaces[r->rspace[k]].mem + r->raddr[k], 8);
                r->rval[k] = x & r->rmask[k];
            }
            r->tag = (cpu->state[s->tag_slot] >> s->tag_shift) & s->tag_mask;
            r->valid = 1;
            r->rptr = r->nrng ? cpu->spaces[r->rspace[0]].mem + r->raddr[0] : NULL;
            r->one_range = r->nrng == 1 && r->nkey == 0;
            r->simple = r->one_range && s->nchk == 1 && s->neff == 1;
            for (unsigned k = 1; k < s->nchk; k++)
                r->xchk |= r->cmask[k] != 0;
            r->eff_set = 1;
            for (unsigned k = 0; k < s->neff; k++)
                r->eff_set &= r->eand[k] == 0;
            return 0;
        }
        default:
            if (alu(w, u, &v))
                return -1;   /* ST, PROBE, MOVE, LDK, STK, CALLH, STOP, TRAP, ENDOP, EXEC */
            break;
        }
        if (dst >= 0) {
            u[dst] = v;
            written |= UINT64_C(1) << dst;
        }
    }
}

/* ---- the cache ---------------------------------------------------------- */

UcDcRec uc_dc_none = { .next = &uc_dc_none, .insn = UC_DC_NOINSN, .gval = 1 };

int uc_dc_enable(UcCpu *cpu, int on)
{
    if (!on) {
        if (cpu->dc) {
            free(cpu->dc->recs);
            free(cpu->dc);
            cpu->dc = NULL;
        }
        return 0;
    }
    if (cpu->dc)
        return 1;
    UcDcache *dc = calloc(1, sizeof *dc);
    if (!dc)
        return 0;
    uc_dc_summarise(cpu->m, &dc->s);
    if (!dc->s.ok) {
        free(dc);
        return 0;
    }
    dc->anchor.next = &uc_dc_none;
    dc->anchor.insn = UC_DC_NOINSN;
    dc->off_lo = INT64_MAX;  /* none armed */
    dc->off_hi = INT64_MIN;
    dc->last = &dc->anchor;
    dc->chk0 = &cpu->state[dc->s.chk_slot[0]];
    dc->eff0 = dc->s.neff ? &cpu->state[dc->s.eff_slot[0]] : NULL;
    cpu->dc = dc;
    return 1;
}

static uint32_t slot_of(uint64_t tag)
{
    return (uint32_t)((tag * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & (UC_DC_SIZE - 1);
}

static int usable(const UcCpu *cpu, const UcDcache *dc, const UcDcRec *r)
{
    return r->valid && uc_dc_state_ok(dc, cpu->state, r) && uc_dc_storage_ok(cpu, r);
}

/* Unit i (0..7) of r's first range was read by its fetch. */
static int range0_unit(const UcDcRec *r, unsigned i)
{
    return ((const uint8_t *)&r->rmask[0])[i] != 0;
}

void uc_dc_arm(UcCpu *cpu, UcDcRec *r)
{
    UcDcache *dc = cpu->dc;
    if (!dc || r->armed || !r->valid || !r->one_range)
        return;
    uint8_t *code = cpu->spaces[r->rspace[0]].code;
    if (!code)
        return;
    int64_t lo = (int64_t)(r->raddr[0] - r->tag), hi = lo + 7;
    while (hi > lo && !range0_unit(r, (unsigned)(hi - lo)))
        hi--;
    if (lo < -UC_DC_SPAN || hi > UC_DC_SPAN)
        return;              /* a tag that is not near its units: not chained */
    for (unsigned i = 0; i < 8; i++)
        if (range0_unit(r, i))
            code[r->raddr[0] + i] = 1;
    if (lo < dc->off_lo)
        dc->off_lo = lo;
    if (hi > dc->off_hi)
        dc->off_hi = hi;
    r->gmask = r->cmask[0];
    r->gval = r->cval[0];
    r->armed = 1;
}

/* r is armed and read one of units a .. a+n-1 of space sp. */
static int reads_units(const UcDcRec *r, unsigned sp, uint64_t a, uint64_t n)
{
    if (!r->armed || r->rspace[0] != sp)
        return 0;
    for (unsigned i = 0; i < 8; i++)
        if (range0_unit(r, i) && r->raddr[0] + i >= a && r->raddr[0] + i - a < n)
            return 1;
    return 0;
}

static void disarm(UcDcache *dc, UcDcRec *r)
{
    r->armed = 0;
    r->gmask = 0;
    r->gval = 1;
    dc->disarms++;
}

void uc_dc_written(UcCpu *cpu, unsigned space, uint64_t a, uint64_t n)
{
    UcDcache *dc = cpu->dc;
    uint8_t *code = cpu->spaces[space].code;
    if (!code || n == 0)
        return;
    if (dc && dc->recs && dc->off_lo <= dc->off_hi) {
        if (n >= UC_DC_SIZE) {
            for (uint32_t i = 0; i < UC_DC_SIZE; i++)
                if (reads_units(&dc->recs[i], space, a, n))
                    disarm(dc, &dc->recs[i]);
        } else {
            /* the tags whose records may have read a unit of the n */
            int64_t t0 = (int64_t)a - dc->off_hi, t1 = (int64_t)(a + n - 1) - dc->off_lo;
            for (int64_t t = t0 < 0 ? 0 : t0; t <= t1; t++) {
                UcDcRec *r = &dc->recs[slot_of((uint64_t)t)];
                if (r->tag == (uint64_t)t && reads_units(r, space, a, n))
                    disarm(dc, r);
            }
        }
    }
    memset(code + a, 0, n);  /* no armed record reads these units now */
}

const UcDcRec *uc_dc_lookup(UcCpu *cpu)
{
    UcDcache *dc = cpu->dc;
    UcDcRec *prev = dc->last, *r;
    if (!dc->recs && !(dc->recs = calloc(UC_DC_SIZE, sizeof *dc->recs)))
        return NULL;
    uint64_t tag = (cpu->state[dc->s.tag_slot] >> dc->s.tag_shift) & dc->s.tag_mask;
    r = &dc->recs[slot_of(tag)];
    if (r->valid && r->tag == tag && usable(cpu, dc, r)) {
        dc->hits++;
    } else if (!r->valid && r->nocache && r->tag == tag) {
        r->nocache--;        /* not cacheable lately: fetched by the micro-code */
        dc->last = &dc->anchor;
        return NULL;
    } else {
        /* a record for this address that keeps missing (a 1401 index
           register that changes, code rewritten in a loop) is given up
           for a while */
        unsigned refills = r->tag == tag && r->valid ? r->refills + 1u : 0u;
        dc->misses++;
        dc->fills++;
        if (refills > 16 || dry_run(cpu, &dc->s, r)) {
            rec_clear(r);
            r->tag = tag;
            r->nocache = 64;
            dc->last = &dc->anchor;
            return NULL;
        }
        r->refills = (uint8_t)refills;
    }
    prev->next = r;
    return dc->last = r;
}
