# microcode/ — the compiled machine, the .ucode container, the micro-engine
UC_SRCS := microcode/uc_machine.c microcode/uc_check.c microcode/uc_engine.c microcode/uc_dcache.c microcode/uc_file.c
# tier 1: the registry and run loop (the generated machines register into it)
UC_SRCS += microcode/uc_tier1.c
UC_OBJS := $(UC_SRCS:%.c=$(BUILD)/obj/%.o)

# The engine dispatches by computed goto under GNU C (about 1.4x the switch);
# `make UC_DISPATCH=switch` builds the portable switch loop instead.
ifneq ($(UC_DISPATCH),switch)
$(BUILD)/obj/microcode/uc_engine.o: CPPFLAGS += -DUC_COMPUTED_GOTO
endif

# Engine speed on a synthetic S/360-shaped control store (not part of the core).
$(BUILD)/uc_bench: $(BUILD)/obj/microcode/uc_bench.o $(UC_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^

# Tier 1 (microcode/uc_gen.c): C generated from the control store of each
# built-in machine, compiled into mcemu (not into stage 0, which makes the
# .ucode files) and into the tier-1 test. Each generated file registers
# itself with uc_tier1.c.
# On by default (tier 1 is the default tier); `make UC_TIER1=0` leaves it out
# (about a minute less to build: the generated C is large).
# A generated file is replaced only when its text changes (no recompile).
ifneq ($(UC_TIER1),0)
T1_MACHINES := s360 assist i1401
T1_GEN_OBJS := $(T1_MACHINES:%=$(BUILD)/gen/uc_t1_%.o)
endif
# computed goto in the generated code too (each instruction end its own jump)
ifneq ($(UC_DISPATCH),switch)
$(T1_GEN_OBJS): CPPFLAGS += -DUC_COMPUTED_GOTO
endif
# -O1 without debug information: as fast as -O2 here (52 against 53 MIPS on
# the loop mix) in half the compile time (21 s against 44 s for s360).
# Under the sanitizers, -O0: clang's ASan takes over ten minutes at -O1 on one
# generated machine (one huge function), eight seconds at -O0.
# The generated C is ours: it is held to the same warnings as the rest.
$(T1_GEN_OBJS): GEN_CFLAGS := $(filter-out -O% -g,$(GEN_CFLAGS)) $(if $(filter 1,$(SAN)),-O0,-O1) \
    -Wall -Wextra $(if $(WERROR),-Werror)
$(BUILD)/uc_gen: $(BUILD)/obj/microcode/uc_gen.o $(UC_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^
# The stamp says uc_gen has run on the current .ucode, so that a make with
# nothing to do does not run it again when the text came out the same.
$(BUILD)/gen/uc_t1_%.stamp: $(BUILD)/machines/%.ucode $(BUILD)/uc_gen
	@mkdir -p $(@D)
	$(BUILD)/uc_gen $< $* > $(@:.stamp=.c).tmp && { cmp -s $(@:.stamp=.c).tmp $(@:.stamp=.c) \
	    && rm $(@:.stamp=.c).tmp || mv $(@:.stamp=.c).tmp $(@:.stamp=.c); } && touch $@
$(BUILD)/gen/uc_t1_%.c: $(BUILD)/gen/uc_t1_%.stamp
	@[ -f $@ ] || { $(BUILD)/uc_gen $(BUILD)/machines/$*.ucode $* > $@.tmp && mv $@.tmp $@; }
$(BUILD)/mcemu: $(T1_GEN_OBJS)
$(BUILD)/tests/test_uc_tier1: $(T1_GEN_OBJS)
$(BUILD)/tests/test_uc_dcache: $(T1_GEN_OBJS)
$(BUILD)/tests/test_guest_random: $(T1_GEN_OBJS)
# the guest fuzz targets run each input on both tiers (tests/fuzz/guest_run.h)
build-fuzz/fuzz/fuzz_guest360 build-fuzz/fuzz/fuzz_guest1401: $(T1_GEN_OBJS)
