*        AHEAD -- self-modifying code: each pass stores an opcode into
*        the RR instruction two ahead (AR SR AR SR LR, with R3 and R4 =
*        7), past an LA that runs in between. The instructions from the
*        store to the changed one were run, translated and chained
*        together on the pass before, so the changed one must be
*        fetched again although the chain leads straight to it.
AHEAD    CSECT
         BALR  12,0
         USING *,12
         LA    5,1                 pass 1 .. 5
         LA    3,100               R3: what the RR instruction updates
         LA    4,7
LOOP     IC    7,OPS-1(5)          this pass's opcode ...
         STC   7,RR                ... two instructions ahead
         LA    8,1(,8)             run in between
RR       DC    X'0734'             BCR 3,4 as assembled: never run
         XDECO 3,LINE+6
         XPRNT LINE,18
         LA    5,1(,5)
         C     5,=F'5'
         BNH   LOOP
         BR    14
OPS      DC    X'1A1B1A1B18'       AR SR AR SR LR
LINE     DC    CL18' R3 ='
         LTORG
         END   AHEAD
