# assembler/ — table-driven assembler and disassembler
ASM_SRCS := assembler/asm_source.c assembler/asm_symtab.c assembler/asm_diag.c \
            assembler/asm_expr.c assembler/asm_optable.c assembler/asm_operand.c \
            assembler/asm_data.c assembler/asm_assemble.c assembler/asm_listing.c \
            assembler/asm_disasm.c assembler/asm_main.c \
            assembler/asm_decimal.c assembler/asm_object.c assembler/asm_link.c assembler/asm_macro.c \
            assembler/asm_autocoder.c assembler/asm_ipl.c

# The assembler tests link what they use; named here because tests/module.mk
# is read before CORE_OBJS is defined ($^ drops duplicates). asm_main.o
# needs emu_load_machine, hence the machine loader, isac and the container.
ASM_TEST_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_asm_*.c))
$(ASM_TEST_BINS): $(ASM_SRCS:%.c=$(BUILD)/obj/%.o) $(ISA_SRCS:%.c=$(BUILD)/obj/%.o) $(GEN_OBJS) \
                  $(UC_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/emulator/emu_charset.o \
                  $(BUILD)/obj/emulator/emu_machine.o
