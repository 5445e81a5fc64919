$MCEMU monitor programs/s360/factorial.asm -x tests/monitor/next.mon 2>&1
