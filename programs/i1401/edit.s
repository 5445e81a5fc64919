     * EDIT -- MOVE CHARACTERS AND EDIT (MCE) WITH THE EXPANDED PRINT
     * EDIT FEATURE (A24-3067): COMMAS AND DECIMAL POINT, ZERO
     * SUPPRESSION, CR AND MINUS SYMBOLS, THE AMPERSAND (BLANK),
     * ASTERISK PROTECTION AND THE FLOATING DOLLAR SIGN. EACH AMOUNT
     * IS EDITED UNDER EACH CONTROL WORD ON ONE LINE.
               ORG  400
     START     CS   332
               CS
               MCW  @0@,NUM             AMOUNT NUMBER 0
     NEXT      A    +1,NUM
               ZA   AMT1,AMT            PICK THE AMOUNT
               C    NUM,@1@
               BE   GO
               ZA   AMT2,AMT
               C    NUM,@2@
               BE   GO
               ZA   AMT3,AMT
               C    NUM,@3@
               BE   GO
               ZA   AMT4,AMT
     GO        LCA  CTL1,218
               MCE  AMT,218
               LCA  CTL2,238
               MCE  AMT,238
               LCA  CTL3,258
               MCE  AMT,258
               LCA  CTL4,278
               MCE  AMT,278
               W
               CS   332
               CS
               C    NUM,@4@
               BU   NEXT
               H
     NUM       DCW  0
     AMT       DCW  0000000
     AMT1      DCW  +0012345
     AMT2      DCW  -0000007
     AMT3      DCW  +1234567
     AMT4      DCW  -0000000
     CTL1      DCW  @  ,  0.  &CR@
     CTL2      DCW  @  ,  0.  -@
     CTL3      DCW  @  , *0.  @
     CTL4      DCW  @  , $0.  @
               END  START
