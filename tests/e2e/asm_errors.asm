E        CSECT
         USING E,15
         L     1,NOSUCH
         LR    1,2,3
         XYZ   1
         BR    14
         END   E
