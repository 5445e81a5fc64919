/* emu_dev_card.c — the card readers and punches of System/360: the 2540
 * reader (2540R) and punch (2540P), and the 1442 reader/punch (1442: reads,
 * and punches into `punch=FILE` when given; 1442P: a punch only). Component
 * descriptions A21-9033 (2540) and A21-9025 (1442): read (command bits 6-7
 * 10), write = punch (01), control (11: feed, stacker select: accepted),
 * sense (04: byte 0 only).
 *
 * A reader's deck is read whole when it is attached and checked: `ascii`
 * (the default) is text, one card a line, at most 80 characters of printable
 * ASCII, translated to EBCDIC and padded with blanks; `ebcdic` is raw
 * 80-byte card images. A bad deck is an error naming the file and the card.
 * After the last card, a read ends with unit exception (channel end, device
 * end, unit exception, no data), as a reader with its end-of-file key
 * pressed ends the deck. A punch writes 80-column cards: `ascii` lines
 * (trailing blanks dropped) or `ebcdic` 80-byte records.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_charset.h"
#include "emulator/emu_dev.h"

#define COLS 80
#define EBCDIC_BLANK 0x40

typedef struct Card {
    uint8_t *cards;             /* ncards * 80 bytes (reader) */
    size_t ncards, next;
    FILE *punch;                /* punch output, or NULL */
    int punch_ebcdic;
    int can_read;
} Card;

static int load_deck(Card *k, const char *file, int ebcdic, char *err, size_t errsize)
{
    FILE *f = fopen(file, "rb");
    if (f == NULL) {
        snprintf(err, errsize, "%s: cannot open the deck: %s", file, strerror(errno));
        return -1;
    }
    size_t cap = 0, n = 0, size = 0;
    uint8_t *data = NULL;
    uint8_t chunk[8192];
    size_t got;
    int rc = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (size + got > ((size_t)64 << 20)) {
            snprintf(err, errsize, "%s: the deck is larger than 64 MiB", file);
            rc = -1;
            break;
        }
        uint8_t *nd = realloc(data, size + got);
        if (nd == NULL) {
            snprintf(err, errsize, "%s: out of memory", file);
            rc = -1;
            break;
        }
        data = nd;
        memcpy(data + size, chunk, got);
        size += got;
    }
    fclose(f);
    if (rc)
        goto out;
    if (ebcdic) {
        if (size % COLS) {
            snprintf(err, errsize, "%s: card %zu: a raw EBCDIC deck has 80-byte records; the last has %zu bytes",
                     file, size / COLS + 1, size % COLS);
            rc = -1;
            goto out;
        }
        k->cards = data;
        data = NULL;
        k->ncards = size / COLS;
        goto out;
    }
    /* text: one card a line */
    size_t pos = 0;
    while (pos < size) {
        size_t end = pos;
        while (end < size && data[end] != '\n')
            end++;
        size_t len = end - pos;
        if (len > 0 && data[pos + len - 1] == '\r')
            len--;
        n++;
        if (len > COLS) {
            snprintf(err, errsize, "%s: card %zu: the line is %zu characters long; a card has 80 columns",
                     file, n, len);
            rc = -1;
            goto out;
        }
        if (n > cap) {
            cap = cap ? 2 * cap : 256;
            uint8_t *nc = realloc(k->cards, cap * COLS);
            if (nc == NULL) {
                snprintf(err, errsize, "%s: out of memory", file);
                rc = -1;
                goto out;
            }
            k->cards = nc;
        }
        uint8_t *card = k->cards + (n - 1) * COLS;
        memset(card, EBCDIC_BLANK, COLS);
        for (size_t i = 0; i < len; i++) {
            uint8_t ch = data[pos + i];
            if (ch < 0x20 || ch > 0x7E) {
                snprintf(err, errsize, "%s: card %zu, column %zu: byte 0x%02X is not printable ASCII "
                         "(a raw deck needs the option 'ebcdic')", file, n, i + 1, ch);
                rc = -1;
                goto out;
            }
            card[i] = emu_from_host(EMU_CS_EBCDIC, ch);
        }
        pos = end + 1;
    }
    k->ncards = n;
out:
    free(data);
    return rc;
}

static int parse_opts(const char *type, int nopt, char *const *opt, int *ebcdic, const char **punch,
                      char *err, size_t errsize)
{
    for (int i = 0; i < nopt; i++) {
        if (strcmp(opt[i], "ascii") == 0) {
            *ebcdic = 0;
        } else if (strcmp(opt[i], "ebcdic") == 0) {
            *ebcdic = 1;
        } else if (strcmp(opt[i], "eof") == 0) {
            /* the default */
        } else if (punch && strncmp(opt[i], "punch=", 6) == 0 && opt[i][6]) {
            *punch = opt[i] + 6;
        } else {
            snprintf(err, errsize, "unknown option '%s' for a %s (ascii, ebcdic%s)", opt[i], type,
                     punch ? ", punch=FILE" : "");
            return -1;
        }
    }
    return 0;
}

static int open_punch(Card *k, const char *file, char *err, size_t errsize)
{
    k->punch = fopen(file, "wb");
    if (k->punch == NULL) {
        snprintf(err, errsize, "%s: cannot create the punch file: %s", file, strerror(errno));
        return -1;
    }
    return 0;
}

static int reader_open(EmuDev *d, const char *file, int nopt, char *const *opt, char *err, size_t errsize)
{
    int ebcdic = 0;
    const char *punch = NULL;
    int is1442 = d->type == &emu_devtype_1442;
    if (parse_opts(d->type->name, nopt, opt, &ebcdic, is1442 ? &punch : NULL, err, errsize))
        return -1;
    Card *k = calloc(1, sizeof *k);
    if (k == NULL) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    k->can_read = 1;
    if (load_deck(k, file, ebcdic, err, errsize) != 0 || (punch && open_punch(k, punch, err, errsize) != 0)) {
        free(k->cards);
        free(k);
        return -1;
    }
    k->punch_ebcdic = ebcdic;
    d->priv = k;
    return 0;
}

static int punch_open(EmuDev *d, const char *file, int nopt, char *const *opt, char *err, size_t errsize)
{
    int ebcdic = 0;
    if (parse_opts(d->type->name, nopt, opt, &ebcdic, NULL, err, errsize))
        return -1;
    Card *k = calloc(1, sizeof *k);
    if (k == NULL) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    if (open_punch(k, file, err, errsize) != 0) {
        free(k);
        return -1;
    }
    k->punch_ebcdic = ebcdic;
    d->priv = k;
    return 0;
}

static void card_close(EmuDev *d)
{
    Card *k = d->priv;
    if (k == NULL)
        return;
    if (k->punch)
        fclose(k->punch);
    free(k->cards);
    free(k);
    d->priv = NULL;
}

static unsigned do_punch(EmuDev *d, Card *k, const uint8_t *buf, size_t *len)
{
    uint8_t card[COLS];
    size_t n = *len < COLS ? *len : COLS;
    memset(card, EBCDIC_BLANK, COLS);
    memcpy(card, buf, n);
    if (k->punch_ebcdic) {
        fwrite(card, 1, COLS, k->punch);
    } else {
        size_t last = COLS;
        while (last > 0 && card[last - 1] == EBCDIC_BLANK)
            last--;
        for (size_t i = 0; i < last; i++) {
            unsigned char ch = card[i];
            fputc(emu_printable(EMU_CS_EBCDIC, ch) ? emu_to_host(EMU_CS_EBCDIC, ch) : '?', k->punch);
        }
        fputc('\n', k->punch);
    }
    if (ferror(k->punch)) {
        memset(d->sense, 0, sizeof d->sense);
        d->sense[0] = EMU_SENSE_EQUIP;
        return EMU_US_CE | EMU_US_DE | EMU_US_UC;
    }
    fflush(k->punch);
    *len = COLS;
    return EMU_US_CE | EMU_US_DE;
}

static unsigned card_command(EmuDev *d, uint8_t cmd, uint8_t *buf, size_t *len)
{
    Card *k = d->priv;
    if ((cmd & 0x0F) == 0x04)
        return emu_dev_sense(d, buf, len);
    switch (cmd & 3) {
    case 2:
        if ((cmd & 0x0F) == 0x0C || !k->can_read)
            break;
        if (k->next >= k->ncards) {
            *len = 0;
            return EMU_US_CE | EMU_US_DE | EMU_US_UE;
        }
        memcpy(buf, k->cards + k->next * COLS, COLS);
        k->next++;
        *len = COLS;
        return EMU_US_CE | EMU_US_DE;
    case 1:
        if (k->punch == NULL)
            break;
        return do_punch(d, k, buf, len);
    case 3:
        *len = 0;
        return EMU_US_CE | EMU_US_DE;
    default:
        break;
    }
    *len = 0;
    return emu_dev_reject(d, EMU_SENSE_CMDREJ);
}

const EmuDevType emu_devtype_2540r = { "2540R", "card reader", EMU_DEVT_FILE, reader_open, card_close, card_command, NULL, NULL };
const EmuDevType emu_devtype_2540p = { "2540P", "card punch", EMU_DEVT_FILE, punch_open, card_close, card_command, NULL, NULL };
const EmuDevType emu_devtype_1442 = { "1442", "card reader/punch", EMU_DEVT_FILE, reader_open, card_close, card_command, NULL, NULL };
const EmuDevType emu_devtype_1442p = { "1442P", "card punch", EMU_DEVT_FILE, punch_open, card_close, card_command, NULL, NULL };
