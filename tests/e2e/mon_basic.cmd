$MCEMU monitor programs/s360/hello.asm -x tests/monitor/basic.mon 2>&1
