/* The stage-0 build of mcemu has no embedded machines: it only compiles them. */
#include "emu_machine.h"

const EmuBuiltin emu_builtins[] = { { NULL, NULL, NULL, 0 } };
