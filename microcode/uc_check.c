/* uc_check.c — the consistency check of a compiled machine.
 *
 * Every index, count and bound of a UcMachine (uc_machine.h) is checked here
 * once, so the engine's hot loop can trust the control store and the .ucode
 * reader can turn any damaged file into one clear message. The micro-word
 * rules follow uc_ops.h: op < UC_NOPS, registers < UC_NUREGS, targets inside
 * the control store, aux in range for its op, width 1..64 where the op uses
 * a width (0 is accepted for ops that ignore it), EXT/INS bit fields inside
 * 64 bits, CALLH arguments inside the register file.
 */
#include "uc_machine.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#define UC_CHECK_MAX_KEY_BITS 20     /* dense dispatch table: 2^20 entries at most */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(char *err, size_t errsize, const char *fmt, ...)
{
    if (err && errsize) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errsize, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Does op use its width field? (ALU rows of uc_ops.h, LD, ST.) */
static int uses_width(unsigned op)
{
    return (op >= UC_MOVI && op <= UC_SEL) || op == UC_LD || op == UC_ST || op == UC_CMPU || op == UC_CMPS;
}

static int check_word(const UcMachine *m, uint32_t i, char *err, size_t errsize)
{
    const UcWord *w = &m->words[i];
    const char *on = uc_op_name(w->op);
    if (w->op >= UC_NOPS)
        return fail(err, errsize, "micro-word %" PRIu32 ": bad operation %u", i, w->op);
    if (w->dst >= UC_NUREGS || w->a >= UC_NUREGS || w->b >= UC_NUREGS)
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): micro-register out of range", i, on);
    if (w->width > 64 || (uses_width(w->op) && w->width == 0))
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): bad width %u", i, on, w->width);
    if (w->flags & ~(UC_F_IMM | UC_F_ACC_MASK | UC_F_ALIGN | UC_F_NOKEY | UC_F_ONFAULT | UC_F_LANES | UC_F_PART))
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): unknown flags 0x%x", i, on, w->flags);
    if ((w->flags & UC_F_ACC_MASK) == UC_F_ACC_MASK)
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): bad access kind", i, on);
    if (w->flags & UC_F_ONFAULT) {
        if (w->op != UC_LD && w->op != UC_ST && w->op != UC_PROBE)
            return fail(err, errsize, "micro-word %" PRIu32 " (%s): onfault on an op that cannot fault", i, on);
        if (w->target >= m->nwords)
            return fail(err, errsize, "micro-word %" PRIu32 " (%s): onfault target 0x%" PRIx32
                        " outside the control store", i, on, w->target);
    }
    uint32_t lim = 0;
    const char *what = NULL;
    switch (w->op) {
    case UC_JMP: case UC_BZ: case UC_BNZ: case UC_CALL:
        if (w->target >= m->nwords)
            return fail(err, errsize, "micro-word %" PRIu32 " (%s): target 0x%" PRIx32
                        " outside the control store", i, on, w->target);
        break;
    case UC_EXT: case UC_INS:
        if (w->imm > 64 || w->imm + w->width > 64)
            return fail(err, errsize, "micro-word %" PRIu32 " (%s): bit field %" PRIu64
                        "+%u outside 64 bits", i, on, w->imm, w->width);
        break;
    case UC_XLAT: lim = m->ntables; what = "table"; break;
    case UC_LDR: case UC_STR: lim = m->nitems; what = "state item"; break;
    case UC_LDF: case UC_STF: lim = m->nfields; what = "field"; break;
    case UC_LD: case UC_ST: case UC_PROBE: case UC_MOVE: case UC_LDK: case UC_STK:
        lim = m->nspaces; what = "space"; break;
    case UC_TRAP: lim = m->ninterrupts; what = "interrupt"; break;
    case UC_CALLH:
        lim = m->nhelpers; what = "helper";
        if (w->imm > UC_MAX_HELPER_ARGS || w->a + w->imm > UC_NUREGS)
            return fail(err, errsize, "micro-word %" PRIu32 " (CALLH): bad argument count %" PRIu64,
                        i, w->imm);
        break;
    case UC_STOP:
        if (w->imm >= m->nstops)
            return fail(err, errsize, "micro-word %" PRIu32 " (STOP): stop reason %" PRIu64
                        " not declared", i, w->imm);
        break;
    default:
        break;
    }
    if (what && w->aux >= lim)
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): %s %u not declared", i, on, what, w->aux);
    if ((w->flags & UC_F_LANES)
        && ((w->op != UC_LD && w->op != UC_ST) || w->width % 8 || m->spaces[w->aux].unit_bits > 8))
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): units in bytes (lanes) need a load or store "
                    "of whole bytes and units of at most 8 bits", i, on);
    if ((w->flags & UC_F_PART) && (w->op != UC_ST || (w->flags & UC_F_ALIGN)))
        return fail(err, errsize, "micro-word %" PRIu32 " (%s): a part store (part) must be a store "
                    "without align", i, on);
    return 0;
}

static int check_trapref(const UcMachine *m, const UcTrapRef *t)
{
    if (t->interrupt == UC_NONE)
        return 0;
    if (t->interrupt >= 0)
        return (uint32_t)t->interrupt < m->ninterrupts ? 0 : -1;
    return UC_TRAP_STOP_INDEX(t->interrupt) < (int64_t)m->nstops ? 0 : -1;
}

static int check_space(const UcMachine *m, uint32_t i, char *err, size_t errsize)
{
    const UcSpace *s = &m->spaces[i];
    if (s->unit_bits < 1 || s->unit_bits > 64
        || (s->unit_bytes != 1 && s->unit_bytes != 2 && s->unit_bytes != 4 && s->unit_bytes != 8)
        || s->unit_bits > s->unit_bytes * 8)
        return fail(err, errsize, "space %" PRIu32 ": bad unit (%u bits in %u bytes)", i,
                    s->unit_bits, s->unit_bytes);
    if (s->min_size < 1 || s->min_size > s->max_size || s->default_size < s->min_size
        || s->default_size > s->max_size)
        return fail(err, errsize, "space %" PRIu32 ": bad sizes", i);
    if (s->nsizes && !s->sizes)
        return fail(err, errsize, "space %" PRIu32 ": missing size list", i);
    for (uint32_t j = 0; j < s->nsizes; j++)
        if (s->sizes[j] < s->min_size || s->sizes[j] > s->max_size)
            return fail(err, errsize, "space %" PRIu32 ": allowed size outside min..max", i);
    if (s->nsubfields && !s->subfields)
        return fail(err, errsize, "space %" PRIu32 ": missing subfields", i);
    for (uint32_t j = 0; j < s->nsubfields; j++)
        if (s->subfields[j].len < 1 || s->subfields[j].shift + s->subfields[j].len > s->unit_bits)
            return fail(err, errsize, "space %" PRIu32 ": subfield %" PRIu32 " outside the unit", i, j);
    for (unsigned k = 0; k < UC_NFAULTS; k++)
        if (check_trapref(m, &s->faults[k]))
            return fail(err, errsize, "space %" PRIu32 ": fault %u raises an undeclared interrupt or stop", i, k);
    if (s->key_block) {
        if (s->key_bits < 1 || s->key_bits > 8)
            return fail(err, errsize, "space %" PRIu32 ": bad key width %u", i, s->key_bits);
        if (s->key_field != UC_NONE && (s->key_field < 0 || (uint32_t)s->key_field >= m->nfields))
            return fail(err, errsize, "space %" PRIu32 ": bad access key field", i);
        if (s->fetch_prot_bit != 0xff && s->fetch_prot_bit >= 8)
            return fail(err, errsize, "space %" PRIu32 ": bad fetch-protection bit", i);
    }
    return 0;
}

static int check_dispatch(const UcMachine *m, char *err, size_t errsize)
{
    const UcDispatch *d = &m->dispatch;
    if (d->key_bits > UC_CHECK_MAX_KEY_BITS)
        return fail(err, errsize, "dispatch key of %u bits is too wide", d->key_bits);
    if (m->nwords && d->invalid_entry >= m->nwords)
        return fail(err, errsize, "invalid-instruction entry outside the control store");
    for (uint32_t i = 0; i < m->ncands; i++) {
        const UcCandidate *c = &m->cands[i];
        if (c->format >= m->nformats || c->entry >= m->nwords
            || (c->insn != UC_NONE && (c->insn < 0 || (uint32_t)c->insn >= m->ninsns))
            || (c->next != UC_NONE && (c->next < 0 || (uint32_t)c->next >= m->ncands)))
            return fail(err, errsize, "dispatch candidate %" PRIu32 ": index out of range", i);
    }
    if (!d->first)
        return 0;
    uint32_t nkeys = (uint32_t)1 << d->key_bits;
    for (uint32_t k = 0; k < nkeys; k++) {
        int32_t c = d->first[k];
        uint32_t steps = 0;
        if (c != UC_NONE && (c < 0 || (uint32_t)c >= m->ncands))
            return fail(err, errsize, "dispatch key 0x%" PRIx32 ": candidate out of range", k);
        while (c >= 0) {
            if (++steps > m->ncands)
                return fail(err, errsize, "dispatch key 0x%" PRIx32 ": candidate list loops", k);
            c = m->cands[c].next;
        }
    }
    return 0;
}

static int check_syntax(const UcMachine *m, char *err, size_t errsize)
{
    for (uint32_t i = 0; i < m->nmodes; i++) {
        const UcMode *md = &m->modes[i];
        if (md->nparams > UC_MAX_MODE_PARAMS || (md->nforms && !md->forms))
            return fail(err, errsize, "operand mode %" PRIu32 ": bad parameters or forms", i);
        const int8_t roles[4] = { md->disp_param, md->base_param, md->index_param, md->length_param };
        for (int r = 0; r < 4; r++)
            if (roles[r] < -1 || roles[r] >= (int)md->nparams)
                return fail(err, errsize, "operand mode %" PRIu32 ": bad parameter role", i);
        for (uint32_t j = 0; j < md->nparams; j++)
            if (md->params[j].width < 1 || md->params[j].width > 64)
                return fail(err, errsize, "operand mode %" PRIu32 ": bad parameter width", i);
        for (uint32_t j = 0; j < md->nforms; j++) {
            if (md->forms[j].ncond > UC_MAX_MODE_PARAMS)
                return fail(err, errsize, "operand mode %" PRIu32 ": too many conditions", i);
            for (unsigned k = 0; k < md->forms[j].ncond; k++)
                if (md->forms[j].cond[k].param >= md->nparams)
                    return fail(err, errsize, "operand mode %" PRIu32 ": bad condition", i);
        }
    }
    for (uint32_t i = 0; i < m->ninsns; i++) {
        const UcInsn *in = &m->insns[i];
        if (in->format >= m->nformats || in->noperands > UC_MAX_OPERANDS
            || (m->nwords && in->entry >= m->nwords) || (m->nfiles && in->file >= m->nfiles))
            return fail(err, errsize, "instruction %" PRIu32 ": index out of range", i);
        const UcFormat *f = &m->formats[in->format];
        for (unsigned j = 0; j < in->noperands; j++) {
            const UcOperand *op = &in->operands[j];
            if (op->mode >= m->nmodes)
                return fail(err, errsize, "instruction %" PRIu32 ": bad operand mode", i);
            for (unsigned k = 0; k < m->modes[op->mode].nparams; k++)
                if (op->field[k] >= f->nfields)
                    return fail(err, errsize, "instruction %" PRIu32 ": operand field out of range", i);
        }
    }
    for (uint32_t i = 0; i < m->naliases; i++) {
        const UcAlias *a = &m->aliases[i];
        if (a->insn >= m->ninsns || a->nfixed > 4)
            return fail(err, errsize, "alias %" PRIu32 ": index out of range", i);
        const UcFormat *f = &m->formats[m->insns[a->insn].format];
        for (unsigned k = 0; k < a->nfixed; k++)
            if (a->fixed[k].field >= f->nfields)
                return fail(err, errsize, "alias %" PRIu32 ": field out of range", i);
    }
    return 0;
}

/* Arrays must exist when their count says so. */
#define NEED(arr, n) \
    do { if ((m->n) && !(m->arr)) return fail(err, errsize, "missing " #arr " (%" PRIu32 " entries)", m->n); } while (0)

int uc_machine_check(const UcMachine *m, char *err, size_t errsize)
{
    if (!m)
        return fail(err, errsize, "no machine");
    NEED(items, nitems); NEED(fields, nfields); NEED(spaces, nspaces); NEED(tables, ntables);
    NEED(consts, nconsts); NEED(interrupts, ninterrupts); NEED(stops, nstops);
    NEED(helpers, nhelpers); NEED(formats, nformats); NEED(cands, ncands); NEED(modes, nmodes);
    NEED(insns, ninsns); NEED(aliases, naliases); NEED(words, nwords); NEED(files, nfiles);
    NEED(routines, nroutines);
    if (m->bitorder > UC_LSB0 || m->endian > UC_LITTLE || m->wrap > UC_WRAP_SIZE)
        return fail(err, errsize, "bad bit order, endianness or wrap rule");
    if (m->addr_bits < 1 || m->addr_bits > 64)
        return fail(err, errsize, "bad address width %u", m->addr_bits);
    for (uint32_t i = 0; i < m->nitems; i++) {
        const UcItem *it = &m->items[i];
        if (it->kind > UC_ITEM_REG || it->width < 1 || it->width > 64 || it->count < 1
            || it->slot > m->nslots || it->count > m->nslots - it->slot)
            return fail(err, errsize, "state item %" PRIu32 ": bad width, count or slot", i);
        if (it->nnumbers && !it->number_map)
            return fail(err, errsize, "state item %" PRIu32 ": missing number map", i);
        for (uint32_t j = 0; j < it->nnumbers; j++)
            if (it->number_map[j] < -1 || it->number_map[j] >= (int64_t)it->count)
                return fail(err, errsize, "state item %" PRIu32 ": number map out of range", i);
    }
    for (uint32_t i = 0; i < m->nfields; i++) {
        const UcField *f = &m->fields[i];
        if (f->item >= m->nitems || f->len < 1 || f->shift + f->len > m->items[f->item].width)
            return fail(err, errsize, "field %" PRIu32 ": outside its register", i);
    }
    for (uint32_t i = 0; i < m->nspaces; i++)
        if (check_space(m, i, err, errsize))
            return -1;
    for (uint32_t i = 0; i < m->ntables; i++)
        if (m->tables[i].width < 1 || m->tables[i].width > 64
            || (m->tables[i].count && !m->tables[i].values))
            return fail(err, errsize, "table %" PRIu32 ": bad width or values", i);
    for (uint32_t i = 0; i < m->ninterrupts; i++) {
        const UcInterrupt *in = &m->interrupts[i];
        if (in->entry >= m->nwords || in->nparams > 4)
            return fail(err, errsize, "interrupt %" PRIu32 ": bad entry or parameters", i);
        for (unsigned j = 0; j < in->nparams; j++)
            if (in->param_ureg[j] >= UC_NUREGS)
                return fail(err, errsize, "interrupt %" PRIu32 ": parameter register out of range", i);
    }
    for (uint32_t i = 0; i < m->nhelpers; i++)
        if (m->helpers[i].nargs > UC_MAX_HELPER_ARGS)
            return fail(err, errsize, "helper %" PRIu32 ": too many arguments", i);
    for (uint32_t i = 0; i < m->nformats; i++) {
        const UcFormat *f = &m->formats[i];
        if (f->width < 1 || f->width > 64 || f->nfields > UC_MAX_FIELDS)
            return fail(err, errsize, "format %" PRIu32 ": bad width or field count", i);
        for (unsigned j = 0; j < f->nfields; j++)
            if (f->fields[j].len < 1 || f->fields[j].shift + f->fields[j].len > f->width
                || f->fields[j].ureg >= UC_NUREGS)
                return fail(err, errsize, "format %" PRIu32 ": field %u out of range", i, j);
    }
    const UcDecodeRule *dr = &m->decode;
    if (dr->rule > UC_LEN_DELIMITED || dr->key_shift + dr->key_len > 64
        || (dr->rule == UC_LEN_DELIMITED && dr->delim_subfield != UC_NONE
            && (dr->delim_subfield < 0 || m->nspaces == 0
                || (uint32_t)dr->delim_subfield >= m->spaces[0].nsubfields)))
        return fail(err, errsize, "bad decode rule");
    if (check_dispatch(m, err, errsize) || check_syntax(m, err, errsize))
        return -1;
    for (uint32_t i = 0; i < m->nwords; i++)
        if (check_word(m, i, err, errsize))
            return -1;
    if (m->nwords && m->fetch_entry >= m->nwords)
        return fail(err, errsize, "fetch entry outside the control store");
    if (m->reset_entry != (uint32_t)UC_NONE && m->reset_entry >= m->nwords)
        return fail(err, errsize, "reset entry outside the control store");
    if (m->boundary_entry != (uint32_t)UC_NONE && m->boundary_entry >= m->nwords)
        return fail(err, errsize, "boundary entry outside the control store");
    for (uint32_t i = 0; m->debug && i < m->nwords; i++)
        if ((m->nfiles && m->debug[i].file >= m->nfiles)
            || (m->debug[i].insn != UC_NONE
                && (m->debug[i].insn < 0 || (uint32_t)m->debug[i].insn >= m->ninsns)))
            return fail(err, errsize, "debug line of micro-word %" PRIu32 ": index out of range", i);
    for (uint32_t i = 0; i < m->nroutines; i++)
        if (m->routines[i].start > m->routines[i].end || m->routines[i].end > m->nwords)
            return fail(err, errsize, "routine %" PRIu32 ": range outside the control store", i);
    return 0;
}
