/* asm_ipl.c — an IPL-able card deck for a linked program (`mcemu link
 * --ipl-deck`).
 *
 * IBM System/360 Principles of Operation (A22-6821), "Initial Program
 * Loading": IPL reads 24 bytes from the selected device into locations
 * 0-23 as if by a CCW Read at 0, count 24, with command chaining and SLI;
 * the channel then chains to the CCW at location 8 (and on to 16); at the
 * end the I/O address is stored at locations 2-3 and the PSW is loaded from
 * location 0. A card reader gives one card per Read command.
 *
 * The deck, 80-byte card images (a 2540 reader reads them as they are):
 *   card 1        the IPL PSW (disabled, key 0, at the loader) and the CCWs
 *                 that read the loader: Read card 2 to L (and, chained, card
 *                 3 to L+80 when the loader needs two cards).
 *   cards 2-3     the bootstrap loader at L, the first doubleword after the
 *                 text: it takes the IPL device's address from location 2,
 *                 then, for each text card, stores the CAW at X'48', starts
 *                 a Read of 80 bytes with SIO, waits with TIO and moves the
 *                 CCW's address on by 80; then it loads the program's PSW
 *                 (BC mode, disabled, key 0, the END entry). A device that
 *                 is not operational, unit check or unit exception end in a
 *                 disabled wait at X'00DEAD'.
 *   cards 4-      the program's storage from its origin, 80 bytes a card
 *                 (the last padded with zeros).
 *
 * The loader is S/360 assembler source assembled here with the machine's
 * description, like any program (nothing about the instruction set is in
 * C). It uses locations 2-3, X'40'-X'4F' (CSW, CAW) while it runs: a program
 * loaded over those gets its bytes there overwritten.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "asm_int.h"

enum { CARD = 80 };

static const char loader_src[] =
    "IPLLOAD  START X'%06llX'\n"
    "*        Bootstrap loader of an IPL deck (assembler/asm_ipl.c):\n"
    "*        reads the text cards after it into storage, then loads\n"
    "*        the program's PSW.\n"
    "         BALR  12,0\n"
    "         USING *,12\n"
    "         LH    5,2                the IPL device, stored by IPL\n"
    "         L     3,COUNT            text cards\n"
    "NEXT     MVC   X'48'(4,0),CAW     the CAW (text may cover X'48')\n"
    "         SIO   0(5)\n"
    "         BC    8,WAIT             started\n"
    "         BC    6,NEXT             CSW stored or busy: again\n"
    "         B     DEAD               not operational\n"
    "WAIT     TIO   0(5)\n"
    "         BC    2,WAIT             busy: the card is being read\n"
    "         BC    1,DEAD             not operational\n"
    "         BC    8,GOOD             done, nothing to report\n"
    "         TM    X'44',X'03'        CSW: unit check or exception?\n"
    "         BC    7,DEAD\n"
    "GOOD     L     4,CCW\n"
    "         A     4,EIGHTY           the next card's address\n"
    "         ST    4,CCW\n"
    "         BCT   3,NEXT\n"
    "         LPSW  PSW\n"
    "DEAD     LPSW  DEADPSW\n"
    "         DS    0D\n"
    "PSW      DC    X'0000000000',AL3(X'%06llX')\n"
    "DEADPSW  DC    X'000200000000DEAD'\n"
    "CCW      DC    X'02',AL3(X'%06llX'),X'20',X'00',AL2(80)\n"
    "CAW      DC    A(CCW)\n"
    "COUNT    DC    F'%llu'\n"
    "EIGHTY   DC    F'80'\n"
    "         END\n";

/* Assemble the loader at `at`; NULL (and a message) when it fails. */
static AsmImage *assemble_loader(const UcMachine *m, uint64_t at, uint64_t entry, uint64_t origin,
                                 uint64_t ncards, FILE *diag)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/mcemu-ipl-XXXXXX", dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(diag, "mcemu link: error: cannot make a temporary file for the IPL loader\n");
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        close(fd);
        remove(path);
        return NULL;
    }
    fprintf(f, loader_src, (unsigned long long)at, (unsigned long long)entry,
            (unsigned long long)origin, (unsigned long long)ncards);
    int bad = fclose(f) != 0;
    AsmImage *img = NULL;
    if (!bad) {
        AsmOptions opt;
        memset(&opt, 0, sizeof opt);
        opt.origin = at;
        img = asm_assemble(m, path, &opt, diag);
    }
    remove(path);
    if (img == NULL || img->nerrors > 0 || img->origin != at) {
        fprintf(diag, "mcemu link: error: the IPL loader does not assemble on this machine\n");
        asm_image_free(img);
        return NULL;
    }
    return img;
}

static void put_ccw(uint8_t *p, uint8_t cmd, uint64_t addr, uint8_t flags, unsigned count)
{
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16);
    p[2] = (uint8_t)(addr >> 8);
    p[3] = (uint8_t)addr;
    p[4] = flags;
    p[5] = 0;
    p[6] = (uint8_t)(count >> 8);
    p[7] = (uint8_t)count;
}

int asm_ipl_deck(const UcMachine *m, const AsmImage *img, const char *path, FILE *diag)
{
    if (img->size == 0) {
        fprintf(diag, "%s: error: nothing to load: the program is empty\n", path);
        return -1;
    }
    uint64_t ntext = (img->size + CARD - 1) / CARD;
    uint64_t at = (img->origin + ntext * CARD + 7) / 8 * 8;
    if (img->entry > 0xFFFFFF || at + 2 * CARD > 0x1000000) {
        fprintf(diag, "%s: error: the program and its loader do not fit in 24-bit storage\n", path);
        return -1;
    }
    AsmImage *ld = assemble_loader(m, at, img->entry, img->origin, ntext, diag);
    if (ld == NULL)
        return -1;
    if (ld->size > 2 * CARD) {
        fprintf(diag, "mcemu link: error: the IPL loader is longer than two cards\n");
        asm_image_free(ld);
        return -1;
    }
    if (img->origin < 0x50 && img->origin + img->size > 0x40)
        fprintf(diag, "%s: note: the loader uses locations X'40'-X'4F' (CSW, CAW): "
                      "the program's bytes there are overwritten\n", path);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(diag, "%s: error: cannot write the IPL deck\n", path);
        asm_image_free(ld);
        return -1;
    }
    uint8_t c[CARD];
    int nl = ld->size > CARD ? 2 : 1;
    /* card 1: PSW (BC mode, disabled, key 0) at the loader; the CCWs */
    memset(c, 0, sizeof c);
    c[5] = (uint8_t)(at >> 16);
    c[6] = (uint8_t)(at >> 8);
    c[7] = (uint8_t)at;
    put_ccw(c + 8, 0x02, at, nl > 1 ? 0x60 : 0x20, CARD);   /* CC + SLI, or SLI */
    if (nl > 1)
        put_ccw(c + 16, 0x02, at + CARD, 0x20, CARD);
    int err = fwrite(c, 1, CARD, f) != CARD;
    for (int k = 0; k < nl; k++) {
        memset(c, 0, sizeof c);
        uint64_t n = ld->size - (uint64_t)k * CARD < CARD ? ld->size - (uint64_t)k * CARD : CARD;
        memcpy(c, ld->bytes + k * CARD, (size_t)n);
        err |= fwrite(c, 1, CARD, f) != CARD;
    }
    for (uint64_t k = 0; k < ntext; k++) {
        memset(c, 0, sizeof c);
        uint64_t n = img->size - k * CARD < CARD ? img->size - k * CARD : CARD;
        memcpy(c, img->bytes + k * CARD, (size_t)n);
        err |= fwrite(c, 1, CARD, f) != CARD;
    }
    err |= fclose(f) != 0;
    asm_image_free(ld);
    if (err) {
        fprintf(diag, "%s: error: cannot write the IPL deck\n", path);
        remove(path);
        return -1;
    }
    return 0;
}
