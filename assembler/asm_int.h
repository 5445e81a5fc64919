/* asm_int.h — the assembler's private model, shared by the files of assembler/.
 *
 * One assembly is an Asm: the source cards read once, split into statements
 * (HLASM card layout: name from column 1, continuation in 72, continued on
 * 16, sequence 73-80), the symbol table, the control sections, the USING
 * table and the diagnostics. Pass 1 assigns locations and defines symbols;
 * pass 2 evaluates operands and writes the bytes into the image. Everything
 * about an instruction set comes from the UcMachine.
 */
#ifndef ASM_INT_H
#define ASM_INT_H

#include <stdint.h>
#include <stdio.h>
#include "asm.h"

/* ---- messages: HLASM numbers and severities (Programmer's Guide, appendix
   "Assembler messages"); one row per message ---- */
#define ASM_MESSAGES(X) \
    X(ASMA028E, 8,  "Invalid displacement") \
    X(ASMA029E, 8,  "Incorrect register specification") \
    X(ASMA030E, 8,  "Invalid literal usage") \
    X(ASMA031E, 8,  "Invalid immediate or mask field") \
    X(ASMA032E, 8,  "Relocatable value or unresolved symbol found when absolute value required") \
    X(ASMA034E, 8,  "Operand beyond active USING range") \
    X(ASMA035S, 12, "Invalid delimiter") \
    X(ASMA039S, 12, "Location counter error") \
    X(ASMA040S, 12, "Missing operand") \
    X(ASMA041E, 8,  "Term expected; text is unclassifiable") \
    X(ASMA043E, 8,  "Previously defined symbol") \
    X(ASMA044E, 8,  "Undefined symbol") \
    X(ASMA045W, 4,  "Register or label not previously used") \
    X(ASMA047E, 8,  "Severity code too large") \
    X(ASMA057E, 8,  "Undefined operation code") \
    X(ASMA062E, 8,  "Illegal operand format") \
    X(ASMA063E, 8,  "No ending apostrophe") \
    X(ASMA065E, 8,  "Unknown type") \
    X(ASMA066W, 4,  "2-byte relocatable address constant") \
    X(ASMA067S, 12, "Illegal duplication factor") \
    X(ASMA068S, 12, "Length error") \
    X(ASMA072E, 8,  "Data item too large") \
    X(ASMA073E, 8,  "Precision lost") \
    X(ASMA074E, 8,  "Illegal syntax in expression") \
    X(ASMA075E, 8,  "Arithmetic overflow") \
    X(ASMA078E, 8,  "Operand expression complexly relocatable") \
    X(ASMA080E, 8,  "Statement is unresolvable") \
    X(ASMA090E, 8,  "Excess right parenthesis") \
    X(ASMA140W, 4,  "END record missing") \
    X(ASMA142E, 8,  "Operation code not complete on first record") \
    X(ASMA143E, 8,  "Bad character in name field") \
    X(ASMA144E, 8,  "Begin-to-continue columns not blank") \
    X(ASMA145E, 8,  "Operator, right parenthesis, or end-of-expression expected") \
    X(ASMA146E, 8,  "Self-defining term too long or value too large") \
    X(ASMA147E, 8,  "Symbol too long, or first character not a letter") \
    X(ASMA148E, 8,  "Self-defining term lacks ending quote or has bad character") \
    X(ASMA165W, 4,  "Unexpected name field") \
    X(ASMA254I, 0,  "*** MNOTE ***") \
    X(ASMA003E, 8,  "Undeclared variable symbol") \
    X(ASMA017W, 4,  "Undefined keyword parameter; default to positional, including keyword") \
    X(ASMA259E, 8,  "ACTR counter exceeded") \
    X(ASMA018S, 12, "COPY code not found") \
    X(ASMA307E, 8,  "No active USING for operand")

typedef enum AsmMsgId {
#define X(id, sev, text) id,
    ASM_MESSAGES(X)
#undef X
    ASM_NMSGS
} AsmMsgId;

const char *asm_msg_id(int msg);
const char *asm_msg_text(int msg);
int asm_msg_severity(int msg);

/* A diagnostic about one statement: where in its logical text. */
typedef struct AsmDiag {
    uint32_t stmt;
    uint32_t seq;             /* order found */
    int32_t off;              /* offset in the statement's logical text, -1 none */
    uint16_t msg;
    int32_t card, col;        /* where, when not in the logical text (-1) */
    char detail[72];
} AsmDiag;

/* An error found while evaluating, before anyone decides to report it. */
typedef struct AsmErr {
    int msg;                  /* -1 none */
    int off;
    char detail[72];
} AsmErr;

/* ---- source ---- */
typedef struct AsmSeg {       /* logical text [off..] comes from card `card` at column col (0-based) */
    uint32_t off, card, col;
} AsmSeg;

enum { ASM_ST_BLANK, ASM_ST_COMMENT, ASM_ST_STMT };

typedef struct AsmStmt {
    uint32_t text;            /* offset in Asm.text of the logical text (NUL-terminated) */
    uint32_t card0, ncards;
    uint32_t seg0, nseg;
    int32_t name_off, op_off, opnd_off;     /* -1 none */
    int16_t name_len, op_len;
    int32_t opnd_len;
    uint8_t kind;             /* ASM_ST_* */
    uint8_t flagged;
    uint8_t generated;        /* by a macro: listed with '+', text not from cards */
    uint8_t unnumbered;       /* listed without a statement number (AREAD NOSTMT) */
    /* pass 1 */
    int32_t op;               /* asm_optable index, -1 unknown or none */
    int32_t sect;             /* section the statement is in, 0 none */
    int64_t loc;              /* location (section offset) of its first byte */
    uint32_t length;          /* bytes it takes */
    /* pass 2, for the listing */
    int64_t addr1, addr2;     /* -1 none */
    uint8_t show;             /* what the listing shows: ASM_SHOW_* */
    uint8_t nusing;           /* USING: registers, 4 bits each in using_regs */
    uint32_t using_regs;
} AsmStmt;

enum { ASM_SHOW_NONE, ASM_SHOW_LOC, ASM_SHOW_CODE, ASM_SHOW_DATA, ASM_SHOW_EQU,
       ASM_SHOW_USING, ASM_SHOW_SECT };

/* ---- symbols ---- */
typedef struct AsmSym {
    char *name;
    int32_t sect;             /* 0 absolute, else the section it is relative to;
                                 -1 complexly relocatable (EQU): terms in cx */
    int64_t value;            /* section offset (relocatable) or the value (for
                                 a complex one its absolute part) */
    int32_t *cx;              /* complex: ncx pairs (section, times it is added) */
    uint8_t ncx;
    uint32_t length;
    char type;                /* type attribute (T') */
    int32_t defstmt;          /* -1 not (yet) defined */
    uint32_t *refs;           /* statements referring to it (pass 2) */
    uint32_t nrefs, caprefs;
    int32_t next;             /* hash chain */
} AsmSym;

/* Kinds of external symbol dictionary entries (and section-like locations). */
enum { ASM_SK_CSECT, ASM_SK_DSECT, ASM_SK_COM, ASM_SK_ER, ASM_SK_WX };

typedef struct AsmSect {
    char *name;
    uint8_t kind;             /* ASM_SK_* */
    int32_t esdid;            /* in the object deck, 0 none (DSECT) */
    int64_t start;            /* address of offset 0 (fixed after pass 1) */
    int64_t loc;              /* location counter (offset) */
    int64_t high;             /* highest offset used + 1 */
    int32_t sym;              /* its symbol */
    uint32_t stmt;
} AsmSect;

/* An address constant the loader must relocate (an RLD item). */
typedef struct AsmReloc {
    int32_t psect;            /* section holding the constant */
    int64_t addr;             /* its address */
    int32_t rsect;            /* section or external symbol it refers to */
    uint8_t len;              /* 1..4 bytes */
    uint8_t vcon, neg;
} AsmReloc;

/* A literal: pooled at LTORG or at the end of the first control section. */
typedef struct AsmLit {
    char *text;               /* the constant after '=' */
    int32_t pool;             /* which pool (LTORGs seen before its use) */
    int32_t sect;             /* where it is placed, 0 not yet */
    int64_t loc;
    uint32_t len;
    uint32_t stmt;            /* the LTORG or END it is listed after */
    uint32_t *refs;           /* statements referring to it (pass 2) */
    uint32_t nrefs, caprefs;
} AsmLit;

/* ---- values of expressions ---- */
#define ASM_MAXREL 16
typedef struct AsmValue {
    int64_t v;                /* for a relocatable value: the address */
    int32_t sect;             /* 0 absolute, >0 simply relocatable in that section, -1 complex */
    uint32_t len;             /* length attribute of the leftmost term */
    uint8_t undefined;        /* a symbol was not (yet) defined */
    /* the unpaired relocatable terms (for A- and Y-type constants, which take
       complexly relocatable values): section or external, and how many times
       it is added (negative: subtracted) */
    uint8_t literal;          /* a literal is one of its terms */
    uint8_t nrel;
    uint8_t rel_lost;         /* more distinct sections than ASM_MAXREL */
    int32_t rel_sect[ASM_MAXREL];
    int16_t rel_cnt[ASM_MAXREL];
} AsmValue;

/* ---- operation table: machine instructions, aliases, directives ---- */
#define ASM_DIRECTIVES(X) \
    X(CSECT) X(START) X(END) X(EQU) X(DC) X(DS) X(ORG) X(USING) X(DROP) \
    X(TITLE) X(EJECT) X(SPACE) X(PRINT) X(DSECT) X(COM) X(ENTRY) X(EXTRN) \
    X(WXTRN) X(LTORG) X(CNOP) X(PUSH) X(POP) X(OPSYN) X(COPY) X(ICTL) X(MNOTE)

enum {
#define X(n) ASM_D_##n,
    ASM_DIRECTIVES(X)
#undef X
    ASM_NDIRECTIVES
};

enum { ASM_OP_INSN, ASM_OP_ALIAS, ASM_OP_DIRECTIVE, ASM_OP_DELETED };

typedef struct AsmOp {
    char *name;
    uint8_t kind;
    int32_t index;            /* insn, alias or directive */
    int32_t next;
    int32_t alt;              /* another instruction of the same mnemonic (XDUMP), -1 */
} AsmOp;

/* A mode's syntax form, compiled from its template. */
typedef struct AsmItem {
    int8_t param;             /* -1 literal text */
    char lit;                 /* the literal character */
    int32_t add;              /* {p+N}: written = field + add */
    char style;               /* 0 decimal, 'x' hex, 'c' character */
} AsmItem;

typedef struct AsmForm {
    uint32_t nitems;
    AsmItem *items;
    uint32_t params;          /* bit set of the parameters it writes */
    int implicit;             /* ADDRESS mode, displacement written without base: resolved through USING */
    const UcModeForm *uc;     /* NULL for a form the assembler adds */
} AsmForm;

typedef struct AsmModeInfo {
    uint32_t nforms;          /* the written forms, then the added implicit ones */
    uint32_t nwritten;
    AsmForm *forms;
    int32_t add[UC_MAX_MODE_PARAMS];   /* {p+N} of each parameter as written */
} AsmModeInfo;

typedef struct AsmUsing {
    int64_t base;             /* address */
    int32_t sect;
    uint8_t active;
    uint32_t stmt;
} AsmUsing;

#define ASM_NREGS 64          /* base register numbers we can track */

typedef struct Asm {
    const UcMachine *m;
    const AsmOptions *opt;
    const char *path;
    int charset;
    /* source */
    char *src;                /* the file, tabs expanded, lines NUL-terminated */
    size_t nsrc;
    char **cards; uint32_t ncards, capcards;
    char **files; uint32_t nfiles;                 /* [0] the source, then COPY members */
    uint32_t *card_file, *card_line; uint32_t capcardinfo, capcardline;
    uint32_t *copy_missing; uint32_t ncopy_missing;
    char *text; uint32_t ntext, captext;           /* logical texts */
    AsmSeg *segs; uint32_t nsegs, capsegs;
    AsmStmt *stmts; uint32_t nstmts, capstmts;
    /* symbols */
    AsmSym *syms; uint32_t nsyms, capsyms;
    int32_t *symhash; uint32_t symhsize;
    AsmSect *sects; uint32_t nsects;               /* [0] unused */
    /* operations */
    AsmOp *ops; uint32_t nops;
    int32_t *ophash; uint32_t ophsize;
    AsmModeInfo *modes;
    uint32_t unit_bytes, unit_bits;
    /* pass state */
    int pass;
    uint32_t cur;             /* statement being processed */
    int32_t cursect;
    int64_t cur_loc;          /* location of the current statement (offset) */
    uint32_t cur_len;
    AsmUsing usings[ASM_NREGS];
    int using_step;           /* span of one base register (4096 on S/360) */
    int64_t entry; int has_entry;
    int ended;
    /* externals, literals, relocation */
    int32_t *entries; uint32_t nentries;          /* ENTRY symbols */
    AsmLit *lits; uint32_t nlits, caplits;
    int32_t *lithash; uint32_t lithsize;           /* (pool, text) -> literal */
    int32_t pool_first_pool; uint32_t pool_from;   /* the first literal of pool pool_first_pool */
    int32_t litpool;          /* pools closed by LTORG so far */
    int32_t first_csect;
    AsmReloc *relocs; uint32_t nrelocs, caprelocs;
    int object;               /* assembling for an object deck: externals stay 0 */
    /* PUSH/POP */
    AsmUsing using_stack[4][ASM_NREGS]; int nusing_stack;
    /* image */
    int64_t img_origin, img_end;
    uint8_t *img;
    /* diagnostics */
    AsmDiag *diags; uint32_t ndiags, capdiags;
    int maxsev;
    int nflagged;
} Asm;

/* asm_source.c */
int asm_read_source(Asm *a, const char *path, FILE *diag);
const char *asm_stmt_text(const Asm *a, const AsmStmt *s);
void asm_locate(const Asm *a, const AsmStmt *s, int off, uint32_t *card, uint32_t *col);

int asm_append_text(Asm *a, const char *s, size_t n);
int asm_add_seg(Asm *a, uint32_t off, uint32_t card, uint32_t col);
void asm_split_fields(Asm *a, AsmStmt *s);

/* asm_macro.c: macro definitions and calls, conditional assembly; replaces
   the statements by those to assemble (generated ones marked). */
int asm_macro_pass(Asm *a);

/* asm_symtab.c */
int32_t asm_sym_find(const Asm *a, const char *name, size_t len);
int32_t asm_sym_intern(Asm *a, const char *name, size_t len);
void asm_sym_ref(Asm *a, int32_t sym, uint32_t stmt);
int64_t asm_sym_value(const Asm *a, const AsmSym *s);   /* its address or value */
void asm_lit_ref(Asm *a, int32_t lit, uint32_t stmt);
int asm_is_symchar(int c);
int asm_is_symstart(int c);

/* asm_expr.c: parse and evaluate the expression at text+*pos. Returns 0 ok,
   1 when the text is no expression (nothing consumed worth reporting), 2 when
   it is one but has an error (in *err). */
int asm_expr(Asm *a, const char *text, int *pos, AsmValue *out, AsmErr *err);
int asm_self_defining(Asm *a, const char *text, int *pos, int64_t *val, AsmErr *err);
int64_t asm_sect_offset(const Asm *a, const AsmValue *v);

/* asm_diag.c */
void asm_error(Asm *a, int off, int msg, const char *detail);
void asm_error_card(Asm *a, uint32_t card, uint32_t col, int msg);
void asm_report_err(Asm *a, const AsmErr *e);
void asm_set_err(AsmErr *e, int msg, int off, const char *detail, int dlen);
void asm_print_diags(Asm *a, FILE *diag);

/* asm_optable.c */
int asm_build_optable(Asm *a);
int32_t asm_find_op(const Asm *a, const char *name, size_t len);
int asm_opsyn(Asm *a, const char *name, size_t len, int32_t op);
int32_t asm_pick_overload(const Asm *a, int32_t op, int noperands);
void asm_free_optable(Asm *a);

/* asm_operand.c */
int asm_insn_operands(Asm *a, const AsmOp *op, const char *text, int off, int len,
                      uint64_t *value, int64_t *addr1, int64_t *addr2);
uint32_t asm_insn_length(const Asm *a, const AsmOp *op);
int asm_split_operands(const char *s, int off, int len, int *starts, int *lens, int max);
int asm_scan_operand_field(const char *s, int off);

/* asm_data.c: DC/DS. In pass 1 only the length and alignment. */
int asm_data(Asm *a, int is_dc, const char *text, int off, int len, int64_t *loc,
             uint32_t *length, uint32_t *symlen);

int asm_literal_end(const char *s, int p);
char asm_type_attr(Asm *a, const AsmStmt *s, uint32_t *length);
int32_t asm_lit_find(const Asm *a, const char *text, size_t len);   /* in the open pool */
int asm_literal_size(Asm *a, const char *text, uint32_t *len, int *align);

/* asm_decimal.c: decimal numbers (sign, digits, point, exponent) to binary
   fixed point and hexadecimal floating point, integer arithmetic only.
   Return 0, or an ASMA message number. */
int asm_dec_fixed(const char *v, int l, int exp_mod, int scale, int len, uint8_t *out);
int asm_dec_float(const char *v, int l, int exp_mod, int scale, int len, uint8_t *out);

/* asm_object.c: the object deck */
int asm_write_object(Asm *a, FILE *out);
void asm_add_reloc(Asm *a, int32_t psect, int64_t addr, int32_t rsect, int len, int vcon, int neg);
int32_t asm_find_extern(const Asm *a, const char *name, size_t len);
int32_t asm_add_extern(Asm *a, const char *name, size_t len, int kind);
void asm_assign_esdids(Asm *a);
int asm_esd_type(const Asm *a, int32_t sect);
uint8_t asm_rld_flag(const AsmReloc *r);
void asm_sort_relocs(Asm *a);

/* asm_disasm.c: the shortest instruction, in units */
unsigned asm_dis_min_length(const UcMachine *m);

/* asm_listing.c */
void asm_write_listing(Asm *a, FILE *out);

/* asm_assemble.c */
void asm_put_bytes(Asm *a, int64_t addr, const uint8_t *b, uint32_t n);
int asm_charset_code(const Asm *a, unsigned char host);

#endif
