$MCEMU monitor programs/s360/hello.asm -x tests/monitor/script.mon 2>&1
