/* test_s360_chan.c — the System/360 channels against the rules of
 * Principles of Operation A22-6821, "Input/Output Operations": the CAW and
 * CCWs, command and data chaining, skip, suppress length indication and
 * incorrect length, TIC, PCI, program and protection checks, the CSW, the
 * condition codes of SIO, TIO, HIO and TCH, I/O interruptions, and IPL
 * ("Initial Program Loading"). Also the card reader's decks, the printer's
 * carriage control and machine.conf errors.
 *
 * A test device (type "TST") gives records of a chosen length and keeps
 * what it was written, so each channel rule is seen apart from real
 * devices.
 */
#include "s360_harness.h"
#include <unistd.h>
#include "emulator/emu_chan.h"

enum { CAW = 72, CSW = 64, CCWS = 0x3000, BUF = 0x4000 };

/* ---- the test device ---- */
static struct {
    size_t reclen;              /* length of each record read */
    uint8_t fill;               /* record bytes: fill, fill+1, ... */
    unsigned status;            /* status a read or write ends with */
    unsigned initial;           /* nonzero: refuse commands with this (not started) */
    int ce_only;                /* control commands end with channel end alone */
    uint8_t wrote[65536];
    size_t wlen;
    unsigned nwrites, nreads, ncontrols;
    uint8_t last_cmd;
} tst;

static unsigned tst_command(EmuDev *d, uint8_t cmd, uint8_t *buf, size_t *len)
{
    (void)d;
    tst.last_cmd = cmd;
    if (tst.initial)
        return tst.initial;
    if ((cmd & 0x0F) == 0x04)
        return emu_dev_sense(d, buf, len);
    switch (cmd & 3) {
    case 2:
    case 0:
        for (size_t i = 0; i < tst.reclen; i++)
            buf[i] = (uint8_t)(tst.fill + i);
        *len = tst.reclen;
        tst.nreads++;
        return tst.status;
    case 1:
        memcpy(tst.wrote, buf, *len);
        tst.wlen = *len;
        tst.nwrites++;
        if (tst.reclen && tst.reclen < *len)
            *len = tst.reclen;
        return tst.status;
    default:
        *len = 0;
        tst.ncontrols++;
        return tst.ce_only ? EMU_US_CE : EMU_US_CE | EMU_US_DE;
    }
}

static const EmuDevType tst_type = { "TST", "test device", 0, NULL, NULL, tst_command, NULL, NULL };

/* ---- a machine with channels ---- */
typedef struct Rig {
    S360 *t;
    EmuS360 s;
} Rig;

static Rig *rig;

static int rig_setup(void **state)
{
    (void)state;
    rig = calloc(1, sizeof *rig);
    if (rig == NULL)
        return -1;
    rig->t = s360_new_size(0);
    rig->s.cpu = rig->t->cpu;
    if (emu_chan_open(&rig->s) != 0)
        return -1;
    emu_intr_open(&rig->s, "off");
    emu_intr_bind(&rig->s);
    emu_chan_bind(&rig->s);
    memset(&tst, 0, sizeof tst);
    tst.reclen = 80;
    tst.fill = 0xC1;
    tst.status = EMU_US_CE | EMU_US_DE;
    char err[200];
    /* 00E on the multiplexor; 181 and 182 on selector channel 1 */
    if (emu_chan_attach(&rig->s, 0x00E, &tst_type, NULL, 0, NULL, err, sizeof err) != 0 ||
        emu_chan_attach(&rig->s, 0x181, &tst_type, NULL, 0, NULL, err, sizeof err) != 0 ||
        emu_chan_attach(&rig->s, 0x182, &tst_type, NULL, 0, NULL, err, sizeof err) != 0)
        return -1;
    return 0;
}

static int rig_teardown(void **state)
{
    (void)state;
    emu_chan_close(&rig->s);
    s360_free(rig->t);
    free(rig);
    rig = NULL;
    return 0;
}

static void ccw(uint32_t at, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t b[8] = { cmd, (uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr, flags, 0,
                     (uint8_t)(count >> 8), (uint8_t)count };
    put_bytes(rig->t, at, b, 8);
}

static void caw(unsigned key, uint32_t addr) { put_u32(rig->t, CAW, (uint32_t)key << 28 | addr); }

static unsigned sio(unsigned dev) { return emu_chan_sio(&rig->s, dev); }
static unsigned tio(unsigned dev) { return emu_chan_tio(&rig->s, dev); }
static unsigned hio(unsigned dev) { return emu_chan_hio(&rig->s, dev); }
static unsigned tch(unsigned dev) { return emu_chan_tch(&rig->s, dev); }
static uint32_t take(void) { return emu_chan_take(&rig->s, 0xFF); }

static uint32_t csw_word(unsigned i) { return get_u32(rig->t, CSW + 4 * i); }
static unsigned csw_key(void) { return csw_word(0) >> 28; }
static uint32_t csw_addr(void) { return csw_word(0) & 0xFFFFFF; }
static unsigned csw_us(void) { return (csw_word(1) >> 24) & 0xFF; }
static unsigned csw_chs(void) { return (csw_word(1) >> 16) & 0xFF; }
static unsigned csw_count(void) { return csw_word(1) & 0xFFFF; }

/* SIO with CC 0 and the interruption taken at once: the CSW is stored. */
static void sio_done(unsigned dev)
{
    assert_int_equal(sio(dev), 0);
    assert_int_equal(take(), 0x10000u | dev);
}

/* ---- the tests ---- */

static void test_read_csw(void **state)
{
    (void)state;
    ccw(CCWS, 0x02, BUF, 0x00, 80);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(csw_key(), 0);
    assert_int_equal(csw_addr(), CCWS + 8);        /* the last CCW used + 8 */
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    assert_int_equal(csw_chs(), 0);
    assert_int_equal(csw_count(), 0);
    assert_int_equal(get_u8(rig->t, BUF), 0xC1);
    assert_int_equal(get_u8(rig->t, BUF + 79), (0xC1 + 79) & 0xFF);
    assert_int_equal(take(), 0);                    /* cleared */
    assert_int_equal(emu_chan_pending(&rig->s), 0);
}

static void test_incorrect_length(void **state)
{
    (void)state;
    /* count longer than the record: residual count, incorrect length */
    ccw(CCWS, 0x02, BUF, 0x00, 100);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_IL);
    assert_int_equal(csw_count(), 20);
    /* SLI suppresses it */
    ccw(CCWS, 0x02, BUF, 0x20, 100);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), 0);
    assert_int_equal(csw_count(), 20);
    /* count shorter than the record: the rest is not stored */
    put_u32(rig->t, BUF + 40, 0);
    ccw(CCWS, 0x02, BUF, 0x00, 40);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_IL);
    assert_int_equal(csw_count(), 0);
    assert_int_equal(get_u32(rig->t, BUF + 40), 0);
}

static void test_data_chaining(void **state)
{
    (void)state;
    /* 30 bytes at BUF, 50 at BUF+0x100: one record over two CCWs */
    ccw(CCWS, 0x02, BUF, 0x80, 30);
    ccw(CCWS + 8, 0x00, BUF + 0x100, 0x00, 50);     /* command ignored in data chaining */
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 1);
    assert_int_equal(csw_addr(), CCWS + 16);
    assert_int_equal(csw_chs(), 0);
    assert_int_equal(csw_count(), 0);
    assert_int_equal(get_u8(rig->t, BUF + 29), 0xC1 + 29);
    assert_int_equal(get_u8(rig->t, BUF + 0x100), 0xC1 + 30);
    assert_int_equal(get_u8(rig->t, BUF + 0x100 + 49), (0xC1 + 79) & 0xFF);
    /* writes gather across data-chained CCWs: one record for the device */
    put_hex(rig->t, BUF, "C1C2C3");
    put_hex(rig->t, BUF + 0x100, "F1F2");
    tst.reclen = 0;
    ccw(CCWS, 0x01, BUF, 0x80, 3);
    ccw(CCWS + 8, 0x01, BUF + 0x100, 0x00, 2);
    sio_done(0x00E);
    assert_int_equal(tst.nwrites, 1);
    assert_int_equal(tst.wlen, 5);
    assert_memory_equal(tst.wrote, "\xC1\xC2\xC3\xF1\xF2", 5);
    assert_int_equal(csw_addr(), CCWS + 16);
    assert_int_equal(csw_count(), 0);
}

static void test_skip(void **state)
{
    (void)state;
    put_u32(rig->t, BUF, 0x11223344);
    ccw(CCWS, 0x02, BUF, 0x10, 80);                 /* skip: nothing stored */
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(get_u32(rig->t, BUF), 0x11223344);
    assert_int_equal(csw_count(), 0);
    assert_int_equal(csw_chs(), 0);
    /* skip on the first of two data-chained CCWs: the first 40 bytes dropped */
    ccw(CCWS, 0x02, BUF, 0x90, 40);
    ccw(CCWS + 8, 0x02, BUF + 0x200, 0x00, 40);
    sio_done(0x00E);
    assert_int_equal(get_u32(rig->t, BUF), 0x11223344);
    assert_int_equal(get_u8(rig->t, BUF + 0x200), 0xC1 + 40);
}

static void test_command_chaining(void **state)
{
    (void)state;
    ccw(CCWS, 0x02, BUF, 0x40, 80);
    ccw(CCWS + 8, 0x02, BUF + 80, 0x00, 80);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 2);
    assert_int_equal(csw_addr(), CCWS + 16);
    /* incorrect length ends the chain (no SLI) ... */
    tst.nreads = 0;
    ccw(CCWS, 0x02, BUF, 0x40, 90);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 1);
    assert_int_equal(csw_addr(), CCWS + 8);
    assert_int_equal(csw_chs(), EMU_CHS_IL);
    assert_int_equal(csw_count(), 10);
    /* ... but not with SLI */
    tst.nreads = 0;
    ccw(CCWS, 0x02, BUF, 0x60, 90);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 2);
    /* unit exception ends the chain */
    tst.nreads = 0;
    tst.status = EMU_US_CE | EMU_US_DE | EMU_US_UE;
    ccw(CCWS, 0x02, BUF, 0x40, 80);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 1);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE | EMU_US_UE);
    /* status modifier skips a CCW */
    tst.nreads = 0;
    tst.status = EMU_US_CE | EMU_US_DE | EMU_US_SM;
    ccw(CCWS, 0x02, BUF, 0x40, 80);
    ccw(CCWS + 8, 0x03, 0, 0x00, 1);                /* skipped */
    ccw(CCWS + 16, 0x02, BUF, 0x00, 80);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 2);
    assert_int_equal(tst.ncontrols, 0);
    assert_int_equal(csw_addr(), CCWS + 24);
}

static void test_tic(void **state)
{
    (void)state;
    ccw(CCWS, 0x02, BUF, 0x40, 80);
    ccw(CCWS + 8, 0x08, CCWS + 0x40, 0x00, 0);      /* TIC */
    ccw(CCWS + 0x40, 0x02, BUF + 80, 0x00, 80);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(tst.nreads, 2);
    assert_int_equal(csw_addr(), CCWS + 0x48);
    /* a TIC may not come first: program check, CSW stored by SIO */
    ccw(CCWS, 0x08, CCWS + 0x40, 0x00, 0);
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    assert_int_equal(take(), 0);
    /* nor follow a TIC */
    ccw(CCWS, 0x02, BUF, 0x40, 80);
    ccw(CCWS + 8, 0x08, CCWS + 0x40, 0x00, 0);
    ccw(CCWS + 0x40, 0x08, CCWS, 0x00, 0);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    /* a TIC address must be on a doubleword boundary */
    ccw(CCWS + 8, 0x08, CCWS + 0x44, 0x00, 0);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
}

static void test_program_checks(void **state)
{
    (void)state;
    caw(0, CCWS);
    ccw(CCWS, 0x02, BUF, 0x00, 0);                  /* count zero */
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    ccw(CCWS, 0x00, BUF, 0x00, 80);                 /* invalid command (bits 4-7 0000) */
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    ccw(CCWS, 0x02, BUF, 0x01, 80);                 /* flag bits 37-39 not zero */
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    caw(0, CCWS + 4);                               /* CCW address not a doubleword */
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    caw(0, 0xFFFFF8);                               /* CCW address past storage */
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    put_u32(rig->t, CAW, 0x01000000u | CCWS);      /* CAW bits 4-7 not zero */
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    assert_int_equal(tst.nreads, 0);
    /* data past the end of storage: what fits is stored, then program check */
    uint64_t size = rig->t->cpu->spaces[0].size;
    caw(0, CCWS);
    ccw(CCWS, 0x02, (uint32_t)size - 30, 0x00, 80);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    assert_int_equal(csw_count(), 50);
    assert_int_equal(get_u8(rig->t, size - 1), 0xC1 + 29);
}

static void test_protection(void **state)
{
    (void)state;
    UcCpu *cpu = rig->t->cpu;
    uint32_t blk = cpu->m->spaces[0].key_block;
    assert_true(blk > 0 && cpu->spaces[0].keys != NULL);
    cpu->spaces[0].keys[BUF / blk] = 3;
    put_u32(rig->t, BUF, 0x55555555);
    ccw(CCWS, 0x02, BUF, 0x00, 80);
    caw(5, CCWS);                                   /* key 5 may not store in key 3 */
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PROT);
    assert_int_equal(csw_key(), 5);
    assert_int_equal(csw_count(), 80);
    assert_int_equal(get_u32(rig->t, BUF), 0x55555555);
    caw(3, CCWS);                                   /* the matching key */
    sio_done(0x00E);
    assert_int_equal(csw_chs(), 0);
    caw(0, CCWS);                                   /* key 0 matches all */
    sio_done(0x00E);
    assert_int_equal(csw_chs(), 0);
    /* fetch protection (key bit 4): a write's data is not fetched */
    cpu->spaces[0].keys[BUF / blk] = 0x13;
    ccw(CCWS, 0x01, BUF, 0x00, 80);
    caw(5, CCWS);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PROT);
    cpu->spaces[0].keys[BUF / blk] = 0x03;          /* no fetch protection: fine */
    sio_done(0x00E);
    assert_int_equal(csw_chs(), 0);
    cpu->spaces[0].keys[BUF / blk] = 0;
}

static void test_pci(void **state)
{
    (void)state;
    ccw(CCWS, 0x02, BUF, 0x48, 80);                 /* PCI, command chaining */
    ccw(CCWS + 8, 0x02, BUF, 0x00, 80);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PCI);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
}

static void test_immediate(void **state)
{
    (void)state;
    /* a control command with no data and no chaining ends at SIO: CC 1, CSW */
    ccw(CCWS, 0x03, 0, 0x00, 1);
    caw(0, CCWS);
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    assert_int_equal(csw_addr(), CCWS + 8);
    assert_int_equal(csw_count(), 1);
    assert_int_equal(take(), 0);
    /* chained on: CC 0 and an interruption at the end */
    ccw(CCWS, 0x03, 0, 0x40, 1);
    ccw(CCWS + 8, 0x02, BUF, 0x00, 80);
    sio_done(0x00E);
    assert_int_equal(csw_addr(), CCWS + 16);
}

static void test_condition_codes(void **state)
{
    (void)state;
    caw(0, CCWS);
    ccw(CCWS, 0x02, BUF, 0x00, 80);
    /* not operational: no such device, no such channel */
    assert_int_equal(sio(0x00F), 3);
    assert_int_equal(tio(0x00F), 3);
    assert_int_equal(hio(0x00F), 3);
    assert_int_equal(sio(0x380), 3);
    assert_int_equal(tch(0x300), 3);
    assert_int_equal(tch(0x000), 0);
    assert_int_equal(tch(0x100), 0);
    /* available */
    assert_int_equal(tio(0x00E), 0);
    assert_int_equal(hio(0x00E), 0);
    /* an operation ended, interruption not taken (multiplexor subchannel) */
    assert_int_equal(sio(0x00E), 0);
    assert_int_equal(tch(0x000), 1);
    assert_int_equal(sio(0x00E), 2);
    assert_int_equal(hio(0x00E), 0);
    memset(rig->t->cpu->spaces[0].mem + CSW, 0, 8);
    assert_int_equal(tio(0x00E), 1);                /* CSW stored, condition cleared */
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    assert_int_equal(csw_addr(), CCWS + 8);
    assert_int_equal(tio(0x00E), 0);
    assert_int_equal(take(), 0);
    /* selector channel: the subchannel is shared */
    assert_int_equal(sio(0x181), 0);
    assert_int_equal(tch(0x100), 1);
    assert_int_equal(sio(0x182), 2);
    assert_int_equal(tio(0x182), 2);
    assert_int_equal(tio(0x181), 1);
    assert_int_equal(sio(0x182), 0);
    assert_int_equal(take(), 0x10182u);
    assert_int_equal(tch(0x100), 0);
    /* status of the device (attention): SIO gives it with busy, CC 1 */
    EmuDev *d = emu_chan_device(&rig->s, 0x00E);
    assert_non_null(d);
    emu_dev_post(d, EMU_US_ATTN);
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_ATTN | EMU_US_BUSY);
    assert_int_equal(take(), 0);
    /* TIO gives it without busy */
    emu_dev_post(d, EMU_US_ATTN);
    assert_int_equal(tio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_ATTN);
    /* as an interruption: key, address and count zero */
    emu_dev_post(d, EMU_US_ATTN);
    assert_int_equal(take(), 0x1000Eu);
    assert_int_equal(csw_us(), EMU_US_ATTN);
    assert_int_equal(csw_addr(), 0);
    /* a command the device does not accept: CC 1, status in the CSW */
    tst.initial = EMU_US_UC;
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_UC);
    assert_int_equal(take(), 0);
    tst.initial = EMU_US_BUSY;
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_BUSY);
    tst.initial = 0;
}

static void test_interrupt_mask(void **state)
{
    (void)state;
    caw(0, CCWS);
    ccw(CCWS, 0x02, BUF, 0x00, 80);
    assert_int_equal(sio(0x181), 0);
    assert_int_equal(emu_chan_pending(&rig->s), EMU_IRQ_CHAN(1));
    assert_int_equal(emu_chan_take(&rig->s, 0x80), 0);       /* only channel 0 enabled */
    assert_int_equal(emu_chan_take(&rig->s, 0x40), 0x10181u);
}

static void test_runaway_programs(void **state)
{
    (void)state;
    /* a read chained to a TIC back to itself: ends with channel control check */
    ccw(CCWS, 0x02, BUF, 0x40, 80);
    ccw(CCWS + 8, 0x08, CCWS, 0x00, 0);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(csw_chs() & EMU_CHS_CCC, EMU_CHS_CCC);
    /* data chaining in a loop */
    ccw(CCWS, 0x02, BUF, 0x80, 1);
    ccw(CCWS + 8, 0x08, CCWS, 0x00, 0);
    tst.reclen = 65536;
    sio_done(0x00E);
    /* a TIC to a TIC may loop no more: program check */
    ccw(CCWS, 0x03, 0, 0x40, 1);
    ccw(CCWS + 8, 0x08, CCWS + 8, 0x00, 0);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    /* the largest count, near the end of storage */
    uint64_t size = rig->t->cpu->spaces[0].size;
    ccw(CCWS, 0x02, (uint32_t)size - 8, 0x00, 0xFFFF);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_PGM);
    tst.reclen = 80;
}

static void test_ipl(void **state)
{
    (void)state;
    /* the IPL record: PSW, then a CCW that reads the next record at 0x500 */
    EmuDev *d = emu_chan_device(&rig->s, 0x00E);
    (void)d;
    /* record bytes are fill+i: build a device whose record is the IPL text */
    static const uint8_t rec[24] = {
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00,     /* PSW: IA 500 */
        0x02, 0x00, 0x05, 0x00, 0x20, 0x00, 0x00, 0x50,     /* read 80 at 500, SLI */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    /* the test device gives fill+i; emulate with a card deck instead */
    char path[] = "/tmp/test_s360_chan_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    uint8_t deck[160];
    memset(deck, 0x40, sizeof deck);
    memcpy(deck, rec, sizeof rec);
    memcpy(deck + 80, "\x47\xF0\x05\x00", 4);       /* B 500 */
    assert_int_equal(write(fd, deck, sizeof deck), (ssize_t)sizeof deck);
    close(fd);
    char *opt[] = { "ebcdic" };
    char err[300];
    assert_int_equal(emu_chan_attach(&rig->s, 0x00C, &emu_devtype_2540r, path, 1, opt, err, sizeof err), 0);
    assert_int_equal(emu_chan_ipl(&rig->s, 0x00C, err, sizeof err), 0);
    assert_int_equal(ia(rig->t), 0x500);
    assert_int_equal(get_u32(rig->t, 0x500), 0x47F00500);
    assert_int_equal(get_u32(rig->t, 0), 0x0000000C);     /* I/O address in bits 21-31 */
    assert_int_equal(take(), 0);                            /* no interruption left */
    /* an IPL from an empty reader fails cleanly */
    assert_int_not_equal(emu_chan_ipl(&rig->s, 0x00C, err, sizeof err), 0);
    assert_int_not_equal(emu_chan_ipl(&rig->s, 0x00D, err, sizeof err), 0);
    unlink(path);
}

/* SIO, the I/O interruption and the old PSW through the CPU. */
static void test_cpu_sio_interrupt(void **state)
{
    (void)state;
    S360 *t = rig->t;
    caw(0, CCWS);
    ccw(CCWS, 0x02, BUF, 0x00, 80);
    put_u64(t, 0x78, 0x0002000000006000ull);
    put_hex(t, CODE, "9C00000E");                        /* SIO 14 */
    put_hex(t, CODE + 4, "80000100");                    /* SSM X'100': enable */
    put_hex(t, 0x100, "FF");
    assert_int_equal(uc_run(t->cpu, 1, 1000000), UC_STOP_INSN_LIMIT);
    assert_int_equal(cc(t), 0);
    UcStop st = run_n(t, 1);
    assert_int_equal(st, UC_STOP_MACHINE);
    assert_int_equal(t->cpu->stop_code, (uint64_t)t->stop_dwait);
    /* the I/O old PSW at 38 has the device address as its interruption code */
    assert_int_equal(get_u32(t, 0x38) & 0xFFFF, 0x000E);
    assert_int_equal(get_u32(t, 0x3C) & 0xFFFFFF, CODE + 8);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
}


static void test_read_backward(void **state)
{
    (void)state;
    /* the last byte of the record first, at descending addresses: the
       record lies in storage in its order, ending at the CCW address */
    ccw(CCWS, 0x0C, BUF + 79, 0x00, 80);
    caw(0, CCWS);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), 0);
    assert_int_equal(get_u8(rig->t, BUF), 0xC1);
    assert_int_equal(get_u8(rig->t, BUF + 79), (0xC1 + 79) & 0xFF);
    /* a shorter count takes the end of the record: incorrect length */
    put_u32(rig->t, BUF + 0x100, 0);
    ccw(CCWS, 0x0C, BUF + 0x100 + 39, 0x00, 40);
    sio_done(0x00E);
    assert_int_equal(csw_chs(), EMU_CHS_IL);
    assert_int_equal(get_u8(rig->t, BUF + 0x100), (0xC1 + 40) & 0xFF);
    assert_int_equal(get_u8(rig->t, BUF + 0x100 + 39), (0xC1 + 79) & 0xFF);
}

static void test_device_end_later(void **state)
{
    (void)state;
    /* channel end now, device end later (a rewind): the chain goes on at
       device end; meanwhile the subchannel is working */
    tst.ce_only = 1;
    ccw(CCWS, 0x07, 0, 0x40, 1);
    ccw(CCWS + 8, 0x02, BUF, 0x00, 80);
    caw(0, CCWS);
    assert_int_equal(sio(0x181), 0);
    assert_int_equal(tst.nreads, 0);
    assert_int_equal(tio(0x181), 2);
    assert_int_equal(sio(0x182), 2);                /* the selector channel is working */
    assert_int_equal(tch(0x100), 2);
    assert_int_equal(take(), 0);
    emu_dev_post(emu_chan_device(&rig->s, 0x181), EMU_US_DE);
    assert_int_equal(tst.nreads, 1);
    assert_int_equal(take(), 0x10181u);
    assert_int_equal(csw_addr(), CCWS + 16);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    /* without chaining: CC 1 at SIO with channel end; device end comes
       as an interruption of its own; the device is busy until then */
    ccw(CCWS, 0x07, 0, 0x00, 1);
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_CE);
    assert_int_equal(sio(0x00E), 1);
    assert_int_equal(csw_us(), EMU_US_BUSY);
    emu_dev_post(emu_chan_device(&rig->s, 0x00E), EMU_US_DE);
    assert_int_equal(take(), 0x1000Eu);
    assert_int_equal(csw_us(), EMU_US_DE);
    tst.ce_only = 0;
    assert_int_equal(tio(0x00E), 0);
}

static char *script_file(const char *text)
{
    static char path[64];
    strcpy(path, "/tmp/test_s360_chan_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_console_script(void **state)
{
    (void)state;
    EmuS360 *s = &rig->s;
    assert_int_equal(emu_chan_attach_line(s, "01F 1052", "t", 1), 0);
    char *path = strdup(script_file("# test\nexpect READY\nfirst answer\n\ntype stop\nexpect BYE\nstop\n"));
    assert_int_equal(emu_chan_console_script(s, path), 0);
    caw(0, CCWS);
    /* a read before READY was typed waits: the subchannel is working */
    ccw(CCWS, 0x0A, BUF, 0x20, 80);
    assert_int_equal(sio(0x01F), 0);
    assert_int_equal(take(), 0);
    assert_int_equal(tio(0x01F), 2);
    assert_int_equal(emu_chan_idle(s, 0), -1);      /* nothing can answer it */
    /* HALT I/O ends it: CC 1, then the ending interruption */
    assert_int_equal(hio(0x01F), 1);
    assert_int_equal(take(), 0x1001Fu);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    rig->t->cpu->attention = 0;                     /* (that would have ended the run) */
    rig->s.chan->input_ended = 0;
    /* the guest types READY; now the first line answers at once */
    put_hex(rig->t, BUF + 0x200, "D9C5C1C4E8");      /* READY */
    ccw(CCWS + 0x40, 0x09, BUF + 0x200, 0x00, 5);
    caw(0, CCWS + 0x40);
    sio_done(0x01F);
    caw(0, CCWS);
    memset(rig->t->cpu->spaces[0].mem + BUF, 0, 80);
    sio_done(0x01F);
    assert_int_equal(csw_count(), 80 - 12);
    assert_int_equal(csw_chs(), 0);                 /* SLI */
    assert_int_equal(get_u32(rig->t, BUF), 0x868999A2);   /* "firs" in EBCDIC */
    sio_done(0x01F);                                /* the empty line */
    assert_int_equal(csw_count(), 80);
    sio_done(0x01F);                                /* "type stop" types "stop" */
    assert_int_equal(csw_count(), 76);
    assert_int_equal(rig->s.chan->script_done, 0);
    /* BYE typed: the script's stop ends the run */
    put_hex(rig->t, BUF + 0x200, "C2E8C5");
    ccw(CCWS + 0x40, 0x09, BUF + 0x200, 0x00, 3);
    caw(0, CCWS + 0x40);
    sio_done(0x01F);
    assert_int_equal(rig->s.chan->script_done, 0);
    /* a read now waits; the run ends when the CPU waits */
    ccw(CCWS, 0x0A, BUF, 0x20, 80);
    caw(0, CCWS);
    assert_int_equal(sio(0x01F), 0);
    assert_int_equal(rig->s.chan->script_done, 0);
    assert_int_equal(emu_chan_idle(s, 0), -1);
    assert_int_equal(rig->s.chan->script_done, 1);
    assert_int_equal(rig->s.chan->input_ended, 0);
    assert_int_equal(rig->t->cpu->attention, 1);
    unlink(path);
    free(path);
}

static void test_request_key_idle(void **state)
{
    (void)state;
    /* a waiting CPU with a script line ready and no read: the request key */
    EmuS360 *s = &rig->s;
    assert_int_equal(emu_chan_attach_line(s, "01F 3215", "t", 1), 0);
    char *path = strdup(script_file("LOGON\n"));
    assert_int_equal(emu_chan_console_script(s, path), 0);
    s->enabled = 0xFF;
    assert_int_equal(emu_chan_idle(s, 0), 1);
    assert_int_equal(take(), 0x1001Fu);
    assert_int_equal(csw_us(), EMU_US_ATTN);
    assert_int_equal(emu_chan_idle(s, 0), -1);      /* pressed once */
    caw(0, CCWS);
    ccw(CCWS, 0x0A, BUF, 0x20, 80);
    sio_done(0x01F);
    assert_int_equal(csw_count(), 75);
    unlink(path);
    free(path);
}



static void test_pci_while_suspended(void **state)
{
    (void)state;
    /* a write with PCI chained to a read that waits for the operator: the
       PCI is an interruption of its own while the chain goes on */
    EmuS360 *s = &rig->s;
    assert_int_equal(emu_chan_attach_line(s, "01F 1052", "t", 1), 0);
    char *path = strdup(script_file("expect NEVER\nx\n"));
    assert_int_equal(emu_chan_console_script(s, path), 0);
    put_hex(rig->t, BUF, "C1");
    ccw(CCWS, 0x01, BUF, 0x48, 1);                  /* PCI, command chaining */
    ccw(CCWS + 8, 0x0A, BUF + 0x100, 0x20, 80);
    caw(0, CCWS);
    assert_int_equal(sio(0x01F), 0);
    assert_int_equal(emu_chan_pending(s), EMU_IRQ_CHAN(0));
    assert_int_equal(take(), 0x1001Fu);
    assert_int_equal(csw_chs(), EMU_CHS_PCI);
    assert_int_equal(csw_us(), 0);
    assert_int_equal(csw_addr(), CCWS + 16);
    assert_int_equal(take(), 0);
    assert_int_equal(tio(0x01F), 2);                /* still working */
    assert_int_equal(tch(0x000), 0);
    assert_int_equal(hio(0x01F), 1);
    assert_int_equal(take(), 0x1001Fu);
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE);
    assert_int_equal(csw_chs(), 0);
    unlink(path);
    free(path);
}

static void test_selector_hio(void **state)
{
    (void)state;
    /* HALT I/O on a selector channel working: CC 2, the operation ends with
       an interruption; on an available channel: CC 0 */
    tst.ce_only = 1;
    ccw(CCWS, 0x07, 0, 0x40, 1);
    ccw(CCWS + 8, 0x02, BUF, 0x00, 80);
    caw(0, CCWS);
    assert_int_equal(sio(0x181), 0);
    assert_int_equal(hio(0x182), 2);                /* halts the channel's operation */
    assert_int_equal(tst.nreads, 0);
    assert_int_equal(take(), 0x10181u);
    assert_int_equal(csw_us() & (EMU_US_CE | EMU_US_DE), EMU_US_CE | EMU_US_DE);
    assert_int_equal(hio(0x181), 0);
    assert_int_equal(hio(0x180), 3);                /* no such device */
    tst.ce_only = 0;
}

/* Random channel programs (deterministic): every SIO ends, nothing is
   stored outside storage, the CC is 0-3. */
static void test_random_programs(void **state)
{
    (void)state;
    uint32_t x = 12345;
    uint64_t size = rig->t->cpu->spaces[0].size;
    static const uint8_t cmds[] = { 0x02, 0x01, 0x03, 0x04, 0x08, 0x0C, 0x00, 0x09, 0x8B, 0x0A };
    for (unsigned iter = 0; iter < 3000; iter++) {
        for (unsigned i = 0; i < 8; i++) {
            x = x * 1103515245u + 12345u;
            uint8_t cmd = cmds[(x >> 16) % sizeof cmds];
            x = x * 1103515245u + 12345u;
            uint32_t addr = (x >> 8) & 1 ? (uint32_t)(size - ((x >> 12) & 0xFF)) : (x >> 4) & 0xFFFFFF;
            if (cmd == 0x08)
                addr = CCWS + 8 * ((x >> 20) & 7) + ((x >> 27) & 1 ? 4 : 0);
            x = x * 1103515245u + 12345u;
            uint8_t flags = (uint8_t)((x >> 16) & 0xF8) | ((x >> 30) == 3 ? 1 : 0);
            uint16_t count = (uint16_t)((x >> 8) & 3 ? (x >> 12) & 0xFF : x >> 16);
            ccw(CCWS + 8 * i, cmd, addr, flags, count);
        }
        tst.reclen = (x >> 3) % 300;
        caw((x >> 24) & 1 ? 0 : (x >> 25) & 15, CCWS + ((x >> 29) == 7 ? 4 : 0));
        unsigned dev = (x >> 28) & 1 ? 0x00E : 0x181;
        unsigned c = sio(dev);
        assert_true(c <= 3);
        take();
        tio(dev);
        assert_int_equal(tio(dev), 0);
    }
    tst.reclen = 80;
}

/* ---- devices ---- */

static char *tmpfile_with(const char *text, size_t n)
{
    static char path[64];
    strcpy(path, "/tmp/test_s360_chan_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

static void test_card_reader(void **state)
{
    (void)state;
    char *p = tmpfile_with("HELLO\r\n\nLAST", 12);
    char *path = strdup(p);
    char err[300] = "";
    if (emu_chan_attach(&rig->s, 0x00D, &emu_devtype_2540r, path, 0, NULL, err, sizeof err) != 0)
        fail_msg("attach: %s", err);
    caw(0, CCWS);
    ccw(CCWS, 0x02, BUF, 0x00, 80);
    sio_done(0x00D);
    assert_int_equal(csw_chs(), 0);
    assert_int_equal(get_u32(rig->t, BUF), 0xC8C5D3D3);   /* HELL in EBCDIC */
    assert_int_equal(get_u8(rig->t, BUF + 5), 0x40);      /* padded with blanks */
    assert_int_equal(get_u8(rig->t, BUF + 79), 0x40);
    sio_done(0x00D);
    assert_int_equal(get_u8(rig->t, BUF), 0x40);          /* the empty line: a blank card */
    sio_done(0x00D);
    assert_int_equal(get_u32(rig->t, BUF), 0xD3C1E2E3);   /* LAST */
    sio_done(0x00D);                                          /* past the last card */
    assert_int_equal(csw_us(), EMU_US_CE | EMU_US_DE | EMU_US_UE);
    assert_int_equal(csw_count(), 80);
    /* a write is rejected: unit check, sense command reject */
    ccw(CCWS, 0x01, BUF, 0x00, 80);
    assert_int_equal(sio(0x00D), 1);
    assert_int_equal(csw_us(), EMU_US_UC);
    ccw(CCWS, 0x04, BUF, 0x00, 1);
    sio_done(0x00D);
    assert_int_equal(get_u8(rig->t, BUF), EMU_SENSE_CMDREJ);
    assert_int_equal(emu_chan_detach(&rig->s, 0x00D), 0);
    assert_int_equal(emu_chan_detach(&rig->s, 0x00D), -1);
    unlink(path);
    free(path);
}

static void expect_attach_error(const char *content, size_t n, int ebcdic, const char *want)
{
    char *path = strdup(tmpfile_with(content, n));
    char err[300] = "";
    char *opt[] = { ebcdic ? "ebcdic" : "ascii" };
    assert_int_equal(emu_chan_attach(&rig->s, 0x00D, &emu_devtype_2540r, path, 1, opt, err, sizeof err), -1);
    if (strstr(err, want) == NULL || strstr(err, path) == NULL)
        fail_msg("message '%s' lacks '%s' or the file name", err, want);
    unlink(path);
    free(path);
}

static void test_bad_decks(void **state)
{
    (void)state;
    char longline[200];
    memset(longline, 'X', sizeof longline);
    memcpy(longline, "OK\n", 3);
    expect_attach_error(longline, 100, 0, "card 2");
    expect_attach_error("ABC\n\x01\x02\xFF\n", 8, 0, "card 2, column 1");
    expect_attach_error("0123456789", 10, 1, "card 1");
    char raw[170];
    memset(raw, 0x40, sizeof raw);
    expect_attach_error(raw, sizeof raw, 1, "card 3");
    char err[300];
    assert_int_equal(emu_chan_attach(&rig->s, 0x00D, &emu_devtype_2540r, "/nonexistent/deck", 0, NULL,
                                     err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/deck"));
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_printer(void **state)
{
    (void)state;
    char path[] = "/tmp/test_s360_chan_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[300];
    assert_int_equal(emu_chan_attach(&rig->s, 0x00B, &emu_devtype_1403, path, 0, NULL, err, sizeof err), 0);
    put_hex(rig->t, BUF, "C1C2C340404040");                /* AB C and blanks */
    caw(0, CCWS);
    ccw(CCWS, 0x8B, 0, 0x60, 1);                            /* skip to channel 1 now */
    ccw(CCWS + 8, 0x09, BUF, 0x60, 7);                      /* write, space 1 */
    ccw(CCWS + 16, 0x11, BUF, 0x60, 2);                     /* write, space 2 */
    ccw(CCWS + 24, 0x01, BUF, 0x60, 1);                     /* write, no space */
    ccw(CCWS + 32, 0x19, BUF + 1, 0x60, 1);                 /* write, space 3 */
    ccw(CCWS + 40, 0x89, BUF, 0x20, 3);                     /* write, skip to channel 1 */
    sio_done(0x00B);
    assert_int_equal(csw_chs(), 0);
    assert_int_equal(emu_chan_detach(&rig->s, 0x00B), 0);
    assert_string_equal(read_file(path), "\fABC\nAB\n\nA\rB\n\n\nABC\f");
    /* a line longer than the print positions: incorrect length */
    assert_int_equal(emu_chan_attach(&rig->s, 0x00B, &emu_devtype_1443, path, 0, NULL, err, sizeof err), 0);
    ccw(CCWS, 0x09, BUF, 0x00, 121);
    sio_done(0x00B);
    assert_int_equal(csw_chs(), EMU_CHS_IL);
    assert_int_equal(csw_count(), 1);
    assert_int_equal(emu_chan_detach(&rig->s, 0x00B), 0);
    unlink(path);
}

static void test_conf_lines(void **state)
{
    (void)state;
    EmuS360 *s = &rig->s;
    assert_int_equal(emu_chan_attach_line(s, "  # a comment", "t.conf", 1), 0);
    assert_int_equal(emu_chan_attach_line(s, "", "t.conf", 2), 0);
    assert_int_equal(emu_chan_attach_line(s, "01F 1052   # the console", "t.conf", 3), 0);
    assert_non_null(emu_chan_device(s, 0x01F));
    assert_int_equal(emu_chan_attach_line(s, "01F 3215", "t.conf", 4), -1);    /* taken */
    assert_int_equal(emu_chan_attach_line(s, "XYZ 1403 p.txt", "t.conf", 5), -1);
    assert_int_equal(emu_chan_attach_line(s, "020 9999", "t.conf", 6), -1);
    assert_int_equal(emu_chan_attach_line(s, "00C 2540R", "t.conf", 7), -1);    /* no file */
    assert_int_equal(emu_chan_attach_line(s, "00C", "t.conf", 8), -1);
    assert_int_equal(emu_chan_request_key(s, ~0u), 0);
    assert_int_equal(take(), 0x1001Fu);
    assert_int_equal(csw_us(), EMU_US_ATTN);
    assert_int_equal(emu_chan_detach(s, 0x01F), 0);
    assert_int_equal(emu_chan_request_key(s, ~0u), -1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, rig_setup, rig_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_read_csw), T(test_incorrect_length), T(test_data_chaining), T(test_skip),
        T(test_command_chaining), T(test_tic), T(test_program_checks), T(test_protection),
        T(test_pci), T(test_immediate), T(test_condition_codes), T(test_interrupt_mask),
        T(test_runaway_programs), T(test_ipl), T(test_cpu_sio_interrupt), T(test_card_reader),
        T(test_bad_decks), T(test_printer), T(test_conf_lines), T(test_read_backward),
        T(test_device_end_later), T(test_console_script), T(test_request_key_idle),
        T(test_random_programs), T(test_pci_while_suspended), T(test_selector_hio),
    };
    return cmocka_run_group_tests(tests, s360_group_setup, s360_group_teardown);
}
