/* asm_macro.c — macro definitions, macro calls and conditional assembly.
 *
 * HLASM Language Reference, "How to specify macro definitions", "How to
 * write macro instructions" and "How to write conditional assembly
 * instructions". It runs between reading the source and pass 1 and turns
 * the statements into the ones to assemble:
 *
 *   - MACRO, the prototype (&NAME  OP  &POS,...,&KEY=DEFAULT,...), the body,
 *     MEND: a definition, listed, not assembled. Definitions not in the
 *     source are read from the -M folders (NAME.mac, NAME.asm, NAME, also in
 *     lower case) the first time a call needs them.
 *   - A call binds positional operands in order and keyword operands by
 *     name; an operand in parentheses is a sublist (&P(2), N'&P). &SYSLIST(n)
 *     and &SYSLIST(n,m) give positional operands by number, N'&SYSLIST their
 *     count; &SYSNDX is the call's number (0001, 0002, ...); &SYSECT the
 *     current control section.
 *   - Model statements get variable symbols replaced (a '.' after a name
 *     concatenates, && stays), and are generated: the listing shows them with
 *     '+'. A generated statement that calls a macro is expanded in turn.
 *   - LCLA LCLB LCLC GBLA GBLB GBLC declare SET symbols (subscripted ones
 *     with (n)); SETA SETB SETC assign (an undeclared one becomes local);
 *     AIF (condition).SEQ, AGO .SEQ and AGO (n).S1,.S2, ANOP, MEXIT, MNOTE,
 *     ACTR. These work in open code as well. Expressions: + - * / on
 *     integers, self-defining terms, 'strings' with substrings 'ABC'(2,1)
 *     and concatenation (.), relations EQ NE LT GT LE GE, NOT AND OR XOR,
 *     the attributes N' K' T' L' D' (T' is O for an omitted operand, N for
 *     a self-defining term; for a symbol T' and L' come by lookahead from
 *     the statement defining it, U and 1 when there is none).
 *   - &C AREAD [NOSTMT|NOPRINT] in a macro takes the next record after the
 *     outermost macro instruction (see do_aread); CLOCKB, CLOCKD the time.
 *
 * Runaway loops stop at ACTR (default 4096 branches per macro, and in open
 * code, where branches are then ignored) with ASMA259E; calls nest up to 64
 * deep; at most 300,000 statements are processed in all.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "asm_int.h"

enum { MAXNEST = 64, MAXV = 256 };

static int strncasecmp_a(const char *x, const char *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int c = toupper((unsigned char)x[i]), d = toupper((unsigned char)y[i]);
        if (c != d)
            return c < d ? -1 : 1;
        if (c == 0)
            return 0;
    }
    return 0;
}

static int strcasecmp_a(const char *x, const char *y)
{
    size_t n = strlen(x), m = strlen(y);
    return n != m ? 1 : strncasecmp_a(x, y, n);
}

typedef struct Str {
    char *s;
    size_t n, cap;
} Str;

static int str_add(Str *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 128;
        while (c < b->n + n + 1)
            c *= 2;
        char *q = realloc(b->s, c);
        if (q == NULL)
            return -1;
        b->s = q;
        b->cap = c;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* ---- SET symbols ---- */
typedef struct Var {
    char name[64];
    char type;                /* 'A' 'B' 'C' */
    int array;
    uint32_t n;
    char **vals;              /* [n]; NULL element = initial value */
    struct Var *global;       /* a GBL declaration in a local scope */
} Var;

typedef struct Scope {
    Var *v;
    uint32_t n, cap;
} Scope;

typedef struct MacLine {
    char *text;               /* the logical statement */
    uint32_t card;            /* where it came from (for messages) */
} MacLine;

typedef struct Macro {
    char *name;
    char *label;              /* the prototype's name-field parameter, or NULL */
    char **pos; uint32_t npos;
    char **key; char **def; uint32_t nkey;
    MacLine *body; uint32_t nbody;
    int from_lib;
} Macro;

typedef struct Frame {
    const Macro *m;
    char **posv; uint32_t nposv;  /* positional operands as written (SYSLIST) */
    char **keyv;
    char *labelv;
    char sysndx[12];
    Scope local;
    long actr;
} Frame;

typedef struct Mac {
    Asm *a;
    Macro **macs; uint32_t nmacs;     /* each allocated: frames point at them */
    Macro **old; uint32_t nold;       /* replaced definitions, freed at the end */
    Scope global;
    Scope open;               /* open code's local SET symbols */
    AsmStmt *out; uint32_t nout, capout;
    uint32_t ndx;             /* &SYSNDX */
    char sysect[64];
    uint32_t call_stmt;       /* the open-code statement being expanded */
    uint32_t *map;            /* open-code statement -> output statement */
    uint32_t call_out;        /* the output statement messages go to */
    int depth;
    int stop;                 /* MEXIT / error */
    int abort;                /* the work limit is reached: everything stops */
    int open_dead;            /* open code exceeded ACTR: its branches are ignored */
    uint64_t work;            /* statements processed, for the limit */
    /* lookahead indexes: name -> first statement (index + 1, 0 empty), for the
       output statements up to la_done and for the source statements */
    uint32_t *la_out, la_out_cap, la_done;
    uint32_t *la_src, la_src_cap;
    /* AREAD: the records after the outermost macro instruction of open code */
    const AsmStmt *src; uint32_t nsrc;
    int in_call;              /* an open-code macro instruction is being expanded */
    uint32_t rd_stmt, rd_card;    /* the next record: statement, card in it */
} Mac;

enum { MAP_AREAD = UINT32_MAX - 1 };   /* x->map: a statement AREAD consumed */

enum { MAXWORK = 300000, MAXSETC = 4064, MAXEXPR = 200 };

/* ---- messages ---- */
static void merr(Mac *x, const char *detail, int msg)
{
    Asm *a = x->a;
    uint32_t save = a->cur;
    a->cur = x->call_out < x->nout ? x->call_out : x->nout > 0 ? x->nout - 1 : 0;
    asm_error(a, -1, msg, detail);
    a->cur = save;
}

/* ---- statement fields of a logical text ---- */
typedef struct Fields {
    const char *name; int nname;
    const char *op; int nop;
    const char *opnd; int nopnd;
} Fields;

/* The operand field: up to the first blank outside quotes and, for
   conditional-assembly statements, outside parentheses. */
static int opnd_end(const char *s, int i, int parens)
{
    int q = 0, depth = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if (q) {
            if (c == '\'') {
                if (s[i + 1] == '\'')
                    i++;
                else
                    q = 0;
            }
            continue;
        }
        if (c == ' ' && (!parens || depth == 0))
            break;
        if (c == '\'') {
            /* attribute references: L' T' K' N' D' I' S' O' after a non-symbol character */
            int attr = i > 0 && strchr("LTKNDISOltkndiso", s[i - 1]) && s[i - 1]
                       && (i < 2 || !asm_is_symchar(s[i - 2]))
                       && (s[i + 1] == '&' || asm_is_symstart(s[i + 1]) || s[i + 1] == '*');
            if (!attr)
                q = 1;
        } else if (c == '(') {
            depth++;
        } else if (c == ')' && depth > 0) {
            depth--;
        }
    }
    return i;
}

static int is_cond_op(const char *op, int n)
{
    static const char *const ops[] = { "AIF", "AGO", "SETA", "SETB", "SETC", "LCLA", "LCLB",
                                        "LCLC", "GBLA", "GBLB", "GBLC", "ACTR", "ANOP", "MNOTE",
                                        "MEXIT", "MEND", "MACRO", "AREAD" };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if ((int)strlen(ops[i]) == n && strncasecmp_a(op, ops[i], (size_t)n) == 0)
            return 1;
    return 0;
}

static void fields(const char *t, Fields *f)
{
    int i = 0;
    memset(f, 0, sizeof *f);
    if (t[0] != ' ' && t[0]) {
        f->name = t;
        while (t[i] && t[i] != ' ')
            i++;
        f->nname = i;
    }
    while (t[i] == ' ')
        i++;
    if (!t[i])
        return;
    f->op = t + i;
    while (t[i] && t[i] != ' ')
        i++;
    f->nop = (int)(t + i - f->op);
    while (t[i] == ' ')
        i++;
    if (!t[i])
        return;
    f->opnd = t + i;
    f->nopnd = opnd_end(t, i, is_cond_op(f->op, f->nop)) - i;
}

static int op_is(const Fields *f, const char *name)
{
    return f->op && (int)strlen(name) == f->nop && strncasecmp_a(f->op, name, (size_t)f->nop) == 0;
}

/* ---- variables ---- */
static Var *scope_find(Scope *s, const char *name, size_t n)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (strlen(s->v[i].name) == n && strncasecmp_a(s->v[i].name, name, n) == 0)
            return s->v[i].global ? s->v[i].global : &s->v[i];
    return NULL;
}

static Var *scope_add(Scope *s, const char *name, size_t n, char type, int array)
{
    if (n >= 64)
        return NULL;
    if (s->n == s->cap) {
        uint32_t c = s->cap ? s->cap * 2 : 16;
        Var *q = realloc(s->v, c * sizeof *q);
        if (q == NULL)
            return NULL;
        s->v = q;
        s->cap = c;
    }
    Var *v = &s->v[s->n++];
    memset(v, 0, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v->name[i] = (char)toupper((unsigned char)name[i]);
    v->type = type;
    v->array = array;
    return v;
}

static void scope_free(Scope *s)
{
    for (uint32_t i = 0; i < s->n; i++) {
        for (uint32_t k = 0; k < s->v[i].n; k++)
            free(s->v[i].vals[k]);
        free(s->v[i].vals);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

static const char *var_get(const Var *v, uint32_t idx)
{
    if (idx >= 1 && idx <= v->n && v->vals[idx - 1])
        return v->vals[idx - 1];
    return v->type == 'C' ? "" : "0";
}

static int var_set(Var *v, uint32_t idx, const char *val)
{
    if (idx < 1 || idx > 100000)
        return -1;
    if (idx > v->n) {
        char **q = realloc(v->vals, idx * sizeof *q);
        if (q == NULL)
            return -1;
        for (uint32_t i = v->n; i < idx; i++)
            q[i] = NULL;
        v->vals = q;
        v->n = idx;
    }
    char *c = dupn(val, strlen(val));
    if (c == NULL)
        return -1;
    free(v->vals[idx - 1]);
    v->vals[idx - 1] = c;
    return 0;
}

/* ---- sublists ---- */
/* Element k (1-based) of a sublist "(A,B,C)"; a value without parentheses
   is its own element 1. Writes into out (empty when absent). */
static void sublist(const char *v, uint32_t k, Str *out)
{
    size_t n = strlen(v);
    if (n < 2 || v[0] != '(' || v[n - 1] != ')') {
        if (k == 1)
            str_add(out, v, n);
        else
            str_add(out, "", 0);
        return;
    }
    int st[MAXV], ln[MAXV];
    int cnt = asm_split_operands(v, 1, (int)n - 2, st, ln, MAXV);
    if (k >= 1 && (int)k <= cnt && k <= MAXV)
        str_add(out, v + st[k - 1], (size_t)ln[k - 1]);
    else
        str_add(out, "", 0);
}

static int sublist_count(const char *v)
{
    size_t n = strlen(v);
    if (n == 0)
        return 0;
    if (n < 2 || v[0] != '(' || v[n - 1] != ')')
        return 1;
    int st[MAXV], ln[MAXV];
    return asm_split_operands(v, 1, (int)n - 2, st, ln, MAXV);
}

/* ---- expressions ---- */
typedef struct Val {
    int is_str;
    int64_t n;
    Str s;
} Val;

typedef struct Ev {
    Mac *x;
    Frame *f;
    const char *s;
    int p, end;
    int err;
    int depth;
} Ev;

static int ev_expr(Ev *e, Val *v);
static int subst(Mac *x, Frame *f, const char *t, size_t n, Str *out, int in_quotes_only);

static void val_free(Val *v)
{
    free(v->s.s);
    memset(v, 0, sizeof *v);
}

static void skip_blanks(Ev *e)
{
    while (e->p < e->end && e->s[e->p] == ' ')
        e->p++;
}

static int to_num(const Val *v, int64_t *n)
{
    if (!v->is_str) {
        *n = v->n;
        return 0;
    }
    const char *s = v->s.s ? v->s.s : "";
    if (*s == '\0') {
        *n = 0;
        return 0;
    }
    char *end;
    long long x = strtoll(s, &end, 10);
    if (*end)
        return -1;
    *n = x;
    return 0;
}

/* Look up a parameter or SET symbol; returns its value (with subscripts) in out.
   name points after '&'. */
static int lookup(Mac *x, Frame *f, const char *name, size_t n, const int64_t *sub, int nsub,
                  Str *out, char *type)
{
    char up[64];
    if (n >= sizeof up)
        return -1;
    for (size_t i = 0; i < n; i++)
        up[i] = (char)toupper((unsigned char)name[i]);
    up[n] = '\0';
    *type = 'C';
    if (f && f->m) {
        const Macro *m = f->m;
        if (strcmp(up, "SYSLIST") == 0) {
            if (nsub == 0)
                return -1;
            if (sub[0] == 0) {
                str_add(out, f->labelv ? f->labelv : "", f->labelv ? strlen(f->labelv) : 0);
                return 0;
            }
            const char *v = sub[0] >= 1 && (uint64_t)sub[0] <= f->nposv ? f->posv[sub[0] - 1] : "";
            if (nsub > 1)
                sublist(v, (uint32_t)sub[1], out);
            else
                str_add(out, v, strlen(v));
            return 0;
        }
        if (m->label && strcasecmp_a(m->label, up) == 0) {
            str_add(out, f->labelv ? f->labelv : "", f->labelv ? strlen(f->labelv) : 0);
            return 0;
        }
        for (uint32_t i = 0; i < m->npos; i++)
            if (strcasecmp_a(m->pos[i], up) == 0) {
                const char *v = i < f->nposv ? f->posv[i] : "";
                if (nsub > 0)
                    sublist(v, (uint32_t)sub[0], out);
                else
                    str_add(out, v, strlen(v));
                return 0;
            }
        for (uint32_t i = 0; i < m->nkey; i++)
            if (strcasecmp_a(m->key[i], up) == 0) {
                const char *v = f->keyv[i];
                if (nsub > 0)
                    sublist(v, (uint32_t)sub[0], out);
                else
                    str_add(out, v, strlen(v));
                return 0;
            }
        if (strcmp(up, "SYSNDX") == 0) {
            str_add(out, f->sysndx, strlen(f->sysndx));
            return 0;
        }
    }
    if (strcmp(up, "SYSECT") == 0) {
        str_add(out, x->sysect, strlen(x->sysect));
        return 0;
    }
    Var *v = scope_find(f ? &f->local : &x->open, up, n);
    if (v == NULL)
        v = NULL;
    if (v == NULL)
        return -1;
    *type = v->type;
    const char *val = var_get(v, nsub > 0 ? (uint32_t)sub[0] : 1);
    str_add(out, val, strlen(val));
    return 0;
}

/* A variable reference at e->s[e->p] == '&': name and optional subscripts. */
static int parse_ref(Ev *e, const char **name, size_t *n, int64_t *sub, int *nsub)
{
    int p = e->p + 1;
    int st = p;
    while (p < e->end && asm_is_symchar(e->s[p]))
        p++;
    if (p == st) {
        e->err = 1;
        return -1;
    }
    *name = e->s + st;
    *n = (size_t)(p - st);
    *nsub = 0;
    e->p = p;
    if (e->p < e->end && e->s[e->p] == '(') {
        e->p++;
        if (++e->depth > MAXEXPR) {
            e->err = 1;
            return -1;
        }
        for (;;) {
            Val v;
            memset(&v, 0, sizeof v);
            if (ev_expr(e, &v) < 0)
                return -1;
            int64_t k;
            if (to_num(&v, &k) < 0) {
                val_free(&v);
                e->err = 1;
                return -1;
            }
            val_free(&v);
            if (*nsub < 2)
                sub[(*nsub)++] = k;
            skip_blanks(e);
            if (e->p < e->end && e->s[e->p] == ',') {
                e->p++;
                continue;
            }
            if (e->p < e->end && e->s[e->p] == ')') {
                e->p++;
                break;
            }
            e->err = 1;
            return -1;
        }
        e->depth--;
    }
    return 0;
}

static int ev_var(Ev *e, Val *v)
{
    const char *name;
    size_t n;
    int64_t sub[2];
    int nsub;
    if (parse_ref(e, &name, &n, sub, &nsub) < 0)
        return -1;
    char type;
    Str s = { 0 };
    if (lookup(e->x, e->f, name, n, sub, nsub, &s, &type) < 0) {
        char buf[72];
        snprintf(buf, sizeof buf, "&%.*s", (int)(n > 60 ? 60 : n), name);
        merr(e->x, buf, ASMA003E);
        free(s.s);
        e->err = 1;
        return -1;
    }
    v->is_str = 1;
    v->s = s;
    if (!v->s.s)
        str_add(&v->s, "", 0);
    return 0;
}

/* 'string' with substitution inside, then (start,len) substrings and '.'
   concatenations. */
static int ev_string(Ev *e, Val *v)
{
    v->is_str = 1;
    str_add(&v->s, "", 0);
    for (;;) {
        int p = e->p + 1, st = p;
        while (p < e->end) {
            if (e->s[p] == '\'' && p + 1 < e->end && e->s[p + 1] == '\'') {
                p += 2;
                continue;
            }
            if (e->s[p] == '\'')
                break;
            p++;
        }
        if (p >= e->end) {
            e->err = 1;
            return -1;
        }
        Str raw = { 0 };
        if (subst(e->x, e->f, e->s + st, (size_t)(p - st), &raw, 0) < 0) {
            free(raw.s);
            e->err = 1;
            return -1;
        }
        /* '' and && stand for one character in a character string */
        Str one = { 0 };
        str_add(&one, "", 0);
        for (size_t i = 0; i < raw.n; i++) {
            if ((raw.s[i] == '\'' || raw.s[i] == '&') && i + 1 < raw.n && raw.s[i + 1] == raw.s[i])
                i++;
            str_add(&one, raw.s + i, 1);
        }
        free(raw.s);
        e->p = p + 1;
        if (e->p < e->end && e->s[e->p] == '(') {
            e->p++;
            Val a1, a2;
            memset(&a1, 0, sizeof a1);
            memset(&a2, 0, sizeof a2);
            int64_t s1, l1;
            if (ev_expr(e, &a1) < 0 || e->p >= e->end || e->s[e->p] != ',') {
                val_free(&a1);
                free(one.s);
                e->err = 1;
                return -1;
            }
            e->p++;
            if (ev_expr(e, &a2) < 0 || e->p >= e->end || e->s[e->p] != ')' || to_num(&a1, &s1) < 0
                || to_num(&a2, &l1) < 0) {
                val_free(&a1);
                val_free(&a2);
                free(one.s);
                e->err = 1;
                return -1;
            }
            e->p++;
            val_free(&a1);
            val_free(&a2);
            Str cut = { 0 };
            str_add(&cut, "", 0);
            if (s1 >= 1 && (size_t)s1 <= one.n && l1 > 0) {
                size_t k = (size_t)(s1 - 1), m = (size_t)l1;
                if (k + m > one.n)
                    m = one.n - k;
                str_add(&cut, one.s + k, m);
            }
            free(one.s);
            one = cut;
        }
        str_add(&v->s, one.s, one.n);
        free(one.s);
        if (e->p + 1 < e->end && e->s[e->p] == '.' && e->s[e->p + 1] == '\'') {
            e->p++;
            continue;
        }
        return 0;
    }
}

/* Lookahead (HLASM Language Reference, "Lookahead"): the attributes of an
   ordinary symbol from the statement that defines it, generated already or
   still in the source. 0 when no statement defines it. */
static uint32_t name_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint32_t)toupper((unsigned char)p[i])) * 16777619u;
    return h;
}

static int is_named(const AsmStmt *s)
{
    return s->kind == ASM_ST_STMT && s->name_off >= 0 && s->name_len > 0;
}

/* Put statement i of v into the table (keeping the first of equal names). */
static void la_insert(Mac *x, uint32_t *tab, uint32_t cap, const AsmStmt *v, uint32_t i)
{
    const char *name = asm_stmt_text(x->a, &v[i]);
    size_t n = (size_t)v[i].name_len;
    for (uint32_t h = name_hash(name, n) & (cap - 1);; h = (h + 1) & (cap - 1)) {
        if (tab[h] == 0) {
            tab[h] = i + 1;
            return;
        }
        const AsmStmt *t = &v[tab[h] - 1];
        if ((size_t)t->name_len == n && strncasecmp_a(asm_stmt_text(x->a, t), name, n) == 0)
            return;
    }
}

/* Make the table hold at least `want` names (a power of two, half full at most);
   rebuilds it from v[0..upto). Returns 0, or -1 without memory. */
static int la_reserve(Mac *x, uint32_t **tab, uint32_t *cap, uint32_t want,
                      const AsmStmt *v, uint32_t upto)
{
    if (*cap >= 2 * want + 16)
        return 0;
    uint32_t c = 64;
    while (c < 2 * want + 16)
        c *= 2;
    uint32_t *t = calloc(c, sizeof *t);
    if (t == NULL)
        return -1;
    free(*tab);
    *tab = t;
    *cap = c;
    for (uint32_t i = 0; i < upto; i++)
        if (is_named(&v[i]))
            la_insert(x, t, c, v, i);
    return 0;
}

static const AsmStmt *la_find(Mac *x, const uint32_t *tab, uint32_t cap, const AsmStmt *v,
                              const char *name, size_t n)
{
    if (cap == 0)
        return NULL;
    for (uint32_t h = name_hash(name, n) & (cap - 1); tab[h] != 0; h = (h + 1) & (cap - 1)) {
        const AsmStmt *t = &v[tab[h] - 1];
        if ((size_t)t->name_len == n && strncasecmp_a(asm_stmt_text(x->a, t), name, n) == 0)
            return t;
    }
    return NULL;
}

/* The type and length attributes of the first statement named `name`: among
   the statements generated so far, else in the rest of the source (HLASM's
   lookahead). Indexed, so that many references stay linear. */
static char lookahead(Mac *x, const char *name, uint32_t *len)
{
    size_t n = strlen(name);
    /* the newest output statement may still be being filled in: it is looked
       at directly and indexed only once the next one exists */
    uint32_t done = x->nout > 0 ? x->nout - 1 : 0;
    const AsmStmt *hit = NULL;
    if (la_reserve(x, &x->la_out, &x->la_out_cap, done, x->out, x->la_done) == 0) {
        for (; x->la_done < done; x->la_done++)
            if (is_named(&x->out[x->la_done]))
                la_insert(x, x->la_out, x->la_out_cap, x->out, x->la_done);
        hit = la_find(x, x->la_out, x->la_out_cap, x->out, name, n);
    }
    if (hit == NULL && x->nout > 0) {
        const AsmStmt *s = &x->out[x->nout - 1];
        if (is_named(s) && (size_t)s->name_len == n && strncasecmp_a(asm_stmt_text(x->a, s), name, n) == 0)
            hit = s;
    }
    if (hit == NULL && la_reserve(x, &x->la_src, &x->la_src_cap, x->a->nstmts, x->a->stmts,
                                  x->a->nstmts) == 0)
        hit = la_find(x, x->la_src, x->la_src_cap, x->a->stmts, name, n);
    return hit ? asm_type_attr(x->a, hit, len) : 0;
}

static int ev_primary(Ev *e, Val *v)
{
    skip_blanks(e);
    memset(v, 0, sizeof *v);
    if (e->p >= e->end) {
        e->err = 1;
        return -1;
    }
    char c = e->s[e->p];
    if (c == '(') {
        e->p++;
        if (++e->depth > MAXEXPR) {
            e->err = 1;
            return -1;
        }
        int r = ev_expr(e, v);
        e->depth--;
        if (r < 0)
            return -1;
        skip_blanks(e);
        if (e->p >= e->end || e->s[e->p] != ')') {
            e->err = 1;
            return -1;
        }
        e->p++;
        return 0;
    }
    if (c == '\'')
        return ev_string(e, v);
    if (c == '&')
        return ev_var(e, v);
    int u = toupper((unsigned char)c);
    if (strchr("NKTLD", u) && e->p + 1 < e->end && e->s[e->p + 1] == '\'') {
        e->p += 2;
        Val x;
        memset(&x, 0, sizeof x);
        if (u == 'N' && e->f && e->f->m && e->p + 8 <= e->end
            && strncasecmp_a(e->s + e->p, "&SYSLIST", 8) == 0
            && (e->p + 8 == e->end || !asm_is_symchar(e->s[e->p + 8])) && e->s[e->p + 8] != '(') {
            e->p += 8;
            v->n = e->f->nposv;
            return 0;
        }
        if (e->p < e->end && e->s[e->p] == '&') {
            if (ev_var(e, &x) < 0)
                return -1;
        } else {
            int st = e->p;
            while (e->p < e->end && asm_is_symchar(e->s[e->p]))
                e->p++;
            x.is_str = 1;
            str_add(&x.s, e->s + st, (size_t)(e->p - st));
        }
        const char *sv = x.s.s ? x.s.s : "";
        char la_type = 0;
        uint32_t la_len = 1;
        if ((u == 'T' || u == 'L') && asm_is_symstart(sv[0]))
            la_type = lookahead(e->x, sv, &la_len);
        if (u == 'N') {
            v->n = sublist_count(sv);
        } else if (u == 'K') {
            v->n = (int64_t)strlen(sv);
        } else if (u == 'T') {
            v->is_str = 1;
            const char *t = "U";
            if (*sv == '\0')
                t = "O";
            else {
                int all = 1;
                for (const char *q = sv; *q; q++)
                    all &= isdigit((unsigned char)*q) != 0;
                if (all || ((sv[0] == 'X' || sv[0] == 'B' || sv[0] == 'C') && sv[1] == '\''))
                    t = "N";
            }
            char one[2] = { la_type, 0 };
            if (la_type)
                t = one;
            str_add(&v->s, t, 1);
        } else if (u == 'L') {
            v->n = la_type ? la_len : 1;
        } else {
            v->n = la_type != 0;   /* D': defined */
        }
        val_free(&x);
        return 0;
    }
    if (isdigit((unsigned char)c) || ((u == 'X' || u == 'B' || u == 'C') && e->p + 1 < e->end
                                      && e->s[e->p + 1] == '\'')) {
        AsmErr err = { -1, 0, "" };
        int64_t n;
        char buf[80];
        int k = 0;
        while (e->p + k < e->end && k < 79 && e->s[e->p + k] != ')' && e->s[e->p + k] != ',') {
            buf[k] = e->s[e->p + k];
            k++;
        }
        buf[k] = '\0';
        int p = 0;
        if (asm_self_defining(e->x->a, buf, &p, &n, &err) != 0) {
            e->err = 1;
            return -1;
        }
        e->p += p;
        v->n = n;
        return 0;
    }
    e->err = 1;
    return -1;
}

static int ev_unary(Ev *e, Val *v)
{
    skip_blanks(e);
    if (e->p < e->end && (e->s[e->p] == '-' || e->s[e->p] == '+')) {
        int neg = e->s[e->p++] == '-';
        if (++e->depth > MAXEXPR) {
            e->err = 1;
            return -1;
        }
        int r = ev_unary(e, v);
        e->depth--;
        if (r < 0)
            return -1;
        int64_t n;
        if (to_num(v, &n) < 0) {
            e->err = 1;
            return -1;
        }
        val_free(v);
        v->n = neg ? -n : n;
        return 0;
    }
    return ev_primary(e, v);
}

static int arith(Ev *e, Val *a, Val *b, char op)
{
    int64_t x, y;
    if (to_num(a, &x) < 0 || to_num(b, &y) < 0) {
        e->err = 1;
        return -1;
    }
    val_free(a);
    val_free(b);
    switch (op) {
    case '+': x += y; break;
    case '-': x -= y; break;
    case '*': x *= y; break;
    default: x = y == 0 ? 0 : x / y; break;
    }
    a->n = (int32_t)x;
    return 0;
}

static int ev_term(Ev *e, Val *v)
{
    if (ev_unary(e, v) < 0)
        return -1;
    for (;;) {
        skip_blanks(e);
        if (e->p >= e->end || (e->s[e->p] != '*' && e->s[e->p] != '/'))
            return 0;
        char op = e->s[e->p++];
        Val b;
        if (ev_unary(e, &b) < 0 || arith(e, v, &b, op) < 0) {
            val_free(&b);
            return -1;
        }
    }
}

static int ev_sum(Ev *e, Val *v)
{
    if (ev_term(e, v) < 0)
        return -1;
    for (;;) {
        skip_blanks(e);
        if (e->p >= e->end || (e->s[e->p] != '+' && e->s[e->p] != '-'))
            return 0;
        char op = e->s[e->p++];
        Val b;
        if (ev_term(e, &b) < 0 || arith(e, v, &b, op) < 0) {
            val_free(&b);
            return -1;
        }
    }
}

static int keyword(Ev *e, const char *k)
{
    skip_blanks(e);
    size_t n = strlen(k);
    if (e->p + (int)n <= e->end && strncasecmp_a(e->s + e->p, k, n) == 0
        && (e->p + (int)n == e->end || !asm_is_symchar(e->s[e->p + (int)n]))) {
        e->p += (int)n;
        return 1;
    }
    return 0;
}

static int ev_rel(Ev *e, Val *v)
{
    if (ev_sum(e, v) < 0)
        return -1;
    static const char *const rels[] = { "EQ", "NE", "LT", "GT", "LE", "GE" };
    for (int r = 0; r < 6; r++) {
        int save = e->p;
        if (!keyword(e, rels[r])) {
            e->p = save;
            continue;
        }
        Val b;
        if (ev_sum(e, &b) < 0)
            return -1;
        int c;
        int64_t x, y;
        if ((!v->is_str || !b.is_str) && to_num(v, &x) == 0 && to_num(&b, &y) == 0)
            c = x < y ? -1 : x > y;
        else {
            const char *p = v->is_str && v->s.s ? v->s.s : "", *q = b.is_str && b.s.s ? b.s.s : "";
            size_t lp = strlen(p), lq = strlen(q);
            c = lp != lq ? (lp < lq ? -1 : 1) : strcmp(p, q);     /* shorter is lower */
            c = c < 0 ? -1 : c > 0;
        }
        val_free(v);
        val_free(&b);
        int t = r == 0 ? c == 0 : r == 1 ? c != 0 : r == 2 ? c < 0 : r == 3 ? c > 0 : r == 4 ? c <= 0 : c >= 0;
        v->n = t;
        return 0;
    }
    return 0;
}

static int ev_not(Ev *e, Val *v)
{
    if (keyword(e, "NOT")) {
        if (++e->depth > MAXEXPR) {
            e->err = 1;
            return -1;
        }
        int r = ev_not(e, v);
        e->depth--;
        if (r < 0)
            return -1;
        int64_t n;
        if (to_num(v, &n) < 0) {
            e->err = 1;
            return -1;
        }
        val_free(v);
        v->n = !n;
        return 0;
    }
    return ev_rel(e, v);
}

static int ev_and(Ev *e, Val *v)
{
    if (ev_not(e, v) < 0)
        return -1;
    while (keyword(e, "AND")) {
        Val b;
        int64_t x, y;
        if (ev_not(e, &b) < 0 || to_num(v, &x) < 0 || to_num(&b, &y) < 0) {
            e->err = 1;
            return -1;
        }
        val_free(v);
        val_free(&b);
        v->n = x && y;
    }
    return 0;
}

static int ev_expr(Ev *e, Val *v)
{
    if (ev_and(e, v) < 0)
        return -1;
    for (;;) {
        int is_or = keyword(e, "OR"), is_xor = !is_or && keyword(e, "XOR");
        if (!is_or && !is_xor)
            return 0;
        Val b;
        int64_t x, y;
        if (ev_and(e, &b) < 0 || to_num(v, &x) < 0 || to_num(&b, &y) < 0) {
            e->err = 1;
            return -1;
        }
        val_free(v);
        val_free(&b);
        v->n = is_or ? (x || y) : (!x != !y);
    }
}

static int eval(Mac *x, Frame *f, const char *s, int n, Val *v, int *used)
{
    Ev e = { x, f, s, 0, n, 0, 0 };
    memset(v, 0, sizeof *v);
    int r = ev_expr(&e, v);
    skip_blanks(&e);
    if (used)
        *used = e.p;
    if (r < 0 || e.err || (!used && e.p != n)) {
        val_free(v);
        return -1;
    }
    return 0;
}

/* ---- substitution in model statements ---- */
static int subst(Mac *x, Frame *f, const char *t, size_t n, Str *out, int unused)
{
    (void)unused;
    str_add(out, "", 0);
    for (size_t i = 0; i < n;) {
        if (t[i] != '&') {
            size_t k = i;
            while (k < n && t[k] != '&')
                k++;
            str_add(out, t + i, k - i);
            i = k;
            continue;
        }
        if (i + 1 < n && t[i + 1] == '&') {
            str_add(out, "&&", 2);
            i += 2;
            continue;
        }
        if (i + 1 >= n || !asm_is_symstart(t[i + 1])) {
            str_add(out, "&", 1);
            i++;
            continue;
        }
        Ev e = { x, f, t, (int)i, (int)n, 0, 0 };
        const char *name;
        size_t nl;
        int64_t sub[2];
        int nsub;
        /* a subscript only when the name is followed by '(' */
        if (parse_ref(&e, &name, &nl, sub, &nsub) < 0) {
            merr(x, "bad subscript", ASMA003E);
            return -1;
        }
        char type;
        if (lookup(x, f, name, nl, sub, nsub, out, &type) < 0) {
            char buf[72];
            snprintf(buf, sizeof buf, "&%.*s", (int)(nl > 60 ? 60 : nl), name);
            merr(x, buf, ASMA003E);
            str_add(out, t + i, (size_t)e.p - i);
        }
        i = (size_t)e.p;
        if (i < n && t[i] == '.')
            i++;                  /* concatenation */
    }
    return 0;
}

/* ---- statements out ---- */
static AsmStmt *out_stmt(Mac *x)
{
    if (x->nout == x->capout) {
        uint32_t c = x->capout ? x->capout * 2 : 256;
        AsmStmt *q = realloc(x->out, c * sizeof *q);
        if (q == NULL)
            return NULL;
        x->out = q;
        x->capout = c;
    }
    return &x->out[x->nout++];
}

static void track_section(Mac *x, const AsmStmt *s)
{
    const char *t = asm_stmt_text(x->a, s);
    Fields f;
    fields(t, &f);
    if ((op_is(&f, "CSECT") || op_is(&f, "START") || op_is(&f, "DSECT") || op_is(&f, "COM"))) {
        int n = f.name && f.name[0] != '.' ? f.nname : 0;
        snprintf(x->sysect, sizeof x->sysect, "%.*s", n > 63 ? 63 : n, f.name ? f.name : "");
    }
}

static int emit_generated(Mac *x, const char *text, size_t n, int listed_only)
{
    Asm *a = x->a;
    const AsmStmt *call = &a->stmts[x->call_stmt];
    uint32_t off = a->ntext;
    if (asm_append_text(a, text, n) < 0)
        return -1;
    a->text[a->ntext++] = '\0';
    if (asm_add_seg(a, 0, call->card0, 0) < 0)
        return -1;
    AsmStmt *s = out_stmt(x);
    if (s == NULL)
        return -1;
    memset(s, 0, sizeof *s);
    s->text = off;
    s->card0 = call->card0;
    s->ncards = 0;
    s->seg0 = a->nsegs - 1;
    s->nseg = 1;
    s->op = -1;
    s->addr1 = s->addr2 = -1;
    s->generated = 1;
    s->kind = text[0] == '*' || listed_only ? ASM_ST_COMMENT : ASM_ST_STMT;
    if (s->kind == ASM_ST_STMT)
        asm_split_fields(a, s);
    track_section(x, s);
    return 0;
}

/* ---- definitions ---- */
static int32_t find_macro(const Mac *x, const char *name, size_t n)
{
    for (uint32_t i = 0; i < x->nmacs; i++)
        if (strlen(x->macs[i]->name) == n && strncasecmp_a(x->macs[i]->name, name, n) == 0)
            return (int32_t)i;
    return -1;
}

/* The prototype statement: [&LABEL] NAME [&P,...,&K=default,...] */
static int prototype(Mac *x, const char *t, Macro *m)
{
    Fields f;
    fields(t, &f);
    if (f.op == NULL || f.nop == 0)
        return -1;
    memset(m, 0, sizeof *m);
    m->name = dupn(f.op, (size_t)f.nop);
    for (char *p = m->name; p && *p; p++)
        *p = (char)toupper((unsigned char)*p);
    if (f.name && f.name[0] == '&')
        m->label = dupn(f.name + 1, (size_t)f.nname - 1);
    if (f.opnd) {
        int st[MAXV], ln[MAXV];
        int cnt = asm_split_operands(f.opnd, 0, f.nopnd, st, ln, MAXV);
        for (int i = 0; i < cnt && i < MAXV; i++) {
            const char *o = f.opnd + st[i];
            int l = ln[i];
            if (l < 2 || o[0] != '&') {
                merr(x, "prototype operand must be &NAME or &NAME=DEFAULT", ASMA062E);
                continue;
            }
            const char *eq = memchr(o, '=', (size_t)l);
            if (eq) {
                char **k = realloc(m->key, (m->nkey + 1) * sizeof *k);
                char **d = realloc(m->def, (m->nkey + 1) * sizeof *d);
                if (k) m->key = k;
                if (d) m->def = d;
                if (k == NULL || d == NULL)
                    return -1;
                m->key[m->nkey] = dupn(o + 1, (size_t)(eq - o - 1));
                m->def[m->nkey] = dupn(eq + 1, (size_t)(o + l - eq - 1));
                m->nkey++;
            } else {
                char **p = realloc(m->pos, (m->npos + 1) * sizeof *p);
                if (p == NULL)
                    return -1;
                m->pos = p;
                m->pos[m->npos++] = dupn(o + 1, (size_t)l - 1);
            }
        }
    }
    return 0;
}

static void free_macro(Macro *m);

static int add_macro(Mac *x, Macro *m)
{
    Macro *p = malloc(sizeof *p);
    if (p == NULL)
        return -1;
    *p = *m;
    int32_t old = find_macro(x, m->name, strlen(m->name));
    if (old >= 0) {                /* a later definition replaces the earlier one */
        Macro **o = realloc(x->old, (x->nold + 1) * sizeof *o);
        if (o == NULL) {
            free(p);
            return -1;
        }
        x->old = o;
        x->old[x->nold++] = x->macs[old];
        x->macs[old] = p;
        return 0;
    }
    Macro **q = realloc(x->macs, (x->nmacs + 1) * sizeof *q);
    if (q == NULL) {
        free(p);
        return -1;
    }
    x->macs = q;
    x->macs[x->nmacs++] = p;
    return 0;
}

static int body_add(Macro *m, const char *text, uint32_t card)
{
    MacLine *q = realloc(m->body, (m->nbody + 1) * sizeof *q);
    if (q == NULL)
        return -1;
    m->body = q;
    m->body[m->nbody].text = dupn(text, strlen(text));
    m->body[m->nbody].card = card;
    m->nbody++;
    return 0;
}

/* A sequence symbol on MEND names the end of the body: an ANOP there. */
static void body_seq(Macro *m, const char *mend, uint32_t card)
{
    char buf[80];
    int n = 0;
    while (mend[n] && mend[n] != ' ' && n < 63)
        n++;
    snprintf(buf, sizeof buf, "%.*s ANOP", n, mend);
    body_add(m, buf, card);
}

/* A library member: its cards joined into logical statements (continuation
   in column 72, continued from column 16), MACRO ... MEND. */
static int32_t load_library(Mac *x, const char *name, size_t n)
{
    const AsmOptions *o = x->a->opt;
    if (o->macdirs == NULL || n >= 64)
        return -1;
    static const char *const ext[] = { ".mac", ".asm", "", ".MAC" };
    char path[600], nm[64], lower[64];
    memcpy(nm, name, n);
    nm[n] = '\0';
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)tolower((unsigned char)nm[i]);
    FILE *f = NULL;
    for (int d = 0; o->macdirs[d] && !f; d++)
        for (size_t e = 0; e < sizeof ext / sizeof ext[0] && !f; e++)
            for (int c = 0; c < 2 && !f; c++) {
                snprintf(path, sizeof path, "%s/%s%s", o->macdirs[d], c ? lower : nm, ext[e]);
                f = fopen(path, "r");
            }
    if (f == NULL)
        return -1;
    Str stmt = { 0 };
    char line[512];
    int state = 0;                /* 0 before MACRO, 1 prototype, 2 body */
    Macro m;
    memset(&m, 0, sizeof m);
    int ok = 0, cont = 0;
    while (fgets(line, sizeof line, f)) {
        size_t l = strcspn(line, "\r\n");
        line[l] = '\0';
        for (size_t i = 0; i < l; i++)
            if (line[i] == '\t')
                line[i] = ' ';
        size_t from = cont ? 15 : 0, to = l < 71 ? l : 71;
        if (!cont)
            stmt.n = 0;
        if (to > from)
            str_add(&stmt, line + from, to - from);
        else
            str_add(&stmt, "", 0);
        cont = l > 71 && line[71] != ' ';
        if (cont) {
            while (stmt.n > 0 && stmt.s[stmt.n - 1] == ' ')
                stmt.n--;
            stmt.s[stmt.n] = '\0';
            if (!(stmt.n > 0 && stmt.s[stmt.n - 1] == ','))
                str_add(&stmt, " ", 0);
            continue;
        }
        while (stmt.n > 0 && stmt.s[stmt.n - 1] == ' ')
            stmt.s[--stmt.n] = '\0';
        if (stmt.n == 0 || stmt.s[0] == '*' || (stmt.s[0] == '.' && stmt.s[1] == '*')) {
            if (state == 2 && stmt.n && stmt.s[0] == '*')
                body_add(&m, stmt.s, x->a->stmts[x->call_stmt].card0);
            continue;
        }
        Fields fl;
        fields(stmt.s, &fl);
        if (state == 0) {
            if (op_is(&fl, "MACRO"))
                state = 1;
            continue;
        }
        if (state == 1) {
            if (prototype(x, stmt.s, &m) < 0)
                break;
            state = 2;
            continue;
        }
        if (op_is(&fl, "MEND")) {
            if (stmt.s[0] == '.')
                body_seq(&m, stmt.s, x->a->stmts[x->call_stmt].card0);
            ok = 1;
            break;
        }
        body_add(&m, stmt.s, x->a->stmts[x->call_stmt].card0);
    }
    fclose(f);
    free(stmt.s);
    if (!ok || m.name == NULL || strlen(m.name) != n || strncasecmp_a(m.name, name, n) != 0) {
        if (state == 2)
            free_macro(&m);
        return -1;
    }
    m.from_lib = 1;
    if (add_macro(x, &m) < 0) {
        free_macro(&m);
        return -1;
    }
    return find_macro(x, name, n);
}

/* ---- execution ---- */
static int exec_lines(Mac *x, Frame *f, const MacLine *lines, uint32_t nlines, const AsmStmt *open);

static int declare(Mac *x, Frame *f, const Fields *fl, char type, int global)
{
    if (!fl->opnd)
        return 0;
    int st[MAXV], ln[MAXV];
    int cnt = asm_split_operands(fl->opnd, 0, fl->nopnd, st, ln, MAXV);
    Scope *local = f ? &f->local : &x->open;
    for (int i = 0; i < cnt && i < MAXV; i++) {
        const char *o = fl->opnd + st[i];
        int l = ln[i];
        if (l < 2 || o[0] != '&') {
            merr(x, "SET symbol expected", ASMA062E);
            continue;
        }
        const char *paren = memchr(o, '(', (size_t)l);
        size_t nl = paren ? (size_t)(paren - o - 1) : (size_t)l - 1;
        int array = paren != NULL;
        if (global) {
            Var *g = scope_find(&x->global, o + 1, nl);
            if (g == NULL)
                g = scope_add(&x->global, o + 1, nl, type, array);
            if (g == NULL)
                return -1;
            if (local != &x->global) {
                Var *v = scope_add(local, o + 1, nl, type, array);
                if (v)
                    v->global = &x->global.v[g - x->global.v];
            }
        } else if (scope_find(local, o + 1, nl) == NULL) {
            scope_add(local, o + 1, nl, type, array);
        }
    }
    return 0;
}

static int do_set(Mac *x, Frame *f, const Fields *fl, char type)
{
    if (!fl->name || fl->name[0] != '&' || !fl->opnd) {
        merr(x, NULL, ASMA040S);
        return 0;
    }
    const char *paren = memchr(fl->name, '(', (size_t)fl->nname);
    size_t nl = paren ? (size_t)(paren - fl->name - 1) : (size_t)fl->nname - 1;
    uint32_t idx = 1;
    if (paren) {
        Val v;
        int64_t k;
        int close = fl->nname - 1;
        if (fl->name[close] != ')' || eval(x, f, paren + 1, (int)(fl->name + close - paren - 1), &v, NULL) < 0
            || to_num(&v, &k) < 0 || k < 1) {
            merr(x, "bad subscript", ASMA003E);
            return 0;
        }
        val_free(&v);
        idx = (uint32_t)k;
    }
    Scope *local = f ? &f->local : &x->open;
    Var *var = scope_find(local, fl->name + 1, nl);
    if (var == NULL)
        var = scope_add(local, fl->name + 1, nl, type, paren != NULL);
    if (var == NULL)
        return -1;
    Val v;
    if (eval(x, f, fl->opnd, fl->nopnd, &v, NULL) < 0) {
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", fl->nopnd > 60 ? 60 : fl->nopnd, fl->opnd);
        merr(x, buf, ASMA041E);
        return 0;
    }
    char num[32];
    const char *val;
    if (type == 'C') {
        if (!v.is_str) {
            snprintf(num, sizeof num, "%lld", (long long)v.n);
            val = num;
        } else {
            val = v.s.s ? v.s.s : "";
            if (strlen(val) > MAXSETC) {
                merr(x, "SETC value longer than 4064 characters", ASMA062E);
                v.s.s[MAXSETC] = '\0';
            }
        }
    } else {
        int64_t n;
        if (to_num(&v, &n) < 0) {
            merr(x, v.s.s, ASMA041E);
            val_free(&v);
            return 0;
        }
        if (type == 'B')
            n = n != 0;
        snprintf(num, sizeof num, "%lld", (long long)n);
        val = num;
    }
    var_set(var, idx, val);
    val_free(&v);
    return 0;
}

/* AREAD (HLASM Language Reference, "AREAD instruction"): &C AREAD [NOPRINT
   | NOSTMT] assigns the next record after the outermost macro instruction,
   80 characters, to the SETC symbol &C; repeated AREADs read the records
   that follow. The records are not assembled and not checked; the listing
   shows each with a statement number, with NOSTMT without one, with
   NOPRINT not at all. A statement continued over several cards is read a
   card at a time (a partly read one is skipped whole after the call).
   &C AREAD CLOCKB gives the local time in hundredths of a second since
   midnight (8 digits), CLOCKD as HHMMSSTH. */
static void do_aread(Mac *x, Frame *f, const Fields *fl)
{
    Asm *a = x->a;
    enum { PRINT, NOSTMT, NOPRINT, CLOCKB, CLOCKD } mode = PRINT;
    if (fl->opnd && fl->nopnd > 0) {
        static const char *const words[] = { "", "NOSTMT", "NOPRINT", "CLOCKB", "CLOCKD" };
        int k = 1;
        for (; k < 5; k++)
            if (strlen(words[k]) == (size_t)fl->nopnd && strncasecmp_a(fl->opnd, words[k], (size_t)fl->nopnd) == 0)
                break;
        if (k == 5) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", fl->nopnd > 60 ? 60 : fl->nopnd, fl->opnd);
            merr(x, buf, ASMA062E);
            return;
        }
        mode = k;
    }
    if (!fl->name || fl->name[0] != '&' || fl->nname < 2) {
        merr(x, "AREAD needs a SETC symbol in the name field", ASMA062E);
        return;
    }
    /* &C or &C(n) */
    const char *paren = memchr(fl->name, '(', (size_t)fl->nname);
    size_t nl = paren ? (size_t)(paren - fl->name - 1) : (size_t)fl->nname - 1;
    uint32_t idx = 1;
    if (paren && f != NULL) {
        Val v;
        int64_t k;
        int close = fl->nname - 1;
        if (nl == 0 || fl->name[close] != ')'
            || eval(x, f, paren + 1, (int)(fl->name + close - paren - 1), &v, NULL) < 0) {
            merr(x, "bad subscript", ASMA003E);
            return;
        }
        int bad = to_num(&v, &k) < 0 || k < 1;
        val_free(&v);
        if (bad) {
            merr(x, "bad subscript", ASMA003E);
            return;
        }
        idx = (uint32_t)k;
    }
    if (f == NULL) {
        merr(x, "AREAD is allowed only in a macro definition", ASMA062E);
        return;
    }
    char rec[81];
    if (mode == CLOCKB || mode == CLOCKD) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        time_t now = ts.tv_sec;
        struct tm tm;
        localtime_r(&now, &tm);
        long th = ts.tv_nsec / 10000000L;
        if (mode == CLOCKB)
            snprintf(rec, sizeof rec, "%08ld",
                     ((long)tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) * 100 + th);
        else
            snprintf(rec, sizeof rec, "%02d%02d%02d%02ld", tm.tm_hour, tm.tm_min, tm.tm_sec, th);
    } else {
        if (!x->in_call || x->rd_stmt >= x->nsrc) {
            merr(x, "AREAD: no more input records", ASMA062E);
            rec[0] = '\0';
        } else {
            const AsmStmt *s = &x->src[x->rd_stmt];
            uint32_t card = s->card0 + x->rd_card;
            snprintf(rec, sizeof rec, "%-80.80s", card < a->ncards ? a->cards[card] : "");
            if (mode != NOPRINT) {
                AsmStmt *o = out_stmt(x);
                if (o != NULL) {
                    *o = *s;
                    o->card0 = card;
                    o->ncards = s->ncards ? 1 : 0;
                    o->kind = ASM_ST_COMMENT;
                    o->generated = 0;
                    o->unnumbered = mode == NOSTMT;
                }
            }
            x->map[x->rd_stmt] = MAP_AREAD;
            if (++x->rd_card >= s->ncards) {
                x->rd_stmt++;
                x->rd_card = 0;
            }
        }
    }
    Scope *local = &f->local;
    Var *var = scope_find(local, fl->name + 1, nl);
    if (var == NULL)
        var = scope_add(local, fl->name + 1, nl, 'C', paren != NULL);
    if (var == NULL)
        return;
    if (var->type != 'C') {
        merr(x, "AREAD needs a SETC symbol in the name field", ASMA062E);
        return;
    }
    var_set(var, idx, rec);
}

static int find_seq(const MacLine *lines, uint32_t nlines, const AsmStmt *open, Asm *a,
                    const char *name, size_t n)
{
    for (uint32_t i = 0; i < nlines; i++) {
        const char *t = open ? asm_stmt_text(a, &open[i]) : lines[i].text;
        if (open && open[i].kind != ASM_ST_STMT)
            continue;
        if (t[0] != '.')
            continue;
        size_t k = 0;
        while (t[k] && t[k] != ' ')
            k++;
        if (k == n && strncasecmp_a(t, name, n) == 0)
            return (int)i;
    }
    return -1;
}

static int call_macro(Mac *x, Frame *caller, const Macro *m, const char *label, size_t nlabel,
                      const char *opnd, int nopnd)
{
    if (x->depth >= MAXNEST) {
        merr(x, "macro calls nested more than 64 deep", ASMA062E);
        x->abort = 1;             /* a runaway recursion: stop expanding */
        return 0;
    }
    Frame f;
    memset(&f, 0, sizeof f);
    f.m = m;
    f.actr = 4096;
    f.labelv = label ? dupn(label, nlabel) : NULL;
    f.keyv = calloc(m->nkey + 1, sizeof *f.keyv);
    if (f.keyv == NULL)
        return -1;
    for (uint32_t i = 0; i < m->nkey; i++)
        f.keyv[i] = dupn(m->def[i], strlen(m->def[i]));
    if (opnd && nopnd > 0) {
        int st[MAXV], ln[MAXV];
        int cnt = asm_split_operands(opnd, 0, nopnd, st, ln, MAXV);
        for (int i = 0; i < cnt && i < MAXV; i++) {
            const char *o = opnd + st[i];
            int l = ln[i];
            const char *eq = memchr(o, '=', (size_t)l);
            int done = 0;
            if (eq && eq > o && asm_is_symstart(o[0])) {
                for (uint32_t k = 0; k < m->nkey; k++)
                    if (strlen(m->key[k]) == (size_t)(eq - o) && strncasecmp_a(m->key[k], o, (size_t)(eq - o)) == 0) {
                        free(f.keyv[k]);
                        f.keyv[k] = dupn(eq + 1, (size_t)(o + l - eq - 1));
                        done = 1;
                    }
                if (!done) {       /* then it is a positional operand, keyword and all */
                    char buf[72];
                    snprintf(buf, sizeof buf, "%.*s", (int)(eq - o) > 60 ? 60 : (int)(eq - o), o);
                    merr(x, buf, ASMA017W);
                }
            }
            if (!done) {
                char **q = realloc(f.posv, (f.nposv + 1) * sizeof *q);
                if (q == NULL)
                    break;
                f.posv = q;
                f.posv[f.nposv++] = dupn(o, (size_t)l);
            }
        }
    }
    x->ndx++;
    snprintf(f.sysndx, sizeof f.sysndx, "%04u", x->ndx);
    (void)caller;
    x->depth++;
    int r = exec_lines(x, &f, m->body, m->nbody, NULL);
    x->depth--;
    x->stop = 0;
    free(f.labelv);
    for (uint32_t i = 0; i < m->nkey; i++)
        free(f.keyv[i]);
    free(f.keyv);
    for (uint32_t i = 0; i < f.nposv; i++)
        free(f.posv[i]);
    free(f.posv);
    scope_free(&f.local);
    return r;
}

/* The macro a statement calls, or -1 (definitions from -M folders are read
   when an operation is neither a macro nor an instruction). */
static int32_t macro_for(Mac *x, const char *t)
{
    Fields fl;
    fields(t, &fl);
    if (!fl.op || fl.nop == 0 || t[0] == '*')
        return -1;
    int32_t k = find_macro(x, fl.op, (size_t)fl.nop);
    if (k < 0) {
        if (asm_find_op(x->a, fl.op, (size_t)fl.nop) >= 0 || is_cond_op(fl.op, fl.nop))
            return -1;
        k = load_library(x, fl.op, (size_t)fl.nop);
    }
    return k;
}

static void do_call(Mac *x, Frame *f, int32_t k, const char *t)
{
    Fields fl;
    fields(t, &fl);
    const char *label = fl.name && fl.name[0] != '.' ? fl.name : NULL;
    int opn = fl.opnd ? opnd_end(t, (int)(fl.opnd - t), 0) - (int)(fl.opnd - t) : 0;
    call_macro(x, f, x->macs[k], label, label ? (size_t)fl.nname : 0, fl.opnd, opn);
}

/* Run statements: a macro body (lines) or open code (open, the source
   statements, copied to the output when they are not conditional assembly). */
static int exec_lines(Mac *x, Frame *f, const MacLine *lines, uint32_t nlines, const AsmStmt *open)
{
    Asm *a = x->a;
    long actr = f ? f->actr : 4096;
    for (uint32_t i = 0; i < nlines && !x->stop && !x->abort;) {
        if (++x->work > MAXWORK) {
            merr(x, "more than 300000 statements processed by macros and conditional assembly",
                 ASMA259E);
            x->abort = 1;
            break;
        }
        const char *t;
        if (open) {
            const AsmStmt *s = &open[i];
            x->call_stmt = i;
            if (s->kind != ASM_ST_STMT) {
                AsmStmt *o = out_stmt(x);
                if (o == NULL)
                    return -1;
                *o = *s;
                x->map[i] = x->nout - 1;
                i++;
                continue;
            }
            t = asm_stmt_text(a, s);
        } else {
            t = lines[i].text;
        }
        if (!open && (t[0] == '.' && t[1] == '*')) {
            i++;
            continue;
        }
        Fields fl;
        fields(t, &fl);
        /* definitions (in open code; in a body an inner definition is skipped) */
        if (op_is(&fl, "MACRO")) {
            uint32_t j = i + 1;
            int depth = 1;
            Macro m;
            int have = 0;
            if (open) {
                AsmStmt *o = out_stmt(x);
                if (o == NULL)
                    return -1;
                *o = open[i];
                x->map[i] = x->nout - 1;
                o->kind = ASM_ST_COMMENT;          /* listed, not assembled */
                x->call_out = x->nout - 1;
            }
            for (; j < nlines; j++) {
                const char *u = open ? asm_stmt_text(a, &open[j]) : lines[j].text;
                Fields g;
                if (open && open[j].kind != ASM_ST_STMT) {
                    if (have && open[j].kind == ASM_ST_COMMENT && u[0] == '*')
                        body_add(&m, u, open[j].card0);
                } else {
                    fields(u, &g);
                    if (op_is(&g, "MACRO"))
                        depth++;
                    if (op_is(&g, "MEND") && --depth == 0) {
                        if (have && u[0] == '.')
                            body_seq(&m, u, open ? open[j].card0 : lines[j].card);
                        break;
                    }
                    if (!have && depth == 1) {
                        if (prototype(x, u, &m) == 0)
                            have = 1;
                    } else if (have) {
                        body_add(&m, u, open ? open[j].card0 : lines[j].card);
                    }
                }
                if (open) {
                    AsmStmt *o = out_stmt(x);
                    if (o == NULL)
                        return -1;
                    *o = open[j];
                    x->map[j] = x->nout - 1;
                    o->kind = o->kind == ASM_ST_STMT ? ASM_ST_COMMENT : o->kind;
                }
            }
            if (open && j < nlines) {
                AsmStmt *o = out_stmt(x);
                if (o == NULL)
                    return -1;
                *o = open[j];
                x->map[j] = x->nout - 1;
                o->kind = ASM_ST_COMMENT;
            }
            if (j >= nlines)
                merr(x, "MEND missing", ASMA062E);
            if (have && add_macro(x, &m) < 0)
                free_macro(&m);
            i = j + 1;
            continue;
        }
        /* conditional assembly */
        int cond = fl.op && is_cond_op(fl.op, fl.nop);
        if (cond && open && !op_is(&fl, "MNOTE")) {   /* MNOTE is assembled: listed below */
            AsmStmt *o = out_stmt(x);
            if (o == NULL)
                return -1;
            *o = open[i];
            x->map[i] = x->nout - 1;
            o->kind = ASM_ST_COMMENT;
        }
        if (open)
            x->call_out = x->nout > 0 ? x->nout - 1 : 0;
        if (op_is(&fl, "MEND") || op_is(&fl, "MEXIT")) {
            if (!open)
                return 0;
            i++;
            continue;
        }
        if (op_is(&fl, "ANOP")) {
            i++;
            continue;
        }
        if (op_is(&fl, "AREAD")) {
            do_aread(x, f, &fl);
            i++;
            continue;
        }
        if (op_is(&fl, "LCLA") || op_is(&fl, "LCLB") || op_is(&fl, "LCLC")
            || op_is(&fl, "GBLA") || op_is(&fl, "GBLB") || op_is(&fl, "GBLC")) {
            declare(x, f, &fl, (char)toupper((unsigned char)fl.op[3]), toupper((unsigned char)fl.op[0]) == 'G');
            i++;
            continue;
        }
        if (op_is(&fl, "SETA") || op_is(&fl, "SETB") || op_is(&fl, "SETC")) {
            do_set(x, f, &fl, (char)toupper((unsigned char)fl.op[3]));
            i++;
            continue;
        }
        if (op_is(&fl, "ACTR")) {
            Val v;
            int64_t n;
            if (fl.opnd && eval(x, f, fl.opnd, fl.nopnd, &v, NULL) == 0 && to_num(&v, &n) == 0)
                actr = (long)n;
            val_free(&v);
            i++;
            continue;
        }
        if ((op_is(&fl, "AIF") || op_is(&fl, "AGO")) && open && x->open_dead) {
            i++;
            continue;
        }
        if (op_is(&fl, "AIF") || op_is(&fl, "AGO")) {
            const char *target = NULL;
            int ntarget = 0;
            if (!fl.opnd) {
                merr(x, NULL, ASMA040S);
                i++;
                continue;
            }
            int is_aif = op_is(&fl, "AIF");
            if (fl.opnd[0] == '(') {
                Val v;
                int used = 0;
                /* the expression in parentheses, then the target(s) */
                Ev e = { x, f, fl.opnd, 0, fl.nopnd, 0, 0 };
                memset(&v, 0, sizeof v);
                int r = ev_primary(&e, &v);
                used = e.p;
                int64_t n = 0;
                if (r < 0 || e.err || to_num(&v, &n) < 0) {
                    char buf[72];
                    snprintf(buf, sizeof buf, "%.*s", fl.nopnd > 60 ? 60 : fl.nopnd, fl.opnd);
                    merr(x, buf, ASMA041E);
                    val_free(&v);
                    i++;
                    continue;
                }
                val_free(&v);
                const char *rest = fl.opnd + used;
                int nrest = fl.nopnd - used;
                if (is_aif) {
                    if (n) {
                        target = rest;
                        ntarget = nrest;
                    }
                } else {
                    int st[MAXV], ln[MAXV];
                    int cnt = asm_split_operands(rest, 0, nrest, st, ln, MAXV);
                    if (n >= 1 && n <= cnt && n <= MAXV) {
                        target = rest + st[n - 1];
                        ntarget = ln[n - 1];
                    }
                }
            } else if (!is_aif) {
                target = fl.opnd;
                ntarget = fl.nopnd;
            }
            if (target == NULL) {
                i++;
                continue;
            }
            if (ntarget < 2 || target[0] != '.') {
                merr(x, "sequence symbol expected", ASMA062E);
                i++;
                continue;
            }
            int k = find_seq(lines, nlines, open, a, target, (size_t)ntarget);
            if (k < 0) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", ntarget > 60 ? 60 : ntarget, target);
                merr(x, buf, ASMA044E);
                i++;
                continue;
            }
            if (--actr < 0) {
                merr(x, NULL, ASMA259E);
                if (!open) {
                    x->stop = 1;
                    return 0;
                }
                i++;               /* open code goes on, branches ignored from now on */
                x->open_dead = 1;
                continue;
            }
            i = (uint32_t)k;
            continue;
        }
        /* a model statement: substitute, then generate, or expand a call */
        Str txt = { 0 };
        const char *use = t;
        if (strchr(t, '&')) {
            /* name, operation and operands; the remarks stay as written */
            size_t cut = strlen(t);
            if (fl.opnd)
                cut = (size_t)(fl.opnd - t + fl.nopnd);
            if (subst(x, f, t, cut, &txt, 0) < 0) {
                free(txt.s);
                i++;
                continue;
            }
            str_add(&txt, t + cut, strlen(t + cut));
            use = txt.s;
        }
        if (use[0] == '.') {       /* a sequence symbol names the statement: not generated */
            size_t k = 0;
            while (use[k] && use[k] != ' ')
                k++;
            Str rest = { 0 };
            str_add(&rest, "", 0);
            for (size_t q = 0; q < k; q++)
                str_add(&rest, " ", 1);
            str_add(&rest, use + k, strlen(use + k));
            free(txt.s);
            txt = rest;
            use = txt.s;
            int blank = 1;
            for (const char *q = use; *q; q++)
                blank &= *q == ' ';
            if (blank) {
                free(txt.s);
                if (open) {
                    AsmStmt *o = out_stmt(x);
                    if (o == NULL)
                        return -1;
                    *o = open[i];
                    x->map[i] = x->nout - 1;
                    o->kind = ASM_ST_COMMENT;
                }
                i++;
                continue;
            }
        }
        int32_t mk = macro_for(x, use);
        if (mk >= 0) {
            if (open) {            /* the call is listed, then its expansion */
                AsmStmt *o = out_stmt(x);
                if (o == NULL) {
                    free(txt.s);
                    return -1;
                }
                *o = open[i];
                x->map[i] = x->nout - 1;
                o->kind = ASM_ST_COMMENT;
                x->call_out = x->nout - 1;
                x->in_call = 1;
                x->rd_stmt = i + 1;
                x->rd_card = 0;
            } else {
                emit_generated(x, use, strlen(use), 1);
            }
            do_call(x, f, mk, use);
            free(txt.s);
            if (open) {            /* after the records AREAD took */
                x->in_call = 0;
                i = x->rd_stmt + (x->rd_card > 0);
                continue;
            }
            i++;
            continue;
        }
        if (open) {
            AsmStmt *o = out_stmt(x);
            if (o == NULL) {
                free(txt.s);
                return -1;
            }
            *o = open[i];
            x->map[i] = x->nout - 1;
            if (use != t) {        /* substituted: assemble the new text, list the cards */
                uint32_t off = a->ntext;
                asm_append_text(a, use, strlen(use));
                a->text[a->ntext++] = '\0';
                o->text = off;
                asm_split_fields(a, o);
            }
            track_section(x, o);
        } else {
            emit_generated(x, use, strlen(use), 0);
        }
        free(txt.s);
        i++;
    }
    return 0;
}

static void free_macro(Macro *m)
{
    free(m->name);
    free(m->label);
    for (uint32_t i = 0; i < m->npos; i++)
        free(m->pos[i]);
    free(m->pos);
    for (uint32_t i = 0; i < m->nkey; i++) {
        free(m->key[i]);
        free(m->def[i]);
    }
    free(m->key);
    free(m->def);
    for (uint32_t i = 0; i < m->nbody; i++)
        free(m->body[i].text);
    free(m->body);
}

/* Whether the source needs this pass at all: a MACRO, a conditional-assembly
   statement, or an operation no table knows while -M folders are given. */
static int needed(Asm *a)
{
    for (uint32_t i = 0; i < a->nstmts; i++) {
        const AsmStmt *s = &a->stmts[i];
        if (s->kind != ASM_ST_STMT || s->op_off < 0)
            continue;
        const char *op = asm_stmt_text(a, s) + s->op_off;
        if (is_cond_op(op, s->op_len))
            return 1;
        if (a->opt->macdirs && a->opt->macdirs[0] && asm_find_op(a, op, (size_t)s->op_len) < 0)
            return 1;
    }
    for (uint32_t i = 0; i < a->nstmts; i++) {
        const char *t = asm_stmt_text(a, &a->stmts[i]);
        if (a->stmts[i].kind == ASM_ST_STMT && strchr(t, '&')) {
            /* &SYSNDX-free open code with & in quoted strings needs no pass */
            for (const char *q = t; (q = strchr(q, '&')) != NULL; q++) {
                if (q[1] == '&') {
                    q++;
                    continue;
                }
                if (asm_is_symstart(q[1]))
                    return 1;
            }
        }
    }
    return 0;
}

int asm_macro_pass(Asm *a)
{
    if (!needed(a))
        return 0;
    Mac x;
    memset(&x, 0, sizeof x);
    x.a = a;
    uint32_t ndiag0 = a->ndiags;
    x.map = malloc((a->nstmts + 1) * sizeof *x.map);
    if (x.map == NULL)
        return -1;
    for (uint32_t i = 0; i <= a->nstmts; i++)
        x.map[i] = UINT32_MAX;
    x.src = a->stmts;
    x.nsrc = a->nstmts;
    int r = exec_lines(&x, NULL, NULL, a->nstmts, a->stmts);
    /* diagnostics of the reader name source statements: renumber them;
       those given during the pass name output statements already. Records
       AREAD read are not checked: their diagnostics go. */
    uint32_t keep = 0, dropped = 0;
    for (uint32_t i = 0; i < a->ndiags; i++) {
        if (i < ndiag0) {
            uint32_t st = a->diags[i].stmt;
            if (st < a->nstmts && x.map[st] == MAP_AREAD) {
                dropped++;
                continue;
            }
            if (st < a->nstmts)
                a->diags[i].stmt = x.map[st] != UINT32_MAX ? x.map[st] : x.nout;
            else
                a->diags[i].stmt = x.nout;
        }
        a->diags[keep++] = a->diags[i];
    }
    a->ndiags = keep;
    if (dropped) {
        a->maxsev = 0;
        for (uint32_t i = 0; i < a->ndiags; i++)
            if (asm_msg_severity(a->diags[i].msg) > a->maxsev)
                a->maxsev = asm_msg_severity(a->diags[i].msg);
    }
    free(x.map);
    free(x.la_out);
    free(x.la_src);
    free(a->stmts);
    a->stmts = x.out;
    a->nstmts = x.nout;
    a->capstmts = x.capout;
    for (uint32_t i = 0; i < a->nstmts; i++)
        a->stmts[i].flagged = 0;
    for (uint32_t i = 0; i < a->ndiags; i++)
        if (a->diags[i].stmt < a->nstmts)
            a->stmts[a->diags[i].stmt].flagged = 1;
    for (uint32_t i = 0; i < x.nmacs; i++) {
        free_macro(x.macs[i]);
        free(x.macs[i]);
    }
    free(x.macs);
    for (uint32_t i = 0; i < x.nold; i++) {
        free_macro(x.old[i]);
        free(x.old[i]);
    }
    free(x.old);
    scope_free(&x.open);
    scope_free(&x.global);
    return r;
}
