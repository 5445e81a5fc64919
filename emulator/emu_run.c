/* emu_run.c — `mcemu run`: load a program (assembler source, object decks
 * linked by assembler/asm_link.c, or a raw image at --load), run it on the
 * micro-engine, and report why it stopped.
 *
 * Standard output carries only what the guest prints (and, as ASSIST does, a
 * completion dump when it fails); the end-of-run summary goes to standard
 * error. Exit status 0 for a normal end, 1 when the program fails or hits a
 * limit, 2 for usage errors.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "emulator/emu_charset.h"
#include "emulator/emu_lockstep.h"
#include "emulator/emu_randprog.h"
#include "emulator/emu_machine.h"
#include "emulator/emu_run.h"
#include "emulator/emu_s360.h"
#include "emulator/emu_trace.h"
#include "microcode/uc_tier1.h"

#define DEFAULT_MAX_INSNS 1000000000ull

static const EmuBoard *const boards[] = { &emu_board_s360, &emu_board_i1401 };

static UcCpu *volatile running_cpu;

UcStop emu_exec(EmuRun *r, uint64_t max_insns)
{
    const EmuBoard *b = r->board;
    UcCpu *cpu = r->cpu;
    uint64_t left = max_insns ? max_insns : UINT64_MAX;
    for (;;) {
        uint64_t n = left;
        if (b->until_event) {
            uint64_t e = b->until_event(r);
            if (e < n)
                n = e;
        }
        uint64_t before = cpu->icount;
        UcStop s = uc_run(cpu, n == UINT64_MAX ? 0 : n, 0);
        if (left != UINT64_MAX)
            left -= cpu->icount - before < left ? cpu->icount - before : left;
        if (b->advance)
            b->advance(r);
        if (s == UC_STOP_INSN_LIMIT && left > 0)
            continue;
        if (s == UC_STOP_INSN_LIMIT)
            return s;
        if (b->resume && b->resume(r, s))
            continue;
        return s;
    }
}

static void on_sigint(int sig)
{
    (void)sig;
    if (running_cpu != NULL)
        running_cpu->attention = 1;
}

static void run_usage(FILE *out)
{
    fprintf(out,
        "usage: mcemu run [-m MACHINE] PROGRAM [options]\n"
        "       mcemu run --ipl ADDR -c machine.conf [options]\n"
        "  PROGRAM            assembler source (.asm, .s, .mlc: assembled, then run as\n"
        "                     ASSIST runs a program), object decks (linked, then run\n"
        "                     the same way), a raw image with --load, or\n"
        "                     (IBM 1401) a card deck, booted with the Load key\n"
        "  -m MACHINE         built-in name or .isa/.ucode path (default: assist for\n"
        "                     source, s360 for images)\n"
        "  --load HEX         load a raw image at this address\n"
        "  --start HEX        start address (default: the load address / END entry)\n"
        "  --reader FILE      card reader input (XREAD), ASCII lines\n"
        "  --punch FILE       card punch output (XPNCH)\n"
        "  --printer FILE     printer output (default: standard output)\n"
        "  --storage SIZE     storage size, e.g. 64K, 1M (default: the machine's)\n"
        "  --max-instructions N   stop after N instructions (default %llu)\n"
        "  --timer MODE       S/360 interval timer: icount (default: a step every\n"
        "                     3333 instructions, reproducible), icount:N, host\n"
        "                     (300 steps a second of host time) or off\n"
        "  -c FILE            S/360 devices from a machine configuration, one a line:\n"
        "                     ADDR TYPE [FILE] [OPTIONS] (00C 2540R deck.txt ascii,\n"
        "                     00E 1403 print.txt, 01F 1052, 0C0 2400 tape.aws ro)\n"
        "  --dev SPEC         one device, as a configuration line (repeatable)\n"
        "  --ipl ADDR         IPL from the device at ADDR (no PROGRAM needed)\n"
        "  --console-script FILE  console input: lines typed when the guest reads;\n"
        "                     'expect TEXT' waits for TEXT, 'stop' ends the run\n"
        "  --trace            one line per instruction on stderr: address, instruction,\n"
        "                     registers and storage changed\n"
        "  --lockstep         run tier 0 and tier 1 side by side, comparing the\n"
        "                     architected state after every instruction; stop with\n"
        "                     exit status 1 at the first difference\n"
        "  --random-program SEED[:FILE]  run a random program generated from the\n"
        "                     machine's description (kept in FILE when given)\n"
        "  --tier 0|1         engine: 1 runs C translated from the machine's microcode\n"
        "                     (the default, for built-in machines), 0 the micro-\n"
        "                     interpreter\n",
        DEFAULT_MAX_INSNS);
}

/* "1000", "0x1000", "X'1000'" (hex) */
static int parse_hex(const char *s, uint64_t *v)
{
    char buf[40];
    size_t n = strlen(s);
    if ((s[0] == 'X' || s[0] == 'x') && s[1] == '\'' && n > 3 && s[n - 1] == '\'' && n - 3 < sizeof buf) {
        memcpy(buf, s + 2, n - 3);
        buf[n - 3] = 0;
        s = buf;
    } else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
    }
    if (*s == 0)
        return -1;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 16);
    if (errno || *end)
        return -1;
    *v = x;
    return 0;
}

/* decimal with an optional K (1024) or M (1024*1024) suffix */
static int parse_count(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9')
        return -1;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno)
        return -1;
    if (*end == 'K' || *end == 'k')
        x *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        x *= 1024 * 1024, end++;
    if (*end)
        return -1;
    *v = x;
    return 0;
}

int emu_is_source_name(const char *p)
{
    const char *dot = strrchr(p, '.');
    return dot && (strcmp(dot, ".asm") == 0 || strcmp(dot, ".s") == 0 ||
                   strcmp(dot, ".mlc") == 0 || strcmp(dot, ".assemble") == 0);
}

static int load_image_file(EmuRun *r)
{
    FILE *f = fopen(r->program, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: error: cannot open: %s\n", r->program, strerror(errno));
        return -1;
    }
    const UcSpace *sp = &r->m->spaces[0];
    uint8_t buf[4096];
    uint64_t addr = r->load;
    size_t n;
    int status = 0;
    while ((n = fread(buf, 1, sizeof buf - sizeof buf % sp->unit_bytes, f)) > 0) {
        uint64_t units = n / sp->unit_bytes;
        if (uc_mem_write(r->cpu, 0, addr, buf, units) != 0) {
            fprintf(stderr, "%s: error: the image does not fit in storage at %llX (storage is %llu units)\n",
                    r->program, (unsigned long long)r->load, (unsigned long long)r->cpu->spaces[0].size);
            status = -1;
            break;
        }
        addr += units;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: error: read error\n", r->program);
        status = -1;
    }
    fclose(f);
    if (!r->have_start)
        r->start = r->load;
    return status;
}

/* Object decks (assembler/asm_link.c): linked at the load address and run
   as a source program is. More decks than the first come in more_decks. */
static const char *more_decks[64];
static int nmore_decks;

static int load_source(EmuRun *r)
{
    AsmOptions opt = { 0 };
    opt.origin = r->load;
    if (asm_is_object_deck(r->program)) {
        const char *decks[65] = { r->program };
        for (int i = 0; i < nmore_decks; i++)
            decks[i + 1] = more_decks[i];
        r->img = asm_link(decks, nmore_decks + 1, r->load, 0, stderr);
    } else {
        r->img = asm_assemble(r->m, r->program, &opt, stderr);
    }
    if (r->img == NULL)
        return -1;
    if (r->img->nerrors > 0) {
        fprintf(stderr, "%s: %d error%s: not run\n", r->program, r->img->nerrors,
                r->img->nerrors == 1 ? "" : "s");
        return -1;
    }
    if (uc_mem_write(r->cpu, 0, r->img->origin, r->img->bytes, r->img->size) != 0) {
        fprintf(stderr, "%s: error: the program (%llu bytes at %llX) does not fit in storage\n",
                r->program, (unsigned long long)r->img->size, (unsigned long long)r->img->origin);
        return -1;
    }
    if (!r->have_start)
        r->start = r->img->entry;
    return 0;
}

int emu_run_open(EmuRun *r, const char *machine)
{
    if (machine == NULL)
        machine = r->is_source ? "assist" : "s360";
    r->m = emu_load_machine(machine, stderr);
    if (r->m == NULL)
        return -1;
    for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++)
        if (boards[i]->serves(r->m)) {
            r->board = boards[i];
            break;
        }
    if (r->board == NULL) {
        fprintf(stderr, "mcemu: machine %s has no board (loader and entry conventions) yet\n", r->m->name);
        return -1;
    }
    r->charset = emu_charset_find(r->m->charset);
    if (r->charset < 0)
        r->charset = EMU_CS_ASCII;
    if (r->out == NULL)
        r->out = stdout;
    char err[200];
    r->cpu = uc_cpu_new(r->m, r->storage, err, sizeof err);
    if (r->cpu == NULL) {
        fprintf(stderr, "mcemu: %s\n", err);
        return -1;
    }
    if (r->reader) {
        r->reader_fp = fopen(r->reader, "r");
        if (r->reader_fp == NULL) {
            fprintf(stderr, "%s: error: cannot open the reader file: %s\n", r->reader, strerror(errno));
            return -1;
        }
    }
    if (r->printer) {
        r->printer_fp = fopen(r->printer, "w");
        if (r->printer_fp == NULL) {
            fprintf(stderr, "%s: error: cannot create the printer file: %s\n", r->printer, strerror(errno));
            return -1;
        }
    }
    if (r->punch) {
        r->punch_fp = fopen(r->punch, "w");
        if (r->punch_fp == NULL) {
            fprintf(stderr, "%s: error: cannot create the punch file: %s\n", r->punch, strerror(errno));
            return -1;
        }
    }
    if (r->program && !r->is_source && !r->have_load && r->require_load && r->board->load == NULL) {
        fprintf(stderr, "mcemu run: %s is not assembler source (.asm); give --load ADDRESS to run it as a raw image\n",
                r->program);
        return -2;
    }
    if (r->program && !r->is_source && !r->have_load && r->board->load != NULL) {
        if (r->board->load(r) != 0)
            return -1;
    } else if (r->program && (r->is_source ? load_source(r) : load_image_file(r)) != 0) {
        return -1;
    }
    emu_assist_bind(r);
    uc_cpu_reset(r->cpu);
    return r->board->setup(r);
}

void emu_run_close(EmuRun *r)
{
    if (r->reader_fp)
        fclose(r->reader_fp);
    if (r->punch_fp)
        fclose(r->punch_fp);
    if (r->printer_fp)
        fclose(r->printer_fp);
    if (r->img)
        asm_image_free(r->img);
    if (r->board && r->board->close)
        r->board->close(r);
    if (r->cpu)
        uc_cpu_free(r->cpu);
    uc_machine_free(r->m);
    r->reader_fp = r->punch_fp = r->printer_fp = NULL;
    r->img = NULL;
    r->cpu = NULL;
    r->m = NULL;
}

int emu_run_main(int argc, char **argv)
{
    EmuRun run = { 0 };
    EmuRun *r = &run;
    const char *machine = NULL;
    int lockstep = 0, differs = 0, tier = 1, random_temp = 0;
    const char *random_spec = NULL;
    char random_path[4096];
    r->max_insns = DEFAULT_MAX_INSNS;
    r->out = stdout;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG() do { if (v == NULL) { fprintf(stderr, "mcemu run: %s needs a value\n", a); return 2; } i++; } while (0)
        if (strcmp(a, "-m") == 0 || strcmp(a, "--machine") == 0) {
            NEED_ARG();
            machine = v;
        } else if (strcmp(a, "--load") == 0) {
            NEED_ARG();
            if (parse_hex(v, &r->load)) { fprintf(stderr, "mcemu run: bad address '%s' for --load\n", v); return 2; }
            r->have_load = 1;
        } else if (strcmp(a, "--start") == 0) {
            NEED_ARG();
            if (parse_hex(v, &r->start)) { fprintf(stderr, "mcemu run: bad address '%s' for --start\n", v); return 2; }
            r->have_start = 1;
        } else if (strcmp(a, "--reader") == 0) {
            NEED_ARG();
            r->reader = v;
        } else if (strcmp(a, "--punch") == 0) {
            NEED_ARG();
            r->punch = v;
        } else if (strcmp(a, "--printer") == 0) {
            NEED_ARG();
            r->printer = v;
        } else if (strcmp(a, "--storage") == 0) {
            NEED_ARG();
            if (parse_count(v, &r->storage) || r->storage == 0) { fprintf(stderr, "mcemu run: bad size '%s' for --storage\n", v); return 2; }
        } else if (strcmp(a, "--max-instructions") == 0) {
            NEED_ARG();
            if (parse_count(v, &r->max_insns) || r->max_insns == 0) { fprintf(stderr, "mcemu run: bad count '%s' for --max-instructions\n", v); return 2; }
        } else if (strcmp(a, "--timer") == 0) {
            NEED_ARG();
            r->timer = v;
            EmuTimerMode mode;
            uint64_t tick;
            if (emu_timer_parse(v, &mode, &tick) != 0)
                return 2;           /* a usage error, as for the other options */
        } else if (strcmp(a, "--tier") == 0) {
            NEED_ARG();
            if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) { fprintf(stderr, "mcemu run: bad tier '%s' (0 or 1)\n", v); return 2; }
            tier = v[0] - '0';
        } else if (strcmp(a, "--random-program") == 0) {
            NEED_ARG();
            random_spec = v;
        } else if (strcmp(a, "--lockstep") == 0) {
            lockstep = 1;
        } else if (strcmp(a, "-c") == 0 || strcmp(a, "--conf") == 0) {
            NEED_ARG();
            r->conf = v;
        } else if (strcmp(a, "--dev") == 0) {
            NEED_ARG();
            if (r->ndevs == (int)(sizeof r->devs / sizeof r->devs[0])) { fprintf(stderr, "mcemu run: too many --dev options\n"); return 2; }
            r->devs[r->ndevs++] = v;
        } else if (strcmp(a, "--ipl") == 0) {
            NEED_ARG();
            uint64_t dev;
            if (parse_hex(v, &dev) || dev > 0x7FF) { fprintf(stderr, "mcemu run: bad device address '%s' for --ipl\n", v); return 2; }
            r->ipl = (unsigned)dev;
            r->have_ipl = 1;
        } else if (strcmp(a, "--console-script") == 0) {
            NEED_ARG();
            r->console_script = v;
        } else if (strcmp(a, "--trace") == 0) {
            r->trace = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            run_usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "mcemu run: unknown option '%s'\n", a);
            run_usage(stderr);
            return 2;
        } else if (r->program == NULL) {
            r->program = a;
        } else if (nmore_decks < 64 && asm_is_object_deck(r->program) && asm_is_object_deck(a)) {
            more_decks[nmore_decks++] = a;
        } else {
            fprintf(stderr, "mcemu run: more than one program given ('%s', '%s')\n", r->program, a);
            return 2;
        }
#undef NEED_ARG
    }
    if (random_spec && r->program) {
        fprintf(stderr, "mcemu run: --random-program and a program ('%s') given\n", r->program);
        return 2;
    }
    if (random_spec) {
        int rc = emu_randprog_file(machine ? machine : "assist", random_spec, random_path,
                                   sizeof random_path, &random_temp);
        if (rc != 0)
            return rc == -2 ? 2 : 1;
        r->program = random_path;
    }
    if (r->program == NULL && !r->have_ipl) {
        run_usage(stderr);
        return 2;
    }
    r->is_source = r->program && (emu_is_source_name(r->program) || asm_is_object_deck(r->program));
    r->require_load = 1;
    if (r->is_source && !r->have_load)
        r->load = 0x1000;

    int status = 1;
    int rc = emu_run_open(r, machine);
    if (rc != 0) {
        status = rc == -2 ? 2 : 1;
        goto out;
    }

    /* tier 1 where the machine has generated code (lockstep sets its own) */
    int tier_used = lockstep ? 0 : uc_tier1_enable(r->cpu, tier == 1);
    running_cpu = r->cpu;
    signal(SIGINT, on_sigint);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    UcStop stop = lockstep ? emu_lockstep_run(r, r->max_insns, &differs, tier, stderr)
                : r->trace ? emu_trace_run(r, r->max_insns, stderr)
                           : emu_exec(r, r->max_insns);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    signal(SIGINT, SIG_DFL);
    running_cpu = NULL;
    emu_assist_finish(r);
    fflush(r->out);

    char msg[300];
    EmuEnd end = r->board->explain(r, stop, msg, sizeof msg);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double mips = secs > 0 ? (double)r->cpu->icount / secs / 1e6 : 0;
    fprintf(stderr, "mcemu: %s\n", msg);
    fprintf(stderr, "mcemu: %llu instructions, %llu micro-instructions (%.1f per instruction), %.3f s, %.2f MIPS, tier %d%s\n",
            (unsigned long long)r->cpu->icount, (unsigned long long)r->cpu->ucount,
            r->cpu->icount ? (double)r->cpu->ucount / (double)r->cpu->icount : 0.0, secs, mips,
            tier_used, tier == 1 && !tier_used && !lockstep ? " (no generated code for this machine)" : "");
    status = end == EMU_END_NORMAL && !differs ? 0 : 1;
out:
    emu_run_close(r);
    if (random_temp)
        emu_randprog_remove(random_path);
    return status;
}
