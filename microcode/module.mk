# microcode/ — the compiled machine, the .ucode container, the micro-engine
UC_SRCS := microcode/uc_machine.c microcode/uc_check.c microcode/uc_engine.c microcode/uc_file.c
UC_OBJS := $(UC_SRCS:%.c=$(BUILD)/obj/%.o)

# The micro-engine tests need only these objects; named here as well because
# tests/module.mk is read before CORE_OBJS is defined ($^ drops duplicates).
UC_TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_uc_*.c))
$(UC_TEST_BINS): $(UC_OBJS)
