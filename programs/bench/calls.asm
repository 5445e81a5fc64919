*        CALLS -- speed benchmark for subroutine linkage: 1,000,000
*        times a call by BAL and a call by BALR, each callee keeping
*        the save-area chain with STM/LM and R13. Ends with BR 14.
CALLS    CSECT
         STM   14,12,12(13)
         BALR  12,0
         USING *,12
         LA    2,SAVES
         ST    13,4(,2)
         ST    2,8(,13)
         LR    13,2
         L     9,COUNT
         SR    7,7
LOOP     LA    1,1
         BAL   14,SUBA             call by BAL
         LA    15,SUBB
         BALR  14,15               call by BALR
         BCT   9,LOOP
         L     13,4(,13)
         LM    14,12,12(13)
         BR    14
*
SUBA     STM   14,12,12(13)
         LA    2,72(,13)
         ST    13,4(,2)
         ST    2,8(,13)
         LR    13,2
         AR    7,1
         L     13,4(,13)
         ST    7,48(,13)           keep the sum: replaces the saved R7
         LM    14,12,12(13)
         BR    14
*
SUBB     STM   14,12,12(13)
         LA    2,72(,13)
         ST    13,4(,2)
         ST    2,8(,13)
         LR    13,2
         SR    7,1
         L     13,4(,13)
         ST    7,48(,13)
         LM    14,12,12(13)
         BR    14
*
COUNT    DC    F'1000000'
SAVES    DS    54F                 three save areas
         END   CALLS
