/* mon_devices.c — the S/360 channels' devices under the monitor: attach,
 * detach, devices (show devices), ipl and request, on the channel API of
 * emulator/emu_chan.h — the same configuration lines as machine.conf and
 * `mcemu run --dev`, the same IPL as `mcemu run --ipl`.
 *
 * Principles of Operation A22-6821, "Initial Program Loading": a system
 * reset, the IPL read (24 bytes at location 0) and the chain from location
 * 8, the I/O address stored in bits 21-31 of the word at 0, then the PSW
 * loaded from location 0. The console's request key presents attention.
 */
#include <stdlib.h>
#include <string.h>
#include "emulator/emu_chan.h"
#include "monitor/mon_int.h"

static EmuS360 *channels(Mon *mon, const char *at)
{
    EmuS360 *s = mon->run.board && mon->run.m ? emu_s360_of(&mon->run) : NULL;
    if (s == NULL || s->chan == NULL)
        mon_error(mon, at, "machine %s has no channels (only the System/360 board has them)",
                  mon->run.m && mon->run.m->name ? mon->run.m->name : "?");
    return s && s->chan ? s : NULL;
}

/* A device address: three hex digits, channel 0-6 and unit 00-FF. */
static int device_address(Mon *mon, const char **p, unsigned *addr)
{
    const char *s = mon_skip(*p), *e = s;
    unsigned v = 0;
    while ((*e >= '0' && *e <= '9') || (*e >= 'A' && *e <= 'F') || (*e >= 'a' && *e <= 'f')) {
        v = v * 16 + (unsigned)(*e <= '9' ? *e - '0' : (*e | 0x20) - 'a' + 10);
        e++;
        if (e - s > 3)
            break;
    }
    if (e == s || e - s > 3 || (*e && *e != ' ' && *e != '\t') || v > 0x6FF) {
        char w[64];
        mon_word(s, w, sizeof w);
        if (w[0] == 0)
            return mon_error(mon, s, "expected a device address (three hex digits: channel 0-6, unit 00-FF)");
        return mon_error(mon, s, "'%s' is not a device address (three hex digits: channel 0-6, unit 00-FF)", w);
    }
    *addr = v;
    *p = e;
    return 0;
}

static void show_device(Mon *mon, const EmuDev *d)
{
    fprintf(mon->out, "%03X %s %s%s%s\n", d->addr, d->type->name, d->type->what,
            d->file ? " " : "", d->file ? d->file : "");
}

/* attach DEV TYPE [FILE] [OPTIONS]: one configuration line, its errors
   where the monitor's line has them (file:line:col, the line, a caret). */
int mon_cmd_attach(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    if (s == NULL)
        return -1;
    const char *p = args;
    unsigned addr;
    if (mon_at_end(p))
        return mon_error(mon, mon_skip(p), "attach DEV TYPE [FILE] [OPTIONS] (00C 2540R deck.txt)");
    if (device_address(mon, &p, &addr) != 0)
        return -1;
    /* the command's own word blanked, so that columns are the line's */
    const char *line = mon->line;
    uintptr_t a = (uintptr_t)args, l = (uintptr_t)line;
    char *text;
    if (line && a >= l && a <= l + strlen(line)) {
        text = strdup(line);
        if (text)
            memset(text, ' ', (size_t)(a - l));
    } else {
        text = strdup(args);
    }
    if (text == NULL)
        return mon_error(mon, NULL, "out of memory");
    mon_flush_guest(mon);
    fflush(mon->out);
    int rc = emu_chan_attach_line(s, text, mon->src_name ? mon->src_name : "<console>",
                                  mon->src_name ? mon->src_line : 1);
    free(text);
    if (rc != 0) {
        fflush(stderr);
        mon->nerrors++;
        return -1;
    }
    const EmuDev *d = emu_chan_device(s, addr);
    if (d)
        show_device(mon, d);
    return 0;
}

int mon_cmd_detach(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    if (s == NULL)
        return -1;
    const char *p = args;
    unsigned addr;
    if (device_address(mon, &p, &addr) != 0)
        return -1;
    if (!mon_at_end(p))
        return mon_error(mon, mon_skip(p), "detach takes one device address");
    if (emu_chan_detach(s, addr) != 0)
        return mon_error(mon, mon_skip(args), "no device is attached at %03X", addr);
    fprintf(mon->out, "%03X detached\n", addr);
    return 0;
}

int mon_cmd_devices(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    if (s == NULL)
        return -1;
    if (!mon_at_end(args))
        return mon_error(mon, mon_skip(args), "devices takes no operand");
    mon_flush_guest(mon);
    emu_chan_list(s, mon->out);
    return 0;
}

/* ipl DEV: as `mcemu run --ipl DEV`; the record of past instructions ends
   here (back stops at the IPL). */
int mon_cmd_ipl(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    if (s == NULL)
        return -1;
    const char *p = args;
    unsigned addr;
    if (device_address(mon, &p, &addr) != 0)
        return -1;
    if (!mon_at_end(p))
        return mon_error(mon, mon_skip(p), "ipl takes one device address");
    if (emu_chan_device(s, addr) == NULL)
        return mon_error(mon, mon_skip(args), "no device is attached at %03X (attach one, or see devices)", addr);
    UcCpu *cpu = mon->run.cpu;
    /* system reset: the CPU's micro-state and the requests it held */
    uc_cpu_reset(cpu);
    s->ext = 0;
    s->mck = 0;
    char err[300];
    mon_flush_guest(mon);
    int rc = emu_chan_ipl(s, addr, err, sizeof err);
    mon->at_boundary = 1;
    mon->machine_stopped = 0;
    mon->ub_valid = 0;
    mon_ring_clear(mon);
    mon->hist_n = mon->hist_head = 0;
    for (unsigned i = 0; i < mon->nbk; i++)
        if (mon->bk[i].kind == MON_BK_REG)
            mon->bk[i].last = mon_reg_get(mon, &mon->bk[i].reg);
    if (rc != 0)
        return mon_error(mon, mon_skip(args), "%s", err);
    uint64_t psw = 0;
    uc_mem_load(cpu, 0, 0, 8, &psw);
    fprintf(mon->out, "IPL from %03X: PSW %08llX %08llX\n", addr, (unsigned long long)(psw >> 32),
            (unsigned long long)(psw & 0xFFFFFFFFu));
    mon_summary(mon);
    return 0;
}

/* request [DEV]: the console's request key (attention at the first console,
   or at DEV). */
int mon_cmd_request(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    if (s == NULL)
        return -1;
    const char *p = args;
    unsigned addr = ~0u;
    if (!mon_at_end(p) && device_address(mon, &p, &addr) != 0)
        return -1;
    if (!mon_at_end(p))
        return mon_error(mon, mon_skip(p), "request takes at most a device address");
    if (emu_chan_request_key(s, addr) != 0) {
        if (addr == ~0u)
            return mon_error(mon, mon_skip(args), "no console (1052, 3215) is attached");
        return mon_error(mon, mon_skip(args), "no device is attached at %03X", addr);
    }
    fprintf(mon->out, "request key: attention from %s\n", addr == ~0u ? "the console" : "the device");
    return 0;
}

/* The console text of send and expect: the rest of the line, as typed. */
static const char *console_text(Mon *mon, const char *args, const char *cmd)
{
    const char *t = mon_skip(args);
    if (*t == 0) {
        mon_error(mon, t, "%s needs the text", cmd);
        return NULL;
    }
    return t;
}

int mon_console_seen(Mon *mon, const char *text)
{
    EmuS360 *s = mon->run.board && mon->run.m ? emu_s360_of(&mon->run) : NULL;
    return s && s->chan ? emu_chan_console_seen(s, text) : -1;
}

/* send TEXT: a line for the console, typed when the guest next reads it. */
int mon_cmd_send(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    const char *t = s ? console_text(mon, args, "send") : NULL;
    if (t == NULL)
        return -1;
    if (emu_chan_console_send(s, t) != 0)
        return mon_error(mon, t, "no console (1052, 3215) is attached, or the line is over 256 characters");
    return 0;
}

/* expect TEXT: run until the guest has typed TEXT on the console. */
int mon_cmd_expect(Mon *mon, const char *args)
{
    EmuS360 *s = channels(mon, args);
    const char *t = s ? console_text(mon, args, "expect") : NULL;
    if (t == NULL)
        return -1;
    int seen = emu_chan_console_seen(s, t);
    if (seen < 0)
        return mon_error(mon, t, "no console (1052, 3215) is attached");
    if (seen == 1) {
        fprintf(mon->out, "the console typed '%s'\n", t);
        return 0;
    }
    mon->expect_text = t;
    int rc = mon_run(mon, MON_RUN_GO, 0, 0);
    mon->expect_text = NULL;
    return rc;
}
