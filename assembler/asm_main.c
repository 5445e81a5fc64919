/* asm_main.c — the `mcemu asm` and `mcemu dis` commands.
 *
 *   mcemu asm [-m MACHINE] SOURCE [-o IMAGE|DECK.obj] [--object] [-l LISTING]
 *             [-I DIR]... [--origin HEX]
 *   mcemu dis [-m MACHINE] FILE [--origin HEX] [--start HEX] [--length N]
 *
 * asm writes the raw image (bytes from the origin), or an object deck when
 * the output name ends in .obj or --object is given, only when no message of
 * severity 8 or more was issued; exit status 0, 1 on errors, 2 on usage
 * errors. dis prints one `ADDRESS  HEXBYTES  MNEMONIC OPERANDS` line per
 * instruction of a raw image file whose first byte is at --origin, or of an
 * object deck linked at --origin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm_int.h"
#include "../emulator/emu_machine.h"

static int parse_hex(const char *s, uint64_t *v)
{
    char *end;
    if (s == NULL || *s == '\0')
        return -1;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    *v = strtoull(s, &end, 16);
    return *end == '\0' ? 0 : -1;
}

static int parse_num(const char *s, uint64_t *v)
{
    char *end;
    if (s == NULL || *s == '\0')
        return -1;
    *v = strtoull(s, &end, 0);
    return *end == '\0' ? 0 : -1;
}

static void asm_help(FILE *f)
{
    fprintf(f, "usage: mcemu asm [-m MACHINE] SOURCE [-o OUTPUT] [--object] [-l LISTING]\n"
               "                 [-I DIR]... [-M DIR]... [--origin HEX]\n"
               "  -o OUTPUT   write the program: an object deck (80-column EBCDIC ESD, TXT,\n"
               "              RLD and END cards) when OUTPUT ends in .obj or --object is\n"
               "              given, else the raw image (bytes from the origin)\n"
               "  --object    write an object deck whatever the name\n"
               "  -l LISTING  write the listing (ESD, source, RLD, cross-reference)\n"
               "  -I DIR      folder searched by COPY (NAME, NAME.asm, NAME.cpy, lower case too)\n"
               "  -M DIR      macro library: a call of an unknown operation NAME reads\n"
               "              DIR/NAME.mac (or NAME.asm, NAME; lower case too)\n"
               "  --origin    address of the first control section (default 0)\n");
}

static int asm_usage(void)
{
    asm_help(stderr);
    return 2;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

int asm_main(int argc, char **argv)
{
    const char *machine = "assist", *source = NULL, *out = NULL, *listing = NULL;
    uint64_t origin = 0;
    int object = 0, nincs = 0, nmacs = 0;
    const char **incs = calloc((size_t)argc + 1, sizeof *incs);
    const char **macs = calloc((size_t)argc + 1, sizeof *macs);
    if (incs == NULL || macs == NULL) {
        free(incs);
        free(macs);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-m") == 0 && i + 1 < argc)
            machine = argv[++i];
        else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(a, "--object") == 0)
            object = 1;
        else if (strcmp(a, "-I") == 0 && i + 1 < argc)
            incs[nincs++] = argv[++i];
        else if (strcmp(a, "-M") == 0 && i + 1 < argc)
            macs[nmacs++] = argv[++i];
        else if (strncmp(a, "-M", 2) == 0 && a[2])
            macs[nmacs++] = a + 2;
        else if (strncmp(a, "-I", 2) == 0 && a[2])
            incs[nincs++] = a + 2;
        else if (strcmp(a, "-l") == 0 && i + 1 < argc)
            listing = argv[++i];
        else if (strcmp(a, "--origin") == 0 && i + 1 < argc) {
            if (parse_hex(argv[++i], &origin) < 0) {
                fprintf(stderr, "mcemu asm: bad --origin '%s' (hex)\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            asm_help(stdout);
            free(incs);
            free(macs);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mcemu asm: unknown option '%s'\n", a);
            free(incs);
            free(macs);
            return asm_usage();
        } else if (source == NULL)
            source = a;
        else {
            fprintf(stderr, "mcemu asm: more than one source file\n");
            free(incs);
            free(macs);
            return asm_usage();
        }
    }
    if (source == NULL || (object && out == NULL)) {
        free(incs);
        free(macs);
        return asm_usage();
    }
    UcMachine *m = emu_load_machine(machine, stderr);
    if (m == NULL) {
        free(incs);
        free(macs);
        return 1;
    }
    if (out != NULL && ends_with(out, ".obj"))
        object = 1;
    AsmOptions opt = { 0 };
    opt.listing = listing;
    opt.origin = origin;
    opt.incdirs = incs;
    opt.macdirs = macs;
    opt.object = object ? out : NULL;
    AsmImage *img = asm_assemble(m, source, &opt, stderr);
    free(incs);
    free(macs);
    int rc = 0;
    if (img == NULL)
        rc = 1;
    else if (img->nerrors > 0) {
        rc = 1;
        if (object)
            remove(out);
    } else if (out != NULL && !object) {
        FILE *f = fopen(out, "wb");
        size_t n = (size_t)img->size;
        if (f == NULL || fwrite(img->bytes, 1, n, f) != n) {
            fprintf(stderr, "%s: error: cannot write the image\n", out);
            rc = 1;
        }
        if (f != NULL && fclose(f) != 0 && rc == 0) {
            fprintf(stderr, "%s: error: cannot write the image\n", out);
            rc = 1;
        }
        if (rc)
            remove(out);
    }
    asm_image_free(img);
    uc_machine_free(m);
    return rc;
}

static int dis_stream(FILE *f, const char *file, const char *machine, uint64_t origin, uint64_t start,
                      int has_start, uint64_t length, int has_length);

static int dis_usage(void)
{
    fprintf(stderr, "usage: mcemu dis [-m MACHINE] FILE [--origin HEX] [--start HEX] [--length N]\n"
                    "  FILE is a raw image, or an object deck (linked at --origin)\n");
    return 2;
}

int dis_main(int argc, char **argv)
{
    const char *machine = "s360", *file = NULL;
    uint64_t origin = 0, start = 0, length = 0;
    int has_start = 0, has_length = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-m") == 0 && i + 1 < argc)
            machine = argv[++i];
        else if (strcmp(a, "--origin") == 0 && i + 1 < argc) {
            if (parse_hex(argv[++i], &origin) < 0) {
                fprintf(stderr, "mcemu dis: bad --origin '%s' (hex)\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--start") == 0 && i + 1 < argc) {
            if (parse_hex(argv[++i], &start) < 0) {
                fprintf(stderr, "mcemu dis: bad --start '%s' (hex)\n", argv[i]);
                return 2;
            }
            has_start = 1;
        } else if (strcmp(a, "--length") == 0 && i + 1 < argc) {
            if (parse_num(argv[++i], &length) < 0) {
                fprintf(stderr, "mcemu dis: bad --length '%s'\n", argv[i]);
                return 2;
            }
            has_length = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            dis_usage();
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mcemu dis: unknown option '%s'\n", a);
            return dis_usage();
        } else if (file == NULL)
            file = a;
        else
            return dis_usage();
    }
    if (file == NULL)
        return dis_usage();
    if (asm_is_object_deck(file)) {
        /* an object deck: linked at --origin, then its bytes as an image */
        const char *decks[] = { file };
        FILE *quiet = fopen("/dev/null", "w");      /* unresolved references stay 0 */
        AsmImage *img = asm_link(decks, 1, origin, 0, quiet ? quiet : stderr);
        if (quiet)
            fclose(quiet);
        if (img == NULL) {
            fprintf(stderr, "%s: error: cannot read the object deck\n", file);
            return 1;
        }
        FILE *t = tmpfile();
        if (t == NULL || fwrite(img->bytes, 1, (size_t)img->size, t) != img->size) {
            if (t)
                fclose(t);
            asm_image_free(img);
            fprintf(stderr, "%s: error: out of memory\n", file);
            return 1;
        }
        asm_image_free(img);
        rewind(t);
        return dis_stream(t, file, machine, origin, start, has_start, length, has_length);
    }
    FILE *f = fopen(file, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: error: cannot read the file\n", file);
        return 1;
    }
    return dis_stream(f, file, machine, origin, start, has_start, length, has_length);
}

/* Disassemble the bytes of an open file (closed here). */
static int dis_stream(FILE *f, const char *file, const char *machine, uint64_t origin, uint64_t start,
                      int has_start, uint64_t length, int has_length)
{
    size_t cap = 1 << 16, n = 0;
    uint8_t *data = malloc(cap);
    for (;;) {
        if (data == NULL)
            break;
        if (n == cap) {
            uint8_t *q = realloc(data, cap * 2);
            if (q == NULL) { free(data); data = NULL; break; }
            data = q;
            cap *= 2;
        }
        size_t k = fread(data + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    if (data == NULL) {
        fprintf(stderr, "%s: error: out of memory\n", file);
        return 1;
    }
    UcMachine *m = emu_load_machine(machine, stderr);
    if (m == NULL) {
        free(data);
        return 1;
    }
    unsigned ub = m->nspaces && m->spaces[0].unit_bytes ? m->spaces[0].unit_bytes : 1;
    size_t units = n / ub;
    if (!has_start)
        start = origin;
    if (start < origin || start - origin > units) {
        fprintf(stderr, "mcemu dis: --start %llX is outside the file (%llX..%llX)\n",
                (unsigned long long)start, (unsigned long long)origin,
                (unsigned long long)(origin + units));
        free(data);
        uc_machine_free(m);
        return 2;
    }
    size_t pos = (size_t)(start - origin);
    size_t end = units;
    if (has_length && length < end - pos)
        end = pos + (size_t)length;
    unsigned maxlen = 1;
    for (uint32_t i = 0; i < m->nformats; i++)
        if (m->formats[i].length > maxlen)
            maxlen = m->formats[i].length;
    int digits = (m->addr_bits + 3) / 4;
    if (digits < 6)
        digits = 6;
    char text[256], hex[128];
    while (pos < end) {
        unsigned len = asm_disassemble(m, data + pos * ub, end - pos, origin + pos, text, sizeof text);
        if (len == 0) {
            len = asm_dis_min_length(m);
            if (len > end - pos)
                len = (unsigned)(end - pos);
        }
        size_t h = 0;
        for (unsigned i = 0; i < len * ub && h + 3 < sizeof hex; i++)
            h += (size_t)snprintf(hex + h, sizeof hex - h, "%02X", data[pos * ub + i]);
        printf("%0*llX  %-*s  %s\n", digits, (unsigned long long)(origin + pos), (int)(maxlen * ub * 2), hex, text);
        pos += len;
    }
    free(data);
    uc_machine_free(m);
    return 0;
}
