/* isa_lower.c — lowering of the statement language (isa/LANGUAGE.md,
 * "Statements" and "Expressions") to the vertical micro-operations of
 * microcode/uc_ops.h.
 *
 * Each routine (fetch, an instruction or one of its variants, an interrupt,
 * a micro subroutine) is lowered into its own buffer with local labels;
 * isa_layout() places them in the control store and resolves targets.
 *
 * Values are kept zero-extended to their width in 64-bit micro-registers.
 * The lowering folds constants, uses immediates (UC_F_IMM) for constant
 * second operands, writes results straight into their destination, computes
 * a value only to the width its consumer needs (so `(a + b)[8..31]` is one
 * 24-bit add), and specialises an instruction on format fields it compares
 * with zero: `x2 == 0 ? 0 : GR[x2]` costs nothing in the variant where x2 is
 * known. Variants become extra dispatch candidates with a stricter mask.
 * Before layout, each routine's jumps are threaded (thread_branches): no
 * jump to a jump or to the next word, no branch over a jump, no word that
 * cannot be reached.
 */
#include <stdlib.h>
#include <string.h>
#include "isa_comp.h"
#include "isa_parse.h"

#define MAX_INLINE 24          /* func / mode inlining depth */
#define MAX_LOOPS 32           /* loop nesting */
#define MAX_WORDS (1u << 20)   /* control store size */
#define MAX_SPEC 3             /* fields an instruction is specialised on */

enum { VC, VR };
typedef struct Val {
    int kind;
    uint64_t c;
    int reg;
    int w;                     /* 0: an unsized constant */
    int field;                 /* format field index when reg is a bound field, else -1 */
} Val;

enum { B_LOCAL, B_VAL, B_BARRIER };
typedef struct Binding {
    const char *name;
    int kind;
    Val v;                     /* B_LOCAL: reg and width */
} Binding;

enum { F_UNKNOWN, F_ZERO, F_NONZERO, F_CONST };

typedef struct Inline {
    int ret_label, ret_reg, ret_w, has_value;
} Inline;

typedef struct Lower {
    IsaComp *k;
    IsaCtx *c;
    UcMachine *m;
    IsaRoutineBuf *rb;
    int rbi;
    int insn;                  /* UcInsn index or -1 */
    IsaInsnInfo *ii;
    const UcFormat *fmt;
    int facts[UC_MAX_FIELDS];
    uint64_t fact_val[UC_MAX_FIELDS];
    uint32_t tested;           /* fields compared with zero */
    Binding *b; int nb; uint32_t capb;
    int next, lo, hi, down;    /* register allocation */
    int used_max, used_min;
    int loops[MAX_LOOPS][2]; int nloops;
    Inline inl[MAX_INLINE]; int ninl;
    IsaMicro *micro;           /* lowering a micro subroutine */
    int reach;
    int probe;                 /* width probes nested */
    int mute;
    int errs;
    int callee_low;
    IsaLoc loc;                /* of the statement being lowered */
    uint64_t endop_imm;        /* ENDOP's operand: 1 in reset and boundary,
                                  whose ends are not instructions */
    struct Deferred *def; int ndef; uint32_t capdef;   /* onfault blocks, lowered at the end */
} Lower;

/* An `onfault { ... }` block of a storage access: lowered after the routine
   (off the common path) with the names and registers live at the access;
   it ends by trying the access again without the handler, and goes on
   after the access should that succeed. */
typedef struct Deferred {
    IsaStmt *body;
    int fix, cont;             /* labels: the block, after the access */
    UcWord retry;
    Binding *b; int nb;
    int next;
    IsaLoc loc;
} Deferred;

static Val lx(Lower *L, IsaExpr *e, int dst, int trunc);
static void stmts(Lower *L, IsaStmt *s);

static uint64_t mask(int w)
{
    return w >= 64 || w <= 0 ? UINT64_MAX : (((uint64_t)1 << w) - 1);
}

static Val vconst(uint64_t c, int w)
{
    Val v = { VC, w ? c & mask(w) : c, 0, w, -1 };
    return v;
}

static Val vreg(int reg, int w)
{
    Val v = { VR, 0, reg, w < 1 ? 1 : w > 64 ? 64 : w, -1 };
    return v;
}

static void err(Lower *L, IsaLoc loc, const char *fmt, ...) ISA_PRINTF(3, 4);

#include <stdarg.h>
static void err(Lower *L, IsaLoc loc, const char *fmt, ...)
{
    L->errs++;
    if (L->mute)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    isa_error(L->c, loc, "%s", buf);
}

/* ---- routine buffers ---- */

static int new_routine(IsaComp *k, const char *name, int kind)
{
    if (k->nrt == k->rtcap) {
        k->rtcap = k->rtcap ? k->rtcap * 2 : 64;
        IsaRoutineBuf *n = realloc(k->rt, sizeof *n * (size_t)k->rtcap);
        if (!n) {
            fprintf(stderr, "isac: out of memory\n");
            exit(1);
        }
        k->rt = n;
    }
    IsaRoutineBuf *rb = &k->rt[k->nrt];
    memset(rb, 0, sizeof *rb);
    rb->name = isa_xstrdup(name);
    rb->kind = kind;
    return k->nrt++;
}

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    uint32_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(p, (size_t)n * elem);
    if (!q) {
        fprintf(stderr, "isac: out of memory\n");
        exit(1);
    }
    *cap = n;
    return q;
}

static int emit(Lower *L, int op, int dst, int a, int b, int w, int flags, int aux, uint64_t imm)
{
    IsaRoutineBuf *rb = L->rb;
    if (!L->reach)
        return -1;
    if (rb->nwords >= MAX_WORDS) {
        if (rb->nwords == MAX_WORDS)
            err(L, L->loc, "the control store would exceed %u micro-words", MAX_WORDS);
        rb->nwords++;
        return -1;
    }
    uint32_t cap = rb->cap;
    rb->words = grow(rb->words, &cap, rb->nwords + 1, sizeof *rb->words);
    cap = rb->cap;
    rb->debug = grow(rb->debug, &cap, rb->nwords + 1, sizeof *rb->debug);
    rb->cap = cap;
    UcWord *x = &rb->words[rb->nwords];
    memset(x, 0, sizeof *x);
    x->op = (uint8_t)op;
    x->dst = (uint8_t)(dst < 0 ? 0 : dst);
    x->a = (uint8_t)(a < 0 ? 0 : a);
    x->b = (uint8_t)(b < 0 ? 0 : b);
    x->width = (uint8_t)(w < 0 ? 0 : w > 64 ? 64 : w);
    x->flags = (uint8_t)flags;
    x->aux = (uint16_t)aux;
    x->imm = imm;
    UcDebugLine *d = &rb->debug[rb->nwords];
    d->file = (uint16_t)(L->loc.file < 0 ? 0 : L->loc.file);
    d->line = (uint32_t)(L->loc.line < 0 ? 0 : L->loc.line);
    d->col = (uint16_t)(L->loc.col < 0 ? 0 : L->loc.col);
    d->insn = L->insn;
    if (op == UC_JMP || op == UC_ENDOP || op == UC_TRAP || op == UC_RET || op == UC_DISPATCH ||
        op == UC_EXEC)
        L->reach = 0;
    return (int)rb->nwords++;
}

static int new_label(Lower *L)
{
    IsaRoutineBuf *rb = L->rb;
    rb->labels = grow(rb->labels, &rb->labcap, rb->nlabels + 1, sizeof *rb->labels);
    rb->labels[rb->nlabels] = UINT32_MAX;
    return (int)rb->nlabels++;
}

static void fixup(Lower *L, int word, int label, int routine)
{
    if (word < 0)
        return;
    IsaRoutineBuf *rb = L->rb;
    rb->fix = grow(rb->fix, &rb->fixcap, rb->nfix + 1, sizeof *rb->fix);
    rb->fix[rb->nfix++] = (IsaFixup){ (uint32_t)word, label, routine };
}

static void place(Lower *L, int label)
{
    IsaRoutineBuf *rb = L->rb;
    /* a jump to the very next word is dropped */
    while (rb->nfix && rb->nwords && rb->fix[rb->nfix - 1].word == rb->nwords - 1 &&
           rb->fix[rb->nfix - 1].label == label && rb->words[rb->nwords - 1].op == UC_JMP) {
        rb->nfix--;
        rb->nwords--;
    }
    rb->labels[label] = rb->nwords;
    L->reach = 1;
}

static void jump(Lower *L, int op, int a, int label)
{
    int reach = L->reach;
    int w = emit(L, op, 0, a, 0, 0, 0, 0, 0);
    fixup(L, w, label, -1);
    if (op != UC_JMP)
        L->reach = reach;
}

/* ---- registers ---- */

static int alloc_regs(Lower *L, int n, IsaLoc loc)
{
    int r;
    if (L->down) {
        if (L->next - n + 1 < L->lo) {
            err(L, loc, "this routine needs more micro-registers than there are");
            return L->lo;
        }
        r = L->next - n + 1;
        L->next -= n;
        if (r < L->used_min)
            L->used_min = r;
    } else {
        if (L->next + n - 1 > L->hi) {
            err(L, loc, "this routine needs more micro-registers than there are");
            return L->hi;
        }
        r = L->next;
        L->next += n;
        if (r + n - 1 > L->used_max)
            L->used_max = r + n - 1;
    }
    return r;
}

static int alloc1(Lower *L)
{
    return alloc_regs(L, 1, L->loc);
}

static int target(Lower *L, int dst)
{
    return dst >= 0 ? dst : alloc1(L);
}

/* Make v a register (constants need a MOVI). */
static int reg_of(Lower *L, Val v)
{
    if (v.kind == VR)
        return v.reg;
    if (v.c == 0)
        return ISA_ZERO_UREG;
    int r = alloc1(L);
    emit(L, UC_MOVI, r, 0, 0, 64, 0, 0, v.c);
    return r;
}

static void move_to(Lower *L, int dst, int dw, Val v)
{
    if (v.kind == VC) {
        emit(L, UC_MOVI, dst, 0, 0, dw, 0, 0, v.c & mask(dw));
        return;
    }
    if (v.reg == dst && v.w <= dw)
        return;
    emit(L, UC_MOV, dst, v.reg, 0, v.w < dw ? v.w : dw, 0, 0, 0);
}

/* Narrow v to w bits. */
static Val narrow(Lower *L, Val v, int w, int dst)
{
    if (v.kind == VC)
        return vconst(v.c, w);
    if (v.w <= w)
        return v;
    if (v.field >= 0 && L->fmt && L->fmt->fields[v.field].len <= w && !L->fmt->fields[v.field].is_signed) {
        v.w = w;              /* a bound field, zero-extended: it already fits */
        return v;
    }
    int d = target(L, dst);
    emit(L, UC_MOV, d, v.reg, 0, w, 0, 0, 0);
    return vreg(d, w);
}

/* ---- names ---- */

static Binding *find_binding(Lower *L, const char *name)
{
    for (int i = L->nb - 1; i >= 0; i--) {
        if (L->b[i].kind == B_BARRIER)
            return NULL;
        if (strcmp(L->b[i].name, name) == 0)
            return &L->b[i];
    }
    return NULL;
}

static void bind(Lower *L, const char *name, int kind, Val v)
{
    L->b = grow(L->b, &L->capb, (uint32_t)L->nb + 1, sizeof *L->b);
    L->b[L->nb++] = (Binding){ name, kind, v };
}

static int cur_field(Lower *L, const char *name)
{
    return L->fmt ? isa_format_field(L->fmt, name) : -1;
}

static Val field_val(Lower *L, int fi)
{
    const UcFmtField *f = &L->fmt->fields[fi];
    if (L->facts[fi] == F_ZERO)
        return vconst(0, f->len);
    if (L->facts[fi] == F_CONST)
        return vconst(L->fact_val[fi], f->len);
    Val v = vreg(f->ureg, f->len);
    v.field = fi;
    return v;
}

static int is_space(Lower *L, const char *name)
{
    IsaSym *s = isa_sym_find(L->k, name);
    return s && s->kind == K_SPACE ? s->index : -1;
}

/* ---- storage references ---- */

typedef struct MemRef {
    int space;
    IsaExpr *addr;
    int bits;                  /* access width */
    int sub;                   /* subfield index or -1 */
    int flags;                 /* access kind, nokey */
    int access_set;
    IsaExpr *align;
    IsaStmt *onfault;
    IsaExpr *last;           /* last(n): a store of the last n units (UC_F_PART) */
    IsaLoc loc;
} MemRef;

static int memref(Lower *L, IsaExpr *e, MemRef *r)
{
    memset(r, 0, sizeof *r);
    r->sub = -1;
    IsaExpr *acc = NULL;
    if (e->kind == E_ACCESS) {
        acc = e->consumed ? NULL : e;
        e = e->a;
    }
    r->loc = e->loc;
    if (e->kind == E_MEMBER && e->a->kind == E_INDEX && e->a->a->kind == E_NAME &&
        is_space(L, e->a->a->name) >= 0) {
        r->space = is_space(L, e->a->a->name);
        const UcSpace *sp = &L->m->spaces[r->space];
        int s;
        for (s = 0; s < (int)sp->nsubfields; s++)
            if (strcmp(sp->subfields[s].name, e->name) == 0)
                break;
        if (s == (int)sp->nsubfields) {
            err(L, e->loc, "space '%s' has no subfield '%s'", sp->name, e->name);
            return -1;
        }
        r->sub = s;
        r->addr = e->a->b;
        r->bits = sp->unit_bits;
    } else if (e->kind == E_INDEX && e->a->kind == E_NAME && is_space(L, e->a->name) >= 0) {
        r->space = is_space(L, e->a->name);
        r->addr = e->b;
        r->bits = L->m->spaces[r->space].unit_bits;
    } else if (e->kind == E_INDEX && e->a->kind == E_MEMBER && e->a->a->kind == E_NAME &&
               is_space(L, e->a->a->name) >= 0) {
        r->space = is_space(L, e->a->a->name);
        const UcSpace *sp = &L->m->spaces[r->space];
        const char *u = e->a->name;
        char *end = NULL;
        /* uN: N bits of whole units; bN: each unit in its own byte */
        long bits = u[0] == 'u' || u[0] == 'b' ? strtol(u + 1, &end, 10) : 0;
        if (u[0] == 'b' && (sp->unit_bits > 8 || (end && *end) || bits < 8 || bits > 64 || bits % 8)) {
            err(L, e->a->loc, "'%s.%s': write %s.bN with N a multiple of 8, up to 64, for units of at most 8 bits",
                sp->name, u, sp->name);
            return -1;
        }
        if (!end || *end || bits < 1 || bits > 64 || (u[0] == 'u' && bits % sp->unit_bits)) {
            err(L, e->a->loc, "'%s.%s': write %s.uN with N a multiple of the %d-bit unit, up to 64",
                sp->name, u, sp->name, sp->unit_bits);
            return -1;
        }
        r->bits = (int)bits;
        if (u[0] == 'b')
            r->flags |= UC_F_LANES;
        r->addr = e->b;
    } else {
        if (acc)
            err(L, acc->loc, "align/access/nokey/last/onfault apply only to a storage access");
        return acc ? -1 : 0;
    }
    if (acc) {
        if (acc->access != ISA_ACC_DEFAULT) {
            r->flags |= acc->access;
            r->access_set = 1;
        }
        if (acc->nokey)
            r->flags |= UC_F_NOKEY;
        r->align = acc->align;
        r->onfault = acc->onfault;
        r->last = acc->last;
    }
    if (r->last && (r->sub >= 0 || r->align)) {
        err(L, r->last->loc, "last(n) applies to a store of whole units without align");
        return -1;
    }
    if (r->align) {
        uint64_t n;
        int units = r->bits / (int)uc_lane_bits(&L->m->spaces[r->space], (unsigned)r->flags);
        if (isa_const_eval(L->k, r->align, &n) < 0)
            err(L, r->align->loc, "align(n) needs a constant");
        else if (n != (uint64_t)units && n != 1)
            err(L, r->align->loc, "align(%llu) on a %d-unit access: the engine checks alignment to the "
                "access size (%d)", (unsigned long long)n, units, units);
        else if (n > 1)
            r->flags |= UC_F_ALIGN;
    }
    return 1;
}

/* Give the access just emitted (word wi) the onfault block of r, if any. */
static void with_onfault(Lower *L, int wi, MemRef *r)
{
    if (!r->onfault || wi < 0 || L->probe)
        return;
    IsaRoutineBuf *rb = L->rb;
    int fix = new_label(L), cont = new_label(L);
    UcWord retry = rb->words[wi];
    rb->words[wi].flags |= UC_F_ONFAULT;
    fixup(L, wi, fix, -1);
    place(L, cont);
    L->def = grow(L->def, &L->capdef, (uint32_t)L->ndef + 1, sizeof *L->def);
    Deferred *d = &L->def[L->ndef++];
    d->body = r->onfault;
    d->fix = fix;
    d->cont = cont;
    d->retry = retry;
    d->nb = L->nb;
    d->b = NULL;
    if (L->nb) {
        d->b = malloc(sizeof *d->b * (size_t)L->nb);
        if (!d->b) {
            fprintf(stderr, "isac: out of memory\n");
            exit(1);
        }
        memcpy(d->b, L->b, sizeof *d->b * (size_t)L->nb);
    }
    d->next = L->next;
    d->loc = r->onfault->loc;
}

static Val load_mem(Lower *L, MemRef *r, int dst)
{
    if (r->last)
        err(L, r->last->loc, "last(n) applies only to a store");
    Val a = lx(L, r->addr, -1, 64);
    int ar = reg_of(L, a);
    int flags = r->access_set ? r->flags : (r->flags & ~UC_F_ACC_MASK) | UC_F_FETCH;
    if (r->sub >= 0) {
        const UcSubfield *sf = &L->m->spaces[r->space].subfields[r->sub];
        int t = alloc1(L);
        with_onfault(L, emit(L, UC_LD, t, ar, 0, r->bits, flags, r->space, 0), r);
        int d = target(L, dst);
        emit(L, UC_EXT, d, t, 0, sf->len, 0, 0, sf->shift);
        return vreg(d, sf->len);
    }
    int d = target(L, dst);
    with_onfault(L, emit(L, UC_LD, d, ar, 0, r->bits, flags, r->space, 0), r);
    return vreg(d, r->bits);
}

static void store_mem(Lower *L, MemRef *r, Val v)
{
    Val a = lx(L, r->addr, -1, 64);
    int ar = reg_of(L, a);
    int flags = r->access_set ? r->flags : (r->flags & ~UC_F_ACC_MASK) | UC_F_STORE;
    if (r->sub >= 0) {
        const UcSubfield *sf = &L->m->spaces[r->space].subfields[r->sub];
        int t = alloc1(L);
        with_onfault(L, emit(L, UC_LD, t, ar, 0, r->bits, (flags & ~UC_F_ACC_MASK) | UC_F_STORE, r->space, 0), r);
        if (v.kind == VC) {
            uint64_t fm = mask(sf->len) << sf->shift, c = (v.c << sf->shift) & fm;
            if (c != fm)
                emit(L, UC_AND, t, t, 0, r->bits, UC_F_IMM, 0, ~fm & mask(r->bits));
            if (c)
                emit(L, UC_OR, t, t, 0, r->bits, UC_F_IMM, 0, c);
        } else {
            emit(L, UC_INS, t, v.reg, 0, sf->len, 0, 0, sf->shift);
        }
        with_onfault(L, emit(L, UC_ST, 0, ar, t, r->bits, flags, r->space, 0), r);
        return;
    }
    int cr = 0;
    if (r->last) {           /* the count in a register: UC_F_PART reads it as dst */
        cr = reg_of(L, lx(L, r->last, -1, 64));
        flags |= UC_F_PART;
    }
    if (v.kind == VC)
        with_onfault(L, emit(L, UC_ST, cr, ar, 0, r->bits, flags | UC_F_IMM, r->space, v.c & mask(r->bits)), r);
    else
        with_onfault(L, emit(L, UC_ST, cr, ar, v.reg, r->bits, flags, r->space, 0), r);
}

/* ---- modes: BXD.ea, op2.ea, BD(b, d).ea ---- */

static Val inline_expr(Lower *L, IsaExpr *body, const char *what, IsaParam *params, int np,
                       Val *args, int dst, int trunc, IsaLoc loc)
{
    if (L->ninl >= MAX_INLINE) {
        err(L, loc, "'%s' is nested more than %d deep (does it call itself?)", what, MAX_INLINE);
        return vconst(0, 1);
    }
    L->inl[L->ninl++] = (Inline){ -1, -1, 0, 0 };
    int nb = L->nb;
    bind(L, "", B_BARRIER, vconst(0, 0));
    for (int i = 0; i < np; i++)
        bind(L, params[i].name, B_VAL, args[i]);
    Val v = lx(L, body, dst, trunc);
    L->nb = nb;
    L->ninl--;
    return v;
}

static Val mode_member(Lower *L, IsaExpr *e, int dst, int trunc)
{
    IsaExpr *base = e->a;
    IsaComp *k = L->k;
    int mode = -1;
    Val args[UC_MAX_MODE_PARAMS];
    if (base->kind == E_CALL) {
        IsaSym *s = isa_sym_find(k, base->name);
        mode = s->index;
        const UcMode *md = &L->m->modes[mode];
        if (base->nargs != md->nparams) {
            err(L, base->loc, "mode '%s' takes %d arguments, not %d", md->name, md->nparams, base->nargs);
            return vconst(0, 1);
        }
        for (int i = 0; i < base->nargs; i++)
            args[i] = lx(L, base->args[i], -1, 64);
    } else {
        if (!L->ii) {
            err(L, base->loc, "'%s.%s' is only meaningful in an instruction", base->name, e->name);
            return vconst(0, 1);
        }
        const UcInsn *in = &L->m->insns[L->insn];
        int opn = -1;
        if (strncmp(base->name, "op", 2) == 0 && base->name[2] >= '1' && base->name[2] <= '9' && !base->name[3] &&
            !isa_sym_find(k, base->name)) {
            opn = base->name[2] - '1';
            if (opn >= in->noperands) {
                err(L, base->loc, "'%s' has %d operands", in->mnemonic, in->noperands);
                return vconst(0, 1);
            }
        } else {
            IsaSym *s = isa_sym_find(k, base->name);
            for (int i = 0; i < in->noperands; i++) {
                if (in->operands[i].mode == s->index) {
                    if (opn >= 0) {
                        err(L, base->loc, "mode '%s' is used by two operands; write op%d.%s or op%d.%s",
                            base->name, opn + 1, e->name, i + 1, e->name);
                        return vconst(0, 1);
                    }
                    opn = i;
                }
            }
            if (opn < 0) {
                err(L, base->loc, "no operand of '%s' has mode '%s'", in->mnemonic, base->name);
                return vconst(0, 1);
            }
        }
        const UcOperand *op = &in->operands[opn];
        mode = op->mode;
        const UcMode *md = &L->m->modes[mode];
        for (int i = 0; i < md->nparams; i++) {
            const char *fname = L->m->formats[in->format].fields[op->field[i]].name;
            int fi = cur_field(L, fname);
            if (fi < 0) {
                /* a varformat form without this field */
                err(L, base->loc, "field '%s' is absent in this length of '%s' (test has(%s))", fname,
                    in->mnemonic, fname);
                return vconst(0, 1);
            }
            args[i] = field_val(L, fi);
        }
    }
    const UcMode *md = &L->m->modes[mode];
    IsaDecl *d = NULL;
    IsaSym *s = isa_sym_find(k, md->name);
    d = s->decl;
    IsaExpr *body = strcmp(e->name, "ea") == 0 ? d->ea : strcmp(e->name, "value") == 0 ? d->value : NULL;
    if (!body) {
        err(L, e->loc, "mode '%s' has no '%s' (it has%s%s)", md->name, e->name, d->ea ? " ea" : "",
            d->value ? " value" : d->ea ? "" : " neither ea nor value");
        return vconst(0, 1);
    }
    /* parameters are seen at their declared widths */
    for (int i = 0; i < md->nparams; i++)
        if (args[i].kind == VR && args[i].w > md->params[i].width)
            args[i] = narrow(L, args[i], md->params[i].width, -1);
        else if (args[i].kind == VC)
            args[i] = vconst(args[i].c, md->params[i].width);
    return inline_expr(L, body, md->name, d->params, d->nparams, args, dst, trunc, e->loc);
}

/* ---- widths ---- */

static int trunc_safe(IsaExpr *e)
{
    if (e->kind == E_BINOP)
        return e->op == '+' || e->op == '-' || e->op == '*' || e->op == '&' || e->op == '|' ||
               e->op == '^' || e->op == SHL;
    if (e->kind == E_UNOP)
        return e->op == '-' || e->op == '~';
    return e->kind == E_COND || e->kind == E_MEMBER;
}

/* The width e would have, found by lowering it with diagnostics muted and
   throwing the code away. */
static int probe_width(Lower *L, IsaExpr *e)
{
    IsaRoutineBuf *rb = L->rb;
    uint32_t nw = rb->nwords, nf = rb->nfix, nl = rb->nlabels;
    int next = L->next, reach = L->reach, errs = L->errs, nb = L->nb, mute = L->mute, ninl = L->ninl;
    int umax = L->used_max, umin = L->used_min;
    uint32_t tested = L->tested;
    L->mute = 1;
    L->probe++;
    Val v = lx(L, e, -1, 64);
    L->probe--;
    rb->nwords = nw;
    rb->nfix = nf;
    rb->nlabels = nl;
    L->next = next;
    L->reach = reach;
    L->errs = errs;
    L->nb = nb;
    L->mute = mute;
    L->ninl = ninl;
    L->used_max = umax;
    L->used_min = umin;
    L->tested = tested;
    return v.kind == VC ? v.w : v.w;
}

/* ---- operators ---- */

static uint64_t fold(int op, uint64_t a, uint64_t b, int w, int *ok)
{
    uint64_t m = mask(w);
    *ok = 1;
    a &= m;
    b &= m;
    switch (op) {
    case '+': return (a + b) & m;
    case '-': return (a - b) & m;
    case '*': return (a * b) & m;
    case '/': return b ? a / b : 0;
    case '%': return b ? a % b : a;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case SHL: return b >= (uint64_t)(w ? w : 64) ? 0 : (a << b) & m;
    case SHR: return b >= (uint64_t)(w ? w : 64) ? 0 : a >> b;
    case EQEQ: return a == b;
    case NE: return a != b;
    case '<': return a < b;
    case LE: return a <= b;
    case '>': return a > b;
    case GE: return a >= b;
    default: *ok = 0; return 0;
    }
}

static int uc_op_for(int op)
{
    switch (op) {
    case '+': return UC_ADD;
    case '-': return UC_SUB;
    case '*': return UC_MUL;
    case '/': return UC_DIVU;
    case '%': return UC_REMU;
    case '&': return UC_AND;
    case '|': return UC_OR;
    case '^': return UC_XOR;
    case SHL: return UC_SHL;
    case SHR: return UC_SHR;
    case EQEQ: return UC_EQ;
    case NE: return UC_NE;
    case '<': return UC_LTU;
    case LE: return UC_LEU;
    default: return -1;
    }
}

static int commutes(int uop)
{
    return uop == UC_ADD || uop == UC_MUL || uop == UC_AND || uop == UC_OR || uop == UC_XOR ||
           uop == UC_EQ || uop == UC_NE || uop == UC_ADDV || uop == UC_ADDC;
}

/* d = a OP b at width w (result width rw). */
static Val alu(Lower *L, int uop, Val a, Val b, int w, int rw, int dst)
{
    if (a.kind == VC && !commutes(uop) && b.kind == VR) {
        if (uop == UC_SUB && a.c == 0) {
            int d = target(L, dst);
            emit(L, UC_NEG, d, b.reg, 0, w, 0, 0, 0);
            return vreg(d, rw);
        }
        a = vreg(reg_of(L, a), w);
    }
    if (a.kind == VC && b.kind == VR) {
        Val t = a;
        a = b;
        b = t;
    }
    if (a.kind == VC)       /* both constant but not folded (signed builtins) */
        a = vreg(reg_of(L, a), w);
    /* identities */
    if (b.kind == VC) {
        uint64_t c = b.c & mask(w);
        /* identities keep the operand; its value fits, the width is the result's */
        /* (when a is wider than w, the consumer needs only the low w bits) */
        if (c == 0 && (uop == UC_ADD || uop == UC_SUB || uop == UC_OR || uop == UC_XOR || uop == UC_SHL ||
                       uop == UC_SHR || uop == UC_SAR) && (a.w <= w || uop != UC_SAR)) {
            Val r = vreg(a.reg, rw > a.w ? rw : a.w);
            r.field = a.field;
            return r;
        }
        if (c == 0 && (uop == UC_AND || uop == UC_MUL))
            return vconst(0, rw);
        if (c == 1 && (uop == UC_MUL || uop == UC_DIVU) && a.w <= w)
            return vreg(a.reg, rw > a.w ? rw : a.w);
        if (c == mask(w) && uop == UC_AND && a.w <= w)
            return vreg(a.reg, rw > a.w ? rw : a.w);
        int d = target(L, dst);
        emit(L, uop, d, a.reg, 0, w, UC_F_IMM, 0, c);
        return vreg(d, rw);
    }
    int d = target(L, dst);
    emit(L, uop, d, a.reg, b.reg, w, 0, 0, 0);
    return vreg(d, rw);
}

static int maxw(Val a, Val b)
{
    int w = a.w > b.w ? a.w : b.w;
    return w ? w : 64;
}

/* Condition: jump to label when (e != 0) == when. */
static void cond(Lower *L, IsaExpr *e, int label, int when);

static int field_zero_test(Lower *L, IsaExpr *e, IsaExpr **x)
{
    /* e is "x == 0", "0 == x", "x != 0" or "0 != x": returns 1 (==), 2 (!=), 0 */
    if (e->kind != E_BINOP || (e->op != EQEQ && e->op != NE))
        return 0;
    uint64_t c;
    if (isa_const_eval(L->k, e->b, &c) == 0 && c == 0) {
        *x = e->a;
        return e->op == EQEQ ? 1 : 2;
    }
    if (isa_const_eval(L->k, e->a, &c) == 0 && c == 0) {
        *x = e->b;
        return e->op == EQEQ ? 1 : 2;
    }
    return 0;
}

/* 0 or 1 when e is known without code (constants, has(), known fields), else -1. */
static int const_cond(Lower *L, IsaExpr *e)
{
    uint64_t v;
    if (isa_const_eval(L->k, e, &v) == 0)
        return v != 0;
    if (e->kind == E_UNOP && e->op == '!') {
        int r = const_cond(L, e->a);
        return r < 0 ? -1 : !r;
    }
    if (e->kind == E_BINOP && (e->op == ANDAND || e->op == OROR)) {
        int a = const_cond(L, e->a), b = const_cond(L, e->b);
        if (e->op == ANDAND)
            return a == 0 || b == 0 ? 0 : a == 1 && b == 1 ? 1 : -1;
        return a == 1 || b == 1 ? 1 : a == 0 && b == 0 ? 0 : -1;
    }
    if (e->kind == E_CALL && strcmp(e->name, "has") == 0 && e->nargs == 1 && e->args[0]->kind == E_NAME &&
        L->fmt && !isa_sym_find(L->k, "has"))
        return cur_field(L, e->args[0]->name) >= 0;
    IsaExpr *x;
    int z = field_zero_test(L, e, &x);
    if (!z) {
        x = e;
        z = 2;                  /* a bare name is true when nonzero */
    }
    if (x->kind == E_NAME) {
        Binding *b = find_binding(L, x->name);
        int fi = -1;
        if (b && b->v.kind == VC)
            return z == 1 ? b->v.c == 0 : b->v.c != 0;
        if (b && b->v.kind == VR)
            fi = b->v.field;
        else if (!b)
            fi = cur_field(L, x->name);
        if (fi >= 0) {
            if (L->facts[fi] == F_UNKNOWN) {
                L->tested |= 1u << fi;
                return -1;
            }
            int zero = L->facts[fi] == F_ZERO || (L->facts[fi] == F_CONST && L->fact_val[fi] == 0);
            return z == 1 ? zero : !zero;
        }
    }
    return -1;
}

static void note_tested(Lower *L, Val v)
{
    if (v.kind == VR && v.field >= 0)
        L->tested |= 1u << v.field;
}

static void cond(Lower *L, IsaExpr *e, int label, int when)
{
    if (e->kind == E_UNOP && e->op == '!') {
        cond(L, e->a, label, !when);
        return;
    }
    if (e->kind == E_BINOP && (e->op == ANDAND || e->op == OROR)) {
        int is_and = e->op == ANDAND;
        if (is_and != when) {
            /* and/false: either false jumps; or/true: either true jumps */
            cond(L, e->a, label, when);
            cond(L, e->b, label, when);
        } else {
            int skip = new_label(L);
            cond(L, e->a, skip, !when);
            cond(L, e->b, label, when);
            place(L, skip);
        }
        return;
    }
    IsaExpr *x;
    int z = field_zero_test(L, e, &x);
    if (z) {
        Val v = lx(L, x, -1, 64);
        note_tested(L, v);
        int jump_if_zero = (z == 1) == (when != 0);
        if (v.kind == VC) {
            if ((v.c == 0) == jump_if_zero)
                jump(L, UC_JMP, 0, label);
            return;
        }
        if (v.field >= 0 && L->facts[v.field] == F_NONZERO) {
            if (!jump_if_zero)
                jump(L, UC_JMP, 0, label);
            return;
        }
        jump(L, jump_if_zero ? UC_BZ : UC_BNZ, v.reg, label);
        return;
    }
    Val v = lx(L, e, -1, 64);
    if (v.kind == VC) {
        if ((v.c != 0) == (when != 0))
            jump(L, UC_JMP, 0, label);
        return;
    }
    note_tested(L, v);
    if (v.field >= 0 && L->facts[v.field] == F_NONZERO) {
        if (when)
            jump(L, UC_JMP, 0, label);
        return;
    }
    jump(L, when ? UC_BNZ : UC_BZ, v.reg, label);
}

static Val boolean(Lower *L, Val v, int dst)
{
    if (v.kind == VC)
        return vconst(v.c != 0, 1);
    if (v.w == 1)
        return v;
    int d = target(L, dst);
    emit(L, UC_NE, d, v.reg, 0, v.w, UC_F_IMM, 0, 0);
    return vreg(d, 1);
}

static int side_effect_free(IsaExpr *e, int depth)
{
    if (!e || depth > 8)
        return e == NULL;
    switch (e->kind) {
    case E_NUM: case E_NAME: return 1;
    case E_UNOP: return side_effect_free(e->a, depth + 1);
    case E_BINOP: return side_effect_free(e->a, depth + 1) && side_effect_free(e->b, depth + 1);
    case E_SLICE: return side_effect_free(e->a, depth + 1);
    case E_MEMBER: return e->a->kind == E_NAME;      /* PSW.CC */
    default: return 0;
    }
}

static Val binop(Lower *L, IsaExpr *e, int dst, int trunc)
{
    int op = e->op;
    if (op == ANDAND || op == OROR) {
        if (side_effect_free(e->b, 0)) {
            Val a = boolean(L, lx(L, e->a, -1, 64), -1);
            if (a.kind == VC)
                return (a.c != 0) == (op == ANDAND) ? boolean(L, lx(L, e->b, -1, 64), dst) : vconst(a.c, 1);
            Val b = boolean(L, lx(L, e->b, -1, 64), -1);
            if (b.kind == VC)
                return (b.c != 0) == (op == ANDAND) ? a : vconst(b.c, 1);
            return alu(L, op == ANDAND ? UC_AND : UC_OR, a, b, 1, 1, dst);
        }
        int d = target(L, dst);
        int lf = new_label(L), end = new_label(L);
        cond(L, e, lf, 0);
        emit(L, UC_MOVI, d, 0, 0, 1, 0, 0, 1);
        jump(L, UC_JMP, 0, end);
        place(L, lf);
        emit(L, UC_MOVI, d, 0, 0, 1, 0, 0, 0);
        place(L, end);
        return vreg(d, 1);
    }
    int safe = op == '+' || op == '-' || op == '*' || op == '&' || op == '|' || op == '^';
    Val a = lx(L, e->a, -1, safe || op == SHL ? trunc : 64);
    Val b = lx(L, e->b, -1, safe ? trunc : 64);
    if (op == '@') {
        if (a.w == 0 || b.w == 0) {
            err(L, e->loc, "'@' needs operands of known width (write zext(v, n) or 0b... for a constant)");
            return vconst(0, 1);
        }
        int w = a.w + b.w;
        if (w > 64) {
            err(L, e->loc, "'@' makes a %d-bit value; values are at most 64 bits", w);
            return vconst(0, 64);
        }
        if (a.kind == VC && b.kind == VC)
            return vconst((a.c << b.w) | b.c, w);
        if (a.kind == VC) {
            if (a.c == 0)
                return vreg(b.reg, w);
            int d = target(L, dst);
            emit(L, UC_OR, d, b.reg, 0, w, UC_F_IMM, 0, a.c << b.w);
            return vreg(d, w);
        }
        int t = dst >= 0 && (b.kind == VC || b.reg != dst) ? dst : alloc1(L);
        emit(L, UC_SHL, t, a.reg, 0, w, UC_F_IMM, 0, (uint64_t)b.w);
        if (b.kind == VC) {
            if (b.c == 0)
                return vreg(t, w);
            int d = target(L, dst);
            emit(L, UC_OR, d, t, 0, w, UC_F_IMM, 0, b.c);
            return vreg(d, w);
        }
        int d = target(L, dst);
        emit(L, UC_OR, d, t, b.reg, w, 0, 0, 0);
        return vreg(d, w);
    }
    int w;
    if (op == SHL || op == SHR)
        w = a.w ? a.w : 64;
    else
        w = maxw(a, b);
    int cmp = op == EQEQ || op == NE || op == '<' || op == LE || op == '>' || op == GE;
    if (a.kind == VC && b.kind == VC) {
        int ok;
        uint64_t r = fold(op, a.c, b.c, (a.w || b.w) ? w : 64, &ok);
        if (ok)
            return vconst(r, cmp ? 1 : (a.w || b.w) ? w : 0);
    }
    int ew = safe || op == SHL ? (w < trunc ? w : trunc) : w;
    if (cmp) {
        if (op == EQEQ || op == NE) {
            IsaExpr *x;
            if (field_zero_test(L, e, &x)) {
                Val v = a.kind == VC ? b : a;
                note_tested(L, v);
                if (v.kind == VR && v.field >= 0 && L->facts[v.field] == F_NONZERO)
                    return vconst(op == NE, 1);
            }
        }
        if (op == '>' || op == GE) {
            Val t = a;
            a = b;
            b = t;
            op = op == '>' ? '<' : LE;
        }
        return alu(L, uc_op_for(op), a, b, w, 1, dst);
    }
    int uop = uc_op_for(op);
    if (uop < 0) {
        err(L, e->loc, "unsupported operator");
        return vconst(0, 1);
    }
    return alu(L, uop, a, b, ew, ew, dst);
}

/* ---- builtins, funcs, helpers, micro calls ---- */

static int is_builtin(const char *n)
{
    static const char *names[] = { "sext", "zext", "lts", "les", "gts", "ges", "sra", "divs", "rems",
                                   "add_ovf", "sub_ovf", "add_carry", "sub_carry", "width", "has" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], n) == 0)
            return 1;
    return 0;
}

static Val builtin(Lower *L, IsaExpr *e, int dst, int trunc)
{
    const char *n = e->name;
    int na = e->nargs;
    (void)trunc;
    if (strcmp(n, "has") == 0) {
        if (na != 1 || e->args[0]->kind != E_NAME) {
            err(L, e->loc, "has(FIELD) takes one format field name");
            return vconst(0, 1);
        }
        if (!L->fmt) {
            err(L, e->loc, "has() is only meaningful in an instruction");
            return vconst(0, 1);
        }
        return vconst(cur_field(L, e->args[0]->name) >= 0, 1);
    }
    if (strcmp(n, "width") == 0) {
        if (na != 1) {
            err(L, e->loc, "width(e) takes one argument");
            return vconst(0, 1);
        }
        return vconst((uint64_t)probe_width(L, e->args[0]), 0);
    }
    if (strcmp(n, "sext") == 0 || strcmp(n, "zext") == 0) {
        uint64_t to;
        if (na != 2 || isa_const_eval(L->k, e->args[1], &to) < 0 || to < 1 || to > 64) {
            err(L, e->loc, "%s(e, n) needs a constant width n of 1..64", n);
            return vconst(0, 1);
        }
        /* the operand may be computed in the destination: what follows
           reads it once, as its last operation would */
        Val v = lx(L, e->args[0], dst, 64);
        if (v.kind == VC && v.w == 0 && n[0] == 's') {
            err(L, e->args[0]->loc, "sext of an unsized constant: its width is unknown");
            return vconst(0, (int)to);
        }
        if (n[0] == 'z' || v.w >= (int)to) {
            if (v.w > (int)to)
                return narrow(L, v, (int)to, dst);
            if (v.kind == VC)
                return vconst(v.c, (int)to);
            Val z = vreg(v.reg, (int)to);
            z.field = v.field;
            return z;
        }
        if (v.kind == VC) {
            uint64_t x = v.c & mask(v.w);
            if (x >> (v.w - 1))
                x |= ~mask(v.w);
            return vconst(x, (int)to);
        }
        int d = target(L, dst);
        emit(L, UC_SEXT, d, v.reg, 0, v.w, 0, 0, 0);
        if (to < 64)
            emit(L, UC_MOV, d, d, 0, (int)to, 0, 0, 0);
        return vreg(d, (int)to);
    }
    if (na != 2) {
        err(L, e->loc, "%s takes two arguments", n);
        return vconst(0, 1);
    }
    Val a = lx(L, e->args[0], -1, 64);
    Val b = lx(L, e->args[1], -1, 64);
    int w = maxw(a, b);
    if (a.kind == VC && b.kind == VC && (a.w == 0 && b.w == 0)) {
        err(L, e->loc, "%s of two unsized constants: their width is unknown", n);
        return vconst(0, 1);
    }
    if (strcmp(n, "lts") == 0) return alu(L, UC_LTS, a, b, w, 1, dst);
    if (strcmp(n, "les") == 0) return alu(L, UC_LES, a, b, w, 1, dst);
    if (strcmp(n, "gts") == 0) return alu(L, UC_LTS, b, a, w, 1, dst);
    if (strcmp(n, "ges") == 0) return alu(L, UC_LES, b, a, w, 1, dst);
    if (strcmp(n, "sra") == 0) return alu(L, UC_SAR, a, b, a.w ? a.w : 64, a.w ? a.w : 64, dst);
    if (strcmp(n, "divs") == 0) return alu(L, UC_DIVS, a, b, w, w, dst);
    if (strcmp(n, "rems") == 0) return alu(L, UC_REMS, a, b, w, w, dst);
    if (strcmp(n, "add_ovf") == 0) return alu(L, UC_ADDV, a, b, w, 1, dst);
    if (strcmp(n, "sub_ovf") == 0) return alu(L, UC_SUBV, a, b, w, 1, dst);
    if (strcmp(n, "add_carry") == 0) return alu(L, UC_ADDC, a, b, w, 1, dst);
    return alu(L, UC_SUBC, a, b, w, 1, dst);
}

static int has_return_value(IsaStmt *s, int depth)
{
    for (; s && depth < 64; s = s->next) {
        if (s->kind == S_RETURN && s->a)
            return 1;
        if ((s->body && has_return_value(s->body, depth + 1)) || (s->els && has_return_value(s->els, depth + 1)))
            return 1;
    }
    return 0;
}

static Val call_func(Lower *L, IsaExpr *e, IsaDecl *d, int dst, int trunc)
{
    if (e->nargs != d->nparams) {
        err(L, e->loc, "'%s' takes %d arguments, not %d", d->name, d->nparams, e->nargs);
        return vconst(0, 1);
    }
    Val args[64];
    if (e->nargs > 64) {
        err(L, e->loc, "too many arguments");
        return vconst(0, 1);
    }
    for (int i = 0; i < e->nargs; i++) {
        args[i] = lx(L, e->args[i], -1, 64);
        if (d->params[i].width && args[i].w > d->params[i].width)
            args[i] = narrow(L, args[i], d->params[i].width, -1);
        else if (d->params[i].width && args[i].kind == VC)
            args[i] = vconst(args[i].c, d->params[i].width);
    }
    if (d->ea)
        return inline_expr(L, d->ea, d->name, d->params, d->nparams, args, dst, trunc, e->loc);
    if (L->ninl >= MAX_INLINE) {
        err(L, e->loc, "'%s' is nested more than %d deep (does it call itself?)", d->name, MAX_INLINE);
        return vconst(0, 1);
    }
    int hv = has_return_value(d->body, 0);
    Inline *in = &L->inl[L->ninl++];
    in->ret_label = new_label(L);
    in->ret_reg = hv ? target(L, dst) : -1;
    in->ret_w = 0;
    in->has_value = hv;
    int nb = L->nb;
    bind(L, "", B_BARRIER, vconst(0, 0));
    for (int i = 0; i < d->nparams; i++)
        bind(L, d->params[i].name, B_VAL, args[i]);
    int nloops = L->nloops;
    L->nloops = 0;
    IsaLoc saved = L->loc;
    stmts(L, d->body->body);
    L->loc = saved;
    L->nloops = nloops;
    L->nb = nb;
    Inline done = L->inl[--L->ninl];
    place(L, done.ret_label);
    if (!hv)
        return vconst(0, 1);
    return vreg(done.ret_reg, done.ret_w ? done.ret_w : 64);
}

static Val call_helper(Lower *L, IsaExpr *e, int hi, int dst)
{
    const UcHelper *h = &L->m->helpers[hi];
    if (e->nargs != h->nargs) {
        err(L, e->loc, "helper '%s' takes %d arguments, not %d", h->name, h->nargs, e->nargs);
        return vconst(0, 1);
    }
    Val args[UC_MAX_HELPER_ARGS];
    for (int i = 0; i < e->nargs; i++)
        args[i] = lx(L, e->args[i], -1, 64);
    int first = e->nargs ? alloc_regs(L, e->nargs, e->loc) : 0;
    for (int i = 0; i < e->nargs; i++)
        move_to(L, first + i, 64, args[i]);
    int d = h->has_result ? target(L, dst) : 0;
    emit(L, UC_CALLH, d, first, 0, 0, 0, hi, (uint64_t)e->nargs);
    if (!h->has_result)
        return vconst(0, 1);
    IsaSym *s = isa_sym_find(L->k, h->name);
    int w = s && s->decl->width ? s->decl->width : 64;
    return vreg(d, w);
}

static int lower_micro(IsaComp *k, IsaMicro *mi);

static Val call_micro(Lower *L, IsaExpr *e, int dst)
{
    IsaSym *s = isa_sym_find(L->k, e->name);
    if (!s || s->kind != K_MICRO) {
        err(L, e->loc, "'%s' is not a declared micro routine", e->name);
        return vconst(0, 1);
    }
    IsaMicro *mi = &L->k->micros[s->index];
    if (mi->state == 1) {
        err(L, e->loc, "micro '%s' calls itself; micro routines cannot recurse", e->name);
        return vconst(0, 1);
    }
    if (mi->state == 0 && lower_micro(L->k, mi) < 0)
        return vconst(0, 1);
    if (e->nargs != mi->decl->nparams) {
        err(L, e->loc, "micro '%s' takes %d arguments, not %d", e->name, mi->decl->nparams, e->nargs);
        return vconst(0, 1);
    }
    Val args[UC_MAX_HELPER_ARGS];
    for (int i = 0; i < e->nargs; i++)
        args[i] = lx(L, e->args[i], -1, 64);
    for (int i = 0; i < e->nargs; i++)
        move_to(L, mi->param_reg[i], mi->param_width[i], args[i]);
    int reach = L->reach;
    int w = emit(L, UC_CALL, 0, 0, 0, 0, 0, 0, 0);
    fixup(L, w, -1, mi->routine);
    L->reach = reach;
    if (mi->low < L->callee_low)
        L->callee_low = mi->low;
    if (mi->result_reg < 0)
        return vconst(0, 1);
    int d = target(L, dst);
    emit(L, UC_MOV, d, mi->result_reg, 0, mi->result_width, 0, 0, 0);
    return vreg(d, mi->result_width);
}

/* ---- expressions ---- */

static Val name_val(Lower *L, IsaExpr *e)
{
    Binding *b = find_binding(L, e->name);
    if (b)
        return b->v;
    int fi = cur_field(L, e->name);
    if (fi >= 0)
        return field_val(L, fi);
    if (L->fmt && L->ii) {
        /* a field of another length of a varformat instruction */
        for (int q = 0; q < L->ii->nformats; q++)
            if (isa_format_field(&L->m->formats[L->ii->formats[q]], e->name) >= 0) {
                err(L, e->loc, "field '%s' is absent in the %d-unit form (test has(%s))", e->name,
                    L->fmt->length, e->name);
                return vconst(0, 1);
            }
    }
    IsaSym *s = isa_sym_find(L->k, e->name);
    if (s) {
        switch (s->kind) {
        case K_UREG:
            return vreg(s->index, L->k->ureg_width[s->index]);
        case K_CONST: {
            uint64_t v;
            if (isa_const_eval(L->k, e, &v) == 0)
                return vconst(v, 0);
            break;
        }
        case K_ITEM: {
            const UcItem *it = &L->m->items[s->index];
            if (it->kind == UC_ITEM_REG) {
                int d = alloc1(L);
                emit(L, UC_LDR, d, ISA_ZERO_UREG, 0, 0, 0, s->index, 0);
                return vreg(d, it->width);
            }
            err(L, e->loc, "'%s' is a register file: write %s[n]", e->name, e->name);
            return vconst(0, it->width);
        }
        default:
            break;
        }
        err(L, e->loc, "'%s' (a %s) is not a value here", e->name,
            s->kind == K_SPACE ? "space" : s->kind == K_TABLE ? "table" : s->kind == K_MODE ? "mode" :
            s->kind == K_FUNC ? "func" : s->kind == K_HELPER ? "helper" : "declaration");
        return vconst(0, 1);
    }
    err(L, e->loc, "unknown name '%s'", e->name);
    return vconst(0, 1);
}

static int item_of(Lower *L, IsaExpr *e)
{
    if (e->kind != E_NAME || find_binding(L, e->name))
        return -1;
    IsaSym *s = isa_sym_find(L->k, e->name);
    return s && s->kind == K_ITEM ? s->index : -1;
}

/* KEY in KEY[a]: the name of a 'keys' declaration; returns its space. */
static int keys_space(Lower *L, IsaExpr *e)
{
    if (e->kind != E_NAME || find_binding(L, e->name))
        return -1;
    IsaSym *s = isa_sym_find(L->k, e->name);
    if (!s || s->kind != K_KEYS)
        return -1;
    IsaSym *sp = isa_sym_find(L->k, s->decl->key_space);
    return sp && sp->kind == K_SPACE ? sp->index : -1;
}

static int field_of(Lower *L, IsaExpr *e)
{
    /* PSW.CC */
    if (e->kind != E_MEMBER || e->a->kind != E_NAME)
        return -1;
    int it = item_of(L, e->a);
    if (it < 0)
        return -1;
    int f = uc_machine_find_field(L->m, L->m->items[it].name, e->name);
    if (f < 0)
        err(L, e->loc, "register '%s' has no field '%s'", L->m->items[it].name, e->name);
    return f < 0 ? -2 : f;
}

static Val bit_index(Lower *L, Val v, IsaExpr *ie, int dst)
{
    int w = v.w ? v.w : 64;
    Val x = lx(L, ie, -1, 64);
    if (x.kind == VC) {
        if (x.c >= (uint64_t)w) {
            err(L, ie->loc, "bit %llu of a %d-bit value", (unsigned long long)x.c, w);
            return vconst(0, 1);
        }
        int sh = L->k->msb0 ? w - 1 - (int)x.c : (int)x.c;
        if (v.kind == VC)
            return vconst(v.c >> sh, 1);
        int d = target(L, dst);
        emit(L, UC_EXT, d, v.reg, 0, 1, 0, 0, (uint64_t)sh);
        return vreg(d, 1);
    }
    int r = reg_of(L, v);
    int t = alloc1(L);
    if (L->k->msb0) {
        if ((w & (w - 1)) == 0) {
            emit(L, UC_XOR, t, x.reg, 0, 64, UC_F_IMM, 0, (uint64_t)(w - 1));
        } else {
            emit(L, UC_NEG, t, x.reg, 0, 64, 0, 0, 0);
            emit(L, UC_ADD, t, t, 0, 64, UC_F_IMM, 0, (uint64_t)(w - 1));
        }
        emit(L, UC_SHR, t, r, t, w, 0, 0, 0);
    } else {
        emit(L, UC_SHR, t, r, x.reg, w, 0, 0, 0);
    }
    int d = target(L, dst);
    emit(L, UC_AND, d, t, 0, 1, UC_F_IMM, 0, 1);
    return vreg(d, 1);
}

static Val slice(Lower *L, IsaExpr *e, int dst)
{
    uint64_t lo, hi;
    if (isa_const_eval(L->k, e->b, &lo) < 0 || isa_const_eval(L->k, e->c, &hi) < 0) {
        err(L, e->loc, "slice bounds must be constants");
        return vconst(0, 1);
    }
    if (lo > hi) {
        uint64_t t = lo;
        lo = hi;
        hi = t;
    }
    if (hi > 63) {
        err(L, e->loc, "slice [%llu..%llu] goes beyond 64 bits", (unsigned long long)lo, (unsigned long long)hi);
        return vconst(0, 1);
    }
    int len = (int)(hi - lo + 1);
    int shift;
    Val v;
    if (L->k->msb0) {
        int w;
        if (trunc_safe(e->a) && L->probe < 3) {
            w = probe_width(L, e->a);
            if (w == 0) w = 64;
            shift = w - 1 - (int)hi;
            v = lx(L, e->a, -1, shift == 0 ? len : 64);
        } else {
            v = lx(L, e->a, -1, 64);
            w = v.w ? v.w : 64;
            shift = w - 1 - (int)hi;
        }
        if (v.kind == VC && v.w == 0 && v.c >> 32) {
            /* fine: a 64-bit constant */
        }
        if (shift < 0) {
            err(L, e->loc, "slice [%llu..%llu] of a %d-bit value", (unsigned long long)lo, (unsigned long long)hi, w);
            return vconst(0, len);
        }
    } else {
        shift = (int)lo;
        v = lx(L, e->a, -1, shift == 0 ? len : 64);
        if (v.w && (int)hi >= v.w) {
            err(L, e->loc, "slice [%llu..%llu] of a %d-bit value", (unsigned long long)lo, (unsigned long long)hi, v.w);
            return vconst(0, len);
        }
    }
    if (v.kind == VC)
        return vconst(v.c >> shift, len);
    if (shift == 0)
        return narrow(L, v, len, dst);
    int d = target(L, dst);
    emit(L, UC_EXT, d, v.reg, 0, len, 0, 0, (uint64_t)shift);
    return vreg(d, len);
}

static Val index_expr(Lower *L, IsaExpr *e, int dst)
{
    MemRef mr;
    int r = memref(L, e, &mr);
    if (r < 0)
        return vconst(0, 1);
    if (r > 0)
        return load_mem(L, &mr, dst);
    int it = item_of(L, e->a);
    if (it >= 0) {
        const UcItem *item = &L->m->items[it];
        if (item->kind == UC_ITEM_REGFILE) {
            Val i = lx(L, e->b, -1, 64);
            int ir = reg_of(L, i);
            int d = target(L, dst);
            emit(L, UC_LDR, d, ir, 0, 0, 0, it, 0);
            return vreg(d, item->width);
        }
    }
    int ks = keys_space(L, e->a);
    if (ks >= 0) {
        Val i = lx(L, e->b, -1, 64);
        int ir = reg_of(L, i);
        int d = target(L, dst);
        emit(L, UC_LDK, d, ir, 0, 8, 0, ks, 0);
        return vreg(d, 8);
    }
    if (e->a->kind == E_NAME && !find_binding(L, e->a->name)) {
        IsaSym *s = isa_sym_find(L->k, e->a->name);
        if (s && s->kind == K_TABLE) {
            Val i = lx(L, e->b, -1, 64);
            const UcTable *t = &L->m->tables[s->index];
            if (i.kind == VC)
                return vconst(i.c < t->count ? t->values[i.c] : 0, t->width);
            int d = target(L, dst);
            emit(L, UC_XLAT, d, i.reg, 0, t->width, 0, s->index, 0);
            return vreg(d, t->width);
        }
    }
    Val v = lx(L, e->a, -1, 64);
    return bit_index(L, v, e->b, dst);
}

static Val member(Lower *L, IsaExpr *e, int dst, int trunc)
{
    MemRef mr;
    int r = memref(L, e, &mr);
    if (r < 0)
        return vconst(0, 1);
    if (r > 0)
        return load_mem(L, &mr, dst);
    int f = field_of(L, e);
    if (f == -2)
        return vconst(0, 1);
    if (f >= 0) {
        int d = target(L, dst);
        emit(L, UC_LDF, d, 0, 0, 0, 0, f, 0);
        return vreg(d, L->m->fields[f].len);
    }
    IsaExpr *base = e->a;
    const char *bn = base->kind == E_NAME || base->kind == E_CALL ? base->name : NULL;
    IsaSym *s = bn ? isa_sym_find(L->k, bn) : NULL;
    if (bn && ((s && s->kind == K_MODE) ||
               (base->kind == E_NAME && strncmp(bn, "op", 2) == 0 && bn[2] >= '1' && bn[2] <= '9' && !bn[3])))
        return mode_member(L, e, dst, trunc);
    err(L, e->loc, "'.%s' does not apply here", e->name);
    return vconst(0, 1);
}

/* ---- conditional values without branches ---- */

/* Same expression, written the same way (names, numbers, operators)? */
static int expr_same(const IsaExpr *a, const IsaExpr *b, int depth)
{
    if (!a || !b)
        return a == b;
    if (depth > 16 || a->kind != b->kind || a->op != b->op || a->nargs != b->nargs)
        return 0;
    switch (a->kind) {
    case E_NUM:
        return a->num == b->num && a->width == b->width && a->is_char == b->is_char;
    case E_NAME:
        return strcmp(a->name, b->name) == 0;
    case E_MEMBER:
        return strcmp(a->name, b->name) == 0 && expr_same(a->a, b->a, depth + 1);
    case E_INDEX: case E_SLICE: case E_UNOP: case E_BINOP: case E_COND:
        return expr_same(a->a, b->a, depth + 1) && expr_same(a->b, b->b, depth + 1) &&
               expr_same(a->c, b->c, depth + 1);
    case E_CALL:
        if (strcmp(a->name, b->name) != 0)
            return 0;
        for (int i = 0; i < a->nargs; i++)
            if (!expr_same(a->args[i], b->args[i], depth + 1))
                return 0;
        return 1;
    default:
        return 0;
    }
}

static int const_is(Lower *L, IsaExpr *e, uint64_t v)
{
    uint64_t c;
    return isa_const_eval(L->k, e, &c) == 0 && c == v;
}

static int plain_builtin(Lower *L, const IsaExpr *e, const char *name)
{
    return e->kind == E_CALL && strcmp(e->name, name) == 0 && e->nargs == 2 && !find_binding(L, e->name) &&
           !isa_sym_find(L->k, e->name);
}

/* A three-way comparison written as conditionals:
     x == y ? 0 : lts(x, y) ? 1 : 2     signed (CMPS x, y)
     x == y ? 0 : x < y ? 1 : 2         unsigned (CMPU x, y)
     s == 0 ? 0 : s[sign bit] ? 1 : 2   the sign of s (CMPS s, 0)
   with x and y free of side effects. Returns UC_CMPS or UC_CMPU and the
   operands, or -1. sign_bit: the sign-bit form, whose bit must be checked
   against the width of s. */
static int cmp3_form(Lower *L, IsaExpr *e, IsaExpr **x, IsaExpr **y, IsaExpr **bit)
{
    *bit = NULL;
    if (e->kind != E_COND || !const_is(L, e->b, 0))
        return -1;
    IsaExpr *eq = e->a, *in = e->c;
    if (eq->kind != E_BINOP || eq->op != EQEQ || in->kind != E_COND || !const_is(L, in->b, 1) ||
        !const_is(L, in->c, 2) || !side_effect_free(eq->a, 0) || !side_effect_free(eq->b, 0))
        return -1;
    IsaExpr *c = in->a;
    *x = eq->a;
    *y = eq->b;
    if (plain_builtin(L, c, "lts") && expr_same(c->args[0], *x, 0) && expr_same(c->args[1], *y, 0))
        return UC_CMPS;
    if (c->kind == E_BINOP && c->op == '<' && expr_same(c->a, *x, 0) && expr_same(c->b, *y, 0))
        return UC_CMPU;
    if (c->kind == E_INDEX && const_is(L, *y, 0) && expr_same(c->a, *x, 0)) {
        *bit = c->b;
        return UC_CMPS;
    }
    return -1;
}

/* Cheap enough to compute whichever way a conditional goes: constants,
   names, three-way comparisons, expression funcs made of those. */
static int cheap_arm(Lower *L, IsaExpr *e, int depth)
{
    uint64_t c;
    IsaExpr *x, *y, *bit;
    if (depth > 4)
        return 0;
    if (isa_const_eval(L->k, e, &c) == 0 || e->kind == E_NAME)
        return 1;
    if (cmp3_form(L, e, &x, &y, &bit) >= 0)
        return 1;
    if (e->kind == E_CALL && !find_binding(L, e->name)) {
        IsaSym *s = isa_sym_find(L->k, e->name);
        if (!s || s->kind != K_FUNC || !s->decl->ea || e->nargs != s->decl->nparams)
            return 0;
        for (int i = 0; i < e->nargs; i++)
            if (!cheap_arm(L, e->args[i], depth + 1))
                return 0;
        return cheap_arm(L, s->decl->ea, depth + 1);
    }
    return 0;
}

/* e is a three-way comparison: one CMPS/CMPU. Returns 0 when it is not. */
static int lower_cmp3(Lower *L, IsaExpr *e, int dst, int trunc, Val *out)
{
    IsaExpr *x, *y, *bit;
    int op = cmp3_form(L, e, &x, &y, &bit);
    if (op < 0 || trunc < 2)
        return 0;
    if (bit) {
        uint64_t bi;
        int w = L->probe < 3 ? probe_width(L, x) : 0;
        if (w == 0 || isa_const_eval(L->k, bit, &bi) < 0 || bi != (L->k->msb0 ? 0 : (uint64_t)w - 1))
            return 0;
    }
    Val a = lx(L, x, -1, 64);
    Val b = lx(L, y, -1, 64);
    if (a.kind == VC && a.w == 0 && b.kind == VC && b.w == 0)
        return 0;
    *out = alu(L, op, a, b, maxw(a, b), trunc < 64 ? trunc : 64, dst);
    return 1;
}

/* c ? x : y with cheap arms: both computed, then one SEL. */
static int lower_sel(Lower *L, IsaExpr *e, int dst, int trunc, Val *out)
{
    if (!cheap_arm(L, e->b, 0) || !cheap_arm(L, e->c, 0))
        return 0;
    Val cv = lx(L, e->a, -1, 64);
    Val vx = lx(L, e->b, -1, trunc);
    Val vy = lx(L, e->c, -1, trunc);
    int w = vx.w > vy.w ? vx.w : vy.w;
    int rw = w ? (w < trunc ? w : trunc) : (trunc < 64 ? trunc : 64);
    if (cv.kind == VC) {
        *out = cv.c ? vx : vy;
        out->w = out->kind == VR ? (out->w > rw ? out->w : rw) : rw;
        return 1;
    }
    int d = dst;
    if (d < 0 || (vx.kind == VR && vx.reg == d) || (vy.kind == VR && vy.reg == d))
        d = alloc1(L);
    if (vx.kind == VC && vy.kind == VR) {
        /* constant first arm: test the inverse, so it can be the immediate */
        emit(L, UC_EQ, d, cv.reg, 0, cv.w, UC_F_IMM, 0, 0);
        emit(L, UC_SEL, d, vy.reg, 0, 64, UC_F_IMM, 0, vx.c);
    } else {
        int xr = reg_of(L, vx);
        if (cv.reg != d)
            emit(L, UC_MOV, d, cv.reg, 0, cv.w, 0, 0, 0);
        if (vy.kind == VC)
            emit(L, UC_SEL, d, xr, 0, 64, UC_F_IMM, 0, vy.c);
        else
            emit(L, UC_SEL, d, xr, vy.reg, 64, 0, 0, 0);
    }
    *out = vreg(d, rw);
    return 1;
}

static Val lx(Lower *L, IsaExpr *e, int dst, int trunc)
{
    if (!e)
        return vconst(0, 1);
    switch (e->kind) {
    case E_NUM:
        return vconst(e->is_char ? isa_char_code(L->k, e->num) : e->num, e->width);
    case E_NAME:
        return name_val(L, e);
    case E_INDEX:
        return index_expr(L, e, dst);
    case E_SLICE:
        return slice(L, e, dst);
    case E_MEMBER:
        return member(L, e, dst, trunc);
    case E_ACCESS: {
        MemRef mr;
        int r = memref(L, e, &mr);
        if (r <= 0)
            return lx(L, e->a, dst, trunc);
        return load_mem(L, &mr, dst);
    }
    case E_UCALL:
        return call_micro(L, e, dst);
    case E_CALL: {
        if (!find_binding(L, e->name) && is_builtin(e->name) && !isa_sym_find(L->k, e->name))
            return builtin(L, e, dst, trunc);
        IsaSym *s = isa_sym_find(L->k, e->name);
        if (s && s->kind == K_FUNC)
            return call_func(L, e, s->decl, dst, trunc);
        if (s && s->kind == K_HELPER)
            return call_helper(L, e, s->index, dst);
        if (s && s->kind == K_MICRO) {
            err(L, e->loc, "'%s' is a micro routine: write 'call %s(...)'", e->name, e->name);
            return vconst(0, 1);
        }
        if (s && s->kind == K_MODE) {
            err(L, e->loc, "mode '%s' is used as %s(...).ea or .value", e->name, e->name);
            return vconst(0, 1);
        }
        if (s && s->kind == K_INTERRUPT) {
            err(L, e->loc, "'%s' is an interrupt: write 'raise %s(...);'", e->name, e->name);
            return vconst(0, 1);
        }
        err(L, e->loc, "unknown function '%s'", e->name);
        return vconst(0, 1);
    }
    case E_UNOP: {
        if (e->op == '!') {
            Val v = lx(L, e->a, -1, 64);
            if (v.kind == VC)
                return vconst(v.c == 0, 1);
            int d = target(L, dst);
            emit(L, UC_EQ, d, v.reg, 0, v.w, UC_F_IMM, 0, 0);
            return vreg(d, 1);
        }
        Val v = lx(L, e->a, -1, trunc);
        int w = v.w ? (v.w < trunc ? v.w : trunc) : 0;
        if (v.kind == VC)
            return vconst(e->op == '-' ? (uint64_t)0 - v.c : ~v.c, w);
        int d = target(L, dst);
        emit(L, e->op == '-' ? UC_NEG : UC_NOT, d, v.reg, 0, w, 0, 0, 0);
        return vreg(d, w);
    }
    case E_BINOP:
        return binop(L, e, dst, trunc);
    case E_COND: {
        int k = const_cond(L, e->a);
        if (k >= 0) {
            /* the width is that of both arms, whichever is taken */
            int ow = L->probe < 3 ? probe_width(L, k ? e->c : e->b) : 0;
            Val v = lx(L, k ? e->b : e->c, dst, trunc);
            int w = v.w > ow ? v.w : ow;
            if (w > trunc && v.w <= trunc)
                w = trunc;
            if (v.kind == VC)
                return vconst(v.c, w);
            v.w = w > v.w ? w : v.w;
            return v;
        }
        Val fast;
        if (lower_cmp3(L, e, dst, trunc, &fast) || lower_sel(L, e, dst, trunc, &fast))
            return fast;
        int d = target(L, dst);
        int lf = new_label(L), end = new_label(L);
        cond(L, e->a, lf, 0);
        Val a = lx(L, e->b, d, trunc);
        move_to(L, d, 64, a);
        if (L->reach) {
            int jw = emit(L, UC_JMP, 0, 0, 0, 0, 0, 0, 0);
            fixup(L, jw, end, -1);
        }
        place(L, lf);
        Val b = lx(L, e->c, d, trunc);
        move_to(L, d, 64, b);
        place(L, end);
        int w = a.w > b.w ? a.w : b.w;
        return vreg(d, w ? (w < trunc ? w : trunc) : (trunc < 64 ? trunc : 64));
    }
    default:
        err(L, e->loc, "unsupported expression");
        return vconst(0, 1);
    }
}

/* ---- statements ---- */

static void assign(Lower *L, IsaExpr *lv, IsaExpr *rhs, IsaLoc loc)
{
    MemRef mr;
    int r = memref(L, lv, &mr);
    if (r < 0)
        return;
    if (r > 0) {
        Val v = lx(L, rhs, -1, mr.sub >= 0 ? L->m->spaces[mr.space].subfields[mr.sub].len : mr.bits);
        store_mem(L, &mr, v);
        return;
    }
    IsaExpr *e = lv->kind == E_ACCESS ? lv->a : lv;
    if (lv->kind == E_ACCESS) {
        err(L, lv->loc, "align/access/nokey/last/onfault apply only to a storage access");
        return;
    }
    if (e->kind == E_NAME) {
        Binding *b = find_binding(L, e->name);
        if (b && b->kind == B_LOCAL) {
            /* lx may bind names and move the bindings: keep the values, not b */
            int reg = b->v.reg, w = b->v.w;
            Val v = lx(L, rhs, reg, w);
            move_to(L, reg, w, v);
            return;
        }
        if (b) {
            err(L, e->loc, "'%s' is a parameter; copy it to a 'let' local to change it", e->name);
            return;
        }
        if (cur_field(L, e->name) >= 0) {
            err(L, e->loc, "'%s' is an instruction field and cannot be assigned", e->name);
            return;
        }
        IsaSym *s = isa_sym_find(L->k, e->name);
        if (s && s->kind == K_UREG) {
            int w = L->k->ureg_width[s->index];
            Val v = lx(L, rhs, s->index, w);
            move_to(L, s->index, w, v);
            return;
        }
        if (s && s->kind == K_ITEM && L->m->items[s->index].kind == UC_ITEM_REG) {
            const UcItem *it = &L->m->items[s->index];
            Val v = lx(L, rhs, -1, it->width);
            if (v.kind == VC)
                emit(L, UC_STR, 0, ISA_ZERO_UREG, 0, 0, UC_F_IMM, s->index, v.c & mask(it->width));
            else
                emit(L, UC_STR, 0, ISA_ZERO_UREG, v.reg, 0, 0, s->index, 0);
            return;
        }
        err(L, e->loc, s ? "'%s' cannot be assigned" : "unknown name '%s' (declare it with 'let')", e->name);
        return;
    }
    if (e->kind == E_INDEX && keys_space(L, e->a) >= 0) {
        int ks = keys_space(L, e->a);
        Val i = lx(L, e->b, -1, 64);
        Val v = lx(L, rhs, -1, 8);
        int ir = reg_of(L, i);
        if (v.kind == VC)
            emit(L, UC_STK, 0, ir, 0, 8, UC_F_IMM, ks, v.c & 0xff);
        else
            emit(L, UC_STK, 0, ir, v.reg, 8, 0, ks, 0);
        return;
    }
    if (e->kind == E_INDEX) {
        int it = item_of(L, e->a);
        if (it >= 0 && L->m->items[it].kind == UC_ITEM_REGFILE) {
            const UcItem *item = &L->m->items[it];
            Val i = lx(L, e->b, -1, 64);
            Val v = lx(L, rhs, -1, item->width);
            int ir = reg_of(L, i);
            if (v.kind == VC)
                emit(L, UC_STR, 0, ir, 0, 0, UC_F_IMM, it, v.c & mask(item->width));
            else
                emit(L, UC_STR, 0, ir, v.reg, 0, 0, it, 0);
            return;
        }
    }
    if (e->kind == E_MEMBER) {
        int f = field_of(L, e);
        if (f == -2)
            return;
        if (f >= 0) {
            Val v = lx(L, rhs, -1, L->m->fields[f].len);
            if (v.kind == VC)
                emit(L, UC_STF, 0, 0, 0, 0, UC_F_IMM, f, v.c & mask(L->m->fields[f].len));
            else
                emit(L, UC_STF, 0, v.reg, 0, 0, 0, f, 0);
            return;
        }
    }
    if (e->kind == E_SLICE || e->kind == E_INDEX) {
        /* x[a..b] = v, x[i] = v, PSW.PMASK[0] = v, GR[r][0..7] = v */
        uint64_t lo, hi;
        if (e->kind == E_SLICE) {
            if (isa_const_eval(L->k, e->b, &lo) < 0 || isa_const_eval(L->k, e->c, &hi) < 0) {
                err(L, e->loc, "slice bounds must be constants");
                return;
            }
        } else if (isa_const_eval(L->k, e->b, &lo) < 0) {
            err(L, e->loc, "a bit assignment needs a constant bit number");
            return;
        } else {
            hi = lo;
        }
        if (lo > hi) { uint64_t t = lo; lo = hi; hi = t; }
        /* read the whole container, insert, write it back */
        IsaExpr *base = e->a;
        int bw = probe_width(L, base);
        if (bw == 0)
            bw = 64;
        if (hi >= (uint64_t)bw) {
            err(L, e->loc, "bits %llu..%llu of a %d-bit value", (unsigned long long)lo, (unsigned long long)hi, bw);
            return;
        }
        int len = (int)(hi - lo + 1);
        int shift = L->k->msb0 ? bw - 1 - (int)hi : (int)lo;
        Val v = lx(L, rhs, -1, len);
        Binding *b = base->kind == E_NAME ? find_binding(L, base->name) : NULL;
        IsaSym *s = base->kind == E_NAME && !b ? isa_sym_find(L->k, base->name) : NULL;
        int local = b && b->kind == B_LOCAL;    /* b may move when lx binds names */
        int cont;
        if (local)
            cont = b->v.reg;
        else if (s && s->kind == K_UREG)
            cont = s->index;
        else {
            Val cv = lx(L, base, -1, 64);
            if (cv.kind != VR) {
                err(L, e->loc, "this cannot be assigned");
                return;
            }
            cont = alloc1(L);
            move_to(L, cont, 64, cv);
        }
        if (v.kind == VC) {
            uint64_t fm = mask(len) << shift, c = (v.c << shift) & fm;
            if (c != fm)
                emit(L, UC_AND, cont, cont, 0, bw, UC_F_IMM, 0, ~fm & mask(bw));
            if (c)
                emit(L, UC_OR, cont, cont, 0, bw, UC_F_IMM, 0, c);
        } else {
            emit(L, UC_INS, cont, v.reg, 0, len, 0, 0, (uint64_t)shift);
        }
        if (local || (s && s->kind == K_UREG))
            return;
        /* write back the container */
        Val cv = vreg(cont, bw);
        IsaExpr tmp = *base;
        (void)tmp;
        if (base->kind == E_MEMBER) {
            int f = field_of(L, base);
            if (f >= 0) {
                emit(L, UC_STF, 0, cont, 0, 0, 0, f, 0);
                return;
            }
        }
        if (base->kind == E_INDEX) {
            MemRef m2;
            int r2 = memref(L, base, &m2);
            if (r2 > 0) {
                store_mem(L, &m2, cv);
                return;
            }
            int it = item_of(L, base->a);
            if (it >= 0) {
                Val i = lx(L, base->b, -1, 64);
                emit(L, UC_STR, 0, reg_of(L, i), cont, 0, 0, it, 0);
                return;
            }
        }
        if (base->kind == E_NAME && s && s->kind == K_ITEM) {
            emit(L, UC_STR, 0, ISA_ZERO_UREG, cont, 0, 0, s->index, 0);
            return;
        }
        err(L, e->loc, "this cannot be assigned");
        return;
    }
    (void)loc;
    err(L, lv->loc, "this cannot be assigned");
}

/* probe ... len n access(store): the suffix binds to the rightmost operand
   of n; take it from there. */
static void probe_access(IsaExpr *e, int *access)
{
    for (int depth = 0; e && depth < ISA_MAX_DEPTH; depth++) {
        if (e->kind == E_ACCESS && e->access != ISA_ACC_DEFAULT && !e->align && !e->nokey && !e->onfault
            && !e->last) {
            *access = e->access;
            e->consumed = 1;
            return;
        }
        if (e->kind == E_BINOP)
            e = e->b;
        else
            return;
    }
}

static void raise_stmt(Lower *L, IsaStmt *s)
{
    IsaSym *sy = isa_sym_find(L->k, s->name);
    if (!sy || sy->kind != K_INTERRUPT) {
        err(L, s->loc, "'%s' is not a declared interrupt", s->name);
        return;
    }
    const UcInterrupt *in = &L->m->interrupts[sy->index];
    if (s->nargs != in->nparams) {
        err(L, s->loc, "interrupt '%s' takes %d parameters, not %d", in->name, in->nparams, s->nargs);
        return;
    }
    Val args[4];
    for (int i = 0; i < s->nargs; i++)
        args[i] = lx(L, s->args[i], -1, 64);
    for (int i = 1; i < s->nargs; i++)
        move_to(L, in->param_ureg[i], L->k->ureg_width[in->param_ureg[i]], args[i]);
    if (s->nargs == 0 || args[0].kind == VC) {
        emit(L, UC_TRAP, 0, 0, 0, 0, 0, sy->index, s->nargs ? args[0].c : 0);
        return;
    }
    move_to(L, in->param_ureg[0], L->k->ureg_width[in->param_ureg[0]], args[0]);
    int w = emit(L, UC_JMP, 0, 0, 0, 0, 0, 0, 0);
    fixup(L, w, -1, L->k->interrupt_rt[sy->index]);
}

/* Does the name occur anywhere in e (or the statements s)? */
static int expr_uses(const IsaExpr *e, const char *name, int depth);
static int stmts_use(const IsaStmt *s, const char *name, int depth)
{
    for (; s; s = s->next) {
        if (depth > 64)
            return 1;
        if ((s->name && strcmp(s->name, name) == 0) || expr_uses(s->a, name, depth + 1) ||
            expr_uses(s->b, name, depth + 1) || expr_uses(s->c, name, depth + 1) ||
            stmts_use(s->body, name, depth + 1) || stmts_use(s->els, name, depth + 1))
            return 1;
        for (int i = 0; i < s->nargs; i++)
            if (expr_uses(s->args[i], name, depth + 1))
                return 1;
        if (s->kind == S_BLOCK && s->body == NULL)
            continue;
    }
    return 0;
}

static int expr_uses(const IsaExpr *e, const char *name, int depth)
{
    if (!e)
        return 0;
    if (depth > 64)
        return 1;
    if (e->name && strcmp(e->name, name) == 0)
        return 1;
    if (expr_uses(e->a, name, depth + 1) || expr_uses(e->b, name, depth + 1) ||
        expr_uses(e->c, name, depth + 1) || expr_uses(e->align, name, depth + 1) ||
        expr_uses(e->last, name, depth + 1) || stmts_use(e->onfault, name, depth + 1))
        return 1;
    for (int i = 0; i < e->nargs; i++)
        if (expr_uses(e->args[i], name, depth + 1))
            return 1;
    return 0;
}

/* `base + i` or `i + base` with base free of i and of side effects: base. */
static IsaExpr *plus_var(IsaExpr *e, const char *var)
{
    if (e->kind != E_BINOP || e->op != '+')
        return NULL;
    IsaExpr *x = NULL;
    if (e->b->kind == E_NAME && strcmp(e->b->name, var) == 0)
        x = e->a;
    else if (e->a->kind == E_NAME && strcmp(e->a->name, var) == 0)
        x = e->b;
    if (!x || !side_effect_free(x, 0) || x->kind != E_NAME || strcmp(x->name, var) == 0)
        return NULL;
    return x;
}

/* A unit-by-unit copy, left to right:
     for i in 0 ..= n { M[a + i] = M[b + i]; }     (or 0 .. n)
   with a, b and n names, is one MOVE (same loads and stores, same order,
   a fault stops it at the same unit). Returns 0 when s is not of that form. */
static int lower_move(Lower *L, IsaStmt *s)
{
    uint64_t c;
    IsaStmt *b = s->body ? s->body->body : NULL;
    if (!b || b->next || b->kind != S_ASSIGN || isa_const_eval(L->k, s->a, &c) < 0 || c != 0 ||
        s->b->kind != E_NAME || L->probe)
        return 0;
    MemRef dm, sm;
    if (memref(L, b->a, &dm) <= 0 || memref(L, b->b, &sm) <= 0)
        return 0;
    const UcSpace *sp = &L->m->spaces[dm.space];
    if (dm.space != sm.space || dm.sub >= 0 || sm.sub >= 0 || dm.bits != sp->unit_bits ||
        sm.bits != sp->unit_bits || dm.align || sm.align || dm.onfault || sm.onfault || dm.last || sm.last ||
        dm.access_set || sm.access_set || (dm.flags & UC_F_NOKEY) != (sm.flags & UC_F_NOKEY))
        return 0;
    IsaExpr *da = plus_var(dm.addr, s->name), *sa = plus_var(sm.addr, s->name);
    if (!da || !sa || strcmp(s->b->name, s->name) == 0)
        return 0;
    Val dv = lx(L, da, -1, 64), sv = lx(L, sa, -1, 64), nv = lx(L, s->b, -1, 64);
    /* the sums wrap as storage addresses do only when they are that wide */
    if (dv.kind != VR || sv.kind != VR || nv.kind != VR || dv.w < L->m->addr_bits ||
        sv.w < L->m->addr_bits || nv.w > 62)
        return 0;
    int n = nv.reg;
    if (s->inclusive) {
        n = alloc1(L);
        emit(L, UC_ADD, n, nv.reg, 0, nv.w + 1, UC_F_IMM, 0, 1);
    }
    emit(L, UC_MOVE, dv.reg, sv.reg, n, 0, dm.flags & UC_F_NOKEY, dm.space, 0);
    return 1;
}

static void stmt(Lower *L, IsaStmt *s)
{
    int mark = L->next;
    int nb = L->nb;
    L->loc = s->loc;
    switch (s->kind) {
    case S_LET: {
        if (s->width > 64) {
            err(L, s->loc, "a width must be 1..64 bits");
            s->width = 64;
        }
        int r = alloc1(L);
        Val v = lx(L, s->b, r, s->width ? s->width : 64);
        int w = s->width ? s->width : v.w ? v.w : 64;
        if (!L->down && v.kind == VR && v.reg > r && v.w <= w && L->reach) {
            /* the value is in a temporary of this statement: the local lives there */
            L->next = v.reg + 1;
            if (v.reg > L->used_max)
                L->used_max = v.reg;
            bind(L, s->name, B_LOCAL, vreg(v.reg, w));
            return;
        }
        move_to(L, r, w, v);
        L->next = mark;
        (void)alloc1(L);
        bind(L, s->name, B_LOCAL, vreg(r, w));
        return;                 /* keep the local's register and binding */
    }
    case S_ASSIGN:
        assign(L, s->a, s->b, s->loc);
        break;
    case S_EXPR:
        if (s->a->kind != E_CALL && s->a->kind != E_UCALL)
            err(L, s->loc, "this expression does nothing (a statement is an assignment or a call)");
        else
            (void)lx(L, s->a, -1, 64);
        break;
    case S_IF: {
        int kc = const_cond(L, s->a);
        if (kc == 1) {
            stmts(L, s->body->body);
            break;
        }
        if (kc == 0) {
            if (s->els && s->els->kind == S_BLOCK)
                stmts(L, s->els->body);
            else if (s->els)
                stmt(L, s->els);
            break;
        }
        int lelse = new_label(L);
        cond(L, s->a, lelse, 0);
        stmts(L, s->body->body);
        L->nb = nb;
        L->next = mark;
        if (s->els) {
            int end = new_label(L);
            jump(L, UC_JMP, 0, end);
            place(L, lelse);
            if (s->els->kind == S_BLOCK)
                stmts(L, s->els->body);
            else
                stmt(L, s->els);
            place(L, end);
        } else {
            place(L, lelse);
        }
        break;
    }
    case S_WHILE: {
        if (L->nloops >= MAX_LOOPS) {
            err(L, s->loc, "loops nested more than %d deep", MAX_LOOPS);
            break;
        }
        int top = new_label(L), test = new_label(L), exit = new_label(L);
        /* the test before the first pass too, rather than a jump to the
           one after the body: it runs as often, in the same order */
        cond(L, s->a, exit, 0);
        L->next = mark;
        place(L, top);
        L->loops[L->nloops][0] = exit;
        L->loops[L->nloops++][1] = test;
        stmts(L, s->body->body);
        L->nloops--;
        L->nb = nb;
        L->next = mark;
        place(L, test);
        cond(L, s->a, top, 1);
        place(L, exit);
        break;
    }
    case S_FOR: {
        if (L->nloops >= MAX_LOOPS) {
            err(L, s->loc, "loops nested more than %d deep", MAX_LOOPS);
            break;
        }
        if (lower_move(L, s))
            break;
        Val a = lx(L, s->a, -1, 64);
        Val b = lx(L, s->b, -1, 64);
        int w = maxw(a, b);
        if (s->inclusive && w < 64)
            w++;                /* i reaches the end value + 1 without wrapping */
        if (a.kind == VC && a.c == 0 && w < 64 && !stmts_use(s->body->body, s->name, 0)) {
            /* the count alone matters: count down to zero */
            int n = alloc1(L);
            if (s->inclusive && b.kind == VC)
                emit(L, UC_MOVI, n, 0, 0, w, 0, 0, (b.c & mask(w)) + 1);
            else if (s->inclusive)
                emit(L, UC_ADD, n, b.reg, 0, w, UC_F_IMM, 0, 1);
            else
                move_to(L, n, w, b);
            int top = new_label(L), cont = new_label(L), test = new_label(L), exit = new_label(L);
            if (!s->inclusive)
                jump(L, UC_JMP, 0, test);
            place(L, top);
            L->loops[L->nloops][0] = exit;
            L->loops[L->nloops++][1] = cont;
            int inner = L->next;
            stmts(L, s->body->body);
            L->next = inner;
            L->nloops--;
            place(L, cont);
            emit(L, UC_SUB, n, n, 0, w, UC_F_IMM, 0, 1);
            place(L, test);
            jump(L, UC_BNZ, n, top);
            place(L, exit);
            break;
        }
        int i = alloc1(L);
        int end;
        if (b.kind == VC) {
            end = -1;
        } else {
            end = alloc1(L);
            move_to(L, end, w, b);
        }
        move_to(L, i, w, a);
        bind(L, s->name, B_VAL, vreg(i, w));
        int top = new_label(L), cont = new_label(L), test = new_label(L), exit = new_label(L);
        jump(L, UC_JMP, 0, test);
        place(L, top);
        L->loops[L->nloops][0] = exit;
        L->loops[L->nloops++][1] = cont;
        int inner = L->next;
        stmts(L, s->body->body);
        L->next = inner;
        L->nloops--;
        place(L, cont);
        emit(L, UC_ADD, i, i, 0, w, UC_F_IMM, 0, 1);
        place(L, test);
        int t = alloc1(L);
        int op = s->inclusive ? UC_LEU : UC_LTU;
        if (end < 0)
            emit(L, op, t, i, 0, w, UC_F_IMM, 0, b.c & mask(w));
        else
            emit(L, op, t, i, end, w, 0, 0, 0);
        jump(L, UC_BNZ, t, top);
        place(L, exit);
        break;
    }
    case S_BREAK:
    case S_CONTINUE:
        if (!L->nloops) {
            err(L, s->loc, "'%s' outside a loop", s->kind == S_BREAK ? "break" : "continue");
            break;
        }
        jump(L, UC_JMP, 0, L->loops[L->nloops - 1][s->kind == S_BREAK ? 0 : 1]);
        break;
    case S_RAISE:
        raise_stmt(L, s);
        break;
    case S_STOP: {
        IsaSym *sy = isa_sym_find(L->k, s->name);
        if (!sy || sy->kind != K_STOP)
            err(L, s->loc, "'%s' is not a declared stop reason", s->name);
        else
            emit(L, UC_STOP, 0, 0, 0, 0, 0, 0, (uint64_t)sy->index);
        break;
    }
    case S_ENDOP:
        emit(L, UC_ENDOP, 0, 0, 0, 0, 0, 0, L->endop_imm);
        break;
    case S_DISPATCH:
    case S_EXECUTE: {
        Val key = lx(L, s->a, -1, 64);
        Val val = lx(L, s->b, -1, 64);
        int kr = reg_of(L, key), vr = reg_of(L, val);
        emit(L, s->kind == S_DISPATCH ? UC_DISPATCH : UC_EXEC, 0, kr, vr, 0, 0, 0, 0);
        break;
    }
    case S_PROBE: {
        MemRef mr;
        int acc = ISA_ACC_DEFAULT;
        IsaExpr *len = s->b;
        probe_access(len, &acc);
        if (memref(L, s->a, &mr) <= 0) {
            err(L, s->a->loc, "probe needs a storage reference: probe M[a] len n access(store);");
            break;
        }
        if (acc != ISA_ACC_DEFAULT) {
            mr.flags = (mr.flags & ~UC_F_ACC_MASK) | acc;
            mr.access_set = 1;
        }
        Val a = lx(L, mr.addr, -1, 64);
        Val n = lx(L, len, -1, 64);
        int flags = mr.access_set ? mr.flags : (mr.flags & ~UC_F_ACC_MASK);
        flags &= ~(UC_F_ALIGN | UC_F_LANES);   /* the units a .. a+n-1, however read */
        int ar = reg_of(L, a);
        if (n.kind == VC)
            with_onfault(L, emit(L, UC_PROBE, 0, ar, 0, 64, flags | UC_F_IMM, mr.space, n.c), &mr);
        else
            with_onfault(L, emit(L, UC_PROBE, 0, ar, n.reg, 64, flags, mr.space, 0), &mr);
        break;
    }
    case S_RETURN: {
        if (L->ninl > 0 && L->inl[L->ninl - 1].ret_label >= 0) {
            Inline *in = &L->inl[L->ninl - 1];
            if (s->a) {
                if (!in->has_value || in->ret_reg < 0) {
                    err(L, s->loc, "'return' with a value in a func used without one");
                    break;
                }
                Val v = lx(L, s->a, in->ret_reg, 64);
                move_to(L, in->ret_reg, 64, v);
                if (v.w > in->ret_w || v.w == 0)
                    in->ret_w = v.w ? v.w : 64;
            }
            jump(L, UC_JMP, 0, in->ret_label);
            break;
        }
        if (L->micro) {
            if (s->a) {
                if (L->micro->result_reg < 0) {
                    err(L, s->loc, "'return' with a value in micro '%s', which returns none elsewhere",
                        L->micro->decl->name);
                    break;
                }
                Val v = lx(L, s->a, L->micro->result_reg, 64);
                move_to(L, L->micro->result_reg, 64, v);
                if (v.w > L->micro->result_width)
                    L->micro->result_width = v.w;
            }
            emit(L, UC_RET, 0, 0, 0, 0, 0, 0, 0);
            break;
        }
        err(L, s->loc, "'return' outside a func or micro routine (use 'endop;' to end an instruction)");
        break;
    }
    case S_BLOCK:
        stmts(L, s->body);
        break;
    default:
        err(L, s->loc, "unsupported statement");
        break;
    }
    L->nb = nb;
    L->next = mark;
}

static void stmts(Lower *L, IsaStmt *s)
{
    int nb = L->nb, mark = L->next;
    for (; s; s = s->next)
        stmt(L, s);
    L->nb = nb;
    L->next = mark;
}

/* ---- routines ---- */

static void init_lower(Lower *L, IsaComp *k, int rbi)
{
    memset(L, 0, sizeof *L);
    L->k = k;
    L->c = k->c;
    L->m = k->m;
    L->rbi = rbi;
    L->rb = &k->rt[rbi];
    L->insn = -1;
    L->reach = 1;
    L->next = k->temp_base;
    L->lo = k->temp_base;
    L->hi = UC_NUREGS - 1;
    L->used_max = k->temp_base - 1;
    L->used_min = UC_NUREGS;
    L->callee_low = UC_NUREGS;
    for (int i = 0; i < UC_MAX_FIELDS; i++)
        L->facts[i] = F_UNKNOWN;
}

static void finish(Lower *L, IsaStmt *body, int endop)
{
    if (body) {
        L->loc = body->loc;
        stmts(L, body->body);
        L->loc = body->end;
    }
    if (L->reach)
        emit(L, endop, 0, 0, 0, 0, 0, 0, endop == UC_ENDOP ? L->endop_imm : 0);
    for (int i = 0; i < L->ndef; i++) {
        Deferred d = L->def[i];     /* a copy: lowering the block may add more */
        place(L, d.fix);
        L->nb = 0;
        for (int j = 0; j < d.nb; j++)
            bind(L, d.b[j].name, d.b[j].kind, d.b[j].v);
        free(d.b);
        L->next = d.next;
        L->nloops = 0;
        L->loc = d.loc;
        stmts(L, d.body->body);
        if (L->reach) {
            const UcWord *x = &d.retry;
            int wi = emit(L, x->op, x->dst, x->a, x->b, x->width, x->flags, x->aux, x->imm);
            (void)wi;
            jump(L, UC_JMP, 0, d.cont);
        }
    }
    free(L->def);
    L->def = NULL;
    L->ndef = 0;
    free(L->b);
    L->b = NULL;
    if (!L->down && L->used_max >= L->callee_low)
        err(L, body ? body->loc : L->loc,
            "routine '%s' and the micro routines it calls need more micro-registers than there are",
            L->rb->name);
}

static int lower_micro(IsaComp *k, IsaMicro *mi)
{
    Lower L;
    init_lower(&L, k, mi->routine);
    mi->state = 1;
    /* callees first: a micro routine's registers lie below those of the
       micro routines it calls */
    L.micro = mi;
    L.down = 1;
    IsaDecl *d = mi->decl;
    /* find the callees by a dry run: lowering them on demand */
    int top = UC_NUREGS - 1;
    {
        Lower P;
        init_lower(&P, k, mi->routine);
        P.micro = mi;
        P.down = 1;
        P.mute = 1;
        P.next = top;
        P.hi = top;
        mi->result_reg = has_return_value(d->body, 0) ? top : -1;
        for (int i = 0; i < d->nparams && i < UC_MAX_HELPER_ARGS; i++) {
            mi->param_reg[i] = top - 1 - i;
            mi->param_width[i] = d->params[i].width ? d->params[i].width : 64;
        }
        P.next = top - 1 - d->nparams;
        for (int i = 0; i < d->nparams; i++)
            bind(&P, d->params[i].name, B_VAL, vreg(mi->param_reg[i], mi->param_width[i]));
        finish(&P, d->body, UC_RET);
        if (P.callee_low < UC_NUREGS)
            top = P.callee_low - 1;
        IsaRoutineBuf *rb = &k->rt[mi->routine];
        rb->nwords = rb->nfix = rb->nlabels = 0;
    }
    if (d->nparams > UC_MAX_HELPER_ARGS) {
        err(&L, d->loc, "a micro routine takes at most %d parameters", UC_MAX_HELPER_ARGS);
        mi->state = 2;
        return -1;
    }
    L.loc = d->loc;
    L.hi = top;
    L.next = top;
    mi->result_reg = has_return_value(d->body, 0) ? alloc1(&L) : -1;
    mi->result_width = 1;
    for (int i = 0; i < d->nparams; i++) {
        mi->param_reg[i] = alloc1(&L);
        mi->param_width[i] = d->params[i].width ? d->params[i].width : 64;
        bind(&L, d->params[i].name, B_VAL, vreg(mi->param_reg[i], mi->param_width[i]));
    }
    finish(&L, d->body, UC_RET);
    mi->low = L.used_min < UC_NUREGS ? L.used_min : top + 1;
    if (L.callee_low < mi->low)
        mi->low = L.callee_low;
    mi->state = 2;
    return L.errs ? -1 : 0;
}

static void lower_plain(IsaComp *k, int rbi, IsaDecl *d, int endop)
{
    Lower L;
    init_lower(&L, k, rbi);
    L.loc = d->loc;
    L.endop_imm = d->kind == D_RESET || d->kind == D_BOUNDARY;
    if (d->kind == D_INTERRUPT) {
        IsaSym *s = isa_sym_find(k, d->name);
        const UcInterrupt *in = &k->m->interrupts[s->index];
        for (int i = 0; i < in->nparams; i++)
            bind(&L, d->params[i].name, B_VAL, vreg(in->param_ureg[i], k->ureg_width[in->param_ureg[i]]));
    }
    finish(&L, d->body, endop);
}

typedef struct Variant {
    uint64_t mask, match;
    int rt, format;
    int nzero;
} Variant;


static void lower_insn(IsaComp *k, IsaInsnInfo *ii, Variant **vv, int *nv, int *capv)
{
    UcMachine *m = k->m;
    UcInsn *in = &m->insns[ii->insn];
    IsaDecl *d = ii->decl;
    for (int q = 0; q < ii->nformats; q++) {
        const UcFormat *fmt = &m->formats[ii->formats[q]];
        int facts[UC_MAX_FIELDS];
        uint64_t fval[UC_MAX_FIELDS];
        uint64_t fmask = 0, fmatch = 0;
        for (int i = 0; i < UC_MAX_FIELDS; i++)
            facts[i] = F_UNKNOWN;
        for (int j = 0; j < d->nfixed; j++) {
            int fi = isa_format_field(fmt, d->fixed[j].field);
            uint64_t v;
            if (fi < 0 || isa_const_eval(k, d->fixed[j].value, &v) < 0)
                continue;
            facts[fi] = F_CONST;
            fval[fi] = v & mask(fmt->fields[fi].len);
            uint64_t mm = mask(fmt->fields[fi].len) << fmt->fields[fi].shift;
            fmask |= mm;
            fmatch |= (fval[fi] << fmt->fields[fi].shift) & mm;
        }
        char name[200];
        if (ii->nformats > 1)
            snprintf(name, sizeof name, "%s/%d", d->name, fmt->length);
        else
            snprintf(name, sizeof name, "%s", d->name);
        /* generic lowering, to learn which fields are tested against zero */
        int rbi = new_routine(k, name, RT_INSN);
        Lower L;
        init_lower(&L, k, rbi);
        L.insn = ii->insn;
        L.ii = ii;
        L.fmt = fmt;
        L.loc = d->loc;
        memcpy(L.facts, facts, sizeof facts);
        memcpy(L.fact_val, fval, sizeof fval);
        int errs0 = k->c->nerrors;
        finish(&L, d->body, UC_ENDOP);
        uint32_t tested = L.tested;
        int spec[MAX_SPEC], ns = 0;
        for (int i = 0; i < fmt->nfields && ns < MAX_SPEC; i++)
            if ((tested >> i & 1) && facts[i] == F_UNKNOWN)
                spec[ns++] = i;
        if (k->c->nerrors != errs0)
            ns = 0;
        if (ns == 0) {
            *vv = realloc(*vv, sizeof **vv * (size_t)(*nv + 1));
            (*vv)[(*nv)++] = (Variant){ fmask, fmatch, rbi, ii->formats[q], 0 };
            continue;
        }
        /* the generic routine is replaced by 2^ns variants */
        IsaRoutineBuf *rb = &k->rt[rbi];
        rb->nwords = rb->nfix = rb->nlabels = 0;
        (void)capv;
        for (int zc = ns; zc >= 0; zc--) {
            for (int set = (1 << ns) - 1; set >= 0; set--) {
                int pc = 0;
                for (int b = 0; b < ns; b++)
                    pc += set >> b & 1;
                if (pc != zc)
                    continue;
                char vname[260];
                size_t o = (size_t)snprintf(vname, sizeof vname, "%s", name);
                int r = set == 0 ? rbi : -1;
                uint64_t vm = fmask, vmatch = fmatch;
                Lower V;
                for (int i = 0; i < ns; i++) {
                    const UcFmtField *ff = &fmt->fields[spec[i]];
                    if (set >> i & 1) {
                        vm |= mask(ff->len) << ff->shift;
                        if (o < sizeof vname)
                            o += (size_t)snprintf(vname + o, sizeof vname - o, " %s=0", ff->name);
                    }
                }
                if (r < 0)
                    r = new_routine(k, vname, RT_INSN);
                init_lower(&V, k, r);
                V.insn = ii->insn;
                V.ii = ii;
                V.fmt = fmt;
                V.loc = d->loc;
                memcpy(V.facts, facts, sizeof facts);
                memcpy(V.fact_val, fval, sizeof fval);
                for (int i = 0; i < ns; i++)
                    V.facts[spec[i]] = (set >> i & 1) ? F_ZERO : F_NONZERO;
                finish(&V, d->body, UC_ENDOP);
                *vv = realloc(*vv, sizeof **vv * (size_t)(*nv + 1));
                (*vv)[(*nv)++] = (Variant){ vm, vmatch, r, ii->formats[q], zc };
            }
        }
    }
    (void)in;
}

/* Jumps in a finished routine, before its targets are resolved (the words
   after a removed one move up), until nothing changes:
   - a conditional branch over a JMP becomes the opposite branch to the
     JMP's target, and the JMP goes, when nothing else jumps to it:
     "BZ x, L; JMP M; L:" is "BNZ x, M; L:" (a loop whose exit test comes
     last, a break inside an if);
   - a JMP to the next word goes, and so does a word that cannot be reached
     from the entry (after a JMP, ENDOP, TRAP ... that nothing jumps to);
   - a jump or branch to a JMP goes straight to that JMP's target. */
static uint32_t fix_target(const IsaRoutineBuf *rb, const IsaFixup *fx)
{
    return fx->label >= 0 ? rb->labels[fx->label] : UINT32_MAX;
}

static int falls_through(int op)
{
    return op != UC_JMP && op != UC_ENDOP && op != UC_TRAP && op != UC_RET && op != UC_DISPATCH &&
           op != UC_EXEC;
}

/* One round; returns whether anything changed. */
static int thread_round(IsaRoutineBuf *rb, int32_t *fixof, uint32_t *refs, uint32_t *newidx, uint8_t *gone)
{
    uint32_t n = rb->nwords;
    memset(refs, 0, sizeof *refs * (n + 1));
    for (uint32_t w = 0; w < n; w++)
        fixof[w] = -1;
    for (uint32_t f = 0; f < rb->nfix; f++)
        fixof[rb->fix[f].word] = (int32_t)f;
    /* reachable words (gone[] = 0), from the entry through fall-throughs
       and targets; newidx is the work stack here */
    memset(gone, 1, n);
    uint32_t sp = 0;
    gone[0] = 0;
    newidx[sp++] = 0;
    while (sp > 0) {
        uint32_t w = newidx[--sp];
        uint32_t next[2] = { UINT32_MAX, UINT32_MAX };
        if (falls_through(rb->words[w].op) && w + 1 < n)
            next[0] = w + 1;
        if (fixof[w] >= 0)
            next[1] = fix_target(rb, &rb->fix[fixof[w]]);
        for (int j = 0; j < 2; j++)
            if (next[j] < n && gone[next[j]]) {
                gone[next[j]] = 0;
                newidx[sp++] = next[j];
            }
    }
    int any = 0;
    for (uint32_t w = 0; w < n; w++) {
        if (gone[w]) {
            any = 1;
            if (fixof[w] >= 0)
                rb->fix[fixof[w]].word = UINT32_MAX;    /* dropped below */
            continue;
        }
        if (fixof[w] >= 0) {
            uint32_t t = fix_target(rb, &rb->fix[fixof[w]]);
            if (t <= n)
                refs[t]++;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        UcWord *b = &rb->words[i];
        if (gone[i] || fixof[i] < 0)
            continue;
        IsaFixup *fb = &rb->fix[fixof[i]];
        if (b->op == UC_JMP && fix_target(rb, fb) == i + 1) {
            refs[i + 1]--;
            fb->word = UINT32_MAX;
            gone[i] = any = 1;
            continue;
        }
        if ((b->op != UC_BZ && b->op != UC_BNZ) || i + 1 >= n || gone[i + 1] || fixof[i + 1] < 0 ||
            rb->words[i + 1].op != UC_JMP || refs[i + 1] != 0 || fix_target(rb, fb) != i + 2)
            continue;
        IsaFixup *fj = &rb->fix[fixof[i + 1]];
        b->op = b->op == UC_BZ ? UC_BNZ : UC_BZ;
        refs[i + 2]--;
        fb->label = fj->label;
        fb->routine = fj->routine;
        uint32_t t = fix_target(rb, fb);
        if (t <= n)
            refs[t]++;
        fj->word = UINT32_MAX;
        gone[i + 1] = any = 1;
        i++;
    }
    if (!any) {
        /* threading, once the words stand still */
        for (uint32_t f = 0; f < rb->nfix; f++) {
            IsaFixup *fx = &rb->fix[f];
            int op = rb->words[fx->word].op;
            if (op != UC_JMP && op != UC_BZ && op != UC_BNZ)
                continue;
            for (int hops = 0; hops < 16; hops++) {
                uint32_t t = fix_target(rb, fx);
                if (t >= n || t == fx->word || rb->words[t].op != UC_JMP || fixof[t] < 0)
                    break;
                const IsaFixup *next = &rb->fix[fixof[t]];
                if (fix_target(rb, next) == t || (next->label == fx->label && next->routine == fx->routine))
                    break;
                fx->label = next->label;
                fx->routine = next->routine;
                any = 1;
            }
        }
        return any;
    }
    uint32_t k = 0;
    for (uint32_t w = 0; w < n; w++) {
        newidx[w] = k;
        if (!gone[w]) {
            rb->words[k] = rb->words[w];
            rb->debug[k] = rb->debug[w];
            k++;
        }
    }
    newidx[n] = k;
    rb->nwords = k;
    for (uint32_t l = 0; l < rb->nlabels; l++)
        if (rb->labels[l] <= n)
            rb->labels[l] = newidx[rb->labels[l]];
    uint32_t nf = 0;
    for (uint32_t f = 0; f < rb->nfix; f++)
        if (rb->fix[f].word != UINT32_MAX) {
            rb->fix[nf] = rb->fix[f];
            rb->fix[nf].word = newidx[rb->fix[nf].word];
            nf++;
        }
    rb->nfix = nf;
    return 1;
}

static void thread_branches(IsaRoutineBuf *rb)
{
    uint32_t n = rb->nwords;
    if (n < 2 || n > MAX_WORDS)
        return;
    int32_t *fixof = malloc(sizeof *fixof * n);
    uint32_t *refs = malloc(sizeof *refs * (n + 1));
    uint32_t *newidx = malloc(sizeof *newidx * (n + 1));
    uint8_t *gone = malloc(n);
    if (fixof && refs && newidx && gone)
        for (int round = 0; round < 64 && thread_round(rb, fixof, refs, newidx, gone); round++)
            ;
    free(fixof);
    free(refs);
    free(newidx);
    free(gone);
}

/* Lay the routines out in the control store and resolve every target. */
static void layout(IsaComp *k)
{
    UcMachine *m = k->m;
    uint32_t n = 0;
    static const int order[] = { RT_FETCH, RT_INSN, RT_INVALID, RT_INTERRUPT, RT_RESET, RT_BOUNDARY, RT_MICRO };
    int *seq = calloc((size_t)k->nrt + 1, sizeof *seq);
    int ns = 0;
    if (!seq)
        return;
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        for (int i = 0; i < k->nrt; i++)
            if (k->rt[i].kind == order[o]) {
                thread_branches(&k->rt[i]);
                k->rt[i].base = n;
                n += k->rt[i].nwords;
                seq[ns++] = i;
            }
    m->words = calloc(n ? n : 1, sizeof *m->words);
    m->debug = calloc(n ? n : 1, sizeof *m->debug);
    m->routines = calloc((size_t)k->nrt + 1, sizeof *m->routines);
    if (!m->words || !m->debug || !m->routines) {
        free(seq);
        return;
    }
    m->nwords = n;
    for (int s = 0; s < ns; s++) {
        IsaRoutineBuf *rb = &k->rt[seq[s]];
        if (rb->nwords)
            memcpy(m->words + rb->base, rb->words, sizeof *m->words * rb->nwords);
        if (rb->nwords)
            memcpy(m->debug + rb->base, rb->debug, sizeof *m->debug * rb->nwords);
        for (uint32_t f = 0; f < rb->nfix; f++) {
            IsaFixup *fx = &rb->fix[f];
            uint32_t t = fx->label >= 0 ? rb->base + rb->labels[fx->label] : k->rt[fx->routine].base;
            m->words[rb->base + fx->word].target = t;
        }
        m->routines[m->nroutines].name = isa_xstrdup(rb->name);
        m->routines[m->nroutines].start = rb->base;
        m->routines[m->nroutines].end = rb->base + rb->nwords;
        m->nroutines++;
    }
    free(seq);
}


int isa_lower_all(IsaComp *k)
{
    UcMachine *m = k->m;
    /* routine buffers for everything that can be jumped to */
    int fetch_rt = new_routine(k, "fetch", RT_FETCH);
    for (uint32_t i = 0; i < m->ninterrupts; i++) {
        char name[160];
        snprintf(name, sizeof name, "interrupt %s", m->interrupts[i].name);
        k->interrupt_rt[i] = new_routine(k, name, RT_INTERRUPT);
    }
    k->micros = calloc((size_t)k->ndecls + 1, sizeof *k->micros);
    k->nmicros = 0;
    for (int i = 0; i < k->ndecls; i++) {
        IsaSym *s = isa_sym_find(k, k->decls[i]->name);
        if (k->decls[i]->kind != D_MICRO || !s || s->decl != k->decls[i])
            continue;
        IsaMicro *mi = &k->micros[k->nmicros];
        mi->decl = s->decl;
        mi->result_reg = -1;
        char name[160];
        snprintf(name, sizeof name, "micro %s", s->name);
        mi->routine = new_routine(k, name, RT_MICRO);
        s->index = k->nmicros++;
    }
    for (int i = 0; i < k->nmicros; i++)
        if (k->micros[i].state == 0)
            lower_micro(k, &k->micros[i]);
    if (k->fetch)
        lower_plain(k, fetch_rt, k->fetch, UC_ENDOP);
    int inv_rt = new_routine(k, "invalid", RT_INVALID);
    if (k->invalid)
        lower_plain(k, inv_rt, k->invalid, UC_ENDOP);
    int reset_rt = -1;
    if (k->reset) {
        reset_rt = new_routine(k, "reset", RT_RESET);
        lower_plain(k, reset_rt, k->reset, UC_ENDOP);
    }
    int boundary_rt = -1;
    if (k->boundary) {
        boundary_rt = new_routine(k, "boundary", RT_BOUNDARY);
        lower_plain(k, boundary_rt, k->boundary, UC_ENDOP);
    }
    for (uint32_t i = 0; i < m->ninterrupts; i++)
        lower_plain(k, k->interrupt_rt[i], k->interrupt_decls[i], UC_ENDOP);
    /* instructions, with their variants in candidate order */
    Variant **per = calloc((size_t)k->ninsns + 1, sizeof *per);
    int *nper = calloc((size_t)k->ninsns + 1, sizeof *nper);
    for (int i = 0; i < k->ninsns; i++) {
        if (!k->insns[i].nformats || !k->insns[i].decl->body)
            continue;
        lower_insn(k, &k->insns[i], &per[i], &nper[i], NULL);
    }
    if (k->c->nerrors == 0) {
        layout(k);
        m->fetch_entry = k->rt[fetch_rt].base;
        m->reset_entry = reset_rt >= 0 ? k->rt[reset_rt].base : (uint32_t)UC_NONE;
        m->boundary_entry = boundary_rt >= 0 ? k->rt[boundary_rt].base : (uint32_t)UC_NONE;
        m->dispatch.invalid_entry = k->rt[inv_rt].base;
        for (uint32_t i = 0; i < m->ninterrupts; i++)
            m->interrupts[i].entry = k->rt[k->interrupt_rt[i]].base;
        /* candidates: kept on the IsaInsnInfo for isa_decode.c */
        for (int i = 0; i < k->ninsns; i++) {
            IsaInsnInfo *ii = &k->insns[i];
            ii->nvar = nper[i];
            ii->var = calloc((size_t)nper[i] + 1, sizeof *ii->var);
            for (int j = 0; j < nper[i]; j++) {
                ii->var[j].mask = per[i][j].mask;
                ii->var[j].match = per[i][j].match;
                ii->var[j].format = per[i][j].format;
                ii->var[j].entry = k->rt[per[i][j].rt].base;
            }
            if (nper[i])
                m->insns[ii->insn].entry = ii->var[nper[i] - 1].entry;
        }
    }
    for (int i = 0; i < k->ninsns; i++)
        free(per[i]);
    free(per);
    free(nper);
    return k->c->nerrors ? -1 : 0;
}
