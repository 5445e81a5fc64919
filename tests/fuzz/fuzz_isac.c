/* fuzz_isac.c — libFuzzer target: the input is compiled as a machine
 * description (isa/LANGUAGE.md). isac must never crash or hang; a machine
 * it accepts must pass uc_machine_check and survive a short run on the
 * micro-engine. A seed corpus: tests/fuzz/seeds/fuzz_isac (copies of tests/isa descriptions).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isa/isa.h"
#include "microcode/uc_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    int n = 0;
    UcMachine *m = isa_compile_string("fuzz.isa", text, null, &n);
    free(text);
    if (!m)
        return 0;
    char err[256];
    if (uc_machine_check(m, err, sizeof err) != 0)
        abort();                 /* isac produced an inconsistent machine */
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    if (cpu) {
        uc_cpu_reset(cpu);
        uc_run(cpu, 1000, 20000);
        uc_cpu_free(cpu);
    }
    uc_machine_free(m);
    return 0;
}
