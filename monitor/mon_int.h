/* mon_int.h — the monitor's private state, shared by the files of monitor/.
 *
 * A Mon wraps one EmuRun (machine, CPU, board, program) and adds what the
 * console needs: breakpoints, the store-hook shadow of storage that makes
 * `back` and write watchpoints possible, the instruction history, the trace,
 * symbols and the script context used for error locations. Everything about
 * the instruction set comes from the UcMachine: register names, fields,
 * spaces, the decode rule and the debug line table.
 */
#ifndef MON_INT_H
#define MON_INT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include "emulator/emu_run.h"
#include "monitor/mon.h"

/* Breakpoint kinds, one row each: name shown by `breaks`. */
#define MON_BREAK_KINDS(X) \
    X(EXEC,  "exec")   /* instruction address in [lo, hi] */ \
    X(OP,    "op")     /* instruction (UcInsn index) or decode key */ \
    X(WRITE, "write")  /* storage units [lo, hi] of a space written */ \
    X(READ,  "read")   /* storage units [lo, hi] of a space read */ \
    X(REG,   "reg")    /* a register, element or field changed */ \
    X(UADDR, "uaddr")  /* micro-address in [lo, hi] */ \
    X(INTR,  "intr")   /* an interruption taken (of class `intr`, or any) */

typedef enum {
#define X(n, s) MON_BK_##n,
    MON_BREAK_KINDS(X)
#undef X
    MON_BK_NKINDS
} MonBreakKind;

/* A register reference: an element of an item, a named field, or a
   micro-register. */
typedef enum { MON_REG_ITEM, MON_REG_FIELD, MON_REG_UREG } MonRegKind;
typedef struct MonReg {
    int kind;
    int item;                /* MON_REG_ITEM */
    uint32_t index;          /* architectural number (ITEM), micro-register (UREG) */
    int field;               /* MON_REG_FIELD */
    unsigned width;          /* bits */
} MonReg;

typedef struct MonBreak {
    int id;
    int kind;                /* MonBreakKind */
    int enabled;
    int temporary;           /* deleted when hit */
    unsigned space;
    uint64_t lo, hi;
    int insn;                /* OP: UcInsn index, or -1 to match the key `lo` */
    MonReg reg;              /* REG */
    uint64_t last;           /* REG: value when last seen */
    uint64_t count;          /* stop from the count-th hit on (0, 1: every hit) */
    uint64_t hits;
    char *cond;              /* condition text, or NULL */
    char *where;             /* as written, for the listing */
    int ufile;               /* UADDR by description line: file index, or -1 */
    uint32_t uline;
    char intr[16];           /* INTR: the class (EXT, IO ...: X of X_OLD), "" any */
    int pending;             /* WRITE/READ: touched during this instruction */
    unsigned paddr_space;
    uint64_t paddr;
} MonBreak;

typedef struct MonUndoMem { uint16_t space; uint64_t addr; uint64_t old; } MonUndoMem;

/* The board's state that instructions and events change outside the
   architected state (mon_board.c): the engine's request flag and, on the
   S/360 board, the requests held and the interval timer's schedule. */
typedef struct MonBoardSnap {
    int valid, irq, s360;
    unsigned enabled, ext;
    int wait, mck;
    uint64_t waited, next_tick;
} MonBoardSnap;
typedef struct MonUndoSlot { uint32_t slot; uint64_t old; } MonUndoSlot;

/* The effects of one instruction, for `back`; or (event) of what happened
   at a boundary between two: timer steps, interruptions taken. */
typedef struct MonUndo {
    uint64_t ia, icount, ucount;
    int event;
    MonBoardSnap board;      /* before it */
    uint32_t nslots, nmem, capmem;
    MonUndoSlot *slots;
    MonUndoMem *mem;
} MonUndo;

typedef struct MonHist { uint64_t ia, icount; } MonHist;

struct Mon {
    EmuRun run;              /* m, cpu, board (board may be NULL) */
    int own_run;             /* close the run when freed */
    const char *machine;     /* as given with -m, or NULL */
    FILE *out, *err;
    int headless, echo;
    unsigned radix;          /* of addresses and bare numbers: 16, 10 or 8 (the
                                description's RADIX constant, or set radix) */
    int radix_set;           /* by set radix: kept when a program is loaded */
    int nerrors;             /* errors so far (exit status) */
    int failed;              /* an assert failed */
    int quit, quit_status;

    /* where the current command comes from, for file:line:col */
    const char *src_name;    /* NULL: interactive */
    unsigned src_line;
    const char *line;        /* the current command line */
    const char *shown_line;  /* when `line` is a copy of part of it: the */
    int shift;               /* whole line, and where the copy starts in it */
    int depth;               /* `do` nesting */
    char *args[10];          /* %0..%9 of the innermost `do` */

    /* names found by convention in the machine */
    int ia_field, ia_item, cc_field;

    /* the last repeatable command and where examine/dis go on */
    char last[512];
    uint64_t next_exam, next_dis;
    uint32_t next_ulist;
    unsigned exam_space;
    char exam_fmt;
    unsigned exam_group;
    int at_boundary;         /* between instructions (not inside one after ustep) */
    int machine_stopped;     /* the last run ended in a machine or helper stop */
    const char *expect_text; /* `expect`: the run stops when the console has typed it */
    uint64_t insn_ia;        /* address of the instruction begun at the last boundary */

    /* breakpoints */
    MonBreak *bk;
    unsigned nbk, capbk;
    int next_id;
    int nread_watch, nubreak, nwrite_watch, nreg_watch, nexec;   /* enabled, by kind */
    int nintr;
    int depositing;          /* the monitor itself stores: no watch, no record */

    /* storage shadow (space i: size * unit_bytes bytes) for undo records */
    uint8_t **shadow;
    uint64_t *shadow_size;

    /* `back`: ring of the last back_cap instructions */
    MonUndo *ring;
    unsigned ring_cap, ring_head, ring_n;
    MonUndo *cur;            /* being recorded, or NULL */
    MonUndo scratch;         /* records the instruction when the ring is off */
    uint64_t *before;        /* state slots before the instruction */

    /* history of executed instruction addresses */
    MonHist *hist;
    unsigned hist_cap, hist_head, hist_n;

    /* trace */
    int trace;
    FILE *trace_fp;          /* NULL: out */

    /* where the last micro-breakpoint stopped (not hit again on resuming) */
    uint32_t ub_upc;
    uint64_t ub_ucount;
    int ub_valid;
    uint32_t prev_upc;       /* the micro-word executed last, UINT32_MAX none */

    /* run limit of one go/continue/until/next */
    uint64_t limit;
    volatile int interrupted;

    /* machine control (mon_board.c) */
    char timer_opt[32];      /* set timer: kept for reset and load (EmuRun.timer) */
    int tier;                /* asked for by set tier (1: where the machine has it) */
};

/* ---- the command handlers (mon_commands.h), in the files below ---- */
#define MON_CMD(name, alias, repeat, usage, help) int mon_cmd_##name(Mon *mon, const char *args);
#include "monitor/mon_commands.h"
#undef MON_CMD

/* ---- mon_cmd.c: the command table and the line interpreter ---- */
int mon_exec_line(Mon *mon, const char *line, int interactive);
int mon_do_file(Mon *mon, const char *path, int argc, char **argv);
/* Load the machine and program (PROGRAM may be NULL) as `mcemu run` does. */
int mon_open(Mon *mon, const char *program);
const char *mon_command_name(unsigned i);      /* NULL past the end */
/* Errors: "file:line:col: error: text" (script) or "error: text". `at`
   points into mon->line (or is NULL). Returns -1. */
int mon_error(Mon *mon, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void mon_flush_guest(Mon *mon);

/* ---- mon_parse.c: words, numbers, names, expressions ---- */
const char *mon_skip(const char *p);
int mon_at_end(const char *p);
/* A word (letters, digits, _ . $ @ # [ ] ' and what a quote holds) into buf. */
const char *mon_word(const char *p, char *buf, size_t size);
int mon_keyword(const char **p, const char *kw);   /* consume kw (case-insensitive) */
int mon_find_reg(Mon *mon, const char *name, MonReg *r);
/* A register reference at *p (NAME or FILE[N]): 1 found (p moved), 0 not a
   register (p kept), -1 error reported. */
int mon_parse_reg(Mon *mon, const char **p, MonReg *r);
uint64_t mon_reg_get(Mon *mon, const MonReg *r);
void mon_reg_set(Mon *mon, const MonReg *r, uint64_t v);
void mon_reg_name(Mon *mon, const MonReg *r, char *buf, size_t size);
int mon_expr(Mon *mon, const char **p, uint64_t *v);
int mon_count(Mon *mon, const char **p, uint64_t *v);   /* decimal by default */
/* An optional count, then the end of the line. */
int mon_opt_count(Mon *mon, const char **p, uint64_t *n, uint64_t dflt);
int mon_cond(Mon *mon, const char **p, int *truth);
int mon_cond_text(Mon *mon, const char *text, int *truth);
/* ADDR, ADDR-END, ADDR LEN (decimal units); optional SPACE: prefix or
   SPACE[...] form. *have_len 0 when only an address was given. */
int mon_range(Mon *mon, const char **p, unsigned *space, uint64_t *lo, uint64_t *n, int *have_len);
/* Storage constants: X'..' C'..' A'..' F'..' H'..' or bare hex. */
int mon_data(Mon *mon, const char **p, unsigned space, uint64_t *units, size_t max, size_t *n);
int mon_symbol_value(Mon *mon, const char *name, uint64_t *v);
/* "LABEL+4" for an address, or "" */
void mon_symbolize(Mon *mon, uint64_t addr, char *buf, size_t size);

/* ---- mon_show.c: registers, storage, instructions ---- */
uint64_t mon_ia(Mon *mon);
int mon_set_ia(Mon *mon, uint64_t addr);
unsigned mon_addr_digits(Mon *mon);
const char *mon_addr(Mon *mon, uint64_t addr);   /* in the radix, zero-filled */
/* Length in units of the instruction at addr from the decode rule, 0 unknown;
   *insn gets its UcInsn index (or -1), *key the decode key. */
unsigned mon_insn_at(Mon *mon, uint64_t addr, int *insn, uint64_t *key);
/* "ADDR SYM+n  HEX  TEXT"; returns the length in units (at least 1). */
unsigned mon_insn_line(Mon *mon, uint64_t addr, char *buf, size_t size);
void mon_summary(Mon *mon);
/* The bit of a storage unit that is a word mark, -1 none: the one-bit
   subfield that delimits instructions in the description's decode rule
   (the 1401's WM). Shown as a backtick before the character it marks. */
int mon_mark_bit(Mon *mon, unsigned space);
#define MON_MARK_CHAR '`'
/* 1 when the space is shown as characters with word marks (a word mark and
   a character code in the description) */
int mon_char_machine(Mon *mon, unsigned space);
/* n units from addr as characters, a backtick before each with a word mark;
   quote doubles apostrophes */
void mon_cell_text(Mon *mon, unsigned space, uint64_t addr, uint64_t n, int quote, char *buf, size_t size);
/* A unit's value as C'x' on a character machine, else hex */
void mon_unit_value(Mon *mon, unsigned space, uint64_t v, char *buf, size_t size);
void mon_show_item(Mon *mon, unsigned item);
void mon_changed_regs(Mon *mon, const uint64_t *before, FILE *out);
/* Set the storage key of the block holding addr (key and fetch-protection bit). */
int mon_set_key(Mon *mon, const char *at, unsigned space, uint64_t addr, uint64_t value);

/* ---- mon_exec.c: running, history, trace ---- */
typedef enum { MON_RUN_STEP, MON_RUN_GO, MON_RUN_UNTIL, MON_RUN_NEXT, MON_RUN_USTEP } MonRunMode;
int mon_run(Mon *mon, MonRunMode mode, uint64_t count, uint64_t target);
/* mon_devices.c: whether the console typed TEXT (1 yes, consumed; 0 no; -1 no console). */
int mon_console_seen(Mon *mon, const char *text);
void mon_hist_resize(Mon *mon, unsigned cap);
void mon_show_history(Mon *mon, uint64_t n);
void mon_show_uword(Mon *mon, uint32_t upc, FILE *out);

/* ---- mon_undo.c: storage shadow, store hook, the record for back ---- */
int mon_hook_install(Mon *mon);        /* store hook, shadow; after (re)open */
void mon_hook_remove(Mon *mon);
void mon_ring_clear(Mon *mon);
void mon_ring_resize(Mon *mon, unsigned cap);
MonUndo *mon_undo_begin(Mon *mon, uint64_t ia);   /* record the next instruction */
void mon_undo_end(Mon *mon, MonUndo *u);
int mon_back(Mon *mon, uint64_t n);
int mon_whowrote(Mon *mon, unsigned space, uint64_t addr);

/* ---- mon_break.c: the breakpoint table ---- */
void mon_break_recount(Mon *mon);
void mon_break_free_all(Mon *mon);
void mon_break_delete_at(Mon *mon, unsigned i);
const char *mon_break_kind_name(int kind);

/* ---- mon_board.c: the board's events, interruptions, machine control ---- */
void mon_board_snap(Mon *mon, MonBoardSnap *b);
void mon_board_restore(Mon *mon, const MonBoardSnap *b);
int mon_board_same(const MonBoardSnap *a, const MonBoardSnap *b);
/* Instructions that may run before the board's next event (UINT64_MAX none). */
uint64_t mon_board_until(Mon *mon);
/* The events due now (timer steps). */
void mon_board_advance(Mon *mon);
/* Whether a stop is a wait the board ends (an enabled wait). */
int mon_board_is_wait(Mon *mon, UcStop st);
/* Wait for the event that ends it: 1 an interruption is pending; 0 nothing
   can end it, -2 interrupted (reason set for both). */
int mon_board_wait(Mon *mon, char *reason, size_t size);
/* The interruptions taken in record u (an old PSW stored at a low-core
   X_OLD; strict: in an instruction, the PSW now X_NEW's): a line each on
   out ("*** X interruption code C: old PSW ..., new PSW ..."), the first
   in desc, the classes X in names. Returns how many. */
int mon_board_interruption(Mon *mon, const MonUndo *u, int strict, FILE *out, char *desc, size_t dsize,
                           char *names, size_t nsize);
int mon_board_set_timer(Mon *mon, const char *at, const char *word);
int mon_board_show_timer(Mon *mon, const char *at);
int mon_board_show_interrupts(Mon *mon, const char *at);
int mon_board_set_tier(Mon *mon, const char *at, uint64_t tier);
void mon_board_show_tier(Mon *mon);
void mon_board_attached(Mon *mon);
uint64_t mon_board_uop_bound(Mon *mon, uint64_t bound);

/* ---- mon_state.c: save and restore the machine state ---- */
int mon_state_save(Mon *mon, const char *path);
int mon_state_restore(Mon *mon, const char *path);

#endif
