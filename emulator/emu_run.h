/* emu_run.h — `mcemu run`: load a program into a machine and run it.
 *
 * The machine-independent part (options, loading, limits, trace, summary)
 * is emu_run.c; what a family of machines needs around its CPU (entry
 * conventions, how a stop is explained, the completion dump) is an EmuBoard.
 */
#ifndef EMU_RUN_H
#define EMU_RUN_H

#include <stdint.h>
#include <stdio.h>
#include "assembler/asm.h"
#include "microcode/uc_engine.h"

typedef struct EmuRun EmuRun;

/* Outcome of a run, as the board explains a stop. */
typedef enum { EMU_END_NORMAL, EMU_END_LIMIT, EMU_END_FAIL } EmuEnd;

typedef struct EmuBoard {
    const char *name;
    /* Whether this board serves machine m (by its architected state). */
    int (*serves)(const UcMachine *m);
    /* Prepare the CPU before the first instruction (low core, entry
       registers, PSW); 0 or -1 with a message on stderr. */
    int (*setup)(EmuRun *r);
    /* Explain a stop: prints a one-line reason to `msg`, may print a dump on
       stdout, and returns how the run ended. */
    EmuEnd (*explain)(EmuRun *r, UcStop stop, char *msg, size_t size);
    /* The address of the next instruction (for the trace). */
    uint64_t (*ia)(EmuRun *r);
    /* Registers for the trace: print the ones that changed since `before`. */
    void (*trace_regs)(EmuRun *r, const uint64_t *before, FILE *out);
    /* Optional: load a program that is not assembler source when no --load
       is given (the 1401's card decks); 0 or -1 with a message on stderr. */
    int (*load)(EmuRun *r);
    /* Optional, for machines with events between instructions (S/360: the
       interval timer, the channels): how many instructions may run before
       the next one; what is due after a slice; whether a stop is the
       board's to end (a wait that an interruption ends: 1, run on); and
       freeing the board's state (board_ctx). */
    uint64_t (*until_event)(EmuRun *r);
    void (*advance)(EmuRun *r);
    int (*resume)(EmuRun *r, UcStop stop);
    void (*close)(EmuRun *r);
} EmuBoard;

struct EmuRun {
    UcMachine *m;
    UcCpu *cpu;
    const EmuBoard *board;
    const char *program;
    int is_source;             /* assembled now (ASSIST conventions) */
    AsmImage *img;
    uint64_t load, start;      /* image placement and entry */
    int have_start;
    int have_load;             /* --load given */
    int require_load;          /* an image needs --load unless the board loads it */
    const char *printer;       /* --printer FILE (NULL: the printer writes to `out`) */
    FILE *printer_fp;
    const char *reader, *punch;
    FILE *reader_fp, *punch_fp;
    int printer_col;           /* for carriage control: 0 nothing printed yet */
    uint64_t max_insns;
    int trace;
    uint64_t storage;          /* units, 0 = the machine's default */
    int charset;               /* emu_charset.h code */
    FILE *out;                 /* where the guest prints (stdout) */
    const char *timer;         /* --timer (the board reads it), NULL default */
    /* S/360 channels (emu_chan.h): -c machine.conf, --dev SPEC..., --ipl ADDR,
       --console-script FILE */
    const char *conf;
    const char *devs[64];
    int ndevs;
    int have_ipl;
    unsigned ipl;
    const char *console_script;
    void *board_ctx;           /* the board's own state */
};

int emu_run_main(int argc, char **argv);

/* Run up to max_insns instructions (0: no limit) with the board's events
   between slices: timer steps, device completions, waits ended by an
   interruption. Returns the stop, as uc_run does. */
UcStop emu_exec(EmuRun *r, uint64_t max_insns);

/* Set up a run from the fields the caller filled in (program, is_source,
   load, start/have_start, reader, punch, storage, out): load the machine
   (NULL = assist for source, s360 otherwise), find its board, create the
   CPU, open the devices, load the program (if any), bind the host helpers,
   reset, and let the board prepare the entry. Messages go to stderr.
   Returns 0, -1, or -2 for a usage error (an image without --load).
   The monitor uses the same path as `mcemu run`. */
int emu_run_open(EmuRun *r, const char *machine);
void emu_run_close(EmuRun *r);
/* Whether a file name is assembler source (.asm .s .mlc). */
int emu_is_source_name(const char *p);

/* The boards (emu_s360.c ...). */
extern const EmuBoard emu_board_s360;
extern const EmuBoard emu_board_i1401;

/* ASSIST host services, bound to the machine's declared helpers when it has
   them (emu_assist.c). */
void emu_assist_bind(EmuRun *r);
void emu_assist_finish(EmuRun *r);

#endif
