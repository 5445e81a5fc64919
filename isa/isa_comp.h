/* isa_comp.h — the checker and lowering of isac, private to isa/: the
 * symbol table of a description, the per-declaration facts the checker
 * derives, and the micro-word buffers the lowering fills (isa_lower.c) and
 * lays out into the control store (isa_build.c).
 */
#ifndef ISA_COMP_H
#define ISA_COMP_H

#include "isa_ast.h"
#include "../microcode/uc_machine.h"

typedef enum IsaSymKind {
    K_NONE, K_SPACE, K_KEYS, K_ITEM, K_UREG, K_CONST, K_TABLE, K_FORMAT,
    K_VARFORMAT, K_MODE, K_FUNC, K_MICRO, K_INTERRUPT, K_HELPER, K_STOP,
} IsaSymKind;

typedef struct IsaSym {
    const char *name;
    int kind;
    int index;               /* into the UcMachine array of that kind, or decl list */
    IsaDecl *decl;
} IsaSym;

typedef struct IsaFixup {    /* a micro-word whose target is a label or routine */
    uint32_t word;
    int label;               /* >= 0: local label */
    int routine;             /* >= 0: entry of a global routine (IsaRoutineBuf) */
} IsaFixup;

/* One routine lowered into its own buffer; laid out at the end. */
typedef struct IsaRoutineBuf {
    char *name;
    UcWord *words; UcDebugLine *debug;
    uint32_t nwords, cap;
    IsaFixup *fix; uint32_t nfix, fixcap;
    uint32_t *labels; uint32_t nlabels, labcap;
    uint32_t base;           /* control-store address after layout */
    int kind;                /* order in the control store */
} IsaRoutineBuf;

enum { RT_FETCH, RT_INSN, RT_INVALID, RT_INTERRUPT, RT_RESET, RT_BOUNDARY, RT_MICRO };

typedef struct IsaMicro {    /* a `micro` subroutine */
    IsaDecl *decl;
    int state;               /* 0 not lowered, 1 lowering, 2 done */
    int routine;             /* IsaRoutineBuf index */
    int param_reg[UC_MAX_HELPER_ARGS];
    int param_width[UC_MAX_HELPER_ARGS];
    int result_reg, result_width;
    int low;                 /* lowest micro-register it (or its callees) uses */
} IsaMicro;

typedef struct IsaInsnInfo {
    IsaDecl *decl;
    int insn;                /* UcInsn index */
    int nformats;            /* 1, or one per varformat length */
    int formats[16];         /* UcFormat index per length */
    int lengths[16];
    int operand_mode[UC_MAX_OPERANDS];
    struct IsaCand { uint64_t mask, match; int format; uint32_t entry; } *var;
    int nvar;                /* dispatch candidates, most specific first */
} IsaInsnInfo;

typedef struct IsaComp {
    IsaCtx *c;
    UcMachine *m;
    IsaSym *syms; uint32_t nsyms, symcap;    /* open hash */
    int msb0;
    int charset;             /* emu charset code, -1 none */
    IsaDecl *machine, *decode, *fetch, *reset, *boundary, *invalid;
    IsaDecl **insn_decls; int ninsn_decls;
    IsaInsnInfo *insns; int ninsns;
    IsaDecl **alias_decls; int nalias_decls;
    IsaDecl **varformats; int nvarformats;
    int *varformat_first;    /* per varformat: first UcFormat index */
    IsaMicro *micros; int nmicros;
    IsaDecl **interrupt_decls;
    IsaRoutineBuf *rt; int nrt, rtcap;
    int interrupt_rt[256];
    int field_ureg_first;    /* format fields are bound from here */
    int temp_base;           /* first free micro-register for temporaries */
    int ureg_width[UC_NUREGS];
    int key_is_length;       /* decode key op, length */
    int key_len_bits;
    int eval_depth;
    IsaDecl **decls; int ndecls;     /* resolved, in source order */
} IsaComp;

#define ISA_ZERO_UREG 0      /* never written: reads as 0 (state index 0) */

/* isa_check.c */
IsaSym *isa_sym_find(IsaComp *k, const char *name);
int isa_const_eval(IsaComp *k, IsaExpr *e, uint64_t *out);
char *isa_xstrdup(const char *s);
int isa_format_field(const UcFormat *f, const char *name);
uint64_t isa_char_code(IsaComp *k, uint64_t host);

/* isa_lower.c */
int isa_lower_all(IsaComp *k);

/* isa_decode.c */
int isa_build_dispatch(IsaComp *k);

#endif
