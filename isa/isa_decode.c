/* isa_decode.c — the dispatch table of a compiled machine: a dense table
 * indexed by the decode key (isa/LANGUAGE.md, "Formats and decoding"), each
 * entry a chain of candidates with mask/match tried in order. An
 * instruction's specialised variants (isa_lower.c) come first, most specific
 * first. Two instructions that can match the same instruction value are a
 * decode conflict; every conflict is reported, each with both declarations.
 */
#include <stdlib.h>
#include <string.h>
#include "isa_comp.h"

static uint64_t mask(int w)
{
    return w >= 64 ? UINT64_MAX : (((uint64_t)1 << w) - 1);
}

/* The key of a candidate, or -1 when the instruction does not fix it. */
static int64_t key_of(IsaComp *k, const struct IsaCand *c, const char **missing)
{
    UcMachine *m = k->m;
    const UcFormat *f = &m->formats[c->format];
    int64_t key = 0;
    const IsaDecl *d = k->decode;
    for (int i = 0; i < d->nparts; i++) {
        if (strcmp(d->parts[i], "length") == 0) {
            key = (key << 4) | (f->length & 15);
            continue;
        }
        int fi = isa_format_field(f, d->parts[i]);
        if (fi < 0) {
            *missing = d->parts[i];
            return -1;
        }
        const UcFmtField *ff = &f->fields[fi];
        uint64_t fm = mask(ff->len) << ff->shift;
        if ((c->mask & fm) != fm) {
            *missing = d->parts[i];
            return -1;
        }
        key = (key << ff->len) | (int64_t)((c->match >> ff->shift) & mask(ff->len));
    }
    return key;
}

int isa_build_dispatch(IsaComp *k)
{
    UcMachine *m = k->m;
    if (!k->decode)
        return -1;
    uint32_t size = 1u << m->dispatch.key_bits;
    int ncand = 0;
    for (int i = 0; i < k->ninsns; i++)
        ncand += k->insns[i].nvar;
    m->dispatch.first = malloc(sizeof *m->dispatch.first * size);
    m->cands = calloc((size_t)ncand + 1, sizeof *m->cands);
    int32_t *last = malloc(sizeof *last * size);
    int32_t *general = calloc((size_t)ncand + 1, sizeof *general);
    if (!m->dispatch.first || !m->cands || !last || !general) {
        free(last);
        free(general);
        return -1;
    }
    for (uint32_t i = 0; i < size; i++)
        m->dispatch.first[i] = last[i] = -1;
    for (int i = 0; i < k->ninsns; i++) {
        IsaInsnInfo *ii = &k->insns[i];
        for (int j = 0; j < ii->nvar; j++) {
            const struct IsaCand *c = &ii->var[j];
            const char *missing = NULL;
            int64_t key = key_of(k, c, &missing);
            if (key < 0) {
                if (j == 0)
                    isa_error(k->c, ii->decl->loc, "instruction '%s' must fix the decode key field '%s' ('%s=...')",
                              ii->decl->name, missing, missing);
                continue;
            }
            /* the least specific candidate of each instruction and length stands for it in conflicts */
            int is_general = j == ii->nvar - 1 || ii->var[j + 1].format != c->format;
            if (is_general) {
                for (int32_t q = m->dispatch.first[key]; q >= 0; q = m->cands[q].next) {
                    const UcCandidate *o = &m->cands[q];
                    if (!general[q] || o->insn == ii->insn)
                        continue;
                    uint64_t both = o->mask & c->mask;
                    if (((o->match ^ c->match) & both) == 0) {
                        const IsaInsnInfo *oi = NULL;
                        for (int z = 0; z < k->ninsns; z++)
                            if (k->insns[z].insn == o->insn)
                                oi = &k->insns[z];
                        isa_error(k->c, ii->decl->loc,
                                  "decode conflict: '%s' and '%s' both match key 0x%llX (%s)",
                                  ii->decl->name, oi ? oi->decl->name : "?", (unsigned long long)key,
                                  m->formats[c->format].name);
                        if (oi)
                            isa_note(k->c, oi->decl->loc, "'%s' is declared here", oi->decl->name);
                    }
                }
            }
            UcCandidate *u = &m->cands[m->ncands];
            u->mask = c->mask;
            u->match = c->match;
            u->insn = ii->insn;
            u->format = (uint16_t)c->format;
            u->entry = c->entry;
            u->next = -1;
            general[m->ncands] = is_general;
            if (last[key] < 0)
                m->dispatch.first[key] = (int32_t)m->ncands;
            else
                m->cands[last[key]].next = (int32_t)m->ncands;
            last[key] = (int32_t)m->ncands;
            m->ncands++;
        }
    }
    free(last);
    free(general);
    return 0;
}
