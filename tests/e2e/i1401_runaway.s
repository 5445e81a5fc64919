     * a DIVIDE whose chained B field never ends (no word mark round storage):
     * the runaway instruction stops the run (found by lockstep random programs)
               ORG  400
     L0        C    F1
               D    F33
               H
     F1        DCW  208924
     F33       DCW  @C091-.@
               END  L0
