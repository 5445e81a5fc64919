$MCEMU monitor programs/s360/hello.asm -x tests/monitor/assert.mon 2>&1
