$MCEMU link tests/e2e/asm_link_main.asm -o /dev/null
