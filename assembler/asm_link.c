/* asm_link.c — linking and loading object decks, and `mcemu link`.
 *
 * The object deck format is the one asm_object.c punches (IBM System/360
 * Operating System, Assembler (F) Programmer's Guide, "Object module";
 * Linkage Editor and Loader, "Input to the linkage editor"). Each deck is a
 * file of 80-byte card images, or of 81-byte records whose first byte is
 * a card reader stacker-select byte. Cards other than ESD, TXT, RLD and END
 * (SYM cards, comments) are skipped, with a note in verbose mode.
 *
 * Like a loader: the control sections (SD, PC) of all decks are placed one
 * after the other from the load address, each on a doubleword boundary, in
 * the order read; a section whose name an earlier deck defined is skipped
 * (its text too). Common areas (CM) follow, the longest of each name. An
 * external reference (ER) is resolved by name against the sections and
 * label definitions (LD) of all decks; an unresolved weak reference (WX) is
 * 0. Each RLD item adds (or subtracts) the relocation amount of its
 * relocation entry to the constant: the distance a section moved, or the
 * address of the external symbol. The entry point is that of the first END
 * card with an address, else the start of the first section.
 */
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"
#include "../emulator/emu_charset.h"
#include "../emulator/emu_machine.h"

typedef struct LinkEsd {
    char name[9];
    int type;                 /* 0 SD, 1 LD, 2 ER, 4 PC, 5 CM, 0x0A WX; -1 unused */
    int64_t addr, len;        /* as assembled */
    int32_t owner;            /* LD: the ESDID of its section */
    int64_t load;             /* SD PC CM: load address; ER WX: resolved value */
    int dup;                  /* a section an earlier deck defined: its text is skipped */
    int resolved;
} LinkEsd;

typedef struct LinkDeck {
    const char *path;
    uint8_t (*cards)[80];
    uint32_t ncards;
    LinkEsd *esd;             /* by ESDID */
    uint32_t nesd;
} LinkDeck;

static void host_name(const uint8_t *p, char *out)
{
    int n = 8;
    for (int i = 0; i < 8; i++)
        out[i] = (char)emu_to_host(EMU_CS_EBCDIC, p[i]);
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

static int card_type(const uint8_t *c, char *t)
{
    for (int i = 0; i < 3; i++)
        t[i] = (char)emu_to_host(EMU_CS_EBCDIC, c[1 + i]);
    t[3] = '\0';
    return c[0] == 0x02;
}

static int64_t get3(const uint8_t *p) { return (int64_t)p[0] << 16 | p[1] << 8 | p[2]; }
static int get2(const uint8_t *p) { return p[0] << 8 | p[1]; }

static int read_deck(LinkDeck *d, FILE *diag)
{
    FILE *f = fopen(d->path, "rb");
    if (f == NULL) {
        fprintf(diag, "%s: error: cannot read the object deck\n", d->path);
        return -1;
    }
    size_t cap = 1 << 14, n = 0;
    uint8_t *raw = malloc(cap);
    for (;;) {
        if (raw == NULL)
            break;
        if (n == cap) {
            uint8_t *q = realloc(raw, cap * 2);
            if (q == NULL) { free(raw); raw = NULL; break; }
            raw = q;
            cap *= 2;
        }
        size_t k = fread(raw + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    if (raw == NULL) {
        fprintf(diag, "%s: error: out of memory\n", d->path);
        return -1;
    }
    size_t rec = 0, skip = 0;
    if (n >= 80 && n % 80 == 0 && raw[0] == 0x02)
        rec = 80;
    else if (n >= 81 && n % 81 == 0 && raw[1] == 0x02)
        rec = 81, skip = 1;
    if (rec == 0) {
        fprintf(diag, "%s: error: not an object deck (80-byte cards, or 81-byte records "
                      "with a stacker byte, the first card starting with X'02')\n", d->path);
        free(raw);
        return -1;
    }
    d->ncards = (uint32_t)(n / rec);
    d->cards = malloc((size_t)d->ncards * 80 + 1);
    if (d->cards == NULL) {
        free(raw);
        return -1;
    }
    for (uint32_t i = 0; i < d->ncards; i++)
        memcpy(d->cards[i], raw + i * rec + skip, 80);
    free(raw);
    return 0;
}

static LinkEsd *esd_at(LinkDeck *d, int id)
{
    if (id <= 0 || (uint32_t)id >= d->nesd)
        return NULL;
    return d->esd[id].type >= 0 ? &d->esd[id] : NULL;
}

static int add_esd(LinkDeck *d, int id, const LinkEsd *e)
{
    if (id <= 0 || id > 65535)
        return -1;
    if ((uint32_t)id >= d->nesd) {
        LinkEsd *q = realloc(d->esd, ((size_t)id + 1) * sizeof *q);
        if (q == NULL)
            return -1;
        for (uint32_t i = d->nesd; i <= (uint32_t)id; i++)
            q[i].type = -1;
        d->esd = q;
        d->nesd = (uint32_t)id + 1;
    }
    d->esd[id] = *e;
    return 0;
}

/* ESD cards: the items with ESDIDs numbered from cols 15-16 (LD items have none). */
static int scan_esd(LinkDeck *d, FILE *diag, int verbose, AsmSymbol **lds, uint32_t *nlds)
{
    unsigned nsym = 0, nother = 0;
    for (uint32_t c = 0; c < d->ncards; c++) {
        const uint8_t *card = d->cards[c];
        char t[4];
        if (!card_type(card, t)) {
            nother++;
            continue;
        }
        if (strcmp(t, "ESD") != 0) {
            if (strcmp(t, "SYM") == 0)
                nsym++;
            else if (strcmp(t, "TXT") && strcmp(t, "RLD") && strcmp(t, "END"))
                nother++;
            continue;
        }
        int bytes = get2(card + 10), id = get2(card + 14);
        if (bytes % 16 || bytes > 48) {
            fprintf(diag, "%s: card %u: error: bad ESD byte count %d\n", d->path, c + 1, bytes);
            return -1;
        }
        for (int k = 0; k < bytes / 16; k++) {
            const uint8_t *it = card + 16 + 16 * k;
            LinkEsd e;
            memset(&e, 0, sizeof e);
            host_name(it, e.name);
            e.type = it[8];
            e.addr = get3(it + 9);
            if (e.type == 0x01) {
                e.owner = (int32_t)get3(it + 13);
                AsmSymbol *q = realloc(*lds, (*nlds + 1) * sizeof *q);
                if (q == NULL)
                    return -1;
                *lds = q;
                q[*nlds].name = NULL;
                q[*nlds].value = (uint64_t)e.addr;
                q[*nlds].length = (uint32_t)e.owner;    /* owner ESDID until placed */
                q[*nlds].relocatable = 1;
                q[*nlds].name = malloc(9);
                if (q[*nlds].name)
                    memcpy(q[*nlds].name, e.name, 9);
                (*nlds)++;
                continue;
            }
            if (e.type == 0x00 || e.type == 0x04 || e.type == 0x05)
                e.len = get3(it + 13);
            else if (e.type != 0x02 && e.type != 0x0A) {
                fprintf(diag, "%s: card %u: error: unknown ESD type %02X\n", d->path, c + 1, e.type);
                return -1;
            }
            if (add_esd(d, id++, &e) < 0) {
                fprintf(diag, "%s: card %u: error: bad ESDID\n", d->path, c + 1);
                return -1;
            }
        }
    }
    if (verbose && nsym)
        fprintf(diag, "%s: note: %u SYM card%s (symbol tables for a test translator) skipped\n",
                d->path, nsym, nsym == 1 ? "" : "s");
    if (verbose && nother)
        fprintf(diag, "%s: note: %u other card%s skipped\n", d->path, nother, nother == 1 ? "" : "s");
    return 0;
}

typedef struct Linker {
    LinkDeck *decks;
    int ndecks;
    FILE *diag;
    int verbose;
    int errors;
    AsmSymbol *syms;          /* SD and LD names with load addresses */
    uint32_t nsyms;
} Linker;

static int add_sym(Linker *l, const char *name, int64_t value, uint32_t length)
{
    AsmSymbol *q = realloc(l->syms, (l->nsyms + 1) * sizeof *q);
    if (q == NULL)
        return -1;
    l->syms = q;
    q[l->nsyms].name = malloc(strlen(name) + 1);
    if (q[l->nsyms].name == NULL)
        return -1;
    strcpy(q[l->nsyms].name, name);
    q[l->nsyms].value = (uint64_t)value;
    q[l->nsyms].length = length;
    q[l->nsyms].relocatable = 1;
    l->nsyms++;
    return 0;
}

static const AsmSymbol *find_sym(const Linker *l, const char *name)
{
    for (uint32_t i = 0; i < l->nsyms; i++)
        if (strcmp(l->syms[i].name, name) == 0)
            return &l->syms[i];
    return NULL;
}

static void free_linker(Linker *l)
{
    for (int i = 0; i < l->ndecks; i++) {
        free(l->decks[i].cards);
        free(l->decks[i].esd);
    }
    free(l->decks);
    for (uint32_t i = 0; i < l->nsyms; i++)
        free(l->syms[i].name);
    free(l->syms);
}

AsmImage *asm_link(const char *const *paths, int n, uint64_t origin, int verbose, FILE *diag)
{
    Linker l;
    memset(&l, 0, sizeof l);
    l.diag = diag;
    l.verbose = verbose;
    l.decks = calloc((size_t)(n > 0 ? n : 1), sizeof *l.decks);
    if (l.decks == NULL)
        return NULL;
    l.ndecks = n;
    AsmSymbol **lds = calloc((size_t)(n > 0 ? n : 1), sizeof *lds);
    uint32_t *nlds = calloc((size_t)(n > 0 ? n : 1), sizeof *nlds);
    AsmImage *img = NULL;
    if (lds == NULL || nlds == NULL)
        goto out;
    for (int i = 0; i < n; i++) {
        l.decks[i].path = paths[i];
        if (read_deck(&l.decks[i], diag) < 0 || scan_esd(&l.decks[i], diag, verbose, &lds[i], &nlds[i]) < 0)
            goto out;
    }
    /* place the sections, then the common areas */
    int64_t next = (int64_t)origin;
    for (int i = 0; i < n; i++) {
        LinkDeck *d = &l.decks[i];
        for (uint32_t k = 1; k < d->nesd; k++) {
            LinkEsd *e = &d->esd[k];
            if (e->type != 0x00 && e->type != 0x04)
                continue;
            const AsmSymbol *prev = e->type == 0x00 ? find_sym(&l, e->name) : NULL;
            if (prev) {
                e->dup = 1;
                e->load = (int64_t)prev->value;
                if (verbose)
                    fprintf(diag, "%s: note: section %s is already loaded, skipped\n", d->path, e->name);
                continue;
            }
            e->load = (next + 7) / 8 * 8;
            next = e->load + e->len;
            if (add_sym(&l, e->type == 0x00 ? e->name : "(private)", e->load, (uint32_t)e->len) < 0)
                goto out;
        }
    }
    for (int i = 0; i < n; i++) {
        LinkDeck *d = &l.decks[i];
        for (uint32_t k = 1; k < d->nesd; k++) {
            LinkEsd *e = &d->esd[k];
            if (e->type != 0x05)
                continue;
            const AsmSymbol *prev = find_sym(&l, e->name[0] ? e->name : "(blank common)");
            if (prev == NULL) {
                /* the longest of this name */
                int64_t len = e->len;
                for (int j = i; j < n; j++)
                    for (uint32_t q = 1; q < l.decks[j].nesd; q++)
                        if (l.decks[j].esd[q].type == 0x05 && strcmp(l.decks[j].esd[q].name, e->name) == 0
                            && l.decks[j].esd[q].len > len)
                            len = l.decks[j].esd[q].len;
                e->load = (next + 7) / 8 * 8;
                next = e->load + len;
                if (add_sym(&l, e->name[0] ? e->name : "(blank common)", e->load, (uint32_t)len) < 0)
                    goto out;
            } else {
                e->load = (int64_t)prev->value;
            }
        }
    }
    /* label definitions */
    for (int i = 0; i < n; i++)
        for (uint32_t k = 0; k < nlds[i]; k++) {
            LinkEsd *sd = esd_at(&l.decks[i], (int)lds[i][k].length);
            if (sd == NULL || (sd->type != 0x00 && sd->type != 0x04)) {
                fprintf(diag, "%s: error: label %s names no section (ESDID %u)\n", l.decks[i].path,
                        lds[i][k].name ? lds[i][k].name : "?", lds[i][k].length);
                l.errors++;
                continue;
            }
            if (lds[i][k].name && find_sym(&l, lds[i][k].name) == NULL
                && add_sym(&l, lds[i][k].name, sd->load + ((int64_t)lds[i][k].value - sd->addr), 1) < 0)
                goto out;
        }
    /* external references */
    for (int i = 0; i < n; i++) {
        LinkDeck *d = &l.decks[i];
        for (uint32_t k = 1; k < d->nesd; k++) {
            LinkEsd *e = &d->esd[k];
            if (e->type != 0x02 && e->type != 0x0A)
                continue;
            const AsmSymbol *s = find_sym(&l, e->name);
            if (s) {
                e->load = (int64_t)s->value;
                e->resolved = 1;
            } else if (e->type == 0x02) {
                fprintf(diag, "%s: error: unresolved external reference %s\n", d->path, e->name);
                l.errors++;
            }
        }
    }
    int64_t end = next > (int64_t)origin ? next : (int64_t)origin;
    img = calloc(1, sizeof *img);
    if (img == NULL)
        goto out;
    img->origin = origin;
    img->size = (uint64_t)(end - (int64_t)origin);
    img->bytes = calloc(img->size ? img->size : 1, 1);
    if (img->bytes == NULL)
        goto out;
    int have_entry = 0;
    img->entry = origin;
    /* text, relocation, entry */
    for (int i = 0; i < n; i++) {
        LinkDeck *d = &l.decks[i];
        for (uint32_t c = 0; c < d->ncards; c++) {
            const uint8_t *card = d->cards[c];
            char t[4];
            if (!card_type(card, t))
                continue;
            if (strcmp(t, "TXT") == 0) {
                int64_t addr = get3(card + 5);
                int cnt = get2(card + 10), id = get2(card + 14);
                LinkEsd *e = esd_at(d, id);
                if (e == NULL || cnt > 56 || (e->type != 0x00 && e->type != 0x04)) {
                    fprintf(diag, "%s: card %u: error: TXT card for no section (ESDID %d)\n", d->path, c + 1, id);
                    l.errors++;
                    continue;
                }
                if (e->dup)
                    continue;
                int64_t at = e->load + (addr - e->addr) - (int64_t)origin;
                if (at < 0 || at + cnt > (int64_t)img->size) {
                    fprintf(diag, "%s: card %u: error: text outside its section\n", d->path, c + 1);
                    l.errors++;
                    continue;
                }
                memcpy(img->bytes + at, card + 16, (size_t)cnt);
            } else if (strcmp(t, "END") == 0) {
                int id = get2(card + 14);
                LinkEsd *e = esd_at(d, id);
                if (!have_entry && card[14] != emu_from_host(EMU_CS_EBCDIC, ' ') && e) {
                    img->entry = (uint64_t)(e->load + get3(card + 5) - e->addr);
                    have_entry = 1;
                }
            }
        }
        for (uint32_t c = 0; c < d->ncards; c++) {
            const uint8_t *card = d->cards[c];
            char t[4];
            if (!card_type(card, t) || strcmp(t, "RLD") != 0)
                continue;
            int cnt = get2(card + 10);
            if (cnt > 56) {
                fprintf(diag, "%s: card %u: error: bad RLD byte count\n", d->path, c + 1);
                l.errors++;
                continue;
            }
            int p = 0, rid = 0, pid = 0, cont = 0;
            while (p < cnt) {
                if (!cont) {
                    if (p + 8 > cnt)
                        break;
                    rid = get2(card + 16 + p);
                    pid = get2(card + 18 + p);
                    p += 4;
                }
                if (p + 4 > cnt)
                    break;
                int flag = card[16 + p];
                int64_t addr = get3(card + 17 + p);
                p += 4;
                cont = flag & 1;
                LinkEsd *r = esd_at(d, rid), *ps = esd_at(d, pid);
                if (r == NULL || ps == NULL || (ps->type != 0x00 && ps->type != 0x04)) {
                    fprintf(diag, "%s: card %u: error: RLD item with bad ESDIDs %d/%d\n", d->path, c + 1, rid, pid);
                    l.errors++;
                    continue;
                }
                if (ps->dup)
                    continue;
                int len = ((flag >> 2) & 3) + 1;
                int64_t delta = r->type == 0x02 || r->type == 0x0A ? r->load : r->load - r->addr;
                int64_t at = ps->load + (addr - ps->addr) - (int64_t)origin;
                if (at < 0 || at + len > (int64_t)img->size) {
                    fprintf(diag, "%s: card %u: error: RLD address %06llX outside its section\n", d->path,
                            c + 1, (unsigned long long)addr);
                    l.errors++;
                    continue;
                }
                uint64_t v = 0;
                for (int k = 0; k < len; k++)
                    v = v << 8 | img->bytes[at + k];
                v = flag & 2 ? v - (uint64_t)delta : v + (uint64_t)delta;
                for (int k = len - 1; k >= 0; k--) {
                    img->bytes[at + k] = (uint8_t)v;
                    v >>= 8;
                }
            }
        }
    }
    if (!have_entry && l.nsyms > 0) {
        for (int i = 0; i < n && !have_entry; i++)
            for (uint32_t k = 1; k < l.decks[i].nesd && !have_entry; k++)
                if ((l.decks[i].esd[k].type == 0x00 || l.decks[i].esd[k].type == 0x04)
                    && !l.decks[i].esd[k].dup) {
                    img->entry = (uint64_t)l.decks[i].esd[k].load;
                    have_entry = 1;
                }
    }
    img->nerrors = l.errors;
    img->rc = l.errors ? 8 : 0;
    img->symbols = l.syms;
    img->nsymbols = l.nsyms;
    l.syms = NULL;
    l.nsyms = 0;
out:
    if (img && img->bytes == NULL) {
        asm_image_free(img);
        img = NULL;
    }
    for (int i = 0; i < n && lds; i++) {
        for (uint32_t k = 0; nlds && k < nlds[i]; k++)
            free(lds[i][k].name);
        free(lds[i]);
    }
    free(lds);
    free(nlds);
    free_linker(&l);
    return img;
}

/* The sections and symbols of a linked image, one per line. */
void asm_link_map(const AsmImage *img, FILE *out)
{
    fprintf(out, "Name      Address  Length\n");
    for (uint32_t i = 0; i < img->nsymbols; i++) {
        const AsmSymbol *s = &img->symbols[i];
        fprintf(out, "%-8s  %06llX", s->name, (unsigned long long)s->value);
        if (s->length > 1)
            fprintf(out, "   %06X", s->length);
        fprintf(out, "\n");
    }
    fprintf(out, "Entry     %06llX\nSize      %06llX\n", (unsigned long long)img->entry,
            (unsigned long long)img->size);
}

static int link_usage(FILE *f)
{
    fprintf(f, "usage: mcemu link DECK... [-o IMAGE] [--ipl-deck FILE] [--origin HEX] [--map] [-v]\n"
               "  DECK        object deck: 80-byte EBCDIC cards (ESD TXT RLD END), or 81-byte\n"
               "              records with a leading stacker-select byte\n"
               "  -o IMAGE    write the loadable image (bytes from the origin)\n"
               "  --origin    load address (default 0); run the image with\n"
               "              mcemu run IMAGE --load ORIGIN --start ENTRY\n"
               "  --ipl-deck FILE  write an IPL-able card deck (80-byte EBCDIC cards): an\n"
               "              IPL card, a bootstrap loader, the program as text cards; it\n"
               "              starts at the END entry, disabled (for a 2540 reader:\n"
               "              mcemu run --ipl 00C, or Hercules' ipl 00C); -m MACHINE (s360)\n"
               "  --map       list the sections, labels, entry point and size\n"
               "  -v          notes about skipped cards and sections\n");
    return 2;
}

int asm_link_main(int argc, char **argv)
{
    const char *out = NULL, *ipl = NULL, *machine = "s360";
    uint64_t origin = 0;
    int map = 0, verbose = 0, n = 0;
    const char **decks = calloc((size_t)argc + 1, sizeof *decks);
    if (decks == NULL)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(a, "--ipl-deck") == 0 && i + 1 < argc)
            ipl = argv[++i];
        else if (strcmp(a, "-m") == 0 && i + 1 < argc)
            machine = argv[++i];
        else if (strcmp(a, "--origin") == 0 && i + 1 < argc) {
            char *end;
            const char *v = argv[++i];
            if (v[0] == '0' && (v[1] == 'x' || v[1] == 'X'))
                v += 2;
            origin = strtoull(v, &end, 16);
            if (*v == '\0' || *end != '\0' || origin > 0xFFFFFF) {
                fprintf(stderr, "mcemu link: bad --origin '%s' (hex)\n", argv[i]);
                free(decks);
                return 2;
            }
        } else if (strcmp(a, "--map") == 0)
            map = 1;
        else if (strcmp(a, "-v") == 0)
            verbose = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            link_usage(stdout);
            free(decks);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mcemu link: unknown option '%s'\n", a);
            free(decks);
            return link_usage(stderr);
        } else
            decks[n++] = a;
    }
    if (n == 0 || (out == NULL && ipl == NULL && !map)) {
        free(decks);
        return link_usage(stderr);
    }
    AsmImage *img = asm_link(decks, n, origin, verbose, stderr);
    free(decks);
    if (img == NULL)
        return 1;
    int rc = img->nerrors ? 1 : 0;
    if (map)
        asm_link_map(img, stdout);
    if (rc == 0 && out) {
        FILE *f = fopen(out, "wb");
        if (f == NULL || fwrite(img->bytes, 1, (size_t)img->size, f) != img->size) {
            fprintf(stderr, "%s: error: cannot write the image\n", out);
            rc = 1;
        }
        if (f && fclose(f) != 0)
            rc = 1;
        if (rc)
            remove(out);
    }
    if (rc == 0 && ipl) {
        UcMachine *m = emu_load_machine(machine, stderr);
        if (m == NULL || asm_ipl_deck(m, img, ipl, stderr) < 0)
            rc = 1;
        uc_machine_free(m);
    }
    asm_image_free(img);
    return rc;
}

/* Whether the file starts with an object card (X'02' and ESD, TXT, RLD, END
   or SYM in EBCDIC), with or without a stacker-select byte. */
int asm_is_object_deck(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    uint8_t b[5];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    for (size_t skip = 0; skip < 2 && skip + 4 <= n; skip++) {
        char t[4];
        if (card_type(b + skip, t) && (strcmp(t, "ESD") == 0 || strcmp(t, "TXT") == 0
                                       || strcmp(t, "RLD") == 0 || strcmp(t, "END") == 0
                                       || strcmp(t, "SYM") == 0))
            return 1;
    }
    return 0;
}
