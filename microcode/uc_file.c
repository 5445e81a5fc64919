/* uc_file.c — the .ucode container: a whole UcMachine as a versioned,
 * little-endian byte stream (uc_file.h, uc_machine.h).
 *
 *   offset 0   magic "MCEMUUC\0"                       8 bytes
 *          8   version (UC_FILE_VERSION)               u32
 *         12   content hash: FNV-1a 64 of bytes 20..end u64
 *         20   machine name                            string
 *              sections, in this order, each  tag u32 ("MACH" as bytes),
 *              length u32, payload:  MACH ITEM FILD SPAC TABL CNST INTR STOP
 *              HELP FRMT DECD DISP MODE INSN ALIA WORD FILE ROUT
 *
 * A string is a u32 length and its bytes (no NUL); length 0xffffffff is a
 * NULL string. Integers are little-endian; a micro-word is the 24-byte layout
 * drawn in uc_machine.h. Reading checks every count against the bytes left
 * before allocating, every fixed-size array against its bound while reading,
 * and the finished machine with uc_machine_check, so a damaged file yields a
 * message and NULL, never a crash.
 */
#include "uc_file.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NULL_STRING 0xffffffffu
#define HEADER_FIXED 20          /* magic, version, hash */
#define MAX_FILE_BYTES (UINT64_C(1) << 30)

static uint64_t fnv1a64(const uint8_t *p, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

static uint32_t tag(const char *t)
{
    return (uint32_t)(uint8_t)t[0] | (uint32_t)(uint8_t)t[1] << 8 | (uint32_t)(uint8_t)t[2] << 16
           | (uint32_t)(uint8_t)t[3] << 24;
}

/* ---- writing ---- */

typedef struct Wr {
    uint8_t *p;
    size_t len, cap;
    int oom;
} Wr;

static void put(Wr *w, const void *src, size_t n)
{
    if (w->oom)
        return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < w->len + n)
            cap *= 2;
        uint8_t *p = realloc(w->p, cap);
        if (!p) {
            w->oom = 1;
            return;
        }
        w->p = p;
        w->cap = cap;
    }
    memcpy(w->p + w->len, src, n);
    w->len += n;
}

static void put_le(Wr *w, uint64_t v, unsigned n)
{
    uint8_t b[8];
    for (unsigned i = 0; i < n; i++, v >>= 8)
        b[i] = (uint8_t)v;
    put(w, b, n);
}

#define P8(v) put_le(w, (uint64_t)(v), 1)
#define P16(v) put_le(w, (uint64_t)(v), 2)
#define P32(v) put_le(w, (uint64_t)(uint32_t)(v), 4)
#define P64(v) put_le(w, (uint64_t)(v), 8)

static void put_str(Wr *w, const char *s)
{
    if (!s) {
        P32(NULL_STRING);
        return;
    }
    size_t n = strlen(s);
    P32(n);
    put(w, s, n);
}

/* Start a section; returns where its length goes. */
static size_t sec_begin(Wr *w, const char *t)
{
    P32(tag(t));
    size_t at = w->len;
    P32(0);
    return at;
}

static void sec_end(Wr *w, size_t at)
{
    if (w->oom)
        return;
    uint32_t n = (uint32_t)(w->len - at - 4);
    for (unsigned i = 0; i < 4; i++)
        w->p[at + i] = (uint8_t)(n >> (8 * i));
}

static void write_word(Wr *w, const UcWord *x)
{
    P8(x->op); P8(x->dst); P8(x->a); P8(x->b); P8(x->width); P8(x->flags);
    P16(x->aux); P32(x->target); P64(x->imm); P32(0);
}

static void write_body(Wr *w, const UcMachine *m)
{
    uint32_t i, j;
    size_t s;
    put_str(w, m->name);

    s = sec_begin(w, "MACH");
    put_str(w, m->title); put_str(w, m->charset);
    P8(m->bitorder); P8(m->endian); P8(m->addr_bits); P8(m->wrap);
    P32(m->nslots); P32(m->fetch_entry); P32(m->reset_entry); P32(m->boundary_entry);
    for (i = 0; i < UC_NUREGS; i++)
        put_str(w, m->ureg_names[i]);
    sec_end(w, s);

    s = sec_begin(w, "ITEM");
    P32(m->nitems);
    for (i = 0; i < m->nitems; i++) {
        const UcItem *it = &m->items[i];
        put_str(w, it->name); P8(it->kind); P8(it->width); P32(it->count); P32(it->slot);
        P32(it->nnumbers);
        for (j = 0; j < it->nnumbers; j++)
            P32(it->number_map[j]);
    }
    sec_end(w, s);

    s = sec_begin(w, "FILD");
    P32(m->nfields);
    for (i = 0; i < m->nfields; i++) {
        put_str(w, m->fields[i].name); P16(m->fields[i].item); P8(m->fields[i].shift);
        P8(m->fields[i].len);
    }
    sec_end(w, s);

    s = sec_begin(w, "SPAC");
    P32(m->nspaces);
    for (i = 0; i < m->nspaces; i++) {
        const UcSpace *sp = &m->spaces[i];
        put_str(w, sp->name); P8(sp->unit_bits); P8(sp->unit_bytes);
        P64(sp->min_size); P64(sp->max_size); P64(sp->default_size);
        P32(sp->nsizes);
        for (j = 0; j < sp->nsizes; j++)
            P64(sp->sizes[j]);
        P32(sp->nsubfields);
        for (j = 0; j < sp->nsubfields; j++) {
            put_str(w, sp->subfields[j].name); P8(sp->subfields[j].shift); P8(sp->subfields[j].len);
        }
        for (j = 0; j < UC_NFAULTS; j++) {
            P32(sp->faults[j].interrupt); P64(sp->faults[j].code);
        }
        P32(sp->key_block); P8(sp->key_bits); P32(sp->key_field); P8(sp->fetch_prot_bit);
    }
    sec_end(w, s);

    s = sec_begin(w, "TABL");
    P32(m->ntables);
    for (i = 0; i < m->ntables; i++) {
        put_str(w, m->tables[i].name); P8(m->tables[i].width); P32(m->tables[i].count);
        for (j = 0; j < m->tables[i].count; j++)
            P64(m->tables[i].values[j]);
    }
    sec_end(w, s);

    s = sec_begin(w, "CNST");
    P32(m->nconsts);
    for (i = 0; i < m->nconsts; i++) {
        put_str(w, m->consts[i].name); P64(m->consts[i].value); P8(m->consts[i].kind);
    }
    sec_end(w, s);

    s = sec_begin(w, "INTR");
    P32(m->ninterrupts);
    for (i = 0; i < m->ninterrupts; i++) {
        const UcInterrupt *in = &m->interrupts[i];
        put_str(w, in->name); P32(in->entry); P8(in->nparams);
        for (j = 0; j < 4; j++)
            P8(in->param_ureg[j]);
    }
    sec_end(w, s);

    s = sec_begin(w, "STOP");
    P32(m->nstops);
    for (i = 0; i < m->nstops; i++) {
        put_str(w, m->stops[i].name); put_str(w, m->stops[i].message);
    }
    sec_end(w, s);

    s = sec_begin(w, "HELP");
    P32(m->nhelpers);
    for (i = 0; i < m->nhelpers; i++) {
        put_str(w, m->helpers[i].name); P8(m->helpers[i].nargs); P8(m->helpers[i].has_result);
    }
    sec_end(w, s);

    s = sec_begin(w, "FRMT");
    P32(m->nformats);
    for (i = 0; i < m->nformats; i++) {
        const UcFormat *f = &m->formats[i];
        put_str(w, f->name); P8(f->width); P8(f->length); P8(f->nfields);
        for (j = 0; j < f->nfields && j < UC_MAX_FIELDS; j++) {
            const UcFmtField *ff = &f->fields[j];
            put_str(w, ff->name); P8(ff->shift); P8(ff->len); P8(ff->ureg); P8(ff->is_signed);
        }
    }
    sec_end(w, s);

    s = sec_begin(w, "DECD");
    const UcDecodeRule *d = &m->decode;
    P8(d->rule); P8(d->key_units); P8(d->key_shift); P8(d->key_len); P32(d->delim_subfield);
    P8(d->max_length); P8(d->value_subfield_mask_shift); P8(d->value_subfield_len);
    sec_end(w, s);

    s = sec_begin(w, "DISP");
    P8(m->dispatch.key_bits); P8(m->dispatch.first != NULL);
    if (m->dispatch.first)
        for (i = 0; i < (UINT32_C(1) << m->dispatch.key_bits); i++)
            P32(m->dispatch.first[i]);
    P32(m->dispatch.invalid_entry);
    P32(m->ncands);
    for (i = 0; i < m->ncands; i++) {
        const UcCandidate *c = &m->cands[i];
        P64(c->mask); P64(c->match); P32(c->insn); P16(c->format); P32(c->entry); P32(c->next);
    }
    sec_end(w, s);

    s = sec_begin(w, "MODE");
    P32(m->nmodes);
    for (i = 0; i < m->nmodes; i++) {
        const UcMode *md = &m->modes[i];
        put_str(w, md->name); P8(md->kind); P8(md->nparams);
        for (j = 0; j < md->nparams && j < UC_MAX_MODE_PARAMS; j++) {
            put_str(w, md->params[j].name); P8(md->params[j].width); P8(md->params[j].is_signed);
            P32(md->params[j].bias);
        }
        P8(md->disp_param); P8(md->base_param); P8(md->index_param); P8(md->length_param);
        P32(md->nforms);
        for (j = 0; j < md->nforms; j++) {
            const UcModeForm *fo = &md->forms[j];
            put_str(w, fo->tmpl); P8(fo->ncond);
            for (unsigned k = 0; k < fo->ncond && k < UC_MAX_MODE_PARAMS; k++) {
                P8(fo->cond[k].param); P64(fo->cond[k].value);
            }
        }
    }
    sec_end(w, s);

    s = sec_begin(w, "INSN");
    P32(m->ninsns);
    for (i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        put_str(w, in->mnemonic); P16(in->format); P32(in->attrs); P64(in->fixed_mask);
        P64(in->fixed_match); P8(in->noperands);
        for (j = 0; j < in->noperands && j < UC_MAX_OPERANDS; j++) {
            P16(in->operands[j].mode); P8(in->operands[j].optional);
            for (unsigned k = 0; k < UC_MAX_MODE_PARAMS; k++)
                P8(in->operands[j].field[k]);
        }
        put_str(w, in->syntax); P32(in->entry); P16(in->file); P32(in->line);
    }
    sec_end(w, s);

    s = sec_begin(w, "ALIA");
    P32(m->naliases);
    for (i = 0; i < m->naliases; i++) {
        const UcAlias *a = &m->aliases[i];
        put_str(w, a->mnemonic); P16(a->insn); P8(a->nfixed);
        for (j = 0; j < a->nfixed && j < 4; j++) {
            P8(a->fixed[j].field); P64(a->fixed[j].value);
        }
        P8(a->prefer);
    }
    sec_end(w, s);

    s = sec_begin(w, "WORD");
    P32(m->nwords);
    for (i = 0; i < m->nwords; i++)
        write_word(w, &m->words[i]);
    P8(m->debug != NULL);
    for (i = 0; m->debug && i < m->nwords; i++) {
        const UcDebugLine *dl = &m->debug[i];
        P16(dl->file); P32(dl->line); P16(dl->col); P32(dl->insn);
    }
    sec_end(w, s);

    s = sec_begin(w, "FILE");
    P32(m->nfiles);
    for (i = 0; i < m->nfiles; i++) {
        put_str(w, m->files[i].name); put_str(w, m->files[i].text);
    }
    sec_end(w, s);

    s = sec_begin(w, "ROUT");
    P32(m->nroutines);
    for (i = 0; i < m->nroutines; i++) {
        put_str(w, m->routines[i].name); P32(m->routines[i].start); P32(m->routines[i].end);
    }
    sec_end(w, s);
}

int uc_write_mem(UcMachine *m, uint8_t **data, size_t *size)
{
    Wr w = { NULL, 0, 0, 0 };
    if (!m || !data || !size)
        return -1;
    put(&w, UC_FILE_MAGIC, 8);
    put_le(&w, UC_FILE_VERSION, 4);
    put_le(&w, 0, 8);
    write_body(&w, m);
    if (w.oom) {
        free(w.p);
        return -1;
    }
    m->hash = fnv1a64(w.p + HEADER_FIXED, w.len - HEADER_FIXED);
    for (unsigned i = 0; i < 8; i++)
        w.p[12 + i] = (uint8_t)(m->hash >> (8 * i));
    *data = w.p;
    *size = w.len;
    return 0;
}

int uc_write_file(UcMachine *m, const char *path, char *err, size_t errsize)
{
    uint8_t *data;
    size_t size;
    if (uc_write_mem(m, &data, &size)) {
        snprintf(err, errsize, "%s: out of memory while writing", path);
        return -1;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errsize, "%s: cannot create the file", path);
        free(data);
        return -1;
    }
    int bad = fwrite(data, 1, size, f) != size;
    bad |= fclose(f) != 0;
    free(data);
    if (bad) {
        snprintf(err, errsize, "%s: write error", path);
        remove(path);
        return -1;
    }
    return 0;
}

/* ---- reading ---- */

typedef struct Rd {
    const uint8_t *p;
    size_t len, pos;
    size_t end;              /* end of the current section */
    int bad;
    char *err;
    size_t errsize;
} Rd;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void rd_fail(Rd *r, const char *fmt, ...)
{
    if (r->bad)
        return;
    r->bad = 1;
    if (r->err && r->errsize) {
        char msg[200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(r->err, r->errsize, "damaged .ucode data: %s (at offset %zu)", msg, r->pos);
    }
}

static uint64_t get_le(Rd *r, unsigned n)
{
    if (r->bad)
        return 0;
    if (r->end - r->pos < n) {
        rd_fail(r, "truncated");
        return 0;
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)r->p[r->pos + i] << (8 * i);
    r->pos += n;
    return v;
}

#define G8() ((uint8_t)get_le(r, 1))
#define G16() ((uint16_t)get_le(r, 2))
#define G32() ((uint32_t)get_le(r, 4))
#define GI32() ((int32_t)(uint32_t)get_le(r, 4))
#define G64() (get_le(r, 8))

static char *get_str(Rd *r)
{
    uint32_t n = G32();
    if (r->bad || n == NULL_STRING)
        return NULL;
    if (r->end - r->pos < n) {
        rd_fail(r, "string runs past its section");
        return NULL;
    }
    if (memchr(r->p + r->pos, 0, n)) {
        rd_fail(r, "string holds a NUL byte");
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        rd_fail(r, "out of memory");
        return NULL;
    }
    memcpy(s, r->p + r->pos, n);
    s[n] = '\0';
    r->pos += n;
    return s;
}

/* A count of entries, each at least `min` bytes: no more than the section
   holds, then a zeroed array of them (NULL for 0). */
static void *get_array(Rd *r, uint32_t *count, size_t min, size_t elem)
{
    uint32_t n = G32();
    *count = 0;
    if (r->bad)
        return NULL;
    if (min && n > (r->end - r->pos) / min) {
        rd_fail(r, "count %" PRIu32 " larger than the data", n);
        return NULL;
    }
    if (n == 0)
        return NULL;
    void *a = calloc(n, elem);
    if (!a) {
        rd_fail(r, "out of memory");
        return NULL;
    }
    *count = n;
    return a;
}

static void sec_open(Rd *r, const char *t)
{
    r->end = r->len;
    uint32_t got = G32();
    uint32_t n = G32();
    if (r->bad)
        return;
    if (got != tag(t)) {
        rd_fail(r, "expected section %s", t);
        return;
    }
    if (n > r->len - r->pos) {
        rd_fail(r, "section %s runs past the end", t);
        return;
    }
    r->end = r->pos + n;
}

static void sec_close(Rd *r, const char *t)
{
    if (!r->bad && r->pos != r->end)
        rd_fail(r, "section %s has %zu unread bytes", t, r->end - r->pos);
    r->end = r->len;
}

static void read_word(Rd *r, UcWord *x)
{
    x->op = G8(); x->dst = G8(); x->a = G8(); x->b = G8(); x->width = G8(); x->flags = G8();
    x->aux = G16(); x->target = G32(); x->imm = G64();
    if (G32() != 0)
        rd_fail(r, "micro-word padding is not zero");
}

static void read_body(Rd *r, UcMachine *m)
{
    uint32_t i, j;
    m->name = get_str(r);

    sec_open(r, "MACH");
    m->title = get_str(r); m->charset = get_str(r);
    m->bitorder = G8(); m->endian = G8(); m->addr_bits = G8(); m->wrap = G8();
    m->nslots = G32(); m->fetch_entry = G32(); m->reset_entry = G32(); m->boundary_entry = G32();
    for (i = 0; i < UC_NUREGS; i++)
        m->ureg_names[i] = get_str(r);
    if (m->nslots > (UINT32_C(1) << 24))
        rd_fail(r, "%" PRIu32 " state slots", m->nslots);
    sec_close(r, "MACH");

    sec_open(r, "ITEM");
    m->items = get_array(r, &m->nitems, 18, sizeof *m->items);
    for (i = 0; i < m->nitems && !r->bad; i++) {
        UcItem *it = &m->items[i];
        it->name = get_str(r); it->kind = G8(); it->width = G8(); it->count = G32();
        it->slot = G32();
        it->number_map = get_array(r, &it->nnumbers, 4, sizeof *it->number_map);
        for (j = 0; j < it->nnumbers; j++)
            it->number_map[j] = GI32();
    }
    sec_close(r, "ITEM");

    sec_open(r, "FILD");
    m->fields = get_array(r, &m->nfields, 8, sizeof *m->fields);
    for (i = 0; i < m->nfields && !r->bad; i++) {
        m->fields[i].name = get_str(r); m->fields[i].item = G16(); m->fields[i].shift = G8();
        m->fields[i].len = G8();
    }
    sec_close(r, "FILD");

    sec_open(r, "SPAC");
    m->spaces = get_array(r, &m->nspaces, 90, sizeof *m->spaces);
    for (i = 0; i < m->nspaces && !r->bad; i++) {
        UcSpace *sp = &m->spaces[i];
        sp->name = get_str(r); sp->unit_bits = G8(); sp->unit_bytes = G8();
        sp->min_size = G64(); sp->max_size = G64(); sp->default_size = G64();
        sp->sizes = get_array(r, &sp->nsizes, 8, sizeof *sp->sizes);
        for (j = 0; j < sp->nsizes; j++)
            sp->sizes[j] = G64();
        sp->subfields = get_array(r, &sp->nsubfields, 6, sizeof *sp->subfields);
        for (j = 0; j < sp->nsubfields && !r->bad; j++) {
            sp->subfields[j].name = get_str(r); sp->subfields[j].shift = G8();
            sp->subfields[j].len = G8();
        }
        for (j = 0; j < UC_NFAULTS; j++) {
            sp->faults[j].interrupt = GI32(); sp->faults[j].code = G64();
        }
        sp->key_block = G32(); sp->key_bits = G8(); sp->key_field = GI32();
        sp->fetch_prot_bit = G8();
    }
    sec_close(r, "SPAC");

    sec_open(r, "TABL");
    m->tables = get_array(r, &m->ntables, 9, sizeof *m->tables);
    for (i = 0; i < m->ntables && !r->bad; i++) {
        m->tables[i].name = get_str(r); m->tables[i].width = G8();
        m->tables[i].values = get_array(r, &m->tables[i].count, 8, sizeof(uint64_t));
        for (j = 0; j < m->tables[i].count; j++)
            m->tables[i].values[j] = G64();
    }
    sec_close(r, "TABL");

    sec_open(r, "CNST");
    m->consts = get_array(r, &m->nconsts, 13, sizeof *m->consts);
    for (i = 0; i < m->nconsts && !r->bad; i++) {
        m->consts[i].name = get_str(r); m->consts[i].value = G64(); m->consts[i].kind = G8();
    }
    sec_close(r, "CNST");

    sec_open(r, "INTR");
    m->interrupts = get_array(r, &m->ninterrupts, 13, sizeof *m->interrupts);
    for (i = 0; i < m->ninterrupts && !r->bad; i++) {
        UcInterrupt *in = &m->interrupts[i];
        in->name = get_str(r); in->entry = G32(); in->nparams = G8();
        for (j = 0; j < 4; j++)
            in->param_ureg[j] = G8();
    }
    sec_close(r, "INTR");

    sec_open(r, "STOP");
    m->stops = get_array(r, &m->nstops, 8, sizeof *m->stops);
    for (i = 0; i < m->nstops && !r->bad; i++) {
        m->stops[i].name = get_str(r); m->stops[i].message = get_str(r);
    }
    sec_close(r, "STOP");

    sec_open(r, "HELP");
    m->helpers = get_array(r, &m->nhelpers, 6, sizeof *m->helpers);
    for (i = 0; i < m->nhelpers && !r->bad; i++) {
        m->helpers[i].name = get_str(r); m->helpers[i].nargs = G8(); m->helpers[i].has_result = G8();
    }
    sec_close(r, "HELP");

    sec_open(r, "FRMT");
    m->formats = get_array(r, &m->nformats, 7, sizeof *m->formats);
    for (i = 0; i < m->nformats && !r->bad; i++) {
        UcFormat *f = &m->formats[i];
        f->name = get_str(r); f->width = G8(); f->length = G8();
        uint8_t n = G8();
        if (n > UC_MAX_FIELDS) {
            rd_fail(r, "format with %u fields", n);
            break;
        }
        f->nfields = n;
        for (j = 0; j < n; j++) {
            UcFmtField *ff = &f->fields[j];
            ff->name = get_str(r); ff->shift = G8(); ff->len = G8(); ff->ureg = G8();
            ff->is_signed = G8();
        }
    }
    sec_close(r, "FRMT");

    sec_open(r, "DECD");
    UcDecodeRule *d = &m->decode;
    d->rule = G8(); d->key_units = G8(); d->key_shift = G8(); d->key_len = G8();
    d->delim_subfield = GI32(); d->max_length = G8(); d->value_subfield_mask_shift = G8();
    d->value_subfield_len = G8();
    sec_close(r, "DECD");

    sec_open(r, "DISP");
    m->dispatch.key_bits = G8();
    uint8_t has_first = G8();
    if (m->dispatch.key_bits > 20 || has_first > 1) {
        rd_fail(r, "bad dispatch table header");
    } else if (has_first) {
        uint32_t nkeys = UINT32_C(1) << m->dispatch.key_bits;
        if (nkeys > (r->end - r->pos) / 4) {
            rd_fail(r, "dispatch table larger than the data");
        } else {
            m->dispatch.first = malloc((size_t)nkeys * sizeof *m->dispatch.first);
            if (!m->dispatch.first)
                rd_fail(r, "out of memory");
            for (i = 0; i < nkeys && !r->bad; i++)
                m->dispatch.first[i] = GI32();
        }
    }
    m->dispatch.invalid_entry = G32();
    m->cands = get_array(r, &m->ncands, 30, sizeof *m->cands);
    for (i = 0; i < m->ncands && !r->bad; i++) {
        UcCandidate *c = &m->cands[i];
        c->mask = G64(); c->match = G64(); c->insn = GI32(); c->format = G16(); c->entry = G32();
        c->next = GI32();
    }
    sec_close(r, "DISP");

    sec_open(r, "MODE");
    m->modes = get_array(r, &m->nmodes, 14, sizeof *m->modes);
    for (i = 0; i < m->nmodes && !r->bad; i++) {
        UcMode *md = &m->modes[i];
        md->name = get_str(r); md->kind = G8();
        uint8_t n = G8();
        if (n > UC_MAX_MODE_PARAMS) {
            rd_fail(r, "operand mode with %u parameters", n);
            break;
        }
        md->nparams = n;
        for (j = 0; j < n; j++) {
            md->params[j].name = get_str(r); md->params[j].width = G8();
            md->params[j].is_signed = G8(); md->params[j].bias = GI32();
        }
        md->disp_param = (int8_t)G8(); md->base_param = (int8_t)G8();
        md->index_param = (int8_t)G8(); md->length_param = (int8_t)G8();
        md->forms = get_array(r, &md->nforms, 5, sizeof *md->forms);
        for (j = 0; j < md->nforms && !r->bad; j++) {
            UcModeForm *fo = &md->forms[j];
            fo->tmpl = get_str(r);
            uint8_t nc = G8();
            if (nc > UC_MAX_MODE_PARAMS) {
                rd_fail(r, "operand form with %u conditions", nc);
                break;
            }
            fo->ncond = nc;
            for (unsigned k = 0; k < nc; k++) {
                fo->cond[k].param = G8(); fo->cond[k].value = (int64_t)G64();
            }
        }
    }
    sec_close(r, "MODE");

    sec_open(r, "INSN");
    m->insns = get_array(r, &m->ninsns, 41, sizeof *m->insns);
    for (i = 0; i < m->ninsns && !r->bad; i++) {
        UcInsn *in = &m->insns[i];
        in->mnemonic = get_str(r); in->format = G16(); in->attrs = G32();
        in->fixed_mask = G64(); in->fixed_match = G64();
        uint8_t n = G8();
        if (n > UC_MAX_OPERANDS) {
            rd_fail(r, "instruction with %u operands", n);
            break;
        }
        in->noperands = n;
        for (j = 0; j < n; j++) {
            in->operands[j].mode = G16(); in->operands[j].optional = G8();
            for (unsigned k = 0; k < UC_MAX_MODE_PARAMS; k++)
                in->operands[j].field[k] = G8();
        }
        in->syntax = get_str(r); in->entry = G32(); in->file = G16(); in->line = G32();
    }
    sec_close(r, "INSN");

    sec_open(r, "ALIA");
    m->aliases = get_array(r, &m->naliases, 8, sizeof *m->aliases);
    for (i = 0; i < m->naliases && !r->bad; i++) {
        UcAlias *a = &m->aliases[i];
        a->mnemonic = get_str(r); a->insn = G16();
        uint8_t n = G8();
        if (n > 4) {
            rd_fail(r, "alias with %u fixed fields", n);
            break;
        }
        a->nfixed = n;
        for (j = 0; j < n; j++) {
            a->fixed[j].field = G8(); a->fixed[j].value = G64();
        }
        a->prefer = G8();
    }
    sec_close(r, "ALIA");

    sec_open(r, "WORD");
    m->words = get_array(r, &m->nwords, 24, sizeof *m->words);
    for (i = 0; i < m->nwords && !r->bad; i++)
        read_word(r, &m->words[i]);
    uint8_t has_debug = G8();
    if (has_debug > 1) {
        rd_fail(r, "bad debug table flag");
    } else if (has_debug && m->nwords) {
        if (m->nwords > (r->end - r->pos) / 12) {
            rd_fail(r, "debug table larger than the data");
        } else {
            m->debug = calloc(m->nwords, sizeof *m->debug);
            if (!m->debug)
                rd_fail(r, "out of memory");
            for (i = 0; i < m->nwords && !r->bad; i++) {
                UcDebugLine *dl = &m->debug[i];
                dl->file = G16(); dl->line = G32(); dl->col = G16(); dl->insn = GI32();
            }
        }
    }
    sec_close(r, "WORD");

    sec_open(r, "FILE");
    m->files = get_array(r, &m->nfiles, 8, sizeof *m->files);
    for (i = 0; i < m->nfiles && !r->bad; i++) {
        m->files[i].name = get_str(r); m->files[i].text = get_str(r);
    }
    sec_close(r, "FILE");

    sec_open(r, "ROUT");
    m->routines = get_array(r, &m->nroutines, 12, sizeof *m->routines);
    for (i = 0; i < m->nroutines && !r->bad; i++) {
        m->routines[i].name = get_str(r); m->routines[i].start = G32(); m->routines[i].end = G32();
    }
    sec_close(r, "ROUT");
}

UcMachine *uc_read_mem(const uint8_t *data, size_t size, char *err, size_t errsize)
{
    if (err && errsize)
        err[0] = '\0';
    if (!data || size < HEADER_FIXED || memcmp(data, UC_FILE_MAGIC, 8) != 0) {
        if (err && errsize)
            snprintf(err, errsize, "not a .ucode file (bad magic)");
        return NULL;
    }
    Rd rd = { data, size, 8, size, 0, err, errsize };
    Rd *r = &rd;
    uint32_t version = G32();
    uint64_t hash = G64();
    if (version != UC_FILE_VERSION) {
        if (err && errsize)
            snprintf(err, errsize, ".ucode version %" PRIu32 " (this program reads version %d); "
                     "recompile the description", version, UC_FILE_VERSION);
        return NULL;
    }
    if (fnv1a64(data + HEADER_FIXED, size - HEADER_FIXED) != hash) {
        if (err && errsize)
            snprintf(err, errsize, "damaged .ucode data: content hash mismatch");
        return NULL;
    }
    UcMachine *m = uc_machine_new();
    if (!m) {
        if (err && errsize)
            snprintf(err, errsize, "out of memory");
        return NULL;
    }
    read_body(r, m);
    if (!r->bad && r->pos != size)
        rd_fail(r, "%zu bytes after the last section", size - r->pos);
    if (r->bad) {
        uc_machine_free(m);
        return NULL;
    }
    m->hash = hash;
    char why[200];
    if (uc_machine_check(m, why, sizeof why)) {
        if (err && errsize)
            snprintf(err, errsize, "damaged .ucode data: %s", why);
        uc_machine_free(m);
        return NULL;
    }
    return m;
}

UcMachine *uc_read_file(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: cannot open the file", path);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        if (len == cap) {
            if (cap >= MAX_FILE_BYTES) {
                free(buf);
                fclose(f);
                snprintf(err, errsize, "%s: file too large for a .ucode", path);
                return NULL;
            }
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf || rerr) {
        snprintf(err, errsize, "%s: %s", path, buf ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    char why[240];
    UcMachine *m = uc_read_mem(buf, len, why, sizeof why);
    free(buf);
    if (!m)
        snprintf(err, errsize, "%s: %s", path, why);
    return m;
}
