# mcemu — top-level Makefile.
#   make            build build/mcemu
#   make run        build, then run the demonstration program
#   make test       build and run every test (summary: "N passed, N failed")
#   make bench      benchmark figures, against Hercules/SIMH when installed
#   make fuzz       build the fuzz targets (clang + libFuzzer)
# Variables: BUILD (build folder), CC, WERROR=1 (-Werror), SAN=1 (sanitizers).

BUILD   ?= build
CC      ?= cc
OPT     ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS := -D_POSIX_C_SOURCE=200809L -I$(BUILD)/gen -I.
CFLAGS  := $(OPT) $(WARN) $(if $(WERROR),-Werror) $(EXTRA_CFLAGS)
LDFLAGS :=
LDLIBS  := -lreadline
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ifeq ($(SAN),1)
CFLAGS  += $(SAN_FLAGS)
LDFLAGS += -fsanitize=address,undefined
endif
# flex and bison output is not ours to warn about
GEN_CFLAGS := $(OPT) -std=c11 $(EXTRA_CFLAGS) $(if $(filter 1,$(SAN)),$(SAN_FLAGS))

FLEX  ?= flex
BISON ?= bison

.PHONY: all run test bench fuzz fuzz-bins fuzz-run clean deps deps-ok
all: deps $(BUILD)/mcemu

include isa/module.mk
include microcode/module.mk
include assembler/module.mk
include emulator/module.mk
include monitor/module.mk

# Everything but main and the embedded machines.
CORE_SRCS := $(ISA_SRCS) $(UC_SRCS) $(ASM_SRCS) $(EMU_SRCS) $(MON_SRCS)
CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/obj/%.o) $(GEN_OBJS)
MAIN_OBJ  := $(BUILD)/obj/emulator/mcemu.o

include tests/module.mk

$(BUILD)/obj/%.o: %.c | deps-ok
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) -Iisa $(GEN_CFLAGS) -MMD -MP -c $< -o $@

# Stage 0 has no embedded machines; it compiles isa/machines/*.isa, whose
# .ucode files are then embedded in the real mcemu.
$(BUILD)/mcemu-stage0: $(CORE_OBJS) $(MAIN_OBJ) $(BUILD)/obj/emulator/emu_builtin_none.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

BUILTIN_MACHINES := s360 assist i1401
$(BUILD)/machines/%.ucode: isa/machines/%.isa $(BUILD)/mcemu-stage0
	@mkdir -p $(@D)
	$(BUILD)/mcemu-stage0 isac $< -o $@
$(BUILD)/machines/assist.ucode: isa/machines/s360.isa

$(BUILD)/gen/builtin_machines.c: emulator/embed.sh $(BUILTIN_MACHINES:%=$(BUILD)/machines/%.ucode)
	@mkdir -p $(@D)
	sh emulator/embed.sh $(BUILTIN_MACHINES:%=$(BUILD)/machines/%.ucode) > $@.tmp && mv $@.tmp $@

$(BUILD)/mcemu: $(CORE_OBJS) $(MAIN_OBJ) $(BUILD)/gen/builtin_machines.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

run: all
	@echo "--- programs/s360/hello.asm (assembled and run on the assist machine) ---"
	$(BUILD)/mcemu run programs/s360/hello.asm
	@echo "--- programs/s360/primes.asm ---"
	$(BUILD)/mcemu run programs/s360/primes.asm

test: all $(TEST_BINS)
	@BUILD=$(BUILD) sh tests/run.sh

bench: all
	@BUILD=$(BUILD) sh programs/bench/bench.sh

# Fuzz targets: tests/fuzz/fuzz_NAME.c -> build-fuzz/fuzz/fuzz_NAME (clang libFuzzer).
# `make fuzz` builds them; `make fuzz-run FUZZ_SECONDS=600` runs each, keeping
# corpora and crash inputs under build-fuzz/. Seeds: tests/fuzz/seeds/NAME, and the
# golden sources, programs and descriptions the targets read. An input may take 30 s
# before it counts as a hang: the guest targets run each input on both tiers, and
# some 1401 inputs take about 11 s so at -O0 under ASan (0.2 s at -O2 without).
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build-fuzz/fuzz/%)
FUZZ_SECONDS ?= 600
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang SAN=1 OPT="-O1 -g" \
	    EXTRA_CFLAGS="-fsanitize=fuzzer-no-link" fuzz-bins
fuzz-bins: $(FUZZ_BINS)
build-fuzz/fuzz/%: $(BUILD)/obj/tests/fuzz/%.o $(CORE_OBJS) $(BUILD)/obj/emulator/emu_builtin_none.o
	@mkdir -p $(@D)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)
fuzz-run: fuzz
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p build-fuzz/corpus/$$n build-fuzz/crashes/$$n; \
	    seeds=tests/fuzz/seeds/$$n; [ -d $$seeds ] || seeds=; \
	    case $$n in fuzz_asm) seeds="$$seeds tests/golden/asm programs/s360";; \
	                fuzz_isac) seeds="$$seeds isa/machines";; esac; \
	    echo "== $$n for $(FUZZ_SECONDS) s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=2048 \
	        -artifact_prefix=build-fuzz/crashes/$$n/ build-fuzz/corpus/$$n $$seeds || exit 1; done

clean:
	rm -rf $(BUILD) build-san build-clang build-fuzz

# Build dependencies: install what is missing when we can, else say how.
DEPS_PKGS := flex bison libreadline-dev libcmocka-dev
deps: deps-ok
deps-ok:
	@sh tests/deps.sh $(DEPS_PKGS)

# keep test and fuzz objects (they would be removed as intermediates)
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
