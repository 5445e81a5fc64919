/* emu_s360.h — the System/360 board's own state: the interruption requests
 * the host holds (machine check, external causes, the interval timer) and
 * the channels. The description decides which request is taken and when
 * (s360.isa, `boundary`); this side raises them and answers its helpers.
 * Principles of Operation A22-6821: "Interruptions", "Interval Timer",
 * "Input/Output Operations".
 */
#ifndef EMU_S360_H
#define EMU_S360_H

#include <stdint.h>
#include "emulator/emu_run.h"

/* Request classes, as the description's irq_enable mask numbers them. */
#define EMU_IRQ_MCK      0x100u      /* machine check (PSW bit 13) */
#define EMU_IRQ_CHAN(c)  ((c) < 6 ? 0x80u >> (c) : 0x02u)   /* I/O on channel c */
#define EMU_IRQ_EXT      0x01u       /* external (PSW bit 7) */

/* External interruption causes: interruption-code bits 24-31. */
#define EMU_EXT_TIMER    0x80u
#define EMU_EXT_KEY      0x40u       /* the console's interrupt key */

/* Interval timer modes. */
typedef enum { EMU_TIMER_ICOUNT, EMU_TIMER_HOST, EMU_TIMER_OFF } EmuTimerMode;

typedef struct EmuChan EmuChan;     /* emu_chan.c */

typedef struct EmuS360 {
    UcCpu *cpu;                 /* (not the EmuRun, which the monitor may move) */
    unsigned enabled;           /* request classes the PSW enables (irq_enable) */
    int wait;                   /* the PSW's wait bit, as irq_enable last saw it */
    unsigned ext;               /* pending external causes */
    int mck;                    /* a machine-check request */
    /* the interval timer at location 80: bit 23 steps 300 times a second */
    EmuTimerMode timer_mode;
    uint64_t tick_insns;        /* icount mode: instructions per 1/300 s */
    uint64_t waited;            /* icount mode: instructions' worth of time spent
                                   waiting; virtual time = icount + waited */
    uint64_t next_tick;         /* virtual time of the next step */
    uint64_t host_next_ns;      /* host mode: monotonic time of the next step */
    /* waits ended by interruptions with no instruction between (emu_intr_idle) */
    uint64_t idle_icount;       /* icount at the last wait */
    unsigned idle_repeats;      /* waits in a row at that icount */
    EmuChan *chan;
} EmuS360;

/* The board's state of a run on an S/360-family machine (NULL otherwise). */
EmuS360 *emu_s360_of(EmuRun *r);

/* emu_intr.c: the host side of interruptions and the interval timer. */
int emu_intr_open(EmuS360 *s, const char *timer_opt);   /* 0, or -1 with a message */
/* A --timer value (NULL: the default); 0, or -1 with a message on stderr. */
int emu_timer_parse(const char *opt, EmuTimerMode *mode, uint64_t *tick_insns);
void emu_intr_bind(EmuS360 *s);
/* Set the engine's request flag when an enabled request is pending or the
   PSW waits (call after raising a request). */
void emu_intr_update(EmuS360 *s);
/* Raise an external cause (EMU_EXT_...) or a machine check. */
void emu_intr_external(EmuS360 *s, unsigned cause);
void emu_intr_machine_check(EmuS360 *s);
/* Instructions that may run before the timer's next step (UINT64_MAX: none). */
uint64_t emu_intr_until_event(EmuS360 *s);
/* After a slice of instructions: step the timer for the time that passed. */
void emu_intr_advance(EmuS360 *s);
/* The CPU waits: let time pass to the next event (timer step or device
   completion). Returns 1 when an enabled request is pending, 0 when
   nothing can ever end the wait. */
int emu_intr_idle(EmuS360 *s);

/* emu_chan.c: the channels and their devices. */
int emu_chan_open(EmuS360 *s);                 /* 0, or -1 with a message */
void emu_chan_bind(EmuS360 *s);                /* the I/O helpers: sio tio hio tch io_take */
void emu_chan_close(EmuS360 *s);
/* Request classes (EMU_IRQ_CHAN) of channels holding a pending I/O interruption. */
unsigned emu_chan_pending(const EmuS360 *s);
/* The CPU waits: complete device work that waits on the host (console
   input), waiting at most timeout_ns (0: only look; UINT64_MAX: as long as
   it takes). Returns 1 when an I/O interruption became pending, 0 when none
   did in the time, -1 when no device has work that could end a wait. */
int emu_chan_idle(EmuS360 *s, uint64_t timeout_ns);

#endif
