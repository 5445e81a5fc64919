out=${TMPDIR:-/tmp}/mcemu-e2e-$$.bin; rm -f "$out"
$MCEMU asm tests/e2e/asm_errors.asm -o "$out"; rc=$?
if [ -e "$out" ]; then echo "an output file was written"; rm -f "$out"; exit 99; fi
exit $rc
