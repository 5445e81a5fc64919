/* test_guest_random.c — the guest robustness rule of DEVELOPERS.md, quickly
 * and deterministically: any byte sequence a guest executes must never
 * crash or hang the host; it gets the architected interruption or a stop
 * with a reason. Thousands of random programs per machine (fixed seeds),
 * storage and low core filled from the bytes, the devices attached to
 * temporary files, run through the board as `mcemu run` does
 * (tests/fuzz/guest_run.h, shared with fuzz_guest360 and fuzz_guest1401)
 * with an instruction limit; each must end with a stop the board explains.
 *
 * Tier 1 (the C generated from the microcode, the default engine) on the
 * same kinds of random programs: each run whole on tier 0 and on tier 1
 * must end in the same state (guest_run_tiers), and every tenth also runs
 * in lockstep, compared after every instruction. A runaway instruction
 * (found so) stops at the same micro-instruction on both tiers.
 *
 * Also the degenerate programs: zeroed storage on the S/360 (the PSW at 0
 * sends every operation exception back to location 0: A22-6821,
 * "Program Interruption" — the loop of interruptions must still end at the
 * instruction limit), and a 1401 whose storage is all blanks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <time.h>
#include "tests/fuzz/guest_run.h"

static UcMachine *s360, *i1401;

static int setup(void **state)
{
    (void)state;
    int nerr = 0;
    s360 = isa_compile_file("isa/machines/s360.isa", stderr, &nerr);
    i1401 = isa_compile_file("isa/machines/i1401.isa", stderr, &nerr);
    return s360 && i1401 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    uc_machine_free(s360);
    uc_machine_free(i1401);
    return 0;
}

static uint64_t rng;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* One random input: a flags byte, then bytes of a few kinds — uniform,
   biased to small values (zero fields, registers 0-15), or copies of a
   short pattern (the same instruction again and again). */
static size_t random_input(uint8_t *b, size_t max)
{
    size_t n = 2 + next() % (max - 2);
    unsigned kind = (unsigned)(next() % 3);
    size_t plen = 2 + next() % 10;
    for (size_t i = 0; i < n; i++) {
        uint64_t v = next();
        switch (kind) {
        case 0: b[i] = (uint8_t)v; break;
        case 1: b[i] = (v & 0x300) ? (uint8_t)(v & 0x1F) : (uint8_t)(v >> 16); break;
        default: b[i] = i < plen + 1 ? (uint8_t)v : b[1 + (i - 1) % plen]; break;
        }
    }
    return n;
}

/* The board's own messages (an IPL read that fails, a tape the mount
   refuses) are not these tests': stderr is quiet unless GUEST_VERBOSE.
   quiet() returns the saved stderr (or -1), loud() puts it back. */
static int quiet(void)
{
    if (getenv("GUEST_VERBOSE"))
        return -1;
    fflush(stderr);
    int saved = dup(2);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        dup2(null, 2);
        close(null);
    }
    return saved;
}

static void loud(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, 2);
}

static void many(const UcMachine *m, uint64_t seed, int count, uint64_t limit, GuestRun run)
{
    static uint8_t buf[1200];
    int counts[UC_STOP_ERROR + 1] = { 0 };
    rng = seed;
    time_t t0 = time(NULL);
    int saved = quiet();
    for (int i = 0; i < count; i++) {
        size_t n = random_input(buf, sizeof buf);
        if (getenv("GUEST_VERBOSE"))
            fprintf(stderr, "program %d: %zu bytes, flags %02X\n", i, n, buf[0]);
        if (getenv("GUEST_DUMP"))
            guest_put_file(getenv("GUEST_DUMP"), buf, n);
        char why[300] = "";
        UcStop stop = UC_STOP_NONE;
        int rc = run(m, buf, n, limit, &stop, why, sizeof why);
        if (rc < 0) {
            loud(saved);
            fail_msg("program %d of seed %llu (%zu bytes): %s", i, (unsigned long long)seed, n, why);
        }
        if (rc == 0 && stop <= UC_STOP_ERROR)
            counts[stop]++;
    }
    loud(saved);
    if (saved >= 0)
        close(saved);
    /* the programs ran (not all refused at set-up) and ended in bounded time */
    assert_true(counts[UC_STOP_INSN_LIMIT] + counts[UC_STOP_MACHINE] + counts[UC_STOP_HELPER] +
                counts[UC_STOP_ATTENTION] > count / 2);
    assert_true(time(NULL) - t0 < 120);
}

static void test_s360_random(void **state)
{
    (void)state;
    many(s360, 0x5360A22ull, 1000, 2000, guest_s360_run);
}

static void test_i1401_random(void **state)
{
    (void)state;
    many(i1401, 0x1401A24ull, 500, 1000, guest_i1401_run);
}

/* Tier 1 (C generated from the microcode, microcode/uc_gen.c) on random
   programs of the same kinds: each run whole on both tiers (guest_run_tiers);
   one in `every` also in lockstep, tier 1 against the micro-coded fetch
   after every instruction. (Lockstep runs one instruction at a time: the
   whole runs are what take tier 1 from one instruction to the next.) */
static void tiers(const UcMachine *m, uint64_t seed, int count, uint64_t limit, int every, GuestRun run)
{
    static uint8_t buf[1200];
    assert_non_null(uc_tier1_find(m));          /* else this would test nothing */
    /* a longer hunt by hand: GUEST_SEED=N GUEST_COUNT=N GUEST_LIMIT=N */
    if (getenv("GUEST_SEED"))
        seed = strtoull(getenv("GUEST_SEED"), NULL, 0);
    if (getenv("GUEST_COUNT"))
        count = atoi(getenv("GUEST_COUNT"));
    if (getenv("GUEST_LIMIT"))
        limit = strtoull(getenv("GUEST_LIMIT"), NULL, 0);
    rng = seed;
    int ran = 0, saved = quiet();
    for (int i = 0; i < count; i++) {
        size_t n = random_input(buf, sizeof buf);
        char why[300] = "";
        UcStop stop;
        int rc = guest_run_tiers(m, buf, n, limit, run, &stop, why, sizeof why);
        if (rc == -2) {
            loud(saved);
            fail_msg("program %d of seed %llu (%zu bytes): %s", i, (unsigned long long)seed, n, why);
        }
        ran += rc != 1;
        if (i % every == 0) {
            guest_lockstep = 1;
            rc = run(m, buf, n, limit, &stop, why, sizeof why);
            guest_lockstep = 0;
            if (rc < 0) {
                loud(saved);
                fail_msg("program %d of seed %llu (%zu bytes), in lockstep: %s", i, (unsigned long long)seed, n, why);
            }
        }
    }
    loud(saved);
    if (saved >= 0)
        close(saved);
    assert_true(ran > count / 2);
}

static void test_s360_tiers(void **state)
{
    (void)state;
    tiers(s360, 0x5360A22ull, 300, 2000, 10, guest_s360_run);
}

static void test_i1401_tiers(void **state)
{
    (void)state;
    tiers(i1401, 0x1401A24ull, 300, 1000, 10, guest_i1401_run);
}

/* Found by test_i1401_tiers (a longer run of it): a 1401 divide whose
   quotient digit never overdraws runs past UC_RUNAWAY_UOPS micro-
   instructions. Tier 0 stopped it at the end of its first slice without an
   instruction end, tier 1 a slice later (100000018 against 50000000). Now
   both stop it where it has run UC_RUNAWAY_UOPS since it began. */
static void test_i1401_runaway_tiers(void **state)
{
    (void)state;
    static uint8_t buf[1200];
    FILE *f = fopen("tests/fuzz/seeds/fuzz_guest1401/runaway_div", "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    UcStop stop;
    char why[300] = "";
    int saved = quiet();
    int rc = guest_run_tiers(i1401, buf, n, 100000, guest_i1401_run, &stop, why, sizeof why);
    loud(saved);
    if (saved >= 0)
        close(saved);
    if (rc == -2)
        fail_msg("runaway_div: %s", why);
    assert_int_equal(rc, 0);                    /* a stop with its reason */
    assert_int_equal(stop, UC_STOP_UOP_LIMIT);
    /* a run resumed there gives the instruction as many again (tier 0,
       where tier 1 resumes inside an instruction too) */
    guest_keep_cpu = 1;
    saved = quiet();
    rc = guest_i1401_run(i1401, buf, n, 100000, &stop, why, sizeof why);
    loud(saved);
    if (saved >= 0)
        close(saved);
    guest_keep_cpu = 0;
    assert_int_equal(rc, 0);
    assert_int_equal(guest_kept.cpu->ucount - guest_kept.cpu->ustart, UC_RUNAWAY_UOPS);
    uint64_t u0 = guest_kept.cpu->ucount;
    assert_int_equal(uc_run(guest_kept.cpu, 0, 0), UC_STOP_UOP_LIMIT);
    assert_int_equal(guest_kept.cpu->ucount - u0, UC_RUNAWAY_UOPS);
    guest_free_kept();
}

static void test_s360_zero_storage(void **state)
{
    (void)state;
    uint8_t b[9] = { 0 };
    char why[300];
    UcStop stop = UC_STOP_NONE;
    assert_int_equal(guest_s360_run(s360, b, sizeof b, 5000, &stop, why, sizeof why), 0);
    assert_int_equal(stop, UC_STOP_INSN_LIMIT);
}

/* 8K of S/360 storage (flags 0: icount timer, no IPL): the PSW at 0, the
   external new PSW at X'58' and the interval timer at X'50'. */
static uint8_t low[1 + 8192];

static void put64(uint32_t at, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        low[1 + at + (uint32_t)i] = (uint8_t)(v >> (56 - 8 * i));
}

static void put32(uint32_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        low[1 + at + (uint32_t)i] = (uint8_t)(v >> (24 - 8 * i));
}

static uint32_t mem32(const EmuRun *r, uint32_t at)
{
    uint64_t v = 0;
    assert_int_equal(uc_mem_load(r->cpu, 0, at, 4, &v), 0);
    return (uint32_t)v;
}

/* Found by fuzz_guest360: an enabled wait (external interruptions only)
   whose external new PSW is the same wait, the timer just below zero. The
   timer interrupts when it goes from positive or zero to negative
   (A22-6821, "Interval Timer"): from X'FFFFFF00' after 2^24 steps, then
   never again but after another 2^24. The host stepped the wait one step at
   a time (minutes), then looped forever taking the interruption into the
   same wait. The run must end: an enabled wait nothing but the timer ends,
   each interruption back into a wait with no instruction between. */
static void test_s360_timer_wait_loop(void **state)
{
    (void)state;
    memset(low, 0, sizeof low);
    uint64_t wait = (uint64_t)0x01 << 56 | (uint64_t)1 << 49 | 0x1000;   /* EXT enabled, wait */
    put64(0x00, wait);
    put64(0x58, wait);
    put32(0x50, 0xFFFFFF00u);
    char why[300];
    UcStop stop = UC_STOP_NONE;
    time_t t0 = time(NULL);
    assert_int_equal(guest_s360_run(s360, low, sizeof low, 5000, &stop, why, sizeof why), 0);
    assert_int_equal(stop, UC_STOP_MACHINE);
    assert_true(time(NULL) - t0 < 10);
}

/* The same wait with the timer far from zero and a disabled-wait external
   new PSW: the wait passes at once to the step that makes the timer
   negative (X'7FFFFF00' - X'800000' steps of X'100' = X'FFFFFF00'), the
   interruption is taken with code X'0080' in the old PSW. */
static void test_s360_timer_long_wait(void **state)
{
    (void)state;
    memset(low, 0, sizeof low);
    put64(0x00, (uint64_t)0x01 << 56 | (uint64_t)1 << 49 | 0x1000);
    put64(0x58, (uint64_t)1 << 49 | 0x0BAD);                            /* disabled wait */
    put32(0x50, 0x7FFFFF00u);
    char why[300];
    UcStop stop = UC_STOP_NONE;
    guest_keep_cpu = 1;
    assert_int_equal(guest_s360_run(s360, low, sizeof low, 5000, &stop, why, sizeof why), 0);
    guest_keep_cpu = 0;
    assert_int_equal(stop, UC_STOP_MACHINE);
    assert_int_equal(mem32(&guest_kept, 0x50), 0xFFFFFF00u);
    assert_int_equal(mem32(&guest_kept, 0x18), 0x01020080u);   /* EXT old PSW: mask 01, wait, code 0080 */
    guest_free_kept();
}

static void test_i1401_blank_storage(void **state)
{
    (void)state;
    uint8_t b[2] = { 0x10, 0 };      /* start at 001; storage of 1400 blanks? of zeros */
    char why[300];
    UcStop stop = UC_STOP_NONE;
    assert_int_equal(guest_i1401_run(i1401, b, sizeof b, 5000, &stop, why, sizeof why), 0);
    assert_true(stop == UC_STOP_MACHINE || stop == UC_STOP_INSN_LIMIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_s360_zero_storage),
        cmocka_unit_test(test_i1401_blank_storage),
        cmocka_unit_test(test_s360_timer_wait_loop),
        cmocka_unit_test(test_s360_timer_long_wait),
        cmocka_unit_test(test_s360_random),
        cmocka_unit_test(test_i1401_random),
        cmocka_unit_test(test_s360_tiers),
        cmocka_unit_test(test_i1401_tiers),
        cmocka_unit_test(test_i1401_runaway_tiers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
