/* uc_file.h — the .ucode container: a versioned, little-endian file holding a
 * whole UcMachine (see uc_machine.h for the sections and the micro-word
 * layout). Reading validates every index and bound, so a damaged or hostile
 * file gives an error message, never a crash.
 */
#ifndef UC_FILE_H
#define UC_FILE_H

#include <stddef.h>
#include <stdint.h>
#include "uc_machine.h"

#define UC_FILE_MAGIC "MCEMUUC\0"
#define UC_FILE_VERSION 2

/* Serialize m into a malloc'd buffer; sets m->hash first. */
int uc_write_mem(UcMachine *m, uint8_t **data, size_t *size);
int uc_write_file(UcMachine *m, const char *path, char *err, size_t errsize);
UcMachine *uc_read_mem(const uint8_t *data, size_t size, char *err, size_t errsize);
UcMachine *uc_read_file(const char *path, char *err, size_t errsize);

#endif
