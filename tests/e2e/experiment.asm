*        Runs on tests/e2e/experiment.isa: AR saturates, SWAPR is new.
EXP      CSECT
         USING EXP,15
         L     2,BIG
         AR    2,2                 saturates at 2147483647, CC 3
         BNO   WRONG
         LA    3,7
         SWAPR 2,3                 R2 = 7, R3 = 2147483647
         XDECO 2,OUT1
         XDECO 3,OUT2
         XPRNT LINE,25
         BR    14
WRONG    XPRNT BAD,6
         BR    14
BIG      DC    F'2000000000'
LINE     DC    C' '
OUT1     DS    CL12
OUT2     DS    CL12
BAD      DC    C' WRONG'
         END   EXP
