/* emu_charset.h — host <-> guest character codes (EBCDIC CP037, ASCII, 1401 BCD). */
#ifndef EMU_CHARSET_H
#define EMU_CHARSET_H

enum { EMU_CS_ASCII = 0, EMU_CS_EBCDIC = 1, EMU_CS_BCD1401 = 2 };

/* The code for a machine's `charset` name ("ebcdic", "ascii", "bcd1401";
   NULL = ascii), -1 unknown. */
int emu_charset_find(const char *name);
/* Guest code -> host (ISO 8859-1) and back; bijections for EBCDIC and ASCII;
   bcd1401 has 64 codes (see emu_charset.c). */
unsigned char emu_to_host(int cs, unsigned char c);
unsigned char emu_from_host(int cs, unsigned char c);
/* Whether the guest code shows as a printable ASCII character. */
int emu_printable(int cs, unsigned char c);

#endif
