*        EXECUTE -- EX with targets that change (A22-6821, "Execute":
*        bits 24-31 of R1 are ORed into bits 8-15 of the subject
*        instruction before it is executed; the subject in storage is
*        not changed). Each pass:
*        - EX 5,MOVE: an MVC whose length comes from R5 (0 .. 4);
*        - an opcode from a table is stored into FLIP (OC NC XC MVC on
*          a byte X'0F' with X'3C'), then EX 0,FLIP runs the new one;
*        - EX 8,SKIP: BC 0 made BC 15 when R8 = X'F0';
*        - the subject MVI's immediate is stored over (a lower case
*          letter), then EX 6 ORs X'40' into it when R6 = X'40'.
*        R9 alternates 1 0 1 0 1: when 1, R8 = X'F0' (the branch is
*        taken) and R6 = 0; when 0, R8 = 0 and R6 = X'40' (capital).
EXECUTE  CSECT
         BALR  12,0
         USING *,12
         SR    5,5                 pass 0 .. 4
         LA    9,1
LOOP     EX    5,MOVE              moves R5+1 characters
         IC    7,OPS(5)
         STC   7,FLIP              a new subject ...
         MVI   WORK,X'0F'
         EX    0,FLIP              ... executed
         SR    7,7
         IC    7,WORK
         XDECO 7,LINE+16
         SR    8,8
         LTR   9,9
         BZ    EVEN
         LA    8,X'F0'
EVEN     MVC   LINE+30(5),=CL5'TAKEN'
         EX    8,SKIP              BC 0 or BC 15
         MVC   LINE+30(5),=CL5'NOT'
TAKEN    IC    6,LETTERS(5)
         STC   6,IMM+1             the subject's immediate: a letter
         SR    6,6
         LTR   9,9
         BNZ   ODD
         LA    6,X'40'
ODD      EX    6,IMM               capital when R6 = X'40'
         XPRNT LINE,40
         MVC   LINE+1(5),=CL5' '
         X     9,=F'1'
         LA    5,1(,5)
         C     5,=F'4'
         BNH   LOOP
         BR    14
MOVE     MVC   LINE+1(1),DIGITS    subjects of EX
FLIP     OC    WORK(1),MASK
SKIP     BC    0,TAKEN
IMM      MVI   LINE+38,C'?'
OPS      DC    X'D6D4D7D2D6'       OC NC XC MVC OC
LETTERS  DC    X'8182838485'       a b c d e (EBCDIC lower case)
DIGITS   DC    C'12345'
WORK     DC    X'0F'
MASK     DC    X'3C'
LINE     DC    CL40' '
         LTORG
         END   EXECUTE
