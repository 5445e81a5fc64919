*        CARDLOOP -- card input over code in a loop: each pass reads a
*        card over the instruction right after the XREAD, which the
*        pass before ran (and tier 1 translated and chained to), so a
*        translation kept past the card's store would print the pass
*        before's line again. The cards hold MVC X'1D1'(65,12),
*        X'2C1'(12) ('K AJBA'), then the same from X'3C1' and X'4C1'.
CARDLOOP CSECT
         BALR  12,0                R12 = CARDLOOP+2: the cards use it
         USING *,12
         LA    5,3                 three passes
LOOP     XREAD HOLE,6              a card over the next instruction
HOLE     MVC   DST(65),ORIG        replaced by each card
         XPRNT LINE,66
         BCT   5,LOOP
         BR    14
ORIG     DC    CL65'THE INSTRUCTION AS ASSEMBLED: NEVER RUN'
         ORG   CARDLOOP+X'1D2'     R12+X'1D0'
LINE     DC    C' '
DST      DS    CL65                R12+X'1D1'
         ORG   CARDLOOP+X'2C3'     R12+X'2C1'
         DC    CL65'PASS 1: CARD 1 READ OVER THE NEXT INSTRUCTION'
         ORG   CARDLOOP+X'3C3'     R12+X'3C1'
         DC    CL65'PASS 2: CARD 2 OVER THE SAME, RUN ONCE ALREADY'
         ORG   CARDLOOP+X'4C3'     R12+X'4C1'
         DC    CL65'PASS 3: CARD 3 OVER THE SAME, RUN TWICE ALREADY'
         END   CARDLOOP
