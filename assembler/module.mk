# assembler/ — table-driven assembler and disassembler
ASM_SRCS := assembler/asm_source.c assembler/asm_symtab.c assembler/asm_diag.c \
            assembler/asm_expr.c assembler/asm_optable.c assembler/asm_operand.c \
            assembler/asm_data.c assembler/asm_assemble.c assembler/asm_listing.c \
            assembler/asm_disasm.c assembler/asm_main.c
