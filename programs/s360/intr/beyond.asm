*        BEYOND -- a fetch from X'2000', the first byte past 8K of
*        storage: with --storage 8K an addressing exception (code 5,
*        ILC 2, the operation suppressed: R2 unchanged) ends the run
*        with ASSIST's completion dump; with more storage it loads
*        and the program ends normally.
BEYOND   CSECT
         USING BEYOND,15
         L     3,AT
         SR    2,2
         L     2,0(,3)             X'2000'
         BR    14
AT       DC    X'00002000'
         END   BEYOND
