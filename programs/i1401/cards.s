     * CARDS -- READ A DECK (--READER): EACH CARD HOLDS AN AMOUNT IN
     * COLUMNS 1-5 AND A NAME IN COLUMNS 7-26; PRINT EACH CARD WITH ITS
     * AMOUNT EDITED, THEN THE TOTAL AFTER THE LAST CARD (BLC).
               ORG  400
     START     CS   332
               CS
               SW   1                   THE AMOUNT FIELD 001-005
               SW   7                   THE NAME FIELD 007-026
     READ      R                        A CARD INTO 001-080
               MCW  26,226              NAME INTO PRINT 207-226
               LCA  CTL,240             CONTROL WORD INTO 235-240
               MCE  5,240               AMOUNT EDITED
               W
               A    5,TOTAL
               CS   332
               CS
               BLC  LAST                THAT WAS THE LAST CARD
               B    READ
     LAST      MCW  @TOTAL@,226
               LCA  CTL2,242
               MCE  TOTAL,242
               W
               H
     TOTAL     DCW  0000000
     CTL       DCW  @  0.  @
     CTL2      DCW  @  ,  0.  @
               END  START
