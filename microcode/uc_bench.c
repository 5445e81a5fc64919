/* uc_bench.c — speed of the tier-0 micro-engine on a synthetic control
 * store shaped like the System/360 loop mix: a fetch routine (load IA,
 * fetch 4 bytes, step IA, dispatch on the opcode) and RX routines for L, A
 * (with overflow and condition code), ST and BCT with base-index-displacement
 * address arithmetic (A22-6821, "Address Generation"), running
 *      LOOP L 1,X; A 1,Y; ST 1,Z; BCT 2,LOOP
 * The machine is built here by hand, not from a description: this measures
 * the engine only. Prints guest instructions and micro-operations per second.
 *
 *   make BUILD=build-uc build-uc/uc_bench && build-uc/uc_bench [MILLIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "uc_engine.h"

enum { R_IA = 1, R_IR, R_NIA, R_OP, R_X, R_B, R_EA, R_V, R_W, R_T,
       F_OP = 10, F_R1, F_X2, F_B2, F_D2 };

static char *dup_str(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    if (p)
        strcpy(p, s);
    return p;
}

static UcWord wd(unsigned op, unsigned d, unsigned a, unsigned b, unsigned w, unsigned fl,
                 unsigned aux, uint32_t t, uint64_t imm)
{
    UcWord x = { (uint8_t)op, (uint8_t)d, (uint8_t)a, (uint8_t)b, (uint8_t)w, (uint8_t)fl,
                 (uint16_t)aux, t, imm };
    return x;
}

#define EMIT(...) (m->words[n++] = wd(__VA_ARGS__))

/* ea = (x ? GR[x] : 0) + (b ? GR[b] : 0) + d, 24 bits; into R_EA. */
static uint32_t emit_ea(UcMachine *m, uint32_t n)
{
    EMIT(UC_LDR, R_X, F_X2, 0, 0, 0, 0, 0, 0);
    EMIT(UC_MOVI, R_T, 0, 0, 64, 0, 0, 0, 0);
    EMIT(UC_MOV, R_W, F_X2, 0, 64, 0, 0, 0, 0);
    EMIT(UC_SEL, R_W, R_X, R_T, 32, 0, 0, 0, 0);
    EMIT(UC_LDR, R_B, F_B2, 0, 0, 0, 0, 0, 0);
    EMIT(UC_MOV, R_EA, F_B2, 0, 64, 0, 0, 0, 0);
    EMIT(UC_SEL, R_EA, R_B, R_T, 32, 0, 0, 0, 0);
    EMIT(UC_ADD, R_EA, R_EA, R_W, 24, 0, 0, 0, 0);
    EMIT(UC_ADD, R_EA, R_EA, F_D2, 24, 0, 0, 0, 0);
    return n;
}

static UcMachine *bench_machine(uint32_t entries[4])
{
    UcMachine *m = uc_machine_new();
    m->name = dup_str("bench");
    m->endian = UC_BIG;
    m->addr_bits = 24;
    m->nitems = 2;
    m->items = calloc(2, sizeof *m->items);
    m->items[0] = (UcItem){ dup_str("GR"), UC_ITEM_REGFILE, 32, 16, 0, 0, NULL };
    m->items[1] = (UcItem){ dup_str("PSW"), UC_ITEM_REG, 64, 1, 16, 0, NULL };
    m->nslots = 17;
    m->nfields = 3;
    m->fields = calloc(3, sizeof *m->fields);
    m->fields[0] = (UcField){ dup_str("IA"), 1, 0, 24 };
    m->fields[1] = (UcField){ dup_str("CC"), 1, 28, 2 };
    m->fields[2] = (UcField){ dup_str("KEY"), 1, 52, 4 };
    m->nspaces = 1;
    m->spaces = calloc(1, sizeof *m->spaces);
    UcSpace *s = &m->spaces[0];
    s->name = dup_str("M");
    s->unit_bits = 8;
    s->unit_bytes = 1;
    s->min_size = 8192;
    s->max_size = 1 << 24;
    s->default_size = 65536;
    for (int k = 0; k < UC_NFAULTS; k++)
        s->faults[k] = (UcTrapRef){ UC_TRAP_STOP(0), (uint64_t[]){ 5, 6, 4, 4 }[k] };
    s->key_block = 2048;
    s->key_bits = 4;
    s->key_field = 2;
    s->fetch_prot_bit = 0xff;
    m->nstops = 1;
    m->stops = calloc(1, sizeof *m->stops);
    m->stops[0] = (UcStopReason){ dup_str("pgm"), dup_str("program interruption") };
    m->nformats = 1;
    m->formats = calloc(1, sizeof *m->formats);
    UcFormat *f = &m->formats[0];
    f->name = dup_str("RX");
    f->width = 32;
    f->length = 4;
    f->nfields = 5;
    f->fields[0] = (UcFmtField){ dup_str("op"), 24, 8, F_OP, 0 };
    f->fields[1] = (UcFmtField){ dup_str("r1"), 20, 4, F_R1, 0 };
    f->fields[2] = (UcFmtField){ dup_str("x2"), 16, 4, F_X2, 0 };
    f->fields[3] = (UcFmtField){ dup_str("b2"), 12, 4, F_B2, 0 };
    f->fields[4] = (UcFmtField){ dup_str("d2"), 0, 12, F_D2, 0 };

    m->words = calloc(200, sizeof *m->words);
    uint32_t n = 0, skip;
    /* fetch */
    EMIT(UC_LDF, R_IA, 0, 0, 0, 0, 0, 0, 0);
    EMIT(UC_LD, R_IR, R_IA, 0, 32, UC_F_IFETCH, 0, 0, 0);
    EMIT(UC_ADD, R_NIA, R_IA, 0, 24, UC_F_IMM, 0, 0, 4);
    EMIT(UC_STF, 0, R_NIA, 0, 0, 0, 0, 0, 0);
    EMIT(UC_EXT, R_OP, R_IR, 0, 8, 0, 0, 0, 24);
    EMIT(UC_DISPATCH, 0, R_OP, R_IR, 0, 0, 0, 0, 0);
    /* invalid: stop */
    uint32_t invalid = n;
    EMIT(UC_STOP, 0, 0, 0, 0, 0, 0, 0, 0);
    /* L */
    entries[0] = n;
    n = emit_ea(m, n);
    EMIT(UC_LD, R_V, R_EA, 0, 32, UC_F_ALIGN, 0, 0, 0);
    EMIT(UC_STR, 0, F_R1, R_V, 0, 0, 0, 0, 0);
    EMIT(UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    /* A: sum, overflow, CC */
    entries[1] = n;
    n = emit_ea(m, n);
    EMIT(UC_LD, R_V, R_EA, 0, 32, UC_F_ALIGN, 0, 0, 0);
    EMIT(UC_LDR, R_W, F_R1, 0, 0, 0, 0, 0, 0);
    EMIT(UC_ADD, R_T, R_W, R_V, 32, 0, 0, 0, 0);
    EMIT(UC_ADDV, R_X, R_W, R_V, 32, 0, 0, 0, 0);
    EMIT(UC_STR, 0, F_R1, R_T, 0, 0, 0, 0, 0);
    EMIT(UC_LTS, R_B, R_T, 0, 32, UC_F_IMM, 0, 0, 0);
    EMIT(UC_NE, R_W, R_T, 0, 32, UC_F_IMM, 0, 0, 0);
    EMIT(UC_ADD, R_W, R_W, R_W, 2, 0, 0, 0, 0);          /* 2 if nonzero */
    EMIT(UC_SUB, R_W, R_W, R_B, 2, 0, 0, 0, 0);          /* 1 if negative */
    skip = n + 2;
    EMIT(UC_BZ, 0, R_X, 0, 0, 0, 0, skip, 0);
    EMIT(UC_MOVI, R_W, 0, 0, 2, 0, 0, 0, 3);
    EMIT(UC_STF, 0, R_W, 0, 0, 0, 1, 0, 0);
    EMIT(UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    /* ST */
    entries[2] = n;
    n = emit_ea(m, n);
    EMIT(UC_LDR, R_V, F_R1, 0, 0, 0, 0, 0, 0);
    EMIT(UC_ST, 0, R_EA, R_V, 32, UC_F_ALIGN | UC_F_STORE, 0, 0, 0);
    EMIT(UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    /* BCT */
    entries[3] = n;
    n = emit_ea(m, n);
    EMIT(UC_LDR, R_V, F_R1, 0, 0, 0, 0, 0, 0);
    EMIT(UC_SUB, R_V, R_V, 0, 32, UC_F_IMM, 0, 0, 1);
    EMIT(UC_STR, 0, F_R1, R_V, 0, 0, 0, 0, 0);
    skip = n + 2;
    EMIT(UC_BZ, 0, R_V, 0, 0, 0, 0, skip, 0);
    EMIT(UC_STF, 0, R_EA, 0, 0, 0, 0, 0, 0);
    EMIT(UC_ENDOP, 0, 0, 0, 0, 0, 0, 0, 0);
    m->nwords = n;
    m->fetch_entry = 0;

    m->ninterrupts = 0;
    m->dispatch.key_bits = 8;
    m->dispatch.first = malloc(256 * sizeof(int32_t));
    for (int i = 0; i < 256; i++)
        m->dispatch.first[i] = -1;
    m->dispatch.invalid_entry = invalid;
    static const uint8_t ops[4] = { 0x58, 0x5A, 0x50, 0x46 };
    m->ncands = 4;
    m->cands = calloc(4, sizeof *m->cands);
    for (int i = 0; i < 4; i++) {
        m->cands[i] = (UcCandidate){ 0, 0, -1, 0, entries[i], -1 };
        m->dispatch.first[ops[i]] = i;
    }
    return m;
}

int main(int argc, char **argv)
{
    uint64_t millions = argc > 1 ? strtoull(argv[1], NULL, 10) : 50;
    uint32_t entries[4];
    UcMachine *m = bench_machine(entries);
    char err[200];
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    if (!cpu) {
        fprintf(stderr, "uc_bench: %s\n", err);
        return 1;
    }
    /* LOOP L 1,X(0,0); A 1,Y; ST 1,Z; BCT 2,LOOP  at 0x100; X Y Z at 0x200 */
    static const uint8_t prog[] = {
        0x58, 0x10, 0x02, 0x00, 0x5A, 0x10, 0x02, 0x04,
        0x50, 0x10, 0x02, 0x08, 0x46, 0x20, 0x01, 0x00,
    };
    static const uint8_t data[] = { 0, 0, 0, 5, 0, 0, 0, 7 };
    uc_mem_write(cpu, 0, 0x100, prog, sizeof prog);
    uc_mem_write(cpu, 0, 0x200, data, sizeof data);
    uc_set_field(cpu, 0, 0x100);
    uc_set_item(cpu, 0, 2, 0xFFFFFFFF);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    UcStop s = uc_run(cpu, millions * 1000000, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    uint64_t z;
    uc_mem_load(cpu, 0, 0x208, 4, &z);
    printf("stop: %s; %llu instructions, %llu micro-ops in %.3f s\n", uc_stop_name(s),
           (unsigned long long)cpu->icount, (unsigned long long)cpu->ucount, secs);
    printf("%.1f M instructions/s, %.1f M micro-ops/s (%.1f micro-ops per instruction); Z = %llu\n",
           (double)cpu->icount / secs / 1e6, (double)cpu->ucount / secs / 1e6,
           (double)cpu->ucount / (double)cpu->icount, (unsigned long long)z);
    int bad = s != UC_STOP_INSN_LIMIT || z != 12;
    uc_cpu_free(cpu);
    uc_machine_free(m);
    return bad;
}
