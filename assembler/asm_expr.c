/* asm_expr.c — assembler expressions.
 *
 * HLASM Language Reference, "Terms, literals and expressions": terms are
 * symbols, the location counter `*`, self-defining terms (decimal, X'..',
 * B'..', C'..' in the machine's character set), the length attribute L'sym
 * and the type attribute T'sym (its letter as a character); operators + -
 * * / and parentheses, unary + and -. Arithmetic is on 32-bit signed values
 * (overflow is ASMA075E); division truncates and a zero divisor gives 0.
 * Relocatable terms pair when they are of the same section and of opposite
 * signs; an expression is absolute (all paired), simply relocatable (one
 * unpaired positive term) or complexly relocatable; * and / take absolute
 * operands only. The unpaired terms are handed out (AsmValue rel_sect and
 * rel_cnt) for A- and Y-type constants, which take complexly relocatable
 * values with one RLD item per term. The length attribute of an expression
 * is that of its leftmost term (implicit lengths of SS instructions). A
 * literal (=F'1') stands for the address of its entry in the literal pool,
 * its length attribute that of the constant.
 */
#include <ctype.h>
#include <string.h>
#include "asm_int.h"

#define MAXREL ASM_MAXREL

typedef struct Rel {
    int n, complex;
    int32_t sect[MAXREL];
    int cnt[MAXREL];
} Rel;

typedef struct Val {
    int64_t v;
    Rel r;
    uint32_t len;
    int undefined;
    int literal;
} Val;

typedef struct Parser {
    Asm *a;
    const char *s;
    int p;
    AsmErr *err;
    int depth;
} Parser;

static void rel_add(Rel *r, int32_t sect, int cnt)
{
    for (int i = 0; i < r->n; i++)
        if (r->sect[i] == sect) {
            r->cnt[i] += cnt;
            return;
        }
    if (r->n == MAXREL) {
        r->complex = 1;
        return;
    }
    r->sect[r->n] = sect;
    r->cnt[r->n++] = cnt;
}

static void rel_merge(Rel *r, const Rel *o, int sign)
{
    r->complex |= o->complex;
    for (int i = 0; i < o->n; i++)
        rel_add(r, o->sect[i], o->cnt[i] * sign);
}

static int rel_absolute(const Rel *r)
{
    if (r->complex)
        return 0;
    for (int i = 0; i < r->n; i++)
        if (r->cnt[i] != 0)
            return 0;
    return 1;
}

static int32_t rel_class(const Rel *r)   /* 0 absolute, sect, or -1 complex */
{
    if (r->complex)
        return -1;
    int32_t sect = 0;
    for (int i = 0; i < r->n; i++) {
        if (r->cnt[i] == 0)
            continue;
        if (r->cnt[i] != 1 || sect != 0)
            return -1;
        sect = r->sect[i];
    }
    return sect;
}

static int expr(Parser *ps, Val *out);

static int check_range(Parser *ps, int64_t v, int at)
{
    if (v < INT32_MIN || v > INT32_MAX) {
        asm_set_err(ps->err, ASMA075E, at, NULL, 0);
        return 0;
    }
    return 1;
}

/* X'..' B'..' C'..' at s[p] (the letter); p moves past the closing quote. */
static int self_defining_quoted(Asm *a, const char *s, int *pp, int64_t *val, AsmErr *err)
{
    int p = *pp;
    char t = (char)toupper((unsigned char)s[p]);
    int start = p;
    p += 2;
    uint64_t v = 0;
    int digits = 0;
    if (t == 'C') {
        for (;;) {
            if (s[p] == '\0') {
                asm_set_err(err, ASMA148E, start, s + start, p - start);
                *pp = p;
                return 2;
            }
            if (s[p] == '\'' && s[p + 1] != '\'')
                break;
            unsigned char c = (unsigned char)s[p];
            if ((c == '\'' || c == '&') && s[p + 1] == (char)c)
                p++;
            v = (v << 8) | (uint64_t)asm_charset_code(a, c);
            digits++;
            p++;
        }
        if (digits == 0 || digits > 4) {
            asm_set_err(err, ASMA146E, start, s + start, p + 1 - start);
            *pp = p + 1;
            return 2;
        }
        *val = (int32_t)(uint32_t)v;
        *pp = p + 1;
        return 0;
    }
    int bits = t == 'X' ? 4 : 1;
    for (; s[p] != '\'' && s[p] != '\0'; p++) {
        int c = toupper((unsigned char)s[p]);
        int d = -1;
        if (t == 'X' && isxdigit(c))
            d = isdigit(c) ? c - '0' : c - 'A' + 10;
        else if (t == 'B' && (c == '0' || c == '1'))
            d = c - '0';
        if (d < 0) {
            asm_set_err(err, ASMA148E, start, s + start, p + 1 - start);
            while (s[p] != '\'' && s[p] != '\0')
                p++;
            *pp = s[p] ? p + 1 : p;
            return 2;
        }
        if (v != 0 || d != 0)
            digits++;
        v = (v << bits) | (uint64_t)d;
        if (digits * bits > 32) {
            asm_set_err(err, ASMA146E, start, s + start, p + 1 - start);
            while (s[p] != '\'' && s[p] != '\0')
                p++;
            *pp = s[p] ? p + 1 : p;
            return 2;
        }
    }
    if (s[p] != '\'' || p == start + 2) {
        asm_set_err(err, ASMA148E, start, s + start, p - start);
        *pp = p;
        return 2;
    }
    *val = (int32_t)(uint32_t)v;
    *pp = p + 1;
    return 0;
}

int asm_self_defining(Asm *a, const char *s, int *pos, int64_t *val, AsmErr *err)
{
    int p = *pos;
    if (isdigit((unsigned char)s[p])) {
        int64_t v = 0;
        int start = p;
        while (isdigit((unsigned char)s[p])) {
            v = v * 10 + (s[p] - '0');
            if (v > INT32_MAX) {
                while (isdigit((unsigned char)s[p]))
                    p++;
                asm_set_err(err, ASMA146E, start, s + start, p - start);
                *pos = p;
                return 2;
            }
            p++;
        }
        *val = v;
        *pos = p;
        return 0;
    }
    int t = toupper((unsigned char)s[p]);
    if ((t == 'X' || t == 'B' || t == 'C') && s[p + 1] == '\'') {
        int r = self_defining_quoted(a, s, &p, val, err);
        *pos = p;
        return r;
    }
    return 1;
}

static int primary(Parser *ps, Val *out)
{
    const char *s = ps->s;
    int p = ps->p;
    memset(out, 0, sizeof *out);
    out->len = 1;
    if (s[p] == '(') {
        if (++ps->depth > 100) {
            asm_set_err(ps->err, ASMA074E, p, NULL, 0);
            return 2;
        }
        ps->p = p + 1;
        int r = expr(ps, out);
        ps->depth--;
        if (r == 1) {
            asm_set_err(ps->err, ASMA041E, ps->p, NULL, 0);
            return 2;
        }
        if (r)
            return r;
        if (s[ps->p] != ')') {
            asm_set_err(ps->err, ASMA145E, ps->p, NULL, 0);
            return 2;
        }
        ps->p++;
        return 0;
    }
    if (s[p] == '*') {
        Asm *a = ps->a;
        ps->p = p + 1;
        out->len = a->cur_len ? a->cur_len : 1;
        if (a->cursect > 0) {
            out->v = a->sects[a->cursect].start + a->cur_loc;
            rel_add(&out->r, a->cursect, 1);
        } else {
            out->v = a->cur_loc;
        }
        return 0;
    }
    if (s[p] == '=') {             /* a literal: the address of its pool entry */
        Asm *a = ps->a;
        int e = asm_literal_end(s, p + 1);
        ps->p = e;
        out->literal = 1;
        if (a->pass != 2) {
            out->undefined = 1;
            return 0;
        }
        int32_t k = asm_lit_find(a, s + p + 1, (size_t)(e - p - 1));
        if (k < 0 || a->lits[k].sect == 0) {
            asm_set_err(ps->err, ASMA030E, p, s + p, e - p);
            return 2;
        }
        asm_lit_ref(a, k, a->cur);
        const AsmLit *l = &a->lits[k];
        out->v = a->sects[l->sect].start + l->loc;
        out->len = l->len;
        rel_add(&out->r, l->sect, 1);
        return 0;
    }
    int64_t v;
    int r = asm_self_defining(ps->a, s, &p, &v, ps->err);
    if (r == 0) {
        ps->p = p;
        out->v = v;
        return 0;
    }
    if (r == 2) {
        ps->p = p;
        return 2;
    }
    int is_type = toupper((unsigned char)s[p]) == 'T' && s[p + 1] == '\'';
    int is_len = (toupper((unsigned char)s[p]) == 'L' && s[p + 1] == '\'') || is_type;
    int q = is_len ? p + 2 : p;
    if (asm_is_symstart(s[q]) || (is_len && s[q] == '*')) {
        int start = q;
        if (s[q] == '*') {
            ps->p = q + 1;
            out->v = is_type ? (int64_t)asm_charset_code(ps->a, 'I') : ps->a->cur_len ? (int64_t)ps->a->cur_len : 1;
            return 0;
        }
        while (asm_is_symchar(s[q]))
            q++;
        ps->p = q;
        if (q - start > 63) {
            asm_set_err(ps->err, ASMA147E, start, s + start, q - start);
            return 0;
        }
        Asm *a = ps->a;
        int32_t i = asm_sym_find(a, s + start, (size_t)(q - start));
        if (i >= 0)
            asm_sym_ref(a, i, a->cur);
        if (is_type) {             /* T'sym: the type letter as a character term */
            char ty = i >= 0 && a->syms[i].defstmt >= 0 && a->syms[i].type ? a->syms[i].type : 'U';
            out->v = asm_charset_code(a, (unsigned char)ty);
            return 0;
        }
        if (i < 0 || a->syms[i].defstmt < 0) {
            out->undefined = 1;
            if (a->pass == 2)
                asm_set_err(ps->err, ASMA044E, start, s + start, q - start);
            return 0;
        }
        const AsmSym *sym = &a->syms[i];
        if (is_len) {
            out->v = sym->length;
            return 0;
        }
        out->len = sym->length;
        out->v = asm_sym_value(a, sym);
        if (sym->sect > 0)
            rel_add(&out->r, sym->sect, 1);
        for (uint8_t k = 0; sym->sect < 0 && k < sym->ncx; k++)
            rel_add(&out->r, sym->cx[2 * k], sym->cx[2 * k + 1]);
        return 0;
    }
    if (is_len) {
        asm_set_err(ps->err, ASMA041E, p, s + p, 2);
        ps->p = p + 2;
        return 2;
    }
    return 1;
}

static int unary(Parser *ps, Val *out)
{
    char c = ps->s[ps->p];
    if (c == '+' || c == '-') {
        int at = ps->p++;
        if (++ps->depth > 200) {
            asm_set_err(ps->err, ASMA074E, at, NULL, 0);
            return 2;
        }
        int r = unary(ps, out);
        ps->depth--;
        if (r == 1) {
            asm_set_err(ps->err, ASMA074E, ps->p, NULL, 0);
            return 2;
        }
        if (r)
            return r;
        if (c == '-') {
            out->v = -out->v;
            Rel n = { 0 };
            rel_merge(&n, &out->r, -1);
            out->r = n;
            check_range(ps, out->v, at);
        }
        return 0;
    }
    return primary(ps, out);
}

static int term(Parser *ps, Val *out)
{
    int r = unary(ps, out);
    if (r)
        return r;
    for (;;) {
        char c = ps->s[ps->p];
        if (c != '*' && c != '/')
            return 0;
        int at = ps->p++;
        Val b;
        r = unary(ps, &b);
        if (r == 1) {
            asm_set_err(ps->err, ASMA074E, ps->p, NULL, 0);
            return 2;
        }
        if (r)
            return r;
        out->undefined |= b.undefined;
        out->literal |= b.literal;
        if (!rel_absolute(&out->r) || !rel_absolute(&b.r)) {
            asm_set_err(ps->err, ASMA032E, at, NULL, 0);
            out->r = (Rel){ 0 };
        }
        if (c == '*')
            out->v *= b.v;
        else
            out->v = b.v == 0 ? 0 : out->v / b.v;
        if (!check_range(ps, out->v, at))
            out->v = 0;
    }
}

static int expr(Parser *ps, Val *out)
{
    int r = term(ps, out);
    if (r)
        return r;
    for (;;) {
        char c = ps->s[ps->p];
        if (c != '+' && c != '-')
            return 0;
        int at = ps->p++;
        Val b;
        r = term(ps, &b);
        if (r == 1) {
            asm_set_err(ps->err, ASMA074E, ps->p, NULL, 0);
            return 2;
        }
        if (r)
            return r;
        out->undefined |= b.undefined;
        out->literal |= b.literal;
        out->v = c == '+' ? out->v + b.v : out->v - b.v;
        rel_merge(&out->r, &b.r, c == '+' ? 1 : -1);
        if (!check_range(ps, out->v, at))
            out->v = 0;
    }
}

int asm_expr(Asm *a, const char *text, int *pos, AsmValue *out, AsmErr *err)
{
    Parser ps = { a, text, *pos, err, 0 };
    Val v;
    memset(out, 0, sizeof *out);
    int r = expr(&ps, &v);
    *pos = ps.p;
    if (r)
        return r;
    out->v = v.v;
    out->sect = rel_class(&v.r);
    out->len = v.len;
    out->undefined = (uint8_t)v.undefined;
    out->literal = (uint8_t)v.literal;
    out->rel_lost = (uint8_t)v.r.complex;
    for (int i = 0; i < v.r.n; i++)
        if (v.r.cnt[i] != 0) {
            out->rel_sect[out->nrel] = v.r.sect[i];
            out->rel_cnt[out->nrel++] = (int16_t)v.r.cnt[i];
        }
    if (v.undefined)
        out->v = 0;
    return 0;
}

int64_t asm_sect_offset(const Asm *a, const AsmValue *v)
{
    return v->sect > 0 ? v->v - a->sects[v->sect].start : v->v;
}
