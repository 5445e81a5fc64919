/* isa_main.c — isac's entry points: compiling a description from a file or
 * a string (following `extend`, isa/LANGUAGE.md "Extending a description"),
 * and the `mcemu isac` command: write the .ucode (microcode/uc_file.h), the
 * microcode listing (isa_list.c) and the Markdown reference (isa_doc.c).
 * Nothing is written when the description has errors.
 */
#include <stdlib.h>
#include <string.h>
#include "isa.h"
#include "isa_ast.h"
#include "../microcode/uc_file.h"

#define MAX_FILE (16u << 20)
#define MAX_EXTEND 8

UcMachine *isa_build(IsaCtx *c);

static char *read_all(const char *path, size_t *len, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "cannot open %s", path);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap >= MAX_FILE) {
                snprintf(err, errsize, "%s is larger than %u bytes", path, MAX_FILE);
                free(buf);
                buf = NULL;
                break;
            }
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    if (buf && ferror(f)) {
        snprintf(err, errsize, "cannot read %s", path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (!buf && !err[0])
        snprintf(err, errsize, "out of memory reading %s", path);
    *len = n;
    return buf;
}

/* Parse file `file`, with the files it extends placed before it. */
static IsaDecl *parse_tree(IsaCtx *c, int file, int depth, const char **stack)
{
    IsaDecl *saved = c->decls, **saved_tail = c->tail;
    c->decls = NULL;
    c->tail = &c->decls;
    isa_parse_file(c, file);
    IsaDecl *mine = c->decls;
    c->decls = saved;
    c->tail = saved_tail;
    IsaDecl *out = NULL, **ot = &out;
    IsaDecl *rest = NULL, **rt = &rest;
    stack[depth] = c->files[file].name;
    for (IsaDecl *d = mine, *next; d; d = next) {
        next = d->next;
        d->next = NULL;
        if (d->kind != D_EXTEND) {
            *rt = d;
            rt = &d->next;
            continue;
        }
        if (depth + 1 >= MAX_EXTEND) {
            isa_error(c, d->loc, "'extend' nested more than %d deep", MAX_EXTEND);
            continue;
        }
        /* the path is relative to the extending file */
        const char *base = c->files[file].name;
        const char *slash = strrchr(base, '/');
        char path[4096];
        if (d->str[0] == '/' || !slash || c->files[file].text == NULL)
            snprintf(path, sizeof path, "%s", d->str);
        else
            snprintf(path, sizeof path, "%.*s/%s", (int)(slash - base), base, d->str);
        int cycle = 0;
        for (int i = 0; i <= depth; i++)
            if (strcmp(stack[i], path) == 0)
                cycle = 1;
        if (cycle) {
            isa_error(c, d->loc, "'extend \"%s\"' makes a cycle", d->str);
            continue;
        }
        char err[512] = "";
        size_t len;
        char *text = read_all(path, &len, err, sizeof err);
        if (!text) {
            isa_error(c, d->loc, "%s", err);
            continue;
        }
        int f = isa_add_file(c, path, text, len);
        free(text);
        if (f < 0) {
            isa_error(c, d->loc, "out of memory");
            continue;
        }
        IsaDecl *sub = parse_tree(c, f, depth + 1, stack);
        *ot = sub;
        while (*ot)
            ot = &(*ot)->next;
    }
    *ot = rest;
    return out;
}

void isa_ctx_free(IsaCtx *c)
{
    for (int i = 0; i < c->nfiles; i++) {
        free(c->files[i].name);
        free(c->files[i].text);
    }
    free(c->files);
    isa_arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

UcMachine *isa_compile_ctx(IsaCtx *c, const char *name, const char *text, size_t len, FILE *diag)
{
    memset(c, 0, sizeof *c);
    c->diag = diag;
    c->max_errors = 200;
    c->tail = &c->decls;
    int f = isa_add_file(c, name, text, len);
    if (f < 0) {
        c->nerrors++;
        return NULL;
    }
    const char *stack[MAX_EXTEND + 1];
    IsaDecl *all = parse_tree(c, f, 0, stack);
    c->decls = all;
    c->tail = &c->decls;
    while (*c->tail)
        c->tail = &(*c->tail)->next;
    /* syntax errors make the tree partial: the checker would only add noise */
    if (c->nerrors)
        return NULL;
    return isa_build(c);
}

static UcMachine *finish(IsaCtx *c, UcMachine *m, int *nerrors)
{
    if (nerrors)
        *nerrors = c->nerrors;
    if (c->nerrors && m) {
        uc_machine_free(m);
        m = NULL;
    }
    isa_ctx_free(c);
    return m;
}

UcMachine *isa_compile_string(const char *name, const char *text, FILE *diag, int *nerrors)
{
    IsaCtx c;
    UcMachine *m = isa_compile_ctx(&c, name ? name : "<string>", text ? text : "", text ? strlen(text) : 0, diag);
    return finish(&c, m, nerrors);
}

UcMachine *isa_compile_file(const char *path, FILE *diag, int *nerrors)
{
    char err[512] = "";
    size_t len;
    char *text = read_all(path, &len, err, sizeof err);
    if (!text) {
        if (diag)
            fprintf(diag, "isac: %s\n", err);
        if (nerrors)
            *nerrors = 1;
        return NULL;
    }
    IsaCtx c;
    UcMachine *m = isa_compile_ctx(&c, path, text, len, diag);
    free(text);
    return finish(&c, m, nerrors);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: mcemu isac FILE.isa [-o FILE.ucode] [--list] [--doc [FILE.md]]\n"
               "  -o FILE.ucode   write the compiled machine\n"
               "  --list          print the microcode listing (every micro-word and its source line)\n"
               "  --doc [FILE.md] write the Markdown reference (to stdout without FILE.md)\n");
}

int isa_main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *docfile = NULL;
    int list = 0, doc = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "isac: -o needs a file name\n");
                usage(stderr);
                return 2;
            }
            out = argv[++i];
        } else if (strcmp(a, "--list") == 0) {
            list = 1;
        } else if (strcmp(a, "--doc") == 0) {
            doc = 1;
            if (i + 1 < argc && argv[i + 1][0] != '-' && strlen(argv[i + 1]) > 3 &&
                strcmp(argv[i + 1] + strlen(argv[i + 1]) - 3, ".md") == 0)
                docfile = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "isac: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (in) {
            fprintf(stderr, "isac: one description at a time ('%s' and '%s')\n", in, a);
            usage(stderr);
            return 2;
        } else {
            in = a;
        }
    }
    if (!in) {
        fprintf(stderr, "isac: no description given\n");
        usage(stderr);
        return 2;
    }
    char err[512] = "";
    size_t len;
    char *text = read_all(in, &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, "isac: %s\n", err);
        return 1;
    }
    IsaCtx c;
    UcMachine *m = isa_compile_ctx(&c, in, text, len, stderr);
    free(text);
    if (c.nerrors || !m) {
        fprintf(stderr, "isac: %s: %d error%s; nothing written\n", in, c.nerrors, c.nerrors == 1 ? "" : "s");
        if (m)
            uc_machine_free(m);
        isa_ctx_free(&c);
        return 1;
    }
    int rc = 0;
    if (out && uc_write_file(m, out, err, sizeof err) != 0) {
        fprintf(stderr, "isac: %s\n", err[0] ? err : "cannot write the .ucode file");
        rc = 1;
    }
    if (list)
        isa_write_listing(m, stdout);
    if (doc) {
        FILE *f = docfile ? fopen(docfile, "w") : stdout;
        if (!f) {
            fprintf(stderr, "isac: cannot write %s\n", docfile);
            rc = 1;
        } else {
            isa_write_doc(&c, m, f);
            if (docfile && fclose(f) != 0) {
                fprintf(stderr, "isac: cannot write %s\n", docfile);
                rc = 1;
            }
        }
    }
    uc_machine_free(m);
    isa_ctx_free(&c);
    return rc;
}
