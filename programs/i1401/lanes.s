     * LANES -- MOVES, ZERO-AND-ADD, ADD AND SUBTRACT (CARRIES ACROSS MANY
     * POSITIONS, AND NONE PAST THE A FIELD) AND COMPARE ON FIELDS OF 1 TO
     * 25 POSITIONS, SO THAT A FIELD'S WORD MARK FALLS AT EVERY PLACE OF
     * THE EIGHT POSITIONS I1401.ISA TAKES AT ONCE, AND THE SAME FIELDS
     * SHORT AND OVERLAPPING (MOVES, ZA, A AND S). FIELDS WITH BLANKS AND
     * THE CODES 11-15 IN DIGIT PLACES. EACH GROUP OF RESULTS IS COPIED
     * (LCA, WITH ITS WORD MARKS) TO THE PRINT AREA AND PRINTED; THE
     * EXPECTED OUTPUT IS SIMH I1401'S.
               ORG  400
     START     NOP
               MCW  SRC,F1
               MCW  SRC,F2
               MCW  SRC,F7
               MCW  SRC,F8
               MCW  SRC,F9
               MCW  SRC,F15
               MCW  SRC,F16
               MCW  SRC,F17
               MCW  SRC,F24
               MCW  SRC,F25
               CS   332
               CS
               LCA  F1,201
               LCA  F2,204
               LCA  F7,212
               LCA  F8,221
               LCA  F9,231
               LCA  F15,247
               LCA  F16,264
               LCA  F17,282
               LCA  F24,307
               LCA  F25,333
               W
               MCW  S1,G1
               MCW  S2,G2
               MCW  S7,G7
               MCW  S8,G8
               CS   332
               CS
               LCA  G1,225
               LCA  G2,251
               LCA  G7,277
               LCA  G8,303
               W
               MCW  S9,G9
               MCW  S15,G15
               MCW  S16,G16
               MCW  S17,G17
               CS   332
               CS
               LCA  G9,225
               LCA  G15,251
               LCA  G16,277
               LCA  G17,303
               W
               MCW  S24,G24
               CS   332
               CS
               LCA  G24,225
               W
               ZA   N25,Z1
               ZA   N25,Z2
               ZA   N25,Z7
               ZA   N25,Z8
               ZA   N25,Z9
               ZA   N25,Z15
               ZA   N25,Z16
               ZA   N25,Z17
               ZA   N25,Z24
               ZA   N25,Z25
               CS   332
               CS
               LCA  Z1,201
               LCA  Z2,204
               LCA  Z7,212
               LCA  Z8,221
               LCA  Z9,231
               LCA  Z15,247
               LCA  Z16,264
               LCA  Z17,282
               LCA  Z24,307
               LCA  Z25,333
               W
               ZS   M1,Y1
               ZA   M2,Y2
               ZS   M7,Y7
               ZA   M8,Y8
               CS   332
               CS
               LCA  Y1,225
               LCA  Y2,251
               LCA  Y7,277
               LCA  Y8,303
               W
               ZS   M9,Y9
               ZS   M15,Y15
               ZA   M16,Y16
               ZS   M17,Y17
               CS   332
               CS
               LCA  Y9,225
               LCA  Y15,251
               LCA  Y16,277
               LCA  Y17,303
               W
               ZA   M24,Y24
               CS   332
               CS
               LCA  Y24,225
               W
               A    ONE,B0
               A    ONE,B1
               S    ONE,B2
               A    ONE,B3
               CS   332
               CS
               LCA  B0,202
               LCA  B1,211
               LCA  B2,221
               LCA  B3,238
               W
               A    ONE,B4
               S    ONE,B5
               A    ONE,B6
               A    ONE,B7
               CS   332
               CS
               LCA  B4,217
               LCA  B5,242
               LCA  B6,268
               LCA  B7,279
               W
               S    ONE,B8
               A    ONE,B9
               CS   332
               CS
               LCA  B8,211
               LCA  B9,224
               W
               S    ONE,C10
               S    ONE,C11
               S    ONE,C12
               S    ONE,C13
               CS   332
               CS
               LCA  C10,209
               LCA  C11,227
               LCA  C12,253
               LCA  C13,262
               W
               A    X14,W14
               A    X15,W15
               S    X16,W16
               A    X17,W17
               CS   332
               CS
               LCA  W14,218
               LCA  W15,237
               LCA  W16,254
               LCA  W17,256
               W
               A    X18,W18
               S    X19,W19
               A    X20,W20
               CS   332
               CS
               LCA  W18,225
               LCA  W19,246
               LCA  W20,269
               W
               MCW  V21-12,V21-11
               MCW  V22-11,V22-12
               MCW  V23-12,V23-9
               MCW  V24-9,V24-12
               CS   332
               CS
               LCA  V21,225
               LCA  V22,251
               LCA  V23,277
               LCA  V24,303
               W
               MCW  V25-12,V25-5
               MCW  V26-5,V26-12
               MCW  V27-12,V27-4
               MCW  V28-4,V28-12
               CS   332
               CS
               LCA  V25,225
               LCA  V26,251
               LCA  V27,277
               LCA  V28,303
               W
               MCW  V29-12,V29-3
               MCW  V30-3,V30-12
               CS   332
               CS
               LCA  V29,225
               LCA  V30,251
               W
               ZA   D31-4,D31-7
               ZA   D32-7,D32-4
               A    D33-4,D33-6
               A    D34-6,D34-4
               CS   332
               CS
               LCA  D31,225
               LCA  D32,251
               LCA  D33,277
               LCA  D34,303
               W
               S    D35-9,D35-4
               A    D36-13,D36-4
               CS   332
               CS
               LCA  D35,225
               LCA  D36,251
               W
               CS   332
               CS
               C    P0,Q0
               B    H0,U
               B    L0,T
               MCW  CHE,201
               B    N0
     H0        MCW  CHH,201
               B    N0
     L0        MCW  CHL,201
     N0        NOP
               C    P1,Q1
               B    H1,U
               B    L1,T
               MCW  CHE,203
               B    N1
     H1        MCW  CHH,203
               B    N1
     L1        MCW  CHL,203
     N1        NOP
               C    P2,Q2
               B    H2,U
               B    L2,T
               MCW  CHE,205
               B    N2
     H2        MCW  CHH,205
               B    N2
     L2        MCW  CHL,205
     N2        NOP
               C    P3,Q3
               B    H3,U
               B    L3,T
               MCW  CHE,207
               B    N3
     H3        MCW  CHH,207
               B    N3
     L3        MCW  CHL,207
     N3        NOP
               C    P4,Q4
               B    H4,U
               B    L4,T
               MCW  CHE,209
               B    N4
     H4        MCW  CHH,209
               B    N4
     L4        MCW  CHL,209
     N4        NOP
               C    P5,Q5
               B    H5,U
               B    L5,T
               MCW  CHE,211
               B    N5
     H5        MCW  CHH,211
               B    N5
     L5        MCW  CHL,211
     N5        NOP
               C    P6,Q6
               B    H6,U
               B    L6,T
               MCW  CHE,213
               B    N6
     H6        MCW  CHH,213
               B    N6
     L6        MCW  CHL,213
     N6        NOP
               C    P7,Q7
               B    H7,U
               B    L7,T
               MCW  CHE,215
               B    N7
     H7        MCW  CHH,215
               B    N7
     L7        MCW  CHL,215
     N7        NOP
               C    P8,Q8
               B    H8,U
               B    L8,T
               MCW  CHE,217
               B    N8
     H8        MCW  CHH,217
               B    N8
     L8        MCW  CHL,217
     N8        NOP
               C    P9,Q9
               B    H9,U
               B    L9,T
               MCW  CHE,219
               B    N9
     H9        MCW  CHH,219
               B    N9
     L9        MCW  CHL,219
     N9        NOP
               C    P10,Q10
               B    H10,U
               B    L10,T
               MCW  CHE,221
               B    N10
     H10       MCW  CHH,221
               B    N10
     L10       MCW  CHL,221
     N10       NOP
               C    P11,Q11
               B    H11,U
               B    L11,T
               MCW  CHE,223
               B    N11
     H11       MCW  CHH,223
               B    N11
     L11       MCW  CHL,223
     N11       NOP
               C    P12,Q12
               B    H12,U
               B    L12,T
               MCW  CHE,225
               B    N12
     H12       MCW  CHH,225
               B    N12
     L12       MCW  CHL,225
     N12       NOP
               C    P13,Q13
               B    H13,U
               B    L13,T
               MCW  CHE,227
               B    N13
     H13       MCW  CHH,227
               B    N13
     L13       MCW  CHL,227
     N13       NOP
               W
               H
               NOP
     SRC       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     F1        DCW  @.@
     F2        DCW  @..@
     F7        DCW  @.......@
     F8        DCW  @........@
     F9        DCW  @.........@
     F15       DCW  @...............@
     F16       DCW  @................@
     F17       DCW  @.................@
     F24       DCW  @........................@
     F25       DCW  @.........................@
     S1        DCW  @0@
     G1        DCW  @*************************@
     S2        DCW  @01@
     G2        DCW  @*************************@
     S7        DCW  @0123456@
     G7        DCW  @*************************@
     S8        DCW  @01234567@
     G8        DCW  @*************************@
     S9        DCW  @012345678@
     G9        DCW  @*************************@
     S15       DCW  @0123456789ABCDE@
     G15       DCW  @*************************@
     S16       DCW  @0123456789ABCDEF@
     G16       DCW  @*************************@
     S17       DCW  @0123456789ABCDEFG@
     G17       DCW  @*************************@
     S24       DCW  @0123456789ABCDEFGHIJKLMN@
     G24       DCW  @*************************@
     N25       DCW  @12345678901234567890123K5@
     Z1        DCW  @9@
     Z2        DCW  @99@
     Z7        DCW  @9999999@
     Z8        DCW  @99999999@
     Z9        DCW  @999999999@
     Z15       DCW  @999999999999999@
     Z16       DCW  @9999999999999999@
     Z17       DCW  @99999999999999999@
     Z24       DCW  @999999999999999999999999@
     Z25       DCW  @9999999999999999999999999@
     M1        DCW  @R@
     Y1        DCW  @1111111111111111111111111@
     M2        DCW  @9R@
     Y2        DCW  @1111111111111111111111111@
     M7        DCW  @987654R@
     Y7        DCW  @1111111111111111111111111@
     M8        DCW  @9876543R@
     Y8        DCW  @1111111111111111111111111@
     M9        DCW  @98765432R@
     Y9        DCW  @1111111111111111111111111@
     M15       DCW  @98765432109876R@
     Y15       DCW  @1111111111111111111111111@
     M16       DCW  @987654321098765R@
     Y16       DCW  @1111111111111111111111111@
     M17       DCW  @9876543210987654R@
     Y17       DCW  @1111111111111111111111111@
     M24       DCW  @98765432109876543210987R@
     Y24       DCW  @1111111111111111111111111@
     ONE       DCW  @1@
     ONEM      DCW  @J@
     B0        DCW  @:4@
     B1        DCW  @9B0: JA4@
     B2        DCW  @ JA>#9B04@
     B3        DCW  @JA>#9B0: JA>#9B4@
     B4        DCW  @9B0: JA>#9B0: JA4@
     B5        DCW  @B0: JA>#9B0: JA>#9B0: J4@
     B6        DCW  @JA>#9B0: JA>#9B0: JA>#9B4@
     B7        DCW  @#9B0: JA>4@
     B8        DCW  @: JA>#9B0:4@
     B9        DCW  @>#9B0: JA>#4@
     C10       DCW  @403140315@
     C11       DCW  @40314031403140315@
     C12       DCW  @4031403140314031403140315@
     C13       DCW  @40314035@
     X14       DCW  @999999999999999999@
     W14       DCW  @000000000000000001@
     X15       DCW  @123456789012345678@
     W15       DCW  @987654321098765432@
     X16       DCW  @5000000000000000@
     W16       DCW  @4999999999999999@
     X17       DCW  @99999999999@
     W17       DCW  @1@
     X18       DCW  @0000000000000000000000001@
     W18       DCW  @9999999999999999999999999@
     X19       DCW  @12345678901234567890@
     W19       DCW  @1111111111111111111L@
     X20       DCW  @77777777777@
     W20       DCW  @3333333333333333333333@
     V21       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V22       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V23       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V24       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V25       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V26       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V27       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V28       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V29       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     V30       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     D31       DCW  @1234567890123456789012345@
     D32       DCW  @1234567890123456789012345@
     D33       DCW  @1234567890123456789012345@
     D34       DCW  @1234567890123456789012345@
     D35       DCW  @1234567890123456789012345@
     D36       DCW  @1234567890123456789012345@
     CHE       DCW  @E@
     CHH       DCW  @H@
     CHL       DCW  @L@
     P0        DCW  @ABCDEFGH@
     Q0        DCW  @ABCDEFGH@
     P1        DCW  @ABCDEFGHI@
     Q1        DCW  @ABCDEFGHI@
     P2        DCW  @ABCDEFGHIJKLMNOPQ@
     Q2        DCW  @ABCDEFGHIJKLMNOPQ@
     P3        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q3        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     P4        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q4        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXA@
     P5        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q5        DCW  @ABCDEFGHIJKLMNOPQRSTUVW0Y@
     P6        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q6        DCW  @ABCDEFGHIJKLMNOPQRATUVWXY@
     P7        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q7        DCW  @ABCDEFGHIJKLMNOPQ0STUVWXY@
     P8        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q8        DCW  @ABCDEFGHIJKLMNOPARSTUVWXY@
     P9        DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q9        DCW  @ABCDEFGHI0KLMNOPQRSTUVWXY@
     P10       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q10       DCW  @ABCDEFGHAJKLMNOPQRSTUVWXY@
     P11       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     Q11       DCW  @ABCDEFGHIJKLMNOPQRSTUVWXY@
     P12       DCW  @ABCDEFGHI@
     Q12       DCW  @ABCDEFGHIJKL@
     P13       DCW  @ABCDEFGHIJKL@
     Q13       DCW  @ABCDEFGHI@
               END  START
