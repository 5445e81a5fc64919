*        Directives: START, a second CSECT, ORG, EQU with a length,
*        every DC type, duplication factors, continuation, TITLE/SPACE.
PROG     START X'2000'
         BALR  12,0
         USING *,12
         MVC   FIELD,=CL3'X'      a literal
         MVC   FIELD,CONST
         L     1,ACON
         B     SKIP
FIELD    DS    CL3
CONST    DC    C'ABC'
         DS    0F
ACON     DC    A(OTHER,PROG+X'10',SKIP-PROG)
CHARS    DC    C'It''s && more',CL2'A',3C'*'
HEX      DC    X'0A0B0C',XL2'F',X'1,2,3'
BITS     DC    B'10000001',BL2'1'
FIX      DC    F'-1',F'2147483647',FL2'300',H'-32768',2H'1,2'
ADR      DC    Y(FIELD),AL3(FIELD),AL1(7)
DEC      DC    P'+1',P'-1234',PL4'5',Z'789',ZL3'-1'
EMPTY    DC    0F'0'
AREA     DS    3F,H,CL7
         ORG   AREA+4
OVER     DC    X'EE'
         ORG
WIDE     EQU   FIELD,20
LONG     DC    X'0102030405060708090A',                                X
               X'0B0C'
         SPACE
SKIP     BR    14
OTHER    CSECT
         DC    C'SECOND'
         TITLE 'Back to the first section'
PROG     CSECT
TAIL     DC    AL2(L'WIDE,L'CHARS,TAIL-SKIP)
         END   SKIP
