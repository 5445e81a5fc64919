/* mon_cmd.c — the monitor's command interpreter: the command table (from
 * mon_commands.h), name and prefix lookup, comments and script arguments,
 * error messages with their location, scripts (do), and the commands that
 * manage the session: help, quit, set, show, echo, assert, if, load,
 * reset, save, restore, symbols.
 *
 * A command line is NAME [ARGS]; NAME is a command, its alias or a unique
 * prefix of it. `REG = VALUE` sets a register, a register name alone shows
 * it. `#` at the start of a word
 * and `;` outside quotes begin a comment. In a script run by `do`, %0 is
 * the script's name and %1..%9 its arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "monitor/mon_int.h"

#define DEFAULT_LIMIT 100000000ull
#define DEFAULT_BACK 1000u
#define DEFAULT_HISTORY 64u
#define MAX_DEPTH 16

typedef struct MonCommand {
    const char *name, *alias;
    int repeat;
    const char *usage, *help;
    int (*fn)(Mon *mon, const char *args);
} MonCommand;

static const MonCommand commands[] = {
#define MON_CMD(n, a, r, u, h) { #n, a, r, u, h, mon_cmd_##n },
#include "monitor/mon_commands.h"
#undef MON_CMD
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const char *mon_command_name(unsigned i)
{
    return i < NCOMMANDS ? commands[i].name : NULL;
}

/* ---- errors ---- */

void mon_flush_guest(Mon *mon)
{
    if (mon->run.cpu && mon->own_run)
        emu_assist_finish(&mon->run);
    if (mon->run.out)
        fflush(mon->run.out);
    fflush(mon->out);
}

int mon_error(Mon *mon, const char *at, const char *fmt, ...)
{
    va_list ap;
    mon_flush_guest(mon);
    int col = 1;
    if (at && mon->line) {
        uintptr_t a = (uintptr_t)at, l = (uintptr_t)mon->line;
        size_t len = strlen(mon->line);
        if (a >= l && a <= l + len)
            col = (int)(a - l) + 1;
    }
    const char *shown = mon->line;
    if (mon->shown_line) {
        shown = mon->shown_line;
        col += mon->shift;
    }
    if (mon->src_name)
        fprintf(mon->err, "%s:%u:%d: error: ", mon->src_name, mon->src_line, col);
    else
        fprintf(mon->err, "error: ");
    va_start(ap, fmt);
    vfprintf(mon->err, fmt, ap);
    va_end(ap);
    fputc('\n', mon->err);
    if (mon->src_name && shown) {
        fprintf(mon->err, "%s\n", shown);
        fprintf(mon->err, "%*s^\n", col - 1, "");
    }
    fflush(mon->err);
    mon->nerrors++;
    return -1;
}

/* ---- the line interpreter ---- */

/* Substitute %0..%9 and cut the comment off, into out. */
static void prepare(Mon *mon, const char *line, char *out, size_t size)
{
    size_t n = 0;
    int quote = 0;
    for (const char *p = line; *p && n + 1 < size; p++) {
        if (*p == '\n' || *p == '\r')
            break;
        if (*p == '\'')
            quote = !quote;
        if (!quote && (*p == ';' || (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t'))))
            break;
        if (*p == '%' && p[1] >= '0' && p[1] <= '9' && mon->depth > 0) {
            const char *a = mon->args[p[1] - '0'];
            for (; a && *a && n + 1 < size; a++)
                out[n++] = *a;
            p++;
            continue;
        }
        out[n++] = *p;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = 0;
}

static int lookup(Mon *mon, const char *word, const char *at, const MonCommand **cmd)
{
    *cmd = NULL;
    for (unsigned i = 0; i < NCOMMANDS; i++)
        if (strcasecmp(commands[i].name, word) == 0 || (commands[i].alias[0] && strcasecmp(commands[i].alias, word) == 0)) {
            *cmd = &commands[i];
            return 0;
        }
    size_t n = strlen(word);
    int found = 0;
    char names[300] = "";
    for (unsigned i = 0; i < NCOMMANDS; i++)
        if (strncasecmp(commands[i].name, word, n) == 0) {
            found++;
            *cmd = &commands[i];
            size_t k = strlen(names);
            snprintf(names + k, sizeof names - k, "%s%s", k ? ", " : "", commands[i].name);
        }
    if (found == 1)
        return 0;
    *cmd = NULL;
    if (found > 1)
        return mon_error(mon, at, "ambiguous command '%s': %s", word, names);
    return 1;
}

int mon_exec_line(Mon *mon, const char *line, int interactive)
{
    char buf[2048];
    prepare(mon, line, buf, sizeof buf);
    const char *p = mon_skip(buf);
    if (*p == 0) {
        if (interactive && mon->last[0]) {
            snprintf(buf, sizeof buf, "%s", mon->last);
            p = buf;
        } else {
            return 0;
        }
    }
    const char *saved_line = mon->line;
    mon->line = buf;
    if (mon->echo)
        fprintf(mon->out, "> %s\n", p);
    char word[64];
    size_t n = 0;
    const char *w = p;
    while (*w && (isalnum((unsigned char)*w) || *w == '_' || *w == '?' || *w == '.' || *w == '[' || *w == ']')) {
        if (n + 1 < sizeof word)
            word[n++] = *w;
        w++;
    }
    word[n] = 0;
    int rc;
    const MonCommand *cmd = NULL;
    if (n == 0) {
        rc = mon_error(mon, p, "expected a command (help lists them)");
    } else if ((rc = lookup(mon, word, p, &cmd)) < 0) {
        /* ambiguous: reported */
    } else if (cmd == NULL) {
        /* REG = VALUE */
        const char *q = p;
        MonReg r;
        int isreg = mon->run.m ? mon_parse_reg(mon, &q, &r) : 0;
        if (isreg > 0 && *mon_skip(q) == '=')
            rc = mon_cmd_deposit(mon, p);
        else if (isreg > 0 && mon_at_end(q))
            rc = mon_cmd_regs(mon, p);    /* a register name alone shows it */
        else if (isreg >= 0 && *mon_skip(w) == '=')
            rc = mon_error(mon, p, "no register named '%s'", word);
        else if (isreg >= 0)
            rc = mon_error(mon, p, "unknown command '%s' (help lists them)", word);
        else
            rc = -1;
    } else if (mon->run.m == NULL && cmd->fn != mon_cmd_help && cmd->fn != mon_cmd_quit &&
               cmd->fn != mon_cmd_echo && cmd->fn != mon_cmd_load) {
        rc = mon_error(mon, p, "no machine is loaded");
    } else {
        if (*w && *w != ' ' && *w != '\t' && *w != '/' && *w != '=')
            rc = mon_error(mon, w, "unknown command '%s%c...' (help lists them)", word, *w);
        else
            rc = cmd->fn(mon, w);
    }
    if (interactive) {
        if (cmd && cmd->repeat == 1 && rc == 0 && strlen(p) < sizeof mon->last)
            memcpy(mon->last, p, strlen(p) + 1);
        else if (cmd && cmd->repeat == 2 && rc == 0)
            snprintf(mon->last, sizeof mon->last, "%s", cmd->name);
        else
            mon->last[0] = 0;
    }
    fflush(mon->out);
    mon->line = saved_line;
    return rc;
}

int mon_do_file(Mon *mon, const char *path, int argc, char **argv)
{
    if (mon->depth >= MAX_DEPTH)
        return mon_error(mon, NULL, "do: scripts nested more than %d deep", MAX_DEPTH);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return mon_error(mon, NULL, "cannot open the script %s", path);
    const char *saved_name = mon->src_name;
    unsigned saved_line = mon->src_line;
    char *saved_args[10];
    memcpy(saved_args, mon->args, sizeof saved_args);
    memset(mon->args, 0, sizeof mon->args);
    mon->args[0] = strdup(path);
    for (int i = 0; i < argc && i < 9; i++)
        mon->args[i + 1] = strdup(argv[i]);
    mon->src_name = path;
    mon->src_line = 0;
    mon->depth++;
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (getline(&line, &cap, f) >= 0) {
        mon->src_line++;
        if (mon_exec_line(mon, line, 0) != 0)
            rc = -1;
        if (mon->quit || mon->failed)
            break;
    }
    free(line);
    fclose(f);
    mon->depth--;
    for (int i = 0; i < 10; i++)
        free(mon->args[i]);
    memcpy(mon->args, saved_args, sizeof saved_args);
    mon->src_name = saved_name;
    mon->src_line = saved_line;
    return rc;
}

/* ---- setting up a machine ---- */

static void find_names(Mon *mon)
{
    const UcMachine *m = mon->run.m;
    mon->ia_field = mon->ia_item = mon->cc_field = -1;
    if (!mon->radix_set)              /* set radix stays for the session */
        mon->radix = 16;              /* a description may say otherwise: const RADIX = 10; */
    for (uint32_t c = 0; c < m->nconsts && !mon->radix_set; c++)
        if (m->consts[c].name && strcmp(m->consts[c].name, "RADIX") == 0 &&
            (m->consts[c].value == 8 || m->consts[c].value == 10 || m->consts[c].value == 16))
            mon->radix = (unsigned)m->consts[c].value;
    for (uint32_t f = 0; f < m->nfields; f++) {
        if (mon->ia_field < 0 && strcmp(m->fields[f].name, "IA") == 0)
            mon->ia_field = (int)f;
        if (mon->cc_field < 0 && strcmp(m->fields[f].name, "CC") == 0)
            mon->cc_field = (int)f;
    }
    static const char *const ia_names[] = { "IA", "IC", "PC", "I", "IS" };   /* IS: the 1401 */
    for (size_t k = 0; k < sizeof ia_names / sizeof ia_names[0] && mon->ia_field < 0 && mon->ia_item < 0; k++) {
        int it = uc_machine_find_item(m, ia_names[k]);
        if (it >= 0 && m->items[it].kind == UC_ITEM_REG)
            mon->ia_item = it;
    }
}

static void attached(Mon *mon)
{
    find_names(mon);
    mon_hook_install(mon);
    mon->at_boundary = 1;
    mon->exam_space = 0;
    mon->next_exam = mon->next_dis = mon->insn_ia = mon_ia(mon);
    for (unsigned i = 0; i < mon->nbk; i++)
        if (mon->bk[i].kind == MON_BK_REG)
            mon->bk[i].last = mon_reg_get(mon, &mon->bk[i].reg);
}

/* (Re)load the machine and program through the same path as `mcemu run`.
   The new run is opened beside the old one, which is kept when it fails. */
static int reopen(Mon *mon, const char *program)
{
    EmuRun *r = &mon->run;
    EmuRun n = *r;                    /* settings: load, start, storage, devices, out */
    if (program && access(program, R_OK) != 0)
        return mon_error(mon, NULL, "cannot read %s: %s", program, strerror(errno));
    n.m = NULL;
    n.cpu = NULL;
    n.img = NULL;
    n.board = NULL;
    n.board_ctx = NULL;
    n.reader_fp = n.punch_fp = n.printer_fp = NULL;
    n.printer_col = 0;
    n.program = program ? strdup(program) : NULL;
    n.is_source = program && emu_is_source_name(program);
    n.require_load = 1;               /* an image needs set load, unless the board loads it (decks) */
    if (n.is_source && !n.have_load)
        n.load = 0x1000;
    mon_flush_guest(mon);
    if (emu_run_open(&n, mon->machine) != 0) {
        emu_run_close(&n);
        free((char *)n.program);
        fflush(stderr);
        mon->nerrors++;
        return -1;
    }
    mon_hook_remove(mon);
    if (mon->own_run && r->m)
        emu_run_close(r);
    free((char *)r->program);
    *r = n;
    mon->own_run = 1;
    /* the boards bound their helpers with the EmuRun as context: it moved */
    for (uint32_t h = 0; h < r->m->nhelpers; h++)
        if (r->cpu->helper_ctx[h] == (void *)&n)
            r->cpu->helper_ctx[h] = r;
    attached(mon);
    mon_board_attached(mon);
    return 0;
}

/* ---- public entry points ---- */

Mon *mon_new(FILE *out, FILE *err)
{
    Mon *mon = calloc(1, sizeof *mon);
    if (mon == NULL)
        return NULL;
    mon->out = out;
    mon->err = err;
    mon->run.out = out;
    mon->headless = 1;
    mon->limit = DEFAULT_LIMIT;
    mon->tier = 1;                    /* where the machine has it, as mcemu run */
    mon->ia_field = mon->ia_item = mon->cc_field = -1;
    mon->prev_upc = UINT32_MAX;
    mon_ring_resize(mon, DEFAULT_BACK);
    mon_hist_resize(mon, DEFAULT_HISTORY);
    return mon;
}

int mon_attach(Mon *mon, UcMachine *m, UcCpu *cpu)
{
    mon_hook_remove(mon);
    mon->run.m = m;
    mon->run.cpu = cpu;
    mon->run.board = NULL;
    mon->own_run = 0;
    attached(mon);
    return 0;
}

int mon_open(Mon *mon, const char *program)
{
    return reopen(mon, program);
}

int mon_command(Mon *mon, const char *line)
{
    const char *saved = mon->src_name;
    if (mon->src_name == NULL)
        mon->src_name = "<command>";
    mon->src_line++;
    int rc = mon_exec_line(mon, line, 0);
    mon->src_name = saved;
    return rc;
}

int mon_status(const Mon *mon)
{
    if (mon->quit)
        return mon->quit_status;
    return mon->failed || mon->nerrors ? 1 : 0;
}

void mon_free(Mon *mon)
{
    if (mon == NULL)
        return;
    mon_flush_guest(mon);
    mon_hook_remove(mon);
    mon_ring_resize(mon, 0);
    mon_hist_resize(mon, 0);
    free(mon->scratch.slots);
    free(mon->scratch.mem);
    mon_break_free_all(mon);
    if (mon->trace_fp)
        fclose(mon->trace_fp);
    if (mon->own_run)
        emu_run_close(&mon->run);
    free((char *)mon->run.program);
    for (int i = 0; i < 10; i++)
        free(mon->args[i]);
    free(mon);
}

/* ---- session commands ---- */

int mon_cmd_help(Mon *mon, const char *args)
{
    char word[64];
    mon_word(args, word, sizeof word);
    if (word[0]) {
        const MonCommand *cmd;
        int rc = lookup(mon, word, mon_skip(args), &cmd);
        if (rc < 0)
            return -1;
        if (cmd == NULL)
            return mon_error(mon, mon_skip(args), "no command '%s'", word);
        fprintf(mon->out, "%s\n    %s", cmd->usage, cmd->help);
        if (cmd->alias[0])
            fprintf(mon->out, " (short: %s)", cmd->alias);
        fputc('\n', mon->out);
        return 0;
    }
    for (unsigned i = 0; i < NCOMMANDS; i++)
        fprintf(mon->out, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(mon->out, "Any unique prefix names a command. REG = VALUE sets a register. Addresses and\n"
                      "values are hex (0d12, F'-5', C'A' otherwise); counts and lengths decimal.\n");
    return 0;
}

int mon_cmd_quit(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    uint64_t st = (uint64_t)mon_status(mon);
    if (*p && mon_count(mon, &p, &st) != 0)
        return -1;
    if (!mon_at_end(p))
        return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
    mon->quit = 1;
    mon->quit_status = (int)(st & 0xFF);
    return 0;
}

int mon_cmd_echo(Mon *mon, const char *args)
{
    const char *p = args;
    if (*p == ' ' || *p == '\t')
        p++;
    fprintf(mon->out, "%s\n", p);
    return 0;
}

int mon_cmd_assert(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    if (*p == 0)
        return mon_error(mon, p, "assert needs a condition");
    const char *left = p;
    uint64_t lv;
    if (mon_expr(mon, &left, &lv) != 0)
        return -1;
    int truth;
    const char *q = p;
    if (mon_cond(mon, &q, &truth) != 0)
        return -1;
    if (!mon_at_end(q))
        return mon_error(mon, mon_skip(q), "unexpected '%s' after the condition", mon_skip(q));
    if (truth)
        return 0;
    mon_flush_guest(mon);
    char lt[32];                      /* in the monitor's radix */
    snprintf(lt, sizeof lt, mon->radix == 10 ? "%llu" : mon->radix == 8 ? "%llo" : "%llX", (unsigned long long)lv);
    if (mon->src_name)
        fprintf(mon->err, "%s:%u: assertion failed: %s (the left side is %s)\n", mon->src_name,
                mon->src_line, p, lt);
    else
        fprintf(mon->err, "assertion failed: %s (the left side is %s)\n", p, lt);
    fflush(mon->err);
    mon->nerrors++;
    if (mon->headless)
        mon->failed = 1;
    return -1;
}

int mon_cmd_if(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    int truth;
    if (*p == 0)
        return mon_error(mon, p, "if needs a condition and a command");
    if (mon_cond(mon, &p, &truth) != 0)
        return -1;
    p = mon_skip(p);
    if (*p == 0)
        return mon_error(mon, p, "if needs a command after the condition");
    if (!truth)
        return 0;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s", p);
    const char *saved = mon->line;
    int echo = mon->echo;
    mon->echo = 0;                    /* the if line was echoed */
    int rc = mon_exec_line(mon, cmd, 0);
    mon->echo = echo;
    mon->line = saved;
    return rc;
}

int mon_cmd_do(Mon *mon, const char *args)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", mon_skip(args));
    char *argv[10];
    int argc = 0;
    char *s = buf;
    while (*s && argc < 10) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == 0)
            break;
        argv[argc++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = 0;
    }
    if (argc == 0)
        return mon_error(mon, args, "do needs a script file");
    return mon_do_file(mon, argv[0], argc - 1, argv + 1);
}

static int on_off(Mon *mon, const char **p, int *v)
{
    if (mon_keyword(p, "on"))
        *v = 1;
    else if (mon_keyword(p, "off"))
        *v = 0;
    else
        return mon_error(mon, mon_skip(*p), "expected on or off");
    return 0;
}

/* decimal with K or M */
static int size_value(Mon *mon, const char **p, uint64_t *v)
{
    const char *s = mon_skip(*p), *start = s;
    char *end;
    if (!isdigit((unsigned char)*s))
        return mon_error(mon, s, "expected a size (e.g. 64K, 1M)");
    unsigned long long x = strtoull(s, &end, 10);
    if (*end == 'K' || *end == 'k')
        x *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        x *= 1024 * 1024, end++;
    if (*end && *end != ' ' && *end != '\t')
        return mon_error(mon, start, "bad size");
    *v = x;
    *p = end;
    return 0;
}

int mon_cmd_set(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    const char *q = p;
    MonReg r;
    /* an option by its name, unless `=` follows (set KEY = 5 is PSW.KEY) */
    static const char *const options[] = { "limit", "echo", "history", "back", "storage", "load", "key", "radix",
                                           "timer", "tier" };
    int is_option = 0;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const char *o = p;
        if (mon_keyword(&o, options[i]) && *mon_skip(o) != '=')
            is_option = 1;
    }
    int isreg = is_option ? 0 : mon_parse_reg(mon, &q, &r);
    if (isreg < 0)
        return -1;
    if (isreg)
        return mon_cmd_deposit(mon, p);
    uint64_t v;
    int rc = 0;
    const char *opt = p;
    if (mon_keyword(&p, "limit")) {
        rc = mon_count(mon, &p, &v);
        if (rc == 0 && v == 0)
            rc = mon_error(mon, opt, "the limit must be at least 1");
        if (rc == 0)
            mon->limit = v;
    } else if (mon_keyword(&p, "echo")) {
        rc = on_off(mon, &p, &mon->echo);
    } else if (mon_keyword(&p, "history")) {
        rc = mon_count(mon, &p, &v);
        if (rc == 0 && v > 1000000)
            rc = mon_error(mon, opt, "at most 1000000");
        if (rc == 0)
            mon_hist_resize(mon, (unsigned)v);
    } else if (mon_keyword(&p, "back")) {
        rc = mon_count(mon, &p, &v);
        if (rc == 0 && v > 1000000)
            rc = mon_error(mon, opt, "at most 1000000");
        if (rc == 0)
            mon_ring_resize(mon, (unsigned)v);
    } else if (mon_keyword(&p, "storage")) {
        rc = size_value(mon, &p, &v);
        if (rc == 0 && !mon->own_run)
            rc = mon_error(mon, opt, "this machine was attached by the caller; its storage is fixed");
        if (rc == 0) {
            uint64_t old = mon->run.storage;
            const UcSpace *sp = &mon->run.m->spaces[0];
            if (v < sp->min_size || v > sp->max_size)
                return mon_error(mon, opt, "storage of %s is %llu to %llu units", sp->name,
                                 (unsigned long long)sp->min_size, (unsigned long long)sp->max_size);
            mon->run.storage = v;
            const char *prog = mon->run.program;
            char *copy = prog ? strdup(prog) : NULL;
            if (reopen(mon, copy) != 0) {
                mon->run.storage = old;
                rc = -1;
            } else {
                fprintf(mon->out, "storage %llu units; the machine was loaded again\n", (unsigned long long)v);
            }
            free(copy);
        }
    } else if (mon_keyword(&p, "radix")) {
        rc = mon_count(mon, &p, &v);
        if (rc == 0 && v != 8 && v != 10 && v != 16)
            rc = mon_error(mon, opt, "the radix is 8, 10 or 16");
        if (rc == 0) {
            mon->radix = (unsigned)v;
            mon->radix_set = 1;
        }
    } else if (mon_keyword(&p, "key")) {           /* set key ADDR VALUE: the block's key */
        uint64_t addr, key;
        rc = mon_expr(mon, &p, &addr);
        if (rc == 0) {
            const char *at = mon_skip(p);
            rc = mon_expr(mon, &p, &key);
            if (rc == 0)
                rc = mon_set_key(mon, at, 0, addr, key);
        }
    } else if (mon_keyword(&p, "timer")) {        /* set timer icount|icount:N|host|off */
        const char *w = mon_skip(p);
        char word[32];
        size_t n = 0;
        while (w[n] && w[n] != ' ' && w[n] != '\t' && n < sizeof word - 1) {
            word[n] = w[n];
            n++;
        }
        word[n] = 0;
        if (n == 0)
            return mon_error(mon, w, "set timer icount, icount:N, host or off");
        rc = mon_board_set_timer(mon, w, word);
        p = w + n;
    } else if (mon_keyword(&p, "tier")) {
        const char *at = mon_skip(p);
        rc = mon_count(mon, &p, &v);
        if (rc == 0)
            rc = mon_board_set_tier(mon, at, v);
    } else if (mon_keyword(&p, "load")) {
        rc = mon_expr(mon, &p, &v);
        if (rc == 0) {
            mon->run.load = v;
            mon->run.have_load = 1;
        }
    } else {
        char w[64];
        mon_word(p, w, sizeof w);
        return mon_error(mon, p, "no register or option '%s' (options: limit echo history back storage load key radix timer tier)", w);
    }
    if (rc == 0 && !mon_at_end(p))
        rc = mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
    return rc;
}

static void show_options(Mon *mon)
{
    fprintf(mon->out, "limit %llu\necho %s\nhistory %u\nback %u\ntrace %s\nradix %u\n", (unsigned long long)mon->limit,
            mon->echo ? "on" : "off", mon->hist_cap, mon->ring_cap, mon->trace ? "on" : "off", mon->radix);
}

int mon_cmd_show(Mon *mon, const char *args)
{
    const char *p = mon_skip(args);
    const UcMachine *m = mon->run.m;
    UcCpu *cpu = mon->run.cpu;
    if (*p == 0 || mon_keyword(&p, "options")) {
        show_options(mon);
    } else if (mon_keyword(&p, "machine")) {
        fprintf(mon->out, "machine %s (%s), hash %016llX\n", m->name ? m->name : "?", m->title ? m->title : "",
                (unsigned long long)m->hash);
        fprintf(mon->out, "%u instructions, %u micro-words, %u state slots\n", m->ninsns, m->nwords, m->nslots);
        for (uint32_t s = 0; s < m->nspaces; s++)
            fprintf(mon->out, "space %s: %llu units of %u bits\n", m->spaces[s].name,
                    (unsigned long long)cpu->spaces[s].size, m->spaces[s].unit_bits);
        if (mon->run.program)
            fprintf(mon->out, "program %s\n", mon->run.program);
    } else if (mon_keyword(&p, "limit")) {
        fprintf(mon->out, "limit %llu\n", (unsigned long long)mon->limit);
    } else if (mon_keyword(&p, "storage")) {
        for (uint32_t s = 0; s < m->nspaces; s++)
            fprintf(mon->out, "%s %llu\n", m->spaces[s].name, (unsigned long long)cpu->spaces[s].size);
    } else if (mon_keyword(&p, "counters")) {
        fprintf(mon->out, "%llu instructions, %llu micro-instructions\n", (unsigned long long)cpu->icount,
                (unsigned long long)cpu->ucount);
    } else if (mon_keyword(&p, "symbols")) {
        return mon_cmd_symbols(mon, p);
    } else if (mon_keyword(&p, "breaks")) {
        return mon_cmd_breaks(mon, p);
    } else if (mon_keyword(&p, "timer")) {
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        return mon_board_show_timer(mon, args);
    } else if (mon_keyword(&p, "interrupts")) {
        if (!mon_at_end(p))
            return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
        return mon_board_show_interrupts(mon, args);
    } else if (mon_keyword(&p, "tier")) {
        mon_board_show_tier(mon);
    } else if (mon_keyword(&p, "devices")) {
        return mon_cmd_devices(mon, p);
    } else {
        char w[64];
        mon_word(p, w, sizeof w);
        return mon_error(mon, p, "nothing to show as '%s' (machine limit storage counters options symbols breaks timer interrupts tier devices)", w);
    }
    if (!mon_at_end(p))
        return mon_error(mon, mon_skip(p), "unexpected '%s'", mon_skip(p));
    return 0;
}

int mon_cmd_symbols(Mon *mon, const char *args)
{
    char prefix[128];
    mon_word(args, prefix, sizeof prefix);
    const AsmImage *img = mon->run.img;
    if (img == NULL || img->nsymbols == 0) {
        fprintf(mon->out, "no symbols\n");
        return 0;
    }
    size_t n = strlen(prefix);
    for (uint32_t i = 0; i < img->nsymbols; i++) {
        const AsmSymbol *s = &img->symbols[i];
        if (!s->name || strncasecmp(s->name, prefix, n) != 0)
            continue;
        fprintf(mon->out, "%-8s %s %s length %u\n", s->name, mon_addr(mon, s->value), s->relocatable ? "relocatable" : "absolute   ", s->length);
    }
    return 0;
}

int mon_cmd_load(Mon *mon, const char *args)
{
    char path[1024];
    snprintf(path, sizeof path, "%s", mon_skip(args));
    size_t n = strlen(path);
    while (n > 0 && (path[n - 1] == ' ' || path[n - 1] == '\t'))
        path[--n] = 0;
    if (path[0] == 0 && mon->run.program)
        snprintf(path, sizeof path, "%s", mon->run.program);
    if (!mon->own_run && mon->run.m)
        return mon_error(mon, args, "this machine was attached by the caller; nothing to load");
    if (reopen(mon, path[0] ? path : NULL) != 0)
        return -1;
    mon_summary(mon);
    return 0;
}

int mon_cmd_reset(Mon *mon, const char *args)
{
    if (!mon_at_end(args))
        return mon_error(mon, mon_skip(args), "reset takes no operand");
    uc_cpu_reset(mon->run.cpu);
    if (mon->run.board && mon->run.board->setup && mon->run.board->setup(&mon->run) != 0)
        return mon_error(mon, NULL, "the board could not set the program up again");
    mon->at_boundary = 1;
    mon->ub_valid = 0;
    mon_ring_clear(mon);
    mon->hist_n = mon->hist_head = 0;
    mon_summary(mon);
    return 0;
}

int mon_cmd_save(Mon *mon, const char *args)
{
    char path[1024];
    snprintf(path, sizeof path, "%s", mon_skip(args));
    size_t n = strlen(path);
    while (n > 0 && (path[n - 1] == ' ' || path[n - 1] == '\t'))
        path[--n] = 0;
    if (path[0] == 0)
        return mon_error(mon, args, "save needs a file name");
    return mon_state_save(mon, path);
}

int mon_cmd_restore(Mon *mon, const char *args)
{
    char path[1024];
    snprintf(path, sizeof path, "%s", mon_skip(args));
    size_t n = strlen(path);
    while (n > 0 && (path[n - 1] == ' ' || path[n - 1] == '\t'))
        path[--n] = 0;
    if (path[0] == 0)
        return mon_error(mon, args, "restore needs a file name");
    if (mon_state_restore(mon, path) != 0)
        return -1;
    mon_ring_clear(mon);
    mon->hist_n = mon->hist_head = 0;
    mon->ub_valid = 0;
    mon_summary(mon);
    return 0;
}
