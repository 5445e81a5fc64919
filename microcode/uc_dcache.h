/* uc_dcache.h — the decode cache: each guest instruction's fetch, done once.
 *
 * The fetch routine of a description (from fetch_entry up to its DISPATCH)
 * reads a few state fields (the instruction address, the access key) and
 * the instruction's storage units, writes a few state fields (S/360: ILC
 * and IA), computes the instruction value and binds the format's fields.
 * Given the same state bits and the same storage bytes it does the same,
 * so it is run once per instruction address and remembered as a record
 * (UcDcRec): what it read (state bits and storage bytes: the record's
 * validity), what it wrote (state: as AND/OR masks per slot; micro-
 * registers: their values), where DISPATCH went, and how many micro-
 * instructions that took (ucount stays exact). Both tiers use it at the
 * fetch entry: tier 0 in uc_engine.c, tier 1 in the C that uc_gen.c writes.
 *
 * Records are cached by the instruction address (the first state value the
 * fetch reads) and mode (the other state bits it reads), and chained: each
 * keeps the record that followed it last time, so a straight run of
 * instructions, and a loop's branch back, find their next record without a
 * lookup — the translated blocks of DESIGN.md's tier 1.
 *
 * Invalidation: a record found by a lookup, or chained to by tier 0, is
 * checked against storage (the instruction's bytes, one 64-bit compare for
 * an S/360 instruction; the storage keys it was fetched under when the
 * access key is not 0). Tier 1 chains without that compare: a record it may
 * chain into is "armed" (uc_dc_arm), and an armed record's storage units are
 * marked in its space's code map (UcSpaceRt.code, one byte per unit). Every
 * store path — the CPU's on both tiers (the very next instruction, EX
 * targets, 1401 word marks), uc_mem_write and uc_mem_set (channels, card
 * input, the monitor, loaders) — tests the map for the units it wrote, and
 * uc_dc_written disarms each armed record that read one of them. The map is
 * by unit, not by page: S/360 programs keep their data beside their code,
 * and a store there must not cost the code beside it its translation. A
 * disarmed record is checked again, in full, at its next lookup, so no store
 * can leave a stale translation.
 *
 * A fetch path the cache cannot summarise (a fault, a helper, a stop, a
 * store, a wrap round the end of storage, more state than a record holds)
 * makes no record: that instruction is fetched by the micro-code each time.
 */
#ifndef UC_DCACHE_H
#define UC_DCACHE_H

#include <stdint.h>
#include <string.h>
#include "uc_engine.h"

#define UC_DC_MAXCHK 4       /* state slots the fetch reads */
#define UC_DC_MAXEFF 8       /* state slots the fetch writes */
#define UC_DC_MAXREG 40      /* micro-registers the fetch writes (fields included) */
#define UC_DC_MAXRNG 4       /* storage ranges of 8 units it reads */
#define UC_DC_MAXKEY 2       /* storage-key blocks it was checked against */
#define UC_DC_MAXUOPS 4096  /* micro-instructions of the longest fetch recorded */
#define UC_DC_PAD 16         /* host bytes after each space's storage, zero:
                                a range is read as 8 bytes from any unit */

/* What the fetch routine of a machine can touch, from its control store
   (the same for uc_gen and the engine). ok = 0: no decode cache. */
typedef struct UcDcSummary {
    int ok;
    uint32_t tag_slot;       /* the instruction address: (state[tag_slot] >> tag_shift) & tag_mask */
    uint8_t tag_shift;
    uint64_t tag_mask;
    uint8_t nchk, neff, nreg;   /* reg: written by the fetch and live after it */
    uint32_t chk_slot[UC_DC_MAXCHK];
    uint32_t eff_slot[UC_DC_MAXEFF];
    uint64_t chk_bits[UC_DC_MAXCHK];   /* the bits of each the fetch may read */
    uint64_t eff_bits[UC_DC_MAXEFF];   /* and write */
    uint8_t reg[UC_DC_MAXREG];
    uint64_t written;        /* every micro-register the fetch may write */
} UcDcSummary;

typedef struct UcDcRec UcDcRec;
struct UcDcRec {
    UcDcRec *next;           /* the record that came after this one last time,
                                or &uc_dc_none */
    uint32_t entry;          /* micro-address DISPATCH went to */
    int32_t insn;            /* cpu->insn it sets (-1: invalid; UC_DC_NOINSN: the
                                anchor and uc_dc_none, no instruction) */
    uint32_t nuops;          /* micro-instructions from the fetch entry to DISPATCH */
    uint8_t valid, nrng, nkey, nw;
    uint8_t one_range;       /* valid, one storage range, no keys */
    uint8_t simple;          /* one_range, and the machine's fetch reads one state
                                slot and writes one */
    uint8_t xchk;            /* reads state slots after the first (a cmask[k], k > 0,
                                not 0): tier 1's chain check tests those only then */
    uint8_t armed;           /* tier 1 may chain into it (uc_dc_arm) */
    uint8_t eff_set;         /* each state slot the fetch writes it sets whole
                                (eand 0): tier 1 enters with s = eor */
    const uint8_t *rptr;     /* host address of the first range */
    const void *t1;          /* tier 1 (computed goto): where the generated code enters
                                this record's routine from the record before it,
                                applying its state writes (by eff_set); set there,
                                NULL when made */
    uint64_t gmask, gval;    /* tier 1's chain check of the first state slot read:
                                cmask[0]/cval[0] while armed, else 0/1 (never
                                true: that record is entered through the fetch
                                entry's full check) */
    uint64_t cmask[UC_DC_MAXCHK], cval[UC_DC_MAXCHK];   /* state read */
    uint64_t raddr[UC_DC_MAXRNG], rmask[UC_DC_MAXRNG], rval[UC_DC_MAXRNG];
    uint8_t rspace[UC_DC_MAXRNG];                       /* storage read */
    uint64_t eand[UC_DC_MAXEFF], eor[UC_DC_MAXEFF];     /* state written */
    uint8_t wreg[UC_DC_MAXREG];                         /* micro-registers written: */
    uint64_t wv[UC_DC_MAXREG];                          /*   u[wreg[i]] = wv[i], i < nw */
    uint64_t wmask;          /* the same by summary index: bit k, u[reg[k]] = v[k] */
    uint64_t v[UC_DC_MAXREG];
    uint64_t tag;            /* instruction address */
    uint32_t cand;           /* candidate index (m->ncands: the invalid entry) */
    uint32_t nocache;        /* > 0 (valid 0): this address could not be cached (tries left) */
    uint8_t refills;         /* times made again for the same address in a row */
    uint8_t kspace[UC_DC_MAXKEY];
    uint8_t kval[UC_DC_MAXKEY];
    uint64_t kblock[UC_DC_MAXKEY];
};

#define UC_DC_NOINSN INT32_MIN

/* The end of every chain: `next` of a record that has none (never NULL),
   never valid, never entered. */
extern UcDcRec uc_dc_none;

typedef struct UcDcache {
    UcDcSummary s;
    uint64_t *chk0, *eff0;   /* &state[chk_slot[0]], &state[eff_slot[0]] */
    UcDcRec *recs;           /* UC_DC_SIZE, allocated at the first use */
    UcDcRec *last;           /* the record used last (chaining); never NULL */
    UcDcRec anchor;          /* `last` before any */
    int64_t off_lo, off_hi;  /* units an armed record read, from its tag: the
                                tags a store's units may belong to */
    uint64_t hits, misses, fills, disarms;
} UcDcache;

#define UC_DC_SIZE 4096u
#define UC_DC_SPAN 64        /* an armed record's units lie within this of its tag */

/* The summary of m's fetch routine. */
void uc_dc_summarise(const UcMachine *m, UcDcSummary *s);

/* Turn the cache on (when the machine's fetch can be summarised) or off;
   returns 1 when on. uc_cpu_new turns it on. */
int uc_dc_enable(UcCpu *cpu, int on);

/* A record's storage bytes and keys still as they were (the state checks
   are the caller's: tier 1 keeps state in locals). */
static inline int uc_dc_storage_ok(const UcCpu *cpu, const UcDcRec *r)
{
    for (unsigned k = 0; k < r->nrng; k++) {
        uint64_t v;
        memcpy(&v, cpu->spaces[r->rspace[k]].mem + r->raddr[k], 8);
        if ((v & r->rmask[k]) != r->rval[k])
            return 0;
    }
    for (unsigned k = 0; k < r->nkey; k++)
        if (cpu->spaces[r->kspace[k]].keys[r->kblock[k]] != r->kval[k])
            return 0;
    return 1;
}

/* The same for a simple record: its one range. */
static inline int uc_dc_range0_ok(const UcDcRec *r)
{
    uint64_t v;
    memcpy(&v, r->rptr, 8);
    return (v & r->rmask[0]) == r->rval[0];
}

static inline int uc_dc_state_ok(const UcDcache *dc, const uint64_t *state, const UcDcRec *r)
{
    for (unsigned k = 0; k < dc->s.nchk; k++)
        if ((state[dc->s.chk_slot[k]] & r->cmask[k]) != r->cval[k])
            return 0;
    return 1;
}

/* Tier 1 may chain into r, a record just found good by a full check: when
   it has one storage range and no keys, sets gmask/gval and marks its units
   in the code map. */
void uc_dc_arm(UcCpu *cpu, UcDcRec *r);

/* Units a .. a+n-1 of space `space` were written, and the code map marks
   one of them: disarm every armed record that read one, and clear the marks
   of those units (the records' other units keep theirs: a later store there
   finds nothing armed, and clears them). */
void uc_dc_written(UcCpu *cpu, unsigned space, uint64_t a, uint64_t n);

/* Whether the code map marks one of units a .. a+n-1 (inside storage).
   Up to 16 units (every store but the longest moves) it reads the map as
   two host words that may overlap, as uc_t1_move moves; inlined (UC_INLINE)
   when optimizing, so a store of a constant size is one load. */
UC_INLINE int uc_dc_code_hit(const uint8_t *code, uint64_t a, uint64_t n)
{
    const uint8_t *p = code + a;
    if (n >= 8 && n <= 16) {
        uint64_t x, y;
        memcpy(&x, p, 8);
        memcpy(&y, p + n - 8, 8);
        return (x | y) != 0;
    }
    if (n >= 4 && n < 8) {
        uint32_t x, y;
        memcpy(&x, p, 4);
        memcpy(&y, p + n - 4, 4);
        return (x | y) != 0;
    }
    if (n < 4)               /* 1, 2, 3: the first, middle and last unit */
        return n && (p[0] | p[n / 2] | p[n - 1]) != 0;
    uint64_t v, x = 0;
    for (uint64_t i = 0; i + 8 < n; i += 8) {
        memcpy(&v, p + i, 8);
        x |= v;
    }
    memcpy(&v, p + n - 8, 8);
    return (x | v) != 0;
}

/* At the fetch entry, with cpu->state as the fetch would read it: the
   record for this instruction from the table, or made now, or NULL (fetch
   it by the micro-code). Sets dc->last. */
const UcDcRec *uc_dc_lookup(UcCpu *cpu);

/* The same, trying the chain after dc->last first. */
UC_INLINE const UcDcRec *uc_dc_next(UcCpu *cpu)
{
    UcDcache *dc = cpu->dc;
    UcDcRec *r = dc->last->next;
    if (r->simple) {
        if ((*dc->chk0 & r->cmask[0]) == r->cval[0] && uc_dc_range0_ok(r))
            return dc->last = r;
    } else if (r->valid && uc_dc_state_ok(dc, cpu->state, r) && uc_dc_storage_ok(cpu, r)) {
        return dc->last = r;
    }
    return uc_dc_lookup(cpu);
}

/* Tier 0: do what the record says the fetch does (state, micro-registers,
   insn, in_exec); the caller counts r->nuops and goes to r->entry. */
UC_INLINE void uc_dc_apply(UcCpu *cpu, const UcDcache *dc, const UcDcRec *r)
{
    if (r->simple) {
        *dc->eff0 = (*dc->eff0 & r->eand[0]) | r->eor[0];
    } else {
        for (unsigned k = 0; k < dc->s.neff; k++) {
            uint64_t *p = &cpu->state[dc->s.eff_slot[k]];
            *p = (*p & r->eand[k]) | r->eor[k];
        }
    }
    uint64_t *u = cpu->u;
    const uint8_t *wr = r->wreg;
    const uint64_t *wv = r->wv;
    unsigned n = r->nw;
    for (; n > 8; n--)
        u[wr[n - 1]] = wv[n - 1];
    switch (n) {             /* unrolled: a format binds a few fields */
    case 8: u[wr[7]] = wv[7]; /* fall through */
    case 7: u[wr[6]] = wv[6]; /* fall through */
    case 6: u[wr[5]] = wv[5]; /* fall through */
    case 5: u[wr[4]] = wv[4]; /* fall through */
    case 4: u[wr[3]] = wv[3]; /* fall through */
    case 3: u[wr[2]] = wv[2]; /* fall through */
    case 2: u[wr[1]] = wv[1]; /* fall through */
    case 1: u[wr[0]] = wv[0]; /* fall through */
    default: break;
    }
    cpu->insn = r->insn;
    cpu->in_exec = 0;
}

#endif
