/* tapecopy.c — a host tool: copy a tape image block by block and mark by
 * mark into another image, in AWS or SIMH form (emulator/emu_tapeimg.h).
 * `make bench` builds it to give Hercules 3.13, which reads AWS but not
 * SIMH .tap, the same TOS/360 system residence tape as mcemu.
 *   tapecopy IN OUT [aws|simh]     (default: OUT's kind by its name)
 * Exit status 0, or 1 with a message (a malformed input names its block).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_tapeimg.h"

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: tapecopy IN OUT [aws|simh]\n");
        return 1;
    }
    EmuTapeFormat fmt = EMU_TAPE_FMT_DETECT;
    if (argc == 4)
        fmt = strcmp(argv[3], "simh") == 0 ? EMU_TAPE_FMT_SIMH : EMU_TAPE_FMT_AWS;
    char err[400];
    EmuTape *in = emu_tape_open(argv[1], 1, EMU_TAPE_FMT_DETECT, err, sizeof err);
    if (in == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    remove(argv[2]);
    EmuTape *out = emu_tape_open(argv[2], 0, fmt, err, sizeof err);
    if (out == NULL) {
        fprintf(stderr, "%s\n", err);
        emu_tape_close(in);
        return 1;
    }
    static uint8_t buf[1u << 24];
    size_t len;
    EmuTapeStatus st, wst = EMU_TAPE_OK;
    while (wst == EMU_TAPE_OK && ((st = emu_tape_read(in, buf, sizeof buf, &len)) == EMU_TAPE_OK
                                  || st == EMU_TAPE_MARK || st == EMU_TAPE_DATAERR))
        wst = st == EMU_TAPE_MARK ? emu_tape_write_mark(out) : emu_tape_write(out, buf, len);
    int rc = 0;
    if (wst != EMU_TAPE_OK) {
        fprintf(stderr, "%s\n", emu_tape_message(out));
        rc = 1;
    } else if (st != EMU_TAPE_EOD) {
        fprintf(stderr, "%s\n", emu_tape_message(in));
        rc = 1;
    }
    emu_tape_close(in);
    emu_tape_close(out);
    return rc;
}
