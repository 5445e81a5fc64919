# emulator/ — the machine around the engine and the mcemu driver (mcemu.c is MAIN_OBJ)
EMU_SRCS := emulator/emu_charset.c
