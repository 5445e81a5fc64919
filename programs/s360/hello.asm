*        HELLO -- print one line with XPRNT and return (ASSIST).
*        Entered with R15 = entry, R14 = return address.
HELLO    CSECT
         USING HELLO,15
         XPRNT MSG,13              print: carriage control + 12 chars
         BR    14                  back to the caller: end of the run
MSG      DC    C' HELLO, WORLD'    first byte: single space
         END   HELLO
