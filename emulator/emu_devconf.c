/* emu_devconf.c — machine.conf: one device a line,
 *
 *     ADDRESS TYPE [FILE] [OPTION...]      # comment
 *     00C 2540R deck.txt ascii
 *     00E 1403 print.txt
 *     01F 1052
 *     0C0 2400 tape.aws ro
 *
 * (the same syntax for `--dev`), and the table of device types by name.
 * The 2400 tape lives in emulator/emu_dev_tape.c; it is found here when
 * linked (a weak reference), so this file does not depend on it.
 */
#include <ctype.h>
#include <stddef.h>
#include <strings.h>
#include "emulator/emu_chan.h"

#if defined(__GNUC__) || defined(__clang__)
extern const EmuDevType emu_devtype_2400 __attribute__((weak));
#define TAPE_TYPE (&emu_devtype_2400)
#else
#define TAPE_TYPE NULL
#endif

int emu_devconf_split(char *line, char **word, unsigned *col, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == 0 || *p == '#')
            break;
        if (n == max) {
            col[max - 1] = (unsigned)(p - line) + 1;
            return -1;
        }
        word[n] = p;
        col[n] = (unsigned)(p - line) + 1;
        n++;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && *p != '#')
            p++;
        if (*p == '#') {
            *p = 0;
            break;
        }
        if (*p)
            *p++ = 0;
    }
    return n;
}

const EmuDevType *emu_devtype_find(const char *name)
{
    const EmuDevType *const types[] = {
        &emu_devtype_2540r, &emu_devtype_2540p, &emu_devtype_1442, &emu_devtype_1442p,
        &emu_devtype_1403, &emu_devtype_1443, &emu_devtype_1052, &emu_devtype_3215,
        TAPE_TYPE,
    };
    /* other names of the same devices */
    static const char *const alias[][2] = {
        { "2501", "2540R" }, { "3505", "2540R" }, { "3525", "2540P" }, { "1442R", "1442" },
        { "1052-7", "1052" }, { "1050", "1052" },
        { "2401", "2400" }, { "2402", "2400" }, { "2403", "2400" }, { "2404", "2400" },
        { "2415", "2400" }, { "3420", "2400" },
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (alias[i][1] && strcasecmp(alias[i][0], name) == 0) {
            name = alias[i][1];
            break;
        }
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (types[i] != NULL && strcasecmp(types[i]->name, name) == 0)
            return types[i];
    return NULL;
}
