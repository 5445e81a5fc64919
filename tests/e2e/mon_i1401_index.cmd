$MCEMU monitor -m i1401 programs/i1401/squares.s -x tests/monitor/i1401_index.mon 2>&1
