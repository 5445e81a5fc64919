/* isa_list.c — the microcode listing of a compiled machine (`mcemu isac
 * --list`): every micro-word of the control store, grouped by routine, in
 * the readable form of uc_format_word (microcode/uc_machine.c) beside the
 * description line it was lowered from, as FILE.isa:LINE.
 */
#include <string.h>
#include "isa.h"

void isa_write_listing(const UcMachine *m, FILE *out)
{
    fprintf(out, "; microcode of %s (%s): %u micro-words, %u routines\n", m->name ? m->name : "?",
            m->title ? m->title : "", m->nwords, m->nroutines);
    uint32_t r = 0;
    for (uint32_t a = 0; a < m->nwords; a++) {
        const UcRoutine *rt = uc_machine_routine_at(m, a);
        if (rt && rt->start == a) {
            fprintf(out, "\n%s:%s\n", rt->name, a == m->fetch_entry ? "                      ; fetch entry" : "");
            r++;
        }
        char buf[160];
        uc_format_word(m, &m->words[a], buf, sizeof buf);
        const UcDebugLine *d = m->debug ? &m->debug[a] : NULL;
        const char *file = d && d->file < m->nfiles ? m->files[d->file].name : "?";
        fprintf(out, "%6u  %-46s %s:%u\n", a, buf, file, d ? d->line : 0);
    }
    (void)r;
}
