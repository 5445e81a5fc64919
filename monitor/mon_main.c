/* mon_main.c — entry of `mcemu monitor`. The console itself is issue 6;
 * until it lands the subcommand says so instead of pretending. */
#include <stdio.h>
#include "mon.h"

int mon_main(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "mcemu monitor: the interactive monitor is not available in this build yet\n");
    return 2;
}
