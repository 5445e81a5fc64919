     * AUTOCODER DIAGNOSTICS: EACH LINE BELOW HAS ONE ERROR
               ORG  400
     START     MCW  NOWHERE,200
               XYZ  200
               B    LOOP,ZZ
               MCW  A+B,200
     START     H
               DCW  @OPEN
               DS   -3
               END  START
