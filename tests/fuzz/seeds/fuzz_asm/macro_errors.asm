*        Macro errors: an undeclared variable, an unknown keyword, a
*        missing sequence symbol, a runaway loop (ACTR), a bad SETA;
*        assembly goes on after each.
         MACRO
         BAD   &P,&K=1
         DC    C'&P&Q'
         AIF   (&K EQ 1).NOWHERE
         ACTR  5
.L       AGO   .L
         MEND
         MACRO
         ARITH
&X       SETA  1+
         MEND
E        CSECT
         BAD   A,KEY=2
         ARITH
         DC    C'STILL HERE'
         MACRO
         NOEND
         END
