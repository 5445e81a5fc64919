/* emu_dev.h — the System/360 I/O device interface: what a device
 * implementation (card reader, printer, console, tape ...) gives the
 * channels (emulator/emu_chan.c), and the status and sense bits it answers
 * with. Principles of Operation A22-6821, "Input/Output Operations":
 * "Commands", "Unit Status Conditions"; the sense bytes are the devices'
 * own (component descriptions).
 *
 * The model: a device executes one command at a time, as a whole record.
 * The channel runs the CCWs; for one command (and all the CCWs data-chained
 * to it) it calls the device's `command` once:
 *   - write-type commands (command bits 6-7 = 01) and control (11): the
 *     channel has fetched the data of the CCW(s) from storage into buf
 *     (*len bytes, the total count, at most EMU_DEV_BUF_MAX; 0 for control
 *     commands unless the device type sets EMU_DEVT_CONTROL_DATA);
 *   - read (10), read backward (xxxx1100) and sense (xxxx0100): the device
 *     puts its record into buf (at most EMU_DEV_BUF_MAX bytes, in forward
 *     order also for read backward: the channel stores it last byte first)
 *     and sets *len to its length.
 * In both cases the device sets *len on return to the length of its record,
 * the bytes it takes or gives in this operation; the channel compares it
 * with the count (incorrect length) and stores the residual count. A write
 * device that takes fewer bytes than given sets *len lower; one that would
 * take more (a punch given 40 bytes) uses what it got and sets *len to the
 * full record length (80).
 *
 * `command` returns the unit status (EMU_US_*):
 *   - EMU_US_CE | EMU_US_DE: done (plus EMU_US_UC with sense set, EMU_US_UE
 *     at end of file / tape mark, ...);
 *   - a status without EMU_US_CE: the command was not started (initial
 *     status: EMU_US_UC for command reject or intervention required with
 *     the sense bytes set; EMU_US_BUSY); no data are transferred;
 *   - EMU_US_CE alone: channel end now, device end later — the device then
 *     presents it with emu_dev_post(d, EMU_US_DE) (and is busy until then);
 *   - EMU_DEV_WAIT: the device cannot complete yet (console input not typed
 *     yet): the channel keeps the operation in progress and, while the CPU
 *     waits, calls `poll`; when poll returns 1 the channel calls `command`
 *     again with the same arguments, which must then complete.
 * SENSE (04) comes to `command` like any read; a device that keeps its sense
 * bytes in d->sense can answer it with emu_dev_sense(d, buf, len).
 */
#ifndef EMU_DEV_H
#define EMU_DEV_H

#include <stddef.h>
#include <stdint.h>

/* Unit status (CSW bits 32-39). */
#define EMU_US_ATTN   0x80u     /* attention */
#define EMU_US_SM     0x40u     /* status modifier */
#define EMU_US_CUE    0x20u     /* control unit end */
#define EMU_US_BUSY   0x10u     /* busy */
#define EMU_US_CE     0x08u     /* channel end */
#define EMU_US_DE     0x04u     /* device end */
#define EMU_US_UC     0x02u     /* unit check */
#define EMU_US_UE     0x01u     /* unit exception */

/* Channel status (CSW bits 40-47). */
#define EMU_CHS_PCI   0x80u     /* program-controlled interruption */
#define EMU_CHS_IL    0x40u     /* incorrect length */
#define EMU_CHS_PGM   0x20u     /* program check */
#define EMU_CHS_PROT  0x10u     /* protection check */
#define EMU_CHS_CDC   0x08u     /* channel data check */
#define EMU_CHS_CCC   0x04u     /* channel control check */
#define EMU_CHS_ICC   0x02u     /* interface control check */
#define EMU_CHS_CHAIN 0x01u     /* chaining check */

/* Sense byte 0, common to the devices. */
#define EMU_SENSE_CMDREJ  0x80u /* command reject */
#define EMU_SENSE_INTREQ  0x40u /* intervention required */
#define EMU_SENSE_BUSOUT  0x20u /* bus-out check */
#define EMU_SENSE_EQUIP   0x10u /* equipment check */
#define EMU_SENSE_DATA    0x08u /* data check */
#define EMU_SENSE_OVERRUN 0x04u /* overrun */

/* `command` returns this (not a status) when it must wait for the host. */
#define EMU_DEV_WAIT      0x100u

/* The largest record a device gives or takes in one command. */
#define EMU_DEV_BUF_MAX   65536u

#define EMU_DEV_SENSE_MAX 32u

typedef struct EmuDev EmuDev;

/* Type flags. */
#define EMU_DEVT_FILE          0x1u  /* needs a host file */
#define EMU_DEVT_CONTROL_DATA  0x2u  /* control commands take data from storage */

typedef struct EmuDevType {
    const char *name;          /* as machine.conf names it: "2540R", "1403", "2400" */
    const char *what;          /* for listings: "card reader" */
    unsigned flags;            /* EMU_DEVT_* */
    /* Attach: file (NULL when the line has none) and the words after it
       (options such as "ascii", "ebcdic", "ro"). 0, or -1 with a message in
       err (without "file:line:", which the caller adds). d->addr, d->type,
       d->file and d->chan are set before; the device may set d->priv. */
    int (*open)(EmuDev *d, const char *file, int nopt, char *const *opt,
                char *err, size_t errsize);
    /* Detach: flush and close files, free d->priv. */
    void (*close)(EmuDev *d);
    /* Execute a command (see above). */
    unsigned (*command)(EmuDev *d, uint8_t cmd, uint8_t *buf, size_t *len);
    /* Optional: after EMU_DEV_WAIT, wait at most timeout_ns (0: only look,
       UINT64_MAX: as long as it takes) for the host; 1 ready, 0 not yet,
       -1 never (end of input: the operation stays in progress until HALT
       I/O or a reset, and a CPU wait on it alone ends the run). */
    int (*poll)(EmuDev *d, uint64_t timeout_ns);
    /* Optional: system reset or HALT I/O of an operation in progress. */
    void (*reset)(EmuDev *d);
} EmuDevType;

struct EmuChan;

struct EmuDev {
    const EmuDevType *type;
    unsigned addr;             /* 12 bits: channel (8-11 of the I/O address) and unit */
    char *file;                /* the host file (owned by the channel), or NULL */
    void *priv;                /* the implementation's state */
    struct EmuChan *chan;      /* for emu_dev_post */
    uint8_t sense[EMU_DEV_SENSE_MAX];
    unsigned nsense;           /* sense bytes the device has (1..EMU_DEV_SENSE_MAX) */
    /* the channel's own bookkeeping (emu_chan.c) */
    unsigned busy;             /* device end still to come after channel end */
};

/* emu_chan.c: present an asynchronous status (device end after a rewind,
   attention from the console's request key) as an I/O interruption
   condition of d. */
void emu_dev_post(EmuDev *d, unsigned status);
/* Answer SENSE from d->sense: copies d->nsense bytes (1 if 0) into buf,
   sets *len, clears the sense bytes; returns EMU_US_CE | EMU_US_DE. */
unsigned emu_dev_sense(EmuDev *d, uint8_t *buf, size_t *len);
/* Set sense byte 0 to `bits` (others cleared) and return EMU_US_UC for a
   command not started (command reject, intervention required). */
unsigned emu_dev_reject(EmuDev *d, unsigned bits);

/* The device types (emu_devconf.c holds the table). */
extern const EmuDevType emu_devtype_2540r, emu_devtype_2540p, emu_devtype_1442,
    emu_devtype_1442p, emu_devtype_1403, emu_devtype_1443, emu_devtype_1052,
    emu_devtype_3215;
/* emu_dev_tape.c (the 2400 tape, another file): defines emu_devtype_2400;
   the table finds it when it is linked. */
extern const EmuDevType emu_devtype_2400;
/* The type named `name` (case-insensitive), or NULL. */
const EmuDevType *emu_devtype_find(const char *name);

#endif
