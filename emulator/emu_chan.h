/* emu_chan.h — the System/360 channels as the rest of mcemu sees them:
 * attaching and detaching devices (machine.conf lines, `--dev`), listing
 * them, IPL, the console's request key, the console script, and the I/O
 * instructions' answers for tests. Principles of Operation A22-6821,
 * "Input/Output Operations", "Initial Program Loading".
 *
 * Channel 0 is the multiplexor channel (one subchannel per device),
 * channels 1-6 are selector channels (one subchannel shared by the devices
 * on it). A channel exists when a device is attached to it (channel 0
 * always). Channel programs run at START I/O to their end (a device that
 * waits for the host, the console, suspends the chain until its input
 * comes); their ending status is an I/O interruption condition at once.
 */
#ifndef EMU_CHAN_H
#define EMU_CHAN_H

#include <stdint.h>
#include <stdio.h>
#include "emulator/emu_dev.h"
#include "emulator/emu_s360.h"

#define EMU_CHAN_MAXDEV   256u      /* devices attached at most */
/* A channel program ends with a channel control check after this many CCWs
   (TIC loops) or bytes in one START I/O. */
#define EMU_CHAN_MAX_CCWS   100000u
#define EMU_CHAN_MAX_BYTES  (64u << 20)

typedef struct EmuConsScript EmuConsScript;   /* emu_dev_cons.c */

struct EmuChan {
    EmuS360 *s;
    EmuDev *dev[EMU_CHAN_MAXDEV];
    unsigned ndev;
    uint8_t *buf;               /* EMU_DEV_BUF_MAX: a record on its way */
    EmuConsScript *script;      /* --console-script, or NULL */
    int script_done;            /* the script's `stop` was reached: the run ends */
    int input_ended;            /* a console read no input can complete: the run ends */
    char stop_msg[200];         /* why the channels ended the run ("" none) */
};

/* Attach a device from a configuration line ("00C 2540R deck.txt ascii").
   `where` and `lineno` name the line for messages (file:line:col: error:
   text, then the line and a caret, on stderr). Blank and comment lines
   are accepted and ignored. 0, or -1. */
int emu_chan_attach_line(EmuS360 *s, const char *line, const char *where, unsigned lineno);
/* Attach a device of type t at addr (12 bits) with its file and options.
   0, or -1 with a message in err. */
int emu_chan_attach(EmuS360 *s, unsigned addr, const EmuDevType *t, const char *file,
                    int nopt, char *const *opt, char *err, size_t errsize);
/* Every line of a machine.conf file. 0, or -1 (after the first error). */
int emu_chan_load_conf(EmuS360 *s, const char *path);
/* Detach the device at addr (its files closed). 0, or -1 when none. */
int emu_chan_detach(EmuS360 *s, unsigned addr);
/* The device at addr (12 bits: channel and unit), or NULL. */
EmuDev *emu_chan_device(const EmuS360 *s, unsigned addr);
/* One line a device: address, type, file, state. */
void emu_chan_list(const EmuS360 *s, FILE *out);
/* IPL from the device at addr (A22-6821, "Initial Program Loading"): a
   system reset of the channels, the IPL read (command 02, command chaining
   and SLI, 24 bytes at location 0) and the chain from location 8, the I/O
   address in bits 21-31 of the word at 0, then the PSW from location 0.
   0, or -1 with a message in err. */
int emu_chan_ipl(EmuS360 *s, unsigned addr, char *err, size_t errsize);
/* The console's request key: attention at the first console (or the device
   at addr when addr is not ~0u). 0, or -1 when there is no such console. */
int emu_chan_request_key(EmuS360 *s, unsigned addr);
/* The monitor's `send TEXT`: a line typed when the guest next reads the
   console (as a script line). `expect`: 1 when the guest has typed TEXT
   since the last match (consumed), 0 not yet, -1 no console. */
int emu_chan_console_send(EmuS360 *s, const char *text);
int emu_chan_console_seen(EmuS360 *s, const char *text);
/* Console input from a script file (see emu_dev_cons.c). 0, or -1. */
int emu_chan_console_script(EmuS360 *s, const char *path);
/* System reset of the channels: operations ended, conditions cleared. */
void emu_chan_reset(EmuS360 *s);

/* The I/O instructions, as the description's helpers answer them (for the
   monitor and tests): the condition code; addr is the effective address
   (channel in bits 21-23, unit in 24-31). */
unsigned emu_chan_sio(EmuS360 *s, uint32_t addr);
unsigned emu_chan_tio(EmuS360 *s, uint32_t addr);
unsigned emu_chan_hio(EmuS360 *s, uint32_t addr);
unsigned emu_chan_tch(EmuS360 *s, uint32_t addr);
/* Take a pending I/O interruption on a channel `mask` enables (the system
   mask byte): CSW stored at 64; 0x10000 | I/O address, or 0. */
uint32_t emu_chan_take(EmuS360 *s, unsigned mask);

/* emu_dev_cons.c: the console's side of emu_chan_idle (press the request
   key for script or terminal input that is ready: 1 pressed, 0 not yet,
   -1 nothing can come), and freeing the script. */
int emu_cons_idle(EmuChan *c, uint64_t timeout_ns);
void emu_cons_script_free(EmuConsScript *sc);

/* emu_devconf.c: parse a configuration line into words (at most max;
   col[] gets each word's column, 1-based). Returns the number of words,
   0 for a blank or comment line, -1 for too many words. */
int emu_devconf_split(char *line, char **word, unsigned *col, int max);

#endif
