/* uc_machine.h — the compiled machine.
 *
 * This is the contract between the parts of mcemu: isac (isa/) builds a
 * UcMachine from a description, uc_file.c writes and reads it as a .ucode
 * file, the micro-engine executes its control store, the assembler,
 * disassembler and monitor read its syntax, state and debug tables.
 * Nothing about an instruction set is known to C code outside this struct.
 *
 * Conventions
 * - Every bit position stored here is lsb0 (shift from the least significant
 *   bit), whatever the machine's declared bit order; isac converts.
 * - Names are NUL-terminated strings owned by the UcMachine (uc_machine_free).
 * - Indices are into the arrays of the same UcMachine; -1 (or UC_NONE) = none.
 *
 * Micro-word layout in a .ucode file (little-endian, 24 bytes):
 *
 *    0       1     2    3    4      5      6..7   8..11    12..19  20..23
 *  +-------+-----+----+----+------+------+------+--------+-------+-------+
 *  | op    | dst | a  | b  | width| flags| aux  | target | imm   | 0     |
 *  +-------+-----+----+----+------+------+------+--------+-------+-------+
 */
#ifndef UC_MACHINE_H
#define UC_MACHINE_H

#include <stddef.h>
#include <stdint.h>

#define UC_NONE (-1)
#define UC_NUREGS 64            /* micro-registers, 64 bits each */
#define UC_USTACK 8             /* CALL/RET depth */
#define UC_MAX_FIELDS 16        /* fields of one format */
#define UC_MAX_OPERANDS 8       /* operands of one instruction */
#define UC_MAX_MODE_PARAMS 4    /* parameters of one operand mode */
#define UC_MAX_HELPER_ARGS 8

typedef enum UcOp {
#define UC_OP(name, shape, text) UC_##name,
#include "uc_ops.h"
#undef UC_OP
    UC_NOPS
} UcOp;

/* UcWord.flags */
enum {
    UC_F_IMM = 0x01,         /* ALU: second operand is imm, not u[b] */
    UC_F_ACC_MASK = 0x06,    /* LD/ST/PROBE access kind: */
    UC_F_FETCH = 0x00,       /*   operand fetch */
    UC_F_STORE = 0x02,       /*   operand store (LD with STORE: read for update) */
    UC_F_IFETCH = 0x04,      /*   instruction fetch */
    UC_F_ALIGN = 0x08,       /* LD/ST: address must be a multiple of the access's units */
    UC_F_NOKEY = 0x10,       /* LD/ST/PROBE: no protection check (low-core PSW swaps) */
    UC_F_ONFAULT = 0x20,     /* LD/ST/PROBE: an access that would fault goes to target instead */
    UC_F_LANES = 0x40,       /* LD/ST: each unit in a byte of the value (W/8 units of at most 8 bits) */
    UC_F_PART = 0x80,        /* ST: only the last u[dst] units by address (uc_store_part) */
};

typedef struct UcWord {
    uint8_t op;              /* UcOp */
    uint8_t dst, a, b;       /* micro-register numbers */
    uint8_t width;           /* 1..64 */
    uint8_t flags;           /* UC_F_* */
    uint16_t aux;            /* state item/field, space, table, helper, interrupt, dispatch table */
    uint32_t target;         /* micro-address for JMP/BZ/BNZ/CALL; LD/ST/PROBE with UC_F_ONFAULT */
    uint64_t imm;            /* immediate; bit position for EXT/INS; count for CALLH */
} UcWord;

/* ---- machine facts ---- */
typedef enum { UC_MSB0, UC_LSB0 } UcBitOrder;
typedef enum { UC_BIG, UC_LITTLE } UcEndian;
typedef enum {
    UC_WRAP_POW2,            /* addresses wrap modulo 2^addr_bits */
    UC_WRAP_SIZE,            /* addresses wrap modulo the configured storage size */
} UcWrap;

/* ---- state: register files, registers, named fields ---- */
typedef enum { UC_ITEM_REGFILE, UC_ITEM_REG } UcItemKind;

typedef struct UcItem {
    char *name;              /* "GR", "PSW", "IS" */
    uint8_t kind;            /* UcItemKind */
    uint8_t width;           /* element width in bits, 1..64 */
    uint32_t count;          /* elements (1 for a reg) */
    uint32_t slot;           /* first slot in UcCpu.state */
    uint32_t nnumbers;       /* 0, or the size of number_map */
    int32_t *number_map;     /* architectural number -> element, -1 invalid
                                ("numbered {0,2,4,6}"); NULL = identity */
} UcItem;

typedef struct UcField {     /* a named field of a register: PSW.CC */
    char *name;              /* "CC" (qualified display name: item.name) */
    uint16_t item;
    uint8_t shift, len;      /* lsb0 */
} UcField;

/* ---- storage spaces ---- */
typedef enum { UC_FAULT_ADDRESSING, UC_FAULT_ALIGNMENT, UC_FAULT_PROTECTION,
               UC_FAULT_FETCHPROT, UC_NFAULTS } UcFaultKind;

typedef struct UcTrapRef {   /* what a storage fault raises */
    int32_t interrupt;       /* UcInterrupt index, UC_NONE = not checked,
                                or UC_TRAP_STOP(s): stop the machine with reason s */
    uint64_t code;           /* its first parameter */
} UcTrapRef;
/* A fault mapped to a stop reason (`faults { addressing: stop halt; }`):
   interrupt = -2 - stop index. The engine stops with UC_STOP_MACHINE. */
#define UC_TRAP_STOP(stop) (-2 - (int32_t)(stop))
#define UC_TRAP_IS_STOP(interrupt) ((interrupt) <= -2)
#define UC_TRAP_STOP_INDEX(interrupt) (-2 - (int64_t)(interrupt))

typedef struct UcSubfield {  /* a named part of a storage cell: M[p].WM */
    char *name;
    uint8_t shift, len;
} UcSubfield;

typedef struct UcSpace {
    char *name;              /* "M" */
    uint8_t unit_bits;       /* bits in one addressable unit, 1..64 */
    uint8_t unit_bytes;      /* host bytes per unit: 1, 2, 4 or 8 */
    uint64_t min_size, max_size, default_size;   /* in units */
    uint32_t nsizes;         /* 0, or the allowed sizes (1401: 4000 8000 ...) */
    uint64_t *sizes;
    uint32_t nsubfields;
    UcSubfield *subfields;
    UcTrapRef faults[UC_NFAULTS];
    /* storage keys: one key per key_block units; 0 key_block = none. A stored
       key (UcSpaceRt.keys, one byte) holds the protection key in its low
       key_bits bits; fetch_prot_bit names the bit that asks for fetch
       protection (it may lie above the key bits). The access key matches when
       it is 0 or equal to the stored key, the fetch-protection bit ignored. */
    uint32_t key_block;
    uint8_t key_bits;
    int32_t key_field;       /* UcField holding the access key (PSW.KEY) */
    uint8_t fetch_prot_bit;  /* lsb0 bit of a storage key that asks for fetch protection; 0xff none */
} UcSpace;

/* ---- constant tables (XLAT), constants (lowcore names, EQUs) ---- */
typedef struct UcTable {
    char *name;
    uint8_t width;
    uint32_t count;
    uint64_t *values;
} UcTable;

typedef struct UcConst {
    char *name;              /* "PGM_OLD" */
    uint64_t value;
    uint8_t kind;            /* 0 constant, 1 low-core address */
} UcConst;

/* ---- interrupts, stops, host helpers ---- */
typedef struct UcInterrupt {
    char *name;              /* "program" */
    uint32_t entry;          /* micro-address */
    uint8_t nparams;
    uint8_t param_ureg[4];   /* where TRAP and storage faults put the parameters */
} UcInterrupt;

typedef struct UcStopReason {
    char *name;              /* "disabled_wait" */
    char *message;           /* "disabled wait state" */
} UcStopReason;

typedef struct UcHelper {
    char *name;              /* "xprnt": bound to C code by name at load */
    uint8_t nargs;
    uint8_t has_result;
} UcHelper;

/* ---- formats and decoding ---- */
typedef struct UcFmtField {
    char *name;              /* "r1" */
    uint8_t shift, len;      /* lsb0 within the instruction value */
    uint8_t ureg;            /* DISPATCH binds the field here */
    uint8_t is_signed;
} UcFmtField;

typedef struct UcFormat {
    char *name;              /* "RX"; a delimited-format variant is "I.4" */
    uint8_t width;           /* bits in the instruction value, 1..64 */
    uint8_t length;          /* storage units taken by the instruction */
    uint8_t nfields;
    UcFmtField fields[UC_MAX_FIELDS];
} UcFormat;

/* How the disassembler (and the monitor) finds instruction boundaries in
   storage without running the fetch routine. */
typedef enum {
    UC_LEN_BY_KEY,           /* key field at a fixed place; length from the format */
    UC_LEN_DELIMITED,        /* up to the next unit whose subfield delim_subfield is set */
} UcLengthRule;

typedef struct UcDecodeRule {
    uint8_t rule;            /* UcLengthRule */
    uint8_t key_units;       /* BY_KEY: units holding the key (S/360: 1) */
    uint8_t key_shift, key_len;   /* BY_KEY: key within those units, lsb0 */
    int32_t delim_subfield;  /* DELIMITED: UcSubfield index (WM) */
    uint8_t max_length;      /* DELIMITED: longest instruction in units */
    uint8_t value_subfield_mask_shift, value_subfield_len; /* DELIMITED: bits of each unit
                                concatenated into the instruction value (CHAR 0..5) */
} UcDecodeRule;

typedef struct UcCandidate { /* one instruction form for a key */
    uint64_t mask, match;    /* on the instruction value */
    int32_t insn;
    uint16_t format;
    uint32_t entry;          /* micro-address of its routine */
    int32_t next;            /* next candidate for the same key, -1 */
} UcCandidate;

typedef struct UcDispatch {
    uint8_t key_bits;        /* dense table of 2^key_bits entries */
    int32_t *first;          /* key -> first UcCandidate, -1 = invalid */
    uint32_t invalid_entry;  /* micro-address taken for an unmatched key */
} UcDispatch;

/* ---- assembler syntax ---- */
typedef struct UcModeParam {
    char *name;              /* "d" */
    uint8_t width;           /* bits */
    uint8_t is_signed;
    int32_t bias;            /* field = written value + bias ("{l+1}" gives -1) */
} UcModeParam;

typedef struct UcModeForm {
    char *tmpl;              /* "{d}({x},{b})", "{d}({l+1},{b})", "{r}", "{i:x}" */
    uint8_t ncond;           /* disassembler picks the first form whose conditions */
    struct { uint8_t param; int64_t value; } cond[UC_MAX_MODE_PARAMS]; /* all hold */
} UcModeForm;

typedef enum {               /* how the assembler resolves a bare expression */
    UC_MODE_PLAIN,           /* the value goes into the one parameter */
    UC_MODE_ADDRESS,         /* base-displacement through USING (HLASM) */
    UC_MODE_RELATIVE,        /* a relative displacement (later machines) */
    UC_MODE_ADDR_INVERSE,    /* encoded by an inverse table/function (1401 addresses) */
} UcModeKind;

typedef struct UcMode {
    char *name;              /* "BXD" */
    uint8_t kind;            /* UcModeKind */
    uint8_t nparams;
    UcModeParam params[UC_MAX_MODE_PARAMS];
    int8_t disp_param, base_param, index_param, length_param;  /* -1 if none */
    uint32_t nforms;
    UcModeForm *forms;       /* in the order written; the assembler accepts each */
} UcMode;

typedef struct UcOperand {
    uint16_t mode;
    uint8_t optional;        /* "[,{b}]" */
    uint8_t field[UC_MAX_MODE_PARAMS];   /* format field bound to each mode parameter */
} UcOperand;

enum {                       /* UcInsn.attrs */
    UC_A_BRANCH = 0x01,      /* may change the instruction address: ends a block */
    UC_A_PRIV = 0x02,        /* privileged */
    UC_A_SERIAL = 0x04,      /* I/O or state change: ends a block */
    UC_A_EXEC = 0x08,        /* runs another instruction (EX) */
    UC_A_STOPS = 0x10,       /* may stop the machine (halt) */
    UC_A_HOT = 0x20,         /* common: tier 1 translates it in its own, small
                                function too (uc_gen.c, "hot") */
};

typedef struct UcInsn {
    char *mnemonic;          /* "AR" */
    uint16_t format;
    uint32_t attrs;
    uint64_t fixed_mask, fixed_match;   /* over the instruction value */
    uint8_t noperands;
    UcOperand operands[UC_MAX_OPERANDS];
    char *syntax;            /* as written: "AR {R(r1)},{R(r2)}" */
    uint32_t entry;          /* micro-address of its routine */
    uint16_t file;           /* where it is declared (UcDebug.files) */
    uint32_t line;
} UcInsn;

typedef struct UcAlias {     /* an extended mnemonic: BE -> BC 8,... */
    char *mnemonic;
    uint16_t insn;
    uint8_t nfixed;          /* operand fields given fixed values */
    struct { uint8_t field; uint64_t value; } fixed[4];
    uint8_t prefer;          /* the disassembler prints this form */
} UcAlias;

/* ---- debug: micro-address -> description source ---- */
typedef struct UcDebugLine {
    uint16_t file;
    uint32_t line;
    uint16_t col;
    int32_t insn;            /* instruction whose routine this is, -1 fetch/shared */
} UcDebugLine;

typedef struct UcSourceFile {
    char *name;              /* as given to isac */
    char *text;              /* the whole file, so built-ins can show their lines */
} UcSourceFile;

typedef struct UcRoutine {   /* a named range of the control store */
    char *name;              /* "fetch", "AR", "interrupt program", "micro ea_bxd" */
    uint32_t start, end;     /* [start, end) */
} UcRoutine;

/* ---- the whole machine ---- */
typedef struct UcMachine {
    char *name;              /* "s360" */
    char *title;             /* "IBM System/360" */
    char *charset;           /* "ebcdic", "ascii", "bcd1401" ... (emulator/emu_charset.h) */
    uint8_t bitorder, endian;
    uint8_t addr_bits;       /* logical address width */
    uint8_t wrap;            /* UcWrap */
    uint64_t hash;           /* FNV-1a 64 of the serialized content: translation keys */

    uint32_t nitems;   UcItem *items;
    uint32_t nslots;         /* 64-bit state slots (sum of item counts) */
    uint32_t nfields;  UcField *fields;
    uint32_t nspaces;  UcSpace *spaces;
    uint32_t ntables;  UcTable *tables;
    uint32_t nconsts;  UcConst *consts;
    uint32_t ninterrupts; UcInterrupt *interrupts;
    uint32_t nstops;   UcStopReason *stops;
    uint32_t nhelpers; UcHelper *helpers;

    uint32_t nformats; UcFormat *formats;
    UcDecodeRule decode;
    UcDispatch dispatch;
    uint32_t ncands;   UcCandidate *cands;

    uint32_t nmodes;   UcMode *modes;
    uint32_t ninsns;   UcInsn *insns;
    uint32_t naliases; UcAlias *aliases;

    uint32_t nwords;   UcWord *words;        /* the control store */
    uint32_t fetch_entry;                    /* where ENDOP goes */
    uint32_t reset_entry;                    /* UC_NONE (as uint32) when not declared */
    uint32_t boundary_entry;                 /* where ENDOP goes while cpu->irq is set;
                                                UC_NONE when not declared */
    UcDebugLine *debug;                      /* nwords entries */
    uint32_t nfiles;   UcSourceFile *files;
    uint32_t nroutines; UcRoutine *routines;
    char *ureg_names[UC_NUREGS];             /* NULL for unused micro-registers */
} UcMachine;

/* uc_machine.c */
UcMachine *uc_machine_new(void);
void uc_machine_free(UcMachine *m);
int uc_machine_find_item(const UcMachine *m, const char *name);
int uc_machine_find_field(const UcMachine *m, const char *item, const char *field);
int uc_machine_find_space(const UcMachine *m, const char *name);
int uc_machine_find_insn(const UcMachine *m, const char *mnemonic);
int uc_machine_find_helper(const UcMachine *m, const char *name);
int uc_machine_find_stop(const UcMachine *m, const char *name);
const UcRoutine *uc_machine_routine_at(const UcMachine *m, uint32_t uaddr);
const char *uc_op_name(unsigned op);
/* The micro-registers a word reads (bit r: u[r]), and the one it writes on
   its way to the next word (bit set, or 0): for the liveness analyses of
   the decode cache and of tier 1's generator. */
uint64_t uc_word_uses(const UcMachine *m, const UcWord *w);
uint64_t uc_word_defs(const UcMachine *m, const UcWord *w);
/* What is live at each word (G[i], and within a called routine also what
   is live after its RET except K[i]); G and K hold m->nwords + 1 entries
   (the last: past the end). Returns 0, or -1 out of memory. */
int uc_word_liveness(const UcMachine *m, uint64_t *G, uint64_t *K);
/* A LD or ST of space sp with flags f: the bits each unit takes in the
   value (its own width, or a byte with UC_F_LANES), and the number of units
   it reads or writes. */
static inline unsigned uc_lane_bits(const UcSpace *sp, unsigned f)
{
    return (f & UC_F_LANES) ? 8u : sp->unit_bits;
}
static inline unsigned uc_access_units(const UcSpace *sp, const UcWord *w)
{
    return (w->width + uc_lane_bits(sp, w->flags) - 1u) / uc_lane_bits(sp, w->flags);
}
/* A ST with UC_F_PART of k units (uc_access_units) at address a, count
   register value cnt: it stores the last p = min(cnt, k) units by address,
   a + k - p .. a + k - 1, from the part of the value they take in a whole
   store (on a big-endian machine the low p units, on a little-endian one
   the high). p 0 stores nothing. Returns p; *first: the units' offset from
   a (k - p). */
static inline unsigned uc_store_part(unsigned k, uint64_t cnt, unsigned *first)
{
    unsigned p = cnt < k ? (unsigned)cnt : k;
    *first = k - p;
    return p;
}
/* The bits of the value such an access can hold beyond its width's: with
   UC_F_LANES on units narrower than a byte, the unit's bits of each byte. */
static inline uint64_t uc_lane_mask(const UcSpace *sp, unsigned f)
{
    return (f & UC_F_LANES) && sp->unit_bits < 8
        ? ((UINT64_C(1) << sp->unit_bits) - 1u) * UINT64_C(0x0101010101010101) : ~UINT64_C(0);
}
/* Storage keys of a space: the fetch-protection bit of a stored key, and
   the key bits an access key is compared with (the fetch-protection bit
   left out). */
static inline uint8_t uc_space_fpmask(const UcSpace *sp)
{
    return sp->fetch_prot_bit < 8 ? (uint8_t)(1u << sp->fetch_prot_bit) : 0;
}
static inline uint8_t uc_space_kmask(const UcSpace *sp)
{
    return (uint8_t)((sp->key_bits >= 8 ? 0xFFu : (1u << sp->key_bits) - 1) & ~(unsigned)uc_space_fpmask(sp));
}
/* Stored key k allows an access under the nonzero access key ak (its key
   bits): k's key bits are ak, or the access is a fetch and k asks no fetch
   protection. */
static inline int uc_key_allows(unsigned k, unsigned ak, unsigned kmask, unsigned fpmask, int store)
{
    return (k & kmask) == ak || (!store && !(k & fpmask));
}
/* uc_check.c: every index, count and bound of m (the .ucode reader and
   uc_cpu_new call it). Returns 0, or -1 with a message in err. */
int uc_machine_check(const UcMachine *m, char *err, size_t errsize);
/* One line of the micro-word listing, e.g. "ADD   t3 = t1 + t2 w32". */
int uc_format_word(const UcMachine *m, const UcWord *w, char *buf, size_t size);

#endif
