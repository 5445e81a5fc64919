$MCEMU asm -m i1401 tests/e2e/i1401_asm_errors.s
