PC       CSECT
         USING PC,15
         LA    1,1
         L     2,0(1)
         BR    14
         END   PC
