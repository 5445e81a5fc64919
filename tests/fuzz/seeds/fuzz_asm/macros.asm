*        Macros: definitions, positional/keyword parameters, sublists,
*        SET symbols, AIF/AGO loops, &SYSNDX &SYSECT &SYSLIST, MNOTE,
*        MEXIT, an inner call, a library macro, open-code AIF.
         MACRO
&LBL     MOVE  &TO,&FROM,&LEN=8
.*       a comment that is not generated
&LBL     MVC   &TO.(&LEN),&FROM
         MEND
         MACRO
         TABLE &N
         LCLA  &I
&I       SETA  1
.LOOP    AIF   (&I GT &N).DONE
         DC    F'&I'
&I       SETA  &I+1
         AGO   .LOOP
.DONE    ANOP
         MNOTE 4,'TABLE OF &N WORDS, CALL &SYSNDX IN &SYSECT'
         MEND
         MACRO
         OUTER &A
         INNER &A,(X,Y,Z)
         MEND
         MACRO
         INNER &P,&S
         LCLC  &C
         LCLA  &K
&C       SETC  '&S(2)'.'&P'
         DC    C'&C'
         AIF   (N'&S NE 3).BAD
&K       SETA  N'&SYSLIST
         DC    AL1(&K),C'&SYSLIST(1)'
         MEXIT
.BAD     MNOTE 8,'NOT THREE'
         MEND
MAIN     CSECT
         USING MAIN,15
         SAVE  (14,12)
HERE     MOVE  A,B
         MOVE  A,B,LEN=4
         TABLE 3
         PUSH  PRINT
         PRINT NOGEN
         OUTER Q                   expansion not listed (PRINT NOGEN)
         POP   PRINT
         MOVE  A,B,LEN=2           listed again
         GBLA  &G
&G       SETA  5
         AIF   (&G EQ 5).SKIP
         DC    C'SKIPPED'
.SKIP    DC    AL1(&G)
A        DS    CL8
B        DS    CL8
         END   MAIN
