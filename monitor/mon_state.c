/* mon_state.c — save and restore the complete machine state: state slots,
 * storage and storage keys of every space, the counters and the
 * micro-state (so a state saved inside an instruction after ustep resumes
 * exactly). The file is keyed by the machine's hash (UcMachine.hash, FNV-1a
 * of the compiled machine) and name, so a state of another machine, or of
 * another version of the description, is refused.
 *
 * Layout (little-endian):
 *   "MCEMUST1"  u64 hash  u32 namelen  name
 *   u32 nslots  u64 slots[nslots]
 *   u64 icount  u64 ucount  u32 upc  u32 usp  u32 ustack[8]  u64 u[64]
 *   i32 insn  u32 in_exec
 *   u32 nspaces, then per space: u64 size  u32 unit_bytes  units[size], each
 *                                unit_bytes big-endian (as uc_mem_read packs them)
 *                                u64 nkeys  keys[nkeys]
 *   i64 the card reader's offset in its file, -1 none (output devices are
 *       not rewound)
 *   (MCEMUST2) u32 irq, u32 1 when the S/360 board's interruption state
 *       follows: u32 enabled, u32 wait, u32 ext, u32 mck, u32 timer mode,
 *       u64 tick_insns, u64 waited, u64 next_tick (the requests held outside
 *       the CPU and the timer's schedule). The devices (files, positions,
 *       pending I/O interruptions) are the host's attachments and are not
 *       saved; version 1 files are still read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "monitor/mon_int.h"
#include "emulator/emu_s360.h"

#define STATE_MAGIC "MCEMUST2"
#define STATE_MAGIC_V1 "MCEMUST1"

static int put(FILE *f, uint64_t v, unsigned bytes)
{
    uint8_t b[8];
    for (unsigned i = 0; i < bytes; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    return fwrite(b, 1, bytes, f) == bytes ? 0 : -1;
}

static int get(FILE *f, uint64_t *v, unsigned bytes)
{
    uint8_t b[8];
    if (fread(b, 1, bytes, f) != bytes)
        return -1;
    *v = 0;
    for (unsigned i = bytes; i-- > 0;)
        *v = *v << 8 | b[i];
    return 0;
}

static uint64_t nkeys(const UcMachine *m, const UcCpu *cpu, unsigned s)
{
    uint32_t kb = m->spaces[s].key_block;
    if (kb == 0 || cpu->spaces[s].keys == NULL)
        return 0;
    return (cpu->spaces[s].size + kb - 1) / kb;
}

int mon_state_save(Mon *mon, const char *path)
{
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return mon_error(mon, NULL, "cannot create %s: %s", path, strerror(errno));
    const char *name = m->name ? m->name : "";
    int bad = fwrite(STATE_MAGIC, 1, 8, f) != 8;
    bad |= put(f, m->hash, 8) | put(f, strlen(name), 4);
    bad |= fwrite(name, 1, strlen(name), f) != strlen(name);
    bad |= put(f, m->nslots, 4);
    for (uint32_t i = 0; i < m->nslots; i++)
        bad |= put(f, cpu->state[i], 8);
    bad |= put(f, cpu->icount, 8) | put(f, cpu->ucount, 8) | put(f, cpu->upc, 4) | put(f, cpu->usp, 4);
    for (unsigned i = 0; i < UC_USTACK; i++)
        bad |= put(f, cpu->ustack[i], 4);
    for (unsigned i = 0; i < UC_NUREGS; i++)
        bad |= put(f, cpu->u[i], 8);
    bad |= put(f, (uint32_t)cpu->insn, 4) | put(f, (uint32_t)cpu->in_exec, 4);
    bad |= put(f, m->nspaces, 4);
    for (uint32_t s = 0; s < m->nspaces; s++) {
        uint64_t size = cpu->spaces[s].size;
        unsigned ub = m->spaces[s].unit_bytes;
        bad |= put(f, size, 8) | put(f, ub, 4);
        uint8_t *buf = malloc(size * ub + 1);   /* packed as uc_mem_read gives it */
        if (buf == NULL || uc_mem_read(cpu, s, 0, buf, size) != 0)
            bad = 1;
        else
            bad |= fwrite(buf, ub, size, f) != size;
        free(buf);
        uint64_t nk = nkeys(m, cpu, s);
        bad |= put(f, nk, 8);
        if (nk)
            bad |= fwrite(cpu->spaces[s].keys, 1, nk, f) != nk;
    }
    /* the card reader's place in its file (a restored program reads the
       same cards again); -1 when no reader is open */
    long pos = mon->run.reader_fp ? ftell(mon->run.reader_fp) : -1;
    bad |= put(f, (uint64_t)(int64_t)pos, 8);
    const EmuS360 *b = mon->run.board ? emu_s360_of(&mon->run) : NULL;
    bad |= put(f, (uint64_t)cpu->irq, 4) | put(f, b != NULL, 4);
    if (b)
        bad |= put(f, b->enabled, 4) | put(f, (uint64_t)b->wait, 4) | put(f, b->ext, 4) | put(f, (uint64_t)b->mck, 4) |
               put(f, (uint64_t)b->timer_mode, 4) | put(f, b->tick_insns, 8) | put(f, b->waited, 8) |
               put(f, b->next_tick, 8);
    bad |= fclose(f) != 0;
    if (bad)
        return mon_error(mon, NULL, "cannot write %s", path);
    fprintf(mon->out, "saved the state of %s\n", name);
    return 0;
}

int mon_state_restore(Mon *mon, const char *path)
{
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return mon_error(mon, NULL, "cannot open %s: %s", path, strerror(errno));
    char magic[8] = { 0 };
    uint64_t hash, len, v;
    char name[256];
    int rc = -1;
    uint64_t *slots = NULL;
    uint8_t **mem = calloc(m->nspaces ? m->nspaces : 1, sizeof *mem);
    uint8_t **keys = calloc(m->nspaces ? m->nspaces : 1, sizeof *keys);
    if (mem == NULL || keys == NULL)
        goto out;
    int v1 = 0;
    if (fread(magic, 1, 8, f) == 8 && memcmp(magic, STATE_MAGIC_V1, 8) == 0)
        v1 = 1;
    else if (memcmp(magic, STATE_MAGIC, 8) != 0) {
        mon_error(mon, NULL, "%s is not a saved machine state", path);
        goto out;
    }
    if (get(f, &hash, 8) || get(f, &len, 4) || len >= sizeof name || fread(name, 1, len, f) != len)
        goto truncated;
    name[len] = 0;
    if (strcmp(name, m->name ? m->name : "") != 0) {
        mon_error(mon, NULL, "%s holds a state of machine %s, not of %s", path, name, m->name ? m->name : "?");
        goto out;
    }
    if (hash != m->hash) {
        mon_error(mon, NULL, "%s holds a state of another version of machine %s (hash %016llX; this one %016llX)",
                  path, name, (unsigned long long)hash, (unsigned long long)m->hash);
        goto out;
    }
    if (get(f, &v, 4))
        goto truncated;
    if (v != m->nslots) {
        mon_error(mon, NULL, "%s: %llu state slots, the machine has %u", path, (unsigned long long)v, m->nslots);
        goto out;
    }
    slots = calloc(m->nslots ? m->nslots : 1, sizeof *slots);
    if (slots == NULL)
        goto out;
    for (uint32_t i = 0; i < m->nslots; i++)
        if (get(f, &slots[i], 8))
            goto truncated;
    uint64_t icount, ucount, upc, usp, ustack[UC_USTACK], u[UC_NUREGS], insn, in_exec, nspaces;
    if (get(f, &icount, 8) || get(f, &ucount, 8) || get(f, &upc, 4) || get(f, &usp, 4))
        goto truncated;
    for (unsigned i = 0; i < UC_USTACK; i++)
        if (get(f, &ustack[i], 4))
            goto truncated;
    for (unsigned i = 0; i < UC_NUREGS; i++)
        if (get(f, &u[i], 8))
            goto truncated;
    if (get(f, &insn, 4) || get(f, &in_exec, 4) || get(f, &nspaces, 4))
        goto truncated;
    if (nspaces != m->nspaces || upc > m->nwords || usp > UC_USTACK) {
        mon_error(mon, NULL, "%s does not fit this machine", path);
        goto out;
    }
    for (uint32_t s = 0; s < m->nspaces; s++) {
        uint64_t size, ub, nk;
        if (get(f, &size, 8) || get(f, &ub, 4))
            goto truncated;
        if (size != cpu->spaces[s].size || ub != m->spaces[s].unit_bytes) {
            mon_error(mon, NULL, "%s: space %s has %llu units; this machine has %llu (set storage %llu first)",
                      path, m->spaces[s].name, (unsigned long long)size, (unsigned long long)cpu->spaces[s].size,
                      (unsigned long long)size);
            goto out;
        }
        mem[s] = malloc(size * ub + 1);
        if (mem[s] == NULL || fread(mem[s], ub, size, f) != size)
            goto truncated;
        if (get(f, &nk, 8))
            goto truncated;
        if (nk != nkeys(m, cpu, s)) {
            mon_error(mon, NULL, "%s: the storage keys of %s do not fit this machine", path, m->spaces[s].name);
            goto out;
        }
        keys[s] = malloc(nk + 1);
        if (keys[s] == NULL || fread(keys[s], 1, nk, f) != nk)
            goto truncated;
    }
    uint64_t reader_pos;
    if (get(f, &reader_pos, 8))
        goto truncated;
    EmuS360 *b = mon->run.board ? emu_s360_of(&mon->run) : NULL;
    uint64_t irq = 0, hasb = 0, bv[8] = { 0 };
    if (!v1) {
        if (get(f, &irq, 4) || get(f, &hasb, 4))
            goto truncated;
        if (hasb) {
            static const unsigned size[8] = { 4, 4, 4, 4, 4, 8, 8, 8 };
            for (unsigned i = 0; i < 8; i++)
                if (get(f, &bv[i], size[i]))
                    goto truncated;
            if (b == NULL || bv[4] > EMU_TIMER_OFF) {
                mon_error(mon, NULL, "%s does not fit this machine", path);
                goto out;
            }
        }
    }
    /* everything read: now change the machine */
    memcpy(cpu->state, slots, m->nslots * sizeof *slots);
    cpu->icount = icount;
    cpu->ucount = ucount;
    cpu->ustart = ucount;    /* not saved: the runaway count starts again */
    cpu->upc = (uint32_t)upc;
    cpu->usp = (uint32_t)usp;
    for (unsigned i = 0; i < UC_USTACK; i++)
        cpu->ustack[i] = (uint32_t)ustack[i];
    memcpy(cpu->u, u, sizeof u);
    cpu->insn = (int32_t)(uint32_t)insn;
    if (cpu->insn >= 0 && (uint32_t)cpu->insn >= m->ninsns)
        cpu->insn = -1;
    cpu->in_exec = in_exec != 0;
    for (uint32_t s = 0; s < m->nspaces; s++) {
        uint64_t size = cpu->spaces[s].size;
        mon->depositing = 1;
        uc_mem_write(cpu, s, 0, mem[s], size);      /* through the hook: the shadow follows */
        mon->depositing = 0;
        uint64_t nk = nkeys(m, cpu, s);
        if (nk)
            memcpy(cpu->spaces[s].keys, keys[s], nk);
    }
    if (mon->run.reader_fp && (int64_t)reader_pos >= 0)
        fseek(mon->run.reader_fp, (long)reader_pos, SEEK_SET);
    cpu->irq = irq != 0;
    if (hasb) {
        b->enabled = (unsigned)bv[0];
        b->wait = bv[1] != 0;
        b->ext = (unsigned)bv[2] & 0xFF;
        b->mck = bv[3] != 0;
        b->timer_mode = (EmuTimerMode)bv[4];
        b->tick_insns = bv[5] ? bv[5] : 1;
        b->waited = bv[6];
        b->next_tick = bv[7];
    }
    {
        uint32_t up = cpu->upc;
        mon->at_boundary = up == m->fetch_entry || (m->reset_entry != (uint32_t)UC_NONE && up == m->reset_entry);
    }
    fprintf(mon->out, "restored the state of %s\n", name);
    rc = 0;
    goto out;
truncated:
    mon_error(mon, NULL, "%s is truncated or damaged", path);
out:
    for (uint32_t s = 0; mem && keys && s < m->nspaces; s++) {
        free(mem[s]);
        free(keys[s]);
    }
    free(mem);
    free(keys);
    free(slots);
    fclose(f);
    return rc;
}
