/* emu_assist.c — the host side of the ASSIST I/O and debugging instructions
 * (XREAD, XPRNT, XPNCH, XDUMP, XLIMD), bound by name to the helpers the
 * `assist` description declares. The description checks operands and sets
 * condition codes; these functions only move card images and lines between
 * storage and host files (ASSIST User's Guide, Part II "Input/output and
 * debugging instructions").
 *
 * Cards are ASCII text lines on the host, EBCDIC in storage, 80 columns,
 * blank padded. XPRNT's first byte is the carriage control character, done
 * as POSIX `asa` does: ' ' one line, '0' two, '-' three, '1' a new page
 * (form feed), '+' overprint (carriage return); trailing blanks dropped.
 */
#include <string.h>
#include "emulator/emu_charset.h"
#include "emulator/emu_run.h"

#define CARD 80
#define LINE_MAX_BYTES 256

static void guest_text(EmuRun *r, uint64_t addr, uint64_t len, char *out)
{
    uint8_t buf[LINE_MAX_BYTES];
    if (len > LINE_MAX_BYTES)
        len = LINE_MAX_BYTES;
    for (uint64_t i = 0; i < len; i++)
        buf[i] = (uint8_t)uc_mem_get(r->cpu, 0, addr + i);
    size_t n = (size_t)len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = emu_to_host(r->charset, buf[i]);
        out[i] = (char)(c >= 0x20 && c < 0x7f ? c : c == 0 ? ' ' : '.');
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = 0;
}

static int h_xprnt(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)n; (void)res;
    EmuRun *r = ctx;
    uint64_t len = a[1];
    if (len == 0)
        return 0;
    char text[LINE_MAX_BYTES + 1];
    char cc = (char)emu_to_host(r->charset, (uint8_t)uc_mem_get(r->cpu, 0, a[0]));
    guest_text(r, a[0] + 1, len - 1, text);
    int started = r->printer_col != 0;
    switch (cc) {
    case '0': fputs(started ? "\n\n" : "\n", r->out); break;
    case '-': fputs(started ? "\n\n\n" : "\n\n", r->out); break;
    case '1': fputs(started ? "\n\f" : "\f", r->out); break;
    case '+': fputs(started ? "\r" : "", r->out); break;
    default:  fputs(started ? "\n" : "", r->out); break;
    }
    fputs(text, r->out);
    r->printer_col = 1;
    return 0;
}

static int h_xread(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)n;
    EmuRun *r = ctx;
    char line[1024];
    if (r->reader_fp == NULL || fgets(line, sizeof line, r->reader_fp) == NULL) {
        *res = 1;                           /* end of file: CC 1 */
        return 0;
    }
    size_t len = strcspn(line, "\r\n");
    if (line[len] == 0 && !feof(r->reader_fp)) {   /* longer than a buffer: skip the rest */
        int c;
        while ((c = fgetc(r->reader_fp)) != EOF && c != '\n')
            ;
    }
    uint8_t card[CARD];
    for (size_t i = 0; i < CARD; i++)
        card[i] = emu_from_host(r->charset, (unsigned char)(i < len ? line[i] : ' '));
    uint64_t want = a[1] < CARD ? a[1] : CARD;
    uc_mem_write(cpu, 0, a[0], card, want);
    *res = 0;
    return 0;
}

static int h_xpnch(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)n; (void)res;
    EmuRun *r = ctx;
    char text[LINE_MAX_BYTES + 1];
    guest_text(r, a[0], a[1] < CARD ? a[1] : CARD, text);
    FILE *f = r->punch_fp ? r->punch_fp : r->out;
    if (f == r->out && r->printer_col) {
        fputc('\n', f);
        r->printer_col = 0;
    }
    fprintf(f, "%s\n", text);
    return 0;
}

static void dump_regs(EmuRun *r)
{
    int gr = uc_machine_find_item(r->m, "GR");
    if (gr < 0)
        return;
    for (unsigned half = 0; half < 2; half++) {
        fprintf(r->out, "\nREGS %2u-%-2u    ", half * 8, half * 8 + 7);
        for (unsigned i = 0; i < 8; i++)
            fprintf(r->out, " %08llX", (unsigned long long)uc_get_item(r->cpu, (unsigned)gr, half * 8 + i));
    }
}

static int h_xdump(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)n; (void)res;
    EmuRun *r = ctx;
    if (r->printer_col)
        fputc('\n', r->out);
    r->printer_col = 1;
    if (a[1] == 0) {
        fprintf(r->out, "BEGIN XSNAP - REGISTERS");
        dump_regs(r);
        return 0;
    }
    uint64_t from = a[0] & ~UINT64_C(0x1F), to = a[0] + a[1];
    fprintf(r->out, "BEGIN XSNAP - STORAGE %06llX TO %06llX",
            (unsigned long long)a[0], (unsigned long long)(to - 1));
    dump_regs(r);
    for (uint64_t line = from; line < to; line += 32) {
        fprintf(r->out, "\n %06llX   ", (unsigned long long)line);
        char chars[33];
        for (unsigned i = 0; i < 32; i++) {
            uint8_t b = (uint8_t)uc_mem_get(r->cpu, 0, line + i);
            fprintf(r->out, "%02X%s", b, i % 4 == 3 ? " " : "");
            unsigned char h = emu_to_host(r->charset, b);
            chars[i] = (char)(h >= 0x20 && h < 0x7f ? h : '.');
        }
        chars[32] = 0;
        fprintf(r->out, "  *%s*", chars);
    }
    return 0;
}

static int h_xlimd(UcCpu *cpu, void *ctx, const uint64_t *a, unsigned n, uint64_t *res)
{
    (void)cpu; (void)ctx; (void)a; (void)n; (void)res;
    return 0;
}

/* One row per ASSIST service. */
static const struct {
    const char *name;
    UcHelperFn fn;
} services[] = {
    { "xprnt", h_xprnt }, { "xread", h_xread }, { "xpnch", h_xpnch },
    { "xdump", h_xdump }, { "xlimd", h_xlimd },
};

void emu_assist_bind(EmuRun *r)
{
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
        uc_bind_helper(r->cpu, services[i].name, services[i].fn, r);
}

void emu_assist_finish(EmuRun *r)
{
    if (r->printer_col)
        fputc('\n', r->out);
    r->printer_col = 0;
}
