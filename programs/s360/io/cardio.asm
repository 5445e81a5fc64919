*        CARDIO -- channel I/O on System/360 (A22-6821, "Input/Output
*        Operations"): reads the cards on the 2540 reader at 00C until
*        unit exception, lists each on the 1403 printer at 00E (a skip
*        to channel 1 first, then a line spaced by one, two spaced by
*        two, an overprint), punches each on the 2540 punch at 00D,
*        and reports on the 1052 console at 01F: the card count, the
*        condition codes and CSWs it met (incorrect length, immediate
*        command, a device that is not there), a line typed at the
*        console (its echo data-chained to a heading), and an I/O
*        interruption taken in an enabled wait.
*        Run with ASSIST conventions: R15 = entry, R14 = return.
CARDIO   CSECT
         BALR  12,0
         USING *,12
         ST    14,SAVE14
         LA    1,CTITLE          type the title
         LA    2,X'01F'
         BAL   11,DOIO
*        skip the printer to channel 1: an immediate command, so SIO
*        ends it at once with CC 1 and the CSW stored
         LA    1,CSKIP
         LA    2,X'00E'
         BAL   11,DOIO
         STC   3,SKIPCC          the CC of the SIO
*        the cards
READ     LA    1,CREAD
         LA    2,X'00C'
         BAL   11,DOIO
         TM    68,X'01'          unit exception: no more cards
         BO    EOF
         AP    CARDS,=P'1'
         LA    1,CPRINT          print the card, spaced by one
         LA    2,X'00E'
         BAL   11,DOIO
         LA    1,CPUNCH          punch it
         LA    2,X'00D'
         BAL   11,DOIO
         B     READ
EOF      LA    1,CPR2            the end: a line spaced by two
         LA    2,X'00E'
         BAL   11,DOIO
         LA    1,COVER           and an overprinted one
         LA    2,X'00E'
         BAL   11,DOIO
*        report: cards read
         UNPK  MCOUNT,CARDS
         OI    MCOUNT+2,X'F0'
         LA    1,CMCOUNT
         LA    2,X'01F'
         BAL   11,DOIO
*        the SIO of the immediate skip: CC 1
         OI    SKIPCC,X'F0'
         MVC   MIMMCC,SKIPCC
         LA    1,CMIMM
         LA    2,X'01F'
         BAL   11,DOIO
*        incorrect length: a 40-byte read of an 80-column card is not
*        possible now (no cards); print a 140-byte line on the 1403
*        (132 print positions): CSW channel status X'40', count 8
         LA    1,CLONG
         LA    2,X'00E'
         BAL   11,DOIO
         UNPK  MLSTAT(3),69(2,0)  channel status, residual count: hex
         TR    MLSTAT(2),HEX-240
         MVI   MLSTAT+2,C' '
         UNPK  MLCNT(5),70(3,0)
         TR    MLCNT(4),HEX-240
         MVI   MLCNT+4,C' '
         LA    1,CMLONG
         LA    2,X'01F'
         BAL   11,DOIO
*        a device that is not there: CC 3
         LA    1,CPRINT
         LA    2,X'0FF'
         BAL   11,DOIO
         OI    NOCC+0,X'F0'
         STC   3,NOCC
         OI    NOCC,X'F0'
         LA    1,CMNODEV
         LA    2,X'01F'
         BAL   11,DOIO
*        read a line at the console; its length is 80 less the residual
         LA    1,CASK
         LA    2,X'01F'
         BAL   11,DOIO
         MVI   ANSWER,C' '
         MVC   ANSWER+1(79),ANSWER
         LA    1,CINPUT
         LA    2,X'01F'
         BAL   11,DOIO
         LH    4,70              residual count
         LA    5,80
         SR    5,4               the length typed
         CVD   5,DWORD
         UNPK  MLEN,DWORD+6(2)
         OI    MLEN+2,X'F0'
         OC    ANSWER,BLANKS     echo it back in capitals
         LA    1,CECHO
         LA    2,X'01F'
         BAL   11,DOIO
*        an I/O interruption: start a console write, then wait enabled
*        for channel 0; the I/O new PSW (disabled) brings us to GOTIO
         MVC   120(8,0),IONEW
         LA    1,CWAITM
         ST    1,72
         SIO   X'01F'
         LPSW  WAITPSW
GOTIO    UNPK  MIOCODE(5),58(3,0)  interruption code: the device
         TR    MIOCODE(4),HEX-240
         MVI   MIOCODE+4,C' '
         UNPK  MIOUS(3),68(2,0)    CSW unit status
         TR    MIOUS(2),HEX-240
         MVI   MIOUS+2,C' '
         LA    1,CMIO
         LA    2,X'01F'
         BAL   11,DOIO
         L     14,SAVE14
         BR    14
*
*        DOIO: start the channel program at R1 on device R2 and wait
*        for its end with TEST I/O (interruptions stay disabled).
*        Returns the SIO's condition code in R3; the CSW at 64 holds
*        the ending status (not for CC 3).
DOIO     ST    1,72              the CAW: key 0, CCW address
AGAIN    SIO   0(2)
         BC    8,STARTED
         BC    4,CSWNOW          CC 1: the CSW is stored
         BC    2,AGAIN           CC 2: busy
         LA    3,3               CC 3: not operational
         BR    11
CSWNOW   LA    3,1
         BR    11
STARTED  TIO   0(2)              CC 1 when the ending status is there
         BC    4,DONE
         BC    1,DEAD
         B     STARTED
DONE     SR    3,3
         BR    11
DEAD     LA    3,3
         BR    11
*
         DS    0D
CTITLE   DC    X'09',AL3(MTITLE),X'00',X'00',AL2(L'MTITLE)
CSKIP    DC    X'8B',AL3(0),X'20',X'00',AL2(1)
CREAD    DC    X'02',AL3(CARD),X'00',X'00',AL2(80)
CPRINT   DC    X'09',AL3(CARD),X'20',X'00',AL2(80)
CPUNCH   DC    X'01',AL3(CARD),X'00',X'00',AL2(80)
CPR2     DC    X'11',AL3(MEND),X'00',X'00',AL2(L'MEND)
COVER    DC    X'01',AL3(MOVER1),X'40',X'00',AL2(L'MOVER1)
         DC    X'09',AL3(MOVER2),X'00',X'00',AL2(L'MOVER2)
CLONG    DC    X'09',AL3(LONGLINE),X'00',X'00',AL2(140)
CMCOUNT  DC    X'09',AL3(MMCOUNT),X'00',X'00',AL2(LMCOUNT)
CMIMM    DC    X'09',AL3(MMIMM),X'00',X'00',AL2(LMIMM)
CMLONG   DC    X'09',AL3(MMLONG),X'00',X'00',AL2(LMLONG)
CMNODEV  DC    X'09',AL3(MMNODEV),X'00',X'00',AL2(LMNODEV)
CASK     DC    X'01',AL3(MASK),X'00',X'00',AL2(L'MASK)
CINPUT   DC    X'0A',AL3(ANSWER),X'20',X'00',AL2(80)
CECHO    DC    X'09',AL3(MECHO),X'80',X'00',AL2(LMECHO)
         DC    X'09',AL3(ANSWER),X'00',X'00',AL2(20)
CWAITM   DC    X'09',AL3(MWAIT),X'00',X'00',AL2(L'MWAIT)
CMIO     DC    X'09',AL3(MMIO),X'00',X'00',AL2(LMIO)
IONEW    DC    X'00000000',A(GOTIO)
WAITPSW  DC    X'80020000',A(0)      enabled for channel 0, wait
DWORD    DS    D
SAVE14   DS    F
CARDS    DC    PL2'0'
SKIPCC   DC    X'00'
CARD     DS    CL80
MTITLE   DC    C'CARDIO: CARDS TO PRINTER AND PUNCH'
MEND     DC    C'END OF DECK'
MOVER1   DC    C'OVERPRINT  ___'
MOVER2   DC    C'           XXX'
MMCOUNT  DC    C'CARDS READ: '
MCOUNT   DC    CL3' '
LMCOUNT  EQU   *-MMCOUNT
MMIMM    DC    C'SKIP TO CHANNEL 1 (IMMEDIATE): SIO CC '
MIMMCC   DC    C' '
LMIMM    EQU   *-MMIMM
MMLONG   DC    C'140-BYTE LINE: CHANNEL STATUS '
MLSTAT   DC    CL3' '
         DC    C'COUNT '
MLCNT    DC    CL5' '
LMLONG   EQU   *-MMLONG
MMNODEV  DC    C'SIO TO 0FF: CC '
NOCC     DC    C' '
LMNODEV  EQU   *-MMNODEV
MASK     DC    C'TYPE A LINE: '
ANSWER   DS    CL80
MECHO    DC    C'LENGTH '
MLEN     DC    CL3' '
         DC    C', IN CAPITALS: '
LMECHO   EQU   *-MECHO
MWAIT    DC    C'WAITING FOR AN I/O INTERRUPTION'
MMIO     DC    C'I/O INTERRUPTION FROM '
MIOCODE  DC    CL5' '
         DC    C'CSW UNIT STATUS '
MIOUS    DC    CL3' '
LMIO     EQU   *-MMIO
LONGLINE DC    CL140'THIS LINE IS 140 BYTES LONG; THE 1403 PRINTS 132'
HEX      DC    C'0123456789ABCDEF'
BLANKS   DC    80C' '           OR X'40': lower case to capitals
         LTORG
         END   CARDIO
