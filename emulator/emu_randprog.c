/* emu_randprog.c — random programs from a machine's description
 * (emu_randprog.h). The body is generic: each statement is an instruction
 * picked from UcMachine.insns and written through its syntax string, each
 * operand placeholder {MODE(fields)} filled from the mode's first form
 * with values by the role of each parameter (UcMode disp/base/index/length
 * params, the mode kind, the bit width). A frame per family places it:
 *
 * - byte machines, HLASM source (System/360 and descriptions extending
 *   it): the program starts at X'400' and runs as ASSIST runs a program.
 *   The frame points the external, SVC and program new PSWs at small
 *   handlers (an interruption returns to the interrupted program by LPSW
 *   of its old PSW, so a program check goes on after the instruction),
 *   loads random registers and enters the body in the problem state with
 *   the external mask and all program-mask bits on, so privileged
 *   instructions, fixed-point and decimal overflow, significance and the
 *   interval timer all interrupt. Storage operands use base and index 0 and
 *   a displacement into the data area X'C00'-X'FFF' (random bytes, some of
 *   them packed decimal); branch targets are written as absolute
 *   displacements of body labels. SVC 0 ends the body (so SVC is kept out).
 *   (A22-6821, "Program Status Word", "Interruptions".)
 * - word-mark machines, Autocoder source (IBM 1401): code at 400, fields
 *   of random digits (signed or not) and characters from 2000 (DCW with a
 *   word mark, some DC without, so that fields run on), operands on the
 *   units positions of fields and branch targets on body instructions; the
 *   frame counts three passes and halts. The first field has a word mark,
 *   so that no field runs on into the code. Kept out: the card read and
 *   punch instructions, tape, carriage control (the carriage tape has one
 *   hole), clear storage (it would clear the code) and move to record mark
 *   (there is none). An operand left out now and then chains from the
 *   registers.
 * (A24-3067.)
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "assembler/asm.h"
#include "emulator/emu_machine.h"
#include "emulator/emu_randprog.h"

#define MAX_BODY 160

typedef enum { FRAME_HLASM, FRAME_AUTOCODER } FrameKind;

typedef struct Frame {
    FrameKind kind;
    const char *suffix;
    const char *avoid;             /* mnemonics kept out, blank separated, padded */
    int nmin, nspan;               /* body size: nmin + 0..nspan-1 statements */
} Frame;

static const Frame frames[] = {
    { FRAME_HLASM, ".asm", " SVC ", 60, 60 },
    { FRAME_AUTOCODER, ".s", " R P WR RP WP WRP U CS CC MCM ", 30, 40 },
};

typedef struct Gen {
    const UcMachine *m;
    const Frame *f;
    uint64_t rng;
    FILE *out;
    int nbody;                     /* statements in the body: labels L0 .. */
    int nfields;                   /* 1401 data fields F0 .. */
    int may_chain;                 /* the statement before set the registers */
} Gen;

/* splitmix64: small, good enough, the same everywhere */
static uint64_t next(Gen *g)
{
    uint64_t z = (g->rng += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static unsigned below(Gen *g, unsigned n)
{
    return n ? (unsigned)(next(g) % n) : 0;
}

static const Frame *frame_of(const UcMachine *m)
{
    if (m->nspaces == 0)
        return NULL;
    if (m->decode.rule == UC_LEN_DELIMITED)
        return &frames[1];
    if (m->decode.rule == UC_LEN_BY_KEY && m->spaces[0].unit_bits == 8)
        return &frames[0];
    return NULL;
}

const char *emu_randprog_suffix(const UcMachine *m)
{
    const Frame *f = frame_of(m);
    return f ? f->suffix : NULL;
}

/* The assembler mnemonic: the first word of the syntax. */
static void syntax_mnemonic(const UcInsn *in, char *buf, size_t size)
{
    const char *s = in->syntax ? in->syntax : in->mnemonic;
    size_t n = strcspn(s, " ");
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
}

static int avoided(const Gen *g, const UcInsn *in)
{
    char mn[32], key[36];
    if (in->attrs & UC_A_STOPS)
        return 1;
    syntax_mnemonic(in, mn, sizeof mn);
    snprintf(key, sizeof key, " %s ", mn);
    return strstr(g->f->avoid, key) != NULL;
}

/* ---- operands ---- */

typedef struct Role {              /* what the operand is for */
    int target;                    /* a branch or EXECUTE target: a body label */
    int no_branch_reg;             /* the last register of a branch without an address operand */
} Role;

/* The written text of parameter p of mode md. */
static void param_text(Gen *g, const UcMode *md, int p, const Role *role, char style, int add,
                       char *buf, size_t size)
{
    const UcModeParam *pr = &md->params[p];
    uint64_t lim = pr->width >= 32 ? UINT64_C(1) << 32 : UINT64_C(1) << pr->width;
    if (md->kind == UC_MODE_ADDR_INVERSE) {        /* a whole address: a label */
        if (role->target || g->nfields == 0)
            snprintf(buf, size, "L%u", below(g, (unsigned)g->nbody));
        else
            snprintf(buf, size, "F%u", below(g, (unsigned)g->nfields));
        return;
    }
    if (p == md->disp_param) {
        if (role->target) {
            snprintf(buf, size, "L%u-RANDPROG+1024", below(g, (unsigned)g->nbody));
        } else {
            unsigned d = 0xC00 + below(g, 0x3F0);
            if (below(g, 2))
                d &= ~7u;
            snprintf(buf, size, "%u", d);
        }
        return;
    }
    if (p == md->base_param || p == md->index_param) {
        snprintf(buf, size, "0");
        return;
    }
    uint64_t v;
    if (p == md->length_param) {
        uint64_t most = lim < 16 ? lim : 16;
        v = 1 + below(g, (unsigned)most);       /* the written length */
        snprintf(buf, size, "%llu", (unsigned long long)v);
        return;
    }
    v = role->no_branch_reg ? 0 : next(g) % lim;
    if (below(g, 2))
        v &= ~UINT64_C(1);                      /* even half the time: register pairs */
    if (style == 'c') {                          /* a character: letters and digits */
        static const char set[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        snprintf(buf, size, "%c", set[below(g, sizeof set - 1)]);
    } else if (style == 'x') {
        snprintf(buf, size, "X'%0*llX'", (pr->width + 3) / 4, (unsigned long long)v);
    } else {
        snprintf(buf, size, "%lld", (long long)v - add);
    }
}

/* One operand: the mode's first form with every parameter filled in. */
static void operand_text(Gen *g, const UcMode *md, const Role *role, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = 0;
    const char *t = md->nforms ? md->forms[0].tmpl : "";
    while (*t && k + 1 < size) {
        if (*t != '{') {
            buf[k++] = *t++;
            buf[k] = 0;
            continue;
        }
        t++;
        int64_t add;
        char style;
        int p = asm_syntax_ref(md, &t, &add, &style);
        if (p < 0)
            continue;
        char v[80];
        param_text(g, md, p, role, style, (int)add, v, sizeof v);
        k += (size_t)snprintf(buf + k, size - k, "%s", v);
        if (k >= size)
            k = size - 1;
    }
}

static int mode_by_name(const UcMachine *m, const char *s, size_t n)
{
    for (uint32_t i = 0; i < m->nmodes; i++)
        if (strlen(m->modes[i].name) == n && strncmp(m->modes[i].name, s, n) == 0)
            return (int)i;
    return -1;
}

/* The operands of one instruction, through its syntax: "{MODE(fields)}"
   placeholders filled in, "[...]" optional groups kept as a prefix (all of
   them, or for the 1401's all-optional operands: a random number). */
static void operands_text(Gen *g, const UcInsn *in, char *buf, size_t size)
{
    const UcMachine *m = g->m;
    const char *s = in->syntax ? in->syntax + strcspn(in->syntax, " ") : "";
    while (*s == ' ')
        s++;
    int has_address = 0;
    for (unsigned i = 0; i < in->noperands; i++) {
        uint8_t k = m->modes[in->operands[i].mode].kind;
        if (k == UC_MODE_ADDRESS || k == UC_MODE_ADDR_INVERSE)
            has_address = 1;
    }
    int branch = (in->attrs & (UC_A_BRANCH | UC_A_EXEC)) != 0;
    int groups = 0;
    for (const char *t = s; *t; t++)
        groups += *t == '[';
    /* at least one optional operand, but now and then none (chaining), not
       on a branch */
    int keep = groups ? 1 + (int)below(g, (unsigned)groups) : 0;
    if (groups && !branch && g->may_chain && below(g, 16) == 0)
        keep = 0;
    g->may_chain = !branch && keep > 0;
    /* count the placeholders, to know the last */
    int nplace = 0;
    for (const char *t = s; *t; t++)
        nplace += *t == '{' && t[1] && isupper((unsigned char)t[1]);
    size_t k = 0;
    int group = 0, depth = 0, dropping = 0, place = 0, first_addr_done = 0;
    buf[0] = 0;
    for (const char *t = s; *t && k + 1 < size;) {
        if (*t == '[') {
            group++;
            depth++;
            if (group > keep)
                dropping = depth;
            t++;
            continue;
        }
        if (*t == ']') {
            if (dropping == depth)
                dropping = 0;
            depth--;
            t++;
            continue;
        }
        if (dropping) {
            t++;
            continue;
        }
        if (*t != '{') {
            buf[k++] = *t++;
            buf[k] = 0;
            continue;
        }
        /* {MODE(fields)} */
        const char *name = ++t;
        while (*t && *t != '(' && *t != '}')
            t++;
        int mi = mode_by_name(m, name, (size_t)(t - name));
        while (*t && *t != '}')
            t++;
        if (*t == '}')
            t++;
        place++;
        if (mi < 0)
            continue;
        const UcMode *md = &m->modes[mi];
        Role role = { 0, 0 };
        int addr = md->kind == UC_MODE_ADDRESS || md->kind == UC_MODE_ADDR_INVERSE;
        if (branch && addr && !first_addr_done) {
            role.target = 1;
            first_addr_done = 1;
        }
        if (branch && !has_address && place == nplace)
            role.no_branch_reg = 1;
        if ((in->attrs & UC_A_EXEC) && !addr && below(g, 2))
            role.no_branch_reg = 1;      /* EXECUTE: half the time no modification */
        char v[120];
        operand_text(g, md, &role, v, sizeof v);
        k += (size_t)snprintf(buf + k, size - k, "%s", v);
        if (k >= size)
            k = size - 1;
    }
}

static const UcInsn *pick_insn(Gen *g)
{
    for (int tries = 0; tries < 1000; tries++) {
        const UcInsn *in = &g->m->insns[below(g, g->m->ninsns)];
        if (in->syntax && !avoided(g, in))
            return in;
    }
    return NULL;
}

/* ---- System/360 family: HLASM ---- */

static void hlasm_body(Gen *g)
{
    for (int i = 0; i < g->nbody; i++) {
        const UcInsn *in = pick_insn(g);
        char mn[32], ops[400];
        if (in == NULL)
            break;
        syntax_mnemonic(in, mn, sizeof mn);
        operands_text(g, in, ops, sizeof ops);
        char label[16];
        snprintf(label, sizeof label, "L%d", i);
        fprintf(g->out, "%-8s %-5s %s\n", label, mn, ops);
    }
}

static void hlasm_program(Gen *g, uint64_t seed)
{
    FILE *o = g->out;
    fprintf(o, "*        RANDOM PROGRAM %llu FOR %s (mcemu run --random-program)\n",
            (unsigned long long)seed, g->m->name);
    fputs("RANDPROG START X'400'\n"
          "         BALR  12,0\n"
          "         USING *,12\n"
          "         ST    14,1016(0,0)        X'3F8': THE RETURN ADDRESS\n"
          "         MVC   1012(4,0),PASSES    X'3F4': PASSES LEFT\n"
          "         MVC   88(8,0),EXTNEW      EXTERNAL NEW PSW\n"
          "         MVC   96(8,0),SVCNEW      SVC NEW PSW\n"
          "         MVC   104(8,0),PGMNEW     PROGRAM NEW PSW\n"
          "         MVC   80(4,0),TIMER       INTERVAL TIMER\n"
          "         MVC   1000(8,0),BODYPSW   X'3E8'\n"
          "         LM    0,15,REGS\n"
          "         LPSW  1000(0)             PROBLEM STATE, ENABLED\n"
          "HANDLER  LPSW  40(0)               PROGRAM CHECK: GO ON\n"
          "EXTH     LPSW  24(0)               EXTERNAL: GO ON\n"
          "EXIT     L     14,1016(0,0)        SVC 0: THE END\n"
          "         BR    14\n", o);
    hlasm_body(g);
    fprintf(o, "L%d       L     1,1012(0,0)\n", g->nbody);
    fputs("         BCTR  1,0\n"
          "         ST    1,1012(0,0)\n"
          "         LTR   1,1\n"
          "         BC    7,L0-RANDPROG+1024(0,0)\n"
          "         SVC   0\n"
          "EXTNEW   DC    X'00000000',A(EXTH)\n"
          "SVCNEW   DC    X'00000000',A(EXIT)\n"
          "PGMNEW   DC    X'00000000',A(HANDLER)\n"
          "BODYPSW  DC    X'01010000',X'0F',AL3(L0)\n"
          "PASSES   DC    F'3'\n", o);
    fprintf(o, "TIMER    DC    X'%08X'\n", (unsigned)(below(g, 8) << 8));
    fputs("REGS     DS    0F\n", o);
    for (int i = 0; i < 16; i++) {
        uint32_t v = (uint32_t)next(g);
        if (below(g, 3) == 0)
            v &= 0xFF;                   /* small values too: shift counts, lengths */
        fprintf(o, "         DC    X'%08X'\n", v);
    }
    fputs("         ORG   RANDPROG+X'800'     THE DATA AREA X'C00'-X'FFF'\n", o);
    for (int line = 0; line < 64; line++) {
        fputs("         DC    X'", o);
        int packed = below(g, 3) == 0;
        for (int b = 0; b < 16; b++) {
            unsigned v = (unsigned)next(g) & 0xFF;
            if (packed)                  /* packed decimal: digits, a sign every 4 bytes */
                v = (b % 4 == 3) ? (below(g, 10) << 4 | (below(g, 2) ? 0xC : 0xD)) : (below(g, 10) << 4 | below(g, 10));
            fprintf(o, "%02X", v);
        }
        fputs("'\n", o);
    }
    fputs("         END   RANDPROG\n", o);
}

/* ---- IBM 1401: Autocoder ---- */

static void autocoder_line(Gen *g, const char *label, const char *op, const char *operands)
{
    fprintf(g->out, "     %-10s%-5s%s\n", label, op, operands);
}

static void autocoder_program(Gen *g, uint64_t seed)
{
    FILE *o = g->out;
    g->nfields = 30 + (int)below(g, 20);
    fprintf(o, "     * RANDOM PROGRAM %llu FOR %s (MCEMU RUN --RANDOM-PROGRAM)\n",
            (unsigned long long)seed, g->m->name);
    autocoder_line(g, "", "ORG", "400");
    for (int i = 0; i < g->nbody; i++) {
        const UcInsn *in = pick_insn(g);
        char mn[32], ops[400], label[16];
        if (in == NULL)
            break;
        syntax_mnemonic(in, mn, sizeof mn);
        operands_text(g, in, ops, sizeof ops);
        snprintf(label, sizeof label, "L%d", i);
        autocoder_line(g, label, mn, ops);
    }
    char label[16];
    snprintf(label, sizeof label, "L%d", g->nbody);
    autocoder_line(g, label, "A", "+1,PASSES");
    autocoder_line(g, "", "C", "PASSES,LIMIT");
    autocoder_line(g, "", "BU", "L0");
    autocoder_line(g, "", "H", "");
    autocoder_line(g, "PASSES", "DCW", "0");
    autocoder_line(g, "LIMIT", "DCW", "3");
    autocoder_line(g, "", "ORG", "2000");
    static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-*$/";
    for (int i = 0; i < g->nfields; i++) {
        char text[24], name[16];
        int len = 1 + (int)below(g, 8);
        int kind = (int)below(g, 3);
        if (kind == 0) {                 /* characters */
            text[0] = '@';
            for (int k = 0; k < len; k++)
                text[1 + k] = chars[below(g, sizeof chars - 1)];
            text[1 + len] = '@';
            text[2 + len] = 0;
        } else {                         /* digits, signed or not */
            int k = 0;
            if (kind == 2)
                text[k++] = below(g, 2) ? '+' : '-';
            for (int d = 0; d < len; d++)
                text[k++] = (char)('0' + below(g, 10));
            text[k] = 0;
        }
        snprintf(name, sizeof name, "F%d", i);
        autocoder_line(g, name, i == 0 || below(g, 6) ? "DCW" : "DC", text);
    }
    autocoder_line(g, "", "END", "L0");
}

int emu_randprog_write(const UcMachine *m, uint64_t seed, FILE *out, char *err, size_t errsize)
{
    Gen g = { 0 };
    g.m = m;
    g.f = frame_of(m);
    g.rng = seed;
    g.out = out;
    if (g.f == NULL || m->ninsns == 0) {
        snprintf(err, errsize, "no random-program frame for machine %s", m->name);
        return -1;
    }
    g.nbody = g.f->nmin + (int)below(&g, (unsigned)g.f->nspan);
    if (g.nbody > MAX_BODY)
        g.nbody = MAX_BODY;
    if (g.f->kind == FRAME_HLASM)
        hlasm_program(&g, seed);
    else
        autocoder_program(&g, seed);
    return ferror(out) ? -1 : 0;
}

int emu_randprog_file(const char *machine, const char *spec, char *path, size_t pathsize, int *temporary)
{
    char *end;
    *temporary = 0;
    errno = 0;
    unsigned long long seed = strtoull(spec, &end, 10);
    if (errno || end == spec || (*end != 0 && *end != ':') || (*end == ':' && end[1] == 0) || *spec == '-') {
        fprintf(stderr, "mcemu run: --random-program wants SEED or SEED:FILE (a decimal seed), not '%s'\n", spec);
        return -2;
    }
    UcMachine *m = emu_load_machine(machine, stderr);
    if (m == NULL)
        return -1;
    const char *suffix = emu_randprog_suffix(m);
    FILE *f = NULL;
    if (suffix == NULL) {
        fprintf(stderr, "mcemu run: no random-program frame for machine %s\n", m->name);
        uc_machine_free(m);
        return -1;
    }
    if (*end == ':') {
        snprintf(path, pathsize, "%s", end + 1);
        f = fopen(path, "w");
    } else {
        char dir[] = "/tmp/mcemu-randomXXXXXX";
        if (mkdtemp(dir) != NULL) {
            snprintf(path, pathsize, "%s/random-%llu%s", dir, seed, suffix);
            *temporary = 1;
            f = fopen(path, "w");
        }
    }
    if (f == NULL) {
        fprintf(stderr, "%s: error: cannot write the random program: %s\n", path, strerror(errno));
        uc_machine_free(m);
        return -1;
    }
    char err[200];
    int rc = emu_randprog_write(m, seed, f, err, sizeof err);
    if (fclose(f) != 0 || rc != 0) {
        fprintf(stderr, "%s: error: cannot write the random program%s%s\n", path, rc ? ": " : "", rc ? err : "");
        rc = -1;
    }
    uc_machine_free(m);
    return rc;
}

void emu_randprog_remove(const char *path)
{
    remove(path);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = 0;
        rmdir(dir);
    }
}
