/* isa_diag.c — diagnostics of isac in the GNU form: "file:line:col: error:
 * text", then the source line and a caret under the column. Every error is
 * counted; after a generous number the rest are summarised, so a hostile
 * input cannot flood the output.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "isa_ast.h"

int isa_add_file(IsaCtx *c, const char *name, const char *text, size_t len)
{
    IsaFile *nf = realloc(c->files, sizeof *nf * (size_t)(c->nfiles + 1));
    if (!nf)
        return -1;
    c->files = nf;
    IsaFile *f = &c->files[c->nfiles];
    f->name = strdup(name);
    f->text = malloc(len + 1);
    if (!f->name || !f->text) {
        free(f->name);
        free(f->text);
        return -1;
    }
    memcpy(f->text, text, len);
    f->text[len] = 0;
    f->len = len;
    return c->nfiles++;
}

static void show_line(IsaCtx *c, IsaLoc loc)
{
    if (loc.file < 0 || loc.file >= c->nfiles || loc.line <= 0)
        return;
    const IsaFile *f = &c->files[loc.file];
    const char *p = f->text, *end = f->text + f->len;
    for (int line = 1; line < loc.line && p < end; p++)
        if (*p == '\n')
            line++;
    if (p >= end && loc.line > 1)
        return;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r')
        e++;
    fprintf(c->diag, "%.*s\n", (int)(e - p), p);
    for (int i = 1; i < loc.col && p + i - 1 < e; i++)
        fputc(p[i - 1] == '\t' ? '\t' : ' ', c->diag);
    fputs("^\n", c->diag);
}

/* The same message at the same place is shown once (an instruction lowered
   in several variants would repeat it). */
static int seen_before(IsaCtx *c, IsaLoc loc, const char *sev, const char *text)
{
    uint64_t h = 1469598103934665603u;
    char pos[64];
    snprintf(pos, sizeof pos, "%d:%d:%d:%s:", loc.file, loc.line, loc.col, sev);
    for (const char *p = pos; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    for (const char *p = text; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    for (int i = 0; i < c->nseen; i++)
        if (c->seen[i] == h)
            return 1;
    if (c->nseen < (int)(sizeof c->seen / sizeof c->seen[0]))
        c->seen[c->nseen++] = h;
    return 0;
}

static void report(IsaCtx *c, IsaLoc loc, const char *sev, const char *fmt, va_list ap)
{
    if (!c->diag)
        return;
    if (loc.file >= 0 && loc.file < c->nfiles)
        fprintf(c->diag, "%s:%d:%d: %s: ", c->files[loc.file].name, loc.line, loc.col, sev);
    else
        fprintf(c->diag, "isac: %s: ", sev);
    vfprintf(c->diag, fmt, ap);
    fputc('\n', c->diag);
    show_line(c, loc);
}

void isa_error(IsaCtx *c, IsaLoc loc, const char *fmt, ...)
{
    char text[1024];
    va_list ap0;
    va_start(ap0, fmt);
    vsnprintf(text, sizeof text, fmt, ap0);
    va_end(ap0);
    if (seen_before(c, loc, "error", text))
        return;
    c->nerrors++;
    if (c->nerrors > c->max_errors) {
        if (c->nerrors == c->max_errors + 1 && c->diag)
            fprintf(c->diag, "isac: too many errors; the rest are not shown\n");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    report(c, loc, "error", fmt, ap);
    va_end(ap);
}

void isa_warning(IsaCtx *c, IsaLoc loc, const char *fmt, ...)
{
    char text[1024];
    va_list ap0;
    va_start(ap0, fmt);
    vsnprintf(text, sizeof text, fmt, ap0);
    va_end(ap0);
    if (seen_before(c, loc, "warning", text))
        return;
    c->nwarnings++;
    if (c->nerrors > c->max_errors)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(c, loc, "warning", fmt, ap);
    va_end(ap);
}

void isa_note(IsaCtx *c, IsaLoc loc, const char *fmt, ...)
{
    if (c->nerrors > c->max_errors)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(c, loc, "note", fmt, ap);
    va_end(ap);
}
