/* asm_assemble.c — the two passes, the directives and the image.
 *
 * Pass 1 gives every statement its section and location and defines the
 * symbols of the name fields (HLASM Language Reference, "Assembler
 * instructions": CSECT, START, END, EQU, DC, DS, ORG; USING and DROP act in
 * pass 2; TITLE, EJECT, SPACE and PRINT control the listing). Equates left
 * undefined by forward references are retried until nothing changes.
 * Control sections are then laid out one after the other from the origin
 * (AsmOptions.origin, or the START address), each on a doubleword boundary,
 * as a linkage editor would for one module. Pass 2 evaluates operands and
 * stores the bytes; it reuses the pass-1 locations so the two cannot differ.
 * Machine instructions are aligned to the shortest instruction length when
 * that is even (the halfword boundary of System/360).
 */
#include <stdlib.h>
#include <string.h>
#include "asm_autocoder.h"
#include "asm_int.h"
#include "../emulator/emu_charset.h"

int asm_charset_code(const Asm *a, unsigned char host)
{
    return emu_from_host(a->charset, host);
}

void asm_put_bytes(Asm *a, int64_t addr, const uint8_t *b, uint32_t n)
{
    if (a->cursect > 0 && a->sects[a->cursect].kind == ASM_SK_DSECT)
        return;                    /* a dummy section describes storage, holds none */
    if (a->cursect > 0 && a->sects[a->cursect].kind == ASM_SK_COM && a->object)
        return;                    /* nor does a common area in a deck (no text) */
    for (uint32_t i = 0; i < n; i++) {
        int64_t x = addr + i;
        if (a->img && x >= a->img_origin && x < a->img_end)
            a->img[x - a->img_origin] = b[i];
    }
}

static int insn_align(const Asm *a)
{
    uint32_t min = 0;
    for (uint32_t i = 0; i < a->m->nformats; i++)
        if (a->m->formats[i].length && (min == 0 || a->m->formats[i].length < min))
            min = a->m->formats[i].length;
    return min > 1 && min % 2 == 0 ? (int)min : 1;
}

static int same_name(const char *stored, const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 32) : name[i];
        if (stored[i] != c)
            return 0;
    }
    return stored[len] == '\0';
}

static int32_t add_sect(Asm *a, const char *name, size_t len, uint32_t stmt, int kind);

/* A control section, dummy section or common area by name (resumed when it
   exists); the unnamed private section has the empty name. */
static int32_t new_sect(Asm *a, const char *name, size_t len, uint32_t stmt, int kind)
{
    for (uint32_t i = 1; i < a->nsects; i++)
        if (a->sects[i].kind != ASM_SK_ER && a->sects[i].kind != ASM_SK_WX
            && same_name(a->sects[i].name, name, len) && (len > 0 || a->sects[i].kind == kind))
            return (int32_t)i;
    return add_sect(a, name, len, stmt, kind);
}

int32_t asm_find_extern(const Asm *a, const char *name, size_t len)
{
    for (uint32_t i = 1; i < a->nsects; i++)
        if ((a->sects[i].kind == ASM_SK_ER || a->sects[i].kind == ASM_SK_WX)
            && same_name(a->sects[i].name, name, len))
            return (int32_t)i;
    return 0;
}

int32_t asm_add_extern(Asm *a, const char *name, size_t len, int kind)
{
    int32_t i = asm_find_extern(a, name, len);
    if (i > 0)
        return i;
    return add_sect(a, name, len, a->cur, kind);
}

static int32_t add_sect(Asm *a, const char *name, size_t len, uint32_t stmt, int kind)
{
    AsmSect *q = realloc(a->sects, (a->nsects + 1) * sizeof *q);
    if (q == NULL)
        return 0;
    a->sects = q;
    AsmSect *s = &a->sects[a->nsects];
    memset(s, 0, sizeof *s);
    s->name = malloc(len + 1);
    if (s->name == NULL)
        return 0;
    for (size_t i = 0; i < len; i++)
        s->name[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    s->name[len] = '\0';
    s->sym = -1;
    s->stmt = stmt;
    s->kind = (uint8_t)kind;
    if (kind == ASM_SK_CSECT && a->first_csect == 0)
        a->first_csect = (int32_t)a->nsects;
    return (int32_t)a->nsects++;
}

static int32_t ensure_sect(Asm *a)
{
    if (a->cursect == 0)
        a->cursect = new_sect(a, "", 0, a->cur, ASM_SK_CSECT);
    return a->cursect;
}

/* The name field: a valid ordinary symbol, or a sequence symbol (.X), or none. */
static int name_ok(Asm *a, const AsmStmt *s)
{
    const char *t = asm_stmt_text(a, s);
    if (s->name_off < 0 || t[0] == '.')
        return 0;
    int n = s->name_len;
    if (!asm_is_symstart(t[0]) || n > 63) {
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", n > 63 ? 63 : n, t);
        asm_error(a, 0, ASMA147E, buf);
        return 0;
    }
    for (int i = 1; i < n; i++)
        if (!asm_is_symchar(t[i])) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", n > 63 ? 63 : n, t);
            asm_error(a, i, ASMA143E, buf);
            return 0;
        }
    return 1;
}

static void define(Asm *a, AsmStmt *s, int32_t sect, int64_t value, uint32_t length)
{
    const char *t = asm_stmt_text(a, s);
    int32_t i = asm_sym_intern(a, t, (size_t)s->name_len);
    if (i < 0)
        return;
    AsmSym *sym = &a->syms[i];
    if (sym->defstmt >= 0 && sym->defstmt != (int32_t)a->cur) {
        char buf[72];
        snprintf(buf, sizeof buf, "%s", sym->name);
        asm_error(a, 0, ASMA043E, buf);
        return;
    }
    sym->defstmt = (int32_t)a->cur;
    sym->sect = sect;
    sym->value = value;
    sym->length = length;
    uint32_t l;
    sym->type = asm_type_attr(a, s, &l);
}

/* A symbol EQU gives a complexly relocatable value (HLASM Language
   Reference, "EQU instruction"): its absolute part and its terms. */
static void define_complex(Asm *a, AsmStmt *s, const AsmValue *v, uint32_t length)
{
    define(a, s, 0, 0, length);
    const char *t = asm_stmt_text(a, s);
    int32_t i = asm_sym_find(a, t, (size_t)s->name_len);
    if (i < 0 || a->syms[i].defstmt != (int32_t)a->cur)
        return;
    AsmSym *sym = &a->syms[i];
    int32_t *cx = realloc(sym->cx, (size_t)(v->nrel ? v->nrel : 1) * 2 * sizeof *cx);
    if (cx == NULL)
        return;
    sym->cx = cx;
    sym->ncx = v->nrel;
    sym->sect = -1;
    sym->value = v->v;
    for (uint8_t k = 0; k < v->nrel; k++) {
        cx[2 * k] = v->rel_sect[k];
        cx[2 * k + 1] = v->rel_cnt[k];
        sym->value -= (int64_t)v->rel_cnt[k] * a->sects[v->rel_sect[k]].start;
    }
}

static int operand_value(Asm *a, const char *t, int *p, AsmValue *v, int report)
{
    AsmErr e = { -1, 0, "" };
    int at = *p;
    int r = asm_expr(a, t, p, v, &e);
    if (r == 1) {
        if (report)
            asm_error(a, at, ASMA041E, NULL);
        return -1;
    }
    if (r == 2 || e.msg >= 0) {
        if (report)
            asm_report_err(a, &e);
        return -1;
    }
    return 0;
}

/* EQU value[,length]: returns 1 when defined, 0 when still undefined. */
static int do_equ(Asm *a, AsmStmt *s, int report)
{
    const char *t = asm_stmt_text(a, s);
    int starts[4], lens[4];
    int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, starts, lens, 4) : 0;
    if (n == 0 || lens[0] == 0) {
        if (report)
            asm_error(a, s->opnd_off >= 0 ? s->opnd_off : -1, ASMA040S, NULL);
        return report ? 1 : 0;
    }
    AsmValue v, l;
    int p = starts[0];
    if (operand_value(a, t, &p, &v, report) < 0)
        return report ? 1 : 0;
    if (p != starts[0] + lens[0]) {
        if (report)
            asm_error(a, p, ASMA035S, NULL);
        return 1;
    }
    uint32_t len = v.len;
    if (n > 1 && lens[1] > 0) {
        p = starts[1];
        if (operand_value(a, t, &p, &l, report) < 0)
            return report ? 1 : 0;
        if (l.undefined)
            return 0;
        if (l.sect != 0 || l.v < 0 || l.v > 65535) {
            if (report)
                asm_error(a, starts[1], ASMA068S, NULL);
        } else {
            len = (uint32_t)l.v;
        }
    }
    if (v.undefined)
        return 0;
    if (v.sect < 0 && (v.rel_lost || v.literal)) {
        if (report) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", lens[0] > 60 ? 60 : lens[0], t + starts[0]);
            asm_error(a, starts[0], ASMA078E, buf);
        }
        return 1;
    }
    if (v.sect < 0) {              /* complexly relocatable: allowed in EQU */
        if (s->name_off >= 0 && name_ok(a, s)) {
            int32_t i = asm_sym_find(a, t, (size_t)s->name_len);
            if (i < 0 || a->syms[i].defstmt < 0 || a->syms[i].defstmt == (int32_t)a->cur)
                define_complex(a, s, &v, len);
        }
        s->addr2 = v.v;
        return 1;
    }
    if (s->name_off >= 0 && name_ok(a, s)) {
        int32_t i = asm_sym_find(a, t, (size_t)s->name_len);
        if (i < 0 || a->syms[i].defstmt < 0 || a->syms[i].defstmt == (int32_t)a->cur)
            define(a, s, v.sect, asm_sect_offset(a, &v), len);
    }
    s->addr2 = v.v;
    return 1;
}

/* Locations stay inside the address space (2^addr_bits units). */
static int64_t max_loc(const Asm *a)
{
    int bits = a->m->addr_bits > 0 && a->m->addr_bits < 31 ? a->m->addr_bits : 24;
    return (int64_t)1 << bits;
}

static void set_loc(Asm *a, int64_t loc)
{
    AsmSect *sc = &a->sects[a->cursect];
    if (sc->start + loc > max_loc(a)) {
        asm_error(a, -1, ASMA039S, NULL);
        loc = max_loc(a) - sc->start;
        if (loc < 0)
            loc = 0;
    }
    sc->loc = loc;
    if (loc > sc->high)
        sc->high = loc;
}

/* ---- literals (HLASM Language Reference, "Literals" and "LTORG
   instruction"): each distinct literal of a pool once; a pool is closed by
   LTORG, the last one goes to the end of the first control section. In the
   pool, literals whose length is a multiple of 8 come first, then 4, 2 and
   the rest, each group in order of first use; the pool starts on a
   doubleword boundary. ---- */
static uint32_t lit_hash(int32_t pool, const char *text, size_t len)
{
    uint32_t h = 2166136261u ^ (uint32_t)pool;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 16777619u;
    return h;
}

static int32_t find_lit(const Asm *a, int32_t pool, const char *text, size_t len)
{
    if (a->lithsize == 0)
        return -1;
    for (uint32_t h = lit_hash(pool, text, len) & (a->lithsize - 1);; h = (h + 1) & (a->lithsize - 1)) {
        int32_t i = a->lithash[h];
        if (i < 0)
            return -1;
        if (a->lits[i].pool == pool && strlen(a->lits[i].text) == len
            && memcmp(a->lits[i].text, text, len) == 0)
            return i;
    }
}

int32_t asm_lit_find(const Asm *a, const char *text, size_t len)
{
    return find_lit(a, a->litpool, text, len);
}

/* The literal table's hash: open addressing, at most half full. */
static int lit_index(Asm *a, int32_t k)
{
    if ((a->nlits + 1) * 2 > a->lithsize) {
        uint32_t size = a->lithsize ? a->lithsize * 2 : 256;
        int32_t *t = malloc(size * sizeof *t);
        if (t == NULL)
            return -1;
        for (uint32_t i = 0; i < size; i++)
            t[i] = -1;
        free(a->lithash);
        a->lithash = t;
        a->lithsize = size;
        for (int32_t i = 0; i < k; i++) {
            const AsmLit *l = &a->lits[i];
            uint32_t h = lit_hash(l->pool, l->text, strlen(l->text)) & (size - 1);
            while (t[h] >= 0)
                h = (h + 1) & (size - 1);
            t[h] = i;
        }
    }
    const AsmLit *l = &a->lits[k];
    uint32_t h = lit_hash(l->pool, l->text, strlen(l->text)) & (a->lithsize - 1);
    while (a->lithash[h] >= 0)
        h = (h + 1) & (a->lithsize - 1);
    a->lithash[h] = k;
    return 0;
}

static void add_literal(Asm *a, const char *text, size_t len, int at)
{
    if (find_lit(a, a->litpool, text, len) >= 0)
        return;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return;
    memcpy(copy, text, len);
    copy[len] = '\0';
    uint32_t size;
    int align;
    if (asm_literal_size(a, copy, &size, &align) < 0) {
        char buf[72];
        snprintf(buf, sizeof buf, "=%.*s", len > 60 ? 60 : (int)len, text);
        asm_error(a, at, ASMA041E, buf);
        free(copy);
        return;
    }
    if (a->nlits == a->caplits) {
        uint32_t n = a->caplits ? a->caplits * 2 : 16;
        AsmLit *q = realloc(a->lits, n * sizeof *q);
        if (q == NULL) {
            free(copy);
            return;
        }
        a->lits = q;
        a->caplits = n;
    }
    a->lits[a->nlits] = (AsmLit){ copy, a->litpool, 0, 0, size, 0, NULL, 0, 0 };
    if (lit_index(a, (int32_t)a->nlits) < 0) {
        free(copy);
        return;
    }
    a->nlits++;
    if (a->pool_first_pool != a->litpool) {
        a->pool_first_pool = a->litpool;
        a->pool_from = a->nlits - 1;
    }
}

/* Literals written as operands (or inside an operand, after a '('). */
static void find_literals(Asm *a, const char *t, int off, int len)
{
    int q = 0;
    for (int i = off; i < off + len; i++) {
        char c = t[i];
        if (q) {
            if (c == '\'') {
                if (t[i + 1] == '\'')
                    i++;
                else
                    q = 0;
            }
            continue;
        }
        if (c == '=' && (i == off || t[i - 1] == ',' || t[i - 1] == '(')) {
            int e = asm_literal_end(t, i + 1);
            if (e > off + len)
                e = off + len;
            add_literal(a, t + i + 1, (size_t)(e - i - 1), i);
            i = e - 1;
            continue;
        }
        if (c == '\'') {
            int attr = i > off && (t[i - 1] == 'L' || t[i - 1] == 'l' || t[i - 1] == 'T' || t[i - 1] == 't')
                       && (i - 1 == off || !asm_is_symchar(t[i - 2]));
            if (!attr)
                q = 1;
        }
    }
}

/* Place the open pool at sect+loc (rounded up to a doubleword); returns the
   location after it and closes the pool. */
static int64_t place_pool(Asm *a, int32_t sect, int64_t loc, uint32_t stmt)
{
    int64_t base = a->sects[sect].start;
    int any = 0;
    uint32_t from = a->pool_first_pool == a->litpool ? a->pool_from : a->nlits;
    for (uint32_t i = from; i < a->nlits; i++)
        any |= a->lits[i].pool == a->litpool && a->lits[i].sect == 0;
    if (any)
        loc = (base + loc + 7) / 8 * 8 - base;
    static const uint32_t groups[] = { 8, 4, 2, 1 };
    for (int g = 0; g < 4; g++)
        for (uint32_t i = from; i < a->nlits; i++) {
            AsmLit *l = &a->lits[i];
            if (l->pool != a->litpool || l->sect != 0)
                continue;
            if (l->len % groups[g] != 0)
                continue;
            l->sect = sect;
            l->loc = loc;
            l->stmt = stmt;
            loc += l->len;
        }
    a->litpool++;
    return loc;
}

static void pass1_stmt(Asm *a, AsmStmt *s, int align)
{
    const char *t = asm_stmt_text(a, s);
    if (s->op_off < 0) {
        asm_error(a, s->name_len, ASMA142E, NULL);
        return;
    }
    int32_t op = asm_find_op(a, t + s->op_off, (size_t)s->op_len);
    if (op < 0) {
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", s->op_len > 60 ? 60 : s->op_len, t + s->op_off);
        asm_error(a, s->op_off, ASMA057E, buf);
        return;
    }
    if (a->ops[op].alt >= 0) {
        int st[UC_MAX_OPERANDS + 1], ln[UC_MAX_OPERANDS + 1];
        int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, st, ln,
                                                      UC_MAX_OPERANDS + 1) : 0;
        op = asm_pick_overload(a, op, n);
    }
    s->op = op;
    const AsmOp *o = &a->ops[op];
    int named = s->name_off >= 0 && t[0] != '.';
    if (a->cursect == 0 && o->kind == ASM_OP_DIRECTIVE
        && (o->index == ASM_D_USING || o->index == ASM_D_DROP || o->index == ASM_D_ORG)) {
        s->sect = ensure_sect(a);           /* they refer to the private section's counter */
        s->loc = a->sects[s->sect].loc;
    }
    if (o->kind != ASM_OP_DIRECTIVE) {
        ensure_sect(a);
        int64_t base = a->sects[a->cursect].start, loc = a->sects[a->cursect].loc;
        if (align > 1)
            loc = ((base + loc + align - 1) / align) * align - base;
        s->sect = a->cursect;
        s->loc = loc;
        s->length = asm_insn_length(a, o);
        s->show = ASM_SHOW_CODE;
        if (s->opnd_off >= 0)
            find_literals(a, t, s->opnd_off, s->opnd_len);
        if (named && name_ok(a, s))
            define(a, s, a->cursect, loc, s->length);
        set_loc(a, loc + s->length);
        return;
    }
    switch (o->index) {
    case ASM_D_CSECT:
    case ASM_D_DSECT:
    case ASM_D_COM:
    case ASM_D_START: {
        int32_t sect;
        int kind = o->index == ASM_D_DSECT ? ASM_SK_DSECT : o->index == ASM_D_COM ? ASM_SK_COM
                   : ASM_SK_CSECT;
        if (named && !name_ok(a, s))
            named = 0;
        if (!named && kind == ASM_SK_DSECT) {
            asm_error(a, 0, ASMA142E, NULL);
            return;
        }
        sect = new_sect(a, named ? t : "", named ? (size_t)s->name_len : 0, a->cur, kind);
        if (sect > 0 && a->sects[sect].kind != kind) {
            asm_error(a, 0, ASMA043E, a->sects[sect].name);
            return;
        }
        if (sect == 0)
            return;
        int fresh = a->sects[sect].stmt == a->cur;
        if (o->index == ASM_D_START) {
            if (!fresh || sect != a->first_csect || a->sects[sect].stmt != a->cur) {
                asm_error(a, s->op_off, ASMA039S, "START after the first section");
            } else if (s->opnd_off >= 0) {
                AsmValue v;
                int p = s->opnd_off;
                if (operand_value(a, t, &p, &v, 1) == 0) {
                    if (v.sect != 0 || v.undefined)
                        asm_error(a, s->opnd_off, ASMA032E, NULL);
                    else
                        a->sects[sect].start = v.v;
                }
            }
        }
        a->cursect = sect;
        if (fresh && named) {
            define(a, s, sect, 0, 1);
            int32_t i = asm_sym_find(a, t, (size_t)s->name_len);
            a->sects[sect].sym = i;
        }
        s->sect = sect;
        s->loc = a->sects[sect].loc;
        s->show = ASM_SHOW_SECT;
        return;
    }
    case ASM_D_DC:
    case ASM_D_DS: {
        ensure_sect(a);
        int64_t loc = a->sects[a->cursect].loc;
        uint32_t len = 0, symlen = 1;
        asm_data(a, o->index == ASM_D_DC, t, s->opnd_off, s->opnd_len, &loc, &len, &symlen);
        s->sect = a->cursect;
        s->loc = loc;
        s->length = len;
        s->show = o->index == ASM_D_DC ? ASM_SHOW_DATA : ASM_SHOW_LOC;
        if (named && name_ok(a, s))
            define(a, s, a->cursect, loc, symlen);
        set_loc(a, loc + len);
        return;
    }
    case ASM_D_EQU:
        s->show = ASM_SHOW_EQU;
        if (!named)
            asm_error(a, 0, ASMA142E, NULL);
        else if (name_ok(a, s)) {
            int32_t i = asm_sym_find(a, t, (size_t)s->name_len);
            if (i >= 0 && a->syms[i].defstmt >= 0) {
                asm_error(a, 0, ASMA043E, a->syms[i].name);
                s->op = -1;
            } else if (!do_equ(a, s, 0)) {
                asm_sym_intern(a, t, (size_t)s->name_len);   /* known, not yet defined */
            }
        }
        return;
    case ASM_D_ORG: {
        ensure_sect(a);
        AsmSect *sc = &a->sects[a->cursect];
        int64_t loc = sc->high;
        /* no operand, or the first one omitted ("ORG ,"): the highest location */
        if (s->opnd_off >= 0 && t[s->opnd_off] != ',') {
            AsmValue v;
            int p = s->opnd_off;
            if (operand_value(a, t, &p, &v, 1) < 0)
                return;
            if (v.undefined || v.sect != a->cursect) {
                asm_error(a, s->opnd_off, v.undefined ? ASMA044E : ASMA032E, NULL);
                return;
            }
            loc = asm_sect_offset(a, &v);
            if (loc < 0) {
                asm_error(a, s->opnd_off, ASMA039S, NULL);
                return;
            }
        }
        s->sect = a->cursect;
        set_loc(a, loc);
        s->loc = loc;
        s->show = ASM_SHOW_LOC;
        if (named && name_ok(a, s))
            define(a, s, a->cursect, loc, 1);
        return;
    }
    case ASM_D_END:
        a->ended = 1;
        if (named)
            asm_error(a, 0, ASMA165W, NULL);
        return;
    case ASM_D_LTORG: {
        ensure_sect(a);
        int64_t loc = place_pool(a, a->cursect, a->sects[a->cursect].loc, a->cur);
        s->sect = a->cursect;
        s->loc = (a->sects[a->cursect].start + a->sects[a->cursect].loc + 7) / 8 * 8
                 - a->sects[a->cursect].start;
        s->length = (uint32_t)(loc - s->loc);
        s->show = ASM_SHOW_LOC;
        if (named && name_ok(a, s))
            define(a, s, a->cursect, s->loc, 1);
        set_loc(a, loc);
        return;
    }
    case ASM_D_CNOP: {
        ensure_sect(a);
        int64_t b = 0, w = 0;
        int st[3], ln[3];
        int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, st, ln, 3) : 0;
        AsmValue v1, v2;
        int p1 = n == 2 ? st[0] : 0, p2 = n == 2 ? st[1] : 0;
        if (n != 2 || operand_value(a, t, &p1, &v1, 1) < 0 || operand_value(a, t, &p2, &v2, 1) < 0)  {
            if (n != 2)
                asm_error(a, s->opnd_off, ASMA040S, NULL);
            return;
        }
        b = v1.v;
        w = v2.v;
        if (v1.sect || v2.sect || v1.undefined || v2.undefined || (w != 4 && w != 8)
            || b < 0 || b >= w || b % 2) {
            asm_error(a, s->opnd_off, ASMA062E, NULL);
            return;
        }
        int64_t base = a->sects[a->cursect].start, loc = a->sects[a->cursect].loc;
        loc = (base + loc + 1) / 2 * 2 - base;
        int64_t len = 0;
        while ((base + loc + len) % w != b)
            len += 2;
        s->sect = a->cursect;
        s->loc = loc;
        s->length = (uint32_t)len;
        s->show = ASM_SHOW_DATA;
        if (named && name_ok(a, s))
            define(a, s, a->cursect, loc, 1);
        set_loc(a, loc + len);
        return;
    }
    case ASM_D_EXTRN:
    case ASM_D_WXTRN: {
        enum { MAX = 64 };
        int st[MAX], ln[MAX];
        int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, st, ln, MAX) : 0;
        if (named)
            asm_error(a, 0, ASMA165W, NULL);
        for (int i = 0; i < n && i < MAX; i++) {
            int ok = ln[i] > 0 && ln[i] <= 63 && asm_is_symstart(t[st[i]]);
            for (int k = 1; ok && k < ln[i]; k++)
                ok = asm_is_symchar(t[st[i] + k]);
            if (!ok) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", ln[i] > 60 ? 60 : ln[i], t + st[i]);
                asm_error(a, st[i], ASMA147E, buf);
                continue;
            }
            int32_t k = asm_sym_intern(a, t + st[i], (size_t)ln[i]);
            if (k < 0)
                continue;
            if (a->syms[k].defstmt >= 0 && a->syms[k].defstmt != (int32_t)a->cur) {
                asm_error(a, st[i], ASMA043E, a->syms[k].name);
                continue;
            }
            int32_t er = asm_add_extern(a, t + st[i], (size_t)ln[i],
                                        o->index == ASM_D_WXTRN ? ASM_SK_WX : ASM_SK_ER);
            if (o->index == ASM_D_WXTRN)
                a->sects[er].kind = ASM_SK_WX;
            a->syms[k].defstmt = (int32_t)a->cur;
            a->syms[k].sect = er;
            a->syms[k].value = 0;
            a->syms[k].length = 1;
            a->syms[k].type = o->index == ASM_D_WXTRN ? '$' : 'T';
        }
        if (n == 0)
            asm_error(a, -1, ASMA040S, NULL);
        return;
    }
    case ASM_D_OPSYN: {
        if (!named) {
            asm_error(a, 0, ASMA142E, NULL);
            return;
        }
        int32_t target = -1;
        if (s->opnd_off >= 0) {
            target = asm_find_op(a, t + s->opnd_off, (size_t)s->opnd_len);
            if (target < 0) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", s->opnd_len > 60 ? 60 : s->opnd_len, t + s->opnd_off);
                asm_error(a, s->opnd_off, ASMA057E, buf);
                return;
            }
        }
        if (asm_opsyn(a, t, (size_t)s->name_len, target) < 0)
            asm_error(a, 0, ASMA057E, NULL);
        return;
    }
    case ASM_D_MNOTE: {
        /* MNOTE [severity,]'message' (HLASM Language Reference, "MNOTE
           instruction"): the message, its severity in the return code */
        int sev = 1, p = s->opnd_off;
        if (p < 0) {
            asm_error(a, -1, ASMA040S, NULL);
            return;
        }
        if (t[p] == '*') {
            sev = 0;
            p++;
        } else if (t[p] >= '0' && t[p] <= '9') {
            int at = p;
            sev = 0;
            while (t[p] >= '0' && t[p] <= '9') {
                if (sev < 1000)
                    sev = sev * 10 + (t[p] - '0');
                p++;
            }
            if (sev > 255) {       /* ASMA047E, and the MNOTE gets its severity */
                char num[24];
                snprintf(num, sizeof num, "%.*s", p - at > 20 ? 20 : p - at, t + at);
                asm_error(a, at, ASMA047E, num);
                sev = asm_msg_severity(ASMA047E);
            }
        }
        if (t[p] == ',')
            p++;
        char buf[72];
        int e = s->opnd_off + s->opnd_len;
        if (t[p] == '\'' && e - 1 > p && t[e - 1] == '\'')
            snprintf(buf, sizeof buf, "%.*s", e - p - 2 > 66 ? 66 : e - p - 2, t + p + 1);
        else
            snprintf(buf, sizeof buf, "%.*s", e - p > 66 ? 66 : e - p, t + p);
        asm_error(a, -1, ASMA254I, buf);
        if (sev > a->maxsev)
            a->maxsev = sev;
        return;
    }
    case ASM_D_ENTRY:
    case ASM_D_PUSH:
    case ASM_D_POP:
        if (named)
            asm_error(a, 0, ASMA165W, NULL);
        return;
    case ASM_D_USING:
    case ASM_D_DROP:
        s->show = o->index == ASM_D_USING ? ASM_SHOW_USING : ASM_SHOW_NONE;
        if (named)
            asm_error(a, 0, ASMA165W, NULL);
        return;
    default:
        return;                    /* TITLE EJECT SPACE PRINT: listing control */
    }
}

static int64_t reg_operand(Asm *a, const char *t, int at, int len)
{
    AsmValue v;
    int p = at;
    if (operand_value(a, t, &p, &v, 1) < 0)
        return -1;
    if (p != at + len || v.sect != 0 || v.v < 0 || v.v >= ASM_NREGS || v.v > 15) {
        char buf[72];
        snprintf(buf, sizeof buf, "%.*s", len > 60 ? 60 : len, t + at);
        asm_error(a, at, p != at + len ? ASMA035S : ASMA029E, buf);
        return -1;
    }
    return v.v;
}

static void do_using(Asm *a, AsmStmt *s)
{
    const char *t = asm_stmt_text(a, s);
    enum { MAX = 17 };
    int starts[MAX], lens[MAX];
    int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, starts, lens, MAX) : 0;
    if (n < 2) {
        asm_error(a, s->opnd_off >= 0 ? s->opnd_off + s->opnd_len : -1, ASMA040S, NULL);
        return;
    }
    AsmValue base;
    int p = starts[0];
    if (operand_value(a, t, &p, &base, 1) < 0)
        return;
    if (base.sect < 0 || base.undefined) {
        asm_error(a, starts[0], base.undefined ? ASMA044E : ASMA078E, NULL);
        return;
    }
    s->addr1 = base.v;
    for (int i = 1; i < n && i < MAX; i++) {
        int64_t r = reg_operand(a, t, starts[i], lens[i]);
        if (r < 0)
            continue;
        if (s->nusing < 8)
            s->using_regs |= (uint32_t)r << (4 * s->nusing++);
        a->usings[r] = (AsmUsing){ base.v + (int64_t)(i - 1) * a->using_step, base.sect, 1, a->cur };
    }
}

static void do_drop(Asm *a, AsmStmt *s)
{
    const char *t = asm_stmt_text(a, s);
    enum { MAX = 17 };
    int starts[MAX], lens[MAX];
    int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, starts, lens, MAX) : 0;
    if (n == 0) {
        for (int r = 0; r < ASM_NREGS; r++)
            a->usings[r].active = 0;
        return;
    }
    for (int i = 0; i < n && i < MAX; i++) {
        int64_t r = reg_operand(a, t, starts[i], lens[i]);
        if (r < 0)
            continue;
        if (!a->usings[r].active) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", lens[i] > 60 ? 60 : lens[i], t + starts[i]);
            asm_error(a, starts[i], ASMA045W, buf);
        }
        a->usings[r].active = 0;
    }
}

static int strncasecmp_ascii(const char *x, const char *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int c = x[i] >= 'a' && x[i] <= 'z' ? x[i] - 32 : x[i];
        if (c != y[i])
            return 1;
    }
    return 0;
}

/* The literals listed after statement stmt get their bytes. */
static void write_pool(Asm *a, uint32_t stmt)
{
    int32_t save = a->cursect;
    int64_t save_loc = a->cur_loc;
    for (uint32_t i = 0; i < a->nlits; i++) {
        AsmLit *l = &a->lits[i];
        if (l->sect == 0 || l->stmt != stmt)
            continue;
        a->cursect = l->sect;
        a->cur_loc = l->loc;
        int64_t loc = l->loc;
        uint32_t len, symlen;
        asm_data(a, 1, l->text, 0, (int)strlen(l->text), &loc, &len, &symlen);
    }
    a->cursect = save;
    a->cur_loc = save_loc;
}

static void pass2_stmt(Asm *a, AsmStmt *s)
{
    const char *t = asm_stmt_text(a, s);
    const AsmOp *o = &a->ops[s->op];
    if (o->kind != ASM_OP_DIRECTIVE) {
        uint64_t value = 0;
        int64_t addr1 = -1, addr2 = -1;
        asm_insn_operands(a, o, t, s->opnd_off, s->opnd_len, &value, &addr1, &addr2);
        s->addr1 = addr1;
        s->addr2 = addr2;
        uint8_t b[16];
        uint32_t n = s->length;
        for (uint32_t i = 0; i < n && i < sizeof b; i++)
            b[i] = (uint8_t)(value >> (8 * (n - 1 - i)));
        asm_put_bytes(a, a->sects[s->sect].start + s->loc, b, n < sizeof b ? n : sizeof b);
        return;
    }
    switch (o->index) {
    case ASM_D_DC: {
        int64_t loc = a->sects[a->cursect].loc;
        uint32_t len, symlen;
        asm_data(a, 1, t, s->opnd_off, s->opnd_len, &loc, &len, &symlen);
        return;
    }
    case ASM_D_DS: {
        int64_t loc = a->sects[a->cursect].loc;
        uint32_t len, symlen;
        asm_data(a, 0, t, s->opnd_off, s->opnd_len, &loc, &len, &symlen);
        return;
    }
    case ASM_D_EQU:
        do_equ(a, s, 1);
        return;
    case ASM_D_LTORG:
        write_pool(a, a->cur);
        a->litpool++;
        return;
    case ASM_D_CNOP: {
        int32_t nop = asm_find_op(a, "NOPR", 4);
        uint64_t value = 0;
        int64_t x1, x2;
        if (nop < 0 || a->ops[nop].kind == ASM_OP_DIRECTIVE || asm_insn_length(a, &a->ops[nop]) != 2
            || asm_insn_operands(a, &a->ops[nop], "0", 0, 1, &value, &x1, &x2) < 0)
            value = 0;
        for (uint32_t k = 0; k + 1 < s->length + 1 && k < s->length; k += 2) {
            uint8_t b[2] = { (uint8_t)(value >> 8), (uint8_t)value };
            asm_put_bytes(a, a->sects[s->sect].start + s->loc + k, b, 2);
        }
        return;
    }
    case ASM_D_ENTRY: {
        enum { MAX = 64 };
        int st[MAX], ln[MAX];
        int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, st, ln, MAX) : 0;
        for (int i = 0; i < n && i < MAX; i++) {
            int32_t k = asm_sym_find(a, t + st[i], (size_t)ln[i]);
            if (k >= 0)
                asm_sym_ref(a, k, a->cur);
            if (k < 0 || a->syms[k].defstmt < 0) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", ln[i] > 60 ? 60 : ln[i], t + st[i]);
                asm_error(a, st[i], ASMA044E, buf);
                continue;
            }
            int32_t sc = a->syms[k].sect;
            if (sc <= 0 || a->sects[sc].kind != ASM_SK_CSECT) {
                asm_error(a, st[i], ASMA032E, a->syms[k].name);
                continue;
            }
            int32_t *q = realloc(a->entries, (a->nentries + 1) * sizeof *q);
            if (q == NULL)
                continue;
            a->entries = q;
            a->entries[a->nentries++] = k;
        }
        if (n == 0)
            asm_error(a, -1, ASMA040S, NULL);
        return;
    }
    case ASM_D_PUSH:
    case ASM_D_POP: {
        int st[4], ln[4];
        int n = s->opnd_off >= 0 ? asm_split_operands(t, s->opnd_off, s->opnd_len, st, ln, 4) : 0;
        for (int i = 0; i < n && i < 4; i++) {
            int is_using = ln[i] == 5 && strncasecmp_ascii(t + st[i], "USING", 5) == 0;
            int is_print = ln[i] == 5 && strncasecmp_ascii(t + st[i], "PRINT", 5) == 0;
            if (i > 0 && ln[i] == 7 && strncasecmp_ascii(t + st[i], "NOPRINT", 7) == 0)
                continue;          /* the statement is not listed */
            if (!is_using && !is_print) {
                char buf[72];
                snprintf(buf, sizeof buf, "%.*s", ln[i] > 60 ? 60 : ln[i], t + st[i]);
                asm_error(a, st[i], ASMA062E, buf);
                continue;
            }
            if (!is_using)
                continue;          /* PRINT status: the listing prints everything */
            if (o->index == ASM_D_PUSH) {
                if (a->nusing_stack < 4)
                    memcpy(a->using_stack[a->nusing_stack++], a->usings, sizeof a->usings);
                else
                    asm_error(a, st[i], ASMA062E, "PUSH USING stack full");
            } else if (a->nusing_stack > 0) {
                memcpy(a->usings, a->using_stack[--a->nusing_stack], sizeof a->usings);
            } else {
                asm_error(a, st[i], ASMA062E, "POP USING without PUSH");
            }
        }
        if (n == 0)
            asm_error(a, -1, ASMA040S, NULL);
        return;
    }
    case ASM_D_USING:
        do_using(a, s);
        return;
    case ASM_D_DROP:
        do_drop(a, s);
        return;
    case ASM_D_END:
        write_pool(a, a->cur);
        if (s->opnd_off >= 0) {
            AsmValue v;
            int p = s->opnd_off;
            if (operand_value(a, t, &p, &v, 1) == 0) {
                if (v.sect < 0)
                    asm_error(a, s->opnd_off, ASMA078E, NULL);
                else {
                    a->entry = v.v;
                    a->has_entry = 1;
                    s->addr1 = v.v;
                }
            }
        }
        return;
    default:
        return;
    }
}

/* Control sections one after the other, then common areas (at 0 outside
   the image when an object deck is made); dummy sections at 0 outside the
   image; external references resolved against the
   sections and ENTRY symbols of this assembly unless an object deck is
   made (there the linker resolves them and they stay 0). */
static void layout(Asm *a)
{
    int64_t next = (int64_t)a->opt->origin;
    int first = 1;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 1; i < a->nsects; i++) {
            AsmSect *sc = &a->sects[i];
            if (sc->kind != (pass == 0 ? ASM_SK_CSECT : ASM_SK_COM))
                continue;
            if (sc->kind == ASM_SK_COM && a->object) {
                sc->start = 0;         /* in a deck a common area starts at 0 (its ESD
                                          address): the linker places it */
                continue;
            }
            if (first && (int32_t)i == a->first_csect && sc->start != 0)
                next = sc->start;      /* START address */
            if (first)
                a->img_origin = next;
            first = 0;
            sc->start = next;
            next = (sc->start + sc->high + 7) / 8 * 8;
        }
    if (first)
        a->img_origin = (int64_t)a->opt->origin;
    a->img_end = a->img_origin;
    for (uint32_t i = 1; i < a->nsects; i++) {
        AsmSect *sc = &a->sects[i];
        if (sc->kind == ASM_SK_DSECT)
            sc->start = 0;
        if ((sc->kind == ASM_SK_CSECT || (sc->kind == ASM_SK_COM && !a->object))
            && sc->start + sc->high > a->img_end)
            a->img_end = sc->start + sc->high;
    }
    for (uint32_t i = 1; i < a->nsects; i++) {
        AsmSect *sc = &a->sects[i];
        if (sc->kind != ASM_SK_ER && sc->kind != ASM_SK_WX)
            continue;
        sc->start = 0;
        if (a->object)
            continue;
        size_t n = strlen(sc->name);
        for (uint32_t k = 1; k < a->nsects; k++)
            if (a->sects[k].kind == ASM_SK_CSECT && same_name(a->sects[k].name, sc->name, n))
                sc->start = a->sects[k].start;
        int32_t y = asm_sym_find(a, sc->name, n);
        if (y >= 0 && a->syms[y].defstmt >= 0 && a->syms[y].sect > 0
            && a->sects[a->syms[y].sect].kind == ASM_SK_CSECT)
            sc->start = a->sects[a->syms[y].sect].start + a->syms[y].value;
    }
}

static void assemble(Asm *a)
{
    int align = insn_align(a);
    uint32_t last = a->nstmts;
    a->pass = 1;
    a->nsects = 1;
    a->sects = calloc(1, sizeof *a->sects);
    for (uint32_t i = 0; i < a->nstmts && !a->ended; i++) {
        AsmStmt *s = &a->stmts[i];
        a->cur = i;
        if (s->kind != ASM_ST_STMT)
            continue;
        a->cur_loc = a->cursect ? a->sects[a->cursect].loc : 0;
        a->cur_len = 1;
        s->sect = a->cursect;
        s->loc = a->cur_loc;
        pass1_stmt(a, s, align);
        if (a->ended)
            last = i + 1;
    }
    if (!a->ended) {
        a->cur = a->nstmts;
        asm_error(a, -1, ASMA140W, NULL);
    }
    for (uint32_t i = 0; i < a->nlits; i++)
        if (a->lits[i].sect == 0) {
            uint32_t save = a->cur;
            a->cur = last > 0 ? last - 1 : 0;
            a->cursect = a->first_csect;
            ensure_sect(a);
            AsmSect *sc = &a->sects[a->cursect];
            sc->high = place_pool(a, a->cursect, sc->high, a->cur);
            a->cur = save;
            break;
        }
    /* equates with forward references */
    for (int changed = 1, round = 0; changed && round < 64; round++) {
        changed = 0;
        for (uint32_t i = 0; i < last; i++) {
            AsmStmt *s = &a->stmts[i];
            if (s->kind != ASM_ST_STMT || s->op < 0 || s->name_off < 0)
                continue;
            const AsmOp *o = &a->ops[s->op];
            if (o->kind != ASM_OP_DIRECTIVE || o->index != ASM_D_EQU)
                continue;
            int32_t k = asm_sym_find(a, asm_stmt_text(a, s), (size_t)s->name_len);
            if (k < 0 || a->syms[k].defstmt >= 0)
                continue;
            a->cur = i;
            a->cursect = s->sect;
            a->cur_loc = s->loc;
            if (do_equ(a, s, 0) && a->syms[k].defstmt >= 0)
                changed = 1;
        }
    }
    layout(a);
    if (a->img_end - a->img_origin > max_loc(a) || a->img_origin < 0) {
        a->cur = a->nstmts;
        asm_error(a, -1, ASMA039S, "the program does not fit in the address space");
        a->img_end = a->img_origin;
    }
    if (a->img_end > a->img_origin) {
        a->img = calloc((size_t)(a->img_end - a->img_origin), 1);
        if (a->img == NULL)
            a->img_end = a->img_origin;
    }
    a->pass = 2;
    a->cursect = 0;
    a->litpool = 0;
    memset(a->usings, 0, sizeof a->usings);
    for (uint32_t i = 0; i < last; i++) {
        AsmStmt *s = &a->stmts[i];
        a->cur = i;
        if (s->kind != ASM_ST_STMT || s->op < 0)
            continue;
        a->cursect = s->sect;
        if (a->cursect > 0)
            a->sects[a->cursect].loc = s->loc;
        a->cur_loc = s->loc;
        a->cur_len = s->length ? s->length : 1;
        pass2_stmt(a, s);
    }
    a->nstmts = last < a->nstmts ? last : a->nstmts;
    asm_assign_esdids(a);
    asm_sort_relocs(a);
}

static void free_asm(Asm *a)
{
    free(a->src);
    free(a->cards);
    for (uint32_t i = 0; i < a->nfiles; i++)
        free(a->files[i]);
    free(a->files);
    free(a->card_file);
    free(a->card_line);
    free(a->copy_missing);
    free(a->text);
    free(a->segs);
    free(a->stmts);
    for (uint32_t i = 0; i < a->nsyms; i++) {
        free(a->syms[i].name);
        free(a->syms[i].refs);
        free(a->syms[i].cx);
    }
    free(a->syms);
    free(a->symhash);
    for (uint32_t i = 1; i < a->nsects; i++)
        free(a->sects[i].name);
    free(a->sects);
    asm_free_optable(a);
    for (uint32_t i = 0; i < a->nlits; i++) {
        free(a->lits[i].text);
        free(a->lits[i].refs);
    }
    free(a->lits);
    free(a->lithash);
    free(a->relocs);
    free(a->entries);
    free(a->img);
    free(a->diags);
}

AsmImage *asm_assemble(const UcMachine *m, const char *path, const AsmOptions *opt, FILE *diag)
{
    if (asm_autocoder_serves(m))            /* word-mark machines: the Autocoder front end */
        return asm_autocoder(m, path, opt, diag);
    static const AsmOptions defaults = { 0 };
    Asm a;
    memset(&a, 0, sizeof a);
    a.m = m;
    a.opt = opt ? opt : &defaults;
    a.path = path;
    a.object = a.opt->object != NULL;
    a.charset = emu_charset_find(m->charset);
    if (a.charset < 0)
        a.charset = EMU_CS_ASCII;
    if (asm_read_source(&a, path, diag) < 0 || asm_build_optable(&a) < 0 || asm_macro_pass(&a) < 0) {
        free_asm(&a);
        return NULL;
    }
    assemble(&a);
    AsmImage *img = calloc(1, sizeof *img);
    if (img == NULL) {
        free_asm(&a);
        return NULL;
    }
    asm_print_diags(&a, diag);
    if (!a.object && diag)         /* run as it is: nothing will link these */
        for (uint32_t i = 1; i < a.nsects; i++)
            if (a.sects[i].kind == ASM_SK_ER && a.sects[i].start == 0) {
                int found = 0;
                for (uint32_t k = 1; k < a.nsects; k++)
                    found |= a.sects[k].kind == ASM_SK_CSECT && strcmp(a.sects[k].name, a.sects[i].name) == 0;
                int32_t y = asm_sym_find(&a, a.sects[i].name, strlen(a.sects[i].name));
                found |= y >= 0 && a.syms[y].defstmt >= 0 && a.syms[y].sect > 0
                         && a.sects[a.syms[y].sect].kind == ASM_SK_CSECT;
                if (!found)
                    fprintf(diag, "%s: warning: external reference %s is not in this program: "
                                  "it stays 0 (assemble to an object deck and link it)\n",
                            path, a.sects[i].name);
            }
    if (a.opt->listing) {
        FILE *f = fopen(a.opt->listing, "w");
        if (f == NULL) {
            fprintf(diag, "%s: error: cannot write the listing\n", a.opt->listing);
            if (a.maxsev < 12)
                a.maxsev = 12;
            img->nerrors++;
        } else {
            asm_write_listing(&a, f);
            fclose(f);
        }
    }
    if (a.opt->object && img->nerrors == 0) {
        int bad = 0;
        for (uint32_t i = 0; i < a.ndiags; i++)
            bad |= asm_msg_severity(a.diags[i].msg) >= 8;
        FILE *f = bad ? NULL : fopen(a.opt->object, "wb");
        if (!bad && (f == NULL || asm_write_object(&a, f) < 0)) {
            fprintf(diag, "%s: error: cannot write the object deck\n", a.opt->object);
            if (a.maxsev < 12)
                a.maxsev = 12;
            img->nerrors++;
        }
        if (f != NULL && fclose(f) != 0 && !bad) {
            fprintf(diag, "%s: error: cannot write the object deck\n", a.opt->object);
            img->nerrors++;
        }
    }
    img->origin = (uint64_t)a.img_origin;
    img->size = (uint64_t)(a.img_end - a.img_origin);
    img->bytes = a.img;
    a.img = NULL;
    img->entry = a.has_entry ? (uint64_t)a.entry : (uint64_t)a.img_origin;
    for (uint32_t i = 0; i < a.ndiags; i++)
        if (asm_msg_severity(a.diags[i].msg) >= 8)
            img->nerrors++;
    img->rc = a.maxsev;
    img->symbols = calloc(a.nsyms ? a.nsyms : 1, sizeof *img->symbols);
    if (img->symbols)
        for (uint32_t i = 0; i < a.nsyms; i++) {
            const AsmSym *s = &a.syms[i];
            if (s->defstmt < 0)
                continue;
            AsmSymbol *o = &img->symbols[img->nsymbols++];
            o->name = s->name;
            a.syms[i].name = NULL;
            o->value = (uint64_t)asm_sym_value(&a, s);
            o->length = s->length;
            o->relocatable = s->sect > 0;
        }
    free_asm(&a);
    return img;
}

void asm_image_free(AsmImage *img)
{
    if (img == NULL)
        return;
    for (uint32_t i = 0; i < img->nsymbols; i++)
        free(img->symbols[i].name);
    free(img->symbols);
    free(img->bytes);
    free(img);
}
