*        FACTORIAL -- N! for N = 0 .. 12 by a recursive routine that
*        keeps the standard save-area chain (STM/LM, R13 back and
*        forward pointers); each level takes the next 72-byte area of a
*        stack of save areas.
*        FACTR: R1 = N on entry, R0 = N! on return; others kept.
FACTMAIN CSECT
         STM   14,12,12(13)        save the caller's registers
         BALR  12,0
         USING *,12
         LA    2,STACK             our save area: first of the stack
         ST    13,4(,2)            back chain
         ST    2,8(,13)            forward chain
         LR    13,2
         SR    7,7                 N = 0
AGAIN    LR    1,7
         BAL   14,FACTR            R0 = N!
         XDECO 7,OUTN
         XDECO 0,OUTF
         XPRNT LINE,35
         LA    7,1(,7)
         LA    8,12
         CR    7,8
         BNH   AGAIN
         L     13,4(,13)           the caller's save area
         LM    14,12,12(13)
         BR    14
*
FACTR    STM   14,12,12(13)        save the caller's registers
         LA    2,72(,13)           the next save area of the stack
         ST    13,4(,2)            back chain
         ST    2,8(,13)            forward chain
         LR    13,2
         LR    3,1                 R3 = N
         LA    0,1                 0! = 1! = 1
         LA    4,1
         CR    3,4
         BNH   FRET
         BCTR  1,0                 N - 1
         BAL   14,FACTR            R0 = (N-1)!
         LR    5,0
         MR    4,3                 R4:R5 = (N-1)! * N
         LR    0,5
FRET     L     13,4(,13)           back to the caller's save area
         ST    0,20(,13)           the result replaces the saved R0
         LM    14,12,12(13)
         BR    14
*
LINE     DC    C' '                carriage control
         DC    C'N ='
OUTN     DS    CL12
         DC    C'   N! ='
OUTF     DS    CL12
STACK    DS    270F                15 save areas: main and 13 levels
         END   FACTMAIN
