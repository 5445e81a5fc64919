/* asm_decimal.c — decimal constants to fixed-point and hexadecimal floating point.
 *
 * HLASM Language Reference, "Fixed-point constants—F and H" and
 * "Hexadecimal floating-point constants—E, D": the nominal value is a signed
 * integer, fraction or mixed number with an optional decimal exponent
 * (E+nn); the exponent modifier adds to that exponent; the scale modifier
 * multiplies a fixed-point value by 2**n, and for floating point adds n
 * hexadecimal zeros to the left of the normalized fraction (raising the
 * characteristic by n). The floating-point fraction is rounded in its last
 * hexadecimal digit (half adjusted: add one when the first lost bit is one),
 * the characteristic is excess-64 (System/360 Principles of Operation,
 * "Floating-Point Arithmetic: Number Representation"). Fixed-point values
 * are rounded likewise at the binary point. Everything is exact integer
 * arithmetic on a small multi-precision number, so there is no host
 * floating point anywhere.
 */
#include <ctype.h>
#include <string.h>
#include "asm_int.h"

enum { NW = 64 };             /* 2048 bits: 10**130 * 16**30 fits */

typedef struct Big {
    uint32_t w[NW];
} Big;

static void big_set(Big *b, uint64_t v)
{
    memset(b, 0, sizeof *b);
    b->w[0] = (uint32_t)v;
    b->w[1] = (uint32_t)(v >> 32);
}

static int big_mul(Big *b, uint32_t m)          /* returns 1 on overflow */
{
    uint64_t carry = 0;
    for (int i = 0; i < NW; i++) {
        uint64_t x = (uint64_t)b->w[i] * m + carry;
        b->w[i] = (uint32_t)x;
        carry = x >> 32;
    }
    return carry != 0;
}

static int big_cmp(const Big *a, const Big *b)
{
    for (int i = NW - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void big_sub(Big *a, const Big *b)       /* a -= b, a >= b */
{
    int64_t borrow = 0;
    for (int i = 0; i < NW; i++) {
        int64_t x = (int64_t)a->w[i] - b->w[i] - borrow;
        borrow = x < 0;
        a->w[i] = (uint32_t)x;
    }
}

static int big_zero(const Big *b)
{
    for (int i = 0; i < NW; i++)
        if (b->w[i])
            return 0;
    return 1;
}

static int big_pow(Big *b, uint32_t base, int n)
{
    for (int i = 0; i < n; i++)
        if (big_mul(b, base))
            return 1;
    return 0;
}

/* Parse [+-]digits[.digits][E[+-]digits] into mantissa digits and a power of
   ten: value = num * 10**e10. Returns 0 or a message. */
static int parse(const char *v, int l, int exp_mod, Big *num, int *e10, int *neg)
{
    int p = 0, nd = 0, frac = 0, point = 0;
    *neg = 0;
    big_set(num, 0);
    if (p < l && (v[p] == '+' || v[p] == '-'))
        *neg = v[p++] == '-';
    for (; p < l; p++) {
        if (isdigit((unsigned char)v[p])) {
            if (nd > 0 || v[p] != '0') {
                if (nd >= 60)
                    return ASMA072E;
                nd++;
            }
            big_mul(num, 10);
            Big d;
            big_set(&d, (uint64_t)(v[p] - '0'));
            /* add */
            uint64_t carry = 0;
            for (int i = 0; i < NW; i++) {
                uint64_t x = (uint64_t)num->w[i] + d.w[i] + carry;
                num->w[i] = (uint32_t)x;
                carry = x >> 32;
            }
            frac += point;
        } else if (v[p] == '.' && !point) {
            point = 1;
        } else {
            break;
        }
    }
    if (p == 0 || (p == 1 && (v[0] == '+' || v[0] == '-')))
        return ASMA041E;
    long e = 0;
    if (p < l && (v[p] == 'E' || v[p] == 'e')) {
        int eneg = 0, q = ++p;
        if (p < l && (v[p] == '+' || v[p] == '-'))
            eneg = v[p++] == '-';
        if (p == l)
            return ASMA041E;
        for (; p < l && isdigit((unsigned char)v[p]); p++) {
            e = e * 10 + (v[p] - '0');
            if (e > 1000)
                return ASMA072E;
        }
        if (p == q + eneg)
            return ASMA041E;
        if (eneg)
            e = -e;
    }
    if (p != l)
        return ASMA041E;
    e += exp_mod - frac;
    if (e > 100 || e < -130)
        return ASMA072E;
    *e10 = (int)e;
    return 0;
}

int asm_dec_fixed(const char *v, int l, int exp_mod, int scale, int len, uint8_t *out)
{
    Big n, d;
    int e10, neg;
    int r = parse(v, l, exp_mod, &n, &e10, &neg);
    if (r)
        return r;
    big_set(&d, 1);
    if (e10 >= 0 ? big_pow(&n, 10, e10) : big_pow(&d, 10, -e10))
        return ASMA072E;
    if (scale < -187 || scale > 346)
        return ASMA072E;
    if (scale >= 0 ? big_pow(&n, 2, scale) : big_pow(&d, 2, -scale))
        return ASMA072E;
    /* q = n / d by binary long division, 64 bits at most */
    uint64_t q = 0;
    for (int k = 63; k >= 0; k--) {
        Big t = d;
        if (big_pow(&t, 2, k))
            continue;
        if (big_cmp(&n, &t) >= 0) {
            if (k == 63)
                return ASMA072E;
            big_sub(&n, &t);
            q |= 1ull << k;
        }
    }
    big_mul(&n, 2);
    if (big_cmp(&n, &d) >= 0)
        q++;
    uint64_t lim = len >= 8 ? (1ull << 63) : 1ull << (len * 8 - 1);
    if (q > lim || (q == lim && !neg))
        return ASMA072E;
    uint64_t x = neg ? (uint64_t)0 - q : q;
    for (int i = len - 1; i >= 0; i--) {
        out[i] = (uint8_t)x;
        x = neg ? (x >> 8) | (0xFFull << 56) : x >> 8;
    }
    return 0;
}

int asm_dec_float(const char *v, int l, int exp_mod, int scale, int len, uint8_t *out)
{
    Big n, d;
    int e10, neg;
    int r = parse(v, l, exp_mod, &n, &e10, &neg);
    if (r)
        return r;
    memset(out, 0, (size_t)len);
    if (big_zero(&n))
        return 0;
    if (scale < 0 || scale > 14)
        return ASMA072E;
    big_set(&d, 1);
    if (e10 >= 0 ? big_pow(&n, 10, e10) : big_pow(&d, 10, -e10))
        return ASMA072E;
    /* normalize: d*16**(x-1) <= n < d*16**x, so n/(d*16**x) is in [1/16, 1) */
    int x = 0;
    if (big_cmp(&n, &d) >= 0) {
        while (big_cmp(&n, &d) >= 0) {
            if (big_mul(&d, 16))
                return ASMA072E;
            x++;
        }
    } else {
        for (;;) {
            Big t = n;
            big_mul(&t, 16);
            if (big_cmp(&t, &d) >= 0)
                break;
            n = t;
            x--;
        }
    }
    if (big_pow(&d, 16, scale))
        return ASMA072E;
    x += scale;
    int ndig = (len - 1) * 2;
    uint64_t frac = 0;
    for (int i = 0; i < ndig; i++) {
        big_mul(&n, 16);
        unsigned dig = 0;
        while (big_cmp(&n, &d) >= 0) {
            big_sub(&n, &d);
            dig++;
        }
        frac = frac << 4 | dig;
    }
    big_mul(&n, 2);
    if (big_cmp(&n, &d) >= 0) {
        frac++;
        if (ndig < 16 && frac >> (4 * ndig)) {
            frac >>= 4;
            x++;
        }
    }
    if (frac == 0 && scale > 0)
        return ASMA073E;
    if (x + 64 > 127)
        return ASMA072E;
    if (x + 64 < 0)
        return ASMA072E;          /* exponent underflow */
    out[0] = (uint8_t)((neg ? 0x80 : 0) | (x + 64));
    for (int i = len - 1; i >= 1; i--) {
        out[i] = (uint8_t)frac;
        frac >>= 8;
    }
    return 0;
}
