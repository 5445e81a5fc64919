     * CHAINERR -- AN ADDRESS WITH A BAD DIGIT SETS THE A- AND B-ADDRESS
     * REGISTERS' ERROR STATE (A NOP CARRIES IT WITHOUT A STOP); THE NEXT
     * INSTRUCTION, WITH GOOD ADDRESSES, CLEARS IT; A ONE-CHARACTER MCW
     * CHAINED AFTER THAT NEEDS BOTH REGISTERS GOOD. IN A LOOP, SO THAT
     * TIER 1 CHAINS FROM RECORD TO RECORD (ITS STATE WRITES ON ENTRY).
               ORG  400
     LOOP      EQU  *
               DCW  @N 00@              NOP, A-ADDRESS BLANK 0 0: BAD
               MCW  SRC,DST             GOOD ADDRESSES
               MCW                      CHAINED: SRC2 TO DST2
               A    ONE,CNT
               C    LIM,CNT
               BU   LOOP
               MCW  DST,204
               MCW  DST2,202
               MCW  CNT,206
               W
               H
               NOP
               ORG  700
     SRC2      DCW  @AB@
     SRC       DCW  @CD@
     DST2      DCW  @WX@
     DST       DCW  @YZ@
     CNT       DCW  00
     ONE       DCW  1
     LIM       DCW  03
               END  LOOP
