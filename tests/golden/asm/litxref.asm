*        Literals in the cross reference (HLASM Programmer's Guide,
*        "Ordinary symbol and literal cross reference"): each literal
*        of each pool once, its definition the LTORG or END that
*        placed it, its references the statements that use it.
LIT      CSECT
         USING LIT,15
         L     1,=F'1'
         A     1,=F'1'
         MVC   OUT,=CL8'ABCDEFGHIJ'
         LTORG
         L     2,=F'1'             a new pool: a second =F'1'
         LA    3,=A(OUT,LIT)
         CLI   OUT,C'A'
         BE    *+8
         S     2,=F'1'
OUT      DS    CL8
         END
