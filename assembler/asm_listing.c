/* asm_listing.c — the assembler listing.
 *
 * HLASM Programmer's Guide, "The assembler listing" (121-character format):
 * Loc (6 hex), Object Code (instructions in halfword groups, constants up to
 * 8 bytes), Addr1 and Addr2 (operand addresses; the value of an EQU; the
 * base of a USING, with R:r in the object column), Stmt, then the source
 * statement from column 41 with its continuation cards. Messages follow
 * their statement as `** ASMA044E Undefined symbol - X`. Listing-control
 * statements (TITLE, EJECT, SPACE, PRINT) are obeyed, not printed. The
 * external symbol dictionary comes first, literal pools are listed after
 * the LTORG or END that placed them, the relocation dictionary follows the
 * source. Then the ordinary symbol cross-reference and the diagnostic summary with the
 * highest severity and the return code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"

enum { COL_OBJ = 7, COL_ADDR1 = 22, COL_ADDR2 = 28, COL_STMT_END = 39, COL_SRC = 40 };

static const char heading[] =
    "  Loc  Object Code    Addr1 Addr2  Stmt   Source Statement";

static void put(char *line, int col, const char *s)
{
    size_t n = strlen(s);
    memcpy(line + col, s, n);
}

static void hexbytes(const Asm *a, int64_t addr, uint32_t n, int grouped, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    for (uint32_t i = 0; i < n && o + 3 < size; i++) {
        int64_t x = addr + i;
        uint8_t b = a->img && x >= a->img_origin && x < a->img_end ? a->img[x - a->img_origin] : 0;
        if (grouped && i > 0 && i % 2 == 0)
            out[o++] = ' ';
        o += (size_t)snprintf(out + o, size - o, "%02X", b);
    }
}

/* The statement numbers the listing shows: statements in order, those
   listed without a number (AREAD NOSTMT) skipped. */
static const uint32_t *stmt_numbers;

static uint32_t stmt_no(uint32_t i)
{
    return stmt_numbers ? stmt_numbers[i] : i + 1;
}

static void statement(Asm *a, FILE *out, uint32_t i)
{
    const AsmStmt *s = &a->stmts[i];
    char line[COL_SRC + 1], buf[64];
    memset(line, ' ', COL_SRC);
    line[COL_SRC] = '\0';
    int64_t base = s->sect > 0 ? a->sects[s->sect].start : 0;
    const AsmOp *o = s->op >= 0 ? &a->ops[s->op] : NULL;
    switch (s->show) {
    case ASM_SHOW_CODE:
        snprintf(buf, sizeof buf, "%06llX", (unsigned long long)(base + s->loc));
        put(line, 0, buf);
        hexbytes(a, base + s->loc, s->length, 1, buf, sizeof buf);
        put(line, COL_OBJ, buf);
        break;
    case ASM_SHOW_DATA:
        snprintf(buf, sizeof buf, "%06llX", (unsigned long long)(base + s->loc));
        put(line, 0, buf);
        hexbytes(a, base + s->loc, s->length < 8 ? s->length : 8, 0, buf, sizeof buf);
        put(line, COL_OBJ, buf);
        break;
    case ASM_SHOW_LOC:
        snprintf(buf, sizeof buf, "%06llX", (unsigned long long)(base + s->loc));
        put(line, 0, buf);
        break;
    case ASM_SHOW_SECT:
        snprintf(buf, sizeof buf, "%06llX", (unsigned long long)(base + s->loc));
        put(line, 0, buf);
        snprintf(buf, sizeof buf, "%05llX", (unsigned long long)base);
        put(line, COL_ADDR1, buf);
        snprintf(buf, sizeof buf, "%05llX", (unsigned long long)a->sects[s->sect].high);
        put(line, COL_ADDR2, buf);
        break;
    case ASM_SHOW_USING:
        if (s->addr1 >= 0 && s->nusing > 0) {
            int n = snprintf(buf, sizeof buf, "R:");
            for (int r = 0; r < s->nusing; r++)
                n += snprintf(buf + n, sizeof buf - (size_t)n, "%X", (s->using_regs >> (4 * r)) & 0xF);
            put(line, COL_ADDR1 - 1 - (int)strlen(buf), buf);
        }
        break;
    default:
        break;
    }
    if (s->addr1 >= 0) {
        snprintf(buf, sizeof buf, "%05llX", (unsigned long long)s->addr1);
        put(line, COL_ADDR1, buf);
    }
    if (s->addr2 >= 0 && s->show != ASM_SHOW_SECT) {
        snprintf(buf, sizeof buf, "%05llX", (unsigned long long)s->addr2);
        put(line, COL_ADDR2, buf);
    }
    if (!s->unnumbered) {
        snprintf(buf, sizeof buf, "%6u", stmt_no(i));
        put(line, COL_STMT_END - 6, buf);
    }
    /* trailing blanks of the prefix stay: the source starts at column 41 */
    (void)o;
    if (s->generated) {            /* a macro's statement: '+' before it */
        line[COL_SRC - 1] = '+';
        fprintf(out, "%s%s\n", line, asm_stmt_text(a, s));
        return;
    }
    for (uint32_t c = 0; c < s->ncards; c++) {
        const char *card = a->cards[s->card0 + c];
        if (c == 0)
            fprintf(out, "%s%s\n", line, card);
        else
            fprintf(out, "%*s%s\n", COL_SRC, "", card);
    }
}

/* The literals of a pool, after the LTORG or END that placed them: order
   holds the placed literals by (statement, location), *k the next one. */
static void literals(Asm *a, FILE *out, uint32_t stmt, const uint32_t *order, uint32_t n, uint32_t *k)
{
    while (*k < n && a->lits[order[*k]].stmt < stmt)
        (*k)++;
    for (; *k < n && a->lits[order[*k]].stmt == stmt; (*k)++) {
        const AsmLit *next = &a->lits[order[*k]];
        char line[COL_SRC + 1], buf[64];
        memset(line, ' ', COL_SRC);
        line[COL_SRC] = '\0';
        int64_t addr = a->sects[next->sect].start + next->loc;
        snprintf(buf, sizeof buf, "%06llX", (unsigned long long)addr);
        put(line, 0, buf);
        hexbytes(a, addr, next->len < 8 ? next->len : 8, 0, buf, sizeof buf);
        put(line, COL_OBJ, buf);
        fprintf(out, "%s%*s=%s\n", line, 15, "", next->text);
    }
}

static const Asm *lit_asm;

static int by_place(const void *x, const void *y)
{
    const AsmLit *p = &lit_asm->lits[*(const uint32_t *)x], *q = &lit_asm->lits[*(const uint32_t *)y];
    if (p->stmt != q->stmt)
        return p->stmt < q->stmt ? -1 : 1;
    return p->loc < q->loc ? -1 : p->loc > q->loc;
}

static const char *esd_type_name(int t)
{
    switch (t) {
    case 0x00: return "SD";
    case 0x01: return "LD";
    case 0x02: return "ER";
    case 0x04: return "PC";
    case 0x05: return "CM";
    case 0x0A: return "WX";
    default: return "??";
    }
}

/* HLASM Programmer's Guide, "External symbol dictionary". */
static void esd_section(Asm *a, FILE *out)
{
    int any = 0;
    for (uint32_t i = 1; i < a->nsects; i++)
        any |= a->sects[i].esdid != 0;
    if (!any)
        return;
    fprintf(out, "%*sExternal Symbol Dictionary\n\n", 34, "");
    fprintf(out, "Symbol   Type   Id     Address  Length   Owner Id\n");
    for (uint32_t i = 1; i < a->nsects; i++) {
        const AsmSect *s = &a->sects[i];
        if (s->esdid == 0)
            continue;
        int t = asm_esd_type(a, (int32_t)i);
        fprintf(out, "%-8s  %s  %08X", s->name, esd_type_name(t), (unsigned)s->esdid);
        if (t == 0x00 || t == 0x04)
            fprintf(out, " %08llX %08llX", (unsigned long long)s->start, (unsigned long long)s->high);
        else if (t == 0x05)
            fprintf(out, " %08X %08llX", 0u, (unsigned long long)s->high);
        fprintf(out, "\n");
    }
    for (uint32_t e = 0; e < a->nentries; e++) {
        const AsmSym *y = &a->syms[a->entries[e]];
        fprintf(out, "%-8s  LD           %08llX          %08X\n", y->name,
                (unsigned long long)(a->sects[y->sect].start + y->value), (unsigned)a->sects[y->sect].esdid);
    }
    fprintf(out, "\n");
}

/* HLASM Programmer's Guide, "Relocation dictionary". */
static void rld_section(Asm *a, FILE *out)
{
    int any = 0;
    for (uint32_t i = 0; i < a->nrelocs; i++)
        any |= a->sects[a->relocs[i].psect].esdid && a->sects[a->relocs[i].rsect].esdid;
    if (!any)
        return;
    fprintf(out, "\n%*sRelocation Dictionary\n\n", 30, "");
    fprintf(out, "   Pos.Id   Rel.Id   Address  Type  Action\n");
    for (uint32_t i = 0; i < a->nrelocs; i++) {
        const AsmReloc *r = &a->relocs[i];
        if (a->sects[r->psect].esdid == 0 || a->sects[r->rsect].esdid == 0)
            continue;
        fprintf(out, "  %08X %08X %08llX   %c %u    %c\n", (unsigned)a->sects[r->psect].esdid,
                (unsigned)a->sects[r->rsect].esdid, (unsigned long long)r->addr, r->vcon ? 'V' : 'A',
                r->len, r->neg ? '-' : '+');
    }
}

static void messages(Asm *a, FILE *out, uint32_t stmt, uint32_t *k)
{
    while (*k < a->ndiags && a->diags[*k].stmt == stmt) {
        const AsmDiag *d = &a->diags[(*k)++];
        fprintf(out, "** %s %s%s%s\n", asm_msg_id(d->msg), asm_msg_text(d->msg),
                d->detail[0] ? " - " : "", d->detail);
    }
}

static int listing_control(const Asm *a, const AsmStmt *s, int *directive)
{
    if (s->kind != ASM_ST_STMT || s->op < 0)
        return 0;
    const AsmOp *o = &a->ops[s->op];
    if (o->kind != ASM_OP_DIRECTIVE)
        return 0;
    *directive = o->index;
    return o->index == ASM_D_TITLE || o->index == ASM_D_EJECT || o->index == ASM_D_SPACE;
}

static int strncasecmp_ascii(const char *x, const char *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int c = x[i] >= 'a' && x[i] <= 'z' ? x[i] - 32 : x[i];
        if (c != y[i])
            return 1;
    }
    return 0;
}

static int by_name(const void *x, const void *y)
{
    const AsmSym *p = *(const AsmSym *const *)x, *q = *(const AsmSym *const *)y;
    return strcmp(p->name, q->name);
}

/* One line of the cross reference: the name (a long one on a line of its
   own), then the columns, then the references ten to a line. */
static void xref_name(FILE *out, const char *name)
{
    int col;
    fprintf(out, "%-8s%n", name, &col);
    if (col > 8)
        fprintf(out, "\n%8s", "");
}

static void xref_refs(FILE *out, const uint32_t *refs, uint32_t n)
{
    for (uint32_t r = 0; r < n; r++) {
        if (r > 0 && r % 10 == 0)
            fprintf(out, "\n%36s", "");
        fprintf(out, " %5u", stmt_no(refs[r]));
    }
    fprintf(out, "\n");
}

/* HLASM Programmer's Guide, "Ordinary symbol and literal cross reference":
   the symbols by name, then the literals in the order of their pools, each
   defined by the LTORG or END that placed it. */
static void cross_reference(Asm *a, FILE *out, const uint32_t *order, uint32_t nlit)
{
    const AsmSym **v = malloc((a->nsyms ? a->nsyms : 1) * sizeof *v);
    if (v == NULL)
        return;
    uint32_t n = 0;
    for (uint32_t i = 0; i < a->nsyms; i++)
        if (a->syms[i].defstmt >= 0 || a->syms[i].nrefs > 0)
            v[n++] = &a->syms[i];
    qsort(v, n, sizeof *v, by_name);
    fprintf(out, "\n%*sOrdinary Symbol and Literal Cross Reference\n\n", 20, "");
    fprintf(out, "Symbol   Length   Value   Id  Defn  References\n");
    for (uint32_t i = 0; i < n; i++) {
        const AsmSym *s = v[i];
        xref_name(out, s->name);
        if (s->defstmt < 0) {
            fprintf(out, " ******* ******** ****  ****");
        } else {
            int64_t val = asm_sym_value(a, s);
            fprintf(out, " %7u %08llX   %c %5d", s->length, (unsigned long long)(uint32_t)val,
                    s->sect > 0 ? 'R' : s->sect < 0 ? 'C' : 'A', stmt_no((uint32_t)s->defstmt));
        }
        xref_refs(out, s->refs, s->nrefs);
    }
    for (uint32_t i = 0; order && i < nlit; i++) {
        const AsmLit *l = &a->lits[order[i]];
        char name[280];
        snprintf(name, sizeof name, "=%s", l->text);
        xref_name(out, name);
        fprintf(out, " %7u %08llX   R %5u", l->len,
                (unsigned long long)(uint32_t)(a->sects[l->sect].start + l->loc), stmt_no(l->stmt));
        xref_refs(out, l->refs, l->nrefs);
    }
    free(v);
}

static void summary(Asm *a, FILE *out)
{
    fprintf(out, "\n%*sDiagnostic Cross Reference and Assembler Summary\n\n", 17, "");
    uint32_t n = 0;
    for (uint32_t i = 0; i < a->ndiags; i++) {
        if (i > 0 && a->diags[i].stmt == a->diags[i - 1].stmt)
            continue;
        if (n == 0)
            fprintf(out, "     Statements Flagged\n       ");
        else if (n % 10 == 0)
            fprintf(out, "\n       ");
        if (a->diags[i].stmt < a->nstmts)
            fprintf(out, " %5u", stmt_no(a->diags[i].stmt));
        else
            fprintf(out, "   END");
        n++;
    }
    if (n > 0)
        fprintf(out, "\n\n");
    if (n == 0)
        fprintf(out, "     No Statements Flagged in this Assembly\n");
    else
        fprintf(out, "%6u Statement%s Flagged in this Assembly %8d was Highest Severity Code\n",
                n, n == 1 ? " " : "s", a->maxsev);
    fprintf(out, "\nReturn Code %03d\n", a->maxsev);
}

void asm_write_listing(Asm *a, FILE *out)
{
    uint32_t k = 0, nlit = 0, kl = 0;
    uint32_t *order = malloc((a->nlits ? a->nlits : 1) * sizeof *order);
    for (uint32_t i = 0; order && i < a->nlits; i++)
        if (a->lits[i].sect != 0)
            order[nlit++] = i;
    lit_asm = a;
    uint32_t *numbers = malloc((a->nstmts + 1) * sizeof *numbers);
    if (numbers) {
        uint32_t no = 0;
        for (uint32_t i = 0; i < a->nstmts; i++)
            numbers[i] = a->stmts[i].unnumbered ? no : ++no;
        numbers[a->nstmts] = no + 1;
    }
    stmt_numbers = numbers;
    if (order && nlit > 1)
        qsort(order, nlit, sizeof *order, by_place);
    esd_section(a, out);
    fprintf(out, "%s\n", heading);
    /* PRINT ON/OFF and GEN/NOGEN (HLASM Language Reference, "PRINT
       instruction"), saved and restored by PUSH PRINT and POP PRINT */
    int on = 1, gen = 1, stack[4][2], nstack = 0;
    for (uint32_t i = 0; i < a->nstmts; i++) {
        const AsmStmt *s = &a->stmts[i];
        int d = -1;
        int ctl = listing_control(a, s, &d);
        /* PRINT, PUSH and POP are listed unless NOPRINT is one of their
           operands; PRINT OFF itself is listed, as is PRINT ON */
        int was_on = on, noprint = 0, is_print = 0;
        if (s->kind == ASM_ST_STMT && s->op >= 0 && a->ops[s->op].kind == ASM_OP_DIRECTIVE
            && s->opnd_off >= 0) {
            int di = a->ops[s->op].index;
            const char *t = asm_stmt_text(a, s);
            int st[8], ln[8];
            int n = asm_split_operands(t, s->opnd_off, s->opnd_len, st, ln, 8);
            for (int j = 0; j < n && j < 8; j++) {
                const char *w = t + st[j];
                int l = ln[j];
#define IS(word) (l == (int)sizeof word - 1 && strncasecmp_ascii(w, word, (size_t)l) == 0)
                if ((di == ASM_D_PRINT || di == ASM_D_PUSH || di == ASM_D_POP) && IS("NOPRINT"))
                    noprint = 1;
                is_print |= di == ASM_D_PRINT;
                if (di == ASM_D_PRINT) {
                    if (IS("ON")) on = 1;
                    else if (IS("OFF")) on = 0;
                    else if (IS("GEN")) gen = 1;
                    else if (IS("NOGEN")) gen = 0;
                } else if ((di == ASM_D_PUSH || di == ASM_D_POP) && IS("PRINT")) {
                    if (di == ASM_D_PUSH && nstack < 4) {
                        stack[nstack][0] = on;
                        stack[nstack++][1] = gen;
                    } else if (di == ASM_D_POP && nstack > 0) {
                        on = stack[--nstack][0];
                        gen = stack[nstack][1];
                    }
                }
#undef IS
            }
        }
        int shown_on = is_print ? (on || was_on) : on;
        if (!ctl && s->flagged == 0 && (!shown_on || noprint || (s->generated && !gen))) {
            if (order)
                literals(a, out, i, order, nlit, &kl);
            continue;
        }
        if (ctl && s->flagged == 0) {
            if (d == ASM_D_EJECT || d == ASM_D_TITLE) {
                const char *t = asm_stmt_text(a, s);
                fprintf(out, "\f");
                if (d == ASM_D_TITLE && s->opnd_off >= 0) {
                    /* the title is the quoted operand */
                    int p = s->opnd_off + 1, e = p;
                    while (t[e] && !(t[e] == '\'' && t[e + 1] != '\''))
                        e += t[e] == '\'' ? 2 : 1;
                    fprintf(out, "%*s%.*s\n", 10, "", e - p, t + p);
                }
                fprintf(out, "%s\n", heading);
            } else if (d == ASM_D_SPACE) {
                const char *t = asm_stmt_text(a, s);
                int nl = s->opnd_off >= 0 ? atoi(t + s->opnd_off) : 1;
                if (nl < 1)
                    nl = 1;
                if (nl > 60)
                    nl = 60;
                for (int j = 0; j < nl; j++)
                    fputc('\n', out);
            }
            messages(a, out, i, &k);
            continue;
        }
        statement(a, out, i);
        messages(a, out, i, &k);
        if (order)
            literals(a, out, i, order, nlit, &kl);
    }
    messages(a, out, a->nstmts, &k);
    while (k < a->ndiags)          /* after END or beyond: keep every one */
        messages(a, out, a->diags[k].stmt, &k);
    rld_section(a, out);
    cross_reference(a, out, order, nlit);
    free(order);
    summary(a, out);
    stmt_numbers = NULL;
    free(numbers);
}
