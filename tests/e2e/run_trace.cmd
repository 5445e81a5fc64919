$MCEMU run programs/s360/factorial.asm --trace --max-instructions 12 2>&1 | grep -v ' instructions, '
