/* mcemu.c — the command driver: `mcemu SUBCOMMAND ...`.
 *
 * Each subcommand lives in its module and returns the exit status: 0 success,
 * 1 when the input or the guest program fails, 2 for usage errors
 * (DESIGN.md, "The command line").
 */
#include <stdio.h>
#include <string.h>
#include "assembler/asm.h"
#include "emulator/emu_machine.h"
#include "emulator/emu_run.h"
#include "isa/isa.h"
#include "monitor/mon.h"

static int machines_main(int argc, char **argv);
static int help_main(int argc, char **argv);

/* One row per subcommand: name, entry, synopsis. */
#define SUBCOMMANDS(X) \
    X(run,      emu_run_main,  "run [-m MACHINE] PROGRAM [options]   run a source program, object deck or image") \
    X(asm,      asm_main,      "asm [-m MACHINE] SOURCE [-o IMAGE|DECK.obj] [-l LISTING]   assemble") \
    X(link,     asm_link_main, "link DECK... -o IMAGE [--origin HEX] [--map]   link object decks") \
    X(dis,      dis_main,      "dis [-m MACHINE] FILE [--origin HEX]   disassemble") \
    X(monitor,  mon_main,      "monitor [-m MACHINE] [PROGRAM] [-x SCRIPT]   interactive console") \
    X(isac,     isa_main,      "isac FILE.isa [-o FILE.ucode] [--list] [--doc [FILE.md]]   compile a description") \
    X(machines, machines_main, "machines   list the built-in machines") \
    X(help,     help_main,     "help   this text")

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *synopsis;
} subcommands[] = {
#define X(n, f, s) { #n, f, s },
    SUBCOMMANDS(X)
#undef X
};

static void usage(FILE *out)
{
    fprintf(out, "usage: mcemu SUBCOMMAND ...\n");
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        fprintf(out, "  mcemu %s\n", subcommands[i].synopsis);
    fprintf(out, "MACHINE is a built-in name (see `mcemu machines`) or a path to a .isa or .ucode file.\n");
}

static int help_main(int argc, char **argv)
{
    (void)argc; (void)argv;
    usage(stdout);
    return 0;
}

static int machines_main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: mcemu machines\n");
        return 2;
    }
    int status = 0;
    for (const EmuBuiltin *b = emu_builtins; b->name != NULL; b++) {
        UcMachine *m = emu_load_machine(b->name, stderr);
        if (m == NULL) {
            status = 1;
            continue;
        }
        printf("%-10s %-50s %4u instructions, %5u micro-words\n", b->name,
               m->title ? m->title : "", m->ninsns, m->nwords);
        uc_machine_free(m);
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return help_main(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(argv[1], subcommands[i].name) == 0)
            return subcommands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "mcemu: unknown subcommand '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
