*        TOTALS -- read cards with XREAD; every number on a card
*        (XDECI) is printed with the running total (XDECO). Text that
*        is not a number ends the scan of that card. At end of file the
*        total and the count of numbers are printed.
TOTALS   CSECT
         USING TOTALS,15
         SR    5,5                 R5 = running total
         SR    6,6                 R6 = how many numbers
READ     XREAD CARD,80
         BNZ   EOF                 CC 1: end of file
         LA    1,CARD              R1 -> where the scan starts
SCAN     XDECI 3,0(,1)             R3 = number, R1 -> after it
         BO    READ                CC 3: no number, next card
         AR    5,3
         LA    6,1(,6)
         XDECO 3,OUTV
         XDECO 5,OUTT
         XPRNT LINE,36
         B     SCAN
EOF      XDECO 5,SUMT
         XDECO 6,SUMN
         XPRNT SUM,39
         BR    14
CARD     DS    CL80
         DC    C'*'                stops XDECI at the end of the card
LINE     DC    C' '
         DC    C'VALUE'
OUTV     DS    CL12
         DC    C' TOTAL'
OUTT     DS    CL12
SUM      DC    C'0'                double space before the summary
         DC    C'TOTAL'
SUMT     DS    CL12
         DC    C'  NUMBERS'
SUMN     DS    CL12
         END   TOTALS
