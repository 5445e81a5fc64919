*        TIMER -- the System/360 interval timer and external
*        interruptions (A22-6821, "Interval Timer", "External
*        Interruption", "Wait State"). Sets the timer at location 80,
*        loads an enabled wait PSW (system-mask bit 7 on) and lets the
*        timer going negative end the wait, three times; then masks
*        external interruptions, lets the timer go negative while they
*        are masked, and shows the interruption, left pending, taken
*        right after the SSM that enables it. Prints, for each one, the
*        code and the wait bit of the external old PSW (location 24)
*        and
*        where its instruction address points. Runs in the supervisor
*        state, as `mcemu run` starts a program; ends with BR 14.
TIMER    CSECT
         USING TIMER,15
         MVC   88(8,0),EXTNEW      external new PSW (location 88): EXTH
         MVC   80(4,0),T300        interval timer: X'300', four steps
         SR    5,5                 interruptions so far
         XPRNT MSTART,L'MSTART
WAIT     LPSW  WAITPSW             wait, external interruptions enabled
*
*        The external interruption handler: disabled, supervisor state.
EXTH     LA    5,1(,5)
         XDECO 5,LNUM
         LH    6,26(,0)            interruption code: old PSW bytes 2-3
         XDECO 6,LCODE
         MVI   LWAIT,C'0'
         TM    25(0),X'02'         wait bit: old PSW bit 14
         BZ    NOWAIT
         MVI   LWAIT,C'1'
NOWAIT   L     6,28(,0)            old PSW bits 32-63: the address
         N     6,MASK24
         MVC   LWHERE,WOTHER
         LA    7,WAIT
         CR    6,7
         BNE   NOTWAIT
         MVC   LWHERE,WWAIT
NOTWAIT  LA    7,AFTSSM
         CR    6,7
         BNE   NOTSSM
         MVC   LWHERE,WSSM
NOTSSM   MVC   LNEG,NO
         L     6,80(,0)            the timer: negative now
         LTR   6,6
         BNM   POS
         MVC   LNEG,YES
POS      XPRNT LINE,LLEN
         C     5,THREE
         BE    MASKED
         BH    DONE
         MVC   80(4,0),T100        again: two steps
         B     WAIT
*
*        Masked: the timer goes negative while external interruptions
*        are off; the request waits for the SSM that turns them on.
MASKED   SSM   SMOFF
         MVC   80(4,0),T100
POLL     L     6,80(,0)
         LTR   6,6
         BNM   POLL
         XPRNT MMASKED,L'MMASKED
         SSM   SMON                taken right after this
AFTSSM   XPRNT MLOST,L'MLOST       (not reached)
DONE     XPRNT MDONE,L'MDONE
         BR    14
*
         DS    0D
EXTNEW   DC    X'00000000',A(EXTH)     disabled, supervisor
WAITPSW  DC    X'01020000',A(WAIT)     external on, wait bit
T300     DC    X'00000300'
T100     DC    X'00000100'
MASK24   DC    X'00FFFFFF'
THREE    DC    F'3'
SMOFF    DC    X'00'
SMON     DC    X'01'
MSTART   DC    C' TIMER SET, WAITING, EXTERNAL INTERRUPTIONS ON'
MMASKED  DC    C' TIMER NEGATIVE, EXTERNAL INTERRUPTIONS MASKED'
MLOST    DC    C' THE PENDING INTERRUPTION WAS NOT TAKEN AFTER SSM'
MDONE    DC    C' DONE'
WWAIT    DC    CL9'WAIT PSW'
WSSM     DC    CL9'AFTER SSM'
WOTHER   DC    CL9'ELSEWHERE'
YES      DC    CL3'YES'
NO       DC    CL3'NO'
LINE     DC    C' EXTERNAL INTERRUPTION'
LNUM     DS    CL12
         DC    C': CODE'
LCODE    DS    CL12
         DC    C', WAIT BIT '
LWAIT    DS    C
         DC    C', OLD PSW AT '
LWHERE   DS    CL9
         DC    C', TIMER NEGATIVE: '
LNEG     DS    CL3
LLEN     EQU   *-LINE
         END   TIMER
