/* fuzz_tape.c — libFuzzer target: arbitrary bytes as a 2400 tape image
 * (AWS or SIMH, as emulator/emu_tapeimg.h describes them, or detected),
 * mounted read-only or writable on a 2400 attached through the channels
 * (emulator/emu_dev_tape.c, the machine.conf line "180 2400 FILE ..."), then
 * driven by a sequence of channel commands the input also chooses: read,
 * read backward, write, write tape mark, rewind, rewind-unload, backspace
 * and forward-space block and file, erase gap, sense, mode sets and any
 * other byte (Component Description "IBM 2400-Series Magnetic Tape Units").
 *
 * Input: byte 0 — bits 0-1 the format option (none, aws, simh, none),
 * bit 2 read-only; byte 1 — the number of commands (0-63); then the
 * command bytes; the rest is the image. Every command must end with a
 * status (a malformed image is a unit check with sense, never a crash, a
 * hang, a leak or a sanitizer report), and the image file is never grown
 * past what the writes put there.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emulator/emu_chan.h"
#include "emulator/emu_dev.h"
#include "emulator/emu_s360.h"
#include "isa/isa.h"
#include "microcode/uc_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static uint8_t buf[EMU_DEV_BUF_MAX];
static UcMachine *machine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/fuzz_tape_%d.img", (int)getpid());
    if (size < 2 || size > (1u << 20))
        return 0;
    unsigned flags = data[0], ncmd = data[1] & 63u;
    if (size < 2 + ncmd)
        return 0;
    const uint8_t *cmds = data + 2;
    const uint8_t *img = data + 2 + ncmd;
    size_t nimg = size - 2 - ncmd;
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    fwrite(img, 1, nimg, f);
    fclose(f);

    if (machine == NULL) {
        int nerr = 0;
        machine = isa_compile_file("isa/machines/s360.isa", stderr, &nerr);
        if (machine == NULL)
            abort();            /* run from the top of the repository */
    }
    char err[200];
    EmuS360 s;
    memset(&s, 0, sizeof s);
    s.cpu = uc_cpu_new(machine, 8192, err, sizeof err);
    if (s.cpu == NULL)
        abort();
    if (emu_chan_open(&s) != 0 || emu_intr_open(&s, "off") != 0)
        abort();
    emu_intr_bind(&s);
    emu_chan_bind(&s);
    static const char *const fmt[4] = { "", " aws", " simh", "" };
    char line[200];
    snprintf(line, sizeof line, "180 2400 %s%s%s", path, fmt[flags & 3], (flags & 4) ? " ro" : "");
    if (emu_chan_attach_line(&s, line, "fuzz", 1) == 0) {
        EmuDev *d = emu_chan_device(&s, 0x180);
        if (d == NULL)
            abort();
        for (unsigned i = 0; i < ncmd; i++) {
            uint8_t c = cmds[i];
            size_t len = 0;
            if ((c & 3) == 1) {                 /* write: some of the image's bytes */
                len = 1 + (size_t)c * 7 % (nimg + 1);
                if (len > nimg)
                    len = nimg;
                memcpy(buf, img, len);
            }
            unsigned st = d->type->command(d, c, buf, &len);
            if (st == EMU_DEV_WAIT || len > EMU_DEV_BUF_MAX)
                abort();                        /* a tape never waits on the host */
        }
    }
    emu_chan_close(&s);
    uc_cpu_free(s.cpu);
    return 0;
}
