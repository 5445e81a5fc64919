# emulator/ — the machine around the engine and the mcemu driver (mcemu.c is MAIN_OBJ)
EMU_SRCS := emulator/emu_charset.c emulator/emu_machine.c emulator/emu_run.c emulator/emu_s360.c emulator/emu_i1401.c emulator/emu_assist.c emulator/emu_trace.c emulator/emu_intr.c emulator/emu_chan.c emulator/emu_devconf.c emulator/emu_dev_card.c emulator/emu_dev_print.c emulator/emu_dev_cons.c emulator/emu_tapeimg.c emulator/emu_dev_tape.c
# lockstep between tiers and random programs from the description (emu_lockstep.h, emu_randprog.h)
EMU_SRCS += emulator/emu_lockstep.c emulator/emu_randprog.c
