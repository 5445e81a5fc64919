/* uc_tier1.h — tier 1 of the micro-engine: translated execution.
 *
 * At build time microcode/uc_gen.c turns the control store of each built-in
 * machine into one C function, and the routines of the instructions its
 * description marks hot into a second (see uc_gen.c for the translation);
 * each machine's functions register themselves here under a hash of the
 * machine's executable content (uc_tier1_hash). uc_tier1_enable installs
 * tier 1 as a CPU's UcCpu.tier_run when its machine has generated code; a
 * machine loaded from a user .isa/.ucode with no generated code runs tier 0.
 *
 * Tier 1 leaves the CPU as tier 0 would at every stop: state, storage,
 * icount, ucount, upc, the micro-stack, insn/in_exec, and the micro-
 * registers that are live at the stop. What the generated code does not
 * run itself (a storage access off the fast path: faults, keys, wrap; an
 * unbound helper; a micro-stack error; a micro-op budget) it hands to tier
 * 0 at the exact micro-word ("deoptimising"), and tier 0 finishes that
 * instruction.
 */
#ifndef UC_TIER1_H
#define UC_TIER1_H

#include <stdint.h>
#include <string.h>
#include "uc_engine.h"

/* A generated machine: run from cpu->upc (fetch, boundary or reset entry)
   until *ib instructions more completed (decremented as they complete), a
   stop (returns the UcStop, cpu->stop set) or a word it leaves to tier 0
   (returns UC_T1_DEOPT with the micro-state spilled and upc on that word). */
#define UC_T1_DEOPT (-1)
/* The hot function (uc_gen.c, "hot") at the boundary before an instruction
   it does not hold, state written back as at the end of the budget. */
#define UC_T1_COLD (-2)
/* Instructions the whole function runs after the hot one handed back
   (UC_T1_COLD or UC_T1_DEOPT) before the hot one is tried again. */
#define UC_T1_COLD_SPAN 4096u

/* Instructions uc_tier1_run gives one run of the generated code at most:
   attention raised from outside it (a SIGINT) is heard between runs. */
#define UC_T1_SLICE (UINT64_C(1) << 20)

/* What the generated code knows and the C compiler cannot: a field bound
   from a decode-cache record is no wider than the field (the record holds
   it so), which spares a mask and the bounds test of a register index. */
#if defined(__GNUC__)
#define UC_T1_ASSUME(x) do { if (!(x)) __builtin_unreachable(); } while (0)
#else
#define UC_T1_ASSUME(x) ((void)0)
#endif

typedef int (*UcT1Fn)(UcCpu *cpu, uint64_t *ib);

typedef struct UcT1Gen {
    const char *name;        /* the machine's name, for messages */
    uint64_t hash;           /* uc_tier1_hash of the machine it was made from */
    UcT1Fn run;
    uint32_t nstates;        /* translated (micro-address, micro-stack) states */
    uint64_t file_hash;      /* UcMachine.hash of the .ucode it was made from: the
                                same file needs no uc_tier1_hash (start-up time) */
    const uint8_t *dc_ok;    /* per candidate (m->ncands: the invalid entry), 1 when
                                a decode-cache record may enter its routine; NULL:
                                the generated code takes no records */
    UcT1Fn run_hot;          /* the instructions marked hot alone (NULL: none), run
                                while a program keeps to them */
} UcT1Gen;

/* Called by the generated files' constructors. */
void uc_tier1_register(const UcT1Gen *g);
/* FNV-1a 64 over everything the generated code depends on (control store,
   dispatch, formats, state, spaces, tables, interrupts, helpers, entries);
   not the names, syntax or debug tables. */
uint64_t uc_tier1_hash(const UcMachine *m);
/* How many generated machines are linked in (0 in stage 0 and in builds
   without them). */
unsigned uc_tier1_count(void);
/* The generated code for m, or NULL. */
const UcT1Gen *uc_tier1_find(const UcMachine *m);
/* Turn tier 1 on or off for cpu. Returns the tier now in use: 1, or 0
   (asked off, or no generated code for the machine). */
int uc_tier1_enable(UcCpu *cpu, int on);
/* The tier in use: 0 or 1. */
int uc_tier1_active(const UcCpu *cpu);
/* Tier 1's uc_run (installed as UcCpu.tier_run). */
UcStop uc_tier1_run(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops);

/* For the generated code: stop with machine stop reason `code` (as STOP),
   or for helper h returning r (as CALLH), setting stop, stop_code and
   stop_text as tier 0 does. */
void uc_t1_stop_machine(UcCpu *cpu, uint64_t code);
void uc_t1_stop_helper(UcCpu *cpu, unsigned h, int r);

/* For the generated code: the n (1..8) bytes at p as a big-endian number,
   and the number v stored there so; one host load or store where the
   compiler has a byte swap. */
static inline uint64_t uc_t1_ldbe(const uint8_t *p, unsigned n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n == 2) { uint16_t v; memcpy(&v, p, 2); return __builtin_bswap16(v); }
    if (n == 4) { uint32_t v; memcpy(&v, p, 4); return __builtin_bswap32(v); }
    if (n == 8) { uint64_t v; memcpy(&v, p, 8); return __builtin_bswap64(v); }
#endif
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static inline void uc_t1_stbe(uint8_t *p, uint64_t v, unsigned n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n == 2) { uint16_t x = __builtin_bswap16((uint16_t)v); memcpy(p, &x, 2); return; }
    if (n == 4) { uint32_t x = __builtin_bswap32((uint32_t)v); memcpy(p, &x, 4); return; }
    if (n == 8) { uint64_t x = __builtin_bswap64(v); memcpy(p, &x, 8); return; }
#endif
    for (unsigned i = n; i-- > 0; v >>= 8)
        p[i] = (uint8_t)v;
}

/* For the generated code's access guards: units a .. a+n-1 (inside
   storage) may be accessed under the nonzero access key ak (key bits km,
   fetch-protection bit fp of a stored key, one key per kb units): every
   key block's key is ak, or (a fetch) asks no fetch protection. 0: not
   sure, let tier 0 decide. */
static inline int uc_t1_key_ok(const uint8_t *keys, uint64_t a, uint64_t n, uint64_t kb,
                               unsigned ak, unsigned km, unsigned fp, int store)
{
    if (!keys || n == 0)
        return 1;
    for (uint64_t b = a / kb, e = (a + n - 1) / kb; b <= e; b++)
        if (!uc_key_allows(keys[b], ak, km, fp, store))
            return 0;
    return 1;
}

/* memmove(d, s, n), short moves (MVC of 4 to 16 bytes, the common case)
   without a library call: both halves are read before either is written,
   so any overlap gives memmove's result. UC_INLINE: GCC at -O1 would call
   it. */
UC_INLINE void uc_t1_move(uint8_t *d, const uint8_t *s, uint64_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8); memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8); memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4); memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4); memcpy(d + n - 4, &b, 4);
    } else {
        memmove(d, s, n);
    }
}

#endif
