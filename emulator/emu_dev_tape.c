/* emu_dev_tape.c — the IBM 2400-series magnetic tape unit (2401/2402/2403
 * with the 2803/2804 control) on the channel interface of emu_dev.h, its
 * reel an AWS or SIMH image (emu_tapeimg.h). IBM 2400-Series Magnetic Tape
 * Units component description (A22-6866): commands, status and sense.
 *
 * Commands (bits 0-7 of the CCW command code):
 *   01 write   02 read   0C read backward   04 sense   03 no-op
 *   07 rewind  0F rewind-unload  17 erase gap  1F write tape mark
 *   27 backspace block  2F backspace file  37 forward space block
 *   3F forward space file
 *   xx...011 mode set: 7-track (13 23 2B 33 3B 53 63 6B 73 7B) and 9-track
 *     (C3 CB D3 DB): accepted and remembered; they move no tape.
 * Status: channel end and device end together (the reel moves instantly);
 * unit exception when a read or a block space meets a tape mark, and when
 * a write or tape mark passes the end-of-tape reflector (maxsize=); unit
 * check with the sense bytes:
 *   byte 0  80 command reject (a write on a file-protected reel; a backward
 *              command at load point; a code the unit lacks)
 *           40 intervention required (no reel, or unloaded)
 *           20 bus-out check  10 equipment check (the host file failed)
 *           08 data check (a block recorded with an error, a malformed
 *              image, reading past the last block written)
 *           04 overrun  02 word count zero  01 data converter check
 *   byte 1  80 noise  40 ready (status A)  20 not ready (status B)
 *           10 seven-track unit  08 load point  04 write status
 *           02 file protected  01 not capable
 *   byte 4  20 tape indicate (past the end-of-tape reflector)
 * Byte 1 describes the unit at the moment of SENSE; the others the last
 * command.
 *
 * machine.conf: `0C0 2400 FILE [ro] [aws|simh] [7track] [maxsize=BYTES]`;
 * without FILE the unit has no reel (intervention required).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_dev.h"
#include "emulator/emu_tapeimg.h"

/* Sense byte 1 (unit status). */
#define S1_NOISE     0x80u
#define S1_READY     0x40u
#define S1_NOTREADY  0x20u
#define S1_7TRACK    0x10u
#define S1_LOADPT    0x08u
#define S1_WRITE     0x04u
#define S1_PROTECT   0x02u
/* Sense byte 4. */
#define S4_TAPEIND   0x20u
#define TAPE_NSENSE  6u

#define DONE         (EMU_US_CE | EMU_US_DE)

/* The commands: one row each (code, name). */
#define TAPE_COMMANDS(X) \
    X(0x01, WRITE,    "write")               \
    X(0x02, READ,     "read")                \
    X(0x03, NOP,      "no-op")               \
    X(0x04, SENSE,    "sense")               \
    X(0x07, REW,      "rewind")              \
    X(0x0C, READBK,   "read backward")       \
    X(0x0F, RUN,      "rewind-unload")       \
    X(0x17, ERG,      "erase gap")           \
    X(0x1F, WTM,      "write tape mark")     \
    X(0x27, BSB,      "backspace block")     \
    X(0x2F, BSF,      "backspace file")      \
    X(0x37, FSB,      "forward space block") \
    X(0x3F, FSF,      "forward space file")

enum {
#define TAPE_ENUM(code, id, name) CMD_##id = code,
    TAPE_COMMANDS(TAPE_ENUM)
#undef TAPE_ENUM
};

typedef struct Tape {
    EmuTape *reel;          /* NULL: no reel */
    int unloaded;           /* rewind-unload: not ready until attached again */
    int seven;              /* a 7-track unit (sense byte 1) */
    int wrote;              /* the last command wrote (write status) */
    uint8_t mode;           /* the last mode set */
    unsigned long bad_reported;   /* block whose malformation was reported (+1) */
} Tape;

static int is_mode_set(uint8_t cmd)
{
    return (cmd & 0x07) == 0x03 && cmd != CMD_NOP;
}

static int tape_open(EmuDev *d, const char *file, int nopt, char *const *opt,
                     char *err, size_t errsize)
{
    int ro = 0, seven = 0;
    EmuTapeFormat fmt = EMU_TAPE_FMT_DETECT;
    unsigned long long maxsize = 0;
    for (int i = 0; i < nopt; i++) {
        if (strcmp(opt[i], "ro") == 0)
            ro = 1;
        else if (strcmp(opt[i], "rw") == 0)
            ro = 0;
        else if (strcmp(opt[i], "aws") == 0)
            fmt = EMU_TAPE_FMT_AWS;
        else if (strcmp(opt[i], "simh") == 0)
            fmt = EMU_TAPE_FMT_SIMH;
        else if (strcmp(opt[i], "7track") == 0)
            seven = 1;
        else if (strncmp(opt[i], "maxsize=", 8) == 0) {
            char *end;
            errno = 0;
            maxsize = strtoull(opt[i] + 8, &end, 0);
            if (errno || *end || opt[i][8] == 0 || opt[i][8] == '-') {
                snprintf(err, errsize, "2400: bad size in '%s'", opt[i]);
                return -1;
            }
        } else {
            snprintf(err, errsize, "2400: unknown option '%s' (ro, rw, aws, simh, 7track, "
                     "maxsize=BYTES)", opt[i]);
            return -1;
        }
    }
    Tape *tp = calloc(1, sizeof *tp);
    if (tp == NULL) {
        snprintf(err, errsize, "2400: out of memory");
        return -1;
    }
    if (file) {
        tp->reel = emu_tape_open(file, ro, fmt, err, errsize);
        if (tp->reel == NULL) {
            free(tp);
            return -1;
        }
        emu_tape_set_capacity(tp->reel, maxsize);
    }
    tp->seven = seven;
    d->priv = tp;
    d->nsense = TAPE_NSENSE;
    memset(d->sense, 0, sizeof d->sense);
    return 0;
}

static void tape_close(EmuDev *d)
{
    Tape *tp = d->priv;
    if (tp) {
        emu_tape_close(tp->reel);
        free(tp);
    }
    d->priv = NULL;
}

/* Sense byte 1: the unit as it is now. */
static uint8_t unit_status(const Tape *tp)
{
    uint8_t s = tp->seven ? S1_7TRACK : 0;
    if (tp->reel == NULL || tp->unloaded)
        return s | S1_NOTREADY;
    s |= S1_READY;
    if (emu_tape_at_bot(tp->reel))
        s |= S1_LOADPT;
    if (emu_tape_readonly(tp->reel))
        s |= S1_PROTECT;
    if (tp->wrote)
        s |= S1_WRITE;
    return s;
}

/* A command not started: unit check alone, with sense byte 0. */
static unsigned reject(EmuDev *d, unsigned bits)
{
    d->sense[0] = bits;
    return EMU_US_UC;
}

static unsigned unit_check(EmuDev *d, unsigned bits)
{
    d->sense[0] |= bits;
    return DONE | EMU_US_UC;
}

/* The status of a read or space that did not give a block. */
static unsigned not_block(EmuDev *d, Tape *tp, EmuTapeStatus st)
{
    switch (st) {
    case EMU_TAPE_MARK:
        return DONE | EMU_US_UE;
    case EMU_TAPE_BOT:
        return reject(d, EMU_SENSE_CMDREJ);
    case EMU_TAPE_EOD:                  /* blank tape after the last block */
        return unit_check(d, EMU_SENSE_DATA);
    case EMU_TAPE_BAD:
        if (tp->bad_reported != emu_tape_block(tp->reel)) {
            tp->bad_reported = emu_tape_block(tp->reel);
            fprintf(stderr, "%s\n", emu_tape_message(tp->reel));
        }
        return unit_check(d, EMU_SENSE_DATA);
    case EMU_TAPE_DATAERR:
        return unit_check(d, EMU_SENSE_DATA);
    case EMU_TAPE_IOERR:
        fprintf(stderr, "%s\n", emu_tape_message(tp->reel));
        return unit_check(d, EMU_SENSE_EQUIP);
    case EMU_TAPE_PROTECT:
        return reject(d, EMU_SENSE_CMDREJ);
    case EMU_TAPE_OK:
        break;
    }
    return DONE;
}

/* After a write or a tape mark: unit exception past the reflector. */
static unsigned written(EmuDev *d, Tape *tp, EmuTapeStatus st)
{
    if (st != EMU_TAPE_OK)
        return not_block(d, tp, st);
    tp->wrote = 1;
    if (emu_tape_past_eot(tp->reel)) {
        d->sense[4] |= S4_TAPEIND;
        return DONE | EMU_US_UE;
    }
    return DONE;
}

static unsigned tape_command(EmuDev *d, uint8_t cmd, uint8_t *buf, size_t *len)
{
    Tape *tp = d->priv;
    if ((cmd & 0x0F) == CMD_SENSE) {
        d->sense[1] = unit_status(tp);
        memcpy(buf, d->sense, TAPE_NSENSE);
        *len = TAPE_NSENSE;
        memset(d->sense, 0, sizeof d->sense);
        return DONE;
    }
    size_t given = *len;
    *len = 0;
    memset(d->sense, 0, sizeof d->sense);
    int known = cmd == CMD_NOP || is_mode_set(cmd);
#define TAPE_KNOWN(code, id, name) known |= cmd == (code);
    TAPE_COMMANDS(TAPE_KNOWN)
#undef TAPE_KNOWN
    if (!known)
        return reject(d, EMU_SENSE_CMDREJ);
    if (cmd == CMD_NOP)
        return DONE;
    if (tp->reel == NULL || tp->unloaded)
        return reject(d, EMU_SENSE_INTREQ);
    EmuTape *t = tp->reel;
    if (is_mode_set(cmd)) {
        tp->mode = cmd;
        return DONE;
    }
    int writes = cmd == CMD_WRITE || cmd == CMD_WTM || cmd == CMD_ERG;
    if (writes && emu_tape_readonly(t))
        return reject(d, EMU_SENSE_CMDREJ);
    if (!writes)
        tp->wrote = 0;
    EmuTapeStatus st;
    size_t rl = 0;
    switch (cmd) {
    case CMD_READ:
        st = emu_tape_read(t, buf, EMU_DEV_BUF_MAX, &rl);
        break;
    case CMD_READBK:
        st = emu_tape_read_back(t, buf, EMU_DEV_BUF_MAX, &rl);
        break;
    case CMD_WRITE:
        *len = given;
        return written(d, tp, emu_tape_write(t, buf, given));
    case CMD_WTM:
        return written(d, tp, emu_tape_write_mark(t));
    case CMD_ERG:
        return written(d, tp, emu_tape_erase(t));
    case CMD_REW:
        emu_tape_rewind(t);
        return DONE;
    case CMD_RUN:
        emu_tape_rewind(t);
        tp->unloaded = 1;
        return DONE;
    case CMD_BSB:
    case CMD_FSB:
        return not_block(d, tp, emu_tape_space(t, cmd == CMD_FSB));
    case CMD_BSF:
    case CMD_FSF:
        st = emu_tape_space_file(t, cmd == CMD_FSF);
        if (st == EMU_TAPE_MARK)
            return DONE;
        if (st == EMU_TAPE_BOT)         /* stopped at the load point */
            return DONE;
        return not_block(d, tp, st);
    default:
        return reject(d, EMU_SENSE_CMDREJ);
    }
    /* reads */
    if (st == EMU_TAPE_OK || st == EMU_TAPE_DATAERR) {
        *len = rl < EMU_DEV_BUF_MAX ? rl : EMU_DEV_BUF_MAX;
        return st == EMU_TAPE_OK ? DONE : unit_check(d, EMU_SENSE_DATA);
    }
    return not_block(d, tp, st);
}

static void tape_reset(EmuDev *d)
{
    (void)d;                            /* every operation completes at once */
}

const EmuDevType emu_devtype_2400 = {
    .name = "2400",
    .what = "magnetic tape unit",
    .flags = EMU_DEVT_FILE,
    .open = tape_open,
    .close = tape_close,
    .command = tape_command,
    .poll = NULL,
    .reset = tape_reset,
};
