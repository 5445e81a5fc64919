*        EXSTOP -- a run that ends inside an instruction soon after an
*        EX, on the second round of a loop (tier 1 chains it then):
*        EX 0,TARGET runs LR 3,1 in its place, then DR 2,6 divides by
*        R6, which is 1 on the first round and 0 on the second: a
*        fixed-point divide exception ends the run with the ASSIST
*        completion dump. Neither tier may still be "under EXEC"
*        there: tier 1 clears that at the end of the subject
*        instruction (uc_gen.c, ENDOP).
EXSTOP   CSECT
         USING EXSTOP,15
         LA    1,5
         LA    4,3
         LA    6,1
LOOP     EX    0,TARGET
         SR    2,2
         DR    2,6                 R6 = 1, then 0: divide exception
         SR    6,6
         BCT   4,LOOP
         BR    14
TARGET   LR    3,1
         END   EXSTOP
