     * SQUARES -- A TABLE OF THE SQUARES OF 1 TO 12, STORED BY AN INDEXED
     * LOOP (INDEX REGISTER X1 AT 087-089 STEPS BY 3 WITH MA), THEN
     * PRINTED FROM THE TABLE THROUGH X2; A SUBROUTINE (SBR LINKAGE)
     * EDITS AND PRINTS EACH LINE. ADDRESS CONSTANTS WITH DSA.
               ORG  87
     X1        DCW  000
               ORG  92
     X2        DCW  000
               ORG  400
     START     CS   332
               CS
     * FILL: TABLE(N) = N * N FOR N = 1 .. 12, EACH ENTRY 3 DIGITS
     FILL      A    +1,N
               ZA   N,PROD-3            MULTIPLIER: N (2 DIGITS)
               M    N,PROD              PROD = N * N
               MCW  PROD,TABLE+X1       INTO THE ENTRY AT X1 (STOPS AT ITS WM)
               MA   THREE,X1            NEXT ENTRY
               C    N,@12@
               BU   FILL
     * PRINT THE TABLE
     SHOW      A    +1,K
               MCW  K,LINEN
               MCW  TABLE+X2,LINESQ
               B    PRINT
               MA   THREE,X2
               C    K,@12@
               BU   SHOW
               H
     * PRINT: EDIT LINEN AND LINESQ INTO THE PRINT AREA AND RETURN
     PRINT     SBR  RET+3
               LCA  CTLN,205
               MCE  LINEN,205
               LCA  CTLS,215
               MCE  LINESQ,215
               W
               CS   332
               CS
     RET       B    000
     N         DCW  00
     K         DCW  00
     LINEN     DCW  00
     LINESQ    DCW  000
     PROD      DCW  00000
     THREE     DSA  3
     CTLN      DCW  @ 0@
     CTLS      DCW  @  0@
     TABLE     DCW  000                 12 ENTRIES OF 3 DIGITS, EACH WITH
               DCW  000                 A WORD MARK; TABLE IS THE FIRST
               DCW  000                 ENTRY'S UNITS POSITION
               DCW  000
               DCW  000
               DCW  000
               DCW  000
               DCW  000
               DCW  000
               DCW  000
               DCW  000
               DCW  000
               DCW  @ @
               END  START
