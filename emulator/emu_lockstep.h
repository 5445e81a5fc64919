/* emu_lockstep.h — two CPUs run side by side, one instruction at a time,
 * their architected state compared after every instruction (`mcemu run
 * --lockstep`): the reference (tier 0) and a second CPU on which a faster
 * tier is installed (tier 1), to prove the tier equal to the microcode.
 *
 * Devices run on the reference side only. The reference CPU is the
 * EmuRun's own: its board's events (interval timer steps, device work in a
 * wait) and its host helpers (printer, reader, channels, the interruption
 * requests) act as in `mcemu run`, but each helper call is recorded: its
 * arguments, result, return, the interruption request it leaves and every
 * storage write and state change it makes. The second CPU has no devices:
 * its helpers replay the record in order (a call the reference did not make,
 * or made with other arguments, is a difference), and the board's writes
 * between instructions are copied to it. So nothing is printed or read
 * twice, input reaches both CPUs the same way (through storage, as a
 * channel puts it), and a program's output is exactly that of a plain run.
 * Devices must write storage through uc_mem_write (the store hook), as the
 * translation invalidation of tier 1 requires too.
 *
 * Compared after every instruction: every state slot (registers, PSW, the
 * 1401's registers and indicators), the instruction count, the micro-PC, the
 * interruption request, the storage keys, and the storage units written by
 * either CPU since the last check (store hook); all of storage every
 * `full_every` instructions and at the end.
 */
#ifndef EMU_LOCKSTEP_H
#define EMU_LOCKSTEP_H

#include <stdint.h>
#include <stdio.h>
#include "emulator/emu_run.h"

typedef struct EmuLockstep EmuLockstep;

/* Pair r->cpu (set up and ready to run: after emu_run_open) with a copy of
   it: same storage, state and micro-state. NULL and a message in err on
   failure. The second CPU runs tier 0 until a tier is installed on it
   (emu_lockstep_second). `label` names it in reports ("tier 1"). */
EmuLockstep *emu_lockstep_new(EmuRun *r, const char *label, char *err, size_t errsize);
/* Restores r->cpu's helpers and store hook, frees the second CPU. */
void emu_lockstep_free(EmuLockstep *ls);

UcCpu *emu_lockstep_second(EmuLockstep *ls);
/* All of storage is compared every n instructions (0: only at the end). */
void emu_lockstep_set_full_every(EmuLockstep *ls, uint64_t n);

/* Run up to max_insns instructions (0: no limit) on both CPUs, with the
   board's events as emu_exec has them. Returns the reference's stop; *differs
   is set (and the run stops) at the first instruction after which the two
   states differ; the report (instruction, disassembly, differing items and
   storage) then goes to `report`. */
UcStop emu_lockstep_exec(EmuLockstep *ls, uint64_t max_insns, int *differs, FILE *report);

/* `mcemu run --lockstep [--tier T]`: pair r->cpu, the reference (the
   micro-interpreter without the decode cache: every instruction fetched by
   the micro-code), with a second CPU on tier 1 (T = 1; tier 0 when tier 1
   is not available for the machine: then said on `report`, and that is no
   test of tier 1) or on tier 0 with the decode cache (T = 0), run as
   emu_lockstep_exec, report a difference and the count compared on
   `report` (stderr for `mcemu run`). Returns the reference's stop. */
UcStop emu_lockstep_run(EmuRun *r, uint64_t max_insns, int *differs, int tier, FILE *report);

/* Instructions compared so far. */
uint64_t emu_lockstep_count(const EmuLockstep *ls);

/* Two CPUs of one machine, each run on its own (say tier 0 and tier 1 on
   the same program), left in the same state: the stop and its code, the
   instruction and micro-instruction counts, micro-PC and micro-stack depth,
   every state slot, all of storage and the storage keys. 0 when they are;
   else 1 with the first difference described in why. */
int emu_cpu_differs(const UcCpu *a, const UcCpu *b, char *why, size_t size);

#endif
