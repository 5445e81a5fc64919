/* uc_engine.c — tier 0 of the micro-engine: an interpreter over the control
 * store of a UcMachine, with the semantics of each micro-operation given by
 * its row in uc_ops.h and the storage, fault and key rules of uc_machine.h
 * (DESIGN.md, "The micro-engine"; storage protection as in the System/360
 * Principles of Operation, A22-6821, "Protection": a store is refused when
 * the access key is nonzero and differs from the storage key; a fetch too,
 * when the key's fetch-protection bit is on).
 *
 * The control store is copied once into a private array of pre-decoded words
 * (masks and unit counts precomputed, a sentinel after the last word), and
 * the machine is checked (uc_machine_check) when the CPU is created, so the
 * hot loop trusts every register number, target and index. Where a word's
 * fixed operands decide a run-time test, the copy gets an engine-private op
 * with a shorter handler (XOP_LIST: immediate second operands, fields and
 * registers with their slot and shift, byte-storage LD/ST by size with the
 * key test folded to one AND); the .ucode and the meaning of each op are
 * unchanged. One dispatch point sits behind the vmdispatch/vmcase/vmbreak
 * macros: a portable switch, or computed goto (direct threading) when built
 * with -DUC_COMPUTED_GOTO under GNU C. The cold `attention` flag is tested
 * once per instruction, at ENDOP; under computed goto the micro-op budget is
 * tested at taken transfers while it is large, per word when it is small.
 *
 * Also made at predecode: fused sequences (FUSED_LIST), one handler for a
 * run of consecutive words that occurs often (the S/360 fetch routine's,
 * address arithmetic, condition codes), doing each word's own operation in
 * order; under computed goto they run while the budget is large, in the
 * switch build always, each further word counted against the budget. The
 * DISPATCH of a key remembers its last answer (KeyX). Guest instructions
 * are counted in the run's instruction budget, and cpu->icount is written
 * back wherever the host can look (helpers, store hooks, the end of a run).
 * tests/unit/test_uc_fused.c compares all of it with one word at a time.
 */
#include "uc_engine.h"
#include "uc_dcache.h"
#include "uc_sem.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- private, pre-decoded form of the machine ---- */

enum { XF_SLOW = 0x01 };     /* XWord.xf, LD/ST: never take the byte fast path */

/* Two-operand ALU ops that get a second handler for an immediate B, so
   neither handler tests UC_F_IMM at run time. */
#define XBIN_LIST(X) \
    X(ADD) X(SUB) X(MUL) X(AND) X(OR) X(XOR) X(SHL) X(SHR) X(SAR) \
    X(EQ) X(NE) X(LTU) X(LEU) X(LTS) X(LES) X(ADDV) X(SUBV) X(ADDC) X(SUBC) \
    X(SEL) X(CMPU) X(CMPS)

/* Engine-private op codes, after the .ucode ones: predecode rewrites a word
   to one of these when its operands allow a shorter handler. Each keeps the
   meaning of the uc_ops.h row it stands for; only the run-time tests that
   the word's fixed operands already decide are gone. */
#define XOP_LIST(X) \
    X(LDF_S)                 /* LDF: slot, shift, mask precomputed */ \
    X(STF_SI)                /* STF of an immediate: the shifted value and keep mask */ \
    X(STF_SR)                /* STF of a register */ \
    X(LDR_S)                 /* LDR of an item without a number map */ \
    X(STR_SR) X(STR_SI)      /* STR of an item without a number map */ \
    X(LD_1) X(LD_2) X(LD_4) X(LD_N)   /* LD of byte storage, big-endian 1/2/4 bytes, or any */ \
    X(ST_1) X(ST_2) X(ST_4) X(ST_N)   /* ST of byte storage from a register */ \
    X(PROBE_S)               /* PROBE: whole range inside storage, key allows it */ \
    X(ENDB)                  /* ENDOP 1: the end of reset or boundary, not counted */

/* Fused sequences (superinstructions): where consecutive words have these
   ops, predecode gives the first word a handler (XWord.fop) that runs them
   all, each with its own operands and meaning, in order, as the words would
   one by one, then goes on with the word after the last (or where the last
   one jumps). Nothing is assumed about the operands, so each is exact for
   any operands; a jump into the middle of a sequence runs the words from
   there as usual. The hot sequences of the S/360 fetch routine and common
   instruction bodies (by dynamic pair counts on programs/bench). A budget
   smaller than the control store (uc_ustep, run to a micro-op count) runs
   the words one by one instead. */
#define FUSED_LIST(X) \
    X(FLD2_EXT2_BNZ, 5, XOP_LDF_S, XOP_LD_2, UC_EXT, UC_EXT, UC_BNZ)   /* chained: see fuse_ok */ \
    X(CCMASK_BZ,  5, XOP_LDF_S, XOP_XOR_I, UC_SHR, XOP_AND_I, UC_BZ)  /* chained: BC's mask test */ \
    X(ADD2_SUB_BNZ, 4, XOP_ADD_I, XOP_ADD_I, XOP_SUB_I, UC_BNZ, 0)     /* LM/STM loop step */ \
    X(LDR_ADD_STF_END, 4, XOP_LDR_S, UC_ADD, XOP_STF_SR, UC_ENDOP, 0)  /* a branch taken */ \
    X(CMPS_STF_END, 3, UC_CMPS, XOP_STF_SR, UC_ENDOP, 0, 0) \
    X(CMPU_STF_END, 3, UC_CMPU, XOP_STF_SR, UC_ENDOP, 0, 0) \
    X(CMPSI_STF_END, 3, XOP_CMPS_I, XOP_STF_SR, UC_ENDOP, 0, 0) \
    X(CMPUI_STF_END, 3, XOP_CMPU_I, XOP_STF_SR, UC_ENDOP, 0, 0) \
    X(STF2_DISP,  4, XOP_STF_SI, XOP_ADD_I, XOP_STF_SR, UC_DISPATCH, 0) /* chained */ \
    X(CC4,        4, XOP_CMPS_I, XOP_EQ_I, XOP_SEL_I, XOP_STF_SR, 0)  /* chained: v ? 3 : cc */ \
    X(EXT2_BNZ,   3, UC_EXT, UC_EXT, UC_BNZ, 0, 0) \
    X(EXT2_BZ,    3, UC_EXT, UC_EXT, UC_BZ, 0, 0) \
    X(LD4_NE_BZ,  3, XOP_LD_4, XOP_NE_I, UC_BZ, 0, 0) \
    X(LDR_ADD_LD4, 3, XOP_LDR_S, UC_ADD, XOP_LD_4, 0, 0) \
    X(LDR_STR_END, 3, XOP_LDR_S, XOP_STR_SR, UC_ENDOP, 0, 0) \
    X(LDF_LD2,    2, XOP_LDF_S, XOP_LD_2, 0, 0, 0) \
    X(NE_BZ,      2, XOP_NE_I, UC_BZ, 0, 0, 0) \
    X(LDR_ADD,    2, XOP_LDR_S, UC_ADD, 0, 0, 0) \
    X(STR_END,    2, XOP_STR_SR, UC_ENDOP, 0, 0, 0) \
    X(STF_END,    2, XOP_STF_SR, UC_ENDOP, 0, 0, 0) \
    X(ADD_ADDV,   2, UC_ADD, UC_ADDV, 0, 0, 0) \
    X(SUB_SUBV,   2, UC_SUB, UC_SUBV, 0, 0, 0) \
    X(LDR2,       2, XOP_LDR_S, XOP_LDR_S, 0, 0, 0) \
    X(LD4_STR,    2, XOP_LD_4, XOP_STR_SR, 0, 0, 0) \
    X(LDR_ST4,    2, XOP_LDR_S, XOP_ST_4, 0, 0, 0)

enum {
    XOP_OFFEND = UC_NOPS,    /* sentinel after the last micro-word */
#define X(n) XOP_##n##_I,
    XBIN_LIST(X)
#undef X
#define X(n) XOP_##n,
    XOP_LIST(X)
#undef X
#define X(n, len, o1, o2, o3, o4, o5) FOP_##n,
    FUSED_LIST(X)
#undef X
    XOP_COUNT
};
_Static_assert(XOP_COUNT <= 256, "engine op codes fit XWord.op/fop");
/* The largest storage a CPU allocates for one space (S/360: 16 MiB). */
#define UC_MAX_STORAGE_BYTES (UINT64_C(1) << 30)

typedef struct SpaceX SpaceX;
typedef struct XWord XWord;

struct XWord {               /* 64 bytes */
    uint8_t op, dst, a, b;
    uint8_t width, flags;
    uint16_t aux;
    uint32_t target;
    uint16_t nunits;         /* LD/ST: storage units per access */
    uint8_t fop;             /* the handler: op, or a fused sequence (FOP_) starting here */
    uint8_t xf;              /* XF_ flags (predecode's, beside the word's UC_F_ flags) */
    uint64_t imm;
    uint64_t mask;           /* mask(W) */
    const void *h;           /* computed-goto build: the handler (direct threading) */
    /* operands of the engine-private ops (XOP_LIST), fixed at load time: */
    uint32_t x;              /* state slot (LDF/STF/LDR/STR); key slot (LD/ST/PROBE) */
    uint32_t y;              /* shift (LDF/STF); element count (LDR/STR); align mask (LD/ST) */
    uint64_t z;              /* keep mask (STF); item mask (STR); key mask in the key slot (LD/ST/PROBE) */
    union {
        const SpaceX *sp;    /* LD/ST fast forms: the space (and imm = the last fast address) */
        const struct XWord *to;  /* JMP/BZ/BNZ/CALL: the word before the target */
    };
};

struct SpaceX {
    uint8_t *mem;
    uint64_t size;           /* units */
    uint64_t amask;          /* UC_WRAP_POW2: mask(addr_bits) */
    uint64_t fsize;          /* fast path bound: min(size, 2^addr_bits) */
    uint64_t umask;          /* mask(unit_bits) */
    uint8_t wrap_size;       /* UC_WRAP_SIZE */
    uint8_t ubits, ubytes;
    uint8_t bytes;           /* 8-bit units in bytes, POW2 wrap: the fast path */
    uint8_t *keys;           /* NULL: no key checks */
    uint8_t *code;           /* the code map (uc_dcache.h), or NULL */
    uint32_t key_block;
    uint8_t kmask;           /* key bits compared (fetch-protection bit removed) */
    uint8_t fpmask;          /* the fetch-protection bit, or 0 */
    int32_t key_slot;        /* state slot of the access key field, -1 none */
    uint8_t key_shift;
    uint64_t key_fmask;
    UcTrapRef faults[UC_NFAULTS];
};

typedef struct ItemX {
    uint32_t slot, count, nnumbers;
    const int32_t *map;
    uint64_t mask;
} ItemX;

typedef struct FieldX {
    uint32_t slot;
    uint8_t shift;
    uint64_t mask;
} FieldX;

typedef struct BindX {
    uint8_t shift, len, ureg, is_signed;
    uint64_t mask;
} BindX;

_Static_assert(UC_MAX_FIELDS <= 16, "DISPATCH binds at most 16 fields unrolled");

typedef struct FmtX {
    unsigned n;
    int plain;               /* no signed field, no micro-register bound twice */
    BindX f[UC_MAX_FIELDS];
} FmtX;

typedef struct CandX {       /* a UcCandidate with its format resolved */
    uint64_t mask, match;
    const FmtX *f;
    const XWord *to;         /* the word before its entry (a JUMP_TO target) */
    uint32_t entry;
    int32_t insn;
    int32_t next;
} CandX;

/* The answer of DISPATCH for one key, remembered: the candidate list of a
   key tests only the bits of the instruction value in umask (the union of
   its candidates' masks), so an instruction value with the same bits there
   gets the same candidate (NULL: invalid). Exact, whatever the programs. */
typedef struct KeyX {
    uint64_t umask, tag;
    const CandX *hit;
} KeyX;
#define UC_KEYMEMO_MAX_BITS 12   /* wider dispatch keys walk the list each time */

typedef struct CpuImpl {
    UcCpu pub;               /* first: a UcCpu * is a CpuImpl * */
    XWord *xw;               /* nwords + 1 (sentinel), and xw[-1] (the run loop's
                                "before the first word") */
    SpaceX *sp;
    ItemX *it;
    FieldX *fl;
    FmtX *fm;
    CandX *cx;               /* m->ncands */
    const int32_t *first;   /* the dispatch table, or a one-entry table of -1 */
    uint64_t keymask;        /* dispatch key mask (0 with no table) */
    KeyX *kx;                /* per key: the last answer (keymask + 1 entries), or NULL */
    int hmode;               /* computed goto: XWord.h holds 0 nothing yet, 1 the
                                handlers (no micro-op limit), 2 the checking stub */
} CpuImpl;

static CpuImpl *impl(const UcCpu *cpu)
{
    return (CpuImpl *)(uintptr_t)cpu;
}

static uint64_t mask_of(unsigned w)
{
    return w == 0 ? 0 : ~UINT64_C(0) >> (64 - w);
}

/* ---- errors ---- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t errsize, const char *fmt, ...)
{
    if (err && errsize) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errsize, fmt, ap);
        va_end(ap);
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static UcStop stop_with(UcCpu *cpu, UcStop s, const char *fmt, ...)
{
    va_list ap;
    cpu->stop = s;
    va_start(ap, fmt);
    vsnprintf(cpu->stop_text, sizeof cpu->stop_text, fmt, ap);
    va_end(ap);
    return s;
}

const char *uc_stop_name(UcStop s)
{
    static const char *const names[] = {
#define X(n, t) t,
        UC_STOP_LIST(X)
#undef X
    };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "unknown stop";
}

/* ---- storage units ---- */

static uint64_t unit_get(const SpaceX *s, uint64_t a)
{
    const uint8_t *p = s->mem + a * s->ubytes;
    uint64_t v = 0;
    for (unsigned i = 0; i < s->ubytes; i++)
        v = v << 8 | p[i];
    return v;
}

static void unit_put(const SpaceX *s, uint64_t a, uint64_t v)
{
    uint8_t *p = s->mem + a * s->ubytes;
    v &= s->umask;
    for (unsigned i = s->ubytes; i-- > 0; v >>= 8)
        p[i] = (uint8_t)v;
}

/* A store of units a .. a+n-1 (inside storage) is done: the decode cache
   hears of it when an armed record read one of them (uc_dcache.h). */
static inline void stored(UcCpu *cpu, const SpaceX *s, unsigned space, uint64_t a, uint64_t n)
{
    if (s->code && UC_RARE(uc_dc_code_hit(s->code, a, n)))
        uc_dc_written(cpu, space, a, n);
}

static uint64_t wrap_addr(const SpaceX *s, uint64_t a)
{
    return s->wrap_size ? a % s->size : a & s->amask;
}

/* Address of unit i of an access at a (already wrapped). */
static uint64_t wrap_next(const SpaceX *s, uint64_t a, uint64_t i)
{
    return s->wrap_size ? (a + i % s->size) % s->size : (a + i) & s->amask;
}

static uint64_t access_key(const CpuImpl *c, const SpaceX *s)
{
    if (s->key_slot < 0)
        return 0;
    return (c->pub.state[s->key_slot] >> s->key_shift) & s->key_fmask;
}

static int mapped(const SpaceX *s, int kind)
{
    return s->faults[kind].interrupt != UC_NONE;
}

/* Check units a .. a+n-1 (a wrapped) for addressing and protection. Returns
   the fault kind, or -1 when the access may go on; *faddr = failing unit. */
static int check_range(const CpuImpl *c, const SpaceX *s, uint64_t a, uint64_t n,
                       int store, unsigned flags, uint64_t *faddr)
{
    if (n == 0)
        return -1;
    if (s->wrap_size) {
        if (n > s->size)
            n = s->size;
    } else if (s->amask != UINT64_MAX && n > s->amask) {
        n = s->amask + 1;
    }
    if (!s->wrap_size && mapped(s, UC_FAULT_ADDRESSING)) {
        if (a >= s->size) {
            *faddr = a;
            return UC_FAULT_ADDRESSING;
        }
        /* a < size: the range leaves storage if it reaches unit `size`
           before wrapping, or wraps at all when size < 2^addr_bits. */
        if (n - 1 > s->size - 1 - a && s->size - 1 < s->amask) {
            *faddr = s->size;
            return UC_FAULT_ADDRESSING;
        }
    }
    if (!s->keys || (flags & UC_F_NOKEY))
        return -1;
    uint64_t ak = access_key(c, s);
    if (ak == 0)
        return -1;
    int kind;
    if (store) {
        if (!mapped(s, UC_FAULT_PROTECTION))
            return -1;
        kind = UC_FAULT_PROTECTION;
    } else {
        if (!s->fpmask || !mapped(s, UC_FAULT_FETCHPROT))
            return -1;
        kind = UC_FAULT_FETCHPROT;
    }
    ak &= s->kmask;
    uint64_t pos = a, left = n;
    while (left) {
        if (pos >= s->size) {            /* outside storage, not checked: skip to 0 */
            uint64_t skip = s->amask - pos + 1;
            if (skip == 0 || skip >= left)
                break;
            left -= skip;
            pos = 0;
            continue;
        }
        uint64_t step = s->key_block - pos % s->key_block;
        if (step > left)
            step = left;
        if (step > s->size - pos)
            step = s->size - pos;
        uint8_t k = s->keys[pos / s->key_block];
        if (!uc_key_allows(k, (unsigned)ak, s->kmask, s->fpmask, store)) {
            *faddr = pos;
            return kind;
        }
        left -= step;
        pos += step;
        if (pos == s->size && s->wrap_size)
            pos = 0;
        else if (!s->wrap_size)
            pos &= s->amask;
    }
    return -1;
}

/* LD/ST off the fast path: any unit size, wrap, alignment, keys. Returns a
   fault kind or -1; stores nothing unless every check passed. */
static int slow_access(CpuImpl *c, const XWord *w, uint64_t *val, int store, uint64_t *faddr)
{
    const SpaceX *s = &c->sp[w->aux];
    UcCpu *cpu = &c->pub;
    uint64_t a = wrap_addr(s, cpu->u[w->a]);
    uint64_t n = w->nunits;
    unsigned first = 0, whole = w->nunits;   /* a part store: units first .. whole-1 */
    if (store && (w->flags & UC_F_PART)) {
        n = uc_store_part(whole, cpu->u[w->dst], &first);
        if (n == 0)
            return -1;
        a = wrap_next(s, a, first);
    }
    if ((w->flags & UC_F_ALIGN) && mapped(s, UC_FAULT_ALIGNMENT) && a % n) {
        *faddr = a;
        return UC_FAULT_ALIGNMENT;
    }
    int kstore = store || (w->flags & UC_F_ACC_MASK) == UC_F_STORE;
    int fk = check_range(c, s, a, n, kstore, w->flags, faddr);
    if (fk >= 0)
        return fk;
    int big = cpu->m->endian == UC_BIG;
    unsigned ub = uc_lane_bits(&cpu->m->spaces[w->aux], w->flags);
    if (!store) {
        uint64_t v = 0;
        for (uint64_t i = 0; i < n; i++) {
            uint64_t ai = wrap_next(s, a, i);
            uint64_t unit = ai < s->size ? unit_get(s, ai) & s->umask : 0;
            if (big)
                v = ub >= 64 ? unit : v << ub | unit;
            else if (i * ub < 64)
                v |= unit << (i * ub);
        }
        *val = v & w->mask;
        return -1;
    }
    uint64_t v = *val & w->mask;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t ai = wrap_next(s, a, i);
        uint64_t sh = (big ? whole - 1 - (first + i) : first + i) * ub;
        if (ai < s->size) {
            unit_put(s, ai, sh < 64 ? v >> sh : 0);
            stored(cpu, s, w->aux, ai, 1);
        }
    }
    if (cpu->store_hook)
        cpu->store_hook(cpu, cpu->store_ctx, w->aux, a, n);
    return -1;
}

static int probe(CpuImpl *c, const XWord *w, uint64_t count, uint64_t *faddr)
{
    const SpaceX *s = &c->sp[w->aux];
    uint64_t a = wrap_addr(s, c->pub.u[w->a]);
    return check_range(c, s, a, count, (w->flags & UC_F_ACC_MASK) == UC_F_STORE, w->flags, faddr);
}

static inline uint64_t load_bytes(const uint8_t *p, unsigned n, int big)
{
    uint64_t v = 0;
    if (big) {
        switch (n) {
        case 1: return p[0];
        case 2: return (uint64_t)p[0] << 8 | p[1];
        case 4: return (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | (uint64_t)p[2] << 8 | p[3];
        default:
            for (unsigned i = 0; i < n; i++)
                v = v << 8 | p[i];
            return v;
        }
    }
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

static inline void store_bytes(uint8_t *p, unsigned n, int big, uint64_t v)
{
    if (big) {
        for (unsigned i = n; i-- > 0; v >>= 8)
            p[i] = (uint8_t)v;
    } else {
        for (unsigned i = 0; i < n; i++, v >>= 8)
            p[i] = (uint8_t)v;
    }
}

static inline int32_t element(const ItemX *it, uint64_t n)
{
    if (it->map)
        return n < it->nnumbers ? it->map[n] : -1;
    return n < it->count ? (int32_t)n : -1;
}

/* The candidate DISPATCH takes for key and instruction value iv, or NULL. */
static const CandX *find_cand(const CpuImpl *c, uint64_t key, uint64_t iv)
{
    for (int32_t ci = c->first[key]; ci >= 0; ci = c->cx[ci].next)
        if ((iv & c->cx[ci].mask) == c->cx[ci].match)
            return &c->cx[ci];
    return NULL;
}

/* ---- the run loop ---- */

#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)
#define UC_USE_GOTO 1
#define vmdispatch(o)   goto *vm_labels[o];
#define vmcase(name)    L_##name:
#define vmcasex(name)   L_X_##name:
/* No budget test per word. Code without a taken transfer runs at most
   nwords + 1 words (then the sentinel), so while the budget is at least
   ulow = nwords + 2, testing it at each taken transfer (JUMP) is exact;
   below that every word's handler becomes the L_CHECK stub, which tests
   the budget and goes on to the real handler. */
#define vmbreak         do { w++; ub--; goto *w->h; } while (0)
#define vmfused(name)   L_F_##name:
#define VM_OP           (w->op)     /* L_CHECK runs words one by one */
#define STEP()          (w++, ub--) /* to the next word of a fused sequence */
#define GOTO_OP(lbl)    goto lbl
#define JUMP(to)        JUMP_TO((to) - 1)
#define JUMP_TO(before) do { w = (before); if (ub < ulow) goto checked; } while (0)
#define DC_ROOM         ulow        /* the decode cache leaves the budget above it */
#define vmdefault       L_OFFEND:
#else
#define UC_USE_GOTO 0
#define vmdispatch(o)   switch (o)
#define vmcase(name)    case UC_##name: L_##name:
#define vmcasex(name)   case XOP_##name: L_X_##name:
#define vmfused(name)   case FOP_##name:
#define VM_OP           (w->fop)
#define STEP()          NEXT_WORD()
#define GOTO_OP(lbl)    goto lbl
#define vmbreak         continue
#define JUMP(to)        (w = (to) - 1)
#define JUMP_TO(before) (w = (before))
#define DC_ROOM         0
#define vmdefault       default:
/* The switch build names every handler (fused sequences go to them by
   goto); most names are not otherwise used. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wunused-label"
#endif
#endif

/* Switch build: take the next micro-word, counting it against the budget. */
#define NEXT_WORD() do { if (ub-- == 0) goto uop_limit; w++; } while (0)
#define UPC ((uint32_t)(w + 1 - words))
/* At the fetch entry (w before it): the fetch done by the decode cache's
   record, when the budget above `room` covers any fetch; w then stands
   before the instruction's routine. */
#define DC_TAKE(room) do { \
        if (dc && ub > (room) + UC_DC_MAXUOPS) { \
            const UcDcRec *r_ = uc_dc_next(cpu); \
            if (r_) { \
                uc_dc_apply(cpu, dc, r_); \
                ub -= r_->nuops; \
                w = words + r_->entry - 1; \
            } \
        } \
    } while (0)
#define B   ((w->flags & UC_F_IMM) ? w->imm : u[w->b])
#define M   (w->mask)
#define SX(v) ((int64_t)((uint64_t)(v) << (64 - w->width)) >> (64 - w->width))
/* The counters the host and the helpers read. */
#define SYNC_COUNTS() do { cpu->icount = icount0 + (ib0 - ib); \
                           cpu->ucount = ucount0 + (ub0 - ub); \
                           cpu->ustart = ucount0 + (ub0 - us); } while (0)
/* Leave the loop with everything written back. */
#define LEAVE(s) do { stop = (s); goto leave; } while (0)

/* The two-operand ALU ops (XBIN_LIST): the body sees the second operand
   as y; the handlers and the fused sequences (FUSED_LIST) share them. */
#define OP_ADD(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] + y) & M; } while (0)
#define OP_SUB(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] - y) & M; } while (0)
#define OP_MUL(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] * y) & M; } while (0)
#define OP_AND(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] & y) & M; } while (0)
#define OP_OR(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] | y) & M; } while (0)
#define OP_XOR(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] ^ y) & M; } while (0)
#define OP_SHL(Y) do { const uint64_t y = (Y); u[w->dst] = y >= w->width ? 0 : (u[w->a] << y) & M; } while (0)
#define OP_SHR(Y) do { const uint64_t y = (Y); u[w->dst] = y >= w->width ? 0 : (u[w->a] & M) >> y; } while (0)
#define OP_SAR(Y) do { const uint64_t y = (Y); int64_t x = SX(u[w->a]); u[w->dst] = (y >= w->width ? (x < 0 ? ~(uint64_t)0 : 0) : (uint64_t)(x >> y)) & M; } while (0)
#define OP_EQ(Y) do { const uint64_t y = (Y); u[w->dst] = ((u[w->a] ^ y) & M) == 0; } while (0)
#define OP_NE(Y) do { const uint64_t y = (Y); u[w->dst] = ((u[w->a] ^ y) & M) != 0; } while (0)
#define OP_LTU(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] & M) < (y & M); } while (0)
#define OP_LEU(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] & M) <= (y & M); } while (0)
#define OP_LTS(Y) do { const uint64_t y = (Y); u[w->dst] = SX(u[w->a]) < SX(y); } while (0)
#define OP_LES(Y) do { const uint64_t y = (Y); u[w->dst] = SX(u[w->a]) <= SX(y); } while (0)
#define OP_ADDV(Y) do { const uint64_t y = (Y); uint64_t x = u[w->a], s = x + y, sb = M ^ (M >> 1); u[w->dst] = ((x ^ s) & (y ^ s) & sb) != 0; } while (0)
#define OP_SUBV(Y) do { const uint64_t y = (Y); uint64_t x = u[w->a], s = x - y, sb = M ^ (M >> 1); u[w->dst] = ((x ^ y) & (x ^ s) & sb) != 0; } while (0)
#define OP_ADDC(Y) do { const uint64_t y = (Y); uint64_t x = u[w->a] & M, s = x + (y & M); u[w->dst] = w->width == 64 ? s < x : (s >> w->width) & 1; } while (0)
#define OP_SUBC(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->a] & M) >= (y & M); } while (0)
#define OP_SEL(Y) do { const uint64_t y = (Y); u[w->dst] = (u[w->dst] ? u[w->a] : y) & M; } while (0)
#define OP_CMPU(Y) do { const uint64_t y = (Y); uint64_t x = u[w->a] & M, ym = y & M; u[w->dst] = x == ym ? 0 : x < ym ? 1 : 2; } while (0)
#define OP_CMPS(Y) do { const uint64_t y = (Y); int64_t x = SX(u[w->a]), ys = SX(y); u[w->dst] = x == ys ? 0 : x < ys ? 1 : 2; } while (0)
/* The other straight-line ops the fused sequences use. */
#define OP_MOV()    (u[w->dst] = u[w->a] & M)
#define OP_EXT()    (u[w->dst] = (u[w->a] >> w->imm) & M)
#define OP_LDF_S()  (u[w->dst] = (state[w->x] >> w->y) & M)
#define OP_STF_SI() (state[w->x] = (state[w->x] & w->z) | w->imm)
#define OP_STF_SR() (state[w->x] = (state[w->x] & w->z) | ((u[w->a] & M) << w->y))
#define OP_LDR_S()  do { uint64_t n_ = u[w->a]; u[w->dst] = n_ < w->y ? state[w->x + n_] : 0; } while (0)
#define OP_STR_SR() do { uint64_t n_ = u[w->a]; if (n_ < w->y) state[w->x + n_] = u[w->b] & w->z; } while (0)

static UcStop run_core(CpuImpl *c, uint64_t ib, uint64_t ub)
{
    UcCpu *cpu = &c->pub;
    const UcMachine *m = cpu->m;
    XWord *const words = c->xw;
    /* w: the word being run; the next one is w + 1 (words[-1] exists) */
    uint64_t *const u = cpu->u;
    uint64_t *const state = cpu->state;
    const uint32_t upc0 = cpu->upc;
    const XWord *w = words + (upc0 <= m->nwords ? upc0 : 0) - 1;
    const XWord *const fetch_before = words + m->fetch_entry - 1;
    UcDcache *const dc = cpu->dc;
    const uint64_t ub0 = ub, ucount0 = cpu->ucount, ib0 = ib;
    uint64_t icount0 = cpu->icount;  /* cpu->icount = icount0 + (ib0 - ib), written
                                        back before helpers, store hooks and the end */
    uint64_t us = ub0 + ucount0 - cpu->ustart;   /* ub when the instruction began
                                                    (modulo 2^64, as SYNC_COUNTS reads it) */
    const int big = m->endian == UC_BIG;
    UcStop stop = UC_STOP_NONE;
    int fk;
    uint64_t faddr = 0;
    const SpaceX *fsp = NULL;
#if UC_USE_GOTO
    static const void *const vm_labels[] = {
#define UC_OP(name, shape, text) &&L_##name,
#include "uc_ops.h"
#undef UC_OP
        &&L_OFFEND,
#define X(n) &&L_X_##n##_I,
        XBIN_LIST(X)
#undef X
#define X(n) &&L_X_##n,
        XOP_LIST(X)
#undef X
#define X(n, len, o1, o2, o3, o4, o5) &&L_F_##n,
        FUSED_LIST(X)
#undef X
    };
#endif

    if (upc0 > m->nwords)
        return stop_with(cpu, UC_STOP_ERROR, "micro-PC 0x%" PRIx32 " outside the control store", upc0);
    cpu->stop = UC_STOP_NONE;
    cpu->stop_text[0] = '\0';
    /* a run that starts at the fetch takes the decode cache's record too
       (as ENDOP does: AT_BOUNDARY), when the budget covers it */
    if (upc0 == m->fetch_entry && cpu->usp == 0)
        DC_TAKE(UC_USE_GOTO ? (uint64_t)m->nwords + 2 : 0);

#if UC_USE_GOTO
    /* Each word learns its handler (direct threading) while the budget is
       large; when it is small (uc_ustep), or runs low, every word goes
       through L_CHECK instead. The handlers stay as they are until a run
       wants the other mode. */
    const uint64_t lowmark = (uint64_t)m->nwords + 2;
    uint64_t ulow = lowmark;
    if (ub0 >= lowmark) {
        if (c->hmode != 1) {
            for (uint32_t i = 0; i <= m->nwords; i++)
                words[i].h = vm_labels[words[i].fop];
            c->hmode = 1;
        }
        vmbreak;
    }
checked:                     /* from here on every word tests the budget */
    ulow = 0;
    if (c->hmode != 2) {
        for (uint32_t i = 0; i <= m->nwords; i++)
            words[i].h = &&L_CHECK;
        c->hmode = 2;
    }
    vmbreak;
L_CHECK:                     /* vmbreak took the word and counted it */
    if (ub == UINT64_MAX) {  /* the budget was 0: give the word back */
        w--;
        goto uop_limit;
    }
#else
    for (;;) {
        NEXT_WORD();
#endif
        vmdispatch(VM_OP) {
        vmcase(NOP) vmbreak;
        vmcase(MOVI) { u[w->dst] = w->imm & M; vmbreak; }
        vmcase(MOV) { OP_MOV(); vmbreak; }
        /* XBIN_LIST ops: one handler with B = u[b], one (op_I) with B = imm;
           the body (OP_name) sees B as y. */
#define BINOP(name) \
        vmcase(name) { OP_##name(u[w->b]); vmbreak; } \
        vmcasex(name##_I) { OP_##name(w->imm); vmbreak; }
        BINOP(ADD)
        BINOP(SUB)
        BINOP(MUL)
        /* The divisions, rare: their meaning from uc_sem.h, shared with tier 1. */
        vmcase(DIVU) { u[w->dst] = uc_sem_divu(u[w->a], B, w->width); vmbreak; }
        vmcase(REMU) { u[w->dst] = uc_sem_remu(u[w->a], B, w->width); vmbreak; }
        vmcase(DIVS) { u[w->dst] = uc_sem_divs(u[w->a], B, w->width); vmbreak; }
        vmcase(REMS) { u[w->dst] = uc_sem_rems(u[w->a], B, w->width); vmbreak; }
        BINOP(AND)
        BINOP(OR)
        BINOP(XOR)
        vmcase(NOT) { u[w->dst] = ~u[w->a] & M; vmbreak; }
        vmcase(NEG) { u[w->dst] = ((uint64_t)0 - u[w->a]) & M; vmbreak; }
        BINOP(SHL)
        BINOP(SHR)
        BINOP(SAR)
        vmcase(SEXT) { u[w->dst] = (uint64_t)SX(u[w->a]); vmbreak; }
        vmcase(EXT) { OP_EXT(); vmbreak; }
        vmcase(INS) {
            uint64_t fm = M << w->imm;
            u[w->dst] = (u[w->dst] & ~fm) | ((u[w->a] << w->imm) & fm);
            vmbreak;
        }
        BINOP(EQ)
        BINOP(NE)
        BINOP(LTU)
        BINOP(LEU)
        BINOP(LTS)
        BINOP(LES)
        BINOP(ADDV)
        BINOP(SUBV)
        BINOP(ADDC)
        BINOP(SUBC)
        BINOP(SEL)
        BINOP(CMPU)
        BINOP(CMPS)
#undef BINOP
        vmcase(XLAT) {
            const UcTable *t = &m->tables[w->aux];
            uint64_t i = u[w->a];
            u[w->dst] = i < t->count ? t->values[i] : 0;
            vmbreak;
        }
        vmcase(LDR) {
            const ItemX *it = &c->it[w->aux];
            int32_t e = element(it, u[w->a]);
            u[w->dst] = e >= 0 ? state[it->slot + (uint32_t)e] : 0;
            vmbreak;
        }
        vmcase(STR) {
            const ItemX *it = &c->it[w->aux];
            int32_t e = element(it, u[w->a]);
            if (e >= 0)
                state[it->slot + (uint32_t)e] = B & it->mask;
            vmbreak;
        }
        vmcase(LDF) {
            const FieldX *f = &c->fl[w->aux];
            u[w->dst] = (state[f->slot] >> f->shift) & f->mask;
            vmbreak;
        }
        vmcase(STF) {
            const FieldX *f = &c->fl[w->aux];
            uint64_t v = (w->flags & UC_F_IMM) ? w->imm : u[w->a];
            state[f->slot] = (state[f->slot] & ~(f->mask << f->shift))
                             | ((v & f->mask) << f->shift);
            vmbreak;
        }
        vmcasex(LDF_S) { OP_LDF_S(); vmbreak; }
        vmcasex(STF_SI) { OP_STF_SI(); vmbreak; }
        vmcasex(STF_SR) { OP_STF_SR(); vmbreak; }
        vmcasex(LDR_S) { OP_LDR_S(); vmbreak; }
        vmcasex(STR_SR) { OP_STR_SR(); vmbreak; }
        vmcasex(STR_SI) {
            uint64_t n = u[w->a];
            if (n < w->y)
                state[w->x + n] = w->imm;
            vmbreak;
        }
        /* LD/ST of byte storage: inside storage, aligned when asked, and the
           access key 0 (w->z == 0 when no key applies); else the general path. */
#define FAST_ACCESS(n) \
            const SpaceX *s = w->sp; \
            uint64_t a = u[w->a] & s->amask; \
            if (a <= w->imm && (a & w->y) == 0 && (state[w->x] & w->z) == 0)
#define XLD(name, n, get) \
        vmcasex(name) { \
            FAST_ACCESS(n) { \
                const uint8_t *p = s->mem + a; \
                u[w->dst] = (get) & M; \
                vmbreak; \
            } \
            goto ld_slow; \
        }
#define XST(name, n, put) \
        vmcasex(name) { \
            FAST_ACCESS(n) { \
                uint8_t *p = s->mem + a; \
                uint64_t v = u[w->b] & M; \
                put; \
                stored(cpu, s, w->aux, a, (n)); \
                if (cpu->store_hook) { \
                    cpu->upc = UPC; \
                    SYNC_COUNTS(); \
                    cpu->store_hook(cpu, cpu->store_ctx, w->aux, a, (n)); \
                } \
                vmbreak; \
            } \
            goto st_slow; \
        }
        XLD(LD_1, 1, p[0])
        XLD(LD_2, 2, (uint64_t)p[0] << 8 | p[1])
        XLD(LD_4, 4, (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | (uint64_t)p[2] << 8 | p[3])
        XLD(LD_N, w->nunits, load_bytes(p, w->nunits, big))
        XST(ST_1, 1, p[0] = (uint8_t)v)
        XST(ST_2, 2, (p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v))
        XST(ST_4, 4, (p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8),
                      p[3] = (uint8_t)v))
        XST(ST_N, w->nunits, store_bytes(p, w->nunits, big, v))
        /* The fused sequences (FUSED_LIST): each word's own operation, in
           order; STEP() moves to (and counts) the next word. */
#define LD4_STEP() do { \
            FAST_ACCESS(4) { \
                const uint8_t *p = s->mem + a; \
                u[w->dst] = ((uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | (uint64_t)p[2] << 8 | p[3]) & M; \
            } else { \
                goto ld_slow; \
            } \
        } while (0)
        vmfused(CCMASK_BZ) {
            uint64_t v = (state[w->x] >> w->y) & M;
            u[w->dst] = v;
            STEP();
            v = (v ^ w->imm) & M;
            u[w->dst] = v;
            STEP();
            v = v >= w->width ? 0 : (u[w->a] & M) >> v;
            u[w->dst] = v;
            STEP();
            v = v & w->imm & M;
            u[w->dst] = v;
            STEP();
            if (!v)
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(LDR_ADD_STF_END) {
            OP_LDR_S(); STEP();
            OP_ADD(u[w->b]); STEP();
            OP_STF_SR(); STEP();
            GOTO_OP(L_ENDOP);
        }
        vmfused(CMPS_STF_END) { OP_CMPS(u[w->b]); STEP(); OP_STF_SR(); STEP(); GOTO_OP(L_ENDOP); }
        vmfused(CMPU_STF_END) { OP_CMPU(u[w->b]); STEP(); OP_STF_SR(); STEP(); GOTO_OP(L_ENDOP); }
        vmfused(CMPSI_STF_END) { OP_CMPS(w->imm); STEP(); OP_STF_SR(); STEP(); GOTO_OP(L_ENDOP); }
        vmfused(CMPUI_STF_END) { OP_CMPU(w->imm); STEP(); OP_STF_SR(); STEP(); GOTO_OP(L_ENDOP); }
        vmfused(ADD2_SUB_BNZ) {
            OP_ADD(w->imm); STEP();
            OP_ADD(w->imm); STEP();
            OP_SUB(w->imm); STEP();
            if (u[w->a])
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(FLD2_EXT2_BNZ) {
            uint64_t v = (state[w->x] >> w->y) & M;
            u[w->dst] = v;
            STEP();
            {
                const SpaceX *s = w->sp;
                uint64_t a = v & s->amask;
                if (a > w->imm || (a & w->y) || (state[w->x] & w->z))
                    goto ld_slow;
                v = ((uint64_t)s->mem[a] << 8 | s->mem[a + 1]) & M;
                u[w->dst] = v;
            }
            STEP();
            v = (v >> w->imm) & M;
            u[w->dst] = v;
            STEP();
            v = (v >> w->imm) & M;
            u[w->dst] = v;
            STEP();
            if (v)
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(STF2_DISP) {
            uint64_t st = (state[w->x] & w->z) | w->imm;
            state[w->x] = st;        /* each word's effect is in place when the next one starts */
            STEP();
            uint64_t t = (u[w->a] + w->imm) & M;
            u[w->dst] = t;
            STEP();
            state[w->x] = (st & w->z) | ((t & M) << w->y);
            STEP();
            GOTO_OP(L_DISPATCH);
        }
        vmfused(CC4) {
            OP_CMPS(w->imm);
            const uint64_t cc = u[w->dst];
            STEP();
            OP_EQ(w->imm);
            const uint64_t cond = u[w->dst];
            STEP();
            const uint64_t sel = (cond ? cc : w->imm) & M;
            u[w->dst] = sel;
            STEP();
            state[w->x] = (state[w->x] & w->z) | ((sel & M) << w->y);
            vmbreak;
        }
        vmfused(EXT2_BNZ) {
            OP_EXT(); STEP();
            OP_EXT(); STEP();
            if (u[w->a])
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(EXT2_BZ) {
            OP_EXT(); STEP();
            OP_EXT(); STEP();
            if (!u[w->a])
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(LD4_NE_BZ) {
            LD4_STEP(); STEP();
            uint64_t ne = ((u[w->a] ^ w->imm) & M) != 0;
            u[w->dst] = ne;
            STEP();
            if (!ne)
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(LDR_ADD_LD4) {
            OP_LDR_S(); STEP();
            OP_ADD(u[w->b]); STEP();
            GOTO_OP(L_X_LD_4);
        }
        vmfused(LDR_STR_END) {
            OP_LDR_S(); STEP();
            OP_STR_SR(); STEP();
            GOTO_OP(L_ENDOP);
        }
        vmfused(LDF_LD2) { OP_LDF_S(); STEP(); GOTO_OP(L_X_LD_2); }
        vmfused(NE_BZ) {
            uint64_t ne = ((u[w->a] ^ w->imm) & M) != 0;
            u[w->dst] = ne;
            STEP();
            if (!ne)
                JUMP_TO(w->to);
            vmbreak;
        }
        vmfused(LDR_ADD) { OP_LDR_S(); STEP(); OP_ADD(u[w->b]); vmbreak; }
        vmfused(STR_END) { OP_STR_SR(); STEP(); GOTO_OP(L_ENDOP); }
        vmfused(STF_END) { OP_STF_SR(); STEP(); GOTO_OP(L_ENDOP); }
        vmfused(ADD_ADDV) { OP_ADD(u[w->b]); STEP(); OP_ADDV(u[w->b]); vmbreak; }
        vmfused(SUB_SUBV) { OP_SUB(u[w->b]); STEP(); OP_SUBV(u[w->b]); vmbreak; }
        vmfused(LDR2) { OP_LDR_S(); STEP(); OP_LDR_S(); vmbreak; }
        vmfused(LD4_STR) { LD4_STEP(); STEP(); OP_STR_SR(); vmbreak; }
        vmfused(LDR_ST4) { OP_LDR_S(); STEP(); GOTO_OP(L_X_ST_4); }
#undef LD4_STEP
#undef XLD
#undef XST
#undef FAST_ACCESS
        vmcasex(PROBE_S) {
            const SpaceX *s = &c->sp[w->aux];
            uint64_t n = B, a = u[w->a] & s->amask;
            if (n <= s->fsize && a <= s->fsize - n && (state[w->x] & w->z) == 0)
                vmbreak;
            goto probe_slow;
        }
        vmcase(LD) {
            const SpaceX *s = &c->sp[w->aux];
            uint64_t a = u[w->a] & s->amask;
            unsigned n = w->nunits;
            if (!(w->xf & XF_SLOW) && n <= s->fsize && a <= s->fsize - n
                && (!(w->flags & UC_F_ALIGN) || (a & (n - 1)) == 0)
                && (!s->keys || (w->flags & UC_F_NOKEY) || access_key(c, s) == 0)) {
                u[w->dst] = load_bytes(s->mem + a, n, big) & M;
                vmbreak;
            }
        }
        ld_slow: {
            uint64_t v = 0;
            cpu->upc = UPC;
            SYNC_COUNTS();
            fk = slow_access(c, w, &v, 0, &faddr);
            if (fk >= 0) {
                if (w->flags & UC_F_ONFAULT) {
                    JUMP(words + w->target);
                    vmbreak;
                }
                fsp = &c->sp[w->aux];
                goto fault;
            }
            u[w->dst] = v;
            vmbreak;
        }
        vmcase(ST) {
            const SpaceX *s = &c->sp[w->aux];
            uint64_t a = u[w->a] & s->amask;
            unsigned n = w->nunits;
            if (!(w->xf & XF_SLOW) && n <= s->fsize && a <= s->fsize - n
                && (!(w->flags & UC_F_ALIGN) || (a & (n - 1)) == 0)
                && (!s->keys || (w->flags & UC_F_NOKEY) || access_key(c, s) == 0)) {
                store_bytes(s->mem + a, n, big, B & M);
                stored(cpu, s, w->aux, a, n);
                if (cpu->store_hook) {
                    cpu->upc = UPC;
                    SYNC_COUNTS();
                    cpu->store_hook(cpu, cpu->store_ctx, w->aux, a, n);
                }
                vmbreak;
            }
        }
        st_slow: {
            uint64_t v = B;
            cpu->upc = UPC;
            SYNC_COUNTS();
            fk = slow_access(c, w, &v, 1, &faddr);
            if (fk >= 0) {
                if (w->flags & UC_F_ONFAULT) {
                    JUMP(words + w->target);
                    vmbreak;
                }
                fsp = &c->sp[w->aux];
                goto fault;
            }
            vmbreak;
        }
        vmcase(PROBE)
        probe_slow: {
            fk = probe(c, w, B, &faddr);
            if (fk >= 0) {
                if (w->flags & UC_F_ONFAULT) {
                    JUMP(words + w->target);
                    vmbreak;
                }
                fsp = &c->sp[w->aux];
                goto fault;
            }
            vmbreak;
        }
        vmcase(MOVE) {
            const SpaceX *s = &c->sp[w->aux];
            uint64_t n = B, src = u[w->a], dst = u[w->dst];
            int nokey = !s->keys || (w->flags & UC_F_NOKEY) || access_key(c, s) == 0;
            if (s->bytes && nokey && n <= s->fsize && (src & s->amask) <= s->fsize - n
                && (dst & s->amask) <= s->fsize - n) {
                uint8_t *mem = s->mem;
                src &= s->amask;
                dst &= s->amask;
                if (!cpu->store_hook && (dst <= src || dst >= src + n)) {
                    memmove(mem + dst, mem + src, n);  /* the same as unit by unit here */
                    stored(cpu, s, w->aux, dst, n);
                    vmbreak;
                }
                for (uint64_t i = 0; i < n; i++) {     /* one unit at a time: overlap as specified */
                    mem[dst + i] = mem[src + i];
                    stored(cpu, s, w->aux, dst + i, 1);
                    if (cpu->store_hook) {
                        cpu->upc = UPC;
                        SYNC_COUNTS();
                        cpu->store_hook(cpu, cpu->store_ctx, w->aux, dst + i, 1);
                    }
                }
                vmbreak;
            }
            cpu->upc = UPC;
            SYNC_COUNTS();
            fk = -1;
            for (uint64_t i = 0; i < n; i++) {
                uint64_t sa = wrap_addr(s, src + i), da = wrap_addr(s, dst + i);
                fk = check_range(c, s, sa, 1, 0, w->flags, &faddr);
                if (fk >= 0)
                    break;
                uint64_t v = sa < s->size ? unit_get(s, sa) & s->umask : 0;
                fk = check_range(c, s, da, 1, 1, w->flags, &faddr);
                if (fk >= 0)
                    break;
                if (da < s->size) {
                    unit_put(s, da, v);
                    stored(cpu, s, w->aux, da, 1);
                    if (cpu->store_hook)
                        cpu->store_hook(cpu, cpu->store_ctx, w->aux, da, 1);
                }
            }
            if (fk >= 0) {
                fsp = s;
                goto fault;
            }
            vmbreak;
        }
        vmcase(LDK) {
            const SpaceX *s = &c->sp[w->aux];
            uint64_t a = wrap_addr(s, u[w->a]);
            u[w->dst] = s->keys && a < s->size ? s->keys[a / s->key_block] : 0;
            vmbreak;
        }
        vmcase(STK) {
            const SpaceX *s = &c->sp[w->aux];
            uint64_t a = wrap_addr(s, u[w->a]);
            if (s->keys && a < s->size)
                s->keys[a / s->key_block] = (uint8_t)(B & (s->kmask | s->fpmask));
            vmbreak;
        }
        vmcase(JMP) { JUMP_TO(w->to); vmbreak; }
        vmcase(BZ) { if (!u[w->a]) JUMP_TO(w->to); vmbreak; }
        vmcase(BNZ) { if (u[w->a]) JUMP_TO(w->to); vmbreak; }
        vmcase(CALL) {
            if (cpu->usp >= UC_USTACK) {
                w--;
                stop_with(cpu, UC_STOP_ERROR, "micro-stack overflow at 0x%" PRIx32, UPC);
                LEAVE(UC_STOP_ERROR);
            }
            cpu->ustack[cpu->usp++] = UPC;
            JUMP_TO(w->to);
            vmbreak;
        }
        vmcase(RET) {
            if (cpu->usp == 0) {
                w--;
                stop_with(cpu, UC_STOP_ERROR, "RET with an empty micro-stack at 0x%" PRIx32, UPC);
                LEAVE(UC_STOP_ERROR);
            }
            JUMP(words + cpu->ustack[--cpu->usp]);
            vmbreak;
        }
        vmcase(EXEC) {
            cpu->in_exec = 1;
            goto dispatch;
        }
        vmcase(DISPATCH) {
            cpu->in_exec = 0;
        }
        dispatch: {
            uint64_t iv = u[w->b];
            uint64_t key = u[w->a] & c->keymask;
            const CandX *cd;
            if (c->kx && (iv & c->kx[key].umask) == c->kx[key].tag) {
                cd = c->kx[key].hit;
            } else {
                cd = find_cand(c, key, iv);
                if (c->kx) {
                    c->kx[key].tag = iv & c->kx[key].umask;
                    c->kx[key].hit = cd;
                }
            }
            if (!cd) {           /* vmbreak is `continue`: not inside a loop here */
                cpu->insn = -1;
                JUMP(words + m->dispatch.invalid_entry);
                vmbreak;
            }
            const FmtX *f = cd->f;
            const BindX *bx = f->f, *end = bx + f->n;
            if (f->plain) {      /* unrolled, last field first: no register is bound twice */
#define BIND(i) u[bx[i].ureg] = (iv >> bx[i].shift) & bx[i].mask
                switch (f->n) {
                case 16: BIND(15); /* fall through */
                case 15: BIND(14); /* fall through */
                case 14: BIND(13); /* fall through */
                case 13: BIND(12); /* fall through */
                case 12: BIND(11); /* fall through */
                case 11: BIND(10); /* fall through */
                case 10: BIND(9); /* fall through */
                case 9: BIND(8); /* fall through */
                case 8: BIND(7); /* fall through */
                case 7: BIND(6); /* fall through */
                case 6: BIND(5); /* fall through */
                case 5: BIND(4); /* fall through */
                case 4: BIND(3); /* fall through */
                case 3: BIND(2); /* fall through */
                case 2: BIND(1); /* fall through */
                case 1: BIND(0); /* fall through */
                default: break;
                }
#undef BIND
            } else {
                for (; bx < end; bx++) {
                    uint64_t v = (iv >> bx->shift) & bx->mask;
                    if (bx->is_signed)
                        v = (uint64_t)((int64_t)(v << (64 - bx->len)) >> (64 - bx->len));
                    u[bx->ureg] = v;
                }
            }
            cpu->insn = cd->insn;
            JUMP_TO(cd->to);
            vmbreak;
        }
        /* The boundary: attention stops here; an interruption request
           (irq) sends the machine to its boundary routine instead of the
           fetch, and the boundary routine's own end is not an instruction. */
#define AT_BOUNDARY() do { \
            if (cpu->attention | cpu->irq) { \
                if (cpu->attention) { \
                    cpu->attention = 0; \
                    LEAVE(UC_STOP_ATTENTION); \
                } \
                if (m->boundary_entry != (uint32_t)UC_NONE) { \
                    cpu->irq = 0; \
                    w = words + m->boundary_entry - 1; \
                } \
            } else { \
                DC_TAKE(DC_ROOM); \
            } \
            JUMP(w + 1); \
        } while (0)
        vmcase(ENDOP) {          /* counted in ib: cpu->icount is written back */
            us = ub;
            cpu->usp = 0;
            cpu->in_exec = 0;
            w = fetch_before;
            if (--ib == 0)
                LEAVE(UC_STOP_INSN_LIMIT);
            AT_BOUNDARY();
            vmbreak;
        }
        vmcasex(ENDB) {
            us = ub;
            cpu->usp = 0;
            cpu->in_exec = 0;
            w = fetch_before;
            AT_BOUNDARY();
            vmbreak;
        }
#undef AT_BOUNDARY
        vmcase(TRAP) {
            const UcInterrupt *in = &m->interrupts[w->aux];
            if (in->nparams)
                u[in->param_ureg[0]] = w->imm;
            cpu->usp = 0;
            JUMP(words + in->entry);
            vmbreak;
        }
        vmcase(STOP) {
            const UcStopReason *r = &m->stops[w->imm];
            cpu->stop_code = w->imm;
            stop_with(cpu, UC_STOP_MACHINE, "%s", r->message ? r->message : r->name ? r->name : "stop");
            LEAVE(UC_STOP_MACHINE);
        }
        vmcase(CALLH) {
            UcHelperFn fn = cpu->helper_fn[w->aux];
            const UcHelper *h = &m->helpers[w->aux];
            if (!fn) {
                w--;
                stop_with(cpu, UC_STOP_ERROR, "host helper %s is not bound", h->name ? h->name : "?");
                LEAVE(UC_STOP_ERROR);
            }
            uint64_t res = 0;
            cpu->upc = UPC;
            SYNC_COUNTS();
            int r = fn(cpu, cpu->helper_ctx[w->aux], &u[w->a], (unsigned)w->imm, &res);
            icount0 = cpu->icount - (ib0 - ib);   /* a helper may set it */
            if (h->has_result)
                u[w->dst] = res;
            if (r) {
                cpu->stop_code = (uint64_t)(int64_t)r;
                stop_with(cpu, UC_STOP_HELPER, "stopped by host helper %s", h->name ? h->name : "?");
                LEAVE(UC_STOP_HELPER);
            }
            vmbreak;
        }
        vmdefault {
            w--;
            stop_with(cpu, UC_STOP_ERROR, "micro-PC ran off the end of the control store (0x%" PRIx32 ")", UPC);
            LEAVE(UC_STOP_ERROR);
        }
        }
#if !UC_USE_GOTO
        continue;
#endif
    fault: {
            const UcTrapRef *t = &fsp->faults[fk];
            cpu->last_fault_addr = faddr;
            if (t->interrupt >= 0) {
                const UcInterrupt *in = &m->interrupts[t->interrupt];
                if (in->nparams)
                    u[in->param_ureg[0]] = t->code;
                cpu->usp = 0;
                JUMP(words + in->entry);
#if UC_USE_GOTO
                vmbreak;
#else
                continue;
#endif
            }
            int64_t si = UC_TRAP_STOP_INDEX(t->interrupt);
            const UcStopReason *r = &m->stops[si];
            cpu->stop_code = (uint64_t)si;
            stop_with(cpu, UC_STOP_MACHINE, "%s", r->message ? r->message : r->name ? r->name : "stop");
            LEAVE(UC_STOP_MACHINE);
        }
#if !UC_USE_GOTO
    }
#endif

uop_limit:
    ub = 0;                  /* the test above wrapped it */
    stop = UC_STOP_UOP_LIMIT;
leave:
    cpu->upc = UPC;
    SYNC_COUNTS();
    cpu->stop = stop;
    return stop;
}

#undef B
#undef M
#undef SX

/* A run that starts at an instruction boundary with an interruption
   request pending starts in the boundary routine. */
static void boundary_entry(UcCpu *cpu)
{
    const UcMachine *m = cpu->m;
    if (cpu->irq && cpu->upc == m->fetch_entry && m->boundary_entry != (uint32_t)UC_NONE) {
        cpu->irq = 0;
        cpu->upc = m->boundary_entry;
    }
}

UcStop uc_run(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops)
{
    if (cpu->tier_run)
        return cpu->tier_run(cpu, max_insns, max_uops);
    return uc_run_tier0(cpu, max_insns, max_uops);
}

/* The run goes in slices that end where the current instruction would have
   run UC_RUNAWAY_UOPS micro-instructions (cpu->ustart on); an instruction
   still running there is a runaway, and the run stops there, exactly (a
   stop that tier 1 reaches at the same micro-instruction: it hands such an
   instruction to tier 0 half-way). The stop is resumable: a run that
   begins in an instruction stopped so gives it UC_RUNAWAY_UOPS more. */
UcStop uc_run_tier0(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops)
{
    boundary_entry(cpu);
    if (cpu->ucount - cpu->ustart >= UC_RUNAWAY_UOPS)
        cpu->ustart = cpu->ucount;
    uint64_t ib = max_insns ? max_insns : UINT64_MAX;
    uint64_t left = max_uops ? max_uops : UINT64_MAX;
    for (;;) {
        uint64_t ran = cpu->ucount - cpu->ustart;
        uint64_t room = ran < UC_RUNAWAY_UOPS ? UC_RUNAWAY_UOPS - ran : 0;
        if (room == 0) {
            const UcRoutine *rt = uc_machine_routine_at(cpu->m, cpu->upc);
            return stop_with(cpu, UC_STOP_UOP_LIMIT,
                             "runaway instruction: %" PRIu64 " micro-instructions without an end (in %s)",
                             (uint64_t)UC_RUNAWAY_UOPS, rt && rt->name ? rt->name : "?");
        }
        uint64_t slice = left < room ? left : room;
        uint64_t ic0 = cpu->icount, uc0 = cpu->ucount;
        UcStop s = run_core(impl(cpu), ib, slice);
        if (s != UC_STOP_UOP_LIMIT || slice == left)
            return s;
        if (left != UINT64_MAX)
            left -= cpu->ucount - uc0;
        if (ib != UINT64_MAX)
            ib -= cpu->icount - ic0;
    }
}

UcStop uc_boundary(UcCpu *cpu, uint64_t max_uops)
{
    const UcMachine *m = cpu->m;
    uint64_t n = 0;
    if (!cpu->irq || cpu->upc != m->fetch_entry || m->boundary_entry == (uint32_t)UC_NONE)
        return UC_STOP_NONE;
    do {
        UcStop s = uc_ustep(cpu);
        if (s != UC_STOP_NONE)
            return s;
        if (max_uops && ++n >= max_uops) {
            stop_with(cpu, UC_STOP_UOP_LIMIT, "the boundary routine ran %" PRIu64 " micro-instructions", n);
            return UC_STOP_UOP_LIMIT;
        }
    } while (cpu->upc != m->fetch_entry);
    return UC_STOP_NONE;
}

UcStop uc_ustep(UcCpu *cpu)
{
    boundary_entry(cpu);
    UcStop s = run_core(impl(cpu), UINT64_MAX, 1);
    if (s == UC_STOP_UOP_LIMIT) {
        cpu->stop = UC_STOP_NONE;
        s = UC_STOP_NONE;
    }
    return s;
}

/* ---- creation ---- */

static int size_allowed(const UcSpace *sp, uint64_t size)
{
    if (size < sp->min_size || size > sp->max_size)
        return 0;
    if (!sp->nsizes)
        return 1;
    for (uint32_t i = 0; i < sp->nsizes; i++)
        if (sp->sizes[i] == size)
            return 1;
    return 0;
}

static int setup_space(CpuImpl *c, unsigned i, uint64_t size, char *err, size_t errsize)
{
    const UcMachine *m = c->pub.m;
    const UcSpace *sp = &m->spaces[i];
    SpaceX *s = &c->sp[i];
    UcSpaceRt *rt = &c->pub.spaces[i];
    if (size > UC_MAX_STORAGE_BYTES / sp->unit_bytes) {
        set_err(err, errsize, "storage size %" PRIu64 " of %s is too large", size, sp->name ? sp->name : "?");
        return -1;
    }
    rt->size = size;
    rt->mem = calloc((size_t)size * sp->unit_bytes + UC_DC_PAD, 1);
    if (!rt->mem) {
        set_err(err, errsize, "out of memory for %" PRIu64 " units of %s", size, sp->name ? sp->name : "?");
        return -1;
    }
    s->mem = rt->mem;
    s->size = size;
    if (sp->unit_bytes == 1) {
        rt->code = calloc((size_t)size + 1, 1);   /* + 1: not calloc(0) */
        if (!rt->code) {
            set_err(err, errsize, "out of memory for the code map of %s", sp->name ? sp->name : "?");
            return -1;
        }
        s->code = rt->code;
    }
    s->wrap_size = m->wrap == UC_WRAP_SIZE;
    s->amask = s->wrap_size ? UINT64_MAX : mask_of(m->addr_bits);
    /* below fsize an address needs no wrapping (UC_WRAP_SIZE: the raw
       address is below the storage size) */
    s->fsize = s->wrap_size ? size : (size - 1 < s->amask ? size : s->amask + 1);
    s->umask = mask_of(sp->unit_bits);
    s->ubits = sp->unit_bits;
    s->ubytes = sp->unit_bytes;
    /* one host byte per unit of at most 8 bits: the fast paths (a <= fsize - n) */
    s->bytes = sp->unit_bytes == 1 && sp->unit_bits <= 8 && m->addr_bits < 64;
    memcpy(s->faults, sp->faults, sizeof s->faults);
    s->key_slot = -1;
    if (sp->key_block) {
        uint64_t nblocks = (size + sp->key_block - 1) / sp->key_block;
        rt->keys = calloc((size_t)nblocks, 1);
        if (!rt->keys) {
            set_err(err, errsize, "out of memory for storage keys");
            return -1;
        }
        s->keys = rt->keys;
        s->key_block = sp->key_block;
        s->fpmask = uc_space_fpmask(sp);
        s->kmask = uc_space_kmask(sp);
        if (sp->key_field >= 0) {
            const UcField *f = &m->fields[sp->key_field];
            s->key_slot = (int32_t)m->items[f->item].slot;
            s->key_shift = f->shift;
            s->key_fmask = mask_of(f->len);
        }
    }
    return 0;
}

static int is_pow2(uint64_t n)
{
    return n && !(n & (n - 1));
}

/* The op an XBIN_LIST op becomes with an immediate second operand. */
static uint8_t imm_form(unsigned op)
{
    switch (op) {
#define X(n) case UC_##n: return XOP_##n##_I;
    XBIN_LIST(X)
#undef X
    default: return (uint8_t)op;
    }
}

/* Key operands of a storage access: the slot and mask of the access key
   when the space has keys and the word checks them, else slot 0 and mask 0
   (state[0] & 0 == 0: no key applies). */
static void key_operands(const SpaceX *s, XWord *x)
{
    x->x = 0;
    x->z = 0;
    if (s->keys && !(x->flags & UC_F_NOKEY) && s->key_slot >= 0) {
        x->x = (uint32_t)s->key_slot;
        x->z = s->key_fmask << s->key_shift;
    }
}

/* Rewrite a pre-decoded word to an engine-private op (XOP_LIST) when its
   fixed operands make a shorter handler exact. */
static void specialise(const CpuImpl *c, XWord *x)
{
    const int big = c->pub.m->endian == UC_BIG;
    switch (x->op) {
    case UC_ENDOP:
        if (x->imm)
            x->op = XOP_ENDB;
        break;
#define X(n) case UC_##n:
    XBIN_LIST(X)
#undef X
        if (x->flags & UC_F_IMM)
            x->op = imm_form(x->op);
        break;
    case UC_LDF: {
        const FieldX *f = &c->fl[x->aux];
        x->op = XOP_LDF_S;
        x->x = f->slot;
        x->y = f->shift;
        x->mask = f->mask;
        break;
    }
    case UC_STF: {
        const FieldX *f = &c->fl[x->aux];
        x->x = f->slot;
        x->z = ~(f->mask << f->shift);
        if (x->flags & UC_F_IMM) {
            x->op = XOP_STF_SI;
            x->imm = (x->imm & f->mask) << f->shift;
        } else {
            x->op = XOP_STF_SR;
            x->y = f->shift;
            x->mask = f->mask;
        }
        break;
    }
    case UC_LDR:
    case UC_STR: {
        const ItemX *it = &c->it[x->aux];
        if (it->map)
            break;
        x->x = it->slot;
        x->y = it->count;
        if (x->op == UC_LDR) {
            x->op = XOP_LDR_S;
        } else if (x->flags & UC_F_IMM) {
            x->op = XOP_STR_SI;
            x->imm &= it->mask;
        } else {
            x->op = XOP_STR_SR;
            x->z = it->mask;
        }
        break;
    }
    case UC_LD:
    case UC_ST: {
        const SpaceX *s = &c->sp[x->aux];
        if ((x->xf & XF_SLOW) || (x->op == UC_ST && (x->flags & UC_F_IMM)) || s->fsize < x->nunits)
            break;
        key_operands(s, x);
        x->sp = s;
        x->imm = s->fsize - x->nunits;    /* a + n <= fsize */
        x->y = (x->flags & UC_F_ALIGN) ? x->nunits - 1 : 0;
        unsigned n = big ? x->nunits : 0;
        if (x->op == UC_LD)
            x->op = n == 1 ? XOP_LD_1 : n == 2 ? XOP_LD_2 : n == 4 ? XOP_LD_4 : XOP_LD_N;
        else
            x->op = n == 1 ? XOP_ST_1 : n == 2 ? XOP_ST_2 : n == 4 ? XOP_ST_4 : XOP_ST_N;
        break;
    }
    case UC_PROBE:
        key_operands(&c->sp[x->aux], x);
        x->op = XOP_PROBE_S;
        break;
    default:
        break;
    }
}

/* The chained sequences pass each result to the next word in a host
   register: each word must read the one its predecessor wrote. */
static int fuse_ok(unsigned fop, const XWord *x)
{
    switch (fop) {
    case FOP_CCMASK_BZ:
        return x[1].a == x[0].dst && x[2].b == x[1].dst && x[3].a == x[2].dst && x[4].a == x[3].dst;
    case FOP_FLD2_EXT2_BNZ:
        return x[1].a == x[0].dst && x[2].a == x[1].dst && x[3].a == x[2].dst && x[4].a == x[3].dst;
    case FOP_STF2_DISP:      /* both stores to one state slot; the second stores the sum */
        return x[2].x == x[0].x && x[2].a == x[1].dst;
    case FOP_CC4:            /* SEL: condition from EQ, a from CMPS; STF stores SEL's result */
        return x[2].dst == x[1].dst && x[2].a == x[0].dst && x[3].a == x[2].dst;
    case FOP_NE_BZ:
    case FOP_LD4_NE_BZ:
        return x[fop == FOP_NE_BZ ? 1 : 2].a == x[fop == FOP_NE_BZ ? 0 : 1].dst;
    default:
        return 1;
    }
}

/* Give each word that starts a FUSED_LIST sequence (the longest that
   matches) the sequence's handler. */
static void fuse(XWord *xw, uint32_t nwords)
{
    static const struct { uint8_t fop, len, ops[5]; } seqs[] = {
#define X(n, len, o1, o2, o3, o4, o5) { FOP_##n, len, { o1, o2, o3, o4, o5 } },
        FUSED_LIST(X)
#undef X
    };
    uint8_t starts[XOP_COUNT] = { 0 };   /* ops that begin some sequence */
    for (size_t k = 0; k < sizeof seqs / sizeof seqs[0]; k++)
        starts[seqs[k].ops[0]] = 1;
    for (uint32_t i = 0; i < nwords; i++) {
        unsigned best = 0;
        if (!starts[xw[i].op])
            continue;
        for (size_t k = 0; k < sizeof seqs / sizeof seqs[0]; k++) {
            unsigned len = seqs[k].len, j;
            if (len <= best || i + len > nwords)
                continue;
            for (j = 0; j < len && xw[i + j].op == seqs[k].ops[j]; j++)
                ;
            if (j == len && fuse_ok(seqs[k].fop, xw + i)) {
                best = len;
                xw[i].fop = seqs[k].fop;
            }
        }
    }
}

static void predecode(CpuImpl *c)
{
    const UcMachine *m = c->pub.m;
    for (uint32_t i = 0; i < m->nwords; i++) {
        const UcWord *w = &m->words[i];
        XWord *x = &c->xw[i];
        x->op = w->op;
        x->dst = w->dst;
        x->a = w->a;
        x->b = w->b;
        x->width = w->width;
        x->flags = w->flags;
        x->xf = 0;
        x->aux = w->aux;
        x->target = w->target;
        x->imm = w->imm;
        x->mask = mask_of(w->width);
        if (w->op == UC_LD || w->op == UC_ST) {
            const SpaceX *s = &c->sp[w->aux];
            x->nunits = (uint16_t)uc_access_units(&m->spaces[w->aux], w);
            /* units narrower than a byte (the 1401's 7 bits): one at a time
               on the fast path, where a load is the byte masked to the width
               and a store of at most the unit's width is the byte; or each
               in its byte (lanes), masked to the unit in each; a part store
               (UC_F_PART) always by slow_access */
            x->mask &= uc_lane_mask(&m->spaces[w->aux], w->flags);
            if (!s->bytes || (s->ubits != 8 && x->nunits > 1 && !(w->flags & UC_F_LANES))
                || ((w->flags & UC_F_ALIGN) && !is_pow2(x->nunits)) || (w->flags & UC_F_PART))
                x->xf |= XF_SLOW;
        }
        specialise(c, x);
        if (x->op == UC_JMP || x->op == UC_BZ || x->op == UC_BNZ || x->op == UC_CALL)
            x->to = c->xw + w->target - 1;   /* xw[-1] exists */
    }
    c->xw[m->nwords].op = XOP_OFFEND;
    for (uint32_t i = 0; i <= m->nwords; i++)
        c->xw[i].fop = c->xw[i].op;
    fuse(c->xw, m->nwords);
}

UcCpu *uc_cpu_new(const UcMachine *m, uint64_t storage_units, char *err, size_t errsize)
{
    if (uc_machine_check(m, err, errsize))
        return NULL;
    if (m->nspaces && storage_units) {
        const UcSpace *sp = &m->spaces[0];
        if (!size_allowed(sp, storage_units)) {
            char list[96] = "";
            size_t len = 0;
            for (uint32_t i = 0; i < sp->nsizes && len + 24 < sizeof list; i++)
                len += (size_t)snprintf(list + len, sizeof list - len, " %" PRIu64, sp->sizes[i]);
            if (sp->nsizes)
                set_err(err, errsize, "storage size %" PRIu64 " not allowed for %s (allowed:%s)",
                        storage_units, sp->name ? sp->name : "?", list);
            else
                set_err(err, errsize, "storage size %" PRIu64 " outside %" PRIu64 "..%" PRIu64 " for %s",
                        storage_units, sp->min_size, sp->max_size, sp->name ? sp->name : "?");
            return NULL;
        }
        if (sp->key_block && storage_units % sp->key_block) {   /* no part of a key's block */
            set_err(err, errsize, "storage size %" PRIu64 " is not a multiple of %s's storage-key block (%" PRIu32 " units)",
                    storage_units, sp->name ? sp->name : "?", sp->key_block);
            return NULL;
        }
    }
    CpuImpl *c = calloc(1, sizeof *c);
    if (!c) {
        set_err(err, errsize, "out of memory");
        return NULL;
    }
    UcCpu *cpu = &c->pub;
    cpu->m = m;
    cpu->state = m->nslots <= UC_STATE_IN ? cpu->state_in : calloc(m->nslots, sizeof *cpu->state);
    cpu->spaces = calloc(m->nspaces ? m->nspaces : 1, sizeof *cpu->spaces);
    cpu->helper_fn = calloc(m->nhelpers ? m->nhelpers : 1, sizeof *cpu->helper_fn);
    cpu->helper_ctx = calloc(m->nhelpers ? m->nhelpers : 1, sizeof *cpu->helper_ctx);
    c->xw = calloc((size_t)m->nwords + 2, sizeof *c->xw);
    if (c->xw)
        c->xw++;
    c->sp = calloc(m->nspaces ? m->nspaces : 1, sizeof *c->sp);
    c->it = calloc(m->nitems ? m->nitems : 1, sizeof *c->it);
    c->fl = calloc(m->nfields ? m->nfields : 1, sizeof *c->fl);
    c->fm = calloc(m->nformats ? m->nformats : 1, sizeof *c->fm);
    c->cx = calloc(m->ncands ? m->ncands : 1, sizeof *c->cx);
    if (!cpu->state || !cpu->spaces || !cpu->helper_fn || !cpu->helper_ctx || !c->xw || !c->sp
        || !c->it || !c->fl || !c->fm || !c->cx) {
        set_err(err, errsize, "out of memory");
        uc_cpu_free(cpu);
        return NULL;
    }
    for (uint32_t i = 0; i < m->nspaces; i++)
        if (setup_space(c, i, i == 0 && storage_units ? storage_units : m->spaces[i].default_size,
                        err, errsize)) {
            uc_cpu_free(cpu);
            return NULL;
        }
    for (uint32_t i = 0; i < m->nitems; i++) {
        const UcItem *it = &m->items[i];
        c->it[i] = (ItemX){ it->slot, it->count, it->nnumbers, it->nnumbers ? it->number_map : NULL,
                            mask_of(it->width) };
    }
    for (uint32_t i = 0; i < m->nfields; i++) {
        const UcField *f = &m->fields[i];
        c->fl[i] = (FieldX){ m->items[f->item].slot, f->shift, mask_of(f->len) };
    }
    for (uint32_t i = 0; i < m->nformats; i++) {
        const UcFormat *f = &m->formats[i];
        c->fm[i].n = f->nfields;
        for (unsigned j = 0; j < f->nfields; j++)
            c->fm[i].f[j] = (BindX){ f->fields[j].shift, f->fields[j].len, f->fields[j].ureg,
                                     f->fields[j].is_signed, mask_of(f->fields[j].len) };
    }
    for (uint32_t i = 0; i < m->nformats; i++) {
        FmtX *f = &c->fm[i];
        uint64_t seen = 0;
        f->plain = 1;
        for (unsigned j = 0; j < f->n; j++) {
            if (f->f[j].is_signed || (seen >> f->f[j].ureg & 1))
                f->plain = 0;
            seen |= UINT64_C(1) << f->f[j].ureg;
        }
    }
    for (uint32_t i = 0; i < m->ncands; i++) {
        const UcCandidate *cd = &m->cands[i];
        c->cx[i] = (CandX){ cd->mask, cd->match, &c->fm[cd->format], c->xw + cd->entry - 1,
                            cd->entry, cd->insn, cd->next };
    }
    static const int32_t no_cands[1] = { -1 };
    c->first = m->dispatch.first ? m->dispatch.first : no_cands;
    c->keymask = m->dispatch.first ? mask_of(m->dispatch.key_bits) : 0;
    if (!m->dispatch.first || m->dispatch.key_bits <= UC_KEYMEMO_MAX_BITS) {
        c->kx = calloc((size_t)c->keymask + 1, sizeof *c->kx);
        if (!c->kx) {
            set_err(err, errsize, "out of memory");
            uc_cpu_free(cpu);
            return NULL;
        }
        /* each entry starts as the answer for the instruction value 0 */
        for (uint64_t k = 0; k <= c->keymask; k++) {
            for (int32_t ci = c->first[k]; ci >= 0; ci = c->cx[ci].next)
                c->kx[k].umask |= c->cx[ci].mask;
            c->kx[k].tag = 0;
            c->kx[k].hit = find_cand(c, k, 0);
        }
    }
    predecode(c);
    uc_cpu_reset(cpu);
    uc_dc_enable(cpu, 1);
    return cpu;
}

void uc_cpu_free(UcCpu *cpu)
{
    if (!cpu)
        return;
    CpuImpl *c = impl(cpu);
    uc_dc_enable(cpu, 0);
    for (uint32_t i = 0; cpu->spaces && i < cpu->m->nspaces; i++) {
        free(cpu->spaces[i].mem);
        free(cpu->spaces[i].keys);
        free(cpu->spaces[i].code);
        free(cpu->spaces[i].hooked);
    }
    free(cpu->spaces);
    if (cpu->state != cpu->state_in)
        free(cpu->state);
    free(cpu->helper_fn);
    free(cpu->helper_ctx);
    free(c->xw ? c->xw - 1 : NULL);
    free(c->sp);
    free(c->it);
    free(c->fl);
    free(c->fm);
    free(c->cx);
    free(c->kx);
    free(c);
}

void uc_cpu_reset(UcCpu *cpu)
{
    const UcMachine *m = cpu->m;
    memset(cpu->u, 0, sizeof cpu->u);
    memset(cpu->ustack, 0, sizeof cpu->ustack);
    cpu->usp = 0;
    cpu->upc = m->reset_entry != (uint32_t)UC_NONE ? m->reset_entry : m->fetch_entry;
    cpu->insn = -1;
    cpu->in_exec = 0;
    cpu->attention = 0;
    cpu->stop = UC_STOP_NONE;
    cpu->stop_code = 0;
    cpu->stop_text[0] = '\0';
}

int uc_bind_helper(UcCpu *cpu, const char *name, UcHelperFn fn, void *ctx)
{
    int h = uc_machine_find_helper(cpu->m, name);
    if (h < 0)
        return -1;
    cpu->helper_fn[h] = fn;
    cpu->helper_ctx[h] = ctx;
    return 0;
}

/* ---- host access ---- */

uint64_t uc_get_item(const UcCpu *cpu, unsigned item, uint32_t index)
{
    if (item >= cpu->m->nitems)
        return 0;
    const ItemX *it = &impl(cpu)->it[item];
    int32_t e = element(it, index);
    return e >= 0 ? cpu->state[it->slot + (uint32_t)e] : 0;
}

void uc_set_item(UcCpu *cpu, unsigned item, uint32_t index, uint64_t value)
{
    if (item >= cpu->m->nitems)
        return;
    const ItemX *it = &impl(cpu)->it[item];
    int32_t e = element(it, index);
    if (e >= 0)
        cpu->state[it->slot + (uint32_t)e] = value & it->mask;
}

uint64_t uc_get_field(const UcCpu *cpu, unsigned field)
{
    if (field >= cpu->m->nfields)
        return 0;
    const FieldX *f = &impl(cpu)->fl[field];
    return (cpu->state[f->slot] >> f->shift) & f->mask;
}

void uc_set_field(UcCpu *cpu, unsigned field, uint64_t value)
{
    if (field >= cpu->m->nfields)
        return;
    const FieldX *f = &impl(cpu)->fl[field];
    cpu->state[f->slot] = (cpu->state[f->slot] & ~(f->mask << f->shift)) | ((value & f->mask) << f->shift);
}

/* All units addr .. addr+units-1 inside storage? */
static int range_inside(const SpaceX *s, uint64_t a, uint64_t units)
{
    for (uint64_t i = 0; i < units; i++)
        if (wrap_next(s, a, i) >= s->size)
            return 0;
    return 1;
}

int uc_mem_read(const UcCpu *cpu, unsigned space, uint64_t addr, void *buf, uint64_t units)
{
    if (space >= cpu->m->nspaces)
        return -1;
    const SpaceX *s = &impl(cpu)->sp[space];
    uint64_t a = wrap_addr(s, addr);
    if (!range_inside(s, a, units))
        return -1;
    uint8_t *p = buf;
    for (uint64_t i = 0; i < units; i++)
        memcpy(p + i * s->ubytes, s->mem + wrap_next(s, a, i) * s->ubytes, s->ubytes);
    return 0;
}

int uc_mem_write(UcCpu *cpu, unsigned space, uint64_t addr, const void *buf, uint64_t units)
{
    if (space >= cpu->m->nspaces)
        return -1;
    const SpaceX *s = &impl(cpu)->sp[space];
    uint64_t a = wrap_addr(s, addr);
    if (!range_inside(s, a, units))
        return -1;
    const uint8_t *p = buf;
    for (uint64_t i = 0; i < units; i++) {
        uint64_t v = 0;
        for (unsigned j = 0; j < s->ubytes; j++)
            v = v << 8 | p[i * s->ubytes + j];
        uint64_t ai = wrap_next(s, a, i);
        unit_put(s, ai, v);
        stored(cpu, s, space, ai, 1);
    }
    if (cpu->store_hook && units)
        cpu->store_hook(cpu, cpu->store_ctx, space, a, units);
    return 0;
}

uint64_t uc_mem_get(const UcCpu *cpu, unsigned space, uint64_t addr)
{
    if (space >= cpu->m->nspaces)
        return 0;
    const SpaceX *s = &impl(cpu)->sp[space];
    uint64_t a = wrap_addr(s, addr);
    return a < s->size ? unit_get(s, a) & s->umask : 0;
}

void uc_mem_set(UcCpu *cpu, unsigned space, uint64_t addr, uint64_t value)
{
    if (space >= cpu->m->nspaces)
        return;
    const SpaceX *s = &impl(cpu)->sp[space];
    uint64_t a = wrap_addr(s, addr);
    if (a >= s->size)
        return;
    unit_put(s, a, value);
    stored(cpu, s, space, a, 1);
    if (cpu->store_hook)
        cpu->store_hook(cpu, cpu->store_ctx, space, a, 1);
}

int uc_mem_load(const UcCpu *cpu, unsigned space, uint64_t addr, unsigned units, uint64_t *value)
{
    if (space >= cpu->m->nspaces)
        return -1;
    const SpaceX *s = &impl(cpu)->sp[space];
    uint64_t a = wrap_addr(s, addr), v = 0;
    if (!range_inside(s, a, units))
        return -1;
    int big = cpu->m->endian == UC_BIG;
    for (unsigned i = 0; i < units; i++) {
        uint64_t unit = unit_get(s, wrap_next(s, a, i)) & s->umask;
        if (big)
            v = s->ubits >= 64 ? unit : v << s->ubits | unit;
        else if ((uint64_t)i * s->ubits < 64)
            v |= unit << (i * s->ubits);
    }
    if (value)
        *value = v;
    return 0;
}
