/* asm_autocoder.c — the Autocoder front end for the IBM 1401 (Autocoder (on
 * Tape) Language Specifications C24-3319; A24-3067 for the instruction
 * formats and addresses).
 *
 * Source lines in the Autocoder columns: 6-15 label, 16-20 operation,
 * 21-72 operands (up to the first blank), a '*' in column 6 for a comment.
 * Operations come from the machine description: every instruction's
 * mnemonic (the first word of its syntax) and the aliases (BE, BU, BH ...
 * fix the d-character of B). Operands are the A-address, the B-address and
 * the d-character, separated by commas; the instruction is 1, 2, 4, 5, 7 or
 * 8 characters long as they are written. A one-character operand that is
 * no label is the d-character (a lone digit only for I/O operations). An address is a symbol, an actual
 * address (digits), or '*' (the address of the instruction's rightmost
 * character), with adjustments (+n, -n) and indexing (+X1 or &X1, X2, X3);
 * a literal (@text@, or a signed number +12 / -12) is placed in the literal
 * pool (LTORG, or the end of the program) with a word mark and addressed by
 * its units position.
 *
 * Declaratives: DCW (a constant with a word mark on its high-order
 * character), DC (without), DS (storage: a count, or #count), DSA (the
 * 3-character address of its operand), EQU, ORG, LTORG, END (with the start
 * address). Constants: @text@; digits with an optional sign (+ gives the A
 * and B zones over the units digit, - the B zone); #n for n blanks. The
 * label of a declarative names its rightmost (units) character, the label
 * of an instruction its op code. Without ORG the program starts at 333,
 * past the print area.
 *
 * The image has one unit per storage position: the BCD character with the
 * word mark as bit 6. As an object deck (mcemu asm -o X.obj, or --object)
 * the program is written as a self-loading condensed card deck for the
 * Load key: a bootstrap card, then text cards of up to 39 characters that
 * move themselves into place and set their word marks, the last one
 * branching to the END address. Errors are reported as file:line:col: error: text,
 * with the source line and a caret.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "asm_autocoder.h"
#include "../emulator/emu_charset.h"

#define AC_MEM 16000
#define AC_DEFAULT_ORIGIN 333
#define AC_WM 0x40
#define AC_MAX_LINES 100000
#define AC_MAX_SYMS 20000
#define AC_MAX_LITS 4000

typedef struct AcSym {
    char name[16];
    long value;
    int set, twice;           /* defined in pass 1; more than once */
} AcSym;

typedef struct AcLit {
    char text[64];            /* as written */
    long addr;                /* units position (pass 1), -1 until placed */
    int placed;               /* stored in this pass */
} AcLit;

typedef struct Ac {
    const UcMachine *m;
    const char *path;
    FILE *diag;
    char **lines;
    int nlines;
    AcSym *syms;
    int nsyms;
    AcLit *lits;
    int nlits;
    int pass;
    long loc;
    long entry;
    int have_entry;
    long first_insn;
    uint8_t *mem;             /* AC_MEM units, pass 2 */
    uint8_t *used;
    int nerrors;
    int line;                 /* current line, 1-based */
    FILE *list;
} Ac;

int asm_autocoder_serves(const UcMachine *m)
{
    return m != NULL && m->decode.rule == UC_LEN_DELIMITED;
}

/* ---- diagnostics ---- */

static void error_at(Ac *a, int col, const char *fmt, const char *arg)
{
    if (a->pass != 2)
        return;
    a->nerrors++;
    fprintf(a->diag, "%s:%d:%d: error: ", a->path, a->line, col);
    fprintf(a->diag, fmt, arg ? arg : "");
    fputc('\n', a->diag);
    const char *src = a->lines[a->line - 1];
    fprintf(a->diag, "%s\n%*s^\n", src, col - 1, "");
}

/* ---- characters, symbols ---- */

static uint8_t bcd(char c)
{
    return emu_from_host(EMU_CS_BCD1401, (unsigned char)c);
}

static int valid_char(char c)
{
    return c == ' ' || bcd(c) != 0 || c == 0;
}

static AcSym *find_sym(Ac *a, const char *name)
{
    for (int i = 0; i < a->nsyms; i++)
        if (strcmp(a->syms[i].name, name) == 0)
            return &a->syms[i];
    return NULL;
}

/* Pass 0 collects the label names (so that a one-character operand can be
   told from a d-character the same way in every pass), pass 1 gives them
   their values, pass 2 reports labels defined twice. */
static void define(Ac *a, const char *name, long value, int col)
{
    if (name[0] == 0)
        return;
    AcSym *s = find_sym(a, name);
    if (a->pass == 0) {
        if (s != NULL || a->nsyms >= AC_MAX_SYMS)
            return;
        s = &a->syms[a->nsyms++];
        snprintf(s->name, sizeof s->name, "%s", name);
        s->value = 0;
    } else if (a->pass == 1) {
        if (s == NULL)
            return;
        if (s->set)
            s->twice = 1;
        else
            s->value = value;
        s->set = 1;
    } else if (s != NULL && s->twice) {
        error_at(a, col, "the label '%s' is defined more than once", name);
    }
}

/* ---- storage ---- */

static void put(Ac *a, long addr, uint8_t unit, int col)
{
    if (addr < 0 || addr >= AC_MEM) {
        error_at(a, col, "the program goes outside storage (0-15999)%s", "");
        return;
    }
    if (a->pass == 2) {
        a->mem[addr] = unit;
        a->used[addr] = 1;
    }
}

/* An address as three characters (A24-3067, "Addressing"): hundreds with
   the thousands (mod 4) in its zone, tens with the index tag in its zone,
   units with the four-thousands in its zone. */
static void put_addr(Ac *a, long at, long v, int tag, int col)
{
    static const char digits[] = "0123456789";
    v = ((v % AC_MEM) + AC_MEM) % AC_MEM;
    uint8_t h = bcd(digits[v / 100 % 10]), t = bcd(digits[v / 10 % 10]), u = bcd(digits[v % 10]);
    h |= (uint8_t)((v / 1000 % 4) << 4);
    t |= (uint8_t)((tag & 3) << 4);
    u |= (uint8_t)((v / 4000) << 4);
    put(a, at, h, col);
    put(a, at + 1, t, col);
    put(a, at + 2, u, col);
}

/* ---- constants ---- */

/* The characters of a constant (DCW, DC, literal); returns the count or -1. */
static int constant(Ac *a, const char *s, uint8_t *out, int max, int col)
{
    int n = 0;
    if (s[0] == '@') {
        const char *e = strchr(s + 1, '@');
        if (e == NULL) {
            error_at(a, col, "the constant %s has no closing @", s);
            return -1;
        }
        for (const char *p = s + 1; p < e && n < max; p++) {
            if (!valid_char(*p)) {
                error_at(a, col, "'%s' holds a character the 1401 does not have", s);
                return -1;
            }
            out[n++] = bcd(*p);
        }
        if (n == 0) {
            error_at(a, col, "an empty constant '%s'", s);
            return -1;
        }
        return n;
    }
    if (s[0] == '#') {
        char *end;
        long k = strtol(s + 1, &end, 10);
        if (*end || k <= 0 || k > max) {
            error_at(a, col, "'%s': #n wants a count of blanks from 1 to 999", s);
            return -1;
        }
        memset(out, 0, (size_t)k);
        return (int)k;
    }
    int sign = 0;
    const char *p = s;
    if (*p == '+' || *p == '-')
        sign = *p++;
    if (!isdigit((unsigned char)*p)) {
        error_at(a, col, "'%s' is not a constant (@text@, a number, or #n)", s);
        return -1;
    }
    for (; *p && n < max; p++) {
        if (!isdigit((unsigned char)*p)) {
            error_at(a, col, "'%s': a numeric constant holds only digits after its sign", s);
            return -1;
        }
        out[n++] = bcd(*p);
    }
    if (sign == '+')
        out[n - 1] |= 0x30;
    else if (sign == '-')
        out[n - 1] = (uint8_t)((out[n - 1] & 0x0F) | 0x20);
    return n;
}

static int is_literal(const char *s)
{
    return s[0] == '@' || ((s[0] == '+' || s[0] == '-') && isdigit((unsigned char)s[1]));
}

static AcLit *literal(Ac *a, const char *s)
{
    for (int i = 0; i < a->nlits; i++)
        if (strcmp(a->lits[i].text, s) == 0)
            return &a->lits[i];
    if (a->nlits >= AC_MAX_LITS)
        return NULL;
    AcLit *l = &a->lits[a->nlits++];
    snprintf(l->text, sizeof l->text, "%s", s);
    l->addr = -1;
    return l;
}

/* Place the literals not yet placed at the location counter: pass 1
   assigns their addresses, pass 2 stores them in the same order. */
static void pool(Ac *a)
{
    for (int i = 0; i < a->nlits; i++) {
        AcLit *l = &a->lits[i];
        if (a->pass < 2 ? l->addr >= 0 : l->placed)
            continue;
        uint8_t buf[64];
        int n = constant(a, l->text, buf, (int)sizeof buf, 21);
        if (n <= 0) {
            n = 1;
            buf[0] = 0;
        }
        for (int k = 0; k < n; k++)
            put(a, a->loc + k, (uint8_t)(buf[k] | (k == 0 ? AC_WM : 0)), 21);
        if (a->pass < 2)
            l->addr = a->loc + n - 1;
        l->placed = 1;
        a->loc += n;
    }
}

/* ---- addresses ---- */

/* An address operand: symbol | digits | '*', then +n / -n adjustments and
   +Xn / &Xn indexing. `star` is the value of '*'. Returns 0, or -1. */
static int address(Ac *a, const char *s, long star, long *value, int *tag, int col)
{
    long v = 0;
    *tag = 0;
    const char *p = s;
    char name[16];
    int n = 0;
    if (is_literal(s)) {
        AcLit *l = literal(a, s);
        if (l == NULL) {
            error_at(a, col, "too many literals%s", "");
            return -1;
        }
        *value = l->addr < 0 ? 0 : l->addr;
        if (a->pass == 2 && l->addr < 0)
            error_at(a, col, "literal %s was not placed (no LTORG or END after it)", s);
        return 0;
    }
    if (*p == '*') {
        v = star;
        p++;
    } else if (isdigit((unsigned char)*p)) {
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 1000000)
                v = 1000000;            /* reported as outside storage */
        }
    } else {
        while (*p && *p != '+' && *p != '-' && *p != '&' && n < 15)
            name[n++] = *p++;
        name[n] = 0;
        if (n == 0 || (*p && *p != '+' && *p != '-' && *p != '&')) {
            error_at(a, col, "'%s' is not an address (symbol, number or *, then +n -n +X1)", s);
            return -1;
        }
        AcSym *sy = find_sym(a, name);
        if (sy == NULL || !sy->set) {
            if (a->pass == 2)
                error_at(a, col, "undefined symbol '%s'", name);
        } else {
            v = sy->value;
        }
    }
    while (*p) {
        char op = *p++;
        if ((op == '+' || op == '&') && p[0] == 'X' && p[1] >= '1' && p[1] <= '3' &&
            (p[2] == 0 || p[2] == '+' || p[2] == '-' || p[2] == '&')) {
            *tag = p[1] - '0';
            p += 2;
            continue;
        }
        if ((op != '+' && op != '-') || !isdigit((unsigned char)*p)) {
            error_at(a, col, "'%s': bad address adjustment", s);
            return -1;
        }
        long k = 0;
        while (isdigit((unsigned char)*p)) {
            k = k * 10 + (*p++ - '0');
            if (k > 1000000)
                k = 1000000;
        }
        v += op == '+' ? k : -k;
        if (v > 1000000 || v < -1000000)
            v = 1000000;
    }
    if (v < 0 || v >= AC_MEM) {
        if (a->pass == 2)
            error_at(a, col, "the address %s is outside 0-15999", s);
        v = ((v % AC_MEM) + AC_MEM) % AC_MEM;
    }
    *value = v;
    return 0;
}

/* ---- operations from the machine ---- */

typedef struct AcOp {
    int insn;                 /* UcInsn index */
    int op;                   /* op code character */
    int fixed_d;              /* alias d-character, -1 none */
    int second_is_d;          /* the second operand is the d-character (I/O) */
} AcOp;

static int field_value(const UcMachine *m, const UcInsn *in, int field, uint64_t match)
{
    const UcFmtField *f = &m->formats[in->format].fields[field];
    return (int)((match >> f->shift) & ((1u << f->len) - 1));
}

static int find_op(const UcMachine *m, const char *mn, AcOp *o)
{
    o->fixed_d = -1;
    o->insn = -1;
    for (uint32_t i = 0; i < m->naliases; i++) {
        const UcAlias *al = &m->aliases[i];
        if (strcmp(al->mnemonic, mn) == 0 && al->nfixed >= 1) {
            o->insn = al->insn;
            const UcInsn *in = &m->insns[al->insn];
            o->fixed_d = (int)al->fixed[0].value;
            (void)in;
            break;
        }
    }
    if (o->insn < 0)
        o->insn = uc_machine_find_insn(m, mn);
    if (o->insn < 0)
        return -1;
    const UcInsn *in = &m->insns[o->insn];
    o->op = field_value(m, in, 0, in->fixed_match);
    o->second_is_d = in->noperands >= 2 && m->modes[in->operands[1].mode].kind != UC_MODE_ADDR_INVERSE;
    return 0;
}

/* ---- statements ---- */

/* Split the operand field at commas (a comma inside @..@ belongs to the
   literal). */
static int split(char *s, char **parts, int max)
{
    int n = 0, in_lit = 0;
    if (*s == 0)
        return 0;
    parts[n++] = s;
    for (char *p = s; *p; p++) {
        if (*p == '@')
            in_lit = !in_lit;
        else if (*p == ',' && !in_lit) {
            *p = 0;
            if (n < max)
                parts[n++] = p + 1;
        }
    }
    return n;
}

static void field(const char *line, int from, int to, char *out, size_t size)
{
    size_t len = strlen(line), k = 0;
    for (int c = from; c <= to && (size_t)c <= len && k + 1 < size; c++)
        out[k++] = line[c - 1];
    out[k] = 0;
    while (k > 0 && out[k - 1] == ' ')
        out[--k] = 0;
    size_t lead = strspn(out, " ");
    memmove(out, out + lead, strlen(out + lead) + 1);
}

/* The operand field: from column 21 to the first blank outside @..@. */
static void operand_field(const char *line, char *out, size_t size)
{
    size_t len = strlen(line), k = 0;
    int in_lit = 0;
    for (size_t c = 20; c < len && c < 72 && k + 1 < size; c++) {
        if (line[c] == '@')
            in_lit = !in_lit;
        if (line[c] == ' ' && !in_lit)
            break;
        out[k++] = line[c];
    }
    out[k] = 0;
}

static void list_line(Ac *a, long addr, long len, const char *src)
{
    if (a->pass != 2 || a->list == NULL)
        return;
    char obj[40] = "";
    int k = 0;
    for (long i = 0; i < len && k < 30; i++) {
        uint8_t u = a->mem[addr + i];
        if (u & AC_WM)
            obj[k++] = '`';
        obj[k++] = (char)emu_to_host(EMU_CS_BCD1401, u & 0x3F);
    }
    obj[k] = 0;
    if (len > 0)
        fprintf(a->list, "%5d  %05ld  %-26s %s\n", a->line, addr, obj, src);
    else
        fprintf(a->list, "%5d  %5s  %-26s %s\n", a->line, "", "", src);
}

static void statement(Ac *a, const char *line)
{
    char label[16], opname[8], operands[128];
    if (strlen(line) >= 6 && line[5] == '*') {
        list_line(a, 0, 0, line);
        return;
    }
    field(line, 6, 15, label, sizeof label);
    field(line, 16, 20, opname, sizeof opname);
    operand_field(line, operands, sizeof operands);
    if (opname[0] == 0) {
        if (label[0])
            error_at(a, 16, "a label without an operation%s", "");
        list_line(a, 0, 0, line);
        return;
    }
    for (char *p = opname; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    char *ops[8];
    char buf[128];
    snprintf(buf, sizeof buf, "%s", operands);
    int nops = split(buf, ops, 8);
    long start = a->loc;

    if (strcmp(opname, "ORG") == 0 || strcmp(opname, "EQU") == 0) {
        long v;
        int tag;
        if (nops != 1 || address(a, ops[0], a->loc, &v, &tag, 21) < 0) {
            error_at(a, 21, "%s needs one address", opname);
            return;
        }
        if (opname[0] == 'O')
            a->loc = v;
        else
            define(a, label, v, 6);
        list_line(a, 0, 0, line);
        return;
    }
    if (strcmp(opname, "LTORG") == 0) {
        define(a, label, a->loc, 6);
        long from = a->loc;
        pool(a);
        list_line(a, from, a->loc - from, line);
        return;
    }
    if (strcmp(opname, "END") == 0) {
        long from = a->loc;
        pool(a);
        if (nops >= 1) {
            int tag;
            if (address(a, ops[0], a->loc, &a->entry, &tag, 21) == 0)
                a->have_entry = 1;
        }
        list_line(a, from, a->loc - from, line);
        return;
    }
    if (strcmp(opname, "DCW") == 0 || strcmp(opname, "DC") == 0 || strcmp(opname, "DS") == 0 ||
        strcmp(opname, "DSA") == 0) {
        uint8_t data[128];
        int n;
        if (nops != 1) {
            error_at(a, 21, "%s takes one operand", opname);
            return;
        }
        if (strcmp(opname, "DSA") == 0) {
            long v;
            int tag;
            n = 3;
            define(a, label, a->loc + 2, 6);
            if (address(a, ops[0], a->loc + 2, &v, &tag, 21) == 0)
                put_addr(a, a->loc, v, tag, 21);
        } else if (strcmp(opname, "DS") == 0) {
            char *end;
            long k = strtol(ops[0][0] == '#' ? ops[0] + 1 : ops[0], &end, 10);
            if (*end || k <= 0 || k > AC_MEM) {
                error_at(a, 21, "DS wants a count of positions: %s", ops[0]);
                return;
            }
            define(a, label, a->loc + k - 1, 6);
            a->loc += k;
            list_line(a, 0, 0, line);
            return;
        } else {
            n = constant(a, ops[0], data, (int)sizeof data, 21);
            if (n <= 0)
                return;
            define(a, label, a->loc + n - 1, 6);
            for (int k = 0; k < n; k++)
                put(a, a->loc + k, (uint8_t)(data[k] | (k == 0 && opname[2] == 'W' ? AC_WM : 0)), 21);
        }
        a->loc += n;
        list_line(a, start, a->loc - start, line);
        return;
    }

    AcOp o;
    if (find_op(a->m, opname, &o) < 0) {
        error_at(a, 16, "unknown operation '%s'", opname);
        return;
    }
    define(a, label, a->loc, 6);
    if (a->first_insn < 0)
        a->first_insn = a->loc;
    /* which written operands are addresses, which the d-character */
    int naddr = nops, has_d = 0;
    if (nops >= 1 && (o.second_is_d ? nops == 2 : nops == 3))
        naddr = nops - 1, has_d = 1;
    else if (nops == 2 && strlen(ops[1]) == 1 && find_sym(a, ops[1]) == NULL)
        naddr = 1, has_d = 1;
    else if (nops == 1 && strlen(ops[0]) == 1 && find_sym(a, ops[0]) == NULL &&
             (o.second_is_d || !isdigit((unsigned char)ops[0][0])))
        naddr = 0, has_d = 1;           /* "op d": W ), CC 1 */
    if (nops > 3 || naddr > 2 || (o.second_is_d && naddr > 1)) {
        error_at(a, 21, "too many operands%s", "");
        return;
    }
    if (o.fixed_d >= 0) {
        if (has_d) {
            error_at(a, 21, "%s sets the d-character itself", opname);
            return;
        }
        has_d = 1;
    }
    long len = 1 + 3 * naddr + has_d;
    long star = a->loc + len - 1;
    put(a, a->loc, (uint8_t)(o.op | AC_WM), 16);
    for (int i = 0; i < naddr; i++) {
        long v;
        int tag;
        int col = 21 + (int)(ops[i] - buf);
        if (address(a, ops[i], star, &v, &tag, col) == 0)
            put_addr(a, a->loc + 1 + 3 * i, v, tag, col);
    }
    if (has_d) {
        uint8_t d;
        if (o.fixed_d >= 0) {
            d = (uint8_t)o.fixed_d;
        } else {
            const char *ds = ops[nops - 1];
            int col = 21 + (int)(ds - buf);
            if (strlen(ds) != 1 || !valid_char(ds[0])) {
                error_at(a, col, "the d-character must be one character, not '%s'", ds);
                d = 0;
            } else {
                d = bcd(ds[0]);
            }
        }
        put(a, a->loc + len - 1, d, 21);
    }
    a->loc += len;
    list_line(a, start, len, line);
}

/* ---- the self-loading condensed deck ---- */

/* Card 1, read by the Load key into 001-080 with a word mark at 001: sets
   the word marks of its own chain of SW instructions and of the loader
   slots in columns 40, 47, 54, 61, 68, 72, clears the word marks it no
   longer needs in columns 1-39 (the data columns of the text cards), and
   reads card 2, branching to column 40. */
static const char deck_boot[] =
    ",008015,022029,036040,047054,061068,072"   /* 1-39: SW chain */
    ")008015)022029)036036N000000"              /* 40-67: CW 8 15 22 29 36 */
    "1040";                                     /* 68-71: R 040 */

/* A text card: columns 1..n hold data for positions dest-n+1..dest; column
   40 MCW 0nn,dest moves it (up to the word mark in column 1), columns 47,
   54 and 61 set up to six word marks (SW), column 68 reads the next card
   and branches to 40 (R 040), or on the last card branches to the start. */
static void deck_addr(char *out, long v)
{
    static const char digits[] = "0123456789";
    uint8_t h = bcd(digits[v / 100 % 10]), t = bcd(digits[v / 10 % 10]), u = bcd(digits[v % 10]);
    h |= (uint8_t)((v / 1000 % 4) << 4);
    u |= (uint8_t)((v / 4000) << 4);
    out[0] = (char)emu_to_host(EMU_CS_BCD1401, h);
    out[1] = (char)emu_to_host(EMU_CS_BCD1401, t);
    out[2] = (char)emu_to_host(EMU_CS_BCD1401, u);
}

static void deck_card(FILE *f, const char *card)
{
    size_t n = strlen(card);
    while (n > 0 && card[n - 1] == ' ')
        n--;
    fprintf(f, "%.*s\n", (int)n, card);
}

static int write_deck(const AsmImage *img, const char *path, FILE *diag)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(diag, "%s: error: cannot write the deck\n", path);
        return -1;
    }
    char card[81];
    memset(card, ' ', 80);
    card[80] = 0;
    memcpy(card, deck_boot, strlen(deck_boot));
    deck_card(f, card);
    long end = (long)(img->origin + img->size);
    long p = (long)img->origin;
    int cards = 0;
    for (;;) {
        /* skip positions that stay blank without a word mark */
        while (p < end && img->bytes[p - img->origin] == 0)
            p++;
        long n = 0, wms[6];
        int nwm = 0;
        while (p + n < end && n < 39) {
            uint8_t u = img->bytes[p + n - img->origin];
            if (u & AC_WM) {
                if (nwm == 6)
                    break;
                wms[nwm++] = p + n;
            }
            n++;
        }
        while (n > 0 && img->bytes[p + n - 1 - img->origin] == 0)
            n--;
        memset(card, ' ', 80);
        int last = p + n >= end || n == 0;
        if (n > 0) {
            for (long i = 0; i < n; i++)
                card[i] = (char)emu_to_host(EMU_CS_BCD1401, img->bytes[p + i - img->origin] & 0x3F);
            card[39] = 'M';
            card[40] = '0';
            card[41] = (char)('0' + n / 10);
            card[42] = (char)('0' + n % 10);
            deck_addr(card + 43, p + n - 1);
            for (int k = 0; k < 3; k++) {
                char *sw = card + 46 + 7 * k;
                long a1 = nwm > 2 * k ? wms[2 * k] : 1;
                long a2 = nwm > 2 * k + 1 ? wms[2 * k + 1] : a1;
                sw[0] = ',';
                deck_addr(sw + 1, a1);
                deck_addr(sw + 4, a2);
            }
        } else {
            memcpy(card + 39, "N000000N000000N000000N000000", 28);
        }
        if (last) {
            card[67] = 'B';
            deck_addr(card + 68, (long)img->entry);
        } else {
            memcpy(card + 67, "1040", 4);
        }
        snprintf(card + 75, 6, "%05u", (unsigned)(++cards % 100000));
        deck_card(f, card);
        p += n;
        if (last)
            break;
    }
    if (fclose(f) != 0) {
        fprintf(diag, "%s: error: cannot write the deck\n", path);
        return -1;
    }
    return 0;
}

static void run_pass(Ac *a, int pass)
{
    a->pass = pass;
    a->loc = AC_DEFAULT_ORIGIN;
    a->first_insn = -1;
    a->have_entry = 0;
    for (a->line = 1; a->line <= a->nlines; a->line++)
        statement(a, a->lines[a->line - 1]);
    a->line = a->nlines;
    pool(a);                        /* literals after the last statement (no END) */
}

static int read_lines(Ac *a)
{
    FILE *f = fopen(a->path, "r");
    if (f == NULL) {
        fprintf(a->diag, "%s: error: cannot open the source\n", a->path);
        return -1;
    }
    char buf[512];
    int cap = 0;
    while (fgets(buf, sizeof buf, f) != NULL && a->nlines < AC_MAX_LINES) {
        buf[strcspn(buf, "\r\n")] = 0;
        for (char *p = buf; *p; p++)
            if (*p == '\t')
                *p = ' ';
        if (a->nlines == cap) {
            cap = cap ? cap * 2 : 256;
            char **n = realloc(a->lines, (size_t)cap * sizeof *n);
            if (n == NULL)
                break;
            a->lines = n;
        }
        a->lines[a->nlines] = strdup(buf);
        if (a->lines[a->nlines] == NULL)
            break;
        a->nlines++;
    }
    fclose(f);
    return 0;
}

AsmImage *asm_autocoder(const UcMachine *m, const char *path, const AsmOptions *opt, FILE *diag)
{
    Ac a;
    memset(&a, 0, sizeof a);
    a.m = m;
    a.path = path;
    a.diag = diag;
    if (read_lines(&a) < 0)
        return NULL;
    a.syms = calloc(AC_MAX_SYMS, sizeof *a.syms);
    a.lits = calloc(AC_MAX_LITS, sizeof *a.lits);
    a.mem = calloc(AC_MEM, 1);
    a.used = calloc(AC_MEM, 1);
    AsmImage *img = calloc(1, sizeof *img);
    if (!a.syms || !a.lits || !a.mem || !a.used || !img) {
        free(img);
        img = NULL;
        goto out;
    }
    if (opt && opt->listing) {
        a.list = fopen(opt->listing, "w");
        if (a.list == NULL) {
            fprintf(diag, "%s: error: cannot write the listing\n", opt->listing);
            a.nerrors++;
        }
    }
    run_pass(&a, 0);
    for (int i = 0; i < a.nlits; i++)
        a.lits[i].addr = -1, a.lits[i].placed = 0;
    run_pass(&a, 1);
    for (int i = 0; i < a.nlits; i++)
        a.lits[i].placed = 0;
    run_pass(&a, 2);
    long lo = 0, hi = -1;
    for (long i = 0; i < AC_MEM; i++)
        if (a.used[i]) {
            if (hi < 0)
                lo = i;
            hi = i;
        }
    img->origin = (uint64_t)(hi < 0 ? AC_DEFAULT_ORIGIN : lo);
    img->size = (uint64_t)(hi < 0 ? 0 : hi - lo + 1);
    img->bytes = malloc(img->size ? img->size : 1);
    if (img->bytes && img->size)
        memcpy(img->bytes, a.mem + lo, img->size);
    img->entry = (uint64_t)(a.have_entry ? a.entry : a.first_insn >= 0 ? a.first_insn : (long)img->origin);
    img->nerrors = a.nerrors;
    img->rc = a.nerrors ? 12 : 0;
    img->symbols = calloc((size_t)(a.nsyms ? a.nsyms : 1), sizeof *img->symbols);
    if (img->symbols)
        for (int i = 0; i < a.nsyms; i++) {
            img->symbols[i].name = strdup(a.syms[i].name);
            img->symbols[i].value = (uint64_t)a.syms[i].value;
            img->symbols[i].relocatable = 0;
            if (img->symbols[i].name)
                img->nsymbols++;
        }
    if (img->nerrors == 0 && opt && opt->object) {
        if (img->origin <= 80 && img->size > 0) {
            fprintf(diag, "%s: error: a self-loading deck cannot load positions 000-080 (the read area); "
                    "the program starts at %llu\n", path, (unsigned long long)img->origin);
            img->nerrors++;
        } else if (write_deck(img, opt->object, diag) != 0) {
            img->nerrors++;
        }
    }
out:
    if (a.list)
        fclose(a.list);
    for (int i = 0; i < a.nlines; i++)
        free(a.lines[i]);
    free(a.lines);
    free(a.syms);
    free(a.lits);
    free(a.mem);
    free(a.used);
    return img;
}

/* ---- disassembly ---- */

/* Operands as an Autocoder listing writes actual addresses: at least three
   decimal digits (SW 008,015), an index tag as +X1..+X3, the d-character
   last. */

/* The value and index tag of the three address characters at u. */
static long addr_value(const uint8_t *u, int *tag)
{
    static const int dig[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 3, 4, 5, 6, 7 };
    *tag = (u[1] >> 4) & 3;
    return dig[u[0] & 15] * 100 + ((u[0] >> 4) & 3) * 1000 + dig[u[1] & 15] * 10 +
           dig[u[2] & 15] + ((u[2] >> 4) & 3) * 4000;
}

static void put_operand(char *buf, size_t size, size_t *k, const char *text)
{
    int n = snprintf(buf + *k, size - *k, "%s%s", *k && buf[*k - 1] != ' ' ? "," : "", text);
    if (n > 0)
        *k = *k + (size_t)n < size ? *k + (size_t)n : size - 1;
}

unsigned asm_autocoder_disassemble(const UcMachine *m, const uint8_t *units, size_t avail,
                                   uint64_t addr, char *buf, size_t size)
{
    (void)addr;
    if (size == 0)
        return 0;
    buf[0] = 0;
    if (avail == 0)
        return 0;
    if (!(units[0] & AC_WM)) {          /* data: the characters up to a word mark, 8 at most */
        char text[9];
        unsigned n = 0;
        do
            text[n] = (char)emu_to_host(EMU_CS_BCD1401, units[n] & 0x3F);
        while (++n < avail && n < 8 && !(units[n] & AC_WM));
        text[n] = 0;
        snprintf(buf, size, "DC    @%s@", text);
        return n;
    }
    /* the instruction runs to the next word mark (8 characters at most
       shown; a branch ends after 4 when its 5th character is blank) */
    unsigned len = 1;
    while (len < avail && len < 8 && !(units[len] & AC_WM))
        len++;
    int op = units[0] & 0x3F;
    const UcInsn *in = NULL;
    for (uint32_t i = 0; i < m->ninsns && in == NULL; i++)
        if (field_value(m, &m->insns[i], 0, m->insns[i].fixed_match) == op)
            in = &m->insns[i];
    if (in == NULL) {
        snprintf(buf, size, "DC    @%c@", (char)emu_to_host(EMU_CS_BCD1401, (unsigned char)op));
        return 0;
    }
    if (len >= 5 && op == (bcd('B') & 0x3F) && (units[4] & 0x3F) == 0)
        len = 4;
    /* ops the description's NOWM table marks (SW, CS) end after 7 even
       without a word mark, as the fetch does */
    for (uint32_t t = 0; len == 8 && t < m->ntables; t++)
        if (m->tables[t].name && strcmp(m->tables[t].name, "NOWM") == 0 &&
            (uint32_t)op < m->tables[t].count && m->tables[t].values[op])
            len = 7;
    const char *mn = in->mnemonic;
    int naddr = len >= 7 ? 2 : len >= 4 ? 1 : 0;
    int has_d = len == 2 || len == 5 || len >= 8;
    int d = has_d ? units[len - 1] & 0x3F : -1;
    /* an alias that fixes this d-character (BE for B ...,S) */
    for (uint32_t i = 0; has_d && i < m->naliases; i++) {
        const UcAlias *al = &m->aliases[i];
        if (&m->insns[al->insn] == in && al->prefer && al->nfixed >= 1 && (int)al->fixed[0].value == d) {
            mn = al->mnemonic;
            has_d = 0;
            break;
        }
    }
    size_t k = (size_t)snprintf(buf, size, "%-5s ", mn);
    if (k >= size)
        k = size - 1;
    for (int i = 0; i < naddr; i++) {
        int tag;
        long v = addr_value(units + 1 + 3 * i, &tag);
        char t[24];
        if (tag)
            snprintf(t, sizeof t, "%03ld+X%d", v, tag);
        else
            snprintf(t, sizeof t, "%03ld", v);
        put_operand(buf, size, &k, t);
    }
    if (has_d) {
        char t[4] = { (char)emu_to_host(EMU_CS_BCD1401, (unsigned char)d), 0 };
        put_operand(buf, size, &k, t);
    }
    while (k > 0 && buf[k - 1] == ' ')
        buf[--k] = 0;
    return len;
}

