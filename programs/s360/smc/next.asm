*        NEXT -- self-modifying code: stores into the very next
*        instruction, inside a loop, so that what was fetched (or
*        translated) on one pass is stale on the next. A22-6821,
*        "Sequential Operation": an instruction is fetched after the
*        one before it completes, so it sees that one's stores.
*        Each pass: STC puts the pass letter into the immediate byte
*        of the MVI right after it; IC and STC put an opcode from a
*        table into the RR instruction right after them (AR SR AR SR
*        LR, with R3 and R4 = 7); IC and STC put a length into the MVC
*        right after them, whose source is the digits 123456789.
NEXT     CSECT
         BALR  12,0
         USING *,12
         LA    5,1                 pass 1 .. 5
         LA    3,100               R3: what the RR instruction updates
         LA    4,7
         LA    6,C'A'              the pass letter
LOOP     STC   6,PATCH+1           into the very next instruction
PATCH    MVI   LINE+6,C'?'         prints the letter stored just before
         IC    7,OPS-1(5)          this pass's opcode ...
         STC   7,RR                ... into the very next instruction
RR       DC    X'0734'             BCR 3,4 as assembled: never run
         IC    7,LENS-1(5)         the length ...
         STC   7,LEN+1             ... of the very next MVC
LEN      MVC   LINE+17(1),DIGITS   moves 1 .. 5 digits
         XDECO 3,LINE+23
         XPRNT LINE,35
         MVC   LINE+17(5),=CL5' '
         LA    6,1(,6)
         LA    5,1(,5)
         C     5,=F'5'
         BNH   LOOP
         BR    14
OPS      DC    X'1A1B1A1B18'       AR SR AR SR LR
LENS     DC    X'0001020304'       lengths minus one
DIGITS   DC    C'123456789'
LINE     DC    CL35' PASS ? DIGITS'
         LTORG
         END   NEXT
