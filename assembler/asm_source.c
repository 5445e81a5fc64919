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
 * before the continuation column, the operands go on at column 16. COPY
 * members are read in place of their COPY statement's following cards,
 * from the -I folders (AsmOptions.incdirs) or beside the including file.
 * An ICTL statement on the first card sets other begin, end and continue
 * columns for the rest of the source.
 */
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"

enum { COL_END = 71, COL_CONT = 71, COL_CONTINUE = 15 };

/* The card layout, ICTL may change it: statement field [begin, end), the
   continuation indicator column (none when end is 80) and the column a
   continuation card goes on in (all 0-based). */
typedef struct Layout {
    size_t begin, end, cont, cont_ok, cont_from;
} Layout;

/* ICTL b[,e[,c]] on the first card (HLASM Language Reference, "ICTL
   instruction"): 1 <= b <= 40, 41 <= e <= 80, b < c <= 40. */
static int ictl(const char *card, Layout *l)
{
    size_t i = 0;
    while (card[i] == ' ')
        i++;
    if (i == 0 || strncmp(card + i, "ICTL", 4) != 0 || card[i + 4] != ' ')
        return 0;
    i += 4;
    while (card[i] == ' ')
        i++;
    long v[3] = { 1, 71, 16 };
    int n = 0;
    while (n < 3) {
        char *e;
        long x = strtol(card + i, &e, 10);
        if (e == card + i)
            break;
        v[n++] = x;
        i = (size_t)(e - card);
        if (card[i] != ',')
            break;
        i++;
    }
    if (n == 0 || v[0] < 1 || v[0] > 40 || (n > 1 && (v[1] < 41 || v[1] > 80))
        || (n > 2 && (v[2] <= v[0] || v[2] > 40)))
        return -1;
    if (n < 3)
        v[2] = n < 2 || v[1] < 80 ? 16 : 0;
    if (v[2] <= v[0])
        v[2] = v[0] + 1;
    l->begin = (size_t)v[0] - 1;
    l->end = (size_t)v[1];
    l->cont = (size_t)v[1];
    l->cont_ok = v[1] < 80;
    l->cont_from = (size_t)v[2] - 1;
    return 1;
}

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

static int slurp(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
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
    if (raw == NULL)
        return -2;
    *out = raw;
    *len = n;
    return 0;
}

/* A COPY statement on this card: its member name, or NULL. */
static int copy_member(const char *c, char *name, size_t size)
{
    size_t i = 0;
    if (c[0] == '*' || (c[0] == '.' && c[1] == '*'))
        return 0;
    while (c[i] && c[i] != ' ' && i < COL_END)
        i++;
    while (c[i] == ' ')
        i++;
    if (strncmp(c + i, "COPY", 4) != 0 && strncmp(c + i, "copy", 4) != 0)
        return 0;
    if (c[i + 4] != ' ')
        return 0;
    i += 4;
    while (c[i] == ' ')
        i++;
    size_t k = 0;
    while (c[i] && c[i] != ' ' && k + 1 < size && i < COL_END)
        name[k++] = c[i++];
    name[k] = '\0';
    return k > 0;
}

static FILE *no_diag;

/* The member's file: NAME, NAME.asm, NAME.cpy, NAME.mac (and in lower case)
   in each -I folder, then beside the including file. */
static int find_member(Asm *a, const char *from, const char *name, char *path, size_t size)
{
    static const char *const ext[] = { "", ".asm", ".cpy", ".mac", ".copy" };
    char lower[80];
    size_t n = strlen(name);
    if (n >= sizeof lower)
        return -1;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    char here[512];
    const char *slash = strrchr(from, '/');
    snprintf(here, sizeof here, "%.*s", slash ? (int)(slash - from) : 1, slash ? from : ".");
    for (int d = 0;; d++) {
        const char *dir = a->opt->incdirs ? a->opt->incdirs[d] : NULL;
        if (dir == NULL) {
            if (d < 0)
                break;
            dir = here;
            d = -2;
        }
        for (size_t e = 0; e < sizeof ext / sizeof ext[0]; e++)
            for (int c = 0; c < 2; c++) {
                snprintf(path, size, "%s/%s%s", dir, c ? lower : name, ext[e]);
                FILE *f = fopen(path, "rb");
                if (f) {
                    fclose(f);
                    return 0;
                }
            }
        if (d < 0)
            break;
    }
    return -1;
}

static int add_file(Asm *a, const char *path)
{
    char **q = realloc(a->files, (a->nfiles + 1) * sizeof *q);
    if (q == NULL)
        return -1;
    a->files = q;
    q[a->nfiles] = malloc(strlen(path) + 1);
    if (q[a->nfiles] == NULL)
        return -1;
    strcpy(q[a->nfiles], path);
    return (int)a->nfiles++;
}

/* Expand tabs (to multiples of 8), split into cards, the cards of COPY
   members inserted after their COPY statement (HLASM Language Reference,
   "COPY instruction"), nested up to 16 deep. */
static int read_cards(Asm *a, const char *path, FILE *diag, int depth, size_t *cap)
{
    char *raw;
    size_t n;
    int r = slurp(path, &raw, &n);
    if (r < 0) {
        if (diag)
            fprintf(diag, r == -1 ? "%s: error: cannot read the source file\n" : "%s: error: out of memory\n", path);
        return -1;
    }
    int file = add_file(a, path);
    if (file < 0) {
        free(raw);
        return -1;
    }
    uint32_t line = 0;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && raw[e] != '\n')
            e++;
        size_t len = e - i;
        if (len > 0 && raw[e - 1] == '\r')
            len--;
        size_t need = a->nsrc + len * 8 + 2;
        if (need > *cap) {
            size_t c2 = *cap ? *cap : 1 << 16;
            while (c2 < need)
                c2 *= 2;
            char *q = realloc(a->src, c2);
            if (q == NULL) {
                free(raw);
                return -1;
            }
            a->src = q;
            *cap = c2;
        }
        size_t start = a->nsrc, col = 0;
        for (size_t k = i; k < i + len; k++) {
            char c = raw[k];
            if (c == '\t') {
                do { a->src[a->nsrc++] = ' '; col++; } while (col % 8);
            } else {
                a->src[a->nsrc++] = c == '\0' ? ' ' : c;
                col++;
            }
        }
        a->src[a->nsrc++] = '\0';
        if (grow((void **)&a->cards, &a->capcards, a->ncards + 1, sizeof *a->cards) < 0
            || grow((void **)&a->card_file, &a->capcardinfo, a->ncards + 1, sizeof *a->card_file) < 0) {
            free(raw);
            return -1;
        }
        if (a->capcardinfo > a->capcardline) {
            uint32_t *q = realloc(a->card_line, a->capcardinfo * sizeof *q);
            if (q == NULL) {
                free(raw);
                return -1;
            }
            a->card_line = q;
            a->capcardline = a->capcardinfo;
        }
        a->cards[a->ncards] = (char *)(uintptr_t)start;      /* an offset for now */
        a->card_file[a->ncards] = (uint32_t)file;
        a->card_line[a->ncards] = ++line;
        a->ncards++;
        char name[72], member[600];
        if (copy_member(a->src + start, name, sizeof name)) {
            uint32_t card = a->ncards - 1;
            if (depth >= 16 || find_member(a, path, name, member, sizeof member) < 0
                || read_cards(a, member, no_diag, depth + 1, cap) < 0) {
                uint32_t *q = realloc(a->copy_missing, (a->ncopy_missing + 1) * sizeof *q);
                if (q) {
                    a->copy_missing = q;
                    a->copy_missing[a->ncopy_missing++] = card;
                }
            }
        }
        i = e + 1;
    }
    free(raw);
    return 0;
}

int asm_append_text(Asm *a, const char *s, size_t n)
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

static int continued(const Layout *l, const char *card)
{
    size_t n = strlen(card);
    return l->cont_ok && n > l->cont && card[l->cont] != ' ';
}

int asm_add_seg(Asm *a, uint32_t off, uint32_t card, uint32_t col)
{
    if (grow((void **)&a->segs, &a->capsegs, a->nsegs + 1, sizeof *a->segs) < 0)
        return -1;
    a->segs[a->nsegs++] = (AsmSeg){ off, card, col };
    return 0;
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
void asm_split_fields(Asm *a, AsmStmt *s)
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
    size_t cap = 0;
    if (read_cards(a, path, diag, 0, &cap) < 0)
        return -1;
    for (uint32_t i = 0; i < a->ncards; i++)
        a->cards[i] = a->src + (uintptr_t)a->cards[i];
    a->text = NULL;
    a->ntext = 0;
    Layout layout = { 0, COL_END, COL_CONT, 1, COL_CONTINUE };
    int bad_ictl = a->ncards > 0 ? ictl(a->cards[0], &layout) : 0;
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
        const char *field = strlen(card) > layout.begin ? card + layout.begin : "";
        if (is_blank_card(field))
            s->kind = ASM_ST_BLANK;
        else if (field[0] == '*' || (field[0] == '.' && field[1] == '*'))
            s->kind = ASM_ST_COMMENT;
        else
            s->kind = ASM_ST_STMT;
        uint32_t start = a->ntext;
        int bad_continue = -1;
        uint32_t bad_card = 0, bad_col = 0;
        for (;;) {
            card = a->cards[c];
            size_t n = strlen(card);
            size_t from = c == s->card0 ? layout.begin : layout.cont_from;
            size_t to = n < layout.end ? n : layout.end;
            if (c != s->card0) {
                for (size_t k = layout.begin; k < layout.cont_from && k < n; k++)
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
            if (to > from && asm_append_text(a, card + from, to - from) < 0)
                return -1;
            else if (to <= from && asm_append_text(a, "", 0) < 0)
                return -1;
            /* pad a short continued card to the end column */
            int cont = continued(&layout, card) && c + 1 < a->ncards;
            if (cont) {
                for (size_t k = to; k < layout.end; k++)
                    asm_append_text(a, " ", 1);
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
            asm_split_fields(a, s);
        if (bad_continue >= 0) {       /* a comment card is continued as well */
            a->cur = a->nstmts - 1;
            asm_error_card(a, bad_card, bad_col, ASMA144E);
        }
        if (bad_ictl < 0 && a->nstmts == 1) {
            a->cur = 0;
            asm_error(a, s->opnd_off, ASMA062E, "ICTL b,e,c: 1<=b<=40, 41<=e<=80, b<c<=40");
        }
        for (uint32_t k = 0; k < a->ncopy_missing; k++)
            if (a->copy_missing[k] == s->card0 && s->kind == ASM_ST_STMT) {
                const char *t = asm_stmt_text(a, s);
                char buf[72];
                a->cur = a->nstmts - 1;
                snprintf(buf, sizeof buf, "%.*s", s->opnd_len > 60 ? 60 : s->opnd_len, t + s->opnd_off);
                asm_error(a, s->opnd_off, ASMA018S, buf);
            }
    }
    return 0;
}
