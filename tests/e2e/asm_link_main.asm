*        Linking: MAIN calls SUB in another deck through a V-con and
*        prints MSG, which that deck defines (EXTRN here, ENTRY there).
MAIN     CSECT
         EXTRN MSG
         STM   14,12,12(13)
         BALR  12,0
         USING *,12
         L     15,=V(SUB)
         BALR  14,15
         L     2,=A(MSG)
         XPRNT 0(2),12
         L     3,ADDRS+4
         S     3,ADDRS
         XDECO 3,LINE
         XPRNT LINE,12
         LM    14,12,12(13)
         BR    14
ADDRS    DC    A(MAIN,MSG)         relocated by the linker
LINE     DC    CL12' '
         END   MAIN
