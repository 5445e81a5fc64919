*        SQRT -- square roots of 1 to 10 in long hexadecimal floating
*        point by Newton's iteration x = (x + n/x) / 2 (DDR, ADR, HDR),
*        printed to six decimals: the root times 10**6 plus one half is
*        made an integer by an unnormalized add of X'4E00000000000000'
*        (AW aligns the fraction to 14 hexadecimal digits); CVD and
*        ED print it.
SQRT     CSECT
         USING SQRT,15
         LA    3,1                 R3 = n
LOOP     ST    3,NFLT+4            n as an unnormalized number ...
         LD    0,NFLT
         AD    0,ZERO              ... normalized by adding zero
         LDR   2,0                 x = n
         LA    6,12                iterations
NEWT     LDR   4,0
         DDR   4,2                 n / x
         ADR   4,2                 x + n / x
         HDR   2,4                 halved
         BCT   6,NEWT
         MD    2,MILLION
         AD    2,HALF
         AW    2,MAGIC             integer part in the right half
         STD   2,DW
         L     7,DW+4
         CVD   7,PK
         MVC   VOUT,VPAT
         ED    VOUT,PK+4           d.dddddd
         CVD   3,PK
         MVC   NOUT,NPAT
         ED    NOUT,PK+6
         XPRNT LINE,LINEL
         LA    3,1(,3)
         C     3,TEN
         BNH   LOOP
         BR    14
         DS    0D
NFLT     DC    X'4E00000000000000'
MAGIC    DC    X'4E00000000000000'
ZERO     DC    D'0'
MILLION  DC    D'1E6'
HALF     DC    D'0.5'
DW       DS    D
PK       DS    D
TEN      DC    F'10'
NPAT     DC    X'40202120'
VPAT     DC    X'40214B202020202020'
LINE     DC    C' '
         DC    C'SQRT OF'
NOUT     DS    CL4
         DC    C' IS'
VOUT     DS    CL9
LINEL    EQU   *-LINE
         END   SQRT
