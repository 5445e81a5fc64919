/* isa_ast.c — the arena that owns a compilation's syntax tree and strings,
 * and the node constructors the parser calls. Everything is freed at once
 * when the compilation ends, so error recovery never leaks or double-frees.
 */
#include <stdlib.h>
#include <string.h>
#include "isa_ast.h"

struct IsaArena {
    IsaArena *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

#define ARENA_CHUNK (64 * 1024)

void *isa_alloc(IsaCtx *c, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    IsaArena *a = c->arena;
    if (!a || a->used + size > a->size) {
        size_t n = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        IsaArena *b = malloc(sizeof *b + n);
        if (!b) {
            fprintf(stderr, "isac: out of memory\n");
            exit(1);
        }
        b->used = 0;
        b->size = n;
        b->next = a;
        c->arena = a = b;
    }
    void *p = a->data + a->used;
    a->used += size;
    memset(p, 0, size);
    return p;
}

void isa_arena_free(IsaArena *a)
{
    while (a) {
        IsaArena *n = a->next;
        free(a);
        a = n;
    }
}

char *isa_strndup(IsaCtx *c, const char *s, size_t n)
{
    char *p = isa_alloc(c, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *isa_strdup(IsaCtx *c, const char *s)
{
    return isa_strndup(c, s, strlen(s));
}

IsaExpr *isa_expr(IsaCtx *c, int kind, IsaLoc loc)
{
    IsaExpr *e = isa_alloc(c, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    e->access = ISA_ACC_DEFAULT;
    e->depth = 1;
    return e;
}

IsaStmt *isa_stmt(IsaCtx *c, int kind, IsaLoc loc)
{
    IsaStmt *s = isa_alloc(c, sizeof *s);
    s->kind = kind;
    s->loc = loc;
    s->access = ISA_ACC_DEFAULT;
    return s;
}

IsaDecl *isa_decl(IsaCtx *c, int kind, IsaLoc loc)
{
    IsaDecl *d = isa_alloc(c, sizeof *d);
    d->kind = kind;
    d->loc = loc;
    return d;
}

void isa_push(IsaCtx *c, void *arrp, int *n, const void *x, size_t elem)
{
    unsigned char **arr = arrp;
    int cap = 4;
    while (cap < *n + 1)
        cap *= 2;
    /* grow when n reaches a power of two (arena arrays are never freed) */
    if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
        unsigned char *na = isa_alloc(c, (size_t)cap * elem);
        if (*n)
            memcpy(na, *arr, (size_t)*n * elem);
        *arr = na;
    }
    memcpy(*arr + (size_t)*n * elem, x, elem);
    (*n)++;
}

void isa_add_decl(IsaCtx *c, IsaDecl *d)
{
    if (!d)
        return;
    d->next = NULL;
    *c->tail = d;
    c->tail = &d->next;
}

/* The source text between two positions of one file (for --doc). */
char *isa_source_slice(IsaCtx *c, IsaLoc from, IsaLoc to)
{
    if (from.file < 0 || from.file >= c->nfiles || from.file != to.file)
        return NULL;
    const IsaFile *f = &c->files[from.file];
    size_t off[2] = {0, 0};
    IsaLoc at[2] = {from, to};
    for (int k = 0; k < 2; k++) {
        int line = 1;
        size_t i = 0;
        while (i < f->len && line < at[k].line)
            if (f->text[i++] == '\n')
                line++;
        i += (size_t)(at[k].col > 0 ? at[k].col - 1 : 0);
        off[k] = i > f->len ? f->len : i;
    }
    if (off[1] < off[0])
        return NULL;
    return isa_strndup(c, f->text + off[0], off[1] - off[0]);
}
