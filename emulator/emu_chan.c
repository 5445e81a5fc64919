/* emu_chan.c — the System/360 channels (A22-6821, "Input/Output
 * Operations"). This first form has no channel attached: every address
 * answers "not operational" (CC 3) and no interruption is ever pending.
 */
#include "emulator/emu_s360.h"

int emu_chan_open(EmuS360 *s)
{
    s->chan = NULL;
    return 0;
}

void emu_chan_close(EmuS360 *s)
{
    s->chan = NULL;
}

unsigned emu_chan_pending(const EmuS360 *s)
{
    (void)s;
    return 0;
}

int emu_chan_idle(EmuS360 *s, uint64_t timeout_ns)
{
    (void)s; (void)timeout_ns;
    return -1;
}

static int h_not_operational(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)ctx; (void)a; (void)n;
    *res = 3;
    return 0;
}

static int h_io_take(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)ctx; (void)a; (void)n;
    *res = 0;
    return 0;
}

void emu_chan_bind(EmuS360 *s)
{
    UcCpu *cpu = s->cpu;
    static const char *const ops[] = { "sio", "tio", "hio", "tch" };
    for (unsigned i = 0; i < 4; i++)
        uc_bind_helper(cpu, ops[i], h_not_operational, s);
    uc_bind_helper(cpu, "io_take", h_io_take, s);
}
