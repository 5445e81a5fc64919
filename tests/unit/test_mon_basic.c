/* test_mon_basic.c — the monitor on a hand-built machine (test_mon_tiny.h):
 * examine and deposit, registers by the description's names, step and the
 * stop summary, ustep with the description line, breakpoints (address,
 * opcode, count, condition), watchpoints (write, read, register), next over
 * a call, until, back and whowrote, save and restore, scripts' assert, and
 * one-line errors with their column for bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "microcode/uc_engine.h"
#include "monitor/mon.h"
#include "test_mon_tiny.h"

typedef struct Fixture {
    UcMachine *m;
    UcCpu *cpu;
    Mon *mon;
    char *out, *err;
    size_t outlen, errlen;
    FILE *outf, *errf;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    char err[200];
    f->m = tt_machine();
    assert_int_equal(uc_machine_check(f->m, err, sizeof err), 0);
    f->cpu = uc_cpu_new(f->m, 0, err, sizeof err);
    assert_non_null(f->cpu);
    uc_cpu_reset(f->cpu);
    assert_int_equal(uc_mem_write(f->cpu, 0, 0x100, tt_program, sizeof tt_program), 0);
    assert_int_equal(uc_mem_write(f->cpu, 0, 0x120, tt_sub, sizeof tt_sub), 0);
    uc_set_field(f->cpu, TT_F_IA, 0x100);
    uc_set_item(f->cpu, TT_GR, 3, 0x200);
    uc_set_item(f->cpu, TT_GR, 4, 0x120);
    f->outf = open_memstream(&f->out, &f->outlen);
    f->errf = open_memstream(&f->err, &f->errlen);
    f->mon = mon_new(f->outf, f->errf);
    assert_non_null(f->mon);
    assert_int_equal(mon_attach(f->mon, f->m, f->cpu), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    mon_free(f->mon);
    fclose(f->outf);
    fclose(f->errf);
    free(f->out);
    free(f->err);
    uc_cpu_free(f->cpu);
    uc_machine_free(f->m);
    free(f);
    return 0;
}

/* Run commands; return what they printed on out (and err in *err). */
static const char *run(Fixture *f, const char *cmds)
{
    fflush(f->outf);
    fflush(f->errf);
    size_t o0 = f->outlen;
    char *copy = strdup(cmds);
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
        mon_command(f->mon, line);
    free(copy);
    fflush(f->outf);
    fflush(f->errf);
    return f->out + o0;
}

static const char *errors(Fixture *f)
{
    fflush(f->errf);
    return f->err ? f->err : "";
}

static uint64_t gr(Fixture *f, unsigned n)
{
    return uc_get_item(f->cpu, TT_GR, n);
}

static void test_regs_and_deposit(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "regs PSW");
    assert_string_equal(o, "PSW       00000000 00000100  CC=0 IA=000100\n");
    run(f, "deposit GR5 12345678\nR6 = F'-2'\nset PSW.CC = 3\nd GR[7] 0x10");
    assert_int_equal(gr(f, 5), 0x12345678);
    assert_int_equal(gr(f, 6), 0xFFFFFFFE);
    assert_int_equal(uc_get_field(f->cpu, TT_F_CC), 3);
    assert_int_equal(gr(f, 7), 0x10);
    o = run(f, "regs GR");
    assert_string_equal(o, "GR 0-7    00000000 00000000 00000000 00000200 00000120 12345678 FFFFFFFE 00000010\n"
                           "GR 8-15   00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n");
    assert_string_equal(errors(f), "");
}

static void test_examine_storage(void **state)
{
    Fixture *f = *state;
    run(f, "deposit 300 C'AB' X'0102' F'-1' H'7'\n");
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x300), 'A');
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x303), 0x02);
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x304), 0xFF);
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x309), 0x07);
    const char *o = run(f, "examine 300 10");
    assert_string_equal(o, "000300  41420102 FFFFFFFF 0007               *AB........*\n");
    o = run(f, "x/c 300 2");
    assert_string_equal(o, "000300  C'AB'\n");
    o = run(f, "x/d4 304 4");
    assert_string_equal(o, "000304  -1\n");
    o = run(f, "x 300-303");
    assert_string_equal(o, "000300  41420102                             *AB..*\n");
    o = run(f, "x/i 100 3");
    assert_string_equal(o, "000100              4115         LI\n"
                           "000102              4123         LI\n"
                           "000104              1A12         AR\n");
    assert_string_equal(errors(f), "");
}

static void test_step_summary(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "step 3");
    assert_string_equal(o, "000106              4213         STC                     CC=2\n");
    assert_int_equal(gr(f, 1), 8);
    assert_int_equal(f->cpu->icount, 3);
    run(f, "step");
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x200), 8);
}

static void test_ustep_shows_source(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "ustep 2");
    assert_non_null(strstr(o, "u0000 fetch"));
    assert_non_null(strstr(o, "tiny.isa:3  let ia = PSW.IA;"));
    assert_non_null(strstr(o, "u0001 fetch"));
    assert_non_null(strstr(o, "tiny.isa:4  let insn = M.u16[ia];"));
    /* finishing the instruction with step works from the middle */
    run(f, "step");
    assert_int_equal(gr(f, 1), 5);
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x102);
}

static void test_break_and_go(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "break 108\ngo");
    assert_string_equal(o, "breakpoint 1: 108\n"
                           "breakpoint 1 (108) at 000108\n"
                           "000108              4303         IC                      CC=2\n");
    o = run(f, "continue");
    assert_non_null(strstr(o, "stopped: halted"));
    assert_int_equal(gr(f, 1), 16);
}

static void test_break_op_count_cond(void **state)
{
    Fixture *f = *state;
    run(f, "break op AR count 2\ngo");
    /* the second AR is the one in the subroutine */
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x120);
    run(f, "delete all\nPSW.IA = 100\nbreak op 42 if GR1 == 8\ngo");
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x106);
    assert_string_equal(errors(f), "");
}

static void test_watch_write_back_whowrote(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "watch 200\ngo");
    assert_string_equal(o, "watchpoint 1: write 200\n"
                           "watchpoint 1: M[000200] written by the instruction at 000106\n"
                           "000108              4303         IC                      CC=2\n");
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x200), 8);
    o = run(f, "whowrote 200");
    assert_non_null(strstr(o, "M[000200] was last written by instruction 4 (1 back), before it held 0"));
    run(f, "back 2");
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x200), 0);
    assert_int_equal(gr(f, 1), 5);
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x104);
    assert_int_equal(uc_get_field(f->cpu, TT_F_CC), 0);
    assert_int_equal(f->cpu->icount, 2);
    /* and forward again, the same way */
    run(f, "delete 1\nstep 2");
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x200), 8);
    assert_int_equal(gr(f, 1), 8);
}

static void test_watch_read_and_reg(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "watch read 1FF 2\ngo");
    assert_non_null(strstr(o, "watchpoint 1: M[000200] read by the instruction at 000108"));
    o = run(f, "delete 1\nwatch GR14\ngo");
    assert_non_null(strstr(o, "watchpoint 2: GR14 changed from 0 to 10C by the instruction at 00010A"));
}

static void test_next_over_call(void **state)
{
    Fixture *f = *state;
    run(f, "until 10A");
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x10A);
    run(f, "next");
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x10C);
    assert_int_equal(gr(f, 1), 16);
    assert_int_equal(f->cpu->icount, 8);
}

static void test_ubreak_line(void **state)
{
    Fixture *f = *state;
    const char *o = run(f, "ubreak tiny.isa:12\ngo");
    assert_non_null(strstr(o, "micro-breakpoint 1 (tiny.isa:12) at u000C"));
    assert_non_null(strstr(o, "tiny.isa:12  PSW.CC = s == 0 ? 0 : 2;"));
    assert_int_equal(gr(f, 1), 8);          /* line 11 ran, line 12 not yet */
    o = run(f, "continue");
    assert_non_null(strstr(o, "micro-breakpoint 1"));
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x122);   /* AR 1,1 in the subroutine */
    assert_string_equal(errors(f), "");
}

static void test_save_restore(void **state)
{
    Fixture *f = *state;
    char path[] = "/tmp/mcemu-test-monXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char cmd[200];
    run(f, "step 4");
    snprintf(cmd, sizeof cmd, "save %s", path);
    run(f, cmd);
    run(f, "go\nR9 = 99\ndeposit 200 77");
    snprintf(cmd, sizeof cmd, "restore %s", path);
    run(f, cmd);
    assert_int_equal(gr(f, 9), 0);
    assert_int_equal(gr(f, 1), 8);
    assert_int_equal(uc_mem_get(f->cpu, 0, 0x200), 8);
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x108);
    assert_int_equal(f->cpu->icount, 4);
    /* a state of another machine is refused */
    f->m->hash ^= 1;
    assert_int_equal(mon_command(f->mon, cmd), -1);
    assert_non_null(strstr(errors(f), "holds a state of another version of machine tiny"));
    f->m->hash ^= 1;
    unlink(path);
}

static void test_errors(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mon_command(f->mon, "frobnicate 1"), -1);
    assert_int_equal(mon_command(f->mon, "examine 12345678"), -1);
    assert_int_equal(mon_command(f->mon, "deposit GR3 zz"), -1);
    assert_int_equal(mon_command(f->mon, "d"), -1);           /* deposit, nothing to store */
    assert_int_equal(mon_command(f->mon, "de 1"), -1);        /* ambiguous: delete, deposit */
    assert_int_equal(mon_command(f->mon, "break op NOSUCH"), -1);
    assert_int_equal(mon_command(f->mon, "ubreak tiny.isa:1"), -1);
    assert_int_equal(mon_command(f->mon, "x 100 (1"), -1);
    assert_int_equal(mon_command(f->mon, "R99 = 1"), -1);
    const char *e = errors(f);
    assert_non_null(strstr(e, "<command>:1:1: error: unknown command 'frobnicate'"));
    assert_non_null(strstr(e, "<command>:2:9: error: M[12345678..12345687] is outside storage"));
    assert_non_null(strstr(e, "<command>:3:13: error: unknown name or bad number 'zz'"));
    assert_non_null(strstr(e, "ambiguous command 'de': deposit, delete"));
    assert_non_null(strstr(e, "<command>:6:10: error: 'NOSUCH' is no mnemonic of tiny and no opcode\n"
                              "break op NOSUCH\n         ^\n<command>:7"));
    assert_non_null(strstr(e, "<command>:4:2: error: deposit needs an address"));
    assert_non_null(strstr(e, "no micro-instruction comes from tiny.isa:1"));
    assert_non_null(strstr(e, "no register named 'R99'"));
    assert_int_equal(mon_status(f->mon), 1);
    /* the machine is untouched */
    assert_int_equal(f->cpu->icount, 0);
}

static void test_assert_and_if(void **state)
{
    Fixture *f = *state;
    assert_int_equal(mon_command(f->mon, "assert GR3 == 200"), 0);
    assert_int_equal(mon_command(f->mon, "assert M[100:2] == 4115"), 0);
    const char *o = run(f, "if PSW.CC == 0 echo zero\nif GR3 != 200 echo never");
    assert_string_equal(o, "zero\n");
    assert_int_equal(mon_status(f->mon), 0);
    assert_int_equal(mon_command(f->mon, "assert GR3 == 201"), -1);
    assert_non_null(strstr(errors(f), "assertion failed: GR3 == 201 (the left side is 200)"));
    assert_int_equal(mon_status(f->mon), 1);
}

/* The notations of values (HLASM constants, registers, storage, symbols
   are covered elsewhere): each assert fails if a value is read wrongly. */
static void test_expressions(void **state)
{
    Fixture *f = *state;
    static const char *const good[] = {
        "assert GR3 + 10 == 210", "assert GR3 - 1 == 1FF", "assert (1 + 2) - (3) == 0",
        "assert X'1F' == 0x1F", "assert 0d31 == 1F", "assert F'-1' == FFFFFFFF", "assert H'-2' == FFFE",
        "assert B'101' == 5", "assert C'AB' == 4142", "assert ~0 == -1", "assert -1 == FFFFFFFFFFFFFFFF",
        "assert * == 100", "assert PSW.IA == * ", "assert IA == 100", "assert GR[3] == R3",
        "assert M[100:2] == 4115", "assert M[101] < M[100]", "assert 5 >= 5", "assert 4 <= 5",
        "assert 1", "assert F'2147483647' == 7FFFFFFF", "assert C'''' == 27",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (mon_command(f->mon, good[i]) != 0)
            fail_msg("%s: %s", good[i], errors(f));
    static const char *const bad[] = {
        "assert F'2147483648' == 0", "assert H'32768' == 0", "assert X'G' == 0", "assert B'2' == 0",
        "assert 10000000000000000 == 0", "assert GR[16] == 0", "assert M[FFFFFF] == 0", "assert M[0:9] == 0",
        "assert (1 == 1", "assert 1 +", "assert 0", "assert 1 == 2",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (mon_command(f->mon, bad[i]) == 0)
            fail_msg("accepted: %s", bad[i]);
}

static void test_run_limit_and_history(void **state)
{
    Fixture *f = *state;
    /* a loop: BR 4 at 0x120 with GR4 = 0x120 */
    run(f, "deposit 120 070F\nR15 = 120\nPSW.IA = 120\nset limit 1000\ngo");
    assert_int_equal(f->cpu->icount, 1000);
    const char *o = run(f, "history 2");
    assert_string_equal(o, "     999  000120              070F         BR\n"
                           "    1000  000120              070F         BR\n");
}

/* Random command lines from a vocabulary of commands, names, numbers and
   punctuation: every line gets a result or an error, never a crash (run
   under the sanitizers in CI). Commands that touch files are left out. */
static void test_random_lines(void **state)
{
    Fixture *f = *state;
    static const char *const cmds[] = {
        "regs", "examine", "x/i", "x/c", "x/d4", "x/q", "deposit", "set", "show", "dis", "step", "ustep",
        "next", "go", "continue", "until", "break", "tbreak", "watch", "watch read", "ubreak", "delete",
        "disable", "enable", "breaks", "history", "back", "whowrote", "echo", "assert", "if", "help",
        "symbols", "GR1 =", "PSW.CC =", "R", "x", "d", "", "=", "set limit", "reset",
    };
    static const char *const toks[] = {
        "0", "1", "100", "FFF", "1000", "FFFFFFFFFFFFFFFFFF", "-", "-1", "+", "(", ")", "[", "]", ":",
        "GR", "GR1", "GR[3]", "GR[99]", "R15", "PSW", "PSW.CC", "CC", "IA", "M[100]", "M[100:4]",
        "M[100:9]", "M[FFFF]", "X'", "X'1F'", "C'A'", "C''", "F'-5'", "H'99999'", "B'101'", "A'x'",
        "==", "!=", "<", ">=", "if", "count", "0", "all", "op", "AR", "HALT", "tiny.isa:12",
        "tiny.isa:0", "fetch", "u3", "ia", "*", "~", "0x", "0d12", "0d", "'", ",", "read", "write", "%1",
        "1 2 3", "M:100", "Q:1", "/x", "on", "off", "echo", "storage", "limit",
    };
    uint32_t seed = 12345;
    char line[512];
    mon_command(f->mon, "set limit 50");
    for (int i = 0; i < 20000; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = (size_t)snprintf(line, sizeof line, "%s", cmds[(seed >> 8) % (sizeof cmds / sizeof cmds[0])]);
        unsigned ntok = (seed >> 20) % 6;
        for (unsigned k = 0; k < ntok && n < sizeof line - 64; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *t = toks[(seed >> 8) % (sizeof toks / sizeof toks[0])];
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", (seed >> 30) ? " " : "", t);
        }
        mon_command(f->mon, line);
        if (i % 500 == 0) {          /* keep the machine runnable */
            mon_command(f->mon, "set limit 50");
            mon_command(f->mon, "PSW.IA = 100");
        }
    }
    /* still working */
    assert_int_equal(mon_command(f->mon, "delete all"), 0);
    assert_int_equal(mon_command(f->mon, "PSW.IA = 100"), 0);
    assert_int_equal(mon_command(f->mon, "step"), 0);
    assert_int_equal(uc_get_field(f->cpu, TT_F_IA), 0x102);
}

/* A machine whose instructions end at the next word mark (the 1401's
   rule): the monitor finds instruction lengths from the decode rule. */
static void test_delimited_lengths(void **state)
{
    Fixture *f = *state;
    UcSpace *sp = &f->m->spaces[0];
    sp->nsubfields = 1;
    sp->subfields = calloc(1, sizeof *sp->subfields);
    sp->subfields[0] = (UcSubfield){ tt_dup("WM"), 7, 1 };
    f->m->decode.rule = UC_LEN_DELIMITED;
    f->m->decode.delim_subfield = 0;
    f->m->decode.max_length = 8;
    static const uint8_t units[] = { 0x81, 0x01, 0x02, 0x83, 0x84, 0x85, 0x05 };
    assert_int_equal(uc_mem_write(f->cpu, 0, 0x300, units, sizeof units), 0);
    const char *o = run(f, "x/i 300 3");
    /* address and units of each as characters of the machine's code, a
       backtick before one with a word mark; the text is the disassembler's */
    assert_memory_equal(o, "000300              `... ", 25);
    o = strchr(o, '\n') + 1;
    assert_memory_equal(o, "000303              `. ", 23);
    o = strchr(o, '\n') + 1;
    assert_memory_equal(o, "000304              `. ", 23);
    /* deposit: a backtick sets the word mark of the next character */
    o = run(f, "deposit 310 C'`AB`C'");
    uint8_t back[3];
    assert_int_equal(uc_mem_read(f->cpu, 0, 0x310, back, 3), 0);
    assert_int_equal(back[0], 0x80 | 'A');
    assert_int_equal(back[1], 'B');
    assert_int_equal(back[2], 0x80 | 'C');
    o = run(f, "x/c 310 3");
    assert_string_equal(o, "000310  C'`AB`C'\n");
}

/* A description with `const RADIX = 10;` (1401 addresses are decimal):
   addresses show and read in decimal; set radix changes it. */
static void test_radix(void **state)
{
    Fixture *f = *state;
    UcMachine *m = f->m;
    m->consts = calloc(1, sizeof *m->consts);
    m->consts[0] = (UcConst){ tt_dup("RADIX"), 10, 0 };
    m->nconsts = 1;
    assert_int_equal(mon_attach(f->mon, f->m, f->cpu), 0);
    const char *o = run(f, "x/i 256 1\nregs PSW");
    assert_string_equal(o, "0256              4115         LI\n"
                           "PSW       00000000000000000256  CC=0 IA=00000256\n");
    assert_int_equal(mon_command(f->mon, "assert PSW.IA == 256"), 0);
    assert_int_equal(mon_command(f->mon, "assert PSW.IA == 0x100"), 0);
    assert_int_equal(mon_command(f->mon, "break 1FF"), -1);     /* not a decimal number */
    o = run(f, "set radix 16\nx/i 100 1");
    assert_string_equal(o, "000100              4115         LI\n");
}

/* A description whose microcode never reaches the end of an instruction
   (HALT's routine jumps to itself): go, step and watchpoints each end with
   a message instead of hanging. */
static void test_microcode_loop(void **state)
{
    Fixture *f = *state;
    char err[200];
    UcMachine *m = tt_machine();
    m->words[6] = tt_w(UC_JMP, 0, 0, 0, 0, 0, 0, 6, 0);        /* HALT: u0006 JMP u0006 */
    UcCpu *cpu = uc_cpu_new(m, 0, err, sizeof err);
    assert_non_null(cpu);
    uc_cpu_reset(cpu);
    uc_set_field(cpu, TT_F_IA, 0x100);                       /* 0000 at 0x100: HALT */
    assert_int_equal(mon_attach(f->mon, m, cpu), 0);
    const char *o = run(f, "go");
    assert_non_null(strstr(o, "stopped: no instruction boundary in 100000000 micro-instructions"));
    o = run(f, "PSW.IA = 100\nwatch read 0\nstep");
    assert_non_null(strstr(o, "stopped: no instruction boundary"));
    assert_int_equal(mon_attach(f->mon, f->m, f->cpu), 0);
    uc_cpu_free(cpu);
    uc_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_regs_and_deposit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_examine_storage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_step_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ustep_shows_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_and_go, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_op_count_cond, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watch_write_back_whowrote, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watch_read_and_reg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_over_call, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ubreak_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_restore, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assert_and_if, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expressions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_run_limit_and_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delimited_lengths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_radix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_microcode_loop, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
