*        HOTCOLD -- tier 1's two generated functions (uc_gen.c, "hot"):
*        stretches of only the instructions s360.isa marks hot (longer
*        than the 4096 instructions the whole function keeps a program
*        after a cold one), broken by instructions that are not (AH SLA
*        LNR XR EX CVD, and ASSIST's XDECO XPRNT), alone, in a row,
*        right after a taken branch and as an EX's subject, so that the
*        hot function hands the program to the whole one and takes it
*        back many times. Prints the sum after each of five rounds.
HOTCOLD  CSECT
         USING HOTCOLD,15
         LA    7,5                 R7 = rounds
         SR    3,3                 R3 = the sum
ROUND    DS    0H
         L     5,=F'1500'          R5 = hot iterations (4 each)
HOT      A     3,=F'7'
         LA    3,1(,3)
         ST    3,SAVE
         BCT   5,HOT
         LA    5,40                40 mixed iterations
MIX      AH    3,=H'3'             cold, right after the taken BCT
         LR    4,3                 hot
         SLA   4,1                 cold
         LNR   6,4                 cold, after a cold one
         XR    3,6                 cold
         N     3,=X'0000FFFF'      hot
         EX    0,NOTHING           cold, its subject hot
         EX    0,ADD1              cold, its subject cold
         BCT   5,MIX
         CVD   3,DEC               cold
         XDECO 3,LINE+1            (ASSIST: cold)
         XPRNT LINE,13
         BCT   7,ROUND
         BR    14
NOTHING  BC    0,0                 branches nowhere
ADD1     AH    3,=H'1'
SAVE     DS    F
DEC      DS    D
LINE     DC    CL13' '
         LTORG
         END   HOTCOLD
