out=${TMPDIR:-/tmp}/mcemu-e2e-disrange-$$.bin
$MCEMU asm programs/s360/primes.asm -o "$out" --origin 1000 && $MCEMU dis -m assist "$out" --origin 1000 --start 1010 --length 10 &&
$MCEMU dis -m assist "$out" --origin 1000 --start 1012 --length 2; rc=$?
$MCEMU dis -m assist "$out" --origin 1000 --start 9000 --length 12 2>&1; echo "exit $?"
rm -f "$out"; exit $rc
