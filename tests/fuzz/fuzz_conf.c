/* fuzz_conf.c — libFuzzer target: arbitrary text as a machine.conf file
 * (emu_chan_load_conf), as `--dev` lines (emu_chan_attach_line) and as a
 * console script (emu_chan_console_script, emulator/emu_dev_cons.c) on a
 * System/360 with its channels (emulator/emu_devconf.c's syntax: ADDRESS
 * TYPE [FILE] [OPTION...]). File names in the text that exist are the
 * fuzzer's own scratch files; the rest are refused with a file:line:col
 * error. None of it may crash, hang or leak. Inputs with a '/' are
 * skipped, so that the files the text names (a printer's, a punch's, a
 * writable tape's) are made in the scratch folder and nowhere else.
 *
 * Byte 0 chooses the path: 0-84 the whole text as machine.conf, 85-169
 * each line as a --dev, 170-255 the text as a console script attached to a
 * 1052 that the channels then ask for input as a read would.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emulator/emu_chan.h"
#include "emulator/emu_s360.h"
#include "isa/isa.h"
#include "microcode/uc_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static UcMachine *machine;
static char dir[64], home[4096];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (path[0] == '\0') {
        snprintf(path, sizeof path, "/tmp/fuzz_conf_%d.conf", (int)getpid());
        int nerr = 0;
        machine = isa_compile_file("isa/machines/s360.isa", stderr, &nerr);
        if (machine == NULL)
            abort();            /* run from the top of the repository */
        snprintf(dir, sizeof dir, "/tmp/fuzz_conf_%d.d", (int)getpid());
        mkdir(dir, 0700);
        if (getcwd(home, sizeof home) == NULL)
            abort();
    }
    if (size < 1 || size > 65536)
        return 0;
    /* no paths: a printer or punch line naming an existing file would
       overwrite it; relative names stay in the scratch folder */
    if (memchr(data, '/', size) != NULL)
        return 0;
    /* the scratch folder is the working directory while the text is read:
       relative file names land there (printer, punch and tape files); the
       fuzzer's own corpus paths are relative to home */
    if (chdir(dir) != 0)
        abort();
    unsigned mode = data[0];
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
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
    if (mode < 85 || mode >= 170) {
        FILE *f = fopen(path, "wb");
        if (f != NULL) {
            fwrite(text, 1, n, f);
            fclose(f);
            if (mode < 85) {
                emu_chan_load_conf(&s, path);
            } else if (emu_chan_attach_line(&s, "01F 1052", "fuzz", 1) == 0 &&
                       emu_chan_console_script(&s, path) == 0) {
                /* the guest reads the console: a CCW read inquiry of 80 at X'100' */
                static const uint8_t ccw[8] = { 0x0A, 0, 0x01, 0x00, 0x20, 0, 0, 80 };
                static const uint8_t caw[4] = { 0, 0, 0x02, 0x00 };
                uc_mem_write(s.cpu, 0, 0x200, ccw, 8);
                uc_mem_write(s.cpu, 0, 0x48, caw, 4);
                for (int i = 0; i < 8; i++) {
                    emu_chan_sio(&s, 0x01F);
                    for (int k = 0; k < 4 && emu_chan_idle(&s, 0) == 0; k++)
                        ;
                    emu_chan_take(&s, 0xFF);
                    emu_chan_hio(&s, 0x01F);
                }
            }
        }
    } else {
        char *copy = malloc(n + 1);
        if (copy != NULL) {
            memcpy(copy, text, n);
            copy[n] = 0;
            unsigned lineno = 1;
            for (char *p = copy, *nl; p != NULL; p = nl ? nl + 1 : NULL, lineno++) {
                nl = strchr(p, '\n');
                if (nl)
                    *nl = 0;
                emu_chan_attach_line(&s, p, "--dev", lineno);
            }
            free(copy);
        }
    }
    emu_chan_close(&s);
    uc_cpu_free(s.cpu);
    if (chdir(home) != 0)
        abort();
    return 0;
}
