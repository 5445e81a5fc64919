*        IPL deck test, second deck: SUM adds 1..10 into register 2.
SUM      CSECT
         ENTRY TOP
         USING SUM,15
         SR    2,2
         LA    3,10
LOOP     AR    2,3
         BCT   3,LOOP
         BR    14
TOP      DC    H'0'
         END
