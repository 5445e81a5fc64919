/* uc_sem.h — the meaning of each ALU micro-operation of uc_ops.h as a static
 * inline C function, the one place both tiers take it from: the tier-0
 * interpreter (microcode/uc_engine.c) may call these from its handlers, and
 * the C that tier 1 generates from a control store (microcode/uc_gen.c)
 * calls them with the word's width as a constant, so the C compiler folds
 * the masks and drops the tests the width decides.
 *
 * Every function takes the operands as the word reads them (a = u[a],
 * y = the second operand B, d = u[dst] where the op reads it) and the width
 * W (1..64); the result is what the op writes to u[dst]. The notation and
 * the edge cases (division by zero, shifts of W or more) are those of the
 * rows of uc_ops.h.
 */
#ifndef UC_SEM_H
#define UC_SEM_H

#include <stdint.h>

static inline uint64_t uc_sem_mask(unsigned w)
{
    return w == 0 ? 0 : ~UINT64_C(0) >> (64 - w);
}

/* sx(v): v sign-extended from bit W-1 */
static inline int64_t uc_sem_sx(uint64_t v, unsigned w)
{
    return (int64_t)(v << (64 - w)) >> (64 - w);
}

static inline uint64_t uc_sem_movi(uint64_t imm, unsigned w) { return imm & uc_sem_mask(w); }
static inline uint64_t uc_sem_mov(uint64_t a, unsigned w) { return a & uc_sem_mask(w); }
static inline uint64_t uc_sem_add(uint64_t a, uint64_t y, unsigned w) { return (a + y) & uc_sem_mask(w); }
static inline uint64_t uc_sem_sub(uint64_t a, uint64_t y, unsigned w) { return (a - y) & uc_sem_mask(w); }
static inline uint64_t uc_sem_mul(uint64_t a, uint64_t y, unsigned w) { return (a * y) & uc_sem_mask(w); }

static inline uint64_t uc_sem_divu(uint64_t a, uint64_t y, unsigned w)
{
    uint64_t x = a & uc_sem_mask(w);
    y &= uc_sem_mask(w);
    return y ? x / y : 0;
}

static inline uint64_t uc_sem_remu(uint64_t a, uint64_t y, unsigned w)
{
    uint64_t x = a & uc_sem_mask(w);
    y &= uc_sem_mask(w);
    return y ? x % y : x;
}

static inline uint64_t uc_sem_divs(uint64_t a, uint64_t b, unsigned w)
{
    int64_t x = uc_sem_sx(a, w), y = uc_sem_sx(b, w);
    return (y == 0 ? 0 : y == -1 ? (uint64_t)0 - (uint64_t)x : (uint64_t)(x / y)) & uc_sem_mask(w);
}

static inline uint64_t uc_sem_rems(uint64_t a, uint64_t b, unsigned w)
{
    int64_t x = uc_sem_sx(a, w), y = uc_sem_sx(b, w);
    return (y == 0 ? (uint64_t)x : y == -1 ? 0 : (uint64_t)(x % y)) & uc_sem_mask(w);
}

static inline uint64_t uc_sem_and(uint64_t a, uint64_t y, unsigned w) { return a & y & uc_sem_mask(w); }
static inline uint64_t uc_sem_or(uint64_t a, uint64_t y, unsigned w) { return (a | y) & uc_sem_mask(w); }
static inline uint64_t uc_sem_xor(uint64_t a, uint64_t y, unsigned w) { return (a ^ y) & uc_sem_mask(w); }
static inline uint64_t uc_sem_not(uint64_t a, unsigned w) { return ~a & uc_sem_mask(w); }
static inline uint64_t uc_sem_neg(uint64_t a, unsigned w) { return ((uint64_t)0 - a) & uc_sem_mask(w); }

static inline uint64_t uc_sem_shl(uint64_t a, uint64_t y, unsigned w)
{
    return y >= w ? 0 : (a << y) & uc_sem_mask(w);
}

static inline uint64_t uc_sem_shr(uint64_t a, uint64_t y, unsigned w)
{
    return y >= w ? 0 : (a & uc_sem_mask(w)) >> y;
}

static inline uint64_t uc_sem_sar(uint64_t a, uint64_t y, unsigned w)
{
    int64_t x = uc_sem_sx(a, w);
    return (y >= w ? (x < 0 ? ~(uint64_t)0 : 0) : (uint64_t)(x >> y)) & uc_sem_mask(w);
}

static inline uint64_t uc_sem_sext(uint64_t a, unsigned w) { return (uint64_t)uc_sem_sx(a, w); }
static inline uint64_t uc_sem_ext(uint64_t a, uint64_t pos, unsigned w) { return (a >> pos) & uc_sem_mask(w); }

static inline uint64_t uc_sem_ins(uint64_t d, uint64_t a, uint64_t pos, unsigned w)
{
    uint64_t fm = uc_sem_mask(w) << pos;
    return (d & ~fm) | ((a << pos) & fm);
}

static inline uint64_t uc_sem_eq(uint64_t a, uint64_t y, unsigned w) { return ((a ^ y) & uc_sem_mask(w)) == 0; }
static inline uint64_t uc_sem_ne(uint64_t a, uint64_t y, unsigned w) { return ((a ^ y) & uc_sem_mask(w)) != 0; }
static inline uint64_t uc_sem_ltu(uint64_t a, uint64_t y, unsigned w) { return (a & uc_sem_mask(w)) < (y & uc_sem_mask(w)); }
static inline uint64_t uc_sem_leu(uint64_t a, uint64_t y, unsigned w) { return (a & uc_sem_mask(w)) <= (y & uc_sem_mask(w)); }
static inline uint64_t uc_sem_lts(uint64_t a, uint64_t y, unsigned w) { return uc_sem_sx(a, w) < uc_sem_sx(y, w); }
static inline uint64_t uc_sem_les(uint64_t a, uint64_t y, unsigned w) { return uc_sem_sx(a, w) <= uc_sem_sx(y, w); }

static inline uint64_t uc_sem_addv(uint64_t x, uint64_t y, unsigned w)
{
    uint64_t m = uc_sem_mask(w), s = x + y, sb = m ^ (m >> 1);
    return ((x ^ s) & (y ^ s) & sb) != 0;
}

static inline uint64_t uc_sem_subv(uint64_t x, uint64_t y, unsigned w)
{
    uint64_t m = uc_sem_mask(w), s = x - y, sb = m ^ (m >> 1);
    return ((x ^ y) & (x ^ s) & sb) != 0;
}

static inline uint64_t uc_sem_addc(uint64_t a, uint64_t y, unsigned w)
{
    uint64_t x = a & uc_sem_mask(w), s = x + (y & uc_sem_mask(w));
    return w == 64 ? s < x : (s >> (w & 63)) & 1;
}

static inline uint64_t uc_sem_subc(uint64_t a, uint64_t y, unsigned w) { return (a & uc_sem_mask(w)) >= (y & uc_sem_mask(w)); }
static inline uint64_t uc_sem_sel(uint64_t d, uint64_t a, uint64_t y, unsigned w) { return (d ? a : y) & uc_sem_mask(w); }

static inline uint64_t uc_sem_cmpu(uint64_t a, uint64_t y, unsigned w)
{
    uint64_t x = a & uc_sem_mask(w), ym = y & uc_sem_mask(w);
    return x == ym ? 0 : x < ym ? 1 : 2;
}

static inline uint64_t uc_sem_cmps(uint64_t a, uint64_t y, unsigned w)
{
    int64_t x = uc_sem_sx(a, w), ys = uc_sem_sx(y, w);
    return x == ys ? 0 : x < ys ? 1 : 2;
}

#endif
