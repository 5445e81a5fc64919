*        PRIMES -- the sieve of Eratosthenes for the numbers below 200,
*        printed six to a line with XDECO and XPRNT (ASSIST).
*        FLAGS+I is X'00' while I may be prime, X'01' once crossed out.
PRIMES   CSECT
         USING PRIMES,15
NMAX     EQU   199                 the largest number tested
         LA    2,2                 R2 = I, the number being tested
         LA    9,NMAX              R9 = BXLE limit (odd partner of R8)
         LA    10,LINE+1           R10 -> where the next number goes
         LA    11,6                R11 = free places on this line
TEST     LA    4,FLAGS
         AR    4,2                 R4 -> FLAGS+I
         CLI   0(4),0              crossed out?
         BNE   NEXT                yes: not a prime
         XDECO 2,0(,10)            a prime: 12 characters into the line
         LA    10,12(,10)
         BCT   11,CROSS            room left on the line
         XPRNT LINE,73             the line is full: print it
         MVI   LINE+1,C' '         and blank it
         MVC   LINE+2(71),LINE+1
         LA    10,LINE+1
         LA    11,6
CROSS    LR    6,2                 J = I
         LR    8,2                 increment I
         B     STEP
MARK     LA    4,FLAGS
         AR    4,6
         MVI   0(4),1              cross out J
STEP     BXLE  6,8,MARK            J = J + I; again while J <= NMAX
NEXT     LA    2,1(,2)             I = I + 1
         LA    3,NMAX
         CR    2,3
         BNH   TEST
         LA    3,6
         CR    11,3                anything on the last line?
         BE    DONE
         XPRNT LINE,73
DONE     BR    14
LINE     DC    CL73' '             control character, six fields
FLAGS    DC    200X'00'
         END   PRIMES
