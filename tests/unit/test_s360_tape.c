/* test_s360_tape.c — tape images (emulator/emu_tapeimg.c: AWS and SIMH
 * .tap, every operation and every malformed case) and the 2400 tape unit
 * (emulator/emu_dev_tape.c: commands, status, sense) as the IBM 2400-Series
 * Magnetic Tape Units component description (A22-6866) gives them: a tape
 * mark read or spaced over gives unit exception, a write on a
 * file-protected reel and a backward command at load point are rejected,
 * sense byte 1 shows load point and file protect.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "emulator/emu_dev.h"
#include "emulator/emu_tapeimg.h"

static char dir[64];

static const char *tmp(const char *name)
{
    static char path[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static void put_file(const char *path, const uint8_t *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

static size_t get_file(const char *path, uint8_t *b, size_t max)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(b, 1, max, f);
    fclose(f);
    return n;
}

static EmuTape *mount(const char *path, int ro, EmuTapeFormat fmt)
{
    char err[400] = "";
    EmuTape *t = emu_tape_open(path, ro, fmt, err, sizeof err);
    if (t == NULL)
        fail_msg("%s", err);
    return t;
}

static const uint8_t A[10] = "ABCDEFGHIJ", B[5] = "klmno", C[3] = "xyz";

/* A reel: A B mark C mark (blocks 1..5). */
static void write_reel(EmuTape *t)
{
    assert_int_equal(emu_tape_write(t, A, sizeof A), EMU_TAPE_OK);
    assert_int_equal(emu_tape_write(t, B, sizeof B), EMU_TAPE_OK);
    assert_int_equal(emu_tape_write_mark(t), EMU_TAPE_OK);
    assert_int_equal(emu_tape_write(t, C, sizeof C), EMU_TAPE_OK);
    assert_int_equal(emu_tape_write_mark(t), EMU_TAPE_OK);
}

static void expect_block(EmuTape *t, const uint8_t *want, size_t n)
{
    uint8_t buf[64];
    size_t len = 99;
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_OK);
    assert_int_equal(len, n);
    assert_memory_equal(buf, want, n);
}

static void read_forward(EmuTapeFormat fmt, const char *name)
{
    EmuTape *t = mount(tmp(name), 0, fmt);
    assert_int_equal(emu_tape_format(t), fmt);
    write_reel(t);
    assert_false(emu_tape_at_bot(t));
    emu_tape_rewind(t);
    assert_true(emu_tape_at_bot(t));
    assert_int_equal(emu_tape_block(t), 1);
    expect_block(t, A, sizeof A);
    expect_block(t, B, sizeof B);
    size_t len = 99;
    uint8_t buf[64];
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(len, 0);
    expect_block(t, C, sizeof C);
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_EOD);
    assert_int_equal(emu_tape_block(t), 6);
    /* a short buffer takes the first bytes; the length is the block's */
    emu_tape_rewind(t);
    assert_int_equal(emu_tape_read(t, buf, 4, &len), EMU_TAPE_OK);
    assert_int_equal(len, 10);
    assert_memory_equal(buf, "ABCD", 4);
    emu_tape_close(t);
    /* the same reel mounted again, found by its content */
    t = mount(tmp(name), 1, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), fmt);
    expect_block(t, A, sizeof A);
    emu_tape_close(t);
}

static void test_simh_layout(void **state)
{
    (void)state;
    read_forward(EMU_TAPE_FMT_SIMH, "a.tap");
    /* LE32 length, data padded to even, LE32 length; 0 = tape mark */
    uint8_t f[128];
    size_t n = get_file(tmp("a.tap"), f, sizeof f);
    assert_int_equal(n, (4 + 10 + 4) + (4 + 6 + 4) + 4 + (4 + 4 + 4) + 4);
    static const uint8_t head[] = { 10, 0, 0, 0, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J',
                                    10, 0, 0, 0, 5, 0, 0, 0, 'k', 'l', 'm', 'n', 'o', 0, 5, 0, 0, 0,
                                    0, 0, 0, 0 };
    assert_memory_equal(f, head, sizeof head);
}

static void test_aws_layout(void **state)
{
    (void)state;
    read_forward(EMU_TAPE_FMT_AWS, "a.aws");
    /* 6-byte headers: this length, previous length, flags */
    uint8_t f[128];
    size_t n = get_file(tmp("a.aws"), f, sizeof f);
    assert_int_equal(n, 6 + 10 + 6 + 5 + 6 + 6 + 3 + 6);
    static const uint8_t h1[] = { 10, 0, 0, 0, 0xA0, 0 }, h2[] = { 5, 0, 10, 0, 0xA0, 0 },
                         tm[] = { 0, 0, 5, 0, 0x40, 0 }, h4[] = { 3, 0, 0, 0, 0xA0, 0 };
    assert_memory_equal(f, h1, 6);
    assert_memory_equal(f + 16, h2, 6);
    assert_memory_equal(f + 27, tm, 6);
    assert_memory_equal(f + 33, h4, 6);
}

static void backward_and_spacing(EmuTapeFormat fmt, const char *name)
{
    EmuTape *t = mount(tmp(name), 0, fmt);
    write_reel(t);
    uint8_t buf[64];
    size_t len;
    /* read backward from the end: mark, C, mark, B, A, load point */
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_OK);
    assert_int_equal(len, 3);
    assert_memory_equal(buf, C, 3);
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_OK);
    assert_memory_equal(buf, B, 5);
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_OK);
    assert_memory_equal(buf, A, 10);
    assert_true(emu_tape_at_bot(t));
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_BOT);
    assert_int_equal(emu_tape_space(t, 0), EMU_TAPE_BOT);
    /* forward space block, file */
    assert_int_equal(emu_tape_space(t, 1), EMU_TAPE_OK);
    assert_int_equal(emu_tape_block(t), 2);
    assert_int_equal(emu_tape_space_file(t, 1), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_block(t), 4);                 /* just past the mark */
    expect_block(t, C, 3);
    assert_int_equal(emu_tape_space(t, 1), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_space_file(t, 1), EMU_TAPE_EOD);
    /* backspace file: stops before the mark */
    assert_int_equal(emu_tape_space_file(t, 0), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_block(t), 5);
    assert_int_equal(emu_tape_space(t, 0), EMU_TAPE_OK);      /* over C */
    assert_int_equal(emu_tape_space_file(t, 0), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_block(t), 3);
    assert_int_equal(emu_tape_space_file(t, 0), EMU_TAPE_BOT);
    assert_true(emu_tape_at_bot(t));
    emu_tape_close(t);
}

static void test_backward_spacing_simh(void **state)
{
    (void)state;
    backward_and_spacing(EMU_TAPE_FMT_SIMH, "b.tap");
}

static void test_backward_spacing_aws(void **state)
{
    (void)state;
    backward_and_spacing(EMU_TAPE_FMT_AWS, "b.aws");
}

static void overwrite(EmuTapeFormat fmt, const char *name)
{
    EmuTape *t = mount(tmp(name), 0, fmt);
    write_reel(t);
    emu_tape_rewind(t);
    assert_int_equal(emu_tape_space(t, 1), EMU_TAPE_OK);
    /* writing after A replaces the rest of the reel */
    assert_int_equal(emu_tape_write(t, C, 3), EMU_TAPE_OK);
    emu_tape_close(t);
    t = mount(tmp(name), 0, EMU_TAPE_FMT_DETECT);
    expect_block(t, A, 10);
    expect_block(t, C, 3);
    size_t len;
    uint8_t buf[16];
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_EOD);
    /* backward over the new block, then erase gap: the reel ends after A */
    assert_int_equal(emu_tape_space(t, 0), EMU_TAPE_OK);
    assert_int_equal(emu_tape_erase(t), EMU_TAPE_OK);
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_EOD);
    emu_tape_close(t);
    uint8_t f[64];
    size_t n = get_file(tmp(name), f, sizeof f);
    assert_int_equal(n, fmt == EMU_TAPE_FMT_SIMH ? 18 : 16);
}

static void test_overwrite_simh(void **state)
{
    (void)state;
    overwrite(EMU_TAPE_FMT_SIMH, "c.tap");
}

static void test_overwrite_aws(void **state)
{
    (void)state;
    overwrite(EMU_TAPE_FMT_AWS, "c.aws");
}

static void test_read_only(void **state)
{
    (void)state;
    EmuTape *t = mount(tmp("ro.tap"), 0, EMU_TAPE_FMT_SIMH);
    write_reel(t);
    emu_tape_close(t);
    uint8_t before[128], after[128];
    size_t n = get_file(tmp("ro.tap"), before, sizeof before);
    t = mount(tmp("ro.tap"), 1, EMU_TAPE_FMT_DETECT);
    assert_true(emu_tape_readonly(t));
    assert_int_equal(emu_tape_write(t, A, 10), EMU_TAPE_PROTECT);
    assert_int_equal(emu_tape_write_mark(t), EMU_TAPE_PROTECT);
    assert_int_equal(emu_tape_erase(t), EMU_TAPE_PROTECT);
    expect_block(t, A, 10);
    emu_tape_close(t);
    assert_int_equal(get_file(tmp("ro.tap"), after, sizeof after), n);
    assert_memory_equal(before, after, n);
    /* a missing file is not created for a read-only mount */
    char err[300];
    assert_null(emu_tape_open(tmp("missing.tap"), 1, EMU_TAPE_FMT_DETECT, err, sizeof err));
    assert_non_null(strstr(err, "missing.tap"));
    assert_int_equal(access(tmp("missing.tap"), F_OK), -1);
}

static void test_detect(void **state)
{
    (void)state;
    /* content wins over the name */
    static const uint8_t simh[] = { 2, 0, 0, 0, 'h', 'i', 2, 0, 0, 0 };
    static const uint8_t aws[] = { 2, 0, 0, 0, 0xA0, 0, 'h', 'i' };
    put_file(tmp("s.aws"), simh, sizeof simh);
    put_file(tmp("w.tap"), aws, sizeof aws);
    EmuTape *t = mount(tmp("s.aws"), 1, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), EMU_TAPE_FMT_SIMH);
    expect_block(t, (const uint8_t *)"hi", 2);
    emu_tape_close(t);
    t = mount(tmp("w.tap"), 1, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), EMU_TAPE_FMT_AWS);
    expect_block(t, (const uint8_t *)"hi", 2);
    emu_tape_close(t);
    /* an empty reel by its name */
    t = mount(tmp("new.tap"), 0, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), EMU_TAPE_FMT_SIMH);
    emu_tape_close(t);
    t = mount(tmp("new.aws"), 0, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), EMU_TAPE_FMT_AWS);
    emu_tape_close(t);
}

static void test_simh_error_record_and_eom(void **state)
{
    (void)state;
    /* a good block, a block recorded with an error (bit 31), a gap, end of medium */
    static const uint8_t f[] = { 1, 0, 0, 0, 'a', 0, 1, 0, 0, 0,
                                 2, 0, 0, 0x80, 'b', 'c', 2, 0, 0, 0x80,
                                 0xFE, 0xFF, 0xFF, 0xFF,
                                 0, 0, 0, 0,
                                 0xFF, 0xFF, 0xFF, 0xFF, 9, 9 };
    put_file(tmp("e.tap"), f, sizeof f);
    EmuTape *t = mount(tmp("e.tap"), 1, EMU_TAPE_FMT_SIMH);
    uint8_t buf[8];
    size_t len;
    expect_block(t, (const uint8_t *)"a", 1);
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_DATAERR);
    assert_int_equal(len, 2);
    assert_memory_equal(buf, "bc", 2);
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_EOD);
    emu_tape_close(t);
}

static void test_simh_unpadded(void **state)
{
    (void)state;
    /* odd records without the pad byte (E11 style, as sysres_ms.tap has
       them): found from the first odd record, kept when writing */
    static const uint8_t f[] = { 3, 0, 0, 0, 'a', 'b', 'c', 3, 0, 0, 0,
                                 0, 0, 0, 0 };
    put_file(tmp("u.tap"), f, sizeof f);
    EmuTape *t = mount(tmp("u.tap"), 0, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), EMU_TAPE_FMT_SIMH);
    expect_block(t, (const uint8_t *)"abc", 3);
    uint8_t buf[8];
    size_t len;
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_write(t, C, 3), EMU_TAPE_OK);
    emu_tape_close(t);
    uint8_t g[64];
    assert_int_equal(get_file(tmp("u.tap"), g, sizeof g), sizeof f + 11);
    assert_memory_equal(g + sizeof f, "\3\0\0\0xyz\3\0\0\0", 11);
}

static void test_aws_chunks(void **state)
{
    (void)state;
    /* one record in two chunks (new record, then end of record) */
    static const uint8_t f[] = { 2, 0, 0, 0, 0x80, 0, 'a', 'b',
                                 3, 0, 2, 0, 0x20, 0, 'c', 'd', 'e',
                                 0, 0, 3, 0, 0x40, 0 };
    put_file(tmp("k.aws"), f, sizeof f);
    EmuTape *t = mount(tmp("k.aws"), 0, EMU_TAPE_FMT_DETECT);
    expect_block(t, (const uint8_t *)"abcde", 5);
    uint8_t buf[8];
    size_t len;
    assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_MARK);
    assert_int_equal(emu_tape_read_back(t, buf, sizeof buf, &len), EMU_TAPE_OK);
    assert_int_equal(len, 5);
    assert_memory_equal(buf, "abcde", 5);
    /* a block longer than a chunk is written as chunks and read back whole */
    size_t big = 70000;
    uint8_t *p = malloc(big), *q = malloc(big);
    for (size_t i = 0; i < big; i++)
        p[i] = (uint8_t)(i * 7);
    emu_tape_rewind(t);
    assert_int_equal(emu_tape_write(t, p, big), EMU_TAPE_OK);
    assert_int_equal(emu_tape_write_mark(t), EMU_TAPE_OK);
    emu_tape_close(t);
    t = mount(tmp("k.aws"), 1, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_read(t, q, big, &len), EMU_TAPE_OK);
    assert_int_equal(len, big);
    assert_memory_equal(p, q, big);
    assert_int_equal(emu_tape_read(t, q, big, &len), EMU_TAPE_MARK);
    emu_tape_close(t);
    free(p);
    free(q);
}

/* A malformed image: the blocks before the bad one read; the bad one gives
   BAD with a message naming the file and the block. */
static void expect_bad(const char *name, const uint8_t *f, size_t n, EmuTapeFormat fmt,
                       int good, const char *words)
{
    put_file(tmp(name), f, n);
    EmuTape *t = mount(tmp(name), 1, fmt);
    uint8_t buf[300];
    size_t len;
    for (int i = 0; i < good; i++) {
        EmuTapeStatus st = emu_tape_read(t, buf, sizeof buf, &len);
        assert_true(st == EMU_TAPE_OK || st == EMU_TAPE_MARK);
    }
    for (int twice = 0; twice < 2; twice++) {       /* it stays there */
        assert_int_equal(emu_tape_read(t, buf, sizeof buf, &len), EMU_TAPE_BAD);
        assert_int_equal(emu_tape_space(t, 1), EMU_TAPE_BAD);
    }
    assert_int_equal(emu_tape_space_file(t, 1), EMU_TAPE_BAD);
    const char *msg = emu_tape_message(t);
    char want[160];
    snprintf(want, sizeof want, "%s: block %d: error: ", tmp(name), good + 1);
    if (strstr(msg, want) != msg || strstr(msg, words) == NULL)
        fail_msg("message '%s', expected '%s...%s'", msg, want, words);
    /* backward from there still works */
    if (good > 0)
        assert_int_not_equal(emu_tape_space(t, 0), EMU_TAPE_BAD);
    emu_tape_close(t);
}

static void test_malformed_simh(void **state)
{
    (void)state;
    static const uint8_t trunc[] = { 1, 0, 0, 0, 'a', 0, 1, 0, 0, 0,
                                     100, 0, 0, 0, 'x', 'y' };
    expect_bad("t1.tap", trunc, sizeof trunc, EMU_TAPE_FMT_SIMH, 1, "runs past the end");
    static const uint8_t mismatch[] = { 0, 0, 0, 0, 2, 0, 0, 0, 'a', 'b', 3, 0, 0, 0 };
    expect_bad("t2.tap", mismatch, sizeof mismatch, EMU_TAPE_FMT_SIMH, 1, "length mismatch");
    static const uint8_t word[] = { 1, 0, 0, 0, 'a', 0, 1, 0, 0, 0, 7, 0 };
    expect_bad("t3.tap", word, sizeof word, EMU_TAPE_FMT_SIMH, 1, "truncated length word");
    static const uint8_t huge[] = { 0xFF, 0xFF, 0xFF, 0x00, 1, 2, 3, 4 };
    expect_bad("t4.tap", huge, sizeof huge, EMU_TAPE_FMT_SIMH, 0, "runs past the end");
}

static void test_malformed_aws(void **state)
{
    (void)state;
    static const uint8_t hdr[] = { 1, 0, 0, 0, 0xA0, 0, 'a', 4, 0, 1 };
    expect_bad("w1.aws", hdr, sizeof hdr, EMU_TAPE_FMT_AWS, 1, "truncated block header");
    static const uint8_t prev[] = { 1, 0, 0, 0, 0xA0, 0, 'a', 1, 0, 9, 0, 0xA0, 0, 'b' };
    expect_bad("w2.aws", prev, sizeof prev, EMU_TAPE_FMT_AWS, 1, "length mismatch");
    static const uint8_t past[] = { 0, 0, 0, 0, 0x40, 0, 50, 0, 0, 0, 0xA0, 0, 'a' };
    expect_bad("w3.aws", past, sizeof past, EMU_TAPE_FMT_AWS, 1, "runs past the end");
    static const uint8_t cont[] = { 2, 0, 0, 0, 0x80, 0, 'a', 'b' };     /* no end of record */
    expect_bad("w4.aws", cont, sizeof cont, EMU_TAPE_FMT_AWS, 0, "truncated block header");
}

/* ---- the 2400 unit ---------------------------------------------------- */

static EmuDev *attach(const char *file, const char *o1, const char *o2)
{
    EmuDev *d = calloc(1, sizeof *d);
    char *opt[2] = { (char *)o1, (char *)o2 };
    char err[300] = "";
    d->type = &emu_devtype_2400;
    d->addr = 0x0C1;
    if (d->type->open(d, file, (o1 != NULL) + (o2 != NULL), opt, err, sizeof err) != 0)
        fail_msg("%s", err);
    return d;
}

static void detach(EmuDev *d)
{
    d->type->close(d);
    free(d);
}

static unsigned cmd(EmuDev *d, uint8_t c, uint8_t *buf, size_t *len)
{
    return d->type->command(d, c, buf, len);
}

static uint8_t sense[EMU_DEV_SENSE_MAX];

static void get_sense(EmuDev *d)
{
    size_t len = 0;
    memset(sense, 0xEE, sizeof sense);
    assert_int_equal(cmd(d, 0x04, sense, &len), EMU_US_CE | EMU_US_DE);
    assert_int_equal(len, 6);
}

enum { DONE = EMU_US_CE | EMU_US_DE };

static void test_dev_read_write(void **state)
{
    (void)state;
    static uint8_t buf[EMU_DEV_BUF_MAX];
    size_t len;
    EmuDev *d = attach(tmp("d.aws"), NULL, NULL);
    get_sense(d);
    assert_int_equal(sense[0], 0);
    assert_int_equal(sense[1], 0x40 | 0x08);                /* ready, load point */
    memcpy(buf, "RECORD1", 7);
    len = 7;
    assert_int_equal(cmd(d, 0x01, buf, &len), DONE);
    assert_int_equal(len, 7);
    len = 0;
    assert_int_equal(cmd(d, 0x1F, buf, &len), DONE);        /* write tape mark */
    get_sense(d);
    assert_int_equal(sense[1], 0x40 | 0x04);                /* ready, write status */
    len = 0;
    assert_int_equal(cmd(d, 0x07, buf, &len), DONE);        /* rewind */
    len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), DONE);
    assert_int_equal(len, 7);
    assert_memory_equal(buf, "RECORD1", 7);
    len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), DONE | EMU_US_UE);   /* tape mark */
    assert_int_equal(len, 0);
    len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), DONE | EMU_US_UC);   /* blank tape */
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_DATA);
    /* read backward: the mark, then the record (in recorded order) */
    len = 80;
    assert_int_equal(cmd(d, 0x0C, buf, &len), DONE | EMU_US_UE);
    len = 80;
    assert_int_equal(cmd(d, 0x0C, buf, &len), DONE);
    assert_int_equal(len, 7);
    assert_memory_equal(buf, "RECORD1", 7);
    /* a backward command at load point is rejected */
    len = 80;
    assert_int_equal(cmd(d, 0x0C, buf, &len), EMU_US_UC);
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_CMDREJ);
    assert_int_equal(sense[1] & 0x08, 0x08);
    len = 0;
    assert_int_equal(cmd(d, 0x27, buf, &len), EMU_US_UC);
    /* spacing: block, tape mark (unit exception), back */
    assert_int_equal(cmd(d, 0x37, buf, &len), DONE);
    assert_int_equal(cmd(d, 0x37, buf, &len), DONE | EMU_US_UE);
    assert_int_equal(cmd(d, 0x27, buf, &len), DONE | EMU_US_UE);
    assert_int_equal(cmd(d, 0x27, buf, &len), DONE);
    assert_int_equal(cmd(d, 0x3F, buf, &len), DONE);        /* file: no unit exception */
    assert_int_equal(cmd(d, 0x2F, buf, &len), DONE);
    assert_int_equal(cmd(d, 0x2F, buf, &len), DONE);        /* to the load point */
    get_sense(d);
    assert_int_equal(sense[1] & 0x08, 0x08);
    /* mode sets, 7- and 9-track, and no-op: accepted; others rejected */
    static const uint8_t modes[] = { 0x03, 0x13, 0x23, 0x2B, 0x33, 0x3B, 0x53, 0x63, 0x6B,
                                     0x73, 0x7B, 0x93, 0xC3, 0xCB, 0xD3, 0xDB };
    for (size_t i = 0; i < sizeof modes; i++) {
        len = 0;
        assert_int_equal(cmd(d, modes[i], buf, &len), DONE);
    }
    len = 0;
    assert_int_equal(cmd(d, 0x47, buf, &len), EMU_US_UC);
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_CMDREJ);
    /* rewind-unload: not ready afterwards */
    assert_int_equal(cmd(d, 0x0F, buf, &len), DONE);
    len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), EMU_US_UC);
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_INTREQ);
    assert_int_equal(sense[1] & 0x60, 0x20);
    detach(d);
}

static void test_dev_protect_and_eot(void **state)
{
    (void)state;
    static uint8_t buf[EMU_DEV_BUF_MAX];
    size_t len;
    EmuTape *t = mount(tmp("p.tap"), 0, EMU_TAPE_FMT_SIMH);
    write_reel(t);
    emu_tape_close(t);
    EmuDev *d = attach(tmp("p.tap"), "ro", NULL);
    get_sense(d);
    assert_int_equal(sense[1], 0x40 | 0x08 | 0x02);         /* file protected */
    len = 10;
    assert_int_equal(cmd(d, 0x01, buf, &len), EMU_US_UC);
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_CMDREJ);
    len = 0;
    assert_int_equal(cmd(d, 0x1F, buf, &len), EMU_US_UC);
    assert_int_equal(cmd(d, 0x17, buf, &len), EMU_US_UC);
    detach(d);
    /* the end-of-tape reflector: a write past it ends with unit exception */
    d = attach(tmp("eot.tap"), "maxsize=200", "simh");
    memset(buf, 0x40, 100);
    len = 100;
    assert_int_equal(cmd(d, 0x01, buf, &len), DONE);
    len = 100;
    assert_int_equal(cmd(d, 0x01, buf, &len), DONE | EMU_US_UE);
    get_sense(d);
    assert_int_equal(sense[4] & 0x20, 0x20);
    detach(d);
    /* no reel: intervention required */
    d = attach(NULL, NULL, NULL);
    len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), EMU_US_UC);
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_INTREQ);
    detach(d);
    /* a bad option is an error */
    EmuDev bad = { .type = &emu_devtype_2400 };
    char *opt[1] = { "sideways" };
    char err[200] = "";
    assert_int_equal(emu_devtype_2400.open(&bad, NULL, 1, opt, err, sizeof err), -1);
    assert_non_null(strstr(err, "sideways"));
}

static void test_dev_malformed(void **state)
{
    (void)state;
    static uint8_t buf[EMU_DEV_BUF_MAX];
    static const uint8_t f[] = { 1, 0, 0, 0, 'a', 0, 1, 0, 0, 0, 100, 0, 0, 0, 'x' };
    put_file(tmp("m.tap"), f, sizeof f);
    EmuDev *d = attach(tmp("m.tap"), "ro", NULL);
    size_t len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), DONE);
    len = 80;
    assert_int_equal(cmd(d, 0x02, buf, &len), DONE | EMU_US_UC);
    get_sense(d);
    assert_int_equal(sense[0], EMU_SENSE_DATA);
    len = 0;
    assert_int_equal(cmd(d, 0x37, buf, &len), DONE | EMU_US_UC);
    assert_int_equal(cmd(d, 0x3F, buf, &len), DONE | EMU_US_UC);
    detach(d);
}

/* Any bytes at all as an image: every operation of the unit ends with a
   status, never a crash or a hang (a small fuzz with a fixed seed). */
static void test_dev_garbage(void **state)
{
    (void)state;
    static uint8_t buf[EMU_DEV_BUF_MAX];
    static const uint8_t cmds[] = { 0x02, 0x0C, 0x37, 0x27, 0x3F, 0x2F, 0x07, 0x04, 0x01, 0x1F,
                                    0x17, 0x13, 0x0F };
    uint32_t x = 12345;
    for (int round = 0; round < 300; round++) {
        uint8_t f[96];
        size_t n = round % sizeof f;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            uint8_t b = (uint8_t)(x >> 16);
            f[i] = (x >> 28) < 6 ? 0 : (x >> 28) < 8 ? (uint8_t)(n - i) : b;   /* small lengths often */
        }
        const char *path = tmp(round & 1 ? "g.aws" : "g.tap");
        put_file(path, f, n);
        EmuDev *d = attach(path, round % 3 ? "ro" : "rw", NULL);
        for (int k = 0; k < 40; k++) {
            x = x * 1103515245u + 12345u;
            uint8_t c = cmds[(x >> 16) % sizeof cmds];
            size_t len = c == 0x01 ? 1 + (x >> 8) % 70 : 0;
            if (c == 0x0F)
                continue;                   /* unloading would end the round */
            unsigned st = cmd(d, c, buf, &len);
            assert_true(st <= 0xFF);
            assert_true(len <= EMU_DEV_BUF_MAX);
        }
        detach(d);
    }
}

/* TOS/360's system residence tape, when the test data are there: every
   block indexes, starting with the IPL record. */
static void test_sysres(void **state)
{
    (void)state;
    const char *path = "../shared/testdata/s360/sysres_ms.tap";
    if (access(path, R_OK) != 0)
        skip();
    EmuTape *t = mount(path, 1, EMU_TAPE_FMT_DETECT);
    assert_int_equal(emu_tape_format(t), EMU_TAPE_FMT_SIMH);
    static uint8_t buf[EMU_DEV_BUF_MAX];
    size_t len, blocks = 0, marks = 0;
    EmuTapeStatus st;
    while ((st = emu_tape_read(t, buf, sizeof buf, &len)) == EMU_TAPE_OK || st == EMU_TAPE_MARK) {
        blocks++;
        marks += st == EMU_TAPE_MARK;
    }
    assert_int_equal(st, EMU_TAPE_EOD);
    assert_true(blocks > 100);
    assert_true(marks >= 1);
    emu_tape_close(t);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/mcemu_tape_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmdline[128];
    snprintf(cmdline, sizeof cmdline, "rm -rf '%s'", dir);
    return system(cmdline) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simh_layout),
        cmocka_unit_test(test_aws_layout),
        cmocka_unit_test(test_backward_spacing_simh),
        cmocka_unit_test(test_backward_spacing_aws),
        cmocka_unit_test(test_overwrite_simh),
        cmocka_unit_test(test_overwrite_aws),
        cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_simh_error_record_and_eom),
        cmocka_unit_test(test_simh_unpadded),
        cmocka_unit_test(test_aws_chunks),
        cmocka_unit_test(test_malformed_simh),
        cmocka_unit_test(test_malformed_aws),
        cmocka_unit_test(test_dev_read_write),
        cmocka_unit_test(test_dev_protect_and_eot),
        cmocka_unit_test(test_dev_malformed),
        cmocka_unit_test(test_dev_garbage),
        cmocka_unit_test(test_sysres),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
