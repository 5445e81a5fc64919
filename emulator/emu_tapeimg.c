/* emu_tapeimg.c — tape images in AWS and SIMH .tap form (the layouts are
 * drawn in emu_tapeimg.h).
 *
 * When a reel is mounted its file is scanned once into an index of blocks
 * (where each starts and ends, its length, whether it is a tape mark); the
 * data stay in the file and are read when the drive reads them. The scan
 * stops at the first malformed block, which stays in the index as a BAD
 * block: the drive can use every block before it and gets a data check on
 * reaching it. Writing replaces the rest of the reel: the file is cut at
 * the position, the block appended and the index shortened to match.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include "emulator/emu_tapeimg.h"

/* AWS header: 6 bytes */
#define AWS_HDR         6u
#define AWS_NEWREC      0x80u
#define AWS_MARK        0x40u
#define AWS_ENDREC      0x20u
#define AWS_MAXCHUNK    0xFFFFu

/* SIMH words */
#define SIMH_WORD       4u
#define SIMH_MARK       0x00000000u
#define SIMH_EOM        0xFFFFFFFFu
#define SIMH_GAP        0xFFFFFFFEu
#define SIMH_FHGAP      0xFFFEFFFFu      /* a half gap: 2 bytes */
#define SIMH_ERRFLAG    0x80000000u
#define SIMH_LENMASK    0x00FFFFFFu
#define SIMH_CLASS(w)   ((w) >> 28)

typedef enum { BLK_DATA, BLK_MARK, BLK_ERR, BLK_BAD } BlockKind;

typedef struct Block {
    long start, end;            /* file offsets: first byte, one past the last */
    uint32_t len;               /* data bytes */
    uint32_t tail;              /* AWS: length of the last chunk (the next header's "previous") */
    BlockKind kind;
} Block;

struct EmuTape {
    char *path;
    FILE *fp;
    int readonly;
    EmuTapeFormat fmt;
    Block *blk;
    size_t n, cap;              /* blocks in the index (a BAD block is the last) */
    size_t pos;                 /* before block pos (0: load point) */
    uint64_t capacity;          /* end-of-tape reflector, bytes (0: none) */
    int padded, unpadded;       /* SIMH: odd records seen padded / not padded (E11) */
    char msg[320];
    char bad[320];              /* the BAD block's message */
};

static unsigned le16(const uint8_t *p) { return p[0] | (unsigned)p[1] << 8; }
static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void put16(uint8_t *p, unsigned v) { p[0] = v & 0xFF; p[1] = (v >> 8) & 0xFF; }
static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (v >> (8 * i)) & 0xFF;
}

static void set_msg(EmuTape *t, size_t block, const char *fmt, ...)
{
    char text[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    snprintf(t->msg, sizeof t->msg, "%s: block %zu: error: %s", t->path, block + 1, text);
}

static int push(EmuTape *t, long start, long end, uint32_t len, uint32_t tail, BlockKind kind)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        Block *b = realloc(t->blk, cap * sizeof *b);
        if (b == NULL)
            return -1;
        t->blk = b;
        t->cap = cap;
    }
    t->blk[t->n++] = (Block){ start, end, len, tail, kind };
    return 0;
}

/* Read n bytes at off; 0 or -1 (short or failed). */
static int read_at(EmuTape *t, long off, void *buf, size_t n)
{
    if (fseek(t->fp, off, SEEK_SET) != 0)
        return -1;
    return fread(buf, 1, n, t->fp) == n ? 0 : -1;
}

/* ---- the scan ---------------------------------------------------------- */

static int bad(EmuTape *t, long off, const char *fmt, ...)
{
    char text[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    set_msg(t, t->n, "%s", text);
    memcpy(t->bad, t->msg, sizeof t->bad);
    return push(t, off, off, 0, 0, BLK_BAD);
}

static int scan_simh(EmuTape *t, long size)
{
    long off = 0;
    uint8_t w[SIMH_WORD];
    while (off < size) {
        if (size - off < (long)SIMH_WORD)
            return bad(t, off, "truncated length word at offset %ld", off);
        if (read_at(t, off, w, SIMH_WORD))
            return bad(t, off, "cannot read at offset %ld", off);
        uint32_t v = le32(w);
        if (v == SIMH_MARK) {
            if (push(t, off, off + SIMH_WORD, 0, 0, BLK_MARK))
                return -1;
            off += SIMH_WORD;
            continue;
        }
        if (v == SIMH_EOM)
            return 0;
        if (v == SIMH_FHGAP) {
            off += 2;
            continue;
        }
        unsigned cls = SIMH_CLASS(v);
        if (cls == 0xF || cls == 7) {           /* gaps and private markers: no data */
            off += SIMH_WORD;
            continue;
        }
        uint32_t len = v & SIMH_LENMASK;
        long left = size - off - 2 * (long)SIMH_WORD;   /* room for data after both words */
        long padded = (long)len + (t->unpadded ? 0 : (len & 1));
        int match = padded <= left && read_at(t, off + SIMH_WORD + padded, w, SIMH_WORD) == 0
                    && le32(w) == v;
        if (!match && (len & 1) && !t->unpadded && !t->padded && (long)len <= left
            && read_at(t, off + SIMH_WORD + len, w, SIMH_WORD) == 0 && le32(w) == v) {
            t->unpadded = 1;                    /* E11 style: odd records not padded */
            padded = len;
            match = 1;
        }
        if (!match && padded > left)
            return bad(t, off, "record of %lu bytes at offset %ld runs past the end of the file "
                       "(%ld bytes left)", (unsigned long)len, off, size - off - (long)SIMH_WORD);
        if (!match)
            return bad(t, off, "length mismatch: header %lu bytes, trailer %lu",
                       (unsigned long)len, (unsigned long)(le32(w) & SIMH_LENMASK));
        if (len & 1)
            t->padded = !t->unpadded;
        long end = off + 2 * (long)SIMH_WORD + padded;
        if (cls == 0 || cls == 8) {
            if (len == 0)
                return bad(t, off, "record of length 0 with class %u", cls);
            if (push(t, off, end, len, 0, cls == 8 ? BLK_ERR : BLK_DATA))
                return -1;
        }                                       /* other classes: private data, skipped */
        off = end;
    }
    return 0;
}

static int scan_aws(EmuTape *t, long size)
{
    long off = 0;
    unsigned prevchunk = 0;
    uint8_t h[AWS_HDR];
    while (off < size) {
        long start = off;
        uint32_t total = 0;
        int first = 1;
        for (;;) {
            if (size - off < (long)AWS_HDR)
                return bad(t, start, "truncated block header at offset %ld", off);
            if (read_at(t, off, h, AWS_HDR))
                return bad(t, start, "cannot read at offset %ld", off);
            unsigned cur = le16(h), prev = le16(h + 2), flags = h[4];
            if (prev != prevchunk)
                return bad(t, start, "length mismatch: header at offset %ld says the previous "
                           "block was %u bytes, it was %u", off, prev, prevchunk);
            if (flags & AWS_MARK) {
                if (!first || cur != 0)
                    return bad(t, start, "tape mark with length %u at offset %ld", cur, off);
                off += AWS_HDR;
                if (push(t, start, off, 0, 0, BLK_MARK))
                    return -1;
                prevchunk = 0;
                break;
            }
            if (first && !(flags & AWS_NEWREC))
                return bad(t, start, "block at offset %ld does not begin a record (flags %02X)",
                           off, flags);
            if (!first && (flags & AWS_NEWREC))
                return bad(t, start, "record at offset %ld ends without its end flag", start);
            if (cur == 0)
                return bad(t, start, "empty chunk at offset %ld", off);
            if (size - off - (long)AWS_HDR < (long)cur)
                return bad(t, start, "record of %u bytes at offset %ld runs past the end of the "
                           "file (%ld bytes left)", cur, off, size - off - (long)AWS_HDR);
            off += AWS_HDR + cur;
            total += cur;
            prevchunk = cur;
            first = 0;
            if (flags & AWS_ENDREC) {
                if (push(t, start, off, total, cur, BLK_DATA))
                    return -1;
                break;
            }
        }
    }
    return 0;
}

/* Which format holds this file: by its first block, else by its name. */
static EmuTapeFormat detect(EmuTape *t, long size)
{
    uint8_t b[8];
    if (size >= (long)AWS_HDR && read_at(t, 0, b, AWS_HDR) == 0) {
        unsigned cur = le16(b), flags = b[4];
        int aws = le16(b + 2) == 0 && b[5] == 0 && flags != 0 && (flags & ~0xE0u) == 0
                  && ((flags & AWS_MARK) ? cur == 0 : (flags & AWS_NEWREC) && cur > 0);
        int simh = 0;
        uint32_t v = le32(b);
        if (v == SIMH_MARK || v == SIMH_EOM || v == SIMH_GAP) {
            simh = 1;
        } else if ((v & ~(SIMH_LENMASK | SIMH_ERRFLAG)) == 0) {
            long len = (long)(v & SIMH_LENMASK), padded = len + (len & 1);
            simh = (size >= padded + 8 && read_at(t, 4 + padded, b, 4) == 0 && le32(b) == v)
                   || (size >= len + 8 && read_at(t, 4 + len, b, 4) == 0 && le32(b) == v);
        }
        if (aws && !simh)
            return EMU_TAPE_FMT_AWS;
        if (simh && !aws)
            return EMU_TAPE_FMT_SIMH;
    }
    const char *dot = strrchr(t->path, '.');
    if (dot && (strcmp(dot, ".tap") == 0 || strcmp(dot, ".TAP") == 0
                || strcmp(dot, ".tpe") == 0 || strcmp(dot, ".simh") == 0))
        return EMU_TAPE_FMT_SIMH;
    return EMU_TAPE_FMT_AWS;                    /* .aws and anything else, as Hercules */
}

EmuTape *emu_tape_open(const char *path, int readonly, EmuTapeFormat fmt, char *err, size_t errsize)
{
    EmuTape *t = calloc(1, sizeof *t);
    if (t == NULL || (t->path = malloc(strlen(path) + 1)) == NULL) {
        free(t);
        snprintf(err, errsize, "%s: error: out of memory", path);
        return NULL;
    }
    strcpy(t->path, path);
    t->readonly = readonly;
    t->fp = fopen(path, readonly ? "rb" : "r+b");
    if (t->fp == NULL && !readonly && errno == ENOENT)
        t->fp = fopen(path, "w+b");
    if (t->fp == NULL && !readonly && (errno == EACCES || errno == EROFS)) {
        t->readonly = 1;                        /* a read-only file: the ring is out */
        t->fp = fopen(path, "rb");
    }
    if (t->fp == NULL) {
        snprintf(err, errsize, "%s: error: cannot open tape image: %s", path, strerror(errno));
        emu_tape_close(t);
        return NULL;
    }
    long size = -1;
    if (fseek(t->fp, 0, SEEK_END) == 0)
        size = ftell(t->fp);
    if (size < 0) {
        snprintf(err, errsize, "%s: error: cannot size tape image: %s", path, strerror(errno));
        emu_tape_close(t);
        return NULL;
    }
    t->fmt = fmt == EMU_TAPE_FMT_DETECT ? detect(t, size) : fmt;
    int rc = t->fmt == EMU_TAPE_FMT_SIMH ? scan_simh(t, size) : scan_aws(t, size);
    if (rc != 0) {
        snprintf(err, errsize, "%s: error: out of memory", path);
        emu_tape_close(t);
        return NULL;
    }
    return t;
}

void emu_tape_close(EmuTape *t)
{
    if (t == NULL)
        return;
    if (t->fp)
        fclose(t->fp);
    free(t->blk);
    free(t->path);
    free(t);
}

/* ---- reading and moving ------------------------------------------------ */

/* Copy a data block's bytes (at most max) into buf. */
static int fetch(EmuTape *t, const Block *b, uint8_t *buf, size_t max)
{
    size_t want = b->len < max ? b->len : max;
    if (t->fmt == EMU_TAPE_FMT_SIMH)
        return want ? read_at(t, b->start + SIMH_WORD, buf, want) : 0;
    long off = b->start;
    size_t got = 0;
    while (got < want) {                        /* chunks, checked by the scan */
        uint8_t h[AWS_HDR];
        if (read_at(t, off, h, AWS_HDR))
            return -1;
        size_t cur = le16(h), k = want - got < cur ? want - got : cur;
        if (read_at(t, off + AWS_HDR, buf + got, k))
            return -1;
        got += k;
        off += AWS_HDR + cur;
    }
    return 0;
}

static EmuTapeStatus io_error(EmuTape *t, size_t block)
{
    set_msg(t, block, "cannot read the image: %s", errno ? strerror(errno) : "short read");
    return EMU_TAPE_IOERR;
}

static EmuTapeStatus read_block(EmuTape *t, size_t k, uint8_t *buf, size_t max, size_t *len)
{
    const Block *b = &t->blk[k];
    *len = b->len;
    if (b->kind == BLK_MARK)
        return EMU_TAPE_MARK;
    if (buf && fetch(t, b, buf, max))
        return io_error(t, k);
    return b->kind == BLK_ERR ? EMU_TAPE_DATAERR : EMU_TAPE_OK;
}

EmuTapeStatus emu_tape_read(EmuTape *t, uint8_t *buf, size_t max, size_t *len)
{
    *len = 0;
    if (t->pos >= t->n)
        return EMU_TAPE_EOD;
    if (t->blk[t->pos].kind == BLK_BAD) {
        memcpy(t->msg, t->bad, sizeof t->msg);
        return EMU_TAPE_BAD;
    }
    EmuTapeStatus st = read_block(t, t->pos, buf, max, len);
    if (st != EMU_TAPE_IOERR)
        t->pos++;
    return st;
}

EmuTapeStatus emu_tape_read_back(EmuTape *t, uint8_t *buf, size_t max, size_t *len)
{
    *len = 0;
    if (t->pos == 0)
        return EMU_TAPE_BOT;
    EmuTapeStatus st = read_block(t, t->pos - 1, buf, max, len);
    if (st != EMU_TAPE_IOERR)
        t->pos--;
    return st;
}

EmuTapeStatus emu_tape_space(EmuTape *t, int forward)
{
    size_t len;
    return forward ? emu_tape_read(t, NULL, 0, &len) : emu_tape_read_back(t, NULL, 0, &len);
}

EmuTapeStatus emu_tape_space_file(EmuTape *t, int forward)
{
    for (;;) {
        EmuTapeStatus st = emu_tape_space(t, forward);
        if (st != EMU_TAPE_OK && st != EMU_TAPE_DATAERR)
            return st;
    }
}

void emu_tape_rewind(EmuTape *t)
{
    t->pos = 0;
}

/* ---- writing ------------------------------------------------------------ */

/* Cut the reel at the position and append `n` bytes forming one block. */
static EmuTapeStatus append(EmuTape *t, const uint8_t *bytes, size_t n, uint32_t len,
                            uint32_t tail, BlockKind kind)
{
    if (t->readonly)
        return EMU_TAPE_PROTECT;
    long off = t->pos ? t->blk[t->pos - 1].end : 0;
    t->n = t->pos;
    errno = 0;
    if (fseek(t->fp, off, SEEK_SET) != 0 || fwrite(bytes, 1, n, t->fp) != n
        || fflush(t->fp) != 0 || ftruncate(fileno(t->fp), off + (long)n) != 0) {
        set_msg(t, t->pos, "cannot write the image: %s", errno ? strerror(errno) : "short write");
        return EMU_TAPE_IOERR;
    }
    if (push(t, off, off + (long)n, len, tail, kind)) {
        set_msg(t, t->pos, "out of memory");
        return EMU_TAPE_IOERR;
    }
    t->pos = t->n;
    return EMU_TAPE_OK;
}

static uint32_t prev_tail(const EmuTape *t)
{
    return t->pos ? t->blk[t->pos - 1].tail : 0;
}

EmuTapeStatus emu_tape_write(EmuTape *t, const uint8_t *buf, size_t len)
{
    if (t->readonly)
        return EMU_TAPE_PROTECT;
    if (len == 0 || len > SIMH_LENMASK) {
        set_msg(t, t->pos, "cannot write a block of %zu bytes", len);
        return EMU_TAPE_IOERR;
    }
    size_t n;
    uint8_t *img;
    uint32_t tail = 0;
    if (t->fmt == EMU_TAPE_FMT_SIMH) {
        size_t padded = len + (t->unpadded ? 0 : (len & 1));
        n = padded + 2 * SIMH_WORD;
        if ((img = calloc(1, n)) == NULL)
            goto oom;
        put32(img, (uint32_t)len);
        memcpy(img + SIMH_WORD, buf, len);
        put32(img + SIMH_WORD + padded, (uint32_t)len);
    } else {
        size_t chunks = (len + AWS_MAXCHUNK - 1) / AWS_MAXCHUNK;
        n = len + chunks * AWS_HDR;
        if ((img = malloc(n)) == NULL)
            goto oom;
        unsigned prev = prev_tail(t);
        uint8_t *p = img;
        for (size_t done = 0; done < len; ) {
            unsigned cur = len - done > AWS_MAXCHUNK ? AWS_MAXCHUNK : (unsigned)(len - done);
            put16(p, cur);
            put16(p + 2, prev);
            p[4] = (done == 0 ? AWS_NEWREC : 0) | (done + cur == len ? AWS_ENDREC : 0);
            p[5] = 0;
            memcpy(p + AWS_HDR, buf + done, cur);
            p += AWS_HDR + cur;
            done += cur;
            prev = tail = cur;
        }
    }
    EmuTapeStatus st = append(t, img, n, (uint32_t)len, tail, BLK_DATA);
    free(img);
    return st;
oom:
    set_msg(t, t->pos, "out of memory");
    return EMU_TAPE_IOERR;
}

EmuTapeStatus emu_tape_write_mark(EmuTape *t)
{
    uint8_t h[AWS_HDR] = { 0 };
    if (t->fmt == EMU_TAPE_FMT_SIMH)
        return append(t, h, SIMH_WORD, 0, 0, BLK_MARK);
    put16(h + 2, prev_tail(t));
    h[4] = AWS_MARK;
    return append(t, h, AWS_HDR, 0, 0, BLK_MARK);
}

EmuTapeStatus emu_tape_erase(EmuTape *t)
{
    if (t->readonly)
        return EMU_TAPE_PROTECT;
    long off = t->pos ? t->blk[t->pos - 1].end : 0;
    if (fflush(t->fp) != 0 || ftruncate(fileno(t->fp), off) != 0) {
        set_msg(t, t->pos, "cannot write the image: %s", strerror(errno));
        return EMU_TAPE_IOERR;
    }
    t->n = t->pos;
    return EMU_TAPE_OK;
}

/* ---- state -------------------------------------------------------------- */

int emu_tape_at_bot(const EmuTape *t) { return t->pos == 0; }
int emu_tape_readonly(const EmuTape *t) { return t->readonly; }
EmuTapeFormat emu_tape_format(const EmuTape *t) { return t->fmt; }
unsigned long emu_tape_block(const EmuTape *t) { return (unsigned long)t->pos + 1; }
void emu_tape_set_capacity(EmuTape *t, uint64_t bytes) { t->capacity = bytes; }
const char *emu_tape_message(const EmuTape *t) { return t->msg; }
const char *emu_tape_path(const EmuTape *t) { return t->path; }

int emu_tape_past_eot(const EmuTape *t)
{
    long off = t->pos ? t->blk[t->pos - 1].end : 0;
    return t->capacity && (uint64_t)off >= t->capacity;
}
