* The interrupt key and machine checks (A22-6821, "Interruptions"): the
* program waits with external and machine-check interruptions enabled;
* each handler counts what it took and waits again.
INTR     CSECT
         USING *,15
         MVC   X'58'(8),EXTNEW     external new PSW: EXTH
         MVC   X'70'(8),MCKNEW     machine-check new PSW: MCKH
         SR    4,4                 external interruptions taken
         SR    5,5                 machine checks taken
WAIT     LPSW  WAITPSW             wait, external and machine check on
EXTH     LA    4,1(,4)
         LH    6,X'1A'             the interruption code
         B     WAIT
MCKH     LA    5,1(,5)
         B     WAIT
         DS    0D
EXTNEW   DC    X'00000000',A(EXTH)
MCKNEW   DC    X'00000000',A(MCKH)
WAITPSW  DC    X'01060000',A(0)
         END   INTR
