/* asm_data.c — DC and DS.
 *
 * HLASM Language Reference, "DC instruction" and "DS instruction": each
 * operand is [duplication factor] type [Ln] nominal value(s). Types here:
 * C (characters in the machine's code, padded with blanks on the right), X
 * (hex, padded with zeros on the left), B (binary, likewise), F and H
 * (fullword and halfword fixed point), A and Y (address constants: 4 and 2
 * bytes), P and Z (packed and zoned decimal). F, H, A and Y without an
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
    if (strchr("CXBFHAYPZ", t) == NULL || t == '\0') {
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
    } else if (s[p] == '(' && (t == 'A' || t == 'Y')) {
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
        case 'F': case 'A': o->len = 4; o->align = 4; break;
        case 'H': case 'Y': o->len = 2; o->align = 2; break;
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
    int64_t maxlen = strchr("CXB", t) ? 256 : strchr("PZ", t) ? 16 : strchr("AY", t) ? 4 : 8;
    if (o->len < 1 || o->len > maxlen || (t == 'C' && !o->explicit_len && o->len > 256)) {
        char buf[24];
        snprintf(buf, sizeof buf, "%lld", (long long)o->len);
        derr(a, at, ASMA068S, buf);
        return -1;
    }
    return 0;
}

static void store_int(uint8_t *b, int64_t len, int64_t v)
{
    for (int64_t i = len - 1; i >= 0; i--) {
        b[i] = (uint8_t)v;
        v >>= 8;                  /* arithmetic: sign fills a long item */
    }
}

/* Convert value i of the operand into b[0..len). */
static int convert(Asm *a, const DcOperand *o, const char *s, int i, uint8_t *b)
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
    case 'F': case 'H': {
        int p = 0, neg = 0;
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
        if (val.sect < 0) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", l > 60 ? 60 : l, v);
            derr(a, at, ASMA078E, buf);
            return -1;
        }
        store_int(b, len, val.v);
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
        if (is_dc && a->pass == 2 && o.dup > 0) {
            uint8_t buf[256];
            for (int v = 0; v < o.nvals; v++) {
                if (convert(a, &o, text, v, buf) < 0) {
                    rc = -1;
                    break;
                }
                for (int64_t d = 0; d < o.dup; d++)
                    asm_put_bytes(a, base + pc + (d * o.nvals + v) * o.len, buf, (uint32_t)o.len);
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
