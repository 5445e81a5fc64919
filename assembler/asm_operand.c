/* asm_operand.c — machine-instruction operands through the mode templates.
 *
 * An instruction's operands are the modes bound to its format fields
 * (UcInsn.operands); an extended mnemonic (UcAlias) fixes some fields and
 * drops the operands made of them. Each written operand is matched against
 * its mode's forms in order, a placeholder taking an expression; an address
 * mode's implicit forms are resolved through the USING table by HLASM's rule
 * (Language Reference, "How the assembler resolves implicit addresses"): of
 * the active USINGs whose base is in the same section and below the address
 * within the displacement's range, the one giving the smallest displacement;
 * on a tie the highest-numbered register. An absolute address within the
 * displacement's range without such a USING takes base register 0.
 */
#include <stdio.h>
#include <string.h>
#include "asm_int.h"

/* The end of the operand field: the first blank outside quotes. A quote
   right after L (and not after a symbol character) followed by a symbol or
   `*` is the length attribute, not a string. */
int asm_scan_operand_field(const char *s, int off)
{
    int i = off, q = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if (q) {
            if (c == '\'') {
                if (s[i + 1] == '\'')
                    i++;
                else
                    q = 0;
            }
            continue;
        }
        if (c == ' ')
            break;
        if (c == '\'') {
            int attr = i > off && (s[i - 1] == 'L' || s[i - 1] == 'l' || s[i - 1] == 'T' || s[i - 1] == 't')
                       && (i - 1 == off || !asm_is_symchar(s[i - 2]))
                       && (asm_is_symstart(s[i + 1]) || s[i + 1] == '*');
            if (!attr)
                q = 1;
        }
    }
    return i;
}

/* Split s[off, off+len) at commas outside parentheses and quotes. */
int asm_split_operands(const char *s, int off, int len, int *starts, int *lens, int max)
{
    int n = 0, depth = 0, q = 0, start = off;
    if (len <= 0)
        return 0;
    for (int i = off; i <= off + len; i++) {
        char c = i < off + len ? s[i] : ',';
        if (i == off + len)
            q = 0, depth = 0;
        if (q) {
            if (c == '\'') {
                if (s[i + 1] == '\'' && i + 1 < off + len)
                    i++;
                else
                    q = 0;
            }
            continue;
        }
        if (c == '\'') {
            int attr = i > off && (s[i - 1] == 'L' || s[i - 1] == 'l' || s[i - 1] == 'T' || s[i - 1] == 't')
                       && (i - 1 == off || !asm_is_symchar(s[i - 2]))
                       && (asm_is_symstart(s[i + 1]) || s[i + 1] == '*');
            if (!attr)
                q = 1;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (depth > 0)
                depth--;
        } else if (c == ',' && depth == 0) {
            if (n < max) {
                starts[n] = start;
                lens[n] = i - start;
            }
            n++;
            start = i + 1;
        }
    }
    return n;
}

uint32_t asm_insn_length(const Asm *a, const AsmOp *op)
{
    const UcMachine *m = a->m;
    int32_t insn = op->kind == ASM_OP_ALIAS ? m->aliases[op->index].insn : op->index;
    return m->formats[m->insns[insn].format].length;
}

typedef struct Match {
    AsmValue val[UC_MAX_MODE_PARAMS];
    int at[UC_MAX_MODE_PARAMS], end[UC_MAX_MODE_PARAMS];
    AsmErr err;
} Match;

/* 0 match (err may hold a semantic error), 1 no match, 2 malformed (err). */
static int match_form(Asm *a, const AsmForm *f, const char *s, int off, int len, Match *mt)
{
    int pos = off;
    memset(mt, 0, sizeof *mt);
    mt->err.msg = -1;
    for (uint32_t i = 0; i < f->nitems; i++) {
        const AsmItem *it = &f->items[i];
        if (it->param < 0) {
            if (pos >= off + len || s[pos] != it->lit)
                return 1;
            pos++;
            continue;
        }
        if (pos >= off + len)
            return 1;
        mt->at[it->param] = pos;
        int r = asm_expr(a, s, &pos, &mt->val[it->param], &mt->err);
        mt->end[it->param] = pos;
        if (r == 1)
            return 1;
        if (r == 2)
            return pos > off + len ? 1 : 2;
        if (pos > off + len)
            return 1;
    }
    return pos == off + len ? 0 : 1;
}

static int64_t pmax(const UcModeParam *p)
{
    int w = p->width > 62 ? 62 : p->width;
    return p->is_signed ? ((int64_t)1 << (w - 1)) - 1 : ((int64_t)1 << w) - 1;
}

static int64_t pmin(const UcModeParam *p)
{
    int w = p->width > 62 ? 62 : p->width;
    return p->is_signed ? -((int64_t)1 << (w - 1)) : 0;
}

static int range_msg(const UcMode *md, const AsmForm *f, int p)
{
    if (md->kind == UC_MODE_ADDRESS) {
        if (p == md->disp_param)
            return ASMA028E;
        if (p == md->length_param)
            return ASMA068S;
        return ASMA029E;
    }
    for (uint32_t i = 0; i < f->nitems; i++)
        if (f->items[i].param == p && f->items[i].style)
            return ASMA031E;
    return md->params[p].width == 4 ? ASMA029E : ASMA031E;
}

/* Resolve an implicit address into base register and displacement. */
static int resolve(Asm *a, const UcMode *md, const AsmValue *v, int at, const char *s, int end,
                   int64_t *base, int64_t *disp)
{
    int64_t dmax = pmax(&md->params[md->disp_param]);
    int nregs = md->params[md->base_param].width >= 6 ? ASM_NREGS : 1 << md->params[md->base_param].width;
    int best = -1;
    int64_t bestd = 0, nearest = -1;
    *base = *disp = 0;
    if (v->undefined)
        return 0;
    if (v->sect < 0) {
        AsmErr e = { ASMA078E, at, "" };
        snprintf(e.detail, sizeof e.detail, "%.*s", end - at, s + at);
        asm_report_err(a, &e);
        return -1;
    }
    for (int r = 0; r < nregs; r++) {
        const AsmUsing *u = &a->usings[r];
        if (!u->active || u->sect != v->sect)
            continue;
        int64_t d = v->v - (r == 0 ? 0 : u->base);
        if (d < 0)
            continue;
        if (d > dmax) {
            if (nearest < 0 || d - dmax < nearest)
                nearest = d - dmax;
            continue;
        }
        if (best < 0 || d <= bestd) {
            best = r;
            bestd = d;
        }
    }
    if (best < 0 && v->sect == 0 && v->v >= 0 && v->v <= dmax) {
        best = 0;
        bestd = v->v;
    }
    if (best < 0) {
        char buf[72];
        if (v->sect == 0 && !a->usings[0].active) {
            /* an absolute address takes base 0: its value is the displacement */
            snprintf(buf, sizeof buf, "%.*s", end - at > 60 ? 60 : end - at, s + at);
            asm_error(a, at, ASMA028E, buf);
        } else if (nearest >= 0) {
            snprintf(buf, sizeof buf, "%.*s by %lld bytes", end - at > 40 ? 40 : end - at, s + at,
                     (long long)nearest);
            asm_error(a, at, ASMA034E, buf);
        } else {
            snprintf(buf, sizeof buf, "%.*s", end - at > 60 ? 60 : end - at, s + at);
            asm_error(a, at, ASMA307E, buf);
        }
        return -1;
    }
    *base = best;
    *disp = bestd;
    return 0;
}

static void put_field(const UcMachine *m, const UcInsn *in, int field, int64_t v, uint64_t *value)
{
    const UcFormat *fmt = &m->formats[in->format];
    if (field >= fmt->nfields)
        return;
    const UcFmtField *f = &fmt->fields[field];
    uint64_t mask = f->len >= 64 ? ~0ull : ((1ull << f->len) - 1);
    *value = (*value & ~(mask << f->shift)) | (((uint64_t)v & mask) << f->shift);
}

/* One operand; returns 0 or -1 (reported). *addr gets its address for the listing. */
static int operand(Asm *a, const UcInsn *in, const UcOperand *od, const char *s, int off, int len,
                   uint64_t *value, int64_t *addr)
{
    const UcMachine *m = a->m;
    const UcMode *md = &m->modes[od->mode];
    const AsmModeInfo *mi = &a->modes[od->mode];
    Match mt, bad;
    int chosen = -1, have_bad = 0;
    for (uint32_t i = 0; i < mi->nforms; i++) {
        int r = match_form(a, &mi->forms[i], s, off, len, &mt);
        if (r == 0) {
            chosen = (int)i;
            break;
        }
        if (r == 2 && !have_bad) {
            bad = mt;
            have_bad = 1;
        }
    }
    if (chosen < 0) {
        if (have_bad)
            asm_report_err(a, &bad.err);
        else {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", len > 60 ? 60 : len, s + off);
            asm_error(a, off, ASMA062E, buf);
        }
        return -1;
    }
    if (mt.err.msg >= 0) {
        asm_report_err(a, &mt.err);
        return -1;
    }
    const AsmForm *f = &mi->forms[chosen];
    int64_t pv[UC_MAX_MODE_PARAMS] = { 0 };
    int64_t written[UC_MAX_MODE_PARAMS] = { 0 };
    int ok = 0;
    for (int p = 0; p < md->nparams; p++) {
        if (!(f->params & (1u << p)))
            continue;
        if (f->implicit && p == md->disp_param)
            continue;
        if (mt.val[p].sect != 0 && !mt.val[p].undefined) {
            AsmErr e = { ASMA032E, mt.at[p], "" };
            snprintf(e.detail, sizeof e.detail, "%.*s", mt.end[p] - mt.at[p], s + mt.at[p]);
            asm_report_err(a, &e);
            ok = -1;
            continue;
        }
        int32_t add = 0;
        for (uint32_t i = 0; i < f->nitems; i++)
            if (f->items[i].param == p)
                add = f->items[i].add;
        written[p] = mt.val[p].v;
        pv[p] = mt.val[p].v - add;
        if (p == md->length_param && add > 0 && mt.val[p].v == 0)
            pv[p] = 0;              /* a written length of 0 assembles as 0 */
    }
    if (md->kind == UC_MODE_ADDRESS && md->disp_param >= 0 && md->disp_param < md->nparams) {
        int d = md->disp_param;
        if (f->implicit) {
            int64_t b, disp;
            if (resolve(a, md, &mt.val[d], mt.at[d], s, mt.end[d], &b, &disp) < 0)
                ok = -1;
            pv[md->base_param] = b;
            pv[d] = disp;
            *addr = mt.val[d].v;
        } else {
            *addr = mt.val[d].v;
        }
        int l = md->length_param;
        if (l >= 0 && l < md->nparams && !(f->params & (1u << l))) {
            int64_t len_attr = mt.val[d].len;
            pv[l] = len_attr - mi->add[l];
            written[l] = len_attr;
            if (pv[l] < 0)
                pv[l] = 0;
        }
    }
    if (ok < 0)
        return -1;
    for (int p = 0; p < md->nparams; p++) {
        if (pv[p] < pmin(&md->params[p]) || pv[p] > pmax(&md->params[p])) {
            char buf[72];
            int at = (f->params & (1u << p)) ? mt.at[p] : off;
            if (f->params & (1u << p))
                snprintf(buf, sizeof buf, "%.*s", mt.end[p] - mt.at[p] > 60 ? 60 : mt.end[p] - mt.at[p],
                         s + mt.at[p]);
            else
                snprintf(buf, sizeof buf, "%lld", (long long)written[p]);
            asm_error(a, at, range_msg(md, f, p), buf);
            return -1;
        }
        put_field(m, in, od->field[p], pv[p], value);
    }
    return 0;
}

int asm_insn_operands(Asm *a, const AsmOp *op, const char *text, int off, int len,
                      uint64_t *value, int64_t *addr1, int64_t *addr2)
{
    const UcMachine *m = a->m;
    const UcAlias *al = op->kind == ASM_OP_ALIAS ? &m->aliases[op->index] : NULL;
    const UcInsn *in = &m->insns[al ? al->insn : (uint32_t)op->index];
    *value = in->fixed_match;
    if (al)
        for (int i = 0; i < al->nfixed && i < 4; i++)
            put_field(m, in, al->fixed[i].field, (int64_t)al->fixed[i].value, value);
    enum { MAXOP = 16 };
    int starts[MAXOP], lens[MAXOP];
    int n = off >= 0 ? asm_split_operands(text, off, len, starts, lens, MAXOP) : 0;
    int k = 0, rc = 0;
    for (int i = 0; i < in->noperands; i++) {
        const UcOperand *od = &in->operands[i];
        const UcMode *md = &m->modes[od->mode];
        if (al) {
            int fixed_all = md->nparams > 0;
            for (int p = 0; p < md->nparams; p++) {
                int f = 0;
                for (int j = 0; j < al->nfixed && j < 4; j++)
                    f |= al->fixed[j].field == od->field[p];
                fixed_all &= f;
            }
            if (fixed_all)
                continue;
        }
        if (k >= n || lens[k] == 0) {
            if (od->optional && k >= n)
                continue;
            asm_error(a, k < n ? starts[k] : (off >= 0 ? off + len : -1), ASMA040S, NULL);
            rc = -1;
            break;
        }
        int64_t addr = -1;
        if (operand(a, in, od, text, starts[k], lens[k], value, &addr) < 0)
            rc = -1;
        if (md->kind == UC_MODE_ADDRESS && addr >= 0) {
            if (i == 0)                /* the format's operand 1, HLASM's Addr1 */
                *addr1 = addr;
            else
                *addr2 = addr;
        }
        k++;
    }
    if (k < n && rc == 0) {
        char buf[72];
        int end = off + len;
        snprintf(buf, sizeof buf, "%.*s", end - starts[k] + 1 > 60 ? 60 : end - starts[k] + 1,
                 text + starts[k] - 1);
        asm_error(a, starts[k] - 1, ASMA035S, buf);
        rc = -1;
    }
    if (rc < 0) {                 /* the instruction assembles with its operand fields zero */
        *value = in->fixed_match;
        if (al)
            for (int i = 0; i < al->nfixed && i < 4; i++)
                put_field(m, in, al->fixed[i].field, (int64_t)al->fixed[i].value, value);
    }
    return rc;
}
