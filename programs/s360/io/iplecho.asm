*        IPLECHO -- a stand-alone program booted by IPL from cards
*        (mcemu link --ipl-deck, then mcemu run --ipl 00C): types a
*        greeting on the 1052 console at 01F, waits enabled for an I/O
*        interruption until the operator presses the request key
*        (attention from 01F), reads the line typed, types it back and
*        ends in the disabled wait X'EEE'. A22-6821: "Input/Output
*        Operations", "Initial Program Loading", "Interruptions".
IPLECHO  CSECT
         BALR  12,0
         USING *,12
         MVC   X'78'(8,0),IONEW  the I/O new PSW: to INTR, disabled
         LA    1,CHELLO
         BAL   11,DOIO
         LH    5,2               the IPL device, stored by IPL
         STH   5,IPLDEV
         UNPK  MDEV(5),IPLDEV(3)
         TR    MDEV(4),HEX-240
         MVI   MDEV+4,C' '
         LA    1,CFROM
         BAL   11,DOIO
WAITK    LPSW  WAITPSW           enabled wait for channel 0
INTR     CLC   X'3A'(2,0),=X'001F'  an interruption from the console?
         BNE   WAITK
         TM    X'44',X'80'       with attention?
         BNO   WAITK
         MVI   LINE,C' '
         MVC   LINE+1(79),LINE
         LA    1,CREAD
         BAL   11,DOIO
         LA    1,CECHO           "ECHO: " data-chained to the line
         BAL   11,DOIO
         LPSW  DONEPSW
*        DOIO: start the CCW at R1 on the console, wait with TEST I/O
DOIO     ST    1,X'48'
AGAIN    SIO   X'01F'
         BC    8,BUSY
         BC    2,AGAIN
         BR    11                CC 1 (CSW stored) or 3
BUSY     TIO   X'01F'
         BC    6,BUSY
         BR    11
         DS    0D
CHELLO   DC    X'09',AL3(MHELLO),X'00',X'00',AL2(L'MHELLO)
CFROM    DC    X'09',AL3(MFROM),X'00',X'00',AL2(LMFROM)
CREAD    DC    X'0A',AL3(LINE),X'20',X'00',AL2(80)
CECHO    DC    X'09',AL3(MECHO),X'80',X'00',AL2(L'MECHO)
         DC    X'00',AL3(LINE),X'20',X'00',AL2(30)  command ignored
IONEW    DC    X'00000000',A(INTR)
WAITPSW  DC    X'80020000',A(0)
DONEPSW  DC    X'00020000',A(X'EEE')
IPLDEV   DS    H
         DC    X'0C'
MHELLO   DC    C'IPLECHO HERE; PRESS REQUEST AND TYPE A LINE'
MFROM    DC    C'BOOTED FROM '
MDEV     DC    CL5' '
LMFROM   EQU   *-MFROM
MECHO    DC    C'ECHO: '
LINE     DS    CL80
HEX      DC    C'0123456789ABCDEF'
         LTORG
         END   IPLECHO
