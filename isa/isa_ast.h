/* isa_ast.h — the syntax tree of a machine description (isa/LANGUAGE.md),
 * private to isa/. The parser (isa_parse.y) builds it in an arena owned by
 * the compilation (IsaCtx); the checker and the lowering read it.
 */
#ifndef ISA_AST_H
#define ISA_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A source position: file index into the compilation's files, 1-based line
   and column. */
typedef struct IsaLoc {
    int file, line, col;
} IsaLoc;

/* A number token: value and, for 0b literals, the digit count as a width. */
typedef struct IsaNum {
    uint64_t v;
    int width;
} IsaNum;

typedef enum IsaExprKind {
    E_NUM,        /* num, width (0 = unsized) */
    E_NAME,       /* name */
    E_INDEX,      /* a[b] */
    E_SLICE,      /* a[b..c] */
    E_MEMBER,     /* a.name */
    E_CALL,       /* name(args) — builtin, func, helper, mode */
    E_UCALL,      /* call name(args) */
    E_UNOP,       /* op a */
    E_BINOP,      /* a op b */
    E_COND,       /* a ? b : c */
    E_ACCESS,     /* a with storage suffixes: align(b) access(name) nokey last(n) onfault */
} IsaExprKind;

enum { ISA_ACC_DEFAULT = -1 };

typedef struct IsaExpr IsaExpr;
struct IsaExpr {
    int kind;
    int op;               /* token code for UNOP/BINOP */
    IsaLoc loc;
    uint64_t num;
    int width;            /* E_NUM: explicit width (0b literals), else 0 */
    const char *name;
    IsaExpr *a, *b, *c;
    IsaExpr **args;       /* E_CALL/E_UCALL */
    int nargs;
    int depth;            /* nesting depth, bounded by the parser */
    int is_char;          /* E_NUM: a 'c' literal, converted by the machine's charset */
    /* E_ACCESS */
    int access;           /* UC_F_FETCH/STORE/IFETCH, or ISA_ACC_DEFAULT */
    int nokey;
    IsaExpr *align;
    IsaExpr *last;        /* `last(n)`: a store of the last n units alone */
    int consumed;         /* E_ACCESS taken by `probe ... len n access(x)` */
    struct IsaStmt *onfault;  /* E_ACCESS: `onfault { ... }`, run when the access would fault */
};

typedef enum IsaStmtKind {
    S_LET, S_ASSIGN, S_IF, S_WHILE, S_FOR, S_RAISE, S_STOP, S_ENDOP,
    S_DISPATCH, S_EXECUTE, S_PROBE, S_EXPR, S_RETURN, S_BREAK, S_CONTINUE,
    S_BLOCK,
} IsaStmtKind;

typedef struct IsaStmt IsaStmt;
struct IsaStmt {
    int kind;
    IsaLoc loc;
    const char *name;     /* LET local, RAISE/STOP reason, FOR variable, PROBE space */
    int width;            /* LET: declared width or 0 */
    IsaExpr *a, *b, *c;   /* LET/ASSIGN: a = b; IF/WHILE: cond a; FOR: a..b;
                             PROBE: addr a, len b; RAISE: args */
    IsaExpr **args; int nargs;
    int inclusive;        /* FOR ..= */
    int access;           /* PROBE */
    IsaStmt *body, *els;  /* IF/WHILE/FOR; BLOCK: body list */
    IsaStmt *next;        /* next statement in a list */
    IsaLoc end;           /* BLOCK: the closing brace */
};

/* Parameter of a mode, micro, func, interrupt, helper. */
typedef struct IsaParam {
    const char *name;
    int width;            /* 0 = unspecified */
    int is_signed;
    IsaLoc loc;
} IsaParam;

typedef struct IsaNamedRange {   /* "CC 34..35", "A 4", format field "r1:4" */
    const char *name;
    int lo, hi;           /* as written; for format fields lo = width */
    int is_signed;
    IsaLoc loc;
} IsaNamedRange;

typedef struct IsaFault {
    const char *kind;     /* addressing, alignment, protection, fetchprot */
    const char *target;   /* interrupt name */
    IsaExpr *code;
    IsaLoc loc;
} IsaFault;

typedef struct IsaModeForm {
    const char *tmpl;
    IsaLoc loc;
    int ncond;
    const char *cond_name[4];
    IsaExpr *cond_value[4];
} IsaModeForm;

typedef struct IsaFixed {        /* op=0x1A in an insn or alias */
    const char *field;
    IsaExpr *value;
    int from_family;             /* alias: {cond} */
    IsaLoc loc;
} IsaFixed;

typedef struct IsaAliasMember {
    const char *suffix;
    IsaExpr *value;
    IsaLoc loc;
} IsaAliasMember;

typedef struct IsaVariant {      /* one length of a varformat */
    int length;
    IsaNamedRange *fields; int nfields;
    IsaLoc loc;
} IsaVariant;

typedef enum IsaDeclKind {
    D_MACHINE, D_EXTEND, D_SPACE, D_KEYS, D_REGFILE, D_REG, D_UREG, D_CONST,
    D_LOWCORE, D_TABLE, D_FORMAT, D_VARFORMAT, D_DECODE, D_MODE, D_FUNC,
    D_MICRO, D_INSN, D_ALIAS, D_FAMILY, D_FETCH, D_RESET, D_BOUNDARY, D_INVALID,
    D_INTERRUPT, D_HELPER, D_STOP,
} IsaDeclKind;

typedef struct IsaDecl IsaDecl;
struct IsaDecl {
    int kind;
    int replace;
    IsaLoc loc;
    const char *name;
    const char *str;              /* title, stop message, extend path, insn syntax */
    /* machine */
    const char *bitorder, *endian, *charset;
    int addr_bits, wrap_size, have_addr;
    /* widths and counts */
    int width;                    /* bits(n), format width, unit bits, result width */
    IsaExpr *count;               /* regfile count, table... */
    IsaExpr **list; int nlist;    /* numbered {..}, table values, sizes, decode parts (as names) */
    IsaNamedRange *ranges; int nranges;   /* reg fields, cell subfields, format fields */
    int is_cell;
    IsaExpr *size_lo, *size_hi, *size_default;
    IsaFault *faults; int nfaults;
    /* keys */
    IsaExpr *key_block;
    const char *key_space, *key_item, *key_field;
    IsaExpr *fetchprot;
    /* varformat */
    const char *delim, *value_sub;
    int max_len;
    IsaVariant *variants; int nvariants;
    /* decode: names in `parts` */
    const char **parts; int nparts; IsaLoc *part_locs;
    /* mode / func / micro / interrupt / helper params */
    IsaParam *params; int nparams;
    const char *addr_disp, *addr_base, *index_name, *length_name, *inverse;
    IsaModeForm *forms; int nforms;
    IsaExpr *ea, *value;          /* mode; func expression body in ea */
    int has_result;               /* helper -> bits(n) */
    /* insn */
    const char *format;
    IsaExpr **lens; int nlens;
    IsaFixed *fixed; int nfixed;
    IsaLoc syntax_loc;
    const char **attrs; IsaLoc *attr_locs; int nattrs;
    IsaStmt *body;                /* sem / micro / routine / block func */
    IsaLoc body_loc;
    const char *body_text;        /* semantics as written (for --doc) */
    /* alias */
    const char *prefix, *family_var, *suffix, *base;
    IsaAliasMember *members; int nmembers;
    int prefer;
    IsaDecl *next;
};

/* ---- the compilation ---- */

typedef struct IsaFile {
    char *name;
    char *text;
    size_t len;
} IsaFile;

typedef struct IsaArena IsaArena;

typedef struct IsaCtx {
    FILE *diag;
    int nerrors, nwarnings;
    int max_errors;
    IsaFile *files; int nfiles;
    IsaArena *arena;
    IsaDecl *decls, **tail;       /* all declarations in order */
    int extend_depth;
    int cur_file;                 /* while parsing */
    int bracket_depth;            /* lexer: ( [ { nesting */
    int too_deep;                 /* the parser gave up on nesting */
    IsaDecl *parse_decl;          /* parser: the declaration being built */
    uint64_t seen[512]; int nseen; /* diagnostics already shown */
} IsaCtx;

#define ISA_MAX_DEPTH 200         /* expression / statement nesting */

/* isa_ast.c */
void *isa_alloc(IsaCtx *c, size_t size);
char *isa_strdup(IsaCtx *c, const char *s);
char *isa_strndup(IsaCtx *c, const char *s, size_t n);
void isa_arena_free(IsaArena *a);
IsaExpr *isa_expr(IsaCtx *c, int kind, IsaLoc loc);
IsaStmt *isa_stmt(IsaCtx *c, int kind, IsaLoc loc);
IsaDecl *isa_decl(IsaCtx *c, int kind, IsaLoc loc);
/* Append x (size elem) to a growing arena array *arr of *n elements. */
void isa_push(IsaCtx *c, void *arrp, int *n, const void *x, size_t elem);
void isa_add_decl(IsaCtx *c, IsaDecl *d);
char *isa_source_slice(IsaCtx *c, IsaLoc from, IsaLoc to);

/* isa_diag.c */
#if defined(__GNUC__)
#define ISA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ISA_PRINTF(f, a)
#endif
void isa_error(IsaCtx *c, IsaLoc loc, const char *fmt, ...) ISA_PRINTF(3, 4);
void isa_warning(IsaCtx *c, IsaLoc loc, const char *fmt, ...) ISA_PRINTF(3, 4);
void isa_note(IsaCtx *c, IsaLoc loc, const char *fmt, ...) ISA_PRINTF(3, 4);
int isa_add_file(IsaCtx *c, const char *name, const char *text, size_t len);

/* isa_parse.y: parse one file (already added) into c->decls. */
int isa_parse_file(IsaCtx *c, int file);

/* isa_main.c: compile keeping the context (for --doc); free it after. */
struct UcMachine;
struct UcMachine *isa_compile_ctx(IsaCtx *c, const char *name, const char *text, size_t len, FILE *diag);
void isa_ctx_free(IsaCtx *c);
/* isa_doc.c */
void isa_write_doc(IsaCtx *c, const struct UcMachine *m, FILE *out);

#endif
