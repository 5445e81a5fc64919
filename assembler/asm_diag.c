/* asm_diag.c — assembler diagnostics.
 *
 * Messages carry HLASM's numbers and severities (HLASM Programmer's Guide,
 * "Assembler messages": I N W E S C U = 0 2 4 8 12 16 20). Each is kept with
 * its statement, shown in the listing after the statement as
 * `** ASMA044E Undefined symbol - X`, and on the diagnostic stream as
 * `file:line:col: error: ASMA044E Undefined symbol - X`, the source card and
 * a caret.
 */
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"

static const struct { const char *id; int sev; const char *text; } msgs[] = {
#define X(id, sev, text) { #id, sev, text },
    ASM_MESSAGES(X)
#undef X
};

const char *asm_msg_id(int msg) { return msgs[msg].id; }
const char *asm_msg_text(int msg) { return msgs[msg].text; }
int asm_msg_severity(int msg) { return msgs[msg].sev; }

void asm_error(Asm *a, int off, int msg, const char *detail)
{
    if (a->ndiags == a->capdiags) {
        uint32_t n = a->capdiags ? a->capdiags * 2 : 64;
        AsmDiag *q = realloc(a->diags, n * sizeof *q);
        if (q == NULL)
            return;
        a->diags = q;
        a->capdiags = n;
    }
    AsmDiag *d = &a->diags[a->ndiags++];
    d->stmt = a->cur;
    d->seq = a->ndiags - 1;
    d->off = off;
    d->msg = (uint16_t)msg;
    d->card = d->col = -1;
    d->detail[0] = '\0';
    if (detail != NULL) {
        strncpy(d->detail, detail, sizeof d->detail - 1);
        d->detail[sizeof d->detail - 1] = '\0';
    }
    if (msgs[msg].sev > a->maxsev)
        a->maxsev = msgs[msg].sev;
    if (a->cur < a->nstmts && !a->stmts[a->cur].flagged) {
        a->stmts[a->cur].flagged = 1;
        a->nflagged++;
    }
}

void asm_error_card(Asm *a, uint32_t card, uint32_t col, int msg)
{
    asm_error(a, -1, msg, NULL);
    if (a->ndiags > 0 && a->diags[a->ndiags - 1].msg == msg) {
        a->diags[a->ndiags - 1].card = (int32_t)card;
        a->diags[a->ndiags - 1].col = (int32_t)col;
    }
}

void asm_set_err(AsmErr *e, int msg, int off, const char *detail, int dlen)
{
    if (e->msg >= 0)
        return;                       /* the first error of an operand is the one */
    e->msg = msg;
    e->off = off;
    e->detail[0] = '\0';
    if (detail != NULL) {
        if (dlen < 0)
            dlen = (int)strlen(detail);
        if (dlen > (int)sizeof e->detail - 1)
            dlen = (int)sizeof e->detail - 1;
        memcpy(e->detail, detail, (size_t)dlen);
        e->detail[dlen] = '\0';
    }
}

void asm_report_err(Asm *a, const AsmErr *e)
{
    if (e->msg >= 0)
        asm_error(a, e->off, e->msg, e->detail[0] ? e->detail : NULL);
}

static int by_stmt(const void *x, const void *y)
{
    const AsmDiag *p = x, *q = y;
    if (p->stmt != q->stmt)
        return p->stmt < q->stmt ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

void asm_print_diags(Asm *a, FILE *diag)
{
    /* by statement, then as found (pass 1 before pass 2) */
    if (a->ndiags > 1)
        qsort(a->diags, a->ndiags, sizeof *a->diags, by_stmt);
    if (diag == NULL)
        return;
    for (uint32_t i = 0; i < a->ndiags; i++) {
        const AsmDiag *d = &a->diags[i];
        int sev = msgs[d->msg].sev;
        const char *kind = sev >= 8 ? "error" : sev >= 4 ? "warning" : "note";
        if (d->stmt >= a->nstmts) {
            fprintf(diag, "%s: %s: %s %s%s%s\n", a->path, kind, msgs[d->msg].id,
                    msgs[d->msg].text, d->detail[0] ? " - " : "", d->detail);
            continue;
        }
        const AsmStmt *s = &a->stmts[d->stmt];
        uint32_t card, col;
        if (s->generated) {        /* at the macro call; the generated text under it */
            card = s->card0;
            fprintf(diag, "%s:%u:%u: %s: %s %s%s%s\n", a->files[a->card_file[card]],
                    a->card_line[card], 1, kind, msgs[d->msg].id, msgs[d->msg].text,
                    d->detail[0] ? " - " : "", d->detail);
            fprintf(diag, "+%s\n", asm_stmt_text(a, s));
            if (d->off >= 0)
                fprintf(diag, "%*s^\n", d->off + 1, "");
            continue;
        }
        asm_locate(a, s, d->off, &card, &col);
        if (d->card >= 0) {
            card = (uint32_t)d->card;
            col = (uint32_t)d->col;
        }
        fprintf(diag, "%s:%u:%u: %s: %s %s%s%s\n", a->files[a->card_file[card]],
                a->card_line[card], col + 1, kind,
                msgs[d->msg].id, msgs[d->msg].text, d->detail[0] ? " - " : "", d->detail);
        fprintf(diag, "%s\n%*s^\n", a->cards[card], (int)col, "");
    }
}
