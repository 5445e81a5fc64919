/* mon.h — the interactive monitor (console and scripts). */
#ifndef MON_H
#define MON_H

int mon_main(int argc, char **argv);   /* mcemu monitor */

#endif
