/* isa_doc.c — the Markdown reference of a description (`mcemu isac --doc`):
 * formats as bit diagrams (numbered in the machine's bit order), every
 * instruction with its syntax, attributes and semantics as written, and the
 * extended mnemonics. Written from the compiled machine plus the syntax tree
 * (for the semantics' source text).
 */
#include <string.h>
#include "isa_ast.h"
#include "isa.h"

static void diagram(const UcMachine *m, const UcFormat *f, FILE *out)
{
    /* fields in order from the most significant bit; gaps are unnamed */
    int pos = f->width;
    char top[1024] = "", mid[1024] = "", num[1024] = "";
    size_t t = 0, n = 0;
    while (pos > 0 && t < sizeof top - 80) {
        int best = -1;
        for (int i = 0; i < f->nfields; i++)
            if (f->fields[i].shift + f->fields[i].len == pos)
                best = i;
        int len;
        const char *name;
        if (best >= 0) {
            len = f->fields[best].len;
            name = f->fields[best].name;
        } else {
            int next = 0;
            for (int i = 0; i < f->nfields; i++)
                if (f->fields[i].shift + f->fields[i].len < pos && f->fields[i].shift + f->fields[i].len > next)
                    next = f->fields[i].shift + f->fields[i].len;
            len = pos - next;
            name = "";
        }
        int w = (int)strlen(name) + 2;
        if (w < 6)
            w = 6;
        int bit = m->bitorder == UC_MSB0 ? f->width - pos : pos - 1;
        t += (size_t)snprintf(top + t, sizeof top - t, "+%.*s", w, "------------------------------------------");
        n += (size_t)snprintf(mid + n, sizeof mid - n, "|%-*s", w, name);
        size_t k = strlen(num);
        if (k + (size_t)w + 16 < sizeof num)
            snprintf(num + k, sizeof num - k, "%-*d", w + 1 > 40 ? 40 : w + 1, bit);
        pos -= len;
    }
    fprintf(out, "```\n%s\n%s+\n%s|\n%s+\n```\n", num, top, mid, top);
}

static const IsaDecl *find_decl(IsaCtx *c, int kind, const char *name)
{
    const IsaDecl *r = NULL;
    for (const IsaDecl *d = c->decls; d; d = d->next)
        if (d->kind == kind && d->name && strcmp(d->name, name) == 0)
            r = d;       /* the last one: a replacement wins */
    return r;
}

void isa_write_doc(IsaCtx *c, const UcMachine *m, FILE *out)
{
    fprintf(out, "# %s — %s\n\n", m->name, m->title ? m->title : "");
    fprintf(out, "Bit order %s, %s-endian, %u-bit addresses.\n\n", m->bitorder == UC_MSB0 ? "msb0" : "lsb0",
            m->endian == UC_BIG ? "big" : "little", m->addr_bits);
    fprintf(out, "## Formats\n\n");
    for (uint32_t i = 0; i < m->nformats; i++) {
        const UcFormat *f = &m->formats[i];
        fprintf(out, "### %s (%u bits, %u unit%s)\n\n", f->name, f->width, f->length, f->length == 1 ? "" : "s");
        diagram(m, f, out);
        fprintf(out, "\n");
    }
    fprintf(out, "## Instructions\n\n");
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        fprintf(out, "### %s\n\n", in->mnemonic);
        fprintf(out, "- syntax: `%s`\n- format: %s", in->syntax ? in->syntax : in->mnemonic,
                m->formats[in->format].name);
        const UcFormat *f = &m->formats[in->format];
        for (int j = 0; j < f->nfields; j++) {
            uint64_t fm = (f->fields[j].len >= 64 ? UINT64_MAX : (((uint64_t)1 << f->fields[j].len) - 1))
                          << f->fields[j].shift;
            if ((in->fixed_mask & fm) == fm)
                fprintf(out, ", %s=0x%llX", f->fields[j].name,
                        (unsigned long long)((in->fixed_match & fm) >> f->fields[j].shift));
        }
        fprintf(out, "\n");
        if (in->attrs) {
            static const char *names[] = { "branch", "privileged", "serialize", "exec", "stops", "hot" };
            fprintf(out, "- attributes:");
            for (int b = 0; b < 6; b++)
                if (in->attrs & (1u << b))
                    fprintf(out, " %s", names[b]);
            fprintf(out, "\n");
        }
        for (uint32_t a = 0; a < m->naliases; a++)
            if (m->aliases[a].insn == i) {
                fprintf(out, "- extended mnemonics:");
                for (uint32_t b = a; b < m->naliases; b++)
                    if (m->aliases[b].insn == i)
                        fprintf(out, " %s", m->aliases[b].mnemonic);
                fprintf(out, "\n");
                break;
            }
        /* the semantics as written */
        const IsaDecl *d = NULL;
        for (const IsaDecl *x = c->decls; x; x = x->next)
            if (x->kind == D_INSN && x->loc.line == (int)in->line && x->loc.file == in->file)
                d = x;
        if (d && d->body) {
            char *text = isa_source_slice(c, d->body_loc, (IsaLoc){ d->body->end.file, d->body->end.line,
                                                                   d->body->end.col + 1 });
            if (text)
                fprintf(out, "\n```\n%s\n```\n", text);
        }
        fprintf(out, "\n");
    }
    if (m->naliases) {
        fprintf(out, "## Extended mnemonics\n\n| mnemonic | means |\n|---|---|\n");
        for (uint32_t a = 0; a < m->naliases; a++) {
            const UcAlias *al = &m->aliases[a];
            const UcInsn *in = &m->insns[al->insn];
            fprintf(out, "| %s | %s", al->mnemonic, in->mnemonic);
            for (int j = 0; j < al->nfixed; j++)
                fprintf(out, " %s=%llu", m->formats[in->format].fields[al->fixed[j].field].name,
                        (unsigned long long)al->fixed[j].value);
            fprintf(out, "%s |\n", al->prefer ? " (preferred)" : "");
        }
    }
    (void)find_decl;
}
