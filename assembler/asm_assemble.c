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
#include "asm_int.h"
#include "../emulator/emu_charset.h"

int asm_charset_code(const Asm *a, unsigned char host)
{
    return emu_from_host(a->charset, host);
}

void asm_put_bytes(Asm *a, int64_t addr, const uint8_t *b, uint32_t n)
{
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

static int32_t new_sect(Asm *a, const char *name, size_t len, uint32_t stmt)
{
    for (uint32_t i = 1; i < a->nsects; i++)
        if (strlen(a->sects[i].name) == len && strncmp(a->sects[i].name, name, len) == 0)
            return (int32_t)i;
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
    return (int32_t)a->nsects++;
}

static int32_t ensure_sect(Asm *a)
{
    if (a->cursect == 0)
        a->cursect = new_sect(a, "", 0, a->cur);
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
    if (v.sect < 0) {
        if (report) {
            char buf[72];
            snprintf(buf, sizeof buf, "%.*s", lens[0] > 60 ? 60 : lens[0], t + starts[0]);
            asm_error(a, starts[0], ASMA078E, buf);
        }
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
        if (named && name_ok(a, s))
            define(a, s, a->cursect, loc, s->length);
        set_loc(a, loc + s->length);
        return;
    }
    switch (o->index) {
    case ASM_D_CSECT:
    case ASM_D_START: {
        int32_t sect;
        if (named && !name_ok(a, s))
            named = 0;
        sect = new_sect(a, named ? t : "", named ? (size_t)s->name_len : 0, a->cur);
        if (sect == 0)
            return;
        int fresh = a->sects[sect].stmt == a->cur;
        if (o->index == ASM_D_START) {
            if (!fresh || a->nsects > 2) {
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
        if (s->opnd_off >= 0) {
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
    case ASM_D_USING:
        do_using(a, s);
        return;
    case ASM_D_DROP:
        do_drop(a, s);
        return;
    case ASM_D_END:
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

static void layout(Asm *a)
{
    int64_t next = (int64_t)a->opt->origin;
    for (uint32_t i = 1; i < a->nsects; i++) {
        AsmSect *sc = &a->sects[i];
        if (i == 1 && sc->start != 0)
            next = sc->start;      /* START address */
        sc->start = next;
        next = (sc->start + sc->high + 7) / 8 * 8;
    }
    a->img_origin = a->nsects > 1 ? a->sects[1].start : (int64_t)a->opt->origin;
    a->img_end = a->img_origin;
    for (uint32_t i = 1; i < a->nsects; i++)
        if (a->sects[i].start + a->sects[i].high > a->img_end)
            a->img_end = a->sects[i].start + a->sects[i].high;
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
}

static void free_asm(Asm *a)
{
    free(a->src);
    free(a->cards);
    free(a->text);
    free(a->segs);
    free(a->stmts);
    for (uint32_t i = 0; i < a->nsyms; i++) {
        free(a->syms[i].name);
        free(a->syms[i].refs);
    }
    free(a->syms);
    free(a->symhash);
    for (uint32_t i = 1; i < a->nsects; i++)
        free(a->sects[i].name);
    free(a->sects);
    asm_free_optable(a);
    free(a->img);
    free(a->diags);
}

AsmImage *asm_assemble(const UcMachine *m, const char *path, const AsmOptions *opt, FILE *diag)
{
    static const AsmOptions defaults = { 0 };
    Asm a;
    memset(&a, 0, sizeof a);
    a.m = m;
    a.opt = opt ? opt : &defaults;
    a.path = path;
    a.charset = emu_charset_find(m->charset);
    if (a.charset < 0)
        a.charset = EMU_CS_ASCII;
    if (asm_read_source(&a, path, diag) < 0 || asm_build_optable(&a) < 0) {
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
            o->value = (uint64_t)(s->sect > 0 ? a.sects[s->sect].start + s->value : s->value);
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
