/* test_asm_basic.c — the assembler on a hand-built machine: encodings of RR,
 * RX, RS, SI and SS instructions with explicit and implicit addresses,
 * USING resolution (HLASM Language Reference, "USING instruction": smallest
 * displacement, ties to the highest register), extended mnemonics,
 * expressions, every DC type, diagnostics, and the disassembler round trip.
 * Expected bytes are worked out from the Principles of Operation formats.
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
#include "test_asm_machine.h"

static char diagbuf[1 << 16];

/* Assemble text (cards separated by \n) at origin 0. */
static AsmImage *assemble_text(const char *text)
{
    char path[] = "/tmp/asmtestXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    FILE *d = fmemopen(diagbuf, sizeof diagbuf - 1, "w");
    AsmOptions opt = { 0 };
    AsmImage *img = asm_assemble(asm_test_machine(1), path, &opt, d);
    fclose(d);
    unlink(path);
    assert_non_null(img);
    return img;
}

static void expect_bytes(const AsmImage *img, uint64_t addr, const char *hex)
{
    size_t n = strlen(hex) / 2;
    assert_true(addr >= img->origin && addr - img->origin + n <= img->size);
    char got[512] = "";
    for (size_t i = 0; i < n && i < 250; i++)
        sprintf(got + 2 * i, "%02X", img->bytes[addr - img->origin + i]);
    assert_string_equal(got, hex);
}

static void expect_ok(const char *src, const char *hex)
{
    AsmImage *img = assemble_text(src);
    if (img->nerrors)
        fprintf(stderr, "%s", diagbuf);
    assert_int_equal(img->nerrors, 0);
    expect_bytes(img, 0, hex);
    asm_image_free(img);
}

static void test_rr_rx_explicit(void **state)
{
    (void)state;
    expect_ok(" LR 1,2\n AR 15,0\n BCR 8,14\n", "18121AF0078E");
    /* D2(X2,B2), D2(,B2), D2 alone, D2(X2) with no base */
    expect_ok(" L 2,8(1,12)\n L 2,8(,12)\n L 2,8\n LA 1,4095\n L 3,20(4)\n",
              "5821C008" "5820C008" "58200008" "41100FFF" "58340014");
    /* RS with and without r3, SI with a character immediate */
    expect_ok(" LM 14,12,12(13)\n SRL 5,4\n MVI 0(5),C'A'\n CLI 4(15),X'FF'\n SVC 3\n",
              "98ECD00C" "88500004" "92C15000" "95FFF004" "0A03");
    /* SS: explicit lengths are written as lengths, stored minus one */
    expect_ok(" MVC 0(8,1),16(2)\n AP 0(3,1),4(1,2)\n MVC 0(0,1),0(2)\n",
              "D20710002010" "FA2010002004" "D20010002000");
}

static void test_using_and_implicit(void **state)
{
    (void)state;
    const char *src =
        "TEST     CSECT\n"
        "         BALR  12,0\n"
        "         USING *,12\n"
        "         L     2,DATA\n"          /* 2 + 4 = X'0A' past the base at 2 */
        "         L     3,DATA(4)\n"
        "         L     5,DATA+4\n"
        "         MVC   AREA,DATA\n"       /* implicit length: L'AREA = 8 */
        "         MVC   AREA(2),DATA\n"
        "         B     TEST+2\n"
        "DATA     DC    F'5',F'6'\n"
        "AREA     DS    CL8\n"
        "         END   TEST\n";
    AsmImage *img = assemble_text(src);
    assert_int_equal(img->nerrors, 0);
    /* BALR at 0; L at 2: DATA = 0x1E? count: 2 + 4*3 + 6*2 + 4 = 30 = 0x1E, aligned to 0x20 */
    expect_bytes(img, 0, "05C0"
                         "5820C01E" "5834C01E" "5850C022"
                         "D207C026C01E" "D201C026C01E"
                         "47F0C000");
    expect_bytes(img, 0x20, "0000000500000006");
    assert_int_equal(img->entry, 0);
    asm_image_free(img);
}

static void test_using_rules(void **state)
{
    (void)state;
    /* two bases cover X: the smaller displacement wins; on a tie the higher register */
    const char *src =
        "T        CSECT\n"
        "         USING T,10\n"
        "         USING T+8,9\n"
        "         L     1,X\n"           /* via 9: X-(T+8) */
        "         USING T+8,11\n"
        "         L     1,X\n"           /* tie 9/11: 11 */
        "         DROP  11,9\n"
        "         L     1,X\n"           /* only 10 */
        "         USING T,3,4\n"         /* 4 covers T+4096.. */
        "         DROP  10\n"
        "         L     1,FAR\n"
        "         DS    XL4\n"
        "X        DS    F\n"
        "         ORG   T+5000\n"
        "FAR      DS    F\n"
        "         END\n";
    AsmImage *img = assemble_text(src);
    if (img->nerrors)
        fprintf(stderr, "%s", diagbuf);
    assert_int_equal(img->nerrors, 0);
    /* X is at 16+4 = 0x14 */
    expect_bytes(img, 0, "5810900C" "5810B00C" "5810A014" "58104388");
    asm_image_free(img);
}

static void test_aliases(void **state)
{
    (void)state;
    expect_ok(" B 8(12)\n BE 0(1,2)\n NOP 0\n BR 14\n NOPR 0\n BNE 12(,15)\n",
              "47FC0008" "47812000" "47000000" "07FE" "0700" "4770F00C");
}

static void test_overloaded_mnemonic(void **state)
{
    (void)state;
    /* the same mnemonic with and without operands: chosen by their number */
    expect_ok(" XD 1,4(5)\n XD\n XD 2,0\n", "E8150004" "0E00" "E8200000");
}

static void test_expressions(void **state)
{
    (void)state;
    const char *src =
        "S        CSECT\n"
        "A        EQU   X'10'+C'A'-B'11'\n"       /* 16 + 0xC1 - 3 = 0xCE */
        "LEN      EQU   E-D\n"                    /* pairing: absolute; 6 (E aligned) */
        "FWD      EQU   LATER*2\n"                /* forward reference */
        "LATER    EQU   (3+4)*5/2\n"              /* 17 */
        "         LA    1,A\n"
        "         LA    2,LEN\n"
        "         LA    3,FWD\n"
        "         LA    4,L'D\n"
        "         LA    5,*-S\n"
        "         LA    6,-1+2\n"
        "D        DC    CL5'X'\n"
        "E        DS    0H\n"
        "         END\n";
    AsmImage *img = assemble_text(src);
    if (img->nerrors)
        fprintf(stderr, "%s", diagbuf);
    assert_int_equal(img->nerrors, 0);
    expect_bytes(img, 0, "411000CE" "41200006" "41300022" "41400005" "41500010" "41600001");
    asm_image_free(img);
}

static void test_dc_types(void **state)
{
    (void)state;
    /* C in EBCDIC padded with blanks; X and B padded left; F H aligned; A; P Z; dup 0 */
    expect_ok(" DC C'AB',CL3'Z',C'''&&'\n", "C1C2E94040" "7D50");
    expect_ok(" DC X'1',XL3'ABCD',X'01,02',B'101',BL2'1'\n", "01" "00ABCD" "0102" "05" "0001");
    expect_ok(" DC X'FF'\n DC F'1'\n DC H'-2'\n DC 2H'3',FL1'7'\n",
              "FF000000" "00000001" "FFFE" "00030003" "07");
    expect_ok(" DC A(4,X)\nX DC Y(X)\n DC AL3(X+1)\n", "00000004" "00000008" "0008" "000009");
    expect_ok(" DC P'123',P'-5',PL3'1',Z'12',Z'-3'\n", "123C" "5D" "00001C" "F1C2" "D3");
    expect_ok(" DC X'AA'\n DS 0F\n DC X'BB'\n DC 0H'0',X'CC'\n DS 3X\n DC X'DD'\n",
              "AA000000" "BB00CC000000" "DD");
    expect_ok(" DC 3C'AB'\n", "C1C2C1C2C1C2");
}

static void test_length_attributes(void **state)
{
    (void)state;
    const char *src =
        "         USING *,15\n"
        "         MVC   A,B\n"
        "         MVC   F,B\n"
        "         MVC   H(L'A),B\n"
        "A        DC    CL4' '\n"
        "B        DS    3CL6\n"
        "F        DS    0F\n"
        "H        DS    H\n";
    AsmImage *img = assemble_text(src);
    assert_int_equal(img->nerrors, 0);
    /* A at 18 = 0x12, B at 0x16, F and H at 0x28; L'F is 4 (0F), L'A 4 */
    expect_bytes(img, 0, "D203F012F016" "D203F028F016" "D203F028F016");
    asm_image_free(img);
}

static void test_errors_continue(void **state)
{
    (void)state;
    const char *src =
        "         L     1,NOSUCH\n"
        "         FOO   1,2\n"
        "         LR    16,1\n"
        "X        DS    F\n"
        "X        DS    F\n"
        "         LA    1,4096\n"
        "         MVI   0(1),256\n"
        "         L     1\n"
        "         L     1,2,3\n"
        "         DC    Q'1'\n"
        "         END\n";
    AsmImage *img = assemble_text(src);
    assert_true(img->nerrors >= 9);
    assert_int_equal(img->rc, 12);
    assert_non_null(strstr(diagbuf, ":1:18: error: ASMA044E Undefined symbol - NOSUCH\n"
                                    "         L     1,NOSUCH\n"
                                    "                 ^\n"));
    assert_non_null(strstr(diagbuf, ":2:10: error: ASMA057E Undefined operation code - FOO\n"));
    assert_non_null(strstr(diagbuf, ":3:16: error: ASMA029E Incorrect register specification - 16\n"));
    assert_non_null(strstr(diagbuf, ":5:1: error: ASMA043E Previously defined symbol - X\n"));
    assert_non_null(strstr(diagbuf, ":6:18: error: ASMA028E Invalid displacement - 4096\n"));
    assert_non_null(strstr(diagbuf, ":7:21: error: ASMA031E Invalid immediate or mask field - 256\n"));
    assert_non_null(strstr(diagbuf, ":8:17: error: ASMA040S Missing operand\n"));
    assert_non_null(strstr(diagbuf, ":9:19: error: ASMA035S Invalid delimiter - ,3\n"));
    assert_non_null(strstr(diagbuf, ":10:16: error: ASMA065E Unknown type - Q\n"));
    /* the instruction with an error assembles with its operands zero */
    expect_bytes(img, 0, "58000000");
    asm_image_free(img);
}

static void test_no_using(void **state)
{
    (void)state;
    const char *src =
        "T        CSECT\n"
        "         L     1,X\n"
        "         USING T,12\n"
        "         L     1,FAR\n"
        "X        DS    F\n"
        "         ORG   T+4200\n"
        "FAR      DS    F\n"
        "         END\n";
    AsmImage *img = assemble_text(src);
    assert_int_equal(img->nerrors, 2);
    assert_non_null(strstr(diagbuf, ":2:18: error: ASMA307E No active USING for operand - X\n"));
    assert_non_null(strstr(diagbuf, "ASMA034E Operand beyond active USING range - FAR by 105 bytes"));
    asm_image_free(img);
}

static void test_continuation(void **state)
{
    (void)state;
    char src[512];
    /* operands continued on column 16 after a comma; sequence field ignored */
    snprintf(src, sizeof src, "%-71s%c%s\n%-15s%s\n%-71s%c\n%-15s%s\n",
             "         DC    X'01',", 'X', "SEQ00001", "", "X'02'      remark",
             "* a comment card, continued", 'X', "", "still comment");
    expect_ok(src, "0102");
}

/* Every instruction, random fields: disassemble, assemble, compare. */
static void test_round_trip(void **state)
{
    (void)state;
    UcMachine *m = asm_test_machine(1);
    char path[] = "/tmp/asmrtXXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    uint8_t want[65536];
    size_t n = 0;
    srand(360);
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        const UcFormat *fmt = &m->formats[in->format];
        for (int k = 0; k < 50; k++) {
            uint64_t v = 0;
            for (int b = 0; b < fmt->width; b += 8)
                v = (v << 8) | (uint64_t)(rand() & 0xFF);
            v = (v & ~in->fixed_mask) | in->fixed_match;
            uint8_t u[8];
            for (int b = 0; b < fmt->length; b++)
                u[b] = (uint8_t)(v >> (8 * (fmt->length - 1 - b)));
            char text[128];
            unsigned len = asm_disassemble(m, u, fmt->length, 0, text, sizeof text);
            assert_int_equal(len, fmt->length);
            fprintf(f, "         %s\n", text);
            memcpy(want + n, u, len);
            n += len;
        }
    }
    fclose(f);
    FILE *d = fmemopen(diagbuf, sizeof diagbuf - 1, "w");
    AsmOptions opt = { 0 };
    AsmImage *img = asm_assemble(m, path, &opt, d);
    fclose(d);
    unlink(path);
    if (img->nerrors)
        fprintf(stderr, "%s", diagbuf);
    assert_int_equal(img->nerrors, 0);
    assert_int_equal(img->size, n);
    for (size_t i = 0; i < n; i++)
        if (img->bytes[i] != want[i]) {
            fprintf(stderr, "round trip differs at %zu\n", i);
            fail();
        }
    asm_image_free(img);
}

static void test_disassembler_text(void **state)
{
    (void)state;
    char text[128];
    const uint8_t l[] = { 0x58, 0x20, 0xC0, 0x08 }, b[] = { 0x47, 0xF0, 0x00, 0x10 };
    const uint8_t mvi[] = { 0x92, 0xC1, 0x50, 0x00 }, mvc[] = { 0xD2, 0x07, 0x10, 0x00, 0x20, 0x10 };
    const uint8_t bad[] = { 0xFF, 0xFF };
    for (int disp = 0; disp < 2; disp++) {
        UcMachine *m = asm_test_machine(disp);
        assert_int_equal(asm_disassemble(m, l, 4, 0, text, sizeof text), 4);
        assert_string_equal(text, "L     2,8(,12)");
        assert_int_equal(asm_disassemble(m, b, 4, 0, text, sizeof text), 4);
        assert_string_equal(text, "B     16");
        assert_int_equal(asm_disassemble(m, mvi, 4, 0, text, sizeof text), 4);
        assert_string_equal(text, "MVI   0(5),X'C1'");
        assert_int_equal(asm_disassemble(m, mvc, 6, 0, text, sizeof text), 6);
        assert_string_equal(text, "MVC   0(8,1),16(2)");
        assert_int_equal(asm_disassemble(m, bad, 2, 0, text, sizeof text), 0);
        assert_string_equal(text, "DC    X'FFFF'");
        assert_int_equal(asm_disassemble(m, l, 2, 0, text, sizeof text), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rr_rx_explicit),
        cmocka_unit_test(test_using_and_implicit),
        cmocka_unit_test(test_using_rules),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_overloaded_mnemonic),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_dc_types),
        cmocka_unit_test(test_length_attributes),
        cmocka_unit_test(test_errors_continue),
        cmocka_unit_test(test_no_using),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_disassembler_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
