/* uc_machine.c — the compiled machine: allocation, release, name lookups and
 * the one-line listing of a micro-word.
 *
 * The struct itself is the contract of uc_machine.h; this file only owns its
 * memory rules (every name and array is owned by the UcMachine and released
 * by uc_machine_free) and the readable form of a micro-word used by isac's
 * listing and the monitor's micro-step display. Operand shapes come from the
 * UC_OP rows of uc_ops.h (DESIGN.md, "The micro-engine").
 */
#include "uc_machine.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

UcMachine *uc_machine_new(void)
{
    UcMachine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->reset_entry = (uint32_t)UC_NONE;
    m->boundary_entry = (uint32_t)UC_NONE;
    m->decode.delim_subfield = UC_NONE;
    return m;
}

void uc_machine_free(UcMachine *m)
{
    uint32_t i, j;
    if (!m)
        return;
    free(m->name);
    free(m->title);
    free(m->charset);
    for (i = 0; m->items && i < m->nitems; i++) {
        free(m->items[i].name);
        free(m->items[i].number_map);
    }
    free(m->items);
    for (i = 0; m->fields && i < m->nfields; i++)
        free(m->fields[i].name);
    free(m->fields);
    for (i = 0; m->spaces && i < m->nspaces; i++) {
        UcSpace *s = &m->spaces[i];
        free(s->name);
        free(s->sizes);
        for (j = 0; s->subfields && j < s->nsubfields; j++)
            free(s->subfields[j].name);
        free(s->subfields);
    }
    free(m->spaces);
    for (i = 0; m->tables && i < m->ntables; i++) {
        free(m->tables[i].name);
        free(m->tables[i].values);
    }
    free(m->tables);
    for (i = 0; m->consts && i < m->nconsts; i++)
        free(m->consts[i].name);
    free(m->consts);
    for (i = 0; m->interrupts && i < m->ninterrupts; i++)
        free(m->interrupts[i].name);
    free(m->interrupts);
    for (i = 0; m->stops && i < m->nstops; i++) {
        free(m->stops[i].name);
        free(m->stops[i].message);
    }
    free(m->stops);
    for (i = 0; m->helpers && i < m->nhelpers; i++)
        free(m->helpers[i].name);
    free(m->helpers);
    for (i = 0; m->formats && i < m->nformats; i++) {
        UcFormat *f = &m->formats[i];
        free(f->name);
        for (j = 0; j < f->nfields && j < UC_MAX_FIELDS; j++)
            free(f->fields[j].name);
    }
    free(m->formats);
    free(m->dispatch.first);
    free(m->cands);
    for (i = 0; m->modes && i < m->nmodes; i++) {
        UcMode *md = &m->modes[i];
        free(md->name);
        for (j = 0; j < md->nparams && j < UC_MAX_MODE_PARAMS; j++)
            free(md->params[j].name);
        for (j = 0; md->forms && j < md->nforms; j++)
            free(md->forms[j].tmpl);
        free(md->forms);
    }
    free(m->modes);
    for (i = 0; m->insns && i < m->ninsns; i++) {
        free(m->insns[i].mnemonic);
        free(m->insns[i].syntax);
    }
    free(m->insns);
    for (i = 0; m->aliases && i < m->naliases; i++)
        free(m->aliases[i].mnemonic);
    free(m->aliases);
    free(m->words);
    free(m->debug);
    for (i = 0; m->files && i < m->nfiles; i++) {
        free(m->files[i].name);
        free(m->files[i].text);
    }
    free(m->files);
    for (i = 0; m->routines && i < m->nroutines; i++)
        free(m->routines[i].name);
    free(m->routines);
    for (i = 0; i < UC_NUREGS; i++)
        free(m->ureg_names[i]);
    free(m);
}

/* ---- lookups: exact, case-sensitive names; -1 when absent ---- */

static int name_is(const char *have, const char *want)
{
    return have && want && strcmp(have, want) == 0;
}

int uc_machine_find_item(const UcMachine *m, const char *name)
{
    for (uint32_t i = 0; m && m->items && i < m->nitems; i++)
        if (name_is(m->items[i].name, name))
            return (int)i;
    return -1;
}

/* item may be NULL (any item), or field may be "ITEM.FIELD" with item NULL. */
int uc_machine_find_field(const UcMachine *m, const char *item, const char *field)
{
    if (!m || !field)
        return -1;
    const char *dot = item ? NULL : strchr(field, '.');
    for (uint32_t i = 0; m->fields && i < m->nfields; i++) {
        const UcField *f = &m->fields[i];
        const char *iname = f->item < m->nitems && m->items ? m->items[f->item].name : NULL;
        if (dot) {
            size_t n = (size_t)(dot - field);
            if (iname && strlen(iname) == n && strncmp(iname, field, n) == 0
                && name_is(f->name, dot + 1))
                return (int)i;
        } else if (name_is(f->name, field) && (!item || name_is(iname, item))) {
            return (int)i;
        }
    }
    return -1;
}

int uc_machine_find_space(const UcMachine *m, const char *name)
{
    for (uint32_t i = 0; m && m->spaces && i < m->nspaces; i++)
        if (name_is(m->spaces[i].name, name))
            return (int)i;
    return -1;
}

int uc_machine_find_insn(const UcMachine *m, const char *mnemonic)
{
    for (uint32_t i = 0; m && m->insns && i < m->ninsns; i++)
        if (name_is(m->insns[i].mnemonic, mnemonic))
            return (int)i;
    return -1;
}

int uc_machine_find_helper(const UcMachine *m, const char *name)
{
    for (uint32_t i = 0; m && m->helpers && i < m->nhelpers; i++)
        if (name_is(m->helpers[i].name, name))
            return (int)i;
    return -1;
}

int uc_machine_find_stop(const UcMachine *m, const char *name)
{
    for (uint32_t i = 0; m && m->stops && i < m->nstops; i++)
        if (name_is(m->stops[i].name, name))
            return (int)i;
    return -1;
}

/* The innermost named range holding uaddr (routines may nest). */
const UcRoutine *uc_machine_routine_at(const UcMachine *m, uint32_t uaddr)
{
    const UcRoutine *best = NULL;
    for (uint32_t i = 0; m && m->routines && i < m->nroutines; i++) {
        const UcRoutine *r = &m->routines[i];
        if (uaddr >= r->start && uaddr < r->end
            && (!best || r->end - r->start < best->end - best->start))
            best = r;
    }
    return best;
}

static const char *const op_names[] = {
#define UC_OP(name, shape, text) #name,
#include "uc_ops.h"
#undef UC_OP
};

static uint64_t ubit(unsigned r)
{
    return UINT64_C(1) << (r & 63);
}

uint64_t uc_word_uses(const UcMachine *m, const UcWord *w)
{
    (void)m;
    int has_b = !(w->flags & UC_F_IMM);
    switch (w->op) {
    case UC_NOP: case UC_MOVI: case UC_JMP: case UC_CALL: case UC_RET: case UC_ENDOP:
    case UC_TRAP: case UC_STOP: case UC_LDF:
        return 0;
    case UC_MOV: case UC_NOT: case UC_NEG: case UC_SEXT: case UC_EXT: case UC_XLAT:
    case UC_LDR: case UC_LD: case UC_LDK: case UC_BZ: case UC_BNZ:
        return ubit(w->a);
    case UC_INS:
        return ubit(w->a) | ubit(w->dst);
    case UC_SEL: case UC_MOVE:
        return ubit(w->dst) | ubit(w->a) | (has_b ? ubit(w->b) : 0);
    case UC_STF:
        return has_b ? ubit(w->a) : 0;
    case UC_ST:
        return ubit(w->a) | (has_b ? ubit(w->b) : 0) | ((w->flags & UC_F_PART) ? ubit(w->dst) : 0);
    case UC_STR: case UC_PROBE: case UC_STK:
        return ubit(w->a) | (has_b ? ubit(w->b) : 0);
    case UC_DISPATCH: case UC_EXEC:
        return ubit(w->a) | ubit(w->b);
    case UC_CALLH: {
        uint64_t s = 0;
        for (uint64_t i = 0; i < w->imm && i < 64; i++)
            s |= ubit((unsigned)(w->a + i));
        return s;
    }
    default:                 /* the DAB ALU ops */
        return ubit(w->a) | (has_b ? ubit(w->b) : 0);
    }
}

uint64_t uc_word_defs(const UcMachine *m, const UcWord *w)
{
    switch (w->op) {
    case UC_NOP: case UC_JMP: case UC_CALL: case UC_RET: case UC_ENDOP: case UC_TRAP:
    case UC_STOP: case UC_STF: case UC_STR: case UC_ST: case UC_PROBE: case UC_STK:
    case UC_MOVE: case UC_BZ: case UC_BNZ: case UC_DISPATCH: case UC_EXEC:
        return 0;
    case UC_CALLH:
        return w->aux < m->nhelpers && m->helpers[w->aux].has_result ? ubit(w->dst) : 0;
    default:
        return ubit(w->dst);
    }
}

const char *uc_op_name(unsigned op)
{
    return op < UC_NOPS ? op_names[op] : "?";
}

/* Micro-registers live at every word: a backward analysis over the control
   store that follows calls. Within a routine called by CALL, what is live
   at a word depends on what is live after its RET (R): it is kept as a
   pair, live = G | (R & ~K), and a CALL of f combines the pair of f's
   entry with the pair after the CALL. Outside called routines R is empty.
   Erring towards live: a storage access may fault into any interruption. */
int uc_word_liveness(const UcMachine *m, uint64_t *G, uint64_t *K)
{
    uint32_t n = m->nwords;
    uint64_t *cfields = calloc(m->ncands + 1, sizeof *cfields);
    if (!cfields)
        return -1;
    for (uint32_t i = 0; i <= n; i++) {
        G[i] = 0;
        K[i] = ~UINT64_C(0);   /* nothing live yet; past the end: nothing */
    }
    for (uint32_t c = 0; c < m->ncands; c++) {
        const UcFormat *f = &m->formats[m->cands[c].format];
        for (unsigned j = 0; j < f->nfields; j++)
            cfields[c] |= UINT64_C(1) << (f->fields[j].ureg & 63);
    }
#define AT(a) ((a) < n ? (a) : n)
    for (int changed = 1; changed;) {
        changed = 0;
        uint64_t intr = 0;
        for (uint32_t i = 0; i < m->ninterrupts; i++) {
            uint64_t p = 0;
            for (unsigned k = 0; k < m->interrupts[i].nparams && k < 4; k++)
                p |= UINT64_C(1) << (m->interrupts[i].param_ureg[k] & 63);
            intr |= G[AT(m->interrupts[i].entry)] & ~p;
        }
        for (uint32_t i = n; i-- > 0;) {
            const UcWord *w = &m->words[i];
            uint64_t g, k = ~UINT64_C(0);      /* the pair after the word */
            uint32_t nx = AT(i + 1), t = AT(w->target);
            switch (w->op) {
            case UC_JMP: g = G[t]; k = K[t]; break;
            case UC_BZ: case UC_BNZ: g = G[t] | G[nx]; k = K[t] & K[nx]; break;
            case UC_CALL: g = G[t] | (G[nx] & ~K[t]); k = K[nx] | K[t]; break;
            case UC_RET: g = 0; k = 0; break;
            case UC_DISPATCH: case UC_EXEC:
                g = G[AT(m->dispatch.invalid_entry)];
                for (uint32_t c = 0; c < m->ncands; c++)
                    g |= G[AT(m->cands[c].entry)] & ~cfields[c];
                break;
            case UC_ENDOP: g = G[AT(m->fetch_entry)] | G[AT(m->boundary_entry)]; break;
            case UC_TRAP: g = intr; break;
            case UC_LD: case UC_ST: case UC_PROBE: case UC_MOVE: case UC_LDK: case UC_STK:
                g = G[nx] | intr;
                k = K[nx];
                if (w->flags & UC_F_ONFAULT) {
                    g |= G[t];
                    k &= K[t];
                }
                break;
            default: g = G[nx]; k = K[nx]; break;
            }
            uint64_t d = uc_word_defs(m, w), gi = uc_word_uses(m, w) | (g & ~d), ki = k | d;
            if (gi != G[i] || ki != K[i]) {
                G[i] = gi;
                K[i] = ki;
                changed = 1;
            }
        }
    }
#undef AT
    free(cfields);
    return 0;
}

/* ---- the listing line ---- */

/* Shapes of uc_ops.h, as an enum so the formatter can switch on them. */
enum { SH_N, SH_DI, SH_DA, SH_DAB, SH_ABI, SH_T, SH_AT, SH_S, SH_X };
static const unsigned char op_shapes[] = {
#define UC_OP(name, shape, text) SH_##shape,
#include "uc_ops.h"
#undef UC_OP
};

typedef struct Out {
    char *buf;
    size_t size, len;        /* len counts what would have been written */
} Out;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void out(Out *o, const char *fmt, ...)
{
    va_list ap;
    size_t room = o->len < o->size ? o->size - o->len : 0;
    va_start(ap, fmt);
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

static void out_reg(Out *o, const UcMachine *m, unsigned r)
{
    if (m && r < UC_NUREGS && m->ureg_names[r])
        out(o, "%s", m->ureg_names[r]);
    else
        out(o, "u%u", r);
}

static void out_num(Out *o, uint64_t v)
{
    out(o, "0x%" PRIx64, v);
}

/* The second operand B: imm or u[b]. */
static void out_b(Out *o, const UcMachine *m, const UcWord *w)
{
    if (w->flags & UC_F_IMM)
        out_num(o, w->imm);
    else
        out_reg(o, m, w->b);
}

#define NAMED(arr, n, idx, member) \
    ((m) && (m)->arr && (idx) < (m)->n && (m)->arr[idx].member ? (m)->arr[idx].member : NULL)

static void out_named(Out *o, const char *name, const char *what, unsigned idx)
{
    if (name)
        out(o, "%s", name);
    else
        out(o, "%s#%u", what, idx);
}

static void out_field(Out *o, const UcMachine *m, unsigned idx)
{
    const char *f = NAMED(fields, nfields, idx, name);
    if (!f) {
        out(o, "field#%u", idx);
        return;
    }
    unsigned item = m->fields[idx].item;
    const char *in = NAMED(items, nitems, item, name);
    if (in)
        out(o, "%s.", in);
    out(o, "%s", f);
}

static void out_access(Out *o, unsigned flags)
{
    switch (flags & UC_F_ACC_MASK) {
    case UC_F_STORE: out(o, " store"); break;
    case UC_F_IFETCH: out(o, " ifetch"); break;
    case UC_F_FETCH: out(o, " fetch"); break;
    default: out(o, " acc%u", (flags & UC_F_ACC_MASK) >> 1); break;
    }
    if (flags & UC_F_ALIGN)
        out(o, " align");
    if (flags & UC_F_NOKEY)
        out(o, " nokey");
    if (flags & UC_F_LANES)
        out(o, " lanes");
}

static void out_onfault(Out *o, const UcWord *w)
{
    if (w->flags & UC_F_ONFAULT)
        out(o, " onfault 0x%" PRIx32, w->target);
}

static const char *dab_symbol(unsigned op)
{
    switch (op) {
    case UC_ADD: return "+";
    case UC_SUB: return "-";
    case UC_MUL: return "*";
    case UC_DIVU: return "/u";
    case UC_REMU: return "%u";
    case UC_DIVS: return "/s";
    case UC_REMS: return "%s";
    case UC_AND: return "&";
    case UC_OR: return "|";
    case UC_XOR: return "^";
    case UC_SHL: return "<<";
    case UC_SHR: return ">>";
    case UC_SAR: return ">>s";
    case UC_EQ: return "==";
    case UC_NE: return "!=";
    case UC_LTU: return "<u";
    case UC_LEU: return "<=u";
    case UC_LTS: return "<s";
    case UC_LES: return "<=s";
    case UC_ADDV: return "+v";
    case UC_SUBV: return "-v";
    case UC_ADDC: return "+c";
    case UC_SUBC: return "-c";
    case UC_CMPU: return "<=>u";
    case UC_CMPS: return "<=>s";
    default: return "?";
    }
}

int uc_format_word(const UcMachine *m, const UcWord *w, char *buf, size_t size)
{
    Out o = { buf, size, 0 };
    if (buf && size)
        buf[0] = '\0';
    if (!w)
        return -1;
    unsigned op = w->op;
    if (op == UC_NOP || op == UC_RET || op == UC_ENDOP) {
        out(&o, "%s", uc_op_name(op));
        if (op == UC_ENDOP && w->imm)
            out(&o, " nocount");
        return (int)o.len;
    }
    out(&o, "%-6s ", uc_op_name(op));
    switch (op) {
    case UC_MOVI:
        out_reg(&o, m, w->dst); out(&o, " = "); out_num(&o, w->imm);
        out(&o, " w%u", w->width);
        break;
    case UC_MOV:
        out_reg(&o, m, w->dst); out(&o, " = "); out_reg(&o, m, w->a);
        out(&o, " w%u", w->width);
        break;
    case UC_NOT:
    case UC_NEG:
        out_reg(&o, m, w->dst); out(&o, " = %s", op == UC_NOT ? "~" : "-");
        out_reg(&o, m, w->a); out(&o, " w%u", w->width);
        break;
    case UC_SEXT:
        out_reg(&o, m, w->dst); out(&o, " = sx("); out_reg(&o, m, w->a);
        out(&o, ") w%u", w->width);
        break;
    case UC_EXT:
        out_reg(&o, m, w->dst); out(&o, " = "); out_reg(&o, m, w->a);
        out(&o, "[%" PRIu64 "] w%u", w->imm, w->width);
        break;
    case UC_INS:
        out_reg(&o, m, w->dst); out(&o, "[%" PRIu64 "] = ", w->imm);
        out_reg(&o, m, w->a); out(&o, " w%u", w->width);
        break;
    case UC_SEL:
        out_reg(&o, m, w->dst); out(&o, " = "); out_reg(&o, m, w->dst); out(&o, " ? ");
        out_reg(&o, m, w->a); out(&o, " : "); out_b(&o, m, w);
        out(&o, " w%u", w->width);
        break;
    case UC_XLAT:
        out_reg(&o, m, w->dst); out(&o, " = ");
        out_named(&o, NAMED(tables, ntables, w->aux, name), "table", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "]");
        break;
    case UC_LDR:
        out_reg(&o, m, w->dst); out(&o, " = ");
        out_named(&o, NAMED(items, nitems, w->aux, name), "item", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "]");
        break;
    case UC_STR:
        out_named(&o, NAMED(items, nitems, w->aux, name), "item", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "] = "); out_b(&o, m, w);
        break;
    case UC_LDF:
        out_reg(&o, m, w->dst); out(&o, " = "); out_field(&o, m, w->aux);
        break;
    case UC_STF:
        out_field(&o, m, w->aux); out(&o, " = ");
        if (w->flags & UC_F_IMM)
            out_num(&o, w->imm);
        else
            out_reg(&o, m, w->a);
        break;
    case UC_LD:
        out_reg(&o, m, w->dst); out(&o, " = ");
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "] w%u", w->width);
        out_access(&o, w->flags);
        out_onfault(&o, w);
        break;
    case UC_ST:
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "] = "); out_b(&o, m, w);
        out(&o, " w%u", w->width);
        if (w->flags & UC_F_PART) {
            out(&o, " last ");
            out_reg(&o, m, w->dst);
        }
        out_access(&o, w->flags);
        out_onfault(&o, w);
        break;
    case UC_PROBE:
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, " +"); out_b(&o, m, w); out(&o, "]");
        out_access(&o, w->flags);
        out_onfault(&o, w);
        break;
    case UC_LDK:
        out_reg(&o, m, w->dst); out(&o, " = key ");
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "]");
        break;
    case UC_STK:
        out(&o, "key ");
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "] = "); out_b(&o, m, w);
        break;
    case UC_MOVE:
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->dst); out(&o, "] = ");
        out_named(&o, NAMED(spaces, nspaces, w->aux, name), "space", w->aux);
        out(&o, "["); out_reg(&o, m, w->a); out(&o, "] len "); out_b(&o, m, w);
        if (w->flags & UC_F_NOKEY)
            out(&o, " nokey");
        break;
    case UC_JMP:
    case UC_CALL:
        out(&o, "0x%" PRIx32, w->target);
        break;
    case UC_BZ:
    case UC_BNZ:
        out_reg(&o, m, w->a); out(&o, ", 0x%" PRIx32, w->target);
        break;
    case UC_DISPATCH:
    case UC_EXEC:
        out(&o, "key "); out_reg(&o, m, w->a); out(&o, ", insn "); out_reg(&o, m, w->b);
        break;
    case UC_TRAP:
        out_named(&o, NAMED(interrupts, ninterrupts, w->aux, name), "interrupt", w->aux);
        out(&o, " "); out_num(&o, w->imm);
        break;
    case UC_STOP:
        if (w->imm <= UINT32_MAX && NAMED(stops, nstops, (uint32_t)w->imm, name))
            out(&o, "%s", m->stops[w->imm].name);
        else
            out(&o, "stop#%" PRIu64, w->imm);
        break;
    case UC_CALLH: {
        const char *h = NAMED(helpers, nhelpers, w->aux, name);
        if (!m || !m->helpers || w->aux >= m->nhelpers || m->helpers[w->aux].has_result) {
            out_reg(&o, m, w->dst); out(&o, " = ");
        }
        out_named(&o, h, "helper", w->aux);
        out(&o, "(");
        for (uint64_t i = 0; i < w->imm && i < UC_MAX_HELPER_ARGS; i++) {
            if (i)
                out(&o, ", ");
            out_reg(&o, m, (unsigned)(w->a + i));
        }
        if (w->imm > UC_MAX_HELPER_ARGS)
            out(&o, ", ...%" PRIu64, w->imm);
        out(&o, ")");
        break;
    }
    default:
        if (op < UC_NOPS && op_shapes[op] == SH_DAB) {
            out_reg(&o, m, w->dst); out(&o, " = "); out_reg(&o, m, w->a);
            out(&o, " %s ", dab_symbol(op)); out_b(&o, m, w);
            out(&o, " w%u", w->width);
        } else {
            out(&o, "dst=%u a=%u b=%u w=%u flags=0x%x aux=%u target=0x%" PRIx32
                " imm=0x%" PRIx64, w->dst, w->a, w->b, w->width, w->flags, w->aux,
                w->target, w->imm);
        }
        break;
    }
    return o.len > INT32_MAX ? -1 : (int)o.len;
}
