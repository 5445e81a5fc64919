*        TAPE -- the 2400 magnetic tape through the channel (A22-6821,
*        "Input/Output Operations"; IBM 2400-Series Magnetic Tape
*        Units, A22-6866). On the scratch drive 0C1 (at load point)
*        it writes two blocks, a tape mark, a block and a tape mark;
*        rewinds; reads with and without suppress length indication
*        (incorrect length), into a tape mark (unit exception); reads
*        a block backward (the channel stores it from the last byte
*        down); backspaces and spaces forward blocks and files; sets
*        7- and 9-track modes; gives an invalid command (command
*        reject); reads past the last block (data check); writes on
*        the file-protected drive 0C2 (command reject). After each
*        operation the console at 01F shows the SIO condition code
*        and the CSW (unit status, channel status, residual count);
*        after a SENSE its six bytes.
*        Run with ASSIST conventions: R15 = entry, R14 = return.
TAPE     CSECT
         BALR  12,0
         USING *,12
         ST    14,SAVE14
         LA    2,X'0C1'
         LA    1,CSENSE
         LA    9,M01
         BAL   10,STEP
         LA    1,CWR1
         LA    9,M02
         BAL   10,STEP
         LA    1,CWR2
         LA    9,M03
         BAL   10,STEP
         LA    1,CWTM
         LA    9,M04
         BAL   10,STEP
         LA    1,CWR3
         LA    9,M05
         BAL   10,STEP
         LA    1,CWTM
         LA    9,M04
         BAL   10,STEP
         LA    1,CREW
         LA    9,M06
         BAL   10,STEP
*        read block 1 (10 bytes) with SLI into an 80-byte area
         LA    1,CRD80
         LA    9,M07
         BAL   10,STEP
         MVC   DATA(10),BUF
         BAL   10,SHOWDATA
*        block 2 (20 bytes) with a count of 4, no SLI: incorrect length
         LA    1,CRD4
         LA    9,M08
         BAL   10,STEP
         MVC   DATA(4),BUF
         BAL   10,SHOWDATA
*        the tape mark
         LA    1,CRD80
         LA    9,M09
         BAL   10,STEP
*        block 3 forward, then backward: stored from BUFEND down
         LA    1,CRD80
         LA    9,M10
         BAL   10,STEP
         MVC   DATA(5),BUF
         BAL   10,SHOWDATA
         MVI   BUF2,C'.'
         MVC   BUF2+1(79),BUF2
         LA    1,CRDBK
         LA    9,M11
         BAL   10,STEP
         MVC   DATA(8),BUFEND-7
         BAL   10,SHOWDATA
*        backspace block over the tape mark: unit exception
         LA    1,CBSB
         LA    9,M12
         BAL   10,STEP
*        backspace file: no tape mark before, so to the load point
         LA    1,CBSF
         LA    9,M13
         BAL   10,STEP
         LA    1,CSENSE
         LA    9,M01
         BAL   10,STEP
*        forward space file, then block 3, then the mark
         LA    1,CFSF
         LA    9,M14
         BAL   10,STEP
         LA    1,CFSB
         LA    9,M15
         BAL   10,STEP
         LA    1,CFSB
         LA    9,M15
         BAL   10,STEP
*        mode sets
         LA    1,CMODE7
         LA    9,M16
         BAL   10,STEP
         LA    1,CMODE9
         LA    9,M17
         BAL   10,STEP
*        an invalid command, then the sense
         LA    1,CBAD
         LA    9,M18
         BAL   10,STEP
         LA    1,CSENSE
         LA    9,M01
         BAL   10,STEP
*        past the last block written: data check
         LA    1,CRD80
         LA    9,M19
         BAL   10,STEP
         LA    1,CSENSE
         LA    9,M01
         BAL   10,STEP
*        the file-protected drive
         LA    2,X'0C2'
         LA    1,CWR1
         LA    9,M20
         BAL   10,STEP
         LA    1,CSENSE
         LA    9,M01
         BAL   10,STEP
         L     14,SAVE14
         BR    14
*
*        STEP: run the channel program at R1 on device R2 and type the
*        line: the 24-character label at R9, the CC, the CSW's unit
*        status, channel status and count; after a SENSE, the bytes.
STEP     ST    10,SAVE10
         BAL   11,DOIO
         MVC   LINE,BLANKS
         MVC   LLABEL,0(9)
         MVC   LCCT(2),=C'CC'
         STC   3,LCC
         OI    LCC,X'F0'
         MVC   LCSWT,=C'CSW'
         UNPK  LCSW(5),68(3,0)    unit and channel status
         TR    LCSW(4),HEX-240
         MVI   LCSW+4,C' '
         UNPK  LCNT(5),70(3,0)    residual count
         TR    LCNT(4),HEX-240
         MVI   LCNT+4,C' '
         CLI   0(1),X'04'         a SENSE: its bytes
         BNE   TYPE
         MVC   LSNST,=C'SENSE'
         UNPK  LSNS(13),SNS(7)
         TR    LSNS(12),HEX-240
         MVI   LSNS+12,C' '
TYPE     LA    1,CLINE
         LA    4,X'01F'
         LR    5,2
         LR    2,4
         BAL   11,DOIO
         LR    2,5
         L     10,SAVE10
         BR    10
*
*        SHOWDATA: type "  DATA: " and the bytes at DATA
SHOWDATA ST    10,SAVE10
         LR    5,2
         LA    1,CDATA
         LA    2,X'01F'
         BAL   11,DOIO
         LR    2,5
         MVI   DATA,C' '
         MVC   DATA+1(L'DATA-1),DATA
         L     10,SAVE10
         BR    10
*
*        DOIO: start the channel program at R1 on device R2, wait for
*        its end with TEST I/O. R3 = the SIO's condition code (CC 0
*        when TEST I/O found the end); the CSW at 64 holds the status.
DOIO     ST    1,72
AGAIN    SIO   0(2)
         BC    8,STARTED
         BC    4,CSWNOW
         BC    2,AGAIN
         LA    3,3
         XC    64(8),64
         BR    11
CSWNOW   LA    3,1
         BR    11
STARTED  TIO   0(2)
         BC    4,DONE
         BC    1,DEAD
         B     STARTED
DONE     SR    3,3
         BR    11
DEAD     LA    3,3
         BR    11
*
         DS    0D
CSENSE   DC    X'04',AL3(SNS),X'20',X'00',AL2(6)
CWR1     DC    X'01',AL3(REC1),X'00',X'00',AL2(L'REC1)
CWR2     DC    X'01',AL3(REC2),X'00',X'00',AL2(L'REC2)
CWR3     DC    X'01',AL3(REC3),X'00',X'00',AL2(L'REC3)
CWTM     DC    X'1F',AL3(0),X'20',X'00',AL2(1)
CREW     DC    X'07',AL3(0),X'20',X'00',AL2(1)
CRD80    DC    X'02',AL3(BUF),X'20',X'00',AL2(80)
CRD4     DC    X'02',AL3(BUF),X'00',X'00',AL2(4)
CRDBK    DC    X'0C',AL3(BUFEND),X'20',X'00',AL2(80)
CBSB     DC    X'27',AL3(0),X'20',X'00',AL2(1)
CBSF     DC    X'2F',AL3(0),X'20',X'00',AL2(1)
CFSF     DC    X'3F',AL3(0),X'20',X'00',AL2(1)
CFSB     DC    X'37',AL3(0),X'20',X'00',AL2(1)
CMODE7   DC    X'13',AL3(0),X'20',X'00',AL2(1)
CMODE9   DC    X'CB',AL3(0),X'20',X'00',AL2(1)
CBAD     DC    X'47',AL3(0),X'20',X'00',AL2(1)
CLINE    DC    X'09',AL3(LINE),X'00',X'00',AL2(L'LINE)
CDATA    DC    X'09',AL3(MDATA),X'00',X'00',AL2(LMDATA)
SAVE14   DS    F
SAVE10   DS    F
SNS      DC    XL7'00'
REC1     DC    C'FIRST BLK.'
REC2     DC    C'SECOND BLOCK, 20 CH.'
REC3     DC    C'ABCDE'
BUF      DS    CL80
BUF2     DS    CL80
BUFEND   EQU   BUF2+79
LINE     DS    0CL72
LLABEL   DS    CL24
         DS    CL1
LCCT     DS    CL3
LCC      DS    CL1
         DS    CL1
LCSWT    DS    CL3
         DS    CL1
LCSW     DS    CL5
LCNT     DS    CL5
LSNST    DS    CL5
         DS    CL1
LSNS     DS    CL13
         DS    CL9
BLANKS   DC    CL72' '
MDATA    DC    C'  DATA: '
DATA     DC    CL10' '
LMDATA   EQU   *-MDATA
M01      DC    CL24'SENSE'
M02      DC    CL24'WRITE 10 BYTES'
M03      DC    CL24'WRITE 20 BYTES'
M04      DC    CL24'WRITE TAPE MARK'
M05      DC    CL24'WRITE 5 BYTES'
M06      DC    CL24'REWIND'
M07      DC    CL24'READ 80, SLI'
M08      DC    CL24'READ 4, NO SLI'
M09      DC    CL24'READ: TAPE MARK'
M10      DC    CL24'READ 80, SLI'
M11      DC    CL24'READ BACKWARD 80, SLI'
M12      DC    CL24'BACKSPACE BLOCK'
M13      DC    CL24'BACKSPACE FILE'
M14      DC    CL24'FORWARD SPACE FILE'
M15      DC    CL24'FORWARD SPACE BLOCK'
M16      DC    CL24'MODE SET 13 (7-TRACK)'
M17      DC    CL24'MODE SET CB (9-TRACK)'
M18      DC    CL24'COMMAND 47 (INVALID)'
M19      DC    CL24'READ PAST THE LAST BLOCK'
M20      DC    CL24'WRITE ON 0C2 (PROTECTED)'
HEX      DC    C'0123456789ABCDEF'
         END   TAPE
