/* emu_s360.c — the System/360 board: what `mcemu run` does around an S/360
 * family CPU (s360, assist, and descriptions that extend them).
 *
 * A raw image runs as Hercules' loadcore does: PSW 00000000 0000xxxx (BC
 * mode, key 0, supervisor state, disabled), and — unless the image covers
 * low core — disabled-wait new PSWs planted at X'58'..X'78', each with its
 * own location as the wait code, so every stop can be explained.
 *
 * Assembler source runs as ASSIST runs a program: R15 = the entry, R14 = a
 * return address whose use (BR 14) ends the run normally, R13 = a 72-byte
 * save area, R0..R12 = X'F4F4F4F4'. The return address holds an LPSW of a
 * disabled-wait PSW (assembled from source by the machine's own assembler,
 * so no machine code is typed here). An unhandled program interruption ends
 * with a completion dump in ASSIST's layout. Principles of Operation
 * A22-6821: "Program Status Word", "Interruptions", "Permanent storage
 * assignments".
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "emulator/emu_run.h"
#include "emulator/emu_s360.h"
#include "emulator/emu_chan.h"

#define LOWCORE_NEW_FIRST 0x58u     /* external new PSW */
#define LOWCORE_NEW_END   0x80u     /* past the I/O new PSW */
#define PGM_OLD           0x28u
#define PGM_NEW           0x68u
#define SVC_OLD           0x20u
#define SVC_NEW           0x60u
#define EXIT_STUB         0x200u    /* R14: LPSW EXIT_PSW */
#define EXIT_PSW          0x208u
#define SAVE_AREA         0x300u    /* R13 */

typedef struct S360Names {
    int gr, psw, ia, cc;
} S360Names;

static S360Names names(const UcMachine *m)
{
    S360Names n;
    n.gr = uc_machine_find_item(m, "GR");
    n.psw = uc_machine_find_item(m, "PSW");
    n.ia = uc_machine_find_field(m, "PSW", "IA");
    n.cc = uc_machine_find_field(m, "PSW", "CC");
    return n;
}

static int serves(const UcMachine *m)
{
    S360Names n = names(m);
    return n.gr >= 0 && n.psw >= 0 && n.ia >= 0 && m->items[n.gr].count == 16 &&
           m->items[n.psw].width == 64 && m->nspaces > 0 && m->spaces[0].unit_bits == 8;
}

static uint64_t ia(EmuRun *r)
{
    return uc_get_field(r->cpu, (unsigned)names(r->m).ia);
}

static void put_u64(EmuRun *r, uint64_t addr, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (56 - 8 * i));
    uc_mem_write(r->cpu, 0, addr, b, 8);
}

static uint64_t get_u64(EmuRun *r, uint64_t addr)
{
    uint64_t v = 0;
    uc_mem_load(r->cpu, 0, addr, 8, &v);
    return v;
}

/* A disabled-wait PSW (BC mode: bit 14) whose address is the wait code. */
static uint64_t wait_psw(uint64_t code)
{
    return (UINT64_C(1) << (63 - 14)) | (code & 0xFFFFFF);
}

/* Assemble `text` at `origin` with the machine's own assembler into storage. */
static int assemble_into(EmuRun *r, const char *text, uint64_t origin)
{
    char path[] = "/tmp/mcemu-stubXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t len = strlen(text);
    int ok = write(fd, text, len) == (ssize_t)len;
    close(fd);
    AsmImage *img = NULL;
    if (ok) {
        AsmOptions opt = { 0 };
        opt.origin = origin;
        FILE *null = fopen("/dev/null", "w");
        img = asm_assemble(r->m, path, &opt, null ? null : stderr);
        if (null)
            fclose(null);
    }
    unlink(path);
    ok = img != NULL && img->nerrors == 0 &&
         uc_mem_write(r->cpu, 0, img->origin, img->bytes, img->size) == 0;
    if (img)
        asm_image_free(img);
    return ok ? 0 : -1;
}

/* Whether setup planted the disabled-wait new PSWs (not over an image's own). */
static int planted(const EmuRun *r)
{
    return r->is_source || r->load >= LOWCORE_NEW_END;
}

EmuS360 *emu_s360_of(EmuRun *r)
{
    return r->board == &emu_board_s360 ? r->board_ctx : NULL;
}

/* The devices of -c, --dev and the console script. */
static int attach_devices(EmuRun *r, EmuS360 *s)
{
    if (r->conf && emu_chan_load_conf(s, r->conf) != 0)
        return -1;
    for (int i = 0; i < r->ndevs; i++)
        if (emu_chan_attach_line(s, r->devs[i], "--dev", (unsigned)i + 1) != 0)
            return -1;
    if (r->console_script && emu_chan_console_script(s, r->console_script) != 0)
        return -1;
    return 0;
}

/* The board's state: made once per CPU; a reset (setup again) clears the
   requests and restarts the timer. */
static int open_state(EmuRun *r)
{
    EmuS360 *s = r->board_ctx;
    if (s == NULL) {
        s = calloc(1, sizeof *s);
        if (s == NULL) {
            fprintf(stderr, "mcemu: out of memory\n");
            return -1;
        }
        r->board_ctx = s;
        s->cpu = r->cpu;
        if (emu_chan_open(s) != 0 || attach_devices(r, s) != 0)
            return -1;
    }
    s->ext = 0;
    s->mck = 0;
    s->wait = 0;
    if (emu_intr_open(s, r->timer) != 0)
        return -1;
    emu_intr_bind(s);
    emu_chan_bind(s);
    return 0;
}

static void close_state(EmuRun *r)
{
    EmuS360 *s = r->board_ctx;
    if (s) {
        emu_chan_close(s);
        free(s);
    }
    r->board_ctx = NULL;
}

static uint64_t until_event(EmuRun *r)
{
    return emu_intr_until_event(r->board_ctx);
}

static void advance(EmuRun *r)
{
    emu_intr_advance(r->board_ctx);
}

/* An enabled wait goes on until an interruption ends it. */
static int resume(EmuRun *r, UcStop stop)
{
    const UcMachine *m = r->m;
    if (stop != UC_STOP_MACHINE || r->cpu->stop_code >= m->nstops ||
        strcmp(m->stops[r->cpu->stop_code].name, "enabled_wait") != 0)
        return 0;
    /* the console's input first: ready now, or none can ever come (the
       script's stop, its end), which ends the run here rather than after
       the interval timer has run down */
    EmuS360 *s = r->board_ctx;
    emu_chan_idle(s, 0);
    if (r->cpu->attention || (s->chan && (s->chan->script_done || s->chan->input_ended)))
        return 0;
    return emu_intr_idle(s);
}

static int setup(EmuRun *r)
{
    S360Names n = names(r->m);
    UcCpu *cpu = r->cpu;
    if (open_state(r) != 0)
        return -1;
    if (planted(r))
        for (uint64_t a = LOWCORE_NEW_FIRST; a < LOWCORE_NEW_END; a += 8)
            put_u64(r, a, wait_psw(a));
    uc_set_item(cpu, (unsigned)n.psw, 0, 0);
    if (r->is_source) {
        if (assemble_into(r, "         LPSW  X'208'\n         END\n", EXIT_STUB) != 0) {
            fprintf(stderr, "mcemu run: cannot assemble the exit stub (LPSW) on machine %s\n", r->m->name);
            return -1;
        }
        put_u64(r, EXIT_PSW, wait_psw(EXIT_STUB));
        for (unsigned i = 0; i < 13; i++)
            uc_set_item(cpu, (unsigned)n.gr, i, 0xF4F4F4F4u);
        uc_set_item(cpu, (unsigned)n.gr, 13, SAVE_AREA);
        uc_set_item(cpu, (unsigned)n.gr, 14, EXIT_STUB);
        uc_set_item(cpu, (unsigned)n.gr, 15, r->start);
    }
    uc_set_field(cpu, (unsigned)n.ia, r->start);
    if (r->have_ipl) {
        char err[200];
        if (emu_chan_ipl(r->board_ctx, r->ipl, err, sizeof err) != 0) {
            fprintf(stderr, "mcemu run: %s\n", err);
            return -1;
        }
    }
    return 0;
}

/* Program interruption codes (A22-6821, "Program Interruption"). */
static const char *const pic_names[16] = {
    NULL, "OPERATION", "PRIVILEGED OPERATION", "EXECUTE", "PROTECTION", "ADDRESSING",
    "SPECIFICATION", "DATA", "FIXED-POINT OVERFLOW", "FIXED-POINT DIVIDE",
    "DECIMAL OVERFLOW", "DECIMAL DIVIDE", "EXPONENT OVERFLOW", "EXPONENT UNDERFLOW",
    "SIGNIFICANCE", "FLOATING-POINT DIVIDE",
};

static void print_regs(EmuRun *r, FILE *out)
{
    S360Names n = names(r->m);
    for (unsigned half = 0; half < 2; half++) {
        fprintf(out, "REGS %2u-%-2u    ", half * 8, half * 8 + 7);
        for (unsigned i = 0; i < 8; i++)
            fprintf(out, " %08llX", (unsigned long long)uc_get_item(r->cpu, (unsigned)n.gr, half * 8 + i));
        fputc('\n', out);
    }
}

static void completion_dump(EmuRun *r, uint64_t old, FILE *out)
{
    unsigned code = (unsigned)(old >> 32) & 0xFFFF;
    const char *name = code < 16 && pic_names[code] ? pic_names[code] : "UNKNOWN";
    fprintf(out, "ASSIST COMPLETION DUMP\n");
    fprintf(out, "PSW AT ABEND %08X %08X       COMPLETION CODE   SYSTEM = 0C%X %s\n",
            (unsigned)(old >> 32), (unsigned)old, code & 0xF, name);
    print_regs(r, out);
}

static EmuEnd explain(EmuRun *r, UcStop stop, char *msg, size_t size)
{
    const UcMachine *m = r->m;
    uint64_t psw = uc_get_item(r->cpu, (unsigned)names(m).psw, 0);
    unsigned hi = (unsigned)(psw >> 32), lo = (unsigned)psw;
    EmuS360 *s = emu_s360_of(r);
    if (s && s->chan && s->chan->script_done &&
        (stop == UC_STOP_ATTENTION || stop == UC_STOP_MACHINE)) {
        snprintf(msg, size, "%s, PSW %08X %08X", s->chan->stop_msg, hi, lo);
        return EMU_END_NORMAL;
    }
    if (s && s->chan && s->chan->input_ended && stop == UC_STOP_ATTENTION) {
        snprintf(msg, size, "%s, PSW %08X %08X", s->chan->stop_msg, hi, lo);
        return EMU_END_FAIL;
    }
    if (s && s->chan && s->chan->stop_msg[0] && stop == UC_STOP_MACHINE &&
        r->cpu->stop_code < m->nstops && strcmp(m->stops[r->cpu->stop_code].name, "enabled_wait") == 0) {
        snprintf(msg, size, "enabled wait that nothing can end (%s), PSW %08X %08X", s->chan->stop_msg, hi, lo);
        return EMU_END_FAIL;
    }
    switch (stop) {
    case UC_STOP_INSN_LIMIT:
        snprintf(msg, size, "instruction limit reached (--max-instructions %llu), PSW %08X %08X",
                 (unsigned long long)r->max_insns, hi, lo);
        return EMU_END_LIMIT;
    case UC_STOP_ATTENTION:
        snprintf(msg, size, "interrupted, PSW %08X %08X", hi, lo);
        return EMU_END_FAIL;
    case UC_STOP_MACHINE: {
        const char *why = r->cpu->stop_code < m->nstops ? m->stops[r->cpu->stop_code].name : "?";
        const char *text = r->cpu->stop_code < m->nstops ? m->stops[r->cpu->stop_code].message : "?";
        uint64_t code = psw & 0xFFFFFF;
        if (strcmp(why, "disabled_wait") == 0) {
            if (r->is_source && code == EXIT_STUB) {
                snprintf(msg, size, "normal end (BR 14)");
                return EMU_END_NORMAL;
            }
            if (code == PGM_NEW && planted(r)) {
                uint64_t old = get_u64(r, PGM_OLD);
                completion_dump(r, old, r->out);
                unsigned pic = (unsigned)(old >> 32) & 0xFFFF;
                snprintf(msg, size, "program interruption code %04X (%s), ILC %u, old PSW %08X %08X",
                         pic, pic < 16 && pic_names[pic] ? pic_names[pic] : "unknown",
                         (unsigned)(old >> 30) & 3, (unsigned)(old >> 32), (unsigned)old);
                return EMU_END_FAIL;
            }
            if (code == SVC_NEW && planted(r)) {
                uint64_t old = get_u64(r, SVC_OLD);
                snprintf(msg, size, "supervisor call %u with no SVC handler, old PSW %08X %08X",
                         (unsigned)(old >> 32) & 0xFFFF, (unsigned)(old >> 32), (unsigned)old);
                return EMU_END_FAIL;
            }
            snprintf(msg, size, "%s, PSW %08X %08X (wait code %06llX)", text, hi, lo,
                     (unsigned long long)code);
            return r->is_source ? EMU_END_FAIL : EMU_END_NORMAL;
        }
        snprintf(msg, size, "%s, PSW %08X %08X", text, hi, lo);
        return EMU_END_FAIL;
    }
    default:
        snprintf(msg, size, "%s%s%s, PSW %08X %08X", uc_stop_name(stop),
                 r->cpu->stop_text[0] ? ": " : "", r->cpu->stop_text, hi, lo);
        return EMU_END_FAIL;
    }
}

static void trace_regs(EmuRun *r, const uint64_t *before, FILE *out)
{
    const UcMachine *m = r->m;
    for (uint32_t it = 0; it < m->nitems; it++) {
        const UcItem *item = &m->items[it];
        for (uint32_t e = 0; e < item->count; e++) {
            uint64_t now = r->cpu->state[item->slot + e];
            if (now == before[item->slot + e])
                continue;
            if (strcmp(item->name, "PSW") == 0) {
                /* the address always moves: show the fields that changed but IA and ILC */
                for (uint32_t f = 0; f < m->nfields; f++) {
                    const UcField *fd = &m->fields[f];
                    if (fd->item != it || strcmp(fd->name, "IA") == 0 || strcmp(fd->name, "ILC") == 0)
                        continue;
                    uint64_t mask = fd->len >= 64 ? ~0ull : ((1ull << fd->len) - 1);
                    uint64_t a = (before[item->slot] >> fd->shift) & mask, b = (now >> fd->shift) & mask;
                    if (a != b)
                        fprintf(out, " %s=%llX", fd->name, (unsigned long long)b);
                }
            } else if (item->count == 16 && strcmp(item->name, "GR") == 0) {
                fprintf(out, " R%u=%08llX", e, (unsigned long long)now);
            } else {
                fprintf(out, " %s%u=%0*llX", item->name, e, (item->width + 3) / 4, (unsigned long long)now);
            }
        }
    }
}

const EmuBoard emu_board_s360 = {
    .name = "s360", .serves = serves, .setup = setup, .explain = explain, .ia = ia,
    .trace_regs = trace_regs, .until_event = until_event, .advance = advance,
    .resume = resume, .close = close_state,
};
