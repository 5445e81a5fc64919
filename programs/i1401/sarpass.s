     * SARPASS -- SAR STORES THE A-ADDRESS REGISTER AS THE INSTRUCTION
     * BEFORE IT LEFT IT. HERE THAT IS AN MCW WHOSE A-FIELD ENDS AT A
     * WORD MARK THAT MOVES FROM PASS TO PASS (SW), SO THE SAME SAR,
     * UNCHANGED, STORES A DIFFERENT ADDRESS EACH TIME: 699, 700, 702.
     * MCEMU'S DECODE CACHE NOTES THAT THIS SAR READ THE A-ADDRESS
     * REGISTER, AND CHECKS IT EACH TIME, ON TIER 1'S CHAIN TOO.
               ORG  400
     START     CS   332
               CS
               B    PASS
               SW   SRC-3
               B    PASS
               SW   SRC-1
               B    PASS
               H
     PASS      SBR  RET+3
               MCW  SRC,DST
               SAR  SAVE
               MCW  SAVE,203
               W
               CS   332
     RET       B    000
               ORG  700
     SRC       DCW  @ABCDE@
     DST       DCW  @VWXYZ@
     SAVE      DCW  000
               END  START
