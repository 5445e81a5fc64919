*        READCODE -- card input over the program's own code (XREAD, as
*        a channel puts a card in storage): the cards hold machine
*        instructions written as characters. Card 1, 'K AJBA', is
*        X'D240C1D1C2C1': MVC X'1D1'(65,12),X'2C1'(12); card 2,
*        'K AJCA', the same from X'3C1'(12). Card 1 is read over an
*        instruction run once already (pass 1), card 2 over the very
*        next instruction.
READCODE CSECT
         BALR  12,0                R12 = READCODE+2: the cards use it
         USING *,12
HOLE     MVC   DST(65),ORIG        pass 1 runs this; pass 2 the card
         XPRNT LINE,66
         CLI   PASS,C'2'
         BE    SECOND
         MVI   PASS,C'2'
         XREAD HOLE,6              card 1 over HOLE's six bytes
         B     HOLE
SECOND   XREAD NEXTI,6             card 2 over the next instruction
NEXTI    MVC   DST(65),ORIG        not run as assembled
         XPRNT LINE,66
         BR    14
PASS     DC    C'1'
ORIG     DC    CL65'PASS 1: THE INSTRUCTION AS ASSEMBLED'
         ORG   READCODE+X'1D2'     R12+X'1D0'
LINE     DC    C' '
DST      DS    CL65                R12+X'1D1'
         ORG   READCODE+X'2C3'     R12+X'2C1'
         DC    CL65'PASS 2: CARD 1 READ OVER THE CODE'
         ORG   READCODE+X'3C3'     R12+X'3C1'
         DC    CL65'PASS 3: CARD 2 READ OVER THE NEXT INSTRUCTION'
         END   READCODE
