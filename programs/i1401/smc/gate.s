     * GATE -- WORD MARKS SET AND CLEARED IN THE PROGRAM'S OWN CODE.
     * AN INSTRUCTION ENDS AT THE NEXT WORD MARK (A24-3067, "WORD
     * MARK"): WITH THE MARK UNDER GATE'S OP CODE CLEARED, THE NOP
     * BEFORE IT TAKES GATE'S FOUR CHARACTERS AS ITS B-ADDRESS AND
     * D-CHARACTER (A NOP OF EIGHT), SO THE BRANCH IS NOT RUN. PASS 1
     * CLEARS THE MARK, PASS 2 SETS IT AGAIN, PASS 3 CLEARS IT.
               ORG  400
     START     CS   332
               CS
               CW   GATE                PASS 1: NO MARK UNDER GATE
     LOOP      A    +1,COUNT
               MCW  COUNT,206
               NOP  START
     GATE      B    JUMP
               MCW  FELL,220            NO MARK: THE NOP RAN ON
               B    SHOW
     JUMP      MCW  TAKEN,220
     SHOW      W
               C    COUNT,THREE
               BE   DONE
               C    COUNT,ONE
               BE   SET
               CW   GATE                AFTER PASS 2: CLEARED
               B    LOOP
     SET       SW   GATE                AFTER PASS 1: SET
               B    LOOP
     DONE      H
     COUNT     DCW  0
     ONE       DCW  1
     THREE     DCW  3
     FELL      DCW  @FELL THROUGH@
     TAKEN     DCW  @BRANCH TAKEN@
               END  START
