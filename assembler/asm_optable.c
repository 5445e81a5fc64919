/* asm_optable.c — the operation-code table and the compiled mode forms.
 *
 * One hash table holds the machine's instructions and extended mnemonics
 * (from the UcMachine) and the front end's directives (ASM_DIRECTIVES), as
 * HLASM's operation codes share one name space. Each operand mode's syntax
 * templates ("{d}({x},{b})", "{d}({l+1},{b})", "{i:x}") are compiled once
 * into items; for an address mode (`address(d, b)`) the HLASM implicit forms
 * are added after the written ones: `expr`, `expr(x)` with an index, and
 * `expr(l)` with a length (Language Reference, "Implicit addresses").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"

static const char *const directive_names[] = {
#define X(n) #n,
    ASM_DIRECTIVES(X)
#undef X
};

static uint32_t hash_upper(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint32_t)toupper((unsigned char)s[i])) * 16777619u;
    return h;
}

static int add_op(Asm *a, const char *name, int kind, int32_t index)
{
    AsmOp *o = &a->ops[a->nops];
    size_t n = strlen(name);
    o->name = malloc(n + 1);
    if (o->name == NULL)
        return -1;
    for (size_t i = 0; i <= n; i++)
        o->name[i] = (char)toupper((unsigned char)name[i]);
    o->kind = (uint8_t)kind;
    o->index = index;
    o->alt = -1;
    uint32_t h = hash_upper(name, n) & (a->ophsize - 1);
    o->next = a->ophash[h];
    a->ophash[h] = (int32_t)a->nops++;
    return 0;
}

int32_t asm_find_op(const Asm *a, const char *name, size_t len)
{
    uint32_t h = hash_upper(name, len) & (a->ophsize - 1);
    for (int32_t i = a->ophash[h]; i >= 0; i = a->ops[i].next) {
        const char *o = a->ops[i].name;
        size_t k = 0;
        if (o == NULL)
            continue;
        while (k < len && o[k] == toupper((unsigned char)name[k]))
            k++;
        if (k == len && o[k] == '\0')
            return a->ops[i].kind == ASM_OP_DELETED ? -1 : i;
    }
    return -1;
}

/* OPSYN (HLASM Language Reference, "OPSYN instruction"): name becomes
   another name of operation `op`, or, with op < 0, is no operation any more.
   The new entry goes first in its hash chain and so hides an older one. */
int asm_opsyn(Asm *a, const char *name, size_t len, int32_t op)
{
    AsmOp *q = realloc(a->ops, (a->nops + 1) * sizeof *q);
    if (q == NULL)
        return -1;
    a->ops = q;
    char buf[64];
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, name, len);
    buf[len] = '\0';
    AsmOp copy = op >= 0 ? a->ops[op] : (AsmOp){ 0 };
    if (add_op(a, buf, op >= 0 ? copy.kind : ASM_OP_DELETED, op >= 0 ? copy.index : -1) < 0)
        return -1;
    a->ops[a->nops - 1].alt = op >= 0 ? copy.alt : -1;
    return 0;
}

/* Of the instructions sharing a mnemonic, the first whose operand count
   (required ..= all) takes n written operands. */
int32_t asm_pick_overload(const Asm *a, int32_t op, int n)
{
    for (int32_t k = op; k >= 0; k = a->ops[k].alt) {
        const UcInsn *in = &a->m->insns[a->ops[k].index];
        int req = 0;
        for (int i = 0; i < in->noperands; i++)
            req += !in->operands[i].optional;
        if (n >= req && n <= in->noperands)
            return k;
    }
    return op;
}

static int find_param(const UcMode *md, const char *name, size_t n)
{
    for (int i = 0; i < md->nparams; i++)
        if (strlen(md->params[i].name) == n && strncmp(md->params[i].name, name, n) == 0)
            return i;
    return -1;
}

/* Compile a template; returns 0, or -1 when it names no parameter of the mode. */
static int compile_form(const UcMode *md, const char *t, AsmForm *f, int32_t *add)
{
    size_t n = strlen(t);
    f->items = calloc(n + 1, sizeof *f->items);
    if (f->items == NULL)
        return -1;
    f->nitems = 0;
    f->params = 0;
    for (size_t i = 0; i < n;) {
        AsmItem *it = &f->items[f->nitems++];
        it->param = -1;
        if (t[i] != '{') {
            it->lit = t[i++];
            continue;
        }
        size_t j = ++i;
        while (j < n && (isalnum((unsigned char)t[j]) || t[j] == '_'))
            j++;
        int p = find_param(md, t + i, j - i);
        if (p < 0)
            return -1;
        it->param = (int8_t)p;
        if (t[j] == '+' || t[j] == '-') {
            int sign = t[j] == '-' ? -1 : 1;
            long v = 0;
            j++;
            while (isdigit((unsigned char)t[j]))
                v = v * 10 + (t[j++] - '0');
            it->add = (int32_t)(sign * v);
        }
        if (t[j] == ':') {
            it->style = (char)tolower((unsigned char)t[j + 1]);
            j += 2;
        }
        if (t[j] != '}')
            return -1;
        i = j + 1;
        f->params |= 1u << p;
        add[p] = it->add;
    }
    return 0;
}

static void add_implicit(AsmModeInfo *mi, int d, int other, int32_t oadd)
{
    AsmForm *f = &mi->forms[mi->nforms];
    f->items = calloc(4, sizeof *f->items);
    if (f->items == NULL)
        return;
    f->items[0] = (AsmItem){ (int8_t)d, 0, 0, 0 };
    f->nitems = 1;
    f->params = 1u << d;
    if (other >= 0) {
        f->items[1] = (AsmItem){ -1, '(', 0, 0 };
        f->items[2] = (AsmItem){ (int8_t)other, 0, oadd, 0 };
        f->items[3] = (AsmItem){ -1, ')', 0, 0 };
        f->nitems = 4;
        f->params |= 1u << other;
    }
    f->implicit = 1;
    mi->nforms++;
}

static int build_modes(Asm *a)
{
    const UcMachine *m = a->m;
    a->modes = calloc(m->nmodes ? m->nmodes : 1, sizeof *a->modes);
    if (a->modes == NULL)
        return -1;
    a->using_step = 4096;
    int step_set = 0;
    for (uint32_t k = 0; k < m->nmodes; k++) {
        const UcMode *md = &m->modes[k];
        AsmModeInfo *mi = &a->modes[k];
        mi->forms = calloc(md->nforms + 3, sizeof *mi->forms);
        if (mi->forms == NULL)
            return -1;
        for (int p = 0; p < UC_MAX_MODE_PARAMS; p++)
            mi->add[p] = p < md->nparams ? -md->params[p].bias : 0;
        int address = md->kind == UC_MODE_ADDRESS && md->disp_param >= 0 && md->base_param >= 0
                      && md->disp_param < md->nparams && md->base_param < md->nparams;
        int has_bare = 0;
        for (uint32_t i = 0; i < md->nforms; i++) {
            AsmForm *f = &mi->forms[mi->nforms];
            if (md->forms[i].tmpl == NULL || compile_form(md, md->forms[i].tmpl, f, mi->add) < 0) {
                free(f->items);
                memset(f, 0, sizeof *f);
                continue;
            }
            f->uc = &md->forms[i];
            if (address && (f->params & (1u << md->disp_param)) && !(f->params & (1u << md->base_param)))
                f->implicit = 1;
            if (address && f->nitems == 1 && f->items[0].param == md->disp_param)
                has_bare = 1;
            mi->nforms++;
        }
        mi->nwritten = mi->nforms;
        if (address) {
            if (!has_bare)
                add_implicit(mi, md->disp_param, -1, 0);
            if (md->index_param >= 0 && md->index_param < md->nparams)
                add_implicit(mi, md->disp_param, md->index_param, mi->add[md->index_param]);
            else if (md->length_param >= 0 && md->length_param < md->nparams)
                add_implicit(mi, md->disp_param, md->length_param, mi->add[md->length_param]);
            if (!step_set) {
                int w = md->params[md->disp_param].width;
                if (w > 0 && w < 31)
                    a->using_step = 1 << w;
                step_set = 1;
            }
        }
    }
    return 0;
}

int asm_build_optable(Asm *a)
{
    const UcMachine *m = a->m;
    uint32_t n = m->ninsns + m->naliases + ASM_NDIRECTIVES;
    a->ophsize = 64;
    while (a->ophsize < n * 2)
        a->ophsize *= 2;
    a->ophash = malloc(a->ophsize * sizeof *a->ophash);
    a->ops = calloc(n, sizeof *a->ops);
    if (a->ophash == NULL || a->ops == NULL)
        return -1;
    for (uint32_t i = 0; i < a->ophsize; i++)
        a->ophash[i] = -1;
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        if (in->mnemonic == NULL || in->format >= m->nformats)
            continue;
        int32_t prev = asm_find_op(a, in->mnemonic, strlen(in->mnemonic));
        if (prev >= 0) {              /* an overload: chained, chosen by operand count */
            AsmOp *o = &a->ops[a->nops];
            memset(o, 0, sizeof *o);
            o->name = NULL;
            o->kind = ASM_OP_INSN;
            o->index = (int32_t)i;
            o->next = -1;
            o->alt = -1;
            while (a->ops[prev].alt >= 0)
                prev = a->ops[prev].alt;
            a->ops[prev].alt = (int32_t)a->nops++;
            continue;
        }
        if (add_op(a, in->mnemonic, ASM_OP_INSN, (int32_t)i) < 0)
            return -1;
    }
    for (uint32_t i = 0; i < m->naliases; i++)
        if (m->aliases[i].mnemonic && m->aliases[i].insn < m->ninsns
            && asm_find_op(a, m->aliases[i].mnemonic, strlen(m->aliases[i].mnemonic)) < 0
            && add_op(a, m->aliases[i].mnemonic, ASM_OP_ALIAS, (int32_t)i) < 0)
            return -1;
    for (int i = 0; i < ASM_NDIRECTIVES; i++)
        if (add_op(a, directive_names[i], ASM_OP_DIRECTIVE, i) < 0)
            return -1;
    return build_modes(a);
}

void asm_free_optable(Asm *a)
{
    for (uint32_t i = 0; i < a->nops; i++)
        free(a->ops[i].name);
    free(a->ops);
    free(a->ophash);
    if (a->modes)
        for (uint32_t k = 0; k < a->m->nmodes; k++) {
            for (uint32_t i = 0; i < a->modes[k].nforms; i++)
                free(a->modes[k].forms[i].items);
            free(a->modes[k].forms);
        }
    free(a->modes);
}
