/* emu_chan.c — the System/360 channels: START I/O, TEST I/O, HALT I/O,
 * TEST CHANNEL, channel programs, I/O interruptions and IPL, as Principles
 * of Operation A22-6821 describes them ("Input/Output Operations": "Channel
 * Command Word", "Chaining", "Channel Status Word", "Condition codes for
 * I/O instructions"; "Initial Program Loading").
 *
 * States (the manual's table of condition codes): a channel is working when
 * a selector channel has an operation in progress; a subchannel holds an
 * interruption condition when an operation ended (channel end) and the CSW
 * is not yet stored; a device holds status of its own (device end after
 * channel end, attention). On a selector channel the subchannel is shared by
 * its devices. A channel with an interruption condition is treated as
 * available by SIO, TIO and HIO, as the manual's note says; TCH answers 1.
 *
 * A channel program runs at START I/O to its end: storage is read and
 * written with uc_mem_read/uc_mem_write (so the store hook sees channel
 * input), and the ending status is an interruption condition at once. A
 * device that waits for the host (console input) suspends the chain, which
 * goes on when emu_chan_idle finds the input. A chain that runs longer than
 * EMU_CHAN_MAX_CCWS CCWs or EMU_CHAN_MAX_BYTES bytes (a TIC loop) ends with
 * channel control check. PCI is given with the ending status when the
 * chain ends in the same START I/O, or as an interruption of its own when
 * the chain is suspended.
 */
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_chan.h"

#define CAW_ADDR   72u
#define CSW_ADDR   64u

/* CCW flags (bits 32-36) */
#define F_CD    0x80u
#define F_CC    0x40u
#define F_SLI   0x20u
#define F_SKIP  0x10u
#define F_PCI   0x08u
#define F_ZERO  0x07u           /* bits 37-39: must be zero */

typedef struct Ccw {
    uint8_t cmd, flags;
    uint32_t addr;              /* data address (24 bits) */
    uint32_t count;
} Ccw;

enum { ACT_NONE, ACT_WAIT, ACT_DE };

/* A device with its subchannel state. */
typedef struct Unit {
    EmuDev dev;                 /* first: EmuDev * is a Unit * */
    /* interruption condition */
    int pend;                   /* something to present */
    int pend_csw;               /* a full CSW (an operation ended) */
    unsigned pend_us, pend_chs; /* unit and channel status */
    uint32_t pend_addr, pend_count;
    uint8_t pend_key;
    int pend_pci;               /* a PCI interruption during a suspended chain */
    /* a chain in progress */
    int active;                 /* ACT_* */
    uint8_t key;
    uint32_t caddr;             /* address of the current CCW */
    Ccw ccw;
    unsigned chs;               /* channel status so far */
    uint32_t nccws, nbytes;
    int ipl;                    /* the chain is the IPL's: no interruption */
    int first;                  /* the current CCW is the first of the SIO */
    int in_sio;                 /* running within START I/O */
    uint8_t *wbuf;              /* write data kept while the device waits */
    size_t wlen;
    /* the end of the last chain run, for SIO and IPL */
    int immediate;              /* ended at the first CCW with no data: CSW at SIO */
    int not_started;            /* the first command was not accepted */
    unsigned end_us, end_chs;
    uint32_t end_addr, end_count;
} Unit;

static Unit *unit_of(EmuDev *d) { return (Unit *)d; }

/* ---- storage ------------------------------------------------------------ */

static uint64_t store_size(const EmuChan *c)
{
    return c->s->cpu->spaces[0].size;
}

/* Whether the access key may fetch (store = 0) or store at addr. */
static int key_allows(const EmuChan *c, unsigned key, uint64_t addr, int store)
{
    const UcCpu *cpu = c->s->cpu;
    const UcSpace *sp = &cpu->m->spaces[0];
    if (key == 0 || sp->key_block == 0 || cpu->spaces[0].keys == NULL)
        return 1;
    uint8_t k = cpu->spaces[0].keys[addr / sp->key_block];
    if ((k & ((1u << sp->key_bits) - 1)) == key)
        return 1;
    if (store)
        return 0;
    return !(sp->fetch_prot_bit < 8 && ((k >> sp->fetch_prot_bit) & 1));
}

/* Check n bytes at addr for an access: 0, or the channel status (program
   check past storage, protection check); *ok gets the bytes that pass. */
static unsigned check_access(const EmuChan *c, unsigned key, uint32_t addr, uint32_t n,
                             int store, uint32_t *ok)
{
    uint64_t size = store_size(c);
    const UcSpace *sp = &c->s->cpu->m->spaces[0];
    uint64_t blk = sp->key_block ? sp->key_block : 2048;
    uint64_t a = addr, end = (uint64_t)addr + n;
    while (a < end) {
        if (a >= size) {
            *ok = (uint32_t)(a - addr);
            return EMU_CHS_PGM;
        }
        if (!key_allows(c, key, a, store)) {
            *ok = (uint32_t)(a - addr);
            return EMU_CHS_PROT;
        }
        a = (a / blk + 1) * blk;
    }
    *ok = n;
    return 0;
}

/* Fetch the CCW at addr. 0, or the channel status. */
static unsigned fetch_ccw(const EmuChan *c, unsigned key, uint32_t addr, Ccw *w)
{
    uint32_t ok;
    if (addr & 7)
        return EMU_CHS_PGM;
    unsigned st = check_access(c, key, addr, 8, 0, &ok);
    if (st)
        return st;
    uint8_t b[8];
    if (uc_mem_read(c->s->cpu, 0, addr, b, 8) != 0)
        return EMU_CHS_PGM;
    w->cmd = b[0];
    w->addr = (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    w->flags = b[4];
    w->count = (uint32_t)b[6] << 8 | b[7];
    return 0;
}

static int is_tic(uint8_t cmd) { return (cmd & 0x0F) == 0x08; }

/* Fetch the CCW at u->caddr, following a TIC (not to another TIC; a TIC
   may not come first). Checks the command (unless data chaining), count
   and flags. 0, or the channel status (u->caddr then names the failing
   CCW). */
static unsigned next_ccw(EmuChan *c, Unit *u, int data_chain)
{
    Ccw w;
    unsigned st = fetch_ccw(c, u->key, u->caddr, &w);
    if (st)
        return st;
    if (is_tic(w.cmd)) {
        if (u->first)
            return EMU_CHS_PGM;
        uint32_t to = w.addr;
        u->caddr = to;
        u->nccws++;
        st = fetch_ccw(c, u->key, to, &w);
        if (st)
            return st;
        if (is_tic(w.cmd))
            return EMU_CHS_PGM;
    }
    if (w.count == 0 || (w.flags & F_ZERO) || (!data_chain && (w.cmd & 0x0F) == 0))
        return EMU_CHS_PGM;
    u->ccw = w;
    return 0;
}

/* ---- interruption conditions ------------------------------------------- */

static unsigned chan_of(unsigned addr) { return (addr >> 8) & 0xF; }

static void make_pending(EmuChan *c, Unit *u, int csw, unsigned us, unsigned chs,
                         uint8_t key, uint32_t addr, uint32_t count)
{
    if (u->pend && !csw) {
        u->pend_us |= us;       /* more status of the device */
    } else {
        u->pend_csw = csw;
        u->pend_us = (u->pend ? u->pend_us : 0) | us;
        u->pend_chs = chs;
        u->pend_key = key;
        u->pend_addr = addr;
        u->pend_count = count;
    }
    u->pend = 1;
    emu_intr_update(c->s);
}

static void store_csw(EmuChan *c, uint8_t key, uint32_t addr, unsigned us, unsigned chs, uint32_t count)
{
    uint8_t b[8] = { (uint8_t)(key << 4), (uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr,
                     (uint8_t)us, (uint8_t)chs, (uint8_t)(count >> 8), (uint8_t)count };
    uc_mem_write(c->s->cpu, 0, CSW_ADDR, b, 8);
}

/* The status portion (bits 32-47) only. */
static void store_csw_status(EmuChan *c, unsigned us, unsigned chs)
{
    uint8_t b[2] = { (uint8_t)us, (uint8_t)chs };
    uc_mem_write(c->s->cpu, 0, CSW_ADDR + 4, b, 2);
}

/* Store the unit's condition as the CSW and clear it. */
static void present(EmuChan *c, Unit *u, unsigned extra_us)
{
    if (u->pend_csw)
        store_csw(c, u->pend_key, u->pend_addr, u->pend_us | extra_us, u->pend_chs, u->pend_count);
    else
        store_csw(c, 0, 0, u->pend_us | extra_us, u->pend_chs, 0);
    u->pend = u->pend_csw = 0;
    u->pend_us = u->pend_chs = 0;
}

unsigned emu_chan_pending(const EmuS360 *s)
{
    const EmuChan *c = s->chan;
    unsigned m = 0;
    if (c == NULL)
        return 0;
    for (unsigned i = 0; i < c->ndev; i++) {
        const Unit *u = (const Unit *)c->dev[i];
        if (u->pend || u->pend_pci)
            m |= EMU_IRQ_CHAN(chan_of(u->dev.addr));
    }
    return m;
}

/* ---- running a chain ---------------------------------------------------- */

/* End the chain: the condition, or (IPL, immediate) the status kept. */
static void end_chain(EmuChan *c, Unit *u, unsigned us, unsigned chs, uint32_t count)
{
    uint32_t addr = u->caddr + 8;
    u->active = ACT_NONE;
    free(u->wbuf);
    u->wbuf = NULL;
    u->end_us = us;
    u->end_chs = chs;
    u->end_addr = addr;
    u->end_count = count;
    if (u->pend_pci) {          /* not taken yet: it goes with the ending status */
        chs |= EMU_CHS_PCI;
        u->pend_pci = 0;
    }
    u->end_chs = chs;
    if (u->ipl || u->immediate)
        return;
    make_pending(c, u, 1, us, chs, u->key, addr, count);
}

static int is_read(uint8_t cmd)
{
    return (cmd & 3) == 2 || (cmd & 0x0F) == 0x04 || (cmd & 0x0F) == 0x0C;
}

/* Gather the data of a write (or data-taking control) command and the CCWs
   data-chained to it into c->buf. Returns the channel status of an error;
   *total gets the bytes gathered, *ncc the CCWs (their addresses and counts
   in cca[], cnt[]). */
#define MAX_DC 4096u
typedef struct Gather {
    uint32_t n;
    uint32_t caddr[MAX_DC];
    uint32_t count[MAX_DC];
    uint8_t flags[MAX_DC];
} Gather;

static unsigned gather(EmuChan *c, Unit *u, Gather *g, size_t *total)
{
    size_t pos = 0;
    g->n = 0;
    for (;;) {
        Ccw *w = &u->ccw;
        if (g->n < MAX_DC) {
            g->caddr[g->n] = u->caddr;
            g->count[g->n] = w->count;
            g->flags[g->n] = w->flags;
            g->n++;
        }
        uint32_t want = w->count;
        if (pos + want > EMU_DEV_BUF_MAX)
            want = (uint32_t)(EMU_DEV_BUF_MAX - pos);
        uint32_t ok;
        unsigned st = check_access(c, u->key, w->addr, want, 0, &ok);
        if (ok && uc_mem_read(c->s->cpu, 0, w->addr, c->buf + pos, ok) != 0)
            ok = 0, st = EMU_CHS_PGM;
        pos += ok;
        u->nbytes += ok;
        if (st) {
            *total = pos;
            return st;
        }
        if (!(w->flags & F_CD) || pos >= EMU_DEV_BUF_MAX || g->n >= MAX_DC)
            break;
        if (++u->nccws > EMU_CHAN_MAX_CCWS) {
            *total = pos;
            return EMU_CHS_CCC;
        }
        u->caddr += 8;
        st = next_ccw(c, u, 1);
        if (st) {
            *total = pos;
            return st;
        }
    }
    *total = pos;
    return 0;
}

/* Run u's chain from its current CCW (fetched into u->ccw) until it ends or
   the device waits. */
static void run_chain(EmuChan *c, Unit *u)
{
    EmuDev *d = &u->dev;
    for (;;) {
        Ccw *w = &u->ccw;
        if (w->flags & F_PCI)
            u->chs |= EMU_CHS_PCI;
        uint8_t cmd = w->cmd;
        unsigned us, chs = 0;
        uint32_t residual;
        size_t len;
        uint32_t start_caddr = u->caddr;
        Ccw start_ccw = *w;
        if (is_read(cmd)) {
            len = 0;
            us = d->type->command(d, cmd, c->buf, &len);
            if (us == EMU_DEV_WAIT) {
                u->active = ACT_WAIT;
                if (u->chs & EMU_CHS_PCI) {
                    u->pend_pci = 1;
                    u->chs &= ~EMU_CHS_PCI;
                    emu_intr_update(c->s);
                }
                return;
            }
            if (len > EMU_DEV_BUF_MAX)
                len = EMU_DEV_BUF_MAX;
            if (!(us & EMU_US_CE)) {            /* not started */
                if (u->first && u->in_sio) {
                    u->not_started = 1;
                    u->immediate = 1;
                    end_chain(c, u, us, u->chs, w->count);
                    return;
                }
                end_chain(c, u, us | EMU_US_CE | EMU_US_DE, u->chs, w->count);
                return;
            }
            /* distribute the record over the CCW and those data-chained to it */
            size_t pos = 0;
            int back = (cmd & 0x0F) == 0x0C;
            for (;;) {
                uint32_t n = len - pos < w->count ? (uint32_t)(len - pos) : w->count;
                if (!(w->flags & F_SKIP) && n > 0) {
                    uint32_t ok = 0;
                    unsigned st;
                    if (back) {
                        /* read backward: the last byte of the record first, at descending addresses */
                        st = w->addr < n - 1 ? EMU_CHS_PGM
                                             : check_access(c, u->key, w->addr - (n - 1), n, 1, &ok);
                        if (st == 0) {
                            uint8_t *tmp = malloc(n);
                            if (tmp == NULL) {
                                st = EMU_CHS_CCC;
                            } else {
                                for (uint32_t i = 0; i < n; i++)
                                    tmp[n - 1 - i] = c->buf[len - 1 - pos - i];
                                uc_mem_write(c->s->cpu, 0, w->addr - (n - 1), tmp, n);
                                free(tmp);
                            }
                        } else {
                            ok = 0;
                        }
                    } else {
                        st = check_access(c, u->key, w->addr, n, 1, &ok);
                        if (ok)
                            uc_mem_write(c->s->cpu, 0, w->addr, c->buf + pos, ok);
                    }
                    if (st) {
                        chs |= st;
                        residual = w->count - ok;
                        goto ended;
                    }
                }
                pos += n;
                u->nbytes += n;
                if (n < w->count) {             /* the record ended first */
                    residual = w->count - n;
                    if (!(w->flags & F_SLI) && !(len == 0 && (us & (EMU_US_UC | EMU_US_UE))))
                        chs |= EMU_CHS_IL;
                    break;
                }
                if (!(w->flags & F_CD)) {       /* the count ended */
                    residual = 0;
                    if (pos < len && !(w->flags & F_SLI))
                        chs |= EMU_CHS_IL;
                    break;
                }
                if (++u->nccws > EMU_CHAN_MAX_CCWS || u->nbytes > EMU_CHAN_MAX_BYTES) {
                    chs |= EMU_CHS_CCC;
                    residual = 0;
                    goto ended;
                }
                u->caddr += 8;
                unsigned st = next_ccw(c, u, 1);
                if (st) {
                    chs |= st;
                    residual = 0;
                    goto ended;
                }
                if (w->flags & F_PCI)
                    u->chs |= EMU_CHS_PCI;
            }
        } else {
            /* write, or control */
            size_t total = 0;
            unsigned gst = 0;
            int control = (cmd & 3) == 3;
            Gather *g = NULL;
            if (u->wbuf) {                      /* again after a wait */
                memcpy(c->buf, u->wbuf, u->wlen);
                total = u->wlen;
            } else if (!control || (d->type->flags & EMU_DEVT_CONTROL_DATA)) {
                g = malloc(sizeof *g);
                if (g == NULL) {
                    end_chain(c, u, EMU_US_CE | EMU_US_DE, u->chs | EMU_CHS_CCC, w->count);
                    return;
                }
                gst = gather(c, u, g, &total);
            }
            len = total;
            us = d->type->command(d, cmd, c->buf, &len);
            if (us == EMU_DEV_WAIT) {
                /* keep the data and the first CCW: the channel comes back here */
                u->wbuf = malloc(total ? total : 1);
                if (u->wbuf)
                    memcpy(u->wbuf, c->buf, total);
                u->wlen = total;
                u->caddr = start_caddr;
                u->ccw = start_ccw;
                free(g);
                u->active = ACT_WAIT;
                if (u->chs & EMU_CHS_PCI) {
                    u->pend_pci = 1;
                    u->chs &= ~EMU_CHS_PCI;
                    emu_intr_update(c->s);
                }
                return;
            }
            free(u->wbuf);
            u->wbuf = NULL;
            if (!(us & EMU_US_CE)) {
                free(g);
                if (u->first && u->in_sio) {
                    u->not_started = 1;
                    u->immediate = 1;
                    end_chain(c, u, us, u->chs, w->count);
                    return;
                }
                end_chain(c, u, us | EMU_US_CE | EMU_US_DE, u->chs, w->count);
                return;
            }
            chs |= gst;
            if (g == NULL || g->n == 0) {
                /* no data: an immediate command (or write data kept from a wait) */
                residual = total ? (uint32_t)(w->count > len ? w->count - len : 0) : w->count;
                if (total && len != total && !(w->flags & F_SLI))
                    chs |= EMU_CHS_IL;
                if (!total && u->first && u->in_sio && !(w->flags & F_CC) && len == 0)
                    u->immediate = 1;
            } else {
                /* which CCW was current when the device stopped taking data */
                size_t taken = len < total ? len : total;
                uint32_t i = 0;
                size_t cum = 0;
                while (i + 1 < g->n && cum + g->count[i] <= taken) {
                    cum += g->count[i];
                    i++;
                }
                u->caddr = g->caddr[i];
                w->flags = g->flags[i];
                uint32_t done = (uint32_t)(taken - cum);
                residual = g->count[i] > done ? g->count[i] - done : 0;
                if (!gst && len != total && !(w->flags & F_SLI))
                    chs |= EMU_CHS_IL;
            }
            free(g);
            if (gst)
                goto ended;
        }
ended:
        u->chs |= chs;
        /* chaining: only without unusual conditions */
        if (u->chs & (EMU_CHS_PGM | EMU_CHS_PROT | EMU_CHS_CCC | EMU_CHS_CDC | EMU_CHS_CHAIN | EMU_CHS_ICC) ||
            (us & (EMU_US_UC | EMU_US_UE)) || !(w->flags & F_CC) || (u->chs & EMU_CHS_IL)) {
            if (!(us & EMU_US_DE) && !u->ipl)
                u->dev.busy = 1;        /* device end comes later */
            end_chain(c, u, us, u->chs, residual);
            return;
        }
        u->immediate = 0;
        if (!(us & EMU_US_DE)) {                /* chain on at device end */
            u->active = ACT_DE;
            u->dev.busy = 1;
            u->caddr += (us & EMU_US_SM) ? 16 : 8;
            return;
        }
        u->caddr += (us & EMU_US_SM) ? 16 : 8;
        u->first = 0;
        u->chs &= EMU_CHS_PCI;
        if (++u->nccws > EMU_CHAN_MAX_CCWS || u->nbytes > EMU_CHAN_MAX_BYTES) {
            end_chain(c, u, us, u->chs | EMU_CHS_CCC, residual);
            return;
        }
        unsigned st = next_ccw(c, u, 0);
        if (st) {
            end_chain(c, u, us, u->chs | st, 0);
            return;
        }
    }
}

/* Start the chain at u->caddr with key (the CAW's). */
static void start_chain(EmuChan *c, Unit *u, uint8_t key)
{
    u->key = key;
    u->chs = 0;
    u->nccws = u->nbytes = 0;
    u->first = 1;
    u->immediate = 0;
    u->not_started = 0;
    u->pend_pci = 0;
    u->in_sio = 1;
    unsigned st = next_ccw(c, u, 0);
    if (st) {
        u->immediate = 1;       /* CSW stored at SIO */
        end_chain(c, u, 0, st, 0);
    } else {
        run_chain(c, u);
    }
    u->in_sio = 0;
}

/* ---- the I/O instructions ---------------------------------------------- */

static int chan_exists(const EmuChan *c, unsigned ch)
{
    if (ch == 0)
        return 1;
    for (unsigned i = 0; i < c->ndev; i++)
        if (chan_of(c->dev[i]->addr) == ch)
            return 1;
    return 0;
}

static unsigned io_addr(uint32_t ea) { return ea & 0x7FF; }

static Unit *find(const EmuChan *c, unsigned addr)
{
    for (unsigned i = 0; i < c->ndev; i++)
        if (c->dev[i]->addr == addr)
            return (Unit *)c->dev[i];
    return NULL;
}

/* On a selector channel: a unit with an operation in progress. */
static Unit *sel_working(const EmuChan *c, unsigned ch)
{
    if (ch == 0)
        return NULL;
    for (unsigned i = 0; i < c->ndev; i++) {
        Unit *u = (Unit *)c->dev[i];
        if (chan_of(u->dev.addr) == ch && u->active)
            return u;
    }
    return NULL;
}

/* A unit holding a subchannel interruption condition (operation ended)
   for the subchannel of u. */
static Unit *sub_pending(const EmuChan *c, const Unit *u)
{
    unsigned ch = chan_of(u->dev.addr);
    if (ch == 0)
        return u->pend && u->pend_csw ? (Unit *)u : NULL;
    for (unsigned i = 0; i < c->ndev; i++) {
        Unit *v = (Unit *)c->dev[i];
        if (chan_of(v->dev.addr) == ch && v->pend && v->pend_csw)
            return v;
    }
    return NULL;
}

unsigned emu_chan_sio(EmuS360 *s, uint32_t ea)
{
    EmuChan *c = s->chan;
    unsigned addr = io_addr(ea), ch = chan_of(addr);
    if (c == NULL || !chan_exists(c, ch))
        return 3;
    if (sel_working(c, ch))
        return 2;
    Unit *u = find(c, addr);
    if (u == NULL)
        return 3;
    if (u->active)
        return 2;
    if (sub_pending(c, u))
        return 2;
    if (u->dev.busy) {
        store_csw_status(c, EMU_US_BUSY, 0);
        return 1;
    }
    if (u->pend) {              /* status of the device: busy with it, cleared */
        unsigned us = u->pend_us | EMU_US_BUSY;
        u->pend = 0;
        u->pend_us = u->pend_chs = 0;
        store_csw_status(c, us, 0);
        return 1;
    }
    uint64_t caw = 0;
    uc_mem_load(s->cpu, 0, CAW_ADDR, 4, &caw);
    uint8_t key = (uint8_t)(caw >> 28);
    uint32_t ccw = (uint32_t)caw & 0xFFFFFF;
    u->ipl = 0;
    if (caw & 0x0F000000u) {
        store_csw(c, key, ccw, 0, EMU_CHS_PGM, 0);
        return 1;
    }
    u->caddr = ccw;
    start_chain(c, u, key);
    if (u->immediate) {
        if (u->not_started)
            store_csw_status(c, u->end_us, u->end_chs);
        else
            store_csw(c, key, u->end_addr, u->end_us, u->end_chs, u->end_count);
        u->immediate = 0;
        return 1;
    }
    return 0;
}

unsigned emu_chan_tio(EmuS360 *s, uint32_t ea)
{
    EmuChan *c = s->chan;
    unsigned addr = io_addr(ea), ch = chan_of(addr);
    if (c == NULL || !chan_exists(c, ch))
        return 3;
    if (sel_working(c, ch))
        return 2;
    Unit *u = find(c, addr);
    if (u == NULL)
        return 3;
    if (u->active)
        return 2;
    Unit *p = sub_pending(c, u);
    if (p && p != u)
        return 2;
    if (p == u || u->pend) {
        present(c, u, 0);
        return 1;
    }
    if (u->dev.busy) {
        store_csw_status(c, EMU_US_BUSY, 0);
        return 1;
    }
    return 0;
}

/* End the operation in progress on u (HALT I/O, reset). */
static void halt(EmuChan *c, Unit *u, int interrupt)
{
    if (u->dev.type->reset)
        u->dev.type->reset(&u->dev);
    int was = u->active;
    u->active = ACT_NONE;
    u->dev.busy = 0;
    free(u->wbuf);
    u->wbuf = NULL;
    u->pend_pci = 0;
    if (was && interrupt)
        make_pending(c, u, 1, EMU_US_CE | EMU_US_DE, u->chs, u->key, u->caddr + 8, u->ccw.count);
}

unsigned emu_chan_hio(EmuS360 *s, uint32_t ea)
{
    EmuChan *c = s->chan;
    unsigned addr = io_addr(ea), ch = chan_of(addr);
    if (c == NULL || !chan_exists(c, ch))
        return 3;
    Unit *w = sel_working(c, ch);
    if (w) {                    /* the selector channel's operation halted */
        halt(c, w, 1);
        return 2;
    }
    Unit *u = find(c, addr);
    if (u == NULL)
        return 3;
    if (u->active) {            /* a multiplexor subchannel working */
        halt(c, u, 1);
        store_csw_status(c, 0, 0);
        return 1;
    }
    return 0;
}

unsigned emu_chan_tch(EmuS360 *s, uint32_t ea)
{
    EmuChan *c = s->chan;
    unsigned ch = chan_of(io_addr(ea));
    if (c == NULL || !chan_exists(c, ch))
        return 3;
    if (sel_working(c, ch))
        return 2;
    for (unsigned i = 0; i < c->ndev; i++) {
        const Unit *u = (const Unit *)c->dev[i];
        if (chan_of(u->dev.addr) == ch && (u->pend || u->pend_pci))
            return 1;
    }
    return 0;
}

static int chan_enabled(unsigned mask, unsigned ch)
{
    return (mask & EMU_IRQ_CHAN(ch)) != 0;
}

uint32_t emu_chan_take(EmuS360 *s, unsigned mask)
{
    EmuChan *c = s->chan;
    if (c == NULL)
        return 0;
    for (unsigned ch = 0; ch < 16; ch++) {
        if (!chan_enabled(mask, ch))
            continue;
        for (unsigned i = 0; i < c->ndev; i++) {
            Unit *u = (Unit *)c->dev[i];
            if (chan_of(u->dev.addr) != ch)
                continue;
            if (u->pend) {
                present(c, u, 0);
                return 0x10000u | u->dev.addr;
            }
            if (u->pend_pci) {
                store_csw(c, u->key, u->caddr + 8, 0, EMU_CHS_PCI, u->ccw.count);
                u->pend_pci = 0;
                return 0x10000u | u->dev.addr;
            }
        }
    }
    return 0;
}

/* ---- devices' side ------------------------------------------------------ */

void emu_dev_post(EmuDev *d, unsigned status)
{
    Unit *u = unit_of(d);
    EmuChan *c = d->chan;
    if (status & EMU_US_DE)
        d->busy = 0;
    if (u->active == ACT_DE && (status & EMU_US_DE)) {
        u->active = ACT_NONE;
        if (status & (EMU_US_UC | EMU_US_UE)) {
            end_chain(c, u, status, u->chs, 0);
            return;
        }
        if (status & EMU_US_SM)
            u->caddr += 8;
        u->first = 0;
        unsigned st = next_ccw(c, u, 0);
        if (st) {
            end_chain(c, u, 0, u->chs | st, 0);
            return;
        }
        run_chain(c, u);
        return;
    }
    if (c)
        make_pending(c, u, 0, status, 0, 0, 0, 0);
}

unsigned emu_dev_sense(EmuDev *d, uint8_t *buf, size_t *len)
{
    unsigned n = d->nsense ? d->nsense : 1;
    if (n > EMU_DEV_SENSE_MAX)
        n = EMU_DEV_SENSE_MAX;
    memcpy(buf, d->sense, n);
    *len = n;
    memset(d->sense, 0, sizeof d->sense);
    return EMU_US_CE | EMU_US_DE;
}

unsigned emu_dev_reject(EmuDev *d, unsigned bits)
{
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = (uint8_t)bits;
    return EMU_US_UC;
}

/* ---- the board's side --------------------------------------------------- */

int emu_chan_open(EmuS360 *s)
{
    EmuChan *c = calloc(1, sizeof *c);
    if (c == NULL || (c->buf = malloc(EMU_DEV_BUF_MAX)) == NULL) {
        free(c);
        fprintf(stderr, "mcemu: out of memory\n");
        return -1;
    }
    c->s = s;
    s->chan = c;
    return 0;
}

static void unit_free(Unit *u)
{
    if (u->dev.type->close)
        u->dev.type->close(&u->dev);
    free(u->dev.file);
    free(u->wbuf);
    free(u);
}

void emu_chan_close(EmuS360 *s)
{
    EmuChan *c = s->chan;
    if (c == NULL)
        return;
    for (unsigned i = 0; i < c->ndev; i++)
        unit_free((Unit *)c->dev[i]);
    emu_cons_script_free(c->script);
    free(c->buf);
    free(c);
    s->chan = NULL;
}

void emu_chan_reset(EmuS360 *s)
{
    EmuChan *c = s->chan;
    if (c == NULL)
        return;
    for (unsigned i = 0; i < c->ndev; i++) {
        Unit *u = (Unit *)c->dev[i];
        halt(c, u, 0);
        u->pend = u->pend_csw = 0;
        u->pend_us = u->pend_chs = 0;
        u->dev.busy = 0;
    }
}

int emu_chan_idle(EmuS360 *s, uint64_t timeout_ns)
{
    EmuChan *c = s->chan;
    if (c == NULL || s->cpu->attention)
        return -1;              /* (Ctrl-C, the script's stop: the wait ends the run) */
    int any = 0, got = 0;
    for (unsigned i = 0; i < c->ndev; i++) {
        Unit *u = (Unit *)c->dev[i];
        if (u->active != ACT_WAIT || u->dev.type->poll == NULL)
            continue;
        int r = u->dev.type->poll(&u->dev, any ? 0 : timeout_ns);
        if (r == 0)
            any = 1;
        if (r <= 0)
            continue;
        u->active = ACT_NONE;
        run_chain(c, u);
        got = 1;
    }
    /* the console script may press the request key */
    int k = emu_cons_idle(c, timeout_ns);
    if (k > 0)
        got = 1;
    else if (k == 0)
        any = 1;
    if (got && (emu_chan_pending(s) & s->enabled))
        return 1;
    if (got)
        return 0;
    return any ? 0 : -1;
}

/* The helpers: the CC for SIO, TIO, HIO, TCH; io_take. One row each:
   helper name, the channel function it answers with. */
#define IO_HELPERS(X) X(sio, emu_chan_sio) X(tio, emu_chan_tio) X(hio, emu_chan_hio) X(tch, emu_chan_tch)
#define X(name, fn) \
static int h_##name(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res) \
{ \
    (void)cpu; \
    *res = fn(ctx, n ? (uint32_t)a[0] : 0); \
    return 0; \
}
IO_HELPERS(X)
#undef X

static int h_io_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu;
    *res = emu_chan_take(ctx, n ? (unsigned)a[0] & 0xFF : 0);
    return 0;
}

void emu_chan_bind(EmuS360 *s)
{
#define X(name, fn) uc_bind_helper(s->cpu, #name, h_##name, s);
    IO_HELPERS(X)
#undef X
    uc_bind_helper(s->cpu, "io_take", h_io_take, s);
}

/* ---- attaching ---------------------------------------------------------- */

EmuDev *emu_chan_device(const EmuS360 *s, unsigned addr)
{
    return s->chan ? (EmuDev *)find(s->chan, addr & 0x7FF) : NULL;
}

/* Attach a device of type t at addr; words after the type in opt. */
static int attach(EmuChan *c, unsigned addr, const EmuDevType *t, const char *file,
                  int nopt, char *const *opt, char *err, size_t errsize)
{
    if (addr > 0x6FF) {
        snprintf(err, errsize, "%03X is not a device address (channel 0-6, unit 00-FF)", addr);
        return -1;
    }
    if (find(c, addr)) {
        snprintf(err, errsize, "a device is already attached at %03X", addr);
        return -1;
    }
    if (c->ndev >= EMU_CHAN_MAXDEV) {
        snprintf(err, errsize, "too many devices (at most %u)", EMU_CHAN_MAXDEV);
        return -1;
    }
    Unit *u = calloc(1, sizeof *u);
    if (u == NULL) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    u->dev.type = t;
    u->dev.addr = addr;
    u->dev.chan = c;
    u->dev.nsense = 1;
    if (file && (u->dev.file = strdup(file)) == NULL) {
        free(u);
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    if (t->open && t->open(&u->dev, file, nopt, opt, err, errsize) != 0) {
        free(u->dev.file);
        free(u);
        return -1;
    }
    c->dev[c->ndev++] = &u->dev;
    return 0;
}

int emu_chan_attach(EmuS360 *s, unsigned addr, const EmuDevType *t, const char *file,
                    int nopt, char *const *opt, char *err, size_t errsize)
{
    return attach(s->chan, addr, t, file, nopt, opt, err, errsize);
}

static void conf_error(const char *where, unsigned lineno, unsigned col, const char *line,
                       const char *msg)
{
    fprintf(stderr, "%s:%u:%u: error: %s\n", where, lineno, col, msg);
    if (line) {
        fprintf(stderr, "%s\n", line);
        for (unsigned i = 1; i < col; i++)
            fputc(line[i - 1] == '\t' ? '\t' : ' ', stderr);
        fputs("^\n", stderr);
    }
}

int emu_chan_attach_line(EmuS360 *s, const char *line, const char *where, unsigned lineno)
{
    EmuChan *c = s->chan;
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    char *copy = malloc(n + 1), *shown = malloc(n + 1);
    if (copy == NULL || shown == NULL) {
        free(copy);
        free(shown);
        fprintf(stderr, "mcemu: out of memory\n");
        return -1;
    }
    memcpy(copy, line, n);
    copy[n] = 0;
    memcpy(shown, line, n);
    shown[n] = 0;
    char *word[16];
    unsigned col[16];
    int nw = emu_devconf_split(copy, word, col, 16);
    int rc = -1;
    char msg[300];
    if (nw < 0) {
        conf_error(where, lineno, col[15], shown, "too many words (address, type, file and options)");
        goto out;
    }
    if (nw == 0) {
        rc = 0;
        goto out;
    }
    char *end;
    unsigned long a = strtoul(word[0], &end, 16);
    if (*end || end == word[0] || strlen(word[0]) > 3 || a > 0x6FF) {
        snprintf(msg, sizeof msg, "'%s' is not a device address (three hex digits: channel 0-6, unit 00-FF)", word[0]);
        conf_error(where, lineno, col[0], shown, msg);
        goto out;
    }
    if (nw < 2) {
        conf_error(where, lineno, col[0] + (unsigned)strlen(word[0]), shown, "a device type must follow the address");
        goto out;
    }
    const EmuDevType *t = emu_devtype_find(word[1]);
    if (t == NULL) {
        snprintf(msg, sizeof msg, "unknown device type '%s'", word[1]);
        conf_error(where, lineno, col[1], shown, msg);
        goto out;
    }
    if (emu_chan_device(s, (unsigned)a)) {
        snprintf(msg, sizeof msg, "a device is already attached at %03lX", a);
        conf_error(where, lineno, col[0], shown, msg);
        goto out;
    }
    const char *file = NULL;
    int first_opt = 2;
    if (t->flags & EMU_DEVT_FILE) {
        if (nw < 3) {
            snprintf(msg, sizeof msg, "device type %s needs a file", t->name);
            conf_error(where, lineno, col[1] + (unsigned)strlen(word[1]), shown, msg);
            goto out;
        }
        file = word[2];
        first_opt = 3;
    }
    char err[300] = "";
    if (attach(c, (unsigned)a, t, file, nw - first_opt, word + first_opt, err, sizeof err) != 0) {
        unsigned at = col[nw > 2 ? 2 : 1];
        for (int i = first_opt; i < nw; i++) {      /* a bad option: point at it */
            char q[80];
            snprintf(q, sizeof q, "option '%s'", word[i]);
            if (strstr(err, q))
                at = col[i];
        }
        conf_error(where, lineno, at, shown, err);
        goto out;
    }
    rc = 0;
out:
    free(copy);
    free(shown);
    return rc;
}

int emu_chan_load_conf(EmuS360 *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "%s: error: cannot open the machine configuration\n", path);
        return -1;
    }
    char line[1024];
    unsigned lineno = 0;
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            conf_error(path, lineno, (unsigned)n, NULL, "line too long");
            rc = -1;
            break;
        }
        if (emu_chan_attach_line(s, line, path, lineno) != 0) {
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

int emu_chan_detach(EmuS360 *s, unsigned addr)
{
    EmuChan *c = s->chan;
    if (c == NULL)
        return -1;
    for (unsigned i = 0; i < c->ndev; i++) {
        if (c->dev[i]->addr != addr)
            continue;
        unit_free((Unit *)c->dev[i]);
        memmove(&c->dev[i], &c->dev[i + 1], (c->ndev - i - 1) * sizeof c->dev[0]);
        c->ndev--;
        emu_intr_update(s);
        return 0;
    }
    return -1;
}

void emu_chan_list(const EmuS360 *s, FILE *out)
{
    const EmuChan *c = s->chan;
    if (c == NULL || c->ndev == 0) {
        fprintf(out, "no devices attached\n");
        return;
    }
    for (unsigned i = 0; i < c->ndev; i++) {
        const Unit *u = (const Unit *)c->dev[i];
        fprintf(out, "%03X %-6s %-12s %s%s%s%s\n", u->dev.addr, u->dev.type->name, u->dev.type->what,
                u->dev.file ? u->dev.file : "-", u->active ? " (working)" : "",
                u->pend ? " (interruption pending)" : "", u->dev.busy ? " (busy)" : "");
    }
}

int emu_chan_request_key(EmuS360 *s, unsigned addr)
{
    EmuChan *c = s->chan;
    if (c == NULL)
        return -1;
    for (unsigned i = 0; i < c->ndev; i++) {
        EmuDev *d = c->dev[i];
        if (addr != ~0u ? d->addr == addr
                        : (d->type == &emu_devtype_1052 || d->type == &emu_devtype_3215)) {
            emu_dev_post(d, EMU_US_ATTN);
            return 0;
        }
    }
    return -1;
}

/* ---- IPL ----------------------------------------------------------------- */

int emu_chan_ipl(EmuS360 *s, unsigned addr, char *err, size_t errsize)
{
    EmuChan *c = s->chan;
    Unit *u = c ? find(c, addr) : NULL;
    if (u == NULL) {
        snprintf(err, errsize, "no device at %03X to IPL from", addr);
        return -1;
    }
    emu_chan_reset(s);
    /* the IPL CCW: read 24 bytes at 0, command chaining and SLI */
    u->ipl = 1;
    u->key = 0;
    u->chs = 0;
    u->nccws = u->nbytes = 0;
    u->first = 0;               /* so a TIC at 8 is allowed to follow */
    u->immediate = 0;
    u->not_started = 0;
    u->caddr = 0;               /* the chain goes on at 8 */
    u->ccw.cmd = 0x02;
    u->ccw.addr = 0;
    u->ccw.flags = F_CC | F_SLI;
    u->ccw.count = 24;
    run_chain(c, u);
    for (unsigned tries = 0; u->active && tries < 1000000; tries++) {
        if (u->active != ACT_WAIT || u->dev.type->poll == NULL ||
            u->dev.type->poll(&u->dev, UINT64_MAX) < 0)
            break;
        u->active = ACT_NONE;
        run_chain(c, u);
    }
    u->ipl = 0;
    if (u->active) {
        halt(c, u, 0);
        snprintf(err, errsize, "IPL from %03X: the channel program did not end", addr);
        return -1;
    }
    unsigned bad_chs = u->end_chs & ~(unsigned)(EMU_CHS_IL | EMU_CHS_PCI);
    if (bad_chs || (u->end_us & (EMU_US_UC | EMU_US_UE)) || !(u->end_us & EMU_US_CE)) {
        snprintf(err, errsize, "IPL from %03X failed: unit status %02X, channel status %02X, CCW address %06X",
                 addr, u->end_us, u->end_chs, u->end_addr);
        return -1;
    }
    u->dev.busy = 0;
    /* the I/O address in bits 21-31 of the word at 0 (bits 16-20 zero) */
    uint8_t b[2] = { (uint8_t)((addr >> 8) & 7), (uint8_t)addr };
    uc_mem_write(s->cpu, 0, 2, b, 2);
    uint64_t psw = 0;
    uc_mem_load(s->cpu, 0, 0, 8, &psw);
    int item = uc_machine_find_item(s->cpu->m, "PSW");
    if (item < 0) {
        snprintf(err, errsize, "the machine has no PSW");
        return -1;
    }
    uc_set_item(s->cpu, (unsigned)item, 0, psw);
    /* as the description's new_masks() tells the host after a new PSW */
    s->enabled = (unsigned)(psw >> 56) | ((unsigned)(psw >> (63 - 13)) & 1u) << 8;
    s->wait = (int)((psw >> (63 - 14)) & 1);
    emu_intr_update(s);
    return 0;
}
