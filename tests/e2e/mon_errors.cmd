$MCEMU monitor programs/s360/hello.asm -x tests/monitor/errors.mon 2>&1
