*        LOOPMIX -- speed benchmark: 10,000,000 iterations of an
*        11-instruction loop (L AR ST LA SR A LR SLL C MVC BCT), the
*        same mix as the peers' bench.bin; ends with BR 14.
LOOPMIX  CSECT
         USING LOOPMIX,15
         L     9,COUNT
         SR    3,3
LOOP     L     2,VAL
         AR    2,2
         ST    2,WORD
         LA    3,1(,3)
         SR    4,4
         A     4,VAL
         LR    5,4
         SLL   5,2
         C     5,VAL
         MVC   DEST(8),SRC
         BCT   9,LOOP
         BR    14
COUNT    DC    F'10000000'
VAL      DC    F'7'
WORD     DS    F
SRC      DC    2F'1'
DEST     DS    2F
         END   LOOPMIX
