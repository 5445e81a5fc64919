out=${TMPDIR:-/tmp}/mcemu-e2e-$$.ucode; rm -f "$out"
$MCEMU isac tests/e2e/isac_syntax.isa -o "$out"; rc=$?
if [ -e "$out" ]; then echo "an output file was written"; rm -f "$out"; exit 99; fi
exit $rc
