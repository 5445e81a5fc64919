/* asm_data.c — DC and DS.
 *
 * HLASM Language Reference, "DC instruction" and "DS instruction": each
 * operand is [duplication factor] type [Ln] nominal value(s). Types here:
 * C (characters in the machine's code, padded with blanks on the right), X
 * (hex, padded with zeros on the left), B (binary, likewise), F and H
 * (fullword and halfword fixed point), A and Y (address constants: 4 and 2
 * bytes), P and Z (packed and zoned decimal), E and D (hexadecimal floating
 * point, asm_decimal.c; F and H with a point, an exponent or the S and E
 * modifiers go there too), S (base and displacement, through USING) and V
 * (external references: each names an ER entry of the ESD). A, Y and V
 * constants that refer to a relocatable symbol are recorded as RLD items.
 * F, H, E, D, A, V, S and Y without an
 * explicit length are aligned to their natural boundary, the padding bytes
 * being zero; a duplication factor of 0 only aligns. The name of the
 * statement gets the address and length attribute of the first operand's
 * first item. DS reserves without storing. Several values may be written in
 * one nominal (F'1,2,3', A(X,Y)) except for C.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "asm_int.h"

enum { MAXVAL = 256 };

typedef struct DcOperand {
    int64_t dup;
    char type;
    int64_t scale, exp;       /* S and E modifiers */
    int explicit_len;
    int64_t len;              /* item length */
    int align;
    int nvals;
    int val_at[MAXVAL], val_len[MAXVAL];   /* nominal values (inside quotes or parens) */
    int has_nominal;
} DcOperand;

static void derr(Asm *a, int off, int msg, const char *detail)
{
    if (a->pass == 2)
        asm_error(a, off, msg, detail);
}

static int abs_value(Asm *a, const char *s, int *p, int64_t *v, int msg)
{
    AsmValue val;
    AsmErr e = { -1, 0, "" };
    int at = *p;
    int r = asm_expr(a, s, p, &val, &e);
    if (r == 1) {
        derr(a, at, ASMA041E, NULL);
        return -1;
    }
    if (r == 2 || e.msg >= 0) {
        if (a->pass == 2)
            asm_report_err(a, &e);
        return -1;
    }
    if (val.undefined || val.sect != 0) {
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", *p - at > 60 ? 60 : *p - at, s + at);
        derr(a, at, msg, buf);
        return -1;
    }
    *v = val.v;
    return 0;
}

/* A modifier or duplication factor: digits or (expression). */
static int factor(Asm *a, const char *s, int *p, int64_t *v, int msg)
{
    if (isdigit((unsigned char)s[*p])) {
        int64_t x = 0;
        while (isdigit((unsigned char)s[*p])) {
            x = x * 10 + (s[(*p)++] - '0');
            if (x > 0xFFFFFF) {
                derr(a, *p, msg, NULL);
                return -1;
            }
        }
        *v = x;
        return 0;
    }
    if (s[*p] == '(') {
        (*p)++;
        if (abs_value(a, s, p, v, msg) < 0)
            return -1;
        if (s[*p] != ')') {
            derr(a, *p, ASMA035S, NULL);
            return -1;
        }
        (*p)++;
        return 0;
    }
    return 1;
}

static int signed_factor(Asm *a, const char *s, int *p, int64_t *v)
{
    int neg = 0;
    if (s[*p] == '+' || s[*p] == '-')
        neg = s[(*p)++] == '-';
    int r = factor(a, s, p, v, ASMA041E);
    if (r != 0) {
        if (r > 0)
            derr(a, *p, ASMA041E, NULL);
        return -1;
    }
    if (neg)
        *v = -*v;
    return 0;
}

static int digits_of(const char *s, int at, int len, int *neg)
{
    int n = 0, i = 0;
    *neg = 0;
    while (i < len && (s[at + i] == '+' || s[at + i] == '-')) {
        *neg = s[at + i] == '-';
        i++;
    }
    for (; i < len; i++) {
        if (isdigit((unsigned char)s[at + i]))
            n++;
        else if (s[at + i] != '.')
            return -1;
    }
    return n;
}

/* Parse one operand; the nominal values are located, not yet converted. */
static int parse_operand(Asm *a, int is_dc, const char *s, int at, int end, DcOperand *o)
{
    int p = at;
    memset(o, 0, sizeof *o);
    o->dup = 1;
    int r = factor(a, s, &p, &o->dup, ASMA067S);
    if (r < 0)
        return -1;
    if (o->dup < 0) {
        derr(a, at, ASMA067S, NULL);
        return -1;
    }
    char t = (char)toupper((unsigned char)s[p]);
    if (strchr("CXBFHEDAYSVPZ", t) == NULL || t == '\0') {
        char buf[8];
        snprintf(buf, sizeof buf, "%c", s[p] ? s[p] : ' ');
        derr(a, p, ASMA065E, buf);
        return -1;
    }
    o->type = t;
    p++;
    if (toupper((unsigned char)s[p]) == 'L') {
        p++;
        int q = p;
        if (factor(a, s, &p, &o->len, ASMA068S) != 0) {
            derr(a, q, ASMA068S, NULL);
            return -1;
        }
        o->explicit_len = 1;
    }
    if (toupper((unsigned char)s[p]) == 'S' && strchr("FHED", t)) {
        p++;
        if (signed_factor(a, s, &p, &o->scale) < 0)
            return -1;
    }
    if (toupper((unsigned char)s[p]) == 'E' && strchr("FHED", t)) {
        p++;
        if (signed_factor(a, s, &p, &o->exp) < 0)
            return -1;
    }
    if (s[p] == '\'' && strchr("AYSV", t)) {
        derr(a, p, ASMA041E, NULL);
        return -1;
    }
    if (s[p] == '(' && !strchr("AYSV", t)) {
        derr(a, p, ASMA041E, NULL);
        return -1;
    }
    if (s[p] == '\'') {
        int q = p + 1, vstart = q;
        o->has_nominal = 1;
        for (;;) {
            if (q >= end || s[q] == '\0') {
                derr(a, p, ASMA063E, NULL);
                return -1;
            }
            if (s[q] == '\'' && s[q + 1] == '\'') {
                q += 2;
                continue;
            }
            if (s[q] == '\'' || (s[q] == ',' && t != 'C')) {
                if (o->nvals < MAXVAL) {
                    o->val_at[o->nvals] = vstart;
                    o->val_len[o->nvals++] = q - vstart;
                }
                if (s[q] == '\'')
                    break;
                vstart = q + 1;
            }
            q++;
        }
        p = q + 1;
    } else if (s[p] == '(') {
        int starts[MAXVAL], lens[MAXVAL];
        int close = p + 1, depth = 1;
        for (; close < end && depth > 0; close++)
            if (s[close] == '(')
                depth++;
            else if (s[close] == ')')
                depth--;
        if (depth != 0) {
            derr(a, p, ASMA035S, NULL);
            return -1;
        }
        o->has_nominal = 1;
        int n = asm_split_operands(s, p + 1, close - 1 - (p + 1), starts, lens, MAXVAL);
        for (int i = 0; i < n && i < MAXVAL; i++) {
            o->val_at[o->nvals] = starts[i];
            o->val_len[o->nvals++] = lens[i];
        }
        p = close;
    }
    if (p != end) {
        derr(a, p, ASMA035S, s + p);
        return -1;
    }
    if (is_dc && !o->has_nominal) {
        derr(a, end, ASMA040S, NULL);
        return -1;
    }
    if (o->has_nominal && o->nvals == 0) {
        derr(a, p, ASMA040S, NULL);
        return -1;
    }
    if (!o->has_nominal)
        o->nvals = 1;
    /* implicit length and alignment */
    if (!o->explicit_len) {
        switch (t) {
        case 'F': case 'A': case 'V': case 'E': o->len = 4; o->align = 4; break;
        case 'H': case 'Y': case 'S': o->len = 2; o->align = 2; break;
        case 'D': o->len = 8; o->align = 8; break;
        default:
            o->len = 1;
            for (int i = 0; i < o->nvals && o->has_nominal; i++) {
                int l = o->val_len[i], neg;
                const char *v = s + o->val_at[i];
                int64_t n = 0;
                if (t == 'C') {
                    for (int k = 0; k < l; k++) {
                        if ((v[k] == '\'' || v[k] == '&') && k + 1 < l && v[k + 1] == v[k])
                            k++;
                        n++;
                    }
                } else if (t == 'X') {
                    n = (l + 1) / 2;
                } else if (t == 'B') {
                    n = (l + 7) / 8;
                } else if (t == 'P') {
                    n = (digits_of(s, o->val_at[i], l, &neg) + 2) / 2;
                } else if (t == 'Z') {
                    n = digits_of(s, o->val_at[i], l, &neg);
                }
                if (n > o->len)
                    o->len = n;
            }
        }
    }
    int64_t maxlen = strchr("CXB", t) ? 256 : strchr("PZ", t) ? 16 : strchr("AV", t) ? 4
                     : strchr("YS", t) ? 2 : 8;
    int64_t minlen = t == 'V' ? 3 : t == 'S' ? 2 : 1;
    if (o->len < minlen || o->len > maxlen || (t == 'C' && !o->explicit_len && o->len > 256)) {
        char buf[24];
        snprintf(buf, sizeof buf, "%lld", (long long)o->len);
        derr(a, at, ASMA068S, buf);
        return -1;
    }
    return 0;
}

/* The length of the symbol at v[0..l), 0 when it starts with no letter. */
static int symbol_span(const char *v, int l)
{
    if (l <= 0 || !asm_is_symstart(v[0]))
        return 0;
    int n = 1;
    while (n < l && asm_is_symchar(v[n]))
        n++;
    return n;
}

static void store_int(uint8_t *b, int64_t len, int64_t v)
{
    for (int64_t i = len - 1; i >= 0; i--) {
        b[i] = (uint8_t)v;
        v >>= 8;                  /* arithmetic: sign fills a long item */
    }
}

/* S(expr) or S(d(b)): a base register and 12-bit displacement, the implicit
   form resolved through the USING table as for instruction operands. */
static int s_con(Asm *a, const char *s, int at, int l, uint8_t *b)
{
    AsmValue val, reg;
    AsmErr e = { -1, 0, "" };
    int p = at;
    int r = asm_expr(a, s, &p, &val, &e);
    if (r == 0 && s[p] == '(' && p < at + l) {
        p++;
        r = asm_expr(a, s, &p, &reg, &e);
        if (r == 0 && s[p] != ')')
            r = 1;
        p++;
        if (r == 0 && (val.sect != 0 || reg.sect != 0 || val.v < 0 || val.v > 4095
                       || reg.v < 0 || reg.v > 15)) {
            derr(a, at, ASMA028E, NULL);
            return -1;
        }
        if (r == 0 && p == at + l) {
            b[0] = (uint8_t)(reg.v << 4 | val.v >> 8);
            b[1] = (uint8_t)val.v;
            return 0;
        }
    }
    if (r == 1 || (r == 0 && p != at + l)) {
        derr(a, p, r == 1 ? ASMA041E : ASMA035S, NULL);
        return -1;
    }
    if (r == 2 || e.msg >= 0) {
        if (a->pass == 2)
            asm_report_err(a, &e);
        return -1;
    }
    if (val.sect < 0) {               /* S-cons take no complex values */
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, s + at);
        derr(a, at, ASMA078E, buf);
        return -1;
    }
    int best = -1;
    int64_t bestd = 0;
    for (int k = 0; k < 16; k++) {
        const AsmUsing *u = &a->usings[k];
        if (!u->active || u->sect != val.sect)
            continue;
        int64_t d = val.v - (k == 0 ? 0 : u->base);
        if (d >= 0 && d <= 4095 && (best < 0 || d <= bestd)) {
            best = k;
            bestd = d;
        }
    }
    if (best < 0 && val.sect == 0 && val.v >= 0 && val.v <= 4095) {
        best = 0;
        bestd = val.v;
    }
    if (best < 0) {
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, s + at);
        derr(a, at, ASMA307E, buf);
        return -1;
    }
    b[0] = (uint8_t)(best << 4 | bestd >> 8);
    b[1] = (uint8_t)bestd;
    return 0;
}

/* What the loader must do to an address constant: one RLD item for each
   unpaired relocatable term (HLASM Language Reference, "Address constants -
   A and Y": a complexly relocatable value gives one item per term, those of
   subtracted terms flagged). */
#define DC_MAXRLD 32
typedef struct DcRelocs {
    int n;
    int vcon;
    int32_t sect[DC_MAXRLD];
    uint8_t neg[DC_MAXRLD];
} DcRelocs;

/* Convert value i of the operand into b[0..len); an address constant the
   loader must relocate fills *rl. */
static int convert(Asm *a, const DcOperand *o, const char *s, int i, uint8_t *b, DcRelocs *rl)
{
    int at = o->val_at[i], l = o->val_len[i];
    const char *v = s + at;
    int64_t len = o->len;
    memset(b, 0, (size_t)len);
    switch (o->type) {
    case 'C': {
        int64_t k = 0;
        for (int j = 0; j < l && k < len; j++) {
            if ((v[j] == '\'' || v[j] == '&') && j + 1 < l && v[j + 1] == v[j])
                j++;
            b[k++] = (uint8_t)asm_charset_code(a, (unsigned char)v[j]);
        }
        for (; k < len; k++)
            b[k] = (uint8_t)asm_charset_code(a, ' ');
        return 0;
    }
    case 'X': case 'B': {
        int bits = o->type == 'X' ? 4 : 1;
        int64_t bit = len * 8;                    /* fill from the right */
        for (int j = l - 1; j >= 0; j--) {
            int c = toupper((unsigned char)v[j]), d;
            if (o->type == 'X' && isxdigit(c))
                d = isdigit(c) ? c - '0' : c - 'A' + 10;
            else if (o->type == 'B' && (c == '0' || c == '1'))
                d = c - '0';
            else {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
                derr(a, at + j, ASMA148E, buf);
                return -1;
            }
            for (int k = 0; k < bits; k++) {
                bit--;
                if (bit >= 0 && ((d >> k) & 1))
                    b[bit / 8] |= (uint8_t)(0x80 >> (bit % 8));
            }
        }
        return 0;
    }
    case 'E': case 'D': {
        int r = asm_dec_float(v, l, (int)o->exp, (int)o->scale, (int)len, b);
        if (r) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
            derr(a, at, r, buf);
            return -1;
        }
        return 0;
    }
    case 'F': case 'H': {
        int p = 0, neg = 0, decimal = o->scale || o->exp;
        for (int k = 0; k < l; k++)
            decimal |= v[k] == '.' || v[k] == 'E' || v[k] == 'e';
        if (decimal) {
            int r = asm_dec_fixed(v, l, (int)o->exp, (int)o->scale, (int)len, b);
            if (r) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
                derr(a, at, r, buf);
                return -1;
            }
            return 0;
        }
        if (p < l && (v[p] == '+' || v[p] == '-'))
            neg = v[p++] == '-';
        if (p == l) {
            derr(a, at, ASMA041E, NULL);
            return -1;
        }
        int64_t x = 0, lim = len >= 8 ? INT64_MAX / 10 : ((int64_t)1 << (len * 8 - 1));
        for (; p < l; p++) {
            if (!isdigit((unsigned char)v[p])) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
                derr(a, at + p, ASMA041E, buf);
                return -1;
            }
            x = x * 10 + (v[p] - '0');
            if (x > lim || (!neg && x == lim && len < 8)) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
                derr(a, at, ASMA072E, buf);
                return -1;
            }
        }
        store_int(b, len, neg ? -x : x);
        return 0;
    }
    case 'P': case 'Z': {
        int neg, nd = digits_of(s, at, l, &neg);
        if (nd <= 0) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
            derr(a, at, ASMA041E, buf);
            return -1;
        }
        uint8_t dig[64];
        int n = 0;
        for (int j = 0; j < l && n < 64; j++)
            if (isdigit((unsigned char)v[j]))
                dig[n++] = (uint8_t)(v[j] - '0');
        if (o->type == 'P') {
            /* digits right-aligned, sign in the low half of the last byte */
            int64_t nib = len * 2 - 1;
            if (n > nib) {
                derr(a, at, ASMA072E, NULL);
                return -1;
            }
            b[len - 1] = neg ? 0x0D : 0x0C;
            for (int j = n - 1, k = (int)nib - 1; j >= 0; j--, k--) {
                if (k % 2 == 0)
                    b[k / 2] |= (uint8_t)(dig[j] << 4);
                else
                    b[k / 2] |= dig[j];
            }
        } else {
            if (n > len) {
                derr(a, at, ASMA072E, NULL);
                return -1;
            }
            int64_t pad = len - n;
            for (int64_t k = 0; k < pad; k++)
                b[k] = 0xF0;
            for (int j = 0; j < n; j++)
                b[pad + j] = (uint8_t)(0xF0 | dig[j]);
            if (neg)
                b[len - 1] = (uint8_t)(0xD0 | (b[len - 1] & 0x0F));
            else
                b[len - 1] = (uint8_t)(0xC0 | (b[len - 1] & 0x0F));
        }
        return 0;
    }
    case 'S':
        return s_con(a, s, at, l, b);
    case 'V': {
        int sl = symbol_span(v, l);
        if (sl > 0 && sl < l) {          /* one external symbol, no expression */
            derr(a, at + sl, ASMA145E, NULL);
            return -1;
        }
        int32_t er = asm_find_extern(a, v, (size_t)l);
        if (er <= 0 || !asm_is_symstart(v[0])) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
            derr(a, at, ASMA041E, buf);
            return -1;
        }
        store_int(b, len, a->sects[er].start);
        rl->sect[0] = er;
        rl->neg[0] = 0;
        rl->n = 1;
        rl->vcon = 1;
        return 0;
    }
    case 'A': case 'Y': {
        AsmValue val;
        AsmErr e = { -1, 0, "" };
        int p = at;
        int r = asm_expr(a, s, &p, &val, &e);
        if (r == 1 || (r == 0 && p != at + l)) {
            derr(a, p, r == 1 ? ASMA041E : ASMA035S, NULL);
            return -1;
        }
        if (r == 2 || e.msg >= 0) {
            if (a->pass == 2)
                asm_report_err(a, &e);
            return -1;
        }
        if (val.literal) {                /* literals are relocatable forms, not allowed */
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
            derr(a, at, ASMA030E, buf);
            return -1;
        }
        int count = 0;
        for (int k = 0; k < val.nrel; k++)
            count += val.rel_cnt[k] < 0 ? -val.rel_cnt[k] : val.rel_cnt[k];
        if (val.rel_lost || count > DC_MAXRLD) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
            derr(a, at, ASMA078E, buf);
            return -1;
        }
        if (val.sect != 0 && !val.undefined) {
            /* relocatable or complexly relocatable: A 2, 3 or 4 bytes, Y 2 */
            if (len < 2) {
                char buf[24];
                snprintf(buf, sizeof buf, "%lld", (long long)len);
                derr(a, at, ASMA068S, buf);
                return -1;
            }
            if (len == 2)
                derr(a, at, ASMA066W, NULL);
        }
        store_int(b, len, val.v);
        if (val.undefined)
            return 0;
        for (int k = 0; k < val.nrel; k++) {
            int32_t rs = val.rel_sect[k];
            if (rs <= 0 || a->sects[rs].kind == ASM_SK_DSECT)
                continue;
            for (int c = val.rel_cnt[k] < 0 ? -val.rel_cnt[k] : val.rel_cnt[k]; c > 0; c--) {
                rl->sect[rl->n] = rs;
                rl->neg[rl->n++] = val.rel_cnt[k] < 0;
            }
        }
        return 0;
    }
    }
    return -1;
}

int asm_data(Asm *a, int is_dc, const char *text, int off, int len, int64_t *loc,
             uint32_t *length, uint32_t *symlen)
{
    enum { MAXOPND = 64 };
    int starts[MAXOPND], lens[MAXOPND];
    int n = off >= 0 ? asm_split_operands(text, off, len, starts, lens, MAXOPND) : 0;
    int64_t base = a->cursect > 0 ? a->sects[a->cursect].start : 0;
    int64_t pc = *loc, first = -1;
    *symlen = 1;
    if (n == 0) {
        derr(a, off, ASMA040S, NULL);
        *length = 0;
        return -1;
    }
    if (n > MAXOPND) {
        derr(a, starts[MAXOPND - 1], ASMA035S, NULL);
        n = MAXOPND;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        DcOperand o;
        if (parse_operand(a, is_dc, text, starts[i], starts[i] + lens[i], &o) < 0) {
            rc = -1;
            continue;
        }
        if (o.align > 1) {
            int64_t addr = base + pc, aligned = (addr + o.align - 1) / o.align * o.align;
            pc += aligned - addr;        /* padding stays zero in the image */
        }
        if (first < 0) {
            first = pc;
            *symlen = (uint32_t)o.len;
        }
        int64_t total = o.dup * o.nvals * o.len;
        if (total > 0x1000000) {
            derr(a, starts[i], ASMA068S, NULL);
            rc = -1;
            continue;
        }
        if (is_dc && a->pass == 1 && o.type == 'V')
            for (int v = 0; v < o.nvals; v++)
                if (symbol_span(text + o.val_at[v], o.val_len[v]) == o.val_len[v])
                    asm_add_extern(a, text + o.val_at[v], (size_t)o.val_len[v], ASM_SK_ER);
        if (is_dc && a->pass == 2 && o.dup > 0) {
            uint8_t buf[256];
            for (int v = 0; v < o.nvals; v++) {
                DcRelocs rl;
                rl.n = 0;
                rl.vcon = 0;
                if (convert(a, &o, text, v, buf, &rl) < 0) {
                    rc = -1;
                    break;
                }
                for (int64_t d = 0; d < o.dup; d++) {
                    int64_t at = base + pc + (d * o.nvals + v) * o.len;
                    asm_put_bytes(a, at, buf, (uint32_t)o.len);
                    for (int k = 0; k < rl.n && a->cursect > 0; k++)
                        asm_add_reloc(a, a->cursect, at, rl.sect[k], (int)o.len, rl.vcon, rl.neg[k]);
                }
            }
        }
        pc += total;
    }
    if (first < 0)
        first = *loc;
    *length = (uint32_t)(pc - first);
    *loc = first;
    return rc;
}

/* The end of a literal's constant starting at s[p] (after the '='): the
   duplication factor, type and modifiers, then a quoted or parenthesized
   nominal value. */
int asm_literal_end(const char *s, int p)
{
    while (s[p] && s[p] != '\'' && s[p] != '(' && s[p] != ',' && s[p] != ')' && s[p] != ' ')
        p++;
    if (s[p] == '\'') {
        for (p++; s[p]; p++)
            if (s[p] == '\'') {
                if (s[p + 1] != '\'')
                    return p + 1;
                p++;
            }
        return p;
    }
    if (s[p] == '(') {
        int depth = 0;
        for (; s[p]; p++) {
            if (s[p] == '(')
                depth++;
            else if (s[p] == ')' && --depth == 0)
                return p + 1;
        }
    }
    return p;
}

/* The size and alignment of a literal's constant (one operand). */
int asm_literal_size(Asm *a, const char *text, uint32_t *len, int *align)
{
    DcOperand o;
    int save = a->pass;
    a->pass = 1;
    int r = parse_operand(a, 1, text, 0, (int)strlen(text), &o);
    a->pass = save;
    if (r < 0)
        return -1;
    int64_t total = o.dup * o.nvals * o.len;
    if (total <= 0 || total > 0x10000)
        return -1;
    if (o.type == 'V')
        for (int v = 0; v < o.nvals; v++)
            if (asm_is_symstart(text[o.val_at[v]]))
                asm_add_extern(a, text + o.val_at[v], (size_t)o.val_len[v], ASM_SK_ER);
    *len = (uint32_t)total;
    *align = o.align > 1 ? o.align : 1;
    return 0;
}

/* The type and length attributes a statement gives the symbol in its name
   field (HLASM Language Reference, "Type attribute (T')" and "Length
   attribute (L')"): DC and DS the type of their first operand (G for F and H
   with an explicit length, K for E and D), I an instruction, J a section, T
   an EXTRN and $ a WXTRN name, M a macro call, U otherwise. Worked out from
   the text, so the macro pass can look ahead at statements not yet assembled. */
char asm_type_attr(Asm *a, const AsmStmt *s, uint32_t *length)
{
    const char *t = asm_stmt_text(a, s);
    *length = 1;
    if (s->kind != ASM_ST_STMT || s->op_off < 0)
        return 'U';
    int32_t op = asm_find_op(a, t + s->op_off, (size_t)s->op_len);
    if (op < 0)
        return 'M';
    const AsmOp *o = &a->ops[op];
    if (o->kind != ASM_OP_DIRECTIVE) {
        *length = asm_insn_length(a, o);
        return 'I';
    }
    switch (o->index) {
    case ASM_D_CSECT: case ASM_D_START: case ASM_D_DSECT: case ASM_D_COM:
        return 'J';
    case ASM_D_EXTRN:
        return 'T';
    case ASM_D_WXTRN:
        return '$';
    case ASM_D_DC: case ASM_D_DS: {
        if (s->opnd_off < 0)
            return 'U';
        int starts[1], lens[1];
        if (asm_split_operands(t, s->opnd_off, s->opnd_len, starts, lens, 1) < 1)
            return 'U';
        DcOperand d;
        int save = a->pass;
        a->pass = 1;               /* no messages */
        int r = parse_operand(a, o->index == ASM_D_DC, t, starts[0], starts[0] + lens[0], &d);
        a->pass = save;
        if (r < 0)
            return 'U';
        *length = (uint32_t)d.len;
        if (d.explicit_len && (d.type == 'F' || d.type == 'H'))
            return 'G';
        if (d.explicit_len && (d.type == 'E' || d.type == 'D'))
            return 'K';
        return d.type;
    }
    default:
        return 'U';
    }
}
