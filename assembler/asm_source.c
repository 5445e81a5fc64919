/* asm_source.c — the source reader: cards into statements.
 *
 * HLASM Language Reference, "Coding conventions": the statement field runs
 * from column 1 (begin) to 71 (end); a non-blank column 72 continues the
 * statement on the next card at column 16 (continue), columns 1-15 of a
 * continuation card being blank; columns 73-80 are the identification-
 * sequence field and are ignored. A `*` in column 1 (or `.*` in 1-2) makes a
 * comment statement. The name field starts in column 1, the operation follows
 * after one or more blanks, then the operands (ending at the first blank
 * outside quotes), then remarks. When an operand field ends with a comma
 * before the continuation column, the operands go on at column 16.
 */
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"

enum { COL_END = 71, COL_CONT = 71, COL_CONTINUE = 15 };

static int grow(void **p, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    uint32_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, (size_t)n * size);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Read the file, expand tabs (to multiples of 8), split into cards. */
static int read_cards(Asm *a, const char *path, FILE *diag)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(diag, "%s: error: cannot read the source file\n", path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *raw = malloc(cap);
    for (;;) {
        if (raw == NULL)
            break;
        if (n == cap) {
            char *q = realloc(raw, cap * 2);
            if (q == NULL) { free(raw); raw = NULL; break; }
            raw = q;
            cap *= 2;
        }
        size_t k = fread(raw + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    if (raw == NULL) {
        fprintf(diag, "%s: error: out of memory\n", path);
        return -1;
    }
    /* count tabs to size the expanded copy */
    size_t tabs = 0;
    for (size_t i = 0; i < n; i++)
        tabs += raw[i] == '\t';
    a->src = malloc(n + tabs * 8 + 2);
    if (a->src == NULL) {
        free(raw);
        return -1;
    }
    size_t o = 0, col = 0, line_start = 0;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? raw[i] : '\n';
        if (i == n && o == line_start)
            break;                           /* no empty last card after a final newline */
        if (c == '\n') {
            if (o > line_start && a->src[o - 1] == '\r')
                o--;
            a->src[o++] = '\0';
            if (grow((void **)&a->cards, &a->capcards, a->ncards + 1, sizeof *a->cards) < 0)
                break;
            a->cards[a->ncards++] = (char *)(uintptr_t)line_start;   /* offset for now */
            line_start = o;
            col = 0;
        } else if (c == '\t') {
            do { a->src[o++] = ' '; col++; } while (col % 8);
        } else {
            a->src[o++] = c == '\0' ? ' ' : c;
            col++;
        }
    }
    for (uint32_t i = 0; i < a->ncards; i++)
        a->cards[i] = a->src + (uintptr_t)a->cards[i];
    free(raw);
    return 0;
}

static int append_text(Asm *a, const char *s, size_t n)
{
    if (grow((void **)&a->text, &a->captext, a->ntext + (uint32_t)n + 1, 1) < 0)
        return -1;
    memcpy(a->text + a->ntext, s, n);
    a->ntext += (uint32_t)n;
    return 0;
}

static int is_blank_card(const char *c)
{
    for (; *c; c++)
        if (*c != ' ')
            return 0;
    return 1;
}

static int continued(const char *card)
{
    size_t n = strlen(card);
    return n > COL_CONT && card[COL_CONT] != ' ';
}

const char *asm_stmt_text(const Asm *a, const AsmStmt *s)
{
    return a->text + s->text;
}

void asm_locate(const Asm *a, const AsmStmt *s, int off, uint32_t *card, uint32_t *col)
{
    uint32_t k = s->seg0;
    for (uint32_t i = s->seg0; i < s->seg0 + s->nseg; i++)
        if (off >= 0 && (uint32_t)off >= a->segs[i].off)
            k = i;
    *card = a->segs[k].card;
    *col = a->segs[k].col + (off >= 0 ? (uint32_t)off - a->segs[k].off : 0);
}

/* Blank-delimited fields of a statement. */
static void split_fields(Asm *a, AsmStmt *s)
{
    const char *t = a->text + s->text;
    int i = 0;
    s->name_off = s->op_off = s->opnd_off = -1;
    s->name_len = s->op_len = 0;
    s->opnd_len = 0;
    if (t[0] != ' ' && t[0] != '\0') {
        s->name_off = 0;
        while (t[i] && t[i] != ' ')
            i++;
        s->name_len = (int16_t)(i > 32767 ? 32767 : i);
    }
    while (t[i] == ' ')
        i++;
    if (t[i] == '\0')
        return;
    s->op_off = i;
    while (t[i] && t[i] != ' ')
        i++;
    s->op_len = (int16_t)(i - s->op_off > 32767 ? 32767 : i - s->op_off);
    while (t[i] == ' ')
        i++;
    if (t[i] == '\0')
        return;
    s->opnd_off = i;
    s->opnd_len = asm_scan_operand_field(t, i) - i;
}

int asm_read_source(Asm *a, const char *path, FILE *diag)
{
    if (read_cards(a, path, diag) < 0)
        return -1;
    a->text = NULL;
    a->ntext = 0;
    for (uint32_t c = 0; c < a->ncards;) {
        if (grow((void **)&a->stmts, &a->capstmts, a->nstmts + 1, sizeof *a->stmts) < 0)
            return -1;
        AsmStmt *s = &a->stmts[a->nstmts];
        memset(s, 0, sizeof *s);
        s->op = -1;
        s->addr1 = s->addr2 = -1;
        s->card0 = c;
        s->text = a->ntext;
        s->seg0 = a->nsegs;
        const char *card = a->cards[c];
        if (is_blank_card(card))
            s->kind = ASM_ST_BLANK;
        else if (card[0] == '*' || (card[0] == '.' && card[1] == '*'))
            s->kind = ASM_ST_COMMENT;
        else
            s->kind = ASM_ST_STMT;
        uint32_t start = a->ntext;
        int bad_continue = -1;
        uint32_t bad_card = 0, bad_col = 0;
        for (;;) {
            card = a->cards[c];
            size_t n = strlen(card);
            size_t from = c == s->card0 ? 0 : COL_CONTINUE;
            size_t to = n < COL_END ? n : COL_END;
            if (c != s->card0) {
                for (size_t k = 0; k < COL_CONTINUE && k < n; k++)
                    if (card[k] != ' ' && bad_continue < 0) {
                        bad_continue = 1;
                        bad_card = c;
                        bad_col = (uint32_t)k;
                    }
                /* operands ending in a comma go on at the continue column */
                uint32_t e = a->ntext;
                while (e > start && a->text[e - 1] == ' ')
                    e--;
                if (e > start && a->text[e - 1] == ',')
                    a->ntext = e;
            }
            if (grow((void **)&a->segs, &a->capsegs, a->nsegs + 1, sizeof *a->segs) < 0)
                return -1;
            a->segs[a->nsegs++] = (AsmSeg){ a->ntext - start, c, (uint32_t)from };
            if (to > from && append_text(a, card + from, to - from) < 0)
                return -1;
            else if (to <= from && append_text(a, "", 0) < 0)
                return -1;
            /* pad a short continued card to the end column */
            int cont = continued(card) && c + 1 < a->ncards;
            if (cont) {
                for (size_t k = to; k < COL_END; k++)
                    append_text(a, " ", 1);
            }
            c++;
            if (!cont)
                break;
        }
        /* trim trailing blanks */
        while (a->ntext > start && a->text[a->ntext - 1] == ' ')
            a->ntext--;
        a->text[a->ntext++] = '\0';
        s->ncards = c - s->card0;
        s->nseg = a->nsegs - s->seg0;
        a->nstmts++;
        if (s->kind == ASM_ST_STMT)
            split_fields(a, s);
        if (bad_continue >= 0) {       /* a comment card is continued as well */
            a->cur = a->nstmts - 1;
            asm_error_card(a, bad_card, bad_col, ASMA144E);
        }
    }
    return 0;
}
