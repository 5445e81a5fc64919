*        SUMS -- adds a table of fullwords, prints the total (ASSIST)
*        Assembled on isa/machines/assist.isa: every mnemonic,
*        format and operand form comes from the description.
SUMS     CSECT
         STM   14,12,12(13)        save the caller's registers
         BALR  12,0
         USING *,12
         SR    3,3                 R3 = total
         LA    4,TABLE             R4 -> next entry
         LA    5,NUM               R5 = entries left
LOOP     A     3,0(,4)
         LA    4,L'TABLE(,4)
         BCT   5,LOOP
         ST    3,TOTAL
         XDECO 3,LINE+8
         XPRNT LINE,L'LINE
         CLC   TOTAL,TABLE
         MVC   LINE+1(7),MSG
         CLI   MSG,C'T'
         BNE   DONE
         LM    14,12,12(13)
DONE     BR    14
TABLE    DC    F'10,20,30,-5'
NUM      EQU   (*-TABLE)/L'TABLE
TOTAL    DS    F
LINE     DC    CL20' '
MSG      DC    C'TOTAL ='
         END   SUMS
