*        Complexly relocatable A- and Y-type constants (HLASM
*        Language Reference, "Complex relocatable expressions"):
*        one RLD item per unpaired relocatable term, subtracted
*        terms with the - action; and the forms not allowed.
ONE      CSECT
         USING ONE,15
         EXTRN EXT1,EXT2
         WXTRN WEAK
A1       DC    A(EXT1-EXT2)
A2       DC    A(B1-ONE+EXT1)
A3       DC    A(A1-B1+8,-ONE,WEAK+EXT1+EXT1)
A4       DC    Y(EXT2-EXT1),AL2(B1),AL3(B1-EXT2)
A5       DC    A(A2-A1)                absolute: no RLD item
         L     1,=A(EXT1-B1)
*        EQU takes a complexly relocatable value; A-cons use it
C1       EQU   EXT1-EXT2+4
C2       EQU   ONE-B1
A6       DC    A(C1,C2+B1,C1+EXT2)     complex, ONE, EXT1+4
*        not allowed
E1       DC    AL1(B1)                 relocatable, 1 byte
E2       DC    AL1(EXT1-EXT2)          complex, 1 byte
E3       DC    V(EXT1+4)               V-con: one external symbol
E4       DC    S(EXT1-EXT2)            S-con: absolute or simple
E5       DC    A(2*B1)                 * and / take absolute terms
E6       DC    A(=F'1')                a literal is no A-con operand
         L     2,EXT1-EXT2+ONE         complex in an instruction
         LA    3,B1+EXT1
TWO      CSECT
B1       DC    F'7'
         END
