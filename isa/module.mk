# isa/ — the description compiler (owned by whoever works on isac)
ISA_SRCS :=
# generated lexer and parser objects go into GEN_OBJS, e.g.
#   GEN_OBJS += $(BUILD)/gen/isa_lex.o $(BUILD)/gen/isa_parse.o
GEN_OBJS :=
