/* emu_dev_cons.c — the operator's console typewriter of System/360: the
 * 1052 (A22-6877, "1052 Printer-Keyboard") and the 3215 console printer-
 * keyboard, on the host's terminal.
 *
 * Commands: write (01: no carrier return, 09: with a carrier return at the
 * end) types the text on standard output in ASCII; read inquiry (0A) takes
 * one line typed by the operator (EBCDIC, its length the record length:
 * software uses SLI); control 03 (no-operation) and 0B (audible alarm);
 * sense (04). The request key gives attention status.
 *
 * The operator's input comes from standard input, or from a console script
 * (`--console-script FILE`): each line is typed when the guest reads the
 * console; when the CPU waits with a line ready and no read in progress,
 * the request key is pressed for it. Script lines:
 *     TEXT            typed as is (an empty line types an empty line)
 *     expect TEXT     the next lines wait until the guest has typed TEXT
 *     type TEXT       TEXT typed as is (for text that looks like a keyword)
 *     stop            the run ends here (exit status 0) when the CPU next
 *                     waits (typically for the console read that follows
 *                     the guest's last message), so output the guest
 *                     produces before it waits is not lost
 *     # comment
 * Typed lines are echoed as the typewriter prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include "emulator/emu_chan.h"
#include "emulator/emu_charset.h"

#define LINE_MAX_CHARS 256
#define SEEN_MAX 4096

struct EmuConsScript {
    char **line;
    size_t n, next;
    char seen[SEEN_MAX + 1];    /* what the guest typed since the last expect matched */
    size_t nseen;
    uint64_t added, looked;     /* characters seen so far; when emu_chan_console_seen last
                                   looked for `want` without finding it */
    char want[LINE_MAX_CHARS + 1];
    int pressed;                /* the request key was pressed for line[next] */
};

typedef struct Cons {
    int col;                    /* 0 at the start of a line */
    int reading;                /* a read waits for input */
    char in[LINE_MAX_CHARS * 4];
    size_t nin;
    int eof;
    int pressed;                /* request key pressed for the buffered input */
} Cons;

/* ---- the script ---------------------------------------------------------- */

void emu_cons_script_free(EmuConsScript *sc)
{
    if (sc == NULL)
        return;
    for (size_t i = 0; i < sc->n; i++)
        free(sc->line[i]);
    free(sc->line);
    free(sc);
}

int emu_chan_console_script(EmuS360 *s, const char *path)
{
    EmuChan *c = s->chan;
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "%s: error: cannot open the console script: %s\n", path, strerror(errno));
        return -1;
    }
    EmuConsScript *sc = calloc(1, sizeof *sc);
    char buf[1024];
    unsigned lineno = 0;
    int rc = 0;
    while (sc && fgets(buf, sizeof buf, f)) {
        lineno++;
        size_t len = strlen(buf);
        if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
            fprintf(stderr, "%s:%u:1: error: line too long\n", path, lineno);
            rc = -1;
            break;
        }
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = 0;
        if (buf[0] == '#')
            continue;
        if (len > LINE_MAX_CHARS + 7) {
            fprintf(stderr, "%s:%u:1: error: a console line has at most %u characters\n", path, lineno,
                    LINE_MAX_CHARS);
            rc = -1;
            break;
        }
        char **nl = realloc(sc->line, (sc->n + 1) * sizeof *nl);
        if (nl == NULL || (nl[sc->n] = strdup(buf)) == NULL) {
            if (nl)
                sc->line = nl;
            rc = -1;
            break;
        }
        sc->line = nl;
        sc->n++;
    }
    fclose(f);
    if (sc == NULL || rc != 0) {
        if (sc == NULL || rc == 0)
            fprintf(stderr, "mcemu: out of memory\n");
        emu_cons_script_free(sc);
        return -1;
    }
    emu_cons_script_free(c->script);
    c->script = sc;
    return 0;
}

static void seen_add(EmuConsScript *sc, const char *text, size_t n)
{
    if (sc == NULL)
        return;
    if (n >= SEEN_MAX) {
        text += n - SEEN_MAX / 2;
        n = SEEN_MAX / 2;
    }
    if (sc->nseen + n > SEEN_MAX) {
        size_t drop = sc->nseen + n - SEEN_MAX;
        memmove(sc->seen, sc->seen + drop, sc->nseen - drop);
        sc->nseen -= drop;
    }
    memcpy(sc->seen + sc->nseen, text, n);
    sc->nseen += n;
    sc->seen[sc->nseen] = 0;
    sc->added += n;
}

/* ---- the monitor's send and expect: a script made on the spot ---- */

static int has_console(const EmuChan *c)
{
    for (unsigned i = 0; c && i < c->ndev; i++)
        if (c->dev[i]->type == &emu_devtype_1052 || c->dev[i]->type == &emu_devtype_3215)
            return 1;
    return 0;
}

static EmuConsScript *script_of(EmuChan *c)
{
    if (c->script == NULL)
        c->script = calloc(1, sizeof *c->script);
    return c->script;
}

int emu_chan_console_send(EmuS360 *s, const char *text)
{
    EmuChan *c = s->chan;
    if (!has_console(c) || strlen(text) > LINE_MAX_CHARS)
        return -1;
    EmuConsScript *sc = script_of(c);
    char **nl = sc ? realloc(sc->line, (sc->n + 1) * sizeof *nl) : NULL;
    if (nl == NULL)
        return -1;
    sc->line = nl;
    size_t len = strlen(text);
    if ((nl[sc->n] = malloc(len + 6)) == NULL)
        return -1;
    memcpy(nl[sc->n], "type ", 5);
    memcpy(nl[sc->n] + 5, text, len + 1);
    sc->n++;
    c->input_ended = 0;         /* input again for a read that had none */
    c->stop_msg[0] = 0;
    return 0;
}

int emu_chan_console_seen(EmuS360 *s, const char *text)
{
    EmuChan *c = s->chan;
    if (!has_console(c))
        return -1;
    EmuConsScript *sc = script_of(c);
    if (sc == NULL)
        return -1;
    if (sc->looked == sc->added && strcmp(sc->want, text) == 0)
        return 0;               /* nothing typed since it was not there */
    char *hit = strstr(sc->seen, text);
    if (hit == NULL) {
        sc->looked = sc->added;
        snprintf(sc->want, sizeof sc->want, "%s", text);
        return 0;
    }
    sc->want[0] = 0;
    size_t cut = (size_t)(hit - sc->seen) + strlen(text);
    memmove(sc->seen, sc->seen + cut, sc->nseen - cut + 1);
    sc->nseen -= cut;
    return 1;
}

enum { S_END = -1, S_WAITING = 0, S_LINE = 1, S_STOP = 2 };

/* What the script has next: a line to type (*text), a stop, an expect not
   yet met (*text = what it waits for), or its end. */
static int script_next(EmuConsScript *sc, const char **text)
{
    while (sc->next < sc->n) {
        const char *l = sc->line[sc->next];
        if (strncmp(l, "expect ", 7) == 0 || strcmp(l, "expect") == 0) {
            const char *want = l[6] ? l + 7 : "";
            char *hit = strstr(sc->seen, want);
            if (hit == NULL) {
                *text = want;
                return S_WAITING;
            }
            size_t cut = (size_t)(hit - sc->seen) + strlen(want);
            memmove(sc->seen, sc->seen + cut, sc->nseen - cut + 1);
            sc->nseen -= cut;
            sc->next++;
            sc->pressed = 0;
            continue;
        }
        if (strcmp(l, "stop") == 0)
            return S_STOP;
        *text = strncmp(l, "type ", 5) == 0 ? l + 5 : strcmp(l, "type") == 0 ? "" : l;
        return S_LINE;
    }
    return S_END;
}

static void script_stop(EmuChan *c)
{
    c->script_done = 1;
    snprintf(c->stop_msg, sizeof c->stop_msg, "console script: stop");
    c->s->cpu->attention = 1;
}

/* A console read that no input can ever complete: the run ends (at the
   next instruction, if a timer interruption wakes the CPU). */
static void input_ended(EmuChan *c)
{
    c->input_ended = 1;
    c->s->cpu->attention = 1;
}

/* ---- the device --------------------------------------------------------- */

static int cons_open(EmuDev *d, const char *file, int nopt, char *const *opt, char *err, size_t errsize)
{
    (void)file;
    if (nopt > 0) {
        snprintf(err, errsize, "unknown option '%s' for a %s console", opt[0], d->type->name);
        return -1;
    }
    Cons *k = calloc(1, sizeof *k);
    if (k == NULL) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    d->priv = k;
    return 0;
}

static void cons_close(EmuDev *d)
{
    free(d->priv);
    d->priv = NULL;
}

/* Print on the typewriter; what the guest types (not the operator's echo)
   is what `expect` looks for. */
static void type_out(EmuDev *d, const char *s, size_t n, int guest)
{
    Cons *k = d->priv;
    fwrite(s, 1, n, stdout);
    for (size_t i = 0; i < n; i++)
        k->col = s[i] == '\n' ? 0 : k->col + 1;
    EmuChan *c = d->chan;
    if (guest && c && c->script)
        seen_add(c->script, s, n);
}

/* A whole line in the stdin buffer: its length (without the newline), or -1. */
static long stdin_line(const Cons *k)
{
    for (size_t i = 0; i < k->nin; i++)
        if (k->in[i] == '\n')
            return (long)i;
    if ((k->eof && k->nin > 0) || k->nin == sizeof k->in)
        return (long)k->nin;
    return -1;
}

/* Read what stdin has within timeout_ns: 1 a line is there, 0 not yet, -1 end. */
static int stdin_poll(Cons *k, uint64_t timeout_ns)
{
    for (;;) {
        if (stdin_line(k) >= 0)
            return 1;
        if (k->eof)
            return -1;
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(0, &rd);
        struct timeval tv, *tvp = NULL;
        if (timeout_ns != UINT64_MAX) {
            tv.tv_sec = (time_t)(timeout_ns / 1000000000u);
            tv.tv_usec = (suseconds_t)(timeout_ns % 1000000000u / 1000u);
            tvp = &tv;
        }
        fflush(stdout);
        int r = select(1, &rd, NULL, NULL, tvp);
        if (r < 0 && errno == EINTR)
            return 0;           /* a signal (Ctrl-C): the caller sees the CPU's attention */
        if (r <= 0)
            return r < 0 ? -1 : 0;
        ssize_t got = read(0, k->in + k->nin, sizeof k->in - k->nin);
        if (got <= 0)
            k->eof = 1;
        else
            k->nin += (size_t)got;
        timeout_ns = 0;
    }
}

/* The input line for a read: 1 with it in buf, 0 none yet. */
static int take_line(EmuDev *d, uint8_t *buf, size_t *len)
{
    Cons *k = d->priv;
    EmuChan *c = d->chan;
    const char *text;
    size_t n;
    int echo;
    char line[LINE_MAX_CHARS + 1];
    if (c && c->script) {
        int r = script_next(c->script, &text);
        if (r != S_LINE)
            return 0;           /* (a stop ends the run when the CPU waits) */
        n = strlen(text);
        if (n > LINE_MAX_CHARS)
            n = LINE_MAX_CHARS;
        memcpy(line, text, n);
        c->script->next++;
        c->script->pressed = 0;
        echo = 1;
    } else {
        long l = stdin_line(k);
        if (l < 0)
            return 0;
        n = (size_t)l < LINE_MAX_CHARS ? (size_t)l : LINE_MAX_CHARS;
        memcpy(line, k->in, n);
        size_t used = (size_t)l < k->nin ? (size_t)l + 1 : (size_t)l;
        memmove(k->in, k->in + used, k->nin - used);
        k->nin -= used;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        k->pressed = 0;
        echo = !isatty(0);
    }
    if (echo) {
        type_out(d, line, n, 0);
        type_out(d, "\n", 1, 0);
    } else {
        k->col = 0;
    }
    fflush(stdout);
    for (size_t i = 0; i < n; i++)
        buf[i] = emu_from_host(EMU_CS_EBCDIC, (unsigned char)line[i]);
    *len = n;
    return 1;
}

static unsigned cons_command(EmuDev *d, uint8_t cmd, uint8_t *buf, size_t *len)
{
    Cons *k = d->priv;
    if ((cmd & 0x0F) == 0x04)
        return emu_dev_sense(d, buf, len);
    switch (cmd & 3) {
    case 1: {
        char out[512];
        size_t n = 0;
        for (size_t i = 0; i < *len; i++) {
            unsigned char ch = buf[i];
            out[n++] = emu_printable(EMU_CS_EBCDIC, ch) ? (char)emu_to_host(EMU_CS_EBCDIC, ch) : ' ';
            if (n == sizeof out) {
                type_out(d, out, n, 1);
                n = 0;
            }
        }
        type_out(d, out, n, 1);
        if (cmd & 0x08)
            type_out(d, "\n", 1, 1);
        fflush(stdout);
        return EMU_US_CE | EMU_US_DE;
    }
    case 2:
        if ((cmd & 0x0F) == 0x0C)
            break;
        if (!take_line(d, buf, len)) {
            k->reading = 1;
            return EMU_DEV_WAIT;
        }
        k->reading = 0;
        return EMU_US_CE | EMU_US_DE;
    case 3:
        *len = 0;
        return EMU_US_CE | EMU_US_DE;
    default:
        break;
    }
    *len = 0;
    return emu_dev_reject(d, EMU_SENSE_CMDREJ);
}

static int cons_poll(EmuDev *d, uint64_t timeout_ns)
{
    Cons *k = d->priv;
    EmuChan *c = d->chan;
    if (c && c->script) {
        const char *text;
        int r = script_next(c->script, &text);
        if (r == S_LINE)
            return 1;
        if (r == S_STOP) {
            script_stop(c);
            return -1;
        }
        if (r == S_WAITING)
            snprintf(c->stop_msg, sizeof c->stop_msg,
                     "the console waits for input: the script expects '%s', which the guest has not typed", text);
        else
            snprintf(c->stop_msg, sizeof c->stop_msg, "the console waits for input: the console script has ended");
        input_ended(c);
        return -1;
    }
    int r = stdin_poll(k, timeout_ns);
    if (r < 0 && c) {
        snprintf(c->stop_msg, sizeof c->stop_msg, "the console waits for input: standard input has ended");
        input_ended(c);
    }
    return r;
}

static void cons_reset(EmuDev *d)
{
    Cons *k = d->priv;
    k->reading = 0;
}

/* While the CPU waits: press the request key for input that is ready and
   not asked for. 1 pressed, 0 nothing yet (timed out), -1 nothing can come. */
int emu_cons_idle(EmuChan *c, uint64_t timeout_ns)
{
    EmuDev *d = NULL;
    for (unsigned i = 0; i < c->ndev; i++)
        if (c->dev[i]->type == &emu_devtype_1052 || c->dev[i]->type == &emu_devtype_3215) {
            d = c->dev[i];
            break;
        }
    if (d == NULL)
        return -1;
    Cons *k = d->priv;
    if (k->reading)
        return -1;              /* the channel polls the read */
    if (c->script) {
        const char *text;
        int r = script_next(c->script, &text);
        if (r == S_LINE && !c->script->pressed) {
            c->script->pressed = 1;
            emu_dev_post(d, EMU_US_ATTN);
            return 1;
        }
        if (r == S_STOP)
            script_stop(c);
        else if (r == S_WAITING)
            snprintf(c->stop_msg, sizeof c->stop_msg,
                     "the console script expects '%s', which the guest has not typed", text);
        return -1;
    }
    if (k->pressed)
        return -1;
    int r = stdin_poll(k, timeout_ns);
    if (r == 1) {
        k->pressed = 1;
        emu_dev_post(d, EMU_US_ATTN);
    }
    return r;
}

const EmuDevType emu_devtype_1052 = { "1052", "console", 0, cons_open, cons_close, cons_command, cons_poll, cons_reset };
const EmuDevType emu_devtype_3215 = { "3215", "console", 0, cons_open, cons_close, cons_command, cons_poll, cons_reset };
