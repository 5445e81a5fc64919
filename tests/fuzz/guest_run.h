/* guest_run.h — one guest program of arbitrary bytes on the System/360 and
 * on the IBM 1401, as `mcemu run` would run it (emulator/emu_run.c's board
 * path: the board's setup, devices, emu_exec with the board's events), for
 * the fuzz targets tests/fuzz/fuzz_guest360.c and fuzz_guest1401.c and the
 * deterministic check tests/unit/test_guest_random.c.
 *
 * The project rule (DEVELOPERS.md): any byte sequence a guest executes must
 * never crash or hang the host; it gets the architected interruption or a
 * stop with a reason. So each run must end with one of the stops a board
 * explains — the instruction limit, a machine stop the description declares
 * (disabled or enabled wait, the 1401's process checks), a host helper's
 * stop with a known code, the console's end of input, or the stop of a
 * runaway instruction — and never with a micro-engine error or a sanitizer
 * report.
 *
 * System/360 (A22-6821): byte 0 of the input chooses the storage size
 * (8K, 16K, 64K), the timer (icount:N or off) and whether the program is
 * IPLed from the card reader; the rest fills storage from location 0,
 * repeated to its end, low core included, so the PSW at 0 (as after IPL),
 * the new PSWs, the CAW and the CCWs are all the input's. Devices are
 * attached as machine.conf lines with temporary files: 00C 2540R reading
 * the input as a raw EBCDIC deck, 00D 2540P, 00E 1403, 01F 1052 with a
 * console script, 180 2400 with the input as a tape image (or an empty
 * reel), 181 2400 read-only.
 *
 * IBM 1401 (A24-1403): byte 0 chooses the storage size and the starting
 * I-address; the rest fills storage (7-bit cells: six bits of character
 * and the word mark) repeated to its end; the reader holds the input as
 * card lines, the punch and printer go to temporary files.
 */
#ifndef GUEST_RUN_H
#define GUEST_RUN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emulator/emu_chan.h"
#include "emulator/emu_lockstep.h"
#include "emulator/emu_run.h"
#include "emulator/emu_s360.h"
#include "isa/isa.h"
#include "microcode/uc_engine.h"
#include "microcode/uc_tier1.h"

/* A folder of the run's host files (made once per process, removed with
   the files in it at exit). */
static char guest_dir_name[64];

static inline void guest_dir_remove(void)
{
    static const char *const names[] = {
        "deck.bin", "punch.bin", "print.txt", "console.txt", "tape.img", "tape2.img",
        "deck1401.txt", "punch1401.txt", "print1401.txt", "deck_punch.txt",
        "deck_print.txt", "deck.1401", "deck.obj",
    };
    char p[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", guest_dir_name, names[i]);
        unlink(p);
    }
    rmdir(guest_dir_name);
}

static inline const char *guest_dir(void)
{
    if (guest_dir_name[0] == '\0') {
        snprintf(guest_dir_name, sizeof guest_dir_name, "/tmp/mcemu_guest_XXXXXX");
        if (mkdtemp(guest_dir_name) == NULL)
            abort();
        atexit(guest_dir_remove);
    }
    return guest_dir_name;
}

static inline void guest_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", guest_dir(), name);
}

static inline int guest_put_file(const char *path, const uint8_t *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    if (n)
        fwrite(b, 1, n, f);
    return fclose(f);
}

/* The stops a board explains. 0 when `stop` is one, else -1 with why. */
static inline int guest_clean_stop(const EmuRun *r, UcStop stop, char *why, size_t size)
{
    switch (stop) {
    case UC_STOP_INSN_LIMIT:
        return 0;
    case UC_STOP_UOP_LIMIT:
        /* emu_exec sets no micro-instruction budget: a runaway instruction
           (UC_RUNAWAY_UOPS), one that would run for hours or for ever on
           the machine itself (a 1401 divide whose quotient digit never
           overdraws), stopped with its reason */
        return 0;
    case UC_STOP_MACHINE:
        if (r->cpu->stop_code < r->m->nstops)
            return 0;
        snprintf(why, size, "machine stop with an undeclared code %llu",
                 (unsigned long long)r->cpu->stop_code);
        return -1;
    case UC_STOP_HELPER:
        if (r->cpu->stop_code >= 1 && r->cpu->stop_code <= 4)
            return 0;
        snprintf(why, size, "helper stop with an unknown code %llu", (unsigned long long)r->cpu->stop_code);
        return -1;
    case UC_STOP_ATTENTION:
        /* the console's end of input or the script's stop */
        if (r->board == &emu_board_s360 && ((EmuS360 *)r->board_ctx)->chan &&
            (((EmuS360 *)r->board_ctx)->chan->input_ended || ((EmuS360 *)r->board_ctx)->chan->script_done))
            return 0;
        snprintf(why, size, "attention with no console input ended");
        return -1;
    default:
        snprintf(why, size, "%s: %s", uc_stop_name(stop), r->cpu->stop_text);
        return -1;
    }
}

static inline void guest_fill(UcCpu *cpu, uint64_t units, const uint8_t *d, size_t n, uint8_t mask)
{
    if (n == 0)
        return;
    uint8_t *img = malloc((size_t)units);
    if (img == NULL)
        return;
    for (uint64_t a = 0; a < units; a++)
        img[a] = d[a % n] & mask;
    uc_mem_write(cpu, 0, 0, img, units);
    free(img);
}

static inline void guest_close(EmuRun *r)
{
    if (r->reader_fp)
        fclose(r->reader_fp);
    if (r->punch_fp)
        fclose(r->punch_fp);
    if (r->printer_fp)
        fclose(r->printer_fp);
    if (r->board && r->board->close)
        r->board->close(r);
    if (r->cpu)
        uc_cpu_free(r->cpu);
    r->reader_fp = r->punch_fp = r->printer_fp = NULL;
    r->cpu = NULL;
}

/* Tests that prove tier 1 equal to the microcode on any bytes set
   guest_lockstep: each run is then `mcemu run --lockstep`'s
   (emu_lockstep_run: the micro-interpreter, every instruction fetched by
   the micro-code, against tier 1, compared after every instruction), and a
   difference is a dirty stop whose `why` is the start of the report. */
static int guest_lockstep;

/* guest_tier 1: runs (not in lockstep) on tier 1 where the build has it. */
static int guest_tier;

static inline UcStop guest_exec(EmuRun *r, uint64_t limit, char *why, size_t whysize, int *differs)
{
    *differs = 0;
    if (!guest_lockstep) {
        uc_tier1_enable(r->cpu, guest_tier);
        return emu_exec(r, limit);
    }
    char *rep = NULL;
    size_t nrep = 0;
    FILE *f = open_memstream(&rep, &nrep);
    if (f == NULL)
        abort();
    UcStop stop = emu_lockstep_run(r, limit, differs, 1, f);
    fclose(f);
    if (*differs)
        snprintf(why, whysize, "tier 1 differs from the microcode: %s", rep ? rep : "");
    free(rep);
    return stop;
}

/* Tests that look at the storage after a run set guest_keep_cpu: the run
   is kept in guest_kept until guest_free_kept. */
static int guest_keep_cpu;
static EmuRun guest_kept;

static inline void guest_free_kept(void)
{
    guest_close(&guest_kept);
}

/* Run the input on the S/360 machine m for at most `limit` instructions.
   0 for a clean stop (*stop_out set), -1 with why for a dirty one, 1 when
   the run could not be set up (not the guest's doing: a device refused its
   file, which the fuzz target then skips). */
static inline int guest_s360_run(const UcMachine *m, const uint8_t *data, size_t size, uint64_t limit,
                          UcStop *stop_out, char *why, size_t whysize)
{
    static const uint64_t sizes[4] = { 8192, 16384, 65536, 16384 };
    uint8_t flags = size ? data[0] : 0;
    const uint8_t *d = size ? data + 1 : data;
    size_t n = size ? size - 1 : 0;
    char deck[256], punch[256], print[256], script[256], tape[256], tape2[256];
    guest_path(deck, sizeof deck, "deck.bin");
    guest_path(punch, sizeof punch, "punch.bin");
    guest_path(print, sizeof print, "print.txt");
    guest_path(script, sizeof script, "console.txt");
    guest_path(tape, sizeof tape, "tape.img");
    guest_path(tape2, sizeof tape2, "tape2.img");
    /* the deck: the input in 80-byte cards, the last padded */
    size_t ncards = (n + 79) / 80;
    uint8_t *cards = calloc(ncards ? ncards : 1, 80);
    if (cards == NULL)
        return 1;
    memcpy(cards, d, n);
    guest_put_file(deck, cards, ncards * 80);
    free(cards);
    static const char script_text[] = "HELLO\nexpect READY\n\n# end\nlast line\n";
    guest_put_file(script, (const uint8_t *)script_text, sizeof script_text - 1);
    guest_put_file(tape, (flags & 0x40) ? d : NULL, (flags & 0x40) ? n : 0);
    guest_put_file(tape2, d, n);
    guest_put_file(print, NULL, 0);
    char lines[6][300];
    snprintf(lines[0], sizeof lines[0], "00C 2540R %s ebcdic", deck);
    snprintf(lines[1], sizeof lines[1], "00D 2540P %s ebcdic", punch);
    snprintf(lines[2], sizeof lines[2], "00E 1403 %s", print);
    snprintf(lines[3], sizeof lines[3], "01F 1052");
    snprintf(lines[4], sizeof lines[4], "180 2400 %s%s", tape, (flags & 0x40) ? "" : " aws");
    snprintf(lines[5], sizeof lines[5], "181 2400 %s ro", tape2);

    EmuRun r;
    memset(&r, 0, sizeof r);
    r.m = (UcMachine *)m;
    r.board = &emu_board_s360;
    r.storage = sizes[flags & 3];
    r.timer = (flags & 4) ? "off" : "icount:200";
    r.console_script = script;
    for (int i = 0; i < 6; i++)
        r.devs[r.ndevs++] = lines[i];
    if (flags & 0x20) {
        r.have_ipl = 1;
        r.ipl = 0x00C;
    }
    FILE *null = fopen("/dev/null", "w");
    r.out = null ? null : stdout;
    r.max_insns = limit;
    char err[200];
    int rc = 1;
    r.cpu = uc_cpu_new(m, r.storage, err, sizeof err);
    if (r.cpu == NULL)
        goto out;
    emu_assist_bind(&r);
    uc_cpu_reset(r.cpu);
    if (!(flags & 0x20)) {
        guest_fill(r.cpu, r.storage, d, n, 0xFF);
    }
    /* devices the guest's tape bytes make unmountable are left off: the
       run goes on with the others (the board reports the line on stderr) */
    if (r.board->setup(&r) != 0) {
        /* a tape image the mount refuses: try again with an empty reel */
        guest_close(&r);
        guest_put_file(tape, NULL, 0);
        guest_put_file(tape2, NULL, 0);
        r.cpu = uc_cpu_new(m, r.storage, err, sizeof err);
        if (r.cpu == NULL)
            goto out;
        emu_assist_bind(&r);
        uc_cpu_reset(r.cpu);
        if (!(flags & 0x20))
            guest_fill(r.cpu, r.storage, d, n, 0xFF);
        if (r.board->setup(&r) != 0)
            goto out;       /* e.g. IPL from a deck whose IPL read fails */
    }
    if (!(flags & 0x20)) {
        /* the PSW at location 0, as IPL would load it */
        uint64_t psw = 0;
        for (int i = 0; i < 8; i++)
            psw = psw << 8 | (uint64_t)uc_mem_get(r.cpu, 0, (uint64_t)i);
        int item = uc_machine_find_item(m, "PSW");
        if (item >= 0)
            uc_set_item(r.cpu, (unsigned)item, 0, psw);
        r.cpu->irq = 1;         /* the boundary sees the new PSW's masks and wait bit */
    }
    int differs;
    UcStop stop = guest_exec(&r, limit, why, whysize, &differs);
    if (stop_out)
        *stop_out = stop;
    rc = differs ? -1 : guest_clean_stop(&r, stop, why, whysize);
    if (guest_keep_cpu) {
        guest_kept = r;
        memset(&r, 0, sizeof r);
    }
out:
    guest_close(&r);
    if (null)
        fclose(null);
    return rc;
}

/* Run the input on the 1401 machine m for at most `limit` instructions
   (returns as guest_s360_run). */
static inline int guest_i1401_run(const UcMachine *m, const uint8_t *data, size_t size, uint64_t limit,
                           UcStop *stop_out, char *why, size_t whysize)
{
    static const uint64_t sizes[8] = { 1400, 2000, 4000, 8000, 12000, 16000, 4000, 16000 };
    uint8_t flags = size ? data[0] : 0;
    const uint8_t *d = size ? data + 1 : data;
    size_t n = size ? size - 1 : 0;
    char deck[256], punch[256], print[256];
    guest_path(deck, sizeof deck, "deck1401.txt");
    guest_path(punch, sizeof punch, "punch1401.txt");
    guest_path(print, sizeof print, "print1401.txt");
    guest_put_file(deck, d, n);
    EmuRun r;
    memset(&r, 0, sizeof r);
    r.m = (UcMachine *)m;
    r.board = &emu_board_i1401;
    r.storage = sizes[flags & 7];
    r.reader = deck;
    r.printer = print;
    if (flags & 8)
        r.punch = punch;
    FILE *null = fopen("/dev/null", "w");
    r.out = null ? null : stdout;
    r.max_insns = limit;
    char err[200];
    int rc = 1;
    r.cpu = uc_cpu_new(m, r.storage, err, sizeof err);
    if (r.cpu == NULL)
        goto out;
    r.reader_fp = fopen(deck, "r");
    r.printer_fp = fopen(print, "w");
    if (r.punch)
        r.punch_fp = fopen(punch, "w");
    if (r.reader_fp == NULL || r.printer_fp == NULL || (r.punch && r.punch_fp == NULL))
        goto out;
    uc_cpu_reset(r.cpu);
    guest_fill(r.cpu, r.storage, d, n, 0x7F);
    r.start = n >= 2 ? ((uint64_t)d[0] << 8 | d[1]) % r.storage : 1;
    if (flags & 0x10)
        r.start = 1;
    if (r.board->setup(&r) != 0)
        goto out;
    int differs;
    UcStop stop = guest_exec(&r, limit, why, whysize, &differs);
    if (stop_out)
        *stop_out = stop;
    rc = differs ? -1 : guest_clean_stop(&r, stop, why, whysize);
    if (guest_keep_cpu) {
        guest_kept = r;
        memset(&r, 0, sizeof r);
    }
out:
    guest_close(&r);
    if (null)
        fclose(null);
    return rc;
}

typedef int (*GuestRun)(const UcMachine *, const uint8_t *, size_t, uint64_t, UcStop *, char *, size_t);

/* The input run whole on tier 0 and on tier 1 (guest_tier), which must end
   alike: the same return and stop, and the same CPU (emu_cpu_differs:
   counts, micro-PC, state slots, storage, keys). Returns what the tier-0
   run returned (*stop its stop, why its reason), or -2 when the tiers
   differ, with the difference in why. */
static inline int guest_run_tiers(const UcMachine *m, const uint8_t *data, size_t size, uint64_t limit,
                                  GuestRun run, UcStop *stop, char *why, size_t whysize)
{
    char why1[300] = "", diff[300] = "";
    UcStop s1 = UC_STOP_NONE;
    *stop = UC_STOP_NONE;
    if (whysize)
        why[0] = '\0';
    guest_keep_cpu = 1;
    guest_tier = 0;
    int rc0 = run(m, data, size, limit, stop, why, whysize);
    EmuRun t0 = guest_kept;
    memset(&guest_kept, 0, sizeof guest_kept);
    guest_tier = 1;
    int rc1 = run(m, data, size, limit, &s1, why1, sizeof why1);
    guest_tier = 0;
    guest_keep_cpu = 0;
    int differs = rc0 != rc1 || *stop != s1 ||
                  (t0.cpu && guest_kept.cpu && emu_cpu_differs(t0.cpu, guest_kept.cpu, diff, sizeof diff));
    guest_close(&t0);
    guest_free_kept();
    if (differs) {
        char why0[300];
        snprintf(why0, sizeof why0, "%s", why[0] ? why : uc_stop_name(*stop));
        snprintf(why, whysize, "tier 1 ends unlike tier 0: %.100s (tier 0: %.70s; tier 1: %.70s)", diff, why0,
                 why1[0] ? why1 : uc_stop_name(s1));
        return -2;
    }
    return rc0;
}

#endif
