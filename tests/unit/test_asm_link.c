/* test_asm_link.c — object decks and the linker (assembler/asm_object.c,
 * assembler/asm_link.c).
 *
 * 1. The real deck ../shared/testdata/s360/demo_asm_objdeck.bin, punched by
 *    IBM's DOS Assembler D (SYM cards too), linked at X'1800' as the DOS
 *    linkage editor did in demo_asm.expected.txt: the private code at 001800,
 *    IJFFZZZZ at 0018E0, highest address 001AFB; A-cons moved by X'1800', the
 *    V-con to IJFFZZZZ resolved to its load address. Skipped without ../shared.
 * 2. A program assembled to an object deck and linked at its origin equals
 *    the same program assembled straight to an image there (same bytes,
 *    same entry), with a V-con and A-cons between two sections.
 * 3. The card layout of a deck we punch: X'02', ESD/TXT/RLD/END in EBCDIC,
 *    byte counts, ESDIDs and sequence columns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "assembler/asm.h"
#include "isa/isa.h"

static const char demo[] = "../shared/testdata/s360/demo_asm_objdeck.bin";

static const AsmSymbol *sym(const AsmImage *img, const char *name)
{
    for (uint32_t i = 0; i < img->nsymbols; i++)
        if (strcmp(img->symbols[i].name, name) == 0)
            return &img->symbols[i];
    return NULL;
}

static uint32_t word(const AsmImage *img, uint64_t addr, int len)
{
    uint32_t v = 0;
    for (int i = 0; i < len; i++)
        v = v << 8 | img->bytes[addr - img->origin + (uint64_t)i];
    return v;
}

static void test_real_deck(void **state)
{
    (void)state;
    if (access(demo, R_OK) != 0)
        skip();
    const char *paths[] = { demo };
    FILE *null = fopen("/dev/null", "w");
    AsmImage *img = asm_link(paths, 1, 0x1800, 1, null);
    fclose(null);
    assert_non_null(img);
    assert_int_equal(img->nerrors, 0);
    assert_int_equal(img->origin, 0x1800);
    assert_int_equal(img->origin + img->size - 1, 0x1AFB);     /* HICORE */
    assert_int_equal(img->entry, 0x1800);                       /* END TESTGEN */
    const AsmSymbol *pc = sym(img, "(private)"), *ij = sym(img, "IJFFZZZZ");
    assert_non_null(pc);
    assert_non_null(ij);
    assert_int_equal(pc->value, 0x1800);
    assert_int_equal(pc->length, 0xDC);
    assert_int_equal(ij->value, 0x18E0);
    assert_int_equal(ij->length, 0x21C);
    assert_int_equal(word(img, 0x1800, 2), 0x0580);             /* BALR 8,0 */
    assert_int_equal(word(img, 0x18E0, 4), 0x47F0F06E);         /* IJFFZZZZ's first text */
    assert_int_equal(word(img, 0x180C, 4), 0x1848);             /* A-con, +X'1800' */
    assert_int_equal(word(img, 0x186D, 3), 0x186D);             /* 3-byte A-con */
    assert_int_equal(word(img, 0x18D8, 4), 0x1848);             /* =A(OUTFILE) */
    assert_int_equal(word(img, 0x1858, 4), 0x18E0);             /* V(IJFFZZZZ) */
    asm_image_free(img);
}

static const char two_sections[] =
    "MAIN     CSECT\n"
    "         USING MAIN,15\n"
    "         L     15,=V(SUB)\n"
    "         BALR  14,15\n"
    "         L     1,=A(DATA)\n"
    "         BR    14\n"
    "TAB      DC    A(MAIN,DATA,SUB+2),Y(DATA),AL3(TAB)\n"
    "         ENTRY DATA\n"
    "DATA     DC    F'7'\n"
    "SUB      CSECT\n"
    "         BR    14\n"
    "         DC    V(MAIN),A(TAB)\n"
    "         END   MAIN\n";

static UcMachine *s360(void)
{
    int nerr = 0;
    FILE *null = fopen("/dev/null", "w");
    UcMachine *m = isa_compile_file("isa/machines/s360.isa", null, &nerr);
    fclose(null);
    return m;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_deck_equals_image(void **state)
{
    (void)state;
    UcMachine *m = s360();
    if (m == NULL)
        skip();
    char src[64], obj[64];
    snprintf(src, sizeof src, "/tmp/asmlink%d.asm", (int)getpid());
    snprintf(obj, sizeof obj, "/tmp/asmlink%d.obj", (int)getpid());
    write_file(src, two_sections);
    AsmOptions opt = { 0 };
    opt.origin = 0x3000;
    AsmImage *direct = asm_assemble(m, src, &opt, stderr);
    assert_non_null(direct);
    assert_int_equal(direct->nerrors, 0);
    AsmOptions o2 = { 0 };
    o2.object = obj;
    AsmImage *asmd = asm_assemble(m, src, &o2, stderr);
    assert_non_null(asmd);
    assert_int_equal(asmd->nerrors, 0);
    const char *paths[] = { obj };
    AsmImage *linked = asm_link(paths, 1, 0x3000, 0, stderr);
    assert_non_null(linked);
    assert_int_equal(linked->nerrors, 0);
    assert_int_equal(linked->origin, direct->origin);
    assert_int_equal(linked->size, direct->size);
    assert_int_equal(linked->entry, direct->entry);
    assert_memory_equal(linked->bytes, direct->bytes, direct->size);
    const AsmSymbol *data = sym(linked, "DATA");
    assert_non_null(data);
    assert_int_equal(data->value, sym(direct, "DATA")->value);
    asm_image_free(direct);
    asm_image_free(asmd);
    asm_image_free(linked);
    unlink(src);
    unlink(obj);
    uc_machine_free(m);
}

static void test_card_layout(void **state)
{
    (void)state;
    UcMachine *m = s360();
    if (m == NULL)
        skip();
    char src[64], obj[64];
    snprintf(src, sizeof src, "/tmp/asmcard%d.asm", (int)getpid());
    snprintf(obj, sizeof obj, "/tmp/asmcard%d.obj", (int)getpid());
    write_file(src, two_sections);
    AsmOptions o = { 0 };
    o.object = obj;
    AsmImage *img = asm_assemble(m, src, &o, stderr);
    assert_non_null(img);
    FILE *f = fopen(obj, "rb");
    assert_non_null(f);
    uint8_t c[80 * 16];
    size_t n = fread(c, 1, sizeof c, f);
    fclose(f);
    assert_int_equal(n % 80, 0);
    /* ESD: MAIN SD 1, SUB ER 2, SUB SD 3 (V(SUB) comes before SUB CSECT), MAIN ER 4, DATA LD */
    static const uint8_t esd[] = { 0x02, 0xC5, 0xE2, 0xC4 };
    assert_memory_equal(c, esd, 4);
    assert_int_equal(c[10] << 8 | c[11], 48);
    assert_int_equal(c[14] << 8 | c[15], 1);
    static const uint8_t main_sd[] = { 0xD4, 0xC1, 0xC9, 0xD5, 0x40, 0x40, 0x40, 0x40, 0x00, 0, 0, 0 };
    assert_memory_equal(c + 16, main_sd, sizeof main_sd);
    /* sequence: MAIN0001 */
    static const uint8_t seq[] = { 0xD4, 0xC1, 0xC9, 0xD5, 0xF0, 0xF0, 0xF0, 0xF1 };
    assert_memory_equal(c + 72, seq, 8);
    /* the last card is END with the entry's ESDID 1 */
    const uint8_t *end = c + n - 80;
    static const uint8_t endt[] = { 0x02, 0xC5, 0xD5, 0xC4 };
    assert_memory_equal(end, endt, 4);
    assert_int_equal(end[14] << 8 | end[15], 1);
    asm_image_free(img);
    unlink(src);
    unlink(obj);
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_deck),
        cmocka_unit_test(test_deck_equals_image),
        cmocka_unit_test(test_card_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
