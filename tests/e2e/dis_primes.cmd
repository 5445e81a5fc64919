out=${TMPDIR:-/tmp}/mcemu-e2e-$$.bin
$MCEMU asm programs/s360/primes.asm -o "$out" --origin 1000 && $MCEMU dis -m assist "$out" --origin 1000 --length 64; rc=$?
rm -f "$out"; exit $rc
