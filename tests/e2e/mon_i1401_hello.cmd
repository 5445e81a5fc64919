$MCEMU monitor -m i1401 programs/i1401/hello.s -x tests/monitor/i1401.mon 2>&1
