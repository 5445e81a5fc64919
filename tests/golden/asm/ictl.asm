         ICTL  1,50,10
*        ICTL: field ends in column 50,
*        51 continues, resumed in col 10.
ICTL     CSECT
         DC    C'ONE',                            X
         C'TWO'
         DC    C'PAST COLUMN 50'                   NOT READ: THIS IS OUTSIDE THE FIELD
         END
