     * HELLO -- PRINT ONE LINE ON THE 1403 AND HALT.
     * IBM 1401 AUTOCODER: LABEL IN COLUMNS 6-15, OPERATION 16-20,
     * OPERANDS FROM 21.
               ORG  400
     START     CS   332                 CLEAR THE PRINT AREA 300-332
               CS                       CHAINED: 200-299
               MCW  MSG,215             MESSAGE INTO PRINT POSITIONS 203-215
               W                        PRINT
               H                        HALT: THE NORMAL END
     MSG       DCW  @HELLO, WORLD!@
               END  START
