$MCEMU monitor programs/s360/hello.asm -x tests/monitor/ustep.mon 2>&1
