# tests/ — cmocka unit tests. Each tests/unit/test_NAME.c becomes
# $(BUILD)/tests/test_NAME, linked with the core objects (no embedded machines:
# tests compile isa/machines/*.isa themselves); tests/run.sh runs them.
TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(CORE_OBJS) $(BUILD)/obj/emulator/emu_builtin_none.o
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka
