/* mon_main.c — `mcemu monitor [-m MACHINE] [PROGRAM] [-x SCRIPT]`: the
 * console. Interactive on a terminal, with GNU readline editing, a history
 * kept in ~/.mcemu_history, and tab completion of commands, register names,
 * symbols and file names; headless with -x SCRIPT or when standard input is
 * not a terminal (no prompt, errors as file:line:col, exit status 1 after an
 * error or a failed assert). Ctrl-C stops a running guest at the next
 * instruction boundary and returns to the prompt with the state intact.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "monitor/mon_int.h"

#define HISTORY_FILE ".mcemu_history"
#define HISTORY_KEEP 1000

static Mon *volatile active;
static volatile sig_atomic_t prompt_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    prompt_interrupted = 1;
    Mon *mon = active;
    if (mon != NULL) {
        mon->interrupted = 1;
        if (mon->run.cpu)
            mon->run.cpu->attention = 1;
    }
}

static void usage(FILE *out)
{
    fprintf(out,
        "usage: mcemu monitor [-m MACHINE] [PROGRAM] [-x SCRIPT] [options]\n"
        "  PROGRAM          assembler source (.asm), an image with --load, or (1401)\n"
        "                   a card deck, booted with the Load key\n"
        "  -m MACHINE       built-in name or .isa/.ucode path\n"
        "  -x SCRIPT        run the commands in SCRIPT, then exit (headless)\n"
        "  --load HEX       load an image at this address\n"
        "  --start HEX      start address\n"
        "  --storage SIZE   storage size, e.g. 64K\n"
        "  --reader FILE    card reader input;  --punch FILE  card punch output\n"
        "  --printer FILE   printer output (default: standard output)\n"
        "  --timer MODE     S/360 interval timer: icount (default), icount:N, host, off\n"
        "  -c FILE          S/360 devices from a machine configuration (00C 2540R deck.txt)\n"
        "  --dev SPEC       one device, as a configuration line (repeatable)\n"
        "  --ipl ADDR       IPL from the device at ADDR (no PROGRAM needed)\n"
        "  --console-script FILE  console input typed when the guest reads\n"
        "Without -x the monitor reads commands from standard input; `help` lists them.\n");
}

static int parse_hex(const char *s, uint64_t *v)
{
    char *end;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (*s == 0)
        return -1;
    *v = strtoull(s, &end, 16);
    return *end ? -1 : 0;
}

static int parse_size(const char *s, uint64_t *v)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    *v = strtoull(s, &end, 10);
    if (*end == 'K' || *end == 'k')
        *v *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        *v *= 1024 * 1024, end++;
    return *end || *v == 0 ? -1 : 0;
}

/* ---- completion ---- */

static Mon *completing;

static char *gen_command(const char *text, int state)
{
    static unsigned i;
    if (!state)
        i = 0;
    size_t n = strlen(text);
    for (const char *name; (name = mon_command_name(i)) != NULL;) {
        i++;
        if (strncasecmp(name, text, n) == 0)
            return strdup(name);
    }
    return NULL;
}

/* Register names (GR0.., PSW, PSW.CC), space names, then symbols. */
static char *gen_name(const char *text, int state)
{
    static unsigned kind, i, e;
    Mon *mon = completing;
    if (!state)
        kind = i = e = 0;
    if (mon == NULL || mon->run.m == NULL)
        return NULL;
    const UcMachine *m = mon->run.m;
    size_t n = strlen(text);
    char buf[160];
    for (;;) {
        if (kind == 0) {                      /* items and their elements */
            if (i >= m->nitems) {
                kind++, i = 0;
                continue;
            }
            const UcItem *it = &m->items[i];
            uint32_t count = it->number_map ? it->nnumbers : it->count;
            if (it->kind == UC_ITEM_REG) {
                snprintf(buf, sizeof buf, "%s", it->name);
                i++;
            } else {
                if (e >= count) {
                    i++, e = 0;
                    continue;
                }
                if (it->number_map && it->number_map[e] < 0) {
                    e++;
                    continue;
                }
                snprintf(buf, sizeof buf, "%s%u", it->name, e);
                e++;
            }
        } else if (kind == 1) {               /* fields */
            if (i >= m->nfields) {
                kind++, i = 0;
                continue;
            }
            snprintf(buf, sizeof buf, "%s.%s", m->items[m->fields[i].item].name, m->fields[i].name);
            i++;
        } else if (kind == 2) {               /* spaces */
            if (i >= m->nspaces) {
                kind++, i = 0;
                continue;
            }
            snprintf(buf, sizeof buf, "%s", m->spaces[i].name);
            i++;
        } else if (kind == 3) {               /* symbols */
            const AsmImage *img = mon->run.img;
            if (img == NULL || i >= img->nsymbols)
                return NULL;
            snprintf(buf, sizeof buf, "%s", img->symbols[i].name ? img->symbols[i].name : "");
            i++;
        } else {
            return NULL;
        }
        if (buf[0] && strncasecmp(buf, text, n) == 0)
            return strdup(buf);
    }
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    int first = 1;
    for (int k = 0; k < start; k++)
        if (rl_line_buffer[k] != ' ' && rl_line_buffer[k] != '\t')
            first = 0;
    if (first) {
        rl_attempted_completion_over = 1;
        return rl_completion_matches(text, gen_command);
    }
    /* file names after do, load, save, restore, trace on */
    char cmd[32] = "";
    sscanf(rl_line_buffer, "%31s", cmd);
    static const char *const file_cmds[] = { "do", "load", "save", "restore", "trace" };
    for (size_t k = 0; k < sizeof file_cmds / sizeof file_cmds[0]; k++)
        if (strlen(cmd) >= 2 && strncasecmp(file_cmds[k], cmd, strlen(cmd)) == 0)
            return NULL;              /* readline's file name completion */
    char **matches = rl_completion_matches(text, gen_name);
    rl_attempted_completion_over = matches != NULL;
    return matches;
}

/* ---- the loops ---- */

/* Ctrl-C at the prompt drops the line being typed and starts a fresh one.
   Readline calls this hook outside the signal handler when a read was
   interrupted by a signal. */
static int on_prompt_signal(void)
{
    if (prompt_interrupted) {
        prompt_interrupted = 0;
        rl_replace_line("", 0);
        rl_crlf();
        rl_on_new_line();
        rl_redisplay();
    }
    return 0;
}

static void interactive(Mon *mon)
{
    char path[1024] = "";
    const char *home = getenv("HOME");
    if (home && *home) {
        snprintf(path, sizeof path, "%s/%s", home, HISTORY_FILE);
        read_history(path);
    }
    completing = mon;
    rl_readline_name = "mcemu";
    rl_attempted_completion_function = complete;
    rl_signal_event_hook = on_prompt_signal;
    mon->headless = 0;
    fprintf(mon->out, "mcemu monitor: machine %s (%s)%s%s; help lists the commands\n",
            mon->run.m->name ? mon->run.m->name : "?", mon->run.m->title ? mon->run.m->title : "",
            mon->run.program ? ", program " : "", mon->run.program ? mon->run.program : "");
    mon_summary(mon);
    while (!mon->quit) {
        prompt_interrupted = 0;
        char *line = readline("mcemu> ");
        if (line == NULL) {
            fputc('\n', mon->out);
            break;
        }
        if (*line) {
            HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
            if (last == NULL || strcmp(last->line, line) != 0)
                add_history(line);
        }
        mon_exec_line(mon, line, 1);
        free(line);
    }
    if (path[0]) {
        write_history(path);
        history_truncate_file(path, HISTORY_KEEP);
    }
    completing = NULL;
}

static void headless_stdin(Mon *mon)
{
    char *line = NULL;
    size_t cap = 0;
    mon->src_name = "<stdin>";
    mon->src_line = 0;
    while (!mon->quit && !mon->failed && getline(&line, &cap, stdin) >= 0) {
        mon->src_line++;
        mon_exec_line(mon, line, 0);
    }
    free(line);
    mon->src_name = NULL;
}

int mon_main(int argc, char **argv)
{
    const char *machine = NULL, *program = NULL, *script = NULL;
    const char *reader = NULL, *punch = NULL, *printer = NULL, *timer = NULL;
    const char *conf = NULL, *console_script = NULL, *devs[64];
    int ndevs = 0, have_ipl = 0;
    uint64_t load = 0, start = 0, storage = 0, ipl = 0;
    int have_load = 0, have_start = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int needs = strcmp(a, "-m") == 0 || strcmp(a, "--machine") == 0 || strcmp(a, "-x") == 0 ||
                    strcmp(a, "--load") == 0 || strcmp(a, "--start") == 0 || strcmp(a, "--storage") == 0 ||
                    strcmp(a, "--reader") == 0 || strcmp(a, "--punch") == 0 || strcmp(a, "--printer") == 0 ||
                    strcmp(a, "--timer") == 0 || strcmp(a, "-c") == 0 || strcmp(a, "--dev") == 0 ||
                    strcmp(a, "--ipl") == 0 || strcmp(a, "--console-script") == 0;
        if (needs && v == NULL) {
            fprintf(stderr, "mcemu monitor: %s needs a value\n", a);
            return 2;
        }
        if (strcmp(a, "-m") == 0 || strcmp(a, "--machine") == 0) {
            machine = argv[++i];
        } else if (strcmp(a, "-x") == 0) {
            script = argv[++i];
        } else if (strcmp(a, "--load") == 0) {
            if (parse_hex(argv[++i], &load)) {
                fprintf(stderr, "mcemu monitor: bad address '%s' for --load\n", v);
                return 2;
            }
            have_load = 1;
        } else if (strcmp(a, "--start") == 0) {
            if (parse_hex(argv[++i], &start)) {
                fprintf(stderr, "mcemu monitor: bad address '%s' for --start\n", v);
                return 2;
            }
            have_start = 1;
        } else if (strcmp(a, "--storage") == 0) {
            if (parse_size(argv[++i], &storage)) {
                fprintf(stderr, "mcemu monitor: bad size '%s' for --storage\n", v);
                return 2;
            }
        } else if (strcmp(a, "--reader") == 0) {
            reader = argv[++i];
        } else if (strcmp(a, "--punch") == 0) {
            punch = argv[++i];
        } else if (strcmp(a, "--printer") == 0) {
            printer = argv[++i];
        } else if (strcmp(a, "--timer") == 0) {
            timer = argv[++i];
        } else if (strcmp(a, "-c") == 0) {
            conf = argv[++i];
        } else if (strcmp(a, "--console-script") == 0) {
            console_script = argv[++i];
        } else if (strcmp(a, "--dev") == 0) {
            if (ndevs == 64) {
                fprintf(stderr, "mcemu monitor: at most 64 --dev options\n");
                return 2;
            }
            devs[ndevs++] = argv[++i];
        } else if (strcmp(a, "--ipl") == 0) {
            if (parse_hex(argv[++i], &ipl) || ipl > 0x6FF) {
                fprintf(stderr, "mcemu monitor: bad device address '%s' for --ipl\n", v);
                return 2;
            }
            have_ipl = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "mcemu monitor: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (program == NULL) {
            program = a;
        } else {
            fprintf(stderr, "mcemu monitor: more than one program given ('%s', '%s')\n", program, a);
            return 2;
        }
    }
    Mon *mon = mon_new(stdout, stderr);
    if (mon == NULL) {
        fprintf(stderr, "mcemu monitor: out of memory\n");
        return 1;
    }
    mon->machine = machine;
    mon->run.load = load;
    mon->run.have_load = have_load;
    mon->run.printer = printer;
    mon->run.start = start;
    mon->run.have_start = have_start;
    mon->run.storage = storage;
    mon->run.reader = reader;
    mon->run.punch = punch;
    mon->run.conf = conf;
    mon->run.console_script = console_script;
    for (int k = 0; k < ndevs; k++)
        mon->run.devs[k] = devs[k];
    mon->run.ndevs = ndevs;
    mon->run.have_ipl = have_ipl;
    mon->run.ipl = (unsigned)ipl;
    if (timer) {
        snprintf(mon->timer_opt, sizeof mon->timer_opt, "%s", timer);
        mon->run.timer = mon->timer_opt;
    }
    if (mon_open(mon, program) != 0) {
        mon_free(mon);
        return 1;
    }
    active = mon;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);

    if (script) {
        mon_do_file(mon, script, 0, NULL);
    } else if (isatty(STDIN_FILENO)) {
        interactive(mon);
    } else {
        headless_stdin(mon);
    }

    sigaction(SIGINT, &old, NULL);
    active = NULL;
    int status = mon_status(mon);
    mon_free(mon);
    return status;
}
