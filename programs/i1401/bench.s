     * BENCH -- THE PEERS' 1401 LOOP (SHARED/PEERS/I1401/BENCH.A1401) IN
     * AUTOCODER: 7 INSTRUCTIONS AN ITERATION (A, ZA, A, S, MCW, C, BU),
     * LIM ITERATIONS, THEN HALT: 7 * LIM + 1 INSTRUCTIONS.
               ORG  500
     START     A    ONE,CNT             CNT = CNT + 1
               ZA   CNT,X               X = CNT (6 LOW DIGITS)
               A    X,Y                 Y = Y + X (OVERFLOWS)
               S    ONE,Y               Y = Y - 1
               MCW  X,Z                 Z = X
               C    LIM,CNT             CNT : LIM
               BU   START               LOOP WHILE UNEQUAL
               H
               NOP                      ITS WORD MARK ENDS THE H
               ORG  1001
     CNT       DCW  00000000
     ONE       DCW  1
     LIM       DCW  01000000
     X         DCW  000000
     Y         DCW  000000
     Z         DCW  @ABCDEF@
               END  START
