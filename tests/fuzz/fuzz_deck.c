/* fuzz_deck.c — libFuzzer target: arbitrary bytes as card decks.
 *
 * Byte 0 even: the rest is an S/360 object deck (80-byte EBCDIC cards, or
 * 81-byte records with a stacker byte: ESD, TXT, RLD, END, as
 * assembler/asm_link.c reads them) linked alone and twice over (duplicate
 * symbols), at origin X'2000'. Byte 0 odd: the rest is a 1401 card deck
 * (text lines) booted by the Load key (emulator/emu_i1401.c: card 1 into
 * 001-080, word mark at 001, branch to 001) and run for 20000
 * instructions with the rest of the deck in the reader and the punch and
 * printer on scratch files. Neither may crash, hang, leak or end the 1401
 * run with anything but a stop the board explains.
 */
#include "tests/fuzz/guest_run.h"
#include "assembler/asm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static UcMachine *i1401;

static void link_deck(const char *path, size_t size)
{
    FILE *null = fopen("/dev/null", "w");
    const char *decks[] = { path, path };
    AsmImage *img = asm_link(decks, 1 + (int)(size & 1), 0x2000, (int)(size & 2), null ? null : stderr);
    asm_image_free(img);
    if (null)
        fclose(null);
}

static void run_1401(const char *path)
{
    if (i1401 == NULL) {
        int nerr = 0;
        i1401 = isa_compile_file("isa/machines/i1401.isa", stderr, &nerr);
        if (i1401 == NULL)
            abort();            /* run from the top of the repository */
    }
    char punch[256], print[256];
    guest_path(punch, sizeof punch, "deck_punch.txt");
    guest_path(print, sizeof print, "deck_print.txt");
    EmuRun r;
    memset(&r, 0, sizeof r);
    r.m = i1401;
    r.board = &emu_board_i1401;
    r.program = path;
    r.punch = punch;
    r.printer = print;
    FILE *null = fopen("/dev/null", "w");
    r.out = null ? null : stdout;
    r.max_insns = 20000;
    char err[200];
    r.cpu = uc_cpu_new(i1401, 0, err, sizeof err);
    if (r.cpu == NULL)
        abort();
    r.punch_fp = fopen(punch, "w");
    r.printer_fp = fopen(print, "w");
    uc_cpu_reset(r.cpu);
    if (r.punch_fp && r.printer_fp && r.board->load(&r) == 0 && r.board->setup(&r) == 0) {
        UcStop stop = emu_exec(&r, r.max_insns);
        char why[300];
        if (guest_clean_stop(&r, stop, why, sizeof why) != 0) {
            fprintf(stderr, "fuzz_deck: dirty stop: %s\n", why);
            abort();
        }
    }
    guest_close(&r);
    if (null)
        fclose(null);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1u << 20))
        return 0;
    char path[256];
    guest_path(path, sizeof path, (data[0] & 1) ? "deck.1401" : "deck.obj");
    if (guest_put_file(path, data + 1, size - 1) != 0)
        return 0;
    if (data[0] & 1)
        run_1401(path);
    else
        link_deck(path, size);
    return 0;
}
