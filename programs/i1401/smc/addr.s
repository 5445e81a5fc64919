     * ADDR -- ADDRESSES REWRITTEN IN THE PROGRAM'S OWN CODE. EACH PASS
     * MODIFY ADDRESS (MA, A24-3067) ADDS 012 TO THE A-ADDRESS OF THE
     * MCW AT SHOW, SO IT MOVES THE NEXT 12-CHARACTER MESSAGE, AND 003
     * TO THE A-ADDRESS OF THE MCW AT PICK, WHICH COPIES THE NEXT
     * ADDRESS CONSTANT (DSA) OF A TABLE INTO THE I-ADDRESS OF THE
     * BRANCH RIGHT AFTER IT. THE TABLE GETS ITS WORD MARKS FROM SW.
               ORG  400
     START     CS   332
               CS
               SW   TAB1-2,TAB2-2       WORD MARKS ON THE TABLE
               SW   TAB3-2
     LOOP      A    +1,COUNT
               MCW  COUNT,203
     SHOW      MCW  MSG1,217            MSG1, MSG2, MSG3
     PICK      MCW  TAB1,GO+3           INTO THE VERY NEXT INSTRUCTION
     GO        B    0
     BACK      W
               MA   TWELVE,SHOW+3
               MA   THREE,PICK+3
               C    COUNT,LIMIT
               BU   LOOP
               H
     T1        MCW  @ONE  @,225
               B    BACK
     T2        MCW  @TWO  @,225
               B    BACK
     T3        MCW  @THREE@,225
               B    BACK
     COUNT     DCW  0
     THREE     DCW  003
     LIMIT     DCW  3
     TWELVE    DCW  012
     MSG1      DCW  @FIRST  LINE.@
     MSG2      DCW  @SECOND LINE.@
     MSG3      DCW  @THIRD  LINE.@
     TAB1      DSA  T2
     TAB2      DSA  T3
     TAB3      DSA  T1
               END  START
