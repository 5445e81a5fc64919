/* fuzz_ucode.c — libFuzzer target over uc_read_mem (microcode/uc_file.c).
 * Each input is tried twice: as given (the content hash rejects most
 * damage), and with its hash recomputed so the section reader and
 * uc_machine_check see the damaged bytes. A machine that loads must pass the
 * check and survive a short run on the micro-engine.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "microcode/uc_engine.h"
#include "microcode/uc_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_one(const uint8_t *data, size_t size)
{
    char err[256];
    UcMachine *m = uc_read_mem(data, size, err, sizeof err);
    if (!m)
        return;
    if (uc_machine_check(m, err, sizeof err) != 0)
        abort();                 /* the reader let a broken machine through */
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    if (cpu) {
        uc_run(cpu, 0, 10000);
        uc_cpu_free(cpu);
    }
    uc_machine_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_one(data, size);
    if (size >= 20 && size < (1u << 24)) {
        uint8_t *d = malloc(size);
        if (!d)
            return 0;
        memcpy(d, data, size);
        uint64_t h = UINT64_C(0xcbf29ce484222325);
        for (size_t i = 20; i < size; i++) {
            h ^= d[i];
            h *= UINT64_C(0x100000001b3);
        }
        for (int i = 0; i < 8; i++)
            d[12 + i] = (uint8_t)(h >> (8 * i));
        try_one(d, size);
        free(d);
    }
    return 0;
}
