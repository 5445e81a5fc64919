*        AREAD (HLASM Language Reference, "AREAD instruction"): the
*        records after the outermost macro instruction go to SETC
*        symbols, not assembled; listed with a statement number, with
*        NOSTMT without one, with NOPRINT not at all.
         MACRO
&L       TEXT  &N
         LCLC  &R,&S
         LCLA  &I
&I       SETA  1
.LOOP    AIF   (&I GT &N).DONE
&R       AREAD
&S       SETC  '&R'(1,12)
&L.&I    DC    C'&S'
&I       SETA  &I+1
         AGO   .LOOP
.DONE    MEND
         MACRO
         QUIET
         LCLA  &K
&A       AREAD NOSTMT
&B       AREAD NOPRINT
&C       SETC  '&A'(1,4).'&B'(1,4)
         DC    C'&C'
&K       SETA  K'&A
         MNOTE *,'A RECORD HAS &K CHARACTERS'
         MEND
         MACRO
         OUTER
         INNER                 AREAD in an inner macro reads too
         MEND
         MACRO
         INNER
&X       AREAD
&Y       SETC  '&X'(73,8)
         DC    C'&Y'           the sequence columns
         MEND
         MACRO
         CLOCK
&T       AREAD CLOCKD
&U       AREAD CLOCKB
         AIF   (K'&T NE 8 OR K'&U NE 8).BAD
         MNOTE *,'CLOCKD AND CLOCKB GIVE 8 CHARACTERS'
         MEXIT
.BAD     MNOTE 8,'CLOCK &T &U'
         MEND
         MACRO
         BAD
&V       AREAD CLOCKX
&V       AREAD
         MEND
         MACRO
         ARRAY
         LCLC  &R(3),&S
&R(2)    AREAD
&S       SETC  '&R(2)'(1,11)
         DC    C'&S'
         MEND
         MACRO
         LAST
&W       AREAD
&W       AREAD
         MEND
AREAD    CSECT
LINE     TEXT  2
FIRST RECORD READ BY AREAD
SECOND       ,    *   NOT AN ASSEMBLER STATEMENT          X
         QUIET
ABCD-NOSTMT
EFGH-NOPRINT
         OUTER
INNER RECORD                                                            SEQ00042
         CLOCK
         BAD
&Z       AREAD                 read by BAD, so not an error
         ARRAY
SUBSCRIPTED SETC TARGET
&Z       AREAD
         LAST
         END
