*        The other deck: a table of 7 fullwords between two entries.
SUB      CSECT
         ENTRY TABLE,TABEND
         DC    CL5'SUB'
TABLE    DC    7F'0'
TABEND   DS    0F
         END
