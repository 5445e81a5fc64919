# isa/ — the description compiler isac (flex lexer, bison parser, checker,
# lowering to micro-ops, dispatch, listing and reference).
ISA_SRCS := isa/isa_ast.c isa/isa_diag.c isa/isa_check.c isa/isa_lower.c \
            isa/isa_decode.c isa/isa_list.c isa/isa_doc.c isa/isa_main.c
GEN_OBJS := $(BUILD)/gen/isa_lex.o $(BUILD)/gen/isa_parse.o

# flex and bison may be what deps-ok installs, so they wait for it (make -j);
# a pattern rule, because one bison run makes both files
$(BUILD)/gen/isa_%.c $(BUILD)/gen/isa_%.h: isa/isa_%.y | deps-ok
	@mkdir -p $(@D)
	$(BISON) --header=$(BUILD)/gen/isa_$*.h -o $(BUILD)/gen/isa_$*.c $<

$(BUILD)/gen/isa_lex.c: isa/isa_lex.l $(BUILD)/gen/isa_parse.h | deps-ok
	@mkdir -p $(@D)
	$(FLEX) -o $@ $<

$(BUILD)/gen/isa_lex.o: $(BUILD)/gen/isa_parse.h
# every isa/ object needs the generated parser header
$(ISA_SRCS:%.c=$(BUILD)/obj/%.o): $(BUILD)/gen/isa_parse.h
