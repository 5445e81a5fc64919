/* emu_dev_print.c — the 1403 and 1443 printers of System/360 (component
 * descriptions A24-3073 (1403), A24-3120 (1443)), printing into a text file.
 *
 * Commands: write (bits 6-7 01) prints a line, then moves the carriage as
 * bits 0-4 say: 00000 no space, 000nn space nn lines, 1cccc skip to
 * channel cccc; control (11) moves the carriage the same way at once
 * (03 is a no-operation); sense (04). A line takes at most the print
 * positions (1403: 132, 1443: 120); a longer count is incorrect length
 * unless suppressed.
 *
 * The text file: the line in ASCII (trailing blanks dropped), then a new
 * line for each line spaced, a form feed for a skip to channel 1 (the top
 * of the form), a carriage return when the line is printed without spacing
 * (so an overprint follows on the same line); a skip to another channel is
 * one new line. This is what Hercules' printer writes, so listings compare
 * after removing carriage returns and form feeds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_charset.h"
#include "emulator/emu_dev.h"

typedef struct Printer {
    FILE *f;
    size_t width;
} Printer;

static int print_open(EmuDev *d, const char *file, int nopt, char *const *opt, char *err, size_t errsize)
{
    if (nopt > 0) {
        snprintf(err, errsize, "unknown option '%s' for a %s printer", opt[0], d->type->name);
        return -1;
    }
    Printer *p = calloc(1, sizeof *p);
    if (p == NULL) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    p->f = fopen(file, "wb");
    if (p->f == NULL) {
        snprintf(err, errsize, "%s: cannot create the printer file: %s", file, strerror(errno));
        free(p);
        return -1;
    }
    p->width = d->type == &emu_devtype_1443 ? 120 : 132;
    d->priv = p;
    return 0;
}

static void print_close(EmuDev *d)
{
    Printer *p = d->priv;
    if (p) {
        fclose(p->f);
        free(p);
    }
    d->priv = NULL;
}

/* The carriage motion of command bits 0-4. */
static void carriage(Printer *p, uint8_t cmd)
{
    unsigned m = cmd >> 3;
    if (m & 0x10) {
        fputc((m & 0xF) == 1 ? '\f' : '\n', p->f);
    } else if ((m & 3) == 0) {
        fputc('\r', p->f);
    } else {
        for (unsigned i = 0; i < (m & 3); i++)
            fputc('\n', p->f);
    }
}

static unsigned print_command(EmuDev *d, uint8_t cmd, uint8_t *buf, size_t *len)
{
    Printer *p = d->priv;
    if ((cmd & 0x0F) == 0x04)
        return emu_dev_sense(d, buf, len);
    if ((cmd & 3) == 3) {
        if (cmd != 0x03 && !(cmd & 0x04))
            carriage(p, cmd);
        *len = 0;
        fflush(p->f);
        return EMU_US_CE | EMU_US_DE;
    }
    if ((cmd & 3) != 1) {
        *len = 0;
        return emu_dev_reject(d, EMU_SENSE_CMDREJ);
    }
    size_t n = *len < p->width ? *len : p->width;
    size_t last = n;
    while (last > 0 && buf[last - 1] == 0x40)
        last--;
    for (size_t i = 0; i < last; i++) {
        unsigned char ch = buf[i];
        fputc(emu_printable(EMU_CS_EBCDIC, ch) ? emu_to_host(EMU_CS_EBCDIC, ch) : ' ', p->f);
    }
    carriage(p, cmd);
    fflush(p->f);
    if (ferror(p->f)) {
        memset(d->sense, 0, sizeof d->sense);
        d->sense[0] = EMU_SENSE_EQUIP;
        return EMU_US_CE | EMU_US_DE | EMU_US_UC;
    }
    *len = n;
    return EMU_US_CE | EMU_US_DE;
}

const EmuDevType emu_devtype_1403 = { "1403", "printer", EMU_DEVT_FILE, print_open, print_close, print_command, NULL, NULL };
const EmuDevType emu_devtype_1443 = { "1443", "printer", EMU_DEVT_FILE, print_open, print_close, print_command, NULL, NULL };
