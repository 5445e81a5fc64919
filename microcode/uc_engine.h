/* uc_engine.h — the micro-engine, tier 0: a micro-interpreter over the
 * control store of a UcMachine.
 *
 * A UcCpu holds the architected state (state slots, storage spaces, keys)
 * and the micro-state (micro-registers, micro-PC, micro-stack). Architected
 * state lives only in the state slots and storage; micro-registers are
 * scratch that is dead at every instruction boundary (ENDOP), so a stop at a
 * boundary leaves a consistent machine.
 *
 * uc_run() executes until a limit or a stop and returns the reason; it never
 * prints and never exits. Host helpers (I/O, console, ASSIST services) are C
 * functions bound by name to the machine's declared helpers.
 */
#ifndef UC_ENGINE_H
#define UC_ENGINE_H

#include <stdint.h>
#include "uc_machine.h"

/* Stop reasons: one row each. */
#define UC_STOP_LIST(X) \
    X(NONE,        "running") \
    X(INSN_LIMIT,  "instruction limit reached") \
    X(UOP_LIMIT,   "micro-instruction limit reached") \
    X(MACHINE,     "machine stop") /* STOP micro-op: stop_code is a UcStopReason */ \
    X(HELPER,      "stopped by a host helper") /* stop_code from the helper */ \
    X(ATTENTION,   "attention requested") \
    X(BREAK,       "breakpoint") \
    X(UBREAK,      "micro-breakpoint") \
    X(ERROR,       "micro-engine error") /* broken .ucode: message in stop_text */

typedef enum UcStop {
#define X(n, t) UC_STOP_##n,
    UC_STOP_LIST(X)
#undef X
} UcStop;

typedef struct UcCpu UcCpu;

/* One instruction that runs past this many micro-instructions is stopped
   (UC_STOP_UOP_LIMIT, "runaway instruction"): a guest loop inside one
   instruction (a 1401 operation chaining round storage for ever, say) must
   not hold the host. The longest real ones take a few million. */
#define UC_RUNAWAY_UOPS UINT64_C(50000000)
/* State slots held inside UcCpu (state_in) when the machine has no more */
#define UC_STATE_IN 64

/* A host helper: args[0..nargs-1] from the micro-registers; *result goes to
   the CALLH destination. Return 0 to go on, or nonzero to stop the engine
   with UC_STOP_HELPER and that value as stop_code (the micro-PC then points
   after the CALLH, so the run can resume). */
typedef int (*UcHelperFn)(UcCpu *cpu, void *ctx, const uint64_t *args,
                          unsigned nargs, uint64_t *result);

/* Called after every store into a space (CPU stores and uc_mem_write), when
   set: translation invalidation, watchpoints, word-mark tracking. It may
   read the CPU and set attention or irq, but changes no state slot,
   micro-register or storage (tier 1 loads nothing again after it, and
   when attention or irq is set, hands the rest of the instruction to tier
   0, which looks at them at its end). */
typedef void (*UcStoreHook)(UcCpu *cpu, void *ctx, unsigned space,
                            uint64_t addr, uint64_t units);

/* A condition expected false (a hand-over, a stop, a hook, a store into
   code): told to GNU C, so that it lays out and allocates registers for
   the other way. */
#if defined(__GNUC__)
#define UC_RARE(x) __builtin_expect(!!(x), 0)
#else
#define UC_RARE(x) (x)
#endif
/* A small function of the hot paths, inlined even where the compiler's
   own rules (GCC at -O1, the generated code) would call it. Not at -O0
   (the sanitizer and fuzz builds): there clang takes minutes instead of
   seconds over the generated code with every such call inlined. */
#if defined(__GNUC__) && defined(__OPTIMIZE__)
#define UC_INLINE __attribute__((always_inline)) static inline
#else
#define UC_INLINE static inline
#endif

typedef struct UcSpaceRt {
    uint8_t *mem;            /* size * unit_bytes host bytes */
    uint64_t size;           /* units */
    uint8_t *keys;           /* one per key block, or NULL */
    uint8_t *code;           /* the code map (uc_dcache.h), one byte per unit of a
                                space of byte units, else NULL */
    uint8_t *hooked;         /* code's size, every byte 1: the map tier 1's stores
                                test while a store hook is set, so that one test
                                finds both (made when first needed, uc_tier1.c) */
} UcSpaceRt;

struct UcCpu {
    const UcMachine *m;
    uint64_t u[UC_NUREGS];   /* micro-registers */
    uint64_t *state;         /* m->nslots: state_in when they fit there */
    UcSpaceRt *spaces;       /* m->nspaces */
    uint32_t upc;            /* next micro-address */
    uint32_t ustack[UC_USTACK];
    uint32_t usp;
    int32_t insn;            /* instruction of the last DISPATCH/EXEC, -1 none */
    int in_exec;             /* the current instruction runs under EXEC */
    uint64_t icount;         /* guest instructions completed (ENDOPs) */
    uint64_t ucount;         /* micro-instructions executed */
    uint64_t ustart;         /* ucount when the current instruction began (at the
                                last ENDOP), or when a run resumed it after a
                                runaway stop: an instruction still running at
                                ustart + UC_RUNAWAY_UOPS stops there, on every tier */
    volatile int attention;  /* set asynchronously (Ctrl-C, device): stop at ENDOP */
    int irq;                 /* interruption request, set by the host (between runs or
                                in a helper): the next instruction boundary enters the
                                machine's boundary routine instead of the fetch, and
                                clears it; ignored by machines without one */
    UcStop stop;
    uint64_t stop_code;
    char stop_text[160];
    UcHelperFn *helper_fn;   /* m->nhelpers, bound by uc_bind_helper */
    void **helper_ctx;
    UcStoreHook store_hook;
    void *store_ctx;
    uint64_t last_fault_addr;  /* address of the last storage fault */
    /* A faster tier (tier 1, microcode/uc_tier1*.c) installs itself here:
       uc_run then calls it instead of the micro-interpreter. It must leave
       the CPU exactly as tier 0 would (state, storage, icount, upc and the
       micro-state of a stop), so uc_ustep, uc_boundary and the host can
       take over at any stop. */
    UcStop (*tier_run)(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops);
    void *tier_ctx;
    uint64_t t1_cold;        /* tier 1: instructions left to the whole generated
                                function before its hot one is tried again */
    /* The decode cache (uc_dcache.h), used by both tiers at the fetch
       entry; NULL: off (uc_dc_enable). */
    struct UcDcache *dc;
    /* The state slots of a machine with no more than UC_STATE_IN: the
       generated code (uc_gen.c) reaches them from cpu, not through a
       pointer it would have to keep or load again. */
    uint64_t state_in[UC_STATE_IN];
};

/* Create a CPU with storage of the given size in units for space 0 (0 = the
   space's default). Returns NULL and a message on error: a size outside
   min..max or the allowed list, storage over 1 GiB, or a machine that fails
   uc_machine_check (the engine runs only checked control stores). */
UcCpu *uc_cpu_new(const UcMachine *m, uint64_t storage_units, char *err, size_t errsize);
void uc_cpu_free(UcCpu *cpu);
/* Zero the micro-state, set upc to the reset entry (or fetch). State and
   storage are kept: that is what loaders set up. */
void uc_cpu_reset(UcCpu *cpu);

/* Bind helper NAME; helpers left unbound stop the engine with UC_STOP_ERROR
   when called. Returns -1 when the machine declares no such helper. */
int uc_bind_helper(UcCpu *cpu, const char *name, UcHelperFn fn, void *ctx);

/* Run until max_insns more instructions have completed, or max_uops more
   micro-instructions ran (0 = no limit for either), or a stop. An insn
   limit or attention stops at ENDOP with upc = fetch_entry; `attention` is
   cleared when the engine stops for it. A run (or ustep) that starts at
   fetch_entry with irq set starts in the boundary routine. A STOP, or a storage fault mapped to
   a stop, leaves upc after the micro-word (resumable); an error stop leaves
   it on the failing word. */
UcStop uc_run(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops);
/* The micro-interpreter itself (tier 0), whatever tier is installed. */
UcStop uc_run_tier0(UcCpu *cpu, uint64_t max_insns, uint64_t max_uops);
/* Execute exactly one micro-instruction; UC_STOP_NONE unless it stopped. */
UcStop uc_ustep(UcCpu *cpu);
/* At an instruction boundary with irq set: run the boundary routine (and
   any it chains to) up to the next fetch, so that a debugger can show the
   interruptions apart from the instructions. UC_STOP_NONE when it reached
   the fetch (or there was nothing to run), else the stop. */
UcStop uc_boundary(UcCpu *cpu, uint64_t max_uops);
const char *uc_stop_name(UcStop s);

/* Host access to state and storage, bounds-checked, never faulting the guest.
   index is the architectural number, as LDR/STR use it (FR 0,2,4,6 through
   the item's number_map); an invalid number reads 0 and is not written. */
uint64_t uc_get_item(const UcCpu *cpu, unsigned item, uint32_t index);
void uc_set_item(UcCpu *cpu, unsigned item, uint32_t index, uint64_t value);
uint64_t uc_get_field(const UcCpu *cpu, unsigned field);
void uc_set_field(UcCpu *cpu, unsigned field, uint64_t value);
/* Read/write `units` units starting at addr (wrapping as the machine does);
   units are packed one per unit_bytes, big-endian within a unit. Returns 0,
   or -1 if any unit is beyond the storage size (nothing is then written).
   Writes call the store hook. */
int uc_mem_read(const UcCpu *cpu, unsigned space, uint64_t addr, void *buf, uint64_t units);
int uc_mem_write(UcCpu *cpu, unsigned space, uint64_t addr, const void *buf, uint64_t units);
uint64_t uc_mem_get(const UcCpu *cpu, unsigned space, uint64_t addr);   /* one unit; 0 outside */
void uc_mem_set(UcCpu *cpu, unsigned space, uint64_t addr, uint64_t value);
/* A value of `units` consecutive units combined in the machine's endianness
   (S/360: big-endian bytes). Returns -1 outside storage. */
int uc_mem_load(const UcCpu *cpu, unsigned space, uint64_t addr, unsigned units, uint64_t *value);

#endif
