     * FIB -- THE FIRST 30 FIBONACCI NUMBERS, ONE A LINE: THE COUNT AND
     * THE NUMBER, EDITED WITH COMMAS AND ZERO SUPPRESSION (MCE).
               ORG  400
     START     CS   332                 CLEAR THE PRINT AREA
               CS
     LOOP      A    +1,COUNT            COUNT THE LINE
               MCW  COUNT,203           COUNT INTO 202-203
               LCA  CTL,220             CONTROL WORD, WITH ITS WORD MARK
               MCE  F1,220              F1 EDITED INTO 208-220
               W
               ZA   F1,SUM              SUM = F1 + F2
               A    F2,SUM
               MCW  F2,F1               F1 = F2
               MCW  SUM,F2              F2 = SUM
               C    COUNT,LIMIT         30 LINES?
               BU   LOOP
               H
     COUNT     DCW  00
     LIMIT     DCW  30
     F1        DCW  0000000000
     F2        DCW  0000000001
     SUM       DCW  0000000000
     CTL       DCW  @ ,   ,   , 0 @
               END  START
