*        Attributes: T' and L' in ordinary expressions and, by
*        lookahead, in conditional assembly (symbols defined later).
         MACRO
&L       SHOW  &S
         AIF   (T'&S EQ 'O').NONE
&L       DC    C'&S',AL1(T'&S),AL1(L'&S)
         AGO   .END
.NONE    MNOTE 4,'SHOW WITHOUT AN OPERAND'
.END     MEND
         MACRO
         CHECK &S
         LCLC  &T
&T       SETC  T'&S
         AIF   ('&T' NE 'F').NOTF
         DC    CL6'FWORD',AL1(L'&S)
         MEXIT
.NOTF    DC    CL6'OTHER',C'&T'
         MEND
ATTR     CSECT
         USING ATTR,15
         SHOW  FULL
         SHOW  HALF8
         SHOW  ATTR
         SHOW  CODE
         SHOW
         CHECK FULL
         CHECK PACKED
CODE     LA    1,T'PACKED
FULL     DC    F'1'
HALF8    DC    HL8'2'
PACKED   DC    PL3'5'
         DC    C'&&'
         END
