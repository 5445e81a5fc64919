$MCEMU monitor tests/monitor/intr.asm -x tests/monitor/intr.mon 2>&1 | sed 's/next step in [0-9.]* ms/next step in N ms/; /^tier 1 is .*available for machine/d'
