/* asm_disasm.c — the table-driven disassembler.
 *
 * The instruction at an address is found the way the machine decodes it:
 * the decode rule gives the key (UC_LEN_BY_KEY: a field of the first units)
 * and the dispatch table the candidate forms for that key, the first whose
 * mask/match holds on the instruction value being the instruction (with no
 * dispatch table, the instructions' fixed mask/match are tried in order). A
 * word-mark machine (UC_LEN_DELIMITED) takes the units up to the next
 * delimiter. The text is the preferred extended mnemonic when one matches
 * its fixed fields, then each operand in the first syntax form of its mode
 * whose `when` conditions hold — text that assembles back to the same units.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "asm_autocoder.h"
#include "asm_int.h"
#include "../emulator/emu_charset.h"

static unsigned unit_bits(const UcMachine *m)
{
    return m->nspaces && m->spaces[0].unit_bits ? m->spaces[0].unit_bits : 8;
}

static unsigned unit_bytes(const UcMachine *m)
{
    return m->nspaces && m->spaces[0].unit_bytes ? m->spaces[0].unit_bytes : 1;
}

static uint64_t unit_at(const UcMachine *m, const uint8_t *units, size_t i)
{
    unsigned ub = unit_bytes(m);
    uint64_t v = 0;
    for (unsigned k = 0; k < ub; k++)
        v = (v << 8) | units[i * ub + k];
    return v;
}

static uint64_t value_of(const UcMachine *m, const uint8_t *units, unsigned n)
{
    unsigned ubits = unit_bits(m);
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = (ubits >= 64 ? 0 : v << ubits) | (unit_at(m, units, i) & (ubits >= 64 ? ~0ull : (1ull << ubits) - 1));
    return v;
}

unsigned asm_dis_min_length(const UcMachine *m)
{
    unsigned min = 0;
    for (uint32_t i = 0; i < m->nformats; i++)
        if (m->formats[i].length && (min == 0 || m->formats[i].length < min))
            min = m->formats[i].length;
    return min ? min : 1;
}

/* Find the instruction; returns its index or -1, *len its length in units, *value its value. */
static int32_t decode(const UcMachine *m, const uint8_t *units, size_t avail, unsigned *len, uint64_t *value)
{
    const UcDecodeRule *d = &m->decode;
    if (d->rule == UC_LEN_DELIMITED) {
        unsigned ubits = unit_bits(m);
        unsigned n = 1;
        if (d->delim_subfield >= 0 && m->nspaces && (uint32_t)d->delim_subfield < m->spaces[0].nsubfields) {
            const UcSubfield *wm = &m->spaces[0].subfields[d->delim_subfield];
            while (n < avail && n < d->max_length && !((unit_at(m, units, n) >> wm->shift) & 1))
                n++;
        }
        uint64_t v = 0;
        for (unsigned i = 0; i < n; i++) {
            uint64_t u = unit_at(m, units, i) >> d->value_subfield_mask_shift;
            unsigned w = d->value_subfield_len ? d->value_subfield_len : ubits;
            v = (v << w) | (u & ((1ull << w) - 1));
        }
        for (uint32_t i = 0; i < m->ninsns; i++) {
            const UcInsn *in = &m->insns[i];
            if (in->format < m->nformats && m->formats[in->format].length == n
                && (v & in->fixed_mask) == in->fixed_match) {
                *len = n;
                *value = v;
                return (int32_t)i;
            }
        }
        return -1;
    }
    if (m->dispatch.first != NULL && d->key_units > 0 && avail >= d->key_units && d->key_len < 32) {
        uint64_t kv = value_of(m, units, d->key_units);
        uint64_t key = (kv >> d->key_shift) & ((1ull << d->key_len) - 1);
        if (m->dispatch.key_bits < 32 && key < (1ull << m->dispatch.key_bits)) {
            for (int32_t c = m->dispatch.first[key]; c >= 0 && (uint32_t)c < m->ncands; c = m->cands[c].next) {
                const UcCandidate *cd = &m->cands[c];
                if (cd->format >= m->nformats || cd->insn < 0 || (uint32_t)cd->insn >= m->ninsns)
                    continue;
                unsigned n = m->formats[cd->format].length;
                if (n == 0 || n > avail)
                    continue;
                uint64_t v = value_of(m, units, n);
                if ((v & cd->mask) == cd->match) {
                    *len = n;
                    *value = v;
                    return cd->insn;
                }
            }
            return -1;
        }
    }
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        if (in->format >= m->nformats || in->fixed_mask == 0)
            continue;
        unsigned n = m->formats[in->format].length;
        if (n == 0 || n > avail)
            continue;
        uint64_t v = value_of(m, units, n);
        if ((v & in->fixed_mask) == in->fixed_match) {
            *len = n;
            *value = v;
            return (int32_t)i;
        }
    }
    return -1;
}

static uint64_t field_of(const UcFormat *f, int field, uint64_t value)
{
    if (field >= f->nfields)
        return 0;
    const UcFmtField *ff = &f->fields[field];
    uint64_t mask = ff->len >= 64 ? ~0ull : (1ull << ff->len) - 1;
    return (value >> ff->shift) & mask;
}

typedef struct Out {
    char *buf;
    size_t size, n;
} Out;

static void emit(Out *o, const char *fmt, ...)
{
    if (o->n >= o->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(o->buf + o->n, o->size - o->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->n += (size_t)k < o->size - o->n ? (size_t)k : o->size - o->n - 1;
}

static int find_param(const UcMode *md, const char *name, size_t n)
{
    for (int i = 0; i < md->nparams; i++)
        if (strlen(md->params[i].name) == n && strncmp(md->params[i].name, name, n) == 0)
            return i;
    return -1;
}

int asm_syntax_ref(const UcMode *md, const char **tp, int64_t *add, char *style)
{
    const char *t = *tp, *s = t;
    while (isalnum((unsigned char)*t) || *t == '_')
        t++;
    int p = find_param(md, s, (size_t)(t - s));
    *add = 0;
    *style = 0;
    if (*t == '+' || *t == '-') {
        int sign = *t == '-' ? -1 : 1;
        t++;
        while (isdigit((unsigned char)*t))
            *add = *add * 10 + (*t++ - '0');
        *add *= sign;
    }
    if (*t == ':') {
        *style = (char)tolower((unsigned char)t[1]);
        t += t[1] ? 2 : 1;
    }
    if (*t == '}')
        t++;
    *tp = t;
    return p;
}

static void render(Out *o, const UcMachine *m, const UcMode *md, const int64_t *pv)
{
    /* Of the forms whose conditions all hold, the one with the most
       conditions (the most specific), the first written on a tie: for
       "{d}({x},{b})" | "{d}(,{b})" when x == 0 | "{d}" when x == 0 && b == 0
       an all-zero x and b print as "{d}". */
    const UcModeForm *form = NULL;
    for (uint32_t i = 0; i < md->nforms; i++) {
        const UcModeForm *f = &md->forms[i];
        int ok = 1;
        for (int c = 0; c < f->ncond && c < UC_MAX_MODE_PARAMS; c++)
            if (f->cond[c].param >= md->nparams || pv[f->cond[c].param] != f->cond[c].value)
                ok = 0;
        if (ok && (form == NULL || f->ncond > form->ncond))
            form = f;
    }
    if (form == NULL && md->nforms)
        form = &md->forms[0];
    if (form == NULL || form->tmpl == NULL)
        return;
    int cs = emu_charset_find(m->charset);
    if (cs < 0)
        cs = EMU_CS_ASCII;
    for (const char *t = form->tmpl; *t;) {
        if (*t != '{') {
            emit(o, "%c", *t++);
            continue;
        }
        t++;
        int64_t add;
        char style;
        int p = asm_syntax_ref(md, &t, &add, &style);
        if (p < 0)
            continue;
        int64_t v = pv[p] + add;
        int w = md->params[p].width;
        if (style == 'c' && v >= 0 && v < 256 && emu_printable(cs, (unsigned char)v)) {
            unsigned char h = emu_to_host(cs, (unsigned char)v);
            if (h == '\'' || h == '&')
                emit(o, "C'%c%c'", h, h);
            else
                emit(o, "C'%c'", h);
        } else if (style == 'x' || style == 'c') {
            emit(o, "X'%0*llX'", (w + 3) / 4, (unsigned long long)(w >= 64 ? (uint64_t)v : (uint64_t)v & ((1ull << w) - 1)));
        } else {
            emit(o, "%lld", (long long)v);
        }
    }
}

unsigned asm_disassemble(const UcMachine *m, const uint8_t *units, size_t avail,
                         uint64_t addr, char *buf, size_t size)
{
    if (asm_autocoder_serves(m))            /* word-mark machines: Autocoder */
        return asm_autocoder_disassemble(m, units, avail, addr, buf, size);
    Out o = { buf, size, 0 };
    unsigned len = 0;
    uint64_t value = 0;
    (void)addr;
    if (size == 0)
        return 0;
    buf[0] = '\0';
    int32_t ii = avail ? decode(m, units, avail, &len, &value) : -1;
    if (ii < 0) {
        unsigned n = asm_dis_min_length(m);
        if (n > avail)
            n = (unsigned)avail;
        emit(&o, "%-5s X'", "DC");
        for (unsigned i = 0; i < n * unit_bytes(m); i++)
            emit(&o, "%02X", units[i]);
        emit(&o, "'");
        return 0;
    }
    const UcInsn *in = &m->insns[ii];
    const UcFormat *fmt = &m->formats[in->format];
    const UcAlias *al = NULL;
    for (uint32_t i = 0; i < m->naliases && al == NULL; i++) {
        const UcAlias *x = &m->aliases[i];
        if (!x->prefer || x->insn != (uint32_t)ii)
            continue;
        int ok = 1;
        for (int k = 0; k < x->nfixed && k < 4; k++)
            if (field_of(fmt, x->fixed[k].field, value) != x->fixed[k].value)
                ok = 0;
        if (ok)
            al = x;
    }
    emit(&o, "%-5s", al ? al->mnemonic : in->mnemonic);
    int first = 1, pending_sep = 0;
    size_t mark = o.n;
    for (int i = 0; i < in->noperands; i++) {
        const UcOperand *od = &in->operands[i];
        if (od->mode >= m->nmodes)
            continue;
        const UcMode *md = &m->modes[od->mode];
        int64_t pv[UC_MAX_MODE_PARAMS] = { 0 };
        int all_fixed = al != NULL && md->nparams > 0, all_zero = 1;
        for (int p = 0; p < md->nparams; p++) {
            uint64_t raw = field_of(fmt, od->field[p], value);
            const UcModeParam *mp = &md->params[p];
            int w = od->field[p] < fmt->nfields ? fmt->fields[od->field[p]].len : mp->width;
            int sgn = mp->is_signed || (od->field[p] < fmt->nfields && fmt->fields[od->field[p]].is_signed);
            pv[p] = (int64_t)raw;
            if (sgn && w > 0 && w < 64 && (raw >> (w - 1)) & 1)
                pv[p] = (int64_t)(raw | ~((1ull << w) - 1));
            all_zero &= raw == 0;
            if (al) {
                int f = 0;
                for (int k = 0; k < al->nfixed && k < 4; k++)
                    f |= al->fixed[k].field == od->field[p];
                all_fixed &= f;
            }
        }
        if (all_fixed)
            continue;
        if (od->optional && all_zero) {
            pending_sep = 1;
            continue;
        }
        (void)pending_sep;
        emit(&o, first ? " " : ",");
        first = 0;
        render(&o, m, md, pv);
    }
    (void)mark;
    if (first) {                       /* no operands: no padding */
        while (o.n > 0 && buf[o.n - 1] == ' ')
            buf[--o.n] = '\0';
    }
    return len;
}
