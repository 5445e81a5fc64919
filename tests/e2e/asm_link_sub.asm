*        The other deck: SUB and the message MSG, named by ENTRY.
SUB      CSECT
         ENTRY MSG
         USING SUB,15
         XPRNT HELLO,L'HELLO
         BR    14
HELLO    DC    C' IN SUB'
MSG      DC    CL12' FROM SUB'
         END
