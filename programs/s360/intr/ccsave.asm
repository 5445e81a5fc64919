*        CCSAVE -- the condition code a program interruption saves,
*        and that BALR and BC read, is the one the instruction before
*        set (A22-6821, "Program Status Word"; an interrupted operation
*        that is suppressed leaves the condition code as it was). Each
*        case sets a condition code and then runs an instruction that
*        is interrupted (specification: an operand or an EX target at
*        an odd address) or that reads the code; a line shows the code
*        seen. Among them, instructions that would set the code again
*        but are interrupted before they do (A, S, C). mcemu's tier 1
*        computes a condition code only where it is read (lazy fields,
*        microcode/uc_gen.c): these are such places. Two passes: the
*        second runs what tier 1 has translated and chained.
CCSAVE   CSECT
         USING CCSAVE,15
         MVC   104(8,0),PGMNEW     program new PSW: PCH
         L     2,FIVE
         LA    9,2                 passes
PASS     L     3,SEVEN
*                                  1: LTR sets 2, A is interrupted
         LA    11,C2
         LTR   2,2
         A     3,ODD
C2       LA    11,C3               2: SR sets 0, L is interrupted
         SR    4,4
         L     4,ODD
C3       LA    11,C4               3: CR sets 1, S is interrupted
         CR    2,3
         S     3,ODD
C4       LA    11,C5               4: CLR sets 2, C is interrupted
         CLR   3,2
         C     3,ODD
C5       LA    11,C6               5: AR sets 1, then SR sets 2 and
         L     4,MINUS9               EX at an odd target: interrupted
         AR    4,2
         SR    3,4
         EX    0,ODD
C6       LA    11,C7               6: LCR sets 1, BALR reads it
         LCR   4,2
         BALR  6,0
         SRL   6,28
         N     6,THREE
         XDECO 6,LCC
         MVC   LCODE,NONE
         XPRNT LINE,LLEN
C7       LA    11,C8               7: NR sets 0, BC reads it
         LA    6,0
         NR    6,6
         BC    8,C7Z
         MVC   LCC,NONE
         B     C7P
C7Z      MVC   LCC,ZERO
C7P      MVC   LCODE,NONE
         XPRNT LINE,LLEN
C8       LA    11,C9               8: AR overflows: 3 (and code 8
         L     4,MAXP                 when the program mask allows it)
         AR    4,4
         C     4,ODD
C9       LA    11,C10              9: the same with fixed-point
         L     4,PMFIX                overflow on in the program mask:
         SPM   4                      code 8 (the AR completes)
         L     4,MAXP
         AR    4,4
C10      SR    4,4                 program mask off again
         SPM   4
         BCT   9,PASS
         BR    14
*
PCH      IC    6,44(,0)            old PSW byte 4: ILC, CC, mask
         SRL   6,4
         N     6,THREE
         XDECO 6,LCC
         LH    6,42(,0)            interruption code
         XDECO 6,LCODE
         XPRNT LINE,LLEN
         BR    11
*
         DS    0D
PGMNEW   DC    X'00000000',A(PCH)
FIVE     DC    F'5'
SEVEN    DC    F'7'
MINUS9   DC    F'-9'
MAXP     DC    X'7FFFFFFF'
THREE    DC    F'3'
PMFIX    DC    X'08000000'         SPM: CC 0, fixed-point overflow
         DC    X'00'
ODD      DC    X'00000000'
NONE     DC    CL12'           -'
ZERO     DC    CL12'           0'
LINE     DC    C' CC'
LCC      DS    CL12
         DC    C'  CODE'
LCODE    DS    CL12
LLEN     EQU   *-LINE
         END   CCSAVE
