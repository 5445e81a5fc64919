*        COPY: members read from beside the source (or -I folders),
*        nested; a missing member is ASMA018S and assembly goes on.
CP       CSECT
         USING CP,15
         L     1,CONSTS
         MVC   OUT,INNERX
         BR    14
         COPY  CPYDATA
         COPY  NOSUCH
OUT      DS    CL2
         END   CP
