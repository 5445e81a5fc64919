# assembler/ — table-driven assembler and disassembler
ASM_SRCS := assembler/asm_main.c
