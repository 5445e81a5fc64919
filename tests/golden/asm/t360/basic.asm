*        A first program: base register, implicit addresses, constants
         TITLE 'BASIC - listing layout'
BASIC    CSECT
         STM   14,12,12(13)       save the caller's registers
         BALR  12,0
         USING *,12
         LA    2,TABLE
         L     3,COUNT
LOOP     MVC   OUT(L'TABLE),0(2)
         MVI   OUT+4,C'*'
         CLI   0(2),X'FF'
         BE    DONE
         LA    2,L'TABLE(,2)
         B     LOOP
DONE     LM    14,12,12(13)
         BR    14
         SPACE 2
COUNT    DC    F'3'
TABLE    DC    CL5'ABC',CL5'DEF',X'FF'
OUT      DS    CL5
HALF     DC    H'-1',2H'7'
ADDRS    DC    A(LOOP,DONE-LOOP)
PACKED   DC    P'-123',Z'45'
LEN      EQU   *-BASIC
R12      EQU   12
         DROP  R12
         USING BASIC,10,11
         END   BASIC
