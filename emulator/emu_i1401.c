/* emu_i1401.c — the IBM 1401 board: what `mcemu run` does around a 1401
 * CPU (isa/machines/i1401.isa and descriptions that extend it).
 *
 * A program that is not assembler source is a card deck: it goes into the
 * 1402 card reader and the Load key reads the first card into 001-080, sets
 * a word mark at 001 and branches to 001 (A24-3067, "Console": "Load
 * key"). Cards are text lines in the SIMH card format (ASCII with the "old"
 * BCD conversions, emulator/emu_charset.c), blank padded to 80 columns.
 *
 * The host side of the description's I/O helpers: read a card (001-080,
 * the word marks there stay; the last-card indicator when no card follows),
 * punch a card (101-180), print a line (201-332 on the 1403; trailing blanks
 * dropped, word marks printed as 1 for the `)` modifier, `S` suppresses the
 * space after printing), carriage control with a 66-line carriage tape that
 * has channel 1 on its first line (A24-3067, "Carriage control"; SIMH's
 * default tape), stacker select. The printer writes to standard output
 * unless --printer names a file; a skip to channel 1 writes a new line and
 * a form feed, as SIMH does.
 *
 * A halt (H) is the normal end of a 1401 program; process checks, an empty
 * reader and an unattached device end the run as failures.
 */
#include <errno.h>
#include <string.h>
#include "emulator/emu_charset.h"
#include "emulator/emu_run.h"

#define CARD_COLS   80
#define READ_AREA   1u
#define PUNCH_AREA  101u
#define PRINT_AREA  201u
#define PRINT_COLS  132
#define WM_BIT      0x40u
#define CHAR_MASK   0x3Fu
#define CCT_LINES   66

/* Stop codes the helpers return (UC_STOP_HELPER). */
enum { STOP_READER_EMPTY = 1, STOP_NO_PUNCH, STOP_RUNAWAY, STOP_IO_ERROR };

/* The printer's state between operations (one run at a time). */
static struct {
    int line;                 /* position on the carriage tape, 0..CCT_LINES-1 */
    int pending;              /* lines to space or skip after the next print */
    int pending_skip;         /* the pending action is a skip (form feed at channel 1) */
    int runaway_channel;
    uint16_t tape[CCT_LINES]; /* channel holes, bit n = channel n (bit 0: top of form) */
} lpt;

typedef struct I1401Names {
    int is, as, bs;
} I1401Names;

static I1401Names names(const UcMachine *m)
{
    I1401Names n;
    n.is = uc_machine_find_item(m, "IS");
    n.as = uc_machine_find_item(m, "AS");
    n.bs = uc_machine_find_item(m, "BS");
    return n;
}

static int serves(const UcMachine *m)
{
    I1401Names n = names(m);
    return n.is >= 0 && n.as >= 0 && n.bs >= 0 && m->nspaces > 0 && m->spaces[0].unit_bits == 7;
}

static uint64_t ia(EmuRun *r)
{
    return uc_get_item(r->cpu, (unsigned)names(r->m).is, 0);
}

static FILE *printer(EmuRun *r)
{
    return r->printer_fp ? r->printer_fp : r->out;
}

/* ---- card reader ---- */

/* Read one card image from the reader into `card` (80 BCD characters).
   Returns 0, or -1 when the reader is empty. */
static int next_card(EmuRun *r, uint8_t card[CARD_COLS])
{
    char line[512];
    if (r->reader_fp == NULL || fgets(line, sizeof line, r->reader_fp) == NULL)
        return -1;
    size_t len = strcspn(line, "\r\n");
    if (line[len] == 0 && !feof(r->reader_fp)) {   /* longer than the buffer: drop the rest */
        int c;
        while ((c = fgetc(r->reader_fp)) != EOF && c != '\n')
            ;
    }
    for (size_t i = 0; i < CARD_COLS; i++)
        card[i] = emu_from_host(EMU_CS_BCD1401, (unsigned char)(i < len ? line[i] : ' '));
    return 0;
}

static int reader_has_more(EmuRun *r)
{
    if (r->reader_fp == NULL)
        return 0;
    int c = fgetc(r->reader_fp);
    if (c == EOF)
        return 0;
    ungetc(c, r->reader_fp);
    return 1;
}

/* Card columns into storage at `area`, keeping the word marks there. */
static void store_card(EmuRun *r, const uint8_t card[CARD_COLS], uint64_t area)
{
    for (unsigned i = 0; i < CARD_COLS; i++) {
        uint64_t wm = uc_mem_get(r->cpu, 0, area + i) & WM_BIT;
        uc_mem_set(r->cpu, 0, area + i, wm | card[i]);
    }
}

static int h_read_card(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)a; (void)n;
    EmuRun *r = ctx;
    uint8_t card[CARD_COLS];
    if (next_card(r, card) != 0)
        return STOP_READER_EMPTY;
    store_card(r, card, READ_AREA);
    *res = !reader_has_more(r);             /* last-card indicator */
    return 0;
}

/* ---- punch ---- */

static void area_text(EmuRun *r, uint64_t area, unsigned cols, int marks, char *out)
{
    for (unsigned i = 0; i < cols; i++) {
        uint64_t c = uc_mem_get(r->cpu, 0, area + i);
        out[i] = marks ? ((c & WM_BIT) ? '1' : ' ') : (char)emu_to_host(EMU_CS_BCD1401, (unsigned char)(c & CHAR_MASK));
    }
    size_t len = cols;
    while (len > 0 && out[len - 1] == ' ')
        len--;
    out[len] = 0;
}

static int h_punch_card(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)a; (void)n; (void)res;
    EmuRun *r = ctx;
    if (r->punch_fp == NULL)
        return STOP_NO_PUNCH;
    char text[CARD_COLS + 1];
    area_text(r, PUNCH_AREA, CARD_COLS, 0, text);
    if (fprintf(r->punch_fp, "%s\n", text) < 0)
        return STOP_IO_ERROR;
    return 0;
}

static int h_select_stacker(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)ctx; (void)a; (void)n; (void)res;
    return 0;                               /* one stacker per device on the host */
}

/* ---- printer and carriage ---- */

static int has_hole(int line, unsigned channel)
{
    return (lpt.tape[line % CCT_LINES] >> channel) & 1;
}

static uint64_t channel_indicators(void)
{
    return (uint64_t)has_hole(lpt.line, 9) | (uint64_t)has_hole(lpt.line, 12) << 1;
}

/* Space `count` lines, or skip them (a skip that lands on channel 1 is a new
   page: new line and form feed). */
static void space(EmuRun *r, int count, int skip)
{
    FILE *f = printer(r);
    lpt.line = (lpt.line + count) % CCT_LINES;
    if (skip && has_hole(lpt.line, 0)) {
        fputs("\n\f", f);
    } else {
        for (int i = 0; i < count; i++)
            fputc('\n', f);
    }
}

/* Lines from the current one to the next hole in `channel`, or -1. */
static int lines_to_channel(unsigned channel)
{
    for (int i = 1; i <= CCT_LINES; i++)
        if (has_hole(lpt.line + i, channel))
            return i;
    return -1;
}

static int h_write_line(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)n;
    EmuRun *r = ctx;
    char text[PRINT_COLS + 1];
    area_text(r, PRINT_AREA, PRINT_COLS, a[0] == 1, text);
    FILE *f = printer(r);
    fputs(text, f);
    if (lpt.pending)
        space(r, lpt.pending, lpt.pending_skip);
    else if (a[0] != 2)
        space(r, 1, 0);
    else
        fputc('\r', f);
    lpt.pending = lpt.pending_skip = 0;
    *res = channel_indicators();
    return ferror(f) ? STOP_IO_ERROR : 0;
}

/* The d-character of CC: zone 00 skip to a channel now, 01 space after the
   next print, 10 space now, 11 skip after; the digit is the channel (1-9,
   0 = 10, # = 11, @ = 12) or the number of lines (1-3). */
static int h_carriage(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)n;
    EmuRun *r = ctx;
    unsigned action = (unsigned)(a[0] >> 4) & 3, v = (unsigned)a[0] & 0xF;
    switch (action) {
    case 0:                                 /* skip to channel now */
        if (v != 0 && v <= 12 && !has_hole(lpt.line, v)) {
            int k = lines_to_channel(v);
            if (k < 0) {
                lpt.runaway_channel = (int)v;
                return STOP_RUNAWAY;
            }
            space(r, k, 1);
        }
        break;
    case 1:                                 /* space after print */
        if (v <= 3) {
            lpt.pending = (int)v;
            lpt.pending_skip = 0;
        }
        break;
    case 2:                                 /* space now */
        if (v <= 3)
            space(r, (int)v, 0);
        break;
    default:                                /* skip after print */
        if (v != 0 && v <= 12) {
            int k = lines_to_channel(v);
            if (k < 0) {
                lpt.runaway_channel = (int)v;
                return STOP_RUNAWAY;
            }
            lpt.pending = k;
            lpt.pending_skip = 1;
        }
        break;
    }
    *res = channel_indicators();
    return 0;
}

/* One row per helper the description declares. */
static const struct {
    const char *name;
    UcHelperFn fn;
} devices[] = {
    { "read_card", h_read_card }, { "punch_card", h_punch_card },
    { "write_line", h_write_line }, { "carriage", h_carriage },
    { "select_stacker", h_select_stacker },
};

/* ---- run set-up ---- */

/* A deck: attach it to the reader (the cards are read by the Load key and
   by the program's read instructions). */
static int load(EmuRun *r)
{
    if (r->reader_fp)
        fclose(r->reader_fp);
    r->reader_fp = fopen(r->program, "r");
    if (r->reader_fp == NULL) {
        fprintf(stderr, "%s: error: cannot open the card deck: %s\n", r->program, strerror(errno));
        return -1;
    }
    return 0;
}

static int setup(EmuRun *r)
{
    memset(&lpt, 0, sizeof lpt);
    lpt.tape[0] = 1u << 0 | 1u << 1;        /* top of form, channel 1 */
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++)
        uc_bind_helper(r->cpu, devices[i].name, devices[i].fn, r);
    I1401Names n = names(r->m);
    if (r->program && !r->is_source) {
        /* the Load key: card 1 into 001-080 (cleared first), word mark at
           001, branch to 001 */
        uint8_t card[CARD_COLS];
        if (next_card(r, card) != 0) {
            fprintf(stderr, "%s: error: the deck has no cards\n", r->program);
            return -1;
        }
        for (unsigned i = 0; i < CARD_COLS; i++)
            uc_mem_set(r->cpu, 0, READ_AREA + i, card[i] | (i == 0 ? WM_BIT : 0));
        uc_set_item(r->cpu, (unsigned)n.is, 0, READ_AREA);
    } else {
        uc_set_item(r->cpu, (unsigned)n.is, 0, r->start);
    }
    return 0;
}

static EmuEnd explain(EmuRun *r, UcStop stop, char *msg, size_t size)
{
    const UcMachine *m = r->m;
    I1401Names n = names(m);
    unsigned is = (unsigned)uc_get_item(r->cpu, (unsigned)n.is, 0);
    unsigned as = (unsigned)uc_get_item(r->cpu, (unsigned)n.as, 0);
    unsigned bs = (unsigned)uc_get_item(r->cpu, (unsigned)n.bs, 0);
    switch (stop) {
    case UC_STOP_INSN_LIMIT:
        snprintf(msg, size, "instruction limit reached (--max-instructions %llu), I %05u A %05u B %05u",
                 (unsigned long long)r->max_insns, is, as, bs);
        return EMU_END_LIMIT;
    case UC_STOP_ATTENTION:
        snprintf(msg, size, "interrupted, I %05u A %05u B %05u", is, as, bs);
        return EMU_END_FAIL;
    case UC_STOP_MACHINE: {
        uint64_t c = r->cpu->stop_code;
        const char *why = c < m->nstops ? m->stops[c].name : "?";
        const char *text = c < m->nstops ? m->stops[c].message : "?";
        snprintf(msg, size, "%s, I %05u A %05u B %05u", text, is, as, bs);
        if (strcmp(why, "invalid_address") == 0 && size > 0) {
            size_t k = strlen(msg);
            snprintf(msg + k, size - k, " (address %llu)", (unsigned long long)r->cpu->last_fault_addr);
        }
        return strcmp(why, "halt") == 0 ? EMU_END_NORMAL : EMU_END_FAIL;
    }
    case UC_STOP_HELPER:
        switch (r->cpu->stop_code) {
        case STOP_READER_EMPTY:
            snprintf(msg, size, "card reader empty (read with no card left), I %05u", is);
            break;
        case STOP_NO_PUNCH:
            snprintf(msg, size, "card punch not attached (give --punch FILE), I %05u", is);
            break;
        case STOP_RUNAWAY:
            snprintf(msg, size, "carriage runaway: no hole in channel %d of the carriage tape, I %05u",
                     lpt.runaway_channel, is);
            break;
        default:
            snprintf(msg, size, "I/O error on a host file, I %05u", is);
            break;
        }
        return EMU_END_FAIL;
    default:
        snprintf(msg, size, "%s%s%s, I %05u", uc_stop_name(stop),
                 r->cpu->stop_text[0] ? ": " : "", r->cpu->stop_text, is);
        return EMU_END_FAIL;
    }
}

static void trace_regs(EmuRun *r, const uint64_t *before, FILE *out)
{
    const UcMachine *m = r->m;
    for (uint32_t it = 0; it < m->nitems; it++) {
        const UcItem *item = &m->items[it];
        for (uint32_t e = 0; e < item->count; e++) {
            uint64_t now = r->cpu->state[item->slot + e];
            if (now == before[item->slot + e] || strcmp(item->name, "IS") == 0)
                continue;
            if (item->count > 1)
                fprintf(out, " %s[%c]=%llu", item->name,
                        emu_to_host(EMU_CS_BCD1401, (unsigned char)e), (unsigned long long)now);
            else
                fprintf(out, " %s=%llu", item->name, (unsigned long long)now);
        }
    }
}

const EmuBoard emu_board_i1401 = {
    .name = "i1401", .serves = serves, .setup = setup, .explain = explain, .ia = ia,
    .trace_regs = trace_regs, .load = load,
};
