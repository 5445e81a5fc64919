/* isa_parse.y — the grammar of the description language (isa/LANGUAGE.md).
 *
 * A pure parser with locations; all state is in the IsaCtx passed as a
 * parse parameter, and every node lives in the compilation's arena, so error
 * recovery (per declaration and per statement, with `error ';'` and
 * `error '}'`) never leaks. Most keywords are reserved only where they are
 * used: `ident` accepts them as names elsewhere.
 */
%define api.pure full
%define api.prefix {isa_yy}
%define api.location.type {IsaLoc}
%define parse.error detailed
%locations
%expect 0
%parse-param {IsaCtx *ctx} {void *scanner}
%lex-param {void *scanner}

%code requires {
#include "isa/isa_ast.h"
typedef struct IsaExprVec { IsaExpr **v; int n; } IsaExprVec;
typedef struct IsaParamVec { IsaParam *v; int n; } IsaParamVec;
typedef struct IsaRangeVec { IsaNamedRange *v; int n; } IsaRangeVec;
typedef struct IsaNameVec { const char **v; IsaLoc *loc; int n; } IsaNameVec;
}

%code provides {
int isa_yylex(ISA_YYSTYPE *yylval, IsaLoc *yylloc, void *scanner);
int isa_keyword(const char *s);
#define YYLLOC_DEFAULT(Cur, Rhs, N) \
    do { if (N) (Cur) = YYRHSLOC(Rhs, 1); else (Cur) = YYRHSLOC(Rhs, 0); } while (0)
}

%code {
#include <stdlib.h>
#include <string.h>
static void isa_yyerror(IsaLoc *loc, IsaCtx *ctx, void *scanner, const char *msg);
static IsaExpr *bin(IsaCtx *c, int op, IsaExpr *a, IsaExpr *b, IsaLoc loc);
static IsaExpr *un(IsaCtx *c, int op, IsaExpr *a, IsaLoc loc);
static IsaExpr *bound(IsaCtx *c, IsaExpr *e);
static void push_expr(IsaCtx *c, IsaExprVec *v, IsaExpr *e);
static IsaDecl *cur_decl(IsaCtx *c, int kind, IsaLoc loc);
/* The declaration being built (modes, spaces, insns collect items into it). */
#define building (ctx->parse_decl)
}

%union {
    IsaNum num;
    char *str;
    IsaExpr *expr;
    IsaStmt *stmt;
    IsaDecl *decl;
    IsaExprVec ev;
    IsaParamVec pv;
    IsaRangeVec rv;
    IsaNameVec nv;
    IsaParam param;
    IsaNamedRange range;
    int ival;
}

%destructor { (void)$$; /* arena-owned: freed with the compilation */ } <*>

%token <num> NUM "number" CHARLIT "character literal"
%token <str> IDENT "name" STRING "string"
%token ERROR_TOKEN "invalid token"
%token DOTDOT ".." DOTDOTEQ "..=" EQEQ "==" NE "!=" LE "<=" GE ">=" SHL "<<" SHR ">>"
%token ANDAND "&&" OROR "||" ARROW "->"
/* hard keywords (statements) */
%token KW_LET "'let'" KW_IF "'if'" KW_ELSE "'else'" KW_WHILE "'while'" KW_FOR "'for'"
%token KW_RAISE "'raise'" KW_STOP "'stop'" KW_ENDOP "'endop'" KW_RETURN "'return'"
%token KW_BREAK "'break'" KW_CONTINUE "'continue'" KW_CALL "'call'"
%token KW_DISPATCH "'dispatch'" KW_EXECUTE "'execute'" KW_PROBE "'probe'"
/* soft keywords (also names) */
%token KW_MACHINE "'machine'" KW_EXTEND "'extend'" KW_REPLACE "'replace'"
%token KW_BITORDER "'bitorder'" KW_ENDIAN "'endian'" KW_ADDR "'addr'" KW_WRAP "'wrap'"
%token KW_SIZE "'size'" KW_CHARSET "'charset'" KW_SPACE "'space'" KW_UNIT "'unit'"
%token KW_CELL "'cell'" KW_SIZES "'sizes'" KW_DEFAULT "'default'" KW_FAULTS "'faults'"
%token KW_KEYS "'keys'" KW_BITS "'bits'" KW_PER "'per'" KW_OF "'of'" KW_USING "'using'"
%token KW_FETCHPROT "'fetchprot'" KW_REGFILE "'regfile'" KW_REG "'reg'" KW_UREG "'ureg'"
%token KW_NUMBERED "'numbered'" KW_CONST "'const'" KW_LOWCORE "'lowcore'"
%token KW_TABLE "'table'" KW_FORMAT "'format'" KW_SIGNED "'signed'"
%token KW_VARFORMAT "'varformat'" KW_DELIMITED_BY "'delimited_by'" KW_VALUE "'value'"
%token KW_MAX "'max'" KW_DECODE "'decode'" KW_KEY "'key'" KW_MODE "'mode'"
%token KW_SYNTAX "'syntax'" KW_WHEN "'when'" KW_ADDRESS "'address'" KW_INDEX "'index'"
%token KW_LENGTH "'length'" KW_INVERSE "'inverse'" KW_EA "'ea'" KW_INSN "'insn'"
%token KW_LEN "'len'" KW_ATTRS "'attrs'" KW_SEM "'sem'" KW_MICRO "'micro'"
%token KW_ALIAS "'alias'" KW_FAMILY "'family'" KW_PREFER "'prefer'" KW_FETCH "'fetch'"
%token KW_BOUNDARY "'boundary'" KW_RESET "'reset'" KW_INVALID "'invalid'" KW_INTERRUPT "'interrupt'"
%token KW_FUNC "'func'" KW_HELPER "'helper'" KW_IN "'in'" KW_ALIGN "'align'"
%token KW_ACCESS "'access'" KW_NOKEY "'nokey'" KW_ONFAULT "'onfault'" KW_LAST "'last'"

%type <str> ident soft_kw opt_ident
%type <expr> expr postfix primary fixval
%type <ev> exprs opt_exprs
%type <pv> params opt_params
%type <param> param
%type <rv> ranges fmt_fields
%type <range> range fmt_field
%type <nv> names
%type <expr> opt_fetchprot
%type <ev> opt_numbered
%type <stmt> block stmts stmt if_stmt
%type <decl> decl decl_body
%type <ival> opt_signed opt_prefer bits

%nonassoc NOT_SIGNED
%nonassoc KW_SIGNED
%right '?' ':'
%left OROR
%left ANDAND
%left '@'
%left '|'
%left '^'
%left '&'
%left EQEQ NE
%left '<' LE '>' GE
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%right UNARY

%%

file
    : %empty
    | file decl                 { isa_add_decl(ctx, $2); }
    ;

decl
    : decl_body                 { $$ = $1; }
    | KW_REPLACE decl_body      { $$ = $2; if ($$) $$->replace = 1; }
    | error ';'                 { $$ = NULL; }
    | error '}'                 { $$ = NULL; }
    ;

opt_semi : %empty | ';' ;

bits
    : KW_BITS '(' NUM ')'       { $$ = $3.v > 64 ? 65 : (int)$3.v;
                                  if ($3.v < 1 || $3.v > 64) isa_error(ctx, @3, "a width must be 1..64 bits, not %llu", (unsigned long long)$3.v); }
    ;

decl_body
    : KW_MACHINE ident { building = cur_decl(ctx, D_MACHINE, @1); building->name = $2; }
      opt_string '{' machine_items '}' opt_semi       { $$ = building; }
    | KW_EXTEND STRING ';'      { $$ = cur_decl(ctx, D_EXTEND, @1); $$->str = $2; }
    | KW_SPACE ident ':' { building = cur_decl(ctx, D_SPACE, @1); building->name = $2; }
      space_items ';'           { $$ = building; }
    | KW_KEYS ident ':' bits KW_PER expr KW_OF ident KW_USING ident '.' ident opt_fetchprot ';'
                                { $$ = building = cur_decl(ctx, D_KEYS, @1); $$->name = $2; $$->width = $4;
                                  $$->key_block = $6; $$->key_space = $8; $$->key_item = $10; $$->key_field = $12;
                                  $$->fetchprot = $13; }
    | KW_REGFILE ident '[' expr ']' ':' bits opt_numbered ';'
                                { $$ = cur_decl(ctx, D_REGFILE, @1); $$->name = $2; $$->count = $4; $$->width = $7;
                                  $$->list = $8.v; $$->nlist = $8.n; }
    | KW_REG ident ':' bits ';' { $$ = cur_decl(ctx, D_REG, @1); $$->name = $2; $$->width = $4; }
    | KW_REG ident ':' bits '{' ranges '}' opt_semi
                                { $$ = cur_decl(ctx, D_REG, @1); $$->name = $2; $$->width = $4;
                                  $$->ranges = $6.v; $$->nranges = $6.n; }
    | KW_UREG ident ':' bits ';' { $$ = cur_decl(ctx, D_UREG, @1); $$->name = $2; $$->width = $4; }
    | KW_CONST ident '=' expr ';' { $$ = cur_decl(ctx, D_CONST, @1); $$->name = $2; $$->ea = $4; }
    | KW_LOWCORE '{' { building = cur_decl(ctx, D_LOWCORE, @1); } lowcore_items '}' opt_semi
                                { $$ = building; }
    | KW_TABLE ident ':' bits '=' '{' opt_exprs '}' ';'
                                { $$ = cur_decl(ctx, D_TABLE, @1); $$->name = $2; $$->width = $4;
                                  $$->list = $7.v; $$->nlist = $7.n; }
    | KW_FORMAT ident ':' NUM '{' fmt_fields '}' opt_semi
                                { $$ = cur_decl(ctx, D_FORMAT, @1); $$->name = $2;
                                  $$->width = $4.v > 64 ? 65 : (int)$4.v;
                                  $$->ranges = $6.v; $$->nranges = $6.n; }
    | KW_VARFORMAT ident KW_DELIMITED_BY ident KW_VALUE ident KW_MAX NUM
                                { building = cur_decl(ctx, D_VARFORMAT, @1); building->name = $2;
                                  building->delim = $4; building->value_sub = $6;
                                  building->max_len = $8.v > 64 ? 65 : (int)$8.v; }
      '{' variants '}' opt_semi { $$ = building; }
    | KW_DECODE KW_KEY { building = cur_decl(ctx, D_DECODE, @1); } key_parts ';'
                                { $$ = building; }
    | KW_MODE ident '(' opt_params ')'
                                { building = cur_decl(ctx, D_MODE, @1); building->name = $2;
                                  building->params = $4.v; building->nparams = $4.n; }
      mode_items ';'            { $$ = building; }
    | KW_FUNC ident '(' opt_params ')' '=' expr ';'
                                { $$ = cur_decl(ctx, D_FUNC, @1); $$->name = $2;
                                  $$->params = $4.v; $$->nparams = $4.n; $$->ea = $7; }
    | KW_FUNC ident '(' opt_params ')' block opt_semi
                                { $$ = cur_decl(ctx, D_FUNC, @1); $$->name = $2;
                                  $$->params = $4.v; $$->nparams = $4.n; $$->body = $6; $$->body_loc = @6; }
    | KW_MICRO ident '(' opt_params ')' block opt_semi
                                { $$ = cur_decl(ctx, D_MICRO, @1); $$->name = $2;
                                  $$->params = $4.v; $$->nparams = $4.n; $$->body = $6; $$->body_loc = @6; }
    | KW_INSN ident ':' ident   { building = cur_decl(ctx, D_INSN, @1); building->name = $2; building->format = $4; }
      insn_items insn_body      { $$ = building; }
    | KW_ALIAS ident '=' ident  { building = cur_decl(ctx, D_ALIAS, @1); building->name = $2; building->base = $4; }
      alias_fixed opt_prefer ';' { $$ = building; $$->prefer = $7; }
    | KW_ALIAS KW_FAMILY opt_ident '{' ident '}' opt_ident '=' ident
                                { building = cur_decl(ctx, D_FAMILY, @1); building->prefix = $3;
                                  building->family_var = $5; building->suffix = $7; building->base = $9;
                                  building->name = $3 ? $3 : ""; }
      alias_fixed '{' members '}' opt_prefer ';'
                                { $$ = building; $$->prefer = $15; }
    | KW_FETCH block opt_semi   { $$ = cur_decl(ctx, D_FETCH, @1); $$->name = "fetch"; $$->body = $2; $$->body_loc = @2; }
    | KW_RESET block opt_semi   { $$ = cur_decl(ctx, D_RESET, @1); $$->name = "reset"; $$->body = $2; $$->body_loc = @2; }
    | KW_BOUNDARY block opt_semi { $$ = cur_decl(ctx, D_BOUNDARY, @1); $$->name = "boundary"; $$->body = $2; $$->body_loc = @2; }
    | KW_INVALID block opt_semi { $$ = cur_decl(ctx, D_INVALID, @1); $$->name = "invalid"; $$->body = $2; $$->body_loc = @2; }
    | KW_INTERRUPT ident '(' opt_params ')' opt_micro block opt_semi
                                { $$ = cur_decl(ctx, D_INTERRUPT, @1); $$->name = $2;
                                  $$->params = $4.v; $$->nparams = $4.n; $$->body = $7; $$->body_loc = @7; }
    | KW_INTERRUPT ident opt_micro block opt_semi
                                { $$ = cur_decl(ctx, D_INTERRUPT, @1); $$->name = $2; $$->body = $4; $$->body_loc = @4; }
    | KW_HELPER ident '(' opt_params ')' ';'
                                { $$ = cur_decl(ctx, D_HELPER, @1); $$->name = $2; $$->params = $4.v; $$->nparams = $4.n; }
    | KW_HELPER ident '(' opt_params ')' ARROW bits ';'
                                { $$ = cur_decl(ctx, D_HELPER, @1); $$->name = $2; $$->params = $4.v; $$->nparams = $4.n;
                                  $$->has_result = 1; $$->width = $7; }
    | KW_STOP ident STRING ';'  { $$ = cur_decl(ctx, D_STOP, @1); $$->name = $2; $$->str = $3; }
    ;

opt_micro : %empty | KW_MICRO | KW_SEM ;
opt_string : %empty | STRING    { building->str = $1; } ;
opt_ident : %empty { $$ = NULL; } | ident { $$ = $1; } ;

machine_items
    : %empty
    | machine_items machine_item
    ;

machine_item
    : KW_BITORDER ident ';'     { building->bitorder = $2; }
    | KW_ENDIAN ident ';'       { building->endian = $2; }
    | KW_ADDR NUM ';'           { building->addr_bits = $2.v > 64 ? 65 : (int)$2.v; building->have_addr = 1; }
    | KW_ADDR NUM KW_WRAP ';'   { building->addr_bits = $2.v > 64 ? 65 : (int)$2.v; building->have_addr = 1; }
    | KW_ADDR NUM KW_WRAP KW_SIZE ';'
                                { building->addr_bits = $2.v > 64 ? 65 : (int)$2.v; building->have_addr = 1;
                                  building->wrap_size = 1; }
    | KW_CHARSET ident ';'      { building->charset = $2; }
    | error ';'
    ;

space_items
    : space_item
    | space_items space_item
    ;

space_item
    : KW_UNIT NUM               { building->width = $2.v > 64 ? 65 : (int)$2.v; }
    | KW_CELL '{' ranges '}'    { building->is_cell = 1; building->ranges = $3.v; building->nranges = $3.n; }
    | KW_SIZE expr DOTDOT expr  { building->size_lo = $2; building->size_hi = $4; }
    | KW_SIZES '{' exprs '}'    { building->list = $3.v; building->nlist = $3.n; }
    | KW_DEFAULT expr           { building->size_default = $2; }
    | KW_FAULTS '{' fault_items '}'
    ;

fault_items
    : %empty
    | fault_items ident ':' ident '(' expr ')' ';'
                                { IsaFault f = { $2, $4, $6, @2 };
                                  isa_push(ctx, &building->faults, &building->nfaults, &f, sizeof f); }
    | fault_items ident ':' ident ';'
                                { IsaFault f = { $2, $4, NULL, @2 };
                                  isa_push(ctx, &building->faults, &building->nfaults, &f, sizeof f); }
    ;

opt_fetchprot
    : %empty                    { $$ = NULL; }
    | KW_FETCHPROT expr         { $$ = $2; }
    ;

opt_numbered
    : %empty                    { $$.v = NULL; $$.n = 0; }
    | KW_NUMBERED '{' exprs '}' { $$ = $3; }
    ;

ranges
    : range                     { $$.v = NULL; $$.n = 0; isa_push(ctx, &$$.v, &$$.n, &$1, sizeof $1); }
    | ranges ';' range          { $$ = $1; isa_push(ctx, &$$.v, &$$.n, &$3, sizeof $3); }
    | ranges ';'                { $$ = $1; }
    ;

range
    : ident NUM                 { $$.name = $1; $$.lo = $$.hi = $2.v > 64 ? 65 : (int)$2.v; $$.loc = @1; $$.is_signed = 0; }
    | ident NUM DOTDOT NUM      { $$.name = $1; $$.lo = $2.v > 64 ? 65 : (int)$2.v; $$.hi = $4.v > 64 ? 65 : (int)$4.v;
                                  $$.loc = @1; $$.is_signed = 0; }
    ;

fmt_fields
    : %empty                    { $$.v = NULL; $$.n = 0; }
    | fmt_fields fmt_field      { $$ = $1; isa_push(ctx, &$$.v, &$$.n, &$2, sizeof $2); }
    ;

fmt_field
    : ident ':' NUM opt_signed  { $$.name = $1; $$.lo = $3.v > 64 ? 65 : (int)$3.v; $$.hi = 0;
                                  $$.is_signed = $4; $$.loc = @1; }
    ;

opt_signed : %empty %prec NOT_SIGNED { $$ = 0; } | KW_SIGNED { $$ = 1; } ;

variants
    : %empty
    | variants NUM ':' '{' fmt_fields '}'
                                { IsaVariant v = { $2.v > 64 ? 65 : (int)$2.v, $5.v, $5.n, @2 };
                                  isa_push(ctx, &building->variants, &building->nvariants, &v, sizeof v); }
    ;

key_parts
    : ident                     { isa_push(ctx, &building->parts, &building->nparts, &$1, sizeof(char *));
                                  building->nparts--; isa_push(ctx, &building->part_locs, &building->nparts, &@1, sizeof(IsaLoc)); }
    | key_parts ',' ident       { isa_push(ctx, &building->parts, &building->nparts, &$3, sizeof(char *));
                                  building->nparts--; isa_push(ctx, &building->part_locs, &building->nparts, &@3, sizeof(IsaLoc)); }
    ;

lowcore_items
    : %empty
    | lowcore_items ident '=' expr ';'
                                { IsaDecl *d = cur_decl(ctx, D_CONST, @2); d->name = $2; d->ea = $4; d->width = 1;
                                  isa_add_decl(ctx, d); }
    | lowcore_items error ';'
    ;

opt_params
    : %empty                    { $$.v = NULL; $$.n = 0; }
    | params                    { $$ = $1; }
    ;

params
    : param                     { $$.v = NULL; $$.n = 0; isa_push(ctx, &$$.v, &$$.n, &$1, sizeof $1); }
    | params ',' param          { $$ = $1; isa_push(ctx, &$$.v, &$$.n, &$3, sizeof $3); }
    ;

param
    : ident                     { $$.name = $1; $$.width = 0; $$.is_signed = 0; $$.loc = @1; }
    | ident ':' NUM opt_signed  { $$.name = $1; $$.width = $3.v > 64 ? 65 : (int)$3.v; $$.is_signed = $4; $$.loc = @1;
                                  if ($3.v < 1 || $3.v > 64) isa_error(ctx, @3, "a width must be 1..64 bits"); }
    | ident ':' bits            { $$.name = $1; $$.width = $3; $$.is_signed = 0; $$.loc = @1; }
    ;

mode_items
    : %empty
    | mode_items mode_item
    ;

mode_item
    : KW_ADDRESS '(' ident ',' ident ')'  { building->addr_disp = $3; building->addr_base = $5; }
    | KW_INDEX '(' ident ')'    { building->index_name = $3; }
    | KW_LENGTH '(' ident ')'   { building->length_name = $3; }
    | KW_INVERSE ident          { building->inverse = $2; }
    | KW_SYNTAX forms
    | KW_EA expr                { building->ea = $2; }
    | KW_VALUE expr             { building->value = $2; }
    ;

forms
    : form
    | forms '|' form
    ;

form
    : STRING                    { IsaModeForm f; memset(&f, 0, sizeof f); f.tmpl = $1; f.loc = @1;
                                  isa_push(ctx, &building->forms, &building->nforms, &f, sizeof f); }
    | STRING KW_WHEN { IsaModeForm f; memset(&f, 0, sizeof f); f.tmpl = $1; f.loc = @1;
                       isa_push(ctx, &building->forms, &building->nforms, &f, sizeof f); } conds
    ;

conds
    : cond
    | conds ANDAND cond
    ;

cond
    : ident EQEQ fixval         { IsaModeForm *f = &building->forms[building->nforms - 1];
                                  if (f->ncond >= 4) isa_error(ctx, @1, "at most 4 conditions in a syntax form");
                                  else { f->cond_name[f->ncond] = $1; f->cond_value[f->ncond] = $3; f->ncond++; } }
    ;

fixval
    : NUM                       { $$ = isa_expr(ctx, E_NUM, @1); $$->num = $1.v; $$->width = $1.width; }
    | CHARLIT                   { $$ = isa_expr(ctx, E_NUM, @1); $$->num = $1.v; $$->is_char = 1; }
    | ident                     { $$ = isa_expr(ctx, E_NAME, @1); $$->name = $1; }
    | '-' NUM                   { $$ = isa_expr(ctx, E_NUM, @1); $$->num = (uint64_t)0 - $2.v; }
    ;

insn_items
    : %empty
    | insn_items insn_item
    ;

insn_item
    : KW_LEN '{' exprs '}'      { building->lens = $3.v; building->nlens = $3.n; }
    | ident '=' fixval          { IsaFixed f = { $1, $3, 0, @1 };
                                  isa_push(ctx, &building->fixed, &building->nfixed, &f, sizeof f); }
    | KW_SYNTAX STRING          { building->str = $2; building->syntax_loc = @2; }
    | KW_ATTRS '(' names ')'    { building->attrs = $3.v; building->attr_locs = $3.loc; building->nattrs = $3.n; }
    | KW_ATTRS '(' ')'
    ;

insn_body
    : KW_SEM block opt_semi     { building->body = $2; building->body_loc = @2; }
    | KW_MICRO block opt_semi   { building->body = $2; building->body_loc = @2; }
    | ';'
    ;

names
    : ident                     { $$.v = NULL; $$.loc = NULL; $$.n = 0;
                                  isa_push(ctx, &$$.v, &$$.n, &$1, sizeof(char *)); $$.n--;
                                  isa_push(ctx, &$$.loc, &$$.n, &@1, sizeof(IsaLoc)); }
    | names ',' ident           { $$ = $1; isa_push(ctx, &$$.v, &$$.n, &$3, sizeof(char *)); $$.n--;
                                  isa_push(ctx, &$$.loc, &$$.n, &@3, sizeof(IsaLoc)); }
    ;

alias_fixed
    : %empty
    | alias_fixed ident '=' fixval
                                { IsaFixed f = { $2, $4, 0, @2 };
                                  isa_push(ctx, &building->fixed, &building->nfixed, &f, sizeof f); }
    | alias_fixed ident '=' '{' ident '}'
                                { IsaFixed f = { $2, NULL, 1, @2 };
                                  if (!building->family_var || strcmp($5, building->family_var) != 0)
                                      isa_error(ctx, @5, "'{%s}' is not the family's variable", $5);
                                  isa_push(ctx, &building->fixed, &building->nfixed, &f, sizeof f); }
    ;

members
    : member
    | members ',' member
    | members ','
    ;

member
    : STRING '=' fixval         { IsaAliasMember m = { $1, $3, @1 };
                                  isa_push(ctx, &building->members, &building->nmembers, &m, sizeof m); }
    ;

opt_prefer : %empty { $$ = 0; } | KW_PREFER { $$ = 1; } ;

/* ---- statements ---- */

block
    : '{' stmts '}'             { $$ = isa_stmt(ctx, S_BLOCK, @1); $$->end = @3;
                                  /* stmts is built last-first; put it in order */
                                  IsaStmt *r = NULL, *p = $2;
                                  while (p) { IsaStmt *n = p->next; p->next = r; r = p; p = n; }
                                  $$->body = r; }
    | '{' stmts error '}'       { $$ = isa_stmt(ctx, S_BLOCK, @1); $$->end = @4; $$->body = NULL; (void)$2; }
    ;

stmts
    : %empty                    { $$ = NULL; }
    | stmts stmt                { $$ = $1; if ($2) { $2->next = $1; $$ = $2; } }
    ;

stmt
    : KW_LET ident '=' expr ';' { $$ = isa_stmt(ctx, S_LET, @1); $$->name = $2; $$->b = $4; }
    | KW_LET ident ':' bits '=' expr ';'
                                { $$ = isa_stmt(ctx, S_LET, @1); $$->name = $2; $$->width = $4; $$->b = $6; }
    | KW_LET ident ':' NUM '=' expr ';'
                                { $$ = isa_stmt(ctx, S_LET, @1); $$->name = $2; $$->b = $6;
                                  $$->width = $4.v > 64 || $4.v < 1 ? 65 : (int)$4.v; }
    | expr '=' expr ';'         { $$ = isa_stmt(ctx, S_ASSIGN, @2); $$->a = $1; $$->b = $3; }
    | expr ';'                  { $$ = isa_stmt(ctx, S_EXPR, @1); $$->a = $1; }
    | if_stmt                   { $$ = $1; }
    | KW_WHILE '(' expr ')' block
                                { $$ = isa_stmt(ctx, S_WHILE, @1); $$->a = $3; $$->body = $5; }
    | KW_FOR ident KW_IN expr DOTDOT expr block
                                { $$ = isa_stmt(ctx, S_FOR, @1); $$->name = $2; $$->a = $4; $$->b = $6; $$->body = $7; }
    | KW_FOR ident KW_IN expr DOTDOTEQ expr block
                                { $$ = isa_stmt(ctx, S_FOR, @1); $$->name = $2; $$->a = $4; $$->b = $6; $$->body = $7;
                                  $$->inclusive = 1; }
    | KW_RAISE ident '(' opt_exprs ')' ';'
                                { $$ = isa_stmt(ctx, S_RAISE, @1); $$->name = $2; $$->args = $4.v; $$->nargs = $4.n; $$->a = NULL;
                                  $$->loc = @2; }
    | KW_RAISE ident ';'        { $$ = isa_stmt(ctx, S_RAISE, @1); $$->name = $2; $$->loc = @2; }
    | KW_STOP ident ';'         { $$ = isa_stmt(ctx, S_STOP, @1); $$->name = $2; $$->loc = @2; }
    | KW_ENDOP ';'              { $$ = isa_stmt(ctx, S_ENDOP, @1); }
    | KW_DISPATCH '(' expr ',' expr ')' ';'
                                { $$ = isa_stmt(ctx, S_DISPATCH, @1); $$->a = $3; $$->b = $5; }
    | KW_EXECUTE '(' expr ',' expr ')' ';'
                                { $$ = isa_stmt(ctx, S_EXECUTE, @1); $$->a = $3; $$->b = $5; }
    | KW_PROBE expr KW_LEN expr ';'
                                { $$ = isa_stmt(ctx, S_PROBE, @1); $$->a = $2; $$->b = $4; }
    | KW_RETURN expr ';'        { $$ = isa_stmt(ctx, S_RETURN, @1); $$->a = $2; }
    | KW_RETURN ';'             { $$ = isa_stmt(ctx, S_RETURN, @1); }
    | KW_BREAK ';'              { $$ = isa_stmt(ctx, S_BREAK, @1); }
    | KW_CONTINUE ';'           { $$ = isa_stmt(ctx, S_CONTINUE, @1); }
    | block                     { $$ = $1; }
    | error ';'                 { $$ = NULL; }
    ;

if_stmt
    : KW_IF '(' expr ')' block  { $$ = isa_stmt(ctx, S_IF, @1); $$->a = $3; $$->body = $5; }
    | KW_IF '(' expr ')' block KW_ELSE block
                                { $$ = isa_stmt(ctx, S_IF, @1); $$->a = $3; $$->body = $5; $$->els = $7; }
    | KW_IF '(' expr ')' block KW_ELSE if_stmt
                                { $$ = isa_stmt(ctx, S_IF, @1); $$->a = $3; $$->body = $5; $$->els = $7;
                                  $$->width = $7 ? $7->width + 1 : 1;
                                  if ($$->width > ISA_MAX_DEPTH) { isa_error(ctx, @6, "'else if' chain longer than %d", ISA_MAX_DEPTH); $$->els = NULL; } }
    ;

/* ---- expressions ---- */

opt_exprs
    : %empty                    { $$.v = NULL; $$.n = 0; }
    | exprs                     { $$ = $1; }
    ;

exprs
    : expr                      { $$.v = NULL; $$.n = 0; push_expr(ctx, &$$, $1); }
    | exprs ',' expr            { $$ = $1; push_expr(ctx, &$$, $3); }
    ;

expr
    : postfix                   { $$ = $1; }
    | expr '?' expr ':' expr    { $$ = isa_expr(ctx, E_COND, @2); $$->a = $1; $$->b = $3; $$->c = $5;
                                  $$->depth = 1 + ($1->depth > $3->depth ? ($1->depth > $5->depth ? $1->depth : $5->depth)
                                                                          : ($3->depth > $5->depth ? $3->depth : $5->depth));
                                  $$ = bound(ctx, $$); }
    | expr OROR expr            { $$ = bin(ctx, OROR, $1, $3, @2); }
    | expr ANDAND expr          { $$ = bin(ctx, ANDAND, $1, $3, @2); }
    | expr '@' expr             { $$ = bin(ctx, '@', $1, $3, @2); }
    | expr '|' expr             { $$ = bin(ctx, '|', $1, $3, @2); }
    | expr '^' expr             { $$ = bin(ctx, '^', $1, $3, @2); }
    | expr '&' expr             { $$ = bin(ctx, '&', $1, $3, @2); }
    | expr EQEQ expr            { $$ = bin(ctx, EQEQ, $1, $3, @2); }
    | expr NE expr              { $$ = bin(ctx, NE, $1, $3, @2); }
    | expr '<' expr             { $$ = bin(ctx, '<', $1, $3, @2); }
    | expr LE expr              { $$ = bin(ctx, LE, $1, $3, @2); }
    | expr '>' expr             { $$ = bin(ctx, '>', $1, $3, @2); }
    | expr GE expr              { $$ = bin(ctx, GE, $1, $3, @2); }
    | expr SHL expr             { $$ = bin(ctx, SHL, $1, $3, @2); }
    | expr SHR expr             { $$ = bin(ctx, SHR, $1, $3, @2); }
    | expr '+' expr             { $$ = bin(ctx, '+', $1, $3, @2); }
    | expr '-' expr             { $$ = bin(ctx, '-', $1, $3, @2); }
    | expr '*' expr             { $$ = bin(ctx, '*', $1, $3, @2); }
    | expr '/' expr             { $$ = bin(ctx, '/', $1, $3, @2); }
    | expr '%' expr             { $$ = bin(ctx, '%', $1, $3, @2); }
    | '-' expr %prec UNARY      { $$ = un(ctx, '-', $2, @1); }
    | '~' expr %prec UNARY      { $$ = un(ctx, '~', $2, @1); }
    | '!' expr %prec UNARY      { $$ = un(ctx, '!', $2, @1); }
    ;

postfix
    : primary                   { $$ = $1; }
    | postfix '[' expr ']'      { $$ = isa_expr(ctx, E_INDEX, @2); $$->a = $1; $$->b = $3;
                                  $$->depth = 1 + ($1->depth > $3->depth ? $1->depth : $3->depth); $$ = bound(ctx, $$); }
    | postfix '[' expr DOTDOT expr ']'
                                { $$ = isa_expr(ctx, E_SLICE, @2); $$->a = $1; $$->b = $3; $$->c = $5;
                                  $$->depth = 1 + $1->depth; $$ = bound(ctx, $$); }
    | postfix '.' ident         { $$ = isa_expr(ctx, E_MEMBER, @3); $$->a = $1; $$->name = $3;
                                  $$->depth = 1 + $1->depth; $$ = bound(ctx, $$); }
    | postfix KW_ALIGN '(' expr ')'
                                { $$ = $1->kind == E_ACCESS ? $1 : isa_expr(ctx, E_ACCESS, @2);
                                  if ($$ != $1) { $$->a = $1; $$->depth = 1 + $1->depth; }
                                  $$->align = $4; $$ = bound(ctx, $$); }
    | postfix KW_LAST '(' expr ')'
                                { $$ = $1->kind == E_ACCESS ? $1 : isa_expr(ctx, E_ACCESS, @2);
                                  if ($$ != $1) { $$->a = $1; $$->depth = 1 + $1->depth; }
                                  $$->last = $4; $$ = bound(ctx, $$); }
    | postfix KW_ACCESS '(' ident ')'
                                { $$ = $1->kind == E_ACCESS ? $1 : isa_expr(ctx, E_ACCESS, @2);
                                  if ($$ != $1) { $$->a = $1; $$->depth = 1 + $1->depth; }
                                  if (!strcmp($4, "fetch")) $$->access = 0;
                                  else if (!strcmp($4, "store")) $$->access = 2;
                                  else if (!strcmp($4, "ifetch")) $$->access = 4;
                                  else isa_error(ctx, @4, "unknown access '%s' (fetch, store or ifetch)", $4);
                                  $$ = bound(ctx, $$); }
    | postfix KW_NOKEY          { $$ = $1->kind == E_ACCESS ? $1 : isa_expr(ctx, E_ACCESS, @2);
                                  if ($$ != $1) { $$->a = $1; $$->depth = 1 + $1->depth; }
                                  $$->nokey = 1; $$ = bound(ctx, $$); }
    | postfix KW_ONFAULT block  { $$ = $1->kind == E_ACCESS ? $1 : isa_expr(ctx, E_ACCESS, @2);
                                  if ($$ != $1) { $$->a = $1; $$->depth = 1 + $1->depth; }
                                  $$->onfault = $3; $$ = bound(ctx, $$); }
    ;

primary
    : NUM                       { $$ = isa_expr(ctx, E_NUM, @1); $$->num = $1.v; $$->width = $1.width; }
    | CHARLIT                   { $$ = isa_expr(ctx, E_NUM, @1); $$->num = $1.v; $$->is_char = 1; }
    | ident                     { $$ = isa_expr(ctx, E_NAME, @1); $$->name = $1; }
    | ident '(' opt_exprs ')'   { $$ = isa_expr(ctx, E_CALL, @1); $$->name = $1; $$->args = $3.v; $$->nargs = $3.n;
                                  for (int i = 0; i < $3.n; i++) if ($3.v[i]->depth + 1 > $$->depth) $$->depth = $3.v[i]->depth + 1;
                                  $$ = bound(ctx, $$); }
    | KW_CALL ident '(' opt_exprs ')'
                                { $$ = isa_expr(ctx, E_UCALL, @2); $$->name = $2; $$->args = $4.v; $$->nargs = $4.n;
                                  for (int i = 0; i < $4.n; i++) if ($4.v[i]->depth + 1 > $$->depth) $$->depth = $4.v[i]->depth + 1;
                                  $$ = bound(ctx, $$); }
    | '(' expr ')'              { $$ = $2; }
    ;

ident : IDENT | soft_kw ;

soft_kw
    : KW_MACHINE { $$ = $<str>1; }
    | KW_EXTEND { $$ = $<str>1; }
    | KW_REPLACE { $$ = $<str>1; }
    | KW_BITORDER { $$ = $<str>1; }
    | KW_ENDIAN { $$ = $<str>1; }
    | KW_ADDR { $$ = $<str>1; }
    | KW_WRAP { $$ = $<str>1; }
    | KW_SIZE { $$ = $<str>1; }
    | KW_CHARSET { $$ = $<str>1; }
    | KW_SPACE { $$ = $<str>1; }
    | KW_UNIT { $$ = $<str>1; }
    | KW_CELL { $$ = $<str>1; }
    | KW_SIZES { $$ = $<str>1; }
    | KW_DEFAULT { $$ = $<str>1; }
    | KW_FAULTS { $$ = $<str>1; }
    | KW_KEYS { $$ = $<str>1; }
    | KW_BITS { $$ = $<str>1; }
    | KW_PER { $$ = $<str>1; }
    | KW_OF { $$ = $<str>1; }
    | KW_USING { $$ = $<str>1; }
    | KW_FETCHPROT { $$ = $<str>1; }
    | KW_REGFILE { $$ = $<str>1; }
    | KW_REG { $$ = $<str>1; }
    | KW_UREG { $$ = $<str>1; }
    | KW_NUMBERED { $$ = $<str>1; }
    | KW_CONST { $$ = $<str>1; }
    | KW_LOWCORE { $$ = $<str>1; }
    | KW_TABLE { $$ = $<str>1; }
    | KW_FORMAT { $$ = $<str>1; }
    | KW_SIGNED { $$ = $<str>1; }
    | KW_VARFORMAT { $$ = $<str>1; }
    | KW_DELIMITED_BY { $$ = $<str>1; }
    | KW_VALUE { $$ = $<str>1; }
    | KW_MAX { $$ = $<str>1; }
    | KW_DECODE { $$ = $<str>1; }
    | KW_KEY { $$ = $<str>1; }
    | KW_MODE { $$ = $<str>1; }
    | KW_SYNTAX { $$ = $<str>1; }
    | KW_WHEN { $$ = $<str>1; }
    | KW_ADDRESS { $$ = $<str>1; }
    | KW_INDEX { $$ = $<str>1; }
    | KW_LENGTH { $$ = $<str>1; }
    | KW_INVERSE { $$ = $<str>1; }
    | KW_EA { $$ = $<str>1; }
    | KW_INSN { $$ = $<str>1; }
    | KW_LEN { $$ = $<str>1; }
    | KW_ATTRS { $$ = $<str>1; }
    | KW_SEM { $$ = $<str>1; }
    | KW_MICRO { $$ = $<str>1; }
    | KW_ALIAS { $$ = $<str>1; }
    | KW_FAMILY { $$ = $<str>1; }
    | KW_PREFER { $$ = $<str>1; }
    | KW_FETCH { $$ = $<str>1; }
    | KW_RESET { $$ = $<str>1; }
    | KW_BOUNDARY { $$ = $<str>1; }
    | KW_INVALID { $$ = $<str>1; }
    | KW_INTERRUPT { $$ = $<str>1; }
    | KW_FUNC { $$ = $<str>1; }
    | KW_HELPER { $$ = $<str>1; }
    | KW_IN { $$ = $<str>1; }
    | KW_ALIGN { $$ = $<str>1; }
    | KW_ACCESS { $$ = $<str>1; }
    | KW_NOKEY { $$ = $<str>1; }
    | KW_ONFAULT { $$ = $<str>1; }
    | KW_LAST { $$ = $<str>1; }
    ;

%%

/* The keyword table the lexer uses; every KW_ token of the grammar above. */
#define ISA_KW_ROWS(X) \
    X("let", KW_LET) X("if", KW_IF) X("else", KW_ELSE) X("while", KW_WHILE) X("for", KW_FOR) \
    X("raise", KW_RAISE) X("stop", KW_STOP) X("endop", KW_ENDOP) X("return", KW_RETURN) \
    X("break", KW_BREAK) X("continue", KW_CONTINUE) X("call", KW_CALL) \
    X("dispatch", KW_DISPATCH) X("execute", KW_EXECUTE) X("probe", KW_PROBE) \
    X("machine", KW_MACHINE) X("extend", KW_EXTEND) X("replace", KW_REPLACE) \
    X("bitorder", KW_BITORDER) X("endian", KW_ENDIAN) X("addr", KW_ADDR) X("wrap", KW_WRAP) \
    X("size", KW_SIZE) X("charset", KW_CHARSET) X("space", KW_SPACE) X("unit", KW_UNIT) \
    X("cell", KW_CELL) X("sizes", KW_SIZES) X("default", KW_DEFAULT) X("faults", KW_FAULTS) \
    X("keys", KW_KEYS) X("bits", KW_BITS) X("per", KW_PER) X("of", KW_OF) X("using", KW_USING) \
    X("fetchprot", KW_FETCHPROT) X("regfile", KW_REGFILE) X("reg", KW_REG) X("ureg", KW_UREG) \
    X("numbered", KW_NUMBERED) X("const", KW_CONST) X("lowcore", KW_LOWCORE) \
    X("table", KW_TABLE) X("format", KW_FORMAT) X("signed", KW_SIGNED) \
    X("varformat", KW_VARFORMAT) X("delimited_by", KW_DELIMITED_BY) X("value", KW_VALUE) \
    X("max", KW_MAX) X("decode", KW_DECODE) X("key", KW_KEY) X("mode", KW_MODE) \
    X("syntax", KW_SYNTAX) X("when", KW_WHEN) X("address", KW_ADDRESS) X("index", KW_INDEX) \
    X("length", KW_LENGTH) X("inverse", KW_INVERSE) X("ea", KW_EA) X("insn", KW_INSN) \
    X("len", KW_LEN) X("attrs", KW_ATTRS) X("sem", KW_SEM) X("micro", KW_MICRO) \
    X("alias", KW_ALIAS) X("family", KW_FAMILY) X("prefer", KW_PREFER) X("fetch", KW_FETCH) \
    X("reset", KW_RESET) X("boundary", KW_BOUNDARY) X("invalid", KW_INVALID) X("interrupt", KW_INTERRUPT) \
    X("func", KW_FUNC) X("helper", KW_HELPER) X("in", KW_IN) X("align", KW_ALIGN) \
    X("access", KW_ACCESS) X("nokey", KW_NOKEY) X("onfault", KW_ONFAULT) X("last", KW_LAST)

int isa_keyword(const char *s)
{
    static const struct { const char *name; int tok; } kw[] = {
#define ROW(n, t) {n, t},
        ISA_KW_ROWS(ROW)
#undef ROW
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (strcmp(kw[i].name, s) == 0)
            return kw[i].tok;
    return 0;
}

static void isa_yyerror(IsaLoc *loc, IsaCtx *ctx, void *scanner, const char *msg)
{
    (void)scanner;
    /* bison quotes token names with '"'; show them as written */
    char buf[512];
    size_t j = 0;
    for (size_t i = 0; msg[i] && j + 1 < sizeof buf; i++)
        if (msg[i] != '"')
            buf[j++] = msg[i];
    buf[j] = 0;
    /* the lexer has reported a bad token itself */
    if (ctx->too_deep || strstr(buf, "unexpected invalid token"))
        return;
    isa_error(ctx, *loc, "%s", buf);
}

static IsaExpr *bound(IsaCtx *c, IsaExpr *e)
{
    if (e->depth > ISA_MAX_DEPTH) {
        if (!c->too_deep)
            isa_error(c, e->loc, "expression nested more than %d deep", ISA_MAX_DEPTH);
        c->too_deep = 1;
        IsaExpr *z = isa_expr(c, E_NUM, e->loc);
        return z;
    }
    return e;
}

static IsaExpr *bin(IsaCtx *c, int op, IsaExpr *a, IsaExpr *b, IsaLoc loc)
{
    IsaExpr *e = isa_expr(c, E_BINOP, loc);
    e->op = op;
    e->a = a;
    e->b = b;
    e->depth = 1 + (a->depth > b->depth ? a->depth : b->depth);
    return bound(c, e);
}

static IsaExpr *un(IsaCtx *c, int op, IsaExpr *a, IsaLoc loc)
{
    IsaExpr *e = isa_expr(c, E_UNOP, loc);
    e->op = op;
    e->a = a;
    e->depth = 1 + a->depth;
    return bound(c, e);
}

static void push_expr(IsaCtx *c, IsaExprVec *v, IsaExpr *e)
{
    isa_push(c, &v->v, &v->n, &e, sizeof e);
}

static IsaDecl *cur_decl(IsaCtx *c, int kind, IsaLoc loc)
{
    return isa_decl(c, kind, loc);
}


int isa_lex_file(IsaCtx *c, int file, void **scannerp);
void isa_lex_done(void *scanner);

int isa_parse_file(IsaCtx *c, int file)
{
    void *sc;
    int saved = c->cur_file;
    c->cur_file = file;
    c->bracket_depth = 0;
    c->too_deep = 0;
    if (isa_lex_file(c, file, &sc) < 0)
        return -1;
    c->parse_decl = NULL;
    int r = isa_yyparse(c, sc);
    isa_lex_done(sc);
    c->parse_decl = NULL;
    c->cur_file = saved;
    return r;
}
