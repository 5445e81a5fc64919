/* test_asm_roundtrip.c — for every instruction encoding a description
 * defines: random values in the operand fields (fields bound to no operand
 * and fixed by no match are zero: the text cannot carry them), disassemble,
 * assemble the text, and compare the bytes. On the hand-built machine, and
 * on isa/machines/assist.isa when it compiles (skipped until then). Also
 * the time to assemble 100,000 statements (well under a second).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "assembler/asm.h"
#include "isa/isa.h"
#include "test_asm_machine.h"

static char diagbuf[1 << 16];

static uint64_t bound_fields(const UcMachine *m, const UcInsn *in)
{
    const UcFormat *f = &m->formats[in->format];
    uint64_t mask = 0;
    for (int i = 0; i < in->noperands; i++) {
        const UcMode *md = &m->modes[in->operands[i].mode];
        for (int p = 0; p < md->nparams; p++) {
            const UcFmtField *ff = &f->fields[in->operands[i].field[p]];
            mask |= (ff->len >= 64 ? ~0ull : (1ull << ff->len) - 1) << ff->shift;
        }
    }
    return mask;
}

/* Returns the number of encodings checked. */
static size_t round_trip(const UcMachine *m, int per_insn)
{
    char path[] = "/tmp/asmrtXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    size_t cap = 1 << 20, n = 0;
    uint8_t *want = malloc(cap);
    srand(1964);
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        const UcFormat *fmt = &m->formats[in->format];
        uint64_t keep = bound_fields(m, in) & ~in->fixed_mask;
        uint64_t wmask = fmt->width >= 64 ? ~0ull : (1ull << fmt->width) - 1;
        for (int k = 0; k < per_insn; k++) {
            uint64_t v = 0;
            for (int b = 0; b < 64; b += 16)
                v = (v << 16) | (uint64_t)(rand() & 0xFFFF);
            v = ((v & keep) | in->fixed_match) & wmask;
            uint8_t u[8];
            for (int b = 0; b < fmt->length; b++)
                u[b] = (uint8_t)(v >> (8 * (fmt->length - 1 - b)));
            char text[128];
            unsigned len = asm_disassemble(m, u, fmt->length, 0, text, sizeof text);
            if (len == 0)
                continue;       /* a stricter candidate of another instruction took it */
            fprintf(f, "         %s\n", text);
            if (n + len > cap)
                want = realloc(want, cap *= 2);
            memcpy(want + n, u, len);
            n += len;
        }
    }
    fprintf(f, "         END\n");
    fclose(f);
    FILE *d = fmemopen(diagbuf, sizeof diagbuf - 1, "w");
    AsmOptions opt = { 0 };
    AsmImage *img = asm_assemble(m, path, &opt, d);
    fclose(d);
    unlink(path);
    assert_non_null(img);
    if (img->nerrors)
        fprintf(stderr, "%.2000s", diagbuf);
    assert_int_equal(img->nerrors, 0);
    assert_int_equal(img->size, n);
    for (size_t i = 0; i < n; i++)
        if (img->bytes[i] != want[i]) {
            fprintf(stderr, "round trip differs at byte %zu\n", i);
            fail();
        }
    asm_image_free(img);
    free(want);
    return n;
}

static void test_hand_machine(void **state)
{
    (void)state;
    assert_true(round_trip(asm_test_machine(1), 100) > 0);
    assert_true(round_trip(asm_test_machine(0), 100) > 0);
}

static void test_s360_description(void **state)
{
    (void)state;
    int nerr = 0;
    FILE *null = fopen("/dev/null", "w");
    UcMachine *m = isa_compile_file("isa/machines/assist.isa", null, &nerr);
    fclose(null);
    if (m == NULL)
        skip();
    size_t n = round_trip(m, 200);
    uc_machine_free(m);
    assert_true(n > 0);
}

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

static void test_speed(void **state)
{
    (void)state;
    char path[] = "/tmp/asmbigXXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "BIG      CSECT\n         BALR  12,0\n         USING *,12\n");
    for (int i = 0; i < 100000; i++) {
        switch (i % 8) {
        case 0: fprintf(f, "L%06d  L     1,D%d               load\n", i, i / 400); break;
        case 1: fprintf(f, "         MVC   D%d(4),D%d+4\n", i / 400, i / 400); break;
        case 2: fprintf(f, "         LA    2,%d(1,2)\n", i % 4096); break;
        case 3: fprintf(f, "         B     L%06d\n", i - 3); break;
        case 4: fprintf(f, "*        a comment\n"); break;
        case 5: fprintf(f, "         USING L%06d,11\n", i - 5); break;
        case 6: fprintf(f, "         CLI   0(2),C'A'\n"); break;
        default: fprintf(f, "         DROP  11\n         USING *,12\n"); break;
        }
        if (i % 400 == 399)
            fprintf(f, "         B     *+12\nD%-7d DC    2F'%d'\n", i / 400, i);
    }
    fprintf(f, "         END   BIG\n");
    fclose(f);
    FILE *d = fmemopen(diagbuf, sizeof diagbuf - 1, "w");
    AsmOptions opt = { 0 };
    clock_t t0 = clock();
    AsmImage *img = asm_assemble(asm_test_machine(1), path, &opt, d);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    fclose(d);
    unlink(path);
    assert_non_null(img);
    if (img->nerrors)
        fprintf(stderr, "%.2000s", diagbuf);
    assert_int_equal(img->nerrors, 0);
    asm_image_free(img);
#ifndef SANITIZED
    if (secs >= 1.0)
        fprintf(stderr, "100,000 statements took %.2f s\n", secs);
    assert_true(secs < 1.0);
#else
    (void)secs;
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_machine),
        cmocka_unit_test(test_s360_description),
        cmocka_unit_test(test_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
