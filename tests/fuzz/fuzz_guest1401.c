/* fuzz_guest1401.c — libFuzzer target: arbitrary bytes as a guest program on
 * the IBM 1401 (isa/machines/i1401.isa) with its devices attached to
 * temporary files (tests/fuzz/guest_run.h says how the input fills storage
 * and chooses the configuration). The run is bounded by an instruction
 * limit and must end with a stop the board explains (an architected
 * interruption's wait, a machine stop, the limit), never a micro-engine
 * error, a crash, a hang or a sanitizer report: a dirty stop aborts. Built
 * by `make fuzz` with tier 1 (the C generated from the microcode) linked
 * in, each input runs on tier 0 and on tier 1, and the two must end in the
 * same state (guest_run_tiers): a difference aborts too.
 */
#include "tests/fuzz/guest_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static UcMachine *machine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (machine == NULL) {
        int nerr = 0;
        machine = isa_compile_file("isa/machines/i1401.isa", stderr, &nerr);
        if (machine == NULL)
            abort();            /* run from the top of the repository */
    }
    if (size > 70000)
        return 0;
    char why[300];
    UcStop stop;
    /* with tier 1 linked in (make fuzz), on both tiers, which must agree */
    int rc = uc_tier1_find(machine) ? guest_run_tiers(machine, data, size, 20000, guest_i1401_run, &stop, why, sizeof why)
                                    : guest_i1401_run(machine, data, size, 20000, &stop, why, sizeof why);
    if (rc < 0) {
        fprintf(stderr, "fuzz_guest1401: dirty stop or a difference between the tiers: %s\n", why);
        abort();
    }
    return 0;
}
