/* fuzz_asm.c — libFuzzer target: assemble arbitrary source text (with a
 * listing, and every other input to an object deck that is then linked
 * back) on the hand-built S/360-like machine of the unit tests, and
 * disassemble the same bytes as if they were storage. Macros, conditional
 * assembly and literals come with the text. An input that starts like an
 * object card (X'02', or a stacker byte and X'02') is linked as a deck
 * instead. None of it may crash, hang or leak, whatever the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assembler/asm.h"
#include "tests/unit/test_asm_machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char src[64], lst[64], obj[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (src[0] == '\0') {
        snprintf(src, sizeof src, "/tmp/fuzz_asm_%d.asm", (int)getpid());
        snprintf(lst, sizeof lst, "/tmp/fuzz_asm_%d.lst", (int)getpid());
        snprintf(obj, sizeof obj, "/tmp/fuzz_asm_%d.obj", (int)getpid());
    }
    if (size > 0 && (data[0] == 0x02 || (size > 1 && data[1] == 0x02))) {
        /* an object deck (or something like one): linked, never trusted */
        FILE *d = fopen(obj, "wb");
        if (d == NULL)
            return 0;
        fwrite(data, 1, size, d);
        fclose(d);
        FILE *null = fopen("/dev/null", "w");
        const char *decks[] = { obj, obj };
        AsmImage *linked = asm_link(decks, 1 + (size & 1), 0x2000, 1, null);
        asm_image_free(linked);
        if (null)
            fclose(null);
        return 0;
    }
    UcMachine *m = asm_test_machine(size & 1);
    FILE *f = fopen(src, "wb");
    if (f == NULL)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    FILE *null = fopen("/dev/null", "w");
    AsmOptions opt = { 0 };
    opt.listing = lst;
    opt.origin = 0x1000;
    remove(obj);
    if (size & 2)
        opt.object = obj;
    AsmImage *img = asm_assemble(m, src, &opt, null);
    asm_image_free(img);
    if (size & 2) {
        const char *decks[] = { obj };
        AsmImage *linked = asm_link(decks, 1, 0x2000, 1, null);
        asm_image_free(linked);
    }
    if (null)
        fclose(null);
    char text[256];
    for (size_t pos = 0; pos < size;) {
        unsigned n = asm_disassemble(m, data + pos, size - pos, pos, text, sizeof text);
        pos += n ? n : 2;
    }
    return 0;
}
