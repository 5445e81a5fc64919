$MCEMU run -m tests/e2e/experiment.isa tests/e2e/experiment.asm 2>/dev/null &&
$MCEMU dis -m tests/e2e/experiment.isa tests/e2e/experiment.swap.bin --origin 0
