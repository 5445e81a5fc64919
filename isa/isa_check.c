/* isa_check.c — the checker of isac: resolves the declarations of a
 * description (isa/LANGUAGE.md) into the tables of a UcMachine
 * (microcode/uc_machine.h): machine facts, state layout, storage spaces and
 * keys, tables, constants, interrupts, stops, helpers, formats and the decode
 * rule, operand modes, instructions and aliases. Bit positions written in the
 * machine's bit order are converted to lsb0 here. The control store is built
 * by isa_lower.c and the dispatch table by isa_decode.c.
 */
#include <stdlib.h>
#include <string.h>
#include "isa_comp.h"
#include "../emulator/emu_charset.h"

#define MAX_TABLE 65536
#define MAX_REGFILE 4096

char *isa_xstrdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "isac: out of memory\n");
        exit(1);
    }
    return p;
}

/* ---- symbols ---- */

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

IsaSym *isa_sym_find(IsaComp *k, const char *name)
{
    if (!k->symcap || !name)
        return NULL;
    for (uint32_t i = hash(name) & (k->symcap - 1);; i = (i + 1) & (k->symcap - 1)) {
        if (!k->syms[i].name)
            return NULL;
        if (strcmp(k->syms[i].name, name) == 0)
            return &k->syms[i];
    }
}

static IsaSym *sym_add(IsaComp *k, const char *name, int kind, int index, IsaDecl *d)
{
    if (2 * (k->nsyms + 1) > k->symcap) {
        uint32_t ncap = k->symcap ? k->symcap * 2 : 64;
        IsaSym *old = k->syms;
        uint32_t ocap = k->symcap;
        k->syms = xcalloc(ncap, sizeof *k->syms);
        k->symcap = ncap;
        k->nsyms = 0;
        for (uint32_t i = 0; i < ocap; i++)
            if (old[i].name)
                sym_add(k, old[i].name, old[i].kind, old[i].index, old[i].decl);
        free(old);
    }
    uint32_t i = hash(name) & (k->symcap - 1);
    while (k->syms[i].name)
        i = (i + 1) & (k->symcap - 1);
    k->syms[i] = (IsaSym){ name, kind, index, d };
    k->nsyms++;
    return &k->syms[i];
}

static const char *kind_word(int kind)
{
    switch (kind) {
    case D_SPACE: return "space";
    case D_KEYS: return "keys";
    case D_REGFILE: return "register file";
    case D_REG: return "register";
    case D_UREG: return "micro-register";
    case D_CONST: return "constant";
    case D_TABLE: return "table";
    case D_FORMAT: return "format";
    case D_VARFORMAT: return "varformat";
    case D_MODE: return "mode";
    case D_FUNC: return "func";
    case D_MICRO: return "micro";
    case D_INSN: return "insn";
    case D_ALIAS: case D_FAMILY: return "alias";
    case D_INTERRUPT: return "interrupt";
    case D_HELPER: return "helper";
    case D_STOP: return "stop";
    case D_FETCH: return "fetch";
    case D_RESET: return "reset";
    case D_BOUNDARY: return "boundary";
    case D_INVALID: return "invalid";
    case D_DECODE: return "decode";
    default: return "declaration";
    }
}

/* ---- constants ---- */

uint64_t isa_char_code(IsaComp *k, uint64_t host)
{
    if (k->charset < 0)
        return host;
    return emu_from_host(k->charset, (unsigned char)host);
}

int isa_const_eval(IsaComp *k, IsaExpr *e, uint64_t *out)
{
    uint64_t a, b;
    if (!e)
        return -1;
    switch (e->kind) {
    case E_NUM:
        *out = e->is_char ? isa_char_code(k, e->num) : e->num;
        return 0;
    case E_NAME: {
        IsaSym *s = isa_sym_find(k, e->name);
        if (!s || s->kind != K_CONST)
            return -1;
        IsaDecl *d = s->decl;
        if (k->eval_depth > 50)
            return -1;
        k->eval_depth++;
        int r = isa_const_eval(k, d->ea, out);
        k->eval_depth--;
        return r;
    }
    case E_UNOP:
        if (isa_const_eval(k, e->a, &a) < 0)
            return -1;
        *out = e->op == '-' ? (uint64_t)0 - a : e->op == '~' ? ~a : !a;
        return 0;
    case E_BINOP:
        if (isa_const_eval(k, e->a, &a) < 0 || isa_const_eval(k, e->b, &b) < 0)
            return -1;
        switch (e->op) {
        case '+': *out = a + b; return 0;
        case '-': *out = a - b; return 0;
        case '*': *out = a * b; return 0;
        case '/': *out = b ? a / b : 0; return 0;
        case '%': *out = b ? a % b : a; return 0;
        case '&': *out = a & b; return 0;
        case '|': *out = a | b; return 0;
        case '^': *out = a ^ b; return 0;
        default: return -1;
        }
    default:
        return -1;
    }
}

static int need_const(IsaComp *k, IsaExpr *e, uint64_t *out, const char *what)
{
    if (isa_const_eval(k, e, out) < 0) {
        isa_error(k->c, e->loc, "%s must be a constant", what);
        return -1;
    }
    return 0;
}

int isa_format_field(const UcFormat *f, const char *name)
{
    for (int i = 0; i < f->nfields; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return i;
    return -1;
}

/* A bit range written in the machine's bit order, relative to a width, as
   lsb0 shift and length. */
static int range_lsb0(IsaComp *k, const IsaNamedRange *r, int width, uint8_t *shift, uint8_t *len)
{
    int lo = r->lo < r->hi ? r->lo : r->hi, hi = r->lo < r->hi ? r->hi : r->lo;
    if (k->msb0 && r->lo > r->hi) {
        isa_error(k->c, r->loc, "bit range %d..%d is backwards (msb0 numbers from the left)", r->lo, r->hi);
        return -1;
    }
    if (hi >= width) {
        isa_error(k->c, r->loc, "bit %d of '%s' is outside the %d-bit width", hi, r->name, width);
        return -1;
    }
    *len = (uint8_t)(hi - lo + 1);
    *shift = (uint8_t)(k->msb0 ? width - 1 - hi : lo);
    return 0;
}

/* ---- declarations in order, with extend/replace resolved ---- */

static int group_of(int kind)
{
    switch (kind) {
    case D_INSN: return 1;
    case D_ALIAS: case D_FAMILY: return 2;
    case D_FETCH: return 3;
    case D_RESET: return 4;
    case D_INVALID: return 5;
    case D_DECODE: return 6;
    case D_BOUNDARY: return 7;
    case D_MACHINE: case D_EXTEND: case D_LOWCORE: return -1;
    default: return 0;
    }
}

static IsaDecl **resolve_decls(IsaComp *k, int *np)
{
    int n = 0;
    for (IsaDecl *d = k->c->decls; d; d = d->next)
        n++;
    IsaDecl **v = xcalloc((size_t)n, sizeof *v);
    int m = 0;
    for (IsaDecl *d = k->c->decls; d; d = d->next) {
        int g = group_of(d->kind);
        if (d->kind == D_MACHINE) {
            if (!k->machine) {
                k->machine = d;
            } else {
                /* an extension's machine block renames; facts it gives override */
                IsaDecl *b = k->machine;
                if (d->name) b->name = d->name;
                if (d->str) b->str = d->str;
                if (d->bitorder) b->bitorder = d->bitorder;
                if (d->endian) b->endian = d->endian;
                if (d->charset) b->charset = d->charset;
                if (d->have_addr) { b->addr_bits = d->addr_bits; b->wrap_size = d->wrap_size; b->have_addr = 1; }
            }
            continue;
        }
        if (g < 0)
            continue;
        const char *name = d->name ? d->name : "";
        int found = -1;
        for (int i = 0; i < m && d->kind != D_FAMILY; i++) {
            if (group_of(v[i]->kind) != g || v[i]->kind == D_FAMILY)
                continue;
            if (g >= 3 || strcmp(v[i]->name ? v[i]->name : "", name) == 0) {
                found = i;
                break;
            }
        }
        if (found >= 0) {
            if (d->replace) {
                if (g == 0 && v[found]->kind != d->kind) {
                    isa_error(k->c, d->loc, "'replace %s %s' names a %s", kind_word(d->kind), name,
                              kind_word(v[found]->kind));
                    continue;
                }
                v[found] = d;
            } else {
                if (g >= 3)
                    isa_error(k->c, d->loc, "a second '%s' (use 'replace %s' in an extension)",
                              kind_word(d->kind), kind_word(d->kind));
                else
                    isa_error(k->c, d->loc, "'%s' is already declared (use 'replace' to substitute it)", name);
                isa_note(k->c, v[found]->loc, "the first declaration of '%s' is here",
                         g >= 3 ? kind_word(d->kind) : name);
            }
            continue;
        }
        if (d->replace)
            isa_error(k->c, d->loc, "'replace' of %s '%s', which is not declared", kind_word(d->kind),
                      g >= 3 ? kind_word(d->kind) : name);
        v[m++] = d;
    }
    *np = m;
    return v;
}

/* ---- machine facts ---- */

static void check_machine(IsaComp *k)
{
    IsaDecl *d = k->machine;
    UcMachine *m = k->m;
    IsaLoc none = { -1, 0, 0 };
    if (!d) {
        isa_error(k->c, k->c->nfiles ? (IsaLoc){ 0, 1, 1 } : none, "no 'machine' declaration");
        m->name = isa_xstrdup("unnamed");
        return;
    }
    m->name = isa_xstrdup(d->name);
    m->title = isa_xstrdup(d->str ? d->str : d->name);
    if (!d->bitorder) {
        isa_error(k->c, d->loc, "the machine must declare its bit order ('bitorder msb0;' or 'bitorder lsb0;')");
    } else if (strcmp(d->bitorder, "msb0") == 0) {
        k->msb0 = 1;
        m->bitorder = UC_MSB0;
    } else if (strcmp(d->bitorder, "lsb0") == 0) {
        m->bitorder = UC_LSB0;
    } else {
        isa_error(k->c, d->loc, "unknown bit order '%s' (msb0 or lsb0)", d->bitorder);
    }
    m->endian = UC_BIG;
    if (d->endian) {
        if (strcmp(d->endian, "little") == 0)
            m->endian = UC_LITTLE;
        else if (strcmp(d->endian, "big") != 0)
            isa_error(k->c, d->loc, "unknown endianness '%s' (big or little)", d->endian);
    }
    if (!d->have_addr) {
        isa_error(k->c, d->loc, "the machine must declare its address width ('addr 24 wrap;')");
        m->addr_bits = 24;
    } else if (d->addr_bits < 1 || d->addr_bits > 64) {
        isa_error(k->c, d->loc, "address width must be 1..64 bits");
        m->addr_bits = 24;
    } else {
        m->addr_bits = (uint8_t)d->addr_bits;
    }
    m->wrap = d->wrap_size ? UC_WRAP_SIZE : UC_WRAP_POW2;
    k->charset = -1;
    if (d->charset) {
        m->charset = isa_xstrdup(d->charset);
        k->charset = emu_charset_find(d->charset);
    }
}

/* ---- state ---- */

static int find_interrupt_or_stop(IsaComp *k, const char *name, int32_t *out)
{
    IsaSym *s = isa_sym_find(k, name);
    if (s && s->kind == K_INTERRUPT) { *out = s->index; return 0; }
    if (s && s->kind == K_STOP) { *out = UC_TRAP_STOP(s->index); return 1; }
    return -1;
}

static void check_space(IsaComp *k, IsaDecl *d, UcSpace *sp)
{
    static const char *fault_names[UC_NFAULTS] = { "addressing", "alignment", "protection", "fetchprot" };
    sp->name = isa_xstrdup(d->name);
    int bits = d->width;
    if (!bits && d->is_cell) {
        for (int i = 0; i < d->nranges; i++) {
            int hi = d->ranges[i].lo > d->ranges[i].hi ? d->ranges[i].lo : d->ranges[i].hi;
            if (hi + 1 > bits)
                bits = hi + 1;
        }
    }
    if (bits < 1 || bits > 64) {
        isa_error(k->c, d->loc, "space '%s' needs a unit of 1..64 bits ('unit 8')", d->name);
        bits = 8;
    }
    sp->unit_bits = (uint8_t)bits;
    sp->unit_bytes = bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8;
    if (d->is_cell) {
        sp->subfields = xcalloc((size_t)d->nranges, sizeof *sp->subfields);
        for (int i = 0; i < d->nranges; i++) {
            UcSubfield *sf = &sp->subfields[sp->nsubfields];
            for (uint32_t j = 0; j < sp->nsubfields; j++)
                if (strcmp(sp->subfields[j].name, d->ranges[i].name) == 0)
                    isa_error(k->c, d->ranges[i].loc, "subfield '%s' is declared twice", d->ranges[i].name);
            if (range_lsb0(k, &d->ranges[i], bits, &sf->shift, &sf->len) < 0)
                continue;
            sf->name = isa_xstrdup(d->ranges[i].name);
            sp->nsubfields++;
        }
    }
    uint64_t maxsize = k->m->addr_bits >= 64 ? UINT64_MAX : (uint64_t)1 << k->m->addr_bits;
    uint64_t lo = 0, hi = 0, def = 0;
    if (d->size_lo) {
        if (need_const(k, d->size_lo, &lo, "a storage size") == 0 &&
            need_const(k, d->size_hi, &hi, "a storage size") == 0) {
            if (lo < 1 || lo > hi)
                isa_error(k->c, d->size_lo->loc, "storage sizes must satisfy 1 <= min <= max");
        }
    }
    if (d->nlist) {
        sp->sizes = xcalloc((size_t)d->nlist, sizeof *sp->sizes);
        for (int i = 0; i < d->nlist; i++) {
            uint64_t v = 0;
            if (need_const(k, d->list[i], &v, "a storage size") < 0)
                continue;
            if (v < 1 || v > maxsize) {
                isa_error(k->c, d->list[i]->loc, "storage size %llu is outside 1..2^%d units",
                          (unsigned long long)v, k->m->addr_bits);
                continue;
            }
            sp->sizes[sp->nsizes++] = v;
            if (!lo || v < lo) lo = v;
            if (v > hi) hi = v;
        }
    }
    if (!d->size_lo && !d->nlist) {
        isa_error(k->c, d->loc, "space '%s' needs its sizes ('size 8K..16M' or 'sizes { ... }')", d->name);
        lo = hi = 1024;
    }
    if (hi > maxsize) {
        isa_error(k->c, d->size_hi ? d->size_hi->loc : d->loc,
                  "largest storage size %llu units is more than a %d-bit address reaches",
                  (unsigned long long)hi, k->m->addr_bits);
        hi = maxsize;
    }
    def = hi < 65536 ? hi : lo;
    if (d->size_default && need_const(k, d->size_default, &def, "the default size") == 0) {
        if (def < lo || def > hi)
            isa_error(k->c, d->size_default->loc, "default size %llu is outside %llu..%llu",
                      (unsigned long long)def, (unsigned long long)lo, (unsigned long long)hi);
    }
    if (sp->nsizes) {
        int ok = 0;
        for (uint32_t i = 0; i < sp->nsizes; i++)
            ok |= sp->sizes[i] == def;
        if (!ok && d->size_default)
            isa_error(k->c, d->size_default->loc, "default size is not one of the listed sizes");
    }
    sp->min_size = lo;
    sp->max_size = hi;
    sp->default_size = def;
    for (int f = 0; f < UC_NFAULTS; f++)
        sp->faults[f].interrupt = UC_NONE;
    for (int i = 0; i < d->nfaults; i++) {
        IsaFault *fa = &d->faults[i];
        int f;
        for (f = 0; f < UC_NFAULTS; f++)
            if (strcmp(fault_names[f], fa->kind) == 0)
                break;
        if (f == UC_NFAULTS) {
            isa_error(k->c, fa->loc, "unknown storage check '%s' (addressing, alignment, protection, fetchprot)",
                      fa->kind);
            continue;
        }
        int32_t t;
        int r = find_interrupt_or_stop(k, fa->target, &t);
        if (r < 0) {
            isa_error(k->c, fa->loc, "'%s' is not a declared interrupt or stop", fa->target);
            continue;
        }
        sp->faults[f].interrupt = t;
        if (fa->code) {
            if (r == 1)
                isa_error(k->c, fa->code->loc, "a stop takes no code");
            else
                need_const(k, fa->code, &sp->faults[f].code, "a fault code");
        }
    }
    sp->fetch_prot_bit = 0xff;
    sp->key_field = UC_NONE;
}

static void check_keys(IsaComp *k, IsaDecl *d)
{
    IsaSym *s = isa_sym_find(k, d->key_space);
    if (!s || s->kind != K_SPACE) {
        isa_error(k->c, d->loc, "'%s' is not a declared space", d->key_space);
        return;
    }
    UcSpace *sp = &k->m->spaces[s->index];
    uint64_t blk = 0;
    if (need_const(k, d->key_block, &blk, "the key block size") < 0)
        return;
    if (blk < 1 || blk > UINT32_MAX) {
        isa_error(k->c, d->key_block->loc, "key block size must be 1..2^32-1 units");
        return;
    }
    if (d->width < 1 || d->width > 7) {
        isa_error(k->c, d->loc, "storage keys must be 1..7 bits");
        return;
    }
    int f = uc_machine_find_field(k->m, d->key_item, d->key_field);
    if (f < 0) {
        isa_error(k->c, d->loc, "'%s.%s' is not a declared register field", d->key_item, d->key_field);
        return;
    }
    /* storage is whole key blocks (uc_cpu_new refuses any other size) */
    uint64_t bad = sp->min_size % blk ? sp->min_size : sp->max_size % blk ? sp->max_size
                 : sp->default_size % blk ? sp->default_size : 0;
    for (uint32_t i = 0; !bad && i < sp->nsizes; i++)
        if (sp->sizes[i] % blk)
            bad = sp->sizes[i];
    if (bad)
        isa_error(k->c, d->key_block->loc, "storage size %llu of '%s' is not a whole number of %llu-unit key blocks",
                  (unsigned long long)bad, d->key_space, (unsigned long long)blk);
    sp->key_block = (uint32_t)blk;
    sp->key_bits = (uint8_t)d->width;
    sp->key_field = f;
    if (d->fetchprot) {
        uint64_t b;
        if (need_const(k, d->fetchprot, &b, "the fetch-protection bit") == 0) {
            if (b > 7)
                isa_error(k->c, d->fetchprot->loc, "the fetch-protection bit must be 0..7");
            else
                sp->fetch_prot_bit = (uint8_t)b;
        }
    }
}

static void check_items(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    int ni = 0, nf = 0;
    for (int i = 0; i < n; i++) {
        if (v[i]->kind == D_REGFILE || v[i]->kind == D_REG)
            ni++;
        if (v[i]->kind == D_REG)
            nf += v[i]->nranges;
    }
    m->items = xcalloc((size_t)ni, sizeof *m->items);
    m->fields = xcalloc((size_t)nf, sizeof *m->fields);
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        if (d->kind != D_REGFILE && d->kind != D_REG)
            continue;
        UcItem *it = &m->items[m->nitems];
        it->name = isa_xstrdup(d->name);
        it->kind = d->kind == D_REG ? UC_ITEM_REG : UC_ITEM_REGFILE;
        it->width = (uint8_t)(d->width >= 1 && d->width <= 64 ? d->width : 64);
        it->count = 1;
        if (d->kind == D_REGFILE) {
            uint64_t c = 0;
            if (need_const(k, d->count, &c, "a register count") == 0 && (c < 1 || c > MAX_REGFILE))
                isa_error(k->c, d->count->loc, "a register file has 1..%d registers", MAX_REGFILE);
            else if (c)
                it->count = (uint32_t)c;
            if (d->nlist) {
                if ((uint32_t)d->nlist != it->count) {
                    isa_error(k->c, d->loc, "'numbered' lists %d numbers for %u registers", d->nlist, it->count);
                } else {
                    uint64_t maxn = 0, num[MAX_REGFILE];
                    int ok = 1;
                    for (int j = 0; j < d->nlist; j++) {
                        if (need_const(k, d->list[j], &num[j], "a register number") < 0 || num[j] >= MAX_REGFILE) {
                            ok = 0;
                            break;
                        }
                        if (num[j] > maxn) maxn = num[j];
                    }
                    if (ok) {
                        it->nnumbers = (uint32_t)maxn + 1;
                        it->number_map = xcalloc(it->nnumbers, sizeof *it->number_map);
                        for (uint32_t j = 0; j < it->nnumbers; j++)
                            it->number_map[j] = -1;
                        for (int j = 0; j < d->nlist; j++) {
                            if (it->number_map[num[j]] >= 0)
                                isa_error(k->c, d->list[j]->loc, "register number %llu is listed twice",
                                          (unsigned long long)num[j]);
                            it->number_map[num[j]] = j;
                        }
                    }
                }
            }
        }
        it->slot = m->nslots;
        m->nslots += it->count;
        IsaSym *s = isa_sym_find(k, d->name);
        if (s)
            s->index = (int)m->nitems;
        for (int j = 0; j < d->nranges; j++) {
            UcField *f = &m->fields[m->nfields];
            for (uint32_t q = 0; q < m->nfields; q++)
                if (m->fields[q].item == m->nitems && strcmp(m->fields[q].name, d->ranges[j].name) == 0)
                    isa_error(k->c, d->ranges[j].loc, "field '%s' of '%s' is declared twice", d->ranges[j].name, d->name);
            if (range_lsb0(k, &d->ranges[j], it->width, &f->shift, &f->len) < 0)
                continue;
            f->name = isa_xstrdup(d->ranges[j].name);
            f->item = (uint16_t)m->nitems;
            m->nfields++;
        }
        m->nitems++;
    }
}

/* ---- formats ---- */

static int field_ureg(IsaComp *k, const char *name, IsaLoc loc)
{
    for (int r = k->field_ureg_first; r < k->temp_base; r++)
        if (k->m->ureg_names[r] && strcmp(k->m->ureg_names[r], name) == 0)
            return r;
    if (k->temp_base >= 40) {
        isa_error(k->c, loc, "too many distinct format field names (the micro-registers run out)");
        return k->field_ureg_first;
    }
    k->m->ureg_names[k->temp_base] = isa_xstrdup(name);
    k->ureg_width[k->temp_base] = 64;
    return k->temp_base++;
}

static void layout_fields(IsaComp *k, UcFormat *f, const IsaNamedRange *r, int n, int width, IsaLoc loc)
{
    int pos = width;
    for (int i = 0; i < n; i++) {
        int len = r[i].lo;
        if (len < 1 || len > 64) {
            isa_error(k->c, r[i].loc, "field '%s' must be 1..64 bits wide", r[i].name);
            return;
        }
        pos -= len;
        if (pos < 0) {
            isa_error(k->c, r[i].loc, "the fields of format '%s' are wider than its %d bits", f->name, width);
            return;
        }
        if (strcmp(r[i].name, "_") == 0)
            continue;
        if (isa_format_field(f, r[i].name) >= 0) {
            isa_error(k->c, r[i].loc, "field '%s' appears twice in format '%s'", r[i].name, f->name);
            continue;
        }
        if (f->nfields >= UC_MAX_FIELDS) {
            isa_error(k->c, r[i].loc, "a format has at most %d named fields", UC_MAX_FIELDS);
            return;
        }
        UcFmtField *ff = &f->fields[f->nfields++];
        ff->name = isa_xstrdup(r[i].name);
        ff->shift = (uint8_t)pos;
        ff->len = (uint8_t)len;
        ff->is_signed = (uint8_t)r[i].is_signed;
        ff->ureg = (uint8_t)field_ureg(k, r[i].name, r[i].loc);
    }
    if (pos != 0)
        isa_error(k->c, loc, "the fields of format '%s' add up to %d bits, not %d", f->name, width - pos, width);
}

static void check_formats(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    int nf = 0;
    for (int i = 0; i < n; i++) {
        if (v[i]->kind == D_FORMAT)
            nf++;
        if (v[i]->kind == D_VARFORMAT)
            nf += v[i]->nvariants;
    }
    m->formats = xcalloc((size_t)nf, sizeof *m->formats);
    k->varformats = xcalloc((size_t)n, sizeof *k->varformats);
    k->varformat_first = xcalloc((size_t)n, sizeof *k->varformat_first);
    int unit = m->nspaces ? m->spaces[0].unit_bits : 8;
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        if (d->kind == D_FORMAT) {
            UcFormat *f = &m->formats[m->nformats];
            f->name = isa_xstrdup(d->name);
            if (d->width < 1 || d->width > 64) {
                isa_error(k->c, d->loc, "format '%s' must be 1..64 bits wide", d->name);
                d->width = 8;
            }
            f->width = (uint8_t)d->width;
            if (d->width % unit)
                isa_error(k->c, d->loc, "format '%s' (%d bits) is not a whole number of %d-bit storage units",
                          d->name, d->width, unit);
            f->length = (uint8_t)(d->width / unit);
            layout_fields(k, f, d->ranges, d->nranges, d->width, d->loc);
            IsaSym *s = isa_sym_find(k, d->name);
            if (s)
                s->index = (int)m->nformats;
            m->nformats++;
        } else if (d->kind == D_VARFORMAT) {
            IsaSym *s = isa_sym_find(k, d->name);
            if (s)
                s->index = k->nvarformats;
            k->varformats[k->nvarformats] = d;
            k->varformat_first[k->nvarformats++] = (int)m->nformats;
            const UcSpace *sp = m->nspaces ? &m->spaces[0] : NULL;
            int vlen = 0;
            for (uint32_t j = 0; sp && j < sp->nsubfields; j++)
                if (strcmp(sp->subfields[j].name, d->value_sub) == 0)
                    vlen = sp->subfields[j].len;
            if (!vlen)
                isa_error(k->c, d->loc, "'%s' is not a subfield of the main storage", d->value_sub);
            if (d->max_len < 1 || d->max_len > 15)
                isa_error(k->c, d->loc, "a delimited format is 1..15 units long");
            for (int j = 0; j < d->nvariants; j++) {
                IsaVariant *va = &d->variants[j];
                UcFormat *f = &m->formats[m->nformats];
                char name[160];
                snprintf(name, sizeof name, "%s.%d", d->name, va->length);
                f->name = isa_xstrdup(name);
                for (int q = 0; q < j; q++)
                    if (d->variants[q].length == va->length)
                        isa_error(k->c, va->loc, "length %d is given twice", va->length);
                if (va->length < 1 || va->length > d->max_len || va->length * (vlen ? vlen : 1) > 64) {
                    isa_error(k->c, va->loc, "length %d is outside 1..%d (and the value must fit in 64 bits)",
                              va->length, d->max_len);
                    va->length = 1;
                }
                int w = va->length * (vlen ? vlen : 1);
                f->width = (uint8_t)w;
                f->length = (uint8_t)va->length;
                layout_fields(k, f, va->fields, va->nfields, w, va->loc);
                m->nformats++;
            }
        }
    }
}

/* ---- decode ---- */

static void check_decode(IsaComp *k)
{
    UcMachine *m = k->m;
    IsaDecl *d = k->decode;
    if (!d) {
        isa_error(k->c, k->machine ? k->machine->loc : (IsaLoc){ -1, 0, 0 },
                  "the description has no 'decode key ...;'");
        return;
    }
    int keybits = 0;
    const char *field = NULL;
    for (int i = 0; i < d->nparts; i++) {
        if (strcmp(d->parts[i], "length") == 0) {
            k->key_is_length = 1;
            keybits += 4;
            continue;
        }
        if (field) {
            isa_error(k->c, d->part_locs[i], "the decode key has one field (and optionally 'length')");
            continue;
        }
        field = d->parts[i];
        /* the field must sit at the same place in every format */
        int found = 0, off = -1, len = -1;
        for (uint32_t f = 0; f < m->nformats; f++) {
            int j = isa_format_field(&m->formats[f], field);
            if (j < 0) {
                isa_error(k->c, d->part_locs[i], "format '%s' has no field '%s' for the decode key",
                          m->formats[f].name, field);
                continue;
            }
            const UcFmtField *ff = &m->formats[f].fields[j];
            int o = m->formats[f].width - ff->shift - ff->len;
            if (found && (o != off || ff->len != len))
                isa_error(k->c, d->part_locs[i], "field '%s' is not at the same place in format '%s'",
                          field, m->formats[f].name);
            found = 1;
            off = o;
            len = ff->len;
        }
        if (found) {
            keybits += len;
            k->key_len_bits = len;
            if (!k->key_is_length) {
                int unit = m->nspaces ? m->spaces[0].unit_bits : 8;
                int units = (off + len + unit - 1) / unit;
                m->decode.rule = UC_LEN_BY_KEY;
                m->decode.key_units = (uint8_t)units;
                m->decode.key_shift = (uint8_t)(units * unit - off - len);
                m->decode.key_len = (uint8_t)len;
            }
        }
    }
    if (keybits < 1 || keybits > 16) {
        isa_error(k->c, d->loc, "the decode key must be 1..16 bits (it is %d)", keybits);
        keybits = keybits < 1 ? 1 : 16;
    }
    m->dispatch.key_bits = (uint8_t)keybits;
    if (k->key_is_length) {
        m->decode.rule = UC_LEN_DELIMITED;
        if (k->nvarformats == 0) {
            isa_error(k->c, d->loc, "'length' in the decode key needs a varformat");
            return;
        }
        IsaDecl *vf = k->varformats[0];
        const UcSpace *sp = m->nspaces ? &m->spaces[0] : NULL;
        for (uint32_t j = 0; sp && j < sp->nsubfields; j++) {
            if (strcmp(sp->subfields[j].name, vf->delim) == 0)
                m->decode.delim_subfield = (int32_t)j;
            if (strcmp(sp->subfields[j].name, vf->value_sub) == 0) {
                m->decode.value_subfield_mask_shift = sp->subfields[j].shift;
                m->decode.value_subfield_len = sp->subfields[j].len;
            }
        }
        if (m->decode.delim_subfield < 0)
            isa_error(k->c, vf->loc, "'%s' is not a subfield of the main storage", vf->delim);
        m->decode.max_length = (uint8_t)(vf->max_len > 0 && vf->max_len <= 15 ? vf->max_len : 1);
    }
}

/* ---- modes ---- */

static int mode_param(const UcMode *md, const char *name, size_t n)
{
    for (int i = 0; i < md->nparams; i++)
        if (strlen(md->params[i].name) == n && strncmp(md->params[i].name, name, n) == 0)
            return i;
    return -1;
}

static IsaLoc loc_in_string(IsaLoc l, size_t off)
{
    l.col += 1 + (int)off;
    return l;
}

static void check_form(IsaComp *k, UcMode *md, UcModeForm *uf, const IsaModeForm *f, int *bias_set)
{
    const char *t = f->tmpl;
    for (size_t i = 0; t[i]; i++) {
        if (t[i] != '{')
            continue;
        size_t j = i + 1;
        while (t[j] && (t[j] == '_' || (t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z') ||
                        (t[j] >= '0' && t[j] <= '9')))
            j++;
        int p = mode_param(md, t + i + 1, j - i - 1);
        if (p < 0) {
            isa_error(k->c, loc_in_string(f->loc, i), "'{%.*s}' names no parameter of mode '%s'",
                      (int)(j - i - 1), t + i + 1, md->name);
            return;
        }
        long bias = 0;
        if (t[j] == '+' || t[j] == '-') {
            char *end;
            long v = strtol(t + j + 1, &end, 10);
            if (end == t + j + 1 || v > 1000000) {
                isa_error(k->c, loc_in_string(f->loc, j), "expected a number after '%c'", t[j]);
                return;
            }
            bias = t[j] == '+' ? -v : v;
            j = (size_t)(end - t);
        }
        if (t[j] == ':') {
            if (t[j + 1] != 'x' && t[j + 1] != 'c' && t[j + 1] != 'd') {
                isa_error(k->c, loc_in_string(f->loc, j), "unknown print style (x, c or d)");
                return;
            }
            j += 2;
        }
        if (t[j] != '}') {
            isa_error(k->c, loc_in_string(f->loc, j), "expected '}' in the syntax template");
            return;
        }
        if (!bias_set[p]) {
            md->params[p].bias = (int32_t)bias;
            bias_set[p] = 1;
        }
        i = j;
    }
    uf->tmpl = isa_xstrdup(f->tmpl);
    for (int c = 0; c < f->ncond; c++) {
        int p = mode_param(md, f->cond_name[c], strlen(f->cond_name[c]));
        uint64_t v = 0;
        if (p < 0) {
            isa_error(k->c, f->loc, "'%s' in 'when' is no parameter of mode '%s'", f->cond_name[c], md->name);
            continue;
        }
        if (need_const(k, f->cond_value[c], &v, "a 'when' value") < 0)
            continue;
        uf->cond[uf->ncond].param = (uint8_t)p;
        uf->cond[uf->ncond].value = (int64_t)v;
        uf->ncond++;
    }
}

static void check_modes(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    int nm = 0;
    for (int i = 0; i < n; i++)
        nm += v[i]->kind == D_MODE;
    m->modes = xcalloc((size_t)nm, sizeof *m->modes);
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        if (d->kind != D_MODE)
            continue;
        UcMode *md = &m->modes[m->nmodes];
        IsaSym *s = isa_sym_find(k, d->name);
        if (s)
            s->index = (int)m->nmodes;
        m->nmodes++;
        md->name = isa_xstrdup(d->name);
        md->disp_param = md->base_param = md->index_param = md->length_param = -1;
        if (d->nparams > UC_MAX_MODE_PARAMS)
            isa_error(k->c, d->loc, "a mode has at most %d parameters", UC_MAX_MODE_PARAMS);
        for (int j = 0; j < d->nparams && j < UC_MAX_MODE_PARAMS; j++) {
            if (!d->params[j].width)
                isa_error(k->c, d->params[j].loc, "mode parameter '%s' needs a width ('%s:4')",
                          d->params[j].name, d->params[j].name);
            if (mode_param(md, d->params[j].name, strlen(d->params[j].name)) >= 0)
                isa_error(k->c, d->params[j].loc, "parameter '%s' is given twice", d->params[j].name);
            md->params[j].name = isa_xstrdup(d->params[j].name);
            md->params[j].width = (uint8_t)(d->params[j].width > 0 && d->params[j].width <= 64 ? d->params[j].width : 1);
            md->params[j].is_signed = (uint8_t)d->params[j].is_signed;
            md->nparams++;
        }
        struct { const char *name; int8_t *slot; const char *what; } roles[] = {
            { d->addr_disp, &md->disp_param, "address" }, { d->addr_base, &md->base_param, "address" },
            { d->index_name, &md->index_param, "index" }, { d->length_name, &md->length_param, "length" },
        };
        for (int r = 0; r < 4; r++) {
            if (!roles[r].name)
                continue;
            int p = mode_param(md, roles[r].name, strlen(roles[r].name));
            if (p < 0)
                isa_error(k->c, d->loc, "'%s(%s)' names no parameter of mode '%s'", roles[r].what, roles[r].name, d->name);
            *roles[r].slot = (int8_t)p;
        }
        md->kind = d->inverse ? UC_MODE_ADDR_INVERSE : d->addr_disp ? UC_MODE_ADDRESS : UC_MODE_PLAIN;
        if (d->inverse) {
            IsaSym *f = isa_sym_find(k, d->inverse);
            if (!f || (f->kind != K_FUNC && f->kind != K_MICRO))
                isa_error(k->c, d->loc, "'inverse %s' names no func", d->inverse);
        }
        if (!d->nforms)
            isa_error(k->c, d->loc, "mode '%s' needs a syntax", d->name);
        md->forms = xcalloc((size_t)d->nforms, sizeof *md->forms);
        int bias_set[UC_MAX_MODE_PARAMS] = { 0 };
        for (int j = 0; j < d->nforms; j++) {
            check_form(k, md, &md->forms[md->nforms], &d->forms[j], bias_set);
            if (md->forms[md->nforms].tmpl)
                md->nforms++;
        }
    }
}

/* ---- instructions ---- */

static uint32_t attr_bit(const char *a)
{
    static const struct { const char *name; uint32_t bit; } tab[] = {
        { "branch", UC_A_BRANCH }, { "privileged", UC_A_PRIV }, { "serialize", UC_A_SERIAL },
        { "exec", UC_A_EXEC }, { "stops", UC_A_STOPS }, { "hot", UC_A_HOT },
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(tab[i].name, a) == 0)
            return tab[i].bit;
    return 0;
}

static int is_ident_char(char ch)
{
    return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* Parse "MNEMONIC {MODE(f,...)},{...}[,{...}]" into operands. */
static void check_syntax(IsaComp *k, IsaDecl *d, UcInsn *in, IsaInsnInfo *ii)
{
    const char *t = d->str;
    UcMachine *m = k->m;
    size_t i = 0;
    while (t[i] == ' ')
        i++;
    size_t s = i;
    while (t[i] && t[i] != ' ')
        i++;
    if (i == s) {
        isa_error(k->c, d->syntax_loc, "the syntax must start with the mnemonic");
        return;
    }
    char *mn = malloc(i - s + 1);
    if (!mn)
        return;
    memcpy(mn, t + s, i - s);
    mn[i - s] = 0;
    free(in->mnemonic);
    in->mnemonic = mn;
    int optional = 0;
    const UcFormat *fmt = &m->formats[in->format];
    while (t[i]) {
        while (t[i] == ' ')
            i++;
        if (!t[i])
            break;
        if (t[i] == '[') {
            optional = 1;
            i++;
            continue;
        }
        if (t[i] == ']' || t[i] == ',') {
            i++;
            continue;
        }
        if (t[i] != '{') {
            isa_error(k->c, loc_in_string(d->syntax_loc, i), "expected '{MODE(fields)}' in the syntax");
            return;
        }
        size_t ms = ++i;
        while (is_ident_char(t[i]))
            i++;
        char mname[64];
        snprintf(mname, sizeof mname, "%.*s", (int)(i - ms), t + ms);
        IsaSym *sy = isa_sym_find(k, mname);
        if (!sy || sy->kind != K_MODE) {
            isa_error(k->c, loc_in_string(d->syntax_loc, ms), "'%s' is not a declared mode", mname);
            return;
        }
        const UcMode *md = &m->modes[sy->index];
        if (in->noperands >= UC_MAX_OPERANDS) {
            isa_error(k->c, loc_in_string(d->syntax_loc, ms), "at most %d operands", UC_MAX_OPERANDS);
            return;
        }
        UcOperand *op = &in->operands[in->noperands];
        op->mode = (uint16_t)sy->index;
        op->optional = (uint8_t)optional;
        ii->operand_mode[in->noperands] = sy->index;
        if (t[i] != '(') {
            isa_error(k->c, loc_in_string(d->syntax_loc, i), "expected '(' and the fields bound to mode '%s'", mname);
            return;
        }
        i++;
        int np = 0;
        for (;;) {
            while (t[i] == ' ')
                i++;
            size_t fs = i;
            while (is_ident_char(t[i]))
                i++;
            if (i == fs) {
                isa_error(k->c, loc_in_string(d->syntax_loc, i), "expected a format field name");
                return;
            }
            char fname[64];
            snprintf(fname, sizeof fname, "%.*s", (int)(i - fs), t + fs);
            int fi = isa_format_field(fmt, fname);
            /* a varformat instruction's field must exist in some length */
            if (fi < 0)
                isa_error(k->c, loc_in_string(d->syntax_loc, fs), "format '%s' has no field '%s'", fmt->name, fname);
            else if (np < md->nparams && fmt->fields[fi].len != md->params[np].width)
                isa_error(k->c, loc_in_string(d->syntax_loc, fs),
                          "field '%s' is %d bits but parameter '%s' of mode '%s' is %d bits",
                          fname, fmt->fields[fi].len, md->params[np].name, md->name, md->params[np].width);
            if (np < UC_MAX_MODE_PARAMS)
                op->field[np] = (uint8_t)(fi < 0 ? 0 : fi);
            np++;
            while (t[i] == ' ')
                i++;
            if (t[i] == ',') {
                i++;
                continue;
            }
            break;
        }
        if (t[i] != ')' || t[i + 1] != '}') {
            isa_error(k->c, loc_in_string(d->syntax_loc, i), "expected ')}' after the fields");
            return;
        }
        i += 2;
        if (np != md->nparams) {
            isa_error(k->c, loc_in_string(d->syntax_loc, ms), "mode '%s' takes %d fields, not %d",
                      mname, md->nparams, np);
            return;
        }
        in->noperands++;
    }
}

static void check_insns(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    int ni = 0;
    for (int i = 0; i < n; i++)
        ni += v[i]->kind == D_INSN;
    m->insns = xcalloc((size_t)ni, sizeof *m->insns);
    k->insns = xcalloc((size_t)ni, sizeof *k->insns);
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        if (d->kind != D_INSN)
            continue;
        UcInsn *in = &m->insns[m->ninsns];
        IsaInsnInfo *ii = &k->insns[k->ninsns];
        ii->decl = d;
        ii->insn = (int)m->ninsns;
        in->mnemonic = isa_xstrdup(d->name);
        in->file = (uint16_t)d->loc.file;
        in->line = (uint32_t)d->loc.line;
        IsaSym *fs = isa_sym_find(k, d->format);
        if (fs && fs->kind == K_FORMAT) {
            ii->nformats = 1;
            ii->formats[0] = fs->index;
            ii->lengths[0] = m->formats[fs->index].length;
            if (d->nlens)
                isa_error(k->c, d->lens[0]->loc, "'len' is only for varformat instructions");
        } else if (fs && fs->kind == K_VARFORMAT) {
            IsaDecl *vf = k->varformats[fs->index];
            if (!d->nlens)
                isa_error(k->c, d->loc, "a varformat instruction lists its lengths: 'len {1, 4, 7}'");
            for (int j = 0; j < d->nlens; j++) {
                uint64_t L;
                if (need_const(k, d->lens[j], &L, "a length") < 0)
                    continue;
                int q;
                for (q = 0; q < vf->nvariants; q++)
                    if ((uint64_t)vf->variants[q].length == L)
                        break;
                if (q == vf->nvariants) {
                    isa_error(k->c, d->lens[j]->loc, "varformat '%s' has no length %llu", vf->name,
                              (unsigned long long)L);
                    continue;
                }
                if (ii->nformats >= 16)
                    break;
                ii->formats[ii->nformats] = k->varformat_first[fs->index] + q;
                ii->lengths[ii->nformats++] = (int)L;
            }
        } else {
            isa_error(k->c, d->loc, "'%s' is not a declared format", d->format);
        }
        if (!ii->nformats) {
            m->ninsns++;
            k->ninsns++;
            continue;
        }
        /* the longest form is the instruction's format for the assembler */
        int best = 0;
        for (int j = 1; j < ii->nformats; j++)
            if (ii->lengths[j] > ii->lengths[best])
                best = j;
        in->format = (uint16_t)ii->formats[best];
        const UcFormat *fmt = &m->formats[in->format];
        for (int j = 0; j < d->nfixed; j++) {
            IsaFixed *fx = &d->fixed[j];
            uint64_t val;
            if (need_const(k, fx->value, &val, "a fixed field value") < 0)
                continue;
            for (int q = 0; q < ii->nformats; q++) {
                const UcFormat *f = &m->formats[ii->formats[q]];
                int fi = isa_format_field(f, fx->field);
                if (fi < 0) {
                    isa_error(k->c, fx->loc, "format '%s' has no field '%s'", f->name, fx->field);
                    break;
                }
                if (f->fields[fi].len < 64 && val >> f->fields[fi].len) {
                    isa_error(k->c, fx->value->loc, "%llu does not fit in the %d-bit field '%s'",
                              (unsigned long long)val, f->fields[fi].len, fx->field);
                    break;
                }
            }
            int fi = isa_format_field(fmt, fx->field);
            if (fi >= 0) {
                const UcFmtField *ff = &fmt->fields[fi];
                uint64_t mask = (ff->len >= 64 ? UINT64_MAX : (((uint64_t)1 << ff->len) - 1)) << ff->shift;
                if (in->fixed_mask & mask)
                    isa_error(k->c, fx->loc, "field '%s' is fixed twice", fx->field);
                in->fixed_mask |= mask;
                in->fixed_match |= (val << ff->shift) & mask;
            }
        }
        for (int j = 0; j < d->nattrs; j++) {
            uint32_t b = attr_bit(d->attrs[j]);
            if (!b)
                isa_error(k->c, d->attr_locs[j],
                          "unknown attribute '%s' (branch, privileged, serialize, exec, stops, hot)", d->attrs[j]);
            in->attrs |= b;
        }
        if (d->str) {
            in->syntax = isa_xstrdup(d->str);
            check_syntax(k, d, in, ii);
        } else {
            in->syntax = isa_xstrdup(d->name);
        }
        if (!d->body)
            isa_error(k->c, d->loc, "instruction '%s' needs its semantics ('sem { ... }')", d->name);
        m->ninsns++;
        k->ninsns++;
    }
}

static int find_insn_decl(IsaComp *k, const char *name)
{
    for (int i = 0; i < k->ninsns; i++)
        if (strcmp(k->insns[i].decl->name, name) == 0)
            return i;
    return -1;
}

static void add_alias(IsaComp *k, IsaDecl *d, const char *mnemonic, int ins, uint64_t famval)
{
    UcMachine *m = k->m;
    for (uint32_t i = 0; i < m->naliases; i++)
        if (strcmp(m->aliases[i].mnemonic, mnemonic) == 0) {
            isa_error(k->c, d->loc, "alias '%s' is declared twice", mnemonic);
            return;
        }
    UcAlias *a = &m->aliases[m->naliases];
    memset(a, 0, sizeof *a);
    const UcFormat *f = &m->formats[m->insns[ins].format];
    for (int j = 0; j < d->nfixed; j++) {
        IsaFixed *fx = &d->fixed[j];
        int fi = isa_format_field(f, fx->field);
        if (fi < 0) {
            isa_error(k->c, fx->loc, "format '%s' of '%s' has no field '%s'", f->name, d->base, fx->field);
            return;
        }
        uint64_t val = famval;
        if (!fx->from_family && need_const(k, fx->value, &val, "an alias field value") < 0)
            return;
        if (f->fields[fi].len < 64 && val >> f->fields[fi].len) {
            isa_error(k->c, fx->loc, "%llu does not fit in the %d-bit field '%s'", (unsigned long long)val,
                      f->fields[fi].len, fx->field);
            return;
        }
        if (a->nfixed >= 4) {
            isa_error(k->c, fx->loc, "an alias fixes at most 4 fields");
            return;
        }
        a->fixed[a->nfixed].field = (uint8_t)fi;
        a->fixed[a->nfixed].value = val;
        a->nfixed++;
    }
    a->mnemonic = isa_xstrdup(mnemonic);
    a->insn = (uint16_t)ins;
    a->prefer = (uint8_t)d->prefer;
    m->naliases++;
}

static void check_aliases(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    int na = 0;
    for (int i = 0; i < n; i++) {
        if (v[i]->kind == D_ALIAS)
            na++;
        if (v[i]->kind == D_FAMILY)
            na += v[i]->nmembers;
    }
    m->aliases = xcalloc((size_t)na, sizeof *m->aliases);
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        if (d->kind != D_ALIAS && d->kind != D_FAMILY)
            continue;
        int ii = find_insn_decl(k, d->base);
        if (ii < 0 || !k->insns[ii].nformats) {
            isa_error(k->c, d->loc, "'%s' is not a declared instruction", d->base);
            continue;
        }
        if (d->kind == D_ALIAS) {
            if (find_insn_decl(k, d->name) >= 0)
                isa_error(k->c, d->loc, "alias '%s' has the name of an instruction", d->name);
            add_alias(k, d, d->name, k->insns[ii].insn, 0);
            continue;
        }
        int has_var = 0;
        for (int j = 0; j < d->nfixed; j++)
            has_var |= d->fixed[j].from_family;
        if (!has_var)
            isa_error(k->c, d->loc, "the family sets no field to '{%s}'", d->family_var);
        for (int j = 0; j < d->nmembers; j++) {
            char name[128];
            uint64_t val;
            if (need_const(k, d->members[j].value, &val, "a family value") < 0)
                continue;
            snprintf(name, sizeof name, "%s%s%s", d->prefix ? d->prefix : "", d->members[j].suffix,
                     d->suffix ? d->suffix : "");
            if (!name[0]) {
                isa_error(k->c, d->members[j].loc, "a family member needs a name");
                continue;
            }
            add_alias(k, d, name, k->insns[ii].insn, val);
        }
    }
}

/* ---- the whole description ---- */

static void add_symbols(IsaComp *k, IsaDecl **v, int n)
{
    static const struct { int decl, sym; } map[] = {
        { D_SPACE, K_SPACE }, { D_KEYS, K_KEYS }, { D_REGFILE, K_ITEM }, { D_REG, K_ITEM },
        { D_UREG, K_UREG }, { D_CONST, K_CONST }, { D_TABLE, K_TABLE }, { D_FORMAT, K_FORMAT },
        { D_VARFORMAT, K_VARFORMAT }, { D_MODE, K_MODE }, { D_FUNC, K_FUNC }, { D_MICRO, K_MICRO },
        { D_INTERRUPT, K_INTERRUPT }, { D_HELPER, K_HELPER }, { D_STOP, K_STOP },
    };
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        for (size_t j = 0; j < sizeof map / sizeof map[0]; j++) {
            if (map[j].decl != d->kind)
                continue;
            IsaSym *s = isa_sym_find(k, d->name);
            if (s) {
                isa_error(k->c, d->loc, "'%s' is already declared as a %s", d->name, kind_word(s->decl->kind));
                isa_note(k->c, s->decl->loc, "the first declaration of '%s' is here", d->name);
                break;
            }
            sym_add(k, d->name, map[j].sym, -1, d);
            break;
        }
    }
}

static void check_simple(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    int cnt[32] = { 0 };
    for (int i = 0; i < n; i++)
        cnt[v[i]->kind]++;
    m->spaces = xcalloc((size_t)cnt[D_SPACE], sizeof *m->spaces);
    m->stops = xcalloc((size_t)cnt[D_STOP], sizeof *m->stops);
    m->helpers = xcalloc((size_t)cnt[D_HELPER], sizeof *m->helpers);
    m->interrupts = xcalloc((size_t)cnt[D_INTERRUPT], sizeof *m->interrupts);
    m->tables = xcalloc((size_t)cnt[D_TABLE], sizeof *m->tables);
    m->consts = xcalloc((size_t)cnt[D_CONST], sizeof *m->consts);
    k->interrupt_decls = xcalloc((size_t)cnt[D_INTERRUPT], sizeof *k->interrupt_decls);
    if (cnt[D_INTERRUPT] > 255)
        isa_error(k->c, v[0]->loc, "at most 255 interrupts");
    /* stops, helpers, interrupts first: faults refer to them */
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        IsaSym *s = isa_sym_find(k, d->name);
        if (!s || s->decl != d)
            continue;
        if (d->kind == D_STOP) {
            s->index = (int)m->nstops;
            m->stops[m->nstops].name = isa_xstrdup(d->name);
            m->stops[m->nstops++].message = isa_xstrdup(d->str);
        } else if (d->kind == D_HELPER) {
            s->index = (int)m->nhelpers;
            if (d->nparams > UC_MAX_HELPER_ARGS)
                isa_error(k->c, d->loc, "a helper takes at most %d arguments", UC_MAX_HELPER_ARGS);
            m->helpers[m->nhelpers].name = isa_xstrdup(d->name);
            m->helpers[m->nhelpers].nargs = (uint8_t)(d->nparams > UC_MAX_HELPER_ARGS ? UC_MAX_HELPER_ARGS : d->nparams);
            m->helpers[m->nhelpers++].has_result = (uint8_t)d->has_result;
        } else if (d->kind == D_INTERRUPT && m->ninterrupts < 255) {
            s->index = (int)m->ninterrupts;
            k->interrupt_decls[m->ninterrupts] = d;
            UcInterrupt *in = &m->interrupts[m->ninterrupts++];
            in->name = isa_xstrdup(d->name);
            if (d->nparams > 4)
                isa_error(k->c, d->loc, "an interrupt takes at most 4 parameters");
            in->nparams = (uint8_t)(d->nparams > 4 ? 4 : d->nparams);
        }
    }
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        IsaSym *s = isa_sym_find(k, d->name);
        if (d->kind == D_SPACE && s && s->decl == d) {
            s->index = (int)m->nspaces;
            check_space(k, d, &m->spaces[m->nspaces++]);
        }
    }
    check_items(k, v, n);
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        IsaSym *s = isa_sym_find(k, d->name);
        if (!s || s->decl != d)
            continue;
        if (d->kind == D_KEYS) {
            check_keys(k, d);
        } else if (d->kind == D_CONST) {
            uint64_t val;
            if (need_const(k, d->ea, &val, "a constant's value") < 0)
                continue;
            s->index = (int)m->nconsts;
            m->consts[m->nconsts].name = isa_xstrdup(d->name);
            m->consts[m->nconsts].value = val;
            m->consts[m->nconsts++].kind = (uint8_t)(d->width == 1);
        } else if (d->kind == D_TABLE) {
            UcTable *t = &m->tables[m->ntables];
            s->index = (int)m->ntables;
            t->name = isa_xstrdup(d->name);
            t->width = (uint8_t)(d->width >= 1 && d->width <= 64 ? d->width : 64);
            if (d->nlist > MAX_TABLE || d->nlist < 1)
                isa_error(k->c, d->loc, "a table has 1..%d entries", MAX_TABLE);
            t->values = xcalloc((size_t)(d->nlist > 0 ? d->nlist : 1), sizeof *t->values);
            for (int j = 0; j < d->nlist && j < MAX_TABLE; j++) {
                uint64_t val = 0;
                if (need_const(k, d->list[j], &val, "a table entry") == 0 && t->width < 64 && val >> t->width)
                    isa_error(k->c, d->list[j]->loc, "%llu does not fit in %d bits", (unsigned long long)val, t->width);
                t->values[t->count++] = val;
            }
            m->ntables++;
        }
    }
}

static void alloc_fixed_uregs(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    m->ureg_names[ISA_ZERO_UREG] = isa_xstrdup("zero");
    k->ureg_width[ISA_ZERO_UREG] = 64;
    k->field_ureg_first = 1;
    k->temp_base = 1;
    (void)v;
    (void)n;
}

static void alloc_named_uregs(IsaComp *k, IsaDecl **v, int n)
{
    UcMachine *m = k->m;
    for (int i = 0; i < n; i++) {
        IsaDecl *d = v[i];
        IsaSym *s = isa_sym_find(k, d->name);
        if (d->kind != D_UREG || !s || s->decl != d)
            continue;
        if (k->temp_base >= 48) {
            isa_error(k->c, d->loc, "too many named micro-registers");
            continue;
        }
        s->index = k->temp_base;
        m->ureg_names[k->temp_base] = isa_xstrdup(d->name);
        k->ureg_width[k->temp_base++] = d->width >= 1 && d->width <= 64 ? d->width : 64;
    }
    for (uint32_t i = 0; i < m->ninterrupts; i++) {
        IsaDecl *d = k->interrupt_decls[i];
        for (int j = 0; j < m->interrupts[i].nparams; j++) {
            if (k->temp_base >= 48) {
                isa_error(k->c, d->loc, "too many interrupt parameters");
                break;
            }
            char name[160];
            snprintf(name, sizeof name, "%s.%s", d->name, d->params[j].name);
            m->interrupts[i].param_ureg[j] = (uint8_t)k->temp_base;
            m->ureg_names[k->temp_base] = isa_xstrdup(name);
            k->ureg_width[k->temp_base++] =
                d->params[j].width >= 1 && d->params[j].width <= 64 ? d->params[j].width : 64;
        }
    }
}

UcMachine *isa_build(IsaCtx *c);
UcMachine *isa_build(IsaCtx *c)
{
    IsaComp K, *k = &K;
    memset(k, 0, sizeof *k);
    k->c = c;
    k->m = uc_machine_new();
    if (!k->m)
        return NULL;
    int n = 0;
    IsaDecl **v = resolve_decls(k, &n);
    k->decls = v;
    k->ndecls = n;
    for (int i = 0; i < n; i++) {
        switch (v[i]->kind) {
        case D_DECODE: k->decode = v[i]; break;
        case D_FETCH: k->fetch = v[i]; break;
        case D_RESET: k->reset = v[i]; break;
        case D_BOUNDARY: k->boundary = v[i]; break;
        case D_INVALID: k->invalid = v[i]; break;
        default: break;
        }
    }
    check_machine(k);
    add_symbols(k, v, n);
    alloc_fixed_uregs(k, v, n);
    check_simple(k, v, n);
    if (!k->m->nspaces)
        isa_error(c, k->machine ? k->machine->loc : (IsaLoc){ -1, 0, 0 }, "the description declares no storage 'space'");
    check_formats(k, v, n);
    alloc_named_uregs(k, v, n);
    check_decode(k);
    check_modes(k, v, n);
    check_insns(k, v, n);
    check_aliases(k, v, n);
    if (!k->fetch)
        isa_error(c, k->machine ? k->machine->loc : (IsaLoc){ -1, 0, 0 }, "the description has no 'fetch' routine");
    if (!k->invalid)
        isa_error(c, k->machine ? k->machine->loc : (IsaLoc){ -1, 0, 0 },
                  "the description has no 'invalid' routine (where an unknown opcode goes)");
    /* lowering goes on after errors above, to report those in semantics too */
    isa_lower_all(k);
    if (c->nerrors == 0)
        isa_build_dispatch(k);
    UcMachine *m = k->m;
    /* the source files travel with the machine */
    m->files = xcalloc((size_t)c->nfiles, sizeof *m->files);
    for (int i = 0; i < c->nfiles; i++) {
        m->files[i].name = isa_xstrdup(c->files[i].name);
        m->files[i].text = isa_xstrdup(c->files[i].text);
    }
    m->nfiles = (uint32_t)c->nfiles;
    if (c->nerrors == 0) {
        char err[256];
        if (uc_machine_check(m, err, sizeof err) < 0)
            isa_error(c, (IsaLoc){ -1, 0, 0 }, "internal: the compiled machine is inconsistent: %s", err);
    }
    for (int i = 0; i < k->nrt; i++) {
        free(k->rt[i].name);
        free(k->rt[i].words);
        free(k->rt[i].debug);
        free(k->rt[i].fix);
        free(k->rt[i].labels);
    }
    free(k->rt);
    free(k->syms);
    for (int i = 0; k->insns && i < k->ninsns; i++)
        free(k->insns[i].var);
    free(k->insns);
    free(k->varformats);
    free(k->varformat_first);
    free(k->micros);
    free(k->interrupt_decls);
    free(v);
    if (c->nerrors) {
        uc_machine_free(m);
        return NULL;
    }
    return m;
}
