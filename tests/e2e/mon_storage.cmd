$MCEMU monitor programs/s360/hello.asm -x tests/monitor/storage.mon 2>&1
