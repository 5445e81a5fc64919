/* test_s360_control.c — System/360 branching, execute, status switching,
 * the instruction fetch and program interruptions, as defined in
 * Principles of Operation A22-6821: "Branching" (BC, BCR, BAL, BALR, BCT,
 * BCTR, BXH, BXLE), EXECUTE, "Status Switching" (SVC, SPM, LPSW, SSM),
 * "Interruptions" (codes, ILC, old/new PSW swap), storage protection, the
 * 24-bit address wrap and the exceptions of instruction fetching.
 */
#include "s360_harness.h"

enum { TARGET = 0x3000 };

/* ---- branch on condition ---- */

static void t_bc_all_masks(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    for (unsigned c = 0; c < 4; c++)
        for (unsigned m = 0; m < 16; m++) {
            char hex[16];
            snprintf(hex, sizeof hex, "47%X0C000", m);   /* BC m,0(0,12) */
            restart(t, CODE);
            set_cc(t, c);
            exec1(t, hex);
            int taken = (m >> (3 - c)) & 1;              /* mask bit c, msb0 */
            assert_int_equal(ia(t), taken ? TARGET : CODE + 4);
            assert_int_equal(cc(t), c);
        }
}

static void t_bcr(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, 0xFF000000 | TARGET);
    set_cc(t, 2);
    exec1(t, "072C");                          /* BCR 2,12 */
    assert_int_equal(ia(t), TARGET);           /* 24-bit address */
    restart(t, CODE);
    set_cc(t, 2);
    exec1(t, "07DC");                          /* BCR 13: CC 2 not selected */
    assert_int_equal(ia(t), CODE + 2);
    restart(t, CODE);
    set_gr(t, 0, TARGET);
    exec1(t, "07F0");                          /* BCR 15,0: no branch */
    assert_int_equal(ia(t), CODE + 2);
}

/* ---- branch and link: the link is PSW bits 32-63 ---- */

static void t_balr(void **state)
{
    S360 *t = *state;
    set_psw(t, make_psw(0, 0, 0, 0, 2, 8, CODE));
    set_gr(t, 2, 0x01000000 | TARGET);
    exec1(t, "0512");                          /* BALR 1,2 */
    /* ILC 1, CC 2, program mask 8, IA of the next instruction */
    assert_int_equal(gr(t, 1), 0x68000000 | (CODE + 2));
    assert_int_equal(ia(t), TARGET);
}

static void t_balr_no_branch(void **state)
{
    S360 *t = *state;
    set_psw(t, make_psw(0, 0, 0, 0, 1, 0, CODE));
    exec1(t, "05C0");                          /* BALR 12,0 */
    assert_int_equal(gr(t, 12), 0x50000000 | (CODE + 2));
    assert_int_equal(ia(t), CODE + 2);
}

static void t_balr_same_register(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    exec1(t, "05CC");                          /* BALR 12,12: target read first */
    assert_int_equal(ia(t), TARGET);
    assert_int_equal(gr(t, 12), 0x40000000 | (CODE + 2));
}

static void t_bal(void **state)
{
    S360 *t = *state;
    set_psw(t, make_psw(0, 0, 0, 0, 3, 0xF, CODE));
    set_gr(t, 12, TARGET);
    exec1(t, "451C0010");                      /* BAL 1,16(12) -- index 12 */
    assert_int_equal(gr(t, 1), 0xBF000000 | (CODE + 4));   /* ILC 2 */
    assert_int_equal(ia(t), TARGET + 16);
}

/* ---- branch on count ---- */

static void t_bct(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    set_gr(t, 1, 2);
    set_cc(t, 1);
    exec1(t, "4610C000");                      /* BCT 1,0(0,12) */
    assert_int_equal(gr(t, 1), 1);
    assert_int_equal(ia(t), TARGET);
    restart(t, CODE);
    exec1(t, "4610C000");
    assert_int_equal(gr(t, 1), 0);
    assert_int_equal(ia(t), CODE + 4);
    restart(t, CODE);
    exec1(t, "4610C000");                      /* 0 - 1 = -1: branch */
    assert_int_equal(gr(t, 1), 0xFFFFFFFF);
    assert_int_equal(ia(t), TARGET);
    assert_int_equal(cc(t), 1);
}

static void t_bctr(void **state)
{
    S360 *t = *state;
    set_gr(t, 1, 5);
    exec1(t, "0610");                          /* BCTR 1,0: count only */
    assert_int_equal(gr(t, 1), 4);
    assert_int_equal(ia(t), CODE + 2);
    restart(t, CODE);
    set_gr(t, 2, TARGET);
    exec1(t, "0612");
    assert_int_equal(gr(t, 1), 3);
    assert_int_equal(ia(t), TARGET);
}

/* ---- branch on index ---- */

static void t_bxle_even(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    set_gr(t, 1, 0);
    set_gr(t, 4, 2);                           /* increment */
    set_gr(t, 5, 4);                           /* compare value: R3+1 */
    exec1(t, "8714C000");                      /* BXLE 1,4,0(12) */
    assert_int_equal(gr(t, 1), 2);
    assert_int_equal(ia(t), TARGET);
    restart(t, CODE);
    exec1(t, "8714C000");                      /* 4 <= 4 */
    assert_int_equal(ia(t), TARGET);
    restart(t, CODE);
    exec1(t, "8714C000");                      /* 6 > 4 */
    assert_int_equal(gr(t, 1), 6);
    assert_int_equal(ia(t), CODE + 4);
}

static void t_bxh_even(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    set_gr(t, 1, 4);
    set_gr(t, 4, 2);
    set_gr(t, 5, 4);
    exec1(t, "8614C000");                      /* BXH: 6 > 4 */
    assert_int_equal(ia(t), TARGET);
    restart(t, CODE);
    set_gr(t, 1, 0);
    exec1(t, "8614C000");                      /* 2 > 4 no */
    assert_int_equal(ia(t), CODE + 4);
    restart(t, CODE);
    set_gr(t, 1, 0x7FFFFFFF);
    set_gr(t, 4, 1);
    exec1(t, "8614C000");                      /* signed: the sum wraps to negative */
    assert_int_equal(gr(t, 1), 0x80000000);
    assert_int_equal(ia(t), CODE + 4);
}

/* R3 odd: R3 is both increment and compare value. */
static void t_bx_odd(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    set_gr(t, 1, 10);
    set_gr(t, 3, 0xFFFFFFFF);
    set_gr(t, 4, 1000);                        /* not used */
    exec1(t, "8613C000");                      /* BXH 1,3: 9 > -1 */
    assert_int_equal(gr(t, 1), 9);
    assert_int_equal(ia(t), TARGET);
    restart(t, CODE);
    exec1(t, "8713C000");                      /* BXLE 1,3: 8 <= -1 no */
    assert_int_equal(gr(t, 1), 8);
    assert_int_equal(ia(t), CODE + 4);
}

/* R1 = R3 (odd): the compare value is taken before the sum replaces it. */
static void t_bx_r1_is_r3(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET);
    set_gr(t, 3, 5);
    exec1(t, "8733C000");                      /* BXLE 3,3: 10 <= 5 no */
    assert_int_equal(gr(t, 3), 10);
    assert_int_equal(ia(t), CODE + 4);
    restart(t, CODE);
    set_gr(t, 3, 5);
    exec1(t, "8633C000");                      /* BXH 3,3: 10 > 5 */
    assert_int_equal(ia(t), TARGET);
}

/* ---- execute ---- */

static void t_ex_or_length(void **state)
{
    S360 *t = *state;
    set_gr(t, 11, DATA + 0x100);
    set_gr(t, 12, DATA);
    set_gr(t, 13, TARGET);
    put_hex(t, TARGET, "D200C000B000");        /* MVC 0(1,12),0(11) */
    put_hex(t, DATA + 0x100, "C1C2C3C4C5");
    set_gr(t, 1, 0xFFFFFF03);                  /* bits 24-31: length code 3 */
    exec1(t, "4410D000");                      /* EX 1,0(0,13) */
    assert_int_equal(get_u32(t, DATA), 0xC1C2C3C4);
    assert_int_equal(get_u8(t, DATA + 4), 0);
    assert_int_equal(ia(t), CODE + 4);         /* after the EX, not the target */
    assert_int_equal(get_n(t, TARGET, 6), 0xD200C000B000);   /* target unchanged */
}

static void t_ex_r0(void **state)
{
    S360 *t = *state;
    set_gr(t, 11, DATA + 0x100);
    set_gr(t, 12, DATA);
    set_gr(t, 13, TARGET);
    put_hex(t, TARGET, "D200C000B000");
    put_hex(t, DATA + 0x100, "C1C2C3C4C5");
    set_gr(t, 0, 0xFF);                        /* R1 field 0: no OR */
    exec1(t, "4400D000");
    assert_int_equal(get_u32(t, DATA), 0xC1000000);
}

static void t_ex_rr_target(void **state)
{
    S360 *t = *state;
    set_gr(t, 13, TARGET);
    put_hex(t, TARGET, "1A00");                /* AR 0,0; EX makes it AR 1,2 */
    set_gr(t, 1, 3);
    set_gr(t, 2, 4);
    set_gr(t, 5, 0x12);
    exec1(t, "4450D000");                      /* EX 5,0(0,13) */
    assert_int_equal(gr(t, 1), 7);
    assert_int_equal(cc(t), 2);
    assert_int_equal(ia(t), CODE + 4);
}

static void t_ex_of_ex(void **state)
{
    S360 *t = *state;
    set_gr(t, 13, TARGET);
    put_hex(t, TARGET, "4400D000");
    exec1_pgm(t, "4400D000", EXECUTE);         /* ILC 2, IA after the first EX */
}

static void t_ex_odd_target(void **state)
{
    S360 *t = *state;
    set_gr(t, 13, TARGET + 1);
    put_hex(t, TARGET, "00 1A12");
    exec1_pgm(t, "4400D000", SPECIFICATION);
}

/* An exception of the subject instruction: ILC and IA are those of EX. */
static void t_ex_target_exception(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA + 2);
    set_gr(t, 13, TARGET);
    put_hex(t, TARGET, "5810C000");            /* L 1,0(0,12): misaligned */
    exec1_pgm(t, "4400D000", SPECIFICATION);
}

static void t_ex_balr_link(void **state)
{
    S360 *t = *state;
    set_psw(t, make_psw(0, 0, 0, 0, 0, 0, CODE));
    set_gr(t, 13, TARGET);
    set_gr(t, 2, DATA);
    put_hex(t, TARGET, "0512");                /* BALR 1,2 */
    exec1(t, "4400D000");
    assert_int_equal(gr(t, 1), 0x80000000 | (CODE + 4));   /* ILC 2 of the EX */
    assert_int_equal(ia(t), DATA);
}

static void t_ex_target_past_end(void **state)
{
    S360 *t = *state;
    set_gr(t, 13, 0x20000);
    exec1_pgm(t, "4400D000", ADDRESSING);
}

static void t_ex_svc(void **state)
{
    S360 *t = *state;
    set_gr(t, 13, TARGET);
    put_hex(t, TARGET, "0A00");                /* SVC 0, made SVC 12 */
    set_gr(t, 1, 12);
    put_hex(t, CODE, "4410D000");
    uc_cpu_reset(t->cpu);
    UcStop s = run_n(t, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    uint64_t old = get_n(t, SVC_OLD, 8);
    assert_int_equal((old >> 32) & 0xFFFF, 12);
    assert_int_equal((old >> 30) & 3, 2);      /* the ILC of the EX */
    assert_int_equal(old & 0xFFFFFF, CODE + 4);
}

/* ---- SVC, SPM, LPSW, SSM ---- */

static void t_svc(void **state)
{
    S360 *t = *state;
    put_u64(t, SVC_NEW, make_psw(0, 0, 0, 0, 0, 0, TARGET));
    set_psw(t, make_psw(0, 0, 0, 0, 2, 0xC, CODE));
    exec1(t, "0A0C");                          /* SVC 12 */
    assert_int_equal(ia(t), TARGET);
    assert_int_equal(cc(t), 0);                /* the new PSW's */
    uint64_t old = get_n(t, SVC_OLD, 8);
    assert_int_equal((old >> 32) & 0xFFFF, 12);
    assert_int_equal((old >> 30) & 3, 1);
    assert_int_equal((old >> 28) & 3, 2);
    assert_int_equal((old >> 24) & 0xF, 0xC);
    assert_int_equal(old & 0xFFFFFF, CODE + 2);
}

static void t_svc_wait_psws(void **state)
{
    S360 *t = *state;
    put_hex(t, CODE, "0AFF");
    uc_cpu_reset(t->cpu);
    UcStop s = run_n(t, 1);     /* new PSW: disabled wait */
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(t->cpu->stop_code, (uint64_t)t->stop_dwait);
    assert_int_equal((get_n(t, SVC_OLD, 8) >> 32) & 0xFFFF, 0xFF);
    put_u64(t, SVC_NEW, make_psw(0x01, 0, 1, 0, 0, 0, TARGET));   /* external enabled */
    restart(t, CODE);
    s = run_n(t, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(t->cpu->stop_code, (uint64_t)t->stop_ewait);
}

static void t_spm(void **state)
{
    S360 *t = *state;
    set_gr(t, 1, 0xEAFFFFFF);                  /* bits 2-3 = 10, 4-7 = 1010 */
    exec1(t, "0410");                          /* SPM 1 */
    assert_int_equal(cc(t), 2);
    assert_int_equal(pmask(t), 0xA);
    restart(t, CODE);
    set_gr(t, 1, 0x10000000);
    exec1(t, "0410");
    assert_int_equal(cc(t), 1);
    assert_int_equal(pmask(t), 0);
}

static void t_lpsw(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_u64(t, DATA, make_psw(0, 0, 0, 0, 1, 0x8, TARGET));
    exec1(t, "8200C000");                      /* LPSW 0(12) */
    assert_int_equal(ia(t), TARGET);
    assert_int_equal(cc(t), 1);
    assert_int_equal(pmask(t), 0x8);
}

static void t_lpsw_problem_state(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_u64(t, DATA, make_psw(0, 0, 0, 0, 0, 0, TARGET));
    set_psw(t, make_psw(0, 0, 0, 1, 0, 0, CODE));
    exec1_pgm(t, "8200C000", PRIVILEGED);
}

static void t_lpsw_misaligned(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA + 4);
    exec1_pgm(t, "8200C000", SPECIFICATION);
}

static void t_lpsw_wait(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_u64(t, DATA, make_psw(0, 0, 1, 0, 0, 0, 0x00ABCD));
    put_hex(t, CODE, "8200C000");
    uc_cpu_reset(t->cpu);
    UcStop s = uc_run(t->cpu, 5, 1000000);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(t->cpu->stop_code, (uint64_t)t->stop_dwait);
    assert_int_equal(ia(t), 0x00ABCD);
    put_u64(t, DATA, make_psw(0x80, 0, 1, 0, 0, 0, 0x00ABCD));   /* channel 0 enabled */
    restart(t, CODE);
    s = uc_run(t->cpu, 5, 1000000);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal(t->cpu->stop_code, (uint64_t)t->stop_ewait);
}

static void t_ssm(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    put_hex(t, DATA + 1, "FE");
    exec1(t, "8000C001");                      /* SSM 1(12): any address */
    assert_int_equal(uc_get_field(t->cpu, (unsigned)t->f_smask), 0xFE);
    set_psw(t, make_psw(0, 0, 0, 1, 0, 0, CODE));
    exec1_pgm(t, "8000C001", PRIVILEGED);
}

/* ---- program interruptions, fetch ---- */

static void t_operation(void **state)
{
    S360 *t = *state;
    exec1_pgm(t, "0000", OPERATION);           /* ILC 1 */
    restart(t, CODE);
    exec1_pgm(t, "A0000000", OPERATION);       /* X'A0': unassigned, ILC 2 */
    restart(t, CODE);
    exec1_pgm(t, "FF0000000000", OPERATION);   /* ILC 3 */
}

static void t_old_psw_contents(void **state)
{
    S360 *t = *state;
    set_psw(t, make_psw(0, 0, 0, 0, 1, 0x8, CODE));
    set_gr(t, 1, 0x7FFFFFFF);
    set_gr(t, 2, 0x7FFFFFFF);
    exec1_pgm(t, "1A12", FIXED_OVERFLOW);
    uint64_t old = get_n(t, PGM_OLD, 8);
    assert_int_equal((old >> 28) & 3, 3);      /* the CC the AR set */
    assert_int_equal((old >> 24) & 0xF, 0x8);
}

/* An odd instruction address: specification; the old PSW's IA has been
   advanced by ILC halfwords (1, 2 or 3). */
static void t_odd_ia(void **state)
{
    S360 *t = *state;
    put_hex(t, CODE, "1A12 1A12");
    restart(t, CODE + 1);
    UcStop s = run_n(t, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    uint64_t old = get_n(t, PGM_OLD, 8);
    unsigned ilc = (old >> 30) & 3;
    assert_int_equal((old >> 32) & 0xFFFF, SPECIFICATION);
    assert_true(ilc >= 1 && ilc <= 3);
    assert_int_equal(old & 0xFFFFFF, CODE + 1 + 2 * ilc);
}

static void t_branch_to_odd(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, TARGET + 1);
    exec1(t, "07FC");                          /* the branch itself completes */
    assert_int_equal(ia(t), TARGET + 1);
    UcStop s = run_n(t, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    assert_int_equal((get_n(t, PGM_OLD, 8) >> 32) & 0xFFFF, SPECIFICATION);
}

/* The first halfword at the end of storage, the second beyond it. */
static void t_fetch_crosses_end(void **state)
{
    S360 *t = *state;
    put_hex(t, 0xFFFE, "5810");
    restart(t, 0xFFFE);
    UcStop s = run_n(t, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    uint64_t old = get_n(t, PGM_OLD, 8);
    unsigned ilc = (old >> 30) & 3;
    assert_int_equal((old >> 32) & 0xFFFF, ADDRESSING);
    assert_true(ilc >= 1 && ilc <= 3);
    assert_int_equal(old & 0xFFFFFF, 0xFFFE + 2 * ilc);
    assert_int_equal(gr(t, 1), 0);
}

static void t_fetch_beyond_end(void **state)
{
    S360 *t = *state;
    restart(t, 0x10000);
    UcStop s = run_n(t, 1);
    assert_int_equal(s, UC_STOP_MACHINE);
    uint64_t old = get_n(t, PGM_OLD, 8);
    unsigned ilc = (old >> 30) & 3;
    assert_int_equal((old >> 32) & 0xFFFF, ADDRESSING);
    assert_true(ilc >= 1 && ilc <= 3);
    assert_int_equal(old & 0xFFFFFF, 0x10000 + 2 * ilc);
}

static void t_operand_beyond_end(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, 0x10000);
    set_gr(t, 1, 0x1234);
    exec1_pgm(t, "5810C000", ADDRESSING);
    assert_int_equal(gr(t, 1), 0x1234);
    restart(t, CODE);
    exec1_pgm(t, "9201C000", ADDRESSING);      /* MVI */
}

static void t_protection(void **state)
{
    S360 *t = *state;
    set_gr(t, 12, DATA);
    set_gr(t, 1, 0xABCDEF01);
    t->cpu->spaces[0].keys[DATA / 2048] = 5;
    set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
    exec1_pgm(t, "5010C000", PROTECTION);      /* ST: key 3 against 5 */
    assert_int_equal(get_u32(t, DATA), 0);
    set_psw(t, make_psw(0, 3, 0, 0, 0, 0, CODE));
    exec1(t, "5820C000");                      /* a fetch is not protected */
    set_psw(t, make_psw(0, 5, 0, 0, 0, 0, CODE));
    exec1(t, "5010C000");
    assert_int_equal(get_u32(t, DATA), 0xABCDEF01);
}

/* ---- 24-bit address wrap (16M storage) ---- */

static void t_wrap_operand(void **state)
{
    S360 *t = *state;
    put_u32(t, 4, 0x13572468);
    set_gr(t, 5, 0x00FFFFFC);
    exec1(t, "58105008");                      /* L 1,8(0,5): address 4 */
    assert_int_equal(gr(t, 1), 0x13572468);
}

static void t_wrap_16m(void **state)
{
    (void)state;
    S360 *t = s360_new_size(16 * 1024 * 1024);
    /* MVC across the top of storage: bytes FFFFFE, FFFFFF, 0, 1 */
    put_hex(t, 0xFFFFFE, "C1C2");
    put_hex(t, 0, "C3C4");
    set_gr(t, 11, 0xFFFFFE);
    set_gr(t, 12, DATA);
    exec1(t, "D203C000B000");
    assert_int_equal(get_u32(t, DATA), 0xC1C2C3C4);
    /* an instruction across the top: its second halfword at 0 */
    put_hex(t, 0xFFFFFE, "4130");
    put_hex(t, 0, "0123");
    restart(t, 0xFFFFFE);
    run_ok(t, 1);
    assert_int_equal(gr(t, 3), 0x123);         /* LA 3,X'123' */
    assert_int_equal(ia(t), 0x000002);
    s360_free(t);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, s360_setup, s360_teardown)
    const struct CMUnitTest tests[] = {
        T(t_bc_all_masks), T(t_bcr), T(t_balr), T(t_balr_no_branch), T(t_balr_same_register),
        T(t_bal), T(t_bct), T(t_bctr), T(t_bxle_even), T(t_bxh_even), T(t_bx_odd),
        T(t_bx_r1_is_r3), T(t_ex_or_length), T(t_ex_r0), T(t_ex_rr_target), T(t_ex_of_ex),
        T(t_ex_odd_target), T(t_ex_target_exception), T(t_ex_balr_link),
        T(t_ex_target_past_end), T(t_ex_svc), T(t_svc), T(t_svc_wait_psws), T(t_spm),
        T(t_lpsw), T(t_lpsw_problem_state), T(t_lpsw_misaligned), T(t_lpsw_wait), T(t_ssm),
        T(t_operation), T(t_old_psw_contents), T(t_odd_ia), T(t_branch_to_odd),
        T(t_fetch_crosses_end), T(t_fetch_beyond_end), T(t_operand_beyond_end),
        T(t_protection), T(t_wrap_operand), cmocka_unit_test(t_wrap_16m),
    };
#undef T
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
