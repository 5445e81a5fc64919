/* emu_trace.c — the instruction trace of `mcemu run --trace`:
 *
 *   001004  5A10C020      A     1,32(,12)          R1=0000000C CC=2
 *   001008  5010C024      ST    1,36(,12)          M[001028]=0000000C
 *
 * The disassembly comes from the machine's tables (asm_disassemble); the
 * board names the registers; storage writes are caught by the engine's
 * store hook, so channel and helper writes show too.
 */
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_trace.h"

#define MAX_WRITES 32

typedef struct TraceWrites {
    unsigned n;
    unsigned space[MAX_WRITES];
    uint64_t addr[MAX_WRITES], units[MAX_WRITES];
} TraceWrites;

static void note_write(UcCpu *cpu, void *ctx, unsigned space, uint64_t addr, uint64_t units)
{
    (void)cpu;
    TraceWrites *w = ctx;
    if (w->n > 0 && w->space[w->n - 1] == space && w->addr[w->n - 1] + w->units[w->n - 1] == addr) {
        w->units[w->n - 1] += units;    /* MVC stores byte by byte: one run */
        return;
    }
    if (w->n > 0 && w->space[w->n - 1] == space && addr + units == w->addr[w->n - 1]) {
        w->addr[w->n - 1] = addr;       /* the 1401 stores right to left */
        w->units[w->n - 1] += units;
        return;
    }
    if (w->n < MAX_WRITES) {
        w->space[w->n] = space;
        w->addr[w->n] = addr;
        w->units[w->n] = units;
        w->n++;
    }
}

static void print_writes(EmuRun *r, const TraceWrites *w, FILE *out)
{
    for (unsigned i = 0; i < w->n; i++) {
        fprintf(out, " %s[%06llX]=", r->m->spaces[w->space[i]].name, (unsigned long long)w->addr[i]);
        uint64_t n = w->units[i] > 16 ? 16 : w->units[i];
        for (uint64_t k = 0; k < n; k++)
            fprintf(out, "%02llX", (unsigned long long)uc_mem_get(r->cpu, w->space[i], w->addr[i] + k));
        if (w->units[i] > n)
            fprintf(out, "...(%llu)", (unsigned long long)w->units[i]);
    }
}

UcStop emu_trace_run(EmuRun *r, uint64_t max, FILE *out)
{
    UcCpu *cpu = r->cpu;
    const UcMachine *m = r->m;
    size_t slots = m->nslots;
    uint64_t *before = calloc(slots ? slots : 1, sizeof *before);
    if (before == NULL)
        return UC_STOP_ERROR;
    TraceWrites w;
    UcStoreHook saved_hook = cpu->store_hook;
    void *saved_ctx = cpu->store_ctx;
    cpu->store_hook = note_write;
    cpu->store_ctx = &w;
    UcStop stop = UC_STOP_INSN_LIMIT;
    unsigned ub = m->spaces[0].unit_bytes;
    for (uint64_t n = 0; n < max; n++) {
        uint64_t ia = r->board->ia(r);
        uint8_t bytes[16 * 8];
        size_t avail = 0;
        for (; avail < 16; avail++)
            if (uc_mem_read(cpu, 0, ia + avail, bytes + avail * ub, 1) != 0)
                break;
        char text[160];
        unsigned len = asm_disassemble(m, bytes, avail, ia, text, sizeof text);
        char hex[40] = "";
        for (unsigned k = 0; k < len && k < 8; k++)
            snprintf(hex + 2 * k, sizeof hex - 2 * k, "%02X", bytes[k * ub]);
        memcpy(before, cpu->state, slots * sizeof *before);
        w.n = 0;
        stop = emu_exec(r, 1);
        /* the changes go to a memory stream first, so the line can be trimmed */
        char *changes = NULL;
        size_t nchanges = 0;
        FILE *mem = open_memstream(&changes, &nchanges);
        if (mem != NULL) {
            r->board->trace_regs(r, before, mem);
            print_writes(r, &w, mem);
            fclose(mem);
        }
        if (changes != NULL && nchanges > 0)
            fprintf(out, "%06llX  %-12s  %-28s%s\n", (unsigned long long)ia, hex, text, changes);
        else
            fprintf(out, "%06llX  %-12s  %s\n", (unsigned long long)ia, hex, text);
        free(changes);
        if (stop != UC_STOP_INSN_LIMIT)
            break;
    }
    cpu->store_hook = saved_hook;
    cpu->store_ctx = saved_ctx;
    free(before);
    return stop;
}
