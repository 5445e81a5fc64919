*        Directives the other goldens leave out (HLASM Language
*        Reference): COM, PUSH/POP USING, DROP, OPSYN (new name and
*        deleted one), PRINT OFF/ON and NOGEN, TITLE, EJECT, SPACE, ORG
*        without operand, alignment suppressed by an explicit length,
*        duplication factor 0, H with a scale modifier, SETB and a
*        computed AGO. PRINT, PUSH and POP are listed unless NOPRINT.
*        MNOTE severities in the return code.
         MACRO
         TWO   &X
         DC    H'&X'
         DC    H'&X'
         MEND
MORE     CSECT
         USING MORE,12
         PUSH  USING
         DROP  12
         USING MORE,11
         LA    1,FIELD             base 11
         POP   USING
         LA    1,FIELD             base 12 again
MOVE     OPSYN MVC
         MOVE  FIELD,FIELD
MVC      OPSYN
         MVC   FIELD,FIELD         deleted: undefined operation
         PRINT OFF
         DC    C'NOT LISTED'
         PRINT ON
         PUSH  PRINT,NOPRINT
         PRINT NOGEN,NOPRINT
         TWO   0
         POP   PRINT,NOPRINT
         PRINT NOGEN
         TWO   1
         PRINT GEN
         TWO   2
         TITLE 'SECOND PAGE'
         SPACE 2
         EJECT
ODD      DC    C'A'
UNAL     DC    FL4'1'              explicit length: not aligned
ALIG     DC    F'1'                aligned: X'..' skipped
ZERO     DC    0H'5'               no bytes, aligns to 2
HALF     DC    HS3'1.5'            1.5 * 2**3 = 12
         ORG   MORE+X'100'
HIGH     DC    X'FF'
         ORG   ,                   back to the highest location
NEXT     DC    X'EE'
         LCLB  &B
&B       SETB  (1 EQ 1)
         LCLA  &N
&N       SETA  2
         AGO   (&N).ONE,.TWO
.ONE     DC    C'1'
.TWO     AIF   (NOT &B).SKIP
         DC    C'2'
.SKIP    ANOP
FIELD    DC    CL4'F'
AREA     COM
         DS    CL20
AREA     COM
         DS    CL8                 resumed where it was: 28 in all
         MNOTE 300,'A SEVERITY ABOVE 255 IS ASMA047E'
         MNOTE 16,'THE RETURN CODE IS THE HIGHEST SEVERITY: 16'
         END
