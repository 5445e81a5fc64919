/* emu_tapeimg.h — magnetic tape images: a reel of blocks and tape marks
 * held in a host file, in either of the two formats emulators share.
 *
 *   AWS (Hercules, P/390): every block is preceded by a 6-byte header
 *       +0 LE16 length of this chunk   +2 LE16 length of the previous chunk
 *       +4 flags: 0x80 new record, 0x40 tape mark, 0x20 end of record
 *       +5 0
 *     a record may span chunks (0x80 on its first, 0x20 on its last).
 *   SIMH .tap: LE32 length, the data padded to an even length, the LE32
 *     length again; 0 is a tape mark, 0xFFFFFFFF end of medium,
 *     0xFFFFFFFE an erase gap; bit 31 marks a record read with an error.
 *
 * The image is indexed when mounted: position k means "before the k-th
 * block" (block numbers count from 1 at the load point, tape marks
 * included). A malformed image (a truncated record, lengths that disagree,
 * a length past the end of the file) is indexed up to the bad block; the
 * operation that reaches it fails with EMU_TAPE_BAD and a message naming
 * the file and the block number. Writing at a position replaces the rest of
 * the reel, as on a real drive.
 */
#ifndef EMU_TAPEIMG_H
#define EMU_TAPEIMG_H

#include <stddef.h>
#include <stdint.h>

typedef enum { EMU_TAPE_FMT_DETECT = -1, EMU_TAPE_FMT_AWS, EMU_TAPE_FMT_SIMH } EmuTapeFormat;

typedef enum {
    EMU_TAPE_OK,        /* a block was read, written or passed */
    EMU_TAPE_MARK,      /* a tape mark was read or passed */
    EMU_TAPE_BOT,       /* moving backward at the load point: nothing moved */
    EMU_TAPE_EOD,       /* past the last block written: nothing there */
    EMU_TAPE_DATAERR,   /* a block recorded with an error (SIMH bit 31): read, with a data check */
    EMU_TAPE_BAD,       /* the image is malformed here (emu_tape_message says where) */
    EMU_TAPE_PROTECT,   /* writing on a read-only (file-protected) reel */
    EMU_TAPE_IOERR      /* the host file failed (emu_tape_message) */
} EmuTapeStatus;

typedef struct EmuTape EmuTape;

/* Mount a host file. A missing file is created empty unless read-only.
   Returns NULL with a message in err. */
EmuTape *emu_tape_open(const char *path, int readonly, EmuTapeFormat fmt,
                       char *err, size_t errsize);
void emu_tape_close(EmuTape *t);

/* Read the next block forward into buf (at most max bytes; *len is the
   block's whole length). The same, backward: the block before the
   position, its bytes in their recorded order (the device reverses them). */
EmuTapeStatus emu_tape_read(EmuTape *t, uint8_t *buf, size_t max, size_t *len);
EmuTapeStatus emu_tape_read_back(EmuTape *t, uint8_t *buf, size_t max, size_t *len);
/* Space one block forward or backward (tape marks count as blocks: MARK). */
EmuTapeStatus emu_tape_space(EmuTape *t, int forward);
/* Space to just past the next tape mark forward, or to just before the
   previous one backward (MARK), or to the load point / end of data. */
EmuTapeStatus emu_tape_space_file(EmuTape *t, int forward);
void emu_tape_rewind(EmuTape *t);
/* Write a block / a tape mark at the position, truncating after it. */
EmuTapeStatus emu_tape_write(EmuTape *t, const uint8_t *buf, size_t len);
EmuTapeStatus emu_tape_write_mark(EmuTape *t);
/* Erase gap: the reel ends at the position. */
EmuTapeStatus emu_tape_erase(EmuTape *t);

int emu_tape_at_bot(const EmuTape *t);
int emu_tape_readonly(const EmuTape *t);
EmuTapeFormat emu_tape_format(const EmuTape *t);
/* The number of the block after the position (1 at the load point). */
unsigned long emu_tape_block(const EmuTape *t);
/* The end-of-tape reflector: set the capacity in bytes (0: none). */
void emu_tape_set_capacity(EmuTape *t, uint64_t bytes);
/* Whether the position is past the end-of-tape reflector. */
int emu_tape_past_eot(const EmuTape *t);
/* The message of the last BAD or IOERR status. */
const char *emu_tape_message(const EmuTape *t);
const char *emu_tape_path(const EmuTape *t);

#endif
