* Every statement here has an error; assembly goes on after each one.
ERRS     CSECT
         USING ERRS,12
         L     1,NOSUCH           undefined symbol
         FOO   1,2                undefined operation code
         LR    16,1               register out of range
DUP      DS    F
DUP      DS    F                  previously defined
         LA    1,4096             displacement too large
         MVI   0(1),256           immediate too large
         L     1                  missing operand
         L     1,2,3              one operand too many
         DC    Q'1'               unknown type
         DC    X'1G'              bad hex digit
         DC    C'ABC              no ending apostrophe
         MVC   0(257,1),0(2)      length too large
         L     2,=F'1'            a literal
9BAD     DS    F                  bad name
         LA    1,(5+)             bad expression
         L     1,0(,12)           this one is fine
         END   ERRS
