/* mon_show.c — what the monitor shows and changes: registers (every item
 * and field the machine description declares, by its names), storage in
 * hexadecimal, characters or decimal, instructions (length from the
 * description's decode rule, text from the table-driven disassembler), the
 * one-line summary at every stop, and the deposit, dis and asm commands.
 *
 * Nothing here knows an instruction set: the instruction address is the
 * board's (or a field or register named IA, IC, PC, I or IS), the condition
 * code a field named CC when there is one.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "assembler/asm_autocoder.h"
#include "emulator/emu_charset.h"
#include "monitor/mon_int.h"

#define MAX_INSN_UNITS 16

static uint64_t mask_bits(unsigned n)
{
    return n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

uint64_t mon_ia(Mon *mon)
{
    if (mon->ia_field >= 0)     /* found once by name: cheaper than asking the board */
        return uc_get_field(mon->run.cpu, (unsigned)mon->ia_field);
    if (mon->run.board && mon->run.board->ia)
        return mon->run.board->ia(&mon->run);
    if (mon->ia_item >= 0)
        return uc_get_item(mon->run.cpu, (unsigned)mon->ia_item, 0);
    return 0;
}

int mon_set_ia(Mon *mon, uint64_t addr)
{
    if (mon->ia_field >= 0)
        uc_set_field(mon->run.cpu, (unsigned)mon->ia_field, addr);
    else if (mon->ia_item >= 0)
        uc_set_item(mon->run.cpu, (unsigned)mon->ia_item, 0, addr);
    else
        return -1;
    /* a new instruction starts: the micro-state of the old one is dropped */
    mon->run.cpu->upc = mon->run.m->fetch_entry;
    mon->run.cpu->usp = 0;
    mon->at_boundary = 1;
    return 0;
}

unsigned mon_addr_digits(Mon *mon)
{
    unsigned bits = mon->run.m->addr_bits ? mon->run.m->addr_bits : 24;
    if (mon->radix == 8)
        return (bits + 2) / 3;
    if (mon->radix == 10) {         /* enough for the largest address of the storage */
        uint64_t top = mon->run.cpu && mon->run.cpu->spaces ? mon->run.cpu->spaces[0].size : 0;
        unsigned d = 1;
        for (uint64_t v = top > 0 ? top - 1 : 0; v >= 10; v /= 10)
            d++;
        return d < 4 ? 4 : d;
    }
    return (bits + 3) / 4;
}

/* An address in the monitor's radix, zero-filled; four calls may share a
   printf (rotating buffers). */
const char *mon_addr(Mon *mon, uint64_t addr)
{
    static char bufs[4][32];
    static unsigned next;
    char *b = bufs[next++ % 4];
    int d = (int)mon_addr_digits(mon);
    if (mon->radix == 10)
        snprintf(b, sizeof bufs[0], "%0*llu", d, (unsigned long long)addr);
    else if (mon->radix == 8)
        snprintf(b, sizeof bufs[0], "%0*llo", d, (unsigned long long)addr);
    else
        snprintf(b, sizeof bufs[0], "%0*llX", d, (unsigned long long)addr);
    return b;
}

int mon_mark_bit(Mon *mon, unsigned space)
{
    const UcMachine *m = mon->run.m;
    const UcDecodeRule *dr = &m->decode;
    if (space != 0 || m->nspaces == 0 || dr->rule != UC_LEN_DELIMITED || dr->delim_subfield < 0 ||
        (uint32_t)dr->delim_subfield >= m->spaces[0].nsubfields)
        return -1;
    const UcSubfield *sf = &m->spaces[0].subfields[dr->delim_subfield];
    return sf->len == 1 && sf->shift < m->spaces[0].unit_bits ? sf->shift : -1;
}

/* Storage shown as characters with word marks: a space with a word mark on
   a machine whose description names its character code. */
int mon_char_machine(Mon *mon, unsigned space)
{
    return mon_mark_bit(mon, space) >= 0 && mon->run.m->charset && emu_charset_find(mon->run.m->charset) >= 0;
}

/* Units as characters of the machine's code, a backtick before each one
   with a word mark (the monitor's convention, as SIMH's i1401 shows them);
   `quote` doubles apostrophes. */
/* One unit's value as its character, after a backtick when it has a word
   mark; returns the characters written (at most 3, then a 0). */
static size_t unit_text(Mon *mon, unsigned space, uint64_t v, int quote, char *buf)
{
    int mark = mon_mark_bit(mon, space);
    int cs = emu_charset_find(mon->run.m->charset);
    if (cs < 0)
        cs = EMU_CS_ASCII;
    size_t k = 0;
    if (mark >= 0 && (v >> mark) & 1) {
        buf[k++] = MON_MARK_CHAR;
        v &= ~(UINT64_C(1) << mark);
    }
    unsigned char h = emu_to_host(cs, (unsigned char)v);
    int ok = v < 256 && emu_printable(cs, (unsigned char)v);
    buf[k++] = ok ? (char)h : '.';
    if (quote && ok && h == '\'')
        buf[k++] = '\'';
    buf[k] = 0;
    return k;
}

void mon_cell_text(Mon *mon, unsigned space, uint64_t addr, uint64_t n, int quote, char *buf, size_t size)
{
    size_t k = 0;
    for (uint64_t i = 0; i < n && k + 4 < size; i++)
        k += unit_text(mon, space, uc_mem_get(mon->run.cpu, space, addr + i), quote, buf + k);
    buf[k] = 0;
}

void mon_unit_value(Mon *mon, unsigned space, uint64_t v, char *buf, size_t size)
{
    if (mon_char_machine(mon, space) && size >= 8) {
        char t[4];
        unit_text(mon, space, v, 1, t);
        snprintf(buf, size, "C'%s'", t);
    } else {
        snprintf(buf, size, "%llX", (unsigned long long)v);
    }
}

static unsigned unit_digits(Mon *mon, unsigned space)
{
    return (mon->run.m->spaces[space].unit_bits + 3u) / 4u;
}

unsigned mon_insn_at(Mon *mon, uint64_t addr, int *insn, uint64_t *key)
{
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    const UcDecodeRule *dr = &m->decode;
    *insn = -1;
    *key = 0;
    if (m->nspaces == 0)
        return 0;
    if (dr->rule == UC_LEN_DELIMITED) {
        const UcSpace *sp = &m->spaces[0];
        if (dr->delim_subfield < 0 || (uint32_t)dr->delim_subfield >= sp->nsubfields)
            return 1;
        const UcSubfield *sf = &sp->subfields[dr->delim_subfield];
        unsigned n = 1;
        while (n < dr->max_length) {
            uint64_t v;
            if (uc_mem_load(cpu, 0, addr + n, 1, &v) != 0 || ((v >> sf->shift) & mask_bits(sf->len)))
                break;
            n++;
        }
        /* the key is the first unit's value (the op code): the instruction
           whose formats' first field it fixes to that value */
        uint64_t u0;
        if (dr->value_subfield_len && uc_mem_load(cpu, 0, addr, 1, &u0) == 0) {
            uint64_t op = (u0 >> dr->value_subfield_mask_shift) & mask_bits(dr->value_subfield_len);
            *key = op;
            for (uint32_t i = 0; i < m->ninsns && *insn < 0; i++) {
                const UcInsn *in = &m->insns[i];
                if (in->format >= m->nformats || m->formats[in->format].nfields == 0)
                    continue;
                const UcFmtField *f0 = &m->formats[in->format].fields[0];
                uint64_t fm = mask_bits(f0->len) << f0->shift;
                if ((in->fixed_mask & fm) == fm && ((in->fixed_match & fm) >> f0->shift) == op)
                    *insn = (int)i;
            }
        }
        return n;
    }
    uint64_t kv;
    if (dr->key_units == 0 || uc_mem_load(cpu, 0, addr, dr->key_units, &kv) != 0)
        return 0;
    uint64_t k = (kv >> dr->key_shift) & mask_bits(dr->key_len);
    *key = k;
    if (m->dispatch.first == NULL || m->dispatch.key_bits >= 32 || k >= (UINT64_C(1) << m->dispatch.key_bits))
        return 0;
    for (int32_t c = m->dispatch.first[k]; c >= 0 && (uint32_t)c < m->ncands; c = m->cands[c].next) {
        const UcCandidate *cd = &m->cands[c];
        if (cd->format >= m->nformats)
            break;
        const UcFormat *f = &m->formats[cd->format];
        uint64_t iv;
        if (f->length == 0 || f->length > 8 || uc_mem_load(cpu, 0, addr, f->length, &iv) != 0)
            continue;
        unsigned total = f->length * m->spaces[0].unit_bits;
        if (total > f->width && total - f->width < 64)
            iv >>= total - f->width;
        if ((iv & cd->mask) == cd->match) {
            *insn = cd->insn;
            return f->length;
        }
        if (cd->next == c)
            break;
    }
    return 0;
}

unsigned mon_insn_line(Mon *mon, uint64_t addr, char *buf, size_t size)
{
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    unsigned ub = m->spaces[0].unit_bytes;
    uint8_t bytes[MAX_INSN_UNITS * 8];
    size_t avail = 0;
    for (; avail < MAX_INSN_UNITS; avail++)
        if (uc_mem_read(cpu, 0, addr + avail, bytes + avail * ub, 1) != 0)
            break;
    char text[160] = "";
    int insn;
    uint64_t key;
    unsigned want = mon_insn_at(mon, addr, &insn, &key);
    if (m->decode.rule == UC_LEN_DELIMITED && want > 0 && want < avail)
        avail = want;               /* nothing runs past the next word mark */
    unsigned len = avail ? asm_disassemble(m, bytes, avail, addr, text, sizeof text) : 0;
    if (len == 0) {
        /* no disassembly: the mnemonic the decode tables give, at least */
        if (insn >= 0 && (uint32_t)insn < m->ninsns)
            snprintf(text, sizeof text, "%s", m->insns[insn].mnemonic);
        else if (avail == 0)
            snprintf(text, sizeof text, "(outside storage)");
        if (want == 0)              /* no instruction here: step by the shortest format */
            for (uint32_t f = 0; f < m->nformats; f++)
                if (m->formats[f].length && (want == 0 || m->formats[f].length < want))
                    want = m->formats[f].length;
        len = want ? want : 1;
    }
    if (len > avail)
        len = avail ? (unsigned)avail : 1;
    char hex[40] = "";
    unsigned dd = unit_digits(mon, 0);
    if (mon_char_machine(mon, 0))           /* a character machine: the characters */
        mon_cell_text(mon, 0, addr, len < 8 ? len : 8, 0, hex, sizeof hex);
    else
        for (unsigned k = 0; k < len && k < 8 && (k + 1) * dd < sizeof hex; k++)
            snprintf(hex + k * dd, sizeof hex - k * dd, "%0*llX", (int)dd,
                     (unsigned long long)uc_mem_get(cpu, 0, addr + k));
    char sym[64];
    mon_symbolize(mon, addr, sym, sizeof sym);
    snprintf(buf, size, "%s %-12s %-12s %s", mon_addr(mon, addr), sym, hex, text);
    return len;
}

void mon_summary(Mon *mon)
{
    char line[300];
    mon_flush_guest(mon);
    int inside = !mon->at_boundary && !mon->machine_stopped;
    if (inside)                 /* inside an instruction: the next micro-word, and the instruction */
        mon_show_uword(mon, mon->run.cpu->upc, mon->out);
    mon_insn_line(mon, inside ? mon->insn_ia : mon_ia(mon), line, sizeof line);
    size_t n = strlen(line);
    while (n > 0 && line[n - 1] == ' ')
        line[--n] = 0;
    if (inside)
        fprintf(mon->out, "in ");
    if (mon->cc_field >= 0)
        fprintf(mon->out, "%-56s CC=%llu\n", line,
                (unsigned long long)uc_get_field(mon->run.cpu, (unsigned)mon->cc_field));
    else
        fprintf(mon->out, "%s\n", line);
}

/* ---- registers ---- */

/* A value of `width` bits in the monitor's radix, zero-filled to the
   digits the width needs. In hex, wide registers (PSW) in words of 8
   digits, as the manuals print them. */
static void put_val(Mon *mon, FILE *out, uint64_t v, unsigned width)
{
    if (mon->radix == 10 || mon->radix == 8) {
        uint64_t max = mask_bits(width);
        int digits = 1;
        for (; max >= mon->radix; max /= mon->radix)
            digits++;
        fprintf(out, mon->radix == 10 ? "%0*llu" : "%0*llo", digits, (unsigned long long)v);
        return;
    }
    unsigned digits = (width + 3) / 4;
    if (digits > 8) {
        fprintf(out, "%0*llX %08llX", (int)(digits - 8), (unsigned long long)(v >> 32),
                (unsigned long long)(v & 0xFFFFFFFFu));
    } else {
        fprintf(out, "%0*llX", (int)digits, (unsigned long long)v);
    }
}

void mon_show_item(Mon *mon, unsigned item)
{
    const UcMachine *m = mon->run.m;
    const UcItem *it = &m->items[item];
    FILE *out = mon->out;
    if (it->kind == UC_ITEM_REG) {
        fprintf(out, "%-9s ", it->name);
        uint64_t v = uc_get_item(mon->run.cpu, item, 0);
        put_val(mon, out, v, it->width);
        int first = 1;
        for (uint32_t f = 0; f < m->nfields; f++) {
            const UcField *fd = &m->fields[f];
            if (fd->item != item)
                continue;
            fprintf(out, "%s%s=", first ? "  " : " ", fd->name);
            put_val(mon, out, (v >> fd->shift) & mask_bits(fd->len), fd->len);
            first = 0;
        }
        fputc('\n', out);
        return;
    }
    /* register file: by architectural number, 8 (or 4 wide) to a row */
    uint32_t numbers = it->number_map ? it->nnumbers : it->count;
    unsigned per_row = it->width > 32 ? 4 : 8;
    unsigned in_row = 0;
    uint32_t row_first = 0, row_last = 0;
    uint64_t vals[8];
    for (uint32_t n = 0; n <= numbers; n++) {
        int valid = n < numbers && (!it->number_map || it->number_map[n] >= 0);
        if (valid) {
            if (in_row == 0)
                row_first = n;
            row_last = n;
            vals[in_row++] = uc_get_item(mon->run.cpu, item, n);
        }
        if (in_row > 0 && (in_row == per_row || n == numbers)) {
            char label[40];
            snprintf(label, sizeof label, "%s %u-%u", it->name, row_first, row_last);
            fprintf(out, "%-9s", label);
            for (unsigned k = 0; k < in_row; k++) {
                fputc(' ', out);
                if (mon->radix == 16)   /* wide elements in one piece */
                    fprintf(out, "%0*llX", (int)((it->width + 3) / 4), (unsigned long long)vals[k]);
                else
                    put_val(mon, out, vals[k], it->width);
            }
            fputc('\n', out);
            in_row = 0;
        }
    }
}

void mon_changed_regs(Mon *mon, const uint64_t *before, FILE *out)
{
    const UcMachine *m = mon->run.m;
    if (mon->run.board && mon->run.board->trace_regs) {
        mon->run.board->trace_regs(&mon->run, before, out);
        return;
    }
    for (uint32_t it = 0; it < m->nitems; it++) {
        const UcItem *item = &m->items[it];
        for (uint32_t e = 0; e < item->count; e++) {
            uint64_t now = mon->run.cpu->state[item->slot + e];
            if (now == before[item->slot + e])
                continue;
            int shown = 0;
            for (uint32_t f = 0; f < m->nfields; f++) {
                const UcField *fd = &m->fields[f];
                if (fd->item != it || (int)f == mon->ia_field)
                    continue;
                uint64_t a = (before[item->slot] >> fd->shift) & mask_bits(fd->len);
                uint64_t b = (now >> fd->shift) & mask_bits(fd->len);
                if (a != b) {
                    fprintf(out, " %s=", fd->name);
                    put_val(mon, out, b, fd->len);
                }
                shown = 1;
            }
            if (shown)
                continue;
            /* element e is a state slot; show its architectural number */
            uint32_t number = e;
            for (uint32_t k = 0; item->number_map && k < item->nnumbers; k++)
                if (item->number_map[k] == (int32_t)e)
                    number = k;
            if (item->kind == UC_ITEM_REG)
                fprintf(out, " %s=", item->name);
            else
                fprintf(out, " %s%u=", item->name, number);
            put_val(mon, out, now, item->width);
        }
    }
}

int mon_cmd_regs(Mon *mon, const char *args)
{
    const UcMachine *m = mon->run.m;
    char name[64];
    const char *p = mon_word(args, name, sizeof name);
    if (name[0] == 0) {
        for (uint32_t i = 0; i < m->nitems; i++)
            mon_show_item(mon, i);
        return 0;
    }
    for (;;) {
        int found = -1;
        for (uint32_t i = 0; i < m->nitems && found < 0; i++)
            if (strcasecmp(m->items[i].name, name) == 0)
                found = (int)i;
        if (found >= 0) {
            mon_show_item(mon, (unsigned)found);
        } else {
            MonReg r;
            if (!mon_find_reg(mon, name, &r))
                return mon_error(mon, mon_skip(args), "no register named '%s'", name);
            char full[80];
            mon_reg_name(mon, &r, full, sizeof full);
            fprintf(mon->out, "%-9s ", full);
            put_val(mon, mon->out, mon_reg_get(mon, &r), r.width);
            fputc('\n', mon->out);
        }
        args = mon_skip(p);
        if (*args == ',')
            args++;
        p = mon_word(args, name, sizeof name);
        if (name[0] == 0)
            return 0;
    }
}

/* ---- storage ---- */

static int charset_code(Mon *mon, char fmt)
{
    if (fmt == 'a')
        return EMU_CS_ASCII;
    int cs = emu_charset_find(mon->run.m->charset);
    return cs < 0 ? EMU_CS_ASCII : cs;
}

static void hex_dump(Mon *mon, unsigned space, uint64_t lo, uint64_t n)
{
    const UcSpace *sp = &mon->run.m->spaces[space];
    unsigned dd = unit_digits(mon, space);
    int cs = charset_code(mon, 'c');
    int marked = mon_char_machine(mon, space);
    int chars = sp->unit_bits == 8 || marked;
    unsigned per = mon->radix == 10 ? 10 : 16;     /* decimal addresses: tens a line */
    unsigned grp = mon->radix == 10 ? 5 : 4;
    for (uint64_t a = lo; a < lo + n; a += per) {
        uint64_t k = lo + n - a < per ? lo + n - a : per;
        fprintf(mon->out, "%s ", mon_addr(mon, a));
        char text[40];
        for (uint64_t i = 0; i < per; i++) {
            if (i % grp == 0)
                fputc(' ', mon->out);
            if (i < k) {
                uint64_t v = uc_mem_get(mon->run.cpu, space, a + i);
                fprintf(mon->out, "%0*llX", (int)dd, (unsigned long long)v);
                text[i] = emu_printable(cs, (unsigned char)v) ? (char)emu_to_host(cs, (unsigned char)v) : '.';
            } else {
                fprintf(mon->out, "%*s", (int)dd, "");
                text[i] = 0;
            }
        }
        text[k] = 0;
        if (marked)
            mon_cell_text(mon, space, a, k, 0, text, sizeof text);
        if (chars)
            fprintf(mon->out, "  *%s*", text);
        fputc('\n', mon->out);
    }
}

static void char_dump(Mon *mon, unsigned space, uint64_t lo, uint64_t n, char fmt)
{
    int cs = charset_code(mon, fmt);
    unsigned per = mon->radix == 10 ? 50 : 64;
    for (uint64_t a = lo; a < lo + n; a += per) {
        uint64_t k = lo + n - a < per ? lo + n - a : per;
        fprintf(mon->out, "%s  %c'", mon_addr(mon, a), fmt == 'a' ? 'A' : 'C');
        if (fmt == 'c' && mon_char_machine(mon, space)) {
            char text[64 * 3 + 1];
            mon_cell_text(mon, space, a, k, 1, text, sizeof text);
            fprintf(mon->out, "%s'\n", text);
            continue;
        }
        for (uint64_t i = 0; i < k; i++) {
            unsigned char v = (unsigned char)uc_mem_get(mon->run.cpu, space, a + i);
            unsigned char h = emu_to_host(cs, v);
            fputc(emu_printable(cs, v) ? h : '.', mon->out);
            if (h == '\'' && emu_printable(cs, v))
                fputc('\'', mon->out);
        }
        fputs("'\n", mon->out);
    }
}

static void number_dump(Mon *mon, unsigned space, uint64_t lo, uint64_t n, char fmt, unsigned group)
{
    const UcSpace *sp = &mon->run.m->spaces[space];
    unsigned bits = group * sp->unit_bits;
    uint64_t a = lo;
    while (a < lo + n) {
        fprintf(mon->out, "%s ", mon_addr(mon, a));
        for (unsigned k = 0; k < 8 && a < lo + n; k++, a += group) {
            uint64_t v = 0;
            uc_mem_load(mon->run.cpu, space, a, group, &v);
            if (fmt == 'd' && bits < 64 && (v >> (bits - 1)) & 1)
                fprintf(mon->out, " %lld", (long long)(v | ~mask_bits(bits)));
            else if (fmt == 'd' && bits >= 64)
                fprintf(mon->out, " %lld", (long long)v);
            else
                fprintf(mon->out, " %llu", (unsigned long long)v);
        }
        fputc('\n', mon->out);
    }
}

/* Storage keys of the blocks that units [lo, lo+n) touch (A22-6821,
   "Protection": a key per 2048-byte block, with a fetch-protection bit). */
static int show_keys(Mon *mon, const char *at, unsigned space, uint64_t lo, uint64_t n)
{
    const UcSpace *sp = &mon->run.m->spaces[space];
    const uint8_t *keys = mon->run.cpu->spaces[space].keys;
    if (sp->key_block == 0 || keys == NULL)
        return mon_error(mon, at, "%s has no storage keys", sp->name);
    uint8_t kmask = (uint8_t)((1u << sp->key_bits) - 1);
    if (sp->fetch_prot_bit < sp->key_bits)
        kmask &= (uint8_t)~(1u << sp->fetch_prot_bit);
    for (uint64_t b = lo / sp->key_block; b <= (lo + n - 1) / sp->key_block; b++) {
        uint8_t k = keys[b];
        fprintf(mon->out, "%s-%s  key %X", mon_addr(mon, b * sp->key_block),
                mon_addr(mon, b * sp->key_block + sp->key_block - 1), k & kmask);
        if (sp->fetch_prot_bit < 8 && (k >> sp->fetch_prot_bit) & 1)
            fprintf(mon->out, " fetch-protected");
        fputc('\n', mon->out);
    }
    return 0;
}

int mon_set_key(Mon *mon, const char *at, unsigned space, uint64_t addr, uint64_t value)
{
    const UcSpace *sp = &mon->run.m->spaces[space];
    uint8_t *keys = mon->run.cpu->spaces[space].keys;
    if (sp->key_block == 0 || keys == NULL)
        return mon_error(mon, at, "%s has no storage keys", sp->name);
    if (addr >= mon->run.cpu->spaces[space].size)
        return mon_error(mon, at, "address %llX is outside storage", (unsigned long long)addr);
    unsigned bits = sp->key_bits;
    if (sp->fetch_prot_bit < 8 && sp->fetch_prot_bit + 1u > bits)
        bits = sp->fetch_prot_bit + 1u;
    if (value >> bits)
        return mon_error(mon, at, "a storage key of %s has %u bits", sp->name, bits);
    keys[addr / sp->key_block] = (uint8_t)value;
    return 0;
}

static int check_range(Mon *mon, const char *at, unsigned space, uint64_t lo, uint64_t n)
{
    uint64_t size = mon->run.cpu->spaces[space].size;
    if (lo >= size || n > size - lo) {
        const char *f = mon->radix == 10 ? "%llu" : mon->radix == 8 ? "%llo" : "%llX";
        char a[3][32];
        snprintf(a[0], sizeof a[0], f, (unsigned long long)lo);
        snprintf(a[1], sizeof a[1], f, (unsigned long long)(lo + n - 1));
        snprintf(a[2], sizeof a[2], f, (unsigned long long)(size - 1));
        return mon_error(mon, at, "%s[%s..%s] is outside storage (%llu units, up to %s)",
                         mon->run.m->spaces[space].name, a[0], a[1], (unsigned long long)size, a[2]);
    }
    return 0;
}

int mon_cmd_examine(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    char fmt = mon->exam_fmt ? mon->exam_fmt : 'x';
    unsigned group = mon->exam_group ? mon->exam_group : 1;
    if (*p == '/') {
        p++;
        if (*p && strchr("xcaduik", *p)) {
            fmt = *p++;
            group = 1;
        }
        if (*p >= '1' && *p <= '8')
            group = (unsigned)(*p++ - '0');
        if (*p && *p != ' ' && *p != '\t')
            return mon_error(mon, p, "unknown format '%c' (x c a d u i k, and a group size 1-8)", *p);
    }
    unsigned space = mon->exam_space;
    uint64_t lo = mon->next_exam, n = 0;
    int have_len = 0;
    const char *at = mon_skip(p);
    if (!mon_at_end(p)) {
        if (p == args || *mon_skip(args) != '/') {   /* a new address: hex unless a format is given */
            fmt = 'x';
            group = 1;
        }
        if (mon_range(mon, &p, &space, &lo, &n, &have_len) != 0)
            return -1;
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
    }
    const UcSpace *sp = &mon->run.m->spaces[space];
    if ((fmt == 'd' || fmt == 'u') && group * sp->unit_bits > 64)
        return mon_error(mon, p, "a group of %u units is wider than 64 bits", group);
    if (fmt == 'k') {
        if (!have_len)
            n = 1;
        if (check_range(mon, at, space, lo, n) != 0)
            return -1;
        if (show_keys(mon, at, space, lo, n) != 0)
            return -1;
        mon->next_exam = lo + n;
    } else if (fmt == 'i') {
        if (space != 0)
            return mon_error(mon, at, "instructions are in space %s", mon->run.m->spaces[0].name);
        if (!have_len)
            n = 1;
        if (check_range(mon, at, 0, lo, 1) != 0)
            return -1;
        char line[300];
        for (uint64_t i = 0; i < n && lo < mon->run.cpu->spaces[0].size; i++) {
            lo += mon_insn_line(mon, lo, line, sizeof line);
            fprintf(mon->out, "%s\n", line);
        }
        mon->next_exam = lo;
    } else {
        if (!have_len)
            n = fmt == 'c' || fmt == 'a' ? (mon->radix == 10 ? 50 : 64) : (fmt == 'x' ? (mon->radix == 10 ? 20 : 16) : 8 * group);
        if (fmt == 'd' || fmt == 'u')
            n = (n + group - 1) / group * group;
        if (check_range(mon, at, space, lo, n) != 0)
            return -1;
        if (fmt == 'x')
            hex_dump(mon, space, lo, n);
        else if (fmt == 'c' || fmt == 'a')
            char_dump(mon, space, lo, n, fmt);
        else
            number_dump(mon, space, lo, n, fmt, group);
        mon->next_exam = lo + n;
    }
    mon->exam_fmt = fmt;
    mon->exam_group = group;
    mon->exam_space = space;
    return 0;
}

/* Write units (values) to storage as the monitor: no watch, no undo record. */
static int store_units(Mon *mon, unsigned space, uint64_t addr, const uint64_t *units, size_t n)
{
    const UcSpace *sp = &mon->run.m->spaces[space];
    unsigned ub = sp->unit_bytes;
    uint8_t *buf = malloc(n * ub + 1);
    if (buf == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        for (unsigned j = 0; j < ub; j++)
            buf[i * ub + j] = (uint8_t)(units[i] >> (8 * (ub - 1 - j)));
    mon->depositing = 1;
    int rc = uc_mem_write(mon->run.cpu, space, addr, buf, n);
    mon->depositing = 0;
    free(buf);
    return rc;
}

int mon_cmd_deposit(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    const char *q = p;
    MonReg r;
    if (*p == 0)
        return mon_error(mon, p, "deposit needs an address and values, or a register and a value");
    int isreg = mon_parse_reg(mon, &q, &r);
    if (isreg < 0)
        return -1;
    if (isreg) {
        uint64_t v;
        q = mon_skip(q);
        if (*q == '=')
            q++;
        if (mon_expr(mon, &q, &v) != 0)
            return -1;
        if (!mon_at_end(q))
            return mon_error(mon, mon_skip(q), "unexpected '%s'", mon_skip(q));
        if (r.width < 64 && (v >> r.width) != 0 && ~v >> (r.width - 1) != 0)
            return mon_error(mon, p, "value %llX does not fit in %u bits", (unsigned long long)v, r.width);
        mon_reg_set(mon, &r, v & mask_bits(r.width));
        return 0;
    }
    unsigned space;
    uint64_t addr;
    const UcMachine *m = mon->run.m;
    /* ADDR alone (no range): the data follow */
    const char *s = p;
    space = 0;
    for (uint32_t i = 0; i < m->nspaces; i++) {
        size_t k = strlen(m->spaces[i].name);
        if (strncasecmp(s, m->spaces[i].name, k) == 0 && s[k] == ':') {
            space = i;
            s += k + 1;
            break;
        }
    }
    if (mon_expr(mon, &s, &addr) != 0)
        return -1;
    uint64_t units[256];
    size_t count;
    if (mon_data(mon, &s, space, units, 256, &count) != 0)
        return -1;
    if (check_range(mon, p, space, addr, count) != 0)
        return -1;
    return store_units(mon, space, addr, units, count);
}

int mon_cmd_dis(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    uint64_t addr = mon->next_dis, count = 8;
    if (!mon_at_end(p)) {
        if (mon_expr(mon, &p, &addr) != 0)
            return -1;
        if (!mon_at_end(p) && mon_count(mon, &p, &count) != 0)
            return -1;
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
    }
    if (check_range(mon, args, 0, addr, 1) != 0)
        return -1;
    char line[300];
    for (uint64_t i = 0; i < count && addr < mon->run.cpu->spaces[0].size; i++) {
        addr += mon_insn_line(mon, addr, line, sizeof line);
        size_t k = strlen(line);
        while (k > 0 && line[k - 1] == ' ')
            line[--k] = 0;
        fprintf(mon->out, "%s\n", line);
    }
    mon->next_dis = addr;
    return 0;
}

int mon_cmd_asm(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    uint64_t addr;
    if (mon_expr(mon, &p, &addr) != 0)
        return -1;
    p = mon_skip(p);
    if (*p == 0)
        return mon_error(mon, p, "expected a statement to assemble");
    if (check_range(mon, args, 0, addr, 1) != 0)
        return -1;
    char path[] = "/tmp/mcemu-monXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return mon_error(mon, NULL, "cannot create a temporary file");
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        close(fd);
        unlink(path);
        return mon_error(mon, NULL, "cannot create a temporary file");
    }
    /* the program's symbols, as absolute values */
    const AsmImage *prog = mon->run.img;
    if (asm_autocoder_serves(mon->run.m)) {
        /* Autocoder columns: label 6-15, operation 16-20, operands 21- */
        for (uint32_t i = 0; prog && i < prog->nsymbols; i++)
            if (prog->symbols[i].name && strlen(prog->symbols[i].name) <= 10)
                fprintf(f, "     %-10sEQU  %llu\n", prog->symbols[i].name, (unsigned long long)prog->symbols[i].value);
        const char *e = p + strcspn(p, " \t");
        fprintf(f, "               ORG  %llu\n", (unsigned long long)addr);
        fprintf(f, "               %-5.*s%s\n               END\n", (int)(e - p), p, mon_skip(e));
    } else {
        for (uint32_t i = 0; prog && i < prog->nsymbols; i++)
            if (prog->symbols[i].name && strlen(prog->symbols[i].name) <= 63)
                fprintf(f, "%-8s EQU   X'%llX'\n", prog->symbols[i].name, (unsigned long long)prog->symbols[i].value);
        fprintf(f, "         %s\n         END\n", p);
    }
    fclose(f);
    AsmOptions opt = { 0 };
    opt.origin = addr;
    char *diag_text = NULL;
    size_t diag_len = 0;
    FILE *diag = open_memstream(&diag_text, &diag_len);
    AsmImage *img = asm_assemble(mon->run.m, path, &opt, diag ? diag : mon->err);
    if (diag)
        fclose(diag);
    unlink(path);
    int rc = 0;
    if (img == NULL || img->nerrors > 0) {
        /* the assembler's message names the temporary file: say "asm" */
        const char *msg = diag_text && *diag_text ? diag_text : "the statement does not assemble\n";
        char *nl = strchr(msg, '\n');
        const char *colon = strstr(msg, ": error: ");
        int len = nl ? (int)(nl - msg) : (int)strlen(msg);
        if (colon && colon < msg + len)
            rc = mon_error(mon, p, "%.*s", (int)(len - (colon + 9 - msg)), colon + 9);
        else
            rc = mon_error(mon, p, "%.*s", len, msg);
    } else if (img->size == 0) {
        rc = mon_error(mon, p, "the statement makes no code");
    } else if (img->origin != addr) {
        rc = mon_error(mon, p, "the statement was placed at %llX, not %llX",
                       (unsigned long long)img->origin, (unsigned long long)addr);
    } else {
        uint64_t *units = malloc(img->size * sizeof *units);
        unsigned ub = mon->run.m->spaces[0].unit_bytes;
        if (units == NULL) {
            rc = -1;
        } else {
            for (uint64_t i = 0; i < img->size; i++) {
                uint64_t v = 0;
                for (unsigned j = 0; j < ub; j++)
                    v = v << 8 | img->bytes[i * ub + j];
                units[i] = v;
            }
            if (check_range(mon, args, 0, addr, img->size) != 0 ||
                store_units(mon, 0, addr, units, img->size) != 0)
                rc = -1;
            free(units);
        }
        if (rc == 0) {
            char line[300];
            mon_insn_line(mon, addr, line, sizeof line);
            fprintf(mon->out, "%s\n", line);
            mon->next_dis = addr + img->size;
        }
    }
    if (img)
        asm_image_free(img);
    free(diag_text);
    return rc;
}
