/* test_uc_file.c — the .ucode container (microcode/uc_file.h): a machine
 * written and read back is the same machine; truncated, bit-flipped or
 * hostile data is refused with a message (or, when the damage still leaves
 * a consistent machine, loads one that passes uc_machine_check), never a
 * crash — run this under SAN=1 too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "microcode/uc_file.h"
#include "microcode/uc_engine.h"
#include "test_uc_build.h"

/* A machine using every section: syntax tables, debug lines, files, routines. */
static UcMachine *full_machine(void)
{
    UcWord ws[] = {
        tb_w(UC_MOVI, 1, 0, 0, 32, 0, 0, 0, 0x1A37),
        tb_w(UC_EXT, 2, 1, 0, 8, 0, 0, 0, 8),
        tb_w(UC_DISPATCH, 0, 2, 1, 0, 0, 0, 0, 0),
    };
    UcMachine *m = tb_machine(ws, 3);
    m->spaces[0].nsubfields = 1;
    m->spaces[0].subfields = calloc(1, sizeof *m->spaces[0].subfields);
    m->spaces[0].subfields[0] = (UcSubfield){ tb_dup("WM"), 7, 1 };
    m->spaces[0].nsizes = 2;
    m->spaces[0].sizes = malloc(2 * sizeof(uint64_t));
    m->spaces[0].sizes[0] = 4096;
    m->spaces[0].sizes[1] = 8192;
    m->nmodes = 1;
    m->modes = calloc(1, sizeof *m->modes);
    UcMode *md = &m->modes[0];
    md->name = tb_dup("R");
    md->kind = UC_MODE_PLAIN;
    md->nparams = 1;
    md->params[0] = (UcModeParam){ tb_dup("r"), 4, 0, 0 };
    md->disp_param = md->base_param = md->index_param = md->length_param = -1;
    md->nforms = 1;
    md->forms = calloc(1, sizeof *md->forms);
    md->forms[0].tmpl = tb_dup("{r}");
    md->forms[0].ncond = 1;
    md->forms[0].cond[0].param = 0;
    md->forms[0].cond[0].value = -3;
    m->insns[0].noperands = 2;
    m->insns[0].operands[0] = (UcOperand){ 0, 0, { 1, 0, 0, 0 } };
    m->insns[0].operands[1] = (UcOperand){ 0, 1, { 2, 0, 0, 0 } };
    m->insns[0].attrs = UC_A_BRANCH;
    m->insns[0].fixed_mask = 0xFF00;
    m->insns[0].fixed_match = 0x1A00;
    m->insns[0].line = 12;
    m->naliases = 1;
    m->aliases = calloc(1, sizeof *m->aliases);
    m->aliases[0] = (UcAlias){ tb_dup("A0"), 0, 1, { { 1, 0 } }, 1 };
    m->nfiles = 1;
    m->files = calloc(1, sizeof *m->files);
    m->files[0] = (UcSourceFile){ tb_dup("test.isa"), tb_dup("format RR : 16 { op:8 r1:4 r2:4 }\n") };
    m->debug = calloc(m->nwords, sizeof *m->debug);
    for (uint32_t i = 0; i < m->nwords; i++)
        m->debug[i] = (UcDebugLine){ 0, 10 + i, (uint16_t)(i + 1), i < 3 ? -1 : 0 };
    m->nroutines = 1;
    m->routines = calloc(1, sizeof *m->routines);
    m->routines[0] = (UcRoutine){ tb_dup("fetch"), 0, 3 };
    m->decode = (UcDecodeRule){ UC_LEN_BY_KEY, 1, 0, 8, UC_NONE, 0, 0, 0 };
    m->spaces[0].faults[UC_FAULT_FETCHPROT] = (UcTrapRef){ UC_TRAP_STOP(TB_STOP_C), 0 };
    m->reset_entry = 1;
    return m;
}

static int str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Field-by-field comparison (the structs have padding: no memcmp). */
static void assert_same(const UcMachine *a, const UcMachine *b)
{
    assert_true(str_eq(a->name, b->name) && str_eq(a->title, b->title) && str_eq(a->charset, b->charset));
    assert_int_equal(a->bitorder, b->bitorder); assert_int_equal(a->endian, b->endian);
    assert_int_equal(a->addr_bits, b->addr_bits); assert_int_equal(a->wrap, b->wrap);
    assert_int_equal(a->hash, b->hash);
    assert_int_equal(a->nitems, b->nitems); assert_int_equal(a->nslots, b->nslots);
    for (uint32_t i = 0; i < a->nitems; i++) {
        assert_true(str_eq(a->items[i].name, b->items[i].name));
        assert_int_equal(a->items[i].width, b->items[i].width);
        assert_int_equal(a->items[i].count, b->items[i].count);
        assert_int_equal(a->items[i].slot, b->items[i].slot);
        assert_int_equal(a->items[i].nnumbers, b->items[i].nnumbers);
        for (uint32_t j = 0; j < a->items[i].nnumbers; j++)
            assert_int_equal(a->items[i].number_map[j], b->items[i].number_map[j]);
    }
    assert_int_equal(a->nfields, b->nfields);
    for (uint32_t i = 0; i < a->nfields; i++) {
        assert_true(str_eq(a->fields[i].name, b->fields[i].name));
        assert_int_equal(a->fields[i].shift, b->fields[i].shift);
        assert_int_equal(a->fields[i].len, b->fields[i].len);
    }
    assert_int_equal(a->nspaces, b->nspaces);
    const UcSpace *sa = &a->spaces[0], *sb = &b->spaces[0];
    assert_true(str_eq(sa->name, sb->name));
    assert_int_equal(sa->max_size, sb->max_size);
    assert_int_equal(sa->nsizes, sb->nsizes);
    assert_int_equal(sa->sizes[1], sb->sizes[1]);
    assert_true(str_eq(sa->subfields[0].name, sb->subfields[0].name));
    for (int k = 0; k < UC_NFAULTS; k++) {
        assert_int_equal(sa->faults[k].interrupt, sb->faults[k].interrupt);
        assert_int_equal(sa->faults[k].code, sb->faults[k].code);
    }
    assert_int_equal(sa->key_block, sb->key_block);
    assert_int_equal(sa->key_field, sb->key_field);
    assert_int_equal(sa->fetch_prot_bit, sb->fetch_prot_bit);
    assert_int_equal(a->tables[0].values[3], b->tables[0].values[3]);
    assert_true(str_eq(a->consts[0].name, b->consts[0].name));
    assert_int_equal(a->consts[0].value, b->consts[0].value);
    assert_int_equal(a->interrupts[0].entry, b->interrupts[0].entry);
    assert_int_equal(a->interrupts[0].param_ureg[0], b->interrupts[0].param_ureg[0]);
    assert_int_equal(a->nstops, b->nstops);
    assert_true(str_eq(a->stops[5].message, b->stops[5].message));
    assert_int_equal(a->helpers[0].has_result, b->helpers[0].has_result);
    assert_int_equal(a->nformats, b->nformats);
    for (uint32_t i = 0; i < a->nformats; i++) {
        assert_int_equal(a->formats[i].nfields, b->formats[i].nfields);
        for (unsigned j = 0; j < a->formats[i].nfields; j++) {
            assert_true(str_eq(a->formats[i].fields[j].name, b->formats[i].fields[j].name));
            assert_int_equal(a->formats[i].fields[j].is_signed, b->formats[i].fields[j].is_signed);
        }
    }
    assert_int_equal(a->decode.key_len, b->decode.key_len);
    assert_int_equal(a->decode.delim_subfield, b->decode.delim_subfield);
    assert_int_equal(a->dispatch.key_bits, b->dispatch.key_bits);
    for (uint32_t k = 0; k < 256; k++)
        assert_int_equal(a->dispatch.first[k], b->dispatch.first[k]);
    assert_int_equal(a->ncands, b->ncands);
    assert_int_equal(a->cands[1].mask, b->cands[1].mask);
    assert_int_equal(a->cands[1].next, b->cands[1].next);
    assert_true(str_eq(a->modes[0].forms[0].tmpl, b->modes[0].forms[0].tmpl));
    assert_int_equal(a->modes[0].forms[0].cond[0].value, b->modes[0].forms[0].cond[0].value);
    assert_int_equal(a->modes[0].disp_param, b->modes[0].disp_param);
    assert_int_equal(a->ninsns, b->ninsns);
    assert_int_equal(a->insns[0].operands[1].optional, b->insns[0].operands[1].optional);
    assert_int_equal(a->insns[0].fixed_match, b->insns[0].fixed_match);
    assert_true(str_eq(a->insns[2].syntax, b->insns[2].syntax));
    assert_true(str_eq(a->aliases[0].mnemonic, b->aliases[0].mnemonic));
    assert_int_equal(a->nwords, b->nwords);
    for (uint32_t i = 0; i < a->nwords; i++) {
        const UcWord *x = &a->words[i], *y = &b->words[i];
        assert_true(x->op == y->op && x->dst == y->dst && x->a == y->a && x->b == y->b
                    && x->width == y->width && x->flags == y->flags && x->aux == y->aux
                    && x->target == y->target && x->imm == y->imm);
        assert_int_equal(a->debug[i].line, b->debug[i].line);
        assert_int_equal(a->debug[i].insn, b->debug[i].insn);
    }
    assert_int_equal(a->fetch_entry, b->fetch_entry);
    assert_int_equal(a->reset_entry, b->reset_entry);
    assert_true(str_eq(a->files[0].text, b->files[0].text));
    assert_true(str_eq(a->routines[0].name, b->routines[0].name));
    for (int i = 0; i < UC_NUREGS; i++)
        assert_true(str_eq(a->ureg_names[i], b->ureg_names[i]));
}

static void test_round_trip(void **state)
{
    (void)state;
    UcMachine *m = full_machine();
    char err[300] = "";
    assert_int_equal(uc_machine_check(m, err, sizeof err), 0);
    uint8_t *data;
    size_t size;
    assert_int_equal(uc_write_mem(m, &data, &size), 0);
    assert_memory_equal(data, UC_FILE_MAGIC, 8);
    UcMachine *b = uc_read_mem(data, size, err, sizeof err);
    if (!b)
        fail_msg("read back: %s", err);
    assert_same(m, b);
    /* writing the copy gives the same bytes */
    uint8_t *data2;
    size_t size2;
    assert_int_equal(uc_write_mem(b, &data2, &size2), 0);
    assert_int_equal(size, size2);
    assert_memory_equal(data, data2, size);
    /* and it runs */
    UcCpu *cpu = uc_cpu_new(b, 0, err, sizeof err);
    assert_non_null(cpu);
    cpu->upc = 0;
    assert_int_equal(uc_run(cpu, 0, 100), UC_STOP_MACHINE);
    assert_int_equal(cpu->stop_code, TB_STOP_A);
    uc_cpu_free(cpu);
    /* through a file */
    char path[] = "/tmp/test_uc_file_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(uc_write_file(m, path, err, sizeof err), 0);
    UcMachine *c = uc_read_file(path, err, sizeof err);
    assert_non_null(c);
    assert_same(m, c);
    remove(path);
    assert_null(uc_read_file("no/such/file.ucode", err, sizeof err));
    assert_non_null(strstr(err, "no/such/file.ucode: cannot open"));
    free(data);
    free(data2);
    uc_machine_free(c);
    uc_machine_free(b);
    uc_machine_free(m);
}

static void rehash(uint8_t *d, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 20; i < n; i++) {
        h ^= d[i];
        h *= UINT64_C(0x100000001b3);
    }
    for (int i = 0; i < 8; i++)
        d[12 + i] = (uint8_t)(h >> (8 * i));
}

/* Either refused with a message, or a consistent machine. */
static void try_load(const uint8_t *d, size_t n, unsigned *refused, unsigned *loaded)
{
    char err[300] = "";
    UcMachine *m = uc_read_mem(d, n, err, sizeof err);
    if (!m) {
        assert_true(err[0] != '\0');
        ++*refused;
        return;
    }
    assert_int_equal(uc_machine_check(m, err, sizeof err), 0);
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    if (cpu) {                 /* it must run without crashing, too */
        uc_run(cpu, 0, 2000);
        uc_cpu_free(cpu);
    }
    uc_machine_free(m);
    ++*loaded;
}

static void test_damaged(void **state)
{
    (void)state;
    UcMachine *m = full_machine();
    uint8_t *data;
    size_t size;
    assert_int_equal(uc_write_mem(m, &data, &size), 0);
    uint8_t *d = malloc(size);
    unsigned refused = 0, loaded = 0;
    char err[300];

    /* every truncation, with the hash as written and with it recomputed */
    for (size_t n = 0; n < size; n++) {
        memcpy(d, data, n);
        try_load(d, n, &refused, &loaded);
        if (n >= 20) {
            rehash(d, n);
            try_load(d, n, &refused, &loaded);
        }
    }
    assert_int_equal(loaded, 0);
    /* every byte flipped in several ways: the hash catches it, and with the
       hash recomputed the reader or the check must */
    static const uint8_t flips[] = { 0x01, 0x80, 0xFF, 0x10 };
    for (size_t i = 0; i < size; i++)
        for (size_t k = 0; k < sizeof flips; k++) {
            memcpy(d, data, size);
            d[i] ^= flips[k];
            unsigned before = loaded;
            try_load(d, size, &refused, &loaded);
            assert_int_equal(loaded, before);
            rehash(d, size);
            try_load(d, size, &refused, &loaded);
        }
    /* bytes set to large values (hostile counts) */
    for (size_t i = 20; i + 4 <= size; i++) {
        memcpy(d, data, size);
        memset(d + i, 0xFF, 4);
        d[i + 3] = 0x7F;
        rehash(d, size);
        try_load(d, size, &refused, &loaded);
    }
    assert_true(refused > size);
    /* messages */
    assert_null(uc_read_mem(data, 10, err, sizeof err));
    assert_string_equal(err, "not a .ucode file (bad magic)");
    memcpy(d, data, size);
    d[8] = 9;
    assert_null(uc_read_mem(d, size, err, sizeof err));
    assert_non_null(strstr(err, "version 9"));
    memcpy(d, data, size);
    d[size - 1] ^= 1;
    assert_null(uc_read_mem(d, size, err, sizeof err));
    assert_non_null(strstr(err, "hash"));
    print_message("damaged inputs: %u refused, %u loaded a consistent machine\n", refused, loaded);
    free(d);
    free(data);
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
