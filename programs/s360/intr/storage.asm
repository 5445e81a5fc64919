*        STORAGE -- the size of main storage, found as a program finds
*        it: a fetch from each 2048-byte block in turn until one is an
*        addressing exception (A22-6821, "Addressing Exception": an
*        address beyond the installed storage; the operation is
*        suppressed, ILC 2 for IC). The program-check new PSW (location
*        104) catches it; the program prints the size in K, the
*        interruption code and ILC, and whether the old PSW points past
*        the failing IC. 16M, the whole 24-bit space, gives none.
STORAGE  CSECT
         USING STORAGE,15
         MVC   104(8,0),PGMNEW     program new PSW: PCH
         L     3,K2                the step: 2048
         LR    4,3                 the address being tried
TRY      IC    2,0(,4)             a fetch from the block
         AR    4,3
         C     4,M16
         BL    TRY
         MVC   LCODE,NONE          all 16M answered
         MVC   LILC,NONE
         B     SHOW
*
PCH      LH    6,42(,0)            interruption code: old PSW bytes 2-3
         XDECO 6,LCODE
         SR    6,6
         IC    6,44(,0)            old PSW byte 4: ILC in bits 0-1
         SRL   6,6
         XDECO 6,LILC
         L     6,44(,0)
         N     6,MASK24
         LA    7,TRY+4
         MVC   LPAST,NO
         CR    6,7
         BNE   SHOW
         MVC   LPAST,YES
SHOW     LR    6,4
         SRL   6,10                bytes to K
         XDECO 6,LSIZE
         XPRNT LINE,LLEN
         BR    14
*
         DS    0D
PGMNEW   DC    X'00000000',A(PCH)
K2       DC    F'2048'
M16      DC    X'01000000'
MASK24   DC    X'00FFFFFF'
NONE     DC    CL12'        NONE'
YES      DC    CL3'YES'
NO       DC    CL3'NO '
LINE     DC    C' STORAGE (K):'
LSIZE    DS    CL12
         DC    C'   INTERRUPTION CODE:'
LCODE    DS    CL12
         DC    C'   ILC:'
LILC     DS    CL12
         DC    C'   OLD PSW PAST THE IC: '
LPAST    DC    CL3'NO '
LLEN     EQU   *-LINE
         END   STORAGE
