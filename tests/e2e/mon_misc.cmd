$MCEMU monitor programs/s360/hello.asm -x tests/monitor/misc.mon 2>&1
