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
 * 4. Complexly relocatable A- and Y-type constants (HLASM Language Reference,
 *    "Complex relocatable expressions", "Address constants - A and Y"): one
 *    RLD item per unpaired relocatable term, the sign flag (bit 6 of the
 *    flag byte, X'02') on subtracted terms; linked, each constant holds the
 *    expression's value with the load addresses.
 * 5. The IPL deck of a linked program (A22-6821, "Initial Program Loading"):
 *    card 1 holds a disabled BC-mode PSW at the loader and the CCWs that
 *    read the loader's two cards there (Read X'02', command chaining + SLI
 *    then SLI, 80 bytes); the loader sits on the doubleword after the text
 *    and ends with the program's PSW (X'0000000000' and the entry); then
 *    the image, 80 bytes a card, zero-padded. (Hercules runs such a deck in
 *    tests/accept/asm_ipl_deck.sh.)
 * 6. Common areas (Linkage Editor and Loader, "Common areas"): a COM of
 *    the same name in two decks is one area, as long as the longest,
 *    placed after the control sections on a doubleword; the A-cons of both
 *    decks point at it. A weak reference (WXTRN) nobody defines is 0.
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

/* Two decks. ONE (X'14' bytes) and TWO (4) from the first, OTHER (12) with
   the entries EXT1 at +4 and EXT2 at +8 from the second. Linked at X'4000':
   ONE 4000, TWO 4018 (doubleword), OTHER 4020, EXT1 4024, EXT2 4028. */
static const char complex1[] =
    "ONE      CSECT\n"
    "         EXTRN EXT1,EXT2\n"
    "A1       DC    A(EXT1-EXT2)\n"
    "A2       DC    A(B1-ONE+EXT1)\n"
    "A3       DC    A(A1-B1+8)\n"
    "A4       DC    Y(EXT2-EXT1)\n"
    "A5       DC    A(-ONE)\n"
    "TWO      CSECT\n"
    "B1       DC    F'7'\n"
    "         END\n";
static const char complex2[] =
    "OTHER    CSECT\n"
    "         ENTRY EXT1,EXT2\n"
    "         DC    F'0'\n"
    "EXT1     DC    F'1'\n"
    "EXT2     DC    F'2'\n"
    "         END\n";

/* The RLD items of a deck: (R, P, flag, address) in card order. */
static int rld_items(const uint8_t *c, size_t n, int items[][4], int max)
{
    int k = 0;
    for (size_t i = 0; i + 80 <= n; i += 80) {
        const uint8_t *d = c + i;
        if (!(d[1] == 0xD9 && d[2] == 0xD3 && d[3] == 0xC4))
            continue;
        int cnt = d[10] << 8 | d[11], p = 0, r = 0, pid = 0, cont = 0;
        while (p < cnt && k < max) {
            if (!cont) {
                r = d[16 + p] << 8 | d[17 + p];
                pid = d[18 + p] << 8 | d[19 + p];
                p += 4;
            }
            int flag = d[16 + p];
            items[k][0] = r;
            items[k][1] = pid;
            items[k][2] = flag & 0xFE;
            items[k][3] = d[17 + p] << 16 | d[18 + p] << 8 | d[19 + p];
            k++;
            cont = flag & 1;
            p += 4;
        }
    }
    return k;
}

static void test_complex_relocatable(void **state)
{
    (void)state;
    UcMachine *m = s360();
    if (m == NULL)
        skip();
    char src1[64], src2[64], obj1[64], obj2[64];
    snprintf(src1, sizeof src1, "/tmp/asmcx1%d.asm", (int)getpid());
    snprintf(src2, sizeof src2, "/tmp/asmcx2%d.asm", (int)getpid());
    snprintf(obj1, sizeof obj1, "/tmp/asmcx1%d.obj", (int)getpid());
    snprintf(obj2, sizeof obj2, "/tmp/asmcx2%d.obj", (int)getpid());
    write_file(src1, complex1);
    write_file(src2, complex2);
    FILE *null = fopen("/dev/null", "w");
    AsmOptions o = { 0 };
    o.object = obj1;
    AsmImage *i1 = asm_assemble(m, src1, &o, null);
    assert_non_null(i1);
    assert_int_equal(i1->nerrors, 0);
    assert_int_equal(i1->rc, 4);           /* ASMA066W for the Y-con */
    o.object = obj2;
    AsmImage *i2 = asm_assemble(m, src2, &o, null);
    assert_non_null(i2);
    assert_int_equal(i2->nerrors, 0);
    /* ESDIDs: ONE 1, EXT1 2, EXT2 3, TWO 4 (order of definition) */
    FILE *f = fopen(obj1, "rb");
    assert_non_null(f);
    uint8_t c[80 * 16];
    size_t n = fread(c, 1, sizeof c, f);
    fclose(f);
    int it[16][4];
    int k = rld_items(c, n, it, 16);
    /* sorted by position ESDID, relocation ESDID, address */
    /* sorted by position ESDID, relocation ESDID, address; flag TTTTLLSC:
       X'0C' a 4-byte A-con added, X'0E' subtracted, X'04'/X'06' 2 bytes */
    static const int want[][4] = {
        { 1, 1, 0x0E, 0x04 },      /* A2: -ONE */
        { 1, 1, 0x0C, 0x08 },      /* A3: +ONE (A1) */
        { 1, 1, 0x0E, 0x10 },      /* A5: -ONE */
        { 2, 1, 0x0C, 0x00 },      /* A1: +EXT1 */
        { 2, 1, 0x0C, 0x04 },      /* A2: +EXT1 */
        { 2, 1, 0x06, 0x0C },      /* A4: -EXT1 */
        { 3, 1, 0x0E, 0x00 },      /* A1: -EXT2 */
        { 3, 1, 0x04, 0x0C },      /* A4: +EXT2 */
        { 4, 1, 0x0C, 0x04 },      /* A2: +TWO (B1) */
        { 4, 1, 0x0E, 0x08 },      /* A3: -TWO (B1) */
    };
    assert_int_equal(k, 10);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(it[i][0], want[i][0]);
        assert_int_equal(it[i][1], want[i][1]);
        assert_int_equal(it[i][2], want[i][2]);
        assert_int_equal(it[i][3], want[i][3]);
    }
    const char *paths[] = { obj1, obj2 };
    AsmImage *l = asm_link(paths, 2, 0x4000, 0, null);
    fclose(null);
    assert_non_null(l);
    assert_int_equal(l->nerrors, 0);
    assert_int_equal(sym(l, "TWO")->value, 0x4018);
    assert_int_equal(sym(l, "EXT1")->value, 0x4024);
    assert_int_equal(sym(l, "EXT2")->value, 0x4028);
    assert_int_equal(word(l, 0x4000, 4), 0xFFFFFFFC);    /* EXT1-EXT2 */
    assert_int_equal(word(l, 0x4004, 4), 0x403C);        /* 4018-4000+4024 */
    assert_int_equal(word(l, 0x4008, 4), 0xFFFFFFF0);    /* 4000-4018+8 */
    assert_int_equal(word(l, 0x400C, 2), 0x0004);        /* 4028-4024 */
    assert_int_equal(word(l, 0x4010, 4), 0xFFFFC000);    /* -4000 */
    asm_image_free(i1);
    asm_image_free(i2);
    asm_image_free(l);
    unlink(src1);
    unlink(src2);
    unlink(obj1);
    unlink(obj2);
    uc_machine_free(m);
}

static void test_ipl_deck(void **state)
{
    (void)state;
    UcMachine *m = s360();
    if (m == NULL)
        skip();
    char src[64], obj[64], deck[64];
    snprintf(src, sizeof src, "/tmp/asmipl%d.asm", (int)getpid());
    snprintf(obj, sizeof obj, "/tmp/asmipl%d.obj", (int)getpid());
    snprintf(deck, sizeof deck, "/tmp/asmipl%d.deck", (int)getpid());
    write_file(src, two_sections);
    FILE *null = fopen("/dev/null", "w");
    AsmOptions o = { 0 };
    o.object = obj;
    AsmImage *img = asm_assemble(m, src, &o, null);
    assert_non_null(img);
    const char *paths[] = { obj };
    AsmImage *l = asm_link(paths, 1, 0x3000, 0, null);
    assert_non_null(l);
    assert_int_equal(l->nerrors, 0);
    assert_int_equal(asm_ipl_deck(m, l, deck, null), 0);
    FILE *f = fopen(deck, "rb");
    assert_non_null(f);
    static uint8_t c[80 * 64];
    size_t n = fread(c, 1, sizeof c, f);
    fclose(f);
    uint64_t ntext = (l->size + 79) / 80;
    assert_int_equal(n, 80 * (3 + ntext));
    uint64_t at = (0x3000 + ntext * 80 + 7) / 8 * 8;
    const uint8_t psw[8] = { 0, 0, 0, 0, 0, (uint8_t)(at >> 16), (uint8_t)(at >> 8), (uint8_t)at };
    assert_memory_equal(c, psw, 8);
    const uint8_t ccw1[8] = { 0x02, (uint8_t)(at >> 16), (uint8_t)(at >> 8), (uint8_t)at, 0x60, 0, 0, 80 };
    assert_memory_equal(c + 8, ccw1, 8);
    uint64_t at2 = at + 80;
    const uint8_t ccw2[8] = { 0x02, (uint8_t)(at2 >> 16), (uint8_t)(at2 >> 8), (uint8_t)at2, 0x20, 0, 0, 80 };
    assert_memory_equal(c + 16, ccw2, 8);
    /* the program's PSW in the loader, on a doubleword */
    const uint8_t ppsw[8] = { 0, 0, 0, 0, 0, (uint8_t)(l->entry >> 16), (uint8_t)(l->entry >> 8),
                              (uint8_t)l->entry };
    int found = 0;
    for (int k = 0; k < 160; k += 8)
        found |= memcmp(c + 80 + k, ppsw, 8) == 0;
    assert_true(found);
    /* the text: the image, then zeros */
    assert_memory_equal(c + 240, l->bytes, l->size);
    for (uint64_t k = l->size; k < ntext * 80; k++)
        assert_int_equal(c[240 + k], 0);
    /* the PSW starts the program at its END entry, wherever that is */
    AsmImage moved = *l;
    moved.entry = l->origin + 8;
    assert_int_equal(asm_ipl_deck(m, &moved, deck, null), 0);
    f = fopen(deck, "rb");
    assert_non_null(f);
    n = fread(c, 1, sizeof c, f);
    fclose(f);
    const uint8_t mpsw[8] = { 0, 0, 0, 0, 0, (uint8_t)(moved.entry >> 16), (uint8_t)(moved.entry >> 8),
                              (uint8_t)moved.entry };
    found = 0;
    for (int k = 0; k < 160; k += 8)
        found |= memcmp(c + 80 + k, mpsw, 8) == 0;
    assert_true(found);
    /* nothing to load: an error, no deck */
    AsmImage empty = *l;
    empty.size = 0;
    unlink(deck);
    assert_int_equal(asm_ipl_deck(m, &empty, deck, null), -1);
    assert_int_equal(access(deck, F_OK), -1);
    fclose(null);
    asm_image_free(img);
    asm_image_free(l);
    unlink(src);
    unlink(obj);
    uc_machine_free(m);
}

static void test_common_areas(void **state)
{
    (void)state;
    UcMachine *m = s360();
    if (m == NULL)
        skip();
    static const char d1[] =
        "ONE      CSECT\n"
        "         WXTRN NOBODY\n"
        "         DC    A(AREA,AREA+8,NOBODY)\n"
        "AREA     COM\n"
        "         DS    CL20\n"
        "         END\n";
    static const char d2[] =
        "TWO      CSECT\n"
        "         DC    A(AREA)\n"
        "AREA     COM\n"
        "         DS    CL40\n"
        "         END\n";
    char s1[64], s2[64], o1[64], o2[64];
    snprintf(s1, sizeof s1, "/tmp/asmcm1%d.asm", (int)getpid());
    snprintf(s2, sizeof s2, "/tmp/asmcm2%d.asm", (int)getpid());
    snprintf(o1, sizeof o1, "/tmp/asmcm1%d.obj", (int)getpid());
    snprintf(o2, sizeof o2, "/tmp/asmcm2%d.obj", (int)getpid());
    write_file(s1, d1);
    write_file(s2, d2);
    FILE *null = fopen("/dev/null", "w");
    AsmOptions o = { 0 };
    o.object = o1;
    AsmImage *i1 = asm_assemble(m, s1, &o, null);
    o.object = o2;
    AsmImage *i2 = asm_assemble(m, s2, &o, null);
    assert_non_null(i1);
    assert_non_null(i2);
    assert_int_equal(i1->nerrors + i2->nerrors, 0);
    const char *paths[] = { o1, o2 };
    AsmImage *l = asm_link(paths, 2, 0x5000, 0, null);
    fclose(null);
    assert_non_null(l);
    assert_int_equal(l->nerrors, 0);
    /* ONE 5000 (12 bytes), TWO 5010 (4), AREA 5018, 40 long */
    assert_int_equal(sym(l, "TWO")->value, 0x5010);
    const AsmSymbol *area = sym(l, "AREA");
    assert_non_null(area);
    assert_int_equal(area->value, 0x5018);
    assert_int_equal(area->length, 40);
    assert_int_equal(l->size, 0x18 + 40);
    assert_int_equal(word(l, 0x5000, 4), 0x5018);
    assert_int_equal(word(l, 0x5004, 4), 0x5020);
    assert_int_equal(word(l, 0x5008, 4), 0);
    assert_int_equal(word(l, 0x5010, 4), 0x5018);
    asm_image_free(i1);
    asm_image_free(i2);
    asm_image_free(l);
    unlink(s1);
    unlink(s2);
    unlink(o1);
    unlink(o2);
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_deck),
        cmocka_unit_test(test_deck_equals_image),
        cmocka_unit_test(test_card_layout),
        cmocka_unit_test(test_complex_relocatable),
        cmocka_unit_test(test_ipl_deck),
        cmocka_unit_test(test_common_areas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
