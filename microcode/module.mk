# microcode/ — the compiled machine, the .ucode container, the micro-engine
UC_SRCS := microcode/uc_machine.c microcode/uc_check.c microcode/uc_engine.c
