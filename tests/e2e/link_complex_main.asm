*        Complexly relocatable A-cons across decks (HLASM Language
*        Reference, "Complex relocatable expressions"): the linker
*        applies one RLD item per term. SIZE is the length of the
*        other deck's table, TOP its end address less this section's
*        start plus TABLE: values only known once both are placed.
MAIN     CSECT
         EXTRN TABLE,TABEND
         STM   14,12,12(13)
         BALR  12,0
         USING *,12
         L     3,SIZE
         XDECO 3,LINE
         XPRNT LINE,12
         L     3,TOP
         S     3,=A(TABEND)
         A     3,=A(MAIN)
         S     3,=A(TABLE)
         XDECO 3,LINE              0 when TOP is right
         XPRNT LINE,12
         LH    3,HALF
         XDECO 3,LINE
         XPRNT LINE,12
         LM    14,12,12(13)
         BR    14
SIZE     DC    A(TABEND-TABLE)
TOP      DC    A(TABEND-MAIN+TABLE)
HALF     DC    Y(TABLE-TABEND+100)
LINE     DC    CL12' '
         END   MAIN
