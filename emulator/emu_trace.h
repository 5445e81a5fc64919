/* emu_trace.h — `mcemu run --trace`: one line per instruction. */
#ifndef EMU_TRACE_H
#define EMU_TRACE_H

#include <stdio.h>
#include "emulator/emu_run.h"

/* Run up to max instructions one at a time, printing for each its address,
   bytes, disassembly, the registers it changed and the storage it wrote. */
UcStop emu_trace_run(EmuRun *r, uint64_t max, FILE *out);

#endif
