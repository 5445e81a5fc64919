*        IPL deck test, first deck: a standalone program (no ASSIST, no
*        supervisor). It calls SUM in the other deck through a V-con,
*        keeps the result, copies text over a card boundary and ends in
*        a disabled wait with code X'000111'.
MAIN     CSECT
         EXTRN TOP
         BALR  12,0
         USING *,12
         L     15,=V(SUM)
         BALR  14,15               R2 = 1+2+...+10
         ST    2,RESULT
         MVC   COPY,TEXT
         L     3,SPAN              complexly relocatable: TOP-MAIN
         LPSW  WAITPSW
         DS    0D
WAITPSW  DC    X'0002000000000111'
RESULT   DC    F'0'
SPAN     DC    A(TOP-MAIN)
TEXT     DC    CL100'THE TEXT SPANS TWO CARDS OF THE DECK'
COPY     DS    CL100
         END   MAIN
