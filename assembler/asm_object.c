/* asm_object.c — the object deck: 80-column card images in EBCDIC.
 *
 * IBM System/360 Operating System Assembler (F) Programmer's Guide,
 * "Object module" (card formats), as punched by the S/360 assemblers (the
 * layout checked against a deck punched by Assembler D):
 *
 *   all cards   col 1 X'02', cols 2-4 ESD/TXT/RLD/END, cols 73-80 the deck
 *               identification (4 characters of the first section name and a
 *               4-digit sequence number); unused columns are EBCDIC blanks.
 *   ESD         cols 11-12 number of bytes of items (16 each, at most 3),
 *               cols 15-16 ESDID of the first item that has one (blank when
 *               the card holds only LD items), cols 17-64 the items: name (8),
 *               type (SD 00, LD 01, ER 02, PC 04, CM 05, WX 0A), address (3),
 *               flag (1; blank), then length (3) for SD PC CM, the ESDID of
 *               the owning section for LD, blanks for ER WX.
 *   TXT         cols 6-8 address of the first byte, cols 11-12 byte count,
 *               cols 15-16 ESDID of the section, cols 17-72 up to 56 bytes.
 *   RLD         cols 11-12 byte count, cols 17-72 items: relocation ESDID (2),
 *               position ESDID (2), flag (1), address (3); the flag is
 *               TTTT LL S C (type 0 A-con, 1 V-con; length-1; S minus; C the
 *               next item has the same two ESDIDs and so gives only its flag
 *               and address).
 *   END         cols 6-8 entry address and cols 15-16 its ESDID when END has
 *               an operand.
 *
 * DSECTs have no ESD item (ESDID 0). ESDIDs are given in order of definition.
 */
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"
#include "../emulator/emu_charset.h"

void asm_add_reloc(Asm *a, int32_t psect, int64_t addr, int32_t rsect, int len, int vcon, int neg)
{
    if (a->nrelocs == a->caprelocs) {
        uint32_t n = a->caprelocs ? a->caprelocs * 2 : 64;
        AsmReloc *q = realloc(a->relocs, n * sizeof *q);
        if (q == NULL)
            return;
        a->relocs = q;
        a->caprelocs = n;
    }
    a->relocs[a->nrelocs++] = (AsmReloc){ psect, addr, rsect, (uint8_t)len, (uint8_t)vcon, (uint8_t)neg };
}

void asm_assign_esdids(Asm *a)
{
    int32_t id = 0;
    for (uint32_t i = 1; i < a->nsects; i++)
        a->sects[i].esdid = a->sects[i].kind == ASM_SK_DSECT ? 0 : ++id;
}

/* The ESD type code of a section. */
int asm_esd_type(const Asm *a, int32_t sect)
{
    const AsmSect *s = &a->sects[sect];
    switch (s->kind) {
    case ASM_SK_CSECT: return s->name[0] ? 0x00 : 0x04;
    case ASM_SK_COM: return 0x05;
    case ASM_SK_ER: return 0x02;
    case ASM_SK_WX: return 0x0A;
    default: return -1;
    }
}

typedef struct Deck {
    FILE *out;
    char id[5];
    unsigned seq;
    int err;
} Deck;

static uint8_t eb(unsigned char c)
{
    return emu_from_host(EMU_CS_EBCDIC, c);
}

static void card_init(uint8_t *c, const char *type)
{
    for (int i = 0; i < 80; i++)
        c[i] = eb(' ');
    c[0] = 0x02;
    for (int i = 0; i < 3; i++)
        c[1 + i] = eb((unsigned char)type[i]);
}

static void put3(uint8_t *p, int64_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}

static void put2(uint8_t *p, int64_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void card_write(Deck *d, uint8_t *c)
{
    char seq[9];
    snprintf(seq, sizeof seq, "%-4.4s%04u", d->id, ++d->seq % 10000);
    for (int i = 0; i < 8; i++)
        c[72 + i] = eb((unsigned char)seq[i]);
    if (fwrite(c, 1, 80, d->out) != 80)
        d->err = 1;
}

static void put_name(uint8_t *p, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < 8; i++)
        p[i] = eb((unsigned char)(i < (int)n ? name[i] : ' '));
}

static int64_t sym_addr(const Asm *a, int32_t k)
{
    const AsmSym *s = &a->syms[k];
    return s->sect > 0 ? a->sects[s->sect].start + s->value : s->value;
}

static void write_esd(Asm *a, Deck *d)
{
    uint8_t c[80];
    int n = 0;
    uint32_t i = 1, e = 0;
    for (;;) {
        uint8_t item[16];
        int has_id = 0;
        int32_t id = 0;
        int have = 0;
        while (i < a->nsects && a->sects[i].esdid == 0)
            i++;
        if (i < a->nsects) {
            const AsmSect *s = &a->sects[i];
            int t = asm_esd_type(a, (int32_t)i);
            put_name(item, s->name);
            item[8] = (uint8_t)t;
            memset(item + 9, 0, 3);
            item[12] = eb(' ');
            if (t == 0x02 || t == 0x0A) {
                for (int k = 12; k < 16; k++)
                    item[k] = eb(' ');
            } else {
                if (t != 0x05)
                    put3(item + 9, s->start);
                put3(item + 13, s->high);
            }
            has_id = 1;
            id = s->esdid;
            have = 1;
            i++;
        } else if (e < a->nentries) {
            int32_t k = a->entries[e++];
            put_name(item, a->syms[k].name);
            item[8] = 0x01;
            put3(item + 9, sym_addr(a, k));
            item[12] = eb(' ');
            put3(item + 13, a->sects[a->syms[k].sect].esdid);
            have = 1;
        }
        if (!have)
            break;
        if (n == 0) {
            card_init(c, "ESD");
            if (has_id)
                put2(c + 14, id);
        }
        memcpy(c + 16 + 16 * n, item, 16);
        n++;
        put2(c + 10, 16 * n);
        if (n == 3) {
            card_write(d, c);
            n = 0;
        }
    }
    if (n > 0)
        card_write(d, c);
}

static void write_txt(Asm *a, Deck *d)
{
    uint8_t c[80];
    for (uint32_t i = 1; i < a->nsects; i++) {
        const AsmSect *s = &a->sects[i];
        if (s->kind != ASM_SK_CSECT)
            continue;
        for (int64_t off = 0; off < s->high; off += 56) {
            int64_t n = s->high - off < 56 ? s->high - off : 56;
            int64_t addr = s->start + off;
            card_init(c, "TXT");
            put3(c + 5, addr);
            put2(c + 10, n);
            put2(c + 14, s->esdid);
            for (int64_t k = 0; k < n; k++) {
                int64_t x = addr + k;
                c[16 + k] = a->img && x >= a->img_origin && x < a->img_end ? a->img[x - a->img_origin] : 0;
            }
            card_write(d, c);
        }
    }
}

static int by_pos(const void *x, const void *y)
{
    const AsmReloc *p = x, *q = y;
    if (p->psect != q->psect)
        return p->psect < q->psect ? -1 : 1;
    if (p->rsect != q->rsect)
        return p->rsect < q->rsect ? -1 : 1;
    return p->addr < q->addr ? -1 : p->addr > q->addr;
}

uint8_t asm_rld_flag(const AsmReloc *r)
{
    return (uint8_t)((r->vcon ? 0x10 : 0x00) | ((r->len - 1) & 3) << 2 | (r->neg ? 2 : 0));
}

void asm_sort_relocs(Asm *a)
{
    if (a->nrelocs > 1)
        qsort(a->relocs, a->nrelocs, sizeof *a->relocs, by_pos);
}

static void write_rld(Asm *a, Deck *d)
{
    uint8_t c[80];
    int n = 0;                    /* bytes on the card */
    int last = -1;                /* offset of the previous item's flag */
    for (uint32_t i = 0; i < a->nrelocs; i++) {
        const AsmReloc *r = &a->relocs[i];
        if (a->sects[r->psect].esdid == 0 || a->sects[r->rsect].esdid == 0)
            continue;
        int same = last >= 0 && i > 0 && a->relocs[i - 1].psect == r->psect
                   && a->relocs[i - 1].rsect == r->rsect;
        int need = same ? 4 : 8;
        if (n > 0 && n + need > 56) {
            put2(c + 10, n);
            card_write(d, c);
            n = 0;
            last = -1;
            same = 0;
            need = 8;
        }
        if (n == 0)
            card_init(c, "RLD");
        if (same)
            c[16 + last] |= 0x01;
        uint8_t *p = c + 16 + n;
        if (!same) {
            put2(p, a->sects[r->rsect].esdid);
            put2(p + 2, a->sects[r->psect].esdid);
            p += 4;
        }
        p[0] = asm_rld_flag(r);
        put3(p + 1, r->addr);
        last = (int)(p - (c + 16));
        n += need;
    }
    if (n > 0) {
        put2(c + 10, n);
        card_write(d, c);
    }
}

int asm_write_object(Asm *a, FILE *out)
{
    Deck d = { out, "    ", 0, 0 };
    for (uint32_t i = 1; i < a->nsects; i++)
        if (a->sects[i].kind == ASM_SK_CSECT && a->sects[i].name[0]) {
            snprintf(d.id, sizeof d.id, "%-4.4s", a->sects[i].name);
            break;
        }
    write_esd(a, &d);
    write_txt(a, &d);
    write_rld(a, &d);
    uint8_t c[80];
    card_init(c, "END");
    if (a->has_entry) {
        for (uint32_t i = 1; i < a->nsects; i++) {
            const AsmSect *s = &a->sects[i];
            if ((s->kind == ASM_SK_CSECT) && a->entry >= s->start && a->entry < s->start + s->high) {
                put3(c + 5, a->entry);
                put2(c + 14, s->esdid);
                break;
            }
        }
    }
    card_write(&d, c);
    return d.err ? -1 : 0;
}
