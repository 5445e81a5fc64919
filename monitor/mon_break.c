/* mon_break.c — the breakpoint table and its commands: break and tbreak
 * (an instruction address, range, mnemonic or decode key), watch (storage
 * written or read, a register changed), ubreak (a micro-address, a
 * microroutine, or a description line FILE:LINE), break intr (an
 * interruption taken, of a class or any), each with an optional
 * count and condition; delete, disable, enable and the listing. Whether a
 * breakpoint fires is decided by the run loop (mon_exec.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "monitor/mon_int.h"

/* ---- breakpoints ---- */

void mon_break_recount(Mon *mon)
{
    mon->nread_watch = mon->nubreak = mon->nwrite_watch = mon->nreg_watch = mon->nexec = mon->nintr = 0;
    for (unsigned i = 0; i < mon->nbk; i++) {
        const MonBreak *b = &mon->bk[i];
        if (!b->enabled)
            continue;
        switch (b->kind) {
        case MON_BK_READ: mon->nread_watch++; break;
        case MON_BK_WRITE: mon->nwrite_watch++; break;
        case MON_BK_UADDR: mon->nubreak++; break;
        case MON_BK_REG: mon->nreg_watch++; break;
        case MON_BK_INTR: mon->nintr++; break;
        default: mon->nexec++; break;
        }
    }
}

static void break_free(MonBreak *b)
{
    free(b->cond);
    free(b->where);
}

void mon_break_free_all(Mon *mon)
{
    for (unsigned i = 0; i < mon->nbk; i++)
        break_free(&mon->bk[i]);
    free(mon->bk);
    mon->bk = NULL;
    mon->nbk = mon->capbk = 0;
    mon_break_recount(mon);
}

void mon_break_delete_at(Mon *mon, unsigned i)
{
    break_free(&mon->bk[i]);
    memmove(&mon->bk[i], &mon->bk[i + 1], (mon->nbk - i - 1) * sizeof *mon->bk);
    mon->nbk--;
    mon_break_recount(mon);
}

/* A hit of b: the condition and the count decide. 1 stop, 0 go on, -1 error. */
const char *mon_break_kind_name(int kind)
{
    static const char *const names[] = {
#define X(n, s) s,
        MON_BREAK_KINDS(X)
#undef X
    };
    return kind >= 0 && kind < MON_BK_NKINDS ? names[kind] : "?";
}

/* Exec and op breakpoints before the instruction at ia. Returns the
   firing breakpoint's index, -1 none, -2 error (reason set). */
/* Parse a copy of the operands (options are cut off it); errors still show
   the whole command line with the right column. */
static void copy_begin(Mon *mon, const char *args, char *text, size_t size, const char **saved)
{
    const char *start = mon_skip(args);
    snprintf(text, size, "%s", start);
    *saved = mon->line;
    if (mon->line) {
        uintptr_t a = (uintptr_t)start, l = (uintptr_t)mon->line;
        mon->shown_line = mon->line;
        mon->shift = a >= l && a <= l + strlen(mon->line) ? (int)(a - l) : 0;
    }
    mon->line = text;
}

static void copy_end(Mon *mon, const char *saved)
{
    mon->line = saved;
    mon->shown_line = NULL;
    mon->shift = 0;
}

/* "... [count N] [if COND]" at the end of a breakpoint command: cut off. */
static int break_options(Mon *mon, char *text, uint64_t *count, char **cond)
{
    *count = 1;
    *cond = NULL;
    for (char *p = text; *p; p++) {
        if ((p == text || p[-1] == ' ' || p[-1] == '\t') && strncasecmp(p, "if", 2) == 0 &&
            (p[2] == ' ' || p[2] == '\t')) {
            const char *c = mon_skip(p + 2);
            if (*c == 0)
                return mon_error(mon, p, "if needs a condition");
            int truth;
            if (mon_cond_text(mon, c, &truth) != 0)
                return -1;
            *cond = strdup(c);
            *p = 0;
            break;
        }
    }
    for (char *p = text; *p; p++) {
        if ((p == text || p[-1] == ' ' || p[-1] == '\t') && strncasecmp(p, "count", 5) == 0 &&
            (p[5] == ' ' || p[5] == '\t')) {
            const char *c = p + 5;
            if (mon_count(mon, &c, count) != 0 || !mon_at_end(c)) {
                if (mon_at_end(c))
                    return -1;
                return mon_error(mon, mon_skip(c), "unexpected '%s'", mon_skip(c));
            }
            *p = 0;
            break;
        }
    }
    return 0;
}

/* A new breakpoint with the fields every kind has; it takes over cond (freed
   when there is no memory) and copies where. NULL when out of memory. */
static MonBreak *break_new(Mon *mon, int kind, uint64_t lo, uint64_t hi, uint64_t count,
                           char *cond, const char *where)
{
    if (mon->nbk == mon->capbk) {
        unsigned cap = mon->capbk ? mon->capbk * 2 : 8;
        MonBreak *p = realloc(mon->bk, cap * sizeof *p);
        if (p == NULL) {
            free(cond);
            return NULL;
        }
        mon->bk = p;
        mon->capbk = cap;
    }
    MonBreak *b = &mon->bk[mon->nbk++];
    memset(b, 0, sizeof *b);
    b->id = ++mon->next_id;
    b->kind = kind;
    b->enabled = 1;
    b->insn = -1;
    b->ufile = -1;
    b->lo = lo;
    b->hi = hi;
    b->count = count;
    b->cond = cond;
    b->where = strdup(where);
    return b;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = 0;
}

static int add_break(Mon *mon, const char *args, int temporary)
{
    char text[400];
    const char *line0;
    copy_begin(mon, args, text, sizeof text, &line0);
    uint64_t count;
    char *cond;
    int rc = break_options(mon, text, &count, &cond);
    if (rc != 0) {
        copy_end(mon, line0);
        return -1;
    }
    trim(text);
    const UcMachine *m = mon->run.m;
    const char *p = text;
    int kind = MON_BK_EXEC;
    int insn = -1;
    char b_intr_class[16] = "";
    uint64_t lo = 0, hi = 0;
    if (*p == 0) {
        lo = hi = mon_ia(mon);
        snprintf(text, sizeof text, "%s", mon_addr(mon, lo));
    } else if (mon_keyword(&p, "op")) {
        kind = MON_BK_OP;
        char w[64];
        const char *e = mon_word(p, w, sizeof w);
        if (w[0] == 0 || !mon_at_end(e)) {
            rc = mon_error(mon, mon_skip(p), "break op needs one mnemonic or opcode");
        } else {
            for (uint32_t i = 0; i < m->ninsns && insn < 0; i++)
                if (strcasecmp(m->insns[i].mnemonic, w) == 0)
                    insn = (int)i;
            if (insn < 0) {
                const char *q = mon_skip(p);
                const char *digits = w[0] == '0' && (w[1] == 'x' || w[1] == 'X') ? w + 2 : w;
                if (!*digits || strspn(digits, "0123456789abcdefABCDEF") != strlen(digits))
                    rc = mon_error(mon, mon_skip(p), "'%s' is no mnemonic of %s and no opcode", w, m->name);
                else if (mon_expr(mon, &q, &lo) != 0)
                    rc = -1;
                else if (m->decode.key_len < 64 && lo >> m->decode.key_len)
                    rc = mon_error(mon, mon_skip(p), "opcode %llX is wider than the %u-bit decode key",
                                   (unsigned long long)lo, m->decode.key_len);
            }
        }
    } else if (mon_keyword(&p, "intr")) {
        /* an interruption taken: any, or of a class (the X of a low-core X_OLD) */
        kind = MON_BK_INTR;
        char w[64];
        const char *e = mon_word(p, w, sizeof w);
        if (!mon_at_end(e)) {
            rc = mon_error(mon, mon_skip(e), "break intr takes at most one class");
        } else if (w[0]) {
            char name[80];
            snprintf(name, sizeof name, "%s_OLD", w);
            int known = 0;
            for (uint32_t c = 0; c < m->nconsts && !known; c++)
                known = m->consts[c].kind == 1 && m->consts[c].name && strcasecmp(m->consts[c].name, name) == 0;
            if (!known || strlen(w) >= sizeof b_intr_class)
                rc = mon_error(mon, mon_skip(p), "machine %s has no interruption class '%s' (a low-core %s_OLD)",
                               m->name ? m->name : "?", w, w);
            else
                for (size_t k = 0; w[k]; k++)
                    b_intr_class[k] = (char)(w[k] >= 'a' && w[k] <= 'z' ? w[k] - 'a' + 'A' : w[k]),
                    b_intr_class[k + 1] = 0;
        }
    } else {
        unsigned space;
        uint64_t n;
        int have_len;
        if (mon_range(mon, &p, &space, &lo, &n, &have_len) != 0)
            rc = -1;
        else if (!mon_at_end(p))
            rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        else
            hi = lo + n - 1;
    }
    copy_end(mon, line0);
    if (rc != 0) {
        free(cond);
        return -1;
    }
    MonBreak *b = break_new(mon, kind, lo, hi, count, cond, text);
    if (b == NULL)
        return mon_error(mon, NULL, "out of memory");
    b->insn = insn;
    b->temporary = temporary;
    memcpy(b->intr, b_intr_class, sizeof b->intr);
    mon_break_recount(mon);
    fprintf(mon->out, "%sbreakpoint %d: %s%s%s\n", temporary ? "temporary " : "", b->id, b->where,
            cond ? " if " : "", cond ? cond : "");
    return 0;
}

int mon_cmd_break(Mon *mon, const char *args)
{
    return add_break(mon, args, 0);
}

int mon_cmd_tbreak(Mon *mon, const char *args)
{
    return add_break(mon, args, 1);
}

int mon_cmd_watch(Mon *mon, const char *args)
{
    char text[400];
    const char *line0;
    copy_begin(mon, args, text, sizeof text, &line0);
    uint64_t count;
    char *cond;
    int rc = break_options(mon, text, &count, &cond);
    trim(text);
    const char *p = text;
    int kind = MON_BK_WRITE;
    if (mon_keyword(&p, "read"))
        kind = MON_BK_READ;
    else if (mon_keyword(&p, "write"))
        kind = MON_BK_WRITE;
    const char *p0 = p;
    MonReg reg;
    unsigned space = 0;
    uint64_t lo = 0, n = 1;
    int have_len;
    if (rc == 0) {
        const char *q = p;
        int isreg = mon_parse_reg(mon, &q, &reg);
        if (isreg < 0) {
            rc = -1;
        } else if (isreg) {
            if (kind == MON_BK_READ || p != text)
                rc = mon_error(mon, p, "a register watchpoint is on any change (no read or write)");
            else if (!mon_at_end(q))
                rc = mon_error(mon, mon_skip(q), "unexpected '%s'", mon_skip(q));
            kind = MON_BK_REG;
        } else if (mon_at_end(p)) {
            rc = mon_error(mon, p, "watch needs an address or a register");
        } else if (mon_range(mon, &p, &space, &lo, &n, &have_len) != 0) {
            rc = -1;
        } else if (!mon_at_end(p)) {
            rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        }
    }
    copy_end(mon, line0);
    if (rc != 0) {
        free(cond);
        return -1;
    }
    MonBreak *b = break_new(mon, kind, lo, lo + n - 1, count, cond, mon_skip(p0));
    if (b == NULL)
        return mon_error(mon, NULL, "out of memory");
    b->space = space;
    if (kind == MON_BK_REG) {
        b->reg = reg;
        b->last = mon_reg_get(mon, &reg);
    }
    mon_break_recount(mon);
    fprintf(mon->out, "watchpoint %d: %s %s%s%s\n", b->id, kind == MON_BK_REG ? "change of" : mon_break_kind_name(kind),
            b->where, cond ? " if " : "", cond ? cond : "");
    return 0;
}

/* "file:line" -> file index and line, when some micro-word comes from it */
static int find_line(Mon *mon, const char *at, const char *text, int *file, uint32_t *line)
{
    const UcMachine *m = mon->run.m;
    const char *colon = strrchr(text, ':');
    size_t flen = (size_t)(colon - text);
    char *end;
    unsigned long l = strtoul(colon + 1, &end, 10);
    if (colon[1] == 0 || *end != 0 || l == 0)
        return mon_error(mon, at, "expected FILE:LINE, not '%s'", text);
    *file = -1;
    for (uint32_t f = 0; f < m->nfiles && *file < 0; f++) {
        const char *name = m->files[f].name ? m->files[f].name : "";
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        if ((strlen(name) == flen && strncmp(name, text, flen) == 0) ||
            (strlen(base) == flen && strncmp(base, text, flen) == 0))
            *file = (int)f;
    }
    if (*file < 0)
        return mon_error(mon, at, "no description file '%.*s' in machine %s", (int)flen, text, m->name);
    for (uint32_t w = 0; m->debug && w < m->nwords; w++)
        if (m->debug[w].file == (uint32_t)*file && m->debug[w].line == l) {
            *line = (uint32_t)l;
            return 0;
        }
    return mon_error(mon, at, "no micro-instruction comes from %s", text);
}

int mon_cmd_ubreak(Mon *mon, const char *args)
{
    char text[400];
    const char *line0;
    copy_begin(mon, args, text, sizeof text, &line0);
    uint64_t count;
    char *cond;
    int rc = break_options(mon, text, &count, &cond);
    trim(text);
    const UcMachine *m = mon->run.m;
    int file = -1;
    uint32_t line = 0;
    uint64_t lo = 0, hi = 0;
    if (rc == 0) {
        const UcRoutine *r = NULL;
        for (uint32_t i = 0; i < m->nroutines && !r; i++)
            if (m->routines[i].name && strcasecmp(m->routines[i].name, text) == 0)
                r = &m->routines[i];
        if (text[0] == 0) {
            rc = mon_error(mon, text, "ubreak needs a micro-address, a routine or FILE:LINE");
        } else if (r) {
            lo = hi = r->start;
        } else if (strchr(text, ':')) {
            rc = find_line(mon, text, text, &file, &line);
        } else {
            const char *p = text;
            if (*p == 'u' || *p == 'U')
                p++;
            if (mon_expr(mon, &p, &lo) != 0)
                rc = -1;
            else if (!mon_at_end(p))
                rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
            else if (lo >= m->nwords)
                rc = mon_error(mon, text, "micro-address %llX is past the control store (%u words)",
                               (unsigned long long)lo, m->nwords);
            hi = lo;
        }
    }
    copy_end(mon, line0);
    if (rc != 0) {
        free(cond);
        return -1;
    }
    MonBreak *b = break_new(mon, MON_BK_UADDR, lo, hi, count, cond, text);
    if (b == NULL)
        return mon_error(mon, NULL, "out of memory");
    b->ufile = file;
    b->uline = line;
    mon_break_recount(mon);
    fprintf(mon->out, "micro-breakpoint %d: %s%s%s\n", b->id, b->where, cond ? " if " : "", cond ? cond : "");
    return 0;
}

/* delete / disable / enable: ID... or all */
static int for_ids(Mon *mon, const char *args, int action)
{
    const char *p = mon_skip(args);
    if (*p == 0)
        return mon_error(mon, p, "give breakpoint numbers or all");
    if (mon_keyword(&p, "all")) {
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        if (action == 0)
            mon_break_free_all(mon);
        else
            for (unsigned i = 0; i < mon->nbk; i++)
                mon->bk[i].enabled = action > 0;
        mon_break_recount(mon);
        return 0;
    }
    while (!mon_at_end(p)) {
        const char *at = mon_skip(p);
        uint64_t id;
        if (mon_count(mon, &p, &id) != 0)
            return -1;
        unsigned i = 0;
        while (i < mon->nbk && (uint64_t)mon->bk[i].id != id)
            i++;
        if (i == mon->nbk)
            return mon_error(mon, at, "no breakpoint %llu", (unsigned long long)id);
        if (action == 0) {
            mon_break_delete_at(mon, i);
        } else {
            mon->bk[i].enabled = action > 0;
            if (mon->bk[i].kind == MON_BK_REG)
                mon->bk[i].last = mon_reg_get(mon, &mon->bk[i].reg);
        }
        p = mon_skip(p);
        if (*p == ',')
            p++;
    }
    mon_break_recount(mon);
    return 0;
}

int mon_cmd_delete(Mon *mon, const char *args) { return for_ids(mon, args, 0); }
int mon_cmd_disable(Mon *mon, const char *args) { return for_ids(mon, args, -1); }
int mon_cmd_enable(Mon *mon, const char *args) { return for_ids(mon, args, 1); }

int mon_cmd_breaks(Mon *mon, const char *args)
{
    if (!mon_at_end(args))
        return mon_error(mon, mon_skip(args), "breaks takes no operand");
    if (mon->nbk == 0) {
        fprintf(mon->out, "no breakpoints\n");
        return 0;
    }
    for (unsigned i = 0; i < mon->nbk; i++) {
        const MonBreak *b = &mon->bk[i];
        fprintf(mon->out, "%3d %-5s %-3s %s", b->id, mon_break_kind_name(b->kind), b->enabled ? "on" : "off", b->where);
        if (b->temporary)
            fprintf(mon->out, " (temporary)");
        if (b->count > 1)
            fprintf(mon->out, " count %llu", (unsigned long long)b->count);
        if (b->cond)
            fprintf(mon->out, " if %s", b->cond);
        fprintf(mon->out, "  hits %llu\n", (unsigned long long)b->hits);
    }
    return 0;
}
