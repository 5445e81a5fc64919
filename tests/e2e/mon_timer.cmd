$MCEMU monitor tests/monitor/timer.asm -x tests/monitor/timer.mon 2>&1
