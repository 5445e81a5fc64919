/* test_asm_golden.c — listing and diagnostic goldens for the assembler.
 *
 * tests/golden/asm/t360/NAME.asm is assembled on the hand-built machine of
 * test_asm_machine.h; tests/golden/asm/NAME.asm on the real description
 * (isa/machines/assist.isa, skipped while it does not compile). The listing
 * must equal NAME.lst and the diagnostics NAME.err (none when absent)
 * exactly. MCEMU_UPDATE_GOLDEN=1 writes the files instead (then read them!).
 * Macro calls may take definitions from tests/golden/asm/maclib (-M).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "assembler/asm.h"
#include "isa/isa.h"
#include "test_asm_machine.h"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, len = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + len, 1, cap - len - 1, f)) > 0) {
        len += k;
        if (cap - len - 1 == 0) {
            char *q = realloc(b, cap * 2);
            if (q == NULL) { free(b); b = NULL; break; }
            b = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (b)
        b[len] = '\0';
    *n = len;
    return b;
}

static int same_file(const char *got, const char *want_path, int update)
{
    size_t ng, nw;
    char *g = slurp(got, &ng);
    if (g == NULL)
        return 0;
    if (update && ng == 0 && strstr(want_path, ".err")) {
        unlink(want_path);               /* no diagnostics: no .err file */
        free(g);
        return 1;
    }
    if (update) {
        FILE *f = fopen(want_path, "wb");
        fwrite(g, 1, ng, f);
        fclose(f);
        free(g);
        return 1;
    }
    char *w = slurp(want_path, &nw);
    if (w == NULL) {                    /* no .err file: no diagnostics */
        free(g);
        return ng == 0;
    }
    int same = ng == nw && memcmp(g, w, ng) == 0;
    if (!same)
        fprintf(stderr, "golden mismatch: %s (diff %s %s)\n", want_path, want_path, got);
    free(g);
    free(w);
    return same;
}

static int run_dir(const UcMachine *m, const char *pattern)
{
    glob_t g;
    int bad = 0, update = getenv("MCEMU_UPDATE_GOLDEN") != NULL;
    if (glob(pattern, 0, NULL, &g) != 0)
        return -1;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *src = g.gl_pathv[i];
        char base[512], lst[600], err[600], glst[600], gerr[600];
        snprintf(base, sizeof base, "%.*s", (int)(strlen(src) - 4), src);
        snprintf(lst, sizeof lst, "%s.lst", base);
        snprintf(err, sizeof err, "%s.err", base);
        snprintf(glst, sizeof glst, "/tmp/asmgold%d.lst", (int)getpid());
        snprintf(gerr, sizeof gerr, "/tmp/asmgold%d.err", (int)getpid());
        FILE *d = fopen(gerr, "w");
        AsmOptions opt = { 0 };
        static const char *lib[] = { "tests/golden/asm/maclib", NULL };
        opt.listing = glst;
        opt.macdirs = lib;
        AsmImage *img = asm_assemble(m, src, &opt, d);
        fclose(d);
        if (img == NULL || !same_file(glst, lst, update) || !same_file(gerr, err, update))
            bad++;
        asm_image_free(img);
        unlink(glst);
        unlink(gerr);
    }
    size_t n = g.gl_pathc;
    globfree(&g);
    return n == 0 ? -1 : bad;
}

static void test_goldens_hand_machine(void **state)
{
    (void)state;
    assert_int_equal(run_dir(asm_test_machine(1), "tests/golden/asm/t360/*.asm"), 0);
}

static void test_goldens_s360(void **state)
{
    (void)state;
    int nerr = 0;
    FILE *null = fopen("/dev/null", "w");
    UcMachine *m = isa_compile_file("isa/machines/assist.isa", null, &nerr);
    fclose(null);
    if (m == NULL)
        skip();
    int bad = run_dir(m, "tests/golden/asm/*.asm");
    uc_machine_free(m);
    if (bad < 0)
        skip();
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goldens_hand_machine),
        cmocka_unit_test(test_goldens_s360),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
