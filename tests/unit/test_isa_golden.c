/* test_isa_golden.c — what isac shows users, against golden files:
 * diagnostics for descriptions with syntax errors (reported per
 * declaration and statement, not only the first), checker errors (bit
 * ranges, format widths, modes, fields, names) and decode conflicts (every
 * one, with both declarations), and the microcode listing of a small
 * description. Run from the repository root; regenerate a golden file with
 * `mcemu isac tests/isa/NAME.isa` when a change is intended.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "isa/isa.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void same_text(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "--- %s: expected\n%s--- got\n%s---\n", what, want, got);
        fail_msg("%s differs from its golden file", what);
    }
}

static void check_errors(const char *name, int want_errors)
{
    char isa[256], gold[256];
    snprintf(isa, sizeof isa, "tests/isa/%s.isa", name);
    snprintf(gold, sizeof gold, "tests/golden/isac/%s.err", name);
    char *out = NULL;
    size_t len = 0;
    FILE *diag = open_memstream(&out, &len);
    assert_non_null(diag);
    int n = 0;
    UcMachine *m = isa_compile_file(isa, diag, &n);
    fclose(diag);
    assert_null(m);
    assert_int_equal(n, want_errors);
    char *want = slurp(gold);
    same_text(out, want, gold);
    free(want);
    free(out);
}

static void t_syntax_errors(void **state) { (void)state; check_errors("bad_syntax", 4); }
static void t_check_errors(void **state) { (void)state; check_errors("bad_check", 14); }
static void t_decode_conflicts(void **state) { (void)state; check_errors("bad_conflict", 2); }

static void t_listing(void **state)
{
    (void)state;
    int n = -1;
    UcMachine *m = isa_compile_file("tests/isa/mini360.isa", stderr, &n);
    assert_non_null(m);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    isa_write_listing(m, f);
    fclose(f);
    char *want = slurp("tests/golden/isac/mini360.list");
    same_text(out, want, "tests/golden/isac/mini360.list");
    free(want);
    free(out);
    uc_machine_free(m);
}

/* Malformed input never crashes: a few hostile shapes. */
static void t_hostile(void **state)
{
    (void)state;
    static const char *cases[] = {
        "", "machine", "machine x {", "}}}}", "insn : : ;", "'", "\"", "/*", "0x", "0b",
        "machine m \"t\" { bitorder msb0; addr 24 wrap; } space M : unit 8 size 1..2;"
        " format F : 8 { op:8 } decode key op; fetch { while (1) { } } invalid { endop; }",
        "machine m \"t\" { bitorder lsb0; addr 99; } format F : 100 { op:100 }",
        "func f(x) = f(x); machine m \"t\" { bitorder msb0; addr 8; } space M : unit 8 size 1..256;"
        " format F : 8 { op:8 } decode key op; fetch { let y = f(1); } invalid { endop; }",
        "micro a() { call b(); } micro b() { call a(); } machine m \"t\" { bitorder msb0; addr 8; }"
        " space M : unit 8 size 1..256; format F : 8 { op:8 } decode key op;"
        " fetch { call a(); } invalid { endop; }",
    };
    FILE *null = fopen("/dev/null", "w");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int n = 0;
        UcMachine *m = isa_compile_string("hostile.isa", cases[i], null, &n);
        if (m)
            uc_machine_free(m);
        else
            assert_true(n > 0);
    }
    /* deep nesting is refused, not followed */
    char *deep = malloc(100000);
    memset(deep, '(', 99999);
    deep[99999] = 0;
    int n = 0;
    assert_null(isa_compile_string("deep.isa", deep, null, &n));
    assert_true(n > 0);
    for (int i = 0; i < 99990; i += 2)
        deep[i] = '1', deep[i + 1] = '+';
    memcpy(deep, "const X = ", 10);
    deep[99990] = '1';
    deep[99991] = ';';
    deep[99992] = 0;
    assert_null(isa_compile_string("long.isa", deep, null, &n));
    free(deep);
    fclose(null);
}

/* Every built-in description compiles clean, also as a string (the way the
   fuzz target reads it). Regression: an assignment to a local whose value
   inlined a func moved the binding table under the assignment (found by
   fuzz_isac on i1401.isa; clang's AddressSanitizer reports it, so CI's
   sanitizer suite is built with clang). */
static void t_machines(void **state)
{
    (void)state;
    static const char *const files[] = { "isa/machines/s360.isa", "isa/machines/assist.isa",
                                         "isa/machines/i1401.isa" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        int n = -1;
        UcMachine *m = isa_compile_file(files[i], stderr, &n);
        assert_non_null(m);
        assert_int_equal(n, 0);
        char err[200];
        assert_int_equal(uc_machine_check(m, err, sizeof err), 0);
        uc_machine_free(m);
    }
    FILE *f = fopen("isa/machines/i1401.isa", "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = 0;
    int n = -1;
    UcMachine *m = isa_compile_string("fuzz.isa", text, stderr, &n);
    assert_non_null(m);
    assert_int_equal(n, 0);
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_machines),
        cmocka_unit_test(t_syntax_errors),
        cmocka_unit_test(t_check_errors),
        cmocka_unit_test(t_decode_conflicts),
        cmocka_unit_test(t_listing),
        cmocka_unit_test(t_hostile),
    };
    return cmocka_run_group_tests_name("isac golden", tests, NULL, NULL);
}
