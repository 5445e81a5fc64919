/* mon_parse.c — what the monitor reads in a command: words, numbers,
 * register names, symbols, expressions, conditions, storage ranges and
 * storage constants.
 *
 * Numbers follow System/360 custom: addresses and values are hexadecimal
 * unless written otherwise (0x1F, X'1F', 0d31, F'-5', H'7', B'101',
 * C'AB' in the machine's character set); counts and lengths are decimal.
 * A name is looked up first as a register (the machine's item, element and
 * field names: GR5, GR[5], R5, PSW, PSW.CC, CC), then as a micro-register,
 * then as an assembler symbol; a word that is none of those and is all hex
 * digits is a number. HLASM's constant notation is from the HLASM Language
 * Reference, "DC instruction" (types X, C, F, H, B).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "emulator/emu_charset.h"
#include "monitor/mon_int.h"

static uint64_t mask_bits(unsigned n)
{
    return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

const char *mon_skip(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

int mon_at_end(const char *p)
{
    p = mon_skip(p);
    return *p == 0;
}

static int is_name_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c == '@' || c == '.';
}

const char *mon_word(const char *p, char *buf, size_t size)
{
    size_t n = 0;
    p = mon_skip(p);
    int quote = 0;
    while (*p && (quote || (*p != ' ' && *p != '\t' && *p != ','))) {
        if (*p == '\'')
            quote = !quote;
        if (n + 1 < size)
            buf[n++] = *p;
        p++;
    }
    if (size)
        buf[n] = 0;
    return p;
}

int mon_keyword(const char **p, const char *kw)
{
    const char *s = mon_skip(*p);
    size_t n = strlen(kw);
    if (strncasecmp(s, kw, n) == 0 && !is_name_char((unsigned char)s[n])) {
        *p = s + n;
        return 1;
    }
    return 0;
}

/* ---- registers ---- */

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

/* Element `number` of a register file exists? */
static int element_ok(const UcItem *it, uint64_t number)
{
    if (it->number_map)
        return number < it->nnumbers && it->number_map[number] >= 0;
    return number < it->count;
}

static int item_element(Mon *mon, unsigned item, uint64_t number, MonReg *r)
{
    const UcItem *it = &mon->run.m->items[item];
    if (!element_ok(it, number))
        return 0;
    r->kind = MON_REG_ITEM;
    r->item = (int)item;
    r->index = (uint32_t)number;
    r->field = -1;
    r->width = it->width;
    return 1;
}

static int first_regfile(const UcMachine *m)
{
    for (uint32_t i = 0; i < m->nitems; i++)
        if (m->items[i].kind == UC_ITEM_REGFILE)
            return (int)i;
    return -1;
}

int mon_find_reg(Mon *mon, const char *name, MonReg *r)
{
    const UcMachine *m = mon->run.m;
    if (m == NULL || *name == 0)
        return 0;
    const char *dot = strchr(name, '.');
    if (dot) {                                     /* ITEM.FIELD */
        for (uint32_t f = 0; f < m->nfields; f++) {
            const UcField *fd = &m->fields[f];
            const char *in = m->items[fd->item].name;
            if (strlen(in) == (size_t)(dot - name) && strncasecmp(in, name, (size_t)(dot - name)) == 0 &&
                strcasecmp(fd->name, dot + 1) == 0) {
                r->kind = MON_REG_FIELD;
                r->field = (int)f;
                r->item = fd->item;
                r->index = 0;
                r->width = fd->len;
                return 1;
            }
        }
        return 0;
    }
    for (uint32_t i = 0; i < m->nitems; i++) {     /* a single register */
        const UcItem *it = &m->items[i];
        if (strcasecmp(it->name, name) == 0)
            return it->kind == UC_ITEM_REG ? item_element(mon, i, 0, r) : 0;
    }
    for (uint32_t i = 0; i < m->nitems; i++) {     /* GR5 */
        const UcItem *it = &m->items[i];
        size_t n = strlen(it->name);
        if (it->kind == UC_ITEM_REGFILE && strncasecmp(it->name, name, n) == 0 && all_digits(name + n))
            return item_element(mon, i, strtoull(name + n, NULL, 10), r);
    }
    int rf = first_regfile(m);                     /* R5: the first register file */
    if (rf >= 0 && (name[0] == 'R' || name[0] == 'r') && all_digits(name + 1))
        return item_element(mon, (unsigned)rf, strtoull(name + 1, NULL, 10), r);
    int found = -1;                                /* CC: a field name, when unique */
    for (uint32_t f = 0; f < m->nfields; f++)
        if (strcasecmp(m->fields[f].name, name) == 0) {
            if (found >= 0)
                return 0;
            found = (int)f;
        }
    if (found >= 0) {
        r->kind = MON_REG_FIELD;
        r->field = found;
        r->item = m->fields[found].item;
        r->index = 0;
        r->width = m->fields[found].len;
        return 1;
    }
    for (unsigned u = 0; u < UC_NUREGS; u++)       /* micro-registers by name */
        if (m->ureg_names[u] && strcasecmp(m->ureg_names[u], name) == 0) {
            r->kind = MON_REG_UREG;
            r->index = u;
            r->item = r->field = -1;
            r->width = 64;
            return 1;
        }
    return 0;
}

uint64_t mon_reg_get(Mon *mon, const MonReg *r)
{
    UcCpu *cpu = mon->run.cpu;
    switch (r->kind) {
    case MON_REG_ITEM: return uc_get_item(cpu, (unsigned)r->item, r->index);
    case MON_REG_FIELD: return uc_get_field(cpu, (unsigned)r->field);
    default: return r->index < UC_NUREGS ? cpu->u[r->index] : 0;
    }
}

void mon_reg_set(Mon *mon, const MonReg *r, uint64_t v)
{
    UcCpu *cpu = mon->run.cpu;
    switch (r->kind) {
    case MON_REG_ITEM: uc_set_item(cpu, (unsigned)r->item, r->index, v); break;
    case MON_REG_FIELD: uc_set_field(cpu, (unsigned)r->field, v); break;
    default: if (r->index < UC_NUREGS) cpu->u[r->index] = v; break;
    }
}

void mon_reg_name(Mon *mon, const MonReg *r, char *buf, size_t size)
{
    const UcMachine *m = mon->run.m;
    switch (r->kind) {
    case MON_REG_ITEM:
        if (m->items[r->item].kind == UC_ITEM_REG)
            snprintf(buf, size, "%s", m->items[r->item].name);
        else
            snprintf(buf, size, "%s%u", m->items[r->item].name, r->index);
        break;
    case MON_REG_FIELD:
        snprintf(buf, size, "%s.%s", m->items[r->item].name, m->fields[r->field].name);
        break;
    default:
        if (m->ureg_names[r->index])
            snprintf(buf, size, "%s", m->ureg_names[r->index]);
        else
            snprintf(buf, size, "u%u", r->index);
        break;
    }
}

/* ---- symbols ---- */

int mon_symbol_value(Mon *mon, const char *name, uint64_t *v)
{
    const AsmImage *img = mon->run.img;
    if (img == NULL)
        return 0;
    for (uint32_t i = 0; i < img->nsymbols; i++)
        if (img->symbols[i].name && strcasecmp(img->symbols[i].name, name) == 0) {
            *v = img->symbols[i].value;
            return 1;
        }
    return 0;
}

void mon_symbolize(Mon *mon, uint64_t addr, char *buf, size_t size)
{
    const AsmImage *img = mon->run.img;
    const AsmSymbol *best = NULL;
    buf[0] = 0;
    if (img == NULL)
        return;
    if (addr < img->origin || addr - img->origin >= img->size)
        return;                       /* outside the program */
    for (uint32_t i = 0; i < img->nsymbols; i++) {
        const AsmSymbol *s = &img->symbols[i];
        if (!s->relocatable || !s->name || s->value > addr || addr - s->value >= 0x1000)
            continue;
        if (best == NULL || s->value > best->value)
            best = s;
    }
    if (best == NULL)
        return;
    if (best->value == addr)
        snprintf(buf, size, "%s", best->name);
    else
        snprintf(buf, size, "%s+%llX", best->name, (unsigned long long)(addr - best->value));
}

/* ---- numbers and expressions ---- */

static int digit_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Digits of radix `base` from s (n chars) into *v; -1 on a bad digit or overflow. */
static int parse_digits(const char *s, size_t n, unsigned base, uint64_t *v)
{
    uint64_t x = 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int d = digit_value((unsigned char)s[i]);
        if (d < 0 || (unsigned)d >= base)
            return -1;
        if (x > (UINT64_MAX - (unsigned)d) / base)
            return -1;
        x = x * base + (unsigned)d;
    }
    *v = x;
    return 0;
}

/* A quoted constant T'...' at p (T already checked). Returns the end, or NULL. */
static const char *quoted(const char *p, char *buf, size_t size)
{
    const char *q = p + 2;
    size_t n = 0;
    for (;;) {
        if (*q == 0)
            return NULL;
        if (*q == '\'') {
            if (q[1] == '\'') {     /* '' is one quote */
                q++;
            } else {
                break;
            }
        }
        if (n + 1 < size)
            buf[n++] = *q;
        q++;
    }
    buf[n] = 0;
    return q + 1;
}

static int is_const_type(const char *p)
{
    return p[1] == '\'' && strchr("XxCcAaFfHhBb", p[0]) != NULL && p[0] != 0;
}

static int charset(Mon *mon)
{
    int cs = emu_charset_find(mon->run.m ? mon->run.m->charset : NULL);
    return cs < 0 ? EMU_CS_ASCII : cs;
}

/* X'..' F'..' H'..' B'..' C'..' A'..' as one value. */
static const char *const_value(Mon *mon, const char *p, uint64_t *v)
{
    char text[256];
    const char *end = quoted(p, text, sizeof text);
    if (end == NULL) {
        mon_error(mon, p, "unterminated constant");
        return NULL;
    }
    int t = toupper((unsigned char)p[0]);
    if (t == 'X' || t == 'B') {
        if (parse_digits(text, strlen(text), t == 'X' ? 16 : 2, v) != 0) {
            mon_error(mon, p, "bad %s constant '%s'", t == 'X' ? "hexadecimal" : "binary", text);
            return NULL;
        }
    } else if (t == 'F' || t == 'H') {
        const char *s = text;
        int neg = 0;
        if (*s == '-' || *s == '+')
            neg = *s++ == '-';
        uint64_t x;
        if (parse_digits(s, strlen(s), 10, &x) != 0 || x > (t == 'F' ? UINT64_C(0x80000000) : 0x8000u) ||
            (!neg && x == (t == 'F' ? UINT64_C(0x80000000) : 0x8000u))) {
            mon_error(mon, p, "bad %s constant '%s'", t == 'F' ? "fullword" : "halfword", text);
            return NULL;
        }
        *v = (neg ? (uint64_t)0 - x : x) & mask_bits(t == 'F' ? 32 : 16);
    } else {
        int cs = t == 'C' ? charset(mon) : EMU_CS_ASCII;
        uint64_t x = 0;
        for (const char *s = text; *s; s++)
            x = x << 8 | emu_from_host(cs, (unsigned char)*s);
        *v = x;
    }
    return end;
}

static int parse_sum(Mon *mon, const char **p, uint64_t *v, int allow_minus);

static int index_suffix(Mon *mon, const char **p, uint64_t *index, uint64_t *count, int *have_count)
{
    const char *s = *p + 1;           /* past '[' */
    if (parse_sum(mon, &s, index, 1) != 0)
        return -1;
    s = mon_skip(s);
    *have_count = 0;
    if (*s == ':') {
        s++;
        if (mon_count(mon, &s, count) != 0)
            return -1;
        *have_count = 1;
        s = mon_skip(s);
    }
    if (*s != ']')
        return mon_error(mon, s, "expected ']'");
    *p = s + 1;
    return 0;
}

static int name_value(Mon *mon, const char *start, const char **p, const char *name, uint64_t *v)
{
    const UcMachine *m = mon->run.m;
    MonReg r;
    if (**p == '[') {                 /* GR[5], M[1000], M[1000:4] */
        uint64_t idx, cnt = 1;
        int have_count;
        if (index_suffix(mon, p, &idx, &cnt, &have_count) != 0)
            return -1;
        int it = m ? uc_machine_find_item(m, name) : -1;
        for (uint32_t i = 0; it < 0 && m && i < m->nitems; i++)
            if (strcasecmp(m->items[i].name, name) == 0)
                it = (int)i;
        if (it >= 0 && !have_count) {
            if (!item_element(mon, (unsigned)it, idx, &r))
                return mon_error(mon, start, "%s has no element %llu", name, (unsigned long long)idx);
            *v = mon_reg_get(mon, &r);
            return 0;
        }
        for (uint32_t s = 0; m && s < m->nspaces; s++)
            if (strcasecmp(m->spaces[s].name, name) == 0) {
                if (cnt == 0 || cnt > 8 || cnt * m->spaces[s].unit_bits > 64)
                    return mon_error(mon, start, "a storage value is 1 to 64 bits");
                if (uc_mem_load(mon->run.cpu, s, idx, (unsigned)cnt, v) != 0)
                    return mon_error(mon, start, "address %llX is outside storage",
                                     (unsigned long long)idx);
                return 0;
            }
        return mon_error(mon, start, "'%s' is no register file or storage space", name);
    }
    /* a program's symbol wins over a micro-register of the same name (the
       1401's START label and its START micro-register); u<n> names it */
    if (mon_find_reg(mon, name, &r) && (r.kind != MON_REG_UREG || !mon_symbol_value(mon, name, v))) {
        *v = mon_reg_get(mon, &r);
        return 0;
    }
    if (mon_symbol_value(mon, name, v))
        return 0;
    if (name[0] == '0' && (name[1] == 'x' || name[1] == 'X')) {
        if (parse_digits(name + 2, strlen(name + 2), 16, v) == 0)
            return 0;
    } else if (name[0] == '0' && (name[1] == 'd' || name[1] == 'D')) {
        if (parse_digits(name + 2, strlen(name + 2), 10, v) == 0)
            return 0;
    } else if (name[0] == '0' && (name[1] == 'o' || name[1] == 'O')) {
        if (parse_digits(name + 2, strlen(name + 2), 8, v) == 0)
            return 0;
    } else if (parse_digits(name, strlen(name), mon->radix ? mon->radix : 16, v) == 0) {
        return 0;
    }
    if (parse_digits(name, strlen(name), mon->radix ? mon->radix : 16, &(uint64_t){ 0 }) != 0 &&
        strspn(name, mon->radix == 10 ? "0123456789" : mon->radix == 8 ? "01234567" : "0123456789abcdefABCDEF") ==
            strlen(name))
        return mon_error(mon, start, "number '%s' is too large", name);
    return mon_error(mon, start, "unknown name or bad number '%s'", name);
}

static int parse_unary(Mon *mon, const char **p, uint64_t *v)
{
    const char *s = mon_skip(*p);
    if (*s == '-' || *s == '~') {
        char op = *s++;
        if (parse_unary(mon, &s, v) != 0)
            return -1;
        *v = op == '-' ? (uint64_t)0 - *v : ~*v;
        *p = s;
        return 0;
    }
    if (*s == '(') {
        s++;
        if (parse_sum(mon, &s, v, 1) != 0)
            return -1;
        s = mon_skip(s);
        if (*s != ')')
            return mon_error(mon, s, "expected ')'");
        *p = s + 1;
        return 0;
    }
    if (*s == '*') {                  /* the current instruction address */
        *v = mon_ia(mon);
        *p = s + 1;
        return 0;
    }
    if (is_const_type(s)) {
        const char *e = const_value(mon, s, v);
        if (e == NULL)
            return -1;
        *p = e;
        return 0;
    }
    if (!is_name_char((unsigned char)*s) || *s == '.') {
        if (*s)
            return mon_error(mon, s, "expected a value, not '%c'", *s);
        return mon_error(mon, s, "expected a value");
    }
    char name[128];
    size_t n = 0;
    const char *start = s;
    while (is_name_char((unsigned char)*s)) {
        if (n + 1 < sizeof name)
            name[n++] = *s;
        s++;
    }
    name[n] = 0;
    *p = s;
    return name_value(mon, start, p, name, v);
}

static int parse_sum(Mon *mon, const char **p, uint64_t *v, int allow_minus)
{
    if (parse_unary(mon, p, v) != 0)
        return -1;
    for (;;) {
        const char *s = mon_skip(*p);
        if (*s != '+' && !(allow_minus && *s == '-'))
            return 0;
        uint64_t w;
        char op = *s++;
        if (parse_unary(mon, &s, &w) != 0)
            return -1;
        *v = op == '+' ? *v + w : *v - w;
        *p = s;
    }
}

int mon_expr(Mon *mon, const char **p, uint64_t *v)
{
    return parse_sum(mon, p, v, 1);
}

int mon_count(Mon *mon, const char **p, uint64_t *v)
{
    const char *s = mon_skip(*p);
    char w[64];
    size_t n = 0;
    const char *start = s;
    while (is_name_char((unsigned char)*s) || *s == '\'') {
        if (n + 1 < sizeof w)
            w[n++] = *s;
        s++;
    }
    w[n] = 0;
    if (n == 0)
        return mon_error(mon, start, "expected a count");
    if (all_digits(w)) {
        if (parse_digits(w, n, 10, v) != 0)
            return mon_error(mon, start, "count '%s' is too large", w);
        *p = s;
        return 0;
    }
    *p = start;                       /* 0x10, X'10', R5 ... */
    return mon_expr(mon, p, v);
}

int mon_opt_count(Mon *mon, const char **p, uint64_t *n, uint64_t dflt)
{
    *n = dflt;
    if (mon_at_end(*p))
        return 0;
    if (mon_count(mon, p, n) != 0)
        return -1;
    if (!mon_at_end(*p))
        return mon_error(mon, mon_skip(*p), "unexpected '%s'", mon_skip(*p));
    return 0;
}

int mon_cond(Mon *mon, const char **p, int *truth)
{
    uint64_t a, b;
    if (mon_expr(mon, p, &a) != 0)
        return -1;
    const char *s = mon_skip(*p);
    static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">", "=" };
    int op = -1;
    for (int i = 0; i < 7 && op < 0; i++)
        if (strncmp(s, ops[i], strlen(ops[i])) == 0)
            op = i;
    if (op < 0) {
        *truth = a != 0;
        *p = s;
        return 0;
    }
    s += strlen(ops[op]);
    if (mon_expr(mon, &s, &b) != 0)
        return -1;
    *p = s;
    switch (op) {
    case 0: case 6: *truth = a == b; break;
    case 1: *truth = a != b; break;
    case 2: *truth = a <= b; break;
    case 3: *truth = a >= b; break;
    case 4: *truth = a < b; break;
    default: *truth = a > b; break;
    }
    return 0;
}

int mon_cond_text(Mon *mon, const char *text, int *truth)
{
    const char *saved = mon->line, *saved_shown = mon->shown_line;
    int saved_shift = mon->shift;
    uintptr_t t = (uintptr_t)text, l = (uintptr_t)mon->line;
    if (mon->line == NULL || t < l || t > l + strlen(mon->line)) {
        mon->line = text;           /* a stored condition: show it alone */
        mon->shown_line = NULL;
        mon->shift = 0;
    }
    const char *p = text;
    int rc = mon_cond(mon, &p, truth);
    if (rc == 0 && !mon_at_end(p))
        rc = mon_error(mon, mon_skip(p), "unexpected '%s' after the condition", mon_skip(p));
    mon->line = saved;
    mon->shown_line = saved_shown;
    mon->shift = saved_shift;
    return rc;
}

/* ---- ranges and data ---- */

int mon_range(Mon *mon, const char **p, unsigned *space, uint64_t *lo, uint64_t *n, int *have_len)
{
    const UcMachine *m = mon->run.m;
    const char *s = mon_skip(*p);
    *space = 0;
    for (uint32_t i = 0; m && i < m->nspaces; i++) {   /* "M:1000" names a space */
        size_t k = strlen(m->spaces[i].name);
        if (strncasecmp(s, m->spaces[i].name, k) == 0 && s[k] == ':') {
            *space = i;
            s += k + 1;
            break;
        }
    }
    if (parse_sum(mon, &s, lo, 0) != 0)
        return -1;
    *have_len = 0;
    *n = 1;
    const char *t = mon_skip(s);
    if (*t == '-') {
        uint64_t hi;
        t++;
        const char *at = mon_skip(t);
        if (parse_sum(mon, &t, &hi, 0) != 0)
            return -1;
        if (hi < *lo)
            return mon_error(mon, at, "the range ends before it starts");
        *n = hi - *lo + 1;
        *have_len = 1;
        s = t;
    } else if (*t && *t != ';' && *t != '#' && !mon_keyword(&(const char *){ t }, "count") &&
               !mon_keyword(&(const char *){ t }, "if")) {
        if (mon_count(mon, &t, n) != 0)
            return -1;
        if (*n == 0)
            return mon_error(mon, t, "a length of 0");
        *have_len = 1;
        s = t;
    }
    *p = s;
    return 0;
}

int mon_data(Mon *mon, const char **p, unsigned space, uint64_t *units, size_t max, size_t *n)
{
    const UcSpace *sp = &mon->run.m->spaces[space];
    unsigned ub = sp->unit_bits;
    unsigned dpu = (ub + 3) / 4;      /* hex digits per unit */
    const char *s = mon_skip(*p);
    *n = 0;
    while (*s) {
        const char *start = s;
        uint64_t tmp[64];
        size_t k = 0;
        if (is_const_type(s) && toupper((unsigned char)s[0]) != 'B') {
            char text[256];
            const char *end = quoted(s, text, sizeof text);
            if (end == NULL)
                return mon_error(mon, s, "unterminated constant");
            int t = toupper((unsigned char)s[0]);
            if (t == 'C' || t == 'A') {
                int cs = t == 'C' ? charset(mon) : EMU_CS_ASCII;
                int mark = t == 'C' ? mon_mark_bit(mon, space) : -1;
                for (const char *c = text; *c && k < 64; c++) {
                    uint64_t wm = 0;
                    if (mark >= 0 && *c == MON_MARK_CHAR) {   /* a word mark on the next character */
                        if (c[1] == 0 || c[1] == MON_MARK_CHAR)
                            return mon_error(mon, s, "a word mark (%c) needs a character after it", MON_MARK_CHAR);
                        wm = UINT64_C(1) << mark;
                        c++;
                    }
                    tmp[k++] = emu_from_host(cs, (unsigned char)*c) | wm;
                }
            } else if (t == 'X') {
                size_t len = strlen(text);
                if (len == 0 || strspn(text, "0123456789abcdefABCDEF") != len)
                    return mon_error(mon, s, "bad hexadecimal constant '%s'", text);
                size_t nu = (len + dpu - 1) / dpu;
                size_t pad = nu * dpu - len;
                for (size_t u = 0; u < nu && k < 64; u++) {
                    uint64_t v = 0;
                    for (size_t d = 0; d < dpu; d++) {
                        size_t at = u * dpu + d;
                        v = v << 4 | (at < pad ? 0 : (uint64_t)digit_value((unsigned char)text[at - pad]));
                    }
                    tmp[k++] = v & mask_bits(ub);
                }
            } else {                  /* F, H */
                uint64_t v;
                if (const_value(mon, s, &v) == NULL)
                    return -1;
                unsigned bits = t == 'F' ? 32 : 16;
                if (bits % ub)
                    return mon_error(mon, s, "%c'..' needs storage units that divide %u bits", t, bits);
                for (unsigned u = bits / ub; u-- > 0 && k < 64;)
                    tmp[k++] = (v >> (u * ub)) & mask_bits(ub);
            }
            s = end;
        } else {
            char w[256];
            const char *e = mon_word(s, w, sizeof w);
            const char *digits = w;
            if (w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
                digits += 2;
            size_t len = strlen(digits);
            if (len == 0 || strspn(digits, "0123456789abcdefABCDEF") != len)
                return mon_error(mon, start, "bad value '%s' (hex digits, X'..', C'..', A'..', F'..' or H'..')", w);
            size_t nu = (len + dpu - 1) / dpu, pad = nu * dpu - len;
            for (size_t u = 0; u < nu && k < 64; u++) {
                uint64_t v = 0;
                for (size_t d = 0; d < dpu; d++) {
                    size_t at = u * dpu + d;
                    v = v << 4 | (at < pad ? 0 : (uint64_t)digit_value((unsigned char)digits[at - pad]));
                }
                tmp[k++] = v & mask_bits(ub);
            }
            s = e;
        }
        if (*n + k > max)
            return mon_error(mon, start, "too much data (at most %zu units)", max);
        memcpy(units + *n, tmp, k * sizeof *tmp);
        *n += k;
        s = mon_skip(s);
        if (*s == ',')
            s = mon_skip(s + 1);
        if (*s == ';')
            break;
    }
    if (*n == 0)
        return mon_error(mon, s, "expected a value to deposit");
    *p = s;
    return 0;
}

int mon_parse_reg(Mon *mon, const char **p, MonReg *r)
{
    const UcMachine *m = mon->run.m;
    const char *s = mon_skip(*p), *start = s;
    char name[128];
    size_t n = 0;
    while (is_name_char((unsigned char)*s)) {
        if (n + 1 < sizeof name)
            name[n++] = *s;
        s++;
    }
    name[n] = 0;
    if (n == 0)
        return 0;
    if (*s == '[') {
        int it = -1;
        for (uint32_t i = 0; i < m->nitems && it < 0; i++)
            if (m->items[i].kind == UC_ITEM_REGFILE && strcasecmp(m->items[i].name, name) == 0)
                it = (int)i;
        if (it < 0)
            return 0;
        uint64_t idx, cnt;
        int have_count;
        if (index_suffix(mon, &s, &idx, &cnt, &have_count) != 0)
            return -1;
        if (have_count || !item_element(mon, (unsigned)it, idx, r))
            return mon_error(mon, start, "%s has no element %llu", name, (unsigned long long)idx);
        *p = s;
        return 1;
    }
    if (!mon_find_reg(mon, name, r))
        return 0;
    *p = s;
    return 1;
}
