*        Literals and pools, CNOP, E D S V Y constants with modifiers,
*        DSECT with USING, EXTRN, ENTRY, a V-con to a later CSECT.
MAIN     CSECT
         USING MAIN,15
         L     1,=F'1'
         L     2,=F'1'
         LA    3,=C'ABC'
         L     4,=A(DATA)
         L     5,=V(SUB)
         L     0,=D'1.5'
         CNOP  2,4
         L     2,=E'-0.1'
         LTORG
DATA     DC    H'-2',F'1.5',FS4'1.5',E'1',D'0.1',E'100',D'-1E-2'
         DC    S(DATA),P'-12',Z'12',Y(DATA),AL3(DATA),V(SUB2)
         EXTRN XYZ
         ENTRY DATA
         DC    A(XYZ+4)
         L     6,=H'7'
D1       DSECT
FLD1     DS    F
FLD2     DS    CL8
MAIN     CSECT
         USING D1,7
         MVC   FLD2,=C'HELLO'
SUB      CSECT
         BR    14
         END   MAIN
