/* uc_gen.c — `uc_gen FILE.ucode NAME`: tier 1's translator. It writes, on
 * standard output, C for the whole control store of one compiled machine as
 * a single function that registers itself with microcode/uc_tier1.c
 * (uc_tier1.h); and a second, smaller one for the instructions the
 * description marks hot ("the hot function" below). Built and run at build
 * time for the built-in machines.
 *
 * The translation (DESIGN.md, "The micro-engine", tier 1):
 * - Each micro-word becomes one C statement with its operands as constants
 *   (register numbers, widths, masks, field slots and shifts, storage unit
 *   sizes, table contents); the meaning of each ALU op comes from
 *   microcode/uc_sem.h, which tier 0 shares. Branches are gotos.
 * - Micro-registers are C locals, so the C compiler allocates them. They
 *   are written back to cpu->u only where something else can see them: at a
 *   stop or a hand-over to tier 0, and before a host helper; what is written
 *   is the set live at that point (a backward liveness analysis over the
 *   translated graph), so every stop leaves cpu->u as tier 0 needs it to go
 *   on.
 * - CALL/RET: the micro-stack is known statically at each word (calls are
 *   inlined: a state is a micro-address with the stack of return addresses
 *   that reaches it), so RET is a goto and the stack is written to
 *   cpu->ustack only at an exit.
 * - DISPATCH/EXEC become a switch on the key with the candidates' mask tests,
 *   the format's fields bound to their locals, and a goto to the routine.
 * - ENDOP counts the instruction, tests the instruction budget, attention and
 *   the interruption request, as tier 0 does, and goes to the fetch or the
 *   boundary routine.
 * - Storage accesses run inline on a fast path (inside storage, aligned
 *   where asked, access key 0 or no key check, one host byte per unit);
 *   anything else (a fault, ONFAULT, protection, wrap, wide units) goes back
 *   to tier 0 at that very word ("deoptimisation"), which runs the rest of
 *   the instruction: exact by construction, and so are unbound helpers,
 *   micro-stack errors and running off the control store.
 * - ucount is counted per word (the C compiler sums the increments of a
 *   straight run), so it matches tier 0's exactly.
 * - A condition code is computed only where something reads it: see "lazy
 *   fields" below.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "microcode/uc_file.h"
#include "microcode/uc_tier1.h"
#include "microcode/uc_dcache.h"

#define MAX_STATES 400000u
#define MAX_STACKS 65536u
#define ALL (~UINT64_C(0))

typedef struct Stack { int32_t parent; uint32_t ret; uint32_t depth; } Stack;
typedef struct State {
    uint32_t addr;
    int32_t sid;             /* stack id (0 = empty) */
    uint64_t in;             /* live micro-registers on entry */
    uint8_t emitted, referenced, always_deopt;
} State;

static const UcMachine *m;
static Stack *stacks;
static uint32_t nstacks;
static State *states;
static uint32_t nstates;
static uint32_t *hmap;       /* (addr, sid) -> state + 1 */
static uint32_t hsize;
static FILE *out;

/* The hot function: the instructions a description marks hot (UC_A_HOT)
   translated a second time, alone, into a function small enough for the C
   compiler to keep the values every instruction uses (cpu, the decode-
   cache record, the budget, the micro-count, the PSW) in host registers;
   in the whole function it spills them, for the size of it (the S/360
   loop mix runs about 10 % faster in the hot one). It runs while the
   program keeps to those instructions; where the next is another (a cold
   one), it stops at that instruction's boundary (UC_T1_COLD) before taking
   its record, or, with no record, goes to tier 0 at the cold routine's
   entry, and uc_tier1_run gives the whole function the next stretch.
   hot_mask: per candidate, hot; hot: the same while the hot function is
   made, NULL while the whole one is; cold_entry: per word, the entry of a
   cold candidate only; hot_ok: a hot candidate the hot function's records
   enter. */
static uint8_t *hot, *hot_mask;
static uint8_t *cold_entry;
static uint8_t *hot_ok;
static unsigned nhot;        /* hot candidates: a hot function is made */

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "uc_gen: error: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static int32_t push_stack(int32_t parent, uint32_t ret)
{
    for (uint32_t i = 1; i < nstacks; i++)   /* few stacks: a linear search */
        if (stacks[i].parent == parent && stacks[i].ret == ret)
            return (int32_t)i;
    if (nstacks >= MAX_STACKS)
        fail("too many micro-stack contexts");
    stacks[nstacks] = (Stack){ parent, ret, stacks[parent].depth + 1 };
    return (int32_t)nstacks++;
}

static uint32_t hkey(uint32_t addr, int32_t sid)
{
    uint64_t k = ((uint64_t)addr << 20 ^ (uint64_t)(uint32_t)sid) * UINT64_C(0x9E3779B97F4A7C15);
    return (uint32_t)(k >> 32) & (hsize - 1);
}

/* The state for (addr, sid), created when new. */
static uint32_t state_of(uint32_t addr, int32_t sid)
{
    uint32_t h = hkey(addr, sid);
    while (hmap[h]) {
        State *s = &states[hmap[h] - 1];
        if (s->addr == addr && s->sid == sid)
            return hmap[h] - 1;
        h = (h + 1) & (hsize - 1);
    }
    if (nstates >= MAX_STATES)
        fail("more than %u translated states", MAX_STATES);
    states[nstates] = (State){ addr, sid, 0, 0, 0, 0 };
    hmap[h] = nstates + 1;
    return nstates++;
}

/* State slots of single registers (PSW, the 1401's IS, AS, BS, indicators)
   live in C locals sN in the generated function: written back to
   cpu->state at every exit and around every helper and store-hook call,
   read again after those calls. Register files stay in cpu->state. */
static uint8_t *cached;      /* m->nslots */

static const char *SL(unsigned slot)
{
    static char buf[8][24];
    static unsigned k;
    char *b = buf[k++ & 7];
    snprintf(b, sizeof buf[0], cached[slot] ? "s%u" : "st[%u]", slot);
    return b;
}

static uint64_t bit(unsigned r) { return UINT64_C(1) << (r & 63); }

static int uses_sx(unsigned op)
{
    return op == UC_DIVS || op == UC_REMS || op == UC_SAR || op == UC_SEXT || op == UC_LTS
           || op == UC_LES || op == UC_CMPS;
}

static uint64_t uses(const UcWord *w) { return uc_word_uses(m, w); }
static uint64_t defs(const UcWord *w) { return uc_word_defs(m, w); }

static int fast_space(unsigned sp)
{
    return m->spaces[sp].unit_bytes == 1;
}

/* A part store (ST with UC_F_PART) the translation makes itself: bytes in
   a big-endian value (units of 8 bits or lanes), at most 8, addresses that
   wrap at a power of two; tier 0 runs the others (emit_part_store). */
static int part_fast(const UcWord *w)
{
    const UcSpace *sp = &m->spaces[w->aux];
    return m->endian == UC_BIG && uc_lane_bits(sp, w->flags) == 8 && uc_access_units(sp, w) <= 8
        && m->wrap == UC_WRAP_POW2 && m->addr_bits < 48;
}

/* Successors of state s for the translation graph; *kill[i] the registers
   the edge writes (DISPATCH binds, TRAP parameters). Returns the count. */
enum { MAXSUCC = 8 };
static unsigned successors(uint32_t si, uint32_t *succ, uint64_t *kill, unsigned cap,
                           uint32_t *extra, uint64_t *extra_kill, unsigned *nextra)
{
    State *s = &states[si];
    const UcWord *w = &m->words[s->addr];
    unsigned n = 0;
    *nextra = 0;
#define ADD(a, k, kl) do { if (n < cap) { succ[n] = state_of((a), (k)); kill[n] = (kl); n++; } } while (0)
    switch (w->op) {
    case UC_JMP:
        ADD(w->target, s->sid, 0);
        break;
    case UC_BZ: case UC_BNZ:
        ADD(w->target, s->sid, 0);
        if (s->addr + 1 < m->nwords)
            ADD(s->addr + 1, s->sid, 0);
        break;
    case UC_CALL:
        if (stacks[s->sid].depth >= UC_USTACK)
            break;
        ADD(w->target, push_stack(s->sid, s->addr + 1), 0);
        break;
    case UC_RET:
        if (s->sid == 0)
            break;
        ADD(stacks[s->sid].ret, stacks[s->sid].parent, 0);
        break;
    case UC_ENDOP:
        ADD(m->fetch_entry, 0, 0);
        if (m->boundary_entry != (uint32_t)UC_NONE)
            ADD(m->boundary_entry, 0, 0);
        break;
    case UC_TRAP: {
        const UcInterrupt *in = &m->interrupts[w->aux];
        ADD(in->entry, 0, in->nparams ? bit(in->param_ureg[0]) : 0);
        break;
    }
    case UC_DISPATCH: case UC_EXEC:
        /* many successors: the caller asks for them through extra */
        for (uint32_t c = 0; m->dispatch.first && c < m->ncands; c++) {
            const UcFormat *f = &m->formats[m->cands[c].format];
            uint64_t k = 0;
            for (unsigned j = 0; j < f->nfields; j++)
                k |= bit(f->fields[j].ureg);
            extra[*nextra] = state_of(m->cands[c].entry, s->sid);
            extra_kill[*nextra] = k;
            (*nextra)++;
        }
        ADD(m->dispatch.invalid_entry, s->sid, 0);
        break;
    default:
        if (s->addr + 1 < m->nwords)
            ADD(s->addr + 1, s->sid, 0);
        if ((w->op == UC_LD || w->op == UC_ST || w->op == UC_PROBE) && (w->flags & UC_F_ONFAULT))
            ADD(w->target, s->sid, 0);   /* taken by tier 0 after a hand-over */
        break;
    }
#undef ADD
    return n;
}

/* A word the translation always hands to tier 0 (everything live); in the
   hot function, the entry of a cold routine too. */
static int always_deopt(const State *s)
{
    const UcWord *w = &m->words[s->addr];
    if (hot && cold_entry[s->addr])
        return 1;
    switch (w->op) {
    case UC_CALL: return stacks[s->sid].depth >= UC_USTACK;
    case UC_RET: return s->sid == 0;
    case UC_EXT: case UC_INS: return w->imm >= 64;
    case UC_LD: case UC_ST:
        return !fast_space(w->aux) || w->width > 64 || ((w->flags & UC_F_PART) && !part_fast(w));
    case UC_PROBE: case UC_MOVE:
        return !(m->spaces[w->aux].unit_bytes == 1 && m->spaces[w->aux].unit_bits == 8
                 && m->wrap == UC_WRAP_POW2 && m->addr_bits < 64);
    case UC_DISPATCH: case UC_EXEC: return 0;
    default:
        if (w->op >= UC_NOPS)
            return 1;
        return uses_sx(w->op) && w->width == 0;
    }
}

static UcDcSummary dcs;     /* the decode cache's summary of the fetch */
static uint8_t *dc_ok;       /* per candidate (and ncands: invalid): entered from a record */

static uint32_t *cand_extra;
static uint64_t *cand_kill;

static void explore(void)
{
    uint32_t entries[3] = { m->fetch_entry, m->boundary_entry, m->reset_entry };
    for (unsigned i = 0; i < 3; i++)
        if (entries[i] < m->nwords)
            state_of(entries[i], 0);
    uint32_t done = 0;
    for (int more = 1; more; ) {
        while (done < nstates) {    /* states are appended as discovered */
            uint32_t si = done++;
            uint32_t succ[MAXSUCC];
            uint64_t kill[MAXSUCC];
            unsigned nx;
            states[si].always_deopt = (uint8_t)always_deopt(&states[si]);
            if (states[si].always_deopt)
                continue;
            successors(si, succ, kill, MAXSUCC, cand_extra, cand_kill, &nx);
        }
        /* the hot function: a hot routine's entry that the fetch's DISPATCH
           did not reach, since its records' D stubs go there */
        more = 0;
        for (uint32_t c = 0; hot && c < m->ncands; c++)
            if (hot[c] && state_of(m->cands[c].entry, 0) >= done)
                more = 1;
    }
}

/* The word-level liveness of the control store (uc_word_liveness): what
   tier 0 reads after a hand-over at a word the translation does not follow. */
static uint64_t *word_g, *word_k;

static void liveness(void)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (uint32_t i = nstates; i-- > 0;) {
            State *s = &states[i];
            uint64_t in;
            if (s->always_deopt) {
                /* inside a called routine, also whatever its RET may find
                   live and the routine does not write first */
                in = m->words[s->addr].op == UC_RET ? ALL
                   : word_g[s->addr] | (s->sid ? ~word_k[s->addr] : 0);
            } else {
                const UcWord *w = &m->words[s->addr];
                uint32_t succ[MAXSUCC];
                uint64_t kill[MAXSUCC];
                unsigned nx;
                unsigned n = successors(i, succ, kill, MAXSUCC, cand_extra, cand_kill, &nx);
                uint64_t o = 0;
                for (unsigned k = 0; k < n; k++)
                    o |= states[succ[k]].in & ~kill[k];
                for (unsigned k = 0; k < nx; k++)
                    o |= states[cand_extra[k]].in & ~cand_kill[k];
                if ((w->op == UC_STOP || w->op == UC_CALLH) && s->addr + 1 >= m->nwords)
                    o = ALL;
                if (w->op == UC_CALL && n == 0)
                    o = ALL;
                in = uses(w) | (o & ~defs(w));
                if (w->op == UC_INS || w->op == UC_SEL)
                    in |= uses(w);
            }
            if (in != s->in) {
                s->in = in;
                changed = 1;
            }
        }
    }
}

/* ---- emission ---- */

#define P(...) fprintf(out, __VA_ARGS__)

static const char *opname(unsigned op)
{
    return uc_op_name(op);
}

static void emit_spill(uint64_t live)
{
    for (unsigned r = 0; r < 64; r++)
        if (live >> r & 1)
            P(" cpu->u[%u] = u%u;", r, r);
}

static void emit_stack(int32_t sid)
{
    P(" cpu->usp = %u;", stacks[sid].depth);
    for (int32_t k = sid; k > 0; k = stacks[k].parent)
        P(" cpu->ustack[%u] = %u;", stacks[k].depth - 1, stacks[k].ret);
}

/* Hand word s over to tier 0: its live registers, the micro-stack, upc on
   the word, the word not counted. */
static void emit_deopt(const State *s)
{
    P("{");
    emit_spill(s->in);
    emit_stack(s->sid);
    P(" cpu->upc = %u; uc--; rc = UC_T1_DEOPT; goto out; }", s->addr);
}

/* Leave at the instruction boundary (the fetch entry) with stop rc: what
   the fetch entry reads, an empty micro-stack. */
static void emit_boundary_exit(const char *rc)
{
    emit_spill(states[state_of(m->fetch_entry, 0)].in);
    P(" cpu->usp = 0; cpu->upc = %u; rc = %s; goto out;", m->fetch_entry, rc);
}

/* A backward branch: past half of UC_RUNAWAY_UOPS micro-instructions since
   the instruction began (cpu->ustart), tier 0 takes over at this word:
   it stops an instruction that never ends (which must not hold the host)
   exactly where it would have on its own, and ends any other. The test is
   uc > cpu->ustart + constant (an add and a compare; uc - ustart > constant
   was a subtraction more). */
static void emit_runaway(const State *s)
{
    if (m->words[s->addr].target > s->addr)
        return;
    P("if (UC_RARE(uc > cpu->ustart + UC_RUNAWAY_UOPS / 2)) ");
    emit_deopt(s);
    P(" ");
}

static void ref(uint32_t si)
{
    states[si].referenced = 1;
}

static void emit_goto(uint32_t si)
{
    ref(si);
    P("goto S%u;", si);
}

static const char *B(const UcWord *w, char *buf, size_t n)
{
    if (w->flags & UC_F_IMM)
        snprintf(buf, n, "UINT64_C(0x%" PRIx64 ")", w->imm);
    else
        snprintf(buf, n, "u%u", w->b);
    return buf;
}

static uint64_t maskw(unsigned wd)
{
    return wd == 0 ? 0 : ~UINT64_C(0) >> (64 - wd);
}

/* The C value of an ALU word, its operands given as C text: a (u[a]), b
   (u[b] or the immediate), d (u[dst], which INS and SEL read). Returns 0
   for a word that is not one, -1 when the text does not fit in n (buf
   may be NULL with n 0: whether w is an ALU word, non-zero). */
static int alu_text(char *buf, size_t n, const UcWord *w, const char *a, const char *b, const char *d)
{
    unsigned W = w->width;
    int k;
    switch (w->op) {
    case UC_MOVI: k = snprintf(buf, n, "UINT64_C(0x%" PRIx64 ")", w->imm & maskw(W)); break;
    case UC_MOV: k = snprintf(buf, n, "uc_sem_mov(%s, %u)", a, W); break;
#define BIN(OP, fn) case UC_##OP: k = snprintf(buf, n, "uc_sem_" fn "(%s, %s, %u)", a, b, W); break;
    BIN(ADD, "add") BIN(SUB, "sub") BIN(MUL, "mul") BIN(DIVU, "divu") BIN(REMU, "remu")
    BIN(DIVS, "divs") BIN(REMS, "rems") BIN(AND, "and") BIN(OR, "or") BIN(XOR, "xor")
    BIN(SHL, "shl") BIN(SHR, "shr") BIN(SAR, "sar") BIN(EQ, "eq") BIN(NE, "ne")
    BIN(LTU, "ltu") BIN(LEU, "leu") BIN(LTS, "lts") BIN(LES, "les") BIN(ADDV, "addv")
    BIN(SUBV, "subv") BIN(ADDC, "addc") BIN(SUBC, "subc") BIN(CMPU, "cmpu") BIN(CMPS, "cmps")
#undef BIN
    case UC_NOT: k = snprintf(buf, n, "uc_sem_not(%s, %u)", a, W); break;
    case UC_NEG: k = snprintf(buf, n, "uc_sem_neg(%s, %u)", a, W); break;
    case UC_SEXT: k = snprintf(buf, n, "uc_sem_sext(%s, %u)", a, W); break;
    case UC_EXT: k = snprintf(buf, n, "uc_sem_ext(%s, %" PRIu64 ", %u)", a, w->imm, W); break;
    case UC_INS: k = snprintf(buf, n, "uc_sem_ins(%s, %s, %" PRIu64 ", %u)", d, a, w->imm, W); break;
    case UC_SEL: k = snprintf(buf, n, "uc_sem_sel(%s, %s, %s, %u)", d, a, b, W); break;
    case UC_XLAT:
        k = snprintf(buf, n, "(%s < %uu ? T%u[%s] : 0)", a, m->tables[w->aux].count, w->aux, a);
        break;
    default: return 0;
    }
    return k >= 0 && (size_t)k < n ? 1 : -1;
}

/* The protection part of an access guard (a || term): with a nonzero
   access key, units a .. a+n-1 of w's space go on in tier 1 only when
   uc_t1_key_ok finds every key block's key allows them; otherwise tier 0
   decides (and raises the exception). */
static void emit_key_guard(const UcWord *w, const char *a, const char *n, int store)
{
    const UcSpace *sp = &m->spaces[w->aux];
    if (!sp->key_block || (w->flags & UC_F_NOKEY) || sp->key_field < 0)
        return;
    const UcField *f = &m->fields[sp->key_field];
    unsigned fp = uc_space_fpmask(sp), km = uc_space_kmask(sp);
    char key[96];
    snprintf(key, sizeof key, "((%s >> %u) & UINT64_C(0x%" PRIx64 "))", SL(m->items[f->item].slot), f->shift,
             maskw(f->len));
    P(" || (%s && !uc_t1_key_ok(keys%u, %s, %s, %uu, (unsigned)%s & %uu, %uu, %uu, %d))", key, w->aux, a, n,
      sp->key_block, key, km, km, fp, store);
}

/* The fast-path guard of a storage access of n units at address register
   expression `addr` in space sp: sets `a`, hands over otherwise. */
static void emit_access_guard(const State *s, const UcWord *w, const char *addr, unsigned n, int check_align)
{
    unsigned x = w->aux;
    char nn[16];
    snprintf(nn, sizeof nn, "%u", n);
    if (m->wrap == UC_WRAP_POW2)
        P(" uint64_t a = %s & UINT64_C(0x%" PRIx64 ");", addr, maskw(m->addr_bits));
    else
        P(" uint64_t a = %s;", addr);
    /* units a .. a+n-1 inside storage: one compare when a is masked short
       enough that a + n cannot wrap */
    if (m->wrap == UC_WRAP_POW2 && m->addr_bits < 48)
        P(" if (UC_RARE(a + %uu > lim%u", n, x);
    else
        P(" if (UC_RARE(a >= lim%u || %uu > lim%u - a", x, n, x);
    if (check_align && (w->flags & UC_F_ALIGN) && n > 1)
        P(" || a %% %uu", n);
    emit_key_guard(w, "a", nn, w->op == UC_ST || (w->flags & UC_F_ACC_MASK) == UC_F_STORE);
    P(")) ");
    emit_deopt(s);
}

/* ---- lazy fields: a condition code computed only where it is read ----
 *
 * An STF of a computed value into a field of a cached state slot (S/360:
 * PSW.CC) is deferred when the value comes from a straight run of pure ALU
 * words just before it (its window) that nothing else sees: no other word
 * reads what they write, and none of it is live after the STF. The STF
 * then records which expression it was (a kind, numbered from 1) and the
 * expression's inputs (up to three micro-registers, which the window does
 * not write), and the window's words that make the value are not emitted
 * (still counted). The field is computed from kind and inputs — made
 * real — wherever something can see it: a word that reads the field or the
 * slot, the write-back of the state (every exit and hand-over to tier 0,
 * helper and store-hook calls). A write of the whole field drops a pending
 * one. So a condition code that the next instruction sets again without
 * reading it, the common case, is never computed.
 * A field qualifies when the fetch (what a decode-cache record stands for,
 * and whose checks read the slot directly) and the access-key guards
 * do not touch it. */
enum { LZ_LEAVES = 3, LZ_WINDOW = 16, LZ_KINDS = 250, LZ_TEXT = 2048 };

typedef struct LzSite { uint16_t kind; uint8_t nleaf, leaf[LZ_LEAVES]; } LzSite;
typedef struct LzKind { uint32_t field; char *text; } LzKind;

static uint8_t *lz_field;    /* per field: has a deferred STF (its locals lzF, lzFa..c) */
static uint8_t *lz_skip;     /* per word: a window word not emitted */
static LzSite *lz_site;      /* per word: the deferred STF's kind and inputs */
static LzKind lz_kinds[LZ_KINDS + 1];
static unsigned lz_nkinds;

static uint64_t field_bits(uint32_t f)
{
    return maskw(m->fields[f].len) << m->fields[f].shift;
}

static uint32_t field_slot(uint32_t f)
{
    return m->items[m->fields[f].item].slot;
}

static int item_has_slot(uint32_t item, uint32_t slot)
{
    const UcItem *it = &m->items[item];
    return slot >= it->slot && slot - it->slot < it->count;
}

/* A word a window may hold: an ALU word tier 1 runs itself. */
static int lz_pure(uint32_t a)
{
    State s = { a, 0, 0, 0, 0, 0 };
    return alu_text(NULL, 0, &m->words[a], "", "", "") != 0 && !always_deopt(&s);
}

/* The bits of cached slot sl read or written other than by a word of the
   routine itself: by a decode-cache record (what the fetch may read or
   write) and by the access-key guards. */
static uint64_t lz_touched(uint32_t sl)
{
    uint64_t b = 0;
    for (unsigned k = 0; dcs.ok && k < dcs.nchk; k++)
        if (dcs.chk_slot[k] == sl)
            b |= dcs.chk_bits[k];
    for (unsigned k = 0; dcs.ok && k < dcs.neff; k++)
        if (dcs.eff_slot[k] == sl)
            b |= dcs.eff_bits[k];
    for (uint32_t x = 0; x < m->nspaces; x++)
        if (m->spaces[x].key_block && m->spaces[x].key_field >= 0
            && field_slot((uint32_t)m->spaces[x].key_field) == sl)
            b |= field_bits((uint32_t)m->spaces[x].key_field);
    return b;
}

/* Words the translation enters other than from the word before: the
   entries, and the ends of the translation graph's edges that do not go
   from a word to the next one. */
static void lz_targets(uint8_t *t)
{
    uint32_t e[3] = { m->fetch_entry, m->boundary_entry, m->reset_entry };
    for (unsigned k = 0; k < 3; k++)
        if (e[k] < m->nwords)
            t[e[k]] = 1;
    for (uint32_t i = 0; i < nstates; i++) {
        if (states[i].always_deopt)
            continue;
        uint32_t succ[MAXSUCC];
        uint64_t kill[MAXSUCC];
        unsigned nx, n = successors(i, succ, kill, MAXSUCC, cand_extra, cand_kill, &nx);
        for (unsigned k = 0; k < n + nx; k++) {
            uint32_t b = states[k < n ? succ[k] : cand_extra[k - n]].addr;
            if (b != states[i].addr + 1)
                t[b] = 1;
        }
    }
}

typedef struct LzWin {
    uint32_t a0, n;          /* words a0 .. a0+n-1, the STF at a0+n */
    int node_a[LZ_WINDOW], node_b[LZ_WINDOW], node_d[LZ_WINDOW];  /* operand made by word i, or -1 */
    uint8_t in_expr[LZ_WINDOW];
    LzSite site;
} LzWin;

/* The value word i of the window computes, as C text over the inputs
   x0..x2 (site->leaf); 0 when it does not fit or needs more inputs. */
static int lz_text(LzWin *v, int i, unsigned reg, char *buf, size_t n)
{
    if (i < 0) {                       /* a register as the window found it */
        unsigned k;
        for (k = 0; k < v->site.nleaf && v->site.leaf[k] != reg; k++)
            ;
        if (k == v->site.nleaf) {
            if (k == LZ_LEAVES)
                return 0;
            v->site.leaf[v->site.nleaf++] = (uint8_t)reg;
        }
        return snprintf(buf, n, "x%u", k) < (int)n;
    }
    const UcWord *w = &m->words[v->a0 + (uint32_t)i];
    v->in_expr[i] = 1;
    char *a = malloc(LZ_TEXT), *b = malloc(LZ_TEXT), *d = malloc(LZ_TEXT);
    int ok = a && b && d;
    /* the operands it reads: a (all but MOVI), b (two-operand ops, SEL), d (INS, SEL) */
    int ra = w->op != UC_MOVI, rd = w->op == UC_INS || w->op == UC_SEL;
    int rb = !(w->op == UC_MOVI || w->op == UC_MOV || w->op == UC_NOT || w->op == UC_NEG || w->op == UC_SEXT
               || w->op == UC_EXT || w->op == UC_INS || w->op == UC_XLAT);
    if (ok) {
        a[0] = b[0] = d[0] = 0;
        if (ra)
            ok = lz_text(v, v->node_a[i], w->a, a, LZ_TEXT);
        if (ok && rb && (w->flags & UC_F_IMM))
            snprintf(b, LZ_TEXT, "UINT64_C(0x%" PRIx64 ")", w->imm);
        else if (ok && rb)
            ok = lz_text(v, v->node_b[i], w->b, b, LZ_TEXT);
        if (ok && rd)
            ok = lz_text(v, v->node_d[i], w->dst, d, LZ_TEXT);
    }
    if (ok)
        ok = alu_text(buf, n, w, a, b, d) == 1;
    free(a);
    free(b);
    free(d);
    return ok;
}

/* Whether the STF at word a can be deferred (tgt: lz_targets; live_at: the
   micro-registers live at each word): its window in v, the value's C text
   in text. */
static int lz_window(uint32_t a, const uint8_t *tgt, const uint64_t *live_at, LzWin *v, char *text)
{
    const UcWord *st = &m->words[a];
    memset(v, 0, sizeof *v);
    v->a0 = a;
    while (v->a0 > 0 && a - v->a0 < LZ_WINDOW && lz_pure(v->a0 - 1)) {
        v->a0--;
        if (tgt[v->a0])
            break;
    }
    v->n = a - v->a0;
    int made[64];            /* the window word that last wrote each register */
    for (unsigned r = 0; r < 64; r++)
        made[r] = -1;
    for (uint32_t i = 0; i < v->n; i++) {
        const UcWord *w = &m->words[v->a0 + i];
        v->node_a[i] = made[w->a & 63];
        v->node_b[i] = made[w->b & 63];
        v->node_d[i] = made[w->dst & 63];
        made[w->dst & 63] = (int)i;
    }
    if (!lz_text(v, made[st->a & 63], st->a, text, LZ_TEXT))
        return 0;
    /* the inputs keep their values up to the STF */
    uint64_t leaves = 0, wrote = 0;
    for (unsigned k = 0; k < v->site.nleaf; k++)
        leaves |= bit(v->site.leaf[k]);
    for (uint32_t i = 0; i < v->n; i++)
        wrote |= defs(&m->words[v->a0 + i]);
    if (leaves & wrote)
        return 0;
    /* what the skipped words write, nothing else reads */
    for (uint32_t i = 0; i < v->n; i++) {
        if (!v->in_expr[i])
            continue;
        unsigned r = m->words[v->a0 + i].dst;
        uint32_t j = i + 1;
        for (; j < v->n; j++) {
            const UcWord *w = &m->words[v->a0 + j];
            if (!v->in_expr[j] && (uses(w) & bit(r)))
                return 0;
            if (defs(w) & bit(r))
                break;
        }
        if (j == v->n && (live_at[a + 1] & bit(r)))
            return 0;
    }
    return 1;
}

/* Whether word w reads field f (or its whole slot). */
static int lz_reads(const UcWord *w, uint32_t f)
{
    if (w->op == UC_LDF)
        return field_slot(w->aux) == field_slot(f) && (field_bits(w->aux) & field_bits(f));
    return w->op == UC_LDR && item_has_slot(w->aux, field_slot(f));
}

/* The deferred STFs, their windows' skipped words, their kinds. A field is
   lazy when more words set it in a way that can be deferred than read it
   (S/360: the condition code; not the program mask, which SPM sets and
   every fixed-point overflow reads). */
static void lz_analyse(void)
{
    lz_field = calloc(m->nfields + 1, 1);
    lz_skip = calloc(m->nwords + 1, 1);
    lz_site = calloc(m->nwords + 1, sizeof *lz_site);
    uint8_t *tgt = calloc(m->nwords + 1, 1);
    uint64_t *live_at = calloc(m->nwords + 1, sizeof *live_at);
    uint32_t *sets = calloc(m->nfields + 1, sizeof *sets), *reads = calloc(m->nfields + 1, sizeof *reads);
    char *text = malloc(LZ_TEXT);
    LzWin v;
    if (!lz_field || !lz_skip || !lz_site || !tgt || !live_at || !sets || !reads || !text)
        fail("out of memory");
    lz_targets(tgt);
    for (uint32_t i = 0; i < nstates; i++)
        live_at[states[i].addr] |= states[i].always_deopt ? ALL : states[i].in;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t a = 1; a + 1 < m->nwords; a++) {
            const UcWord *st = &m->words[a];
            if (st->op != UC_STF || (st->flags & UC_F_IMM) || tgt[a] || !cached[field_slot(st->aux)]
                || (lz_touched(field_slot(st->aux)) & field_bits(st->aux)))
                continue;
            if (pass == 1 && !lz_field[st->aux])
                continue;
            if (!lz_window(a, tgt, live_at, &v, text))
                continue;
            if (pass == 0) {
                sets[st->aux]++;
                continue;
            }
            unsigned k;
            for (k = 1; k <= lz_nkinds; k++)
                if (lz_kinds[k].field == st->aux && !strcmp(lz_kinds[k].text, text))
                    break;
            if (k > lz_nkinds) {
                if (lz_nkinds == LZ_KINDS)
                    continue;
                lz_kinds[k].field = st->aux;
                lz_kinds[k].text = strdup(text);
                if (!lz_kinds[k].text)
                    fail("out of memory");
                lz_nkinds = k;
            }
            v.site.kind = (uint16_t)k;
            lz_site[a] = v.site;
            for (uint32_t i = 0; i < v.n; i++)
                if (v.in_expr[i])
                    lz_skip[v.a0 + i] = 1;
        }
        if (pass == 1)
            break;
        for (uint32_t a = 0; a < m->nwords; a++)
            for (uint32_t f = 0; f < m->nfields; f++)
                if (sets[f] && lz_reads(&m->words[a], f))
                    reads[f]++;
        for (uint32_t f = 0; f < m->nfields; f++)
            lz_field[f] = sets[f] > reads[f];
    }
    free(tgt);
    free(live_at);
    free(sets);
    free(reads);
    free(text);
}

/* Make field f real, when pending. */
static void emit_lz_real(uint32_t f)
{
    uint64_t fm = maskw(m->fields[f].len);
    const char *sl = SL(field_slot(f));
    P(" if (lz%u) { %s = (%s & UINT64_C(0x%" PRIx64 ")) | ((lz_value(lz%u, lz%ua, lz%ub, lz%uc) & UINT64_C(0x%" PRIx64
      ")) << %u); lz%u = 0; }", f, sl, sl, ~field_bits(f), f, f, f, f, fm, m->fields[f].shift, f);
}

/* Before word w reads or writes state: make real what it can see, drop
   what it replaces whole. */
static void emit_lz_before(const UcWord *w)
{
    for (uint32_t f = 0; f < m->nfields; f++) {
        if (!lz_field[f])
            continue;
        uint64_t fb = field_bits(f);
        uint64_t stf = w->op == UC_STF && field_slot(w->aux) == field_slot(f) ? field_bits(w->aux) & fb : 0;
        if (stf == fb)
            P(" lz%u = 0;", f);
        else if (stf || lz_reads(w, f) || (w->op == UC_STR && item_has_slot(w->aux, field_slot(f))))
            emit_lz_real(f);
    }
}

/* The value of each kind, from its inputs. */
static void emit_lz_value(void)
{
    if (!lz_nkinds)
        return;
    P("static inline uint64_t lz_value(unsigned k, uint64_t x0, uint64_t x1, uint64_t x2)\n{\n"
      "    (void)x0; (void)x1; (void)x2;\n    switch (k) {\n");
    for (unsigned k = 1; k <= lz_nkinds; k++)
        P("    case %u: return %s;\n", k, lz_kinds[k].text);
    P("    default: return 0;\n    }\n}\n");
}

/* Each lazy field's kind (0: nothing pending) and inputs. */
static void emit_lz_locals(void)
{
    for (uint32_t f = 0; f < m->nfields; f++)
        if (lz_field[f])
            P("    unsigned lz%u = 0; uint64_t lz%ua = 0, lz%ub = 0, lz%uc = 0; (void)lz%ua; (void)lz%ub; (void)lz%uc;\n",
              f, f, f, f, f, f, f);
}

/* cached state slots to cpu->state (pending fields made real), and back;
   and cpu->insn: a record's routine does not set it on entry, it is the
   record's (dcl) whenever the outside may look (a record, not the anchor
   or uc_dc_none: an instruction the micro-code fetched set it itself) */
static void emit_wb(void)
{
    P(" if (dcl->insn != UC_DC_NOINSN) { cpu->insn = dcl->insn; }");
    for (uint32_t f = 0; f < m->nfields; f++)
        if (lz_field[f])
            emit_lz_real(f);
    for (uint32_t i = 0; i < m->nslots; i++)
        if (cached[i])
            P(" st[%u] = s%u;", i, i);
}

static void emit_reload(void)
{
    for (uint32_t i = 0; i < m->nslots; i++)
        if (cached[i])
            P(" s%u = st[%u];", i, i);
}

/* After a store of units a .. a+n-1: the decode cache hears of it when an
   armed record read one of them (the code map, uc_dcache.h), and the store
   hook, when one is set. In a space of byte units one test finds both:
   while a hook is set, code%u is the all-ones map (UcSpaceRt.hooked), and
   uc_dc_written, which looks at the records themselves, runs after every
   store. A hook changes no state (uc_engine.h), so nothing is loaded
   again after it; when it raised attention or irq, tier 0 goes on from
   the next word (next, the state after s), as it would look at them at
   the end of the instruction. */
static void emit_hook_call(const State *s, unsigned space, const char *a, const char *n)
{
    P(" cpu->icount = icb - ib - ibx; cpu->ucount = uc; cpu->upc = %u;", s->addr + 1);
    emit_wb();
    P(" cpu->store_hook(cpu, cpu->store_ctx, %u, %s, %s);", space, a, n);
}

static void emit_heard(const State *s, uint32_t next)
{
    P(" if (UC_RARE(cpu->attention | cpu->irq)) {");
    emit_spill(next != UINT32_MAX ? states[next].in : ALL);
    emit_stack(s->sid);
    P(" cpu->upc = %u; rc = UC_T1_DEOPT; goto out; }", s->addr + 1);
}

/* Every store translated is to a space of byte units (always_deopt:
   fast_space), which has a code map. */
static void emit_stored(const State *s, uint32_t next, unsigned space, const char *a, const char *n)
{
    P(" if (UC_RARE(uc_dc_code_hit(code%u, %s, %s))) { uc_dc_written(cpu, %u, %s, %s);", space, a, n, space, a, n);
    P(" if (UC_RARE(cpu->store_hook != NULL)) {");
    emit_hook_call(s, space, a, n);
    emit_heard(s, next);
    P(" } }");
}

/* A part store (part_fast): the last pk = min(u[dst], k) of its k units
   (uc_store_part), from the end, in pieces of 1, 2, 4 and 8 units by the
   bits of pk (no load: writing back units read with them was slower,
   measured); a store whose k units are not all inside storage (or keys
   that may not allow the part) goes to tier 0. The code map is read for
   all k units first (one host word), then for the part. */
static void emit_part_store(const State *s, const UcWord *w, uint32_t next)
{
    const UcSpace *sp = &m->spaces[w->aux];
    unsigned x = w->aux, k = uc_access_units(sp, w);
    uint64_t wm = maskw(w->width) & uc_lane_mask(sp, w->flags);
    char bb[40];
    P("{ unsigned first; uint64_t ca = u%u & UINT64_C(0x%" PRIx64 "), pk = uc_store_part(%uu, u%u, &first), a = ca + first;"
      " if (UC_RARE(ca + %uu > lim%u", w->a, maskw(m->addr_bits), k, w->dst, k, x);
    emit_key_guard(w, "a", "pk", 1);
    P(")) ");
    emit_deopt(s);
    P(" if (pk) { uint8_t *p = mem%u + ca + %u; uint64_t v = %s & UINT64_C(0x%" PRIx64 ");", x, k, B(w, bb, sizeof bb), wm);
    for (unsigned b = 1; b <= k; b <<= 1) {
        P(" if (pk & %u) { p -= %u; uc_t1_stbe(p, v, %u);", b, b, b);
        if (2 * b <= k)
            P(" v >>= %u;", 8 * b);
        P(" }");
    }
    P(" if (UC_RARE(uc_dc_code_hit(code%u, ca, %u))) {", x, k);
    emit_stored(s, next, x, "a", "pk");
    P(" } } }");
}

/* The body of DISPATCH/EXEC: iv and key in scope; binds the candidate's
   fields and goes to its routine, or to the invalid entry. */
static void emit_dispatch(int32_t sid)
{
    if (m->dispatch.first) {
        uint64_t nk = UINT64_C(1) << m->dispatch.key_bits;
        P("switch (key & UINT64_C(0x%" PRIx64 ")) {\n", nk - 1);
        for (uint64_t k = 0; k < nk; k++) {
            int32_t ci = m->dispatch.first[k];
            if (ci < 0)
                continue;
            P("  case %" PRIu64 ":", k);
            for (; ci >= 0; ci = m->cands[ci].next) {
                const UcCandidate *cd = &m->cands[ci];
                const UcFormat *f = &m->formats[cd->format];
                P(" if ((iv & UINT64_C(0x%" PRIx64 ")) == UINT64_C(0x%" PRIx64 ")) {", cd->mask, cd->match);
                for (unsigned j = 0; j < f->nfields; j++) {
                    const UcFmtField *ff = &f->fields[j];
                    if (ff->is_signed)
                        P(" u%u = (uint64_t)uc_sem_sx((iv >> %u) & UINT64_C(0x%" PRIx64 "), %u);", ff->ureg,
                          ff->shift, maskw(ff->len), ff->len);
                    else
                        P(" u%u = (iv >> %u) & UINT64_C(0x%" PRIx64 ");", ff->ureg, ff->shift, maskw(ff->len));
                }
                P(" cpu->insn = %d; ", cd->insn);
                emit_goto(state_of(cd->entry, sid));
                P(" }");
            }
            P(" break;\n");
        }
        P("  default: break; }\n");
    }
    P(" (void)iv; (void)key; cpu->insn = -1; ");
    emit_goto(state_of(m->dispatch.invalid_entry, sid));
}

/* At the fetch entry: the decode cache's record for this instruction
   (microcode/uc_dcache.h) does the fetch's work — its state fields,
   counts, the fields bound — and goes to the routine; without one the
   fetch runs as translated. */
/* A record r's state checks (each " && ...") and its state writes, on the
   state slots as the generated code holds them. */
static void emit_dc_checks(const char *r)
{
    for (unsigned k = 0; k < dcs.nchk; k++)
        P(" && (%s & %s->cmask[%u]) == %s->cval[%u]", SL(dcs.chk_slot[k]), r, k, r, k);
}

static void emit_dc_effects(const char *r)
{
    for (unsigned k = 0; k < dcs.neff; k++)
        P(" %s = (%s & %s->eand[%u]) | %s->eor[%u];", SL(dcs.eff_slot[k]), SL(dcs.eff_slot[k]), r, k, r, k);
}

/* Where a record of candidate c enters the function being made: its D
   stub, DC_COLD (the hot function, a cold candidate), or nowhere (NULL:
   no record enters that routine). */
static const char *dc_label(uint32_t c)
{
    static char buf[24];
    if (!dc_ok[c])
        return NULL;
    if (hot && !hot_ok[c])
        return "DC_COLD";
    snprintf(buf, sizeof buf, "D%u", c);
    return buf;
}

static void emit_dcache(void)
{
    /* the record after the last one still good (valid, the state it read,
       its storage bytes and keys as they were), or a lookup. Branches, not
       `one_range ? range0_ok : storage_ok` (a flag made and tested again). */
    P("if (dc) { UcDcRec *r = dcl->next; if (!(r->valid");
    emit_dc_checks("r");
    P(")) goto dc_miss; if (r->one_range) { if (!uc_dc_range0_ok(r)) goto dc_miss; }"
      " else if (!uc_dc_storage_ok(cpu, r)) goto dc_miss;");
    P(" goto dc_hit; dc_miss:");
    emit_wb();
    P(" dc->last = dcl; r = (UcDcRec *)uc_dc_lookup(cpu); dc_hit:");
    P(" if (r && dc_ok[r->cand]) {");
    if (hot) {
        /* the hot function: the record's D stub takes it (rn), or DC_COLD
           before it */
        P(" cpu->in_exec = 0; rn = r;");
    } else {
        P(" dcl = r; uc += r->nuops; cpu->in_exec = 0;");
        emit_dc_effects("r");
    }
    /* armed in the switch build too, which never chains: the code map is
       the same in both (and tested under the sanitizers, which use it) */
    P(" if (!r->armed) uc_dc_arm(cpu, r);");
    P("\n#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)\n %s"
      "\n#else\n switch (r->cand) {", hot ? "r->t1 = run_in[2 * r->cand + r->eff_set]; goto *dc_lab[r->cand];"
                                         : "r->t1 = dc_in[2 * r->cand + r->eff_set]; goto *dc_lab[r->cand];");
    for (uint32_t c = 0; c <= m->ncands; c++)
        if (dc_label(c))
            P(" case %u: goto %s;", c, dc_label(c));
    P(" default: break; }\n#endif\n } else { dcl = r ? r : dc->last; } }\n   ");
}

/* Where a record enters an instruction routine: the fields it binds (from
   dcl, the record), the instruction, the routine. */
static void emit_dcache_entries(void)
{
    for (uint32_t c = 0; c <= m->ncands; c++) {
        if (!dc_ok[c] || (hot && !hot_ok[c]))
            continue;
        uint32_t entry = c < m->ncands ? m->cands[c].entry : m->dispatch.invalid_entry;
        uint32_t si = state_of(entry, 0);
        uint64_t fields = 0, fmask[64];   /* an unsigned field: its width, for the C compiler */
        if (c < m->ncands) {
            const UcFormat *f = &m->formats[m->cands[c].format];
            for (unsigned j = 0; j < f->nfields; j++) {
                const UcFmtField *ff = &f->fields[j];
                fields |= bit(ff->ureg);
                fmask[ff->ureg & 63] = ff->is_signed ? ALL : maskw(ff->len);
            }
        }
        if (!hot) {
            /* chained to (DC_NEXT): the record's state writes, whole (W,
               eff_set) or as AND/OR masks (E) */
            P("#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)\nE%u:", c);
            emit_dc_effects("dcl");
            P(" goto D%u;\nW%u:", c, c);
            for (unsigned k = 0; k < dcs.neff; k++)
                P(" %s = dcl->eor[%u];", SL(dcs.eff_slot[k]), k);
            P("\n#endif\n");
        }
        P("D%u:", c);
        if (hot) {
            /* the hot function's chain goes to the stub before the record's
               effects, so that a cold record can still be left alone */
            P(" dcl = rn; uc += dcl->nuops;");
            emit_dc_effects("dcl");
        }
        for (unsigned k = 0; k < dcs.nreg; k++) {
            unsigned rg = dcs.reg[k];
            if (!(states[si].in >> rg & 1))
                continue;
            if (fields >> rg & 1)
                P(fmask[rg & 63] == ALL ? " u%u = dcl->v[%u];" : " u%u = dcl->v[%u]; UC_T1_ASSUME(u%u <= UINT64_C(0x%" PRIx64 "));",
                  rg, k, rg, fmask[rg & 63]);
            else
                P(" if (dcl->wmask >> %u & 1) u%u = dcl->v[%u];", k, rg, k);
        }
        P(" ");
        emit_goto(si);
        P("\n");
    }
    if (hot) {
        /* a cold record next: the instruction boundary, as at the end of
           the budget */
        P("DC_COLD: (void)rn;");
        emit_boundary_exit("UC_T1_COLD");
        P("\n");
    }
}

/* The end of an instruction: with computed goto, the next instruction's
   record is tried right here, else the fetch entry. (GCC at -O1 merges the
   indirect jumps into one; -fexpensive-optimizations keeps one at each
   instruction end, and was no faster on the S/360 loop mix or the 1401
   loop, for half again the compile time.) A record has its entry (t1) once
   the fetch entry has entered it; in_exec is 0 there (EXEC makes the end
   of its subject the one that clears it: T1_POKE). */
static int dc_next_ok(void)
{
    return dcs.ok;
}

static uint8_t exec_sids[MAX_STACKS / 8];

static void emit_word(uint32_t si)
{
    State *s = &states[si];
    const UcWord *w = &m->words[s->addr];
    char bb[64];
    unsigned W = w->width;
    P("S%u: /* %u %s */ ", si, s->addr, w->op < UC_NOPS ? opname(w->op) : "?");
    if (s->addr == m->fetch_entry && s->sid == 0 && dcs.ok && !s->always_deopt)
        emit_dcache();
    P("uc++; ");
    if (s->always_deopt) {
        emit_deopt(s);
        P("\n");
        return;
    }
    int falls = 1;           /* goes on to (addr + 1, sid) */
    uint32_t next = UINT32_MAX;
    switch (w->op) {
    case UC_JMP: case UC_CALL: case UC_RET: case UC_DISPATCH: case UC_EXEC: case UC_ENDOP: case UC_TRAP:
        break;
    default:
        if (s->addr + 1 < m->nwords)
            next = state_of(s->addr + 1, s->sid);
        break;
    }           /* goes on to (addr + 1, sid) */
    if (!lz_site[s->addr].kind)
        emit_lz_before(w);
    switch (lz_skip[s->addr] ? UC_NOP : w->op) {   /* a lazy field's window: not emitted */
    case UC_NOP: break;
    case UC_LDR: {
        const UcItem *it = &m->items[w->aux];
        if (it->number_map && it->nnumbers)
            P("{ uint64_t n = u%u; int32_t e = n < %uu ? MAP%u[n] : -1; u%u = e >= 0 ? st[%u + (uint32_t)e] : 0; }",
              w->a, it->nnumbers, w->aux, w->dst, it->slot);
        else if (it->number_map)
            P("u%u = 0;", w->dst);
        else
            P(cached[it->slot] ? "u%u = u%u < %uu ? s%u : 0;" : "u%u = u%u < %uu ? st[%u + u%u] : 0;",
              w->dst, w->a, it->count, it->slot, w->a);
        break;
    }
    case UC_STR: {
        const UcItem *it = &m->items[w->aux];
        if (it->number_map && it->nnumbers)
            P("{ uint64_t n = u%u; int32_t e = n < %uu ? MAP%u[n] : -1; if (e >= 0) st[%u + (uint32_t)e] = %s & UINT64_C(0x%" PRIx64 "); }",
              w->a, it->nnumbers, w->aux, it->slot, B(w, bb, sizeof bb), maskw(it->width));
        else if (it->number_map)
            ;
        else if (cached[it->slot])
            P("if (u%u < 1u) s%u = %s & UINT64_C(0x%" PRIx64 ");", w->a, it->slot, B(w, bb, sizeof bb), maskw(it->width));
        else
            P("if (u%u < %uu) st[%u + u%u] = %s & UINT64_C(0x%" PRIx64 ");", w->a, it->count, it->slot, w->a,
              B(w, bb, sizeof bb), maskw(it->width));
        break;
    }
    case UC_LDF: {
        const UcField *f = &m->fields[w->aux];
        P("u%u = (%s >> %u) & UINT64_C(0x%" PRIx64 ");", w->dst, SL(m->items[f->item].slot), f->shift, maskw(f->len));
        break;
    }
    case UC_STF: {
        const UcField *f = &m->fields[w->aux];
        unsigned sl = m->items[f->item].slot;
        uint64_t fm = maskw(f->len);
        const LzSite *z = &lz_site[s->addr];
        if (z->kind) {
            P("lz%u = %u;", w->aux, z->kind);
            for (unsigned k = 0; k < z->nleaf; k++)
                P(" lz%u%c = u%u;", w->aux, 'a' + k, z->leaf[k]);
        } else if (w->flags & UC_F_IMM)
            P("%s = (%s & UINT64_C(0x%" PRIx64 ")) | UINT64_C(0x%" PRIx64 ");", SL(sl), SL(sl),
              ~(fm << f->shift), (w->imm & fm) << f->shift);
        else
            P("%s = (%s & UINT64_C(0x%" PRIx64 ")) | ((u%u & UINT64_C(0x%" PRIx64 ")) << %u);", SL(sl), SL(sl),
              ~(fm << f->shift), w->a, fm, f->shift);
        break;
    }
    case UC_LD: case UC_ST: {
        if (w->flags & UC_F_PART) {
            emit_part_store(s, w, next);
            break;
        }
        const UcSpace *sp = &m->spaces[w->aux];
        /* ub: the unit's bits, lb: the bits it takes in the value (a byte
           with UC_F_LANES); wm: the value's bits that storage holds */
        unsigned ub = sp->unit_bits, lb = uc_lane_bits(sp, w->flags), n = uc_access_units(sp, w);
        uint64_t wm = maskw(W) & uc_lane_mask(sp, w->flags);
        char addr[16];
        snprintf(addr, sizeof addr, "u%u", w->a);
        P("{");
        emit_access_guard(s, w, addr, n, 1);
        P(" uint8_t *p = mem%u + a;", w->aux);
        int big = m->endian == UC_BIG;
        if (big && lb == 8 && n <= 8) {      /* bytes: one host access */
            if (w->op == UC_LD)
                P(" u%u = uc_t1_ldbe(p, %u) & UINT64_C(0x%" PRIx64 ");", w->dst, n, wm);
            else
                P(" uc_t1_stbe(p, %s & UINT64_C(0x%" PRIx64 "), %u);", B(w, bb, sizeof bb), wm, n);
        } else if (w->op == UC_LD) {
            P(" uint64_t v = 0;");
            for (unsigned i = 0; i < n; i++) {
                char um[24] = "";
                if (ub < 8)
                    snprintf(um, sizeof um, " & 0x%x", (unsigned)maskw(ub));
                if (big)
                    P(" v = v << %u | (p[%u]%s);", lb, i, um);
                else if (i * lb < 64)
                    P(" v |= (uint64_t)(p[%u]%s) << %u;", i, um, i * lb);
            }
            P(" u%u = v & UINT64_C(0x%" PRIx64 ");", w->dst, wm);
        } else {
            P(" uint64_t v = %s & UINT64_C(0x%" PRIx64 ");", B(w, bb, sizeof bb), wm);
            for (unsigned i = 0; i < n; i++) {
                unsigned sh = (big ? n - 1 - i : i) * lb;
                if (sh < 64)
                    P(" p[%u] = (uint8_t)((v >> %u) & 0x%x);", i, sh, (unsigned)maskw(ub < 8 ? ub : 8));
                else
                    P(" p[%u] = 0;", i);
            }
        }
        if (w->op == UC_ST) {
            char nn[16];
            snprintf(nn, sizeof nn, "%u", n);
            emit_stored(s, next, w->aux, "a", nn);
        }
        P(" }");
        break;
    }
    case UC_PROBE: {
        unsigned x = w->aux;
        P("{ uint64_t n = %s, a = u%u & UINT64_C(0x%" PRIx64 "); if (UC_RARE(n > lim%u || a > lim%u - n", B(w, bb, sizeof bb),
          w->a, maskw(m->addr_bits), x, x);
        emit_key_guard(w, "a", "n", (w->flags & UC_F_ACC_MASK) == UC_F_STORE);
        P(")) ");
        emit_deopt(s);
        P(" }");
        break;
    }
    case UC_MOVE: {
        unsigned x = w->aux;
        uint64_t am = maskw(m->addr_bits);
        P("{ uint64_t n = %s, sa = u%u & UINT64_C(0x%" PRIx64 "), da = u%u & UINT64_C(0x%" PRIx64 ");",
          B(w, bb, sizeof bb), w->a, am, w->dst, am);
        P(" if (UC_RARE(n > lim%u || sa > lim%u - n || da > lim%u - n", x, x, x);
        emit_key_guard(w, "sa", "n", 0);
        emit_key_guard(w, "da", "n", 1);
        P(")) ");
        emit_deopt(s);
        P(" if (UC_RARE(cpu->store_hook != NULL)) { for (uint64_t i = 0; i < n; i++) { mem%u[da + i] = mem%u[sa + i];", x, x);
        emit_hook_call(s, x, "da + i", "1");
        P(" } uc_dc_written(cpu, %u, da, n);", x);   /* byte units (always_deopt): a code map */
        emit_heard(s, next);
        P(" } else { if (da <= sa || da >= sa + n) { uc_t1_move(mem%u + da, mem%u + sa, n); }"
          " else { for (uint64_t i = 0; i < n; i++) mem%u[da + i] = mem%u[sa + i]; }", x, x, x, x);
        P(" if (UC_RARE(uc_dc_code_hit(code%u, da, n))) uc_dc_written(cpu, %u, da, n);", x, x);
        P(" }");
        P(" }");
        break;
    }
    case UC_LDK: case UC_STK: {
        unsigned x = w->aux;
        const UcSpace *sp = &m->spaces[x];
        if (!sp->key_block) {
            if (w->op == UC_LDK)
                P("u%u = 0;", w->dst);
            break;
        }
        if (m->wrap == UC_WRAP_POW2)
            P("{ uint64_t a = u%u & UINT64_C(0x%" PRIx64 ");", w->a, maskw(m->addr_bits));
        else
            P("{ uint64_t a = u%u %% size%u;", w->a, x);
        uint8_t fp = sp->fetch_prot_bit < 8 ? (uint8_t)(1u << sp->fetch_prot_bit) : 0;
        uint8_t km = (uint8_t)(maskw(sp->key_bits) & ~(uint64_t)fp);
        if (w->op == UC_LDK)
            P(" u%u = keys%u && a < size%u ? keys%u[a / %u] : 0; }", w->dst, x, x, x, sp->key_block);
        else
            P(" if (keys%u && a < size%u) keys%u[a / %u] = (uint8_t)(%s & 0x%x); }", x, x, x, sp->key_block,
              B(w, bb, sizeof bb), (unsigned)(km | fp));
        break;
    }
    case UC_JMP:
        emit_runaway(s);
        emit_goto(state_of(w->target, s->sid));
        falls = 0;
        break;
    case UC_BZ: case UC_BNZ:
        emit_runaway(s);
        P("if (%su%u) ", w->op == UC_BZ ? "!" : "", w->a);
        emit_goto(state_of(w->target, s->sid));
        break;
    case UC_CALL:
        emit_goto(state_of(w->target, push_stack(s->sid, s->addr + 1)));
        falls = 0;
        break;
    case UC_RET:
        emit_goto(state_of(stacks[s->sid].ret, stacks[s->sid].parent));
        falls = 0;
        break;
    case UC_DISPATCH:
        falls = 0;
        P("cpu->in_exec = 0; { const uint64_t iv = u%u, key = u%u; ", w->b, w->a);
        emit_dispatch(s->sid);
        P(" }");
        break;
    case UC_EXEC:            /* rare: one shared switch per micro-stack context */
        falls = 0;
        /* the subject sets cpu->insn: dcl (the EX's record) no longer stands for it */
        P("cpu->in_exec = 1; T1_POKE(); if (dc) dcl = &dc->anchor; xk = u%u; xv = u%u; goto X%d;", w->a, w->b, s->sid);
        exec_sids[s->sid >> 3] |= (uint8_t)(1u << (s->sid & 7));
        break;
    case UC_ENDOP: {
        falls = 0;
        uint32_t f = state_of(m->fetch_entry, 0);
        int hasb = m->boundary_entry != (uint32_t)UC_NONE;
        /* A counted end tests the budget only: in_exec, attention and irq
           are looked at when it runs out, and whatever sets one of them
           while the generated code runs (EXEC, a helper, a store hook)
           makes it run out at this end (T1_POKE). An uncounted end (a
           boundary routine's) looks at them itself. */
        /* cpu->ustart itself, not a local: one store either way, and one
           variable fewer for the register allocator of the one big
           function (callgrind S/360 loop mix -1.2 %) */
        P("cpu->ustart = uc; ");
        if (w->imm == 0) {
            P("if (UC_RARE(--ib == 0)) { cpu->in_exec = 0; if (!ibx) {");
            emit_boundary_exit("UC_STOP_INSN_LIMIT");
            P(" } ib = ibx; ibx = 0; ");
        } else {
            P("cpu->in_exec = 0; { ");
        }
        P("if (UC_RARE(cpu->attention | cpu->irq)) { if (cpu->attention) { cpu->attention = 0;");
        emit_boundary_exit("UC_STOP_ATTENTION");
        P(" }");
        if (hasb) {
            P(" cpu->irq = 0; ");
            emit_goto(state_of(m->boundary_entry, 0));
        }
        P(" } } ");
        if (dc_next_ok()) {
            ref(f);
            P(hot ? "DC_NEXT_HOT(S%u);" : "DC_NEXT(S%u);", f);
        } else {
            emit_goto(f);
        }
        break;
    }
    case UC_TRAP: {
        falls = 0;
        const UcInterrupt *in = &m->interrupts[w->aux];
        if (in->nparams)
            P("u%u = UINT64_C(0x%" PRIx64 "); ", in->param_ureg[0], w->imm);
        emit_goto(state_of(in->entry, 0));
        break;
    }
    case UC_STOP: {
        falls = 0;
        uint64_t live = next != UINT32_MAX ? states[next].in : ALL;
        P("uc_t1_stop_machine(cpu, %" PRIu64 "u);", w->imm);
        emit_spill(live);
        emit_stack(s->sid);
        P(" cpu->upc = %u; rc = UC_STOP_MACHINE; goto out;", s->addr + 1);
        break;
    }
    case UC_CALLH: {
        const UcHelper *h = &m->helpers[w->aux];
        uint64_t live = next != UINT32_MAX ? states[next].in : ALL;
        P("{ if (!cpu->helper_fn[%u]) ", w->aux);
        emit_deopt(s);
        emit_spill(s->in);
        emit_stack(s->sid);
        emit_wb();
        P(" cpu->upc = %u; cpu->icount = icb - ib - ibx; cpu->ucount = uc; uint64_t res = 0;"
          " int r = cpu->helper_fn[%u](cpu, cpu->helper_ctx[%u], &cpu->u[%u], %" PRIu64 "u, &res);",
          s->addr + 1, w->aux, w->aux, w->a, w->imm);
        if (h->has_result)
            P(" cpu->u[%u] = res;", w->dst);
        for (unsigned r = 0; r < 64; r++)
            if (live >> r & 1)
                P(" u%u = cpu->u[%u];", r, r);
        if (h->has_result)
            P(" u%u = res;", w->dst);
        emit_reload();
        P(" icb = cpu->icount + ib + ibx; T1_HEAR(); if (r) { uc_t1_stop_helper(cpu, %u, r); rc = UC_STOP_HELPER; goto out; } }", w->aux);
        break;
    }
    default: {               /* the ALU words (alu_text), or one tier 0 runs */
        char a[8], d[8], e[160];
        snprintf(a, sizeof a, "u%u", w->a);
        snprintf(d, sizeof d, "u%u", w->dst);
        int k = alu_text(e, sizeof e, w, a, B(w, bb, sizeof bb), d);
        if (k < 0)
            fail("internal: word %u: ALU text longer than %zu", s->addr, sizeof e);
        if (k) {
            P("u%u = %s;", w->dst, e);
            break;
        }
        emit_deopt(s);
        falls = 0;
        break;
    }
    }
    if (falls) {
        if (next == UINT32_MAX) {
            /* off the end of the control store: tier 0 reports it */
            P(" {");
            emit_stack(s->sid);
            P(" cpu->upc = %u; rc = UC_T1_DEOPT; goto out; }", m->nwords);
        } else {
            P(" ");
            emit_goto(next);
        }
    }
    P("\n");
}

/* The translated graph from the entries (explore), its liveness, and which
   routines a decode-cache record may enter: those whose live micro-
   registers the record holds, when the fetch writes them (see
   emit_dcache): dc_ok for the whole function; hot_ok for the hot one (a
   hot routine the whole function's records may enter). */
static void analyse(void)
{
    nstates = 0;
    nstacks = 1;             /* stack 0: empty */
    memset(hmap, 0, hsize * sizeof *hmap);
    memset(exec_sids, 0, sizeof exec_sids);
    explore();
    liveness();
    if (!hot && m->fetch_entry < m->nwords && states[state_of(m->fetch_entry, 0)].always_deopt)
        dcs.ok = 0;
    uint64_t held = 0;
    for (unsigned k = 0; k < dcs.nreg; k++)
        held |= bit(dcs.reg[k]);
    for (uint32_t c = 0; dcs.ok && c <= m->ncands; c++) {
        if (hot && !(hot[c] && dc_ok[c]))
            continue;
        uint32_t entry = c < m->ncands ? m->cands[c].entry : m->dispatch.invalid_entry;
        uint32_t si = state_of(entry, 0);
        (hot ? hot_ok : dc_ok)[c] = !states[si].always_deopt && (states[si].in & dcs.written & ~held) == 0;
    }
}

/* The chain at an instruction's end under computed goto: the record that
   came after this one last time, when it is armed (gmask/gval: entered
   from S0 once, so valid; one range, no keys; its bytes as they were, or a
   store has disarmed it) and the first state slot is as the record read
   it; the other state slots when the record read them (xchk). The whole
   function takes the record's effects and enters its routine (t1); the hot
   one goes to the record's D stub, which takes them, or to DC_COLD. */
static void emit_dc_next(const char *macro)
{
    P("#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)\n#define %s(fetch) do {"
      " UcDcRec *r_ = dcl->next; if (UC_RARE((%s & r_->gmask) != r_->gval", macro, SL(dcs.chk_slot[0]));
    for (unsigned k = 1; k < dcs.nchk; k++)
        P("%s(%s & r_->cmask[%u]) != r_->cval[%u]", k == 1 ? " || (r_->xchk && (" : " || ", SL(dcs.chk_slot[k]), k, k);
    if (dcs.nchk > 1)
        P("))");
    if (hot) {
        P(")) goto fetch; rn = r_; goto *dc_lab[r_->cand]; } while (0)\n");
    } else {
        P(")) goto fetch; dcl = r_; uc += r_->nuops; goto *r_->t1; } while (0)\n");
    }
    P("#else\n#define %s(fetch) goto fetch\n#endif\n", macro);
}

/* One generated function, `static int NAME(UcCpu *cpu, uint64_t *ibp)`,
   from the graph analyse() made. */
static void emit_function(const char *fname)
{
    P("\nstatic int %s(UcCpu *cpu, uint64_t *ibp)\n{\n", fname);
    if (dcs.ok) {
        /* where a record enters its routine (its state writes made); in
           the whole function also where the record before it chains to it,
           its t1, by candidate and eff_set (E and W stubs, which the hot
           function sets too: the constructor calls run(NULL, NULL)) */
        P("#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)\n    static const void *const dc_lab[%u] = {", m->ncands + 1);
        for (uint32_t c = 0; c <= m->ncands; c++)
            P(dc_label(c) ? "%s&&%s" : "%s0", c ? "," : "", dc_label(c));
        P("};\n");
        if (!hot) {
            P("    static const void *const dc_in[%u] = {", 2 * (m->ncands + 1));
            for (uint32_t c = 0; c <= m->ncands; c++)
                P(dc_label(c) ? "%s&&E%u,&&W%u" : "%s0,0", c ? "," : "", c, c);
            P("};\n");
        }
        if (!hot && nhot)
            P("    if (!cpu) { run_in = dc_in; (void)ibp; return 0; }\n");
        P("#endif\n");
    }
    for (unsigned r = 0; r < 64; r++)
        P("    uint64_t u%u = 0; (void)u%u;\n", r, r);
    /* the state slots: inside UcCpu when they fit (uc_cpu_new puts them
       there), one base register (cpu) for them and everything else */
    if (m->nslots <= UC_STATE_IN)
        P("#define st (cpu->state_in)\n");
    else
        P("    uint64_t *const st = cpu->state;\n");
    for (uint32_t i = 0; i < m->nslots; i++)
        if (cached[i])
            P("    uint64_t s%u = st[%u];\n", i, i);
    emit_lz_locals();
    for (uint32_t i = 0; i < m->nspaces; i++) {
        P("    uint8_t *const mem%u = cpu->spaces[%u].mem; const uint64_t size%u = cpu->spaces[%u].size;"
          " uint8_t *const keys%u = cpu->spaces[%u].keys; uint8_t *const code%u = cpu->store_hook ? cpu->spaces[%u].hooked : cpu->spaces[%u].code;\n",
          i, i, i, i, i, i, i, i, i);
        if (m->wrap == UC_WRAP_POW2 && m->addr_bits < 64)
            P("    const uint64_t lim%u = size%u - 1 < UINT64_C(0x%" PRIx64 ") ? size%u : UINT64_C(0x%" PRIx64 ") + 1;\n",
              i, i, maskw(m->addr_bits), i, maskw(m->addr_bits));
        else
            P("    const uint64_t lim%u = size%u;\n", i, i);
        P("    (void)mem%u; (void)keys%u; (void)code%u; (void)lim%u;\n", i, i, i, i);
    }
    P("    uint64_t ib = *ibp, ibx = 0, icb = cpu->icount + ib, uc = cpu->ucount, xk = 0, xv = 0;\n    int rc;\n    (void)xk; (void)xv;\n"
      "    if (cpu->attention | cpu->irq | cpu->in_exec) T1_POKE();\n");
    /* dcl stands for cpu->insn (emit_wb): the last record only when it set
       the cpu->insn there is (not when tier 0 has run an instruction since
       without it) */
    P("    UcDcache *const dc = cpu->dc; UcDcRec *dcl = dc ? dc->last : &uc_dc_none;\n"
      "    if (dc && dcl->insn != cpu->insn) dcl = &dc->anchor;\n");
    if (hot)
        P("    UcDcRec *rn = NULL;\n");
    P("    switch (cpu->upc) {\n");
    uint32_t entries[3] = { m->fetch_entry, m->boundary_entry, m->reset_entry };
    for (unsigned i = 0; i < 3; i++) {
        if (entries[i] >= m->nwords || (i && entries[i] == entries[0]) || (i == 2 && entries[2] == entries[1]))
            continue;
        uint32_t si = state_of(entries[i], 0);
        P("    case %u:", entries[i]);
        for (unsigned r = 0; r < 64; r++)
            if (states[si].in >> r & 1)
                P(" u%u = cpu->u[%u];", r, r);
        P(" goto S%u;\n", si);
        ref(si);
    }
    P("    default: return UC_T1_DEOPT;\n    }\n");
    /* emission order: follow each fall-through chain */
    uint32_t total = nstates;
    uint32_t *order = malloc(sizeof *order * MAX_STATES);
    uint32_t norder = 0;
    if (!order)
        fail("out of memory");
    for (uint32_t i = 0; i < total; i++) {
        uint32_t si = i;
        while (!states[si].emitted) {
            states[si].emitted = 1;
            order[norder++] = si;
            const UcWord *w = &m->words[states[si].addr];
            if (states[si].always_deopt || w->op == UC_JMP || w->op == UC_CALL || w->op == UC_RET
                || w->op == UC_ENDOP || w->op == UC_TRAP || w->op == UC_STOP || w->op == UC_DISPATCH
                || w->op == UC_EXEC || states[si].addr + 1 >= m->nwords)
                break;
            si = state_of(states[si].addr + 1, states[si].sid);
        }
    }
    if (nstates != total)
        fail("internal: states grew while emitting (%u, %u)", nstates, total);
    /* Emit to a temporary buffer first: labels are only printed when referenced. */
    char *body = NULL;
    size_t bodylen = 0;
    FILE *mem = open_memstream(&body, &bodylen);
    if (!mem)
        fail("out of memory");
    FILE *saved = out;
    out = mem;
    for (uint32_t i = 0; i < norder; i++) {
        emit_word(order[i]);
        /* a fall-through to the next emitted word needs no goto: keep it anyway
           (the compiler removes it) */
    }
    if (dcs.ok)
        emit_dcache_entries();
    for (uint32_t k = 0; k < nstacks; k++)
        if (exec_sids[k >> 3] >> (k & 7) & 1) {
            P("X%u: { const uint64_t iv = xv, key = xk; ", k);
            emit_dispatch((int32_t)k);
            P(" }\n");
        }
    fclose(mem);
    out = saved;
    if (nstates != total)
        fail("internal: states grew while emitting (%u, %u)", nstates, total);
    /* drop the labels nobody jumps to */
    char *p = body;
    while (*p) {
        char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p + 1) : strlen(p);
        unsigned si;
        int skip = 0;
        if (sscanf(p, "S%u:", &si) == 1 && si < nstates && !states[si].referenced) {
            char *colon = strchr(p, ':');
            skip = (int)(colon - p + 1);
        }
        fwrite(p + skip, 1, len - (size_t)skip, stdout);
        p += len;
    }
    free(body);
    P("out:\n    if (dc) dc->last = dcl;\n   ");
    emit_wb();
    P("\n    cpu->icount = icb - ib - ibx; cpu->ucount = uc; *ibp = ib + ibx;\n"
      "    if (rc != UC_T1_DEOPT && rc != UC_T1_COLD) cpu->stop = (UcStop)rc;\n    return rc;\n}\n#undef st\n\n");
    free(order);
}

int main(int argc, char **argv)
{
    char err[256];
    if (argc != 3) {
        fprintf(stderr, "usage: uc_gen FILE.ucode NAME > FILE.c\n");
        return 2;
    }
    UcMachine *mm = uc_read_file(argv[1], err, sizeof err);
    if (!mm)
        fail("%s: %s", argv[1], err);
    if (uc_machine_check(mm, err, sizeof err))
        fail("%s: %s", argv[1], err);
    m = mm;
    const char *name = argv[2];
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            fail("machine name '%s' is not a C identifier", name);
    stacks = calloc(MAX_STACKS, sizeof *stacks);
    states = calloc(MAX_STATES, sizeof *states);
    hsize = 1u << 20;
    hmap = calloc(hsize, sizeof *hmap);
    cand_extra = calloc(m->ncands + 1, sizeof *cand_extra);
    cand_kill = calloc(m->ncands + 1, sizeof *cand_kill);
    if (!stacks || !states || !hmap || !cand_extra || !cand_kill)
        fail("out of memory");
    cached = calloc(m->nslots ? m->nslots : 1, 1);
    if (!cached)
        fail("out of memory");
    for (uint32_t i = 0; i < m->nitems; i++)
        if (m->items[i].count == 1 && !m->items[i].number_map)
            cached[m->items[i].slot] = 1;
    word_g = malloc(((size_t)m->nwords + 1) * sizeof *word_g);
    word_k = malloc(((size_t)m->nwords + 1) * sizeof *word_k);
    dc_ok = calloc(m->ncands + 1, 1);
    hot_ok = calloc(m->ncands + 1, 1);
    if (!word_g || !word_k || !dc_ok || !hot_ok || uc_word_liveness(m, word_g, word_k) != 0)
        fail("out of memory");
    uc_dc_summarise(m, &dcs);
    analyse();
    uint32_t nfull = nstates;
    /* the hot function, when the description marks instructions hot and
       the fetch makes decode-cache records (its way back to the whole
       function): hot_mask, and cold_entry for the other routines */
    hot_mask = calloc(m->ncands + 1, 1);
    cold_entry = calloc(m->nwords + 1, 1);
    if (!hot_mask || !cold_entry)
        fail("out of memory");
    for (uint32_t c = 0; dc_next_ok() && c < m->ncands; c++)
        if (m->cands[c].insn >= 0 && (uint32_t)m->cands[c].insn < m->ninsns
            && (m->insns[m->cands[c].insn].attrs & UC_A_HOT)) {
            hot_mask[c] = 1;
            nhot++;
        }
    for (uint32_t c = 0; c <= m->ncands; c++)
        if (!hot_mask[c])
            cold_entry[c < m->ncands ? m->cands[c].entry : m->dispatch.invalid_entry] = 1;
    for (uint32_t c = 0; c < m->ncands; c++)
        if (hot_mask[c])
            cold_entry[m->cands[c].entry] = 0;
    lz_analyse();             /* after the summary: what a record reads and writes */
    out = stdout;

    P("/* Generated by uc_gen from %s: tier 1 for machine %s (%u micro-words, %u states).\n"
      "   Do not edit: see microcode/uc_gen.c. */\n", argv[1], m->name ? m->name : "?", m->nwords, nstates);
    P("#include <stdint.h>\n#include <string.h>\n#include \"microcode/uc_tier1.h\"\n#include \"microcode/uc_dcache.h\"\n#include \"microcode/uc_sem.h\"\n\n");
    for (uint32_t i = 0; i < m->ntables; i++) {
        const UcTable *t = &m->tables[i];
        P("static const uint64_t T%u[%u] = {", i, t->count ? t->count : 1);
        for (uint32_t k = 0; k < t->count; k++)
            P("%sUINT64_C(0x%" PRIx64 ")", k ? "," : "", t->values[k]);
        P(t->count ? "};\n" : "0};\n");
    }
    for (uint32_t i = 0; i < m->nitems; i++) {
        const UcItem *it = &m->items[i];
        if (!it->number_map || !it->nnumbers)
            continue;
        P("static const int32_t MAP%u[%u] = {", i, it->nnumbers);
        for (uint32_t k = 0; k < it->nnumbers; k++)
            P("%s%d", k ? "," : "", it->number_map[k]);
        P("};\n");
    }
    /* the next counted ENDOP runs out of budget and looks at in_exec,
       attention and irq; the budget left is ib + ibx */
    P("#define T1_POKE() do { if (ib > 1) { ibx += ib - 1; ib = 1; } } while (0)\n");
    /* after a call out (a helper, a store hook), which may raise them */
    P("#define T1_HEAR() do { if (UC_RARE(cpu->attention | cpu->irq)) T1_POKE(); } while (0)\n");
    if (dc_next_ok())
        emit_dc_next("DC_NEXT");
    if (nhot)
        P("#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)\nstatic const void *const *run_in;\n#endif\n");
    if (dcs.ok) {
        P("static const uint8_t dc_ok[%u] = {", m->ncands + 1);
        for (uint32_t c = 0; c <= m->ncands; c++)
            P("%s%u", c ? "," : "", dc_ok[c]);
        P("};\n");
    }
    emit_lz_value();
    emit_function("run");
    if (nhot) {
        hot = hot_mask;
        analyse();
        emit_dc_next("DC_NEXT_HOT");
        emit_function("run_hot");
    }
    P("static const UcT1Gen gen = { \"%s\", UINT64_C(0x%" PRIx64 "), run, %u, UINT64_C(0x%" PRIx64 "), %s, %s };\n", name,
      uc_tier1_hash(m), nfull, m->hash, dcs.ok ? "dc_ok" : "NULL", nhot ? "run_hot" : "NULL");
    P("__attribute__((constructor)) static void register_%s(void)\n{\n", name);
    if (nhot)
        P("#if defined(UC_COMPUTED_GOTO) && defined(__GNUC__)\n    run(NULL, NULL);\n#endif\n");
    P("    uc_tier1_register(&gen);\n}\n");
    uc_machine_free(mm);
    return 0;
}
