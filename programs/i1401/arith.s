     * ARITH -- DECIMAL ARITHMETIC OF THE 1401 (A24-3067): ADD, SUBTRACT
     * WITH A NEGATIVE RESULT, MULTIPLY, DIVIDE WITH QUOTIENT AND
     * REMAINDER; EACH RESULT EDITED (MCE) WITH A SIGN AND PRINTED.
               ORG  400
     START     CS   332
               CS
     * 12345 + 67890 = 80235
               ZA   X,T
               A    Y,T
               B    SHOW
     * 12345 - 67890 = -55545
     L2        ZA   X,T
               S    Y,T
               B    SHOW
     * 12345 * 6789 = 83810205 (PRODUCT FIELD: 5 + 4 + 1 DIGITS)
     L3        ZA   Y4,P-6              MULTIPLIER INTO THE HIGH-ORDER PART
               M    X,P
               ZA   P,T
               B    SHOW
     * 987654 / 123 = 8029, REMAINDER 87: THE DIVIDEND IS PRECEDED BY
     * A ZERO FIELD ONE LONGER THAN THE DIVISOR
     L4        D    DVR,DVD-5
               ZA   DVD-4,T             QUOTIENT (6 DIGITS)
               SW   DVD-3               THE REMAINDER IS A FIELD OF ITS OWN
               B    SHOW
     L5        ZA   DVD,T               REMAINDER (4 DIGITS)
               B    SHOW
     L6        H
     * PRINT T EDITED, THEN GO ON AT THE NEXT STEP
     SHOW      SBR  BACK+3
               LCA  CTL,220
               MCE  T,220
               W
               CS   332
               CS
     BACK      B    000
     X         DCW  +12345
     Y         DCW  +67890
     Y4        DCW  +6789
     P         DCW  0000000000
     T         DCW  0000000000
     DVR       DCW  +123
     DVD       DCW  +0000987654
     CTL       DCW  @ ,   ,   , 0 -@
               END  START
