* The interval timer (A22-6821, "Interval Timer"): the word at location
* steps down; going negative requests an external interruption with cod
* X'0080'. First the program loops until the timer interrupts it, then 
* waits (an enabled wait) for the next one, then it ends.
TIMER    CSECT
         USING *,15
         MVC   X'58'(8),EXTNEW     external new PSW: go to GOTEXT
         MVC   X'50'(4),=X'00000300'   negative at the fourth step
         SR    3,3                 interruptions so far
         SSM   ENABLE              enable external interruptions
LOOP     LA    2,1(,2)             count while waiting
         B     LOOP
GOTEXT   CLC   X'1A'(2),=X'0080'   the timer's code in the old PSW?
         BNE   BAD
         LA    3,1(,3)
         CH    3,=H'2'
         BE    DONE
         MVC   X'50'(4),=X'00000100'   negative at the second step
         LPSW  WAITPSW             enabled wait for it
DONE     BR    14
BAD      DC    H'0'
         DS    0D
EXTNEW   DC    X'00000000',A(GOTEXT)
WAITPSW  DC    X'01020000',A(0)
ENABLE   DC    X'01'
         END   TIMER
