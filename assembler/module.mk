# assembler/ — table-driven assembler and disassembler
ASM_SRCS :=
