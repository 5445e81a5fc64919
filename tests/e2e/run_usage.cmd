$MCEMU run --bogus x.asm
