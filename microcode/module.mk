# microcode/ — the compiled machine, the .ucode container, the micro-engine
UC_SRCS := microcode/uc_machine.c microcode/uc_check.c microcode/uc_engine.c microcode/uc_file.c
UC_OBJS := $(UC_SRCS:%.c=$(BUILD)/obj/%.o)

# The engine dispatches by computed goto under GNU C (about 1.4x the switch);
# `make UC_DISPATCH=switch` builds the portable switch loop instead.
ifneq ($(UC_DISPATCH),switch)
$(BUILD)/obj/microcode/uc_engine.o: CPPFLAGS += -DUC_COMPUTED_GOTO
endif

# Engine speed on a synthetic S/360-shaped control store (not part of the core).
$(BUILD)/uc_bench: $(BUILD)/obj/microcode/uc_bench.o $(UC_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^
