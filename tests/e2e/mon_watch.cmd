$MCEMU monitor programs/s360/factorial.asm -x tests/monitor/watch.mon 2>&1
