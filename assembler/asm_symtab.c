/* asm_symtab.c — the ordinary-symbol table.
 *
 * HLASM Language Reference, "Symbols": up to 63 characters, the first a
 * letter or $ # @ _, the rest letters, digits or $ # @ _; lower case is
 * folded to upper case. A symbol keeps its value, relocatability (the section
 * it is relative to), length attribute, defining statement and, in pass 2,
 * the statements referring to it for the cross-reference.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"

int asm_is_symstart(int c)
{
    return isalpha((unsigned char)c) || c == '$' || c == '#' || c == '@' || c == '_';
}

int asm_is_symchar(int c)
{
    return asm_is_symstart(c) || isdigit((unsigned char)c);
}

static uint32_t hash_upper(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint32_t)toupper((unsigned char)s[i])) * 16777619u;
    return h;
}

static int same_upper(const char *stored, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (stored[i] != toupper((unsigned char)s[i]))
            return 0;
    return stored[n] == '\0';
}

int32_t asm_sym_find(const Asm *a, const char *name, size_t len)
{
    if (a->symhsize == 0)
        return -1;
    uint32_t h = hash_upper(name, len) & (a->symhsize - 1);
    for (int32_t i = a->symhash[h]; i >= 0; i = a->syms[i].next)
        if (same_upper(a->syms[i].name, name, len))
            return i;
    return -1;
}

static int rehash(Asm *a, uint32_t size)
{
    int32_t *t = malloc(size * sizeof *t);
    if (t == NULL)
        return -1;
    for (uint32_t i = 0; i < size; i++)
        t[i] = -1;
    free(a->symhash);
    a->symhash = t;
    a->symhsize = size;
    for (uint32_t i = 0; i < a->nsyms; i++) {
        uint32_t h = hash_upper(a->syms[i].name, strlen(a->syms[i].name)) & (size - 1);
        a->syms[i].next = t[h];
        t[h] = (int32_t)i;
    }
    return 0;
}

int32_t asm_sym_intern(Asm *a, const char *name, size_t len)
{
    int32_t i = asm_sym_find(a, name, len);
    if (i >= 0)
        return i;
    if (a->nsyms + 1 > a->symhsize / 2 && rehash(a, a->symhsize ? a->symhsize * 2 : 1024) < 0)
        return -1;
    if (a->nsyms == a->capsyms) {
        uint32_t n = a->capsyms ? a->capsyms * 2 : 256;
        AsmSym *q = realloc(a->syms, n * sizeof *q);
        if (q == NULL)
            return -1;
        a->syms = q;
        a->capsyms = n;
    }
    AsmSym *s = &a->syms[a->nsyms];
    memset(s, 0, sizeof *s);
    s->name = malloc(len + 1);
    if (s->name == NULL)
        return -1;
    for (size_t k = 0; k < len; k++)
        s->name[k] = (char)toupper((unsigned char)name[k]);
    s->name[len] = '\0';
    s->defstmt = -1;
    s->length = 1;
    uint32_t h = hash_upper(name, len) & (a->symhsize - 1);
    s->next = a->symhash[h];
    a->symhash[h] = (int32_t)a->nsyms;
    return (int32_t)a->nsyms++;
}

/* A reference from statement stmt, once per statement, in pass 2. */
static void add_ref(const Asm *a, uint32_t **refs, uint32_t *n, uint32_t *cap, uint32_t stmt)
{
    if (a->pass != 2 || (*n && (*refs)[*n - 1] == stmt))
        return;
    if (*n == *cap) {
        uint32_t c = *cap ? *cap * 2 : 4;
        uint32_t *q = realloc(*refs, c * sizeof *q);
        if (q == NULL)
            return;
        *refs = q;
        *cap = c;
    }
    (*refs)[(*n)++] = stmt;
}

void asm_sym_ref(Asm *a, int32_t sym, uint32_t stmt)
{
    AsmSym *s = &a->syms[sym];
    add_ref(a, &s->refs, &s->nrefs, &s->caprefs, stmt);
}

void asm_lit_ref(Asm *a, int32_t lit, uint32_t stmt)
{
    AsmLit *l = &a->lits[lit];
    add_ref(a, &l->refs, &l->nrefs, &l->caprefs, stmt);
}

int64_t asm_sym_value(const Asm *a, const AsmSym *s)
{
    if (s->sect > 0)
        return a->sects[s->sect].start + s->value;
    int64_t v = s->value;
    for (uint8_t i = 0; s->sect < 0 && i < s->ncx; i++)
        v += (int64_t)s->cx[2 * i + 1] * a->sects[s->cx[2 * i]].start;
    return v;
}
